/* test-net-front.c: the net/ layer against the real nginx (Debian's
 * nginx-light) in front of the local service, as services in production
 * are: nginx ends TLS, verifies the client certificate (ssl_verify_client
 * on) and passes it to the service in a header. What nginx answers on its
 * own — its HTML pages for a refused certificate (400), a body over its
 * limit (413), the service down (502), maintenance (503), the service too
 * slow (504) — must reach the user as what to do, with an error code and
 * a type for diagnostics. nginx is started by tests/service/front-end.sh
 * in the test's temporary directory, on loopback ports, and stopped. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "net-support.h"

static const char *const both_cas[] = { "client-ca.pem", "ca/auth-ca.pem", NULL };

/* The code, the HTTP status, the type and words of the message. */
static void
assert_front_error (const GError *error,
                    InjNetError code,
                    guint status,
                    const char *type,
                    const char *words)
{
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  if (!g_error_matches (error, INJ_NET_ERROR, code))
    g_error ("expected INJ_NET_ERROR %d, got %s %d: %s", code,
             g_quark_to_string (error->domain), error->code, error->message);
  g_assert_cmpuint (inj_net_error_http_status (error), ==, status);
  g_assert_cmpstr (inj_net_error_problem_type (error), ==, type);
  if (strstr (error->message, words) == NULL)
    g_error ("the message lacks \"%s\": %s", words, error->message);
  /* never the old words, never nginx's page */
  g_assert_null (strstr (error->message, "does not follow the service API"));
  g_assert_null (strstr (error->message, "<"));
}

static JsonObject *
register_new (InjServiceClient *c,
              char **id,
              GError **error)
{
  g_autoptr(GBytes) delegation = NULL;
  g_autoptr(GBytes) submission = NULL;
  g_autofree char *key = test_uuid ();

  *id = test_make_package (&delegation, &submission, NULL);
  return inj_service_client_register (c, delegation, submission, key, NULL, error);
}

/* ---------------------------------------------------------------- through nginx */

/* The success path: profile, registration and its receipt through nginx;
 * the service took the principal from nginx's header: the same client
 * straight to the service's own TLS listener sees the delegation as its
 * own (the principal is the certificate's SHA-256 on both listeners). */
static void
test_stored (void)
{
  g_autoptr(TestService) svc = test_service_start_behind (NULL);
  g_autoptr(TestFront) front = test_front_start (svc->front_port, both_cas, NULL);
  g_autoptr(InjServiceClient) c = test_client_for (front->url, "client", 0, 0);
  g_autoptr(InjServiceClient) direct = test_client_for (svc->url, "client", 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) profile = inj_service_client_get_profile (c, NULL, &error);
  g_autoptr(JsonObject) receipt = NULL;
  g_autofree char *id = NULL;

  g_assert_no_error (error);
  receipt = register_new (c, &id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (receipt, "delegationId"), ==, id);
  for (int i = 0; i < 200; i++)
    {
      g_autoptr(JsonObject) r = inj_service_client_get_receipt (
        c, json_object_get_string_member (receipt, "receipt"), NULL, &error);
      g_assert_no_error (error);
      if (g_strcmp0 (json_object_get_string_member (r, "status"), "received") != 0)
        {
          g_assert_cmpstr (json_object_get_string_member (r, "status"), ==, "stored");
          break;
        }
      g_assert_cmpint (i, <, 199);
      g_usleep (50 * 1000);
    }
  g_assert_cmpuint (test_count_listed (c, id), ==, 1);
  g_assert_cmpuint (test_count_listed (direct, id), ==, 1);
}

/* Several CA generations in one PEM file (the JPKI authentication CA has
 * three in use at once): nginx and the service accept a client of any of
 * them, wherever it stands in the file. */
static void
test_ca_bundle (void)
{
  g_autoptr(TestService) svc = test_service_start_behind (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("inj-net-bundle-XXXXXX", &error);
  g_autofree char *bundle = g_build_filename (dir, "client-cas.pem", NULL);
  g_autoptr(GString) pem = g_string_new (NULL);
  const char *parts[] = { "unknown-ca.pem", "client-ca.pem", "ca/auth-ca.pem" };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *path = g_str_has_prefix (parts[i], "ca/") ? test_personas_path (parts[i])
                                                                 : test_pki_path (parts[i]);
      g_autofree char *text = NULL;
      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      g_string_append (pem, text);
    }
  g_assert_true (g_file_set_contents (bundle, pem->str, -1, NULL));
  {
    const char *const one_file[] = { bundle, NULL };
    g_autoptr(TestFront) front = test_front_start (svc->front_port, one_file, NULL);
    g_autoptr(InjServiceClient) c = test_client_for (front->url, "client", 0, 0);
    g_autoptr(JsonObject) o = inj_service_client_get_profile (c, NULL, &error);

    /* the client's CA is the second of three */
    g_assert_no_error (error);
    g_assert_nonnull (o);
  }
  g_unlink (bundle);
  g_rmdir (dir);
}

/* nginx refuses an expired certificate of an accepted CA after the
 * handshake: HTTP 400, "The SSL certificate error". */
static void
test_refused_expired (void)
{
  g_autoptr(TestService) svc = test_service_start_behind (NULL);
  g_autoptr(TestFront) front = test_front_start (svc->front_port, both_cas, NULL);
  g_autoptr(InjServiceClient) c = test_client_for (front->url, "client-expired", 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = inj_service_client_get_profile (c, NULL, &error);

  g_assert_null (o);
  assert_front_error (error, INJ_NET_ERROR_CLIENT_CERTIFICATE, 400,
                      "front-end:client-certificate-refused",
                      "did not accept the client certificate (its front end answered HTTP 400)");
  g_assert_nonnull (strstr (error->message, "expired or been revoked"));
  g_assert_nonnull (strstr (error->message, "contact the service's operator"));
  /* refused is refused: not sent again */
  g_assert_cmpuint (inj_net_error_attempts (error), ==, 1);
}

/* A certificate of a CA nginx does not accept: GnuTLS sends it all the
 * same (one certificate configured), nginx refuses it after the
 * handshake: 400, "The SSL certificate error". */
static void
test_refused_other_ca (void)
{
  static const char *const card_ca_only[] = { "ca/auth-ca.pem", NULL };
  g_autoptr(TestService) svc = test_service_start_behind (NULL);
  g_autoptr(TestFront) front = test_front_start (svc->front_port, card_ca_only, NULL);
  g_autoptr(InjServiceClient) c = test_client_for (front->url, "client", 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = inj_service_client_get_profile (c, NULL, &error);

  g_assert_null (o);
  assert_front_error (error, INJ_NET_ERROR_CLIENT_CERTIFICATE, 400,
                      "front-end:client-certificate-refused",
                      "and that the service accepts its certificate authority");
}

/* No certificate at all: the client always has one configured, so the
 * answer nginx gives then is taken from the real nginx (curl without a
 * certificate), and served as it came, headers and page, by openssl
 * s_server to the client. */
static void
test_refused_none_sent (void)
{
  g_autoptr(TestService) svc = test_service_start_behind (NULL);
  g_autoptr(TestFront) front = test_front_start (svc->front_port, both_cas, NULL);
  g_autoptr(TestRawServer) raw = test_raw_server_start ("server.pem", "server.key", NULL);
  g_autoptr(InjServiceClient) c = test_client_for (raw->url, "client", 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = NULL;
  g_autofree char *ca = test_pki_path ("service-ca.pem");
  g_autofree char *url = g_strconcat (front->url, "/api/v1/profile", NULL);
  g_autofree char *answer = NULL;
  const char *curl[] = { "curl", "-sS", "-i", "--cacert", ca, url, NULL };
  int status = -1;

  g_spawn_sync (NULL, (char **) curl, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &answer, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_test_message ("nginx: %s", answer);
  g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 400 "));
  g_assert_nonnull (strstr (answer, "No required SSL certificate was sent"));
  test_raw_server_answer (raw, "api/v1/profile", answer);
  o = inj_service_client_get_profile (c, NULL, &error);
  g_assert_null (o);
  assert_front_error (error, INJ_NET_ERROR_CLIENT_CERTIFICATE, 400,
                      "front-end:no-client-certificate",
                      "is not from a certificate authority the service accepts");
}

/* A package over client_max_body_size: 413, not sent again. */
static void
test_too_large (void)
{
  const char *const args[] = { "--max-body", "1k", NULL };
  g_autoptr(TestService) svc = test_service_start_behind (NULL);
  g_autoptr(TestFront) front = test_front_start (svc->front_port, both_cas, args);
  g_autoptr(InjServiceClient) c = test_client_for (front->url, "client", 0, 0);
  g_autoptr(InjServiceClient) direct = test_client_for (svc->url, "client", 0, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) receipt = register_new (c, &id, &error);

  g_assert_null (receipt);
  assert_front_error (error, INJ_NET_ERROR_FRONT_END, 413, "front-end:too-large",
                      "The package is too large for the front end of");
  g_assert_nonnull (strstr (error->message, "The package stays in the outbox"));
  g_assert_cmpuint (inj_net_error_attempts (error), ==, 1);
  g_assert_cmpuint (test_count_listed (direct, id), ==, 0);
}

/* The service behind nginx is down: 502, sent again with backoff (a GET,
 * and a registration with its key), then explained. */
static void
test_bad_gateway (void)
{
  g_autoptr(TestFront) front = test_front_start (test_free_port (), both_cas, NULL);
  g_autoptr(InjServiceClient) c = test_client_for (front->url, "client", 0, 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = inj_service_client_get_profile (c, NULL, &error);
  g_autofree char *id = NULL;

  g_assert_null (o);
  assert_front_error (error, INJ_NET_ERROR_UNREACHABLE, 502, "front-end:bad-gateway",
                      "got no answer from the service behind it (HTTP 502). Try again later.");
  g_assert_cmpuint (inj_net_error_attempts (error), ==, 2);
  g_clear_error (&error);
  o = register_new (c, &id, &error);
  g_assert_null (o);
  assert_front_error (error, INJ_NET_ERROR_UNREACHABLE, 502, "front-end:bad-gateway",
                      "It is safe to send it again later: the package keeps its key");
  g_assert_cmpuint (inj_net_error_attempts (error), ==, 2);
}

/* Maintenance (nginx's own 503): sent again after the backoff, or after
 * Retry-After when it asks for a wait a call can hold; a longer one ends
 * the call at once (the outbox keeps an upload). */
static void
test_unavailable (void)
{
  g_autoptr(TestService) svc = test_service_start_behind (NULL);

  {
    const char *const args[] = { "--answer", "503", NULL };
    g_autoptr(TestFront) front = test_front_start (svc->front_port, both_cas, args);
    g_autoptr(InjServiceClient) c = test_client_for (front->url, "client", 0, 3);
    g_autoptr(GError) error = NULL;
    g_autofree char *id = NULL;
    g_autoptr(JsonObject) o = register_new (c, &id, &error);

    g_assert_null (o);
    assert_front_error (error, INJ_NET_ERROR_UNREACHABLE, 503, "front-end:unavailable",
                        "The service is overloaded or under maintenance");
    g_assert_nonnull (strstr (error->message, "The package stays in the outbox"));
    g_assert_cmpuint (inj_net_error_attempts (error), ==, 3);
  }
  {
    const char *const args[] = { "--answer", "503", "--retry-after", "2", NULL };
    g_autoptr(TestFront) front = test_front_start (svc->front_port, both_cas, args);
    g_autoptr(InjServiceClient) c = test_client_for (front->url, "client", 0, 2);
    g_autoptr(GError) error = NULL;
    gint64 start = g_get_monotonic_time ();
    g_autoptr(JsonObject) o = inj_service_client_get_profile (c, NULL, &error);

    assert_front_error (error, INJ_NET_ERROR_UNREACHABLE, 503, "front-end:unavailable",
                        "Try again later.");
    g_assert_cmpuint (inj_net_error_attempts (error), ==, 2);
    /* 2 s asked, not the first backoff's 0.5 s */
    g_assert_cmpint (g_get_monotonic_time () - start, >=, 2000 * 1000);
  }
  {
    /* just over the longest backoff (8 s) */
    const char *const args[] = { "--answer", "503", "--retry-after", "9", NULL };
    g_autoptr(TestFront) front = test_front_start (svc->front_port, both_cas, args);
    g_autoptr(InjServiceClient) c = test_client_for (front->url, "client", 0, 4);
    g_autoptr(GError) error = NULL;
    gint64 start = g_get_monotonic_time ();
    g_autoptr(JsonObject) o = inj_service_client_get_profile (c, NULL, &error);

    assert_front_error (error, INJ_NET_ERROR_UNREACHABLE, 503, "front-end:unavailable",
                        "Try again later.");
    g_assert_cmpuint (inj_net_error_attempts (error), ==, 1);
    g_assert_cmpint (g_get_monotonic_time () - start, <, 2000 * 1000);
  }
}

/* The service answers slower than nginx waits: 504. The registration was
 * stored all the same; sending it again with its key registered it once. */
static void
test_gateway_timeout (void)
{
  const char *const slow[] = { "--delay-ms", "2000", NULL };
  const char *const args[] = { "--read-timeout-ms", "700", NULL };
  g_autoptr(TestService) svc = test_service_start_behind (slow);
  g_autoptr(TestFront) front = test_front_start (svc->front_port, both_cas, args);
  g_autoptr(InjServiceClient) c = test_client_for (front->url, "client", 0, 2);
  g_autoptr(InjServiceClient) direct = test_client_for (svc->url, "client", 0, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) o = register_new (c, &id, &error);

  g_assert_null (o);
  assert_front_error (error, INJ_NET_ERROR_UNREACHABLE, 504, "front-end:gateway-timeout",
                      "did not answer the front end of");
  g_assert_nonnull (strstr (error->message, "may have arrived all the same"));
  g_assert_nonnull (strstr (error->message, "It is safe to send it again later"));
  g_assert_cmpuint (inj_net_error_attempts (error), ==, 2);
  /* two attempts, one registration */
  g_assert_cmpuint (test_count_listed (direct, id), ==, 1);
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/net/front/stored", test_stored);
  g_test_add_func ("/net/front/ca-bundle", test_ca_bundle);
  g_test_add_func ("/net/front/refused/expired", test_refused_expired);
  g_test_add_func ("/net/front/refused/other-ca", test_refused_other_ca);
  g_test_add_func ("/net/front/refused/none-sent", test_refused_none_sent);
  g_test_add_func ("/net/front/too-large", test_too_large);
  g_test_add_func ("/net/front/bad-gateway", test_bad_gateway);
  g_test_add_func ("/net/front/unavailable", test_unavailable);
  g_test_add_func ("/net/front/gateway-timeout", test_gateway_timeout);
  return g_test_run ();
}
