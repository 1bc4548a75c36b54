/* ininjo-cli.c: the command-line entry point. Thin: every rule lives in the
 * domain library.
 *
 * Exit status: 0 success, 1 the document or input is invalid, 2 usage,
 * 3 a file cannot be read or written, 4 interactive input ended early,
 * 5 the card or reader cannot do what was asked (none, locked, wrong PIN). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "inj-app.h"
#include "inj-diagnostics.h"
#include "inj-pkcs11.h"

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

/* Written next to its final name and renamed, readable by the user only. */
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

static InjServiceProfile *
load_profile (const char *path,
              GError **error)
{
  if (path)
    return inj_service_profile_load_file (path, error);
  return inj_service_profile_load_default (error);
}

static int
run_new (int argc,
         char **argv);
static int
run_validate (int argc,
              char **argv);
static int
run_show (int argc,
          char **argv);
static int
run_card (int argc,
          char **argv);
static int
run_agent (int argc,
           char **argv);
static int
run_erase (int argc,
           char **argv);

static const Verb verbs[] = {
  { "new", NULL, N_("Create a delegation from an input file or by answering questions."), run_new },
  { "validate", N_("FILE"), N_("Check a delegation file: schema, every item, and its period."),
    run_validate },
  { "show", N_("FILE|ID"), N_("Show a delegation file, or one the service stores, in readable "
                              "Japanese with 和暦 dates."), run_show },
  { "card", NULL, N_("Show readers, My Number cards, PIN tries left (consuming none) and "
                     "certificates."), run_card },
  { "sign", N_("FILE"), N_("Sign a delegation with your My Number card's signing certificate."),
    ininjo_cli_sign },
  { "verify", N_("FILE…"), N_("Verify signed delegations and agents' submissions, and say what "
                              "was checked."), ininjo_cli_verify },
  { "agent", N_("submit|import|request-code …"),
    N_("The agent's certificate: sign a submission, import one, or make a request code."),
    run_agent },
  { "package", NULL, N_("Verify a signed delegation and the agent's submission once more and "
                        "put them in the outbox."), ininjo_cli_package },
  { "profile", NULL, N_("Show the service's profile."), ininjo_cli_profile },
  { "upload", N_("[ID…]"), N_("Send the packages in the outbox to the service."), ininjo_cli_upload },
  { "status", NULL, N_("Show the outbox and what the service decided about what was sent."),
    ininjo_cli_status },
  { "list", NULL, N_("List the delegations the service stores for you."), ininjo_cli_list },
  { "renew", N_("ID"), N_("Write a renewal of a stored delegation (a new ID that will retire the "
                          "old one) to sign and send."), ininjo_cli_renew },
  { "validity", N_("ID"), N_("Ask the service whether a delegation is valid (有効性確認)."),
    ininjo_cli_validity },
  { "audit", N_("verify|show [FILE]"), N_("Check the audit log's chain, or show its events."),
    ininjo_cli_audit },
  { "erase", NULL, N_("Erase all local data: drafts, outbox, sent packages, logs and the "
                      "encryption key."), run_erase },
  { "diagnose", NULL, N_("Show what support needs to know, or save a diagnostic bundle "
                         "(--bundle FILE)."), ininjo_cli_diagnose },
};

/* Drafts and packages are encrypted with a key from the Secret Service;
 * without one they are written only with --allow-unencrypted (any verb)
 * or the GUI's allow-unencrypted-local-data setting. */
static gboolean
setting_allows_unencrypted (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source,
                                                                              "io.github.ininjo.Ininjo",
                                                                              TRUE)
                                             : NULL;
  g_autoptr(GSettings) settings = NULL;

  if (schema == NULL || !g_settings_schema_has_key (schema, "allow-unencrypted-local-data"))
    return FALSE;
  settings = g_settings_new ("io.github.ininjo.Ininjo");
  return g_settings_get_boolean (settings, "allow-unencrypted-local-data");
}

static void
take_vault_policy (int *argc,
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

static int
run_erase (int argc,
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
  const Verb *verb = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    if (g_str_equal (verbs[i].name, "erase"))
      verb = &verbs[i];
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

static int
run_new (int argc,
         char **argv)
{
  g_autofree char *input = NULL;
  g_autofree char *output = NULL;
  g_autofree char *profile_path = NULL;
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "input", 'i', 0, G_OPTION_ARG_FILENAME, &input,
      N_("Read the items from FILE (see README.md; - for standard input)"), N_("FILE") },
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

  if (!parse_verb_options (&verbs[0], entries,
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

static int
run_validate (int argc,
              char **argv)
{
  const GOptionEntry entries[] = { { NULL } };
  g_autoptr(InjDelegation) d = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = inj_date_now ();
  g_autofree char *display = NULL;

  if (!parse_verb_options (&verbs[1], entries, NULL, &argc, &argv) ||
      !one_file_argument (&verbs[1], argc, argv))
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

static int
run_show (int argc,
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
  if (!parse_verb_options (&verbs[2], entries, NULL, &argc, &argv) ||
      !one_file_argument (&verbs[2], argc, argv))
    return EXIT_USAGE;
  display = g_filename_display_name (argv[1]);

  d = inj_delegation_load_xml_file (argv[1], &problems, &error);
  if (d == NULL)
    return report_failure (display, error, problems);
  text = inj_delegation_render (d, reveal, now);
  g_print ("%s", text);
  return EXIT_OK;
}

/* ------------------------------------------------------------- card */

static const char *
token_kind_label (InjToken *token)
{
  switch (inj_token_get_kind (token))
    {
    case INJ_TOKEN_KIND_JPKI_AUTH:
      return _("My Number card (user authentication)");
    case INJ_TOKEN_KIND_JPKI_SIGN:
      return _("My Number card (digital signature)");
    case INJ_TOKEN_KIND_OTHER:
    default:
      return _("not a My Number card");
    }
}

static void
print_pin (InjCard *card,
           InjPinKind pin,
           const char *label)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(InjPinStatus) st = inj_card_get_pin_status (card, pin, NULL, &error);

  if (st == NULL)
    g_print ("  %s: %s\n", label, error->message);
  else if (st->locked)
    g_print ("  %s: %s\n", label, _("locked (only the municipal office can unlock it)"));
  else if (st->tries_left >= 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "  %s: %d try left of %d%s\n",
                          "  %s: %d tries left of %d%s\n", st->tries_left),
             label, st->tries_left, st->max_tries, st->exact ? "" : _(" (from the token flags)"));
  else
    g_print ("  %s: %s\n", label, st->count_low ? _("some tries used (exact count unknown)")
                                               : _("no failed tries reported"));
}

static gboolean
print_certificate (InjCard *card,
                   InjCertKind which,
                   const char *label,
                   GTlsInteraction *interaction,
                   gboolean show_personal,
                   GError **error)
{
  g_autoptr(GBytes) der = inj_card_read_certificate (card, which, interaction, NULL, error);
  g_autoptr(InjCertificate) cert = NULL;
  g_autofree char *text = NULL;

  if (der == NULL)
    return FALSE;
  cert = inj_certificate_new_from_der (der, error);
  if (cert == NULL)
    return FALSE;
  text = inj_render_certificate (cert, show_personal, NULL, "    ");
  g_print ("  %s:\n%s", label, text);
  return TRUE;
}

static int
run_card (int argc,
          char **argv)
{
  g_auto(GStrv) modules = NULL;
  g_autofree char *reader = NULL;
  gboolean signing = FALSE, show_personal = FALSE;
  int password_fd = -1;
  const GOptionEntry entries[] = {
    { "module", 'm', 0, G_OPTION_ARG_FILENAME_ARRAY, &modules,
      N_("PKCS#11 module to load through p11-kit (repeatable; default opensc-pkcs11.so)"),
      N_("MODULE") },
    { "reader", 'r', 0, G_OPTION_ARG_STRING, &reader, N_("Only the card in this reader"),
      N_("READER") },
    { "signing-certificate", 's', 0, G_OPTION_ARG_NONE, &signing,
      N_("Also read the signing certificate (asks for the signing password)"), NULL },
    { "show-personal", 0, 0, G_OPTION_ARG_NONE, &show_personal,
      N_("Show the name, address, date of birth and gender instead of hiding them"), NULL },
    { "password-fd", 0, 0, G_OPTION_ARG_INT, &password_fd,
      N_("Read the password from this file descriptor instead of the terminal"), N_("FD") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) readers = NULL;
  g_autoptr(InjCardMonitor) monitor = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GTlsInteraction) interaction = NULL;
  int status = EXIT_OK;

  if (!parse_verb_options (&verbs[3], entries, NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    {
      g_printerr (_("card: unexpected argument “%s”\n"), argv[1]);
      return EXIT_USAGE;
    }

  readers = inj_pcsc_list_readers (&error);
  g_print ("%s\n", _("Readers"));
  if (readers == NULL)
    {
      g_print ("  %s\n", error->message);
      g_clear_error (&error);
    }
  else if (readers->len == 0)
    g_print ("  %s\n", _("none"));
  for (guint i = 0; readers && i < readers->len; i++)
    {
      InjReaderInfo *r = g_ptr_array_index (readers, i);
      if (r->card_present)
        {
          gsize len;
          const guint8 *atr = g_bytes_get_data (r->atr, &len);
          GString *hexatr = g_string_new (NULL);
          for (gsize k = 0; k < len; k++)
            g_string_append_printf (hexatr, "%s%02X", k ? " " : "", atr[k]);
          g_print ("  %s: %s (ATR %s)\n", r->name, _("card present"), hexatr->str);
          g_string_free (hexatr, TRUE);
        }
      else
        g_print ("  %s: %s\n", r->name, _("no card"));
    }

  monitor = inj_card_monitor_new ((const char * const *) modules, &error);
  if (monitor == NULL)
    {
      g_printerr ("%s\n", error->message);
      inj_diagnostics_note_failure (cli_step, NULL, error);
      return EXIT_CARD;
    }
  tokens = inj_card_monitor_list_tokens (monitor);
  g_print ("\n%s\n", _("Tokens"));
  if (tokens->len == 0)
    g_print ("  %s\n", _("none"));
  for (guint i = 0; i < tokens->len; i++)
    {
      InjToken *t = g_ptr_array_index (tokens, i);
      g_print ("  %s — %s [%s, %s]\n", inj_token_get_label (t), token_kind_label (t),
               inj_token_get_module_name (t), inj_token_get_reader (t));
    }

  cards = inj_card_monitor_list_cards (monitor);
  if (cards->len == 0)
    {
      /* OpenSC 0.23 shows no JPKI token for some cards that are My Number
       * cards (a locked PIN answering 69 84, no EF 001B): ask the card. */
      const char *reason = NULL;
      gboolean jpki = FALSE;

      for (guint i = 0; readers && i < readers->len; i++)
        {
          InjReaderInfo *r = g_ptr_array_index (readers, i);
          const char *why = NULL;

          if (r->card_present && (!reader || g_strcmp0 (reader, r->name) == 0) &&
              ininjo_cli_print_card_probe (r->name, FALSE, &why))
            {
              jpki = TRUE;
              reason = reason ? reason : why;
            }
        }
      if (jpki)
        {
          inj_diagnostics_note_failure (cli_step, reason ? reason : "card-error", NULL);
          return EXIT_CARD;
        }
      g_print ("\n%s\n", _("No My Number card was found."));
      inj_diagnostics_note_failure (cli_step, "no-card", NULL);
      return EXIT_CARD;
    }
  interaction = inj_terminal_interaction_new (password_fd);
  for (guint i = 0; i < cards->len; i++)
    {
      InjCard *card = g_ptr_array_index (cards, i);

      if (reader && g_strcmp0 (reader, inj_card_get_reader (card)) != 0)
        continue;
      g_print ("\n%s: %s\n", _("My Number card"), inj_card_get_reader (card));
      ininjo_cli_print_card_probe (inj_card_get_reader (card), TRUE, NULL);
      print_pin (card, INJ_PIN_AUTH, _("Authentication PIN"));
      print_pin (card, INJ_PIN_SIGN, _("Signing password"));
      if (!print_certificate (card, INJ_CERT_AUTH, _("User authentication certificate"), NULL,
                              FALSE, &error) ||
          !print_certificate (card, INJ_CERT_AUTH_CA, _("User authentication CA"), NULL, FALSE,
                              &error) ||
          !print_certificate (card, INJ_CERT_SIGN_CA, _("Digital signature CA"), NULL, FALSE,
                              &error))
        {
          g_printerr ("%s\n", error->message);
          inj_diagnostics_note_failure (cli_step, NULL, error);
          g_clear_error (&error);
          status = EXIT_CARD;
          continue;
        }
      if (!signing)
        {
          g_print ("  %s: %s\n", _("Digital signature certificate"),
                   _("not read (use --signing-certificate; it asks for the signing password)"));
          continue;
        }
      if (!print_certificate (card, INJ_CERT_SIGN, _("Digital signature certificate"),
                              interaction, show_personal, &error))
        {
          g_printerr ("%s\n", error->message);
          inj_diagnostics_note_failure (cli_step, NULL, error);
          g_clear_error (&error);
          status = EXIT_CARD;
        }
    }
  return status;
}

static int
run_agent (int argc,
           char **argv)
{
  static const Verb sub[] = {
    { "submit", NULL, N_("Sign a submission with the agent's own card."), ininjo_cli_agent_submit },
    { "import", N_("SUBMISSION"), N_("Verify an agent's submission for a delegation."),
      ininjo_cli_agent_import },
    { "request-code", N_("DELEGATION"), N_("Print the request code to give the agent."),
      ininjo_cli_agent_request_code },
  };

  for (guint i = 0; argc > 1 && i < G_N_ELEMENTS (sub); i++)
    if (g_str_equal (argv[1], sub[i].name))
      return sub[i].run (argc - 1, argv + 1);
  g_printerr ("%s\n", _("agent: give one of submit, import, request-code (see “ininjo-cli agent "
                        "VERB --help”)"));
  for (guint i = 0; i < G_N_ELEMENTS (sub); i++)
    g_printerr ("  agent %-13s %s\n", sub[i].name, _(sub[i].summary));
  return EXIT_USAGE;
}

static void
print_usage (FILE *to)
{
  fprintf (to, "%s\n  ininjo-cli %s\n\n%s\n", _("Usage:"), _("VERB [OPTION…]"), _("Verbs:"));
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    fprintf (to, "  %-10s %s\n", verbs[i].name, _(verbs[i].summary));
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
  take_vault_policy (&argc, argv);
  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }
  for (guint i = 0; argc > 1 && i < G_N_ELEMENTS (verbs); i++)
    if (g_str_equal (argv[1], verbs[i].name))
      {
        int status;

        cli_step = verbs[i].name;
        status = verbs[i].run (argc - 1, argv + 1);
        inj_vault_shutdown ();
        return status;
      }

  g_printerr (_("Unknown verb “%s”.\n"), argv[1]);
  print_usage (stderr);
  return EXIT_USAGE;
}
