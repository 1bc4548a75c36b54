/* net-support.h: the local service (tests/service/ininjo-service) and
 * openssl s_server from a test's point of view, and packages to register. */
#pragma once

#include <gio/gio.h>

#include "inj-net.h"

G_BEGIN_DECLS

typedef struct {
  GSubprocess *process;
  char *dir;    /* the database, the ready file, the log */
  char *db;
  char *url;    /* https://localhost:PORT */
  guint port;
  guint front_port; /* --front-end-port's, when given */
  gboolean without_card_ca;
} TestService;

/* ininjo-service on a free port with the PKI of make-service-pki.sh, the
 * personas' JPKI authentication CA as a second client CA and their signing
 * CA as a trust anchor; @args are more options (knobs), NULL-terminated. */
TestService *test_service_start   (const char *const *args);
/* The same without the personas' authentication CA: a card is refused. */
TestService *test_service_start_without_card_ca (const char *const *args);
/* Stops it and starts it again on the same port and database, with other
 * knobs. */
void         test_service_restart (TestService *svc,
                                   const char *const *args);
void         test_service_stop    (TestService *svc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestService, test_service_stop)

/* openssl s_server -HTTP in a directory of canned answers (each file a
 * whole HTTP response), requiring a client certificate from client-ca;
 * @args are more s_server options. */
typedef struct {
  GSubprocess *process;
  char *dir;
  char *url;
  guint port;
} TestRawServer;

TestRawServer *test_raw_server_start (const char *cert,
                                      const char *key,
                                      const char *const *args);
void           test_raw_server_answer (TestRawServer *raw,
                                       const char *path,
                                       const char *response);
void           test_raw_server_stop   (TestRawServer *raw);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestRawServer, test_raw_server_stop)

/* nginx (tests/service/front-end.sh) in front of @upstream (a service's
 * front_port, or a port where nothing listens), accepting client
 * certificates of @cas ("ca/…" of the personas, an absolute path, else
 * files of the service's PKI; one PEM bundle for nginx); @args are more
 * front-end.sh options. Stopping checks that nginx is gone. */
#define TEST_FRONT_HEADER "X-Ininjo-Client-Cert"
typedef struct {
  GSubprocess *process;
  char *dir;
  char *url;    /* https://localhost:PORT */
  guint port;
} TestFront;

TestFront   *test_front_start          (guint upstream,
                                        const char *const *cas,
                                        const char *const *args);
void         test_front_stop           (TestFront *front);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestFront, test_front_stop)
/* ininjo-service with --front-end-port (free) and --front-end-header
 * TEST_FRONT_HEADER; @more are more options. */
TestService *test_service_start_behind (const char *const *more);
/* A loopback port nobody listens on now. */
guint        test_free_port            (void);

char            *test_pki_path     (const char *file);
char            *test_personas_path (const char *relative);
/* A configuration for @url with the service CA and a file key: @client is
 * "client" or "client-untrusted". */
InjServiceConfig test_config_files (const char *url,
                                    const char *client);

/* A signed delegation and the agent's submission (make-package); returns
 * the 電子委任状ID. */
char            *test_make_package (GBytes **delegation,
                                    GBytes **submission,
                                    const char *supersedes);
char            *test_uuid         (void);

/* Runs the main context until *done is set or @timeout_ms passes. */
gboolean         test_wait_flag    (gboolean *done,
                                    guint timeout_ms);

/* A client of @url with test_config_files(); @timeout_s 0 keeps the
 * default, @max_attempts 0 too. Fails the test when it cannot be made. */
InjServiceClient *test_client_for       (const char *url,
                                         const char *client,
                                         guint timeout_s,
                                         guint max_attempts);
/* Fails the test unless @error is INJ_NET_ERROR @code; logs its message. */
void              test_assert_net_error (const GError *error,
                                         InjNetError code);
/* How many items the service lists, in all or with the 電子委任状ID @id. */
gsize             test_list_length      (InjServiceClient *c);
guint             test_count_listed     (InjServiceClient *c,
                                         const char *id);
/* Asks for the receipt until it is no longer "received" (10 s at most). */
JsonObject       *test_poll_receipt     (InjServiceClient *c,
                                         const char *receipt);

G_END_DECLS
