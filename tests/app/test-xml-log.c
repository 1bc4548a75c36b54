/* test-xml-log.c: what libxml2 and libxmlsec1 say goes through Ininjo's
 * log, redacted, in every thread; nothing of theirs reaches stderr by
 * itself (issue 13, finding 4). Each test runs in a subprocess whose
 * stderr is checked whole. Synthetic data only. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <libxml/globals.h>
#include <libxml/parser.h>

#include "test-support.h"

#define SECRET "試験 花子"

/* A delegation whose root declares an unused relative namespace: libxml2's
 * exclusive C14N refuses it with "Relative namespace UR is invalid here". */
static GBytes *
relative_namespace_document (void)
{
  g_autoptr(InjDelegation) d = test_corporation ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) xml = inj_delegation_to_xml (d, &error);
  g_autoptr(GString) s = NULL;

  g_assert_no_error (error);
  s = g_string_new_len (g_bytes_get_data (xml, NULL), (gssize) g_bytes_get_size (xml));
  g_assert_cmpuint (g_string_replace (s, "<Delegation ", "<Delegation xmlns:x=\"relative/ns\" ", 1),
                    ==, 1);
  return g_bytes_new (s->str, s->len);
}

/* The canonical form of @xml, which libxml2 cannot make. */
static void
canonicalise_relative (GBytes *xml)
{
  xmlDocPtr doc = xmlReadMemory (g_bytes_get_data (xml, NULL), (int) g_bytes_get_size (xml),
                                 NULL, NULL, XML_PARSE_NONET);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) digest = NULL;

  g_assert_nonnull (doc);
  digest = inj_xmldsig_reference_digest (doc, &error);
  g_assert_null (digest);
  g_assert_error (error, INJ_SIGNATURE_ERROR, INJ_SIGNATURE_ERROR_FAILED);
  xmlFreeDoc (doc);
}

static void
worker (GTask *task,
        gpointer source,
        gpointer task_data,
        GCancellable *cancellable)
{
  canonicalise_relative (task_data);
  g_task_return_boolean (task, TRUE);
}

/* The log file of the subprocess, and the writer through which every
 * message passes. */
static void
use_log (void)
{
  inj_log_init (FALSE);
  inj_log_set_path (g_getenv ("INJ_TEST_XML_LOG"));
}

static char *
read_log (void)
{
  char *text = NULL;

  if (!g_file_get_contents (g_getenv ("INJ_TEST_XML_LOG"), &text, NULL, NULL))
    return g_strdup ("");
  return text;
}

static guint
count (const char *text,
       const char *part)
{
  guint n = 0;

  for (const char *p = strstr (text, part); p; p = strstr (p + 1, part))
    n++;
  return n;
}

static void
fresh_log (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_tmp_dir (), "inj-xml-log-XXXXXX", NULL);
  g_autofree char *path = NULL;

  g_assert_nonnull (g_mkdtemp (dir));
  path = g_build_filename (dir, name, NULL);
  g_setenv ("INJ_TEST_XML_LOG", path, TRUE);
}

static void
remove_log (void)
{
  const char *path = g_getenv ("INJ_TEST_XML_LOG");
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

/* The fuzzer's case 3: libxml2 printed "C14N error : Relative namespace UR
 * is invalid here" straight to stderr. In the main thread and in a GTask
 * worker, its messages now go to the log, and stderr stays empty. */
static void
test_c14n_error (void)
{
  g_autofree char *log = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(GBytes) xml = NULL;
      g_autoptr(GTask) task = NULL;

      use_log ();
      xml = relative_namespace_document ();
      canonicalise_relative (xml);
      task = g_task_new (NULL, NULL, NULL, NULL);
      g_task_set_task_data (task, g_bytes_ref (xml), (GDestroyNotify) g_bytes_unref);
      g_task_run_in_thread_sync (task, worker);
      g_assert_true (g_task_propagate_boolean (task, NULL));
      return;
    }
  fresh_log ("c14n.log");
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("");
  log = read_log ();
  g_test_message ("%s", log);
  /* once from the main thread, once from the worker */
  g_assert_cmpuint (count (log, "libxml2: Relative namespace UR is invalid here"), ==, 2);
  remove_log ();
}

/* A message libxml2 writes on its generic channel, in pieces, carrying a
 * name Ininjo knows: it reaches the log redacted, never stderr. The
 * reader's own collection of parser errors still makes its message. */
static void
test_redacted (void)
{
  g_autofree char *log = NULL;

  if (g_test_subprocess ())
    {
      const char *bad = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a><b></a>\n";
      g_autoptr(GError) error = NULL;
      g_autoptr(InjDelegation) d = NULL;

      use_log ();
      inj_log_add_secret_text (SECRET);
      inj_xml_init ();
      xmlGenericError (xmlGenericErrorContext, "element %s: ", SECRET);
      xmlGenericError (xmlGenericErrorContext, "not expected\n");
      d = inj_delegation_from_xml (bad, strlen (bad), NULL, &error);
      g_assert_null (d);
      g_assert_error (error, INJ_XML_ERROR, INJ_XML_ERROR_MALFORMED);
      g_assert_nonnull (strstr (error->message, "line 2: "));
      g_assert_nonnull (strstr (error->message, "an end tag does not match its start tag"));
      return;
    }
  fresh_log ("redacted.log");
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("");
  log = read_log ();
  g_test_message ("%s", log);
  g_assert_nonnull (strstr (log, "libxml2: element " INJ_LOG_REDACTED_PERSONAL ": not expected"));
  g_assert_null (strstr (log, "花子"));
  remove_log ();
}

/* libxmlsec1's errors: its default callback wrote to libxml2's generic
 * channel (Ininjo had turned that off, and nothing was kept). A signature
 * whose certificate is no certificate makes it complain. */
static void
test_xmlsec (void)
{
  g_autofree char *log = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(InjDelegation) d = test_corporation ();
      g_autoptr(GBytes) xml = inj_delegation_to_xml (d, NULL);
      g_autoptr(GString) s = g_string_new_len (g_bytes_get_data (xml, NULL),
                                               (gssize) g_bytes_get_size (xml));
      guint8 junk[96];
      g_autofree char *b64 = NULL;
      g_autofree char *signature = NULL;
      g_autoptr(GError) error = NULL;
      xmlDocPtr doc;

      use_log ();
      for (guint i = 0; i < sizeof junk; i++)
        junk[i] = (guint8) (i * 7 + 3);
      junk[0] = 0x30;
      b64 = g_base64_encode (junk, sizeof junk);
      signature = g_strdup_printf (
        "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:SignedInfo>"
        "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>"
        "<ds:SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"/>"
        "<ds:Reference URI=\"\"><ds:Transforms>"
        "<ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>"
        "<ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/></ds:Transforms>"
        "<ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/>"
        "<ds:DigestValue>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=</ds:DigestValue>"
        "</ds:Reference></ds:SignedInfo><ds:SignatureValue>AAAA</ds:SignatureValue>"
        "<ds:KeyInfo><ds:X509Data><ds:X509Certificate>%s</ds:X509Certificate></ds:X509Data>"
        "</ds:KeyInfo></ds:Signature></Delegation>",
        b64);
      g_assert_cmpuint (g_string_replace (s, "</Delegation>", signature, 1), ==, 1);
      doc = xmlReadMemory (s->str, (int) s->len, NULL, NULL, XML_PARSE_NONET);
      g_assert_nonnull (doc);
      g_assert_false (inj_xmldsig_verify (doc, NULL, NULL, &error));
      g_assert_error (error, INJ_SIGNATURE_ERROR, INJ_SIGNATURE_ERROR_CERTIFICATE);
      xmlFreeDoc (doc);
      return;
    }
  fresh_log ("xmlsec.log");
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("");
  log = read_log ();
  g_test_message ("%s", log);
  g_assert_nonnull (strstr (log, "xmlsec: "));
  remove_log ();
}

int
main (int argc,
      char **argv)
{
  /* only the log decides what reaches stderr: not GLib's debug switch */
  g_unsetenv ("G_MESSAGES_DEBUG");
  g_unsetenv ("INJ_LOG_VERBOSE");
  /* the reader's messages compared in English */
  g_setenv ("LANGUAGE", "C", TRUE);
  test_init (&argc, &argv);

  g_test_add_func ("/xml-log/c14n-error", test_c14n_error);
  g_test_add_func ("/xml-log/redacted", test_redacted);
  g_test_add_func ("/xml-log/xmlsec", test_xmlsec);
  return g_test_run ();
}
