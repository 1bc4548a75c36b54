/* vcard-profile.h: the persona a virtual My Number card is loaded with
 * (certificates, keys, PINs, ATR), read from a directory and validated. */
#pragma once

#include <glib.h>
#include <gnutls/gnutls.h>
#include <gnutls/abstract.h>
#include <gnutls/x509.h>

G_BEGIN_DECLS

#define VCARD_ERROR (vcard_error_quark ())

typedef enum {
  VCARD_ERROR_PROFILE,  /* the profile directory is unusable */
  VCARD_ERROR_USAGE,    /* a command-line value is out of range */
  VCARD_ERROR_VPCD,     /* vpcd could not be reached or went away */
} VcardError;

GQuark vcard_error_quark (void);

/* The two PINs of the JPKI AP, indexed as OpenSC's pin references minus
 * one: 0 is the user-authentication PIN (EF 0018, key EF 0017), 1 the
 * signing password (EF 001B, key EF 001A). */
typedef enum {
  VCARD_PIN_AUTH = 0,
  VCARD_PIN_SIGN = 1,
} VcardPin;

#define VCARD_N_PINS 2
#define VCARD_AUTH_MAX_TRIES 3
#define VCARD_SIGN_MAX_TRIES 5
#define VCARD_TOKEN_KIND_LEN 32   /* the kind, padded with spaces ... */
#define VCARD_TOKEN_INFO_LEN 160  /* ... at the start of EF 0006's record */
#define VCARD_CARD_INFO_LEN 3     /* EF 0008 */
#define VCARD_MAX_ATR_LEN 33

/* Certificates: EF 0001 0002 000A 000B. */
typedef enum {
  VCARD_CERT_SIGN = 0,
  VCARD_CERT_SIGN_CA,
  VCARD_CERT_AUTH,
  VCARD_CERT_AUTH_CA,
  VCARD_N_CERTS
} VcardCert;

/* A card issued to a child under 15 has no signing certificate and key:
 * the profile then has neither sign-cert.der nor sign-key.pem (and the
 * [sign-pin] group is optional). */
typedef struct {
  GBytes *atr;
  GBytes *token_kind;              /* EF 0006: 160 bytes, kind space-padded in the first 32 */
  GBytes *card_info;               /* EF 0008: 8F 8F 00, or 00 8F 00 without signing */
  gboolean has_sign;               /* signing certificate and key present */
  GBytes *certs[VCARD_N_CERTS];    /* DER; certs[VCARD_CERT_SIGN] NULL without signing */
  GBytes *cert_efs[VCARD_N_CERTS]; /* the EFs: DER followed by filler */
  char *pins[VCARD_N_PINS];        /* secret: never logged; pins[SIGN] may be NULL
                                    * on a card without signing */
  int tries[VCARD_N_PINS];         /* tries left at start */
  gnutls_privkey_t keys[VCARD_N_PINS];
} VcardProfile;

VcardProfile *vcard_profile_load      (const char *dir,
                                       GError **error);
void          vcard_profile_free      (VcardProfile *profile);
int           vcard_pin_max_tries     (VcardPin pin);
const char   *vcard_pin_name          (VcardPin pin);
gboolean      vcard_pin_is_valid      (VcardPin pin,
                                       const char *value);
GBytes       *vcard_parse_hex         (const char *text,
                                       GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VcardProfile, vcard_profile_free)

/* GnuTLS handles are pointer typedefs: g_auto() them, not g_autoptr(). */
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_privkey_t, gnutls_privkey_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_pubkey_t, gnutls_pubkey_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_crt_t, gnutls_x509_crt_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_privkey_t, gnutls_x509_privkey_deinit, NULL)

static inline void
vcard_datum_clear (gnutls_datum_t *datum)
{
  gnutls_free (datum->data);
  datum->data = NULL;
  datum->size = 0;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (gnutls_datum_t, vcard_datum_clear)

G_END_DECLS
