/* test-flow.c: the guided flow: its step bar follows the session (what
 * each unavailable step waits for, said in its tooltip and accessible
 * description), Back and Next move and are insensitive when they should
 * be, signing opens only after Next on the review, a renewal is titled as
 * one, and "win.show-page" lands on the flow at the step named. No card
 * needed: the agent's submission is signed with the persona's software
 * key. */
#include "config.h"

#include "inj-a11y.h"
#include "inj-delegation-editor.h"
#include "inj-flow.h"
#include "inj-window.h"
#include "test-sign-support.h"
#include "test-ui-support.h"

#define WAITS_AGENT "入力を完了すると進めます"
#define WAITS_REVIEW "受任者の証明を受け取ると進めます"
#define WAITS_SIGN "内容を確認して「次へ」を押すと進めます"
#define WAITS_UPLOAD "署名すると進めます"

typedef struct {
  char *dir;
  InjSession *session;
  GtkWindow *window;
  InjFlow *flow;
} Fixture;

static gboolean
session_loaded (gpointer data)
{
  return inj_session_get_monitor (data) || inj_session_get_monitor_error (data);
}

static gboolean
no_wait (gpointer data)
{
  return FALSE;
}

static void
fixture_set_up (Fixture *f,
                gconstpointer data)
{
  f->dir = test_ui_tmpdir ();
  f->session = inj_session_new (NULL, NULL, f->dir);
  test_session_trust_personas (f->session);
  f->flow = INJ_FLOW (inj_flow_new (f->session));
  g_object_ref (f->flow);
  f->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref (f->window);
  /* the narrowest window Ininjo is made for, less a sidebar */
  gtk_window_set_default_size (f->window, 600, 700);
  gtk_window_set_child (f->window, GTK_WIDGET (f->flow));
  gtk_window_present (f->window);
}

static void
fixture_tear_down (Fixture *f,
                   gconstpointer data)
{
  gtk_window_destroy (f->window);
  g_assert_finalize_object (f->window);
  test_ui_drain (G_OBJECT (f->flow));
  g_assert_finalize_object (f->flow);
  g_assert_true (test_ui_wait_until (session_loaded, f->session, 30000));
  test_ui_drain (G_OBJECT (f->session));
  g_assert_finalize_object (f->session);
  test_ui_rmtree (f->dir);
  g_free (f->dir);
}

static void
screenshot (Fixture *f,
            const char *name)
{
  test_ui_wait_until (no_wait, NULL, 300);
  test_ui_screenshot (GTK_WIDGET (f->window), name);
}

/* A person's click, on the button itself. */
static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_get_mapped (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
assert_step (Fixture *f,
             InjFlowStep step)
{
  InjStepBar *bar = inj_flow_get_step_bar (f->flow);

  g_assert_cmpint (inj_flow_get_step (f->flow), ==, step);
  g_assert_cmpuint (inj_step_bar_get_current (bar), ==, step);
  g_assert_true (gtk_widget_get_mapped (inj_flow_get_page (f->flow, step)));
  g_assert_true (gtk_widget_has_css_class (inj_step_bar_get_button (bar, step), "current"));
}

/* Unavailable: the flow, the bar, the button's tooltip and its
 * accessible description all say what the step waits for. */
static void
assert_waits (Fixture *f,
              InjFlowStep step,
              const char *reason)
{
  InjStepBar *bar = inj_flow_get_step_bar (f->flow);
  GtkWidget *button = inj_step_bar_get_button (bar, step);

  g_assert_false (inj_flow_get_available (f->flow, step));
  g_assert_cmpstr (inj_flow_get_waits_for (f->flow, step), ==, reason);
  g_assert_false (inj_step_bar_get_available (bar, step));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, reason);
  g_assert_cmpstr (inj_step_bar_get_step_description (bar, step), ==, reason);
  if (inj_step_bar_get_current (bar) != step)
    g_assert_true (gtk_widget_has_css_class (button, "unavailable"));
  /* still a button a keyboard reaches */
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_true (gtk_widget_get_focusable (button));
}

static void
assert_available (Fixture *f,
                  InjFlowStep step)
{
  InjStepBar *bar = inj_flow_get_step_bar (f->flow);
  GtkWidget *button = inj_step_bar_get_button (bar, step);

  g_assert_true (inj_flow_get_available (f->flow, step));
  g_assert_null (inj_flow_get_waits_for (f->flow, step));
  g_assert_true (inj_step_bar_get_available (bar, step));
  g_assert_null (gtk_widget_get_tooltip_text (button));
  g_assert_null (inj_step_bar_get_step_description (bar, step));
  g_assert_false (gtk_widget_has_css_class (button, "unavailable"));
}

static void
assert_next (Fixture *f,
             gboolean sensitive,
             const char *reason)
{
  g_assert_cmpint (gtk_widget_get_sensitive (inj_flow_get_next_button (f->flow)), ==, sensitive);
  g_assert_cmpstr (inj_flow_get_next_reason (f->flow), ==, reason);
}

static const char *
step_label (Fixture *f,
            InjFlowStep step)
{
  GtkWidget *button = inj_step_bar_get_button (inj_flow_get_step_bar (f->flow), step);

  /* what a screen reader says is what the bar reports */
  g_assert_cmpstr (inj_ui_get_accessible_label (button), ==,
                   inj_step_bar_get_step_label (inj_flow_get_step_bar (f->flow), step));
  return inj_ui_get_accessible_label (button);
}

static void
test_steps (Fixture *f,
            gconstpointer data)
{
  g_autoptr(InjDelegation) d = test_delegation_new ();
  InjStepBar *bar = inj_flow_get_step_bar (f->flow);
  GtkWidget *back = inj_flow_get_back_button (f->flow);
  GtkWidget *next = inj_flow_get_next_button (f->flow);
  g_autoptr(GBytes) signed_xml = g_bytes_new_static ("<signed/>", 9);

  /* a new flow: only the input can be taken */
  g_assert_cmpuint (inj_step_bar_get_n_steps (bar), ==, INJ_FLOW_N_STEPS);
  g_assert_cmpstr (inj_ui_get_accessible_label (GTK_WIDGET (bar)), ==, "手順");
  {
    /* it fits an 800 px window beside a sidebar of 240 px */
    int min_width;
    gtk_widget_measure (GTK_WIDGET (bar), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL,
                        NULL);
    g_test_message ("the step bar needs %d px", min_width);
    g_assert_cmpint (min_width, <=, 800 - 240);
  }
  assert_step (f, INJ_FLOW_STEP_EDITOR);
  assert_available (f, INJ_FLOW_STEP_EDITOR);
  assert_waits (f, INJ_FLOW_STEP_AGENT, WAITS_AGENT);
  assert_waits (f, INJ_FLOW_STEP_REVIEW, WAITS_REVIEW);
  assert_waits (f, INJ_FLOW_STEP_SIGN, WAITS_SIGN);
  assert_waits (f, INJ_FLOW_STEP_UPLOAD, WAITS_UPLOAD);
  for (InjFlowStep s = 0; s < INJ_FLOW_N_STEPS; s++)
    g_assert_false (inj_flow_get_done (f->flow, s));
  g_assert_cmpstr (step_label (f, INJ_FLOW_STEP_EDITOR), ==, "手順 1／5：入力（現在の手順）");
  g_assert_cmpstr (step_label (f, INJ_FLOW_STEP_AGENT), ==,
                   "手順 2／5：受任者の証明（まだ進めません）");
  g_assert_false (gtk_widget_get_sensitive (back));
  assert_next (f, FALSE, WAITS_AGENT);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (next)), ==, "次へ(_N)");
  g_assert_cmpstr (inj_flow_get_title (f->flow), ==, "作成中の電子委任状");
  screenshot (f, "flow-1-empty");
  /* pressing a step that is not available goes nowhere */
  click (inj_step_bar_get_button (bar, INJ_FLOW_STEP_SIGN));
  assert_step (f, INJ_FLOW_STEP_EDITOR);

  /* 1 → 2: a complete delegation */
  inj_session_set_delegation (f->session, d);
  assert_available (f, INJ_FLOW_STEP_AGENT);
  g_assert_true (inj_flow_get_done (f->flow, INJ_FLOW_STEP_EDITOR));
  g_assert_true (gtk_widget_has_css_class (inj_step_bar_get_button (bar, INJ_FLOW_STEP_EDITOR),
                                           "done"));
  g_assert_cmpstr (step_label (f, INJ_FLOW_STEP_EDITOR), ==, "手順 1／5：入力（現在の手順・完了）");
  assert_waits (f, INJ_FLOW_STEP_REVIEW, WAITS_REVIEW);
  assert_next (f, TRUE, "");
  click (next);
  assert_step (f, INJ_FLOW_STEP_AGENT);
  g_assert_cmpstr (step_label (f, INJ_FLOW_STEP_EDITOR), ==, "手順 1／5：入力（完了）");
  g_assert_true (gtk_widget_get_sensitive (back));
  assert_next (f, FALSE, WAITS_REVIEW);
  screenshot (f, "flow-2-agent");

  /* 2 → 3: the agent's submission */
  test_session_add_submission (f->session);
  assert_available (f, INJ_FLOW_STEP_REVIEW);
  g_assert_true (inj_flow_get_done (f->flow, INJ_FLOW_STEP_AGENT));
  assert_next (f, TRUE, "");
  click (next);
  assert_step (f, INJ_FLOW_STEP_REVIEW);

  /* 3 → 4: only Next on the review opens signing */
  assert_waits (f, INJ_FLOW_STEP_SIGN, WAITS_SIGN);
  g_assert_false (inj_flow_get_done (f->flow, INJ_FLOW_STEP_REVIEW));
  assert_next (f, TRUE, "");
  screenshot (f, "flow-3-review");
  click (next);
  assert_step (f, INJ_FLOW_STEP_SIGN);
  assert_available (f, INJ_FLOW_STEP_SIGN);
  g_assert_true (inj_flow_get_done (f->flow, INJ_FLOW_STEP_REVIEW));
  assert_waits (f, INJ_FLOW_STEP_UPLOAD, WAITS_UPLOAD);
  assert_next (f, FALSE, WAITS_UPLOAD);

  /* 4 → 5: the signed delegation */
  inj_session_set_signed_delegation (f->session, signed_xml);
  assert_available (f, INJ_FLOW_STEP_UPLOAD);
  g_assert_true (inj_flow_get_done (f->flow, INJ_FLOW_STEP_SIGN));
  click (next);
  assert_step (f, INJ_FLOW_STEP_UPLOAD);
  /* the last step: nothing after it until the upload is done */
  g_assert_false (inj_flow_get_done (f->flow, INJ_FLOW_STEP_UPLOAD));
  assert_next (f, FALSE, "送信が完了すると一覧へ進めます");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (next)), ==, "次へ(_N)");
  g_assert_cmpstr (step_label (f, INJ_FLOW_STEP_SIGN), ==, "手順 4／5：署名（完了）");
  screenshot (f, "flow-5-upload");

  /* Back, and a done step pressed in the bar */
  click (back);
  assert_step (f, INJ_FLOW_STEP_SIGN);
  click (inj_step_bar_get_button (bar, INJ_FLOW_STEP_EDITOR));
  assert_step (f, INJ_FLOW_STEP_EDITOR);
  g_assert_false (gtk_widget_get_sensitive (back));
  click (inj_step_bar_get_button (bar, INJ_FLOW_STEP_UPLOAD));
  assert_step (f, INJ_FLOW_STEP_UPLOAD);

  /* another delegation: what followed is gone, the review too */
  {
    g_autoptr(InjDelegation) other = test_delegation_new ();
    inj_session_set_delegation (f->session, other);
  }
  assert_available (f, INJ_FLOW_STEP_AGENT);
  assert_waits (f, INJ_FLOW_STEP_REVIEW, WAITS_REVIEW);
  assert_waits (f, INJ_FLOW_STEP_SIGN, WAITS_SIGN);
  assert_waits (f, INJ_FLOW_STEP_UPLOAD, WAITS_UPLOAD);
  /* still where the person was; its page says what is missing */
  assert_step (f, INJ_FLOW_STEP_UPLOAD);
  assert_next (f, FALSE, WAITS_REVIEW);
  /* Back skips the steps that cannot be taken */
  click (back);
  assert_step (f, INJ_FLOW_STEP_AGENT);
  test_session_add_submission (f->session);
  assert_waits (f, INJ_FLOW_STEP_SIGN, WAITS_SIGN);

  inj_session_set_delegation (f->session, NULL);
  assert_waits (f, INJ_FLOW_STEP_AGENT, WAITS_AGENT);
  assert_next (f, FALSE, WAITS_AGENT);
}

static void
count (guint *counter)
{
  (*counter)++;
}

/* A renewal from the list is titled as one. */
static void
test_renewal_title (Fixture *f,
                    gconstpointer data)
{
  g_autoptr(InjDelegation) d = test_delegation_new ();
  InjDelegationEditor *editor =
    INJ_DELEGATION_EDITOR (inj_flow_get_page (f->flow, INJ_FLOW_STEP_EDITOR));
  g_autofree char *title = NULL;
  guint notified = 0;

  g_signal_connect_swapped (f->flow, "notify::title", G_CALLBACK (count), &notified);
  g_assert_cmpstr (inj_flow_get_title (f->flow), ==, "作成中の電子委任状");
  inj_delegation_set_text (d, INJ_FIELD_SUPERSEDES, "0b1c7e1e-7d5c-4f55-9d43-6f2b0d0d6a11");
  inj_delegation_editor_load (editor, d);
  g_assert_cmpstr (inj_flow_get_title (f->flow), ==, "更新版を作成中");
  g_object_get (f->flow, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "更新版を作成中");
  g_assert_cmpuint (notified, ==, 1);
  /* the renewal is complete: the session has it, the agent's step opens */
  g_assert_nonnull (inj_session_get_delegation (f->session));
  g_assert_true (inj_flow_get_available (f->flow, INJ_FLOW_STEP_AGENT));
}

/* In the window: the flow is one page, "flow"; "win.show-page" with a
 * step's name shows it at that step; the window's getters are its pages. */
static void
test_in_window (void)
{
  g_autofree char *dir = test_ui_tmpdir ();
  InjSession *session = inj_session_new (NULL, NULL, dir);
  InjWindow *window;
  GtkStack *stack;
  InjFlow *flow;
  const char *names[] = { "editor", "agent", "review", "sign", "upload" };

  test_session_trust_personas (session);
  window = INJ_WINDOW (inj_window_new_for_session (NULL, session));
  g_object_ref (window);
  stack = inj_window_get_stack (window);
  flow = INJ_FLOW (inj_window_get_flow (window));
  /* the page "flow" is the flow, in the clamp every page has */
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (flow), gtk_stack_get_child_by_name (stack, "flow")));
  g_assert_true (ADW_IS_CLAMP (gtk_stack_get_child_by_name (stack, "flow")));
  g_assert_cmpstr (gtk_stack_page_get_title (gtk_stack_get_page (stack, gtk_stack_get_child_by_name (stack, "flow"))), ==,
                   "作成中の電子委任状");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_cmpint (inj_flow_step_from_name (names[i]), ==, i);
      g_assert_null (gtk_stack_get_child_by_name (stack, names[i]));
    }
  g_assert_true (inj_window_get_editor (window) == inj_flow_get_page (flow, INJ_FLOW_STEP_EDITOR));
  g_assert_true (inj_window_get_agent_step_page (window) ==
                 inj_flow_get_page (flow, INJ_FLOW_STEP_AGENT));
  g_assert_true (inj_window_get_review_page (window) ==
                 inj_flow_get_page (flow, INJ_FLOW_STEP_REVIEW));
  g_assert_true (inj_window_get_sign_page (window) == inj_flow_get_page (flow, INJ_FLOW_STEP_SIGN));
  g_assert_true (inj_window_get_upload_page (window) ==
                 inj_flow_get_page (flow, INJ_FLOW_STEP_UPLOAD));

  gtk_window_set_default_size (GTK_WINDOW (window), 960, 720);
  gtk_window_present (GTK_WINDOW (window));
  gtk_stack_set_visible_child_name (stack, "delegations");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "sign"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "flow");
  g_assert_cmpint (inj_flow_get_step (flow), ==, INJ_FLOW_STEP_SIGN);
  test_ui_wait_until (no_wait, NULL, 300);
  g_assert_true (gtk_widget_get_mapped (inj_window_get_sign_page (window)));
  test_ui_screenshot (GTK_WIDGET (window), "flow-in-window-sign");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "editor"));
  g_assert_cmpint (inj_flow_get_step (flow), ==, INJ_FLOW_STEP_EDITOR);
  /* the other pages are still pages of the window */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s",
                                             "delegations"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "delegations");
  /* never personal data in the title */
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
  g_test_add ("/ui/flow/steps", Fixture, NULL, fixture_set_up, test_steps, fixture_tear_down);
  g_test_add ("/ui/flow/renewal-title", Fixture, NULL, fixture_set_up, test_renewal_title,
              fixture_tear_down);
  g_test_add_func ("/ui/flow/in-window", test_in_window);
  return test_ui_run ();
}
