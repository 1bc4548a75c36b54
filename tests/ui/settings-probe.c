/* settings-probe.c: what the window would read from the settings, through
 * the window's own code (ui/inj-service-settings.c, inj-window.c's
 * idle-timeout), printed as key=value for tests/cli/test-config.sh: the
 * settings ininjo-cli writes are the ones the window uses. */
#include "config.h"

#include "inj-application.h"
#include "inj-service-settings.h"

int
main (void)
{
  g_autoptr(GSettings) settings = g_settings_new (INJ_APPLICATION_ID);
  g_auto(InjServiceConfig) config = { 0 };
  g_autoptr(GError) error = NULL;

  g_print ("idle-timeout=%u\n", g_settings_get_uint (settings, "idle-timeout"));
  if (!inj_service_settings_config (settings, &config, &error))
    {
      g_print ("error=%s\n", error->message);
      return 1;
    }
  g_print ("base-url=%s\nservice-ca=%s\nuses-card=%s\nclient-certificate=%s\nclient-key=%s\n",
           config.base_url, config.service_ca,
           inj_service_settings_uses_card (settings) ? "true" : "false",
           config.client_certificate, config.client_key);
  return 0;
}
