/* inj-window.h: the main window: a grouped sidebar and the page it
 * shows, each with its header bar; a welcome at the first start. */
#pragma once

#include <adwaita.h>

#include "inj-session.h"

G_BEGIN_DECLS

#define INJ_TYPE_WINDOW (inj_window_get_type ())
G_DECLARE_FINAL_TYPE (InjWindow, inj_window, INJ, WINDOW, AdwApplicationWindow)

GtkWidget *inj_window_new              (AdwApplication *application,
                                        const char *drafts_dir);
GtkWidget *inj_window_new_for_session  (AdwApplication *application,
                                        InjSession *session);
InjSession *inj_window_get_session     (InjWindow *self);
GtkWidget *inj_window_get_editor       (InjWindow *self);
GtkWidget *inj_window_get_card_page    (InjWindow *self);
GtkWidget *inj_window_get_upload_page  (InjWindow *self);
GtkWidget *inj_window_get_delegations_page (InjWindow *self);
GtkWidget *inj_window_get_agent_step_page (InjWindow *self);
GtkWidget *inj_window_get_account_page (InjWindow *self);
GtkWidget *inj_window_get_agent_page   (InjWindow *self);
GtkWidget *inj_window_get_support_page (InjWindow *self);
GtkWidget *inj_window_get_diagnostics_page (InjWindow *self);
GtkWidget *inj_window_get_audit_page   (InjWindow *self);
/* The preferences window while it is open, or NULL. */
GtkWidget *inj_window_get_preferences  (InjWindow *self);

/* The privacy cover, put over the pages on the session's "privacy-lock"
 * (after the idle timeout without input) until "Continue". */
gboolean   inj_window_get_privacy_covered         (InjWindow *self);
GtkWidget *inj_window_get_privacy_continue_button (InjWindow *self);
/* For tests: the idle timeout in milliseconds (the setting is in seconds,
 * at least 60); 0 goes back to the setting. */
void       inj_window_set_idle_timeout_ms         (InjWindow *self,
                                                   guint timeout_ms);
GtkWidget *inj_window_get_review_page  (InjWindow *self);
GtkWidget *inj_window_get_sign_page    (InjWindow *self);
GtkStack  *inj_window_get_stack        (InjWindow *self);
/* The primary menu's button, in the sidebar's header bar. */
GtkWidget *inj_window_get_menu_button  (InjWindow *self);
/* The page "flow" of the stack (an InjFlow): the editor, the agent's
 * proof, the review, signing and the upload as steps. */
GtkWidget *inj_window_get_flow         (InjWindow *self);
/* The card, support and diagnostics pages as tabs (win.show-page "card",
 * "support", "diagnostics" show it at that tab). */
GtkWidget *inj_window_get_card_status_page (InjWindow *self);
GtkWidget *inj_window_get_sidebar      (InjWindow *self);
GtkWidget *inj_window_get_content_header (InjWindow *self);
/* The content header's title: the visible page's. */
const char *inj_window_get_content_title (InjWindow *self);
gboolean    inj_window_open_first_page   (InjWindow *self,
                                          const char *name);
GtkWidget *inj_window_get_new_button   (InjWindow *self);
/* Puts @action (a button, a menu button) at the end of the content
 * header, shown while the page named @page is. */
void       inj_window_add_header_action (InjWindow *self,
                                         const char *page,
                                         GtkWidget *action);
/* The content header's way back to the sidebar, shown when folded. */
GtkWidget *inj_window_get_back_button  (InjWindow *self);
AdwLeaflet *inj_window_get_leaflet     (InjWindow *self);
/* The welcome, shown over the pages while the start-role setting is
 * "unset". */
GtkWidget *inj_window_get_welcome      (InjWindow *self);
gboolean   inj_window_get_welcome_shown (InjWindow *self);

/* Local data (win.erase-local-data, the primary menu's "Erase All Local
 * Data…"): the dialog shown about it, or NULL — the question when no
 * Secret Service answers (responses "refuse", "keep"), the erase
 * confirmation ("cancel", "erase", "erase-audit") or its result ("close"). */
AdwMessageDialog *inj_window_get_local_data_dialog (InjWindow *self);

/* Toasts over the content, for short confirmations (保存しました,
 * コピーしました) that must not stay on a page. A page that does not know
 * its window calls inj_window_toast (page, text), which activates
 * "win.toast" ("s"); FALSE when the page is in no window (a test). */
void        inj_window_add_toast       (InjWindow *self,
                                        const char *title);
gboolean    inj_window_toast           (GtkWidget *widget,
                                        const char *title);
/* The last toast's text, or NULL: for tests. */
const char *inj_window_get_last_toast  (InjWindow *self);

G_END_DECLS
