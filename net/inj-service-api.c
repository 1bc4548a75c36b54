/* inj-service-api.c: the service API (data/ininjo-service-api.yaml) as the
 * client keeps to it: each call's request, described once in a table; the
 * arguments checked against the API's patterns before anything is sent;
 * and the service's answer checked against the API before anything is
 * returned, so that the caller gets a JsonObject that has the members the
 * API promises, or an error a person can act on. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-net-private.h"

/* Nesting deeper than this is no answer of the API; refusing it before
 * parsing keeps json-glib's recursive parser off a hostile stack. */
#define MAX_JSON_DEPTH 32
#define MAX_DETAIL_CHARS 500

typedef enum {
  ARG_NONE,
  ARG_DELEGATION_ID,
  ARG_RECEIPT,
} ArgKind;

typedef enum {
  BODY_NONE,       /* GET */
  BODY_PACKAGE,    /* the delegation and the agent's submission, with an Idempotency-Key */
  BODY_STATEMENT,  /* a signed statement of the account (and a re-binding with a change) */
} BodyKind;

/* Each call's request. The path is its prefix, the call's ID (checked
 * against the API's pattern, which leaves nothing to escape) and its
 * suffix; an upload is a POST of the registration with an
 * Idempotency-Key. A statement is sent by POST (PUT for a change) and
 * never again by itself: the API gives it no Idempotency-Key, and a
 * second copy of the same statement is refused as replayed. */
static const struct {
  const char *name;     /* for messages */
  const char *prefix;
  const char *suffix;
  ArgKind arg;
  BodyKind body;
  const char *method;
} api_calls[INJ_SERVICE_N_ALL_CALLS] = {
  [INJ_SERVICE_CALL_PROFILE] = { "GET /api/v1/profile", "/api/v1/profile", "", ARG_NONE,
                                 BODY_NONE, "GET" },
  [INJ_SERVICE_CALL_REGISTER] = { "POST /api/v1/delegations", "/api/v1/delegations", "",
                                  ARG_NONE, BODY_PACKAGE, "POST" },
  [INJ_SERVICE_CALL_RENEW] = { "POST /api/v1/delegations/{id}/renewal", "/api/v1/delegations/",
                               "/renewal", ARG_DELEGATION_ID, BODY_PACKAGE, "POST" },
  [INJ_SERVICE_CALL_RECEIPT] = { "GET /api/v1/receipts/{receipt}", "/api/v1/receipts/", "",
                                 ARG_RECEIPT, BODY_NONE, "GET" },
  [INJ_SERVICE_CALL_LIST] = { "GET /api/v1/delegations", "/api/v1/delegations", "", ARG_NONE,
                              BODY_NONE, "GET" },
  [INJ_SERVICE_CALL_GET] = { "GET /api/v1/delegations/{id}", "/api/v1/delegations/", "",
                             ARG_DELEGATION_ID, BODY_NONE, "GET" },
  [INJ_SERVICE_CALL_VALIDITY] = { "GET /api/v1/validity/{id}", "/api/v1/validity/", "",
                                  ARG_DELEGATION_ID, BODY_NONE, "GET" },
  [INJ_SERVICE_CALL_ACCOUNT_REGISTER] = { "POST /api/v1/account", "/api/v1/account", "",
                                          ARG_NONE, BODY_STATEMENT, "POST" },
  [INJ_SERVICE_CALL_ACCOUNT_GET] = { "GET /api/v1/account", "/api/v1/account", "", ARG_NONE,
                                     BODY_NONE, "GET" },
  [INJ_SERVICE_CALL_ACCOUNT_CHANGE] = { "PUT /api/v1/account", "/api/v1/account", "",
                                        ARG_NONE, BODY_STATEMENT, "PUT" },
  [INJ_SERVICE_CALL_ACCOUNT_BIND] = { "POST /api/v1/account/bindings",
                                      "/api/v1/account/bindings", "", ARG_NONE, BODY_STATEMENT,
                                      "POST" },
  [INJ_SERVICE_CALL_RECIPIENT_REGISTER] = { "POST /api/v1/recipients", "/api/v1/recipients", "",
                                            ARG_NONE, BODY_STATEMENT, "POST" },
  [INJ_SERVICE_CALL_TERMINATE] = { "POST /api/v1/delegations/{id}/termination",
                                   "/api/v1/delegations/", "/termination", ARG_DELEGATION_ID,
                                   BODY_STATEMENT, "POST" },
};

/* ---------------------------------------------------------------- calls */

void
_inj_service_call_free (InjServiceCall *call)
{
  if (call == NULL)
    return;
  g_free (call->id);
  g_clear_pointer (&call->delegation, g_bytes_unref);
  g_clear_pointer (&call->submission, g_bytes_unref);
  g_free (call->idempotency_key);
  g_clear_pointer (&call->statement, g_bytes_unref);
  g_clear_pointer (&call->rebinding, g_bytes_unref);
  g_free (call);
}

InjServiceCall *
_inj_service_call_copy (const InjServiceCall *call)
{
  InjServiceCall *copy = g_new0 (InjServiceCall, 1);

  copy->kind = call->kind;
  copy->id = g_strdup (call->id);
  copy->delegation = call->delegation ? g_bytes_ref (call->delegation) : NULL;
  copy->submission = call->submission ? g_bytes_ref (call->submission) : NULL;
  copy->idempotency_key = g_strdup (call->idempotency_key);
  copy->statement = call->statement ? g_bytes_ref (call->statement) : NULL;
  copy->rebinding = call->rebinding ? g_bytes_ref (call->rebinding) : NULL;
  return copy;
}

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
check_call (const InjServiceCall *call,
            GError **error)
{
  switch (api_calls[call->kind].arg)
    {
    case ARG_DELEGATION_ID:
      if (!is_delegation_id (call->id))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("This is not a 電子委任状ID (a lower-case UUID version 4)."));
          return FALSE;
        }
      break;
    case ARG_RECEIPT:
      if (!is_receipt (call->id))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("This is not a receipt number (R- followed by 16 digits or "
                                 "capital letters)."));
          return FALSE;
        }
      break;
    case ARG_NONE:
    default:
      break;
    }
  if (api_calls[call->kind].body == BODY_STATEMENT
      && (call->statement == NULL || g_bytes_get_size (call->statement) == 0))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("This call needs a signed statement."));
      return FALSE;
    }
  if (api_calls[call->kind].body == BODY_PACKAGE)
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
registration_body (const InjServiceCall *call)
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

gboolean
_inj_service_call_prepare (const InjServiceCall *call,
                           InjHttpRequest *request,
                           char **path,
                           GBytes **body,
                           GError **error)
{
  if (!check_call (call, error))
    return FALSE;
  *path = g_strconcat (api_calls[call->kind].prefix, call->id ? call->id : "",
                       api_calls[call->kind].suffix, NULL);
  memset (request, 0, sizeof *request);
  request->path = *path;
  request->what = api_calls[call->kind].name;
  request->method = api_calls[call->kind].method;
  switch (api_calls[call->kind].body)
    {
    case BODY_PACKAGE:
      /* An upload may be sent again: its Idempotency-Key makes a repeated
       * registration the same registration. */
      *body = registration_body (call);
      request->body = *body;
      request->idempotency_key = call->idempotency_key;
      request->repeatable = TRUE;
      break;
    case BODY_STATEMENT:
      /* Never again by itself: no Idempotency-Key in the API, and the
       * service refuses a statement's second copy (replayed-statement). */
      *body = _inj_service_account_body (call->statement, call->rebinding);
      request->body = *body;
      request->repeatable = FALSE;
      break;
    case BODY_NONE:
    default:
      /* A GET may be sent again. */
      request->repeatable = TRUE;
      break;
    }
  return TRUE;
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
                    const InjServiceCall *call,
                    guint status,
                    const char *reason,
                    GError **error)
{
  inj_net_set_error (error, INJ_NET_ERROR_PROTOCOL, status, NULL,
                     _("The answer of %s to %s does not follow the service API: %s. Check the "
                       "service address in the settings, or tell the service's operator."),
                     who, api_calls[call->kind].name, reason);
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

typedef struct {
  const char *name;
  JsonNodeType type;  /* JSON_NODE_VALUE: a string */
} Member;

static const Member profile_members[] = {
  { "name", JSON_NODE_VALUE }, { "policyUrl", JSON_NODE_VALUE },
  { "policyOid", JSON_NODE_VALUE }, { "validityUrl", JSON_NODE_VALUE },
  { "apiVersion", JSON_NODE_VALUE }, { NULL, 0 },
};
static const Member stored_members[] = {
  { "delegation", JSON_NODE_VALUE }, { "agentSubmission", JSON_NODE_VALUE },
  { "agent", JSON_NODE_OBJECT }, { "record", JSON_NODE_OBJECT }, { NULL, 0 },
};
static const Member validity_members[] = {
  { "checkedAt", JSON_NODE_VALUE }, { "record", JSON_NODE_OBJECT }, { NULL, 0 },
};

/* The first of @members that @o lacks, or NULL. */
static const char *
first_missing (JsonObject *o,
               const Member *members)
{
  for (const Member *m = members; m->name != NULL; m++)
    if (!has_member (o, m->name, m->type))
      return m->name;
  return NULL;
}

/* What each answer must hold (the API's required members), and what must
 * match the request. Returns a reason when it does not. */
static char *
check_answer (const InjServiceCall *call,
              JsonObject *o)
{
  static const char *const receipt_states[] = { "received", "stored", "rejected", NULL };
  static const char *const validity_states[] = { "active", "retired", "expired", "terminated",
                                                  "unknown", NULL };
  static const char *const stored_states[] = { "active", "retired", "expired", "terminated",
                                                NULL };
  const char *missing = NULL;

  switch (call->kind)
    {
    case INJ_SERVICE_CALL_PROFILE:
      {
        const char *version;
        if ((missing = first_missing (o, profile_members)) != NULL)
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

    case INJ_SERVICE_CALL_REGISTER:
    case INJ_SERVICE_CALL_RENEW:
    case INJ_SERVICE_CALL_RECEIPT:
      if (!is_receipt (string_member (o, "receipt")))
        missing = "receipt";
      else if (!one_of (string_member (o, "status"), receipt_states))
        missing = "status";
      else if (!is_delegation_id (string_member (o, "delegationId")))
        missing = "delegationId";
      else if (!has_member (o, "receivedAt", JSON_NODE_VALUE))
        missing = "receivedAt";
      else if (call->kind == INJ_SERVICE_CALL_RECEIPT
               && strcmp (string_member (o, "receipt"), call->id) != 0)
        return g_strdup (_("it is the receipt of another registration"));
      else if (g_strcmp0 (string_member (o, "status"), "stored") == 0
               && !has_member (o, "record", JSON_NODE_OBJECT))
        missing = "record";
      break;

    case INJ_SERVICE_CALL_LIST:
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

    case INJ_SERVICE_CALL_GET:
    case INJ_SERVICE_CALL_VALIDITY:
      if (g_strcmp0 (string_member (o, "delegationId"), call->id) != 0)
        return g_strdup (_("it is about another delegation"));
      if (!one_of (string_member (o, "status"),
                   call->kind == INJ_SERVICE_CALL_GET ? stored_states : validity_states))
        missing = "status";
      else
        missing = first_missing (o, call->kind == INJ_SERVICE_CALL_GET ? stored_members
                                                                    : validity_members);
      /* a validity answer of a terminated delegation says when it ended */
      if (missing == NULL && call->kind == INJ_SERVICE_CALL_VALIDITY
          && g_strcmp0 (string_member (o, "status"), "terminated") == 0
          && !has_member (o, "endedAt", JSON_NODE_VALUE))
        missing = "endedAt";
      break;

    default:
      return _inj_service_account_check_answer (call, o);
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
  else
    {
      /* the account's problems: a message of ours that says what to do */
      const char *ours = NULL;
      if (_inj_service_account_problem (type, &code, &ours))
        {
          g_free (text);
          text = g_strdup (ours);
        }
    }
  inj_net_set_error (error, code, status, type ? type : "about:blank", "%s", text);
}

JsonObject *
_inj_service_call_interpret (const char *who,
                             InjClientKeyKind key_kind,
                             const InjServiceCall *call,
                             const InjHttpResponse *response,
                             GError **error)
{
  g_autofree char *type = media_type (response->content_type);
  g_autofree char *reason = NULL;
  g_autoptr(JsonObject) object = NULL;
  guint status = response->status;
  gboolean post = api_calls[call->kind].body != BODY_NONE;
  gboolean upload = api_calls[call->kind].body == BODY_PACKAGE;

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
      if (!inj_front_end_error (who, key_kind, upload, status,
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
  InjServiceCall c = { .kind = (InjServiceCallKind) call, .id = (char *) id };

  g_return_val_if_fail (call < INJ_SERVICE_N_ALL_CALLS, NULL);
  return _inj_service_call_interpret ("service.test", key_kind, &c, response, error);
}
