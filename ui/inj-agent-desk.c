/* inj-agent-desk.c
 *
 * Each card operation runs in a worker thread that owns its data; the
 * card's own lock keeps them in order. The tries left are read again
 * when one ends, whatever its outcome. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-audit.h"
#include "inj-agent-common.h"
#include "inj-agent-desk.h"
#include "inj-card-page.h"
#include "inj-password-dialog.h"

struct _InjAgentDesk {
  GtkWidget parent_instance;

  InjCardPicker *card_picker;
  InjSession *session;         /* asks the signing password */
};

G_DEFINE_FINAL_TYPE (InjAgentDesk, inj_agent_desk, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CARD,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

/* What a worker thread gets, and gives back. */
typedef struct {
  InjCard *card;
  GTlsInteraction *interaction;
  InjTrustStore *trust;
  char *code;
  char *delegation_id;
  char *subject;               /* the delegation as the prompt names it, or NULL */
  InjDelegation *holder;       /* whose agent must hold the card, or NULL */
  GBytes *delegation_xml;
  GBytes *digest;

  InjCertificate *certificate;
  InjChainStatus chain;
  char *chain_text;
  GBytes *xml;
  InjVerification *verification;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->card);
  g_clear_object (&job->interaction);
  g_clear_object (&job->trust);
  g_free (job->code);
  g_free (job->delegation_id);
  g_free (job->subject);
  g_clear_object (&job->holder);
  g_clear_pointer (&job->delegation_xml, g_bytes_unref);
  g_clear_pointer (&job->digest, g_bytes_unref);
  g_clear_object (&job->certificate);
  g_free (job->chain_text);
  g_clear_pointer (&job->xml, g_bytes_unref);
  g_clear_object (&job->verification);
  g_free (job);
}

static GTask *
task_new (InjAgentDesk *self,
          InjTrustStore *trust,
          gpointer source_tag,
          GCancellable *cancellable,
          GAsyncReadyCallback callback,
          gpointer user_data)
{
  InjCard *card = inj_card_picker_get_card (self->card_picker);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  g_task_set_source_tag (task, source_tag);
  job->card = card ? g_object_ref (card) : NULL;
  job->trust = g_object_ref (trust);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  return task;
}

/* The card's worker ends: its tries may have changed. */
static Job *
task_finish (InjAgentDesk *self,
             GAsyncResult *result,
             gpointer source_tag,
             GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);
  if (self->card_picker)
    inj_card_picker_refresh_tries (self->card_picker);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  return g_task_get_task_data (G_TASK (result));
}

static void
read_thread (GTask *task,
             gpointer source,
             gpointer task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  g_autoptr(GBytes) der = inj_card_read_certificate (job->card, INJ_CERT_SIGN, job->interaction,
                                                     cancellable, &error);

  if (der)
    job->certificate = inj_certificate_new_from_der (der, &error);
  if (job->certificate == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  {
    g_autoptr(InjCertificate) anchor = NULL;
    gboolean pinned = FALSE;
    job->chain = inj_trust_store_check (job->trust, job->certificate, &anchor, &pinned);
    job->chain_text = inj_agent_chain_text (job->certificate, job->chain, pinned, anchor);
  }
  g_task_return_boolean (task, TRUE);
}

static void
sign_thread (GTask *task,
             gpointer source,
             gpointer task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GDateTime) now = inj_date_now ();
  g_autoptr(InjSubmission) submission =
    job->code ? inj_submission_new_for_code (job->code, now)
              : inj_submission_new_for_delegation (job->delegation_id, job->digest, now);
  /* with a holder: the agent's own card, its holder the delegation's 受任者 */
  InjHolderSigner signer = { { job->card, job->interaction, cancellable },
                             job->holder, INJ_HOLDER_AGENT, NULL };
  GError *error = NULL;

  job->xml = job->holder
               ? inj_submission_sign (submission, inj_holder_signer_sign, &signer, &error)
               : inj_submission_sign (submission, inj_card_signer_sign, &signer.card, &error);
  if (job->xml)
    job->verification = inj_verify_submission (job->xml, job->trust, NULL, job->delegation_xml,
                                               NULL, &error);
  inj_audit_record_verification (INJ_AUDIT_SUBMISSION, job->verification, job->delegation_id,
                                 error);
  if (job->verification)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Without a card the task fails at once, as the card page words it. */
static gboolean
run (InjAgentDesk *self,
     GTask *task,
     GTaskThreadFunc thread)
{
  Job *job = g_task_get_task_data (task);
  GTlsInteraction *interaction = NULL;

  if (job->card == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s",
                               inj_card_state_description (INJ_CARD_STATE_NO_CARD));
      return FALSE;
    }
  /* the prompt says it is the agent's own password, and what it signs */
  interaction = self->session ? inj_session_get_interaction (self->session) : NULL;
  job->interaction =
    interaction ? inj_prompt_interaction_new (interaction,
                                              thread == read_thread ? INJ_PROMPT_AGENT_READ
                                                                    : INJ_PROMPT_AGENT_SIGN,
                                              job->subject)
                : NULL;
  g_task_run_in_thread (task, thread);
  return TRUE;
}

void
inj_agent_desk_read_certificate_async (InjAgentDesk *self,
                                       InjTrustStore *trust,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (INJ_IS_AGENT_DESK (self));
  g_return_if_fail (trust != NULL);
  task = task_new (self, trust, inj_agent_desk_read_certificate_async, cancellable, callback,
                   user_data);
  run (self, task, read_thread);
}

InjCertificate *
inj_agent_desk_read_certificate_finish (InjAgentDesk *self,
                                        GAsyncResult *result,
                                        InjChainStatus *chain,
                                        char **chain_text,
                                        GError **error)
{
  Job *job = task_finish (self, result, inj_agent_desk_read_certificate_async, error);

  if (job == NULL)
    return NULL;
  if (chain)
    *chain = job->chain;
  if (chain_text)
    *chain_text = g_strdup (job->chain_text);
  return g_object_ref (job->certificate);
}

void
inj_agent_desk_sign_async (InjAgentDesk *self,
                           const InjAgentDeskTarget *target,
                           InjTrustStore *trust,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (INJ_IS_AGENT_DESK (self));
  g_return_if_fail (target != NULL && (target->code || target->delegation));
  g_return_if_fail (trust != NULL);
  task = task_new (self, trust, inj_agent_desk_sign_async, cancellable, callback, user_data);
  job = g_task_get_task_data (task);
  if (target->code)
    job->code = g_strdup (target->code);
  else
    {
      job->delegation_id = g_strdup (inj_delegation_get_text (target->delegation,
                                                              INJ_FIELD_DELEGATION_ID));
      job->delegation_xml = g_bytes_ref (target->delegation_xml);
      job->digest = g_bytes_ref (target->digest);
      job->subject = inj_render_delegation_title (target->delegation,
                                                  self->session &&
                                                    inj_session_get_reveal (self->session),
                                                  12);
      if (target->agent_must_hold)
        job->holder = g_object_ref (target->delegation);
    }
  run (self, task, sign_thread);
}

GBytes *
inj_agent_desk_sign_finish (InjAgentDesk *self,
                            GAsyncResult *result,
                            InjVerification **verification,
                            char **reader,
                            GError **error)
{
  Job *job = task_finish (self, result, inj_agent_desk_sign_async, error);

  if (job == NULL)
    return NULL;
  if (verification)
    *verification = g_object_ref (job->verification);
  if (reader)
    *reader = g_strdup (inj_card_get_reader (job->card));
  return g_bytes_ref (job->xml);
}

/* ------------------------------------------------------------ card */

void
inj_agent_desk_set_session (InjAgentDesk *self,
                            InjSession *session)
{
  g_return_if_fail (INJ_IS_AGENT_DESK (self));
  g_set_object (&self->session, session);
  inj_card_picker_set_question (self->card_picker, _("Which card is the agent's?"));
  inj_card_picker_set_session (self->card_picker, session);
}

void
inj_agent_desk_set_hint (InjAgentDesk *self,
                         const char *hint)
{
  g_return_if_fail (INJ_IS_AGENT_DESK (self));
  inj_card_picker_set_hint (self->card_picker, hint);
}

InjCardPicker *
inj_agent_desk_get_card_picker (InjAgentDesk *self)
{
  g_return_val_if_fail (INJ_IS_AGENT_DESK (self), NULL);
  return self->card_picker;
}

InjCard *
inj_agent_desk_get_card (InjAgentDesk *self)
{
  g_return_val_if_fail (INJ_IS_AGENT_DESK (self), NULL);
  return self->card_picker ? inj_card_picker_get_card (self->card_picker) : NULL;
}

gboolean
inj_agent_desk_can_sign (InjAgentDesk *self)
{
  const InjPinStatus *pin;

  g_return_val_if_fail (INJ_IS_AGENT_DESK (self), FALSE);
  if (inj_agent_desk_get_card (self) == NULL)
    return FALSE;
  pin = inj_card_picker_get_pin_status (self->card_picker);
  return !(pin && pin->locked);
}

static void
card_changed (InjAgentDesk *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CARD]);
}

/* ------------------------------------------------------------ rows */

static const InjJpkiField row_fields[] = { INJ_JPKI_NAME, INJ_JPKI_ADDRESS, INJ_JPKI_BIRTH_DATE };

void
inj_agent_desk_title_rows (AdwActionRow *const rows[INJ_AGENT_N_ROWS])
{
  for (guint i = 0; i < G_N_ELEMENTS (row_fields); i++)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows[i]),
                                   inj_jpki_field_label (row_fields[i]));
}

void
inj_agent_desk_show_certificate (AdwActionRow *const rows[INJ_AGENT_N_ROWS],
                                 InjCertificate *cert,
                                 gboolean reveal,
                                 gboolean hide_empty)
{
  char *text[INJ_AGENT_N_ROWS] = { NULL };

  if (cert)
    {
      for (guint i = 0; i < G_N_ELEMENTS (row_fields); i++)
        text[i] = inj_agent_field_text (cert, row_fields[i], reveal);
      text[INJ_AGENT_ROW_VALIDITY] = inj_agent_validity_text (cert, NULL);
      text[INJ_AGENT_ROW_ISSUER] = inj_render_ca_name (inj_certificate_get_issuer (cert));
    }
  for (guint i = 0; i < INJ_AGENT_N_ROWS; i++)
    {
      adw_action_row_set_subtitle (rows[i], text[i] ? text[i] : "");
      if (hide_empty)
        gtk_widget_set_visible (GTK_WIDGET (rows[i]), text[i] != NULL);
      g_free (text[i]);
    }
}

const char *
inj_agent_desk_row_text (AdwActionRow *const rows[INJ_AGENT_N_ROWS],
                         InjJpkiField field)
{
  for (guint i = 0; i < G_N_ELEMENTS (row_fields); i++)
    if (row_fields[i] == field)
      return adw_action_row_get_subtitle (rows[i]);
  g_return_val_if_reached (NULL);
}

/* ------------------------------------------------------------ object */

static void
inj_agent_desk_dispose (GObject *object)
{
  InjAgentDesk *self = INJ_AGENT_DESK (object);

  if (self->card_picker)
    gtk_widget_unparent (GTK_WIDGET (g_steal_pointer (&self->card_picker)));
  g_clear_object (&self->session);
  G_OBJECT_CLASS (inj_agent_desk_parent_class)->dispose (object);
}

static void
inj_agent_desk_get_property (GObject *object,
                             guint prop_id,
                             GValue *value,
                             GParamSpec *pspec)
{
  InjAgentDesk *self = INJ_AGENT_DESK (object);

  switch (prop_id)
    {
    case PROP_CARD:
      g_value_set_object (value, inj_agent_desk_get_card (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inj_agent_desk_class_init (InjAgentDeskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = inj_agent_desk_dispose;
  object_class->get_property = inj_agent_desk_get_property;

  /* The picker's card; notified also when its tries change (a locked
   * password makes the card of no use for signing). */
  properties[PROP_CARD] =
    g_param_spec_object ("card", NULL, NULL, INJ_TYPE_CARD,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
inj_agent_desk_init (InjAgentDesk *self)
{
  self->card_picker = g_object_new (INJ_TYPE_CARD_PICKER, NULL);
  gtk_widget_set_parent (GTK_WIDGET (self->card_picker), GTK_WIDGET (self));
  g_signal_connect_object (self->card_picker, "notify::card", G_CALLBACK (card_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->card_picker, "notify::tries-text", G_CALLBACK (card_changed),
                           self, G_CONNECT_SWAPPED);
}
