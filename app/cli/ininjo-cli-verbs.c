/* ininjo-cli-verbs.c: every verb of ininjo-cli, in one table, in the order
 * "ininjo-cli --help" lists them. A group of verbs is one file,
 * ininjo-cli-GROUP.c, with its handlers declared in ininjo-cli.h: a new
 * group is that file, its line in meson.build, and its rows here. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ininjo-cli.h"

const CliVerb ininjo_cli_verbs[] = {
  { "document",
    { "new", NULL, N_("Create a delegation from an input file or by answering questions."),
      ininjo_cli_new } },
  { "document",
    { "validate", N_("FILE"), N_("Check a delegation file: schema, every item, and its period."),
      ininjo_cli_validate } },
  { "document",
    { "show", N_("FILE|ID"), N_("Show a delegation file, or one the service stores, in readable "
                                "Japanese with 和暦 dates."), ininjo_cli_show } },
  { "card",
    { "card", N_("[change-password|change-pin]"),
      N_("Show readers, My Number cards, PIN tries left (consuming none) and "
         "certificates; change the signing password or the PIN."), ininjo_cli_card } },
  { "sign",
    { "sign", N_("FILE"), N_("Sign a delegation with your My Number card's signing certificate."),
      ininjo_cli_sign } },
  { "sign",
    { "verify", N_("FILE…"), N_("Verify signed delegations and agents' submissions, and say what "
                                "was checked."), ininjo_cli_verify } },
  { "sign",
    { "agent", N_("submit|import|request-code …"),
      N_("The agent's certificate: sign a submission, import one, or make a request code."),
      ininjo_cli_agent } },
  { "sign",
    { "package", NULL, N_("Verify a signed delegation and the agent's submission once more and "
                          "put them in the outbox."), ininjo_cli_package } },
  { "service",
    { "profile", NULL, N_("Show the service's profile."), ininjo_cli_profile } },
  { "service",
    { "upload", N_("[ID…]"), N_("Send the packages in the outbox to the service."), ininjo_cli_upload } },
  { "service",
    { "status", NULL, N_("Show the outbox and what the service decided about what was sent."),
      ininjo_cli_status } },
  { "service",
    { "list", NULL, N_("List the delegations the service stores for you."), ininjo_cli_list } },
  { "service",
    { "renew", N_("ID"), N_("Write a renewal of a stored delegation (a new ID that will retire the "
                            "old one) to sign and send."), ininjo_cli_renew } },
  { "service",
    { "validity", N_("ID"), N_("Ask the service whether a delegation is valid (有効性確認)."),
      ininjo_cli_validity } },
  { "account",
    { "account", N_("register|show|change|rebind …"),
      N_("The user information (基本情報) with the service, and the binding of a renewed card."),
      ininjo_cli_account } },
  { "account",
    { "terminate", N_("ID"), N_("End a stored delegation before its period ends (委任の終了)."),
      ininjo_cli_terminate } },
  { "account",
    { "recipient", N_("register"), N_("Register as a recipient (受領者等) to check delegations' "
                                      "validity."), ininjo_cli_recipient } },
  { "audit",
    { "audit", N_("verify|show [FILE]"), N_("Check the audit log's chain, or show its events."),
      ininjo_cli_audit } },
  { "local",
    { "erase", NULL, N_("Erase all local data: drafts, outbox, sent packages, logs and the "
                        "encryption key."), ininjo_cli_erase } },
  { "service",
    { "diagnose", NULL, N_("Show what support needs to know, or save a diagnostic bundle "
                           "(--bundle FILE)."), ininjo_cli_diagnose } },
  { "config",
    { "config", N_("get|set|list …"), N_("Show or change the settings, shared with the window."),
      ininjo_cli_config } },
};

const guint ininjo_cli_n_verbs = G_N_ELEMENTS (ininjo_cli_verbs);

const Verb *
ininjo_cli_find_verb (const char *name)
{
  for (guint i = 0; i < ininjo_cli_n_verbs; i++)
    if (g_str_equal (ininjo_cli_verbs[i].verb.name, name))
      return &ininjo_cli_verbs[i].verb;
  return NULL;
}
