/* bench-make-signed.c N OUTDIR KEY.pem CERT.der: N signed delegations,
 * signed with a persona's software key (the benchmark measures the
 * verifier, not the card). */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>

#include "inj-app.h"
#include "test-soft-key.h"

int
main (int argc,
      char **argv)
{
  g_auto(TestSoftKey) soft = { NULL, NULL };
  g_autoptr(GError) load_error = NULL;
  guint n;
  g_autoptr(InjServiceProfile) profile = inj_service_profile_load_default (NULL);

  if (argc != 5)
    g_error ("usage: bench-make-signed N OUTDIR KEY.pem CERT.der");
  if (!test_soft_key_load (&soft, argv[3], argv[4], &load_error))
    g_error ("%s", load_error->message);
  n = (guint) atoi (argv[1]);
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
      xml = inj_sign_delegation (d, test_soft_key_sign, &soft, &error);
      if (xml == NULL || !g_file_set_contents (path, g_bytes_get_data (xml, NULL),
                                               (gssize) g_bytes_get_size (xml), NULL))
        g_error ("cannot make %s: %s", path, error ? error->message : "write failed");
    }
  return 0;
}
