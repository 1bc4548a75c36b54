/* svc-tls.h: the TLS side of ininjo-service (svc-tls.c): the server's
 * certificate, the client certificate checked in every handshake, and the
 * principal of a request. */
#pragma once

#include <gnutls/gnutls.h>
#include <gnutls/abstract.h>
#include <microhttpd.h>

G_BEGIN_DECLS

/* TLS 1.2 and 1.3 only, ECDHE with AEAD ciphers, no SHA-1 signatures
 * (docs/security.md 3). TLS 1.2 stays: a JPKI card cannot sign the RSA-PSS
 * that TLS 1.3 demands of the client. */
#define TLS_PRIORITY_BASE \
  "NORMAL:-CIPHER-ALL:+AES-256-GCM:+AES-128-GCM:+CHACHA20-POLY1305:-MAC-ALL:+AEAD:" \
  "-KX-ALL:+ECDHE-RSA:+ECDHE-ECDSA:-SIGN-RSA-SHA1:-SIGN-ECDSA-SHA1:-SIGN-RSA-SHA224:" \
  "-SIGN-ECDSA-SHA224:-VERS-ALL"
#define TLS_PRIORITY TLS_PRIORITY_BASE ":+VERS-TLS1.3:+VERS-TLS1.2"

/* Loads the server's certificate (a chain may follow) and its key, which
 * must match, for svc_tls_select_certificate(). */
gboolean svc_tls_load_server_certificate (const char *cert_path,
                                          const char *key_path,
                                          GError **error);
void     svc_tls_free_server_certificate (void);
/* --tls13-only: a TLS 1.2 client is refused with protocol_version. */
void     svc_tls_set_tls13_only          (gboolean only);
/* MHD_OPTION_HTTPS_CERT_CALLBACK: sends the server's certificate, requests
 * the client's and installs the verification that ends a handshake
 * without a good one. */
int      svc_tls_select_certificate      (gnutls_session_t session,
                                          const gnutls_datum_t *req_ca_dn,
                                          int nreqs,
                                          const gnutls_pk_algorithm_t *pk_algos,
                                          int pk_algos_length,
                                          gnutls_pcert_st **pcert,
                                          unsigned int *pcert_length,
                                          gnutls_privkey_t *privkey);
/* Every --client-ca as one PEM text, each checked to hold certificates. */
char    *svc_tls_read_client_cas         (char **paths,
                                          GError **error);
/* The SHA-256 of the client's verified certificate (hex), or NULL. */
char    *svc_tls_client_principal        (struct MHD_Connection *conn);

G_END_DECLS
