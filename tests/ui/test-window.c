/* test-window.c: the main window's frame: the grouped sidebar and the
 * content header, the pages win.show-page reaches (the card, support and
 * diagnostics pages as tabs of one), the new-delegation button, the
 * welcome at the first start, every page's buttons inside a clamp; and a
 * picture of each. */
#include "config.h"

#include <string.h>

#include "inj-a11y.h"
#include "inj-application.h"
#include "inj-card-page.h"
#include "inj-card-status-page.h"
#include "inj-flow.h"
#include "inj-delegation-editor.h"
#include "inj-sidebar.h"
#include "inj-welcome.h"
#include "inj-window.h"
#include "test-ui-support.h"

static gboolean
card_settled (gpointer data)
{
  return inj_card_page_get_state (data) != INJ_CARD_STATE_LOADING;
}

static gboolean
drawn (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static gboolean
no_wait (gpointer data)
{
  return FALSE;
}

static void
show (InjWindow *window,
      const char *name)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", name));
}

static const char *
visible (InjWindow *window)
{
  return gtk_stack_get_visible_child_name (inj_window_get_stack (window));
}

static const char *
sidebar_page (InjWindow *window)
{
  return inj_sidebar_get_page (INJ_SIDEBAR (inj_window_get_sidebar (window)));
}

static gboolean
gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* The window, then its session: the session loads its card monitor off
 * the main thread, and nothing of it may still run when the program ends
 * (the sanitized build reported what such a thread held as leaked). */
static void
close_window (InjWindow *window)
{
  gpointer session = inj_window_get_session (window);

  g_object_add_weak_pointer (G_OBJECT (session), &session);
  gtk_window_destroy (GTK_WINDOW (window));
  test_ui_drain (G_OBJECT (window));
  g_assert_finalize_object (window);
  g_assert_true (test_ui_wait_until (gone, &session, 30000));
}

static void
test_window (void)
{
  g_autofree char *dir = test_ui_tmpdir ();
  InjWindow *window = INJ_WINDOW (inj_window_new (NULL, dir));
  GtkWidget *editor = inj_window_get_editor (window);
  GtkWidget *card = inj_window_get_card_page (window);
  InjCardStatusPage *status = INJ_CARD_STATUS_PAGE (inj_window_get_card_status_page (window));
  InjSidebar *sidebar = INJ_SIDEBAR (inj_window_get_sidebar (window));
  GtkWidget *row;

  g_object_ref (window);
  g_assert_true (INJ_IS_DELEGATION_EDITOR (editor));
  g_assert_true (INJ_IS_CARD_PAGE (card));
  /* Never personal data in the title. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Ininjo");
  /* a sidebar in the navigation style, no stack sidebar */
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (inj_sidebar_get_list (sidebar)),
                                           "navigation-sidebar"));

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (test_ui_wait_until (drawn, window, 5000));
  /* a representative's window opens on the list, which the sidebar marks */
  g_assert_false (inj_window_get_welcome_shown (window));
  g_assert_cmpstr (visible (window), ==, "delegations");
  g_assert_cmpstr (sidebar_page (window), ==, "delegations");
  g_assert_cmpstr (inj_window_get_content_title (window), ==, "電子委任状一覧");
  test_ui_wait_until (no_wait, NULL, 300);
  test_ui_screenshot (GTK_WIDGET (window), "window-list");
  /* the editor is the first step of the flow, the sidebar's 作成中 entry */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "editor"));
  g_assert_cmpstr (visible (window), ==, "flow");
  g_assert_cmpstr (sidebar_page (window), ==, "flow");
  g_assert_true (test_ui_wait_until (drawn, editor, 5000));

  /* the old pages' names show the card-status page at that tab */
  show (window, "card");
  g_assert_cmpstr (visible (window), ==, "card-status");
  g_assert_cmpstr (inj_card_status_page_get_tab (status), ==, "card");
  g_assert_cmpstr (sidebar_page (window), ==, "card-status");
  g_assert_cmpstr (inj_window_get_content_title (window), ==, "カードの状態");
  g_assert_true (test_ui_wait_until (card_settled, card, 30000));
  g_assert_true (test_ui_wait_until (drawn, card, 5000));
  test_ui_wait_until (no_wait, NULL, 300);
  test_ui_screenshot (GTK_WIDGET (window), "card-status");
  show (window, "support");
  g_assert_cmpstr (inj_card_status_page_get_tab (status), ==, "support");
  g_assert_true (gtk_widget_is_ancestor (inj_window_get_support_page (window), GTK_WIDGET (status)));
  show (window, "diagnostics");
  g_assert_cmpstr (inj_card_status_page_get_tab (status), ==, "diagnostics");
  g_assert_true (gtk_widget_is_ancestor (inj_window_get_diagnostics_page (window),
                                         GTK_WIDGET (status)));
  g_assert_true (test_ui_wait_until (drawn, inj_window_get_diagnostics_page (window), 5000));

  /* every step of the representative is the sidebar's flow entry */
  show (window, "review");
  g_assert_cmpstr (visible (window), ==, "flow");
  g_assert_cmpuint (inj_flow_get_step (INJ_FLOW (inj_window_get_flow (window))), ==,
                    INJ_FLOW_STEP_REVIEW);
  g_assert_cmpstr (sidebar_page (window), ==, "flow");
  inj_sidebar_set_page (sidebar, "audit");
  g_assert_cmpstr (visible (window), ==, "audit");
  g_assert_cmpstr (inj_window_get_content_title (window), ==, "監査ログ");

  /* a row the user activates shows its page */
  row = inj_sidebar_get_row (sidebar, "agent-desk");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate (row));
  g_assert_cmpstr (visible (window), ==, "agent-desk");
  g_assert_cmpstr (inj_window_get_content_title (window), ==, "受任者として署名");

  close_window (window);
  test_ui_rmtree (dir);
}

/* 「新しい電子委任状」: in the content header on every page, it empties the
 * editor and shows it. */
static void
test_new_delegation (void)
{
  g_autofree char *dir = test_ui_tmpdir ();
  InjWindow *window = INJ_WINDOW (inj_window_new (NULL, dir));
  InjDelegationEditor *editor = INJ_DELEGATION_EDITOR (inj_window_get_editor (window));
  GtkWidget *button = inj_window_get_new_button (window);
  GtkWidget *name = inj_delegation_editor_get_entry (editor, INJ_FIELD_CORPORATE_NAME);
  g_autofree char *label = NULL;

  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (test_ui_wait_until (drawn, window, 5000));
  g_assert_true (gtk_widget_is_ancestor (button, inj_window_get_content_header (window)));
  g_assert_true (gtk_widget_has_css_class (button, "suggested-action"));
  label = test_ui_widget_text (button);
  g_assert_nonnull (strstr (label, "新しい電子委任状"));

  gtk_editable_set_text (GTK_EDITABLE (name), "テスト商事株式会社");
  show (window, "audit");
  g_assert_true (gtk_widget_is_sensitive (button) && gtk_widget_get_mapped (button));
  /* a button "clicks" a moment after it is activated, as with Enter */
  g_assert_true (gtk_widget_activate (button));
  test_ui_wait_until (no_wait, NULL, 500);
  g_assert_cmpstr (visible (window), ==, "flow");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "");
  g_assert_true (gtk_widget_is_sensitive (button) && gtk_widget_get_mapped (button));

  close_window (window);
  test_ui_rmtree (dir);
}

/* A page's actions sit in the content header while the page shows. */
static void
test_header_actions (void)
{
  g_autofree char *dir = test_ui_tmpdir ();
  InjWindow *window = INJ_WINDOW (inj_window_new (NULL, dir));
  GtkWidget *refresh = gtk_button_new_from_icon_name ("view-refresh-symbolic");
  GtkWidget *other = gtk_button_new_with_mnemonic ("_Export");

  g_object_ref (window);
  inj_window_add_header_action (window, "audit", refresh);
  inj_window_add_header_action (window, "delegations", other);
  g_assert_true (gtk_widget_is_ancestor (refresh, inj_window_get_content_header (window)));
  /* the window opens on the list */
  g_assert_false (gtk_widget_get_visible (refresh));
  g_assert_true (gtk_widget_get_visible (other));
  show (window, "audit");
  g_assert_true (gtk_widget_get_visible (refresh));
  g_assert_false (gtk_widget_get_visible (other));
  show (window, "card");
  g_assert_false (gtk_widget_get_visible (refresh));
  g_assert_false (gtk_widget_get_visible (other));

  close_window (window);
  test_ui_rmtree (dir);
}

static gboolean
folded (gpointer data)
{
  return adw_leaflet_get_folded (data);
}

static gboolean
unfolded (gpointer data)
{
  return !adw_leaflet_get_folded (data);
}

/* In a narrow window one pane shows at a time: the content header's back
 * button goes to the sidebar, and a row chosen there comes back. */
static void
test_folded (void)
{
  g_autofree char *dir = test_ui_tmpdir ();
  InjWindow *window = INJ_WINDOW (inj_window_new (NULL, dir));
  AdwLeaflet *leaflet = inj_window_get_leaflet (window);
  InjSidebar *sidebar = INJ_SIDEBAR (inj_window_get_sidebar (window));
  GtkWidget *back = inj_window_get_back_button (window);

  g_object_ref (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (test_ui_wait_until (drawn, window, 5000));
  g_assert_true (test_ui_wait_until (folded, leaflet, 5000));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "content");
  g_assert_true (gtk_widget_get_mapped (back));
  test_ui_wait_until (no_wait, NULL, 300);
  test_ui_screenshot (GTK_WIDGET (window), "window-narrow");

  g_assert_true (gtk_widget_activate (back));
  test_ui_wait_until (no_wait, NULL, 500);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "sidebar");
  test_ui_wait_until (no_wait, NULL, 300);
  test_ui_screenshot (GTK_WIDGET (window), "window-narrow-sidebar");
  g_assert_true (gtk_widget_activate (inj_sidebar_get_row (sidebar, "audit")));
  g_assert_cmpstr (visible (window), ==, "audit");
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "content");
  /* unfolded, no back button */
  gtk_window_set_default_size (GTK_WINDOW (window), 960, 720);
  g_assert_true (test_ui_wait_until (unfolded, leaflet, 5000));
  g_assert_false (gtk_widget_get_visible (back));

  close_window (window);
  test_ui_rmtree (dir);
}

/* The badges through the sidebar's own API: shown only for n > 0, and
 * said by the row's accessible label. */
static void
test_badges (void)
{
  InjSidebar *sidebar = INJ_SIDEBAR (g_object_ref_sink (inj_sidebar_new ("flow")));
  GtkWidget *pending = inj_sidebar_get_pending_badge (sidebar);
  GtkWidget *expiring = inj_sidebar_get_expiring_badge (sidebar);
  GtkWidget *list_row = inj_sidebar_get_row (sidebar, "delegations");

  g_assert_nonnull (inj_sidebar_get_row (sidebar, "flow"));
  g_assert_nonnull (inj_sidebar_get_row (sidebar, "card-status"));
  g_assert_nonnull (inj_sidebar_get_row (sidebar, "agent-desk"));
  g_assert_nonnull (inj_sidebar_get_row (sidebar, "audit"));
  g_assert_false (gtk_widget_get_visible (pending));
  g_assert_false (gtk_widget_get_visible (expiring));
  g_assert_cmpstr (inj_ui_get_accessible_label (list_row), ==, "電子委任状一覧");

  g_object_set (sidebar, "n-pending", 2u, NULL);
  g_assert_true (gtk_widget_get_visible (pending));
  g_assert_false (gtk_widget_get_visible (expiring));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (pending)), ==, "送信待ち 2");
  g_assert_cmpstr (inj_ui_get_accessible_label (list_row), ==, "電子委任状一覧、送信待ち 2");

  inj_sidebar_set_n_expiring (sidebar, 1);
  g_assert_true (gtk_widget_get_visible (expiring));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (expiring)), ==, "期限間近 1");
  g_assert_cmpstr (inj_ui_get_accessible_label (list_row), ==,
                   "電子委任状一覧、送信待ち 2、期限間近 1");

  inj_sidebar_set_n_pending (sidebar, 0);
  g_assert_false (gtk_widget_get_visible (pending));
  g_assert_cmpstr (inj_ui_get_accessible_label (list_row), ==, "電子委任状一覧、期限間近 1");
  g_assert_finalize_object (sidebar);
}

static GtkWidget *
find_row (GtkWidget *widget,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_row (c, title);
      if (found)
        return found;
    }
  return NULL;
}

/* With the start-role setting unset, the welcome asks; the choice is
 * stored and opens its page, and the next window opens there at once. */
/* ininjo --page NAME (support staff, the sentinel test): that page at once,
 * over the welcome of a first start, which stays for the next start. */
static void
test_first_page_over_welcome (void)
{
  g_autofree char *dir = test_ui_tmpdir ();
  g_autoptr(GSettings) settings = g_settings_new (INJ_APPLICATION_ID);
  InjWindow *window;
  g_autofree char *role = NULL;

  g_settings_reset (settings, "start-role");
  window = INJ_WINDOW (inj_window_new (NULL, dir));
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (test_ui_wait_until (drawn, window, 5000));
  g_assert_true (inj_window_get_welcome_shown (window));
  g_assert_false (inj_window_open_first_page (window, "no-such-page"));
  g_assert_true (inj_window_get_welcome_shown (window));
  /* a tab of the card-status page, by its old page name */
  g_assert_true (inj_window_open_first_page (window, "support"));
  g_assert_false (inj_window_get_welcome_shown (window));
  g_assert_cmpstr (visible (window), ==, "card-status");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (inj_window_get_stack (window))));
  role = g_settings_get_string (settings, "start-role");
  g_assert_cmpstr (role, ==, "unset");
  close_window (window);
  g_settings_set_string (settings, "start-role", "representative");
  test_ui_rmtree (dir);
}

static void
test_welcome (void)
{
  g_autofree char *dir = test_ui_tmpdir ();
  g_autoptr(GSettings) settings = g_settings_new (INJ_APPLICATION_ID);
  InjWindow *window;
  GtkWidget *welcome;
  GtkWidget *start_row;
  g_autofree char *role = NULL;

  g_settings_reset (settings, "start-role");
  window = INJ_WINDOW (inj_window_new (NULL, dir));
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  welcome = inj_window_get_welcome (window);
  g_assert_true (test_ui_wait_until (drawn, welcome, 5000));
  g_assert_true (inj_window_get_welcome_shown (window));
  /* its picture is the application's icon, which the program carries */
  g_assert_true (gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                          "io.github.ininjo.Ininjo"));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (inj_window_get_stack (window))));
  test_ui_wait_until (no_wait, NULL, 300);
  test_ui_screenshot (GTK_WIDGET (window), "welcome");

  g_assert_true (gtk_widget_activate (inj_welcome_get_choice (INJ_WELCOME (welcome), "agent")));
  role = g_settings_get_string (settings, "start-role");
  g_assert_cmpstr (role, ==, "agent");
  g_assert_false (inj_window_get_welcome_shown (window));
  g_assert_cmpstr (visible (window), ==, "agent-desk");
  close_window (window);

  window = INJ_WINDOW (inj_window_new (NULL, dir));
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (test_ui_wait_until (drawn, window, 5000));
  g_assert_false (inj_window_get_welcome_shown (window));
  g_assert_cmpstr (visible (window), ==, "agent-desk");
  /* as the welcome says, Preferences change it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  start_row = find_row (inj_window_get_preferences (window), "起動時に開くページ");
  g_assert_true (ADW_IS_COMBO_ROW (start_row));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (start_row)), ==, 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (start_row), 2);
  g_free (role);
  role = g_settings_get_string (settings, "start-role");
  g_assert_cmpstr (role, ==, "support");
  /* the preferences go first, and are gone before the program ends */
  {
    GtkWidget *prefs = g_object_ref (inj_window_get_preferences (window));
    gtk_window_destroy (GTK_WINDOW (prefs));
    test_ui_drain (G_OBJECT (prefs));
    g_assert_finalize_object (prefs);
  }
  close_window (window);

  /* support opens the card status */
  window = INJ_WINDOW (inj_window_new (NULL, dir));
  g_object_ref (window);
  g_assert_cmpstr (visible (window), ==, "card-status");
  close_window (window);

  g_settings_set_string (settings, "start-role", "representative");
  test_ui_rmtree (dir);
}

/* ---------------------------------------------------------------- clamps */

static void
collect_unclamped (GtkWidget *widget,
                   GtkWidget *page,
                   GString *out)
{
  if (ADW_IS_CLAMP (widget) || ADW_IS_CLAMP_SCROLLABLE (widget) || ADW_IS_VIEW_SWITCHER (widget))
    return; /* clamped below; the card-status page's tabs are its own */
  if (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget))
    {
      g_autofree char *text = test_ui_widget_text (widget);
      g_string_append_printf (out, "\n  %s: %s “%s”",
                              G_OBJECT_TYPE_NAME (page), G_OBJECT_TYPE_NAME (widget), text);
      return;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_unclamped (c, page, out);
}

/* Every page of the content stack keeps its buttons (its action bars
 * included) inside an AdwClamp, so that nothing stretches across a wide
 * window. */
static void
test_clamped (void)
{
  g_autofree char *dir = test_ui_tmpdir ();
  InjWindow *window = INJ_WINDOW (inj_window_new (NULL, dir));
  GtkStack *stack = inj_window_get_stack (window);
  g_autoptr(GString) unclamped = g_string_new (NULL);
  guint pages = 0;

  g_object_ref (window);
  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (stack)); page;
       page = gtk_widget_get_next_sibling (page), pages++)
    collect_unclamped (page, page, unclamped);
  /* the list, the flow (the five steps), the agent's desk, card status, audit */
  g_assert_cmpuint (pages, >=, 5);
  g_assert_true (ADW_IS_CLAMP (gtk_stack_get_child_by_name (stack, "flow")));
  if (unclamped->len)
    g_error ("buttons outside an AdwClamp:%s", unclamped->str);

  close_window (window);
  test_ui_rmtree (dir);
}

int
main (int argc,
      char *argv[])
{
  test_ui_init (&argc, &argv);
  g_test_add_func ("/ui/window/pages", test_window);
  g_test_add_func ("/ui/window/new-delegation", test_new_delegation);
  g_test_add_func ("/ui/window/folded", test_folded);
  g_test_add_func ("/ui/window/header-actions", test_header_actions);
  g_test_add_func ("/ui/window/badges", test_badges);
  g_test_add_func ("/ui/window/welcome", test_welcome);
  g_test_add_func ("/ui/window/first-page-over-welcome", test_first_page_over_welcome);
  g_test_add_func ("/ui/window/clamped", test_clamped);
  return test_ui_run ();
}
