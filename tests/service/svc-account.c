/* svc-account.c: the account's calls (svc-account.h). Every statement is
 * verified by inj_verify_statement() with the service's trust and clock,
 * its CreatedAt within STATEMENT_AGE of the service's time, and its signer
 * compared with the registered 代表者 (seed 000 §3.1.2) by
 * inj_account_info_matches_signer(). The details are Japanese and never
 * repeat personal data. */
#include "config.h"

#include <string.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "inj-app.h"
#include "svc-account.h"

/* A statement is signed just before it is sent: older than a day, or more
 * than ten minutes ahead of the service's clock, it is refused. */
#define STATEMENT_AGE (24 * G_TIME_SPAN_HOUR)
#define STATEMENT_AHEAD (10 * G_TIME_SPAN_MINUTE)

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
internal_error (SvcRefusal *refusal,
                const char *what,
                GError *error)
{
  svc_log ("%s: %s", what, error ? error->message : "?");
  return refuse (refusal, 500, "server-error", "サービスの内部エラーです。");
}

static const char *
kind_key (InjPrincipalKind kind)
{
  return kind == INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR ? "sole-proprietor" : "corporation";
}

/* Verifies @xml as a statement of @kind: FALSE with @refusal set. */
static gboolean
verify_statement (SvcContext *ctx,
                  GBytes *xml,
                  InjStatementKind kind,
                  InjStatement **out,
                  SvcRefusal *refusal)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(InjVerification) v = NULL;
  g_autoptr(InjStatement) st = NULL;
  g_autoptr(GDateTime) now = svc_now (ctx);
  g_autoptr(GDateTime) created = NULL;

  g_mutex_lock (&ctx->app_lock);
  v = inj_verify_statement (xml, kind, ctx->trust, now, &st, &error);
  g_mutex_unlock (&ctx->app_lock);
  if (v == NULL)
    return refuse (refusal, 422, "invalid-statement", "%sを XML として読み取れません。",
                   inj_statement_kind_label (kind));
  if (!inj_verification_is_valid (v) || st == NULL)
    {
      GPtrArray *checks = inj_verification_get_checks (v);
      for (guint i = 0; i < checks->len; i++)
        {
          const InjCheck *c = checks->pdata[i];
          if (c->result == INJ_CHECK_FAILED)
            return refuse (refusal, 422,
                           c->kind == INJ_CHECK_DOCUMENT ? "invalid-statement" : "signature",
                           "%s: %s", inj_statement_kind_label (kind), c->message);
        }
      return refuse (refusal, 422, "signature", "%s: 検証できません。",
                     inj_statement_kind_label (kind));
    }
  if (inj_date_parse_datetime (inj_statement_get_created_at (st), &created) != 0 ||
      created == NULL || g_date_time_difference (created, now) > STATEMENT_AHEAD ||
      g_date_time_difference (now, created) > STATEMENT_AGE)
    return refuse (refusal, 422, "invalid-statement",
                   "%sの作成日時がサービスの時刻から離れすぎています。署名し直して、すぐに送って"
                   "ください。", inj_statement_kind_label (kind));
  *out = g_steal_pointer (&st);
  return TRUE;
}

/* Seed 000 §3.1.2: the signer against the 代表者 of @info; the name is
 * compared first, so that a mismatch names one item. */
static gboolean
signer_matches (InjAccountInfo *info,
                InjCertificate *signer,
                gboolean rebinding,
                SvcRefusal *refusal)
{
  /* its reason is a sentence for the client's own window: the problem
   * says the same in the service's words, with what to do */
  if (inj_account_info_matches_signer (info, signer, NULL))
    return TRUE;
  if (!inj_names_match (inj_certificate_get_jpki_field (signer, INJ_JPKI_NAME),
                        inj_account_info_get (info, INJ_ACCOUNT_FIELD_REPRESENTATIVE_NAME)))
    return refuse (refusal, 422, "representative-mismatch",
                   "署名用電子証明書の氏名が、基本情報の%sと一致しません。署名は登録された代表者"
                   "本人のカードでしてください。",
                   inj_account_info_label (info, INJ_ACCOUNT_FIELD_REPRESENTATIVE_NAME));
  return refuse (refusal, 422, "address-mismatch",
                 "署名用電子証明書の住所が、基本情報の%sと一致しません。住所が変わった場合は、"
                 "先に基本情報を変更してください%s。",
                 inj_account_info_label (info, INJ_ACCOUNT_FIELD_REPRESENTATIVE_ADDRESS),
                 rebinding ? "（新しいカードの登録は、基本情報の変更と一緒に送れます）" : "");
}

static InjAccountInfo *
stored_info (SvcAccount *account,
             SvcRefusal *refusal)
{
  g_autoptr(GError) error = NULL;
  InjAccountInfo *info = inj_account_info_from_xml (g_bytes_get_data (account->info, NULL),
                                                    g_bytes_get_size (account->info), &error);
  if (info == NULL)
    internal_error (refusal, "stored 基本情報", error);
  return info;
}

gboolean
svc_account_register (SvcContext *ctx,
                      GBytes *statement,
                      const char *fingerprint,
                      gboolean confirmed,
                      SvcAccount **out,
                      SvcRefusal *refusal)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(InjStatement) st = NULL;
  g_autoptr(GBytes) info_xml = NULL;
  g_autofree char *id = NULL;
  g_autofree char *now = svc_now_iso (ctx);
  InjAccountInfo *info;

  if (!verify_statement (ctx, statement, INJ_STATEMENT_REGISTRATION, &st, refusal))
    return FALSE;
  info = inj_statement_get_info (st);
  if (!signer_matches (info, inj_statement_get_signer (st), FALSE, refusal))
    return FALSE;
  g_mutex_lock (&ctx->app_lock);
  info_xml = inj_account_info_to_xml (info);
  g_mutex_unlock (&ctx->app_lock);
  id = svc_new_account_id ("A-");
  switch (svc_store_account_create (ctx->store, id, kind_key (inj_account_info_get_kind (info)),
                                    statement, info_xml, inj_statement_get_nonce (st),
                                    fingerprint, now, confirmed, &error))
    {
    case SVC_ACCOUNT_DONE:
      break;
    case SVC_ACCOUNT_BOUND:
      return refuse (refusal, 409, "already-registered",
                     "このクライアント証明書は既に利用者として登録されています。基本情報の変更は"
                     "変更の手続きでしてください。");
    case SVC_ACCOUNT_REPLAYED:
      return refuse (refusal, 409, "replayed-statement",
                     "この届出は既に受け付けています。同じ届出をもう一度使うことはできません。"
                     "新しく署名してください。");
    default:
      return internal_error (refusal, "account", error);
    }
  svc_log ("account %s registered (%s)", id, confirmed ? "confirmed" : "pending");
  *out = svc_store_account_get (ctx->store, id, &error);
  return *out != NULL || internal_error (refusal, "account", error);
}

/* ------------------------------------------------------------ answers */

static void
reply_account (Service *svc,
               Request *req,
               SvcAccount *a,
               guint status,
               Reply *reply)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) bindings = svc_store_account_bindings (svc->ctx.store, a->account_id, NULL);
  g_autofree char *info = g_base64_encode (g_bytes_get_data (a->statement, NULL),
                                           g_bytes_get_size (a->statement));

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "accountId");
  json_builder_add_string_value (b, a->account_id);
  json_builder_set_member_name (b, "state");
  json_builder_add_string_value (b, a->state);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, a->kind);
  json_builder_set_member_name (b, "info");
  json_builder_add_string_value (b, info);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, a->version);
  json_builder_set_member_name (b, "bindings");
  json_builder_begin_array (b);
  for (guint i = 0; bindings && i < bindings->len; i++)
    {
      SvcBinding *bd = bindings->pdata[i];
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "fingerprint");
      json_builder_add_string_value (b, bd->fingerprint);
      json_builder_set_member_name (b, "boundAt");
      json_builder_add_string_value (b, bd->bound_at);
      json_builder_set_member_name (b, "current");
      json_builder_add_boolean_value (b, g_strcmp0 (bd->fingerprint, req->principal) == 0);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  g_free (reply->body);
  reply->status = status;
  reply->content_type = "application/json";
  reply->body = json_to_string (root, FALSE);
}

static gboolean
reply_refusal (Reply *reply,
               Request *req,
               SvcRefusal *refusal)
{
  return svc_reply_problem (reply, req, refusal->status, refusal->type, "%s", refusal->detail);
}

static gboolean
no_account (Reply *reply,
            Request *req)
{
  return svc_reply_problem (reply, req, 403, "no-account",
                            "このクライアント証明書は、どの利用者にも登録されていません。先に基本"
                            "情報を登録してください。カードを更新した場合は、新しいカードを利用者に"
                            "登録してください。");
}

gboolean
svc_account_get (Service *svc,
                 Request *req,
                 Reply *reply)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SvcAccount) a = svc_store_account_of (svc->ctx.store, req->principal, &error);

  if (a == NULL && error)
    return svc_reply_problem (reply, req, 500, "server-error", "サービスの内部エラーです。");
  if (a == NULL)
    return no_account (reply, req);
  reply_account (svc, req, a, 200, reply);
  return TRUE;
}

gboolean
svc_account_post (Service *svc,
                  Request *req,
                  const SvcRequest *r,
                  Reply *reply)
{
  g_auto(SvcRefusal) refusal = { 0 };
  g_autoptr(SvcAccount) a = NULL;

  if (!svc_account_register (&svc->ctx, r->statement, req->principal, svc->ctx.confirm_accounts,
                             &a, &refusal))
    return reply_refusal (reply, req, &refusal);
  reply_account (svc, req, a, 201, reply);
  reply->location = g_strdup ("/api/v1/account");
  return TRUE;
}

/* A rebinding sent with the card it binds: its account, its signer, and
 * the certificate hash it names = the calling certificate's. */
static gboolean
check_rebinding (Service *svc,
                 Request *req,
                 GBytes *xml,
                 InjStatement **out,
                 SvcAccount **account,
                 SvcRefusal *refusal)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(InjStatement) st = NULL;

  if (!verify_statement (&svc->ctx, xml, INJ_STATEMENT_REBINDING, &st, refusal))
    return FALSE;
  if (g_ascii_strcasecmp (inj_statement_get_auth_cert_sha256 (st), req->principal) != 0)
    return refuse (refusal, 422, "invalid-statement",
                   "カードの登録の届出が、この接続のクライアント証明書を指していません。新しい"
                   "カードの利用者証明用電子証明書で接続してください。");
  *account = svc_store_account_get (svc->ctx.store, inj_statement_get_account_id (st), &error);
  if (*account == NULL && error)
    return internal_error (refusal, "account", error);
  if (*account == NULL)
    return refuse (refusal, 404, "not-found", "届出の利用者は登録されていません。");
  *out = g_steal_pointer (&st);
  return TRUE;
}

gboolean
svc_account_bind (Service *svc,
                  Request *req,
                  const SvcRequest *r,
                  Reply *reply)
{
  g_auto(SvcRefusal) refusal = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(InjStatement) st = NULL;
  g_autoptr(SvcAccount) a = NULL;
  g_autoptr(SvcAccount) bound = NULL;
  g_autoptr(InjAccountInfo) info = NULL;
  g_autofree char *now = svc_now_iso (&svc->ctx);

  if (!check_rebinding (svc, req, r->statement, &st, &a, &refusal) ||
      (info = stored_info (a, &refusal)) == NULL ||
      !signer_matches (info, inj_statement_get_signer (st), TRUE, &refusal))
    return reply_refusal (reply, req, &refusal);
  switch (svc_store_account_bind (svc->ctx.store, a->account_id, req->principal, r->statement,
                                  inj_statement_get_nonce (st), now, &error))
    {
    case SVC_ACCOUNT_DONE:
      break;
    case SVC_ACCOUNT_BOUND:
      return svc_reply_problem (reply, req, 409, "already-registered",
                                "このクライアント証明書は既に登録されています。");
    case SVC_ACCOUNT_REPLAYED:
      return svc_reply_problem (reply, req, 409, "replayed-statement",
                                "この届出は既に受け付けています。新しく署名してください。");
    case SVC_ACCOUNT_NOT_FOUND:
      return svc_reply_problem (reply, req, 404, "not-found", "届出の利用者は登録されていません。");
    default:
      internal_error (&refusal, "binding", error);
      return reply_refusal (reply, req, &refusal);
    }
  svc_log ("account %s: a certificate bound", a->account_id);
  bound = svc_store_account_get (svc->ctx.store, a->account_id, NULL);
  if (bound == NULL)
    return svc_reply_problem (reply, req, 500, "server-error", "サービスの内部エラーです。");
  reply_account (svc, req, bound, 201, reply);
  return TRUE;
}

/* §3.2: a 法人's 組織名称, 所在地, 代表者名 or 代表者住所 (all four in the
 * 商業登記) changed → the operator checks the registry again. */
static gboolean
needs_registry_check (InjAccountInfo *old,
                      InjAccountInfo *new)
{
  static const InjAccountField checked[] = { INJ_ACCOUNT_FIELD_ORGANIZATION_NAME,
                                             INJ_ACCOUNT_FIELD_ORGANIZATION_ADDRESS,
                                             INJ_ACCOUNT_FIELD_REPRESENTATIVE_NAME,
                                             INJ_ACCOUNT_FIELD_REPRESENTATIVE_ADDRESS };

  if (inj_account_info_get_kind (new) != INJ_PRINCIPAL_KIND_CORPORATION)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (checked); i++)
    if (g_strcmp0 (inj_account_info_get (old, checked[i]), inj_account_info_get (new, checked[i])) != 0)
      return TRUE;
  return FALSE;
}

gboolean
svc_account_put (Service *svc,
                 Request *req,
                 const SvcRequest *r,
                 Reply *reply)
{
  g_auto(SvcRefusal) refusal = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SvcAccount) a = svc_store_account_of (svc->ctx.store, req->principal, &error);
  g_autoptr(SvcAccount) changed = NULL;
  g_autoptr(InjStatement) st = NULL;
  g_autoptr(InjStatement) rebind = NULL;
  g_autoptr(InjAccountInfo) old = NULL;
  g_autoptr(GBytes) info_xml = NULL;
  g_autofree char *now = svc_now_iso (&svc->ctx);
  InjAccountInfo *info;
  gboolean pending;

  if (a == NULL && error)
    return svc_reply_problem (reply, req, 500, "server-error", "サービスの内部エラーです。");
  if (a == NULL && r->rebinding == NULL)
    return no_account (reply, req);
  if (a && r->rebinding)
    return svc_reply_problem (reply, req, 409, "already-registered",
                              "このクライアント証明書は既に登録されています。rebinding は不要です。");
  if (a == NULL && !check_rebinding (svc, req, r->rebinding, &rebind, &a, &refusal))
    return reply_refusal (reply, req, &refusal);
  if (!verify_statement (&svc->ctx, r->statement, INJ_STATEMENT_CHANGE, &st, &refusal))
    return reply_refusal (reply, req, &refusal);
  info = inj_statement_get_info (st);
  if (g_strcmp0 (inj_statement_get_account_id (st), a->account_id) != 0)
    return svc_reply_problem (reply, req, 422, "invalid-statement",
                              "基本情報の変更の届出が、別の利用者を指しています。");
  if ((old = stored_info (a, &refusal)) == NULL)
    return reply_refusal (reply, req, &refusal);
  if (g_strcmp0 (kind_key (inj_account_info_get_kind (info)), a->kind) != 0)
    return svc_reply_problem (reply, req, 422, "invalid-statement",
                              "法人と個人事業者の区別は変更できません。新しく登録してください。");
  /* the change and the re-binding come from the same new card */
  if (rebind && g_strcmp0 (inj_certificate_get_fingerprint (inj_statement_get_signer (st)),
                           inj_certificate_get_fingerprint (inj_statement_get_signer (rebind))) != 0)
    return svc_reply_problem (reply, req, 422, "invalid-statement",
                              "基本情報の変更と新しいカードの登録は、同じ新しいカードで署名して"
                              "ください。");
  if (!signer_matches (info, inj_statement_get_signer (st), FALSE, &refusal))
    return reply_refusal (reply, req, &refusal);
  pending = needs_registry_check (old, info);
  g_mutex_lock (&svc->ctx.app_lock);
  info_xml = inj_account_info_to_xml (info);
  g_mutex_unlock (&svc->ctx.app_lock);
  switch (svc_store_account_change (svc->ctx.store, a->account_id, r->statement, info_xml,
                                    inj_statement_get_nonce (st), pending,
                                    rebind ? req->principal : NULL, rebind ? r->rebinding : NULL,
                                    rebind ? inj_statement_get_nonce (rebind) : NULL, now, &error))
    {
    case SVC_ACCOUNT_DONE:
      break;
    case SVC_ACCOUNT_REPLAYED:
      return svc_reply_problem (reply, req, 409, "replayed-statement",
                                "この届出は既に受け付けています。新しく署名してください。");
    case SVC_ACCOUNT_BOUND:
      return svc_reply_problem (reply, req, 409, "already-registered",
                                "このクライアント証明書は既に登録されています。");
    case SVC_ACCOUNT_NOT_FOUND:
      return svc_reply_problem (reply, req, 404, "not-found", "届出の利用者は登録されていません。");
    default:
      internal_error (&refusal, "change", error);
      return reply_refusal (reply, req, &refusal);
    }
  svc_log ("account %s: 基本情報 changed%s%s", a->account_id, pending ? ", pending again" : "",
           rebind ? ", a certificate bound" : "");
  changed = svc_store_account_get (svc->ctx.store, a->account_id, NULL);
  if (changed == NULL)
    return svc_reply_problem (reply, req, 500, "server-error", "サービスの内部エラーです。");
  reply_account (svc, req, changed, 200, reply);
  return TRUE;
}

/* ---------------------------------------------------------- recipients */

gboolean
svc_recipient_post (Service *svc,
                    Request *req,
                    const SvcRequest *r,
                    Reply *reply)
{
  g_auto(SvcRefusal) refusal = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(InjStatement) st = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *id = svc_new_account_id ("P-");
  g_autofree char *now = svc_now_iso (&svc->ctx);
  InjAccountInfo *info;

  if (!verify_statement (&svc->ctx, r->statement, INJ_STATEMENT_RECIPIENT, &st, &refusal))
    return reply_refusal (reply, req, &refusal);
  info = inj_statement_get_info (st);
  /* §5.2: the 申告者 signs with their own card */
  if (!inj_names_match (inj_certificate_get_jpki_field (inj_statement_get_signer (st), INJ_JPKI_NAME),
                        inj_account_info_get (info, INJ_ACCOUNT_FIELD_DECLARANT_NAME)))
    return svc_reply_problem (reply, req, 422, "representative-mismatch",
                              "署名用電子証明書の氏名が、申告者氏名と一致しません。申告者本人の"
                              "カードで署名してください。");
  switch (svc_store_recipient_create (svc->ctx.store, id, req->principal, r->statement,
                                      inj_statement_get_nonce (st), now, &error))
    {
    case SVC_ACCOUNT_DONE:
      break;
    case SVC_ACCOUNT_BOUND:
      return svc_reply_problem (reply, req, 409, "already-registered",
                                "このクライアント証明書は既に登録されています。");
    case SVC_ACCOUNT_REPLAYED:
      return svc_reply_problem (reply, req, 409, "replayed-statement",
                                "この届出は既に受け付けています。新しく署名してください。");
    default:
      internal_error (&refusal, "recipient", error);
      return reply_refusal (reply, req, &refusal);
    }
  svc_log ("recipient %s registered", id);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "recipientId");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "registeredAt");
  json_builder_add_string_value (b, now);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  g_free (reply->body);
  reply->status = 201;
  reply->content_type = "application/json";
  reply->body = json_to_string (root, FALSE);
  return TRUE;
}

/* -------------------------------------------------------- terminations */

gboolean
svc_terminate (Service *svc,
               Request *req,
               const SvcRequest *r,
               Reply *reply)
{
  g_auto(SvcRefusal) refusal = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SvcAccount) a = svc_store_account_of (svc->ctx.store, req->principal, &error);
  g_autoptr(InjStatement) st = NULL;
  g_autoptr(InjAccountInfo) info = NULL;
  g_autoptr(SvcDelegation) d = NULL;
  g_autoptr(JsonBuilder) p = json_builder_new ();
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) payload = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *now = svc_now_iso (&svc->ctx);
  g_autofree char *ended_at = NULL;
  SvcTermination end = { 0 };

  if (a == NULL)
    return error ? svc_reply_problem (reply, req, 500, "server-error", "サービスの内部エラーです。")
                 : no_account (reply, req);
  if (!verify_statement (&svc->ctx, r->statement, INJ_STATEMENT_TERMINATION, &st, &refusal))
    return reply_refusal (reply, req, &refusal);
  if (g_strcmp0 (inj_statement_get_account_id (st), a->account_id) != 0 ||
      g_strcmp0 (inj_statement_get_delegation_id (st), r->id) != 0)
    return svc_reply_problem (reply, req, 422, "invalid-statement",
                              "委任の終了の届出が、この利用者のこの電子委任状を指していません。");
  if ((info = stored_info (a, &refusal)) == NULL ||
      !signer_matches (info, inj_statement_get_signer (st), FALSE, &refusal))
    return reply_refusal (reply, req, &refusal);
  d = svc_store_get_delegation (svc->ctx.store, a->account_id, r->id, TRUE, &error);
  if (d == NULL)
    return error ? svc_reply_problem (reply, req, 500, "server-error", "サービスの内部エラーです。")
                 : svc_reply_problem (reply, req, 404, "not-found",
                                      "電子委任状 %s は保管されていません。", r->id);
  digest = inj_statement_sha256_hex (d->delegation);
  if (g_ascii_strcasecmp (digest, inj_statement_get_delegation_digest (st)) != 0)
    return svc_reply_problem (reply, req, 422, "invalid-statement",
                              "委任の終了の届出の電子委任状ダイジェストが、保管している電子委任状と"
                              "一致しません。");
  ended_at = g_strdup (inj_statement_get_ends_at (st) ? inj_statement_get_ends_at (st) : now);

  json_builder_begin_object (p);
  json_builder_set_member_name (p, "delegationId");
  json_builder_add_string_value (p, r->id);
  json_builder_set_member_name (p, "status");
  json_builder_add_string_value (p, "terminated");
  json_builder_set_member_name (p, "endedAt");
  json_builder_add_string_value (p, ended_at);
  json_builder_set_member_name (p, "recordedAt");
  json_builder_add_string_value (p, now);
  json_builder_end_object (p);
  payload = json_builder_get_root (p);
  end = (SvcTermination) { .delegation_id = r->id, .account_id = a->account_id,
                           .ended_at = ended_at };
  if (!svc_signer_sign (svc->ctx.signer, payload, &end.record_payload, &end.record_signature,
                        &error))
    {
      internal_error (&refusal, "termination record", error);
      return reply_refusal (reply, req, &refusal);
    }
  switch (svc_store_terminate (svc->ctx.store, &end, r->statement, inj_statement_get_nonce (st),
                               &error))
    {
    case SVC_ACCOUNT_DONE:
      break;
    case SVC_ACCOUNT_TERMINATED:
      g_free (end.record_payload);
      g_free (end.record_signature);
      return svc_reply_problem (reply, req, 409, "delegation-terminated",
                                "電子委任状 %s は既に委任を終了しています。", r->id);
    case SVC_ACCOUNT_REPLAYED:
      g_free (end.record_payload);
      g_free (end.record_signature);
      return svc_reply_problem (reply, req, 409, "replayed-statement",
                                "この届出は既に受け付けています。新しく署名してください。");
    case SVC_ACCOUNT_NOT_FOUND:
      g_free (end.record_payload);
      g_free (end.record_signature);
      return svc_reply_problem (reply, req, 404, "not-found",
                                "電子委任状 %s は保管されていません。", r->id);
    default:
      g_free (end.record_payload);
      g_free (end.record_signature);
      internal_error (&refusal, "termination", error);
      return reply_refusal (reply, req, &refusal);
    }
  svc_log ("%s: terminated by account %s", r->id, a->account_id);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "delegationId");
  json_builder_add_string_value (b, r->id);
  json_builder_set_member_name (b, "endedAt");
  json_builder_add_string_value (b, ended_at);
  json_builder_set_member_name (b, "record");
  json_builder_add_value (b, svc_signer_record (svc->ctx.signer, end.record_payload,
                                                end.record_signature));
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  g_free (end.record_payload);
  g_free (end.record_signature);
  g_free (reply->body);
  reply->status = 200;
  reply->content_type = "application/json";
  reply->body = json_to_string (root, FALSE);
  return TRUE;
}

/* ------------------------------------------------------------ operator */

/* The SHA-256 of a certificate's DER, read from PEM or DER. */
static char *
certificate_fingerprint (const char *path,
                         GError **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  gnutls_x509_crt_t crt = NULL;
  gnutls_datum_t in, der = { NULL, 0 };
  char *hex = NULL;
  int rc;

  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;
  in = (gnutls_datum_t) { (unsigned char *) data, (unsigned int) length };
  gnutls_x509_crt_init (&crt);
  rc = gnutls_x509_crt_import (crt, &in, GNUTLS_X509_FMT_PEM);
  if (rc < 0)
    rc = gnutls_x509_crt_import (crt, &in, GNUTLS_X509_FMT_DER);
  if (rc >= 0)
    rc = gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_DER, &der);
  gnutls_x509_crt_deinit (crt);
  if (rc < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: not a certificate", path);
      return NULL;
    }
  hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, der.data, der.size);
  gnutls_free (der.data);
  return hex;
}

gboolean
svc_account_preregister (SvcContext *ctx,
                         const char *spec,
                         GError **error)
{
  const char *colon = strrchr (spec, ':');
  g_autofree char *statement_path = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GBytes) statement = NULL;
  g_autoptr(SvcAccount) a = NULL;
  g_auto(SvcRefusal) refusal = { 0 };
  gsize length = 0;

  if (colon == NULL || colon == spec || colon[1] == '\0')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--account %s: STATEMENT.xml:CLIENTCERT.pem", spec);
      return FALSE;
    }
  statement_path = g_strndup (spec, (gsize) (colon - spec));
  if ((fingerprint = certificate_fingerprint (colon + 1, error)) == NULL ||
      !g_file_get_contents (statement_path, &data, &length, error))
    return FALSE;
  a = svc_store_account_of (ctx->store, fingerprint, error);
  if (a)
    {
      svc_log ("--account %s: the certificate is bound to %s already", statement_path, a->account_id);
      return TRUE;
    }
  if (error && *error)
    return FALSE;
  statement = g_bytes_new_take (g_steal_pointer (&data), length);
  /* the operator's page: the registry checked there, confirmed at once */
  if (!svc_account_register (ctx, statement, fingerprint, TRUE, &a, &refusal))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "--account %s: %s (%s)", statement_path,
                   refusal.detail, refusal.type);
      return FALSE;
    }
  return TRUE;
}

int
svc_account_confirm_main (int argc,
                          char **argv)
{
  g_autofree char *db = NULL;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "The service's SQLite database", "FILE" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("ACCOUNT_ID — the operator's "
                                                            "registry check (確認済み)");
  g_autoptr(GError) error = NULL;
  g_autoptr(SvcStore) store = NULL;
  g_autoptr(SvcAccount) a = NULL;
  g_autoptr(GTimeZone) jst = inj_date_jst ();
  g_autoptr(GDateTime) now = g_date_time_new_now (jst);
  g_autofree char *now_iso = inj_date_format_datetime (now);

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || db == NULL)
    {
      g_printerr ("usage: ininjo-service confirm ACCOUNT_ID --db FILE%s%s\n", error ? ": " : "",
                  error ? error->message : "");
      return 2;
    }
  if ((store = svc_store_open (db, &error)) == NULL)
    goto failed;
  if (!svc_store_account_confirm (store, argv[1], now_iso, &error))
    {
      if (error == NULL)
        {
          g_printerr ("ininjo-service: no account %s in %s\n", argv[1], db);
          return 1;
        }
      goto failed;
    }
  a = svc_store_account_get (store, argv[1], &error);
  if (a == NULL)
    goto failed;
  g_print ("%s %s\n", a->account_id, a->state);
  return 0;

failed:
  g_printerr ("ininjo-service: %s\n", error ? error->message : "failed");
  return 1;
}
