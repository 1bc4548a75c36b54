/* svc-store.c */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "inj-date.h"
#include "svc-store.h"

#define SCHEMA_VERSION 1

struct _SvcStore {
  sqlite3 *db;
  GMutex lock;  /* one connection; a transaction holds it from BEGIN to COMMIT */
};

G_DEFINE_QUARK (svc-store-error-quark, svc_store_error)

static const char schema[] =
  "CREATE TABLE IF NOT EXISTS receipts ("
  "  receipt TEXT PRIMARY KEY,"
  "  principal TEXT NOT NULL,"
  "  delegation_id TEXT NOT NULL,"
  "  supersedes TEXT,"
  "  delegation BLOB NOT NULL,"
  "  agent_submission BLOB NOT NULL,"
  "  status TEXT NOT NULL CHECK (status IN ('received', 'stored', 'rejected')),"
  "  reason TEXT,"
  "  received_at TEXT NOT NULL,"
  "  decided_at TEXT,"
  "  CHECK ((status = 'rejected') = (reason IS NOT NULL)),"
  "  CHECK ((status = 'received') = (decided_at IS NULL)));"
  "CREATE INDEX IF NOT EXISTS receipts_by_status ON receipts (status);"
  "CREATE INDEX IF NOT EXISTS receipts_by_delegation ON receipts (delegation_id);"
  "CREATE INDEX IF NOT EXISTS receipts_by_supersedes ON receipts (supersedes);"
  "CREATE TABLE IF NOT EXISTS delegations ("
  "  delegation_id TEXT PRIMARY KEY,"
  "  principal TEXT NOT NULL,"
  "  receipt TEXT NOT NULL UNIQUE REFERENCES receipts (receipt),"
  "  period_start TEXT NOT NULL,"
  "  period_end TEXT NOT NULL,"
  "  stored_at TEXT NOT NULL,"
  "  supersedes TEXT REFERENCES delegations (delegation_id),"
  "  superseded_by TEXT REFERENCES delegations (delegation_id),"
  "  retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),"
  "  agent_name TEXT NOT NULL,"
  "  agent_address TEXT NOT NULL,"
  "  agent_birth_date TEXT NOT NULL,"
  "  digest TEXT NOT NULL,"
  "  record_payload TEXT NOT NULL,"
  "  record_signature TEXT NOT NULL);"
  "CREATE INDEX IF NOT EXISTS delegations_by_principal ON delegations (principal, stored_at);"
  "CREATE TABLE IF NOT EXISTS idempotency_keys ("
  "  principal TEXT NOT NULL,"
  "  idempotency_key TEXT NOT NULL,"
  "  request_hash TEXT NOT NULL,"
  "  receipt TEXT NOT NULL REFERENCES receipts (receipt),"
  "  created_at TEXT NOT NULL,"
  "  PRIMARY KEY (principal, idempotency_key));";

static gboolean
fail (SvcStore *self,
      GError **error,
      const char *what)
{
  g_set_error (error, SVC_STORE_ERROR, SVC_STORE_ERROR_DATABASE, "%s: %s", what,
               sqlite3_errmsg (self->db));
  return FALSE;
}

static gboolean
exec (SvcStore *self,
      const char *sql,
      GError **error)
{
  char *message = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, SVC_STORE_ERROR, SVC_STORE_ERROR_DATABASE, "%s", message);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

static sqlite3_stmt *
prepare (SvcStore *self,
         const char *sql,
         GError **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      fail (self, error, "prepare");
      return NULL;
    }
  return stmt;
}

static void
finalize_stmt (sqlite3_stmt *stmt)
{
  sqlite3_finalize (stmt);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, finalize_stmt)

static void
bind_text (sqlite3_stmt *stmt,
           int index,
           const char *text)
{
  if (text)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_bytes (sqlite3_stmt *stmt,
            int index,
            GBytes *bytes)
{
  gsize size = 0;
  gconstpointer data = g_bytes_get_data (bytes, &size);

  sqlite3_bind_blob64 (stmt, index, data ? data : "", size, SQLITE_TRANSIENT);
}

static char *
column_text (sqlite3_stmt *stmt,
             int index)
{
  const unsigned char *text = sqlite3_column_text (stmt, index);
  return text ? g_strdup ((const char *) text) : NULL;
}

static GBytes *
column_bytes (sqlite3_stmt *stmt,
              int index)
{
  const void *data = sqlite3_column_blob (stmt, index);
  int size = sqlite3_column_bytes (stmt, index);
  return g_bytes_new (data, (gsize) size);
}

/* A statement that returns no row, or whose rows do not matter. */
static gboolean
run (SvcStore *self,
     sqlite3_stmt *stmt,
     GError **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE)
    return fail (self, error, "step");
  return TRUE;
}

static gboolean
begin (SvcStore *self,
       GError **error)
{
  g_mutex_lock (&self->lock);
  /* IMMEDIATE: the write lock now, so that the checks and the writes of a
   * transaction see the same database. */
  if (!exec (self, "BEGIN IMMEDIATE", error))
    {
      g_mutex_unlock (&self->lock);
      return FALSE;
    }
  return TRUE;
}

static gboolean
commit (SvcStore *self,
        GError **error)
{
  gboolean ok = exec (self, "COMMIT", error);

  if (!ok)
    exec (self, "ROLLBACK", NULL);
  g_mutex_unlock (&self->lock);
  return ok;
}

static void
rollback (SvcStore *self)
{
  exec (self, "ROLLBACK", NULL);
  g_mutex_unlock (&self->lock);
}

SvcStore *
svc_store_open (const char *path,
                GError **error)
{
  g_autoptr(SvcStore) self = g_new0 (SvcStore, 1);
  sqlite3_stmt *stmt;
  int version = 0;
  int fd;

  g_mutex_init (&self->lock);
  /* It holds personal data: the owner's only. SQLite gives its -wal and
   * -shm files the database file's mode. */
  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", path,
                   g_strerror (saved));
      return NULL;
    }
  close (fd);

  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, NULL) !=
      SQLITE_OK)
    {
      fail (self, error, path);
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 10000);
  sqlite3_extended_result_codes (self->db, 1);
  /* WAL: readers (the sqlite3 command in the tests) never block the
   * service; FULL: a commit is on disk before the answer leaves. */
  if (!exec (self, "PRAGMA journal_mode = WAL", error) ||
      !exec (self, "PRAGMA synchronous = FULL", error) ||
      !exec (self, "PRAGMA foreign_keys = ON", error))
    return NULL;

  stmt = prepare (self, "PRAGMA user_version", error);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, SVC_STORE_ERROR, SVC_STORE_ERROR_DATABASE,
                   "%s: schema version %d is newer than this service's (%d)", path, version,
                   SCHEMA_VERSION);
      return NULL;
    }
  if (!begin (self, error))
    return NULL;
  if (!exec (self, schema, error) ||
      !exec (self, "PRAGMA user_version = " G_STRINGIFY (SCHEMA_VERSION), error))
    {
      rollback (self);
      return NULL;
    }
  if (!commit (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
svc_store_free (SvcStore *self)
{
  if (self == NULL)
    return;
  if (self->db)
    sqlite3_close (self->db);
  g_mutex_clear (&self->lock);
  g_free (self);
}

void
svc_receipt_free (SvcReceipt *r)
{
  if (r == NULL)
    return;
  g_free (r->receipt);
  g_free (r->principal);
  g_free (r->delegation_id);
  g_free (r->supersedes);
  g_free (r->status);
  g_free (r->reason);
  g_free (r->received_at);
  g_free (r->decided_at);
  g_free (r->record_payload);
  g_free (r->record_signature);
  g_clear_pointer (&r->delegation, g_bytes_unref);
  g_clear_pointer (&r->submission, g_bytes_unref);
  g_free (r);
}

void
svc_delegation_free (SvcDelegation *d)
{
  if (d == NULL)
    return;
  g_free (d->delegation_id);
  g_free (d->principal);
  g_free (d->receipt);
  g_free (d->start);
  g_free (d->end);
  g_free (d->stored_at);
  g_free (d->supersedes);
  g_free (d->superseded_by);
  g_free (d->agent_name);
  g_free (d->agent_address);
  g_free (d->agent_birth_date);
  g_free (d->digest);
  g_free (d->record_payload);
  g_free (d->record_signature);
  g_clear_pointer (&d->delegation, g_bytes_unref);
  g_clear_pointer (&d->submission, g_bytes_unref);
  g_free (d);
}

/* ------------------------------------------------------------ receipts */

#define RECEIPT_COLUMNS \
  "r.receipt, r.principal, r.delegation_id, r.supersedes, r.status, r.reason, " \
  "r.received_at, r.decided_at, d.record_payload, d.record_signature, " \
  "r.delegation, r.agent_submission"
#define RECEIPT_FROM " FROM receipts r LEFT JOIN delegations d ON d.receipt = r.receipt "

static SvcReceipt *
receipt_from_row (sqlite3_stmt *stmt,
                  gboolean with_documents)
{
  SvcReceipt *r = g_new0 (SvcReceipt, 1);

  r->receipt = column_text (stmt, 0);
  r->principal = column_text (stmt, 1);
  r->delegation_id = column_text (stmt, 2);
  r->supersedes = column_text (stmt, 3);
  r->status = column_text (stmt, 4);
  r->reason = column_text (stmt, 5);
  r->received_at = column_text (stmt, 6);
  r->decided_at = column_text (stmt, 7);
  r->record_payload = column_text (stmt, 8);
  r->record_signature = column_text (stmt, 9);
  if (with_documents)
    {
      r->delegation = column_bytes (stmt, 10);
      r->submission = column_bytes (stmt, 11);
    }
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
  g_autoptr(sqlite3_stmt) stmt = prepare (self,
                                          "SELECT " RECEIPT_COLUMNS RECEIPT_FROM
                                          "WHERE r.receipt = ?1 AND (?2 IS NULL OR r.principal = ?2)",
                                          error);
  int rc;

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, receipt);
  bind_text (stmt, 2, principal);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return receipt_from_row (stmt, with_documents);
  if (rc != SQLITE_DONE)
    fail (self, error, "receipt");
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
  g_autoptr(sqlite3_stmt) stmt = prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, a);
  if (b)
    bind_text (stmt, 2, b);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return fail (self, error, "lookup");
  *found = rc == SQLITE_ROW;
  return TRUE;
}

/* Fails closed: an end that cannot be read has ended. */
static gboolean
period_ended (const char *end,
              GDateTime *now)
{
  g_autoptr(GDateTime) when = NULL;

  if (inj_date_parse_datetime (end, &when) != 0 || when == NULL)
    return TRUE;
  return g_date_time_compare (when, now) < 0;
}

/* Called with the lock held: can @id be renewed by @principal now? */
static gboolean
check_renewable (SvcStore *self,
                 const char *principal,
                 const char *id,
                 GDateTime *now,
                 SvcRegisterOutcome *outcome,
                 GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self,
                                          "SELECT retired, period_end FROM delegations "
                                          "WHERE delegation_id = ?1 AND principal = ?2",
                                          error);
  gboolean pending = FALSE;
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, id);
  bind_text (stmt, 2, principal);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      *outcome = SVC_REGISTER_NOT_FOUND;
      return TRUE;
    }
  if (rc != SQLITE_ROW)
    return fail (self, error, "renewal");
  if (sqlite3_column_int (stmt, 0))
    *outcome = SVC_REGISTER_RETIRED;
  else if (period_ended ((const char *) sqlite3_column_text (stmt, 1), now))
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
  if (!begin (self, error))
    return SVC_REGISTER_NEW;

  key = prepare (self, "SELECT request_hash, receipt FROM idempotency_keys "
                       "WHERE principal = ?1 AND idempotency_key = ?2", error);
  if (key == NULL)
    goto failed;
  bind_text (key, 1, reg->principal);
  bind_text (key, 2, reg->idempotency_key);
  rc = sqlite3_step (key);
  if (rc == SQLITE_ROW)
    {
      g_autofree char *first = column_text (key, 1);
      if (!g_str_equal ((const char *) sqlite3_column_text (key, 0), reg->request_hash))
        outcome = SVC_REGISTER_KEY_CONFLICT;
      else
        {
          outcome = SVC_REGISTER_REPLAY;
          *receipt_out = find_receipt (self, reg->principal, first, FALSE, error);
          if (*receipt_out == NULL)
            goto failed;
        }
      rollback (self);
      return outcome;
    }
  if (rc != SQLITE_DONE)
    {
      fail (self, error, "idempotency key");
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
      rollback (self);
      return outcome;
    }

  insert = prepare (self, "INSERT INTO receipts (receipt, principal, delegation_id, supersedes, "
                          "delegation, agent_submission, status, received_at) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'received', ?7)", error);
  remember = prepare (self, "INSERT INTO idempotency_keys (principal, idempotency_key, "
                            "request_hash, receipt, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                      error);
  if (insert == NULL || remember == NULL)
    goto failed;
  bind_text (insert, 1, reg->receipt);
  bind_text (insert, 2, reg->principal);
  bind_text (insert, 3, reg->delegation_id);
  bind_text (insert, 4, reg->supersedes);
  bind_bytes (insert, 5, reg->delegation);
  bind_bytes (insert, 6, reg->submission);
  bind_text (insert, 7, reg->received_at);
  bind_text (remember, 1, reg->principal);
  bind_text (remember, 2, reg->idempotency_key);
  bind_text (remember, 3, reg->request_hash);
  bind_text (remember, 4, reg->receipt);
  bind_text (remember, 5, reg->received_at);
  if (!run (self, insert, error) || !run (self, remember, error))
    goto failed;
  *receipt_out = find_receipt (self, reg->principal, reg->receipt, FALSE, error);
  if (*receipt_out == NULL)
    goto failed;
  if (!commit (self, error))
    {
      g_clear_pointer (receipt_out, svc_receipt_free);
      return SVC_REGISTER_NEW;
    }
  return SVC_REGISTER_NEW;

failed:
  g_clear_pointer (receipt_out, svc_receipt_free);
  rollback (self);
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
  stmt = prepare (self, "SELECT receipt FROM receipts WHERE status = 'received' "
                        "ORDER BY received_at, rowid", error);
  if (stmt == NULL)
    {
      g_mutex_unlock (&self->lock);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, column_text (stmt, 0));
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
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "UPDATE receipts SET status = ?2, reason = ?3, "
                                                "decided_at = ?4 "
                                                "WHERE receipt = ?1 AND status = 'received'",
                                          error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, receipt);
  bind_text (stmt, 2, status);
  bind_text (stmt, 3, reason);
  bind_text (stmt, 4, decided_at);
  return run (self, stmt, error);
}

gboolean
svc_store_decide_rejected (SvcStore *self,
                           const char *receipt,
                           const char *reason,
                           const char *decided_at,
                           GError **error)
{
  if (!begin (self, error))
    return FALSE;
  if (!set_decision (self, receipt, "rejected", reason, decided_at, error))
    {
      rollback (self);
      return FALSE;
    }
  return commit (self, error);
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

  if (!begin (self, error))
    return NULL;
  current = find_receipt (self, NULL, d->receipt, FALSE, &local_error);
  if (current == NULL)
    {
      if (local_error == NULL)
        g_set_error (&local_error, SVC_STORE_ERROR, SVC_STORE_ERROR_DATABASE,
                     "no receipt %s", d->receipt);
      g_propagate_error (error, g_steal_pointer (&local_error));
      rollback (self);
      return NULL;
    }
  /* decided already (by a run before a restart): nothing to do */
  if (!g_str_equal (current->status, "received"))
    {
      rollback (self);
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
      return commit (self, error) ? g_strdup ("rejected") : NULL;
    }

  insert = prepare (self, "INSERT INTO delegations (delegation_id, principal, receipt, "
                          "period_start, period_end, stored_at, supersedes, agent_name, "
                          "agent_address, agent_birth_date, digest, record_payload, "
                          "record_signature) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                    error);
  retire = prepare (self, "UPDATE delegations SET retired = 1, superseded_by = ?2 "
                          "WHERE delegation_id = ?1", error);
  if (insert == NULL || retire == NULL)
    goto failed;
  bind_text (insert, 1, d->delegation_id);
  bind_text (insert, 2, d->principal);
  bind_text (insert, 3, d->receipt);
  bind_text (insert, 4, d->start);
  bind_text (insert, 5, d->end);
  bind_text (insert, 6, d->stored_at);
  bind_text (insert, 7, d->supersedes);
  bind_text (insert, 8, d->agent_name);
  bind_text (insert, 9, d->agent_address);
  bind_text (insert, 10, d->agent_birth_date);
  bind_text (insert, 11, d->digest);
  bind_text (insert, 12, d->record_payload);
  bind_text (insert, 13, d->record_signature);
  bind_text (retire, 1, d->supersedes);
  bind_text (retire, 2, d->delegation_id);
  if (!run (self, insert, error) ||
      (d->supersedes && !run (self, retire, error)) ||
      !set_decision (self, d->receipt, "stored", NULL, d->stored_at, error))
    goto failed;
  return commit (self, error) ? g_strdup ("stored") : NULL;

failed:
  rollback (self);
  return NULL;
}

/* --------------------------------------------------------- delegations */

#define DELEGATION_COLUMNS \
  "d.delegation_id, d.principal, d.receipt, d.period_start, d.period_end, d.stored_at, " \
  "d.supersedes, d.superseded_by, d.retired, d.agent_name, d.agent_address, " \
  "d.agent_birth_date, d.digest, d.record_payload, d.record_signature, " \
  "r.delegation, r.agent_submission"
#define DELEGATION_FROM " FROM delegations d JOIN receipts r ON r.receipt = d.receipt "

static SvcDelegation *
delegation_from_row (sqlite3_stmt *stmt,
                     gboolean with_documents)
{
  SvcDelegation *d = g_new0 (SvcDelegation, 1);

  d->delegation_id = column_text (stmt, 0);
  d->principal = column_text (stmt, 1);
  d->receipt = column_text (stmt, 2);
  d->start = column_text (stmt, 3);
  d->end = column_text (stmt, 4);
  d->stored_at = column_text (stmt, 5);
  d->supersedes = column_text (stmt, 6);
  d->superseded_by = column_text (stmt, 7);
  d->retired = sqlite3_column_int (stmt, 8) != 0;
  d->agent_name = column_text (stmt, 9);
  d->agent_address = column_text (stmt, 10);
  d->agent_birth_date = column_text (stmt, 11);
  d->digest = column_text (stmt, 12);
  d->record_payload = column_text (stmt, 13);
  d->record_signature = column_text (stmt, 14);
  if (with_documents)
    {
      d->delegation = column_bytes (stmt, 15);
      d->submission = column_bytes (stmt, 16);
    }
  return d;
}

GPtrArray *
svc_store_list (SvcStore *self,
                const char *principal,
                GError **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) svc_delegation_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_mutex_lock (&self->lock);
  stmt = prepare (self, "SELECT " DELEGATION_COLUMNS DELEGATION_FROM
                        "WHERE d.principal = ?1 ORDER BY d.stored_at DESC, d.rowid DESC", error);
  if (stmt == NULL)
    {
      g_mutex_unlock (&self->lock);
      return NULL;
    }
  bind_text (stmt, 1, principal);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, delegation_from_row (stmt, FALSE));
  if (rc != SQLITE_DONE)
    {
      fail (self, error, "list");
      g_mutex_unlock (&self->lock);
      return NULL;
    }
  g_mutex_unlock (&self->lock);
  return g_steal_pointer (&items);
}

SvcDelegation *
svc_store_get_delegation (SvcStore *self,
                          const char *principal,
                          const char *delegation_id,
                          gboolean with_documents,
                          GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  SvcDelegation *d = NULL;
  int rc;

  g_mutex_lock (&self->lock);
  stmt = prepare (self, "SELECT " DELEGATION_COLUMNS DELEGATION_FROM
                        "WHERE d.delegation_id = ?1 AND (?2 IS NULL OR d.principal = ?2)",
                  error);
  if (stmt)
    {
      bind_text (stmt, 1, delegation_id);
      bind_text (stmt, 2, principal);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        d = delegation_from_row (stmt, with_documents);
      else if (rc != SQLITE_DONE)
        fail (self, error, "delegation");
    }
  g_mutex_unlock (&self->lock);
  return d;
}

const char *
svc_delegation_status (const SvcDelegation *d,
                       GDateTime *now)
{
  if (d->retired)
    return "retired";
  if (period_ended (d->end, now))
    return "expired";
  return "active";
}
