/* inj-service-settings.c */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-app.h"
#include "inj-service-settings.h"

gboolean
inj_service_settings_uses_card (GSettings *settings)
{
  g_autofree char *credential = g_settings_get_string (settings, "client-credential");

  return g_strcmp0 (credential, "file") != 0;
}

gboolean
inj_service_settings_config (GSettings *settings,
                             InjServiceConfig *config,
                             GError **error)
{
  g_autofree char *url = g_settings_get_string (settings, "service-url");
  g_autofree char *ca = g_settings_get_string (settings, "service-ca");

  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);
  g_return_val_if_fail (config != NULL, FALSE);

  memset (config, 0, sizeof *config);
  if (*url == '\0')
    {
      g_free (url);
      url = inj_service_profile_default_service_url (error);
      if (url == NULL)
        return FALSE;
    }
  if (*ca == '\0')
    {
      g_free (ca);
      ca = g_strdup (INJ_SYSTEM_CA_FILE);
    }
  config->base_url = g_steal_pointer (&url);
  config->service_ca = g_steal_pointer (&ca);
  if (inj_service_settings_uses_card (settings))
    {
      config->key_kind = INJ_CLIENT_KEY_PKCS11;
      config->client_certificate = g_strdup (INJ_JPKI_AUTH_CERT_URI);
      config->client_key = g_strdup (INJ_JPKI_AUTH_KEY_URI);
    }
  else
    {
      config->key_kind = INJ_CLIENT_KEY_FILE;
      config->client_certificate = g_settings_get_string (settings, "client-certificate");
      config->client_key = g_settings_get_string (settings, "client-key");
      if (*config->client_certificate == '\0' || *config->client_key == '\0')
        {
          g_set_error_literal (error, INJ_NET_ERROR, INJ_NET_ERROR_CONFIG,
                               _("The settings say to use a certificate file, but the client "
                                 "certificate or its key is not set. Choose both in the "
                                 "preferences, or use the card."));
          inj_service_config_clear (config);
          return FALSE;
        }
    }
  return TRUE;
}
