/* inj-upload-result.h: what the upload page says when an upload ends,
 * without a display: a failure's one plain cause and the one thing to do
 * about it, and the short note that tells the agent the delegation is
 * registered. */
#pragma once

#include <gio/gio.h>

#include "inj-session.h"

G_BEGIN_DECLS

typedef enum {
  INJ_UPLOAD_REMEDY_RETRY,     /* the network or the service: try again */
  INJ_UPLOAD_REMEDY_CARD,      /* the card or its PIN: check the card */
  INJ_UPLOAD_REMEDY_SETTINGS,  /* the connection settings cannot work */
} InjUploadRemedy;

/* A failed upload (@error is not a cancellation): what to do, and *cause,
 * one plain sentence (static, translated). The error's own text is for
 * 「詳細」 only. */
InjUploadRemedy inj_upload_failure_explain (const GError *error,
                                            const char **cause);
/* The remedy's button: a verb (「再試行」, 「カードを確認する」, 「設定を開く」). */
const char     *inj_upload_remedy_label    (InjUploadRemedy remedy);

/* 「受任者に知らせる」: the parties (inj_render_delegation_parties()), the
 * period, the receipt number and the delegation ID, as plain lines. */
char           *inj_upload_agent_notice    (InjDelegation *delegation,
                                            const char *delegation_id,
                                            const char *receipt);

G_END_DECLS
