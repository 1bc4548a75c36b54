/* inj-net-key.c */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/urls.h>
#include <gnutls/x509.h>

#include "inj-net-key.h"

/* SHA-256's DigestInfo prefix (RFC 8017, 9.2): GnuTLS gives an external
 * RSA key the DigestInfo to sign (GNUTLS_SIGN_RSA_RAW). */
static const guint8 sha256_prefix[] = {
  0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
  0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
};

/* When a key is loaded, GnuTLS 3.7.9 signs "test text" with it to see that
 * key and certificate match (_gnutls_check_key_cert_match in
 * lib/cert-cred.c) and goes on without the check when that signature
 * fails. On a card that would be one more PIN per connection: it is
 * declined. The certificate and the key come from the same card, read in
 * the card layer under the reader chosen. */
#define CHECK_TEXT "test text"

typedef struct {
  gatomicrefcount ref;
  char *url;
  GBytes *certificate;
  GBytes *issuer;
  unsigned int bits;
  InjNetSignFunc sign;
  gpointer user_data;
  GDestroyNotify destroy;
  GMutex lock;
  GError *error;         /* the last signature's failure */
  gboolean gone;         /* unregistered */
} Key;

static GMutex keys_lock;
static GHashTable *keys;  /* url → Key */
static guint next_id;

static Key *
key_ref (Key *k)
{
  g_atomic_ref_count_inc (&k->ref);
  return k;
}

static void
key_unref (Key *k)
{
  if (k == NULL || !g_atomic_ref_count_dec (&k->ref))
    return;
  if (k->destroy)
    k->destroy (k->user_data);
  g_free (k->url);
  g_bytes_unref (k->certificate);
  g_clear_pointer (&k->issuer, g_bytes_unref);
  g_clear_error (&k->error);
  g_mutex_clear (&k->lock);
  g_free (k);
}

static Key *
lookup (const char *url)
{
  Key *k;

  g_mutex_lock (&keys_lock);
  k = keys ? g_hash_table_lookup (keys, url) : NULL;
  if (k)
    key_ref (k);
  g_mutex_unlock (&keys_lock);
  return k;
}

static int
sign_hash_cb (gnutls_privkey_t pkey,
              gnutls_sign_algorithm_t algo,
              void *userdata,
              unsigned int flags,
              const gnutls_datum_t *hash,
              gnutls_datum_t *signature)
{
  Key *k = userdata;
  g_autoptr(GBytes) digest = NULL;
  g_autoptr(GBytes) sig = NULL;
  GError *error = NULL;
  guint8 check[32];
  gboolean gone;

  /* PKCS#1 v1.5 over SHA-256 only: what info_cb offers */
  if (algo != GNUTLS_SIGN_RSA_RAW || hash->size != sizeof sha256_prefix + 32
      || memcmp (hash->data, sha256_prefix, sizeof sha256_prefix) != 0)
    return GNUTLS_E_UNSUPPORTED_SIGNATURE_ALGORITHM;
  if (gnutls_hash_fast (GNUTLS_DIG_SHA256, CHECK_TEXT, sizeof CHECK_TEXT - 1, check) < 0
      || memcmp (hash->data + sizeof sha256_prefix, check, 32) == 0)
    return GNUTLS_E_UNSUPPORTED_SIGNATURE_ALGORITHM;
  g_mutex_lock (&k->lock);
  gone = k->gone;
  g_mutex_unlock (&k->lock);
  if (gone)
    return GNUTLS_E_INSUFFICIENT_CREDENTIALS;

  digest = g_bytes_new (hash->data + sizeof sha256_prefix, 32);
  sig = k->sign (digest, k->user_data, &error);
  if (sig == NULL)
    {
      g_mutex_lock (&k->lock);
      g_clear_error (&k->error);
      k->error = error ? error : g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                                      _("The card did not sign."));
      g_mutex_unlock (&k->lock);
      return GNUTLS_E_PK_SIGN_FAILED;
    }
  signature->size = g_bytes_get_size (sig);
  signature->data = gnutls_malloc (signature->size);
  if (signature->data == NULL)
    return GNUTLS_E_MEMORY_ERROR;
  memcpy (signature->data, g_bytes_get_data (sig, NULL), signature->size);
  return 0;
}

static void
deinit_cb (gnutls_privkey_t pkey,
           void *userdata)
{
  key_unref (userdata);
}

static int
info_cb (gnutls_privkey_t pkey,
         unsigned int flags,
         void *userdata)
{
  Key *k = userdata;

  if (flags & GNUTLS_PRIVKEY_INFO_HAVE_SIGN_ALGO)
    return GNUTLS_FLAGS_TO_SIGN_ALGO (flags) == GNUTLS_SIGN_RSA_SHA256;
  if (flags & GNUTLS_PRIVKEY_INFO_PK_ALGO)
    return GNUTLS_PK_RSA;
  if (flags & GNUTLS_PRIVKEY_INFO_PK_ALGO_BITS)
    return (int) k->bits;
  if (flags & GNUTLS_PRIVKEY_INFO_SIGN_ALGO)
    return GNUTLS_SIGN_RSA_SHA256;
  return -1;
}

static int
import_key_cb (gnutls_privkey_t pkey,
               const char *url,
               unsigned int flags)
{
  Key *k = lookup (url);
  int ret;

  if (k == NULL)
    return GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE;
  /* the key holds a reference until GnuTLS lets it go (deinit_cb) */
  ret = gnutls_privkey_import_ext4 (pkey, k, NULL, sign_hash_cb, NULL, deinit_cb, info_cb,
                                    GNUTLS_PRIVKEY_IMPORT_AUTO_RELEASE);
  if (ret < 0)
    key_unref (k);
  return ret;
}

static int
import_crt_cb (gnutls_x509_crt_t crt,
               const char *url,
               unsigned int flags)
{
  Key *k = lookup (url);
  gnutls_datum_t der;
  int ret;

  if (k == NULL)
    return GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE;
  der.data = (unsigned char *) g_bytes_get_data (k->certificate, NULL);
  der.size = g_bytes_get_size (k->certificate);
  ret = gnutls_x509_crt_import (crt, &der, GNUTLS_X509_FMT_DER);
  key_unref (k);
  return ret;
}

static int
get_issuer_cb (const char *url,
               gnutls_x509_crt_t crt,
               gnutls_datum_t *issuer,
               unsigned int flags)
{
  Key *k = lookup (url);
  int ret = GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE;

  if (k && k->issuer)
    {
      gsize size = g_bytes_get_size (k->issuer);
      issuer->data = gnutls_malloc (size);
      if (issuer->data)
        {
          memcpy (issuer->data, g_bytes_get_data (k->issuer, NULL), size);
          issuer->size = size;
          ret = 0;
        }
      else
        ret = GNUTLS_E_MEMORY_ERROR;
    }
  if (k)
    key_unref (k);
  return ret;
}

/* gnutls_register_custom_url() is not thread safe and keeps the structure:
 * once, for the process. */
static gpointer
register_url (gpointer data)
{
  static const gnutls_custom_url_st url = {
    .name = INJ_NET_KEY_URL_PREFIX,
    .name_size = sizeof INJ_NET_KEY_URL_PREFIX - 1,
    .import_key = import_key_cb,
    .import_crt = import_crt_cb,
    .get_issuer = get_issuer_cb,
  };

  return GINT_TO_POINTER (gnutls_register_custom_url (&url));
}

char *
inj_net_key_register (GBytes *certificate,
                      GBytes *issuer,
                      InjNetSignFunc sign,
                      gpointer user_data,
                      GDestroyNotify destroy,
                      GError **error)
{
  static GOnce once = G_ONCE_INIT;
  gnutls_x509_crt_t crt = NULL;
  gnutls_datum_t der;
  unsigned int bits = 0;
  int ret;
  Key *k;

  g_return_val_if_fail (certificate != NULL && sign != NULL, NULL);

  ret = GPOINTER_TO_INT (g_once (&once, register_url, NULL));
  if (ret < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The card's key cannot be given to GnuTLS: %s"), gnutls_strerror (ret));
      return NULL;
    }
  der.data = (unsigned char *) g_bytes_get_data (certificate, NULL);
  der.size = g_bytes_get_size (certificate);
  ret = gnutls_x509_crt_init (&crt);
  if (ret >= 0)
    ret = gnutls_x509_crt_import (crt, &der, GNUTLS_X509_FMT_DER);
  if (ret >= 0 && gnutls_x509_crt_get_pk_algorithm (crt, &bits) != GNUTLS_PK_RSA)
    ret = GNUTLS_E_UNKNOWN_PK_ALGORITHM;
  if (crt)
    gnutls_x509_crt_deinit (crt);
  if (ret < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The card's authentication certificate cannot be used: %s"),
                   gnutls_strerror (ret));
      return NULL;
    }

  k = g_new0 (Key, 1);
  g_atomic_ref_count_init (&k->ref);
  g_mutex_init (&k->lock);
  k->certificate = g_bytes_ref (certificate);
  k->issuer = issuer ? g_bytes_ref (issuer) : NULL;
  k->bits = bits;
  k->sign = sign;
  k->user_data = user_data;
  k->destroy = destroy;
  g_mutex_lock (&keys_lock);
  if (keys == NULL)
    keys = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) key_unref);
  k->url = g_strdup_printf (INJ_NET_KEY_URL_PREFIX "%u", ++next_id);
  g_hash_table_insert (keys, k->url, k);
  g_mutex_unlock (&keys_lock);
  return g_strdup (k->url);
}

void
inj_net_key_unregister (const char *url)
{
  Key *k;

  g_return_if_fail (url != NULL);
  g_mutex_lock (&keys_lock);
  k = keys ? g_hash_table_lookup (keys, url) : NULL;
  if (k)
    {
      g_mutex_lock (&k->lock);
      k->gone = TRUE;
      g_mutex_unlock (&k->lock);
      g_hash_table_remove (keys, url);
    }
  g_mutex_unlock (&keys_lock);
}

GError *
inj_net_key_take_error (const char *url)
{
  Key *k = lookup (url);
  GError *error = NULL;

  if (k == NULL)
    return NULL;
  g_mutex_lock (&k->lock);
  error = g_steal_pointer (&k->error);
  g_mutex_unlock (&k->lock);
  key_unref (k);
  return error;
}
