/* inj-text.c: text is valid UTF-8 without surrogates, control characters or
 * bidirectional overrides, in NFC, trimmed. Identifiers are folded to ASCII. */
#include "config.h"

#include <string.h>

#include "inj-text.h"

static gboolean
is_bidi_control (gunichar c)
{
  /* Embeddings, overrides and isolates can make displayed text differ from
   * what is signed. Plain marks (U+200E/U+200F) are refused as well. */
  return c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069) || c == 0x061C;
}

static gboolean
is_refused_control (gunichar c,
                    InjFieldFlags flags)
{
  if (c == '\n')
    return FALSE; /* a line break is judged separately */
  if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
    return TRUE;
  if (c == 0xFEFF || c == 0xFFFE || c == 0xFFFF || (c >= 0xFDD0 && c <= 0xFDEF))
    return TRUE;
  if ((c & 0xFFFE) == 0xFFFE)
    return TRUE;
  /* Invisible formatting characters (zero-width space, soft hyphen, tags…)
   * make two names that look the same differ. Variation selectors, which
   * Japanese names need for their glyphs, are marks, not formats. */
  if (g_unichar_type (c) == G_UNICODE_FORMAT)
    return TRUE;
  return FALSE;
}

/* A surrogate code point encoded in UTF-8 (ED A0..BF xx) is what an
 * unpaired UTF-16 surrogate turns into when converted carelessly. */
static const char *
find_surrogate (const char *text,
                gsize length)
{
  for (gsize i = 0; i + 1 < length; i++)
    {
      if ((guchar) text[i] == 0xED && ((guchar) text[i + 1] & 0xE0) == 0xA0)
        return text + i;
    }
  return NULL;
}

InjProblemCode
inj_text_check (const char *text,
                gssize length,
                InjFieldFlags flags,
                gsize *bad_offset)
{
  const char *end = NULL;
  const char *surrogate;
  gsize len;

  g_return_val_if_fail (text != NULL, INJ_PROBLEM_INVALID_UTF8);

  len = length < 0 ? strlen (text) : (gsize) length;
  if (bad_offset)
    *bad_offset = 0;

  surrogate = find_surrogate (text, len);
  if (!g_utf8_validate_len (text, len, &end))
    {
      if (surrogate != NULL && surrogate <= end)
        {
          if (bad_offset)
            *bad_offset = surrogate - text;
          return INJ_PROBLEM_SURROGATE;
        }
      if (bad_offset)
        *bad_offset = end - text;
      return INJ_PROBLEM_INVALID_UTF8;
    }

  for (const char *p = text; p < text + len; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (bad_offset)
        *bad_offset = p - text;
      if (c == '\n' && !(flags & INJ_FIELD_FLAG_MULTILINE))
        return INJ_PROBLEM_LINE_BREAK;
      if (is_bidi_control (c))
        return INJ_PROBLEM_BIDI_CONTROL;
      if (is_refused_control (c, flags))
        return INJ_PROBLEM_CONTROL_CHARACTER;
    }

  if (bad_offset)
    *bad_offset = 0;
  return INJ_PROBLEM_NONE;
}

static gboolean
is_trim_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x3000;
}

/* Returns the canonical form of @text: CRLF and CR as LF, NFC (NFKC for
 * identifiers, so "７０００…" and "７０００" both become digits),
 * surrounding white space (including U+3000) removed, and for multi-line
 * items trailing spaces removed from each line. @text must be valid UTF-8. */
char *
inj_text_normalize (const char *text,
                    InjFieldFlags flags)
{
  g_autofree char *lf = NULL;
  g_autofree char *nfc = NULL;
  GString *out;
  const char *start, *end;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (g_utf8_validate (text, -1, NULL), NULL);

  {
    GString *s = g_string_sized_new (strlen (text));
    for (const char *p = text; *p; p++)
      {
        if (*p == '\r')
          {
            g_string_append_c (s, '\n');
            if (p[1] == '\n')
              p++;
          }
        else
          g_string_append_c (s, *p);
      }
    lf = g_string_free (s, FALSE);
  }

  nfc = g_utf8_normalize (lf, -1, (flags & INJ_FIELD_FLAG_ASCII_ID) ? G_NORMALIZE_NFKC
                                                                    : G_NORMALIZE_NFC);
  if (nfc == NULL)
    return g_strdup ("");

  start = nfc;
  while (*start && is_trim_space (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  end = start + strlen (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);
      if (!is_trim_space (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  out = g_string_sized_new (end - start);
  if (flags & INJ_FIELD_FLAG_MULTILINE)
    {
      /* Trailing spaces on a line are invisible and would only make two
       * equal-looking texts differ. */
      const char *line = start;
      while (line < end)
        {
          const char *nl = memchr (line, '\n', end - line);
          const char *line_end = nl ? nl : end;
          const char *trim = line_end;
          while (trim > line)
            {
              const char *prev = g_utf8_prev_char (trim);
              gunichar c = g_utf8_get_char (prev);
              if (c != ' ' && c != '\t' && c != 0x3000)
                break;
              trim = prev;
            }
          g_string_append_len (out, line, trim - line);
          if (nl)
            g_string_append_c (out, '\n');
          line = nl ? nl + 1 : end;
        }
    }
  else
    g_string_append_len (out, start, end - start);

  return g_string_free (out, FALSE);
}

gsize
inj_text_length (const char *text)
{
  return text ? (gsize) g_utf8_strlen (text, -1) : 0;
}

gboolean
inj_text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!is_trim_space (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}
