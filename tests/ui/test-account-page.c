/* test-account-page.c: 利用者情報 in the window, against the local service
 * with a file key: without an account, the page says what comes first;
 * with one (registered on the operator's page, confirmed), its 基本情報
 * verified and shown with the personal items masked until asked, its state
 * as a pill and the card bound to it. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-account-page.h"
#include "inj-window.h"
#include "test-service-support.h"
#include "test-ui-support.h"

static gboolean
stack_settled (gpointer data)
{
  return !gtk_stack_get_transition_running (data);
}

static gboolean
no_wait (gpointer data)
{
  return FALSE;
}

static void
screenshot (GtkWidget *window,
            const char *name)
{
  g_assert_true (test_ui_wait_until (stack_settled, inj_window_get_stack (INJ_WINDOW (window)), 5000));
  test_ui_wait_until (no_wait, NULL, 200);
  test_ui_screenshot (window, name);
}

typedef struct {
  InjSession *session;
  InjWindow *window;
  InjAccountPage *page;
} Shown;

static void
show_page (Shown *s,
           TestService *svc)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(InjCardMonitor) monitor = inj_card_monitor_new (NULL, &error);

  g_assert_no_error (error);
  s->session = inj_session_new (monitor, NULL, NULL);
  test_settings_for_service (inj_session_get_settings (s->session), svc, FALSE);
  g_settings_set_boolean (inj_session_get_settings (s->session), "reveal-personal-data", FALSE);
  s->window = INJ_WINDOW (inj_window_new_for_session (NULL, s->session));
  g_object_ref (s->window);
  gtk_window_set_default_size (GTK_WINDOW (s->window), 1000, 760);
  s->page = INJ_ACCOUNT_PAGE (inj_window_get_account_page (s->window));
  gtk_window_present (GTK_WINDOW (s->window));
  gtk_stack_set_visible_child_name (inj_window_get_stack (s->window), "account");
  g_assert_true (test_ui_wait_until (test_ui_mapped, s->page, 5000));
  /* mapped: the page asks the service */
  g_assert_true (test_wait_property_not (s->page, "busy", TRUE, 20000));
}

static void
close_page (Shown *s)
{
  gtk_window_destroy (GTK_WINDOW (s->window));
  test_ui_drain (G_OBJECT (s->window));
  g_assert_finalize_object (s->window);
  test_ui_drain (G_OBJECT (s->session));
  g_assert_finalize_object (s->session);
}

static void
test_no_account (void)
{
  /* --confirm-accounts: no account registered beforehand */
  const char *args[] = { "--confirm-accounts", "manual", NULL };
  g_autoptr(TestService) svc = test_service_start (args);
  Shown s = { 0 };

  test_data_home_clear ();
  show_page (&s, svc);
  g_assert_false (inj_account_page_has_account (s.page));
  g_assert_cmpstr (inj_account_page_get_problem (s.page), ==,
                   "利用者情報はまだ登録されていません");
  g_assert_null (inj_account_page_get_state_text (s.page));
  screenshot (GTK_WIDGET (s.window), "account-none");
  close_page (&s);
}

static void
test_shown (void)
{
  /* the file client's account, registered on the operator's page and
   * confirmed (tests/net/net-support.c) */
  g_autoptr(TestService) svc = test_service_start (NULL);
  g_autofree char *name = test_persona_ini ("representative", "san", "name");
  g_autofree char *address = test_persona_ini ("representative", "san", "address");
  Shown s = { 0 };

  test_data_home_clear ();
  show_page (&s, svc);
  g_assert_null (inj_account_page_get_problem (s.page));
  g_assert_true (inj_account_page_has_account (s.page));
  g_assert_cmpstr (inj_account_page_get_state_text (s.page), ==, "確認済み");
  /* what the registry shows is shown; the representative's home address
   * and phone number are masked by default */
  g_assert_cmpstr (inj_account_page_get_shown (s.page, INJ_ACCOUNT_FIELD_ORGANIZATION_NAME), ==,
                   inj_account_info_get (inj_account_page_get_info (s.page),
                                         INJ_ACCOUNT_FIELD_ORGANIZATION_NAME));
  g_assert_cmpstr (inj_account_page_get_shown (s.page, INJ_ACCOUNT_FIELD_REPRESENTATIVE_ADDRESS),
                   ==, "＊＊＊＊＊＊");
  g_assert_cmpstr (inj_account_page_get_shown (s.page, INJ_ACCOUNT_FIELD_PHONE), ==,
                   "＊＊＊＊＊＊");
  g_assert_null (inj_account_page_get_shown (s.page, INJ_ACCOUNT_FIELD_BIRTH_DATE));
  g_assert_cmpuint (inj_account_page_get_n_cards (s.page), ==, 1);
  screenshot (GTK_WIDGET (s.window), "account-masked");

  /* shown on request, and masked again by the privacy lock */
  gtk_switch_set_active (GTK_SWITCH (inj_account_page_get_reveal_switch (s.page)), TRUE);
  g_assert_cmpstr (inj_account_page_get_shown (s.page, INJ_ACCOUNT_FIELD_REPRESENTATIVE_NAME), ==,
                   name);
  g_assert_cmpstr (inj_account_page_get_shown (s.page, INJ_ACCOUNT_FIELD_REPRESENTATIVE_ADDRESS),
                   ==, address);
  screenshot (GTK_WIDGET (s.window), "account-revealed");
  inj_session_privacy_lock (s.session);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (inj_account_page_get_reveal_switch (s.page))));
  g_assert_cmpstr (inj_account_page_get_shown (s.page, INJ_ACCOUNT_FIELD_REPRESENTATIVE_ADDRESS),
                   ==, "＊＊＊＊＊＊");
  close_page (&s);
}

int
main (int argc,
      char *argv[])
{
  int status;

  test_data_home_init ();
  test_ui_init (&argc, &argv);
  g_test_add_func ("/ui/account/none", test_no_account);
  g_test_add_func ("/ui/account/shown", test_shown);
  status = test_ui_run ();
  test_data_home_cleanup ();
  return status;
}
