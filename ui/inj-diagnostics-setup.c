/* inj-diagnostics-setup.c */
#include "config.h"

#include <adwaita.h>

#include "inj-diagnostics-setup.h"
#include "inj-password-dialog.h"
#include "inj-service-settings.h"

struct _InjDiagnosticsSetup {
  char *gtk_version;
  char **anchors;
  InjServiceConfig config;
  gboolean with_service;
  GTlsInteraction *interaction;
  InjDiagnosticsOptions options;
};

InjDiagnosticsSetup *
inj_diagnostics_setup_new (GSettings *settings)
{
  return inj_diagnostics_setup_new_with_card (settings, NULL);
}

InjDiagnosticsSetup *
inj_diagnostics_setup_new_with_card (GSettings *settings,
                                     GTlsInteraction *card_interaction)
{
  InjDiagnosticsSetup *setup = g_new0 (InjDiagnosticsSetup, 1);

  g_return_val_if_fail (G_IS_SETTINGS (settings), setup);
  setup->gtk_version = g_strdup_printf ("%u.%u.%u (libadwaita %u.%u.%u)", gtk_get_major_version (),
                                        gtk_get_minor_version (), gtk_get_micro_version (),
                                        adw_get_major_version (), adw_get_minor_version (),
                                        adw_get_micro_version ());
  setup->anchors = g_settings_get_strv (settings, "trust-anchors");
  /* With the card's key the service asks for the PIN: only when the user
   * asked for it (@card_interaction). */
  if (!inj_service_settings_uses_card (settings) || card_interaction)
    {
      setup->with_service = inj_service_settings_config (settings, &setup->config, NULL);
      setup->config.max_attempts = 1;
    }
  if (card_interaction && setup->with_service)
    setup->interaction = inj_prompt_interaction_new (card_interaction, INJ_PROMPT_CONNECT, NULL);
  setup->options.gtk_version = setup->gtk_version;
  setup->options.cards = TRUE;
  setup->options.trust_anchors = (const char *const *) setup->anchors;
  setup->options.service = setup->with_service ? &setup->config : NULL;
  setup->options.interaction = setup->interaction;
  return setup;
}

void
inj_diagnostics_setup_free (InjDiagnosticsSetup *setup)
{
  if (setup == NULL)
    return;
  g_free (setup->gtk_version);
  g_strfreev (setup->anchors);
  g_clear_object (&setup->interaction);
  inj_service_config_clear (&setup->config);
  g_free (setup);
}

const InjDiagnosticsOptions *
inj_diagnostics_setup_get_options (InjDiagnosticsSetup *setup)
{
  g_return_val_if_fail (setup != NULL, NULL);
  return &setup->options;
}

gboolean
inj_diagnostics_setup_has_service (InjDiagnosticsSetup *setup)
{
  g_return_val_if_fail (setup != NULL, FALSE);
  return setup->with_service;
}

JsonObject *
inj_diagnostics_setup_run (InjDiagnosticsSetup *setup,
                           GCancellable *cancellable)
{
  g_return_val_if_fail (setup != NULL, NULL);
  return inj_diagnostics_run (&setup->options, cancellable);
}
