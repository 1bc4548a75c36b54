/* test-terminate.c: 委任の終了 from the delegation's details, on the
 * virtual My Number card (the representative persona, its signing
 * password asked through the session's interaction) and the local service
 * (the file client's account, whose representative the persona is). The
 * confirmation says what ends and from when; cancelled, nothing is signed;
 * confirmed, the end is signed, sent and written to the audit log, the row
 * shows 終了 with the day, neither renewal nor a second end is offered,
 * and the service's validity answers that it has ended. Run through
 * tests/card/with-card.sh. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "card-support.h"
#include "inj-audit.h"
#include "inj-account-form.h"
#include "inj-delegations-page.h"
#include "inj-expiry-view.h"
#include "inj-service-settings.h"
#include "inj-upload.h"
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
upload_now (InjSession *session,
            const char *id)
{
  g_auto(InjServiceConfig) config = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(InjServiceClient) client = NULL;
  g_autofree char *outbox = inj_outbox_dir ();
  g_autofree char *dir = g_build_filename (outbox, id, NULL);
  g_autoptr(InjPackage) p = inj_package_load (dir, &error);

  g_assert_no_error (error);
  g_assert_true (inj_service_settings_config (inj_session_get_settings (session), &config, &error));
  client = inj_service_client_new (&config, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (inj_upload_package (client, p, NULL, NULL, NULL, &error));
  g_assert_true (inj_upload_follow_receipt (client, p, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (p->state, ==, "stored");
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

/* The button of @action inside @root, or NULL. */
static GtkWidget *
action_button (GtkWidget *root,
               const char *action)
{
  if (GTK_IS_BUTTON (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = action_button (c, action);
      if (found)
        return found;
    }
  return NULL;
}

static void
test_terminate (void)
{
  TestVcard *vc = test_vcard_start (PERSONA, NULL);
  g_autoptr(TestService) svc = test_service_start (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(InjCardMonitor) monitor = inj_card_monitor_new (NULL, &error);
  g_autofree char *password = test_persona_value (PERSONA, "card", "sign-pin");
  TestPinInteraction *interaction = test_pin_interaction_new (password);
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  g_autofree char *audit = NULL;
  g_autofree char *audit_path = inj_audit_default_path ();
  g_autoptr(GDateTime) now = inj_date_now ();
  g_autofree char *today = inj_date_display_day (now);
  InjSession *session;
  InjWindow *window;
  InjDelegationsPage *page;
  AdwMessageDialog *dialog;
  const char *body;

  g_assert_no_error (error);
  test_data_home_clear ();
  g_unlink (audit_path);
  session = inj_session_new (monitor, NULL, NULL);
  /* the service is reached with the file key, the end is signed with the card */
  test_settings_for_service (inj_session_get_settings (session), svc, FALSE);
  g_settings_set_boolean (inj_session_get_settings (session), "reveal-personal-data", FALSE);
  inj_session_set_interaction (session, G_TLS_INTERACTION (interaction));
  id = test_outbox_package (NULL, NULL);
  upload_now (session, id);

  window = INJ_WINDOW (inj_window_new_for_session (NULL, session));
  g_object_ref (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 760);
  page = INJ_DELEGATIONS_PAGE (inj_window_get_delegations_page (window));
  gtk_window_present (GTK_WINDOW (window));
  gtk_stack_set_visible_child_name (inj_window_get_stack (window), "delegations");
  g_assert_true (test_ui_wait_until (test_ui_mapped, page, 5000));
  run (page, "delegations.refresh", NULL);
  run (page, "delegations.details", g_variant_new_string (id));
  g_assert_cmpstr (inj_delegations_page_get_details_id (page), ==, id);
  g_assert_true (gtk_widget_get_sensitive (action_button (GTK_WIDGET (page),
                                                         "delegations.terminate")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "delegations.terminate", NULL));

  /* the confirmation: what ends (whose, for whom) and from when */
  dialog = inj_delegations_page_get_terminate_dialog (page);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "この委任を終了しますか？");
  body = adw_message_dialog_get_body (dialog);
  g_test_message ("%s", body);
  g_assert_nonnull (strstr (body, "テスト商事株式会社 → "));
  g_assert_nonnull (strstr (body, today));
  g_assert_nonnull (strstr (body, "元に戻すことはできません"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "terminate"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  test_ui_wait_until (no_wait, NULL, 300);
  test_ui_screenshot (GTK_WIDGET (dialog), "terminate-confirm");

  /* cancelled: nothing is signed */
  adw_message_dialog_response (dialog, "cancel");
  g_assert_false (inj_delegations_page_get_busy (page));
  g_assert_cmpuint (test_pin_interaction_asked (interaction), ==, 0);
  g_assert_cmpstr (inj_delegations_page_get_state (page, id), !=, "terminated");

  /* confirmed: signed with the card (its password asked once) and sent */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "delegations.terminate", NULL));
  dialog = inj_delegations_page_get_terminate_dialog (page);
  adw_message_dialog_response (dialog, "terminate");
  g_assert_true (inj_delegations_page_get_busy (page));
  g_assert_true (test_wait_property_not (page, "busy", TRUE, 120000));
  g_assert_cmpstr (inj_delegations_page_get_error (page), ==, "");
  g_assert_cmpuint (test_pin_interaction_asked (interaction), ==, 1);
  g_assert_cmpstr (inj_delegations_page_get_state (page, id), ==, "terminated");
  g_assert_cmpint (inj_delegations_page_get_pill (page, id), ==, INJ_PILL_TERMINATED);
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (
                              ADW_EXPANDER_ROW (inj_delegations_page_get_row (page, id))),
                            "に終了しました"));
  g_assert_cmpstr (inj_window_get_last_toast (window), !=, NULL);
  g_assert_nonnull (strstr (inj_window_get_last_toast (window), "委任を終了しました"));
  /* what has ended is neither renewed nor ended again */
  g_assert_false (gtk_widget_get_sensitive (action_button (GTK_WIDGET (page),
                                                          "delegations.terminate")));
  g_assert_false (gtk_widget_get_sensitive (action_button (GTK_WIDGET (page),
                                                          "delegations.renew")));
  text = test_ui_widget_text (GTK_WIDGET (page));
  g_assert_nonnull (strstr (text, "に終了しました"));
  test_ui_wait_until (no_wait, NULL, 300);
  test_ui_screenshot (GTK_WIDGET (window), "terminate-done");

  /* the audit event, with the delegation's ID */
  g_assert_true (g_file_get_contents (audit_path, &audit, NULL, NULL));
  g_assert_nonnull (strstr (audit, "\"termination\""));
  g_assert_nonnull (strstr (audit, id));

  /* the service answers that it has ended */
  run (page, "delegations.check-validity-of", g_variant_new_string (id));
  g_assert_cmpstr (inj_delegations_page_get_validity (page), ==, "terminated");
  {
    g_autofree char *validity = inj_delegations_page_dup_validity_text (page);
    g_test_message ("%s", validity);
    g_assert_nonnull (strstr (validity, "終了"));
    g_assert_nonnull (strstr (validity, "に終了しました"));
  }

  /* a recipient (the agent, with their own card, whose account is not
   * this one): refused until registered, then told it has ended */
  {
    g_autofree char *agent_pin = test_persona_value ("agent-zeirishi", "card", "auth-pin");
    g_autofree char *agent_password = test_persona_value ("agent-zeirishi", "card", "sign-pin");
    g_autofree char *agent_name = test_persona_value ("agent-zeirishi", "san", "name");
    g_autofree char *agent_address = test_persona_value ("agent-zeirishi", "san", "address");
    g_autofree char *birth = test_persona_value ("agent-zeirishi", "san", "birth-date");
    g_autofree char *birth_date = g_strdup_printf ("%.4s-%.2s-%.2s", birth + 1, birth + 5,
                                                   birth + 7);
    g_autofree char *review = NULL;
    g_autofree char *validity = NULL;
    InjAccountForm *form;

    test_vcard_stop (vc);
    g_assert_true (test_wait_card (FALSE, 20000));
    vc = test_vcard_start ("agent-zeirishi", NULL);
    g_assert_true (test_wait_card (TRUE, 20000));
    test_pin_interaction_set_passwords (interaction, agent_pin, agent_password);
    test_settings_for_service (inj_session_get_settings (session), svc, TRUE);
    for (guint i = 0; i < 10; i++)
      {
        run (page, "delegations.check-validity-of", g_variant_new_string (id));
        if (inj_delegations_page_get_recipient_form (page))
          break;
        test_ui_wait_until (no_wait, NULL, 1000);
      }
    form = INJ_ACCOUNT_FORM (inj_delegations_page_get_recipient_form (page));
    g_assert_nonnull (form);
    validity = inj_delegations_page_dup_validity_text (page);
    g_test_message ("%s", validity);
    g_assert_nonnull (strstr (validity, "受領者等として登録"));
    inj_account_form_set_kind (form, INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR);
    inj_account_form_set_value (form, INJ_ACCOUNT_FIELD_ORGANIZATION_NAME, "検証会計事務所");
    inj_account_form_set_value (form, INJ_ACCOUNT_FIELD_ORGANIZATION_ADDRESS, agent_address);
    inj_account_form_set_value (form, INJ_ACCOUNT_FIELD_REPRESENTATIVE_NAME, agent_name);
    inj_account_form_set_value (form, INJ_ACCOUNT_FIELD_REPRESENTATIVE_ADDRESS, agent_address);
    inj_account_form_set_value (form, INJ_ACCOUNT_FIELD_BIRTH_DATE, birth_date);
    g_assert_false (inj_account_form_review (form));
    g_assert_nonnull (strstr (inj_account_form_get_problems (form), "申告者氏名"));
    inj_account_form_set_value (form, INJ_ACCOUNT_FIELD_DECLARANT_NAME, agent_name);
    g_assert_true (inj_account_form_review (form));
    review = inj_account_form_dup_review (form);
    g_test_message ("%s", review);
    g_assert_nonnull (strstr (review, "申告者氏名: "));
    test_ui_wait_until (no_wait, NULL, 300);
    test_ui_screenshot (GTK_WIDGET (window), "recipient-review");
    inj_account_form_submit (form);
    /* registered, then the same ID checked again */
    g_assert_true (test_wait_property_not (page, "busy", TRUE, 120000));
    test_ui_wait_until (no_wait, NULL, 200);
    g_assert_true (test_wait_property_not (page, "busy", TRUE, 120000));
    g_assert_cmpstr (inj_delegations_page_get_error (page), ==, "");
    g_assert_null (inj_delegations_page_get_recipient_form (page));
    g_assert_cmpstr (inj_delegations_page_get_validity (page), ==, "terminated");
    g_free (validity);
    validity = inj_delegations_page_dup_validity_text (page);
    g_test_message ("%s", validity);
    g_assert_nonnull (strstr (validity, "に終了しました"));
    test_ui_screenshot (GTK_WIDGET (window), "recipient-validity");
  }

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
  g_test_add_func ("/ui/terminate/confirm-sign-send", test_terminate);
  status = test_ui_run ();
  test_data_home_cleanup ();
  return status;
}
