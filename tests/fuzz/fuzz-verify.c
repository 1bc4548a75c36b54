/* fuzz-verify.c: fuzz-verify.h. */
#include "config.h"

#include "fuzz-support.h"
#include "fuzz-verify.h"

void
fuzz_verify_setup (InjTrustStore **trust,
                   GDateTime **now)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ca = g_build_filename (FUZZ_SOURCE_DIR, "trust", "sign-ca.pem", NULL);
  g_autoptr(GBytes) when = fuzz_read_source_file ("trust/now.txt");
  g_autofree char *text = g_strstrip (g_strndup (g_bytes_get_data (when, NULL),
                                                 g_bytes_get_size (when)));

  *trust = inj_trust_store_new_jpki_signing ();
  if (!inj_trust_store_add_file (*trust, ca, &error))
    fuzz_invariant_failed (__FILE__, __LINE__, "the TEST signing CAs load", error->message);
  *now = fuzz_date (text);
}

/* Independently of inj_certificate_is_valid_at(): notBefore ≤ t ≤ notAfter. */
static gboolean
within (InjCertificate *cert,
        GDateTime *t)
{
  GDateTime *from = inj_certificate_get_not_before (cert);
  GDateTime *until = inj_certificate_get_not_after (cert);

  return from && until && t && g_date_time_compare (from, t) <= 0
         && g_date_time_compare (t, until) <= 0;
}

void
fuzz_verify_check_valid (InjVerification *v,
                         GDateTime *signed_at,
                         GDateTime *now)
{
  InjCertificate *signer = inj_verification_get_signer (v);

  FUZZ_CHECK (signer != NULL, "a valid signature has a signer", NULL);
  FUZZ_CHECK (inj_certificate_get_not_before (signer) != NULL
                && inj_certificate_get_not_after (signer) != NULL,
              "the signer's certificate of a valid signature has both validity times",
              inj_certificate_get_serial (signer));
  FUZZ_CHECK (g_date_time_compare (inj_certificate_get_not_before (signer),
                                   inj_certificate_get_not_after (signer)) <= 0,
              "the signer's certificate begins before it ends", NULL);
  FUZZ_CHECK (signed_at != NULL, "a valid signature says when it was made", NULL);
  FUZZ_CHECK (within (signer, signed_at),
              "the signer's certificate was valid when the document was signed", NULL);
  if (now)
    FUZZ_CHECK (within (signer, now), "the signer's certificate of a valid signature is valid now",
                NULL);
  FUZZ_CHECK (inj_verification_get_digest (v) != NULL
                && g_bytes_get_size (inj_verification_get_digest (v)) == 32,
              "a valid signature has its SHA-256 reference digest", NULL);
  FUZZ_CHECK (inj_verification_find (v, INJ_CHECK_CHAIN) != NULL
                && inj_verification_find (v, INJ_CHECK_CHAIN)->result == INJ_CHECK_PASSED,
              "a valid signature chains to a trusted root", NULL);
  FUZZ_CHECK (inj_certificate_has_non_repudiation (signer) && inj_certificate_is_rsa (signer)
                && inj_certificate_get_key_bits (signer) >= 2048,
              "a valid signer's key is RSA of 2048 bits or more, for non-repudiation", NULL);
}
