/* inj-submission.h: the agent's submission (受任者の電子証明書の提出): a short
 * statement naming the delegation, signed with the agent's own card. */
#pragma once

#include <glib.h>

#include "inj-signature.h"

G_BEGIN_DECLS

#define INJ_SUBMISSION_NAMESPACE "urn:ininjo:agent-submission:1"

typedef struct {
  char *submission_id;
  char *created_at;
  char *delegation_id;      /* with the digest, or NULL when a request code is given */
  GBytes *delegation_digest;
  char *request_code;
  char *statement;
} InjSubmission;

InjSubmission   *inj_submission_new_for_delegation (const char *delegation_id,
                                                    GBytes *delegation_digest,
                                                    GDateTime *now);
InjSubmission   *inj_submission_new_for_code       (const char *request_code,
                                                    GDateTime *now);
void             inj_submission_free               (InjSubmission *submission);
GBytes          *inj_submission_sign               (InjSubmission *submission,
                                                    InjDsigSignFunc sign,
                                                    gpointer user_data,
                                                    GError **error);
InjVerification *inj_verify_submission             (GBytes *xml,
                                                    InjTrustStore *trust,
                                                    GDateTime *now,
                                                    GBytes *delegation_xml,
                                                    InjSubmission **submission,
                                                    GError **error);

char            *inj_request_code                  (GBytes *delegation_digest);
char            *inj_request_code_normalize        (const char *typed);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (InjSubmission, inj_submission_free)

G_END_DECLS
