/* test-window.c: the main window, its pages, and a picture of each. */
#include "config.h"

#include "inj-card-page.h"
#include "inj-delegation-editor.h"
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
test_window (void)
{
  g_autofree char *dir = test_ui_tmpdir ();
  InjWindow *window = INJ_WINDOW (inj_window_new (NULL, dir));
  GtkStack *stack = inj_window_get_stack (window);
  GtkWidget *editor = inj_window_get_editor (window);
  GtkWidget *card = inj_window_get_card_page (window);

  g_object_ref (window);
  g_assert_true (INJ_IS_DELEGATION_EDITOR (editor));
  g_assert_true (INJ_IS_CARD_PAGE (card));
  /* Never personal data in the title. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Ininjo");

  gtk_window_present (GTK_WINDOW (window));
  /* the editor is the first step of the flow */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "editor"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "flow");
  g_assert_true (test_ui_wait_until (drawn, editor, 5000));
  test_ui_wait_until (no_wait, NULL, 300);
  test_ui_screenshot (GTK_WIDGET (window), "editor");

  gtk_stack_set_visible_child_name (stack, "card");
  g_assert_true (test_ui_wait_until (card_settled, card, 30000));
  g_assert_true (test_ui_wait_until (drawn, card, 5000));
  test_ui_wait_until (no_wait, NULL, 300);
  test_ui_screenshot (GTK_WIDGET (window), "card");

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  test_ui_rmtree (dir);
}

int
main (int argc,
      char *argv[])
{
  test_ui_init (&argc, &argv);
  g_test_add_func ("/ui/window/pages", test_window);
  return test_ui_run ();
}
