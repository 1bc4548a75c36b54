/* ininjo-cli-common.c: what the CLI's verbs share: reporting problems and
 * failures with their exit status, a verb's options, writing the output. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "inj-app.h"

#include "ininjo-cli.h"

void
print_problems (const char *file,
                GPtrArray *problems)
{
  for (guint i = 0; problems && i < problems->len; i++)
    {
      InjProblem *p = g_ptr_array_index (problems, i);
      if (file && p->line > 0)
        g_printerr ("%s:%d: %s\n", file, p->line, p->message);
      else if (file)
        g_printerr ("%s: %s\n", file, p->message);
      else
        g_printerr ("%s\n", p->message);
    }
}

const char *cli_step = "cli";

static int
exit_for_error (const GError *error)
{
  if (error->domain == INJ_XML_ERROR && error->code == INJ_XML_ERROR_IO)
    return EXIT_IO;
  if (error->domain == INJ_DELEGATION_ERROR && error->code == INJ_DELEGATION_ERROR_PROFILE)
    return EXIT_IO;
  return EXIT_INVALID;
}

/* Report a failed load: every problem when there is a list, else the error. */
int
report_failure (const char *file,
                const GError *error,
                GPtrArray *problems)
{
  if (problems && problems->len > 0)
    print_problems (file, problems);
  else if (exit_for_error (error) == EXIT_IO)
    g_printerr ("%s\n", error->message); /* it names the file already */
  else
    g_printerr ("%s: %s\n", file, error->message);
  return exit_for_error (error);
}

static GOptionContext *
verb_context (const Verb *verb,
              const GOptionEntry *entries)
{
  g_autofree char *param = verb->args ? g_strdup_printf ("%s %s", verb->name, _(verb->args))
                                      : g_strdup (verb->name);
  GOptionContext *ctx = g_option_context_new (param);

  g_option_context_set_summary (ctx, _(verb->summary));
  g_option_context_set_translation_domain (ctx, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  return ctx;
}

gboolean
parse_verb_options (const Verb *verb,
                    const GOptionEntry *entries,
                    const char *description,
                    int *argc,
                    char ***argv)
{
  g_autoptr(GOptionContext) ctx = verb_context (verb, entries);
  g_autoptr(GError) error = NULL;

  if (description)
    g_option_context_set_description (ctx, description);
  if (!g_option_context_parse (ctx, argc, argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
write_output (const char *path,
              GBytes *bytes,
              gboolean force,
              GError **error)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (path == NULL || g_str_equal (path, "-"))
    {
      if (fwrite (data, 1, len, stdout) != len || fflush (stdout) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write the output: %s"),
                       g_strerror (errno));
          return FALSE;
        }
      return TRUE;
    }
  if (!force && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("%s already exists; use --force to replace it."), display);
      return FALSE;
    }
  return g_file_set_contents_full (path, data, len,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}
