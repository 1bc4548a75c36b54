/* inj-card-picker.h: which My Number card to use, live: the cards the
 * readers hold, named as cards (the reader below); with several, the
 * person is asked and nothing is chosen for them; and the signing
 * password's tries left, read without consuming one. */
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
void                inj_card_picker_set_question    (InjCardPicker *self,
                                                     const char *question);
gboolean            inj_card_picker_get_needs_choice (InjCardPicker *self);
void                inj_card_picker_set_remembered_reader (InjCardPicker *self,
                                                           const char *reader);
gboolean            inj_card_picker_get_chosen_by_person (InjCardPicker *self);
const char         *inj_card_picker_get_card_title  (InjCardPicker *self,
                                                     const char *reader);
InjCard            *inj_card_picker_get_card        (InjCardPicker *self);
char              **inj_card_picker_get_readers     (InjCardPicker *self);
gboolean            inj_card_picker_select_reader   (InjCardPicker *self,
                                                     const char *reader);
const InjPinStatus *inj_card_picker_get_pin_status  (InjCardPicker *self);
const char         *inj_card_picker_get_tries_text  (InjCardPicker *self);
void                inj_card_picker_refresh_tries   (InjCardPicker *self);

G_END_DECLS
