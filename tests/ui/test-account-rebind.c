/* test-account-rebind.c: a renewed card bound to the account from the
 * window. The representative's card reaches the local service (its
 * account registered beforehand and confirmed) and the page keeps the
 * account as this computer's copy; then the renewed card
 * (representative-renewed: a new certificate of the same person) is in
 * the reader: the service knows no account for it, the page names what to
 * do and binds it, signed with the new card; the account then lists both
 * cards, the new one as this card. Run through tests/card/with-card.sh. */
#include "config.h"

#include <string.h>

#include "card-support.h"
#include "inj-account-form.h"
#include "inj-account-page.h"
#include "inj-window.h"
#include "test-service-support.h"
#include "test-ui-support.h"

static gboolean
no_wait (gpointer data)
{
  return FALSE;
}

static void
use_persona (TestPinInteraction *interaction,
             const char *persona)
{
  g_autofree char *pin = test_persona_value (persona, "card", "auth-pin");
  g_autofree char *password = test_persona_value (persona, "card", "sign-pin");

  test_pin_interaction_set_passwords (interaction, pin, password);
}

static void
test_rebind (void)
{
  TestVcard *vc = test_vcard_start ("representative", NULL);
  g_autoptr(TestService) svc = test_service_start (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(InjCardMonitor) monitor = inj_card_monitor_new (NULL, &error);
  TestPinInteraction *interaction = test_pin_interaction_new ("");
  g_autofree char *account_id = NULL;
  InjSession *session;
  InjWindow *window;
  InjAccountPage *page;

  g_assert_no_error (error);
  test_data_home_clear ();
  use_persona (interaction, "representative");
  session = inj_session_new (monitor, NULL, NULL);
  test_settings_for_service (inj_session_get_settings (session), svc, TRUE);
  g_settings_set_boolean (inj_session_get_settings (session), "reveal-personal-data", FALSE);
  inj_session_set_interaction (session, G_TLS_INTERACTION (interaction));
  window = INJ_WINDOW (inj_window_new_for_session (NULL, session));
  g_object_ref (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  page = INJ_ACCOUNT_PAGE (inj_window_get_account_page (window));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (test_wait_card (TRUE, 20000));
  gtk_stack_set_visible_child_name (inj_window_get_stack (window), "account");
  g_assert_true (test_ui_wait_until (test_ui_mapped, page, 5000));
  g_assert_true (test_wait_property_not (page, "busy", TRUE, 60000));
  g_test_message ("%s", inj_account_page_get_problem (page) ? inj_account_page_get_problem (page) : "");
  g_assert_true (inj_account_page_has_account (page));
  g_assert_cmpuint (inj_account_page_get_n_cards (page), ==, 1);
  account_id = g_strdup (inj_account_page_get_account_id (page));

  /* the card renewed: the same person, a new certificate */
  test_vcard_stop (vc);
  g_assert_true (test_wait_card (FALSE, 20000));
  vc = test_vcard_start ("representative-renewed", NULL);
  g_assert_true (test_wait_card (TRUE, 20000));
  use_persona (interaction, "representative-renewed");
  /* the card monitor sees the new card a moment after the reader does */
  for (guint i = 0; i < 10; i++)
    {
      inj_account_page_refresh (page);
      g_assert_true (test_wait_property_not (page, "busy", TRUE, 60000));
      {
        g_autofree char *shown = test_ui_widget_text (GTK_WIDGET (page));
        g_test_message ("refresh %u: %s", i, shown);
      }
      if (g_strcmp0 (inj_account_page_get_problem (page), "利用者情報を読み込めませんでした") != 0)
        break;
      test_ui_wait_until (no_wait, NULL, 1000);
    }
  g_assert_false (inj_account_page_has_account (page));
  g_assert_cmpstr (inj_account_page_get_problem (page), ==,
                   "このカードはまだ登録されていません");
  g_assert_cmpstr (inj_account_page_get_copy_id (page), ==, account_id);
  test_ui_wait_until (no_wait, NULL, 300);
  test_ui_screenshot (GTK_WIDGET (window), "account-renewed-card");

  /* bound with the new card's signature; both cards on record */
  g_assert_true (inj_account_page_rebind (page));
  g_assert_true (test_wait_property_not (page, "busy", TRUE, 120000));
  g_assert_null (inj_account_page_get_form_error (page));
  g_assert_true (test_wait_property_not (page, "busy", TRUE, 60000));
  g_assert_true (inj_account_page_has_account (page));
  g_assert_cmpstr (inj_account_page_get_account_id (page), ==, account_id);
  g_assert_cmpuint (inj_account_page_get_n_cards (page), ==, 2);
  g_assert_cmpstr (inj_account_page_get_state_text (page), ==, "確認済み");
  test_ui_wait_until (no_wait, NULL, 300);
  test_ui_screenshot (GTK_WIDGET (window), "account-rebound");

  gtk_window_destroy (GTK_WINDOW (window));
  test_ui_drain (G_OBJECT (window));
  g_assert_finalize_object (window);
  test_ui_drain (G_OBJECT (session));
  g_assert_finalize_object (session);
  g_assert_finalize_object (interaction);
  test_vcard_stop (vc);
}

/* A moved representative's new card: its address is not the registered
 * one, so binding it alone is refused; the page says the address comes
 * first and opens the change, which goes with the card's rebinding. */
static void
test_moved (void)
{
  TestVcard *vc = test_vcard_start ("representative", NULL);
  g_autoptr(TestService) svc = test_service_start (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(InjCardMonitor) monitor = inj_card_monitor_new (NULL, &error);
  TestPinInteraction *interaction = test_pin_interaction_new ("");
  g_autofree char *old_address = test_persona_value ("representative", "san", "address");
  g_autofree char *new_address = test_persona_value ("representative-moved", "san", "address");
  g_autofree char *review = NULL;
  g_autofree char *expected = NULL;
  InjSession *session;
  InjWindow *window;
  InjAccountPage *page;
  InjAccountForm *form;

  g_assert_no_error (error);
  test_data_home_clear ();
  use_persona (interaction, "representative");
  session = inj_session_new (monitor, NULL, NULL);
  test_settings_for_service (inj_session_get_settings (session), svc, TRUE);
  inj_session_set_reveal (session, TRUE);
  inj_session_set_interaction (session, G_TLS_INTERACTION (interaction));
  window = INJ_WINDOW (inj_window_new_for_session (NULL, session));
  g_object_ref (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 900);
  page = INJ_ACCOUNT_PAGE (inj_window_get_account_page (window));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (test_wait_card (TRUE, 20000));
  gtk_stack_set_visible_child_name (inj_window_get_stack (window), "account");
  g_assert_true (test_ui_wait_until (test_ui_mapped, page, 5000));
  g_assert_true (test_wait_property_not (page, "busy", TRUE, 60000));
  g_assert_true (inj_account_page_has_account (page));

  test_vcard_stop (vc);
  g_assert_true (test_wait_card (FALSE, 20000));
  vc = test_vcard_start ("representative-moved", NULL);
  g_assert_true (test_wait_card (TRUE, 20000));
  use_persona (interaction, "representative-moved");
  for (guint i = 0; i < 10; i++)
    {
      inj_account_page_refresh (page);
      g_assert_true (test_wait_property_not (page, "busy", TRUE, 60000));
      if (g_strcmp0 (inj_account_page_get_problem (page), "利用者情報を読み込めませんでした") != 0)
        break;
      test_ui_wait_until (no_wait, NULL, 1000);
    }
  g_assert_nonnull (inj_account_page_get_copy_id (page));

  /* the card alone: refused, the change offered with what comes first */
  g_assert_true (inj_account_page_rebind (page));
  g_assert_true (test_wait_property_not (page, "busy", TRUE, 120000));
  g_test_message ("%s", inj_account_page_get_form_error (page));
  g_assert_nonnull (strstr (inj_account_page_get_form_error (page), "先に利用者情報の代表者住所を変更"));
  g_assert_false (inj_account_page_has_account (page));
  test_ui_wait_until (no_wait, NULL, 300);
  test_ui_screenshot (GTK_WIDGET (window), "account-moved-guidance");

  form = INJ_ACCOUNT_FORM (inj_account_page_open_form (page));
  inj_account_form_set_value (form, INJ_ACCOUNT_FIELD_REPRESENTATIVE_ADDRESS, new_address);
  g_assert_true (inj_account_form_review (form));
  review = inj_account_form_dup_review (form);
  expected = g_strdup_printf ("代表者住所: %s → %s\n", old_address, new_address);
  g_assert_cmpstr (review, ==, expected);
  inj_account_form_submit (form);
  g_assert_true (test_wait_property_not (page, "busy", TRUE, 120000));
  g_assert_true (test_wait_property_not (page, "busy", TRUE, 60000));
  g_assert_null (inj_account_page_get_form_error (page));
  g_assert_true (inj_account_page_has_account (page));
  g_assert_cmpstr (inj_account_page_get_shown (page, INJ_ACCOUNT_FIELD_REPRESENTATIVE_ADDRESS), ==,
                   new_address);
  g_assert_cmpuint (inj_account_page_get_n_cards (page), ==, 2);
  test_ui_wait_until (no_wait, NULL, 300);
  test_ui_screenshot (GTK_WIDGET (window), "account-moved-changed");

  gtk_window_destroy (GTK_WINDOW (window));
  test_ui_drain (G_OBJECT (window));
  g_assert_finalize_object (window);
  test_ui_drain (G_OBJECT (session));
  g_assert_finalize_object (session);
  g_assert_finalize_object (interaction);
  test_vcard_stop (vc);
}

int
main (int argc,
      char *argv[])
{
  int status;

  test_data_home_init ();
  test_ui_init (&argc, &argv);
  g_test_add_func ("/ui/account/rebind", test_rebind);
  g_test_add_func ("/ui/account/moved", test_moved);
  status = test_ui_run ();
  test_data_home_cleanup ();
  return status;
}
