/* inj-sign-job.h: the sign page's work off the main thread: the chosen
 * card signs (its holder checked against the delegation's representative,
 * and against the agent's certificate), the result is verified with the
 * session's trust and stored in the outbox with the agent's submission. */
#pragma once

#include <gio/gio.h>

#include "inj-app.h"

G_BEGIN_DECLS

typedef struct {
  InjDelegation *delegation;
  GBytes *submission;
  InjTrustStore *trust;
  InjHolderSigner signer;   /* role representative; other: the agent's certificate */
} InjSignJob;

typedef struct {
  InjVerification *verification;
  GBytes *signed_xml;   /* only when valid */
  char *package_dir;    /* idem */
} InjSignResult;

void  inj_sign_job_free      (InjSignJob *job);
void  inj_sign_result_free   (InjSignResult *r);
/* A GTaskThreadFunc with an InjSignJob as task data; returns an InjSignResult. */
void  inj_sign_job_thread    (GTask *task,
                              gpointer source,
                              gpointer task_data,
                              GCancellable *cancellable);
char *inj_sign_result_describe (InjVerification *v);
/* What is signed, as the sign page says it. */
char *inj_sign_job_describe   (InjDelegation *delegation,
                               gboolean reveal);

G_END_DECLS
