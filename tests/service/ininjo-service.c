/* ininjo-service.c: the local delegation service (電子委任状取扱サービス) of
 * the test bed, speaking data/ininjo-service-api.yaml over HTTPS with
 * mutual TLS: libmicrohttpd with GnuTLS, SQLite, and the client's own
 * verification (app/) to decide what is stored. Also the embedded default
 * service at https://localhost:8443, and a service support staff can make
 * fail the way a user's did (the knobs). */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <json-glib/json-glib.h>
#include <microhttpd.h>

#include "inj-app.h"
#include "svc-context.h"
#include "svc-front.h"
#include "svc-request.h"

#define DEFAULT_PORT 8443
#define MAX_BODY (4 * 1024 * 1024)
#define SLOW_CHUNK 256
#define MAX_SERVER_CHAIN 8
#define PROBLEM_PREFIX "urn:ininjo:problem:"

/* TLS 1.2 and 1.3 only, ECDHE with AEAD ciphers, no SHA-1 signatures
 * (docs/security.md 3). TLS 1.2 stays: a JPKI card cannot sign the RSA-PSS
 * that TLS 1.3 demands of the client. */
#define TLS_PRIORITY_BASE \
  "NORMAL:-CIPHER-ALL:+AES-256-GCM:+AES-128-GCM:+CHACHA20-POLY1305:-MAC-ALL:+AEAD:" \
  "-KX-ALL:+ECDHE-RSA:+ECDHE-ECDSA:-SIGN-RSA-SHA1:-SIGN-ECDSA-SHA1:-SIGN-RSA-SHA224:" \
  "-SIGN-ECDSA-SHA224:-VERS-ALL"
#define TLS_PRIORITY TLS_PRIORITY_BASE ":+VERS-TLS1.3:+VERS-TLS1.2"

typedef struct {
  SvcContext ctx;

  /* options */
  int port;
  char *address;
  char *db_path;
  char *cert;
  char *key;
  char **client_cas;
  char **trust;
  char *record_cert;
  char *record_key;
  char *profile_name;
  char *public_url;
  char *pki;
  char *now;
  char *ready_file;
  int delay_ms;
  double fail_rate;
  gint64 seed;
  gboolean seeded;
  gboolean drop_after_body;
  gboolean tls13_only;
  int slow_body_ms;
  int verify_delay_ms;

  char *profile_json;
  GRand *rand;             /* --fail-rate draws, under rand_lock */
  GMutex rand_lock;
  char *client_trust_pem;  /* every --client-ca, for MHD_OPTION_HTTPS_MEM_TRUST */
  struct MHD_Daemon *daemon;
  SvcFront front;          /* --front-end-*: behind nginx (svc-front.c) */
  GMainLoop *loop;
} Service;

typedef struct {
  char *method;
  char *url;
  char *principal;     /* SHA-256 of the client certificate, hex */
  GByteArray *body;
  gboolean too_large;
  gboolean answered;   /* a response was queued before the body was read */
  gboolean dropped;
  guint status;
  gint64 started;
} Request;

typedef struct {
  guint status;
  const char *content_type;
  char *body;
  char *location;
  char *allow;
  gboolean retry_after;
} Reply;

/* ------------------------------------------------------------------ TLS */

/* The server's certificate for MHD's callback, which has no user data;
 * set once before the daemon starts. */
static gnutls_pcert_st server_chain[MAX_SERVER_CHAIN];
static unsigned int server_chain_length;
static gnutls_privkey_t server_key;
static gboolean tls13_only;

static char *
fingerprint_hex (const gnutls_datum_t *der)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->size);
}

/* Whether the peer's certificate chains to a configured client CA, is
 * valid now and may be used by a TLS client. */
static gboolean
peer_verifies (gnutls_session_t session,
               unsigned int *status)
{
  gnutls_typed_vdata_st purpose = { GNUTLS_DT_KEY_PURPOSE_OID,
                                    (unsigned char *) GNUTLS_KP_TLS_WWW_CLIENT, 0 };

  *status = 0;
  return gnutls_certificate_verify_peers (session, &purpose, 1, status) == 0 && *status == 0;
}

/* After a fatal alert of ours: our FIN follows it, and what the client
 * still sends (its Finished, under TLS 1.3) is read until it closes.
 * Closing with those bytes unread would make the kernel answer with a
 * reset, which can reach the client before it has read the alert. */
static void
linger_after_alert (gnutls_session_t session)
{
  int fd = gnutls_transport_get_int (session);
  gint64 deadline = g_get_monotonic_time () + 500 * G_TIME_SPAN_MILLISECOND;
  char sink[4096];

  if (fd < 0)
    return;
  shutdown (fd, SHUT_WR);
  for (;;)
    {
      gint64 left_ms = (deadline - g_get_monotonic_time ()) / G_TIME_SPAN_MILLISECOND;
      struct pollfd p = { fd, POLLIN, 0 };
      ssize_t n;

      if (left_ms <= 0 || poll (&p, 1, (int) left_ms) <= 0)
        break;
      n = recv (fd, sink, sizeof sink, 0);
      if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN))
        break;
    }
}

static void
refuse (gnutls_session_t session,
        gnutls_alert_description_t alert)
{
  gnutls_alert_send (session, GNUTLS_AL_FATAL, alert);
  linger_after_alert (session);
}

/* Run by GnuTLS in the handshake once the client's Certificate message is
 * in, with or without a certificate: non-zero fails the handshake, so no
 * HTTP ever reaches a client without a verified certificate. */
static int
verify_client_certificate (gnutls_session_t session)
{
  unsigned int status = 0;
  unsigned int n = 0;
  const gnutls_datum_t *peers;
  gnutls_datum_t text = { NULL, 0 };
  g_autofree char *fingerprint = NULL;

  if (peer_verifies (session, &status))
    return 0;
  peers = gnutls_certificate_get_peers (session, &n);
  if (peers && n > 0)
    fingerprint = fingerprint_hex (&peers[0]);
  if (status != 0)
    gnutls_certificate_verification_status_print (status, GNUTLS_CRT_X509, &text, 0);
  svc_log ("TLS: client certificate %.16s… refused: %s",
           fingerprint ? fingerprint : "(none)",
           text.data ? (const char *) text.data
           : fingerprint ? "it cannot be verified" : "no certificate");
  gnutls_free (text.data);
  /* libmicrohttpd closes a failed handshake without a word: the alert
   * tells the client why (TLS 1.3 has one for a missing certificate) */
  if (fingerprint == NULL)
    refuse (session, gnutls_protocol_get_version (session) == GNUTLS_TLS1_3
                       ? GNUTLS_A_CERTIFICATE_REQUIRED : GNUTLS_A_HANDSHAKE_FAILURE);
  else
    refuse (session, status & GNUTLS_CERT_SIGNER_NOT_FOUND ? GNUTLS_A_UNKNOWN_CA
                     : status & GNUTLS_CERT_EXPIRED ? GNUTLS_A_CERTIFICATE_EXPIRED
                     : GNUTLS_A_BAD_CERTIFICATE);
  return -1;
}

/* MHD_OPTION_HTTPS_CERT_CALLBACK, run for every handshake before the
 * server's Certificate and CertificateRequest are sent: the one place
 * libmicrohttpd 0.9.75 lets us change a session in time. The certificate
 * stays "requested" (GNUTLS_CERT_REQUIRE would end a handshake without a
 * certificate before our function runs, and without an alert), and our
 * verify function, which GnuTLS runs whether a certificate came or not,
 * ends every handshake that lacks a good one. */
static int
select_certificate (gnutls_session_t session,
                    const gnutls_datum_t *req_ca_dn,
                    int nreqs,
                    const gnutls_pk_algorithm_t *pk_algos,
                    int pk_algos_length,
                    gnutls_pcert_st **pcert,
                    unsigned int *pcert_length,
                    gnutls_privkey_t *privkey)
{
  /* --tls13-only: TLS 1.2 is negotiated, then refused here, so that the
   * client hears why (a protocol_version alert, as from a server that has
   * no TLS 1.2 at all) instead of a connection closed without a word */
  if (tls13_only && gnutls_protocol_get_version (session) != GNUTLS_TLS1_3)
    {
      svc_log ("TLS: a TLS 1.2 client refused (--tls13-only)");
      refuse (session, GNUTLS_A_PROTOCOL_VERSION);
      return -1;
    }
  gnutls_certificate_server_set_request (session, GNUTLS_CERT_REQUEST);
  gnutls_session_set_verify_function (session, verify_client_certificate);
  *pcert = server_chain;
  *pcert_length = server_chain_length;
  *privkey = server_key;
  return 0;
}

static gboolean
load_server_certificate (const char *cert_path,
                         const char *key_path,
                         GError **error)
{
  g_autofree char *cert_pem = NULL;
  g_autofree char *key_pem = NULL;
  gsize cert_len, key_len;
  gnutls_datum_t cd, kd;
  gnutls_pubkey_t pub = NULL;
  guint8 id_cert[64], id_key[64];
  size_t id_cert_len = sizeof id_cert, id_key_len = sizeof id_key;
  int rc;

  if (!g_file_get_contents (cert_path, &cert_pem, &cert_len, error) ||
      !g_file_get_contents (key_path, &key_pem, &key_len, error))
    return FALSE;
  cd.data = (unsigned char *) cert_pem;
  cd.size = (unsigned) cert_len;
  kd.data = (unsigned char *) key_pem;
  kd.size = (unsigned) key_len;
  server_chain_length = MAX_SERVER_CHAIN;
  rc = gnutls_pcert_list_import_x509_raw (server_chain, &server_chain_length, &cd,
                                          GNUTLS_X509_FMT_PEM, 0);
  if (rc < 0 || server_chain_length == 0)
    {
      server_chain_length = 0;
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s", cert_path,
                   gnutls_strerror (rc));
      return FALSE;
    }
  if ((rc = gnutls_privkey_init (&server_key)) < 0 ||
      (rc = gnutls_privkey_import_x509_raw (server_key, &kd, GNUTLS_X509_FMT_PEM, NULL, 0)) < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s", key_path,
                   gnutls_strerror (rc));
      return FALSE;
    }
  /* a key that is not the certificate's fails every handshake, obscurely */
  rc = gnutls_pubkey_init (&pub);
  if (rc >= 0)
    rc = gnutls_pubkey_import_privkey (pub, server_key, 0, 0);
  if (rc >= 0)
    rc = gnutls_pubkey_get_key_id (pub, 0, id_key, &id_key_len);
  if (rc >= 0)
    rc = gnutls_pubkey_get_key_id (server_chain[0].pubkey, 0, id_cert, &id_cert_len);
  if (pub)
    gnutls_pubkey_deinit (pub);
  if (rc < 0 || id_key_len != id_cert_len || memcmp (id_key, id_cert, id_key_len) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s is not the key of %s",
                   key_path, cert_path);
      return FALSE;
    }
  return TRUE;
}

static void
free_server_certificate (void)
{
  for (unsigned int i = 0; i < server_chain_length; i++)
    gnutls_pcert_deinit (&server_chain[i]);
  server_chain_length = 0;
  if (server_key)
    gnutls_privkey_deinit (server_key);
  server_key = NULL;
}

/* Every --client-ca as one PEM text, each checked to hold certificates. */
static char *
read_client_cas (char **paths,
                 GError **error)
{
  g_autoptr(GString) all = g_string_new (NULL);

  for (guint i = 0; paths && paths[i]; i++)
    {
      g_autofree char *pem = NULL;
      gsize len;
      gnutls_x509_crt_t *crts = NULL;
      unsigned int n = 0;
      gnutls_datum_t d;
      int rc;

      if (!g_file_get_contents (paths[i], &pem, &len, error))
        return NULL;
      d.data = (unsigned char *) pem;
      d.size = (unsigned) len;
      rc = gnutls_x509_crt_list_import2 (&crts, &n, &d, GNUTLS_X509_FMT_PEM, 0);
      for (unsigned int j = 0; rc >= 0 && j < n; j++)
        gnutls_x509_crt_deinit (crts[j]);
      gnutls_free (crts);
      if (rc < 0 || n == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s: no PEM certificate (%s)", paths[i], gnutls_strerror (rc));
          return NULL;
        }
      g_string_append_len (all, pem, (gssize) len);
      g_string_append_c (all, '\n');
    }
  return g_string_free (g_steal_pointer (&all), FALSE);
}

/* The principal: the SHA-256 fingerprint of the client's certificate, once
 * more verified (the handshake already did; a missing one is a 403). */
static char *
client_principal (struct MHD_Connection *conn)
{
  const union MHD_ConnectionInfo *ci = MHD_get_connection_info (conn,
                                                                MHD_CONNECTION_INFO_GNUTLS_SESSION);
  gnutls_session_t session;
  const gnutls_datum_t *peers;
  unsigned int n = 0, status = 0;

  if (ci == NULL || ci->tls_session == NULL)
    return NULL;
  session = ci->tls_session;
  peers = gnutls_certificate_get_peers (session, &n);
  if (peers == NULL || n == 0 || !peer_verifies (session, &status))
    return NULL;
  return fingerprint_hex (&peers[0]);
}

/* ---------------------------------------------------------------- JSON */

static char *
node_to_string (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

static void
add_string (JsonBuilder *b,
            const char *name,
            const char *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

static void
add_bytes (JsonBuilder *b,
           const char *name,
           GBytes *bytes)
{
  g_autofree char *b64 = g_base64_encode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  add_string (b, name, b64);
}

static const char *
problem_title (const char *type)
{
  static const struct {
    const char *type;
    const char *title;
  } titles[] = {
    { "bad-request", "Bad request" },
    { "invalid-delegation", "Invalid delegation" },
    { "invalid-submission", "Invalid agent submission" },
    { "signature", "Signature not valid" },
    { "not-found", "Not found" },
    { "idempotency-conflict", "Idempotency key reused with another request" },
    { "not-renewable", "Not renewable" },
    { "client-certificate", "Client certificate required" },
    { "too-large", "Request too large" },
    { "server-error", "Service unavailable or failed" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_str_equal (titles[i].type, type))
      return titles[i].title;
  g_return_val_if_reached ("Error");
}

static gboolean reply_problem (Reply *reply,
                           Request *req,
                           guint status,
                           const char *type,
                           const char *format,
                           ...) G_GNUC_PRINTF (5, 6);

/* RFC 9457 problem details; @format makes the Japanese detail. FALSE, so
 * that a handler can end with it: the request failed. */
static gboolean
reply_problem (Reply *reply,
               Request *req,
               guint status,
               const char *type,
               const char *format,
               ...)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *full_type = g_strconcat (PROBLEM_PREFIX, type, NULL);
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  json_builder_begin_object (b);
  add_string (b, "type", full_type);
  add_string (b, "title", problem_title (type));
  json_builder_set_member_name (b, "status");
  json_builder_add_int_value (b, status);
  add_string (b, "detail", detail);
  {
    /* the percent-decoded path: any bytes, the problem's JSON in UTF-8 */
    g_autofree char *instance = g_utf8_make_valid (req->url, -1);
    add_string (b, "instance", instance);
  }
  json_builder_end_object (b);
  root = json_builder_get_root (b);

  g_free (reply->body);
  reply->status = status;
  reply->content_type = "application/problem+json";
  reply->body = node_to_string (root);
  return FALSE;
}

static void
reply_json (Reply *reply,
            guint status,
            JsonNode *root)
{
  g_free (reply->body);
  reply->status = status;
  reply->content_type = "application/json";
  reply->body = node_to_string (root);
}

static void
reply_clear (Reply *reply)
{
  g_free (reply->body);
  g_free (reply->location);
  g_free (reply->allow);
}

static void
add_record (Service *svc,
            JsonBuilder *b,
            const char *payload,
            const char *signature)
{
  if (payload == NULL || signature == NULL)
    return;
  json_builder_set_member_name (b, "record");
  json_builder_add_value (b, svc_signer_record (svc->ctx.signer, payload, signature));
}

static JsonNode *
receipt_json (Service *svc,
              SvcReceipt *r)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_string (b, "receipt", r->receipt);
  add_string (b, "status", r->status);
  add_string (b, "delegationId", r->delegation_id);
  add_string (b, "receivedAt", r->received_at);
  add_string (b, "reason", r->reason);
  add_record (svc, b, r->record_payload, r->record_signature);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
summary_members (JsonBuilder *b,
                 SvcDelegation *d,
                 GDateTime *now)
{
  add_string (b, "delegationId", d->delegation_id);
  add_string (b, "status", svc_delegation_status (d, now));
  add_string (b, "start", d->start);
  add_string (b, "end", d->end);
  add_string (b, "storedAt", d->stored_at);
  add_string (b, "supersedes", d->supersedes);
  add_string (b, "supersededBy", d->superseded_by);
}

/* ----------------------------------------------------------- validation */

static char *
new_receipt_id (void)
{
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  guint8 random[10];
  GString *id = g_string_new ("R-");
  guint bits = 0, value = 0;

  if (gnutls_rnd (GNUTLS_RND_NONCE, random, sizeof random) < 0)
    g_error ("no random numbers");
  for (guint i = 0; i < sizeof random; i++)
    {
      value = (value << 8) | random[i];
      bits += 8;
      while (bits >= 5)
        {
          g_string_append_c (id, alphabet[(value >> (bits - 5)) & 31]);
          bits -= 5;
        }
    }
  return g_string_free (id, FALSE);
}

/* What makes two requests "the same" for an Idempotency-Key: the call and
 * the two documents, not the JSON's spacing or member order. */
static char *
request_hash (const char *call,
              GBytes *delegation,
              GBytes *submission)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *d = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, delegation);
  g_autofree char *s = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, submission);

  g_checksum_update (sum, (const guchar *) call, -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
  g_checksum_update (sum, (const guchar *) d, -1);
  g_checksum_update (sum, (const guchar *) s, -1);
  return g_strdup (g_checksum_get_string (sum));
}

/* ------------------------------------------------------------ handlers */

static gboolean
get_profile (Service *svc,
             Reply *reply)
{
  g_free (reply->body);
  reply->status = MHD_HTTP_OK;
  reply->content_type = "application/json";
  reply->body = g_strdup (svc->profile_json);
  return TRUE;
}

static gboolean
register_delegation (Service *svc,
                     Request *req,
                     const SvcRequest *r,
                     Reply *reply)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SvcReceipt) receipt = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *call = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *receipt_id = NULL;
  g_autofree char *received_at = NULL;
  const char *old_id = r->call == SVC_CALL_RENEW ? r->id : NULL;
  const char *lower_key = r->idempotency_key;
  const char *delegation_id = r->delegation_id;
  GBytes *delegation = r->delegation;
  GBytes *submission = r->submission;
  SvcRegistration reg;
  SvcRegisterOutcome outcome;

  call = old_id ? g_strconcat ("renew ", old_id, NULL) : g_strdup ("register");
  hash = request_hash (call, delegation, submission);
  receipt_id = new_receipt_id ();
  now = svc_now (&svc->ctx);
  received_at = inj_date_format_datetime (now);
  reg = (SvcRegistration) {
    .principal = req->principal,
    .idempotency_key = lower_key,
    .request_hash = hash,
    .receipt = receipt_id,
    .delegation_id = delegation_id,
    .supersedes = r->supersedes,
    .delegation = delegation,
    .submission = submission,
    .received_at = received_at,
    .now = now,
  };
  outcome = svc_store_register (svc->ctx.store, &reg, &receipt, &error);
  switch (outcome)
    {
    case SVC_REGISTER_NEW:
    case SVC_REGISTER_REPLAY:
      if (receipt == NULL)
        {
          svc_log ("registration cannot be written: %s", error ? error->message : "?");
          return reply_problem (reply, req, MHD_HTTP_INTERNAL_SERVER_ERROR, "server-error",
                                "サービスの内部エラーです。同じ Idempotency-Key で再送して"
                                "ください。");
        }
      answer = receipt_json (svc, receipt);
      reply_json (reply, MHD_HTTP_ACCEPTED, answer);
      reply->location = g_strconcat ("/api/v1/receipts/", receipt->receipt, NULL);
      if (outcome == SVC_REGISTER_NEW)
        {
          svc_log ("%s: received %s%s%s", receipt->receipt, delegation_id,
                   old_id ? " renewing " : "", old_id ? old_id : "");
          svc_worker_push (&svc->ctx, receipt->receipt);
        }
      else
        svc_log ("%s: the same request again (Idempotency-Key %s)", receipt->receipt, lower_key);
      return TRUE;
    case SVC_REGISTER_KEY_CONFLICT:
      return reply_problem (reply, req, MHD_HTTP_CONFLICT, "idempotency-conflict",
                            "この Idempotency-Key は別の内容の登録に使われています。新しい登録には"
                            "新しいキーを使ってください。");
    case SVC_REGISTER_DUPLICATE_ID:
      return reply_problem (reply, req, MHD_HTTP_CONFLICT, "invalid-delegation",
                            "電子委任状ID %s は既に保管されているか、受付済みで確認中です。",
                            delegation_id);
    case SVC_REGISTER_NOT_FOUND:
      return reply_problem (reply, req, MHD_HTTP_NOT_FOUND, "not-found",
                            "更新する電子委任状 %s は保管されていません。", old_id);
    case SVC_REGISTER_RETIRED:
      return reply_problem (reply, req, MHD_HTTP_CONFLICT, "not-renewable",
                            "電子委任状 %s は既に更新され、廃番になっています。", old_id);
    case SVC_REGISTER_EXPIRED:
      return reply_problem (reply, req, MHD_HTTP_CONFLICT, "not-renewable",
                            "電子委任状 %s は委任期間が終了しています。新しく登録してください。",
                            old_id);
    case SVC_REGISTER_RENEWAL_PENDING:
      return reply_problem (reply, req, MHD_HTTP_CONFLICT, "not-renewable",
                            "電子委任状 %s の更新を受付済みで、確認中です。受付の結果を待って"
                            "ください。", old_id);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
get_receipt (Service *svc,
             Request *req,
             const char *id,
             Reply *reply)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SvcReceipt) r = NULL;
  g_autoptr(JsonNode) answer = NULL;

  r = svc_store_get_receipt (svc->ctx.store, req->principal, id, &error);
  if (r == NULL && error)
    return reply_problem (reply, req, MHD_HTTP_INTERNAL_SERVER_ERROR, "server-error",
                          "サービスの内部エラーです。");
  if (r == NULL)
    return reply_problem (reply, req, MHD_HTTP_NOT_FOUND, "not-found",
                          "受付 %s はありません。", id);
  answer = receipt_json (svc, r);
  reply_json (reply, MHD_HTTP_OK, answer);
  return TRUE;
}

static gboolean
list_delegations (Service *svc,
                  Request *req,
                  Reply *reply)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = svc_store_list (svc->ctx.store, req->principal, &error);
  g_autoptr(GDateTime) now = svc_now (&svc->ctx);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) answer = NULL;

  if (items == NULL)
    return reply_problem (reply, req, MHD_HTTP_INTERNAL_SERVER_ERROR, "server-error",
                          "サービスの内部エラーです。");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "items");
  json_builder_begin_array (b);
  for (guint i = 0; i < items->len; i++)
    {
      json_builder_begin_object (b);
      summary_members (b, items->pdata[i], now);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  answer = json_builder_get_root (b);
  reply_json (reply, MHD_HTTP_OK, answer);
  return TRUE;
}

static gboolean
get_delegation (Service *svc,
                Request *req,
                const char *id,
                Reply *reply)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SvcDelegation) d = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) answer = NULL;

  d = svc_store_get_delegation (svc->ctx.store, req->principal, id, TRUE, &error);
  if (d == NULL && error)
    return reply_problem (reply, req, MHD_HTTP_INTERNAL_SERVER_ERROR, "server-error",
                          "サービスの内部エラーです。");
  /* another principal's is as unknown as one never stored */
  if (d == NULL)
    return reply_problem (reply, req, MHD_HTTP_NOT_FOUND, "not-found",
                          "電子委任状 %s は保管されていません。", id);
  now = svc_now (&svc->ctx);
  b = json_builder_new ();
  json_builder_begin_object (b);
  summary_members (b, d, now);
  add_bytes (b, "delegation", d->delegation);
  add_bytes (b, "agentSubmission", d->submission);
  json_builder_set_member_name (b, "agent");
  json_builder_begin_object (b);
  add_string (b, "name", d->agent_name);
  add_string (b, "address", d->agent_address);
  add_string (b, "birthDate", d->agent_birth_date);
  json_builder_end_object (b);
  add_record (svc, b, d->record_payload, d->record_signature);
  json_builder_end_object (b);
  answer = json_builder_get_root (b);
  reply_json (reply, MHD_HTTP_OK, answer);
  return TRUE;
}

/* 有効性確認 (seed 000, 5.1): anyone the service accepts may ask; the
 * answer is signed as it is given. */
static gboolean
get_validity (Service *svc,
              Request *req,
              const char *id,
              Reply *reply)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SvcDelegation) d = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(JsonBuilder) p = json_builder_new ();
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) payload = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *checked_at = NULL;
  g_autofree char *payload_b64 = NULL;
  g_autofree char *signature_b64 = NULL;
  const char *status;

  d = svc_store_get_delegation (svc->ctx.store, NULL, id, FALSE, &error);
  if (d == NULL && error)
    return reply_problem (reply, req, MHD_HTTP_INTERNAL_SERVER_ERROR, "server-error",
                          "サービスの内部エラーです。");
  now = svc_now (&svc->ctx);
  checked_at = inj_date_format_datetime (now);
  status = d ? svc_delegation_status (d, now) : "unknown";

  json_builder_begin_object (p);
  add_string (p, "delegationId", id);
  add_string (p, "status", status);
  if (d)
    {
      add_string (p, "start", d->start);
      add_string (p, "end", d->end);
    }
  add_string (p, "checkedAt", checked_at);
  json_builder_end_object (p);
  payload = json_builder_get_root (p);
  if (!svc_signer_sign (svc->ctx.signer, payload, &payload_b64, &signature_b64, &error))
    {
      svc_log ("validity: %s", error->message);
      return reply_problem (reply, req, MHD_HTTP_INTERNAL_SERVER_ERROR, "server-error",
                            "サービスの内部エラーです。");
    }

  json_builder_begin_object (b);
  add_string (b, "delegationId", id);
  add_string (b, "status", status);
  if (d)
    {
      add_string (b, "start", d->start);
      add_string (b, "end", d->end);
    }
  add_string (b, "checkedAt", checked_at);
  add_record (svc, b, payload_b64, signature_b64);
  json_builder_end_object (b);
  answer = json_builder_get_root (b);
  reply_json (reply, MHD_HTTP_OK, answer);
  return TRUE;
}

/* The request's route and body are read by svc_request_parse (the bytes
 * alone, as tests/fuzz reads them); the handlers look things up. */
static gboolean
route (Service *svc,
       Request *req,
       struct MHD_Connection *conn,
       Reply *reply)
{
  g_auto(SvcRequest) r = { 0 };
  g_auto(SvcRefusal) refusal = { 0 };
  const char *key = MHD_lookup_connection_value (conn, MHD_HEADER_KIND, "Idempotency-Key");
  const char *type = MHD_lookup_connection_value (conn, MHD_HEADER_KIND, "Content-Type");

  if (!svc_request_parse (req->method, req->url, key, type,
                          req->body ? req->body->data : NULL, req->body ? req->body->len : 0,
                          &svc->ctx.app_lock, &r, &refusal))
    {
      if (refusal.allow)
        reply->allow = g_strdup (refusal.allow);
      return reply_problem (reply, req, refusal.status, refusal.type, "%s", refusal.detail);
    }
  switch (r.call)
    {
    case SVC_CALL_PROFILE:
      return get_profile (svc, reply);
    case SVC_CALL_LIST:
      return list_delegations (svc, req, reply);
    case SVC_CALL_REGISTER:
    case SVC_CALL_RENEW:
      return register_delegation (svc, req, &r, reply);
    case SVC_CALL_GET:
      return get_delegation (svc, req, r.id, reply);
    case SVC_CALL_RECEIPT:
      return get_receipt (svc, req, r.id, reply);
    case SVC_CALL_VALIDITY:
      return get_validity (svc, req, r.id, reply);
    default:
      g_assert_not_reached ();
    }
}

/* ------------------------------------------------------------ plumbing */

typedef struct {
  char *data;
  size_t length;
  guint delay_ms;
} SlowBody;

static ssize_t
slow_body_read (void *cls,
                uint64_t pos,
                char *buf,
                size_t max)
{
  SlowBody *sb = cls;
  size_t n;

  if (pos >= sb->length)
    return MHD_CONTENT_READER_END_OF_STREAM;
  g_usleep ((gulong) sb->delay_ms * 1000);
  n = MIN (max, MIN ((size_t) SLOW_CHUNK, sb->length - (size_t) pos));
  memcpy (buf, sb->data + pos, n);
  return (ssize_t) n;
}

static void
slow_body_free (void *cls)
{
  SlowBody *sb = cls;

  g_free (sb->data);
  g_free (sb);
}

static enum MHD_Result
send_reply (Service *svc,
            struct MHD_Connection *conn,
            Request *req,
            Reply *reply)
{
  struct MHD_Response *response;
  size_t length = reply->body ? strlen (reply->body) : 0;
  enum MHD_Result ret;

  if (svc->slow_body_ms > 0 && length > 0)
    {
      /* --slow-body-ms: SLOW_CHUNK bytes at a time, each after a pause */
      SlowBody *sb = g_new0 (SlowBody, 1);
      sb->data = g_steal_pointer (&reply->body);
      sb->length = length;
      sb->delay_ms = (guint) svc->slow_body_ms;
      response = MHD_create_response_from_callback (length, SLOW_CHUNK, slow_body_read, sb,
                                                    slow_body_free);
    }
  else
    response = MHD_create_response_from_buffer (length, reply->body ? reply->body : (char *) "",
                                                MHD_RESPMEM_MUST_COPY);
  if (response == NULL)
    return MHD_NO;
  MHD_add_response_header (response, MHD_HTTP_HEADER_CONTENT_TYPE, reply->content_type);
  /* the answers carry personal data and signed states of the moment */
  MHD_add_response_header (response, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
  if (reply->location)
    MHD_add_response_header (response, MHD_HTTP_HEADER_LOCATION, reply->location);
  if (reply->allow)
    MHD_add_response_header (response, MHD_HTTP_HEADER_ALLOW, reply->allow);
  if (reply->retry_after)
    MHD_add_response_header (response, MHD_HTTP_HEADER_RETRY_AFTER, "1");
  ret = MHD_queue_response (conn, reply->status, response);
  MHD_destroy_response (response);
  req->status = reply->status;
  return ret;
}

static gboolean
draw_failure (Service *svc)
{
  gboolean fail;

  if (svc->fail_rate <= 0)
    return FALSE;
  g_mutex_lock (&svc->rand_lock);
  fail = g_rand_double (svc->rand) < svc->fail_rate;
  g_mutex_unlock (&svc->rand_lock);
  return fail;
}

static enum MHD_Result
handle_request (void *cls,
                struct MHD_Connection *conn,
                const char *url,
                const char *method,
                const char *version,
                const char *upload_data,
                size_t *upload_data_size,
                void **con_cls)
{
  Service *svc = cls;
  Request *req = *con_cls;
  Reply reply = { 0 };
  enum MHD_Result ret;

  if (req == NULL)
    {
      const char *length = MHD_lookup_connection_value (conn, MHD_HEADER_KIND,
                                                        MHD_HTTP_HEADER_CONTENT_LENGTH);
      req = g_new0 (Request, 1);
      req->method = g_strdup (method);
      req->url = g_strdup (url);
      req->started = g_get_monotonic_time ();
      /* the front end's header on its own listener only, never on this one */
      req->principal = svc_front_owns (&svc->front, conn) ? svc_front_principal (&svc->front, conn)
                                                          : client_principal (conn);
      *con_cls = req;
      /* Answered before the body is read (the connection is then closed). */
      if (req->principal == NULL)
        reply_problem (&reply, req, MHD_HTTP_FORBIDDEN, "client-certificate",
                       "クライアント証明書が必要です（このサービスが信頼する認証局の証明書）。");
      else if (length && g_ascii_strtoull (length, NULL, 10) > MAX_BODY)
        reply_problem (&reply, req, MHD_HTTP_CONTENT_TOO_LARGE, "too-large",
                       "本文が大きすぎます（上限は %d MiB です）。", MAX_BODY / (1024 * 1024));
      if (reply.body == NULL)
        return MHD_YES;
      req->answered = TRUE;
      ret = send_reply (svc, conn, req, &reply);
      reply_clear (&reply);
      return ret;
    }

  if (*upload_data_size > 0)
    {
      if (!req->answered && !req->too_large)
        {
          if (req->body == NULL)
            req->body = g_byte_array_new ();
          if (req->body->len + *upload_data_size > MAX_BODY)
            {
              /* a body without Content-Length: read to its end, keep none */
              req->too_large = TRUE;
              g_clear_pointer (&req->body, g_byte_array_unref);
            }
          else
            g_byte_array_append (req->body, (const guint8 *) upload_data, (guint) *upload_data_size);
        }
      *upload_data_size = 0;
      return MHD_YES;
    }
  if (req->answered)
    return MHD_YES;

  if (req->too_large)
    reply_problem (&reply, req, MHD_HTTP_CONTENT_TOO_LARGE, "too-large",
                   "本文が大きすぎます（上限は %d MiB です）。", MAX_BODY / (1024 * 1024));
  else if (draw_failure (svc))
    {
      reply_problem (&reply, req, MHD_HTTP_SERVICE_UNAVAILABLE, "server-error",
                     "サービスが一時的に利用できません（--fail-rate）。しばらくしてから再送して"
                     "ください。");
      reply.retry_after = TRUE;
    }
  else
    route (svc, req, conn, &reply);

  if (svc->drop_after_body && g_str_equal (method, "POST"))
    {
      /* --drop-after-body: what was registered stays, the answer is lost */
      req->dropped = TRUE;
      reply_clear (&reply);
      return MHD_NO;
    }
  if (svc->delay_ms > 0)
    g_usleep ((gulong) svc->delay_ms * 1000);
  ret = send_reply (svc, conn, req, &reply);
  reply_clear (&reply);
  return ret;
}

static void
request_completed (void *cls,
                   struct MHD_Connection *conn,
                   void **con_cls,
                   enum MHD_RequestTerminationCode toe)
{
  Request *req = *con_cls;
  gint64 ms;

  if (req == NULL)
    return;
  ms = (g_get_monotonic_time () - req->started) / 1000;
  if (req->dropped)
    svc_log ("%s %s dropped after the body (--drop-after-body), %" G_GINT64_FORMAT " ms",
             req->method, req->url, ms);
  else
    svc_log ("%s %s %u client %.16s %" G_GINT64_FORMAT " ms%s", req->method, req->url,
             req->status, req->principal ? req->principal : "(none)", ms,
             toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (not completed)");
  g_free (req->method);
  g_free (req->url);
  g_free (req->principal);
  if (req->body)
    g_byte_array_unref (req->body);
  g_free (req);
  *con_cls = NULL;
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void
mhd_log (void *cls,
         const char *format,
         va_list ap)
{
  g_autofree char *text = g_strdup_vprintf (format, ap);

  g_strchomp (text);
  /* what 0.9.75 says of every failed handshake, whatever the cause */
  if (g_str_equal (text, "Error: received handshake message out of context."))
    svc_log ("TLS: handshake failed");
  else
    svc_log ("libmicrohttpd: %s", text);
}
#pragma GCC diagnostic pop

/* ---------------------------------------------------------------- main */

static char *
build_profile (Service *svc,
               GError **error)
{
  g_autoptr(InjServiceProfile) profile = inj_service_profile_load_default (error);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *policy = NULL;
  g_autofree char *validity = NULL;

  if (profile == NULL)
    return NULL;
  policy = g_strconcat (svc->public_url, "/policy", NULL);
  validity = g_strconcat (svc->public_url, "/api/v1/validity", NULL);
  json_builder_begin_object (b);
  add_string (b, "name", svc->profile_name ? svc->profile_name : profile->name);
  add_string (b, "policyUrl", policy);
  add_string (b, "policyOid", profile->policy_oid);
  add_string (b, "validityUrl", validity);
  add_string (b, "apiVersion", "1.0");
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return node_to_string (root);
}

static gboolean
write_ready_file (Service *svc,
                  guint port,
                  GError **error)
{
  g_autofree char *text = g_strdup_printf ("[service]\nport=%u\nurl=https://localhost:%u\n"
                                           "pid=%d\nfront-end-port=%d\n", port, port,
                                           (int) getpid (), svc->front.port);

  /* g_file_set_contents writes a temporary file and renames it: a reader
   * never sees half of it */
  return g_file_set_contents (svc->ready_file, text, -1, error);
}

static gboolean
quit_on_signal (gpointer data)
{
  Service *svc = data;

  svc_log ("stopping");
  g_main_loop_quit (svc->loop);
  return G_SOURCE_REMOVE;
}

static gboolean
parse_options (Service *svc,
               int *argc,
               char ***argv,
               GError **error)
{
  g_autofree char *seed = NULL;
  const GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &svc->port, "TCP port (0: any free one; default 8443)", "N" },
    { "address", 0, 0, G_OPTION_ARG_STRING, &svc->address, "Address to listen on (default 127.0.0.1)", "ADDR" },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &svc->db_path, "SQLite database (default $XDG_DATA_HOME/ininjo-service/service.db)", "FILE" },
    { "pki", 0, 0, G_OPTION_ARG_FILENAME, &svc->pki, "Defaults from make-service-pki.sh's OUTDIR (server, records, client CA)", "DIR" },
    { "cert", 0, 0, G_OPTION_ARG_FILENAME, &svc->cert, "Server certificate (PEM, chain allowed)", "PEM" },
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &svc->key, "Server key (PEM)", "PEM" },
    { "client-ca", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &svc->client_cas, "CA of accepted client certificates (repeatable)", "PEM" },
    { "trust", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &svc->trust, "Signing trust anchor besides the public JPKI roots (repeatable)", "PEM" },
    { "record-cert", 0, 0, G_OPTION_ARG_FILENAME, &svc->record_cert, "Certificate of the record-signing key (default: --cert)", "PEM" },
    { "record-key", 0, 0, G_OPTION_ARG_FILENAME, &svc->record_key, "Record-signing key, RSA (default: --key)", "PEM" },
    { "profile-name", 0, 0, G_OPTION_ARG_STRING, &svc->profile_name, "Service name in the profile", "NAME" },
    { "public-url", 0, 0, G_OPTION_ARG_STRING, &svc->public_url, "Base of the profile's URLs (default https://localhost:PORT)", "URL" },
    { "delay-ms", 0, 0, G_OPTION_ARG_INT, &svc->delay_ms, "Wait before answering", "N" },
    { "fail-rate", 0, 0, G_OPTION_ARG_DOUBLE, &svc->fail_rate, "Fraction of requests answered 503 (0..1)", "P" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed, "Seed of --fail-rate's draws (repeatable runs)", "N" },
    { "drop-after-body", 0, 0, G_OPTION_ARG_NONE, &svc->drop_after_body, "Close a POST's connection after its body, unanswered", NULL },
    { "tls13-only", 0, 0, G_OPTION_ARG_NONE, &svc->tls13_only, "Refuse TLS 1.2", NULL },
    { "slow-body-ms", 0, 0, G_OPTION_ARG_INT, &svc->slow_body_ms, "Pause before each 256 bytes of a response body", "N" },
    { "verify-delay-ms", 0, 0, G_OPTION_ARG_INT, &svc->verify_delay_ms, "Wait before deciding a receipt (it stays \"received\")", "N" },
    { "now", 0, 0, G_OPTION_ARG_STRING, &svc->now, "Start the service's clock at this time (ISO 8601)", "TIME" },
    { "front-end-port", 0, 0, G_OPTION_ARG_INT, &svc->front.port, "Plain HTTP on 127.0.0.1 for a TLS front end (0: any free port)", "N" },
    { "front-end-header", 0, 0, G_OPTION_ARG_STRING, &svc->front.header, "On the front end's port only: the client certificate (URL-escaped PEM) in this header, NAME-Verify: SUCCESS", "NAME" },
    { "ready-file", 0, 0, G_OPTION_ARG_FILENAME, &svc->ready_file, "Written (port, url, pid) once listening", "FILE" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— the local delegation service (TEST)");

  g_option_context_set_summary (context,
                                "HTTPS with mutual TLS, the API of data/ininjo-service-api.yaml.\n"
                                "Example: ininjo-service --pki PKI --client-ca personas/ca/auth-ca.pem "
                                "--trust personas/ca/sign-ca.pem");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (*argc > 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "unexpected argument %s",
                   (*argv)[1]);
      return FALSE;
    }

  if (svc->pki)
    {
      g_autoptr(GStrvBuilder) cas = g_strv_builder_new ();
      g_autofree char *ca = g_build_filename (svc->pki, "client-ca.pem", NULL);
      if (!svc->cert)
        svc->cert = g_build_filename (svc->pki, "server.pem", NULL);
      if (!svc->key)
        svc->key = g_build_filename (svc->pki, "server.key", NULL);
      if (!svc->record_cert && !svc->record_key)
        {
          svc->record_cert = g_build_filename (svc->pki, "records.pem", NULL);
          svc->record_key = g_build_filename (svc->pki, "records.key", NULL);
        }
      g_strv_builder_add (cas, ca);
      if (svc->client_cas)
        g_strv_builder_addv (cas, (const char **) svc->client_cas);
      g_strfreev (svc->client_cas);
      svc->client_cas = g_strv_builder_end (cas);
    }
  if (!svc->cert || !svc->key)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           "--cert and --key (or --pki) are needed");
      return FALSE;
    }
  if (!svc->client_cas || !svc->client_cas[0])
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           "at least one --client-ca (or --pki) is needed: every client must "
                           "present a certificate");
      return FALSE;
    }
  if (!svc->record_cert != !svc->record_key)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           "--record-cert and --record-key go together");
      return FALSE;
    }
  if (!svc->record_cert)
    {
      svc->record_cert = g_strdup (svc->cert);
      svc->record_key = g_strdup (svc->key);
    }
  if (svc->port < 0 || svc->port > 65535 || svc->delay_ms < 0 || svc->slow_body_ms < 0 ||
      svc->verify_delay_ms < 0 || svc->fail_rate < 0 || svc->fail_rate > 1)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--port is 0..65535, --fail-rate 0..1, the delays are not negative");
      return FALSE;
    }
  if (!svc_front_check (&svc->front, error))
    return FALSE;
  if (seed)
    {
      char *end = NULL;
      svc->seed = g_ascii_strtoll (seed, &end, 10);
      if (end == seed || *end)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--seed %s: not a number",
                       seed);
          return FALSE;
        }
      svc->seeded = TRUE;
    }
  if (svc->now)
    {
      g_autoptr(GDateTime) then = NULL;
      g_autoptr(GTimeZone) jst = inj_date_jst ();
      g_autoptr(GDateTime) real = g_date_time_new_now (jst);
      then = g_date_time_new_from_iso8601 (svc->now, jst);
      if (then == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--now %s: not an ISO 8601 date and time", svc->now);
          return FALSE;
        }
      svc->ctx.clock_offset = g_date_time_difference (then, real);
    }
  if (!svc->address)
    svc->address = g_strdup ("127.0.0.1");
  if (!svc->db_path)
    {
      g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "ininjo-service", NULL);
      if (g_mkdir_with_parents (dir, 0700) < 0)
        {
          int saved = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", dir,
                       g_strerror (saved));
          return FALSE;
        }
      svc->db_path = g_build_filename (dir, "service.db", NULL);
    }
  return TRUE;
}

static gboolean
start_daemon (Service *svc,
              GError **error)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (svc->address);
  g_autoptr(GSocketAddress) address = NULL;
  struct sockaddr_storage native;
  unsigned int flags = MHD_USE_TLS | MHD_USE_THREAD_PER_CONNECTION |
                       MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
  const union MHD_DaemonInfo *info;

  if (inet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "--address %s: not an IP address", svc->address);
      return FALSE;
    }
  address = g_inet_socket_address_new (inet, (guint16) svc->port);
  if (!g_socket_address_to_native (address, &native, sizeof native, error))
    return FALSE;
  if (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6)
    flags |= MHD_USE_IPv6;

  /* Thread per connection: --delay-ms and --slow-body-ms hold one
   * connection, never the others. */
  svc->daemon = MHD_start_daemon (flags, (uint16_t) svc->port, NULL, NULL,
                                  handle_request, svc,
                                  MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
                                  MHD_OPTION_SOCK_ADDR, (struct sockaddr *) &native,
                                  MHD_OPTION_HTTPS_CERT_CALLBACK, select_certificate,
                                  MHD_OPTION_HTTPS_MEM_TRUST, svc->client_trust_pem,
                                  MHD_OPTION_HTTPS_PRIORITIES, TLS_PRIORITY,
                                  MHD_OPTION_NOTIFY_COMPLETED, request_completed, svc,
                                  MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int) 120,
                                  MHD_OPTION_END);
  if (svc->daemon == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "cannot listen on %s port %d (in use? a bad certificate?)", svc->address,
                   svc->port);
      return FALSE;
    }
  info = MHD_get_daemon_info (svc->daemon, MHD_DAEMON_INFO_BIND_PORT);
  svc->port = info ? info->port : svc->port;
  return TRUE;
}

static void
service_clear (Service *svc)
{
  if (svc->daemon)
    MHD_stop_daemon (svc->daemon);
  svc_front_stop (&svc->front);
  svc_worker_stop (&svc->ctx);
  g_clear_pointer (&svc->ctx.store, svc_store_free);
  g_clear_pointer (&svc->ctx.signer, svc_signer_free);
  g_clear_object (&svc->ctx.trust);
  g_mutex_clear (&svc->ctx.app_lock);
  g_clear_pointer (&svc->rand, g_rand_free);
  g_mutex_clear (&svc->rand_lock);
  g_clear_pointer (&svc->loop, g_main_loop_unref);
  free_server_certificate ();
  g_free (svc->address);
  g_free (svc->db_path);
  g_free (svc->cert);
  g_free (svc->key);
  g_strfreev (svc->client_cas);
  g_strfreev (svc->trust);
  g_free (svc->record_cert);
  g_free (svc->record_key);
  g_free (svc->profile_name);
  g_free (svc->public_url);
  g_free (svc->pki);
  g_free (svc->now);
  g_free (svc->ready_file);
  g_free (svc->profile_json);
  g_free (svc->client_trust_pem);
}

static int
run (Service *svc,
     int argc,
     char **argv)
{
  g_autoptr(GError) error = NULL;

  if (!parse_options (svc, &argc, &argv, &error))
    {
      g_printerr ("ininjo-service: %s\n", error->message);
      return 2;
    }

  svc->ctx.trust = inj_trust_store_new_jpki_signing ();
  for (guint i = 0; svc->trust && svc->trust[i]; i++)
    if (!inj_trust_store_add_file (svc->ctx.trust, svc->trust[i], &error))
      goto failed;
  svc->ctx.verify_delay_ms = (guint) svc->verify_delay_ms;
  if (svc->seeded)
    {
      const guint32 words[2] = { (guint32) svc->seed, (guint32) ((guint64) svc->seed >> 32) };
      svc->rand = g_rand_new_with_seed_array (words, G_N_ELEMENTS (words));
    }
  else
    svc->rand = g_rand_new ();
  if (!load_server_certificate (svc->cert, svc->key, &error) ||
      (svc->client_trust_pem = read_client_cas (svc->client_cas, &error)) == NULL ||
      (svc->ctx.signer = svc_signer_new (svc->record_cert, svc->record_key, &error)) == NULL ||
      (svc->ctx.store = svc_store_open (svc->db_path, &error)) == NULL)
    goto failed;

  tls13_only = svc->tls13_only;
  svc_worker_start (&svc->ctx);
  if (!start_daemon (svc, &error)
      || !svc_front_start (&svc->front, svc->client_trust_pem, handle_request, request_completed,
                           svc, &error))
    goto failed;
  if (!svc->public_url)
    svc->public_url = g_strdup_printf ("https://localhost:%d", svc->port);
  if ((svc->profile_json = build_profile (svc, &error)) == NULL)
    goto failed;

  svc->loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, quit_on_signal, svc);
  g_unix_signal_add (SIGINT, quit_on_signal, svc);
  svc_log ("listening on https://%s%s%s:%d (%s), database %s",
           strchr (svc->address, ':') ? "[" : "", svc->address,
           strchr (svc->address, ':') ? "]" : "", svc->port,
           svc->tls13_only ? "TLS 1.3 only" : "TLS 1.2 and 1.3", svc->db_path);
  if (svc->ready_file && !write_ready_file (svc, (guint) svc->port, &error))
    goto failed;
  g_main_loop_run (svc->loop);
  return 0;

failed:
  g_printerr ("ininjo-service: %s\n", error->message);
  return 1;
}

int
main (int argc,
      char **argv)
{
  Service svc = { .port = DEFAULT_PORT };
  int status;

  /* The service answers in Japanese whatever its locale (its details and
   * reasons are for the people using the client). */
  g_setenv ("LANGUAGE", "ja", TRUE);
  g_setenv ("ININJO_LOCALEDIR", SERVICE_BUILD_LOCALEDIR, FALSE);
  inj_i18n_init ();
  inj_xml_init (); /* libxml2's and xmlsec's messages through GLib's log */
  g_mutex_init (&svc.ctx.app_lock);
  g_mutex_init (&svc.rand_lock);

  status = run (&svc, argc, argv);
  if (svc.ready_file && status == 0)
    g_unlink (svc.ready_file);
  service_clear (&svc);
  return status;
}
