/* test-readers.c: what the fuzzer found in the readers (issue 13). Each
 * reader matches elements by namespace and name, refuses what it cannot
 * read without passing a NULL on, and accepts only what can be signed and
 * verified. Synthetic documents only. */
#include "config.h"

#include <string.h>

#include "test-support.h"

#define SUBMISSION_HEAD \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<AgentSubmission xmlns=\"urn:ininjo:agent-submission:1\" schemaVersion=\"1.0\">\n" \
  "  <SubmissionId>6f1c2f9e-3b6a-4c1e-9d2a-0b7e5c4a1d20</SubmissionId>\n" \
  "  <CreatedAt>2026-04-01T09:00:00+09:00</CreatedAt>\n"
#define SUBMISSION_STATEMENT \
  "  <Statement>私は、この電子委任状による代理権の授与を受けることについて、" \
  "自らの署名用電子証明書を提出します。</Statement>\n"

static InjVerification *
verify_submission (const char *xml)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (xml, strlen (xml));
  g_autoptr(InjTrustStore) trust = inj_trust_store_new ();
  g_autoptr(GDateTime) now = test_now ();
  g_autoptr(GError) error = NULL;
  g_autoptr(InjSubmission) s = NULL;
  InjVerification *v = inj_verify_submission (bytes, trust, now, NULL, &s, &error);

  g_assert_no_error (error);
  g_assert_nonnull (v);
  g_assert_null (s);
  return v;
}

static void
assert_check (InjVerification *v,
              InjCheckKind kind,
              InjCheckResult result)
{
  const InjCheck *c = inj_verification_find (v, kind);

  g_assert_nonnull (c);
  g_test_message ("%s", c->message);
  g_assert_cmpint (c->result, ==, result);
}

/* The fuzzer's find: a submission by request code whose signature slot
 * (any element of the XMLDSig namespace, for the schema) holds a
 * ds:Delegation. It was taken for the submission's <Delegation>, and its
 * missing digest went to g_base64_decode() as NULL (a critical; the tests
 * make criticals fatal). It is a submission by request code that is not
 * signed. */
static void
test_submission_foreign_delegation (void)
{
  const char *xml =
    SUBMISSION_HEAD
    "  <RequestCode>ABCD-EFGH-JKLM-NPQR</RequestCode>\n"
    SUBMISSION_STATEMENT
    "  <ds:Delegation xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">"
    "<ds:DelegationId>3f825729-8303-4cb1-84c2-9e892af40988</ds:DelegationId>"
    "</ds:Delegation>\n"
    "</AgentSubmission>\n";
  g_autoptr(InjVerification) v = verify_submission (xml);

  assert_check (v, INJ_CHECK_DOCUMENT, INJ_CHECK_PASSED);
  assert_check (v, INJ_CHECK_SIGNATURE, INJ_CHECK_FAILED);
  g_assert_false (inj_verification_is_valid (v));
}

/* The same element where ours belongs (in place of <Delegation>): the
 * schema refuses it, the reader never reads it. */
static void
test_submission_foreign_in_place (void)
{
  const char *xml =
    SUBMISSION_HEAD
    "  <ds:Delegation xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">"
    "<ds:DelegationId>3f825729-8303-4cb1-84c2-9e892af40988</ds:DelegationId>"
    "<ds:DelegationDigest>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=</ds:DelegationDigest>"
    "</ds:Delegation>\n"
    SUBMISSION_STATEMENT
    "</AgentSubmission>\n";
  g_autoptr(InjVerification) v = verify_submission (xml);

  assert_check (v, INJ_CHECK_DOCUMENT, INJ_CHECK_FAILED);
}

/* ------------------------------------------------ canonicalisable or not */

/* A valid delegation written by Ininjo, with @attribute added to the
 * start tag of @element. */
static GBytes *
delegation_with (const char *element,
                 const char *attribute)
{
  g_autoptr(InjDelegation) d = test_corporation ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) xml = inj_delegation_to_xml (d, &error);
  g_autofree char *open = g_strdup_printf ("<%s", element);
  g_autofree char *with = g_strdup_printf ("<%s %s", element, attribute);
  g_autoptr(GString) s = NULL;

  g_assert_no_error (error);
  s = g_string_new_len (g_bytes_get_data (xml, NULL), (gssize) g_bytes_get_size (xml));
  g_assert_nonnull (strstr (s->str, open));
  g_string_replace (s, open, with, 1);
  return g_bytes_new (s->str, s->len);
}

static void
assert_refused_namespace (GBytes *xml,
                          const char *uri)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) digest_error = NULL;
  g_autoptr(InjDelegation) d = inj_delegation_from_xml (g_bytes_get_data (xml, NULL),
                                                        g_bytes_get_size (xml), NULL, &error);
  g_autoptr(GBytes) digest = inj_delegation_digest (xml, &digest_error);

  g_assert_null (d);
  g_assert_error (error, INJ_XML_ERROR, INJ_XML_ERROR_NAMESPACE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, uri));
  g_assert_nonnull (strstr (error->message, "C14N"));
  /* the digest is never attempted on what the reader refuses */
  g_assert_null (digest);
  g_assert_error (digest_error, INJ_XML_ERROR, INJ_XML_ERROR_NAMESPACE);
}

/* The fuzzer's find: an unused relative namespace on the root was
 * accepted, and exclusive C14N then refused the document, so it could be
 * neither submitted for nor signed nor verified. The reader refuses it,
 * and the same declaration anywhere else. */
static void
test_delegation_relative_namespace (void)
{
  g_autoptr(GBytes) root = delegation_with ("Delegation", "xmlns:x=\"relative/ns\"");
  g_autoptr(GBytes) inner = delegation_with ("Agent", "xmlns:x=\"relative/ns\"");
  g_autoptr(GBytes) unparsable = delegation_with ("Authority", "xmlns:x=\"%zz\"");

  assert_refused_namespace (root, "relative/ns");
  assert_refused_namespace (inner, "relative/ns");
  assert_refused_namespace (unparsable, "%zz");
}

/* What the reader accepts can be canonicalised: other namespaces it may
 * declare (a URN, an absolute URI with a host, an undeclared default) do
 * not keep the digest from being made. */
static void
test_delegation_accepted_is_signable (void)
{
  const char *accepted[] = {
    "xmlns:x=\"urn:example:other\"",
    "xmlns:x=\"https://example.com/ns\"",
    "xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GBytes) xml = delegation_with ("Delegation", accepted[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(InjDelegation) d = inj_delegation_from_xml (g_bytes_get_data (xml, NULL),
                                                            g_bytes_get_size (xml), NULL, &error);
      g_autoptr(GBytes) digest = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (d);
      digest = inj_delegation_digest (xml, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (digest), ==, 32);
    }
}

/* The submission's reader applies the same rule. */
static void
test_submission_relative_namespace (void)
{
  const char *xml =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<AgentSubmission xmlns=\"urn:ininjo:agent-submission:1\" xmlns:x=\"relative/ns\" "
    "schemaVersion=\"1.0\">\n"
    "  <SubmissionId>6f1c2f9e-3b6a-4c1e-9d2a-0b7e5c4a1d20</SubmissionId>\n"
    "  <CreatedAt>2026-04-01T09:00:00+09:00</CreatedAt>\n"
    "  <RequestCode>ABCD-EFGH-JKLM-NPQR</RequestCode>\n"
    SUBMISSION_STATEMENT
    "</AgentSubmission>\n";
  g_autoptr(InjVerification) v = verify_submission (xml);
  const InjCheck *c = inj_verification_find (v, INJ_CHECK_DOCUMENT);

  assert_check (v, INJ_CHECK_DOCUMENT, INJ_CHECK_FAILED);
  g_assert_nonnull (strstr (c->message, "relative/ns"));
  g_assert_null (inj_verification_find (v, INJ_CHECK_SIGNATURE));
}

int
main (int argc,
      char **argv)
{
  test_init (&argc, &argv);

  g_test_add_func ("/readers/submission/foreign-delegation", test_submission_foreign_delegation);
  g_test_add_func ("/readers/submission/foreign-in-place", test_submission_foreign_in_place);
  g_test_add_func ("/readers/delegation/relative-namespace", test_delegation_relative_namespace);
  g_test_add_func ("/readers/delegation/accepted-is-signable",
                   test_delegation_accepted_is_signable);
  g_test_add_func ("/readers/submission/relative-namespace", test_submission_relative_namespace);
  return g_test_run ();
}
