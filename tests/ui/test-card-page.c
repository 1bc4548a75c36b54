/* test-card-page.c: the card page without a card. pcscd may not run here:
 * then the page shows its error state; with no reader, "no reader". */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-card-page.h"
#include "test-ui-support.h"

/* What a person sees: the labels of visible widgets only (a folded
 * expander's child is not in the tree). */
static void
visible_text (GtkWidget *widget,
              GString *text)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    visible_text (c, text);
}

static gboolean
no_wait (gpointer data)
{
  return FALSE;
}

/* Not ready: a plain cause, 再試行, and the card service's names (pcscd,
 * OpenSC) only behind 詳細. */
static void
assert_plain (InjCardPage *page)
{
  GString *text = g_string_new (NULL);
  GtkWidget *retry = inj_card_page_get_retry_button (page);
  GtkExpander *details = inj_card_page_get_details_expander (page);

  visible_text (GTK_WIDGET (page), text);
  g_test_message ("shown: %s", text->str);
  g_assert_null (strstr (text->str, "pcscd"));
  g_assert_null (strstr (text->str, "OpenSC"));
  g_assert_null (strstr (text->str, "PC/SC"));
  g_assert_true (gtk_widget_get_visible (retry));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (retry)), ==, _("_Retry"));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (retry)), ==, "card.retry");
  if (*inj_card_page_get_details (page))
    {
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (details)));
      g_assert_false (gtk_expander_get_expanded (details));
    }
  g_string_free (text, TRUE);
}

static gboolean
settled (gpointer data)
{
  return inj_card_page_get_state (data) != INJ_CARD_STATE_LOADING;
}

/* Worker tasks (the survey, PIN states) may still hold the monitor or be
 * about to report when the page has settled: let them finish, within 10 s,
 * before asserting that everything is released. */
static void
test_without_card (void)
{
  InjSession *session = inj_session_new (NULL, NULL, NULL);
  InjCardPage *page = INJ_CARD_PAGE (g_object_ref_sink (inj_card_page_new (session)));
  InjCardState state;

  g_assert_cmpint (inj_card_page_get_state (page), ==, INJ_CARD_STATE_LOADING);
  g_assert_cmpstr (inj_card_page_get_title (page), ==, inj_card_state_title (INJ_CARD_STATE_LOADING));
  g_assert_true (test_ui_wait_until (settled, page, 30000));

  state = inj_card_page_get_state (page);
  g_test_message ("state %d: %s (%s)", state, inj_card_page_get_title (page),
                  inj_card_page_get_details (page));
  g_assert_true (state == INJ_CARD_STATE_ERROR || state == INJ_CARD_STATE_NO_READER ||
                 state == INJ_CARD_STATE_NO_CARD);
  g_assert_cmpstr (inj_card_page_get_title (page), ==, inj_card_state_title (state));
  if (state == INJ_CARD_STATE_ERROR)
    g_assert_cmpstr (inj_card_page_get_details (page), !=, "");
  assert_plain (page);
  {
    GtkWidget *window = gtk_window_new ();

    gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
    gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
    gtk_window_present (GTK_WINDOW (window));
    test_ui_wait_until (no_wait, NULL, 300);
    test_ui_screenshot (window, "card-page-not-ready");
    gtk_window_set_child (GTK_WINDOW (window), NULL);
    gtk_window_destroy (GTK_WINDOW (window));
  }
  test_ui_drain (G_OBJECT (page));
  g_assert_finalize_object (page);
  test_ui_drain (G_OBJECT (session));
  g_assert_finalize_object (session);
}

static void
test_given_monitor (void)
{
  g_autoptr(GError) error = NULL;
  InjCardMonitor *monitor = inj_card_monitor_new (NULL, &error);
  InjSession *session;
  InjCardPage *page;

  /* OpenSC's module loads without pcscd or a reader: not being able to
   * load it is a broken installation, not a reason to skip */
  g_assert_no_error (error);
  session = inj_session_new (monitor, NULL, NULL);
  page = INJ_CARD_PAGE (g_object_ref_sink (inj_card_page_new (session)));
  g_assert_true (test_ui_wait_until (settled, page, 30000));
  g_assert_cmpint (inj_card_page_get_state (page), !=, INJ_CARD_STATE_READY);
  assert_plain (page);
  /* 再試行 looks again at once */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "card.retry", NULL));
  g_assert_cmpint (inj_card_page_get_state (page), ==, INJ_CARD_STATE_LOADING);
  g_assert_false (gtk_widget_get_visible (inj_card_page_get_retry_button (page)));
  g_assert_true (test_ui_wait_until (settled, page, 30000));
  assert_plain (page);
  test_ui_drain (G_OBJECT (page));
  g_assert_finalize_object (page);
  g_assert_finalize_object (session);
  test_ui_drain (G_OBJECT (monitor));
  g_assert_finalize_object (monitor);
}

int
main (int argc,
      char *argv[])
{
  test_ui_init (&argc, &argv);
  g_test_add_func ("/ui/card-page/without-card", test_without_card);
  g_test_add_func ("/ui/card-page/given-monitor", test_given_monitor);
  return test_ui_run ();
}
