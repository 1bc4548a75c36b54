/* inj-render.c: a delegation as a person reads it. Personal data (a natural
 * person's name, address, date of birth) is masked unless asked for; a
 * corporation's 代表者名 is public registry data and is not. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-date.h"
#include "inj-render.h"

/* Masked on screen unless revealed: a natural person's data that no public
 * register shows. */
static gboolean
masked_field (InjField field)
{
  InjFieldFlags flags = inj_field_info (field)->flags;

  return (flags & INJ_FIELD_FLAG_PERSONAL) && !(flags & INJ_FIELD_FLAG_REGISTRY);
}

/* A masked value does not tell its length: a name keeps its first character
 * (enough to tell two people apart on one screen), the rest is hidden. */
char *
inj_mask_personal (InjField field,
                   const char *value)
{
  const InjFieldInfo *info = inj_field_info (field);

  if (value == NULL)
    return NULL;
  if (!masked_field (field))
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
  if (!reveal && masked_field (field))
    return inj_mask_personal (field, value);
  if (field == INJ_FIELD_PRINCIPAL_KIND)
    return g_strdup (inj_principal_kind_label (inj_delegation_get_principal_kind (self)));
  if (field == INJ_FIELD_SUBDELEGATION)
    {
      const char *said = inj_subdelegation_describe (inj_delegation_get_subdelegation (self));
      return g_strdup (said ? said : value);
    }
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
  g_string_append_printf (out, "  %s: %s\n",
                          inj_field_label_as (field, inj_delegation_get_qualification (self)),
                          lines[0]);
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
  /* absent means the delegation does not say: no line, rather than a
   * 「記載なし」 that could be read as a third answer */
  append_item (out, self, INJ_FIELD_SUBDELEGATION, reveal);
  append_item (out, self, INJ_FIELD_PERIOD_START, reveal);
  append_item (out, self, INJ_FIELD_PERIOD_END, reveal);

  g_string_append_printf (out, "\n%s\n", _("Service"));
  for (InjField f = INJ_FIELD_SERVICE_NAME; f <= INJ_FIELD_VALIDITY_URL; f++)
    append_item (out, self, f, reveal);

  for (guint f = 0; f < INJ_N_FIELDS; f++)
    if (masked_field (f) &&
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

char *
inj_mask_jpki_field (InjJpkiField field,
                     const char *value)
{
  if (value == NULL)
    return NULL;
  if (*value == '\0')
    return g_strdup ("");
  switch (field)
    {
    case INJ_JPKI_NAME:
      {
        const char *second = g_utf8_next_char (value);
        return g_strdup_printf ("%.*s＊＊＊", (int) (second - value), value);
      }
    case INJ_JPKI_BIRTH_DATE:
      return g_strdup ("＊＊＊＊年＊＊月＊＊日");
    case INJ_JPKI_GENDER:
      return g_strdup ("＊");
    case INJ_JPKI_NAME_SUBSTITUTE:
    case INJ_JPKI_ADDRESS:
    case INJ_JPKI_ADDRESS_SUBSTITUTE:
    case INJ_N_JPKI_FIELDS:
    default:
      return g_strdup ("＊＊＊＊＊＊");
    }
}

static char *
format_time (GDateTime *utc)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *iso = NULL;
  char *shown;

  if (utc == NULL)
    return g_strdup ("?");
  local = inj_date_to_jst (utc);
  iso = inj_date_format_datetime (local);
  shown = inj_date_display (iso);
  return shown ? shown : g_strdup (iso);
}

/* How a certificate's validity is said: "unknown" is never "valid". */
char *
inj_render_delegation_agent (InjDelegation *self,
                             gboolean reveal)
{
  g_autofree char *name = inj_render_value (self, INJ_FIELD_AGENT_NAME, reveal);
  const char *qualification = inj_qualification_name (inj_delegation_get_qualification (self));

  if (name == NULL || *name == '\0')
    name = g_strdup (_("(agent not entered)"));
  if (qualification == NULL)
    return g_steal_pointer (&name);
  /* TRANSLATORS: an agent and their qualification: 検証 花子（税理士） */
  return g_strdup_printf (_("%s (%s)"), name, qualification);
}

/* A company by its name; a sole proprietor by the trade name, or else
 * the proprietor's (masked) name. */
char *
inj_render_delegation_principal (InjDelegation *self,
                                 gboolean reveal)
{
  static const InjField fields[] = {
    INJ_FIELD_CORPORATE_NAME, INJ_FIELD_TRADE_NAME, INJ_FIELD_PROPRIETOR_NAME,
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *value = NULL;
      if (!inj_delegation_field_applies (self, fields[i]))
        continue;
      value = inj_render_value (self, fields[i], reveal);
      if (value && *value)
        return g_steal_pointer (&value);
    }
  return g_strdup (_("(principal not entered)"));
}

char *
inj_render_delegation_parties (InjDelegation *self,
                               gboolean reveal)
{
  g_autofree char *principal = inj_render_delegation_principal (self, reveal);
  g_autofree char *agent = inj_render_delegation_agent (self, reveal);

  /* TRANSLATORS: the principal and the agent of one delegation */
  return g_strdup_printf (_("%s → %s"), principal, agent);
}

char *
inj_render_delegation_title (InjDelegation *self,
                             gboolean reveal,
                             guint max_scope)
{
  g_autofree char *agent = inj_render_delegation_agent (self, reveal);
  const char *scope = inj_delegation_get_text (self, INJ_FIELD_AUTHORITY_SCOPE);
  g_autofree char *first = NULL;

  if (scope == NULL || *scope == '\0')
    return g_steal_pointer (&agent);
  first = g_strndup (scope, strcspn (scope, "\n"));
  if (max_scope > 0 && g_utf8_strlen (first, -1) > max_scope)
    {
      g_autofree char *cut = g_utf8_substring (first, 0, max_scope);
      g_free (first);
      first = g_strconcat (cut, "…", NULL);
    }
  /* TRANSLATORS: an agent and what they may do: 検証 花子（税理士）・法人税の… */
  return g_strdup_printf (_("%s · %s"), agent, first);
}

const char *
inj_render_validity (InjValidity validity)
{
  switch (validity)
    {
    case INJ_VALIDITY_VALID:
      return _("valid");
    case INJ_VALIDITY_NOT_YET:
      return _("not valid yet");
    case INJ_VALIDITY_EXPIRED:
      return _("expired");
    case INJ_VALIDITY_UNKNOWN:
    default:
      return _("validity unknown");
    }
}

/* Subject, issuer, validity (and whether it holds now), serial and
 * fingerprint; the JPKI personal fields, masked unless @show_personal. */
char *
inj_render_certificate (InjCertificate *cert,
                        gboolean show_personal,
                        GDateTime *now,
                        const char *indent)
{
  GString *out = g_string_new (NULL);
  g_autofree char *from = format_time (inj_certificate_get_not_before (cert));
  g_autofree char *until = format_time (inj_certificate_get_not_after (cert));
  g_autoptr(GDateTime) current = now ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  const char *state = inj_render_validity (inj_certificate_get_validity_at (cert, current));

  g_string_append_printf (out, "%s%s: %s\n", indent, _("Subject"),
                          inj_certificate_get_subject (cert));
  g_string_append_printf (out, "%s%s: %s\n", indent, _("Issuer"),
                          inj_certificate_get_issuer (cert));
  /* TRANSLATORS: validity: from, until, state (valid / expired) */
  g_string_append_printf (out, "%s%s: %s – %s (%s)\n", indent, _("Validity"), from, until, state);
  g_string_append_printf (out, "%s%s: %s\n", indent, _("Serial number"),
                          inj_certificate_get_serial (cert));
  g_string_append_printf (out, "%s%s: %s\n", indent, "SHA-256",
                          inj_certificate_get_fingerprint (cert));
  if (inj_certificate_has_jpki_fields (cert))
    {
      for (InjJpkiField f = 0; f < INJ_N_JPKI_FIELDS; f++)
        {
          const char *v = inj_certificate_get_jpki_field (cert, f);
          g_autofree char *shown = NULL;
          if (v == NULL)
            continue;
          if (!show_personal)
            shown = inj_mask_jpki_field (f, v);
          else if (f == INJ_JPKI_BIRTH_DATE)
            shown = inj_jpki_birth_date_display (v);
          else if (f == INJ_JPKI_GENDER)
            shown = g_strdup (inj_jpki_gender_display (v));
          else
            shown = g_strdup (v);
          g_string_append_printf (out, "%s%s: %s\n", indent, inj_jpki_field_label (f),
                                  *shown ? shown : _("(empty)"));
        }
      if (!show_personal)
        g_string_append_printf (out, "%s%s\n", indent,
                                _("Personal data is hidden (＊). Use --show-personal to show it."));
    }
  return g_string_free (out, FALSE);
}

/* ---------------------------------------------------------------- authorities */

/* A certificate authority's name for a person. J-LIS's CAs are named in
 * English in their DN (OU=Japan Agency for Local Authority Information
 * Systems, OU=JPKI for digital signature, O=JPKI, C=JP; TEST ones end their
 * OUs in " TEST"); the window says 地方公共団体情報システム機構 and which CA.
 * Any other DN (a trust anchor of the settings) is given back as it is. */
char *
inj_render_ca_name (const char *dn)
{
  static const char jlis[] = "Japan Agency for Local Authority Information Systems";
  gboolean test;
  gboolean sign;
  gboolean auth;

  if (dn == NULL)
    return g_strdup ("—");
  if (strstr (dn, jlis) == NULL)
    return g_strdup (dn);
  test = strstr (dn, "Japan Agency for Local Authority Information Systems TEST") != NULL;
  sign = strstr (dn, "JPKI for digital signature") != NULL;
  auth = strstr (dn, "JPKI for user authentication") != NULL;
  if (sign)
    return g_strdup (test ? _("J-LIS, signing CA, for tests") : _("J-LIS, signing CA"));
  if (auth)
    return g_strdup (test ? _("J-LIS, user authentication CA, for tests")
                          : _("J-LIS, user authentication CA"));
  return g_strdup (test ? _("J-LIS, for tests") : _("J-LIS"));
}

char *
inj_render_account_value (InjAccountInfo *info,
                          InjAccountField field,
                          gboolean reveal)
{
  const char *value = inj_account_info_get (info, field);
  InjFieldFlags flags = inj_account_field_flags (field, inj_account_info_get_kind (info));

  if (value == NULL || reveal || !(flags & INJ_FIELD_FLAG_PERSONAL)
      || (flags & INJ_FIELD_FLAG_REGISTRY))
    return g_strdup (value);
  if (flags & INJ_FIELD_FLAG_DATE)
    return g_strdup ("＊＊＊＊年＊＊月＊＊日");
  if (field == INJ_ACCOUNT_FIELD_REPRESENTATIVE_NAME || field == INJ_ACCOUNT_FIELD_DECLARANT_NAME)
    return g_strdup_printf ("%.*s＊＊＊", (int) (g_utf8_next_char (value) - value), value);
  return g_strdup ("＊＊＊＊＊＊");
}
