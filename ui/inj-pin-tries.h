/* inj-pin-tries.h: the tries left of a card's PIN, read the one way every
 * page reads them (the card page, the sign page, the card picker, the
 * support survey): off the main thread, from the card's counters (an empty
 * VERIFY consumes no try), described for the person, with a warning when
 * a wrong entry would hurt. */
#pragma once

#include <gio/gio.h>

#include "inj-pkcs11.h"

G_BEGIN_DECLS

typedef struct {
  InjPinKind pin;
  InjPinStatus *status;   /* NULL when the counter could not be read */
  GError *error;          /* why not, when @status is NULL */
  char *text;             /* the tries left as said to the person, or why not */
  gboolean warn;          /* locked, the last try, few left, or unreadable */
} InjPinTries;

/* Never a try consumed to find out; the last one said loud. */
char        *inj_pin_status_describe  (const InjPinStatus *status);
/* The same without the PIN's name, for a place that names it already. */
char        *inj_pin_status_describe_count (const InjPinStatus *status);

/* The task's source object is @card, so that a callback can tell whether
 * the answer is still about the card it shows. */
void         inj_pin_tries_read_async  (InjCard *card,
                                        InjPinKind pin,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data);
/* NULL (and a G_IO_ERROR_CANCELLED error) only when cancelled: a counter
 * that cannot be read is an answer, with its error. */
InjPinTries *inj_pin_tries_read_finish (GAsyncResult *result,
                                        GError **error);
void         inj_pin_tries_free        (InjPinTries *tries);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (InjPinTries, inj_pin_tries_free)

G_END_DECLS
