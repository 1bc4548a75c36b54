/* test-bundle.c: the support page's "Save a diagnostic bundle…" with the
 * representative's virtual card (inside with-card.sh --profile
 * representative): the preview lists the bundle's files and shows each in
 * full, the card's ATR and tries are in it with no try consumed, the saved
 * archive is 0600 and holds none of the persona's name, address, date of
 * birth, PIN or password, also when they went through the log. */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "card-support.h"
#include "inj-app.h"
#include "inj-application.h"
#include "inj-bundle-dialog.h"
#include "inj-diagnostics.h"
#include "inj-support-page.h"
#include "net-support.h"
#include "test-ui-support.h"

typedef struct {
  char *dir;
  GSettings *settings;
  InjSession *session;
  InjSupportPage *page;
  GtkWidget *window;
} Fixture;

static gboolean
drawn (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static gboolean
ready (gpointer data)
{
  return inj_bundle_dialog_is_ready (data);
}

static gboolean
no_wait (gpointer data)
{
  return FALSE;
}

/* VERIFY commands with a PIN in the vcard's log: each could use a try. */
static guint
verifies_with_pin (void)
{
  g_autofree char *log = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents (g_getenv ("INJ_TEST_VCARD_LOG"), &log, NULL, NULL));
  lines = g_strsplit (log, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (strstr (lines[i], "\"ins\":\"VERIFY\"") && strstr (lines[i], "\"empty\":false"))
      n++;
  return n;
}

static gboolean
contains_bytes (GBytes *haystack,
                const char *needle)
{
  gsize len, nlen = strlen (needle);
  const char *data = g_bytes_get_data (haystack, &len);

  /* every byte: the archive's headers hold NULs */
  for (gsize i = 0; nlen > 0 && i + nlen <= len; i++)
    if (memcmp (data + i, needle, nlen) == 0)
      return TRUE;
  return FALSE;
}

static void
fixture_set_up (Fixture *f,
                gconstpointer data)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;
  g_autofree char *auth_ca = test_personas_path ("ca/auth-ca.pem");
  g_autofree char *sign_ca = test_personas_path ("ca/sign-ca.pem");
  const char *anchors[] = { auth_ca, sign_ca, NULL };

  if (g_getenv ("INJ_TEST_VCARD_LOG") == NULL)
    g_error ("run this test through tests/card/with-card.sh --profile");
  f->dir = test_ui_tmpdir ();
  f->settings = g_settings_new (INJ_APPLICATION_ID);
  g_object_get (f->settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i]; i++)
    g_settings_reset (f->settings, keys[i]);
  g_settings_set_strv (f->settings, "trust-anchors", anchors);
  f->session = inj_session_new (NULL, f->settings, f->dir);
  f->page = INJ_SUPPORT_PAGE (inj_support_page_new (f->session));
  g_object_ref (f->page);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 800, 900);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->page));
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (test_ui_wait_until (drawn, f->page, 5000));
}

static void
fixture_tear_down (Fixture *f,
                   gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  test_ui_drain (G_OBJECT (f->page));
  g_assert_finalize_object (f->page);
  test_ui_drain (G_OBJECT (f->session));
  g_assert_finalize_object (f->session);
  g_assert_finalize_object (f->settings);
  test_ui_rmtree (f->dir);
  g_free (f->dir);
}

static void
test_bundle (Fixture *f,
             gconstpointer data)
{
  const char *names[] = { "README.txt", "diagnostics.json", "diagnostics.txt",
                          "card-operations.txt", "ininjo.log" };
  /* the persona's data (persona.ini) and secrets */
  const char *sentinels[] = { "試験　太郎", "試験太郎", "東京都千代田区試験町", "試験町一丁目",
                              "1975-08-15", "19750815", "昭和50年8月15日", "TESTPASS1",
                              "BEGIN CERTIFICATE" };
  g_autofree char *log_path = g_build_filename (f->dir, "state", "ininjo.log", NULL);
  g_autofree char *tar_path = g_build_filename (f->dir, "bundle.tar", NULL);
  g_autoptr(GBytes) tar = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  GtkWidget *dialog;
  GPtrArray *files;
  GStatBuf st;
  guint before = verifies_with_pin ();
  GDate birth;

  /* what went through the log before, with the persona's data known */
  inj_log_set_path (log_path);
  inj_log_init (FALSE);
  inj_log_add_secret_text ("試験　太郎");
  inj_log_add_secret_text ("東京都千代田区試験町一丁目１番１号");
  g_date_clear (&birth, 1);
  g_date_set_dmy (&birth, 15, 8, 1975);
  inj_log_add_secret_date (&birth);
  g_message ("signing for 試験 太郎 of 東京都千代田区試験町一丁目1番1号, born 昭和50年8月15日, "
             "password: TESTPASS1, PIN=1234");

  dialog = inj_support_page_open_bundle (f->page);
  g_object_ref (dialog);
  g_assert_true (INJ_IS_BUNDLE_DIALOG (dialog));
  g_assert_true (test_ui_wait_until (ready, dialog, 60000));
  files = inj_bundle_dialog_get_files (INJ_BUNDLE_DIALOG (dialog));
  g_assert_cmpuint (files->len, ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < files->len; i++)
    {
      InjBundleFile *file = g_ptr_array_index (files, i);
      g_assert_cmpstr (file->name, ==, names[i]);
      g_assert_cmpuint (g_bytes_get_size (file->content), >, 0);
    }

  /* each file in full in the read-only view */
  inj_bundle_dialog_select_file (INJ_BUNDLE_DIALOG (dialog), 1);
  shown = inj_bundle_dialog_dup_shown_text (INJ_BUNDLE_DIALOG (dialog));
  {
    InjBundleFile *json = g_ptr_array_index (files, 1);
    g_assert_cmpuint (strlen (shown), ==, g_bytes_get_size (json->content));
    g_assert_true (contains_bytes (json->content, "\"atr\" : \"3B E0 00 FF 81 31 FE 45 14\""));
    g_assert_true (contains_bytes (json->content, "\"tries_left\" : 3"));
    g_assert_true (contains_bytes (json->content, "\"tries_left\" : 5"));
    g_assert_true (contains_bytes (json->content, "\"gtk\" : \"4."));
  }
  g_assert_cmpuint (verifies_with_pin (), ==, before);
  {
    InjBundleFile *log = g_ptr_array_index (files, 4);
    g_assert_true (contains_bytes (log->content, "signing for"));
    g_assert_true (contains_bytes (log->content, INJ_LOG_REDACTED_PERSONAL));
  }
  /* sizes in the page's words: README.txt is under a kilobyte */
  {
    g_autofree char *text = test_ui_widget_text (dialog);
    InjBundleFile *readme = g_ptr_array_index (files, 0);
    g_autofree char *size = g_strdup_printf ("%u バイト", (guint) g_bytes_get_size (readme->content));

    g_assert_cmpuint (g_bytes_get_size (readme->content), <, 1000);
    g_assert_nonnull (strstr (text, size));
    g_assert_null (strstr (text, "bytes"));
  }
  test_ui_wait_until (no_wait, NULL, 300);
  test_ui_screenshot (dialog, "bundle-dialog");

  g_assert_true (inj_bundle_dialog_save_to (INJ_BUNDLE_DIALOG (dialog), tar_path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (tar_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  {
    g_autofree char *bytes = NULL;
    gsize len;
    g_assert_true (g_file_get_contents (tar_path, &bytes, &len, NULL));
    tar = g_bytes_new_take (g_steal_pointer (&bytes), len);
  }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_true (contains_bytes (tar, names[i]));
  for (guint i = 0; i < G_N_ELEMENTS (sentinels); i++)
    if (contains_bytes (tar, sentinels[i]))
      g_error ("“%s” is in the bundle", sentinels[i]);
  g_assert_false (contains_bytes (tar, "PIN=1234"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  test_ui_drain (G_OBJECT (dialog));
  g_assert_finalize_object (dialog);
  inj_log_set_path (NULL);
  inj_log_clear_secrets ();
}

int
main (int argc,
      char *argv[])
{
  test_ui_init (&argc, &argv);
  g_test_add ("/ui/bundle/preview-and-save", Fixture, NULL, fixture_set_up, test_bundle,
              fixture_tear_down);
  return test_ui_run ();
}
