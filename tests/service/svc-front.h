/* svc-front.h: ininjo-service behind a TLS front end (nginx). The front
 * end verifies the client's certificate and passes it in a header; the
 * service trusts that header on one listener only: plain HTTP on the
 * loopback address, for the front end. The direct HTTPS listener never
 * reads it. */
#pragma once

#include <glib.h>
#include <microhttpd.h>

G_BEGIN_DECLS

typedef struct {
  /* options: --front-end-port N (0: any free one), --front-end-header NAME */
  int port;
  char *header;            /* the certificate, URL-escaped PEM ($ssl_client_escaped_cert) */
  char *verify_header;     /* NAME-Verify: the front end's verdict, "SUCCESS" */
  gpointer trust;          /* gnutls_x509_trust_list_t of the --client-cas */
  struct MHD_Daemon *daemon;
} SvcFront;

gboolean svc_front_enabled   (const SvcFront *front);
/* Checks the options; nothing starts when neither is given. */
gboolean svc_front_check     (SvcFront *front,
                              GError **error);
gboolean svc_front_start     (SvcFront *front,
                              const char *client_trust_pem,
                              MHD_AccessHandlerCallback handler,
                              MHD_RequestCompletedCallback completed,
                              void *cls,
                              GError **error);
/* Whether @conn came through the front end's listener. */
gboolean svc_front_owns      (const SvcFront *front,
                              struct MHD_Connection *conn);
/* The principal (SHA-256 of the certificate, hex) from the header of a
 * request on the front end's listener: NULL without a header, without the
 * front end's SUCCESS, or when the certificate does not verify once more
 * against the --client-cas. */
char    *svc_front_principal (const SvcFront *front,
                              struct MHD_Connection *conn);
void     svc_front_stop      (SvcFront *front);

G_END_DECLS
