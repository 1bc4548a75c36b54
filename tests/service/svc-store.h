/* svc-store.h: the local service's database (SQLite, WAL): receipts,
 * stored delegations and idempotency keys. Every change is one
 * transaction, so a process killed at any point leaves either all of a
 * registration or none of it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SVC_STORE_ERROR (svc_store_error_quark ())
typedef enum {
  SVC_STORE_ERROR_DATABASE,
} SvcStoreError;
GQuark svc_store_error_quark (void);

typedef struct _SvcStore SvcStore;

typedef struct {
  char *receipt;
  char *principal;         /* the client certificate that sent it (SHA-256, hex) */
  char *account;           /* its account: the delegation's principal */
  char *delegation_id;
  char *supersedes;        /* a renewal: the ID it retires; else NULL */
  char *status;            /* received, stored, rejected */
  char *reason;            /* rejected: why, in Japanese */
  char *received_at;
  char *decided_at;
  char *record_payload;    /* stored: the SignedRecord, base64 */
  char *record_signature;
  GBytes *delegation;      /* svc_store_get_work() only */
  GBytes *submission;
} SvcReceipt;

typedef struct {
  char *delegation_id;
  char *principal;         /* the account */
  char *receipt;
  char *start;
  char *end;
  char *stored_at;
  char *supersedes;
  char *superseded_by;
  gboolean retired;
  char *agent_name;
  char *agent_address;
  char *agent_birth_date;
  char *digest;            /* base64 */
  char *record_payload;    /* base64 */
  char *record_signature;
  char *ended_at;          /* 委任の終了: when it ends or ended; else NULL */
  GBytes *delegation;      /* with_documents only */
  GBytes *submission;
} SvcDelegation;

typedef enum {
  SVC_REGISTER_NEW,            /* a new receipt */
  SVC_REGISTER_REPLAY,         /* the same key and request: the first receipt */
  SVC_REGISTER_KEY_CONFLICT,   /* the same key with another request */
  SVC_REGISTER_DUPLICATE_ID,   /* this 電子委任状ID is stored or being checked */
  SVC_REGISTER_NOT_FOUND,      /* renewal: no such delegation of this principal */
  SVC_REGISTER_RETIRED,        /* renewal: already retired */
  SVC_REGISTER_EXPIRED,        /* renewal: its period has ended */
  SVC_REGISTER_RENEWAL_PENDING,/* renewal: another renewal of it is being checked */
  SVC_REGISTER_TERMINATED,     /* renewal: its representative has ended it */
} SvcRegisterOutcome;

typedef struct {
  const char *principal;       /* the account */
  const char *client;          /* the client certificate's SHA-256 */
  const char *idempotency_key;
  const char *request_hash;
  const char *receipt;         /* the new receipt's ID */
  const char *delegation_id;
  const char *supersedes;      /* a renewal, or NULL */
  GBytes *delegation;
  GBytes *submission;
  const char *received_at;
  GDateTime *now;
} SvcRegistration;

SvcStore          *svc_store_open          (const char *path,
                                            GError **error);
void               svc_store_free          (SvcStore *store);

SvcRegisterOutcome svc_store_register      (SvcStore *store,
                                            const SvcRegistration *reg,
                                            SvcReceipt **receipt,
                                            GError **error);
/* @principal: the account */
SvcReceipt        *svc_store_get_receipt   (SvcStore *store,
                                            const char *principal,
                                            const char *receipt,
                                            GError **error);
SvcReceipt        *svc_store_get_work      (SvcStore *store,
                                            const char *receipt,
                                            GError **error);
GPtrArray         *svc_store_pending       (SvcStore *store,
                                            GError **error);
/* Stores @delegation (its receipt becomes stored) and retires what it
 * supersedes, unless that is no longer active: then the receipt is
 * rejected with @reason_if_gone. Returns the receipt's final status. */
char              *svc_store_decide_stored (SvcStore *store,
                                            const SvcDelegation *delegation,
                                            GDateTime *now,
                                            const char *reason_if_gone,
                                            GError **error);
gboolean           svc_store_decide_rejected (SvcStore *store,
                                            const char *receipt,
                                            const char *reason,
                                            const char *decided_at,
                                            GError **error);
GPtrArray         *svc_store_list          (SvcStore *store,
                                            const char *principal,
                                            GError **error);
/* @principal NULL: anyone's (the validity check). */
SvcDelegation     *svc_store_get_delegation(SvcStore *store,
                                            const char *principal,
                                            const char *delegation_id,
                                            gboolean with_documents,
                                            GError **error);

const char        *svc_delegation_status   (const SvcDelegation *delegation,
                                            GDateTime *now);

void               svc_receipt_free        (SvcReceipt *receipt);
void               svc_delegation_free     (SvcDelegation *delegation);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SvcStore, svc_store_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SvcReceipt, svc_receipt_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SvcDelegation, svc_delegation_free)

G_END_DECLS
