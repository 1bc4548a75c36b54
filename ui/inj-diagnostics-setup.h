/* inj-diagnostics-setup.h: what inj_diagnostics_run() is given in the
 * application, from the settings — one place for the diagnostics page and
 * the bundle's preview.
 *
 * The readers and cards are surveyed (no PIN asked, no try used); the
 * trust-anchors setting is used for the chains; the service is tried
 * once, without retries: with a certificate file always; with the card's
 * key only when @card_interaction is given (it asks for the PIN: only
 * after the user asked for it). */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "inj-diagnostics.h"

G_BEGIN_DECLS

typedef struct _InjDiagnosticsSetup InjDiagnosticsSetup;

/* Reads @settings now (in the main thread); the result can be used from
 * a worker thread. */
InjDiagnosticsSetup         *inj_diagnostics_setup_new         (GSettings *settings);
InjDiagnosticsSetup         *inj_diagnostics_setup_new_with_card (GSettings *settings,
                                                                  GTlsInteraction *card_interaction);
void                         inj_diagnostics_setup_free        (InjDiagnosticsSetup *setup);
const InjDiagnosticsOptions *inj_diagnostics_setup_get_options (InjDiagnosticsSetup *setup);
/* Whether the service is part of the report. */
gboolean                     inj_diagnostics_setup_has_service (InjDiagnosticsSetup *setup);
/* inj_diagnostics_run() with these options: blocks, call it in a thread. */
JsonObject                  *inj_diagnostics_setup_run         (InjDiagnosticsSetup *setup,
                                                                GCancellable *cancellable);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (InjDiagnosticsSetup, inj_diagnostics_setup_free)

G_END_DECLS
