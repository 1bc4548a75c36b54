/* inj-expiry-box.h: when the signing certificate ends, for the card and
 * sign pages: from the authentication certificate of a card (read without
 * a PIN, labelled as such), or from a signing certificate already read
 * with the password. Never reads EF 0001 by itself. */
#pragma once

#include <gtk/gtk.h>

#include "inj-app.h"
#include "inj-expiry-view.h"
#include "inj-pkcs11.h"

G_BEGIN_DECLS

#define INJ_TYPE_EXPIRY_BOX (inj_expiry_box_get_type ())
G_DECLARE_FINAL_TYPE (InjExpiryBox, inj_expiry_box, INJ, EXPIRY_BOX, GtkWidget)

GtkWidget        *inj_expiry_box_new             (void);
/* Reads @card's authentication certificate (no PIN); NULL clears. */
void              inj_expiry_box_set_card        (InjExpiryBox *self,
                                                  InjCard *card);
/* A signing certificate read with the password (the signature's). */
void              inj_expiry_box_set_certificate (InjExpiryBox *self,
                                                  InjCertificate *certificate);
const char       *inj_expiry_box_get_title       (InjExpiryBox *self);
const char       *inj_expiry_box_get_details     (InjExpiryBox *self);
InjExpirySeverity inj_expiry_box_get_severity    (InjExpiryBox *self);
/* The card whose certificate is shown or being read, or NULL. */
InjCard          *inj_expiry_box_get_card        (InjExpiryBox *self);

G_END_DECLS
