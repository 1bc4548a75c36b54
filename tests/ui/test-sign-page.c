/* test-sign-page.c: the sign page in the window, against the virtual card
 * (representative persona) inside with-card.sh, with the real password
 * dialog typed into: the tries left before asking, a wrong password, a
 * cancelled one, the signature verified and packaged, the last-try
 * confirmation, the locked card. The tests run in this order on one card:
 * the last one locks its signing password. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gio/gunixsocketaddress.h>
#include <json-glib/json-glib.h>

#include "inj-card-page.h"
#include "inj-password-dialog.h"
#include "inj-sign-page.h"
#include "inj-window.h"
#include "card-support.h"
#include "test-sign-support.h"
#include "test-ui-support.h"

#define RIGHT_PASSWORD "TESTPASS1"
#define WRONG_PASSWORD "WRONGPASS9"

typedef struct {
  char *dir;
  InjSession *session;
  InjWindow *window;
  InjSignPage *page;
  InjPasswordInteraction *interaction;
} Fixture;

static void
fixture_set_up (Fixture *f,
                gconstpointer data)
{
  f->dir = test_ui_tmpdir ();
  f->session = inj_session_new (NULL, NULL, f->dir);
  test_session_trust_personas (f->session);
  f->window = INJ_WINDOW (inj_window_new_for_session (NULL, f->session));
  g_object_ref (f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 960, 640);
  f->page = INJ_SIGN_PAGE (inj_window_get_sign_page (f->window));
  f->interaction = INJ_PASSWORD_INTERACTION (inj_session_get_interaction (f->session));
  /* signing is the flow's fourth step */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "sign"));
  gtk_window_present (GTK_WINDOW (f->window));
}

static gboolean
session_loaded (gpointer data)
{
  return inj_session_get_monitor (data) || inj_session_get_monitor_error (data);
}

static void
fixture_tear_down (Fixture *f,
                   gconstpointer data)
{
  g_assert_null (inj_password_interaction_get_dialog (f->interaction));
  gtk_window_destroy (GTK_WINDOW (f->window));
  test_ui_drain (G_OBJECT (f->window));
  g_assert_finalize_object (f->window);
  g_assert_true (test_ui_wait_until (session_loaded, f->session, 30000));
  test_ui_drain (G_OBJECT (f->session));
  g_assert_finalize_object (f->session);
  test_ui_rmtree (f->dir);
  g_free (f->dir);
}

static void
give_work (Fixture *f)
{
  g_autoptr(InjDelegation) d = test_delegation_new ();

  inj_session_set_delegation (f->session, d);
  test_session_add_submission (f->session);
}

/* Settled, with work given: not at work, and the card's answer is in (or
 * the session's signed delegation shown). */
static gboolean
settled (gpointer data)
{
  Fixture *f = data;

  switch (inj_sign_page_get_state (f->page))
    {
    case INJ_SIGN_STATE_READY:
      return inj_sign_page_get_pin_status (f->page) != NULL;
    case INJ_SIGN_STATE_CARD:
      return inj_sign_page_get_card_state (f->page) != INJ_CARD_STATE_LOADING;
    case INJ_SIGN_STATE_SIGNED:
      return inj_session_get_signed_delegation (f->session) != NULL;
    case INJ_SIGN_STATE_LOCKED:
    case INJ_SIGN_STATE_CONFIRM:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
wait_settled (Fixture *f)
{
  if (!test_ui_wait_until (settled, f, 30000))
    g_error ("the sign page did not settle: state %d, card state %d, message %s",
             inj_sign_page_get_state (f->page), inj_sign_page_get_card_state (f->page),
             inj_sign_page_get_message (f->page));
}

static gboolean
dialog_shown (gpointer data)
{
  AdwMessageDialog *dialog = inj_password_interaction_get_dialog (data);

  return dialog && gtk_widget_get_mapped (GTK_WIDGET (dialog)) &&
         gtk_widget_get_width (GTK_WIDGET (dialog)) > 0;
}

static void
wait_dialog (Fixture *f)
{
  g_assert_true (test_ui_wait_until (dialog_shown, f->interaction, 30000));
}

static void
type_password (Fixture *f,
               const char *password)
{
  AdwMessageDialog *dialog = inj_password_interaction_get_dialog (f->interaction);

  gtk_editable_set_text (inj_password_interaction_get_entry (f->interaction), password);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "ok"));
  adw_message_dialog_response (dialog, "ok");
  g_assert_null (inj_password_interaction_get_dialog (f->interaction));
}

static gboolean
dialog_shown_or_confirm (gpointer data)
{
  Fixture *f = data;

  return dialog_shown (f->interaction) ||
         inj_sign_page_get_state (f->page) == INJ_SIGN_STATE_CONFIRM;
}

/* Sign with @password, through the confirmation when it comes. */
static void
attempt (Fixture *f,
         const char *password)
{
  g_assert_cmpint (inj_sign_page_get_state (f->page), ==, INJ_SIGN_STATE_READY);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "sign.start", NULL);
  g_assert_cmpint (inj_sign_page_get_state (f->page), ==, INJ_SIGN_STATE_WORKING);
  g_assert_true (test_ui_wait_until (dialog_shown_or_confirm, f, 30000));
  if (inj_sign_page_get_state (f->page) == INJ_SIGN_STATE_CONFIRM)
    {
      gtk_widget_activate_action (GTK_WIDGET (f->page), "sign.confirm", NULL);
      wait_dialog (f);
    }
  type_password (f, password);
  wait_settled (f);
}

static int
tries_left (Fixture *f)
{
  const InjPinStatus *status = inj_sign_page_get_pin_status (f->page);

  g_assert_nonnull (status);
  return status->tries_left;
}

/* What the virtual card says of itself (its control socket: with-card.sh
 * --profile). */
static JsonObject *
vcard_status (void)
{
  const char *path = g_getenv ("INJ_TEST_VCARD_CONTROL");
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketConnection) conn = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  g_assert_nonnull (path);
  address = g_unix_socket_address_new (path);
  conn = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (address), NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)), "status\n", 7,
                             NULL, NULL, &error);
  g_assert_no_error (error);
  in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (conn)));
  line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, line, -1, &error));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* pkcs11/ leaves the card unverified after every attempt. */
static void
assert_card_unverified (void)
{
  g_autoptr(JsonObject) status = vcard_status ();

  g_assert_false (json_object_get_boolean_member (status, "sign_verified"));
  g_assert_false (json_object_get_boolean_member (status, "auth_verified"));
}

static char *
wrong_password_message (int tries)
{
  g_autoptr(GError) error = NULL;

  inj_pkcs11_set_error (&error, CKR_PIN_INCORRECT, INJ_PIN_SIGN, tries);
  return g_strdup (error->message);
}

/* ------------------------------------------------------------ expiry */

static gboolean
expiry_shown (gpointer data)
{
  return *inj_expiry_box_get_title (data) != '\0';
}

/* What the box must say for a certificate file of a persona. */
static void
assert_expiry (InjExpiryBox *box,
               InjExpirySource source,
               GBytes *der)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(InjCertificate) cert = inj_certificate_new_from_der (der, &error);
  g_autoptr(GDateTime) now = inj_date_now ();
  g_autofree char *title = NULL;
  g_autofree char *details = NULL;
  int days;

  g_assert_no_error (error);
  g_assert_true (test_ui_wait_until (expiry_shown, box, 10000));
  days = inj_expiry_days_left (inj_certificate_get_not_after (cert), now);
  title = inj_expiry_title (source, inj_certificate_get_not_after (cert), days);
  details = inj_expiry_details (source, days);
  g_assert_cmpstr (inj_expiry_box_get_title (box), ==, title);
  g_assert_cmpstr (inj_expiry_box_get_details (box), ==, details);
  g_assert_cmpint (inj_expiry_box_get_severity (box), ==, inj_expiry_severity (days));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (box)));
}

static GBytes *
persona_cert (const char *file)
{
  g_autofree char *path = test_persona_file ("representative", file);
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, &error);

  g_assert_no_error (error);
  return g_mapped_file_get_bytes (mapped);
}

static void
test_missing (Fixture *f,
              gconstpointer data)
{
  g_autoptr(InjDelegation) d = test_delegation_new ();

  g_assert_cmpint (inj_sign_page_get_state (f->page), ==, INJ_SIGN_STATE_MISSING);
  inj_session_set_delegation (f->session, d);
  test_ui_wait_until (test_sign_never, NULL, 100);
  g_assert_cmpint (inj_sign_page_get_state (f->page), ==, INJ_SIGN_STATE_MISSING);
  /* nothing starts without the agent's submission */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "sign.start", NULL);
  g_assert_cmpint (inj_sign_page_get_state (f->page), ==, INJ_SIGN_STATE_MISSING);
  test_sign_screenshot (GTK_WIDGET (f->window), "sign-missing");
  test_session_add_submission (f->session);
  wait_settled (f);
  g_assert_cmpint (inj_sign_page_get_state (f->page), ==, INJ_SIGN_STATE_READY);
}

static gboolean
empty_reader_listed (gpointer data)
{
  return g_strcmp0 (inj_card_picker_get_card_title (data, "Virtual PCD 00 01"), "カードなし") == 0;
}

static void
test_ready (Fixture *f,
            gconstpointer data)
{
  const InjPinStatus *status;
  g_autofree char *described = NULL;
  g_autofree char *parties = NULL;
  g_autofree char *title = NULL;
  g_autofree char *revealed = NULL;
  g_autoptr(GBytes) auth = NULL;
  InjCardPage *card_page;
  InjDelegation *d;
  const char *description;

  give_work (f);
  wait_settled (f);
  g_assert_cmpint (inj_sign_page_get_state (f->page), ==, INJ_SIGN_STATE_READY);
  /* the delegation named as the list names it, masked; no ID, no reader */
  d = inj_session_get_delegation (f->session);
  g_assert_false (inj_session_get_reveal (f->session));
  parties = inj_render_delegation_parties (d, FALSE);
  title = inj_render_delegation_title (d, FALSE, 40);
  description = inj_sign_page_get_description (f->page);
  g_assert_nonnull (strstr (description, parties));
  g_assert_nonnull (strstr (description, title));
  g_assert_null (strstr (description, inj_delegation_get_text (d, INJ_FIELD_DELEGATION_ID)));
  g_assert_null (strstr (description,
                         inj_card_get_reader (inj_card_picker_get_card (inj_sign_page_get_card_picker (f->page)))));
  /* the other reader, empty, says so; never chosen */
  g_assert_true (test_ui_wait_until (empty_reader_listed, inj_sign_page_get_card_picker (f->page),
                                     10000));
  /* revealed when the person reveals it */
  inj_session_set_reveal (f->session, TRUE);
  revealed = inj_render_delegation_parties (d, TRUE);
  g_assert_cmpstr (revealed, !=, parties);
  g_assert_nonnull (strstr (inj_sign_page_get_description (f->page), revealed));
  inj_session_set_reveal (f->session, FALSE);
  g_assert_nonnull (strstr (inj_sign_page_get_description (f->page), parties));
  g_assert_cmpint (inj_sign_page_get_card_state (f->page), ==, INJ_CARD_STATE_READY);
  status = inj_sign_page_get_pin_status (f->page);
  /* read from the card, without using a try */
  g_assert_true (status->exact);
  g_assert_cmpint (status->pin, ==, INJ_PIN_SIGN);
  g_assert_cmpint (status->tries_left, ==, 5);
  g_assert_cmpint (status->max_tries, ==, 5);
  described = inj_pin_status_describe (status);
  g_assert_cmpstr (inj_sign_page_get_tries_text (f->page), ==, described);
  g_assert_null (inj_sign_page_get_message (f->page));
  g_assert_null (inj_password_interaction_get_dialog (f->interaction));
  /* before the password: the authentication certificate's date, said so */
  auth = persona_cert ("auth-cert.der");
  assert_expiry (inj_sign_page_get_expiry (f->page, FALSE), INJ_EXPIRY_FROM_AUTH, auth);
  g_assert_true (inj_expiry_box_get_card (inj_sign_page_get_expiry (f->page, FALSE)) ==
                 inj_card_picker_get_card (inj_sign_page_get_card_picker (f->page)));
  test_sign_screenshot (GTK_WIDGET (f->window), "sign-ready");

  /* the card page says the same, with no password asked */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "card"));
  card_page = INJ_CARD_PAGE (inj_window_get_card_page (f->window));
  assert_expiry (inj_card_page_get_expiry (card_page), INJ_EXPIRY_FROM_AUTH, auth);
  g_assert_null (inj_password_interaction_get_dialog (f->interaction));
  test_sign_screenshot (GTK_WIDGET (f->window), "card-expiry");
}

static void
test_wrong_password (Fixture *f,
                     gconstpointer data)
{
  g_autofree char *expected = wrong_password_message (4);
  g_autofree char *described = NULL;
  g_autofree char *parties = NULL;
  g_autofree char *signing = NULL;
  AdwMessageDialog *dialog;

  give_work (f);
  wait_settled (f);
  g_assert_cmpint (tries_left (f), ==, 5);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "sign.start", NULL);
  wait_dialog (f);
  /* the dialog says whose secret, what is signed (in the list's words)
   * and how many tries are left; its button signs */
  dialog = inj_password_interaction_get_dialog (f->interaction);
  parties = inj_render_delegation_parties (inj_session_get_delegation (f->session), FALSE);
  signing = g_strdup_printf ("%sの\n電子委任状に署名します。", parties);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "署名用電子証明書のパスワード");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), signing));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "入力できるのはあと5回です。"));
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "ok"), ==, "署名する(_S)");
  test_sign_screenshot (GTK_WIDGET (inj_password_interaction_get_dialog (f->interaction)),
              "sign-password-dialog");
  type_password (f, WRONG_PASSWORD);
  wait_settled (f);

  g_assert_cmpint (inj_sign_page_get_state (f->page), ==, INJ_SIGN_STATE_READY);
  g_assert_cmpstr (inj_sign_page_get_message (f->page), ==, expected);
  g_assert_cmpint (tries_left (f), ==, 4);
  described = inj_pin_status_describe (inj_sign_page_get_pin_status (f->page));
  g_assert_cmpstr (inj_sign_page_get_tries_text (f->page), ==, described);
  g_assert_null (inj_session_get_signed_delegation (f->session));
  g_assert_null (inj_session_get_package_dir (f->session));
  assert_card_unverified ();
  test_sign_screenshot (GTK_WIDGET (f->window), "sign-wrong-password");
}

static void
test_cancel (Fixture *f,
             gconstpointer data)
{
  give_work (f);
  wait_settled (f);
  g_assert_cmpint (tries_left (f), ==, 4);

  /* Cancel in the dialog */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "sign.start", NULL);
  wait_dialog (f);
  gtk_editable_set_text (inj_password_interaction_get_entry (f->interaction), WRONG_PASSWORD);
  adw_message_dialog_response (inj_password_interaction_get_dialog (f->interaction), "cancel");
  wait_settled (f);
  g_assert_cmpint (inj_sign_page_get_state (f->page), ==, INJ_SIGN_STATE_READY);
  g_assert_cmpstr (inj_sign_page_get_message (f->page), ==, _("Cancelled. Nothing was signed."));
  g_assert_cmpint (tries_left (f), ==, 4);

  /* the page's Cancel closes the dialog */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "sign.start", NULL);
  wait_dialog (f);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "sign.cancel", NULL);
  wait_settled (f);
  g_assert_null (inj_password_interaction_get_dialog (f->interaction));
  g_assert_cmpint (inj_sign_page_get_state (f->page), ==, INJ_SIGN_STATE_READY);
  g_assert_cmpstr (inj_sign_page_get_message (f->page), ==, _("Cancelled. Nothing was signed."));

  /* the privacy lock too */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "sign.start", NULL);
  wait_dialog (f);
  inj_session_privacy_lock (f->session);
  wait_settled (f);
  g_assert_null (inj_password_interaction_get_dialog (f->interaction));
  g_assert_cmpint (inj_sign_page_get_state (f->page), ==, INJ_SIGN_STATE_READY);
  g_assert_cmpint (tries_left (f), ==, 4);
  g_assert_null (inj_session_get_signed_delegation (f->session));
  assert_card_unverified ();
}

static void
assert_signed (Fixture *f)
{
  g_autoptr(InjTrustStore) trust = NULL;
  g_autoptr(InjVerification) v = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = inj_date_now ();
  g_autoptr(InjPackage) package = NULL;
  g_autoptr(GBytes) stored = NULL;
  g_autofree char *outbox = inj_outbox_dir ();
  g_autofree char *expected_dir = NULL;
  InjDelegation *d = inj_session_get_delegation (f->session);
  GBytes *signed_xml = inj_session_get_signed_delegation (f->session);

  g_assert_cmpint (inj_sign_page_get_state (f->page), ==, INJ_SIGN_STATE_SIGNED);
  g_assert_nonnull (signed_xml);
  trust = inj_session_dup_trust_store (f->session, &error);
  g_assert_no_error (error);
  v = inj_verify_delegation (signed_xml, trust, now, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (inj_verification_is_valid (v));
  g_assert_cmpstr (inj_certificate_get_jpki_field (inj_verification_get_signer (v), INJ_JPKI_NAME),
                   ==, "試験　太郎");

  /* the package: in the outbox under XDG_DATA_HOME, the signed delegation
   * and the agent's submission */
  expected_dir = g_build_filename (outbox, inj_delegation_get_text (d, INJ_FIELD_DELEGATION_ID),
                                   NULL);
  g_assert_true (g_str_has_prefix (outbox, g_getenv ("XDG_DATA_HOME")));
  g_assert_cmpstr (inj_session_get_package_dir (f->session), ==, expected_dir);
  package = inj_package_load (expected_dir, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (package->delegation_id, ==, inj_delegation_get_text (d, INJ_FIELD_DELEGATION_ID));
  g_assert_cmpstr (package->state, ==, "ready");
  assert_card_unverified ();
}

static void
test_signed (Fixture *f,
             gconstpointer data)
{
  g_autoptr(GBytes) sign = NULL;

  give_work (f);
  wait_settled (f);
  /* lower case is accepted: pkcs11/ upper-cases the password */
  attempt (f, "testpass1");
  assert_signed (f);
  g_assert_null (inj_sign_page_get_message (f->page));
  /* after the password: the signing certificate's own date */
  sign = persona_cert ("sign-cert.der");
  assert_expiry (inj_sign_page_get_expiry (f->page, TRUE), INJ_EXPIRY_FROM_SIGN, sign);
  test_sign_screenshot (GTK_WIDGET (f->window), "sign-signed");

  /* a new delegation (a new ID) starts again */
  give_work (f);
  wait_settled (f);
  g_assert_cmpint (inj_sign_page_get_state (f->page), ==, INJ_SIGN_STATE_READY);
  g_assert_cmpint (tries_left (f), ==, 5);
}

/* ------------------------------------------------------------ two cards */

#define FIRST_READER "Virtual PCD 00 00"
#define SECOND_READER "Virtual PCD 00 01"

static gboolean
two_readers (gpointer data)
{
  g_auto(GStrv) readers = inj_card_picker_get_readers (data);

  return g_strv_length (readers) == 2;
}

static gboolean
one_reader (gpointer data)
{
  g_auto(GStrv) readers = inj_card_picker_get_readers (data);

  return g_strv_length (readers) == 1;
}

typedef struct {
  InjCardPicker *picker;
  const char *reader;
} Chosen;

static gboolean
chosen (gpointer data)
{
  Chosen *c = data;
  InjCard *card = inj_card_picker_get_card (c->picker);

  return card && g_str_equal (inj_card_get_reader (card), c->reader);
}

/* The page refreshes at its next turn: wait for the choice it makes. */
static void
wait_chosen (Fixture *f,
             const char *reader)
{
  Chosen c = { inj_sign_page_get_card_picker (f->page), reader };

  if (!test_ui_wait_until (chosen, &c, 10000))
    g_error ("the reader chosen is not %s", reader);
  wait_settled (f);
}

static void
choose (Fixture *f,
        const char *reader)
{
  InjCardPicker *picker = inj_sign_page_get_card_picker (f->page);

  g_assert_true (inj_card_picker_select_reader (picker, reader));
  wait_settled (f);
  g_assert_cmpint (inj_sign_page_get_state (f->page), ==, INJ_SIGN_STATE_READY);
  g_assert_cmpstr (inj_card_get_reader (inj_card_picker_get_card (picker)), ==, reader);
}

static gboolean
asking_card (gpointer data)
{
  Fixture *f = data;

  return inj_sign_page_get_state (f->page) == INJ_SIGN_STATE_READY &&
         inj_card_picker_get_needs_choice (inj_sign_page_get_card_picker (f->page)) &&
         inj_sign_page_get_pin_status (f->page) == NULL;
}

/* The agent's card in the second reader, the representative's in the
 * first: nothing is chosen for the person, who is asked which card is the
 * representative's, each shown as the card it is (the agent's named so),
 * the reader only below; nothing can be signed until then. The card
 * chosen is the one that signs; the agent's certificate is refused for the
 * representative, and so is a card of someone not named; nothing signed by
 * either is kept. */
static void
test_two_cards (Fixture *f,
                gconstpointer data)
{
  const char *port[] = { "--port", "35964", NULL };
  InjCardPicker *picker = inj_sign_page_get_card_picker (f->page);
  g_autofree char *same = NULL;
  g_autofree char *mismatch = NULL;
  TestVcard *other;

  GtkWidget *sign_button = test_find_action_button (GTK_WIDGET (f->page), "sign.start");
  const char *title;

  g_assert_nonnull (sign_button);
  other = test_vcard_start ("agent-zeirishi", port);
  g_assert_true (test_ui_wait_until (two_readers, picker, 20000));
  /* the agent signed at this desk in the second reader */
  inj_session_set_agent_reader (f->session, SECOND_READER);
  give_work (f);
  g_assert_true (test_ui_wait_until (asking_card, f, 30000));
  g_assert_null (inj_card_picker_get_card (picker));
  g_assert_cmpstr (inj_card_picker_get_card_title (picker, FIRST_READER), ==, "マイナンバーカード");
  title = inj_card_picker_get_card_title (picker, SECOND_READER);
  g_assert_true (g_str_has_prefix (title, "受任者"));
  g_assert_null (strstr (title, "Virtual"));
  g_assert_false (gtk_widget_get_sensitive (sign_button));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "sign.start", NULL);
  test_ui_wait_until (test_sign_never, NULL, 300);
  g_assert_null (inj_password_interaction_get_dialog (f->interaction));
  g_assert_cmpint (inj_sign_page_get_state (f->page), ==, INJ_SIGN_STATE_READY);
  test_sign_screenshot (GTK_WIDGET (f->window), "sign-two-cards");
  /* chosen: its tries are read and it can sign */
  choose (f, FIRST_READER);
  g_assert_true (gtk_widget_get_sensitive (sign_button));
  g_assert_false (inj_card_picker_get_needs_choice (picker));
  /* the agent's card elsewhere: the person's choice stays */
  inj_session_set_agent_reader (f->session, FIRST_READER);
  give_work (f);
  wait_chosen (f, FIRST_READER);
  inj_session_set_agent_reader (f->session, SECOND_READER);
  give_work (f);
  wait_chosen (f, FIRST_READER);

  /* the agent's own card for the representative: the same certificate */
  choose (f, SECOND_READER);
  g_assert_true (inj_expiry_box_get_card (inj_sign_page_get_expiry (f->page, FALSE)) ==
                 inj_card_picker_get_card (picker));
  attempt (f, "ZEIRISHI4TEST");
  same = g_strdup (_("This card's signing certificate is the one the agent signed with. The "
                     "representative and the agent each sign with their own My Number card: "
                     "choose the representative's card."));
  g_assert_cmpstr (inj_sign_page_get_message (f->page), ==, same);
  g_assert_null (inj_session_get_signed_delegation (f->session));
  g_assert_null (inj_session_get_package_dir (f->session));
  test_sign_screenshot (GTK_WIDGET (f->window), "sign-same-certificate");
  test_vcard_stop (other);
  g_assert_true (test_ui_wait_until (one_reader, picker, 20000));

  /* someone else's card (not named in the delegation) */
  other = test_vcard_start ("proprietor", port);
  g_assert_true (test_ui_wait_until (two_readers, picker, 20000));
  choose (f, SECOND_READER);
  attempt (f, "MIHON2");
  mismatch = g_strdup_printf (_("The name in this card's signing certificate does not match "
                                "“%s” of the delegation. Nothing signed was kept: the "
                                "representative signs with their own card, in their own "
                                "reader."), inj_field_label (INJ_FIELD_REPRESENTATIVE_NAME));
  g_assert_cmpstr (inj_sign_page_get_message (f->page), ==, mismatch);
  g_assert_null (strstr (mismatch, "見本"));
  g_assert_null (strstr (mismatch, "試験"));
  g_assert_null (inj_session_get_signed_delegation (f->session));
  g_assert_null (inj_session_get_package_dir (f->session));

  /* the representative's card, chosen: it signs */
  choose (f, FIRST_READER);
  attempt (f, RIGHT_PASSWORD);
  assert_signed (f);
  test_vcard_stop (other);
  g_assert_true (test_ui_wait_until (one_reader, picker, 20000));
}

static void
test_last_try (Fixture *f,
               gconstpointer data)
{
  g_autofree char *expected = wrong_password_message (1);

  give_work (f);
  wait_settled (f);
  for (int tries = 5; tries > 1; tries--)
    {
      g_assert_cmpint (tries_left (f), ==, tries);
      attempt (f, WRONG_PASSWORD);
      g_assert_cmpint (inj_sign_page_get_state (f->page), ==, INJ_SIGN_STATE_READY);
      g_assert_cmpint (tries_left (f), ==, tries - 1);
    }
  g_assert_cmpstr (inj_sign_page_get_message (f->page), ==, expected);

  /* one left: the page asks to confirm before any password is asked */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "sign.start", NULL);
  g_assert_true (test_ui_wait_until (dialog_shown_or_confirm, f, 30000));
  g_assert_cmpint (inj_sign_page_get_state (f->page), ==, INJ_SIGN_STATE_CONFIRM);
  test_ui_wait_until (test_sign_never, NULL, 500);
  g_assert_null (inj_password_interaction_get_dialog (f->interaction));
  test_sign_screenshot (GTK_WIDGET (f->window), "sign-last-try");

  /* going back uses nothing */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "sign.back", NULL);
  wait_settled (f);
  g_assert_cmpint (inj_sign_page_get_state (f->page), ==, INJ_SIGN_STATE_READY);
  g_assert_cmpint (tries_left (f), ==, 1);

  /* confirmed: the dialog comes, with the warning */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "sign.start", NULL);
  g_assert_true (test_ui_wait_until (dialog_shown_or_confirm, f, 30000));
  g_assert_cmpint (inj_sign_page_get_state (f->page), ==, INJ_SIGN_STATE_CONFIRM);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "sign.confirm", NULL);
  wait_dialog (f);
  test_sign_screenshot (GTK_WIDGET (inj_password_interaction_get_dialog (f->interaction)),
              "sign-password-last-try");
  type_password (f, RIGHT_PASSWORD);
  wait_settled (f);
  assert_signed (f);
}

static void
test_locked (Fixture *f,
             gconstpointer data)
{
  give_work (f);
  wait_settled (f);
  g_assert_cmpint (tries_left (f), ==, 5);
  for (int i = 0; i < 5; i++)
    attempt (f, WRONG_PASSWORD);
  g_assert_cmpint (inj_sign_page_get_state (f->page), ==, INJ_SIGN_STATE_LOCKED);
  g_assert_true (inj_sign_page_get_pin_status (f->page)->locked);
  g_assert_null (inj_session_get_signed_delegation (f->session));
  test_sign_screenshot (GTK_WIDGET (f->window), "sign-locked");

  /* a locked password is never asked for */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "sign.start", NULL);
  test_ui_wait_until (test_sign_never, NULL, 1000);
  g_assert_cmpint (inj_sign_page_get_state (f->page), ==, INJ_SIGN_STATE_LOCKED);
  g_assert_null (inj_password_interaction_get_dialog (f->interaction));
  assert_card_unverified ();
}

/* A new window on the locked card: the locked page at once, no dialog. */
static void
test_locked_from_start (Fixture *f,
                        gconstpointer data)
{
  give_work (f);
  wait_settled (f);
  g_assert_cmpint (inj_sign_page_get_state (f->page), ==, INJ_SIGN_STATE_LOCKED);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "sign.start", NULL);
  test_ui_wait_until (test_sign_never, NULL, 1000);
  g_assert_null (inj_password_interaction_get_dialog (f->interaction));
  g_assert_cmpint (inj_sign_page_get_state (f->page), ==, INJ_SIGN_STATE_LOCKED);
}

/* The box with a signing certificate that has ended (the expired
 * persona's): said so, as a warning, with the renewal first. */
static void
test_expiry_expired (void)
{
  g_autofree char *path = test_persona_file ("expired", "sign-cert.der");
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, &error);
  g_autoptr(GBytes) der = NULL;
  g_autoptr(InjCertificate) cert = NULL;
  InjExpiryBox *box = INJ_EXPIRY_BOX (g_object_ref_sink (inj_expiry_box_new ()));
  g_autoptr(GDateTime) now = inj_date_now ();
  int days;

  g_assert_no_error (error);
  der = g_mapped_file_get_bytes (mapped);
  cert = inj_certificate_new_from_der (der, &error);
  g_assert_no_error (error);
  days = inj_expiry_days_left (inj_certificate_get_not_after (cert), now);
  g_assert_cmpint (days, <, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (box)));
  inj_expiry_box_set_certificate (box, cert);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (box)));
  g_assert_cmpint (inj_expiry_box_get_severity (box), ==, INJ_EXPIRY_EXPIRED);
  g_assert_nonnull (strstr (inj_expiry_box_get_details (box), "市区町村の窓口"));
  g_assert_true (g_str_has_prefix (inj_expiry_box_get_details (box),
                                   _("It can no longer sign. ")));
  /* the warning is on the title, not only in words */
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_first_child (
                   gtk_widget_get_first_child (GTK_WIDGET (box))), "warning"));
  inj_expiry_box_set_certificate (box, NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (box)));
  g_assert_finalize_object (box);
}

int
main (int argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("ininjo-sign-data-XXXXXX", NULL);
  int status;

  /* before GLib reads it: packages go to a directory of this run */
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  test_ui_init (&argc, &argv);
  g_test_add_func ("/ui/sign-page/expiry-expired", test_expiry_expired);
  g_test_add ("/ui/sign-page/missing", Fixture, NULL, fixture_set_up, test_missing,
              fixture_tear_down);
  g_test_add ("/ui/sign-page/ready", Fixture, NULL, fixture_set_up, test_ready,
              fixture_tear_down);
  g_test_add ("/ui/sign-page/wrong-password", Fixture, NULL, fixture_set_up,
              test_wrong_password, fixture_tear_down);
  g_test_add ("/ui/sign-page/cancel", Fixture, NULL, fixture_set_up, test_cancel,
              fixture_tear_down);
  g_test_add ("/ui/sign-page/signed", Fixture, NULL, fixture_set_up, test_signed,
              fixture_tear_down);
  g_test_add ("/ui/sign-page/two-cards", Fixture, NULL, fixture_set_up, test_two_cards,
              fixture_tear_down);
  g_test_add ("/ui/sign-page/last-try", Fixture, NULL, fixture_set_up, test_last_try,
              fixture_tear_down);
  g_test_add ("/ui/sign-page/locked", Fixture, NULL, fixture_set_up, test_locked,
              fixture_tear_down);
  g_test_add ("/ui/sign-page/locked-from-start", Fixture, NULL, fixture_set_up,
              test_locked_from_start, fixture_tear_down);
  status = test_ui_run ();
  test_ui_rmtree (data_home);
  return status;
}
