/* inj-delegations-recipient.c: the validity check as a recipient's small
 * flow (seed 000 §5.2, §5.3): when the service answers that only
 * registered recipients may ask, the page offers the registration (the
 * §5.2 items, 申告者氏名 among them) under the answer; signed with the
 * declarant's own card in a worker thread, checked, sent, audited and kept
 * as this computer's copy; then the same ID is checked again. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-account-form.h"
#include "inj-account-steps.h"
#include "inj-audit.h"
#include "inj-delegations-page-private.h"
#include "inj-password-dialog.h"
#include "inj-service-job.h"
#include "inj-window.h"

typedef struct {
  InjServiceJob *service;
  InjTrustStore *trust;
  InjCardMonitor *monitor;
  GTlsInteraction *interaction;
  InjAccountInfo *info;
  /* written by the thread */
  JsonObject *answer;
} Registration;

static void
registration_free (Registration *r)
{
  inj_service_job_free (r->service);
  g_clear_object (&r->trust);
  g_clear_object (&r->monitor);
  g_clear_object (&r->interaction);
  g_clear_object (&r->info);
  g_clear_pointer (&r->answer, json_object_unref);
  g_free (r);
}

static void
registration_thread (GTask *task,
                     gpointer source,
                     gpointer task_data,
                     GCancellable *cancellable)
{
  Registration *r = task_data;
  GError *error = NULL;
  g_autoptr(InjStatement) st = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(InjCard) own = NULL;
  InjServiceClient *client = inj_service_job_connect (r->service, cancellable, &error);
  InjCardSigner signer = { 0 };

  if (client)
    {
      signer.card = inj_service_job_get_card (r->service);
      if (signer.card == NULL)
        signer.card = own = inj_upload_find_card_in (r->monitor, NULL, NULL, cancellable, &error);
    }
  if (signer.card)
    {
      signer.interaction = r->interaction;
      signer.cancellable = cancellable;
      st = inj_statement_new_recipient (INJ_RECIPIENT_INFO (r->info));
      xml = inj_statement_sign_checked (st, &signer, r->trust, &error);
    }
  if (xml)
    {
      g_autoptr(InjCertificate) signer_cert = inj_audit_signer_of (xml);

      r->answer = inj_service_client_register_recipient (client, xml, cancellable, &error);
      inj_audit_record (INJ_AUDIT_RECIPIENT, signer_cert, NULL, NULL, error);
    }
  if (r->answer)
    {
      g_autoptr(InjRecipientCopy) copy = inj_recipient_copy_new ();
      g_autoptr(GError) local = NULL;

      copy->recipient_id = g_strdup (json_object_get_string_member_with_default (r->answer,
                                                                                 "recipientId",
                                                                                 NULL));
      copy->registered_at = g_strdup (json_object_get_string_member_with_default (
        r->answer, "registeredAt", NULL));
      copy->statement = g_bytes_ref (xml);
      if (!inj_recipient_store_save (copy, &local))
        g_debug ("the recipient's copy was not saved: %s", local->message);
    }
  if (own)
    inj_upload_end_card (own);
  inj_service_job_end (r->service);
  if (error)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
registration_done (GObject *source,
                   GAsyncResult *result,
                   gpointer user_data)
{
  InjDelegationsPage *self = INJ_DELEGATIONS_PAGE (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  if (self->disposed)
    return;
  if (!inj_job_finish (self->job, "service", _("Not registered as a recipient"), error))
    {
      if (self->recipient_form)
        inj_account_form_edit (INJ_ACCOUNT_FORM (self->recipient_form));
      return;
    }
  gtk_widget_set_visible (self->recipient_form, FALSE);
  inj_window_toast (GTK_WIDGET (self), _("Registered as a recipient."));
  /* the question that was refused, asked again */
  id = g_steal_pointer (&self->recipient_pending);
  if (id)
    _inj_delegations_check_validity (self, id);
}

static void
recipient_submitted (InjDelegationsPage *self,
                     InjAccountInfo *info)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(InjTrustStore) trust = NULL;
  GTlsInteraction *interaction = inj_session_get_interaction (self->session);
  InjServiceJob *service;
  Registration *r;

  if (inj_job_get_busy (self->job))
    return;
  service = inj_service_job_new (self->session, &error);
  if (service)
    {
      trust = inj_session_dup_trust_store (self->session, &error);
      if (trust == NULL)
        g_clear_pointer (&service, inj_service_job_free);
    }
  if (service == NULL)
    {
      inj_job_show_problem (self->job, _("Not registered as a recipient"), error->message);
      return;
    }
  r = g_new0 (Registration, 1);
  r->service = service;
  r->trust = g_steal_pointer (&trust);
  r->monitor = inj_session_get_monitor (self->session)
                 ? g_object_ref (inj_session_get_monitor (self->session)) : NULL;
  r->interaction = interaction ? inj_prompt_interaction_new (interaction, INJ_PROMPT_SIGN_ACCOUNT,
                                                             NULL)
                               : NULL;
  r->info = inj_account_info_copy (info);
  self->uses_card = inj_service_job_uses_card (service);
  task = g_task_new (self, inj_job_begin (self->job, _("Registering as a recipient…")),
                     registration_done, NULL);
  g_task_set_source_tag (task, recipient_submitted);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, r, (GDestroyNotify) registration_free);
  g_task_run_in_thread (task, registration_thread);
}

static void
recipient_cancelled (InjDelegationsPage *self)
{
  gtk_widget_set_visible (self->recipient_form, FALSE);
}

void
_inj_delegations_offer_recipient (InjDelegationsPage *self,
                                  const char *id)
{
  GtkWidget *parent = gtk_widget_get_parent (self->validity_result);

  g_free (self->recipient_pending);
  self->recipient_pending = g_strdup (id);
  if (self->recipient_form == NULL)
    {
      self->recipient_form =
        inj_account_form_new_recipient (inj_session_get_reveal (self->session));
      g_signal_connect_object (self->recipient_form, "submit", G_CALLBACK (recipient_submitted),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->recipient_form, "cancel", G_CALLBACK (recipient_cancelled),
                               self, G_CONNECT_SWAPPED);
      gtk_box_insert_child_after (GTK_BOX (parent), self->recipient_form, self->validity_result);
    }
  inj_account_form_edit (INJ_ACCOUNT_FORM (self->recipient_form));
  gtk_widget_set_visible (self->recipient_form, TRUE);
}

GtkWidget *
inj_delegations_page_get_recipient_form (InjDelegationsPage *self)
{
  g_return_val_if_fail (INJ_IS_DELEGATIONS_PAGE (self), NULL);
  return self->recipient_form && gtk_widget_get_visible (self->recipient_form)
           ? self->recipient_form : NULL;
}
