/* test-signature.c: signatures without a card (the personas' software keys
 * sign through the same InjDsigSignFunc the card uses), checked by our
 * verifier and by the xmlsec1 command; crafted files that must fail, each
 * for its own reason (test-signature-crafted.c); interoperability with
 * `xmlsec1 --sign`; names. Shared helpers in sign-support.c. */
#include "config.h"

#include <string.h>
#include <gnutls/x509.h>

#include "inj-audit.h"
#include "sign-support.h"

/* ----------------------------------------------------------- positive */

static void
test_sign_verify_xmlsec1 (void)
{
  g_auto(SoftKey) k = sign_persona_key ("representative");
  g_autoptr(InjDelegation) d = sign_new_delegation ("試験 太郎");
  g_autoptr(GBytes) xml = sign_delegation_with (d, &k);
  g_autoptr(InjVerification) v = sign_verify (xml);
  g_autoptr(GBytes) again = NULL;
  g_autofree char *text = inj_verification_render (v);

  g_test_message ("%s", text);
  g_assert_true (inj_verification_is_valid (v));
  g_assert_false (inj_verification_has_warnings (v));
  g_assert_true (sign_xmlsec1_verifies (xml));
  /* the signed file is UTF-8 without BOM and keeps the unsigned layout */
  g_assert_true (g_str_has_prefix (g_bytes_get_data (xml, NULL), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Delegation"));
  /* the delegation read back is exactly what was signed */
  {
    g_autoptr(InjTrustStore) t = sign_trust ();
    g_autoptr(InjDelegation) back = NULL;
    g_autoptr(InjVerification) v2 = inj_verify_delegation (xml, t, NULL, &back, NULL);
    g_assert_nonnull (back);
    g_assert_true (inj_delegation_equal (d, back));
  }
  /* signing is not repeatable on a signed document */
  {
    g_autoptr(GError) error = NULL;
    xmlDocPtr doc = xmlReadMemory (g_bytes_get_data (xml, NULL), (int) g_bytes_get_size (xml),
                                   NULL, NULL, XML_PARSE_NONET);
    again = inj_sign_document (doc, sign_soft, &k, &error);
    g_assert_error (error, INJ_SIGNATURE_ERROR, INJ_SIGNATURE_ERROR_ALREADY_SIGNED);
    xmlFreeDoc (doc);
  }
}

/* 復代理の可否 is part of what is signed: a delegation with it (schema
 * 1.1) verifies, here and with xmlsec1, and a changed value does not; one
 * without it is still written and signed as schema 1.0. */
static void
test_subdelegation (void)
{
  g_auto(SoftKey) k = sign_persona_key ("representative");
  g_autoptr(InjDelegation) d = sign_new_delegation ("試験 太郎");
  g_autoptr(InjDelegation) plain = sign_new_delegation ("試験 太郎");
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GBytes) plain_xml = NULL;
  g_autoptr(GBytes) changed = NULL;
  g_autoptr(InjVerification) v = NULL;
  g_autoptr(InjVerification) v_plain = NULL;
  g_autoptr(InjVerification) v_changed = NULL;
  g_autoptr(InjTrustStore) t = sign_trust ();
  g_autoptr(InjDelegation) back = NULL;
  g_autoptr(InjVerification) v_back = NULL;
  g_autofree char *value = NULL;

  inj_delegation_set_subdelegation (d, INJ_SUBDELEGATION_NOT_ALLOWED);
  xml = sign_delegation_with (d, &k);
  value = sign_between (xml, "<Subdelegation>", "</Subdelegation>");
  g_assert_cmpstr (value, ==, "not-allowed");
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml),
                                  "schemaVersion=\"1.1\""));
  v = sign_verify (xml);
  g_assert_true (inj_verification_is_valid (v));
  g_assert_true (sign_xmlsec1_verifies (xml));
  v_back = inj_verify_delegation (xml, t, NULL, &back, NULL);
  g_assert_nonnull (back);
  g_assert_cmpint (inj_delegation_get_subdelegation (back), ==, INJ_SUBDELEGATION_NOT_ALLOWED);

  changed = sign_replace (xml, "<Subdelegation>not-allowed<", "<Subdelegation>allowed<");
  v_changed = sign_verify (changed);
  g_assert_false (inj_verification_is_valid (v_changed));
  g_assert_false (sign_xmlsec1_verifies (changed));

  plain_xml = sign_delegation_with (plain, &k);
  g_assert_null (g_strstr_len (g_bytes_get_data (plain_xml, NULL), g_bytes_get_size (plain_xml),
                               "Subdelegation"));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (plain_xml, NULL), g_bytes_get_size (plain_xml),
                                  "schemaVersion=\"1.0\""));
  v_plain = sign_verify (plain_xml);
  g_assert_true (inj_verification_is_valid (v_plain));
}

/* A delegation signed before schema 1.1 existed (the fuzz targets' signed
 * fixture, made by make-seeds.sh with its own TEST CA) still verifies, at
 * the instant it was made for, and reads without 復代理の可否. */
static void
test_signed_before_1_1 (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fuzz", "trust", "delegation.xml", NULL);
  g_autofree char *ca = g_test_build_filename (G_TEST_DIST, "fuzz", "trust", "sign-ca.pem", NULL);
  g_autofree char *when_path = g_test_build_filename (G_TEST_DIST, "fuzz", "trust", "now.txt", NULL);
  g_autofree char *data = NULL;
  g_autofree char *when = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(InjTrustStore) t = inj_trust_store_new_jpki_signing ();
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(InjDelegation) back = NULL;
  g_autoptr(InjVerification) v = NULL;

  g_assert_true (g_file_get_contents (path, &data, &len, &error));
  g_assert_true (g_file_get_contents (when_path, &when, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (inj_trust_store_add_file (t, ca, &error));
  g_assert_no_error (error);
  now = g_date_time_new_from_iso8601 (g_strstrip (when), NULL);
  g_assert_nonnull (now);
  xml = g_bytes_new_take (g_steal_pointer (&data), len);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (xml, NULL), len, "schemaVersion=\"1.0\""));
  v = inj_verify_delegation (xml, t, now, &back, &error);
  g_assert_no_error (error);
  g_assert_true (inj_verification_is_valid (v));
  g_assert_nonnull (back);
  g_assert_cmpint (inj_delegation_get_subdelegation (back), ==, INJ_SUBDELEGATION_UNSPECIFIED);
}

static void
test_names (void)
{
  g_assert_true (inj_names_match ("試験 太郎", "試験　太郎"));
  g_assert_true (inj_names_match ("試験太郎", " 試験　 太郎 "));
  g_assert_true (inj_names_match ("ＴＥＳＴ　Ｔａｒｏ", "TEST Taro"));
  g_assert_true (inj_names_match ("ｼｹﾝ ﾀﾛｳ", "シケン タロウ"));
  g_assert_false (inj_names_match ("試験 太郎", "試験 次郎"));
  g_assert_false (inj_names_match ("", ""));

  /* a mismatch is a warning, not a failure: the service will refuse it */
  {
    g_auto(SoftKey) k = sign_persona_key ("representative");
    g_autoptr(InjDelegation) d = sign_new_delegation ("見本　花子");
    g_autoptr(GBytes) xml = sign_delegation_with (d, &k);
    g_autoptr(InjVerification) v = sign_verify (xml);
    const InjCheck *name = inj_verification_find (v, INJ_CHECK_NAME);
    g_assert_true (inj_verification_is_valid (v));
    g_assert_nonnull (name);
    g_assert_cmpint (name->result, ==, INJ_CHECK_WARNING);
    g_assert_nonnull (strstr (name->message, "代表者名"));
  }
}

/* xmlsec1 --sign with a persona's software key: our verifier accepts it. */
static void
test_interop_xmlsec1_sign (void)
{
  g_autoptr(InjDelegation) d = sign_new_delegation ("試験 太郎");
  g_autoptr(GBytes) unsigned_xml = inj_delegation_to_xml (d, NULL);
  g_autoptr(GString) tmpl = g_string_new_len (g_bytes_get_data (unsigned_xml, NULL),
                                              (gssize) g_bytes_get_size (unsigned_xml));
  g_autofree char *tmpl_path = NULL;
  g_autofree char *out = g_build_filename (sign_work, "xmlsec1-signed.xml", NULL);
  g_autofree char *key = sign_persona_file ("representative", "sign-key.pem");
  g_autofree char *cert = sign_persona_file ("representative", "sign-cert.der");
  g_autofree char *cert_pem = g_build_filename (sign_work, "representative-cert.pem", NULL);
  g_autofree char *keycert = NULL;
  g_autofree char *signed_text = NULL;
  gsize len;
  int status = -1;

  g_string_replace (tmpl, "</Delegation>",
                    "  <ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:SignedInfo>"
                    "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>"
                    "<ds:SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"/>"
                    "<ds:Reference URI=\"\"><ds:Transforms>"
                    "<ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>"
                    "<ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>"
                    "</ds:Transforms><ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/>"
                    "<ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/>"
                    "<ds:KeyInfo><ds:X509Data><ds:X509Certificate/></ds:X509Data></ds:KeyInfo>"
                    "</ds:Signature>\n</Delegation>", 1);
  {
    g_autoptr(GBytes) t = g_bytes_new (tmpl->str, tmpl->len);
    tmpl_path = sign_write_temp (t, "xmlsec1-template.xml");
  }
  {
    const char *conv[] = { "openssl", "x509", "-inform", "DER", "-in", cert, "-out", cert_pem, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) conv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                                 NULL, &status, NULL));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  keycert = g_strdup_printf ("%s,%s", key, cert_pem);
  {
    const char *argv[] = { "xmlsec1", "--sign", "--privkey-pem", keycert, "--output", out,
                           tmpl_path, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 NULL, NULL, &status, NULL));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  g_assert_true (g_file_get_contents (out, &signed_text, &len, NULL));
  {
    g_autoptr(GBytes) xml = g_bytes_new (signed_text, len);
    g_autoptr(InjVerification) v = sign_verify (xml);
    g_autofree char *text = inj_verification_render (v);
    g_test_message ("%s", text);
    g_assert_true (inj_verification_is_valid (v));
  }
}

/* ------------------------------------------------------------ submission */

static GBytes *
agent_submission_for (GBytes *delegation_xml)
{
  g_auto(SoftKey) k = sign_persona_key ("agent-zeirishi");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) digest = inj_delegation_digest (delegation_xml, &error);
  g_autoptr(InjDelegation) d = inj_delegation_from_xml (g_bytes_get_data (delegation_xml, NULL),
                                                        g_bytes_get_size (delegation_xml), NULL, NULL);
  g_autoptr(InjSubmission) s = inj_submission_new_for_delegation (inj_delegation_get_text (d, INJ_FIELD_DELEGATION_ID),
                                                                  digest, NULL);
  GBytes *xml = inj_submission_sign (s, sign_soft, &k, &error);

  g_assert_no_error (error);
  return xml;
}

/* The application's order: the agent signs first, over the unsigned
 * delegation; then the representative signs. The digest the submission
 * names is the same before and after, so the submission still binds. */
static void
test_agent_first (void)
{
  g_autoptr(InjDelegation) d = sign_new_delegation ("試験　太郎");
  g_auto(SoftKey) k = sign_persona_key ("representative");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) unsigned_xml = inj_delegation_to_xml (d, &error);
  g_autoptr(GBytes) sub = NULL;
  g_autoptr(GBytes) signed_xml = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(InjTrustStore) t = sign_trust ();

  g_assert_no_error (error);
  sub = agent_submission_for (unsigned_xml);
  signed_xml = sign_delegation_with (d, &k);
  before = inj_delegation_digest (unsigned_xml, &error);
  g_assert_no_error (error);
  after = inj_delegation_digest (signed_xml, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (before, after));
  {
    g_autoptr(InjVerification) v = inj_verify_submission (sub, t, NULL, signed_xml, NULL, NULL);
    g_assert_true (inj_verification_is_valid (v));
  }
  g_assert_true (sign_xmlsec1_verifies (signed_xml));
}

static void
test_submission (void)
{
  g_autoptr(GBytes) delegation_xml = sign_signed_by ("representative");
  g_autoptr(GBytes) other = sign_signed_by ("representative");
  g_autoptr(GBytes) sub = agent_submission_for (delegation_xml);
  g_autoptr(InjTrustStore) t = sign_trust ();
  g_autoptr(InjSubmission) parsed = NULL;

  g_assert_true (sign_xmlsec1_verifies (sub));
  {
    g_autoptr(InjVerification) v = inj_verify_submission (sub, t, NULL, delegation_xml, &parsed, NULL);
    g_assert_true (inj_verification_is_valid (v));
    g_assert_nonnull (parsed);
    g_assert_cmpstr (inj_certificate_get_jpki_field (inj_verification_get_signer (v), INJ_JPKI_NAME),
                     ==, "髙橋　テスト");
  }
  /* for another delegation */
  {
    g_autoptr(InjVerification) v = inj_verify_submission (sub, t, NULL, other, NULL, NULL);
    const InjCheck *f = sign_first_failure (v);
    g_assert_false (inj_verification_is_valid (v));
    g_assert_cmpint (f->kind, ==, INJ_CHECK_BINDING);
  }
  /* tampered statement */
  {
    g_autoptr(GBytes) tampered = sign_replace (sub, "自らの署名用電子証明書を提出します", "何も提出しません");
    g_autoptr(InjVerification) v = inj_verify_submission (tampered, t, NULL, delegation_xml, NULL, NULL);
    g_assert_cmpint (sign_first_failure (v)->kind, ==, INJ_CHECK_SIGNATURE);
  }
  /* a certificate that does not match the signature */
  {
    g_autofree char *path = sign_persona_file ("agent-bengoshi", "sign-cert.der");
    g_autofree char *der = NULL;
    gsize len;
    g_autofree char *b64 = NULL;
    g_autofree char *old = sign_between (sub, "<ds:X509Certificate>", "</ds:X509Certificate>");
    g_autoptr(GBytes) swapped = NULL;
    g_autoptr(InjVerification) v = NULL;
    g_assert_true (g_file_get_contents (path, &der, &len, NULL));
    b64 = g_base64_encode ((const guchar *) der, len);
    swapped = sign_replace (sub, old, b64);
    v = inj_verify_submission (swapped, t, NULL, delegation_xml, NULL, NULL);
    g_assert_cmpint (sign_first_failure (v)->kind, ==, INJ_CHECK_SIGNATURE);
  }
  /* by request code: right code, then a code for another delegation */
  {
    g_auto(SoftKey) k = sign_persona_key ("agent-zeirishi");
    g_autoptr(GBytes) digest = inj_delegation_digest (delegation_xml, NULL);
    g_autofree char *code = inj_request_code (digest);
    g_autofree char *typed = g_ascii_strdown (code, -1);
    g_autofree char *normal = inj_request_code_normalize (typed);
    g_autoptr(InjSubmission) s = inj_submission_new_for_code (normal, NULL);
    g_autoptr(GBytes) by_code = inj_submission_sign (s, sign_soft, &k, NULL);
    g_autoptr(InjVerification) ok = inj_verify_submission (by_code, t, NULL, delegation_xml, NULL, NULL);
    g_autoptr(InjVerification) wrong = inj_verify_submission (by_code, t, NULL, other, NULL, NULL);
    g_assert_cmpstr (normal, ==, code);
    g_assert_cmpuint (strlen (code), ==, 19);
    g_assert_true (inj_verification_is_valid (ok));
    g_assert_cmpint (sign_first_failure (wrong)->kind, ==, INJ_CHECK_BINDING);
    g_assert_true (sign_xmlsec1_verifies (by_code));
  }
}

/* A CA certificate read from a card counts only when it is a pinned public
 * JPKI root: the TEST CA on the personas' cards does not. */
static void
test_card_ca_pinning (void)
{
  g_autoptr(InjTrustStore) t = inj_trust_store_new ();
  g_autofree char *test_ca = sign_persona_file ("representative", "sign-ca.der");
  g_autofree char *der = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *root = g_build_filename (DATA_DIR, "jpki-ca", "sign_ca_2023.pem", NULL);
  gsize len;

  g_assert_true (g_file_get_contents (test_ca, &der, &len, NULL));
  bytes = g_bytes_new (der, len);
  g_assert_false (inj_trust_store_add_card_ca (t, bytes, INJ_JPKI_ROOT_SIGNING, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (inj_trust_store_get_n_anchors (t), ==, 0);

  /* the public 2023 signing root, as a card would hold it */
  {
    g_autoptr(InjTrustStore) from_file = inj_trust_store_new ();
    g_autoptr(InjTrustStore) pinned = inj_trust_store_new_jpki_signing ();
    gnutls_x509_crt_t crt;
    gnutls_datum_t d, out = { NULL, 0 };
    g_autoptr(GBytes) root_der = NULL;
    g_assert_true (g_file_get_contents (root, &pem, &len, NULL));
    d.data = (unsigned char *) pem;
    d.size = (unsigned) len;
    gnutls_x509_crt_init (&crt);
    g_assert_cmpint (gnutls_x509_crt_import (crt, &d, GNUTLS_X509_FMT_PEM), ==, 0);
    g_assert_cmpint (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_DER, &out), ==, 0);
    root_der = g_bytes_new (out.data, out.size);
    gnutls_free (out.data);
    gnutls_x509_crt_deinit (crt);
    g_assert_true (inj_trust_store_add_card_ca (t, root_der, INJ_JPKI_ROOT_SIGNING, NULL));
    g_assert_cmpuint (inj_trust_store_get_n_anchors (t), ==, 1);
    /* the compiled-in roots are the three public signing roots, pinned */
    g_assert_cmpuint (inj_trust_store_get_n_anchors (pinned), ==, 3);
  }
}

/* The audit log's sign event names the signer by fingerprint and serial
 * only: none of the certificate's personal data or its body. */
static void
test_audit_sign_event (void)
{
  g_auto(SoftKey) k = sign_persona_key ("representative");
  g_autoptr(InjDelegation) d = sign_new_delegation ("試験　太郎");
  g_autoptr(GBytes) xml = sign_delegation_with (d, &k);
  g_autoptr(InjVerification) v = sign_verify (xml);
  g_autoptr(InjCertificate) signer = inj_audit_signer_of (xml);
  g_autofree char *path = inj_audit_default_path ();
  g_autofree char *data = NULL;
  g_autofree char *body = NULL;
  g_autofree char *expected = NULL;
  InjCertificate *cert = inj_verification_get_signer (v);
  const char *id = inj_delegation_get_text (d, INJ_FIELD_DELEGATION_ID);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_str_has_prefix (path, sign_work));
  g_assert_true (inj_verification_is_valid (v));
  g_assert_nonnull (signer);
  g_assert_cmpstr (inj_certificate_get_fingerprint (signer), ==,
                   inj_certificate_get_fingerprint (cert));
  inj_audit_record_verification (INJ_AUDIT_SIGN, v, id, NULL);
  g_assert_true (g_file_get_contents (path, &data, NULL, &error));
  g_assert_no_error (error);
  expected = g_strdup_printf ("\"action\":\"sign\",\"fingerprint\":\"%s\",\"serial\":\"%s\","
                              "\"delegation\":\"%s\",\"result\":\"ok\"",
                              inj_certificate_get_fingerprint (cert),
                              inj_certificate_get_serial (cert), id);
  g_assert_nonnull (strstr (data, expected));
  for (guint f = 0; f < INJ_N_JPKI_FIELDS; f++)
    {
      const char *value = inj_certificate_get_jpki_field (cert, f);
      if (value && strlen (value) > 3)
        g_assert_null (strstr (data, value));
    }
  g_assert_null (strstr (data, "試験"));
  g_assert_null (strstr (data, "19750815"));
  g_assert_null (strstr (data, inj_certificate_get_subject (cert)));
  {
    GBytes *der = inj_certificate_get_der (cert);
    g_autofree char *b64 = g_base64_encode (g_bytes_get_data (der, NULL), g_bytes_get_size (der));
    b64[80] = '\0';
    g_assert_null (strstr (data, b64 + 40));
  }
  g_assert_true (inj_audit_verify (path, NULL, NULL));
}

/* The audit names the signer from ds:X509Certificate in ds:X509Data, not
 * from an element of another namespace that shares its local name (it
 * came first in document order). */
static void
test_audit_signer_namespace (void)
{
  g_autoptr(GBytes) good = sign_signed_by ("representative");
  g_autofree char *path = sign_persona_file ("proprietor", "sign-cert.der");
  g_autofree char *der = NULL;
  g_autofree char *b64 = NULL;
  g_autofree char *foreign = NULL;
  g_autoptr(GBytes) two = NULL;
  g_autoptr(InjCertificate) expected = inj_audit_signer_of (good);
  g_autoptr(InjCertificate) signer = NULL;
  gsize len;

  g_assert_nonnull (expected);
  g_assert_true (g_file_get_contents (path, &der, &len, NULL));
  b64 = g_base64_encode ((const guchar *) der, len);
  foreign = g_strdup_printf ("<x:X509Certificate xmlns:x=\"urn:example:other\">%s"
                             "</x:X509Certificate><ds:X509Certificate>", b64);
  two = sign_replace (good, "<ds:X509Certificate>", foreign);
  signer = inj_audit_signer_of (two);
  g_assert_nonnull (signer);
  g_assert_cmpstr (inj_certificate_get_fingerprint (signer), ==,
                   inj_certificate_get_fingerprint (expected));
}

int
main (int argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status = -1, rc;
  g_autofree char *script = NULL;

  inj_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  sign_personas = g_strdup (g_getenv ("INJ_TEST_PERSONAS"));
  if (sign_personas == NULL)
    g_error ("INJ_TEST_PERSONAS is not set: run through meson (it generates the sign_personas)");
  sign_work = g_dir_make_tmp ("inj-sign-XXXXXX", &error);
  g_assert_no_error (error);
  sign_weak = g_build_filename (sign_work, "weak", NULL);
  {
    g_autofree char *state = g_build_filename (sign_work, "state", NULL);
    g_setenv ("XDG_STATE_HOME", state, TRUE);
  }
  script = g_build_filename (SIGN_TEST_DIR, "make-weak-certs.sh", NULL);
  {
    const char *cmd[] = { "bash", script, sign_personas, sign_weak, NULL };
    g_spawn_sync (NULL, (char **) cmd, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status,
                  &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }

  g_test_add_func ("/signature/sign-verify-xmlsec1", test_sign_verify_xmlsec1);
  g_test_add_func ("/signature/subdelegation", test_subdelegation);
  g_test_add_func ("/signature/signed-before-1-1", test_signed_before_1_1);
  g_test_add_func ("/signature/names", test_names);
  g_test_add_func ("/signature/interop-xmlsec1-sign", test_interop_xmlsec1_sign);
  g_test_add_func ("/signature/submission", test_submission);
  g_test_add_func ("/signature/agent-first", test_agent_first);
  g_test_add_func ("/signature/card-ca-pinning", test_card_ca_pinning);
  g_test_add_func ("/signature/audit-sign-event", test_audit_sign_event);
  g_test_add_func ("/signature/audit-signer-namespace", test_audit_signer_namespace);
  sign_add_crafted_tests ();
  rc = g_test_run ();
  if (g_getenv ("INJ_TEST_KEEP") == NULL)
    {
      g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", sign_work);
      (void) !system (cmd);
    }
  return rc;
}

