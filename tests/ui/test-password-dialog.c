/* test-password-dialog.c: the window's GTlsInteraction, headless: the
 * question names whose secret, what for and the tries left, its button is
 * a verb, the format enables it, Cancel and the GCancellable answer
 * "cancelled", the typed text leaves the entry, and a worker thread gets
 * its answer, through a workflow's purpose too. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-password-dialog.h"
#include "inj-pkcs11.h"
#include "test-ui-support.h"

typedef struct {
  GtkWindow *window;
  InjPasswordInteraction *interaction;
} Fixture;

static void
fixture_set_up (Fixture *f,
                gconstpointer data)
{
  f->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref (f->window);
  gtk_window_set_default_size (f->window, 640, 480);
  gtk_window_present (f->window);
  f->interaction = INJ_PASSWORD_INTERACTION (inj_password_interaction_new (f->window));
}

static void
fixture_tear_down (Fixture *f,
                   gconstpointer data)
{
  g_assert_null (inj_password_interaction_get_dialog (f->interaction));
  g_assert_finalize_object (f->interaction);
  gtk_window_destroy (f->window);
  g_assert_finalize_object (f->window);
}

/* The answer of one question asked from the main thread. */
typedef struct {
  gboolean done;
  GTlsInteractionResult result;
  GError *error;
} Answer;

static void
asked (GObject *source,
       GAsyncResult *result,
       gpointer user_data)
{
  Answer *answer = user_data;

  answer->result = g_tls_interaction_ask_password_finish (G_TLS_INTERACTION (source), result,
                                                          &answer->error);
  answer->done = TRUE;
}

static gboolean
answered (gpointer data)
{
  return ((Answer *) data)->done;
}

static gboolean
dialog_shown (gpointer data)
{
  AdwMessageDialog *dialog = inj_password_interaction_get_dialog (data);

  return dialog && gtk_widget_get_mapped (GTK_WIDGET (dialog)) &&
         gtk_widget_get_width (GTK_WIDGET (dialog)) > 0;
}

static GTlsPassword *
password_for (InjPinKind pin,
              const char *description)
{
  GTlsPassword *password = g_tls_password_new (G_TLS_PASSWORD_NONE, description);

  inj_tls_password_set_pin_kind (password, pin);
  return password;
}

#define PARTIES "テスト商事株式会社 → 検証 花子（税理士）"

/* The label of the button that answers: a verb, never OK or はい. */
static const char *
accept_label (InjPasswordInteraction *interaction)
{
  const char *label = adw_message_dialog_get_response_label (
    inj_password_interaction_get_dialog (interaction), "ok");

  g_assert_null (strstr (label, "OK"));
  g_assert_null (strstr (label, "はい"));
  return label;
}

/* Everything the question says, for what it must not say. */
static char *
all_text (InjPasswordInteraction *interaction)
{
  AdwMessageDialog *dialog = inj_password_interaction_get_dialog (interaction);

  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), !=, "");
  return g_strconcat (adw_message_dialog_get_heading (dialog), "\n",
                      adw_message_dialog_get_body (dialog), "\n", accept_label (interaction),
                      NULL);
}

/* Remembers what the entry last held, so that it can be checked after the
 * dialog (and the entry with it) is gone. */
static void
entry_changed (GtkEditable *entry,
               char **last)
{
  g_free (*last);
  *last = g_strdup (gtk_editable_get_text (entry));
}

static gboolean
ok_enabled_for (InjPasswordInteraction *interaction,
                const char *text)
{
  AdwMessageDialog *dialog = inj_password_interaction_get_dialog (interaction);

  gtk_editable_set_text (inj_password_interaction_get_entry (interaction), text);
  return adw_message_dialog_get_response_enabled (dialog, "ok");
}

static GtkLabel *
find_label (GtkWidget *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return GTK_LABEL (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkLabel *found = find_label (c, text);
      if (found)
        return found;
    }
  return NULL;
}

static void
test_signing_password (Fixture *f,
                       gconstpointer data)
{
  g_autoptr(GTlsPassword) password = password_for (INJ_PIN_SIGN, "Signing password — 5 tries left");
  g_autofree char *last = NULL;
  Answer answer = { 0 };
  AdwMessageDialog *dialog;
  GtkEditable *entry;
  gsize length = 0;
  const guchar *value;
  const char *body;

  inj_tls_password_set_tries_left (password, 5);
  inj_prompt_set_purpose (password, INJ_PROMPT_SIGN_DELEGATION, PARTIES);
  g_tls_interaction_ask_password_async (G_TLS_INTERACTION (f->interaction), password, NULL,
                                        asked, &answer);
  g_assert_true (test_ui_wait_until (dialog_shown, f->interaction, 5000));
  dialog = inj_password_interaction_get_dialog (f->interaction);
  entry = inj_password_interaction_get_entry (f->interaction);
  g_assert_true (GTK_IS_PASSWORD_ENTRY (entry));
  /* never echoed, and nothing shows it */
  g_assert_false (gtk_password_entry_get_show_peek_icon (GTK_PASSWORD_ENTRY (entry)));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == f->window);
  /* whose secret, what is signed, how many tries; the button signs */
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "署名用電子証明書のパスワード");
  body = adw_message_dialog_get_body (dialog);
  g_assert_nonnull (strstr (body, PARTIES "の\n電子委任状に署名します。"));
  g_assert_nonnull (strstr (body, "あと5回"));
  g_assert_cmpstr (accept_label (f->interaction), ==, "署名する(_S)");
  g_assert_nonnull (find_label (GTK_WIDGET (dialog),
                                "英字（A〜Z）と数字（0〜9）の6〜16文字です。小文字でも入力できます。"));
  g_assert_false (answer.done);
  g_signal_connect (entry, "changed", G_CALLBACK (entry_changed), &last);

  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "ok"));
  g_assert_false (ok_enabled_for (f->interaction, "TEST"));
  g_assert_false (ok_enabled_for (f->interaction, "TEST-PASS1"));
  g_assert_false (ok_enabled_for (f->interaction, "ABCDEFGHIJ1234567"));
  g_assert_false (ok_enabled_for (f->interaction, "1234"));
  g_assert_true (ok_enabled_for (f->interaction, "TESTPASS1"));
  g_assert_true (ok_enabled_for (f->interaction, "ABC123"));
  g_assert_true (ok_enabled_for (f->interaction, "testpass1"));
  test_ui_wait_until (answered, &answer, 200);
  test_ui_screenshot (GTK_WIDGET (dialog), "password-dialog");

  /* a response asked for while the text is wrong does nothing */
  gtk_editable_set_text (entry, "bad");
  adw_message_dialog_response (dialog, "ok");
  g_assert_false (answer.done);
  g_assert_nonnull (inj_password_interaction_get_dialog (f->interaction));

  gtk_editable_set_text (entry, "testpass1");
  adw_message_dialog_response (dialog, "ok");
  g_assert_true (test_ui_wait_until (answered, &answer, 5000));
  g_assert_no_error (answer.error);
  g_assert_cmpint (answer.result, ==, G_TLS_INTERACTION_HANDLED);
  /* as typed: pkcs11/ upper-cases it */
  value = g_tls_password_get_value (password, &length);
  g_assert_cmpmem (value, length, "testpass1", 9);
  /* wiped from the entry, the dialog gone */
  g_assert_cmpstr (last, ==, "");
  g_assert_null (inj_password_interaction_get_dialog (f->interaction));
  g_assert_null (inj_password_interaction_get_entry (f->interaction));
}

static void
test_auth_pin (Fixture *f,
               gconstpointer data)
{
  g_autoptr(GTlsPassword) password = password_for (INJ_PIN_AUTH, "Authentication PIN — 3 tries left");
  g_autofree char *all = NULL;
  Answer answer = { 0 };
  AdwMessageDialog *dialog;
  GtkEditable *entry;
  gsize length = 0;
  const guchar *value;

  inj_tls_password_set_tries_left (password, 3);
  g_tls_interaction_ask_password_async (G_TLS_INTERACTION (f->interaction), password, NULL,
                                        asked, &answer);
  g_assert_true (test_ui_wait_until (dialog_shown, f->interaction, 5000));
  dialog = inj_password_interaction_get_dialog (f->interaction);
  entry = inj_password_interaction_get_entry (f->interaction);
  /* the 4-digit PIN under its own name, why, the tries left; never a password */
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "利用者証明用電子証明書の暗証番号");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            "サービスに接続するため、\nマイナンバーカードの利用者証明用電子証明書を使います。"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "あと3回"));
  g_assert_cmpstr (accept_label (f->interaction), ==, "接続する(_O)");
  all = all_text (f->interaction);
  g_assert_null (strstr (all, "パスワード"));
  /* digits, and no fifth one */
  g_assert_cmpint (gtk_text_get_input_purpose (GTK_TEXT (gtk_editable_get_delegate (entry))), ==,
                   GTK_INPUT_PURPOSE_PIN);
  g_assert_cmpint (gtk_text_get_max_length (GTK_TEXT (gtk_editable_get_delegate (entry))), ==, 4);
  test_ui_screenshot (GTK_WIDGET (dialog), "password-dialog-auth-pin");
  g_assert_false (ok_enabled_for (f->interaction, "123"));
  g_assert_true (ok_enabled_for (f->interaction, "12345"));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "1234");
  g_assert_false (ok_enabled_for (f->interaction, "12a4"));
  g_assert_false (ok_enabled_for (f->interaction, "TESTPASS1"));
  g_assert_true (ok_enabled_for (f->interaction, "1234"));
  /* Enter in the entry answers, as the OK button */
  g_signal_emit_by_name (gtk_editable_get_delegate (inj_password_interaction_get_entry (f->interaction)),
                         "activate");
  g_assert_true (test_ui_wait_until (answered, &answer, 5000));
  g_assert_cmpint (answer.result, ==, G_TLS_INTERACTION_HANDLED);
  value = g_tls_password_get_value (password, &length);
  g_assert_cmpmem (value, length, "1234", 4);
}

static void
test_cancel (Fixture *f,
             gconstpointer data)
{
  g_autoptr(GTlsPassword) password = password_for (INJ_PIN_SIGN, "Signing password");
  g_autofree char *last = NULL;
  Answer answer = { 0 };
  GtkEditable *entry;
  gsize length = 0;

  g_tls_interaction_ask_password_async (G_TLS_INTERACTION (f->interaction), password, NULL,
                                        asked, &answer);
  g_assert_true (test_ui_wait_until (dialog_shown, f->interaction, 5000));
  entry = inj_password_interaction_get_entry (f->interaction);
  g_signal_connect (entry, "changed", G_CALLBACK (entry_changed), &last);
  gtk_editable_set_text (entry, "SECRET99");
  adw_message_dialog_response (inj_password_interaction_get_dialog (f->interaction), "cancel");
  g_assert_true (test_ui_wait_until (answered, &answer, 5000));
  g_assert_error (answer.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (answer.result, ==, G_TLS_INTERACTION_FAILED);
  g_assert_cmpstr (last, ==, "");
  g_tls_password_get_value (password, &length);
  g_assert_cmpuint (length, ==, 0);
  g_clear_error (&answer.error);
}

static void
test_escape (Fixture *f,
             gconstpointer data)
{
  g_autoptr(GTlsPassword) password = password_for (INJ_PIN_SIGN, "Signing password");
  Answer answer = { 0 };

  g_tls_interaction_ask_password_async (G_TLS_INTERACTION (f->interaction), password, NULL,
                                        asked, &answer);
  g_assert_true (test_ui_wait_until (dialog_shown, f->interaction, 5000));
  gtk_editable_set_text (inj_password_interaction_get_entry (f->interaction), "TESTPASS1");
  /* closing the window (Escape) is Cancel */
  gtk_window_close (GTK_WINDOW (inj_password_interaction_get_dialog (f->interaction)));
  g_assert_true (test_ui_wait_until (answered, &answer, 5000));
  g_assert_error (answer.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&answer.error);
}

static void
test_cancellable (Fixture *f,
                  gconstpointer data)
{
  g_autoptr(GTlsPassword) password = password_for (INJ_PIN_SIGN, "Signing password");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Answer answer = { 0 };

  g_tls_interaction_ask_password_async (G_TLS_INTERACTION (f->interaction), password,
                                        cancellable, asked, &answer);
  g_assert_true (test_ui_wait_until (dialog_shown, f->interaction, 5000));
  g_cancellable_cancel (cancellable);
  g_assert_true (test_ui_wait_until (answered, &answer, 5000));
  g_assert_error (answer.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (inj_password_interaction_get_dialog (f->interaction));
  g_clear_error (&answer.error);

  /* already cancelled: no dialog at all */
  answer.done = FALSE;
  g_tls_interaction_ask_password_async (G_TLS_INTERACTION (f->interaction), password,
                                        cancellable, asked, &answer);
  g_assert_null (inj_password_interaction_get_dialog (f->interaction));
  g_assert_true (test_ui_wait_until (answered, &answer, 5000));
  g_assert_error (answer.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&answer.error);
}

static void
test_warning (Fixture *f,
              gconstpointer data)
{
  g_autoptr(GTlsPassword) password = password_for (INJ_PIN_SIGN, "Signing password — 1 try left");
  const char *warning = "This is the last try.";
  Answer answer = { 0 };
  AdwMessageDialog *dialog;
  GtkLabel *label;

  g_tls_password_set_warning (password, warning);
  g_tls_interaction_ask_password_async (G_TLS_INTERACTION (f->interaction), password, NULL,
                                        asked, &answer);
  g_assert_true (test_ui_wait_until (dialog_shown, f->interaction, 5000));
  dialog = inj_password_interaction_get_dialog (f->interaction);
  label = find_label (GTK_WIDGET (dialog), warning);
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (label)));
  test_ui_screenshot (GTK_WIDGET (dialog), "password-dialog-last-try");
  adw_message_dialog_response (dialog, "cancel");
  g_assert_true (test_ui_wait_until (answered, &answer, 5000));
  g_clear_error (&answer.error);
}

/* The parent window closes while asking: the question ends, cancelled. */
static void
test_parent_destroyed (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GTlsInteraction *interaction = inj_password_interaction_new (window);
  g_autoptr(GTlsPassword) password = password_for (INJ_PIN_SIGN, "Signing password");
  Answer answer = { 0 };

  g_object_ref (window);
  gtk_window_present (window);
  g_tls_interaction_ask_password_async (interaction, password, NULL, asked, &answer);
  g_assert_true (test_ui_wait_until (dialog_shown, interaction, 5000));
  gtk_window_destroy (window);
  g_assert_true (test_ui_wait_until (answered, &answer, 5000));
  g_assert_error (answer.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&answer.error);
  g_assert_finalize_object (window);
  g_assert_finalize_object (interaction);
}

/* As pkcs11/ asks: from a worker thread, which waits for the answer. */
typedef struct {
  GTlsInteraction *interaction;
  GTlsPassword *password;
  GTlsInteractionResult result;
  gboolean done;
} Worker;

static gpointer
worker_asks (gpointer data)
{
  Worker *w = data;
  g_autoptr(GError) error = NULL;

  w->result = g_tls_interaction_invoke_ask_password (w->interaction, w->password, NULL, &error);
  g_assert_no_error (error);
  g_atomic_int_set (&w->done, TRUE);
  return NULL;
}

static gboolean
worker_done (gpointer data)
{
  return g_atomic_int_get (&((Worker *) data)->done);
}

static void
test_from_thread (Fixture *f,
                  gconstpointer data)
{
  g_autoptr(GTlsPassword) password = password_for (INJ_PIN_SIGN, "Signing password");
  Worker w = { G_TLS_INTERACTION (f->interaction), password, G_TLS_INTERACTION_UNHANDLED, FALSE };
  GThread *thread = g_thread_new ("asker", worker_asks, &w);
  gsize length = 0;
  const guchar *value;

  g_assert_true (test_ui_wait_until (dialog_shown, f->interaction, 5000));
  g_assert_false (worker_done (&w));
  gtk_editable_set_text (inj_password_interaction_get_entry (f->interaction), "TESTPASS1");
  adw_message_dialog_response (inj_password_interaction_get_dialog (f->interaction), "ok");
  g_assert_true (test_ui_wait_until (worker_done, &w, 5000));
  g_thread_join (thread);
  g_assert_cmpint (w.result, ==, G_TLS_INTERACTION_HANDLED);
  value = g_tls_password_get_value (password, &length);
  g_assert_cmpmem (value, length, "TESTPASS1", 9);
}

/* The test between two iterations, as a program is between two events: the
 * worker's question waits for the main thread, which owns the main context
 * (test_ui_init(), as g_application_run() in Ininjo), and never takes the
 * context to show the dialog from its own thread. */
static void
test_worker_waits_for_main (Fixture *f,
                            gconstpointer data)
{
  g_autoptr(GTlsPassword) password = password_for (INJ_PIN_SIGN, "Signing password");
  Worker w = { G_TLS_INTERACTION (f->interaction), password, G_TLS_INTERACTION_UNHANDLED, FALSE };
  GThread *thread = g_thread_new ("asker", worker_asks, &w);

  g_usleep (300 * 1000);
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_assert_null (inj_password_interaction_get_dialog (f->interaction));
  g_assert_true (test_ui_wait_until (dialog_shown, f->interaction, 5000));
  gtk_editable_set_text (inj_password_interaction_get_entry (f->interaction), "TESTPASS1");
  adw_message_dialog_response (inj_password_interaction_get_dialog (f->interaction), "ok");
  g_assert_true (test_ui_wait_until (worker_done, &w, 5000));
  g_thread_join (thread);
  g_assert_cmpint (w.result, ==, G_TLS_INTERACTION_HANDLED);
}

/* A worker asks through a workflow's interaction, which marks the question. */
typedef struct {
  GTlsInteraction *interaction;
  GTlsPassword *password;
  GTlsInteractionResult result;
  gboolean done;
} PurposeWorker;

static gpointer
purpose_worker_asks (gpointer data)
{
  PurposeWorker *w = data;
  g_autoptr(GError) error = NULL;

  w->result = g_tls_interaction_invoke_ask_password (w->interaction, w->password, NULL, &error);
  /* an answer, or the question cancelled */
  g_assert_true ((w->result == G_TLS_INTERACTION_HANDLED) == (error == NULL));
  g_atomic_int_set (&w->done, TRUE);
  return NULL;
}

static gboolean
purpose_worker_done (gpointer data)
{
  return g_atomic_int_get (&((PurposeWorker *) data)->done);
}

/* The network layer asks with a bare password (no PIN kind): to connect,
 * it is the authentication PIN all the same, never 「パスワード」. */
static void
test_connect_purpose (Fixture *f,
                      gconstpointer data)
{
  g_autoptr(GTlsInteraction) connect =
    inj_prompt_interaction_new (G_TLS_INTERACTION (f->interaction), INJ_PROMPT_CONNECT, NULL);
  g_autoptr(GTlsPassword) password =
    g_tls_password_new (G_TLS_PASSWORD_PKCS11_USER, "Authentication PIN (4 digits)");
  PurposeWorker w = { connect, password, G_TLS_INTERACTION_UNHANDLED, FALSE };
  GThread *thread = g_thread_new ("asker", purpose_worker_asks, &w);
  g_autofree char *all = NULL;
  gsize length = 0;
  const guchar *value;

  g_assert_true (test_ui_wait_until (dialog_shown, f->interaction, 5000));
  g_assert_cmpstr (adw_message_dialog_get_heading (inj_password_interaction_get_dialog (f->interaction)),
                   ==, "利用者証明用電子証明書の暗証番号");
  g_assert_cmpstr (accept_label (f->interaction), ==, "接続する(_O)");
  all = all_text (f->interaction);
  g_assert_null (strstr (all, "パスワード"));
  gtk_editable_set_text (inj_password_interaction_get_entry (f->interaction), "1234");
  adw_message_dialog_response (inj_password_interaction_get_dialog (f->interaction), "ok");
  g_assert_true (test_ui_wait_until (purpose_worker_done, &w, 5000));
  g_thread_join (thread);
  g_assert_cmpint (w.result, ==, G_TLS_INTERACTION_HANDLED);
  value = g_tls_password_get_value (password, &length);
  g_assert_cmpmem (value, length, "1234", 4);
}

/* The agent's own password, asked from the agent's workflow: said so, and
 * that the agent types it; the button signs. */
static void
test_agent_purpose (Fixture *f,
                    gconstpointer data)
{
  const char *title = "検証 花子（税理士）・法人税及び消費税の…";
  g_autoptr(GTlsInteraction) agent =
    inj_prompt_interaction_new (G_TLS_INTERACTION (f->interaction), INJ_PROMPT_AGENT_SIGN, title);
  g_autoptr(GTlsPassword) password = password_for (INJ_PIN_SIGN, "Signing password");
  PurposeWorker w = { agent, password, G_TLS_INTERACTION_UNHANDLED, FALSE };
  GThread *thread;
  AdwMessageDialog *dialog;
  const char *body;

  inj_tls_password_set_tries_left (password, 4);
  thread = g_thread_new ("asker", purpose_worker_asks, &w);
  g_assert_true (test_ui_wait_until (dialog_shown, f->interaction, 5000));
  dialog = inj_password_interaction_get_dialog (f->interaction);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   "受任者ご本人の\n署名用電子証明書のパスワード");
  body = adw_message_dialog_get_body (dialog);
  g_assert_nonnull (strstr (body, title));
  g_assert_nonnull (strstr (body, "受任者ご本人が入力してください。"));
  g_assert_nonnull (strstr (body, "あと4回"));
  g_assert_cmpstr (accept_label (f->interaction), ==, "署名する(_S)");
  test_ui_screenshot (GTK_WIDGET (dialog), "password-dialog-agent");
  adw_message_dialog_response (dialog, "cancel");
  g_assert_true (test_ui_wait_until (purpose_worker_done, &w, 5000));
  g_thread_join (thread);
  g_assert_cmpint (w.result, ==, G_TLS_INTERACTION_FAILED);
}

int
main (int argc,
      char *argv[])
{
  test_ui_init (&argc, &argv);
  g_test_add ("/ui/password-dialog/signing-password", Fixture, NULL, fixture_set_up,
              test_signing_password, fixture_tear_down);
  g_test_add ("/ui/password-dialog/auth-pin", Fixture, NULL, fixture_set_up, test_auth_pin,
              fixture_tear_down);
  g_test_add ("/ui/password-dialog/cancel", Fixture, NULL, fixture_set_up, test_cancel,
              fixture_tear_down);
  g_test_add ("/ui/password-dialog/escape", Fixture, NULL, fixture_set_up, test_escape,
              fixture_tear_down);
  g_test_add ("/ui/password-dialog/cancellable", Fixture, NULL, fixture_set_up,
              test_cancellable, fixture_tear_down);
  g_test_add ("/ui/password-dialog/warning", Fixture, NULL, fixture_set_up, test_warning,
              fixture_tear_down);
  g_test_add ("/ui/password-dialog/from-thread", Fixture, NULL, fixture_set_up,
              test_from_thread, fixture_tear_down);
  g_test_add ("/ui/password-dialog/worker-waits-for-main", Fixture, NULL, fixture_set_up,
              test_worker_waits_for_main, fixture_tear_down);
  g_test_add ("/ui/password-dialog/connect-purpose", Fixture, NULL, fixture_set_up,
              test_connect_purpose, fixture_tear_down);
  g_test_add ("/ui/password-dialog/agent-purpose", Fixture, NULL, fixture_set_up,
              test_agent_purpose, fixture_tear_down);
  g_test_add_func ("/ui/password-dialog/parent-destroyed", test_parent_destroyed);
  return test_ui_run ();
}
