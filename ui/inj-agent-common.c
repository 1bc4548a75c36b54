/* inj-agent-common.c */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "inj-agent-common.h"

/* Masked unless @reveal, as the CLI shows them; a date of birth in 和暦. */
char *
inj_agent_field_text (InjCertificate *cert,
                      InjJpkiField field,
                      gboolean reveal)
{
  const char *value = cert ? inj_certificate_get_jpki_field (cert, field) : NULL;

  if (value == NULL || *value == '\0')
    return g_strdup (_("(not in the certificate)"));
  if (!reveal)
    return inj_mask_jpki_field (field, value);
  if (field == INJ_JPKI_BIRTH_DATE)
    {
      char *shown = inj_jpki_birth_date_display (value);
      return shown ? shown : g_strdup (value);
    }
  if (field == INJ_JPKI_GENDER)
    return g_strdup (inj_jpki_gender_display (value));
  return g_strdup (value);
}

char *
inj_agent_validity_text (InjCertificate *cert,
                         GDateTime *now)
{
  g_autofree char *from = inj_date_display_day (inj_certificate_get_not_before (cert));
  g_autofree char *until = inj_date_display_day (inj_certificate_get_not_after (cert));
  g_autoptr(GDateTime) current = now ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  const char *state = inj_render_validity (inj_certificate_get_validity_at (cert, current));
  /* TRANSLATORS: a certificate's validity: from, until, state (valid / expired) */
  return g_strdup_printf (_("%s – %s (%s)"), from, until, state);
}

char *
inj_agent_chain_text (InjCertificate *cert,
                      InjChainStatus status,
                      gboolean pinned,
                      InjCertificate *anchor)
{
  switch (status)
    {
    case INJ_CHAIN_TRUSTED:
      {
        g_autofree char *root = inj_render_ca_name (inj_certificate_get_subject (anchor));

        if (pinned)
          return g_strdup_printf (_("Chains to a public JPKI signing root (%s)."), root);
        return g_strdup_printf (_("Chains to a trust anchor added in the settings (%s), not to "
                                  "a public JPKI root."),
                                root);
      }
    case INJ_CHAIN_INSECURE:
      return g_strdup (_("Issued with a weak algorithm (SHA-1): a representative will not "
                         "accept it."));
    case INJ_CHAIN_UNKNOWN_ISSUER:
    case INJ_CHAIN_BAD_SIGNATURE:
    default:
      {
        g_autofree char *issuer = inj_render_ca_name (inj_certificate_get_issuer (cert));

        return g_strdup_printf (_("Does not chain to a JPKI signing root Ininjo trusts (issuer: "
                                  "%s): a representative will not accept it."),
                                issuer);
      }
    }
}

/* What to do next when a check of the agent's submission failed. */
const char *
inj_agent_check_advice (InjCheckKind kind)
{
  switch (kind)
    {
    case INJ_CHECK_DOCUMENT:
      return _("This is not a submission file made with Ininjo's “Sign as an Agent” page.");
    case INJ_CHECK_SIGNATURE:
      return _("The file was changed after the agent signed it, or it is damaged: ask the "
               "agent to send it again.");
    case INJ_CHECK_KEY:
    case INJ_CHECK_KEY_USAGE:
    case INJ_CHECK_JPKI_FIELDS:
    case INJ_CHECK_POLICY:
      return _("Only the signing certificate (署名用電子証明書) of a My Number card can be "
               "used.");
    case INJ_CHECK_CHAIN:
      return _("Only the signing certificate of a My Number card issued by J-LIS is "
               "accepted: the agent signs with their own My Number card.");
    case INJ_CHECK_VALID_AT_SIGNING:
    case INJ_CHECK_VALID_NOW:
    case INJ_CHECK_ROOT_AT_SIGNING:
    case INJ_CHECK_ROOT_NOW:
      return _("The agent's signing certificate has expired or is not valid yet: the agent "
               "renews it at their municipal office (市区町村の窓口) and signs again.");
    case INJ_CHECK_NAME:
      return _("Check that the names match.");
    case INJ_CHECK_BINDING:
      return _("Ask the agent for a new submission for this delegation: give them the "
               "request code shown on this page, or the delegation file.");
    default:
      return "";
    }
}

/* Each check that failed, with what to do about it. */
char *
inj_agent_failures_text (InjVerification *verification)
{
  GPtrArray *checks = inj_verification_get_checks (verification);
  GString *out = g_string_new (NULL);
  const char *last_advice = NULL;

  for (guint i = 0; i < checks->len; i++)
    {
      const InjCheck *check = g_ptr_array_index (checks, i);
      const char *advice;

      if (check->result != INJ_CHECK_FAILED)
        continue;
      advice = inj_agent_check_advice (check->kind);
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append_printf (out, "• %s", check->message);
      /* two checks of one cause (valid at signing, valid now) say it once */
      if (*advice && advice != last_advice)
        g_string_append_printf (out, "\n   → %s", advice);
      last_advice = advice;
    }
  return g_string_free (out, FALSE);
}

/* Why a typed request code cannot be one, or NULL when it can. Full-width
 * letters and digits count as their ASCII forms. */
char *
inj_agent_request_code_problem (const char *typed)
{
  g_autofree char *folded = typed ? g_utf8_normalize (typed, -1, G_NORMALIZE_NFKC) : NULL;
  guint count = 0;
  gboolean outside = FALSE;

  if (folded == NULL || *folded == '\0')
    return g_strdup (_("Type the request code the representative gave you."));
  for (const char *p = folded; *p; p++)
    {
      char c = g_ascii_toupper (*p);
      if (!g_ascii_isalnum (c))
        continue;
      count++;
      if (!((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7')))
        outside = TRUE;
    }
  if (count != 16)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "A request code has 16 letters and digits "
                                         "(e.g. ABCD-EFGH-IJKL-MNOP); this has %u.",
                                         "A request code has 16 letters and digits "
                                         "(e.g. ABCD-EFGH-IJKL-MNOP); this has %u.",
                                         count),
                            count);
  if (outside)
    return g_strdup (_("A request code has only the letters A–Z and the digits 2–7: there is "
                       "no 0, 1, 8 or 9 (check O and 0, I and 1, B and 8)."));
  return NULL;
}

/* At most INJ_XML_MAX_SIZE bytes: anything larger is no file of ours. */
GBytes *
inj_agent_read_file (const char *path,
                     GCancellable *cancellable,
                     GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, cancellable, error);
  g_autoptr(GByteArray) buf = NULL;
  g_autofree char *display = NULL;

  if (in == NULL)
    return NULL;
  buf = g_byte_array_new ();
  for (;;)
    {
      guint8 chunk[16384];
      gssize n = g_input_stream_read (G_INPUT_STREAM (in), chunk, sizeof chunk, cancellable,
                                      error);
      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      g_byte_array_append (buf, chunk, (guint) n);
      if (buf->len > INJ_XML_MAX_SIZE)
        {
          display = g_filename_display_basename (path);
          g_set_error (error, INJ_XML_ERROR, INJ_XML_ERROR_TOO_LARGE,
                       _("%s is larger than 1 MiB: it is not a file made by Ininjo."), display);
          return NULL;
        }
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&buf));
}

static gboolean
write_all (int fd,
           const guint8 *data,
           gsize len)
{
  while (len > 0)
    {
      ssize_t n = write (fd, data, len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      data += n;
      len -= (gsize) n;
    }
  return fsync (fd) == 0;
}

static gboolean
set_write_error (GError **error,
                 const char *path,
                 int saved)
{
  g_autofree char *display = g_filename_display_name (path);

  if (saved == EEXIST)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                 _("%s already exists. Choose another name: it was not replaced."), display);
  else
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Cannot write %s: %s"),
                 display, g_strerror (saved));
  return FALSE;
}

/* Readable by the user only (0600), complete or not at all. Without
 * @replace an existing file is never touched: the new one is written aside
 * and linked in, which fails if the name was taken meanwhile. */
gboolean
inj_agent_write_file (const char *path,
                      GBytes *bytes,
                      gboolean replace,
                      GError **error)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  g_autofree char *dir = NULL;
  g_autofree char *tmp = NULL;
  int fd, saved;

  if (replace)
    return g_file_set_contents_full (path, (const char *) data, (gssize) len,
                                     G_FILE_SET_CONTENTS_CONSISTENT |
                                     G_FILE_SET_CONTENTS_DURABLE,
                                     0600, error);
  dir = g_path_get_dirname (path);
  tmp = g_build_filename (dir, ".ininjo-XXXXXX", NULL);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_write_error (error, path, errno);
  if (!write_all (fd, data, len))
    {
      saved = errno;
      close (fd);
      g_unlink (tmp);
      return set_write_error (error, path, saved);
    }
  close (fd);
  if (link (tmp, path) == 0)
    {
      g_unlink (tmp);
      return TRUE;
    }
  saved = errno;
  g_unlink (tmp);
  if (saved == EEXIST)
    return set_write_error (error, path, saved);

  /* a file system without hard links: create it exclusively instead */
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_write_error (error, path, errno);
  if (!write_all (fd, data, len))
    {
      saved = errno;
      close (fd);
      g_unlink (path);
      return set_write_error (error, path, saved);
    }
  close (fd);
  return TRUE;
}
