/* test-vcard-support.c: a throwaway card profile for the vcard tests:
 * RSA keys and self-signed certificates generated with GnuTLS. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "test-vcard-support.h"

const char test_valid_ini[] =
  "[card]\n"
  "atr = 3BE000FF8131FE4514\n"
  "token-kind = JPKIAPICCTOKEN2\n"
  "[auth-pin]\n"
  "pin = " AUTH_PIN "\n"
  "tries = 3\n"
  "[sign-pin]\n"
  "pin = " SIGN_PIN "   # comments after a value are tolerated\n"
  "tries = 5\n"
  "[persona]\n"
  "note = other groups are left alone\n";

static GBytes *
datum_to_bytes (gnutls_datum_t *d)
{
  GBytes *b = g_bytes_new (d->data, d->size);

  gnutls_free (d->data);
  d->data = NULL;
  return b;
}

static GBytes *
make_cert (gnutls_x509_privkey_t key,
           const char *dn,
           guint8 serial)
{
  g_auto(gnutls_x509_crt_t) crt = NULL;
  gnutls_datum_t out = { NULL, 0 };
  time_t now = time (NULL);

  g_assert_cmpint (gnutls_x509_crt_init (&crt), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_version (crt, 3), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_serial (crt, &serial, 1), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_activation_time (crt, now - 3600), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_expiration_time (crt, now + 86400 * 365), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_dn (crt, dn, NULL), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_key (crt, key), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_sign2 (crt, crt, key, GNUTLS_DIG_SHA256, 0), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_DER, &out), ==, 0);
  return datum_to_bytes (&out);
}

static gnutls_x509_privkey_t
make_key (unsigned int bits)
{
  gnutls_x509_privkey_t key;

  g_assert_cmpint (gnutls_x509_privkey_init (&key), ==, 0);
  g_assert_cmpint (gnutls_x509_privkey_generate (key, GNUTLS_PK_RSA, bits, 0), ==, 0);
  return key;
}

static void
write_file (const char *dir,
            const char *name,
            const void *data,
            gsize len)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, (gssize) len, &error);
  g_assert_no_error (error);
}

void
write_bytes (const char *dir,
             const char *name,
             GBytes *bytes)
{
  gsize len;
  const void *data = g_bytes_get_data (bytes, &len);

  write_file (dir, name, data, len);
}

/* A complete valid profile in a new temporary directory. */
char *
write_profile (Fixture *fx,
               const char *ini)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("vcard-profile-XXXXXX", &error);

  g_assert_no_error (error);
  write_file (dir, "profile.ini", ini, strlen (ini));
  write_bytes (dir, "sign-cert.der", fx->certs[VCARD_CERT_SIGN]);
  write_bytes (dir, "sign-ca.der", fx->certs[VCARD_CERT_SIGN_CA]);
  write_bytes (dir, "auth-cert.der", fx->certs[VCARD_CERT_AUTH]);
  write_bytes (dir, "auth-ca.der", fx->certs[VCARD_CERT_AUTH_CA]);
  write_bytes (dir, "auth-key.pem", fx->key_pems[VCARD_PIN_AUTH]);
  write_bytes (dir, "sign-key.pem", fx->key_pems[VCARD_PIN_SIGN]);
  return dir;
}

void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

Fixture *
fixture_new (void)
{
  Fixture *fx = g_new0 (Fixture, 1);
  gnutls_datum_t out = { NULL, 0 };
  g_auto(gnutls_x509_privkey_t) small = NULL;

  fx->keys[VCARD_PIN_AUTH] = make_key (2048);
  fx->keys[VCARD_PIN_SIGN] = make_key (2048);
  fx->certs[VCARD_CERT_AUTH] = make_cert (fx->keys[VCARD_PIN_AUTH], "C=JP,CN=Test auth", 1);
  fx->certs[VCARD_CERT_SIGN] = make_cert (fx->keys[VCARD_PIN_SIGN],
                                          "C=JP,L=Tokyo,L=Chiyoda,CN=Test sign", 2);
  /* The CAs need only parse; self-signed with the same keys will do. */
  fx->certs[VCARD_CERT_AUTH_CA] = make_cert (fx->keys[VCARD_PIN_AUTH],
                                             "C=JP,O=JPKI,OU=Test auth CA", 3);
  fx->certs[VCARD_CERT_SIGN_CA] = make_cert (fx->keys[VCARD_PIN_SIGN],
                                             "C=JP,O=JPKI,OU=Test sign CA", 4);
  /* One key as PKCS#1 PEM, the other as PKCS#8: both must load. */
  g_assert_cmpint (gnutls_x509_privkey_export2 (fx->keys[VCARD_PIN_AUTH],
                                                GNUTLS_X509_FMT_PEM, &out), ==, 0);
  fx->key_pems[VCARD_PIN_AUTH] = datum_to_bytes (&out);
  g_assert_cmpint (gnutls_x509_privkey_export2_pkcs8 (fx->keys[VCARD_PIN_SIGN],
                                                      GNUTLS_X509_FMT_PEM, NULL,
                                                      GNUTLS_PKCS_PLAIN, &out), ==, 0);
  fx->key_pems[VCARD_PIN_SIGN] = datum_to_bytes (&out);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (fx->key_pems[VCARD_PIN_AUTH], NULL),
                                  (gssize) g_bytes_get_size (fx->key_pems[VCARD_PIN_AUTH]),
                                  "BEGIN RSA PRIVATE KEY"));

  small = make_key (1024);
  fx->small_cert = make_cert (small, "C=JP,CN=Small", 5);
  g_assert_cmpint (gnutls_x509_privkey_export2 (small, GNUTLS_X509_FMT_PEM, &out), ==, 0);
  fx->small_key_pem = datum_to_bytes (&out);

  fx->dir = write_profile (fx, test_valid_ini);
  return fx;
}

void
fixture_free (Fixture *fx)
{
  remove_dir (fx->dir);
  g_free (fx->dir);
  for (int i = 0; i < VCARD_N_PINS; i++)
    {
      gnutls_x509_privkey_deinit (fx->keys[i]);
      g_bytes_unref (fx->key_pems[i]);
    }
  for (int i = 0; i < VCARD_N_CERTS; i++)
    g_bytes_unref (fx->certs[i]);
  g_bytes_unref (fx->small_key_pem);
  g_bytes_unref (fx->small_cert);
  g_free (fx);
}

VcardApplet *
applet_new (Fixture *fx,
            VcardLog *log)
{
  g_autoptr(GError) error = NULL;
  VcardProfile *profile = vcard_profile_load (fx->dir, &error);

  g_assert_no_error (error);
  g_assert_nonnull (profile);
  return vcard_applet_new (profile, log);
}

/* Sends an APDU written in hex; returns the whole response. */
GBytes *
tx (VcardApplet *applet,
    const char *hex)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) apdu = vcard_parse_hex (hex, &error);
  gsize len;
  const guint8 *data;

  g_assert_no_error (error);
  data = g_bytes_get_data (apdu, &len);
  return vcard_applet_transmit (applet, data, len);
}

guint16
sw_of (GBytes *rsp)
{
  gsize len;
  const guint8 *d = g_bytes_get_data (rsp, &len);

  g_assert_cmpuint (len, >=, 2);
  return (guint16) (d[len - 2] << 8 | d[len - 1]);
}

gsize
data_len (GBytes *rsp)
{
  return g_bytes_get_size (rsp) - 2;
}

void
expect (VcardApplet *applet,
        const char *hex,
        guint16 sw,
        gsize len)
{
  g_autoptr(GBytes) rsp = tx (applet, hex);

  if (sw_of (rsp) != sw || data_len (rsp) != len)
    g_error ("%s: expected %04X with %" G_GSIZE_FORMAT " bytes, got %04X with %" G_GSIZE_FORMAT,
             hex, sw, len, sw_of (rsp), data_len (rsp));
}

char *
verify_apdu (const char *pin)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "00200080%02X", (unsigned) strlen (pin));
  for (const char *p = pin; *p; p++)
    g_string_append_printf (s, "%02X", (unsigned char) *p);
  return g_string_free (s, FALSE);
}

void
verify (VcardApplet *applet,
        VcardPin pin,
        const char *value,
        guint16 sw)
{
  g_autofree char *apdu = verify_apdu (value);

  expect (applet, pin == VCARD_PIN_AUTH ? "00A4020C020018" : "00A4020C02001B", 0x9000, 0);
  expect (applet, apdu, sw, 0);
}

