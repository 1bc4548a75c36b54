/* inj-tls-policy.c: the TLS crypto policy, in one place (security.md
 * item 3): TLS 1.2 or 1.3, ECDHE, AEAD ciphers (AES and Camellia in GCM or
 * CCM mode, and ChaCha20-Poly1305), no SHA-1 or MD5 in any signature.
 *
 * ChaCha20-Poly1305 is accepted because libcurl 7.88 offers GnuTLS's NORMAL
 * list, which puts it first on processors without AES instructions, and
 * the local service accepts it: refusing it here would break connections on
 * such machines. To refuse it, remove it from allowed_ciphers and from
 * POLICY_COMMON.
 *
 * libcurl 7.88.1 (Debian 12) ignores CURLOPT_SSL_CIPHER_LIST with GnuTLS:
 * lib/vtls/gtls.c builds its own priority string ("NORMAL:-ARCFOUR-128:…"
 * plus the versions) and offers RSA key exchange and CBC with SHA-1 too; a
 * server may pick those. So the policy is enforced on what was negotiated,
 * after the handshake and before the first byte of a request
 * (CURLOPT_PREREQFUNCTION). The priority string is also handed to libcurl:
 * from 8.13 on, libcurl with GnuTLS takes it as the whole priority string, so
 * the same policy is then also what is offered. */
#include "config.h"

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "inj-net-private.h"

#define POLICY_COMMON                                                           \
  "-KX-ALL:+ECDHE-ECDSA:+ECDHE-RSA:"                                            \
  "-CIPHER-ALL:+AES-256-GCM:+AES-128-GCM:+AES-256-CCM:+AES-128-CCM:"             \
  "+CAMELLIA-256-GCM:+CAMELLIA-128-GCM:+CHACHA20-POLY1305:-MAC-ALL:+AEAD:"       \
  "-GROUP-ALL:+GROUP-SECP256R1:+GROUP-SECP384R1:+GROUP-SECP521R1:"                \
  "+GROUP-X25519:+GROUP-X448:"                                                  \
  "-SIGN-RSA-SHA1:-SIGN-ECDSA-SHA1:-SIGN-DSA-SHA1:-SIGN-RSA-MD5:"                 \
  "-CTYPE-ALL:+CTYPE-X509"

/* A JPKI card signs PKCS#1 v1.5 only and TLS 1.3 needs RSA-PSS for the
 * client's CertificateVerify (design.md, decision 4). */
#define PRIORITY_FILE   "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2:" POLICY_COMMON
#define PRIORITY_PKCS11 "NORMAL:-VERS-ALL:+VERS-TLS1.2:" POLICY_COMMON

static const int allowed_ciphers[] = {
  GNUTLS_CIPHER_AES_128_GCM, GNUTLS_CIPHER_AES_256_GCM,
  GNUTLS_CIPHER_AES_128_CCM, GNUTLS_CIPHER_AES_256_CCM,
  GNUTLS_CIPHER_CAMELLIA_128_GCM, GNUTLS_CIPHER_CAMELLIA_256_GCM,
  GNUTLS_CIPHER_CHACHA20_POLY1305,
};

static const int allowed_groups[] = {
  GNUTLS_GROUP_SECP256R1, GNUTLS_GROUP_SECP384R1, GNUTLS_GROUP_SECP521R1,
  GNUTLS_GROUP_X25519, GNUTLS_GROUP_X448,
};

const char *
inj_tls_policy_priority (InjClientKeyKind kind)
{
  return kind == INJ_CLIENT_KEY_FILE ? PRIORITY_FILE : PRIORITY_PKCS11;
}

static gboolean
weak_hash (gnutls_digest_algorithm_t hash)
{
  return hash == GNUTLS_DIG_SHA1 || hash == GNUTLS_DIG_MD5 || hash == GNUTLS_DIG_MD2;
}

/* A signature made during the handshake; unknown (a resumed session has
 * none) is not a weak one. */
static gboolean
weak_signature (int sign)
{
  if (sign <= 0 || sign == GNUTLS_SIGN_UNKNOWN)
    return FALSE;
  return weak_hash (gnutls_sign_get_hash_algorithm ((gnutls_sign_algorithm_t) sign));
}

/* The certificates the server sent, but for a self-signed root at the end
 * (its own signature proves nothing and is not checked). */
static gboolean
weak_chain (gnutls_session_t session)
{
  unsigned int count = 0;
  const gnutls_datum_t *certs = gnutls_certificate_get_peers (session, &count);

  for (unsigned int i = 0; certs && i < count; i++)
    {
      gnutls_x509_crt_t crt;
      gboolean weak = FALSE;
      int sign;

      if (gnutls_x509_crt_init (&crt) < 0)
        return TRUE;
      if (gnutls_x509_crt_import (crt, &certs[i], GNUTLS_X509_FMT_DER) < 0)
        weak = TRUE;
      else if (!(i == count - 1 && i > 0 && gnutls_x509_crt_check_issuer (crt, crt)))
        {
          sign = gnutls_x509_crt_get_signature_algorithm (crt);
          weak = sign < 0 || weak_signature (sign);
        }
      gnutls_x509_crt_deinit (crt);
      if (weak)
        return TRUE;
    }
  return FALSE;
}

static gboolean
in_list (int value,
         const int *list,
         gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (list[i] == value)
      return TRUE;
  return FALSE;
}

char *
inj_tls_policy_describe (gpointer session_ptr)
{
  gnutls_session_t session = session_ptr;
  gnutls_protocol_t version = gnutls_protocol_get_version (session);
  const char *group = gnutls_group_get_name (gnutls_group_get (session));
  const char *server_sign = gnutls_sign_get_name (gnutls_sign_algorithm_get (session));
  const char *client_sign = gnutls_sign_get_name (gnutls_sign_algorithm_get_client (session));

  return g_strdup_printf ("%s, %s%s%s%s, %s, %s, server %s, client %s",
                          gnutls_protocol_get_name (version),
                          gnutls_kx_get_name (gnutls_kx_get (session)),
                          group ? " (" : "", group ? group : "", group ? ")" : "",
                          gnutls_cipher_get_name (gnutls_cipher_get (session)),
                          gnutls_mac_get_name (gnutls_mac_get (session)),
                          server_sign ? server_sign : "-", client_sign ? client_sign : "-");
}

gboolean
inj_tls_policy_check (gpointer session_ptr,
                      char **refused)
{
  gnutls_session_t session = session_ptr;
  gnutls_protocol_t version = gnutls_protocol_get_version (session);
  gnutls_kx_algorithm_t kx = gnutls_kx_get (session);
  gboolean ok;

  ok = version == GNUTLS_TLS1_2 || version == GNUTLS_TLS1_3;
  /* TLS 1.3 names no key exchange in its suites: its group says ECDHE. */
  if (ok && version == GNUTLS_TLS1_2)
    ok = kx == GNUTLS_KX_ECDHE_RSA || kx == GNUTLS_KX_ECDHE_ECDSA;
  if (ok)
    ok = in_list (gnutls_group_get (session), allowed_groups,
                  G_N_ELEMENTS (allowed_groups));
  if (ok)
    ok = gnutls_mac_get (session) == GNUTLS_MAC_AEAD
         && in_list (gnutls_cipher_get (session), allowed_ciphers,
                     G_N_ELEMENTS (allowed_ciphers));
  if (ok)
    ok = !weak_signature (gnutls_sign_algorithm_get (session))
         && !weak_signature (gnutls_sign_algorithm_get_client (session))
         && !weak_chain (session);
  if (!ok && refused)
    *refused = inj_tls_policy_describe (session);
  return ok;
}
