/* inj-agent-match.c */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-agent-common.h"
#include "inj-agent-match.h"
#include "inj-audit.h"

const char *
inj_agent_match_title (InjAgentMatch match,
                       gboolean confirmed)
{
  if (match == INJ_AGENT_MATCH_SAME)
    return _("✓ Matches the delegation's agent");
  if (confirmed)
    return _("⚠ Does not match the delegation's agent (used as confirmed)");
  return _("⚠ Does not match the delegation's agent");
}

char *
inj_agent_match_expected (InjDelegation *delegation,
                          gboolean reveal)
{
  g_autofree char *name = inj_render_value (delegation, INJ_FIELD_AGENT_NAME, reveal);

  return g_strdup (name ? name : "");
}

char *
inj_agent_match_actual (InjCertificate *agent,
                        gboolean reveal)
{
  return inj_agent_field_text (agent, INJ_JPKI_NAME, reveal);
}

AdwMessageDialog *
inj_agent_match_dialog_new (GtkWidget *parent,
                            InjDelegation *delegation,
                            InjCertificate *agent,
                            gboolean reveal)
{
  GtkRoot *root = parent ? gtk_widget_get_root (parent) : NULL;
  g_autofree char *expected = inj_agent_match_expected (delegation, reveal);
  g_autofree char *actual = inj_agent_match_actual (agent, reveal);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                           : NULL,
                                                       _("Use a Certificate That Does Not Match?"),
                                                       NULL));
  /* TRANSLATORS: the first %s is the agent's name in the delegation, the
   * second the name in the certificate (both masked unless shown) */
  adw_message_dialog_format_body (dialog,
                                  _("The delegation names “%s” as the agent, but this "
                                    "certificate is “%s”'s. Use it only if you are sure it is "
                                    "the agent's own, for example when the name is written "
                                    "with another form of a character. The service stores "
                                    "the name in the certificate. Your confirmation is "
                                    "recorded in the audit log."),
                                  expected, actual);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "use", _("_Use It Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "use", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}

typedef struct {
  InjCertificate *agent;
  char *delegation_id;
} Record;

static void
record_free (Record *r)
{
  g_clear_object (&r->agent);
  g_free (r->delegation_id);
  g_free (r);
}

static void
record_thread (GTask *task,
               gpointer source,
               gpointer task_data,
               GCancellable *cancellable)
{
  Record *r = task_data;

  inj_audit_record (INJ_AUDIT_AGENT_MISMATCH, r->agent, r->delegation_id, "confirmed", NULL);
  g_task_return_boolean (task, TRUE);
}

void
inj_agent_match_record (InjCertificate *agent,
                        const char *delegation_id)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);
  Record *r = g_new0 (Record, 1);

  r->agent = g_object_ref (agent);
  r->delegation_id = g_strdup (delegation_id);
  g_task_set_source_tag (task, inj_agent_match_record);
  g_task_set_task_data (task, r, (GDestroyNotify) record_free);
  g_task_run_in_thread (task, record_thread);
}

static const InjCheck *
first_failed (InjVerification *verification)
{
  GPtrArray *checks = inj_verification_get_checks (verification);

  for (guint i = 0; i < checks->len; i++)
    {
      const InjCheck *check = g_ptr_array_index (checks, i);
      if (check->result == INJ_CHECK_FAILED)
        return check;
    }
  return NULL;
}

void
inj_agent_import_problem (const GError *error,
                          InjVerification *verification,
                          char **heading,
                          char **cause,
                          char **detail)
{
  const InjCheck *check = verification ? first_failed (verification) : NULL;

  if (error && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      *heading = g_strdup (_("The file cannot be found"));
      *cause = g_strdup (_("It was moved or deleted after it was chosen. Open it again from "
                           "where it is now."));
    }
  else if (error && error->domain == G_IO_ERROR)
    {
      *heading = g_strdup (_("The file cannot be read"));
      *cause = g_strdup (_("Check that it is on this computer and that you may open it, or "
                           "copy it to another folder and open it there."));
    }
  else if (error || check == NULL || check->kind == INJ_CHECK_DOCUMENT)
    {
      *heading = g_strdup (_("The file is damaged or is not a submission file"));
      *cause = g_strdup (_("Open the submission file the agent sent you (a file ending in "
                           ".xml), or ask the agent to send it again."));
    }
  else if (check->kind == INJ_CHECK_BINDING)
    {
      *heading = g_strdup (_("This submission file is for another delegation"));
      *cause = g_strdup (_("The agent signed it for another delegation, or for this one before "
                           "it was changed. Give the agent the request code shown on this "
                           "page, or the delegation file, and ask for a new submission."));
    }
  else if (check->kind == INJ_CHECK_SIGNATURE)
    {
      *heading = g_strdup (_("The file was changed after the agent signed it"));
      *cause = g_strdup (inj_agent_check_advice (check->kind));
    }
  else
    {
      *heading = g_strdup (_("The agent's certificate cannot be accepted"));
      *cause = g_strdup (inj_agent_check_advice (check->kind));
    }

  if (error)
    *detail = g_strdup (error->message);
  else if (verification)
    *detail = inj_agent_failures_text (verification);
  else
    *detail = g_strdup ("");
}
