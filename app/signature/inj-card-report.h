/* inj-card-report.h: what to tell a person about a card beyond what
 * PKCS#11 shows: a locked PIN on a card for which OpenSC 0.23 shows no JPKI
 * token at all, a card without a signing certificate (issued to a child
 * under 15). Built on the PIN-free probe of inj-pcsc.h. */
#pragma once

#include <json-glib/json-glib.h>

#include "inj-pkcs11.h"

G_BEGIN_DECLS

/* One paragraph per finding, "\n"-separated, translated; NULL when there
 * is nothing to say beyond "a My Number card". */
char       *inj_card_report_text   (const InjCardProbe *probe);
/* A reason word of inj-diagnostics.h (sign-locked, auth-locked,
 * no-signing), or NULL. */
const char *inj_card_report_reason (const InjCardProbe *probe);
/* For the diagnostics report: every field of the probe. */
JsonObject *inj_card_report_json   (const InjCardProbe *probe);

G_END_DECLS
