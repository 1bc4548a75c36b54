/* test-preferences.c: every control of the preferences window writes its
 * key (GSettings in memory), and what cannot be used is refused. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "inj-a11y.h"
#include "inj-application.h"
#include "inj-preferences-window.h"
#include "test-ui-support.h"

typedef struct {
  GSettings *settings;
  InjPreferencesWindow *prefs;
} Fixture;

static GtkWidget *
child (Fixture *f,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (f->prefs),
                                                   INJ_TYPE_PREFERENCES_WINDOW, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static void
fixture_set_up (Fixture *f,
                gconstpointer data)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  f->settings = g_settings_new (INJ_APPLICATION_ID);
  g_object_get (f->settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i]; i++)
    g_settings_reset (f->settings, keys[i]);
  f->prefs = INJ_PREFERENCES_WINDOW (inj_preferences_window_new (f->settings));
  g_object_ref (f->prefs);
}

/* Animations started by the controls (the entry rows' apply buttons) hold
 * the window until they end. */
static gboolean
released (gpointer data)
{
  return g_atomic_int_get ((gint *) &G_OBJECT (data)->ref_count) == 1;
}

static void
fixture_tear_down (Fixture *f,
                   gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->prefs));
  test_ui_wait_until (released, f->prefs, 5000);
  g_assert_finalize_object (f->prefs);
  g_assert_finalize_object (f->settings);
}

static gboolean
no_wait (gpointer data)
{
  return FALSE;
}

static void
test_service_url (Fixture *f,
                  gconstpointer data)
{
  GtkWidget *row = child (f, "url_row");
  GtkWidget *message = child (f, "url_message");
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (inj_preferences_check_service_url ("", NULL));
  g_assert_true (inj_preferences_check_service_url ("https://localhost:8443", NULL));
  g_assert_false (inj_preferences_check_service_url ("https://localhost:8443/api", NULL));
  g_assert_false (inj_preferences_check_service_url ("https://user@localhost", NULL));

  /* the setting shows */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "https://localhost:8443");
  g_assert_false (gtk_widget_get_visible (message));

  gtk_editable_set_text (GTK_EDITABLE (row), "https://delegation.example.test:9443");
  g_signal_emit_by_name (row, "apply");
  url = g_settings_get_string (f->settings, "service-url");
  g_assert_cmpstr (url, ==, "https://delegation.example.test:9443");
  g_clear_pointer (&url, g_free);

  /* plain HTTP: said at once, and never written */
  gtk_editable_set_text (GTK_EDITABLE (row), "http://delegation.example.test");
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_false (inj_preferences_check_service_url ("http://delegation.example.test", &error));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (message)), ==, error->message);
  g_assert_nonnull (strstr (error->message, "https://"));
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_signal_emit_by_name (row, "apply");
  url = g_settings_get_string (f->settings, "service-url");
  g_assert_cmpstr (url, ==, "https://delegation.example.test:9443");
  g_clear_pointer (&url, g_free);

  /* empty: the built-in service */
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  g_assert_false (gtk_widget_get_visible (message));
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_signal_emit_by_name (row, "apply");
  url = g_settings_get_string (f->settings, "service-url");
  g_assert_cmpstr (url, ==, "");
}

static void
test_credential (Fixture *f,
                 gconstpointer data)
{
  AdwComboRow *combo = ADW_COMBO_ROW (child (f, "credential_row"));
  GtkWidget *cert_row = child (f, "cert_row");
  GtkWidget *key_row = child (f, "key_row");
  g_autoptr(GFile) cert = g_file_new_for_path ("/tmp/ininjo-test/client.pem");
  g_autoptr(GFile) key = g_file_new_for_path ("/tmp/ininjo-test/client.key");
  g_autofree char *value = NULL;

  /* the card by default: the file fields do not apply */
  g_assert_cmpuint (adw_combo_row_get_selected (combo), ==, 0);
  g_assert_false (gtk_widget_get_sensitive (cert_row));
  g_assert_false (gtk_widget_get_sensitive (key_row));

  adw_combo_row_set_selected (combo, 1);
  value = g_settings_get_string (f->settings, "client-credential");
  g_assert_cmpstr (value, ==, "file");
  g_clear_pointer (&value, g_free);
  g_assert_true (gtk_widget_get_sensitive (cert_row));
  g_assert_true (gtk_widget_get_sensitive (key_row));

  inj_preferences_window_set_file (f->prefs, "client-certificate", cert);
  inj_preferences_window_set_file (f->prefs, "client-key", key);
  value = g_settings_get_string (f->settings, "client-certificate");
  g_assert_cmpstr (value, ==, "/tmp/ininjo-test/client.pem");
  g_clear_pointer (&value, g_free);
  value = g_settings_get_string (f->settings, "client-key");
  g_assert_cmpstr (value, ==, "/tmp/ininjo-test/client.key");
  g_clear_pointer (&value, g_free);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (cert_row)), ==,
                   "/tmp/ininjo-test/client.pem");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (key_row)), ==,
                   "/tmp/ininjo-test/client.key");

  adw_combo_row_set_selected (combo, 0);
  value = g_settings_get_string (f->settings, "client-credential");
  g_assert_cmpstr (value, ==, "card");
  g_assert_false (gtk_widget_get_sensitive (cert_row));
  g_assert_false (gtk_widget_get_sensitive (key_row));

  /* and the other way: the setting moves the control */
  g_settings_set_string (f->settings, "client-credential", "file");
  g_assert_cmpuint (adw_combo_row_get_selected (combo), ==, 1);
  g_assert_true (gtk_widget_get_sensitive (cert_row));
}

static void
test_service_ca (Fixture *f,
                 gconstpointer data)
{
  GtkWidget *row = child (f, "ca_row");
  GtkWidget *clear = child (f, "ca_clear_button");
  g_autoptr(GFile) ca = g_file_new_for_path ("/tmp/ininjo-test/service-ca.pem");
  g_autofree char *value = NULL;

  g_assert_false (gtk_widget_get_sensitive (clear));
  inj_preferences_window_set_file (f->prefs, "service-ca", ca);
  value = g_settings_get_string (f->settings, "service-ca");
  g_assert_cmpstr (value, ==, "/tmp/ininjo-test/service-ca.pem");
  g_clear_pointer (&value, g_free);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "/tmp/ininjo-test/service-ca.pem");
  g_assert_true (gtk_widget_get_sensitive (clear));
  /* an icon-only button: a tooltip and an accessible label */
  g_assert_nonnull (gtk_widget_get_tooltip_text (clear));
  g_assert_nonnull (inj_ui_get_accessible_label (clear));

  g_signal_emit_by_name (clear, "clicked");
  value = g_settings_get_string (f->settings, "service-ca");
  g_assert_cmpstr (value, ==, "");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   _("None: the system's CAs are used"));
}

static GtkWidget *
find_chooser (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  GtkWidget *found = NULL;

  for (GList *l = toplevels; l; l = l->next)
    if (GTK_IS_FILE_CHOOSER (l->data) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static gboolean
chooser_shown (gpointer data)
{
  return find_chooser () != NULL;
}

static gboolean
chooser_has_file (gpointer data)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (data);

  return file != NULL;
}

static gboolean
service_ca_set (gpointer data)
{
  g_autofree char *value = g_settings_get_string (data, "service-ca");

  return *value != '\0';
}

/* "Choose…": a file chooser (GtkFileChooserNative; GTK's own dialog here,
 * without portals) whose choice is written. */
static void
test_choose_button (Fixture *f,
                    gconstpointer data)
{
  g_autofree char *relative = g_test_build_filename (G_TEST_DIST, "..", "data", "jpki-ca",
                                                    "auth_ca_2023.pem", NULL);
  g_autofree char *pem = g_canonicalize_filename (relative, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (pem);
  g_autofree char *value = NULL;

  gtk_window_present (GTK_WINDOW (f->prefs));
#if defined(__SANITIZE_ADDRESS__)
  /* GTK 4.8's own file chooser dialog (there is no portal here) keeps
   * objects made in its worker threads until exit, which LeakSanitizer
   * reports as GTK's leaks: under ASan the choice goes in the way the
   * dialog's answer hands it over; the normal build drives the real dialog. */
  inj_preferences_window_set_file (INJ_PREFERENCES_WINDOW (f->prefs), "service-ca", file);
  (void) chooser_shown;
  (void) chooser_has_file;
  (void) find_chooser;
#else
  {
    GtkWidget *chooser;

    g_signal_emit_by_name (child (f, "ca_choose_button"), "clicked");
    g_assert_true (test_ui_wait_until (chooser_shown, NULL, 5000));
    chooser = find_chooser ();
    g_assert_true (GTK_IS_DIALOG (chooser));
    g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, NULL));
    g_assert_true (test_ui_wait_until (chooser_has_file, chooser, 10000));
    gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  }
#endif
  g_assert_true (test_ui_wait_until (service_ca_set, f->settings, 5000));
  value = g_settings_get_string (f->settings, "service-ca");
  g_assert_cmpstr (value, ==, pem);
}

static void
test_module (Fixture *f,
             gconstpointer data)
{
  GtkWidget *row = child (f, "module_row");
  GtkWidget *message = child (f, "module_message");
  g_autofree char *value = NULL;

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "opensc-pkcs11.so");
  g_assert_false (gtk_widget_get_visible (message));
  gtk_editable_set_text (GTK_EDITABLE (row), "/usr/lib/x86_64-linux-gnu/pkcs11/other-pkcs11.so");
  g_signal_emit_by_name (row, "apply");
  value = g_settings_get_string (f->settings, "pkcs11-module");
  g_assert_cmpstr (value, ==, "/usr/lib/x86_64-linux-gnu/pkcs11/other-pkcs11.so");
  /* it takes effect at the next start, and the page says so */
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (message)), ==,
                   _("Saved. The new module is used the next time Ininjo starts."));
}

static GtkWidget *
find_button (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;
      if (GTK_IS_BUTTON (c))
        return c;
      if ((found = find_button (c)))
        return found;
    }
  return NULL;
}

static void
test_trust_anchors (Fixture *f,
                    gconstpointer data)
{
  GtkWidget *list = child (f, "anchors_list");
  GtkWidget *message = child (f, "anchor_message");
  g_autofree char *relative = g_test_build_filename (G_TEST_DIST, "..", "data", "jpki-ca",
                                                    "sign_ca_2023.pem", NULL);
  g_autofree char *pem = g_canonicalize_filename (relative, NULL);
  g_autofree char *dir = test_ui_tmpdir ();
  g_autofree char *junk = g_build_filename (dir, "not-a-certificate.pem", NULL);
  g_autoptr(GFile) pem_file = g_file_new_for_path (pem);
  g_autoptr(GFile) junk_file = g_file_new_for_path (junk);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) anchors = NULL;
  GtkWidget *remove;

  g_assert_true (g_file_set_contents (junk, "hello\n", -1, NULL));
  /* none yet: one row that says so, no button */
  g_assert_null (find_button (list));

  g_assert_true (inj_preferences_window_add_trust_anchor (f->prefs, pem_file, &error));
  g_assert_no_error (error);
  anchors = g_settings_get_strv (f->settings, "trust-anchors");
  g_assert_cmpuint (g_strv_length (anchors), ==, 1);
  g_assert_cmpstr (anchors[0], ==, pem);
  g_clear_pointer (&anchors, g_strfreev);
  /* twice is once */
  g_assert_true (inj_preferences_window_add_trust_anchor (f->prefs, pem_file, NULL));
  anchors = g_settings_get_strv (f->settings, "trust-anchors");
  g_assert_cmpuint (g_strv_length (anchors), ==, 1);
  g_clear_pointer (&anchors, g_strfreev);
  g_assert_false (gtk_widget_get_visible (message));

  /* not a certificate: refused, said on the page */
  g_assert_false (inj_preferences_window_add_trust_anchor (f->prefs, junk_file, &error));
  g_assert_nonnull (error);
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (message)), ==, error->message);
  anchors = g_settings_get_strv (f->settings, "trust-anchors");
  g_assert_cmpuint (g_strv_length (anchors), ==, 1);
  g_clear_pointer (&anchors, g_strfreev);

  remove = find_button (list);
  g_assert_nonnull (remove);
  g_assert_nonnull (gtk_widget_get_tooltip_text (remove));
  g_assert_nonnull (inj_ui_get_accessible_label (remove));
  g_signal_emit_by_name (remove, "clicked");
  anchors = g_settings_get_strv (f->settings, "trust-anchors");
  g_assert_cmpuint (g_strv_length (anchors), ==, 0);
  g_assert_null (find_button (list));
  test_ui_rmtree (dir);
}

static void
test_privacy (Fixture *f,
              gconstpointer data)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (child (f, "idle_spin"));
  GtkSwitch *reveal = GTK_SWITCH (child (f, "reveal_switch"));
  double lower, upper;

  /* minutes, within the schema's range (60 … 3600 s) */
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 5);
  gtk_spin_button_get_range (spin, &lower, &upper);
  g_assert_cmpfloat (lower, ==, 1);
  g_assert_cmpfloat (upper, ==, 60);
  gtk_spin_button_set_value (spin, 10);
  g_assert_cmpuint (g_settings_get_uint (f->settings, "idle-timeout"), ==, 600);
  gtk_spin_button_set_value (spin, 0);
  g_assert_cmpuint (g_settings_get_uint (f->settings, "idle-timeout"), ==, 60);
  g_settings_set_uint (f->settings, "idle-timeout", 1200);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 20);

  g_assert_false (gtk_switch_get_active (reveal));
  gtk_switch_set_active (reveal, TRUE);
  g_assert_true (g_settings_get_boolean (f->settings, "reveal-personal-data"));
  gtk_switch_set_active (reveal, FALSE);
  g_assert_false (g_settings_get_boolean (f->settings, "reveal-personal-data"));
}

static gboolean
drawn (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static void
test_screenshot (Fixture *f,
                 gconstpointer data)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (f, "credential_row")), 1);
  gtk_editable_set_text (GTK_EDITABLE (child (f, "url_row")), "http://delegation.example.test");
  gtk_window_present (GTK_WINDOW (f->prefs));
  g_assert_true (test_ui_wait_until (drawn, f->prefs, 5000));
  test_ui_wait_until (no_wait, NULL, 300);
  test_ui_screenshot (GTK_WIDGET (f->prefs), "preferences");
}

int
main (int argc,
      char *argv[])
{
  test_ui_init (&argc, &argv);
#define ADD(path, func) g_test_add ("/ui/preferences/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("service-url", test_service_url);
  ADD ("credential", test_credential);
  ADD ("service-ca", test_service_ca);
  ADD ("choose-button", test_choose_button);
  ADD ("module", test_module);
  ADD ("trust-anchors", test_trust_anchors);
  ADD ("privacy", test_privacy);
  ADD ("screenshot", test_screenshot);
  return test_ui_run ();
}
