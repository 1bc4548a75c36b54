/* inj-agent-common.h: what the agent's two pages share: how a certificate
 * and a refused submission read on screen, the request code typed by a
 * person, and the small files they read and write (blocking: call these
 * from a worker thread). */
#pragma once

#include <gio/gio.h>

#include "inj-app.h"

G_BEGIN_DECLS

char       *inj_agent_field_text          (InjCertificate *cert,
                                           InjJpkiField field,
                                           gboolean reveal);
char       *inj_agent_validity_text       (InjCertificate *cert,
                                           GDateTime *now);
char       *inj_agent_chain_text          (InjCertificate *cert,
                                           InjChainStatus status,
                                           gboolean pinned,
                                           InjCertificate *anchor);
const char *inj_agent_check_advice        (InjCheckKind kind);
char       *inj_agent_failures_text       (InjVerification *verification);
char       *inj_agent_request_code_problem (const char *typed);

GBytes     *inj_agent_read_file           (const char *path,
                                           GCancellable *cancellable,
                                           GError **error);
gboolean    inj_agent_write_file          (const char *path,
                                           GBytes *bytes,
                                           gboolean replace,
                                           GError **error);

G_END_DECLS
