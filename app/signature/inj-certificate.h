/* inj-certificate.h: an X.509 certificate as Ininjo needs to see it, with
 * the personal data of a JPKI signing certificate (its SubjectAltName). */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* 1.2.392.200149.8.5.5.{1..6} */
typedef enum {
  INJ_JPKI_NAME = 0,           /* 氏名 */
  INJ_JPKI_NAME_SUBSTITUTE,    /* 氏名代替文字 */
  INJ_JPKI_GENDER,             /* 性別 */
  INJ_JPKI_BIRTH_DATE,         /* 生年月日: era digit + YYYYMMDD */
  INJ_JPKI_ADDRESS,            /* 住所 */
  INJ_JPKI_ADDRESS_SUBSTITUTE, /* 住所代替文字 */
  INJ_N_JPKI_FIELDS
} InjJpkiField;

#define INJ_CERTIFICATE_ERROR (inj_certificate_error_quark ())
typedef enum {
  INJ_CERTIFICATE_ERROR_PARSE,
  INJ_CERTIFICATE_ERROR_JPKI_FIELD,
} InjCertificateError;
GQuark inj_certificate_error_quark (void);

/* A certificate's validity at a time. The zero value is "unknown", which
 * is never valid: every judgement of a validity period goes through
 * inj_certificate_get_validity_at() and so fails closed. */
typedef enum {
  INJ_VALIDITY_UNKNOWN = 0, /* no time to judge at, or no period to judge */
  INJ_VALIDITY_NOT_YET,
  INJ_VALIDITY_VALID,
  INJ_VALIDITY_EXPIRED,
} InjValidity;

#define INJ_TYPE_CERTIFICATE (inj_certificate_get_type ())
G_DECLARE_FINAL_TYPE (InjCertificate, inj_certificate, INJ, CERTIFICATE, GObject)

InjCertificate *inj_certificate_new_from_der     (GBytes *der,
                                                  GError **error);
GBytes         *inj_certificate_get_der          (InjCertificate *self);
const char     *inj_certificate_get_subject      (InjCertificate *self);
const char     *inj_certificate_get_issuer       (InjCertificate *self);
const char     *inj_certificate_get_serial       (InjCertificate *self);
const char     *inj_certificate_get_fingerprint  (InjCertificate *self);
GDateTime      *inj_certificate_get_not_before   (InjCertificate *self);
GDateTime      *inj_certificate_get_not_after    (InjCertificate *self);
InjValidity     inj_certificate_get_validity_at  (InjCertificate *self,
                                                  GDateTime *when);
gboolean        inj_certificate_is_valid_at      (InjCertificate *self,
                                                  GDateTime *when);
gboolean        inj_certificate_has_jpki_fields  (InjCertificate *self);
gboolean        inj_certificate_has_non_repudiation (InjCertificate *self);
guint           inj_certificate_get_key_bits     (InjCertificate *self);
gboolean        inj_certificate_is_rsa           (InjCertificate *self);
gboolean        inj_certificate_signed_with_sha1 (InjCertificate *self);
gboolean        inj_certificate_has_policy       (InjCertificate *self,
                                                  const char *oid);

/* certificatePolicies of JPKI signing certificates, and of J-LIS's test
 * cards (jpki-card.md) */
#define INJ_JPKI_POLICY_SIGNING           "1.2.392.200149.8.5.1.1.20"
#define INJ_JPKI_POLICY_AUTHENTICATION    "1.2.392.200149.8.5.1.3.30"
#define INJ_JPKI_POLICY_TEST_CARD_SIGNING "1.2.392.200149.8.5.1.0.20"
const char     *inj_certificate_get_jpki_field   (InjCertificate *self,
                                                  InjJpkiField field);
const char     *inj_jpki_field_label             (InjJpkiField field);

gboolean        inj_jpki_birth_date_parse        (const char *value,
                                                  int *era,
                                                  int *year,
                                                  int *month,
                                                  int *day);
char           *inj_jpki_birth_date_display      (const char *value);
const char     *inj_jpki_gender_display          (const char *value);

G_END_DECLS
