/* inj-window.h: the main window: one page per step, in a sidebar. */
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
GtkWidget *inj_window_get_review_page  (InjWindow *self);
GtkWidget *inj_window_get_sign_page    (InjWindow *self);
GtkStack  *inj_window_get_stack        (InjWindow *self);

G_END_DECLS
