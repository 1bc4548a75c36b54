/* test-a11y.c: every interactive control of the window (all its pages,
 * the sidebar and the welcome) and of the preferences has a visible
 * label, a tooltip or an accessible label; access keys are unique on each
 * page; Tab moves through the editor's fields; the primary menu and its
 * keyboard shortcuts. */
#include "config.h"

#include <string.h>

#include "inj-a11y.h"
#include "inj-application.h"
#include "inj-card-status-page.h"
#include "inj-flow.h"
#include "inj-pin-change-dialog.h"
#include "inj-delegation-editor.h"
#include "inj-preferences-window.h"
#include "inj-window.h"
#include "test-ui-support.h"

static gboolean
no_wait (gpointer data)
{
  return FALSE;
}

static gboolean
drawn (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

/* ---------------------------------------------------------------- the walk */

/* A row the user activates: the sidebar's, the welcome's choices. */
static gboolean
is_activatable_row (GtkWidget *w)
{
  GtkWidget *list = gtk_widget_get_parent (w);

  if (!GTK_IS_LIST_BOX_ROW (w) || !gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (w)))
    return FALSE;
  return ADW_IS_ACTION_ROW (w) ? adw_action_row_get_activatable_widget (ADW_ACTION_ROW (w)) == NULL
                               : list && gtk_widget_has_css_class (list, "navigation-sidebar");
}

static gboolean
is_control (GtkWidget *w)
{
  return is_activatable_row (w) || GTK_IS_BUTTON (w) || GTK_IS_MENU_BUTTON (w) || GTK_IS_CHECK_BUTTON (w) ||
         GTK_IS_SWITCH (w) || GTK_IS_DROP_DOWN (w) || GTK_IS_EDITABLE (w) ||
         GTK_IS_TEXT_VIEW (w) || GTK_IS_SCALE (w) || ADW_IS_COMBO_ROW (w);
}

/* Composite controls are checked as one; GTK's and libadwaita's own parts
 * (window buttons, the sidebar's rows) are theirs. */
static gboolean
is_opaque (GtkWidget *w)
{
  return GTK_IS_MENU_BUTTON (w) || GTK_IS_DROP_DOWN (w) || GTK_IS_SPIN_BUTTON (w) ||
         GTK_IS_ENTRY (w) || GTK_IS_PASSWORD_ENTRY (w) || GTK_IS_SEARCH_ENTRY (w) ||
         ADW_IS_ENTRY_ROW (w) || ADW_IS_COMBO_ROW (w) || GTK_IS_WINDOW_CONTROLS (w) ||
         GTK_IS_STACK_SIDEBAR (w) || GTK_IS_POPOVER (w);
}

static const char *
child_label (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      const char *text;
      if (GTK_IS_LABEL (c) && *gtk_label_get_text (GTK_LABEL (c)))
        return gtk_label_get_text (GTK_LABEL (c));
      if ((text = child_label (c)))
        return text;
    }
  return NULL;
}

static char *
label_of (GtkWidget *w)
{
  const char *text = gtk_widget_get_tooltip_text (w);
  g_autoptr(GList) mnemonics = gtk_widget_list_mnemonic_labels (w);

  if (text && *text)
    return g_strdup_printf ("tooltip “%s”", text);
  if ((text = inj_ui_get_accessible_label (w)) && *text)
    return g_strdup_printf ("accessible label “%s”", text);
  for (GList *l = mnemonics; l; l = l->next)
    if (GTK_IS_LABEL (l->data) && *gtk_label_get_text (l->data))
      return g_strdup_printf ("label “%s”", gtk_label_get_text (l->data));
  if (GTK_IS_BUTTON (w) && (text = gtk_button_get_label (GTK_BUTTON (w))) && *text)
    return g_strdup_printf ("button label “%s”", text);
  if (GTK_IS_CHECK_BUTTON (w) && (text = gtk_check_button_get_label (GTK_CHECK_BUTTON (w))) && *text)
    return g_strdup_printf ("check label “%s”", text);
  if (GTK_IS_MENU_BUTTON (w) && (text = gtk_menu_button_get_label (GTK_MENU_BUTTON (w))) && *text)
    return g_strdup_printf ("menu button label “%s”", text);
  if (ADW_IS_PREFERENCES_ROW (w) && *adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)))
    return g_strdup_printf ("row title “%s”", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)));
  /* a row names the widget it activates */
  for (GtkWidget *p = gtk_widget_get_parent (w); p; p = gtk_widget_get_parent (p))
    if (ADW_IS_ACTION_ROW (p))
      {
        if (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (p)) == w)
          return g_strdup_printf ("row title “%s”",
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (p)));
        break;
      }
  if (GTK_IS_BUTTON (w) && (text = child_label (w)))
    return g_strdup_printf ("button text “%s”", text);
  return NULL;
}

/* A button that shows only an icon needs an accessible label of its own,
 * besides its tooltip. */
static gboolean
is_icon_only (GtkWidget *w)
{
  if (GTK_IS_MENU_BUTTON (w))
    return gtk_menu_button_get_label (GTK_MENU_BUTTON (w)) == NULL &&
           gtk_menu_button_get_child (GTK_MENU_BUTTON (w)) == NULL;
  return GTK_IS_BUTTON (w) && !GTK_IS_MENU_BUTTON (gtk_widget_get_parent (w)) &&
         gtk_button_get_label (GTK_BUTTON (w)) == NULL && child_label (w) == NULL;
}

static char *
path_of (GtkWidget *w)
{
  GString *path = g_string_new (G_OBJECT_TYPE_NAME (w));

  for (GtkWidget *p = gtk_widget_get_parent (w); p; p = gtk_widget_get_parent (p))
    g_string_prepend (g_string_prepend (path, " > "), G_OBJECT_TYPE_NAME (p));
  return g_string_free (path, FALSE);
}

static void
walk (GtkWidget *widget,
      guint *checked,
      GString *unlabelled)
{
  if (is_control (widget))
    {
      g_autofree char *label = label_of (widget);
      (*checked)++;
      if (label == NULL)
        {
          g_autofree char *path = path_of (widget);
          g_string_append_printf (unlabelled, "\n  %s", path);
        }
      else if (is_icon_only (widget) && inj_ui_get_accessible_label (widget) == NULL)
        {
          g_autofree char *path = path_of (widget);
          g_string_append_printf (unlabelled, "\n  %s (icon only, no accessible label)", path);
        }
      else
        g_test_message ("%s: %s", G_OBJECT_TYPE_NAME (widget), label);
    }
  if (is_opaque (widget))
    return;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    walk (c, checked, unlabelled);
}

static guint
count_unlabelled (GtkWidget *root)
{
  g_autoptr(GString) unlabelled = g_string_new (NULL);
  guint checked = 0;
  guint n = 0;

  walk (root, &checked, unlabelled);
  for (const char *p = unlabelled->str; (p = strstr (p, "\n  ")); p++)
    n++;
  return n;
}

static guint
assert_all_labelled (GtkWidget *root,
                     guint at_least)
{
  g_autoptr(GString) unlabelled = g_string_new (NULL);
  guint checked = 0;

  walk (root, &checked, unlabelled);
  g_test_message ("%u controls in %s", checked, G_OBJECT_TYPE_NAME (root));
  if (unlabelled->len)
    g_error ("controls without a label, tooltip or accessible label:%s", unlabelled->str);
  g_assert_cmpuint (checked, >=, at_least);
  return checked;
}

/* Only the pages: the window's own search entry is libadwaita's. */
static void
assert_pages_labelled (GtkWidget *widget,
                       guint *pages,
                       guint *checked)
{
  if (ADW_IS_PREFERENCES_PAGE (widget))
    {
      guint n = assert_all_labelled (widget, 0);
      if (n)
        (*pages)++;
      *checked += n;
      return;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    assert_pages_labelled (c, pages, checked);
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_type (c, type);
      if (found)
        return found;
    }
  return NULL;
}

/* ---------------------------------------------------------------- tests */

typedef struct {
  char *dir;
  InjApplication *app;
  InjWindow *window;
} Fixture;

static void
fixture_set_up (Fixture *f,
                gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = test_ui_tmpdir ();
  f->app = inj_application_new ();
  g_application_set_flags (G_APPLICATION (f->app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (f->app), NULL, &error));
  g_assert_no_error (error);
  f->window = INJ_WINDOW (inj_window_new (ADW_APPLICATION (f->app), f->dir));
  g_object_ref (f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (test_ui_wait_until (drawn, f->window, 5000));
}

static void
fixture_tear_down (Fixture *f,
                   gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_finalize_object (f->window);
  g_clear_object (&f->app);
  test_ui_rmtree (f->dir);
  g_free (f->dir);
}

static void
test_window_labelled (Fixture *f,
                      gconstpointer data)
{
  GtkStack *stack = inj_window_get_stack (f->window);
  GtkWidget *status = gtk_stack_get_child_by_name (stack, "card-status");

  g_assert_nonnull (gtk_stack_get_child_by_name (stack, "flow"));
  g_assert_true (status == inj_window_get_card_status_page (f->window));
  g_assert_true (gtk_widget_is_ancestor (inj_window_get_card_page (f->window), status));
  g_assert_true (gtk_widget_is_ancestor (inj_window_get_support_page (f->window), status));
  g_assert_true (gtk_widget_is_ancestor (inj_window_get_diagnostics_page (f->window), status));
  /* the sidebar, the header bars and the welcome are walked too */
  g_assert_true (gtk_widget_is_ancestor (inj_window_get_sidebar (f->window), GTK_WIDGET (f->window)));
  g_assert_true (gtk_widget_is_ancestor (inj_window_get_welcome (f->window), GTK_WIDGET (f->window)));
  /* the editor alone has more than twenty */
  assert_all_labelled (GTK_WIDGET (f->window), 25);
  /* five pages and 利用者情報 */
  g_assert_cmpuint (assert_all_labelled (inj_window_get_sidebar (f->window), 6), ==, 6);
  g_assert_cmpuint (assert_all_labelled (inj_window_get_welcome (f->window), 3), ==, 3);
  assert_all_labelled (inj_window_get_content_header (f->window), 2);
}

/* ---------------------------------------------------------------- access keys */

/* The access keys of the widgets shown in @widget, letter by letter:
 * hidden widgets and the pages of a stack not shown are left out. */
static void
collect_mnemonics (GtkWidget *widget,
                   gboolean root,
                   GHashTable *keys)
{
  if (!root && (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget)))
    return;
  if (GTK_IS_POPOVER (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_label_get_use_underline (GTK_LABEL (widget)))
    {
      guint key = gtk_label_get_mnemonic_keyval (GTK_LABEL (widget));
      if (key != GDK_KEY_VoidSymbol && key != 0)
        {
          gpointer k = GUINT_TO_POINTER (gdk_keyval_to_lower (key));
          GPtrArray *texts = g_hash_table_lookup (keys, k);
          if (texts == NULL)
            g_hash_table_insert (keys, k, (texts = g_ptr_array_new ()));
          g_ptr_array_add (texts, (gpointer) gtk_label_get_label (GTK_LABEL (widget)));
        }
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_mnemonics (c, FALSE, keys);
}

static void
free_texts (gpointer data)
{
  g_ptr_array_unref (data);
}

/* Appends to @out the letters used twice in @page with the content
 * header bar (whose keys work on every page). */
static guint
duplicate_mnemonics (InjWindow *window,
                     GtkWidget *page,
                     const char *name,
                     GString *out)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (NULL, NULL, NULL, free_texts);
  GHashTableIter iter;
  gpointer key, value;
  guint n = 0;

  collect_mnemonics (page, TRUE, keys);
  collect_mnemonics (inj_window_get_content_header (window), TRUE, keys);
  g_hash_table_iter_init (&iter, keys);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *texts = value;
      if (texts->len < 2)
        continue;
      g_string_append_printf (out, "\n  %s: %s:", name, gdk_keyval_name (GPOINTER_TO_UINT (key)));
      for (guint i = 0; i < texts->len; i++)
        g_string_append_printf (out, " “%s”", (const char *) g_ptr_array_index (texts, i));
      n++;
    }
  return n;
}

static void
test_mnemonics_unique (Fixture *f,
                       gconstpointer data)
{
  GtkStack *stack = inj_window_get_stack (f->window);
  InjCardStatusPage *status = INJ_CARD_STATUS_PAGE (inj_window_get_card_status_page (f->window));
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GtkSelectionModel) pages = gtk_stack_get_pages (stack);
  const char *const tabs[] = { "card", "support", "diagnostics" };
  GtkWidget *box, *a, *b;
  guint checked = 0;

  /* the check itself: two labels with _S in one box are found */
  box = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  a = gtk_button_new_with_mnemonic ("_Save");
  b = gtk_button_new_with_mnemonic ("_Sign");
  gtk_box_append (GTK_BOX (box), a);
  gtk_box_append (GTK_BOX (box), b);
  g_assert_cmpuint (duplicate_mnemonics (f->window, box, "box", out), ==, 1);
  gtk_widget_set_visible (b, FALSE);
  g_string_truncate (out, 0);
  g_assert_cmpuint (duplicate_mnemonics (f->window, box, "box", out), ==, 0);
  g_assert_finalize_object (box);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkStackPage *page = GTK_STACK_PAGE (item);
      const char *name = gtk_stack_page_get_name (page);

      if (gtk_stack_page_get_child (page) == GTK_WIDGET (status))
        continue;
      if (g_strcmp0 (name, "flow") == 0)
        {
          /* the flow at each of its steps: a step's page with the bars */
          InjFlow *flow = INJ_FLOW (inj_window_get_flow (f->window));
          for (InjFlowStep step = 0; step < INJ_FLOW_N_STEPS; step++)
            {
              g_autofree char *step_name = g_strdup_printf ("flow step %d", step + 1);
              inj_flow_set_step (flow, step);
              duplicate_mnemonics (f->window, gtk_stack_page_get_child (page), step_name, out);
              checked++;
            }
          continue;
        }
      duplicate_mnemonics (f->window, gtk_stack_page_get_child (page), name, out);
      checked++;
    }
  for (guint i = 0; i < G_N_ELEMENTS (tabs); i++)
    {
      g_assert_true (inj_card_status_page_set_tab (status, tabs[i]));
      duplicate_mnemonics (f->window, GTK_WIDGET (status), tabs[i], out);
      checked++;
    }
  g_assert_cmpuint (checked, >=, 11);
  if (out->len)
    g_error ("access keys used twice on one page:%s", out->str);
}

static void
test_preferences_labelled (Fixture *f,
                           gconstpointer data)
{
  GtkWidget *prefs;
  guint pages = 0;
  guint checked = 0;

  g_assert_null (inj_window_get_preferences (f->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.preferences", NULL));
  prefs = inj_window_get_preferences (f->window);
  g_assert_true (INJ_IS_PREFERENCES_WINDOW (prefs));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (prefs)) == GTK_WINDOW (f->window));
  /* it edits the session's settings */
  g_assert_true (inj_preferences_window_get_settings (INJ_PREFERENCES_WINDOW (prefs)) ==
                 inj_session_get_settings (inj_window_get_session (f->window)));
  assert_pages_labelled (prefs, &pages, &checked);
  g_assert_cmpuint (pages, ==, 3);
  g_assert_cmpuint (checked, >=, 10);
  /* once open, the action shows the same window */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.preferences", NULL));
  g_assert_true (inj_window_get_preferences (f->window) == prefs);
  gtk_window_destroy (GTK_WINDOW (prefs));
  test_ui_wait_until (no_wait, NULL, 50);
  g_assert_null (inj_window_get_preferences (f->window));
}

/* The dialog that changes a PIN: its three entries (named by their rows'
 * titles), キャンセル and 変更, for each PIN. Made without a card (there is
 * none here): its form is built all the same, only not shown. */
static void
test_pin_change_labelled (Fixture *f,
                          gconstpointer data)
{
  for (InjPinKind pin = INJ_PIN_AUTH; pin <= INJ_PIN_SIGN; pin++)
    {
      InjPinChangeDialog *dialog =
        INJ_PIN_CHANGE_DIALOG (inj_pin_change_dialog_new (GTK_WINDOW (f->window), NULL, pin));

      g_object_ref (dialog);
      gtk_window_present (GTK_WINDOW (dialog));
      g_assert_true (test_ui_wait_until (drawn, dialog, 5000));
      for (InjPinChangeEntry e = INJ_PIN_CHANGE_ENTRY_CURRENT; e <= INJ_PIN_CHANGE_ENTRY_AGAIN; e++)
        {
          g_autofree char *label = label_of (GTK_WIDGET (inj_pin_change_dialog_get_entry (dialog, e)));
          g_assert_nonnull (label);
          g_assert_nonnull (strstr (label, pin == INJ_PIN_SIGN ? "パスワード" : "暗証番号"));
        }
      assert_all_labelled (GTK_WIDGET (dialog), 5);
      gtk_window_destroy (GTK_WINDOW (dialog));
      g_assert_finalize_object (dialog);
    }
}

static GtkWidget *
focus_in (Fixture *f)
{
  return gtk_root_get_focus (GTK_ROOT (f->window));
}

static void
assert_focus_in (Fixture *f,
                 GtkWidget *expected)
{
  GtkWidget *focus = focus_in (f);

  g_assert_nonnull (focus);
  if (focus != expected && !gtk_widget_is_ancestor (focus, expected))
    {
      g_autofree char *path = path_of (focus);
      g_error ("the focus is on %s, not in %s", path, G_OBJECT_TYPE_NAME (expected));
    }
}

static void
test_tab_order (Fixture *f,
                gconstpointer data)
{
  InjDelegationEditor *editor = INJ_DELEGATION_EDITOR (inj_window_get_editor (f->window));
  GtkWidget *kind = find_type (GTK_WIDGET (editor), GTK_TYPE_DROP_DOWN);
  GtkWidget *number = inj_delegation_editor_get_entry (editor, INJ_FIELD_CORPORATE_NUMBER);
  GtkWidget *name = inj_delegation_editor_get_entry (editor, INJ_FIELD_CORPORATE_NAME);
  GtkWidget *address = inj_delegation_editor_get_entry (editor, INJ_FIELD_HEAD_OFFICE_ADDRESS);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s",
                                             "editor"));
  test_ui_wait_until (no_wait, NULL, 100);
  g_assert_nonnull (kind);
  g_assert_true (gtk_widget_grab_focus (kind));
  assert_focus_in (f, kind);

  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD));
  assert_focus_in (f, number);
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD));
  assert_focus_in (f, name);
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD));
  assert_focus_in (f, address);
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_BACKWARD));
  assert_focus_in (f, name);
}

static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      if (section && menu_has_action (section, action))
        return TRUE;
      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_menu_and_shortcuts (Fixture *f,
                         gconstpointer data)
{
  g_auto(GStrv) quit = gtk_application_get_accels_for_action (GTK_APPLICATION (f->app), "app.quit");
  g_auto(GStrv) prefs = gtk_application_get_accels_for_action (GTK_APPLICATION (f->app),
                                                               "win.preferences");
  GtkWidget *menu_button = inj_window_get_menu_button (f->window);
  GMenuModel *menu;
  GList *toplevels;
  AdwAboutWindow *about = NULL;

  g_assert_true (g_strv_contains ((const char *const *) quit, "<Control>q"));
  g_assert_true (g_strv_contains ((const char *const *) prefs, "<Control>comma"));

  /* the primary menu: an icon with a tooltip, Preferences, About, Quit */
  g_assert_nonnull (menu_button);
  g_assert_cmpstr (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (menu_button)), ==, "open-menu-symbolic");
  g_assert_nonnull (gtk_widget_get_tooltip_text (menu_button));
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button));
  g_assert_true (menu_has_action (menu, "win.preferences"));
  g_assert_true (menu_has_action (menu, "win.about"));
  g_assert_true (menu_has_action (menu, "app.quit"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (f->app), "quit"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.about", NULL));
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l; l = l->next)
    if (ADW_IS_ABOUT_WINDOW (l->data))
      about = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_name (about), ==, "Ininjo");
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (f->window));
  test_ui_wait_until (no_wait, NULL, 300);
  gtk_window_destroy (GTK_WINDOW (about));
}

/* The check itself finds what it must. */
static void
test_checker (void)
{
  GtkWidget *box = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  GtkWidget *icon = gtk_button_new_from_icon_name ("edit-clear-symbolic");
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *label = gtk_label_new_with_mnemonic ("_Name");
  GtkWidget *text = gtk_button_new_with_label ("Save");

  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), text);
  g_assert_cmpuint (count_unlabelled (box), ==, 2);
  gtk_box_append (GTK_BOX (box), label);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  g_assert_cmpuint (count_unlabelled (box), ==, 1);
  /* a tooltip alone is not enough for an icon */
  gtk_widget_set_tooltip_text (icon, "Clear");
  g_assert_cmpuint (count_unlabelled (box), ==, 1);
  inj_ui_set_accessible_label (icon, "Clear the field");
  g_assert_cmpstr (inj_ui_get_accessible_label (icon), ==, "Clear the field");
  g_assert_cmpuint (count_unlabelled (box), ==, 0);
  g_assert_finalize_object (box);
}

int
main (int argc,
      char *argv[])
{
  test_ui_init (&argc, &argv);
  g_test_add_func ("/ui/a11y/checker", test_checker);
#define ADD(path, func) g_test_add ("/ui/a11y/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("window-labelled", test_window_labelled);
  ADD ("preferences-labelled", test_preferences_labelled);
  ADD ("pin-change-labelled", test_pin_change_labelled);
  ADD ("tab-order", test_tab_order);
  ADD ("mnemonics-unique", test_mnemonics_unique);
  ADD ("menu-and-shortcuts", test_menu_and_shortcuts);
  return test_ui_run ();
}
