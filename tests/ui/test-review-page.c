/* test-review-page.c: what will be signed, its states, and personal data
 * masked unless the person reveals it (and masked again on the privacy
 * lock). No card needed. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-flow.h"
#include "inj-review-page.h"
#include "inj-window.h"
#include "test-sign-support.h"
#include "test-ui-support.h"

typedef struct {
  char *dir;
  InjSession *session;
  GtkWindow *window;
  InjReviewPage *page;
} Fixture;

static gboolean
session_loaded (gpointer data)
{
  return inj_session_get_monitor (data) || inj_session_get_monitor_error (data);
}

static void
fixture_set_up (Fixture *f,
                gconstpointer data)
{
  f->dir = test_ui_tmpdir ();
  f->session = inj_session_new (NULL, NULL, f->dir);
  test_session_trust_personas (f->session);
  f->page = INJ_REVIEW_PAGE (inj_review_page_new (f->session));
  g_object_ref (f->page);
  f->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref (f->window);
  gtk_window_set_default_size (f->window, 900, 1000);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
}

static void
fixture_tear_down (Fixture *f,
                   gconstpointer data)
{
  gtk_window_destroy (f->window);
  g_assert_finalize_object (f->window);
  g_assert_finalize_object (f->page);
  g_assert_true (test_ui_wait_until (session_loaded, f->session, 30000));
  test_ui_drain (G_OBJECT (f->session));
  g_assert_finalize_object (f->session);
  test_ui_rmtree (f->dir);
  g_free (f->dir);
}

static gboolean
no_wait (gpointer data)
{
  return FALSE;
}

static void
screenshot (Fixture *f,
            const char *name)
{
  test_ui_wait_until (no_wait, NULL, 300);
  test_ui_screenshot (GTK_WIDGET (f->window), name);
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, type);
      if (found)
        return found;
    }
  return NULL;
}

static gboolean
contains (const char *haystack,
          const char *needle)
{
  return strstr (haystack, needle) != NULL;
}

static void
test_states (Fixture *f,
             gconstpointer data)
{
  g_autoptr(InjDelegation) d = test_delegation_new ();
  const char *text;

  g_assert_cmpint (inj_review_page_get_state (f->page), ==, INJ_REVIEW_STATE_NO_DELEGATION);
  g_assert_cmpstr (inj_review_page_get_text (f->page), ==, "");
  screenshot (f, "review-empty");

  inj_session_set_delegation (f->session, d);
  g_assert_cmpint (inj_review_page_get_state (f->page), ==, INJ_REVIEW_STATE_NO_SUBMISSION);
  text = inj_review_page_get_text (f->page);
  /* exactly what is signed: the ID the client chose, the service's items */
  g_assert_true (contains (text, inj_delegation_get_text (inj_session_get_delegation (f->session),
                                                          INJ_FIELD_DELEGATION_ID)));
  g_assert_true (contains (text, "テスト商事株式会社"));
  g_assert_true (contains (text, "法人税及び消費税の電子申告に関する一切の権限"));
  g_assert_true (contains (text, inj_delegation_get_text (d, INJ_FIELD_SERVICE_NAME)));
  g_assert_true (contains (text, inj_field_label (INJ_FIELD_POLICY_URL)));
  /* a delegation that does not say whether the agent may delegate further
   * has no line for it */
  g_assert_false (contains (text, "復代理"));

  test_session_add_submission (f->session);
  g_assert_cmpint (inj_review_page_get_state (f->page), ==, INJ_REVIEW_STATE_READY);
  text = inj_review_page_get_text (f->page);
  g_assert_true (contains (text, inj_jpki_field_label (INJ_JPKI_ADDRESS)));

  /* a new delegation drops the submission made for the old one */
  {
    g_autoptr(InjDelegation) other = test_delegation_new ();
    inj_session_set_delegation (f->session, other);
  }
  g_assert_cmpint (inj_review_page_get_state (f->page), ==, INJ_REVIEW_STATE_NO_SUBMISSION);

  /* 復代理の可否, when chosen, is shown with what it means, after the
   * restrictions */
  {
    g_autoptr(InjDelegation) sub = test_delegation_new ();
    const char *restrictions;

    inj_delegation_set_subdelegation (sub, INJ_SUBDELEGATION_NOT_ALLOWED);
    inj_session_set_delegation (f->session, sub);
    text = inj_review_page_get_text (f->page);
    restrictions = strstr (text, "代理権の制限: ");
    g_assert_nonnull (restrictions);
    g_assert_nonnull (strstr (restrictions, "\n復代理の可否: 不可（受任者は、この委任の全部または一部を"
                                            "他の者に委任できません）\n"));
    screenshot (f, "review-subdelegation");
  }
  inj_session_set_delegation (f->session, NULL);
  g_assert_cmpint (inj_review_page_get_state (f->page), ==, INJ_REVIEW_STATE_NO_DELEGATION);
}

static void
test_masking (Fixture *f,
              gconstpointer data)
{
  g_autoptr(InjDelegation) d = test_delegation_new ();
  g_autofree char *representative = inj_render_value (d, INJ_FIELD_REPRESENTATIVE_NAME, TRUE);
  g_autofree char *agent_address = inj_render_value (d, INJ_FIELD_AGENT_ADDRESS, TRUE);
  g_autofree char *masked_name = NULL;
  g_autofree char *birth = NULL;
  GtkSwitch *reveal_switch = GTK_SWITCH (find_widget (GTK_WIDGET (f->page), GTK_TYPE_SWITCH));
  InjCertificate *agent;
  const char *cert_name, *cert_address;
  const char *text;

  inj_session_set_delegation (f->session, d);
  test_session_add_submission (f->session);
  agent = inj_session_get_agent_certificate (f->session);
  cert_name = inj_certificate_get_jpki_field (agent, INJ_JPKI_NAME);
  cert_address = inj_certificate_get_jpki_field (agent, INJ_JPKI_ADDRESS);
  masked_name = inj_mask_jpki_field (INJ_JPKI_NAME, cert_name);
  birth = inj_jpki_birth_date_display (inj_certificate_get_jpki_field (agent, INJ_JPKI_BIRTH_DATE));
  g_assert_cmpstr (cert_name, ==, "髙橋　テスト");
  g_assert_cmpstr (masked_name, !=, cert_name);

  /* masked by default */
  g_assert_nonnull (reveal_switch);
  g_assert_false (inj_session_get_reveal (f->session));
  g_assert_false (gtk_switch_get_active (reveal_switch));
  text = inj_review_page_get_text (f->page);
  /* a 法人's 代表者名 is public registry data: never masked */
  g_assert_true (contains (text, representative));
  g_assert_false (contains (text, agent_address));
  g_assert_false (contains (text, cert_name));
  g_assert_false (contains (text, cert_address));
  g_assert_false (contains (text, birth));
  g_assert_true (contains (text, masked_name));
  screenshot (f, "review-masked");

  /* the switch reveals them, through the session */
  gtk_switch_set_active (reveal_switch, TRUE);
  g_assert_true (inj_session_get_reveal (f->session));
  text = inj_review_page_get_text (f->page);
  g_assert_true (contains (text, representative));
  g_assert_true (contains (text, agent_address));
  g_assert_true (contains (text, cert_name));
  g_assert_true (contains (text, cert_address));
  g_assert_true (contains (text, birth));
  g_assert_false (contains (text, masked_name));
  screenshot (f, "review-revealed");

  /* the privacy lock hides them again, and the switch follows */
  inj_session_privacy_lock (f->session);
  g_assert_false (gtk_switch_get_active (reveal_switch));
  text = inj_review_page_get_text (f->page);
  g_assert_true (contains (text, representative));
  g_assert_false (contains (text, agent_address));
  g_assert_false (contains (text, cert_name));
  g_assert_false (contains (text, cert_address));
  g_assert_false (contains (text, birth));
  g_assert_true (contains (text, masked_name));

  /* and the session's reveal shows in the switch */
  inj_session_set_reveal (f->session, TRUE);
  g_assert_true (gtk_switch_get_active (reveal_switch));
  g_assert_true (contains (inj_review_page_get_text (f->page), cert_name));
  inj_session_set_reveal (f->session, FALSE);
  g_assert_false (contains (inj_review_page_get_text (f->page), cert_name));
}

/* In the window: the page is the flow's third step, Back and Next around
 * it move the flow on, and the window gave the session its password
 * dialog. */
static void
test_in_window (void)
{
  g_autofree char *dir = test_ui_tmpdir ();
  InjSession *session = inj_session_new (NULL, NULL, dir);
  g_autoptr(InjDelegation) d = test_delegation_new ();
  InjWindow *window;
  GtkStack *stack;
  GtkWidget *review, *back, *next;
  InjFlow *flow;

  test_session_trust_personas (session);
  window = INJ_WINDOW (inj_window_new_for_session (NULL, session));
  g_object_ref (window);
  stack = inj_window_get_stack (window);
  flow = INJ_FLOW (inj_window_get_flow (window));
  review = inj_window_get_review_page (window);
  g_assert_true (INJ_IS_REVIEW_PAGE (review));
  g_assert_nonnull (inj_window_get_sign_page (window));
  g_assert_true (inj_flow_get_page (flow, INJ_FLOW_STEP_REVIEW) == review);
  /* in the clamp that keeps its action bar next to it */
  g_assert_nonnull (gtk_widget_get_ancestor (review, ADW_TYPE_CLAMP));
  g_assert_nonnull (inj_session_get_interaction (session));
  back = inj_flow_get_back_button (flow);
  next = inj_flow_get_next_button (flow);
  gtk_window_present (GTK_WINDOW (window));

  /* nothing to review yet: Next waits, Back goes to the editor */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "review"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "flow");
  g_assert_cmpint (inj_flow_get_step (flow), ==, INJ_FLOW_STEP_REVIEW);
  g_assert_false (gtk_widget_get_sensitive (next));
  g_assert_true (gtk_widget_get_sensitive (back));
  g_signal_emit_by_name (back, "clicked");
  g_assert_cmpint (inj_flow_get_step (flow), ==, INJ_FLOW_STEP_EDITOR);

  inj_session_set_delegation (session, d);
  test_session_add_submission (session);
  g_assert_cmpint (inj_review_page_get_state (INJ_REVIEW_PAGE (review)), ==,
                   INJ_REVIEW_STATE_READY);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "review"));
  g_assert_true (gtk_widget_get_sensitive (next));
  g_signal_emit_by_name (next, "clicked");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "flow");
  g_assert_cmpint (inj_flow_get_step (flow), ==, INJ_FLOW_STEP_SIGN);
  /* never personal data in the title */
  inj_session_set_reveal (session, TRUE);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Ininjo");

  gtk_window_destroy (GTK_WINDOW (window));
  test_ui_drain (G_OBJECT (window));
  g_assert_finalize_object (window);
  g_assert_true (test_ui_wait_until (session_loaded, session, 30000));
  test_ui_drain (G_OBJECT (session));
  g_assert_finalize_object (session);
  test_ui_rmtree (dir);
}

int
main (int argc,
      char *argv[])
{
  test_ui_init (&argc, &argv);
  g_test_add ("/ui/review-page/states", Fixture, NULL, fixture_set_up, test_states,
              fixture_tear_down);
  g_test_add ("/ui/review-page/masking", Fixture, NULL, fixture_set_up, test_masking,
              fixture_tear_down);
  g_test_add_func ("/ui/review-page/in-window", test_in_window);
  return test_ui_run ();
}
