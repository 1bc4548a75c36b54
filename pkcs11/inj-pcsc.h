/* inj-pcsc.h: what PKCS#11 cannot give, through PC/SC directly: readers
 * without cards, the ATR, the exact tries left of a PIN without consuming
 * one, the token kind (EF 0006), and ending the card's verified state. Only
 * the JPKI application is ever selected. */
#pragma once

#include <glib.h>

#include "inj-pkcs11-error.h"

G_BEGIN_DECLS

typedef struct {
  char *name;
  gboolean card_present;
  GBytes *atr; /* NULL without a card */
} InjReaderInfo;

void       inj_reader_info_free        (InjReaderInfo *info);
GPtrArray *inj_pcsc_list_readers       (GError **error);
gboolean   inj_pcsc_pin_tries          (const char *reader,
                                        InjPinKind pin,
                                        int *tries_left,
                                        GError **error);
gboolean   inj_pcsc_end_verification   (const char *reader,
                                        GError **error);
char      *inj_pcsc_read_token_kind    (const char *reader,
                                        GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (InjReaderInfo, inj_reader_info_free)

G_END_DECLS
