/* inj-window-private.h: what the window's files share: the window
 * (inj-window.c: its pages, the idle timeout and privacy cover, the menu,
 * the object) and the data kept on this computer
 * (inj-window-local-data.c). */
#pragma once

#include <adwaita.h>

#include "inj-window.h"

G_BEGIN_DECLS

struct _InjWindow {
  AdwApplicationWindow parent_instance;

  GtkStack *stack;
  GtkStack *cover_stack;
  GtkWidget *continue_button;
  GtkWidget *menu_button;
  GtkWidget *editor;
  GtkWidget *card_page;
  GtkWidget *upload_page;
  GtkWidget *delegations_page;
  GtkWidget *agent_step_page;
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
void _inj_window_erase_activated (GtkWidget *widget, const char *action_name, GVariant *parameter);
/* inj-window-toast.c */
void _inj_window_setup_toasts (InjWindow *self);
void _inj_window_toast_activated (GtkWidget *widget, const char *action_name, GVariant *parameter);

G_END_DECLS
