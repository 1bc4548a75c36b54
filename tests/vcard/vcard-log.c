/* vcard-log.c: JSON-lines writer for the APDU log. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "vcard-log.h"
#include "vcard-profile.h"

struct _VcardLog
{
  FILE *file;
  guint64 seq;
  gint64 start_us;
};

VcardLog *
vcard_log_new (const char *path,
               GError **error)
{
  VcardLog *log;
  FILE *file;

  /* Truncated, not appended: seq restarts at 1 with each run and a test
   * must not match lines of an earlier one. */
  file = fopen (path, "w");
  if (file == NULL)
    {
      int saved = errno;
      g_set_error (error, VCARD_ERROR, VCARD_ERROR_USAGE,
                   "cannot open log %s: %s", path, g_strerror (saved));
      return NULL;
    }
  log = g_new0 (VcardLog, 1);
  log->file = file;
  log->start_us = g_get_monotonic_time ();
  return log;
}

void
vcard_log_free (VcardLog *log)
{
  if (log == NULL)
    return;
  fclose (log->file);
  g_free (log);
}

/* JSON string escaping for the few characters that can occur (notes are
 * ours, but an AID or a path may come from the command line). */
static void
append_json_string (GString *out,
                    const char *value)
{
  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) value; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) *p);
        }
      else if (*p < 0x20)
        g_string_append_printf (out, "\\u%04x", *p);
      else
        g_string_append_c (out, (char) *p);
    }
  g_string_append_c (out, '"');
}

static void
append_key (GString *line,
            const char *key)
{
  if (line->len > 1)
    g_string_append_c (line, ',');
  append_json_string (line, key);
  g_string_append_c (line, ':');
}

void
vcard_json_add_string (GString *json,
                       const char *key,
                       const char *value)
{
  append_key (json, key);
  if (value)
    append_json_string (json, value);
  else
    g_string_append (json, "null");
}

GString *
vcard_log_begin (VcardLog *log,
                 const char *event)
{
  GString *line;

  if (log == NULL)
    return NULL;
  line = g_string_new ("{");
  vcard_log_add_int (line, "seq", (gint64) ++log->seq);
  vcard_log_add_int (line, "ms", (g_get_monotonic_time () - log->start_us) / 1000);
  vcard_log_add_string (line, "event", event);
  return line;
}

void
vcard_log_add_string (GString *line,
                      const char *key,
                      const char *value)
{
  if (line)
    vcard_json_add_string (line, key, value);
}

void
vcard_log_add_int (GString *line,
                   const char *key,
                   gint64 value)
{
  if (line == NULL)
    return;
  append_key (line, key);
  g_string_append_printf (line, "%" G_GINT64_FORMAT, value);
}

void
vcard_log_add_bool (GString *line,
                    const char *key,
                    gboolean value)
{
  if (line == NULL)
    return;
  append_key (line, key);
  g_string_append (line, value ? "true" : "false");
}

void
vcard_log_end (VcardLog *log,
               GString *line)
{
  if (line == NULL)
    return;
  g_string_append (line, "}\n");
  if (log)
    {
      fputs (line->str, log->file);
      fflush (log->file);
    }
  g_string_free (line, TRUE);
}
