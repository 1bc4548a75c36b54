/* svc-front.c: the front end's listener of ininjo-service (svc-front.h).
 * A header is only believed on a connection that can only come from the
 * front end: this listener, bound to 127.0.0.1. The certificate in it is
 * verified once more (the client CAs, validity, TLS client purpose), so
 * a front end that verified against other CAs still admits no one the
 * service would refuse. */
#include "config.h"

#include <string.h>
#include <netinet/in.h>
#include <gio/gio.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "svc-context.h"
#include "svc-front.h"

gboolean
svc_front_enabled (const SvcFront *front)
{
  return front->header != NULL;
}

gboolean
svc_front_check (SvcFront *front,
                 GError **error)
{
  if (front->header == NULL && front->port == 0)
    return TRUE;
  if (front->header == NULL || front->port < 0 || front->port > 65535
      || !g_regex_match_simple ("^[A-Za-z][A-Za-z0-9-]{0,62}$", front->header, 0, 0))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--front-end-header NAME (letters, digits, -) goes with "
                           "--front-end-port 0..65535");
      return FALSE;
    }
  front->verify_header = g_strconcat (front->header, "-Verify", NULL);
  return TRUE;
}

gboolean
svc_front_start (SvcFront *front,
                 const char *client_trust_pem,
                 MHD_AccessHandlerCallback handler,
                 MHD_RequestCompletedCallback completed,
                 void *cls,
                 GError **error)
{
  gnutls_x509_trust_list_t list = NULL;
  gnutls_datum_t cas = { (unsigned char *) client_trust_pem, (unsigned) strlen (client_trust_pem) };
  struct sockaddr_in loopback = { .sin_family = AF_INET,
                                  .sin_port = g_htons ((guint16) front->port),
                                  .sin_addr.s_addr = g_htonl (INADDR_LOOPBACK) };
  const union MHD_DaemonInfo *info;
  int rc;

  if (!svc_front_enabled (front))
    return TRUE;
  if ((rc = gnutls_x509_trust_list_init (&list, 0)) < 0
      || (rc = gnutls_x509_trust_list_add_trust_mem (list, &cas, NULL, GNUTLS_X509_FMT_PEM,
                                                     0, 0)) <= 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the client CAs: %s",
                   rc < 0 ? gnutls_strerror (rc) : "no certificate");
      if (list)
        gnutls_x509_trust_list_deinit (list, 1);
      return FALSE;
    }
  front->trust = list;
  /* Plain HTTP: the front end ends TLS; loopback only, whatever --address. */
  front->daemon = MHD_start_daemon (MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD
                                    | MHD_USE_ERROR_LOG, (uint16_t) front->port, NULL, NULL,
                                    handler, cls,
                                    MHD_OPTION_SOCK_ADDR, (struct sockaddr *) &loopback,
                                    MHD_OPTION_NOTIFY_COMPLETED, completed, cls,
                                    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int) 120,
                                    MHD_OPTION_END);
  if (front->daemon == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "cannot listen on 127.0.0.1 port %d for the front end", front->port);
      return FALSE;
    }
  info = MHD_get_daemon_info (front->daemon, MHD_DAEMON_INFO_BIND_PORT);
  front->port = info ? info->port : front->port;
  svc_log ("front end: http://127.0.0.1:%d, client certificate from %s (with %s: SUCCESS)",
           front->port, front->header, front->verify_header);
  return TRUE;
}

gboolean
svc_front_owns (const SvcFront *front,
                struct MHD_Connection *conn)
{
  const union MHD_ConnectionInfo *ci;

  if (front->daemon == NULL)
    return FALSE;
  ci = MHD_get_connection_info (conn, MHD_CONNECTION_INFO_DAEMON);
  return ci != NULL && ci->daemon == front->daemon;
}

char *
svc_front_principal (const SvcFront *front,
                     struct MHD_Connection *conn)
{
  const char *escaped = MHD_lookup_connection_value (conn, MHD_HEADER_KIND, front->header);
  const char *verdict = MHD_lookup_connection_value (conn, MHD_HEADER_KIND, front->verify_header);
  g_autofree char *pem = NULL;
  gnutls_x509_crt_t crt = NULL;
  gnutls_datum_t d, der = { NULL, 0 };
  gnutls_typed_vdata_st purpose = { GNUTLS_DT_KEY_PURPOSE_OID,
                                    (unsigned char *) GNUTLS_KP_TLS_WWW_CLIENT, 0 };
  unsigned int status = 0;
  char *principal = NULL;

  if (escaped == NULL || *escaped == '\0' || g_strcmp0 (verdict, "SUCCESS") != 0)
    {
      svc_log ("front end: no verified client certificate (%s: %s)", front->verify_header,
               verdict ? verdict : "(none)");
      return NULL;
    }
  pem = g_uri_unescape_string (escaped, NULL);
  if (pem == NULL)
    return NULL;
  d.data = (unsigned char *) pem;
  d.size = (unsigned) strlen (pem);
  if (gnutls_x509_crt_init (&crt) < 0)
    return NULL;
  if (gnutls_x509_crt_import (crt, &d, GNUTLS_X509_FMT_PEM) < 0
      || gnutls_x509_trust_list_verify_crt2 (front->trust, &crt, 1, &purpose, 1, 0, &status,
                                             NULL) < 0
      || status != 0
      || gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_DER, &der) < 0)
    svc_log ("front end: the certificate in %s does not verify (status 0x%x)", front->header,
             status);
  else
    principal = g_compute_checksum_for_data (G_CHECKSUM_SHA256, der.data, der.size);
  gnutls_free (der.data);
  gnutls_x509_crt_deinit (crt);
  return principal;
}

void
svc_front_stop (SvcFront *front)
{
  if (front->daemon)
    MHD_stop_daemon (front->daemon);
  front->daemon = NULL;
  if (front->trust)
    gnutls_x509_trust_list_deinit (front->trust, 1);
  front->trust = NULL;
  g_clear_pointer (&front->header, g_free);
  g_clear_pointer (&front->verify_header, g_free);
}
