/* inj-render.c: a delegation as a person reads it. Personal data (a natural
 * person's name, address, date of birth) is masked unless asked for. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-date.h"
#include "inj-render.h"

/* A masked value does not tell its length: a name keeps its first character
 * (enough to tell two people apart on one screen), the rest is hidden. */
char *
inj_mask_personal (InjField field,
                   const char *value)
{
  const InjFieldInfo *info = inj_field_info (field);

  if (value == NULL)
    return NULL;
  if (!(info->flags & INJ_FIELD_FLAG_PERSONAL))
    return g_strdup (value);
  if (info->flags & INJ_FIELD_FLAG_DATE)
    return g_strdup ("＊＊＊＊年＊＊月＊＊日");
  if (field == INJ_FIELD_REPRESENTATIVE_NAME || field == INJ_FIELD_PROPRIETOR_NAME ||
      field == INJ_FIELD_AGENT_NAME)
    {
      const char *second = g_utf8_next_char (value);
      return g_strdup_printf ("%.*s＊＊＊", (int) (second - value), value);
    }
  return g_strdup ("＊＊＊＊＊＊");
}

char *
inj_render_value (InjDelegation *self,
                  InjField field,
                  gboolean reveal)
{
  const char *value = inj_delegation_get_text (self, field);
  const InjFieldInfo *info = inj_field_info (field);

  if (value == NULL)
    return NULL;
  if (!reveal && (info->flags & INJ_FIELD_FLAG_PERSONAL))
    return inj_mask_personal (field, value);
  if (field == INJ_FIELD_PRINCIPAL_KIND)
    return g_strdup (inj_principal_kind_label (inj_delegation_get_principal_kind (self)));
  if (info->flags & (INJ_FIELD_FLAG_DATE | INJ_FIELD_FLAG_DATETIME))
    {
      char *shown = inj_date_display (value);
      return shown ? shown : g_strdup (value);
    }
  return g_strdup (value);
}

static void
append_item (GString *out,
             InjDelegation *self,
             InjField field,
             gboolean reveal)
{
  g_autofree char *value = inj_render_value (self, field, reveal);
  g_auto(GStrv) lines = NULL;

  if (value == NULL)
    return;
  lines = g_strsplit (value, "\n", -1);
  g_string_append_printf (out, "  %s: %s\n", inj_field_label (field), lines[0]);
  for (guint i = 1; lines[i]; i++)
    g_string_append_printf (out, "      %s\n", lines[i]);
}

char *
inj_delegation_render (InjDelegation *self,
                       gboolean reveal,
                       GDateTime *now)
{
  GString *out = g_string_new (NULL);
  InjPrincipalKind kind = inj_delegation_get_principal_kind (self);
  gboolean masked = FALSE;

  g_string_append_printf (out, "%s\n", _("Electronic delegation (電子委任状)"));
  append_item (out, self, INJ_FIELD_DELEGATION_ID, reveal);
  append_item (out, self, INJ_FIELD_SUPERSEDES, reveal);
  append_item (out, self, INJ_FIELD_CREATED_AT, reveal);

  g_string_append_printf (out, "\n%s: %s\n", _("Principal (委任者)"),
                          inj_principal_kind_label (kind));
  for (InjField f = INJ_FIELD_CORPORATE_NUMBER; f <= INJ_FIELD_PROPRIETOR_BIRTH_DATE; f++)
    if (inj_delegation_field_applies (self, f))
      append_item (out, self, f, reveal);

  g_string_append_printf (out, "\n%s\n", _("Agent (受任者)"));
  for (InjField f = INJ_FIELD_AGENT_NAME; f <= INJ_FIELD_AGENT_IDENTIFIER; f++)
    append_item (out, self, f, reveal);

  g_string_append_printf (out, "\n%s\n", _("Authority (代理権)"));
  append_item (out, self, INJ_FIELD_AUTHORITY_SCOPE, reveal);
  if (inj_delegation_get_text (self, INJ_FIELD_AUTHORITY_RESTRICTIONS) == NULL)
    g_string_append_printf (out, "  %s: %s\n", inj_field_label (INJ_FIELD_AUTHORITY_RESTRICTIONS),
                            _("none"));
  else
    append_item (out, self, INJ_FIELD_AUTHORITY_RESTRICTIONS, reveal);
  append_item (out, self, INJ_FIELD_PERIOD_START, reveal);
  append_item (out, self, INJ_FIELD_PERIOD_END, reveal);

  g_string_append_printf (out, "\n%s\n", _("Service"));
  for (InjField f = INJ_FIELD_SERVICE_NAME; f <= INJ_FIELD_VALIDITY_URL; f++)
    append_item (out, self, f, reveal);

  for (guint f = 0; f < INJ_N_FIELDS; f++)
    if ((inj_field_info (f)->flags & INJ_FIELD_FLAG_PERSONAL) &&
        inj_delegation_get_text (self, f) != NULL)
      masked = !reveal;

  if (inj_delegation_is_expired (self, now))
    g_string_append_printf (out, "\n%s\n", _("Note: the period of this delegation has ended."));
  if (masked)
    g_string_append_printf (out, "\n%s\n",
                            _("Names, addresses and dates of birth are hidden (＊). "
                              "Use --reveal to show them."));
  return g_string_free (out, FALSE);
}
