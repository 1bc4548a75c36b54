/* inj-service-job.c */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-net-key.h"
#include "inj-password-dialog.h"
#include "inj-service-job.h"
#include "inj-service-settings.h"

struct _InjServiceJob {
  InjServiceConfig config;
  gboolean uses_card;
  InjCardMonitor *monitor;
  GTlsInteraction *interaction;
  InjServiceClient *client;
  InjCard *card;
  char *reader;     /* the card chosen, or NULL: the only one */
  char *key_url;    /* the card's key, registered for net/ */
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
  /* the PIN is asked as the one that connects to the service */
  if (inj_session_get_interaction (session))
    job->interaction = inj_prompt_interaction_new (inj_session_get_interaction (session),
                                                   INJ_PROMPT_CONNECT, NULL);
  /* the card chosen on the upload page, for every page's workflow */
  job->reader = g_strdup (inj_session_get_service_reader (session));
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
      job->card = inj_upload_find_card_in (job->monitor, job->reader, NULL, cancellable, error);
      if (job->card == NULL)
        return NULL;
    }
  if (job->uses_card && job->key_url == NULL)
    {
      /* GnuTLS cannot tell two cards apart by a pkcs11: URI: this card,
       * chosen by its reader, signs the handshake (inj-net-key.h) */
      job->key_url = inj_upload_card_key (job->card, job->interaction, cancellable, error);
      if (job->key_url == NULL)
        return NULL;
      job->config.key_kind = INJ_CLIENT_KEY_SIGNER;
      g_free (job->config.client_certificate);
      g_free (job->config.client_key);
      job->config.client_certificate = g_strdup (job->key_url);
      job->config.client_key = g_strdup (job->key_url);
    }
  job->client = inj_service_client_new (&job->config, job->interaction, error);
  return job->client;
}

void
inj_service_job_end (InjServiceJob *job)
{
  g_return_if_fail (job != NULL);

  g_clear_object (&job->client);
  if (job->key_url)
    inj_net_key_unregister (job->key_url);
  g_clear_pointer (&job->key_url, g_free);
  inj_upload_end_card (job->card);
  g_clear_object (&job->card);
}

InjCard *
inj_service_job_get_card (InjServiceJob *job)
{
  g_return_val_if_fail (job != NULL, NULL);
  return job->card;
}

/* Main thread, before the work: the reader whose card is used. */
void
inj_service_job_set_reader (InjServiceJob *job,
                            const char *reader)
{
  g_return_if_fail (job != NULL);
  g_free (job->reader);
  job->reader = g_strdup (reader);
}

void
inj_service_job_free (InjServiceJob *job)
{
  if (job == NULL)
    return;
  /* Ended in the worker; a job that never ran holds no card state. */
  g_clear_object (&job->client);
  g_clear_object (&job->card);
  if (job->key_url)
    inj_net_key_unregister (job->key_url);
  g_free (job->key_url);
  g_free (job->reader);
  inj_service_config_clear (&job->config);
  g_clear_object (&job->monitor);
  g_clear_object (&job->interaction);
  g_free (job);
}

GBytes *
inj_service_job_dup_client_certificate (InjServiceJob *job,
                                        GError **error)
{
  g_autoptr(GTlsCertificate) cert = NULL;
  g_autoptr(GByteArray) bytes = NULL;

  g_return_val_if_fail (job != NULL, NULL);
  if (job->uses_card || job->config.client_certificate == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("No client certificate file is set."));
      return NULL;
    }
  cert = g_tls_certificate_new_from_file (job->config.client_certificate, error);
  if (cert == NULL)
    return NULL;
  g_object_get (cert, "certificate", &bytes, NULL);
  return g_bytes_new (bytes->data, bytes->len);
}
