/* inj-service-settings.h: the service connection of the settings (GSettings
 * io.github.ininjo.Ininjo) as net/'s InjServiceConfig. */
#pragma once

#include <gio/gio.h>

#include "inj-pkcs11.h"
#include "inj-service-client.h"
#include "inj-settings.h"

G_BEGIN_DECLS

/* Where the system keeps the CAs it trusts (Debian's ca-certificates):
 * what an empty service-ca means, for ininjo-cli too. */
#define INJ_SYSTEM_CA_FILE INJ_SETTINGS_SYSTEM_CA_FILE

/* Fills @config: service-url (empty: the embedded profile's service),
 * service-ca (empty: the system's CAs), and the client credential: with
 * "card" the card's authentication key through pkcs11: URIs, with "file"
 * the client-certificate and client-key files (both needed). Fails with a
 * message a user can act on. Touches no card. */
gboolean inj_service_settings_config (GSettings *settings,
                                      InjServiceConfig *config,
                                      GError **error);

/* Whether the settings use the card (then the caller checks, before any
 * PIN is asked, that a My Number card is there and its PIN not locked,
 * and ends its verified state after the workflow with
 * inj_pcsc_end_verification()). */
gboolean inj_service_settings_uses_card (GSettings *settings);

G_END_DECLS
