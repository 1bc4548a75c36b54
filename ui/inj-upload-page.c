/* inj-upload-page.c */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-card-picker.h"
#include "inj-service-job.h"
#include "inj-service-settings.h"
#include "inj-diagnostics.h"
#include "inj-job.h"
#include "inj-job-status.h"
#include "inj-expiry-view.h"
#include "inj-upload-page-private.h"
#include "inj-upload-result.h"
#include "inj-ui-private.h"


G_DEFINE_FINAL_TYPE (InjUploadPage, inj_upload_page, GTK_TYPE_WIDGET)

guint _inj_upload_page_signals[_INJ_UPLOAD_PAGE_N_SIGNALS];

enum {
  PROP_0,
  PROP_SESSION,
  PROP_STATE,
  PROP_STAGE,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------- the list */

static GtkWidget *
package_row (InjUploadPage *self,
             InjPackage *p,
             gboolean this_session)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  GtkWidget *pill;
  gboolean rejected = g_strcmp0 (p->state, "rejected") == 0;
  gboolean failed = p->reason != NULL && !rejected;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), p->delegation_id);
  if (this_session)
    g_string_append (subtitle, _("Signed in this session"));
  /* the service's reason is in its words; a network failure's is in 詳細
   * of the page, after the next try */
  if (rejected && p->reason)
    g_string_append_printf (subtitle, "%s%s", subtitle->len ? "\n" : "", p->reason);
  else if (failed)
    g_string_append_printf (subtitle, "%s%s", subtitle->len ? "\n" : "",
                            _("The last try did not reach the service."));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  /* the list's pill: 拒否 or 送信待ち */
  pill = gtk_label_new (inj_pill_label (rejected ? INJ_PILL_REJECTED : INJ_PILL_PENDING));
  gtk_widget_set_valign (pill, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (pill, "status-pill");
  gtk_widget_add_css_class (pill, inj_pill_css_class (rejected ? INJ_PILL_REJECTED : INJ_PILL_PENDING));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), pill);

  if (rejected)
    {
      /* refused: sending it again cannot help */
      button = gtk_button_new_with_mnemonic (_("C_orrect"));
      gtk_widget_set_tooltip_text (button, _("Open the delegation in the editor to correct it, "
                                             "then sign and send it again"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "upload.correct");
    }
  else
    {
      button = gtk_button_new_with_mnemonic (failed ? _("_Retry") : _("_Upload"));
      gtk_widget_set_tooltip_text (button, failed ? _("Send this package again; the service "
                                                      "registers it once")
                                                  : _("Send this package to the service"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "upload.send");
    }
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", p->delegation_id);
  if (this_session && !failed)
    gtk_widget_add_css_class (button, "suggested-action");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  g_hash_table_insert (self->buttons, g_strdup (p->delegation_id), button);
  return row;
}

void
inj_upload_page_refresh (InjUploadPage *self)
{
  g_autoptr(GPtrArray) packages = NULL;
  const char *session_dir;
  GtkWidget *child;

  g_return_if_fail (INJ_IS_UPLOAD_PAGE (self));
  if (self->disposed)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->card_picker),
                          inj_service_settings_uses_card (inj_session_get_settings (self->session)));
  /* not the card the agent signed with at this desk, when there are two */
  inj_card_picker_set_avoid_reader (self->card_picker,
                                    inj_session_get_agent_reader (self->session));
  inj_card_picker_set_remembered_reader (self->card_picker,
                                         inj_session_get_service_reader (self->session));
  g_hash_table_remove_all (self->buttons);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))))
    gtk_list_box_remove (self->list, child);

  /* A few small files of the user's own: read here. */
  packages = inj_outbox_list (NULL);
  session_dir = inj_session_get_package_dir (self->session);
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < packages->len; i++)
      {
        InjPackage *p = g_ptr_array_index (packages, i);
        gboolean mine = g_strcmp0 (p->dir, session_dir) == 0;
        /* the session's package first */
        if (mine == (pass == 0))
          gtk_list_box_append (self->list, package_row (self, p, mine));
      }
  self->n_packages = packages->len;
  gtk_widget_set_visible (GTK_WIDGET (self->list), packages->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), packages->len == 0);
}

guint
inj_upload_page_get_n_packages (InjUploadPage *self)
{
  g_return_val_if_fail (INJ_IS_UPLOAD_PAGE (self), 0);
  return self->n_packages;
}

GtkWidget *
inj_upload_page_get_button (InjUploadPage *self,
                            const char *delegation_id)
{
  g_return_val_if_fail (INJ_IS_UPLOAD_PAGE (self), NULL);
  return g_hash_table_lookup (self->buttons, delegation_id);
}

/* ------------------------------------------------------------- states */

void
_inj_upload_page_set_state (InjUploadPage *self,
           InjUploadState state)
{
  gboolean running = state == INJ_UPLOAD_STATE_RUNNING;

  /* the progress, the spinner and the card picker follow the job */
  self->state = state;
  gtk_widget_set_visible (self->result_box, state == INJ_UPLOAD_STATE_RECEIVED ||
                                            state == INJ_UPLOAD_STATE_CANCELLED);
  gtk_stack_set_visible_child_name (self->view_stack,
                                    state == INJ_UPLOAD_STATE_STORED ? "done" : "outbox");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "upload.send", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "upload.cancel", running);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
show_stage (InjUploadPage *self,
            const char *stage,
            double fraction)
{
  gtk_label_set_text (self->stage_label, stage);
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
}

/* ------------------------------------------------------------- the upload */

typedef struct {
  InjServiceJob *service;
  char *package_dir;
  gpointer page;       /* kept alive by the task while the thread runs */
  guint generation;
  /* written by the thread, read after it */
  InjPackage *package;
  InjDelegation *delegation;  /* what the package holds, to name it */
  gboolean sent;
  char *poll_error;
} UploadJob;

static void
upload_job_free (UploadJob *job)
{
  inj_service_job_free (job->service);
  g_free (job->package_dir);
  g_clear_pointer (&job->package, inj_package_free);
  g_clear_object (&job->delegation);
  g_free (job->poll_error);
  g_free (job);
}

typedef struct {
  GWeakRef page;
  guint generation;
  char *stage;
  double fraction;
} Progress;

static void
progress_free (gpointer data)
{
  Progress *p = data;

  g_weak_ref_clear (&p->page);
  g_free (p->stage);
  g_free (p);
}

static gboolean
progress_in_main (gpointer data)
{
  Progress *p = data;
  g_autoptr(InjUploadPage) self = g_weak_ref_get (&p->page);

  if (self && !self->disposed && self->generation == p->generation &&
      self->state == INJ_UPLOAD_STATE_RUNNING)
    show_stage (self, p->stage, p->fraction);
  return G_SOURCE_REMOVE;
}

/* In the worker thread. */
static void
job_progress (const char *stage,
              double fraction,
              gpointer user_data)
{
  UploadJob *job = user_data;
  Progress *p = g_new0 (Progress, 1);

  g_weak_ref_init (&p->page, job->page);
  p->generation = job->generation;
  p->stage = g_strdup (stage);
  p->fraction = fraction;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, progress_in_main, p, progress_free);
}

static void
upload_thread (GTask *task,
               gpointer source,
               gpointer task_data,
               GCancellable *cancellable)
{
  UploadJob *job = task_data;
  GError *error = NULL;
  InjServiceClient *client = NULL;

  job_progress (_("Connecting to the service"), 0.05, job);
  job->package = inj_package_load (job->package_dir, &error);
  if (job->package)
    {
      g_autofree char *xml = g_build_filename (job->package_dir, "delegation.xml", NULL);
      /* only to name it on the page: a package that cannot be read says so below */
      job->delegation = inj_delegation_load_xml_file (xml, NULL, NULL);
    }
  if (job->package)
    client = inj_service_job_connect (job->service, cancellable, &error);
  if (client == NULL && job->package && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* the reason stays with the package, as for a network failure */
      g_free (job->package->reason);
      job->package->reason = g_strdup (error->message);
      inj_package_save (job->package, NULL);
    }
  if (client && inj_upload_package (client, job->package, cancellable, job_progress, job, &error))
    {
      g_autoptr(GError) poll_error = NULL;

      job->sent = TRUE;
      if (!inj_upload_follow_receipt (client, job->package, cancellable, job_progress, job,
                                      &poll_error) &&
          !g_error_matches (poll_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        job->poll_error = g_strdup (poll_error->message);
    }
  inj_service_job_end (job->service);
  if (error)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
upload_done (GObject *source,
             GAsyncResult *result,
             gpointer user_data)
{
  InjUploadPage *self = INJ_UPLOAD_PAGE (source);
  UploadJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  InjPackage *p = job->package;

  g_task_propagate_boolean (G_TASK (result), &error);
  if (self->disposed || job->generation != self->generation)
    return;
  inj_job_end (self->job);
  inj_upload_page_refresh (self);

  if (!job->sent)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _inj_upload_page_show_result (self, INJ_UPLOAD_STATE_CANCELLED, _("Upload cancelled"), NULL,
                     _("Nothing was sent. The package stays in the outbox."));
      else
        _inj_upload_page_show_failure (self, job->package ? job->package->delegation_id : "", error);
      return;
    }
  if (g_strcmp0 (p->state, "stored") == 0)
    _inj_upload_page_show_stored (self, p, job->delegation);
  else if (g_strcmp0 (p->state, "rejected") == 0)
    {
      g_autofree char *cause = NULL;
      g_autofree char *detail = NULL;

      inj_diagnostics_note_failure ("upload", "rejected", NULL);
      cause = g_strdup_printf (_("The service's reason: %s"),
                               p->reason ? p->reason : _("none given"));
      detail = g_strdup_printf ("%s: %s\n%s: %s", _("Receipt number"),
                                p->receipt ? p->receipt : "-", _("Delegation ID"),
                                p->delegation_id);
      _inj_upload_page_show_problem (self, INJ_UPLOAD_STATE_REJECTED, _("Rejected by the Service"), cause, detail,
                    p->receipt, _("Correct the D_elegation"), "upload.correct",
                    g_variant_new_string (p->delegation_id));
    }
  else
    {
      g_autofree char *message =
        g_strdup_printf ("%s%s%s",
                         _("The service has not decided yet. The Delegations page shows its "
                           "decision later."),
                         job->poll_error ? "\n" : "", job->poll_error ? job->poll_error : "");
      _inj_upload_page_show_result (self, INJ_UPLOAD_STATE_RECEIVED, _("Received by the service"), p->receipt,
                   message);
    }
}

static void
send_activated (GtkWidget *widget,
                const char *action_name,
                GVariant *parameter)
{
  InjUploadPage *self = INJ_UPLOAD_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *outbox = inj_outbox_dir ();
  UploadJob *job;
  InjServiceJob *service;

  if (self->state == INJ_UPLOAD_STATE_RUNNING || !g_hash_table_contains (self->buttons, id))
    return;
  self->generation++;
  /* a new attempt: the last one's words go */
  inj_job_status_show_problem (self->problem, NULL, NULL);
  service = inj_service_job_new (self->session, &error);
  if (service == NULL)
    {
      _inj_upload_page_show_failure (self, id, error);
      return;
    }
  if (inj_service_job_uses_card (service))
    {
      InjCard *card = inj_card_picker_get_card (self->card_picker);
      /* the card shown is the card used; none shown: the job says why */
      inj_service_job_set_reader (service, card ? inj_card_get_reader (card) : NULL);
    }
  job = g_new0 (UploadJob, 1);
  job->service = service;
  job->package_dir = g_build_filename (outbox, id, NULL);
  job->page = self;
  job->generation = self->generation;
  self->uses_card = inj_service_job_uses_card (service);

  show_stage (self, _("Connecting to the service"), 0.0);
  _inj_upload_page_set_state (self, INJ_UPLOAD_STATE_RUNNING);
  task = g_task_new (self, inj_job_begin (self->job, NULL), upload_done, NULL);
  g_task_set_source_tag (task, send_activated);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) upload_job_free);
  g_task_run_in_thread (task, upload_thread);
}

/* Back from the success page when the page is left. */
static void
page_unmapped (InjUploadPage *self)
{
  if (self->state == INJ_UPLOAD_STATE_STORED)
    gtk_stack_set_visible_child_name (self->view_stack, "outbox");
}

static void
cancel_activated (GtkWidget *widget,
                  const char *action_name,
                  GVariant *parameter)
{
  inj_job_cancel (INJ_UPLOAD_PAGE (widget)->job);
}

/* The card's work stops; nothing personal is shown here. */
static void
privacy_lock (InjUploadPage *self)
{
  if (self->uses_card)
    inj_job_stop (self->job);
}

/* The service's other workflows (the delegations page) use it too. */
static void
card_chosen (InjUploadPage *self)
{
  InjCard *card = inj_card_picker_get_card (self->card_picker);

  inj_session_set_service_reader (self->session, card ? inj_card_get_reader (card) : NULL);
}

/* ------------------------------------------------------------- object */

static void
inj_upload_page_constructed (GObject *object)
{
  InjUploadPage *self = INJ_UPLOAD_PAGE (object);

  G_OBJECT_CLASS (inj_upload_page_parent_class)->constructed (object);
  g_signal_connect_object (self->session, "notify::package-dir",
                           G_CALLBACK (inj_upload_page_refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "privacy-lock",
                           G_CALLBACK (privacy_lock), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (inj_upload_page_refresh), NULL);
  g_signal_connect (self, "unmap", G_CALLBACK (page_unmapped), NULL);
  /* the authentication PIN's tries are read by the upload itself */
  inj_card_picker_set_show_tries (self->card_picker, FALSE);
  inj_card_picker_set_hint (self->card_picker, _("Insert your My Number card into the reader."));
  inj_card_picker_set_question (self->card_picker, _("Which card is the representative's?"));
  inj_card_picker_set_session (self->card_picker, self->session);
  g_signal_connect_object (self->card_picker, "notify::card", G_CALLBACK (card_chosen), self,
                           G_CONNECT_SWAPPED);
  card_chosen (self);
  _inj_upload_page_set_state (self, INJ_UPLOAD_STATE_IDLE);
  inj_upload_page_refresh (self);
}

static void
inj_upload_page_dispose (GObject *object)
{
  InjUploadPage *self = INJ_UPLOAD_PAGE (object);

  self->disposed = TRUE;
  inj_job_stop (self->job);
  g_clear_object (&self->job);
  if (self->buttons)
    g_hash_table_remove_all (self->buttons);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), INJ_TYPE_UPLOAD_PAGE);
  G_OBJECT_CLASS (inj_upload_page_parent_class)->dispose (object);
}

static void
inj_upload_page_finalize (GObject *object)
{
  InjUploadPage *self = INJ_UPLOAD_PAGE (object);

  g_clear_pointer (&self->buttons, g_hash_table_unref);
  g_free (self->receipt);
  g_free (self->notice);
  G_OBJECT_CLASS (inj_upload_page_parent_class)->finalize (object);
}

static void
inj_upload_page_get_property (GObject *object,
                              guint prop_id,
                              GValue *value,
                              GParamSpec *pspec)
{
  InjUploadPage *self = INJ_UPLOAD_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_STAGE:
      g_value_set_string (value, gtk_label_get_text (self->stage_label));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inj_upload_page_set_property (GObject *object,
                              guint prop_id,
                              const GValue *value,
                              GParamSpec *pspec)
{
  InjUploadPage *self = INJ_UPLOAD_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_set_object (&self->session, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inj_upload_page_class_init (InjUploadPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = inj_upload_page_constructed;
  object_class->dispose = inj_upload_page_dispose;
  object_class->finalize = inj_upload_page_finalize;
  object_class->get_property = inj_upload_page_get_property;
  object_class->set_property = inj_upload_page_set_property;

  /* The session: settings, card monitor, the PIN dialog, the package. */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, INJ_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* An InjUploadState. */
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, INJ_UPLOAD_STATE_IDLE, INJ_UPLOAD_STATE_CANCELLED,
                      INJ_UPLOAD_STATE_IDLE,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* What the upload running is doing, for a person. */
  properties[PROP_STAGE] =
    g_param_spec_string ("stage", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  _inj_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ininjo/Ininjo/ui/inj-upload-page.ui");
  gtk_widget_class_bind_template_child (widget_class, InjUploadPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, InjUploadPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, InjUploadPage, list);
  gtk_widget_class_bind_template_child (widget_class, InjUploadPage, empty_label);
  gtk_widget_class_bind_template_child (widget_class, InjUploadPage, progress_box);
  gtk_widget_class_bind_template_child (widget_class, InjUploadPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, InjUploadPage, stage_label);
  gtk_widget_class_bind_template_child (widget_class, InjUploadPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, InjUploadPage, result_box);
  gtk_widget_class_bind_template_child (widget_class, InjUploadPage, result_title);
  gtk_widget_class_bind_template_child (widget_class, InjUploadPage, receipt_label);
  gtk_widget_class_bind_template_child (widget_class, InjUploadPage, result_label);
  gtk_widget_class_bind_template_child (widget_class, InjUploadPage, card_picker);
  gtk_widget_class_bind_template_child (widget_class, InjUploadPage, state_pill);
  gtk_widget_class_bind_template_child (widget_class, InjUploadPage, problem);
  gtk_widget_class_bind_template_child (widget_class, InjUploadPage, done_page);
  gtk_widget_class_bind_template_child (widget_class, InjUploadPage, done_receipt_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "upload.send", "s", send_activated);
  gtk_widget_class_install_action (widget_class, "upload.cancel", NULL, cancel_activated);
  gtk_widget_class_install_action (widget_class, "upload.correct", "s",
                                   _inj_upload_page_correct_activated);
  gtk_widget_class_install_action (widget_class, "upload.notify-agent", NULL,
                                   _inj_upload_page_notify_agent_activated);

  /* 「訂正する」: a new delegation made of a refused one, for the editor
   * (the window loads it there, as a renewal). */
  _inj_upload_page_signals[_INJ_UPLOAD_PAGE_SIGNAL_CORRECT] =
    g_signal_new ("correct", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, INJ_TYPE_DELEGATION);
}

static void
inj_upload_page_init (InjUploadPage *self)
{
  g_type_ensure (ADW_TYPE_CLAMP);
  g_type_ensure (INJ_TYPE_CARD_PICKER);
  g_type_ensure (INJ_TYPE_JOB_STATUS);
  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "upload.notify-agent", FALSE);
  self->job = inj_job_new ();
  g_object_bind_property (self->job, "busy", self->progress_box, "visible",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->job, "busy", self->spinner, "spinning", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->job, "busy", self->card_picker, "sensitive",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  self->buttons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

GtkWidget *
inj_upload_page_new (InjSession *session)
{
  g_return_val_if_fail (INJ_IS_SESSION (session), NULL);
  return g_object_new (INJ_TYPE_UPLOAD_PAGE, "session", session, NULL);
}

InjUploadState
inj_upload_page_get_state (InjUploadPage *self)
{
  g_return_val_if_fail (INJ_IS_UPLOAD_PAGE (self), INJ_UPLOAD_STATE_IDLE);
  return self->state;
}

const char *
inj_upload_page_get_stage (InjUploadPage *self)
{
  g_return_val_if_fail (INJ_IS_UPLOAD_PAGE (self), NULL);
  return gtk_label_get_text (self->stage_label);
}

const char *
inj_upload_page_get_receipt (InjUploadPage *self)
{
  g_return_val_if_fail (INJ_IS_UPLOAD_PAGE (self), NULL);
  return self->receipt;
}

const char *
inj_upload_page_get_message (InjUploadPage *self)
{
  g_return_val_if_fail (INJ_IS_UPLOAD_PAGE (self), NULL);
  return gtk_label_get_text (self->result_label);
}

InjCardPicker *
inj_upload_page_get_card_picker (InjUploadPage *self)
{
  g_return_val_if_fail (INJ_IS_UPLOAD_PAGE (self), NULL);
  return self->card_picker;
}

InjJobStatus *
inj_upload_page_get_problem (InjUploadPage *self)
{
  g_return_val_if_fail (INJ_IS_UPLOAD_PAGE (self), NULL);
  return self->problem;
}

const char *
inj_upload_page_get_agent_notice (InjUploadPage *self)
{
  g_return_val_if_fail (INJ_IS_UPLOAD_PAGE (self), NULL);
  return self->notice;
}

GtkWidget *
inj_upload_page_get_done_page (InjUploadPage *self)
{
  g_return_val_if_fail (INJ_IS_UPLOAD_PAGE (self), NULL);
  return GTK_WIDGET (self->done_page);
}

const char *
inj_upload_page_get_pill (InjUploadPage *self)
{
  g_return_val_if_fail (INJ_IS_UPLOAD_PAGE (self), NULL);
  return gtk_label_get_text (self->state_pill);
}
