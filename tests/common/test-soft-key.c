/* test-soft-key.c */
#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <gnutls/gnutls.h>

#include "test-soft-key.h"

gboolean
test_soft_key_load (TestSoftKey *k,
                    const char *key_pem_path,
                    const char *cert_der_path,
                    GError **error)
{
  g_autofree char *pem = NULL;
  char *der = NULL;
  gsize pem_len, der_len;
  gnutls_datum_t kd;
  int rc;

  memset (k, 0, sizeof *k);
  if (!g_file_get_contents (key_pem_path, &pem, &pem_len, error) ||
      !g_file_get_contents (cert_der_path, &der, &der_len, error))
    return FALSE;
  k->cert = g_bytes_new_take (der, der_len);
  kd.data = (unsigned char *) pem;
  kd.size = (unsigned) pem_len;
  if ((rc = gnutls_privkey_init (&k->key)) < 0 ||
      (rc = gnutls_privkey_import_x509_raw (k->key, &kd, GNUTLS_X509_FMT_PEM, NULL, 0)) < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", key_pem_path,
                   gnutls_strerror (rc));
      return FALSE;
    }
  return TRUE;
}

void
test_soft_key_clear (TestSoftKey *k)
{
  if (k->key)
    gnutls_privkey_deinit (k->key);
  k->key = NULL;
  g_clear_pointer (&k->cert, g_bytes_unref);
}

/* PKCS#1 v1.5 over a SHA-256 DigestInfo, as the card signs. */
GBytes *
test_soft_key_sign (GBytes *sha256,
                    GBytes **certificate,
                    gpointer user_data,
                    GError **error)
{
  static const guint8 prefix[] = { 0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                    0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20 };
  TestSoftKey *k = user_data;
  guint8 info[sizeof prefix + 32];
  gnutls_datum_t in = { info, sizeof info }, sig = { NULL, 0 };
  GBytes *out;
  int rc;

  if (g_bytes_get_size (sha256) != 32)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "not a SHA-256 digest");
      return NULL;
    }
  memcpy (info, prefix, sizeof prefix);
  memcpy (info + sizeof prefix, g_bytes_get_data (sha256, NULL), 32);
  rc = gnutls_privkey_sign_hash (k->key, GNUTLS_DIG_SHA256, GNUTLS_PRIVKEY_SIGN_FLAG_TLS1_RSA,
                                 &in, &sig);
  if (rc < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "software signing: %s",
                   gnutls_strerror (rc));
      return NULL;
    }
  out = g_bytes_new (sig.data, sig.size);
  gnutls_free (sig.data);
  *certificate = g_bytes_ref (k->cert);
  return out;
}
