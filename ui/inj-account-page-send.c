/* inj-account-page-send.c: the account page's form (a first registration
 * or a change) signed with the card in a worker thread, checked, sent, and
 * written to the audit log; a refusal shown above the form, with what to
 * do first when the card's address is not the registered one. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-account-form.h"
#include "inj-account-page-private.h"
#include "inj-account-steps.h"
#include "inj-audit.h"
#include "inj-password-dialog.h"
#include "inj-service-job.h"

/* ------------------------------------------------------------- the form */

typedef struct {
  InjServiceJob *service;
  InjTrustStore *trust;
  InjCardMonitor *monitor;
  GTlsInteraction *interaction;
  InjAccountInfo *info;
  char *account_id;         /* NULL: a first registration */
  gboolean rebind;          /* a Rebinding of this card to account_id */
  /* written by the thread */
  InjAccount *account;
} Send;

static void
send_free (Send *s)
{
  inj_service_job_free (s->service);
  g_clear_object (&s->trust);
  g_clear_object (&s->monitor);
  g_clear_object (&s->interaction);
  g_clear_object (&s->info);
  g_free (s->account_id);
  g_clear_pointer (&s->account, inj_account_free);
  g_free (s);
}

/* The registration or the change, signed with the card (the connection's,
 * else the only one in a reader), checked, sent, and written to the audit
 * log as the CLI does. */
static void
send_thread (GTask *task,
             gpointer source,
             gpointer task_data,
             GCancellable *cancellable)
{
  Send *s = task_data;
  GError *error = NULL;
  g_autoptr(InjStatement) st = NULL;
  g_autoptr(InjStatement) rebinding = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GBytes) rebinding_xml = NULL;
  g_autoptr(InjCard) own = NULL;
  InjServiceClient *client = inj_service_job_connect (s->service, cancellable, &error);
  InjCardSigner signer = { 0 };
  gboolean signed_all = FALSE;

  if (client)
    {
      signer.card = inj_service_job_get_card (s->service);
      if (signer.card == NULL)
        signer.card = own = inj_upload_find_card_in (s->monitor, NULL, NULL, cancellable, &error);
    }
  if (signer.card && s->rebind)
    {
      /* the certificate of this connection: the card's, or the file's */
      g_autoptr(GBytes) der = NULL;
      g_autofree char *sha = NULL;

      if (inj_service_job_get_card (s->service))
        der = inj_card_read_certificate (inj_service_job_get_card (s->service), INJ_CERT_AUTH,
                                         NULL, cancellable, &error);
      else
        der = inj_service_job_dup_client_certificate (s->service, &error);
      sha = der ? inj_statement_sha256_hex (der) : NULL;
      if (sha)
        rebinding = inj_statement_new_rebinding (s->account_id, sha);
    }
  /* a change alone, a registration, or (a moved representative's new
   * card) a change sent together with the card's rebinding */
  if (signer.card && s->info && (!s->rebind || rebinding))
    st = s->account_id ? inj_statement_new_change (s->account_id, s->info)
                       : inj_statement_new_registration (s->info);
  if (st || rebinding)
    {
      signer.interaction = s->interaction;
      signer.cancellable = cancellable;
      signed_all = TRUE;
      if (st)
        signed_all = (xml = inj_statement_sign_checked (st, &signer, s->trust, &error)) != NULL;
      if (signed_all && rebinding)
        signed_all = (rebinding_xml = inj_statement_sign_checked (rebinding, &signer, s->trust,
                                                                  &error)) != NULL;
    }
  if (signed_all)
    {
      g_autoptr(InjCertificate) signer_cert = inj_audit_signer_of (xml ? xml : rebinding_xml);

      s->account = xml == NULL
                     ? inj_service_client_bind_certificate (client, rebinding_xml, cancellable,
                                                            &error)
                     : s->account_id
                     ? inj_service_client_change_account (client, xml, rebinding_xml,
                                                          cancellable, &error)
                     : inj_service_client_register_account (client, xml, cancellable, &error);
      inj_audit_record (INJ_AUDIT_ACCOUNT, signer_cert, NULL,
                        s->account ? (xml == NULL ? "rebind" : s->account_id ? "change"
                                                                             : "register")
                                   : NULL, error);
    }
  if (own)
    inj_upload_end_card (own);
  inj_service_job_end (s->service);
  if (error)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
close_form (InjAccountPage *self)
{
  if (self->form)
    {
      gtk_box_remove (GTK_BOX (self->form_box), self->form);
      self->form = NULL;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->form_error), FALSE);
}

static void
send_done (GObject *source,
           GAsyncResult *result,
           gpointer user_data)
{
  InjAccountPage *self = INJ_ACCOUNT_PAGE (source);
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  if (self->disposed)
    return;
  inj_job_end (self->job);
  _inj_account_page_notify_busy (self);
  if (error)
    {
      const char *said = error->message;

      /* a moved representative: the address comes first */
      if (g_error_matches (error, INJ_NET_ERROR, INJ_NET_ERROR_ADDRESS_MISMATCH))
        said = _("The address on the card is not the registered representative's address. If "
                 "the representative has moved, change the representative's address in the "
                 "user information first; then register the new card.");
      g_free (self->send_error);
      self->send_error = g_strdup (said);
      gtk_label_set_text (self->form_error, said);
      gtk_widget_set_visible (GTK_WIDGET (self->form_error), TRUE);
      if (self->form)
        inj_account_form_edit (INJ_ACCOUNT_FORM (self->form));
      else if (g_error_matches (error, INJ_NET_ERROR, INJ_NET_ERROR_ADDRESS_MISMATCH) &&
               self->copy_id && self->copy_info)
        {
          /* the change comes first: it goes with this card's rebinding */
          inj_account_page_open_form (self);
          gtk_widget_set_visible (GTK_WIDGET (self->form_error), TRUE);
        }
      else
        adw_status_page_set_description (self->problem_page, said);
      return;
    }
  close_form (self);
  inj_account_page_refresh (self);
}

static gboolean
start_send (InjAccountPage *self,
            InjAccountInfo *info,
            const char *rebind_to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(InjTrustStore) trust = NULL;
  GTlsInteraction *interaction = inj_session_get_interaction (self->session);
  InjServiceJob *service;
  Send *s;

  if (inj_job_get_busy (self->job))
    return FALSE;
  service = inj_service_job_new (self->session, &error);
  if (service)
    {
      trust = inj_session_dup_trust_store (self->session, &error);
      if (trust == NULL)
        g_clear_pointer (&service, inj_service_job_free);
    }
  if (service == NULL)
    {
      gtk_label_set_text (self->form_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->form_error), TRUE);
      return FALSE;
    }
  s = g_new0 (Send, 1);
  s->service = service;
  s->trust = g_steal_pointer (&trust);
  s->monitor = inj_session_get_monitor (self->session)
                 ? g_object_ref (inj_session_get_monitor (self->session)) : NULL;
  s->interaction = interaction ? inj_prompt_interaction_new (interaction, INJ_PROMPT_SIGN_ACCOUNT,
                                                             NULL)
                               : NULL;
  s->info = info ? inj_account_info_copy (info) : NULL;
  s->rebind = rebind_to != NULL;
  s->account_id = rebind_to ? g_strdup (rebind_to)
                  : self->has_account ? g_strdup (self->account_id) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->form_error), FALSE);
  g_clear_pointer (&self->send_error, g_free);
  task = g_task_new (self, inj_job_begin (self->job, _("Signing and sending…")), send_done, NULL);
  g_task_set_source_tag (task, start_send);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, s, (GDestroyNotify) send_free);
  g_task_run_in_thread (task, send_thread);
  _inj_account_page_notify_busy (self);
  return TRUE;
}

static void
form_submitted (InjAccountPage *self,
                InjAccountInfo *info)
{
  /* this card bound to no account yet: the change carries its rebinding */
  start_send (self, info, self->has_account ? NULL : self->copy_id);
}

gboolean
inj_account_page_rebind (InjAccountPage *self)
{
  g_return_val_if_fail (INJ_IS_ACCOUNT_PAGE (self), FALSE);
  if (self->copy_id == NULL)
    return FALSE;
  return start_send (self, NULL, self->copy_id);
}

static void
form_cancelled (InjAccountPage *self)
{
  close_form (self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack),
                                    self->has_account ? "account" : "problem");
}

/* The form: a first registration without an account, else a change. */
GtkWidget *
inj_account_page_open_form (InjAccountPage *self)
{
  g_return_val_if_fail (INJ_IS_ACCOUNT_PAGE (self), NULL);
  close_form (self);
  self->form = inj_account_form_new (self->has_account ? self->info
                                     : self->copy_id ? self->copy_info : NULL,
                                     inj_session_get_reveal (self->session));
  g_signal_connect_object (self->form, "submit", G_CALLBACK (form_submitted), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->form, "cancel", G_CALLBACK (form_cancelled), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (self->form_box), self->form);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "form");
  return self->form;
}

const char *
inj_account_page_get_form_error (InjAccountPage *self)
{
  g_return_val_if_fail (INJ_IS_ACCOUNT_PAGE (self), NULL);
  return self->send_error;
}

