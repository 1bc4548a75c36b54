/* test-net-retry.c: an unreachable or slow service, retries after 503s
 * and dropped connections, cancellation, the async calls and progress.
 * Registered in test-net.c. */
#include "config.h"

#include <string.h>

#include "test-net.h"

/* ---------------------------------------------------------------- failures and retries */

void
test_unreachable (void)
{
  g_autoptr(TestRawServer) raw = test_raw_server_start ("server.pem", "server.key", NULL);
  g_autofree char *url = g_strdup (raw->url);
  g_autoptr(InjServiceClient) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = NULL;
  gint64 start;

  /* a port nobody listens on any more */
  g_clear_pointer (&raw, test_raw_server_stop);
  c = test_client_for (url, "client", 0, 2);
  start = g_get_monotonic_time ();
  o = inj_service_client_get_profile (c, NULL, &error);
  test_assert_net_error (error, INJ_NET_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, url + strlen ("https://")));
  g_assert_cmpuint (inj_net_error_attempts (error), ==, 2);
  /* one backoff of 0.5 s between them */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 500 * 1000);
  g_assert_cmpuint (inj_service_client_get_handshakes (c), ==, 0);
}

void
test_timeout (void)
{
  const char *args[] = { "--delay-ms", "3000", NULL };
  g_autoptr(TestService) svc = test_service_start (args);

  {
    g_autoptr(InjServiceClient) c = test_client_for (svc->url, "client", 1, 1);
    g_autoptr(GError) error = NULL;
    gint64 start = g_get_monotonic_time ();
    g_autoptr(JsonObject) o = inj_service_client_get_profile (c, NULL, &error);
    gint64 elapsed = g_get_monotonic_time () - start;

    test_assert_net_error (error, INJ_NET_ERROR_UNREACHABLE);
    g_assert_cmpint (elapsed, >=, 900 * 1000);
    g_assert_cmpint (elapsed, <, 2500 * 1000);
  }
  {
    /* retried once, after 0.5 s */
    g_autoptr(InjServiceClient) c = test_client_for (svc->url, "client", 1, 2);
    g_autoptr(GError) error = NULL;
    gint64 start = g_get_monotonic_time ();
    g_autoptr(JsonObject) o = inj_service_client_get_profile (c, NULL, &error);
    gint64 elapsed = g_get_monotonic_time () - start;

    test_assert_net_error (error, INJ_NET_ERROR_UNREACHABLE);
    g_assert_cmpuint (inj_net_error_attempts (error), ==, 2);
    g_assert_cmpint (elapsed, >=, 2400 * 1000);
    g_assert_cmpint (elapsed, <, 5000 * 1000);
  }
}

/* The service draws its failures from GRand seeded with two words: a seed
 * whose first draws fail, fail, succeed, succeed. */
static gint64
seed_for (double rate)
{
  for (guint32 seed = 1; seed < 100000; seed++)
    {
      const guint32 words[2] = { seed, 0 };
      g_autoptr(GRand) r = g_rand_new_with_seed_array (words, 2);
      gboolean d0 = g_rand_double (r) < rate, d1 = g_rand_double (r) < rate;
      gboolean d2 = g_rand_double (r) < rate, d3 = g_rand_double (r) < rate;
      if (d0 && d1 && !d2 && !d3)
        return seed;
    }
  g_error ("no seed");
}

void
test_retry_fail_rate (void)
{
  g_autofree char *seed = g_strdup_printf ("%" G_GINT64_FORMAT, seed_for (0.5));
  const char *args[] = { "--fail-rate", "0.5", "--seed", seed, NULL };
  g_autoptr(TestService) svc = test_service_start (args);
  g_autoptr(InjServiceClient) c = test_client_for (svc->url, "client", 0, 0);
  g_autoptr(GBytes) delegation = NULL;
  g_autoptr(GBytes) submission = NULL;
  g_autofree char *id = test_make_package (&delegation, &submission, NULL);
  g_autofree char *key = test_uuid ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) receipt = NULL;
  gint64 start = g_get_monotonic_time ();

  receipt = inj_service_client_register (c, delegation, submission, key, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (receipt, "delegationId"), ==, id);
  /* 503, 503, then 202: after 0.5 s and 1 s */
  g_assert_cmpuint (inj_service_client_get_last_attempts (c), ==, 3);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 1500 * 1000);
  g_assert_cmpuint (inj_service_client_get_handshakes (c), ==, 1);

  test_service_restart (svc, NULL);
  {
    g_autoptr(InjServiceClient) good = test_client_for (svc->url, "client", 0, 0);
    g_assert_cmpuint (test_count_listed (good, id), ==, 1);
  }
}

void
test_retry_exhausted (void)
{
  const char *args[] = { "--fail-rate", "1", NULL };
  g_autoptr(TestService) svc = test_service_start (args);
  g_autoptr(InjServiceClient) c = test_client_for (svc->url, "client", 0, 0);
  g_autoptr(GBytes) delegation = NULL;
  g_autoptr(GBytes) submission = NULL;
  g_autofree char *id = test_make_package (&delegation, &submission, NULL);
  g_autofree char *key = test_uuid ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) receipt = NULL;
  gint64 start = g_get_monotonic_time ();

  receipt = inj_service_client_register (c, delegation, submission, key, NULL, &error);
  g_assert_null (receipt);
  /* the service's last answer, its problem details */
  test_assert_net_error (error, INJ_NET_ERROR_PROBLEM);
  g_assert_cmpuint (inj_net_error_http_status (error), ==, 503);
  g_assert_cmpuint (inj_net_error_attempts (error), ==, 4);
  /* 0.5 s + 1 s + 2 s of backoff, and no more */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 3500 * 1000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10000 * 1000);
  g_assert_cmpuint (inj_service_client_get_handshakes (c), ==, 1);

  test_service_restart (svc, NULL);
  {
    g_autoptr(InjServiceClient) good = test_client_for (svc->url, "client", 0, 0);
    g_assert_cmpuint (test_list_length (good), ==, 0);
  }
  (void) id;
}

/* The service stores the registration and drops the connection before
 * answering, four times: the Idempotency-Key makes them one registration,
 * and sending it again once the service answers gives its receipt. */
void
test_dropped_registration_once (void)
{
  const char *args[] = { "--drop-after-body", NULL };
  g_autoptr(TestService) svc = test_service_start (args);
  g_autoptr(InjServiceClient) c = test_client_for (svc->url, "client", 0, 0);
  g_autoptr(GBytes) delegation = NULL;
  g_autoptr(GBytes) submission = NULL;
  g_autofree char *id = test_make_package (&delegation, &submission, NULL);
  g_autofree char *key = test_uuid ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) receipt = NULL;

  receipt = inj_service_client_register (c, delegation, submission, key, NULL, &error);
  g_assert_null (receipt);
  test_assert_net_error (error, INJ_NET_ERROR_UNREACHABLE);
  g_assert_cmpuint (inj_net_error_attempts (error), ==, 4);
  g_clear_error (&error);

  test_service_restart (svc, NULL);
  {
    g_autoptr(InjServiceClient) good = test_client_for (svc->url, "client", 0, 0);
    g_autoptr(JsonObject) final = NULL;
    receipt = inj_service_client_register (good, delegation, submission, key, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (receipt, "delegationId"), ==, id);
    final = test_poll_receipt (good, json_object_get_string_member (receipt, "receipt"));
    g_assert_cmpstr (json_object_get_string_member (final, "status"), ==, "stored");
    g_assert_cmpuint (test_count_listed (good, id), ==, 1);
  }
}

/* ---------------------------------------------------------------- async, cancellation, progress */

typedef struct {
  gboolean done;
  JsonObject *answer;
  GError *error;
  GThread *thread;
  guint order;
} Result;

static guint finished;

static void
on_done (GObject *source,
         GAsyncResult *result,
         gpointer user_data)
{
  Result *r = user_data;

  r->answer = inj_service_client_call_finish (INJ_SERVICE_CLIENT (source), result, &r->error);
  r->thread = g_thread_self ();
  r->order = ++finished;
  r->done = TRUE;
}

static gboolean
cancel_later (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

void
test_cancel (void)
{
  const char *slow[] = { "--delay-ms", "10000", NULL };
  const char *failing[] = { "--fail-rate", "1", NULL };

  for (int i = 0; i < 2; i++)
    {
      g_autoptr(TestService) svc = test_service_start (i == 0 ? slow : failing);
      g_autoptr(InjServiceClient) c = test_client_for (svc->url, "client", 0, 0);
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      Result r = { 0 };
      gint64 start = g_get_monotonic_time ();

      /* during the transfer, or during the backoff after a 503 */
      inj_service_client_get_profile_async (c, cancellable, on_done, &r);
      g_timeout_add (i == 0 ? 500 : 300, cancel_later, cancellable);
      g_assert_true (test_wait_flag (&r.done, 8000));
      g_assert_null (r.answer);
      g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      /* at once, not at libcurl's next second */
      g_assert_cmpint (g_get_monotonic_time () - start, <, 1200 * 1000);
      g_clear_error (&r.error);
    }
}

static void
on_progress (InjServiceClient *client,
             double fraction,
             gpointer user_data)
{
  GArray *seen = user_data;

  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_array_append_val (seen, fraction);
}

void
test_async_workflow (void)
{
  g_autoptr(TestService) svc = test_service_start (NULL);
  g_autoptr(InjServiceClient) c = test_client_for (svc->url, "client", 0, 0);
  g_autoptr(GBytes) delegation = NULL;
  g_autoptr(GBytes) submission = NULL;
  g_autofree char *id = test_make_package (&delegation, &submission, NULL);
  g_autofree char *key = test_uuid ();
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (double));
  Result profile = { 0 }, reg = { 0 }, list = { 0 };

  g_signal_connect (c, "progress", G_CALLBACK (on_progress), seen);
  /* queued at once, run in order on the client's worker */
  inj_service_client_get_profile_async (c, NULL, on_done, &profile);
  inj_service_client_register_async (c, delegation, submission, key, NULL, on_done, &reg);
  inj_service_client_list_async (c, NULL, on_done, &list);
  g_assert_true (test_wait_flag (&list.done, 20000));
  g_assert_true (profile.done && reg.done);
  g_assert_no_error (profile.error);
  g_assert_no_error (reg.error);
  g_assert_no_error (list.error);
  /* finished in the order queued, back in this thread */
  g_assert_cmpuint (profile.order, <, reg.order);
  g_assert_cmpuint (reg.order, <, list.order);
  g_assert_true (profile.thread == g_thread_self ());
  g_assert_cmpstr (json_object_get_string_member (reg.answer, "delegationId"), ==, id);
  {
    Result receipt = { 0 };
    inj_service_client_get_receipt_async (c, json_object_get_string_member (reg.answer, "receipt"),
                                          NULL, on_done, &receipt);
    g_assert_true (test_wait_flag (&receipt.done, 20000));
    g_assert_no_error (receipt.error);
    g_assert_cmpstr (json_object_get_string_member (receipt.answer, "delegationId"), ==, id);
    json_object_unref (receipt.answer);
  }
  /* let the last emissions arrive */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (seen->len, >=, 3);
  for (guint i = 0; i < seen->len; i++)
    {
      double f = g_array_index (seen, double, i);
      g_assert_cmpfloat (f, >=, 0.0);
      g_assert_cmpfloat (f, <=, 1.0);
    }
  g_assert_cmpfloat (g_array_index (seen, double, seen->len - 1), ==, 1.0);
  g_assert_cmpuint (inj_service_client_get_handshakes (c), ==, 1);
  json_object_unref (profile.answer);
  json_object_unref (reg.answer);
  json_object_unref (list.answer);
}

/* The service closed the idle connection (it restarted on the same port):
 * the next call makes a new connection, and nothing surfaces. */
void
test_connection_closed_by_service (void)
{
  g_autoptr(TestService) svc = test_service_start (NULL);
  g_autoptr(InjServiceClient) c = test_client_for (svc->url, "client", 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) first = inj_service_client_get_profile (c, NULL, &error);
  g_autoptr(JsonObject) second = NULL;

  g_assert_no_error (error);
  test_service_restart (svc, NULL);
  second = inj_service_client_get_profile (c, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (inj_service_client_get_handshakes (c), ==, 2);
}
