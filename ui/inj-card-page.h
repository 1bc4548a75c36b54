/* inj-card-page.h: the card and its reader, live, and the tries left. */
#pragma once

#include <adwaita.h>

#include "inj-pkcs11.h"
#include "inj-session.h"

G_BEGIN_DECLS

typedef enum {
  INJ_CARD_STATE_LOADING = 0,
  INJ_CARD_STATE_ERROR,          /* no card service or no PKCS#11 module */
  INJ_CARD_STATE_NO_READER,
  INJ_CARD_STATE_NO_CARD,
  INJ_CARD_STATE_NOT_MY_NUMBER,
  INJ_CARD_STATE_READY,
} InjCardState;

const char *inj_card_state_title        (InjCardState state);
const char *inj_card_state_description  (InjCardState state);
char       *inj_pin_status_describe     (const InjPinStatus *status);

#define INJ_TYPE_CARD_PAGE (inj_card_page_get_type ())
G_DECLARE_FINAL_TYPE (InjCardPage, inj_card_page, INJ, CARD_PAGE, GtkWidget)

GtkWidget    *inj_card_page_new          (InjSession *session);
InjCardState  inj_card_page_get_state    (InjCardPage *self);
const char   *inj_card_page_get_title    (InjCardPage *self);
const char   *inj_card_page_get_details  (InjCardPage *self);

G_END_DECLS
