/* test-e2e-account.c: issue 16's flow end to end in the window, on the
 * virtual cards and the local service (no account registered beforehand,
 * the operator confirming by hand): the representative registers the
 * 基本情報 (確認待ち), the upload is refused until the operator confirms,
 * then stored; the card is renewed (representative-renewed) and bound
 * again; the list shows the delegation and it is ended with the new card;
 * the agent, as a recipient, registers and is told it has ended. A
 * screenshot at each step. Run through tests/card/with-card.sh. */
#include "config.h"

#include <string.h>

#include "card-support.h"
#include "inj-account-form.h"
#include "inj-account-page.h"
#include "inj-delegations-page.h"
#include "inj-expiry-view.h"
#include "inj-job-status.h"
#include "inj-upload-page.h"
#include "inj-window.h"
#include "test-service-support.h"
#include "test-ui-support.h"

static gboolean
no_wait (gpointer data)
{
  return FALSE;
}

static void
shoot (InjWindow *window,
       const char *name)
{
  test_ui_wait_until (no_wait, NULL, 300);
  test_ui_screenshot (GTK_WIDGET (window), name);
}

static void
show (InjWindow *window,
      const char *page)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", page));
}

static TestVcard *
swap_card (TestVcard *vc,
           const char *persona,
           TestPinInteraction *interaction)
{
  g_autofree char *pin = test_persona_value (persona, "card", "auth-pin");
  g_autofree char *password = test_persona_value (persona, "card", "sign-pin");

  if (vc)
    {
      test_vcard_stop (vc);
      g_assert_true (test_wait_card (FALSE, 20000));
    }
  vc = test_vcard_start (persona, NULL);
  g_assert_true (test_wait_card (TRUE, 20000));
  test_pin_interaction_set_passwords (interaction, pin, password);
  return vc;
}

static void
operator_confirms (TestService *svc,
                   const char *account_id)
{
  const char *argv[] = { g_getenv ("INJ_TEST_SERVICE"), "confirm", account_id, "--db", svc->db,
                         NULL };
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL |
                G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* Refreshes @page until the card monitor has caught up with a new card. */
static void
account_refresh (InjAccountPage *page,
                 const char *until_not)
{
  for (guint i = 0; i < 10; i++)
    {
      inj_account_page_refresh (page);
      g_assert_true (test_wait_property_not (page, "busy", TRUE, 60000));
      if (g_strcmp0 (inj_account_page_get_problem (page), until_not) != 0)
        return;
      test_ui_wait_until (no_wait, NULL, 1000);
    }
}

static void
run (InjDelegationsPage *page,
     const char *action,
     GVariant *parameter)
{
  g_autoptr(GVariant) owned = parameter ? g_variant_ref_sink (parameter) : NULL;

  gtk_widget_activate_action_variant (GTK_WIDGET (page), action, owned);
  g_assert_true (test_wait_property_not (page, "busy", TRUE, 120000));
}

static InjUploadState
upload (InjUploadPage *page,
        const char *id)
{
  inj_upload_page_refresh (page);
  g_assert_nonnull (inj_upload_page_get_button (page, id));
  g_signal_emit_by_name (inj_upload_page_get_button (page, id), "clicked");
  g_assert_true (test_wait_property_not (page, "state", INJ_UPLOAD_STATE_RUNNING, 120000));
  g_test_message ("upload: %s", inj_upload_page_get_message (page));
  return inj_upload_page_get_state (page);
}

static void
test_flow (void)
{
  const char *manual[] = { "--confirm-accounts", "manual", NULL };
  g_autoptr(TestService) svc = test_service_start (manual);
  g_autoptr(GError) error = NULL;
  g_autoptr(InjCardMonitor) monitor = inj_card_monitor_new (NULL, &error);
  TestPinInteraction *interaction = test_pin_interaction_new ("");
  TestVcard *vc = NULL;
  g_autofree char *name = test_persona_ini ("representative", "san", "name");
  g_autofree char *address = test_persona_ini ("representative", "san", "address");
  g_autofree char *id = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *account_id = NULL;
  InjSession *session;
  InjWindow *window;
  InjAccountPage *account;
  InjUploadPage *upload_page;
  InjDelegationsPage *list;
  InjAccountForm *form;

  g_assert_no_error (error);
  test_data_home_clear ();
  vc = swap_card (NULL, "representative", interaction);
  session = inj_session_new (monitor, NULL, NULL);
  test_settings_for_service (inj_session_get_settings (session), svc, TRUE);
  g_settings_set_boolean (inj_session_get_settings (session), "reveal-personal-data", FALSE);
  inj_session_set_interaction (session, G_TLS_INTERACTION (interaction));
  id = test_outbox_package (NULL, &dir);
  inj_session_set_package_dir (session, dir);
  window = INJ_WINDOW (inj_window_new_for_session (NULL, session));
  g_object_ref (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_present (GTK_WINDOW (window));
  account = INJ_ACCOUNT_PAGE (inj_window_get_account_page (window));
  upload_page = INJ_UPLOAD_PAGE (inj_window_get_upload_page (window));
  list = INJ_DELEGATIONS_PAGE (inj_window_get_delegations_page (window));

  /* 1. register the 基本情報: 確認待ち */
  show (window, "account");
  g_assert_true (test_ui_wait_until (test_ui_mapped, account, 5000));
  g_assert_true (test_wait_property_not (account, "busy", TRUE, 60000));
  g_assert_false (inj_account_page_has_account (account));
  shoot (window, "e2e16-no-account");
  form = INJ_ACCOUNT_FORM (inj_account_page_open_form (account));
  inj_account_form_set_value (form, INJ_ACCOUNT_FIELD_CORPORATE_NUMBER, "7000012050002");
  inj_account_form_set_value (form, INJ_ACCOUNT_FIELD_ORGANIZATION_NAME, "テスト商事株式会社");
  inj_account_form_set_value (form, INJ_ACCOUNT_FIELD_ORGANIZATION_ADDRESS,
                              "東京都千代田区試験町一丁目1番1号");
  inj_account_form_set_value (form, INJ_ACCOUNT_FIELD_REPRESENTATIVE_TITLE, "代表取締役");
  inj_account_form_set_value (form, INJ_ACCOUNT_FIELD_REPRESENTATIVE_NAME, name);
  inj_account_form_set_value (form, INJ_ACCOUNT_FIELD_REPRESENTATIVE_ADDRESS, address);
  inj_account_form_set_value (form, INJ_ACCOUNT_FIELD_PHONE, "00-0000-0000");
  g_assert_true (inj_account_form_review (form));
  shoot (window, "e2e16-review");
  inj_account_form_submit (form);
  g_assert_true (test_wait_property_not (account, "busy", TRUE, 120000));
  g_assert_true (test_wait_property_not (account, "busy", TRUE, 60000));
  g_assert_null (inj_account_page_get_form_error (account));
  g_assert_cmpstr (inj_account_page_get_state_text (account), ==, "確認待ち");
  account_id = g_strdup (inj_account_page_get_account_id (account));
  shoot (window, "e2e16-pending");

  /* 2. the upload waits for the operator; then it is stored */
  show (window, "upload");
  g_assert_cmpint (upload (upload_page, id), ==, INJ_UPLOAD_STATE_FAILED);
  {
    GtkWidget *action = inj_job_status_get_action_button (inj_upload_page_get_problem (upload_page));
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (action)), ==,
                     "win.show-page");
  }
  shoot (window, "e2e16-upload-waits");
  operator_confirms (svc, account_id);
  g_assert_cmpint (upload (upload_page, id), ==, INJ_UPLOAD_STATE_STORED);
  shoot (window, "e2e16-stored");

  /* 3. the card renewed: bound again to the account */
  vc = swap_card (vc, "representative-renewed", interaction);
  show (window, "account");
  account_refresh (account, "利用者情報を読み込めませんでした");
  g_assert_cmpstr (inj_account_page_get_copy_id (account), ==, account_id);
  shoot (window, "e2e16-renewed");
  g_assert_true (inj_account_page_rebind (account));
  g_assert_true (test_wait_property_not (account, "busy", TRUE, 120000));
  g_assert_true (test_wait_property_not (account, "busy", TRUE, 60000));
  g_assert_cmpuint (inj_account_page_get_n_cards (account), ==, 2);
  g_assert_cmpstr (inj_account_page_get_state_text (account), ==, "確認済み");
  shoot (window, "e2e16-rebound");

  /* 4. the list with the new card; the delegation ended */
  show (window, "delegations");
  run (list, "delegations.refresh", NULL);
  g_assert_cmpstr (inj_delegations_page_get_error (list), ==, "");
  g_assert_nonnull (inj_delegations_page_get_row (list, id));
  run (list, "delegations.details", g_variant_new_string (id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "delegations.terminate", NULL));
  shoot (window, "e2e16-terminate-confirm");
  adw_message_dialog_response (inj_delegations_page_get_terminate_dialog (list), "terminate");
  g_assert_true (test_wait_property_not (list, "busy", TRUE, 120000));
  g_assert_cmpstr (inj_delegations_page_get_error (list), ==, "");
  g_assert_cmpint (inj_delegations_page_get_pill (list, id), ==, INJ_PILL_TERMINATED);
  shoot (window, "e2e16-terminated");

  /* 5. a recipient's validity check: registered once, then 終了 */
  vc = swap_card (vc, "agent-zeirishi", interaction);
  for (guint i = 0; i < 10 && inj_delegations_page_get_recipient_form (list) == NULL; i++)
    {
      run (list, "delegations.check-validity-of", g_variant_new_string (id));
      if (inj_delegations_page_get_recipient_form (list) == NULL)
        test_ui_wait_until (no_wait, NULL, 1000);
    }
  form = INJ_ACCOUNT_FORM (inj_delegations_page_get_recipient_form (list));
  g_assert_nonnull (form);
  {
    g_autofree char *agent_name = test_persona_value ("agent-zeirishi", "san", "name");
    g_autofree char *agent_address = test_persona_value ("agent-zeirishi", "san", "address");
    g_autofree char *birth = test_persona_value ("agent-zeirishi", "san", "birth-date");
    g_autofree char *birth_date = g_strdup_printf ("%.4s-%.2s-%.2s", birth + 1, birth + 5,
                                                   birth + 7);
    g_autofree char *validity = NULL;

    inj_account_form_set_kind (form, INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR);
    inj_account_form_set_value (form, INJ_ACCOUNT_FIELD_ORGANIZATION_NAME, "検証会計事務所");
    inj_account_form_set_value (form, INJ_ACCOUNT_FIELD_ORGANIZATION_ADDRESS, agent_address);
    inj_account_form_set_value (form, INJ_ACCOUNT_FIELD_REPRESENTATIVE_NAME, agent_name);
    inj_account_form_set_value (form, INJ_ACCOUNT_FIELD_REPRESENTATIVE_ADDRESS, agent_address);
    inj_account_form_set_value (form, INJ_ACCOUNT_FIELD_BIRTH_DATE, birth_date);
    inj_account_form_set_value (form, INJ_ACCOUNT_FIELD_DECLARANT_NAME, agent_name);
    g_assert_true (inj_account_form_review (form));
    inj_account_form_submit (form);
    g_assert_true (test_wait_property_not (list, "busy", TRUE, 120000));
    test_ui_wait_until (no_wait, NULL, 200);
    g_assert_true (test_wait_property_not (list, "busy", TRUE, 120000));
    g_assert_cmpstr (inj_delegations_page_get_validity (list), ==, "terminated");
    validity = inj_delegations_page_dup_validity_text (list);
    g_test_message ("%s", validity);
    g_assert_nonnull (strstr (validity, "終了"));
  }
  shoot (window, "e2e16-recipient-validity");

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
  g_test_add_func ("/ui/e2e/account-flow", test_flow);
  status = test_ui_run ();
  test_data_home_cleanup ();
  return status;
}
