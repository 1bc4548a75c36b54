/* make-package.c: a signed package for the service without a card.
 *
 *   make-package OUTDIR PERSONAS [--supersedes ID] [--expired]
 *                [--representative NAME] [--agent NAME] [--name TEXT]
 *                [--end DATE] [--subdelegation VALUE]
 *
 * writes OUTDIR/delegation.xml (signed by the representative persona's
 * software key), OUTDIR/agent-submission.xml (signed by the agent's,
 * naming the delegation by ID and digest) and OUTDIR/registration.json
 * (the Registration body of the API), and prints the 電子委任状ID. The
 * signatures are the card's (the same InjDsigSignFunc), only the key is a
 * file. --expired: a period that ended a year ago (the model writes it;
 * the service must refuse it). --name: another 代表者名 (氏名) than the
 * signer's, which the service refuses. --end: the period's end as the
 * input file writes it (e.g. today+10d, for a delegation that ends soon).
 * --subdelegation: 復代理の可否 as the input file writes it (not-allowed). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <json-glib/json-glib.h>

#include "inj-app.h"
#include "test-soft-key.h"

static gboolean
load_key (const char *dir,
          TestSoftKey *k,
          GError **error)
{
  g_autofree char *key_path = g_build_filename (dir, "sign-key.pem", NULL);
  g_autofree char *cert_path = g_build_filename (dir, "sign-cert.der", NULL);

  return test_soft_key_load (k, key_path, cert_path, error);
}

static GKeyFile *
load_persona (const char *dir,
              GError **error)
{
  g_autofree char *path = g_build_filename (dir, "persona.ini", NULL);
  g_autoptr(GKeyFile) ini = g_key_file_new ();

  if (!g_key_file_load_from_file (ini, path, G_KEY_FILE_NONE, error))
    return NULL;
  return g_steal_pointer (&ini);
}

/* era digit + YYYYMMDD → YYYY-MM-DD */
static char *
birth_date (const char *jpki)
{
  if (jpki == NULL || strlen (jpki) != 9)
    return NULL;
  return g_strdup_printf ("%.4s-%.2s-%.2s", jpki + 1, jpki + 5, jpki + 7);
}

static void
set (InjDelegation *d,
     InjField field,
     const char *value,
     GDateTime *now)
{
  if (inj_delegation_set_input (d, field, value, now) != INJ_PROBLEM_NONE)
    g_printerr ("make-package: note: %s = “%s” has a problem\n", inj_field_label (field), value);
}

/* The delegation, from the representative's and the agent's personas so
 * that the names match the certificates. */
static char *end_input;
static char *subdelegation_input;

static InjDelegation *
make_delegation (GKeyFile *rep,
                 GKeyFile *agent,
                 const char *supersedes,
                 gboolean expired,
                 const char *other_name,
                 GError **error)
{
  g_autoptr(InjServiceProfile) profile = inj_service_profile_load_default (error);
  g_autoptr(GDateTime) now = inj_date_now ();
  g_autofree char *role = g_key_file_get_string (rep, "expect", "role", NULL);
  g_autofree char *name = g_key_file_get_string (rep, "san", "name", NULL);
  g_autofree char *address = g_key_file_get_string (rep, "san", "address", NULL);
  g_autofree char *birth = g_key_file_get_string (rep, "san", "birth-date", NULL);
  g_autofree char *agent_name = g_key_file_get_string (agent, "san", "name", NULL);
  g_autofree char *agent_address = g_key_file_get_string (agent, "san", "address", NULL);
  g_autofree char *qualification = g_key_file_get_string (agent, "expect", "qualification", NULL);
  gboolean proprietor = g_strcmp0 (role, "proprietor") == 0;
  InjDelegation *d;

  if (profile == NULL)
    return NULL;
  if (name == NULL || agent_name == NULL || agent_address == NULL)
    {
      g_set_error_literal (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND,
                           "a persona.ini without [san] name and address");
      return NULL;
    }
  if (other_name)
    {
      g_free (name);
      name = g_strdup (other_name);
    }
  d = inj_delegation_create (proprietor ? INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR
                                        : INJ_PRINCIPAL_KIND_CORPORATION,
                             profile, now);
  if (proprietor)
    {
      g_autofree char *born = birth_date (birth);
      set (d, INJ_FIELD_TRADE_NAME, "テスト見本商店", now);
      set (d, INJ_FIELD_PROPRIETOR_NAME, name, now);
      set (d, INJ_FIELD_PROPRIETOR_ADDRESS, address, now);
      set (d, INJ_FIELD_PROPRIETOR_BIRTH_DATE, born, now);
    }
  else
    {
      set (d, INJ_FIELD_CORPORATE_NUMBER, "7000012050002", now);
      set (d, INJ_FIELD_CORPORATE_NAME, "テスト商事株式会社", now);
      set (d, INJ_FIELD_HEAD_OFFICE_ADDRESS, "東京都千代田区試験町一丁目1番1号", now);
      set (d, INJ_FIELD_REPRESENTATIVE_TITLE, "代表取締役", now);
      set (d, INJ_FIELD_REPRESENTATIVE_NAME, name, now);
    }
  set (d, INJ_FIELD_AGENT_NAME, agent_name, now);
  if (qualification)
    {
      set (d, INJ_FIELD_AGENT_QUALIFICATION, qualification, now);
      set (d, INJ_FIELD_AGENT_IDENTIFIER, "123456", now);
    }
  else
    set (d, INJ_FIELD_AGENT_TITLE, "経理部長", now);
  set (d, INJ_FIELD_AGENT_ADDRESS, agent_address, now);
  set (d, INJ_FIELD_AUTHORITY_SCOPE, "電子申告に関する一切の権限（TEST）", now);
  if (expired)
    {
      /* written as it is: validation without a time accepts a past period */
      g_autoptr(GDateTime) from = g_date_time_add_years (now, -2);
      g_autoptr(GDateTime) until = g_date_time_add_years (now, -1);
      g_autofree char *start = g_date_time_format (from, "%Y-%m-%d");
      g_autofree char *end = g_date_time_format (until, "%Y-%m-%d");
      set (d, INJ_FIELD_PERIOD_START, start, now);
      set (d, INJ_FIELD_PERIOD_END, end, now);
    }
  else
    {
      set (d, INJ_FIELD_PERIOD_START, "today", now);
      set (d, INJ_FIELD_PERIOD_END, end_input ? end_input : "today+1y", now);
    }
  if (subdelegation_input)
    set (d, INJ_FIELD_SUBDELEGATION, subdelegation_input, now);
  if (supersedes)
    inj_delegation_set_text (d, INJ_FIELD_SUPERSEDES, supersedes);
  return d;
}

static gboolean
write_file (const char *dir,
            const char *name,
            const void *data,
            gsize size,
            GError **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  /* fictional, but shaped like personal data: the owner's only */
  return g_file_set_contents_full (path, data, (gssize) size,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static char *
registration_json (GBytes *delegation,
                   GBytes *submission)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *d = g_base64_encode (g_bytes_get_data (delegation, NULL),
                                        g_bytes_get_size (delegation));
  g_autofree char *s = g_base64_encode (g_bytes_get_data (submission, NULL),
                                        g_bytes_get_size (submission));

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "delegation");
  json_builder_add_string_value (b, d);
  json_builder_set_member_name (b, "agentSubmission");
  json_builder_add_string_value (b, s);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

int
main (int argc,
      char **argv)
{
  g_autofree char *supersedes = NULL;
  g_autofree char *representative = NULL;
  g_autofree char *agent = NULL;
  g_autofree char *other_name = NULL;
  gboolean expired = FALSE;
  const GOptionEntry entries[] = {
    { "supersedes", 0, 0, G_OPTION_ARG_STRING, &supersedes, "Renew this 電子委任状ID", "ID" },
    { "expired", 0, 0, G_OPTION_ARG_NONE, &expired, "A period that ended a year ago", NULL },
    { "representative", 0, 0, G_OPTION_ARG_STRING, &representative, "Persona who signs the delegation (default representative)", "NAME" },
    { "agent", 0, 0, G_OPTION_ARG_STRING, &agent, "Persona who signs the submission (default agent-zeirishi)", "NAME" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &other_name, "代表者名 (氏名) to write instead of the signer's", "TEXT" },
    { "end", 0, 0, G_OPTION_ARG_STRING, &end_input, "The period's end (default today+1y)", "DATE" },
    { "subdelegation", 0, 0, G_OPTION_ARG_STRING, &subdelegation_input, "復代理の可否: allowed or not-allowed (default: not stated)", "VALUE" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("OUTDIR PERSONAS");
  g_autoptr(GError) error = NULL;
  g_autofree char *rep_dir = NULL;
  g_autofree char *agent_dir = NULL;
  g_autoptr(GKeyFile) rep_ini = NULL;
  g_autoptr(GKeyFile) agent_ini = NULL;
  g_auto(TestSoftKey) rep_key = { NULL, NULL };
  g_auto(TestSoftKey) agent_key = { NULL, NULL };
  g_autoptr(InjDelegation) d = NULL;
  g_autoptr(GBytes) delegation = NULL;
  g_autoptr(GBytes) digest = NULL;
  g_autoptr(InjSubmission) s = NULL;
  g_autoptr(GBytes) submission = NULL;
  g_autofree char *json = NULL;
  const char *outdir;

  inj_i18n_init ();
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_summary (context, "Writes delegation.xml, agent-submission.xml and "
                                         "registration.json signed with the personas' software "
                                         "keys; prints the 電子委任状ID.");
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 3)
    {
      g_printerr ("usage: make-package OUTDIR PERSONAS [--supersedes ID] [--expired] "
                  "[--representative NAME] [--agent NAME] [--name TEXT] [--end DATE]%s%s\n",
                  error ? ": " : "", error ? error->message : "");
      return 2;
    }
  outdir = argv[1];
  rep_dir = g_build_filename (argv[2], "personas", representative ? representative : "representative", NULL);
  agent_dir = g_build_filename (argv[2], "personas", agent ? agent : "agent-zeirishi", NULL);

  if ((rep_ini = load_persona (rep_dir, &error)) == NULL ||
      (agent_ini = load_persona (agent_dir, &error)) == NULL ||
      !load_key (rep_dir, &rep_key, &error) || !load_key (agent_dir, &agent_key, &error) ||
      (d = make_delegation (rep_ini, agent_ini, supersedes, expired, other_name, &error)) == NULL ||
      (delegation = inj_sign_delegation (d, test_soft_key_sign, &rep_key, &error)) == NULL ||
      (digest = inj_delegation_digest (delegation, &error)) == NULL)
    goto failed;
  s = inj_submission_new_for_delegation (inj_delegation_get_text (d, INJ_FIELD_DELEGATION_ID),
                                         digest, NULL);
  if ((submission = inj_submission_sign (s, test_soft_key_sign, &agent_key, &error)) == NULL)
    goto failed;
  json = registration_json (delegation, submission);
  if (g_mkdir_with_parents (outdir, 0700) < 0)
    {
      g_printerr ("make-package: %s: %s\n", outdir, g_strerror (errno));
      return 1;
    }
  if (!write_file (outdir, "delegation.xml", g_bytes_get_data (delegation, NULL),
                   g_bytes_get_size (delegation), &error) ||
      !write_file (outdir, "agent-submission.xml", g_bytes_get_data (submission, NULL),
                   g_bytes_get_size (submission), &error) ||
      !write_file (outdir, "registration.json", json, strlen (json), &error))
    goto failed;
  printf ("%s\n", inj_delegation_get_text (d, INJ_FIELD_DELEGATION_ID));
  return 0;

failed:
  g_printerr ("make-package: %s\n", error ? error->message : "failed");
  return 1;
}
