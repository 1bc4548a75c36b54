/* ininjo-main.c: the GUI's entry point. */
#include "config.h"

#include "inj-app.h"
#include "inj-application.h"

int
main (int argc,
      char *argv[])
{
  g_autoptr(InjApplication) app = NULL;

  inj_i18n_init ();
  app = inj_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
