/* bench-make-signed.c N OUTDIR KEY.pem CERT.der: N signed delegations,
 * signed with a persona's software key (the benchmark measures the
 * verifier, not the card). */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>

#include "inj-app.h"

typedef struct {
  gnutls_privkey_t key;
  GBytes *cert;
} Soft;

static GBytes *
soft_sign (GBytes *sha256,
           GBytes **certificate,
           gpointer user_data,
           GError **error)
{
  static const guint8 prefix[] = { 0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                    0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20 };
  Soft *s = user_data;
  guint8 info[sizeof prefix + 32];
  gnutls_datum_t in = { info, sizeof info }, sig = { NULL, 0 };
  GBytes *out;

  memcpy (info, prefix, sizeof prefix);
  memcpy (info + sizeof prefix, g_bytes_get_data (sha256, NULL), 32);
  if (gnutls_privkey_sign_hash (s->key, GNUTLS_DIG_SHA256, GNUTLS_PRIVKEY_SIGN_FLAG_TLS1_RSA, &in,
                                &sig) < 0)
    g_error ("software signing failed");
  out = g_bytes_new (sig.data, sig.size);
  gnutls_free (sig.data);
  *certificate = g_bytes_ref (s->cert);
  return out;
}

int
main (int argc,
      char **argv)
{
  g_autofree char *pem = NULL;
  g_autofree char *der = NULL;
  gsize pem_len, der_len;
  gnutls_datum_t kd;
  Soft soft;
  guint n;
  g_autoptr(InjServiceProfile) profile = inj_service_profile_load_default (NULL);

  if (argc != 5 || !g_file_get_contents (argv[3], &pem, &pem_len, NULL) ||
      !g_file_get_contents (argv[4], &der, &der_len, NULL))
    g_error ("usage: bench-make-signed N OUTDIR KEY.pem CERT.der");
  n = (guint) atoi (argv[1]);
  kd.data = (unsigned char *) pem;
  kd.size = (unsigned) pem_len;
  gnutls_privkey_init (&soft.key);
  if (gnutls_privkey_import_x509_raw (soft.key, &kd, GNUTLS_X509_FMT_PEM, NULL, 0) < 0)
    g_error ("cannot read %s", argv[3]);
  soft.cert = g_bytes_new (der, der_len);
  g_mkdir_with_parents (argv[2], 0700);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) now = inj_date_now ();
      g_autoptr(InjDelegation) d = inj_delegation_create (INJ_PRINCIPAL_KIND_CORPORATION, profile, now);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) xml = NULL;
      g_autofree char *path = g_strdup_printf ("%s/%04u.xml", argv[2], i);
      g_autofree char *scope = g_strdup_printf ("電子入札に関する権限（第%u号）", i);

      inj_delegation_set_input (d, INJ_FIELD_CORPORATE_NUMBER, "7000012050002", now);
      inj_delegation_set_input (d, INJ_FIELD_CORPORATE_NAME, "テスト商事株式会社", now);
      inj_delegation_set_input (d, INJ_FIELD_HEAD_OFFICE_ADDRESS, "東京都千代田区試験町1番", now);
      inj_delegation_set_input (d, INJ_FIELD_REPRESENTATIVE_TITLE, "代表取締役", now);
      inj_delegation_set_input (d, INJ_FIELD_REPRESENTATIVE_NAME, "試験 太郎", now);
      inj_delegation_set_input (d, INJ_FIELD_AGENT_NAME, "検証 花子", now);
      inj_delegation_set_input (d, INJ_FIELD_AGENT_TITLE, "経理部長", now);
      inj_delegation_set_input (d, INJ_FIELD_AGENT_ADDRESS, "大阪府大阪市北区検証通2番", now);
      inj_delegation_set_input (d, INJ_FIELD_AUTHORITY_SCOPE, scope, now);
      inj_delegation_set_input (d, INJ_FIELD_PERIOD_START, "today", now);
      inj_delegation_set_input (d, INJ_FIELD_PERIOD_END, "today+1y", now);
      xml = inj_sign_delegation (d, soft_sign, &soft, &error);
      if (xml == NULL || !g_file_set_contents (path, g_bytes_get_data (xml, NULL),
                                               (gssize) g_bytes_get_size (xml), NULL))
        g_error ("cannot make %s: %s", path, error ? error->message : "write failed");
    }
  gnutls_privkey_deinit (soft.key);
  g_bytes_unref (soft.cert);
  return 0;
}
