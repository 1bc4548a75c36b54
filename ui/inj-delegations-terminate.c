/* inj-delegations-terminate.c: 委任の終了 from the details of a stored
 * delegation: a confirmation that says what ends and from when, then, in a
 * worker thread, the Termination statement (the account's ID, the
 * delegation's ID and digest, now) signed with the representative's card,
 * checked here, sent, and written to the audit log as the CLI does. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-account-steps.h"
#include "inj-audit.h"
#include "inj-delegations-page-private.h"
#include "inj-expiry-view.h"
#include "inj-password-dialog.h"
#include "inj-service-job.h"
#include "inj-upload.h"
#include "inj-window.h"

typedef struct {
  InjServiceJob *service;
  InjTrustStore *trust;
  InjCardMonitor *monitor;
  GTlsInteraction *interaction;
  char *id;
  JsonObject *stored;
  /* written by the thread */
  JsonObject *answer;
} Termination;

static void
termination_free (Termination *t)
{
  inj_service_job_free (t->service);
  g_clear_object (&t->trust);
  g_clear_object (&t->monitor);
  g_clear_object (&t->interaction);
  g_free (t->id);
  g_clear_pointer (&t->stored, json_object_unref);
  g_clear_pointer (&t->answer, json_object_unref);
  g_free (t);
}

static void
termination_thread (GTask *task,
                    gpointer source,
                    gpointer task_data,
                    GCancellable *cancellable)
{
  Termination *t = task_data;
  GError *error = NULL;
  g_autoptr(InjAccount) account = NULL;
  g_autoptr(InjStatement) st = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GDateTime) now = inj_date_now ();
  g_autoptr(InjCard) own = NULL;
  g_autofree char *digest = NULL;
  InjServiceClient *client = inj_service_job_connect (t->service, cancellable, &error);
  InjCardSigner signer = { 0 };

  if (client)
    account = inj_service_client_get_account (client, cancellable, &error);
  if (account)
    digest = inj_termination_digest (t->stored, &error);
  if (digest)
    {
      /* the card of the connection, else the only card in a reader */
      signer.card = inj_service_job_get_card (t->service);
      if (signer.card == NULL)
        signer.card = own = inj_upload_find_card_in (t->monitor, NULL, NULL, cancellable, &error);
    }
  if (signer.card)
    {
      signer.interaction = t->interaction;
      signer.cancellable = cancellable;
      st = inj_statement_new_termination (account->id, t->id, digest, NULL, now);
      xml = inj_statement_sign_checked (st, &signer, t->trust, &error);
    }
  if (xml)
    {
      g_autoptr(InjCertificate) signer_cert = inj_audit_signer_of (xml);

      t->answer = inj_service_client_terminate_delegation (client, t->id, xml, cancellable,
                                                           &error);
      inj_audit_record (INJ_AUDIT_TERMINATION, signer_cert, t->id,
                        t->answer ? json_object_get_string_member_with_default (t->answer,
                                                                                "endedAt", NULL)
                                  : NULL, error);
    }
  if (own)
    inj_upload_end_card (own);
  inj_service_job_end (t->service);
  if (error)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
termination_done (GObject *source,
                  GAsyncResult *result,
                  gpointer user_data)
{
  InjDelegationsPage *self = INJ_DELEGATIONS_PAGE (source);
  Termination *t = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  const char *ended_at;
  g_autofree char *day = NULL;
  g_autofree char *toast = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  if (self->disposed)
    return;
  if (!inj_job_finish (self->job, "service", _("The delegation was not ended"), error))
    return;
  ended_at = json_object_get_string_member_with_default (t->answer, "endedAt", NULL);
  g_hash_table_replace (self->ended, g_strdup (t->id), g_strdup (ended_at));
  g_hash_table_replace (self->states, g_strdup (t->id), g_strdup ("terminated"));
  if (g_strcmp0 (self->details_id, t->id) == 0 && self->details_stored)
    {
      json_object_set_string_member (self->details_stored, "status", "terminated");
      if (ended_at)
        json_object_set_string_member (self->details_stored, "endedAt", ended_at);
      _inj_delegations_render_details (self);
    }
  _inj_delegations_rebuild_list (self);
  day = ended_at ? inj_display_iso_day (ended_at) : NULL;
  toast = g_strdup_printf (_("The delegation has ended (%s)."), day ? day : "");
  inj_window_toast (GTK_WIDGET (self), toast);
}

static void
start_termination (InjDelegationsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(InjTrustStore) trust = NULL;
  g_autofree char *title = NULL;
  GTlsInteraction *interaction = inj_session_get_interaction (self->session);
  InjServiceJob *service;
  Termination *t;

  if (inj_job_get_busy (self->job) || self->details == NULL || self->details_stored == NULL)
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
      inj_job_show_problem (self->job, _("The delegation was not ended"), error->message);
      return;
    }
  title = inj_render_delegation_title (self->details, inj_session_get_reveal (self->session), 20);
  t = g_new0 (Termination, 1);
  t->service = service;
  t->trust = g_steal_pointer (&trust);
  t->monitor = inj_session_get_monitor (self->session)
                 ? g_object_ref (inj_session_get_monitor (self->session)) : NULL;
  t->interaction = interaction ? inj_prompt_interaction_new (interaction,
                                                             INJ_PROMPT_SIGN_TERMINATION, title)
                               : NULL;
  t->id = g_strdup (self->details_id);
  t->stored = json_object_ref (self->details_stored);
  self->uses_card = inj_service_job_uses_card (service);
  task = g_task_new (self, inj_job_begin (self->job, _("Ending the delegation…")),
                     termination_done, NULL);
  g_task_set_source_tag (task, start_termination);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, t, (GDestroyNotify) termination_free);
  g_task_run_in_thread (task, termination_thread);
}

static void
confirmation_response (AdwMessageDialog *dialog,
                       const char *response,
                       InjDelegationsPage *self)
{
  if (g_strcmp0 (response, "terminate") == 0)
    start_termination (self);
}

/* What the confirmation says: what ends, between whom, and from when. */
char *
_inj_delegations_termination_text (InjDelegationsPage *self)
{
  gboolean reveal = inj_session_get_reveal (self->session);
  g_autofree char *title = inj_render_delegation_title (self->details, reveal, 40);
  g_autofree char *parties = inj_render_delegation_parties (self->details, reveal);
  g_autoptr(GDateTime) now = inj_date_now ();
  g_autofree char *today = inj_date_display_day (now);

  return g_strdup_printf (_("%s\n%s\n\nIt ends today (%s): from then on, a check of its "
                            "validity answers that it has ended. This cannot be undone. The "
                            "end is signed with the representative's card."),
                          title, parties, today);
}

void
_inj_delegations_terminate_activated (GtkWidget *widget,
                                      const char *action_name,
                                      GVariant *parameter)
{
  InjDelegationsPage *self = INJ_DELEGATIONS_PAGE (widget);
  g_autofree char *body = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;

  if (self->details == NULL)
    return;
  body = _inj_delegations_termination_text (self);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                             : NULL,
                                                       _("End This Delegation?"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "terminate", _("_End Delegation"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "terminate",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirmation_response), self, 0);
  g_set_weak_pointer (&self->terminate_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}
