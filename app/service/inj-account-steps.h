/* inj-account-steps.h: the steps of the account's statements (seed 000 §3,
 * 委任の終了) that the CLI and the window share: what a termination names,
 * and a statement signed with the card and checked here before it is sent. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "inj-account-store.h"
#include "inj-app.h"
#include "inj-pkcs11.h"
#include "inj-service-account.h"

G_BEGIN_DECLS

/* The SHA-256 (hex) of the signed delegation the service stores, as a
 * Termination names it: @stored is the service's answer of
 * GET /delegations/{id} (its "delegation" member, base64). */
char   *inj_termination_digest     (JsonObject *stored,
                                    GError **error);

/* Signs @st with @signer's card (the signing password asked through its
 * interaction) and verifies the signed statement with @trust: NULL with
 * @error when the card failed (INJ_PKCS11_ERROR …) or the statement does
 * not pass (G_IO_ERROR_INVALID_DATA, the verification's report in the
 * message); then nothing is to be sent. Blocking: a worker thread in a GUI. */
GBytes *inj_statement_sign_checked (InjStatement *st,
                                    InjCardSigner *signer,
                                    InjTrustStore *trust,
                                    GError **error);

/* GET /validity/{id}, believed only with the service's signature over the
 * same answer (its record): NULL with the call's error, or with
 * G_IO_ERROR_INVALID_DATA when the record does not verify or says
 * something else. */
JsonObject     *inj_validity_checked          (InjServiceClient *client,
                                               const char *delegation_id,
                                               GCancellable *cancellable,
                                               GError **error);

/* The account as the service answered it, in the local copy's form
 * (inj-account-store.h): save it once its statement verifies here. */
InjAccountCopy *inj_account_copy_from_service (InjAccount *account);

G_END_DECLS
