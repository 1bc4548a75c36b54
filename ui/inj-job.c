/* inj-job.c */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-diagnostics.h"
#include "inj-job.h"

struct _InjJob {
  GObject parent_instance;

  GCancellable *cancellable;   /* of the work under way, or NULL */
  char *what;
  char *problem_title;
  char *problem_message;
  char *problem_detail;        /* technical, for 「詳細」 */
  char *problem;               /* "title\nmessage" */
};

G_DEFINE_FINAL_TYPE (InjJob, inj_job, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_WHAT,
  PROP_PROBLEM_TITLE,
  PROP_PROBLEM_MESSAGE,
  PROP_PROBLEM_DETAIL,
  PROP_PROBLEM,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

/* g_set_str() is GLib 2.76; Debian 12 has 2.74. */
static gboolean
replace_str (char **where,
             const char *value)
{
  if (g_strcmp0 (*where, value) == 0)
    return FALSE;
  g_free (*where);
  *where = g_strdup (value);
  return TRUE;
}

InjJob *
inj_job_new (void)
{
  return g_object_new (INJ_TYPE_JOB, NULL);
}

static void
set_what (InjJob *self,
          const char *what)
{
  if (replace_str (&self->what, what ? what : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WHAT]);
}

GCancellable *
inj_job_begin (InjJob *self,
               const char *doing)
{
  g_return_val_if_fail (INJ_IS_JOB (self), NULL);
  if (self->cancellable)
    return NULL;
  g_object_freeze_notify (G_OBJECT (self));
  inj_job_show_problem (self, NULL, NULL);
  self->cancellable = g_cancellable_new ();
  set_what (self, doing);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  g_object_thaw_notify (G_OBJECT (self));
  return self->cancellable;
}

GCancellable *
inj_job_restart (InjJob *self,
                 const char *doing)
{
  g_return_val_if_fail (INJ_IS_JOB (self), NULL);
  if (self->cancellable == NULL)
    return inj_job_begin (self, doing);
  g_object_freeze_notify (G_OBJECT (self));
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  inj_job_show_problem (self, NULL, NULL);
  self->cancellable = g_cancellable_new ();
  set_what (self, doing);
  g_object_thaw_notify (G_OBJECT (self));
  return self->cancellable;
}

gboolean
inj_job_is_current (InjJob *self,
                    GCancellable *cancellable)
{
  g_return_val_if_fail (INJ_IS_JOB (self), FALSE);
  return cancellable != NULL && cancellable == self->cancellable;
}

void
inj_job_end (InjJob *self)
{
  g_return_if_fail (INJ_IS_JOB (self));
  if (self->cancellable == NULL)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  g_clear_object (&self->cancellable);
  set_what (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
inj_job_get_busy (InjJob *self)
{
  g_return_val_if_fail (INJ_IS_JOB (self), FALSE);
  return self->cancellable != NULL;
}

GCancellable *
inj_job_get_cancellable (InjJob *self)
{
  g_return_val_if_fail (INJ_IS_JOB (self), NULL);
  return self->cancellable;
}

const char *
inj_job_get_what (InjJob *self)
{
  g_return_val_if_fail (INJ_IS_JOB (self), NULL);
  return self->what;
}

void
inj_job_stop (InjJob *self)
{
  g_return_if_fail (INJ_IS_JOB (self));
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
}

void
inj_job_cancel (InjJob *self)
{
  g_return_if_fail (INJ_IS_JOB (self));
  if (self->cancellable == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  set_what (self, _("Cancelling…"));
}

void
inj_job_show_problem (InjJob *self,
                      const char *title,
                      const char *message)
{
  g_return_if_fail (INJ_IS_JOB (self));
  inj_job_show_problem_detail (self, title, message, NULL);
}

void
inj_job_show_problem_detail (InjJob *self,
                             const char *title,
                             const char *message,
                             const char *detail)
{
  g_autofree char *problem = NULL;

  g_return_if_fail (INJ_IS_JOB (self));
  if (detail && *detail == '\0')
    detail = NULL;
  if (title && message)
    problem = g_strdup_printf ("%s\n%s", title, message);
  else
    problem = g_strdup (title ? title : message);
  g_object_freeze_notify (G_OBJECT (self));
  if (replace_str (&self->problem_title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM_TITLE]);
  if (replace_str (&self->problem_message, message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM_MESSAGE]);
  if (replace_str (&self->problem_detail, detail))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM_DETAIL]);
  if (replace_str (&self->problem, problem))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
inj_job_show_error (InjJob *self,
                    const char *area,
                    const char *title,
                    const GError *error)
{
  g_return_val_if_fail (INJ_IS_JOB (self), FALSE);
  g_return_val_if_fail (error != NULL, FALSE);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;
  inj_diagnostics_note_failure (area, NULL, error);
  inj_job_show_problem (self, title, error->message);
  return TRUE;
}

gboolean
inj_job_show_failure (InjJob *self,
                      const char *area,
                      const char *title,
                      const char *cause,
                      const GError *error)
{
  g_return_val_if_fail (INJ_IS_JOB (self), FALSE);
  g_return_val_if_fail (error != NULL, FALSE);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;
  inj_diagnostics_note_failure (area, NULL, error);
  inj_job_show_problem_detail (self, title, cause, error->message);
  return TRUE;
}

gboolean
inj_job_finish (InjJob *self,
                const char *area,
                const char *title,
                const GError *error)
{
  g_return_val_if_fail (INJ_IS_JOB (self), FALSE);
  inj_job_end (self);
  if (error == NULL)
    return TRUE;
  inj_job_show_error (self, area, title, error);
  return FALSE;
}

const char *
inj_job_get_problem_title (InjJob *self)
{
  g_return_val_if_fail (INJ_IS_JOB (self), NULL);
  return self->problem_title;
}

const char *
inj_job_get_problem_message (InjJob *self)
{
  g_return_val_if_fail (INJ_IS_JOB (self), NULL);
  return self->problem_message;
}

const char *
inj_job_get_problem_detail (InjJob *self)
{
  g_return_val_if_fail (INJ_IS_JOB (self), NULL);
  return self->problem_detail;
}

const char *
inj_job_get_problem (InjJob *self)
{
  g_return_val_if_fail (INJ_IS_JOB (self), NULL);
  return self->problem;
}

static void
inj_job_dispose (GObject *object)
{
  InjJob *self = INJ_JOB (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (inj_job_parent_class)->dispose (object);
}

static void
inj_job_finalize (GObject *object)
{
  InjJob *self = INJ_JOB (object);

  g_clear_object (&self->cancellable);
  g_free (self->what);
  g_free (self->problem_title);
  g_free (self->problem_message);
  g_free (self->problem_detail);
  g_free (self->problem);
  G_OBJECT_CLASS (inj_job_parent_class)->finalize (object);
}

static void
inj_job_get_property (GObject *object,
                      guint prop_id,
                      GValue *value,
                      GParamSpec *pspec)
{
  InjJob *self = INJ_JOB (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->cancellable != NULL);
      break;
    case PROP_WHAT:
      g_value_set_string (value, self->what);
      break;
    case PROP_PROBLEM_TITLE:
      g_value_set_string (value, self->problem_title);
      break;
    case PROP_PROBLEM_MESSAGE:
      g_value_set_string (value, self->problem_message);
      break;
    case PROP_PROBLEM_DETAIL:
      g_value_set_string (value, self->problem_detail);
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inj_job_class_init (InjJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = inj_job_dispose;
  object_class->finalize = inj_job_finalize;
  object_class->get_property = inj_job_get_property;

  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);
  properties[PROP_WHAT] = g_param_spec_string ("what", NULL, NULL, "", flags);
  properties[PROP_PROBLEM_TITLE] = g_param_spec_string ("problem-title", NULL, NULL, NULL, flags);
  properties[PROP_PROBLEM_MESSAGE] = g_param_spec_string ("problem-message", NULL, NULL, NULL,
                                                          flags);
  properties[PROP_PROBLEM_DETAIL] = g_param_spec_string ("problem-detail", NULL, NULL, NULL,
                                                         flags);
  properties[PROP_PROBLEM] = g_param_spec_string ("problem", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
inj_job_init (InjJob *self)
{
  self->what = g_strdup ("");
}
