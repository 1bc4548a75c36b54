/* test-account-store.c: the local copy of the account and of the recipient
 * registration (app/storage/inj-account-store.c), with a Secret Service of
 * the test's own (run inside with-keyring.sh): read back as saved, the
 * statement byte for byte and verified again; the file 0600 and sealed,
 * none of the 基本情報's personal data in its bytes; a changed file or a
 * changed statement refused; a write that fails leaves the previous copy.
 * The statements are signed with the personas' software keys
 * (tests/sign/sign-support.c; INJ_TEST_PERSONAS). */
#define _GNU_SOURCE /* memmem */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <glib/gstdio.h>

#include "inj-account-store.h"
#include "sign-support.h"

/* Synthetic, distinctive: none may appear in a file. */
#define ADDRESS "大阪府見本市秘匿町七丁目７番７号"
#define PHONE "06-7777-1234"
#define BIRTH "1992-02-29"

static InjAccountInfo *
proprietor_info (const char *address)
{
  InjAccountInfo *a = inj_account_info_new (INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR);

  inj_account_info_set (a, INJ_ACCOUNT_FIELD_ORGANIZATION_NAME, "見本商店");
  inj_account_info_set (a, INJ_ACCOUNT_FIELD_ORGANIZATION_ADDRESS, "大阪府大阪市北区見本町二丁目３番４号");
  inj_account_info_set (a, INJ_ACCOUNT_FIELD_REPRESENTATIVE_NAME, "見本　花子");
  inj_account_info_set (a, INJ_ACCOUNT_FIELD_REPRESENTATIVE_ADDRESS, address);
  inj_account_info_set (a, INJ_ACCOUNT_FIELD_PHONE, PHONE);
  inj_account_info_set (a, INJ_ACCOUNT_FIELD_BIRTH_DATE, BIRTH);
  return a;
}

static GBytes *
signed_registration (const char *address)
{
  g_autoptr(InjAccountInfo) info = proprietor_info (address);
  g_autoptr(InjStatement) st = inj_statement_new_registration (info);
  g_auto(SoftKey) k = sign_persona_key ("proprietor");
  g_autoptr(GError) error = NULL;
  GBytes *xml = inj_statement_sign (st, sign_soft, &k, &error);

  g_assert_no_error (error);
  g_assert_nonnull (xml);
  return xml;
}

static GBytes *
signed_recipient (void)
{
  g_autoptr(InjRecipientInfo) r = inj_recipient_info_new (INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR);
  g_autoptr(InjStatement) st = NULL;
  g_auto(SoftKey) k = sign_persona_key ("proprietor");
  g_autoptr(GError) error = NULL;
  GBytes *xml;

  inj_account_info_set (INJ_ACCOUNT_INFO (r), INJ_ACCOUNT_FIELD_ORGANIZATION_NAME, "見本商店");
  inj_account_info_set (INJ_ACCOUNT_INFO (r), INJ_ACCOUNT_FIELD_ORGANIZATION_ADDRESS,
                        "大阪府大阪市北区見本町二丁目３番４号");
  inj_account_info_set (INJ_ACCOUNT_INFO (r), INJ_ACCOUNT_FIELD_REPRESENTATIVE_NAME, "見本　花子");
  inj_account_info_set (INJ_ACCOUNT_INFO (r), INJ_ACCOUNT_FIELD_REPRESENTATIVE_ADDRESS, ADDRESS);
  inj_account_info_set (INJ_ACCOUNT_INFO (r), INJ_ACCOUNT_FIELD_BIRTH_DATE, BIRTH);
  inj_account_info_set (INJ_ACCOUNT_INFO (r), INJ_ACCOUNT_FIELD_DECLARANT_NAME, "見本　花子");
  st = inj_statement_new_recipient (r);
  xml = inj_statement_sign (st, sign_soft, &k, &error);
  g_assert_no_error (error);
  g_assert_nonnull (xml);
  return xml;
}

static InjAccountCopy *
make_copy (GBytes *statement,
           const char *state)
{
  InjAccountCopy *c = inj_account_copy_new ();

  c->account_id = g_strdup ("A-0123456789ABCDEF");
  c->kind = g_strdup ("sole-proprietor");
  c->state = g_strdup (state);
  c->version = 3;
  c->statement = g_bytes_ref (statement);
  c->refreshed_at = g_date_time_new_from_iso8601 ("2026-12-01T10:20:30+09:00", NULL);
  g_ptr_array_add (c->bindings, inj_stored_binding_new (
    "1111111111111111111111111111111111111111111111111111111111111111",
    "2026-11-01T09:00:00+09:00", FALSE));
  g_ptr_array_add (c->bindings, inj_stored_binding_new (
    "2222222222222222222222222222222222222222222222222222222222222222",
    "2026-12-01T10:00:00+09:00", TRUE));
  return c;
}

static char *
store_file (const char *role)
{
  g_autofree char *dir = inj_account_store_dir ();

  return g_build_filename (dir, role, NULL);
}

/* The file: 0600, sealed, and none of the personal data in its bytes. */
static void
assert_sealed (const char *role)
{
  g_autofree char *path = store_file (role);
  g_autofree char *dir = inj_account_store_dir ();
  const char *sentinels[] = { ADDRESS, "秘匿町", PHONE, BIRTH, "見本　花子" };
  g_autofree char *data = NULL;
  gsize len = 0;
  GStatBuf st;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (sentinels); i++)
    if (memmem (data, len, sentinels[i], strlen (sentinels[i])))
      g_error ("%s holds “%s”", path, sentinels[i]);
  g_assert_true (inj_vault_is_sealed (data, len));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
}

static InjTrustStore *trust;

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) xml = signed_registration (ADDRESS);
  g_autoptr(InjAccountCopy) copy = make_copy (xml, "confirmed");
  g_autoptr(InjAccountCopy) back = NULL;
  g_autoptr(InjStatement) st = NULL;
  InjStoredBinding *b;

  g_assert_true (inj_vault_check_available (&error));
  g_assert_no_error (error);
  /* nothing yet */
  back = inj_account_store_load (trust, NULL, NULL, &error);
  g_assert_null (back);
  g_assert_error (error, INJ_ACCOUNT_STORE_ERROR, INJ_ACCOUNT_STORE_ERROR_NONE_SAVED);
  g_clear_error (&error);

  g_assert_true (inj_account_store_save (copy, &error));
  g_assert_no_error (error);
  assert_sealed ("account");

  back = inj_account_store_load (trust, NULL, &st, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_cmpstr (back->account_id, ==, "A-0123456789ABCDEF");
  g_assert_cmpstr (back->kind, ==, "sole-proprietor");
  g_assert_cmpstr (back->state, ==, "confirmed");
  g_assert_cmpint (back->version, ==, 3);
  g_assert_true (g_bytes_equal (back->statement, xml));
  g_assert_true (g_date_time_equal (back->refreshed_at, copy->refreshed_at));
  g_assert_cmpuint (back->bindings->len, ==, 2);
  b = back->bindings->pdata[0];
  g_assert_cmpstr (b->fingerprint, ==, "1111111111111111111111111111111111111111111111111111111111111111");
  g_assert_cmpstr (b->bound_at, ==, "2026-11-01T09:00:00+09:00");
  g_assert_false (b->current);
  b = back->bindings->pdata[1];
  g_assert_cmpstr (b->fingerprint, ==, "2222222222222222222222222222222222222222222222222222222222222222");
  g_assert_true (b->current);
  /* the 基本情報 comes from the verified statement */
  g_assert_nonnull (st);
  g_assert_cmpint (inj_statement_get_kind (st), ==, INJ_STATEMENT_REGISTRATION);
  g_assert_cmpstr (inj_account_info_get (inj_statement_get_info (st),
                                         INJ_ACCOUNT_FIELD_REPRESENTATIVE_ADDRESS), ==, ADDRESS);
  g_assert_cmpstr (inj_account_info_get (inj_statement_get_info (st), INJ_ACCOUNT_FIELD_PHONE),
                   ==, PHONE);
}

/* Bytes of the sealed file changed: not decrypted. A statement changed
 * before it was sealed (what an unencrypted copy allows): not verified. A
 * copy that says another account or kind than its statement: refused. */
static void
test_tampered (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) xml = signed_registration (ADDRESS);
  g_autoptr(InjAccountCopy) copy = make_copy (xml, "confirmed");
  g_autoptr(InjAccountCopy) back = NULL;
  g_autofree char *path = store_file ("account");
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (inj_account_store_save (copy, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  data[len / 2] ^= 0x01;
  g_assert_true (g_file_set_contents (path, data, (gssize) len, NULL));
  back = inj_account_store_load (trust, NULL, NULL, &error);
  g_assert_null (back);
  g_assert_error (error, INJ_VAULT_ERROR, INJ_VAULT_ERROR_DECRYPT);
  g_clear_error (&error);

  /* the statement's address changed after it was signed */
  {
    g_autoptr(GBytes) forged = sign_replace (xml, "秘匿町", "別町町");
    g_autoptr(InjAccountCopy) bad = make_copy (forged, "confirmed");
    g_assert_true (inj_account_store_save (bad, &error));
    g_assert_no_error (error);
    back = inj_account_store_load (trust, NULL, NULL, &error);
    g_assert_null (back);
    g_assert_error (error, INJ_ACCOUNT_STORE_ERROR, INJ_ACCOUNT_STORE_ERROR_UNVERIFIED);
    g_clear_error (&error);
  }
  /* the copy says a 法人 while its statement registers a 個人事業者 */
  {
    g_autoptr(InjAccountCopy) bad = make_copy (xml, "confirmed");
    g_free (bad->kind);
    bad->kind = g_strdup ("corporation");
    g_assert_true (inj_account_store_save (bad, &error));
    g_assert_no_error (error);
    back = inj_account_store_load (trust, NULL, NULL, &error);
    g_assert_null (back);
    g_assert_error (error, INJ_ACCOUNT_STORE_ERROR, INJ_ACCOUNT_STORE_ERROR_UNVERIFIED);
    g_clear_error (&error);
  }
  /* a change of another account */
  {
    g_autoptr(InjAccountInfo) info = proprietor_info (ADDRESS);
    g_autoptr(InjStatement) st = inj_statement_new_change ("A-FFFFFFFFFFFFFFFF", info);
    g_auto(SoftKey) k = sign_persona_key ("proprietor");
    g_autoptr(GBytes) other = inj_statement_sign (st, sign_soft, &k, &error);
    g_autoptr(InjAccountCopy) bad = NULL;
    g_assert_no_error (error);
    bad = make_copy (other, "confirmed");
    g_assert_true (inj_account_store_save (bad, &error));
    g_assert_no_error (error);
    back = inj_account_store_load (trust, NULL, NULL, &error);
    g_assert_null (back);
    g_assert_error (error, INJ_ACCOUNT_STORE_ERROR, INJ_ACCOUNT_STORE_ERROR_UNVERIFIED);
    g_clear_error (&error);
  }
  /* the same change of this account is taken */
  {
    g_autoptr(InjAccountInfo) info = proprietor_info (ADDRESS);
    g_autoptr(InjStatement) st = inj_statement_new_change ("A-0123456789ABCDEF", info);
    g_auto(SoftKey) k = sign_persona_key ("proprietor");
    g_autoptr(GBytes) change = inj_statement_sign (st, sign_soft, &k, &error);
    g_autoptr(InjAccountCopy) good = NULL;
    g_assert_no_error (error);
    good = make_copy (change, "confirmed");
    g_assert_true (inj_account_store_save (good, &error));
    g_assert_no_error (error);
    back = inj_account_store_load (trust, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (back);
  }
}

/* A write that fails half way (the file size limit: EFBIG) leaves the
 * previous copy whole, and no temporary file behind. */
static void
test_failed_write (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) xml = signed_registration (ADDRESS);
  g_autoptr(InjAccountCopy) first = make_copy (xml, "pending");
  g_autoptr(InjAccountCopy) second = make_copy (xml, "confirmed");
  g_autoptr(InjAccountCopy) back = NULL;
  g_autofree char *path = store_file ("account");
  g_autofree char *dir = inj_account_store_dir ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  struct rlimit saved, small;
  gsize len = 0;
  gboolean ok;

  g_assert_true (inj_account_store_save (first, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &before, &len, NULL));
  for (guint i = 0; i < 40; i++)  /* the second copy is larger than the limit */
    g_ptr_array_add (second->bindings, inj_stored_binding_new (
      "3333333333333333333333333333333333333333333333333333333333333333",
      "2026-12-02T10:00:00+09:00", FALSE));

  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  small = saved;
  small.rlim_cur = len + 16;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);
  ok = inj_account_store_save (second, &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  g_assert_false (ok);
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);
  back = inj_account_store_load (trust, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->state, ==, "pending");
  g_assert_cmpuint (back->bindings->len, ==, 2);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name (d)))
      g_assert_true (g_str_equal (name, "account") || g_str_equal (name, "recipient"));
  }
}

/* Without a Secret Service (INJ_TEST_WITHOUT_KEYRING: the test run
 * outside with-keyring.sh): without the user's agreement nothing is
 * written; with it, the copy is written unencrypted, still 0600, and read
 * back verified; a refused write leaves that copy as it was. */
static void
test_no_secret_service (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) xml = signed_registration (ADDRESS);
  g_autoptr(InjAccountCopy) copy = make_copy (xml, "confirmed");
  g_autoptr(InjAccountCopy) back = NULL;
  g_autofree char *path = store_file ("account");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize len = 0;
  GStatBuf st;

  g_assert_false (inj_vault_check_available (NULL));
  inj_vault_set_allow_unencrypted (FALSE);
  g_assert_false (inj_account_store_save (copy, &error));
  g_assert_error (error, INJ_VAULT_ERROR, INJ_VAULT_ERROR_NO_SECRET_SERVICE);
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  inj_vault_set_allow_unencrypted (TRUE);
  g_assert_true (inj_account_store_save (copy, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &before, &len, NULL));
  g_assert_false (inj_vault_is_sealed (before, len));
  g_assert_nonnull (memmem (before, len, "id=A-0123456789ABCDEF", 21));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  back = inj_account_store_load (trust, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->account_id, ==, "A-0123456789ABCDEF");

  inj_vault_set_allow_unencrypted (FALSE);
  g_free (copy->state);
  copy->state = g_strdup ("pending");
  g_assert_false (inj_account_store_save (copy, &error));
  g_assert_error (error, INJ_VAULT_ERROR, INJ_VAULT_ERROR_NO_SECRET_SERVICE);
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);
}

static void
test_recipient (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) xml = signed_recipient ();
  g_autoptr(InjRecipientCopy) copy = inj_recipient_copy_new ();
  g_autoptr(InjRecipientCopy) back = NULL;
  g_autoptr(InjStatement) st = NULL;

  copy->recipient_id = g_strdup ("R-00000000000000AB");
  copy->registered_at = g_strdup ("2026-12-03T11:00:00+09:00");
  copy->statement = g_bytes_ref (xml);
  g_assert_true (inj_recipient_store_save (copy, &error));
  g_assert_no_error (error);
  assert_sealed ("recipient");
  back = inj_recipient_store_load (trust, NULL, &st, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->recipient_id, ==, "R-00000000000000AB");
  g_assert_cmpstr (back->registered_at, ==, "2026-12-03T11:00:00+09:00");
  g_assert_true (g_bytes_equal (back->statement, xml));
  g_assert_cmpint (inj_statement_get_kind (st), ==, INJ_STATEMENT_RECIPIENT);
  g_clear_pointer (&back, inj_recipient_copy_free);
  g_clear_object (&st);

  /* an account's statement in the recipient's copy is not a registration */
  {
    g_autoptr(GBytes) other = signed_registration (ADDRESS);
    g_clear_pointer (&copy->statement, g_bytes_unref);
    copy->statement = g_bytes_ref (other);
    g_assert_true (inj_recipient_store_save (copy, &error));
    g_assert_no_error (error);
    back = inj_recipient_store_load (trust, NULL, NULL, &error);
    g_assert_null (back);
    g_assert_error (error, INJ_ACCOUNT_STORE_ERROR, INJ_ACCOUNT_STORE_ERROR_UNVERIFIED);
    g_clear_error (&error);
  }
  /* forgotten: both copies gone */
  g_assert_true (inj_account_store_forget (&error));
  g_assert_no_error (error);
  back = inj_recipient_store_load (trust, NULL, NULL, &error);
  g_assert_error (error, INJ_ACCOUNT_STORE_ERROR, INJ_ACCOUNT_STORE_ERROR_NONE_SAVED);
}

int
main (int argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  sign_personas = g_strdup (g_getenv ("INJ_TEST_PERSONAS"));
  g_assert_nonnull (sign_personas);
  sign_work = g_dir_make_tmp ("ininjo-account-store-XXXXXX", &error);
  g_assert_no_error (error);
  {
    g_autofree char *data = g_build_filename (sign_work, "data", NULL);
    g_setenv ("XDG_DATA_HOME", data, TRUE);
  }
  inj_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  trust = sign_trust ();
  if (g_getenv ("INJ_TEST_WITHOUT_KEYRING"))
    g_test_add_func ("/vault/account-store/no-secret-service", test_no_secret_service);
  else
    {
      g_test_add_func ("/vault/account-store/round-trip", test_round_trip);
      g_test_add_func ("/vault/account-store/tampered", test_tampered);
      g_test_add_func ("/vault/account-store/failed-write", test_failed_write);
      g_test_add_func ("/vault/account-store/recipient", test_recipient);
    }
  status = g_test_run ();
  g_object_unref (trust);
  {
    const char *argv_rm[] = { "rm", "-rf", sign_work, NULL };
    g_spawn_sync (NULL, (char **) argv_rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                  NULL, NULL);
  }
  inj_vault_shutdown ();
  return status;
}
