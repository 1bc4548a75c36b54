/* ininjo-cli-sign.c: sign, verify, agent and package. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-audit.h"
#include "ininjo-cli.h"
#include "inj-app.h"
#include "inj-diagnostics.h"
#include "inj-pkcs11.h"
#include "inj-xml-private.h"

/* ------------------------------------------------------------ shared */

typedef struct {
  char **modules;
  char *reader;
  int password_fd;
  char **trust;
  gboolean reveal;
  gboolean force;
  char *output;
} Options;

static void
options_clear (Options *o)
{
  g_strfreev (o->modules);
  g_free (o->reader);
  g_strfreev (o->trust);
  g_free (o->output);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

#define CARD_OPTIONS(o)                                                                       \
  { "module", 'm', 0, G_OPTION_ARG_FILENAME_ARRAY, &(o).modules,                              \
    N_("PKCS#11 module to load through p11-kit (default opensc-pkcs11.so)"), N_("MODULE") }, \
  { "reader", 'r', 0, G_OPTION_ARG_STRING, &(o).reader, N_("Use the card in this reader"),    \
    N_("READER") },                                                                           \
  { "password-fd", 0, 0, G_OPTION_ARG_INT, &(o).password_fd,                                  \
    N_("Read the password from this file descriptor instead of the terminal"), N_("FD") }

#define TRUST_OPTION(o)                                                                       \
  { "trust", 't', 0, G_OPTION_ARG_FILENAME_ARRAY, &(o).trust,                                 \
    N_("Also trust this CA certificate (PEM or DER; repeatable)"), N_("FILE") }

static InjTrustStore *
trust_store (Options *o,
             GError **error)
{
  return ininjo_cli_trust_store (&o->trust, error);
}

/* The trust store, or NULL after saying why (a --trust file unreadable). */
static InjTrustStore *
trust_store_or_say (Options *o)
{
  g_autoptr(GError) error = NULL;
  InjTrustStore *trust = trust_store (o, &error);

  if (trust == NULL)
    g_printerr ("%s\n", error->message);
  return trust;
}

static InjCard *
open_card (Options *o,
           InjCardMonitor **monitor,
           GError **error)
{
  InjCard *card;

  ininjo_cli_default_modules (&o->modules);
  *monitor = inj_card_monitor_new ((const char * const *) o->modules, error);
  if (*monitor == NULL || !inj_pcsc_check_one_card (o->reader, error))
    return NULL;
  card = inj_card_monitor_get_card (*monitor, o->reader);
  /* OpenSC shows no token for some My Number cards (a locked PIN, no
   * EF 001B): the card says why. */
  if (card == NULL)
    inj_pcsc_explain_missing_card (o->reader, INJ_PIN_SIGN, error);
  return card;
}

static int
exit_for (const GError *error)
{
  inj_diagnostics_note_failure (cli_step, NULL, error);
  if (error->domain == INJ_PKCS11_ERROR)
    return EXIT_CARD;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return EXIT_CANCELLED;
  if (error->domain == INJ_XML_ERROR && error->code == INJ_XML_ERROR_IO)
    return EXIT_IO;
  if (error->domain == G_FILE_ERROR || error->domain == G_IO_ERROR ||
      error->domain == INJ_OUTBOX_ERROR)
    return EXIT_IO;
  return EXIT_INVALID;
}

static void
print_report (const char *what,
              InjVerification *v)
{
  g_autofree char *report = inj_verification_render (v);

  const char *verdict;

  if (inj_verification_is_valid (v))
    verdict = inj_verification_has_warnings (v) ? _("valid, with a warning") : _("valid");
  else if (inj_verification_was_valid_when_signed (v))
    /* an expired certificate or root is not an untrusted signature */
    verdict = _("NOT valid now, but valid when signed (a certificate or its root has expired "
                "since)");
  else
    verdict = _("NOT valid");
  g_print ("%s: %s\n%s", what, verdict, report);
}

static gboolean
is_signed (GBytes *bytes)
{
  xmlDocPtr doc = inj_xml_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL);
  gboolean found = doc && inj_xmldsig_find (doc, NULL) != NULL;

  if (doc)
    xmlFreeDoc (doc);
  return found;
}

/* The data the service will store with the delegation (seed 000, 4.1.5). */
static void
print_agent_data (InjCertificate *cert,
                  gboolean reveal)
{
  static const InjJpkiField stored[] = { INJ_JPKI_NAME, INJ_JPKI_ADDRESS, INJ_JPKI_BIRTH_DATE };

  g_print ("%s\n", _("What the service will store with the delegation (from the agent's "
                     "certificate):"));
  for (guint i = 0; i < G_N_ELEMENTS (stored); i++)
    {
      const char *v = inj_certificate_get_jpki_field (cert, stored[i]);
      g_autofree char *shown = NULL;
      if (!reveal)
        shown = inj_mask_jpki_field (stored[i], v);
      else if (stored[i] == INJ_JPKI_BIRTH_DATE)
        shown = inj_jpki_birth_date_display (v);
      else
        shown = g_strdup (v);
      g_print ("  %s: %s\n", inj_jpki_field_label (stored[i]), shown ? shown : "");
    }
  if (!reveal)
    g_print ("  %s\n", _("Hidden (＊). Use --reveal to show them."));
}

/* ------------------------------------------------ sign, verify, write */

/* What sign and agent submit sign with the card, verify at once and write:
 * the one path both take. */
typedef struct {
  const char *action;     /* INJ_AUDIT_SIGN, INJ_AUDIT_SUBMISSION */
  const char *id;         /* the delegation's ID for the audit log, or NULL */
  const char *what;       /* N_() the report's title */
  const char *not_valid;  /* said when the result does not verify */
  GBytes *(*sign) (gpointer item, InjCardSigner *signer, GError **error);
  gpointer item;
  InjVerification *(*verify) (GBytes *signed_xml, InjTrustStore *trust, GDateTime *now,
                              GBytes *delegation, GError **error);
  GBytes *delegation;     /* what a submission must name, or NULL */
} SignJob;

static GBytes *
sign_delegation (gpointer item,
                 InjCardSigner *signer,
                 GError **error)
{
  return inj_sign_delegation (item, inj_card_signer_sign, signer, error);
}

static GBytes *
sign_submission (gpointer item,
                 InjCardSigner *signer,
                 GError **error)
{
  return inj_submission_sign (item, inj_card_signer_sign, signer, error);
}

static InjVerification *
verify_delegation (GBytes *signed_xml,
                   InjTrustStore *trust,
                   GDateTime *now,
                   GBytes *delegation,
                   GError **error)
{
  return inj_verify_delegation (signed_xml, trust, now, NULL, error);
}

static InjVerification *
verify_submission (GBytes *signed_xml,
                   InjTrustStore *trust,
                   GDateTime *now,
                   GBytes *delegation,
                   GError **error)
{
  return inj_verify_submission (signed_xml, trust, now, delegation, NULL, error);
}

/* Opens the card, signs (the password asked once), records and verifies
 * the result, prints the report, and writes it to o->output only when it
 * is valid. Returns the exit status. */
static int
sign_verify_write (Options *o,
                   InjTrustStore *trust,
                   GDateTime *now,
                   const SignJob *job)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(InjCardMonitor) monitor = NULL;
  g_autoptr(InjCard) card = NULL;
  g_autoptr(GTlsInteraction) interaction = NULL;
  g_autoptr(GBytes) signed_xml = NULL;
  g_autoptr(InjVerification) v = NULL;
  InjCardSigner signer = { 0 };

  card = open_card (o, &monitor, &error);
  if (card == NULL)
    {
      g_printerr ("%s\n", error->message);
      inj_diagnostics_note_failure (cli_step, NULL, error);
      return EXIT_CARD;
    }
  interaction = inj_terminal_interaction_new (o->password_fd);
  signer.card = card;
  signer.interaction = interaction;
  signed_xml = job->sign (job->item, &signer, &error);
  if (signed_xml == NULL)
    {
      inj_audit_record (job->action, NULL, job->id, NULL, error);
      g_printerr ("%s\n", error->message);
      return exit_for (error);
    }

  /* Verified locally before it goes anywhere. */
  v = job->verify (signed_xml, trust, now, job->delegation, &error);
  inj_audit_record_verification (job->action, v, job->id, error);
  if (v == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_INVALID;
    }
  print_report (_(job->what), v);
  if (!inj_verification_is_valid (v))
    {
      g_printerr ("%s\n", job->not_valid);
      inj_diagnostics_note_failure (cli_step, inj_failure_reason_for_verification (v), NULL);
      return EXIT_INVALID;
    }
  if (!write_output (o->output, signed_xml, o->force, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_IO;
    }
  return EXIT_OK;
}

/* ------------------------------------------------------------ sign */

int
ininjo_cli_sign (int argc,
                 char **argv)
{
  const Verb *verb = ininjo_cli_find_verb ("sign");
  g_auto(Options) o = { .password_fd = -1 };
  const GOptionEntry entries[] = {
    CARD_OPTIONS (o),
    TRUST_OPTION (o),
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output,
      N_("Write the signed delegation to FILE"), N_("FILE") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &o.force, N_("Replace the output file if it exists"),
      NULL },
    { "reveal", 0, 0, G_OPTION_ARG_NONE, &o.reveal,
      N_("Show names, addresses and dates of birth in what is shown before signing"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) input = NULL;
  g_autoptr(InjDelegation) d = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GDateTime) now = inj_date_now ();
  g_autoptr(InjTrustStore) trust = NULL;
  g_autofree char *display = NULL;
  g_autofree char *text = NULL;
  int status;

  if (!parse_verb_options (verb, entries,
                           _("Shows the delegation, asks for the signing password (署名用電子証明"
                             "書のパスワード) once, signs, verifies the result, then writes it."),
                           &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2 || o.output == NULL)
    {
      g_printerr ("%s\n", _("sign: give one FILE and --output (see “ininjo-cli sign --help”)"));
      return EXIT_USAGE;
    }
  display = g_filename_display_name (argv[1]);
  trust = trust_store_or_say (&o);
  if (trust == NULL)
    return EXIT_IO;

  input = inj_xml_read_file (argv[1], &error);
  if (input == NULL)
    return report_failure (display, error, NULL);
  if (is_signed (input))
    {
      g_printerr (_("%s: this delegation is already signed.\n"), display);
      return EXIT_INVALID;
    }
  d = inj_delegation_from_xml (g_bytes_get_data (input, NULL), g_bytes_get_size (input),
                               &problems, &error);
  if (d == NULL)
    return report_failure (display, error, problems);
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = inj_delegation_validate (d, now);
  if (problems->len > 0)
    {
      print_problems (display, problems);
      return EXIT_INVALID;
    }

  /* Exactly what will be signed, before the password is asked. */
  text = inj_delegation_render (d, o.reveal, now);
  g_print ("%s\n\n%s\n", _("This delegation will be signed:"), text);

  {
    const SignJob job = {
      .action = INJ_AUDIT_SIGN,
      .id = inj_delegation_get_text (d, INJ_FIELD_DELEGATION_ID),
      .what = N_("Signature"),
      .sign = sign_delegation,
      .item = d,
      .verify = verify_delegation,
      .not_valid = _("The signed delegation did not pass verification; nothing was "
                     "written."),
    };
    status = sign_verify_write (&o, trust, now, &job);
  }
  if (status != EXIT_OK)
    return status;
  {
    g_autofree char *out = g_filename_display_name (o.output);
    g_print (_("Signed delegation written to %s\n"), out);
  }
  return EXIT_OK;
}

/* ------------------------------------------------------------ verify */

static InjVerification *
verify_one (GBytes *bytes,
            InjTrustStore *trust,
            GDateTime *now,
            GBytes *delegation,
            gboolean *submission,
            InjCertificate **signer,
            GError **error)
{
  xmlDocPtr doc = inj_xml_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error);
  xmlNodePtr root;
  gboolean is_submission;
  InjVerification *v;

  if (doc == NULL)
    return NULL;
  root = xmlDocGetRootElement (doc);
  is_submission = root && root->ns &&
                  g_str_equal ((const char *) root->ns->href, INJ_SUBMISSION_NAMESPACE);
  xmlFreeDoc (doc);
  if (submission)
    *submission = is_submission;
  v = is_submission ? inj_verify_submission (bytes, trust, now, delegation, NULL, error)
                    : inj_verify_delegation (bytes, trust, now, NULL, error);
  if (v && signer && inj_verification_get_signer (v))
    *signer = g_object_ref (inj_verification_get_signer (v));
  return v;
}

int
ininjo_cli_verify (int argc,
                   char **argv)
{
  const Verb *verb = ininjo_cli_find_verb ("verify");
  g_auto(Options) o = { .password_fd = -1 };
  gboolean quiet = FALSE;
  const GOptionEntry entries[] = {
    TRUST_OPTION (o),
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet,
      N_("Print only the files that are not valid, and a count"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(InjTrustStore) trust = NULL;
  g_autoptr(GDateTime) now = inj_date_now ();
  guint valid = 0, invalid = 0;

  if (!parse_verb_options (verb, entries, NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc < 2)
    {
      g_printerr ("%s\n", _("verify: give at least one FILE"));
      return EXIT_USAGE;
    }
  trust = trust_store_or_say (&o);
  if (trust == NULL)
    return EXIT_IO;
  for (int i = 1; i < argc; i++)
    {
      g_autofree char *display = g_filename_display_name (argv[i]);
      g_autoptr(GBytes) bytes = inj_xml_read_file (argv[i], &error);
      g_autoptr(InjVerification) v = NULL;
      gboolean submission = FALSE;

      if (bytes)
        v = verify_one (bytes, trust, now, NULL, &submission, NULL, &error);
      if (v == NULL)
        {
          g_printerr ("%s: %s\n", display, error->message);
          g_clear_error (&error);
          invalid++;
          continue;
        }
      if (inj_verification_is_valid (v))
        valid++;
      else
        invalid++;
      if (!quiet || !inj_verification_is_valid (v))
        print_report (display, v);
    }
  if (argc > 2 || quiet)
    g_print (_("%u valid, %u not valid\n"), valid, invalid);
  return invalid == 0 ? EXIT_OK : EXIT_INVALID;
}

/* ------------------------------------------------------------ agent */

int
ininjo_cli_agent_request_code (int argc,
                               char **argv)
{
  static const Verb verb = { "agent request-code", N_("DELEGATION"),
                             N_("Print the request code to give the agent."), NULL };
  const GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) digest = NULL;
  g_autofree char *code = NULL;
  g_autofree char *display = NULL;

  if (!parse_verb_options (&verb, entries,
                           _("The code stands for this delegation's content: if the delegation "
                             "changes, a submission for the old code is refused."),
                           &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    {
      g_printerr ("%s\n", _("agent request-code: give one DELEGATION file"));
      return EXIT_USAGE;
    }
  display = g_filename_display_name (argv[1]);
  bytes = inj_xml_read_file (argv[1], &error);
  if (bytes)
    digest = inj_delegation_digest (bytes, &error);
  if (digest == NULL)
    return report_failure (display, error, NULL);
  code = inj_request_code (digest);
  g_print ("%s\n", code);
  return EXIT_OK;
}

int
ininjo_cli_agent_submit (int argc,
                         char **argv)
{
  static const Verb verb = { "agent submit", NULL,
                             N_("Sign a submission with the agent's own card."), NULL };
  g_auto(Options) o = { .password_fd = -1 };
  g_autofree char *delegation_path = NULL;
  g_autofree char *code = NULL;
  const GOptionEntry entries[] = {
    CARD_OPTIONS (o),
    TRUST_OPTION (o),
    { "delegation", 'd', 0, G_OPTION_ARG_FILENAME, &delegation_path,
      N_("The delegation the submission is for"), N_("FILE") },
    { "request-code", 'c', 0, G_OPTION_ARG_STRING, &code,
      N_("Or the request code the representative gave you"), N_("CODE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output, N_("Write the submission to FILE"),
      N_("FILE") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &o.force, N_("Replace the output file if it exists"),
      NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(InjTrustStore) trust = NULL;
  g_autoptr(GDateTime) now = inj_date_now ();
  g_autoptr(InjSubmission) submission = NULL;
  g_autoptr(GBytes) delegation = NULL;
  int status;

  if (!parse_verb_options (&verb, entries,
                           _("The agent (受任者) signs a short statement naming the delegation "
                             "with the signing certificate of their own My Number card."),
                           &argc, &argv))
    return EXIT_USAGE;
  if (argc != 1 || o.output == NULL || (delegation_path == NULL) == (code == NULL))
    {
      g_printerr ("%s\n", _("agent submit: give --delegation FILE or --request-code CODE, and "
                            "--output FILE"));
      return EXIT_USAGE;
    }
  trust = trust_store_or_say (&o);
  if (trust == NULL)
    return EXIT_IO;
  if (delegation_path)
    {
      g_autofree char *display = g_filename_display_name (delegation_path);
      g_autoptr(GBytes) digest = NULL;
      g_autoptr(InjDelegation) d = NULL;
      g_autofree char *text = NULL;
      delegation = inj_xml_read_file (delegation_path, &error);
      if (delegation)
        d = inj_delegation_from_xml (g_bytes_get_data (delegation, NULL),
                                     g_bytes_get_size (delegation), NULL, &error);
      if (d)
        digest = inj_delegation_digest (delegation, &error);
      if (digest == NULL)
        return report_failure (display, error, NULL);
      text = inj_delegation_render (d, FALSE, now);
      g_print ("%s\n\n%s\n", _("The submission will name this delegation:"), text);
      submission = inj_submission_new_for_delegation (inj_delegation_get_text (d, INJ_FIELD_DELEGATION_ID),
                                                      digest, now);
    }
  else
    {
      g_autofree char *normal = inj_request_code_normalize (code);
      if (normal == NULL)
        {
          g_printerr ("%s\n", _("The request code is 16 letters and digits (A–Z, 2–7), e.g. "
                                "ABCD-EFGH-IJKL-MNOP."));
          return EXIT_USAGE;
        }
      g_print (_("The submission will answer the request code %s.\n"), normal);
      submission = inj_submission_new_for_code (normal, now);
    }

  {
    const SignJob job = {
      .action = INJ_AUDIT_SUBMISSION,
      .what = N_("Submission"),
      .sign = sign_submission,
      .item = submission,
      .verify = verify_submission,
      .delegation = delegation,
      .not_valid = _("The submission did not pass verification; nothing was written."),
    };
    status = sign_verify_write (&o, trust, now, &job);
  }
  if (status != EXIT_OK)
    return status;
  {
    g_autofree char *out = g_filename_display_name (o.output);
    g_print (_("Submission written to %s: send it to the representative.\n"), out);
  }
  return EXIT_OK;
}

int
ininjo_cli_agent_import (int argc,
                         char **argv)
{
  static const Verb verb = { "agent import", N_("SUBMISSION"),
                             N_("Verify an agent's submission for a delegation."), NULL };
  g_auto(Options) o = { .password_fd = -1 };
  g_autofree char *delegation_path = NULL;
  const GOptionEntry entries[] = {
    TRUST_OPTION (o),
    { "delegation", 'd', 0, G_OPTION_ARG_FILENAME, &delegation_path,
      N_("The delegation the submission must be for"), N_("FILE") },
    { "reveal", 0, 0, G_OPTION_ARG_NONE, &o.reveal,
      N_("Show the agent's name, address and date of birth"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(InjTrustStore) trust = NULL;
  g_autoptr(GDateTime) now = inj_date_now ();
  g_autoptr(GBytes) submission = NULL;
  g_autoptr(GBytes) delegation = NULL;
  g_autoptr(InjVerification) v = NULL;
  g_autofree char *display = NULL;

  if (!parse_verb_options (&verb, entries, NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2 || delegation_path == NULL)
    {
      g_printerr ("%s\n", _("agent import: give one SUBMISSION file and --delegation FILE"));
      return EXIT_USAGE;
    }
  display = g_filename_display_name (argv[1]);
  trust = trust_store_or_say (&o);
  if (trust == NULL)
    return EXIT_IO;
  submission = inj_xml_read_file (argv[1], &error);
  if (submission)
    delegation = inj_xml_read_file (delegation_path, &error);
  if (delegation == NULL)
    return report_failure (display, error, NULL);
  v = inj_verify_submission (submission, trust, now, delegation, NULL, &error);
  if (v == NULL)
    return report_failure (display, error, NULL);
  print_report (display, v);
  if (!inj_verification_is_valid (v))
    return EXIT_INVALID;
  print_agent_data (inj_verification_get_signer (v), o.reveal);
  return EXIT_OK;
}

/* ------------------------------------------------------------ package */

int
ininjo_cli_package (int argc,
                    char **argv)
{
  const Verb *verb = ininjo_cli_find_verb ("package");
  g_auto(Options) o = { .password_fd = -1 };
  g_autofree char *delegation_path = NULL;
  g_autofree char *submission_path = NULL;
  const GOptionEntry entries[] = {
    TRUST_OPTION (o),
    { "delegation", 'd', 0, G_OPTION_ARG_FILENAME, &delegation_path,
      N_("The signed delegation"), N_("FILE") },
    { "submission", 's', 0, G_OPTION_ARG_FILENAME, &submission_path,
      N_("The agent's submission for it"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(InjTrustStore) trust = NULL;
  g_autoptr(GDateTime) now = inj_date_now ();
  g_autoptr(GBytes) delegation = NULL;
  g_autoptr(GBytes) submission = NULL;
  g_autoptr(InjVerification) vd = NULL;
  g_autoptr(InjVerification) vs = NULL;
  g_autoptr(InjDelegation) d = NULL;
  g_autofree char *path = NULL;

  if (!parse_verb_options (verb, entries, NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 1 || delegation_path == NULL || submission_path == NULL)
    {
      g_printerr ("%s\n", _("package: give --delegation FILE and --submission FILE"));
      return EXIT_USAGE;
    }
  trust = trust_store_or_say (&o);
  if (trust == NULL)
    return EXIT_IO;
  delegation = inj_xml_read_file (delegation_path, &error);
  if (delegation)
    submission = inj_xml_read_file (submission_path, &error);
  if (submission == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_IO;
    }
  vd = inj_verify_delegation (delegation, trust, now, &d, &error);
  if (vd)
    vs = inj_verify_submission (submission, trust, now, delegation, NULL, &error);
  if (vd == NULL || vs == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_INVALID;
    }
  print_report (_("Delegation"), vd);
  print_report (_("Agent's submission"), vs);
  if (!inj_verification_is_valid (vd) || !inj_verification_is_valid (vs) || d == NULL)
    {
      g_printerr ("%s\n", _("Nothing was put in the outbox."));
      return EXIT_INVALID;
    }
  {
    g_autoptr(GPtrArray) problems = inj_delegation_validate (d, now);
    if (problems->len > 0)
      {
        print_problems (_("Delegation"), problems);
        return EXIT_INVALID;
      }
  }
  path = inj_outbox_store (inj_delegation_get_text (d, INJ_FIELD_DELEGATION_ID), delegation,
                           submission, &error);
  if (path == NULL)
    {
      g_printerr ("%s\n", error->message);
      if (g_error_matches (error, INJ_VAULT_ERROR, INJ_VAULT_ERROR_NO_SECRET_SERVICE))
        {
          g_printerr ("%s\n", _("Nothing was put in the outbox. Start a Secret Service (such as "
                                "GNOME Keyring), or give --allow-unencrypted to keep the package "
                                "unencrypted (readable by you only)."));
          return EXIT_IO;
        }
      return exit_for (error);
    }
  g_print (_("Ready to upload: %s\n"), path);
  return EXIT_OK;
}

int
ininjo_cli_agent (int argc,
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
