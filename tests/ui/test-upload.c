/* test-upload.c: the upload page against the local service with a file
 * key: progress, receipt, stored; a failing service (503, connection cut)
 * leaves the package in the outbox with its reason and a Retry that
 * registers it once; Cancel loses nothing; the service's refusals shown
 * with its reason. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-upload-page.h"
#include "test-service-support.h"
#include "test-ui-support.h"

typedef struct {
  InjSession *session;
  GtkWidget *window;
  InjUploadPage *page;
  GPtrArray *stages;
} Fixture;

static void
stage_changed (InjUploadPage *page,
               GParamSpec *pspec,
               GPtrArray *stages)
{
  const char *stage = inj_upload_page_get_stage (page);

  if (stages->len == 0 || g_strcmp0 (g_ptr_array_index (stages, stages->len - 1), stage) != 0)
    g_ptr_array_add (stages, g_strdup (stage));
}

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
fixture_set_up (Fixture *f,
                TestService *svc)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(InjCardMonitor) monitor = inj_card_monitor_new (NULL, &error);

  g_assert_no_error (error);
  test_data_home_clear ();
  f->session = inj_session_new (monitor, NULL, NULL);
  test_settings_for_service (inj_session_get_settings (f->session), svc, FALSE);
  f->stages = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_show (Fixture *f)
{
  f->page = INJ_UPLOAD_PAGE (inj_upload_page_new (f->session));
  g_signal_connect (f->page, "notify::stage", G_CALLBACK (stage_changed), f->stages);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 800, 700);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->page));
  g_object_ref (f->page);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (test_ui_wait_until (drawn, f->page, 5000));
}

static void
screenshot (Fixture *f,
            const char *name)
{
  test_ui_wait_until (no_wait, NULL, 200);
  test_ui_screenshot (f->window, name);
}

static void
fixture_tear_down (Fixture *f)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  test_ui_drain (G_OBJECT (f->page));
  g_assert_finalize_object (f->page);
  test_ui_drain (G_OBJECT (f->session));
  g_assert_finalize_object (f->session);
  g_ptr_array_unref (f->stages);
}

static gboolean
has_stage (Fixture *f,
           const char *stage)
{
  for (guint i = 0; i < f->stages->len; i++)
    if (g_strcmp0 (g_ptr_array_index (f->stages, i), stage) == 0)
      return TRUE;
  return FALSE;
}

/* Presses the package's button and waits for the end. */
static InjUploadState
upload (Fixture *f,
        const char *id,
        const char *expected_label,
        const char *screenshot_running)
{
  GtkWidget *button = inj_upload_page_get_button (f->page, id);

  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, expected_label);
  g_ptr_array_set_size (f->stages, 0);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpint (inj_upload_page_get_state (f->page), ==, INJ_UPLOAD_STATE_RUNNING);
  /* a new attempt: the last one's problem is gone */
  g_assert_null (inj_job_status_get_problem (inj_upload_page_get_problem (f->page)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (inj_upload_page_get_problem (f->page))));
  if (screenshot_running)
    screenshot (f, screenshot_running);
  g_assert_true (test_wait_property_not (f->page, "state", INJ_UPLOAD_STATE_RUNNING, 90000));
  g_test_message ("%s: %s", id, inj_upload_page_get_message (f->page));
  return inj_upload_page_get_state (f->page);
}

static gboolean
in_folder (const char *folder,
           const char *id)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "ininjo", folder, id,
                                            "delegation.xml", NULL);
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* A button's label as shown: without the mnemonic's underscore. */
static const char *
shown_label (const char *label)
{
  static char buffer[256];
  guint j = 0;

  for (guint i = 0; label[i] && j < sizeof buffer - 1; i++)
    if (label[i] != '_')
      buffer[j++] = label[i];
  buffer[j] = '\0';
  return buffer;
}

/* The session's package: progress, then the receipt, then stored. */
static void
test_stored (void)
{
  /* answers wait, so that the progress can be seen */
  const char *knobs[] = { "--delay-ms", "700", NULL };
  g_autoptr(TestService) svc = test_service_start (knobs);
  Fixture f = { 0 };
  g_autofree char *dir = NULL;
  g_autofree char *id = NULL;
  g_autofree char *other = NULL;
  g_autofree char *key = NULL;
  g_autofree char *record = NULL;

  fixture_set_up (&f, svc);
  other = test_outbox_package (NULL, NULL);
  id = test_outbox_package (NULL, &dir);
  inj_session_set_package_dir (f.session, dir);
  fixture_show (&f);
  g_assert_cmpuint (inj_upload_page_get_n_packages (f.page), ==, 2);
  g_assert_cmpint (inj_upload_page_get_state (f.page), ==, INJ_UPLOAD_STATE_IDLE);
  screenshot (&f, "upload-outbox");

  g_assert_cmpint (upload (&f, id, _("_Upload"), "upload-progress"), ==, INJ_UPLOAD_STATE_STORED);
  g_assert_true (has_stage (&f, _("Connecting to the service")));
  g_assert_true (has_stage (&f, _("Sending the delegation to the service")));
  g_assert_true (has_stage (&f, _("Waiting for the service's decision")));
  g_assert_true (g_str_has_prefix (inj_upload_page_get_receipt (f.page), "R-"));
  /* success is a status page: its title, the receipt, and where to go */
  {
    GtkWidget *done = inj_upload_page_get_done_page (f.page);
    g_autofree char *shown = NULL;
    const char *notice = inj_upload_page_get_agent_notice (f.page);

    g_assert_true (gtk_widget_get_mapped (done));
    g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (done)), ==,
                     _("Registration Complete"));
    shown = test_ui_widget_text (done);
    g_assert_nonnull (strstr (shown, inj_upload_page_get_receipt (f.page)));
    g_assert_nonnull (strstr (shown, shown_label (_("_View in the List"))));
    g_assert_nonnull (strstr (shown, shown_label (_("_Tell the Agent"))));
    /* the note for the agent: the parties, the receipt, the ID */
    g_assert_nonnull (notice);
    g_assert_nonnull (strstr (notice, inj_upload_page_get_receipt (f.page)));
    g_assert_nonnull (strstr (notice, id));
    g_assert_nonnull (strstr (notice, " → "));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "upload.notify-agent", NULL));
    g_assert_null (inj_job_status_get_problem (inj_upload_page_get_problem (f.page)));
  }
  screenshot (&f, "upload-stored");

  /* it left the outbox, with its receipt and the service's record */
  g_assert_false (in_folder ("outbox", id));
  g_assert_true (in_folder ("sent", id));
  key = test_package_value ("sent", id, "state");
  g_assert_cmpstr (key, ==, "stored");
  record = g_build_filename (g_get_user_data_dir (), "ininjo", "sent", id, "record.json", NULL);
  g_assert_true (g_file_test (record, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (test_service_rows (svc, id), ==, 1);
  /* the other one is still waiting */
  g_assert_cmpuint (inj_upload_page_get_n_packages (f.page), ==, 1);
  g_assert_null (inj_upload_page_get_button (f.page, id));
  g_assert_nonnull (inj_upload_page_get_button (f.page, other));
  fixture_tear_down (&f);
}

/* 503 every time, then a connection cut after the body: the package stays
 * with its reason, Retry sends the same key, the service has it once. */
static void
test_retry (void)
{
  const char *fail[] = { "--fail-rate", "1", NULL };
  const char *drop[] = { "--drop-after-body", NULL };
  g_autoptr(TestService) svc = test_service_start (fail);
  Fixture f = { 0 };
  g_autofree char *id = NULL;
  g_autofree char *key = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *reason2 = NULL;
  g_autofree char *key2 = NULL;
  g_autofree char *sent_key = NULL;

  fixture_set_up (&f, svc);
  id = test_outbox_package (NULL, NULL);
  fixture_show (&f);

  g_assert_cmpint (upload (&f, id, _("_Upload"), NULL), ==, INJ_UPLOAD_STATE_FAILED);
  g_assert_true (in_folder ("outbox", id));
  reason = test_package_value ("outbox", id, "reason");
  key = test_package_value ("outbox", id, "idempotency-key");
  g_assert_nonnull (reason);
  g_assert_nonnull (key);
  /* one plain cause and one action; the raw text only behind 詳細 */
  {
    InjJobStatus *problem = inj_upload_page_get_problem (f.page);
    GtkWidget *action = inj_job_status_get_action_button (problem);

    g_assert_null (strstr (inj_upload_page_get_message (f.page), reason));
    g_assert_null (strstr (inj_job_status_get_problem (problem), reason));
    g_assert_nonnull (strstr (inj_job_status_get_detail (problem), reason));
    g_assert_false (gtk_expander_get_expanded (inj_job_status_get_details (problem)));
    g_assert_true (gtk_widget_get_visible (action));
    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (action)), ==, _("_Retry"));
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (action)), ==, "upload.send");
  }
  g_assert_cmpuint (test_service_rows (svc, id), ==, 0);
  screenshot (&f, "upload-failed");

  test_service_restart (svc, drop);
  g_assert_cmpint (upload (&f, id, _("_Retry"), NULL), ==, INJ_UPLOAD_STATE_FAILED);
  g_assert_true (in_folder ("outbox", id));
  reason2 = test_package_value ("outbox", id, "reason");
  key2 = test_package_value ("outbox", id, "idempotency-key");
  g_assert_cmpstr (key2, ==, key);
  g_assert_cmpstr (reason2, !=, reason);
  /* the answer was lost, not the request */
  g_assert_cmpuint (test_service_rows (svc, id), ==, 1);

  test_service_restart (svc, NULL);
  g_assert_cmpint (upload (&f, id, _("_Retry"), NULL), ==, INJ_UPLOAD_STATE_STORED);
  g_assert_false (in_folder ("outbox", id));
  sent_key = test_package_value ("sent", id, "idempotency-key");
  g_assert_cmpstr (sent_key, ==, key);
  g_assert_cmpuint (test_service_rows (svc, id), ==, 1);
  g_assert_cmpuint (inj_upload_page_get_n_packages (f.page), ==, 0);
  screenshot (&f, "upload-retried");
  fixture_tear_down (&f);
}

/* Without an account at the service (none registered beforehand), the
 * problem says so and its action opens 利用者情報. */
static void
test_no_account (void)
{
  const char *manual[] = { "--confirm-accounts", "manual", NULL };
  g_autoptr(TestService) svc = test_service_start (manual);
  Fixture f = { 0 };
  g_autofree char *id = NULL;

  fixture_set_up (&f, svc);
  id = test_outbox_package (NULL, NULL);
  fixture_show (&f);
  g_assert_cmpint (upload (&f, id, _("_Upload"), NULL), ==, INJ_UPLOAD_STATE_FAILED);
  g_assert_true (in_folder ("outbox", id));
  {
    InjJobStatus *problem = inj_upload_page_get_problem (f.page);
    GtkWidget *action = inj_job_status_get_action_button (problem);
    g_autoptr(GVariant) target = NULL;

    g_test_message ("%s / %s", inj_job_status_get_problem (problem), inj_job_status_get_detail (problem));
    g_assert_nonnull (strstr (inj_job_status_get_problem (problem), "利用者情報"));
    g_assert_true (gtk_widget_get_visible (action));
    g_assert_cmpstr (shown_label (gtk_button_get_label (GTK_BUTTON (action))), ==,
                     "利用者情報を開く");
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (action)), ==,
                     "win.show-page");
    target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (action));
    g_variant_ref (target);
    g_assert_cmpstr (g_variant_get_string (target, NULL), ==, "account");
  }
  screenshot (&f, "upload-no-account");
  fixture_tear_down (&f);
}

static gboolean
stage_is_sending (gpointer data)
{
  Fixture *f = data;
  return has_stage (f, _("Sending the delegation to the service"));
}

/* Cancel while the service holds the answer: nothing is lost, and the
 * next upload is registered once. */
static void
test_cancel (void)
{
  const char *slow[] = { "--delay-ms", "8000", NULL };
  g_autoptr(TestService) svc = test_service_start (slow);
  Fixture f = { 0 };
  g_autofree char *id = NULL;

  fixture_set_up (&f, svc);
  id = test_outbox_package (NULL, NULL);
  fixture_show (&f);
  g_signal_emit_by_name (inj_upload_page_get_button (f.page, id), "clicked");
  g_assert_true (test_ui_wait_until (stage_is_sending, &f, 20000));
  test_ui_wait_until (no_wait, NULL, 500);
  gtk_widget_activate_action (GTK_WIDGET (f.page), "upload.cancel", NULL);
  g_assert_true (test_wait_property_not (f.page, "state", INJ_UPLOAD_STATE_RUNNING, 5000));
  g_assert_cmpint (inj_upload_page_get_state (f.page), ==, INJ_UPLOAD_STATE_CANCELLED);
  g_assert_true (in_folder ("outbox", id));
  screenshot (&f, "upload-cancelled");

  test_service_restart (svc, NULL);
  g_assert_cmpint (upload (&f, id, _("_Upload"), NULL), ==, INJ_UPLOAD_STATE_STORED);
  g_assert_cmpuint (test_service_rows (svc, id), ==, 1);
  fixture_tear_down (&f);
}

static void
keep_delegation (InjUploadPage *page,
                 InjDelegation *delegation,
                 InjDelegation **where)
{
  g_set_object (where, delegation);
}

/* A period that ended, a 代表者名 that is not the signer's: the service
 * takes them (a receipt) and refuses them with its reason. */
static void
test_rejected (void)
{
  const char *expired_args[] = { "--expired", NULL };
  const char *name_args[] = { "--name", "別名　花子", NULL };
  g_autoptr(TestService) svc = test_service_start (NULL);
  Fixture f = { 0 };
  g_autofree char *expired = NULL;
  g_autofree char *renamed = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *reason2 = NULL;

  fixture_set_up (&f, svc);
  expired = test_outbox_package (expired_args, NULL);
  renamed = test_outbox_package (name_args, NULL);
  fixture_show (&f);

  g_assert_cmpint (upload (&f, expired, _("_Upload"), NULL), ==, INJ_UPLOAD_STATE_REJECTED);
  g_assert_true (g_str_has_prefix (inj_upload_page_get_receipt (f.page), "R-"));
  reason = test_package_value ("sent", expired, "reason");
  g_assert_nonnull (reason);
  g_assert_nonnull (strstr (inj_upload_page_get_message (f.page), reason));
  /* refused: 拒否, the service's reason and 訂正する — never 送信 again */
  {
    InjJobStatus *problem = inj_upload_page_get_problem (f.page);
    GtkWidget *action = inj_job_status_get_action_button (problem);
    g_autoptr(InjDelegation) correction = NULL;
    gulong handler;

    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (problem)));
    g_assert_nonnull (strstr (inj_job_status_get_problem (problem), _("Rejected by the Service")));
    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (action)), ==, _("Correct the D_elegation"));
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (action)), ==,
                     "upload.correct");
    g_assert_null (inj_upload_page_get_button (f.page, expired));
    handler = g_signal_connect (f.page, "correct", G_CALLBACK (keep_delegation), &correction);
    g_signal_emit_by_name (action, "clicked");
    g_signal_handler_disconnect (f.page, handler);
    /* a new delegation made of the refused one, for the editor */
    g_assert_nonnull (correction);
    g_assert_cmpstr (inj_delegation_get_text (correction, INJ_FIELD_DELEGATION_ID), !=, expired);
    g_assert_nonnull (inj_delegation_get_text (correction, INJ_FIELD_REPRESENTATIVE_NAME));
  }
  screenshot (&f, "upload-rejected");

  g_assert_cmpint (upload (&f, renamed, _("_Upload"), NULL), ==, INJ_UPLOAD_STATE_REJECTED);
  reason2 = test_package_value ("sent", renamed, "reason");
  g_assert_nonnull (reason2);
  g_assert_cmpstr (reason2, !=, reason);
  g_assert_nonnull (strstr (inj_upload_page_get_message (f.page), reason2));
  fixture_tear_down (&f);
}

/* Settings that cannot work: said on the page, nothing sent, the package
 * stays. */
static void
test_bad_settings (void)
{
  g_autoptr(TestService) svc = test_service_start (NULL);
  Fixture f = { 0 };
  g_autofree char *id = NULL;

  fixture_set_up (&f, svc);
  g_settings_set_string (inj_session_get_settings (f.session), "client-key", "");
  id = test_outbox_package (NULL, NULL);
  fixture_show (&f);
  g_signal_emit_by_name (inj_upload_page_get_button (f.page, id), "clicked");
  g_assert_cmpint (inj_upload_page_get_state (f.page), ==, INJ_UPLOAD_STATE_FAILED);
  g_assert_cmpstr (inj_upload_page_get_message (f.page), !=, "");
  g_assert_true (in_folder ("outbox", id));
  g_assert_cmpuint (test_service_rows (svc, id), ==, 0);
  fixture_tear_down (&f);
}

int
main (int argc,
      char *argv[])
{
  int status;

  test_data_home_init ();
  test_ui_init (&argc, &argv);
  g_test_add_func ("/ui/upload/stored", test_stored);
  g_test_add_func ("/ui/upload/retry", test_retry);
  g_test_add_func ("/ui/upload/cancel", test_cancel);
  g_test_add_func ("/ui/upload/rejected", test_rejected);
  g_test_add_func ("/ui/upload/no-account", test_no_account);
  g_test_add_func ("/ui/upload/bad-settings", test_bad_settings);
  status = test_ui_run ();
  test_data_home_cleanup ();
  return status;
}
