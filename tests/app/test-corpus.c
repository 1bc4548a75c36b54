/* test-corpus.c: every file of corpus/ is rejected with the error that
 * corpus/MANIFEST expects, and valid-*.xml files are accepted.
 *
 * MANIFEST lines: FILE ERROR [PROBLEM [FIELD-KEY]]
 *   ERROR    an InjXmlError nick (inj_xml_error_nick), or "ok"
 *   PROBLEM  the first problem's nick (inj_problem_code_nick), or "-"
 *   FIELD    "section.key" of the field it names (inj_field_info), or "-"
 *
 * Files over the size limit are not committed: /corpus/generated/ builds
 * them in memory (and one through a temporary file) instead. */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "test-support.h"

typedef struct {
  char *file;
  char *error;
  char *problem;
  char *field;
} Case;

static void
case_free (gpointer data)
{
  Case *c = data;
  g_free (c->file);
  g_free (c->error);
  g_free (c->problem);
  g_free (c->field);
  g_free (c);
}

static const char *
field_name (InjField f)
{
  static char buf[64];
  if (f < 0 || f >= INJ_N_FIELDS)
    return "-";
  g_snprintf (buf, sizeof buf, "%s.%s", inj_field_info (f)->section, inj_field_info (f)->key);
  return buf;
}

static void
run_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(InjDelegation) d = NULL;
  g_autofree char *bytes = NULL;
  gsize len = 0;

  bytes = test_read_corpus (c->file, &len);
  d = inj_delegation_from_xml (bytes, len, &problems, &error);

  if (g_str_equal (c->error, "ok"))
    {
      g_autoptr(GBytes) xml = g_bytes_new (bytes, len);
      g_autoptr(GBytes) digest = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (d);
      /* what the reader accepts can be signed: its canonical form exists */
      digest = inj_delegation_digest (xml, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (digest), ==, 32);
      return;
    }

  g_assert_null (d);
  g_assert_nonnull (error);
  g_test_message ("%s: %s", c->file, error->message);
  g_assert_true (error->domain == INJ_XML_ERROR);
  g_assert_cmpstr (inj_xml_error_nick (error->code), ==, c->error);
  /* The message is for a person: never empty, never libxml2's raw English
   * alone, and it names a line when the error has one. */
  g_assert_cmpuint (strlen (error->message), >, 0);

  if (c->problem && !g_str_equal (c->problem, "-"))
    {
      InjProblem *first;
      g_assert_nonnull (problems);
      g_assert_cmpuint (problems->len, >, 0);
      first = g_ptr_array_index (problems, 0);
      g_assert_cmpstr (inj_problem_code_nick (first->code), ==, c->problem);
      g_assert_cmpint (first->line, >, 0);
      if (c->field && !g_str_equal (c->field, "-"))
        g_assert_cmpstr (field_name (first->field), ==, c->field);
    }
}

/* valid-corporation.xml, padded to exactly @size bytes with a comment before
 * </Delegation> (comments are accepted) or with ASCII letters inside
 * <Scope> (which breaks the item's 2000-character limit). */
static char *
padded_document (gsize size,
                 gboolean in_value,
                 gsize *length)
{
  g_autofree char *base = NULL;
  gsize base_len = 0;
  const char *anchor;
  const char *at;
  gsize overhead;
  GString *s;

  base = test_read_corpus ("valid-corporation.xml", &base_len);
  anchor = in_value ? "<Scope>" : "</Delegation>";
  at = strstr (base, anchor);
  g_assert_nonnull (at);
  if (in_value)
    at += strlen (anchor);
  overhead = in_value ? 0 : strlen ("<!--") + strlen ("-->\n");
  g_assert_cmpuint (size, >, base_len + overhead);

  s = g_string_sized_new (size);
  g_string_append_len (s, base, at - base);
  if (!in_value)
    g_string_append (s, "<!--");
  for (gsize i = 0; i < size - base_len - overhead; i++)
    g_string_append_c (s, 'a');
  if (!in_value)
    g_string_append (s, "-->\n");
  g_string_append (s, at);
  g_assert_cmpuint (s->len, ==, size);
  *length = s->len;
  return g_string_free (s, FALSE);
}

static void
assert_xml_error (const char *data,
                  gsize length,
                  InjXmlError code)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(InjDelegation) d = NULL;

  d = inj_delegation_from_xml (data, length, &problems, &error);
  g_assert_null (d);
  g_assert_error (error, INJ_XML_ERROR, (int) code);
  g_test_message ("%s", error->message);
  g_assert_cmpuint (strlen (error->message), >, 0);
}

static void
test_too_large_comment (void)
{
  gsize len;
  g_autofree char *doc = padded_document (INJ_XML_MAX_SIZE + 1, FALSE, &len);

  assert_xml_error (doc, len, INJ_XML_ERROR_TOO_LARGE);
}

static void
test_too_large_value (void)
{
  gsize len;
  g_autofree char *doc = padded_document (INJ_XML_MAX_SIZE + 4096, TRUE, &len);

  assert_xml_error (doc, len, INJ_XML_ERROR_TOO_LARGE);
}

/* Exactly the limit is allowed: a valid document padded with a comment to
 * INJ_XML_MAX_SIZE bytes is read. */
static void
test_at_limit_comment (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(InjDelegation) d = NULL;
  gsize len;
  g_autofree char *doc = padded_document (INJ_XML_MAX_SIZE, FALSE, &len);

  d = inj_delegation_from_xml (doc, len, &problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (d);
}

/* Just under the limit, a huge value is judged by the schema (the item is
 * too long), not by the size. */
static void
test_under_limit_value (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(InjDelegation) d = NULL;
  InjProblem *first;
  gsize len;
  g_autofree char *doc = padded_document (INJ_XML_MAX_SIZE - 1, TRUE, &len);

  d = inj_delegation_from_xml (doc, len, &problems, &error);
  g_assert_null (d);
  g_assert_error (error, INJ_XML_ERROR, INJ_XML_ERROR_SCHEMA);
  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, >, 0);
  first = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (inj_problem_code_nick (first->code), ==, "too-long");
  g_assert_cmpstr (field_name (first->field), ==, "authority.scope");
  g_assert_cmpint (first->line, >, 0);
}

/* Through a file: the reader stops after the limit plus one byte. */
static void
test_too_large_file (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) io_error = NULL;
  g_autoptr(InjDelegation) d = NULL;
  g_autofree char *path = NULL;
  gsize len;
  g_autofree char *doc = padded_document (2 * INJ_XML_MAX_SIZE, FALSE, &len);
  int fd;

  fd = g_file_open_tmp ("ininjo-too-large-XXXXXX.xml", &path, &io_error);
  g_assert_no_error (io_error);
  close (fd);
  g_file_set_contents (path, doc, len, &io_error);
  g_assert_no_error (io_error);

  d = inj_delegation_load_xml_file (path, &problems, &error);
  g_unlink (path);
  g_assert_null (d);
  g_assert_error (error, INJ_XML_ERROR, INJ_XML_ERROR_TOO_LARGE);
}

int
main (int argc,
      char **argv)
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (case_free);
  g_autofree char *manifest = NULL;
  g_auto(GStrv) lines = NULL;
  guint rejected = 0;

  test_init (&argc, &argv);

  g_test_add_func ("/corpus/generated/too-large-comment", test_too_large_comment);
  g_test_add_func ("/corpus/generated/too-large-value", test_too_large_value);
  g_test_add_func ("/corpus/generated/too-large-file", test_too_large_file);
  g_test_add_func ("/corpus/generated/at-limit-comment", test_at_limit_comment);
  g_test_add_func ("/corpus/generated/under-limit-value", test_under_limit_value);

  manifest = test_read_corpus ("MANIFEST", NULL);
  lines = g_strsplit (manifest, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) cols = NULL;
      Case *c;
      g_autofree char *path = NULL;

      g_strstrip (lines[i]);
      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      cols = g_strsplit_set (lines[i], " \t", -1);
      {
        /* drop empty columns from repeated separators */
        GPtrArray *kept = g_ptr_array_new ();
        for (guint k = 0; cols[k]; k++)
          if (*cols[k])
            g_ptr_array_add (kept, cols[k]);
        g_assert_cmpuint (kept->len, >=, 2);
        c = g_new0 (Case, 1);
        c->file = g_strdup (kept->pdata[0]);
        c->error = g_strdup (kept->pdata[1]);
        c->problem = kept->len > 2 ? g_strdup (kept->pdata[2]) : NULL;
        c->field = kept->len > 3 ? g_strdup (kept->pdata[3]) : NULL;
        g_ptr_array_free (kept, TRUE);
      }
      if (!g_str_equal (c->error, "ok"))
        rejected++;
      path = g_strdup_printf ("/corpus/%s", c->file);
      g_ptr_array_add (cases, c);
      g_test_add_data_func (path, c, run_case);
    }

  /* The issue asks for at least 30 hostile or malformed files. */
  if (rejected < 30)
    g_error ("corpus/MANIFEST lists %u rejected files; at least 30 are required", rejected);

  return g_test_run ();
}
