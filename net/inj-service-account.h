/* inj-service-account.h: the account's calls of the service client (seed
 * 000 §3 and §5.2): the 基本情報's registration and changes, the binding of
 * a renewed card, a recipient's registration, and the end of a delegation
 * before its period ends (委任の終了). Included by inj-service-client.h.
 *
 * Every call sends a statement the caller has signed (app/signature's
 * inj_statement_sign()) as it is, base64-encoded. None is sent again by
 * itself: the API gives these calls no Idempotency-Key, and the service
 * refuses a statement's second copy (INJ_NET_ERROR_REPLAYED_STATEMENT). A
 * failed connection leaves the caller to ask the account again
 * (inj_service_client_get_account) and to sign anew. The service's
 * problems of the account come as their own InjNetError codes, each with a
 * message in Japanese that says what to do. */
#pragma once

#include "inj-service-client.h"

G_BEGIN_DECLS

typedef struct {
  char *fingerprint;   /* SHA-256 of the client certificate, hex */
  char *bound_at;      /* date-time */
  gboolean current;    /* the certificate of the call that answered */
} InjAccountBinding;

/* The account as the service answers it. @info is the signed statement
 * (AccountRegistration or AccountChange) that set the current 基本情報,
 * decoded: app/service's inj_account_read_info() reads the 基本情報 from
 * it after verifying its signature (net/ knows nothing of the documents). */
typedef struct {
  char *id;             /* A- and 16 of [0-9A-Z] */
  char *state;          /* "pending" (確認待ち) or "confirmed" (確認済み) */
  char *kind;           /* "corporation" or "sole-proprietor" */
  gint64 version;       /* 0 when the service does not say */
  GBytes *info;
  GPtrArray *bindings;  /* InjAccountBinding, in the service's order */
} InjAccount;

void        inj_account_free          (InjAccount *account);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (InjAccount, inj_account_free)
gboolean    inj_account_is_confirmed  (const InjAccount *account);

/* POST /api/v1/account: @statement is a signed AccountRegistration; the
 * calling certificate is bound to the new account (確認待ち). */
InjAccount *inj_service_client_register_account (InjServiceClient *self,
                                                 GBytes *statement,
                                                 GCancellable *cancellable,
                                                 GError **error);
/* GET /api/v1/account: the account of the calling certificate
 * (INJ_NET_ERROR_NO_ACCOUNT when it is bound to none). */
InjAccount *inj_service_client_get_account      (InjServiceClient *self,
                                                 GCancellable *cancellable,
                                                 GError **error);
/* PUT /api/v1/account: @statement is a signed AccountChange; @rebinding
 * (NULL, or a Rebinding signed with the same card) binds the calling
 * certificate in the same step: a moved representative's new card. */
InjAccount *inj_service_client_change_account   (InjServiceClient *self,
                                                 GBytes *statement,
                                                 GBytes *rebinding,
                                                 GCancellable *cancellable,
                                                 GError **error);
/* POST /api/v1/account/bindings: @statement is a Rebinding signed with the
 * renewed card, naming the SHA-256 of its authentication certificate (the
 * certificate of this call). */
InjAccount *inj_service_client_bind_certificate (InjServiceClient *self,
                                                 GBytes *statement,
                                                 GCancellable *cancellable,
                                                 GError **error);
/* POST /api/v1/recipients: @statement is a signed RecipientRegistration.
 * Returns recipientId and registeredAt. */
JsonObject *inj_service_client_register_recipient (InjServiceClient *self,
                                                   GBytes *statement,
                                                   GCancellable *cancellable,
                                                   GError **error);
/* POST /api/v1/delegations/{id}/termination: @statement is a signed
 * Termination naming @delegation_id. Returns delegationId, endedAt and the
 * service's signed record. */
JsonObject *inj_service_client_terminate_delegation (InjServiceClient *self,
                                                     const char *delegation_id,
                                                     GBytes *statement,
                                                     GCancellable *cancellable,
                                                     GError **error);

/* Async: run on the client's worker in order with its other calls, as
 * the delegation's calls are; arguments as for the blocking call. The
 * account's calls finish with inj_service_client_account_finish(), the
 * recipient's and the termination with inj_service_client_call_finish(). */
void        inj_service_client_register_account_async (InjServiceClient *self,
                                                       GBytes *statement,
                                                       GCancellable *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer user_data);
void        inj_service_client_get_account_async      (InjServiceClient *self,
                                                       GCancellable *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer user_data);
void        inj_service_client_change_account_async   (InjServiceClient *self,
                                                       GBytes *statement,
                                                       GBytes *rebinding,
                                                       GCancellable *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer user_data);
void        inj_service_client_bind_certificate_async (InjServiceClient *self,
                                                       GBytes *statement,
                                                       GCancellable *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer user_data);
InjAccount *inj_service_client_account_finish         (InjServiceClient *self,
                                                       GAsyncResult *result,
                                                       GError **error);
void        inj_service_client_register_recipient_async (InjServiceClient *self,
                                                         GBytes *statement,
                                                         GCancellable *cancellable,
                                                         GAsyncReadyCallback callback,
                                                         gpointer user_data);
void        inj_service_client_terminate_delegation_async (InjServiceClient *self,
                                                           const char *delegation_id,
                                                           GBytes *statement,
                                                           GCancellable *cancellable,
                                                           GAsyncReadyCallback callback,
                                                           gpointer user_data);

/* The service's counter-signature (a SignedRecord of the API: a validity
 * answer's, a termination's, a stored delegation's): its certificate must
 * be issued by the service CA of the client's configuration and valid
 * now, and its RSA PKCS#1 v1.5 SHA-256 signature must cover the payload.
 * Returns the payload (a JSON object), or NULL with INJ_NET_ERROR_PROTOCOL
 * saying what did not hold. The caller compares the payload with the
 * answer it came with. */
JsonObject *inj_service_client_verify_record (InjServiceClient *self,
                                              JsonObject *record,
                                              GError **error);

G_END_DECLS
