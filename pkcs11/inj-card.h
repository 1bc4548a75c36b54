/* inj-card.h: one My Number card in one reader: its two JPKI tokens and the
 * operations on them. Operations on a card run one at a time, in order, on
 * the card's own worker thread (the _async functions) or in the caller's
 * thread under the same lock (the plain ones, for the CLI and tests). */
#pragma once

#include <gio/gio.h>

#include "inj-pkcs11-error.h"
#include "inj-secret.h"
#include "inj-token.h"

G_BEGIN_DECLS

/* OpenSC's objects of the JPKI user authentication key and certificate
 * (tests/card/golden/), as pkcs11: URIs for GnuTLS through p11-kit: how
 * net/ reaches the card's key for mutual TLS without PKCS#11 calls. */
#define INJ_JPKI_AUTH_CERT_URI "pkcs11:token=JPKI%20(User%20Authentication%20PIN);id=%01;type=cert"
#define INJ_JPKI_AUTH_KEY_URI "pkcs11:token=JPKI%20(User%20Authentication%20PIN);id=%01;type=private"

typedef enum {
  INJ_CERT_AUTH,     /* 利用者証明用電子証明書: readable without a PIN */
  INJ_CERT_AUTH_CA,
  INJ_CERT_SIGN,     /* 署名用電子証明書: only after the signing password */
  INJ_CERT_SIGN_CA,
} InjCertKind;

typedef struct {
  InjPinKind pin;
  int tries_left;    /* -1 when unknown */
  int max_tries;
  gboolean exact;    /* read from the card; otherwise from the PKCS#11 flags */
  gboolean count_low;
  gboolean final_try;
  gboolean locked;
} InjPinStatus;

#define INJ_TYPE_PIN_STATUS (inj_pin_status_get_type ())
GType         inj_pin_status_get_type (void) G_GNUC_CONST;
InjPinStatus *inj_pin_status_copy     (const InjPinStatus *status);
void          inj_pin_status_free     (InjPinStatus *status);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (InjPinStatus, inj_pin_status_free)

#define INJ_TYPE_CARD (inj_card_get_type ())
G_DECLARE_FINAL_TYPE (InjCard, inj_card, INJ, CARD, GObject)

InjCard      *inj_card_new                    (const char *reader,
                                               InjToken *auth,
                                               InjToken *sign);
const char   *inj_card_get_reader             (InjCard *self);
InjToken     *inj_card_get_auth_token         (InjCard *self);
InjToken     *inj_card_get_sign_token         (InjCard *self);

InjPinStatus *inj_card_get_pin_status         (InjCard *self,
                                               InjPinKind pin,
                                               GCancellable *cancellable,
                                               GError **error);
GBytes       *inj_card_read_certificate       (InjCard *self,
                                               InjCertKind which,
                                               GTlsInteraction *interaction,
                                               GCancellable *cancellable,
                                               GError **error);
GBytes       *inj_card_sign_digest            (InjCard *self,
                                               InjPinKind key,
                                               GBytes *sha256,
                                               GTlsInteraction *interaction,
                                               GCancellable *cancellable,
                                               GError **error);

GBytes       *inj_card_sign_digest_with_certificate (InjCard *self,
                                               InjPinKind key,
                                               GBytes *sha256,
                                               GTlsInteraction *interaction,
                                               GBytes **certificate,
                                               GCancellable *cancellable,
                                               GError **error);

void          inj_card_get_pin_status_async   (InjCard *self,
                                               InjPinKind pin,
                                               GCancellable *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer user_data);
InjPinStatus *inj_card_get_pin_status_finish  (InjCard *self,
                                               GAsyncResult *result,
                                               GError **error);
void          inj_card_read_certificate_async (InjCard *self,
                                               InjCertKind which,
                                               GTlsInteraction *interaction,
                                               GCancellable *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer user_data);
GBytes       *inj_card_read_certificate_finish(InjCard *self,
                                               GAsyncResult *result,
                                               GError **error);
void          inj_card_sign_digest_async      (InjCard *self,
                                               InjPinKind key,
                                               GBytes *sha256,
                                               GTlsInteraction *interaction,
                                               GCancellable *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer user_data);
GBytes       *inj_card_sign_digest_finish     (InjCard *self,
                                               GAsyncResult *result,
                                               GError **error);

/* Changes @pin's value on the card: the tries left are read first (no try
 * used) and a locked PIN refuses to start; VERIFY of @current (one try if
 * wrong, never retried), CHANGE REFERENCE DATA 00 24 01 80 Lc <new>, then the
 * card is left unverified (inj_pcsc_end_verification). @current and @new_value
 * are checked with inj_pin_check_format (the signing password upper-cased
 * first, as for signing) before any byte reaches the card. The secrets are
 * not changed (the upper-casing works on copies).
 *
 * Errors (INJ_PKCS11_ERROR; compare with inj_pkcs11_error_is):
 *  - INJ_CKR_PIN_FORMAT: @current is not of the PIN's format (nothing sent);
 *  - CKR_PIN_INVALID: @new_value is not of the PIN's format (nothing sent);
 *  - CKR_PIN_LOCKED: the PIN is locked; no VERIFY was sent; the message has
 *    the 市区町村の窓口 guidance;
 *  - CKR_PIN_INCORRECT: @current is wrong; one try was used; the message
 *    says the tries left (0: now locked, with the guidance); nothing changed;
 *  - INJ_CKR_NO_SIGNING: @pin is the signing password of a card without
 *    signing certificate (nothing sent);
 *  - CKR_DEVICE_REMOVED / INJ_CKR_NO_CARD: the card went away;
 *  - INJ_CKR_STILL_VERIFIED: changed, but the card stays verified even
 *    after a reset (the message says to take the card out);
 *  - others (INJ_CKR_PCSC, CKR_DEVICE_ERROR, CKR_FUNCTION_CANCELED) as for
 *    the other operations.
 * Only the errors of ending the verified state come after the value was
 * changed: INJ_CKR_STILL_VERIFIED, or the card gone at that very moment. */
gboolean      inj_card_change_pin             (InjCard *self,
                                               InjPinKind pin,
                                               InjSecret *current,
                                               InjSecret *new_value,
                                               GCancellable *cancellable,
                                               GError **error);
void          inj_card_change_pin_async       (InjCard *self,
                                               InjPinKind pin,
                                               InjSecret *current,
                                               InjSecret *new_value,
                                               GCancellable *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer user_data);
gboolean      inj_card_change_pin_finish      (InjCard *self,
                                               GAsyncResult *result,
                                               GError **error);

gboolean      inj_pin_check_format            (InjPinKind pin,
                                               const char *value,
                                               gsize length);
/* The same rules for a value as typed (the signing password in any case). */
gboolean      inj_pin_check_typed             (InjPinKind pin,
                                               const char *value,
                                               gsize length);
void          inj_tls_password_set_secret     (GTlsPassword *password,
                                               const char *value,
                                               gssize length);

/* Which PIN a GTlsPassword given to an interaction asks for (the flags do
 * not say it: reading the signing certificate is a CKU_USER login too).
 * get is FALSE for a password that did not come from this layer. */
void          inj_tls_password_set_pin_kind   (GTlsPassword *password,
                                               InjPinKind pin);
gboolean      inj_tls_password_get_pin_kind   (GTlsPassword *password,
                                               InjPinKind *pin);
/* The tries left of that PIN when it is asked, as the card counted them
 * (no try used to find out); get answers -1 when unknown. */
void          inj_tls_password_set_tries_left (GTlsPassword *password,
                                               int tries_left);
int           inj_tls_password_get_tries_left (GTlsPassword *password);

G_END_DECLS
