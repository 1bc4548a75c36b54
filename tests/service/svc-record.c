/* svc-record.c */
#include "config.h"

#include <string.h>
#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "svc-record.h"

struct _SvcSigner {
  GMutex lock;  /* request threads (validity) and the worker sign */
  gnutls_privkey_t key;
  gnutls_pubkey_t pub;
  char *certificate_b64;
};

static gboolean
gnutls_failed (GError **error,
               const char *what,
               int rc)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", what, gnutls_strerror (rc));
  return FALSE;
}

static gboolean
sign_raw (SvcSigner *self,
          const void *data,
          gsize size,
          gnutls_datum_t *sig,
          GError **error)
{
  gnutls_datum_t in = { (unsigned char *) data, (unsigned) size };
  int rc;

  /* an RSA key: PKCS#1 v1.5, as the contract says */
  g_mutex_lock (&self->lock);
  rc = gnutls_privkey_sign_data (self->key, GNUTLS_DIG_SHA256, 0, &in, sig);
  g_mutex_unlock (&self->lock);
  if (rc < 0)
    return gnutls_failed (error, "signing a record", rc);
  return TRUE;
}

SvcSigner *
svc_signer_new (const char *cert_path,
                const char *key_path,
                GError **error)
{
  g_autoptr(SvcSigner) self = g_new0 (SvcSigner, 1);
  g_autofree char *cert_pem = NULL;
  g_autofree char *key_pem = NULL;
  gsize cert_len, key_len;
  gnutls_x509_crt_t crt = NULL;
  gnutls_datum_t cd, kd, der = { NULL, 0 }, sig = { NULL, 0 };
  static const char probe[] = "ininjo-service record key check";
  gnutls_datum_t pd = { (unsigned char *) probe, sizeof probe - 1 };
  int rc;

  g_mutex_init (&self->lock);
  if (!g_file_get_contents (cert_path, &cert_pem, &cert_len, error) ||
      !g_file_get_contents (key_path, &key_pem, &key_len, error))
    return NULL;
  cd.data = (unsigned char *) cert_pem;
  cd.size = (unsigned) cert_len;
  kd.data = (unsigned char *) key_pem;
  kd.size = (unsigned) key_len;

  if ((rc = gnutls_x509_crt_init (&crt)) < 0 ||
      (rc = gnutls_x509_crt_import (crt, &cd, GNUTLS_X509_FMT_PEM)) < 0)
    {
      if (crt)
        gnutls_x509_crt_deinit (crt);
      gnutls_failed (error, cert_path, rc);
      return NULL;
    }
  rc = gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_DER, &der);
  if (rc >= 0)
    {
      self->certificate_b64 = g_base64_encode (der.data, der.size);
      gnutls_free (der.data);
      if ((rc = gnutls_pubkey_init (&self->pub)) >= 0)
        rc = gnutls_pubkey_import_x509 (self->pub, crt, 0);
    }
  gnutls_x509_crt_deinit (crt);
  if (rc < 0)
    {
      gnutls_failed (error, cert_path, rc);
      return NULL;
    }

  if ((rc = gnutls_privkey_init (&self->key)) < 0 ||
      (rc = gnutls_privkey_import_x509_raw (self->key, &kd, GNUTLS_X509_FMT_PEM, NULL, 0)) < 0)
    {
      gnutls_failed (error, key_path, rc);
      return NULL;
    }
  if (gnutls_privkey_get_pk_algorithm (self->key, NULL) != GNUTLS_PK_RSA)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s: records are signed RSA PKCS#1 v1.5; this is not an RSA key", key_path);
      return NULL;
    }
  /* A key that is not the certificate's would sign records nobody can
   * check: refuse to start rather than find out from a client. */
  if (!sign_raw (self, probe, sizeof probe - 1, &sig, error))
    return NULL;
  rc = gnutls_pubkey_verify_data2 (self->pub, GNUTLS_SIGN_RSA_SHA256, 0, &pd, &sig);
  gnutls_free (sig.data);
  if (rc < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s is not the key of %s", key_path, cert_path);
      return NULL;
    }
  return g_steal_pointer (&self);
}

void
svc_signer_free (SvcSigner *self)
{
  if (self == NULL)
    return;
  if (self->key)
    gnutls_privkey_deinit (self->key);
  if (self->pub)
    gnutls_pubkey_deinit (self->pub);
  g_free (self->certificate_b64);
  g_mutex_clear (&self->lock);
  g_free (self);
}

gboolean
svc_signer_sign (SvcSigner *self,
                 JsonNode *payload,
                 char **payload_b64,
                 char **signature_b64,
                 GError **error)
{
  gsize len = 0;
  g_autofree char *json = json_to_string (payload, FALSE);
  gnutls_datum_t sig = { NULL, 0 };

  len = strlen (json);
  if (!sign_raw (self, json, len, &sig, error))
    return FALSE;
  *payload_b64 = g_base64_encode ((const guchar *) json, len);
  *signature_b64 = g_base64_encode (sig.data, sig.size);
  gnutls_free (sig.data);
  return TRUE;
}

JsonNode *
svc_signer_record (SvcSigner *self,
                   const char *payload_b64,
                   const char *signature_b64)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "payload");
  json_builder_add_string_value (b, payload_b64);
  json_builder_set_member_name (b, "signature");
  json_builder_add_string_value (b, signature_b64);
  json_builder_set_member_name (b, "certificate");
  json_builder_add_string_value (b, self->certificate_b64);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
