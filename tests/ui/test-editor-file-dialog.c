/* test-editor-file-dialog.c: the editor's save dialog, GTK's own.
 *
 * GTK 4.8's file chooser leaks as it works (tree paths from its list's
 * cell functions, file infos and errors from its queries), so this test
 * runs on its own, as ui-editor-file-dialog, where the sanitized build
 * does not count leaks at exit; it still stops at any invalid read or
 * write. */
#include "config.h"

#include "test-editor-support.h"
#include "test-ui-support.h"

static GtkWindow *
file_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
      if (GTK_IS_FILE_CHOOSER_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return GTK_WINDOW (w);
    }
  return NULL;
}

static gboolean
file_dialog_shown (gpointer data)
{
  return file_dialog () != NULL;
}

static gboolean
file_dialog_gone (gpointer data)
{
  return file_dialog () == NULL;
}

static gboolean
has_folder (gpointer data)
{
  g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (data));
  return folder != NULL;
}

/* The menu's action opens GTK's save dialog in the user's documents
 * folder, with the delegation's number as the file's name; cancelled, it
 * writes nothing. (What 保存 does with the file chosen is
 * /ui/editor/export-menu: the dialog is not accepted here, as it would
 * write into the real documents folder.) */
static void
test_file_dialog (Fixture *f,
                  gconstpointer data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWindow *dialog;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) documents = NULL;
  g_autofree char *name = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *path = NULL;
  const char *documents_dir = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  documents = g_file_new_for_path (documents_dir ? documents_dir : g_get_home_dir ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (f->editor));
  gtk_window_present (GTK_WINDOW (window));
  fill_corporation (f->editor);
  g_assert_true (inj_delegation_editor_can_save (f->editor));
  expected = g_strdup_printf ("%s.xml", inj_delegation_get_text (inj_delegation_editor_get_delegation (f->editor),
                                                                 INJ_FIELD_DELEGATION_ID));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.save-xml", NULL));
  g_assert_true (test_ui_wait_until (file_dialog_shown, NULL, 5000));
  dialog = file_dialog ();
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (dialog));
  g_assert_cmpstr (name, ==, expected);
  g_assert_true (test_ui_wait_until (has_folder, dialog, 5000));
  folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (dialog));
  g_assert_true (g_file_equal (folder, documents));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_assert_true (test_ui_wait_until (file_dialog_gone, NULL, 5000));
  path = g_build_filename (g_file_peek_path (folder), name, NULL);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (inj_delegation_editor_get_status (f->editor), !=, "電子委任状をXMLとして書き出しました。");

  gtk_window_set_child (GTK_WINDOW (window), NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc,
      char *argv[])
{
  test_ui_init (&argc, &argv);
  g_test_add ("/ui/editor/file-dialog", Fixture, NULL, fixture_set_up, test_file_dialog, fixture_tear_down);
  return test_ui_run ();
}
