/* ininjo-cli-audit.c: audit verify and audit show. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-audit.h"
#include "ininjo-cli.h"
#include "inj-app.h"

static char *
audit_path (const Verb *verb,
            int argc,
            char **argv)
{
  if (argc > 2)
    {
      g_printerr (_("%s: give at most one FILE (see “ininjo-cli %s --help”)\n"), verb->name,
                  verb->name);
      return NULL;
    }
  return argc == 2 ? g_strdup (argv[1]) : inj_audit_default_path ();
}

static int
audit_verify (int argc,
              char **argv)
{
  static const Verb verb = { "audit verify", N_("[FILE]"),
                             N_("Check that no line of the audit log was changed, removed or "
                                "reordered."), NULL };
  const GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *display = NULL;
  guint bad = 0, lines = 0;

  if (!parse_verb_options (&verb, entries, _("Without FILE, the audit log of this user."), &argc,
                           &argv))
    return EXIT_USAGE;
  path = audit_path (&verb, argc, argv);
  if (path == NULL)
    return EXIT_USAGE;
  display = g_filename_display_name (path);
  if (argc == 2 && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_printerr (_("%s: no such file\n"), display);
      return EXIT_IO;
    }
  if (!inj_audit_verify_full (path, &lines, &bad, &error))
    {
      if (bad == 0)
        {
          g_printerr ("%s\n", error->message);
          return EXIT_IO;
        }
      g_printerr (_("%s:%u: the audit log is broken: %s\n"), display, bad, error->message);
      return EXIT_INVALID;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "%s: intact (%u event)\n", "%s: intact (%u events)\n",
                        lines),
           display, lines);
  return EXIT_OK;
}

static int
audit_show (int argc,
            char **argv)
{
  static const Verb verb = { "audit show", N_("[FILE]"),
                             N_("Show the events of the audit log, oldest first."), NULL };
  const GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *path = NULL;
  guint bad = 0;

  if (!parse_verb_options (&verb, entries, _("Without FILE, the audit log of this user. Times "
                                             "are in Japan time (JST)."), &argc, &argv))
    return EXIT_USAGE;
  path = audit_path (&verb, argc, argv);
  if (path == NULL)
    return EXIT_USAGE;
  events = inj_audit_load (path, &error);
  if (events == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_IO;
    }
  if (events->len == 0)
    g_print ("%s\n", _("The audit log has no events."));
  for (guint i = 0; i < events->len; i++)
    {
      InjAuditEvent *e = g_ptr_array_index (events, i);
      g_autofree char *when = inj_audit_display_time (e->time);

      g_print ("%" G_GUINT64_FORMAT "  %s  %s: %s", e->seq, when,
               inj_audit_action_label (e->action), inj_audit_result_label (e->result));
      if (e->code)
        g_print (" (%s)", e->code);
      if (e->detail)
        g_print (" [%s]", e->detail);
      g_print ("\n");
      if (e->delegation_id)
        g_print ("    %s: %s\n", _("Delegation ID"), e->delegation_id);
      if (e->fingerprint)
        g_print ("    %s: %s\n", _("Certificate (SHA-256)"), e->fingerprint);
      if (e->serial)
        g_print ("    %s: %s\n", _("Serial number"), e->serial);
    }
  g_clear_error (&error);
  if (!inj_audit_verify (path, &bad, &error))
    {
      g_printerr (_("The audit log is broken at line %u: %s\n"), bad, error->message);
      return EXIT_INVALID;
    }
  return EXIT_OK;
}

int
ininjo_cli_audit (int argc,
                  char **argv)
{
  static const Verb sub[] = {
    { "verify", N_("[FILE]"), N_("Check the audit log's chain."), audit_verify },
    { "show", N_("[FILE]"), N_("Show the audit log's events."), audit_show },
  };

  for (guint i = 0; argc > 1 && i < G_N_ELEMENTS (sub); i++)
    if (g_str_equal (argv[1], sub[i].name))
      return sub[i].run (argc - 1, argv + 1);
  g_printerr ("%s\n", _("audit: give verify or show (see “ininjo-cli audit VERB --help”)"));
  for (guint i = 0; i < G_N_ELEMENTS (sub); i++)
    g_printerr ("  audit %-8s %s\n", sub[i].name, _(sub[i].summary));
  return EXIT_USAGE;
}
