/* inj-net-private.h: what the files of net/ share and nothing outside sees.
 * InjHttp is the transport (one libcurl handle and its connection, TLS,
 * retries); InjServiceClient builds the API on it. */
#pragma once

#include <gio/gio.h>

#include "inj-service-client.h"

G_BEGIN_DECLS

/* ---------------------------------------------------------------- errors */

void      inj_net_set_error          (GError **error,
                                      InjNetError code,
                                      guint http_status,
                                      const char *problem_type,
                                      const char *format,
                                      ...) G_GNUC_PRINTF (5, 6);
void      inj_net_error_set_attempts (GError *error,
                                      guint attempts);
char     *inj_net_sanitize           (const char *text,
                                      gssize length,
                                      gsize max_chars);

/* An error page of a TLS front end (inj-front-end.c): TRUE with @error
 * set when @status and @body are one, FALSE for anything else. @who is the
 * service's authority; @upload when a registration was sent. */
gboolean  inj_front_end_error        (const char *who,
                                      InjClientKeyKind key_kind,
                                      gboolean upload,
                                      guint status,
                                      GBytes *body,
                                      GError **error);

/* A Retry-After header's @value (delta-seconds, or an HTTP date already
 * parsed into @date, seconds since the epoch, 0 when it is none): FALSE
 * when it asks for more than @max_ms, else TRUE with the wait in *ms (0
 * when there is none or it cannot be read). */
gboolean  inj_net_retry_after        (const char *value,
                                      gint64 date,
                                      guint max_ms,
                                      guint *ms);

/* ---------------------------------------------------------------- PIN */

/* The card's PIN for one call: locked in RAM where allowed, wiped when
 * freed. */
typedef struct _InjNetPin InjNetPin;

InjNetPin  *inj_net_pin_new   (const char *value,
                               gsize length);
const char *inj_net_pin_get   (const InjNetPin *pin);
void        inj_net_pin_free  (InjNetPin *pin);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (InjNetPin, inj_net_pin_free)

/* ---------------------------------------------------------------- TLS policy */

/* The crypto policy in one place (security.md item 3). @session is a
 * gnutls_session_t after its handshake; returns FALSE with a description
 * of what was negotiated when it is not acceptable. */
gboolean    inj_tls_policy_check      (gpointer session,
                                       char **refused);
char       *inj_tls_policy_describe   (gpointer session);
const char *inj_tls_policy_priority   (InjClientKeyKind kind);

/* ---------------------------------------------------------------- transport */

typedef struct _InjHttp InjHttp;

typedef struct {
  const char *method;          /* "GET", "POST" or "PUT" */
  const char *path;            /* "/api/v1/…", already checked */
  const char *what;            /* for messages: the call, e.g. "profile" */
  GBytes *body;                /* JSON, for POST */
  const char *idempotency_key; /* for POST */
  gboolean repeatable;         /* GET, or POST with an Idempotency-Key */
} InjHttpRequest;

typedef struct {
  guint status;
  char *content_type;
  char *location;
  GBytes *body;
} InjHttpResponse;

void inj_http_response_clear (InjHttpResponse *response);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (InjHttpResponse, inj_http_response_clear)

typedef InjNetPin *(*InjHttpAskPin)   (gpointer user_data,
                                       GCancellable *cancellable,
                                       GError **error);
typedef void       (*InjHttpProgress) (gpointer user_data,
                                       double fraction);

InjHttp    *inj_http_new             (const InjServiceConfig *config,
                                      GError **error);
void        inj_http_free            (InjHttp *http);
gboolean    inj_http_perform         (InjHttp *http,
                                      const InjHttpRequest *request,
                                      InjHttpResponse *response,
                                      InjHttpAskPin ask_pin,
                                      InjHttpProgress progress,
                                      gpointer user_data,
                                      GCancellable *cancellable,
                                      GError **error);
const char *inj_http_get_authority   (InjHttp *http);
const char *inj_http_get_service_ca  (InjHttp *http);
InjClientKeyKind inj_http_get_key_kind (InjHttp *http);
guint       inj_http_get_handshakes  (InjHttp *http);
const char *inj_http_get_tls_version (InjHttp *http);
char       *inj_http_dup_tls_summary (InjHttp *http);
char       *inj_http_dup_server_certificate (InjHttp *http);
gboolean    inj_http_get_clock_offset (InjHttp *http,
                                       gint64 *offset);
guint       inj_http_get_last_attempts (InjHttp *http);
guint64     inj_http_get_bytes_sent  (InjHttp *http);
void        inj_http_disconnect      (InjHttp *http);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (InjHttp, inj_http_free)

/* ---------------------------------------------------------------- the API */

/* The calls in the API's order (tests/fuzz count on it). */
typedef enum {
  INJ_SERVICE_CALL_PROFILE,
  INJ_SERVICE_CALL_REGISTER,
  INJ_SERVICE_CALL_RENEW,
  INJ_SERVICE_CALL_RECEIPT,
  INJ_SERVICE_CALL_LIST,
  INJ_SERVICE_CALL_GET,
  INJ_SERVICE_CALL_VALIDITY,
  /* the account (inj-service-account.c); after the delegation's calls so
   * that their numbers stay (tests/fuzz reads only the first seven) */
  INJ_SERVICE_CALL_ACCOUNT_REGISTER,
  INJ_SERVICE_CALL_ACCOUNT_GET,
  INJ_SERVICE_CALL_ACCOUNT_CHANGE,
  INJ_SERVICE_CALL_ACCOUNT_BIND,
  INJ_SERVICE_CALL_RECIPIENT_REGISTER,
  INJ_SERVICE_CALL_TERMINATE,
} InjServiceCallKind;
#define INJ_SERVICE_N_CALLS 7       /* the delegation's calls */
#define INJ_SERVICE_N_ALL_CALLS 13  /* and the account's */

/* One API call with its arguments: what the blocking functions build on
 * the stack (borrowing the caller's) and the async ones copy for the
 * worker. */
typedef struct {
  InjServiceCallKind kind;
  char *id;              /* the old ID, the receipt or the delegation ID */
  GBytes *delegation;
  GBytes *submission;
  char *idempotency_key;
  GBytes *statement;     /* the account's calls: a signed statement */
  GBytes *rebinding;     /* a change's optional re-binding statement */
} InjServiceCall;

InjServiceCall *_inj_service_call_copy (const InjServiceCall *call);
void            _inj_service_call_free (InjServiceCall *call);

/* The request that makes @call, after its arguments are checked against
 * the API (G_IO_ERROR_INVALID_ARGUMENT when they do not match): @request
 * points into @call, *@path and *@body (owned by the caller). */
gboolean    _inj_service_call_prepare   (const InjServiceCall *call,
                                         InjHttpRequest *request,
                                         char **path,
                                         GBytes **body,
                                         GError **error);

/* What @call makes of @response from @who: the answer, checked against
 * the API's required members, or NULL with the error it gives. */
JsonObject *_inj_service_call_interpret (const char *who,
                                         InjClientKeyKind key_kind,
                                         const InjServiceCall *call,
                                         const InjHttpResponse *response,
                                         GError **error);

/* The service CA file of the client's configuration. */
const char *_inj_service_client_get_service_ca (InjServiceClient *self);

/* One call, blocking, under the client's lock (inj-service-client.c). */
JsonObject *_inj_service_client_perform (InjServiceClient *self,
                                         const InjServiceCall *call,
                                         GCancellable *cancellable,
                                         GError **error);

/* The same on the client's worker, in order (the _async calls); the
 * arguments are copied. The task's result is the answer (JsonObject). */
void        _inj_service_client_queue   (InjServiceClient *self,
                                         const InjServiceCall *call,
                                         gpointer source_tag,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data);

/* The account's problem types (urn:ininjo:problem:…) as InjNetError codes
 * with a message that says what to do; FALSE for any other type. */
gboolean    _inj_service_account_problem (const char *type,
                                          InjNetError *code,
                                          const char **message);

/* The JSON body of a statement's call: {"statement": base64} and, for a
 * change from a renewed card, "rebinding" (inj-service-account.c). */
GBytes     *_inj_service_account_body    (GBytes *statement,
                                          GBytes *rebinding);
/* What an answer of the account's calls must hold: NULL, or why not. */
char       *_inj_service_account_check_answer (const InjServiceCall *call,
                                               JsonObject *answer);

/* The same for tests/fuzz: @call is the call's number in the API's order,
 * 0 profile, 1 register, 2 renew, 3 receipt, 4 list, 5 get, 6 validity,
 * then the account's (InjServiceCallKind); @id the receipt or delegation
 * ID it asked about. */
JsonObject *_inj_service_client_interpret (guint call,
                                           const char *id,
                                           InjClientKeyKind key_kind,
                                           const InjHttpResponse *response,
                                           GError **error);

G_END_DECLS
