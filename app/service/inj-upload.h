/* inj-upload.h: the upload and the service's workflows, shared by the CLI
 * and the GUI so that both do the same thing: packages from the outbox to
 * the service (register, or renew when the delegation supersedes
 * another), their receipts followed to the service's decision, the card
 * checked before any PIN is asked and left unverified afterwards, stored
 * delegations fetched and verified here again.
 *
 * Built as its own library (app/ over net/): the domain library itself
 * does not depend on net/. Every function blocks: call them from a worker
 * thread in the GUI. */
#pragma once

#include <gio/gio.h>

#include "inj-app.h"
#include "inj-pkcs11.h"
#include "inj-service-client.h"

G_BEGIN_DECLS

/* Told in the calling thread: @stage for a person (translated), @fraction
 * of the whole from 0 to 1. */
typedef void (*InjUploadProgress) (const char *stage,
                                   double fraction,
                                   gpointer user_data);

/* With the card's authentication key: the My Number card of @monitor,
 * present and with its authentication PIN not locked, so that no PIN is
 * asked in vain. @status (optional) gets the PIN's state, to show the
 * tries left. Fails with INJ_PKCS11_ERROR (no card, PIN locked). */
InjCard    *inj_upload_find_card       (InjCardMonitor *monitor,
                                        InjPinStatus **status,
                                        GCancellable *cancellable,
                                        GError **error);

/* The same for the card in @reader; with @reader NULL, the only card (an
 * error when several readers hold one: the caller lets the person choose). */
InjCard    *inj_upload_find_card_in    (InjCardMonitor *monitor,
                                        const char *reader,
                                        InjPinStatus **status,
                                        GCancellable *cancellable,
                                        GError **error);

/* @card's authentication key for the service client (key_kind
 * INJ_CLIENT_KEY_SIGNER): the certificate and its CA read without a PIN,
 * each signature made by this card, which asks its PIN through
 * @interaction. GnuTLS cannot choose a card by reader (inj-net-key.h).
 * Returns the URL for client_certificate and client_key; give it to
 * inj_net_key_unregister() when the client is gone. */
char       *inj_upload_card_key        (InjCard *card,
                                        GTlsInteraction *interaction,
                                        GCancellable *cancellable,
                                        GError **error);

/* After the workflow, once the client is gone: OpenSC 0.23 leaves the card
 * verified after GnuTLS's session ends. NULL is allowed. */
void        inj_upload_end_card        (InjCard *card);

/* Sends @package (of the outbox) to the service: its idempotency key is
 * chosen and saved first (a retry reuses it: the service registers once),
 * then the delegation and the agent's submission are registered, or the
 * delegation renews the one it supersedes. With the receipt the package
 * leaves the outbox for sent/ (its fields follow). Nothing is lost on
 * failure: a package not sent stays in the outbox with the reason saved
 * (package->reason). See inj_upload_error_not_sent() to tell a package the
 * service did not get from one that could not be read or moved. */
gboolean    inj_upload_package         (InjServiceClient *client,
                                        InjPackage *package,
                                        GCancellable *cancellable,
                                        InjUploadProgress progress,
                                        gpointer user_data,
                                        GError **error);

/* Whether @error of inj_upload_package() means the service did not take
 * the package (network, TLS, PIN, the service's problem, cancelled), as
 * opposed to a local file that could not be read or written. */
gboolean    inj_upload_error_not_sent  (const GError *error);

/* Asks the service once about a sent package's receipt. When it has
 * decided (stored or rejected), the package's state and reason follow,
 * the service's counter-signed record is kept as record.json, and
 * *decided is TRUE. */
gboolean    inj_upload_check_receipt   (InjServiceClient *client,
                                        InjPackage *package,
                                        gboolean *decided,
                                        GCancellable *cancellable,
                                        GError **error);

/* Polls the receipt until the service has decided, a bounded number of
 * times (about 17 s); cancellable between polls. */
gboolean    inj_upload_follow_receipt  (InjServiceClient *client,
                                        InjPackage *package,
                                        GCancellable *cancellable,
                                        InjUploadProgress progress,
                                        gpointer user_data,
                                        GError **error);

/* The packages that left the outbox (sent/), with their receipts. */
GPtrArray  *inj_upload_list_sent       (void);

/* GET the stored delegation @id and verify it here again against @trust;
 * @stored (optional) gets the service's answer (status, agent, record). */
InjDelegation *inj_upload_fetch_verified (InjServiceClient *client,
                                          InjTrustStore *trust,
                                          const char *id,
                                          JsonObject **stored,
                                          GCancellable *cancellable,
                                          GError **error);

/* A state for a person: of a package (ready, received, stored, rejected)
 * or of a delegation at the service (active, retired, expired, unknown). */
const char *inj_upload_status_label    (const char *status);

/* An instant of the service's answers (ISO 8601) as a day in 和暦 (JST). */
char       *inj_upload_display_day     (const char *iso);

G_END_DECLS
