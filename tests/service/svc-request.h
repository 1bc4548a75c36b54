/* svc-request.h: what a request to ininjo-service asks (the route, the
 * IDs, and for a registration its headers and JSON body with the
 * delegation's ID), read from its bytes alone: no store, no TLS, so that
 * tests/fuzz reads requests as the service does. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  SVC_CALL_PROFILE,
  SVC_CALL_LIST,
  SVC_CALL_REGISTER,
  SVC_CALL_RENEW,
  SVC_CALL_GET,
  SVC_CALL_RECEIPT,
  SVC_CALL_VALIDITY,
  /* issue 16: the account (seed 000 §3), recipients (§5.2), 委任の終了 */
  SVC_CALL_ACCOUNT_GET,
  SVC_CALL_ACCOUNT_REGISTER,
  SVC_CALL_ACCOUNT_CHANGE,
  SVC_CALL_ACCOUNT_BIND,
  SVC_CALL_RECIPIENT_REGISTER,
  SVC_CALL_TERMINATE,
} SvcCall;

typedef struct {
  SvcCall call;
  char *id;              /* GET, VALIDITY, TERMINATE: the delegation ID; RECEIPT: the
                          * receipt; RENEW: the ID renewed */
  /* REGISTER and RENEW */
  char *idempotency_key; /* a UUID, lower-cased */
  GBytes *delegation;    /* the documents, decoded */
  GBytes *submission;
  char *delegation_id;   /* the delegation's 電子委任状ID */
  char *supersedes;      /* and the ID it renews, if any */
  /* the account's calls: the signed statements, decoded (not yet read) */
  GBytes *statement;
  GBytes *rebinding;     /* ACCOUNT_CHANGE from a certificate not yet bound */
} SvcRequest;

/* A request refused before anything is looked up: a 4xx status, the
 * problem's type (after urn:ininjo:problem:), the detail (Japanese), and
 * for 405 the methods allowed. */
typedef struct {
  guint status;
  const char *type;
  char *detail;
  const char *allow;
} SvcRefusal;

/* @idempotency_key and @content_type are the headers (NULL when absent);
 * @body the request's body (NULL or empty without one). @app_lock, when
 * given, is held while the app library reads the delegation. FALSE with
 * @refusal set when the request cannot be served. */
gboolean svc_request_parse   (const char *method,
                              const char *url,
                              const char *idempotency_key,
                              const char *content_type,
                              const guint8 *body,
                              gsize body_length,
                              GMutex *app_lock,
                              SvcRequest *request,
                              SvcRefusal *refusal);
void     svc_request_clear   (SvcRequest *request);
void     svc_refusal_clear   (SvcRefusal *refusal);

gboolean svc_is_uuid          (const char *s);
gboolean svc_is_delegation_id (const char *s);
gboolean svc_is_receipt_id    (const char *s);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SvcRequest, svc_request_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SvcRefusal, svc_refusal_clear)

G_END_DECLS
