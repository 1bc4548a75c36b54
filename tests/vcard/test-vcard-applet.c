/* test-vcard-applet.c: the virtual card's applet state machine, driven
 * directly with APDUs (no vpcd, no pcscd), with a throwaway profile of
 * self-signed certificates generated here. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "test-vcard-support.h"


/* Reads a whole EF the way OpenSC does: 4 bytes for the length, then
 * 256-byte chunks, the last one with the exact Le. */
static GBytes *
read_ef (VcardApplet *applet,
         guint16 fid)
{
  g_autofree char *select = g_strdup_printf ("00A4020C02%04X", fid);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GBytes) head = NULL;
  const guint8 *h;
  gsize size;

  expect (applet, select, 0x9000, 0);
  head = tx (applet, "00B0000004");
  g_assert_cmphex (sw_of (head), ==, 0x9000);
  g_assert_cmpuint (data_len (head), ==, 4);
  h = g_bytes_get_data (head, NULL);
  g_assert_cmphex (h[0], ==, 0x30);
  g_assert_cmphex (h[1], ==, 0x82);
  size = (gsize) (h[2] << 8 | h[3]) + 4;
  while (out->len < size)
    {
      gsize chunk = MIN (size - out->len, (gsize) 256);
      g_autofree char *cmd = g_strdup_printf ("00B0%04X%02X", out->len, (unsigned) (chunk & 0xFF));
      g_autoptr(GBytes) rsp = tx (applet, cmd);

      g_assert_cmphex (sw_of (rsp), ==, 0x9000);
      g_assert_cmpuint (data_len (rsp), ==, chunk);
      g_byte_array_append (out, g_bytes_get_data (rsp, NULL), (guint) chunk);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static void
test_profile_valid (gconstpointer data)
{
  Fixture *fx = (Fixture *) data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VcardProfile) profile = vcard_profile_load (fx->dir, &error);
  const guint8 *kind;

  g_assert_no_error (error);
  g_assert_cmpint (profile->tries[VCARD_PIN_AUTH], ==, 3);
  g_assert_cmpint (profile->tries[VCARD_PIN_SIGN], ==, 5);
  g_assert_cmpstr (profile->pins[VCARD_PIN_SIGN], ==, SIGN_PIN);
  g_assert_cmpuint (g_bytes_get_size (profile->atr), ==, 9);
  /* EF 0006: a 160-byte record, the kind padded with spaces to 32. */
  kind = g_bytes_get_data (profile->token_kind, NULL);
  g_assert_cmpuint (g_bytes_get_size (profile->token_kind), ==, 160);
  g_assert_cmpmem (kind, 15, "JPKIAPICCTOKEN2", 15);
  for (int i = 15; i < 32; i++)
    g_assert_cmpint (kind[i], ==, ' ');
  g_assert_true (profile->has_sign);
  g_assert_cmpmem (g_bytes_get_data (profile->card_info, NULL),
                   g_bytes_get_size (profile->card_info), "\x8F\x8F\x00", 3);

  g_assert_true (vcard_pin_is_valid (VCARD_PIN_AUTH, "0000"));
  g_assert_false (vcard_pin_is_valid (VCARD_PIN_AUTH, "123"));
  g_assert_false (vcard_pin_is_valid (VCARD_PIN_AUTH, "12a4"));
  g_assert_true (vcard_pin_is_valid (VCARD_PIN_SIGN, "ABC123"));
  g_assert_true (vcard_pin_is_valid (VCARD_PIN_SIGN, "ABCDEFGHIJ123456"));
  g_assert_false (vcard_pin_is_valid (VCARD_PIN_SIGN, "ABC12"));
  g_assert_false (vcard_pin_is_valid (VCARD_PIN_SIGN, "ABCDEFGHIJ1234567"));
  g_assert_false (vcard_pin_is_valid (VCARD_PIN_SIGN, "testpass1"));
}

/* Loads a variant of the valid profile and expects a refusal whose
 * message contains `expected`. */
static void
expect_invalid (Fixture *fx,
                const char *ini,
                const char *file,
                GBytes *content,
                const char *expected)
{
  g_autofree char *dir = write_profile (fx, ini);
  g_autoptr(GError) error = NULL;
  g_autoptr(VcardProfile) profile = NULL;

  if (file && content)
    write_bytes (dir, file, content);
  else if (file)
    {
      g_autofree char *path = g_build_filename (dir, file, NULL);
      g_unlink (path);
    }
  profile = vcard_profile_load (dir, &error);
  g_assert_null (profile);
  g_assert_error (error, VCARD_ERROR, VCARD_ERROR_PROFILE);
  if (strstr (error->message, expected) == NULL)
    g_error ("message “%s” lacks “%s”", error->message, expected);
  /* A refused PIN is never echoed. */
  g_assert_null (strstr (error->message, "testpass"));
  g_assert_null (strstr (error->message, "12345"));
  remove_dir (dir);
}

static char *
ini_with (const char *from,
          const char *to)
{
  g_auto(GStrv) parts = g_strsplit (test_valid_ini, from, 2);

  g_assert_nonnull (parts[1]);
  return g_strconcat (parts[0], to, parts[1], NULL);
}

static void
test_profile_invalid (gconstpointer data)
{
  Fixture *fx = (Fixture *) data;
  g_autoptr(GBytes) garbage = g_bytes_new_static ("not a certificate", 17);
  g_autoptr(GBytes) trailing = NULL;
  g_autoptr(GByteArray) t = g_byte_array_new ();
  struct { const char *from, *to, *expected; } ini_cases[] = {
    { "pin = " AUTH_PIN, "pin = 12345", "[auth-pin] pin" },
    { "pin = " AUTH_PIN, "pin = 12a4", "[auth-pin] pin" },
    { "pin = " SIGN_PIN, "pin = testpass1", "[sign-pin] pin" },
    { "pin = " SIGN_PIN, "pin = ABC12", "[sign-pin] pin" },
    { "pin = " SIGN_PIN, "pin = ABCDEFGHIJ1234567", "[sign-pin] pin" },
    { "tries = 3", "tries = 4", "[auth-pin] tries" },
    { "tries = 5", "tries = 6", "[sign-pin] tries" },
    { "tries = 5", "tries = -1", "[sign-pin] tries" },
    { "atr = 3BE000FF8131FE4514", "atr = 3BE0ZZ", "atr" },
    { "atr = 3BE000FF8131FE4514", "atr = 00E000FF", "atr" },
    { "token-kind = JPKIAPICCTOKEN2", "token-kind = 0123456789012345678901234567890123",
      "token-kind" },
    { "token-kind = JPKIAPICCTOKEN2", "tokenkind = JPKIAPICCTOKEN2", "unknown key" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (ini_cases); i++)
    {
      g_autofree char *ini = ini_with (ini_cases[i].from, ini_cases[i].to);
      expect_invalid (fx, ini, NULL, NULL, ini_cases[i].expected);
    }
  expect_invalid (fx, "[card\n", NULL, NULL, "profile.ini");
  expect_invalid (fx, test_valid_ini, "auth-ca.der", NULL, "auth-ca.der");
  expect_invalid (fx, test_valid_ini, "sign-ca.der", garbage, "sign-ca.der");
  /* Keys swapped: each must match its own certificate. */
  expect_invalid (fx, test_valid_ini, "auth-key.pem", fx->key_pems[VCARD_PIN_SIGN], "does not match");
  expect_invalid (fx, test_valid_ini, "sign-key.pem", fx->key_pems[VCARD_PIN_AUTH], "does not match");
  expect_invalid (fx, test_valid_ini, "sign-key.pem", garbage, "sign-key.pem");
  expect_invalid (fx, test_valid_ini, "sign-key.pem", fx->small_key_pem, "RSA-2048");
  /* Trailing bytes after the certificate would mislead OpenSC's sizing. */
  g_byte_array_append (t, g_bytes_get_data (fx->certs[VCARD_CERT_AUTH], NULL),
                       (guint) g_bytes_get_size (fx->certs[VCARD_CERT_AUTH]));
  g_byte_array_append (t, (const guint8 *) "\0\0", 2);
  trailing = g_byte_array_free_to_bytes (g_steal_pointer (&t));
  expect_invalid (fx, test_valid_ini, "auth-cert.der", trailing, "30 82");
}

static void
test_select (gconstpointer data)
{
  g_autoptr(VcardApplet) applet = applet_new ((Fixture *) data, NULL);
  static const guint16 efs[] = { 0x0001, 0x0002, 0x000A, 0x000B, 0x0006, 0x0008,
                                 0x0017, 0x0018, 0x001A, 0x001B };

  /* Before the AP: EFs are not found. */
  expect (applet, "00A4020C02000A", 0x6A82, 0);
  /* Other applications (other drivers' probes), and prefixes of ours. */
  expect (applet, "00A4040C07A0000003080000", 0x6A82, 0);
  expect (applet, "00A4040006D27600012401", 0x6A82, 0);
  expect (applet, "00A4040C09D392F0002601000000", 0x6A82, 0);
  expect (applet, "00A4040C0BD392F00026010000000100", 0x6A82, 0);
  expect (applet, SELECT_AP, 0x9000, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (efs); i++)
    {
      g_autofree char *cmd = g_strdup_printf ("00A4020C02%04X", efs[i]);
      expect (applet, cmd, 0x9000, 0);
    }
  expect (applet, "00A4020C020003", 0x6A82, 0);
  expect (applet, "00A4020C023F00", 0x6A82, 0);
  /* A failed SELECT of another AID keeps the JPKI AP selected. */
  expect (applet, "00A4040C07A0000003080000", 0x6A82, 0);
  expect (applet, "00A4020C020002", 0x9000, 0);
  /* Odd forms. */
  expect (applet, "00A4080C0400010002", 0x6A86, 0);
  expect (applet, "00A4020403000A00", 0x6A86, 0);
  expect (applet, "00A4020C03000A00", 0x6A87, 0);
  expect (applet, "00A4020C", 0x6700, 0);
}

static void
test_read (gconstpointer data)
{
  Fixture *fx = (Fixture *) data;
  g_autoptr(VcardApplet) applet = applet_new (fx, NULL);
  const VcardCert certs[] = { VCARD_CERT_SIGN_CA, VCARD_CERT_AUTH, VCARD_CERT_AUTH_CA };
  const guint16 fids[] = { 0x0002, 0x000A, 0x000B };
  g_autoptr(GBytes) kind = NULL;
  g_autoptr(GBytes) sign = NULL;
  g_autoptr(GBytes) filler = NULL;
  g_autoptr(GBytes) info = NULL;
  g_autofree char *past = NULL;
  g_autofree char *tail = NULL;
  g_autofree char *after_der = NULL;
  gsize size = g_bytes_get_size (fx->certs[VCARD_CERT_AUTH]);
  gsize ef_size = 2048; /* the test certificates are smaller */

  expect (applet, "00B0000004", 0x6986, 0);
  expect (applet, SELECT_AP, 0x9000, 0);
  expect (applet, "00B0000004", 0x6986, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (fids); i++)
    {
      g_autoptr(GBytes) content = read_ef (applet, fids[i]);
      g_assert_true (g_bytes_equal (content, fx->certs[certs[i]]));
    }

  /* Le 00 is 256. Filler follows the DER up to the EF's end; a read
   * reaching the end answers 90 00 with fewer bytes; past it 6B 00. */
  g_assert_cmpuint (size, <, ef_size);
  expect (applet, "00A4020C02000A", 0x9000, 0);
  expect (applet, "00B0000000", 0x9000, 256);
  after_der = g_strdup_printf ("00B0%04X08", (unsigned) size);
  filler = tx (applet, after_der);
  g_assert_cmphex (sw_of (filler), ==, 0x9000);
  g_assert_cmpmem (g_bytes_get_data (filler, NULL), 8, "\0\0\0\0\0\0\0\0", 8);
  past = g_strdup_printf ("00B0%04X01", (unsigned) ef_size);
  expect (applet, past, 0x6B00, 0);
  tail = g_strdup_printf ("00B0%04X00", (unsigned) ef_size - 10);
  expect (applet, tail, 0x9000, 10);
  expect (applet, "00B0800000", 0x6A81, 0);
  expect (applet, "00B00000", 0x6700, 0);
  expect (applet, "00B00000020000", 0x6700, 0);

  /* Token kind: the first 32 bytes of a 160-byte record. */
  expect (applet, "00A4020C020006", 0x9000, 0);
  kind = tx (applet, "00B0000020");
  g_assert_cmphex (sw_of (kind), ==, 0x9000);
  g_assert_cmpmem (g_bytes_get_data (kind, NULL), 32, "JPKIAPICCTOKEN2                 ", 32);
  expect (applet, "00B0000000", 0x9000, 160);
  expect (applet, "00B0009C10", 0x9000, 4);
  expect (applet, "00B000A001", 0x6B00, 0);

  /* EF 0008: a card with a signing certificate. */
  expect (applet, "00A4020C020008", 0x9000, 0);
  info = tx (applet, "00B0000003");
  g_assert_cmphex (sw_of (info), ==, 0x9000);
  g_assert_cmpmem (g_bytes_get_data (info, NULL), 3, "\x8F\x8F\x00", 3);

  /* Keys and PINs are not readable. */
  expect (applet, "00A4020C02001A", 0x9000, 0);
  expect (applet, "00B0000004", 0x6981, 0);
  expect (applet, "00A4020C020018", 0x9000, 0);
  expect (applet, "00B0000004", 0x6981, 0);

  /* The signing certificate needs the signing password. */
  expect (applet, "00A4020C020001", 0x9000, 0);
  expect (applet, "00B0000004", 0x6982, 0);
  verify (applet, VCARD_PIN_AUTH, AUTH_PIN, 0x9000);
  expect (applet, "00A4020C020001", 0x9000, 0);
  expect (applet, "00B0000004", 0x6982, 0);
  verify (applet, VCARD_PIN_SIGN, SIGN_PIN, 0x9000);
  sign = read_ef (applet, 0x0001);
  g_assert_true (g_bytes_equal (sign, fx->certs[VCARD_CERT_SIGN]));
}

static void
test_verify (gconstpointer data)
{
  g_autoptr(VcardApplet) applet = applet_new ((Fixture *) data, NULL);

  expect (applet, SELECT_AP, 0x9000, 0);
  /* No PIN EF selected. */
  expect (applet, "00200080", 0x6986, 0);
  expect (applet, "00A4020C02000A", 0x9000, 0);
  expect (applet, "00200080", 0x6986, 0);

  /* Authentication PIN: 3 tries. */
  expect (applet, "00A4020C020018", 0x9000, 0);
  expect (applet, "00200080", 0x63C3, 0);
  /* Only the 4-byte form is the query; an explicit Le of zero is 67 00. */
  expect (applet, "0020008000", 0x6700, 0);
  expect (applet, "00200081", 0x6A86, 0);
  expect (applet, "0020008004313233", 0x6700, 0); /* Lc says 4, 3 bytes follow */
  expect (applet, "002000800431323334", 0x9000, 0);
  g_assert_true (vcard_applet_is_verified (applet, VCARD_PIN_AUTH));
  /* Empty VERIFY after success still answers 63 Cx (OpenSC needs SW1 63). */
  expect (applet, "00200080", 0x63C3, 0);
  expect (applet, "002000800431323335", 0x63C2, 0);
  g_assert_false (vcard_applet_is_verified (applet, VCARD_PIN_AUTH));
  expect (applet, "0020008003313233", 0x63C1, 0);
  expect (applet, "00200080", 0x63C1, 0);
  expect (applet, "002000800431323334", 0x9000, 0);
  g_assert_cmpint (vcard_applet_get_tries (applet, VCARD_PIN_AUTH), ==, 3);

  /* Down to zero, then blocked: 69 83 and nothing changes. */
  expect (applet, "002000800430303030", 0x63C2, 0);
  expect (applet, "002000800430303030", 0x63C1, 0);
  expect (applet, "002000800430303030", 0x63C0, 0);
  g_assert_cmpint (vcard_applet_get_tries (applet, VCARD_PIN_AUTH), ==, 0);
  expect (applet, "002000800431323334", 0x6983, 0);
  expect (applet, "002000800430303030", 0x6983, 0);
  g_assert_false (vcard_applet_is_verified (applet, VCARD_PIN_AUTH));
  g_assert_cmpint (vcard_applet_get_tries (applet, VCARD_PIN_AUTH), ==, 0);
  /* A locked PIN still answers the empty VERIFY with 63 C0. */
  expect (applet, "00200080", 0x63C0, 0);

  /* Signing password: 5 tries, case-sensitive (the card takes upper case). */
  expect (applet, "00A4020C02001B", 0x9000, 0);
  expect (applet, "00200080", 0x63C5, 0);
  verify (applet, VCARD_PIN_SIGN, "testpass1", 0x63C4);
  verify (applet, VCARD_PIN_SIGN, SIGN_PIN, 0x9000);
  g_assert_cmpint (vcard_applet_get_tries (applet, VCARD_PIN_SIGN), ==, 5);
  g_assert_true (vcard_applet_is_verified (applet, VCARD_PIN_SIGN));
  expect (applet, "00200080", 0x63C5, 0);

  /* Tries survive power cycles and removal; verification does not. */
  vcard_applet_power_off (applet);
  vcard_applet_removed (applet, "test");
  vcard_applet_inserted (applet);
  vcard_applet_power_on (applet);
  g_assert_false (vcard_applet_is_verified (applet, VCARD_PIN_SIGN));
  g_assert_cmpint (vcard_applet_get_tries (applet, VCARD_PIN_AUTH), ==, 0);
  expect (applet, "00A4020C020018", 0x6A82, 0);
  expect (applet, SELECT_AP, 0x9000, 0);
  expect (applet, "00A4020C020018", 0x9000, 0);
  expect (applet, "00200080", 0x63C0, 0);
}

static void
test_tries_override (gconstpointer data)
{
  g_autoptr(VcardApplet) applet = applet_new ((Fixture *) data, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (vcard_applet_set_tries (applet, VCARD_PIN_SIGN, 0, &error));
  g_assert_true (vcard_applet_set_tries (applet, VCARD_PIN_AUTH, 1, &error));
  g_assert_false (vcard_applet_set_tries (applet, VCARD_PIN_SIGN, 6, &error));
  g_assert_error (error, VCARD_ERROR, VCARD_ERROR_USAGE);
  g_clear_error (&error);
  g_assert_false (vcard_applet_set_tries (applet, VCARD_PIN_AUTH, 4, &error));
  g_clear_error (&error);
  g_assert_false (vcard_applet_set_tries (applet, VCARD_PIN_AUTH, -1, &error));

  expect (applet, SELECT_AP, 0x9000, 0);
  expect (applet, "00A4020C02001B", 0x9000, 0);
  expect (applet, "00200080", 0x63C0, 0);
  verify (applet, VCARD_PIN_SIGN, SIGN_PIN, 0x6983);
  expect (applet, "00A4020C020018", 0x9000, 0);
  expect (applet, "00200080", 0x63C1, 0);
  verify (applet, VCARD_PIN_AUTH, AUTH_PIN, 0x9000);
  expect (applet, "00200080", 0x63C3, 0);
}

static const guint8 sha256_prefix[] = {
  0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
  0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
};

/* 80 2A 00 80 Lc DigestInfo(SHA-256 of message) 00, as OpenSC sends it. */
static char *
sign_apdu (const char *message,
           guint8 digest[32])
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize len = 32;
  GString *s = g_string_new (NULL);

  g_checksum_update (sum, (const guchar *) message, -1);
  g_checksum_get_digest (sum, digest, &len);
  g_string_append_printf (s, "802A0080%02X", (unsigned) (sizeof sha256_prefix + 32));
  for (gsize i = 0; i < sizeof sha256_prefix; i++)
    g_string_append_printf (s, "%02X", sha256_prefix[i]);
  for (gsize i = 0; i < 32; i++)
    g_string_append_printf (s, "%02X", digest[i]);
  g_string_append (s, "00");
  return g_string_free (s, FALSE);
}

static void
assert_signature (Fixture *fx,
                  VcardCert cert,
                  const char *message,
                  GBytes *rsp)
{
  g_auto(gnutls_x509_crt_t) crt = NULL;
  g_auto(gnutls_pubkey_t) pub = NULL;
  gnutls_datum_t der, sig, msg, digest;
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 d[32];
  gsize dlen = sizeof d;
  gsize len;

  g_assert_cmphex (sw_of (rsp), ==, 0x9000);
  g_assert_cmpuint (data_len (rsp), ==, 256);
  der.data = (unsigned char *) g_bytes_get_data (fx->certs[cert], &len);
  der.size = (unsigned int) len;
  g_assert_cmpint (gnutls_x509_crt_init (&crt), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_import (crt, &der, GNUTLS_X509_FMT_DER), ==, 0);
  g_assert_cmpint (gnutls_pubkey_init (&pub), ==, 0);
  g_assert_cmpint (gnutls_pubkey_import_x509 (pub, crt, 0), ==, 0);

  sig.data = (unsigned char *) g_bytes_get_data (rsp, NULL);
  sig.size = 256;
  /* A standard RSASSA-PKCS1-v1_5 SHA-256 signature of the message… */
  msg.data = (unsigned char *) message;
  msg.size = (unsigned int) strlen (message);
  g_assert_cmpint (gnutls_pubkey_verify_data2 (pub, GNUTLS_SIGN_RSA_SHA256, 0, &msg, &sig), >=, 0);
  /* …and, seen as TLS 1.0 RSA, one over exactly the DigestInfo sent. */
  g_checksum_update (sum, (const guchar *) message, -1);
  g_checksum_get_digest (sum, d, &dlen);
  {
    guint8 info[sizeof sha256_prefix + 32];

    memcpy (info, sha256_prefix, sizeof sha256_prefix);
    memcpy (info + sizeof sha256_prefix, d, 32);
    digest.data = info;
    digest.size = sizeof info;
    g_assert_cmpint (gnutls_pubkey_verify_hash2 (pub, GNUTLS_SIGN_RSA_RAW,
                                                 GNUTLS_VERIFY_USE_TLS1_RSA,
                                                 &digest, &sig), >=, 0);
  }
}

static void
test_sign (gconstpointer data)
{
  Fixture *fx = (Fixture *) data;
  g_autoptr(VcardApplet) applet = applet_new (fx, NULL);
  guint8 digest[32];
  g_autofree char *apdu = sign_apdu ("delegation to sign", digest);
  g_autofree char *no_le = g_strndup (apdu, strlen (apdu) - 2);
  g_autofree char *bad_le = g_strconcat (no_le, "01", NULL);
  g_autoptr(GString) too_long = g_string_new ("802A0080F6");

  expect (applet, SELECT_AP, 0x9000, 0);
  /* No key selected. */
  expect (applet, apdu, 0x6982, 0);
  /* Signing key without the signing password. */
  expect (applet, "00A4020C02001A", 0x9000, 0);
  expect (applet, apdu, 0x6982, 0);
  /* The other PIN does not unlock it. */
  verify (applet, VCARD_PIN_AUTH, AUTH_PIN, 0x9000);
  expect (applet, "00A4020C02001A", 0x9000, 0);
  expect (applet, apdu, 0x6982, 0);
  verify (applet, VCARD_PIN_SIGN, SIGN_PIN, 0x9000);
  /* A PIN EF is not a key. */
  expect (applet, apdu, 0x6982, 0);
  expect (applet, "00A4020C02001A", 0x9000, 0);
  {
    g_autoptr(GBytes) rsp = tx (applet, apdu);
    assert_signature (fx, VCARD_CERT_SIGN, "delegation to sign", rsp);
  }
  /* Without Le (a T=0 path) too; still verified (no clear-after-sign). */
  {
    g_autoptr(GBytes) rsp = tx (applet, no_le);
    assert_signature (fx, VCARD_CERT_SIGN, "delegation to sign", rsp);
  }
  expect (applet, bad_le, 0x6700, 0);
  expect (applet, "802A00800100", 0x9000, 256);
  expect (applet, "802A0081013000", 0x6A86, 0);
  for (int i = 0; i < 0xF6; i++)
    g_string_append (too_long, "00");
  g_string_append (too_long, "00");
  expect (applet, too_long->str, 0x6A80, 0);

  /* Authentication key with the authentication PIN. */
  expect (applet, "00A4020C020017", 0x9000, 0);
  {
    g_autoptr(GBytes) rsp = tx (applet, apdu);
    assert_signature (fx, VCARD_CERT_AUTH, "delegation to sign", rsp);
  }

  /* Re-selecting the AP clears both verifications. */
  expect (applet, SELECT_AP, 0x9000, 0);
  g_assert_false (vcard_applet_is_verified (applet, VCARD_PIN_AUTH));
  g_assert_false (vcard_applet_is_verified (applet, VCARD_PIN_SIGN));
  expect (applet, "00A4020C020017", 0x9000, 0);
  expect (applet, apdu, 0x6982, 0);
  expect (applet, "00A4020C02001A", 0x9000, 0);
  expect (applet, apdu, 0x6982, 0);

  /* So do a reset and a power cycle. */
  verify (applet, VCARD_PIN_SIGN, SIGN_PIN, 0x9000);
  vcard_applet_reset (applet);
  g_assert_false (vcard_applet_is_verified (applet, VCARD_PIN_SIGN));
  expect (applet, SELECT_AP, 0x9000, 0);
  verify (applet, VCARD_PIN_SIGN, SIGN_PIN, 0x9000);
  vcard_applet_power_off (applet);
  vcard_applet_power_on (applet);
  g_assert_false (vcard_applet_is_verified (applet, VCARD_PIN_SIGN));
}

static void
test_clear_after_sign (gconstpointer data)
{
  Fixture *fx = (Fixture *) data;
  g_autoptr(VcardApplet) applet = applet_new (fx, NULL);
  guint8 digest[32];
  g_autofree char *apdu = sign_apdu ("one signature per password", digest);

  vcard_applet_set_clear_after_sign (applet, TRUE);
  expect (applet, SELECT_AP, 0x9000, 0);
  verify (applet, VCARD_PIN_SIGN, SIGN_PIN, 0x9000);
  verify (applet, VCARD_PIN_AUTH, AUTH_PIN, 0x9000);
  expect (applet, "00A4020C02001A", 0x9000, 0);
  expect (applet, apdu, 0x9000, 256);
  g_assert_false (vcard_applet_is_verified (applet, VCARD_PIN_SIGN));
  expect (applet, apdu, 0x6982, 0);
  /* Only the signing password: authentication stays verified. */
  expect (applet, "00A4020C020017", 0x9000, 0);
  expect (applet, apdu, 0x9000, 256);
  expect (applet, apdu, 0x9000, 256);
  g_assert_true (vcard_applet_is_verified (applet, VCARD_PIN_AUTH));
}

static void
test_faults (gconstpointer data)
{
  Fixture *fx = (Fixture *) data;
  g_autoptr(VcardApplet) applet = applet_new (fx, NULL);
  g_autoptr(GError) error = NULL;
  guint8 digest[32];
  g_autofree char *apdu = sign_apdu ("fault", digest);
  const char *bad[] = { "select-6a82", "select-6a82:12", "select-6a82:XYZW",
                        "truncated-read:000A0", "sign-6f01", "" };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (vcard_applet_add_fault (applet, bad[i], &error));
      g_assert_error (error, VCARD_ERROR, VCARD_ERROR_USAGE);
      g_clear_error (&error);
    }
  g_assert_true (vcard_applet_add_fault (applet, "select-6a82:000B", &error));
  g_assert_true (vcard_applet_add_fault (applet, "truncated-read:000A", &error));
  g_assert_true (vcard_applet_add_fault (applet, "truncated-read:0001", &error));
  g_assert_true (vcard_applet_add_fault (applet, "sign-6f00", &error));

  expect (applet, SELECT_AP, 0x9000, 0);
  expect (applet, "00A4020C02000B", 0x6A82, 0);
  expect (applet, "00A4020C020002", 0x9000, 0);
  expect (applet, "00B0000004", 0x9000, 4);
  expect (applet, "00A4020C02000A", 0x9000, 0);
  expect (applet, "00B0000004", 0x9000, 2);
  expect (applet, "00B0000000", 0x9000, 128);
  expect (applet, "00B0000001", 0x9000, 0);
  /* Still behind the password. */
  expect (applet, "00A4020C020001", 0x9000, 0);
  expect (applet, "00B0000004", 0x6982, 0);
  /* The signature fault comes after the access checks. */
  expect (applet, "00A4020C02001A", 0x9000, 0);
  expect (applet, apdu, 0x6982, 0);
  verify (applet, VCARD_PIN_SIGN, SIGN_PIN, 0x9000);
  expect (applet, "00A4020C02001A", 0x9000, 0);
  expect (applet, apdu, 0x6F00, 0);
}

static void
test_classes (gconstpointer data)
{
  g_autoptr(VcardApplet) applet = applet_new ((Fixture *) data, NULL);

  expect (applet, "00CA010000", 0x6D00, 0);        /* GET DATA */
  expect (applet, "00CB3FFF055C035FC10700", 0x6D00, 0);
  expect (applet, "00C0000000", 0x6D00, 0);        /* GET RESPONSE */
  expect (applet, "0084000008", 0x6D00, 0);        /* GET CHALLENGE */
  expect (applet, "80A4040C0AD392F000260100000001", 0x6D00, 0);
  expect (applet, "8056010000", 0x6D00, 0);
  expect (applet, "002A9E9A0100", 0x6D00, 0);
  expect (applet, "B0A4040C0AD392F000260100000001", 0x6E00, 0);
  expect (applet, "0CA4040C0AD392F000260100000001", 0x6E00, 0);
  expect (applet, "01A4040C0AD392F000260100000001", 0x6E00, 0);
  expect (applet, "FFCA000000", 0x6E00, 0);
  /* None of those changed anything. */
  expect (applet, "00A4020C02000A", 0x6A82, 0);
}

static void
test_malformed (gconstpointer data)
{
  g_autoptr(VcardApplet) applet = applet_new ((Fixture *) data, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240601);
  guint8 buf[600];
  static const guint8 inss[] = { 0xA4, 0xB0, 0x20, 0x2A, 0xCA, 0xC0 };

  {
    g_autoptr(GBytes) rsp = vcard_applet_transmit (applet, buf, 0);
    g_assert_cmphex (sw_of (rsp), ==, 0x6700);
  }
  expect (applet, "00", 0x6700, 0);
  expect (applet, "00A4", 0x6700, 0);
  expect (applet, "00A404", 0x6700, 0);
  expect (applet, "00A4040C0BD392F000260100000001", 0x6700, 0);  /* Lc too big */
  expect (applet, "00A4040C08D392F000260100000001", 0x6700, 0);  /* Lc too small */
  expect (applet, "00A4040C000AD392F000260100000001", 0x6700, 0); /* extended */
  expect (applet, "00B000000000", 0x6700, 0);
  memset (buf, 0, sizeof buf);
  buf[1] = 0xA4;
  {
    g_autoptr(GBytes) rsp = vcard_applet_transmit (applet, buf, sizeof buf);
    g_assert_cmphex (sw_of (rsp), ==, 0x6700);
  }

  /* Random commands in the known classes: every answer is a status word
   * (plus data), never a crash. */
  expect (applet, SELECT_AP, 0x9000, 0);
  for (int i = 0; i < 20000; i++)
    {
      gsize len = (gsize) g_rand_int_range (rand, 0, 270);
      g_autoptr(GBytes) rsp = NULL;

      for (gsize j = 0; j < len; j++)
        buf[j] = (guint8) g_rand_int_range (rand, 0, 256);
      if (len >= 2)
        {
          buf[0] = g_rand_boolean (rand) ? 0x00 : 0x80;
          buf[1] = inss[g_rand_int_range (rand, 0, G_N_ELEMENTS (inss))];
        }
      if (len >= 5 && g_rand_boolean (rand))
        buf[4] = (guint8) (len - 5 - (gsize) g_rand_int_range (rand, 0, 2));
      rsp = vcard_applet_transmit (applet, buf, len);
      g_assert_cmpuint (g_bytes_get_size (rsp), >=, 2);
      g_assert_cmpuint (g_bytes_get_size (rsp), <=, 258);
    }
}

static void
test_log (gconstpointer data)
{
  Fixture *fx = (Fixture *) data;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vcard-log-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "apdu.jsonl", NULL);
  g_autofree char *text = NULL;
  g_autofree char *status = NULL;
  g_auto(GStrv) lines = NULL;
  guint8 digest[32];
  g_autofree char *apdu = sign_apdu ("logged", digest);
  VcardLog *log;
  VcardApplet *applet;

  g_assert_no_error (error);
  log = vcard_log_new (path, &error);
  g_assert_no_error (error);
  applet = applet_new (fx, log);

  vcard_applet_inserted (applet);
  vcard_applet_power_on (applet);
  expect (applet, SELECT_AP, 0x9000, 0);
  expect (applet, "00A4020C02001B", 0x9000, 0);
  expect (applet, "00200080", 0x63C5, 0);
  verify (applet, VCARD_PIN_SIGN, "TESTPASS2", 0x63C4);
  verify (applet, VCARD_PIN_SIGN, SIGN_PIN, 0x9000);
  verify (applet, VCARD_PIN_AUTH, AUTH_PIN, 0x9000);
  /* Malformed VERIFYs carrying the PIN are masked too. */
  expect (applet, "002000800531323334", 0x6700, 0);
  expect (applet, "80200080043132333400", 0x6D00, 0);
  expect (applet, "00A4020C02001A", 0x9000, 0);
  expect (applet, apdu, 0x9000, 256);
  vcard_applet_reset (applet);
  vcard_applet_power_off (applet);
  vcard_applet_removed (applet, "on purpose");
  status = vcard_applet_status_json (applet, FALSE);
  g_assert_cmpstr (status, ==,
                   "{\"inserted\":false,\"ef\":null,\"powered\":false,\"ap\":false,"
                   "\"auth_verified\":false,\"sign_verified\":false,"
                   "\"auth_tries\":3,\"sign_tries\":5}");
  vcard_applet_free (applet);
  vcard_log_free (log);

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  /* The PINs, as text or as hex, and the key never appear. */
  g_assert_null (strstr (text, AUTH_PIN));
  g_assert_null (strstr (text, SIGN_PIN));
  g_assert_null (strstr (text, "31323334"));
  g_assert_null (strstr (text, "544553545041535331"));
  g_assert_null (strstr (text, "5445535450415353"));
  g_assert_null (strstr (text, "PRIVATE"));

  g_assert_true (g_str_has_suffix (text, "}\n"));
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 19);  /* 18 lines and "" */
  for (guint i = 0; i < 18; i++)
    {
      g_autofree char *prefix = g_strdup_printf ("{\"seq\":%u,\"ms\":", i + 1);
      g_assert_true (g_str_has_prefix (lines[i], prefix));
      g_assert_true (g_str_has_suffix (lines[i], "}"));
    }
  g_assert_nonnull (strstr (lines[0], "\"event\":\"insert\""));
  g_assert_nonnull (strstr (lines[1], "\"event\":\"power-on\""));
  g_assert_nonnull (strstr (lines[2], "\"cmd\":\"00A4040C 0A D392F000260100000001\""));
  g_assert_nonnull (strstr (lines[2], "\"ins\":\"SELECT\",\"aid\":\"D392F000260100000001\","
                                      "\"rsp\":\"9000\",\"len\":0,\"ef\":null"));
  g_assert_nonnull (strstr (lines[2], "\"ap\":true"));
  g_assert_nonnull (strstr (lines[3], "\"fid\":\"001B\""));
  g_assert_nonnull (strstr (lines[3], "\"ef\":\"001B\""));
  g_assert_nonnull (strstr (lines[4], "\"cmd\":\"00200080\",\"ins\":\"VERIFY\",\"pin\":\"sign\","
                                      "\"empty\":true,\"rsp\":\"63C5\""));
  g_assert_nonnull (strstr (lines[6], "\"cmd\":\"00200080 09 ******************\""));
  g_assert_nonnull (strstr (lines[6], "\"empty\":false,\"rsp\":\"63C4\""));
  g_assert_nonnull (strstr (lines[6], "\"sign_verified\":false"));
  g_assert_nonnull (strstr (lines[6], "\"sign_tries\":4"));
  g_assert_nonnull (strstr (lines[8], "\"rsp\":\"9000\""));
  g_assert_nonnull (strstr (lines[8], "\"sign_verified\":true"));
  g_assert_nonnull (strstr (lines[8], "\"sign_tries\":5"));
  g_assert_nonnull (strstr (lines[8], "\"note\":\"verified\""));
  g_assert_nonnull (strstr (lines[10], "\"auth_verified\":true,\"sign_verified\":true"));
  g_assert_nonnull (strstr (lines[11], "\"cmd\":\"00200080**********\""));
  g_assert_nonnull (strstr (lines[11], "\"rsp\":\"6700\""));
  g_assert_nonnull (strstr (lines[12], "\"cmd\":\"80200080 04 ******** 00\""));
  g_assert_nonnull (strstr (lines[13], "\"ef\":\"001A\""));
  g_assert_nonnull (strstr (lines[14], "\"ins\":\"COMPUTE DIGITAL SIGNATURE\",\"in_len\":51,"
                                       "\"key\":\"sign\",\"rsp\":\"9000\",\"len\":256"));
  g_assert_nonnull (strstr (lines[15], "\"event\":\"reset\""));
  g_assert_nonnull (strstr (lines[15], "\"sign_verified\":false"));
  g_assert_nonnull (strstr (lines[16], "\"event\":\"power-off\""));
  g_assert_nonnull (strstr (lines[17], "\"event\":\"remove\""));
  g_assert_nonnull (strstr (lines[17], "\"note\":\"on purpose\""));
  remove_dir (dir);
}

int
main (int argc,
      char **argv)
{
  Fixture *fx;
  int ret;

  g_test_init (&argc, &argv, NULL);
  fx = fixture_new ();
  g_test_add_data_func ("/vcard/profile/valid", fx, test_profile_valid);
  g_test_add_data_func ("/vcard/profile/invalid", fx, test_profile_invalid);
  g_test_add_data_func ("/vcard/applet/select", fx, test_select);
  g_test_add_data_func ("/vcard/applet/read", fx, test_read);
  g_test_add_data_func ("/vcard/applet/verify", fx, test_verify);
  g_test_add_data_func ("/vcard/applet/tries-override", fx, test_tries_override);
  g_test_add_data_func ("/vcard/applet/sign", fx, test_sign);
  g_test_add_data_func ("/vcard/applet/clear-after-sign", fx, test_clear_after_sign);
  g_test_add_data_func ("/vcard/applet/faults", fx, test_faults);
  g_test_add_data_func ("/vcard/applet/classes", fx, test_classes);
  g_test_add_data_func ("/vcard/applet/malformed", fx, test_malformed);
  g_test_add_data_func ("/vcard/log", fx, test_log);
  ret = g_test_run ();
  fixture_free (fx);
  return ret;
}
