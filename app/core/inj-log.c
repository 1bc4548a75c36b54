/* inj-log.c: the structured log writer and its redaction layer. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "inj-date.h"
#include "inj-log.h"

#define LOG_MAX_BYTES (256 * 1024)

static GMutex secrets_lock;
static GPtrArray *secrets; /* folded texts */

static GMutex file_lock;
static char *file_path;
static int file_fd = -1;

static gboolean verbose;
static GPrivate in_writer;

/* ------------------------------------------------------------- folding */

/* The text with each character in its compatibility decomposition (full
 * width to ASCII, half-width katakana to full width), case folded, and
 * spaces and middle dots left out; for each byte of the folded text, the
 * original character it came from. */
typedef struct {
  GString *text;
  GArray *start; /* gsize: the original character's first byte */
  GArray *end;   /* gsize: just after it */
} Folded;

static gboolean
skipped (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x30FB || c == 0xFF65 || c == 0x00B7 || c == 0x200B;
}

static void
fold (const char *text,
      Folded *f)
{
  f->text = g_string_new (NULL);
  f->start = g_array_new (FALSE, FALSE, sizeof (gsize));
  f->end = g_array_new (FALSE, FALSE, sizeof (gsize));
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gsize s = p - text, e = g_utf8_next_char (p) - text;
      char buf[8];
      int n;
      g_autofree char *norm = NULL;
      g_autofree char *cf = NULL;

      if (skipped (c))
        continue;
      n = g_unichar_to_utf8 (c, buf);
      norm = g_utf8_normalize (buf, n, G_NORMALIZE_ALL);
      cf = g_utf8_casefold (norm ? norm : buf, norm ? -1 : n);
      for (const char *q = cf; *q; q++)
        {
          g_string_append_c (f->text, *q);
          g_array_append_val (f->start, s);
          g_array_append_val (f->end, e);
        }
    }
}

static void
folded_clear (Folded *f)
{
  g_string_free (f->text, TRUE);
  g_array_unref (f->start);
  g_array_unref (f->end);
}

static char *
fold_only (const char *text)
{
  Folded f;
  char *out;

  fold (text, &f);
  out = g_strdup (f.text->str);
  folded_clear (&f);
  return out;
}

/* ------------------------------------------------------------- secrets */

void
inj_log_add_secret_text (const char *text)
{
  g_autofree char *valid = NULL;
  char *folded;

  if (text == NULL)
    return;
  valid = g_utf8_make_valid (text, -1);
  folded = fold_only (valid);
  if (g_utf8_strlen (folded, -1) < 2)
    {
      g_free (folded);
      return;
    }
  g_mutex_lock (&secrets_lock);
  if (secrets == NULL)
    secrets = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < secrets->len; i++)
    if (g_str_equal (g_ptr_array_index (secrets, i), folded))
      {
        g_clear_pointer (&folded, g_free);
        break;
      }
  if (folded)
    g_ptr_array_add (secrets, folded);
  g_mutex_unlock (&secrets_lock);
}

/* A date of birth in the spellings it may take: 西暦 with separators or
 * without, with zero padding or without, and 和暦. */
void
inj_log_add_secret_date (const GDate *date)
{
  int y, m, d;
  g_autofree char *wareki = NULL;
  const char *seps[] = { "-", "/", "." };

  if (date == NULL || !g_date_valid (date))
    return;
  y = g_date_get_year (date);
  m = g_date_get_month (date);
  d = g_date_get_day (date);
  for (guint i = 0; i < G_N_ELEMENTS (seps); i++)
    {
      g_autofree char *a = g_strdup_printf ("%04d%s%02d%s%02d", y, seps[i], m, seps[i], d);
      g_autofree char *b = g_strdup_printf ("%d%s%d%s%d", y, seps[i], m, seps[i], d);
      inj_log_add_secret_text (a);
      inj_log_add_secret_text (b);
    }
  {
    g_autofree char *compact = g_strdup_printf ("%04d%02d%02d", y, m, d);
    g_autofree char *kanji = g_strdup_printf ("%d年%d月%d日", y, m, d);
    g_autofree char *kanji0 = g_strdup_printf ("%d年%02d月%02d日", y, m, d);
    inj_log_add_secret_text (compact);
    inj_log_add_secret_text (kanji);
    inj_log_add_secret_text (kanji0);
  }
  wareki = inj_wareki_format (date);
  if (wareki)
    {
      /* "昭和55年4月1日": also with zero padding */
      const char *nen = strstr (wareki, "年");
      inj_log_add_secret_text (wareki);
      if (nen)
        {
          g_autofree char *era_year = g_strndup (wareki, nen - wareki);
          g_autofree char *padded = g_strdup_printf ("%s年%02d月%02d日", era_year, m, d);
          inj_log_add_secret_text (padded);
        }
    }
}

void
inj_log_clear_secrets (void)
{
  g_mutex_lock (&secrets_lock);
  g_clear_pointer (&secrets, g_ptr_array_unref);
  g_mutex_unlock (&secrets_lock);
}

/* ------------------------------------------------------------- redaction */

typedef struct {
  gsize start;
  gsize end;
} Range;

static int
range_cmp (gconstpointer a,
           gconstpointer b)
{
  const Range *x = a, *y = b;
  return x->start < y->start ? -1 : x->start > y->start ? 1 : 0;
}

static char *
redact_personal (const char *text)
{
  Folded f;
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (Range));
  GString *out;
  gsize pos = 0;

  g_mutex_lock (&secrets_lock);
  if (secrets == NULL || secrets->len == 0)
    {
      g_mutex_unlock (&secrets_lock);
      return g_strdup (text);
    }
  fold (text, &f);
  for (guint i = 0; i < secrets->len; i++)
    {
      const char *secret = g_ptr_array_index (secrets, i);
      gsize len = strlen (secret);
      const char *hit = f.text->str;

      while ((hit = strstr (hit, secret)) != NULL)
        {
          gsize at = hit - f.text->str;
          Range r = { g_array_index (f.start, gsize, at),
                      g_array_index (f.end, gsize, at + len - 1) };
          g_array_append_val (ranges, r);
          hit++;
        }
    }
  g_mutex_unlock (&secrets_lock);
  folded_clear (&f);

  if (ranges->len == 0)
    return g_strdup (text);
  g_array_sort (ranges, range_cmp);
  out = g_string_new (NULL);
  for (guint i = 0; i < ranges->len; i++)
    {
      Range r = g_array_index (ranges, Range, i);

      /* merge the overlapping ones */
      while (i + 1 < ranges->len && g_array_index (ranges, Range, i + 1).start <= r.end)
        {
          r.end = MAX (r.end, g_array_index (ranges, Range, i + 1).end);
          i++;
        }
      if (r.start < pos)
        r.start = pos;
      if (r.end <= pos)
        continue;
      g_string_append_len (out, text + pos, r.start - pos);
      g_string_append (out, INJ_LOG_REDACTED_PERSONAL);
      pos = r.end;
    }
  g_string_append (out, text + pos);
  return g_string_free (out, FALSE);
}

static GRegex *
pem_regex (void)
{
  static GRegex *re;

  if (g_once_init_enter (&re))
    g_once_init_leave (&re, g_regex_new ("-----BEGIN [A-Z0-9 ]+-----[\\s\\S]*?"
                                         "(?:-----END [A-Z0-9 ]+-----|$)",
                                         G_REGEX_OPTIMIZE, 0, NULL));
  return re;
}

static GRegex *
base64_regex (void)
{
  static GRegex *re;

  if (g_once_init_enter (&re))
    g_once_init_leave (&re, g_regex_new ("[A-Za-z0-9+/]{40,}={0,2}", G_REGEX_OPTIMIZE, 0, NULL));
  return re;
}

/* A PIN or password: the value after such a word and a separator ("PIN:
 * 1234", "password is X", "\"pin\":\"1234\"", "暗証番号は1234"), or a
 * number of 4 to 16 digits or a word with letters and digits right after
 * the word ("PIN 1234"). Words inside identifiers ("pin_tries") do not
 * count; "signingPassword" does. */
static GRegex *
secret_regex (void)
{
  static GRegex *re;

  if (g_once_init_enter (&re))
    {
      g_autoptr(GError) error = NULL;
      GRegex *r = g_regex_new (
        "((?:(?<![A-Za-z])(?i:pin(?:\\s*code)?|password|passwd|passphrase|passcode|pwd|secret)"
        "|(?<=[a-z])(?:Pin|PIN|Password|Passwd|Passphrase|Passcode|Secret)"
        "|暗証番号|パスワード|ＰＩＮ|ｐｉｎ)(?![A-Za-z_])"
        "(?:\\s*[\"'”]?\\s*(?:[:=：＝は]|を)\\s*[\"'“]?\\s*"
        "|\\s+(?:is|was)\\s+[\"'“]?(?=\\S*[0-9０-９])"
        "|\\s+(?=[0-9０-９]{4,16}(?![0-9０-９])|(?=\\S*[0-9])(?=\\S*[A-Za-z])[A-Za-z0-9]{6,})))"
        "[^\\s\"'”,;&)}\\]]+",
        G_REGEX_OPTIMIZE, 0, &error);
      if (r == NULL)
        g_error ("secret regex: %s", error->message);
      g_once_init_leave (&re, r);
    }
  return re;
}

static gboolean
base64_cb (const GMatchInfo *info,
           GString *result,
           gpointer user_data)
{
  g_autofree char *m = g_match_info_fetch (info, 0);
  gboolean upper = FALSE, lower = FALSE, digit = FALSE, hex = TRUE;

  for (const char *p = m; *p; p++)
    {
      upper |= g_ascii_isupper (*p);
      lower |= g_ascii_islower (*p);
      digit |= g_ascii_isdigit (*p);
      hex &= g_ascii_isxdigit (*p);
    }
  /* hexadecimal fingerprints and serials stay, and so do paths */
  if (hex || !(upper && lower && digit))
    g_string_append (result, m);
  else
    g_string_append (result, INJ_LOG_REDACTED_CERT);
  return FALSE;
}

char *
inj_log_redact (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *personal = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *b64 = NULL;
  char *out;

  if (text == NULL)
    return NULL;
  valid = g_utf8_make_valid (text, -1);
  personal = redact_personal (valid);
  pem = g_regex_replace_literal (pem_regex (), personal, -1, 0, INJ_LOG_REDACTED_CERT, 0, NULL);
  if (pem == NULL)
    pem = g_strdup (INJ_LOG_REDACTED_CERT);
  b64 = g_regex_replace_eval (base64_regex (), pem, -1, 0, 0, base64_cb, NULL, NULL);
  if (b64 == NULL)
    b64 = g_strdup (INJ_LOG_REDACTED_CERT);
  out = g_regex_replace (secret_regex (), b64, -1, 0, "\\1" INJ_LOG_REDACTED_SECRET, 0, NULL);
  return out ? out : g_strdup (INJ_LOG_REDACTED_SECRET);
}

char *
inj_log_redact_error (const GError *error)
{
  if (error == NULL)
    return NULL;
  return inj_log_redact (error->message);
}

/* ------------------------------------------------------------- the file */

static char *
default_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "ininjo", "logs", "ininjo.log", NULL);
}

char *
inj_log_dup_path (void)
{
  char *path;

  g_mutex_lock (&file_lock);
  path = file_path ? g_strdup (file_path) : default_path ();
  g_mutex_unlock (&file_lock);
  return path;
}

void
inj_log_set_path (const char *path)
{
  g_mutex_lock (&file_lock);
  if (file_fd >= 0)
    close (file_fd);
  file_fd = -1;
  g_free (file_path);
  file_path = g_strdup (path);
  g_mutex_unlock (&file_lock);
}

/* Called with file_lock held. */
static int
open_log (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    return -1;
  fd = open (path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd >= 0)
    fchmod (fd, 0600);
  return fd;
}

static void
write_file (const char *line)
{
  g_autofree char *path = NULL;
  struct stat st;
  gsize len = strlen (line);

  g_mutex_lock (&file_lock);
  path = file_path ? g_strdup (file_path) : default_path ();
  if (file_fd < 0)
    file_fd = open_log (path);
  if (file_fd >= 0 && fstat (file_fd, &st) == 0 && st.st_size + (off_t) len > LOG_MAX_BYTES)
    {
      g_autofree char *old = g_strconcat (path, ".1", NULL);
      close (file_fd);
      g_rename (path, old);
      file_fd = open_log (path);
    }
  if (file_fd >= 0)
    {
      const char *p = line;
      while (len > 0)
        {
          ssize_t n = write (file_fd, p, len);
          if (n < 0 && errno == EINTR)
            continue;
          if (n <= 0)
            break;
          p += n;
          len -= n;
        }
    }
  g_mutex_unlock (&file_lock);
}

GBytes *
inj_log_read_recent (void)
{
  g_autofree char *path = inj_log_dup_path ();
  g_autofree char *old = g_strconcat (path, ".1", NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *all = NULL;
  char *redacted;

  g_file_get_contents (old, &a, NULL, NULL);
  g_file_get_contents (path, &b, NULL, NULL);
  all = g_strconcat (a ? a : "", b ? b : "", NULL);
  redacted = inj_log_redact (all);
  return g_bytes_new_take (redacted, strlen (redacted));
}

/* ------------------------------------------------------------- the writer */

static const char *
level_name (GLogLevelFlags level)
{
  if (level & G_LOG_LEVEL_ERROR)
    return "ERROR";
  if (level & G_LOG_LEVEL_CRITICAL)
    return "CRITICAL";
  if (level & G_LOG_LEVEL_WARNING)
    return "WARNING";
  if (level & G_LOG_LEVEL_MESSAGE)
    return "MESSAGE";
  if (level & G_LOG_LEVEL_INFO)
    return "INFO";
  return "DEBUG";
}

static GLogWriterOutput
writer (GLogLevelFlags level,
        const GLogField *fields,
        gsize n_fields,
        gpointer user_data)
{
  g_autofree GLogField *copy = NULL;
  g_autoptr(GPtrArray) owned = NULL;
  const char *domain = NULL, *message = NULL;
  gsize n = 0;
  GLogWriterOutput result;

  if (g_private_get (&in_writer))
    return G_LOG_WRITER_UNHANDLED;
  g_private_set (&in_writer, GINT_TO_POINTER (1));

  copy = g_new0 (GLogField, n_fields);
  owned = g_ptr_array_new_with_free_func (g_free);
  for (gsize i = 0; i < n_fields; i++)
    {
      char *value;

      if (fields[i].length >= 0)
        continue; /* binary fields are not written */
      value = inj_log_redact (fields[i].value);
      g_ptr_array_add (owned, value);
      copy[n] = fields[i];
      copy[n].value = value;
      copy[n].length = -1;
      if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
        domain = value;
      else if (g_str_equal (fields[i].key, "MESSAGE"))
        message = value;
      n++;
    }

  if (!(level & G_LOG_LEVEL_DEBUG) || verbose)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
      g_auto(GStrv) lines = g_strsplit (message ? message : "", "\n", -1);
      g_autofree char *joined = g_strjoinv ("\n    ", lines);
      g_autofree char *line = g_strdup_printf ("%s %s %s[%d]: %s%s%s\n", stamp, level_name (level),
                                               g_get_prgname () ? g_get_prgname () : "ininjo",
                                               (int) getpid (), domain ? domain : "",
                                               domain ? ": " : "", joined);
      write_file (line);
    }
  /* Every message to stderr, debug and info too: standard output is the
   * program's (ininjo-cli diagnose --json --verbose stays JSON). GLib's
   * default writer puts those two on stdout, and its switch
   * (g_log_writer_default_set_use_stderr) works only before any thread. */
  if ((level & (G_LOG_LEVEL_INFO | G_LOG_LEVEL_DEBUG)) &&
      !(level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING |
                 G_LOG_LEVEL_MESSAGE)))
    {
      if (!g_log_writer_default_would_drop (level, domain))
        {
          g_autofree char *text = g_log_writer_format_fields (level, copy, n,
                                                              g_log_writer_supports_color (
                                                                fileno (stderr)));
          fprintf (stderr, "%s\n", text);
          fflush (stderr);
        }
      result = G_LOG_WRITER_HANDLED;
    }
  else
    result = g_log_writer_default (level, copy, n, user_data);
  g_private_set (&in_writer, NULL);
  return result;
}

void
inj_log_set_verbose (gboolean on)
{
  verbose = on;
  g_log_set_debug_enabled (on);
}

gboolean
inj_log_get_verbose (void)
{
  return verbose;
}

void
inj_log_init (gboolean want_verbose)
{
  static gsize installed;
  const char *env = g_getenv ("INJ_LOG_VERBOSE");

  if (env && *env && !g_str_equal (env, "0"))
    want_verbose = TRUE;
  inj_log_set_verbose (want_verbose);
  if (g_once_init_enter (&installed))
    {
      g_log_set_writer_func (writer, NULL, NULL);
      g_once_init_leave (&installed, 1);
    }
}
