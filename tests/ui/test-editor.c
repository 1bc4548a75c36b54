/* test-editor.c: the delegation editor, headless. */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "inj-delegation-editor.h"
#include "test-ui-support.h"

typedef struct {
  char *dir;
  InjDelegationEditor *editor;
} Fixture;

static void
fixture_set_up (Fixture *f,
                gconstpointer data)
{
  f->dir = test_ui_tmpdir ();
  f->editor = INJ_DELEGATION_EDITOR (g_object_ref_sink (inj_delegation_editor_new (f->dir)));
  inj_delegation_editor_set_draft_delay (f->editor, 50);
}

static void
fixture_tear_down (Fixture *f,
                   gconstpointer data)
{
  if (f->editor)
    g_assert_finalize_object (g_steal_pointer (&f->editor));
  test_ui_rmtree (f->dir);
  g_free (f->dir);
}

static void
type_into (InjDelegationEditor *editor,
           InjField field,
           const char *text)
{
  GtkWidget *entry = inj_delegation_editor_get_entry (editor, field);

  g_assert_nonnull (entry);
  if (GTK_IS_TEXT_VIEW (entry))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (entry)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static void
fill_corporation (InjDelegationEditor *editor)
{
  inj_delegation_editor_set_kind (editor, INJ_PRINCIPAL_KIND_CORPORATION);
  type_into (editor, INJ_FIELD_CORPORATE_NUMBER, "4010001234567");
  type_into (editor, INJ_FIELD_CORPORATE_NAME, "テスト商事株式会社");
  type_into (editor, INJ_FIELD_HEAD_OFFICE_ADDRESS, "東京都千代田区試験町一丁目1番1号");
  type_into (editor, INJ_FIELD_REPRESENTATIVE_TITLE, "代表取締役");
  type_into (editor, INJ_FIELD_REPRESENTATIVE_NAME, "試験 太郎");
  type_into (editor, INJ_FIELD_AGENT_NAME, "検証 花子");
  type_into (editor, INJ_FIELD_AGENT_TITLE, "経理担当");
  type_into (editor, INJ_FIELD_AGENT_ADDRESS, "大阪府大阪市北区検証通二丁目2番2号");
  type_into (editor, INJ_FIELD_AUTHORITY_SCOPE, "法人税の電子申告に関する一切の権限\n届出書の提出");
  type_into (editor, INJ_FIELD_PERIOD_START, "today");
  type_into (editor, INJ_FIELD_PERIOD_END, "today+1y");
}

static void
test_template (Fixture *f,
               gconstpointer data)
{
  InjDelegation *d = inj_delegation_editor_get_delegation (f->editor);

  g_assert_nonnull (d);
  g_assert_cmpint (inj_delegation_get_principal_kind (d), ==, INJ_PRINCIPAL_KIND_CORPORATION);
  g_assert_true (GTK_IS_EDITABLE (inj_delegation_editor_get_entry (f->editor, INJ_FIELD_CORPORATE_NUMBER)));
  g_assert_true (GTK_IS_TEXT_VIEW (inj_delegation_editor_get_entry (f->editor, INJ_FIELD_AUTHORITY_SCOPE)));
  /* Filled by the client: no entry. */
  g_assert_null (inj_delegation_editor_get_entry (f->editor, INJ_FIELD_DELEGATION_ID));
  /* Nothing typed yet: no message shouts at the person. */
  g_assert_cmpstr (inj_delegation_editor_get_message (f->editor, INJ_FIELD_CORPORATE_NAME), ==, "");
}

static void
test_check_digit (Fixture *f,
                  gconstpointer data)
{
  InjDelegation *d = inj_delegation_editor_get_delegation (f->editor);
  g_autofree char *expected = NULL;

  type_into (f->editor, INJ_FIELD_CORPORATE_NUMBER, "4010001234560");
  expected = inj_problem_message (INJ_FIELD_CORPORATE_NUMBER,
                                  INJ_PROBLEM_CORPORATE_NUMBER_CHECK_DIGIT, d);
  g_assert_cmpstr (inj_delegation_editor_get_message (f->editor, INJ_FIELD_CORPORATE_NUMBER), ==, expected);
  g_assert_true (gtk_widget_has_css_class (inj_delegation_editor_get_entry (f->editor, INJ_FIELD_CORPORATE_NUMBER),
                                           "error"));

  type_into (f->editor, INJ_FIELD_CORPORATE_NUMBER, "4010001234567");
  g_assert_cmpstr (inj_delegation_editor_get_message (f->editor, INJ_FIELD_CORPORATE_NUMBER), ==, "");
}

static void
test_wareki (Fixture *f,
             gconstpointer data)
{
  type_into (f->editor, INJ_FIELD_PERIOD_START, "2027-04-01");
  g_assert_nonnull (strstr (inj_delegation_editor_get_hint (f->editor, INJ_FIELD_PERIOD_START), "令和9年4月1日"));
  type_into (f->editor, INJ_FIELD_PERIOD_START, "2027-02-30");
  g_assert_cmpstr (inj_delegation_editor_get_hint (f->editor, INJ_FIELD_PERIOD_START), ==, "");
  g_assert_cmpstr (inj_delegation_editor_get_message (f->editor, INJ_FIELD_PERIOD_START), !=, "");
}

static void
test_kind_switch (Fixture *f,
                  gconstpointer data)
{
  GtkWidget *number = inj_delegation_editor_get_entry (f->editor, INJ_FIELD_CORPORATE_NUMBER);
  GtkWidget *trade = inj_delegation_editor_get_entry (f->editor, INJ_FIELD_TRADE_NAME);

  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (number)));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (trade)));
  inj_delegation_editor_set_kind (f->editor, INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR);
  g_assert_cmpint (inj_delegation_get_principal_kind (inj_delegation_editor_get_delegation (f->editor)), ==,
                   INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (number)));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (trade)));
}

static void
test_save_action (Fixture *f,
                  gconstpointer data)
{
  GtkWidget *button = inj_delegation_editor_get_save_button (f->editor);
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (f->editor));
  g_assert_false (inj_delegation_editor_can_save (f->editor));
  g_assert_false (gtk_widget_is_sensitive (button));
  fill_corporation (f->editor);
  {
    g_autoptr(GDateTime) now = inj_date_now ();
    g_autoptr(GPtrArray) problems = inj_delegation_validate (inj_delegation_editor_get_delegation (f->editor), now);
    for (guint i = 0; i < problems->len; i++)
      g_test_message ("problem: %s", ((InjProblem *) g_ptr_array_index (problems, i))->message);
    g_assert_cmpuint (problems->len, ==, 0);
  }
  g_assert_true (inj_delegation_editor_can_save (f->editor));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (gtk_widget_is_sensitive (button));

  type_into (f->editor, INJ_FIELD_CORPORATE_NUMBER, "4010001234560");
  g_assert_false (inj_delegation_editor_can_save (f->editor));
  g_assert_false (gtk_widget_is_sensitive (button));
  gtk_window_set_child (GTK_WINDOW (window), NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_saved (InjDelegationEditor *editor,
          gpointer data)
{
  (*(guint *) data)++;
}

static gboolean
saved_once (gpointer data)
{
  return *(guint *) data > 0;
}

static void
test_draft (Fixture *f,
            gconstpointer data)
{
  InjDelegation *d = inj_delegation_editor_get_delegation (f->editor);
  g_autofree char *name = g_strconcat (inj_delegation_get_text (d, INJ_FIELD_DELEGATION_ID), ".ini", NULL);
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup (inj_delegation_get_text (d, INJ_FIELD_DELEGATION_ID));
  InjDelegationEditor *again;
  GStatBuf st;
  guint saved = 0;

  g_signal_connect (f->editor, "draft-saved", G_CALLBACK (on_saved), &saved);
  type_into (f->editor, INJ_FIELD_CORPORATE_NAME, "テスト");
  type_into (f->editor, INJ_FIELD_CORPORATE_NAME, "テスト商事");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS)); /* debounced */
  g_assert_true (test_ui_wait_until (saved_once, &saved, 5000));
  g_assert_cmpuint (saved, ==, 1); /* two changes, one write */

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "[principal]"));
  g_assert_nonnull (strstr (contents, "kind=corporation"));
  g_assert_nonnull (strstr (contents, "corporate-name=テスト商事"));

  /* A window opened later finds the draft. */
  again = INJ_DELEGATION_EDITOR (g_object_ref_sink (inj_delegation_editor_new (f->dir)));
  d = inj_delegation_editor_get_delegation (again);
  g_assert_cmpstr (inj_delegation_get_text (d, INJ_FIELD_DELEGATION_ID), ==, id);
  g_assert_cmpstr (inj_delegation_get_text (d, INJ_FIELD_CORPORATE_NAME), ==, "テスト商事");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (inj_delegation_editor_get_entry (again, INJ_FIELD_CORPORATE_NAME))),
                   ==, "テスト商事");
  g_assert_finalize_object (again);
}

static void
test_draft_on_close (Fixture *f,
                     gconstpointer data)
{
  InjDelegation *d = inj_delegation_editor_get_delegation (f->editor);
  g_autofree char *name = g_strconcat (inj_delegation_get_text (d, INJ_FIELD_DELEGATION_ID), ".ini", NULL);
  g_autofree char *path = g_build_filename (f->dir, name, NULL);

  inj_delegation_editor_set_draft_delay (f->editor, 60000);
  type_into (f->editor, INJ_FIELD_AGENT_NAME, "検証 花子");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_finalize_object (g_steal_pointer (&f->editor));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

int
main (int argc,
      char *argv[])
{
  test_ui_init (&argc, &argv);
  g_test_add ("/ui/editor/template", Fixture, NULL, fixture_set_up, test_template, fixture_tear_down);
  g_test_add ("/ui/editor/check-digit", Fixture, NULL, fixture_set_up, test_check_digit, fixture_tear_down);
  g_test_add ("/ui/editor/wareki", Fixture, NULL, fixture_set_up, test_wareki, fixture_tear_down);
  g_test_add ("/ui/editor/kind", Fixture, NULL, fixture_set_up, test_kind_switch, fixture_tear_down);
  g_test_add ("/ui/editor/save-action", Fixture, NULL, fixture_set_up, test_save_action, fixture_tear_down);
  g_test_add ("/ui/editor/draft", Fixture, NULL, fixture_set_up, test_draft, fixture_tear_down);
  g_test_add ("/ui/editor/draft-on-close", Fixture, NULL, fixture_set_up, test_draft_on_close, fixture_tear_down);
  return test_ui_run ();
}
