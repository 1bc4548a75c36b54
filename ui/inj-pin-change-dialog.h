/* inj-pin-change-dialog.h: changing the card's signing password or its
 * authentication PIN. The tries left are shown before anything is asked;
 * the new value is asked twice and checked against the card's rules as it
 * is typed; the card is asked once, and a wrong current value is never
 * tried again by itself. */
#pragma once

#include <adwaita.h>

#include "inj-pkcs11.h"

G_BEGIN_DECLS

typedef enum {
  INJ_PIN_CHANGE_CHECKING = 0, /* reading the tries left */
  INJ_PIN_CHANGE_FORM,         /* asking the current and the new value */
  INJ_PIN_CHANGE_WORKING,      /* the card is changing it: not closable */
  INJ_PIN_CHANGE_LOCKED,       /* locked: the guidance, no entries */
  INJ_PIN_CHANGE_FAILED,       /* no card, or its tries could not be read */
  INJ_PIN_CHANGE_CHANGED_UNLOCKED, /* changed, but the card stayed unlocked:
                                    * what to do, and "changed" emitted */
  INJ_PIN_CHANGE_DONE,         /* changed: the dialog closes */
} InjPinChangeState;

typedef enum {
  INJ_PIN_CHANGE_ENTRY_CURRENT,
  INJ_PIN_CHANGE_ENTRY_NEW,
  INJ_PIN_CHANGE_ENTRY_AGAIN,
} InjPinChangeEntry;

#define INJ_TYPE_PIN_CHANGE_DIALOG (inj_pin_change_dialog_get_type ())
G_DECLARE_FINAL_TYPE (InjPinChangeDialog, inj_pin_change_dialog, INJ, PIN_CHANGE_DIALOG, GtkWindow)

/* Modal to @parent (may be NULL); @card NULL says there is no card. The
 * "changed" signal is emitted once the card has taken the new value,
 * just before the dialog closes itself. */
GtkWidget         *inj_pin_change_dialog_new         (GtkWindow *parent,
                                                      InjCard *card,
                                                      InjPinKind pin);
InjPinKind         inj_pin_change_dialog_get_pin     (InjPinChangeDialog *self);
InjPinChangeState  inj_pin_change_dialog_get_state   (InjPinChangeDialog *self);
/* The tries left as last read from the card, or NULL. */
const InjPinStatus *inj_pin_change_dialog_get_status (InjPinChangeDialog *self);

/* The words shown: the tries left, the live check of the new value ("" when
 * none), what went wrong ("" when nothing did), the locked or failed
 * page's title and description. */
const char *inj_pin_change_dialog_get_tries_text  (InjPinChangeDialog *self);
const char *inj_pin_change_dialog_get_check_text  (InjPinChangeDialog *self);
const char *inj_pin_change_dialog_get_problem     (InjPinChangeDialog *self);
const char *inj_pin_change_dialog_get_stopped_title       (InjPinChangeDialog *self);
const char *inj_pin_change_dialog_get_stopped_description (InjPinChangeDialog *self);

/* For tests: the entries and the 変更 button. */
GtkEditable *inj_pin_change_dialog_get_entry         (InjPinChangeDialog *self,
                                                      InjPinChangeEntry which);
GtkWidget   *inj_pin_change_dialog_get_change_button (InjPinChangeDialog *self);

/* What the toast says once @pin was changed. */
const char  *inj_pin_change_done_text (InjPinKind pin);

G_END_DECLS
