/* test-date.c: stored dates and 和暦. */
#include "config.h"

#include <string.h>

#include "test-support.h"

static void
test_parse (void)
{
  g_autoptr(GDateTime) dt = NULL;

  g_assert_cmpint (inj_date_parse_datetime ("2026-12-01T00:00:00+09:00", &dt), ==,
                   INJ_PROBLEM_NONE);
  g_assert_cmpint (g_date_time_get_utc_offset (dt) / G_TIME_SPAN_HOUR, ==, 9);
  g_assert_cmpint (g_date_time_get_day_of_month (dt), ==, 1);
  g_assert_cmpint (inj_date_parse_datetime ("2026-12-01T00:00:00Z", NULL), ==,
                   INJ_PROBLEM_DATE_OFFSET);
  g_assert_cmpint (inj_date_parse_datetime ("2026-12-01T00:00:00+00:00", NULL), ==,
                   INJ_PROBLEM_DATE_OFFSET);
  g_assert_cmpint (inj_date_parse_datetime ("2026-12-01T00:00:00", NULL), ==,
                   INJ_PROBLEM_DATE_OFFSET);
  g_assert_cmpint (inj_date_parse_datetime ("2026-02-30T00:00:00+09:00", NULL), ==,
                   INJ_PROBLEM_DATE_INVALID);
  g_assert_cmpint (inj_date_parse_datetime ("2026-12-01T24:00:00+09:00", NULL), ==,
                   INJ_PROBLEM_DATE_INVALID);
  g_assert_cmpint (inj_date_parse_datetime ("2026/12/01 00:00:00", NULL), ==,
                   INJ_PROBLEM_DATE_FORMAT);
  g_assert_cmpint (inj_date_parse_datetime ("令和8年12月1日", NULL), ==, INJ_PROBLEM_DATE_FORMAT);
  g_assert_cmpint (inj_date_parse_date ("2024-02-29", NULL), ==, INJ_PROBLEM_NONE);
  g_assert_cmpint (inj_date_parse_date ("2023-02-29", NULL), ==, INJ_PROBLEM_DATE_INVALID);
  g_assert_cmpint (inj_date_parse_date ("2023-2-28", NULL), ==, INJ_PROBLEM_DATE_FORMAT);
}

/* 生年月日 with era digit 0 (era not recorded) is a date: shown like the
 * same date with its era, which is derived from the Gregorian date. */
static void
test_birth_era_zero (void)
{
  int era, y, m, d;
  g_autofree char *zero = inj_jpki_birth_date_display ("019750815");
  g_autofree char *showa = inj_jpki_birth_date_display ("319750815");

  g_assert_true (inj_jpki_birth_date_parse ("019750815", &era, &y, &m, &d));
  g_assert_cmpint (era, ==, 0);
  g_assert_cmpint (y, ==, 1975);
  g_assert_cmpint (m, ==, 8);
  g_assert_cmpint (d, ==, 15);
  g_assert_cmpstr (zero, ==, showa);
  g_assert_nonnull (strstr (zero, "昭和50年8月15日"));
  g_assert_true (inj_jpki_birth_date_parse ("01975", &era, &y, &m, &d));
  g_assert_false (inj_jpki_birth_date_parse ("619750815", &era, &y, &m, &d));
  g_assert_false (inj_jpki_birth_date_parse ("019751315", &era, &y, &m, &d));
}

static void
check_wareki (int y,
              int m,
              int d,
              const char *expected)
{
  GDate date;
  g_autofree char *w = NULL;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  w = inj_wareki_format (&date);
  g_assert_cmpstr (w, ==, expected);
}

static void
test_wareki (void)
{
  check_wareki (2026, 11, 22, "令和8年11月22日");
  check_wareki (2019, 5, 1, "令和元年5月1日");
  check_wareki (2019, 4, 30, "平成31年4月30日");
  check_wareki (1989, 1, 8, "平成元年1月8日");
  check_wareki (1989, 1, 7, "昭和64年1月7日");
  check_wareki (1926, 12, 25, "昭和元年12月25日");
  check_wareki (1926, 12, 24, "大正15年12月24日");
  check_wareki (1912, 7, 30, "大正元年7月30日");
  check_wareki (1912, 7, 29, "明治45年7月29日");
  check_wareki (1873, 1, 1, "明治6年1月1日");
  /* Before the Gregorian calendar was adopted: 西暦 only */
  check_wareki (1872, 12, 31, NULL);
}

static void
test_display (void)
{
  g_autofree char *a = inj_date_display ("2026-12-01T00:00:00+09:00");
  g_autofree char *b = inj_date_display ("2027-11-30T23:59:59+09:00");
  g_autofree char *c = inj_date_display ("2026-12-01T10:30:00+09:00");
  g_autofree char *d = inj_date_display ("1980-04-01");

  g_assert_cmpstr (a, ==, "令和8年12月1日（2026年12月1日）");
  g_assert_cmpstr (b, ==, "令和9年11月30日（2027年11月30日）");
  g_assert_cmpstr (c, ==, "令和8年12月1日（2026年12月1日） 10:30:00");
  g_assert_cmpstr (d, ==, "昭和55年4月1日（1980年4月1日）");
  g_assert_null (inj_date_display ("not a date"));
}

static void
test_input (void)
{
  g_autoptr(GDateTime) now = test_now ();
  InjProblemCode code;
  g_autofree char *start = inj_date_from_input ("2026-12-01", FALSE, now, &code);
  g_autofree char *end = inj_date_from_input ("2027-11-30", TRUE, now, &code);
  g_autofree char *today = inj_date_from_input ("today", FALSE, now, &code);
  g_autofree char *month = inj_date_from_input ("today+6m", TRUE, now, &code);
  g_autofree char *year = inj_date_from_input ("today+1y", TRUE, now, &code);
  g_autofree char *days = inj_date_from_input ("today+30d", FALSE, now, &code);
  g_autofree char *full = inj_date_from_input ("2026-12-01T10:30:00+09:00", FALSE, now, &code);
  char *bad;

  g_assert_cmpstr (start, ==, "2026-12-01T00:00:00+09:00");
  g_assert_cmpstr (end, ==, "2027-11-30T23:59:59+09:00");
  g_assert_cmpstr (today, ==, "2026-04-01T00:00:00+09:00");
  g_assert_cmpstr (month, ==, "2026-10-01T23:59:59+09:00");
  g_assert_cmpstr (year, ==, "2027-04-01T23:59:59+09:00");
  g_assert_cmpstr (days, ==, "2026-05-01T00:00:00+09:00");
  g_assert_cmpstr (full, ==, "2026-12-01T10:30:00+09:00");

  bad = inj_date_from_input ("today+5w", FALSE, now, &code);
  g_assert_null (bad);
  g_assert_cmpint (code, ==, INJ_PROBLEM_DATE_FORMAT);
  bad = inj_date_from_input ("2026-12-01T10:30:00Z", FALSE, now, &code);
  g_assert_null (bad);
  g_assert_cmpint (code, ==, INJ_PROBLEM_DATE_OFFSET);
  bad = inj_date_from_input ("2026-13-01", FALSE, now, &code);
  g_assert_null (bad);
  g_assert_cmpint (code, ==, INJ_PROBLEM_DATE_INVALID);
}

/* A day as a person writes it, in 西暦 or 和暦, and both as the editor
 * shows it. */
static void
test_written (void)
{
  const struct { const char *text; InjProblemCode code; int y, m, d; } cases[] = {
    { "2026-04-01", INJ_PROBLEM_NONE, 2026, 4, 1 },
    { "2026/4/1", INJ_PROBLEM_NONE, 2026, 4, 1 },
    { "2026年4月1日", INJ_PROBLEM_NONE, 2026, 4, 1 },
    { "令和8年4月1日", INJ_PROBLEM_NONE, 2026, 4, 1 },
    { "令和８年４月１日", INJ_PROBLEM_NONE, 2026, 4, 1 },
    { "令和元年5月1日", INJ_PROBLEM_NONE, 2019, 5, 1 },
    { "平成31年4月30日", INJ_PROBLEM_NONE, 2019, 4, 30 },
    { "昭和64年1月7日", INJ_PROBLEM_NONE, 1989, 1, 7 },
    { "平成元年1月8日", INJ_PROBLEM_NONE, 1989, 1, 8 },
    { "令和8年4月1日（2026年4月1日）", INJ_PROBLEM_NONE, 2026, 4, 1 },
    { "令和8年4月1日 (2026年4月1日)", INJ_PROBLEM_NONE, 2026, 4, 1 },
    /* the two halves disagree */
    { "令和8年4月1日（2025年4月1日）", INJ_PROBLEM_DATE_INVALID, 0, 0, 0 },
    /* not in the era */
    { "令和1年4月1日", INJ_PROBLEM_DATE_INVALID, 0, 0, 0 },
    { "平成32年1月1日", INJ_PROBLEM_DATE_INVALID, 0, 0, 0 },
    { "令和0年5月1日", INJ_PROBLEM_DATE_INVALID, 0, 0, 0 },
    { "令和8年2月30日", INJ_PROBLEM_DATE_INVALID, 0, 0, 0 },
    { "2026-4/1", INJ_PROBLEM_DATE_FORMAT, 0, 0, 0 },
    { "R8.4.1", INJ_PROBLEM_DATE_FORMAT, 0, 0, 0 },
    { "令和8年4月1日（", INJ_PROBLEM_DATE_FORMAT, 0, 0, 0 },
    { "2026年4月1日まで", INJ_PROBLEM_DATE_FORMAT, 0, 0, 0 },
    { "", INJ_PROBLEM_DATE_FORMAT, 0, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate date;
      g_test_message ("%s", cases[i].text);
      g_assert_cmpint (inj_date_parse_written (cases[i].text, &date), ==, cases[i].code);
      if (cases[i].code != INJ_PROBLEM_NONE)
        continue;
      g_assert_cmpint (g_date_get_year (&date), ==, cases[i].y);
      g_assert_cmpint (g_date_get_month (&date), ==, cases[i].m);
      g_assert_cmpint (g_date_get_day (&date), ==, cases[i].d);
    }
}

/* What the editor shows reads back as the same day, in the period and as
 * a date of birth. */
static void
test_written_round_trip (void)
{
  g_autoptr(GDateTime) now = test_now ();
  InjProblemCode code;
  g_autofree char *shown = inj_date_display ("2027-03-31");
  g_autofree char *end = inj_date_from_input (shown, TRUE, now, &code);
  g_autofree char *birth = inj_date_birth_from_input ("昭和55年4月1日", &code);

  g_assert_cmpstr (shown, ==, "令和9年3月31日（2027年3月31日）");
  g_assert_cmpstr (end, ==, "2027-03-31T23:59:59+09:00");
  g_assert_cmpstr (birth, ==, "1980-04-01");
  g_assert_true (inj_date_written_halves_differ ("令和8年4月1日（2025年4月1日）"));
  g_assert_false (inj_date_written_halves_differ ("令和8年4月1日（2026年4月1日）"));
  g_assert_false (inj_date_written_halves_differ ("令和8年2月30日"));
}

static void
test_wareki_month (void)
{
  g_autofree char *april = inj_wareki_month_format (2026, 4);
  g_autofree char *may = inj_wareki_month_format (2019, 5);
  g_autofree char *january = inj_wareki_month_format (1989, 1);
  g_autofree char *old = inj_wareki_month_format (1800, 1);

  g_assert_cmpstr (april, ==, "令和8年（2026年）4月");
  g_assert_cmpstr (may, ==, "令和元年（2019年）5月");
  g_assert_cmpstr (january, ==, "昭和64年・平成元年（1989年）1月");
  g_assert_cmpstr (old, ==, "1800年1月");
}

/* A certificate's notAfter 99991231235959Z (RFC 5280's "no expiration")
 * has no JST form in GDateTime: shown as the last day of 9999, never a
 * critical (found by tests/fuzz). */
static void
test_end_of_time (void)
{
  g_autoptr(GDateTime) last = g_date_time_new_from_iso8601 ("9999-12-31T23:59:59Z", NULL);
  g_autoptr(GDateTime) first = g_date_time_new_from_iso8601 ("0001-01-01T00:00:00+14:00", NULL);
  g_autoptr(GDateTime) jst = inj_date_to_jst (last);
  g_autoptr(GDateTime) early = NULL;
  g_autofree char *day = inj_date_display_day (last);
  g_autofree char *stamp = inj_date_format_datetime (last);

  g_assert_nonnull (jst);
  g_assert_cmpint (g_date_time_get_year (jst), ==, 9999);
  g_assert_nonnull (strstr (day, "9999"));
  g_assert_cmpstr (stamp, ==, "9999-12-31T23:59:59+09:00");
  if (first != NULL)
    {
      early = inj_date_to_jst (first);
      g_assert_nonnull (early);
    }
}

int
main (int argc,
      char **argv)
{
  test_init (&argc, &argv);
  g_test_add_func ("/date/parse", test_parse);
  g_test_add_func ("/date/wareki", test_wareki);
  g_test_add_func ("/date/display", test_display);
  g_test_add_func ("/date/input", test_input);
  g_test_add_func ("/date/written", test_written);
  g_test_add_func ("/date/written-round-trip", test_written_round_trip);
  g_test_add_func ("/date/wareki-month", test_wareki_month);
  g_test_add_func ("/date/birth-era-zero", test_birth_era_zero);
  g_test_add_func ("/date/end-of-time", test_end_of_time);
  return g_test_run ();
}
