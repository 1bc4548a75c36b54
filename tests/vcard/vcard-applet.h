/* vcard-applet.h: the JPKI applet of a virtual My Number card, as a state
 * machine fed with command APDUs and power events. No I/O except the
 * APDU log, so that it can be tested without pcscd. */
#pragma once

#include <glib.h>

#include "vcard-log.h"
#include "vcard-profile.h"

G_BEGIN_DECLS

typedef struct _VcardApplet VcardApplet;

/* Largest short APDU: header, Lc, 255 data bytes, Le. */
#define VCARD_MAX_APDU 261

VcardApplet *vcard_applet_new               (VcardProfile *profile,
                                             VcardLog *log);
void         vcard_applet_free              (VcardApplet *applet);

gboolean     vcard_applet_add_fault         (VcardApplet *applet,
                                             const char *spec,
                                             GError **error);
/* The behaviours public sources do not settle: locked-query 63C0|6984,
 * locked-verify 6983|6984, reselect clears|keeps, sign-pin-ef
 * present|absent (a card without signing only), change-format
 * refuses|stores (CHANGE REFERENCE DATA of a value outside the PIN's
 * format: 6A 80, or stored), change-verified keeps|clears (the PIN's
 * verified state after a CHANGE). */
gboolean     vcard_applet_set_switch        (VcardApplet *applet,
                                             const char *name,
                                             const char *value,
                                             GError **error);
void         vcard_applet_set_clear_after_sign (VcardApplet *applet,
                                             gboolean clear);
gboolean     vcard_applet_set_tries         (VcardApplet *applet,
                                             VcardPin pin,
                                             int tries,
                                             GError **error);

GBytes      *vcard_applet_get_atr           (VcardApplet *applet);
void         vcard_applet_power_on          (VcardApplet *applet);
void         vcard_applet_power_off         (VcardApplet *applet);
void         vcard_applet_reset             (VcardApplet *applet);
void         vcard_applet_inserted          (VcardApplet *applet);
void         vcard_applet_removed           (VcardApplet *applet,
                                             const char *why);
GBytes      *vcard_applet_transmit          (VcardApplet *applet,
                                             const guint8 *apdu,
                                             gsize len);

gboolean     vcard_applet_is_verified       (VcardApplet *applet,
                                             VcardPin pin);
int          vcard_applet_get_tries         (VcardApplet *applet,
                                             VcardPin pin);
char        *vcard_applet_status_json       (VcardApplet *applet,
                                             gboolean inserted);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VcardApplet, vcard_applet_free)

G_END_DECLS
