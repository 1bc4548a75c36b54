/* test-support-page.c: the support page with a reader and no card (inside
 * with-card.sh, without a card), and its connection test against the local
 * service with a certificate file: it works and shows the TLS version; it
 * fails clearly with a wrong service CA, a refused client, the service
 * down, and settings that cannot work; it can be cancelled. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-application.h"
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
no_wait (gpointer data)
{
  return FALSE;
}

static gboolean
settled (gpointer data)
{
  return inj_support_page_get_state (data) != INJ_CARD_STATE_LOADING;
}

static gboolean
connection_done (gpointer data)
{
  InjConnectionState state = inj_support_page_get_connection_state (data);

  return state != INJ_CONNECTION_RUNNING && state != INJ_CONNECTION_IDLE;
}

static gboolean
drawn (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static GtkWidget *
child (Fixture *f,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (f->page), INJ_TYPE_SUPPORT_PAGE, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

/* The connection test's result is at the end of the page. */
static void
scroll_to_end (Fixture *f)
{
  GtkAdjustment *adjustment;

  test_ui_wait_until (no_wait, NULL, 200);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (child (f, "scroller")));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  test_ui_wait_until (no_wait, NULL, 300);
}

static void
use_files (Fixture *f,
           const char *url,
           const char *service_ca,
           const char *client)
{
  g_autofree char *ca = test_pki_path (service_ca);
  g_autofree char *cert_name = g_strconcat (client, ".pem", NULL);
  g_autofree char *key_name = g_strconcat (client, ".key", NULL);
  g_autofree char *cert = test_pki_path (cert_name);
  g_autofree char *key = test_pki_path (key_name);

  g_settings_set_string (f->settings, "service-url", url);
  g_settings_set_string (f->settings, "service-ca", ca);
  g_settings_set_string (f->settings, "client-credential", "file");
  g_settings_set_string (f->settings, "client-certificate", cert);
  g_settings_set_string (f->settings, "client-key", key);
}

static void
fixture_set_up (Fixture *f,
                gconstpointer data)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  f->dir = test_ui_tmpdir ();
  f->settings = g_settings_new (INJ_APPLICATION_ID);
  g_object_get (f->settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i]; i++)
    g_settings_reset (f->settings, keys[i]);
  f->session = inj_session_new (NULL, f->settings, f->dir);
  f->page = INJ_SUPPORT_PAGE (inj_support_page_new (f->session));
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 800, 900);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->page));
  g_object_ref (f->page);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (test_ui_wait_until (drawn, f->page, 5000));
  g_assert_true (test_ui_wait_until (settled, f->page, 30000));
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
test_without_card (Fixture *f,
                   gconstpointer data)
{
  g_autofree char *text = test_ui_widget_text (GTK_WIDGET (f->page));
  g_autofree char *report = inj_support_page_dup_report (f->page);

  /* the private pcscd's reader, empty */
  g_assert_cmpint (inj_support_page_get_state (f->page), ==, INJ_CARD_STATE_NO_CARD);
  g_assert_nonnull (strstr (text, inj_card_state_title (INJ_CARD_STATE_NO_CARD)));
  g_assert_nonnull (strstr (text, inj_card_state_description (INJ_CARD_STATE_NO_CARD)));
  g_assert_nonnull (strstr (text, "Virtual PCD 00 00"));
  g_assert_nonnull (strstr (text, _("No card")));
  g_assert_null (inj_support_page_get_pin_status (f->page, INJ_PIN_AUTH));
  g_assert_null (inj_support_page_get_pin_status (f->page, INJ_PIN_SIGN));
  g_assert_null (inj_support_page_get_certificate (f->page, INJ_CERT_AUTH));
  /* the report says the same */
  g_assert_nonnull (strstr (report, inj_card_state_title (INJ_CARD_STATE_NO_CARD)));
  g_assert_nonnull (strstr (report, "Virtual PCD 00 00"));
  g_assert_nonnull (strstr (report, _("Not run yet")));
}

static void
run_connection_test (Fixture *f)
{
  GtkWidget *test_button = child (f, "test_button");

  g_signal_emit_by_name (test_button, "clicked");
  g_assert_cmpint (inj_support_page_get_connection_state (f->page), ==, INJ_CONNECTION_RUNNING);
  /* a spinner and Cancel while it runs; the main loop goes on */
  g_assert_true (gtk_widget_get_visible (child (f, "spinner")));
  g_assert_true (gtk_widget_get_visible (child (f, "cancel_button")));
  g_assert_false (gtk_widget_get_sensitive (test_button));
  g_assert_true (test_ui_wait_until (connection_done, f->page, 60000));
  g_assert_false (gtk_widget_get_visible (child (f, "spinner")));
  g_assert_false (gtk_widget_get_visible (child (f, "cancel_button")));
  g_assert_true (gtk_widget_get_sensitive (test_button));
}

static void
test_connection (Fixture *f,
                 gconstpointer data)
{
  g_autoptr(TestService) svc = test_service_start (NULL);
  g_autofree char *text = NULL;
  g_autofree char *report = NULL;
  g_autofree char *certs = g_build_filename (g_get_home_dir (), "certs", NULL);
  const GError *error;

  use_files (f, svc->url, "service-ca.pem", "client");
  /* the client's files in the home folder: shown as ~/…, since the
   * folder's name is often the user's */
  g_assert_cmpint (g_mkdir_with_parents (certs, 0700), ==, 0);
  for (guint i = 0; i < 2; i++)
    {
      const char *name = i ? "client.key" : "client.pem";
      g_autofree char *from = test_pki_path (name);
      g_autofree char *to = g_build_filename (certs, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;
      g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
      g_assert_true (g_file_set_contents_full (to, contents, length, G_FILE_SET_CONTENTS_NONE, 0600, NULL));
      g_settings_set_string (f->settings, i ? "client-key" : "client-certificate", to);
    }
  run_connection_test (f);
  error = inj_support_page_get_connection_error (f->page);
  g_assert_no_error ((GError *) error);
  g_assert_cmpint (inj_support_page_get_connection_state (f->page), ==, INJ_CONNECTION_SUCCEEDED);
  /* a file key may use TLS 1.3 */
  g_assert_cmpstr (inj_support_page_get_tls_version (f->page), ==, "TLS1.3");
  g_assert_cmpint (inj_support_page_get_server_check (f->page), ==, INJ_TLS_PASSED);
  g_assert_cmpint (inj_support_page_get_client_check (f->page), ==, INJ_TLS_PASSED);
  g_assert_nonnull (inj_support_page_get_service_name (f->page));
  text = test_ui_widget_text (GTK_WIDGET (f->page));
  g_assert_nonnull (strstr (text, _("The connection works")));
  g_assert_nonnull (strstr (text, svc->url));
  g_assert_nonnull (strstr (text, "TLS1.3"));
  g_assert_nonnull (strstr (text, inj_support_page_get_service_name (f->page)));
  report = inj_support_page_dup_report (f->page);
  g_test_message ("%s", report);
  g_assert_nonnull (strstr (report, "TLS1.3"));
  g_assert_nonnull (strstr (report, svc->url));
  g_assert_nonnull (strstr (report, inj_support_page_get_service_name (f->page)));
  g_assert_nonnull (strstr (report, "~/certs/client.pem"));
  g_assert_null (strstr (report, g_get_home_dir ()));
  g_assert_null (strstr (text, g_get_home_dir ()));
  scroll_to_end (f);
  test_ui_screenshot (f->window, "support-connection");

  /* Copy report: the same text on the clipboard */
  g_signal_emit_by_name (child (f, "copy_button"), "clicked");
  g_assert_true (gtk_widget_get_visible (child (f, "copied_label")));
  {
    GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->page));
    GdkContentProvider *content = gdk_clipboard_get_content (clipboard);
    GValue value = G_VALUE_INIT;
    g_autofree char *now = inj_support_page_dup_report (f->page);
    const char *copied;

    g_assert_nonnull (content);
    g_value_init (&value, G_TYPE_STRING);
    g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
    copied = g_value_get_string (&value);
    /* the first line has the time: compare from the readers on */
    g_assert_cmpstr (strchr (copied, '\n'), ==, strchr (now, '\n'));
    /* times in Japan time, labelled; none in UTC */
    g_assert_nonnull (g_strstr_len (copied, strchr (copied, '\n') - copied, "（日本時間）"));
    g_assert_null (strstr (copied, "UTC"));
    g_value_unset (&value);
  }
}

static void
test_wrong_service_ca (Fixture *f,
                       gconstpointer data)
{
  g_autoptr(TestService) svc = test_service_start (NULL);
  g_autofree char *text = NULL;
  const GError *error;

  use_files (f, svc->url, "unknown-ca.pem", "client");
  run_connection_test (f);
  g_assert_cmpint (inj_support_page_get_connection_state (f->page), ==, INJ_CONNECTION_FAILED);
  error = inj_support_page_get_connection_error (f->page);
  g_assert_error ((GError *) error, INJ_NET_ERROR, INJ_NET_ERROR_SERVER_CERTIFICATE);
  g_assert_cmpint (inj_support_page_get_server_check (f->page), ==, INJ_TLS_FAILED);
  g_assert_cmpint (inj_support_page_get_client_check (f->page), ==, INJ_TLS_NOT_REACHED);
  g_assert_null (inj_support_page_get_service_name (f->page));
  text = test_ui_widget_text (GTK_WIDGET (f->page));
  g_assert_nonnull (strstr (text, _("The connection failed")));
  g_assert_nonnull (strstr (text, error->message));
  scroll_to_end (f);
  test_ui_screenshot (f->window, "support-connection-wrong-ca");
}

static void
test_client_refused (Fixture *f,
                     gconstpointer data)
{
  g_autoptr(TestService) svc = test_service_start (NULL);
  const GError *error;

  use_files (f, svc->url, "service-ca.pem", "client-untrusted");
  run_connection_test (f);
  error = inj_support_page_get_connection_error (f->page);
  g_assert_error ((GError *) error, INJ_NET_ERROR, INJ_NET_ERROR_CLIENT_CERTIFICATE);
  g_assert_cmpint (inj_support_page_get_server_check (f->page), ==, INJ_TLS_PASSED);
  g_assert_cmpint (inj_support_page_get_client_check (f->page), ==, INJ_TLS_FAILED);
}

static void
test_service_down (Fixture *f,
                   gconstpointer data)
{
  TestService *svc = test_service_start (NULL);
  g_autofree char *url = g_strdup (svc->url);
  g_autofree char *text = NULL;
  const GError *error;
  gint64 start;

  test_service_stop (svc);
  use_files (f, url, "service-ca.pem", "client");
  start = g_get_monotonic_time ();
  run_connection_test (f);
  error = inj_support_page_get_connection_error (f->page);
  g_assert_error ((GError *) error, INJ_NET_ERROR, INJ_NET_ERROR_UNREACHABLE);
  /* one attempt: a diagnosis does not wait for retries */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpint (inj_support_page_get_server_check (f->page), ==, INJ_TLS_NOT_REACHED);
  g_assert_cmpint (inj_support_page_get_client_check (f->page), ==, INJ_TLS_NOT_REACHED);
  g_assert_null (inj_support_page_get_tls_version (f->page));
  text = test_ui_widget_text (GTK_WIDGET (f->page));
  g_assert_nonnull (strstr (text, error->message));
}

static void
test_unusable_settings (Fixture *f,
                        gconstpointer data)
{
  const GError *error;

  g_settings_set_string (f->settings, "client-credential", "file");
  g_settings_set_string (f->settings, "client-certificate", "");
  g_signal_emit_by_name (child (f, "test_button"), "clicked");
  /* said at once: nothing to wait for */
  g_assert_cmpint (inj_support_page_get_connection_state (f->page), ==, INJ_CONNECTION_FAILED);
  error = inj_support_page_get_connection_error (f->page);
  g_assert_error ((GError *) error, INJ_NET_ERROR, INJ_NET_ERROR_CONFIG);

  /* http:// never goes out */
  g_settings_set_string (f->settings, "client-certificate", "/nonexistent/client.pem");
  g_settings_set_string (f->settings, "client-key", "/nonexistent/client.key");
  g_settings_set_string (f->settings, "service-url", "http://localhost:8443");
  g_signal_emit_by_name (child (f, "test_button"), "clicked");
  g_assert_true (test_ui_wait_until (connection_done, f->page, 30000));
  error = inj_support_page_get_connection_error (f->page);
  g_assert_error ((GError *) error, INJ_NET_ERROR, INJ_NET_ERROR_CONFIG);
}

static void
test_cancel (Fixture *f,
             gconstpointer data)
{
  const char *const slow[] = { "--delay-ms", "20000", NULL };
  g_autoptr(TestService) svc = test_service_start (slow);

  use_files (f, svc->url, "service-ca.pem", "client");
  g_signal_emit_by_name (child (f, "test_button"), "clicked");
  g_assert_cmpint (inj_support_page_get_connection_state (f->page), ==, INJ_CONNECTION_RUNNING);
  test_ui_wait_until (no_wait, NULL, 500);
  g_assert_cmpint (inj_support_page_get_connection_state (f->page), ==, INJ_CONNECTION_RUNNING);
  g_signal_emit_by_name (child (f, "cancel_button"), "clicked");
  g_assert_cmpint (inj_support_page_get_connection_state (f->page), ==, INJ_CONNECTION_CANCELLED);
  g_assert_false (gtk_widget_get_visible (child (f, "spinner")));
  g_assert_true (gtk_widget_get_sensitive (child (f, "test_button")));
  test_ui_wait_until (no_wait, NULL, 200);
  g_assert_cmpint (inj_support_page_get_connection_state (f->page), ==, INJ_CONNECTION_CANCELLED);

  /* the privacy lock cancels too */
  g_signal_emit_by_name (child (f, "test_button"), "clicked");
  g_assert_cmpint (inj_support_page_get_connection_state (f->page), ==, INJ_CONNECTION_RUNNING);
  inj_session_privacy_lock (f->session);
  g_assert_cmpint (inj_support_page_get_connection_state (f->page), ==, INJ_CONNECTION_CANCELLED);
  g_assert_true (test_ui_wait_until (settled, f->page, 30000));
}

int
main (int argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("ininjo-home-XXXXXX", NULL);
  int status;

  /* a home folder of its own (before anything reads $HOME) */
  g_assert_nonnull (home);
  g_setenv ("HOME", home, TRUE);
  test_ui_init (&argc, &argv);
#define ADD(path, func) g_test_add ("/ui/support/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("without-card", test_without_card);
  ADD ("connection", test_connection);
  ADD ("wrong-service-ca", test_wrong_service_ca);
  ADD ("client-refused", test_client_refused);
  ADD ("service-down", test_service_down);
  ADD ("unusable-settings", test_unusable_settings);
  ADD ("cancel", test_cancel);
  status = test_ui_run ();
  test_ui_rmtree (home);
  return status;
}
