/* inj-job-status.c */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-diagnostics.h"
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

  GCancellable *cancellable;   /* of the work under way, or NULL */
  char *problem;
};

G_DEFINE_FINAL_TYPE (InjJobStatus, inj_job_status, GTK_TYPE_WIDGET)

/* Hidden as a whole when it has nothing to say, so that the page's
 * spacing does not leave a gap for it. */
static void
update_visible (InjJobStatus *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self), self->cancellable || self->problem);
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
  if (self->cancellable)
    return NULL;
  inj_job_status_show_problem (self, NULL, NULL);
  self->cancellable = g_cancellable_new ();
  gtk_label_set_text (self->busy_label, doing ? doing : "");
  gtk_widget_set_visible (self->busy_box, TRUE);
  gtk_spinner_start (self->spinner);
  update_visible (self);
  return self->cancellable;
}

void
inj_job_status_end (InjJobStatus *self)
{
  g_return_if_fail (INJ_IS_JOB_STATUS (self));
  g_clear_object (&self->cancellable);
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (self->busy_box, FALSE);
  update_visible (self);
}

gboolean
inj_job_status_get_busy (InjJobStatus *self)
{
  g_return_val_if_fail (INJ_IS_JOB_STATUS (self), FALSE);
  return self->cancellable != NULL;
}

void
inj_job_status_stop (InjJobStatus *self)
{
  g_return_if_fail (INJ_IS_JOB_STATUS (self));
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
}

void
inj_job_status_cancel (InjJobStatus *self)
{
  g_return_if_fail (INJ_IS_JOB_STATUS (self));
  if (self->cancellable == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  gtk_label_set_text (self->busy_label, _("Cancelling…"));
}

void
inj_job_status_show_problem (InjJobStatus *self,
                             const char *title,
                             const char *message)
{
  g_return_if_fail (INJ_IS_JOB_STATUS (self));
  g_free (self->problem);
  self->problem = title ? g_strdup_printf ("%s\n%s", title, message) : NULL;
  gtk_label_set_text (self->problem_title, title ? title : "");
  gtk_label_set_text (self->problem_label, message ? message : "");
  gtk_widget_set_visible (self->problem_box, title != NULL);
  update_visible (self);
}

void
inj_job_status_show_error (InjJobStatus *self,
                           const char *area,
                           const char *title,
                           const GError *error)
{
  g_return_if_fail (INJ_IS_JOB_STATUS (self));
  g_return_if_fail (error != NULL);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  inj_diagnostics_note_failure (area, NULL, error);
  inj_job_status_show_problem (self, title, error->message);
}

const char *
inj_job_status_get_problem (InjJobStatus *self)
{
  g_return_val_if_fail (INJ_IS_JOB_STATUS (self), NULL);
  return self->problem;
}

static void
inj_job_status_dispose (GObject *object)
{
  InjJobStatus *self = INJ_JOB_STATUS (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), INJ_TYPE_JOB_STATUS);
  G_OBJECT_CLASS (inj_job_status_parent_class)->dispose (object);
}

static void
inj_job_status_finalize (GObject *object)
{
  InjJobStatus *self = INJ_JOB_STATUS (object);

  g_clear_object (&self->cancellable);
  g_free (self->problem);
  G_OBJECT_CLASS (inj_job_status_parent_class)->finalize (object);
}

static void
inj_job_status_class_init (InjJobStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = inj_job_status_dispose;
  object_class->finalize = inj_job_status_finalize;

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
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
inj_job_status_init (InjJobStatus *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_visible (self);
}
