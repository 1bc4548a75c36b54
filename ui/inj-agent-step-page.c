/* inj-agent-step-page.c
 *
 * The submission is made (at the desk) or read (from a file) and verified
 * in a worker thread against the delegation as it was when the work
 * started; it reaches the session only if every check passed and the
 * delegation is still the same. The session drops it when the delegation
 * changes, and the page follows the session. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-diagnostics.h"
#include "inj-a11y.h"
#include "inj-agent-common.h"
#include "inj-agent-desk.h"
#include "inj-agent-match.h"
#include "inj-job-status.h"
#include "inj-agent-step-page-private.h"
#include "inj-window.h"
#include "inj-ui-private.h"
#include "inj-wrap.h"


G_DEFINE_FINAL_TYPE (InjAgentStepPage, inj_agent_step_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_STATE,
  PROP_REVEAL,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

/* A submission file read and verified in a worker thread (the desk signs
 * one at the desk), against the delegation as it was when it started. */
typedef struct {
  char *path;
  GBytes *delegation_xml;
  InjTrustStore *trust;

  GBytes *xml;
  InjVerification *verification;
} FileJob;

static void
file_job_free (FileJob *job)
{
  g_free (job->path);
  g_clear_pointer (&job->delegation_xml, g_bytes_unref);
  g_clear_object (&job->trust);
  g_clear_pointer (&job->xml, g_bytes_unref);
  g_clear_object (&job->verification);
  g_free (job);
}

/* ------------------------------------------------------------ view */

static void
agent_rows (InjAgentStepPage *self,
            AdwActionRow *rows[INJ_AGENT_N_ROWS])
{
  rows[INJ_AGENT_ROW_NAME] = self->name_row;
  rows[INJ_AGENT_ROW_ADDRESS] = self->address_row;
  rows[INJ_AGENT_ROW_BIRTH] = self->birth_row;
  rows[INJ_AGENT_ROW_VALIDITY] = self->validity_row;
  rows[INJ_AGENT_ROW_ISSUER] = self->issuer_row;
}

static void
show_agent (InjAgentStepPage *self)
{
  InjCertificate *cert = inj_session_get_agent_certificate (self->session);
  InjDelegation *delegation = inj_session_get_delegation (self->session);
  gboolean reveal = inj_session_get_reveal (self->session);
  AdwActionRow *rows[INJ_AGENT_N_ROWS];

  agent_rows (self, rows);
  inj_agent_desk_show_certificate (rows, cert, reveal, FALSE);
  gtk_widget_set_visible (self->card_back_label, cert && self->from_desk);

  _inj_agent_step_page_show_match (self, cert, delegation, reveal);
}

static gboolean
busy (InjAgentStepPage *self)
{
  return inj_job_status_get_busy (self->status);
}

static void
clear_problem (InjAgentStepPage *self)
{
  g_clear_object (&self->verification);
  inj_job_status_show_problem (self->status, NULL, NULL);
  _inj_agent_step_page_show_import_problem (self, NULL, NULL);
}

static void
update_actions (InjAgentStepPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean getting = self->state == INJ_AGENT_STEP_WAITING ||
                     self->state == INJ_AGENT_STEP_MISMATCH;

  gtk_widget_action_set_enabled (widget, "agent-step.sign",
                                 getting && inj_agent_desk_can_sign (self->desk));
  gtk_widget_action_set_enabled (widget, "agent-step.open", getting);
  gtk_widget_action_set_enabled (widget, "agent-step.cancel", busy (self));
  gtk_widget_action_set_enabled (widget, "agent-step.replace", self->state == INJ_AGENT_STEP_HELD);
  gtk_widget_action_set_enabled (widget, "agent-step.keep",
                                 getting && inj_session_get_submission (self->session));
  gtk_widget_action_set_enabled (widget, "agent-step.copy-code", self->request_code != NULL);
  gtk_widget_action_set_enabled (widget, "agent-step.use-anyway",
                                 self->pending_cert != NULL && !busy (self));
  gtk_widget_action_set_enabled (widget, "agent-step.correct", self->pending_cert != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->desk), !busy (self));
}

void
_inj_agent_step_page_update (InjAgentStepPage *self)
{
  GBytes *digest = inj_session_get_delegation_digest (self->session);
  GBytes *submission = inj_session_get_submission (self->session);
  InjAgentStepState state;

  g_clear_pointer (&self->request_code, g_free);
  if (digest)
    self->request_code = inj_request_code (digest);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->code_row),
                                 self->request_code ? self->request_code : "");
  if (submission == NULL)
    self->replacing = FALSE;
  gtk_stack_set_visible_child_name (self->main_stack, digest ? "flow" : "missing");
  gtk_stack_set_visible_child_name (self->submission_stack,
                                    submission && !self->replacing ? "held" : "get");
  gtk_widget_set_visible (self->keep_button, submission && self->replacing);
  show_agent (self);

  if (digest == NULL)
    state = INJ_AGENT_STEP_NO_DELEGATION;
  else if (busy (self))
    state = INJ_AGENT_STEP_BUSY;
  else if (submission && !self->replacing)
    state = INJ_AGENT_STEP_HELD;
  else if (self->pending_cert)
    state = INJ_AGENT_STEP_MISMATCH;
  else
    state = INJ_AGENT_STEP_WAITING;
  if (state != self->state)
    {
      self->state = state;
      update_actions (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  else
    update_actions (self);
}

/* ------------------------------------------------------------ work */

static void
import_thread (GTask *task,
               gpointer source,
               gpointer task_data,
               GCancellable *cancellable)
{
  FileJob *job = task_data;
  GError *error = NULL;

  job->xml = inj_agent_read_file (job->path, cancellable, &error);
  if (job->xml)
    job->verification = inj_verify_submission (job->xml, job->trust, NULL, job->delegation_xml,
                                               NULL, &error);
  if (job->verification)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* A submission signed here (@reader: the agent's card's) or read from a
 * file, for the delegation of @digest: kept only if every check passed and
 * the delegation is still the same. */
static void
submission_done (InjAgentStepPage *self,
                 gboolean desk,
                 GBytes *xml,
                 InjVerification *verification,
                 GBytes *digest,
                 const char *reader,
                 const GError *error)
{
  GBytes *current;

  InjAgentMatch match = INJ_AGENT_MATCH_DIFFERENT;

  if (self->disposed)
    return;
  inj_job_status_end (self->status);
  current = inj_session_get_delegation_digest (self->session);
  if (error && !desk)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          inj_diagnostics_note_failure ("agent", NULL, error);
          _inj_agent_step_page_show_import_problem (self, error, NULL);
        }
    }
  else if (error)
    /* a cancelled one keeps nothing; the page already says why, if it must */
    inj_job_status_show_error (self->status, "agent", _("The agent's card did not sign"), error);
  else if (!inj_verification_is_valid (verification))
    {
      g_autofree char *failures = inj_agent_failures_text (verification);
      inj_diagnostics_note_failure ("agent", inj_failure_reason_for_verification (verification),
                                    NULL);
      g_set_object (&self->verification, verification);
      if (desk)
        inj_job_status_show_problem (self->status, _("The agent's signature cannot be accepted"),
                                     failures);
      else
        _inj_agent_step_page_show_import_problem (self, NULL, verification);
    }
  else if (current == NULL || !g_bytes_equal (current, digest))
    inj_job_status_show_problem (self->status, _("The delegation changed meanwhile"),
                                 _("This submission names the delegation as it was. Get a new "
                                   "one for the delegation as it is now."));
  else if ((match = inj_holder_match_agent (inj_session_get_delegation (self->session),
                                            inj_verification_get_signer (verification),
                                            NULL)) == INJ_AGENT_MATCH_REPRESENTATIVE)
    inj_job_status_show_problem (self->status,
                                 _("The representative and the agent cannot use the same "
                                   "certificate"),
                                 _("This signing certificate is the representative's. The "
                                   "agent signs with their own My Number card: take the "
                                   "representative's card out of the reader, or ask the "
                                   "agent for a submission signed with their own card."));
  else if (match == INJ_AGENT_MATCH_DIFFERENT)
    {
      /* held back: the flow's next step waits for a decision */
      _inj_agent_step_page_clear_pending (self);
      self->pending_xml = g_bytes_ref (xml);
      self->pending_cert = g_object_ref (inj_verification_get_signer (verification));
      self->pending_reader = g_strdup (reader);
      self->pending_desk = desk;
    }
  else
    {
      _inj_agent_step_page_clear_pending (self);
      self->from_desk = desk;
      self->replacing = FALSE;
      inj_session_set_agent_reader (self->session, reader);
      inj_session_set_submission (self->session, xml,
                                  inj_verification_get_signer (verification));
    }
  _inj_agent_step_page_update (self);
}

/* What a job's callback gets: the page, and the digest it started with. */
typedef struct {
  InjAgentStepPage *self;
  GBytes *digest;
} Pending;

static Pending *
pending_new (InjAgentStepPage *self)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->self = g_object_ref (self);
  pending->digest = g_bytes_ref (inj_session_get_delegation_digest (self->session));
  return pending;
}

static void
pending_free (Pending *pending)
{
  g_object_unref (pending->self);
  g_bytes_unref (pending->digest);
  g_free (pending);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pending, pending_free)

static void
import_done (GObject *source,
             GAsyncResult *result,
             gpointer user_data)
{
  g_autoptr(Pending) pending = user_data;
  FileJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  submission_done (pending->self, FALSE, job->xml, job->verification, pending->digest, NULL,
                   error);
}

static void
desk_done (GObject *source,
           GAsyncResult *result,
           gpointer user_data)
{
  g_autoptr(Pending) pending = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(InjVerification) verification = NULL;
  g_autofree char *reader = NULL;
  g_autoptr(GBytes) xml = inj_agent_desk_sign_finish (INJ_AGENT_DESK (source), result,
                                                      &verification, &reader, &error);

  submission_done (pending->self, TRUE, xml, verification, pending->digest, reader, error);
}

/* Work for the session's delegation starts: its cancellable, or NULL after
 * saying why not. */
static GCancellable *
begin (InjAgentStepPage *self,
       const char *doing,
       gboolean replacing,
       InjTrustStore **trust)
{
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  if (inj_session_get_delegation (self->session) == NULL || busy (self))
    return NULL;
  *trust = inj_session_dup_trust_store (self->session, &error);
  if (*trust == NULL)
    {
      inj_job_status_show_problem (self->status, _("The trusted certificates cannot be read"),
                                   error->message);
      return NULL;
    }
  /* a file for another one than the one held: its checks are shown where
   * a new one is got, the one held stays until this one passes */
  if (replacing && inj_session_get_submission (self->session))
    self->replacing = TRUE;
  g_clear_object (&self->verification);
  _inj_agent_step_page_show_import_problem (self, NULL, NULL);
  _inj_agent_step_page_clear_pending (self);
  gtk_widget_set_visible (self->copied_label, FALSE);
  cancellable = inj_job_status_begin (self->status, doing);
  _inj_agent_step_page_update (self);
  return cancellable;
}

static void
sign_activated (GtkWidget *widget,
                const char *action_name,
                GVariant *parameter)
{
  InjAgentStepPage *self = INJ_AGENT_STEP_PAGE (widget);
  InjAgentDeskTarget target = { NULL, inj_session_get_delegation (self->session),
                                inj_session_get_delegation_xml (self->session),
                                inj_session_get_delegation_digest (self->session), FALSE };
  g_autoptr(InjTrustStore) trust = NULL;
  GCancellable *cancellable;

  if (inj_agent_desk_get_card (self->desk) == NULL)
    return;
  cancellable = begin (self, _("The agent's card signs. Agent: type your own signing password "
                               "when it is asked."), FALSE, &trust);
  if (cancellable)
    inj_agent_desk_sign_async (self->desk, &target, trust, cancellable, desk_done,
                               pending_new (self));
}

/* The file chooser only supplies the path. */
void
inj_agent_step_page_import_file (InjAgentStepPage *self,
                                 const char *path)
{
  g_autoptr(InjTrustStore) trust = NULL;
  g_autoptr(GTask) task = NULL;
  GCancellable *cancellable;
  FileJob *job;

  g_return_if_fail (INJ_IS_AGENT_STEP_PAGE (self));
  g_return_if_fail (path != NULL);
  cancellable = begin (self, _("Checking the submission…"), TRUE, &trust);
  if (cancellable == NULL)
    return;
  job = g_new0 (FileJob, 1);
  job->path = g_strdup (path);
  job->trust = g_steal_pointer (&trust);
  job->delegation_xml = g_bytes_ref (inj_session_get_delegation_xml (self->session));
  task = g_task_new (NULL, cancellable, import_done, pending_new (self));
  g_task_set_source_tag (task, inj_agent_step_page_import_file);
  g_task_set_task_data (task, job, (GDestroyNotify) file_job_free);
  g_task_run_in_thread (task, import_thread);
}

static void
open_response (GtkNativeDialog *dialog,
               int response,
               gpointer user_data)
{
  g_autoptr(InjAgentStepPage) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT && !self->disposed)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      if (path)
        inj_agent_step_page_import_file (self, path);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
open_activated (GtkWidget *widget,
                const char *action_name,
                GVariant *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) xml = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Open the Agent's Submission"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (xml, _("XML files"));
  gtk_file_filter_add_pattern (xml, "*.xml");
  gtk_file_filter_add_mime_type (xml, "application/xml");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), xml);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);
  _inj_ui_open_in_documents (GTK_FILE_CHOOSER (dialog));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (open_response), g_object_ref (widget));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
cancel_activated (GtkWidget *widget,
                  const char *action_name,
                  GVariant *parameter)
{
  inj_job_status_cancel (INJ_AGENT_STEP_PAGE (widget)->status);
}

static void
copy_code_activated (GtkWidget *widget,
                     const char *action_name,
                     GVariant *parameter)
{
  InjAgentStepPage *self = INJ_AGENT_STEP_PAGE (widget);

  if (self->request_code == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->request_code);
  /* a toast: a label would stay after it stops being true */
  inj_window_toast (widget, _("Copied"));
}

static void
replace_activated (GtkWidget *widget,
                   const char *action_name,
                   GVariant *parameter)
{
  InjAgentStepPage *self = INJ_AGENT_STEP_PAGE (widget);

  self->replacing = TRUE;
  clear_problem (self);
  _inj_agent_step_page_update (self);
}

static void
keep_activated (GtkWidget *widget,
                const char *action_name,
                GVariant *parameter)
{
  InjAgentStepPage *self = INJ_AGENT_STEP_PAGE (widget);

  self->replacing = FALSE;
  clear_problem (self);
  _inj_agent_step_page_update (self);
}

/* ------------------------------------------------------------ session */

static void
delegation_changed (InjAgentStepPage *self)
{
  /* work bound to the old delegation is of no use now */
  inj_job_status_stop (self->status);
  self->replacing = FALSE;
  self->from_desk = FALSE;
  _inj_agent_step_page_clear_pending (self);
  gtk_widget_set_visible (self->copied_label, FALSE);
  clear_problem (self);
  _inj_agent_step_page_update (self);
}

static void
reveal_changed (InjAgentStepPage *self)
{
  show_agent (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEAL]);
}

static void
privacy_lock (InjAgentStepPage *self)
{
  inj_job_status_stop (self->status);
  gtk_widget_set_visible (self->copied_label, FALSE);
  show_agent (self);
}

static void
inj_agent_step_page_constructed (GObject *object)
{
  InjAgentStepPage *self = INJ_AGENT_STEP_PAGE (object);
  AdwActionRow *rows[INJ_AGENT_N_ROWS];

  G_OBJECT_CLASS (inj_agent_step_page_parent_class)->constructed (object);
  g_return_if_fail (self->session != NULL);

  agent_rows (self, rows);
  inj_agent_desk_title_rows (rows);
  inj_agent_desk_set_hint (self->desk,
                            _("Agent: insert your own My Number card. If the representative's "
                              "card is in the reader, take it out first, or use a second "
                              "reader."));
  inj_agent_desk_set_session (self->desk, self->session);
  inj_job_status_set_cancel_action (self->status, "agent-step.cancel");
  /* Japanese lines break between words (issue 15 §5) */
  inj_wrap_labels_in (GTK_WIDGET (self));
  g_signal_connect_object (self->desk, "notify::card", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (self->session, "notify::delegation", G_CALLBACK (delegation_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::submission", G_CALLBACK (_inj_agent_step_page_update), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::reveal", G_CALLBACK (reveal_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "privacy-lock", G_CALLBACK (privacy_lock), self,
                           G_CONNECT_SWAPPED);
  _inj_agent_step_page_update (self);
}

static void
inj_agent_step_page_dispose (GObject *object)
{
  InjAgentStepPage *self = INJ_AGENT_STEP_PAGE (object);

  self->disposed = TRUE;
  _inj_agent_step_page_clear_pending (self);
  if (self->status)
    inj_job_status_stop (self->status);
  if (self->session)
    g_signal_handlers_disconnect_by_data (self->session, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), INJ_TYPE_AGENT_STEP_PAGE);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (inj_agent_step_page_parent_class)->dispose (object);
}

static void
inj_agent_step_page_finalize (GObject *object)
{
  InjAgentStepPage *self = INJ_AGENT_STEP_PAGE (object);

  g_clear_object (&self->verification);
  g_free (self->request_code);
  g_free (self->import_problem);
  G_OBJECT_CLASS (inj_agent_step_page_parent_class)->finalize (object);
}

static void
inj_agent_step_page_get_property (GObject *object,
                                  guint prop_id,
                                  GValue *value,
                                  GParamSpec *pspec)
{
  InjAgentStepPage *self = INJ_AGENT_STEP_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_REVEAL:
      g_value_set_boolean (value, self->session && inj_session_get_reveal (self->session));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inj_agent_step_page_set_property (GObject *object,
                                  guint prop_id,
                                  const GValue *value,
                                  GParamSpec *pspec)
{
  InjAgentStepPage *self = INJ_AGENT_STEP_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_set_object (&self->session, g_value_get_object (value));
      break;
    case PROP_REVEAL:
      if (self->session)
        inj_session_set_reveal (self->session, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inj_agent_step_page_class_init (InjAgentStepPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = inj_agent_step_page_constructed;
  object_class->dispose = inj_agent_step_page_dispose;
  object_class->finalize = inj_agent_step_page_finalize;
  object_class->get_property = inj_agent_step_page_get_property;
  object_class->set_property = inj_agent_step_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, INJ_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* An InjAgentStepState. */
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, INJ_AGENT_STEP_NO_DELEGATION, INJ_AGENT_STEP_MISMATCH,
                      INJ_AGENT_STEP_NO_DELEGATION,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The session's reveal, for the switch on the page. */
  properties[PROP_REVEAL] =
    g_param_spec_boolean ("reveal", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  _inj_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ininjo/Ininjo/ui/inj-agent-step-page.ui");
  gtk_widget_class_bind_template_child (widget_class, InjAgentStepPage, copy_button);
  gtk_widget_class_bind_template_child (widget_class, InjAgentStepPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, InjAgentStepPage, code_row);
  gtk_widget_class_bind_template_child (widget_class, InjAgentStepPage, copied_label);
  gtk_widget_class_bind_template_child (widget_class, InjAgentStepPage, submission_stack);
  gtk_widget_class_bind_template_child (widget_class, InjAgentStepPage, method_stack);
  gtk_widget_class_bind_template_child (widget_class, InjAgentStepPage, desk);
  gtk_widget_class_bind_template_child (widget_class, InjAgentStepPage, status);
  gtk_widget_class_bind_template_child (widget_class, InjAgentStepPage, keep_button);
  gtk_widget_class_bind_template_child (widget_class, InjAgentStepPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, InjAgentStepPage, address_row);
  gtk_widget_class_bind_template_child (widget_class, InjAgentStepPage, birth_row);
  gtk_widget_class_bind_template_child (widget_class, InjAgentStepPage, validity_row);
  gtk_widget_class_bind_template_child (widget_class, InjAgentStepPage, issuer_row);
  gtk_widget_class_bind_template_child (widget_class, InjAgentStepPage, card_back_label);
  gtk_widget_class_bind_template_child (widget_class, InjAgentStepPage, match_row);
  gtk_widget_class_bind_template_child (widget_class, InjAgentStepPage, mismatch_box);
  gtk_widget_class_bind_template_child (widget_class, InjAgentStepPage, expected_row);
  gtk_widget_class_bind_template_child (widget_class, InjAgentStepPage, actual_row);
  gtk_widget_class_bind_template_child (widget_class, InjAgentStepPage, open_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "agent-step.sign", NULL, sign_activated);
  gtk_widget_class_install_action (widget_class, "agent-step.open", NULL, open_activated);
  gtk_widget_class_install_action (widget_class, "agent-step.cancel", NULL, cancel_activated);
  gtk_widget_class_install_action (widget_class, "agent-step.copy-code", NULL,
                                   copy_code_activated);
  gtk_widget_class_install_action (widget_class, "agent-step.replace", NULL, replace_activated);
  gtk_widget_class_install_action (widget_class, "agent-step.keep", NULL, keep_activated);
  gtk_widget_class_install_action (widget_class, "agent-step.use-anyway", NULL,
                                   _inj_agent_step_page_use_anyway_activated);
  gtk_widget_class_install_action (widget_class, "agent-step.correct", NULL,
                                   _inj_agent_step_page_correct_activated);
  gtk_widget_class_install_property_action (widget_class, "agent-step.reveal", "reveal");
}

static void
inj_agent_step_page_init (InjAgentStepPage *self)
{
  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  g_type_ensure (INJ_TYPE_AGENT_DESK);
  g_type_ensure (INJ_TYPE_JOB_STATUS);
  gtk_widget_init_template (GTK_WIDGET (self));
  inj_ui_set_accessible_label (self->copy_button, _("Copy the request code"));
}

GtkWidget *
inj_agent_step_page_new (InjSession *session)
{
  g_return_val_if_fail (INJ_IS_SESSION (session), NULL);
  return g_object_new (INJ_TYPE_AGENT_STEP_PAGE, "session", session, NULL);
}

InjAgentStepState
inj_agent_step_page_get_state (InjAgentStepPage *self)
{
  g_return_val_if_fail (INJ_IS_AGENT_STEP_PAGE (self), INJ_AGENT_STEP_NO_DELEGATION);
  return self->state;
}

InjCardPicker *
inj_agent_step_page_get_card_picker (InjAgentStepPage *self)
{
  g_return_val_if_fail (INJ_IS_AGENT_STEP_PAGE (self), NULL);
  return inj_agent_desk_get_card_picker (self->desk);
}

/* As shown, or NULL without a delegation. */
const char *
inj_agent_step_page_get_request_code (InjAgentStepPage *self)
{
  g_return_val_if_fail (INJ_IS_AGENT_STEP_PAGE (self), NULL);
  return self->request_code;
}

/* The title and message of what went wrong, as shown; NULL when nothing. */
const char *
inj_agent_step_page_get_problem (InjAgentStepPage *self)
{
  g_return_val_if_fail (INJ_IS_AGENT_STEP_PAGE (self), NULL);
  if (self->import_problem)
    return self->import_problem;
  return inj_job_status_get_problem (self->status);
}

/* The checks of the last submission refused, or NULL. */
InjVerification *
inj_agent_step_page_get_verification (InjAgentStepPage *self)
{
  g_return_val_if_fail (INJ_IS_AGENT_STEP_PAGE (self), NULL);
  return self->verification;
}

/* The agent's name, address or date of birth as shown (masked unless
 * revealed); "" without a submission. */
const char *
inj_agent_step_page_get_agent_field (InjAgentStepPage *self,
                                     InjJpkiField field)
{
  AdwActionRow *rows[INJ_AGENT_N_ROWS];

  g_return_val_if_fail (INJ_IS_AGENT_STEP_PAGE (self), NULL);
  agent_rows (self, rows);
  return inj_agent_desk_row_text (rows, field);
}
