/* fuzz-input: the input file of `ininjo-cli new --input` (a GKeyFile read
 * by inj_delegation_from_input), at a fixed instant.
 *
 * Invariant: an accepted input file makes a delegation that writes back
 * to an input file (inj_delegation_to_input) which is accepted again and
 * gives every item the same and then the very same file; and the
 * delegation writes to XML that the delegation reader accepts, with the
 * same items. */
#include "config.h"

#include <string.h>

#include "fuzz-support.h"
#include "inj-app.h"

static InjServiceProfile *profile;
static GDateTime *now;

int
LLVMFuzzerInitialize (int *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;

  fuzz_setup ("fuzz-input");
  profile = inj_service_profile_load_default (&error);
  if (profile == NULL)
    fuzz_invariant_failed (__FILE__, __LINE__, "the embedded service profile loads",
                           error->message);
  now = fuzz_date ("2026-04-01T10:00:00+09:00");
  return 0;
}

static gboolean
same_items (InjDelegation *a,
            InjDelegation *b,
            gboolean with_auto)
{
  for (InjField f = 0; f < INJ_N_FIELDS; f++)
    if ((with_auto || !(inj_field_info (f)->flags & INJ_FIELD_FLAG_AUTO)
         || f == INJ_FIELD_SUPERSEDES)
        && g_strcmp0 (inj_delegation_get_text (a, f), inj_delegation_get_text (b, f)) != 0)
      return FALSE;
  return inj_delegation_get_principal_kind (a) == inj_delegation_get_principal_kind (b)
         && inj_delegation_get_qualification (a) == inj_delegation_get_qualification (b);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(InjDelegation) d = inj_delegation_from_input ((const char *) data, size, profile, now,
                                                         &problems, &error);

  if (d == NULL)
    {
      FUZZ_CHECK (error != NULL, "a refused input file comes with an error", NULL);
      if (problems)
        for (guint i = 0; i < problems->len; i++)
          FUZZ_CHECK (fuzz_utf8_ok (((InjProblem *) problems->pdata[i])->message),
                      "every problem's message is UTF-8", NULL);
      fuzz_end_input ();
      return 0;
    }
  FUZZ_CHECK (error == NULL, "an accepted input file comes without an error", error->message);

  {
    g_autofree char *first = inj_delegation_to_input (d);
    g_autofree char *second = NULL;
    g_autoptr(GError) e1 = NULL;
    g_autoptr(GError) e2 = NULL;
    g_autoptr(InjDelegation) again = NULL;
    g_autoptr(InjDelegation) read = NULL;
    g_autoptr(GBytes) xml = NULL;

    FUZZ_CHECK (first != NULL && g_utf8_validate (first, -1, NULL),
                "an accepted delegation writes an input file in UTF-8", NULL);
    again = inj_delegation_from_input (first, strlen (first), profile, now, NULL, &e1);
    FUZZ_CHECK (again != NULL, "the input file written back is accepted",
                e1 ? e1->message : NULL);
    FUZZ_CHECK (same_items (d, again, FALSE), "the input file written back gives the same items",
                NULL);
    second = inj_delegation_to_input (again);
    FUZZ_CHECK (g_strcmp0 (first, second) == 0,
                "an input file written, read and written again is the same file", NULL);

    xml = inj_delegation_to_xml (d, &e2);
    FUZZ_CHECK (xml != NULL, "an accepted input file's delegation writes to XML",
                e2 ? e2->message : NULL);
    read = inj_delegation_from_xml (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml), NULL,
                                    &e2);
    FUZZ_CHECK (read != NULL, "the delegation reader accepts what an input file made",
                e2 ? e2->message : NULL);
    FUZZ_CHECK (same_items (d, read, TRUE), "the XML gives the input file's items", NULL);
  }
  fuzz_end_input ();
  return 0;
}
