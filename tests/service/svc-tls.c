/* svc-tls.c: the service's side of TLS: its certificate, the client
 * certificates checked in the handshake (libmicrohttpd 0.9.75 only
 * requests one; README.md, "How it decides"), the alerts that tell a
 * refused client why, and the principal of a request. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <gio/gio.h>
#include <gnutls/abstract.h>
#include <gnutls/x509.h>

#include "svc-context.h"
#include "svc-tls.h"

#define MAX_SERVER_CHAIN 8

/* ------------------------------------------------------------------ TLS */

/* The server's certificate for MHD's callback, which has no user data;
 * set once before the daemon starts. */
static gnutls_pcert_st server_chain[MAX_SERVER_CHAIN];
static unsigned int server_chain_length;
static gnutls_privkey_t server_key;
static gboolean tls13_only;  /* --tls13-only */

static char *
fingerprint_hex (const gnutls_datum_t *der)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->size);
}

/* Whether the peer's certificate chains to a configured client CA, is
 * valid now and may be used by a TLS client. */
static gboolean
peer_verifies (gnutls_session_t session,
               unsigned int *status)
{
  gnutls_typed_vdata_st purpose = { GNUTLS_DT_KEY_PURPOSE_OID,
                                    (unsigned char *) GNUTLS_KP_TLS_WWW_CLIENT, 0 };

  *status = 0;
  return gnutls_certificate_verify_peers (session, &purpose, 1, status) == 0 && *status == 0;
}

/* After a fatal alert of ours: our FIN follows it, and what the client
 * still sends (its Finished, under TLS 1.3) is read until it closes.
 * Closing with those bytes unread would make the kernel answer with a
 * reset, which can reach the client before it has read the alert. */
static void
linger_after_alert (gnutls_session_t session)
{
  int fd = gnutls_transport_get_int (session);
  gint64 deadline = g_get_monotonic_time () + 500 * G_TIME_SPAN_MILLISECOND;
  char sink[4096];

  if (fd < 0)
    return;
  shutdown (fd, SHUT_WR);
  for (;;)
    {
      gint64 left_ms = (deadline - g_get_monotonic_time ()) / G_TIME_SPAN_MILLISECOND;
      struct pollfd p = { fd, POLLIN, 0 };
      ssize_t n;

      if (left_ms <= 0 || poll (&p, 1, (int) left_ms) <= 0)
        break;
      n = recv (fd, sink, sizeof sink, 0);
      if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN))
        break;
    }
}

static void
refuse (gnutls_session_t session,
        gnutls_alert_description_t alert)
{
  gnutls_alert_send (session, GNUTLS_AL_FATAL, alert);
  linger_after_alert (session);
}

/* Run by GnuTLS in the handshake once the client's Certificate message is
 * in, with or without a certificate: non-zero fails the handshake, so no
 * HTTP ever reaches a client without a verified certificate. */
static int
verify_client_certificate (gnutls_session_t session)
{
  unsigned int status = 0;
  unsigned int n = 0;
  const gnutls_datum_t *peers;
  gnutls_datum_t text = { NULL, 0 };
  g_autofree char *fingerprint = NULL;

  if (peer_verifies (session, &status))
    return 0;
  peers = gnutls_certificate_get_peers (session, &n);
  if (peers && n > 0)
    fingerprint = fingerprint_hex (&peers[0]);
  if (status != 0)
    gnutls_certificate_verification_status_print (status, GNUTLS_CRT_X509, &text, 0);
  svc_log ("TLS: client certificate %.16s… refused: %s",
           fingerprint ? fingerprint : "(none)",
           text.data ? (const char *) text.data
           : fingerprint ? "it cannot be verified" : "no certificate");
  gnutls_free (text.data);
  /* libmicrohttpd closes a failed handshake without a word: the alert
   * tells the client why (TLS 1.3 has one for a missing certificate) */
  if (fingerprint == NULL)
    refuse (session, gnutls_protocol_get_version (session) == GNUTLS_TLS1_3
                       ? GNUTLS_A_CERTIFICATE_REQUIRED : GNUTLS_A_HANDSHAKE_FAILURE);
  else
    refuse (session, status & GNUTLS_CERT_SIGNER_NOT_FOUND ? GNUTLS_A_UNKNOWN_CA
                     : status & GNUTLS_CERT_EXPIRED ? GNUTLS_A_CERTIFICATE_EXPIRED
                     : GNUTLS_A_BAD_CERTIFICATE);
  return -1;
}

/* MHD_OPTION_HTTPS_CERT_CALLBACK, run for every handshake before the
 * server's Certificate and CertificateRequest are sent: the one place
 * libmicrohttpd 0.9.75 lets us change a session in time. The certificate
 * stays "requested" (GNUTLS_CERT_REQUIRE would end a handshake without a
 * certificate before our function runs, and without an alert), and our
 * verify function, which GnuTLS runs whether a certificate came or not,
 * ends every handshake that lacks a good one. */
int
svc_tls_select_certificate (gnutls_session_t session,
                            const gnutls_datum_t *req_ca_dn,
                            int nreqs,
                            const gnutls_pk_algorithm_t *pk_algos,
                            int pk_algos_length,
                            gnutls_pcert_st **pcert,
                            unsigned int *pcert_length,
                            gnutls_privkey_t *privkey)
{
  /* --tls13-only: TLS 1.2 is negotiated, then refused here, so that the
   * client hears why (a protocol_version alert, as from a server that has
   * no TLS 1.2 at all) instead of a connection closed without a word */
  if (tls13_only && gnutls_protocol_get_version (session) != GNUTLS_TLS1_3)
    {
      svc_log ("TLS: a TLS 1.2 client refused (--tls13-only)");
      refuse (session, GNUTLS_A_PROTOCOL_VERSION);
      return -1;
    }
  gnutls_certificate_server_set_request (session, GNUTLS_CERT_REQUEST);
  gnutls_session_set_verify_function (session, verify_client_certificate);
  *pcert = server_chain;
  *pcert_length = server_chain_length;
  *privkey = server_key;
  return 0;
}

gboolean
svc_tls_load_server_certificate (const char *cert_path,
                                 const char *key_path,
                                 GError **error)
{
  g_autofree char *cert_pem = NULL;
  g_autofree char *key_pem = NULL;
  gsize cert_len, key_len;
  gnutls_datum_t cd, kd;
  gnutls_pubkey_t pub = NULL;
  guint8 id_cert[64], id_key[64];
  size_t id_cert_len = sizeof id_cert, id_key_len = sizeof id_key;
  int rc;

  if (!g_file_get_contents (cert_path, &cert_pem, &cert_len, error) ||
      !g_file_get_contents (key_path, &key_pem, &key_len, error))
    return FALSE;
  cd.data = (unsigned char *) cert_pem;
  cd.size = (unsigned) cert_len;
  kd.data = (unsigned char *) key_pem;
  kd.size = (unsigned) key_len;
  server_chain_length = MAX_SERVER_CHAIN;
  rc = gnutls_pcert_list_import_x509_raw (server_chain, &server_chain_length, &cd,
                                          GNUTLS_X509_FMT_PEM, 0);
  if (rc < 0 || server_chain_length == 0)
    {
      server_chain_length = 0;
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s", cert_path,
                   gnutls_strerror (rc));
      return FALSE;
    }
  if ((rc = gnutls_privkey_init (&server_key)) < 0 ||
      (rc = gnutls_privkey_import_x509_raw (server_key, &kd, GNUTLS_X509_FMT_PEM, NULL, 0)) < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s", key_path,
                   gnutls_strerror (rc));
      return FALSE;
    }
  /* a key that is not the certificate's fails every handshake, obscurely */
  rc = gnutls_pubkey_init (&pub);
  if (rc >= 0)
    rc = gnutls_pubkey_import_privkey (pub, server_key, 0, 0);
  if (rc >= 0)
    rc = gnutls_pubkey_get_key_id (pub, 0, id_key, &id_key_len);
  if (rc >= 0)
    rc = gnutls_pubkey_get_key_id (server_chain[0].pubkey, 0, id_cert, &id_cert_len);
  if (pub)
    gnutls_pubkey_deinit (pub);
  if (rc < 0 || id_key_len != id_cert_len || memcmp (id_key, id_cert, id_key_len) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s is not the key of %s",
                   key_path, cert_path);
      return FALSE;
    }
  return TRUE;
}

void
svc_tls_free_server_certificate (void)
{
  for (unsigned int i = 0; i < server_chain_length; i++)
    gnutls_pcert_deinit (&server_chain[i]);
  server_chain_length = 0;
  if (server_key)
    gnutls_privkey_deinit (server_key);
  server_key = NULL;
}

/* Every --client-ca as one PEM text, each checked to hold certificates. */
char *
svc_tls_read_client_cas (char **paths,
                         GError **error)
{
  g_autoptr(GString) all = g_string_new (NULL);

  for (guint i = 0; paths && paths[i]; i++)
    {
      g_autofree char *pem = NULL;
      gsize len;
      gnutls_x509_crt_t *crts = NULL;
      unsigned int n = 0;
      gnutls_datum_t d;
      int rc;

      if (!g_file_get_contents (paths[i], &pem, &len, error))
        return NULL;
      d.data = (unsigned char *) pem;
      d.size = (unsigned) len;
      rc = gnutls_x509_crt_list_import2 (&crts, &n, &d, GNUTLS_X509_FMT_PEM, 0);
      for (unsigned int j = 0; rc >= 0 && j < n; j++)
        gnutls_x509_crt_deinit (crts[j]);
      gnutls_free (crts);
      if (rc < 0 || n == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s: no PEM certificate (%s)", paths[i], gnutls_strerror (rc));
          return NULL;
        }
      g_string_append_len (all, pem, (gssize) len);
      g_string_append_c (all, '\n');
    }
  return g_string_free (g_steal_pointer (&all), FALSE);
}

/* The principal: the SHA-256 fingerprint of the client's certificate, once
 * more verified (the handshake already did; a missing one is a 403). */
char *
svc_tls_client_principal (struct MHD_Connection *conn)
{
  const union MHD_ConnectionInfo *ci = MHD_get_connection_info (conn,
                                                                MHD_CONNECTION_INFO_GNUTLS_SESSION);
  gnutls_session_t session;
  const gnutls_datum_t *peers;
  unsigned int n = 0, status = 0;

  if (ci == NULL || ci->tls_session == NULL)
    return NULL;
  session = ci->tls_session;
  peers = gnutls_certificate_get_peers (session, &n);
  if (peers == NULL || n == 0 || !peer_verifies (session, &status))
    return NULL;
  return fingerprint_hex (&peers[0]);
}

void
svc_tls_set_tls13_only (gboolean only)
{
  tls13_only = only;
}
