/* inj-certificate.c (GnuTLS for the X.509 parsing) */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "inj-certificate.h"
#include "inj-log.h"
#include "inj-date.h"

#define JPKI_SAN_OID_PREFIX "1.2.392.200149.8.5.5."

struct _InjCertificate {
  GObject parent_instance;
  GBytes *der;
  char *subject;
  char *issuer;
  char *serial;
  char *fingerprint;
  GDateTime *not_before;
  GDateTime *not_after;
  gboolean jpki;
  gboolean non_repudiation;
  gboolean rsa;
  guint key_bits;
  gboolean sha1;
  GStrv policies; /* certificatePolicies OIDs, never NULL */
  char *jpki_fields[INJ_N_JPKI_FIELDS];
};

G_DEFINE_QUARK (inj-certificate-error-quark, inj_certificate_error)
G_DEFINE_FINAL_TYPE (InjCertificate, inj_certificate, G_TYPE_OBJECT)

static void register_personal_data (InjCertificate *self);

static void
inj_certificate_finalize (GObject *object)
{
  InjCertificate *self = INJ_CERTIFICATE (object);

  g_clear_pointer (&self->der, g_bytes_unref);
  g_free (self->subject);
  g_free (self->issuer);
  g_free (self->serial);
  g_free (self->fingerprint);
  g_clear_pointer (&self->not_before, g_date_time_unref);
  g_clear_pointer (&self->not_after, g_date_time_unref);
  g_strfreev (self->policies);
  for (guint i = 0; i < INJ_N_JPKI_FIELDS; i++)
    g_free (self->jpki_fields[i]);
  G_OBJECT_CLASS (inj_certificate_parent_class)->finalize (object);
}

static void
inj_certificate_class_init (InjCertificateClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = inj_certificate_finalize;
}

static void
inj_certificate_init (InjCertificate *self)
{
}

static char *
hex (const guint8 *data,
     gsize len,
     const char *sep)
{
  GString *s = g_string_sized_new (len * 3);
  for (gsize i = 0; i < len; i++)
    g_string_append_printf (s, "%s%02X", i && sep ? sep : "", data[i]);
  return g_string_free (s, FALSE);
}

/* The value of a JPKI otherName is [0] EXPLICIT UTF8String; GnuTLS hands
 * back the DER after the OID, with or without the [0] wrapper. */
static char *
decode_utf8_value (const guint8 *der,
                   gsize len)
{
  gsize pos = 0, n;

  for (int round = 0; round < 2; round++)
    {
      guint8 tag;
      if (pos + 2 > len)
        return NULL;
      tag = der[pos];
      n = der[pos + 1];
      pos += 2;
      if (n & 0x80)
        {
          guint bytes = n & 0x7F;
          if (bytes == 0 || bytes > 2 || pos + bytes > len)
            return NULL;
          n = 0;
          for (guint b = 0; b < bytes; b++)
            n = (n << 8) | der[pos++];
        }
      if (pos + n > len)
        return NULL;
      if (tag == 0xA0)
        continue; /* [0] EXPLICIT: the UTF8String follows */
      if (tag != 0x0C || !g_utf8_validate ((const char *) der + pos, (gssize) n, NULL))
        return NULL;
      return g_strndup ((const char *) der + pos, n);
    }
  return NULL;
}

static gboolean
read_jpki_fields (InjCertificate *self,
                  gnutls_x509_crt_t crt,
                  GError **error)
{
  for (unsigned seq = 0;; seq++)
    {
      char oid[128];
      size_t oid_len = sizeof oid;
      guint8 value[2048];
      size_t value_len = sizeof value;
      int kind = gnutls_x509_crt_get_subject_alt_othername_oid (crt, seq, oid, &oid_len);
      guint64 index;
      char *text;

      if (kind == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
        break;
      if (kind < 0 || kind != GNUTLS_SAN_OTHERNAME ||
          !g_str_has_prefix (oid, JPKI_SAN_OID_PREFIX))
        continue;
      if (!g_ascii_string_to_unsigned (oid + strlen (JPKI_SAN_OID_PREFIX), 10, 1,
                                       INJ_N_JPKI_FIELDS, &index, NULL))
        continue;
      if (gnutls_x509_crt_get_subject_alt_name (crt, seq, value, &value_len, NULL) < 0 ||
          (text = decode_utf8_value (value, value_len)) == NULL)
        {
          g_set_error (error, INJ_CERTIFICATE_ERROR, INJ_CERTIFICATE_ERROR_JPKI_FIELD,
                       _("The certificate's field %s is not UTF-8 text."), oid);
          return FALSE;
        }
      g_free (self->jpki_fields[index - 1]);
      self->jpki_fields[index - 1] = text;
      self->jpki = TRUE;
    }
  return TRUE;
}

/* NULL when GnuTLS could not read the time ((time_t) -1) or GDateTime
 * cannot hold it: GnuTLS turns notAfter 99991231235960Z into a second past
 * 9999-12-31 23:59:59, which g_date_time_new_from_unix_utc() refuses. */
static GDateTime *
from_time_t (time_t t)
{
  if (t == (time_t) -1)
    return NULL;
  return g_date_time_new_from_unix_utc ((gint64) t);
}

/* A name as GnuTLS spells it (RFC 4514), shown and logged as UTF-8: a
 * UTF8String attribute holds whatever bytes its issuer put there, and
 * GnuTLS copies them as they are (tests/fuzz found a certificate whose
 * issuer broke the verification report). */
static char *
dn_text (const gnutls_datum_t *dn)
{
  g_autofree char *text = g_strndup ((const char *) dn->data, dn->size);

  return g_utf8_make_valid (text, -1);
}

InjCertificate *
inj_certificate_new_from_der (GBytes *der,
                              GError **error)
{
  g_autoptr(InjCertificate) self = NULL;
  gnutls_x509_crt_t crt = NULL;
  gnutls_datum_t datum, dn = { NULL, 0 };
  guint8 buf[64];
  size_t len = sizeof buf;
  int rc;

  g_return_val_if_fail (der != NULL, NULL);
  datum.data = (unsigned char *) g_bytes_get_data (der, NULL);
  datum.size = (unsigned) g_bytes_get_size (der);
  if (gnutls_x509_crt_init (&crt) < 0 ||
      (rc = gnutls_x509_crt_import (crt, &datum, GNUTLS_X509_FMT_DER)) < 0)
    {
      g_set_error_literal (error, INJ_CERTIFICATE_ERROR, INJ_CERTIFICATE_ERROR_PARSE,
                           _("This is not a certificate Ininjo can read (DER X.509)."));
      gnutls_x509_crt_deinit (crt);
      return NULL;
    }
  self = g_object_new (INJ_TYPE_CERTIFICATE, NULL);
  self->der = g_bytes_ref (der);
  if (gnutls_x509_crt_get_dn3 (crt, &dn, 0) >= 0)
    {
      self->subject = dn_text (&dn);
      gnutls_free (dn.data);
    }
  if (gnutls_x509_crt_get_issuer_dn3 (crt, &dn, 0) >= 0)
    {
      self->issuer = dn_text (&dn);
      gnutls_free (dn.data);
    }
  if (gnutls_x509_crt_get_serial (crt, buf, &len) >= 0)
    self->serial = hex (buf, len, NULL);
  len = sizeof buf;
  if (gnutls_x509_crt_get_fingerprint (crt, GNUTLS_DIG_SHA256, buf, &len) >= 0)
    self->fingerprint = hex (buf, len, ":");
  self->not_before = from_time_t (gnutls_x509_crt_get_activation_time (crt));
  self->not_after = from_time_t (gnutls_x509_crt_get_expiration_time (crt));
  if (self->not_before == NULL || self->not_after == NULL)
    {
      /* a validity that cannot be represented cannot be judged: malformed,
       * never "valid" by accident */
      g_set_error_literal (error, INJ_CERTIFICATE_ERROR, INJ_CERTIFICATE_ERROR_PARSE,
                           _("The certificate's validity period cannot be read: it is "
                             "malformed."));
      gnutls_x509_crt_deinit (crt);
      return NULL;
    }
  {
    unsigned usage = 0, bits = 0;
    int algo = gnutls_x509_crt_get_pk_algorithm (crt, &bits);
    int sig = gnutls_x509_crt_get_signature_algorithm (crt);
    if (gnutls_x509_crt_get_key_usage (crt, &usage, NULL) >= 0)
      self->non_repudiation = (usage & GNUTLS_KEY_NON_REPUDIATION) != 0;
    self->rsa = algo == GNUTLS_PK_RSA;
    self->key_bits = bits;
    self->sha1 = gnutls_sign_get_hash_algorithm (sig) == GNUTLS_DIG_SHA1;
  }
  {
    g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
    for (unsigned i = 0;; i++)
      {
        struct gnutls_x509_policy_st policy;
        if (gnutls_x509_crt_get_policy (crt, i, &policy, NULL) < 0)
          break;
        g_strv_builder_add (b, policy.oid);
        gnutls_x509_policy_release (&policy);
      }
    self->policies = g_strv_builder_end (b);
  }
  if (!read_jpki_fields (self, crt, error))
    {
      gnutls_x509_crt_deinit (crt);
      return NULL;
    }
  gnutls_x509_crt_deinit (crt);
  register_personal_data (self);
  return g_steal_pointer (&self);
}

/* The holder's personal data is known from now on: the log's redaction
 * removes it from every message. */
static void
register_personal_data (InjCertificate *self)
{
  int era, year, month, day;
  const char *birth = self->jpki_fields[INJ_JPKI_BIRTH_DATE];

  if (!self->jpki)
    return;
  inj_log_add_secret_text (self->jpki_fields[INJ_JPKI_NAME]);
  inj_log_add_secret_text (self->jpki_fields[INJ_JPKI_NAME_SUBSTITUTE]);
  inj_log_add_secret_text (self->jpki_fields[INJ_JPKI_ADDRESS]);
  inj_log_add_secret_text (self->jpki_fields[INJ_JPKI_ADDRESS_SUBSTITUTE]);
  inj_log_add_secret_text (birth);
  if (inj_jpki_birth_date_parse (birth, &era, &year, &month, &day) && month > 0 && day > 0)
    {
      GDate date;
      g_date_clear (&date, 1);
      g_date_set_dmy (&date, day, month, year);
      inj_log_add_secret_date (&date);
    }
}

GBytes *
inj_certificate_get_der (InjCertificate *self)
{
  return self->der;
}

const char *
inj_certificate_get_subject (InjCertificate *self)
{
  return self->subject;
}

const char *
inj_certificate_get_issuer (InjCertificate *self)
{
  return self->issuer;
}

const char *
inj_certificate_get_serial (InjCertificate *self)
{
  return self->serial;
}

const char *
inj_certificate_get_fingerprint (InjCertificate *self)
{
  return self->fingerprint;
}

GDateTime *
inj_certificate_get_not_before (InjCertificate *self)
{
  return self->not_before;
}

GDateTime *
inj_certificate_get_not_after (InjCertificate *self)
{
  return self->not_after;
}

/* Fails closed: no time to judge at, or no validity to judge, is
 * INJ_VALIDITY_UNKNOWN, never valid. notAfter is the last valid second. */
InjValidity
inj_certificate_get_validity_at (InjCertificate *self,
                                 GDateTime *when)
{
  g_return_val_if_fail (INJ_IS_CERTIFICATE (self), INJ_VALIDITY_UNKNOWN);

  if (when == NULL || self->not_before == NULL || self->not_after == NULL)
    return INJ_VALIDITY_UNKNOWN;
  if (g_date_time_compare (when, self->not_before) < 0)
    return INJ_VALIDITY_NOT_YET;
  if (g_date_time_compare (when, self->not_after) > 0)
    return INJ_VALIDITY_EXPIRED;
  return INJ_VALIDITY_VALID;
}

gboolean
inj_certificate_is_valid_at (InjCertificate *self,
                             GDateTime *when)
{
  return inj_certificate_get_validity_at (self, when) == INJ_VALIDITY_VALID;
}

gboolean
inj_certificate_has_jpki_fields (InjCertificate *self)
{
  return self->jpki;
}

const char *
inj_certificate_get_jpki_field (InjCertificate *self,
                                InjJpkiField field)
{
  g_return_val_if_fail (field < INJ_N_JPKI_FIELDS, NULL);
  return self->jpki_fields[field];
}

/* 否認防止: what a signature for a legal act needs (JPKI signing
 * certificates carry it). */
gboolean
inj_certificate_has_non_repudiation (InjCertificate *self)
{
  return self->non_repudiation;
}

guint
inj_certificate_get_key_bits (InjCertificate *self)
{
  return self->key_bits;
}

gboolean
inj_certificate_is_rsa (InjCertificate *self)
{
  return self->rsa;
}

gboolean
inj_certificate_signed_with_sha1 (InjCertificate *self)
{
  return self->sha1;
}

/* Whether certificatePolicies names @oid (JPKI's signing policy, or the
 * J-LIS test cards'). */
gboolean
inj_certificate_has_policy (InjCertificate *self,
                            const char *oid)
{
  return self->policies && g_strv_contains ((const char *const *) self->policies, oid);
}

const char *
inj_jpki_field_label (InjJpkiField field)
{
  switch (field)
    {
    case INJ_JPKI_NAME:
      return _("Name");
    case INJ_JPKI_NAME_SUBSTITUTE:
      return _("Name (substitute characters)");
    case INJ_JPKI_GENDER:
      return _("Gender");
    case INJ_JPKI_BIRTH_DATE:
      return _("Date of birth");
    case INJ_JPKI_ADDRESS:
      return _("Address");
    case INJ_JPKI_ADDRESS_SUBSTITUTE:
      return _("Address (substitute characters)");
    case INJ_N_JPKI_FIELDS:
    default:
      return "?";
    }
}

/* "419900102": the era digit (1 明治, 2 大正, 3 昭和, 4 平成, 5 令和; 0 when
 * the era is not recorded), then the Gregorian year, month and day. Month
 * and day may be missing or zero when the date of birth is only partly
 * known. The era digit is redundant with the Gregorian date, so era 0 is a
 * date like any other: it is shown with the era derived from the Gregorian
 * date, as every date in Ininjo is. */
gboolean
inj_jpki_birth_date_parse (const char *value,
                           int *era,
                           int *year,
                           int *month,
                           int *day)
{
  gsize len = value ? strlen (value) : 0;

  *era = *year = *month = *day = 0;
  if (len != 5 && len != 7 && len != 9)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (value[i]))
      return FALSE;
  *era = value[0] - '0';
  if (*era < 0 || *era > 5)
    return FALSE;
  *year = (value[1] - '0') * 1000 + (value[2] - '0') * 100 + (value[3] - '0') * 10 +
          (value[4] - '0');
  if (len >= 7)
    *month = (value[5] - '0') * 10 + (value[6] - '0');
  if (len == 9)
    *day = (value[7] - '0') * 10 + (value[8] - '0');
  if (*month > 12 || (*day > 0 && *month > 0 && !g_date_valid_dmy (*day, *month, *year)))
    return FALSE;
  return TRUE;
}

/* Shown in 和暦 and 西暦 like every date in Ininjo; a partial date shows
 * what is known. */
char *
inj_jpki_birth_date_display (const char *value)
{
  int era, year, month, day;

  if (!inj_jpki_birth_date_parse (value, &era, &year, &month, &day))
    return g_strdup (value);
  if (month > 0 && day > 0)
    {
      g_autofree char *iso = g_strdup_printf ("%04d-%02d-%02d", year, month, day);
      char *shown = inj_date_display (iso);
      return shown ? shown : g_strdup (iso);
    }
  if (month > 0)
    return g_strdup_printf ("%d年%d月", year, month);
  return g_strdup_printf ("%d年", year);
}

/* JPKI's codes: 1 male, 2 female, 3 unknown (as the 住民基本台帳 records). */
const char *
inj_jpki_gender_display (const char *value)
{
  if (g_strcmp0 (value, "1") == 0)
    return _("male");
  if (g_strcmp0 (value, "2") == 0)
    return _("female");
  if (g_strcmp0 (value, "3") == 0)
    return _("not recorded");
  return value;
}
