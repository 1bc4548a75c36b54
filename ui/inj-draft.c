/* inj-draft.c */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>

#include "inj-draft.h"

char *
inj_draft_default_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "ininjo", "drafts", NULL);
}

static gboolean
id_is_safe (const char *id)
{
  if (id == NULL || *id == '\0' || strlen (id) > 64)
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

/* Unlike inj_delegation_from_input(), an incomplete or invalid draft is
 * still a draft: every item is taken as it was typed. */
InjDelegation *
inj_draft_from_input (const char *data,
                      gsize length,
                      const char *id,
                      const InjServiceProfile *profile,
                      GError **error)
{
  InjDelegation *self = inj_delegation_read_input (data, length, profile, NULL, NULL, error);

  if (self && id_is_safe (id))
    inj_delegation_set_text (self, INJ_FIELD_DELEGATION_ID, id);
  return self;
}

char *
inj_draft_path (const char *dir,
                InjDelegation *delegation)
{
  const char *id = inj_delegation_get_text (delegation, INJ_FIELD_DELEGATION_ID);
  g_autofree char *name = NULL;

  if (!id_is_safe (id))
    return NULL;
  name = g_strconcat (id, ".ini", NULL);
  return g_build_filename (dir, name, NULL);
}

/* The draft changed last, or NULL. */
char *
inj_draft_find_latest (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autofree char *best = NULL;
  gint64 best_time = G_MININT64;
  const char *name;

  if (d == NULL)
    return NULL;
  while ((name = g_dir_read_name (d)))
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!g_str_has_suffix (name, ".ini"))
        continue;
      path = g_build_filename (dir, name, NULL);
      if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
        continue;
      if ((gint64) st.st_mtime > best_time)
        {
          best_time = st.st_mtime;
          g_free (best);
          best = g_steal_pointer (&path);
        }
    }
  return g_steal_pointer (&best);
}

gboolean
inj_draft_write (const char *path,
                 const char *data,
                 GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "%s: %s", dir, g_strerror (saved));
      return FALSE;
    }
  return inj_vault_write_file (path, "draft", data, strlen (data), error);
}

/* The draft's text (NUL-terminated), decrypted. */
char *
inj_draft_read (const char *path,
                gsize *length,
                GError **error)
{
  g_autoptr(GBytes) plain = inj_vault_read_file (path, "draft", error);
  gsize size = 0;
  const char *data;
  char *copy;

  if (plain == NULL)
    return NULL;
  data = g_bytes_get_data (plain, &size);
  copy = g_malloc (size + 1);
  memcpy (copy, data, size);
  copy[size] = '\0';
  if (length)
    *length = size;
  return copy;
}

typedef struct {
  char *path;
  char *data;
} WriteJob;

static void
write_job_free (WriteJob *job)
{
  g_free (job->path);
  g_free (job->data);
  g_free (job);
}

static void
write_thread (GTask *task,
              gpointer source,
              gpointer task_data,
              GCancellable *cancellable)
{
  WriteJob *job = task_data;
  GError *error = NULL;

  if (inj_draft_write (job->path, job->data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* fsync() can take a while on a busy disk: not on the main thread. */
void
inj_draft_write_async (const char *path,
                       const char *data,
                       GCancellable *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  WriteJob *job = g_new0 (WriteJob, 1);

  job->path = g_strdup (path);
  job->data = g_strdup (data);
  g_task_set_source_tag (task, inj_draft_write_async);
  g_task_set_task_data (task, job, (GDestroyNotify) write_job_free);
  g_task_run_in_thread (task, write_thread);
}

gboolean
inj_draft_write_finish (GAsyncResult *result,
                        GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
