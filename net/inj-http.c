/* inj-http.c: the transport. One libcurl easy handle, reused, in a multi
 * handle of its own, so that a workflow (profile, register, receipt
 * polling) costs one TLS handshake, hence one PIN and one load of a card's
 * key (GnuTLS then makes two signatures with it: a check that key and
 * certificate match, then the handshake's CertificateVerify).
 *
 * This file makes the handle from the configuration, holds libcurl's
 * callbacks, and tells what the last transfer did; a request is sent in
 * inj-http-request.c, and a failure read in inj-http-failure.c. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "inj-http-private.h"
#include "inj-net-key.h"

#define DEFAULT_CONNECT_TIMEOUT_S 10
#define DEFAULT_TIMEOUT_S         60
#define DEFAULT_MAX_ATTEMPTS      4

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
inj_http_get_service_ca (InjHttp *http)
{
  return http->service_ca;
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
