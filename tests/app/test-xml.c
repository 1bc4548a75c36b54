/* test-xml.c: round trips, determinism and the reader's messages. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

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

/* 復代理の可否 (schema 1.1): written next to the restrictions, read back,
 * written again byte for byte. */
static void
test_round_trip_subdelegation (void)
{
  for (InjSubdelegation sub = INJ_SUBDELEGATION_ALLOWED; sub <= INJ_SUBDELEGATION_NOT_ALLOWED; sub++)
    {
      g_autoptr(InjDelegation) d = test_corporation ();
      g_autoptr(GBytes) xml = NULL;
      g_autofree char *element = NULL;
      const char *data;

      inj_delegation_set_subdelegation (d, sub);
      round_trip (d);
      xml = to_xml (d);
      data = g_bytes_get_data (xml, NULL);
      element = g_strdup_printf ("</Restrictions>\n    <Subdelegation>%s</Subdelegation>\n    <Period>",
                                 inj_subdelegation_to_key (sub));
      g_assert_nonnull (g_strstr_len (data, g_bytes_get_size (xml), element));
      g_assert_nonnull (g_strstr_len (data, g_bytes_get_size (xml), "schemaVersion=\"1.1\""));
    }
}

/* Documents written before 復代理の可否 existed (the corpus's, from before
 * schema 1.1) read as they are and are written back byte for byte, still
 * as schema 1.0; the signed one reads too. */
static void
test_old_documents_unchanged (void)
{
  static const char *const unsigned_files[] = { "valid-corporation.xml", "valid-sole-proprietor.xml" };

  for (guint i = 0; i < G_N_ELEMENTS (unsigned_files); i++)
    {
      gsize len;
      g_autofree char *bytes = test_read_corpus (unsigned_files[i], &len);
      g_autoptr(GError) error = NULL;
      g_autoptr(InjDelegation) d = inj_delegation_from_xml (bytes, len, NULL, &error);
      g_autoptr(GBytes) again = NULL;

      g_assert_no_error (error);
      g_assert_cmpint (inj_delegation_get_subdelegation (d), ==, INJ_SUBDELEGATION_UNSPECIFIED);
      again = to_xml (d);
      g_assert_cmpmem (g_bytes_get_data (again, NULL), g_bytes_get_size (again), bytes, len);
    }
  {
    gsize len;
    g_autofree char *bytes = test_read_corpus ("valid-signature.xml", &len);
    g_autoptr(GError) error = NULL;
    g_autoptr(InjDelegation) d = inj_delegation_from_xml (bytes, len, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (strstr (bytes, "schemaVersion=\"1.0\""));
    g_assert_cmpint (inj_delegation_get_subdelegation (d), ==, INJ_SUBDELEGATION_UNSPECIFIED);
  }
}

/* The schema file as xmllint reads it (an independent validator): a 1.0
 * document is valid against 1.1, a document with 復代理の可否 is valid,
 * an unknown value is not. */
static gboolean
xmllint_valid (const char *xml_path)
{
  g_autofree char *xsd = g_build_filename (DATA_DIR, "ininjo-delegation-1.xsd", NULL);
  const char *argv[] = { "xmllint", "--noout", "--nonet", "--schema", xsd, xml_path, NULL };
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                                 G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL);
}

static void
test_schema_versions_xmllint (void)
{
  g_autoptr(InjDelegation) d = test_corporation ();
  g_autoptr(GBytes) xml = NULL;
  g_autofree char *dir = g_dir_make_tmp ("inj-xsd-XXXXXX", NULL);
  g_autofree char *written = g_build_filename (dir, "written.xml", NULL);
  g_autofree char *old = g_build_filename (CORPUS_DIR, "valid-corporation.xml", NULL);
  g_autofree char *bad = g_build_filename (CORPUS_DIR, "subdelegation-unknown.xml", NULL);
  g_autofree char *xmllint = g_find_program_in_path ("xmllint");

  if (xmllint == NULL)
    {
      g_test_skip ("xmllint is not installed");
      return;
    }
  inj_delegation_set_subdelegation (d, INJ_SUBDELEGATION_NOT_ALLOWED);
  xml = to_xml (d);
  g_assert_true (g_file_set_contents (written, g_bytes_get_data (xml, NULL),
                                      (gssize) g_bytes_get_size (xml), NULL));
  g_assert_true (xmllint_valid (old));
  g_assert_true (xmllint_valid (written));
  g_assert_false (xmllint_valid (bad));
  g_unlink (written);
  g_rmdir (dir);
}

/* An unknown value is refused, in words a person understands. */
static void
test_subdelegation_unknown (void)
{
  gsize len;
  g_autofree char *bytes = test_read_corpus ("subdelegation-unknown.xml", &len);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(InjDelegation) d = inj_delegation_from_xml (bytes, len, &problems, &error);

  g_assert_null (d);
  g_assert_error (error, INJ_XML_ERROR, INJ_XML_ERROR_SCHEMA);
  g_assert_nonnull (strstr (error->message, "復代理の可否は「可」（allowed）または「不可」（not-allowed）"));
  g_assert_nonnull (strstr (error->message, "24行目"));
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
  g_test_add_func ("/xml/round-trip/subdelegation", test_round_trip_subdelegation);
  g_test_add_func ("/xml/old-documents-unchanged", test_old_documents_unchanged);
  g_test_add_func ("/xml/schema-versions-xmllint", test_schema_versions_xmllint);
  g_test_add_func ("/xml/subdelegation-unknown", test_subdelegation_unknown);
  return g_test_run ();
}
