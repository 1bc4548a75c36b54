/* test-mutations.c: the reader survives random damage to a valid file.
 *
 * Not a replacement for a coverage-guided fuzzer, but cheap enough to run
 * on every test run, under ASan and UBSan in CI: thousands of byte flips,
 * insertions, deletions and splices of XML syntax into a valid delegation.
 * Every result must be either a delegation that passes validation or an
 * error in our domain with a message; never a crash, a hang or a leak. */
#include "config.h"

#include <string.h>

#include "test-support.h"

static const char *const tokens[] = {
  "<", ">", "</", "/>", "&", "&amp;", "&#x0;", "&#xD800;", "&lt;", "<!--", "-->",
  "<![CDATA[", "]]>", "<!DOCTYPE d [<!ENTITY e \"x\">]>", "&e;", "<?pi x?>", "\"", "'",
  "xmlns=\"urn:other\"", "xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"", "\xef\xbb\xbf",
  "\xed\xa0\x80", "\xff", "\xc3", "\x01", "\n", "\xe2\x80\xae", "=", " a=\"b\"",
  " xmlns:x=\"relative/ns\"", " xmlns:x=\"urn:example:other\"",
};

static GBytes *
sample (void)
{
  g_autoptr(InjDelegation) d = test_corporation ();
  g_autoptr(GError) error = NULL;
  GBytes *b;

  inj_delegation_set_qualification (d, INJ_QUALIFICATION_ATTORNEY);
  inj_delegation_set_text (d, INJ_FIELD_AGENT_TITLE, NULL);
  b = inj_delegation_to_xml (d, &error);
  g_assert_no_error (error);
  return b;
}

static void
mutate (GString *buf,
        GRand *rand)
{
  gsize pos = (gsize) g_rand_int_range (rand, 0, (gint32) buf->len);

  switch (g_rand_int_range (rand, 0, 5))
    {
    case 0: /* flip a byte */
      buf->str[pos] ^= (char) g_rand_int_range (rand, 1, 256);
      break;
    case 1: /* delete a run */
      {
        gsize run = (gsize) g_rand_int_range (rand, 1, 16);
        g_string_erase (buf, (gssize) pos, (gssize) MIN (run, buf->len - pos));
      }
      break;
    case 2: /* insert syntax */
      g_string_insert (buf, (gssize) pos,
                       tokens[g_rand_int_range (rand, 0, G_N_ELEMENTS (tokens))]);
      break;
    case 3: /* duplicate a run (repeated elements, nesting) */
      {
        gsize run = (gsize) g_rand_int_range (rand, 1, 200);
        gsize len = MIN (run, buf->len - pos);
        g_autofree char *copy = g_strndup (buf->str + pos, len);
        g_string_insert_len (buf, (gssize) pos, copy, (gssize) len);
      }
      break;
    default: /* truncate */
      g_string_truncate (buf, pos);
      break;
    }
}

static void
test_mutations (void)
{
  g_autoptr(GBytes) valid = sample ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);
  guint accepted = 0, rejected = 0;

  for (guint round = 0; round < 20000; round++)
    {
      g_autoptr(GString) buf = g_string_new_len (g_bytes_get_data (valid, NULL),
                                                  (gssize) g_bytes_get_size (valid));
      g_autoptr(InjDelegation) d = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      guint n = g_rand_int_range (rand, 1, 6);

      for (guint i = 0; i < n && buf->len > 0; i++)
        mutate (buf, rand);

      d = inj_delegation_from_xml (buf->str, buf->len, &problems, &error);
      if (d != NULL)
        {
          g_autoptr(GPtrArray) again = inj_delegation_validate (d, NULL);
          g_autoptr(GBytes) xml = g_bytes_new (buf->str, buf->len);
          g_autoptr(GBytes) digest = NULL;
          g_assert_no_error (error);
          /* what the reader accepts is a valid delegation */
          test_assert_no_problems (again);
          /* and can be signed and verified: its canonical form exists */
          digest = inj_delegation_digest (xml, &error);
          g_assert_no_error (error);
          g_assert_nonnull (digest);
          accepted++;
        }
      else
        {
          g_assert_nonnull (error);
          g_assert_true (error->domain == INJ_XML_ERROR);
          g_assert_cmpuint (strlen (error->message), >, 0);
          rejected++;
        }
    }
  g_test_message ("%u accepted, %u rejected", accepted, rejected);
  g_assert_cmpuint (rejected, >, 15000);
}

int
main (int argc,
      char **argv)
{
  test_init (&argc, &argv);
  g_test_add_func ("/xml/mutations", test_mutations);
  return g_test_run ();
}
