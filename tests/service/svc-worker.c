/* svc-worker.c: deciding a receipt (受付 → 保管可否). The checks are the
 * client's own (app/signature/inj-signature.c and inj-submission.c), so
 * that a delegation the client accepts is one the service stores, and the
 * other way round. */
#include "config.h"

#include "inj-app.h"
#include "svc-context.h"

/* pushed by svc_worker_stop(): no receipt ID is empty */
#define STOP ""

static char *
first_failure (const char *what,
               InjVerification *v)
{
  GPtrArray *checks = inj_verification_get_checks (v);

  for (guint i = 0; i < checks->len; i++)
    {
      const InjCheck *c = checks->pdata[i];
      if (c->result == INJ_CHECK_FAILED)
        return g_strdup_printf ("%s: %s", what, c->message);
    }
  return g_strdup_printf ("%s: 検証できません。", what);
}

/* A renewal is the same 委任者's: the old delegation's principal items. */
static gboolean
same_principal (InjDelegation *a,
                InjDelegation *b)
{
  InjPrincipalKind kind = inj_delegation_get_principal_kind (a);

  if (kind != inj_delegation_get_principal_kind (b))
    return FALSE;
  if (kind == INJ_PRINCIPAL_KIND_CORPORATION)
    return g_strcmp0 (inj_delegation_get_text (a, INJ_FIELD_CORPORATE_NUMBER),
                      inj_delegation_get_text (b, INJ_FIELD_CORPORATE_NUMBER)) == 0;
  return inj_names_match (inj_delegation_get_text (a, INJ_FIELD_PROPRIETOR_NAME),
                          inj_delegation_get_text (b, INJ_FIELD_PROPRIETOR_NAME)) &&
         g_strcmp0 (inj_delegation_get_text (a, INJ_FIELD_PROPRIETOR_BIRTH_DATE),
                    inj_delegation_get_text (b, INJ_FIELD_PROPRIETOR_BIRTH_DATE)) == 0;
}

/* Called with the app lock held. Returns why the receipt is rejected, or
 * NULL and fills @row with what is stored. */
static char *
verify (SvcContext *ctx,
        SvcReceipt *r,
        GDateTime *now,
        SvcDelegation *row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(InjDelegation) d = NULL;
  g_autoptr(InjVerification) dv = NULL;
  g_autoptr(InjVerification) sv = NULL;
  g_autoptr(InjSubmission) s = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  const InjCheck *name;
  InjCertificate *agent;
  GBytes *digest;

  dv = inj_verify_delegation (r->delegation, ctx->trust, now, &d, &error);
  if (dv == NULL)
    return g_strdup_printf ("電子委任状: %s", error->message);
  if (!inj_verification_is_valid (dv) || d == NULL)
    return first_failure ("電子委任状", dv);
  /* A warning for the client, a refusal here (seed 000, 3.1.2): the
   * service compares the signer with the representative. */
  name = inj_verification_find (dv, INJ_CHECK_NAME);
  if (name == NULL || name->result != INJ_CHECK_PASSED)
    return g_strdup ("電子委任状: 署名者の署名用電子証明書の氏名が、電子委任状の代表者名"
                     "（個人事業主の場合は氏名）と一致しません。");
  problems = inj_delegation_validate (d, now);
  if (problems->len > 0)
    return g_strdup_printf ("電子委任状: %s", ((InjProblem *) problems->pdata[0])->message);
  if (g_strcmp0 (inj_delegation_get_text (d, INJ_FIELD_SUPERSEDES), r->supersedes) != 0)
    return g_strdup ("電子委任状: 更新の対象（Supersedes）が受付時と異なります。");

  if (r->supersedes)
    {
      g_autoptr(SvcDelegation) old = svc_store_get_delegation (ctx->store, r->account,
                                                               r->supersedes, TRUE, NULL);
      g_autoptr(InjDelegation) od = NULL;
      if (old)
        od = inj_delegation_from_xml (g_bytes_get_data (old->delegation, NULL),
                                      g_bytes_get_size (old->delegation), NULL, NULL);
      if (od == NULL)
        return g_strdup ("電子委任状: 更新前の電子委任状が見つかりません。");
      if (!same_principal (d, od))
        return g_strdup ("電子委任状: 更新前の電子委任状と委任者が異なります。更新は同じ委任者の"
                         "電子委任状に限られます。");
    }

  sv = inj_verify_submission (r->submission, ctx->trust, now, r->delegation, &s, &error);
  if (sv == NULL)
    return g_strdup_printf ("受任者の電子証明書の提出: %s", error->message);
  if (!inj_verification_is_valid (sv) || s == NULL)
    return first_failure ("受任者の電子証明書の提出", sv);
  agent = inj_verification_get_signer (sv);
  digest = inj_verification_get_digest (dv);
  if (agent == NULL || digest == NULL)
    return g_strdup ("受任者の電子証明書の提出: 検証できません。");

  /* Seed 000, 4.1.5: the agent's name, address and date of birth from the
   * certificate, kept with the delegation. */
  row->delegation_id = g_strdup (inj_delegation_get_text (d, INJ_FIELD_DELEGATION_ID));
  row->principal = g_strdup (r->account);
  row->receipt = g_strdup (r->receipt);
  row->start = g_strdup (inj_delegation_get_text (d, INJ_FIELD_PERIOD_START));
  row->end = g_strdup (inj_delegation_get_text (d, INJ_FIELD_PERIOD_END));
  row->supersedes = g_strdup (r->supersedes);
  row->agent_name = g_strdup (inj_certificate_get_jpki_field (agent, INJ_JPKI_NAME));
  row->agent_address = g_strdup (inj_certificate_get_jpki_field (agent, INJ_JPKI_ADDRESS));
  row->agent_birth_date = g_strdup (inj_certificate_get_jpki_field (agent, INJ_JPKI_BIRTH_DATE));
  row->digest = g_base64_encode (g_bytes_get_data (digest, NULL), g_bytes_get_size (digest));
  return NULL;
}

static gboolean
sign_record (SvcContext *ctx,
             SvcDelegation *row,
             GError **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) payload = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "delegationId");
  json_builder_add_string_value (b, row->delegation_id);
  json_builder_set_member_name (b, "receipt");
  json_builder_add_string_value (b, row->receipt);
  json_builder_set_member_name (b, "storedAt");
  json_builder_add_string_value (b, row->stored_at);
  json_builder_set_member_name (b, "digest");
  json_builder_add_string_value (b, row->digest);
  json_builder_end_object (b);
  payload = json_builder_get_root (b);
  return svc_signer_sign (ctx->signer, payload, &row->record_payload, &row->record_signature,
                          error);
}

/* --verify-delay-ms, cut short by svc_worker_stop() */
static void
hold (SvcContext *ctx)
{
  gint64 until = g_get_monotonic_time () + (gint64) ctx->verify_delay_ms * 1000;

  while (g_get_monotonic_time () < until && !g_atomic_int_get (&ctx->stopping))
    g_usleep (MIN (20000, until - g_get_monotonic_time ()));
}

static void
decide (SvcContext *ctx,
        const char *receipt)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SvcReceipt) r = svc_store_get_work (ctx->store, receipt, &error);
  g_autoptr(SvcDelegation) row = g_new0 (SvcDelegation, 1);
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *status = NULL;

  if (r == NULL)
    {
      svc_log ("%s: cannot be read: %s", receipt, error ? error->message : "no such receipt");
      return;
    }
  if (!g_str_equal (r->status, "received"))
    return;
  if (ctx->verify_delay_ms > 0)
    hold (ctx);
  if (g_atomic_int_get (&ctx->stopping))
    return;  /* undecided: the next run takes it up */

  now = svc_now (ctx);
  row->stored_at = inj_date_format_datetime (now);
  g_mutex_lock (&ctx->app_lock);
  reason = verify (ctx, r, now, row);
  g_mutex_unlock (&ctx->app_lock);

  if (reason == NULL && !sign_record (ctx, row, &error))
    reason = g_strdup ("サービスの内部エラーにより記録に署名できませんでした。");
  if (reason)
    {
      if (svc_store_decide_rejected (ctx->store, receipt, reason, row->stored_at, &error))
        status = g_strdup ("rejected");
    }
  else
    status = svc_store_decide_stored (ctx->store, row, now,
                                      "電子委任状: 更新前の電子委任状が有効でなくなったか、"
                                      "同じ電子委任状IDが既に保管されています。",
                                      &error);
  if (status == NULL)
    svc_log ("%s: the decision cannot be written: %s", receipt,
             error ? error->message : "unknown error");
  else if (g_str_equal (status, "rejected") && reason)
    svc_log ("%s: rejected: %s", receipt, reason);
  else
    svc_log ("%s: %s", receipt, status);
}

static gpointer
worker_main (gpointer data)
{
  SvcContext *ctx = data;

  for (;;)
    {
      g_autofree char *receipt = g_async_queue_pop (ctx->queue);
      if (g_str_equal (receipt, STOP))
        break;
      decide (ctx, receipt);
    }
  return NULL;
}

void
svc_worker_start (SvcContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = svc_store_pending (ctx->store, &error);

  ctx->queue = g_async_queue_new_full (g_free);
  if (pending == NULL)
    svc_log ("undecided receipts cannot be listed: %s", error->message);
  else
    {
      if (pending->len > 0)
        svc_log ("%u receipts left undecided by the previous run are decided now", pending->len);
      for (guint i = 0; i < pending->len; i++)
        g_async_queue_push (ctx->queue, g_strdup (pending->pdata[i]));
    }
  ctx->worker = g_thread_new ("svc-worker", worker_main, ctx);
}

void
svc_worker_push (SvcContext *ctx,
                 const char *receipt)
{
  g_async_queue_push (ctx->queue, g_strdup (receipt));
}

void
svc_worker_stop (SvcContext *ctx)
{
  if (ctx->worker == NULL)
    return;
  g_atomic_int_set (&ctx->stopping, 1);
  /* ahead of any waiting receipt: they stay "received" for the next run */
  g_async_queue_push_front (ctx->queue, g_strdup (STOP));
  g_thread_join (ctx->worker);
  ctx->worker = NULL;
  g_clear_pointer (&ctx->queue, g_async_queue_unref);
}
