/* fuzz-bed.h: the test bed's scenario reader (tests/bed/scenario.sh, bash
 * and awk) for the targets: scenario-worker.sh runs in a bash started once,
 * and answers for each file. */
#pragma once

#include <glib.h>

void     fuzz_bed_start    (void);

/* scn_validate's status on @data (0 accepted, 2 refused) and its message
 * (and, when accepted, what the bed would fail on later); aborts when the
 * worker is gone. */
int      fuzz_bed_validate (const char *data,
                            gsize length,
                            char **problems);

/* libFuzzer's extra counters: one feature per kind of problem (its words
 * without the values), so that new refusals count as new coverage. */
void     fuzz_bed_count    (int status,
                            const char *problems);
