/* test-statement.c: the account's signed statements (registration, change,
 * re-binding, termination, a recipient's registration), signed with the
 * personas' software keys, checked by our verifier, by `xmlsec1 --verify`
 * and by `xmllint --schema`; what must be refused, each for its own reason;
 * and the §3.1.2 comparison of the signer with the registered 代表者. */
#include "config.h"

#include <string.h>

#include "sign-support.h"

#define ZERO_SHA256 "00000000000000000000000000000000000000000000000000000000000000ff"
#define DELEGATION_ID "2f1e4d3c-5b6a-4978-8a6b-5c4d3e2f1a0b"

static InjAccountInfo *
corporation (void)
{
  InjAccountInfo *a = inj_account_info_new (INJ_PRINCIPAL_KIND_CORPORATION);

  inj_account_info_set (a, INJ_ACCOUNT_FIELD_CORPORATE_NUMBER, "7000012050002");
  inj_account_info_set (a, INJ_ACCOUNT_FIELD_ORGANIZATION_NAME, "テスト商事株式会社");
  inj_account_info_set (a, INJ_ACCOUNT_FIELD_ORGANIZATION_ADDRESS, "東京都千代田区試験町一丁目1番1号");
  inj_account_info_set (a, INJ_ACCOUNT_FIELD_REPRESENTATIVE_TITLE, "代表取締役");
  inj_account_info_set (a, INJ_ACCOUNT_FIELD_REPRESENTATIVE_NAME, "試験　太郎");
  inj_account_info_set (a, INJ_ACCOUNT_FIELD_REPRESENTATIVE_ADDRESS, "東京都千代田区試験町一丁目１番１号");
  inj_account_info_set (a, INJ_ACCOUNT_FIELD_PHONE, "00-0000-0000");
  return a;
}

static InjAccountInfo *
sole_proprietor (InjAccountInfo *a)
{
  if (a == NULL)
    a = inj_account_info_new (INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR);
  inj_account_info_set (a, INJ_ACCOUNT_FIELD_ORGANIZATION_NAME, "見本商店");
  inj_account_info_set (a, INJ_ACCOUNT_FIELD_ORGANIZATION_ADDRESS, "大阪府大阪市北区見本町二丁目３番４号");
  inj_account_info_set (a, INJ_ACCOUNT_FIELD_REPRESENTATIVE_NAME, "見本　花子");
  inj_account_info_set (a, INJ_ACCOUNT_FIELD_REPRESENTATIVE_ADDRESS, "大阪府大阪市北区見本町二丁目３番４号");
  inj_account_info_set (a, INJ_ACCOUNT_FIELD_PHONE, "000-0000-0000");
  inj_account_info_set (a, INJ_ACCOUNT_FIELD_BIRTH_DATE, "1992-02-29");
  return a;
}

static InjRecipientInfo *
recipient (void)
{
  InjRecipientInfo *r = inj_recipient_info_new (INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR);

  sole_proprietor (INJ_ACCOUNT_INFO (r));
  inj_account_info_set (INJ_ACCOUNT_INFO (r), INJ_ACCOUNT_FIELD_DECLARANT_NAME, "見本　花子");
  return r;
}

static InjStatement *
make (InjStatementKind kind)
{
  g_autoptr(InjAccountInfo) corp = corporation ();

  switch (kind)
    {
    case INJ_STATEMENT_REGISTRATION:
      return inj_statement_new_registration (corp);
    case INJ_STATEMENT_CHANGE:
      return inj_statement_new_change ("acct-0001", corp);
    case INJ_STATEMENT_REBINDING:
      return inj_statement_new_rebinding ("acct-0001", ZERO_SHA256);
    case INJ_STATEMENT_TERMINATION:
      {
        g_autoptr(GDateTime) ends = inj_date_now ();
        return inj_statement_new_termination ("acct-0001", DELEGATION_ID, ZERO_SHA256,
                                              "受任者が退職したため", ends);
      }
    case INJ_STATEMENT_RECIPIENT:
      {
        g_autoptr(InjRecipientInfo) r = recipient ();
        return inj_statement_new_recipient (r);
      }
    case INJ_STATEMENT_ANY:
    default:
      g_assert_not_reached ();
    }
}

static const char *
signer_of (InjStatementKind kind)
{
  return kind == INJ_STATEMENT_RECIPIENT ? "proprietor" : "representative";
}

static GBytes *
sign_with (InjStatement *s,
           SoftKey *k)
{
  g_autoptr(GError) error = NULL;
  GBytes *xml = inj_statement_sign (s, sign_soft, k, &error);

  g_assert_no_error (error);
  g_assert_nonnull (xml);
  return xml;
}

static InjVerification *
verify (GBytes *xml,
        InjStatementKind expected,
        InjStatement **out)
{
  g_autoptr(InjTrustStore) t = sign_trust ();
  g_autoptr(GError) error = NULL;
  InjVerification *v = inj_verify_statement (xml, expected, t, NULL, out, &error);

  g_assert_no_error (error);
  g_assert_nonnull (v);
  return v;
}

static gboolean
xmllint_accepts (GBytes *xml)
{
  g_autofree char *path = sign_write_temp (xml, "statement.xml");
  g_autofree char *xsd = g_build_filename (DATA_DIR, "ininjo-account-1.xsd", NULL);
  const char *argv[] = { "xmllint", "--noout", "--nonet", "--schema", xsd, path, NULL };
  g_autoptr(GError) error = NULL;
  int status = -1;

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, &error))
    g_error ("xmllint cannot be run (Debian package libxml2-utils): %s", error->message);
  return g_spawn_check_wait_status (status, NULL);
}

/* ----------------------------------------------------------- positive */

static void
test_sign_verify_each (void)
{
  for (InjStatementKind kind = INJ_STATEMENT_REGISTRATION; kind <= INJ_STATEMENT_RECIPIENT; kind++)
    {
      g_auto(SoftKey) k = sign_persona_key (signer_of (kind));
      g_autoptr(InjStatement) s = make (kind);
      g_autoptr(GBytes) xml = sign_with (s, &k);
      g_autoptr(InjStatement) back = NULL;
      g_autoptr(InjVerification) v = verify (xml, kind, &back);
      g_autofree char *report = inj_verification_render (v);
      g_autoptr(GBytes) der = NULL;
      g_autoptr(InjCertificate) expected = NULL;

      g_test_message ("%s:\n%s", inj_statement_kind_label (kind), report);
      g_assert_true (inj_verification_is_valid (v));
      g_assert_false (inj_verification_has_warnings (v));
      g_assert_true (sign_xmlsec1_verifies (xml));
      g_assert_true (xmllint_accepts (xml));

      /* read back from the signed bytes: the same statement */
      g_assert_nonnull (back);
      g_assert_cmpint (inj_statement_get_kind (back), ==, kind);
      g_assert_cmpstr (inj_statement_get_nonce (back), ==, inj_statement_get_nonce (s));
      g_assert_cmpstr (inj_statement_get_created_at (back), ==, inj_statement_get_created_at (s));
      g_assert_cmpstr (inj_statement_get_account_id (back), ==, inj_statement_get_account_id (s));
      g_assert_cmpstr (inj_statement_get_auth_cert_sha256 (back), ==,
                       inj_statement_get_auth_cert_sha256 (s));
      g_assert_cmpstr (inj_statement_get_delegation_id (back), ==,
                       inj_statement_get_delegation_id (s));
      g_assert_cmpstr (inj_statement_get_delegation_digest (back), ==,
                       inj_statement_get_delegation_digest (s));
      g_assert_cmpstr (inj_statement_get_reason (back), ==, inj_statement_get_reason (s));
      g_assert_cmpstr (inj_statement_get_ends_at (back), ==, inj_statement_get_ends_at (s));
      if (inj_statement_get_info (s))
        g_assert_true (inj_account_info_equal (inj_statement_get_info (s),
                                               inj_statement_get_info (back)));
      else
        g_assert_null (inj_statement_get_info (back));

      /* the signer is the card that signed */
      {
        g_autofree char *path = sign_persona_file (signer_of (kind), "sign-cert.der");
        g_autofree char *data = NULL;
        gsize len = 0;
        g_assert_true (g_file_get_contents (path, &data, &len, NULL));
        der = g_bytes_new (data, len);
        expected = inj_certificate_new_from_der (der, NULL);
      }
      g_assert_nonnull (inj_statement_get_signer (back));
      g_assert_cmpstr (inj_certificate_get_fingerprint (inj_statement_get_signer (back)), ==,
                       inj_certificate_get_fingerprint (expected));

      /* any kind is accepted when none is expected */
      {
        g_autoptr(InjVerification) any = verify (xml, INJ_STATEMENT_ANY, NULL);
        g_assert_true (inj_verification_is_valid (any));
      }
    }
}

/* The Nonce: two statements of the same content never sign alike. */
static void
test_nonce (void)
{
  g_autoptr(InjStatement) a = make (INJ_STATEMENT_REBINDING);
  g_autoptr(InjStatement) b = make (INJ_STATEMENT_REBINDING);
  g_autoptr(GBytes) xa = inj_statement_to_xml (a, NULL);
  g_autoptr(GBytes) xb = inj_statement_to_xml (b, NULL);

  g_assert_cmpstr (inj_statement_get_nonce (a), !=, inj_statement_get_nonce (b));
  g_assert_false (g_bytes_equal (xa, xb));
  g_assert_true (g_regex_match_simple ("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
                                       inj_statement_get_nonce (a), 0, 0));
}

/* ----------------------------------------------------------- refused */

static void
test_changed_byte (void)
{
  g_auto(SoftKey) k = sign_persona_key ("representative");
  g_autoptr(InjStatement) s = make (INJ_STATEMENT_CHANGE);
  g_autoptr(GBytes) xml = sign_with (s, &k);
  g_autoptr(GBytes) bad = sign_replace (xml, "代表取締役", "代表取締後");
  g_autoptr(InjVerification) v = verify (bad, INJ_STATEMENT_CHANGE, NULL);
  const InjCheck *first = sign_first_failure (v);

  g_assert_false (inj_verification_is_valid (v));
  g_assert_nonnull (first);
  g_assert_cmpint (first->kind, ==, INJ_CHECK_SIGNATURE);
  g_assert_false (sign_xmlsec1_verifies (bad));
}

static void
test_other_kind (void)
{
  g_auto(SoftKey) k = sign_persona_key ("representative");
  g_autoptr(InjStatement) s = make (INJ_STATEMENT_TERMINATION);
  g_autoptr(GBytes) xml = sign_with (s, &k);
  g_autoptr(InjStatement) back = NULL;
  g_autoptr(InjVerification) v = verify (xml, INJ_STATEMENT_REBINDING, &back);
  const InjCheck *first = sign_first_failure (v);

  g_assert_false (inj_verification_is_valid (v));
  g_assert_null (back);
  g_assert_nonnull (first);
  g_assert_cmpint (first->kind, ==, INJ_CHECK_DOCUMENT);
  g_assert_cmpstr (first->message, ==,
                   "このファイルは別の届出（委任の終了）です。更新したカードの登録ではありません。");
}

/* The authentication certificate has no name or address: a statement
 * signed with it is no statement of a person the service can compare. */
static void
test_signer_without_jpki_fields (void)
{
  SoftKey k = { sign_persona_file ("representative", "auth-key.pem"),
                sign_persona_file ("representative", "auth-cert.der") };
  g_autoptr(InjStatement) s = make (INJ_STATEMENT_REGISTRATION);
  g_autoptr(GBytes) xml = sign_with (s, &k);
  g_autoptr(InjStatement) back = NULL;
  g_autoptr(InjVerification) v = verify (xml, INJ_STATEMENT_REGISTRATION, &back);
  const InjCheck *fields = inj_verification_find (v, INJ_CHECK_JPKI_FIELDS);

  g_assert_false (inj_verification_is_valid (v));
  g_assert_null (back);
  g_assert_nonnull (fields);
  g_assert_cmpint (fields->result, ==, INJ_CHECK_FAILED);
  g_assert_cmpstr (fields->message, ==,
                   "署名者の証明書に公的個人認証の氏名と住所がありません。署名用電子証明書ではありません。");
  sign_soft_key_clear (&k);
}

/* What the schema or an item rule refuses is never signed. */
static void
test_invalid_not_signed (void)
{
  g_auto(SoftKey) k = sign_persona_key ("representative");
  g_autoptr(InjAccountInfo) corp = corporation ();
  g_autoptr(InjStatement) s = NULL;
  g_autoptr(InjStatement) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) xml = NULL;

  inj_account_info_set (corp, INJ_ACCOUNT_FIELD_PHONE, "0000");
  s = inj_statement_new_registration (corp);
  xml = inj_statement_sign (s, sign_soft, &k, &error);
  g_assert_null (xml);
  g_assert_error (error, INJ_STATEMENT_ERROR, INJ_STATEMENT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "代表者電話番号"));
  g_clear_error (&error);

  r = inj_statement_new_rebinding ("acct-0001", "not-a-digest");
  xml = inj_statement_sign (r, sign_soft, &k, &error);
  g_assert_null (xml);
  g_assert_error (error, INJ_STATEMENT_ERROR, INJ_STATEMENT_ERROR_INVALID);
}

/* ----------------------------------------------------------- §3.1.2 */

static InjCertificate *
certificate_of (const char *persona)
{
  g_autofree char *path = sign_persona_file (persona, "sign-cert.der");
  g_autofree char *data = NULL;
  g_autoptr(GBytes) der = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  der = g_bytes_new (data, len);
  return inj_certificate_new_from_der (der, NULL);
}

static void
test_matches_signer (void)
{
  g_autoptr(InjCertificate) taro = certificate_of ("representative");
  g_autoptr(InjCertificate) hanako = certificate_of ("proprietor");
  g_autoptr(InjAccountInfo) corp = corporation ();
  g_autoptr(InjAccountInfo) sole = sole_proprietor (NULL);
  char *reason = NULL;

  /* the registered representative */
  g_assert_true (inj_account_info_matches_signer (corp, taro, &reason));
  g_assert_null (reason);
  g_assert_true (inj_account_info_matches_signer (sole, hanako, &reason));
  g_assert_null (reason);

  /* the address written in ASCII digits with hyphens, the name without
   * its full-width space: still the same person */
  inj_account_info_set (corp, INJ_ACCOUNT_FIELD_REPRESENTATIVE_ADDRESS,
                        "東京都千代田区 試験町一丁目1番1号");
  inj_account_info_set (corp, INJ_ACCOUNT_FIELD_REPRESENTATIVE_NAME, "試験太郎");
  g_assert_true (inj_account_info_matches_signer (corp, taro, &reason));
  g_assert_null (reason);

  /* moved: another address */
  inj_account_info_set (corp, INJ_ACCOUNT_FIELD_REPRESENTATIVE_ADDRESS,
                        "東京都千代田区試験町二丁目１番１号");
  g_assert_false (inj_account_info_matches_signer (corp, taro, &reason));
  g_assert_cmpstr (reason, ==, "署名用電子証明書の住所が基本情報の代表者住所と一致しません。"
                               "住所を変更した場合は、先に基本情報を変更してください。");
  g_clear_pointer (&reason, g_free);

  /* a 個人事業者's 現住所 is named as such */
  inj_account_info_set (sole, INJ_ACCOUNT_FIELD_REPRESENTATIVE_ADDRESS, "大阪府大阪市北区見本町");
  g_assert_false (inj_account_info_matches_signer (sole, hanako, &reason));
  g_assert_cmpstr (reason, ==, "署名用電子証明書の住所が基本情報の現住所と一致しません。"
                               "住所を変更した場合は、先に基本情報を変更してください。");
  g_clear_pointer (&reason, g_free);

  /* an impostor: another name (and no personal value in the reason) */
  g_assert_false (inj_account_info_matches_signer (corp, hanako, &reason));
  g_assert_cmpstr (reason, ==, "署名用電子証明書の氏名が基本情報の代表者名と一致しません。");
  g_assert_null (strstr (reason, "見本"));
  g_clear_pointer (&reason, g_free);
}

int
main (int argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int rc;

  inj_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  sign_personas = g_strdup (g_getenv ("INJ_TEST_PERSONAS"));
  if (sign_personas == NULL)
    g_error ("INJ_TEST_PERSONAS is not set: run through meson (it generates the personas)");
  sign_work = g_dir_make_tmp ("inj-statement-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/statement/sign-verify-each", test_sign_verify_each);
  g_test_add_func ("/statement/nonce", test_nonce);
  g_test_add_func ("/statement/changed-byte", test_changed_byte);
  g_test_add_func ("/statement/other-kind", test_other_kind);
  g_test_add_func ("/statement/signer-without-jpki-fields", test_signer_without_jpki_fields);
  g_test_add_func ("/statement/invalid-not-signed", test_invalid_not_signed);
  g_test_add_func ("/statement/matches-signer", test_matches_signer);
  rc = g_test_run ();

  {
    g_autoptr(GFile) dir = g_file_new_for_path (sign_work);
    g_autoptr(GFileEnumerator) e = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                              0, NULL, NULL);
    GFileInfo *info;
    while (e && (info = g_file_enumerator_next_file (e, NULL, NULL)) != NULL)
      {
        g_autoptr(GFile) f = g_file_get_child (dir, g_file_info_get_name (info));
        g_file_delete (f, NULL, NULL);
        g_object_unref (info);
      }
    g_file_delete (dir, NULL, NULL);
  }
  return rc;
}
