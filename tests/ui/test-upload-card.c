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
  g_assert_finalize_object (upload);
  g_assert_finalize_object (delegations);
  g_assert_finalize_object (session);
  g_assert_finalize_object (interaction);
}

int
main (int argc,
      char *argv[])
{
  int status;

  test_data_home_init ();
  test_ui_init (&argc, &argv);
  g_test_add_func ("/ui/upload-card/pin-once-card-unverified", test_card);
  status = test_ui_run ();
  test_data_home_cleanup ();
  return status;
}
