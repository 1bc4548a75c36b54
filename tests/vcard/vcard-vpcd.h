/* vcard-vpcd.h: the card side of vsmartcard's vpcd protocol. The card
 * connects to the reader driver's TCP port; closing the connection is a
 * removal, connecting again an insertion. */
#pragma once

#include <gio/gio.h>

#include "vcard-applet.h"

G_BEGIN_DECLS

typedef struct _VcardVpcd VcardVpcd;

typedef struct {
  /* vpcd talked to the card for the first time (its presence poll). */
  void (*ready) (gpointer user_data);
  /* vpcd could not be reached in time at start, or went away and did not
   * come back in time: the card has nothing left to do. */
  void (*lost)  (const GError *error,
                 gpointer user_data);
} VcardVpcdCallbacks;

/* error is NULL when the card is inserted. */
typedef void (*VcardVpcdInsertFunc) (const GError *error,
                                     gpointer user_data);

VcardVpcd *vcard_vpcd_new         (VcardApplet *applet,
                                   const char *host,
                                   guint16 port,
                                   guint connect_timeout_ms,
                                   guint latency_ms,
                                   const VcardVpcdCallbacks *callbacks,
                                   gpointer user_data);
void       vcard_vpcd_free        (VcardVpcd *self);
void       vcard_vpcd_start       (VcardVpcd *self);
void       vcard_vpcd_insert      (VcardVpcd *self,
                                   VcardVpcdInsertFunc done,
                                   gpointer user_data);
void       vcard_vpcd_remove      (VcardVpcd *self);
gboolean   vcard_vpcd_is_inserted (VcardVpcd *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VcardVpcd, vcard_vpcd_free)

G_END_DECLS
