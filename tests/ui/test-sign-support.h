/* test-sign-support.h: what the review and sign page tests share: a
 * synthetic delegation, the personas' TEST CA trusted, and an agent's
 * submission signed with the agent persona's software key (no second
 * card needed). Needs INJ_TEST_PERSONAS (tests/card personas). */
#pragma once

#include "inj-app.h"
#include "inj-session.h"

G_BEGIN_DECLS

#define TEST_AGENT_PERSONA "agent-zeirishi"

char          *test_persona_file            (const char *persona,
                                             const char *file);
InjDelegation *test_delegation_new          (void);
void           test_session_trust_personas  (InjSession *session);
void           test_session_add_submission  (InjSession *session);

G_END_DECLS
