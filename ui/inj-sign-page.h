/* inj-sign-page.h: signs the session's delegation with the card's signing
 * key, verifies the result and puts it in the outbox with the agent's
 * submission. The card's state and the signing password's tries left are
 * shown before the password is asked; the last try is confirmed first; a
 * locked password is explained and never asked for. */
#pragma once

#include <adwaita.h>

#include "inj-card-picker.h"
#include "inj-card-survey.h"
#include "inj-expiry-box.h"
#include "inj-session.h"

G_BEGIN_DECLS

typedef enum {
  INJ_SIGN_STATE_MISSING = 0, /* no complete delegation or no agent's submission */
  INJ_SIGN_STATE_CARD,        /* the card is not ready: see inj_sign_page_get_card_state() */
  INJ_SIGN_STATE_READY,
  INJ_SIGN_STATE_CONFIRM,     /* one try left: the person confirms before being asked */
  INJ_SIGN_STATE_WORKING,
  INJ_SIGN_STATE_LOCKED,
  INJ_SIGN_STATE_SIGNED,
} InjSignState;

#define INJ_TYPE_SIGN_PAGE (inj_sign_page_get_type ())
G_DECLARE_FINAL_TYPE (InjSignPage, inj_sign_page, INJ, SIGN_PAGE, GtkWidget)

GtkWidget          *inj_sign_page_new             (InjSession *session);
InjSignState        inj_sign_page_get_state       (InjSignPage *self);
InjCardState        inj_sign_page_get_card_state  (InjSignPage *self);

/* The signing password's state as last read from the card (no try used),
 * or NULL. */
const InjPinStatus *inj_sign_page_get_pin_status  (InjSignPage *self);

/* What the page says of the tries left, and of the last attempt. */
const char         *inj_sign_page_get_tries_text  (InjSignPage *self);
const char         *inj_sign_page_get_message     (InjSignPage *self);
/* What the ready page says is signed, in the list's words. */
const char         *inj_sign_page_get_description (InjSignPage *self);
InjCardPicker      *inj_sign_page_get_card_picker (InjSignPage *self);
/* Before signing (the chosen card's authentication certificate), or after
 * (the signing certificate the signature was made with). */
InjExpiryBox       *inj_sign_page_get_expiry      (InjSignPage *self,
                                                   gboolean signed_);

G_END_DECLS
