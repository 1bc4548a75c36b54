/* svc-service.h: what ininjo-service.c (options, daemon, plumbing) and
 * svc-handlers.c (the answers) share: the service, a request as it
 * arrives, and the reply being made. */
#pragma once

#include <json-glib/json-glib.h>
#include <microhttpd.h>

#include "svc-context.h"
#include "svc-front.h"
#include "svc-request.h"

G_BEGIN_DECLS

typedef struct {
  SvcContext ctx;

  /* options */
  int port;
  char *address;
  char *db_path;
  char *cert;
  char *key;
  char **client_cas;
  char **trust;
  char *record_cert;
  char *record_key;
  char *profile_name;
  char *public_url;
  char *pki;
  char *now;
  char *ready_file;
  int delay_ms;
  double fail_rate;
  gint64 seed;
  gboolean seeded;
  gboolean drop_after_body;
  gboolean tls13_only;
  int slow_body_ms;
  int verify_delay_ms;
  char **accounts;         /* --account STATEMENT.xml:CLIENTCERT.pem */
  char *confirm_accounts;  /* auto, manual */

  char *profile_json;
  GRand *rand;             /* --fail-rate draws, under rand_lock */
  GMutex rand_lock;
  char *client_trust_pem;  /* every --client-ca, for MHD_OPTION_HTTPS_MEM_TRUST */
  struct MHD_Daemon *daemon;
  SvcFront front;          /* --front-end-*: behind nginx (svc-front.c) */
  GMainLoop *loop;
} Service;

typedef struct {
  char *method;
  char *url;
  char *principal;     /* SHA-256 of the client certificate, hex */
  char *account;       /* the account it is bound to (svc_route), or NULL */
  GByteArray *body;
  gboolean too_large;
  gboolean answered;   /* a response was queued before the body was read */
  gboolean dropped;
  guint status;
  gint64 started;
} Request;

typedef struct {
  guint status;
  const char *content_type;
  char *body;
  char *location;
  char *allow;
  gboolean retry_after;
} Reply;

/* Answers the request whose body has been read: FALSE when it failed (the
 * reply is then a problem). */
gboolean svc_route           (Service *svc,
                              Request *req,
                              struct MHD_Connection *conn,
                              Reply *reply);
/* RFC 9457 problem details; @format makes the Japanese detail. FALSE, so
 * that a handler can end with it: the request failed. */
gboolean svc_reply_problem   (Reply *reply,
                              Request *req,
                              guint status,
                              const char *type,
                              const char *format,
                              ...) G_GNUC_PRINTF (5, 6);
void     svc_reply_clear     (Reply *reply);
/* GET /api/v1/profile's body, made once at start. */
char    *svc_build_profile   (Service *svc,
                              GError **error);

G_END_DECLS
