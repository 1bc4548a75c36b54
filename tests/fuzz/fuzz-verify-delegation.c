/* fuzz-verify-delegation: the verification of a signed delegation
 * (inj_verify_delegation), against the TEST signing CAs at a fixed instant.
 *
 * Invariant: a verification that says valid, or valid when signed, has a
 * signer whose certificate has both validity times and covers the
 * document's CreatedAt (and now, for valid), chains to a trusted root, and
 * hands back the delegation it read; one that says valid always says valid
 * when signed too. */
#include "config.h"

#include "fuzz-support.h"
#include "fuzz-verify.h"

static InjTrustStore *trust;
static GDateTime *now;

int
LLVMFuzzerInitialize (int *argc,
                      char ***argv)
{
  fuzz_setup ("fuzz-verify-delegation");
  fuzz_verify_setup (&trust, &now);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t size)
{
  g_autoptr(GBytes) xml = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(InjDelegation) d = NULL;
  g_autoptr(InjVerification) v = inj_verify_delegation (xml, trust, now, &d, &error);
  g_autoptr(GDateTime) signed_at = NULL;

  if (v == NULL)
    {
      FUZZ_CHECK (error != NULL, "no report comes with an error", NULL);
      fuzz_end_input ();
      return 0;
    }
  FUZZ_CHECK (inj_verification_get_checks (v)->len > 0, "a report has checks", NULL);
  if (inj_verification_is_valid (v))
    {
      FUZZ_CHECK (d != NULL, "a valid delegation is handed back", NULL);
      inj_date_parse_datetime (inj_delegation_get_text (d, INJ_FIELD_CREATED_AT), &signed_at);
      fuzz_verify_check_valid (v, signed_at, now);
      FUZZ_CHECK (inj_verification_was_valid_when_signed (v),
                  "a valid delegation was valid when signed", NULL);
    }
  else
    FUZZ_CHECK (d == NULL, "a delegation that is not valid is not handed back", NULL);
  if (inj_verification_was_valid_when_signed (v))
    {
      g_autoptr(InjDelegation) read = inj_delegation_from_xml ((const char *) data, size, NULL,
                                                               NULL);
      g_clear_pointer (&signed_at, g_date_time_unref);
      FUZZ_CHECK (read != NULL, "a delegation valid when signed reads as a delegation", NULL);
      inj_date_parse_datetime (inj_delegation_get_text (read, INJ_FIELD_CREATED_AT), &signed_at);
      fuzz_verify_check_valid (v, signed_at, NULL);
    }
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
