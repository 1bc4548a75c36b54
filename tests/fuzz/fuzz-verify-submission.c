/* fuzz-verify-submission: the verification of an agent's submission
 * (inj_verify_submission) against trust/delegation.xml, with the TEST
 * signing CAs at a fixed instant.
 *
 * Invariant: a submission that verifies as valid has a signer whose
 * certificate has both validity times and covers the submission's
 * CreatedAt and now, carries the name, address and date of birth the
 * service stores (valid UTF-8), and names exactly this delegation: its
 * request code, or its ID and the digest of its content, recomputed here. */
#include "config.h"

#include "fuzz-support.h"
#include "fuzz-verify.h"

static InjTrustStore *trust;
static GDateTime *now;
static GBytes *delegation;
static GBytes *delegation_digest;
static char *delegation_id;
static char *request_code;

int
LLVMFuzzerInitialize (int *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(InjDelegation) d = NULL;

  fuzz_setup ("fuzz-verify-submission");
  fuzz_verify_setup (&trust, &now);
  delegation = fuzz_read_source_file ("trust/delegation.xml");
  delegation_digest = inj_delegation_digest (delegation, &error);
  d = inj_delegation_from_xml (g_bytes_get_data (delegation, NULL), g_bytes_get_size (delegation),
                               NULL, &error);
  if (delegation_digest == NULL || d == NULL)
    fuzz_invariant_failed (__FILE__, __LINE__, "trust/delegation.xml reads", error->message);
  delegation_id = g_strdup (inj_delegation_get_text (d, INJ_FIELD_DELEGATION_ID));
  request_code = inj_request_code (delegation_digest);
  fuzz_end_input ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t size)
{
  g_autoptr(GBytes) xml = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(InjSubmission) s = NULL;
  g_autoptr(InjVerification) v = inj_verify_submission (xml, trust, now, delegation, &s, &error);

  if (v == NULL)
    {
      FUZZ_CHECK (error != NULL, "no report comes with an error", NULL);
      fuzz_end_input ();
      return 0;
    }
  if (inj_verification_is_valid (v))
    {
      g_autoptr(GDateTime) signed_at = NULL;
      InjCertificate *signer = inj_verification_get_signer (v);

      FUZZ_CHECK (s != NULL, "a valid submission is handed back", NULL);
      inj_date_parse_datetime (s->created_at, &signed_at);
      fuzz_verify_check_valid (v, signed_at, now);
      for (InjJpkiField f = INJ_JPKI_NAME; f <= INJ_JPKI_ADDRESS; f++)
        if (f == INJ_JPKI_NAME || f == INJ_JPKI_BIRTH_DATE || f == INJ_JPKI_ADDRESS)
          FUZZ_CHECK (inj_certificate_get_jpki_field (signer, f) != NULL
                        && fuzz_utf8_ok (inj_certificate_get_jpki_field (signer, f)),
                      "a valid submission's signer has the name, address and date of birth",
                      inj_jpki_field_label (f));
      if (s->request_code)
        FUZZ_CHECK (g_strcmp0 (s->request_code, request_code) == 0,
                    "a valid submission answers this delegation's request code", s->request_code);
      else
        FUZZ_CHECK (g_strcmp0 (s->delegation_id, delegation_id) == 0
                      && s->delegation_digest != NULL
                      && g_bytes_equal (s->delegation_digest, delegation_digest),
                    "a valid submission names this delegation's ID and content", s->delegation_id);
    }
  else
    FUZZ_CHECK (s == NULL, "a submission that is not valid is not handed back", NULL);
  {
    g_autofree char *report = inj_verification_render (v);
    FUZZ_CHECK (report != NULL && g_utf8_validate (report, -1, NULL),
                "the report renders as UTF-8", NULL);
    if (g_getenv ("FUZZ_REPORT"))  /* to see what an input reaches */
      fprintf (stderr, "%s%s\n", report, inj_verification_is_valid (v) ? "  (valid)" : "");
  }
  fuzz_end_input ();
  return 0;
}
