/* svc-store.c: the database itself (schema, statements, transactions under
 * one lock), the stored delegations and their status. Registrations,
 * receipts and decisions are in svc-store-register.c. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "inj-date.h"
#include "svc-store-private.h"

#define SCHEMA_VERSION 2

G_DEFINE_QUARK (svc-store-error-quark, svc_store_error)

static const char schema[] =
  "CREATE TABLE IF NOT EXISTS receipts ("
  "  receipt TEXT PRIMARY KEY,"
  "  principal TEXT NOT NULL,"  /* the client certificate of the call (SHA-256) */
  "  account TEXT,"             /* its account: the delegation's principal */
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
  "  PRIMARY KEY (principal, idempotency_key));"
  /* issue 16: the account is the principal (seed 000 §3) */
  "CREATE TABLE IF NOT EXISTS accounts ("
  "  account_id TEXT PRIMARY KEY,"
  "  kind TEXT NOT NULL CHECK (kind IN ('corporation', 'sole-proprietor')),"
  "  state TEXT NOT NULL CHECK (state IN ('pending', 'confirmed')),"
  "  version INTEGER NOT NULL,"
  "  created_at TEXT NOT NULL,"
  "  confirmed_at TEXT,"
  "  CHECK ((state = 'confirmed') = (confirmed_at IS NOT NULL)));"
  "CREATE TABLE IF NOT EXISTS account_info ("
  "  account_id TEXT NOT NULL REFERENCES accounts (account_id),"
  "  version INTEGER NOT NULL,"
  "  statement BLOB NOT NULL,"  /* the signed registration or change */
  "  info BLOB NOT NULL,"       /* its <AccountInfo>, as the service read it */
  "  stored_at TEXT NOT NULL,"
  "  PRIMARY KEY (account_id, version));"
  "CREATE TABLE IF NOT EXISTS bindings ("
  "  account_id TEXT NOT NULL REFERENCES accounts (account_id),"
  "  fingerprint TEXT NOT NULL UNIQUE,"
  "  statement BLOB,"  /* the Rebinding; NULL for the registration's */
  "  bound_at TEXT NOT NULL);"
  "CREATE TABLE IF NOT EXISTS recipients ("
  "  recipient_id TEXT PRIMARY KEY,"
  "  fingerprint TEXT NOT NULL UNIQUE,"
  "  statement BLOB NOT NULL,"
  "  registered_at TEXT NOT NULL);"
  "CREATE TABLE IF NOT EXISTS terminations ("
  "  delegation_id TEXT PRIMARY KEY REFERENCES delegations (delegation_id),"
  "  account_id TEXT NOT NULL REFERENCES accounts (account_id),"
  "  statement BLOB NOT NULL,"
  "  ended_at TEXT NOT NULL,"
  "  record_payload TEXT NOT NULL,"
  "  record_signature TEXT NOT NULL);"
  "CREATE TABLE IF NOT EXISTS nonces ("
  "  nonce TEXT PRIMARY KEY);";

gboolean
_svc_db_fail (SvcStore *self,
              GError **error,
              const char *what)
{
  g_set_error (error, SVC_STORE_ERROR, SVC_STORE_ERROR_DATABASE, "%s: %s", what,
               sqlite3_errmsg (self->db));
  return FALSE;
}

gboolean
_svc_db_exec (SvcStore *self,
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

sqlite3_stmt *
_svc_db_prepare (SvcStore *self,
                 const char *sql,
                 GError **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _svc_db_fail (self, error, "prepare");
      return NULL;
    }
  return stmt;
}

void
_svc_db_finalize (sqlite3_stmt *stmt)
{
  sqlite3_finalize (stmt);
}

void
_svc_db_bind_text (sqlite3_stmt *stmt,
                   int index,
                   const char *text)
{
  if (text)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

void
_svc_db_bind_bytes (sqlite3_stmt *stmt,
                    int index,
                    GBytes *bytes)
{
  gsize size = 0;
  gconstpointer data = g_bytes_get_data (bytes, &size);

  sqlite3_bind_blob64 (stmt, index, data ? data : "", size, SQLITE_TRANSIENT);
}

char *
_svc_db_column_text (sqlite3_stmt *stmt,
                     int index)
{
  const unsigned char *text = sqlite3_column_text (stmt, index);
  return text ? g_strdup ((const char *) text) : NULL;
}

GBytes *
_svc_db_column_bytes (sqlite3_stmt *stmt,
                      int index)
{
  const void *data = sqlite3_column_blob (stmt, index);
  int size = sqlite3_column_bytes (stmt, index);
  return g_bytes_new (data, (gsize) size);
}

/* A statement that returns no row, or whose rows do not matter. */
gboolean
_svc_db_run (SvcStore *self,
             sqlite3_stmt *stmt,
             GError **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE)
    return _svc_db_fail (self, error, "step");
  return TRUE;
}

gboolean
_svc_db_begin (SvcStore *self,
               GError **error)
{
  g_mutex_lock (&self->lock);
  /* IMMEDIATE: the write lock now, so that the checks and the writes of a
   * transaction see the same database. */
  if (!_svc_db_exec (self, "BEGIN IMMEDIATE", error))
    {
      g_mutex_unlock (&self->lock);
      return FALSE;
    }
  return TRUE;
}

gboolean
_svc_db_commit (SvcStore *self,
                GError **error)
{
  gboolean ok = _svc_db_exec (self, "COMMIT", error);

  if (!ok)
    _svc_db_exec (self, "ROLLBACK", NULL);
  g_mutex_unlock (&self->lock);
  return ok;
}

void
_svc_db_rollback (SvcStore *self)
{
  _svc_db_exec (self, "ROLLBACK", NULL);
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
      _svc_db_fail (self, error, path);
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 10000);
  sqlite3_extended_result_codes (self->db, 1);
  /* WAL: readers (the sqlite3 command in the tests) never block the
   * service; FULL: a commit is on disk before the answer leaves. */
  if (!_svc_db_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !_svc_db_exec (self, "PRAGMA synchronous = FULL", error) ||
      !_svc_db_exec (self, "PRAGMA foreign_keys = ON", error))
    return NULL;

  stmt = _svc_db_prepare (self, "PRAGMA user_version", error);
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
  if (!_svc_db_begin (self, error))
    return NULL;
  /* version 1 had no accounts: its receipts belong to none */
  if ((version == 1 && !_svc_db_exec (self, "ALTER TABLE receipts ADD COLUMN account TEXT", error)) ||
      !_svc_db_exec (self, schema, error) ||
      !_svc_db_exec (self, "PRAGMA user_version = " G_STRINGIFY (SCHEMA_VERSION), error))
    {
      _svc_db_rollback (self);
      return NULL;
    }
  if (!_svc_db_commit (self, error))
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
  g_free (r->account);
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
  g_free (d->ended_at);
  g_clear_pointer (&d->delegation, g_bytes_unref);
  g_clear_pointer (&d->submission, g_bytes_unref);
  g_free (d);
}

/* Fails closed: an end that cannot be read has ended. */
gboolean
_svc_period_ended (const char *end,
                   GDateTime *now)
{
  g_autoptr(GDateTime) when = NULL;

  if (inj_date_parse_datetime (end, &when) != 0 || when == NULL)
    return TRUE;
  return g_date_time_compare (when, now) < 0;
}

/* --------------------------------------------------------- delegations */

#define DELEGATION_COLUMNS \
  "d.delegation_id, d.principal, d.receipt, d.period_start, d.period_end, d.stored_at, " \
  "d.supersedes, d.superseded_by, d.retired, d.agent_name, d.agent_address, " \
  "d.agent_birth_date, d.digest, d.record_payload, d.record_signature, " \
  "r.delegation, r.agent_submission, t.ended_at"
#define DELEGATION_FROM " FROM delegations d JOIN receipts r ON r.receipt = d.receipt " \
  "LEFT JOIN terminations t ON t.delegation_id = d.delegation_id "

static SvcDelegation *
delegation_from_row (sqlite3_stmt *stmt,
                     gboolean with_documents)
{
  SvcDelegation *d = g_new0 (SvcDelegation, 1);

  d->delegation_id = _svc_db_column_text (stmt, 0);
  d->principal = _svc_db_column_text (stmt, 1);
  d->receipt = _svc_db_column_text (stmt, 2);
  d->start = _svc_db_column_text (stmt, 3);
  d->end = _svc_db_column_text (stmt, 4);
  d->stored_at = _svc_db_column_text (stmt, 5);
  d->supersedes = _svc_db_column_text (stmt, 6);
  d->superseded_by = _svc_db_column_text (stmt, 7);
  d->retired = sqlite3_column_int (stmt, 8) != 0;
  d->agent_name = _svc_db_column_text (stmt, 9);
  d->agent_address = _svc_db_column_text (stmt, 10);
  d->agent_birth_date = _svc_db_column_text (stmt, 11);
  d->digest = _svc_db_column_text (stmt, 12);
  d->record_payload = _svc_db_column_text (stmt, 13);
  d->record_signature = _svc_db_column_text (stmt, 14);
  if (with_documents)
    {
      d->delegation = _svc_db_column_bytes (stmt, 15);
      d->submission = _svc_db_column_bytes (stmt, 16);
    }
  d->ended_at = _svc_db_column_text (stmt, 17);
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
  stmt = _svc_db_prepare (self, "SELECT " DELEGATION_COLUMNS DELEGATION_FROM
                        "WHERE d.principal = ?1 ORDER BY d.stored_at DESC, d.rowid DESC", error);
  if (stmt == NULL)
    {
      g_mutex_unlock (&self->lock);
      return NULL;
    }
  _svc_db_bind_text (stmt, 1, principal);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, delegation_from_row (stmt, FALSE));
  if (rc != SQLITE_DONE)
    {
      _svc_db_fail (self, error, "list");
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
  stmt = _svc_db_prepare (self, "SELECT " DELEGATION_COLUMNS DELEGATION_FROM
                        "WHERE d.delegation_id = ?1 AND (?2 IS NULL OR d.principal = ?2)",
                  error);
  if (stmt)
    {
      _svc_db_bind_text (stmt, 1, delegation_id);
      _svc_db_bind_text (stmt, 2, principal);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        d = delegation_from_row (stmt, with_documents);
      else if (rc != SQLITE_DONE)
        _svc_db_fail (self, error, "delegation");
    }
  g_mutex_unlock (&self->lock);
  return d;
}

const char *
svc_delegation_status (const SvcDelegation *d,
                       GDateTime *now)
{
  /* 委任の終了: from the time the representative named (a time that
   * cannot be read has come) */
  if (d->ended_at)
    {
      g_autoptr(GDateTime) ended = NULL;
      if (inj_date_parse_datetime (d->ended_at, &ended) != 0 || ended == NULL ||
          g_date_time_compare (ended, now) <= 0)
        return "terminated";
    }
  if (d->retired)
    return "retired";
  if (_svc_period_ended (d->end, now))
    return "expired";
  return "active";
}
