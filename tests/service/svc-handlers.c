/* svc-handlers.c: the answers of ininjo-service: one handler per call of
 * data/ininjo-service-api.yaml, the JSON they answer with (problem details
 * in Japanese), and the routing of a parsed request to them. The request
 * itself is read by svc-request.c; the HTTP plumbing is ininjo-service.c. */
#include "config.h"

#include <string.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>

#include "inj-app.h"
#include "svc-account.h"
#include "svc-service.h"

#define PROBLEM_PREFIX "urn:ininjo:problem:"

/* ---------------------------------------------------------------- JSON */

static char *
node_to_string (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

static void
add_string (JsonBuilder *b,
            const char *name,
            const char *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

static void
add_bytes (JsonBuilder *b,
           const char *name,
           GBytes *bytes)
{
  g_autofree char *b64 = g_base64_encode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  add_string (b, name, b64);
}

static const char *
problem_title (const char *type)
{
  static const struct {
    const char *type;
    const char *title;
  } titles[] = {
    { "bad-request", "Bad request" },
    { "invalid-delegation", "Invalid delegation" },
    { "invalid-submission", "Invalid agent submission" },
    { "signature", "Signature not valid" },
    { "not-found", "Not found" },
    { "idempotency-conflict", "Idempotency key reused with another request" },
    { "not-renewable", "Not renewable" },
    { "client-certificate", "Client certificate required" },
    { "too-large", "Request too large" },
    { "server-error", "Service unavailable or failed" },
    { "no-account", "No account for this client certificate" },
    { "account-not-confirmed", "Account not confirmed yet" },
    { "already-registered", "Already registered" },
    { "invalid-statement", "Invalid statement" },
    { "representative-mismatch", "Signer is not the registered representative" },
    { "address-mismatch", "Signer's address differs from the registered one" },
    { "replayed-statement", "Statement already used" },
    { "recipient-not-registered", "Recipient not registered" },
    { "delegation-terminated", "Delegation terminated" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_str_equal (titles[i].type, type))
      return titles[i].title;
  g_return_val_if_reached ("Error");
}

/* RFC 9457 problem details; @format makes the Japanese detail. FALSE, so
 * that a handler can end with it: the request failed. */
gboolean
svc_reply_problem (Reply *reply,
                   Request *req,
                   guint status,
                   const char *type,
                   const char *format,
                   ...)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *full_type = g_strconcat (PROBLEM_PREFIX, type, NULL);
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  json_builder_begin_object (b);
  add_string (b, "type", full_type);
  add_string (b, "title", problem_title (type));
  json_builder_set_member_name (b, "status");
  json_builder_add_int_value (b, status);
  add_string (b, "detail", detail);
  {
    /* the percent-decoded path: any bytes, the problem's JSON in UTF-8 */
    g_autofree char *instance = g_utf8_make_valid (req->url, -1);
    add_string (b, "instance", instance);
  }
  json_builder_end_object (b);
  root = json_builder_get_root (b);

  g_free (reply->body);
  reply->status = status;
  reply->content_type = "application/problem+json";
  reply->body = node_to_string (root);
  return FALSE;
}

static void
reply_json (Reply *reply,
            guint status,
            JsonNode *root)
{
  g_free (reply->body);
  reply->status = status;
  reply->content_type = "application/json";
  reply->body = node_to_string (root);
}

void
svc_reply_clear (Reply *reply)
{
  g_free (reply->body);
  g_free (reply->location);
  g_free (reply->allow);
}

static void
add_record (Service *svc,
            JsonBuilder *b,
            const char *payload,
            const char *signature)
{
  if (payload == NULL || signature == NULL)
    return;
  json_builder_set_member_name (b, "record");
  json_builder_add_value (b, svc_signer_record (svc->ctx.signer, payload, signature));
}

static JsonNode *
receipt_json (Service *svc,
              SvcReceipt *r)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_string (b, "receipt", r->receipt);
  add_string (b, "status", r->status);
  add_string (b, "delegationId", r->delegation_id);
  add_string (b, "receivedAt", r->received_at);
  add_string (b, "reason", r->reason);
  add_record (svc, b, r->record_payload, r->record_signature);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
summary_members (JsonBuilder *b,
                 SvcDelegation *d,
                 GDateTime *now)
{
  add_string (b, "delegationId", d->delegation_id);
  add_string (b, "status", svc_delegation_status (d, now));
  add_string (b, "start", d->start);
  add_string (b, "end", d->end);
  add_string (b, "storedAt", d->stored_at);
  add_string (b, "supersedes", d->supersedes);
  add_string (b, "supersededBy", d->superseded_by);
}

/* ----------------------------------------------------------- validation */

static char *
new_receipt_id (void)
{
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  guint8 random[10];
  GString *id = g_string_new ("R-");
  guint bits = 0, value = 0;

  if (gnutls_rnd (GNUTLS_RND_NONCE, random, sizeof random) < 0)
    g_error ("no random numbers");
  for (guint i = 0; i < sizeof random; i++)
    {
      value = (value << 8) | random[i];
      bits += 8;
      while (bits >= 5)
        {
          g_string_append_c (id, alphabet[(value >> (bits - 5)) & 31]);
          bits -= 5;
        }
    }
  return g_string_free (id, FALSE);
}

/* What makes two requests "the same" for an Idempotency-Key: the call and
 * the two documents, not the JSON's spacing or member order. */
static char *
request_hash (const char *call,
              GBytes *delegation,
              GBytes *submission)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *d = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, delegation);
  g_autofree char *s = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, submission);

  g_checksum_update (sum, (const guchar *) call, -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
  g_checksum_update (sum, (const guchar *) d, -1);
  g_checksum_update (sum, (const guchar *) s, -1);
  return g_strdup (g_checksum_get_string (sum));
}

/* ------------------------------------------------------------ handlers */

static gboolean
get_profile (Service *svc,
             Reply *reply)
{
  g_free (reply->body);
  reply->status = MHD_HTTP_OK;
  reply->content_type = "application/json";
  reply->body = g_strdup (svc->profile_json);
  return TRUE;
}

static gboolean
register_delegation (Service *svc,
                     Request *req,
                     const SvcRequest *r,
                     Reply *reply)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SvcReceipt) receipt = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *call = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *receipt_id = NULL;
  g_autofree char *received_at = NULL;
  const char *old_id = r->call == SVC_CALL_RENEW ? r->id : NULL;
  const char *lower_key = r->idempotency_key;
  const char *delegation_id = r->delegation_id;
  GBytes *delegation = r->delegation;
  GBytes *submission = r->submission;
  SvcRegistration reg;
  SvcRegisterOutcome outcome;

  call = old_id ? g_strconcat ("renew ", old_id, NULL) : g_strdup ("register");
  hash = request_hash (call, delegation, submission);
  receipt_id = new_receipt_id ();
  now = svc_now (&svc->ctx);
  received_at = inj_date_format_datetime (now);
  reg = (SvcRegistration) {
    .principal = req->account,
    .client = req->principal,
    .idempotency_key = lower_key,
    .request_hash = hash,
    .receipt = receipt_id,
    .delegation_id = delegation_id,
    .supersedes = r->supersedes,
    .delegation = delegation,
    .submission = submission,
    .received_at = received_at,
    .now = now,
  };
  outcome = svc_store_register (svc->ctx.store, &reg, &receipt, &error);
  switch (outcome)
    {
    case SVC_REGISTER_NEW:
    case SVC_REGISTER_REPLAY:
      if (receipt == NULL)
        {
          svc_log ("registration cannot be written: %s", error ? error->message : "?");
          return svc_reply_problem (reply, req, MHD_HTTP_INTERNAL_SERVER_ERROR, "server-error",
                                    "サービスの内部エラーです。同じ Idempotency-Key で再試行して"
                                    "ください。");
        }
      answer = receipt_json (svc, receipt);
      reply_json (reply, MHD_HTTP_ACCEPTED, answer);
      reply->location = g_strconcat ("/api/v1/receipts/", receipt->receipt, NULL);
      if (outcome == SVC_REGISTER_NEW)
        {
          svc_log ("%s: received %s%s%s", receipt->receipt, delegation_id,
                   old_id ? " renewing " : "", old_id ? old_id : "");
          svc_worker_push (&svc->ctx, receipt->receipt);
        }
      else
        svc_log ("%s: the same request again (Idempotency-Key %s)", receipt->receipt, lower_key);
      return TRUE;
    case SVC_REGISTER_KEY_CONFLICT:
      return svc_reply_problem (reply, req, MHD_HTTP_CONFLICT, "idempotency-conflict",
                                "この Idempotency-Key は別の内容の登録に使われています。新しい登録には"
                                "新しいキーを使ってください。");
    case SVC_REGISTER_DUPLICATE_ID:
      return svc_reply_problem (reply, req, MHD_HTTP_CONFLICT, "invalid-delegation",
                                "電子委任状ID %s は既に保管されているか、受付済みで確認中です。",
                                delegation_id);
    case SVC_REGISTER_NOT_FOUND:
      return svc_reply_problem (reply, req, MHD_HTTP_NOT_FOUND, "not-found",
                                "更新する電子委任状 %s は保管されていません。", old_id);
    case SVC_REGISTER_RETIRED:
      return svc_reply_problem (reply, req, MHD_HTTP_CONFLICT, "not-renewable",
                                "電子委任状 %s は既に更新され、失効しています。", old_id);
    case SVC_REGISTER_EXPIRED:
      return svc_reply_problem (reply, req, MHD_HTTP_CONFLICT, "not-renewable",
                                "電子委任状 %s は委任期間が終了しています。新しく登録してください。",
                                old_id);
    case SVC_REGISTER_RENEWAL_PENDING:
      return svc_reply_problem (reply, req, MHD_HTTP_CONFLICT, "not-renewable",
                                "電子委任状 %s の更新を受付済みで、確認中です。受付の結果を待って"
                                "ください。", old_id);
    case SVC_REGISTER_TERMINATED:
      return svc_reply_problem (reply, req, MHD_HTTP_CONFLICT, "delegation-terminated",
                                "電子委任状 %s は委任者が委任を終了しているため、更新できません。"
                                "新しく登録してください。", old_id);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
get_receipt (Service *svc,
             Request *req,
             const char *id,
             Reply *reply)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SvcReceipt) r = NULL;
  g_autoptr(JsonNode) answer = NULL;

  r = svc_store_get_receipt (svc->ctx.store, req->account, id, &error);
  if (r == NULL && error)
    return svc_reply_problem (reply, req, MHD_HTTP_INTERNAL_SERVER_ERROR, "server-error",
                              "サービスの内部エラーです。");
  if (r == NULL)
    return svc_reply_problem (reply, req, MHD_HTTP_NOT_FOUND, "not-found",
                              "受付 %s はありません。", id);
  answer = receipt_json (svc, r);
  reply_json (reply, MHD_HTTP_OK, answer);
  return TRUE;
}

static gboolean
list_delegations (Service *svc,
                  Request *req,
                  Reply *reply)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = svc_store_list (svc->ctx.store, req->account, &error);
  g_autoptr(GDateTime) now = svc_now (&svc->ctx);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) answer = NULL;

  if (items == NULL)
    return svc_reply_problem (reply, req, MHD_HTTP_INTERNAL_SERVER_ERROR, "server-error",
                              "サービスの内部エラーです。");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "items");
  json_builder_begin_array (b);
  for (guint i = 0; i < items->len; i++)
    {
      json_builder_begin_object (b);
      summary_members (b, items->pdata[i], now);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  answer = json_builder_get_root (b);
  reply_json (reply, MHD_HTTP_OK, answer);
  return TRUE;
}

static gboolean
get_delegation (Service *svc,
                Request *req,
                const char *id,
                Reply *reply)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SvcDelegation) d = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) answer = NULL;

  d = svc_store_get_delegation (svc->ctx.store, req->account, id, TRUE, &error);
  if (d == NULL && error)
    return svc_reply_problem (reply, req, MHD_HTTP_INTERNAL_SERVER_ERROR, "server-error",
                              "サービスの内部エラーです。");
  /* another principal's is as unknown as one never stored */
  if (d == NULL)
    return svc_reply_problem (reply, req, MHD_HTTP_NOT_FOUND, "not-found",
                              "電子委任状 %s は保管されていません。", id);
  now = svc_now (&svc->ctx);
  b = json_builder_new ();
  json_builder_begin_object (b);
  summary_members (b, d, now);
  add_bytes (b, "delegation", d->delegation);
  add_bytes (b, "agentSubmission", d->submission);
  json_builder_set_member_name (b, "agent");
  json_builder_begin_object (b);
  add_string (b, "name", d->agent_name);
  add_string (b, "address", d->agent_address);
  add_string (b, "birthDate", d->agent_birth_date);
  json_builder_end_object (b);
  add_record (svc, b, d->record_payload, d->record_signature);
  json_builder_end_object (b);
  answer = json_builder_get_root (b);
  reply_json (reply, MHD_HTTP_OK, answer);
  return TRUE;
}

/* 有効性確認 (seed 000, 5.1–5.3): a registered recipient (5.2) or the
 * delegation's own account may ask; the answer is signed as it is given,
 * a terminated delegation's with the time it ended. */
static gboolean
get_validity (Service *svc,
              Request *req,
              const char *id,
              Reply *reply)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SvcDelegation) d = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(JsonBuilder) p = json_builder_new ();
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) payload = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *checked_at = NULL;
  g_autofree char *payload_b64 = NULL;
  g_autofree char *signature_b64 = NULL;
  const char *status;

  d = svc_store_get_delegation (svc->ctx.store, NULL, id, FALSE, &error);
  if (d == NULL && error)
    return svc_reply_problem (reply, req, MHD_HTTP_INTERNAL_SERVER_ERROR, "server-error",
                              "サービスの内部エラーです。");
  /* another account's delegation, or anything asked by a certificate of
   * no account: registered recipients only. An ID the service does not
   * hold is "unknown" to any account (a random UUID: nothing to find). */
  if (d ? g_strcmp0 (d->principal, req->account) != 0 : req->account == NULL)
    {
      g_autofree char *recipient = svc_store_recipient_of (svc->ctx.store, req->principal, &error);
      if (recipient == NULL && error)
        return svc_reply_problem (reply, req, MHD_HTTP_INTERNAL_SERVER_ERROR, "server-error",
                                  "サービスの内部エラーです。");
      if (recipient == NULL)
        return svc_reply_problem (reply, req, MHD_HTTP_FORBIDDEN, "recipient-not-registered",
                                  "有効性の確認は、受領者等として登録してからできます。受領者等の"
                                  "登録（POST /api/v1/recipients）を、申告者本人のカードで署名して"
                                  "送ってください。");
    }
  now = svc_now (&svc->ctx);
  checked_at = inj_date_format_datetime (now);
  status = d ? svc_delegation_status (d, now) : "unknown";

  json_builder_begin_object (p);
  add_string (p, "delegationId", id);
  add_string (p, "status", status);
  if (d)
    {
      add_string (p, "start", d->start);
      add_string (p, "end", d->end);
      if (g_str_equal (status, "terminated"))
        add_string (p, "endedAt", d->ended_at);
    }
  add_string (p, "checkedAt", checked_at);
  json_builder_end_object (p);
  payload = json_builder_get_root (p);
  if (!svc_signer_sign (svc->ctx.signer, payload, &payload_b64, &signature_b64, &error))
    {
      svc_log ("validity: %s", error->message);
      return svc_reply_problem (reply, req, MHD_HTTP_INTERNAL_SERVER_ERROR, "server-error",
                                "サービスの内部エラーです。");
    }

  json_builder_begin_object (b);
  add_string (b, "delegationId", id);
  add_string (b, "status", status);
  if (d)
    {
      add_string (b, "start", d->start);
      add_string (b, "end", d->end);
      if (g_str_equal (status, "terminated"))
        add_string (b, "endedAt", d->ended_at);
    }
  add_string (b, "checkedAt", checked_at);
  add_record (svc, b, payload_b64, signature_b64);
  json_builder_end_object (b);
  answer = json_builder_get_root (b);
  reply_json (reply, MHD_HTTP_OK, answer);
  return TRUE;
}

/* The principal of the delegation calls is the account bound to the
 * client certificate (seed 000 §3): none → 403 no-account; a delegation
 * registered or renewed for an account not 確認済み → 409. The account's
 * own calls, the validity check and the profile need none. */
static gboolean
resolve_account (Service *svc,
                 Request *req,
                 SvcCall call,
                 Reply *reply)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SvcAccount) a = NULL;
  gboolean needed = call == SVC_CALL_LIST || call == SVC_CALL_REGISTER || call == SVC_CALL_RENEW ||
                    call == SVC_CALL_GET || call == SVC_CALL_RECEIPT;

  if (call == SVC_CALL_PROFILE)
    return TRUE;
  a = svc_store_account_of (svc->ctx.store, req->principal, &error);
  if (a == NULL && error)
    return svc_reply_problem (reply, req, MHD_HTTP_INTERNAL_SERVER_ERROR, "server-error",
                              "サービスの内部エラーです。");
  if (a)
    req->account = g_strdup (a->account_id);
  if (needed && a == NULL)
    return svc_reply_problem (reply, req, MHD_HTTP_FORBIDDEN, "no-account",
                              "このクライアント証明書は、どの利用者にも登録されていません。先に基本"
                              "情報を登録してください。カードを更新した場合は、新しいカードを利用者"
                              "に登録してください。");
  if ((call == SVC_CALL_REGISTER || call == SVC_CALL_RENEW) && !g_str_equal (a->state, "confirmed"))
    return svc_reply_problem (reply, req, MHD_HTTP_CONFLICT, "account-not-confirmed",
                              "利用者の基本情報は確認待ちです。事業者が登記を確認して確認済みに"
                              "なるまで、電子委任状は登録できません。");
  return TRUE;
}

/* The request's route and body are read by svc_request_parse (the bytes
 * alone, as tests/fuzz reads them); the handlers look things up. */
gboolean
svc_route (Service *svc,
           Request *req,
           struct MHD_Connection *conn,
           Reply *reply)
{
  g_auto(SvcRequest) r = { 0 };
  g_auto(SvcRefusal) refusal = { 0 };
  const char *key = MHD_lookup_connection_value (conn, MHD_HEADER_KIND, "Idempotency-Key");
  const char *type = MHD_lookup_connection_value (conn, MHD_HEADER_KIND, "Content-Type");

  if (!svc_request_parse (req->method, req->url, key, type,
                          req->body ? req->body->data : NULL, req->body ? req->body->len : 0,
                          &svc->ctx.app_lock, &r, &refusal))
    {
      if (refusal.allow)
        reply->allow = g_strdup (refusal.allow);
      return svc_reply_problem (reply, req, refusal.status, refusal.type, "%s", refusal.detail);
    }
  if (!resolve_account (svc, req, r.call, reply))
    return FALSE;
  switch (r.call)
    {
    case SVC_CALL_PROFILE:
      return get_profile (svc, reply);
    case SVC_CALL_LIST:
      return list_delegations (svc, req, reply);
    case SVC_CALL_REGISTER:
    case SVC_CALL_RENEW:
      return register_delegation (svc, req, &r, reply);
    case SVC_CALL_GET:
      return get_delegation (svc, req, r.id, reply);
    case SVC_CALL_RECEIPT:
      return get_receipt (svc, req, r.id, reply);
    case SVC_CALL_VALIDITY:
      return get_validity (svc, req, r.id, reply);
    case SVC_CALL_ACCOUNT_GET:
      return svc_account_get (svc, req, reply);
    case SVC_CALL_ACCOUNT_REGISTER:
      return svc_account_post (svc, req, &r, reply);
    case SVC_CALL_ACCOUNT_CHANGE:
      return svc_account_put (svc, req, &r, reply);
    case SVC_CALL_ACCOUNT_BIND:
      return svc_account_bind (svc, req, &r, reply);
    case SVC_CALL_RECIPIENT_REGISTER:
      return svc_recipient_post (svc, req, &r, reply);
    case SVC_CALL_TERMINATE:
      return svc_terminate (svc, req, &r, reply);
    default:
      g_assert_not_reached ();
    }
}

/* ------------------------------------------------------------ profile */

char *
svc_build_profile (Service *svc,
                   GError **error)
{
  g_autoptr(InjServiceProfile) profile = inj_service_profile_load_default (error);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *policy = NULL;
  g_autofree char *validity = NULL;

  if (profile == NULL)
    return NULL;
  policy = g_strconcat (svc->public_url, "/policy", NULL);
  validity = g_strconcat (svc->public_url, "/api/v1/validity", NULL);
  json_builder_begin_object (b);
  add_string (b, "name", svc->profile_name ? svc->profile_name : profile->name);
  add_string (b, "policyUrl", policy);
  add_string (b, "policyOid", profile->policy_oid);
  add_string (b, "validityUrl", validity);
  add_string (b, "apiVersion", "1.0");
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return node_to_string (root);
}
