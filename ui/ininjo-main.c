/* ininjo-main.c: the GUI's entry point. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-app.h"
#include "inj-application.h"

int
main (int argc,
      char *argv[])
{
  g_autoptr(InjApplication) app = NULL;
  int status;
  gboolean verbose = FALSE;
  int kept = 1;

  inj_i18n_init ();
  /* --verbose (or INJ_LOG_VERBOSE=1): debug messages for support, redacted
   * like every message (app/core/inj-log.h). */
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
  /* GSettings aborts the program when its schema is missing: say what to
   * do instead. */
  if (!inj_application_schema_available ())
    {
      g_printerr (_("Ininjo cannot start: its settings schema “%s” is not installed.\n"
                    "Install Ininjo (meson install), or run it from a build tree with "
                    "GSETTINGS_SCHEMA_DIR set to the build's data folder "
                    "(./quickstart run does this).\n"),
                  INJ_APPLICATION_ID);
      return 1;
    }
  app = inj_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);
  if (status == 0)
    status = inj_application_get_exit_status (app);
  inj_vault_shutdown ();
  return status;
}
