/* svc-store-register.c: registrations (idempotency keys, duplicates,
 * renewals), receipts and the worker's decisions, each in one
 * transaction. */
#include "config.h"

#include <string.h>
#include <sqlite3.h>

#include "svc-store-private.h"

/* ------------------------------------------------------------ receipts */

#define RECEIPT_COLUMNS \
  "r.receipt, r.principal, r.delegation_id, r.supersedes, r.status, r.reason, " \
  "r.received_at, r.decided_at, d.record_payload, d.record_signature, " \
  "r.delegation, r.agent_submission, r.account"
#define RECEIPT_FROM " FROM receipts r LEFT JOIN delegations d ON d.receipt = r.receipt "

static SvcReceipt *
receipt_from_row (sqlite3_stmt *stmt,
                  gboolean with_documents)
{
  SvcReceipt *r = g_new0 (SvcReceipt, 1);

  r->receipt = _svc_db_column_text (stmt, 0);
  r->principal = _svc_db_column_text (stmt, 1);
  r->delegation_id = _svc_db_column_text (stmt, 2);
  r->supersedes = _svc_db_column_text (stmt, 3);
  r->status = _svc_db_column_text (stmt, 4);
  r->reason = _svc_db_column_text (stmt, 5);
  r->received_at = _svc_db_column_text (stmt, 6);
  r->decided_at = _svc_db_column_text (stmt, 7);
  r->record_payload = _svc_db_column_text (stmt, 8);
  r->record_signature = _svc_db_column_text (stmt, 9);
  if (with_documents)
    {
      r->delegation = _svc_db_column_bytes (stmt, 10);
      r->submission = _svc_db_column_bytes (stmt, 11);
    }
  r->account = _svc_db_column_text (stmt, 12);
  return r;
}

/* Called with the lock held. */
static SvcReceipt *
find_receipt (SvcStore *self,
              const char *principal,
              const char *receipt,
              gboolean with_documents,
              GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = _svc_db_prepare (self,
                                                  "SELECT " RECEIPT_COLUMNS RECEIPT_FROM
                                                  "WHERE r.receipt = ?1 AND (?2 IS NULL OR r.account = ?2)",
                                                  error);
  int rc;

  if (stmt == NULL)
    return NULL;
  _svc_db_bind_text (stmt, 1, receipt);
  _svc_db_bind_text (stmt, 2, principal);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return receipt_from_row (stmt, with_documents);
  if (rc != SQLITE_DONE)
    _svc_db_fail (self, error, "receipt");
  return NULL;
}

static gboolean
exists (SvcStore *self,
        const char *sql,
        const char *a,
        const char *b,
        gboolean *found,
        GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = _svc_db_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _svc_db_bind_text (stmt, 1, a);
  if (b)
    _svc_db_bind_text (stmt, 2, b);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _svc_db_fail (self, error, "lookup");
  *found = rc == SQLITE_ROW;
  return TRUE;
}

/* Called with the lock held: can @id be renewed by @principal (an
 * account) now? */
static gboolean
check_renewable (SvcStore *self,
                 const char *principal,
                 const char *id,
                 GDateTime *now,
                 SvcRegisterOutcome *outcome,
                 GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = _svc_db_prepare (self,
                                                  "SELECT d.retired, d.period_end, t.ended_at "
                                                  "FROM delegations d LEFT JOIN terminations t "
                                                  "ON t.delegation_id = d.delegation_id "
                                                  "WHERE d.delegation_id = ?1 AND d.principal = ?2",
                                                  error);
  gboolean pending = FALSE;
  int rc;

  if (stmt == NULL)
    return FALSE;
  _svc_db_bind_text (stmt, 1, id);
  _svc_db_bind_text (stmt, 2, principal);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      *outcome = SVC_REGISTER_NOT_FOUND;
      return TRUE;
    }
  if (rc != SQLITE_ROW)
    return _svc_db_fail (self, error, "renewal");
  if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
    *outcome = SVC_REGISTER_TERMINATED;
  else if (sqlite3_column_int (stmt, 0))
    *outcome = SVC_REGISTER_RETIRED;
  else if (_svc_period_ended ((const char *) sqlite3_column_text (stmt, 1), now))
    *outcome = SVC_REGISTER_EXPIRED;
  else if (!exists (self, "SELECT 1 FROM receipts WHERE supersedes = ?1 AND status = 'received'",
                    id, NULL, &pending, error))
    return FALSE;
  else if (pending)
    *outcome = SVC_REGISTER_RENEWAL_PENDING;
  return TRUE;
}

SvcRegisterOutcome
svc_store_register (SvcStore *self,
                    const SvcRegistration *reg,
                    SvcReceipt **receipt_out,
                    GError **error)
{
  SvcRegisterOutcome outcome = SVC_REGISTER_NEW;
  g_autoptr(sqlite3_stmt) key = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) remember = NULL;
  gboolean duplicate = FALSE;
  int rc;

  *receipt_out = NULL;
  if (!_svc_db_begin (self, error))
    return SVC_REGISTER_NEW;

  key = _svc_db_prepare (self, "SELECT request_hash, receipt FROM idempotency_keys "
                       "WHERE principal = ?1 AND idempotency_key = ?2", error);
  if (key == NULL)
    goto failed;
  _svc_db_bind_text (key, 1, reg->principal);
  _svc_db_bind_text (key, 2, reg->idempotency_key);
  rc = sqlite3_step (key);
  if (rc == SQLITE_ROW)
    {
      g_autofree char *first = _svc_db_column_text (key, 1);
      if (!g_str_equal ((const char *) sqlite3_column_text (key, 0), reg->request_hash))
        outcome = SVC_REGISTER_KEY_CONFLICT;
      else
        {
          outcome = SVC_REGISTER_REPLAY;
          *receipt_out = find_receipt (self, reg->principal, first, FALSE, error);
          if (*receipt_out == NULL)
            goto failed;
        }
      _svc_db_rollback (self);
      return outcome;
    }
  if (rc != SQLITE_DONE)
    {
      _svc_db_fail (self, error, "idempotency key");
      goto failed;
    }

  if (!exists (self,
               "SELECT 1 FROM delegations WHERE delegation_id = ?1 "
               "UNION ALL SELECT 1 FROM receipts WHERE delegation_id = ?1 AND status = 'received'",
               reg->delegation_id, NULL, &duplicate, error))
    goto failed;
  if (duplicate)
    outcome = SVC_REGISTER_DUPLICATE_ID;
  else if (reg->supersedes &&
           !check_renewable (self, reg->principal, reg->supersedes, reg->now, &outcome, error))
    goto failed;
  if (outcome != SVC_REGISTER_NEW)
    {
      _svc_db_rollback (self);
      return outcome;
    }

  insert = _svc_db_prepare (self, "INSERT INTO receipts (receipt, principal, delegation_id, supersedes, "
                          "delegation, agent_submission, status, received_at, account) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'received', ?7, ?8)", error);
  remember = _svc_db_prepare (self, "INSERT INTO idempotency_keys (principal, idempotency_key, "
                            "request_hash, receipt, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                      error);
  if (insert == NULL || remember == NULL)
    goto failed;
  _svc_db_bind_text (insert, 1, reg->receipt);
  _svc_db_bind_text (insert, 2, reg->client);
  _svc_db_bind_text (insert, 3, reg->delegation_id);
  _svc_db_bind_text (insert, 4, reg->supersedes);
  _svc_db_bind_bytes (insert, 5, reg->delegation);
  _svc_db_bind_bytes (insert, 6, reg->submission);
  _svc_db_bind_text (insert, 7, reg->received_at);
  _svc_db_bind_text (insert, 8, reg->principal);
  _svc_db_bind_text (remember, 1, reg->principal);
  _svc_db_bind_text (remember, 2, reg->idempotency_key);
  _svc_db_bind_text (remember, 3, reg->request_hash);
  _svc_db_bind_text (remember, 4, reg->receipt);
  _svc_db_bind_text (remember, 5, reg->received_at);
  if (!_svc_db_run (self, insert, error) || !_svc_db_run (self, remember, error))
    goto failed;
  *receipt_out = find_receipt (self, reg->principal, reg->receipt, FALSE, error);
  if (*receipt_out == NULL)
    goto failed;
  if (!_svc_db_commit (self, error))
    {
      g_clear_pointer (receipt_out, svc_receipt_free);
      return SVC_REGISTER_NEW;
    }
  return SVC_REGISTER_NEW;

failed:
  g_clear_pointer (receipt_out, svc_receipt_free);
  _svc_db_rollback (self);
  return SVC_REGISTER_NEW;
}

SvcReceipt *
svc_store_get_receipt (SvcStore *self,
                       const char *principal,
                       const char *receipt,
                       GError **error)
{
  SvcReceipt *r;

  g_mutex_lock (&self->lock);
  r = find_receipt (self, principal, receipt, FALSE, error);
  g_mutex_unlock (&self->lock);
  return r;
}

SvcReceipt *
svc_store_get_work (SvcStore *self,
                    const char *receipt,
                    GError **error)
{
  SvcReceipt *r;

  g_mutex_lock (&self->lock);
  r = find_receipt (self, NULL, receipt, TRUE, error);
  g_mutex_unlock (&self->lock);
  return r;
}

GPtrArray *
svc_store_pending (SvcStore *self,
                   GError **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_mutex_lock (&self->lock);
  stmt = _svc_db_prepare (self, "SELECT receipt FROM receipts WHERE status = 'received' "
                        "ORDER BY received_at, rowid", error);
  if (stmt == NULL)
    {
      g_mutex_unlock (&self->lock);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, _svc_db_column_text (stmt, 0));
  g_mutex_unlock (&self->lock);
  if (rc != SQLITE_DONE)
    {
      g_set_error_literal (error, SVC_STORE_ERROR, SVC_STORE_ERROR_DATABASE, "pending receipts");
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* Called with the lock held. */
static gboolean
set_decision (SvcStore *self,
              const char *receipt,
              const char *status,
              const char *reason,
              const char *decided_at,
              GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = _svc_db_prepare (self, "UPDATE receipts SET status = ?2, reason = ?3, "
                                                "decided_at = ?4 "
                                                "WHERE receipt = ?1 AND status = 'received'",
                                          error);

  if (stmt == NULL)
    return FALSE;
  _svc_db_bind_text (stmt, 1, receipt);
  _svc_db_bind_text (stmt, 2, status);
  _svc_db_bind_text (stmt, 3, reason);
  _svc_db_bind_text (stmt, 4, decided_at);
  return _svc_db_run (self, stmt, error);
}

gboolean
svc_store_decide_rejected (SvcStore *self,
                           const char *receipt,
                           const char *reason,
                           const char *decided_at,
                           GError **error)
{
  if (!_svc_db_begin (self, error))
    return FALSE;
  if (!set_decision (self, receipt, "rejected", reason, decided_at, error))
    {
      _svc_db_rollback (self);
      return FALSE;
    }
  return _svc_db_commit (self, error);
}

char *
svc_store_decide_stored (SvcStore *self,
                         const SvcDelegation *d,
                         GDateTime *now,
                         const char *reason_if_gone,
                         GError **error)
{
  g_autoptr(SvcReceipt) current = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) retire = NULL;
  SvcRegisterOutcome still = SVC_REGISTER_NEW;
  gboolean duplicate = FALSE;
  g_autoptr(GError) local_error = NULL;

  if (!_svc_db_begin (self, error))
    return NULL;
  current = find_receipt (self, NULL, d->receipt, FALSE, &local_error);
  if (current == NULL)
    {
      if (local_error == NULL)
        g_set_error (&local_error, SVC_STORE_ERROR, SVC_STORE_ERROR_DATABASE,
                     "no receipt %s", d->receipt);
      g_propagate_error (error, g_steal_pointer (&local_error));
      _svc_db_rollback (self);
      return NULL;
    }
  /* decided already (by a run before a restart): nothing to do */
  if (!g_str_equal (current->status, "received"))
    {
      _svc_db_rollback (self);
      return g_strdup (current->status);
    }

  if (!exists (self, "SELECT 1 FROM delegations WHERE delegation_id = ?1", d->delegation_id,
               NULL, &duplicate, error))
    goto failed;
  if (!duplicate && d->supersedes)
    {
      if (!check_renewable (self, d->principal, d->supersedes, now, &still, error))
        goto failed;
      /* this very receipt is the pending renewal */
      if (still == SVC_REGISTER_RENEWAL_PENDING)
        still = SVC_REGISTER_NEW;
    }
  if (duplicate || still != SVC_REGISTER_NEW)
    {
      if (!set_decision (self, d->receipt, "rejected", reason_if_gone, d->stored_at, error))
        goto failed;
      return _svc_db_commit (self, error) ? g_strdup ("rejected") : NULL;
    }

  insert = _svc_db_prepare (self, "INSERT INTO delegations (delegation_id, principal, receipt, "
                          "period_start, period_end, stored_at, supersedes, agent_name, "
                          "agent_address, agent_birth_date, digest, record_payload, "
                          "record_signature) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                    error);
  retire = _svc_db_prepare (self, "UPDATE delegations SET retired = 1, superseded_by = ?2 "
                          "WHERE delegation_id = ?1", error);
  if (insert == NULL || retire == NULL)
    goto failed;
  _svc_db_bind_text (insert, 1, d->delegation_id);
  _svc_db_bind_text (insert, 2, d->principal);
  _svc_db_bind_text (insert, 3, d->receipt);
  _svc_db_bind_text (insert, 4, d->start);
  _svc_db_bind_text (insert, 5, d->end);
  _svc_db_bind_text (insert, 6, d->stored_at);
  _svc_db_bind_text (insert, 7, d->supersedes);
  _svc_db_bind_text (insert, 8, d->agent_name);
  _svc_db_bind_text (insert, 9, d->agent_address);
  _svc_db_bind_text (insert, 10, d->agent_birth_date);
  _svc_db_bind_text (insert, 11, d->digest);
  _svc_db_bind_text (insert, 12, d->record_payload);
  _svc_db_bind_text (insert, 13, d->record_signature);
  _svc_db_bind_text (retire, 1, d->supersedes);
  _svc_db_bind_text (retire, 2, d->delegation_id);
  if (!_svc_db_run (self, insert, error) ||
      (d->supersedes && !_svc_db_run (self, retire, error)) ||
      !set_decision (self, d->receipt, "stored", NULL, d->stored_at, error))
    goto failed;
  return _svc_db_commit (self, error) ? g_strdup ("stored") : NULL;

failed:
  _svc_db_rollback (self);
  return NULL;
}
