/* inj-pkcs11-error.h: one error domain for the card layer. The code is the
 * CK_RV, or one of ours (in the vendor range) for what PKCS#11 cannot say. */
#pragma once

#include <glib.h>
#include <p11-kit/pkcs11.h>

G_BEGIN_DECLS

#define INJ_PKCS11_ERROR (inj_pkcs11_error_quark ())
GQuark inj_pkcs11_error_quark (void);

#define INJ_CKR_NO_READER        (CKR_VENDOR_DEFINED | 0x494E0001UL)
#define INJ_CKR_NO_CARD          (CKR_VENDOR_DEFINED | 0x494E0002UL)
#define INJ_CKR_NOT_MY_NUMBER    (CKR_VENDOR_DEFINED | 0x494E0003UL)
#define INJ_CKR_PIN_FORMAT       (CKR_VENDOR_DEFINED | 0x494E0004UL)
#define INJ_CKR_MODULE           (CKR_VENDOR_DEFINED | 0x494E0005UL)
#define INJ_CKR_PCSC             (CKR_VENDOR_DEFINED | 0x494E0006UL)
#define INJ_CKR_NO_OBJECT        (CKR_VENDOR_DEFINED | 0x494E0007UL)
#define INJ_CKR_NO_SIGNING       (CKR_VENDOR_DEFINED | 0x494E0008UL)
#define INJ_CKR_STILL_VERIFIED   (CKR_VENDOR_DEFINED | 0x494E0009UL)
#define INJ_CKR_SEVERAL_CARDS    (CKR_VENDOR_DEFINED | 0x494E000AUL)

typedef enum {
  INJ_PIN_AUTH, /* 利用者証明用電子証明書の暗証番号: 4 digits, 3 tries */
  INJ_PIN_SIGN, /* 署名用電子証明書のパスワード: 6–16 of A–Z0–9, 5 tries */
} InjPinKind;

/* The error's code is a CK_RV (gck's convention), so it is a gulong inside
 * a gint: compare with inj_pkcs11_error_rv(). */
void      inj_pkcs11_set_error      (GError **error,
                                     CK_RV rv,
                                     InjPinKind pin,
                                     int tries_left);
CK_RV     inj_pkcs11_error_rv       (const GError *error);
gboolean  inj_pkcs11_error_is       (const GError *error,
                                     CK_RV rv);
const char *inj_pkcs11_rv_name      (CK_RV rv);

G_END_DECLS
