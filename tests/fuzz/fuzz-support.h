/* fuzz-support.h: what every libFuzzer target of tests/fuzz shares.
 *
 * Each target states an invariant beyond "no crash"; FUZZ_CHECK aborts
 * with the invariant's words when it does not hold, so that libFuzzer
 * keeps the input as a crash. GLib warnings and criticals are fatal, and
 * so is anything libxml2 would print to standard error. */
#pragma once

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <glib.h>

G_BEGIN_DECLS

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Called once from LLVMFuzzerInitialize: fatal criticals, a quiet log, no
 * user files (XDG directories in a private temporary directory), libxml2's
 * stray output fatal. @name is the target's, for messages. */
void fuzz_setup (const char *name);

/* After each input: what the app keeps across calls for the log's
 * redaction (the personal texts it has read) is dropped. */
void fuzz_end_input (void);

/* A file of the source tree (tests/fuzz/...), read whole; aborts when it
 * cannot be read (the target cannot run without it). */
GBytes *fuzz_read_source_file (const char *relative);

/* A fixed instant, ISO 8601. */
GDateTime *fuzz_date (const char *iso);

G_GNUC_NORETURN void fuzz_invariant_failed (const char *file, int line, const char *what,
                                            const char *detail);

#define FUZZ_CHECK(cond, what, detail)                                    \
  G_STMT_START {                                                          \
    if (G_UNLIKELY (!(cond)))                                             \
      fuzz_invariant_failed (__FILE__, __LINE__, (what), (detail));       \
  } G_STMT_END

/* Valid UTF-8 and no NUL before the end (a NULL text passes). */
gboolean fuzz_utf8_ok (const char *text);

G_END_DECLS
