/* inj-account-client.h: the account as the service answers it (net/'s
 * InjAccount), made readable for the CLI and the window: the current
 * 基本情報 read from the signed statement the service keeps, and the
 * state's words. */
#pragma once

#include "inj-app.h"
#include "inj-service-client.h"

G_BEGIN_DECLS

/* The 基本情報 of @account, read from its signed statement
 * (AccountRegistration or AccountChange) after inj_verify_statement()
 * checked it with @trust at @now (NULL: now). NULL with @error when it
 * does not verify. */
InjAccountInfo *inj_account_read_info    (InjAccount *account,
                                          InjTrustStore *trust,
                                          GDateTime *now,
                                          GError **error);

/* 「確認待ち」 or 「確認済み」 (seed 000 §3.1.3) for the API's state. */
const char     *inj_account_state_label  (const char *state);

G_END_DECLS
