/* svc-store-account.h: the accounts of the local service (seed 000 §3):
 * each 基本情報 version with its signed statement, the client certificates
 * bound to an account (a renewed card's too), recipients (§5.2), the ends
 * of delegations (委任の終了), and every statement's Nonce (a replay is
 * refused). Each change is one transaction, the Nonce's insert with it. */
#pragma once

#include "svc-store.h"

G_BEGIN_DECLS

typedef struct {
  char *account_id;        /* A- and 16 of [0-9A-Z] */
  char *kind;              /* corporation, sole-proprietor */
  char *state;             /* pending, confirmed */
  int version;
  char *created_at;
  char *confirmed_at;
  GBytes *statement;       /* the signed statement of the current 基本情報 */
  GBytes *info;            /* its <AccountInfo> (inj_account_info_to_xml) */
} SvcAccount;

typedef struct {
  char *fingerprint;       /* SHA-256 of the client certificate, hex */
  char *bound_at;
} SvcBinding;

typedef struct {
  char *delegation_id;
  char *account_id;
  char *ended_at;
  char *record_payload;    /* base64 */
  char *record_signature;
} SvcTermination;

typedef enum {
  SVC_ACCOUNT_DONE,
  SVC_ACCOUNT_REPLAYED,     /* a Nonce seen before */
  SVC_ACCOUNT_BOUND,        /* the certificate is bound already (an account or a recipient) */
  SVC_ACCOUNT_NOT_FOUND,    /* no such account, or no such delegation of it */
  SVC_ACCOUNT_TERMINATED,   /* the delegation has ended already */
  SVC_ACCOUNT_FAILED,       /* @error set */
} SvcAccountOutcome;

/* A new account, 確認待ち unless @confirmed; @fingerprint bound to it. */
SvcAccountOutcome svc_store_account_create  (SvcStore *store,
                                             const char *account_id,
                                             const char *kind,
                                             GBytes *statement,
                                             GBytes *info,
                                             const char *nonce,
                                             const char *fingerprint,
                                             const char *now,
                                             gboolean confirmed,
                                             GError **error);
/* A new 基本情報 version (@to_pending: back to 確認待ち); with
 * @rebind_fingerprint, that certificate bound in the same transaction. */
SvcAccountOutcome svc_store_account_change  (SvcStore *store,
                                             const char *account_id,
                                             GBytes *statement,
                                             GBytes *info,
                                             const char *nonce,
                                             gboolean to_pending,
                                             const char *rebind_fingerprint,
                                             GBytes *rebind_statement,
                                             const char *rebind_nonce,
                                             const char *now,
                                             GError **error);
SvcAccountOutcome svc_store_account_bind    (SvcStore *store,
                                             const char *account_id,
                                             const char *fingerprint,
                                             GBytes *statement,
                                             const char *nonce,
                                             const char *now,
                                             GError **error);
/* 確認待ち → 確認済み (§3.1.3); FALSE with @error unset: no such account. */
gboolean          svc_store_account_confirm (SvcStore *store,
                                             const char *account_id,
                                             const char *now,
                                             GError **error);
/* NULL with @error unset: none. */
SvcAccount       *svc_store_account_get     (SvcStore *store,
                                             const char *account_id,
                                             GError **error);
SvcAccount       *svc_store_account_of      (SvcStore *store,
                                             const char *fingerprint,
                                             GError **error);
/* SvcBinding, oldest first. */
GPtrArray        *svc_store_account_bindings(SvcStore *store,
                                             const char *account_id,
                                             GError **error);

SvcAccountOutcome svc_store_recipient_create(SvcStore *store,
                                             const char *recipient_id,
                                             const char *fingerprint,
                                             GBytes *statement,
                                             const char *nonce,
                                             const char *now,
                                             GError **error);
/* The recipient ID bound to @fingerprint, or NULL (@error unset: none). */
char             *svc_store_recipient_of    (SvcStore *store,
                                             const char *fingerprint,
                                             GError **error);

/* Records the end of @delegation_id, a delegation of @account_id. */
SvcAccountOutcome svc_store_terminate       (SvcStore *store,
                                             const SvcTermination *end,
                                             GBytes *statement,
                                             const char *nonce,
                                             GError **error);
SvcTermination   *svc_store_termination     (SvcStore *store,
                                             const char *delegation_id,
                                             GError **error);

/* A new ID: @prefix and 16 of [0-9A-Z]. */
char             *svc_new_account_id        (const char *prefix);

void svc_account_free     (SvcAccount *account);
void svc_binding_free     (SvcBinding *binding);
void svc_termination_free (SvcTermination *termination);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SvcAccount, svc_account_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SvcTermination, svc_termination_free)

G_END_DECLS
