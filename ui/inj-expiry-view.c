/* inj-expiry-view.c */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-app.h"
#include "inj-expiry-view.h"

/* notAfter is the last second of validity: the day it falls on, in Japan,
 * is the last day the certificate can be used. */
static GDate
jst_day (GDateTime *t)
{
  g_autoptr(GDateTime) local = inj_date_to_jst (t);
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_dmy (&d, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  return d;
}

int
inj_expiry_days_left (GDateTime *not_after,
                      GDateTime *now)
{
  GDate end, today;

  g_return_val_if_fail (not_after != NULL && now != NULL, -1);
  end = jst_day (not_after);
  today = jst_day (now);
  return g_date_days_between (&today, &end);
}

InjExpirySeverity
inj_expiry_severity (int days_left)
{
  if (days_left < 0)
    return INJ_EXPIRY_EXPIRED;
  if (days_left <= INJ_EXPIRY_WARN_DAYS)
    return INJ_EXPIRY_SOON;
  return INJ_EXPIRY_FINE;
}

char *
inj_expiry_title (InjExpirySource source,
                  GDateTime *not_after,
                  int days_left)
{
  g_autofree char *day = inj_date_display_day (not_after);

  if (source == INJ_EXPIRY_FROM_SIGN)
    {
      if (days_left < 0)
        return g_strdup_printf (_("The signing certificate expired on %s"), day);
      if (days_left == 0)
        return g_strdup_printf (_("The signing certificate expires today (%s)"), day);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The signing certificate is valid until %s (%d day left)",
                                           "The signing certificate is valid until %s (%d days left)",
                                           days_left),
                              day, days_left);
    }
  if (days_left < 0)
    return g_strdup_printf (_("The authentication certificate expired on %s"), day);
  if (days_left == 0)
    return g_strdup_printf (_("The authentication certificate expires today (%s)"), day);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The authentication certificate is valid until %s (%d day left)",
                                       "The authentication certificate is valid until %s (%d days left)",
                                       days_left),
                          day, days_left);
}

char *
inj_expiry_details (InjExpirySource source,
                    int days_left)
{
  GString *out = g_string_new (NULL);

  switch (inj_expiry_severity (days_left))
    {
    case INJ_EXPIRY_EXPIRED:
      g_string_append (out, source == INJ_EXPIRY_FROM_SIGN
                            ? _("It can no longer sign. ")
                            : _("The signing certificate has most likely ended too. "));
      g_string_append (out, _("Renew it at your municipal office (市区町村の窓口): take your My "
                              "Number card there."));
      break;
    case INJ_EXPIRY_SOON:
      g_string_append (out, _("Renew it soon at your municipal office (市区町村の窓口): take "
                              "your My Number card there before the date."));
      break;
    case INJ_EXPIRY_FINE:
      break;
    }
  if (out->len)
    g_string_append_c (out, '\n');
  if (source == INJ_EXPIRY_FROM_AUTH)
    g_string_append (out, _("This date is read without a password from the authentication "
                            "certificate (利用者証明用電子証明書). The signing certificate "
                            "(署名用電子証明書) is normally issued with it and ends on the same "
                            "day; its own date is read only with the signing password, when you "
                            "sign."));
  else
    g_string_append (out, _("Read from the signing certificate (署名用電子証明書) when you "
                            "signed."));
  g_string_append_c (out, '\n');
  g_string_append (out, _("A move or a change of name revokes the signing certificate: it is "
                          "then issued again at your municipal office (市区町村の窓口)."));
  return g_string_free (out, FALSE);
}
