/* inj-vault.h: local files that hold personal data (drafts, outbox and
 * sent packages, the copy of the account: inj-account-store.h), encrypted
 * at rest.
 *
 * AES-256-GCM (GnuTLS) with a random 256-bit key kept in the desktop's
 * Secret Service (libsecret, schema "io.github.ininjo.Ininjo.LocalData").
 * A sealed file is:
 *
 *   "INJVAULT" (8 bytes) | version (1 byte, 1) | nonce (12 bytes) |
 *   ciphertext | GCM tag (16 bytes)
 *
 * with the 21 header bytes followed by "ininjo:" and the file's role
 * ("draft", "package.ini", "delegation.xml", …) as associated data, so a
 * file cannot be swapped for another of a different role. Files that do
 * not start with the magic are read as plaintext (written by an earlier
 * version; the next write encrypts them).
 *
 * Where no Secret Service answers, files are written unencrypted only when
 * the policy allows it (inj_vault_set_allow_unencrypted(): the
 * "allow-unencrypted-local-data" setting or the CLI's --allow-unencrypted);
 * otherwise writing fails with INJ_VAULT_ERROR_NO_SECRET_SERVICE. Files are
 * mode 0600 in either case. The key is looked up for each operation and
 * wiped from memory after it. No GTK here. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define INJ_VAULT_ERROR (inj_vault_error_quark ())
typedef enum {
  INJ_VAULT_ERROR_NO_SECRET_SERVICE,  /* no key can be had, and plaintext is not allowed */
  INJ_VAULT_ERROR_VERSION,            /* written by a newer Ininjo */
  INJ_VAULT_ERROR_DECRYPT,            /* wrong key, altered or truncated file */
  INJ_VAULT_ERROR_IO,
} InjVaultError;
GQuark inj_vault_error_quark (void);

#define INJ_VAULT_KEY_SIZE 32
#define INJ_VAULT_VERSION 1

/* Policy, process-wide. */
void      inj_vault_set_allow_unencrypted (gboolean allow);
gboolean  inj_vault_get_allow_unencrypted (void);

/* Whether the Secret Service answers (looks the key up, creates none). */
gboolean  inj_vault_check_available (GError **error);

/* The key from the Secret Service into @key; with @create, a new random
 * key is stored when there is none. Wipe @key with inj_vault_wipe(). */
gboolean  inj_vault_get_key         (guint8 key[INJ_VAULT_KEY_SIZE],
                                     gboolean create,
                                     GError **error);
/* Removes the key from the Secret Service (TRUE when there was none). */
gboolean  inj_vault_delete_key      (GError **error);
/* Drops libsecret's connection to the Secret Service (at exit). */
void      inj_vault_shutdown        (void);
void      inj_vault_wipe            (void *data,
                                     gsize length);

/* The primitive, with an explicit key. */
gboolean  inj_vault_is_sealed       (const void *data,
                                     gsize length);
GBytes   *inj_vault_encrypt         (const guint8 key[INJ_VAULT_KEY_SIZE],
                                     const char *role,
                                     const void *data,
                                     gsize length,
                                     GError **error);
GBytes   *inj_vault_decrypt         (const guint8 key[INJ_VAULT_KEY_SIZE],
                                     const char *role,
                                     const void *data,
                                     gsize length,
                                     GError **error);

/* With the Secret Service's key and the policy. */
GBytes   *inj_vault_seal            (const char *role,
                                     const void *data,
                                     gsize length,
                                     GError **error);
GBytes   *inj_vault_open            (const char *role,
                                     GBytes *data,
                                     GError **error);

/* Files: written atomically (temporary file, fsync, rename), mode 0600. */
gboolean  inj_vault_write_atomic    (const char *path,
                                     const void *data,
                                     gsize length,
                                     GError **error);
gboolean  inj_vault_write_file      (const char *path,
                                     const char *role,
                                     const void *data,
                                     gsize length,
                                     GError **error);
GBytes   *inj_vault_read_file       (const char *path,
                                     const char *role,
                                     GError **error);

/* "Erase all local data": the user's drafts (@drafts_dir too when it is not
 * the default), outbox, sent packages, logs and anything else Ininjo keeps
 * under its data, state and cache directories, then the key. The audit
 * log (state directory entries named "audit*") is kept unless
 * @include_audit_log. Settings are kept: they hold no personal data. */
gboolean  inj_vault_erase_local_data (const char *drafts_dir,
                                      gboolean include_audit_log,
                                      GError **error);

G_END_DECLS
