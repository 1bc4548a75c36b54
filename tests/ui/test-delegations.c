/* test-delegations.c: the delegations page in the window, against the
 * local service with a file key: the service's list merged with the
 * outbox and sent/; details verified again and masked; the renewal handed
 * to the editor; validity by ID; a renewal's upload retires the old ID;
 * errors on the page. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-delegation-editor.h"
#include "inj-delegations-page.h"
#include "inj-flow.h"
#include "inj-service-settings.h"
#include "inj-upload.h"
#include "inj-window.h"
#include "test-service-support.h"
#include "test-ui-support.h"

#define UNKNOWN_ID "11111111-1111-4111-8111-111111111111"

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

static gboolean
stack_settled (gpointer data)
{
  return !gtk_stack_get_transition_running (data);
}

static void
screenshot (GtkWidget *window,
            const char *name)
{
  g_assert_true (test_ui_wait_until (stack_settled, inj_window_get_stack (INJ_WINDOW (window)), 5000));
  test_ui_wait_until (no_wait, NULL, 200);
  test_ui_screenshot (window, name);
}

/* What the CLI does, with the code it shares with the upload page. */
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
  g_assert_no_error (error);
  g_assert_true (inj_upload_follow_receipt (client, p, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (p->state, ==, "stored");
}

static void
run (InjDelegationsPage *page,
     const char *action,
     GVariant *parameter)
{
  /* the action does not take the floating reference of its parameter */
  g_autoptr(GVariant) owned = parameter ? g_variant_ref_sink (parameter) : NULL;

  gtk_widget_activate_action_variant (GTK_WIDGET (page), action, owned);
  g_assert_true (inj_delegations_page_get_busy (page));
  g_assert_true (test_wait_property_not (page, "busy", TRUE, 60000));
}

static void
check_validity (InjDelegationsPage *page,
                const char *id,
                const char *expected)
{
  gtk_editable_set_text (GTK_EDITABLE (inj_delegations_page_get_validity_entry (page)), id);
  run (page, "delegations.check-validity", NULL);
  g_test_message ("%s", inj_delegations_page_get_validity_text (page));
  g_assert_cmpstr (inj_delegations_page_get_validity (page), ==, expected);
  g_assert_nonnull (strstr (inj_delegations_page_get_validity_text (page), id));
}

static void
test_delegations (void)
{
  g_autoptr(TestService) svc = test_service_start (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(InjCardMonitor) monitor = inj_card_monitor_new (NULL, &error);
  InjSession *session;
  InjWindow *window;
  InjDelegationsPage *page;
  InjDelegationEditor *editor;
  GtkStack *stack;
  g_autofree char *stored = NULL;
  g_autofree char *waiting = NULL;
  g_autofree char *renewal = NULL;
  g_autofree char *text = NULL;
  g_autofree char *rep_name = test_persona_ini ("representative", "san", "name");
  g_autofree char *agent_name = test_persona_ini ("agent-zeirishi", "san", "name");
  g_auto(GStrv) ids = NULL;
  const char *supersedes_args[3] = { "--supersedes", NULL, NULL };
  InjDelegation *loaded;

  g_assert_no_error (error);
  test_data_home_clear ();
  session = inj_session_new (monitor, NULL, NULL);
  test_settings_for_service (inj_session_get_settings (session), svc, FALSE);
  g_settings_set_boolean (inj_session_get_settings (session), "reveal-personal-data", FALSE);
  stored = test_outbox_package (NULL, NULL);
  upload_now (session, stored);
  waiting = test_outbox_package (NULL, NULL);

  window = INJ_WINDOW (inj_window_new_for_session (NULL, session));
  g_object_ref (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 900);
  page = INJ_DELEGATIONS_PAGE (inj_window_get_delegations_page (window));
  editor = INJ_DELEGATION_EDITOR (inj_window_get_editor (window));
  stack = inj_window_get_stack (window);
  g_assert_true (gtk_stack_get_child_by_name (stack, "delegations") == GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  gtk_stack_set_visible_child_name (stack, "delegations");
  g_assert_true (test_ui_wait_until (drawn, page, 5000));

  /* before asking the service: what this computer knows */
  g_assert_cmpstr (inj_delegations_page_get_state (page, stored), ==, "stored");
  g_assert_cmpstr (inj_delegations_page_get_state (page, waiting), ==, "ready");

  run (page, "delegations.refresh", NULL);
  g_assert_cmpstr (inj_delegations_page_get_error (page), ==, "");
  g_assert_cmpstr (inj_delegations_page_get_state (page, stored), ==, "active");
  g_assert_cmpstr (inj_delegations_page_get_state (page, waiting), ==, "ready");
  ids = inj_delegations_page_dup_ids (page);
  g_assert_cmpuint (g_strv_length (ids), ==, 2);
  screenshot (GTK_WIDGET (window), "delegations");

  /* details, verified again, masked */
  run (page, "delegations.details", g_variant_new_string (stored));
  g_assert_cmpstr (inj_delegations_page_get_error (page), ==, "");
  g_assert_cmpstr (inj_delegations_page_get_details_id (page), ==, stored);
  text = inj_delegations_page_dup_details_text (page);
  g_assert_nonnull (strstr (text, stored));
  g_assert_nonnull (strstr (text, "＊"));
  /* 代表者名 of a 法人 is public registry data: shown while the agent's
   * name is masked */
  g_assert_nonnull (strstr (text, rep_name));
  g_assert_null (strstr (text, agent_name));
  g_assert_nonnull (strstr (text, inj_jpki_field_label (INJ_JPKI_NAME)));
  screenshot (GTK_WIDGET (window), "delegations-details");
  /* shown while the session reveals them, gone on the privacy lock */
  inj_session_set_reveal (session, TRUE);
  g_clear_pointer (&text, g_free);
  text = inj_delegations_page_dup_details_text (page);
  g_assert_nonnull (strstr (text, rep_name));
  g_assert_nonnull (strstr (text, agent_name));
  inj_session_privacy_lock (session);
  g_assert_false (inj_session_get_reveal (session));
  g_assert_null (inj_delegations_page_get_details_id (page));
  g_clear_pointer (&text, g_free);
  text = inj_delegations_page_dup_details_text (page);
  g_assert_cmpstr (text, ==, "");
  /* the window is under its privacy cover until the person continues */
  g_assert_true (inj_window_get_privacy_covered (window));
  g_signal_emit_by_name (inj_window_get_privacy_continue_button (window), "clicked");
  g_assert_false (inj_window_get_privacy_covered (window));

  /* validity by ID */
  check_validity (page, stored, "active");
  g_assert_nonnull (strstr (inj_delegations_page_get_validity_text (page), _("Period")));
  screenshot (GTK_WIDGET (window), "delegations-validity");
  check_validity (page, UNKNOWN_ID, "unknown");
  gtk_editable_set_text (GTK_EDITABLE (inj_delegations_page_get_validity_entry (page)), "abc");
  gtk_widget_activate_action (GTK_WIDGET (page), "delegations.check-validity", NULL);
  g_assert_false (inj_delegations_page_get_busy (page));
  g_assert_null (inj_delegations_page_get_validity (page));

  /* renewal: into the editor, Supersedes = the old ID */
  run (page, "delegations.details", g_variant_new_string (stored));
  gtk_widget_activate_action (GTK_WIDGET (page), "delegations.renew", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "flow");
  g_assert_cmpint (inj_flow_get_step (INJ_FLOW (inj_window_get_flow (window))), ==,
                   INJ_FLOW_STEP_EDITOR);
  g_assert_cmpstr (inj_flow_get_title (INJ_FLOW (inj_window_get_flow (window))), ==,
                   "更新版を作成中");
  loaded = inj_delegation_editor_get_delegation (editor);
  g_assert_cmpstr (inj_delegation_get_text (loaded, INJ_FIELD_SUPERSEDES), ==, stored);
  g_assert_cmpstr (inj_delegation_get_text (loaded, INJ_FIELD_DELEGATION_ID), !=, stored);
  g_assert_nonnull (inj_delegation_get_text (loaded, INJ_FIELD_DELEGATION_ID));
  g_assert_cmpstr (inj_delegation_get_text (loaded, INJ_FIELD_CORPORATE_NUMBER), ==,
                   "7000012050002");
  g_assert_true (test_ui_wait_until (drawn, editor, 5000));
  screenshot (GTK_WIDGET (window), "editor-renewal");

  /* a renewal's package (signed elsewhere) retires the old ID once stored */
  supersedes_args[1] = stored;
  renewal = test_outbox_package (supersedes_args, NULL);
  upload_now (session, renewal);
  gtk_stack_set_visible_child_name (stack, "delegations");
  run (page, "delegations.refresh", NULL);
  g_assert_cmpstr (inj_delegations_page_get_state (page, stored), ==, "retired");
  g_assert_cmpstr (inj_delegations_page_get_state (page, renewal), ==, "active");
  check_validity (page, stored, "retired");
  screenshot (GTK_WIDGET (window), "delegations-renewed");

  /* the service gone: said on the page */
  test_service_restart (svc, NULL);
  g_settings_set_string (inj_session_get_settings (session), "service-url", "https://localhost:9");
  run (page, "delegations.refresh", NULL);
  g_test_message ("%s", inj_delegations_page_get_error (page));
  g_assert_cmpstr (inj_delegations_page_get_error (page), !=, "");
  /* the list stays as it was */
  g_assert_cmpstr (inj_delegations_page_get_state (page, renewal), ==, "active");
  screenshot (GTK_WIDGET (window), "delegations-error");

  gtk_window_destroy (GTK_WINDOW (window));
  test_ui_drain (G_OBJECT (window));
  g_assert_finalize_object (window);
  test_ui_drain (G_OBJECT (session));
  g_assert_finalize_object (session);
}

int
main (int argc,
      char *argv[])
{
  int status;

  test_data_home_init ();
  test_ui_init (&argc, &argv);
  g_test_add_func ("/ui/delegations/list-details-renew-validity", test_delegations);
  status = test_ui_run ();
  test_data_home_cleanup ();
  return status;
}
