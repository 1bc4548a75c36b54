/* fuzz-scenario: the scenario file (data/scenarios/, tests/bed/README.md)
 * as the test bed reads it: tests/bed/scenario.sh's scn_validate and
 * scn_get (bash and awk), run by scenario-worker.sh in a bash started once.
 * libFuzzer sees no coverage inside bash: each kind of problem the
 * validation reports counts as a feature instead (fuzz-bed.c).
 *
 * Invariant: the validation ends with 0 (accepted) or 2 (refused, with a
 * message naming the file), never with bash failing or hanging; and what
 * it accepts, the bed can run: every key the bed reads as a boolean is
 * true or false. */
#include "config.h"

#include <string.h>

#include "fuzz-bed.h"
#include "fuzz-support.h"

int
LLVMFuzzerInitialize (int *argc,
                      char ***argv)
{
  fuzz_setup ("fuzz-scenario");
  fuzz_bed_start ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t size)
{
  g_autofree char *problems = NULL;
  int status;

  /* text files: bash drops NUL bytes with a warning of its own */
  if (size > 16384 || memchr (data, '\0', size) != NULL)
    return 0;
  status = fuzz_bed_validate ((const char *) data, size, &problems);
  fuzz_bed_count (status, problems);
  FUZZ_CHECK (status == 0 || status == 2, "the scenario's validation accepts or refuses",
              problems);
  if (status == 0)
    FUZZ_CHECK (strstr (problems, "BROKEN") == NULL,
                "an accepted scenario is one the bed can run", problems);
  else
    FUZZ_CHECK (g_str_has_prefix (problems, "scenario"),
                "a refused scenario is said so", problems);
  return 0;
}
