/* test-holder.c: whose card signs (inj_holder_check): the signing
 * certificate's 氏名 against the delegation's representative or agent,
 * width and spaces folded; one certificate never both; the messages name
 * the role, never the person. */
#include "config.h"

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

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  personas = g_strdup (g_getenv ("INJ_TEST_PERSONAS"));
  if (personas == NULL)
    g_error ("INJ_TEST_PERSONAS is not set: run through meson (it generates the personas)");
  g_test_add_func ("/holder/roles", test_roles);
  g_test_add_func ("/holder/same-certificate", test_same_certificate);
  g_test_add_func ("/holder/folding", test_folding);
  return g_test_run ();
}
