/* svc-context.c */
#include "config.h"

#include <stdio.h>

#include "inj-date.h"
#include "svc-context.h"

GDateTime *
svc_now (SvcContext *ctx)
{
  g_autoptr(GDateTime) real = inj_date_now ();

  return g_date_time_add (real, ctx->clock_offset);
}

char *
svc_now_iso (SvcContext *ctx)
{
  g_autoptr(GDateTime) now = svc_now (ctx);

  return inj_date_format_datetime (now);
}

/* One line per event on stderr, for the person running the service: no
 * personal data (names, addresses, documents) ever goes here. */
void
svc_log (const char *format,
         ...)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%H:%M:%S.%f");
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  /* one call per line: lines of concurrent requests do not mix */
  fprintf (stderr, "ininjo-service %.12s %s\n", when, text);
}
