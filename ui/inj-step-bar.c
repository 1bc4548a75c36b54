/* inj-step-bar.c: the numbered steps of a flow, as buttons. Every step
 * stays a sensitive, focusable button, so that a keyboard or screen-reader
 * user reaches an unavailable one too and hears what it waits for;
 * pressing it does nothing. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-a11y.h"
#include "inj-step-bar.h"
#include "inj-ui-private.h"

typedef struct {
  GtkWidget *button;
  GtkWidget *number;
  GtkWidget *check;
  char *name;
  char *waits_for;
  char *accessible_label;
  gboolean done;
} Step;

struct _InjStepBar {
  GtkWidget parent_instance;

  GArray *steps; /* of Step */
  guint current;
};

G_DEFINE_FINAL_TYPE (InjStepBar, inj_step_bar, GTK_TYPE_WIDGET)

enum {
  SIGNAL_STEP_ACTIVATED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static void
step_clear (gpointer data)
{
  Step *step = data;

  g_free (step->name);
  g_free (step->waits_for);
  g_free (step->accessible_label);
}

static Step *
step_at (InjStepBar *self,
         guint index)
{
  return &g_array_index (self->steps, Step, index);
}

/* The flow's stylesheet (its step bar and its bottom bar), once per
 * display: windows made without an AdwApplication (the tests') get it too. */
static void
ensure_css (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "inj-flow-css"))
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/ininjo/Ininjo/ui/inj-flow.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "inj-flow-css", g_steal_pointer (&provider),
                          g_object_unref);
}

static const char *
state_words (InjStepBar *self,
             guint index)
{
  Step *step = step_at (self, index);

  if (index == self->current)
    return step->done ? C_("flow step state", "current step, done")
                      : C_("flow step state", "current step");
  if (step->done)
    return C_("flow step state", "done");
  if (step->waits_for)
    return C_("flow step state", "not available yet");
  return C_("flow step state", "not done yet");
}

static void
update_step (InjStepBar *self,
             guint index)
{
  Step *step = step_at (self, index);
  gboolean current = index == self->current;
  GtkWidget *button = step->button;

  gtk_widget_set_visible (step->check, step->done);
  gtk_widget_set_visible (step->number, !step->done);
  if (current)
    gtk_widget_add_css_class (button, "current");
  else
    gtk_widget_remove_css_class (button, "current");
  if (step->done)
    gtk_widget_add_css_class (button, "done");
  else
    gtk_widget_remove_css_class (button, "done");
  if (step->waits_for && !current)
    gtk_widget_add_css_class (button, "unavailable");
  else
    gtk_widget_remove_css_class (button, "unavailable");

  g_free (step->accessible_label);
  /* TRANSLATORS: 「手順 2／5：受任者の証明（完了）」: the step's number, the
   * number of steps, its name, its state */
  step->accessible_label = g_strdup_printf (_("Step %u of %u: %s (%s)"), index + 1,
                                            self->steps->len, step->name,
                                            state_words (self, index));
  inj_ui_set_accessible_label (button, step->accessible_label);
  gtk_widget_set_tooltip_text (button, step->waits_for);
  if (step->waits_for)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, step->waits_for, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_accessible_update_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_DISABLED,
                               step->waits_for != NULL && !current, -1);
}

static void
update_all (InjStepBar *self)
{
  for (guint i = 0; i < self->steps->len; i++)
    update_step (self, i);
}

static void
step_clicked (GtkButton *button,
              InjStepBar *self)
{
  for (guint i = 0; i < self->steps->len; i++)
    if (step_at (self, i)->button == GTK_WIDGET (button))
      {
        if (step_at (self, i)->waits_for == NULL)
          g_signal_emit (self, signals[SIGNAL_STEP_ACTIVATED], 0, i);
        return;
      }
}

static void
inj_step_bar_dispose (GObject *object)
{
  InjStepBar *self = INJ_STEP_BAR (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (inj_step_bar_parent_class)->dispose (object);
}

static void
inj_step_bar_finalize (GObject *object)
{
  InjStepBar *self = INJ_STEP_BAR (object);

  g_array_unref (self->steps);
  G_OBJECT_CLASS (inj_step_bar_parent_class)->finalize (object);
}

static void
inj_step_bar_class_init (InjStepBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = inj_step_bar_dispose;
  object_class->finalize = inj_step_bar_finalize;

  /* An available step was pressed: its index. */
  signals[SIGNAL_STEP_ACTIVATED] =
    g_signal_new ("step-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  _inj_ui_ensure_resources ();
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "stepbar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
inj_step_bar_init (InjStepBar *self)
{
  self->steps = g_array_new (FALSE, TRUE, sizeof (Step));
  g_array_set_clear_func (self->steps, step_clear);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                              4);
  ensure_css (GTK_WIDGET (self));
  inj_ui_set_accessible_label (GTK_WIDGET (self), C_("flow", "Steps"));
}

GtkWidget *
inj_step_bar_new (void)
{
  return g_object_new (INJ_TYPE_STEP_BAR, NULL);
}

guint
inj_step_bar_add_step (InjStepBar *self,
                       const char *label)
{
  Step step = { 0 };
  GtkWidget *box, *name;
  g_autofree char *number = NULL;
  guint index;

  g_return_val_if_fail (INJ_IS_STEP_BAR (self), 0);
  g_return_val_if_fail (label != NULL, 0);

  index = self->steps->len;
  if (index > 0)
    {
      /* the line between two steps takes the room left */
      GtkWidget *line = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);
      gtk_widget_set_hexpand (line, TRUE);
      gtk_widget_set_valign (line, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (line, "step-line");
      gtk_widget_set_parent (line, GTK_WIDGET (self));
    }
  number = g_strdup_printf ("%u", index + 1);
  step.name = g_strdup (label);
  /* the circle is the number, or the check once the step is done */
  step.number = gtk_label_new (number);
  step.check = gtk_image_new_from_icon_name ("object-select-symbolic");
  gtk_widget_add_css_class (step.number, "step-circle");
  gtk_widget_add_css_class (step.check, "step-circle");
  gtk_widget_set_valign (step.number, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (step.check, GTK_ALIGN_CENTER);
  name = gtk_label_new (label);
  gtk_widget_add_css_class (name, "step-name");
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (box), step.number);
  gtk_box_append (GTK_BOX (box), step.check);
  gtk_box_append (GTK_BOX (box), name);
  step.button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (step.button), box);
  gtk_widget_add_css_class (step.button, "flat");
  gtk_widget_add_css_class (step.button, "step");
  g_signal_connect (step.button, "clicked", G_CALLBACK (step_clicked), self);
  gtk_widget_set_parent (step.button, GTK_WIDGET (self));
  g_array_append_val (self->steps, step);
  /* every label counts the steps: all of them change */
  update_all (self);
  return index;
}

guint
inj_step_bar_get_n_steps (InjStepBar *self)
{
  g_return_val_if_fail (INJ_IS_STEP_BAR (self), 0);
  return self->steps->len;
}

void
inj_step_bar_set_current (InjStepBar *self,
                          guint index)
{
  guint old;

  g_return_if_fail (INJ_IS_STEP_BAR (self));
  g_return_if_fail (index < self->steps->len);
  old = self->current;
  self->current = index;
  update_step (self, old);
  update_step (self, index);
}

guint
inj_step_bar_get_current (InjStepBar *self)
{
  g_return_val_if_fail (INJ_IS_STEP_BAR (self), 0);
  return self->current;
}

void
inj_step_bar_set_step (InjStepBar *self,
                       guint index,
                       gboolean done,
                       const char *waits_for)
{
  Step *step;

  g_return_if_fail (INJ_IS_STEP_BAR (self));
  g_return_if_fail (index < self->steps->len);
  step = step_at (self, index);
  if (step->done == !!done && g_strcmp0 (step->waits_for, waits_for) == 0)
    return;
  step->done = !!done;
  g_free (step->waits_for);
  step->waits_for = g_strdup (waits_for);
  update_step (self, index);
}

gboolean
inj_step_bar_get_done (InjStepBar *self,
                       guint index)
{
  g_return_val_if_fail (INJ_IS_STEP_BAR (self), FALSE);
  g_return_val_if_fail (index < self->steps->len, FALSE);
  return step_at (self, index)->done;
}

gboolean
inj_step_bar_get_available (InjStepBar *self,
                            guint index)
{
  g_return_val_if_fail (INJ_IS_STEP_BAR (self), FALSE);
  g_return_val_if_fail (index < self->steps->len, FALSE);
  return step_at (self, index)->waits_for == NULL;
}

const char *
inj_step_bar_get_waits_for (InjStepBar *self,
                            guint index)
{
  g_return_val_if_fail (INJ_IS_STEP_BAR (self), NULL);
  g_return_val_if_fail (index < self->steps->len, NULL);
  return step_at (self, index)->waits_for;
}

GtkWidget *
inj_step_bar_get_button (InjStepBar *self,
                         guint index)
{
  g_return_val_if_fail (INJ_IS_STEP_BAR (self), NULL);
  g_return_val_if_fail (index < self->steps->len, NULL);
  return step_at (self, index)->button;
}

const char *
inj_step_bar_get_step_label (InjStepBar *self,
                             guint index)
{
  g_return_val_if_fail (INJ_IS_STEP_BAR (self), NULL);
  g_return_val_if_fail (index < self->steps->len, NULL);
  return step_at (self, index)->accessible_label;
}

const char *
inj_step_bar_get_step_description (InjStepBar *self,
                                   guint index)
{
  g_return_val_if_fail (INJ_IS_STEP_BAR (self), NULL);
  g_return_val_if_fail (index < self->steps->len, NULL);
  /* the description is what the step waits for (set in update_step) */
  return step_at (self, index)->waits_for;
}
