/* test-net.c: the net/ layer against the local service (tests/service/)
 * over mutual TLS with file keys, and against openssl s_server for what the
 * service never does (redirects, weak TLS, answers outside the API). */
#include "config.h"

#include <string.h>

#include "net-support.h"

static InjServiceClient *
client_for (const char *url,
            const char *client,
            guint timeout_s,
            guint max_attempts)
{
  g_auto(InjServiceConfig) config = test_config_files (url, client);
  g_autoptr(GError) error = NULL;
  InjServiceClient *c;

  if (timeout_s)
    config.timeout_s = timeout_s;
  config.max_attempts = max_attempts;
  c = inj_service_client_new (&config, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (c);
  return c;
}

static void
assert_net_error (const GError *error,
                  InjNetError code)
{
  g_assert_nonnull (error);
  if (!g_error_matches (error, INJ_NET_ERROR, code))
    g_error ("expected INJ_NET_ERROR %d, got %s %d: %s", code,
             g_quark_to_string (error->domain), error->code, error->message);
  g_test_message ("%s", error->message);
}

static gsize
list_length (InjServiceClient *c)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) list = inj_service_client_list (c, NULL, &error);

  g_assert_no_error (error);
  return json_array_get_length (json_object_get_array_member (list, "items"));
}

static gboolean
list_has (InjServiceClient *c,
          const char *id,
          guint *count)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) list = inj_service_client_list (c, NULL, &error);
  JsonArray *items;

  g_assert_no_error (error);
  items = json_object_get_array_member (list, "items");
  *count = 0;
  for (guint i = 0; i < json_array_get_length (items); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (items, i),
                                                  "delegationId"), id) == 0)
      (*count)++;
  return *count > 0;
}

/* ---------------------------------------------------------------- configuration */

static void
expect_config_error (InjServiceConfig *config)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(InjServiceClient) c = inj_service_client_new (config, NULL, &error);

  g_assert_null (c);
  assert_net_error (error, INJ_NET_ERROR_CONFIG);
}

static void
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
    g_autoptr(InjServiceClient) c = client_for ("https://127.0.0.1", "client", 0, 0);
    g_assert_cmpuint (inj_service_client_get_handshakes (c), ==, 0);
    g_assert_null (inj_service_client_get_tls_version (c));
  }
  {
    g_autoptr(InjServiceClient) c = client_for ("https://[::1]:8443/", "client", 0, 0);
  }
}

/* Arguments are checked before anything is sent. */
static void
test_arguments (void)
{
  g_autoptr(InjServiceClient) c = client_for ("https://localhost:1", "client", 0, 1);
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

static void
test_profile (void)
{
  g_autoptr(TestService) svc = test_service_start (NULL);
  g_autoptr(InjServiceClient) c = client_for (svc->url, "client", 0, 0);
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

static JsonObject *
poll_receipt (InjServiceClient *c,
              const char *receipt)
{
  for (int i = 0; i < 200; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) r = inj_service_client_get_receipt (c, receipt, NULL, &error);
      g_assert_no_error (error);
      if (g_strcmp0 (json_object_get_string_member (r, "status"), "received") != 0)
        return g_steal_pointer (&r);
      g_usleep (50 * 1000);
    }
  g_error ("the receipt %s stayed \"received\"", receipt);
}

/* A workflow is one handshake: profile, register, receipt polling, list. */
static void
test_connection_reuse (void)
{
  g_autoptr(TestService) svc = test_service_start (NULL);
  g_autoptr(InjServiceClient) c = client_for (svc->url, "client", 0, 0);
  g_autoptr(GBytes) delegation = NULL;
  g_autoptr(GBytes) submission = NULL;
  g_autofree char *id = test_make_package (&delegation, &submission, NULL);
  g_autofree char *key = test_uuid ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) receipt = NULL;
  g_autoptr(JsonObject) final = NULL;
  guint count;

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
  final = poll_receipt (c, json_object_get_string_member (receipt, "receipt"));
  g_assert_cmpstr (json_object_get_string_member (final, "status"), ==, "stored");
  g_assert_true (json_object_has_member (final, "record"));
  g_assert_true (list_has (c, id, &count));
  g_assert_cmpuint (count, ==, 1);
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
static void
test_idempotency_and_renewal (void)
{
  g_autoptr(TestService) svc = test_service_start (NULL);
  g_autoptr(InjServiceClient) c = client_for (svc->url, "client", 0, 0);
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
  assert_net_error (error, INJ_NET_ERROR_PROBLEM);
  g_assert_cmpuint (inj_net_error_http_status (error), ==, 409);
  g_assert_cmpstr (inj_net_error_problem_type (error), ==, "urn:ininjo:problem:idempotency-conflict");
  g_clear_error (&error);
  g_clear_pointer (&r1, json_object_unref);
  r1 = poll_receipt (c, json_object_get_string_member (again, "receipt"));
  g_assert_cmpstr (json_object_get_string_member (r1, "status"), ==, "stored");

  {
    g_autofree char *id3 = test_make_package (&d3, &s3, id1);
    g_autofree char *key3 = test_uuid ();
    g_autoptr(JsonObject) renewal = inj_service_client_renew (c, id1, d3, s3, key3, NULL, &error);
    g_autoptr(JsonObject) done = NULL;
    g_autoptr(JsonObject) old = NULL;
    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (renewal, "delegationId"), ==, id3);
    done = poll_receipt (c, json_object_get_string_member (renewal, "receipt"));
    g_assert_cmpstr (json_object_get_string_member (done, "status"), ==, "stored");
    old = inj_service_client_validity (c, id1, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (old, "status"), ==, "retired");
  }
  (void) id2;
}

static void
test_problem_details (void)
{
  g_autoptr(TestService) svc = test_service_start (NULL);
  g_autoptr(InjServiceClient) c = client_for (svc->url, "client", 0, 0);
  g_autofree char *unknown = test_uuid ();
  g_autofree char *key = test_uuid ();
  g_autoptr(GBytes) garbage = g_bytes_new_static ("<x/>", 4);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) o = inj_service_client_get (c, unknown, NULL, &error);
    g_assert_null (o);
    assert_net_error (error, INJ_NET_ERROR_PROBLEM);
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
    assert_net_error (error, INJ_NET_ERROR_PROBLEM);
    g_assert_cmpuint (inj_net_error_http_status (error), ==, 404);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) o = inj_service_client_register (c, garbage, garbage, key, NULL, &error);
    assert_net_error (error, INJ_NET_ERROR_PROBLEM);
    g_assert_cmpuint (inj_net_error_http_status (error), >=, 400);
    g_assert_cmpuint (inj_net_error_http_status (error), <, 500);
    g_assert_true (g_str_has_prefix (inj_net_error_problem_type (error), "urn:ininjo:problem:"));
    /* 4xx is never retried */
    g_assert_cmpuint (inj_net_error_attempts (error), ==, 1);
  }
  g_assert_cmpuint (inj_service_client_get_handshakes (c), ==, 1);
}

/* ---------------------------------------------------------------- certificates */

/* Refused before any byte of the request, body or headers, leaves the
 * client; and nothing was registered. */
static void
expect_server_refused (const char *cert,
                       const char *key,
                       const char *kind,
                       char **message)
{
  const char *args[] = { "--cert", NULL, "--key", NULL, NULL };
  g_autofree char *cert_path = g_str_has_prefix (cert, "/") ? g_strdup (cert) : test_pki_path (cert);
  g_autofree char *key_path = g_str_has_prefix (key, "/") ? g_strdup (key) : test_pki_path (key);
  g_autoptr(TestService) svc = NULL;
  g_autoptr(InjServiceClient) c = NULL;
  g_autoptr(GBytes) delegation = NULL;
  g_autoptr(GBytes) submission = NULL;
  g_autofree char *id = test_make_package (&delegation, &submission, NULL);
  g_autofree char *idem = test_uuid ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = NULL;

  args[1] = cert_path;
  args[3] = key_path;
  svc = test_service_start (args);
  c = client_for (svc->url, "client", 0, 0);
  o = inj_service_client_register (c, delegation, submission, idem, NULL, &error);
  g_assert_null (o);
  assert_net_error (error, INJ_NET_ERROR_SERVER_CERTIFICATE);
  /* never retried */
  g_assert_cmpuint (inj_net_error_attempts (error), ==, 1);
  g_assert_cmpuint (inj_service_client_get_bytes_sent (c), ==, 0);
  g_assert_nonnull (strstr (error->message, svc->url + strlen ("https://")));
  /* what was wrong, for diagnostics: server-certificate:KIND */
  g_assert_true (g_str_has_prefix (inj_net_error_problem_type (error), "server-certificate:"));
  g_assert_cmpstr (inj_net_error_problem_type (error) + strlen ("server-certificate:"), ==, kind);
  *message = g_strdup (error->message);

  test_service_restart (svc, NULL);
  {
    g_autoptr(InjServiceClient) good = client_for (svc->url, "client", 0, 0);
    g_assert_cmpuint (list_length (good), ==, 0);
  }
  (void) id;
}

static char *
make_expired_server_certificate (char **key_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("inj-net-expired-XXXXXX", &error);
  g_autofree char *ca = test_pki_path ("service-ca.pem");
  g_autofree char *ca_key = test_pki_path ("service-ca.key");
  g_autofree char *script = NULL;
  char *cert = g_build_filename (dir, "expired.pem", NULL);
  char *key = g_build_filename (dir, "expired.key", NULL);
  int status = -1;

  g_assert_no_error (error);
  /* A validity that ended the day it began (openssl 3.0 has no
   * -not_before for x509 -req). */
  script = g_strdup_printf (
    "set -e; cd '%s'; "
    "openssl req -newkey rsa:2048 -nodes -keyout expired.key -out expired.csr "
    "  -subj '/O=Ininjo TEST/CN=localhost' 2>/dev/null; "
    "printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\\nextendedKeyUsage=serverAuth\\n"
    "keyUsage=critical,digitalSignature,keyEncipherment\\n' > ext; "
    "openssl x509 -req -in expired.csr -CA '%s' -CAkey '%s' -set_serial 7 -days -1 "
    "  -sha256 -extfile ext -out expired.pem 2>/dev/null",
    dir, ca, ca_key);
  {
    const char *argv[] = { "sh", "-c", script, NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                  &status, &error);
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  *key_out = key;
  return cert;
}

static void
test_server_certificates (void)
{
  g_autofree char *wrong_host = NULL;
  g_autofree char *unknown_ca = NULL;
  g_autofree char *expired = NULL;
  g_autofree char *expired_key = NULL;
  g_autofree char *expired_cert = make_expired_server_certificate (&expired_key);
  g_autofree char *expired_dir = g_path_get_dirname (expired_cert);

  expect_server_refused ("server-wronghost.pem", "server-wronghost.key", "wrong-host", &wrong_host);
  expect_server_refused ("server-unknownca.pem", "server-unknownca.key", "unknown-ca", &unknown_ca);
  expect_server_refused (expired_cert, expired_key, "expired", &expired);
  /* each says which */
  g_assert_cmpstr (wrong_host, !=, unknown_ca);
  g_assert_cmpstr (wrong_host, !=, expired);
  g_assert_cmpstr (unknown_ca, !=, expired);
  {
    const char *argv[] = { "rm", "-rf", expired_dir, NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
}

static void
test_client_certificate_refused (void)
{
  g_autoptr(TestService) svc = test_service_start (NULL);
  g_autoptr(InjServiceClient) c = client_for (svc->url, "client-untrusted", 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = inj_service_client_get_profile (c, NULL, &error);

  g_assert_null (o);
  assert_net_error (error, INJ_NET_ERROR_CLIENT_CERTIFICATE);
  g_assert_cmpuint (inj_net_error_attempts (error), ==, 1);
}

/* A key that does not belong to the certificate: no handshake, nothing
 * sent. */
static void
test_client_key_mismatch (void)
{
  g_autoptr(TestService) svc = test_service_start (NULL);
  g_auto(InjServiceConfig) config = test_config_files (svc->url, "client");
  g_autoptr(InjServiceClient) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = NULL;

  g_free (config.client_key);
  config.client_key = test_pki_path ("client-untrusted.key");
  c = inj_service_client_new (&config, NULL, &error);
  g_assert_no_error (error);
  o = inj_service_client_get_profile (c, NULL, &error);
  g_assert_null (o);
  assert_net_error (error, INJ_NET_ERROR_CLIENT_KEY);
  g_assert_cmpuint (inj_net_error_attempts (error), ==, 1);
  g_assert_cmpuint (inj_service_client_get_bytes_sent (c), ==, 0);
}

/* ---------------------------------------------------------------- what the service never does */

static void
test_no_redirect (void)
{
  g_autoptr(TestRawServer) raw = test_raw_server_start ("server.pem", "server.key", NULL);
  g_autoptr(InjServiceClient) c = client_for (raw->url, "client", 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = NULL;

  test_raw_server_answer (raw, "api/v1/profile",
                          "HTTP/1.1 302 Found\r\nLocation: http://elsewhere.invalid/api/v1/profile\r\n"
                          "Content-Length: 0\r\nConnection: close\r\n\r\n");
  o = inj_service_client_get_profile (c, NULL, &error);
  g_assert_null (o);
  assert_net_error (error, INJ_NET_ERROR_REDIRECT);
  g_assert_cmpuint (inj_net_error_http_status (error), ==, 302);
  g_assert_nonnull (strstr (error->message, "elsewhere.invalid"));
  g_assert_cmpuint (inj_net_error_attempts (error), ==, 1);
}

static void
test_tls_policy (void)
{
  /* RSA key exchange, CBC with SHA-1 or GCM: libcurl 7.88 offers both. */
  static const char *const ciphers[] = { "AES128-SHA", "AES128-GCM-SHA256" };

  for (gsize i = 0; i < G_N_ELEMENTS (ciphers); i++)
    {
      const char *args[] = { "-no_tls1_3", "-cipher", ciphers[i], NULL };
      g_autoptr(TestRawServer) raw = test_raw_server_start ("server.pem", "server.key", args);
      g_autoptr(InjServiceClient) c = client_for (raw->url, "client", 0, 0);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) o = NULL;
      g_autofree char *summary = NULL;

      test_raw_server_answer (raw, "api/v1/profile",
                              "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                              "Content-Length: 2\r\n\r\n{}");
      o = inj_service_client_get_profile (c, NULL, &error);
      g_assert_null (o);
      assert_net_error (error, INJ_NET_ERROR_TLS_POLICY);
      g_assert_cmpuint (inj_service_client_get_bytes_sent (c), ==, 0);
      summary = inj_service_client_dup_tls_summary (c);
      g_assert_nonnull (strstr (summary, "RSA"));
      g_assert_cmpstr (inj_service_client_get_tls_version (c), ==, "TLS1.2");
    }
}

static char *
http_answer (guint status,
             const char *content_type,
             const char *body)
{
  return g_strdup_printf ("HTTP/1.1 %u X\r\nContent-Type: %s\r\nContent-Length: %" G_GSIZE_FORMAT
                          "\r\n\r\n%s", status, content_type, strlen (body), body);
}

/* Answers outside the API are protocol errors, with their HTTP status. */
static void
test_protocol_errors (void)
{
  static const struct {
    guint status;
    const char *content_type;
    const char *body;
  } cases[] = {
    { 200, "text/html", "<html></html>" },
    { 200, "application/json", "{\"name\":" },
    { 200, "application/json", "[]" },
    { 200, "application/json", "{\"name\":\"x\",\"policyUrl\":\"https://x\",\"policyOid\":\"1.2\","
                               "\"validityUrl\":\"https://x\"}" },
    { 200, "application/json", "{\"name\":\"x\",\"policyUrl\":\"https://x\",\"policyOid\":\"1.2\","
                               "\"validityUrl\":\"https://x\",\"apiVersion\":\"2.0\"}" },
    { 200, "application/json", "{\"name\":1,\"policyUrl\":\"https://x\",\"policyOid\":\"1.2\","
                               "\"validityUrl\":\"https://x\",\"apiVersion\":\"1.0\"}" },
    { 200, "application/json", "{\"a\":\"\xff\xfe\"}" },
    { 201, "application/json", "{}" },
    { 500, "text/plain", "oops" },
    { 400, "application/problem+json", "{\"title\":\"no type\"}" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases) + 1; i++)
    {
      g_autoptr(TestRawServer) raw = test_raw_server_start ("server.pem", "server.key", NULL);
      g_autoptr(InjServiceClient) c = client_for (raw->url, "client", 0, 1);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) o = NULL;
      g_autofree char *answer = NULL;

      if (i < G_N_ELEMENTS (cases))
        answer = http_answer (cases[i].status, cases[i].content_type, cases[i].body);
      else
        {
          /* nesting that would run json-glib's recursive parser deep */
          g_autofree char *deep = g_strnfill (100000, '[');
          answer = http_answer (200, "application/json", deep);
        }
      test_raw_server_answer (raw, "api/v1/profile", answer);
      o = inj_service_client_get_profile (c, NULL, &error);
      g_assert_null (o);
      assert_net_error (error, INJ_NET_ERROR_PROTOCOL);
      g_assert_cmpuint (inj_net_error_http_status (error), ==,
                        i < G_N_ELEMENTS (cases) ? cases[i].status : 200);
    }
}

/* ---------------------------------------------------------------- failures and retries */

static void
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
  c = client_for (url, "client", 0, 2);
  start = g_get_monotonic_time ();
  o = inj_service_client_get_profile (c, NULL, &error);
  assert_net_error (error, INJ_NET_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, url + strlen ("https://")));
  g_assert_cmpuint (inj_net_error_attempts (error), ==, 2);
  /* one backoff of 0.5 s between them */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 500 * 1000);
  g_assert_cmpuint (inj_service_client_get_handshakes (c), ==, 0);
}

static void
test_timeout (void)
{
  const char *args[] = { "--delay-ms", "3000", NULL };
  g_autoptr(TestService) svc = test_service_start (args);

  {
    g_autoptr(InjServiceClient) c = client_for (svc->url, "client", 1, 1);
    g_autoptr(GError) error = NULL;
    gint64 start = g_get_monotonic_time ();
    g_autoptr(JsonObject) o = inj_service_client_get_profile (c, NULL, &error);
    gint64 elapsed = g_get_monotonic_time () - start;

    assert_net_error (error, INJ_NET_ERROR_UNREACHABLE);
    g_assert_cmpint (elapsed, >=, 900 * 1000);
    g_assert_cmpint (elapsed, <, 2500 * 1000);
  }
  {
    /* retried once, after 0.5 s */
    g_autoptr(InjServiceClient) c = client_for (svc->url, "client", 1, 2);
    g_autoptr(GError) error = NULL;
    gint64 start = g_get_monotonic_time ();
    g_autoptr(JsonObject) o = inj_service_client_get_profile (c, NULL, &error);
    gint64 elapsed = g_get_monotonic_time () - start;

    assert_net_error (error, INJ_NET_ERROR_UNREACHABLE);
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

static void
test_retry_fail_rate (void)
{
  g_autofree char *seed = g_strdup_printf ("%" G_GINT64_FORMAT, seed_for (0.5));
  const char *args[] = { "--fail-rate", "0.5", "--seed", seed, NULL };
  g_autoptr(TestService) svc = test_service_start (args);
  g_autoptr(InjServiceClient) c = client_for (svc->url, "client", 0, 0);
  g_autoptr(GBytes) delegation = NULL;
  g_autoptr(GBytes) submission = NULL;
  g_autofree char *id = test_make_package (&delegation, &submission, NULL);
  g_autofree char *key = test_uuid ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) receipt = NULL;
  gint64 start = g_get_monotonic_time ();
  guint count;

  receipt = inj_service_client_register (c, delegation, submission, key, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (receipt, "delegationId"), ==, id);
  /* 503, 503, then 202: after 0.5 s and 1 s */
  g_assert_cmpuint (inj_service_client_get_last_attempts (c), ==, 3);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 1500 * 1000);
  g_assert_cmpuint (inj_service_client_get_handshakes (c), ==, 1);

  test_service_restart (svc, NULL);
  {
    g_autoptr(InjServiceClient) good = client_for (svc->url, "client", 0, 0);
    g_assert_true (list_has (good, id, &count));
    g_assert_cmpuint (count, ==, 1);
  }
}

static void
test_retry_exhausted (void)
{
  const char *args[] = { "--fail-rate", "1", NULL };
  g_autoptr(TestService) svc = test_service_start (args);
  g_autoptr(InjServiceClient) c = client_for (svc->url, "client", 0, 0);
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
  assert_net_error (error, INJ_NET_ERROR_PROBLEM);
  g_assert_cmpuint (inj_net_error_http_status (error), ==, 503);
  g_assert_cmpuint (inj_net_error_attempts (error), ==, 4);
  /* 0.5 s + 1 s + 2 s of backoff, and no more */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 3500 * 1000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10000 * 1000);
  g_assert_cmpuint (inj_service_client_get_handshakes (c), ==, 1);

  test_service_restart (svc, NULL);
  {
    g_autoptr(InjServiceClient) good = client_for (svc->url, "client", 0, 0);
    g_assert_cmpuint (list_length (good), ==, 0);
  }
  (void) id;
}

/* The service stores the registration and drops the connection before
 * answering, four times: the Idempotency-Key makes them one registration,
 * and sending it again once the service answers gives its receipt. */
static void
test_dropped_registration_once (void)
{
  const char *args[] = { "--drop-after-body", NULL };
  g_autoptr(TestService) svc = test_service_start (args);
  g_autoptr(InjServiceClient) c = client_for (svc->url, "client", 0, 0);
  g_autoptr(GBytes) delegation = NULL;
  g_autoptr(GBytes) submission = NULL;
  g_autofree char *id = test_make_package (&delegation, &submission, NULL);
  g_autofree char *key = test_uuid ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) receipt = NULL;
  guint count;

  receipt = inj_service_client_register (c, delegation, submission, key, NULL, &error);
  g_assert_null (receipt);
  assert_net_error (error, INJ_NET_ERROR_UNREACHABLE);
  g_assert_cmpuint (inj_net_error_attempts (error), ==, 4);
  g_clear_error (&error);

  test_service_restart (svc, NULL);
  {
    g_autoptr(InjServiceClient) good = client_for (svc->url, "client", 0, 0);
    g_autoptr(JsonObject) final = NULL;
    receipt = inj_service_client_register (good, delegation, submission, key, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (receipt, "delegationId"), ==, id);
    final = poll_receipt (good, json_object_get_string_member (receipt, "receipt"));
    g_assert_cmpstr (json_object_get_string_member (final, "status"), ==, "stored");
    g_assert_true (list_has (good, id, &count));
    g_assert_cmpuint (count, ==, 1);
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

static void
test_cancel (void)
{
  const char *slow[] = { "--delay-ms", "10000", NULL };
  const char *failing[] = { "--fail-rate", "1", NULL };

  for (int i = 0; i < 2; i++)
    {
      g_autoptr(TestService) svc = test_service_start (i == 0 ? slow : failing);
      g_autoptr(InjServiceClient) c = client_for (svc->url, "client", 0, 0);
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

static void
test_async_workflow (void)
{
  g_autoptr(TestService) svc = test_service_start (NULL);
  g_autoptr(InjServiceClient) c = client_for (svc->url, "client", 0, 0);
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
static void
test_connection_closed_by_service (void)
{
  g_autoptr(TestService) svc = test_service_start (NULL);
  g_autoptr(InjServiceClient) c = client_for (svc->url, "client", 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) first = inj_service_client_get_profile (c, NULL, &error);
  g_autoptr(JsonObject) second = NULL;

  g_assert_no_error (error);
  test_service_restart (svc, NULL);
  second = inj_service_client_get_profile (c, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (inj_service_client_get_handshakes (c), ==, 2);
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
