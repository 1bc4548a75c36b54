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

int
main (int argc,
      char **argv)
{
  test_init (&argc, &argv);

  g_test_add_func ("/readers/submission/foreign-delegation", test_submission_foreign_delegation);
  g_test_add_func ("/readers/submission/foreign-in-place", test_submission_foreign_in_place);
  return g_test_run ();
}
