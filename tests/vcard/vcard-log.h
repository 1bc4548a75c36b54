/* vcard-log.h: the APDU log, one JSON object a line, flushed per line so
 * that a test can read it while the card runs. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _VcardLog VcardLog;

VcardLog *vcard_log_new        (const char *path,
                                GError **error);
void      vcard_log_free       (VcardLog *log);

/* A line is built with begin / add… / end. begin returns NULL when the
 * log is NULL, and the add functions accept NULL, so callers need not
 * check whether logging is on. */
GString  *vcard_log_begin      (VcardLog *log,
                                const char *event);
void      vcard_log_add_string (GString *line,
                                const char *key,
                                const char *value);
void      vcard_log_add_int    (GString *line,
                                const char *key,
                                gint64 value);
void      vcard_log_add_bool   (GString *line,
                                const char *key,
                                gboolean value);
void      vcard_log_end        (VcardLog *log,
                                GString *line);

void      vcard_json_add_string (GString *json,
                                 const char *key,
                                 const char *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VcardLog, vcard_log_free)

G_END_DECLS
