/* inj-delegation-input.c */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-date.h"
#include "inj-delegation-input.h"
#include "inj-delegation-xml.h"
#include "inj-text.h"

static void
add_key_problem (GPtrArray *problems,
                 const char *group,
                 const char *key,
                 const char *why)
{
  g_autofree char *msg = g_strdup_printf ("[%s] %s: %s", group, key, why);
  g_ptr_array_add (problems, inj_problem_new (INJ_FIELD_NONE, INJ_PROBLEM_UNKNOWN_KEY, 0, msg));
}

/* Reads an input file (or a draft) as it is: every item taken as typed,
 * nothing judged but the file itself. Problems of keys (unknown, automatic)
 * and of conversion (a date that does not exist) are appended to
 * @problems when given. NULL only when the file cannot be read at all. */
/* Automatic items are the program's, except the ID a renewal supersedes:
 * a draft of a renewal must stay one. */
/* Every backslash of the raw value starts an escape GKeyFile knows. */
static gboolean
escapes_known (GKeyFile *kf,
               const char *group,
               const char *key)
{
  g_autofree char *raw = g_key_file_get_value (kf, group, key, NULL);

  for (const char *p = raw; p && *p; p++)
    if (*p == '\\')
      {
        if (p[1] == '\0' || strchr ("sntr\\", p[1]) == NULL)
          return FALSE;
        p++;
      }
  return TRUE;
}

static gboolean
input_may_give (InjField field)
{
  return field == INJ_FIELD_SUPERSEDES || !(inj_field_info (field)->flags & INJ_FIELD_FLAG_AUTO);
}

InjDelegation *
inj_delegation_read_input (const char *data,
                           gsize length,
                           const InjServiceProfile *profile,
                           GDateTime *now,
                           GPtrArray *problems,
                           GError **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(InjDelegation) self = NULL;
  g_autoptr(GDateTime) current = now ? g_date_time_ref (now) : inj_date_now ();
  g_auto(GStrv) groups = NULL;
  InjProblemCode code;

  g_return_val_if_fail (profile != NULL, NULL);

  if (length > INJ_XML_MAX_SIZE)
    {
      g_set_error (error, INJ_DELEGATION_ERROR, INJ_DELEGATION_ERROR_INPUT,
                   _("The input file is larger than %d KiB."), INJ_XML_MAX_SIZE / 1024);
      return NULL;
    }
  code = inj_text_check (data, length, INJ_FIELD_FLAG_MULTILINE, NULL);
  if (code == INJ_PROBLEM_INVALID_UTF8 || code == INJ_PROBLEM_SURROGATE ||
      memchr (data, '\0', length) != NULL)
    {
      g_set_error_literal (error, INJ_DELEGATION_ERROR, INJ_DELEGATION_ERROR_INPUT,
                           _("The input file is not UTF-8 text (Shift_JIS or another encoding "
                             "cannot be used)."));
      return NULL;
    }
  if (!g_key_file_load_from_data (kf, data, length, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, INJ_DELEGATION_ERROR, INJ_DELEGATION_ERROR_INPUT,
                   _("The input file cannot be read: %s"), local_error->message);
      return NULL;
    }

  self = inj_delegation_create (INJ_PRINCIPAL_KIND_NONE, profile, current);
  groups = g_key_file_get_groups (kf, NULL);
  for (guint g = 0; groups[g]; g++)
    {
      g_auto(GStrv) keys = g_key_file_get_keys (kf, groups[g], NULL, NULL);
      for (guint k = 0; keys && keys[k]; k++)
        {
          InjField field = inj_field_from_key (groups[g], keys[k]);
          g_autofree char *value = NULL;

          if (field == INJ_FIELD_NONE)
            {
              if (problems)
                add_key_problem (problems, groups[g], keys[k], _("unknown item"));
              continue;
            }
          if (!input_may_give (field))
            {
              if (problems)
                add_key_problem (problems, groups[g], keys[k],
                                 _("this item is filled in automatically and cannot be given"));
              continue;
            }
          /* GLib 2.74's g_key_file_get_string() returns the raw text AND
           * an error for an escape it does not know ("\z", a backslash at
           * the end), and with two of them sets its error over the first
           * (a warning): such a value is a problem, found before GLib
           * reads it */
          if (!escapes_known (kf, groups[g], keys[k]))
            g_set_error_literal (&local_error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                                 _("a backslash that is not \\s, \\n, \\t, \\r or \\\\"));
          else
            value = g_key_file_get_string (kf, groups[g], keys[k], &local_error);
          if (value == NULL || local_error != NULL)
            {
              g_clear_pointer (&value, g_free);
              if (problems)
                add_key_problem (problems, groups[g], keys[k], local_error->message);
              g_clear_error (&local_error);
              continue;
            }
          /* Optional items left empty in a template are simply absent. A
           * problem found while converting (a date that does not exist) is
           * more precise than what validation would say of the raw text. */
          code = inj_delegation_set_input (self, field, value, current);
          if (code != INJ_PROBLEM_NONE && problems)
            {
              g_autofree char *msg = inj_problem_message (field, code, self);
              g_ptr_array_add (problems, inj_problem_new (field, code, 0, msg));
            }
        }
    }
  return g_steal_pointer (&self);
}

/* The same format, written: what a person would type, and a draft. The
 * items the client fills in itself (ID, creation time, service) are left
 * out. */
char *
inj_delegation_to_input (InjDelegation *self)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();

  g_return_val_if_fail (INJ_IS_DELEGATION (self), NULL);

  for (InjField f = 0; f < INJ_N_FIELDS; f++)
    {
      const InjFieldInfo *info = inj_field_info (f);
      const char *value;

      if (!input_may_give (f))
        continue;
      if (f == INJ_FIELD_PRINCIPAL_KIND)
        value = inj_principal_kind_to_key (inj_delegation_get_principal_kind (self));
      else if (f == INJ_FIELD_AGENT_QUALIFICATION)
        value = inj_qualification_key (inj_delegation_get_qualification (self));
      else
        value = inj_delegation_get_text (self, f);
      if (value && *value)
        g_key_file_set_string (kf, info->section, info->key, value);
    }
  return g_key_file_to_data (kf, NULL, NULL);
}

/* Every problem at once, so a person fixes the file in one go. */
InjDelegation *
inj_delegation_from_input (const char *data,
                           gsize length,
                           const InjServiceProfile *profile,
                           GDateTime *now,
                           GPtrArray **problems_out,
                           GError **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) inj_problem_free);
  g_autoptr(InjDelegation) self = NULL;

  if (problems_out)
    *problems_out = NULL;
  self = inj_delegation_read_input (data, length, profile, now, problems, error);
  if (self == NULL)
    return NULL;

  {
    g_autoptr(GPtrArray) found = inj_delegation_validate (self, now);
    guint converted = problems->len;
    for (guint i = 0; i < found->len; i++)
      {
        InjProblem *p = g_ptr_array_index (found, i);
        gboolean known = FALSE;
        for (guint k = 0; k < converted && !known; k++)
          known = ((InjProblem *) g_ptr_array_index (problems, k))->field == p->field;
        if (!known)
          g_ptr_array_add (problems, inj_problem_copy (p));
      }
  }
  if (problems->len > 0)
    {
      inj_problems_set_error (problems, error, INJ_DELEGATION_ERROR, INJ_DELEGATION_ERROR_INVALID);
      if (problems_out)
        *problems_out = g_steal_pointer (&problems);
      return NULL;
    }
  return g_steal_pointer (&self);
}
