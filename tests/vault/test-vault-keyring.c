/* test-vault-keyring.c: drafts and outbox packages written through the real
 * code with a Secret Service (gnome-keyring-daemon in a private D-Bus
 * session: run inside with-keyring.sh) hold none of the personal data's
 * bytes on disk, are read back, and "ininjo-cli erase --yes" leaves no file
 * under the user's data, state and cache directories and no key.
 * INJ_TEST_CLI: the CLI. */
#define _GNU_SOURCE /* memmem */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "inj-app.h"
#include "inj-draft.h"

/* Sentinels: a name, an address, a date of birth (synthetic). */
#define NAME "センチネル 太郎"
#define ADDRESS "秘密県センチネル市九丁目9番9号"
#define BIRTH "1989-01-08"
#define DRAFT_TEXT "[principal]\nkind = corporation\nrepresentative-name = " NAME "\n" \
                   "head-office-address = " ADDRESS "\n[agent]\nname = " NAME "\n"
#define XML_TEXT "<Delegation><Name>" NAME "</Name><Address>" ADDRESS "</Address>" \
                 "<BirthDate>" BIRTH "</BirthDate></Delegation>"

static char *home;

static void
collect_files (const char *dir,
               GPtrArray *out)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect_files (path, out);
      else
        g_ptr_array_add (out, g_steal_pointer (&path));
    }
}

/* Every byte of every file under the home: none of the sentinels. */
static guint
assert_no_personal_data (void)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  const char *sentinels[] = { "センチネル", "秘密県", BIRTH, "太郎" };

  collect_files (home, files);
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *data = NULL;
      gsize len = 0;
      GStatBuf st;

      g_assert_true (g_file_get_contents (files->pdata[i], &data, &len, NULL));
      for (guint j = 0; j < G_N_ELEMENTS (sentinels); j++)
        if (memmem (data, len, sentinels[j], strlen (sentinels[j])))
          g_error ("%s holds “%s”", (char *) files->pdata[i], sentinels[j]);
      g_assert_true (inj_vault_is_sealed (data, len));
      g_assert_cmpint (g_stat (files->pdata[i], &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    }
  return files->len;
}

static void
test_draft (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = inj_draft_default_dir ();
  g_autofree char *path = g_build_filename (dir, "DRAFT-1.ini", NULL);
  g_autofree char *back = NULL;
  gsize len = 0;

  g_assert_true (inj_vault_check_available (&error));
  g_assert_no_error (error);
  g_assert_true (inj_draft_write (path, DRAFT_TEXT, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (assert_no_personal_data (), ==, 1);
  back = inj_draft_read (path, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back, ==, DRAFT_TEXT);
  g_assert_cmpuint (len, ==, strlen (DRAFT_TEXT));
  {
    g_autofree char *latest = inj_draft_find_latest (dir);
    g_assert_cmpstr (latest, ==, path);
  }
}

static void
test_outbox (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) xml = g_bytes_new_static (XML_TEXT, strlen (XML_TEXT));
  g_autofree char *stored = inj_outbox_store ("PKG-1", xml, xml, &error);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GBytes) back = NULL;
  InjPackage *p;

  g_assert_no_error (error);
  g_assert_nonnull (stored);
  assert_no_personal_data ();
  list = inj_outbox_list (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  p = list->pdata[0];
  g_assert_cmpstr (p->delegation_id, ==, "PKG-1");
  g_assert_cmpstr (p->state, ==, "ready");
  back = inj_package_read (p, "delegation.xml", &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (back, NULL), g_bytes_get_size (back), XML_TEXT,
                   strlen (XML_TEXT));
  g_clear_pointer (&back, g_bytes_unref);
  back = inj_package_read (p, "agent-submission.xml", &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (back, NULL), g_bytes_get_size (back), XML_TEXT,
                   strlen (XML_TEXT));
  /* the idempotency key and the receipt are kept, encrypted */
  g_assert_nonnull (inj_package_ensure_key (p, &error));
  g_assert_no_error (error);
  p->receipt = g_strdup ("R-1");
  p->state = (g_free (p->state), g_strdup ("stored"));
  g_assert_true (inj_package_move_to_sent (p, &error));
  g_assert_no_error (error);
  {
    g_autoptr(InjPackage) sent = inj_package_load (p->dir, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (sent->receipt, ==, "R-1");
    g_assert_cmpstr (sent->idempotency_key, ==, p->idempotency_key);
  }
  assert_no_personal_data ();
  /* a file of the package swapped for another fails */
  {
    g_autofree char *a = g_build_filename (p->dir, "delegation.xml", NULL);
    g_autofree char *b = g_build_filename (p->dir, "package.ini", NULL);
    g_autoptr(GBytes) swapped = NULL;
    g_assert_cmpint (g_rename (a, b), ==, 0);
    swapped = inj_vault_read_file (b, "package.ini", &error);
    g_assert_null (swapped);
    g_assert_error (error, INJ_VAULT_ERROR, INJ_VAULT_ERROR_DECRYPT);
    g_clear_error (&error);
  }
}

/* A plaintext file from before is read, and encrypted when written again. */
static void
test_migration (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *outbox = inj_outbox_dir ();
  g_autofree char *dir = g_build_filename (outbox, "OLD-1", NULL);
  g_autofree char *ini = g_build_filename (dir, "package.ini", NULL);
  g_autoptr(InjPackage) p = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (ini, "[package]\ndelegation-id=OLD-1\nstate=ready\n", -1, NULL));
  p = inj_package_load (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (p->delegation_id, ==, "OLD-1");
  g_assert_nonnull (inj_package_ensure_key (p, &error));
  g_assert_true (g_file_get_contents (ini, &data, &len, NULL));
  g_assert_true (inj_vault_is_sealed (data, len));
}

static void
run_cli (const char *const *args,
         int want_status)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = -1;

  g_ptr_array_add (argv, (gpointer) g_getenv ("INJ_TEST_CLI"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL) || want_status != 0)
    g_assert_cmpint (WEXITSTATUS (status), ==, want_status);
}

static void
test_erase (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *state = g_build_filename (g_get_user_state_dir (), "ininjo", NULL);
  g_autofree char *log = g_build_filename (state, "logs", "ininjo.log", NULL);
  g_autofree char *audit = g_build_filename (state, "audit.jsonl", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  guint8 key[INJ_VAULT_KEY_SIZE];
  g_autofree char *logs = g_path_get_dirname (log);

  g_assert_cmpint (g_mkdir_with_parents (logs, 0700), ==, 0);
  g_assert_true (g_file_set_contents (log, "log", -1, NULL));
  g_assert_true (g_file_set_contents (audit, "{}\n", -1, NULL));
  g_assert_true (inj_vault_get_key (key, FALSE, &error)); /* made by the tests before */
  inj_vault_wipe (key, sizeof key);

  run_cli ((const char *[]) { "erase", NULL }, 2); /* without --yes: nothing */
  g_assert_true (g_file_test (log, G_FILE_TEST_EXISTS));

  run_cli ((const char *[]) { "erase", "--yes", NULL }, 0);
  collect_files (home, files);
  g_assert_cmpuint (files->len, ==, 1); /* the audit log is kept */
  g_assert_cmpstr (files->pdata[0], ==, audit);
  g_assert_false (inj_vault_get_key (key, FALSE, &error)); /* the key is gone */
  g_assert_error (error, INJ_VAULT_ERROR, INJ_VAULT_ERROR_DECRYPT);
  g_clear_error (&error);
  g_assert_true (inj_vault_check_available (&error)); /* the Secret Service is still there */

  run_cli ((const char *[]) { "erase", "--yes", "--include-audit-log", NULL }, 0);
  g_ptr_array_set_size (files, 0);
  collect_files (home, files);
  g_assert_cmpuint (files->len, ==, 0);
  {
    g_autoptr(GDir) d = g_dir_open (home, 0, NULL);
    g_autoptr(GPtrArray) left = g_ptr_array_new_with_free_func (g_free);
    const char *name;
    while ((name = g_dir_read_name (d)))
      g_ptr_array_add (left, g_strdup (name));
    /* only the empty base directories the test made */
    for (guint i = 0; i < left->len; i++)
      g_assert_true (g_str_equal (left->pdata[i], "data") || g_str_equal (left->pdata[i], "state") ||
                     g_str_equal (left->pdata[i], "cache"));
  }
}

int
main (int argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_nonnull (g_getenv ("INJ_TEST_CLI"));
  home = g_dir_make_tmp ("ininjo-vault-keyring-XXXXXX", &error);
  g_assert_no_error (error);
  {
    g_autofree char *data = g_build_filename (home, "data", NULL);
    g_autofree char *state = g_build_filename (home, "state", NULL);
    g_autofree char *cache = g_build_filename (home, "cache", NULL);
    g_setenv ("XDG_DATA_HOME", data, TRUE);
    g_setenv ("XDG_STATE_HOME", state, TRUE);
    g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  }
  inj_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/vault/keyring/draft", test_draft);
  g_test_add_func ("/vault/keyring/outbox", test_outbox);
  g_test_add_func ("/vault/keyring/migration", test_migration);
  g_test_add_func ("/vault/keyring/erase", test_erase);
  status = g_test_run ();
  {
    g_autofree char *data = g_build_filename (home, "data", NULL);
    g_autofree char *state = g_build_filename (home, "state", NULL);
    g_autofree char *cache = g_build_filename (home, "cache", NULL);
    g_rmdir (data);
    g_rmdir (state);
    g_rmdir (cache);
  }
  g_rmdir (home);
  g_free (home);
  return status;
}
