/* inj-account-info.h: a business's 基本情報 with the service (seed 000
 * §3.1.1), and a recipient's registration (受領者等の登録, §5.2).
 *
 * One model for both: InjRecipientInfo is an InjAccountInfo whose set of
 * items differs (no 法人番号 and no telephone number; 申告者氏名 added).
 * Every inj_account_info_* function takes either. The items are named by
 * InjAccountField; which apply depends on the kind (法人 or 個人事業者)
 * and on the role (account or recipient), and so does the label
 * (組織名称 for a 法人, 屋号 for a 個人事業者 …).
 *
 * Personal data (the representative's name, address, telephone number and
 * date of birth) is flagged INJ_FIELD_FLAG_PERSONAL: registered with the
 * log's redaction when read from XML, masked on screen by default. */
#pragma once

#include <glib-object.h>
#include <libxml/tree.h>

#include "inj-field.h"
#include "inj-problem.h"

G_BEGIN_DECLS

#define INJ_ACCOUNT_NAMESPACE "urn:ininjo:account:1"

typedef enum {
  INJ_ACCOUNT_FIELD_CORPORATE_NUMBER = 0,  /* 法人番号 (法人, account only) */
  INJ_ACCOUNT_FIELD_ORGANIZATION_NAME,     /* 組織名称 / 屋号 */
  INJ_ACCOUNT_FIELD_ORGANIZATION_ADDRESS,  /* 所在地 / 事業所住所 */
  INJ_ACCOUNT_FIELD_REPRESENTATIVE_TITLE,  /* 代表者の肩書き (法人 only) */
  INJ_ACCOUNT_FIELD_REPRESENTATIVE_NAME,   /* 代表者名 / 氏名 */
  INJ_ACCOUNT_FIELD_REPRESENTATIVE_ADDRESS,/* 代表者住所 / 現住所 */
  INJ_ACCOUNT_FIELD_PHONE,                 /* 代表者電話番号 / 電話番号 (account only) */
  INJ_ACCOUNT_FIELD_BIRTH_DATE,            /* 生年月日 (個人事業者 only), YYYY-MM-DD */
  INJ_ACCOUNT_FIELD_DECLARANT_NAME,        /* 申告者氏名 (recipient only) */
  INJ_N_ACCOUNT_FIELDS
} InjAccountField;

/* One finding of inj_account_info_validate(): the item, the code, and one
 * Japanese sentence (through gettext) naming the item, never its value. */
typedef struct {
  InjAccountField field;
  InjProblemCode code;
  char *message;
} InjAccountProblem;

void inj_account_problem_free (InjAccountProblem *problem);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (InjAccountProblem, inj_account_problem_free)

#define INJ_ACCOUNT_INFO_ERROR (inj_account_info_error_quark ())
typedef enum {
  INJ_ACCOUNT_INFO_ERROR_INVALID, /* the XML does not follow the schema or the item rules */
} InjAccountInfoError;
GQuark inj_account_info_error_quark (void);

#define INJ_TYPE_ACCOUNT_INFO (inj_account_info_get_type ())
G_DECLARE_DERIVABLE_TYPE (InjAccountInfo, inj_account_info, INJ, ACCOUNT_INFO, GObject)
struct _InjAccountInfoClass {
  GObjectClass parent_class;
};

#define INJ_TYPE_RECIPIENT_INFO (inj_recipient_info_get_type ())
G_DECLARE_FINAL_TYPE (InjRecipientInfo, inj_recipient_info, INJ, RECIPIENT_INFO, InjAccountInfo)

/* The items, independent of any instance. */
const char      *inj_account_field_label     (InjAccountField field,
                                              InjPrincipalKind kind);
const char      *inj_account_field_element   (InjAccountField field,
                                              InjPrincipalKind kind);
const char      *inj_account_field_key       (InjAccountField field);
InjAccountField  inj_account_field_from_key  (const char *key);
guint            inj_account_field_max_chars (InjAccountField field);
InjFieldFlags    inj_account_field_flags     (InjAccountField field,
                                              InjPrincipalKind kind);

InjAccountInfo   *inj_account_info_new       (InjPrincipalKind kind);
InjRecipientInfo *inj_recipient_info_new     (InjPrincipalKind kind);

gboolean         inj_account_info_is_recipient (InjAccountInfo *self);
InjPrincipalKind inj_account_info_get_kind   (InjAccountInfo *self);
void             inj_account_info_set_kind   (InjAccountInfo *self,
                                              InjPrincipalKind kind);
/* Items that do not apply to the kind or role are kept but neither
 * validated nor written. */
const char      *inj_account_info_get        (InjAccountInfo *self,
                                              InjAccountField field);
/* Stores the value normalised (NFC, trimmed; full-width digits folded in
 * the 法人番号 and the telephone number); NULL or "" clears it. */
void             inj_account_info_set        (InjAccountInfo *self,
                                              InjAccountField field,
                                              const char *value);
gboolean         inj_account_info_applies    (InjAccountInfo *self,
                                              InjAccountField field);
const char      *inj_account_info_label      (InjAccountInfo *self,
                                              InjAccountField field);
/* Every problem (InjAccountProblem), in item order; empty when complete.
 * @now bounds the date of birth (NULL: now). */
GPtrArray       *inj_account_info_validate   (InjAccountInfo *self,
                                              GDateTime *now);
gboolean         inj_account_info_equal      (InjAccountInfo *a,
                                              InjAccountInfo *b);
InjAccountInfo  *inj_account_info_copy       (InjAccountInfo *self);

/* XML: <AccountInfo> (or <RecipientInfo>) in INJ_ACCOUNT_NAMESPACE, the
 * element every statement carries. to_node adds it under @parent with the
 * namespace @ns; from_node reads it, validating every item, and registers
 * the personal data with the log's redaction. */
xmlNodePtr       inj_account_info_to_node    (InjAccountInfo *self,
                                              xmlNodePtr parent,
                                              xmlNsPtr ns);
InjAccountInfo  *inj_account_info_from_node  (xmlNodePtr node,
                                              GDateTime *now,
                                              GError **error);
/* The element alone as a document (for storage and tests). */
GBytes          *inj_account_info_to_xml     (InjAccountInfo *self);
InjAccountInfo  *inj_account_info_from_xml   (const char *data,
                                              gsize length,
                                              GError **error);

G_END_DECLS
