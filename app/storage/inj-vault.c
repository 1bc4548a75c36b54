/* inj-vault.c: see inj-vault.h for the file format. */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gnutls/gnutls.h>
#include <gnutls/crypto.h>
#include <libsecret/secret.h>

#include "inj-audit.h"
#include "inj-vault.h"

G_DEFINE_QUARK (inj-vault-error-quark, inj_vault_error)

#define MAGIC "INJVAULT"
#define MAGIC_LEN 8
#define NONCE_LEN 12
#define TAG_LEN 16
#define HEADER_LEN (MAGIC_LEN + 1 + NONCE_LEN)

static gint allow_unencrypted; /* atomic: drafts are written in threads */

void
inj_vault_set_allow_unencrypted (gboolean allow)
{
  g_atomic_int_set (&allow_unencrypted, allow ? 1 : 0);
}

gboolean
inj_vault_get_allow_unencrypted (void)
{
  return g_atomic_int_get (&allow_unencrypted) != 0;
}

void
inj_vault_wipe (void *data,
                gsize length)
{
  if (data)
    gnutls_memset (data, 0, length);
}

/* ---------------------------------------------------------------- the key */

static const SecretSchema *
vault_schema (void)
{
  static const SecretSchema schema = {
    "io.github.ininjo.Ininjo.LocalData", SECRET_SCHEMA_NONE,
    {
      { "purpose", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };
  return &schema;
}

#define PURPOSE "local-data-key"

static void
no_service (GError **error,
            GError *cause)
{
  g_set_error (error, INJ_VAULT_ERROR, INJ_VAULT_ERROR_NO_SECRET_SERVICE,
               _("No Secret Service (such as GNOME Keyring) keeps the key that encrypts "
                 "drafts and packages: %s"),
               cause ? cause->message : _("the key cannot be stored"));
}

/* libsecret's secret_password_*_sync () leave small allocations behind
 * on every call (libsecret 0.20): the service's own calls, with the
 * attributes built here, do not. */
static SecretService *
vault_service (GHashTable **attributes,
               GError **error)
{
  SecretService *service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, error);

  if (service)
    *attributes = secret_attributes_build (vault_schema (), "purpose", PURPOSE, NULL);
  return service;
}

static SecretValue *
vault_lookup (GError **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(SecretService) service = vault_service (&attributes, error);

  if (service == NULL)
    return NULL;
  return secret_service_lookup_sync (service, vault_schema (), attributes, NULL, error);
}

gboolean
inj_vault_check_available (GError **error)
{
  g_autoptr(GError) local = NULL;
  SecretValue *value = vault_lookup (&local);

  if (value)
    secret_value_unref (value);
  if (local)
    {
      no_service (error, local);
      return FALSE;
    }
  return TRUE;
}

gboolean
inj_vault_get_key (guint8 key[INJ_VAULT_KEY_SIZE],
                   gboolean create,
                   GError **error)
{
  g_autoptr(GError) local = NULL;
  gboolean stored;
  SecretValue *value = vault_lookup (&local);

  if (local)
    {
      no_service (error, local);
      return FALSE;
    }
  if (value)
    {
      gsize length = 0;
      const char *secret = secret_value_get (value, &length);
      gboolean ok = length == INJ_VAULT_KEY_SIZE;

      if (ok)
        memcpy (key, secret, INJ_VAULT_KEY_SIZE);
      secret_value_unref (value);
      if (!ok)
        g_set_error (error, INJ_VAULT_ERROR, INJ_VAULT_ERROR_DECRYPT,
                     _("The key in the Secret Service is not Ininjo's: erase all local data "
                       "to start again."));
      return ok;
    }
  if (!create)
    {
      g_set_error (error, INJ_VAULT_ERROR, INJ_VAULT_ERROR_DECRYPT,
                   _("The key of the local data is no longer in the Secret Service: the "
                     "encrypted drafts and packages cannot be read."));
      return FALSE;
    }
  if (gnutls_rnd (GNUTLS_RND_KEY, key, INJ_VAULT_KEY_SIZE) != 0)
    {
      g_set_error (error, INJ_VAULT_ERROR, INJ_VAULT_ERROR_IO,
                   _("No random key could be made."));
      return FALSE;
    }
  value = secret_value_new ((const char *) key, INJ_VAULT_KEY_SIZE, "application/octet-stream");
  {
    g_autoptr(GHashTable) attributes = NULL;
    g_autoptr(SecretService) service = vault_service (&attributes, &local);

    stored = service && secret_service_store_sync (service, vault_schema (), attributes,
                                                   SECRET_COLLECTION_DEFAULT,
                                                   _("Ininjo: the key of drafts and packages"),
                                                   value, NULL, &local);
  }
  if (!stored)
    {
      secret_value_unref (value);
      inj_vault_wipe (key, INJ_VAULT_KEY_SIZE);
      no_service (error, local);
      return FALSE;
    }
  secret_value_unref (value);
  return TRUE;
}

gboolean
inj_vault_delete_key (GError **error)
{
  g_autoptr(GError) local = NULL;

  {
    g_autoptr(GHashTable) attributes = NULL;
    g_autoptr(SecretService) service = vault_service (&attributes, &local);

    if (service)
      secret_service_clear_sync (service, vault_schema (), attributes, NULL, &local);
  }
  if (local)
    {
      no_service (error, local);
      return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------------- the cipher */

gboolean
inj_vault_is_sealed (const void *data,
                     gsize length)
{
  return length >= MAGIC_LEN && memcmp (data, MAGIC, MAGIC_LEN) == 0;
}

static guint8 *
associated_data (const guint8 *header,
                 const char *role,
                 gsize *length)
{
  gsize role_len = strlen (role);
  guint8 *ad = g_malloc (HEADER_LEN + 7 + role_len);

  memcpy (ad, header, HEADER_LEN);
  memcpy (ad + HEADER_LEN, "ininjo:", 7);
  memcpy (ad + HEADER_LEN + 7, role, role_len);
  *length = HEADER_LEN + 7 + role_len;
  return ad;
}

static gnutls_aead_cipher_hd_t
cipher_new (const guint8 key[INJ_VAULT_KEY_SIZE],
            GError **error)
{
  gnutls_aead_cipher_hd_t handle = NULL;
  gnutls_datum_t datum = { (unsigned char *) key, INJ_VAULT_KEY_SIZE };

  if (gnutls_aead_cipher_init (&handle, GNUTLS_CIPHER_AES_256_GCM, &datum) < 0)
    {
      g_set_error (error, INJ_VAULT_ERROR, INJ_VAULT_ERROR_IO,
                   _("AES-256-GCM is not available."));
      return NULL;
    }
  return handle;
}

GBytes *
inj_vault_encrypt (const guint8 key[INJ_VAULT_KEY_SIZE],
                   const char *role,
                   const void *data,
                   gsize length,
                   GError **error)
{
  gnutls_aead_cipher_hd_t handle = cipher_new (key, error);
  gsize total = HEADER_LEN + length + TAG_LEN;
  guint8 *out;
  g_autofree guint8 *ad = NULL;
  gsize ad_len = 0;
  size_t ct_len = length + TAG_LEN;
  int rc;

  if (handle == NULL)
    return NULL;
  out = g_malloc (total);
  memcpy (out, MAGIC, MAGIC_LEN);
  out[MAGIC_LEN] = INJ_VAULT_VERSION;
  if (gnutls_rnd (GNUTLS_RND_NONCE, out + MAGIC_LEN + 1, NONCE_LEN) != 0)
    {
      gnutls_aead_cipher_deinit (handle);
      g_free (out);
      g_set_error (error, INJ_VAULT_ERROR, INJ_VAULT_ERROR_IO, _("No random nonce could be made."));
      return NULL;
    }
  ad = associated_data (out, role, &ad_len);
  rc = gnutls_aead_cipher_encrypt (handle, out + MAGIC_LEN + 1, NONCE_LEN, ad, ad_len, TAG_LEN,
                                   data, length, out + HEADER_LEN, &ct_len);
  gnutls_aead_cipher_deinit (handle);
  if (rc < 0 || ct_len != length + TAG_LEN)
    {
      g_free (out);
      g_set_error (error, INJ_VAULT_ERROR, INJ_VAULT_ERROR_IO, _("The data could not be encrypted."));
      return NULL;
    }
  return g_bytes_new_take (out, total);
}

GBytes *
inj_vault_decrypt (const guint8 key[INJ_VAULT_KEY_SIZE],
                   const char *role,
                   const void *data,
                   gsize length,
                   GError **error)
{
  const guint8 *in = data;
  gnutls_aead_cipher_hd_t handle;
  g_autofree guint8 *ad = NULL;
  gsize ad_len = 0;
  guint8 *out;
  size_t pt_len;
  int rc;

  if (!inj_vault_is_sealed (data, length) || length < HEADER_LEN + TAG_LEN)
    {
      g_set_error (error, INJ_VAULT_ERROR, INJ_VAULT_ERROR_DECRYPT,
                   _("The file is not an encrypted Ininjo file, or it is cut short."));
      return NULL;
    }
  if (in[MAGIC_LEN] != INJ_VAULT_VERSION)
    {
      g_set_error (error, INJ_VAULT_ERROR, INJ_VAULT_ERROR_VERSION,
                   _("The file was encrypted by a newer version of Ininjo (format %u)."),
                   (guint) in[MAGIC_LEN]);
      return NULL;
    }
  handle = cipher_new (key, error);
  if (handle == NULL)
    return NULL;
  ad = associated_data (in, role, &ad_len);
  pt_len = length - HEADER_LEN;
  out = g_malloc (pt_len + 1);
  rc = gnutls_aead_cipher_decrypt (handle, in + MAGIC_LEN + 1, NONCE_LEN, ad, ad_len, TAG_LEN,
                                   in + HEADER_LEN, length - HEADER_LEN, out, &pt_len);
  gnutls_aead_cipher_deinit (handle);
  if (rc < 0)
    {
      inj_vault_wipe (out, length - HEADER_LEN);
      g_free (out);
      g_set_error (error, INJ_VAULT_ERROR, INJ_VAULT_ERROR_DECRYPT,
                   _("The file cannot be decrypted: it was changed, or it was encrypted with "
                     "another key."));
      return NULL;
    }
  out[pt_len] = '\0'; /* convenient for text; not counted */
  return g_bytes_new_take (out, pt_len);
}

GBytes *
inj_vault_seal (const char *role,
                const void *data,
                gsize length,
                GError **error)
{
  guint8 key[INJ_VAULT_KEY_SIZE];
  g_autoptr(GError) local = NULL;
  GBytes *sealed;

  if (!inj_vault_get_key (key, TRUE, &local))
    {
      if (g_error_matches (local, INJ_VAULT_ERROR, INJ_VAULT_ERROR_NO_SECRET_SERVICE) &&
          inj_vault_get_allow_unencrypted ())
        return g_bytes_new (data, length);
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  sealed = inj_vault_encrypt (key, role, data, length, error);
  inj_vault_wipe (key, sizeof key);
  return sealed;
}

GBytes *
inj_vault_open (const char *role,
                GBytes *data,
                GError **error)
{
  guint8 key[INJ_VAULT_KEY_SIZE];
  gsize length = 0;
  const void *bytes = g_bytes_get_data (data, &length);
  GBytes *plain;

  if (!inj_vault_is_sealed (bytes, length))
    return g_bytes_ref (data); /* plaintext from before: encrypted on the next write */
  if (!inj_vault_get_key (key, FALSE, error))
    return NULL;
  plain = inj_vault_decrypt (key, role, bytes, length, error);
  inj_vault_wipe (key, sizeof key);
  return plain;
}

/* ---------------------------------------------------------------- files */

gboolean
inj_vault_write_atomic (const char *path,
                        const void *data,
                        gsize length,
                        GError **error)
{
  return g_file_set_contents_full (path, data, (gssize) length,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}

gboolean
inj_vault_write_file (const char *path,
                      const char *role,
                      const void *data,
                      gsize length,
                      GError **error)
{
  g_autoptr(GBytes) sealed = inj_vault_seal (role, data, length, error);

  if (sealed == NULL)
    return FALSE;
  return inj_vault_write_atomic (path, g_bytes_get_data (sealed, NULL),
                                 g_bytes_get_size (sealed), error);
}

GBytes *
inj_vault_read_file (const char *path,
                     const char *role,
                     GError **error)
{
  char *data = NULL;
  gsize length = 0;
  g_autoptr(GBytes) raw = NULL;
  g_autoptr(GError) local = NULL;
  GBytes *plain;

  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;
  raw = g_bytes_new_take (data, length);
  plain = inj_vault_open (role, raw, &local);
  if (plain == NULL)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, local->domain, local->code, "%s: %s", display, local->message);
    }
  return plain;
}

/* ---------------------------------------------------------------- erase */

static gboolean
remove_tree (const char *path,
             GError **error)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return TRUE; /* nothing there */
  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) d = g_dir_open (path, 0, error);
      const char *name;

      if (d == NULL)
        return FALSE;
      while ((name = g_dir_read_name (d)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          if (!remove_tree (child, error))
            return FALSE;
        }
    }
  if (g_remove (path) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, INJ_VAULT_ERROR, INJ_VAULT_ERROR_IO,
                   _("%s cannot be removed: %s"), display, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static gboolean
empty_dir (const char *dir,
           gboolean keep_audit,
           GError **error)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  gboolean kept = FALSE;

  if (d == NULL)
    return TRUE;
  while ((name = g_dir_read_name (d)))
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);
      if (keep_audit && g_str_has_prefix (name, "audit"))
        {
          kept = TRUE;
          continue;
        }
      if (!remove_tree (child, error))
        return FALSE;
    }
  g_clear_pointer (&d, g_dir_close);
  if (!kept && g_rmdir (dir) != 0 && errno != ENOENT)
    {
      int saved = errno;
      g_set_error (error, INJ_VAULT_ERROR, INJ_VAULT_ERROR_IO,
                   _("%s cannot be removed: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

gboolean
inj_vault_erase_local_data (const char *drafts_dir,
                            gboolean include_audit_log,
                            GError **error)
{
  g_autofree char *data = g_build_filename (g_get_user_data_dir (), "ininjo", NULL);
  g_autofree char *state = g_build_filename (g_get_user_state_dir (), "ininjo", NULL);
  g_autofree char *cache = g_build_filename (g_get_user_cache_dir (), "ininjo", NULL);
  g_autoptr(GError) local = NULL;

  gboolean ok;

  ok = (drafts_dir == NULL || empty_dir (drafts_dir, FALSE, error)) &&
       empty_dir (data, FALSE, error) &&
       empty_dir (state, !include_audit_log, error) &&
       empty_dir (cache, FALSE, error);
  /* Without a Secret Service there is no key to remove. */
  if (ok && !inj_vault_delete_key (&local) &&
      !g_error_matches (local, INJ_VAULT_ERROR, INJ_VAULT_ERROR_NO_SECRET_SERVICE))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      ok = FALSE;
    }
  /* A kept audit log says it was done (an erased one starts again). */
  if (!include_audit_log)
    inj_audit_record (INJ_AUDIT_ERASE, NULL, NULL, NULL, ok || error == NULL ? NULL : *error);
  return ok;
}

void
inj_vault_shutdown (void)
{
  secret_service_disconnect ();
}
