/* test-log.c: the log's redaction layer and its file. */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "inj-app.h"

static void
assert_gone (const char *input,
             const char *secret)
{
  g_autofree char *out = inj_log_redact (input);

  if (strstr (out, secret) != NULL)
    g_error ("“%s” left in “%s” (from “%s”)", secret, out, input);
}

static void
assert_kept (const char *input,
             const char *kept)
{
  g_autofree char *out = inj_log_redact (input);

  if (strstr (out, kept) == NULL)
    g_error ("“%s” removed from “%s” (from “%s”)", kept, out, input);
}

static void
test_pins (void)
{
  const char *pin_inputs[] = {
    "PIN=1234", "pin: 1234", "PIN 1234 given", "the PIN is 1234", "{\"pin\":\"1234\"}",
    "pin code: 1234", "暗証番号：1234", "暗証番号は1234です", "ＰＩＮ＝1234", "Pin='1234'",
  };
  const char *password_inputs[] = {
    "password=TESTPASS1", "Password: TESTPASS1", "the password was TESTPASS1",
    "signingPassword=\"TESTPASS1\"", "パスワード：TESTPASS1", "passphrase = TESTPASS1",
    "PASSWORD TESTPASS1", "{\"password\": \"TESTPASS1\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (pin_inputs); i++)
    assert_gone (pin_inputs[i], "1234");
  for (guint i = 0; i < G_N_ELEMENTS (password_inputs); i++)
    assert_gone (password_inputs[i], "TESTPASS1");
  /* tries, identifiers and words around a PIN stay */
  assert_kept ("Authentication PIN tries left: 3", "tries left: 3");
  assert_kept ("{\"auth_pin_tries_left\": 3}", "\"auth_pin_tries_left\": 3");
  assert_kept ("the PIN was wrong", "the PIN was wrong");
  assert_kept ("PIN=1234", "PIN=");
}

static void
test_certificates (void)
{
  g_autofree char *pem = NULL;
  g_autofree char *b64 = NULL;
  guint8 der[300];
  const char *fpr = "3F:9A:01:BC:DE:F0:12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0:12:34:56:78:"
                    "9A:BC:DE:F0:12:34";
  const char *hexfpr = "3f9a01bcdef0123456789abcdef0123456789abcdef0123456789abcdef01234";

  for (guint i = 0; i < sizeof der; i++)
    der[i] = (guint8) (i * 37 + 11);
  der[0] = 0x30;
  der[1] = 0x82;
  b64 = g_base64_encode (der, sizeof der);
  pem = g_strdup_printf ("before\n-----BEGIN CERTIFICATE-----\n%.64s\n%.64s\n%s\n"
                         "-----END CERTIFICATE-----\nafter", b64, b64 + 64, b64 + 128);
  assert_gone (pem, "MIIB");
  assert_gone (pem, b64 + 128);
  assert_kept (pem, "before");
  assert_kept (pem, "after");
  {
    g_autofree char *unterminated = g_strdup_printf ("-----BEGIN CERTIFICATE-----\n%s", b64);
    assert_gone (unterminated, b64 + 100);
  }
  {
    g_autofree char *inline_der = g_strdup_printf ("certificate %s end", b64);
    g_autofree char *out = inj_log_redact (inline_der);
    g_assert_null (strstr (out, b64));
    g_assert_nonnull (strstr (out, INJ_LOG_REDACTED_CERT));
    g_assert_nonnull (strstr (out, " end"));
  }
  assert_kept (fpr, fpr);
  assert_kept (hexfpr, hexfpr);
  assert_kept ("serial 0A1B2C3D4E5F60718293A4B5C6D7E8F901234567", "0A1B2C3D4E5F60718293A4B5C6D7E8F901234567");
  assert_kept ("/usr/lib/x86_64-linux-gnu/pkcs11/opensc-pkcs11.so", "/usr/lib/x86_64-linux-gnu/pkcs11/opensc-pkcs11.so");
}

static void
test_personal (void)
{
  GDate birth;

  inj_log_clear_secrets ();
  inj_log_add_secret_text ("番号　花子");
  inj_log_add_secret_text ("東京都千代田区霞が関１－２－３");
  inj_log_add_secret_text ("Hanako BANGO");
  g_date_clear (&birth, 1);
  g_date_set_dmy (&birth, 1, 4, 1980);
  inj_log_add_secret_date (&birth);

  /* the name: as registered, without the space, half-width space, in a sentence */
  assert_gone ("signer 番号　花子 signed", "花子");
  assert_gone ("signer 番号花子 signed", "花子");
  assert_gone ("signer 番号 花子", "番号");
  assert_kept ("signer 番号 花子 signed", "signed");
  /* Latin letters: case and full width */
  assert_gone ("HANAKO BANGO", "HANAKO");
  assert_gone ("ｈａｎａｋｏ　ｂａｎｇｏ", "ｈａｎａｋｏ");
  assert_gone ("hanakobango", "hanako");
  /* the address: full-width and ASCII digits and hyphens */
  assert_gone ("住所 東京都千代田区霞が関1-2-3 まで", "霞が関");
  assert_gone ("東京都 千代田区 霞が関 １－２－３", "千代田区");
  /* half-width katakana folded too */
  inj_log_add_secret_text ("バンゴウ");
  assert_gone ("ﾊﾞﾝｺﾞｳ", "ﾊﾞﾝｺﾞｳ");
  /* the date of birth in 西暦 and 和暦 */
  assert_gone ("born 1980-04-01", "1980-04-01");
  assert_gone ("born 1980/4/1", "1980/4/1");
  assert_gone ("born 19800401", "19800401");
  assert_gone ("生年月日 1980年4月1日", "1980年");
  assert_gone ("生年月日 １９８０年０４月０１日", "１９８０");
  assert_gone ("生年月日 昭和55年4月1日", "昭和55");
  assert_gone ("生年月日 昭和５５年４月１日", "昭和５５");
  assert_gone ("生年月日 昭和55年04月01日", "昭和55");
  /* other dates stay */
  assert_kept ("valid until 2030-04-01", "2030-04-01");
  inj_log_clear_secrets ();
  assert_kept ("番号花子", "番号花子");
}

static void
test_certificate_registers (void)
{
  /* nothing to parse here without a card: the registration is checked by
   * the card tests; here, the API takes NULL and short texts */
  inj_log_add_secret_text (NULL);
  inj_log_add_secret_text ("a");
  assert_kept ("a b c", "a b c");
}

static void
test_writer (void)
{
  g_autofree char *dir = g_dir_make_tmp ("inj-log-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "logs", "ininjo.log", NULL);
  g_autofree char *old = g_strconcat (path, ".1", NULL);
  g_autofree char *content = NULL;
  g_autoptr(GBytes) recent = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  inj_log_set_path (path);
  inj_log_init (FALSE);
  inj_log_add_secret_text ("番号花子");
  g_message ("signing for 番号 花子 with PIN: 1234");
  g_debug ("a debug line not written");
  error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "password is TESTPASS1");
  g_message ("failed: %s", error->message);
  g_assert_true (g_file_get_contents (path, &content, NULL, NULL));
  g_assert_null (strstr (content, "花子"));
  g_assert_null (strstr (content, "1234"));
  g_assert_null (strstr (content, "TESTPASS1"));
  g_assert_nonnull (strstr (content, "signing for"));
  g_assert_null (strstr (content, "debug line"));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  inj_log_set_verbose (TRUE);
  g_debug ("a debug line written");
  inj_log_set_verbose (FALSE);
  g_clear_pointer (&content, g_free);
  g_assert_true (g_file_get_contents (path, &content, NULL, NULL));
  g_assert_nonnull (strstr (content, "debug line written"));

  /* rotation: one older file, the current one small again */
  for (int i = 0; i < 3000; i++)
    g_message ("filling the log, line %d of a few hundred kilobytes …………………", i);
  g_assert_true (g_file_test (old, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, <, 256 * 1024);
  recent = inj_log_read_recent ();
  g_assert_cmpuint (g_bytes_get_size (recent), >, 256 * 1024);
  g_assert_cmpuint (g_bytes_get_size (recent), <, 2 * 256 * 1024 + 4096);

  inj_log_set_path (NULL);
  g_unlink (old);
  g_unlink (path);
  {
    g_autofree char *logs = g_path_get_dirname (path);
    g_rmdir (logs);
  }
  g_rmdir (dir);
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  inj_i18n_init ();
  g_test_add_func ("/log/pins", test_pins);
  g_test_add_func ("/log/certificates", test_certificates);
  g_test_add_func ("/log/personal", test_personal);
  g_test_add_func ("/log/short", test_certificate_registers);
  g_test_add_func ("/log/writer", test_writer);
  return g_test_run ();
}
