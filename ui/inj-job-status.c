/* inj-job-status.c */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-job-status.h"
#include "inj-ui-private.h"

struct _InjJobStatus {
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *busy_box;
  GtkSpinner *spinner;
  GtkLabel *busy_label;
  GtkWidget *cancel_button;
  GtkWidget *problem_box;
  GtkLabel *problem_title;
  GtkLabel *problem_label;
  GtkWidget *action_button;
  GtkExpander *details_expander;
  GtkLabel *detail_label;
  gboolean has_action;

  InjJob *job;                 /* what it shows */
};

G_DEFINE_FINAL_TYPE (InjJobStatus, inj_job_status, GTK_TYPE_WIDGET)

/* The job's state, shown; hidden as a whole when it has nothing to say,
 * so that the page's spacing does not leave a gap for it. */
static void
show_job (InjJobStatus *self)
{
  gboolean busy = inj_job_get_busy (self->job);
  const char *title = inj_job_get_problem_title (self->job);
  const char *message = inj_job_get_problem_message (self->job);
  const char *detail = inj_job_get_problem_detail (self->job);

  gtk_label_set_text (self->busy_label, inj_job_get_what (self->job));
  gtk_widget_set_visible (self->busy_box, busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_label_set_text (self->problem_title, title ? title : "");
  gtk_label_set_text (self->problem_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_title), title != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), message != NULL);
  gtk_widget_set_visible (self->action_button, self->has_action && (title || message));
  gtk_label_set_text (self->detail_label, detail ? detail : "");
  /* a new problem starts with its detail folded */
  if (detail == NULL)
    gtk_expander_set_expanded (self->details_expander, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->details_expander), detail != NULL);
  gtk_widget_set_visible (self->problem_box, title || message);
  gtk_widget_set_visible (GTK_WIDGET (self), busy || title || message);
}

void
inj_job_status_set_job (InjJobStatus *self,
                        InjJob *job)
{
  g_return_if_fail (INJ_IS_JOB_STATUS (self));
  g_return_if_fail (INJ_IS_JOB (job));
  if (self->job == job)
    return;
  if (self->job)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_set_object (&self->job, job);
  g_signal_connect_object (job, "notify", G_CALLBACK (show_job), self, G_CONNECT_SWAPPED);
  show_job (self);
}

InjJob *
inj_job_status_get_job (InjJobStatus *self)
{
  g_return_val_if_fail (INJ_IS_JOB_STATUS (self), NULL);
  return self->job;
}

void
inj_job_status_set_cancel_action (InjJobStatus *self,
                                  const char *action_name)
{
  g_return_if_fail (INJ_IS_JOB_STATUS (self));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->cancel_button), action_name);
}

GCancellable *
inj_job_status_begin (InjJobStatus *self,
                      const char *doing)
{
  g_return_val_if_fail (INJ_IS_JOB_STATUS (self), NULL);
  return inj_job_begin (self->job, doing);
}

void
inj_job_status_end (InjJobStatus *self)
{
  g_return_if_fail (INJ_IS_JOB_STATUS (self));
  inj_job_end (self->job);
}

gboolean
inj_job_status_get_busy (InjJobStatus *self)
{
  g_return_val_if_fail (INJ_IS_JOB_STATUS (self), FALSE);
  return inj_job_get_busy (self->job);
}

void
inj_job_status_stop (InjJobStatus *self)
{
  g_return_if_fail (INJ_IS_JOB_STATUS (self));
  inj_job_stop (self->job);
}

void
inj_job_status_cancel (InjJobStatus *self)
{
  g_return_if_fail (INJ_IS_JOB_STATUS (self));
  inj_job_cancel (self->job);
}

void
inj_job_status_show_problem (InjJobStatus *self,
                             const char *title,
                             const char *message)
{
  g_return_if_fail (INJ_IS_JOB_STATUS (self));
  inj_job_show_problem (self->job, title, message);
}

void
inj_job_status_show_problem_detail (InjJobStatus *self,
                                    const char *title,
                                    const char *cause,
                                    const char *detail)
{
  g_return_if_fail (INJ_IS_JOB_STATUS (self));
  inj_job_show_problem_detail (self->job, title, cause, detail);
}

void
inj_job_status_show_failure (InjJobStatus *self,
                             const char *area,
                             const char *title,
                             const char *cause,
                             const GError *error)
{
  g_return_if_fail (INJ_IS_JOB_STATUS (self));
  inj_job_show_failure (self->job, area, title, cause, error);
}

void
inj_job_status_set_action (InjJobStatus *self,
                           const char *label,
                           const char *action_name,
                           GVariant *target)
{
  g_return_if_fail (INJ_IS_JOB_STATUS (self));
  if (target)
    g_variant_ref_sink (target);
  self->has_action = label != NULL;
  /* without an action the button hides, keeping its last words (a
   * control always has a label, even hidden) */
  if (label)
    gtk_button_set_label (GTK_BUTTON (self->action_button), label);
  /* the old action goes before the new target comes, and the target
   * before the action that takes it */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->action_button), NULL);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->action_button),
                                          label ? target : NULL);
  if (label)
    gtk_actionable_set_action_name (GTK_ACTIONABLE (self->action_button), action_name);
  if (target)
    g_variant_unref (target);
  show_job (self);
}

GtkWidget *
inj_job_status_get_action_button (InjJobStatus *self)
{
  g_return_val_if_fail (INJ_IS_JOB_STATUS (self), NULL);
  return self->action_button;
}

GtkExpander *
inj_job_status_get_details (InjJobStatus *self)
{
  g_return_val_if_fail (INJ_IS_JOB_STATUS (self), NULL);
  return self->details_expander;
}

const char *
inj_job_status_get_detail (InjJobStatus *self)
{
  g_return_val_if_fail (INJ_IS_JOB_STATUS (self), NULL);
  return inj_job_get_problem_detail (self->job);
}

static void
copy_detail_clicked (InjJobStatus *self)
{
  const char *detail = inj_job_get_problem_detail (self->job);

  if (detail == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), detail);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", _("Copied"));
}

void
inj_job_status_ensure_style (void)
{
  static gboolean loaded;
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GtkCssProvider) provider = NULL;

  if (loaded || display == NULL)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/ininjo/Ininjo/ui/inj-problem.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  loaded = TRUE;
}

void
inj_job_status_show_error (InjJobStatus *self,
                           const char *area,
                           const char *title,
                           const GError *error)
{
  g_return_if_fail (INJ_IS_JOB_STATUS (self));
  inj_job_show_error (self->job, area, title, error);
}

const char *
inj_job_status_get_problem (InjJobStatus *self)
{
  g_return_val_if_fail (INJ_IS_JOB_STATUS (self), NULL);
  return inj_job_get_problem (self->job);
}

static void
inj_job_status_dispose (GObject *object)
{
  InjJobStatus *self = INJ_JOB_STATUS (object);

  if (self->job)
    {
      inj_job_stop (self->job);
      g_signal_handlers_disconnect_by_data (self->job, self);
    }
  g_clear_object (&self->job);
  gtk_widget_dispose_template (GTK_WIDGET (self), INJ_TYPE_JOB_STATUS);
  G_OBJECT_CLASS (inj_job_status_parent_class)->dispose (object);
}

static void
inj_job_status_class_init (InjJobStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = inj_job_status_dispose;

  _inj_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ininjo/Ininjo/ui/inj-job-status.ui");
  gtk_widget_class_bind_template_child (widget_class, InjJobStatus, box);
  gtk_widget_class_bind_template_child (widget_class, InjJobStatus, busy_box);
  gtk_widget_class_bind_template_child (widget_class, InjJobStatus, spinner);
  gtk_widget_class_bind_template_child (widget_class, InjJobStatus, busy_label);
  gtk_widget_class_bind_template_child (widget_class, InjJobStatus, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, InjJobStatus, problem_box);
  gtk_widget_class_bind_template_child (widget_class, InjJobStatus, problem_title);
  gtk_widget_class_bind_template_child (widget_class, InjJobStatus, problem_label);
  gtk_widget_class_bind_template_child (widget_class, InjJobStatus, action_button);
  gtk_widget_class_bind_template_child (widget_class, InjJobStatus, details_expander);
  gtk_widget_class_bind_template_child (widget_class, InjJobStatus, detail_label);
  gtk_widget_class_bind_template_callback (widget_class, copy_detail_clicked);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
inj_job_status_init (InjJobStatus *self)
{
  g_autoptr(InjJob) job = inj_job_new ();

  inj_job_status_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));
  inj_job_status_set_job (self, job);
}
