/* ininjo-cli-account-info.c: the 基本情報 (and a recipient's items) of the
 * account verbs: read from an input file or asked on the terminal,
 * checked, and shown with personal data masked. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "ininjo-cli-account.h"

void
cli_account_print_info (InjAccountInfo *info,
                        gboolean reveal)
{
  gboolean corporation = inj_account_info_get_kind (info) == INJ_PRINCIPAL_KIND_CORPORATION;

  /* the seed's words for the 基本情報 (§3.1.1), not the delegation's */
  g_print ("  %s: %s\n", _("Kind"),
           corporation ? _("corporation (法人)") : _("sole proprietor (個人事業者)"));
  for (int f = 0; f < INJ_N_ACCOUNT_FIELDS; f++)
    {
      g_autofree char *shown = NULL;
      if (!inj_account_info_applies (info, f) || inj_account_info_get (info, f) == NULL)
        continue;
      shown = inj_render_account_value (info, f, reveal);
      g_print ("  %s: %s\n", inj_account_info_label (info, f), shown);
    }
}

/* The items that differ between @old and @new, one line each. */
void
cli_account_print_changes (InjAccountInfo *old,
                           InjAccountInfo *new,
                           gboolean reveal)
{
  guint n = 0;

  for (int f = 0; f < INJ_N_ACCOUNT_FIELDS; f++)
    {
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      if (!inj_account_info_applies (new, f)
          || g_strcmp0 (inj_account_info_get (old, f), inj_account_info_get (new, f)) == 0)
        continue;
      before = inj_render_account_value (old, f, reveal);
      after = inj_render_account_value (new, f, reveal);
      g_print ("  %s: %s → %s\n", inj_account_info_label (new, f), before ? before : "—",
               after ? after : "—");
      n++;
    }
  if (n == 0)
    g_print ("  %s\n", _("(nothing changes)"));
}

static gboolean
parse_kind (const char *text,
            InjPrincipalKind *kind)
{
  g_autofree char *t = g_strstrip (g_strdup (text ? text : ""));

  if (g_str_equal (t, "corporation") || g_str_equal (t, "法人"))
    *kind = INJ_PRINCIPAL_KIND_CORPORATION;
  else if (g_str_equal (t, "sole-proprietor") || g_str_equal (t, "個人事業者")
           || g_str_equal (t, "個人事業主"))
    *kind = INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR;
  else
    return FALSE;
  return TRUE;
}

/* Prints @info's problems; TRUE when there are none. */
static gboolean
info_complete (const char *file,
               InjAccountInfo *info)
{
  g_autoptr(GPtrArray) problems = inj_account_info_validate (info, NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      InjAccountProblem *p = g_ptr_array_index (problems, i);
      if (file)
        g_printerr ("%s: %s\n", file, p->message);
      else
        g_printerr ("%s\n", p->message);
    }
  return problems->len == 0;
}

/* The 基本情報 (or a recipient's items) of an input file: one group,
 * [account] or [recipient], its kind and the items by their keys
 * (data/examples/account-*.ini). */
static InjAccountInfo *
read_info_file (const char *path,
                gboolean recipient,
                GError **error)
{
  const char *group = recipient ? "recipient" : "account";
  g_autoptr(GKeyFile) ini = g_key_file_new ();
  g_autoptr(InjAccountInfo) info = NULL;
  g_auto(GStrv) keys = NULL;
  g_autofree char *kind_text = NULL;
  InjPrincipalKind kind;

  if (!g_key_file_load_from_file (ini, path, G_KEY_FILE_NONE, error))
    return NULL;
  kind_text = g_key_file_get_string (ini, group, "kind", NULL);
  if (!parse_kind (kind_text, &kind))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The group [%s] needs kind = corporation or sole-proprietor."), group);
      return NULL;
    }
  info = recipient ? INJ_ACCOUNT_INFO (inj_recipient_info_new (kind))
                   : inj_account_info_new (kind);
  keys = g_key_file_get_keys (ini, group, NULL, NULL);
  for (guint i = 0; keys && keys[i]; i++)
    {
      g_autofree char *value = NULL;
      InjAccountField field;
      if (g_str_equal (keys[i], "kind"))
        continue;
      field = inj_account_field_from_key (keys[i]);
      if ((int) field < 0 || field >= INJ_N_ACCOUNT_FIELDS || !inj_account_info_applies (info, field))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("“%s” is not an item of [%s] for this kind."), keys[i], group);
          return NULL;
        }
      value = g_key_file_get_string (ini, group, keys[i], NULL);
      inj_account_info_set (info, field, value);
    }
  return g_steal_pointer (&info);
}

char *
cli_account_ask (const char *question)
{
  char line[4096];

  g_print ("%s: ", question);
  fflush (stdout);
  if (fgets (line, sizeof line, stdin) == NULL)
    return NULL;
  line[strcspn (line, "\n")] = '\0';
  return g_strdup (line);
}

/* Asks each item of the kind until it passes its checks. */
static InjAccountInfo *
ask_info (gboolean recipient)
{
  g_autoptr(InjAccountInfo) info = NULL;
  g_autofree char *kind_text = NULL;
  InjPrincipalKind kind;

  g_print ("%s\n", recipient ? _("Recipient registration (受領者等の登録). Ctrl+D stops.")
                             : _("User information (基本情報). Ctrl+D stops."));
  for (;;)
    {
      g_free (kind_text);
      kind_text = cli_account_ask (_("Kind (法人 or 個人事業者)"));
      if (kind_text == NULL)
        return NULL;
      if (parse_kind (kind_text, &kind))
        break;
      g_printerr ("%s\n", _("Enter 法人 or 個人事業者."));
    }
  info = recipient ? INJ_ACCOUNT_INFO (inj_recipient_info_new (kind))
                   : inj_account_info_new (kind);
  for (int f = 0; f < INJ_N_ACCOUNT_FIELDS; f++)
    {
      if (!inj_account_info_applies (info, f))
        continue;
      for (;;)
        {
          g_autofree char *answer = cli_account_ask (inj_account_info_label (info, f));
          g_autoptr(GPtrArray) problems = NULL;
          gboolean ok = TRUE;
          if (answer == NULL)
            return NULL;
          inj_account_info_set (info, f, answer);
          problems = inj_account_info_validate (info, NULL);
          for (guint i = 0; i < problems->len; i++)
            {
              InjAccountProblem *p = g_ptr_array_index (problems, i);
              if (p->field == (InjAccountField) f)
                {
                  g_printerr ("%s\n", p->message);
                  ok = FALSE;
                }
            }
          if (ok)
            break;
        }
    }
  return g_steal_pointer (&info);
}

/* From --input, or asked on the terminal; NULL after saying why. */
InjAccountInfo *
cli_account_info_from (const char *input,
                       gboolean recipient)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(InjAccountInfo) info = NULL;
  g_autofree char *display = input ? g_filename_display_name (input) : NULL;

  info = input ? read_info_file (input, recipient, &error) : ask_info (recipient);
  if (info == NULL)
    {
      if (error)
        g_printerr ("%s: %s\n", display, error->message);
      return NULL;
    }
  if (!info_complete (display, info))
    return NULL;
  return g_steal_pointer (&info);
}

