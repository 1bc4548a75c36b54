/* test-trust.c: the three generations of JPKI roots (pins, kinds, a card's
 * CA), chains judged at the signing time and now (the TEST 2015 root has
 * expired, 2019 and 2023 are valid), the certificate policy (a J-LIS test
 * card), and certificates whose validity cannot be represented. Signatures
 * come from the personas' software keys, at a fixed signing time. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "sign-support.h"

static char *personas;

/* the six public roots and their kinds, as jpki-card.md lists them */
static const struct {
  const char *file;
  InjJpkiRootKind kind;
  const char *sha256;
} public_roots[] = {
  { "sign_ca_2015.pem", INJ_JPKI_ROOT_SIGNING,
    "19:64:54:05:A1:FE:14:37:74:34:BD:55:95:76:28:AC:40:38:55:7C:54:24:03:A2:24:3F:21:C7:06:FC:93:55" },
  { "sign_ca_2019.pem", INJ_JPKI_ROOT_SIGNING,
    "79:67:9C:33:E4:CC:93:19:44:0F:1A:D1:20:A5:97:FF:18:44:E2:EF:21:70:63:AD:B1:76:96:6F:D5:E6:FB:EB" },
  { "sign_ca_2023.pem", INJ_JPKI_ROOT_SIGNING,
    "D2:27:F6:CD:E1:1D:35:C5:25:21:78:F1:06:F8:43:D2:46:51:94:49:75:41:3B:53:9F:A2:FB:68:DB:FA:36:5F" },
  { "auth_ca_2015.pem", INJ_JPKI_ROOT_AUTHENTICATION,
    "4D:CF:C4:CA:0A:AF:9F:B2:A3:08:1B:3F:0C:99:1C:32:0B:3A:CC:00:86:67:A3:41:EE:AE:C5:AF:1D:58:CA:7D" },
  { "auth_ca_2019.pem", INJ_JPKI_ROOT_AUTHENTICATION,
    "0D:98:DE:47:FC:11:B7:F6:71:26:87:4B:70:28:B6:02:6A:80:3D:26:38:D6:ED:FE:53:17:69:53:96:1F:AD:E6" },
  { "auth_ca_2023.pem", INJ_JPKI_ROOT_AUTHENTICATION,
    "64:11:4F:29:62:0C:24:ED:26:31:D4:64:76:A0:40:E7:EE:74:0D:95:60:89:C0:0B:03:6A:6A:81:18:C3:22:B5" },
};

/* ------------------------------------------------------------ helpers */

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

/* The first certificate of a PEM file, as DER. */
static GBytes *
pem_to_der (const char *path)
{
  g_autoptr(GBytes) pem = read_bytes (path);
  gnutls_x509_crt_t crt;
  gnutls_datum_t d = { (unsigned char *) g_bytes_get_data (pem, NULL),
                       (unsigned) g_bytes_get_size (pem) };
  gnutls_datum_t out = { NULL, 0 };
  GBytes *der;

  g_assert_cmpint (gnutls_x509_crt_init (&crt), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_import (crt, &d, GNUTLS_X509_FMT_PEM), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_DER, &out), ==, 0);
  der = g_bytes_new (out.data, out.size);
  gnutls_free (out.data);
  gnutls_x509_crt_deinit (crt);
  return der;
}

static InjCertificate *
cert_from_file (const char *path,
                gboolean pem)
{
  g_autoptr(GBytes) der = pem ? pem_to_der (path) : read_bytes (path);
  g_autoptr(GError) error = NULL;
  InjCertificate *c = inj_certificate_new_from_der (der, &error);

  g_assert_no_error (error);
  return c;
}

static char *
public_root (const char *file)
{
  return g_build_filename (DATA_DIR, "jpki-ca", file, NULL);
}

static char *
persona_file (const char *persona,
              const char *file)
{
  return g_build_filename (personas, "personas", persona, file, NULL);
}

static char *
ca_file (const char *file)
{
  return g_build_filename (personas, "ca", file, NULL);
}

/* The pinned signing roots and the TEST anchors of @files (in ca/). */
static InjTrustStore *
trust_with (const char *const *files)
{
  InjTrustStore *t = inj_trust_store_new_jpki_signing ();

  for (guint i = 0; files[i]; i++)
    {
      g_autofree char *path = ca_file (files[i]);
      g_autoptr(GError) error = NULL;
      g_assert_true (inj_trust_store_add_file (t, path, &error));
      g_assert_no_error (error);
    }
  return t;
}

/* @persona's delegation, made (and so signed) at @at, with its software key. */
static GBytes *
signed_by (const char *persona,
           const char *name,
           GDateTime *at)
{
  g_autofree char *key = persona_file (persona, "sign-key.pem");
  g_autofree char *cert = persona_file (persona, "sign-cert.der");
  g_auto(TestSoftKey) k = { NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(InjDelegation) d = sign_new_delegation_at (name, at);
  GBytes *xml;

  g_assert_true (test_soft_key_load (&k, key, cert, &error));
  xml = inj_sign_delegation (d, test_soft_key_sign, &k, &error);
  g_assert_no_error (error);
  return xml;
}

static InjVerification *
verify_at (GBytes *xml,
           InjTrustStore *t,
           GDateTime *now)
{
  g_autoptr(GError) error = NULL;
  InjVerification *v = inj_verify_delegation (xml, t, now, NULL, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (v);
  text = inj_verification_render (v);
  g_test_message ("%s", text);
  return v;
}

static void
assert_check (InjVerification *v,
              InjCheckKind kind,
              InjCheckResult result)
{
  const InjCheck *c = inj_verification_find (v, kind);

  if (c == NULL)
    g_error ("no check of kind %d", kind);
  if (c->result != result)
    g_error ("check %d: result %d, want %d (%s)", kind, c->result, result, c->message);
}

/* A name from persona.ini's [san]. */
static char *
persona_name (const char *persona)
{
  g_autofree char *ini = persona_file (persona, "persona.ini");
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  char *name;

  g_key_file_load_from_file (kf, ini, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  name = g_key_file_get_string (kf, "san", "name", &error);
  g_assert_no_error (error);
  return name;
}

/* ------------------------------------------------------------- pins */

/* Each of the six public roots is pinned for its own kind, compiled in,
 * and chains to itself through its own generation (all three of a kind
 * share one DN; only the key tells them apart). */
static void
test_pins (void)
{
  g_autoptr(InjTrustStore) sign = inj_trust_store_new_jpki_signing ();
  g_autoptr(InjTrustStore) auth = inj_trust_store_new_jpki_authentication ();

  g_assert_cmpuint (inj_trust_store_get_n_anchors (sign), ==, 3);
  g_assert_cmpuint (inj_trust_store_get_n_anchors (auth), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (public_roots); i++)
    {
      g_autofree char *path = public_root (public_roots[i].file);
      g_autoptr(InjCertificate) root = cert_from_file (path, TRUE);
      g_autoptr(InjCertificate) anchor = NULL;
      InjTrustStore *own = public_roots[i].kind == INJ_JPKI_ROOT_SIGNING ? sign : auth;
      InjTrustStore *other = own == sign ? auth : sign;
      gboolean pinned = FALSE;

      g_test_message ("%s", public_roots[i].file);
      g_assert_cmpstr (inj_certificate_get_fingerprint (root), ==, public_roots[i].sha256);
      g_assert_cmpint (inj_jpki_root_kind (public_roots[i].sha256), ==, public_roots[i].kind);
      g_assert_true (inj_jpki_root_is_pinned (public_roots[i].sha256));
      g_assert_cmpint (inj_trust_store_check (own, root, &anchor, &pinned), ==, INJ_CHAIN_TRUSTED);
      g_assert_true (pinned);
      g_assert_cmpstr (inj_certificate_get_fingerprint (anchor), ==, public_roots[i].sha256);
      g_assert_cmpint (inj_trust_store_check (other, root, NULL, NULL), !=, INJ_CHAIN_TRUSTED);
    }
}

/* A CA certificate read from a card (EF 0002, EF 000B) is trusted only
 * when it is a pinned root of the right kind. */
static void
test_card_ca (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (public_roots); i++)
    {
      g_autofree char *path = public_root (public_roots[i].file);
      g_autoptr(GBytes) der = pem_to_der (path);
      g_autoptr(InjTrustStore) right = inj_trust_store_new ();
      g_autoptr(InjTrustStore) wrong = inj_trust_store_new ();
      InjJpkiRootKind other = public_roots[i].kind == INJ_JPKI_ROOT_SIGNING
                                ? INJ_JPKI_ROOT_AUTHENTICATION
                                : INJ_JPKI_ROOT_SIGNING;
      g_autoptr(GError) error = NULL;

      g_assert_true (inj_trust_store_add_card_ca (right, der, public_roots[i].kind, NULL));
      g_assert_cmpuint (inj_trust_store_get_n_anchors (right), ==, 1);
      g_assert_false (inj_trust_store_add_card_ca (wrong, der, other, &error));
      g_assert_error (error, INJ_CERTIFICATE_ERROR, INJ_CERTIFICATE_ERROR_PARSE);
      g_assert_cmpuint (inj_trust_store_get_n_anchors (wrong), ==, 0);
    }
  /* the TEST roots of every generation, on the personas' cards: never */
  for (guint g = 0; g < 3; g++)
    {
      static const char *const files[] = { "sign-ca-2015.der", "sign-ca-2019.der",
                                           "sign-ca-2023.der", "auth-ca-2015.der",
                                           "auth-ca-2019.der", "auth-ca-2023.der" };
      for (guint k = 0; k < 2; k++)
        {
          g_autofree char *path = ca_file (files[g + 3 * k]);
          g_autoptr(GBytes) der = read_bytes (path);
          g_autoptr(InjTrustStore) t = inj_trust_store_new ();
          g_assert_false (inj_trust_store_add_card_ca (t, der,
                                                       k ? INJ_JPKI_ROOT_AUTHENTICATION
                                                         : INJ_JPKI_ROOT_SIGNING,
                                                       NULL));
        }
    }
}

/* The TEST bundle (ca/sign-ca.pem) holds every generation; each persona's
 * certificate chains to its own. Without the 2019 anchor, a 2019
 * representative is not trusted: the generation matters. */
static void
test_test_generations (void)
{
  static const char *const bundle[] = { "sign-ca.pem", NULL };
  static const char *const without_2019[] = { "sign-ca-2015.pem", "sign-ca-2023.pem", NULL };
  static const struct { const char *persona, *root; } cases[] = {
    { "representative", "sign-ca-2023.der" },
    { "representative-2019", "sign-ca-2019.der" },
    { "agent-2019", "sign-ca-2019.der" },
    { "signed-2015", "sign-ca-2015.der" },
  };
  g_autoptr(InjTrustStore) all = trust_with (bundle);
  g_autoptr(InjTrustStore) partial = trust_with (without_2019);

  /* 3 pinned public roots + 3 TEST generations */
  g_assert_cmpuint (inj_trust_store_get_n_anchors (all), ==, 6);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *cert_path = persona_file (cases[i].persona, "sign-cert.der");
      g_autofree char *root_path = ca_file (cases[i].root);
      g_autoptr(InjCertificate) cert = cert_from_file (cert_path, FALSE);
      g_autoptr(InjCertificate) root = cert_from_file (root_path, FALSE);
      g_autoptr(InjCertificate) anchor = NULL;
      gboolean pinned = TRUE;

      g_test_message ("%s", cases[i].persona);
      g_assert_cmpint (inj_trust_store_check (all, cert, &anchor, &pinned), ==, INJ_CHAIN_TRUSTED);
      g_assert_false (pinned);
      g_assert_cmpstr (inj_certificate_get_fingerprint (anchor), ==,
                       inj_certificate_get_fingerprint (root));
    }
  {
    g_autofree char *path = persona_file ("representative-2019", "sign-cert.der");
    g_autoptr(InjCertificate) cert = cert_from_file (path, FALSE);
    g_assert_cmpint (inj_trust_store_check (partial, cert, NULL, NULL), !=, INJ_CHAIN_TRUSTED);
  }
}

/* --------------------------------------------- signing time and now */

/* A day inside @persona's signing certificate's validity. */
static GDateTime *
while_valid (const char *persona)
{
  g_autofree char *path = persona_file (persona, "sign-cert.der");
  g_autoptr(InjCertificate) cert = cert_from_file (path, FALSE);
  g_autoptr(GTimeZone) jst = inj_date_jst ();
  g_autoptr(GDateTime) later = g_date_time_add_days (inj_certificate_get_not_before (cert), 30);
  GDateTime *local = g_date_time_to_timezone (later, jst);

  /* created-at is stored in whole seconds */
  GDateTime *whole = g_date_time_new (jst, g_date_time_get_year (local),
                                      g_date_time_get_month (local),
                                      g_date_time_get_day_of_month (local), 12, 0, 0);
  g_date_time_unref (local);
  return whole;
}

/* ininjo-cli verify on such a file: not valid now, but its verdict says
 * it was valid when signed (never a plain "invalid" like an untrusted one). */
static void
cli_says_valid_when_signed (GBytes *xml)
{
  g_autofree char *dir = g_dir_make_tmp ("ininjo-trust-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "signed-2015.xml", NULL);
  g_autofree char *anchors = ca_file ("sign-ca.pem");
  const char *argv[] = { CLI_BIN, "verify", file, "--trust", anchors, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_nonnull (dir);
  g_assert_true (g_file_set_contents (file, g_bytes_get_data (xml, NULL),
                                      (gssize) g_bytes_get_size (xml), NULL));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                               &err, &status, &error));
  g_assert_no_error (error);
  g_test_message ("ininjo-cli verify: %s%s", out, err);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "署名した時点では有効"));
  g_assert_null (strstr (out, "信頼する公的個人認証の署名用ルートが発行したものではありません"));
  g_unlink (file);
  g_rmdir (dir);
}

/* Signed while the TEST 2015 root was valid: trusted then, expired now —
 * not "untrusted", not "not valid when signed". */
static void
test_root_expired_since (void)
{
  static const char *const bundle[] = { "sign-ca.pem", NULL };
  g_autoptr(InjTrustStore) t = trust_with (bundle);
  g_autoptr(GDateTime) at = while_valid ("signed-2015");
  g_autofree char *name = persona_name ("signed-2015");
  g_autoptr(GBytes) xml = signed_by ("signed-2015", name, at);
  g_autoptr(GDateTime) now = inj_date_now ();
  g_autoptr(InjVerification) v = verify_at (xml, t, now);
  g_autoptr(InjVerification) then = verify_at (xml, t, at);

  assert_check (v, INJ_CHECK_SIGNATURE, INJ_CHECK_PASSED);
  assert_check (v, INJ_CHECK_CHAIN, INJ_CHECK_PASSED);
  assert_check (v, INJ_CHECK_VALID_AT_SIGNING, INJ_CHECK_PASSED);
  assert_check (v, INJ_CHECK_ROOT_AT_SIGNING, INJ_CHECK_PASSED);
  assert_check (v, INJ_CHECK_ROOT_NOW, INJ_CHECK_FAILED);
  g_assert_nonnull (strstr (inj_verification_find (v, INJ_CHECK_ROOT_NOW)->message,
                            "署名の後に有効期限が切れました"));
  g_assert_true (inj_verification_was_valid_when_signed (v));
  /* not valid for use now: sign, upload and the service refuse it */
  g_assert_false (inj_verification_is_valid (v));
  /* the same file, judged on the day it was signed: everything passes */
  assert_check (then, INJ_CHECK_ROOT_NOW, INJ_CHECK_PASSED);
  g_assert_true (inj_verification_is_valid (then));
  cli_says_valid_when_signed (xml);
}

/* Signed after the TEST 2015 root expired: "not valid when signed". */
static void
test_root_not_valid_when_signed (void)
{
  static const char *const bundle[] = { "sign-ca.pem", NULL };
  g_autoptr(InjTrustStore) t = trust_with (bundle);
  g_autoptr(GDateTime) now = inj_date_now ();
  g_autofree char *name = persona_name ("signed-2015");
  g_autoptr(GBytes) xml = signed_by ("signed-2015", name, now);
  g_autoptr(InjVerification) v = verify_at (xml, t, now);

  assert_check (v, INJ_CHECK_CHAIN, INJ_CHECK_PASSED);
  assert_check (v, INJ_CHECK_ROOT_AT_SIGNING, INJ_CHECK_FAILED);
  g_assert_false (inj_verification_was_valid_when_signed (v));
  g_assert_false (inj_verification_is_valid (v));
}

/* Not issued by a trusted root: said so, and no root times are judged. */
static void
test_untrusted_is_untrusted (void)
{
  static const char *const bundle[] = { "sign-ca.pem", NULL };
  g_autoptr(InjTrustStore) t = trust_with (bundle);
  g_autoptr(GDateTime) now = inj_date_now ();
  g_autofree char *name = persona_name ("unknown-ca");
  g_autoptr(GBytes) xml = signed_by ("unknown-ca", name, now);
  g_autoptr(InjVerification) v = verify_at (xml, t, now);

  assert_check (v, INJ_CHECK_CHAIN, INJ_CHECK_FAILED);
  g_assert_null (inj_verification_find (v, INJ_CHECK_ROOT_AT_SIGNING));
  g_assert_null (inj_verification_find (v, INJ_CHECK_ROOT_NOW));
  g_assert_false (inj_verification_was_valid_when_signed (v));
}

/* The independent check: xmlsec1 (OpenSSL). Its --trusted-pem reads only
 * the first certificate of a file (found here: the bundle alone refuses a
 * 2019 signature), so it gets each generation's file; @bundle_only: the
 * bundle alone, to show that. */
static gboolean
xmlsec1_verifies (GBytes *xml,
                  gboolean bundle_only)
{
  g_autofree char *ca = ca_file ("sign-ca.pem");
  g_autofree char *ca2015 = ca_file ("sign-ca-2015.pem");
  g_autofree char *ca2019 = ca_file ("sign-ca-2019.pem");
  g_autofree char *ca2023 = ca_file ("sign-ca-2023.pem");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("inj-trust-XXXXXX", &error);
  g_autofree char *path = NULL;
  int status = -1;

  g_assert_no_error (error);
  path = g_build_filename (dir, "signed.xml", NULL);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (xml, NULL),
                                      (gssize) g_bytes_get_size (xml), NULL));
  {
    const char *bundle[] = { "xmlsec1", "--verify", "--trusted-pem", ca, path, NULL };
    const char *each[] = { "xmlsec1", "--verify", "--trusted-pem", ca2023, "--trusted-pem", ca2019,
                           "--trusted-pem", ca2015, path, NULL };
    const char **argv = bundle_only ? bundle : each;
    g_spawn_sync (NULL, (char **) argv, NULL,
                  G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                  NULL, NULL, NULL, NULL, &status, &error);
  }
  if (error)
    g_error ("xmlsec1 cannot be run (Debian package xmlsec1): %s", error->message);
  g_unlink (path);
  g_rmdir (dir);
  return g_spawn_check_wait_status (status, NULL);
}

/* The 2019 generation signs and verifies, now; a trust store without the
 * 2019 anchor refuses the same file (the bug of issue 12). */
static void
test_generation_2019 (void)
{
  static const char *const bundle[] = { "sign-ca.pem", NULL };
  static const char *const without_2019[] = { "sign-ca-2015.pem", "sign-ca-2023.pem", NULL };
  g_autoptr(InjTrustStore) t = trust_with (bundle);
  g_autoptr(InjTrustStore) partial = trust_with (without_2019);
  g_autoptr(GDateTime) now = inj_date_now ();
  g_autofree char *name = persona_name ("representative-2019");
  g_autoptr(GBytes) xml = signed_by ("representative-2019", name, now);
  g_autoptr(InjVerification) v = verify_at (xml, t, now);
  g_autoptr(InjVerification) refused = verify_at (xml, partial, now);

  g_assert_true (inj_verification_is_valid (v));
  assert_check (v, INJ_CHECK_ROOT_NOW, INJ_CHECK_PASSED);
  g_assert_true (xmlsec1_verifies (xml, FALSE));
  /* a finding, kept as a fact: xmlsec1 takes the first certificate only */
  g_assert_false (xmlsec1_verifies (xml, TRUE));
  assert_check (refused, INJ_CHECK_CHAIN, INJ_CHECK_FAILED);
  g_assert_false (inj_verification_is_valid (refused));
}

/* ------------------------------------------------------------ policy */

/* A J-LIS test card's certificate (policy …8.5.1.0.20) is said to be one
 * (a warning: only a test service accepts it); the production policy passes. */
static void
test_policy (void)
{
  static const char *const bundle[] = { "sign-ca.pem", NULL };
  g_autoptr(InjTrustStore) t = trust_with (bundle);
  g_autoptr(GDateTime) now = inj_date_now ();
  g_autofree char *test_name = persona_name ("test-card");
  g_autofree char *rep_name = persona_name ("representative");
  g_autoptr(GBytes) test_xml = signed_by ("test-card", test_name, now);
  g_autoptr(GBytes) rep_xml = signed_by ("representative", rep_name, now);
  g_autoptr(InjVerification) test_v = verify_at (test_xml, t, now);
  g_autoptr(InjVerification) rep_v = verify_at (rep_xml, t, now);

  assert_check (test_v, INJ_CHECK_POLICY, INJ_CHECK_WARNING);
  g_assert_nonnull (strstr (inj_verification_find (test_v, INJ_CHECK_POLICY)->message,
                            "テスト用カード"));
  g_assert_true (inj_verification_has_warnings (test_v));
  assert_check (rep_v, INJ_CHECK_POLICY, INJ_CHECK_PASSED);
  g_assert_false (inj_verification_has_warnings (rep_v));
}

/* A signing certificate without any certificate policy (self-signed with
 * the representative's key, nonRepudiation, valid now): the policy check
 * fails, whatever the chain says. */
static void
test_no_policy (void)
{
  g_autofree char *key_path = persona_file ("representative", "sign-key.pem");
  g_autoptr(GBytes) key_pem = read_bytes (key_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("inj-trust-XXXXXX", &error);
  g_autofree char *cert_path = g_build_filename (dir, "cert.der", NULL);
  g_autoptr(GDateTime) now = inj_date_now ();
  gnutls_x509_privkey_t key;
  gnutls_x509_crt_t crt;
  gnutls_datum_t kd = { (unsigned char *) g_bytes_get_data (key_pem, NULL),
                        (unsigned) g_bytes_get_size (key_pem) };
  gnutls_datum_t out = { NULL, 0 };
  const guint8 serial[] = { 0x23, 0x45, 0x67, 0x89 };
  g_autoptr(InjDelegation) d = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(InjVerification) v = NULL;
  g_autoptr(InjTrustStore) t = inj_trust_store_new_jpki_signing ();
  g_auto(TestSoftKey) k = { NULL, NULL };

  g_assert_no_error (error);
  g_assert_cmpint (gnutls_x509_privkey_init (&key), ==, 0);
  g_assert_cmpint (gnutls_x509_privkey_import (key, &kd, GNUTLS_X509_FMT_PEM), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_init (&crt), ==, 0);
  gnutls_x509_crt_set_version (crt, 3);
  gnutls_x509_crt_set_serial (crt, serial, sizeof serial);
  gnutls_x509_crt_set_dn (crt, "C=JP,CN=TEST no policy", NULL);
  gnutls_x509_crt_set_activation_time (crt, g_date_time_to_unix (now) - 86400);
  gnutls_x509_crt_set_expiration_time (crt, g_date_time_to_unix (now) + 365 * 86400);
  gnutls_x509_crt_set_key_usage (crt, GNUTLS_KEY_DIGITAL_SIGNATURE | GNUTLS_KEY_NON_REPUDIATION);
  gnutls_x509_crt_set_key (crt, key);
  g_assert_cmpint (gnutls_x509_crt_sign2 (crt, crt, key, GNUTLS_DIG_SHA256, 0), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_DER, &out), ==, 0);
  g_assert_true (g_file_set_contents (cert_path, (const char *) out.data, out.size, NULL));
  gnutls_free (out.data);
  gnutls_x509_crt_deinit (crt);
  gnutls_x509_privkey_deinit (key);

  g_assert_true (test_soft_key_load (&k, key_path, cert_path, &error));
  d = sign_new_delegation_at ("試験 太郎", now);
  xml = inj_sign_delegation (d, test_soft_key_sign, &k, &error);
  g_assert_no_error (error);
  v = verify_at (xml, t, now);
  assert_check (v, INJ_CHECK_POLICY, INJ_CHECK_FAILED);
  g_assert_false (inj_verification_is_valid (v));
  g_unlink (cert_path);
  g_rmdir (dir);
}

/* ------------------------------------------------ unrepresentable times */

/* A certificate with notAfter @not_after (15 characters, GeneralizedTime),
 * signed by the representative's key: built with notAfter 99991231235959Z
 * (RFC 5280's "no expiration"), then the text replaced in the DER. */
static GBytes *
cert_with_not_after (const char *not_after)
{
  g_autofree char *key_path = persona_file ("representative", "sign-key.pem");
  g_autoptr(GBytes) key_pem = read_bytes (key_path);
  gnutls_x509_privkey_t key;
  gnutls_x509_crt_t crt;
  gnutls_datum_t kd = { (unsigned char *) g_bytes_get_data (key_pem, NULL),
                        (unsigned) g_bytes_get_size (key_pem) };
  gnutls_datum_t out = { NULL, 0 };
  const guint8 serial[] = { 0x12, 0x34, 0x56, 0x78 };
  guint8 *der;
  gsize len;
  guint8 *hit;

  g_assert_cmpuint (strlen (not_after), ==, 15);
  g_assert_cmpint (gnutls_x509_privkey_init (&key), ==, 0);
  g_assert_cmpint (gnutls_x509_privkey_import (key, &kd, GNUTLS_X509_FMT_PEM), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_init (&crt), ==, 0);
  gnutls_x509_crt_set_version (crt, 3);
  gnutls_x509_crt_set_serial (crt, serial, sizeof serial);
  gnutls_x509_crt_set_dn (crt, "C=JP,CN=TEST unrepresentable validity", NULL);
  gnutls_x509_crt_set_issuer_dn (crt, "C=JP,CN=TEST unrepresentable validity", NULL);
  gnutls_x509_crt_set_activation_time (crt, 1700000000);
  gnutls_x509_crt_set_expiration_time (crt, (time_t) -1);
  gnutls_x509_crt_set_key (crt, key);
  g_assert_cmpint (gnutls_x509_crt_sign2 (crt, crt, key, GNUTLS_DIG_SHA256, 0), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_DER, &out), ==, 0);
  der = g_memdup2 (out.data, out.size);
  len = out.size;
  gnutls_free (out.data);
  gnutls_x509_crt_deinit (crt);
  gnutls_x509_privkey_deinit (key);
  hit = NULL;
  for (gsize i = 0; hit == NULL && i + 15 <= len; i++)
    if (memcmp (der + i, "99991231235959Z", 15) == 0)
      hit = der + i;
  g_assert_nonnull (hit);
  memcpy (hit, not_after, 15);
  return g_bytes_new_take (der, len);
}

static void
test_unrepresentable_validity (void)
{
  g_autoptr(GBytes) forever = cert_with_not_after ("99991231235959Z");
  g_autoptr(GBytes) past_forever = cert_with_not_after ("99991231235960Z");
  g_autoptr(GError) error = NULL;
  g_autoptr(InjCertificate) ok = inj_certificate_new_from_der (forever, &error);
  g_autoptr(InjCertificate) bad = NULL;
  g_autoptr(GDateTime) now = inj_date_now ();

  /* the largest time GDateTime holds: read, valid now, never at no time */
  g_assert_no_error (error);
  g_assert_nonnull (ok);
  g_assert_cmpint (g_date_time_get_year (inj_certificate_get_not_after (ok)), ==, 9999);
  g_assert_true (inj_certificate_is_valid_at (ok, now));
  g_assert_false (inj_certificate_is_valid_at (ok, NULL));
  g_assert_cmpint (inj_certificate_get_validity_at (ok, now), ==, INJ_VALIDITY_VALID);
  g_assert_cmpint (inj_certificate_get_validity_at (ok, NULL), ==, INJ_VALIDITY_UNKNOWN);
  /* one second later: GnuTLS gives a time GDateTime cannot hold */
  bad = inj_certificate_new_from_der (past_forever, &error);
  g_assert_null (bad);
  g_assert_error (error, INJ_CERTIFICATE_ERROR, INJ_CERTIFICATE_ERROR_PARSE);
  g_test_message ("%s", error->message);
}

/* The fuzzer's report: a delegation signed under a certificate whose
 * notAfter is 99991231235960Z was judged with no end ("valid now (until
 * (null))"). Its certificate is refused as malformed: the signature check
 * fails, and no check of the report is without its date. */
static void
test_unrepresentable_validity_report (void)
{
  g_autofree char *key_path = persona_file ("representative", "sign-key.pem");
  g_autoptr(GBytes) past_forever = cert_with_not_after ("99991231235960Z");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("inj-trust-XXXXXX", &error);
  g_autofree char *cert_path = g_build_filename (dir, "cert.der", NULL);
  g_autoptr(GDateTime) now = inj_date_now ();
  g_autoptr(InjDelegation) d = sign_new_delegation_at ("試験 太郎", now);
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(InjVerification) v = NULL;
  g_autoptr(InjTrustStore) t = inj_trust_store_new_jpki_signing ();
  g_auto(TestSoftKey) k = { NULL, NULL };
  g_autofree char *report = NULL;
  const InjCheck *signature;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (cert_path, g_bytes_get_data (past_forever, NULL),
                                      (gssize) g_bytes_get_size (past_forever), NULL));
  g_assert_true (test_soft_key_load (&k, key_path, cert_path, &error));
  g_assert_no_error (error);
  xml = inj_sign_delegation (d, test_soft_key_sign, &k, &error);
  g_assert_no_error (error);
  v = verify_at (xml, t, now);
  report = inj_verification_render (v);
  g_assert_null (strstr (report, "(null)"));
  g_assert_false (inj_verification_is_valid (v));
  g_assert_false (inj_verification_was_valid_when_signed (v));
  signature = inj_verification_find (v, INJ_CHECK_SIGNATURE);
  g_assert_nonnull (signature);
  g_assert_cmpint (signature->result, ==, INJ_CHECK_FAILED);
  g_assert_null (inj_verification_find (v, INJ_CHECK_VALID_NOW));
  g_unlink (cert_path);
  g_rmdir (dir);
}

/* J-LIS's CAs are named in Japanese, whichever generation; TEST ones say
 * so; another CA's DN is shown as it is (issue 15: no raw English DN
 * where 地方公共団体情報システム機構 belongs). */
static void
test_ca_names (void)
{
  static const struct {
    const char *file;
    const char *name;
  } roots[] = {
    { "sign_ca_2015.pem", "地方公共団体情報システム機構（署名用）" },
    { "sign_ca_2023.pem", "地方公共団体情報システム機構（署名用）" },
    { "auth_ca_2019.pem", "地方公共団体情報システム機構（利用者証明用）" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (roots); i++)
    {
      g_autofree char *path = public_root (roots[i].file);
      g_autoptr(InjCertificate) root = cert_from_file (path, TRUE);
      g_autofree char *subject = inj_render_ca_name (inj_certificate_get_subject (root));

      g_assert_cmpstr (subject, ==, roots[i].name);
    }
  {
    g_autofree char *path = persona_file ("representative", "sign-cert.der");
    g_autoptr(InjCertificate) cert = cert_from_file (path, FALSE);
    g_autofree char *issuer = inj_render_ca_name (inj_certificate_get_issuer (cert));

    g_assert_cmpstr (issuer, ==, "地方公共団体情報システム機構（署名用・テスト用）");
  }
  {
    g_autofree char *other = inj_render_ca_name ("CN=Ininjo service CA,O=Ininjo TEST");
    g_autofree char *none = inj_render_ca_name (NULL);

    g_assert_cmpstr (other, ==, "CN=Ininjo service CA,O=Ininjo TEST");
    g_assert_cmpstr (none, ==, "—");
  }
}

int
main (int argc,
      char **argv)
{
  inj_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  personas = g_strdup (g_getenv ("INJ_TEST_PERSONAS"));
  if (personas == NULL)
    g_error ("INJ_TEST_PERSONAS is not set: run through meson (it generates the personas)");

  g_test_add_func ("/trust/pins", test_pins);
  g_test_add_func ("/trust/ca-names", test_ca_names);
  g_test_add_func ("/trust/card-ca", test_card_ca);
  g_test_add_func ("/trust/test-generations", test_test_generations);
  g_test_add_func ("/trust/root-expired-since", test_root_expired_since);
  g_test_add_func ("/trust/root-not-valid-when-signed", test_root_not_valid_when_signed);
  g_test_add_func ("/trust/untrusted-is-untrusted", test_untrusted_is_untrusted);
  g_test_add_func ("/trust/generation-2019", test_generation_2019);
  g_test_add_func ("/trust/policy-test-card", test_policy);
  g_test_add_func ("/trust/policy-none", test_no_policy);
  g_test_add_func ("/certificate/unrepresentable-validity", test_unrepresentable_validity);
  g_test_add_func ("/certificate/unrepresentable-validity-report",
                   test_unrepresentable_validity_report);
  return g_test_run ();
}
