/* svc-store-account.c: accounts, bindings, recipients, terminations and
 * the statements' Nonces (svc-store-account.h), each change in one
 * transaction. */
#include "config.h"

#include <string.h>
#include <gnutls/crypto.h>
#include <sqlite3.h>

#include "svc-store-account.h"
#include "svc-store-private.h"

char *
svc_new_account_id (const char *prefix)
{
  static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  guint8 random[16];
  GString *id = g_string_new (prefix);

  if (gnutls_rnd (GNUTLS_RND_NONCE, random, sizeof random) < 0)
    g_error ("no random numbers");
  for (guint i = 0; i < sizeof random; i++)
    g_string_append_c (id, alphabet[random[i] % 36]);
  return g_string_free (id, FALSE);
}

void
svc_account_free (SvcAccount *a)
{
  if (a == NULL)
    return;
  g_free (a->account_id);
  g_free (a->kind);
  g_free (a->state);
  g_free (a->created_at);
  g_free (a->confirmed_at);
  g_clear_pointer (&a->statement, g_bytes_unref);
  g_clear_pointer (&a->info, g_bytes_unref);
  g_free (a);
}

void
svc_binding_free (SvcBinding *b)
{
  if (b == NULL)
    return;
  g_free (b->fingerprint);
  g_free (b->bound_at);
  g_free (b);
}

void
svc_termination_free (SvcTermination *t)
{
  if (t == NULL)
    return;
  g_free (t->delegation_id);
  g_free (t->account_id);
  g_free (t->ended_at);
  g_free (t->record_payload);
  g_free (t->record_signature);
  g_free (t);
}

/* ------------------------------------------------------------ helpers */

/* Called in a transaction: one row for @sql with @a (and @b)? */
static gboolean
row_exists (SvcStore *self,
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

/* Runs @sql with text parameters (NULL ends them; a GBytes is not text:
 * see run_blob). */
static gboolean
run_texts (SvcStore *self,
           const char *sql,
           GError **error,
           ...)
{
  g_autoptr(sqlite3_stmt) stmt = _svc_db_prepare (self, sql, error);
  va_list args;
  const char *text;
  int i = 1;

  if (stmt == NULL)
    return FALSE;
  va_start (args, error);
  while ((text = va_arg (args, const char *)) != (const char *) -1)
    _svc_db_bind_text (stmt, i++, text);
  va_end (args);
  return _svc_db_run (self, stmt, error);
}
#define END_TEXTS ((const char *) -1)

/* Called in a transaction: remembers @nonce; FALSE with *replayed when it
 * was seen before. */
static gboolean
remember_nonce (SvcStore *self,
                const char *nonce,
                gboolean *replayed,
                GError **error)
{
  if (!row_exists (self, "SELECT 1 FROM nonces WHERE nonce = ?1", nonce, NULL, replayed, error))
    return FALSE;
  if (*replayed)
    return FALSE;
  return run_texts (self, "INSERT INTO nonces (nonce) VALUES (?1)", error, nonce, END_TEXTS);
}

/* Called in a transaction: is @fingerprint bound to an account? (A
 * business may be a recipient as well: the two are apart.) */
static gboolean
fingerprint_bound (SvcStore *self,
                   const char *fingerprint,
                   gboolean *bound,
                   GError **error)
{
  return row_exists (self, "SELECT 1 FROM bindings WHERE fingerprint = ?1", fingerprint, NULL,
                     bound, error);
}

static gboolean
insert_info (SvcStore *self,
             const char *account_id,
             int version,
             GBytes *statement,
             GBytes *info,
             const char *now,
             GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = _svc_db_prepare (self, "INSERT INTO account_info (account_id, "
                                                  "version, statement, stored_at, info) "
                                                  "VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return FALSE;
  _svc_db_bind_text (stmt, 1, account_id);
  sqlite3_bind_int (stmt, 2, version);
  _svc_db_bind_bytes (stmt, 3, statement);
  _svc_db_bind_text (stmt, 4, now);
  _svc_db_bind_bytes (stmt, 5, info);
  return _svc_db_run (self, stmt, error);
}

static gboolean
insert_binding (SvcStore *self,
                const char *account_id,
                const char *fingerprint,
                GBytes *statement,
                const char *now,
                GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = _svc_db_prepare (self, "INSERT INTO bindings (account_id, "
                                                  "fingerprint, statement, bound_at) "
                                                  "VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  _svc_db_bind_text (stmt, 1, account_id);
  _svc_db_bind_text (stmt, 2, fingerprint);
  if (statement)
    _svc_db_bind_bytes (stmt, 3, statement);
  _svc_db_bind_text (stmt, 4, now);
  return _svc_db_run (self, stmt, error);
}

/* Ends a transaction by its outcome: DONE commits, the others roll back. */
static SvcAccountOutcome
finish (SvcStore *self,
        SvcAccountOutcome outcome,
        GError **error)
{
  if (outcome != SVC_ACCOUNT_DONE)
    {
      _svc_db_rollback (self);
      return outcome;
    }
  return _svc_db_commit (self, error) ? SVC_ACCOUNT_DONE : SVC_ACCOUNT_FAILED;
}

/* ------------------------------------------------------------ accounts */

SvcAccountOutcome
svc_store_account_create (SvcStore *self,
                          const char *account_id,
                          const char *kind,
                          GBytes *statement,
                          GBytes *info,
                          const char *nonce,
                          const char *fingerprint,
                          const char *now,
                          gboolean confirmed,
                          GError **error)
{
  gboolean bound = FALSE, replayed = FALSE;

  if (!_svc_db_begin (self, error))
    return SVC_ACCOUNT_FAILED;
  if (!fingerprint_bound (self, fingerprint, &bound, error))
    return finish (self, SVC_ACCOUNT_FAILED, NULL);
  if (bound)
    return finish (self, SVC_ACCOUNT_BOUND, NULL);
  if (!remember_nonce (self, nonce, &replayed, error))
    return finish (self, replayed ? SVC_ACCOUNT_REPLAYED : SVC_ACCOUNT_FAILED, NULL);
  if (!run_texts (self, "INSERT INTO accounts (account_id, kind, state, version, created_at, "
                        "confirmed_at) VALUES (?1, ?2, ?3, 1, ?4, ?5)", error,
                  account_id, kind, confirmed ? "confirmed" : "pending", now,
                  confirmed ? now : NULL, END_TEXTS) ||
      !insert_info (self, account_id, 1, statement, info, now, error) ||
      !insert_binding (self, account_id, fingerprint, NULL, now, error))
    return finish (self, SVC_ACCOUNT_FAILED, NULL);
  return finish (self, SVC_ACCOUNT_DONE, error);
}

SvcAccountOutcome
svc_store_account_change (SvcStore *self,
                          const char *account_id,
                          GBytes *statement,
                          GBytes *info,
                          const char *nonce,
                          gboolean to_pending,
                          const char *rebind_fingerprint,
                          GBytes *rebind_statement,
                          const char *rebind_nonce,
                          const char *now,
                          GError **error)
{
  g_autoptr(sqlite3_stmt) version = NULL;
  gboolean found = FALSE, bound = FALSE, replayed = FALSE;
  int next;

  if (!_svc_db_begin (self, error))
    return SVC_ACCOUNT_FAILED;
  if (!row_exists (self, "SELECT 1 FROM accounts WHERE account_id = ?1", account_id, NULL,
                   &found, error))
    return finish (self, SVC_ACCOUNT_FAILED, NULL);
  if (!found)
    return finish (self, SVC_ACCOUNT_NOT_FOUND, NULL);
  if (rebind_fingerprint && !fingerprint_bound (self, rebind_fingerprint, &bound, error))
    return finish (self, SVC_ACCOUNT_FAILED, NULL);
  if (bound)
    return finish (self, SVC_ACCOUNT_BOUND, NULL);
  if (!remember_nonce (self, nonce, &replayed, error) ||
      (rebind_nonce && !remember_nonce (self, rebind_nonce, &replayed, error)))
    return finish (self, replayed ? SVC_ACCOUNT_REPLAYED : SVC_ACCOUNT_FAILED, NULL);

  version = _svc_db_prepare (self, "SELECT version FROM accounts WHERE account_id = ?1", error);
  if (version == NULL)
    return finish (self, SVC_ACCOUNT_FAILED, NULL);
  _svc_db_bind_text (version, 1, account_id);
  if (sqlite3_step (version) != SQLITE_ROW)
    {
      _svc_db_fail (self, error, "version");
      return finish (self, SVC_ACCOUNT_FAILED, NULL);
    }
  next = sqlite3_column_int (version, 0) + 1;
  {
    g_autofree char *next_text = g_strdup_printf ("%d", next);
    if (!insert_info (self, account_id, next, statement, info, now, error) ||
        !run_texts (self, "UPDATE accounts SET version = CAST(?2 AS INTEGER) WHERE account_id = ?1",
                    error, account_id, next_text, END_TEXTS) ||
        (to_pending &&
         !run_texts (self, "UPDATE accounts SET state = 'pending', confirmed_at = NULL "
                           "WHERE account_id = ?1", error, account_id, END_TEXTS)) ||
        (rebind_fingerprint &&
         !insert_binding (self, account_id, rebind_fingerprint, rebind_statement, now, error)))
      return finish (self, SVC_ACCOUNT_FAILED, NULL);
  }
  return finish (self, SVC_ACCOUNT_DONE, error);
}

SvcAccountOutcome
svc_store_account_bind (SvcStore *self,
                        const char *account_id,
                        const char *fingerprint,
                        GBytes *statement,
                        const char *nonce,
                        const char *now,
                        GError **error)
{
  gboolean found = FALSE, bound = FALSE, replayed = FALSE;

  if (!_svc_db_begin (self, error))
    return SVC_ACCOUNT_FAILED;
  if (!row_exists (self, "SELECT 1 FROM accounts WHERE account_id = ?1", account_id, NULL,
                   &found, error) ||
      !fingerprint_bound (self, fingerprint, &bound, error))
    return finish (self, SVC_ACCOUNT_FAILED, NULL);
  if (!found)
    return finish (self, SVC_ACCOUNT_NOT_FOUND, NULL);
  if (bound)
    return finish (self, SVC_ACCOUNT_BOUND, NULL);
  if (!remember_nonce (self, nonce, &replayed, error))
    return finish (self, replayed ? SVC_ACCOUNT_REPLAYED : SVC_ACCOUNT_FAILED, NULL);
  if (!insert_binding (self, account_id, fingerprint, statement, now, error))
    return finish (self, SVC_ACCOUNT_FAILED, NULL);
  return finish (self, SVC_ACCOUNT_DONE, error);
}

gboolean
svc_store_account_confirm (SvcStore *self,
                           const char *account_id,
                           const char *now,
                           GError **error)
{
  gboolean found = FALSE;

  if (!_svc_db_begin (self, error))
    return FALSE;
  if (!row_exists (self, "SELECT 1 FROM accounts WHERE account_id = ?1", account_id, NULL,
                   &found, error) ||
      !found ||
      !run_texts (self, "UPDATE accounts SET state = 'confirmed', confirmed_at = ?2 "
                        "WHERE account_id = ?1 AND state = 'pending'", error,
                  account_id, now, END_TEXTS))
    {
      _svc_db_rollback (self);
      return FALSE;
    }
  return _svc_db_commit (self, error);
}

#define ACCOUNT_SELECT \
  "SELECT a.account_id, a.kind, a.state, a.version, a.created_at, a.confirmed_at, i.statement, i.info " \
  "FROM accounts a JOIN account_info i ON i.account_id = a.account_id AND i.version = a.version "

static SvcAccount *
account_query (SvcStore *self,
               const char *sql,
               const char *key,
               GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  SvcAccount *a = NULL;
  int rc;

  g_mutex_lock (&self->lock);
  stmt = _svc_db_prepare (self, sql, error);
  if (stmt)
    {
      _svc_db_bind_text (stmt, 1, key);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          a = g_new0 (SvcAccount, 1);
          a->account_id = _svc_db_column_text (stmt, 0);
          a->kind = _svc_db_column_text (stmt, 1);
          a->state = _svc_db_column_text (stmt, 2);
          a->version = sqlite3_column_int (stmt, 3);
          a->created_at = _svc_db_column_text (stmt, 4);
          a->confirmed_at = _svc_db_column_text (stmt, 5);
          a->statement = _svc_db_column_bytes (stmt, 6);
          a->info = _svc_db_column_bytes (stmt, 7);
        }
      else if (rc != SQLITE_DONE)
        _svc_db_fail (self, error, "account");
    }
  g_mutex_unlock (&self->lock);
  return a;
}

SvcAccount *
svc_store_account_get (SvcStore *self,
                       const char *account_id,
                       GError **error)
{
  return account_query (self, ACCOUNT_SELECT "WHERE a.account_id = ?1", account_id, error);
}

SvcAccount *
svc_store_account_of (SvcStore *self,
                      const char *fingerprint,
                      GError **error)
{
  return account_query (self, ACCOUNT_SELECT "JOIN bindings b ON b.account_id = a.account_id "
                              "WHERE b.fingerprint = ?1", fingerprint, error);
}

GPtrArray *
svc_store_account_bindings (SvcStore *self,
                            const char *account_id,
                            GError **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) svc_binding_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_mutex_lock (&self->lock);
  stmt = _svc_db_prepare (self, "SELECT fingerprint, bound_at FROM bindings WHERE account_id = ?1 "
                                "ORDER BY rowid", error);
  if (stmt == NULL)
    {
      g_mutex_unlock (&self->lock);
      return NULL;
    }
  _svc_db_bind_text (stmt, 1, account_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SvcBinding *b = g_new0 (SvcBinding, 1);
      b->fingerprint = _svc_db_column_text (stmt, 0);
      b->bound_at = _svc_db_column_text (stmt, 1);
      g_ptr_array_add (items, b);
    }
  if (rc != SQLITE_DONE)
    {
      _svc_db_fail (self, error, "bindings");
      g_mutex_unlock (&self->lock);
      return NULL;
    }
  g_mutex_unlock (&self->lock);
  return g_steal_pointer (&items);
}

/* ---------------------------------------------------------- recipients */

SvcAccountOutcome
svc_store_recipient_create (SvcStore *self,
                            const char *recipient_id,
                            const char *fingerprint,
                            GBytes *statement,
                            const char *nonce,
                            const char *now,
                            GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean bound = FALSE, replayed = FALSE;

  if (!_svc_db_begin (self, error))
    return SVC_ACCOUNT_FAILED;
  if (!row_exists (self, "SELECT 1 FROM recipients WHERE fingerprint = ?1", fingerprint, NULL,
                   &bound, error))
    return finish (self, SVC_ACCOUNT_FAILED, NULL);
  if (bound)
    return finish (self, SVC_ACCOUNT_BOUND, NULL);
  if (!remember_nonce (self, nonce, &replayed, error))
    return finish (self, replayed ? SVC_ACCOUNT_REPLAYED : SVC_ACCOUNT_FAILED, NULL);
  stmt = _svc_db_prepare (self, "INSERT INTO recipients (recipient_id, fingerprint, statement, "
                                "registered_at) VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return finish (self, SVC_ACCOUNT_FAILED, NULL);
  _svc_db_bind_text (stmt, 1, recipient_id);
  _svc_db_bind_text (stmt, 2, fingerprint);
  _svc_db_bind_bytes (stmt, 3, statement);
  _svc_db_bind_text (stmt, 4, now);
  if (!_svc_db_run (self, stmt, error))
    return finish (self, SVC_ACCOUNT_FAILED, NULL);
  return finish (self, SVC_ACCOUNT_DONE, error);
}

char *
svc_store_recipient_of (SvcStore *self,
                        const char *fingerprint,
                        GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  char *id = NULL;
  int rc;

  g_mutex_lock (&self->lock);
  stmt = _svc_db_prepare (self, "SELECT recipient_id FROM recipients WHERE fingerprint = ?1", error);
  if (stmt)
    {
      _svc_db_bind_text (stmt, 1, fingerprint);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        id = _svc_db_column_text (stmt, 0);
      else if (rc != SQLITE_DONE)
        _svc_db_fail (self, error, "recipient");
    }
  g_mutex_unlock (&self->lock);
  return id;
}

/* -------------------------------------------------------- terminations */

SvcAccountOutcome
svc_store_terminate (SvcStore *self,
                     const SvcTermination *end,
                     GBytes *statement,
                     const char *nonce,
                     GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean found = FALSE, ended = FALSE, replayed = FALSE;

  if (!_svc_db_begin (self, error))
    return SVC_ACCOUNT_FAILED;
  if (!row_exists (self, "SELECT 1 FROM delegations WHERE delegation_id = ?1 AND principal = ?2",
                   end->delegation_id, end->account_id, &found, error) ||
      !row_exists (self, "SELECT 1 FROM terminations WHERE delegation_id = ?1",
                   end->delegation_id, NULL, &ended, error))
    return finish (self, SVC_ACCOUNT_FAILED, NULL);
  if (!found)
    return finish (self, SVC_ACCOUNT_NOT_FOUND, NULL);
  if (ended)
    return finish (self, SVC_ACCOUNT_TERMINATED, NULL);
  if (!remember_nonce (self, nonce, &replayed, error))
    return finish (self, replayed ? SVC_ACCOUNT_REPLAYED : SVC_ACCOUNT_FAILED, NULL);
  stmt = _svc_db_prepare (self, "INSERT INTO terminations (delegation_id, account_id, statement, "
                                "ended_at, record_payload, record_signature) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return finish (self, SVC_ACCOUNT_FAILED, NULL);
  _svc_db_bind_text (stmt, 1, end->delegation_id);
  _svc_db_bind_text (stmt, 2, end->account_id);
  _svc_db_bind_bytes (stmt, 3, statement);
  _svc_db_bind_text (stmt, 4, end->ended_at);
  _svc_db_bind_text (stmt, 5, end->record_payload);
  _svc_db_bind_text (stmt, 6, end->record_signature);
  if (!_svc_db_run (self, stmt, error))
    return finish (self, SVC_ACCOUNT_FAILED, NULL);
  return finish (self, SVC_ACCOUNT_DONE, error);
}

SvcTermination *
svc_store_termination (SvcStore *self,
                       const char *delegation_id,
                       GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  SvcTermination *t = NULL;
  int rc;

  g_mutex_lock (&self->lock);
  stmt = _svc_db_prepare (self, "SELECT delegation_id, account_id, ended_at, record_payload, "
                                "record_signature FROM terminations WHERE delegation_id = ?1", error);
  if (stmt)
    {
      _svc_db_bind_text (stmt, 1, delegation_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          t = g_new0 (SvcTermination, 1);
          t->delegation_id = _svc_db_column_text (stmt, 0);
          t->account_id = _svc_db_column_text (stmt, 1);
          t->ended_at = _svc_db_column_text (stmt, 2);
          t->record_payload = _svc_db_column_text (stmt, 3);
          t->record_signature = _svc_db_column_text (stmt, 4);
        }
      else if (rc != SQLITE_DONE)
        _svc_db_fail (self, error, "termination");
    }
  g_mutex_unlock (&self->lock);
  return t;
}
