/* test-upload-card.c: the upload page and the delegations page with the
 * card's authentication key, on the virtual My Number card (the
 * representative persona), against the local service. Run through
 * tests/card/with-card.sh: a private pcscd, and a network namespace whose
 * loopback the service listens on. The PIN is asked once per workflow,
 * through the session's interaction, and the card is left unverified. */
#include "config.h"

#include <string.h>

#include "card-support.h"
#include "inj-delegations-page.h"
#include "inj-upload-page.h"
#include "test-service-support.h"
#include "test-ui-support.h"

#define PERSONA "representative"

static gboolean
drawn (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static gboolean
no_wait (gpointer data)
{
  return FALSE;
}

static void
assert_card_unverified (TestVcard *vc)
{
  g_autofree char *status = test_vcard_control (vc, "status");

  g_test_message ("card: %s", status);
  g_assert_nonnull (status);
  g_assert_nonnull (strstr (status, "\"auth_verified\":false"));
}

static guint
pin_verifications (TestVcard *vc)
{
  return test_vcard_count (vc, "VERIFY", "0018", TRUE);
}

static gboolean
no_card (gpointer data)
{
  g_autoptr(GPtrArray) readers = inj_pcsc_list_readers (NULL);

  for (guint i = 0; readers && i < readers->len; i++)
    if (((InjReaderInfo *) g_ptr_array_index (readers, i))->card_present)
      return FALSE;
  return readers != NULL;
}

static void
test_card (void)
{
  g_autoptr(TestVcard) vc = test_vcard_start (PERSONA, NULL);
  g_autoptr(TestService) svc = test_service_start (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(InjCardMonitor) monitor = inj_card_monitor_new (NULL, &error);
  g_autofree char *pin = test_persona_value (PERSONA, "card", "auth-pin");
  TestPinInteraction *interaction = test_pin_interaction_new (pin);
  InjSession *session;
  InjUploadPage *upload;
  InjDelegationsPage *delegations;
  GtkWidget *window;
  GtkWidget *box;
  g_autofree char *dir = NULL;
  g_autofree char *id = NULL;

  g_assert_no_error (error);
  test_data_home_clear ();
  session = inj_session_new (monitor, NULL, NULL);
  test_settings_for_service (inj_session_get_settings (session), svc, TRUE);
  inj_session_set_interaction (session, G_TLS_INTERACTION (interaction));
  id = test_outbox_package (NULL, &dir);
  inj_session_set_package_dir (session, dir);

  upload = INJ_UPLOAD_PAGE (g_object_ref_sink (inj_upload_page_new (session)));
  delegations = INJ_DELEGATIONS_PAGE (g_object_ref_sink (inj_delegations_page_new (session)));
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (upload), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (delegations), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (upload));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (delegations));
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 800);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (test_ui_wait_until (drawn, upload, 5000));

  /* the upload: one workflow, one PIN */
  g_signal_emit_by_name (inj_upload_page_get_button (upload, id), "clicked");
  g_assert_true (test_wait_property_not (upload, "state", INJ_UPLOAD_STATE_RUNNING, 120000));
  g_test_message ("%s", inj_upload_page_get_message (upload));
  g_assert_cmpint (inj_upload_page_get_state (upload), ==, INJ_UPLOAD_STATE_STORED);
  g_assert_cmpuint (test_pin_interaction_asked (interaction), ==, 1);
  g_assert_cmpuint (pin_verifications (vc), ==, 1);
  g_assert_cmpuint (test_service_rows (svc, id), ==, 1);
  assert_card_unverified (vc);

  /* the list: another workflow, the PIN once more */
  gtk_widget_activate_action (GTK_WIDGET (delegations), "delegations.refresh", NULL);
  g_assert_true (test_wait_property_not (delegations, "busy", TRUE, 120000));
  g_test_message ("%s", inj_delegations_page_get_error (delegations));
  g_assert_cmpstr (inj_delegations_page_get_error (delegations), ==, "");
  g_assert_cmpstr (inj_delegations_page_get_state (delegations, id), ==, "active");
  g_assert_cmpuint (test_pin_interaction_asked (interaction), ==, 2);
  assert_card_unverified (vc);
  test_ui_wait_until (no_wait, NULL, 200);
  test_ui_screenshot (window, "upload-card");

  /* no card: said before any PIN is asked */
  g_clear_pointer (&vc, test_vcard_stop);
  g_assert_true (test_ui_wait_until (no_card, NULL, 10000));
  gtk_widget_activate_action (GTK_WIDGET (delegations), "delegations.refresh", NULL);
  g_assert_true (test_wait_property_not (delegations, "busy", TRUE, 60000));
  g_test_message ("%s", inj_delegations_page_get_error (delegations));
  g_assert_cmpstr (inj_delegations_page_get_error (delegations), !=, "");
  g_assert_cmpuint (test_pin_interaction_asked (interaction), ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
  test_ui_drain (G_OBJECT (upload));
  g_assert_finalize_object (upload);
  test_ui_drain (G_OBJECT (delegations));
  g_assert_finalize_object (delegations);
  test_ui_drain (G_OBJECT (session));
  g_assert_finalize_object (session);
  g_assert_finalize_object (interaction);
}

#define SECOND_PERSONA "proprietor"
#define FIRST_READER "Virtual PCD 00 00"
#define SECOND_READER "Virtual PCD 00 01"

static gboolean
two_readers (gpointer data)
{
  g_auto(GStrv) readers = inj_card_picker_get_readers (data);

  return g_strv_length (readers) == 2;
}

static char *
auth_principal (const char *persona)
{
  g_autofree char *path = test_persona_path (persona, "auth-cert.der");
  g_autofree char *der = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_file_get_contents (path, &der, &len, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) der, len);
}

/* Two My Number cards, each in its reader, with the same token label and
 * serial: the upload authenticates with the card chosen on the page, and
 * the service stores the package under that card's certificate. The other
 * card is never asked for its PIN (its VERIFY count stays 0); with no
 * choice made, nothing is sent. */
static void
upload_with (const char *reader,
             const char *persona,
             const char *other_persona)
{
  const char *port[] = { "--port", "35964", NULL };
  g_autoptr(TestVcard) first = test_vcard_start (PERSONA, NULL);
  g_autoptr(TestVcard) second = test_vcard_start (SECOND_PERSONA, port);
  g_autoptr(TestService) svc = test_service_start (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(InjCardMonitor) monitor = inj_card_monitor_new (NULL, &error);
  g_autofree char *pin = test_persona_value (persona, "card", "auth-pin");
  g_autofree char *expected = auth_principal (persona);
  g_autofree char *other = auth_principal (other_persona);
  g_autofree char *principal = NULL;
  TestPinInteraction *interaction = test_pin_interaction_new (pin);
  TestVcard *chosen = g_str_equal (persona, PERSONA) ? first : second;
  TestVcard *not_chosen = chosen == first ? second : first;
  InjSession *session;
  InjUploadPage *upload;
  InjCardPicker *picker;
  GtkWidget *window;
  g_autofree char *dir = NULL;
  g_autofree char *id = NULL;
  g_autofree char *shot = g_strdup_printf ("upload-card-%s", persona);

  g_assert_no_error (error);
  g_assert_cmpstr (expected, !=, other);
  test_data_home_clear ();
  session = inj_session_new (monitor, NULL, NULL);
  test_settings_for_service (inj_session_get_settings (session), svc, TRUE);
  inj_session_set_interaction (session, G_TLS_INTERACTION (interaction));
  id = test_outbox_package (NULL, &dir);
  inj_session_set_package_dir (session, dir);

  upload = INJ_UPLOAD_PAGE (g_object_ref_sink (inj_upload_page_new (session)));
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (upload));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (test_ui_wait_until (drawn, upload, 5000));
  picker = inj_upload_page_get_card_picker (upload);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (picker)));
  g_assert_true (test_ui_wait_until (two_readers, picker, 20000));
  g_assert_true (inj_card_picker_select_reader (picker, reader));

  g_signal_emit_by_name (inj_upload_page_get_button (upload, id), "clicked");
  g_assert_true (test_wait_property_not (upload, "state", INJ_UPLOAD_STATE_RUNNING, 120000));
  g_test_message ("%s", inj_upload_page_get_message (upload));
  g_assert_cmpint (inj_upload_page_get_state (upload), ==, INJ_UPLOAD_STATE_STORED);
  g_assert_cmpuint (test_pin_interaction_asked (interaction), ==, 1);
  g_assert_cmpuint (pin_verifications (chosen), ==, 1);
  g_assert_cmpuint (pin_verifications (not_chosen), ==, 0);
  principal = test_service_principal (svc, id);
  g_assert_cmpstr (principal, ==, expected);
  assert_card_unverified (chosen);
  assert_card_unverified (not_chosen);
  test_ui_wait_until (no_wait, NULL, 200);
  test_ui_screenshot (window, shot);

  gtk_window_destroy (GTK_WINDOW (window));
  test_ui_drain (G_OBJECT (upload));
  g_assert_finalize_object (upload);
  test_ui_drain (G_OBJECT (session));
  g_assert_finalize_object (session);
  g_assert_finalize_object (interaction);
}

static void
test_second_card (void)
{
  upload_with (SECOND_READER, SECOND_PERSONA, PERSONA);
}

static void
test_first_card (void)
{
  upload_with (FIRST_READER, PERSONA, SECOND_PERSONA);
}

int
main (int argc,
      char *argv[])
{
  int status;

  test_data_home_init ();
  test_ui_init (&argc, &argv);
  g_test_add_func ("/ui/upload-card/pin-once-card-unverified", test_card);
  g_test_add_func ("/ui/upload-card/second-card-chosen", test_second_card);
  g_test_add_func ("/ui/upload-card/first-card-chosen", test_first_card);
  status = test_ui_run ();
  test_data_home_cleanup ();
  return status;
}
