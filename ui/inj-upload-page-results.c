/* inj-upload-page-results.c: what the upload page says when an upload
 * ends: stored (a success page), received, cancelled, or a problem with
 * its one cause and one action (failed, refused); and the two actions of
 * those states, 「訂正する」 and 「受任者に知らせる」. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-diagnostics.h"
#include "inj-expiry-view.h"
#include "inj-upload-page-private.h"
#include "inj-upload-result.h"

/* The same pill, in the same words, as the list's rows. */
static void
set_pill (InjUploadPage *self,
          InjPill pill)
{
  gtk_label_set_text (self->state_pill, inj_pill_label (pill));
  for (InjPill p = 0; p <= INJ_PILL_OTHER; p++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_pill), inj_pill_css_class (p));
  gtk_widget_add_css_class (GTK_WIDGET (self->state_pill), inj_pill_css_class (pill));
}

/* Received (not decided yet) or cancelled: a note, not a problem. */
void
_inj_upload_page_show_result (InjUploadPage *self,
             InjUploadState state,
             const char *title,
             const char *receipt,
             const char *message)
{
  g_free (self->receipt);
  self->receipt = g_strdup (receipt);
  gtk_label_set_text (self->result_title, title);
  if (receipt)
    {
      g_autofree char *text = g_strdup_printf (_("Receipt number: %s"), receipt);
      gtk_label_set_text (self->receipt_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->receipt_label), receipt != NULL);
  gtk_label_set_text (self->result_label, message ? message : "");
  if (state == INJ_UPLOAD_STATE_RECEIVED)
    set_pill (self, INJ_PILL_RECEIVED);
  else
    set_pill (self, INJ_PILL_PENDING);
  _inj_upload_page_set_state (self, state);
}

/* Failed or refused: a heading, one cause, one action, the rest in 詳細. */
void
_inj_upload_page_show_problem (InjUploadPage *self,
              InjUploadState state,
              const char *title,
              const char *cause,
              const char *detail,
              const char *receipt,
              const char *action_label,
              const char *action_name,
              GVariant *target)
{
  g_free (self->receipt);
  self->receipt = g_strdup (receipt);
  inj_job_status_set_action (self->problem, action_label, action_name, target);
  inj_job_status_show_problem_detail (self->problem, title, cause, detail);
  gtk_label_set_text (self->result_label, cause);
  _inj_upload_page_set_state (self, state);
}

void
_inj_upload_page_show_failure (InjUploadPage *self,
              const char *delegation_id,
              const GError *error)
{
  const char *cause = NULL;
  InjUploadRemedy remedy = inj_upload_failure_explain (error, &cause);
  g_autofree char *message =
    g_strdup_printf ("%s\n%s", cause, _("The delegation is kept and waits to be sent."));

  inj_diagnostics_note_failure ("upload", NULL, error);
  /* the account comes first: registered, then confirmed by the operator */
  if (g_error_matches (error, INJ_NET_ERROR, INJ_NET_ERROR_NO_ACCOUNT) ||
      g_error_matches (error, INJ_NET_ERROR, INJ_NET_ERROR_ACCOUNT_NOT_CONFIRMED))
    {
      /* net/'s words for these say what to do */
      g_autofree char *said = g_strdup_printf ("%s\n%s", error->message,
                                               _("The delegation is kept and waits to be sent."));

      _inj_upload_page_show_problem (self, INJ_UPLOAD_STATE_FAILED, _("Not Sent"), said, NULL,
                                     NULL, _("Open User Information"), "win.show-page",
                                     g_variant_new_string ("account"));
      return;
    }
  switch (remedy)
    {
    case INJ_UPLOAD_REMEDY_RETRY:
      _inj_upload_page_show_problem (self, INJ_UPLOAD_STATE_FAILED, _("Not Sent"), message, error->message, NULL,
                    inj_upload_remedy_label (remedy), "upload.send",
                    g_variant_new_string (delegation_id));
      break;
    case INJ_UPLOAD_REMEDY_CARD:
      _inj_upload_page_show_problem (self, INJ_UPLOAD_STATE_FAILED, _("Not Sent"), message, error->message, NULL,
                    inj_upload_remedy_label (remedy), "win.show-page",
                    g_variant_new_string ("card"));
      break;
    case INJ_UPLOAD_REMEDY_SETTINGS:
    default:
      _inj_upload_page_show_problem (self, INJ_UPLOAD_STATE_FAILED, _("Not Sent"), message, error->message, NULL,
                    inj_upload_remedy_label (remedy), "win.preferences", NULL);
      break;
    }
}

void
_inj_upload_page_show_stored (InjUploadPage *self,
             InjPackage *p,
             InjDelegation *delegation)
{
  g_autofree char *description = NULL;

  g_free (self->receipt);
  self->receipt = g_strdup (p->receipt);
  g_free (self->notice);
  self->notice = inj_upload_agent_notice (delegation, p->delegation_id, p->receipt);
  gtk_label_set_text (self->done_receipt_label, p->receipt ? p->receipt : "");
  if (delegation)
    {
      g_autofree char *title = inj_render_delegation_title (delegation, FALSE, 20);
      description = g_strdup_printf (_("The service keeps the delegation %s and answers for it "
                                       "in validity checks."), title);
    }
  else
    description = g_strdup (_("The service keeps the delegation and answers for it in "
                              "validity checks."));
  adw_status_page_set_description (self->done_page, description);
  gtk_label_set_text (self->result_label, description);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "upload.notify-agent", TRUE);
  _inj_upload_page_set_state (self, INJ_UPLOAD_STATE_STORED);
}

/* A refused delegation is corrected as a new one (a new ID: the refused
 * one was never stored, and the agent's proof named the old content),
 * still renewing what the refused one renewed. */
void
_inj_upload_page_correct_activated (GtkWidget *widget,
                   const char *action_name,
                   GVariant *parameter)
{
  InjUploadPage *self = INJ_UPLOAD_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autofree char *sent = inj_sent_dir ();
  g_autofree char *outbox = inj_outbox_dir ();
  g_autofree char *path = g_build_filename (sent, id, "delegation.xml", NULL);
  g_autoptr(InjDelegation) refused = NULL;
  g_autoptr(InjDelegation) correction = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_free (path);
      path = g_build_filename (outbox, id, "delegation.xml", NULL);
    }
  refused = inj_delegation_load_xml_file (path, NULL, &error);
  if (refused == NULL)
    {
      _inj_upload_page_show_problem (self, self->state, _("The Delegation Cannot Be Opened"),
                    _("Its file could not be read. Write the delegation again in the editor."),
                    error->message, self->receipt, NULL, NULL, NULL);
      return;
    }
  correction = inj_delegation_renew (refused, NULL, now);
  inj_delegation_set_text (correction, INJ_FIELD_SUPERSEDES,
                           inj_delegation_get_text (refused, INJ_FIELD_SUPERSEDES));
  g_signal_emit (self, _inj_upload_page_signals[_INJ_UPLOAD_PAGE_SIGNAL_CORRECT], 0, correction);
  gtk_widget_activate_action (widget, "win.show-page", "s", "editor");
}

/* 「受任者に知らせる」: a short note on the clipboard, said in a toast. */
void
_inj_upload_page_notify_agent_activated (GtkWidget *widget,
                        const char *action_name,
                        GVariant *parameter)
{
  InjUploadPage *self = INJ_UPLOAD_PAGE (widget);

  if (self->notice == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->notice);
  gtk_widget_activate_action (widget, "win.toast", "s",
                              _("Copied a note for the agent: paste it into a message"));
}

