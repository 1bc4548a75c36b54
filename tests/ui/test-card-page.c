/* test-card-page.c: the card page without a card. pcscd may not run here:
 * then the page shows its error state; with no reader, "no reader". */
#include "config.h"

#include "inj-card-page.h"
#include "test-ui-support.h"

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
