/* ininjo-cli-account.c: the account with the service (seed 000 §3, §5.2):
 * account register|show|change|rebind, terminate ID, recipient register.
 * Each statement is shown before it is signed, signed with the card's
 * signing certificate (its password asked once, from the terminal or
 * --sign-password-fd, never argv), verified here, then sent over the
 * card's authentication certificate (its PIN from the terminal or
 * --password-fd). Personal data is masked unless --reveal. The account and
 * the recipient registration the service answered are kept on this
 * computer, encrypted (inj-account-store.h): "account show" shows that copy
 * when the service cannot be reached. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-account-store.h"
#include "inj-app.h"
#include "inj-account-steps.h"
#include "inj-audit.h"
#include "inj-diagnostics.h"
#include "inj-account-client.h"
#include "inj-upload.h"
#include "ininjo-cli.h"
#include "ininjo-cli-conn.h"
#include "ininjo-cli-account.h"

typedef struct {
  Conn c;
  char *input;
  char *account_id;
  char *reason;
  int sign_password_fd;
  gboolean yes;
} Account;

static void
account_clear (Account *a)
{
  g_free (a->input);
  g_free (a->account_id);
  g_free (a->reason);
  conn_clear (&a->c);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Account, account_clear)

#define ACCOUNT_OPTIONS(a)                                                                       \
  CONN_OPTIONS ((a).c),                                                                          \
  { "sign-password-fd", 0, 0, G_OPTION_ARG_INT, &(a).sign_password_fd,                           \
    N_("Read the signing password from this file descriptor instead of the terminal"),          \
    N_("FD") },                                                                                  \
  { "trust", 't', 0, G_OPTION_ARG_FILENAME_ARRAY, &(a).c.trust,                                  \
    N_("Also trust this CA certificate (PEM or DER; repeatable)"), N_("FILE") },                 \
  { "reveal", 0, 0, G_OPTION_ARG_NONE, &(a).c.reveal,                                            \
    N_("Show names, addresses, phone numbers and dates of birth"), NULL }

#define ACCOUNT_INIT { .c = { .password_fd = -1 }, .sign_password_fd = -1 }

/* ------------------------------------------------------------- signing */

/* Signs @st with the card's signing certificate (the card of the
 * connection, else the card in --reader), and verifies it here before it
 * goes anywhere. NULL after saying why, with *@exit set. */
static GBytes *
sign_statement (Account *a,
                InjStatement *st,
                int *exit_status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(InjCardMonitor) monitor = NULL;
  g_autoptr(InjCard) own = NULL;
  g_autoptr(InjPinStatus) pin = NULL;
  g_autoptr(GTlsInteraction) interaction = NULL;
  g_autoptr(InjTrustStore) trust = NULL;
  g_autoptr(GBytes) xml = NULL;
  InjCardSigner signer = { 0 };

  trust = ininjo_cli_trust_store (&a->c.trust, &error);
  if (trust == NULL)
    {
      g_printerr ("%s\n", error->message);
      *exit_status = EXIT_IO;
      return NULL;
    }
  signer.card = a->c.card;
  if (signer.card == NULL)
    {
      g_auto(GStrv) modules = NULL;
      ininjo_cli_default_modules (&modules);
      monitor = inj_card_monitor_new ((const char *const *) modules, &error);
      own = monitor ? inj_upload_find_card_in (monitor, a->c.reader, &pin, NULL, &error) : NULL;
      if (own == NULL)
        {
          g_printerr ("%s\n", error->message);
          inj_diagnostics_note_failure (cli_step, NULL, error);
          *exit_status = EXIT_CARD;
          return NULL;
        }
      signer.card = own;
    }
  interaction = inj_terminal_interaction_new (a->sign_password_fd);
  signer.interaction = interaction;
  xml = inj_statement_sign_checked (st, &signer, trust, &error);
  if (xml == NULL)
    {
      g_printerr ("%s\n", error->message);
      inj_diagnostics_note_failure (cli_step, NULL, error);
      *exit_status = error->domain == INJ_PKCS11_ERROR ? EXIT_CARD : EXIT_INVALID;
      return NULL;
    }
  return g_steal_pointer (&xml);
}

/* The SHA-256 of the certificate this connection presents: the card's
 * authentication certificate, or --client-cert. */
static char *
auth_certificate_sha256 (Account *a,
                         GError **error)
{
  g_autoptr(GBytes) der = NULL;

  if (a->c.card)
    der = inj_card_read_certificate (a->c.card, INJ_CERT_AUTH, NULL, NULL, error);
  else
    {
      g_autoptr(GTlsCertificate) cert = g_tls_certificate_new_from_file (a->c.client_cert, error);
      g_autoptr(GByteArray) bytes = NULL;
      if (cert)
        {
          g_object_get (cert, "certificate", &bytes, NULL);
          der = g_bytes_new (bytes->data, bytes->len);
        }
    }
  return der ? inj_statement_sha256_hex (der) : NULL;
}

/* The 基本情報 of @account, read from its signed statement (verified). */
static InjAccountInfo *
account_info (Account *a,
              InjAccount *account,
              GError **error)
{
  g_autoptr(InjTrustStore) trust = ininjo_cli_trust_store (&a->c.trust, error);

  return trust ? inj_account_read_info (account, trust, NULL, error) : NULL;
}

/* @live: the service's answer now, whose "current" binding is the card of
 * this call (a kept copy's is the card of the call that refreshed it). */
static void
print_account (Account *a,
               InjAccountCopy *account,
               InjAccountInfo *info,
               const GError *info_error,
               gboolean live)
{
  g_print ("%s: %s\n", _("Account"), account->account_id);
  g_print ("%s: %s\n", _("State"), inj_account_state_label (account->state));
  if (account->version > 0)
    g_print ("%s: %" G_GINT64_FORMAT "\n", _("Version"), account->version);
  if (info)
    {
      g_print ("%s\n", _("User information (基本情報):"));
      cli_account_print_info (info, a->c.reveal);
    }
  else if (info_error)
    g_printerr ("%s\n", info_error->message);
  g_print ("%s\n", _("Cards bound to the account:"));
  for (guint i = 0; i < account->bindings->len; i++)
    {
      InjStoredBinding *b = g_ptr_array_index (account->bindings, i);
      g_autofree char *day = inj_upload_display_day (b->bound_at);
      g_print ("  %.16s…  %s%s\n", b->fingerprint, day ? day : b->bound_at,
               live && b->current ? _("  (this card)") : "");
    }
}

/* Keeps the account the service answered as the local copy, once its
 * statement verifies here. A copy that cannot be kept is said, and the
 * verb goes on: the service has the account. */
static void
keep_account (Account *a,
              InjAccount *account)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(InjAccountInfo) info = account_info (a, account, &error);
  g_autoptr(InjAccountCopy) copy = NULL;

  if (info != NULL)
    {
      copy = inj_account_copy_from_service (account);
      if (inj_account_store_save (copy, &error))
        return;
    }
  g_printerr (_("The copy of the account on this computer was not updated: %s\n"),
              error->message);
}

/* Whether the service could not be reached (not: it refused). */
static gboolean
unreachable (const GError *error)
{
  if (error->domain != INJ_NET_ERROR)
    return FALSE;
  return error->code == INJ_NET_ERROR_UNREACHABLE || error->code == INJ_NET_ERROR_FAILED ||
         (error->code == INJ_NET_ERROR_PROBLEM && inj_net_error_http_status (error) >= 500);
}

/* "account show" without the service: the local copy, saying so and of
 * when. FALSE when there is none that verifies (after saying why). */
static gboolean
show_kept_copy (Account *a)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(InjTrustStore) trust = ininjo_cli_trust_store (&a->c.trust, &error);
  g_autoptr(InjStatement) st = NULL;
  g_autoptr(InjAccountCopy) copy = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *shown = NULL;

  if (trust)
    copy = inj_account_store_load (trust, NULL, &st, &error);
  if (copy == NULL)
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  local = inj_date_to_jst (copy->refreshed_at);
  stored = inj_date_format_datetime (local);
  shown = inj_date_display (stored);
  g_print (_("The service cannot be reached. This is the copy kept on this computer, as the "
             "service answered at %s:\n"), shown ? shown : stored);
  print_account (a, copy, inj_statement_get_info (st), NULL, FALSE);
  return TRUE;
}

/* An audit event of what was sent, with the certificate that signed it. */
static void
record (const char *action,
        GBytes *signed_xml,
        const char *delegation_id,
        const char *detail,
        const GError *error)
{
  g_autoptr(InjCertificate) signer = inj_audit_signer_of (signed_xml);

  inj_audit_record (action, signer, delegation_id, detail, error);
}

static int
failed (const GError *error)
{
  g_printerr ("%s\n", error->message);
  return error->domain == INJ_NET_ERROR || error->domain == G_IO_ERROR ? net_exit (error)
                                                                         : EXIT_INVALID;
}

/* ------------------------------------------------------------- account */

static int
account_register (int argc,
                  char **argv)
{
  static const Verb verb = { "account register", NULL,
                             N_("Register the user information (基本情報) with the service."),
                             NULL };
  g_auto(Account) a = ACCOUNT_INIT;
  const GOptionEntry entries[] = {
    ACCOUNT_OPTIONS (a),
    { "input", 'i', 0, G_OPTION_ARG_FILENAME, &a.input,
      N_("Read the user information from FILE (otherwise asked here)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(InjServiceClient) client = NULL;
  g_autoptr(InjAccountInfo) info = NULL;
  g_autoptr(InjStatement) st = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(InjAccount) account = NULL;
  int status = EXIT_OK;

  if (!parse_verb_options (&verb, entries, NULL, &argc, &argv) || argc != 1)
    return EXIT_USAGE;
  info = cli_account_info_from (a.input, FALSE);
  if (info == NULL)
    return EXIT_INVALID;
  client = connect_service (&a.c, &error);
  if (client == NULL)
    return failed (error);
  g_print ("%s\n", _("This user information will be signed and registered:"));
  cli_account_print_info (info, a.c.reveal);
  st = inj_statement_new_registration (info);
  xml = sign_statement (&a, st, &status);
  if (xml == NULL)
    return status;
  account = inj_service_client_register_account (client, xml, NULL, &error);
  record (INJ_AUDIT_ACCOUNT, xml, NULL,
                    account ? "register" : NULL, error);
  if (account == NULL)
    return failed (error);
  keep_account (&a, account);
  g_print (_("Registered: account %s, %s.\n"), account->id, inj_account_state_label (account->state));
  if (!inj_account_is_confirmed (account))
    g_print ("%s\n", _("The service's operator checks the registration against the commercial "
                       "registry. Delegations can be sent once it is confirmed."));
  return EXIT_OK;
}

static int
account_show (int argc,
              char **argv)
{
  static const Verb verb = { "account show", NULL,
                             N_("Show the user information and the cards bound to the account."),
                             NULL };
  g_auto(Account) a = ACCOUNT_INIT;
  const GOptionEntry entries[] = { ACCOUNT_OPTIONS (a), { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(InjServiceClient) client = NULL;
  g_autoptr(InjAccount) account = NULL;

  if (!parse_verb_options (&verb, entries, NULL, &argc, &argv) || argc != 1)
    return EXIT_USAGE;
  client = connect_service (&a.c, &error);
  if (client)
    account = inj_service_client_get_account (client, NULL, &error);
  if (account == NULL)
    {
      int status = failed (error);
      /* the copy is shown, but the exit status still says the service
       * was not reached */
      if (unreachable (error))
        show_kept_copy (&a);
      return status;
    }
  {
    g_autoptr(GError) info_error = NULL;
    g_autoptr(InjAccountInfo) info = account_info (&a, account, &info_error);
    g_autoptr(InjAccountCopy) copy = inj_account_copy_from_service (account);
    print_account (&a, copy, info, info_error, TRUE);
    if (info && !inj_account_store_save (copy, &info_error))
      g_printerr (_("The copy of the account on this computer was not updated: %s\n"),
                  info_error->message);
  }
  return EXIT_OK;
}

/* A change of the 基本情報. From a card not yet bound (a representative who
 * moved has a new card, the old one revoked) the change carries the new
 * card's re-binding: --account names the account then. */
static int
account_change (int argc,
                char **argv)
{
  static const Verb verb = { "account change", NULL,
                             N_("Change the user information (基本情報): each change is shown "
                                "before it is signed."), NULL };
  g_auto(Account) a = ACCOUNT_INIT;
  const GOptionEntry entries[] = {
    ACCOUNT_OPTIONS (a),
    { "input", 'i', 0, G_OPTION_ARG_FILENAME, &a.input,
      N_("Read the new user information from FILE (otherwise asked here)"), N_("FILE") },
    { "account", 0, 0, G_OPTION_ARG_STRING, &a.account_id,
      N_("The account, when this card is not bound to it yet (a new card after a move)"),
      N_("ID") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(InjServiceClient) client = NULL;
  g_autoptr(InjAccount) current = NULL;
  g_autoptr(InjAccountInfo) old = NULL;
  g_autoptr(InjAccountInfo) info = NULL;
  g_autoptr(InjStatement) st = NULL;
  g_autoptr(InjStatement) rebinding = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GBytes) rebinding_xml = NULL;
  g_autoptr(InjAccount) account = NULL;
  const char *id;
  int status = EXIT_OK;

  if (!parse_verb_options (&verb, entries, NULL, &argc, &argv) || argc != 1)
    return EXIT_USAGE;
  info = cli_account_info_from (a.input, FALSE);
  if (info == NULL)
    return EXIT_INVALID;
  client = connect_service (&a.c, &error);
  if (client == NULL)
    return failed (error);
  current = inj_service_client_get_account (client, NULL, &error);
  if (current == NULL && !(g_error_matches (error, INJ_NET_ERROR, INJ_NET_ERROR_NO_ACCOUNT)
                           && a.account_id != NULL))
    return failed (error);
  g_clear_error (&error);
  id = current ? current->id : a.account_id;
  if (current && (old = account_info (&a, current, &error)) != NULL)
    {
      g_print ("%s\n", _("These items of the user information will change:"));
      cli_account_print_changes (old, info, a.c.reveal);
    }
  else
    {
      g_clear_error (&error);
      g_print ("%s\n", _("The user information will be changed to:"));
      cli_account_print_info (info, a.c.reveal);
    }
  st = inj_statement_new_change (id, info);
  xml = sign_statement (&a, st, &status);
  if (xml == NULL)
    return status;
  if (current == NULL)
    {
      /* this card is new to the account: bound in the same step */
      g_autofree char *sha = auth_certificate_sha256 (&a, &error);
      if (sha == NULL)
        return failed (error);
      g_print ("%s\n", _("This card is bound to the account with the change: the signing "
                         "password is asked once more."));
      rebinding = inj_statement_new_rebinding (id, sha);
      rebinding_xml = sign_statement (&a, rebinding, &status);
      if (rebinding_xml == NULL)
        return status;
    }
  account = inj_service_client_change_account (client, xml, rebinding_xml, NULL, &error);
  record (INJ_AUDIT_ACCOUNT, xml, NULL,
                    account ? "change" : NULL, error);
  if (account == NULL)
    return failed (error);
  keep_account (&a, account);
  g_print (_("Changed: account %s, %s.\n"), account->id, inj_account_state_label (account->state));
  return EXIT_OK;
}

/* A renewed card bound to the account (the old binding stays). */
static int
account_rebind (int argc,
                char **argv)
{
  static const Verb verb = { "account rebind", NULL,
                             N_("Bind a renewed card to the account (signed with the new card)."),
                             NULL };
  g_auto(Account) a = ACCOUNT_INIT;
  const GOptionEntry entries[] = {
    ACCOUNT_OPTIONS (a),
    { "account", 0, 0, G_OPTION_ARG_STRING, &a.account_id, N_("The account (A-…)"), N_("ID") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(InjServiceClient) client = NULL;
  g_autoptr(InjStatement) st = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(InjAccount) account = NULL;
  g_autofree char *sha = NULL;
  int status = EXIT_OK;

  if (!parse_verb_options (&verb, entries, NULL, &argc, &argv) || argc != 1
      || a.account_id == NULL)
    {
      g_printerr ("%s\n", _("account rebind: give --account ID (“ininjo-cli account show” with "
                            "the old card shows it)"));
      return EXIT_USAGE;
    }
  client = connect_service (&a.c, &error);
  if (client == NULL)
    return failed (error);
  sha = auth_certificate_sha256 (&a, &error);
  if (sha == NULL)
    return failed (error);
  g_print (_("This card will be bound to account %s.\n"), a.account_id);
  st = inj_statement_new_rebinding (a.account_id, sha);
  xml = sign_statement (&a, st, &status);
  if (xml == NULL)
    return status;
  account = inj_service_client_bind_certificate (client, xml, NULL, &error);
  record (INJ_AUDIT_ACCOUNT, xml, NULL,
                    account ? "rebind" : NULL, error);
  if (account == NULL)
    return failed (error);
  keep_account (&a, account);
  g_print (_("Bound: account %s now has %u cards; the earlier ones stay on record.\n"),
           account->id, account->bindings->len);
  return EXIT_OK;
}

int
ininjo_cli_account (int argc,
                    char **argv)
{
  static const Verb sub[] = {
    { "register", NULL, N_("Register the user information (基本情報) with the service."),
      account_register },
    { "show", NULL, N_("Show the user information and the cards bound to the account."),
      account_show },
    { "change", NULL, N_("Change the user information (基本情報): each change is shown before "
                         "it is signed."), account_change },
    { "rebind", NULL, N_("Bind a renewed card to the account (signed with the new card)."),
      account_rebind },
  };

  for (guint i = 0; argc > 1 && i < G_N_ELEMENTS (sub); i++)
    if (g_str_equal (argv[1], sub[i].name))
      return sub[i].run (argc - 1, argv + 1);
  g_printerr ("%s\n", _("account: give register, show, change or rebind (see “ininjo-cli account "
                        "VERB --help”)"));
  for (guint i = 0; i < G_N_ELEMENTS (sub); i++)
    g_printerr ("  account %-9s %s\n", sub[i].name, _(sub[i].summary));
  return EXIT_USAGE;
}

/* ------------------------------------------------------------- recipient */

int
ininjo_cli_recipient (int argc,
                      char **argv)
{
  static const Verb verb = { "recipient register", NULL,
                             N_("Register as a recipient (受領者等) to check delegations' "
                                "validity."), NULL };
  g_auto(Account) a = ACCOUNT_INIT;
  const GOptionEntry entries[] = {
    ACCOUNT_OPTIONS (a),
    { "input", 'i', 0, G_OPTION_ARG_FILENAME, &a.input,
      N_("Read the recipient's items from FILE (otherwise asked here)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(InjServiceClient) client = NULL;
  g_autoptr(InjAccountInfo) info = NULL;
  g_autoptr(InjStatement) st = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(JsonObject) answer = NULL;
  int status = EXIT_OK;

  if (argc < 2 || !g_str_equal (argv[1], "register"))
    {
      g_printerr ("%s\n", _("recipient: give register (see “ininjo-cli recipient register "
                            "--help”)"));
      g_printerr ("  recipient register  %s\n", _(verb.summary));
      return EXIT_USAGE;
    }
  argc--, argv++;
  if (!parse_verb_options (&verb, entries, NULL, &argc, &argv) || argc != 1)
    return EXIT_USAGE;
  info = cli_account_info_from (a.input, TRUE);
  if (info == NULL)
    return EXIT_INVALID;
  client = connect_service (&a.c, &error);
  if (client == NULL)
    return failed (error);
  g_print ("%s\n", _("This recipient registration will be signed and sent:"));
  cli_account_print_info (info, a.c.reveal);
  st = inj_statement_new_recipient (INJ_RECIPIENT_INFO (info));
  xml = sign_statement (&a, st, &status);
  if (xml == NULL)
    return status;
  answer = inj_service_client_register_recipient (client, xml, NULL, &error);
  record (INJ_AUDIT_RECIPIENT, xml, NULL, NULL, error);
  if (answer == NULL)
    return failed (error);
  {
    g_autoptr(InjRecipientCopy) copy = inj_recipient_copy_new ();
    copy->recipient_id = g_strdup (json_object_get_string_member (answer, "recipientId"));
    copy->registered_at = g_strdup (json_object_get_string_member_with_default (answer,
                                                                               "registeredAt",
                                                                               NULL));
    copy->statement = g_bytes_ref (xml);
    if (!inj_recipient_store_save (copy, &error))
      g_printerr (_("The copy of the recipient registration on this computer was not saved: "
                    "%s\n"), error->message);
  }
  g_print (_("Registered as recipient %s. “ininjo-cli validity ID” checks a delegation now.\n"),
           json_object_get_string_member (answer, "recipientId"));
  return EXIT_OK;
}

/* ------------------------------------------------------------- terminate */

static gboolean
confirmed_on_terminal (void)
{
  g_autofree char *answer = cli_account_ask (_("End this delegation now? It cannot be undone. [y/N]"));

  return answer && (g_ascii_strcasecmp (g_strstrip (answer), "y") == 0
                    || g_ascii_strcasecmp (answer, "yes") == 0 || g_str_equal (answer, "はい"));
}

int
ininjo_cli_terminate (int argc,
                      char **argv)
{
  const Verb *verb = ininjo_cli_find_verb ("terminate");
  g_auto(Account) a = ACCOUNT_INIT;
  const GOptionEntry entries[] = {
    ACCOUNT_OPTIONS (a),
    { "reason", 0, 0, G_OPTION_ARG_STRING, &a.reason,
      N_("Why it ends (e.g. the agent left), kept with the statement"), N_("TEXT") },
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &a.yes, N_("Do not ask for confirmation"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(InjServiceClient) client = NULL;
  g_autoptr(InjAccount) account = NULL;
  g_autoptr(InjTrustStore) trust = NULL;
  g_autoptr(InjDelegation) d = NULL;
  g_autoptr(JsonObject) stored = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GDateTime) now = inj_date_now ();
  g_autoptr(InjStatement) st = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *parties = NULL;
  int status = EXIT_OK;

  if (!parse_verb_options (verb, entries, NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    {
      g_printerr ("%s\n", _("terminate: give one delegation ID"));
      return EXIT_USAGE;
    }
  client = connect_service (&a.c, &error);
  if (client)
    account = inj_service_client_get_account (client, NULL, &error);
  if (account == NULL)
    return failed (error);
  trust = ininjo_cli_trust_store (&a.c.trust, &error);
  if (trust)
    d = inj_upload_fetch_verified (client, trust, argv[1], &stored, NULL, &error);
  if (d == NULL)
    return failed (error);
  digest = inj_termination_digest (stored, &error);
  if (digest == NULL)
    return failed (error);

  /* What will end, before anything is signed. */
  parties = inj_render_delegation_parties (d, a.c.reveal);
  g_print ("%s\n  %s\n  %s: %s\n", _("This delegation will end now (委任の終了):"), parties,
           inj_field_label (INJ_FIELD_DELEGATION_ID), argv[1]);
  {
    g_autofree char *start = inj_render_value (d, INJ_FIELD_PERIOD_START, a.c.reveal);
    g_autofree char *end = inj_render_value (d, INJ_FIELD_PERIOD_END, a.c.reveal);
    g_print ("  %s: %s – %s\n", _("Period"), start ? start : "", end ? end : "");
  }
  if (!a.yes && !confirmed_on_terminal ())
    {
      g_printerr ("%s\n", _("Nothing was ended."));
      return EXIT_CANCELLED;
    }
  st = inj_statement_new_termination (account->id, argv[1], digest, a.reason, now);
  xml = sign_statement (&a, st, &status);
  if (xml == NULL)
    return status;
  answer = inj_service_client_terminate_delegation (client, argv[1], xml, NULL, &error);
  record (INJ_AUDIT_TERMINATION, xml, argv[1],
                    answer ? json_object_get_string_member (answer, "endedAt") : NULL, error);
  if (answer == NULL)
    return failed (error);
  {
    /* the service's counter-signed record of the end, checked here */
    g_autoptr(JsonObject) record = inj_service_client_verify_record (
      client, json_object_get_object_member (answer, "record"), &error);
    if (record == NULL)
      return failed (error);
    if (g_strcmp0 (json_object_get_string_member_with_default (record, "delegationId", NULL),
                   argv[1]) != 0
        || g_strcmp0 (json_object_get_string_member_with_default (record, "endedAt", NULL),
                      json_object_get_string_member (answer, "endedAt")) != 0)
      {
        g_printerr ("%s\n", _("The service's record of the end says something else than its "
                              "answer. Do not rely on this answer; tell the service's "
                              "operator."));
        return EXIT_INVALID;
      }
  }
  {
    g_autofree char *day = inj_upload_display_day (json_object_get_string_member (answer,
                                                                                  "endedAt"));
    g_print (_("Ended: %s (%s). Its validity check now answers that it has ended.\n"), argv[1],
             day);
  }
  return EXIT_OK;
}
