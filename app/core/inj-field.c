/* inj-field.c: the one table of delegation items. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-field.h"

#define F(id, sec, k, el, lbl, it, max, fl) \
  [id] = { id, sec, k, el, lbl, it, max, fl }

static const InjFieldInfo fields[INJ_N_FIELDS] = {
  F (INJ_FIELD_DELEGATION_ID, "delegation", "id", "DelegationId",
     N_("Delegation ID"), "電子委任状ID", 36, INJ_FIELD_FLAG_AUTO),
  F (INJ_FIELD_SUPERSEDES, "delegation", "supersedes", "Supersedes",
     N_("ID of the renewed delegation"), "電子委任状ID（更新前）", 36, INJ_FIELD_FLAG_AUTO),
  F (INJ_FIELD_CREATED_AT, "delegation", "created-at", "CreatedAt",
     N_("Created at"), "作成日時", 25, INJ_FIELD_FLAG_AUTO | INJ_FIELD_FLAG_DATETIME),
  F (INJ_FIELD_PRINCIPAL_KIND, "principal", "kind", "Principal",
     N_("Kind of principal"), "法人代表者または個人事業主の種別", 16, INJ_FIELD_FLAG_NONE),
  F (INJ_FIELD_CORPORATE_NUMBER, "principal", "corporate-number", "CorporateNumber",
     N_("Corporate number"), "国税庁が指定する法人番号", 13, INJ_FIELD_FLAG_ASCII_ID),
  F (INJ_FIELD_CORPORATE_NAME, "principal", "corporate-name", "CorporateName",
     N_("Corporate name"), "商業登記における法人名称", 200, INJ_FIELD_FLAG_NONE),
  F (INJ_FIELD_HEAD_OFFICE_ADDRESS, "principal", "head-office-address", "HeadOfficeAddress",
     N_("Head office address"), "商業登記における本店所在地", 200, INJ_FIELD_FLAG_NONE),
  F (INJ_FIELD_REPRESENTATIVE_TITLE, "principal", "representative-title", "RepresentativeTitle",
     N_("Representative's title"), "代表者の肩書き", 50, INJ_FIELD_FLAG_NONE),
  F (INJ_FIELD_REPRESENTATIVE_NAME, "principal", "representative-name", "RepresentativeName",
     N_("Representative's name"), "代表者名", 100,
     INJ_FIELD_FLAG_PERSONAL | INJ_FIELD_FLAG_REGISTRY),
  F (INJ_FIELD_TRADE_NAME, "principal", "trade-name", "TradeName",
     N_("Trade name"), "屋号", 100, INJ_FIELD_FLAG_NONE),
  F (INJ_FIELD_PROPRIETOR_NAME, "principal", "name", "Name",
     N_("Name"), "氏名（自然人）", 100, INJ_FIELD_FLAG_PERSONAL),
  F (INJ_FIELD_PROPRIETOR_ADDRESS, "principal", "address", "Address",
     N_("Address (place of business)"), "住所（事業所所在地）", 200, INJ_FIELD_FLAG_PERSONAL),
  F (INJ_FIELD_PROPRIETOR_BIRTH_DATE, "principal", "birth-date", "BirthDate",
     N_("Date of birth"), "生年月日", 10, INJ_FIELD_FLAG_PERSONAL | INJ_FIELD_FLAG_DATE),
  F (INJ_FIELD_AGENT_NAME, "agent", "name", "Name",
     N_("Agent's name"), "受任者の識別名（氏名等）", 100, INJ_FIELD_FLAG_PERSONAL),
  F (INJ_FIELD_AGENT_TITLE, "agent", "title", "Title",
     N_("Agent's position or title"), "受任者の役職・肩書", 50, INJ_FIELD_FLAG_NONE),
  F (INJ_FIELD_AGENT_QUALIFICATION, "agent", "qualification", "Qualification",
     N_("Agent's qualification"), "受任者の法律上の資格種別（士業の場合）", 16, INJ_FIELD_FLAG_NONE),
  F (INJ_FIELD_AGENT_ADDRESS, "agent", "address", "Address",
     N_("Agent's address"), "受任者の所在地", 200, INJ_FIELD_FLAG_PERSONAL),
  F (INJ_FIELD_AGENT_IDENTIFIER, "agent", "identifier", "Identifier",
     N_("Agent's identifier"), "受任者の識別ID（社員番号等、士業の場合は資格認定番号等）", 32,
     INJ_FIELD_FLAG_ASCII_ID),
  F (INJ_FIELD_AUTHORITY_SCOPE, "authority", "scope", "Scope",
     N_("Scope of authority"), "代理権の内容", 2000, INJ_FIELD_FLAG_MULTILINE),
  F (INJ_FIELD_AUTHORITY_RESTRICTIONS, "authority", "restrictions", "Restrictions",
     N_("Restrictions on authority"), "代理権の制限", 2000, INJ_FIELD_FLAG_MULTILINE),
  F (INJ_FIELD_PERIOD_START, "authority", "start", "Start",
     N_("Start of the period"), "委任期間（開始）", 25, INJ_FIELD_FLAG_DATETIME),
  F (INJ_FIELD_PERIOD_END, "authority", "end", "End",
     N_("End of the period"), "委任期間（終了）", 25, INJ_FIELD_FLAG_DATETIME),
  F (INJ_FIELD_SERVICE_NAME, "service", "name", "Name",
     N_("Service name"), "事業者の電子委任状取扱サービスの名称", 100, INJ_FIELD_FLAG_AUTO),
  F (INJ_FIELD_POLICY_URL, "service", "policy-url", "PolicyUrl",
     N_("Policy URL"), "ポリシーを記載している場所（URL）", 512,
     INJ_FIELD_FLAG_AUTO | INJ_FIELD_FLAG_URL),
  F (INJ_FIELD_VALIDITY_URL, "service", "validity-url", "ValidityCheckUrl",
     N_("Validity check URL"), "有効性確認の問合せ先（APIのURL）", 512,
     INJ_FIELD_FLAG_AUTO | INJ_FIELD_FLAG_URL),
  F (INJ_FIELD_SUBDELEGATION, "authority", "subdelegation", "Subdelegation",
     N_("Sub-delegation"), "復代理の可否", 16, INJ_FIELD_FLAG_NONE),
};

#undef F

const InjFieldInfo *
inj_field_info (InjField field)
{
  g_return_val_if_fail (field >= 0 && field < INJ_N_FIELDS, NULL);
  return &fields[field];
}

const char *
inj_field_label (InjField field)
{
  if (field < 0 || field >= INJ_N_FIELDS)
    return _("Document");
  return _(fields[field].label);
}

/* The agent's identifier of a 士業 is their registration number: once the
 * qualification is chosen, the item is called by its own term
 * (税理士登録番号, …) instead of 受任者の識別ID. */
const char *
inj_field_label_as (InjField field,
                    InjQualification qualification)
{
  static const char *const numbers[] = {
    [INJ_QUALIFICATION_ATTORNEY] = N_("Registration number (弁護士)"),
    [INJ_QUALIFICATION_JUDICIAL_SCRIVENER] = N_("Registration number (司法書士)"),
    [INJ_QUALIFICATION_ADMINISTRATIVE_SCRIVENER] = N_("Registration number (行政書士)"),
    [INJ_QUALIFICATION_LAND_HOUSE_INVESTIGATOR] = N_("Registration number (土地家屋調査士)"),
    [INJ_QUALIFICATION_PATENT_ATTORNEY] = N_("Registration number (弁理士)"),
    [INJ_QUALIFICATION_TAX_ACCOUNTANT] = N_("Registration number (税理士)"),
    [INJ_QUALIFICATION_LABOR_SOCIAL_SECURITY] = N_("Registration number (社会保険労務士)"),
    [INJ_QUALIFICATION_CERTIFIED_PUBLIC_ACCOUNTANT] = N_("Registration number (公認会計士)"),
  };

  if (field == INJ_FIELD_AGENT_IDENTIFIER && qualification > INJ_QUALIFICATION_NONE &&
      (guint) qualification < G_N_ELEMENTS (numbers) && numbers[qualification])
    return _(numbers[qualification]);
  return inj_field_label (field);
}

InjField
inj_field_from_key (const char *section,
                    const char *key)
{
  for (guint i = 0; i < INJ_N_FIELDS; i++)
    if (g_str_equal (fields[i].section, section) && g_str_equal (fields[i].key, key))
      return (InjField) i;
  return INJ_FIELD_NONE;
}

/* Element names repeat under different parents (Name, Address), so the
 * parent element decides. */
InjField
inj_field_from_element (const char *parent,
                        const char *element)
{
  static const struct { const char *parent; const char *section; } parents[] = {
    { "Delegation", "delegation" },
    { "Corporation", "principal" },
    { "SoleProprietor", "principal" },
    { "Agent", "agent" },
    { "Authority", "authority" },
    { "Period", "authority" },
    { "Service", "service" },
  };

  if (g_strcmp0 (element, "Principal") == 0 ||
      g_strcmp0 (element, "Corporation") == 0 ||
      g_strcmp0 (element, "SoleProprietor") == 0)
    return INJ_FIELD_PRINCIPAL_KIND;

  for (guint p = 0; p < G_N_ELEMENTS (parents); p++)
    {
      if (g_strcmp0 (parent, parents[p].parent) != 0)
        continue;
      for (guint i = 0; i < INJ_N_FIELDS; i++)
        if (i != INJ_FIELD_PRINCIPAL_KIND && g_str_equal (fields[i].section, parents[p].section) &&
            g_strcmp0 (fields[i].element, element) == 0)
          return (InjField) i;
    }
  return INJ_FIELD_NONE;
}

const char *
inj_principal_kind_label (InjPrincipalKind kind)
{
  switch (kind)
    {
    case INJ_PRINCIPAL_KIND_CORPORATION:
      return _("Corporation (representative)");
    case INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR:
      return _("Sole proprietor");
    case INJ_PRINCIPAL_KIND_NONE:
    default:
      return _("Not chosen");
    }
}

const char *
inj_principal_kind_to_key (InjPrincipalKind kind)
{
  switch (kind)
    {
    case INJ_PRINCIPAL_KIND_CORPORATION:
      return "corporation";
    case INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR:
      return "sole-proprietor";
    case INJ_PRINCIPAL_KIND_NONE:
    default:
      return NULL;
    }
}

InjPrincipalKind
inj_principal_kind_parse (const char *text)
{
  if (text == NULL)
    return INJ_PRINCIPAL_KIND_NONE;
  if (g_str_equal (text, "corporation") || g_str_equal (text, "法人"))
    return INJ_PRINCIPAL_KIND_CORPORATION;
  if (g_str_equal (text, "sole-proprietor") || g_str_equal (text, "個人事業主") ||
      g_str_equal (text, "個人"))
    return INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR;
  return INJ_PRINCIPAL_KIND_NONE;
}

/* The Japanese names are the legal terms written into the XML; the keys are
 * for input files written by people who cannot type Japanese easily. */
static const struct {
  const char *name;
  const char *key;
} qualifications[INJ_N_QUALIFICATIONS] = {
  [INJ_QUALIFICATION_NONE] = { NULL, NULL },
  [INJ_QUALIFICATION_ATTORNEY] = { "弁護士", "attorney" },
  [INJ_QUALIFICATION_JUDICIAL_SCRIVENER] = { "司法書士", "judicial-scrivener" },
  [INJ_QUALIFICATION_ADMINISTRATIVE_SCRIVENER] = { "行政書士", "administrative-scrivener" },
  [INJ_QUALIFICATION_LAND_HOUSE_INVESTIGATOR] = { "土地家屋調査士", "land-and-house-investigator" },
  [INJ_QUALIFICATION_PATENT_ATTORNEY] = { "弁理士", "patent-attorney" },
  [INJ_QUALIFICATION_TAX_ACCOUNTANT] = { "税理士", "tax-accountant" },
  [INJ_QUALIFICATION_LABOR_SOCIAL_SECURITY] = { "社会保険労務士", "labor-and-social-security-attorney" },
  [INJ_QUALIFICATION_CERTIFIED_PUBLIC_ACCOUNTANT] = { "公認会計士", "certified-public-accountant" },
};

const char *
inj_qualification_name (InjQualification q)
{
  if (q <= INJ_QUALIFICATION_NONE || q >= INJ_N_QUALIFICATIONS)
    return NULL;
  return qualifications[q].name;
}

const char *
inj_qualification_key (InjQualification q)
{
  if (q <= INJ_QUALIFICATION_NONE || q >= INJ_N_QUALIFICATIONS)
    return NULL;
  return qualifications[q].key;
}

InjQualification
inj_qualification_parse (const char *text)
{
  if (text == NULL)
    return INJ_QUALIFICATION_NONE;
  for (guint i = INJ_QUALIFICATION_NONE + 1; i < INJ_N_QUALIFICATIONS; i++)
    if (g_str_equal (text, qualifications[i].name) || g_str_equal (text, qualifications[i].key))
      return (InjQualification) i;
  return INJ_QUALIFICATION_NONE;
}

/* The XML value and the input-file key are the same English words, so a
 * person without a Japanese keyboard can write them; 可 and 不可 are read
 * too. */
const char *
inj_subdelegation_to_key (InjSubdelegation s)
{
  switch (s)
    {
    case INJ_SUBDELEGATION_ALLOWED:
      return "allowed";
    case INJ_SUBDELEGATION_NOT_ALLOWED:
      return "not-allowed";
    case INJ_SUBDELEGATION_UNSPECIFIED:
    default:
      return NULL;
    }
}

InjSubdelegation
inj_subdelegation_parse (const char *text)
{
  if (text == NULL)
    return INJ_SUBDELEGATION_UNSPECIFIED;
  if (g_str_equal (text, "allowed") || g_str_equal (text, "可"))
    return INJ_SUBDELEGATION_ALLOWED;
  if (g_str_equal (text, "not-allowed") || g_str_equal (text, "不可"))
    return INJ_SUBDELEGATION_NOT_ALLOWED;
  return INJ_SUBDELEGATION_UNSPECIFIED;
}

const char *
inj_subdelegation_label (InjSubdelegation s)
{
  switch (s)
    {
    case INJ_SUBDELEGATION_ALLOWED:
      /* TRANSLATORS: 復代理の可否: the agent may delegate further */
      return _("Allowed");
    case INJ_SUBDELEGATION_NOT_ALLOWED:
      /* TRANSLATORS: 復代理の可否: the agent may not delegate further */
      return _("Not allowed");
    case INJ_SUBDELEGATION_UNSPECIFIED:
    default:
      /* TRANSLATORS: 復代理の可否 left out of the delegation */
      return _("Not stated");
    }
}

const char *
inj_subdelegation_describe (InjSubdelegation s)
{
  switch (s)
    {
    case INJ_SUBDELEGATION_ALLOWED:
      return _("Allowed (the agent may delegate all or part of this authority to another "
               "person)");
    case INJ_SUBDELEGATION_NOT_ALLOWED:
      return _("Not allowed (the agent may not delegate any part of this authority to "
               "another person)");
    case INJ_SUBDELEGATION_UNSPECIFIED:
    default:
      return NULL;
    }
}
