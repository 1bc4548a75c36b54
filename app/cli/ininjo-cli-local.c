/* ininjo-cli-local.c: the local data: the vault's policy that every verb
 * takes (--allow-unencrypted or the setting), and erase. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "inj-app.h"

#include "ininjo-cli.h"

/* Drafts and packages are encrypted with a key from the Secret Service;
 * without one they are written only with --allow-unencrypted (any verb)
 * or the GUI's allow-unencrypted-local-data setting. */
static gboolean
setting_allows_unencrypted (void)
{
  g_autoptr(GSettings) settings = inj_settings_open (NULL);
  g_autoptr(GSettingsSchema) schema = NULL;

  if (settings == NULL)
    return FALSE;
  g_object_get (settings, "settings-schema", &schema, NULL);
  return g_settings_schema_has_key (schema, "allow-unencrypted-local-data") &&
         g_settings_get_boolean (settings, "allow-unencrypted-local-data");
}

void
ininjo_cli_take_vault_policy (int *argc,
                              char **argv)
{
  gboolean allow = FALSE;
  int out = 0;

  for (int i = 0; i < *argc; i++)
    {
      if (g_str_equal (argv[i], "--allow-unencrypted"))
        allow = TRUE;
      else
        argv[out++] = argv[i];
    }
  argv[out] = NULL;
  *argc = out;
  inj_vault_set_allow_unencrypted (allow || setting_allows_unencrypted ());
}

int
ininjo_cli_erase (int argc,
                  char **argv)
{
  gboolean yes = FALSE;
  gboolean audit = FALSE;
  const GOptionEntry entries[] = {
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes, N_("Erase without asking (required)"), NULL },
    { "include-audit-log", 0, 0, G_OPTION_ARG_NONE, &audit,
      N_("Erase the audit log too (it is kept otherwise)"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  const Verb *verb = ininjo_cli_find_verb ("erase");

  if (!parse_verb_options (verb, entries,
                           _("Removes the drafts, the outbox, the sent packages with their "
                             "receipts, the logs and the key of the local data in the Secret "
                             "Service. Settings are kept; the audit log is kept unless "
                             "--include-audit-log is given. Delegations registered with the "
                             "service are not affected."),
                           &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    {
      g_printerr (_("erase: unexpected argument “%s”\n"), argv[1]);
      return EXIT_USAGE;
    }
  if (!yes)
    {
      g_printerr ("%s\n", _("erase: nothing was removed; give --yes to erase all local data."));
      return EXIT_USAGE;
    }
  if (!inj_vault_erase_local_data (NULL, audit, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_IO;
    }
  g_print ("%s\n", audit ? _("All local data was erased, the audit log included.")
                         : _("All local data was erased; the audit log was kept."));
  return EXIT_OK;
}
