/* test-card.c: the pkcs11/ layer through the real stack: pcscd, the vpcd
 * reader, the virtual card, OpenSC's jpki driver, p11-kit. Run through
 * with-card.sh. Personas come from tests/vcard/make-personas.sh. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <PCSC/winscard.h>
#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "card-support.h"
#include "inj-app.h"

#define PERSONA "representative"

static InjCardMonitor *
monitor_new (void)
{
  g_autoptr(GError) error = NULL;
  InjCardMonitor *m = inj_card_monitor_new (NULL, &error);

  g_assert_no_error (error);
  return m;
}

static InjCard *
the_card (InjCardMonitor *m)
{
  InjCard *card;

  for (int i = 0; i < 100; i++)
    {
      g_assert_true (inj_card_monitor_refresh (m, NULL));
      card = inj_card_monitor_get_card (m, NULL);
      if (card)
        return card;
      g_usleep (50 * 1000);
    }
  g_error ("OpenSC does not show the virtual card as a My Number card");
}

static GBytes *
sha256_of (const char *text)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;

  g_checksum_update (sum, (const guchar *) text, -1);
  g_checksum_get_digest (sum, digest, &len);
  return g_bytes_new (digest, len);
}

static char *
persona_pin (const char *persona,
             const char *which)
{
  return test_persona_value (persona, "card", which);
}

/* ---------------------------------------------------------------- tokens */

static void
test_tokens (void)
{
  g_autoptr(TestVcard) vc = test_vcard_start (PERSONA, NULL);
  g_autoptr(InjCardMonitor) m = monitor_new ();
  g_autoptr(InjCard) card = the_card (m);
  g_autoptr(GPtrArray) tokens = inj_card_monitor_list_tokens (m);
  guint jpki = 0;

  for (guint i = 0; i < tokens->len; i++)
    if (inj_token_is_my_number (g_ptr_array_index (tokens, i)))
      jpki++;
  g_assert_cmpuint (jpki, ==, 2);
  g_assert_cmpstr (inj_token_get_label (inj_card_get_auth_token (card)), ==, INJ_JPKI_AUTH_LABEL);
  g_assert_cmpstr (inj_token_get_label (inj_card_get_sign_token (card)), ==, INJ_JPKI_SIGN_LABEL);
  g_assert_cmpstr (inj_card_get_reader (card), ==, inj_token_get_reader (inj_card_get_auth_token (card)));
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *kind = inj_pcsc_read_token_kind (inj_card_get_reader (card), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (kind, ==, "JPKIAPICCTOKEN2");
  }
}

/* A SoftHSM2 token is listed but never taken for a My Number card, even
 * when it copies a JPKI token's label. */
static void
test_softhsm_is_not_a_my_number_card (void)
{
  g_autoptr(TestVcard) vc = test_vcard_start (PERSONA, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("inj-softhsm-XXXXXX", &error);
  g_autofree char *tokens = g_build_filename (dir, "tokens", NULL);
  g_autofree char *conf = g_build_filename (dir, "softhsm2.conf", NULL);
  g_autofree char *conf_text = g_strdup_printf ("directories.tokendir = %s\nobjectstore.backend = file\n",
                                                tokens);
  const char *modules[] = { INJ_DEFAULT_PKCS11_MODULE, SOFTHSM2_MODULE, NULL };
  g_autoptr(InjCardMonitor) m = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(InjCard) card = NULL;
  int status = -1;
  guint soft = 0;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (tokens, 0700), ==, 0);
  g_assert_true (g_file_set_contents (conf, conf_text, -1, NULL));
  g_setenv ("SOFTHSM2_CONF", conf, TRUE);
  {
    const char *argv[] = { "softhsm2-util", "--init-token", "--free", "--label",
                           INJ_JPKI_SIGN_LABEL, "--pin", "123456", "--so-pin", "12345678", NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                  NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }

  m = inj_card_monitor_new (modules, &error);
  g_assert_no_error (error);
  card = the_card (m);
  all = inj_card_monitor_list_tokens (m);
  for (guint i = 0; i < all->len; i++)
    {
      InjToken *t = g_ptr_array_index (all, i);
      if (g_strcmp0 (inj_token_get_module_name (t), SOFTHSM2_MODULE) != 0)
        continue;
      /* SoftHSM also shows a fresh, empty slot: every one is "other" */
      if (g_strcmp0 (inj_token_get_label (t), INJ_JPKI_SIGN_LABEL) == 0)
        soft++;
      g_assert_cmpint (inj_token_get_kind (t), ==, INJ_TOKEN_KIND_OTHER);
      g_assert_false (inj_token_is_my_number (t));
    }
  g_assert_cmpuint (soft, ==, 1);
  cards = inj_card_monitor_list_cards (m);
  g_assert_cmpuint (cards->len, ==, 1);
  g_assert_true (inj_card_get_sign_token (card) != NULL &&
                 g_strcmp0 (inj_token_get_module_name (inj_card_get_sign_token (card)),
                            INJ_DEFAULT_PKCS11_MODULE) == 0);
  g_unsetenv ("SOFTHSM2_CONF");
}

/* The objects and mechanisms OpenSC exposes, compared with a reviewed
 * golden file: an OpenSC upgrade shows up as a diff to look at. */
static void
test_golden_snapshot (void)
{
  g_autoptr(TestVcard) vc = test_vcard_start (PERSONA, NULL);
  g_autoptr(InjCardMonitor) m = monitor_new ();
  g_autoptr(InjCard) card = the_card (m);
  g_autoptr(GError) error = NULL;
  g_autofree char *auth = inj_token_describe (inj_card_get_auth_token (card), &error);
  g_autofree char *sign = NULL;
  g_autofree char *now = NULL;
  g_autofree char *golden = NULL;
  g_autofree char *golden_path = g_build_filename (GOLDEN_DIR, "opensc-0.23-jpki.txt", NULL);

  g_assert_no_error (error);
  sign = inj_token_describe (inj_card_get_sign_token (card), &error);
  g_assert_no_error (error);
  now = g_strdup_printf ("%s\n%s", auth, sign);
  if (g_getenv ("INJ_UPDATE_GOLDEN"))
    g_assert_true (g_file_set_contents (golden_path, now, -1, NULL));
  g_assert_true (g_file_get_contents (golden_path, &golden, NULL, NULL));
  g_assert_cmpstr (now, ==, golden);
}

/* -------------------------------------------------------- certificates */

static void
check_san (InjCertificate *cert,
           const char *persona)
{
  static const char *keys[] = { "name", "name-substitute", "gender", "birth-date", "address",
                                "address-substitute" };

  g_assert_true (inj_certificate_has_jpki_fields (cert));
  for (InjJpkiField f = 0; f < INJ_N_JPKI_FIELDS; f++)
    {
      g_autofree char *expected = test_persona_value (persona, "san", keys[f]);
      const char *got = inj_certificate_get_jpki_field (cert, f);
      g_test_message ("%s: %s", keys[f], got ? got : "(absent)");
      g_assert_cmpstr (got ? got : "", ==, expected);
    }
}

static void
test_certificates (gconstpointer data)
{
  const char *persona = data;
  g_autoptr(TestVcard) vc = test_vcard_start (persona, NULL);
  g_autoptr(InjCardMonitor) m = monitor_new ();
  g_autoptr(InjCard) card = the_card (m);
  g_autofree char *password = persona_pin (persona, "sign-pin");
  g_autoptr(TestInteraction) ask = test_interaction_new (password);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) auth = inj_card_read_certificate (card, INJ_CERT_AUTH, NULL, NULL, &error);
  g_autoptr(GBytes) sign = NULL;
  g_autoptr(InjCertificate) auth_cert = NULL;
  g_autoptr(InjCertificate) sign_cert = NULL;
  g_autofree char *file_der = NULL;
  g_autofree char *file_path = test_persona_path (persona, "sign-cert.der");
  gsize file_len;

  /* the authentication certificate needs no PIN and carries no personal data */
  g_assert_no_error (error);
  g_assert_cmpuint (test_interaction_asked (ask), ==, 0);
  auth_cert = inj_certificate_new_from_der (auth, &error);
  g_assert_no_error (error);
  g_assert_false (inj_certificate_has_jpki_fields (auth_cert));

  sign = inj_card_read_certificate (card, INJ_CERT_SIGN, G_TLS_INTERACTION (ask), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (test_interaction_asked (ask), ==, 1);
  g_assert_true (g_file_get_contents (file_path, &file_der, &file_len, NULL));
  g_assert_cmpmem (g_bytes_get_data (sign, NULL), g_bytes_get_size (sign), file_der, file_len);
  sign_cert = inj_certificate_new_from_der (sign, &error);
  g_assert_no_error (error);
  check_san (sign_cert, persona);
  /* reading EF 0001 took the signing password */
  g_assert_cmpuint (test_vcard_count (vc, "VERIFY", "001B", TRUE), ==, 1);
}

/* ---------------------------------------------------------------- PINs */

static void
test_wrong_password_until_locked (void)
{
  const char *args[] = { "--sign-tries", "3", NULL };
  g_autoptr(TestVcard) vc = test_vcard_start (PERSONA, args);
  g_autoptr(InjCardMonitor) m = monitor_new ();
  g_autoptr(InjCard) card = the_card (m);
  g_autoptr(GBytes) digest = sha256_of ("委任状");
  g_autoptr(InjPinStatus) before = NULL;

  before = inj_card_get_pin_status (card, INJ_PIN_SIGN, NULL, NULL);
  g_assert_nonnull (before);
  g_assert_true (before->exact);
  g_assert_cmpint (before->tries_left, ==, 3);

  for (int left = 2; left >= 0; left--)
    {
      g_autoptr(TestInteraction) ask = test_interaction_new ("WRONG999");
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) sig = inj_card_sign_digest (card, INJ_PIN_SIGN, digest,
                                                   G_TLS_INTERACTION (ask), NULL, &error);
      g_autoptr(InjPinStatus) after = inj_card_get_pin_status (card, INJ_PIN_SIGN, NULL, NULL);
      g_autofree char *count = g_strdup_printf ("%d", left);

      g_assert_null (sig);
      g_assert_true (inj_pkcs11_error_is (error, CKR_PIN_INCORRECT));
      g_test_message ("%s", error->message);
      if (left > 0)
        g_assert_nonnull (strstr (error->message, count));
      g_assert_cmpint (after->tries_left, ==, left);
      if (left == 1)
        g_assert_true (test_interaction_flags (ask) & G_TLS_PASSWORD_MANY_TRIES);
      /* one VERIFY with the password per attempt: never retried */
      g_assert_cmpuint (test_vcard_count (vc, "VERIFY", "001B", TRUE), ==, 3 - left);
    }

  /* Locked: the client neither asks for nor sends a password. */
  {
    g_autoptr(TestInteraction) ask = test_interaction_new ("TESTPASS1");
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) sig = inj_card_sign_digest (card, INJ_PIN_SIGN, digest,
                                                 G_TLS_INTERACTION (ask), NULL, &error);
    g_assert_null (sig);
    g_assert_true (inj_pkcs11_error_is (error, CKR_PIN_LOCKED));
    g_assert_nonnull (strstr (error->message, "市区町村"));
    g_assert_cmpuint (test_interaction_asked (ask), ==, 0);
    g_assert_cmpuint (test_vcard_count (vc, "VERIFY", "001B", TRUE), ==, 3);
  }
}

static void
test_final_try_flag (void)
{
  const char *args[] = { "--sign-tries", "1", NULL };
  g_autoptr(TestVcard) vc = test_vcard_start (PERSONA, args);
  g_autoptr(InjCardMonitor) m = monitor_new ();
  g_autoptr(InjCard) card = the_card (m);
  g_autofree char *password = persona_pin (PERSONA, "sign-pin");
  g_autoptr(TestInteraction) ask = test_interaction_new (password);
  g_autoptr(GBytes) digest = sha256_of ("final");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sig = inj_card_sign_digest (card, INJ_PIN_SIGN, digest,
                                               G_TLS_INTERACTION (ask), NULL, &error);

  /* the person is told it is the last try before being asked */
  g_assert_no_error (error);
  g_assert_true (test_interaction_flags (ask) & G_TLS_PASSWORD_FINAL_TRY);
  {
    g_autoptr(InjPinStatus) st = inj_card_get_pin_status (card, INJ_PIN_SIGN, NULL, NULL);
    g_assert_cmpint (st->tries_left, ==, 5);
  }
}

static void
test_password_forms (void)
{
  g_autoptr(TestVcard) vc = test_vcard_start (PERSONA, NULL);
  g_autoptr(InjCardMonitor) m = monitor_new ();
  g_autoptr(InjCard) card = the_card (m);
  g_autofree char *password = persona_pin (PERSONA, "sign-pin");
  g_autofree char *lower = g_ascii_strdown (password, -1);
  g_autoptr(GBytes) digest = sha256_of ("form");
  const char *bad[] = { "ABC12", "ABCDEFGHIJ1234567", "PASS-WORD1", "パスワード12" };

  /* lower case is what people type: it is upper-cased first */
  {
    g_autoptr(TestInteraction) ask = test_interaction_new (lower);
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) sig = inj_card_sign_digest (card, INJ_PIN_SIGN, digest,
                                                 G_TLS_INTERACTION (ask), NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (sig);
  }
  /* a wrong length or character never reaches the card */
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(TestInteraction) ask = test_interaction_new (bad[i]);
      g_autoptr(GError) error = NULL;
      guint verifies = test_vcard_count (vc, "VERIFY", NULL, TRUE);
      g_autoptr(GBytes) sig = inj_card_sign_digest (card, INJ_PIN_SIGN, digest,
                                                   G_TLS_INTERACTION (ask), NULL, &error);
      g_assert_null (sig);
      g_assert_true (inj_pkcs11_error_is (error, INJ_CKR_PIN_FORMAT));
      g_assert_cmpuint (test_vcard_count (vc, "VERIFY", NULL, TRUE), ==, verifies);
    }
  {
    g_autoptr(InjPinStatus) st = inj_card_get_pin_status (card, INJ_PIN_SIGN, NULL, NULL);
    g_assert_cmpint (st->tries_left, ==, 5);
  }
}

/* ------------------------------------------------------------- signing */

static gboolean
verify_independently (const char *persona,
                      GBytes *digest,
                      GBytes *signature)
{
  g_autofree char *path = test_persona_path (persona, "sign-cert.der");
  g_autofree char *der = NULL;
  gsize len;
  gnutls_x509_crt_t crt;
  gnutls_pubkey_t key;
  gnutls_datum_t d, h, s;
  int rc;

  g_assert_true (g_file_get_contents (path, &der, &len, NULL));
  d.data = (unsigned char *) der;
  d.size = (unsigned) len;
  h.data = (unsigned char *) g_bytes_get_data (digest, NULL);
  h.size = (unsigned) g_bytes_get_size (digest);
  s.data = (unsigned char *) g_bytes_get_data (signature, NULL);
  s.size = (unsigned) g_bytes_get_size (signature);
  g_assert_cmpint (gnutls_x509_crt_init (&crt), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_import (crt, &d, GNUTLS_X509_FMT_DER), ==, 0);
  g_assert_cmpint (gnutls_pubkey_init (&key), ==, 0);
  g_assert_cmpint (gnutls_pubkey_import_x509 (key, crt, 0), ==, 0);
  rc = gnutls_pubkey_verify_hash2 (key, GNUTLS_SIGN_RSA_SHA256, 0, &h, &s);
  gnutls_pubkey_deinit (key);
  gnutls_x509_crt_deinit (crt);
  return rc >= 0;
}

/* Reading EF 0001 straight through PC/SC: refused unless verified. */
static guint16
read_ef0001_status (void)
{
  static const guint8 select_ef[] = { 0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x01 };
  static const guint8 read[] = { 0x00, 0xB0, 0x00, 0x00, 0x04 };
  SCARDCONTEXT ctx;
  SCARDHANDLE h;
  DWORD proto, len;
  guint8 rsp[260];
  char readers[256];
  DWORD rlen = sizeof readers;

  g_assert_cmpint (SCardEstablishContext (SCARD_SCOPE_SYSTEM, NULL, NULL, &ctx), ==, SCARD_S_SUCCESS);
  g_assert_cmpint (SCardListReaders (ctx, NULL, readers, &rlen), ==, SCARD_S_SUCCESS);
  g_assert_cmpint (SCardConnect (ctx, readers, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1,
                                 &h, &proto), ==, SCARD_S_SUCCESS);
  len = sizeof rsp;
  g_assert_cmpint (SCardTransmit (h, SCARD_PCI_T1, select_ef, sizeof select_ef, NULL, rsp, &len), ==,
                   SCARD_S_SUCCESS);
  len = sizeof rsp;
  g_assert_cmpint (SCardTransmit (h, SCARD_PCI_T1, read, sizeof read, NULL, rsp, &len), ==,
                   SCARD_S_SUCCESS);
  SCardDisconnect (h, SCARD_LEAVE_CARD);
  SCardReleaseContext (ctx);
  return (guint16) ((rsp[len - 2] << 8) | rsp[len - 1]);
}

static void
test_sign_and_verify (void)
{
  g_autoptr(TestVcard) vc = test_vcard_start (PERSONA, NULL);
  g_autoptr(InjCardMonitor) m = monitor_new ();
  g_autoptr(InjCard) card = the_card (m);
  g_autofree char *password = persona_pin (PERSONA, "sign-pin");
  g_autoptr(GPtrArray) log = NULL;
  int verified_before = -1;
  guint signatures = 0;

  for (int round = 0; round < 2; round++)
    {
      g_autoptr(TestInteraction) ask = test_interaction_new (password);
      g_autofree char *text = g_strdup_printf ("電子委任状 %d", round);
      g_autoptr(GBytes) digest = sha256_of (text);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) sig = inj_card_sign_digest (card, INJ_PIN_SIGN, digest,
                                                   G_TLS_INTERACTION (ask), NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (sig), ==, 256);
      g_assert_true (verify_independently (PERSONA, digest, sig));
      /* the card is not left verified: EF 0001 is refused again */
      g_assert_cmphex (read_ef0001_status (), ==, 0x6982);
    }

  /* Every COMPUTE DIGITAL SIGNATURE follows a VERIFY of the signing
   * password since the previous one, and each operation ends with the
   * JPKI application selected again (which clears the verified state). */
  log = test_vcard_log (vc);
  for (guint i = 0; i < log->len; i++)
    {
      JsonObject *o = g_ptr_array_index (log, i);
      const char *ins = json_object_get_string_member_with_default (o, "ins", "");
      const char *cmd = json_object_get_string_member_with_default (o, "cmd", "");
      if (g_str_equal (ins, "VERIFY") && strlen (cmd) > 8 &&
          g_strcmp0 (json_object_get_string_member_with_default (o, "ef", ""), "001B") == 0)
        verified_before = (int) i;
      if (g_str_equal (ins, "COMPUTE DIGITAL SIGNATURE"))
        {
          g_assert_cmpint (verified_before, >=, 0);
          verified_before = -1;
          signatures++;
        }
    }
  g_assert_cmpuint (signatures, ==, 2);

  /* Proof from the card's side: after each signature, the next APDU that
   * is not our test's own probe of EF 0001 selects the JPKI application
   * again, and neither PIN is verified after it. */
  for (guint i = 0; i < log->len; i++)
    {
      JsonObject *o = g_ptr_array_index (log, i);
      gboolean reselected = FALSE;
      if (g_strcmp0 (json_object_get_string_member_with_default (o, "ins", ""),
                     "COMPUTE DIGITAL SIGNATURE") != 0)
        continue;
      for (guint k = i + 1; k < log->len && !reselected; k++)
        {
          JsonObject *n = g_ptr_array_index (log, k);
          const char *ins = json_object_get_string_member_with_default (n, "ins", "");
          if (g_strcmp0 (json_object_get_string_member_with_default (n, "event", ""), "apdu") != 0)
            continue;
          if (g_str_equal (ins, "SELECT") &&
              g_strcmp0 (json_object_get_string_member_with_default (n, "aid", ""),
                         "D392F000260100000001") == 0)
            {
              g_assert_false (json_object_get_boolean_member (n, "sign_verified"));
              g_assert_false (json_object_get_boolean_member (n, "auth_verified"));
              reselected = TRUE;
            }
          else
            /* the probe must come after the re-selection, never before */
            g_assert_cmpstr (json_object_get_string_member_with_default (n, "ef", ""), !=, "0001");
        }
      g_assert_true (reselected);
    }
}

static void
test_not_verified_after_failure (void)
{
  const char *args[] = { "--fault", "sign-6f00", NULL };
  g_autoptr(TestVcard) vc = test_vcard_start (PERSONA, args);
  g_autoptr(InjCardMonitor) m = monitor_new ();
  g_autoptr(InjCard) card = the_card (m);
  g_autofree char *password = persona_pin (PERSONA, "sign-pin");
  g_autoptr(TestInteraction) ask = test_interaction_new (password);
  g_autoptr(GBytes) digest = sha256_of ("fault");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sig = inj_card_sign_digest (card, INJ_PIN_SIGN, digest,
                                               G_TLS_INTERACTION (ask), NULL, &error);

  g_assert_null (sig);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  /* the password was right, the card failed: still not left verified */
  g_assert_cmpuint (test_vcard_count (vc, "VERIFY", "001B", TRUE), >=, 1);
  g_assert_cmphex (read_ef0001_status (), ==, 0x6982);
}

typedef struct {
  GMainLoop *loop;
  GBytes *result;
  GError *error;
} Wait;

static void
on_signed (GObject *source,
           GAsyncResult *res,
           gpointer data)
{
  Wait *w = data;
  w->result = inj_card_sign_digest_finish (INJ_CARD (source), res, &w->error);
  g_main_loop_quit (w->loop);
}

static gboolean
remove_card (gpointer data)
{
  g_autofree char *reply = test_vcard_control (data, "remove");
  g_test_message ("remove: %s", reply ? reply : "");
  return G_SOURCE_REMOVE;
}

static gboolean
too_slow (gpointer data)
{
  g_error ("signing did not end after the card was removed");
  return G_SOURCE_REMOVE;
}

static void
test_removed_while_signing (void)
{
  const char *args[] = { "--latency-ms", "150", NULL };
  g_autoptr(TestVcard) vc = test_vcard_start (PERSONA, args);
  g_autoptr(InjCardMonitor) m = monitor_new ();
  g_autoptr(InjCard) card = the_card (m);
  g_autofree char *password = persona_pin (PERSONA, "sign-pin");
  g_autoptr(TestInteraction) ask = test_interaction_new (password);
  g_autoptr(GBytes) digest = sha256_of ("removed");
  Wait w = { g_main_loop_new (NULL, FALSE), NULL, NULL };
  guint guard;

  inj_card_sign_digest_async (card, INJ_PIN_SIGN, digest, G_TLS_INTERACTION (ask), NULL,
                              on_signed, &w);
  g_timeout_add (900, remove_card, vc);
  guard = g_timeout_add_seconds (60, too_slow, NULL);
  g_main_loop_run (w.loop);
  g_source_remove (guard);

  g_assert_null (w.result);
  g_assert_nonnull (w.error);
  g_test_message ("%s", w.error->message);
  g_assert_true (w.error->domain == INJ_PKCS11_ERROR);
  /* OpenSC says CKR_GENERAL_ERROR; the card layer finds the reader empty */
  g_assert_cmpstr (inj_pkcs11_rv_name (inj_pkcs11_error_rv (w.error)), ==, "CKR_DEVICE_REMOVED");
  g_assert_nonnull (strstr (w.error->message, "カード"));
  g_clear_error (&w.error);
  g_main_loop_unref (w.loop);
}

static void
test_locked_card_lists (void)
{
  const char *args[] = { "--sign-tries", "0", NULL };
  g_autoptr(TestVcard) vc = test_vcard_start (PERSONA, args);
  g_autoptr(InjCardMonitor) m = monitor_new ();
  g_autoptr(InjCard) card = the_card (m);
  g_autoptr(InjPinStatus) st = inj_card_get_pin_status (card, INJ_PIN_SIGN, NULL, NULL);
  g_autoptr(InjPinStatus) auth = inj_card_get_pin_status (card, INJ_PIN_AUTH, NULL, NULL);

  g_assert_true (st->locked);
  g_assert_cmpint (st->tries_left, ==, 0);
  g_assert_false (auth->locked);
  g_assert_cmpint (auth->tries_left, ==, 3);
}

/* ------------------------------------------------------- async, events */

static void
on_status (GObject *source,
           GAsyncResult *res,
           gpointer data)
{
  GPtrArray *order = data;
  g_autoptr(GError) error = NULL;
  InjPinStatus *st = inj_card_get_pin_status_finish (INJ_CARD (source), res, &error);
  g_assert_no_error (error);
  g_ptr_array_add (order, st);
}

static void
test_async_in_order (void)
{
  g_autoptr(TestVcard) vc = test_vcard_start (PERSONA, NULL);
  g_autoptr(InjCardMonitor) m = monitor_new ();
  g_autoptr(InjCard) card = the_card (m);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func ((GDestroyNotify) inj_pin_status_free);

  inj_card_get_pin_status_async (card, INJ_PIN_AUTH, NULL, on_status, order);
  inj_card_get_pin_status_async (card, INJ_PIN_SIGN, NULL, on_status, order);
  inj_card_get_pin_status_async (card, INJ_PIN_AUTH, NULL, on_status, order);
  while (order->len < 3)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (((InjPinStatus *) order->pdata[0])->pin, ==, INJ_PIN_AUTH);
  g_assert_cmpint (((InjPinStatus *) order->pdata[1])->pin, ==, INJ_PIN_SIGN);
  g_assert_cmpint (((InjPinStatus *) order->pdata[2])->pin, ==, INJ_PIN_AUTH);
}

static void
on_status_cancelled (GObject *source,
                     GAsyncResult *res,
                     gpointer data)
{
  g_autoptr(GError) error = NULL;
  InjPinStatus *st = inj_card_get_pin_status_finish (INJ_CARD (source), res, &error);

  g_assert_null (st);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  *(gboolean *) data = TRUE;
}

static void
assert_op (GPtrArray *ops,
           guint i,
           const char *operation,
           const char *detail,
           const char *result)
{
  InjOpRecord *r;

  g_assert_cmpuint (i, <, ops->len);
  r = g_ptr_array_index (ops, i);
  g_assert_cmpstr (r->operation, ==, operation);
  g_assert_cmpstr (r->detail, ==, detail);
  g_assert_cmpstr (r->result, ==, result);
}

/* Blocking and async operations take one path: each leaves its line in
 * the ring (a signature's PIN state its own, first), and one cancelled
 * before it began leaves none and asks for nothing. */
static void
test_operations_recorded (void)
{
  g_autoptr(TestVcard) vc = test_vcard_start (PERSONA, NULL);
  g_autoptr(InjCardMonitor) m = monitor_new ();
  g_autoptr(InjCard) card = the_card (m);
  g_autofree char *password = persona_pin (PERSONA, "sign-pin");
  g_autoptr(TestInteraction) ask = test_interaction_new (password);
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GBytes) digest = sha256_of ("電子委任状");
  g_autoptr(GBytes) cert = NULL;
  g_autoptr(GBytes) refused = NULL;
  g_autoptr(InjPinStatus) st = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GError) error = NULL;
  Wait w = { g_main_loop_new (NULL, FALSE), NULL, NULL };
  gboolean status_done = FALSE;

  inj_pkcs11_ops_clear ();
  cert = inj_card_read_certificate (card, INJ_CERT_AUTH, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cert);

  inj_card_sign_digest_async (card, INJ_PIN_SIGN, digest, G_TLS_INTERACTION (ask), NULL,
                              on_signed, &w);
  g_main_loop_run (w.loop);
  g_main_loop_unref (w.loop);
  g_assert_no_error (w.error);
  g_assert_cmpuint (g_bytes_get_size (w.result), ==, 256);
  g_assert_true (verify_independently (PERSONA, digest, w.result));
  g_bytes_unref (w.result);

  st = inj_card_get_pin_status (card, INJ_PIN_AUTH, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (st->locked);

  g_cancellable_cancel (cancelled);
  refused = inj_card_sign_digest (card, INJ_PIN_SIGN, digest, G_TLS_INTERACTION (ask),
                                  cancelled, &error);
  g_assert_null (refused);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  inj_card_get_pin_status_async (card, INJ_PIN_SIGN, cancelled, on_status_cancelled,
                                 &status_done);
  while (!status_done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (test_interaction_asked (ask), ==, 1);

  ops = inj_pkcs11_ops_snapshot ();
  g_assert_cmpuint (ops->len, ==, 4);
  assert_op (ops, 0, "read-certificate", "auth", "ok");
  assert_op (ops, 1, "pin-status", "sign-pin", "ok");
  assert_op (ops, 2, "sign", "sign-key", "ok");
  assert_op (ops, 3, "pin-status", "auth-pin", "ok");
}

static void
on_changed (InjCardMonitor *m,
            gpointer data)
{
  (*(guint *) data)++;
}

static guint
count_cards (InjCardMonitor *m)
{
  g_autoptr(GPtrArray) cards = inj_card_monitor_list_cards (m);
  return cards->len;
}

static gboolean
deadline_passed (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the monitor has told of a change and shows
 * @cards cards, or fails after 15 s. A card appears token by token, so
 * more than one "changed" may come first. */
static void
wait_for_cards (InjCardMonitor *m,
                guint *changes,
                guint before,
                guint cards)
{
  gboolean late = FALSE;
  guint id = g_timeout_add_seconds (15, deadline_passed, &late);

  while (!late && (*changes == before || count_cards (m) != cards))
    g_main_context_iteration (NULL, TRUE);
  if (late)
    g_error ("no \"changed\" to %u card(s) within 15 s", cards);
  g_source_remove (id);
}

static void
test_insert_remove_events (void)
{
  g_autoptr(TestVcard) vc = test_vcard_start (PERSONA, NULL);
  g_autoptr(InjCardMonitor) m = monitor_new ();
  g_autoptr(InjCard) card = the_card (m);
  guint changes = 0, before;

  g_signal_connect (m, "changed", G_CALLBACK (on_changed), &changes);
  inj_card_monitor_watch (m, 100);
  g_free (test_vcard_control (vc, "remove"));
  wait_for_cards (m, &changes, 0, 0);
  before = changes;
  g_free (test_vcard_control (vc, "insert"));
  wait_for_cards (m, &changes, before, 1);
}

int
main (int argc,
      char **argv)
{
  inj_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/card/tokens", test_tokens);
  g_test_add_func ("/card/golden-snapshot", test_golden_snapshot);
  g_test_add_func ("/card/softhsm-is-not-a-my-number-card", test_softhsm_is_not_a_my_number_card);
  g_test_add_data_func ("/card/certificates/representative", "representative", test_certificates);
  g_test_add_data_func ("/card/certificates/proprietor", "proprietor", test_certificates);
  g_test_add_data_func ("/card/certificates/agent-zeirishi", "agent-zeirishi", test_certificates);
  g_test_add_func ("/card/pin/wrong-until-locked", test_wrong_password_until_locked);
  g_test_add_func ("/card/pin/final-try", test_final_try_flag);
  g_test_add_func ("/card/pin/forms", test_password_forms);
  g_test_add_func ("/card/pin/locked-card-lists", test_locked_card_lists);
  g_test_add_func ("/card/sign/verify", test_sign_and_verify);
  g_test_add_func ("/card/sign/failure-leaves-unverified", test_not_verified_after_failure);
  g_test_add_func ("/card/sign/removed", test_removed_while_signing);
  g_test_add_func ("/card/async-in-order", test_async_in_order);
  g_test_add_func ("/card/operations-recorded", test_operations_recorded);
  g_test_add_func ("/card/events", test_insert_remove_events);
  return g_test_run ();
}
