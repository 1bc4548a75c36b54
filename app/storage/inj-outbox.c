/* inj-outbox.c
 *
 * A package is a directory named after the 電子委任状ID holding the signed
 * delegation, the agent's submission and a small manifest. It is written
 * under a temporary name and renamed into place, so the outbox never holds
 * half a package. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "inj-date.h"
#include "inj-delegation.h"
#include "inj-outbox.h"
#include "inj-vault.h"

G_DEFINE_QUARK (inj-outbox-error-quark, inj_outbox_error)

char *
inj_outbox_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "ininjo", "outbox", NULL);
}

static gboolean
write_file (const char *dir,
            const char *name,
            const void *data,
            gsize length,
            GError **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  /* encrypted at rest, the file's name as its role */
  return inj_vault_write_file (path, name, data, length, error);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (dir);
}

char *
inj_outbox_store (const char *delegation_id,
                  GBytes *delegation,
                  GBytes *submission,
                  GError **error)
{
  g_autofree char *outbox = inj_outbox_dir ();
  g_autofree char *final = g_build_filename (outbox, delegation_id, NULL);
  g_autofree char *tmpl = g_build_filename (outbox, ".incoming-XXXXXX", NULL);
  g_autoptr(GDateTime) now = inj_date_now ();
  g_autofree char *created = inj_date_format_datetime (now);
  g_autofree char *manifest = NULL;

  if (g_mkdir_with_parents (outbox, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, INJ_OUTBOX_ERROR, INJ_OUTBOX_ERROR_IO,
                   _("The outbox %s cannot be created: %s"), outbox, g_strerror (saved));
      return NULL;
    }
  g_chmod (outbox, 0700);
  if (g_file_test (final, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, INJ_OUTBOX_ERROR, INJ_OUTBOX_ERROR_EXISTS,
                   _("The delegation %s is already in the outbox."), delegation_id);
      return NULL;
    }
  if (g_mkdtemp_full (tmpl, 0700) == NULL)
    {
      int saved = errno;
      g_set_error (error, INJ_OUTBOX_ERROR, INJ_OUTBOX_ERROR_IO,
                   _("The outbox %s cannot be written: %s"), outbox, g_strerror (saved));
      return NULL;
    }
  manifest = g_strdup_printf ("[package]\ndelegation-id=%s\ncreated-at=%s\nstate=ready\n",
                              delegation_id, created);
  if (!write_file (tmpl, "delegation.xml", g_bytes_get_data (delegation, NULL),
                   g_bytes_get_size (delegation), error) ||
      !write_file (tmpl, "agent-submission.xml", g_bytes_get_data (submission, NULL),
                   g_bytes_get_size (submission), error) ||
      !write_file (tmpl, "package.ini", manifest, strlen (manifest), error))
    {
      remove_tree (tmpl);
      return NULL;
    }
  if (g_rename (tmpl, final) != 0)
    {
      int saved = errno;
      remove_tree (tmpl);
      g_set_error (error, INJ_OUTBOX_ERROR,
                   saved == EEXIST || saved == ENOTEMPTY ? INJ_OUTBOX_ERROR_EXISTS
                                                         : INJ_OUTBOX_ERROR_IO,
                   _("The package could not be put in the outbox: %s"), g_strerror (saved));
      return NULL;
    }
  return g_steal_pointer (&final);
}

/* ------------------------------------------------------------ packages */

void
inj_package_free (InjPackage *p)
{
  if (p == NULL)
    return;
  g_free (p->dir);
  g_free (p->delegation_id);
  g_free (p->idempotency_key);
  g_free (p->state);
  g_free (p->receipt);
  g_free (p->reason);
  g_free (p);
}

InjPackage *
inj_package_load (const char *dir,
                  GError **error)
{
  g_autofree char *path = g_build_filename (dir, "package.ini", NULL);
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GBytes) data = inj_vault_read_file (path, "package.ini", error);
  InjPackage *p;

  if (data == NULL ||
      !g_key_file_load_from_data (kf, g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                                  G_KEY_FILE_NONE, error))
    return NULL;
  p = g_new0 (InjPackage, 1);
  p->dir = g_strdup (dir);
  p->delegation_id = g_key_file_get_string (kf, "package", "delegation-id", NULL);
  p->idempotency_key = g_key_file_get_string (kf, "package", "idempotency-key", NULL);
  p->state = g_key_file_get_string (kf, "package", "state", NULL);
  p->receipt = g_key_file_get_string (kf, "package", "receipt", NULL);
  p->reason = g_key_file_get_string (kf, "package", "reason", NULL);
  if (p->delegation_id == NULL)
    {
      g_set_error (error, INJ_OUTBOX_ERROR, INJ_OUTBOX_ERROR_IO,
                   _("The package %s has no delegation ID."), dir);
      inj_package_free (p);
      return NULL;
    }
  if (p->state == NULL)
    p->state = g_strdup ("ready");
  return p;
}

/* Written atomically, before anything is sent that depends on it: the
 * idempotency key must survive a crash between sending and answering. */
gboolean
inj_package_save (InjPackage *p,
                  GError **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autofree char *data = NULL;
  gsize len;

  g_key_file_set_string (kf, "package", "delegation-id", p->delegation_id);
  g_key_file_set_string (kf, "package", "state", p->state);
  if (p->idempotency_key)
    g_key_file_set_string (kf, "package", "idempotency-key", p->idempotency_key);
  if (p->receipt)
    g_key_file_set_string (kf, "package", "receipt", p->receipt);
  if (p->reason)
    g_key_file_set_string (kf, "package", "reason", p->reason);
  data = g_key_file_to_data (kf, &len, NULL);
  return write_file (p->dir, "package.ini", data, len, error);
}

GBytes *
inj_package_read (InjPackage *p,
                  const char *file,
                  GError **error)
{
  g_autofree char *path = g_build_filename (p->dir, file, NULL);

  return inj_vault_read_file (path, file, error);
}

const char *
inj_package_ensure_key (InjPackage *p,
                        GError **error)
{
  if (p->idempotency_key == NULL)
    {
      /* from the kernel CSPRNG, like a delegation ID */
      g_autofree char *key = inj_delegation_generate_id ();
      p->idempotency_key = g_steal_pointer (&key);
      if (!inj_package_save (p, error))
        {
          g_clear_pointer (&p->idempotency_key, g_free);
          return NULL;
        }
    }
  return p->idempotency_key;
}

static gint
by_dir (gconstpointer a,
        gconstpointer b)
{
  return g_strcmp0 ((*(InjPackage **) a)->dir, (*(InjPackage **) b)->dir);
}

GPtrArray *
inj_outbox_list (GError **error)
{
  g_autofree char *outbox = inj_outbox_dir ();
  GPtrArray *packages = g_ptr_array_new_with_free_func ((GDestroyNotify) inj_package_free);
  g_autoptr(GDir) d = g_dir_open (outbox, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *dir = NULL;
      InjPackage *p;
      if (name[0] == '.')
        continue; /* a package still being written */
      dir = g_build_filename (outbox, name, NULL);
      p = inj_package_load (dir, NULL);
      if (p)
        g_ptr_array_add (packages, p);
    }
  g_ptr_array_sort (packages, by_dir);
  return packages;
}

char *
inj_sent_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "ininjo", "sent", NULL);
}

/* The service answered with a receipt: the package leaves the outbox (it
 * is kept, with its receipt, under sent/). */
gboolean
inj_package_move_to_sent (InjPackage *p,
                          GError **error)
{
  g_autofree char *sent = inj_sent_dir ();
  g_autofree char *target = g_build_filename (sent, p->delegation_id, NULL);

  if (g_mkdir_with_parents (sent, 0700) != 0 || !inj_package_save (p, error))
    {
      if (error && *error == NULL)
        g_set_error (error, INJ_OUTBOX_ERROR, INJ_OUTBOX_ERROR_IO, _("%s cannot be written."), sent);
      return FALSE;
    }
  if (g_rename (p->dir, target) != 0)
    {
      int saved = errno;
      g_set_error (error, INJ_OUTBOX_ERROR, INJ_OUTBOX_ERROR_IO,
                   _("The package could not be moved out of the outbox: %s"), g_strerror (saved));
      return FALSE;
    }
  g_free (p->dir);
  p->dir = g_steal_pointer (&target);
  return TRUE;
}
