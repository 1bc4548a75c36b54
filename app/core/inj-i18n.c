/* inj-i18n.c: Japanese first, English when the locale asks for it. */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-i18n.h"

static gboolean
is_plain_c (const char *locale)
{
  return locale == NULL || g_str_equal (locale, "C") || g_str_equal (locale, "POSIX") ||
         g_str_has_prefix (locale, "C.") || g_str_equal (locale, "C.UTF-8");
}

/* The language the environment asks for, the way gettext looks for it. */
static const char *
requested_locale (void)
{
  static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };

  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      const char *v = g_getenv (vars[i]);
      if (v && *v)
        return v;
    }
  return NULL;
}

void
inj_i18n_init (void)
{
  const char *localedir = g_getenv ("ININJO_LOCALEDIR");
  const char *asked = requested_locale ();
  const char *messages;

  setlocale (LC_ALL, "");
  messages = setlocale (LC_MESSAGES, NULL);

  /* A locale that is not installed (ja_JP.UTF-8 on a minimal system) leaves
   * us in "C", where gettext translates nothing and text is not UTF-8. Fall
   * back to C.UTF-8 and say which language through LANGUAGE. */
  if (is_plain_c (messages))
    {
      if (setlocale (LC_ALL, "C.UTF-8") == NULL)
        setlocale (LC_ALL, "C.utf8");
      if (g_getenv ("LANGUAGE") == NULL || *g_getenv ("LANGUAGE") == '\0')
        {
          if (!is_plain_c (asked) && asked && !g_str_has_prefix (asked, "ja"))
            {
              /* "en_US.UTF-8" → "en_US" */
              g_autofree char *lang = g_strndup (asked, strcspn (asked, ".@"));
              g_setenv ("LANGUAGE", lang, TRUE);
            }
          else
            g_setenv ("LANGUAGE", "ja", TRUE);
        }
    }

  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
