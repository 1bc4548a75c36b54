/* test-audit-page.c: the audit log's viewer lists the events newest first
 * and says at the top whether the chain is intact or where it broke. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-audit-page.h"
#include "inj-application.h"
#include "test-ui-support.h"

static gboolean
drawn (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static gboolean
loaded (gpointer data)
{
  return !inj_audit_page_get_loading (data) && inj_audit_page_get_status_text (data) != NULL;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

/* Lets the page be laid out and drawn before a screenshot. */
static void
settle (void)
{
  test_ui_wait_until (never, NULL, 400);
}

static void
append (const char *path,
        const char *action,
        const char *id,
        const char *code)
{
  g_autoptr(GError) error = NULL;
  InjAuditEvent e = {
    .action = (char *) action,
    .delegation_id = (char *) id,
    .fingerprint = (char *) "0F:1E:2D:3C:4B:5A:69:78:87:96:A5:B4:C3:D2:E1:F0:0F:1E:2D:3C:4B:5A:69:78:87:96:A5:B4:C3:D2:E1:F0",
    .serial = (char *) "01A2",
    .result = (char *) (code ? "failed" : "ok"),
    .code = (char *) code,
  };

  g_assert_true (inj_audit_append (path, &e, &error));
  g_assert_no_error (error);
}

static void
refresh_and_wait (InjAuditPage *page)
{
  inj_audit_page_refresh (page);
  g_assert_true (test_ui_wait_until (loaded, page, 10000));
}

static void
test_audit_page (void)
{
  g_autofree char *dir = test_ui_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "ininjo", "audit.jsonl", NULL);
  g_autoptr(GSettings) settings = g_settings_new (INJ_APPLICATION_ID);
  g_autoptr(InjSession) session = inj_session_new (NULL, settings, dir);
  InjAuditPage *page = INJ_AUDIT_PAGE (inj_audit_page_new (session));
  GtkWidget *window = gtk_window_new ();
  const char *id = "0b6f5a3e-2c1d-4e5f-8a9b-0c1d2e3f4a5b";
  g_autofree char *text = NULL;
  g_autofree char *intact = NULL;
  g_autofree char *data = NULL;
  g_auto(GStrv) lines = NULL;

  append (path, INJ_AUDIT_SIGN, id, NULL);
  append (path, INJ_AUDIT_SUBMISSION, id, NULL);
  append (path, INJ_AUDIT_UPLOAD, id, "inj-net-error:3");
  append (path, INJ_AUDIT_UPLOAD, id, NULL);
  append (path, INJ_AUDIT_VALIDITY, id, NULL);

  g_object_ref (page);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 900);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  inj_audit_page_set_path (page, path);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (test_ui_wait_until (drawn, page, 5000));
  g_assert_true (test_ui_wait_until (loaded, page, 10000));

  /* newest first, the chain intact */
  g_assert_cmpuint (inj_audit_page_get_n_events (page), ==, 5);
  g_assert_cmpuint (inj_audit_page_get_event (page, 0)->seq, ==, 5);
  g_assert_cmpstr (inj_audit_page_get_event (page, 0)->action, ==, INJ_AUDIT_VALIDITY);
  g_assert_cmpuint (inj_audit_page_get_event (page, 4)->seq, ==, 1);
  g_assert_null (inj_audit_page_get_event (page, 5));
  g_assert_cmpuint (inj_audit_page_get_broken_line (page), ==, 0);
  intact = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The audit log is intact (%u entry).",
                                         "The audit log is intact (%u entries).", 5), 5);
  g_assert_cmpstr (inj_audit_page_get_status_text (page), ==, intact);
  text = test_ui_widget_text (GTK_WIDGET (page));
  g_assert_nonnull (strstr (text, intact));
  g_assert_nonnull (strstr (text, inj_audit_action_label (INJ_AUDIT_SIGN)));
  g_assert_nonnull (strstr (text, inj_audit_action_label (INJ_AUDIT_SUBMISSION)));
  g_assert_nonnull (strstr (text, inj_audit_action_label (INJ_AUDIT_VALIDITY)));
  g_assert_nonnull (strstr (text, inj_audit_result_label ("failed")));
  g_assert_nonnull (strstr (text, "inj-net-error:3"));
  g_assert_nonnull (strstr (text, "0F:1E:2D:3C"));
  g_assert_nonnull (strstr (text, id));
  settle ();
  test_ui_screenshot (window, "audit");

  /* an event written meanwhile shows after a refresh */
  append (path, INJ_AUDIT_SIGN, id, NULL);
  refresh_and_wait (page);
  g_assert_cmpuint (inj_audit_page_get_n_events (page), ==, 6);
  g_assert_cmpuint (inj_audit_page_get_event (page, 0)->seq, ==, 6);

  /* line 3 changed: broken at line 3, said at the top */
  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  lines = g_strsplit (data, "\n", -1);
  {
    char *code = strstr (lines[2], "inj-net-error:3");
    g_autofree char *joined = NULL;
    g_assert_nonnull (code);
    code[strlen ("inj-net-error:")] = '4';
    joined = g_strjoinv ("\n", lines);
    g_assert_true (g_file_set_contents (path, joined, -1, NULL));
  }
  refresh_and_wait (page);
  g_assert_cmpuint (inj_audit_page_get_broken_line (page), ==, 3);
  g_assert_cmpuint (inj_audit_page_get_n_events (page), ==, 6);
  {
    g_autofree char *reason = g_strdup_printf (_("Line %u was changed after it was written."), 3);
    g_autofree char *broken = NULL;
    g_autofree char *shown = test_ui_widget_text (GTK_WIDGET (page));
    g_assert_nonnull (strstr (inj_audit_page_get_status_text (page), reason));
    broken = g_strdup_printf (_("The audit log is broken at line %u: %s Entries from that line on "
                                "may have been changed or removed; keep the file for support "
                                "staff."), 3, reason);
    g_assert_cmpstr (inj_audit_page_get_status_text (page), ==, broken);
    g_assert_nonnull (strstr (shown, broken));
  }
  settle ();
  test_ui_screenshot (window, "audit-broken");

  gtk_window_destroy (GTK_WINDOW (window));
  test_ui_drain (G_OBJECT (page));
  g_assert_finalize_object (page);
  test_ui_drain (G_OBJECT (session));
  g_assert_finalize_object (g_steal_pointer (&session));
  test_ui_rmtree (dir);
}

/* A change of the card's password and PIN (issue 17): named by which,
 * with its result, and no certificate (none is read for it). */
static void
test_card_changes (void)
{
  g_autofree char *dir = test_ui_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "ininjo", "audit.jsonl", NULL);
  g_autoptr(GSettings) settings = g_settings_new (INJ_APPLICATION_ID);
  g_autoptr(InjSession) session = inj_session_new (NULL, settings, dir);
  InjAuditPage *page = INJ_AUDIT_PAGE (inj_audit_page_new (session));
  GtkWidget *window = gtk_window_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  InjAuditEvent changed = { .action = (char *) INJ_AUDIT_PASSWORD_CHANGE };
  InjAuditEvent refused = { .action = (char *) INJ_AUDIT_PIN_CHANGE, .result = (char *) "failed",
                            .code = (char *) "inj-pkcs11-error:160" };

  g_assert_true (inj_audit_append (path, &changed, &error));
  g_assert_true (inj_audit_append (path, &refused, &error));
  g_assert_no_error (error);
  g_object_ref (page);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 500);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  inj_audit_page_set_path (page, path);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (test_ui_wait_until (drawn, page, 5000));
  g_assert_true (test_ui_wait_until (loaded, page, 10000));
  g_assert_cmpuint (inj_audit_page_get_n_events (page), ==, 2);
  text = test_ui_widget_text (GTK_WIDGET (page));
  g_assert_nonnull (strstr (text, "署名用電子証明書のパスワードを変更"));
  g_assert_nonnull (strstr (text, "利用者証明用電子証明書の暗証番号を変更"));
  g_assert_nonnull (strstr (text, "inj-pkcs11-error:160"));
  settle ();
  test_ui_screenshot (window, "audit-card-changes");

  gtk_window_destroy (GTK_WINDOW (window));
  test_ui_drain (G_OBJECT (page));
  g_assert_finalize_object (page);
  test_ui_drain (G_OBJECT (session));
  g_assert_finalize_object (g_steal_pointer (&session));
  test_ui_rmtree (dir);
}

int
main (int argc,
      char **argv)
{
  test_ui_init (&argc, &argv);
  g_test_add_func ("/audit-page/list-and-broken-chain", test_audit_page);
  g_test_add_func ("/audit-page/card-changes", test_card_changes);
  return test_ui_run ();
}
