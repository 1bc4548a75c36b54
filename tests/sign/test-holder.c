/* test-holder.c: whose card signs (inj_holder_check): the signing
 * certificate's 氏名 against the delegation's representative or agent,
 * width and spaces folded; one certificate never both; the messages name
 * the role, never the person. */
#include "config.h"

#include <string.h>

#include "inj-app.h"
#include "inj-holder.h"

static char *personas;

static GBytes *
sign_cert (const char *persona)
{
  g_autofree char *path = g_build_filename (personas, "personas", persona, "sign-cert.der", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, &error);

  g_assert_no_error (error);
  return g_mapped_file_get_bytes (file);
}

static InjDelegation *
delegation (InjPrincipalKind kind,
            const char *principal,
            const char *agent)
{
  g_autoptr(InjServiceProfile) profile = inj_service_profile_load_default (NULL);
  g_autoptr(GDateTime) now = inj_date_now ();
  InjDelegation *d = inj_delegation_create (kind, profile, now);

  inj_delegation_set_input (d, kind == INJ_PRINCIPAL_KIND_CORPORATION
                               ? INJ_FIELD_REPRESENTATIVE_NAME : INJ_FIELD_PROPRIETOR_NAME,
                            principal, now);
  inj_delegation_set_input (d, INJ_FIELD_AGENT_NAME, agent, now);
  return d;
}

static void
test_roles (void)
{
  g_autoptr(GBytes) rep = sign_cert ("representative");     /* 試験　太郎 */
  g_autoptr(GBytes) agent = sign_cert ("agent-zeirishi");   /* 髙橋　テスト */
  g_autoptr(InjDelegation) d = delegation (INJ_PRINCIPAL_KIND_CORPORATION,
                                           "試験 太郎", "髙橋 テスト");
  g_autoptr(GError) error = NULL;

  g_assert_true (inj_holder_check (d, INJ_HOLDER_REPRESENTATIVE, rep, agent, &error));
  g_assert_no_error (error);
  g_assert_true (inj_holder_check (d, INJ_HOLDER_AGENT, agent, rep, &error));
  g_assert_no_error (error);
  /* without the other's certificate too (the agent signs first) */
  g_assert_true (inj_holder_check (d, INJ_HOLDER_AGENT, agent, NULL, &error));
  g_assert_no_error (error);

  /* each card taken for the other one's */
  g_assert_false (inj_holder_check (d, INJ_HOLDER_REPRESENTATIVE, agent, NULL, &error));
  g_assert_error (error, INJ_SIGNATURE_ERROR, INJ_SIGNATURE_ERROR_HOLDER);
  g_assert_null (g_strstr_len (error->message, -1, "髙橋"));
  g_assert_null (g_strstr_len (error->message, -1, "試験"));
  g_clear_error (&error);
  g_assert_false (inj_holder_check (d, INJ_HOLDER_AGENT, rep, NULL, &error));
  g_assert_error (error, INJ_SIGNATURE_ERROR, INJ_SIGNATURE_ERROR_HOLDER);
  g_assert_null (g_strstr_len (error->message, -1, "髙橋"));
  g_assert_null (g_strstr_len (error->message, -1, "試験"));
  g_clear_error (&error);
}

/* A delegation whose representative and agent are one name still needs two
 * cards: the same certificate is refused for the second role. */
static void
test_same_certificate (void)
{
  g_autoptr(GBytes) rep = sign_cert ("representative");
  g_autoptr(GBytes) copy = g_bytes_new (g_bytes_get_data (rep, NULL), g_bytes_get_size (rep));
  g_autoptr(InjDelegation) d = delegation (INJ_PRINCIPAL_KIND_CORPORATION,
                                           "試験 太郎", "試験　太郎");
  g_autoptr(GError) error = NULL;

  g_assert_false (inj_holder_check (d, INJ_HOLDER_REPRESENTATIVE, rep, copy, &error));
  g_assert_error (error, INJ_SIGNATURE_ERROR, INJ_SIGNATURE_ERROR_HOLDER);
  /* said first, then what to do (the tests run with LANGUAGE=ja) */
  g_assert_true (g_str_has_prefix (error->message, "代表者と受任者に同じ証明書は使えません。"));
  g_assert_nonnull (strstr (error->message, "代表者のカードを選んでください"));
  g_clear_error (&error);
  g_assert_false (inj_holder_check (d, INJ_HOLDER_AGENT, rep, copy, &error));
  g_assert_error (error, INJ_SIGNATURE_ERROR, INJ_SIGNATURE_ERROR_HOLDER);
  g_clear_error (&error);
  /* the names alone would pass */
  g_assert_true (inj_holder_check (d, INJ_HOLDER_AGENT, rep, NULL, &error));
  g_assert_no_error (error);
}

/* Width and spaces are folded as inj_names_match does; a sole proprietor
 * is compared with 氏名. */
static void
test_folding (void)
{
  g_autoptr(GBytes) rep = sign_cert ("representative");
  g_autoptr(InjDelegation) folded = delegation (INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR,
                                                " 試験太郎 ", "別人 花子");
  g_autoptr(InjDelegation) other = delegation (INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR,
                                               "試験 次郎", "別人 花子");
  g_autoptr(GError) error = NULL;

  g_assert_true (inj_holder_check (folded, INJ_HOLDER_REPRESENTATIVE, rep, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (inj_holder_check (other, INJ_HOLDER_REPRESENTATIVE, rep, NULL, &error));
  g_assert_error (error, INJ_SIGNATURE_ERROR, INJ_SIGNATURE_ERROR_HOLDER);
}

/* The agent's certificate against the delegation, before a submission is
 * kept: the same name (folded), another one for the user to decide on, or
 * the representative's, which is never offered. */
static void
test_match_agent (void)
{
  g_autoptr(GBytes) rep_der = sign_cert ("representative");
  g_autoptr(GBytes) agent_der = sign_cert ("agent-zeirishi");     /* 髙橋　テスト */
  g_autoptr(InjCertificate) rep = inj_certificate_new_from_der (rep_der, NULL);
  g_autoptr(InjCertificate) agent = inj_certificate_new_from_der (agent_der, NULL);
  g_autoptr(InjDelegation) same = delegation (INJ_PRINCIPAL_KIND_CORPORATION,
                                              "試験 太郎", "髙橋テスト");
  g_autoptr(InjDelegation) wide = delegation (INJ_PRINCIPAL_KIND_CORPORATION,
                                              "試験 太郎", "髙橋　ﾃｽﾄ");
  /* 高 for 髙: two characters, not a width: a person decides */
  g_autoptr(InjDelegation) other = delegation (INJ_PRINCIPAL_KIND_CORPORATION,
                                               "試験 太郎", "高橋 テスト");
  g_autoptr(InjDelegation) proprietor = delegation (INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR,
                                                    "試験太郎", "高橋 テスト");

  g_assert_nonnull (rep);
  g_assert_nonnull (agent);
  g_assert_cmpint (inj_holder_match_agent (same, agent, NULL), ==, INJ_AGENT_MATCH_SAME);
  g_assert_cmpint (inj_holder_match_agent (wide, agent, NULL), ==, INJ_AGENT_MATCH_SAME);
  g_assert_cmpint (inj_holder_match_agent (same, agent, rep_der), ==, INJ_AGENT_MATCH_SAME);
  g_assert_cmpint (inj_holder_match_agent (other, agent, NULL), ==, INJ_AGENT_MATCH_DIFFERENT);
  /* the representative's card at the agent's desk */
  g_assert_cmpint (inj_holder_match_agent (other, rep, NULL), ==,
                   INJ_AGENT_MATCH_REPRESENTATIVE);
  g_assert_cmpint (inj_holder_match_agent (proprietor, rep, NULL), ==,
                   INJ_AGENT_MATCH_REPRESENTATIVE);
  /* the representative's own certificate, whatever the names say */
  g_assert_cmpint (inj_holder_match_agent (same, agent, agent_der), ==,
                   INJ_AGENT_MATCH_REPRESENTATIVE);
  g_assert_true (inj_holder_same_certificate (agent_der, agent_der));
  g_assert_false (inj_holder_same_certificate (agent_der, rep_der));
  g_assert_false (inj_holder_same_certificate (agent_der, NULL));
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  inj_i18n_init ();
  personas = g_strdup (g_getenv ("INJ_TEST_PERSONAS"));
  if (personas == NULL)
    g_error ("INJ_TEST_PERSONAS is not set: run through meson (it generates the personas)");
  g_test_add_func ("/holder/roles", test_roles);
  g_test_add_func ("/holder/same-certificate", test_same_certificate);
  g_test_add_func ("/holder/folding", test_folding);
  g_test_add_func ("/holder/match-agent", test_match_agent);
  return g_test_run ();
}
