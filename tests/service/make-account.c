/* make-account.c: a persona's signed account statement for the service
 * (data/ininjo-account-1.xsd), without a card: what the operator's web
 * page or the client would send, signed with the persona's software key.
 *
 *   make-account PERSONAS PERSONA KIND [options] > statement.xml
 *
 * KIND is registration, change, rebinding, termination or recipient. The
 * 基本情報 comes from the persona (its 氏名 and 住所 as 代表者名 and
 * 代表者住所, a 法人 for a representative, a 個人事業者 for a proprietor;
 * the organisation's items are the fixed TEST ones make-package writes).
 *
 *   --account-id ID        change, rebinding, termination
 *   --name TEXT            another 代表者名 than the signer's
 *   --address TEXT         another 代表者住所 than the signer's
 *   --organization TEXT    another 組織名称 / 屋号
 *   --cert FILE            rebinding: the new client certificate (PEM or DER)
 *   --delegation FILE      termination: the stored signed delegation
 *   --delegation-id ID     termination
 *   --created-at TIME      CreatedAt other than now (ISO 8601)
 *
 * The statement goes to standard output; nothing else is written. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "inj-app.h"
#include "inj-statement.h"
#include "test-soft-key.h"

static char *opt_account_id, *opt_name, *opt_address, *opt_organization;
static char *opt_cert, *opt_delegation, *opt_delegation_id, *opt_created_at;

static InjAccountInfo *
info_from_persona (GKeyFile *ini,
                   gboolean recipient)
{
  g_autofree char *role = g_key_file_get_string (ini, "expect", "role", NULL);
  g_autofree char *name = g_key_file_get_string (ini, "san", "name", NULL);
  g_autofree char *address = g_key_file_get_string (ini, "san", "address", NULL);
  g_autofree char *birth = g_key_file_get_string (ini, "san", "birth-date", NULL);
  gboolean sole = g_strcmp0 (role, "proprietor") == 0;
  InjPrincipalKind kind = sole ? INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR : INJ_PRINCIPAL_KIND_CORPORATION;
  InjAccountInfo *info = recipient ? INJ_ACCOUNT_INFO (inj_recipient_info_new (kind))
                                   : inj_account_info_new (kind);

  if (sole)
    {
      inj_account_info_set (info, INJ_ACCOUNT_FIELD_ORGANIZATION_NAME, "テスト見本商店");
      inj_account_info_set (info, INJ_ACCOUNT_FIELD_ORGANIZATION_ADDRESS, address);
      if (birth && strlen (birth) == 9)
        {
          /* era digit + YYYYMMDD */
          g_autofree char *born = g_strdup_printf ("%.4s-%.2s-%.2s", birth + 1, birth + 5, birth + 7);
          inj_account_info_set (info, INJ_ACCOUNT_FIELD_BIRTH_DATE, born);
        }
    }
  else
    {
      inj_account_info_set (info, INJ_ACCOUNT_FIELD_CORPORATE_NUMBER, "7000012050002");
      inj_account_info_set (info, INJ_ACCOUNT_FIELD_ORGANIZATION_NAME,
                            recipient ? "テスト受領株式会社" : "テスト商事株式会社");
      inj_account_info_set (info, INJ_ACCOUNT_FIELD_ORGANIZATION_ADDRESS,
                            "東京都千代田区試験町一丁目1番1号");
      inj_account_info_set (info, INJ_ACCOUNT_FIELD_REPRESENTATIVE_TITLE, "代表取締役");
    }
  inj_account_info_set (info, INJ_ACCOUNT_FIELD_REPRESENTATIVE_NAME, opt_name ? opt_name : name);
  inj_account_info_set (info, INJ_ACCOUNT_FIELD_REPRESENTATIVE_ADDRESS,
                        opt_address ? opt_address : address);
  inj_account_info_set (info, INJ_ACCOUNT_FIELD_PHONE, "03-0000-0000");
  inj_account_info_set (info, INJ_ACCOUNT_FIELD_DECLARANT_NAME, name);
  if (opt_organization)
    inj_account_info_set (info, INJ_ACCOUNT_FIELD_ORGANIZATION_NAME, opt_organization);
  return info;
}

/* The SHA-256 of a certificate's DER, from a PEM or DER file. */
static char *
cert_sha256 (const char *path,
             GError **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  gnutls_x509_crt_t crt = NULL;
  gnutls_datum_t in, der = { NULL, 0 };
  g_autoptr(GBytes) bytes = NULL;
  int rc;

  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;
  in = (gnutls_datum_t) { (unsigned char *) data, (unsigned int) length };
  gnutls_x509_crt_init (&crt);
  rc = gnutls_x509_crt_import (crt, &in, GNUTLS_X509_FMT_PEM);
  if (rc < 0)
    rc = gnutls_x509_crt_import (crt, &in, GNUTLS_X509_FMT_DER);
  if (rc >= 0)
    rc = gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_DER, &der);
  gnutls_x509_crt_deinit (crt);
  if (rc < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: not a certificate", path);
      return NULL;
    }
  bytes = g_bytes_new (der.data, der.size);
  gnutls_free (der.data);
  return inj_statement_sha256_hex (bytes);
}

static InjStatement *
make_statement (const char *kind,
                GKeyFile *ini,
                GError **error)
{
  if (g_str_equal (kind, "registration") || g_str_equal (kind, "recipient"))
    {
      g_autoptr(InjAccountInfo) info = info_from_persona (ini, g_str_equal (kind, "recipient"));
      return g_str_equal (kind, "recipient")
               ? inj_statement_new_recipient (INJ_RECIPIENT_INFO (info))
               : inj_statement_new_registration (info);
    }
  if (opt_account_id == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "%s needs --account-id", kind);
      return NULL;
    }
  if (g_str_equal (kind, "change"))
    {
      g_autoptr(InjAccountInfo) info = info_from_persona (ini, FALSE);
      return inj_statement_new_change (opt_account_id, info);
    }
  if (g_str_equal (kind, "rebinding"))
    {
      g_autofree char *hash = opt_cert ? cert_sha256 (opt_cert, error) : NULL;
      if (hash == NULL && opt_cert == NULL)
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "rebinding needs --cert");
      return hash ? inj_statement_new_rebinding (opt_account_id, hash) : NULL;
    }
  if (g_str_equal (kind, "termination"))
    {
      g_autofree char *data = NULL;
      gsize length = 0;
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *digest = NULL;
      g_autoptr(GDateTime) now = inj_date_now ();

      if (opt_delegation == NULL || opt_delegation_id == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                       "termination needs --delegation and --delegation-id");
          return NULL;
        }
      if (!g_file_get_contents (opt_delegation, &data, &length, error))
        return NULL;
      bytes = g_bytes_new_take (g_steal_pointer (&data), length);
      digest = inj_statement_sha256_hex (bytes);
      return inj_statement_new_termination (opt_account_id, opt_delegation_id, digest,
                                            "受任者の退職（TEST）", now);
    }
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "unknown statement %s", kind);
  return NULL;
}

int
main (int argc,
      char **argv)
{
  const GOptionEntry entries[] = {
    { "account-id", 0, 0, G_OPTION_ARG_STRING, &opt_account_id, "The account (change, rebinding, termination)", "ID" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &opt_name, "代表者名 other than the signer's", "TEXT" },
    { "address", 0, 0, G_OPTION_ARG_STRING, &opt_address, "代表者住所 other than the signer's", "TEXT" },
    { "organization", 0, 0, G_OPTION_ARG_STRING, &opt_organization, "組織名称 / 屋号", "TEXT" },
    { "cert", 0, 0, G_OPTION_ARG_FILENAME, &opt_cert, "Rebinding: the new client certificate", "FILE" },
    { "delegation", 0, 0, G_OPTION_ARG_FILENAME, &opt_delegation, "Termination: the signed delegation", "FILE" },
    { "delegation-id", 0, 0, G_OPTION_ARG_STRING, &opt_delegation_id, "Termination: its 電子委任状ID", "ID" },
    { "created-at", 0, 0, G_OPTION_ARG_STRING, &opt_created_at, "CreatedAt (ISO 8601; default now)", "TIME" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("PERSONAS PERSONA KIND");
  g_autoptr(GError) error = NULL;
  g_autoptr(GKeyFile) ini = g_key_file_new ();
  g_autoptr(InjStatement) st = NULL;
  g_autoptr(GBytes) signed_xml = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *ini_path = NULL;
  g_autofree char *key_path = NULL;
  g_autofree char *cert_path = NULL;
  g_auto(TestSoftKey) key = { NULL, NULL };

  inj_i18n_init ();
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_summary (context, "KIND: registration, change, rebinding, termination, "
                                         "recipient. The signed statement goes to standard output.");
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 4)
    {
      g_printerr ("usage: make-account PERSONAS PERSONA KIND [OPTION…]%s%s\n", error ? ": " : "",
                  error ? error->message : "");
      return 2;
    }
  dir = g_build_filename (argv[1], "personas", argv[2], NULL);
  ini_path = g_build_filename (dir, "persona.ini", NULL);
  key_path = g_build_filename (dir, "sign-key.pem", NULL);
  cert_path = g_build_filename (dir, "sign-cert.der", NULL);
  if (!g_key_file_load_from_file (ini, ini_path, G_KEY_FILE_NONE, &error) ||
      !test_soft_key_load (&key, key_path, cert_path, &error) ||
      (st = make_statement (argv[3], ini, &error)) == NULL)
    goto failed;
  if (opt_created_at)
    {
      g_autoptr(GTimeZone) jst = inj_date_jst ();
      g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (opt_created_at, jst);
      if (when == NULL)
        {
          g_printerr ("make-account: --created-at %s: not ISO 8601\n", opt_created_at);
          return 2;
        }
      inj_statement_set_created_at (st, when);
    }
  if ((signed_xml = inj_statement_sign (st, test_soft_key_sign, &key, &error)) == NULL)
    goto failed;
  fwrite (g_bytes_get_data (signed_xml, NULL), 1, g_bytes_get_size (signed_xml), stdout);
  return fflush (stdout) == 0 ? 0 : 1;

failed:
  g_printerr ("make-account: %s\n", error ? error->message : "failed");
  return 1;
}
