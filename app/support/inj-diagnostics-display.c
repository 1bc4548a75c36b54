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

/* The reasons of inj_diagnostics_note_failure(), in the page's words. */
const char *
inj_failure_reason_display (const char *reason)
{
  static const struct {
    const char *reason;
    const char *text;
  } reasons[] = {
    { "sign-locked", N_("The signing password is locked") },
    { "auth-locked", N_("The authentication PIN is locked") },
    { "no-signing", N_("The card has no signing certificate") },
    { "wrong-pin", N_("A wrong PIN or password") },
    { "pin-format", N_("A PIN or password of the wrong form") },
    { "card-removed", N_("The card was removed") },
    { "no-card", N_("No card in the reader") },
    { "no-reader", N_("No card reader") },
    { "not-my-number", N_("Not a My Number card") },
    { "card-error", N_("The card reported an error") },
    { "certificate-expired", N_("A certificate has expired") },
    { "root-expired", N_("The issuing root has expired") },
    { "root-not-valid-when-signed", N_("The issuing root was not valid when signed") },
    { "unknown-ca", N_("Issued by a CA Ininjo does not trust") },
    { "verification", N_("The signature did not verify") },
    { "unreachable", N_("The service cannot be reached") },
    { "server-certificate", N_("The service's certificate is not trusted") },
    { "client-certificate", N_("The service refused the client certificate") },
    { "tls13-with-card", N_("The service accepts only TLS 1.3, which the card cannot use") },
    { "pin", N_("The PIN could not be asked for") },
    { "problem", N_("The service refused the request") },
    { "protocol", N_("The service's answer does not follow its API") },
    { "redirect", N_("The service answered with a redirect") },
    { "config", N_("The connection settings are wrong") },
    { "client-key", N_("The client key cannot be used") },
    { "tls-policy", N_("The service's TLS is not accepted") },
    { "front-end", N_("The service's front end answered with an error") },
    { "rejected", N_("The service rejected the delegation") },
    { "cancelled", N_("Cancelled") },
    { "other", N_("Another error") },
  };

  for (guint i = 0; reason && i < G_N_ELEMENTS (reasons); i++)
    if (g_str_equal (reason, reasons[i].reason))
      return _(reasons[i].text);
  return NULL;
}
