/* ininjo-cli-service.c: profile, upload, status, list, show, renew,
 * validity — the service over mutual TLS (net/). */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-account-steps.h"
#include "inj-audit.h"
#include "ininjo-cli.h"
#include "inj-app.h"
#include "inj-pkcs11.h"
#include "inj-service-client.h"
#include "inj-upload.h"
#include "inj-diagnostics.h"
#include "inj-net-key.h"
#include "ininjo-cli-conn.h"

void
conn_clear (Conn *c)
{
  /* Runs after the client is gone (declared first, cleaned up last). OpenSC
   * 0.23 leaves the card verified after the TLS login: end that here. */
  if (c->key_url)
    inj_net_key_unregister (c->key_url);
  g_free (c->key_url);
  inj_upload_end_card (c->card);
  g_clear_object (&c->card);
  g_free (c->reader);
  g_clear_object (&c->monitor);
  g_free (c->service);
  g_free (c->service_ca);
  g_free (c->client_cert);
  g_free (c->client_key);
  g_strfreev (c->trust);
  g_free (c->output);
  g_free (c->end);
}

/* A string setting, NULL when empty. */
static char *
setting (GSettings *settings,
         const char *key)
{
  char *value = g_settings_get_string (settings, key);

  if (*value != '\0')
    return value;
  g_free (value);
  return NULL;
}

/* Unset options come from the settings the window uses too (ininjo-cli
 * config), read as the window reads them: an empty service-url is the
 * embedded profile's service, an empty service-ca the system's CAs, and
 * the certificate files only with client-credential "file". */
static gboolean
conn_defaults (Conn *c,
               GError **error)
{
  g_autoptr(GSettings) settings = ininjo_cli_open_settings (error);
  g_autofree char *credential = NULL;

  if (settings == NULL)
    return FALSE;
  credential = g_settings_get_string (settings, "client-credential");
  if (c->service == NULL)
    c->service = setting (settings, "service-url");
  if (c->service_ca == NULL)
    c->service_ca = setting (settings, "service-ca");
  if (c->service_ca == NULL)
    c->service_ca = g_strdup (INJ_SETTINGS_SYSTEM_CA_FILE);
  if (c->client_cert == NULL && c->client_key == NULL && g_str_equal (credential, "file"))
    {
      c->client_cert = setting (settings, "client-certificate");
      c->client_key = setting (settings, "client-key");
      if (c->client_cert == NULL || c->client_key == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("The settings say to use a certificate file (client-credential "
                                 "= file), but client-certificate or client-key is not set: set "
                                 "both with “ininjo-cli config set”, or give --client-cert and "
                                 "--client-key."));
          return FALSE;
        }
    }
  if (c->reader == NULL)
    c->reader = setting (settings, "card-reader");
  if (c->service == NULL)
    /* the embedded default: the local service of the profile */
    c->service = inj_service_profile_default_service_url (NULL);
  return TRUE;
}

/* The service's configuration from the options and the settings; with the
 * card's key, the card is found first (and its PIN checked not locked). */
static gboolean
conn_config (Conn *c,
             InjServiceConfig *config_out,
             GTlsInteraction *interaction,
             GError **error)
{
  InjServiceConfig config = { 0 };

  if (!conn_defaults (c, error))
    return FALSE;
  config.base_url = g_strdup (c->service);
  config.service_ca = g_strdup (c->service_ca);
  if (c->client_cert || c->client_key)
    {
      if (!c->client_cert || !c->client_key)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("--client-cert and --client-key go together."));
          inj_service_config_clear (&config);
          return FALSE;
        }
      config.key_kind = INJ_CLIENT_KEY_FILE;
      config.client_certificate = g_strdup (c->client_cert);
      config.client_key = g_strdup (c->client_key);
    }
  else
    {
      g_autoptr(InjPinStatus) st = NULL;
      g_auto(GStrv) modules = NULL;
      ininjo_cli_default_modules (&modules);
      c->monitor = inj_card_monitor_new ((const char *const *) modules, error);
      c->card = c->monitor ? inj_upload_find_card_in (c->monitor, c->reader, &st, NULL, error)
                           : NULL;
      if (c->card == NULL)
        {
          inj_service_config_clear (&config);
          return FALSE;
        }
      if (st->tries_left >= 0)
        g_printerr (_("The service is reached with your card's user authentication certificate "
                      "(PIN: %d of %d tries left).\n"), st->tries_left, st->max_tries);
      /* the card found by its reader signs (inj-net-key.h): a pkcs11: URI
       * would name whichever card GnuTLS meets first */
      c->key_url = inj_upload_card_key (c->card, interaction, NULL, error);
      if (c->key_url == NULL)
        {
          inj_service_config_clear (&config);
          return FALSE;
        }
      config.key_kind = INJ_CLIENT_KEY_SIGNER;
      config.client_certificate = g_strdup (c->key_url);
      config.client_key = g_strdup (c->key_url);
    }
  *config_out = config;
  return TRUE;
}

InjServiceClient *
connect_service (Conn *c,
                 GError **error)
{
  g_auto(InjServiceConfig) config = { 0 };
  g_autoptr(GTlsInteraction) interaction = NULL;

  interaction = inj_terminal_interaction_new (c->password_fd);
  if (!conn_config (c, &config, interaction, error))
    return NULL;
  return inj_service_client_new (&config, interaction, error);
}

int
net_exit (const GError *error)
{
  inj_diagnostics_note_failure (cli_step, NULL, error);
  if (error->domain == INJ_PKCS11_ERROR)
    return EXIT_CARD;
  if (error->domain == INJ_SETTINGS_ERROR)
    return EXIT_IO;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return EXIT_CANCELLED;
  if (error->domain == INJ_NET_ERROR && error->code == INJ_NET_ERROR_PIN)
    return EXIT_CARD;
  /* the service refused what we sent: 4xx; unavailable (5xx) is like unreachable */
  if (error->domain == INJ_NET_ERROR && error->code == INJ_NET_ERROR_PROBLEM)
    return inj_net_error_http_status (error) >= 500 ? EXIT_NETWORK : EXIT_INVALID;
  /* the account's problems: the service refused, for a reason to act on */
  if (error->domain == INJ_NET_ERROR && error->code >= INJ_NET_ERROR_NO_ACCOUNT)
    return EXIT_INVALID;
  /* the front end refused the package (413): sending it again will not help */
  if (error->domain == INJ_NET_ERROR && error->code == INJ_NET_ERROR_FRONT_END)
    return EXIT_INVALID;
  if (error->domain == G_IO_ERROR && error->code == G_IO_ERROR_INVALID_ARGUMENT)
    return EXIT_USAGE;
  return EXIT_NETWORK;
}

static const char *
str (JsonObject *o,
     const char *member)
{
  return o ? json_object_get_string_member_with_default (o, member, NULL) : NULL;
}

/* ------------------------------------------------------------- profile */

int
ininjo_cli_profile (int argc,
                    char **argv)
{
  const Verb *verb = ininjo_cli_find_verb ("profile");
  g_auto(Conn) c = { .password_fd = -1 };
  const GOptionEntry entries[] = { CONN_OPTIONS (c), { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(InjServiceClient) client = NULL;
  g_autoptr(JsonObject) profile = NULL;

  if (!parse_verb_options (verb, entries, NULL, &argc, &argv))
    return EXIT_USAGE;
  client = connect_service (&c, &error);
  if (client)
    profile = inj_service_client_get_profile (client, NULL, &error);
  if (profile == NULL)
    {
      g_printerr ("%s\n", error->message);
      return net_exit (error);
    }
  g_print ("%s: %s\n%s: %s\n%s: %s\n%s: %s\n", _("Service name"), str (profile, "name"),
           _("Policy URL"), str (profile, "policyUrl"), _("Policy OID"), str (profile, "policyOid"),
           _("Validity check URL"), str (profile, "validityUrl"));
  return EXIT_OK;
}

/* ------------------------------------------------------------- upload */

static void
print_package (InjPackage *p)
{
  g_print ("%s: %s", p->delegation_id, inj_upload_status_label (p->state));
  if (p->receipt)
    g_print (" (%s %s)", _("receipt"), p->receipt);
  if (p->reason)
    g_print (" — %s", p->reason);
  g_print ("\n");
}

int
ininjo_cli_upload (int argc,
                   char **argv)
{
  const Verb *verb = ininjo_cli_find_verb ("upload");
  g_auto(Conn) c = { .password_fd = -1 };
  const GOptionEntry entries[] = { CONN_OPTIONS (c), { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(InjServiceClient) client = NULL;
  g_autoptr(GPtrArray) packages = NULL;
  int status = EXIT_OK;
  guint sent = 0;

  if (!parse_verb_options (verb, entries,
                           _("A package leaves the outbox only when the service has answered with "
                             "a receipt; a failed upload can be repeated and is registered once."),
                           &argc, &argv))
    return EXIT_USAGE;
  packages = inj_outbox_list (&error);
  if (packages == NULL || packages->len == 0)
    {
      g_print ("%s\n", _("The outbox is empty."));
      return EXIT_OK;
    }
  client = connect_service (&c, &error);
  if (client == NULL)
    {
      g_printerr ("%s\n", error->message);
      return net_exit (error);
    }
  for (guint i = 0; i < packages->len; i++)
    {
      InjPackage *p = g_ptr_array_index (packages, i);
      gboolean wanted = argc < 2;

      for (int a = 1; a < argc && !wanted; a++)
        wanted = g_str_equal (argv[a], p->delegation_id);
      if (!wanted)
        continue;
      if (!inj_upload_package (client, p, NULL, NULL, NULL, &error))
        {
          if (inj_upload_error_not_sent (error))
            {
              g_printerr (_("%s: not sent, it stays in the outbox: %s\n"), p->delegation_id,
                          error->message);
              status = net_exit (error);
            }
          else
            {
              g_printerr ("%s: %s\n", p->delegation_id, error->message);
              inj_diagnostics_note_failure (cli_step, NULL, error);
              status = EXIT_IO;
            }
          g_clear_error (&error);
          continue;
        }
      sent++;
      if (!inj_upload_follow_receipt (client, p, NULL, NULL, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          g_clear_error (&error);
        }
      print_package (p);
      if (g_strcmp0 (p->state, "rejected") == 0)
        {
          inj_diagnostics_note_failure (cli_step, "rejected", NULL);
          status = EXIT_INVALID;
        }
    }
  if (sent > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u TLS handshake for this upload.\n",
                          "%u TLS handshakes for this upload.\n",
                          inj_service_client_get_handshakes (client)),
             inj_service_client_get_handshakes (client));
  return status;
}

/* ------------------------------------------------------------- status */

int
ininjo_cli_status (int argc,
                   char **argv)
{
  const Verb *verb = ininjo_cli_find_verb ("status");
  g_auto(Conn) c = { .password_fd = -1 };
  const GOptionEntry entries[] = { CONN_OPTIONS (c), { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) waiting = inj_outbox_list (NULL);
  g_autoptr(GPtrArray) sent = inj_upload_list_sent ();
  g_autoptr(InjServiceClient) client = NULL;

  if (!parse_verb_options (verb, entries, NULL, &argc, &argv))
    return EXIT_USAGE;
  g_print ("%s\n", _("Outbox (not yet received by the service):"));
  if (waiting->len == 0)
    g_print ("  %s\n", _("empty"));
  for (guint i = 0; i < waiting->len; i++)
    {
      g_print ("  ");
      print_package (g_ptr_array_index (waiting, i));
    }
  g_print ("%s\n", _("Sent:"));
  if (sent->len == 0)
    g_print ("  %s\n", _("none"));
  for (guint i = 0; i < sent->len; i++)
    {
      InjPackage *p = g_ptr_array_index (sent, i);
      if (g_strcmp0 (p->state, "received") == 0)
        {
          if (client == NULL && error == NULL)
            client = connect_service (&c, &error);
          if (client)
            {
              g_autoptr(GError) poll_error = NULL;
              if (!inj_upload_follow_receipt (client, p, NULL, NULL, NULL, &poll_error))
                g_printerr ("%s\n", poll_error->message);
            }
        }
      g_print ("  ");
      print_package (p);
    }
  if (error)
    {
      g_printerr ("%s\n", error->message);
      return net_exit (error);
    }
  return EXIT_OK;
}

/* ------------------------------------------------------------- list, show */

int
ininjo_cli_list (int argc,
                 char **argv)
{
  const Verb *verb = ininjo_cli_find_verb ("list");
  g_auto(Conn) c = { .password_fd = -1 };
  const GOptionEntry entries[] = { CONN_OPTIONS (c), { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(InjServiceClient) client = NULL;
  g_autoptr(JsonObject) list = NULL;
  JsonArray *items;

  if (!parse_verb_options (verb, entries, NULL, &argc, &argv))
    return EXIT_USAGE;
  client = connect_service (&c, &error);
  if (client)
    list = inj_service_client_list (client, NULL, &error);
  if (list == NULL)
    {
      g_printerr ("%s\n", error->message);
      return net_exit (error);
    }
  items = json_object_get_array_member (list, "items");
  if (items == NULL || json_array_get_length (items) == 0)
    g_print ("%s\n", _("The service stores no delegation for you."));
  for (guint i = 0; items && i < json_array_get_length (items); i++)
    {
      JsonObject *o = json_array_get_object_element (items, i);
      g_autofree char *start = inj_upload_display_day (str (o, "start"));
      g_autofree char *end = inj_upload_display_day (str (o, "end"));
      g_print ("%s  %s  %s – %s\n", str (o, "delegationId"), inj_upload_status_label (str (o, "status")),
               start, end);
    }
  return EXIT_OK;
}

static InjTrustStore *
trust_for (Conn *c,
           GError **error)
{
  return ininjo_cli_trust_store (&c->trust, error);
}

/* The stored delegation, verified here again before it is shown. */
static InjDelegation *
fetch_verified (InjServiceClient *client,
                Conn *c,
                const char *id,
                JsonObject **stored_out,
                GError **error)
{
  g_autoptr(InjTrustStore) trust = trust_for (c, error);

  if (trust == NULL)
    return NULL;
  return inj_upload_fetch_verified (client, trust, id, stored_out, NULL, error);
}

int
ininjo_cli_show_stored (int argc,
                        char **argv)
{
  static const Verb verb = { "show-stored", N_("ID"), N_("Show a delegation the service stores."),
                             NULL };
  g_auto(Conn) c = { .password_fd = -1 };
  const GOptionEntry entries[] = {
    CONN_OPTIONS (c),
    { "trust", 't', 0, G_OPTION_ARG_FILENAME_ARRAY, &c.trust,
      N_("Also trust this CA certificate (PEM or DER; repeatable)"), N_("FILE") },
    { "reveal", 0, 0, G_OPTION_ARG_NONE, &c.reveal,
      N_("Show names, addresses and dates of birth"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(InjServiceClient) client = NULL;
  g_autoptr(InjDelegation) d = NULL;
  g_autoptr(JsonObject) stored = NULL;
  g_autofree char *text = NULL;

  if (!parse_verb_options (&verb, entries, NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    {
      g_printerr ("%s\n", _("show: give one delegation ID"));
      return EXIT_USAGE;
    }
  client = connect_service (&c, &error);
  if (client)
    d = fetch_verified (client, &c, argv[1], &stored, &error);
  if (d == NULL)
    {
      g_printerr ("%s\n", error->message);
      return error->domain == INJ_NET_ERROR ? net_exit (error) : EXIT_INVALID;
    }
  g_print ("%s: %s\n\n", _("State at the service"), inj_upload_status_label (str (stored, "status")));
  text = inj_delegation_render (d, c.reveal, NULL);
  g_print ("%s", text);
  {
    JsonObject *agent = json_object_get_object_member (stored, "agent");
    static const struct { const char *member; InjJpkiField field; } parts[] = {
      { "name", INJ_JPKI_NAME }, { "address", INJ_JPKI_ADDRESS }, { "birthDate", INJ_JPKI_BIRTH_DATE },
    };
    g_print ("\n%s\n", _("Stored with it from the agent's certificate:"));
    for (guint i = 0; agent && i < G_N_ELEMENTS (parts); i++)
      {
        const char *v = str (agent, parts[i].member);
        g_autofree char *shown = c.reveal ? (parts[i].field == INJ_JPKI_BIRTH_DATE
                                               ? inj_jpki_birth_date_display (v)
                                               : g_strdup (v))
                                          : inj_mask_jpki_field (parts[i].field, v);
        g_print ("  %s: %s\n", inj_jpki_field_label (parts[i].field), shown ? shown : "");
      }
  }
  return EXIT_OK;
}

/* ------------------------------------------------------------- renew */

int
ininjo_cli_renew (int argc,
                  char **argv)
{
  const Verb *verb = ininjo_cli_find_verb ("renew");
  g_auto(Conn) c = { .password_fd = -1 };
  const GOptionEntry entries[] = {
    CONN_OPTIONS (c),
    { "trust", 't', 0, G_OPTION_ARG_FILENAME_ARRAY, &c.trust,
      N_("Also trust this CA certificate (PEM or DER; repeatable)"), N_("FILE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &c.output, N_("Write the renewal to FILE"),
      N_("FILE") },
    { "end", 0, 0, G_OPTION_ARG_STRING, &c.end,
      N_("A new end of the period (YYYY-MM-DD or today+1y)"), N_("DATE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(InjServiceClient) client = NULL;
  g_autoptr(InjDelegation) old = NULL;
  g_autoptr(InjDelegation) renewal = NULL;
  g_autoptr(InjServiceProfile) profile = inj_service_profile_load_default (NULL);
  g_autoptr(GDateTime) now = inj_date_now ();
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  if (!parse_verb_options (verb, entries, NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2 || c.output == NULL)
    {
      g_printerr ("%s\n", _("renew: give one delegation ID and --output FILE"));
      return EXIT_USAGE;
    }
  client = connect_service (&c, &error);
  if (client)
    old = fetch_verified (client, &c, argv[1], NULL, &error);
  if (old == NULL)
    {
      g_printerr ("%s\n", error->message);
      return error->domain == INJ_NET_ERROR ? net_exit (error) : EXIT_INVALID;
    }
  renewal = inj_delegation_renew (old, profile, now);
  inj_delegation_set_input (renewal, INJ_FIELD_PERIOD_START, "today", now);
  if (c.end)
    inj_delegation_set_input (renewal, INJ_FIELD_PERIOD_END, c.end, now);
  problems = inj_delegation_validate (renewal, now);
  if (problems->len > 0)
    {
      print_problems (NULL, problems);
      return EXIT_INVALID;
    }
  xml = inj_delegation_to_xml (renewal, &error);
  if (xml == NULL || !write_output (c.output, xml, FALSE, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_IO;
    }
  g_print (_("Renewal %s of %s written to %s. Sign it, collect the agent's submission for it, "
             "package and upload: the old ID is retired once the service stores the new one.\n"),
           inj_delegation_get_text (renewal, INJ_FIELD_DELEGATION_ID), argv[1], c.output);
  return EXIT_OK;
}

/* ------------------------------------------------------------- validity */

int
ininjo_cli_validity (int argc,
                     char **argv)
{
  const Verb *verb = ininjo_cli_find_verb ("validity");
  g_auto(Conn) c = { .password_fd = -1 };
  const GOptionEntry entries[] = { CONN_OPTIONS (c), { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(InjServiceClient) client = NULL;
  g_autoptr(JsonObject) v = NULL;
  const char *status;

  if (!parse_verb_options (verb, entries, NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    {
      g_printerr ("%s\n", _("validity: give one delegation ID"));
      return EXIT_USAGE;
    }
  client = connect_service (&c, &error);
  /* believed only with the service's signature over the same answer */
  if (client)
    v = inj_validity_checked (client, argv[1], NULL, &error);
  if (client)
    inj_audit_record (INJ_AUDIT_VALIDITY, NULL, argv[1], str (v, "status"), error);
  if (v == NULL)
    {
      g_printerr ("%s\n", error->message);
      return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA) ? EXIT_INVALID
                                                                           : net_exit (error);
    }
  status = str (v, "status");
  g_print ("%s: %s\n", argv[1], inj_upload_status_label (status));
  if (str (v, "start") && str (v, "end"))
    {
      g_autofree char *start = inj_upload_display_day (str (v, "start"));
      g_autofree char *end = inj_upload_display_day (str (v, "end"));
      g_print ("%s: %s – %s\n", _("Period"), start, end);
    }
  if (str (v, "endedAt"))
    {
      /* ended before its period (委任の終了) */
      g_autofree char *ended = inj_upload_display_day (str (v, "endedAt"));
      g_print ("%s: %s\n", _("Ended at"), ended);
    }
  g_print ("%s\n", _("The answer carries the service's signature, confirmed."));
  return g_strcmp0 (status, "active") == 0 ? EXIT_OK : EXIT_INVALID;
}

/* ------------------------------------------------------------- diagnose */

int
ininjo_cli_diagnose (int argc,
                     char **argv)
{
  static const Verb verb = { "diagnose", NULL,
                             N_("Show what support needs to know: versions, readers, cards, the "
                                "service's connection and the outbox; or save it as a bundle."),
                             NULL };
  g_auto(Conn) c = { .password_fd = -1 };
  gboolean json = FALSE, service_only = FALSE, card_only = FALSE;
  g_autofree char *bundle = NULL;
  const GOptionEntry entries[] = {
    CONN_OPTIONS (c),
    { "trust", 't', 0, G_OPTION_ARG_FILENAME_ARRAY, &c.trust,
      N_("Also trust this CA certificate file (PEM) for the card's chains (repeatable)"),
      N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the report as JSON"), NULL },
    { "service-only", 0, 0, G_OPTION_ARG_NONE, &service_only,
      N_("Only the service's connection (no readers or cards)"), NULL },
    { "card-only", 0, 0, G_OPTION_ARG_NONE, &card_only,
      N_("Only readers and cards (the service is not contacted)"), NULL },
    { "bundle", 'b', 0, G_OPTION_ARG_FILENAME, &bundle,
      N_("Write a diagnostic bundle (a .tar of the report and the recent log, redacted) to FILE"),
      N_("FILE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_auto(InjServiceConfig) config = { 0 };
  g_autoptr(GTlsInteraction) interaction = NULL;
  g_autoptr(JsonObject) report = NULL;
  g_auto(GStrv) modules = NULL;
  InjDiagnosticsOptions options = { 0 };

  if (!parse_verb_options (&verb, entries,
                           _("No PIN try is consumed: the tries left are read, not tested. With "
                             "the card's key, reaching the service asks for the authentication "
                             "PIN; --client-cert and --client-key avoid that. Nothing personal "
                             "is shown or saved: certificates appear by serial and fingerprint."),
                           &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1 || (service_only && card_only))
    {
      g_printerr ("%s\n", _("diagnose: --service-only and --card-only exclude each other, and no "
                            "argument is taken."));
      return EXIT_USAGE;
    }
  options.cards = !service_only;
  ininjo_cli_add_trust_anchors (&c.trust);
  options.trust_anchors = (const char *const *) c.trust;
  ininjo_cli_default_modules (&modules);
  options.modules = (const char *const *) modules;
  if (!card_only)
    {
      interaction = inj_terminal_interaction_new (c.password_fd);
      if (conn_config (&c, &config, interaction, &error))
        {
          options.service = &config;
          options.interaction = interaction;
        }
      else
        {
          g_autofree char *clean = inj_log_redact_error (error);
          g_printerr ("%s: %s\n", _("The service cannot be tried"), clean);
          g_clear_error (&error);
        }
    }
  report = inj_diagnostics_run (&options, NULL);
  if (bundle)
    {
      g_autoptr(GPtrArray) files = inj_diagnostics_bundle_files (report);
      if (!inj_diagnostics_write_bundle (files, bundle, &error))
        {
          g_printerr ("%s\n", error->message);
          return EXIT_IO;
        }
      g_print (_("The diagnostic bundle was written to “%s”. It holds:\n"), bundle);
      for (guint i = 0; i < files->len; i++)
        {
          InjBundleFile *f = g_ptr_array_index (files, i);
          g_print ("  %s (%" G_GSIZE_FORMAT " B)\n", f->name, g_bytes_get_size (f->content));
        }
      return EXIT_OK;
    }
  {
    g_autofree char *out = json ? inj_diagnostics_to_json (report)
                                : inj_diagnostics_to_text (report);
    g_print ("%s\n", out);
  }
  return EXIT_OK;
}
