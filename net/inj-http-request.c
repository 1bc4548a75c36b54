/* inj-http-request.c: one request on the transport: its transfers in the
 * handle's own multi handle (so that a GCancellable ends one at once,
 * through curl_multi_wakeup, instead of at libcurl's next progress tick),
 * the card's PIN asked only when a handshake is coming, and the attempts
 * with their waits for the requests that may be repeated. */
#include "config.h"

#include <poll.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-http-private.h"
#include "inj-net-key.h"

#define BACKOFF_FIRST_MS          500
#define BACKOFF_MAX_MS            8000

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
      /* a PUT (the account's change) sends its body as a POST would */
      curl_easy_setopt (http->easy, CURLOPT_CUSTOMREQUEST,
                        g_strcmp0 (request->method, "PUT") == 0 ? "PUT" : NULL);
    }
  else
    {
      /* Nothing of an earlier POST's body survives. */
      curl_easy_setopt (http->easy, CURLOPT_POSTFIELDS, NULL);
      curl_easy_setopt (http->easy, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) -1);
      curl_easy_setopt (http->easy, CURLOPT_CUSTOMREQUEST, NULL);
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
      InjHttpOutcome outcome;
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

      outcome = _inj_http_classify (http, result, pin != NULL, new_connection, &local);
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

