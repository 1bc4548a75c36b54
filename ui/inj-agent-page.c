/* inj-agent-page.c
 *
 * One piece of work at a time (reading the certificate, opening a
 * delegation, signing, saving), each in a worker thread that owns its
 * data; the card's own lock keeps card operations in order. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-audit.h"
#include "inj-diagnostics.h"
#include "inj-agent-common.h"
#include "inj-agent-page.h"
#include "inj-card-page.h"
#include "inj-ui-private.h"

struct _InjAgentPage {
  GtkWidget parent_instance;

  GtkWidget *scroller;
  InjCardPicker *card_picker;
  AdwActionRow *cert_name_row;
  AdwActionRow *cert_address_row;
  AdwActionRow *cert_birth_row;
  AdwActionRow *cert_validity_row;
  AdwActionRow *cert_issuer_row;
  AdwActionRow *cert_chain_row;
  AdwEntryRow *code_row;
  AdwActionRow *file_row;
  AdwActionRow *target_row;
  GtkWidget *busy_box;
  GtkSpinner *spinner;
  GtkLabel *busy_label;
  GtkWidget *problem_box;
  GtkLabel *problem_title;
  GtkLabel *problem_label;
  GtkLabel *done_label;

  InjSession *session;
  GCancellable *cancellable;   /* of the work under way, or NULL */
  char *problem;

  /* the certificate read from the card, until the privacy lock */
  InjCertificate *certificate;
  InjChainStatus chain;
  char *chain_text;

  /* what the submission will name: a request code or a delegation */
  char *code;
  InjDelegation *delegation;
  GBytes *delegation_xml;
  GBytes *digest;
  char *target;

  GBytes *submission;          /* signed and verified */
  char *submission_name;       /* a file name to suggest */
  char *saved_path;
  gboolean disposed;
};

G_DEFINE_FINAL_TYPE (InjAgentPage, inj_agent_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_BUSY,
  PROP_REVEAL,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

typedef enum {
  JOB_READ_CERTIFICATE,
  JOB_OPEN_DELEGATION,
  JOB_SIGN,
  JOB_SAVE,
} JobKind;

/* What a worker thread gets, and gives back. */
typedef struct {
  JobKind kind;
  InjCard *card;
  GTlsInteraction *interaction;
  InjTrustStore *trust;
  char *path;
  gboolean replace;
  char *code;
  char *delegation_id;
  GBytes *delegation_xml;
  GBytes *digest;

  GBytes *bytes;
  InjDelegation *delegation;
  InjCertificate *certificate;
  InjChainStatus chain;
  char *chain_text;
  InjVerification *verification;
} Job;

static const char *const job_failed[] = {
  [JOB_READ_CERTIFICATE] = N_("Your certificate could not be read"),
  [JOB_OPEN_DELEGATION] = N_("The delegation file cannot be used"),
  [JOB_SIGN] = N_("Your card did not sign"),
  [JOB_SAVE] = N_("The submission was not saved"),
};

static void
job_free (Job *job)
{
  g_clear_object (&job->card);
  g_clear_object (&job->interaction);
  g_clear_object (&job->trust);
  g_free (job->path);
  g_free (job->code);
  g_free (job->delegation_id);
  g_clear_pointer (&job->delegation_xml, g_bytes_unref);
  g_clear_pointer (&job->digest, g_bytes_unref);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_clear_object (&job->delegation);
  g_clear_object (&job->certificate);
  g_free (job->chain_text);
  g_clear_object (&job->verification);
  g_free (job);
}

/* ------------------------------------------------------------ view */

static gboolean
reveal (InjAgentPage *self)
{
  return inj_session_get_reveal (self->session);
}

static void
set_row (AdwActionRow *row,
         const char *text)
{
  adw_action_row_set_subtitle (row, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (row), text != NULL);
}

static void
show_certificate (InjAgentPage *self)
{
  InjCertificate *cert = self->certificate;
  g_autofree char *name = NULL;
  g_autofree char *address = NULL;
  g_autofree char *birth = NULL;
  g_autofree char *validity = NULL;

  if (cert)
    {
      name = inj_agent_field_text (cert, INJ_JPKI_NAME, reveal (self));
      address = inj_agent_field_text (cert, INJ_JPKI_ADDRESS, reveal (self));
      birth = inj_agent_field_text (cert, INJ_JPKI_BIRTH_DATE, reveal (self));
      validity = inj_agent_validity_text (cert, NULL);
    }
  set_row (self->cert_name_row, name);
  set_row (self->cert_address_row, address);
  set_row (self->cert_birth_row, birth);
  set_row (self->cert_validity_row, validity);
  set_row (self->cert_issuer_row, cert ? inj_certificate_get_issuer (cert) : NULL);
  set_row (self->cert_chain_row, cert ? self->chain_text : NULL);
  if (cert && self->chain != INJ_CHAIN_TRUSTED)
    gtk_widget_add_css_class (GTK_WIDGET (self->cert_chain_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->cert_chain_row), "error");
}

static void
append_field (GString *out,
              InjDelegation *delegation,
              InjField field,
              gboolean shown)
{
  g_autofree char *value = inj_render_value (delegation, field, shown);

  if (value == NULL)
    return;
  if (out->len > 0)
    g_string_append_c (out, '\n');
  /* TRANSLATORS: an item of a delegation: its label, its value */
  g_string_append_printf (out, _("%s: %s"), inj_field_label (field), value);
}

/* Whose delegation it is: personal data masked unless revealed. */
static void
show_target (InjAgentPage *self)
{
  g_clear_pointer (&self->target, g_free);
  if (self->code)
    self->target = g_strdup_printf (_("The request code %s"), self->code);
  else if (self->delegation)
    {
      GString *out = g_string_new (NULL);
      gboolean corporation =
        inj_delegation_get_principal_kind (self->delegation) == INJ_PRINCIPAL_KIND_CORPORATION;

      append_field (out, self->delegation, INJ_FIELD_DELEGATION_ID, reveal (self));
      append_field (out, self->delegation,
                    corporation ? INJ_FIELD_CORPORATE_NAME : INJ_FIELD_TRADE_NAME, reveal (self));
      append_field (out, self->delegation,
                    corporation ? INJ_FIELD_REPRESENTATIVE_NAME : INJ_FIELD_PROPRIETOR_NAME,
                    reveal (self));
      append_field (out, self->delegation, INJ_FIELD_AGENT_NAME, reveal (self));
      self->target = g_string_free (out, FALSE);
    }
  set_row (self->target_row, self->target);
}

static void
show_problem (InjAgentPage *self,
              const char *title,
              const char *message)
{
  g_free (self->problem);
  self->problem = title ? g_strdup_printf ("%s\n%s", title, message) : NULL;
  gtk_label_set_text (self->problem_title, title ? title : "");
  gtk_label_set_text (self->problem_label, message ? message : "");
  gtk_widget_set_visible (self->problem_box, title != NULL);
}

static void
show_done (InjAgentPage *self,
           const char *text)
{
  gtk_label_set_text (self->done_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->done_label), text != NULL);
}

static void
update_actions (InjAgentPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const InjPinStatus *pin = inj_card_picker_get_pin_status (self->card_picker);
  gboolean idle = self->cancellable == NULL;
  gboolean card = inj_card_picker_get_card (self->card_picker) && !(pin && pin->locked);

  gtk_widget_action_set_enabled (widget, "agent-desk.read-certificate", idle && card);
  gtk_widget_action_set_enabled (widget, "agent-desk.open-delegation", idle);
  gtk_widget_action_set_enabled (widget, "agent-desk.sign",
                                 idle && card && (self->code || self->delegation));
  gtk_widget_action_set_enabled (widget, "agent-desk.save", idle && self->submission);
  gtk_widget_action_set_enabled (widget, "agent-desk.cancel", !idle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->card_picker), idle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->code_row), idle);
  gtk_widget_set_visible (self->busy_box, !idle);
  if (idle)
    gtk_spinner_stop (self->spinner);
  else
    gtk_spinner_start (self->spinner);
}

/* ------------------------------------------------------------ work */

static void
work_thread (GTask *task,
             gpointer source,
             gpointer task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GDateTime) now = inj_date_now ();
  GError *error = NULL;
  gboolean done = FALSE;

  switch (job->kind)
    {
    case JOB_READ_CERTIFICATE:
      {
        g_autoptr(GBytes) der = inj_card_read_certificate (job->card, INJ_CERT_SIGN,
                                                           job->interaction, cancellable, &error);
        if (der)
          job->certificate = inj_certificate_new_from_der (der, &error);
        if (job->certificate)
          {
            g_autoptr(InjCertificate) anchor = NULL;
            gboolean pinned = FALSE;
            job->chain = inj_trust_store_check (job->trust, job->certificate, &anchor, &pinned);
            job->chain_text = inj_agent_chain_text (job->certificate, job->chain, pinned, anchor);
          }
        done = job->certificate != NULL;
      }
      break;
    case JOB_OPEN_DELEGATION:
      job->bytes = inj_agent_read_file (job->path, cancellable, &error);
      if (job->bytes)
        job->delegation = inj_delegation_from_xml (g_bytes_get_data (job->bytes, NULL),
                                                   g_bytes_get_size (job->bytes), NULL, &error);
      if (job->delegation)
        job->digest = inj_delegation_digest (job->bytes, &error);
      done = job->digest != NULL;
      break;
    case JOB_SIGN:
      {
        g_autoptr(InjSubmission) submission =
          job->code ? inj_submission_new_for_code (job->code, now)
                    : inj_submission_new_for_delegation (job->delegation_id, job->digest, now);
        InjCardSigner signer = { job->card, job->interaction, cancellable };
        job->bytes = inj_submission_sign (submission, inj_card_signer_sign, &signer, &error);
        if (job->bytes)
          job->verification = inj_verify_submission (job->bytes, job->trust, NULL,
                                                     job->delegation_xml, NULL, &error);
        inj_audit_record_verification (INJ_AUDIT_SUBMISSION, job->verification,
                                       job->delegation_id, error);
        done = job->verification != NULL;
      }
      break;
    case JOB_SAVE:
      done = inj_agent_write_file (job->path, job->bytes, job->replace, &error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (done)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* A new target: what was signed for the old one is no longer offered. */
static void
clear_target (InjAgentPage *self)
{
  g_clear_pointer (&self->submission, g_bytes_unref);
  g_clear_pointer (&self->saved_path, g_free);
  gtk_label_set_text (self->done_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->done_label), FALSE);
  g_clear_pointer (&self->code, g_free);
  g_clear_object (&self->delegation);
  g_clear_pointer (&self->delegation_xml, g_bytes_unref);
  g_clear_pointer (&self->digest, g_bytes_unref);
  adw_action_row_set_subtitle (self->file_row, "");
}

static void
read_done (InjAgentPage *self,
           Job *job)
{
  g_set_object (&self->certificate, job->certificate);
  self->chain = job->chain;
  g_free (self->chain_text);
  self->chain_text = g_strdup (job->chain_text);
  show_certificate (self);
}

static void
open_done (InjAgentPage *self,
           Job *job)
{
  g_autofree char *base = g_filename_display_basename (job->path);

  clear_target (self);
  gtk_editable_set_text (GTK_EDITABLE (self->code_row), "");
  self->delegation = g_object_ref (job->delegation);
  self->delegation_xml = g_bytes_ref (job->bytes);
  self->digest = g_bytes_ref (job->digest);
  adw_action_row_set_subtitle (self->file_row, base);
  show_target (self);
}

static void
sign_done (InjAgentPage *self,
           Job *job)
{
  g_autofree char *failures = NULL;

  if (!inj_verification_is_valid (job->verification))
    {
      failures = inj_agent_failures_text (job->verification);
      show_problem (self, _("Your signature was made, but a representative would refuse it"),
                    failures);
      return;
    }
  g_clear_pointer (&self->submission, g_bytes_unref);
  g_clear_pointer (&self->saved_path, g_free);
  g_free (self->submission_name);
  self->submission = g_bytes_ref (job->bytes);
  self->submission_name = g_strdup_printf ("agent-submission-%s.xml",
                                           job->code ? job->code : job->delegation_id);
  show_done (self, _("Signed. Now save the submission and send the file to the "
                     "representative."));
}

static void
save_done (InjAgentPage *self,
           Job *job)
{
  g_autofree char *base = g_filename_display_basename (job->path);
  g_autofree char *text = NULL;

  g_free (self->saved_path);
  self->saved_path = g_strdup (job->path);
  text = g_strdup_printf (_("Saved as %s (readable only by you). Send this file to the "
                            "representative, and take your card out of the reader."), base);
  show_done (self, text);
}

static void
job_done (GObject *source,
          GAsyncResult *result,
          gpointer user_data)
{
  InjAgentPage *self = INJ_AGENT_PAGE (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean done = g_task_propagate_boolean (G_TASK (result), &error);

  if (self->disposed)
    return;
  g_clear_object (&self->cancellable);
  if (job->card)
    inj_card_picker_refresh_tries (self->card_picker);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    ;
  else if (!done)
    {
      inj_diagnostics_note_failure ("agent", NULL, error);
      show_problem (self, _(job_failed[job->kind]), error->message);
    }
  else
    switch (job->kind)
      {
      case JOB_READ_CERTIFICATE:
        read_done (self, job);
        break;
      case JOB_OPEN_DELEGATION:
        open_done (self, job);
        break;
      case JOB_SIGN:
        sign_done (self, job);
        break;
      case JOB_SAVE:
        save_done (self, job);
        break;
      default:
        g_assert_not_reached ();
      }
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* A job, or NULL after saying why not. */
static Job *
job_new (InjAgentPage *self,
         JobKind kind)
{
  g_autoptr(GError) error = NULL;
  InjCard *card = inj_card_picker_get_card (self->card_picker);
  GTlsInteraction *interaction = inj_session_get_interaction (self->session);
  InjTrustStore *trust = NULL;
  Job *job;

  if (self->cancellable)
    return NULL;
  if (kind == JOB_READ_CERTIFICATE || kind == JOB_SIGN)
    {
      if (card == NULL)
        {
          show_problem (self, _(job_failed[kind]),
                        inj_card_state_description (INJ_CARD_STATE_NO_CARD));
          return NULL;
        }
      trust = inj_session_dup_trust_store (self->session, &error);
      if (trust == NULL)
        {
          show_problem (self, _("The trusted certificates cannot be read"), error->message);
          return NULL;
        }
    }
  job = g_new0 (Job, 1);
  job->kind = kind;
  job->trust = trust;
  if (trust)
    {
      job->card = g_object_ref (card);
      job->interaction = interaction ? g_object_ref (interaction) : NULL;
    }
  return job;
}

static void
start (InjAgentPage *self,
       Job *job,
       const char *doing)
{
  g_autoptr(GTask) task = NULL;

  show_problem (self, NULL, NULL);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, job_done, NULL);
  g_task_set_source_tag (task, start);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, work_thread);
  gtk_label_set_text (self->busy_label, doing);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
read_certificate_activated (GtkWidget *widget,
                            const char *action_name,
                            GVariant *parameter)
{
  InjAgentPage *self = INJ_AGENT_PAGE (widget);
  Job *job = job_new (self, JOB_READ_CERTIFICATE);

  if (job)
    start (self, job, _("Reading your signing certificate: type your signing password when "
                        "it is asked."));
}

static void
sign_activated (GtkWidget *widget,
                const char *action_name,
                GVariant *parameter)
{
  InjAgentPage *self = INJ_AGENT_PAGE (widget);
  Job *job;

  if ((self->code == NULL && self->delegation == NULL) || (job = job_new (self, JOB_SIGN)) == NULL)
    return;
  if (self->code)
    job->code = g_strdup (self->code);
  else
    {
      job->delegation_id = g_strdup (inj_delegation_get_text (self->delegation,
                                                              INJ_FIELD_DELEGATION_ID));
      job->delegation_xml = g_bytes_ref (self->delegation_xml);
      job->digest = g_bytes_ref (self->digest);
    }
  show_done (self, NULL);
  start (self, job, _("Your card signs the submission: type your signing password when it is "
                      "asked."));
}

static void
cancel_activated (GtkWidget *widget,
                  const char *action_name,
                  GVariant *parameter)
{
  InjAgentPage *self = INJ_AGENT_PAGE (widget);

  if (self->cancellable)
    {
      g_cancellable_cancel (self->cancellable);
      gtk_label_set_text (self->busy_label, _("Cancelling…"));
    }
}

/* Accepts what a person types (any case, hyphens or not, full-width); says
 * why not otherwise. */
gboolean
inj_agent_page_set_request_code (InjAgentPage *self,
                                 const char *typed)
{
  g_autofree char *problem = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *code = NULL;

  g_return_val_if_fail (INJ_IS_AGENT_PAGE (self), FALSE);
  if (self->cancellable)
    return FALSE;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->code_row)), typed) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->code_row), typed ? typed : "");
  problem = inj_agent_request_code_problem (typed);
  folded = typed ? g_utf8_normalize (typed, -1, G_NORMALIZE_NFKC) : NULL;
  code = problem ? NULL : inj_request_code_normalize (folded);
  if (code == NULL)
    {
      show_problem (self, _("This is not a request code"),
                    problem ? problem : _("A request code has 16 letters and digits."));
      gtk_widget_add_css_class (GTK_WIDGET (self->code_row), "error");
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->code_row), "error");
  show_problem (self, NULL, NULL);
  if (g_strcmp0 (code, self->code) == 0)
    return TRUE;
  clear_target (self);
  self->code = g_steal_pointer (&code);
  show_target (self);
  update_actions (self);
  return TRUE;
}

static void
code_applied (InjAgentPage *self)
{
  inj_agent_page_set_request_code (self, gtk_editable_get_text (GTK_EDITABLE (self->code_row)));
}

/* The file chooser only supplies the path. */
void
inj_agent_page_open_delegation (InjAgentPage *self,
                                const char *path)
{
  Job *job;

  g_return_if_fail (INJ_IS_AGENT_PAGE (self));
  g_return_if_fail (path != NULL);
  if ((job = job_new (self, JOB_OPEN_DELEGATION)) == NULL)
    return;
  job->path = g_strdup (path);
  start (self, job, _("Reading the delegation…"));
}

/* @replace: only when the person said so (the file chooser asks). */
void
inj_agent_page_save_submission (InjAgentPage *self,
                                const char *path,
                                gboolean replace)
{
  Job *job;

  g_return_if_fail (INJ_IS_AGENT_PAGE (self));
  g_return_if_fail (path != NULL);
  if (self->submission == NULL || (job = job_new (self, JOB_SAVE)) == NULL)
    return;
  job->path = g_strdup (path);
  job->replace = replace;
  job->bytes = g_bytes_ref (self->submission);
  start (self, job, _("Saving the submission…"));
}

static void
chooser_response (GtkNativeDialog *dialog,
                  int response,
                  gpointer user_data)
{
  g_autoptr(InjAgentPage) self = user_data;
  gboolean saving = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)) ==
                    GTK_FILE_CHOOSER_ACTION_SAVE;

  if (response == GTK_RESPONSE_ACCEPT && !self->disposed)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      /* GTK's file chooser (and the portal's) asks before it returns a
       * file that exists: then it may be replaced. */
      if (path && saving)
        inj_agent_page_save_submission (self, path, TRUE);
      else if (path)
        inj_agent_page_open_delegation (self, path);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static GtkFileChooserNative *
chooser_new (GtkWidget *widget,
             const char *title,
             GtkFileChooserAction action,
             const char *accept)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) xml = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        action, accept, _("_Cancel"));
  gtk_file_filter_set_name (xml, _("XML files"));
  gtk_file_filter_add_pattern (xml, "*.xml");
  gtk_file_filter_add_mime_type (xml, "application/xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), xml);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (chooser_response), g_object_ref (widget));
  return dialog;
}

static void
open_delegation_activated (GtkWidget *widget,
                           const char *action_name,
                           GVariant *parameter)
{
  GtkFileChooserNative *dialog = chooser_new (widget, _("Open the Delegation"),
                                              GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"));

  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_activated (GtkWidget *widget,
                const char *action_name,
                GVariant *parameter)
{
  InjAgentPage *self = INJ_AGENT_PAGE (widget);
  GtkFileChooserNative *dialog;

  if (self->submission == NULL)
    return;
  dialog = chooser_new (widget, _("Save the Submission"), GTK_FILE_CHOOSER_ACTION_SAVE,
                        _("_Save"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), self->submission_name);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ------------------------------------------------------------ session */

static void
reveal_changed (InjAgentPage *self)
{
  show_certificate (self);
  show_target (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEAL]);
}

/* The certificate read is forgotten, not only hidden; card work stops. */
static void
privacy_lock (InjAgentPage *self)
{
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->certificate);
  g_clear_pointer (&self->chain_text, g_free);
  show_certificate (self);
  show_target (self);
}

static void
inj_agent_page_constructed (GObject *object)
{
  InjAgentPage *self = INJ_AGENT_PAGE (object);

  G_OBJECT_CLASS (inj_agent_page_parent_class)->constructed (object);
  g_return_if_fail (self->session != NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->cert_name_row),
                                 inj_jpki_field_label (INJ_JPKI_NAME));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->cert_address_row),
                                 inj_jpki_field_label (INJ_JPKI_ADDRESS));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->cert_birth_row),
                                 inj_jpki_field_label (INJ_JPKI_BIRTH_DATE));
  inj_card_picker_set_hint (self->card_picker, _("Insert your My Number card into the reader."));
  inj_card_picker_set_session (self->card_picker, self->session);
  g_signal_connect_object (self->card_picker, "notify::card", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->card_picker, "notify::tries-text", G_CALLBACK (update_actions),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->code_row, "apply", G_CALLBACK (code_applied), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->code_row, "entry-activated", G_CALLBACK (code_applied), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::reveal", G_CALLBACK (reveal_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "privacy-lock", G_CALLBACK (privacy_lock), self,
                           G_CONNECT_SWAPPED);
  show_certificate (self);
  show_target (self);
  update_actions (self);
}

static void
inj_agent_page_dispose (GObject *object)
{
  InjAgentPage *self = INJ_AGENT_PAGE (object);

  self->disposed = TRUE;
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  if (self->session)
    g_signal_handlers_disconnect_by_data (self->session, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), INJ_TYPE_AGENT_PAGE);
  g_clear_object (&self->session);
  g_clear_object (&self->certificate);
  G_OBJECT_CLASS (inj_agent_page_parent_class)->dispose (object);
}

static void
inj_agent_page_finalize (GObject *object)
{
  InjAgentPage *self = INJ_AGENT_PAGE (object);

  g_clear_object (&self->cancellable);
  g_free (self->problem);
  g_free (self->chain_text);
  g_free (self->code);
  g_clear_object (&self->delegation);
  g_clear_pointer (&self->delegation_xml, g_bytes_unref);
  g_clear_pointer (&self->digest, g_bytes_unref);
  g_free (self->target);
  g_clear_pointer (&self->submission, g_bytes_unref);
  g_free (self->submission_name);
  g_free (self->saved_path);
  G_OBJECT_CLASS (inj_agent_page_parent_class)->finalize (object);
}

static void
inj_agent_page_get_property (GObject *object,
                             guint prop_id,
                             GValue *value,
                             GParamSpec *pspec)
{
  InjAgentPage *self = INJ_AGENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->cancellable != NULL);
      break;
    case PROP_REVEAL:
      g_value_set_boolean (value, self->session && inj_session_get_reveal (self->session));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inj_agent_page_set_property (GObject *object,
                             guint prop_id,
                             const GValue *value,
                             GParamSpec *pspec)
{
  InjAgentPage *self = INJ_AGENT_PAGE (object);

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
inj_agent_page_class_init (InjAgentPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = inj_agent_page_constructed;
  object_class->dispose = inj_agent_page_dispose;
  object_class->finalize = inj_agent_page_finalize;
  object_class->get_property = inj_agent_page_get_property;
  object_class->set_property = inj_agent_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, INJ_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether work is under way (the card, a file). */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The session's reveal, for the switch on the page. */
  properties[PROP_REVEAL] =
    g_param_spec_boolean ("reveal", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  _inj_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ininjo/Ininjo/ui/inj-agent-page.ui");
  gtk_widget_class_bind_template_child (widget_class, InjAgentPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, InjAgentPage, card_picker);
  gtk_widget_class_bind_template_child (widget_class, InjAgentPage, cert_name_row);
  gtk_widget_class_bind_template_child (widget_class, InjAgentPage, cert_address_row);
  gtk_widget_class_bind_template_child (widget_class, InjAgentPage, cert_birth_row);
  gtk_widget_class_bind_template_child (widget_class, InjAgentPage, cert_validity_row);
  gtk_widget_class_bind_template_child (widget_class, InjAgentPage, cert_issuer_row);
  gtk_widget_class_bind_template_child (widget_class, InjAgentPage, cert_chain_row);
  gtk_widget_class_bind_template_child (widget_class, InjAgentPage, code_row);
  gtk_widget_class_bind_template_child (widget_class, InjAgentPage, file_row);
  gtk_widget_class_bind_template_child (widget_class, InjAgentPage, target_row);
  gtk_widget_class_bind_template_child (widget_class, InjAgentPage, busy_box);
  gtk_widget_class_bind_template_child (widget_class, InjAgentPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, InjAgentPage, busy_label);
  gtk_widget_class_bind_template_child (widget_class, InjAgentPage, problem_box);
  gtk_widget_class_bind_template_child (widget_class, InjAgentPage, problem_title);
  gtk_widget_class_bind_template_child (widget_class, InjAgentPage, problem_label);
  gtk_widget_class_bind_template_child (widget_class, InjAgentPage, done_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "agent-desk.read-certificate", NULL,
                                   read_certificate_activated);
  gtk_widget_class_install_action (widget_class, "agent-desk.open-delegation", NULL,
                                   open_delegation_activated);
  gtk_widget_class_install_action (widget_class, "agent-desk.sign", NULL, sign_activated);
  gtk_widget_class_install_action (widget_class, "agent-desk.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "agent-desk.cancel", NULL, cancel_activated);
  gtk_widget_class_install_property_action (widget_class, "agent-desk.reveal", "reveal");
}

static void
inj_agent_page_init (InjAgentPage *self)
{
  g_type_ensure (INJ_TYPE_CARD_PICKER);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
inj_agent_page_new (InjSession *session)
{
  g_return_val_if_fail (INJ_IS_SESSION (session), NULL);
  return g_object_new (INJ_TYPE_AGENT_PAGE, "session", session, NULL);
}

gboolean
inj_agent_page_get_busy (InjAgentPage *self)
{
  g_return_val_if_fail (INJ_IS_AGENT_PAGE (self), FALSE);
  return self->cancellable != NULL;
}

InjCardPicker *
inj_agent_page_get_card_picker (InjAgentPage *self)
{
  g_return_val_if_fail (INJ_IS_AGENT_PAGE (self), NULL);
  return self->card_picker;
}

/* The title and message of what went wrong, as shown; NULL when nothing. */
const char *
inj_agent_page_get_problem (InjAgentPage *self)
{
  g_return_val_if_fail (INJ_IS_AGENT_PAGE (self), NULL);
  return self->problem;
}

/* The signing certificate read from the card; NULL before, and after the
 * privacy lock. */
InjCertificate *
inj_agent_page_get_certificate (InjAgentPage *self)
{
  g_return_val_if_fail (INJ_IS_AGENT_PAGE (self), NULL);
  return self->certificate;
}

/* The name, address or date of birth as shown (masked unless revealed);
 * "" without a certificate. */
const char *
inj_agent_page_get_certificate_field (InjAgentPage *self,
                                      InjJpkiField field)
{
  AdwActionRow *row;

  g_return_val_if_fail (INJ_IS_AGENT_PAGE (self), NULL);
  switch (field)
    {
    case INJ_JPKI_NAME:
      row = self->cert_name_row;
      break;
    case INJ_JPKI_ADDRESS:
      row = self->cert_address_row;
      break;
    case INJ_JPKI_BIRTH_DATE:
      row = self->cert_birth_row;
      break;
    default:
      g_return_val_if_reached (NULL);
    }
  return adw_action_row_get_subtitle (row);
}

InjChainStatus
inj_agent_page_get_chain_status (InjAgentPage *self)
{
  g_return_val_if_fail (INJ_IS_AGENT_PAGE (self), INJ_CHAIN_UNKNOWN_ISSUER);
  return self->chain;
}

/* What the submission will name, as shown; NULL before a code or a file. */
const char *
inj_agent_page_get_target (InjAgentPage *self)
{
  g_return_val_if_fail (INJ_IS_AGENT_PAGE (self), NULL);
  return self->target;
}

/* The last submission signed and verified, or NULL. */
GBytes *
inj_agent_page_get_submission (InjAgentPage *self)
{
  g_return_val_if_fail (INJ_IS_AGENT_PAGE (self), NULL);
  return self->submission;
}

const char *
inj_agent_page_get_saved_path (InjAgentPage *self)
{
  g_return_val_if_fail (INJ_IS_AGENT_PAGE (self), NULL);
  return self->saved_path;
}
