/* test-diagnostics-page.c: the diagnostics page on the representative's
 * virtual card started with --sign-tries=3 (inside with-card.sh), against
 * the local service with a certificate file: it runs when first shown
 * (not at window start, not on every visit), shows the card's ATR, both
 * PINs' tries as the card has them (none consumed), the TLS version, the
 * server certificate verified, the client certificate accepted, the
 * outbox's IDs; with the service stopped the TCP row shows the failure;
 * Cancel and the privacy lock stop it; "Copy as text" puts the report on
 * the clipboard; a report's unknown members and its last error show; the
 * verbose-logging switch changes the setting and the log's verbose mode
 * through the application; nothing personal is on the page. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "card-support.h"
#include "inj-app.h"
#include "inj-application.h"
#include "inj-card-status-page.h"
#include "inj-diagnostics-page.h"
#include "inj-window.h"
#include "net-support.h"
#include "test-service-support.h"
#include "test-ui-support.h"

static InjApplication *app;

typedef struct {
  char *dir;
  GSettings *settings;
  InjSession *session;
  InjDiagnosticsPage *page;
  GtkWidget *window;
} Fixture;

static gboolean
no_wait (gpointer data)
{
  return FALSE;
}

static gboolean
drawn (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static gboolean
finished (gpointer data)
{
  InjDiagnosticsState state = inj_diagnostics_page_get_state (data);

  return state == INJ_DIAGNOSTICS_DONE || state == INJ_DIAGNOSTICS_CANCELLED;
}

static GtkWidget *
child (Fixture *f,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (f->page),
                                                   INJ_TYPE_DIAGNOSTICS_PAGE, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static const char *
subtitle (Fixture *f,
          const char *id)
{
  GtkWidget *row = inj_diagnostics_page_get_row (f->page, id);

  if (row == NULL)
    g_error ("no row %s", id);
  g_assert_true (ADW_IS_ACTION_ROW (row));
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static const char *
title (Fixture *f,
       const char *id)
{
  GtkWidget *row = inj_diagnostics_page_get_row (f->page, id);

  g_assert_nonnull (row);
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

/* Whether the row shows the given state icon (success, warning, error). */
static gboolean
row_has_mood (Fixture *f,
              const char *id,
              const char *css_class)
{
  GtkWidget *row = inj_diagnostics_page_get_row (f->page, id);
  g_autoptr(GQueue) queue = g_queue_new ();

  g_assert_nonnull (row);
  g_queue_push_tail (queue, row);
  while (!g_queue_is_empty (queue))
    {
      GtkWidget *w = g_queue_pop_head (queue);
      if (GTK_IS_IMAGE (w) && gtk_widget_has_css_class (w, css_class))
        return TRUE;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
        g_queue_push_tail (queue, c);
    }
  return FALSE;
}

/* The virtual card's state, from its control socket. */
static gint64
vcard_tries (const char *member)
{
  TestVcard vc = { 0 };
  g_autofree char *answer = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  vc.control = (char *) g_getenv ("INJ_TEST_VCARD_CONTROL");
  g_assert_nonnull (vc.control);
  answer = test_vcard_control (&vc, "status");
  g_assert_nonnull (answer);
  json_parser_load_from_data (parser, answer, -1, &error);
  g_assert_no_error (error);
  return json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)), member);
}

static char *
tries_text (int left,
            int max)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d try left of %d", "%d tries left of %d",
                                       left), left, max);
}

static void
fixture_set_up (Fixture *f,
                gconstpointer data)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  if (g_getenv ("INJ_TEST_VCARD_CONTROL") == NULL)
    g_error ("run this test through tests/card/with-card.sh --profile");
  test_data_home_clear ();
  f->dir = test_ui_tmpdir ();
  f->settings = g_settings_new (INJ_APPLICATION_ID);
  g_object_get (f->settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i]; i++)
    g_settings_reset (f->settings, keys[i]);
  /* no Secret Service here: the outbox unencrypted (test_ui_init()) */
  g_settings_set_boolean (f->settings, "allow-unencrypted-local-data", TRUE);
  f->session = inj_session_new (NULL, f->settings, f->dir);
  f->page = INJ_DIAGNOSTICS_PAGE (inj_diagnostics_page_new (f->session));
  g_object_ref (f->page);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 1000);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->page));
}

/* Mapped: the diagnostics start. */
static void
fixture_show (Fixture *f)
{
  g_assert_cmpint (inj_diagnostics_page_get_state (f->page), ==, INJ_DIAGNOSTICS_IDLE);
  g_assert_null (inj_diagnostics_page_get_report (f->page));
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (test_ui_wait_until (drawn, f->page, 5000));
  g_assert_cmpint (inj_diagnostics_page_get_state (f->page), !=, INJ_DIAGNOSTICS_IDLE);
}

static void
wait_done (Fixture *f)
{
  /* a spinner and Cancel while it runs; the main loop goes on */
  if (inj_diagnostics_page_get_state (f->page) == INJ_DIAGNOSTICS_RUNNING)
    {
      g_assert_true (gtk_widget_get_visible (child (f, "spinner")));
      g_assert_true (gtk_widget_get_visible (child (f, "cancel_button")));
      g_assert_false (gtk_widget_get_sensitive (child (f, "run_button")));
    }
  g_assert_true (test_ui_wait_until (finished, f->page, 90000));
  g_assert_cmpint (inj_diagnostics_page_get_state (f->page), ==, INJ_DIAGNOSTICS_DONE);
  g_assert_nonnull (inj_diagnostics_page_get_report (f->page));
  g_assert_false (gtk_widget_get_visible (child (f, "spinner")));
  g_assert_false (gtk_widget_get_visible (child (f, "cancel_button")));
  g_assert_true (gtk_widget_get_sensitive (child (f, "run_button")));
  g_assert_true (gtk_widget_get_sensitive (child (f, "copy_button")));
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

/* ---------------------------------------------------------------- tests */

static void
test_card_and_service (Fixture *f,
                       gconstpointer data)
{
  g_autoptr(TestService) svc = test_service_start (NULL);
  g_autofree char *id = test_outbox_package (NULL, NULL);
  g_autofree char *sign_tries = tries_text (3, 5);
  g_autofree char *auth_tries = tries_text (3, 3);
  /* the persona's data (persona.ini) and secrets */
  const char *sentinels[] = { "試験　太郎", "試験太郎", "東京都千代田区試験町", "試験町一丁目",
                              "1975-08-15", "19750815", "昭和50年8月15日", "TESTPASS1",
                              "BEGIN CERTIFICATE" };
  g_autofree char *text = NULL;
  g_autofree char *report_text = NULL;
  JsonObject *report;

  g_assert_cmpint (vcard_tries ("sign_tries"), ==, 3);
  g_assert_cmpint (vcard_tries ("auth_tries"), ==, 3);
  test_settings_for_service (f->settings, svc, FALSE);
  fixture_show (f);
  wait_done (f);
  report = inj_diagnostics_page_get_report (f->page);

  /* the reader and its card's ATR */
  g_assert_cmpstr (title (f, "readers.0"), ==, "Virtual PCD 00 00");
  g_assert_nonnull (strstr (subtitle (f, "readers.0"), "3B E0 00 FF 81 31 FE 45 14"));
  /* the tries as the card has them; none consumed */
  g_assert_nonnull (strstr (subtitle (f, "cards.0.pin.sign"), sign_tries));
  g_assert_nonnull (strstr (subtitle (f, "cards.0.pin.auth"), auth_tries));
  g_assert_true (row_has_mood (f, "cards.0.pin.sign", "success"));
  g_assert_cmpint (vcard_tries ("sign_tries"), ==, 3);
  g_assert_cmpint (vcard_tries ("auth_tries"), ==, 3);
  g_assert_cmpstr (subtitle (f, "cards.0.kind"), ==, "JPKIAPICCTOKEN2");
  /* certificates by serial and fingerprint, chained (the personas' CAs
   * are not trust anchors here: the card's CA vouches for them) */
  g_assert_nonnull (strstr (subtitle (f, "cards.0.cert.auth"), "SHA-256: "));
  g_assert_nonnull (inj_diagnostics_page_get_row (f->page, "cards.0.cert.auth-ca"));
  g_assert_nonnull (inj_diagnostics_page_get_row (f->page, "cards.0.cert.sign-ca"));
  /* J-LIS's CAs by their Japanese name, not their English DN */
  g_assert_nonnull (strstr (subtitle (f, "cards.0.cert.sign-ca"),
                            "地方公共団体情報システム機構（署名用・テスト用）"));
  g_assert_nonnull (strstr (subtitle (f, "cards.0.cert.auth"),
                            "地方公共団体情報システム機構（利用者証明用・テスト用）"));
  g_assert_null (strstr (subtitle (f, "cards.0.cert.auth"), "Japan Agency"));
  g_assert_null (strstr (subtitle (f, "cards.0.cert.auth"), "UTC"));
  g_assert_nonnull (inj_diagnostics_page_get_row (f->page, "modules.0"));
  g_assert_nonnull (inj_diagnostics_page_get_row (f->page, "versions.opensc"));
  g_assert_nonnull (strstr (subtitle (f, "versions.gtk"), "4."));

  /* the service: TCP, TLS 1.3 (a file key), both certificates */
  g_assert_true (g_str_has_prefix (subtitle (f, "service.tcp"), _("Connected")));
  g_assert_true (row_has_mood (f, "service.tcp", "success"));
  g_assert_true (row_has_mood (f, "service.name-resolution", "success"));
  g_assert_nonnull (strstr (subtitle (f, "service.tls"), "TLS1.3"));
  g_assert_true (g_str_has_prefix (subtitle (f, "service.server-certificate"),
                                   _("Verified against the service CA of the preferences.")));
  g_assert_true (row_has_mood (f, "service.server-certificate", "success"));
  g_assert_cmpstr (subtitle (f, "service.client-certificate"), ==, _("Accepted by the service."));
  g_assert_nonnull (inj_diagnostics_page_get_row (f->page, "service.clock-offset"));
  g_assert_null (inj_diagnostics_page_get_row (f->page, "service.failure"));
  /* the outbox: the package's ID and state */
  g_assert_cmpstr (title (f, "outbox.0"), ==, id);
  g_assert_nonnull (strstr (subtitle (f, "outbox.0"), _("Ready to upload")));

  /* nothing personal */
  text = test_ui_widget_text (GTK_WIDGET (f->page));
  report_text = inj_diagnostics_page_dup_text (f->page);
  for (guint i = 0; i < G_N_ELEMENTS (sentinels); i++)
    {
      if (strstr (text, sentinels[i]))
        g_error ("“%s” is on the page", sentinels[i]);
      g_assert_null (strstr (report_text, sentinels[i]));
    }
  g_assert_nonnull (json_object_get_member (report, "cards"));
  test_ui_wait_until (no_wait, NULL, 300);
  test_ui_screenshot (f->window, "diagnostics");
  /* and further down: the card and the service */
  {
    GtkWidget *scroller = child (f, "scroller");
    GtkWidget *row = inj_diagnostics_page_get_row (f->page, "readers.0");
    GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
    graphene_point_t at;

    g_assert_true (gtk_widget_compute_point (row, content, &GRAPHENE_POINT_INIT (0, 0), &at));
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)),
                              at.y - 60);
    test_ui_wait_until (no_wait, NULL, 300);
    test_ui_screenshot (f->window, "diagnostics-card");
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)),
                              G_MAXDOUBLE);
    test_ui_wait_until (no_wait, NULL, 300);
    test_ui_screenshot (f->window, "diagnostics-service");
  }

  /* Copy as text: the report's text on the clipboard */
  g_signal_emit_by_name (child (f, "copy_button"), "clicked");
  {
    GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->page));
    GdkContentProvider *content = gdk_clipboard_get_content (clipboard);
    GValue value = G_VALUE_INIT;

    g_assert_nonnull (content);
    g_value_init (&value, G_TYPE_STRING);
    g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
    g_assert_cmpstr (g_value_get_string (&value), ==, report_text);
    g_assert_nonnull (strstr (g_value_get_string (&value), "3B E0 00 FF 81 31 FE 45 14"));
    g_assert_nonnull (strstr (g_value_get_string (&value), "TLS1.3"));
    g_value_unset (&value);
  }
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (f, "status_label"))), ==,
                   _("The report is on the clipboard. Paste it into your message to support."));
}

/* The first button inside @widget. */
static GtkWidget *
find_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *b = find_button (c);
      if (b)
        return b;
    }
  return NULL;
}

/* With the card as the credential: the service only when asked, then with
 * one PIN through the session's interaction, TLS 1.2 and the card's
 * certificate accepted; no try used. */
static void
test_service_with_card (Fixture *f,
                        gconstpointer data)
{
  g_autoptr(TestService) svc = test_service_start (NULL);
  g_autoptr(TestPinInteraction) interaction = test_pin_interaction_new ("1234");
  GtkWidget *button;

  test_settings_for_service (f->settings, svc, TRUE);
  inj_session_set_interaction (f->session, G_TLS_INTERACTION (interaction));
  fixture_show (f);
  wait_done (f);
  /* not tried without asking: no PIN was asked */
  g_assert_nonnull (inj_diagnostics_page_get_row (f->page, "service.not-tried"));
  g_assert_cmpuint (test_pin_interaction_asked (interaction), ==, 0);
  button = find_button (inj_diagnostics_page_get_row (f->page, "service.not-tried"));
  g_assert_nonnull (button);
  g_assert_nonnull (gtk_widget_get_tooltip_text (button));

  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpint (inj_diagnostics_page_get_state (f->page), ==, INJ_DIAGNOSTICS_RUNNING);
  wait_done (f);
  g_assert_cmpuint (test_pin_interaction_asked (interaction), ==, 1);
  g_assert_null (inj_diagnostics_page_get_row (f->page, "service.not-tried"));
  g_assert_true (g_str_has_prefix (subtitle (f, "service.tcp"), _("Connected")));
  g_assert_nonnull (strstr (subtitle (f, "service.tls"), "TLS1.2"));
  g_assert_cmpstr (subtitle (f, "service.client-certificate"), ==, _("Accepted by the service."));
  g_assert_cmpint (vcard_tries ("auth_tries"), ==, 3);
  /* Run again: without the service once more, nothing asked */
  g_signal_emit_by_name (child (f, "run_button"), "clicked");
  wait_done (f);
  g_assert_nonnull (inj_diagnostics_page_get_row (f->page, "service.not-tried"));
  g_assert_cmpuint (test_pin_interaction_asked (interaction), ==, 1);
  inj_session_set_interaction (f->session, NULL);
}

static void
test_runs_once (Fixture *f,
                gconstpointer data)
{
  JsonObject *first;

  /* not while it is not shown */
  test_ui_wait_until (no_wait, NULL, 200);
  g_assert_cmpint (inj_diagnostics_page_get_state (f->page), ==, INJ_DIAGNOSTICS_IDLE);
  fixture_show (f);
  wait_done (f);
  first = inj_diagnostics_page_get_report (f->page);
  /* without a certificate file the service is not tried: said so */
  g_assert_nonnull (inj_diagnostics_page_get_row (f->page, "service.not-tried"));
  g_assert_null (inj_diagnostics_page_get_row (f->page, "service.tcp"));

  /* hidden and shown again: the same report */
  gtk_widget_set_visible (GTK_WIDGET (f->page), FALSE);
  test_ui_wait_until (no_wait, NULL, 100);
  gtk_widget_set_visible (GTK_WIDGET (f->page), TRUE);
  g_assert_true (test_ui_wait_until (drawn, f->page, 5000));
  g_assert_cmpint (inj_diagnostics_page_get_state (f->page), ==, INJ_DIAGNOSTICS_DONE);
  g_assert_true (inj_diagnostics_page_get_report (f->page) == first);

  /* Run again: a new one */
  g_signal_emit_by_name (child (f, "run_button"), "clicked");
  g_assert_cmpint (inj_diagnostics_page_get_state (f->page), ==, INJ_DIAGNOSTICS_RUNNING);
  g_assert_null (inj_diagnostics_page_get_report (f->page));
  g_assert_false (gtk_widget_get_sensitive (child (f, "copy_button")));
  wait_done (f);

  /* Cancel */
  g_signal_emit_by_name (child (f, "run_button"), "clicked");
  g_assert_cmpint (inj_diagnostics_page_get_state (f->page), ==, INJ_DIAGNOSTICS_RUNNING);
  g_signal_emit_by_name (child (f, "cancel_button"), "clicked");
  g_assert_cmpint (inj_diagnostics_page_get_state (f->page), ==, INJ_DIAGNOSTICS_CANCELLED);
  g_assert_false (gtk_widget_get_visible (child (f, "spinner")));
  g_assert_true (gtk_widget_get_sensitive (child (f, "run_button")));
  test_ui_wait_until (no_wait, NULL, 3000);
  g_assert_cmpint (inj_diagnostics_page_get_state (f->page), ==, INJ_DIAGNOSTICS_CANCELLED);
  g_assert_null (inj_diagnostics_page_get_report (f->page));

  /* the privacy lock cancels too */
  inj_diagnostics_page_run (f->page);
  g_assert_cmpint (inj_diagnostics_page_get_state (f->page), ==, INJ_DIAGNOSTICS_RUNNING);
  inj_session_privacy_lock (f->session);
  g_assert_cmpint (inj_diagnostics_page_get_state (f->page), ==, INJ_DIAGNOSTICS_CANCELLED);
  /* and dispose while it runs: the page still finalizes (tear-down) */
  inj_diagnostics_page_run (f->page);
}

static void
test_service_down (Fixture *f,
                   gconstpointer data)
{
  TestService *svc = test_service_start (NULL);
  JsonObject *service, *tcp;

  test_settings_for_service (f->settings, svc, FALSE);
  test_service_stop (svc);
  fixture_show (f);
  wait_done (f);
  service = json_object_get_object_member (inj_diagnostics_page_get_report (f->page), "service");
  tcp = json_object_get_object_member (service, "tcp");
  g_assert_false (json_object_get_boolean_member (tcp, "ok"));
  /* the row shows the failure as the report has it */
  g_assert_true (row_has_mood (f, "service.tcp", "error"));
  g_assert_false (g_str_has_prefix (subtitle (f, "service.tcp"), _("Connected")));
  g_assert_true (g_str_has_prefix (subtitle (f, "service.tcp"),
                                   json_object_get_string_member (tcp, "error")));
  g_assert_true (row_has_mood (f, "service.result", "error"));
  g_assert_cmpstr (subtitle (f, "service.client-certificate"), ==,
                   _("Unknown: the connection did not get that far."));
  g_assert_nonnull (inj_diagnostics_page_get_row (f->page, "service.failure"));
}

/* Reports may carry more than this page knows: "last_error" (when
 * recorded) and members added later show too. */
static void
test_generic_members (Fixture *f,
                      gconstpointer data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) report = NULL;
  g_autofree char *text = NULL;

  json_parser_load_from_data (parser,
    "{\"generated\": \"2024-05-01T01:02:03Z\","
    " \"last_error\": {\"time\": \"2024-05-01T01:00:00Z\", \"step\": \"sign\","
    "   \"reason\": \"sign-locked\", \"error\": \"inj-pkcs11-error-quark:164\", \"attempt\": 2},"
    " \"versions\": {\"ininjo\": \"0.1\", \"newlib\": \"9.9.9\"},"
    " \"service\": {\"url\": \"https://service.invalid\", \"client_key\": \"file\", \"ok\": false,"
    "   \"tcp\": {\"ok\": false, \"ms\": 3, \"error\": \"refused\", \"error_code\": \"g-io-error-quark:39\"},"
    "   \"tls\": {\"failure\": \"unreachable\", \"error\": \"unreachable\","
    "             \"client_certificate_accepted\": \"unknown\"},"
    "   \"clock_offset_s\": -95, \"proxy\": \"none\"},"
    " \"outbox\": {\"packages\": [{\"id\": \"ID-1\", \"state\": \"stored\"}], \"note\": \"outbox note\"},"
    " \"future_member\": \"future value\"}", -1, &error);
  g_assert_no_error (error);
  report = json_node_dup_object (json_parser_get_root (parser));
  inj_diagnostics_page_show_report (f->page, report);
  g_assert_cmpint (inj_diagnostics_page_get_state (f->page), ==, INJ_DIAGNOSTICS_DONE);
  /* shown: it does not run by itself over the report */
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (test_ui_wait_until (drawn, f->page, 5000));
  g_assert_cmpint (inj_diagnostics_page_get_state (f->page), ==, INJ_DIAGNOSTICS_DONE);
  g_assert_true (inj_diagnostics_page_get_report (f->page) == report);

  /* the last error, with labels of its own */
  g_assert_cmpstr (title (f, "last-error.step"), ==, _("Step"));
  {
    g_autofree char *step = g_strdup_printf ("%s (sign)", _("Signing the delegation"));
    g_assert_cmpstr (subtitle (f, "last-error.step"), ==, step);
  }
  g_assert_cmpstr (title (f, "last-error.reason"), ==, _("Reason"));
  /* the reason in the page's words, its code for support staff */
  g_assert_cmpstr (subtitle (f, "last-error.reason"), ==,
                   "署名用電子証明書のパスワードのロック（sign-locked）");
  g_assert_cmpstr (title (f, "last-error.error"), ==, _("Error code"));
  g_assert_cmpstr (subtitle (f, "last-error.error"), ==, "inj-pkcs11-error-quark:164");
  g_assert_true (row_has_mood (f, "last-error.error", "error"));
  g_assert_cmpstr (title (f, "last-error.time"), ==, _("When"));
  /* Japan time, labelled, whatever the computer's time zone: not UTC */
  g_assert_cmpstr (subtitle (f, "last-error.time"), ==, "2024-05-01 10:00:00（日本時間）");
  {
    g_autofree char *page_text = test_ui_widget_text (GTK_WIDGET (f->page));
    g_assert_nonnull (strstr (page_text, "2024-05-01 10:02:03（日本時間）に収集しました。"));
    g_assert_null (strstr (page_text, "UTC"));
  }
  /* members this page does not know, as the report names them, but
   * behind 「詳細」: their names are the report's English */
  g_assert_cmpstr (title (f, "last-error.attempt"), ==, "attempt");
  g_assert_cmpstr (subtitle (f, "last-error.attempt"), ==, "2");
  g_assert_true (gtk_widget_get_ancestor (inj_diagnostics_page_get_row (f->page,
                                                                         "last-error.attempt"),
                                          ADW_TYPE_EXPANDER_ROW) ==
                 inj_diagnostics_page_get_row (f->page, "last-error.details"));
  g_assert_cmpstr (title (f, "last-error.details"), ==, "詳細");
  g_assert_cmpstr (subtitle (f, "versions.newlib"), ==, "9.9.9");
  g_assert_cmpstr (subtitle (f, "outbox.note"), ==, "outbox note");
  g_assert_cmpstr (subtitle (f, "service.proxy"), ==, "none");
  g_assert_cmpstr (title (f, "future_member"), ==, "future_member");
  g_assert_cmpstr (subtitle (f, "future_member"), ==, "future value");
  /* known ones translated */
  g_assert_cmpstr (title (f, "service.tcp"), ==, _("TCP connection"));
  g_assert_true (g_str_has_prefix (subtitle (f, "service.tcp"), "refused"));
  g_assert_true (row_has_mood (f, "service.clock-offset", "warning"));
  /* the state in the page's words only, not the report's "(stored)" */
  g_assert_cmpstr (subtitle (f, "outbox.0"), ==, _("Stored by the service"));
  text = test_ui_widget_text (GTK_WIDGET (f->page));
  g_assert_nonnull (strstr (text, _("Last error")));
  test_ui_wait_until (no_wait, NULL, 300);
  test_ui_screenshot (f->window, "diagnostics-last-error");

  /* no failure recorded: said so, not an empty error */
  {
    g_autoptr(JsonObject) none = json_object_new ();
    json_object_set_null_member (none, "last_error");
    inj_diagnostics_page_show_report (f->page, none);
    g_assert_cmpstr (title (f, "last-error.none"), ==, _("None"));
    g_assert_true (row_has_mood (f, "last-error.none", "success"));
    g_assert_null (inj_diagnostics_page_get_row (f->page, "last-error.error"));
  }
}

static gboolean
switch_off (gpointer data)
{
  return !gtk_switch_get_active (data);
}

static void
test_verbose (Fixture *f,
              gconstpointer data)
{
  GtkWidget *sw = child (f, "verbose_switch");
  GtkWidget *row = child (f, "verbose_row");

  fixture_show (f);
  /* the application follows the setting from its start-up */
  g_assert_false (g_settings_get_boolean (f->settings, "verbose-logging"));
  g_assert_false (inj_log_get_verbose ());
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (sw)));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   _("Verbose logging for support"));
  g_assert_nonnull (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));

  gtk_switch_set_active (GTK_SWITCH (sw), TRUE);
  test_ui_wait_until (no_wait, NULL, 50);
  g_assert_true (g_settings_get_boolean (f->settings, "verbose-logging"));
  g_assert_true (inj_log_get_verbose ());

  /* the row activates the switch */
  g_signal_emit_by_name (row, "activate");
  /* (the switch moves with an animation first) */
  g_assert_true (test_ui_wait_until (switch_off, sw, 3000));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (sw)));
  g_assert_false (g_settings_get_boolean (f->settings, "verbose-logging"));
  g_assert_false (inj_log_get_verbose ());

  /* and the switch follows the setting */
  g_settings_set_boolean (f->settings, "verbose-logging", TRUE);
  test_ui_wait_until (no_wait, NULL, 50);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (sw)));
  g_assert_true (inj_log_get_verbose ());
  g_settings_set_boolean (f->settings, "verbose-logging", FALSE);
  g_assert_false (inj_log_get_verbose ());
  wait_done (f);
}

/* In the window: the card-status page's tab after Support, not run at
 * the window's start, run when shown with win.show-page::diagnostics. */
static void
test_in_window (void)
{
  g_autofree char *dir = test_ui_tmpdir ();
  g_autoptr(GSettings) settings = g_settings_new (INJ_APPLICATION_ID);
  InjSession *session;
  InjWindow *window;
  GtkStack *stack;
  GtkWidget *page;
  InjCardStatusPage *status;
  AdwViewStack *tabs;
  g_autoptr(GtkSelectionModel) pages = NULL;
  int support = -1, diagnostics = -1;

  /* the fixtures reset every setting: past the welcome, as a
   * representative's window opens */
  g_settings_set_string (settings, "start-role", "representative");
  session = inj_session_new (NULL, settings, dir);
  window = INJ_WINDOW (inj_window_new_for_session (ADW_APPLICATION (app), session));
  stack = inj_window_get_stack (window);
  page = inj_window_get_diagnostics_page (window);
  status = INJ_CARD_STATUS_PAGE (inj_window_get_card_status_page (window));
  tabs = inj_card_status_page_get_view_stack (status);
  pages = adw_view_stack_get_pages (tabs);
  g_object_unref (session);
  g_object_ref (window);
  g_assert_true (INJ_IS_DIAGNOSTICS_PAGE (page));
  g_assert_true (gtk_stack_get_child_by_name (stack, "card-status") == GTK_WIDGET (status));
  g_assert_true (adw_view_stack_get_child_by_name (tabs, "diagnostics") == page);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (pages), i);
      AdwViewStackPage *p = ADW_VIEW_STACK_PAGE (item);

      if (g_strcmp0 (adw_view_stack_page_get_name (p), "support") == 0)
        support = i;
      if (g_strcmp0 (adw_view_stack_page_get_name (p), "diagnostics") == 0)
        {
          diagnostics = i;
          g_assert_cmpstr (adw_view_stack_page_get_title (p), ==, _("Diagnostics"));
        }
    }
  g_assert_cmpint (support, >=, 0);
  g_assert_cmpint (diagnostics, ==, support + 1);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (test_ui_wait_until (drawn, window, 5000));
  test_ui_wait_until (no_wait, NULL, 300);
  g_assert_cmpint (inj_diagnostics_page_get_state (INJ_DIAGNOSTICS_PAGE (page)), ==,
                   INJ_DIAGNOSTICS_IDLE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s",
                                             "diagnostics"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "card-status");
  g_assert_cmpstr (inj_card_status_page_get_tab (status), ==, "diagnostics");
  g_assert_true (test_ui_wait_until (drawn, page, 5000));
  g_assert_cmpint (inj_diagnostics_page_get_state (INJ_DIAGNOSTICS_PAGE (page)), !=,
                   INJ_DIAGNOSTICS_IDLE);
  g_assert_true (test_ui_wait_until (finished, page, 90000));
  g_assert_cmpint (inj_diagnostics_page_get_state (INJ_DIAGNOSTICS_PAGE (page)), ==,
                   INJ_DIAGNOSTICS_DONE);

  gtk_window_destroy (GTK_WINDOW (window));
  test_ui_drain (G_OBJECT (window));
  g_assert_finalize_object (window);
  test_ui_rmtree (dir);
}

int
main (int argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *log_dir = NULL;
  g_autofree char *log_path = NULL;
  int status;

  test_data_home_init ();
  test_ui_init (&argc, &argv);
  /* messages through Ininjo's log (to stderr and a file of the test's),
   * as in the application: debug ones too once verbose is on */
  log_dir = test_ui_tmpdir ();
  log_path = g_build_filename (log_dir, "ininjo.log", NULL);
  inj_log_set_path (log_path);
  inj_log_init (FALSE);
  /* the application: it applies the verbose-logging setting */
  app = inj_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
#define ADD(path, func) g_test_add ("/ui/diagnostics/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("card-and-service", test_card_and_service);
  ADD ("service-with-card", test_service_with_card);
  ADD ("service-down", test_service_down);
  ADD ("generic-members", test_generic_members);
  ADD ("verbose", test_verbose);
  ADD ("runs-once", test_runs_once);
#undef ADD
  g_test_add_func ("/ui/diagnostics/in-window", test_in_window);
  status = test_ui_run ();
  g_clear_object (&app);
  inj_log_set_path (NULL);
  test_ui_rmtree (log_dir);
  test_data_home_cleanup ();
  return status;
}
