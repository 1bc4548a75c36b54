/* test-support-card.c: the support page with the virtual My Number card
 * of the representative (inside with-card.sh --profile representative):
 * both PINs' tries read without consuming one, the certificates' validity
 * and fingerprints without any personal data, the card removed and put
 * back, and the connection test with the card's authentication key. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "card-support.h"
#include "inj-application.h"
#include "inj-support-page.h"
#include "net-support.h"
#include "test-ui-support.h"

typedef struct {
  char *dir;
  GSettings *settings;
  InjSession *session;
  InjSupportPage *page;
  GtkWidget *window;
  TestVcard vcard; /* the one with-card.sh started: its log and control */
} Fixture;

static gboolean
no_wait (gpointer data)
{
  return FALSE;
}

static gboolean
drawn (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static gboolean
card_read (gpointer data)
{
  InjSupportPage *page = data;

  return inj_support_page_get_state (page) == INJ_CARD_STATE_READY &&
         inj_support_page_get_pin_status (page, INJ_PIN_AUTH) &&
         inj_support_page_get_pin_status (page, INJ_PIN_SIGN) &&
         inj_support_page_get_certificate (page, INJ_CERT_AUTH) &&
         inj_support_page_get_certificate (page, INJ_CERT_AUTH_CA) &&
         inj_support_page_get_certificate (page, INJ_CERT_SIGN_CA);
}

static gboolean
no_card (gpointer data)
{
  return inj_support_page_get_state (data) == INJ_CARD_STATE_NO_CARD;
}

static gboolean
connection_done (gpointer data)
{
  InjConnectionState state = inj_support_page_get_connection_state (data);

  return state != INJ_CONNECTION_RUNNING && state != INJ_CONNECTION_IDLE;
}

/* {"auth_tries":3,"sign_tries":5,…} → the number after "KEY": */
static int
status_number (const char *status,
               const char *key)
{
  g_autofree char *quoted = g_strdup_printf ("\"%s\":", key);
  const char *at = strstr (status, quoted);

  g_assert_nonnull (at);
  return atoi (at + strlen (quoted));
}

static gboolean
status_flag (const char *status,
             const char *key)
{
  g_autofree char *quoted = g_strdup_printf ("\"%s\":true", key);

  return strstr (status, quoted) != NULL;
}

static void
fixture_set_up (Fixture *f,
                gconstpointer data)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;
  g_autofree char *auth_ca = test_personas_path ("ca/auth-ca.pem");
  g_autofree char *sign_ca = test_personas_path ("ca/sign-ca.pem");
  const char *anchors[] = { auth_ca, sign_ca, NULL };

  f->vcard.log = (char *) g_getenv ("INJ_TEST_VCARD_LOG");
  f->vcard.control = (char *) g_getenv ("INJ_TEST_VCARD_CONTROL");
  if (f->vcard.log == NULL || f->vcard.control == NULL)
    g_error ("run this test through tests/card/with-card.sh --profile");
  f->dir = test_ui_tmpdir ();
  f->settings = g_settings_new (INJ_APPLICATION_ID);
  g_object_get (f->settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i]; i++)
    g_settings_reset (f->settings, keys[i]);
  /* the personas' TEST CAs, as a test bed's preferences would have them */
  g_settings_set_strv (f->settings, "trust-anchors", anchors);
  f->session = inj_session_new (NULL, f->settings, f->dir);
  f->page = INJ_SUPPORT_PAGE (inj_support_page_new (f->session));
  g_object_ref (f->page);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 800, 1100);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->page));
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (test_ui_wait_until (drawn, f->page, 5000));
}

static void
fixture_tear_down (Fixture *f,
                   gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  test_ui_drain (G_OBJECT (f->page));
  g_assert_finalize_object (f->page);
  test_ui_drain (G_OBJECT (f->session));
  g_assert_finalize_object (f->session);
  g_assert_finalize_object (f->settings);
  test_ui_rmtree (f->dir);
  g_free (f->dir);
}

static void
test_card (Fixture *f,
           gconstpointer data)
{
  g_autofree char *before = test_vcard_control (&f->vcard, "status");
  g_autofree char *after = NULL;
  guint verifies = test_vcard_count (&f->vcard, "VERIFY", NULL, TRUE);
  InjPinStatus expect_auth = { .pin = INJ_PIN_AUTH, .tries_left = 3, .max_tries = 3, .exact = TRUE };
  InjPinStatus expect_sign = { .pin = INJ_PIN_SIGN, .tries_left = 5, .max_tries = 5, .exact = TRUE };
  g_autofree char *auth_text = inj_pin_status_describe (&expect_auth);
  g_autofree char *sign_text = inj_pin_status_describe (&expect_sign);
  g_autofree char *der_path = test_persona_path ("representative", "auth-cert.der");
  g_autofree char *der_data = NULL;
  gsize der_len;
  g_autoptr(GBytes) der = NULL;
  g_autoptr(InjCertificate) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *report = NULL;
  const InjPinStatus *auth, *sign;
  InjCertificate *cert;
  const char *personal[] = { "name", "address", "birth-date" };

  g_assert_true (test_ui_wait_until (card_read, f->page, 30000));

  /* the tries, exactly, from the card's counters */
  auth = inj_support_page_get_pin_status (f->page, INJ_PIN_AUTH);
  sign = inj_support_page_get_pin_status (f->page, INJ_PIN_SIGN);
  g_assert_cmpint (auth->tries_left, ==, 3);
  g_assert_cmpint (auth->max_tries, ==, 3);
  g_assert_cmpint (sign->tries_left, ==, 5);
  g_assert_cmpint (sign->max_tries, ==, 5);
  /* and none consumed: the card's counters and its log say so */
  after = test_vcard_control (&f->vcard, "status");
  g_assert_cmpint (status_number (before, "auth_tries"), ==, 3);
  g_assert_cmpint (status_number (before, "sign_tries"), ==, 5);
  g_assert_cmpint (status_number (after, "auth_tries"), ==, 3);
  g_assert_cmpint (status_number (after, "sign_tries"), ==, 5);
  g_assert_false (status_flag (after, "auth_verified"));
  g_assert_false (status_flag (after, "sign_verified"));
  g_assert_cmpuint (test_vcard_count (&f->vcard, "VERIFY", NULL, TRUE), ==, verifies);

  /* the authentication certificate, as the persona's file has it */
  g_assert_true (g_file_get_contents (der_path, &der_data, &der_len, &error));
  der = g_bytes_new_take (g_steal_pointer (&der_data), der_len);
  expected = inj_certificate_new_from_der (der, &error);
  g_assert_no_error (error);
  cert = inj_support_page_get_certificate (f->page, INJ_CERT_AUTH);
  g_assert_cmpstr (inj_certificate_get_fingerprint (cert), ==, inj_certificate_get_fingerprint (expected));

  text = test_ui_widget_text (GTK_WIDGET (f->page));
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, auth_text));
  g_assert_nonnull (strstr (text, sign_text));
  g_assert_nonnull (strstr (text, _("Reading the tries left consumes no try.")));
  g_assert_nonnull (strstr (text, inj_card_state_title (INJ_CARD_STATE_READY)));
  g_assert_nonnull (strstr (text, INJ_JPKI_AUTH_LABEL));
  g_assert_nonnull (strstr (text, INJ_JPKI_SIGN_LABEL));
  g_assert_nonnull (strstr (text, _("This is a My Number card.")));
  g_assert_nonnull (strstr (text, inj_certificate_get_fingerprint (expected)));
  g_assert_nonnull (strstr (text, inj_certificate_get_serial (expected)));
  g_assert_nonnull (strstr (text, _("valid now")));
  g_assert_null (strstr (text, _("expired")));
  /* the TEST roots are trust anchors of these preferences */
  g_assert_nonnull (strstr (text, _("Chains to a trust anchor of the preferences.")));
  g_assert_null (strstr (text, _("Not trusted: it chains neither to a pinned JPKI root nor to a trust "
                                 "anchor of the preferences.")));

  /* never the holder: not on the page, not in the report; nor the
   * certificates' subjects */
  report = inj_support_page_dup_report (f->page);
  g_assert_nonnull (strstr (report, inj_certificate_get_fingerprint (expected)));
  g_assert_nonnull (strstr (report, auth_text));
  for (guint i = 0; i < G_N_ELEMENTS (personal); i++)
    {
      g_autofree char *value = test_persona_value ("representative", "san", personal[i]);
      g_autofree char *compact = g_strdup (value);
      g_assert_null (strstr (text, value));
      g_assert_null (strstr (report, value));
      /* the name without its ideographic space */
      if (strstr (compact, "　"))
        {
          g_auto(GStrv) parts = g_strsplit (compact, "　", -1);
          g_autofree char *joined = g_strjoinv ("", parts);
          g_assert_null (strstr (text, joined));
          g_assert_null (strstr (report, joined));
          g_assert_null (strstr (text, parts[0]));
          g_assert_null (strstr (report, parts[0]));
        }
    }
  g_assert_null (strstr (text, "1975"));
  g_assert_null (strstr (report, "1975"));
  g_assert_null (strstr (text, "Chiyoda"));
  g_assert_null (strstr (text, inj_certificate_get_subject (expected)));
  g_assert_null (strstr (report, inj_certificate_get_subject (expected)));
  g_assert_null (strstr (text, "CN="));

  test_ui_wait_until (no_wait, NULL, 300);
  test_ui_screenshot (f->window, "support-card");
}

/* The monitor's "changed": the page follows the card out and back in. */
static void
test_card_removed (Fixture *f,
                   gconstpointer data)
{
  g_autofree char *removed = NULL;
  g_autofree char *inserted = NULL;
  g_autofree char *text = NULL;
  InjPinStatus full = { .pin = INJ_PIN_AUTH, .tries_left = 3, .max_tries = 3, .exact = TRUE };
  g_autofree char *tries = inj_pin_status_describe (&full);

  g_assert_true (test_ui_wait_until (card_read, f->page, 30000));
  removed = test_vcard_control (&f->vcard, "remove");
  g_assert_cmpstr (removed, ==, "ok");
  g_assert_true (test_ui_wait_until (no_card, f->page, 20000));
  g_assert_null (inj_support_page_get_certificate (f->page, INJ_CERT_AUTH));
  text = test_ui_widget_text (GTK_WIDGET (f->page));
  g_assert_nonnull (strstr (text, inj_card_state_title (INJ_CARD_STATE_NO_CARD)));
  g_assert_null (strstr (text, tries));

  inserted = test_vcard_control (&f->vcard, "insert");
  g_assert_cmpstr (inserted, ==, "ok");
  g_assert_true (test_ui_wait_until (card_read, f->page, 30000));
}

static void
test_connection_with_card (Fixture *f,
                           gconstpointer data)
{
  g_autoptr(TestService) svc = test_service_start (NULL);
  g_autoptr(TestInteraction) interaction = test_interaction_new ("1234");
  g_autofree char *ca = test_pki_path ("service-ca.pem");
  g_autofree char *status = NULL;
  g_autofree char *text = NULL;
  const GError *error;

  g_assert_true (test_ui_wait_until (card_read, f->page, 30000));
  g_settings_set_string (f->settings, "service-url", svc->url);
  g_settings_set_string (f->settings, "service-ca", ca);
  g_settings_set_string (f->settings, "client-credential", "card");
  inj_session_set_interaction (f->session, G_TLS_INTERACTION (interaction));

  inj_support_page_test_connection (f->page);
  g_assert_cmpint (inj_support_page_get_connection_state (f->page), ==, INJ_CONNECTION_RUNNING);
  g_assert_true (test_ui_wait_until (connection_done, f->page, 60000));
  error = inj_support_page_get_connection_error (f->page);
  g_assert_no_error ((GError *) error);
  /* the card's key signs PKCS#1 v1.5 only: TLS 1.2 */
  g_assert_cmpstr (inj_support_page_get_tls_version (f->page), ==, "TLS1.2");
  g_assert_cmpint (inj_support_page_get_client_check (f->page), ==, INJ_TLS_PASSED);
  /* the PIN was asked once, through the session */
  g_assert_cmpuint (test_interaction_asked (interaction), ==, 1);
  /* and the card is not left verified */
  status = test_vcard_control (&f->vcard, "status");
  g_assert_false (status_flag (status, "auth_verified"));
  g_assert_cmpint (status_number (status, "auth_tries"), ==, 3);
  text = test_ui_widget_text (GTK_WIDGET (f->page));
  g_assert_nonnull (strstr (text, "TLS1.2"));
  g_assert_nonnull (strstr (text, _("the card's authentication certificate")));
  g_assert_null (strstr (text, "1234"));
  inj_session_set_interaction (f->session, NULL);
}

/* @pem (a file of data/jpki-ca/) as DER, written to @der_path */
static void
write_der (const char *pem_name,
           const char *der_path)
{
  g_autofree char *pem_path = g_test_build_filename (G_TEST_DIST, "..", "data", "jpki-ca",
                                                     pem_name, NULL);
  g_autofree char *pem = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  g_autofree guchar *der = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (pem_path, &pem, NULL, NULL));
  lines = g_strsplit (pem, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (!g_str_has_prefix (lines[i], "-----"))
      g_string_append (body, lines[i]);
  der = g_base64_decode (body->str, &len);
  g_assert_cmpuint (len, >, 500);
  g_assert_true (g_file_set_contents (der_path, (const char *) der, (gssize) len, NULL));
}

static guint
count_in (const char *text,
          const char *needle)
{
  guint n = 0;

  for (const char *at = strstr (text, needle); at; at = strstr (at + 1, needle))
    n++;
  return n;
}

/* Each CA certificate of the card is judged against the roots of its own
 * kind: a card holding J-LIS's public 2019 roots (EF 000B authentication,
 * EF 0002 signing) shows both as pinned roots. */
static void
test_public_roots (Fixture *f,
                   gconstpointer data)
{
  g_autofree char *persona = test_persona_path ("representative", NULL);
  g_autofree char *dir = g_build_filename (f->dir, "public-roots", NULL);
  g_autoptr(GDir) files = g_dir_open (persona, 0, NULL);
  g_autofree char *auth_ca = g_build_filename (dir, "auth-ca.der", NULL);
  g_autofree char *sign_ca = g_build_filename (dir, "sign-ca.der", NULL);
  const char *second[] = { "--port", "35964", NULL };
  g_autoptr(TestVcard) card = NULL;
  g_autofree char *removed = NULL;
  g_autofree char *inserted = NULL;
  g_autofree char *text = NULL;
  const char *name;

  g_assert_true (test_ui_wait_until (card_read, f->page, 30000));
  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  while ((name = g_dir_read_name (files)))
    {
      g_autofree char *from = g_build_filename (persona, name, NULL);
      g_autofree char *to = g_build_filename (dir, name, NULL);
      g_autofree char *bytes = NULL;
      gsize len = 0;
      g_assert_true (g_file_get_contents (from, &bytes, &len, NULL));
      g_assert_true (g_file_set_contents (to, bytes, (gssize) len, NULL));
    }
  write_der ("auth_ca_2019.pem", auth_ca);
  write_der ("sign_ca_2019.pem", sign_ca);

  removed = test_vcard_control (&f->vcard, "remove");
  g_assert_cmpstr (removed, ==, "ok");
  g_assert_true (test_ui_wait_until (no_card, f->page, 20000));
  card = test_vcard_start (dir, second);
  g_assert_true (test_ui_wait_until (card_read, f->page, 30000));
  text = test_ui_widget_text (GTK_WIDGET (f->page));
  g_test_message ("%s", text);
  /* the two CA rows; the card's own TEST authentication certificate
   * chains to neither */
  g_assert_cmpuint (count_in (text, _("Chains to a pinned JPKI root.")), ==, 2);

  g_clear_pointer (&card, test_vcard_stop);
  g_assert_true (test_ui_wait_until (no_card, f->page, 20000));
  inserted = test_vcard_control (&f->vcard, "insert");
  g_assert_cmpstr (inserted, ==, "ok");
  g_assert_true (test_ui_wait_until (card_read, f->page, 30000));
}

int
main (int argc,
      char *argv[])
{
  test_ui_init (&argc, &argv);
#define ADD(path, func) g_test_add ("/ui/support-card/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("card", test_card);
  ADD ("removed", test_card_removed);
  ADD ("connection-with-card", test_connection_with_card);
  ADD ("public-roots", test_public_roots);
  return test_ui_run ();
}
