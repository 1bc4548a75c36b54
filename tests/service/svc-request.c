/* svc-request.c: a request's route and body (svc-request.h). */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "inj-app.h"
#include "svc-request.h"

static gboolean refuse (SvcRefusal *refusal,
                        guint status,
                        const char *type,
                        const char *format,
                        ...) G_GNUC_PRINTF (4, 5);

static gboolean
refuse (SvcRefusal *refusal,
        guint status,
        const char *type,
        const char *format,
        ...)
{
  va_list args;

  refusal->status = status;
  refusal->type = type;
  g_free (refusal->detail);
  va_start (args, format);
  refusal->detail = g_strdup_vprintf (format, args);
  va_end (args);
  return FALSE;
}

static gboolean
is_hex_run (const char *s,
            gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isxdigit (s[i]))
      return FALSE;
  return TRUE;
}

/* 8-4-4-4-12 hexadecimal digits, any version (the Idempotency-Key). */
gboolean
svc_is_uuid (const char *s)
{
  static const gsize groups[] = { 8, 4, 4, 4, 12 };

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      if (strlen (s) < groups[i] || !is_hex_run (s, groups[i]))
        return FALSE;
      s += groups[i];
      if (i < G_N_ELEMENTS (groups) - 1 && *s++ != '-')
        return FALSE;
    }
  return *s == '\0';
}

/* The contract's DelegationId: a version 4 UUID in lower case. */
gboolean
svc_is_delegation_id (const char *s)
{
  if (!svc_is_uuid (s) || s[14] != '4' || !strchr ("89ab", s[19]))
    return FALSE;
  for (const char *p = s; *p; p++)
    if (g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

gboolean
svc_is_receipt_id (const char *s)
{
  if (!g_str_has_prefix (s, "R-") || strlen (s) != 18)
    return FALSE;
  for (const char *p = s + 2; *p; p++)
    if (!g_ascii_isdigit (*p) && !g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

/* Strict base64 (RFC 4648 §4, padded, no line breaks): g_base64_decode
 * skips what it does not know, which would hide a damaged document. */
static GBytes *
decode_base64 (const char *text)
{
  gsize len = text ? strlen (text) : 0;
  gsize pad = 0;
  guchar *raw;
  gsize raw_len = 0;

  if (len == 0 || len % 4 != 0)
    return NULL;
  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];
      if (c == '=')
        {
          if (i < len - 2)
            return NULL;
          pad++;
        }
      else if (pad > 0 || !(g_ascii_isalnum (c) || c == '+' || c == '/'))
        return NULL;
    }
  raw = g_base64_decode (text, &raw_len);
  return g_bytes_new_take (raw, raw_len);
}

/* An escape JSON has, after its backslash: its length, 0 when none (a
 * surrogate only in a pair). */
static gsize
escape_length (const guint8 *p,
               const guint8 *end)
{
  guint units[2] = { 0, 0 };

  if (p < end && *p != '\0' && strchr ("\"\\/bfnrt", *p) != NULL)
    return 1;
  for (guint u = 0; u < 2; u++)
    {
      const guint8 *q = p + u * 6;
      if (u == 1 && (end - q < 1 || q[-1] != '\\'))
        return 0;
      if (end - q < 5 || *q != 'u')
        return 0;
      for (int i = 1; i <= 4; i++)
        {
          if (!g_ascii_isxdigit (q[i]))
            return 0;
          units[u] = units[u] * 16 + (guint) g_ascii_xdigit_value (q[i]);
        }
      if (u == 0 && (units[0] < 0xd800 || units[0] > 0xdfff))
        return 5;
      if (u == 0 && units[0] >= 0xdc00)
        return 0;
    }
  return units[1] >= 0xdc00 && units[1] <= 0xdfff ? 11 : 0;
}

/* One JSON object and nothing after it, its strings with JSON's escapes
 * only: json-glib 1.6 reads on after the first value ('{…}{…}'), keeps one
 * and leaks the others, and leaks on some escapes JSON does not have
 * (tests/fuzz). */
static gboolean
one_object (const guint8 *body,
            gsize length)
{
  const guint8 *end = body + length;
  const guint8 *p = body;
  gboolean in_string = FALSE, closed = FALSE;
  guint depth = 0;

  while (p < end && g_ascii_isspace (*p))
    p++;
  if (p == end || *p != '{')
    return FALSE;
  for (; p < end; p++)
    {
      char c = (char) *p;
      if (closed && !g_ascii_isspace (c))
        return FALSE;
      if (closed)
        continue;
      if (in_string)
        {
          gsize n;
          if (*p < 0x20)
            return FALSE;
          if (c == '\\' && (n = escape_length (p + 1, end)) == 0)
            return FALSE;
          if (c == '\\')
            p += n;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        depth++;
      else if ((c == '}' || c == ']') && depth > 0)
        closed = --depth == 0;
    }
  return TRUE;
}

static GBytes *
document (JsonObject *object,
          const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  return decode_base64 (json_node_get_string (node));
}

/* A registration (@old_id NULL) or a renewal: the headers, the body, and
 * enough of the delegation to give a receipt (its ID, what it renews);
 * the signatures are checked after the answer. */
static gboolean
parse_registration (const char *old_id,
                    const char *key,
                    const char *type,
                    const guint8 *body,
                    gsize body_length,
                    GMutex *app_lock,
                    SvcRequest *request,
                    SvcRefusal *refusal)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(InjDelegation) d = NULL;
  JsonNode *root;
  JsonObject *object;
  const char *supersedes;

  if (old_id && !svc_is_delegation_id (old_id))
    return refuse (refusal, 400, "bad-request", "電子委任状IDの形式が正しくありません。");
  if (key == NULL)
    return refuse (refusal, 400, "bad-request", "Idempotency-Key ヘッダーが必要です。");
  if (!svc_is_uuid (key))
    return refuse (refusal, 400, "bad-request", "Idempotency-Key は UUID にしてください。");
  if (type && !g_str_has_prefix (type, "application/json"))
    return refuse (refusal, 415, "bad-request", "本文は application/json にしてください。");
  if (body == NULL || body_length == 0 || !one_object (body, body_length) ||
      !json_parser_load_from_data (parser, (const char *) body, (gssize) body_length, &error) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return refuse (refusal, 400, "bad-request", "本文を JSON のオブジェクトとして読めません。");
  object = json_node_get_object (root);
  request->delegation = document (object, "delegation");
  request->submission = document (object, "agentSubmission");
  if (request->delegation == NULL || request->submission == NULL)
    return refuse (refusal, 400, "bad-request",
                   "delegation と agentSubmission（署名済みの XML を base64 で）が必要です。");

  if (app_lock)
    g_mutex_lock (app_lock);
  d = inj_delegation_from_xml (g_bytes_get_data (request->delegation, NULL),
                               g_bytes_get_size (request->delegation), NULL, &error);
  if (app_lock)
    g_mutex_unlock (app_lock);
  if (d == NULL)
    return refuse (refusal, 422, "invalid-delegation", "電子委任状を読み取れません: %s",
                   error->message);
  supersedes = inj_delegation_get_text (d, INJ_FIELD_SUPERSEDES);
  if (old_id && g_strcmp0 (supersedes, old_id) != 0)
    return refuse (refusal, 422, "not-renewable",
                   "この電子委任状は %s の更新ではありません（更新前の電子委任状ID"
                   "（Supersedes）が一致しません）。", old_id);
  if (old_id == NULL && supersedes)
    return refuse (refusal, 422, "invalid-delegation",
                   "この電子委任状は %s の更新です。更新は /api/v1/delegations/%s/renewal "
                   "に送ってください。", supersedes, supersedes);
  request->idempotency_key = g_ascii_strdown (key, -1);
  request->delegation_id = g_strdup (inj_delegation_get_text (d, INJ_FIELD_DELEGATION_ID));
  request->supersedes = g_strdup (supersedes);
  return TRUE;
}

/* A call of the account: {"statement": base64} (and for a change an
 * optional "rebinding"); the statements are read by the handler. */
static gboolean
parse_statement (SvcCall call,
                 const char *type,
                 const guint8 *body,
                 gsize body_length,
                 SvcRequest *request,
                 SvcRefusal *refusal)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *object;

  request->call = call;
  if (type && !g_str_has_prefix (type, "application/json"))
    return refuse (refusal, 415, "bad-request", "本文は application/json にしてください。");
  if (body == NULL || body_length == 0 || !one_object (body, body_length) ||
      !json_parser_load_from_data (parser, (const char *) body, (gssize) body_length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return refuse (refusal, 400, "bad-request", "本文を JSON のオブジェクトとして読めません。");
  object = json_node_get_object (root);
  request->statement = document (object, "statement");
  if (request->statement == NULL)
    return refuse (refusal, 400, "bad-request", "statement（署名済みの XML を base64 で）が必要です。");
  if (json_object_has_member (object, "rebinding"))
    {
      if (call != SVC_CALL_ACCOUNT_CHANGE)
        return refuse (refusal, 400, "bad-request", "rebinding は基本情報の変更でだけ送れます。");
      request->rebinding = document (object, "rebinding");
      if (request->rebinding == NULL)
        return refuse (refusal, 400, "bad-request", "rebinding は署名済みの XML を base64 で送ってください。");
    }
  return TRUE;
}

static gboolean
wrong_method (SvcRefusal *refusal,
              const char *method,
              const char *url,
              const char *allow)
{
  g_autofree char *shown = g_utf8_make_valid (method, -1);

  refusal->allow = allow;
  return refuse (refusal, 405, "bad-request", "%s %s は使えません（使えるのは %s です）。",
                 shown, url, allow);
}

/* The call and its ID, after the ID's pattern is checked. */
static gboolean
by_id (SvcRequest *request,
       SvcRefusal *refusal,
       SvcCall call,
       const char *id)
{
  if (call == SVC_CALL_RECEIPT ? !svc_is_receipt_id (id) : !svc_is_delegation_id (id))
    return refuse (refusal, 400, "bad-request",
                   call == SVC_CALL_RECEIPT ? "受付番号の形式が正しくありません。"
                                            : "電子委任状IDの形式が正しくありません。");
  request->call = call;
  request->id = g_strdup (id);
  return TRUE;
}

gboolean
svc_request_parse (const char *method,
                   const char *url,
                   const char *idempotency_key,
                   const char *content_type,
                   const guint8 *body,
                   gsize body_length,
                   GMutex *app_lock,
                   SvcRequest *request,
                   SvcRefusal *refusal)
{
  g_auto(GStrv) parts = g_strsplit (url, "/", -1);
  guint n = g_strv_length (parts);
  gboolean get = g_str_equal (method, "GET");
  gboolean post = g_str_equal (method, "POST");
  /* libmicrohttpd has percent-decoded the path: any bytes, shown as UTF-8 */
  g_autofree char *shown = g_utf8_make_valid (url, -1);

  url = shown;
  if (n < 4 || *parts[0] || !g_str_equal (parts[1], "api") || !g_str_equal (parts[2], "v1"))
    return refuse (refusal, 404, "not-found", "%s はこのサービスの API にありません。", url);

  if (n == 4 && g_str_equal (parts[3], "profile"))
    {
      request->call = SVC_CALL_PROFILE;
      return get || wrong_method (refusal, method, url, "GET");
    }
  if (n == 4 && g_str_equal (parts[3], "delegations"))
    {
      if (get)
        {
          request->call = SVC_CALL_LIST;
          return TRUE;
        }
      if (!post)
        return wrong_method (refusal, method, url, "GET, POST");
      request->call = SVC_CALL_REGISTER;
      return parse_registration (NULL, idempotency_key, content_type, body, body_length,
                                 app_lock, request, refusal);
    }
  if (n == 5 && g_str_equal (parts[3], "delegations"))
    return get ? by_id (request, refusal, SVC_CALL_GET, parts[4])
               : wrong_method (refusal, method, url, "GET");
  if (n == 6 && g_str_equal (parts[3], "delegations") && g_str_equal (parts[5], "renewal"))
    {
      if (!post)
        return wrong_method (refusal, method, url, "POST");
      request->call = SVC_CALL_RENEW;
      request->id = g_strdup (parts[4]);
      return parse_registration (parts[4], idempotency_key, content_type, body, body_length,
                                 app_lock, request, refusal);
    }
  if (n == 4 && g_str_equal (parts[3], "account"))
    {
      gboolean put = g_str_equal (method, "PUT");
      if (get)
        {
          request->call = SVC_CALL_ACCOUNT_GET;
          return TRUE;
        }
      if (!post && !put)
        return wrong_method (refusal, method, url, "GET, POST, PUT");
      return parse_statement (post ? SVC_CALL_ACCOUNT_REGISTER : SVC_CALL_ACCOUNT_CHANGE,
                              content_type, body, body_length, request, refusal);
    }
  if (n == 5 && g_str_equal (parts[3], "account") && g_str_equal (parts[4], "bindings"))
    return post ? parse_statement (SVC_CALL_ACCOUNT_BIND, content_type, body, body_length, request,
                                   refusal)
                : wrong_method (refusal, method, url, "POST");
  if (n == 4 && g_str_equal (parts[3], "recipients"))
    return post ? parse_statement (SVC_CALL_RECIPIENT_REGISTER, content_type, body, body_length,
                                   request, refusal)
                : wrong_method (refusal, method, url, "POST");
  if (n == 6 && g_str_equal (parts[3], "delegations") && g_str_equal (parts[5], "termination"))
    {
      if (!post)
        return wrong_method (refusal, method, url, "POST");
      if (!by_id (request, refusal, SVC_CALL_TERMINATE, parts[4]))
        return FALSE;
      return parse_statement (SVC_CALL_TERMINATE, content_type, body, body_length, request,
                              refusal);
    }
  if (n == 5 && g_str_equal (parts[3], "receipts"))
    return get ? by_id (request, refusal, SVC_CALL_RECEIPT, parts[4])
               : wrong_method (refusal, method, url, "GET");
  if (n == 5 && g_str_equal (parts[3], "validity"))
    return get ? by_id (request, refusal, SVC_CALL_VALIDITY, parts[4])
               : wrong_method (refusal, method, url, "GET");
  return refuse (refusal, 404, "not-found", "%s はこのサービスの API にありません。", url);
}

void
svc_request_clear (SvcRequest *request)
{
  g_clear_pointer (&request->id, g_free);
  g_clear_pointer (&request->idempotency_key, g_free);
  g_clear_pointer (&request->delegation, g_bytes_unref);
  g_clear_pointer (&request->submission, g_bytes_unref);
  g_clear_pointer (&request->delegation_id, g_free);
  g_clear_pointer (&request->supersedes, g_free);
  g_clear_pointer (&request->statement, g_bytes_unref);
  g_clear_pointer (&request->rebinding, g_bytes_unref);
}

void
svc_refusal_clear (SvcRefusal *refusal)
{
  g_clear_pointer (&refusal->detail, g_free);
}
