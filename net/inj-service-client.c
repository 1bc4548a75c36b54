/* inj-service-client.c: the service API (data/ininjo-service-api.yaml) on
 * top of the transport in inj-http.c. Each call checks its arguments
 * before anything is sent, and the service's answer against the API
 * before anything is returned: the caller gets a JsonObject that has the
 * members the API promises, or an error a person can act on. */
#include "config.h"

#include <string.h>
#include <curl/curl.h>
#include <glib/gi18n-lib.h>
#include <gnutls/gnutls.h>

#include "inj-net-private.h"

/* Nesting deeper than this is no answer of the API; refusing it before
 * parsing keeps json-glib's recursive parser off a hostile stack. */
#define MAX_JSON_DEPTH 32
#define MAX_DETAIL_CHARS 500

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

typedef enum {
  CALL_PROFILE,
  CALL_REGISTER,
  CALL_RENEW,
  CALL_RECEIPT,
  CALL_LIST,
  CALL_GET,
  CALL_VALIDITY,
} CallKind;

/* One API call with its arguments: what the blocking functions build on
 * the stack and the async ones hand to the worker. */
typedef struct {
  CallKind kind;
  char *id;              /* the old ID, the receipt or the delegation ID */
  GBytes *delegation;
  GBytes *submission;
  char *idempotency_key;
} Call;

static void
call_clear (Call *call)
{
  g_clear_pointer (&call->id, g_free);
  g_clear_pointer (&call->delegation, g_bytes_unref);
  g_clear_pointer (&call->submission, g_bytes_unref);
  g_clear_pointer (&call->idempotency_key, g_free);
}

static void
call_free (Call *call)
{
  call_clear (call);
  g_free (call);
}

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

/* ---------------------------------------------------------------- arguments */

static gboolean
hex_run (const char *p,
         gsize n,
         gboolean lower_only)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isxdigit (p[i]) || (lower_only && g_ascii_isupper (p[i])))
      return FALSE;
  return TRUE;
}

/* 8-4-4-4-12 hexadecimal digits. */
static gboolean
is_uuid (const char *s,
         gboolean lower_only)
{
  static const gsize groups[] = { 8, 4, 4, 4, 12 };
  const char *p = s;

  if (s == NULL || strlen (s) != 36)
    return FALSE;
  for (gsize g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      if (!hex_run (p, groups[g], lower_only))
        return FALSE;
      p += groups[g];
      if (g + 1 < G_N_ELEMENTS (groups) && *p++ != '-')
        return FALSE;
    }
  return TRUE;
}

/* The API's DelegationId: a lower-case UUID v4. */
static gboolean
is_delegation_id (const char *s)
{
  return is_uuid (s, TRUE) && s[14] == '4' && strchr ("89ab", s[19]) != NULL;
}

/* ^R-[0-9A-Z]{16}$ */
static gboolean
is_receipt (const char *s)
{
  if (s == NULL || strlen (s) != 18 || s[0] != 'R' || s[1] != '-')
    return FALSE;
  for (int i = 2; i < 18; i++)
    if (!g_ascii_isdigit (s[i]) && !g_ascii_isupper (s[i]))
      return FALSE;
  return TRUE;
}

static gboolean
check_call (const Call *call,
            GError **error)
{
  switch (call->kind)
    {
    case CALL_RENEW:
    case CALL_GET:
    case CALL_VALIDITY:
      if (!is_delegation_id (call->id))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("This is not a 電子委任状ID (a lower-case UUID version 4)."));
          return FALSE;
        }
      break;
    case CALL_RECEIPT:
      if (!is_receipt (call->id))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("This is not a receipt number (R- followed by 16 digits or "
                                 "capital letters)."));
          return FALSE;
        }
      break;
    default:
      break;
    }
  if (call->kind == CALL_REGISTER || call->kind == CALL_RENEW)
    {
      if (!is_uuid (call->idempotency_key, FALSE))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("The idempotency key of a registration must be a UUID."));
          return FALSE;
        }
      if (g_bytes_get_size (call->delegation) == 0 || g_bytes_get_size (call->submission) == 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("A registration needs the signed delegation and the agent's "
                                 "submission."));
          return FALSE;
        }
    }
  return TRUE;
}

static GBytes *
registration_body (const Call *call)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *delegation = NULL;
  g_autofree char *submission = NULL;
  gsize size;
  gconstpointer data;
  char *text;

  /* Byte for byte as signed: base64 of the documents, never re-encoded. */
  data = g_bytes_get_data (call->delegation, &size);
  delegation = g_base64_encode (data, size);
  data = g_bytes_get_data (call->submission, &size);
  submission = g_base64_encode (data, size);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "delegation");
  json_builder_add_string_value (builder, delegation);
  json_builder_set_member_name (builder, "agentSubmission");
  json_builder_add_string_value (builder, submission);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &size);
  return g_bytes_new_take (text, size);
}

static const char *
call_name (CallKind kind)
{
  static const char *const names[] = {
    [CALL_PROFILE] = "GET /api/v1/profile",
    [CALL_REGISTER] = "POST /api/v1/delegations",
    [CALL_RENEW] = "POST /api/v1/delegations/{id}/renewal",
    [CALL_RECEIPT] = "GET /api/v1/receipts/{receipt}",
    [CALL_LIST] = "GET /api/v1/delegations",
    [CALL_GET] = "GET /api/v1/delegations/{id}",
    [CALL_VALIDITY] = "GET /api/v1/validity/{id}",
  };
  return names[kind];
}

/* The arguments are checked: the ID and receipt patterns leave nothing to
 * escape in a path. */
static char *
call_path (const Call *call)
{
  switch (call->kind)
    {
    case CALL_PROFILE:
      return g_strdup ("/api/v1/profile");
    case CALL_REGISTER:
    case CALL_LIST:
      return g_strdup ("/api/v1/delegations");
    case CALL_RENEW:
      return g_strdup_printf ("/api/v1/delegations/%s/renewal", call->id);
    case CALL_RECEIPT:
      return g_strdup_printf ("/api/v1/receipts/%s", call->id);
    case CALL_GET:
      return g_strdup_printf ("/api/v1/delegations/%s", call->id);
    case CALL_VALIDITY:
      return g_strdup_printf ("/api/v1/validity/%s", call->id);
    default:
      g_assert_not_reached ();
    }
}

/* ---------------------------------------------------------------- answers */

/* The media type without its parameters, lower-cased. */
static char *
media_type (const char *content_type)
{
  const char *end;

  if (content_type == NULL)
    return g_strdup ("");
  end = strchr (content_type, ';');
  return g_strstrip (g_ascii_strdown (content_type,
                                      end ? end - content_type : -1));
}

/* Four hexadecimal digits at @p, or -1. */
static int
json_hex4 (const char *p,
           const char *end)
{
  int value = 0;

  if (end - p < 4)
    return -1;
  for (int i = 0; i < 4; i++)
    {
      if (!g_ascii_isxdigit (p[i]))
        return -1;
      value = value * 16 + g_ascii_xdigit_value (p[i]);
    }
  return value;
}

/* The escape at @p (after its backslash) as JSON has them: \" \\ \/ \b \f
 * \n \r \t or \uXXXX, a surrogate only in a pair. Returns its length, 0
 * when it is none. */
static gsize
json_escape_length (const char *p,
                    const char *end)
{
  int unit, low;

  if (p >= end)
    return 0;
  if (*p != '\0' && strchr ("\"\\/bfnrt", *p) != NULL)
    return 1;
  if (*p != 'u' || (unit = json_hex4 (p + 1, end)) < 0 || (unit >= 0xdc00 && unit <= 0xdfff))
    return 0;
  if (unit < 0xd800 || unit > 0xdbff)
    return 5;
  /* a high surrogate: its low one follows */
  if (end - p < 11 || p[5] != '\\' || p[6] != 'u' || (low = json_hex4 (p + 7, end)) < 0xdc00
      || low > 0xdfff)
    return 0;
  return 11;
}

/* One object, nested within MAX_JSON_DEPTH, its strings without control
 * characters and with JSON's escapes only. json-glib 1.6 also reads what
 * follows the first value ('{…}{…}') and escapes JSON does not have
 * ('\202', a lone '\udc00'), into bytes that are not UTF-8, and leaks on
 * some (tests/fuzz). NULL, or why not. */
static const char *
json_shape_problem (const char *data,
                    gsize length)
{
  const char *end = data + length;
  const char *p = data;
  gboolean in_string = FALSE;
  gboolean closed = FALSE;
  guint depth = 0;

  while (p < end && g_ascii_isspace (*p))
    p++;
  if (p == end || *p != '{')
    return _("the answer is not a JSON object");
  for (; p < end; p++)
    {
      char c = *p;
      if (closed)
        {
          if (!g_ascii_isspace (c))
            return _("the answer is not JSON");
        }
      else if (in_string)
        {
          if ((guchar) c < 0x20)
            return _("the answer is not JSON");
          if (c == '\\')
            {
              gsize n = json_escape_length (p + 1, end);
              if (n == 0)
                return _("the answer is not JSON");
              p += n;
            }
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_JSON_DEPTH)
            return _("the answer is nested too deeply");
        }
      else if ((c == ']' || c == '}') && depth > 0)
        closed = --depth == 0;
    }
  return NULL;
}

/* json-glib 1.6 reads escapes JSON does not have, and some into bytes
 * that are not UTF-8 ("\202" is the byte 0x82, a lone "\udc00" three
 * bytes of CESU-8), though the body itself was UTF-8 (tests/fuzz). */
static gboolean
json_strings_utf8 (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          if (!g_utf8_validate (name, -1, NULL) || !json_strings_utf8 (member))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        for (guint i = 0; i < json_array_get_length (array); i++)
          if (!json_strings_utf8 (json_array_get_element (array, i)))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_VALUE:
      return json_node_get_value_type (node) != G_TYPE_STRING
             || g_utf8_validate (json_node_get_string (node), -1, NULL);
    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

/* The body as a JSON object, or NULL with a reason (for a message). */
static JsonObject *
parse_object (GBytes *body,
              char **reason)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize length = 0;
  const char *data = body ? g_bytes_get_data (body, &length) : NULL;
  const char *shape;
  JsonNode *root;

  if (length == 0)
    *reason = g_strdup (_("the answer is empty"));
  else if (!g_utf8_validate (data, (gssize) length, NULL))
    *reason = g_strdup (_("the answer is not UTF-8"));
  else if ((shape = json_shape_problem (data, length)) != NULL)
    *reason = g_strdup (shape);
  else if (!json_parser_load_from_data (parser, data, (gssize) length, NULL))
    *reason = g_strdup (_("the answer is not JSON"));
  else if ((root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    *reason = g_strdup (_("the answer is not a JSON object"));
  else if (!json_strings_utf8 (root))
    *reason = g_strdup (_("the answer is not UTF-8"));
  else
    return json_object_ref (json_node_get_object (root));
  return NULL;
}

static void
set_protocol_error (const char *who,
                    const Call *call,
                    guint status,
                    const char *reason,
                    GError **error)
{
  inj_net_set_error (error, INJ_NET_ERROR_PROTOCOL, status, NULL,
                     _("The answer of %s to %s does not follow the service API: %s. Check the "
                       "service address in the settings, or tell the service's operator."),
                     who, call_name (call->kind), reason);
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
has_member (JsonObject *object,
            const char *name,
            JsonNodeType type)
{
  JsonNode *node = json_object_get_member (object, name);

  if (type == JSON_NODE_VALUE)
    return string_member (object, name) != NULL;
  return node != NULL && JSON_NODE_TYPE (node) == type;
}

static gboolean
one_of (const char *value,
        const char *const *allowed)
{
  return value != NULL && g_strv_contains (allowed, value);
}

/* What each answer must hold (the API's required members), and what must
 * match the request. Returns a reason when it does not. */
static char *
check_answer (const Call *call,
              JsonObject *o)
{
  static const char *const receipt_states[] = { "received", "stored", "rejected", NULL };
  static const char *const validity_states[] = { "active", "retired", "expired", "unknown",
                                                  NULL };
  static const char *const stored_states[] = { "active", "retired", "expired", NULL };
  const char *missing = NULL;

  switch (call->kind)
    {
    case CALL_PROFILE:
      {
        static const char *const strings[] = { "name", "policyUrl", "policyOid", "validityUrl",
                                               "apiVersion" };
        const char *version;
        for (gsize i = 0; missing == NULL && i < G_N_ELEMENTS (strings); i++)
          if (!has_member (o, strings[i], JSON_NODE_VALUE))
            missing = strings[i];
        if (missing)
          break;
        version = string_member (o, "apiVersion");
        if (strcmp (version, "1") != 0 && !g_str_has_prefix (version, "1."))
          {
            g_autofree char *shown = inj_net_sanitize (version, -1, 20);
            return g_strdup_printf (_("the service speaks API version %s and this Ininjo speaks "
                                      "1.x"), shown);
          }
        return NULL;
      }

    case CALL_REGISTER:
    case CALL_RENEW:
    case CALL_RECEIPT:
      if (!is_receipt (string_member (o, "receipt")))
        missing = "receipt";
      else if (!one_of (string_member (o, "status"), receipt_states))
        missing = "status";
      else if (!is_delegation_id (string_member (o, "delegationId")))
        missing = "delegationId";
      else if (!has_member (o, "receivedAt", JSON_NODE_VALUE))
        missing = "receivedAt";
      else if (call->kind == CALL_RECEIPT && strcmp (string_member (o, "receipt"), call->id) != 0)
        return g_strdup (_("it is the receipt of another registration"));
      else if (g_strcmp0 (string_member (o, "status"), "stored") == 0
               && !has_member (o, "record", JSON_NODE_OBJECT))
        missing = "record";
      break;

    case CALL_LIST:
      if (!has_member (o, "items", JSON_NODE_ARRAY))
        missing = "items";
      else
        {
          JsonArray *items = json_object_get_array_member (o, "items");
          for (guint i = 0; missing == NULL && i < json_array_get_length (items); i++)
            {
              JsonNode *item = json_array_get_element (items, i);
              JsonObject *d = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
              if (d == NULL || !is_delegation_id (string_member (d, "delegationId"))
                  || !one_of (string_member (d, "status"), stored_states))
                missing = "items[]";
            }
        }
      break;

    case CALL_GET:
      if (g_strcmp0 (string_member (o, "delegationId"), call->id) != 0)
        return g_strdup (_("it is about another delegation"));
      if (!one_of (string_member (o, "status"), stored_states))
        missing = "status";
      else if (!has_member (o, "delegation", JSON_NODE_VALUE))
        missing = "delegation";
      else if (!has_member (o, "agentSubmission", JSON_NODE_VALUE))
        missing = "agentSubmission";
      else if (!has_member (o, "agent", JSON_NODE_OBJECT))
        missing = "agent";
      else if (!has_member (o, "record", JSON_NODE_OBJECT))
        missing = "record";
      break;

    case CALL_VALIDITY:
      if (g_strcmp0 (string_member (o, "delegationId"), call->id) != 0)
        return g_strdup (_("it is about another delegation"));
      if (!one_of (string_member (o, "status"), validity_states))
        missing = "status";
      else if (!has_member (o, "checkedAt", JSON_NODE_VALUE))
        missing = "checkedAt";
      else if (!has_member (o, "record", JSON_NODE_OBJECT))
        missing = "record";
      break;

    default:
      g_assert_not_reached ();
    }
  if (missing)
    return g_strdup_printf (_("its member “%s” is missing or not what the API says"), missing);
  return NULL;
}

/* RFC 9457 problem details: the detail is the message (it is written for
 * a person, in Japanese); type and status travel with the error. */
static void
set_problem_error (const char *who,
                   guint status,
                   JsonObject *problem,
                   GError **error)
{
  const char *type = string_member (problem, "type");
  const char *detail = string_member (problem, "detail");
  const char *title = string_member (problem, "title");
  g_autofree char *text = NULL;
  InjNetError code = INJ_NET_ERROR_PROBLEM;

  if (detail && *detail)
    text = inj_net_sanitize (detail, -1, MAX_DETAIL_CHARS);
  else if (title && *title)
    {
      g_autofree char *shown = inj_net_sanitize (title, -1, MAX_DETAIL_CHARS);
      text = g_strdup_printf (_("%s refused the request (HTTP %u): %s"),
                              who, status, shown);
    }
  else
    text = g_strdup_printf (_("%s refused the request (HTTP %u)."),
                            who, status);
  if (g_strcmp0 (type, "urn:ininjo:problem:client-certificate") == 0)
    code = INJ_NET_ERROR_CLIENT_CERTIFICATE;
  inj_net_set_error (error, code, status, type ? type : "about:blank", "%s", text);
}

static JsonObject *
interpret (const char *who,
           InjClientKeyKind key_kind,
           const Call *call,
           const InjHttpResponse *response,
           GError **error)
{
  g_autofree char *type = media_type (response->content_type);
  g_autofree char *reason = NULL;
  g_autoptr(JsonObject) object = NULL;
  guint status = response->status;
  gboolean post = call->kind == CALL_REGISTER || call->kind == CALL_RENEW;

  if (status >= 300 && status < 400)
    {
      g_autofree char *where = inj_net_sanitize (response->location ? response->location : "?",
                                                 -1, 200);
      inj_net_set_error (error, INJ_NET_ERROR_REDIRECT, status, NULL,
                         _("%s answered with a redirect (HTTP %u) to %s. Ininjo never follows "
                           "redirects: check the service address in the settings."),
                         who, status, where);
      return NULL;
    }
  if (status >= 400)
    {
      if (strcmp (type, "application/problem+json") == 0
          && (object = parse_object (response->body, &reason)) != NULL
          && has_member (object, "type", JSON_NODE_VALUE))
        {
          set_problem_error (who, status, object, error);
          return NULL;
        }
      if (!inj_front_end_error (who, key_kind, post, status,
                                response->body, error))
        set_protocol_error (who, call, status,
                            reason ? reason : _("an error came without problem details"),
                            error);
      return NULL;
    }
  if (!(post ? (status >= 200 && status <= 202) : status == 200))
    {
      g_autofree char *what = g_strdup_printf (_("HTTP status %u was not expected"), status);
      set_protocol_error (who, call, status, what, error);
      return NULL;
    }
  if (strcmp (type, "application/json") != 0)
    {
      set_protocol_error (who, call, status, _("the answer is not application/json"), error);
      return NULL;
    }
  object = parse_object (response->body, &reason);
  if (object != NULL)
    reason = check_answer (call, object);
  if (reason != NULL)
    {
      set_protocol_error (who, call, status, reason, error);
      return NULL;
    }
  return g_steal_pointer (&object);
}

/* For tests/fuzz (inj-net-private.h): an answer as a call would take it. */
JsonObject *
_inj_service_client_interpret (guint call,
                               const char *id,
                               InjClientKeyKind key_kind,
                               const InjHttpResponse *response,
                               GError **error)
{
  Call c = { .kind = (CallKind) call, .id = (char *) id };

  g_return_val_if_fail (call <= CALL_VALIDITY, NULL);
  return interpret ("service.test", key_kind, &c, response, error);
}

/* ---------------------------------------------------------------- calls */

static JsonObject *
perform_call (InjServiceClient *self,
              const Call *call,
              GCancellable *cancellable,
              GError **error)
{
  g_auto(InjHttpResponse) response = { 0 };
  g_autofree char *path = NULL;
  g_autoptr(GBytes) body = NULL;
  InjHttpRequest request = { 0 };
  GError *local = NULL;
  JsonObject *answer = NULL;
  gboolean sent;

  if (!check_call (call, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  path = call_path (call);
  request.path = path;
  request.what = call_name (call->kind);
  if (call->kind == CALL_REGISTER || call->kind == CALL_RENEW)
    {
      body = registration_body (call);
      request.method = "POST";
      request.body = body;
      request.idempotency_key = call->idempotency_key;
      /* The key makes a repeated registration the same registration. */
      request.repeatable = TRUE;
    }
  else
    {
      request.method = "GET";
      request.repeatable = TRUE;
    }

  g_mutex_lock (&self->lock);
  sent = inj_http_perform (self->http, &request, &response, ask_pin, on_progress, self,
                           cancellable, &local);
  if (sent)
    {
      answer = interpret (inj_http_get_authority (self->http), inj_http_get_key_kind (self->http),
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
inj_service_client_get_profile (InjServiceClient *self,
                                GCancellable *cancellable,
                                GError **error)
{
  Call call = { .kind = CALL_PROFILE };

  g_return_val_if_fail (INJ_IS_SERVICE_CLIENT (self), NULL);
  return perform_call (self, &call, cancellable, error);
}

static JsonObject *
registration (InjServiceClient *self,
              CallKind kind,
              const char *old_id,
              GBytes *delegation,
              GBytes *submission,
              const char *idempotency_key,
              GCancellable *cancellable,
              GError **error)
{
  Call call = { .kind = kind };
  JsonObject *answer;

  call.id = g_strdup (old_id);
  call.delegation = g_bytes_ref (delegation);
  call.submission = g_bytes_ref (submission);
  call.idempotency_key = g_strdup (idempotency_key);
  answer = perform_call (self, &call, cancellable, error);
  call_clear (&call);
  return answer;
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
  return registration (self, CALL_REGISTER, NULL, delegation, submission, idempotency_key,
                       cancellable, error);
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
  return registration (self, CALL_RENEW, old_id, delegation, submission, idempotency_key,
                       cancellable, error);
}

static JsonObject *
by_id (InjServiceClient *self,
       CallKind kind,
       const char *id,
       GCancellable *cancellable,
       GError **error)
{
  Call call = { .kind = kind, .id = (char *) id };

  return perform_call (self, &call, cancellable, error);
}

JsonObject *
inj_service_client_get_receipt (InjServiceClient *self,
                                const char *receipt,
                                GCancellable *cancellable,
                                GError **error)
{
  g_return_val_if_fail (INJ_IS_SERVICE_CLIENT (self), NULL);
  return by_id (self, CALL_RECEIPT, receipt, cancellable, error);
}

JsonObject *
inj_service_client_list (InjServiceClient *self,
                         GCancellable *cancellable,
                         GError **error)
{
  Call call = { .kind = CALL_LIST };

  g_return_val_if_fail (INJ_IS_SERVICE_CLIENT (self), NULL);
  return perform_call (self, &call, cancellable, error);
}

JsonObject *
inj_service_client_get (InjServiceClient *self,
                        const char *delegation_id,
                        GCancellable *cancellable,
                        GError **error)
{
  g_return_val_if_fail (INJ_IS_SERVICE_CLIENT (self), NULL);
  return by_id (self, CALL_GET, delegation_id, cancellable, error);
}

JsonObject *
inj_service_client_validity (InjServiceClient *self,
                             const char *delegation_id,
                             GCancellable *cancellable,
                             GError **error)
{
  g_return_val_if_fail (INJ_IS_SERVICE_CLIENT (self), NULL);
  return by_id (self, CALL_VALIDITY, delegation_id, cancellable, error);
}

/* ---------------------------------------------------------------- async */

static void
worker_run (gpointer data,
            gpointer user_data)
{
  GTask *task = data;
  InjServiceClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
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

static void
queue_call (InjServiceClient *self,
            Call *call,
            gpointer source_tag,
            GCancellable *cancellable,
            GAsyncReadyCallback callback,
            gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);
  /* The task holds the client until the worker is done with it. */
  g_thread_pool_push (self->worker, task, NULL);
}

static Call *
call_new (CallKind kind,
          const char *id)
{
  Call *call = g_new0 (Call, 1);

  call->kind = kind;
  call->id = g_strdup (id);
  return call;
}

void
inj_service_client_get_profile_async (InjServiceClient *self,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  g_return_if_fail (INJ_IS_SERVICE_CLIENT (self));
  queue_call (self, call_new (CALL_PROFILE, NULL), inj_service_client_get_profile_async,
              cancellable, callback, user_data);
}

static Call *
registration_new (CallKind kind,
                  const char *old_id,
                  GBytes *delegation,
                  GBytes *submission,
                  const char *idempotency_key)
{
  Call *call = call_new (kind, old_id);

  call->delegation = g_bytes_ref (delegation);
  call->submission = g_bytes_ref (submission);
  call->idempotency_key = g_strdup (idempotency_key);
  return call;
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
  queue_call (self, registration_new (CALL_REGISTER, NULL, delegation, submission,
                                      idempotency_key),
              inj_service_client_register_async, cancellable, callback, user_data);
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
  queue_call (self, registration_new (CALL_RENEW, old_id, delegation, submission,
                                      idempotency_key),
              inj_service_client_renew_async, cancellable, callback, user_data);
}

void
inj_service_client_get_receipt_async (InjServiceClient *self,
                                      const char *receipt,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  g_return_if_fail (INJ_IS_SERVICE_CLIENT (self));
  queue_call (self, call_new (CALL_RECEIPT, receipt), inj_service_client_get_receipt_async,
              cancellable, callback, user_data);
}

void
inj_service_client_list_async (InjServiceClient *self,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data)
{
  g_return_if_fail (INJ_IS_SERVICE_CLIENT (self));
  queue_call (self, call_new (CALL_LIST, NULL), inj_service_client_list_async, cancellable,
              callback, user_data);
}

void
inj_service_client_get_async (InjServiceClient *self,
                              const char *delegation_id,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data)
{
  g_return_if_fail (INJ_IS_SERVICE_CLIENT (self));
  queue_call (self, call_new (CALL_GET, delegation_id), inj_service_client_get_async,
              cancellable, callback, user_data);
}

void
inj_service_client_validity_async (InjServiceClient *self,
                                   const char *delegation_id,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  g_return_if_fail (INJ_IS_SERVICE_CLIENT (self));
  queue_call (self, call_new (CALL_VALIDITY, delegation_id), inj_service_client_validity_async,
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
