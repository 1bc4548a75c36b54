/* test-pin-change.c: changing the signing password and the authentication
 * PIN from the card page, in the window, on the virtual card (the
 * representative persona) inside with-card.sh: the tries left shown before
 * anything is asked, the live checks of the new value, a wrong current
 * value (one try, never retried), the change itself (the new value works,
 * the old one no longer), and a locked password (the guidance, no
 * entries). Each test starts its own card, so a changed value or a used
 * try does not reach the next. A PNG of each state. */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-audit.h"
#include "inj-card-page.h"
#include "inj-pin-change-dialog.h"
#include "inj-window.h"
#include "card-support.h"
#include "test-ui-support.h"

#define SIGN_PASSWORD "TESTPASS1"

/* A card held (its process stopped) so that a state of the dialog can be
 * seen; a test that fails meanwhile lets it go, or it would outlive the
 * test (its death signal waits while it is stopped). */
static volatile pid_t held_card;

static void
release_card (int sig)
{
  if (held_card > 0)
    kill (held_card, SIGCONT);
  signal (sig, SIG_DFL);
  raise (sig);
}

static void
hold_card (TestVcard *vc)
{
  held_card = (pid_t) g_ascii_strtoll (g_subprocess_get_identifier (vc->process), NULL, 10);
  g_assert_cmpint (held_card, >, 0);
  g_assert_cmpint (kill (held_card, SIGSTOP), ==, 0);
}

static void
let_card_go (void)
{
  g_assert_cmpint (kill (held_card, SIGCONT), ==, 0);
  held_card = 0;
}
#define AUTH_PIN "1234"

typedef struct {
  TestVcard *vc;
  char *dir;
  InjSession *session;
  InjWindow *window;
  InjCardPage *page;
} Fixture;

static gboolean
no_wait (gpointer data)
{
  return FALSE;
}

static gboolean
page_ready (gpointer data)
{
  InjCardPage *page = data;

  return inj_card_page_get_state (page) == INJ_CARD_STATE_READY &&
         *adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_widget_get_ancestor (
           inj_card_page_get_change_button (page, INJ_PIN_SIGN), ADW_TYPE_ACTION_ROW))) &&
         *adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_widget_get_ancestor (
           inj_card_page_get_change_button (page, INJ_PIN_AUTH), ADW_TYPE_ACTION_ROW)));
}

static const char *
row_subtitle (Fixture *f,
              InjPinKind pin)
{
  GtkWidget *row = gtk_widget_get_ancestor (inj_card_page_get_change_button (f->page, pin),
                                            ADW_TYPE_ACTION_ROW);

  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static void
fixture_set_up (Fixture *f,
                gconstpointer data)
{
  const char *const *args = data;

  f->vc = test_vcard_start ("representative", args);
  f->dir = test_ui_tmpdir ();
  f->session = inj_session_new (NULL, NULL, f->dir);
  f->window = INJ_WINDOW (inj_window_new_for_session (NULL, f->session));
  g_object_ref (f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 960, 700);
  f->page = INJ_CARD_PAGE (inj_window_get_card_page (f->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "card"));
  gtk_window_present (GTK_WINDOW (f->window));
  if (!test_ui_wait_until (page_ready, f->page, 30000))
    g_error ("the card page did not show the card: %s (%s)", inj_card_page_get_title (f->page),
             inj_card_page_get_details (f->page));
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
  g_assert_null (inj_card_page_get_pin_change_dialog (f->page));
  gtk_window_destroy (GTK_WINDOW (f->window));
  test_ui_drain (G_OBJECT (f->window));
  g_assert_finalize_object (f->window);
  g_assert_true (test_ui_wait_until (session_loaded, f->session, 30000));
  test_ui_drain (G_OBJECT (f->session));
  g_assert_finalize_object (f->session);
  test_ui_rmtree (f->dir);
  g_free (f->dir);
  test_vcard_stop (f->vc);
}

typedef struct {
  InjPinChangeDialog *dialog;
  InjPinChangeState state;
} StateWait;

static gboolean
in_state (gpointer data)
{
  StateWait *w = data;

  return inj_pin_change_dialog_get_state (w->dialog) == w->state &&
         gtk_widget_get_mapped (GTK_WIDGET (w->dialog)) &&
         gtk_widget_get_width (GTK_WIDGET (w->dialog)) > 0;
}

static void
wait_state (InjPinChangeDialog *dialog,
            InjPinChangeState state)
{
  StateWait w = { dialog, state };

  if (!test_ui_wait_until (in_state, &w, 30000))
    g_error ("the dialog stayed in state %d (waited for %d): %s",
             inj_pin_change_dialog_get_state (dialog), state,
             inj_pin_change_dialog_get_problem (dialog));
}

/* 変更… through the window's action, as the keyboard and the e2e test. */
static InjPinChangeDialog *
open_dialog (Fixture *f,
             const char *which)
{
  GtkWidget *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.change-pin", "s", which));
  dialog = inj_card_page_get_pin_change_dialog (f->page);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (f->window));
  return INJ_PIN_CHANGE_DIALOG (dialog);
}

static void
type (InjPinChangeDialog *dialog,
      const char *current,
      const char *new_value,
      const char *again)
{
  gtk_editable_set_text (inj_pin_change_dialog_get_entry (dialog, INJ_PIN_CHANGE_ENTRY_CURRENT),
                         current);
  gtk_editable_set_text (inj_pin_change_dialog_get_entry (dialog, INJ_PIN_CHANGE_ENTRY_NEW),
                         new_value);
  gtk_editable_set_text (inj_pin_change_dialog_get_entry (dialog, INJ_PIN_CHANGE_ENTRY_AGAIN),
                         again);
}

static gboolean
can_change (InjPinChangeDialog *dialog)
{
  return gtk_widget_is_sensitive (inj_pin_change_dialog_get_change_button (dialog));
}

static gboolean
entries_empty (InjPinChangeDialog *dialog)
{
  for (InjPinChangeEntry e = INJ_PIN_CHANGE_ENTRY_CURRENT; e <= INJ_PIN_CHANGE_ENTRY_AGAIN; e++)
    if (*gtk_editable_get_text (inj_pin_change_dialog_get_entry (dialog, e)))
      return FALSE;
  return TRUE;
}

static gboolean
closed (gpointer data)
{
  return inj_card_page_get_pin_change_dialog (data) == NULL;
}

static void
close_dialog (Fixture *f,
              InjPinChangeDialog *dialog)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "pin-change.cancel", NULL));
  g_assert_true (test_ui_wait_until (closed, f->page, 5000));
}

/* -------------------------------------------------------------- the tests */

/* The count comes first: the dialog reads it before any entry is shown,
 * and reading it uses no try. */
static void
test_tries_first (Fixture *f,
                  gconstpointer data)
{
  InjPinChangeDialog *dialog;

  /* the card page's rows: each PIN, its count, and 変更… */
  g_assert_cmpstr (row_subtitle (f, INJ_PIN_SIGN), ==, "残り 5 回（最大 5 回）");
  g_assert_cmpstr (row_subtitle (f, INJ_PIN_AUTH), ==, "残り 3 回（最大 3 回）");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (inj_card_page_get_change_button (f->page,
                                                                                     INJ_PIN_SIGN))),
                   ==, "変更…");
  test_ui_wait_until (no_wait, NULL, 300);
  test_ui_screenshot (GTK_WIDGET (f->window), "pin-change-card-page");

  /* the card holds its answer (its process stopped): no entry meanwhile */
  hold_card (f->vc);
  dialog = open_dialog (f, "sign");
  g_assert_cmpint (inj_pin_change_dialog_get_state (dialog), ==, INJ_PIN_CHANGE_CHECKING);
  test_ui_wait_until (no_wait, NULL, 300);
  test_ui_screenshot (GTK_WIDGET (dialog), "pin-change-checking");
  g_assert_cmpint (inj_pin_change_dialog_get_state (dialog), ==, INJ_PIN_CHANGE_CHECKING);
  g_assert_null (inj_pin_change_dialog_get_status (dialog));
  for (InjPinChangeEntry e = INJ_PIN_CHANGE_ENTRY_CURRENT; e <= INJ_PIN_CHANGE_ENTRY_AGAIN; e++)
    g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (inj_pin_change_dialog_get_entry (dialog, e))));
  g_assert_false (can_change (dialog));
  let_card_go ();
  wait_state (dialog, INJ_PIN_CHANGE_FORM);
  g_assert_cmpint (inj_pin_change_dialog_get_status (dialog)->tries_left, ==, 5);
  g_assert_nonnull (strstr (inj_pin_change_dialog_get_tries_text (dialog), "残り 5 回（最大 5 回）"));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==,
                   "署名用電子証明書のパスワードの変更");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (inj_pin_change_dialog_get_entry (
    dialog, INJ_PIN_CHANGE_ENTRY_CURRENT))));
  g_assert_false (can_change (dialog));
  /* nothing with a secret went to the card */
  g_assert_cmpuint (test_vcard_count (f->vc, "VERIFY", NULL, TRUE), ==, 0);
  test_ui_wait_until (no_wait, NULL, 300);
  test_ui_screenshot (GTK_WIDGET (dialog), "pin-change-sign-form");

  /* a dialog open is brought forward, not doubled */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.change-pin", "s", "auth"));
  g_assert_true (inj_card_page_get_pin_change_dialog (f->page) == GTK_WIDGET (dialog));
  close_dialog (f, dialog);

  dialog = open_dialog (f, "auth");
  wait_state (dialog, INJ_PIN_CHANGE_FORM);
  g_assert_cmpint (inj_pin_change_dialog_get_pin (dialog), ==, INJ_PIN_AUTH);
  g_assert_nonnull (strstr (inj_pin_change_dialog_get_tries_text (dialog), "残り 3 回（最大 3 回）"));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==,
                   "利用者証明用電子証明書の暗証番号の変更");
  test_ui_wait_until (no_wait, NULL, 300);
  test_ui_screenshot (GTK_WIDGET (dialog), "pin-change-auth-form");
  close_dialog (f, dialog);
  g_assert_cmpuint (test_vcard_count (f->vc, "VERIFY", NULL, TRUE), ==, 0);
}

/* 変更 only for a new value of the right form typed the same twice; the
 * dialog says which is wrong. */
static void
test_checks (Fixture *f,
             gconstpointer data)
{
  InjPinChangeDialog *dialog = open_dialog (f, "sign");

  wait_state (dialog, INJ_PIN_CHANGE_FORM);
  g_assert_cmpstr (inj_pin_change_dialog_get_check_text (dialog), ==, "");
  /* five characters */
  type (dialog, SIGN_PASSWORD, "ABC12", "ABC12");
  g_assert_false (can_change (dialog));
  g_assert_nonnull (strstr (inj_pin_change_dialog_get_check_text (dialog), "6〜16文字"));
  /* a symbol */
  type (dialog, SIGN_PASSWORD, "ABC-123", "ABC-123");
  g_assert_false (can_change (dialog));
  g_assert_nonnull (strstr (inj_pin_change_dialog_get_check_text (dialog), "6〜16文字"));
  /* seventeen */
  type (dialog, SIGN_PASSWORD, "ABCDEFGHIJ1234567", "ABCDEFGHIJ1234567");
  g_assert_false (can_change (dialog));
  /* two different new values */
  type (dialog, SIGN_PASSWORD, "NEWPASS22", "NEWPASS23");
  g_assert_false (can_change (dialog));
  g_assert_nonnull (strstr (inj_pin_change_dialog_get_check_text (dialog), "一致しません"));
  test_ui_wait_until (no_wait, NULL, 300);
  test_ui_screenshot (GTK_WIDGET (dialog), "pin-change-mismatch");
  /* the current value of the wrong form */
  type (dialog, "PASS", "NEWPASS22", "NEWPASS22");
  g_assert_false (can_change (dialog));
  g_assert_cmpstr (inj_pin_change_dialog_get_check_text (dialog), !=, "");
  /* lower case is the same password: accepted */
  type (dialog, "testpass1", "newpass22", "NEWPASS22");
  g_assert_true (can_change (dialog));
  g_assert_cmpstr (inj_pin_change_dialog_get_check_text (dialog), ==, "");
  /* an empty confirmation */
  type (dialog, SIGN_PASSWORD, "NEWPASS22", "");
  g_assert_false (can_change (dialog));
  close_dialog (f, dialog);

  dialog = open_dialog (f, "auth");
  wait_state (dialog, INJ_PIN_CHANGE_FORM);
  type (dialog, AUTH_PIN, "123", "123");
  g_assert_false (can_change (dialog));
  g_assert_nonnull (strstr (inj_pin_change_dialog_get_check_text (dialog), "4桁"));
  type (dialog, AUTH_PIN, "12a4", "12a4");
  g_assert_false (can_change (dialog));
  g_assert_nonnull (strstr (inj_pin_change_dialog_get_check_text (dialog), "4桁"));
  type (dialog, AUTH_PIN, "5678", "5679");
  g_assert_false (can_change (dialog));
  g_assert_nonnull (strstr (inj_pin_change_dialog_get_check_text (dialog), "一致しません"));
  /* no fifth digit can be typed */
  type (dialog, AUTH_PIN, "56789", "5678");
  g_assert_cmpstr (gtk_editable_get_text (inj_pin_change_dialog_get_entry (
    dialog, INJ_PIN_CHANGE_ENTRY_NEW)), ==, "5678");
  g_assert_true (can_change (dialog));
  close_dialog (f, dialog);
  /* nothing reached the card */
  g_assert_cmpuint (test_vcard_count (f->vc, "VERIFY", NULL, TRUE), ==, 0);
}

static gboolean
sign_count_is_4 (gpointer data)
{
  return g_strcmp0 (row_subtitle (data, INJ_PIN_SIGN), "残り 4 回（最大 5 回）") == 0;
}

/* The audit log (shared by the tests: only what comes after @from counts). */
static guint
audit_length (void)
{
  g_autofree char *path = inj_audit_default_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = inj_audit_load (path, &error);

  g_assert_no_error (error);
  return events->len;
}

/* The one event of the change of @pin after the first @from, already
 * written when the dialog shows the outcome; its result and code. The
 * chain verifies, and none of @values is in the file. */
static void
assert_audited (InjPinKind pin,
                guint from,
                const char *result,
                const char *code,
                const char *const *values)
{
  g_autofree char *path = inj_audit_default_path ();
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = inj_audit_load (path, &error);
  const char *action = pin == INJ_PIN_SIGN ? INJ_AUDIT_PASSWORD_CHANGE : INJ_AUDIT_PIN_CHANGE;
  InjAuditEvent *found = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GRegex) hashes = g_regex_new ("\"(prev|hash)\":\"[0-9a-f]*\"", 0, 0, NULL);

  g_assert_no_error (error);
  for (guint i = from; i < events->len; i++)
    {
      InjAuditEvent *e = g_ptr_array_index (events, i);
      if (g_strcmp0 (e->action, action) != 0)
        continue;
      g_assert_null (found);
      found = e;
    }
  g_assert_nonnull (found);
  g_assert_cmpstr (found->result, ==, result);
  g_assert_cmpstr (found->code, ==, code);
  g_assert_null (found->detail);
  g_assert_null (found->fingerprint);
  g_assert_cmpstr (inj_audit_action_label (action), ==,
                   pin == INJ_PIN_SIGN ? "署名用電子証明書のパスワードを変更"
                                       : "利用者証明用電子証明書の暗証番号を変更");
  g_assert_true (inj_audit_verify (path, NULL, &error));
  g_assert_no_error (error);
  /* the lines written since, without their hashes (hex, where 4 digits
   * may occur by chance) */
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint l = from; lines[l]; l++)
    {
      g_autofree char *bare = g_regex_replace (hashes, lines[l], -1, 0, "", 0, NULL);
      for (guint i = 0; values[i]; i++)
        {
          g_autofree char *lower = g_ascii_strdown (values[i], -1);
          g_assert_null (strstr (bare, values[i]));
          g_assert_null (strstr (bare, lower));
        }
    }
}

/* A wrong current value: one try used, said with the count, the entries
 * emptied, and nothing tried again. */
static void
test_wrong_current (Fixture *f,
                    gconstpointer data)
{
  InjPinChangeDialog *dialog = open_dialog (f, "sign");
  guint audited = audit_length ();
  g_autofree char *code = g_strdup_printf ("inj-pkcs11-error:%d", (int) CKR_PIN_INCORRECT);
  const char *const values[] = { "WRONGPASS9", "NEWPASS22", NULL };

  wait_state (dialog, INJ_PIN_CHANGE_FORM);
  type (dialog, "WRONGPASS9", "NEWPASS22", "NEWPASS22");
  g_assert_true (can_change (dialog));
  /* the card holds its answer (its process stopped) while the dialog works */
  hold_card (f->vc);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "pin-change.change", NULL));
  g_assert_cmpint (inj_pin_change_dialog_get_state (dialog), ==, INJ_PIN_CHANGE_WORKING);
  /* the values left the entries at once */
  g_assert_true (entries_empty (dialog));
  /* not closable while the card works: neither the window's close nor
   * キャンセル nor Escape ends it */
  g_assert_false (gtk_window_get_deletable (GTK_WINDOW (dialog)));
  g_assert_false (gtk_widget_is_sensitive (inj_pin_change_dialog_get_change_button (dialog)));
  gtk_window_close (GTK_WINDOW (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "pin-change.cancel", NULL);
  test_ui_wait_until (no_wait, NULL, 300);
  g_assert_true (inj_card_page_get_pin_change_dialog (f->page) == GTK_WIDGET (dialog));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  g_assert_cmpint (inj_pin_change_dialog_get_state (dialog), ==, INJ_PIN_CHANGE_WORKING);
  test_ui_screenshot (GTK_WIDGET (dialog), "pin-change-working");
  g_assert_cmpint (inj_pin_change_dialog_get_state (dialog), ==, INJ_PIN_CHANGE_WORKING);
  let_card_go ();
  wait_state (dialog, INJ_PIN_CHANGE_FORM);
  g_test_message ("problem: %s", inj_pin_change_dialog_get_problem (dialog));
  g_assert_nonnull (strstr (inj_pin_change_dialog_get_problem (dialog), "違います"));
  g_assert_nonnull (strstr (inj_pin_change_dialog_get_problem (dialog), "あと4回"));
  g_assert_cmpint (inj_pin_change_dialog_get_status (dialog)->tries_left, ==, 4);
  g_assert_nonnull (strstr (inj_pin_change_dialog_get_tries_text (dialog), "残り 4 回"));
  g_assert_true (entries_empty (dialog));
  g_assert_false (can_change (dialog));
  /* exactly one VERIFY with a value, no CHANGE */
  g_assert_cmpuint (test_vcard_count (f->vc, "VERIFY", "001B", TRUE), ==, 1);
  g_assert_cmpuint (test_vcard_count (f->vc, "CHANGE REFERENCE DATA", NULL, FALSE), ==, 0);
  /* audited: failed, with the card's code, never the values */
  assert_audited (INJ_PIN_SIGN, audited, "failed", code, values);
  test_ui_wait_until (no_wait, NULL, 300);
  test_ui_screenshot (GTK_WIDGET (dialog), "pin-change-wrong-current");
  /* and nothing more, whatever time passes */
  test_ui_wait_until (no_wait, NULL, 1000);
  g_assert_cmpuint (test_vcard_count (f->vc, "VERIFY", "001B", TRUE), ==, 1);
  close_dialog (f, dialog);
  /* the card page reads the count again */
  g_assert_true (test_ui_wait_until (sign_count_is_4, f, 30000));
}

static gboolean
toast_is (gpointer data)
{
  Fixture *f = data;

  return g_strcmp0 (inj_window_get_last_toast (f->window), g_object_get_data (G_OBJECT (f->window),
                                                                               "expected-toast")) == 0;
}

/* Changed in the window: the dialog closes, a toast says so, the count is
 * full again; the old value then fails and the new one works. */
static void
change_and_check (Fixture *f,
                  InjPinKind pin,
                  const char *old_value,
                  const char *typed,
                  const char *new_value)
{
  InjPinChangeDialog *dialog = open_dialog (f, pin == INJ_PIN_SIGN ? "sign" : "auth");
  g_autoptr(GError) error = NULL;
  g_autoptr(InjSecret) old_secret = inj_secret_new (old_value, -1);
  g_autoptr(InjSecret) new_secret = inj_secret_new (new_value, -1);
  g_autoptr(InjCard) card = NULL;
  const char *toast = pin == INJ_PIN_SIGN ? "署名用電子証明書のパスワードを変更しました"
                                          : "利用者証明用電子証明書の暗証番号を変更しました";
  const char *const values[] = { old_value, new_value, NULL };
  guint audited = audit_length ();

  wait_state (dialog, INJ_PIN_CHANGE_FORM);
  type (dialog, old_value, typed, new_value);
  g_assert_true (can_change (dialog));
  g_object_set_data (G_OBJECT (f->window), "expected-toast", (gpointer) toast);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "pin-change.change", NULL));
  g_assert_true (test_ui_wait_until (closed, f->page, 30000));
  /* audited before the dialog closed: ok, never the values */
  assert_audited (pin, audited, "ok", NULL, values);
  g_assert_true (test_ui_wait_until (toast_is, f, 5000));
  g_assert_true (test_ui_wait_until (page_ready, f->page, 30000));
  test_ui_wait_until (no_wait, NULL, 300);
  test_ui_screenshot (GTK_WIDGET (f->window),
                      pin == INJ_PIN_SIGN ? "pin-change-sign-done" : "pin-change-auth-done");

  /* the card, as the card layer sees it: the old value is refused, the
   * new one taken (and put back, which proves it) */
  card = inj_card_monitor_get_card (inj_session_get_monitor (f->session), NULL);
  g_assert_nonnull (card);
  g_assert_false (inj_card_change_pin (card, pin, old_secret, old_secret, NULL, &error));
  g_assert_true (inj_pkcs11_error_is (error, CKR_PIN_INCORRECT));
  g_clear_error (&error);
  g_assert_true (inj_card_change_pin (card, pin, new_secret, old_secret, NULL, &error));
  g_assert_no_error (error);
}

static void
test_change (Fixture *f,
             gconstpointer data)
{
  /* typed in lower case: the card gets it in capitals */
  change_and_check (f, INJ_PIN_SIGN, SIGN_PASSWORD, "newpass22", "NEWPASS22");
  change_and_check (f, INJ_PIN_AUTH, AUTH_PIN, "5678", "5678");
}

/* Locked: the guidance of the 市区町村の窓口, no entries, no try. */
static void
test_locked (Fixture *f,
             gconstpointer data)
{
  InjPinChangeDialog *dialog;

  g_assert_cmpstr (row_subtitle (f, INJ_PIN_SIGN), ==, "ロックされています（残り 0 回）");
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_ancestor (
    inj_card_page_get_change_button (f->page, INJ_PIN_SIGN), ADW_TYPE_ACTION_ROW), "inj-pin-warn"));
  test_ui_wait_until (no_wait, NULL, 300);
  test_ui_screenshot (GTK_WIDGET (f->window), "pin-change-card-page-locked");
  dialog = open_dialog (f, "sign");
  wait_state (dialog, INJ_PIN_CHANGE_LOCKED);
  g_assert_nonnull (strstr (inj_pin_change_dialog_get_stopped_title (dialog), "ロック"));
  g_assert_nonnull (strstr (inj_pin_change_dialog_get_stopped_description (dialog),
                            "市区町村の窓口"));
  for (InjPinChangeEntry e = INJ_PIN_CHANGE_ENTRY_CURRENT; e <= INJ_PIN_CHANGE_ENTRY_AGAIN; e++)
    g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (inj_pin_change_dialog_get_entry (dialog, e))));
  g_assert_false (gtk_widget_get_visible (inj_pin_change_dialog_get_change_button (dialog)));
  test_ui_wait_until (no_wait, NULL, 300);
  test_ui_screenshot (GTK_WIDGET (dialog), "pin-change-locked");
  close_dialog (f, dialog);
  g_assert_cmpuint (test_vcard_count (f->vc, "VERIFY", NULL, TRUE), ==, 0);
}

static const char *const locked_args[] = { "--locked-query", "63C0", "--sign-tries", "0", NULL };

int
main (int argc,
      char *argv[])
{
  test_ui_init (&argc, &argv);
  signal (SIGABRT, release_card);
  signal (SIGTRAP, release_card);
  signal (SIGTERM, release_card);
#define ADD(path, args, func) \
  g_test_add ("/ui/pin-change/" path, Fixture, args, fixture_set_up, func, fixture_tear_down)
  ADD ("tries-first", NULL, test_tries_first);
  ADD ("checks", NULL, test_checks);
  ADD ("wrong-current", NULL, test_wrong_current);
  ADD ("change", NULL, test_change);
  ADD ("locked", locked_args, test_locked);
  return test_ui_run ();
}
