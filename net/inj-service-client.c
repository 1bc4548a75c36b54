/* inj-service-client.c: the service API on top of the transport in
 * inj-http.c. Every call, blocking or async, takes one path:
 * perform_call() prepares the call's request (inj-service-api.c checks
 * its arguments first), sends it under the client's lock, and has the
 * answer checked against the API. The async calls run it on the client's
 * own worker thread, in order. */
#include "config.h"

#include <string.h>
#include <curl/curl.h>
#include <glib/gi18n-lib.h>
#include <gnutls/gnutls.h>

#include "inj-net-private.h"

struct _InjServiceClient {
  GObject parent_instance;
  InjHttp *http;
  GTlsInteraction *interaction;
  GMainContext *context;  /* where "progress" is emitted */
  GMutex lock;            /* one transfer at a time on the handle */
  GThreadPool *worker;    /* one thread, FIFO: the _async calls */
};

G_DEFINE_FINAL_TYPE (InjServiceClient, inj_service_client, G_TYPE_OBJECT)

enum {
  SIGNAL_PROGRESS,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

void
inj_service_config_clear (InjServiceConfig *config)
{
  if (config == NULL)
    return;
  g_clear_pointer (&config->base_url, g_free);
  g_clear_pointer (&config->service_ca, g_free);
  g_clear_pointer (&config->client_certificate, g_free);
  g_clear_pointer (&config->client_key, g_free);
}

/* ---------------------------------------------------------------- object */

static void
inj_service_client_finalize (GObject *object)
{
  InjServiceClient *self = INJ_SERVICE_CLIENT (object);

  /* Every queued job holds a task that holds this client, so none is
   * left; the last one may be released on the worker itself, which must
   * not wait for itself. */
  g_thread_pool_free (self->worker, FALSE, FALSE);
  g_clear_pointer (&self->http, inj_http_free);
  g_clear_object (&self->interaction);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (inj_service_client_parent_class)->finalize (object);
}

static void
inj_service_client_class_init (InjServiceClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = inj_service_client_finalize;

  /**
   * InjServiceClient::progress:
   * @fraction: 0 to 1, the part of the current request done
   *
   * Emitted in the main context that was the thread's default when the
   * client was made.
   */
  signals[SIGNAL_PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_DOUBLE);
}

static void
worker_run (gpointer data,
            gpointer user_data);

static void
inj_service_client_init (InjServiceClient *self)
{
  g_mutex_init (&self->lock);
  self->worker = g_thread_pool_new (worker_run, NULL, 1, FALSE, NULL);
}

InjServiceClient *
inj_service_client_new (const InjServiceConfig *config,
                        GTlsInteraction *interaction,
                        GError **error)
{
  g_autoptr(InjServiceClient) self = NULL;
  InjHttp *http;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (interaction == NULL || G_IS_TLS_INTERACTION (interaction), NULL);

  http = inj_http_new (config, error);
  if (http == NULL)
    return NULL;
  self = g_object_new (INJ_TYPE_SERVICE_CLIENT, NULL);
  self->http = http;
  self->interaction = interaction ? g_object_ref (interaction) : NULL;
  self->context = g_main_context_ref_thread_default ();
  return g_steal_pointer (&self);
}

const char *
_inj_service_client_get_service_ca (InjServiceClient *self)
{
  return inj_http_get_service_ca (self->http);
}

guint
inj_service_client_get_handshakes (InjServiceClient *self)
{
  g_return_val_if_fail (INJ_IS_SERVICE_CLIENT (self), 0);
  return inj_http_get_handshakes (self->http);
}

const char *
inj_service_client_get_tls_version (InjServiceClient *self)
{
  g_return_val_if_fail (INJ_IS_SERVICE_CLIENT (self), NULL);
  return inj_http_get_tls_version (self->http);
}

char *
inj_service_client_dup_tls_summary (InjServiceClient *self)
{
  g_return_val_if_fail (INJ_IS_SERVICE_CLIENT (self), NULL);
  return inj_http_dup_tls_summary (self->http);
}

char *
inj_service_client_dup_server_certificate (InjServiceClient *self)
{
  g_return_val_if_fail (INJ_IS_SERVICE_CLIENT (self), NULL);
  return inj_http_dup_server_certificate (self->http);
}

gboolean
inj_service_client_get_clock_offset (InjServiceClient *self,
                                     gint64 *offset_seconds)
{
  g_return_val_if_fail (INJ_IS_SERVICE_CLIENT (self), FALSE);
  return inj_http_get_clock_offset (self->http, offset_seconds);
}

char *
inj_net_dup_curl_version (void)
{
  const curl_version_info_data *v = curl_version_info (CURLVERSION_NOW);

  return g_strdup_printf ("%s (%s)", v->version, v->ssl_version ? v->ssl_version : "no TLS");
}

const char *
inj_net_gnutls_version (void)
{
  return gnutls_check_version (NULL);
}

guint
inj_service_client_get_last_attempts (InjServiceClient *self)
{
  g_return_val_if_fail (INJ_IS_SERVICE_CLIENT (self), 0);
  return inj_http_get_last_attempts (self->http);
}

guint64
inj_service_client_get_bytes_sent (InjServiceClient *self)
{
  g_return_val_if_fail (INJ_IS_SERVICE_CLIENT (self), 0);
  return inj_http_get_bytes_sent (self->http);
}

void
inj_service_client_disconnect (InjServiceClient *self)
{
  g_return_if_fail (INJ_IS_SERVICE_CLIENT (self));
  g_mutex_lock (&self->lock);
  inj_http_disconnect (self->http);
  g_mutex_unlock (&self->lock);
}

/* ---------------------------------------------------------------- progress */

typedef struct {
  GWeakRef client;
  double fraction;
} Progress;

static gboolean
emit_progress (gpointer data)
{
  Progress *p = data;
  g_autoptr(InjServiceClient) self = g_weak_ref_get (&p->client);

  if (self)
    g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, p->fraction);
  return G_SOURCE_REMOVE;
}

static void
progress_free (gpointer data)
{
  Progress *p = data;

  g_weak_ref_clear (&p->client);
  g_free (p);
}

/* From the thread running the transfer. A weak reference: a program that
 * never runs its main loop (the CLI) must not keep clients alive through
 * pending emissions, and nobody listening means nothing to post. */
static void
on_progress (gpointer user_data,
             double fraction)
{
  InjServiceClient *self = user_data;
  Progress *p;

  if (!g_signal_has_handler_pending (self, signals[SIGNAL_PROGRESS], 0, TRUE))
    return;
  p = g_new0 (Progress, 1);
  g_weak_ref_init (&p->client, self);
  p->fraction = fraction;
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, emit_progress, p,
                              progress_free);
}

/* ---------------------------------------------------------------- PIN */

static gboolean
pin_format_ok (const char *value,
               gsize length)
{
  if (length != 4)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (value[i]))
      return FALSE;
  return TRUE;
}

/* Asked once per handshake, through the interaction the UI or the CLI
 * implements; checked for its form before the card sees it, so that a typo
 * costs no try. The password object's copy is wiped at once. */
static InjNetPin *
ask_pin (gpointer user_data,
         GCancellable *cancellable,
         GError **error)
{
  InjServiceClient *self = user_data;
  g_autoptr(GTlsPassword) password = NULL;
  GTlsInteractionResult result;
  const guchar *value;
  gsize length = 0;
  InjNetPin *pin = NULL;

  if (self->interaction == NULL)
    {
      inj_net_set_error (error, INJ_NET_ERROR_PIN, 0, NULL, "%s",
                         _("The card's authentication PIN is needed but there is no way to "
                           "ask for it."));
      return NULL;
    }
  password = g_tls_password_new (G_TLS_PASSWORD_PKCS11_USER,
                                 _("Authentication PIN (利用者証明用電子証明書, 4 digits)"));
  result = g_tls_interaction_invoke_ask_password (self->interaction, password, cancellable,
                                                  error);
  if (result == G_TLS_INTERACTION_FAILED)
    return NULL;
  if (result == G_TLS_INTERACTION_UNHANDLED)
    {
      inj_net_set_error (error, INJ_NET_ERROR_PIN, 0, NULL, "%s",
                         _("No authentication PIN was given: the service cannot be reached "
                           "with the card without it."));
      return NULL;
    }
  value = g_tls_password_get_value (password, &length);
  if (pin_format_ok ((const char *) value, length))
    pin = inj_net_pin_new ((const char *) value, length);
  else
    inj_net_set_error (error, INJ_NET_ERROR_PIN, 0, NULL, "%s",
                       _("The authentication PIN is 4 digits. Nothing was sent to the card."));
  if (value != NULL && length > 0)
    explicit_bzero ((gpointer) value, length);
  g_tls_password_set_value (password, (const guchar *) "", 0);
  return pin;
}

/* ---------------------------------------------------------------- calls */

static JsonObject *
perform_call (InjServiceClient *self,
              const InjServiceCall *call,
              GCancellable *cancellable,
              GError **error)
{
  g_auto(InjHttpResponse) response = { 0 };
  g_autofree char *path = NULL;
  g_autoptr(GBytes) body = NULL;
  InjHttpRequest request;
  GError *local = NULL;
  JsonObject *answer = NULL;
  gboolean sent;

  if (!_inj_service_call_prepare (call, &request, &path, &body, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  g_mutex_lock (&self->lock);
  sent = inj_http_perform (self->http, &request, &response, ask_pin, on_progress, self,
                           cancellable, &local);
  if (sent)
    {
      answer = _inj_service_call_interpret (inj_http_get_authority (self->http),
                                            inj_http_get_key_kind (self->http),
                                            call, &response, &local);
      if (local)
        inj_net_error_set_attempts (local, inj_http_get_last_attempts (self->http));
    }
  g_mutex_unlock (&self->lock);
  if (local)
    g_propagate_error (error, local);
  return answer;
}

JsonObject *
_inj_service_client_perform (InjServiceClient *self,
                             const InjServiceCall *call,
                             GCancellable *cancellable,
                             GError **error)
{
  g_return_val_if_fail (INJ_IS_SERVICE_CLIENT (self), NULL);
  return perform_call (self, call, cancellable, error);
}

static void
worker_run (gpointer data,
            gpointer user_data)
{
  GTask *task = data;
  InjServiceClient *self = g_task_get_source_object (task);
  InjServiceCall *call = g_task_get_task_data (task);
  GError *error = NULL;
  JsonObject *answer;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  answer = perform_call (self, call, g_task_get_cancellable (task), &error);
  if (answer)
    g_task_return_pointer (task, answer, (GDestroyNotify) json_object_unref);
  else
    g_task_return_error (task, error);
  g_object_unref (task);
}

/* The async form of @call: its arguments are copied for the worker, and
 * the task holds the client until the worker is done with it. */
static void
queue_call (InjServiceClient *self,
            const InjServiceCall *call,
            gpointer source_tag,
            GCancellable *cancellable,
            GAsyncReadyCallback callback,
            gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, _inj_service_call_copy (call),
                        (GDestroyNotify) _inj_service_call_free);
  g_thread_pool_push (self->worker, task, NULL);
}

void
_inj_service_client_queue (InjServiceClient *self,
                           const InjServiceCall *call,
                           gpointer source_tag,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data)
{
  g_return_if_fail (INJ_IS_SERVICE_CLIENT (self));
  queue_call (self, call, source_tag, cancellable, callback, user_data);
}

/* The calls' arguments, borrowed from the caller. */
#define CALL(kind_, id_) \
  (InjServiceCall) { .kind = INJ_SERVICE_CALL_##kind_, .id = (char *) (id_) }
#define UPLOAD(kind_, id_) \
  (InjServiceCall) { .kind = INJ_SERVICE_CALL_##kind_, .id = (char *) (id_), \
                     .delegation = delegation, .submission = submission, \
                     .idempotency_key = (char *) idempotency_key }

JsonObject *
inj_service_client_get_profile (InjServiceClient *self,
                                GCancellable *cancellable,
                                GError **error)
{
  g_return_val_if_fail (INJ_IS_SERVICE_CLIENT (self), NULL);
  return perform_call (self, &CALL (PROFILE, NULL), cancellable, error);
}

JsonObject *
inj_service_client_register (InjServiceClient *self,
                             GBytes *delegation,
                             GBytes *submission,
                             const char *idempotency_key,
                             GCancellable *cancellable,
                             GError **error)
{
  g_return_val_if_fail (INJ_IS_SERVICE_CLIENT (self), NULL);
  g_return_val_if_fail (delegation != NULL && submission != NULL, NULL);
  return perform_call (self, &UPLOAD (REGISTER, NULL), cancellable, error);
}

JsonObject *
inj_service_client_renew (InjServiceClient *self,
                          const char *old_id,
                          GBytes *delegation,
                          GBytes *submission,
                          const char *idempotency_key,
                          GCancellable *cancellable,
                          GError **error)
{
  g_return_val_if_fail (INJ_IS_SERVICE_CLIENT (self), NULL);
  g_return_val_if_fail (delegation != NULL && submission != NULL, NULL);
  return perform_call (self, &UPLOAD (RENEW, old_id), cancellable, error);
}

JsonObject *
inj_service_client_get_receipt (InjServiceClient *self,
                                const char *receipt,
                                GCancellable *cancellable,
                                GError **error)
{
  g_return_val_if_fail (INJ_IS_SERVICE_CLIENT (self), NULL);
  return perform_call (self, &CALL (RECEIPT, receipt), cancellable, error);
}

JsonObject *
inj_service_client_list (InjServiceClient *self,
                         GCancellable *cancellable,
                         GError **error)
{
  g_return_val_if_fail (INJ_IS_SERVICE_CLIENT (self), NULL);
  return perform_call (self, &CALL (LIST, NULL), cancellable, error);
}

JsonObject *
inj_service_client_get (InjServiceClient *self,
                        const char *delegation_id,
                        GCancellable *cancellable,
                        GError **error)
{
  g_return_val_if_fail (INJ_IS_SERVICE_CLIENT (self), NULL);
  return perform_call (self, &CALL (GET, delegation_id), cancellable, error);
}

JsonObject *
inj_service_client_validity (InjServiceClient *self,
                             const char *delegation_id,
                             GCancellable *cancellable,
                             GError **error)
{
  g_return_val_if_fail (INJ_IS_SERVICE_CLIENT (self), NULL);
  return perform_call (self, &CALL (VALIDITY, delegation_id), cancellable, error);
}

void
inj_service_client_get_profile_async (InjServiceClient *self,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  g_return_if_fail (INJ_IS_SERVICE_CLIENT (self));
  queue_call (self, &CALL (PROFILE, NULL), inj_service_client_get_profile_async, cancellable,
              callback, user_data);
}

void
inj_service_client_register_async (InjServiceClient *self,
                                   GBytes *delegation,
                                   GBytes *submission,
                                   const char *idempotency_key,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  g_return_if_fail (INJ_IS_SERVICE_CLIENT (self));
  g_return_if_fail (delegation != NULL && submission != NULL);
  queue_call (self, &UPLOAD (REGISTER, NULL), inj_service_client_register_async, cancellable,
              callback, user_data);
}

void
inj_service_client_renew_async (InjServiceClient *self,
                                const char *old_id,
                                GBytes *delegation,
                                GBytes *submission,
                                const char *idempotency_key,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data)
{
  g_return_if_fail (INJ_IS_SERVICE_CLIENT (self));
  g_return_if_fail (delegation != NULL && submission != NULL);
  queue_call (self, &UPLOAD (RENEW, old_id), inj_service_client_renew_async, cancellable,
              callback, user_data);
}

void
inj_service_client_get_receipt_async (InjServiceClient *self,
                                      const char *receipt,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  g_return_if_fail (INJ_IS_SERVICE_CLIENT (self));
  queue_call (self, &CALL (RECEIPT, receipt), inj_service_client_get_receipt_async,
              cancellable, callback, user_data);
}

void
inj_service_client_list_async (InjServiceClient *self,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data)
{
  g_return_if_fail (INJ_IS_SERVICE_CLIENT (self));
  queue_call (self, &CALL (LIST, NULL), inj_service_client_list_async, cancellable, callback,
              user_data);
}

void
inj_service_client_get_async (InjServiceClient *self,
                              const char *delegation_id,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data)
{
  g_return_if_fail (INJ_IS_SERVICE_CLIENT (self));
  queue_call (self, &CALL (GET, delegation_id), inj_service_client_get_async, cancellable,
              callback, user_data);
}

void
inj_service_client_validity_async (InjServiceClient *self,
                                   const char *delegation_id,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  g_return_if_fail (INJ_IS_SERVICE_CLIENT (self));
  queue_call (self, &CALL (VALIDITY, delegation_id), inj_service_client_validity_async,
              cancellable, callback, user_data);
}

JsonObject *
inj_service_client_call_finish (InjServiceClient *self,
                                GAsyncResult *result,
                                GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
