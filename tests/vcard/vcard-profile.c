/* vcard-profile.c: load and validate a virtual card's profile directory.
 *
 * Everything OpenSC's jpki driver relies on is checked here, once, so that
 * a broken persona fails at start with a message naming the file instead of
 * as a puzzling PKCS#11 error much later. */
#include "config.h"

#include <string.h>

#include "vcard-profile.h"

G_DEFINE_QUARK (ininjo-vcard-error-quark, vcard_error)

#define DEFAULT_ATR "3BE000FF8131FE4514"
#define DEFAULT_TOKEN_KIND "JPKIAPICCTOKEN2"
#define KEY_BITS 2048
/* READ BINARY carries a 15-bit offset (OpenSC masks P1 with 0x7F). */
#define MAX_EF_SIZE 0x8000
/* Size of a certificate EF (DER + filler) unless the DER needs more. */
#define CERT_EF_SIZE 2048

static const char *const cert_files[VCARD_N_CERTS] = {
  "sign-cert.der", "sign-ca.der", "auth-cert.der", "auth-ca.der",
};
static const char *const key_files[VCARD_N_PINS] = {
  "auth-key.pem", "sign-key.pem",
};
static const char *const pin_groups[VCARD_N_PINS] = {
  "auth-pin", "sign-pin",
};

int
vcard_pin_max_tries (VcardPin pin)
{
  return pin == VCARD_PIN_AUTH ? VCARD_AUTH_MAX_TRIES : VCARD_SIGN_MAX_TRIES;
}

const char *
vcard_pin_name (VcardPin pin)
{
  return pin == VCARD_PIN_AUTH ? "auth" : "sign";
}

/* The rules of the real card: the authentication PIN is 4 digits, the
 * signing password 6 to 16 of A–Z and 0–9 (upper case only). */
gboolean
vcard_pin_is_valid (VcardPin pin,
                    const char *value)
{
  gsize len;

  if (value == NULL)
    return FALSE;
  len = strlen (value);
  if (pin == VCARD_PIN_AUTH)
    {
      if (len != 4)
        return FALSE;
      for (gsize i = 0; i < len; i++)
        if (!g_ascii_isdigit (value[i]))
          return FALSE;
      return TRUE;
    }
  if (len < 6 || len > 16)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (value[i]) && !(value[i] >= 'A' && value[i] <= 'Z'))
      return FALSE;
  return TRUE;
}

/* Hex with optional spaces or colons between bytes, as ATRs are often
 * written ("3B:E0:00…" from opensc-tool, "3B E0 00…" from pcsc_scan). */
GBytes *
vcard_parse_hex (const char *text,
                 GError **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  const char *p = text;

  while (*p)
    {
      guint8 b;

      if (*p == ' ' || *p == ':')
        {
          p++;
          continue;
        }
      if (!g_ascii_isxdigit (p[0]) || !g_ascii_isxdigit (p[1]))
        {
          g_set_error (error, VCARD_ERROR, VCARD_ERROR_PROFILE,
                       "“%s” is not hexadecimal bytes", text);
          return NULL;
        }
      b = (guint8) (g_ascii_xdigit_value (p[0]) << 4 | g_ascii_xdigit_value (p[1]));
      g_byte_array_append (out, &b, 1);
      p += 2;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

void
vcard_profile_free (VcardProfile *profile)
{
  if (profile == NULL)
    return;
  g_clear_pointer (&profile->atr, g_bytes_unref);
  g_clear_pointer (&profile->token_kind, g_bytes_unref);
  g_clear_pointer (&profile->card_info, g_bytes_unref);
  for (int i = 0; i < VCARD_N_CERTS; i++)
    {
      g_clear_pointer (&profile->certs[i], g_bytes_unref);
      g_clear_pointer (&profile->cert_efs[i], g_bytes_unref);
    }
  for (int i = 0; i < VCARD_N_PINS; i++)
    {
      if (profile->pins[i])
        explicit_bzero (profile->pins[i], strlen (profile->pins[i]));
      g_clear_pointer (&profile->pins[i], g_free);
      g_clear_pointer (&profile->keys[i], gnutls_privkey_deinit);
    }
  g_free (profile);
}

/* GKeyFile has no trailing comments, but profiles are hand-written too and
 * “pin = 1234   # 4 digits” is an easy mistake that would otherwise become
 * a confusing “PIN invalid”. None of the values may contain “ #”. */
static char *
get_value (GKeyFile *kf,
           const char *group,
           const char *key)
{
  g_autofree char *raw = g_key_file_get_value (kf, group, key, NULL);
  char *hash;

  if (raw == NULL)
    return NULL;
  for (hash = strchr (raw, '#'); hash; hash = strchr (hash + 1, '#'))
    if (hash > raw && g_ascii_isspace (hash[-1]))
      {
        *hash = '\0';
        break;
      }
  return g_strdup (g_strstrip (raw));
}

/* Typos in known groups are refused; other groups are left alone so that
 * persona generators may keep their own notes in profile.ini. */
static gboolean
check_keys (GKeyFile *kf,
            const char *dir,
            const char *group,
            const char *const *allowed,
            GError **error)
{
  g_auto(GStrv) keys = NULL;

  if (!g_key_file_has_group (kf, group))
    return TRUE;
  keys = g_key_file_get_keys (kf, group, NULL, NULL);
  for (char **k = keys; k && *k; k++)
    if (!g_strv_contains (allowed, *k))
      {
        g_set_error (error, VCARD_ERROR, VCARD_ERROR_PROFILE,
                     "%s/profile.ini: unknown key “%s” in [%s]", dir, *k, group);
        return FALSE;
      }
  return TRUE;
}

static GBytes *
read_file (const char *dir,
           const char *name,
           GError **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) local = NULL;
  char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, &local))
    {
      g_set_error (error, VCARD_ERROR, VCARD_ERROR_PROFILE,
                   "profile %s: cannot read %s: %s", dir, name, local->message);
      return NULL;
    }
  return g_bytes_new_take (data, len);
}

/* The public key as (n, e), to compare a certificate with a private key
 * without depending on how either was encoded. */
static gboolean
rsa_public_equal (gnutls_pubkey_t a,
                  gnutls_pubkey_t b)
{
  g_auto(gnutls_datum_t) an = { NULL, 0 };
  g_auto(gnutls_datum_t) ae = { NULL, 0 };
  g_auto(gnutls_datum_t) bn = { NULL, 0 };
  g_auto(gnutls_datum_t) be = { NULL, 0 };

  if (gnutls_pubkey_export_rsa_raw2 (a, &an, &ae, 0) < 0 ||
      gnutls_pubkey_export_rsa_raw2 (b, &bn, &be, 0) < 0)
    return FALSE;
  return an.size == bn.size && ae.size == be.size &&
         memcmp (an.data, bn.data, an.size) == 0 &&
         memcmp (ae.data, be.data, ae.size) == 0;
}

/* A real card's certificate EF has a fixed size larger than the DER it
 * holds; what follows the DER is filler (its value is not documented:
 * zeros here). At least one filler byte, so that a reader that trusts the
 * EF's end instead of the DER's length is caught. */
static GBytes *
cert_ef (GBytes *der)
{
  gsize len = g_bytes_get_size (der);
  gsize size = MAX ((gsize) CERT_EF_SIZE, (len + 256) / 256 * 256);
  guint8 *ef = g_malloc0 (size);

  memcpy (ef, g_bytes_get_data (der, NULL), len);
  return g_bytes_new_take (ef, size);
}

static gboolean
load_cert (VcardProfile *profile,
           const char *dir,
           VcardCert which,
           GError **error)
{
  const char *name = cert_files[which];
  g_autoptr(GBytes) der = read_file (dir, name, error);
  g_auto(gnutls_x509_crt_t) crt = NULL;
  const guint8 *d;
  gsize len;
  gnutls_datum_t datum;
  int ret;

  if (der == NULL)
    return FALSE;
  d = g_bytes_get_data (der, &len);
  /* OpenSC sizes the EF from its first four bytes as 30 82 LL LL, so a
   * certificate must use the two-byte length form and have no trailing
   * bytes, or the driver reads a wrong length. */
  if (len < 4 || d[0] != 0x30 || d[1] != 0x82 || (gsize) ((d[2] << 8 | d[3]) + 4) != len)
    {
      g_set_error (error, VCARD_ERROR, VCARD_ERROR_PROFILE,
                   "profile %s: %s is not a single DER certificate starting 30 82 LL LL "
                   "(OpenSC's jpki driver needs that form)", dir, name);
      return FALSE;
    }
  if (len > MAX_EF_SIZE - 256)
    {
      g_set_error (error, VCARD_ERROR, VCARD_ERROR_PROFILE,
                   "profile %s: %s has %" G_GSIZE_FORMAT " bytes, more than a 15-bit "
                   "READ BINARY offset reaches", dir, name, len);
      return FALSE;
    }
  if (gnutls_x509_crt_init (&crt) < 0)
    g_error ("out of memory");
  datum.data = (unsigned char *) d;
  datum.size = (unsigned int) len;
  ret = gnutls_x509_crt_import (crt, &datum, GNUTLS_X509_FMT_DER);
  if (ret < 0)
    {
      g_set_error (error, VCARD_ERROR, VCARD_ERROR_PROFILE,
                   "profile %s: %s is not a DER X.509 certificate: %s",
                   dir, name, gnutls_strerror (ret));
      return FALSE;
    }
  profile->cert_efs[which] = cert_ef (der);
  profile->certs[which] = g_steal_pointer (&der);
  return TRUE;
}

static gboolean
load_key (VcardProfile *profile,
          const char *dir,
          VcardPin pin,
          VcardCert cert,
          GError **error)
{
  const char *name = key_files[pin];
  g_autoptr(GBytes) pem = read_file (dir, name, error);
  g_auto(gnutls_privkey_t) key = NULL;
  g_auto(gnutls_pubkey_t) key_pub = NULL;
  g_auto(gnutls_pubkey_t) cert_pub = NULL;
  g_auto(gnutls_x509_crt_t) crt = NULL;
  gnutls_datum_t datum;
  gsize len;
  unsigned int bits = 0;
  int ret;

  if (pem == NULL)
    return FALSE;
  datum.data = (unsigned char *) g_bytes_get_data (pem, &len);
  datum.size = (unsigned int) len;
  if (gnutls_privkey_init (&key) < 0)
    g_error ("out of memory");
  /* Takes PKCS#8 and PKCS#1 PEM alike. */
  ret = gnutls_privkey_import_x509_raw (key, &datum, GNUTLS_X509_FMT_PEM, NULL, 0);
  if (ret < 0)
    {
      g_set_error (error, VCARD_ERROR, VCARD_ERROR_PROFILE,
                   "profile %s: %s is not an unencrypted PEM private key: %s",
                   dir, name, gnutls_strerror (ret));
      return FALSE;
    }
  if (gnutls_privkey_get_pk_algorithm (key, &bits) != GNUTLS_PK_RSA || bits != KEY_BITS)
    {
      g_set_error (error, VCARD_ERROR, VCARD_ERROR_PROFILE,
                   "profile %s: %s must be an RSA-2048 key (the card has no other)",
                   dir, name);
      return FALSE;
    }

  datum.data = (unsigned char *) g_bytes_get_data (profile->certs[cert], &len);
  datum.size = (unsigned int) len;
  if (gnutls_pubkey_init (&key_pub) < 0 || gnutls_pubkey_init (&cert_pub) < 0 ||
      gnutls_x509_crt_init (&crt) < 0)
    g_error ("out of memory");
  if (gnutls_x509_crt_import (crt, &datum, GNUTLS_X509_FMT_DER) < 0 ||
      gnutls_pubkey_import_x509 (cert_pub, crt, 0) < 0 ||
      gnutls_pubkey_import_privkey (key_pub, key, 0, 0) < 0 ||
      !rsa_public_equal (key_pub, cert_pub))
    {
      g_set_error (error, VCARD_ERROR, VCARD_ERROR_PROFILE,
                   "profile %s: the key in %s does not match the public key of %s",
                   dir, name, cert_files[cert]);
      return FALSE;
    }
  profile->keys[pin] = g_steal_pointer (&key);
  return TRUE;
}

static gboolean
load_pin (VcardProfile *profile,
          GKeyFile *kf,
          const char *dir,
          VcardPin pin,
          gboolean optional,
          GError **error)
{
  const char *group = pin_groups[pin];
  g_autofree char *value = get_value (kf, group, "pin");
  g_autofree char *tries = get_value (kf, group, "tries");
  int max = vcard_pin_max_tries (pin);

  /* Optional (no signing on the card) and absent: a VERIFY with data never
   * matches. */
  if (!(optional && value == NULL) && !vcard_pin_is_valid (pin, value))
    {
      /* The value itself is not repeated: it is a secret, even a test one. */
      g_set_error (error, VCARD_ERROR, VCARD_ERROR_PROFILE,
                   "profile %s: [%s] pin is missing or invalid (%s)", dir, group,
                   pin == VCARD_PIN_AUTH ? "4 digits"
                                         : "6 to 16 characters of A–Z and 0–9");
      if (value)
        explicit_bzero (value, strlen (value));
      return FALSE;
    }
  profile->pins[pin] = g_steal_pointer (&value);
  profile->tries[pin] = max;
  if (tries)
    {
      guint64 n;

      if (!g_ascii_string_to_unsigned (tries, 10, 0, (guint64) max, &n, NULL))
        {
          g_set_error (error, VCARD_ERROR, VCARD_ERROR_PROFILE,
                       "profile %s: [%s] tries must be 0 to %d, not “%s”",
                       dir, group, max, tries);
          return FALSE;
        }
      profile->tries[pin] = (int) n;
    }
  return TRUE;
}

VcardProfile *
vcard_profile_load (const char *dir,
                    GError **error)
{
  static const char *const card_keys[] = { "atr", "token-kind", NULL };
  static const char *const pin_keys[] = { "pin", "tries", NULL };
  g_autoptr(VcardProfile) profile = g_new0 (VcardProfile, 1);
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) local = NULL;
  g_autofree char *ini = g_build_filename (dir, "profile.ini", NULL);
  g_autofree char *atr = NULL;
  g_autofree char *kind = NULL;
  guint8 kind_buf[VCARD_TOKEN_INFO_LEN] = { 0 };
  g_autofree char *sign_cert = g_build_filename (dir, cert_files[VCARD_CERT_SIGN], NULL);
  g_autofree char *sign_key = g_build_filename (dir, key_files[VCARD_PIN_SIGN], NULL);
  gsize atr_len;

  if (!g_key_file_load_from_file (kf, ini, G_KEY_FILE_NONE, &local))
    {
      g_set_error (error, VCARD_ERROR, VCARD_ERROR_PROFILE,
                   "profile %s: cannot load profile.ini: %s", dir, local->message);
      return NULL;
    }
  if (!check_keys (kf, dir, "card", card_keys, error) ||
      !check_keys (kf, dir, "auth-pin", pin_keys, error) ||
      !check_keys (kf, dir, "sign-pin", pin_keys, error))
    return NULL;

  atr = get_value (kf, "card", "atr");
  profile->atr = vcard_parse_hex (atr ? atr : DEFAULT_ATR, &local);
  if (profile->atr == NULL)
    {
      g_set_error (error, VCARD_ERROR, VCARD_ERROR_PROFILE,
                   "profile %s: [card] atr: %s", dir, local->message);
      return NULL;
    }
  atr_len = g_bytes_get_size (profile->atr);
  if (atr_len < 2 || atr_len > VCARD_MAX_ATR_LEN ||
      (((const guint8 *) g_bytes_get_data (profile->atr, NULL))[0] != 0x3B &&
       ((const guint8 *) g_bytes_get_data (profile->atr, NULL))[0] != 0x3F))
    {
      g_set_error (error, VCARD_ERROR, VCARD_ERROR_PROFILE,
                   "profile %s: [card] atr must be 2 to 33 bytes starting 3B or 3F", dir);
      return NULL;
    }

  kind = get_value (kf, "card", "token-kind");
  if (kind == NULL)
    kind = g_strdup (DEFAULT_TOKEN_KIND);
  if (*kind == '\0' || strlen (kind) > VCARD_TOKEN_KIND_LEN)
    {
      g_set_error (error, VCARD_ERROR, VCARD_ERROR_PROFILE,
                   "profile %s: [card] token-kind must be 1 to 32 ASCII characters", dir);
      return NULL;
    }
  for (const char *c = kind; *c; c++)
    if (!g_ascii_isprint (*c))
      {
        g_set_error (error, VCARD_ERROR, VCARD_ERROR_PROFILE,
                     "profile %s: [card] token-kind must be printable ASCII", dir);
        return NULL;
      }
  /* As PKCS#11 CK_TOKEN_INFO text fields: padded with spaces. The rest of
   * the 160-byte record is not documented: zeros. */
  memset (kind_buf, ' ', VCARD_TOKEN_KIND_LEN);
  memcpy (kind_buf, kind, strlen (kind));
  profile->token_kind = g_bytes_new (kind_buf, sizeof kind_buf);

  profile->has_sign = g_file_test (sign_cert, G_FILE_TEST_EXISTS);
  if (profile->has_sign != g_file_test (sign_key, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, VCARD_ERROR, VCARD_ERROR_PROFILE,
                   "profile %s: sign-cert.der and sign-key.pem go together (a card without "
                   "a signing certificate has neither)", dir);
      return NULL;
    }
  {
    /* Values seen on real cards (unconfirmed): see jpki-card.md. */
    static const guint8 with_sign[] = { 0x8F, 0x8F, 0x00 };
    static const guint8 without_sign[] = { 0x00, 0x8F, 0x00 };
    profile->card_info = profile->has_sign ? g_bytes_new_static (with_sign, sizeof with_sign)
                                           : g_bytes_new_static (without_sign, sizeof without_sign);
  }

  if (!load_pin (profile, kf, dir, VCARD_PIN_AUTH, FALSE, error) ||
      !load_pin (profile, kf, dir, VCARD_PIN_SIGN, !profile->has_sign, error))
    return NULL;

  for (int i = 0; i < VCARD_N_CERTS; i++)
    if ((i != VCARD_CERT_SIGN || profile->has_sign) && !load_cert (profile, dir, i, error))
      return NULL;
  if (!load_key (profile, dir, VCARD_PIN_AUTH, VCARD_CERT_AUTH, error) ||
      (profile->has_sign && !load_key (profile, dir, VCARD_PIN_SIGN, VCARD_CERT_SIGN, error)))
    return NULL;

  return g_steal_pointer (&profile);
}
