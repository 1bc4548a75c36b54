/* sign-support.c: what the signature tests share: the personas' software
 * keys as an InjDsigSignFunc, a delegation to sign, the verifier with the
 * TEST roots, xmlsec1 as the independent check, and byte surgery on XML. */
#include "config.h"

#include <string.h>

#include "sign-support.h"

char *sign_personas;
char *sign_weak;
char *sign_work;

char *
sign_persona_file (const char *persona,
                   const char *file)
{
  return g_build_filename (sign_personas, "personas", persona, file, NULL);
}

char *
sign_ca (void)
{
  return g_build_filename (sign_personas, "ca", "sign-ca.pem", NULL);
}

/* ------------------------------------------------------ software signer */

/* The persona's key, loaded for each signature (the tests are few). */
GBytes *
sign_soft (GBytes *sha256,
           GBytes **certificate,
           gpointer user_data,
           GError **error)
{
  SoftKey *k = user_data;
  g_auto(TestSoftKey) key = { NULL, NULL };

  if (!test_soft_key_load (&key, k->key, k->cert, error))
    return NULL;
  return test_soft_key_sign (sha256, certificate, &key, error);
}

SoftKey
sign_persona_key (const char *persona)
{
  SoftKey k = { sign_persona_file (persona, "sign-key.pem"), sign_persona_file (persona, "sign-cert.der") };
  return k;
}

SoftKey
sign_weak_key (const char *name)
{
  SoftKey k = { g_build_filename (sign_weak, name, "key.pem", NULL),
                g_build_filename (sign_weak, name, "cert.der", NULL) };
  return k;
}

void
sign_soft_key_clear (SoftKey *k)
{
  g_free (k->key);
  g_free (k->cert);
}

/* -------------------------------------------------------------- helpers */

InjDelegation *
sign_new_delegation_at (const char *representative,
                        GDateTime *at)
{
  g_autoptr(InjServiceProfile) profile = inj_service_profile_load_default (NULL);
  InjDelegation *d = inj_delegation_create (INJ_PRINCIPAL_KIND_CORPORATION, profile, at);

  inj_delegation_set_input (d, INJ_FIELD_CORPORATE_NUMBER, "7000012050002", at);
  inj_delegation_set_input (d, INJ_FIELD_CORPORATE_NAME, "テスト商事株式会社", at);
  inj_delegation_set_input (d, INJ_FIELD_HEAD_OFFICE_ADDRESS, "東京都千代田区試験町一丁目1番1号", at);
  inj_delegation_set_input (d, INJ_FIELD_REPRESENTATIVE_TITLE, "代表取締役", at);
  inj_delegation_set_input (d, INJ_FIELD_REPRESENTATIVE_NAME, representative, at);
  inj_delegation_set_input (d, INJ_FIELD_AGENT_NAME, "髙橋 テスト", at);
  inj_delegation_set_input (d, INJ_FIELD_AGENT_QUALIFICATION, "税理士", at);
  inj_delegation_set_input (d, INJ_FIELD_AGENT_ADDRESS, "愛知県名古屋市中区模擬町四丁目7番8号", at);
  inj_delegation_set_input (d, INJ_FIELD_AGENT_IDENTIFIER, "123456", at);
  inj_delegation_set_input (d, INJ_FIELD_AUTHORITY_SCOPE, "電子申告に関する一切の権限", at);
  inj_delegation_set_input (d, INJ_FIELD_PERIOD_START, "today", at);
  inj_delegation_set_input (d, INJ_FIELD_PERIOD_END, "today+1y", at);
  return d;
}

InjDelegation *
sign_new_delegation (const char *representative)
{
  g_autoptr(GDateTime) now = inj_date_now ();

  return sign_new_delegation_at (representative, now);
}

GBytes *
sign_delegation_with (InjDelegation *d,
                      SoftKey *k)
{
  g_autoptr(GError) error = NULL;
  GBytes *xml = inj_sign_delegation (d, sign_soft, k, &error);

  g_assert_no_error (error);
  return xml;
}

char *
sign_write_temp (GBytes *bytes,
                 const char *name)
{
  char *path = g_build_filename (sign_work, name, NULL);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                      (gssize) g_bytes_get_size (bytes), NULL));
  return path;
}

/* The independent check: the xmlsec1 command (OpenSSL backend). */
gboolean
sign_xmlsec1_verifies (GBytes *bytes)
{
  g_autofree char *path = sign_write_temp (bytes, "xmlsec1-check.xml");
  /* --trusted-pem reads only a file's first certificate: one per generation */
  g_autofree char *ca2023 = g_build_filename (sign_personas, "ca", "sign-ca-2023.pem", NULL);
  g_autofree char *ca2019 = g_build_filename (sign_personas, "ca", "sign-ca-2019.pem", NULL);
  g_autofree char *ca2015 = g_build_filename (sign_personas, "ca", "sign-ca-2015.pem", NULL);
  const char *argv[] = { "xmlsec1", "--verify", "--trusted-pem", ca2023, "--trusted-pem", ca2019,
                         "--trusted-pem", ca2015, path, NULL };
  int status = -1;
  g_autoptr(GError) error = NULL;

  g_spawn_sync (NULL, (char **) argv, NULL,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  if (error)
    g_error ("xmlsec1 cannot be run (Debian package xmlsec1): %s", error->message);
  return g_spawn_check_wait_status (status, NULL);
}

InjTrustStore *
sign_trust (void)
{
  g_autofree char *ca = sign_ca ();
  InjTrustStore *t = inj_trust_store_new_jpki_signing ();
  g_assert_true (inj_trust_store_add_file (t, ca, NULL));
  return t;
}

InjVerification *
sign_verify (GBytes *xml)
{
  g_autoptr(InjTrustStore) t = sign_trust ();
  g_autoptr(GError) error = NULL;
  InjVerification *v = inj_verify_delegation (xml, t, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (v);
  return v;
}

const InjCheck *
sign_first_failure (InjVerification *v)
{
  GPtrArray *checks = inj_verification_get_checks (v);
  for (guint i = 0; i < checks->len; i++)
    if (((InjCheck *) checks->pdata[i])->result == INJ_CHECK_FAILED)
      return checks->pdata[i];
  return NULL;
}

/* ------------------------------------------------------ XML surgery */

GBytes *
sign_replace (GBytes *xml,
              const char *from,
              const char *to)
{
  g_autoptr(GString) s = g_string_new_len (g_bytes_get_data (xml, NULL),
                                           (gssize) g_bytes_get_size (xml));
  g_assert_nonnull (strstr (s->str, from));
  g_string_replace (s, from, to, 1);
  return g_bytes_new (s->str, s->len);
}

char *
sign_between (GBytes *xml,
              const char *open,
              const char *close)
{
  /* GBytes are not NUL-terminated: search a terminated copy */
  g_autofree char *s = g_strndup (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml));
  const char *a = strstr (s, open);
  const char *b = a ? strstr (a, close) : NULL;
  g_assert_nonnull (b);
  return g_strndup (a + strlen (open), b - a - strlen (open));
}

GBytes *
sign_signed_by (const char *persona)
{
  g_auto(SoftKey) k = sign_persona_key (persona);
  g_autoptr(InjDelegation) d = sign_new_delegation ("試験 太郎");
  return sign_delegation_with (d, &k);
}
