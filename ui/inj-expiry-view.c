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

InjPill
inj_pill_for_state (const char *state,
                    GDateTime *end,
                    GDateTime *now)
{
  if (g_strcmp0 (state, "draft") == 0)
    return INJ_PILL_DRAFT;
  if (g_strcmp0 (state, "ready") == 0)
    return INJ_PILL_PENDING;
  if (g_strcmp0 (state, "received") == 0)
    return INJ_PILL_RECEIVED;
  if (g_strcmp0 (state, "rejected") == 0)
    return INJ_PILL_REJECTED;
  if (g_strcmp0 (state, "retired") == 0)
    return INJ_PILL_RETIRED;
  if (g_strcmp0 (state, "expired") == 0)
    return INJ_PILL_EXPIRED;
  if (g_strcmp0 (state, "terminated") == 0)
    return INJ_PILL_TERMINATED;
  if (g_strcmp0 (state, "active") == 0 || g_strcmp0 (state, "stored") == 0)
    {
      int left;

      if (end == NULL || now == NULL)
        return INJ_PILL_ACTIVE;
      left = inj_expiry_days_left (end, now);
      if (left < 0)
        return INJ_PILL_EXPIRED;
      return left <= INJ_DELEGATION_EXPIRING_DAYS ? INJ_PILL_EXPIRING : INJ_PILL_ACTIVE;
    }
  return INJ_PILL_OTHER;
}

const char *
inj_pill_label (InjPill pill)
{
  switch (pill)
    {
    case INJ_PILL_DRAFT:
      return _("Draft");
    case INJ_PILL_PENDING:
      return _("Waiting to be sent");
    case INJ_PILL_RECEIVED:
      return _("Being checked");
    case INJ_PILL_ACTIVE:
      return _("Valid");
    case INJ_PILL_EXPIRING:
      return _("Ends soon");
    case INJ_PILL_EXPIRED:
      return _("Period ended");
    case INJ_PILL_RETIRED:
      return _("Retired (renewed)");
    case INJ_PILL_REJECTED:
      return _("Refused");
    case INJ_PILL_TERMINATED:
      return _("Ended");
    case INJ_PILL_OTHER:
    default:
      return _("Unknown");
    }
}

const char *
inj_pill_css_class (InjPill pill)
{
  static const char *const classes[] = {
    [INJ_PILL_DRAFT] = "draft", [INJ_PILL_PENDING] = "pending",
    [INJ_PILL_RECEIVED] = "received", [INJ_PILL_ACTIVE] = "active",
    [INJ_PILL_EXPIRING] = "expiring", [INJ_PILL_EXPIRED] = "expired",
    [INJ_PILL_RETIRED] = "retired", [INJ_PILL_REJECTED] = "rejected",
    [INJ_PILL_TERMINATED] = "terminated",
    [INJ_PILL_OTHER] = "other",
  };

  return (guint) pill < G_N_ELEMENTS (classes) ? classes[pill] : "other";
}

char *
inj_display_iso_day (const char *iso)
{
  g_autoptr(GDateTime) dt = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (dt == NULL)
    return g_strdup (iso ? iso : "-");
  local = inj_date_to_jst (dt);
  return inj_date_display_day (local);
}
