/* inj-diagnostics-page.c: running the diagnostics in a worker thread, the
 * page's buttons, and the object. What the report shows is built in
 * inj-diagnostics-sections.c from the rows of inj-diagnostics-rows.c. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-a11y.h"
#include "inj-wrap.h"
#include "inj-app.h"
#include "inj-bundle-dialog.h"
#include "inj-diagnostics.h"
#include "inj-diagnostics-page-private.h"
#include "inj-diagnostics-setup.h"
#include "inj-ui-private.h"

G_DEFINE_FINAL_TYPE (InjDiagnosticsPage, inj_diagnostics_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_STATE,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------------- running */

static void
set_state (InjDiagnosticsPage *self,
           InjDiagnosticsState state)
{
  gboolean running = state == INJ_DIAGNOSTICS_RUNNING;
  g_autofree char *status = NULL;

  /* the spinner, the cancel and run buttons follow the job */
  self->state = state;
  gtk_widget_set_sensitive (self->copy_button, !running && self->report != NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "accent");
  switch (state)
    {
    case INJ_DIAGNOSTICS_IDLE:
      status = g_strdup (_("The diagnostics run when this page is shown."));
      break;
    case INJ_DIAGNOSTICS_RUNNING:
      status = g_strdup (self->with_card
                         ? _("Collecting the diagnostics, the service included… This can take "
                             "some seconds; the authentication PIN is asked once.")
                         : _("Collecting the diagnostics… This can take some seconds; no PIN is "
                             "asked."));
      break;
    case INJ_DIAGNOSTICS_CANCELLED:
      status = g_strdup (_("Cancelled. Choose “Run again” to collect the diagnostics."));
      break;
    case INJ_DIAGNOSTICS_DONE:
    default:
      {
        g_autofree char *when =
          _inj_diag_time_text (_inj_diag_get_string (self->report, "generated"));
        status = g_strdup_printf (_("Collected at %s."), when);
      }
      break;
    }
  gtk_label_set_text (self->status_label, status);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
run_thread (GTask *task,
            gpointer source,
            gpointer data,
            GCancellable *cancellable)
{
  JsonObject *report = inj_diagnostics_setup_run (data, cancellable);

  if (g_cancellable_is_cancelled (cancellable))
    {
      json_object_unref (report);
      g_task_return_error_if_cancelled (task);
      return;
    }
  g_task_return_pointer (task, report, (GDestroyNotify) json_object_unref);
}

static void
run_cb (GObject *source,
        GAsyncResult *result,
        gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  JsonObject *report = g_task_propagate_pointer (G_TASK (result), &error);
  InjDiagnosticsPage *self;

  if (report == NULL)
    return; /* cancelled: the page said so already, or is gone */
  self = INJ_DIAGNOSTICS_PAGE (user_data);
  if (!inj_job_is_current (self->job, g_task_get_cancellable (G_TASK (result))))
    {
      json_object_unref (report); /* a newer run replaced it */
      return;
    }
  g_clear_pointer (&self->report, json_object_unref);
  self->report = report;
  _inj_diag_show_report (self);
  inj_job_end (self->job);
  set_state (self, INJ_DIAGNOSTICS_DONE);
}

static void run_with (InjDiagnosticsPage *self, gboolean with_card);

void
inj_diagnostics_page_run (InjDiagnosticsPage *self)
{
  g_return_if_fail (INJ_IS_DIAGNOSTICS_PAGE (self));
  run_with (self, FALSE);
}

void
inj_diagnostics_page_run_with_card (InjDiagnosticsPage *self)
{
  g_return_if_fail (INJ_IS_DIAGNOSTICS_PAGE (self));
  run_with (self, TRUE);
}

static void
run_with (InjDiagnosticsPage *self,
          gboolean with_card)
{
  g_autoptr(GTask) task = NULL;
  InjDiagnosticsSetup *setup;

  self->started = TRUE;
  g_clear_pointer (&self->report, json_object_unref);
  _inj_diag_clear_groups (self);

  self->with_card = with_card;
  setup = inj_diagnostics_setup_new_with_card (inj_session_get_settings (self->session),
                                               with_card ? inj_session_get_interaction (self->session)
                                                         : NULL);
  /* no reference to the page: its job's cancellable, cancelled in dispose */
  task = g_task_new (NULL, inj_job_restart (self->job, NULL), run_cb, self);
  g_task_set_source_tag (task, inj_diagnostics_page_run);
  g_task_set_task_data (task, setup, (GDestroyNotify) inj_diagnostics_setup_free);
  set_state (self, INJ_DIAGNOSTICS_RUNNING);
  g_task_run_in_thread (task, run_thread);
}

void
inj_diagnostics_page_show_report (InjDiagnosticsPage *self,
                                  JsonObject *report)
{
  g_return_if_fail (INJ_IS_DIAGNOSTICS_PAGE (self));
  g_return_if_fail (report != NULL);
  self->started = TRUE;
  inj_job_stop (self->job);
  inj_job_end (self->job);
  json_object_ref (report);
  g_clear_pointer (&self->report, json_object_unref);
  self->report = report;
  _inj_diag_show_report (self);
  set_state (self, INJ_DIAGNOSTICS_DONE);
}

void
inj_diagnostics_page_cancel (InjDiagnosticsPage *self)
{
  g_return_if_fail (INJ_IS_DIAGNOSTICS_PAGE (self));
  if (self->state != INJ_DIAGNOSTICS_RUNNING)
    return;
  /* said at once: the run's answer, when it comes, is dropped */
  inj_job_stop (self->job);
  inj_job_end (self->job);
  set_state (self, INJ_DIAGNOSTICS_CANCELLED);
}

/* ---------------------------------------------------------------- buttons */

static void
copy_clicked (InjDiagnosticsPage *self)
{
  g_autofree char *text = inj_diagnostics_page_dup_text (self);

  if (text == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  gtk_label_set_text (self->status_label,
                      _("The report is on the clipboard. Paste it into your message to support."));
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "accent");
}

GtkWidget *
inj_diagnostics_page_open_bundle (InjDiagnosticsPage *self)
{
  g_return_val_if_fail (INJ_IS_DIAGNOSTICS_PAGE (self), NULL);
  return inj_bundle_dialog_present_for (GTK_WIDGET (self), self->session);
}

static void
bundle_clicked (InjDiagnosticsPage *self)
{
  inj_diagnostics_page_open_bundle (self);
}

/* ---------------------------------------------------------------- object */

/* The diagnostics run when the page is first shown, not at window start
 * and not on every visit. */
static void
inj_diagnostics_page_map (GtkWidget *widget)
{
  InjDiagnosticsPage *self = INJ_DIAGNOSTICS_PAGE (widget);

  GTK_WIDGET_CLASS (inj_diagnostics_page_parent_class)->map (widget);
  if (!self->started)
    inj_diagnostics_page_run (self);
}

static void
privacy_lock (InjDiagnosticsPage *self)
{
  /* Nothing personal is on this page; card work stops. */
  inj_diagnostics_page_cancel (self);
}

static void
inj_diagnostics_page_constructed (GObject *object)
{
  InjDiagnosticsPage *self = INJ_DIAGNOSTICS_PAGE (object);

  G_OBJECT_CLASS (inj_diagnostics_page_parent_class)->constructed (object);
  g_settings_bind (inj_session_get_settings (self->session), "verbose-logging",
                   self->verbose_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->session, "privacy-lock", G_CALLBACK (privacy_lock), self,
                           G_CONNECT_SWAPPED);
  set_state (self, INJ_DIAGNOSTICS_IDLE);
}

static void
inj_diagnostics_page_dispose (GObject *object)
{
  InjDiagnosticsPage *self = INJ_DIAGNOSTICS_PAGE (object);

  inj_job_stop (self->job);
  if (self->verbose_switch)
    g_settings_unbind (self->verbose_switch, "active");
  g_hash_table_remove_all (self->rows);
  gtk_widget_dispose_template (GTK_WIDGET (self), INJ_TYPE_DIAGNOSTICS_PAGE);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (inj_diagnostics_page_parent_class)->dispose (object);
}

static void
inj_diagnostics_page_finalize (GObject *object)
{
  InjDiagnosticsPage *self = INJ_DIAGNOSTICS_PAGE (object);

  g_clear_object (&self->job);
  g_clear_pointer (&self->report, json_object_unref);
  g_hash_table_unref (self->rows);
  G_OBJECT_CLASS (inj_diagnostics_page_parent_class)->finalize (object);
}

static void
inj_diagnostics_page_get_property (GObject *object,
                                   guint prop_id,
                                   GValue *value,
                                   GParamSpec *pspec)
{
  InjDiagnosticsPage *self = INJ_DIAGNOSTICS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inj_diagnostics_page_set_property (GObject *object,
                                   guint prop_id,
                                   const GValue *value,
                                   GParamSpec *pspec)
{
  InjDiagnosticsPage *self = INJ_DIAGNOSTICS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_set_object (&self->session, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The button the service section shows when the service was not tried. */
static void
run_with_card_activated (GtkWidget *widget,
                         const char *action_name,
                         GVariant *parameter)
{
  inj_diagnostics_page_run_with_card (INJ_DIAGNOSTICS_PAGE (widget));
}

static void
inj_diagnostics_page_class_init (InjDiagnosticsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = inj_diagnostics_page_constructed;
  object_class->dispose = inj_diagnostics_page_dispose;
  object_class->finalize = inj_diagnostics_page_finalize;
  object_class->get_property = inj_diagnostics_page_get_property;
  object_class->set_property = inj_diagnostics_page_set_property;
  widget_class->map = inj_diagnostics_page_map;

  /* The session whose settings the page uses. */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, INJ_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* An InjDiagnosticsState. */
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, INJ_DIAGNOSTICS_IDLE, INJ_DIAGNOSTICS_CANCELLED,
                      INJ_DIAGNOSTICS_IDLE,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  _inj_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ininjo/Ininjo/ui/inj-diagnostics-page.ui");
  gtk_widget_class_bind_template_child (widget_class, InjDiagnosticsPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, InjDiagnosticsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, InjDiagnosticsPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, InjDiagnosticsPage, run_button);
  gtk_widget_class_bind_template_child (widget_class, InjDiagnosticsPage, copy_button);
  gtk_widget_class_bind_template_child (widget_class, InjDiagnosticsPage, bundle_button);
  gtk_widget_class_bind_template_child (widget_class, InjDiagnosticsPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, InjDiagnosticsPage, verbose_row);
  gtk_widget_class_bind_template_child (widget_class, InjDiagnosticsPage, verbose_switch);
  gtk_widget_class_bind_template_child (widget_class, InjDiagnosticsPage, groups_box);
  gtk_widget_class_bind_template_callback (widget_class, inj_diagnostics_page_run);
  gtk_widget_class_bind_template_callback (widget_class, inj_diagnostics_page_cancel);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked);
  gtk_widget_class_bind_template_callback (widget_class, bundle_clicked);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "diagnostics.run-with-card", NULL,
                                   run_with_card_activated);
}

static void
inj_diagnostics_page_init (InjDiagnosticsPage *self)
{
  g_type_ensure (ADW_TYPE_PREFERENCES_GROUP);
  g_type_ensure (ADW_TYPE_ACTION_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));
  inj_wrap_labels_in (GTK_WIDGET (self));
  self->job = inj_job_new ();
  g_object_bind_property (self->job, "busy", self->spinner, "visible", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->job, "busy", self->spinner, "spinning", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->job, "busy", self->cancel_button, "visible",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->job, "busy", self->run_button, "sensitive",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

GtkWidget *
inj_diagnostics_page_new (InjSession *session)
{
  g_return_val_if_fail (INJ_IS_SESSION (session), NULL);
  return g_object_new (INJ_TYPE_DIAGNOSTICS_PAGE, "session", session, NULL);
}

InjDiagnosticsState
inj_diagnostics_page_get_state (InjDiagnosticsPage *self)
{
  g_return_val_if_fail (INJ_IS_DIAGNOSTICS_PAGE (self), INJ_DIAGNOSTICS_IDLE);
  return self->state;
}

JsonObject *
inj_diagnostics_page_get_report (InjDiagnosticsPage *self)
{
  g_return_val_if_fail (INJ_IS_DIAGNOSTICS_PAGE (self), NULL);
  return self->report;
}

char *
inj_diagnostics_page_dup_text (InjDiagnosticsPage *self)
{
  g_return_val_if_fail (INJ_IS_DIAGNOSTICS_PAGE (self), NULL);
  return self->report ? inj_diagnostics_to_text (self->report) : NULL;
}

GtkWidget *
inj_diagnostics_page_get_row (InjDiagnosticsPage *self,
                              const char *id)
{
  g_return_val_if_fail (INJ_IS_DIAGNOSTICS_PAGE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->rows, id);
}
