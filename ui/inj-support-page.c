/* inj-support-page.c: the support page: it starts the survey of the card
 * (inj-support-survey.c) and the connection test (inj-support-connection.c),
 * and holds the report copied for support staff, the bundle and the object. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-a11y.h"
#include "inj-wrap.h"
#include "inj-app.h"
#include "inj-bundle-dialog.h"
#include "inj-diagnostics.h"
#include "inj-service-client.h"
#include "inj-service-settings.h"
#include "inj-support-page-private.h"
#include "inj-ui-private.h"

G_DEFINE_FINAL_TYPE (InjSupportPage, inj_support_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_STATE,
  PROP_CONNECTION_STATE,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------------- the report */

char *
inj_support_page_dup_report (InjSupportPage *self)
{
  GString *text;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = NULL;
  Survey *survey;

  g_return_val_if_fail (INJ_IS_SUPPORT_PAGE (self), NULL);
  survey = self->survey;
  when = _inj_support_format_time (now);
  text = g_string_new (NULL);
  g_string_append_printf (text, _("Ininjo %s support report, %s"), PACKAGE_VERSION, when);
  g_string_append_printf (text, "\n\n[%s]\n%s\n", _("Readers and cards"),
                          inj_card_state_title (self->state));
  if (survey && survey->error)
    g_string_append_printf (text, "%s\n", survey->error);
  for (guint i = 0; survey && survey->readers && i < survey->readers->len; i++)
    {
      ReaderInfo *info = g_ptr_array_index (survey->readers, i);
      g_autofree char *described = _inj_support_reader_describe (info);
      g_auto(GStrv) lines = g_strsplit (described, "\n", -1);
      g_string_append_printf (text, "- %s\n", info->name);
      for (guint l = 0; lines[l]; l++)
        g_string_append_printf (text, "  %s\n", lines[l]);
    }
  if (survey && survey->other_tokens)
    g_string_append_printf (text, "- %s: %s\n", _("Tokens of no card reader"),
                            survey->other_tokens);

  g_string_append_printf (text, "\n[%s]\n", _("PINs"));
  for (InjPinKind pin = INJ_PIN_AUTH; pin <= INJ_PIN_SIGN; pin++)
    {
      g_autofree char *line = _inj_support_pin_text (self, pin);
      g_string_append_printf (text, "%s\n", line);
    }

  g_string_append_printf (text, "\n[%s]\n", _("Certificates"));
  for (guint i = 0; survey && survey->card && i < N_CERTS; i++)
    {
      g_autofree char *described = _inj_support_cert_describe (&survey->certs[i]);
      g_auto(GStrv) lines = g_strsplit (described, "\n", -1);
      g_string_append_printf (text, "- %s\n",
                              _inj_support_cert_title (_inj_support_cert_kinds[i]));
      for (guint l = 0; lines[l]; l++)
        g_string_append_printf (text, "  %s\n", lines[l]);
    }
  if (survey && survey->trust_error)
    g_string_append_printf (text, "%s\n", survey->trust_error);

  g_string_append_printf (text, "\n[%s]\n", _("Connection test"));
  if (self->conn_state == INJ_CONNECTION_SUCCEEDED || self->conn_state == INJ_CONNECTION_FAILED)
    {
      ConnResult *r = self->conn;
      g_string_append_printf (text, "%s\n", r->error ? _("The connection failed")
                                                     : _("The connection works"));
      if (r->error)
        g_string_append_printf (text, "%s\n", r->error->message);
      g_string_append_printf (text, "%s: %s\n", _("Service address"), r->url ? r->url : "");
      g_string_append_printf (text, "%s: %s\n", _("TLS"),
                              r->tls_summary && *r->tls_summary ? r->tls_summary
                              : r->tls_version ? r->tls_version : "-");
      g_string_append_printf (text, "%s: %s (%s)\n", _("Server certificate"),
                              _inj_support_check_text (r->server, TRUE),
                              r->service_ca ? r->service_ca : "");
      g_string_append_printf (text, "%s: %s (%s)\n", _("Client certificate"),
                              _inj_support_check_text (r->client, FALSE),
                              r->uses_card ? _("the card's authentication certificate")
                                           : r->client_file ? r->client_file : "");
      if (r->service_name)
        g_string_append_printf (text, "%s: %s\n", _("Service name"), r->service_name);
    }
  else
    g_string_append_printf (text, "%s\n", self->conn_state == INJ_CONNECTION_RUNNING
                                          ? _("Connecting…")
                                          : self->conn_state == INJ_CONNECTION_CANCELLED
                                          ? _("Cancelled") : _("Not run yet"));
  return g_string_free (text, FALSE);
}

static void
copy_clicked (InjSupportPage *self)
{
  g_autofree char *report = inj_support_page_dup_report (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), report);
  gtk_label_set_text (self->copied_label,
                      _("The report is on the clipboard. Paste it into your message to support."));
  gtk_widget_set_visible (GTK_WIDGET (self->copied_label), TRUE);
}

/* ---------------------------------------------------------------- the bundle */

GtkWidget *
inj_support_page_open_bundle (InjSupportPage *self)
{
  g_return_val_if_fail (INJ_IS_SUPPORT_PAGE (self), NULL);
  return inj_bundle_dialog_present_for (GTK_WIDGET (self), self->session);
}

static void
bundle_clicked (InjSupportPage *self)
{
  inj_support_page_open_bundle (self);
}

/* ---------------------------------------------------------------- session */

static void
privacy_lock (InjSupportPage *self)
{
  /* No personal data is on this page; card work stops, and the survey
   * (which needs no PIN) starts again. */
  inj_support_page_cancel_connection (self);
  inj_support_page_refresh (self);
}

static void
session_monitor_changed (InjSupportPage *self)
{
  InjCardMonitor *monitor = inj_session_get_monitor (self->session);

  if (self->monitor == NULL && monitor)
    {
      self->monitor = g_object_ref (monitor);
      g_signal_connect_object (monitor, "changed", G_CALLBACK (inj_support_page_refresh), self,
                               G_CONNECT_SWAPPED);
      inj_card_monitor_watch (monitor, WATCH_INTERVAL_MS);
      inj_support_page_refresh (self);
    }
  else if (monitor == NULL && inj_session_get_monitor_error (self->session))
    _inj_support_show_monitor_error (self);
}

static void
inj_support_page_constructed (GObject *object)
{
  InjSupportPage *self = INJ_SUPPORT_PAGE (object);

  G_OBJECT_CLASS (inj_support_page_parent_class)->constructed (object);
  _inj_support_show_survey (self);
  _inj_support_show_connection (self);
  g_signal_connect_object (self->session, "notify::monitor",
                           G_CALLBACK (session_monitor_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::monitor-error",
                           G_CALLBACK (session_monitor_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "privacy-lock",
                           G_CALLBACK (privacy_lock), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (inj_session_get_settings (self->session), "changed::trust-anchors",
                           G_CALLBACK (inj_support_page_refresh), self, G_CONNECT_SWAPPED);
  session_monitor_changed (self);
}

static void
inj_support_page_dispose (GObject *object)
{
  InjSupportPage *self = INJ_SUPPORT_PAGE (object);

  inj_job_stop (self->survey_job);
  inj_job_stop (self->conn_job);
  if (self->monitor)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), INJ_TYPE_SUPPORT_PAGE);
  G_OBJECT_CLASS (inj_support_page_parent_class)->dispose (object);
}

static void
inj_support_page_finalize (GObject *object)
{
  InjSupportPage *self = INJ_SUPPORT_PAGE (object);

  g_clear_object (&self->survey_job);
  g_clear_object (&self->conn_job);
  _inj_support_survey_free (self->survey);
  for (guint i = 0; i < G_N_ELEMENTS (self->pins); i++)
    {
      g_clear_pointer (&self->pins[i], inj_pin_status_free);
      g_free (self->pin_errors[i]);
    }
  _inj_support_conn_result_free (self->conn);
  G_OBJECT_CLASS (inj_support_page_parent_class)->finalize (object);
}

static void
inj_support_page_get_property (GObject *object,
                               guint prop_id,
                               GValue *value,
                               GParamSpec *pspec)
{
  InjSupportPage *self = INJ_SUPPORT_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_CONNECTION_STATE:
      g_value_set_int (value, self->conn_state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inj_support_page_set_property (GObject *object,
                               guint prop_id,
                               const GValue *value,
                               GParamSpec *pspec)
{
  InjSupportPage *self = INJ_SUPPORT_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_set_object (&self->session, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inj_support_page_class_init (InjSupportPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = inj_support_page_constructed;
  object_class->dispose = inj_support_page_dispose;
  object_class->finalize = inj_support_page_finalize;
  object_class->get_property = inj_support_page_get_property;
  object_class->set_property = inj_support_page_set_property;

  /* The session whose monitor, settings and interaction the page uses. */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, INJ_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* An InjCardState. */
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, INJ_CARD_STATE_LOADING, INJ_CARD_STATE_READY,
                      INJ_CARD_STATE_LOADING, ro);
  /* An InjConnectionState. */
  properties[PROP_CONNECTION_STATE] =
    g_param_spec_int ("connection-state", NULL, NULL, INJ_CONNECTION_IDLE,
                      INJ_CONNECTION_CANCELLED, INJ_CONNECTION_IDLE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  _inj_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ininjo/Ininjo/ui/inj-support-page.ui");
  gtk_widget_class_bind_template_child (widget_class, InjSupportPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, InjSupportPage, readers_list);
  gtk_widget_class_bind_template_child (widget_class, InjSupportPage, auth_pin_row);
  gtk_widget_class_bind_template_child (widget_class, InjSupportPage, sign_pin_row);
  gtk_widget_class_bind_template_child (widget_class, InjSupportPage, certs_list);
  gtk_widget_class_bind_template_child (widget_class, InjSupportPage, connection_list);
  gtk_widget_class_bind_template_child (widget_class, InjSupportPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, InjSupportPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, InjSupportPage, test_button);
  gtk_widget_class_bind_template_child (widget_class, InjSupportPage, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, InjSupportPage, copy_button);
  gtk_widget_class_bind_template_child (widget_class, InjSupportPage, copied_label);
  gtk_widget_class_bind_template_callback (widget_class, inj_support_page_refresh);
  gtk_widget_class_bind_template_callback (widget_class, inj_support_page_test_connection);
  gtk_widget_class_bind_template_callback (widget_class, inj_support_page_cancel_connection);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked);
  gtk_widget_class_bind_template_callback (widget_class, bundle_clicked);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
inj_support_page_init (InjSupportPage *self)
{
  g_type_ensure (ADW_TYPE_PREFERENCES_GROUP);
  g_type_ensure (ADW_TYPE_ACTION_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));
  inj_wrap_labels_in (GTK_WIDGET (self));
  inj_ui_set_accessible_label (self->refresh_button, _("Refresh"));
  self->survey_job = inj_job_new ();
  /* the spinner, the cancel and test buttons follow the connection test */
  self->conn_job = inj_job_new ();
  g_object_bind_property (self->conn_job, "busy", self->spinner, "visible",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->conn_job, "busy", self->spinner, "spinning",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->conn_job, "busy", self->cancel_button, "visible",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->conn_job, "busy", self->test_button, "sensitive",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
}

GtkWidget *
inj_support_page_new (InjSession *session)
{
  g_return_val_if_fail (INJ_IS_SESSION (session), NULL);
  return g_object_new (INJ_TYPE_SUPPORT_PAGE, "session", session, NULL);
}

InjCardState
inj_support_page_get_state (InjSupportPage *self)
{
  g_return_val_if_fail (INJ_IS_SUPPORT_PAGE (self), INJ_CARD_STATE_ERROR);
  return self->state;
}

const InjPinStatus *
inj_support_page_get_pin_status (InjSupportPage *self,
                                 InjPinKind pin)
{
  g_return_val_if_fail (INJ_IS_SUPPORT_PAGE (self), NULL);
  g_return_val_if_fail (pin == INJ_PIN_AUTH || pin == INJ_PIN_SIGN, NULL);
  return self->pins[pin];
}

InjCertificate *
inj_support_page_get_certificate (InjSupportPage *self,
                                  InjCertKind kind)
{
  g_return_val_if_fail (INJ_IS_SUPPORT_PAGE (self), NULL);
  for (guint i = 0; self->survey && self->survey->card && i < N_CERTS; i++)
    if (_inj_support_cert_kinds[i] == kind)
      return self->survey->certs[i].cert;
  return NULL;
}

InjConnectionState
inj_support_page_get_connection_state (InjSupportPage *self)
{
  g_return_val_if_fail (INJ_IS_SUPPORT_PAGE (self), INJ_CONNECTION_IDLE);
  return self->conn_state;
}

static ConnResult *
finished (InjSupportPage *self)
{
  if (self->conn_state == INJ_CONNECTION_SUCCEEDED || self->conn_state == INJ_CONNECTION_FAILED)
    return self->conn;
  return NULL;
}

const GError *
inj_support_page_get_connection_error (InjSupportPage *self)
{
  g_return_val_if_fail (INJ_IS_SUPPORT_PAGE (self), NULL);
  return finished (self) ? finished (self)->error : NULL;
}

const char *
inj_support_page_get_tls_version (InjSupportPage *self)
{
  g_return_val_if_fail (INJ_IS_SUPPORT_PAGE (self), NULL);
  return finished (self) ? finished (self)->tls_version : NULL;
}

const char *
inj_support_page_get_service_name (InjSupportPage *self)
{
  g_return_val_if_fail (INJ_IS_SUPPORT_PAGE (self), NULL);
  return finished (self) ? finished (self)->service_name : NULL;
}

InjTlsCheck
inj_support_page_get_server_check (InjSupportPage *self)
{
  g_return_val_if_fail (INJ_IS_SUPPORT_PAGE (self), INJ_TLS_NOT_REACHED);
  return finished (self) ? finished (self)->server : INJ_TLS_NOT_REACHED;
}

InjTlsCheck
inj_support_page_get_client_check (InjSupportPage *self)
{
  g_return_val_if_fail (INJ_IS_SUPPORT_PAGE (self), INJ_TLS_NOT_REACHED);
  return finished (self) ? finished (self)->client : INJ_TLS_NOT_REACHED;
}
