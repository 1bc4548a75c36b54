/* inj-field.h: the items of a delegation (seed 000, table 4-1) and what we
 * know about each: its label, its XML element, its limits. One table drives
 * validation, XML, the input file, prompts and rendering. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  INJ_PRINCIPAL_KIND_NONE = 0,
  INJ_PRINCIPAL_KIND_CORPORATION,     /* 法人 */
  INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR, /* 個人事業主 */
} InjPrincipalKind;

/* Seed 000, 4.1.3: the licensed professions (士業) the service accepts. */
typedef enum {
  INJ_QUALIFICATION_NONE = 0, /* the agent is not acting as a 士業 */
  INJ_QUALIFICATION_ATTORNEY,                   /* 弁護士 */
  INJ_QUALIFICATION_JUDICIAL_SCRIVENER,         /* 司法書士 */
  INJ_QUALIFICATION_ADMINISTRATIVE_SCRIVENER,   /* 行政書士 */
  INJ_QUALIFICATION_LAND_HOUSE_INVESTIGATOR,    /* 土地家屋調査士 */
  INJ_QUALIFICATION_PATENT_ATTORNEY,            /* 弁理士 */
  INJ_QUALIFICATION_TAX_ACCOUNTANT,             /* 税理士 */
  INJ_QUALIFICATION_LABOR_SOCIAL_SECURITY,      /* 社会保険労務士 */
  INJ_QUALIFICATION_CERTIFIED_PUBLIC_ACCOUNTANT,/* 公認会計士 */
  INJ_N_QUALIFICATIONS
} InjQualification;

/* 復代理の可否: whether the agent may delegate further. Not an item of
 * table 4-1 but one the operator may require (table 4-1 ※1); unspecified
 * means the item is absent from the delegation. */
typedef enum {
  INJ_SUBDELEGATION_UNSPECIFIED = 0,
  INJ_SUBDELEGATION_ALLOWED,     /* 可 */
  INJ_SUBDELEGATION_NOT_ALLOWED, /* 不可 */
} InjSubdelegation;

typedef enum {
  INJ_FIELD_DELEGATION_ID = 0,
  INJ_FIELD_SUPERSEDES,
  INJ_FIELD_CREATED_AT,
  INJ_FIELD_PRINCIPAL_KIND,
  INJ_FIELD_CORPORATE_NUMBER,
  INJ_FIELD_CORPORATE_NAME,
  INJ_FIELD_HEAD_OFFICE_ADDRESS,
  INJ_FIELD_REPRESENTATIVE_TITLE,
  INJ_FIELD_REPRESENTATIVE_NAME,
  INJ_FIELD_TRADE_NAME,
  INJ_FIELD_PROPRIETOR_NAME,
  INJ_FIELD_PROPRIETOR_ADDRESS,
  INJ_FIELD_PROPRIETOR_BIRTH_DATE,
  INJ_FIELD_AGENT_NAME,
  INJ_FIELD_AGENT_TITLE,
  INJ_FIELD_AGENT_QUALIFICATION,
  INJ_FIELD_AGENT_ADDRESS,
  INJ_FIELD_AGENT_IDENTIFIER,
  INJ_FIELD_AUTHORITY_SCOPE,
  INJ_FIELD_AUTHORITY_RESTRICTIONS,
  INJ_FIELD_PERIOD_START,
  INJ_FIELD_PERIOD_END,
  INJ_FIELD_SERVICE_NAME,
  INJ_FIELD_POLICY_URL,
  INJ_FIELD_VALIDITY_URL,
  /* Added after the others so that every number above keeps its meaning;
   * shown and written next to the restrictions. */
  INJ_FIELD_SUBDELEGATION,
  INJ_N_FIELDS,
  INJ_FIELD_NONE = -1, /* a problem of the whole document */
} InjField;

typedef enum {
  INJ_FIELD_FLAG_NONE      = 0,
  INJ_FIELD_FLAG_MULTILINE = 1 << 0, /* line breaks allowed */
  INJ_FIELD_FLAG_PERSONAL  = 1 << 1, /* a natural person's name, address or birth date: masked on screen */
  INJ_FIELD_FLAG_AUTO      = 1 << 2, /* filled by the client, never typed */
  INJ_FIELD_FLAG_DATE      = 1 << 3, /* YYYY-MM-DD */
  INJ_FIELD_FLAG_DATETIME  = 1 << 4, /* YYYY-MM-DDThh:mm:ss+09:00 */
  INJ_FIELD_FLAG_URL       = 1 << 5, /* https URL */
  INJ_FIELD_FLAG_ASCII_ID  = 1 << 6, /* full-width digits and letters folded to ASCII */
  INJ_FIELD_FLAG_REGISTRY  = 1 << 7, /* a 法人's public registry data (代表者名): a person's
                                      * name, kept out of logs, but never masked on screen */
} InjFieldFlags;

typedef struct {
  InjField field;
  const char *section;   /* input-file group */
  const char *key;       /* input-file key, stable identifier */
  const char *element;   /* XML element local name */
  const char *label;     /* translatable label, N_() */
  const char *item;      /* the wording of seed 000 table 4-1 (a legal term, not translated) */
  guint max_chars;       /* in Unicode characters after normalisation */
  InjFieldFlags flags;
} InjFieldInfo;

const InjFieldInfo *inj_field_info          (InjField field);
const char         *inj_field_label         (InjField field);
/* The label once the agent's qualification is known: the agent's
 * identifier of a 税理士 is 「税理士登録番号」; any other field as above. */
const char         *inj_field_label_as      (InjField field,
                                             InjQualification qualification);
InjField            inj_field_from_key      (const char *section,
                                             const char *key);
InjField            inj_field_from_element  (const char *parent,
                                             const char *element);

const char       *inj_principal_kind_label  (InjPrincipalKind kind);
const char       *inj_principal_kind_to_key (InjPrincipalKind kind);
InjPrincipalKind  inj_principal_kind_parse  (const char *text);

const char       *inj_qualification_name    (InjQualification q);
const char       *inj_qualification_key     (InjQualification q);
InjQualification  inj_qualification_parse   (const char *text);

/* "allowed" / "not-allowed": the XML value and the input-file key; the
 * parser also reads 可 and 不可. NULL / UNSPECIFIED for anything else. */
const char       *inj_subdelegation_to_key  (InjSubdelegation s);
InjSubdelegation  inj_subdelegation_parse   (const char *text);
/* 「可」 / 「不可」 / 「記載しない」 (a choice in a list). */
const char       *inj_subdelegation_label   (InjSubdelegation s);
/* The value with what it means for the agent, as a delegation shows it:
 * 「不可（受任者は、この委任の全部または一部を他の者に委任できません）」.
 * NULL when unspecified. */
const char       *inj_subdelegation_describe(InjSubdelegation s);

G_END_DECLS
