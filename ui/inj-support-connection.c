/* inj-support-connection.c: the support page's connection test: the
 * service of the preferences reached once in a worker thread with the
 * configured credential, and what it found (TLS version, the server's and
 * the client's checks, the service's name) shown in rows. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-app.h"
#include "inj-diagnostics.h"
#include "inj-password-dialog.h"
#include "inj-service-client.h"
#include "inj-service-settings.h"
#include "inj-support-page-private.h"

void
_inj_support_conn_result_free (ConnResult *result)
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


void
_inj_support_show_connection (InjSupportPage *self)
{
  ConnResult *r = self->conn;

  _inj_support_clear_list (self->connection_list);

  switch (self->conn_state)
    {
    case INJ_CONNECTION_IDLE:
      _inj_support_add_row (self->connection_list, _("Not run yet"),
                            _("Press “Test connection” to check the service's address, its "
                              "certificate and yours."), NULL);
      return;
    case INJ_CONNECTION_RUNNING:
      _inj_support_add_row (self->connection_list, _("Connecting…"), r && r->url ? r->url : NULL,
                            NULL);
      return;
    case INJ_CONNECTION_CANCELLED:
      _inj_support_add_row (self->connection_list, _("Cancelled"),
                            _("The connection test was stopped. Nothing was sent."), NULL);
      return;
    case INJ_CONNECTION_SUCCEEDED:
    case INJ_CONNECTION_FAILED:
    default:
      break;
    }

  if (r->error)
    _inj_support_add_row (self->connection_list, _("The connection failed"), r->error->message,
                          "dialog-error-symbolic");
  else
    _inj_support_add_row (self->connection_list, _("The connection works"),
                          _("The service answered over mutual TLS."), "emblem-ok-symbolic");
  _inj_support_add_row (self->connection_list, _("Service address"),
                        r->url ? r->url : _("not set"), NULL);
  {
    /* the summary begins with the version */
    const char *tls = r->tls_summary && *r->tls_summary ? r->tls_summary
                      : r->tls_version ? r->tls_version
                      : _("No TLS session was established.");
    _inj_support_add_row (self->connection_list, _("TLS"), tls, NULL);
  }
  {
    /* a refusal is said in the error's words, which say what to do */
    g_autofree char *server = r->server == INJ_TLS_FAILED && r->error
      ? g_strdup (r->error->message)
      : g_strdup_printf ("%s (%s)", _inj_support_check_text (r->server, TRUE),
                         r->service_ca ? r->service_ca : "");
    _inj_support_add_row (self->connection_list, _("Server certificate"), server,
                          r->server == INJ_TLS_PASSED ? "emblem-ok-symbolic"
                          : r->server == INJ_TLS_FAILED ? "dialog-error-symbolic" : NULL);
  }
  {
    g_autofree char *client = r->client == INJ_TLS_FAILED && r->error
      ? g_strdup (r->error->message)
      : g_strdup_printf ("%s (%s)", _inj_support_check_text (r->client, FALSE),
                         r->uses_card ? _("the card's authentication certificate")
                                      : r->client_file ? r->client_file : "");
    _inj_support_add_row (self->connection_list, _("Client certificate"), client,
                          r->client == INJ_TLS_PASSED ? "emblem-ok-symbolic"
                          : r->client == INJ_TLS_FAILED ? "dialog-error-symbolic" : NULL);
  }
  if (r->service_name)
    _inj_support_add_row (self->connection_list, _("Service name"), r->service_name, NULL);
}

void
_inj_support_set_connection_state (InjSupportPage *self,
                                   InjConnectionState state)
{
  self->conn_state = state;
  _inj_support_show_connection (self);
  g_object_notify (G_OBJECT (self), "connection-state");
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
  g_task_return_pointer (task, r, (GDestroyNotify) _inj_support_conn_result_free);
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
  inj_job_end (self->conn_job);
  /* what the main thread knew, the thread did not fill */
  g_free (r->url);
  r->url = g_strdup (self->conn->url);
  g_free (r->service_ca);
  r->service_ca = g_strdup (self->conn->service_ca);
  g_free (r->client_file);
  r->client_file = g_strdup (self->conn->client_file);
  _inj_support_conn_result_free (self->conn);
  self->conn = r;
  if (r->error)
    inj_diagnostics_note_failure ("profile", NULL, r->error);
  _inj_support_set_connection_state (self,
                                     r->error ? INJ_CONNECTION_FAILED : INJ_CONNECTION_SUCCEEDED);
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
  if (inj_job_get_busy (self->conn_job))
    return;
  settings = inj_session_get_settings (self->session);
  job = g_new0 (ConnJob, 1);
  r = g_new0 (ConnResult, 1);
  _inj_support_conn_result_free (self->conn);
  self->conn = r;
  if (!inj_service_settings_config (settings, &job->config, &r->error))
    {
      r->url = g_settings_get_string (settings, "service-url");
      conn_job_free (job);
      classify (r);
      _inj_support_set_connection_state (self, INJ_CONNECTION_FAILED);
      return;
    }
  /* A diagnosis, not a workflow: one attempt, no retries. */
  job->config.max_attempts = 1;
  job->uses_card = inj_service_settings_uses_card (settings);
  job->monitor = self->monitor ? g_object_ref (self->monitor) : NULL;
  /* the PIN is asked as the one that connects to the service */
  job->interaction = inj_session_get_interaction (self->session)
                     ? inj_prompt_interaction_new (inj_session_get_interaction (self->session),
                                                   INJ_PROMPT_CONNECT, NULL)
                     : NULL;
  r->url = g_strdup (job->config.base_url);
  r->service_ca = display_path (job->config.service_ca);
  r->uses_card = job->uses_card;
  r->client_file = job->uses_card ? NULL : display_path (job->config.client_certificate);

  task = g_task_new (NULL, inj_job_begin (self->conn_job, NULL), connection_cb, self);
  g_task_set_source_tag (task, inj_support_page_test_connection);
  g_task_set_task_data (task, job, (GDestroyNotify) conn_job_free);
  g_task_run_in_thread (task, connection_thread);
  _inj_support_set_connection_state (self, INJ_CONNECTION_RUNNING);
}

void
inj_support_page_cancel_connection (InjSupportPage *self)
{
  g_return_if_fail (INJ_IS_SUPPORT_PAGE (self));
  if (self->conn_state != INJ_CONNECTION_RUNNING)
    return;
  /* said at once: the test's answer, when it comes, is dropped */
  inj_job_stop (self->conn_job);
  inj_job_end (self->conn_job);
  _inj_support_set_connection_state (self, INJ_CONNECTION_CANCELLED);
}
