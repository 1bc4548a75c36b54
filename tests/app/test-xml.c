/* test-xml.c: round trips, determinism and the reader's messages. */
#include "config.h"

#include <string.h>

#include "test-support.h"

static GBytes *
to_xml (InjDelegation *d)
{
  g_autoptr(GError) error = NULL;
  GBytes *b = inj_delegation_to_xml (d, &error);
  g_assert_no_error (error);
  g_assert_nonnull (b);
  return b;
}

/* model → XML → model → XML: equal models, byte-identical XML. */
static void
round_trip (InjDelegation *d)
{
  g_autoptr(GBytes) first = to_xml (d);
  g_autoptr(GBytes) again = to_xml (d);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(InjDelegation) back = NULL;
  g_autoptr(GBytes) second = NULL;
  gsize len;
  const char *data = g_bytes_get_data (first, &len);

  g_assert_true (g_bytes_equal (first, again));
  g_assert_true (g_str_has_prefix (data, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
  g_assert_true (g_utf8_validate_len (data, len, NULL));

  back = inj_delegation_from_xml (data, len, &problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_true (inj_delegation_equal (d, back));
  second = to_xml (back);
  g_assert_true (g_bytes_equal (first, second));
}

static void
test_round_trip_corporation (void)
{
  g_autoptr(InjDelegation) d = test_corporation ();
  round_trip (d);
}

static void
test_round_trip_sole_proprietor (void)
{
  g_autoptr(InjDelegation) d = test_sole_proprietor ();
  round_trip (d);
}

static void
test_round_trip_qualification (gconstpointer data)
{
  InjQualification q = GPOINTER_TO_INT (data);
  g_autoptr(InjDelegation) d = (q % 2) ? test_corporation () : test_sole_proprietor ();
  g_autoptr(GBytes) xml = NULL;
  g_autofree char *element = NULL;

  inj_delegation_set_text (d, INJ_FIELD_AGENT_TITLE, NULL);
  inj_delegation_set_qualification (d, q);
  inj_delegation_set_text (d, INJ_FIELD_AGENT_IDENTIFIER, "A-0012345");
  round_trip (d);

  xml = to_xml (d);
  element = g_strdup_printf ("<Qualification>%s</Qualification>", inj_qualification_name (q));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml), element));
}

static void
test_round_trip_renewal_and_minimal (void)
{
  g_autoptr(InjDelegation) d = test_corporation ();
  g_autoptr(InjServiceProfile) profile = test_profile ();
  g_autoptr(GDateTime) now = test_now ();
  g_autoptr(InjDelegation) r = inj_delegation_renew (d, profile, now);

  round_trip (r);
  /* optional items absent */
  inj_delegation_set_text (d, INJ_FIELD_AUTHORITY_RESTRICTIONS, NULL);
  inj_delegation_set_text (d, INJ_FIELD_AGENT_IDENTIFIER, NULL);
  round_trip (d);
}

static void
test_special_characters (void)
{
  g_autoptr(InjDelegation) d = test_corporation ();

  /* Markup characters, a 髙 (IBM extension kanji), an emoji outside the BMP,
   * and the wave dash that Shift_JIS conversions mangle, all kept exactly. */
  inj_delegation_set_text (d, INJ_FIELD_CORPORATE_NAME, "<株式会社> & \"髙橋\" 'テスト' 𠮷野家");
  inj_delegation_set_text (d, INJ_FIELD_AUTHORITY_SCOPE, "一〜三の権限\n]]> も &amp; も文字");
  round_trip (d);
}

static void
test_refuses_invalid_model (void)
{
  g_autoptr(InjDelegation) d = test_corporation ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) b = NULL;

  inj_delegation_set_text (d, INJ_FIELD_CORPORATE_NUMBER, "7000012050003");
  b = inj_delegation_to_xml (d, &error);
  g_assert_null (b);
  g_assert_error (error, INJ_DELEGATION_ERROR, INJ_DELEGATION_ERROR_INVALID);
}

/* A semantic problem found after the schema names its line and item. */
static void
test_error_names_line_and_item (void)
{
  g_autoptr(InjDelegation) d = test_corporation ();
  g_autoptr(GBytes) xml = to_xml (d);
  g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml));
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(InjDelegation) back = NULL;
  InjProblem *first;
  int expected_line = 0;
  const char *p = strstr (text->str, "<CorporateNumber>");

  for (const char *c = text->str; c <= p; c++)
    if (*c == '\n' || c == text->str)
      expected_line++;
  g_string_replace (text, "7000012050002", "7000012050003", 1);

  back = inj_delegation_from_xml (text->str, text->len, &problems, &error);
  g_assert_null (back);
  g_assert_error (error, INJ_XML_ERROR, INJ_XML_ERROR_INVALID);
  first = g_ptr_array_index (problems, 0);
  g_assert_cmpint (first->field, ==, INJ_FIELD_CORPORATE_NUMBER);
  g_assert_cmpint (first->code, ==, INJ_PROBLEM_CORPORATE_NUMBER_CHECK_DIGIT);
  g_assert_cmpint (first->line, ==, expected_line);
  g_assert_nonnull (strstr (error->message, "法人番号"));
  {
    g_autofree char *where = g_strdup_printf ("%d行目", expected_line);
    g_assert_nonnull (strstr (error->message, where));
  }
}

static void
test_schema_embedded_matches_data (void)
{
  gsize len;
  const char *embedded = inj_delegation_schema_xsd (&len);
  g_autofree char *path = g_build_filename (DATA_DIR, "ininjo-delegation-1.xsd",
                                            NULL);
  g_autofree char *file = NULL;
  gsize file_len;

  g_assert_true (g_file_get_contents (path, &file, &file_len, NULL));
  g_assert_cmpmem (embedded, len, file, file_len);
}

int
main (int argc,
      char **argv)
{
  test_init (&argc, &argv);
  g_test_add_func ("/xml/round-trip/corporation", test_round_trip_corporation);
  g_test_add_func ("/xml/round-trip/sole-proprietor", test_round_trip_sole_proprietor);
  for (InjQualification q = INJ_QUALIFICATION_NONE + 1; q < INJ_N_QUALIFICATIONS; q++)
    {
      g_autofree char *path = g_strdup_printf ("/xml/round-trip/qualification/%s",
                                               inj_qualification_key (q));
      g_test_add_data_func (path, GINT_TO_POINTER (q), test_round_trip_qualification);
    }
  g_test_add_func ("/xml/round-trip/renewal-and-minimal", test_round_trip_renewal_and_minimal);
  g_test_add_func ("/xml/special-characters", test_special_characters);
  g_test_add_func ("/xml/refuses-invalid-model", test_refuses_invalid_model);
  g_test_add_func ("/xml/error-names-line-and-item", test_error_names_line_and_item);
  g_test_add_func ("/xml/schema-embedded-matches-data", test_schema_embedded_matches_data);
  return g_test_run ();
}
