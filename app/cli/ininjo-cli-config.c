/* ininjo-cli-config.c: config get|set|list — the settings the window uses
 * too (GSettings io.github.ininjo.Ininjo, app/inj-settings.h), and the
 * one-time import of the old ininjo.ini when ininjo-cli first opens them. */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "inj-app.h"
#include "inj-settings.h"
#include "ininjo-cli.h"

static int config_get  (int argc, char **argv);
static int config_set  (int argc, char **argv);
static int config_list (int argc, char **argv);

static const Verb config_verbs[] = {
  { "get", N_("KEY"), N_("Print the value of a setting."), config_get },
  { "set", N_("KEY VALUE…"), N_("Change a setting, for ininjo-cli and the window."), config_set },
  { "list", NULL, N_("List the settings: value, whether it is the default, and what it is."),
    config_list },
};

GSettings *
ininjo_cli_open_settings (GError **error)
{
  static gboolean imported;
  g_autoptr(GSettings) settings = inj_settings_open (error);

  if (settings && !imported)
    {
      g_autofree char *path = inj_settings_dup_legacy_path ();
      g_autoptr(GPtrArray) report = inj_settings_import_legacy (settings, path);

      imported = TRUE;
      for (guint i = 0; report && i < report->len; i++)
        g_printerr ("%s\n", (const char *) g_ptr_array_index (report, i));
    }
  return g_steal_pointer (&settings);
}

/* The card and signature verbs work without the schema too (its defaults
 * are theirs): the settings only when installed, without a word if not. */
void
ininjo_cli_default_modules (char ***modules)
{
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *module = NULL;

  if (*modules != NULL || (settings = ininjo_cli_open_settings (NULL)) == NULL)
    return;
  module = g_settings_get_string (settings, "pkcs11-module");
  if (*module != '\0')
    *modules = g_strdupv ((char *[]) { module, NULL });
}

void
ininjo_cli_add_trust_anchors (char ***trust)
{
  g_autoptr(GSettings) settings = ininjo_cli_open_settings (NULL);
  g_auto(GStrv) anchors = NULL;
  g_autoptr(GStrvBuilder) all = NULL;

  if (settings == NULL)
    return;
  anchors = g_settings_get_strv (settings, "trust-anchors");
  if (anchors[0] == NULL)
    return;
  all = g_strv_builder_new ();
  if (*trust)
    g_strv_builder_addv (all, (const char **) *trust);
  for (guint i = 0; anchors[i]; i++)
    if (*trust == NULL || !g_strv_contains ((const char *const *) *trust, anchors[i]))
      g_strv_builder_add (all, anchors[i]);
  g_strfreev (*trust);
  *trust = g_strv_builder_end (all);
}

InjTrustStore *
ininjo_cli_trust_store (char ***trust,
                        GError **error)
{
  g_autoptr(InjTrustStore) store = inj_trust_store_new_jpki_signing ();

  ininjo_cli_add_trust_anchors (trust);
  for (guint i = 0; *trust && (*trust)[i]; i++)
    if (!inj_trust_store_add_file (store, (*trust)[i], error))
      return NULL;
  return g_steal_pointer (&store);
}

/* A subverb's options (only --help), its usage naming "config VERB". */
static gboolean
parse_config_options (guint i,
                      const char *description,
                      int *argc,
                      char ***argv)
{
  g_autofree char *name = g_strconcat ("config ", config_verbs[i].name, NULL);
  const Verb verb = { name, config_verbs[i].args, config_verbs[i].summary, NULL };
  const GOptionEntry entries[] = { { NULL } };

  return parse_verb_options (&verb, entries, description, argc, argv);
}

static int
settings_exit (const GError *error)
{
  g_printerr ("%s\n", error->message);
  if (g_error_matches (error, INJ_SETTINGS_ERROR, INJ_SETTINGS_ERROR_UNKNOWN_KEY))
    return EXIT_USAGE;
  if (g_error_matches (error, INJ_SETTINGS_ERROR, INJ_SETTINGS_ERROR_NO_SCHEMA) ||
      g_error_matches (error, INJ_SETTINGS_ERROR, INJ_SETTINGS_ERROR_NOT_WRITABLE))
    return EXIT_IO;
  return EXIT_INVALID;
}

static int
config_get (int argc,
            char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *text = NULL;

  if (!parse_config_options (0, NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    {
      g_printerr ("%s\n", _("config get: give one KEY (“ininjo-cli config list” lists them)."));
      return EXIT_USAGE;
    }
  settings = ininjo_cli_open_settings (&error);
  if (settings)
    text = inj_settings_get_text (settings, argv[1], &error);
  if (text == NULL)
    return settings_exit (error);
  g_print ("%s\n", text);
  return EXIT_OK;
}

static int
config_set (int argc,
            char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *text = NULL;

  if (!parse_config_options (1,
                             _("true or false for a switch, a whole number for a number, one "
                               "of the choices for a choice; a list setting takes each item as "
                               "a VALUE, and \"\" for none. A relative file name is taken from "
                               "the current folder."),
                             &argc, &argv))
    return EXIT_USAGE;
  if (argc < 3)
    {
      g_printerr ("%s\n", _("config set: give a KEY and its VALUE."));
      return EXIT_USAGE;
    }
  settings = ininjo_cli_open_settings (&error);
  if (settings == NULL ||
      !inj_settings_set_text (settings, argv[1], (const char *const *) argv + 2, &error))
    return settings_exit (error);
  text = inj_settings_get_text (settings, argv[1], NULL);
  g_printerr (_("%s is now: %s\n"), argv[1], text);
  return EXIT_OK;
}

static int
config_list (int argc,
             char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_auto(GStrv) keys = NULL;

  if (!parse_config_options (2, NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 1)
    {
      g_printerr ("%s\n", _("config list takes no argument."));
      return EXIT_USAGE;
    }
  settings = ininjo_cli_open_settings (&error);
  if (settings == NULL)
    return settings_exit (error);
  keys = inj_settings_list_keys (settings);
  for (guint i = 0; keys[i]; i++)
    {
      g_autofree char *value = inj_settings_get_text (settings, keys[i], NULL);
      g_autofree char *summary = inj_settings_dup_summary (settings, keys[i]);
      g_auto(GStrv) items = g_strsplit (value, "\n", -1);
      g_autofree char *shown = g_strjoinv (", ", items);

      g_print ("%s = %s  (%s)\n", keys[i], shown,
               inj_settings_is_default (settings, keys[i]) ? _("default") : _("set"));
      /* the summaries are read from the installed schema's XML file */
      if (*summary != '\0')
        g_print ("    %s\n", summary);
    }
  return EXIT_OK;
}

int
ininjo_cli_config (int argc,
                   char **argv)
{
  for (guint i = 0; argc > 1 && i < G_N_ELEMENTS (config_verbs); i++)
    if (g_str_equal (argv[1], config_verbs[i].name))
      return config_verbs[i].run (argc - 1, argv + 1);
  g_printerr ("%s\n", _("config: give one of get, set, list (see “ininjo-cli config VERB "
                        "--help”)"));
  for (guint i = 0; i < G_N_ELEMENTS (config_verbs); i++)
    g_printerr ("  config %-5s %s\n", config_verbs[i].name, _(config_verbs[i].summary));
  return EXIT_USAGE;
}
