/* test-support.c */
#include "config.h"

#include <locale.h>

#include "test-support.h"

void
test_init (int *argc,
           char ***argv)
{
  inj_i18n_init ();
  g_test_init (argc, argv, NULL);
}

/* A fixed "now": 2026-04-01 09:00 JST. */
GDateTime *
test_now (void)
{
  g_autoptr(GTimeZone) jst = inj_date_jst ();
  return g_date_time_new (jst, 2026, 4, 1, 9, 0, 0);
}

InjServiceProfile *
test_profile (void)
{
  InjServiceProfile *p = g_new0 (InjServiceProfile, 1);

  p->name = g_strdup ("テスト電子委任状サービス (TEST)");
  p->policy_url = g_strdup ("https://service.test/policy");
  p->validity_url = g_strdup ("https://service.test/api/v1/validity");
  p->policy_oid = g_strdup ("1.3.6.1.4.1.99999.1.1");
  return p;
}

static InjDelegation *
base (InjPrincipalKind kind)
{
  g_autoptr(GDateTime) now = test_now ();
  g_autoptr(InjServiceProfile) profile = test_profile ();
  InjDelegation *d = inj_delegation_create (kind, profile, now);

  inj_delegation_set_text (d, INJ_FIELD_AGENT_NAME, "検証 花子");
  inj_delegation_set_text (d, INJ_FIELD_AGENT_TITLE, "経理部長");
  inj_delegation_set_text (d, INJ_FIELD_AGENT_ADDRESS, "大阪府大阪市北区検証通二丁目2番2号");
  inj_delegation_set_text (d, INJ_FIELD_AGENT_IDENTIFIER, "E-1001");
  inj_delegation_set_text (d, INJ_FIELD_AUTHORITY_SCOPE,
                           "電子入札に関する一切の権限\n入札書の提出");
  inj_delegation_set_text (d, INJ_FIELD_AUTHORITY_RESTRICTIONS, "契約の締結を除く");
  inj_delegation_set_text (d, INJ_FIELD_PERIOD_START, "2026-04-01T00:00:00+09:00");
  inj_delegation_set_text (d, INJ_FIELD_PERIOD_END, "2027-03-31T23:59:59+09:00");
  return d;
}

InjDelegation *
test_corporation (void)
{
  InjDelegation *d = base (INJ_PRINCIPAL_KIND_CORPORATION);

  inj_delegation_set_text (d, INJ_FIELD_CORPORATE_NUMBER, "7000012050002");
  inj_delegation_set_text (d, INJ_FIELD_CORPORATE_NAME, "テスト商事株式会社");
  inj_delegation_set_text (d, INJ_FIELD_HEAD_OFFICE_ADDRESS, "東京都千代田区試験町一丁目1番1号");
  inj_delegation_set_text (d, INJ_FIELD_REPRESENTATIVE_TITLE, "代表取締役");
  inj_delegation_set_text (d, INJ_FIELD_REPRESENTATIVE_NAME, "試験 太郎");
  return d;
}

InjDelegation *
test_sole_proprietor (void)
{
  InjDelegation *d = base (INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR);

  inj_delegation_set_text (d, INJ_FIELD_TRADE_NAME, "テスト工房");
  inj_delegation_set_text (d, INJ_FIELD_PROPRIETOR_NAME, "見本 一郎");
  inj_delegation_set_text (d, INJ_FIELD_PROPRIETOR_ADDRESS, "北海道札幌市中央区見本町三丁目3番3号");
  inj_delegation_set_text (d, INJ_FIELD_PROPRIETOR_BIRTH_DATE, "1980-04-01");
  return d;
}

gboolean
test_has_problem (GPtrArray *problems,
                  InjField field,
                  InjProblemCode code)
{
  for (guint i = 0; problems && i < problems->len; i++)
    {
      InjProblem *p = g_ptr_array_index (problems, i);
      if (p->field == field && p->code == code)
        return TRUE;
    }
  return FALSE;
}

static char *
describe (GPtrArray *problems)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; problems && i < problems->len; i++)
    {
      InjProblem *p = g_ptr_array_index (problems, i);
      g_string_append_printf (s, "\n  field %d %s line %d: %s", p->field,
                              inj_problem_code_nick (p->code), p->line, p->message);
    }
  return g_string_free (s, FALSE);
}

void
test_assert_problem (GPtrArray *problems,
                     InjField field,
                     InjProblemCode code)
{
  if (!test_has_problem (problems, field, code))
    {
      g_autofree char *d = describe (problems);
      g_error ("expected problem %s on field %d; got:%s", inj_problem_code_nick (code), field,
               *d ? d : " none");
    }
}

void
test_assert_no_problems (GPtrArray *problems)
{
  if (problems && problems->len > 0)
    {
      g_autofree char *d = describe (problems);
      g_error ("expected no problems; got:%s", d);
    }
}

char *
test_read_corpus (const char *name,
                  gsize *length)
{
  g_autofree char *path = g_build_filename (CORPUS_DIR, name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  if (!g_file_get_contents (path, &data, length, &error))
    g_error ("cannot read corpus file %s: %s", path, error->message);
  return data;
}
