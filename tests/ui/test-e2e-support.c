/* test-e2e-support.c: driving the real window in the end-to-end test
 * (test-e2e.c, test-e2e-more.c) as a person would: its buttons found by
 * their action, the flow's Next, the password dialog typed into, a PNG of
 * each page. */
#include "config.h"

#include <string.h>

#include "test-e2e-support.h"
#include "inj-password-dialog.h"

gboolean
e2e_no_wait (gpointer data)
{
  return FALSE;
}

void
e2e_settle (guint ms)
{
  test_ui_wait_until (e2e_no_wait, NULL, ms);
}

void
e2e_shoot (Bed *bed,
       const char *name)
{
  g_autofree char *full = g_strdup_printf ("e2e-%02u-%s", ++bed->shot, name);

  e2e_settle (300);
  test_ui_screenshot (GTK_WIDGET (bed->window), full);
  /* every page fits the window beside the sidebar: no page is so wide
   * (a label that does not wrap, a stack sized to its widest page) that
   * the window grows or folds the sidebar away */
  g_test_message ("fits: %s", full);
  if (!inj_window_get_welcome_shown (bed->window))
    g_assert_false (adw_leaflet_get_folded (inj_window_get_leaflet (bed->window)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (bed->window)), <=, 1100);
}

/* The visible, sensitive button (or other actionable) bound to @action,
 * under @root: what a person can press. */
static gboolean
targets (GtkWidget *widget,
         const char *action)
{
  const char *name = gtk_actionable_get_action_name (GTK_ACTIONABLE (widget));
  GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));
  g_autofree char *full = NULL;

  if (name == NULL)
    return FALSE;
  /* "win.show-page::upload" names the action and its target */
  full = target && g_variant_is_of_type (target, G_VARIANT_TYPE_STRING)
           ? g_strdup_printf ("%s::%s", name, g_variant_get_string (target, NULL))
           : g_strdup (name);
  return g_str_equal (full, action);
}

GtkWidget *
e2e_find_action (GtkWidget *root,
             const char *action)
{
  if (!gtk_widget_get_mapped (root))
    return NULL;
  if (GTK_IS_ACTIONABLE (root) && targets (root, action) && gtk_widget_is_sensitive (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = e2e_find_action (child, action);
      if (found)
        return found;
    }
  return NULL;
}

typedef struct {
  GtkWidget *root;
  const char *action;
} Wanted;

static gboolean
action_ready (gpointer data)
{
  Wanted *w = data;
  return e2e_find_action (w->root, w->action) != NULL;
}

/* Waits until the button is there and can be pressed, then presses it. */
void
e2e_press (GtkWidget *page,
       const char *action)
{
  Wanted w = { page, action };
  GtkWidget *button;

  if (!test_ui_wait_until (action_ready, &w, 30000))
    g_error ("no button for %s on the page", action);
  button = e2e_find_action (page, action);
  g_test_message ("press %s (%s)", action, G_OBJECT_TYPE_NAME (button));
  g_assert_true (gtk_widget_activate (button));
  /* a button "clicks" a moment after it is activated, as with Enter */
  e2e_settle (400);
}

/* What the sidebar does: "win.show-page". */
void
e2e_show (Bed *bed,
      const char *page)
{
  GtkStack *stack = inj_window_get_stack (bed->window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (bed->window), "win.show-page", "s", page));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==,
                   inj_flow_step_from_name (page) >= 0 ? "flow" : page);
  e2e_settle (200);
}

InjFlow *
e2e_flow_of (Bed *bed)
{
  return INJ_FLOW (inj_window_get_flow (bed->window));
}

static gboolean
next_ready (gpointer data)
{
  return gtk_widget_is_sensitive (inj_flow_get_next_button (data));
}

/* The flow's Next (or 「一覧へ」), pressed once it can be: from @from to
 * the step after it, which the step bar marks as current and @from as
 * done. */
void
e2e_press_next (Bed *bed,
            InjFlowStep from)
{
  InjFlow *flow = e2e_flow_of (bed);
  InjStepBar *bar = inj_flow_get_step_bar (flow);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (inj_window_get_stack (bed->window)), ==,
                   "flow");
  g_assert_cmpint (inj_flow_get_step (flow), ==, from);
  if (!test_ui_wait_until (next_ready, flow, 30000))
    g_error ("Next stays insensitive on step %d: %s", from, inj_flow_get_next_reason (flow));
  g_assert_cmpstr (inj_flow_get_next_reason (flow), ==, "");
  g_test_message ("press %s on step %d",
                  gtk_button_get_label (GTK_BUTTON (inj_flow_get_next_button (flow))), from);
  g_assert_true (gtk_widget_activate (inj_flow_get_next_button (flow)));
  e2e_settle (400);
  if (from == INJ_FLOW_STEP_UPLOAD)
    return;
  g_assert_cmpint (inj_flow_get_step (flow), ==, from + 1);
  g_assert_cmpuint (inj_step_bar_get_current (bar), ==, from + 1);
  g_assert_true (inj_step_bar_get_done (bar, from));
  g_assert_true (inj_step_bar_get_available (bar, from + 1));
}

gboolean
e2e_dialog_shown (gpointer data)
{
  InjPasswordInteraction *interaction = data;
  AdwMessageDialog *dialog = inj_password_interaction_get_dialog (interaction);

  return dialog && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
dialog_gone (gpointer data)
{
  return inj_password_interaction_get_dialog (data) == NULL;
}

/* Types @secret into the password dialog as a person would and presses
 * OK; the dialog's heading and body are returned for the test to read. */
char *
e2e_type_password (Bed *bed,
               const char *secret,
               const char *shot)
{
  InjPasswordInteraction *interaction =
    INJ_PASSWORD_INTERACTION (inj_session_get_interaction (bed->session));
  AdwMessageDialog *dialog;
  GtkEditable *entry;
  char *said;

  g_assert_true (test_ui_wait_until (e2e_dialog_shown, interaction, 60000));
  dialog = inj_password_interaction_get_dialog (interaction);
  entry = inj_password_interaction_get_entry (interaction);
  said = g_strdup_printf ("%s\n%s", adw_message_dialog_get_heading (dialog),
                          adw_message_dialog_get_body (dialog));
  /* never echoed */
  g_assert_true (GTK_IS_PASSWORD_ENTRY (entry));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "ok"));
  gtk_editable_set_text (entry, secret);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "ok"));
  if (shot)
    {
      e2e_settle (300);
      test_ui_screenshot (GTK_WIDGET (dialog), shot);
    }
  adw_message_dialog_response (dialog, "ok");
  g_assert_true (test_ui_wait_until (dialog_gone, interaction, 10000));
  return said;
}

