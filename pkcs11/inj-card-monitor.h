/* inj-card-monitor.h: the PKCS#11 modules (through p11-kit), the tokens
 * they show, the My Number cards among them, and their comings and goings. */
#pragma once

#include <gio/gio.h>

#include "inj-card.h"
#include "inj-token.h"

G_BEGIN_DECLS

#define INJ_DEFAULT_PKCS11_MODULE "opensc-pkcs11.so"

#define INJ_TYPE_CARD_MONITOR (inj_card_monitor_get_type ())
G_DECLARE_FINAL_TYPE (InjCardMonitor, inj_card_monitor, INJ, CARD_MONITOR, GObject)

InjCardMonitor *inj_card_monitor_new           (const char * const *modules,
                                                GError **error);
gboolean        inj_card_monitor_refresh       (InjCardMonitor *self,
                                                GError **error);
GPtrArray      *inj_card_monitor_list_tokens   (InjCardMonitor *self);
GPtrArray      *inj_card_monitor_list_cards    (InjCardMonitor *self);
InjCard        *inj_card_monitor_get_card      (InjCardMonitor *self,
                                                const char *reader);
void            inj_card_monitor_watch         (InjCardMonitor *self,
                                                guint interval_ms);

G_END_DECLS
