/* test-help-overlay.c: the keyboard shortcuts window (Ctrl+?), loaded by
 * GtkApplication from the resource gtk/help-overlay.ui: it is there for the
 * main window, opens from its action and the primary menu, shows the
 * application's real shortcuts, and its titles are in Japanese. */
#include "config.h"

#include "inj-application.h"
#include "inj-window.h"
#include "test-ui-support.h"

static gboolean
mapped (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static gboolean
no_wait (gpointer data)
{
  return FALSE;
}

static gboolean has (GPtrArray *array, const char *text);

/* The titles of the groups and shortcuts, and the shortcuts' actions,
 * under WIDGET, each once (the window's search page holds copies). */
static void
collect (GtkWidget *widget,
         GPtrArray *titles,
         GPtrArray *actions)
{
  if (GTK_IS_SHORTCUTS_GROUP (widget) || GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      char *title = NULL;

      g_object_get (widget, "title", &title, NULL);
      if (has (titles, title))
        g_free (title);
      else
        g_ptr_array_add (titles, title);
    }
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      char *action = NULL;

      g_object_get (widget, "action-name", &action, NULL);
      if (action == NULL || has (actions, action))
        g_free (action);
      else
        g_ptr_array_add (actions, action);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    collect (child, titles, actions);
}

static gboolean
has (GPtrArray *array,
     const char *text)
{
  for (guint i = 0; i < array->len; i++)
    if (g_strcmp0 (g_ptr_array_index (array, i), text) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autofree char *name = NULL;

      if (section && menu_has_action (section, action))
        return TRUE;
      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0)
        return TRUE;
    }
  return FALSE;
}


static void
test_help_overlay (void)
{
  g_autofree char *dir = test_ui_tmpdir ();
  g_autoptr(GError) error = NULL;
  InjApplication *app = inj_application_new ();
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) show_accels = NULL;
  GtkShortcutsWindow *overlay;
  GtkWidget *menu_button;
  InjWindow *window;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  /* GtkApplication found the resource: Ctrl+? is bound at start-up. */
  show_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                       "win.show-help-overlay");
  g_assert_true (g_strv_contains ((const char *const *) show_accels, "<Control>question"));

  window = INJ_WINDOW (inj_window_new (ADW_APPLICATION (app), dir));
  g_object_ref (window);
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));

  /* the primary menu offers it */
  menu_button = inj_window_get_menu_button (INJ_WINDOW (window));
  g_assert_nonnull (menu_button);
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)),
                                  "win.show-help-overlay"));

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (test_ui_wait_until (mapped, window, 5000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_true (test_ui_wait_until (mapped, overlay, 5000));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (overlay)) == GTK_WINDOW (window));

  /* in Japanese (the tests run with LANGUAGE=ja) */
  collect (GTK_WIDGET (overlay), titles, actions);
  g_assert_true (has (titles, "一般"));
  g_assert_true (has (titles, "設定"));
  g_assert_true (has (titles, "キーボードショートカット"));
  g_assert_true (has (titles, "終了"));
  g_assert_true (has (titles, "ダイアログ"));
  g_assert_true (has (titles, "ダイアログや設定を閉じる"));
  g_assert_false (has (titles, "General"));
  g_assert_false (has (titles, "Quit"));

  /* every shortcut shown by action is one the application binds */
  g_assert_cmpuint (actions->len, ==, 4);
  for (guint i = 0; i < actions->len; i++)
    {
      const char *action = g_ptr_array_index (actions, i);
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), action);

      g_test_message ("%s: %s", action, accels[0] ? accels[0] : "(none)");
      g_assert_nonnull (accels[0]);
    }
  g_assert_true (has (actions, "win.preferences"));
  g_assert_true (has (actions, "app.quit"));
  g_assert_true (has (actions, "win.show-help-overlay"));
  g_assert_true (has (actions, "win.new-delegation"));
  g_assert_true (has (titles, "新しい電子委任状"));
  /* Ctrl+P: the printout of the delegation on the pages that show one
   * (their own key bindings, shown by accelerator) */
  g_assert_true (has (titles, "電子委任状"));
  g_assert_true (has (titles, "電子委任状を印刷（確認・詳細のページ）"));

  test_ui_wait_until (no_wait, NULL, 300);
  test_ui_screenshot (GTK_WIDGET (overlay), "help-overlay");

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_object_unref (app);
  test_ui_rmtree (dir);
}

int
main (int argc,
      char *argv[])
{
  test_ui_init (&argc, &argv);
  g_test_add_func ("/ui/help-overlay/japanese", test_help_overlay);
  return test_ui_run ();
}
