/* fuzz-delegation-xml: the delegation reader (inj_delegation_from_xml).
 *
 * Invariant: what the reader accepts is a delegation that writes to XML,
 * reads back, and writes again to the very same bytes (writing is
 * canonical); and the accepted document itself canonicalises (exclusive
 * C14N, what a signature covers and what an agent's submission names). */
#include "config.h"

#include <string.h>

#include "fuzz-support.h"
#include "inj-app.h"

int
LLVMFuzzerInitialize (int *argc,
                      char ***argv)
{
  fuzz_setup ("fuzz-delegation-xml");
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(InjDelegation) d = inj_delegation_from_xml ((const char *) data, size, &problems,
                                                        &error);

  if (d == NULL)
    {
      FUZZ_CHECK (error != NULL, "a refused delegation comes with an error", NULL);
      fuzz_end_input ();
      return 0;
    }
  FUZZ_CHECK (error == NULL, "an accepted delegation comes without an error", error->message);

  {
    g_autoptr(GError) e1 = NULL;
    g_autoptr(GError) e2 = NULL;
    g_autoptr(GError) e3 = NULL;
    g_autoptr(GBytes) input = g_bytes_new_static (data, size);
    g_autoptr(GBytes) first = inj_delegation_to_xml (d, &e1);
    g_autoptr(InjDelegation) again = NULL;
    g_autoptr(GBytes) second = NULL;
    g_autoptr(GBytes) digest = NULL;

    FUZZ_CHECK (first != NULL, "an accepted delegation writes to XML", e1 ? e1->message : NULL);
    again = inj_delegation_from_xml (g_bytes_get_data (first, NULL), g_bytes_get_size (first),
                                     NULL, &e2);
    FUZZ_CHECK (again != NULL, "what the writer wrote reads back", e2 ? e2->message : NULL);
    second = inj_delegation_to_xml (again, NULL);
    FUZZ_CHECK (second != NULL && g_bytes_equal (first, second),
                "write, read, write gives the same bytes", NULL);
    for (int f = 0; f < INJ_N_FIELDS; f++)
      FUZZ_CHECK (g_strcmp0 (inj_delegation_get_text (d, f), inj_delegation_get_text (again, f))
                    == 0,
                  "every item reads back as it was", inj_field_label (f));

    digest = inj_delegation_digest (input, &e3);
    FUZZ_CHECK (digest != NULL && g_bytes_get_size (digest) == 32,
                "an accepted delegation canonicalises (exclusive C14N)",
                e3 ? e3->message : NULL);
  }
  fuzz_end_input ();
  return 0;
}
