/* inj-diagnostics-display.c: times and sizes as the support and
 * diagnostics pages show them. The report keeps ISO 8601 in UTC (it is for
 * programs); a person reads Japan time, labelled, whatever this computer's
 * time zone is, and sizes in the page's language. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-app.h"
#include "inj-diagnostics.h"

char *
inj_diagnostics_time_display (GDateTime *time)
{
  g_autoptr(GDateTime) jst = NULL;
  g_autofree char *text = NULL;

  if (time == NULL)
    return g_strdup ("—");
  jst = inj_date_to_jst (time);
  text = g_date_time_format (jst, "%Y-%m-%d %H:%M:%S");
  /* TRANSLATORS: a time in Japan time (JST, +09:00), for the support pages */
  return g_strdup_printf (_("%s (Japan time)"), text);
}

/* From and until, labelled once: "A – B（日本時間）". */
char *
inj_diagnostics_period_display (GDateTime *from,
                                GDateTime *until)
{
  g_autoptr(GDateTime) a = from ? inj_date_to_jst (from) : NULL;
  g_autoptr(GDateTime) b = until ? inj_date_to_jst (until) : NULL;
  g_autofree char *a_text = a ? g_date_time_format (a, "%Y-%m-%d %H:%M:%S") : g_strdup ("—");
  g_autofree char *b_text = b ? g_date_time_format (b, "%Y-%m-%d %H:%M:%S") : g_strdup ("—");
  g_autofree char *period = g_strdup_printf ("%s – %s", a_text, b_text);

  return g_strdup_printf (_("%s (Japan time)"), period);
}

char *
inj_diagnostics_period_display_iso (const char *from,
                                    const char *until)
{
  g_autoptr(GDateTime) a = from ? g_date_time_new_from_iso8601 (from, NULL) : NULL;
  g_autoptr(GDateTime) b = until ? g_date_time_new_from_iso8601 (until, NULL) : NULL;

  return inj_diagnostics_period_display (a, b);
}

char *
inj_diagnostics_time_display_iso (const char *iso)
{
  g_autoptr(GDateTime) when = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;

  if (when == NULL)
    return g_strdup (iso ? iso : "—");
  return inj_diagnostics_time_display (when);
}

/* GLib's g_format_size() says "530 bytes" where GLib has no catalogue of
 * the user's language; a size under a kilobyte is said here. */
char *
inj_diagnostics_size_display (guint64 size)
{
  if (size < 1000)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u byte", "%u bytes", (gulong) size),
                            (guint) size);
  return g_format_size (size);
}
