/* inj-http.c: the transport. One libcurl easy handle, reused, in a multi
 * handle of its own, so that a workflow (profile, register, receipt
 * polling) costs one TLS handshake, hence one PIN and one load of a card's
 * key (GnuTLS then makes two signatures with it: a check that key and
 * certificate match, then the handshake's CertificateVerify); the multi
 * handle is also what lets a GCancellable end a transfer at once
 * (curl_multi_wakeup) instead of at libcurl's next progress tick.
 *
 * What libcurl 7.88.1 with GnuTLS 3.7.9 reports, and how it is read here
 * (lib/vtls/gtls.c of curl-7_88_1):
 * - server certificate: CURLE_PEER_FAILED_VERIFICATION; the GnuTLS
 *   verification status in CURLINFO_SSL_VERIFYRESULT (0x42 signer not found,
 *   0x402 expired, …), and 0 with "certificate subject name (…) does not
 *   match target host name" in the error buffer for a wrong host;
 * - an alert during the handshake: CURLE_SSL_CONNECT_ERROR with
 *   "gnutls_handshake() failed: " and GnuTLS's (translated) alert name;
 * - an alert after a TLS 1.3 handshake (how a server refuses a client
 *   certificate under TLS 1.3): CURLE_RECV_ERROR with
 *   "GnuTLS recv error (-12)" and no alert name; or, when the refusal
 *   overtakes the request, CURLE_SEND_ERROR or CURLE_RECV_ERROR "Failed
 *   sending HTTP request" (certificate_refused_tls13() tells these apart
 *   from a cut connection);
 * - a key or certificate that cannot be loaded, a wrong PIN included:
 *   CURLE_SSL_CONNECT_ERROR with "error reading X.509 …", followed by
 *   GnuTLS's reason only when a password was given.
 * GnuTLS's texts are compared with gnutls_strerror() and
 * gnutls_alert_get_name() in the running locale, never with English. */
#include "config.h"

#include <poll.h>
#include <string.h>
#include <curl/curl.h>
#include <glib/gi18n-lib.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "inj-net-key.h"
#include "inj-net-private.h"

#define DEFAULT_CONNECT_TIMEOUT_S 10
#define DEFAULT_TIMEOUT_S         60
#define DEFAULT_MAX_ATTEMPTS      4
#define BACKOFF_FIRST_MS          500
#define BACKOFF_MAX_MS            8000
/* Larger than any answer of the API (a stored delegation carries two
 * documents of at most 1 MiB each, in base64). */
#define MAX_RESPONSE_BYTES        (32 * 1024 * 1024)
/* libcurl's own default; kept here because the PIN logic predicts reuse. */
#define MAX_CONNECTION_AGE_S      118

struct _InjHttp {
  InjClientKeyKind key_kind;
  char *signer_url;         /* INJ_CLIENT_KEY_SIGNER: the ininjo-key: URL */
  char *base_url;     /* https://host:port */
  char *authority;    /* host:port, for messages */
  char *service_ca;
  char *client_certificate;
  char *client_key;
  guint connect_timeout_s;
  guint timeout_s;
  guint max_attempts;

  CURLM *multi;
  CURL *easy;
  char errbuf[CURL_ERROR_SIZE];

  /* The transfer in progress: touched only by the thread running it. */
  GByteArray *body;
  gboolean too_large;
  GCancellable *cancellable;
  InjHttpProgress progress;
  gpointer progress_data;
  double fraction;
  gboolean policy_refused;
  char *policy_detail;
  gboolean handshake_tls13;       /* this attempt's connection, new or reused */
  gboolean certificate_accepted;  /* the service took our certificate this call */
  curl_socket_t idle_socket;
  gint64 idle_since;

  /* Read by other threads. */
  GMutex stats_lock;
  guint handshakes;
  const char *tls_version;
  char *tls_summary;
  char *server_certificate;
  gint64 server_date;   /* the last answer's Date header, Unix seconds; 0: none */
  gint64 received_at;   /* our clock then, Unix seconds */
  guint last_attempts;
  guint64 bytes_sent;
};

typedef enum {
  OUTCOME_FAIL,
  OUTCOME_RETRY,   /* worth another attempt if the request may be repeated */
  OUTCOME_ASK_PIN, /* a new connection needs the card's PIN */
} Outcome;

void
inj_http_response_clear (InjHttpResponse *response)
{
  g_clear_pointer (&response->content_type, g_free);
  g_clear_pointer (&response->location, g_free);
  g_clear_pointer (&response->body, g_bytes_unref);
  response->status = 0;
}

/* ---------------------------------------------------------------- libcurl */

static gpointer
init_curl (gpointer data)
{
  /* Selects GnuTLS in a multi-backend libcurl; a single-backend one says
   * which it has through curl_version_info(), checked below. */
  (void) curl_global_sslset (CURLSSLBACKEND_GNUTLS, NULL, NULL);
  return GINT_TO_POINTER (curl_global_init (CURL_GLOBAL_DEFAULT) == CURLE_OK);
}

/* The TLS backend libcurl uses must be GnuTLS: the pkcs11: URIs, the PIN
 * handling and the error reading here are GnuTLS's. In ssl_version the
 * backend in use is the one not in parentheses. */
static gboolean
check_backend (GError **error)
{
  static GOnce once = G_ONCE_INIT;
  const curl_version_info_data *info;
  g_auto(GStrv) parts = NULL;
  gboolean gnutls = FALSE;

  if (!GPOINTER_TO_INT (g_once (&once, init_curl, NULL)))
    {
      inj_net_set_error (error, INJ_NET_ERROR_FAILED, 0, NULL, "%s",
                         _("libcurl cannot be initialised: the system may be out of memory."));
      return FALSE;
    }
  info = curl_version_info (CURLVERSION_NOW);
  parts = g_strsplit (info->ssl_version ? info->ssl_version : "", " ", -1);
  for (guint i = 0; parts[i]; i++)
    if (*parts[i] != '\0' && *parts[i] != '(')
      {
        gnutls = g_str_has_prefix (parts[i], "GnuTLS/");
        break;
      }
  if (!gnutls || info->version_num < 0x075800)
    {
      inj_net_set_error (error, INJ_NET_ERROR_FAILED, 0, NULL,
                         _("This program runs with libcurl %s using %s for TLS, but Ininjo needs "
                           "libcurl 7.88 or later built with GnuTLS (Debian package "
                           "libcurl3-gnutls)."),
                         info->version, info->ssl_version ? info->ssl_version : "nothing");
      return FALSE;
    }
  return TRUE;
}

static size_t
write_cb (char *data,
          size_t size,
          size_t count,
          void *user_data)
{
  InjHttp *http = user_data;
  gsize n = size * count;

  if (http->body->len + n > MAX_RESPONSE_BYTES)
    {
      http->too_large = TRUE;
      return 0;
    }
  g_byte_array_append (http->body, (const guint8 *) data, (guint) n);
  return n;
}

static int
xferinfo_cb (void *user_data,
             curl_off_t dltotal,
             curl_off_t dlnow,
             curl_off_t ultotal,
             curl_off_t ulnow)
{
  InjHttp *http = user_data;
  double down = dltotal > 0 ? (double) dlnow / (double) dltotal : 0.0;
  double fraction;

  if (g_cancellable_is_cancelled (http->cancellable))
    return 1;
  /* Sending is the first half when there is something to send. */
  if (ultotal > 0)
    fraction = 0.5 * ((double) ulnow / (double) ultotal) + 0.5 * down;
  else
    fraction = down;
  fraction = CLAMP (fraction, 0.0, 1.0);
  if (http->progress && (fraction >= http->fraction + 0.01
                         || (fraction == 1.0 && http->fraction < 1.0)))
    {
      http->fraction = fraction;
      http->progress (http->progress_data, fraction);
    }
  return 0;
}

/* The server's certificate for diagnostics: its subject and issuer (a
 * service's, never a person's), serial, validity and SHA-256 fingerprint.
 * libcurl has verified it by the time the request may go. */
static char *
describe_server_certificate (gnutls_session_t session)
{
  unsigned int n = 0;
  const gnutls_datum_t *peers = gnutls_certificate_get_peers (session, &n);
  gnutls_x509_crt_t crt;
  gnutls_datum_t dn = { NULL, 0 }, issuer = { NULL, 0 };
  guint8 serial[64], fpr[32];
  size_t serial_len = sizeof serial, fpr_len = sizeof fpr;
  GString *out;

  if (peers == NULL || n == 0 || gnutls_x509_crt_init (&crt) < 0)
    return NULL;
  if (gnutls_x509_crt_import (crt, &peers[0], GNUTLS_X509_FMT_DER) < 0)
    {
      gnutls_x509_crt_deinit (crt);
      return NULL;
    }
  out = g_string_new (NULL);
  if (gnutls_x509_crt_get_dn3 (crt, &dn, 0) >= 0)
    g_string_append_printf (out, "subject=%s; ", (const char *) dn.data);
  if (gnutls_x509_crt_get_issuer_dn3 (crt, &issuer, 0) >= 0)
    g_string_append_printf (out, "issuer=%s; ", (const char *) issuer.data);
  if (gnutls_x509_crt_get_serial (crt, serial, &serial_len) >= 0)
    {
      g_string_append (out, "serial=");
      for (size_t i = 0; i < serial_len; i++)
        g_string_append_printf (out, "%02X", serial[i]);
      g_string_append (out, "; ");
    }
  {
    g_autoptr(GDateTime) until = g_date_time_new_from_unix_utc (gnutls_x509_crt_get_expiration_time (crt));
    g_autofree char *text = until ? g_date_time_format_iso8601 (until) : NULL;
    if (text)
      g_string_append_printf (out, "not-after=%s; ", text);
  }
  if (gnutls_fingerprint (GNUTLS_DIG_SHA256, &peers[0], fpr, &fpr_len) >= 0)
    {
      g_string_append (out, "sha256=");
      for (size_t i = 0; i < fpr_len; i++)
        g_string_append_printf (out, "%s%02X", i ? ":" : "", fpr[i]);
    }
  gnutls_free (dn.data);
  gnutls_free (issuer.data);
  gnutls_x509_crt_deinit (crt);
  return g_string_free (out, FALSE);
}

/* Called once the connection is up, new or reused, before any byte of the
 * request is sent: the place to refuse what the handshake negotiated. */
static int
prereq_cb (void *user_data,
           char *primary_ip,
           char *local_ip,
           int primary_port,
           int local_port)
{
  InjHttp *http = user_data;
  const struct curl_tlssessioninfo *tls = NULL;
  g_autofree char *refused = NULL;

  if (curl_easy_getinfo (http->easy, CURLINFO_TLS_SSL_PTR, &tls) != CURLE_OK || tls == NULL
      || tls->backend != CURLSSLBACKEND_GNUTLS || tls->internals == NULL)
    {
      http->policy_refused = TRUE;
      g_free (http->policy_detail);
      http->policy_detail = g_strdup ("no GnuTLS session");
      return CURL_PREREQFUNC_ABORT;
    }
  http->handshake_tls13 = gnutls_protocol_get_version (tls->internals) == GNUTLS_TLS1_3;
  g_mutex_lock (&http->stats_lock);
  http->tls_version = gnutls_protocol_get_name (gnutls_protocol_get_version (tls->internals));
  g_free (http->tls_summary);
  http->tls_summary = inj_tls_policy_describe (tls->internals);
  g_free (http->server_certificate);
  http->server_certificate = describe_server_certificate (tls->internals);
  g_mutex_unlock (&http->stats_lock);
  if (!inj_tls_policy_check (tls->internals, &refused))
    {
      http->policy_refused = TRUE;
      g_free (http->policy_detail);
      http->policy_detail = g_steal_pointer (&refused);
      return CURL_PREREQFUNC_ABORT;
    }
  return CURL_PREREQFUNC_OK;
}

/* ---------------------------------------------------------------- configuration */

typedef enum {
  FILE_SERVICE_CA,
  FILE_CLIENT_CERTIFICATE,
  FILE_CLIENT_KEY,
} FileKind;

/* A file of the configuration: there, readable, and holding a PEM
 * certificate when it should. A key's bytes are wiped once checked. */
static gboolean
readable_file (const char *path,
               FileKind kind,
               GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  if (path == NULL || *path == '\0')
    {
      inj_net_set_error (error, INJ_NET_ERROR_CONFIG, 0, NULL, "%s",
                         kind == FILE_SERVICE_CA
                           ? _("No service CA file is set: choose the PEM file of the CA that "
                               "issued the service's certificate in the settings.")
                           : _("No client certificate and key files are set: choose them in the "
                               "settings, or use a My Number card."));
      return FALSE;
    }
  if (!g_file_get_contents (path, &text, &length, &local))
    {
      inj_net_set_error (error, INJ_NET_ERROR_CONFIG, 0, NULL,
                         kind == FILE_SERVICE_CA ? _("Cannot read the service CA file: %s")
                         : kind == FILE_CLIENT_CERTIFICATE
                           ? _("Cannot read the client certificate file: %s")
                           : _("Cannot read the client key file: %s"),
                         local->message);
      return FALSE;
    }
  if (kind == FILE_CLIENT_KEY)
    {
      explicit_bzero (text, length);
      return TRUE;
    }
  if (g_strstr_len (text, (gssize) length, "-----BEGIN CERTIFICATE-----") == NULL)
    {
      inj_net_set_error (error, INJ_NET_ERROR_CONFIG, 0, NULL,
                         kind == FILE_SERVICE_CA
                           ? _("The service CA file %s holds no PEM certificate: choose the PEM "
                               "file of the CA that issued the service's certificate in the "
                               "settings.")
                           : _("The client certificate file %s holds no PEM certificate: choose "
                               "the right file in the settings."),
                         path);
      return FALSE;
    }
  return TRUE;
}

/* https://host[:port] and nothing else: no user, path, query or fragment,
 * so that requests go to the configured service and nowhere else. */
static gboolean
parse_base_url (InjHttp *http,
                const char *base_url,
                GError **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *host;
  const char *path;
  int port;
  gboolean ipv6;

  if (base_url == NULL || !g_str_has_prefix (base_url, "https://"))
    {
      g_autofree char *shown = inj_net_sanitize (base_url ? base_url : "", -1, 200);
      inj_net_set_error (error, INJ_NET_ERROR_CONFIG, 0, NULL,
                         _("The service address “%s” does not start with https://: Ininjo talks "
                           "to the service over HTTPS only. Correct the address in the "
                           "settings."), shown);
      return FALSE;
    }
  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  path = uri ? g_uri_get_path (uri) : NULL;
  host = uri ? g_uri_get_host (uri) : NULL;
  if (uri == NULL || host == NULL || *host == '\0' || g_uri_get_userinfo (uri) != NULL
      || g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL
      || (path && *path && strcmp (path, "/") != 0) || strpbrk (base_url, " \t\r\n") != NULL)
    {
      g_autofree char *shown = inj_net_sanitize (base_url, -1, 200);
      inj_net_set_error (error, INJ_NET_ERROR_CONFIG, 0, NULL,
                         _("The service address “%s” is not of the form https://host or "
                           "https://host:port. Correct it in the settings."), shown);
      return FALSE;
    }
  port = g_uri_get_port (uri);
  if (port <= 0)
    port = 443;
  ipv6 = strchr (host, ':') != NULL;
  http->authority = g_strdup_printf (ipv6 ? "[%s]:%d" : "%s:%d", host, port);
  http->base_url = g_strdup_printf ("https://%s", http->authority);
  return TRUE;
}

static gboolean
check_config (InjHttp *http,
              const InjServiceConfig *config,
              GError **error)
{
  if (!parse_base_url (http, config->base_url, error))
    return FALSE;
  if (!readable_file (config->service_ca, FILE_SERVICE_CA, error))
    return FALSE;
  http->service_ca = g_strdup (config->service_ca);
  if (config->key_kind == INJ_CLIENT_KEY_PKCS11)
    {
      if (config->client_certificate == NULL || config->client_key == NULL
          || !g_str_has_prefix (config->client_certificate, "pkcs11:")
          || !g_str_has_prefix (config->client_key, "pkcs11:"))
        {
          inj_net_set_error (error, INJ_NET_ERROR_CONFIG, 0, NULL, "%s",
                             _("The card's certificate and key must be given as pkcs11: "
                               "addresses."));
          return FALSE;
        }
      return TRUE;
    }
  if (config->key_kind == INJ_CLIENT_KEY_SIGNER)
    {
      if (config->client_certificate == NULL || config->client_key == NULL
          || !g_str_has_prefix (config->client_certificate, INJ_NET_KEY_URL_PREFIX)
          || g_strcmp0 (config->client_certificate, config->client_key) != 0)
        {
          inj_net_set_error (error, INJ_NET_ERROR_CONFIG, 0, NULL, "%s",
                             _("The card's certificate and key must be given as one "
                               "registered card key."));
          return FALSE;
        }
      http->signer_url = g_strdup (config->client_key);
      return TRUE;
    }
  return readable_file (config->client_certificate, FILE_CLIENT_CERTIFICATE, error)
         && readable_file (config->client_key, FILE_CLIENT_KEY, error);
}

/* Every option that makes the security of the connection: set once, with
 * no way to turn verification off. */
static gboolean
setup_handle (InjHttp *http,
              const InjServiceConfig *config)
{
  CURL *e = http->easy;
  /* a card's key, by URI or signed through the card layer: TLS 1.2 */
  gboolean card = config->key_kind != INJ_CLIENT_KEY_FILE;
  CURLcode rc = CURLE_OK;

#define SET(option, value) \
  G_STMT_START { if (rc == CURLE_OK) rc = curl_easy_setopt (e, option, value); } G_STMT_END

  SET (CURLOPT_NOSIGNAL, 1L);
  SET (CURLOPT_ERRORBUFFER, http->errbuf);
  SET (CURLOPT_PROTOCOLS_STR, "https");
  SET (CURLOPT_REDIR_PROTOCOLS_STR, "https");
  SET (CURLOPT_FOLLOWLOCATION, 0L);
  /* No proxy, whatever the environment says: the service and nothing else. */
  SET (CURLOPT_PROXY, "");
  SET (CURLOPT_CAINFO, config->service_ca);
  SET (CURLOPT_CAPATH, NULL);
  SET (CURLOPT_SSL_VERIFYPEER, 1L);
  SET (CURLOPT_SSL_VERIFYHOST, 2L);
  SET (CURLOPT_SSLVERSION, card ? CURL_SSLVERSION_TLSv1_2 | CURL_SSLVERSION_MAX_TLSv1_2
                                : CURL_SSLVERSION_TLSv1_2 | CURL_SSLVERSION_MAX_TLSv1_3);
  SET (CURLOPT_SSL_CIPHER_LIST, inj_tls_policy_priority (config->key_kind));
  SET (CURLOPT_SSLCERT, config->client_certificate);
  SET (CURLOPT_SSLKEY, config->client_key);
  if (!card)
    {
      SET (CURLOPT_SSLCERTTYPE, "PEM");
      SET (CURLOPT_SSLKEYTYPE, "PEM");
    }
  SET (CURLOPT_CONNECTTIMEOUT, (long) http->connect_timeout_s);
  SET (CURLOPT_TIMEOUT, (long) http->timeout_s);
  SET (CURLOPT_MAXAGE_CONN, (long) MAX_CONNECTION_AGE_S);
  SET (CURLOPT_TCP_KEEPALIVE, 1L);
  SET (CURLOPT_HTTP_VERSION, (long) CURL_HTTP_VERSION_1_1);
  SET (CURLOPT_USERAGENT, "Ininjo/" PACKAGE_VERSION);
  SET (CURLOPT_MAXFILESIZE_LARGE, (curl_off_t) MAX_RESPONSE_BYTES);
  SET (CURLOPT_WRITEFUNCTION, write_cb);
  SET (CURLOPT_WRITEDATA, http);
  SET (CURLOPT_NOPROGRESS, 0L);
  SET (CURLOPT_XFERINFOFUNCTION, xferinfo_cb);
  SET (CURLOPT_XFERINFODATA, http);
  SET (CURLOPT_PREREQFUNCTION, prereq_cb);
  SET (CURLOPT_PREREQDATA, http);
#undef SET
  return rc == CURLE_OK;
}

InjHttp *
inj_http_new (const InjServiceConfig *config,
              GError **error)
{
  g_autoptr(InjHttp) http = g_new0 (InjHttp, 1);

  g_mutex_init (&http->stats_lock);
  http->idle_socket = CURL_SOCKET_BAD;
  http->key_kind = config->key_kind;
  http->client_certificate = g_strdup (config->client_certificate);
  http->client_key = g_strdup (config->client_key);
  http->connect_timeout_s = config->connect_timeout_s ? config->connect_timeout_s
                                                      : DEFAULT_CONNECT_TIMEOUT_S;
  http->timeout_s = config->timeout_s ? config->timeout_s : DEFAULT_TIMEOUT_S;
  http->max_attempts = config->max_attempts ? config->max_attempts : DEFAULT_MAX_ATTEMPTS;

  if (!check_backend (error) || !check_config (http, config, error))
    return NULL;
  http->multi = curl_multi_init ();
  http->easy = curl_easy_init ();
  if (http->multi == NULL || http->easy == NULL || !setup_handle (http, config))
    {
      inj_net_set_error (error, INJ_NET_ERROR_FAILED, 0, NULL, "%s",
                         _("libcurl refused the connection settings: this libcurl is too old "
                           "or built without what Ininjo needs."));
      return NULL;
    }
  curl_multi_setopt (http->multi, CURLMOPT_MAXCONNECTS, 1L);
  return g_steal_pointer (&http);
}

void
inj_http_free (InjHttp *http)
{
  if (http == NULL)
    return;
  g_clear_pointer (&http->easy, curl_easy_cleanup);
  g_clear_pointer (&http->multi, curl_multi_cleanup);
  g_free (http->base_url);
  g_free (http->signer_url);
  g_free (http->authority);
  g_free (http->service_ca);
  g_free (http->client_certificate);
  g_free (http->client_key);
  g_free (http->policy_detail);
  g_free (http->tls_summary);
  g_free (http->server_certificate);
  g_mutex_clear (&http->stats_lock);
  g_free (http);
}

const char *
inj_http_get_authority (InjHttp *http)
{
  return http->authority;
}

InjClientKeyKind
inj_http_get_key_kind (InjHttp *http)
{
  return http->key_kind;
}

/* ---------------------------------------------------------------- one transfer */

static void
wake_multi (GCancellable *cancellable,
            gpointer user_data)
{
  /* curl_multi_wakeup is the one multi call made for other threads. */
  curl_multi_wakeup (user_data);
}

static CURLcode
run_transfer (InjHttp *http)
{
  CURLcode result = CURLE_OK;
  gboolean done = FALSE;
  gulong handler = 0;
  int running = 1;
  CURLMsg *msg;
  int left;

  if (curl_multi_add_handle (http->multi, http->easy) != CURLM_OK)
    return CURLE_OUT_OF_MEMORY;
  if (http->cancellable)
    handler = g_cancellable_connect (http->cancellable, G_CALLBACK (wake_multi), http->multi, NULL);

  while (running)
    {
      if (curl_multi_perform (http->multi, &running) != CURLM_OK)
        break;
      if (running && g_cancellable_is_cancelled (http->cancellable))
        break;
      if (running && curl_multi_poll (http->multi, NULL, 0, 1000, NULL) != CURLM_OK)
        break;
    }
  while ((msg = curl_multi_info_read (http->multi, &left)) != NULL)
    if (msg->msg == CURLMSG_DONE && msg->easy_handle == http->easy)
      {
        result = msg->data.result;
        done = TRUE;
      }
  if (!done)
    result = g_cancellable_is_cancelled (http->cancellable) ? CURLE_ABORTED_BY_CALLBACK
                                                            : CURLE_RECV_ERROR;

  /* The connection left in the cache, if any: whether the next transfer
   * will need a handshake (and a card's PIN). */
  http->idle_socket = CURL_SOCKET_BAD;
  if (done && result == CURLE_OK)
    {
      curl_socket_t sock = CURL_SOCKET_BAD;
      if (curl_easy_getinfo (http->easy, CURLINFO_ACTIVESOCKET, &sock) == CURLE_OK)
        http->idle_socket = sock;
      http->idle_since = g_get_monotonic_time ();
    }
  if (handler)
    g_cancellable_disconnect (http->cancellable, handler);
  curl_multi_remove_handle (http->multi, http->easy);
  return result;
}

/* Will the next transfer reuse the connection? libcurl 7.88 with GnuTLS
 * assumes an idle connection is alive (no check_cxn); a closed one shows
 * as readable here. */
static gboolean
connection_alive (InjHttp *http)
{
  struct pollfd p = { 0 };

  if (http->idle_socket == CURL_SOCKET_BAD)
    return FALSE;
  if (g_get_monotonic_time () - http->idle_since >= (MAX_CONNECTION_AGE_S - 1) * G_USEC_PER_SEC)
    return FALSE;
  p.fd = http->idle_socket;
  p.events = POLLIN | POLLPRI;
  return poll (&p, 1, 0) == 0;
}

/* ---------------------------------------------------------------- reading errors */

static gboolean
errbuf_has (InjHttp *http,
            const char *text)
{
  return text != NULL && *text != '\0' && strstr (http->errbuf, text) != NULL;
}

static gboolean
errbuf_has_gnutls_error (InjHttp *http,
                         int code)
{
  return errbuf_has (http, gnutls_strerror (code));
}

#define HANDSHAKE_FAILED "gnutls_handshake() failed: "

/* The alert a failed handshake ended with, or -1. */
static int
handshake_alert (InjHttp *http)
{
  const char *text = strstr (http->errbuf, HANDSHAKE_FAILED);

  if (text == NULL)
    return -1;
  text += strlen (HANDSHAKE_FAILED);
  for (int alert = 0; alert < 256; alert++)
    {
      const char *name = gnutls_alert_get_name ((gnutls_alert_description_t) alert);
      if (name && strcmp (name, text) == 0)
        return alert;
    }
  return -1;
}

static gboolean
is_client_certificate_alert (int alert)
{
  switch (alert)
    {
    case GNUTLS_A_HANDSHAKE_FAILURE:
    case GNUTLS_A_BAD_CERTIFICATE:
    case GNUTLS_A_UNSUPPORTED_CERTIFICATE:
    case GNUTLS_A_CERTIFICATE_REVOKED:
    case GNUTLS_A_CERTIFICATE_EXPIRED:
    case GNUTLS_A_CERTIFICATE_UNKNOWN:
    case GNUTLS_A_UNKNOWN_CA:
    case GNUTLS_A_ACCESS_DENIED:
    case GNUTLS_A_CERTIFICATE_REQUIRED:
      return TRUE;
    default:
      return FALSE;
    }
}

/* A connection of its own, TLS 1.3 only, that sends nothing: for telling
 * what a failure meant. It verifies the server as every connection does. */
static CURL *
probe_tls13 (InjHttp *http,
             gboolean with_certificate)
{
  CURL *probe = curl_easy_init ();

  if (probe == NULL)
    return NULL;
  curl_easy_setopt (probe, CURLOPT_URL, http->base_url);
  curl_easy_setopt (probe, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (probe, CURLOPT_PROTOCOLS_STR, "https");
  curl_easy_setopt (probe, CURLOPT_PROXY, "");
  curl_easy_setopt (probe, CURLOPT_CAINFO, http->service_ca);
  curl_easy_setopt (probe, CURLOPT_CAPATH, NULL);
  curl_easy_setopt (probe, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt (probe, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt (probe, CURLOPT_SSLVERSION,
                    CURL_SSLVERSION_TLSv1_3 | CURL_SSLVERSION_MAX_TLSv1_3);
  if (with_certificate)
    {
      curl_easy_setopt (probe, CURLOPT_SSLCERT, http->client_certificate);
      curl_easy_setopt (probe, CURLOPT_SSLKEY, http->client_key);
      curl_easy_setopt (probe, CURLOPT_SSLCERTTYPE, "PEM");
      curl_easy_setopt (probe, CURLOPT_SSLKEYTYPE, "PEM");
    }
  curl_easy_setopt (probe, CURLOPT_CONNECTTIMEOUT, (long) http->connect_timeout_s);
  curl_easy_setopt (probe, CURLOPT_TIMEOUT, (long) http->connect_timeout_s);
  curl_easy_setopt (probe, CURLOPT_CONNECT_ONLY, 1L);
  if (curl_easy_perform (probe) != CURLE_OK)
    g_clear_pointer (&probe, curl_easy_cleanup);
  return probe;
}

/* A handshake that offered TLS 1.2 only was refused for its version: does
 * the server speak TLS 1.3? A handshake of its own, without a client
 * certificate (the card is not used), answers. */
static gboolean
server_speaks_tls13 (InjHttp *http)
{
  CURL *probe = probe_tls13 (http, FALSE);

  if (probe == NULL)
    return FALSE;
  curl_easy_cleanup (probe);
  return TRUE;
}

/* A new TLS 1.3 connection failed before any answer. Under TLS 1.3 the
 * server checks our certificate only once the client has finished its
 * handshake, and its refusal (an alert, then the end of the connection)
 * may overtake our request, so that libcurl reports a failed send instead
 * of the alert. A handshake of its own that sends nothing and listens tells
 * a refusal (an alert or the end, at once) from a connection that was just
 * cut (the server waits for a request). Key files only: a card never speaks
 * TLS 1.3. */
#define REFUSAL_WAIT_MS 1000

static gboolean
certificate_refused_tls13 (InjHttp *http)
{
  CURL *probe = probe_tls13 (http, TRUE);
  gint64 deadline = g_get_monotonic_time () + REFUSAL_WAIT_MS * 1000;
  curl_socket_t sock = CURL_SOCKET_BAD;
  gboolean refused = FALSE;

  if (probe == NULL)
    return FALSE;
  curl_easy_getinfo (probe, CURLINFO_ACTIVESOCKET, &sock);
  for (;;)
    {
      char buf[256];
      size_t n = 0;
      CURLcode rc = curl_easy_recv (probe, buf, sizeof buf, &n);
      gint64 left = deadline - g_get_monotonic_time ();
      struct pollfd p = { 0 };

      /* A ticket is read by GnuTLS itself and leaves nothing to return. */
      if (rc == CURLE_AGAIN && left > 0 && sock != CURL_SOCKET_BAD)
        {
          p.fd = sock;
          p.events = POLLIN;
          poll (&p, 1, (int) ((left + 999) / 1000));
          continue;
        }
      refused = rc != CURLE_AGAIN && (rc != CURLE_OK || n == 0);
      break;
    }
  curl_easy_cleanup (probe);
  return refused;
}

static Outcome
fail_server_certificate (InjHttp *http,
                         GError **error)
{
  long verify = 0;
  const char *who = http->authority;

  curl_easy_getinfo (http->easy, CURLINFO_SSL_VERIFYRESULT, &verify);
  if (verify & GNUTLS_CERT_EXPIRED)
    inj_net_set_error (error, INJ_NET_ERROR_SERVER_CERTIFICATE, 0, "server-certificate:expired",
                       _("The certificate of %s has expired: nothing was sent. Tell the "
                         "service's operator, or check this computer's date and time."), who);
  else if (verify & GNUTLS_CERT_NOT_ACTIVATED)
    inj_net_set_error (error, INJ_NET_ERROR_SERVER_CERTIFICATE, 0, "server-certificate:not-yet-valid",
                       _("The certificate of %s is not valid yet: nothing was sent. Check "
                         "this computer's date and time."), who);
  else if (verify & GNUTLS_CERT_INSECURE_ALGORITHM)
    inj_net_set_error (error, INJ_NET_ERROR_SERVER_CERTIFICATE, 0, "server-certificate:insecure-algorithm",
                       _("The certificate of %s is signed with an insecure algorithm (such as "
                         "SHA-1): nothing was sent. Tell the service's operator."), who);
  else if (verify & GNUTLS_CERT_REVOKED)
    inj_net_set_error (error, INJ_NET_ERROR_SERVER_CERTIFICATE, 0, "server-certificate:revoked",
                       _("The certificate of %s has been revoked: nothing was sent. Tell the "
                         "service's operator."), who);
  else if (verify & (GNUTLS_CERT_SIGNER_NOT_FOUND | GNUTLS_CERT_SIGNER_NOT_CA
                     | GNUTLS_CERT_INVALID))
    inj_net_set_error (error, INJ_NET_ERROR_SERVER_CERTIFICATE, 0, "server-certificate:unknown-ca",
                       _("The certificate of %s was not issued by the configured service CA: "
                         "nothing was sent. Check the service address and the service CA file "
                         "in the settings, and do not go on if you did not expect this."), who);
  else if (errbuf_has (http, "does not match target host name"))
    inj_net_set_error (error, INJ_NET_ERROR_SERVER_CERTIFICATE, 0, "server-certificate:wrong-host",
                       _("The certificate of %s is for another host name: nothing was sent. "
                         "Check the service address in the settings."), who);
  else
    inj_net_set_error (error, INJ_NET_ERROR_SERVER_CERTIFICATE, 0, "server-certificate:unverified",
                       _("The certificate of %s cannot be verified (%s): nothing was sent. "
                         "Check the service CA file in the settings."), who, http->errbuf);
  return OUTCOME_FAIL;
}

static Outcome
fail_pin (InjHttp *http,
          GError **error)
{
  if (errbuf_has_gnutls_error (http, GNUTLS_E_PKCS11_PIN_LOCKED))
    inj_net_set_error (error, INJ_NET_ERROR_PIN, 0, NULL, "%s",
                       _("The card's authentication PIN is locked: only your municipal office "
                         "can unlock it."));
  else if (errbuf_has_gnutls_error (http, GNUTLS_E_PKCS11_PIN_EXPIRED))
    inj_net_set_error (error, INJ_NET_ERROR_PIN, 0, NULL, "%s",
                       _("The card's authentication PIN has expired: renew it at your "
                         "municipal office."));
  else
    inj_net_set_error (error, INJ_NET_ERROR_PIN, 0, NULL, "%s",
                       _("The authentication PIN is wrong. Check how many tries are left "
                         "before trying again: after three wrong PINs in a row the card "
                         "locks."));
  return OUTCOME_FAIL;
}

static gboolean
pin_error (InjHttp *http)
{
  return errbuf_has_gnutls_error (http, GNUTLS_E_PKCS11_PIN_ERROR)
         || errbuf_has_gnutls_error (http, GNUTLS_E_PKCS11_PIN_LOCKED)
         || errbuf_has_gnutls_error (http, GNUTLS_E_PKCS11_PIN_EXPIRED);
}

/* libcurl could not load our certificate or key (before any handshake). */
static Outcome
fail_client_key (InjHttp *http,
                 gboolean pin_given,
                 GError **error)
{
  if (http->key_kind == INJ_CLIENT_KEY_PKCS11 && pin_error (http))
    return pin_given ? fail_pin (http, error) : OUTCOME_ASK_PIN;
  /* Without a password GnuTLS's reason is not reported: a card key that
   * needs its PIN looks like this. */
  if (http->key_kind == INJ_CLIENT_KEY_PKCS11 && !pin_given)
    return OUTCOME_ASK_PIN;
  if (http->key_kind != INJ_CLIENT_KEY_FILE)
    inj_net_set_error (error, INJ_NET_ERROR_CLIENT_KEY, 0, NULL,
                       _("The card's authentication certificate and key cannot be used (%s). "
                         "Check that the My Number card is in the reader."), http->errbuf);
  else
    inj_net_set_error (error, INJ_NET_ERROR_CLIENT_KEY, 0, NULL,
                       _("The client certificate and key cannot be used (%s). Check that the "
                         "key file belongs to the certificate file and is not encrypted."),
                       http->errbuf);
  return OUTCOME_FAIL;
}

static Outcome
fail_handshake (InjHttp *http,
                gboolean pin_given,
                GError **error)
{
  int alert = handshake_alert (http);
  const char *who = http->authority;

  if (g_str_has_prefix (http->errbuf, "error reading X.509"))
    return fail_client_key (http, pin_given, error);
  if (http->key_kind == INJ_CLIENT_KEY_PKCS11 && pin_error (http))
    return fail_pin (http, error);
  if (g_str_has_prefix (http->errbuf, "server cert"))
    return fail_server_certificate (http, error);
  if (http->key_kind != INJ_CLIENT_KEY_FILE
      && (alert == GNUTLS_A_PROTOCOL_VERSION
          || errbuf_has_gnutls_error (http, GNUTLS_E_UNSUPPORTED_VERSION_PACKET)))
    {
      if (server_speaks_tls13 (http))
        inj_net_set_error (error, INJ_NET_ERROR_TLS13_WITH_CARD, 0, NULL,
                           _("%s accepts only TLS 1.3, which a My Number card cannot use: TLS "
                             "1.3 needs RSA-PSS signatures and the card makes only PKCS#1 v1.5 "
                             "ones. Ask the service's operator to allow TLS 1.2, or use a "
                             "client certificate and key in files."), who);
      else
        inj_net_set_error (error, INJ_NET_ERROR_FAILED, 0, NULL,
                           _("%s refused TLS 1.2 (%s). Tell the service's operator."),
                           who, http->errbuf);
      return OUTCOME_FAIL;
    }
  if (is_client_certificate_alert (alert))
    {
      inj_net_set_error (error, INJ_NET_ERROR_CLIENT_CERTIFICATE, 0, NULL,
                         _("%s refused the client certificate (%s). Check that it is the "
                           "certificate registered with the service and that it is still "
                           "valid."), who, http->errbuf + strlen (HANDSHAKE_FAILED));
      return OUTCOME_FAIL;
    }
  /* A connection cut during the handshake is a network failure, not a
   * verdict on certificates. */
  if (errbuf_has_gnutls_error (http, GNUTLS_E_PREMATURE_TERMINATION)
      || errbuf_has_gnutls_error (http, GNUTLS_E_PULL_ERROR)
      || errbuf_has_gnutls_error (http, GNUTLS_E_PUSH_ERROR))
    {
      inj_net_set_error (error, INJ_NET_ERROR_UNREACHABLE, 0, NULL,
                         _("The connection to %s was cut during the TLS handshake. Try again "
                           "later."), who);
      return OUTCOME_RETRY;
    }
  inj_net_set_error (error, INJ_NET_ERROR_FAILED, 0, NULL,
                     _("The TLS handshake with %s failed (%s). Tell the service's operator."),
                     who, http->errbuf);
  return OUTCOME_FAIL;
}

/* What a failed attempt means, as an error a person can act on. */
static Outcome
classify (InjHttp *http,
          CURLcode result,
          gboolean pin_given,
          gboolean new_connection,
          GError **error)
{
  const char *who = http->authority;

  if (g_cancellable_is_cancelled (http->cancellable))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("The request to the service was cancelled."));
      return OUTCOME_FAIL;
    }
  switch (result)
    {
    case CURLE_ABORTED_BY_CALLBACK:
      if (http->policy_refused)
        inj_net_set_error (error, INJ_NET_ERROR_TLS_POLICY, 0, NULL,
                           _("%s negotiated %s, which Ininjo does not accept: it needs TLS 1.2 "
                             "or 1.3 with ECDHE and an AEAD cipher (AES-GCM, AES-CCM, "
                             "Camellia-GCM or ChaCha20-Poly1305), and no SHA-1 or MD5. "
                             "Nothing was sent. Tell the service's operator."),
                           who, http->policy_detail);
      else
        inj_net_set_error (error, INJ_NET_ERROR_FAILED, 0, NULL,
                           _("The transfer with %s was stopped."), who);
      return OUTCOME_FAIL;

    case CURLE_COULDNT_RESOLVE_HOST:
      inj_net_set_error (error, INJ_NET_ERROR_UNREACHABLE, 0, NULL,
                         _("The service's host name in %s cannot be found. Check the service "
                           "address in the settings and this computer's network "
                           "connection."), who);
      return OUTCOME_FAIL;

    case CURLE_COULDNT_CONNECT:
      inj_net_set_error (error, INJ_NET_ERROR_UNREACHABLE, 0, NULL,
                         _("Cannot connect to %s. Check that the service is running and that "
                           "the address and port in the settings are right, or try again "
                           "later."), who);
      return OUTCOME_RETRY;

    case CURLE_OPERATION_TIMEDOUT:
      {
        curl_off_t connected = 0;
        curl_easy_getinfo (http->easy, CURLINFO_APPCONNECT_TIME_T, &connected);
        if (connected == 0 && new_connection)
          inj_net_set_error (error, INJ_NET_ERROR_UNREACHABLE, 0, NULL,
                             _("%s did not accept a connection within %u s. Check the network, "
                               "or try again later."), who, http->connect_timeout_s);
        else
          inj_net_set_error (error, INJ_NET_ERROR_UNREACHABLE, 0, NULL,
                             _("%s did not answer within %u s. Try again later."),
                             who, http->timeout_s);
        return OUTCOME_RETRY;
      }

    case CURLE_PEER_FAILED_VERIFICATION:
      return fail_server_certificate (http, error);

    case CURLE_SSL_CACERT_BADFILE:
      inj_net_set_error (error, INJ_NET_ERROR_CONFIG, 0, NULL,
                         _("The service CA file cannot be used (%s). Choose the PEM file of "
                           "the CA that issued the service's certificate in the settings."),
                         http->errbuf);
      return OUTCOME_FAIL;

    case CURLE_SSL_CERTPROBLEM:
      return fail_client_key (http, pin_given, error);

    case CURLE_SSL_CONNECT_ERROR:
      return fail_handshake (http, pin_given, error);

    case CURLE_RECV_ERROR:
      {
        long status = 0;
        /* A fatal alert right after a new handshake, before any answer:
         * under TLS 1.3 the server checks our certificate only once the
         * client has finished, and refuses it this way. */
        curl_easy_getinfo (http->easy, CURLINFO_RESPONSE_CODE, &status);
        if (new_connection && status == 0
            && strstr (http->errbuf, "(-12)") != NULL /* GNUTLS_E_FATAL_ALERT_RECEIVED */)
          {
            inj_net_set_error (error, INJ_NET_ERROR_CLIENT_CERTIFICATE, 0, NULL,
                               _("%s closed the connection right after the TLS handshake, "
                                 "which is how it refuses a client certificate it does not "
                                 "accept. Check that it is the certificate registered with "
                                 "the service and that it is still valid."), who);
            return OUTCOME_FAIL;
          }
      }
      G_GNUC_FALLTHROUGH;
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
      {
        long status = 0;
        curl_easy_getinfo (http->easy, CURLINFO_RESPONSE_CODE, &status);
        if (new_connection && status == 0 && http->handshake_tls13
            && http->key_kind == INJ_CLIENT_KEY_FILE && !http->certificate_accepted)
          {
            if (certificate_refused_tls13 (http))
              {
                inj_net_set_error (error, INJ_NET_ERROR_CLIENT_CERTIFICATE, 0, NULL,
                                   _("%s ends every connection right after the TLS "
                                     "handshake, which is how it refuses a client certificate "
                                     "it does not accept. Check that it is the certificate "
                                     "registered with the service and that it is still "
                                     "valid."), who);
                return OUTCOME_FAIL;
              }
            /* Asked once per call: a service that keeps cutting
             * connections is not asked again. */
            http->certificate_accepted = TRUE;
          }
      }
      G_GNUC_FALLTHROUGH;
    case CURLE_PARTIAL_FILE:
      inj_net_set_error (error, INJ_NET_ERROR_UNREACHABLE, 0, NULL,
                         _("The connection to %s was cut before the answer was complete. Try "
                           "again later."), who);
      return OUTCOME_RETRY;

    case CURLE_WRITE_ERROR:
    case CURLE_FILESIZE_EXCEEDED:
      if (http->too_large || result == CURLE_FILESIZE_EXCEEDED)
        {
          inj_net_set_error (error, INJ_NET_ERROR_PROTOCOL, 0, NULL,
                             _("The answer of %s is larger than %u MiB, more than the service "
                               "API ever sends. Check the service address in the settings."),
                             who, (guint) (MAX_RESPONSE_BYTES / (1024 * 1024)));
          return OUTCOME_FAIL;
        }
      break;

    default:
      break;
    }
  inj_net_set_error (error, INJ_NET_ERROR_FAILED, 0, NULL,
                     _("The transfer with %s failed: %s (%s)."), who,
                     curl_easy_strerror (result), http->errbuf);
  return OUTCOME_FAIL;
}

/* ---------------------------------------------------------------- requests */

/* Sleeps before the next attempt: 0.5 s, 1 s, 2 s, … up to 8 s, so that a
 * struggling service is not flooded, or longer when the answer asked so
 * (Retry-After); cancellation ends the wait. */
static gboolean
backoff (guint attempt,
         guint at_least_ms,
         GCancellable *cancellable)
{
  guint ms = MIN ((guint) BACKOFF_FIRST_MS << MIN (attempt - 1, 8u), (guint) BACKOFF_MAX_MS);
  gint64 deadline;
  GPollFD fd;

  ms = MAX (ms, at_least_ms);
  deadline = g_get_monotonic_time () + (gint64) ms * 1000;

  if (cancellable == NULL || !g_cancellable_make_pollfd (cancellable, &fd))
    {
      g_usleep ((gulong) ms * 1000);
      return !g_cancellable_is_cancelled (cancellable);
    }
  while (!g_cancellable_is_cancelled (cancellable))
    {
      gint64 left = deadline - g_get_monotonic_time ();
      if (left <= 0)
        break;
      g_poll (&fd, 1, (gint) ((left + 999) / 1000));
    }
  g_cancellable_release_fd (cancellable);
  return !g_cancellable_is_cancelled (cancellable);
}

static struct curl_slist *
prepare_request (InjHttp *http,
                 const InjHttpRequest *request,
                 const InjNetPin *pin)
{
  g_autofree char *url = g_strconcat (http->base_url, request->path, NULL);
  struct curl_slist *headers = NULL;

  headers = curl_slist_append (headers, "Accept: application/json, application/problem+json");
  /* No 100-continue round trip: the service answers small bodies at once. */
  headers = curl_slist_append (headers, "Expect:");
  curl_easy_setopt (http->easy, CURLOPT_URL, url);
  if (request->body != NULL)
    {
      gsize size;
      const void *data = g_bytes_get_data (request->body, &size);
      headers = curl_slist_append (headers, "Content-Type: application/json");
      if (request->idempotency_key)
        {
          g_autofree char *line = g_strconcat ("Idempotency-Key: ", request->idempotency_key,
                                               NULL);
          headers = curl_slist_append (headers, line);
        }
      curl_easy_setopt (http->easy, CURLOPT_POST, 1L);
      curl_easy_setopt (http->easy, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) size);
      curl_easy_setopt (http->easy, CURLOPT_POSTFIELDS, data);
    }
  else
    {
      /* Nothing of an earlier POST's body survives. */
      curl_easy_setopt (http->easy, CURLOPT_POSTFIELDS, NULL);
      curl_easy_setopt (http->easy, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) -1);
      curl_easy_setopt (http->easy, CURLOPT_HTTPGET, 1L);
    }
  curl_easy_setopt (http->easy, CURLOPT_HTTPHEADER, headers);
  /* libcurl copies the PIN for the transfer and GnuTLS copies it again into
   * the connection's credentials (zeroed when the connection closes). The
   * option is reset after every transfer and our copy wiped when the call
   * ends; libcurl's own copy is freed without being wiped when the option
   * is reset, and nothing outside libcurl can wipe it. */
  curl_easy_setopt (http->easy, CURLOPT_KEYPASSWD, pin ? inj_net_pin_get (pin) : NULL);
  return headers;
}

static void
count_attempt (InjHttp *http,
               gboolean counts_handshake)
{
  long connects = 0;
  curl_off_t uploaded = 0;
  long request_size = 0;

  curl_easy_getinfo (http->easy, CURLINFO_NUM_CONNECTS, &connects);
  curl_easy_getinfo (http->easy, CURLINFO_SIZE_UPLOAD_T, &uploaded);
  curl_easy_getinfo (http->easy, CURLINFO_REQUEST_SIZE, &request_size);
  g_mutex_lock (&http->stats_lock);
  if (counts_handshake)
    http->handshakes += (guint) MAX (connects, 0);
  http->bytes_sent += (guint64) MAX (uploaded, 0) + (guint64) MAX (request_size, 0);
  g_mutex_unlock (&http->stats_lock);
}

static void
take_response (InjHttp *http,
               InjHttpResponse *response)
{
  long status = 0;
  char *content_type = NULL;
  char *location = NULL;

  inj_http_response_clear (response);
  curl_easy_getinfo (http->easy, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_getinfo (http->easy, CURLINFO_CONTENT_TYPE, &content_type);
  curl_easy_getinfo (http->easy, CURLINFO_REDIRECT_URL, &location);
  response->status = (guint) status;
  response->content_type = g_strdup (content_type);
  response->location = g_strdup (location);
  response->body = g_byte_array_free_to_bytes (g_steal_pointer (&http->body));
  http->body = g_byte_array_new ();
}

/* What the service, or the proxy in front of it, answers when it cannot
 * answer now: the service down behind its front end (502), overloaded or
 * in maintenance (503), too slow for the front end (504). Only repeatable
 * requests are sent again: a GET, or a registration whose Idempotency-Key
 * makes a second one the same (after a 504 the first may have been
 * stored). */
static gboolean
retry_status (guint status)
{
  return status == 502 || status == 503 || status == 504;
}

/* The last answer's Retry-After (inj_net_retry_after): FALSE when it asks
 * for a longer wait than the backoff's longest, then the call ends now with
 * the answer (the outbox keeps an upload for later) instead of holding the
 * user; *ms is the wait it asks for, 0 without one. */
static gboolean
retry_after (InjHttp *http,
             guint *ms)
{
  struct curl_header *h = NULL;

  *ms = 0;
  if (curl_easy_header (http->easy, "Retry-After", 0, CURLH_HEADER, -1, &h) != CURLHE_OK)
    return TRUE;
  return inj_net_retry_after (h->value, curl_getdate (h->value, NULL), BACKOFF_MAX_MS, ms);
}

gboolean
inj_http_perform (InjHttp *http,
                  const InjHttpRequest *request,
                  InjHttpResponse *response,
                  InjHttpAskPin ask_pin,
                  InjHttpProgress progress,
                  gpointer user_data,
                  GCancellable *cancellable,
                  GError **error)
{
  g_autoptr(InjNetPin) pin = NULL;
  gboolean card = http->key_kind == INJ_CLIENT_KEY_PKCS11;
  /* The PIN is asked only when a handshake is coming. */
  gboolean need_pin = card && !connection_alive (http);
  gboolean ok = FALSE;
  guint attempt = 0;

  http->cancellable = cancellable;
  http->progress = progress;
  http->progress_data = user_data;
  http->fraction = 0.0;
  http->body = g_byte_array_new ();
  http->certificate_accepted = FALSE;

  for (;;)
    {
      g_autoptr(GError) local = NULL;
      struct curl_slist *headers;
      gboolean new_connection;
      long connects = 0;
      CURLcode result;
      Outcome outcome;
      guint retry_after_ms = 0;

      if (need_pin && pin == NULL)
        {
          if (ask_pin == NULL)
            {
              inj_net_set_error (error, INJ_NET_ERROR_PIN, 0, NULL, "%s",
                                 _("The card's authentication PIN is needed but there is no way "
                                   "to ask for it."));
              break;
            }
          pin = ask_pin (user_data, cancellable, error);
          if (pin == NULL)
            break;
        }
      attempt++;
      g_byte_array_set_size (http->body, 0);
      http->too_large = FALSE;
      http->policy_refused = FALSE;
      http->handshake_tls13 = FALSE;
      http->errbuf[0] = '\0';

      if (http->signer_url)
        {
          GError *stale = inj_net_key_take_error (http->signer_url);
          g_clear_error (&stale);
        }
      headers = prepare_request (http, request, pin);
      result = run_transfer (http);
      curl_easy_setopt (http->easy, CURLOPT_KEYPASSWD, NULL);
      curl_easy_setopt (http->easy, CURLOPT_HTTPHEADER, NULL);
      curl_slist_free_all (headers);
      curl_easy_getinfo (http->easy, CURLINFO_NUM_CONNECTS, &connects);
      new_connection = connects > 0;

      if (result == CURLE_OK)
        {
          struct curl_header *date = NULL;

          if (curl_easy_header (http->easy, "Date", 0, CURLH_HEADER, -1, &date) == CURLHE_OK)
            {
              gint64 when = curl_getdate (date->value, NULL);
              g_mutex_lock (&http->stats_lock);
              http->server_date = when > 0 ? when : 0;
              http->received_at = g_get_real_time () / G_USEC_PER_SEC;
              g_mutex_unlock (&http->stats_lock);
            }
          count_attempt (http, TRUE);
          take_response (http, response);
          if (retry_status (response->status) && request->repeatable
              && attempt < http->max_attempts
              && retry_after (http, &retry_after_ms))
            {
              if (backoff (attempt, retry_after_ms, cancellable))
                continue;
              g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                   _("The request to the service was cancelled."));
              break;
            }
          /* Done is done, even if cancelled meanwhile: a registration that
           * went through must give its receipt. */
          ok = TRUE;
          break;
        }

      outcome = classify (http, result, pin != NULL, new_connection, &local);
      if (http->signer_url)
        {
          GError *key_error = inj_net_key_take_error (http->signer_url);
          if (key_error)
            {
              /* the card's own reason (a wrong PIN, the card taken out):
               * said as the card layer says it, and never retried here */
              g_clear_error (&local);
              local = key_error;
              outcome = OUTCOME_FAIL;
            }
        }
      /* No handshake was made when the key could not even be loaded. */
      count_attempt (http, outcome != OUTCOME_ASK_PIN);
      if (outcome == OUTCOME_ASK_PIN && pin == NULL && ask_pin != NULL)
        {
          /* libcurl reconnected where we expected reuse: not an attempt. */
          attempt--;
          need_pin = TRUE;
          continue;
        }
      if (outcome == OUTCOME_ASK_PIN)
        {
          g_clear_error (&local);
          inj_net_set_error (&local, INJ_NET_ERROR_PIN, 0, NULL, "%s",
                             _("The card's authentication PIN is needed but there is no way "
                               "to ask for it."));
        }
      if (outcome == OUTCOME_RETRY && request->repeatable && attempt < http->max_attempts)
        {
          g_debug ("%s %s: attempt %u failed: %s (libcurl %d: %s)", request->method,
                   request->path, attempt, local->message, result, http->errbuf);
          if (backoff (attempt, 0, cancellable))
            continue;
          g_clear_error (&local);
          g_set_error_literal (&local, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The request to the service was cancelled."));
        }
      inj_net_error_set_attempts (local, attempt);
      g_propagate_error (error, g_steal_pointer (&local));
      break;
    }

  /* The PIN lives for one call. */
  g_clear_pointer (&pin, inj_net_pin_free);
  if (ok && progress && http->fraction < 1.0)
    progress (user_data, 1.0);
  g_clear_pointer (&http->body, g_byte_array_unref);
  http->cancellable = NULL;
  http->progress = NULL;
  http->progress_data = NULL;
  g_mutex_lock (&http->stats_lock);
  http->last_attempts = attempt;
  g_mutex_unlock (&http->stats_lock);
  return ok;
}

/* ---------------------------------------------------------------- state */

guint
inj_http_get_handshakes (InjHttp *http)
{
  guint n;

  g_mutex_lock (&http->stats_lock);
  n = http->handshakes;
  g_mutex_unlock (&http->stats_lock);
  return n;
}

const char *
inj_http_get_tls_version (InjHttp *http)
{
  const char *version;

  g_mutex_lock (&http->stats_lock);
  version = http->tls_version;
  g_mutex_unlock (&http->stats_lock);
  return version;
}

char *
inj_http_dup_tls_summary (InjHttp *http)
{
  char *summary;

  g_mutex_lock (&http->stats_lock);
  summary = g_strdup (http->tls_summary);
  g_mutex_unlock (&http->stats_lock);
  return summary;
}

char *
inj_http_dup_server_certificate (InjHttp *http)
{
  char *text;

  g_mutex_lock (&http->stats_lock);
  text = g_strdup (http->server_certificate);
  g_mutex_unlock (&http->stats_lock);
  return text;
}

gboolean
inj_http_get_clock_offset (InjHttp *http,
                           gint64 *offset)
{
  gboolean known;

  g_mutex_lock (&http->stats_lock);
  known = http->server_date > 0;
  *offset = known ? http->server_date - http->received_at : 0;
  g_mutex_unlock (&http->stats_lock);
  return known;
}

guint
inj_http_get_last_attempts (InjHttp *http)
{
  guint n;

  g_mutex_lock (&http->stats_lock);
  n = http->last_attempts;
  g_mutex_unlock (&http->stats_lock);
  return n;
}

guint64
inj_http_get_bytes_sent (InjHttp *http)
{
  guint64 n;

  g_mutex_lock (&http->stats_lock);
  n = http->bytes_sent;
  g_mutex_unlock (&http->stats_lock);
  return n;
}

/* Closing the multi handle closes its connections (and GnuTLS's session
 * on the card with them). */
void
inj_http_disconnect (InjHttp *http)
{
  CURLM *fresh = curl_multi_init ();

  if (fresh == NULL)
    return;
  curl_multi_setopt (fresh, CURLMOPT_MAXCONNECTS, 1L);
  curl_multi_cleanup (http->multi);
  http->multi = fresh;
  http->idle_socket = CURL_SOCKET_BAD;
}
