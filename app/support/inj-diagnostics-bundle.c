/* inj-diagnostics-bundle.c: the support report as JSON and as text, and
 * the diagnostic bundle (a tar of the report, the redacted logs and the
 * last operations) that support asks for. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "inj-app.h"
#include "inj-audit.h"
#include "inj-diagnostics.h"

char *
inj_diagnostics_to_json (JsonObject *report)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_node_set_object (node, report);
  json_generator_set_root (gen, node);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}

static void text_node (GString *out, const char *key, JsonNode *node, int depth);

static void
text_object (GString *out,
             JsonObject *o,
             int depth)
{
  g_autoptr(GList) members = json_object_get_members (o);

  for (GList *l = members; l; l = l->next)
    text_node (out, l->data, json_object_get_member (o, l->data), depth);
}

static void
text_node (GString *out,
           const char *key,
           JsonNode *node,
           int depth)
{
  g_string_append_printf (out, "%*s%s%s", depth * 2, "", key ? key : "-", key ? ":" : "");
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      g_string_append_c (out, '\n');
      text_object (out, json_node_get_object (node), depth + 1);
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *a = json_node_get_array (node);
        g_string_append_printf (out, "%s\n", json_array_get_length (a) ? "" : " —");
        for (guint i = 0; i < json_array_get_length (a); i++)
          text_node (out, NULL, json_array_get_element (a, i), depth + 1);
      }
      break;
    case JSON_NODE_NULL:
      g_string_append (out, " —\n");
      break;
    case JSON_NODE_VALUE:
    default:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        g_string_append_printf (out, " %s\n", json_node_get_string (node));
      else if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        g_string_append_printf (out, " %s\n", json_node_get_boolean (node) ? "yes" : "no");
      else if (json_node_get_value_type (node) == G_TYPE_INT64)
        g_string_append_printf (out, " %" G_GINT64_FORMAT "\n", json_node_get_int (node));
      else
        g_string_append_printf (out, " %g\n", json_node_get_double (node));
      break;
    }
}

char *
inj_diagnostics_to_text (JsonObject *report)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%s\n\n", _("Ininjo diagnostics"));
  text_object (out, report, 0);
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------- the bundle */

void
inj_bundle_file_free (InjBundleFile *file)
{
  if (file == NULL)
    return;
  g_free (file->name);
  g_clear_pointer (&file->content, g_bytes_unref);
  g_free (file);
}

static void
add_file (GPtrArray *files,
          const char *name,
          const char *text)
{
  InjBundleFile *f = g_new0 (InjBundleFile, 1);
  char *clean = inj_log_redact (text);

  f->name = g_strdup (name);
  f->content = g_bytes_new_take (clean, strlen (clean));
  g_ptr_array_add (files, f);
}

static char *
operations_text (void)
{
  g_autoptr(GPtrArray) ops = inj_pkcs11_ops_snapshot ();
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GList) keys = NULL;
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "# %s\n\n", _("Card and PKCS#11 operations of this session"));
  for (guint i = 0; i < ops->len; i++)
    {
      InjOpRecord *r = g_ptr_array_index (ops, i);
      char *key = g_strdup_printf ("%s %s → %s", r->operation, r->detail ? r->detail : "",
                                   r->result);
      g_hash_table_insert (counts, key,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, key))
                                             + 1));
    }
  keys = g_list_sort (g_hash_table_get_keys (counts), (GCompareFunc) g_strcmp0);
  g_string_append_printf (out, "%s\n", _("Counts:"));
  if (keys == NULL)
    g_string_append_printf (out, "  %s\n", _("none"));
  for (GList *l = keys; l; l = l->next)
    g_string_append_printf (out, "  %4u × %s\n",
                            GPOINTER_TO_UINT (g_hash_table_lookup (counts, l->data)),
                            (const char *) l->data);
  g_string_append_printf (out, "\n%s\n", _("Last operations (start, duration, what, result):"));
  for (guint i = 0; i < ops->len; i++)
    {
      InjOpRecord *r = g_ptr_array_index (ops, i);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (r->when / G_USEC_PER_SEC);
      g_autofree char *stamp = when ? g_date_time_format_iso8601 (when) : NULL;
      g_string_append_printf (out, "  %s %6.1f ms %s %s %s\n", stamp, r->duration_us / 1000.0,
                              r->operation, r->detail ? r->detail : "", r->result);
    }
  return g_string_free (out, FALSE);
}

GPtrArray *
inj_diagnostics_bundle_files (JsonObject *report)
{
  GPtrArray *files = g_ptr_array_new_with_free_func ((GDestroyNotify) inj_bundle_file_free);
  g_autofree char *json = inj_diagnostics_to_json (report);
  g_autofree char *text = inj_diagnostics_to_text (report);
  g_autofree char *ops = operations_text ();
  g_autoptr(GBytes) log = inj_log_read_recent ();
  g_autofree char *log_text = g_strndup (g_bytes_get_data (log, NULL), g_bytes_get_size (log));
  g_autofree char *readme = g_strdup_printf (
    "%s\n\n"
    "README.txt           %s\n"
    "diagnostics.json     %s\n"
    "diagnostics.txt      %s\n"
    "card-operations.txt  %s\n"
    "ininjo.log           %s\n",
    _("An Ininjo diagnostic bundle. PINs, passwords, names, addresses, dates of birth and "
      "certificate bodies were removed; certificates appear by serial and fingerprint only."),
    _("this file"), _("the diagnostics, for programs"), _("the same, to read"),
    _("what card operations ran and how they ended (no data)"), _("the recent log"));

  add_file (files, "README.txt", readme);
  add_file (files, "diagnostics.json", json);
  add_file (files, "diagnostics.txt", text);
  add_file (files, "card-operations.txt", ops);
  add_file (files, "ininjo.log", log_text);
  return files;
}

/* One ustar header: name, mode 0600, size, mtime, checksum. */
static void
tar_header (guint8 block[512],
            const char *name,
            gsize size,
            gint64 mtime)
{
  guint sum = 0;

  memset (block, 0, 512);
  g_strlcpy ((char *) block, name, 100);
  g_snprintf ((char *) block + 100, 8, "%07o", 0600);
  g_snprintf ((char *) block + 108, 8, "%07o", 0);
  g_snprintf ((char *) block + 116, 8, "%07o", 0);
  g_snprintf ((char *) block + 124, 12, "%011lo", (unsigned long) size);
  g_snprintf ((char *) block + 136, 12, "%011lo", (unsigned long) mtime);
  memset (block + 148, ' ', 8);
  block[156] = '0';
  memcpy (block + 257, "ustar", 6);
  memcpy (block + 263, "00", 2);
  for (guint i = 0; i < 512; i++)
    sum += block[i];
  g_snprintf ((char *) block + 148, 8, "%06o", sum);
  block[155] = ' ';
}

static gboolean
write_all (int fd,
           const void *data,
           gsize len)
{
  const guint8 *p = data;

  while (len > 0)
    {
      ssize_t n = write (fd, p, len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      p += n;
      len -= n;
    }
  return TRUE;
}

gboolean
inj_diagnostics_write_bundle (GPtrArray *files,
                              const char *path,
                              GError **error)
{
  g_autofree char *tmp = g_strconcat (path, ".part", NULL);
  gint64 mtime = g_get_real_time () / G_USEC_PER_SEC;
  guint8 block[512];
  gboolean ok = TRUE;
  int fd;

  g_unlink (tmp);
  fd = open (tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The bundle cannot be written to “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  fchmod (fd, 0600);
  for (guint i = 0; ok && i < files->len; i++)
    {
      InjBundleFile *f = g_ptr_array_index (files, i);
      gsize size = g_bytes_get_size (f->content);
      static const guint8 zeros[512];

      tar_header (block, f->name, size, mtime);
      ok = write_all (fd, block, 512) && write_all (fd, g_bytes_get_data (f->content, NULL), size)
           && write_all (fd, zeros, (512 - size % 512) % 512);
    }
  memset (block, 0, sizeof block);
  ok = ok && write_all (fd, block, 512) && write_all (fd, block, 512) && fsync (fd) == 0;
  if (close (fd) != 0)
    ok = FALSE;
  if (ok && g_rename (tmp, path) != 0)
    ok = FALSE;
  if (!ok)
    {
      int saved = errno;
      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The bundle cannot be written to “%s”: %s"), path, g_strerror (saved));
      inj_audit_record (INJ_AUDIT_BUNDLE_EXPORT, NULL, NULL, NULL, error ? *error : NULL);
      return FALSE;
    }
  inj_audit_record (INJ_AUDIT_BUNDLE_EXPORT, NULL, NULL, NULL, NULL);
  return TRUE;
}
