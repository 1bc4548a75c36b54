/* inj-card-page.h: the card and its reader, live, and the tries left. */
#pragma once

#include <adwaita.h>

#include "inj-card-survey.h"
#include "inj-expiry-box.h"
#include "inj-pin-tries.h"
#include "inj-pkcs11.h"
#include "inj-session.h"

G_BEGIN_DECLS

const char *inj_card_state_title        (InjCardState state);
const char *inj_card_state_description  (InjCardState state);

#define INJ_TYPE_CARD_PAGE (inj_card_page_get_type ())
G_DECLARE_FINAL_TYPE (InjCardPage, inj_card_page, INJ, CARD_PAGE, GtkWidget)

GtkWidget    *inj_card_page_new          (InjSession *session);
InjCardState  inj_card_page_get_state    (InjCardPage *self);
const char   *inj_card_page_get_title    (InjCardPage *self);
const char   *inj_card_page_get_details  (InjCardPage *self);
/* When the signing certificate ends, as far as can be read without a PIN. */
InjExpiryBox *inj_card_page_get_expiry   (InjCardPage *self);

/* 「再試行」 (card.retry), shown unless the card is ready, and 「詳細」,
 * which holds the technical details (the card service's names). */
GtkWidget      *inj_card_page_get_retry_button     (InjCardPage *self);
GtkExpander    *inj_card_page_get_details_expander (InjCardPage *self);

/* 変更… of @pin (card.change-password, card.change-pin): opens the dialog
 * that changes it on the card surveyed, modal to the page's window, or
 * brings the one already open to the front; NULL for a card shown as
 * locked (the page says what to do). A successful change says so in a
 * toast; the tries are read again when the dialog closes. */
GtkWidget      *inj_card_page_change_pin           (InjCardPage *self,
                                                    InjPinKind pin);
/* The dialog open, or NULL; 変更… of @pin. */
GtkWidget      *inj_card_page_get_pin_change_dialog (InjCardPage *self);
GtkWidget      *inj_card_page_get_change_button    (InjCardPage *self,
                                                    InjPinKind pin);

G_END_DECLS
