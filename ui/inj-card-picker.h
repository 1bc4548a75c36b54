/* inj-card-picker.h: which My Number card to use, live: the readers that
 * hold one (a choice when there are several), and the signing password's
 * tries left, read without consuming one. */
#pragma once

#include <adwaita.h>

#include "inj-pkcs11.h"
#include "inj-session.h"

G_BEGIN_DECLS

#define INJ_TYPE_CARD_PICKER (inj_card_picker_get_type ())
G_DECLARE_FINAL_TYPE (InjCardPicker, inj_card_picker, INJ, CARD_PICKER, GtkWidget)

void                inj_card_picker_set_session     (InjCardPicker *self,
                                                     InjSession *session);
void                inj_card_picker_set_hint        (InjCardPicker *self,
                                                     const char *hint);
void                inj_card_picker_set_avoid_reader (InjCardPicker *self,
                                                     const char *reader);
void                inj_card_picker_set_show_tries  (InjCardPicker *self,
                                                     gboolean show);
InjCard            *inj_card_picker_get_card        (InjCardPicker *self);
char              **inj_card_picker_get_readers     (InjCardPicker *self);
gboolean            inj_card_picker_select_reader   (InjCardPicker *self,
                                                     const char *reader);
const InjPinStatus *inj_card_picker_get_pin_status  (InjCardPicker *self);
const char         *inj_card_picker_get_tries_text  (InjCardPicker *self);
void                inj_card_picker_refresh_tries   (InjCardPicker *self);

G_END_DECLS
