/* inj-service-client.h: the delegation service's client (net/): libcurl
 * with the GnuTLS backend, JSON with json-glib. Never GTK, never PKCS#11
 * calls (a card key is reached by GnuTLS through its pkcs11: URI).
 *
 * One client = one libcurl handle, reused: a workflow (profile, register,
 * receipt polling) costs one TLS handshake, so one use of the card's
 * authentication key. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define INJ_NET_ERROR (inj_net_error_quark ())
typedef enum {
  INJ_NET_ERROR_UNREACHABLE,         /* name resolution, connection refused, timeout */
  INJ_NET_ERROR_SERVER_CERTIFICATE,  /* not trusted, wrong host, expired: the message says which */
  INJ_NET_ERROR_CLIENT_CERTIFICATE,  /* the service refused our certificate */
  INJ_NET_ERROR_TLS13_WITH_CARD,     /* the server wants TLS 1.3, a JPKI card cannot do it */
  INJ_NET_ERROR_PIN,                 /* the card's PIN was wrong or not given */
  INJ_NET_ERROR_PROBLEM,             /* the service answered with problem details */
  INJ_NET_ERROR_PROTOCOL,            /* an answer that does not follow the API */
  INJ_NET_ERROR_REDIRECT,            /* refused: redirects are never followed */
  INJ_NET_ERROR_FAILED,
  INJ_NET_ERROR_CONFIG,              /* the configuration cannot be used (not https://, no CA file, …) */
  INJ_NET_ERROR_CLIENT_KEY,          /* our certificate or key cannot be used (file, card not in the reader) */
  INJ_NET_ERROR_TLS_POLICY,          /* the service negotiated TLS parameters we do not accept */
  INJ_NET_ERROR_FRONT_END,           /* the service's TLS front end refused what was sent (413) */
  /* The account's problems (inj-service-account.h): each message says what to do. */
  INJ_NET_ERROR_NO_ACCOUNT,          /* the certificate is bound to no account: register, or
                                        bind a renewed card */
  INJ_NET_ERROR_ACCOUNT_NOT_CONFIRMED, /* 確認待ち: the operator checks the registry */
  INJ_NET_ERROR_REPRESENTATIVE_MISMATCH, /* the signer's 氏名 is not the 代表者名 */
  INJ_NET_ERROR_ADDRESS_MISMATCH,    /* the signer's 住所 is not the 代表者住所: change the
                                        基本情報 first, then bind the card */
  INJ_NET_ERROR_REPLAYED_STATEMENT,  /* this signed statement was sent before */
  INJ_NET_ERROR_RECIPIENT_NOT_REGISTERED, /* validity: register as a recipient first */
  INJ_NET_ERROR_DELEGATION_TERMINATED, /* the delegation was ended (委任の終了) */
} InjNetError;
GQuark inj_net_error_quark (void);

/* For INJ_NET_ERROR_PROBLEM and the account's codes: the problem's type (urn:ininjo:problem:…) and
 * HTTP status are in the message's data, see inj_net_error_problem_type().
 * The HTTP status is also set for INJ_NET_ERROR_REDIRECT, for
 * INJ_NET_ERROR_PROTOCOL on an HTTP answer, and for a problem of type
 * client-certificate (INJ_NET_ERROR_CLIENT_CERTIFICATE); 0 otherwise.
 * For INJ_NET_ERROR_SERVER_CERTIFICATE the type says what was wrong:
 * "server-certificate:" and expired, not-yet-valid, insecure-algorithm,
 * revoked, unknown-ca, wrong-host or unverified.
 * An error page of the service's TLS front end (nginx: HTML, no problem
 * details) has a type "front-end:" and client-certificate-refused or
 * no-client-certificate (HTTP 400, INJ_NET_ERROR_CLIENT_CERTIFICATE),
 * too-large (413, INJ_NET_ERROR_FRONT_END), bad-gateway (502), unavailable
 * (503) or gateway-timeout (504) (INJ_NET_ERROR_UNREACHABLE); its HTTP
 * status is set.
 * inj_net_error_attempts() is how many times the request was sent. */
const char *inj_net_error_problem_type (const GError *error);
guint       inj_net_error_http_status  (const GError *error);
guint       inj_net_error_attempts     (const GError *error);

typedef enum {
  INJ_CLIENT_KEY_FILE,   /* PEM certificate and key files: TLS 1.2 or 1.3 */
  INJ_CLIENT_KEY_PKCS11, /* pkcs11: URIs (a JPKI card): capped at TLS 1.2 */
  INJ_CLIENT_KEY_SIGNER, /* an ininjo-key: URL (inj-net-key.h): a card chosen by reader
                            signs, asking its PIN itself; capped at TLS 1.2 */
} InjClientKeyKind;

typedef struct {
  char *base_url;          /* https://host:port, nothing else accepted */
  char *service_ca;        /* PEM file of the CA that issued the server's certificate */
  InjClientKeyKind key_kind;
  char *client_certificate;/* file path, pkcs11: URI or ininjo-key: URL */
  char *client_key;        /* file path, pkcs11: URI or ininjo-key: URL */
  guint connect_timeout_s; /* 0: 10 s */
  guint timeout_s;         /* 0: 60 s for one request */
  guint max_attempts;      /* 0: 4 (retries with backoff for idempotent calls: failed
                            connections, and 502, 503, 504 answers, after their
                            Retry-After when it is at most 8 s; a longer one ends
                            the call with the answer) */
} InjServiceConfig;

void              inj_service_config_clear (InjServiceConfig *config);

#define INJ_TYPE_SERVICE_CLIENT (inj_service_client_get_type ())
G_DECLARE_FINAL_TYPE (InjServiceClient, inj_service_client, INJ, SERVICE_CLIENT, GObject)

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (InjServiceConfig, inj_service_config_clear)

/* @interaction asks for the card's authentication PIN (4 digits) when the
 * key is a pkcs11: URI; the PIN is held wiped-on-free and given to libcurl
 * only for the handshake. It is asked only when a handshake is coming (a
 * reused connection needs none), at most once per call, and never retried
 * by itself. @interaction may be NULL with key files. Fails with
 * INJ_NET_ERROR_CONFIG when the configuration cannot work (not https://,
 * a file missing), INJ_NET_ERROR_FAILED when libcurl's TLS is not GnuTLS. */
InjServiceClient *inj_service_client_new        (const InjServiceConfig *config,
                                                 GTlsInteraction *interaction,
                                                 GError **error);
guint             inj_service_client_get_handshakes (InjServiceClient *self);

/* What the last transfer used and did, for diagnostics and tests: the TLS
 * version negotiated ("TLS1.2", "TLS1.3"; NULL before any connection), a
 * one-line summary of the TLS parameters, the attempts of the last call,
 * and the bytes sent to the service so far (headers and bodies). */
const char       *inj_service_client_get_tls_version (InjServiceClient *self);
char             *inj_service_client_dup_tls_summary (InjServiceClient *self);
guint             inj_service_client_get_last_attempts (InjServiceClient *self);
guint64           inj_service_client_get_bytes_sent (InjServiceClient *self);

/* For diagnostics: the service's certificate as the last connection
 * presented it (subject, issuer, serial, not-after, SHA-256 fingerprint;
 * NULL before any connection), and the service's clock minus ours in
 * seconds, from the last answer's Date header (FALSE when none came). */
char             *inj_service_client_dup_server_certificate (InjServiceClient *self);
gboolean          inj_service_client_get_clock_offset (InjServiceClient *self,
                                                       gint64 *offset_seconds);

/* The versions of libcurl (and its TLS backend) and GnuTLS in use. */
char             *inj_net_dup_curl_version   (void);
const char       *inj_net_gnutls_version     (void);

/* Ends the workflow: closes the connection, so that the next call makes a
 * new handshake (and, with a card, asks for the PIN again). OpenSC 0.23
 * leaves the card verified after GnuTLS's session ends: the caller ends the
 * card's verified state through pkcs11/ afterwards. */
void              inj_service_client_disconnect (InjServiceClient *self);

/* Each call has a blocking form (for the CLI and worker threads) and an
 * async pair run on the client's own worker thread, in order. JSON answers
 * are returned as JsonObject (owned by the caller), checked against the
 * API's required members. The "progress" signal (gdouble fraction, emitted
 * in the client's main context) reports transfers; a handler must not make
 * a blocking call on the same client. Cancellation ends a transfer (or the
 * wait before a retry) at once with G_IO_ERROR_CANCELLED. Arguments that do
 * not match the API's patterns fail with G_IO_ERROR_INVALID_ARGUMENT before
 * anything is sent; register and renew need an Idempotency-Key (a UUID). */
JsonObject *inj_service_client_get_profile   (InjServiceClient *self,
                                              GCancellable *cancellable,
                                              GError **error);
JsonObject *inj_service_client_register      (InjServiceClient *self,
                                              GBytes *delegation,
                                              GBytes *submission,
                                              const char *idempotency_key,
                                              GCancellable *cancellable,
                                              GError **error);
JsonObject *inj_service_client_renew         (InjServiceClient *self,
                                              const char *old_id,
                                              GBytes *delegation,
                                              GBytes *submission,
                                              const char *idempotency_key,
                                              GCancellable *cancellable,
                                              GError **error);
JsonObject *inj_service_client_get_receipt   (InjServiceClient *self,
                                              const char *receipt,
                                              GCancellable *cancellable,
                                              GError **error);
JsonObject *inj_service_client_list          (InjServiceClient *self,
                                              GCancellable *cancellable,
                                              GError **error);
JsonObject *inj_service_client_get           (InjServiceClient *self,
                                              const char *delegation_id,
                                              GCancellable *cancellable,
                                              GError **error);
JsonObject *inj_service_client_validity      (InjServiceClient *self,
                                              const char *delegation_id,
                                              GCancellable *cancellable,
                                              GError **error);

/* Async: @call is one of the blocking functions' names above without the
 * prefix ("get_profile", "list", …); arguments as for the blocking call. */
void        inj_service_client_get_profile_async (InjServiceClient *self,
                                                  GCancellable *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer user_data);
void        inj_service_client_register_async    (InjServiceClient *self,
                                                  GBytes *delegation,
                                                  GBytes *submission,
                                                  const char *idempotency_key,
                                                  GCancellable *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer user_data);
void        inj_service_client_renew_async       (InjServiceClient *self,
                                                  const char *old_id,
                                                  GBytes *delegation,
                                                  GBytes *submission,
                                                  const char *idempotency_key,
                                                  GCancellable *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer user_data);
void        inj_service_client_get_receipt_async (InjServiceClient *self,
                                                  const char *receipt,
                                                  GCancellable *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer user_data);
void        inj_service_client_list_async        (InjServiceClient *self,
                                                  GCancellable *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer user_data);
void        inj_service_client_get_async         (InjServiceClient *self,
                                                  const char *delegation_id,
                                                  GCancellable *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer user_data);
void        inj_service_client_validity_async    (InjServiceClient *self,
                                                  const char *delegation_id,
                                                  GCancellable *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer user_data);
JsonObject *inj_service_client_call_finish       (InjServiceClient *self,
                                                  GAsyncResult *result,
                                                  GError **error);

G_END_DECLS

#include "inj-service-account.h"
