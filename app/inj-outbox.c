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
#include "inj-outbox.h"

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
  return g_file_set_contents_full (path, data, (gssize) length,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
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
