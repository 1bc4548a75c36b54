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
/* The readers holding a card whose JPKI application selects, whether
 * OpenSC shows it or not (a locked PIN can hide a card from PKCS#11): a
 * SELECT of the application only, no PIN, no try. */
GPtrArray *inj_pcsc_list_jpki_readers  (GError **error);
/* With no @reader named, at most one reader may hold a My Number card:
 * two cards are two people's keys, never "whichever comes first"
 * (INJ_CKR_SEVERAL_CARDS). A named reader always passes. */
gboolean   inj_pcsc_check_one_card     (const char *reader,
                                        GError **error);
gboolean   inj_pcsc_pin_tries          (const char *reader,
                                        InjPinKind pin,
                                        int *tries_left,
                                        GError **error);
/* Ends the card's verified state and checks that it ended (see
 * inj-pcsc.c); fails, loudly, if the card stays verified even after a reset.
 * The _signing_ form is for operations that verified only the signing
 * password (it can skip the reset when the re-selection is seen to work). */
gboolean   inj_pcsc_end_verification   (const char *reader,
                                        GError **error);
gboolean   inj_pcsc_end_signing_verification (const char *reader,
                                        GError **error);
/* Changes @pin's value within one transaction (nothing else reaches the
 * card meanwhile): selects the PIN's EF, reads its tries with an empty
 * VERIFY (a locked PIN: CKR_PIN_LOCKED, nothing more sent), VERIFY of
 * @current (wrong: CKR_PIN_INCORRECT with the tries left; never retried),
 * CHANGE REFERENCE DATA 00 24 01 80 Lc @new_value, then ends the card's
 * verified state as inj_pcsc_end_verification does. The values are not
 * checked here (inj_card_change_pin does) but are 1 to 16 bytes. */
gboolean   inj_pcsc_change_pin         (const char *reader,
                                        InjPinKind pin,
                                        const char *current,
                                        gsize current_len,
                                        const char *new_value,
                                        gsize new_len,
                                        GError **error);
char      *inj_pcsc_read_token_kind    (const char *reader,
                                        GError **error);

/* What the card says without a PIN, for when PKCS#11 says little or nothing
 * (OpenSC 0.23 shows no JPKI token when an empty VERIFY is not answered
 * 63 Cx, e.g. 69 84 from a locked card, or when EF 001B is missing). */
typedef struct {
  gboolean jpki;             /* the JPKI application selects */
  char *kind;                /* EF 0006, trimmed; NULL if unreadable */
  gboolean has_card_info;
  guint8 card_info[3];       /* EF 0008: 8F 8F 00, 00 8F 00 without signing (unconfirmed) */
  gboolean sign_cert;        /* EF 0001 exists */
  gboolean pin_present[2];   /* by InjPinKind: EF 0018, EF 001B */
  int tries[2];              /* -1 unknown; 0 locked (63 C0, 69 83 or 69 84) */
  guint16 query_sw[2];       /* the empty VERIFY's answer, 0 if not asked */
} InjCardProbe;

gboolean   inj_pcsc_probe_card          (const char *reader,
                                         InjCardProbe *probe,
                                         GError **error);
void       inj_card_probe_clear         (InjCardProbe *probe);
gboolean   inj_card_probe_locked        (const InjCardProbe *probe,
                                         InjPinKind pin);
gboolean   inj_card_probe_without_signing (const InjCardProbe *probe);

/* No My Number card through PKCS#11 for an operation with @pin (in
 * @reader, or any when NULL): sets CKR_PIN_LOCKED for a JPKI card whose
 * @pin is locked, INJ_CKR_NO_SIGNING for one without signing when @pin is
 * the signing password, else INJ_CKR_NO_CARD. */
void       inj_pcsc_explain_missing_card (const char *reader,
                                          InjPinKind pin,
                                          GError **error);

/* FALSE with INJ_CKR_NO_SIGNING when the card in @reader has no signing
 * certificate; TRUE otherwise, also when it cannot be asked. */
gboolean   inj_pcsc_check_signing       (const char *reader,
                                         GError **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (InjCardProbe, inj_card_probe_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (InjReaderInfo, inj_reader_info_free)

G_END_DECLS
