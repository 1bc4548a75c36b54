/* test-account-register.c: 利用者情報 registered and changed from the
 * window, on the virtual My Number card (the representative persona, its
 * signing password asked through the session's interaction) and the local
 * service without any account beforehand. The form checks with the model's
 * messages; the review shows what is signed (personal items masked); the
 * account is 確認待ち until the operator confirms; a change is reviewed as
 * old → new, and a changed address the card does not carry is refused
 * with what to do first. Run through tests/card/with-card.sh. */
#include "config.h"

#include <string.h>

#include "card-support.h"
#include "inj-account-form.h"
#include "inj-account-page.h"
#include "inj-window.h"
#include "test-service-support.h"
#include "test-ui-support.h"

#define PERSONA "representative"

static gboolean
no_wait (gpointer data)
{
  return FALSE;
}

static void
screenshot (GtkWidget *window,
            const char *name)
{
  test_ui_wait_until (no_wait, NULL, 300);
  test_ui_screenshot (window, name);
}

/* The operator's step (§3.1.3): ininjo-service confirm ID --db FILE. */
static void
operator_confirms (TestService *svc,
                   const char *account_id)
{
  const char *argv[] = { g_getenv ("INJ_TEST_SERVICE"), "confirm", account_id, "--db", svc->db,
                         NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = -1;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("ininjo-service confirm failed: %s", err);
}

static void
refresh (InjAccountPage *page)
{
  inj_account_page_refresh (page);
  g_assert_true (test_wait_property_not (page, "busy", TRUE, 60000));
}

static void
test_register_change (void)
{
  g_autoptr(TestVcard) vc = test_vcard_start (PERSONA, NULL);
  const char *manual[] = { "--confirm-accounts", "manual", NULL };
  g_autoptr(TestService) svc = test_service_start (manual);
  g_autoptr(GError) error = NULL;
  g_autoptr(InjCardMonitor) monitor = inj_card_monitor_new (NULL, &error);
  g_autofree char *password = test_persona_value (PERSONA, "card", "sign-pin");
  g_autofree char *name = test_persona_ini (PERSONA, "san", "name");
  g_autofree char *address = test_persona_ini (PERSONA, "san", "address");
  TestPinInteraction *interaction = test_pin_interaction_new (password);
  g_autofree char *review = NULL;
  g_autofree char *change = NULL;
  InjSession *session;
  InjWindow *window;
  InjAccountPage *page;
  InjAccountForm *form;

  g_assert_no_error (error);
  test_data_home_clear ();
  session = inj_session_new (monitor, NULL, NULL);
  test_settings_for_service (inj_session_get_settings (session), svc, FALSE);
  g_settings_set_boolean (inj_session_get_settings (session), "reveal-personal-data", FALSE);
  inj_session_set_interaction (session, G_TLS_INTERACTION (interaction));
  window = INJ_WINDOW (inj_window_new_for_session (NULL, session));
  g_object_ref (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 900);
  page = INJ_ACCOUNT_PAGE (inj_window_get_account_page (window));
  gtk_window_present (GTK_WINDOW (window));
  gtk_stack_set_visible_child_name (inj_window_get_stack (window), "account");
  g_assert_true (test_ui_wait_until (test_ui_mapped, page, 5000));
  g_assert_true (test_wait_property_not (page, "busy", TRUE, 60000));
  g_assert_false (inj_account_page_has_account (page));

  /* the guided registration: the model's messages first */
  form = INJ_ACCOUNT_FORM (inj_account_page_open_form (page));
  g_assert_false (inj_account_form_review (form));
  g_assert_nonnull (strstr (inj_account_form_get_problems (form), "「組織名称」は必須です"));
  g_assert_false (inj_account_form_is_reviewing (form));
  inj_account_form_set_kind (form, INJ_PRINCIPAL_KIND_CORPORATION);
  inj_account_form_set_value (form, INJ_ACCOUNT_FIELD_CORPORATE_NUMBER, "7000012050002");
  inj_account_form_set_value (form, INJ_ACCOUNT_FIELD_ORGANIZATION_NAME, "テスト商事株式会社");
  inj_account_form_set_value (form, INJ_ACCOUNT_FIELD_ORGANIZATION_ADDRESS,
                              "東京都千代田区試験町一丁目1番1号");
  inj_account_form_set_value (form, INJ_ACCOUNT_FIELD_REPRESENTATIVE_TITLE, "代表取締役");
  inj_account_form_set_value (form, INJ_ACCOUNT_FIELD_REPRESENTATIVE_NAME, name);
  inj_account_form_set_value (form, INJ_ACCOUNT_FIELD_REPRESENTATIVE_ADDRESS, address);
  screenshot (GTK_WIDGET (window), "account-register-form");
  /* a phone number is still missing */
  g_assert_false (inj_account_form_review (form));
  g_assert_nonnull (strstr (inj_account_form_get_problems (form), "代表者電話番号"));
  inj_account_form_set_value (form, INJ_ACCOUNT_FIELD_PHONE, "00-0000-0000");

  /* the review: what is signed, personal items masked */
  g_assert_true (inj_account_form_review (form));
  review = inj_account_form_dup_review (form);
  g_test_message ("%s", review);
  g_assert_nonnull (strstr (review, "組織名称: テスト商事株式会社\n"));
  g_assert_nonnull (strstr (review, "代表者住所: ＊＊＊＊＊＊\n"));
  g_assert_nonnull (strstr (review, "代表者電話番号: ＊＊＊＊＊＊\n"));
  g_assert_null (strstr (review, address));
  screenshot (GTK_WIDGET (window), "account-register-review");

  /* signed with the card, sent: 確認待ち until the operator confirms */
  inj_account_form_submit (form);
  g_assert_true (inj_account_page_get_busy (page));
  g_assert_true (test_wait_property_not (page, "busy", TRUE, 120000));
  g_assert_null (inj_account_page_get_form_error (page));
  g_assert_true (test_wait_property_not (page, "busy", TRUE, 60000));
  g_assert_cmpuint (test_pin_interaction_asked (interaction), ==, 1);
  g_assert_true (inj_account_page_has_account (page));
  g_assert_cmpstr (inj_account_page_get_state_text (page), ==, "確認待ち");
  screenshot (GTK_WIDGET (window), "account-pending");
  operator_confirms (svc, inj_account_page_get_account_id (page));
  refresh (page);
  g_assert_cmpstr (inj_account_page_get_state_text (page), ==, "確認済み");

  /* a change, reviewed as old → new (shown on request) */
  inj_session_set_reveal (session, TRUE);
  form = INJ_ACCOUNT_FORM (inj_account_page_open_form (page));
  g_assert_false (inj_account_form_review (form));
  g_assert_cmpstr (inj_account_form_get_problems (form), ==, "変更された項目はありません。");
  inj_account_form_set_value (form, INJ_ACCOUNT_FIELD_REPRESENTATIVE_ADDRESS,
                              "大阪府大阪市北区試験町二丁目2番2号");
  g_assert_true (inj_account_form_review (form));
  change = inj_account_form_dup_review (form);
  g_test_message ("%s", change);
  {
    g_autofree char *line = g_strdup_printf ("代表者住所: %s → 大阪府大阪市北区試験町二丁目2番2号\n",
                                             address);
    g_assert_cmpstr (change, ==, line);
  }
  screenshot (GTK_WIDGET (window), "account-change-review");
  /* the card still carries the old address: refused, with what comes first */
  inj_account_form_submit (form);
  g_assert_true (test_wait_property_not (page, "busy", TRUE, 120000));
  g_test_message ("%s", inj_account_page_get_form_error (page));
  g_assert_nonnull (inj_account_page_get_form_error (page));
  g_assert_nonnull (strstr (inj_account_page_get_form_error (page), "住所"));
  g_assert_false (inj_account_form_is_reviewing (form));
  screenshot (GTK_WIDGET (window), "account-change-refused");

  gtk_window_destroy (GTK_WINDOW (window));
  test_ui_drain (G_OBJECT (window));
  g_assert_finalize_object (window);
  test_ui_drain (G_OBJECT (session));
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
  g_test_add_func ("/ui/account/register-change", test_register_change);
  status = test_ui_run ();
  test_data_home_cleanup ();
  return status;
}
