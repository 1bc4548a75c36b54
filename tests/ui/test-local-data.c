/* test-local-data.c: the window's local data dialogs.
 * Without a Secret Service (INJ_TEST_NO_SECRET_SERVICE): the window asks
 * once before keeping drafts and packages unencrypted, and the answer is
 * remembered in the settings. With one (inside with-keyring.sh): "Erase All
 * Local Data…" lists what goes, and after "Erase With Audit Log" no file is
 * left under the user's data and state directories and the key is gone. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "inj-application.h"
#include "inj-delegation-editor.h"
#include "inj-draft.h"
#include "inj-window.h"
#include "test-ui-support.h"

static char *home;

static gboolean
dialog_shown (gpointer data)
{
  AdwMessageDialog *dialog = inj_window_get_local_data_dialog (data);
  return dialog && gtk_widget_get_mapped (GTK_WIDGET (dialog)) &&
         gtk_widget_get_width (GTK_WIDGET (dialog)) > 0;
}

static gboolean
erase_done (gpointer data)
{
  AdwMessageDialog *dialog = inj_window_get_local_data_dialog (data);
  return dialog && adw_message_dialog_has_response (dialog, "close");
}

static gboolean
no_wait (gpointer data)
{
  return FALSE;
}

static void
test_no_secret_service (void)
{
  g_autoptr(GSettings) settings = g_settings_new (INJ_APPLICATION_ID);
  g_autofree char *dir = test_ui_tmpdir ();
  InjWindow *window;
  AdwMessageDialog *dialog;
  g_autoptr(GError) error = NULL;

  g_settings_set_boolean (settings, "allow-unencrypted-local-data", FALSE);
  window = INJ_WINDOW (inj_window_new (NULL, dir));
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_false (inj_vault_get_allow_unencrypted ());
  /* until the user answers, nothing is written */
  {
    g_autofree char *draft = g_build_filename (dir, "X.ini", NULL);
    g_assert_false (inj_draft_write (draft, "[principal]\n", &error));
    g_assert_error (error, INJ_VAULT_ERROR, INJ_VAULT_ERROR_NO_SECRET_SERVICE);
    g_clear_error (&error);
    g_assert_false (inj_delegation_editor_save_draft_now (
                      INJ_DELEGATION_EDITOR (inj_window_get_editor (window)), &error));
    g_assert_error (error, INJ_VAULT_ERROR, INJ_VAULT_ERROR_NO_SECRET_SERVICE);
    g_clear_error (&error);
  }
  g_assert_true (test_ui_wait_until (dialog_shown, window, 10000));
  dialog = inj_window_get_local_data_dialog (window);
  g_assert_true (adw_message_dialog_has_response (dialog, "keep"));
  g_assert_true (adw_message_dialog_has_response (dialog, "refuse"));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   _("Passwords Cannot Be Kept Safely"));
  /* a plain cause; the system's text only behind 詳細, folded */
  {
    GtkWidget *details = adw_message_dialog_get_extra_child (dialog);
    const char *detail;

    g_assert_true (GTK_IS_EXPANDER (details));
    g_assert_false (gtk_expander_get_expanded (GTK_EXPANDER (details)));
    detail = gtk_label_get_text (GTK_LABEL (gtk_expander_get_child (GTK_EXPANDER (details))));
    g_assert_cmpstr (detail, !=, "");
    g_assert_null (strstr (adw_message_dialog_get_body (dialog), detail));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "GNOME"));
  }
  test_ui_wait_until (no_wait, NULL, 300);
  test_ui_screenshot (GTK_WIDGET (dialog), "local-data-no-secret-service");
  adw_message_dialog_response (dialog, "keep");
  g_assert_true (g_settings_get_boolean (settings, "allow-unencrypted-local-data"));
  g_assert_true (inj_vault_get_allow_unencrypted ());
  /* now the draft is kept, unencrypted, the user's only */
  g_assert_true (inj_delegation_editor_save_draft_now (
                   INJ_DELEGATION_EDITOR (inj_window_get_editor (window)), &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);

  /* asked once: a new window does not ask again */
  window = INJ_WINDOW (inj_window_new (NULL, dir));
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  test_ui_wait_until (no_wait, NULL, 1000);
  g_assert_null (inj_window_get_local_data_dialog (window));
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_settings_set_boolean (settings, "allow-unencrypted-local-data", FALSE);
  test_ui_rmtree (dir);
}

static void
count_files (const char *dir,
             guint *n)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        count_files (path, n);
      else
        {
          g_test_message ("left: %s", path);
          (*n)++;
        }
    }
}

static void
test_erase (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *drafts = inj_draft_default_dir ();
  g_autofree char *draft = g_build_filename (drafts, "D-1.ini", NULL);
  g_autofree char *state = g_build_filename (g_get_user_state_dir (), "ininjo", NULL);
  g_autofree char *audit = g_build_filename (state, "audit.jsonl", NULL);
  g_autoptr(GBytes) xml = g_bytes_new_static ("<x>センチネル</x>", strlen ("<x>センチネル</x>"));
  g_autofree char *stored = NULL;
  InjWindow *window;
  AdwMessageDialog *dialog;
  guint8 key[INJ_VAULT_KEY_SIZE];
  guint left = 0;

  g_assert_true (inj_vault_check_available (&error));
  g_assert_true (inj_draft_write (draft, "[principal]\nrepresentative-name = センチネル\n", &error));
  g_assert_no_error (error);
  stored = inj_outbox_store ("P-1", xml, xml, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (state, 0700), ==, 0);
  g_assert_true (g_file_set_contents (audit, "{}\n", -1, NULL));
  g_assert_true (inj_vault_get_key (key, FALSE, &error));
  inj_vault_wipe (key, sizeof key);

  window = INJ_WINDOW (inj_window_new (NULL, NULL));
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  /* a Secret Service answers: no question */
  test_ui_wait_until (no_wait, NULL, 500);
  g_assert_null (inj_window_get_local_data_dialog (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.erase-local-data", NULL));
  g_assert_true (test_ui_wait_until (dialog_shown, window, 5000));
  dialog = inj_window_get_local_data_dialog (window);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("Erase All Local Data?"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), _("drafts of delegations")));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            _("the encryption key in the Secret Service")));
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel"));
  g_assert_true (adw_message_dialog_has_response (dialog, "erase"));
  test_ui_wait_until (no_wait, NULL, 300);
  test_ui_screenshot (GTK_WIDGET (dialog), "local-data-erase");

  /* Cancel: everything stays */
  adw_message_dialog_response (dialog, "cancel");
  g_assert_true (g_file_test (draft, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (stored, G_FILE_TEST_IS_DIR));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.erase-local-data", NULL));
  g_assert_true (test_ui_wait_until (dialog_shown, window, 5000));
  adw_message_dialog_response (inj_window_get_local_data_dialog (window), "erase-audit");
  g_assert_true (test_ui_wait_until (erase_done, window, 10000));
  dialog = inj_window_get_local_data_dialog (window);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("Local Data Erased"));

  count_files (g_get_user_data_dir (), &left);
  count_files (g_get_user_state_dir (), &left);
  g_assert_cmpuint (left, ==, 0);
  g_assert_false (inj_vault_get_key (key, FALSE, &error));
  g_assert_error (error, INJ_VAULT_ERROR, INJ_VAULT_ERROR_DECRYPT);
  g_assert_null (inj_session_get_delegation (inj_window_get_session (window)));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* A page asks for a toast through "win.toast": it shows over the content
 * (a label with its text in the window's toast overlay), and a newer one
 * replaces it. */
static void
test_toast (void)
{
  g_autofree char *dir = test_ui_tmpdir ();
  InjWindow *window = INJ_WINDOW (inj_window_new (NULL, dir));
  GtkWidget *content;
  g_autofree char *text = NULL;

  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  g_assert_true (ADW_IS_TOAST_OVERLAY (content));
  g_assert_null (inj_window_get_last_toast (window));
  g_assert_true (inj_window_toast (inj_window_get_editor (window), "保存しました"));
  g_assert_cmpstr (inj_window_get_last_toast (window), ==, "保存しました");
  test_ui_wait_until (no_wait, NULL, 300);
  text = test_ui_widget_text (content);
  g_assert_nonnull (strstr (text, "保存しました"));
  test_ui_screenshot (GTK_WIDGET (window), "window-toast");
  g_assert_true (inj_window_toast (inj_window_get_upload_page (window), "コピーしました"));
  g_assert_cmpstr (inj_window_get_last_toast (window), ==, "コピーしました");
  /* a widget in no window has no toast */
  {
    GtkWidget *alone = g_object_ref_sink (gtk_label_new (NULL));
    g_assert_false (inj_window_toast (alone, "コピーしました"));
    g_object_unref (alone);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  test_ui_rmtree (dir);
}

int
main (int argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  home = g_dir_make_tmp ("ininjo-local-data-XXXXXX", &error);
  g_assert_no_error (error);
  {
    /* the cache apart: Mesa keeps its shaders there */
    g_autofree char *data = g_build_filename (home, "data", NULL);
    g_autofree char *state = g_build_filename (home, "state", NULL);
    g_autofree char *cache = g_build_filename (home, "cache", NULL);
    g_setenv ("XDG_DATA_HOME", data, TRUE);
    g_setenv ("XDG_STATE_HOME", state, TRUE);
    g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  }
  g_setenv ("INJ_TEST_KEEP_VAULT_POLICY", "1", TRUE);
  test_ui_init (&argc, &argv);
  if (g_getenv ("INJ_TEST_NO_SECRET_SERVICE"))
    g_test_add_func ("/ui/local-data/no-secret-service", test_no_secret_service);
  else
    g_test_add_func ("/ui/local-data/erase", test_erase);
  g_test_add_func ("/ui/window/toast", test_toast);
  status = test_ui_run ();
  inj_vault_shutdown ();
  test_ui_rmtree (home);
  g_free (home);
  return status;
}
