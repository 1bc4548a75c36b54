/* test-net-card.c: mutual TLS with the authentication key of the virtual
 * My Number card, reached by GnuTLS through pkcs11: URIs (p11-kit's
 * registration of OpenSC), against the local service. Run through
 * tests/card/with-card.sh: a private pcscd, and a network namespace whose
 * loopback the service listens on. */
#include "config.h"

#include <string.h>

#include "card-support.h"
#include "net-support.h"

#define PERSONA "representative"
/* OpenSC 0.23's objects (tests/card/golden/opensc-0.23-jpki.txt): the
 * authentication certificate and key have id 01 on the token of the
 * authentication PIN. */
#define AUTH_TOKEN "pkcs11:token=JPKI%20(User%20Authentication%20PIN);id=%01"
#define AUTH_CERT AUTH_TOKEN ";type=cert"
#define AUTH_KEY AUTH_TOKEN ";type=private"

static InjServiceClient *
card_client (const char *url,
             GTlsInteraction *interaction)
{
  InjServiceConfig config = { 0 };
  g_autoptr(GError) error = NULL;
  InjServiceClient *c;

  config.base_url = g_strdup (url);
  config.service_ca = test_pki_path ("service-ca.pem");
  config.key_kind = INJ_CLIENT_KEY_PKCS11;
  config.client_certificate = g_strdup (AUTH_CERT);
  config.client_key = g_strdup (AUTH_KEY);
  config.connect_timeout_s = 10;
  config.timeout_s = 30;
  c = inj_service_client_new (&config, interaction, &error);
  inj_service_config_clear (&config);
  g_assert_no_error (error);
  return c;
}

static guint
signatures (TestVcard *vc)
{
  return test_vcard_count (vc, "COMPUTE DIGITAL SIGNATURE", "0017", FALSE);
}

/* What one handshake costs the card with libcurl 7.88.1 and GnuTLS 3.7.9:
 * loading the credentials signs a test text to check that the key matches
 * the certificate (lib/cert-cred.c, _gnutls_check_key_cert_match; skipped
 * only with GNUTLS_CERTIFICATE_SKIP_KEY_CERT_MATCH, which libcurl does not
 * set and gives no way to set), then the handshake's CertificateVerify.
 * A change here (another libcurl or GnuTLS) must show up and be reviewed. */
#define SIGNATURES_PER_HANDSHAKE 2

static guint
pin_verifications (TestVcard *vc)
{
  return test_vcard_count (vc, "VERIFY", "0018", TRUE);
}

static char *
auth_pin (void)
{
  return test_persona_value (PERSONA, "card", "auth-pin");
}

/* A workflow (profile, register, receipt polling, list) is one handshake,
 * one PIN and one handshake's signatures by the card, at TLS 1.2. */
static void
test_workflow (void)
{
  g_autoptr(TestVcard) vc = test_vcard_start (PERSONA, NULL);
  g_autoptr(TestService) svc = test_service_start (NULL);
  g_autofree char *pin = auth_pin ();
  g_autoptr(TestInteraction) ask = test_interaction_new (pin);
  g_autoptr(InjServiceClient) c = card_client (svc->url, G_TLS_INTERACTION (ask));
  g_autoptr(GBytes) delegation = NULL;
  g_autoptr(GBytes) submission = NULL;
  g_autofree char *id = test_make_package (&delegation, &submission, NULL);
  g_autofree char *key = test_uuid ();
  g_autofree char *summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) profile = NULL;
  g_autoptr(JsonObject) receipt = NULL;
  g_autoptr(JsonObject) list = NULL;
  JsonArray *items;

  profile = inj_service_client_get_profile (c, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (inj_service_client_get_tls_version (c), ==, "TLS1.2");
  summary = inj_service_client_dup_tls_summary (c);
  g_test_message ("TLS: %s", summary);
  /* the card signed the CertificateVerify: PKCS#1 v1.5 with SHA-2 */
  g_assert_nonnull (strstr (summary, "client RSA-SHA"));

  receipt = inj_service_client_register (c, delegation, submission, key, NULL, &error);
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
      g_usleep (50 * 1000);
    }
  list = inj_service_client_list (c, NULL, &error);
  g_assert_no_error (error);
  items = json_object_get_array_member (list, "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 1);

  g_assert_cmpuint (inj_service_client_get_handshakes (c), ==, 1);
  g_assert_cmpuint (test_interaction_asked (ask), ==, 1);
  g_assert_cmpuint (pin_verifications (vc), ==, 1);
  g_assert_cmpuint (signatures (vc), ==, SIGNATURES_PER_HANDSHAKE);

  /* the next workflow: a new handshake, the PIN asked again */
  inj_service_client_disconnect (c);
  g_clear_pointer (&profile, json_object_unref);
  profile = inj_service_client_get_profile (c, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (inj_service_client_get_handshakes (c), ==, 2);
  g_assert_cmpuint (test_interaction_asked (ask), ==, 2);
  g_assert_cmpuint (pin_verifications (vc), ==, 2);
  g_assert_cmpuint (signatures (vc), ==, 2 * SIGNATURES_PER_HANDSHAKE);
}

static void
test_tls13_only (void)
{
  const char *args[] = { "--tls13-only", NULL };
  g_autoptr(TestVcard) vc = test_vcard_start (PERSONA, NULL);
  g_autoptr(TestService) svc = test_service_start (args);
  g_autofree char *pin = auth_pin ();
  g_autoptr(TestInteraction) ask = test_interaction_new (pin);
  g_autoptr(InjServiceClient) c = card_client (svc->url, G_TLS_INTERACTION (ask));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = inj_service_client_get_profile (c, NULL, &error);

  g_assert_null (o);
  test_assert_net_error (error, INJ_NET_ERROR_TLS13_WITH_CARD);
  g_assert_cmpuint (inj_net_error_attempts (error), ==, 1);
  /* The key was loaded (PIN, key check) but no handshake signature was
   * made: the server refused the version first. */
  g_assert_cmpuint (pin_verifications (vc), ==, 1);
  g_assert_cmpuint (signatures (vc), ==, SIGNATURES_PER_HANDSHAKE - 1);
}

static void
test_wrong_pin (void)
{
  g_autoptr(TestVcard) vc = test_vcard_start (PERSONA, NULL);
  g_autoptr(TestService) svc = test_service_start (NULL);
  g_autofree char *pin = auth_pin ();
  g_autofree char *wrong = g_strdup (g_strcmp0 (pin, "9999") == 0 ? "8888" : "9999");
  g_autoptr(TestInteraction) ask = test_interaction_new (wrong);
  g_autoptr(InjServiceClient) c = card_client (svc->url, G_TLS_INTERACTION (ask));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = inj_service_client_get_profile (c, NULL, &error);

  g_assert_null (o);
  test_assert_net_error (error, INJ_NET_ERROR_PIN);
  /* presented once, never again by itself */
  g_assert_cmpuint (test_interaction_asked (ask), ==, 1);
  g_assert_cmpuint (pin_verifications (vc), ==, 1);
  g_assert_cmpuint (signatures (vc), ==, 0);
  g_assert_cmpuint (inj_net_error_attempts (error), ==, 1);
}

/* A locked PIN is a PIN error that says so (the municipal office). The
 * caller shows the tries left through pkcs11/ before asking; net/ cannot. */
static void
test_locked_pin (void)
{
  const char *locked[] = { "--auth-tries", "0", NULL };
  g_autoptr(TestVcard) vc = test_vcard_start (PERSONA, locked);
  g_autoptr(TestService) svc = test_service_start (NULL);
  g_autofree char *pin = auth_pin ();
  g_autoptr(TestInteraction) ask = test_interaction_new (pin);
  g_autoptr(InjServiceClient) c = card_client (svc->url, G_TLS_INTERACTION (ask));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = inj_service_client_get_profile (c, NULL, &error);

  g_assert_null (o);
  test_assert_net_error (error, INJ_NET_ERROR_PIN);
  g_assert_cmpuint (signatures (vc), ==, 0);
}

/* A service that does not trust the card's CA refuses it during the TLS
 * 1.2 handshake, with an alert. */
static void
test_card_refused (void)
{
  g_autoptr(TestVcard) vc = test_vcard_start (PERSONA, NULL);
  g_autoptr(TestService) svc = test_service_start_without_card_ca (NULL);
  g_autofree char *pin = auth_pin ();
  g_autoptr(TestInteraction) ask = test_interaction_new (pin);
  g_autoptr(InjServiceClient) c = card_client (svc->url, G_TLS_INTERACTION (ask));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = inj_service_client_get_profile (c, NULL, &error);

  g_assert_null (o);
  test_assert_net_error (error, INJ_NET_ERROR_CLIENT_CERTIFICATE);
  g_assert_cmpuint (inj_net_error_attempts (error), ==, 1);
  g_assert_cmpuint (signatures (vc), ==, SIGNATURES_PER_HANDSHAKE);
}

/* Behind the real nginx (ssl_verify_client on): a workflow at TLS 1.2 with
 * the card's key, the principal passed by nginx; then nginx accepting only
 * another CA completes the handshake and answers 400, which the user reads
 * as the service not accepting the card's certificate, with what to check
 * on the card. */
static void
test_card_front_end (void)
{
  static const char *const both_cas[] = { "client-ca.pem", "ca/auth-ca.pem", NULL };
  static const char *const file_ca_only[] = { "client-ca.pem", NULL };
  g_autoptr(TestVcard) vc = test_vcard_start (PERSONA, NULL);
  g_autoptr(TestService) svc = test_service_start_behind (NULL);
  g_autofree char *pin = auth_pin ();

  {
    g_autoptr(TestFront) front = test_front_start (svc->front_port, both_cas, NULL);
    g_autoptr(TestInteraction) ask = test_interaction_new (pin);
    g_autoptr(InjServiceClient) c = card_client (front->url, G_TLS_INTERACTION (ask));
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) o = inj_service_client_get_profile (c, NULL, &error);
    g_autoptr(JsonObject) list = NULL;

    g_assert_no_error (error);
    list = inj_service_client_list (c, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (inj_service_client_get_tls_version (c), ==, "TLS1.2");
    g_assert_cmpuint (inj_service_client_get_handshakes (c), ==, 1);
    g_assert_cmpuint (test_interaction_asked (ask), ==, 1);
  }
  {
    g_autoptr(TestFront) front = test_front_start (svc->front_port, file_ca_only, NULL);
    g_autoptr(TestInteraction) ask = test_interaction_new (pin);
    g_autoptr(InjServiceClient) c = card_client (front->url, G_TLS_INTERACTION (ask));
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) o = inj_service_client_get_profile (c, NULL, &error);

    g_assert_null (o);
    test_assert_net_error (error, INJ_NET_ERROR_CLIENT_CERTIFICATE);
    g_assert_cmpuint (inj_net_error_http_status (error), ==, 400);
    g_assert_cmpstr (inj_net_error_problem_type (error), ==,
                     "front-end:client-certificate-refused");
    g_assert_nonnull (strstr (error->message, "did not accept the card's certificate"));
    g_assert_nonnull (strstr (error->message, "a move or a change of name does not"));
    g_assert_cmpuint (inj_net_error_attempts (error), ==, 1);
  }
}

/* No card in the reader: the key cannot be used, and the message says to
 * insert the card. */
static void
test_no_card (void)
{
  g_autoptr(TestService) svc = test_service_start (NULL);
  g_autoptr(TestInteraction) ask = test_interaction_new ("1234");
  g_autoptr(InjServiceClient) c = card_client (svc->url, G_TLS_INTERACTION (ask));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = inj_service_client_get_profile (c, NULL, &error);

  g_assert_null (o);
  test_assert_net_error (error, INJ_NET_ERROR_CLIENT_KEY);
  g_assert_cmpuint (inj_service_client_get_bytes_sent (c), ==, 0);
}

/* A PIN that is not 4 digits never reaches the card; no way to ask is a
 * PIN error too. */
static void
test_pin_not_sent (void)
{
  g_autoptr(TestVcard) vc = test_vcard_start (PERSONA, NULL);
  g_autoptr(TestService) svc = test_service_start (NULL);

  {
    g_autoptr(TestInteraction) ask = test_interaction_new ("12a4");
    g_autoptr(InjServiceClient) c = card_client (svc->url, G_TLS_INTERACTION (ask));
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) o = inj_service_client_get_profile (c, NULL, &error);
    test_assert_net_error (error, INJ_NET_ERROR_PIN);
  }
  {
    g_autoptr(InjServiceClient) c = card_client (svc->url, NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) o = inj_service_client_get_profile (c, NULL, &error);
    test_assert_net_error (error, INJ_NET_ERROR_PIN);
  }
  g_assert_cmpuint (pin_verifications (vc), ==, 0);
  g_assert_cmpuint (signatures (vc), ==, 0);
}

/* The service closed the connection between two calls (it restarted on
 * the same port): the client sees it, asks for the PIN before the new
 * handshake, and the call succeeds. */
static void
test_connection_closed_by_service (void)
{
  g_autoptr(TestVcard) vc = test_vcard_start (PERSONA, NULL);
  g_autoptr(TestService) svc = test_service_start (NULL);
  g_autofree char *pin = auth_pin ();
  g_autoptr(TestInteraction) ask = test_interaction_new (pin);
  g_autoptr(InjServiceClient) c = card_client (svc->url, G_TLS_INTERACTION (ask));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) first = inj_service_client_get_profile (c, NULL, &error);
  g_autoptr(JsonObject) second = NULL;

  g_assert_no_error (error);
  test_service_restart (svc, NULL);
  second = inj_service_client_get_profile (c, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (inj_service_client_get_last_attempts (c), ==, 1);
  g_assert_cmpuint (inj_service_client_get_handshakes (c), ==, 2);
  g_assert_cmpuint (test_interaction_asked (ask), ==, 2);
  g_assert_cmpuint (pin_verifications (vc), ==, 2);
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/net-card/workflow-tls12-one-handshake", test_workflow);
  g_test_add_func ("/net-card/tls13-only-service", test_tls13_only);
  g_test_add_func ("/net-card/wrong-pin", test_wrong_pin);
  g_test_add_func ("/net-card/locked-pin", test_locked_pin);
  g_test_add_func ("/net-card/card-refused-tls12", test_card_refused);
  g_test_add_func ("/net-card/front-end", test_card_front_end);
  g_test_add_func ("/net-card/no-card", test_no_card);
  g_test_add_func ("/net-card/pin-not-sent", test_pin_not_sent);
  g_test_add_func ("/net-card/connection-closed-by-service", test_connection_closed_by_service);
  return g_test_run ();
}
