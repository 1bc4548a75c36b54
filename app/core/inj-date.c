/* inj-date.c */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-date.h"

GTimeZone *
inj_date_jst (void)
{
  return g_time_zone_new_offset (9 * 60 * 60);
}

GDateTime *
inj_date_now (void)
{
  g_autoptr(GTimeZone) jst = inj_date_jst ();
  return g_date_time_new_now (jst);
}

/* @t in Japan time. GDateTime holds nothing after 9999-12-31 23:59:59 in
 * its own zone, so a time late on that day in UTC (a certificate's notAfter
 * 99991231235959Z, RFC 5280's "no expiration") has no JST form:
 * g_date_time_to_timezone() returns NULL and every caller that formats it
 * met a critical (found by tests/fuzz: a signature's report). Such a time is
 * held at the last second of 9999 in JST (the first of year 1 at the other
 * end). */
GDateTime *
inj_date_to_jst (GDateTime *t)
{
  g_autoptr(GTimeZone) jst = inj_date_jst ();
  GDateTime *local = g_date_time_to_timezone (t, jst);

  if (local == NULL)
    local = g_date_time_get_year (t) > 5000 ? g_date_time_new (jst, 9999, 12, 31, 23, 59, 59)
                                            : g_date_time_new (jst, 1, 1, 1, 0, 0, 0);
  return local;
}

char *
inj_date_format_datetime (GDateTime *dt)
{
  g_autoptr(GDateTime) local = inj_date_to_jst (dt);

  return g_date_time_format (local, "%Y-%m-%dT%H:%M:%S+09:00");
}

static gboolean
all_digits (const char *p,
            gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (p[i]))
      return FALSE;
  return TRUE;
}

static int
number (const char *p,
        gsize n)
{
  int v = 0;
  for (gsize i = 0; i < n; i++)
    v = v * 10 + (p[i] - '0');
  return v;
}

InjProblemCode
inj_date_parse_date (const char *text,
                     GDate *out)
{
  int y, m, d;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-' ||
      !all_digits (text, 4) || !all_digits (text + 5, 2) || !all_digits (text + 8, 2))
    return INJ_PROBLEM_DATE_FORMAT;

  y = number (text, 4);
  m = number (text + 5, 2);
  d = number (text + 8, 2);
  if (y < 1 || !g_date_valid_dmy (d, m, y))
    return INJ_PROBLEM_DATE_INVALID;
  if (out)
    g_date_set_dmy (out, d, m, y);
  return INJ_PROBLEM_NONE;
}

/* Exactly YYYY-MM-DDThh:mm:ss+09:00: the service is Japanese and a
 * delegation's period is read in Japan Standard Time. */
InjProblemCode
inj_date_parse_datetime (const char *text,
                         GDateTime **out)
{
  g_autoptr(GTimeZone) jst = NULL;
  GDate date;
  int hh, mm, ss;
  InjProblemCode code;

  if (out)
    *out = NULL;
  if (text == NULL || strlen (text) < 19)
    return INJ_PROBLEM_DATE_FORMAT;
  if (text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      !all_digits (text + 11, 2) || !all_digits (text + 14, 2) || !all_digits (text + 17, 2))
    return INJ_PROBLEM_DATE_FORMAT;
  {
    char day[11];
    memcpy (day, text, 10);
    day[10] = '\0';
    code = inj_date_parse_date (day, &date);
    if (code != INJ_PROBLEM_NONE)
      return code;
  }
  if (strlen (text) != 25)
    {
      /* A zone other than +09:00 (Z, -05:00, none, fractions) */
      if (strlen (text) == 19 || text[19] == 'Z' || text[19] == '+' || text[19] == '-')
        return INJ_PROBLEM_DATE_OFFSET;
      return INJ_PROBLEM_DATE_FORMAT;
    }
  if (text[19] != '+' && text[19] != '-')
    return INJ_PROBLEM_DATE_FORMAT;
  if (strcmp (text + 19, "+09:00") != 0)
    return INJ_PROBLEM_DATE_OFFSET;

  hh = number (text + 11, 2);
  mm = number (text + 14, 2);
  ss = number (text + 17, 2);
  if (hh > 23 || mm > 59 || ss > 59)
    return INJ_PROBLEM_DATE_INVALID;

  if (out)
    {
      jst = inj_date_jst ();
      *out = g_date_time_new (jst, g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), hh, mm, ss);
      /* GDateTime holds 0001-01-01 – 9999-12-31 in UTC: 0001-01-01T08:59:59+09:00
       * is a valid text but no time. Fail closed: never "parsed" without a time. */
      if (*out == NULL)
        return INJ_PROBLEM_DATE_INVALID;
    }
  return INJ_PROBLEM_NONE;
}

/* Eras by their first day in the Gregorian calendar. Japan adopted the
 * Gregorian calendar on 明治6年1月1日 (1873-01-01); earlier dates have no
 * faithful 和暦 in these terms and are shown in 西暦 only. */
static const struct {
  const char *name;
  int y, m, d;
} eras[] = {
  { "令和", 2019, 5, 1 },
  { "平成", 1989, 1, 8 },
  { "昭和", 1926, 12, 25 },
  { "大正", 1912, 7, 30 },
  { "明治", 1868, 1, 25 },
};

static int
era_of (int y,
        int m,
        int d)
{
  if (y < 1873)
    return -1;
  for (guint i = 0; i < G_N_ELEMENTS (eras); i++)
    if (y > eras[i].y || (y == eras[i].y && (m > eras[i].m || (m == eras[i].m && d >= eras[i].d))))
      return (int) i;
  return -1;
}

/* A number of 1 to 4 ASCII digits at *p (digits were folded by NFKC). */
static gboolean
take_number (const char **p,
             int *out)
{
  int n = 0, v = 0;

  while (g_ascii_isdigit ((*p)[n]) && n < 5)
    v = v * 10 + ((*p)[n++] - '0');
  if (n == 0 || n > 4)
    return FALSE;
  *p += n;
  *out = v;
  return TRUE;
}

static gboolean
take (const char **p,
      const char *word)
{
  if (!g_str_has_prefix (*p, word))
    return FALSE;
  *p += strlen (word);
  return TRUE;
}

/* One date as a person writes it; *p moves past it. */
static InjProblemCode
take_written (const char **p,
              GDate *out)
{
  int era = -1, y = 0, m = 0, d = 0;

  for (guint i = 0; i < G_N_ELEMENTS (eras) && era < 0; i++)
    if (take (p, eras[i].name))
      era = (int) i;
  if (era >= 0 && take (p, "元"))
    y = 1;
  else if (!take_number (p, &y))
    return INJ_PROBLEM_DATE_FORMAT;

  if (era < 0 && (**p == '-' || **p == '/'))
    {
      char sep = **p;
      (*p)++;
      if (!take_number (p, &m) || **p != sep)
        return INJ_PROBLEM_DATE_FORMAT;
      (*p)++;
      if (!take_number (p, &d))
        return INJ_PROBLEM_DATE_FORMAT;
    }
  else if (!take (p, "年") || !take_number (p, &m) || !take (p, "月") ||
           !take_number (p, &d) || !take (p, "日"))
    return INJ_PROBLEM_DATE_FORMAT;

  if (era >= 0)
    {
      if (y < 1)
        return INJ_PROBLEM_DATE_INVALID;
      y += eras[era].y - 1;
    }
  if (y < 1 || !g_date_valid_dmy (d, m, y))
    return INJ_PROBLEM_DATE_INVALID;
  /* 令和1年4月1日 was still 平成; 平成32年 never came. */
  if (era >= 0 && era_of (y, m, d) != era)
    return INJ_PROBLEM_DATE_INVALID;
  g_date_clear (out, 1);
  g_date_set_dmy (out, d, m, y);
  return INJ_PROBLEM_NONE;
}

/* A day as a person writes it in 西暦 or 和暦: 2026-04-01, 2026/4/1,
 * 2026年4月1日, 令和8年4月1日, 令和元年5月1日, and both at once as
 * inj_date_display() shows a day, 令和8年4月1日（2026年4月1日）: the two
 * must then be the same day. Full-width digits and brackets are read as
 * ASCII (NFKC, which also reads ㋿ as 令和). */
InjProblemCode
inj_date_parse_written (const char *text,
                        GDate *out)
{
  g_autofree char *folded = text ? g_utf8_normalize (text, -1, G_NORMALIZE_NFKC) : NULL;
  const char *p = folded;
  GDate first, second;
  InjProblemCode code;

  if (folded == NULL)
    return INJ_PROBLEM_DATE_FORMAT;
  while (*p == ' ')
    p++;
  code = take_written (&p, &first);
  if (code != INJ_PROBLEM_NONE)
    return code;
  while (*p == ' ')
    p++;
  if (take (&p, "（") || take (&p, "("))
    {
      code = take_written (&p, &second);
      if (code != INJ_PROBLEM_NONE)
        return code;
      if (!take (&p, "）") && !take (&p, ")"))
        return INJ_PROBLEM_DATE_FORMAT;
      if (g_date_compare (&first, &second) != 0)
        return INJ_PROBLEM_DATE_INVALID;
    }
  while (*p == ' ')
    p++;
  if (*p != '\0')
    return INJ_PROBLEM_DATE_FORMAT;
  if (out)
    *out = first;
  return INJ_PROBLEM_NONE;
}

/* Whether @text is a day written in both calendars whose two halves are
 * each a day, but not the same one (令和8年4月1日（2025年4月1日）): said so,
 * rather than that the day does not exist. */
gboolean
inj_date_written_halves_differ (const char *text)
{
  g_autofree char *folded = text ? g_utf8_normalize (text, -1, G_NORMALIZE_NFKC) : NULL;
  const char *p = folded;
  GDate first, second;

  if (folded == NULL || take_written (&p, &first) != INJ_PROBLEM_NONE)
    return FALSE;
  while (*p == ' ')
    p++;
  if (!take (&p, "(") || take_written (&p, &second) != INJ_PROBLEM_NONE)
    return FALSE;
  return g_date_compare (&first, &second) != 0;
}

/* "today", "today+30d", "today+6m", "today+1y" relative to @now. */
static GDateTime *
parse_relative (const char *text,
                GDateTime *now)
{
  const char *rest;
  guint64 n = 0;
  char *endp = NULL;
  GDateTime *midnight;
  GDateTime *result;

  if (!g_str_has_prefix (text, "today"))
    return NULL;
  midnight = g_date_time_new (g_date_time_get_timezone (now), g_date_time_get_year (now),
                              g_date_time_get_month (now), g_date_time_get_day_of_month (now),
                              0, 0, 0);
  rest = text + strlen ("today");
  if (*rest == '\0')
    return midnight;
  if (*rest != '+' || !g_ascii_isdigit (rest[1]))
    {
      g_date_time_unref (midnight);
      return NULL;
    }
  n = g_ascii_strtoull (rest + 1, &endp, 10);
  if (endp == NULL || n > 100 * 366 || endp[0] == '\0' || endp[1] != '\0')
    {
      g_date_time_unref (midnight);
      return NULL;
    }
  switch (endp[0])
    {
    case 'd':
      result = g_date_time_add_days (midnight, (int) n);
      break;
    case 'm':
      result = g_date_time_add_months (midnight, (int) n);
      break;
    case 'y':
      result = g_date_time_add_years (midnight, (int) n);
      break;
    default:
      result = NULL;
      break;
    }
  g_date_time_unref (midnight);
  return result;
}

/* What a person types for the period: a day (the start at 00:00:00, the end
 * at 23:59:59 of that day), a full time in +09:00, or "today[+N(d|m|y)]".
 * Returns the stored form, or NULL with *problem set. */
char *
inj_date_from_input (const char *text,
                     gboolean end_of_day,
                     GDateTime *now,
                     InjProblemCode *problem)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GTimeZone) jst = inj_date_jst ();
  g_autoptr(GDateTime) now_jst = NULL;
  GDate date;
  InjProblemCode code;

  *problem = INJ_PROBLEM_NONE;
  if (text == NULL || *text == '\0')
    {
      *problem = INJ_PROBLEM_REQUIRED;
      return NULL;
    }

  /* A full time is written in ASCII; a day may be written in 和暦. */
  if (strlen (text) > 10 && g_str_is_ascii (text) && strchr (text, 'T') != NULL)
    {
      g_autoptr(GDateTime) dt = NULL;
      code = inj_date_parse_datetime (text, &dt);
      if (code != INJ_PROBLEM_NONE)
        {
          *problem = code;
          return NULL;
        }
      return g_strdup (text);
    }

  now_jst = g_date_time_to_timezone (now, jst);
  day = parse_relative (text, now_jst);
  if (day == NULL)
    {
      code = inj_date_parse_written (text, &date);
      if (code != INJ_PROBLEM_NONE)
        {
          *problem = code;
          return NULL;
        }
      day = g_date_time_new (jst, g_date_get_year (&date), g_date_get_month (&date),
                             g_date_get_day (&date), 0, 0, 0);
    }
  if (end_of_day)
    {
      GDateTime *eod = g_date_time_new (jst, g_date_time_get_year (day),
                                        g_date_time_get_month (day),
                                        g_date_time_get_day_of_month (day), 23, 59, 59);
      g_date_time_unref (day);
      day = eod;
    }
  return inj_date_format_datetime (day);
}

char *
inj_date_birth_from_input (const char *text,
                           InjProblemCode *problem)
{
  GDate date;

  *problem = inj_date_parse_written (text, &date);
  if (*problem != INJ_PROBLEM_NONE)
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

char *
inj_wareki_format (const GDate *date)
{
  int y = g_date_get_year (date), m = g_date_get_month (date), d = g_date_get_day (date);
  int i = era_of (y, m, d);
  int year;

  if (i < 0)
    return NULL;
  year = y - eras[i].y + 1;
  if (year == 1)
    return g_strdup_printf ("%s元年%d月%d日", eras[i].name, m, d);
  return g_strdup_printf ("%s%d年%d月%d日", eras[i].name, year, m, d);
}

/* A calendar's month in both: 「令和8年（2026年）4月」; the month in which
 * an era began mid-month names both: 「昭和64年・平成元年（1989年）1月」. */
char *
inj_wareki_month_format (int year,
                         int month)
{
  GDate first, last;
  int a, b;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (year < 1 || month < 1 || month > 12)
    return NULL;
  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, month, year);
  last = first;
  g_date_add_days (&last, g_date_get_days_in_month (month, year) - 1);
  a = era_of (year, month, 1);
  b = era_of (year, month, g_date_get_day (&last));
  if (b < 0)
    return g_strdup_printf ("%d年%d月", year, month);
  to = year - eras[b].y + 1 == 1 ? g_strdup_printf ("%s元年", eras[b].name)
                                 : g_strdup_printf ("%s%d年", eras[b].name, year - eras[b].y + 1);
  if (a >= 0 && a != b)
    {
      from = g_strdup_printf ("%s%d年", eras[a].name, year - eras[a].y + 1);
      return g_strdup_printf ("%s・%s（%d年）%d月", from, to, year, month);
    }
  return g_strdup_printf ("%s（%d年）%d月", to, year, month);
}

/* "令和8年12月1日（2026年12月1日）", with the time when it is not the
 * start or end of a day. NULL when @iso is not a valid stored date. */
char *
inj_date_display (const char *iso)
{
  GDate date;
  g_autofree char *wareki = NULL;
  g_autofree char *seireki = NULL;
  g_autofree char *time = NULL;
  g_autoptr(GDateTime) dt = NULL;

  if (iso == NULL)
    return NULL;
  if (strlen (iso) == 10)
    {
      if (inj_date_parse_date (iso, &date) != INJ_PROBLEM_NONE)
        return NULL;
    }
  else
    {
      if (inj_date_parse_datetime (iso, &dt) != INJ_PROBLEM_NONE)
        return NULL;
      g_date_clear (&date, 1);
      g_date_set_dmy (&date, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                      g_date_time_get_year (dt));
      if (!((g_date_time_get_hour (dt) == 0 && g_date_time_get_minute (dt) == 0 &&
             g_date_time_get_second (dt) == 0) ||
            (g_date_time_get_hour (dt) == 23 && g_date_time_get_minute (dt) == 59 &&
             g_date_time_get_second (dt) == 59)))
        time = g_date_time_format (dt, "%H:%M:%S");
    }

  wareki = inj_wareki_format (&date);
  seireki = g_strdup_printf ("%d年%d月%d日", g_date_get_year (&date), g_date_get_month (&date),
                             g_date_get_day (&date));
  if (wareki == NULL)
    return time ? g_strdup_printf ("%s %s", seireki, time) : g_strdup (seireki);
  if (time)
    /* TRANSLATORS: 和暦 date, 西暦 date, then a time */
    return g_strdup_printf (_("%s (%s) %s"), wareki, seireki, time);
  /* TRANSLATORS: 和暦 date, then the same date in 西暦 */
  return g_strdup_printf (_("%s (%s)"), wareki, seireki);
}

/* The day of @t in Japan, as inj_date_display shows it (a certificate's
 * notBefore/notAfter, in UTC, is shown on the day it means in Japan). */
char *
inj_date_display_day (GDateTime *t)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *iso = NULL;
  char *shown;

  if (t == NULL)
    return g_strdup ("?");
  local = inj_date_to_jst (t);
  iso = g_date_time_format (local, "%Y-%m-%d");
  shown = inj_date_display (iso);
  return shown ? shown : g_steal_pointer (&iso);
}
