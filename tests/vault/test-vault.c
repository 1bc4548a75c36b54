/* test-vault.c: the local data's encryption (inj-vault.h) without a
 * Secret Service: the cipher with explicit keys, the header, plaintext
 * migration, and the policy when no Secret Service answers (the session
 * bus is pointed at nothing by the test's environment). */
#define _GNU_SOURCE /* memmem */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "inj-app.h"
#include "inj-draft.h"

#define SECRET_TEXT "representative-name = センチネル 太郎\naddress = 秘密県センチネル市1-1\n"

static const guint8 key_a[INJ_VAULT_KEY_SIZE] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
                                                  16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27,
                                                  28, 29, 30, 31, 32 };
static const guint8 key_b[INJ_VAULT_KEY_SIZE] = { 32, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
                                                  16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27,
                                                  28, 29, 30, 31, 1 };

static gboolean
contains (GBytes *haystack,
          const char *needle)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (haystack, &len);

  return memmem (data, len, needle, strlen (needle)) != NULL;
}

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sealed = inj_vault_encrypt (key_a, "draft", SECRET_TEXT, strlen (SECRET_TEXT),
                                                &error);
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GBytes) plain = NULL;

  g_assert_no_error (error);
  g_assert_true (inj_vault_is_sealed (g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed)));
  g_assert_cmpuint (g_bytes_get_size (sealed), ==, 8 + 1 + 12 + strlen (SECRET_TEXT) + 16);
  g_assert_false (contains (sealed, "センチネル"));
  plain = inj_vault_decrypt (key_a, "draft", g_bytes_get_data (sealed, NULL),
                             g_bytes_get_size (sealed), &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain),
                   SECRET_TEXT, strlen (SECRET_TEXT));
  /* a fresh nonce each time */
  again = inj_vault_encrypt (key_a, "draft", SECRET_TEXT, strlen (SECRET_TEXT), &error);
  g_assert_no_error (error);
  g_assert_false (g_bytes_equal (sealed, again));
  /* the empty file too */
  {
    g_autoptr(GBytes) empty = inj_vault_encrypt (key_a, "draft", "", 0, &error);
    g_autoptr(GBytes) back = inj_vault_decrypt (key_a, "draft", g_bytes_get_data (empty, NULL),
                                                g_bytes_get_size (empty), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_bytes_get_size (back), ==, 0);
  }
}

static void
test_wrong_key_or_role (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sealed = inj_vault_encrypt (key_a, "delegation.xml", SECRET_TEXT,
                                                strlen (SECRET_TEXT), &error);
  g_autoptr(GBytes) plain = NULL;

  g_assert_no_error (error);
  plain = inj_vault_decrypt (key_b, "delegation.xml", g_bytes_get_data (sealed, NULL),
                             g_bytes_get_size (sealed), &error);
  g_assert_null (plain);
  g_assert_error (error, INJ_VAULT_ERROR, INJ_VAULT_ERROR_DECRYPT);
  g_clear_error (&error);
  /* the right key, but another file's role: a swapped file is refused */
  plain = inj_vault_decrypt (key_a, "agent-submission.xml", g_bytes_get_data (sealed, NULL),
                             g_bytes_get_size (sealed), &error);
  g_assert_null (plain);
  g_assert_error (error, INJ_VAULT_ERROR, INJ_VAULT_ERROR_DECRYPT);
}

static void
test_tampered (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sealed = inj_vault_encrypt (key_a, "package.ini", SECRET_TEXT,
                                                strlen (SECRET_TEXT), &error);
  gsize len = g_bytes_get_size (sealed);

  g_assert_no_error (error);
  /* every byte after the magic and version: nonce, ciphertext, tag */
  for (gsize i = 9; i < len; i++)
    {
      g_autofree guint8 *copy = g_memdup2 (g_bytes_get_data (sealed, NULL), len);
      g_autoptr(GBytes) plain = NULL;

      copy[i] ^= 0x01;
      plain = inj_vault_decrypt (key_a, "package.ini", copy, len, &error);
      g_assert_null (plain);
      g_assert_error (error, INJ_VAULT_ERROR, INJ_VAULT_ERROR_DECRYPT);
      g_clear_error (&error);
    }
  /* cut short */
  {
    g_autoptr(GBytes) plain = inj_vault_decrypt (key_a, "package.ini",
                                                 g_bytes_get_data (sealed, NULL), len - 1, &error);
    g_assert_null (plain);
    g_assert_error (error, INJ_VAULT_ERROR, INJ_VAULT_ERROR_DECRYPT);
    g_clear_error (&error);
    plain = inj_vault_decrypt (key_a, "package.ini", g_bytes_get_data (sealed, NULL), 20, &error);
    g_assert_null (plain);
    g_assert_error (error, INJ_VAULT_ERROR, INJ_VAULT_ERROR_DECRYPT);
  }
}

static void
test_header_version (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sealed = inj_vault_encrypt (key_a, "draft", SECRET_TEXT, strlen (SECRET_TEXT),
                                                &error);
  gsize len = g_bytes_get_size (sealed);
  g_autofree guint8 *copy = g_memdup2 (g_bytes_get_data (sealed, NULL), len);
  g_autoptr(GBytes) plain = NULL;

  g_assert_no_error (error);
  g_assert_cmpmem (copy, 8, "INJVAULT", 8);
  g_assert_cmpuint (copy[8], ==, INJ_VAULT_VERSION);
  copy[8] = INJ_VAULT_VERSION + 1;
  plain = inj_vault_decrypt (key_a, "draft", copy, len, &error);
  g_assert_null (plain);
  g_assert_error (error, INJ_VAULT_ERROR, INJ_VAULT_ERROR_VERSION);
}

/* ---------------------------------------------------------------- without a Secret Service */

static char *home;

static void
test_no_service (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) xml = g_bytes_new_static ("<x>センチネル</x>", strlen ("<x>センチネル</x>"));
  g_autofree char *outbox = inj_outbox_dir ();
  g_autofree char *stored = NULL;
  g_autofree char *drafts = inj_draft_default_dir ();
  g_autofree char *draft = g_build_filename (drafts, "ABC.ini", NULL);
  guint8 key[INJ_VAULT_KEY_SIZE];

  g_assert_false (inj_vault_check_available (&error));
  g_assert_error (error, INJ_VAULT_ERROR, INJ_VAULT_ERROR_NO_SECRET_SERVICE);
  g_clear_error (&error);
  g_assert_false (inj_vault_get_key (key, TRUE, &error));
  g_assert_error (error, INJ_VAULT_ERROR, INJ_VAULT_ERROR_NO_SECRET_SERVICE);
  g_clear_error (&error);

  /* not allowed: nothing is written */
  inj_vault_set_allow_unencrypted (FALSE);
  stored = inj_outbox_store ("ABC-1", xml, xml, &error);
  g_assert_null (stored);
  g_assert_error (error, INJ_VAULT_ERROR, INJ_VAULT_ERROR_NO_SECRET_SERVICE);
  g_clear_error (&error);
  {
    g_autoptr(GPtrArray) list = inj_outbox_list (NULL);
    g_assert_cmpuint (list->len, ==, 0);
  }
  g_assert_false (inj_draft_write (draft, SECRET_TEXT, &error));
  g_assert_error (error, INJ_VAULT_ERROR, INJ_VAULT_ERROR_NO_SECRET_SERVICE);
  g_clear_error (&error);
  g_assert_false (g_file_test (draft, G_FILE_TEST_EXISTS));

  /* allowed: plaintext, the user's only */
  inj_vault_set_allow_unencrypted (TRUE);
  stored = inj_outbox_store ("ABC-1", xml, xml, &error);
  g_assert_no_error (error);
  {
    g_autofree char *path = g_build_filename (stored, "delegation.xml", NULL);
    g_autofree char *data = NULL;
    GStatBuf st;

    g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
    g_assert_cmpstr (data, ==, "<x>センチネル</x>");
    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
  g_assert_true (inj_draft_write (draft, SECRET_TEXT, &error));
  g_assert_no_error (error);
  {
    g_autofree char *back = inj_draft_read (draft, NULL, &error);
    GStatBuf st;

    g_assert_no_error (error);
    g_assert_cmpstr (back, ==, SECRET_TEXT);
    g_assert_cmpint (g_stat (draft, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
  /* erase works without a Secret Service (there is no key to remove) */
  g_assert_true (inj_vault_erase_local_data (NULL, TRUE, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (outbox, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (draft, G_FILE_TEST_EXISTS));
  inj_vault_set_allow_unencrypted (FALSE);
}

/* Files from before the encryption are still read; an encrypted file
 * cannot be read without the key. */
static void
test_plaintext_migration (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *outbox = inj_outbox_dir ();
  g_autofree char *dir = g_build_filename (outbox, "OLD-1", NULL);
  g_autofree char *ini = g_build_filename (dir, "package.ini", NULL);
  g_autofree char *xml_path = g_build_filename (dir, "delegation.xml", NULL);
  g_autoptr(InjPackage) p = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GBytes) sealed = inj_vault_encrypt (key_a, "delegation.xml", "<x/>", 4, &error);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (ini, "[package]\ndelegation-id=OLD-1\nstate=ready\n", -1, NULL));
  g_assert_true (g_file_set_contents (xml_path, "<old/>", -1, NULL));
  p = inj_package_load (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (p->delegation_id, ==, "OLD-1");
  g_assert_cmpstr (p->state, ==, "ready");
  xml = inj_package_read (p, "delegation.xml", &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml), "<old/>", 6);

  g_assert_true (g_file_set_contents (xml_path, g_bytes_get_data (sealed, NULL),
                                      g_bytes_get_size (sealed), NULL));
  g_clear_pointer (&xml, g_bytes_unref);
  xml = inj_package_read (p, "delegation.xml", &error);
  g_assert_null (xml);
  g_assert_error (error, INJ_VAULT_ERROR, INJ_VAULT_ERROR_NO_SECRET_SERVICE);
  g_assert_true (inj_vault_erase_local_data (NULL, TRUE, NULL));
}

int
main (int argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  home = g_dir_make_tmp ("ininjo-vault-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_STATE_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  /* no Secret Service: the session bus is nowhere */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/ininjo-test-bus", TRUE);
  inj_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/vault/round-trip", test_round_trip);
  g_test_add_func ("/vault/wrong-key-or-role", test_wrong_key_or_role);
  g_test_add_func ("/vault/tampered", test_tampered);
  g_test_add_func ("/vault/header-version", test_header_version);
  g_test_add_func ("/vault/no-secret-service", test_no_service);
  g_test_add_func ("/vault/plaintext-migration", test_plaintext_migration);
  status = g_test_run ();
  g_rmdir (home);
  g_free (home);
  return status;
}
