/* inj-service-job.c */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-service-job.h"
#include "inj-service-settings.h"

struct _InjServiceJob {
  InjServiceConfig config;
  gboolean uses_card;
  InjCardMonitor *monitor;
  GTlsInteraction *interaction;
  InjServiceClient *client;
  InjCard *card;
};

InjServiceJob *
inj_service_job_new (InjSession *session,
                     GError **error)
{
  g_autoptr(InjServiceJob) job = g_new0 (InjServiceJob, 1);
  GSettings *settings;

  g_return_val_if_fail (INJ_IS_SESSION (session), NULL);

  settings = inj_session_get_settings (session);
  if (!inj_service_settings_config (settings, &job->config, error))
    return NULL;
  job->uses_card = inj_service_settings_uses_card (settings);
  if (job->uses_card)
    {
      InjCardMonitor *monitor = inj_session_get_monitor (session);

      if (monitor == NULL)
        {
          const char *why = inj_session_get_monitor_error (session);
          if (why)
            g_set_error (error, INJ_PKCS11_ERROR, INJ_CKR_MODULE,
                         _("The card cannot be used: %s"), why);
          else
            g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING,
                                 _("The card readers are still being looked for. Try again in "
                                   "a moment."));
          return NULL;
        }
      job->monitor = g_object_ref (monitor);
    }
  if (inj_session_get_interaction (session))
    job->interaction = g_object_ref (inj_session_get_interaction (session));
  return g_steal_pointer (&job);
}

gboolean
inj_service_job_uses_card (InjServiceJob *job)
{
  g_return_val_if_fail (job != NULL, FALSE);
  return job->uses_card;
}

InjServiceClient *
inj_service_job_connect (InjServiceJob *job,
                         GCancellable *cancellable,
                         GError **error)
{
  g_return_val_if_fail (job != NULL, NULL);

  if (job->client)
    return job->client;
  if (job->uses_card && job->card == NULL)
    {
      job->card = inj_upload_find_card (job->monitor, NULL, cancellable, error);
      if (job->card == NULL)
        return NULL;
    }
  job->client = inj_service_client_new (&job->config, job->interaction, error);
  return job->client;
}

void
inj_service_job_end (InjServiceJob *job)
{
  g_return_if_fail (job != NULL);

  g_clear_object (&job->client);
  inj_upload_end_card (job->card);
  g_clear_object (&job->card);
}

void
inj_service_job_free (InjServiceJob *job)
{
  if (job == NULL)
    return;
  /* Ended in the worker; a job that never ran holds no card state. */
  g_clear_object (&job->client);
  g_clear_object (&job->card);
  inj_service_config_clear (&job->config);
  g_clear_object (&job->monitor);
  g_clear_object (&job->interaction);
  g_free (job);
}
