/* inj-http-private.h: the transport's handle as its three files share it.
 * inj-http.c makes the handle (configuration, libcurl's callbacks, what it
 * tells of the last transfer); inj-http-request.c sends one request, with
 * its attempts, the card's PIN and the waits between them;
 * inj-http-failure.c says what a failed attempt means. */
#pragma once

#include <curl/curl.h>

#include "inj-net-private.h"

G_BEGIN_DECLS

/* Larger than any answer of the API (a stored delegation carries two
 * documents of at most 1 MiB each, in base64). */
#define MAX_RESPONSE_BYTES        (32 * 1024 * 1024)
/* libcurl's own default; kept here because the PIN logic predicts reuse. */
#define MAX_CONNECTION_AGE_S      118

struct _InjHttp {
  InjClientKeyKind key_kind;
  char *signer_url;         /* INJ_CLIENT_KEY_SIGNER: the ininjo-key: URL */
  char *base_url;     /* https://host:port */
  char *authority;    /* host:port, for messages */
  char *service_ca;
  char *client_certificate;
  char *client_key;
  guint connect_timeout_s;
  guint timeout_s;
  guint max_attempts;

  CURLM *multi;
  CURL *easy;
  char errbuf[CURL_ERROR_SIZE];

  /* The transfer in progress: touched only by the thread running it. */
  GByteArray *body;
  gboolean too_large;
  GCancellable *cancellable;
  InjHttpProgress progress;
  gpointer progress_data;
  double fraction;
  gboolean policy_refused;
  char *policy_detail;
  gboolean handshake_tls13;       /* this attempt's connection, new or reused */
  gboolean certificate_accepted;  /* the service took our certificate this call */
  curl_socket_t idle_socket;
  gint64 idle_since;

  /* Read by other threads. */
  GMutex stats_lock;
  guint handshakes;
  const char *tls_version;
  char *tls_summary;
  char *server_certificate;
  gint64 server_date;   /* the last answer's Date header, Unix seconds; 0: none */
  gint64 received_at;   /* our clock then, Unix seconds */
  guint last_attempts;
  guint64 bytes_sent;
};

typedef enum {
  OUTCOME_FAIL,
  OUTCOME_RETRY,   /* worth another attempt if the request may be repeated */
  OUTCOME_ASK_PIN, /* a new connection needs the card's PIN */
} InjHttpOutcome;


/* What a failed attempt means, as an error a person can act on. */
InjHttpOutcome _inj_http_classify (InjHttp *http,
                              CURLcode result,
                              gboolean pin_given,
                              gboolean new_connection,
                              GError **error);

G_END_DECLS
