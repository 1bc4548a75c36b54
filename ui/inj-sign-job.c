/* inj-sign-job.c */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-audit.h"
#include "inj-sign-job.h"

void
inj_sign_job_free (InjSignJob *job)
{
  g_clear_object (&job->delegation);
  g_clear_pointer (&job->submission, g_bytes_unref);
  g_clear_object (&job->trust);
  g_clear_object (&job->signer.card.card);
  g_clear_object (&job->signer.card.interaction);
  g_clear_object (&job->signer.card.cancellable);
  g_clear_pointer (&job->signer.other, g_bytes_unref);
  g_free (job);
}

void
inj_sign_result_free (InjSignResult *r)
{
  g_clear_object (&r->verification);
  g_clear_pointer (&r->signed_xml, g_bytes_unref);
  g_free (r->package_dir);
  g_free (r);
}

void
inj_sign_job_thread (GTask *task,
             gpointer source,
             gpointer task_data,
             GCancellable *cancellable)
{
  InjSignJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) signed_xml = NULL;
  g_autoptr(GDateTime) now = NULL;
  InjSignResult *r;

  signed_xml = inj_sign_delegation (job->delegation, inj_holder_signer_sign, &job->signer, &error);
  if (signed_xml == NULL)
    {
      inj_audit_record (INJ_AUDIT_SIGN, NULL, inj_delegation_get_text (job->delegation,
                                                                       INJ_FIELD_DELEGATION_ID),
                        NULL, error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  now = inj_date_now ();
  r = g_new0 (InjSignResult, 1);
  r->verification = inj_verify_delegation (signed_xml, job->trust, now, NULL, &error);
  inj_audit_record_verification (INJ_AUDIT_SIGN, r->verification,
                                 inj_delegation_get_text (job->delegation, INJ_FIELD_DELEGATION_ID),
                                 error);
  if (r->verification == NULL)
    {
      inj_sign_result_free (r);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (inj_verification_is_valid (r->verification))
    {
      r->package_dir = inj_outbox_store (inj_delegation_get_text (job->delegation,
                                                                  INJ_FIELD_DELEGATION_ID),
                                         signed_xml, job->submission, &error);
      if (r->package_dir == NULL)
        {
          inj_sign_result_free (r);
          g_prefix_error (&error, "%s ", _("The delegation was signed and verified, but it could "
                                           "not be put in the outbox:"));
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      r->signed_xml = g_steal_pointer (&signed_xml);
    }
  g_task_return_pointer (task, r, (GDestroyNotify) inj_sign_result_free);
}

char *
inj_sign_result_describe (InjVerification *v)
{
  GPtrArray *checks = inj_verification_get_checks (v);
  GString *out = g_string_new (inj_verification_is_valid (v)
                               ? (inj_verification_has_warnings (v)
                                  ? _("The signature is valid, with a warning:")
                                  : _("The signature is valid."))
                               : _("The signed delegation did not pass verification, so it was "
                                   "not kept:"));

  for (guint i = 0; i < checks->len; i++)
    {
      InjCheck *check = g_ptr_array_index (checks, i);
      if (check->result != INJ_CHECK_PASSED)
        g_string_append_printf (out, "\n%s", check->message);
    }
  return g_string_free (out, FALSE);
}


/* In the list's words, masked unless revealed: who gives whom what. */
char *
inj_sign_job_describe (InjDelegation *delegation,
                       gboolean reveal)
{
  g_autofree char *parties = inj_render_delegation_parties (delegation, reveal);
  g_autofree char *title = inj_render_delegation_title (delegation, reveal, 40);
  g_autofree char *sentence =
    g_strdup_printf (_("You are signing the delegation %s with the signing certificate "
                       "(署名用電子証明書) of the My Number card."), parties);

  return g_strdup_printf ("%s\n%s", sentence, title);
}
