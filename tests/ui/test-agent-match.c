/* test-agent-match.c: step 2 compares the agent's certificate with the
 * delegation's 受任者の氏名 (section 1 of issue 15), on the virtual cards:
 * the agent-zeirishi persona (髙橋　テスト) in "Virtual PCD 00 00". A match
 * goes on; a mismatch (the delegation says 高橋, with the common form of
 * the character) holds the submission back, shows both names masked, and
 * reaches the session only when the user confirms, which the audit log
 * records; an imported file is checked the same way. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "card-support.h"
#include "inj-agent-common.h"
#include "inj-agent-match.h"
#include "inj-agent-step-page.h"
#include "inj-audit.h"
#include "inj-delegation-editor.h"
#include "inj-flow.h"
#include "inj-window.h"
#include "test-agent-support.h"
#include "test-ui-support.h"

/* The persona's name with 髙 written 高: what a person types. */
#define MISTYPED_AGENT "高橋 テスト"

/* the page alone in a window: tests/ui/test-agent-support.h */
typedef TestAgentStep Fixture;

/* the agent persona's own password: the desk signs with it */
static void
fixture_set_up (Fixture *f)
{
  test_agent_step_set_up (f, "ZEIRISHI4TEST");
}

static void
sign_at_desk (Fixture *f)
{
  g_assert_true (test_ui_wait_until (test_agent_step_tries_known, f->page, 20000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "agent-step.sign", NULL));
  g_assert_true (test_ui_wait_until (test_agent_step_not_busy, f->page, 60000));
  g_test_message ("problem: %s", inj_agent_step_page_get_problem (f->page));
}

/* The example's delegation; @agent_name replaces its agent's name. */
static void
set_delegation (Fixture *f,
                const char *agent_name)
{
  g_autoptr(InjDelegation) d = test_agent_delegation ("corporation.ini");

  if (agent_name)
    {
      g_autoptr(GDateTime) now = inj_date_now ();
      inj_delegation_set_input (d, INJ_FIELD_AGENT_NAME, agent_name, now);
    }
  inj_session_set_delegation (f->session, d);
  g_assert_nonnull (inj_session_get_delegation_digest (f->session));
}

/* The audit log's events of @action for @id. */
static guint
audit_count (const char *action,
             const char *id)
{
  g_autofree char *path = inj_audit_default_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = inj_audit_load (path, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    {
      InjAuditEvent *e = g_ptr_array_index (events, i);
      if (g_strcmp0 (e->action, action) == 0 && g_strcmp0 (e->delegation_id, id) == 0)
        n++;
    }
  return n;
}

typedef struct {
  const char *id;
  guint n;
} AuditWant;

static gboolean
audit_has (gpointer data)
{
  AuditWant *want = data;

  return audit_count (INJ_AUDIT_AGENT_MISMATCH, want->id) >= want->n;
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static const char *
delegation_id (Fixture *f)
{
  return inj_delegation_get_text (inj_session_get_delegation (f->session),
                                  INJ_FIELD_DELEGATION_ID);
}

/* ------------------------------------------------------------ tests */

static void
test_match (void)
{
  Fixture f = { 0 };

  fixture_set_up (&f);
  set_delegation (&f, NULL);
  sign_at_desk (&f);
  g_assert_null (inj_agent_step_page_get_problem (f.page));
  g_assert_cmpint (inj_agent_step_page_get_state (f.page), ==, INJ_AGENT_STEP_HELD);
  g_assert_nonnull (inj_session_get_submission (f.session));
  g_assert_cmpstr (inj_agent_step_page_get_match (f.page), ==,
                   inj_agent_match_title (INJ_AGENT_MATCH_SAME, TRUE));
  g_assert_cmpstr (inj_agent_step_page_get_match (f.page), ==, "✓ 委任状の受任者と一致");
  g_assert_cmpstr (inj_agent_step_page_get_mismatch (f.page, FALSE), ==, "");
  g_assert_cmpuint (audit_count (INJ_AUDIT_AGENT_MISMATCH, delegation_id (&f)), ==, 0);
  test_agent_screenshot (f.window, "agent-step-match");
  test_agent_step_tear_down (&f);
}

static void
test_mismatch_desk (void)
{
  Fixture f = { 0 };
  g_autofree char *real = test_persona_value ("agent-zeirishi", "san", "name");
  g_autofree char *masked_real = inj_mask_jpki_field (INJ_JPKI_NAME, real);
  g_autofree char *masked_typed = inj_mask_personal (INJ_FIELD_AGENT_NAME, MISTYPED_AGENT);
  g_autofree char *audit = NULL;
  g_autofree char *audit_path = inj_audit_default_path ();
  AdwMessageDialog *dialog;
  AuditWant want = { NULL, 1 };

  fixture_set_up (&f);
  set_delegation (&f, MISTYPED_AGENT);
  want.id = delegation_id (&f);
  sign_at_desk (&f);

  /* held back: the flow's next step stays unavailable */
  g_assert_cmpint (inj_agent_step_page_get_state (f.page), ==, INJ_AGENT_STEP_MISMATCH);
  g_assert_null (inj_session_get_submission (f.session));
  g_assert_null (inj_session_get_agent_certificate (f.session));
  /* both names, masked, and they differ even so (髙 / 高) */
  g_assert_cmpstr (inj_agent_step_page_get_mismatch (f.page, FALSE), ==, masked_typed);
  g_assert_cmpstr (inj_agent_step_page_get_mismatch (f.page, TRUE), ==, masked_real);
  g_assert_cmpstr (masked_typed, !=, masked_real);
  test_agent_screenshot (f.window, "agent-step-mismatch");

  /* the dialog says what is confirmed; cancelling keeps it held back */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "agent-step.use-anyway", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), masked_typed));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), masked_real));
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), real));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "use"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "use"), ==,
                   "一致しないまま使う(_U)");
  test_agent_screenshot (GTK_WIDGET (dialog), "agent-step-mismatch-dialog");
  adw_message_dialog_response (dialog, "cancel");
  g_assert_null (inj_session_get_submission (f.session));
  g_assert_cmpint (inj_agent_step_page_get_state (f.page), ==, INJ_AGENT_STEP_MISMATCH);
  g_assert_cmpuint (audit_count (INJ_AUDIT_AGENT_MISMATCH, want.id), ==, 0);

  /* confirmed: in the session, marked so, and in the audit log */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "agent-step.use-anyway", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "use");
  g_assert_nonnull (inj_session_get_submission (f.session));
  g_assert_cmpint (inj_agent_step_page_get_state (f.page), ==, INJ_AGENT_STEP_HELD);
  g_assert_cmpstr (inj_agent_step_page_get_match (f.page), ==,
                   inj_agent_match_title (INJ_AGENT_MATCH_DIFFERENT, TRUE));
  g_assert_true (test_ui_wait_until (audit_has, &want, 10000));
  /* the audit line names no one */
  g_assert_true (g_file_get_contents (audit_path, &audit, NULL, NULL));
  g_assert_null (strstr (audit, real));
  g_assert_null (strstr (audit, "高橋"));
  test_agent_screenshot (f.window, "agent-step-mismatch-confirmed");
  test_agent_step_tear_down (&f);
}

/* A submission file for a delegation whose agent name differs: held back
 * the same way; correcting the delegation drops it. */
static void
test_mismatch_import (void)
{
  Fixture f = { 0 };
  g_autofree char *ca = test_agent_ca ();
  g_autofree char *path = NULL;

  fixture_set_up (&f);
  set_delegation (&f, MISTYPED_AGENT);
  path = g_build_filename (f.dir, "submission.xml", NULL);
  g_assert_cmpint (test_agent_cli ("ZEIRISHI4TEST", NULL, "agent", "submit", "--request-code",
                                   inj_agent_step_page_get_request_code (f.page), "--reader",
                                   AGENT_READER, "--trust", ca, "--output", path, NULL), ==, 0);
  inj_agent_step_page_import_file (f.page, path);
  g_assert_true (test_ui_wait_until (test_agent_step_not_busy, f.page, 30000));
  g_assert_null (inj_agent_step_page_get_problem (f.page));
  g_assert_cmpint (inj_agent_step_page_get_state (f.page), ==, INJ_AGENT_STEP_MISMATCH);
  g_assert_null (inj_session_get_submission (f.session));

  /* the delegation corrected: nothing held back any more */
  set_delegation (&f, NULL);
  g_assert_cmpint (inj_agent_step_page_get_state (f.page), ==, INJ_AGENT_STEP_WAITING);
  g_assert_cmpstr (inj_agent_step_page_get_mismatch (f.page, FALSE), ==, "");
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (f.page), "agent-step.use-anyway",
                                              NULL) &&
                  inj_session_get_submission (f.session) != NULL);
  test_agent_step_tear_down (&f);
}

static gboolean
page_not_busy (gpointer data)
{
  return inj_agent_step_page_get_state (data) != INJ_AGENT_STEP_BUSY;
}

/* In the window, 「電子委任状を訂正する」 leads to the editor, at the
 * agent's name. */
static void
test_correct_in_window (void)
{
  g_autofree char *dir = test_ui_tmpdir ();
  g_autofree char *ca = test_agent_ca ();
  g_autofree char *path = g_build_filename (dir, "submission.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(InjDelegation) d = test_agent_delegation ("corporation.ini");
  g_autoptr(GDateTime) now = inj_date_now ();
  InjCardMonitor *monitor = inj_card_monitor_new (NULL, &error);
  InjSession *session;
  InjWindow *window;
  InjAgentStepPage *page;
  GtkWidget *entry;

  g_assert_no_error (error);
  session = inj_session_new (monitor, NULL, dir);
  window = INJ_WINDOW (inj_window_new_for_session (NULL, session));
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  page = INJ_AGENT_STEP_PAGE (inj_window_get_agent_step_page (window));
  inj_delegation_set_input (d, INJ_FIELD_AGENT_NAME, MISTYPED_AGENT, now);
  inj_session_set_delegation (session, d);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "agent"));
  g_assert_cmpint (test_agent_cli ("ZEIRISHI4TEST", NULL, "agent", "submit", "--request-code",
                                   inj_agent_step_page_get_request_code (page), "--reader",
                                   AGENT_READER, "--trust", ca, "--output", path, NULL), ==, 0);
  inj_agent_step_page_import_file (page, path);
  g_assert_true (test_ui_wait_until (page_not_busy, page, 30000));
  g_assert_cmpint (inj_agent_step_page_get_state (page), ==, INJ_AGENT_STEP_MISMATCH);
  /* the flow's next step waits */
  g_assert_false (inj_flow_get_available (INJ_FLOW (inj_window_get_flow (window)),
                                          INJ_FLOW_STEP_REVIEW));
  test_agent_screenshot (GTK_WIDGET (window), "agent-step-mismatch-in-window");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "agent-step.correct", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (inj_window_get_stack (window)), ==, "flow");
  g_assert_cmpint (inj_flow_get_step (INJ_FLOW (inj_window_get_flow (window))), ==,
                   INJ_FLOW_STEP_EDITOR);
  entry = inj_delegation_editor_get_entry (INJ_DELEGATION_EDITOR (inj_window_get_editor (window)),
                                           INJ_FIELD_AGENT_NAME);
  g_assert_nonnull (entry);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), entry) ||
                 gtk_root_get_focus (GTK_ROOT (window)) == entry);
  g_assert_null (inj_session_get_submission (session));

  gtk_window_destroy (GTK_WINDOW (window));
  test_ui_drain (G_OBJECT (window));
  g_assert_finalize_object (window);
  test_ui_drain (G_OBJECT (session));
  g_assert_finalize_object (session);
  test_ui_drain (G_OBJECT (monitor));
  g_assert_finalize_object (monitor);
  test_ui_rmtree (dir);
}

int
main (int argc,
      char *argv[])
{
  test_ui_init (&argc, &argv);
  g_test_add_func ("/agent-match/match", test_match);
  g_test_add_func ("/agent-match/mismatch-desk", test_mismatch_desk);
  g_test_add_func ("/agent-match/mismatch-import", test_mismatch_import);
  g_test_add_func ("/agent-match/correct-in-window", test_correct_in_window);
  return g_test_run ();
}
