/* test-net-tls.c: the certificates on both sides, and what the service
 * never does (redirects, weak TLS, answers outside the API) played by
 * openssl s_server. Registered in test-net.c. */
#include "config.h"

#include <string.h>

#include "test-net.h"

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
  c = test_client_for (svc->url, "client", 0, 0);
  o = inj_service_client_register (c, delegation, submission, idem, NULL, &error);
  g_assert_null (o);
  test_assert_net_error (error, INJ_NET_ERROR_SERVER_CERTIFICATE);
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
    g_autoptr(InjServiceClient) good = test_client_for (svc->url, "client", 0, 0);
    g_assert_cmpuint (test_list_length (good), ==, 0);
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

void
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

void
test_client_certificate_refused (void)
{
  g_autoptr(TestService) svc = test_service_start (NULL);
  g_autoptr(InjServiceClient) c = test_client_for (svc->url, "client-untrusted", 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = inj_service_client_get_profile (c, NULL, &error);

  g_assert_null (o);
  test_assert_net_error (error, INJ_NET_ERROR_CLIENT_CERTIFICATE);
  g_assert_cmpuint (inj_net_error_attempts (error), ==, 1);
}

/* A key that does not belong to the certificate: no handshake, nothing
 * sent. */
void
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
  test_assert_net_error (error, INJ_NET_ERROR_CLIENT_KEY);
  g_assert_cmpuint (inj_net_error_attempts (error), ==, 1);
  g_assert_cmpuint (inj_service_client_get_bytes_sent (c), ==, 0);
}

/* ---------------------------------------------------------------- what the service never does */

void
test_no_redirect (void)
{
  g_autoptr(TestRawServer) raw = test_raw_server_start ("server.pem", "server.key", NULL);
  g_autoptr(InjServiceClient) c = test_client_for (raw->url, "client", 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = NULL;

  test_raw_server_answer (raw, "api/v1/profile",
                          "HTTP/1.1 302 Found\r\nLocation: http://elsewhere.invalid/api/v1/profile\r\n"
                          "Content-Length: 0\r\nConnection: close\r\n\r\n");
  o = inj_service_client_get_profile (c, NULL, &error);
  g_assert_null (o);
  test_assert_net_error (error, INJ_NET_ERROR_REDIRECT);
  g_assert_cmpuint (inj_net_error_http_status (error), ==, 302);
  g_assert_nonnull (strstr (error->message, "elsewhere.invalid"));
  g_assert_cmpuint (inj_net_error_attempts (error), ==, 1);
}

void
test_tls_policy (void)
{
  /* RSA key exchange, CBC with SHA-1 or GCM: libcurl 7.88 offers both. */
  static const char *const ciphers[] = { "AES128-SHA", "AES128-GCM-SHA256" };

  for (gsize i = 0; i < G_N_ELEMENTS (ciphers); i++)
    {
      const char *args[] = { "-no_tls1_3", "-cipher", ciphers[i], NULL };
      g_autoptr(TestRawServer) raw = test_raw_server_start ("server.pem", "server.key", args);
      g_autoptr(InjServiceClient) c = test_client_for (raw->url, "client", 0, 0);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) o = NULL;
      g_autofree char *summary = NULL;

      test_raw_server_answer (raw, "api/v1/profile",
                              "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                              "Content-Length: 2\r\n\r\n{}");
      o = inj_service_client_get_profile (c, NULL, &error);
      g_assert_null (o);
      test_assert_net_error (error, INJ_NET_ERROR_TLS_POLICY);
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
void
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
      g_autoptr(InjServiceClient) c = test_client_for (raw->url, "client", 0, 1);
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
      test_assert_net_error (error, INJ_NET_ERROR_PROTOCOL);
      g_assert_cmpuint (inj_net_error_http_status (error), ==,
                        i < G_N_ELEMENTS (cases) ? cases[i].status : 200);
    }
}
