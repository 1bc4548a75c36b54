/* test-agent-support.h: what the agent pages' tests share. They run inside
 * tests/card/with-card.sh (a private pcscd, the virtual card of the
 * agent-zeirishi persona in "Virtual PCD 00 00") and under Xvfb. */
#pragma once

#include <adwaita.h>

#include "inj-app.h"
#include "inj-agent-step-page.h"
#include "inj-session.h"

G_BEGIN_DECLS

#define AGENT_READER "Virtual PCD 00 00"
#define SECOND_READER "Virtual PCD 00 01"

/* A GTlsInteraction that stands in for the person typing: answers with a
 * given password, counts how often it was asked, and can run a hook first. */
#define TEST_TYPE_AGENT_INTERACTION (test_agent_interaction_get_type ())
G_DECLARE_FINAL_TYPE (TestAgentInteraction, test_agent_interaction, TEST, AGENT_INTERACTION,
                      GTlsInteraction)
TestAgentInteraction *test_agent_interaction_new     (const char *password);
guint                 test_agent_interaction_asked   (TestAgentInteraction *self);
void                  test_agent_interaction_set_password (TestAgentInteraction *self,
                                                           const char *password);
void                  test_agent_interaction_set_hook (TestAgentInteraction *self,
                                                       void (*hook) (gpointer data),
                                                       gpointer data);

InjDelegation *test_agent_delegation        (const char *example);
InjSession    *test_agent_session_new       (InjCardMonitor *monitor,
                                             GTlsInteraction *interaction,
                                             const char *drafts_dir);
char          *test_agent_ca                (void);
GtkWidget     *test_agent_show              (GtkWidget *page);
void           test_agent_screenshot        (GtkWidget *window,
                                             const char *name);
char          *test_agent_vcard_control     (const char *command);
char          *test_agent_profile_copy      (const char *persona,
                                             const char *dir,
                                             const char *sign_tries);
GSubprocess   *test_agent_vcard_start_copy  (const char *persona,
                                             const char *dir,
                                             const char *sign_tries);
void           test_agent_vcard_stop        (GSubprocess *vcard);
int            test_agent_cli               (const char *password,
                                             char **output,
                                             ...) G_GNUC_NULL_TERMINATED;
gboolean       test_agent_has_mode_0600     (const char *path);

/* The agent step page on its own in a window, with its session, card
 * monitor and password stand-in (the step page's and the match tests'). */
typedef struct {
  InjCardMonitor *monitor;
  TestAgentInteraction *interaction;
  InjSession *session;
  InjAgentStepPage *page;
  GtkWidget *window;
  char *dir;
} TestAgentStep;

void     test_agent_step_set_up      (TestAgentStep *f,
                                      const char *password);
void     test_agent_step_tear_down   (TestAgentStep *f);
/* For test_ui_wait_until() with the page: */
gboolean test_agent_step_not_busy    (gpointer page);
gboolean test_agent_step_tries_known (gpointer page);

G_END_DECLS
