/* ininjo-cli-render.c: render, a delegation as a PDF a person reads and
 * prints (issue 17 §3): a delegation file, signed or not, or one the
 * service stores, its signature checked here as "verify" and "show ID" do. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-app.h"
#include "inj-xml-private.h"

#include "ininjo-cli.h"
#include "ininjo-cli-conn.h"

/* An argument that names a stored delegation rather than a file, as
 * "show" tells them apart. */
static gboolean
is_id (const char *arg)
{
  return strlen (arg) == 36 && arg[8] == '-' && !g_file_test (arg, G_FILE_TEST_EXISTS);
}

static gboolean
has_signature (GBytes *xml)
{
  xmlDocPtr doc = inj_xml_parse (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml), NULL);
  gboolean found = doc && inj_xmldsig_find (doc, NULL) != NULL;

  if (doc)
    xmlFreeDoc (doc);
  return found;
}

/* The delegation of @xml and, when it is signed, the check of its
 * signature (which the page shows even when it fails). */
static InjDelegation *
read_delegation (GBytes *xml,
                 Conn *c,
                 InjVerification **verification,
                 GPtrArray **problems,
                 GError **error)
{
  g_autoptr(InjTrustStore) trust = NULL;
  g_autoptr(InjVerification) v = NULL;
  InjDelegation *d = NULL;

  *verification = NULL;
  if (has_signature (xml))
    {
      trust = ininjo_cli_trust_store (&c->trust, error);
      if (trust == NULL)
        return NULL;
      v = inj_verify_delegation (xml, trust, NULL, &d, error);
      if (v == NULL)
        return NULL;
    }
  if (d == NULL)
    d = inj_delegation_from_xml (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml), problems,
                                 error);
  if (d)
    *verification = g_steal_pointer (&v);
  return d;
}

/* The stored delegation's signed XML, as the service gives it. */
static GBytes *
fetch_stored (Conn *c,
              const char *id,
              GError **error)
{
  g_autoptr(InjServiceClient) client = connect_service (c, error);
  g_autoptr(JsonObject) stored = NULL;
  const char *b64;
  gsize len = 0;
  guchar *raw;

  if (client == NULL)
    return NULL;
  stored = inj_service_client_get (client, id, NULL, error);
  if (stored == NULL)
    return NULL;
  b64 = json_object_get_string_member_with_default (stored, "delegation", "");
  raw = g_base64_decode (b64, &len);
  return g_bytes_new_take (raw, len);
}

int
ininjo_cli_render (int argc,
                   char **argv)
{
  const Verb *verb = ininjo_cli_find_verb ("render");
  g_auto(Conn) c = { .password_fd = -1 };
  gboolean force = FALSE;
  gboolean reveal = FALSE;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &c.output, N_("Write the PDF to FILE"),
      N_("FILE") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Replace the output file if it exists"),
      NULL },
    { "reveal-personal", 0, 0, G_OPTION_ARG_NONE, &reveal,
      N_("Show names, addresses and dates of birth in the PDF instead of hiding them"), NULL },
    { "trust", 't', 0, G_OPTION_ARG_FILENAME_ARRAY, &c.trust,
      N_("Also trust this CA certificate (PEM or DER; repeatable)"), N_("FILE") },
    CONN_OPTIONS (c),
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(InjDelegation) d = NULL;
  g_autoptr(InjVerification) v = NULL;
  g_autoptr(InjPrintout) printout = NULL;
  g_autofree char *display = NULL;
  g_autofree char *record = NULL;
  g_autofree char *out = NULL;
  gboolean stored;

  if (!parse_verb_options (verb, entries,
                           _("FILE is a delegation file, signed or not; ID is a delegation the "
                             "service stores (the connection options are for it). A signature "
                             "is checked as “verify” does, and the PDF says what was found. "
                             "Names, addresses and dates of birth are hidden unless "
                             "--reveal-personal is given."),
                           &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2 || c.output == NULL)
    {
      g_printerr ("%s\n", _("render: give one FILE or ID and -o FILE.pdf"));
      return EXIT_USAGE;
    }
  out = g_filename_display_name (c.output);
  /* refused before the card or the service is asked for anything */
  if (!force && g_file_test (c.output, G_FILE_TEST_EXISTS))
    {
      g_autofree char *m = g_strdup_printf (_("%s already exists; use --force to replace it."),
                                            out);
      g_printerr ("%s\n", m);
      return EXIT_IO;
    }

  stored = is_id (argv[1]);
  display = stored ? g_strdup (argv[1]) : g_filename_display_name (argv[1]);
  if (stored)
    xml = fetch_stored (&c, argv[1], &error);
  else
    xml = inj_xml_read_file (argv[1], &error);
  if (xml == NULL)
    {
      g_printerr ("%s: %s\n", display, error->message);
      if (stored && error->domain == INJ_NET_ERROR)
        return net_exit (error);
      return EXIT_IO;
    }
  d = read_delegation (xml, &c, &v, &problems, &error);
  if (d == NULL)
    return report_failure (display, error, problems);

  /* a stored delegation has no file here: the record is at the service */
  if (!stored)
    record = g_path_get_basename (display);
  printout = inj_printout_new (d, v, record, reveal);
  if (!inj_printout_write_pdf (printout, c.output, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_IO;
    }
  g_print (_("The delegation %s is written to %s as a PDF.\n"),
           inj_delegation_get_text (d, INJ_FIELD_DELEGATION_ID), out);
  if (v == NULL)
    g_print ("%s\n", _("It is not signed: the PDF says so."));
  else if (!inj_verification_is_valid (v))
    g_printerr ("%s\n", _("Its signature is NOT valid: the PDF says so. Run “ininjo-cli verify” "
                          "for the details."));
  if (!reveal)
    g_print ("%s\n", _("Names, addresses and dates of birth are hidden (＊) in it. Use "
                       "--reveal-personal to show them."));
  return v && !inj_verification_is_valid (v) ? EXIT_INVALID : EXIT_OK;
}
