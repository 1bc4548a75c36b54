/* test-delegation.c: the model and every validation error it can report. */
#include "config.h"

#include <string.h>

#include "test-support.h"

static GPtrArray *
validate (InjDelegation *d)
{
  g_autoptr(GDateTime) now = test_now ();
  return inj_delegation_validate (d, now);
}

static void
test_valid (void)
{
  g_autoptr(InjDelegation) corp = test_corporation ();
  g_autoptr(InjDelegation) sole = test_sole_proprietor ();
  g_autoptr(GPtrArray) p1 = validate (corp);
  g_autoptr(GPtrArray) p2 = validate (sole);

  test_assert_no_problems (p1);
  test_assert_no_problems (p2);
  g_assert_cmpint (inj_delegation_get_principal_kind (corp), ==, INJ_PRINCIPAL_KIND_CORPORATION);
  g_assert_cmpint (inj_delegation_get_principal_kind (sole), ==,
                   INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR);
  /* The service's items come from the profile (table 4-1 ※2). */
  g_assert_cmpstr (inj_delegation_get_text (corp, INJ_FIELD_SERVICE_NAME), ==,
                   "テスト電子委任状サービス (TEST)");
  g_assert_cmpstr (inj_delegation_get_text (corp, INJ_FIELD_VALIDITY_URL), ==,
                   "https://service.test/api/v1/validity");
  g_assert_cmpstr (inj_delegation_get_text (corp, INJ_FIELD_CREATED_AT), ==,
                   "2026-04-01T09:00:00+09:00");
}

/* Once the qualification is chosen, the agent's identifier is called by
 * that qualification's own term, in the review and in problems. */
static void
test_identifier_label (void)
{
  g_autoptr(InjDelegation) d = test_sole_proprietor ();
  g_autoptr(GDateTime) now = inj_date_now ();
  g_autofree char *plain = NULL;
  g_autofree char *licensed = NULL;
  g_autofree char *problem = NULL;

  g_assert_cmpstr (inj_field_label_as (INJ_FIELD_AGENT_IDENTIFIER, INJ_QUALIFICATION_NONE), ==,
                   inj_field_label (INJ_FIELD_AGENT_IDENTIFIER));
  g_assert_cmpstr (inj_field_label_as (INJ_FIELD_AGENT_IDENTIFIER,
                                       INJ_QUALIFICATION_TAX_ACCOUNTANT), ==, "税理士登録番号");
  g_assert_cmpstr (inj_field_label_as (INJ_FIELD_AGENT_IDENTIFIER,
                                       INJ_QUALIFICATION_CERTIFIED_PUBLIC_ACCOUNTANT), ==,
                   "公認会計士登録番号");
  g_assert_cmpstr (inj_field_label_as (INJ_FIELD_AGENT_NAME, INJ_QUALIFICATION_TAX_ACCOUNTANT),
                   ==, inj_field_label (INJ_FIELD_AGENT_NAME));
  for (InjQualification q = INJ_QUALIFICATION_NONE + 1; q < INJ_N_QUALIFICATIONS; q++)
    g_assert_true (g_str_has_suffix (inj_field_label_as (INJ_FIELD_AGENT_IDENTIFIER, q),
                                     "登録番号"));

  plain = inj_delegation_render (d, TRUE, now);
  g_assert_nonnull (strstr (plain, inj_field_label (INJ_FIELD_AGENT_IDENTIFIER)));
  inj_delegation_set_qualification (d, INJ_QUALIFICATION_TAX_ACCOUNTANT);
  inj_delegation_set_text (d, INJ_FIELD_AGENT_TITLE, NULL);
  licensed = inj_delegation_render (d, TRUE, now);
  g_assert_nonnull (strstr (licensed, "税理士登録番号: "));
  g_assert_null (strstr (licensed, inj_field_label (INJ_FIELD_AGENT_IDENTIFIER)));
  problem = inj_problem_message (INJ_FIELD_AGENT_IDENTIFIER,
                                 INJ_PROBLEM_REGISTRATION_NUMBER_REQUIRED, d);
  g_assert_nonnull (strstr (problem, "「税理士登録番号」"));
}

static void
test_required (void)
{
  static const InjField corp_required[] = {
    INJ_FIELD_DELEGATION_ID, INJ_FIELD_CREATED_AT, INJ_FIELD_CORPORATE_NUMBER,
    INJ_FIELD_CORPORATE_NAME, INJ_FIELD_HEAD_OFFICE_ADDRESS, INJ_FIELD_REPRESENTATIVE_TITLE,
    INJ_FIELD_REPRESENTATIVE_NAME, INJ_FIELD_AGENT_NAME, INJ_FIELD_AGENT_TITLE,
    INJ_FIELD_AGENT_ADDRESS, INJ_FIELD_AUTHORITY_SCOPE, INJ_FIELD_PERIOD_START,
    INJ_FIELD_PERIOD_END, INJ_FIELD_SERVICE_NAME, INJ_FIELD_POLICY_URL, INJ_FIELD_VALIDITY_URL,
  };
  static const InjField sole_required[] = {
    INJ_FIELD_TRADE_NAME, INJ_FIELD_PROPRIETOR_NAME, INJ_FIELD_PROPRIETOR_ADDRESS,
    INJ_FIELD_PROPRIETOR_BIRTH_DATE,
  };
  static const InjField optional[] = {
    INJ_FIELD_SUPERSEDES, INJ_FIELD_AUTHORITY_RESTRICTIONS, INJ_FIELD_AGENT_IDENTIFIER,
  };

  for (guint i = 0; i < G_N_ELEMENTS (corp_required); i++)
    {
      g_autoptr(InjDelegation) d = test_corporation ();
      g_autoptr(GPtrArray) p = NULL;
      inj_delegation_set_text (d, corp_required[i], NULL);
      p = validate (d);
      test_assert_problem (p, corp_required[i], INJ_PROBLEM_REQUIRED);
      g_assert_cmpuint (p->len, ==, 1);
    }
  for (guint i = 0; i < G_N_ELEMENTS (sole_required); i++)
    {
      g_autoptr(InjDelegation) d = test_sole_proprietor ();
      g_autoptr(GPtrArray) p = NULL;
      inj_delegation_set_text (d, sole_required[i], NULL);
      p = validate (d);
      test_assert_problem (p, sole_required[i], INJ_PROBLEM_REQUIRED);
      g_assert_cmpuint (p->len, ==, 1);
    }
  for (guint i = 0; i < G_N_ELEMENTS (optional); i++)
    {
      g_autoptr(InjDelegation) d = test_corporation ();
      g_autoptr(GPtrArray) p = NULL;
      inj_delegation_set_text (d, optional[i], NULL);
      p = validate (d);
      test_assert_no_problems (p);
    }
  {
    g_autoptr(InjDelegation) d = test_corporation ();
    g_autoptr(GPtrArray) p = NULL;
    inj_delegation_set_principal_kind (d, INJ_PRINCIPAL_KIND_NONE);
    p = validate (d);
    test_assert_problem (p, INJ_FIELD_PRINCIPAL_KIND, INJ_PROBLEM_REQUIRED);
  }
}

static void
test_kind_items (void)
{
  g_autoptr(InjDelegation) corp = test_corporation ();
  g_autoptr(InjDelegation) sole = test_sole_proprietor ();
  g_autoptr(GPtrArray) p1 = NULL;
  g_autoptr(GPtrArray) p2 = NULL;
  g_autoptr(GPtrArray) p3 = NULL;

  /* A 法人 has no date of birth; a 個人事業主 has no corporate number. */
  inj_delegation_set_text (corp, INJ_FIELD_PROPRIETOR_BIRTH_DATE, "1980-04-01");
  p1 = validate (corp);
  test_assert_problem (p1, INJ_FIELD_PROPRIETOR_BIRTH_DATE, INJ_PROBLEM_NOT_APPLICABLE);
  inj_delegation_set_text (sole, INJ_FIELD_CORPORATE_NUMBER, "7000012050002");
  p2 = validate (sole);
  test_assert_problem (p2, INJ_FIELD_CORPORATE_NUMBER, INJ_PROBLEM_NOT_APPLICABLE);
  inj_delegation_set_text (sole, INJ_FIELD_PRINCIPAL_KIND, "partnership");
  p3 = validate (sole);
  test_assert_problem (p3, INJ_FIELD_PRINCIPAL_KIND, INJ_PROBLEM_KIND_UNKNOWN);
}

static void
test_licensed_agent (void)
{
  for (InjQualification q = INJ_QUALIFICATION_NONE + 1; q < INJ_N_QUALIFICATIONS; q++)
    {
      g_autoptr(InjDelegation) d = test_corporation ();
      g_autoptr(GPtrArray) missing = NULL;
      g_autoptr(GPtrArray) titled = NULL;
      g_autoptr(GPtrArray) bad = NULL;
      g_autoptr(GPtrArray) ok = NULL;
      InjProblem *first;

      inj_delegation_set_qualification (d, q);
      inj_delegation_set_text (d, INJ_FIELD_AGENT_IDENTIFIER, NULL);
      /* A 士業 is described by the qualification, not a title. */
      titled = validate (d);
      test_assert_problem (titled, INJ_FIELD_AGENT_TITLE, INJ_PROBLEM_NOT_APPLICABLE);
      inj_delegation_set_text (d, INJ_FIELD_AGENT_TITLE, NULL);

      missing = validate (d);
      test_assert_problem (missing, INJ_FIELD_AGENT_IDENTIFIER,
                           INJ_PROBLEM_REGISTRATION_NUMBER_REQUIRED);
      first = g_ptr_array_index (missing, 0);
      /* the message names the profession */
      g_assert_nonnull (strstr (first->message, inj_qualification_name (q)));

      inj_delegation_set_text (d, INJ_FIELD_AGENT_IDENTIFIER, "第12345号");
      bad = validate (d);
      test_assert_problem (bad, INJ_FIELD_AGENT_IDENTIFIER, INJ_PROBLEM_IDENTIFIER_FORMAT);

      inj_delegation_set_text (d, INJ_FIELD_AGENT_IDENTIFIER, "12345");
      ok = validate (d);
      test_assert_no_problems (ok);
      g_assert_cmpint (inj_delegation_get_qualification (d), ==, q);
      g_assert_cmpint (inj_qualification_parse (inj_qualification_key (q)), ==, q);
    }
  {
    g_autoptr(InjDelegation) d = test_corporation ();
    g_autoptr(GPtrArray) p = NULL;
    inj_delegation_set_text (d, INJ_FIELD_AGENT_QUALIFICATION, "医師");
    p = validate (d);
    test_assert_problem (p, INJ_FIELD_AGENT_QUALIFICATION, INJ_PROBLEM_QUALIFICATION_UNKNOWN);
  }
}

typedef struct {
  InjField field;
  const char *value;
  InjProblemCode code;
} Bad;

static void
test_item_errors (void)
{
  g_autofree char *long_name = NULL;
  g_autofree char *long_scope = NULL;
  GString *s = g_string_new (NULL);

  for (int i = 0; i < 101; i++)
    g_string_append (s, "名");
  long_name = g_string_free (s, FALSE);
  s = g_string_new (NULL);
  for (int i = 0; i < 2001; i++)
    g_string_append (s, "権");
  long_scope = g_string_free (s, FALSE);

  {
    const Bad cases[] = {
      { INJ_FIELD_CORPORATE_NUMBER, "7000012050003", INJ_PROBLEM_CORPORATE_NUMBER_CHECK_DIGIT },
      { INJ_FIELD_CORPORATE_NUMBER, "12345", INJ_PROBLEM_CORPORATE_NUMBER_FORMAT },
      { INJ_FIELD_REPRESENTATIVE_NAME, long_name, INJ_PROBLEM_TOO_LONG },
      { INJ_FIELD_AUTHORITY_SCOPE, long_scope, INJ_PROBLEM_TOO_LONG },
      { INJ_FIELD_CORPORATE_NAME, "テスト\xff商事", INJ_PROBLEM_INVALID_UTF8 },
      { INJ_FIELD_CORPORATE_NAME, "テスト\xed\xa0\x80", INJ_PROBLEM_SURROGATE },
      { INJ_FIELD_CORPORATE_NAME, "テスト\x07商事", INJ_PROBLEM_CONTROL_CHARACTER },
      { INJ_FIELD_CORPORATE_NAME, "テスト\xe2\x80\xae商事", INJ_PROBLEM_BIDI_CONTROL },
      { INJ_FIELD_CORPORATE_NAME, "テスト\n商事", INJ_PROBLEM_LINE_BREAK },
      { INJ_FIELD_CORPORATE_NAME, " テスト商事", INJ_PROBLEM_NOT_NORMALIZED },
      { INJ_FIELD_REPRESENTATIVE_NAME, "\xe3\x82\xab\xe3\x82\x99ス", INJ_PROBLEM_NOT_NORMALIZED },
      { INJ_FIELD_PERIOD_START, "2026-04-01", INJ_PROBLEM_DATE_FORMAT },
      { INJ_FIELD_PERIOD_START, "2026-04-01T00:00:00", INJ_PROBLEM_DATE_OFFSET },
      { INJ_FIELD_PERIOD_START, "2026/04/01T00:00:00+09:00", INJ_PROBLEM_DATE_FORMAT },
      { INJ_FIELD_PERIOD_START, "2026-02-30T00:00:00+09:00", INJ_PROBLEM_DATE_INVALID },
      { INJ_FIELD_PERIOD_END, "2027-03-31T23:59:59Z", INJ_PROBLEM_DATE_OFFSET },
      { INJ_FIELD_PERIOD_END, "2026-03-31T23:59:59+09:00", INJ_PROBLEM_PERIOD_ORDER },
      { INJ_FIELD_PERIOD_END, "2026-04-01T00:00:00+09:00", INJ_PROBLEM_PERIOD_ORDER },
      { INJ_FIELD_POLICY_URL, "http://service.test/policy", INJ_PROBLEM_URL },
      { INJ_FIELD_VALIDITY_URL, "https://", INJ_PROBLEM_URL },
      { INJ_FIELD_VALIDITY_URL, "https://user@service.test/", INJ_PROBLEM_URL },
      { INJ_FIELD_DELEGATION_ID, "12345", INJ_PROBLEM_ID_FORMAT },
      { INJ_FIELD_DELEGATION_ID, "3F825729-8303-4CB1-84C2-9E892AF40988", INJ_PROBLEM_ID_FORMAT },
      { INJ_FIELD_SUPERSEDES, "not-an-id", INJ_PROBLEM_ID_FORMAT },
      { INJ_FIELD_CREATED_AT, "yesterday", INJ_PROBLEM_DATE_FORMAT },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(InjDelegation) d = test_corporation ();
        g_autoptr(GPtrArray) p = NULL;
        g_test_message ("case %u: field %d", i, cases[i].field);
        inj_delegation_set_text (d, cases[i].field, cases[i].value);
        p = validate (d);
        test_assert_problem (p, cases[i].field, cases[i].code);
        for (guint k = 0; k < p->len; k++)
          {
            InjProblem *pr = g_ptr_array_index (p, k);
            /* every message is a sentence that names its item */
            g_assert_cmpuint (strlen (pr->message), >, 10);
          }
      }
  }
}

static void
test_birth_date (void)
{
  const struct { const char *value; InjProblemCode code; } cases[] = {
    { "1980-04-01", INJ_PROBLEM_NONE },
    { "2026-04-02", INJ_PROBLEM_BIRTH_DATE_RANGE },
    { "1899-12-31", INJ_PROBLEM_BIRTH_DATE_RANGE },
    { "1980-02-30", INJ_PROBLEM_DATE_INVALID },
    { "S55.4.1", INJ_PROBLEM_DATE_FORMAT },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(InjDelegation) d = test_sole_proprietor ();
      g_autoptr(GPtrArray) p = NULL;
      inj_delegation_set_text (d, INJ_FIELD_PROPRIETOR_BIRTH_DATE, cases[i].value);
      p = validate (d);
      if (cases[i].code == INJ_PROBLEM_NONE)
        test_assert_no_problems (p);
      else
        test_assert_problem (p, INJ_FIELD_PROPRIETOR_BIRTH_DATE, cases[i].code);
    }
}

static void
test_end_in_past (void)
{
  g_autoptr(InjDelegation) d = test_corporation ();
  g_autoptr(GTimeZone) jst = inj_date_jst ();
  g_autoptr(GDateTime) later = g_date_time_new (jst, 2027, 4, 1, 0, 0, 0);
  g_autoptr(GPtrArray) now_ok = validate (d);
  g_autoptr(GPtrArray) expired = inj_delegation_validate (d, later);
  g_autoptr(GPtrArray) shown = inj_delegation_validate (d, NULL);

  test_assert_no_problems (now_ok);
  test_assert_problem (expired, INJ_FIELD_PERIOD_END, INJ_PROBLEM_PERIOD_END_PAST);
  /* Without "now" an expired delegation is still well-formed (to be shown). */
  test_assert_no_problems (shown);
  g_assert_true (inj_delegation_is_expired (d, later));
}

/* An end that cannot be read is no end to be valid until: the period
 * counts as ended, never as still running. */
static void
test_expired_fails_closed (void)
{
  g_autoptr(InjDelegation) d = test_corporation ();
  g_autoptr(GDateTime) now = test_now ();

  g_assert_false (inj_delegation_is_expired (d, now));
  inj_delegation_set_text (d, INJ_FIELD_PERIOD_END, "2027-02-30T23:59:59+09:00");
  g_assert_true (inj_delegation_is_expired (d, now));
  inj_delegation_set_text (d, INJ_FIELD_PERIOD_END, NULL);
  g_assert_true (inj_delegation_is_expired (d, now));
}

static void
test_input_normalised (void)
{
  g_autoptr(InjDelegation) d = test_corporation ();
  g_autoptr(GDateTime) now = test_now ();
  g_autoptr(GPtrArray) p = NULL;

  /* What a person types is normalised: full-width digits, NFD, spaces. */
  g_assert_cmpint (inj_delegation_set_input (d, INJ_FIELD_CORPORATE_NUMBER, " ７００００１２０５０００２ ",
                                             now), ==, INJ_PROBLEM_NONE);
  g_assert_cmpstr (inj_delegation_get_text (d, INJ_FIELD_CORPORATE_NUMBER), ==, "7000012050002");
  inj_delegation_set_input (d, INJ_FIELD_REPRESENTATIVE_NAME, "\xe3\x80\x80" "試験\xe3\x80\x80太郎 ", now);
  g_assert_cmpstr (inj_delegation_get_text (d, INJ_FIELD_REPRESENTATIVE_NAME), ==,
                   "試験\xe3\x80\x80太郎");
  inj_delegation_set_input (d, INJ_FIELD_PERIOD_END, "2027-03-31", now);
  g_assert_cmpstr (inj_delegation_get_text (d, INJ_FIELD_PERIOD_END), ==,
                   "2027-03-31T23:59:59+09:00");
  g_assert_cmpint (inj_delegation_set_input (d, INJ_FIELD_PRINCIPAL_KIND, "法人", now), ==,
                   INJ_PROBLEM_NONE);
  g_assert_cmpint (inj_delegation_set_input (d, INJ_FIELD_AGENT_QUALIFICATION, "tax-accountant",
                                             now), ==, INJ_PROBLEM_NONE);
  g_assert_cmpstr (inj_delegation_get_text (d, INJ_FIELD_AGENT_QUALIFICATION), ==, "税理士");
  g_assert_cmpint (inj_delegation_set_input (d, INJ_FIELD_AGENT_QUALIFICATION, "医師", now), ==,
                   INJ_PROBLEM_QUALIFICATION_UNKNOWN);
  g_assert_cmpint (inj_delegation_set_input (d, INJ_FIELD_PERIOD_START, "2026-13-01", now), ==,
                   INJ_PROBLEM_DATE_INVALID);
  /* Invalid UTF-8 is kept so that validation names it. */
  inj_delegation_set_input (d, INJ_FIELD_CORPORATE_NAME, "\x82\xa0", now);
  p = validate (d);
  test_assert_problem (p, INJ_FIELD_CORPORATE_NAME, INJ_PROBLEM_INVALID_UTF8);
}

static void
test_ids (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (int i = 0; i < 10000; i++)
    {
      char *id = inj_delegation_generate_id ();
      g_assert_cmpuint (strlen (id), ==, 36);
      g_assert_cmpint (id[14], ==, '4');
      g_assert_true (g_hash_table_add (seen, id));
    }
}

static void
test_renew (void)
{
  g_autoptr(InjDelegation) old = test_corporation ();
  g_autoptr(InjServiceProfile) profile = test_profile ();
  g_autoptr(GTimeZone) jst = inj_date_jst ();
  g_autoptr(GDateTime) later = g_date_time_new (jst, 2026, 10, 1, 10, 0, 0);
  g_autoptr(InjDelegation) renewal = inj_delegation_renew (old, profile, later);
  g_autoptr(GPtrArray) p = inj_delegation_validate (renewal, later);

  test_assert_no_problems (p);
  g_assert_cmpstr (inj_delegation_get_text (renewal, INJ_FIELD_SUPERSEDES), ==,
                   inj_delegation_get_text (old, INJ_FIELD_DELEGATION_ID));
  g_assert_cmpstr (inj_delegation_get_text (renewal, INJ_FIELD_DELEGATION_ID), !=,
                   inj_delegation_get_text (old, INJ_FIELD_DELEGATION_ID));
  g_assert_cmpstr (inj_delegation_get_text (renewal, INJ_FIELD_CREATED_AT), ==,
                   "2026-10-01T10:00:00+09:00");
  g_assert_cmpstr (inj_delegation_get_text (renewal, INJ_FIELD_CORPORATE_NAME), ==,
                   inj_delegation_get_text (old, INJ_FIELD_CORPORATE_NAME));

  inj_delegation_set_text (renewal, INJ_FIELD_SUPERSEDES,
                           inj_delegation_get_text (renewal, INJ_FIELD_DELEGATION_ID));
  {
    g_autoptr(GPtrArray) self_ref = inj_delegation_validate (renewal, later);
    test_assert_problem (self_ref, INJ_FIELD_SUPERSEDES, INJ_PROBLEM_SUPERSEDES_SELF);
  }
}

static void
on_changed (InjDelegation *d,
            int field,
            gpointer user_data)
{
  *(int *) user_data = field;
}

static void
test_changed_and_finalize (void)
{
  InjDelegation *d = test_corporation ();
  int changed = -1;

  g_signal_connect (d, "changed", G_CALLBACK (on_changed), &changed);
  inj_delegation_set_text (d, INJ_FIELD_AGENT_NAME, "別人 三郎");
  g_assert_cmpint (changed, ==, INJ_FIELD_AGENT_NAME);
  changed = -1;
  inj_delegation_set_text (d, INJ_FIELD_AGENT_NAME, "別人 三郎");
  g_assert_cmpint (changed, ==, -1);
  g_assert_finalize_object (d);
}

static void
on_notify (GObject *object,
           GParamSpec *pspec,
           gpointer user_data)
{
  (*(guint *) user_data)++;
}

/* 復代理の可否: absent unless chosen, only two values, a property. */
static void
test_subdelegation_model (void)
{
  g_autoptr(InjDelegation) d = test_corporation ();
  g_autoptr(GDateTime) now = test_now ();
  InjSubdelegation got = INJ_SUBDELEGATION_UNSPECIFIED;
  guint notified = 0;

  g_assert_cmpint (inj_delegation_get_subdelegation (d), ==, INJ_SUBDELEGATION_UNSPECIFIED);
  g_assert_null (inj_delegation_get_text (d, INJ_FIELD_SUBDELEGATION));
  g_assert_false (inj_delegation_field_required (d, INJ_FIELD_SUBDELEGATION));
  g_assert_cmpstr (inj_field_label (INJ_FIELD_SUBDELEGATION), ==, "復代理の可否");

  g_signal_connect (d, "notify::subdelegation", G_CALLBACK (on_notify), &notified);
  inj_delegation_set_subdelegation (d, INJ_SUBDELEGATION_NOT_ALLOWED);
  g_assert_cmpstr (inj_delegation_get_text (d, INJ_FIELD_SUBDELEGATION), ==, "not-allowed");
  g_object_get (d, "subdelegation", &got, NULL);
  g_assert_cmpint (got, ==, INJ_SUBDELEGATION_NOT_ALLOWED);
  g_assert_cmpuint (notified, ==, 1);
  inj_delegation_set_subdelegation (d, INJ_SUBDELEGATION_NOT_ALLOWED);
  g_assert_cmpuint (notified, ==, 1); /* no change, no notification */
  g_object_set (d, "subdelegation", INJ_SUBDELEGATION_ALLOWED, NULL);
  g_assert_cmpstr (inj_delegation_get_text (d, INJ_FIELD_SUBDELEGATION), ==, "allowed");
  g_assert_cmpuint (notified, ==, 2);
  {
    g_autoptr(GPtrArray) p = validate (d);
    test_assert_no_problems (p);
  }

  /* only the two values: not another word, not 可 stored as it was typed */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GPtrArray) p = NULL;
      inj_delegation_set_text (d, INJ_FIELD_SUBDELEGATION, i == 0 ? "maybe" : "可");
      g_assert_cmpint (inj_delegation_get_subdelegation (d), ==, INJ_SUBDELEGATION_UNSPECIFIED);
      p = validate (d);
      test_assert_problem (p, INJ_FIELD_SUBDELEGATION, INJ_PROBLEM_SUBDELEGATION_UNKNOWN);
      g_assert_nonnull (strstr (((InjProblem *) g_ptr_array_index (p, 0))->message,
                                "復代理の可否は「可」（allowed）または「不可」（not-allowed）"));
    }
  g_assert_cmpstr (inj_problem_code_nick (INJ_PROBLEM_SUBDELEGATION_UNKNOWN), ==,
                   "subdelegation-unknown");

  /* typed: both spellings, and nothing else */
  g_assert_cmpint (inj_delegation_set_input (d, INJ_FIELD_SUBDELEGATION, "不可", now), ==,
                   INJ_PROBLEM_NONE);
  g_assert_cmpint (inj_delegation_get_subdelegation (d), ==, INJ_SUBDELEGATION_NOT_ALLOWED);
  g_assert_cmpint (inj_delegation_set_input (d, INJ_FIELD_SUBDELEGATION, " 可 ", now), ==,
                   INJ_PROBLEM_NONE);
  g_assert_cmpint (inj_delegation_get_subdelegation (d), ==, INJ_SUBDELEGATION_ALLOWED);
  g_assert_cmpint (inj_delegation_set_input (d, INJ_FIELD_SUBDELEGATION, "not-allowed", now), ==,
                   INJ_PROBLEM_NONE);
  g_assert_cmpint (inj_delegation_get_subdelegation (d), ==, INJ_SUBDELEGATION_NOT_ALLOWED);
  g_assert_cmpint (inj_delegation_set_input (d, INJ_FIELD_SUBDELEGATION, "たぶん", now), ==,
                   INJ_PROBLEM_SUBDELEGATION_UNKNOWN);
  g_assert_cmpint (inj_delegation_set_input (d, INJ_FIELD_SUBDELEGATION, "", now), ==,
                   INJ_PROBLEM_NONE);
  g_assert_null (inj_delegation_get_text (d, INJ_FIELD_SUBDELEGATION));

  /* a renewal keeps it */
  inj_delegation_set_subdelegation (d, INJ_SUBDELEGATION_NOT_ALLOWED);
  {
    g_autoptr(InjServiceProfile) profile = test_profile ();
    g_autoptr(InjDelegation) renewal = inj_delegation_renew (d, profile, now);
    g_assert_cmpint (inj_delegation_get_subdelegation (renewal), ==, INJ_SUBDELEGATION_NOT_ALLOWED);
  }
}

/* The input file's [authority] subdelegation key, in either spelling, and
 * written back in the English one. */
static void
test_subdelegation_input (void)
{
  static const struct { const char *typed; InjSubdelegation expected; } cases[] = {
    { "allowed", INJ_SUBDELEGATION_ALLOWED }, { "可", INJ_SUBDELEGATION_ALLOWED },
    { "not-allowed", INJ_SUBDELEGATION_NOT_ALLOWED }, { "不可", INJ_SUBDELEGATION_NOT_ALLOWED },
  };
  g_autoptr(InjDelegation) base = test_corporation ();
  g_autoptr(InjServiceProfile) profile = test_profile ();
  g_autoptr(GDateTime) now = test_now ();
  g_autofree char *text = inj_delegation_to_input (base);

  g_assert_null (strstr (text, "subdelegation"));
  for (guint i = 0; i <= G_N_ELEMENTS (cases); i++)
    {
      const char *typed = i < G_N_ELEMENTS (cases) ? cases[i].typed : "たぶん";
      g_autofree char *line = g_strdup_printf ("[authority]\nsubdelegation = %s\n", typed);
      g_auto(GStrv) parts = g_strsplit (text, "[authority]\n", 2);
      g_autofree char *input = g_strconcat (parts[0], line, parts[1], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(InjDelegation) d = inj_delegation_from_input (input, strlen (input), profile, now,
                                                              &problems, &error);

      if (i == G_N_ELEMENTS (cases))
        {
          g_assert_null (d);
          test_assert_problem (problems, INJ_FIELD_SUBDELEGATION, INJ_PROBLEM_SUBDELEGATION_UNKNOWN);
          break;
        }
      g_assert_no_error (error);
      g_assert_cmpint (inj_delegation_get_subdelegation (d), ==, cases[i].expected);
      {
        g_autofree char *written = inj_delegation_to_input (d);
        g_autofree char *key = g_strdup_printf ("subdelegation=%s\n",
                                                inj_subdelegation_to_key (cases[i].expected));
        const char *authority = strstr (written, "[authority]");
        g_assert_nonnull (authority);
        g_assert_nonnull (strstr (authority, key));
      }
    }
}

/* ininjo-cli show: the line says what the choice means, next to the
 * restrictions; absent, there is no line at all. */
static void
test_subdelegation_render (void)
{
  g_autoptr(InjDelegation) d = test_corporation ();
  g_autoptr(GDateTime) now = test_now ();
  g_autofree char *without = inj_delegation_render (d, TRUE, now);
  g_autofree char *with = NULL;
  g_autofree char *allowed = NULL;
  const char *restrictions;

  g_assert_null (strstr (without, "復代理"));
  inj_delegation_set_subdelegation (d, INJ_SUBDELEGATION_NOT_ALLOWED);
  with = inj_delegation_render (d, TRUE, now);
  restrictions = strstr (with, "  代理権の制限: 契約の締結を除く\n");
  g_assert_nonnull (restrictions);
  g_assert_true (g_str_has_prefix (restrictions + strlen ("  代理権の制限: 契約の締結を除く\n"),
                                   "  復代理の可否: 不可（受任者は、この委任の全部または一部を他の者に委任できません）\n"));
  inj_delegation_set_subdelegation (d, INJ_SUBDELEGATION_ALLOWED);
  allowed = inj_delegation_render (d, TRUE, now);
  g_assert_nonnull (strstr (allowed, "  復代理の可否: 可（受任者は、この委任の全部または一部を他の者に委任できます）\n"));
}

static void
test_messages_japanese (void)
{
  g_autoptr(InjDelegation) d = test_corporation ();
  g_autoptr(GPtrArray) p = NULL;
  InjProblem *first;

  inj_delegation_set_text (d, INJ_FIELD_CORPORATE_NUMBER, "7000012050003");
  p = validate (d);
  first = g_ptr_array_index (p, 0);
  /* The test environment asks for Japanese (LANGUAGE=ja). */
  g_assert_nonnull (strstr (first->message, "法人番号"));
}

/* One precise message per problem: every code has its own sentence, in
 * Japanese, that names the item it is about. */
static void
test_one_message_per_problem (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (InjProblemCode code = INJ_PROBLEM_REQUIRED; code <= INJ_PROBLEM_UNKNOWN_KEY; code++)
    {
      g_autofree char *msg = inj_problem_message (INJ_FIELD_AGENT_ADDRESS, code, NULL);
      g_assert_cmpstr (inj_problem_code_nick (code), !=, "unknown");
      g_assert_nonnull (msg);
      g_test_message ("%s: %s", inj_problem_code_nick (code), msg);
      g_assert_false (g_hash_table_contains (seen, msg));
      /* no ASCII-only English left in the Japanese catalogue */
      g_assert_false (g_str_is_ascii (msg));
      g_hash_table_add (seen, g_steal_pointer (&msg));
    }
  {
    g_autofree char *msg = inj_problem_message (INJ_FIELD_AGENT_ADDRESS, INJ_PROBLEM_REQUIRED, NULL);
    g_assert_nonnull (strstr (msg, "受任者の所在地"));
  }
}

static void
test_render_masks (void)
{
  g_autoptr(InjDelegation) d = test_sole_proprietor ();
  g_autoptr(GDateTime) now = test_now ();
  g_autofree char *masked = inj_delegation_render (d, FALSE, now);
  g_autofree char *shown = inj_delegation_render (d, TRUE, now);

  g_assert_null (strstr (masked, "見本 一郎"));
  g_assert_null (strstr (masked, "1980"));
  g_assert_null (strstr (masked, "北海道札幌市"));
  g_assert_null (strstr (masked, "検証 花子"));
  g_assert_nonnull (strstr (masked, "テスト工房"));
  g_assert_nonnull (strstr (shown, "見本 一郎"));
  g_assert_nonnull (strstr (shown, "昭和55年4月1日"));
  g_assert_nonnull (strstr (shown, "令和8年4月1日"));
  g_assert_nonnull (strstr (shown, "令和9年3月31日"));
}

/* A corporation's 代表者名 is public registry data: shown while the agent's
 * name and a sole proprietor's stay masked. */
static void
test_render_registry (void)
{
  g_autoptr(InjDelegation) corp = test_corporation ();
  g_autoptr(InjDelegation) sole = test_sole_proprietor ();
  g_autoptr(GDateTime) now = test_now ();
  g_autofree char *masked = inj_delegation_render (corp, FALSE, now);
  g_autofree char *rep = inj_render_value (corp, INJ_FIELD_REPRESENTATIVE_NAME, FALSE);
  g_autofree char *agent = inj_render_value (corp, INJ_FIELD_AGENT_NAME, FALSE);
  g_autofree char *owner = inj_render_value (sole, INJ_FIELD_PROPRIETOR_NAME, FALSE);
  g_autofree char *rep_mask = inj_mask_personal (INJ_FIELD_REPRESENTATIVE_NAME, "試験 太郎");
  g_autofree char *owner_mask = inj_mask_personal (INJ_FIELD_PROPRIETOR_NAME, "見本 一郎");

  g_assert_cmpstr (rep, ==, "試験 太郎");
  g_assert_cmpstr (rep_mask, ==, "試験 太郎");
  g_assert_nonnull (strstr (masked, "試験 太郎"));
  g_assert_cmpstr (agent, !=, inj_delegation_get_text (corp, INJ_FIELD_AGENT_NAME));
  g_assert_null (strstr (masked, inj_delegation_get_text (corp, INJ_FIELD_AGENT_NAME)));
  g_assert_cmpstr (owner, ==, "見＊＊＊");
  g_assert_cmpstr (owner_mask, ==, "見＊＊＊");
  /* still a person's name for the log's redaction */
  g_assert_true (inj_field_info (INJ_FIELD_REPRESENTATIVE_NAME)->flags & INJ_FIELD_FLAG_PERSONAL);
}

/* One wording names a delegation in the list, on the sign page and in
 * the prompts; masked, it keeps only the agent's first character. */
static void
test_render_labels (void)
{
  g_autoptr(InjDelegation) d = test_sole_proprietor ();
  g_autoptr(InjDelegation) empty = inj_delegation_new ();
  g_autofree char *agent = NULL;
  g_autofree char *masked = NULL;
  g_autofree char *parties = NULL;
  g_autofree char *title = NULL;
  g_autofree char *none = inj_render_delegation_parties (empty, FALSE);

  inj_delegation_set_qualification (d, INJ_QUALIFICATION_TAX_ACCOUNTANT);
  agent = inj_render_delegation_agent (d, TRUE);
  masked = inj_render_delegation_agent (d, FALSE);
  parties = inj_render_delegation_parties (d, TRUE);
  title = inj_render_delegation_title (d, TRUE, 4);

  g_assert_cmpstr (agent, ==, "検証 花子（税理士）");
  g_assert_cmpstr (masked, ==, "検＊＊＊（税理士）");
  g_assert_true (g_str_has_prefix (parties, "テスト工房 → 検証 花子（税理士）"));
  g_assert_true (g_str_has_prefix (title, "検証 花子（税理士）・"));
  g_assert_cmpstr (title, ==, "検証 花子（税理士）・電子入札…");
  g_assert_cmpstr (none, ==, "（委任者未入力） → （受任者未入力）");
}

int
main (int argc,
      char **argv)
{
  test_init (&argc, &argv);
  g_test_add_func ("/delegation/valid", test_valid);
  g_test_add_func ("/delegation/identifier-label", test_identifier_label);
  g_test_add_func ("/delegation/required", test_required);
  g_test_add_func ("/delegation/kind-items", test_kind_items);
  g_test_add_func ("/delegation/licensed-agent", test_licensed_agent);
  g_test_add_func ("/delegation/item-errors", test_item_errors);
  g_test_add_func ("/delegation/birth-date", test_birth_date);
  g_test_add_func ("/delegation/end-in-past", test_end_in_past);
  g_test_add_func ("/delegation/expired-fails-closed", test_expired_fails_closed);
  g_test_add_func ("/delegation/input-normalised", test_input_normalised);
  g_test_add_func ("/delegation/ids", test_ids);
  g_test_add_func ("/delegation/renew", test_renew);
  g_test_add_func ("/delegation/changed-and-finalize", test_changed_and_finalize);
  g_test_add_func ("/delegation/subdelegation/model", test_subdelegation_model);
  g_test_add_func ("/delegation/subdelegation/input", test_subdelegation_input);
  g_test_add_func ("/delegation/subdelegation/render", test_subdelegation_render);
  g_test_add_func ("/delegation/messages-japanese", test_messages_japanese);
  g_test_add_func ("/delegation/one-message-per-problem", test_one_message_per_problem);
  g_test_add_func ("/delegation/render-masks", test_render_masks);
  g_test_add_func ("/delegation/render-registry", test_render_registry);
  g_test_add_func ("/delegation/render-labels", test_render_labels);
  return g_test_run ();
}
