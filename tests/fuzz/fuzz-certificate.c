/* fuzz-certificate: the certificate and SubjectAltName parser
 * (inj_certificate_new_from_der, JPKI's otherName fields).
 *
 * Invariant: an accepted certificate has both validity times, and
 * inj_certificate_is_valid_at() agrees with them at their edges (never
 * valid outside them); its texts (subject, issuer, serial, the JPKI
 * fields and their display forms) are valid UTF-8; its SHA-256
 * fingerprint is 32 bytes in hex; a certificate said to have JPKI fields
 * has one, and its date of birth, when it parses, is a real date. */
#include "config.h"

#include <string.h>

#include "fuzz-support.h"
#include "inj-app.h"

int
LLVMFuzzerInitialize (int *argc,
                      char ***argv)
{
  fuzz_setup ("fuzz-certificate");
  return 0;
}

static void
check_times (InjCertificate *cert)
{
  GDateTime *from = inj_certificate_get_not_before (cert);
  GDateTime *until = inj_certificate_get_not_after (cert);
  gboolean ordered;

  FUZZ_CHECK (from != NULL && until != NULL, "an accepted certificate has both validity times",
              inj_certificate_get_serial (cert));
  ordered = g_date_time_compare (from, until) <= 0;
  FUZZ_CHECK (inj_certificate_is_valid_at (cert, from) == ordered,
              "a certificate is valid at its notBefore exactly when it begins before it ends",
              NULL);
  FUZZ_CHECK (inj_certificate_is_valid_at (cert, until) == ordered,
              "a certificate is valid at its notAfter exactly when it begins before it ends",
              NULL);
  FUZZ_CHECK (!inj_certificate_is_valid_at (cert, NULL), "no instant, not valid", NULL);
  {
    g_autoptr(GDateTime) before = g_date_time_add_seconds (from, -1);
    g_autoptr(GDateTime) after = g_date_time_add_seconds (until, 1);
    /* NULL when out of GDateTime's range: nothing to compare there */
    FUZZ_CHECK (before == NULL || !inj_certificate_is_valid_at (cert, before),
                "never valid before notBefore", NULL);
    FUZZ_CHECK (after == NULL || !inj_certificate_is_valid_at (cert, after),
                "never valid after notAfter", NULL);
  }
  {
    g_autofree char *a = inj_date_display_day (from);
    g_autofree char *b = inj_date_display_day (until);
    FUZZ_CHECK (fuzz_utf8_ok (a) && fuzz_utf8_ok (b), "the validity days display as UTF-8",
                NULL);
  }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t size)
{
  g_autoptr(GBytes) der = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(InjCertificate) cert = inj_certificate_new_from_der (der, &error);
  const char *fingerprint;

  if (cert == NULL)
    {
      FUZZ_CHECK (error != NULL, "a refused certificate comes with an error", NULL);
      fuzz_end_input ();
      return 0;
    }
  FUZZ_CHECK (error == NULL, "an accepted certificate comes without an error", error->message);
  check_times (cert);

  FUZZ_CHECK (fuzz_utf8_ok (inj_certificate_get_subject (cert)), "the subject is UTF-8",
              NULL);
  FUZZ_CHECK (fuzz_utf8_ok (inj_certificate_get_issuer (cert)), "the issuer is UTF-8", NULL);
  FUZZ_CHECK (fuzz_utf8_ok (inj_certificate_get_serial (cert)), "the serial is UTF-8", NULL);
  fingerprint = inj_certificate_get_fingerprint (cert);
  FUZZ_CHECK (fingerprint != NULL && strlen (fingerprint) == 32 * 3 - 1,
              "the SHA-256 fingerprint is 32 bytes in hex", fingerprint);
  FUZZ_CHECK (g_bytes_equal (inj_certificate_get_der (cert), der),
              "the certificate keeps its DER as given", NULL);

  for (InjJpkiField f = 0; f < INJ_N_JPKI_FIELDS; f++)
    FUZZ_CHECK (fuzz_utf8_ok (inj_certificate_get_jpki_field (cert, f)),
                "every JPKI field is UTF-8", inj_jpki_field_label (f));
  if (inj_certificate_has_jpki_fields (cert))
    {
      const char *birth = inj_certificate_get_jpki_field (cert, INJ_JPKI_BIRTH_DATE);
      const char *gender = inj_certificate_get_jpki_field (cert, INJ_JPKI_GENDER);
      int era, year, month, day;

      gboolean some = FALSE;
      for (InjJpkiField f = 0; f < INJ_N_JPKI_FIELDS; f++)
        some = some || inj_certificate_get_jpki_field (cert, f) != NULL;
      FUZZ_CHECK (some, "a certificate said to have JPKI fields has one", NULL);
      if (birth && inj_jpki_birth_date_parse (birth, &era, &year, &month, &day))
        {
          g_autofree char *shown = inj_jpki_birth_date_display (birth);
          FUZZ_CHECK (month == 0 || day == 0 || g_date_valid_dmy (day, month, year),
                      "a date of birth that parses is a real date", birth);
          FUZZ_CHECK (fuzz_utf8_ok (shown), "the date of birth displays as UTF-8", birth);
        }
      if (gender)
        FUZZ_CHECK (fuzz_utf8_ok (inj_jpki_gender_display (gender)),
                    "the gender displays as UTF-8", gender);
    }
  /* the same questions the verification asks, on anything */
  (void) inj_certificate_has_non_repudiation (cert);
  (void) inj_certificate_signed_with_sha1 (cert);
  (void) inj_certificate_has_policy (cert, INJ_JPKI_POLICY_SIGNING);
  fuzz_end_input ();
  return 0;
}
