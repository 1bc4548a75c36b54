/* test-job-status.c: the two widgets the agent pages share, without a
 * card: the job status (one piece of work at a time, its cancellation and
 * its problem) and the agent desk (refusing card work without a card; the
 * certificate rows). */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-agent-desk.h"
#include "inj-job.h"
#include "inj-job-status.h"
#include "test-ui-support.h"

static void
count_notify (GObject *object,
              GParamSpec *pspec,
              gpointer data)
{
  GHashTable *counts = data;
  const char *name = g_param_spec_get_name (pspec);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));

  g_hash_table_insert (counts, (gpointer) name, GUINT_TO_POINTER (count + 1));
}

static guint
count_of (GHashTable *counts,
          const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));
}

/* The mechanism itself, without a face: what the pages bind their own
 * widgets to. */
static void
test_job (void)
{
  InjJob *job = inj_job_new ();
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "stop");
  g_autoptr(GError) failed = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "broken");
  GCancellable *cancellable;
  gboolean busy = TRUE;
  g_autofree char *what = NULL;

  g_signal_connect (job, "notify", G_CALLBACK (count_notify), counts);
  g_assert_false (inj_job_get_busy (job));
  g_assert_null (inj_job_get_cancellable (job));
  g_assert_cmpstr (inj_job_get_what (job), ==, "");
  g_assert_null (inj_job_get_problem (job));

  /* a problem first; then work starts and the problem goes */
  inj_job_show_problem (job, "Title", "Message");
  g_assert_cmpstr (inj_job_get_problem_title (job), ==, "Title");
  g_assert_cmpstr (inj_job_get_problem_message (job), ==, "Message");
  g_assert_cmpstr (inj_job_get_problem (job), ==, "Title\nMessage");
  g_assert_cmpuint (count_of (counts, "problem"), ==, 1);
  cancellable = inj_job_begin (job, "Working");
  g_assert_nonnull (cancellable);
  g_assert_true (inj_job_get_cancellable (job) == cancellable);
  g_assert_null (inj_job_get_problem (job));
  g_assert_null (inj_job_get_problem_title (job));
  g_assert_cmpuint (count_of (counts, "problem"), ==, 2);
  g_assert_cmpuint (count_of (counts, "busy"), ==, 1);
  g_object_get (job, "busy", &busy, "what", &what, NULL);
  g_assert_true (busy);
  g_assert_cmpstr (what, ==, "Working");

  /* one piece of work at a time: the second asks in vain, changes nothing */
  g_assert_null (inj_job_begin (job, "Other work"));
  g_assert_cmpstr (inj_job_get_what (job), ==, "Working");
  g_assert_cmpuint (count_of (counts, "busy"), ==, 1);

  /* the page stops it: cancelled, no word said */
  g_object_ref (cancellable);
  inj_job_stop (job);
  g_assert_true (g_cancellable_is_cancelled (cancellable));
  g_assert_cmpstr (inj_job_get_what (job), ==, "Working");
  g_assert_true (inj_job_get_busy (job));
  /* the cancelled work ends: nothing to show, the cancellable goes */
  g_assert_false (inj_job_finish (job, "test", "It failed", cancelled));
  g_assert_false (inj_job_get_busy (job));
  g_assert_null (inj_job_get_cancellable (job));
  g_assert_cmpstr (inj_job_get_what (job), ==, "");
  g_assert_null (inj_job_get_problem (job));
  g_assert_cmpuint (count_of (counts, "busy"), ==, 2);
  g_object_unref (cancellable);

  /* the person cancels: said so, busy until the work ends */
  cancellable = g_object_ref (inj_job_begin (job, "Working"));
  inj_job_cancel (job);
  g_assert_true (g_cancellable_is_cancelled (cancellable));
  g_assert_cmpstr (inj_job_get_what (job), ==, _("Cancelling…"));
  g_assert_true (inj_job_get_busy (job));
  inj_job_end (job);
  g_object_unref (cancellable);
  /* ending twice or cancelling when idle is harmless */
  inj_job_end (job);
  inj_job_cancel (job);
  g_assert_cmpuint (count_of (counts, "busy"), ==, 4);
  g_assert_cmpstr (inj_job_get_what (job), ==, "");

  /* a failed job says why under its title; a good end says nothing */
  g_assert_nonnull (inj_job_begin (job, "Working"));
  g_assert_false (inj_job_finish (job, "test", "It failed", failed));
  g_assert_cmpstr (inj_job_get_problem (job), ==, "It failed\nbroken");
  g_assert_false (inj_job_show_error (job, "test", "Other", cancelled));
  g_assert_cmpstr (inj_job_get_problem (job), ==, "It failed\nbroken");
  g_assert_nonnull (inj_job_begin (job, "Working"));
  g_assert_true (inj_job_finish (job, "test", "It failed", NULL));
  g_assert_null (inj_job_get_problem (job));

  /* a page that shows only the message */
  inj_job_show_problem (job, NULL, "Only the message");
  g_assert_null (inj_job_get_problem_title (job));
  g_assert_cmpstr (inj_job_get_problem (job), ==, "Only the message");
  inj_job_show_problem (job, NULL, NULL);
  g_assert_null (inj_job_get_problem (job));
  g_assert_null (inj_job_get_problem_message (job));

  /* a refresh: the old work is cancelled and no longer current, the job
   * stays busy with the new one */
  cancellable = g_object_ref (inj_job_begin (job, "Reading"));
  g_assert_true (inj_job_is_current (job, cancellable));
  {
    GCancellable *newer = inj_job_restart (job, "Reading again");
    guint busy_before = count_of (counts, "busy");

    g_assert_nonnull (newer);
    g_assert_true (newer != cancellable);
    g_assert_true (g_cancellable_is_cancelled (cancellable));
    g_assert_false (g_cancellable_is_cancelled (newer));
    g_assert_false (inj_job_is_current (job, cancellable));
    g_assert_true (inj_job_is_current (job, newer));
    g_assert_false (inj_job_is_current (job, NULL));
    g_assert_true (inj_job_get_busy (job));
    g_assert_cmpstr (inj_job_get_what (job), ==, "Reading again");
    inj_job_end (job);
    g_assert_cmpuint (count_of (counts, "busy"), ==, busy_before + 1);
    /* idle, a restart is a beginning */
    g_assert_nonnull (inj_job_restart (job, "Reading"));
    g_assert_true (inj_job_get_busy (job));
    inj_job_end (job);
  }
  g_object_unref (cancellable);

  /* work under way when the job goes is cancelled */
  cancellable = g_object_ref (inj_job_begin (job, "Working"));
  g_assert_finalize_object (job);
  g_assert_true (g_cancellable_is_cancelled (cancellable));
  g_object_unref (cancellable);
}

/* Two views of one job show the same thing. */
static void
test_job_status_shares_job (void)
{
  InjJobStatus *a = g_object_ref_sink (g_object_new (INJ_TYPE_JOB_STATUS, NULL));
  InjJobStatus *b = g_object_ref_sink (g_object_new (INJ_TYPE_JOB_STATUS, NULL));
  g_autoptr(InjJob) job = inj_job_new ();
  g_autofree char *text = NULL;

  inj_job_status_set_job (a, job);
  inj_job_status_set_job (b, job);
  g_assert_true (inj_job_status_get_job (a) == job);
  g_assert_nonnull (inj_job_begin (job, "Shared work"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (a)));
  g_assert_true (inj_job_status_get_busy (b));
  text = test_ui_widget_text (GTK_WIDGET (b));
  g_assert_nonnull (strstr (text, "Shared work"));
  inj_job_end (job);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (a)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (b)));
  g_assert_finalize_object (a);
  g_assert_finalize_object (b);
}

static void
test_job_status (void)
{
  InjJobStatus *status = g_object_ref_sink (g_object_new (INJ_TYPE_JOB_STATUS, NULL));
  g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "stop");
  g_autoptr(GError) failed = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "broken");
  GCancellable *cancellable;
  g_autofree char *asked = NULL;
  g_autofree char *stopped = NULL;

  /* nothing to say: hidden, so that the page leaves no gap for it */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (status)));
  g_assert_false (inj_job_status_get_busy (status));
  g_assert_null (inj_job_status_get_problem (status));

  inj_job_status_show_problem (status, "Title", "Message");
  g_assert_cmpstr (inj_job_status_get_problem (status), ==, "Title\nMessage");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (status)));

  /* work starts: the old problem goes, one piece of work at a time */
  cancellable = inj_job_status_begin (status, "Working");
  g_assert_nonnull (cancellable);
  g_assert_true (inj_job_status_get_busy (status));
  g_assert_null (inj_job_status_get_problem (status));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (status)));
  g_assert_null (inj_job_status_begin (status, "Other work"));

  /* cancelling keeps it busy until the work says it ended */
  g_object_ref (cancellable);
  inj_job_status_cancel (status);
  g_assert_true (g_cancellable_is_cancelled (cancellable));
  asked = test_ui_widget_text (GTK_WIDGET (status));
  g_assert_nonnull (strstr (asked, _("Cancelling…")));
  g_assert_true (inj_job_status_get_busy (status));
  inj_job_status_end (status);
  g_assert_false (inj_job_status_get_busy (status));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (status)));
  g_object_unref (cancellable);

  /* stopped by the page: cancelled without a word */
  cancellable = g_object_ref (inj_job_status_begin (status, "Working"));
  inj_job_status_stop (status);
  g_assert_true (g_cancellable_is_cancelled (cancellable));
  stopped = test_ui_widget_text (GTK_WIDGET (status));
  g_assert_null (strstr (stopped, _("Cancelling…")));
  g_assert_nonnull (strstr (stopped, "Working"));
  inj_job_status_end (status);
  g_object_unref (cancellable);

  /* a cancelled job says nothing; a failed one says why under its title */
  inj_job_status_show_error (status, "test", "It failed", cancelled);
  g_assert_null (inj_job_status_get_problem (status));
  inj_job_status_show_error (status, "test", "It failed", failed);
  g_assert_cmpstr (inj_job_status_get_problem (status), ==, "It failed\nbroken");
  inj_job_status_show_problem (status, NULL, NULL);
  g_assert_null (inj_job_status_get_problem (status));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (status)));

  g_assert_finalize_object (status);
}

static void
sign_done (GObject *source,
           GAsyncResult *result,
           gpointer data)
{
  GError **error = data;
  g_autoptr(InjVerification) verification = NULL;
  g_autofree char *reader = NULL;
  GBytes *xml = inj_agent_desk_sign_finish (INJ_AGENT_DESK (source), result, &verification,
                                            &reader, error);

  g_assert_null (xml);
  g_assert_null (verification);
  g_assert_null (reader);
  g_assert_nonnull (*error);
}

static gboolean
has_error (gpointer data)
{
  return *(GError **) data != NULL;
}

static void
test_desk_without_card (void)
{
  InjAgentDesk *desk = g_object_ref_sink (g_object_new (INJ_TYPE_AGENT_DESK, NULL));
  g_autoptr(InjTrustStore) trust = inj_trust_store_new_jpki_signing ();
  InjAgentDeskTarget target = { "ABCD2345EFGH6789", NULL, NULL, NULL, FALSE };
  g_autoptr(GError) error = NULL;

  g_assert_null (inj_agent_desk_get_card (desk));
  g_assert_false (inj_agent_desk_can_sign (desk));
  g_assert_nonnull (inj_agent_desk_get_card_picker (desk));
  inj_agent_desk_sign_async (desk, &target, trust, NULL, sign_done, &error);
  g_assert_true (test_ui_wait_until (has_error, &error, 5000));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_finalize_object (desk);
}

static void
test_certificate_rows (void)
{
  AdwActionRow *rows[INJ_AGENT_N_ROWS];

  for (guint i = 0; i < INJ_AGENT_N_ROWS; i++)
    rows[i] = g_object_ref_sink (ADW_ACTION_ROW (adw_action_row_new ()));
  inj_agent_desk_title_rows (rows);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (rows[INJ_AGENT_ROW_NAME])),
                   ==, inj_jpki_field_label (INJ_JPKI_NAME));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (rows[INJ_AGENT_ROW_BIRTH])),
                   ==, inj_jpki_field_label (INJ_JPKI_BIRTH_DATE));

  /* without a certificate: empty, and hidden only when asked */
  inj_agent_desk_show_certificate (rows, NULL, FALSE, FALSE);
  for (guint i = 0; i < INJ_AGENT_N_ROWS; i++)
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (rows[i])));
  inj_agent_desk_show_certificate (rows, NULL, FALSE, TRUE);
  for (guint i = 0; i < INJ_AGENT_N_ROWS; i++)
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (rows[i])));
  g_assert_cmpstr (inj_agent_desk_row_text (rows, INJ_JPKI_ADDRESS), ==, "");

  for (guint i = 0; i < INJ_AGENT_N_ROWS; i++)
    g_assert_finalize_object (rows[i]);
}

/* What a person sees: the labels of visible widgets only (a folded
 * expander's child is not in the tree). */
static void
visible_text (GtkWidget *widget,
              GString *text)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    visible_text (c, text);
}

static char *
shown (GtkWidget *widget)
{
  GString *text = g_string_new (NULL);

  visible_text (widget, text);
  return g_string_free (text, FALSE);
}

static gboolean
no_wait (gpointer data)
{
  return FALSE;
}

/* Every error the same way: a heading, one plain cause, one action, the
 * technical text only behind 「詳細」; a new attempt clears all of it. */
static void
test_problem_view (void)
{
  InjJobStatus *status = g_object_ref_sink (g_object_new (INJ_TYPE_JOB_STATUS, NULL));
  g_autoptr(GError) failed =
    g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "curl: (7) Failed to connect: errno 111");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *button = inj_job_status_get_action_button (status);
  GtkExpander *details = inj_job_status_get_details (status);
  g_autofree char *text = NULL;
  g_autofree char *expanded = NULL;
  g_autofree char *after = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 520, -1);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (status));
  gtk_window_present (GTK_WINDOW (window));
  inj_job_status_set_action (status, "再試行", "page.retry", NULL);
  /* no problem: no action either */
  g_assert_false (gtk_widget_get_visible (button));

  inj_job_status_show_failure (status, "test", "送信できませんでした",
                               "サービスに接続できませんでした。", failed);
  g_assert_cmpstr (inj_job_status_get_problem (status), ==,
                   "送信できませんでした\nサービスに接続できませんでした。");
  g_assert_cmpstr (inj_job_status_get_detail (status), ==, failed->message);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "再試行");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "page.retry");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (details)));
  g_assert_false (gtk_expander_get_expanded (details));
  text = shown (GTK_WIDGET (status));
  g_assert_nonnull (strstr (text, "サービスに接続できませんでした。"));
  g_assert_null (strstr (text, "errno"));
  test_ui_wait_until (no_wait, NULL, 200);
  test_ui_screenshot (window, "job-status-problem");

  gtk_expander_set_expanded (details, TRUE);
  expanded = shown (GTK_WIDGET (status));
  g_assert_nonnull (strstr (expanded, failed->message));
  test_ui_wait_until (no_wait, NULL, 200);
  test_ui_screenshot (window, "job-status-problem-details");

  /* a new attempt: the old message, its detail and its action go */
  g_assert_nonnull (inj_job_status_begin (status, "もう一度送信しています"));
  g_assert_null (inj_job_status_get_problem (status));
  g_assert_null (inj_job_status_get_detail (status));
  g_assert_false (gtk_widget_get_visible (button));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (details)));
  after = shown (GTK_WIDGET (status));
  g_assert_null (strstr (after, "サービスに接続できませんでした"));
  inj_job_status_end (status);

  /* a problem without detail shows no 「詳細」 */
  inj_job_status_show_problem_detail (status, "Title", "Cause", NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (details)));
  inj_job_status_set_action (status, NULL, NULL, NULL);
  g_assert_false (gtk_widget_get_visible (button));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (status);
}

int
main (int argc,
      char *argv[])
{
  test_ui_init (&argc, &argv);
  g_test_add_func ("/ui/job/states", test_job);
  g_test_add_func ("/ui/job-status/states", test_job_status);
  g_test_add_func ("/ui/job-status/shared-job", test_job_status_shares_job);
  g_test_add_func ("/ui/job-status/problem-view", test_problem_view);
  g_test_add_func ("/ui/agent-desk/without-card", test_desk_without_card);
  g_test_add_func ("/ui/agent-desk/certificate-rows", test_certificate_rows);
  return test_ui_run ();
}
