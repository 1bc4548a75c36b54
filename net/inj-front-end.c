/* inj-front-end.c: answers of a TLS front end (nginx, a load balancer)
 * rather than of the service's API. Services in production sit behind
 * one; it answers with its own HTML page, never problem details:
 *
 *  - 400 when it refused the client certificate: nginx with
 *    ssl_verify_client on completes the handshake and answers "400 The SSL
 *    certificate error" (not from an accepted CA, expired, revoked) or "400
 *    No required SSL certificate was sent" (GnuTLS sends no certificate
 *    when its issuer is not among the CAs the server named);
 *  - 413 when the body is over its limit (client_max_body_size);
 *  - 502 (the service behind it is down), 503 (overloaded: limit_req, or
 *    maintenance), 504 (the service did not answer in time).
 *
 * Each becomes an error the user can act on, with a type
 * ("front-end:…") for diagnostics and tests. Problem details from the API
 * are handled before this (inj-service-client.c). The Retry-After that
 * may come with a 503 is read here too, for the transport's retries. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-net-private.h"

/* Whether the page names the client certificate: nginx's titles for its
 * internal 495 and 496, both sent as 400. */
static gboolean
page_says (GBytes *body,
           const char *words)
{
  gsize size = 0;
  const char *data = body ? g_bytes_get_data (body, &size) : NULL;
  g_autofree char *text = NULL;

  if (data == NULL || size == 0)
    return FALSE;
  /* the page's start is enough: nginx puts it in <title> */
  text = g_ascii_strdown (data, (gssize) MIN (size, 4096));
  return strstr (text, words) != NULL;
}

/* What an upload can do after a 5xx of the front end: its
 * Idempotency-Key makes sending it again the same registration. */
static const char *
retry_advice (gboolean upload)
{
  return upload
         ? _("It is safe to send it again later: the package keeps its key, so the service "
             "registers it only once. The package stays in the outbox.")
         : _("Try again later.");
}

gboolean
inj_front_end_error (const char *who,
                     InjClientKeyKind key_kind,
                     gboolean upload,
                     guint status,
                     GBytes *body,
                     GError **error)
{
  /* a pkcs11: URI, or the card chosen by its reader */
  gboolean card = key_kind != INJ_CLIENT_KEY_FILE;
  g_autofree char *what = NULL;
  const char *type = NULL;

  switch (status)
    {
    case 400:
      if (page_says (body, "no required ssl certificate"))
        {
          if (card)
            inj_net_set_error (error, INJ_NET_ERROR_CLIENT_CERTIFICATE, status,
                               "front-end:no-client-certificate",
                               _("%s did not accept the card's certificate: its front end "
                                 "received none it accepts (HTTP 400). The card's user "
                                 "authentication certificate is not from a certificate "
                                 "authority the service accepts. Check that this is the right "
                                 "card, and ask the service's operator which certificate "
                                 "authorities it accepts."), who);
          else
            inj_net_set_error (error, INJ_NET_ERROR_CLIENT_CERTIFICATE, status,
                               "front-end:no-client-certificate",
                               _("%s did not accept the client certificate: its front end "
                                 "received none it accepts (HTTP 400). The client certificate "
                                 "in the settings is not from a certificate authority the "
                                 "service accepts. Check the settings, and ask the service's "
                                 "operator which certificate authorities it accepts."), who);
          return TRUE;
        }
      if (page_says (body, "ssl certificate"))
        {
          if (card)
            inj_net_set_error (error, INJ_NET_ERROR_CLIENT_CERTIFICATE, status,
                               "front-end:client-certificate-refused",
                               _("%s did not accept the card's certificate (its front end "
                                 "answered HTTP 400). Check that this is the right card, and "
                                 "that its user authentication certificate has not expired or "
                                 "been revoked: renewing the card's certificates revokes the "
                                 "old one; a move or a change of name does not. Check also "
                                 "that the service accepts certificates of the card's "
                                 "certificate authority. If all of this is right, contact the "
                                 "service's operator."), who);
          else
            inj_net_set_error (error, INJ_NET_ERROR_CLIENT_CERTIFICATE, status,
                               "front-end:client-certificate-refused",
                               _("%s did not accept the client certificate (its front end "
                                 "answered HTTP 400). Check that the certificate in the "
                                 "settings is the one registered with the service, that it has "
                                 "not expired or been revoked, and that the service accepts its "
                                 "certificate authority. If all of this is right, contact the "
                                 "service's operator."), who);
          return TRUE;
        }
      return FALSE;
    case 413:
      inj_net_set_error (error, INJ_NET_ERROR_FRONT_END, status, "front-end:too-large",
                         _("The package is too large for the front end of %s (HTTP 413): "
                           "nothing was registered. Sending it again will not help; tell the "
                           "service's operator. The package stays in the outbox."), who);
      return TRUE;
    case 502:
      what = g_strdup_printf (_("The service is unreachable now: the front end of %s got no "
                                "answer from the service behind it (HTTP 502)."), who);
      type = "front-end:bad-gateway";
      break;
    case 503:
      what = g_strdup_printf (_("The service is overloaded or under maintenance: the front end "
                                "of %s refused the request for now (HTTP 503)."), who);
      type = "front-end:unavailable";
      break;
    case 504:
      what = g_strdup_printf (_("The service timed out: it did not answer the front end of %s "
                                "in time (HTTP 504). What was sent may have arrived all the "
                                "same."), who);
      type = "front-end:gateway-timeout";
      break;
    default:
      return FALSE;
    }
  /* the service is not reachable for now, as when it is down */
  /* TRANSLATORS: what happened, then what the user can do: two sentences
   * of one message (Japanese joins them without a space) */
  inj_net_set_error (error, INJ_NET_ERROR_UNREACHABLE, status, type, _("%s %s"), what,
                     retry_advice (upload));
  return TRUE;
}

gboolean
inj_net_retry_after (const char *value,
                     gint64 date,
                     guint max_ms,
                     guint *ms)
{
  gint64 seconds = -1;
  const char *v = value;

  *ms = 0;
  while (*v == ' ' || *v == '\t')
    v++;
  if (g_ascii_isdigit (*v))
    {
      char *end = NULL;
      guint64 n = g_ascii_strtoull (v, &end, 10);
      if (end && (*end == '\0' || *end == ' '))
        seconds = (gint64) MIN (n, (guint64) G_MAXINT32);
    }
  else if (date > 0)
    seconds = MAX (date - g_get_real_time () / G_USEC_PER_SEC, 0);
  if (seconds < 0)
    return TRUE; /* unreadable: the backoff alone */
  if (seconds * 1000 > (gint64) max_ms)
    {
      g_debug ("Retry-After: %" G_GINT64_FORMAT " s, longer than a call waits", seconds);
      return FALSE;
    }
  *ms = (guint) seconds * 1000;
  return TRUE;
}
