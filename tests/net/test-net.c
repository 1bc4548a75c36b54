/* test-net.c: the net/ layer against the local service (tests/service/)
 * over mutual TLS with file keys, and against openssl s_server for what the
 * service never does (redirects, weak TLS, answers outside the API).
 * This file: the configuration, the arguments and the service's workflow;
 * the certificates and TLS in test-net-tls.c, failures, retries and async
 * in test-net-retry.c; the list of tests in main() below. */
#include "config.h"

#include <string.h>

#include "test-net.h"

/* ---------------------------------------------------------------- configuration */

static void
expect_config_error (InjServiceConfig *config)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(InjServiceClient) c = inj_service_client_new (config, NULL, &error);

  g_assert_null (c);
  test_assert_net_error (error, INJ_NET_ERROR_CONFIG);
}

void
test_config (void)
{
  static const char *const bad_urls[] = {
    "http://localhost:8443", "HTTP://localhost:8443", "ftp://localhost", "localhost:8443",
    "https://localhost:8443/api/v1", "https://user:pw@localhost:8443", "https://localhost:8443?x=1",
    "https://localhost:8443#f", "https://", "https://local host", "",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad_urls); i++)
    {
      g_auto(InjServiceConfig) config = test_config_files (bad_urls[i], "client");
      expect_config_error (&config);
    }
  {
    g_auto(InjServiceConfig) config = test_config_files ("https://localhost:8443", "client");
    g_free (config.service_ca);
    config.service_ca = g_strdup ("/nonexistent/ca.pem");
    expect_config_error (&config);
  }
  {
    g_auto(InjServiceConfig) config = test_config_files ("https://localhost:8443", "client");
    g_free (config.service_ca);
    config.service_ca = test_pki_path ("client.key"); /* no certificate in it */
    expect_config_error (&config);
  }
  {
    g_auto(InjServiceConfig) config = test_config_files ("https://localhost:8443", "nonexistent");
    expect_config_error (&config);
  }
  {
    g_auto(InjServiceConfig) config = test_config_files ("https://localhost:8443", "client");
    config.key_kind = INJ_CLIENT_KEY_PKCS11; /* files are not pkcs11: URIs */
    expect_config_error (&config);
  }
  {
    g_autoptr(InjServiceClient) c = test_client_for ("https://127.0.0.1", "client", 0, 0);
    g_assert_cmpuint (inj_service_client_get_handshakes (c), ==, 0);
    g_assert_null (inj_service_client_get_tls_version (c));
  }
  {
    g_autoptr(InjServiceClient) c = test_client_for ("https://[::1]:8443/", "client", 0, 0);
  }
}

/* Arguments are checked before anything is sent. */
void
test_arguments (void)
{
  g_autoptr(InjServiceClient) c = test_client_for ("https://localhost:1", "client", 0, 1);
  g_autoptr(GBytes) doc = g_bytes_new_static ("<x/>", 4);
  static const char *const bad_ids[] = {
    "x", "../profile", "0d6d7d8e-4c0b-3a6e-9a1f-2b3c4d5e6f70" /* v3 */,
    "0D6D7D8E-4C0B-4A6E-9A1F-2B3C4D5E6F70" /* upper case */, "0d6d7d8e-4c0b-4a6e-9a1f-2b3c4d5e6f7",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad_ids); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) o = inj_service_client_get (c, bad_ids[i], NULL, &error);
      g_assert_null (o);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) o = inj_service_client_get_receipt (c, "R-abc", NULL, &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) o = inj_service_client_register (c, doc, doc, "not-a-uuid", NULL, &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  }
  g_assert_cmpuint (inj_service_client_get_handshakes (c), ==, 0);
  g_assert_cmpuint (inj_service_client_get_bytes_sent (c), ==, 0);
}

/* ---------------------------------------------------------------- the service */

void
test_profile (void)
{
  g_autoptr(TestService) svc = test_service_start (NULL);
  g_autoptr(InjServiceClient) c = test_client_for (svc->url, "client", 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) profile = inj_service_client_get_profile (c, NULL, &error);
  g_autofree char *summary = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (json_object_get_string_member (profile, "name"));
  g_assert_cmpstr (json_object_get_string_member (profile, "apiVersion"), ==, "1.0");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (profile, "validityUrl"),
                                   "https://"));
  g_assert_cmpuint (inj_service_client_get_handshakes (c), ==, 1);
  g_assert_cmpuint (inj_service_client_get_last_attempts (c), ==, 1);
  g_assert_cmpuint (inj_service_client_get_bytes_sent (c), >, 0);
  /* A key in a file can make RSA-PSS signatures: TLS 1.3. */
  g_assert_cmpstr (inj_service_client_get_tls_version (c), ==, "TLS1.3");
  summary = inj_service_client_dup_tls_summary (c);
  g_test_message ("TLS: %s", summary);
  g_assert_nonnull (strstr (summary, "ECDHE"));
  g_assert_nonnull (strstr (summary, "GCM") ? summary : strstr (summary, "CHACHA20"));
}

/* A workflow is one handshake: profile, register, receipt polling, list. */
void
test_connection_reuse (void)
{
  g_autoptr(TestService) svc = test_service_start (NULL);
  g_autoptr(InjServiceClient) c = test_client_for (svc->url, "client", 0, 0);
  g_autoptr(GBytes) delegation = NULL;
  g_autoptr(GBytes) submission = NULL;
  g_autofree char *id = test_make_package (&delegation, &submission, NULL);
  g_autofree char *key = test_uuid ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) receipt = NULL;
  g_autoptr(JsonObject) final = NULL;

  for (int i = 0; i < 3; i++)
    {
      g_autoptr(JsonObject) o = i == 1 ? inj_service_client_list (c, NULL, &error)
                                       : inj_service_client_get_profile (c, NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpuint (inj_service_client_get_handshakes (c), ==, 1);

  receipt = inj_service_client_register (c, delegation, submission, key, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (receipt, "delegationId"), ==, id);
  final = test_poll_receipt (c, json_object_get_string_member (receipt, "receipt"));
  g_assert_cmpstr (json_object_get_string_member (final, "status"), ==, "stored");
  g_assert_true (json_object_has_member (final, "record"));
  g_assert_cmpuint (test_count_listed (c, id), ==, 1);
  {
    g_autoptr(JsonObject) stored = inj_service_client_get (c, id, NULL, &error);
    g_autoptr(JsonObject) validity = inj_service_client_validity (c, id, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (stored, "status"), ==, "active");
    g_assert_cmpstr (json_object_get_string_member (validity, "status"), ==, "active");
  }
  g_assert_cmpuint (inj_service_client_get_handshakes (c), ==, 1);

  /* Ending the workflow closes the connection: the next call is a new
   * handshake. */
  inj_service_client_disconnect (c);
  {
    g_autoptr(JsonObject) o = inj_service_client_get_profile (c, NULL, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (inj_service_client_get_handshakes (c), ==, 2);
}

/* The same key with the same body is the same registration; with another
 * body, the service refuses it; a renewal retires the old delegation. */
void
test_idempotency_and_renewal (void)
{
  g_autoptr(TestService) svc = test_service_start (NULL);
  g_autoptr(InjServiceClient) c = test_client_for (svc->url, "client", 0, 0);
  g_autoptr(GBytes) d1 = NULL, s1 = NULL, d2 = NULL, s2 = NULL, d3 = NULL, s3 = NULL;
  g_autofree char *id1 = test_make_package (&d1, &s1, NULL);
  g_autofree char *id2 = test_make_package (&d2, &s2, NULL);
  g_autofree char *key = test_uuid ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) r1 = inj_service_client_register (c, d1, s1, key, NULL, &error);
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(JsonObject) other = NULL;

  g_assert_no_error (error);
  again = inj_service_client_register (c, d1, s1, key, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (again, "receipt"), ==,
                   json_object_get_string_member (r1, "receipt"));
  other = inj_service_client_register (c, d2, s2, key, NULL, &error);
  g_assert_null (other);
  test_assert_net_error (error, INJ_NET_ERROR_PROBLEM);
  g_assert_cmpuint (inj_net_error_http_status (error), ==, 409);
  g_assert_cmpstr (inj_net_error_problem_type (error), ==, "urn:ininjo:problem:idempotency-conflict");
  g_clear_error (&error);
  g_clear_pointer (&r1, json_object_unref);
  r1 = test_poll_receipt (c, json_object_get_string_member (again, "receipt"));
  g_assert_cmpstr (json_object_get_string_member (r1, "status"), ==, "stored");

  {
    g_autofree char *id3 = test_make_package (&d3, &s3, id1);
    g_autofree char *key3 = test_uuid ();
    g_autoptr(JsonObject) renewal = inj_service_client_renew (c, id1, d3, s3, key3, NULL, &error);
    g_autoptr(JsonObject) done = NULL;
    g_autoptr(JsonObject) old = NULL;
    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (renewal, "delegationId"), ==, id3);
    done = test_poll_receipt (c, json_object_get_string_member (renewal, "receipt"));
    g_assert_cmpstr (json_object_get_string_member (done, "status"), ==, "stored");
    old = inj_service_client_validity (c, id1, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (old, "status"), ==, "retired");
  }
  (void) id2;
}

void
test_problem_details (void)
{
  g_autoptr(TestService) svc = test_service_start (NULL);
  g_autoptr(InjServiceClient) c = test_client_for (svc->url, "client", 0, 0);
  g_autofree char *unknown = test_uuid ();
  g_autofree char *key = test_uuid ();
  g_autoptr(GBytes) garbage = g_bytes_new_static ("<x/>", 4);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) o = inj_service_client_get (c, unknown, NULL, &error);
    g_assert_null (o);
    test_assert_net_error (error, INJ_NET_ERROR_PROBLEM);
    g_assert_cmpuint (inj_net_error_http_status (error), ==, 404);
    g_assert_cmpstr (inj_net_error_problem_type (error), ==, "urn:ininjo:problem:not-found");
    /* the service's detail, for a person, in Japanese */
    g_assert_true (g_utf8_validate (error->message, -1, NULL));
    g_assert_cmpuint (strlen (error->message), >, 0);
    g_assert_cmpuint (inj_net_error_attempts (error), ==, 1);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) o = inj_service_client_get_receipt (c, "R-0000000000000000", NULL, &error);
    test_assert_net_error (error, INJ_NET_ERROR_PROBLEM);
    g_assert_cmpuint (inj_net_error_http_status (error), ==, 404);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) o = inj_service_client_register (c, garbage, garbage, key, NULL, &error);
    test_assert_net_error (error, INJ_NET_ERROR_PROBLEM);
    g_assert_cmpuint (inj_net_error_http_status (error), >=, 400);
    g_assert_cmpuint (inj_net_error_http_status (error), <, 500);
    g_assert_true (g_str_has_prefix (inj_net_error_problem_type (error), "urn:ininjo:problem:"));
    /* 4xx is never retried */
    g_assert_cmpuint (inj_net_error_attempts (error), ==, 1);
  }
  g_assert_cmpuint (inj_service_client_get_handshakes (c), ==, 1);
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/net/config", test_config);
  g_test_add_func ("/net/arguments", test_arguments);
  g_test_add_func ("/net/profile/file-key-tls13", test_profile);
  g_test_add_func ("/net/connection-reuse", test_connection_reuse);
  g_test_add_func ("/net/connection-closed-by-service", test_connection_closed_by_service);
  g_test_add_func ("/net/idempotency-and-renewal", test_idempotency_and_renewal);
  g_test_add_func ("/net/problem-details", test_problem_details);
  g_test_add_func ("/net/server-certificate", test_server_certificates);
  g_test_add_func ("/net/client-certificate-refused", test_client_certificate_refused);
  g_test_add_func ("/net/client-key-mismatch", test_client_key_mismatch);
  g_test_add_func ("/net/no-redirect", test_no_redirect);
  g_test_add_func ("/net/tls-policy", test_tls_policy);
  g_test_add_func ("/net/protocol-errors", test_protocol_errors);
  g_test_add_func ("/net/unreachable", test_unreachable);
  g_test_add_func ("/net/timeout", test_timeout);
  g_test_add_func ("/net/retry/fail-rate", test_retry_fail_rate);
  g_test_add_func ("/net/retry/exhausted", test_retry_exhausted);
  g_test_add_func ("/net/retry/dropped-registered-once", test_dropped_registration_once);
  g_test_add_func ("/net/cancel", test_cancel);
  g_test_add_func ("/net/async-workflow", test_async_workflow);
  return g_test_run ();
}
