/* test-account.c: 基本情報 (seed 000 §3.1.1) and a recipient's registration
 * (§5.2): items and labels per kind, every validation message, the XML
 * read back byte for byte. The personas' synthetic data only; telephone
 * numbers are all zeros. */
#include "config.h"

#include <string.h>

#include "test-support.h"

InjAccountInfo *test_account_corporation (void);
InjAccountInfo *test_account_sole (void);

InjAccountInfo *
test_account_corporation (void)
{
  InjAccountInfo *a = inj_account_info_new (INJ_PRINCIPAL_KIND_CORPORATION);

  inj_account_info_set (a, INJ_ACCOUNT_FIELD_CORPORATE_NUMBER, "7000012050002");
  inj_account_info_set (a, INJ_ACCOUNT_FIELD_ORGANIZATION_NAME, "テスト商事株式会社");
  inj_account_info_set (a, INJ_ACCOUNT_FIELD_ORGANIZATION_ADDRESS, "東京都千代田区試験町一丁目1番1号");
  inj_account_info_set (a, INJ_ACCOUNT_FIELD_REPRESENTATIVE_TITLE, "代表取締役");
  inj_account_info_set (a, INJ_ACCOUNT_FIELD_REPRESENTATIVE_NAME, "試験　太郎");
  inj_account_info_set (a, INJ_ACCOUNT_FIELD_REPRESENTATIVE_ADDRESS, "東京都千代田区試験町一丁目１番１号");
  inj_account_info_set (a, INJ_ACCOUNT_FIELD_PHONE, "00-0000-0000");
  return a;
}

InjAccountInfo *
test_account_sole (void)
{
  InjAccountInfo *a = inj_account_info_new (INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR);

  inj_account_info_set (a, INJ_ACCOUNT_FIELD_ORGANIZATION_NAME, "見本商店");
  inj_account_info_set (a, INJ_ACCOUNT_FIELD_ORGANIZATION_ADDRESS, "大阪府大阪市北区見本町二丁目３番４号");
  inj_account_info_set (a, INJ_ACCOUNT_FIELD_REPRESENTATIVE_NAME, "見本　花子");
  inj_account_info_set (a, INJ_ACCOUNT_FIELD_REPRESENTATIVE_ADDRESS, "大阪府大阪市北区見本町二丁目３番４号");
  inj_account_info_set (a, INJ_ACCOUNT_FIELD_PHONE, "000-0000-0000");
  inj_account_info_set (a, INJ_ACCOUNT_FIELD_BIRTH_DATE, "1992-02-29");
  return a;
}

static InjAccountInfo *
recipient (InjPrincipalKind kind)
{
  InjAccountInfo *r = INJ_ACCOUNT_INFO (inj_recipient_info_new (kind));
  g_autoptr(InjAccountInfo) from = kind == INJ_PRINCIPAL_KIND_CORPORATION
                                     ? test_account_corporation () : test_account_sole ();

  for (int f = 0; f < INJ_N_ACCOUNT_FIELDS; f++)
    inj_account_info_set (r, f, inj_account_info_get (from, f));
  inj_account_info_set (r, INJ_ACCOUNT_FIELD_DECLARANT_NAME, "試験　太郎");
  return r;
}

static GPtrArray *
validate (InjAccountInfo *a)
{
  g_autoptr(GDateTime) now = test_now ();
  return inj_account_info_validate (a, now);
}

/* The one problem of @a: its item, code and exact words. */
static void
assert_one_problem (InjAccountInfo *a,
                    InjAccountField field,
                    InjProblemCode code,
                    const char *message)
{
  g_autoptr(GPtrArray) p = validate (a);
  InjAccountProblem *first;

  g_assert_cmpuint (p->len, ==, 1);
  first = g_ptr_array_index (p, 0);
  g_assert_cmpint (first->field, ==, field);
  g_assert_cmpint (first->code, ==, code);
  g_assert_cmpstr (first->message, ==, message);
}

static void
test_valid (void)
{
  g_autoptr(InjAccountInfo) corp = test_account_corporation ();
  g_autoptr(InjAccountInfo) sole = test_account_sole ();
  g_autoptr(InjAccountInfo) rc = recipient (INJ_PRINCIPAL_KIND_CORPORATION);
  g_autoptr(InjAccountInfo) rs = recipient (INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR);
  InjAccountInfo *all[] = { corp, sole, rc, rs };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      g_autoptr(GPtrArray) p = validate (all[i]);
      g_assert_cmpuint (p->len, ==, 0);
    }
  g_assert_false (inj_account_info_is_recipient (corp));
  g_assert_true (inj_account_info_is_recipient (rc));
  g_assert_true (INJ_IS_RECIPIENT_INFO (rc));
  g_assert_cmpint (inj_account_info_get_kind (sole), ==, INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR);
}

/* Which items each form has (§3.1.1 and §5.2), and what each is called. */
static void
test_items_and_labels (void)
{
  g_autoptr(InjAccountInfo) corp = test_account_corporation ();
  g_autoptr(InjAccountInfo) sole = test_account_sole ();
  g_autoptr(InjAccountInfo) rc = recipient (INJ_PRINCIPAL_KIND_CORPORATION);
  g_autoptr(InjAccountInfo) rs = recipient (INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR);
  static const struct {
    InjAccountField field;
    const char *corp_label, *sole_label;
    gboolean corp, sole, rcorp, rsole;
  } rows[] = {
    { INJ_ACCOUNT_FIELD_CORPORATE_NUMBER, "法人番号", "法人番号", 1, 0, 0, 0 },
    { INJ_ACCOUNT_FIELD_ORGANIZATION_NAME, "組織名称", "屋号", 1, 1, 1, 1 },
    { INJ_ACCOUNT_FIELD_ORGANIZATION_ADDRESS, "所在地", "事業所住所", 1, 1, 1, 1 },
    { INJ_ACCOUNT_FIELD_REPRESENTATIVE_TITLE, "代表者の肩書き", "代表者の肩書き", 1, 0, 1, 0 },
    { INJ_ACCOUNT_FIELD_REPRESENTATIVE_NAME, "代表者名", "氏名", 1, 1, 1, 1 },
    { INJ_ACCOUNT_FIELD_REPRESENTATIVE_ADDRESS, "代表者住所", "現住所", 1, 1, 1, 1 },
    { INJ_ACCOUNT_FIELD_PHONE, "代表者電話番号", "電話番号", 1, 1, 0, 0 },
    { INJ_ACCOUNT_FIELD_BIRTH_DATE, "生年月日", "生年月日", 0, 1, 0, 1 },
    { INJ_ACCOUNT_FIELD_DECLARANT_NAME, "申告者氏名", "申告者氏名", 0, 0, 1, 1 },
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (rows) == INJ_N_ACCOUNT_FIELDS);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_assert_cmpstr (inj_account_field_label (rows[i].field, INJ_PRINCIPAL_KIND_CORPORATION),
                       ==, rows[i].corp_label);
      g_assert_cmpstr (inj_account_field_label (rows[i].field, INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR),
                       ==, rows[i].sole_label);
      g_assert_cmpstr (inj_account_info_label (sole, rows[i].field), ==, rows[i].sole_label);
      g_assert_cmpint (inj_account_info_applies (corp, rows[i].field), ==, rows[i].corp);
      g_assert_cmpint (inj_account_info_applies (sole, rows[i].field), ==, rows[i].sole);
      g_assert_cmpint (inj_account_info_applies (rc, rows[i].field), ==, rows[i].rcorp);
      g_assert_cmpint (inj_account_info_applies (rs, rows[i].field), ==, rows[i].rsole);
      g_assert_cmpint (inj_account_field_from_key (inj_account_field_key (rows[i].field)), ==,
                       rows[i].field);
    }
  /* personal data: kept out of logs and masked on screen */
  g_assert_true (inj_account_field_flags (INJ_ACCOUNT_FIELD_REPRESENTATIVE_ADDRESS,
                                          INJ_PRINCIPAL_KIND_CORPORATION) & INJ_FIELD_FLAG_PERSONAL);
  g_assert_true (inj_account_field_flags (INJ_ACCOUNT_FIELD_PHONE,
                                          INJ_PRINCIPAL_KIND_CORPORATION) & INJ_FIELD_FLAG_PERSONAL);
  g_assert_true (inj_account_field_flags (INJ_ACCOUNT_FIELD_BIRTH_DATE,
                                          INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR) & INJ_FIELD_FLAG_PERSONAL);
  g_assert_false (inj_account_field_flags (INJ_ACCOUNT_FIELD_ORGANIZATION_NAME,
                                           INJ_PRINCIPAL_KIND_CORPORATION) & INJ_FIELD_FLAG_PERSONAL);
}

/* Every message validation can give, in Japanese, each naming its item. */
static void
test_messages (void)
{
  {
    g_autoptr(InjAccountInfo) a = test_account_corporation ();
    inj_account_info_set (a, INJ_ACCOUNT_FIELD_ORGANIZATION_NAME, "  ");
    assert_one_problem (a, INJ_ACCOUNT_FIELD_ORGANIZATION_NAME, INJ_PROBLEM_REQUIRED,
                        "「組織名称」は必須です。");
  }
  {
    g_autoptr(InjAccountInfo) a = test_account_sole ();
    inj_account_info_set (a, INJ_ACCOUNT_FIELD_ORGANIZATION_NAME, NULL);
    assert_one_problem (a, INJ_ACCOUNT_FIELD_ORGANIZATION_NAME, INJ_PROBLEM_REQUIRED,
                        "「屋号」は必須です。");
  }
  {
    g_autoptr(InjAccountInfo) a = recipient (INJ_PRINCIPAL_KIND_CORPORATION);
    inj_account_info_set (a, INJ_ACCOUNT_FIELD_DECLARANT_NAME, "");
    assert_one_problem (a, INJ_ACCOUNT_FIELD_DECLARANT_NAME, INJ_PROBLEM_REQUIRED,
                        "「申告者氏名」は必須です。");
  }
  {
    g_autoptr(InjAccountInfo) a = test_account_corporation ();
    g_autoptr(GString) s = g_string_new (NULL);
    for (int i = 0; i < 201; i++)
      g_string_append (s, "住");
    inj_account_info_set (a, INJ_ACCOUNT_FIELD_REPRESENTATIVE_ADDRESS, s->str);
    assert_one_problem (a, INJ_ACCOUNT_FIELD_REPRESENTATIVE_ADDRESS, INJ_PROBLEM_TOO_LONG,
                        "「代表者住所」が長すぎます。200文字以内にしてください。");
  }
  {
    g_autoptr(InjAccountInfo) a = test_account_corporation ();
    inj_account_info_set (a, INJ_ACCOUNT_FIELD_REPRESENTATIVE_TITLE, "代表\n取締役");
    assert_one_problem (a, INJ_ACCOUNT_FIELD_REPRESENTATIVE_TITLE, INJ_PROBLEM_LINE_BREAK,
                        "「代表者の肩書き」に改行を含めることはできません。");
  }
  {
    g_autoptr(InjAccountInfo) a = test_account_corporation ();
    inj_account_info_set (a, INJ_ACCOUNT_FIELD_ORGANIZATION_NAME, "テスト\x07商事");
    assert_one_problem (a, INJ_ACCOUNT_FIELD_ORGANIZATION_NAME, INJ_PROBLEM_CONTROL_CHARACTER,
                        "「組織名称」に制御文字、目に見えない書式制御文字（ゼロ幅スペースなど）"
                        "または使用できない文字（非文字）が含まれています。");
  }
  {
    g_autoptr(InjAccountInfo) a = test_account_corporation ();
    inj_account_info_set (a, INJ_ACCOUNT_FIELD_CORPORATE_NUMBER, "700001205000");
    assert_one_problem (a, INJ_ACCOUNT_FIELD_CORPORATE_NUMBER, INJ_PROBLEM_CORPORATE_NUMBER_FORMAT,
                        "法人番号は13桁の数字で指定してください。");
  }
  {
    g_autoptr(InjAccountInfo) a = test_account_corporation ();
    inj_account_info_set (a, INJ_ACCOUNT_FIELD_CORPORATE_NUMBER, "8000012050002");
    assert_one_problem (a, INJ_ACCOUNT_FIELD_CORPORATE_NUMBER,
                        INJ_PROBLEM_CORPORATE_NUMBER_CHECK_DIGIT,
                        "法人番号の検査用数字（先頭の1桁）が一致しません。13桁の数字をもう一度確認してください。");
  }
  {
    static const char *const bad[] = { "00-0000-000", "000-0000-00000", "-00-0000-0000",
                                       "00--0000-0000", "00-0000-0000-", "00(0000)0000",
                                       "〇〇-〇〇〇〇-〇〇〇〇" };
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(InjAccountInfo) a = test_account_corporation ();
        inj_account_info_set (a, INJ_ACCOUNT_FIELD_PHONE, bad[i]);
        assert_one_problem (a, INJ_ACCOUNT_FIELD_PHONE, INJ_PROBLEM_PHONE_NUMBER,
                            "「代表者電話番号」は10桁または11桁の数字で入力してください"
                            "（ハイフンは数字の間のみ使えます。例: 03-1234-5678）。");
      }
  }
  {
    g_autoptr(InjAccountInfo) a = test_account_sole ();
    inj_account_info_set (a, INJ_ACCOUNT_FIELD_BIRTH_DATE, "2026-04-02");
    assert_one_problem (a, INJ_ACCOUNT_FIELD_BIRTH_DATE, INJ_PROBLEM_BIRTH_DATE_RANGE,
                        "生年月日は1900年1月1日から今日までの日付にしてください。");
  }
  {
    g_autoptr(InjAccountInfo) a = test_account_sole ();
    inj_account_info_set (a, INJ_ACCOUNT_FIELD_BIRTH_DATE, "そのうち");
    assert_one_problem (a, INJ_ACCOUNT_FIELD_BIRTH_DATE, INJ_PROBLEM_DATE_FORMAT,
                        "「生年月日」は日付（例: 1980-04-01、昭和55年4月1日）で入力してください。");
  }
  {
    g_autoptr(InjAccountInfo) a = test_account_sole ();
    inj_account_info_set (a, INJ_ACCOUNT_FIELD_BIRTH_DATE, "1991-02-29");
    assert_one_problem (a, INJ_ACCOUNT_FIELD_BIRTH_DATE, INJ_PROBLEM_DATE_INVALID,
                        "「生年月日」は存在しない日付です。");
  }
  {
    g_autoptr(InjAccountInfo) a = inj_account_info_new (INJ_PRINCIPAL_KIND_NONE);
    g_autoptr(GPtrArray) p = validate (a);
    InjAccountProblem *first;
    g_assert_cmpuint (p->len, ==, 1);
    first = g_ptr_array_index (p, 0);
    g_assert_cmpint (first->code, ==, INJ_PROBLEM_KIND_UNKNOWN);
  }
  /* an empty form: one message per required item, in item order */
  {
    g_autoptr(InjAccountInfo) a = inj_account_info_new (INJ_PRINCIPAL_KIND_CORPORATION);
    g_autoptr(GPtrArray) p = validate (a);
    g_assert_cmpuint (p->len, ==, 7);
    for (guint i = 0; i < p->len; i++)
      g_assert_cmpint (((InjAccountProblem *) g_ptr_array_index (p, i))->code, ==,
                       INJ_PROBLEM_REQUIRED);
  }
}

/* What a person types is stored as the service needs it. */
static void
test_input_normalised (void)
{
  g_autoptr(InjAccountInfo) a = test_account_sole ();
  g_autoptr(GPtrArray) p = NULL;

  inj_account_info_set (a, INJ_ACCOUNT_FIELD_PHONE, "０００－００００－００００");
  g_assert_cmpstr (inj_account_info_get (a, INJ_ACCOUNT_FIELD_PHONE), ==, "000-0000-0000");
  inj_account_info_set (a, INJ_ACCOUNT_FIELD_BIRTH_DATE, "平成4年2月29日");
  g_assert_cmpstr (inj_account_info_get (a, INJ_ACCOUNT_FIELD_BIRTH_DATE), ==, "1992-02-29");
  inj_account_info_set (a, INJ_ACCOUNT_FIELD_ORGANIZATION_NAME, "　見本商店 ");
  g_assert_cmpstr (inj_account_info_get (a, INJ_ACCOUNT_FIELD_ORGANIZATION_NAME), ==, "見本商店");
  p = validate (a);
  g_assert_cmpuint (p->len, ==, 0);
}

static void
round_trip (InjAccountInfo *a,
            const char *root)
{
  g_autoptr(GBytes) xml = inj_account_info_to_xml (a);
  g_autoptr(GError) error = NULL;
  g_autoptr(InjAccountInfo) back = inj_account_info_from_xml (g_bytes_get_data (xml, NULL),
                                                              g_bytes_get_size (xml), &error);
  g_autoptr(GBytes) again = NULL;
  g_autofree char *open = g_strdup_printf ("<%s xmlns=\"urn:ininjo:account:1\">", root);

  g_assert_no_error (error);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml), open));
  g_assert_true (inj_account_info_equal (a, back));
  g_assert_true (G_OBJECT_TYPE (a) == G_OBJECT_TYPE (back));
  again = inj_account_info_to_xml (back);
  g_assert_true (g_bytes_equal (xml, again));
}

static void
test_xml_round_trip (void)
{
  g_autoptr(InjAccountInfo) corp = test_account_corporation ();
  g_autoptr(InjAccountInfo) sole = test_account_sole ();
  g_autoptr(InjAccountInfo) rc = recipient (INJ_PRINCIPAL_KIND_CORPORATION);
  g_autoptr(InjAccountInfo) rs = recipient (INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR);

  round_trip (corp, "AccountInfo");
  round_trip (sole, "AccountInfo");
  round_trip (rc, "RecipientInfo");
  round_trip (rs, "RecipientInfo");

  /* an item of another kind is never written */
  inj_account_info_set (corp, INJ_ACCOUNT_FIELD_BIRTH_DATE, "1975-08-15");
  {
    g_autoptr(GBytes) xml = inj_account_info_to_xml (corp);
    g_assert_null (g_strstr_len (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml), "BirthDate"));
    g_assert_null (g_strstr_len (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml), "1975-08-15"));
  }
}

/* A file that breaks an item rule the schema cannot express is refused
 * with the item's own message. */
static void
test_xml_refused (void)
{
  g_autoptr(InjAccountInfo) corp = test_account_corporation ();
  g_autoptr(GBytes) xml = inj_account_info_to_xml (corp);
  g_autofree char *text = g_strndup (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml));
  g_autoptr(GError) error = NULL;
  g_autoptr(InjAccountInfo) back = NULL;
  char *at = strstr (text, "7000012050002");

  g_assert_nonnull (at);
  at[0] = '8'; /* the check digit no longer matches */
  back = inj_account_info_from_xml (text, strlen (text), &error);
  g_assert_null (back);
  g_assert_error (error, INJ_ACCOUNT_INFO_ERROR, INJ_ACCOUNT_INFO_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "法人番号の検査用数字（先頭の1桁）が一致しません。13桁の数字をもう一度確認してください。");
}

/* The personal data of a 基本情報 read from a file never reaches the log:
 * the representative's address, telephone number and date of birth are
 * redacted from every later message; the business's name is not personal. */
static void
test_personal_data_redacted (void)
{
  g_autoptr(InjAccountInfo) sole = test_account_sole ();
  g_autoptr(GBytes) xml = inj_account_info_to_xml (sole);
  g_autoptr(InjAccountInfo) back = NULL;
  g_autofree char *line = NULL;

  inj_log_clear_secrets ();
  back = inj_account_info_from_xml (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml), NULL);
  g_assert_nonnull (back);
  line = inj_log_redact ("見本商店: 000-0000-0000 / 大阪府大阪市北区見本町二丁目３番４号 / 見本　花子 / 1992-02-29");
  g_assert_null (strstr (line, "000-0000-0000"));
  g_assert_null (strstr (line, "見本町"));
  g_assert_null (strstr (line, "花子"));
  g_assert_null (strstr (line, "1992-02-29"));
  g_assert_nonnull (strstr (line, "見本商店"));
  inj_log_clear_secrets ();
}

int
main (int argc,
      char **argv)
{
  test_init (&argc, &argv);
  g_test_add_func ("/account/valid", test_valid);
  g_test_add_func ("/account/items-and-labels", test_items_and_labels);
  g_test_add_func ("/account/messages", test_messages);
  g_test_add_func ("/account/input-normalised", test_input_normalised);
  g_test_add_func ("/account/xml-round-trip", test_xml_round_trip);
  g_test_add_func ("/account/xml-refused", test_xml_refused);
  g_test_add_func ("/account/personal-data-redacted", test_personal_data_redacted);
  return g_test_run ();
}
