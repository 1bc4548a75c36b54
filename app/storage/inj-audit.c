/* inj-audit.c: the hash-chained audit log. See inj-audit.h for the format. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "inj-audit.h"
#include "inj-date.h"
#include "inj-xml-private.h"
#include "inj-xmldsig.h"

#define HASH_MARK ",\"hash\":\""
#define TAIL_CHUNK 65536

G_DEFINE_QUARK (inj-audit-error-quark, inj_audit_error)

void
inj_audit_event_free (InjAuditEvent *e)
{
  if (e == NULL)
    return;
  g_free (e->time);
  g_free (e->action);
  g_free (e->fingerprint);
  g_free (e->serial);
  g_free (e->delegation_id);
  g_free (e->result);
  g_free (e->code);
  g_free (e->detail);
  g_free (e);
}

char *
inj_audit_default_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "ininjo", "audit.jsonl", NULL);
}

/* ------------------------------------------------------------ values */

/* Only these characters reach the file, so that no name, address or
 * message can: hex, ASCII letters and digits, and a few separators. */
static char *
token (const char *value,
       const char *extra,
       gsize max)
{
  gsize n;

  if (value == NULL || *value == '\0')
    return NULL;
  n = strlen (value);
  if (n > max)
    return g_strdup ("?");
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalnum (value[i]) && strchr (extra, value[i]) == NULL)
      return g_strdup ("?");
  return g_strdup (value);
}

static char *
sha256_hex (const char *data,
            gsize len)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

static void
member (GString *out,
        const char *name,
        const char *value)
{
  if (value == NULL)
    return;
  /* values are tokens: nothing to escape */
  g_string_append_printf (out, "%s\"%s\":\"%s\"", out->len > 1 ? "," : "", name, value);
}

static char *
format_line (const InjAuditEvent *e,
             guint64 seq,
             const char *stamp,
             const char *prev)
{
  GString *out = g_string_new ("{");
  g_autofree char *action = token (e->action, "-_", 32);
  g_autofree char *fingerprint = token (e->fingerprint, ":", 128);
  g_autofree char *serial = token (e->serial, ":", 128);
  g_autofree char *id = token (e->delegation_id, "-_.", 64);
  g_autofree char *result = token (e->result ? e->result : "ok", "-", 16);
  g_autofree char *code = token (e->code, "-_.:/", 64);
  g_autofree char *detail = token (e->detail, "-_.", 32);
  g_autofree char *t = token (stamp, "-:.+", 40);
  g_autofree char *hash = NULL;

  g_string_append_printf (out, "\"seq\":%" G_GUINT64_FORMAT, seq);
  member (out, "time", t);
  member (out, "action", action ? action : "?");
  member (out, "fingerprint", fingerprint);
  member (out, "serial", serial);
  member (out, "delegation", id);
  member (out, "result", result);
  member (out, "code", code);
  member (out, "detail", detail);
  member (out, "prev", prev);
  hash = sha256_hex (out->str, out->len);
  g_string_append_printf (out, "%s%s\"}\n", HASH_MARK, hash);
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------ append */

static gboolean
io_error (GError **error,
          const char *path,
          int saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, INJ_AUDIT_ERROR, INJ_AUDIT_ERROR_IO,
               _("The audit log %s cannot be written: %s"), display, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
read_at (int fd,
         char *buf,
         gsize len,
         goffset offset)
{
  gsize done = 0;

  while (done < len)
    {
      ssize_t n = pread (fd, buf + done, len - done, offset + (goffset) done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      done += (gsize) n;
    }
  return TRUE;
}

static guint64
count_lines (const char *data,
             gsize len)
{
  guint64 n = 0;

  for (gsize i = 0; i < len; i++)
    if (data[i] == '\n')
      n++;
  return n;
}

static guint64
seq_of (const char *line,
        gsize len)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, line, (gssize) len, NULL))
    return 0;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return 0;
  return (guint64) json_object_get_int_member_with_default (json_node_get_object (root), "seq",
                                                            0);
}

/* Under the lock: the last line's hash and the next seq. @broken is set
 * when the file does not end with a newline (a line cut off). */
static gboolean
last_line (int fd,
           goffset size,
           char **prev,
           guint64 *next_seq,
           gboolean *broken,
           const char *path,
           GError **error)
{
  gsize chunk = (gsize) MIN (size, TAIL_CHUNK);
  g_autofree char *buf = NULL;
  gsize end, start;

  *broken = FALSE;
  if (size == 0)
    {
      *prev = sha256_hex (INJ_AUDIT_GENESIS, strlen (INJ_AUDIT_GENESIS));
      *next_seq = 1;
      return TRUE;
    }
  buf = g_malloc (chunk);
  if (!read_at (fd, buf, chunk, size - (goffset) chunk))
    return io_error (error, path, errno ? errno : EIO);
  end = chunk;
  if (buf[end - 1] == '\n')
    end--;
  else
    *broken = TRUE;
  start = end;
  while (start > 0 && buf[start - 1] != '\n')
    start--;
  if (start == 0 && (goffset) chunk < size)
    {
      /* a line longer than the chunk: read the whole file */
      g_clear_pointer (&buf, g_free);
      chunk = (gsize) size;
      buf = g_malloc (chunk);
      if (!read_at (fd, buf, chunk, 0))
        return io_error (error, path, errno ? errno : EIO);
      end = buf[chunk - 1] == '\n' ? chunk - 1 : chunk;
      start = end;
      while (start > 0 && buf[start - 1] != '\n')
        start--;
    }
  *prev = sha256_hex (buf + start, end - start);
  *next_seq = seq_of (buf + start, end - start) + 1;
  if (*next_seq == 1)
    {
      /* not an event: number after the lines there are */
      g_autofree char *all = g_malloc ((gsize) size);
      if (!read_at (fd, all, (gsize) size, 0))
        return io_error (error, path, errno ? errno : EIO);
      *next_seq = count_lines (all, (gsize) size) + (*broken ? 2 : 1);
    }
  return TRUE;
}

static gboolean
write_all (int fd,
           const char *data,
           gsize len)
{
  while (len > 0)
    {
      ssize_t n = write (fd, data, len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

gboolean
inj_audit_append (const char *path,
                  const InjAuditEvent *event,
                  GError **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *prev = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *line = NULL;
  guint64 seq = 0;
  gboolean broken = FALSE, created;
  struct stat st;
  int fd, saved;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (event != NULL && event->action != NULL, FALSE);

  dir = g_path_get_dirname (path);
  created = !g_file_test (dir, G_FILE_TEST_IS_DIR);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    return io_error (error, path, errno);
  if (created)
    g_chmod (dir, 0700);

  fd = g_open (path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    return io_error (error, path, errno);
  if (flock (fd, LOCK_EX) != 0 || fstat (fd, &st) != 0)
    goto fail;
  if ((st.st_mode & 0777) != 0600 && fchmod (fd, 0600) != 0)
    goto fail;
  if (!last_line (fd, st.st_size, &prev, &seq, &broken, path, error))
    {
      close (fd);
      return FALSE;
    }
  if (event->time)
    stamp = g_strdup (event->time);
  else
    {
      g_autoptr(GDateTime) now = inj_date_now ();
      g_autoptr(GDateTime) utc = g_date_time_to_utc (now);
      stamp = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
    }
  line = format_line (event, seq, stamp, prev);
  if ((broken && !write_all (fd, "\n", 1)) || !write_all (fd, line, strlen (line)) ||
      fsync (fd) != 0)
    goto fail;
  if (st.st_size == 0)
    {
      int dfd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
      if (dfd >= 0)
        {
          fsync (dfd);
          close (dfd);
        }
    }
  close (fd); /* releases the lock */
  return TRUE;

fail:
  saved = errno;
  close (fd);
  return io_error (error, path, saved);
}

/* ------------------------------------------------------------ record */

char *
inj_audit_error_code (const GError *error)
{
  const char *domain;
  gsize n;

  if (error == NULL)
    return NULL;
  domain = g_quark_to_string (error->domain);
  n = strlen (domain);
  if (g_str_has_suffix (domain, "-quark"))
    n -= strlen ("-quark");
  return g_strdup_printf ("%.*s:%d", (int) n, domain, error->code);
}

static void
record (const char *action,
        InjCertificate *cert,
        const char *delegation_id,
        const char *detail,
        const char *result,
        const char *code)
{
  g_autofree char *path = inj_audit_default_path ();
  g_autoptr(GError) error = NULL;
  InjAuditEvent e = {
    .action = (char *) action,
    .fingerprint = cert ? (char *) inj_certificate_get_fingerprint (cert) : NULL,
    .serial = cert ? (char *) inj_certificate_get_serial (cert) : NULL,
    .delegation_id = (char *) delegation_id,
    .result = (char *) result,
    .code = (char *) code,
    .detail = (char *) detail,
  };

  if (!inj_audit_append (path, &e, &error))
    g_message ("%s", error->message);
}

void
inj_audit_record (const char *action,
                  InjCertificate *cert,
                  const char *delegation_id,
                  const char *detail,
                  const GError *error)
{
  g_autofree char *code = inj_audit_error_code (error);
  const char *result = "ok";

  g_return_if_fail (action != NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    result = "cancelled";
  else if (error)
    result = "failed";
  record (action, cert, delegation_id, detail, result, code);
}

static const char *
check_code (InjCheckKind kind)
{
  static const char *const codes[] = {
    [INJ_CHECK_DOCUMENT] = "document",
    [INJ_CHECK_SIGNATURE] = "signature",
    [INJ_CHECK_KEY] = "key",
    [INJ_CHECK_CHAIN] = "chain",
    [INJ_CHECK_VALID_AT_SIGNING] = "valid-at-signing",
    [INJ_CHECK_VALID_NOW] = "valid-now",
    [INJ_CHECK_KEY_USAGE] = "key-usage",
    [INJ_CHECK_JPKI_FIELDS] = "jpki-fields",
    [INJ_CHECK_NAME] = "name",
    [INJ_CHECK_BINDING] = "binding",
    [INJ_CHECK_ROOT_AT_SIGNING] = "root-at-signing",
    [INJ_CHECK_ROOT_NOW] = "root-now",
    [INJ_CHECK_POLICY] = "policy",
  };

  return (guint) kind < G_N_ELEMENTS (codes) && codes[kind] ? codes[kind] : "other";
}

void
inj_audit_record_verification (const char *action,
                               InjVerification *v,
                               const char *delegation_id,
                               const GError *error)
{
  GPtrArray *checks;
  g_autofree char *code = NULL;

  g_return_if_fail (action != NULL);

  if (v == NULL)
    {
      g_autoptr(GError) unknown = NULL;
      if (error == NULL)
        unknown = g_error_new_literal (INJ_AUDIT_ERROR, INJ_AUDIT_ERROR_MALFORMED, "");
      inj_audit_record (action, NULL, delegation_id, NULL, error ? error : unknown);
      return;
    }
  if (inj_verification_is_valid (v))
    {
      record (action, inj_verification_get_signer (v), delegation_id, NULL, "ok", NULL);
      return;
    }
  checks = inj_verification_get_checks (v);
  for (guint i = 0; i < checks->len && code == NULL; i++)
    {
      InjCheck *c = g_ptr_array_index (checks, i);
      if (c->result == INJ_CHECK_FAILED)
        code = g_strdup_printf ("verification:%s", check_code (c->kind));
    }
  record (action, inj_verification_get_signer (v), delegation_id, NULL, "failed",
          code ? code : "verification");
}

/* The certificate in Signature/KeyInfo/X509Data/X509Certificate, each in
 * the XMLDSig namespace; NULL when there is none or it cannot be read. */
InjCertificate *
inj_audit_signer_of (GBytes *signed_xml)
{
  xmlDocPtr doc;
  xmlNodePtr node;
  xmlChar *text = NULL;
  InjCertificate *cert = NULL;

  if (signed_xml == NULL)
    return NULL;
  doc = inj_xml_parse (g_bytes_get_data (signed_xml, NULL), g_bytes_get_size (signed_xml), NULL);
  if (doc == NULL)
    return NULL;
  node = inj_xmldsig_child (inj_xmldsig_child (inj_xmldsig_find (doc, NULL), "KeyInfo"),
                            "X509Data");
  node = inj_xmldsig_child (node, "X509Certificate");
  if (node)
    text = xmlNodeGetContent (node);
  if (text)
    {
      gsize len = 0;
      guchar *der = g_base64_decode ((const char *) text, &len);
      g_autoptr(GBytes) bytes = g_bytes_new_take (der, len);
      if (len > 0)
        cert = inj_certificate_new_from_der (bytes, NULL);
      xmlFree (text);
    }
  xmlFreeDoc (doc);
  return cert;
}

/* ------------------------------------------------------------ verify */

static const char *
get_string (JsonObject *o,
            const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  return n && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING
           ? json_node_get_string (n) : NULL;
}

static InjAuditEvent *
event_from_object (JsonObject *o)
{
  InjAuditEvent *e = g_new0 (InjAuditEvent, 1);

  e->seq = (guint64) json_object_get_int_member_with_default (o, "seq", 0);
  e->time = g_strdup (get_string (o, "time"));
  e->action = g_strdup (get_string (o, "action"));
  e->fingerprint = g_strdup (get_string (o, "fingerprint"));
  e->serial = g_strdup (get_string (o, "serial"));
  e->delegation_id = g_strdup (get_string (o, "delegation"));
  e->result = g_strdup (get_string (o, "result"));
  e->code = g_strdup (get_string (o, "code"));
  e->detail = g_strdup (get_string (o, "detail"));
  return e;
}

static JsonObject *
parse_line (const char *line,
            gsize len)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *o;

  if (memchr (line, '\0', len) || !g_utf8_validate (line, (gssize) len, NULL) ||
      !json_parser_load_from_data (parser, line, (gssize) len, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  o = json_node_get_object (root);
  if (json_object_get_int_member_with_default (o, "seq", 0) <= 0 || !get_string (o, "time") ||
      !get_string (o, "action") || !get_string (o, "result") || !get_string (o, "prev") ||
      !get_string (o, "hash"))
    return NULL;
  return json_object_ref (o);
}

static gboolean
read_log (const char *path,
          char **data,
          gsize *len,
          GError **error)
{
  g_autoptr(GError) local = NULL;

  if (g_file_get_contents (path, data, len, &local))
    return TRUE;
  if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      *data = g_strdup ("");
      *len = 0;
      return TRUE;
    }
  g_set_error_literal (error, INJ_AUDIT_ERROR, INJ_AUDIT_ERROR_IO, local->message);
  return FALSE;
}

static gboolean
bad (GError **error,
     guint *first_bad_line,
     guint line,
     InjAuditError code,
     const char *format,
     ...) G_GNUC_PRINTF (5, 6);

static gboolean
bad (GError **error,
     guint *first_bad_line,
     guint line,
     InjAuditError code,
     const char *format,
     ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (first_bad_line)
    *first_bad_line = line;
  g_set_error_literal (error, INJ_AUDIT_ERROR, code, message);
  return FALSE;
}

gboolean
inj_audit_verify_full (const char *path,
                       guint *n_lines,
                       guint *first_bad_line,
                       GError **error)
{
  g_autofree char *data = NULL;
  g_autofree char *prev = sha256_hex (INJ_AUDIT_GENESIS, strlen (INJ_AUDIT_GENESIS));
  gsize len = 0, pos = 0;
  guint line_no = 0;

  g_return_val_if_fail (path != NULL, FALSE);

  if (first_bad_line)
    *first_bad_line = 0;
  if (n_lines)
    *n_lines = 0;
  if (!read_log (path, &data, &len, error))
    return FALSE;

  while (pos < len)
    {
      const char *line = data + pos;
      const char *nl = memchr (line, '\n', len - pos);
      gsize line_len;
      g_autoptr(JsonObject) o = NULL;
      g_autofree char *own = NULL;
      const char *mark;
      gint64 seq;

      line_no++;
      if (n_lines)
        *n_lines = line_no;
      if (nl == NULL)
        return bad (error, first_bad_line, line_no, INJ_AUDIT_ERROR_INCOMPLETE,
                    _("Line %u is cut off: the log was truncated or a write did not finish."),
                    line_no);
      line_len = (gsize) (nl - line);
      pos += line_len + 1;
      o = parse_line (line, line_len);
      if (o == NULL)
        return bad (error, first_bad_line, line_no, INJ_AUDIT_ERROR_MALFORMED,
                    _("Line %u is not an audit event: it was changed."), line_no);
      seq = json_object_get_int_member (o, "seq");
      if (seq != (gint64) line_no)
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, seq);
          return bad (error, first_bad_line, line_no, INJ_AUDIT_ERROR_SEQUENCE,
                      _("Line %u carries number %s: a line before it was removed or the lines "
                        "were reordered."), line_no, number);
        }
      if (g_strcmp0 (get_string (o, "prev"), prev) != 0)
        return bad (error, first_bad_line, line_no, INJ_AUDIT_ERROR_CHAIN,
                    _("Line %u does not follow the line before it: one of them was changed "
                      "or replaced."), line_no);
      mark = g_strrstr_len (line, (gssize) line_len, HASH_MARK);
      own = mark ? sha256_hex (line, (gsize) (mark - line)) : NULL;
      if (own == NULL || g_strcmp0 (get_string (o, "hash"), own) != 0)
        return bad (error, first_bad_line, line_no, INJ_AUDIT_ERROR_CHANGED,
                    _("Line %u was changed after it was written."), line_no);
      g_free (prev);
      prev = sha256_hex (line, line_len);
    }
  return TRUE;
}

gboolean
inj_audit_verify (const char *path,
                  guint *first_bad_line,
                  GError **error)
{
  return inj_audit_verify_full (path, NULL, first_bad_line, error);
}

GPtrArray *
inj_audit_load (const char *path,
                GError **error)
{
  g_autofree char *data = NULL;
  gsize len = 0, pos = 0;
  GPtrArray *out;

  g_return_val_if_fail (path != NULL, NULL);

  if (!read_log (path, &data, &len, error))
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) inj_audit_event_free);
  while (pos < len)
    {
      const char *nl = memchr (data + pos, '\n', len - pos);
      gsize line_len = nl ? (gsize) (nl - (data + pos)) : len - pos;
      g_autoptr(JsonObject) o = parse_line (data + pos, line_len);

      if (o)
        g_ptr_array_add (out, event_from_object (o));
      pos += line_len + 1;
    }
  return out;
}

/* ------------------------------------------------------------ labels */

const char *
inj_audit_action_label (const char *action)
{
  if (g_strcmp0 (action, INJ_AUDIT_SIGN) == 0)
    return _("Signed a delegation");
  if (g_strcmp0 (action, INJ_AUDIT_SUBMISSION) == 0)
    return _("Signed an agent's submission");
  if (g_strcmp0 (action, INJ_AUDIT_UPLOAD) == 0)
    return _("Sent a delegation to the service");
  if (g_strcmp0 (action, INJ_AUDIT_RENEWAL) == 0)
    return _("Sent a renewal to the service");
  if (g_strcmp0 (action, INJ_AUDIT_VALIDITY) == 0)
    return _("Checked a delegation's validity");
  if (g_strcmp0 (action, INJ_AUDIT_BUNDLE_EXPORT) == 0)
    return _("Exported a diagnostic bundle");
  if (g_strcmp0 (action, INJ_AUDIT_ERASE) == 0)
    return _("Erased the local data");
  if (g_strcmp0 (action, INJ_AUDIT_AGENT_MISMATCH) == 0)
    return _("Used an agent's certificate whose name differs from the delegation");
  if (g_strcmp0 (action, INJ_AUDIT_PASSWORD_CHANGE) == 0)
    return _("Changed the signing password");
  if (g_strcmp0 (action, INJ_AUDIT_PIN_CHANGE) == 0)
    return _("Changed the authentication PIN");
  return action ? action : "?";
}

const char *
inj_audit_result_label (const char *result)
{
  if (g_strcmp0 (result, "ok") == 0)
    return _("succeeded");
  if (g_strcmp0 (result, "cancelled") == 0)
    return _("cancelled");
  if (g_strcmp0 (result, "failed") == 0)
    return _("failed");
  return result ? result : "?";
}

char *
inj_audit_display_time (const char *stamp)
{
  g_autoptr(GDateTime) dt = stamp ? g_date_time_new_from_iso8601 (stamp, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (dt == NULL)
    return g_strdup (stamp ? stamp : "?");
  local = inj_date_to_jst (dt);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}
