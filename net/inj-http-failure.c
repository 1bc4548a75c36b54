/* inj-http-failure.c: what a failed attempt means, as an error a person
 * can act on, and whether another attempt (or the card's PIN) may help.
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
#include <glib/gi18n-lib.h>
#include <gnutls/gnutls.h>

#include "inj-http-private.h"

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

static InjHttpOutcome
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

static InjHttpOutcome
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
static InjHttpOutcome
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

static InjHttpOutcome
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
InjHttpOutcome
_inj_http_classify (InjHttp *http,
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
