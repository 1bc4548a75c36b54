/* ininjo-cli-document.c: the delegation document's verbs: new (from an
 * input file or by answering questions), validate and show. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "inj-app.h"

#include "ininjo-cli.h"

/* ------------------------------------------------------------- new */

/* Reads one answer from the terminal; NULL at end of input. */
static char *
ask (const char *question,
     const char *hint)
{
  char line[4096];

  if (hint && *hint)
    g_print ("%s [%s]: ", question, hint);
  else
    g_print ("%s: ", question);
  fflush (stdout);
  if (fgets (line, sizeof line, stdin) == NULL)
    return NULL;
  line[strcspn (line, "\n")] = '\0';
  return g_strdup (line);
}

/* Asks for @field until the answer passes that item's checks. */
static gboolean
ask_field (InjDelegation *d,
           InjField field,
           const char *hint,
           GDateTime *now)
{
  for (;;)
    {
      g_autofree char *answer = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      const char *label = inj_field_label (field);
      g_autofree char *question = inj_delegation_field_required (d, field)
                                    ? g_strdup (label)
                                    : g_strdup_printf (_("%s (optional)"), label);

      answer = ask (question, hint);
      if (answer == NULL)
        return FALSE;
      inj_delegation_set_input (d, field, answer, now);
      problems = inj_delegation_validate_field (d, field, now);
      if (problems->len == 0)
        return TRUE;
      print_problems (NULL, problems);
    }
}

static int
choose (const char *question,
        const char *const *choices,
        guint n)
{
  for (;;)
    {
      g_autofree char *answer = NULL;
      guint64 v;

      g_print ("%s\n", question);
      for (guint i = 0; i < n; i++)
        g_print ("  %u) %s\n", i + 1, choices[i]);
      answer = ask (_("Number"), NULL);
      if (answer == NULL)
        return -1;
      if (g_ascii_string_to_unsigned (g_strstrip (answer), 10, 1, n, &v, NULL))
        return (int) v - 1;
      g_printerr ("%s\n", _("Enter one of the numbers shown."));
    }
}

static InjDelegation *
interactive_new (const InjServiceProfile *profile,
                 GDateTime *now)
{
  g_autoptr(InjDelegation) d = NULL;
  const char *kinds[] = { inj_principal_kind_label (INJ_PRINCIPAL_KIND_CORPORATION),
                          inj_principal_kind_label (INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR) };
  const char *quals[INJ_N_QUALIFICATIONS];
  int kind, qual;
  static const InjField corp[] = {
    INJ_FIELD_CORPORATE_NUMBER, INJ_FIELD_CORPORATE_NAME, INJ_FIELD_HEAD_OFFICE_ADDRESS,
    INJ_FIELD_REPRESENTATIVE_TITLE, INJ_FIELD_REPRESENTATIVE_NAME,
  };
  static const InjField sole[] = {
    INJ_FIELD_TRADE_NAME, INJ_FIELD_PROPRIETOR_NAME, INJ_FIELD_PROPRIETOR_ADDRESS,
    INJ_FIELD_PROPRIETOR_BIRTH_DATE,
  };

  g_print ("%s\n\n", _("A new delegation. Answer each question; Ctrl+D stops without saving."));
  kind = choose (_("Who is the principal?"), kinds, 2);
  if (kind < 0)
    return NULL;
  d = inj_delegation_create (kind == 0 ? INJ_PRINCIPAL_KIND_CORPORATION
                                       : INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR,
                             profile, now);
  if (kind == 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (corp); i++)
        if (!ask_field (d, corp[i], NULL, now))
          return NULL;
    }
  else
    {
      for (guint i = 0; i < G_N_ELEMENTS (sole); i++)
        if (!ask_field (d, sole[i], sole[i] == INJ_FIELD_PROPRIETOR_BIRTH_DATE ? "YYYY-MM-DD" : NULL,
                        now))
          return NULL;
    }

  g_print ("\n");
  if (!ask_field (d, INJ_FIELD_AGENT_NAME, NULL, now))
    return NULL;
  quals[0] = _("Not a licensed professional (give a position or title)");
  for (guint q = 1; q < INJ_N_QUALIFICATIONS; q++)
    quals[q] = inj_qualification_name (q);
  qual = choose (_("Is the agent acting as a licensed professional (士業)?"), quals,
                 INJ_N_QUALIFICATIONS);
  if (qual < 0)
    return NULL;
  inj_delegation_set_qualification (d, (InjQualification) qual);
  if (qual == 0 && !ask_field (d, INJ_FIELD_AGENT_TITLE, NULL, now))
    return NULL;
  if (!ask_field (d, INJ_FIELD_AGENT_ADDRESS, NULL, now) ||
      !ask_field (d, INJ_FIELD_AGENT_IDENTIFIER, NULL, now))
    return NULL;

  g_print ("\n");
  if (!ask_field (d, INJ_FIELD_AUTHORITY_SCOPE, NULL, now) ||
      !ask_field (d, INJ_FIELD_AUTHORITY_RESTRICTIONS, NULL, now) ||
      /* TRANSLATORS: the answers to 復代理の可否; Enter leaves it out */
      !ask_field (d, INJ_FIELD_SUBDELEGATION, _("可 / 不可; Enter: not stated"), now) ||
      !ask_field (d, INJ_FIELD_PERIOD_START, "YYYY-MM-DD / today", now) ||
      !ask_field (d, INJ_FIELD_PERIOD_END, "YYYY-MM-DD / today+1y", now))
    return NULL;

  {
    g_autofree char *text = inj_delegation_render (d, TRUE, now);
    g_autofree char *yes = NULL;
    g_print ("\n%s\n", text);
    yes = ask (_("Create this delegation? (y/N)"), NULL);
    if (yes == NULL || (g_ascii_strcasecmp (g_strstrip (yes), "y") != 0 &&
                        g_ascii_strcasecmp (yes, "yes") != 0))
      {
        g_printerr ("%s\n", _("Nothing was created."));
        return NULL;
      }
  }
  return g_steal_pointer (&d);
}

static gboolean
read_input (const char *path,
            char **data,
            gsize *length,
            GError **error)
{
  if (g_str_equal (path, "-"))
    {
      GString *s = g_string_new (NULL);
      char buf[8192];
      size_t n;
      while ((n = fread (buf, 1, sizeof buf, stdin)) > 0 && s->len <= INJ_XML_MAX_SIZE)
        g_string_append_len (s, buf, n);
      *length = s->len;
      *data = g_string_free (s, FALSE);
      return TRUE;
    }
  return g_file_get_contents (path, data, length, error);
}

static InjServiceProfile *
load_profile (const char *path,
              GError **error)
{
  if (path)
    return inj_service_profile_load_file (path, error);
  return inj_service_profile_load_default (error);
}

int
ininjo_cli_new (int argc,
                char **argv)
{
  g_autofree char *input = NULL;
  g_autofree char *output = NULL;
  g_autofree char *profile_path = NULL;
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "input", 'i', 0, G_OPTION_ARG_FILENAME, &input,
      N_("Read the items from FILE (see ininjo-delegation(5); - for standard input)"), N_("FILE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the delegation XML to FILE instead of standard output"), N_("FILE") },
    { "profile", 0, 0, G_OPTION_ARG_FILENAME, &profile_path,
      N_("Take the service's items from FILE instead of the embedded default"), N_("FILE") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Replace the output file if it exists"),
      NULL },
    { NULL }
  };
  g_autoptr(InjServiceProfile) profile = NULL;
  g_autoptr(InjDelegation) d = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = inj_date_now ();

  if (!parse_verb_options (ininjo_cli_find_verb ("new"), entries,
                           _("Without --input, the questions are asked on the terminal."),
                           &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    {
      g_printerr (_("new: unexpected argument “%s”\n"), argv[1]);
      return EXIT_USAGE;
    }

  profile = load_profile (profile_path, &error);
  if (profile == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_IO;
    }

  if (input)
    {
      g_autofree char *data = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      gsize len = 0;
      g_autofree char *display = g_filename_display_name (input);

      if (!read_input (input, &data, &len, &error))
        {
          g_printerr ("%s\n", error->message);
          return EXIT_IO;
        }
      d = inj_delegation_from_input (data, len, profile, now, &problems, &error);
      if (d == NULL)
        return report_failure (display, error, problems);
    }
  else if (isatty (STDIN_FILENO))
    {
      d = interactive_new (profile, now);
      if (d == NULL)
        return EXIT_CANCELLED;
    }
  else
    {
      g_printerr ("%s\n", _("new: give an input file with --input, or run on a terminal to "
                            "answer questions."));
      return EXIT_USAGE;
    }

  xml = inj_delegation_to_xml (d, &error);
  if (xml == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_INVALID;
    }
  if (!write_output (output, xml, force, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_IO;
    }
  if (output && !g_str_equal (output, "-"))
    {
      g_autofree char *display = g_filename_display_name (output);
      g_printerr (_("Created delegation %s in %s\n"),
                  inj_delegation_get_text (d, INJ_FIELD_DELEGATION_ID), display);
    }
  return EXIT_OK;
}

static gboolean
one_file_argument (const Verb *verb,
                   int argc,
                   char **argv)
{
  if (argc != 2)
    {
      g_printerr (_("%s: give exactly one FILE (see “ininjo-cli %s --help”)\n"), verb->name,
                  verb->name);
      return FALSE;
    }
  return TRUE;
}

int
ininjo_cli_validate (int argc,
                     char **argv)
{
  const GOptionEntry entries[] = { { NULL } };
  g_autoptr(InjDelegation) d = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = inj_date_now ();
  g_autofree char *display = NULL;

  if (!parse_verb_options (ininjo_cli_find_verb ("validate"), entries, NULL, &argc, &argv) ||
      !one_file_argument (ininjo_cli_find_verb ("validate"), argc, argv))
    return EXIT_USAGE;
  display = g_filename_display_name (argv[1]);

  d = inj_delegation_load_xml_file (argv[1], &problems, &error);
  if (d == NULL)
    return report_failure (display, error, problems);

  /* A delegation whose period has ended can no longer be used. */
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = inj_delegation_validate (d, now);
  if (problems->len > 0)
    {
      print_problems (display, problems);
      return EXIT_INVALID;
    }
  g_print (_("%s: a valid delegation (ID %s)\n"), display,
           inj_delegation_get_text (d, INJ_FIELD_DELEGATION_ID));
  return EXIT_OK;
}

int
ininjo_cli_show (int argc,
                 char **argv)
{
  gboolean reveal = FALSE;
  const GOptionEntry entries[] = {
    { "reveal", 0, 0, G_OPTION_ARG_NONE, &reveal,
      N_("Show names, addresses and dates of birth instead of hiding them"), NULL },
    { NULL }
  };
  g_autoptr(InjDelegation) d = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = inj_date_now ();
  g_autofree char *text = NULL;
  g_autofree char *display = NULL;

  /* "show ID": a delegation the service stores (an ID that is not a file) */
  for (int i = 1; i < argc; i++)
    if (argv[i][0] != '-' && strlen (argv[i]) == 36 && argv[i][8] == '-' &&
        !g_file_test (argv[i], G_FILE_TEST_EXISTS))
      return ininjo_cli_show_stored (argc, argv);
  if (!parse_verb_options (ininjo_cli_find_verb ("show"), entries, NULL, &argc, &argv) ||
      !one_file_argument (ininjo_cli_find_verb ("show"), argc, argv))
    return EXIT_USAGE;
  display = g_filename_display_name (argv[1]);

  d = inj_delegation_load_xml_file (argv[1], &problems, &error);
  if (d == NULL)
    return report_failure (display, error, problems);
  text = inj_delegation_render (d, reveal, now);
  g_print ("%s", text);
  return EXIT_OK;
}
