/* inj-agent-step-page.h: step 2 of the representative's flow: the agent's
 * verified submission for the session's delegation, signed at this desk
 * with the agent's own card or imported from a file the agent sent. */
#pragma once

#include <adwaita.h>

#include "inj-card-picker.h"
#include "inj-session.h"

G_BEGIN_DECLS

typedef enum {
  INJ_AGENT_STEP_NO_DELEGATION = 0, /* nothing to bind a submission to */
  INJ_AGENT_STEP_WAITING,           /* a delegation, no submission (or replacing it) */
  INJ_AGENT_STEP_BUSY,              /* signing at the desk or checking a file */
  INJ_AGENT_STEP_HELD,              /* the session holds a verified submission */
  INJ_AGENT_STEP_MISMATCH,          /* a verified one whose 氏名 is not the agent's:
                                     * not in the session until corrected or confirmed */
} InjAgentStepState;

#define INJ_TYPE_AGENT_STEP_PAGE (inj_agent_step_page_get_type ())
G_DECLARE_FINAL_TYPE (InjAgentStepPage, inj_agent_step_page, INJ, AGENT_STEP_PAGE, GtkWidget)

GtkWidget         *inj_agent_step_page_new              (InjSession *session);
InjAgentStepState  inj_agent_step_page_get_state        (InjAgentStepPage *self);
InjCardPicker     *inj_agent_step_page_get_card_picker  (InjAgentStepPage *self);
const char        *inj_agent_step_page_get_request_code (InjAgentStepPage *self);
void               inj_agent_step_page_import_file      (InjAgentStepPage *self,
                                                         const char *path);
const char        *inj_agent_step_page_get_problem      (InjAgentStepPage *self);
InjVerification   *inj_agent_step_page_get_verification (InjAgentStepPage *self);
const char        *inj_agent_step_page_get_agent_field  (InjAgentStepPage *self,
                                                         InjJpkiField field);
/* What the mismatch dialog's 「一致しないまま使う」 does. */
void               inj_agent_step_page_use_anyway       (InjAgentStepPage *self);
/* The mismatch shown, masked as on the page: the delegation's agent and
 * the certificate's name; "" when none. */
const char        *inj_agent_step_page_get_mismatch     (InjAgentStepPage *self,
                                                         gboolean certificate);
/* The match row's title while one is held, "" otherwise. */
const char        *inj_agent_step_page_get_match        (InjAgentStepPage *self);

G_END_DECLS
