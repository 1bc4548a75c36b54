/* test-sign-support.h: what the review and sign page tests share: a
 * synthetic delegation, the personas' TEST CA trusted, and an agent's
 * submission signed with the agent persona's software key (no second
 * card needed). Needs INJ_TEST_PERSONAS (tests/card personas). */
#pragma once

#include <gtk/gtk.h>

#include "inj-app.h"
#include "inj-session.h"

G_BEGIN_DECLS

#define TEST_AGENT_PERSONA "agent-zeirishi"

char          *test_persona_file            (const char *persona,
                                             const char *file);
InjDelegation *test_delegation_new          (void);
void           test_session_trust_personas  (InjSession *session);
void           test_session_add_submission  (InjSession *session);
/* Right after a frame is painted, so that the picture is of a laid-out
 * page (a label that just changed waits for its allocation). */
void           test_sign_screenshot         (GtkWidget *widget,
                                             const char *name);
/* For test_ui_wait_until(): only the time passes. */
gboolean       test_sign_never              (gpointer data);
/* The button in @widget's tree whose action is @action, or NULL. */
GtkWidget     *test_find_action_button      (GtkWidget *widget,
                                             const char *action);

G_END_DECLS
