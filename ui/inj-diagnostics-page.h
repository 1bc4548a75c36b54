/* inj-diagnostics-page.h: the diagnostics of `ininjo-cli diagnose` as a
 * page: versions, PKCS#11 modules, readers (ATR), cards (kind, token
 * labels, both PINs' tries left — none consumed —, certificates' validity
 * and chains by serial and fingerprint), the service (name resolution,
 * TCP, TLS, both certificates, clock offset), the outbox (IDs and states)
 * and the last error recorded. Collected in a worker thread when the page
 * is first shown and on "Run again"; "Copy as text", "Save diagnostic
 * bundle…"; and the switch of the verbose-logging setting. The report is
 * redacted already: nothing personal is in it. */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "inj-session.h"

G_BEGIN_DECLS

typedef enum {
  INJ_DIAGNOSTICS_IDLE = 0,     /* not run yet (the page was not shown) */
  INJ_DIAGNOSTICS_RUNNING,
  INJ_DIAGNOSTICS_DONE,
  INJ_DIAGNOSTICS_CANCELLED,
} InjDiagnosticsState;

#define INJ_TYPE_DIAGNOSTICS_PAGE (inj_diagnostics_page_get_type ())
G_DECLARE_FINAL_TYPE (InjDiagnosticsPage, inj_diagnostics_page, INJ, DIAGNOSTICS_PAGE, GtkWidget)

GtkWidget          *inj_diagnostics_page_new         (InjSession *session);

/* "Run again" (the page runs once by itself, when first mapped). */
void                inj_diagnostics_page_run         (InjDiagnosticsPage *self);
/* The same, the service included with the card's key: the session's
 * interaction asks for the authentication PIN. */
void                inj_diagnostics_page_run_with_card (InjDiagnosticsPage *self);
/* "Cancel"; also on the session's privacy lock and on dispose. */
void                inj_diagnostics_page_cancel      (InjDiagnosticsPage *self);
/* Also the "state" property (an int). */
InjDiagnosticsState inj_diagnostics_page_get_state   (InjDiagnosticsPage *self);
/* The last report shown, or NULL. */
JsonObject         *inj_diagnostics_page_get_report  (InjDiagnosticsPage *self);
/* What "Copy as text" puts on the clipboard (inj_diagnostics_to_text());
 * NULL without a report. */
char               *inj_diagnostics_page_dup_text    (InjDiagnosticsPage *self);
/* A row of the report (an AdwActionRow) by its id, or NULL: "readers.N",
 * "modules.N", "tokens.N", "cards.N.kind", "cards.N.pin.auth",
 * "cards.N.pin.sign", "cards.N.cert.KIND", "service.tcp",
 * "service.name-resolution", "service.tls", "service.server-certificate",
 * "service.client-certificate", "service.clock-offset", "outbox.N",
 * "last-error.error", "versions.NAME"; unknown members as "SECTION.NAME". */
GtkWidget          *inj_diagnostics_page_get_row     (InjDiagnosticsPage *self,
                                                      const char *id);
/* Shows @report as if it had been collected (a report read from a
 * bundle; tests): any run is cancelled, and the page does not run by
 * itself any more. */
void                inj_diagnostics_page_show_report (InjDiagnosticsPage *self,
                                                      JsonObject *report);
/* "Save diagnostic bundle…": the bundle's preview (an InjBundleDialog,
 * returned; the window owns it). */
GtkWidget          *inj_diagnostics_page_open_bundle (InjDiagnosticsPage *self);

G_END_DECLS
