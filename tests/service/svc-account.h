/* svc-account.h: the account's calls of ininjo-service (seed 000 §3, §5.2,
 * 委任の終了): registration and change of the 基本情報, the binding of a
 * renewed card, recipients, the end of a delegation; and what the
 * operator does outside the API (pre-registration from its web page, the
 * registry check). The statements are verified by app/ (inj-statement.h). */
#pragma once

#include "svc-service.h"
#include "svc-store-account.h"

G_BEGIN_DECLS

/* Registers the account of a signed AccountRegistration and binds
 * @fingerprint: POST /api/v1/account and --account both come here.
 * FALSE with @refusal set (status, problem type, Japanese detail). */
gboolean svc_account_register     (SvcContext *ctx,
                                   GBytes *statement,
                                   const char *fingerprint,
                                   gboolean confirmed,
                                   SvcAccount **out,
                                   SvcRefusal *refusal);

/* --account STATEMENT.xml:CLIENTCERT.pem at start: registered as the
 * operator's page does it, confirmed; a certificate bound already (a
 * restart on the same database) is left as it is. */
gboolean svc_account_preregister  (SvcContext *ctx,
                                   const char *spec,
                                   GError **error);

/* ininjo-service confirm ACCOUNT_ID --db FILE: the exit status. */
int      svc_account_confirm_main (int argc,
                                   char **argv);

/* The handlers (svc_route dispatches to them). */
gboolean svc_account_get          (Service *svc,
                                   Request *req,
                                   Reply *reply);
gboolean svc_account_post         (Service *svc,
                                   Request *req,
                                   const SvcRequest *r,
                                   Reply *reply);
gboolean svc_account_put          (Service *svc,
                                   Request *req,
                                   const SvcRequest *r,
                                   Reply *reply);
gboolean svc_account_bind         (Service *svc,
                                   Request *req,
                                   const SvcRequest *r,
                                   Reply *reply);
gboolean svc_recipient_post       (Service *svc,
                                   Request *req,
                                   const SvcRequest *r,
                                   Reply *reply);
gboolean svc_terminate            (Service *svc,
                                   Request *req,
                                   const SvcRequest *r,
                                   Reply *reply);

G_END_DECLS
