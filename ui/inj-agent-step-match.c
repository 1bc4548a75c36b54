/* inj-agent-step-match.c: step 2's check that the agent's certificate is
 * the one the delegation names (held back on a mismatch until the user
 * corrects the delegation or confirms), and a submission file that cannot
 * be used, said plainly with its detail behind 「詳細」. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-agent-match.h"
#include "inj-agent-step-page-private.h"
#include "inj-delegation-editor.h"
#include "inj-window.h"

void
_inj_agent_step_page_show_match (InjAgentStepPage *self,
                                 InjCertificate *cert,
                                 InjDelegation *delegation,
                                 gboolean reveal)
{
  /* whether the one held is the delegation's agent, readable while masked */
  if (cert && delegation)
    {
      InjAgentMatch match = inj_holder_match_agent (delegation, cert, NULL);
      g_autofree char *expected = inj_agent_match_expected (delegation, reveal);
      g_autofree char *subtitle = g_strdup_printf (_("Agent in the delegation: %s"), expected);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->match_row),
                                     inj_agent_match_title (match, TRUE));
      adw_action_row_set_subtitle (self->match_row, subtitle);
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->match_row), "");
      adw_action_row_set_subtitle (self->match_row, "");
    }

  gtk_widget_set_visible (self->mismatch_box, self->pending_cert != NULL);
  if (self->pending_cert && delegation)
    {
      g_autofree char *expected = inj_agent_match_expected (delegation, reveal);
      g_autofree char *actual = inj_agent_match_actual (self->pending_cert, reveal);
      adw_action_row_set_subtitle (self->expected_row, expected);
      adw_action_row_set_subtitle (self->actual_row, actual);
    }
}

void
_inj_agent_step_page_show_import_problem (InjAgentStepPage *self,
                                          const GError *error,
                                          InjVerification *verification)
{
  g_autofree char *heading = NULL;
  g_autofree char *cause = NULL;
  g_autofree char *detail = NULL;

  g_clear_pointer (&self->import_problem, g_free);
  /* one primary action: the problem's own 「別のファイルを開く」 */
  if (error == NULL && verification == NULL)
    {
      gtk_widget_add_css_class (self->open_button, "suggested-action");
      inj_job_status_set_action (self->status, NULL, NULL, NULL);
      return;
    }
  gtk_widget_remove_css_class (self->open_button, "suggested-action");
  /* shown where files are opened, whichever tab the file came from */
  adw_view_stack_set_visible_child_name (self->method_stack, "file");
  inj_agent_import_problem (error, verification, &heading, &cause, &detail);
  inj_job_status_set_action (self->status, _("Open _Another File…"), "agent-step.open", NULL);
  inj_job_status_show_problem_detail (self->status, heading, cause, detail);
  self->import_problem = g_strdup_printf ("%s\n%s\n%s", heading, cause, detail);
}

void
_inj_agent_step_page_clear_pending (InjAgentStepPage *self)
{
  g_clear_pointer (&self->pending_xml, g_bytes_unref);
  g_clear_object (&self->pending_cert);
  g_clear_pointer (&self->pending_reader, g_free);
  if (self->confirm_dialog)
    gtk_window_destroy (GTK_WINDOW (self->confirm_dialog));
}

/* The held-back submission goes into the session, as the user confirmed;
 * the confirmation is in the audit log. */
void
inj_agent_step_page_use_anyway (InjAgentStepPage *self)
{
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(InjCertificate) cert = NULL;
  g_autofree char *reader = NULL;
  InjDelegation *delegation;

  g_return_if_fail (INJ_IS_AGENT_STEP_PAGE (self));
  delegation = inj_session_get_delegation (self->session);
  if (self->pending_cert == NULL || delegation == NULL)
    return;
  xml = g_steal_pointer (&self->pending_xml);
  cert = g_steal_pointer (&self->pending_cert);
  reader = g_steal_pointer (&self->pending_reader);
  inj_agent_match_record (cert, inj_delegation_get_text (delegation, INJ_FIELD_DELEGATION_ID));
  self->from_desk = self->pending_desk;
  self->replacing = FALSE;
  inj_session_set_agent_reader (self->session, reader);
  inj_session_set_submission (self->session, xml, cert);
  _inj_agent_step_page_update (self);
}

static void
confirm_response (AdwMessageDialog *dialog,
                  const char *response,
                  gpointer user_data)
{
  InjAgentStepPage *self = user_data;

  if (g_strcmp0 (response, "use") == 0)
    inj_agent_step_page_use_anyway (self);
}

void
_inj_agent_step_page_use_anyway_activated (GtkWidget *widget,
                      const char *action_name,
                      GVariant *parameter)
{
  InjAgentStepPage *self = INJ_AGENT_STEP_PAGE (widget);
  InjDelegation *delegation = inj_session_get_delegation (self->session);

  if (self->pending_cert == NULL || delegation == NULL || self->confirm_dialog)
    return;
  self->confirm_dialog = inj_agent_match_dialog_new (widget, delegation, self->pending_cert,
                                                     inj_session_get_reveal (self->session));
  g_object_add_weak_pointer (G_OBJECT (self->confirm_dialog), (gpointer *) &self->confirm_dialog);
  g_signal_connect_object (self->confirm_dialog, "response", G_CALLBACK (confirm_response), self,
                           0);
  gtk_window_present (GTK_WINDOW (self->confirm_dialog));
}

/* To the editor, at the agent's name. */
void
_inj_agent_step_page_correct_activated (GtkWidget *widget,
                   const char *action_name,
                   GVariant *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *entry = NULL;

  gtk_widget_activate_action (widget, "win.show-page", "s", "editor");
  if (INJ_IS_WINDOW (root))
    entry = inj_delegation_editor_get_entry (
      INJ_DELEGATION_EDITOR (inj_window_get_editor (INJ_WINDOW (root))), INJ_FIELD_AGENT_NAME);
  if (entry)
    gtk_widget_grab_focus (entry);
}

const char *
inj_agent_step_page_get_mismatch (InjAgentStepPage *self,
                                  gboolean certificate)
{
  g_return_val_if_fail (INJ_IS_AGENT_STEP_PAGE (self), NULL);
  if (self->pending_cert == NULL)
    return "";
  return adw_action_row_get_subtitle (certificate ? self->actual_row : self->expected_row);
}

const char *
inj_agent_step_page_get_match (InjAgentStepPage *self)
{
  g_return_val_if_fail (INJ_IS_AGENT_STEP_PAGE (self), NULL);
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->match_row));
}
