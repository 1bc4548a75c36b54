/* ininjo-cli.c: the command-line entry point. Thin: every rule lives in the
 * domain library.
 *
 * Exit status: 0 success, 1 the document or input is invalid, 2 usage,
 * 3 a file cannot be read or written, 4 interactive input ended early,
 * 5 the card or reader cannot do what was asked (none, locked, wrong PIN).
 * The verbs are in ininjo-cli-verbs.c, each group of them in a file of its
 * own. */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "inj-app.h"

#include "ininjo-cli.h"

static void
print_usage (FILE *to)
{
  fprintf (to, "%s\n  ininjo-cli %s\n\n%s\n", _("Usage:"), _("VERB [OPTION…]"), _("Verbs:"));
  for (guint i = 0; i < ininjo_cli_n_verbs; i++)
    {
      const Verb *verb = &ininjo_cli_verbs[i].verb;

      fprintf (to, "  %-10s %s\n", verb->name, _(verb->summary));
    }
  fprintf (to, "\n%s\n", _("“ininjo-cli VERB --help” tells more about each verb."));
  fprintf (to, "\n%s\n", _("Drafts and outbox packages are encrypted with a key kept in the "
                           "desktop's Secret Service. Without one, they are written (readable by "
                           "you only) only with --allow-unencrypted, given to any verb, or when "
                           "the application's allow-unencrypted-local-data setting is on."));
  fprintf (to, "%s\n", _("“--verbose” with any verb logs debug messages too (redacted, like "
                          "every message)."));
  fprintf (to, "\n%s\n", _("Exit status: 0 success, 1 invalid document or input, 2 usage "
                           "error, 3 a file cannot be read or written, 4 input ended early, "
                           "5 the card or reader cannot do what was asked, 6 the service cannot "
                           "be reached or refused the connection."));
}

int
main (int argc,
      char **argv)
{
  gboolean verbose = FALSE;
  const Verb *verb;
  int kept = 1;

  inj_i18n_init ();
  g_set_prgname ("ininjo-cli");

  /* --verbose anywhere: debug messages pass to stderr and the log file */
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--verbose"))
        verbose = TRUE;
      else
        argv[kept++] = argv[i];
    }
  argc = kept;
  argv[argc] = NULL;
  inj_log_init (verbose);
  inj_xml_init ();
  if (argc >= 2)
    g_info ("ininjo-cli %s: %s", PACKAGE_VERSION, argv[1]);

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("ininjo-cli %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }
  ininjo_cli_take_vault_policy (&argc, argv);
  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }
  verb = ininjo_cli_find_verb (argv[1]);
  if (verb)
    {
      int status;

      cli_step = verb->name;
      status = verb->run (argc - 1, argv + 1);
      inj_vault_shutdown ();
      return status;
    }

  g_printerr (_("Unknown verb “%s”.\n"), argv[1]);
  print_usage (stderr);
  return EXIT_USAGE;
}
