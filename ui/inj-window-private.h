/* inj-window-private.h: what the window's files share: the window
 * (inj-window.c: its pages, the idle timeout and privacy cover, the menu,
 * the object), its navigation (inj-window-navigation.c) and the data kept
 * on this computer (inj-window-local-data.c). */
#pragma once

#include <adwaita.h>

#include "inj-window.h"

G_BEGIN_DECLS

struct _InjWindow {
  AdwApplicationWindow parent_instance;

  GtkStack *stack;
  GtkStack *cover_stack;
  AdwLeaflet *leaflet;
  GtkWidget *sidebar_scroller;
  GtkWidget *sidebar;
  GtkWidget *content_header;
  AdwWindowTitle *content_title;
  GtkWidget *back_button;
  GtkWidget *new_button;
  GtkWidget *header_actions;
  GtkWidget *welcome;
  GtkWidget *card_status_page;
  GtkWidget *continue_button;
  GtkWidget *menu_button;
  GtkWidget *flow;
  GtkWidget *editor;
  GtkWidget *card_page;
  GtkWidget *upload_page;
  GtkWidget *delegations_page;
  GtkWidget *agent_step_page;
  GtkWidget *account_page;
  GtkWidget *agent_page;
  GtkWidget *support_page;
  GtkWidget *diagnostics_page;
  GtkWidget *audit_page;
  GtkWidget *preferences;
  GtkWidget *review_page;
  GtkWidget *sign_page;
  char *drafts_dir;
  InjCardMonitor *monitor;
  InjSession *session;

  /* The idle timeout: input in the window restarts it; when it runs out,
   * the session's privacy lock covers the pages. */
  guint idle_source;
  guint idle_timeout_ms;  /* 0: the idle-timeout setting */
  double last_x, last_y;
  GtkWidget *focus_before_cover; /* weak */

  /* Local data: the question when no Secret Service answers, the erase
   * confirmation and its result (one at a time). */
  GCancellable *vault_cancellable;
  AdwMessageDialog *local_data_dialog; /* weak */
};

void _inj_window_check_vault (InjWindow *self);
void _inj_window_start_new_delegation (InjWindow *self);
gboolean _inj_window_is_covered (InjWindow *self);

/* inj-window-navigation.c */
void       _inj_window_add_sidebar (InjWindow *self);
GtkWidget *_inj_window_clamped (GtkWidget *page);
void       _inj_window_show_page_activated (GtkWidget *widget, const char *action_name,
                                            GVariant *parameter);
void       _inj_window_new_delegation_activated (GtkWidget *widget, const char *action_name,
                                                 GVariant *parameter);
void       _inj_window_back_clicked (InjWindow *self);
void       _inj_window_role_chosen (InjWindow *self, const char *role);
void _inj_window_erase_activated (GtkWidget *widget, const char *action_name, GVariant *parameter);
/* inj-window-toast.c */
void _inj_window_setup_toasts (InjWindow *self);
void _inj_window_toast_activated (GtkWidget *widget, const char *action_name, GVariant *parameter);

G_END_DECLS
