/* fuzz-support.c: the targets' common set-up (fuzz-support.h). */
#include "config.h"

#include <stdarg.h>
#include <string.h>
#include <unistd.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "fuzz-support.h"
#include "inj-log.h"

static const char *target_name = "fuzz";

void
fuzz_invariant_failed (const char *file,
                       int line,
                       const char *what,
                       const char *detail)
{
  fprintf (stderr, "\n==%s== INVARIANT FAILED at %s:%d: %s%s%s\n", target_name, file, line,
           what, detail ? ": " : "", detail ? detail : "");
  fflush (stderr);
  abort ();
}

/* libxml2 writes what no handler took to standard error: in Ininjo every
 * parse and canonicalisation has its own handler, so reaching this one is
 * a finding (the user's terminal would show libxml2's words). */
static void G_GNUC_PRINTF (2, 3)
libxml_stray_error (void *ctx,
                    const char *msg,
                    ...)
{
  char text[512];
  va_list args;

  va_start (args, msg);
  g_vsnprintf (text, sizeof text, msg, args);
  va_end (args);
  fuzz_invariant_failed (__FILE__, __LINE__, "libxml2 wrote to standard error", text);
}

static GLogWriterOutput
fatal_writer (GLogLevelFlags level,
              const GLogField *fields,
              gsize n_fields,
              gpointer user_data)
{
  const char *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
      message = fields[i].value;
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    fuzz_invariant_failed (__FILE__, __LINE__, "a GLib warning or critical", message);
  /* messages, infos and debug: not written (a target runs millions of inputs) */
  return G_LOG_WRITER_HANDLED;
}

static void
fatal_old_handler (const char *domain,
                   GLogLevelFlags level,
                   const char *message,
                   gpointer user_data)
{
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    fuzz_invariant_failed (__FILE__, __LINE__, "a GLib warning or critical", message);
}

void
fuzz_setup (const char *name)
{
  g_autofree char *home = NULL;

  target_name = name;
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_log_set_writer_func (fatal_writer, NULL, NULL);
  g_log_set_default_handler (fatal_old_handler, NULL);

  /* Never the user's files: every XDG directory in a private one. */
  home = g_dir_make_tmp ("ininjo-fuzz-XXXXXX", NULL);
  if (home == NULL)
    fuzz_invariant_failed (__FILE__, __LINE__, "a temporary directory", NULL);
  g_setenv ("HOME", home, TRUE);
  for (const char *const *v = (const char *const[]) { "XDG_DATA_HOME", "XDG_STATE_HOME",
                                                      "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
                                                      NULL }; *v; v++)
    {
      g_autofree char *dir = g_build_filename (home, *v, NULL);
      g_setenv (*v, dir, TRUE);
    }
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/ininjo-fuzz-no-bus", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("INJ_LOG_VERBOSE");

  xmlInitParser ();
  xmlSetGenericErrorFunc (NULL, libxml_stray_error);
}

void
fuzz_end_input (void)
{
  inj_log_clear_secrets ();
}

GBytes *
fuzz_read_source_file (const char *relative)
{
  g_autofree char *path = g_build_filename (FUZZ_SOURCE_DIR, relative, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, &error))
    fuzz_invariant_failed (__FILE__, __LINE__, "a fixture of tests/fuzz", error->message);
  return g_bytes_new_take (data, length);
}

GDateTime *
fuzz_date (const char *iso)
{
  GDateTime *t = g_date_time_new_from_iso8601 (iso, NULL);

  if (t == NULL)
    fuzz_invariant_failed (__FILE__, __LINE__, "a fixed date", iso);
  return t;
}

gboolean
fuzz_utf8_ok (const char *text)
{
  return text == NULL || g_utf8_validate (text, -1, NULL);
}
