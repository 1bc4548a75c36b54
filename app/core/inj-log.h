/* inj-log.h: Ininjo's structured log writer and its redaction layer.
 *
 * inj_log_init() installs a GLib structured log writer (once per process)
 * through which every message passes: it is redacted (inj_log_redact())
 * and then written to stderr as GLib would and to a rotating log file,
 * $XDG_STATE_HOME/ininjo/logs/ininjo.log (mode 0600, about 256 KiB kept
 * plus one older file). Debug messages pass only in verbose mode
 * (inj_log_set_verbose(), or INJ_LOG_VERBOSE=1 in the environment).
 *
 * The redaction removes whatever looks like a PIN or password (the value
 * after such a word), certificate bodies (PEM blocks, long base64 runs),
 * and the personal texts registered with inj_log_add_secret_text() or
 * inj_log_add_secret_date() (names, addresses, dates of birth), matched
 * also across width (全角/半角) and space differences. Hexadecimal
 * fingerprints and serials stay. No GTK here. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void      inj_log_init              (gboolean verbose);
void      inj_log_set_verbose       (gboolean verbose);
gboolean  inj_log_get_verbose       (void);

/* Personal data known to Ininjo: redacted in every later message. Texts
 * shorter than two characters (after folding) are ignored. */
void      inj_log_add_secret_text   (const char *text);
void      inj_log_add_secret_date   (const GDate *date);
void      inj_log_clear_secrets     (void);

char     *inj_log_redact            (const char *text);
char     *inj_log_redact_error      (const GError *error);

/* The log file's path; its recent content (this file and the older one,
 * oldest first), redacted once more with today's secrets. */
char     *inj_log_dup_path          (void);
GBytes   *inj_log_read_recent       (void);

/* For tests: the log file goes to @path instead (NULL: back to default). */
void      inj_log_set_path          (const char *path);

#define INJ_LOG_REDACTED_SECRET   "[redacted]"
#define INJ_LOG_REDACTED_PERSONAL "[personal data]"
#define INJ_LOG_REDACTED_CERT     "[certificate data]"

G_END_DECLS
