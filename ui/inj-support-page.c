/* inj-support-page.c */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-a11y.h"
#include "inj-app.h"
#include "inj-bundle-dialog.h"
#include "inj-diagnostics.h"
#include "inj-service-client.h"
#include "inj-service-settings.h"
#include "inj-support-page.h"
#include "inj-ui-private.h"

#define WATCH_INTERVAL_MS 1000
#define N_CERTS 3

static const InjCertKind cert_kinds[N_CERTS] = { INJ_CERT_AUTH, INJ_CERT_AUTH_CA, INJ_CERT_SIGN_CA };

/* ---------------------------------------------------------------- what a survey finds */

typedef struct {
  char *name;
  gboolean card_present;
  char *atr;     /* hex, NULL without a card */
  char *tokens;  /* the token labels in this reader, NULL for none */
  gboolean my_number;
} ReaderInfo;

static void
reader_info_free (ReaderInfo *info)
{
  g_free (info->name);
  g_free (info->atr);
  g_free (info->tokens);
  g_free (info);
}

typedef struct {
  InjCertificate *cert;
  char *error;
  InjChainStatus chain;
  gboolean pinned;
  InjValidity validity; /* zero: unknown, never valid */
} CertInfo;

typedef struct {
  InjCardState state;
  char *error;
  GPtrArray *readers;   /* ReaderInfo */
  char *other_tokens;   /* tokens of no listed reader */
  InjCard *card;
  CertInfo certs[N_CERTS];
  char *trust_error;
} Survey;

static void
survey_free (Survey *survey)
{
  if (survey == NULL)
    return;
  g_free (survey->error);
  g_clear_pointer (&survey->readers, g_ptr_array_unref);
  g_free (survey->other_tokens);
  g_clear_object (&survey->card);
  for (guint i = 0; i < N_CERTS; i++)
    {
      g_clear_object (&survey->certs[i].cert);
      g_free (survey->certs[i].error);
    }
  g_free (survey->trust_error);
  g_free (survey);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Survey, survey_free)

typedef struct {
  InjCardMonitor *monitor;
  InjTrustStore *trust;       /* the signing CA's */
  InjTrustStore *auth_trust;  /* the authentication certificate's and its CA's */
  char *trust_error;
} SurveyJob;

static void
survey_job_free (SurveyJob *job)
{
  g_clear_object (&job->monitor);
  g_clear_object (&job->trust);
  g_clear_object (&job->auth_trust);
  g_free (job->trust_error);
  g_free (job);
}

/* ---------------------------------------------------------------- what a connection test finds */

typedef struct {
  char *url;
  char *service_ca;
  gboolean uses_card;
  char *client_file;
  char *tls_version;
  char *tls_summary;
  char *service_name;
  GError *error;
  InjTlsCheck server;
  InjTlsCheck client;
} ConnResult;

static void
conn_result_free (ConnResult *result)
{
  if (result == NULL)
    return;
  g_free (result->url);
  g_free (result->service_ca);
  g_free (result->client_file);
  g_free (result->tls_version);
  g_free (result->tls_summary);
  g_free (result->service_name);
  g_clear_error (&result->error);
  g_free (result);
}

typedef struct {
  InjServiceConfig config;
  gboolean uses_card;
  InjCardMonitor *monitor;
  GTlsInteraction *interaction;
} ConnJob;

static void
conn_job_free (ConnJob *job)
{
  inj_service_config_clear (&job->config);
  g_clear_object (&job->monitor);
  g_clear_object (&job->interaction);
  g_free (job);
}

/* ---------------------------------------------------------------- the page */

struct _InjSupportPage {
  GtkWidget parent_instance;

  GtkWidget *scroller;
  GtkListBox *readers_list;
  AdwActionRow *auth_pin_row;
  AdwActionRow *sign_pin_row;
  GtkListBox *certs_list;
  GtkListBox *connection_list;
  GtkSpinner *spinner;
  GtkWidget *cancel_button;
  GtkWidget *test_button;
  GtkWidget *refresh_button;
  GtkWidget *copy_button;
  GtkLabel *copied_label;

  InjSession *session;
  InjCardMonitor *monitor;
  GCancellable *cancellable;      /* the survey and the PIN states */
  guint generation;
  InjCardState state;
  Survey *survey;
  InjPinStatus *pins[2];          /* by InjPinKind */
  char *pin_errors[2];

  GCancellable *conn_cancellable;
  InjConnectionState conn_state;
  ConnResult *conn;
};

G_DEFINE_FINAL_TYPE (InjSupportPage, inj_support_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_STATE,
  PROP_CONNECTION_STATE,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static const char *
cert_title (InjCertKind kind)
{
  switch (kind)
    {
    case INJ_CERT_AUTH:
      return _("Authentication certificate");
    case INJ_CERT_AUTH_CA:
      return _("Authentication CA certificate");
    case INJ_CERT_SIGN_CA:
      return _("Signing CA certificate");
    case INJ_CERT_SIGN:
    default:
      return _("Signing certificate");
    }
}

static const char *
chain_text (const CertInfo *info)
{
  switch (info->chain)
    {
    case INJ_CHAIN_TRUSTED:
      return info->pinned ? _("Chains to a pinned JPKI root.")
                          : _("Chains to a trust anchor of the preferences.");
    case INJ_CHAIN_BAD_SIGNATURE:
      return _("Not trusted: a root of the issuer's name did not sign it.");
    case INJ_CHAIN_INSECURE:
      return _("Not trusted: signed with an insecure algorithm.");
    case INJ_CHAIN_UNKNOWN_ISSUER:
    default:
      return _("Not trusted: it chains neither to a pinned JPKI root nor to a trust anchor "
               "of the preferences.");
    }
}

static const char *
validity_text (InjValidity validity)
{
  switch (validity)
    {
    case INJ_VALIDITY_VALID:
      return _("valid now");
    case INJ_VALIDITY_NOT_YET:
      return _("not yet valid");
    case INJ_VALIDITY_EXPIRED:
      return _("expired");
    case INJ_VALIDITY_UNKNOWN:
    default:
      return _("validity unknown");
    }
}

static char *
format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;

  if (time == NULL)
    return g_strdup ("?");
  utc = g_date_time_to_utc (time);
  return g_date_time_format (utc, "%Y-%m-%d %H:%M UTC");
}

/* Serial, fingerprint, validity and chain: never the subject. */
static char *
cert_describe (const CertInfo *info)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (info->cert == NULL)
    return g_strdup (info->error ? info->error : _("Not read"));
  from = format_time (inj_certificate_get_not_before (info->cert));
  to = format_time (inj_certificate_get_not_after (info->cert));
  return g_strdup_printf (_("Serial: %s\nSHA-256: %s\nValid from %s to %s: %s\n%s"),
                          inj_certificate_get_serial (info->cert),
                          inj_certificate_get_fingerprint (info->cert),
                          from, to, validity_text (info->validity), chain_text (info));
}

static char *
reader_describe (const ReaderInfo *info)
{
  GString *text = g_string_new (info->card_present ? _("Card present") : _("No card"));

  if (info->atr)
    g_string_append_printf (text, "\n%s: %s", _("ATR"), info->atr);
  g_string_append_printf (text, "\n%s: %s", _("Tokens"), info->tokens ? info->tokens : _("none"));
  if (info->card_present)
    g_string_append_printf (text, "\n%s",
                            info->my_number ? _("This is a My Number card.")
                                            : _("This is not a My Number card."));
  return g_string_free (text, FALSE);
}

static const char *
check_text (InjTlsCheck check,
            gboolean server)
{
  if (check == INJ_TLS_PASSED)
    return server ? _("verified") : _("accepted by the service");
  if (check == INJ_TLS_FAILED)
    return server ? _("not trusted") : _("refused");
  return server ? _("not checked: the connection did not get that far")
                : _("not presented: the connection did not get that far");
}

static char *
pin_text (InjSupportPage *self,
          InjPinKind pin)
{
  const char *what = pin == INJ_PIN_SIGN ? _("Signing password") : _("Authentication PIN");

  if (self->pins[pin])
    return inj_pin_status_describe (self->pins[pin]);
  if (self->pin_errors[pin])
    return g_strdup_printf ("%s: %s", what, self->pin_errors[pin]);
  if (self->state == INJ_CARD_STATE_READY)
    return g_strdup_printf ("%s: %s", what, _("reading…"));
  return g_strdup_printf ("%s: %s", what, _("no My Number card"));
}

/* ---------------------------------------------------------------- showing */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
}

static GtkWidget *
add_row (GtkListBox *list,
         const char *title,
         const char *subtitle,
         const char *icon_name)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (icon_name)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon_name));
  gtk_list_box_append (list, row);
  return row;
}

static void
show_pins (InjSupportPage *self)
{
  g_autofree char *auth = pin_text (self, INJ_PIN_AUTH);
  g_autofree char *sign = pin_text (self, INJ_PIN_SIGN);

  adw_action_row_set_subtitle (self->auth_pin_row, auth);
  adw_action_row_set_subtitle (self->sign_pin_row, sign);
}

static void
show_survey (InjSupportPage *self)
{
  Survey *survey = self->survey;
  const char *description = inj_card_state_description (self->state);

  clear_list (self->readers_list);
  add_row (self->readers_list, inj_card_state_title (self->state),
           survey && survey->error ? survey->error : (*description ? description : NULL),
           self->state == INJ_CARD_STATE_READY ? "emblem-ok-symbolic"
           : self->state == INJ_CARD_STATE_ERROR ? "dialog-error-symbolic"
           : "media-flash-symbolic");
  for (guint i = 0; survey && survey->readers && i < survey->readers->len; i++)
    {
      ReaderInfo *info = g_ptr_array_index (survey->readers, i);
      g_autofree char *text = reader_describe (info);
      add_row (self->readers_list, info->name, text, NULL);
    }
  if (survey && survey->other_tokens)
    add_row (self->readers_list, _("Tokens of no card reader"), survey->other_tokens, NULL);

  clear_list (self->certs_list);
  if (survey && survey->card)
    {
      for (guint i = 0; i < N_CERTS; i++)
        {
          const CertInfo *info = &survey->certs[i];
          g_autofree char *text = cert_describe (info);
          gboolean good = info->cert && info->validity == INJ_VALIDITY_VALID &&
                          info->chain == INJ_CHAIN_TRUSTED;
          add_row (self->certs_list, cert_title (cert_kinds[i]), text,
                   good ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
        }
      if (survey->trust_error)
        add_row (self->certs_list, _("Trust anchors"), survey->trust_error, "dialog-warning-symbolic");
    }
  else
    add_row (self->certs_list, _("No My Number card"),
             _("Insert the card to see its certificates."), NULL);
  show_pins (self);
}

static void
set_state (InjSupportPage *self,
           InjCardState state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
show_connection (InjSupportPage *self)
{
  ConnResult *r = self->conn;
  gboolean running = self->conn_state == INJ_CONNECTION_RUNNING;

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), running);
  gtk_spinner_set_spinning (self->spinner, running);
  gtk_widget_set_visible (self->cancel_button, running);
  gtk_widget_set_sensitive (self->test_button, !running);
  clear_list (self->connection_list);

  switch (self->conn_state)
    {
    case INJ_CONNECTION_IDLE:
      add_row (self->connection_list, _("Not run yet"),
               _("Press “Test connection” to check the service's address, its certificate "
                 "and yours."), NULL);
      return;
    case INJ_CONNECTION_RUNNING:
      add_row (self->connection_list, _("Connecting…"), r && r->url ? r->url : NULL, NULL);
      return;
    case INJ_CONNECTION_CANCELLED:
      add_row (self->connection_list, _("Cancelled"),
               _("The connection test was stopped. Nothing was sent."), NULL);
      return;
    case INJ_CONNECTION_SUCCEEDED:
    case INJ_CONNECTION_FAILED:
    default:
      break;
    }

  if (r->error)
    add_row (self->connection_list, _("The connection failed"), r->error->message,
             "dialog-error-symbolic");
  else
    add_row (self->connection_list, _("The connection works"),
             _("The service answered over mutual TLS."), "emblem-ok-symbolic");
  add_row (self->connection_list, _("Service address"), r->url ? r->url : _("not set"), NULL);
  {
    /* the summary begins with the version */
    const char *tls = r->tls_summary && *r->tls_summary ? r->tls_summary
                      : r->tls_version ? r->tls_version
                      : _("No TLS session was established.");
    add_row (self->connection_list, _("TLS"), tls, NULL);
  }
  {
    /* a refusal is said in the error's words, which say what to do */
    g_autofree char *server = r->server == INJ_TLS_FAILED && r->error
      ? g_strdup (r->error->message)
      : g_strdup_printf ("%s (%s)", check_text (r->server, TRUE), r->service_ca ? r->service_ca : "");
    add_row (self->connection_list, _("Server certificate"), server,
             r->server == INJ_TLS_PASSED ? "emblem-ok-symbolic"
             : r->server == INJ_TLS_FAILED ? "dialog-error-symbolic" : NULL);
  }
  {
    g_autofree char *client = r->client == INJ_TLS_FAILED && r->error
      ? g_strdup (r->error->message)
      : g_strdup_printf ("%s (%s)", check_text (r->client, FALSE),
                         r->uses_card ? _("the card's authentication certificate")
                                      : r->client_file ? r->client_file : "");
    add_row (self->connection_list, _("Client certificate"), client,
             r->client == INJ_TLS_PASSED ? "emblem-ok-symbolic"
             : r->client == INJ_TLS_FAILED ? "dialog-error-symbolic" : NULL);
  }
  if (r->service_name)
    add_row (self->connection_list, _("Service name"), r->service_name, NULL);
}

static void
set_connection_state (InjSupportPage *self,
                      InjConnectionState state)
{
  self->conn_state = state;
  show_connection (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTION_STATE]);
}

/* ---------------------------------------------------------------- the survey */

static char *
hex_string (GBytes *bytes)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  GString *hex = g_string_sized_new (size * 2);

  for (gsize i = 0; i < size; i++)
    g_string_append_printf (hex, "%02X", data[i]);
  return g_string_free (hex, FALSE);
}

/* PC/SC and PKCS#11 wait on the card service: off the main thread. Nothing
 * here asks for a PIN. */
static void
survey_thread (GTask *task,
               gpointer source,
               gpointer task_data,
               GCancellable *cancellable)
{
  SurveyJob *job = task_data;
  g_autoptr(Survey) survey = g_new0 (Survey, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) readers = inj_pcsc_list_readers (&error);
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GString) others = g_string_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gboolean card_present = FALSE;

  survey->readers = g_ptr_array_new_with_free_func ((GDestroyNotify) reader_info_free);
  survey->trust_error = g_strdup (job->trust_error);
  if (readers == NULL)
    {
      survey->state = INJ_CARD_STATE_ERROR;
      survey->error = g_strdup (error->message);
      g_task_return_pointer (task, g_steal_pointer (&survey), (GDestroyNotify) survey_free);
      return;
    }
  tokens = inj_card_monitor_list_tokens (job->monitor);
  for (guint i = 0; i < readers->len; i++)
    {
      InjReaderInfo *r = g_ptr_array_index (readers, i);
      ReaderInfo *info = g_new0 (ReaderInfo, 1);
      g_autoptr(GString) labels = g_string_new (NULL);
      g_autoptr(InjCard) card = inj_card_monitor_get_card (job->monitor, r->name);

      info->name = g_strdup (r->name);
      info->card_present = r->card_present;
      card_present |= r->card_present;
      if (r->atr)
        info->atr = hex_string (r->atr);
      for (guint t = 0; t < tokens->len; t++)
        {
          InjToken *token = g_ptr_array_index (tokens, t);
          if (g_strcmp0 (inj_token_get_reader (token), r->name) != 0)
            continue;
          g_string_append_printf (labels, "%s%s", labels->len ? ", " : "", inj_token_get_label (token));
        }
      info->tokens = labels->len ? g_strdup (labels->str) : NULL;
      info->my_number = card != NULL;
      g_ptr_array_add (survey->readers, info);
    }
  for (guint t = 0; t < tokens->len; t++)
    {
      InjToken *token = g_ptr_array_index (tokens, t);
      gboolean listed = FALSE;
      for (guint i = 0; i < readers->len && !listed; i++)
        listed = g_strcmp0 (inj_token_get_reader (token),
                            ((InjReaderInfo *) g_ptr_array_index (readers, i))->name) == 0;
      if (!listed)
        g_string_append_printf (others, "%s%s", others->len ? ", " : "", inj_token_get_label (token));
    }
  survey->other_tokens = others->len ? g_strdup (others->str) : NULL;

  survey->card = inj_card_monitor_get_card (job->monitor, NULL);
  if (survey->card)
    survey->state = INJ_CARD_STATE_READY;
  else if (readers->len == 0)
    survey->state = INJ_CARD_STATE_NO_READER;
  else if (!card_present && tokens->len == 0)
    survey->state = INJ_CARD_STATE_NO_CARD;
  else if (!(card_present && inj_card_survey_explain (readers, &survey->state, &survey->error)))
    survey->state = INJ_CARD_STATE_NOT_MY_NUMBER;

  for (guint i = 0; survey->card && i < N_CERTS; i++)
    {
      CertInfo *info = &survey->certs[i];
      g_autoptr(GError) cert_error = NULL;
      g_autoptr(GBytes) der = inj_card_read_certificate (survey->card, cert_kinds[i], NULL,
                                                         cancellable, &cert_error);

      info->cert = der ? inj_certificate_new_from_der (der, &cert_error) : NULL;
      if (info->cert == NULL)
        {
          info->error = g_strdup (cert_error->message);
          continue;
        }
      info->chain = inj_trust_store_check (cert_kinds[i] == INJ_CERT_SIGN_CA ? job->trust
                                                                              : job->auth_trust,
                                           info->cert, NULL, &info->pinned);
      info->validity = inj_certificate_get_validity_at (info->cert, now);
    }
  g_task_return_pointer (task, g_steal_pointer (&survey), (GDestroyNotify) survey_free);
}

typedef struct {
  InjSupportPage *self;
  guint generation;
  InjPinKind pin;
} PinRequest;

static void
pin_status_cb (GObject *source,
               GAsyncResult *result,
               gpointer user_data)
{
  g_autofree PinRequest *request = user_data;
  g_autoptr(GError) error = NULL;
  InjPinStatus *status = inj_card_get_pin_status_finish (INJ_CARD (source), result, &error);
  InjSupportPage *self;
  InjPinKind pin = request->pin;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* the page is gone, or a newer survey came */
  self = request->self;
  if (request->generation != self->generation)
    {
      g_clear_pointer (&status, inj_pin_status_free);
      return;
    }
  g_clear_pointer (&self->pins[pin], inj_pin_status_free);
  g_clear_pointer (&self->pin_errors[pin], g_free);
  self->pins[pin] = status;
  if (status == NULL)
    self->pin_errors[pin] = g_strdup (error->message);
  show_pins (self);
}

static void
ask_pin_status (InjSupportPage *self,
                InjCard *card,
                InjPinKind pin)
{
  PinRequest *request = g_new0 (PinRequest, 1);

  request->self = self;
  request->generation = self->generation;
  request->pin = pin;
  inj_card_get_pin_status_async (card, pin, self->cancellable, pin_status_cb, request);
}

static void
survey_cb (GObject *source,
           GAsyncResult *result,
           gpointer user_data)
{
  GTask *task = G_TASK (result);
  g_autoptr(GError) error = NULL;
  Survey *survey = g_task_propagate_pointer (task, &error);
  InjSupportPage *self;

  if (survey == NULL)
    return; /* cancelled: the page is gone or a newer survey runs */
  self = INJ_SUPPORT_PAGE (user_data);
  if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "generation")) != self->generation)
    {
      survey_free (survey);
      return;
    }
  survey_free (self->survey);
  self->survey = survey;
  for (guint i = 0; i < G_N_ELEMENTS (self->pins); i++)
    {
      g_clear_pointer (&self->pins[i], inj_pin_status_free);
      g_clear_pointer (&self->pin_errors[i], g_free);
    }
  set_state (self, survey->state);
  show_survey (self);
  /* Read from the card's counters: no try is consumed. The error of one
   * that cannot be read says which PIN it was. */
  if (survey->card)
    {
      ask_pin_status (self, survey->card, INJ_PIN_AUTH);
      ask_pin_status (self, survey->card, INJ_PIN_SIGN);
    }
}

static void
show_monitor_error (InjSupportPage *self)
{
  survey_free (self->survey);
  self->survey = g_new0 (Survey, 1);
  self->survey->state = INJ_CARD_STATE_ERROR;
  self->survey->error = g_strdup (inj_session_get_monitor_error (self->session));
  set_state (self, INJ_CARD_STATE_ERROR);
  show_survey (self);
}

void
inj_support_page_refresh (InjSupportPage *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  SurveyJob *job;

  g_return_if_fail (INJ_IS_SUPPORT_PAGE (self));
  if (self->monitor == NULL)
    {
      if (inj_session_get_monitor_error (self->session))
        show_monitor_error (self);
      return;
    }
  /* A newer survey replaces the one running (and its PIN requests). */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  job = g_new0 (SurveyJob, 1);
  job->monitor = g_object_ref (self->monitor);
  job->trust = inj_session_dup_trust_store (self->session, &error);
  if (job->trust == NULL)
    {
      job->trust_error = g_strdup_printf (_("The trust anchors of the preferences cannot be "
                                            "read (%s): only the pinned JPKI roots are used."),
                                          error->message);
      job->trust = inj_trust_store_new_jpki_signing ();
    }
  job->auth_trust = inj_session_dup_trust_store_for (self->session, INJ_JPKI_ROOT_AUTHENTICATION,
                                                     NULL);
  if (job->auth_trust == NULL)
    job->auth_trust = inj_trust_store_new_jpki_authentication ();
  task = g_task_new (NULL, self->cancellable, survey_cb, self);
  g_task_set_source_tag (task, inj_support_page_refresh);
  g_object_set_data (G_OBJECT (task), "generation", GUINT_TO_POINTER (++self->generation));
  g_task_set_task_data (task, job, (GDestroyNotify) survey_job_free);
  g_task_run_in_thread (task, survey_thread);
}

/* ---------------------------------------------------------------- the connection test */

/* How far the handshake got, from the error: only the service's answer
 * proves that both certificates passed. */
static void
classify (ConnResult *r)
{
  if (r->error == NULL)
    {
      r->server = r->client = INJ_TLS_PASSED;
      return;
    }
  r->server = r->client = INJ_TLS_NOT_REACHED;
  if (r->error->domain != INJ_NET_ERROR)
    return;
  switch (r->error->code)
    {
    case INJ_NET_ERROR_SERVER_CERTIFICATE:
      r->server = INJ_TLS_FAILED;
      break;
    case INJ_NET_ERROR_CLIENT_CERTIFICATE:
      r->server = INJ_TLS_PASSED;
      r->client = INJ_TLS_FAILED;
      break;
    case INJ_NET_ERROR_PROBLEM:
    case INJ_NET_ERROR_PROTOCOL:
    case INJ_NET_ERROR_REDIRECT:
      r->server = r->client = INJ_TLS_PASSED;
      break;
    default:
      break;
    }
}

static void
connection_thread (GTask *task,
                   gpointer source,
                   gpointer task_data,
                   GCancellable *cancellable)
{
  ConnJob *job = task_data;
  ConnResult *r = g_new0 (ConnResult, 1);
  g_autoptr(InjCard) card = NULL;
  g_autoptr(InjServiceClient) client = NULL;
  g_autoptr(JsonObject) profile = NULL;

  r->uses_card = job->uses_card;
  if (job->uses_card)
    {
      /* net/ cannot see tokens: a My Number card whose PIN is not locked
       * must be there before anything asks for the PIN. */
      g_autoptr(InjPinStatus) status = NULL;

      card = job->monitor ? inj_card_monitor_get_card (job->monitor, NULL) : NULL;
      if (card == NULL)
        inj_pkcs11_set_error (&r->error, INJ_CKR_NO_CARD, INJ_PIN_AUTH, -1);
      else if ((status = inj_card_get_pin_status (card, INJ_PIN_AUTH, cancellable, &r->error)) &&
               status->locked)
        inj_pkcs11_set_error (&r->error, CKR_PIN_LOCKED, INJ_PIN_AUTH, 0);
    }
  if (r->error == NULL)
    client = inj_service_client_new (&job->config, job->interaction, &r->error);
  if (client)
    {
      profile = inj_service_client_get_profile (client, cancellable, &r->error);
      r->tls_version = g_strdup (inj_service_client_get_tls_version (client));
      r->tls_summary = inj_service_client_dup_tls_summary (client);
      if (profile)
        r->service_name = g_strdup (json_object_get_string_member_with_default (profile, "name", NULL));
      inj_service_client_disconnect (client);
      g_clear_object (&client);
    }
  /* OpenSC leaves the card verified after the TLS login: end that. */
  if (card)
    {
      g_autoptr(GError) error = NULL;
      if (!inj_pcsc_end_verification (inj_card_get_reader (card), &error))
        g_debug ("ending the card's verified state: %s", error->message);
    }
  classify (r);
  g_task_return_pointer (task, r, (GDestroyNotify) conn_result_free);
}

static void
connection_cb (GObject *source,
               GAsyncResult *result,
               gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  ConnResult *r = g_task_propagate_pointer (G_TASK (result), &error);
  InjSupportPage *self;

  if (r == NULL)
    return; /* cancelled: the page said so already, or is gone */
  self = INJ_SUPPORT_PAGE (user_data);
  /* what the main thread knew, the thread did not fill */
  g_free (r->url);
  r->url = g_strdup (self->conn->url);
  g_free (r->service_ca);
  r->service_ca = g_strdup (self->conn->service_ca);
  g_free (r->client_file);
  r->client_file = g_strdup (self->conn->client_file);
  conn_result_free (self->conn);
  self->conn = r;
  if (r->error)
    inj_diagnostics_note_failure ("profile", NULL, r->error);
  set_connection_state (self, r->error ? INJ_CONNECTION_FAILED : INJ_CONNECTION_SUCCEEDED);
}

/* A file under the home folder as ~/…: the folder's name is often the
 * user's. */
static char *
display_path (const char *path)
{
  const char *home = g_get_home_dir ();
  gsize n = home ? strlen (home) : 0;

  if (path && n > 1 && strncmp (path, home, n) == 0 && path[n] == G_DIR_SEPARATOR)
    return g_strconcat ("~", path + n, NULL);
  return g_strdup (path);
}

void
inj_support_page_test_connection (InjSupportPage *self)
{
  GSettings *settings;
  g_autoptr(GTask) task = NULL;
  ConnJob *job;
  ConnResult *r;

  g_return_if_fail (INJ_IS_SUPPORT_PAGE (self));
  if (self->conn_state == INJ_CONNECTION_RUNNING)
    return;
  settings = inj_session_get_settings (self->session);
  job = g_new0 (ConnJob, 1);
  r = g_new0 (ConnResult, 1);
  conn_result_free (self->conn);
  self->conn = r;
  if (!inj_service_settings_config (settings, &job->config, &r->error))
    {
      r->url = g_settings_get_string (settings, "service-url");
      conn_job_free (job);
      classify (r);
      set_connection_state (self, INJ_CONNECTION_FAILED);
      return;
    }
  /* A diagnosis, not a workflow: one attempt, no retries. */
  job->config.max_attempts = 1;
  job->uses_card = inj_service_settings_uses_card (settings);
  job->monitor = self->monitor ? g_object_ref (self->monitor) : NULL;
  job->interaction = inj_session_get_interaction (self->session)
                     ? g_object_ref (inj_session_get_interaction (self->session)) : NULL;
  r->url = g_strdup (job->config.base_url);
  r->service_ca = display_path (job->config.service_ca);
  r->uses_card = job->uses_card;
  r->client_file = job->uses_card ? NULL : display_path (job->config.client_certificate);

  g_clear_object (&self->conn_cancellable);
  self->conn_cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->conn_cancellable, connection_cb, self);
  g_task_set_source_tag (task, inj_support_page_test_connection);
  g_task_set_task_data (task, job, (GDestroyNotify) conn_job_free);
  g_task_run_in_thread (task, connection_thread);
  set_connection_state (self, INJ_CONNECTION_RUNNING);
}

void
inj_support_page_cancel_connection (InjSupportPage *self)
{
  g_return_if_fail (INJ_IS_SUPPORT_PAGE (self));
  if (self->conn_state != INJ_CONNECTION_RUNNING)
    return;
  g_cancellable_cancel (self->conn_cancellable);
  set_connection_state (self, INJ_CONNECTION_CANCELLED);
}

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
  when = format_time (now);
  text = g_string_new (NULL);
  g_string_append_printf (text, _("Ininjo %s support report, %s"), PACKAGE_VERSION, when);
  g_string_append_printf (text, "\n\n[%s]\n%s\n", _("Readers and cards"),
                          inj_card_state_title (self->state));
  if (survey && survey->error)
    g_string_append_printf (text, "%s\n", survey->error);
  for (guint i = 0; survey && survey->readers && i < survey->readers->len; i++)
    {
      ReaderInfo *info = g_ptr_array_index (survey->readers, i);
      g_autofree char *described = reader_describe (info);
      g_auto(GStrv) lines = g_strsplit (described, "\n", -1);
      g_string_append_printf (text, "- %s\n", info->name);
      for (guint l = 0; lines[l]; l++)
        g_string_append_printf (text, "  %s\n", lines[l]);
    }
  if (survey && survey->other_tokens)
    g_string_append_printf (text, "- %s: %s\n", _("Tokens of no card reader"), survey->other_tokens);

  g_string_append_printf (text, "\n[%s]\n", _("PINs"));
  for (InjPinKind pin = INJ_PIN_AUTH; pin <= INJ_PIN_SIGN; pin++)
    {
      g_autofree char *line = pin_text (self, pin);
      g_string_append_printf (text, "%s\n", line);
    }

  g_string_append_printf (text, "\n[%s]\n", _("Certificates"));
  for (guint i = 0; survey && survey->card && i < N_CERTS; i++)
    {
      g_autofree char *described = cert_describe (&survey->certs[i]);
      g_auto(GStrv) lines = g_strsplit (described, "\n", -1);
      g_string_append_printf (text, "- %s\n", cert_title (cert_kinds[i]));
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
                              check_text (r->server, TRUE), r->service_ca ? r->service_ca : "");
      g_string_append_printf (text, "%s: %s (%s)\n", _("Client certificate"),
                              check_text (r->client, FALSE),
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
    show_monitor_error (self);
}

static void
inj_support_page_constructed (GObject *object)
{
  InjSupportPage *self = INJ_SUPPORT_PAGE (object);

  G_OBJECT_CLASS (inj_support_page_parent_class)->constructed (object);
  show_survey (self);
  show_connection (self);
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

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->conn_cancellable);
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

  g_clear_object (&self->cancellable);
  g_clear_object (&self->conn_cancellable);
  survey_free (self->survey);
  for (guint i = 0; i < G_N_ELEMENTS (self->pins); i++)
    {
      g_clear_pointer (&self->pins[i], inj_pin_status_free);
      g_free (self->pin_errors[i]);
    }
  conn_result_free (self->conn);
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
  inj_ui_set_accessible_label (self->refresh_button, _("Refresh"));
  self->cancellable = g_cancellable_new ();
  self->conn_cancellable = g_cancellable_new ();
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
    if (cert_kinds[i] == kind)
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
