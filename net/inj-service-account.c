/* inj-service-account.c: the account's calls (inj-service-account.h): their
 * bodies, the checks of their answers against the API, the InjAccount made
 * of an answer, and the account's problem types as InjNetError codes with
 * a message that says what to do. The request itself takes the path every
 * call takes (inj-service-client.c, inj-service-api.c). */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-net-private.h"

/* ---------------------------------------------------------------- problems */

/* The problem types of the account (data/ininjo-service-api.yaml): what
 * went wrong and what to do, in words for the person at the screen. The
 * service's own detail is not shown for these: it could not say more, and
 * ours names the step to take in Ininjo. */
static const struct {
  const char *type;
  InjNetError code;
  const char *message;
} account_problems[] = {
  { "urn:ininjo:problem:no-account", INJ_NET_ERROR_NO_ACCOUNT,
    N_("This card is not registered with the service. First register the user information "
       "(基本情報). If the card was renewed, register the new card again.") },
  { "urn:ininjo:problem:account-not-confirmed", INJ_NET_ERROR_ACCOUNT_NOT_CONFIRMED,
    N_("The user information is awaiting confirmation (確認待ち): the service's operator is "
       "checking it against the commercial registry. Delegations can be registered once it "
       "is confirmed; try again later.") },
  { "urn:ininjo:problem:representative-mismatch", INJ_NET_ERROR_REPRESENTATIVE_MISMATCH,
    N_("The name in the signing certificate does not match the registered representative's "
       "name. Sign with the representative's own card. If the representative has changed, "
       "change the user information first.") },
  { "urn:ininjo:problem:address-mismatch", INJ_NET_ERROR_ADDRESS_MISMATCH,
    N_("The address in the signing certificate does not match the registered representative's "
       "address. If the representative has moved, first change the address in the user "
       "information, then register the new card again.") },
  { "urn:ininjo:problem:replayed-statement", INJ_NET_ERROR_REPLAYED_STATEMENT,
    N_("The service has already received this signed statement, and one signature is used "
       "only once. Check the current state first; sign again only if it was not applied.") },
  { "urn:ininjo:problem:recipient-not-registered", INJ_NET_ERROR_RECIPIENT_NOT_REGISTERED,
    N_("Only registered recipients and the principal can check a delegation's validity. "
       "Register as a recipient first (with the declarant's name, signed with the "
       "recipient's own card), then check again.") },
  { "urn:ininjo:problem:delegation-terminated", INJ_NET_ERROR_DELEGATION_TERMINATED,
    N_("This delegation has already been ended before its period (委任の終了): it can be "
       "neither renewed nor ended again. Create a new delegation if one is needed.") },
};

gboolean
_inj_service_account_problem (const char *type,
                              InjNetError *code,
                              const char **message)
{
  for (guint i = 0; type != NULL && i < G_N_ELEMENTS (account_problems); i++)
    if (strcmp (type, account_problems[i].type) == 0)
      {
        *code = account_problems[i].code;
        *message = _(account_problems[i].message);
        return TRUE;
      }
  return FALSE;
}

/* ---------------------------------------------------------------- bodies */

GBytes *
_inj_service_account_body (GBytes *statement,
                           GBytes *rebinding)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  GBytes *parts[] = { statement, rebinding };
  const char *names[] = { "statement", "rebinding" };
  gsize size;
  char *text;

  /* Byte for byte as signed: base64 of the statement, never re-encoded. */
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *encoded = NULL;
      gconstpointer data;
      if (parts[i] == NULL)
        continue;
      data = g_bytes_get_data (parts[i], &size);
      encoded = g_base64_encode (data, size);
      json_builder_set_member_name (builder, names[i]);
      json_builder_add_string_value (builder, encoded);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &size);
  return g_bytes_new_take (text, size);
}

/* ---------------------------------------------------------------- answers */

static const char *
string_of (JsonObject *object,
           const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* @prefix ("A-", "P-") and 16 of [0-9A-Z]. */
static gboolean
is_prefixed_id (const char *s,
                const char *prefix)
{
  if (s == NULL || strlen (s) != 18 || strncmp (s, prefix, 2) != 0)
    return FALSE;
  for (int i = 2; i < 18; i++)
    if (!g_ascii_isdigit (s[i]) && !g_ascii_isupper (s[i]))
      return FALSE;
  return TRUE;
}

/* Base64 as the API sends bytes: the alphabet, padded, not empty. */
static gboolean
is_base64 (const char *s)
{
  gsize n = s ? strlen (s) : 0;

  if (n == 0 || n % 4 != 0)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalnum (s[i]) && s[i] != '+' && s[i] != '/'
        && !(s[i] == '=' && i >= n - 2 && (i == n - 1 || s[n - 1] == '=')))
      return FALSE;
  return TRUE;
}

static gboolean
is_hex (const char *s)
{
  if (s == NULL || *s == '\0')
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_isxdigit (*s))
      return FALSE;
  return TRUE;
}

static const char *
account_missing (JsonObject *o)
{
  static const char *const states[] = { "pending", "confirmed", NULL };
  static const char *const kinds[] = { "corporation", "sole-proprietor", NULL };
  JsonNode *version = json_object_get_member (o, "version");
  JsonNode *bindings = json_object_get_member (o, "bindings");
  const char *state = string_of (o, "state");
  const char *kind = string_of (o, "kind");

  if (!is_prefixed_id (string_of (o, "accountId"), "A-"))
    return "accountId";
  if (state == NULL || !g_strv_contains (states, state))
    return "state";
  if (kind == NULL || !g_strv_contains (kinds, kind))
    return "kind";
  if (!is_base64 (string_of (o, "info")))
    return "info";
  if (version != NULL && (!JSON_NODE_HOLDS_VALUE (version)
                          || json_node_get_value_type (version) != G_TYPE_INT64
                          || json_node_get_int (version) < 1))
    return "version";
  if (bindings == NULL || !JSON_NODE_HOLDS_ARRAY (bindings))
    return "bindings";
  for (guint i = 0; i < json_array_get_length (json_node_get_array (bindings)); i++)
    {
      JsonNode *b = json_array_get_element (json_node_get_array (bindings), i);
      JsonObject *binding = JSON_NODE_HOLDS_OBJECT (b) ? json_node_get_object (b) : NULL;
      if (binding == NULL || !is_hex (string_of (binding, "fingerprint"))
          || string_of (binding, "boundAt") == NULL)
        return "bindings[]";
    }
  return NULL;
}

char *
_inj_service_account_check_answer (const InjServiceCall *call,
                                   JsonObject *o)
{
  const char *missing = NULL;

  switch (call->kind)
    {
    case INJ_SERVICE_CALL_ACCOUNT_REGISTER:
    case INJ_SERVICE_CALL_ACCOUNT_GET:
    case INJ_SERVICE_CALL_ACCOUNT_CHANGE:
    case INJ_SERVICE_CALL_ACCOUNT_BIND:
      missing = account_missing (o);
      break;
    case INJ_SERVICE_CALL_RECIPIENT_REGISTER:
      if (!is_prefixed_id (string_of (o, "recipientId"), "P-"))
        missing = "recipientId";
      else if (string_of (o, "registeredAt") == NULL)
        missing = "registeredAt";
      break;
    case INJ_SERVICE_CALL_TERMINATE:
      if (g_strcmp0 (string_of (o, "delegationId"), call->id) != 0)
        return g_strdup (_("it is about another delegation"));
      if (string_of (o, "endedAt") == NULL)
        missing = "endedAt";
      else if (json_object_get_member (o, "record") == NULL
               || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (o, "record")))
        missing = "record";
      break;
    default:
      g_assert_not_reached ();
    }
  if (missing)
    return g_strdup_printf (_("its member “%s” is missing or not what the API says"), missing);
  return NULL;
}

/* ---------------------------------------------------------------- InjAccount */

static void
binding_free (gpointer data)
{
  InjAccountBinding *b = data;

  g_free (b->fingerprint);
  g_free (b->bound_at);
  g_free (b);
}

void
inj_account_free (InjAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->id);
  g_free (account->state);
  g_free (account->kind);
  g_clear_pointer (&account->info, g_bytes_unref);
  g_clear_pointer (&account->bindings, g_ptr_array_unref);
  g_free (account);
}

gboolean
inj_account_is_confirmed (const InjAccount *account)
{
  return account != NULL && g_strcmp0 (account->state, "confirmed") == 0;
}

/* From an answer already checked (account_missing). */
static InjAccount *
account_from_answer (JsonObject *o)
{
  InjAccount *a = g_new0 (InjAccount, 1);
  JsonArray *bindings = json_object_get_array_member (o, "bindings");
  gsize size = 0;
  guchar *info = g_base64_decode (string_of (o, "info"), &size);

  a->id = g_strdup (string_of (o, "accountId"));
  a->state = g_strdup (string_of (o, "state"));
  a->kind = g_strdup (string_of (o, "kind"));
  a->version = json_object_get_int_member_with_default (o, "version", 0);
  a->info = g_bytes_new_take (info, size);
  a->bindings = g_ptr_array_new_with_free_func (binding_free);
  for (guint i = 0; i < json_array_get_length (bindings); i++)
    {
      JsonObject *b = json_array_get_object_element (bindings, i);
      InjAccountBinding *binding = g_new0 (InjAccountBinding, 1);
      binding->fingerprint = g_ascii_strdown (string_of (b, "fingerprint"), -1);
      binding->bound_at = g_strdup (string_of (b, "boundAt"));
      binding->current = json_object_get_boolean_member_with_default (b, "current", FALSE);
      g_ptr_array_add (a->bindings, binding);
    }
  return a;
}

static InjAccount *
account_call (InjServiceClient *self,
              const InjServiceCall *call,
              GCancellable *cancellable,
              GError **error)
{
  g_autoptr(JsonObject) answer = _inj_service_client_perform (self, call, cancellable, error);

  return answer ? account_from_answer (answer) : NULL;
}

/* ---------------------------------------------------------------- calls */

#define STATEMENT_CALL(kind_, id_, statement_, rebinding_)                              \
  (InjServiceCall) { .kind = INJ_SERVICE_CALL_##kind_, .id = (char *) (id_),              \
                     .statement = (statement_), .rebinding = (rebinding_) }

InjAccount *
inj_service_client_register_account (InjServiceClient *self,
                                     GBytes *statement,
                                     GCancellable *cancellable,
                                     GError **error)
{
  g_return_val_if_fail (statement != NULL, NULL);
  return account_call (self, &STATEMENT_CALL (ACCOUNT_REGISTER, NULL, statement, NULL),
                       cancellable, error);
}

InjAccount *
inj_service_client_get_account (InjServiceClient *self,
                                GCancellable *cancellable,
                                GError **error)
{
  return account_call (self, &STATEMENT_CALL (ACCOUNT_GET, NULL, NULL, NULL), cancellable,
                       error);
}

InjAccount *
inj_service_client_change_account (InjServiceClient *self,
                                   GBytes *statement,
                                   GBytes *rebinding,
                                   GCancellable *cancellable,
                                   GError **error)
{
  g_return_val_if_fail (statement != NULL, NULL);
  return account_call (self, &STATEMENT_CALL (ACCOUNT_CHANGE, NULL, statement, rebinding),
                       cancellable, error);
}

InjAccount *
inj_service_client_bind_certificate (InjServiceClient *self,
                                     GBytes *statement,
                                     GCancellable *cancellable,
                                     GError **error)
{
  g_return_val_if_fail (statement != NULL, NULL);
  return account_call (self, &STATEMENT_CALL (ACCOUNT_BIND, NULL, statement, NULL),
                       cancellable, error);
}

JsonObject *
inj_service_client_register_recipient (InjServiceClient *self,
                                       GBytes *statement,
                                       GCancellable *cancellable,
                                       GError **error)
{
  g_return_val_if_fail (statement != NULL, NULL);
  return _inj_service_client_perform (self,
                                      &STATEMENT_CALL (RECIPIENT_REGISTER, NULL, statement,
                                                       NULL),
                                      cancellable, error);
}

JsonObject *
inj_service_client_terminate_delegation (InjServiceClient *self,
                                         const char *delegation_id,
                                         GBytes *statement,
                                         GCancellable *cancellable,
                                         GError **error)
{
  g_return_val_if_fail (statement != NULL, NULL);
  return _inj_service_client_perform (self,
                                      &STATEMENT_CALL (TERMINATE, delegation_id, statement,
                                                       NULL),
                                      cancellable, error);
}

/* ---------------------------------------------------------------- async */

void
inj_service_client_register_account_async (InjServiceClient *self,
                                           GBytes *statement,
                                           GCancellable *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer user_data)
{
  g_return_if_fail (statement != NULL);
  _inj_service_client_queue (self, &STATEMENT_CALL (ACCOUNT_REGISTER, NULL, statement, NULL),
                             inj_service_client_register_account_async, cancellable, callback,
                             user_data);
}

void
inj_service_client_get_account_async (InjServiceClient *self,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  _inj_service_client_queue (self, &STATEMENT_CALL (ACCOUNT_GET, NULL, NULL, NULL),
                             inj_service_client_get_account_async, cancellable, callback,
                             user_data);
}

void
inj_service_client_change_account_async (InjServiceClient *self,
                                         GBytes *statement,
                                         GBytes *rebinding,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data)
{
  g_return_if_fail (statement != NULL);
  _inj_service_client_queue (self, &STATEMENT_CALL (ACCOUNT_CHANGE, NULL, statement, rebinding),
                             inj_service_client_change_account_async, cancellable, callback,
                             user_data);
}

void
inj_service_client_bind_certificate_async (InjServiceClient *self,
                                           GBytes *statement,
                                           GCancellable *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer user_data)
{
  g_return_if_fail (statement != NULL);
  _inj_service_client_queue (self, &STATEMENT_CALL (ACCOUNT_BIND, NULL, statement, NULL),
                             inj_service_client_bind_certificate_async, cancellable, callback,
                             user_data);
}

InjAccount *
inj_service_client_account_finish (InjServiceClient *self,
                                   GAsyncResult *result,
                                   GError **error)
{
  g_autoptr(JsonObject) answer = inj_service_client_call_finish (self, result, error);

  return answer ? account_from_answer (answer) : NULL;
}

void
inj_service_client_register_recipient_async (InjServiceClient *self,
                                             GBytes *statement,
                                             GCancellable *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer user_data)
{
  g_return_if_fail (statement != NULL);
  _inj_service_client_queue (self, &STATEMENT_CALL (RECIPIENT_REGISTER, NULL, statement, NULL),
                             inj_service_client_register_recipient_async, cancellable, callback,
                             user_data);
}

void
inj_service_client_terminate_delegation_async (InjServiceClient *self,
                                               const char *delegation_id,
                                               GBytes *statement,
                                               GCancellable *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer user_data)
{
  g_return_if_fail (statement != NULL);
  _inj_service_client_queue (self, &STATEMENT_CALL (TERMINATE, delegation_id, statement, NULL),
                             inj_service_client_terminate_delegation_async, cancellable,
                             callback, user_data);
}
