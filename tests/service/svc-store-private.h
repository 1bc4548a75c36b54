/* svc-store-private.h: what svc-store.c and svc-store-register.c share:
 * the connection and its lock, statements, transactions. Not for the rest
 * of the service. */
#pragma once

#include <sqlite3.h>

#include "svc-store.h"

G_BEGIN_DECLS

struct _SvcStore {
  sqlite3 *db;
  GMutex lock;  /* one connection; a transaction holds it from BEGIN to COMMIT */
};

/* Sets @error from SQLite's last message, prefixed with @what; FALSE. */
gboolean      _svc_db_fail         (SvcStore *self,
                                    GError **error,
                                    const char *what);
gboolean      _svc_db_exec         (SvcStore *self,
                                    const char *sql,
                                    GError **error);
sqlite3_stmt *_svc_db_prepare      (SvcStore *self,
                                    const char *sql,
                                    GError **error);
void          _svc_db_finalize     (sqlite3_stmt *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, _svc_db_finalize)

/* NULL binds NULL. */
void          _svc_db_bind_text    (sqlite3_stmt *stmt,
                                    int index,
                                    const char *text);
void          _svc_db_bind_bytes   (sqlite3_stmt *stmt,
                                    int index,
                                    GBytes *bytes);
char         *_svc_db_column_text  (sqlite3_stmt *stmt,
                                    int index);
GBytes       *_svc_db_column_bytes (sqlite3_stmt *stmt,
                                    int index);
/* Steps a statement whose rows do not matter to its end. */
gboolean      _svc_db_run          (SvcStore *self,
                                    sqlite3_stmt *stmt,
                                    GError **error);

/* BEGIN IMMEDIATE with the lock taken; commit or rollback releases it. */
gboolean      _svc_db_begin        (SvcStore *self,
                                    GError **error);
gboolean      _svc_db_commit       (SvcStore *self,
                                    GError **error);
void          _svc_db_rollback     (SvcStore *self);

/* Has the period ending at @end (ISO 8601) ended at @now? An end that
 * cannot be read has. */
gboolean      _svc_period_ended    (const char *end,
                                    GDateTime *now);

G_END_DECLS
