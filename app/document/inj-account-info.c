/* inj-account-info.c: 基本情報 (seed 000 §3.1.1) and a recipient's
 * registration (§5.2): items, labels per kind, rules, XML. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-account-info.h"
#include "inj-corporate-number.h"
#include "inj-date.h"
#include "inj-log.h"
#include "inj-text.h"
#include "inj-xml-log.h"
#include "inj-xml-private.h"

#define RESOURCE_XSD "/io/github/ininjo/Ininjo/ininjo-account-1.xsd"

typedef struct {
  const char *key;          /* stable identifier (CLI, storage) */
  const char *element[2];   /* XML element: 法人, 個人事業者 */
  const char *label[2];     /* C_("account field", …): 法人, 個人事業者 */
  guint max_chars;
  InjFieldFlags flags[2];
} AccountFieldInfo;

#define P INJ_FIELD_FLAG_PERSONAL

static const AccountFieldInfo fields[INJ_N_ACCOUNT_FIELDS] = {
  [INJ_ACCOUNT_FIELD_CORPORATE_NUMBER] = {
    "corporate-number", { "CorporateNumber", NULL },
    { NC_("account field", "Corporate number"), NULL }, 13,
    { INJ_FIELD_FLAG_ASCII_ID, 0 } },
  [INJ_ACCOUNT_FIELD_ORGANIZATION_NAME] = {
    "organization-name", { "OrganizationName", "TradeName" },
    { NC_("account field", "Organization name"), NC_("account field", "Trade name") }, 200,
    { 0, 0 } },
  [INJ_ACCOUNT_FIELD_ORGANIZATION_ADDRESS] = {
    "organization-address", { "OrganizationAddress", "BusinessAddress" },
    { NC_("account field", "Head office address"), NC_("account field", "Business address") }, 200,
    { 0, P } },
  [INJ_ACCOUNT_FIELD_REPRESENTATIVE_TITLE] = {
    "representative-title", { "RepresentativeTitle", NULL },
    { NC_("account field", "Representative's title"), NULL }, 50,
    { 0, 0 } },
  [INJ_ACCOUNT_FIELD_REPRESENTATIVE_NAME] = {
    "representative-name", { "RepresentativeName", "Name" },
    { NC_("account field", "Representative's name"), NC_("account field", "Name") }, 100,
    { P | INJ_FIELD_FLAG_REGISTRY, P } },
  [INJ_ACCOUNT_FIELD_REPRESENTATIVE_ADDRESS] = {
    "representative-address", { "RepresentativeAddress", "Address" },
    { NC_("account field", "Representative's address"), NC_("account field", "Home address") }, 200,
    { P, P } },
  [INJ_ACCOUNT_FIELD_PHONE] = {
    "phone", { "RepresentativePhone", "Phone" },
    { NC_("account field", "Representative's phone number"), NC_("account field", "Phone number") }, 13,
    { P | INJ_FIELD_FLAG_ASCII_ID, P | INJ_FIELD_FLAG_ASCII_ID } },
  [INJ_ACCOUNT_FIELD_BIRTH_DATE] = {
    "birth-date", { NULL, "BirthDate" },
    { NULL, NC_("account field", "Date of birth") }, 10,
    { 0, P | INJ_FIELD_FLAG_DATE } },
  [INJ_ACCOUNT_FIELD_DECLARANT_NAME] = {
    "declarant-name", { "DeclarantName", "DeclarantName" },
    { NC_("account field", "Declarant's name"), NC_("account field", "Declarant's name") }, 100,
    { P, P } },
};

#undef P

G_DEFINE_QUARK (inj-account-info-error-quark, inj_account_info_error)

typedef struct {
  InjPrincipalKind kind;
  char *values[INJ_N_ACCOUNT_FIELDS];
} InjAccountInfoPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (InjAccountInfo, inj_account_info, G_TYPE_OBJECT)

struct _InjRecipientInfo {
  InjAccountInfo parent_instance;
};

G_DEFINE_FINAL_TYPE (InjRecipientInfo, inj_recipient_info, INJ_TYPE_ACCOUNT_INFO)

static void
inj_account_info_finalize (GObject *object)
{
  InjAccountInfoPrivate *priv = inj_account_info_get_instance_private (INJ_ACCOUNT_INFO (object));

  for (int f = 0; f < INJ_N_ACCOUNT_FIELDS; f++)
    g_free (priv->values[f]);
  G_OBJECT_CLASS (inj_account_info_parent_class)->finalize (object);
}

static void
inj_account_info_class_init (InjAccountInfoClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = inj_account_info_finalize;
}

static void
inj_account_info_init (InjAccountInfo *self)
{
}

static void
inj_recipient_info_class_init (InjRecipientInfoClass *klass)
{
}

static void
inj_recipient_info_init (InjRecipientInfo *self)
{
}

void
inj_account_problem_free (InjAccountProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->message);
  g_free (problem);
}

/* ------------------------------------------------------------- items */

static int
column (InjPrincipalKind kind)
{
  return kind == INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR ? 1 : 0;
}

const char *
inj_account_field_label (InjAccountField field,
                         InjPrincipalKind kind)
{
  const char *label;

  g_return_val_if_fail (field >= 0 && field < INJ_N_ACCOUNT_FIELDS, NULL);
  label = fields[field].label[column (kind)];
  if (label == NULL)
    label = fields[field].label[1 - column (kind)];
  return g_dpgettext2 (GETTEXT_PACKAGE, "account field", label);
}

const char *
inj_account_field_element (InjAccountField field,
                           InjPrincipalKind kind)
{
  g_return_val_if_fail (field >= 0 && field < INJ_N_ACCOUNT_FIELDS, NULL);
  return fields[field].element[column (kind)];
}

const char *
inj_account_field_key (InjAccountField field)
{
  g_return_val_if_fail (field >= 0 && field < INJ_N_ACCOUNT_FIELDS, NULL);
  return fields[field].key;
}

InjAccountField
inj_account_field_from_key (const char *key)
{
  for (int f = 0; f < INJ_N_ACCOUNT_FIELDS; f++)
    if (g_strcmp0 (fields[f].key, key) == 0)
      return f;
  return INJ_N_ACCOUNT_FIELDS;
}

guint
inj_account_field_max_chars (InjAccountField field)
{
  g_return_val_if_fail (field >= 0 && field < INJ_N_ACCOUNT_FIELDS, 0);
  return fields[field].max_chars;
}

InjFieldFlags
inj_account_field_flags (InjAccountField field,
                         InjPrincipalKind kind)
{
  g_return_val_if_fail (field >= 0 && field < INJ_N_ACCOUNT_FIELDS, 0);
  return fields[field].flags[column (kind)];
}

/* ------------------------------------------------------------- model */

static InjAccountInfoPrivate *
priv_of (InjAccountInfo *self)
{
  return inj_account_info_get_instance_private (self);
}

InjAccountInfo *
inj_account_info_new (InjPrincipalKind kind)
{
  InjAccountInfo *self = g_object_new (INJ_TYPE_ACCOUNT_INFO, NULL);

  priv_of (self)->kind = kind;
  return self;
}

InjRecipientInfo *
inj_recipient_info_new (InjPrincipalKind kind)
{
  InjRecipientInfo *self = g_object_new (INJ_TYPE_RECIPIENT_INFO, NULL);

  priv_of (INJ_ACCOUNT_INFO (self))->kind = kind;
  return self;
}

gboolean
inj_account_info_is_recipient (InjAccountInfo *self)
{
  return INJ_IS_RECIPIENT_INFO (self);
}

InjPrincipalKind
inj_account_info_get_kind (InjAccountInfo *self)
{
  g_return_val_if_fail (INJ_IS_ACCOUNT_INFO (self), INJ_PRINCIPAL_KIND_NONE);
  return priv_of (self)->kind;
}

void
inj_account_info_set_kind (InjAccountInfo *self,
                           InjPrincipalKind kind)
{
  g_return_if_fail (INJ_IS_ACCOUNT_INFO (self));
  priv_of (self)->kind = kind;
}

const char *
inj_account_info_get (InjAccountInfo *self,
                      InjAccountField field)
{
  g_return_val_if_fail (INJ_IS_ACCOUNT_INFO (self), NULL);
  g_return_val_if_fail (field >= 0 && field < INJ_N_ACCOUNT_FIELDS, NULL);
  return priv_of (self)->values[field];
}

void
inj_account_info_set (InjAccountInfo *self,
                      InjAccountField field,
                      const char *value)
{
  InjAccountInfoPrivate *priv;
  char *stored = NULL;

  g_return_if_fail (INJ_IS_ACCOUNT_INFO (self));
  g_return_if_fail (field >= 0 && field < INJ_N_ACCOUNT_FIELDS);
  priv = priv_of (self);
  if (value != NULL && !g_utf8_validate (value, -1, NULL))
    stored = g_strdup (value); /* kept as given: validation names it */
  else if (value != NULL)
    {
      InjFieldFlags flags = fields[field].flags[0] | fields[field].flags[1];
      stored = inj_text_normalize (value, flags & INJ_FIELD_FLAG_ASCII_ID);
      if (field == INJ_ACCOUNT_FIELD_BIRTH_DATE && *stored != '\0')
        {
          /* 1980-04-01, 1980/4/1, 昭和55年4月1日 … are stored YYYY-MM-DD */
          InjProblemCode code = INJ_PROBLEM_NONE;
          char *iso = inj_date_birth_from_input (stored, &code);
          if (iso != NULL && code == INJ_PROBLEM_NONE)
            {
              g_free (stored);
              stored = iso;
            }
          else
            g_free (iso);
        }
      if (*stored == '\0')
        g_clear_pointer (&stored, g_free);
    }
  g_free (priv->values[field]);
  priv->values[field] = stored;
}

gboolean
inj_account_info_applies (InjAccountInfo *self,
                          InjAccountField field)
{
  gboolean recipient = inj_account_info_is_recipient (self);
  InjPrincipalKind kind = inj_account_info_get_kind (self);

  switch (field)
    {
    case INJ_ACCOUNT_FIELD_CORPORATE_NUMBER:
      return !recipient && kind == INJ_PRINCIPAL_KIND_CORPORATION;
    case INJ_ACCOUNT_FIELD_REPRESENTATIVE_TITLE:
      return kind == INJ_PRINCIPAL_KIND_CORPORATION;
    case INJ_ACCOUNT_FIELD_PHONE:
      return !recipient;
    case INJ_ACCOUNT_FIELD_BIRTH_DATE:
      return kind == INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR;
    case INJ_ACCOUNT_FIELD_DECLARANT_NAME:
      return recipient;
    case INJ_ACCOUNT_FIELD_ORGANIZATION_NAME:
    case INJ_ACCOUNT_FIELD_ORGANIZATION_ADDRESS:
    case INJ_ACCOUNT_FIELD_REPRESENTATIVE_NAME:
    case INJ_ACCOUNT_FIELD_REPRESENTATIVE_ADDRESS:
      return TRUE;
    case INJ_N_ACCOUNT_FIELDS:
    default:
      return FALSE;
    }
}

const char *
inj_account_info_label (InjAccountInfo *self,
                        InjAccountField field)
{
  return inj_account_field_label (field, inj_account_info_get_kind (self));
}

gboolean
inj_account_info_equal (InjAccountInfo *a,
                        InjAccountInfo *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL || G_OBJECT_TYPE (a) != G_OBJECT_TYPE (b) ||
      inj_account_info_get_kind (a) != inj_account_info_get_kind (b))
    return FALSE;
  for (int f = 0; f < INJ_N_ACCOUNT_FIELDS; f++)
    if (inj_account_info_applies (a, f) &&
        g_strcmp0 (inj_account_info_get (a, f), inj_account_info_get (b, f)) != 0)
      return FALSE;
  return TRUE;
}

InjAccountInfo *
inj_account_info_copy (InjAccountInfo *self)
{
  InjAccountInfo *copy = g_object_new (G_OBJECT_TYPE (self), NULL);

  priv_of (copy)->kind = inj_account_info_get_kind (self);
  for (int f = 0; f < INJ_N_ACCOUNT_FIELDS; f++)
    priv_of (copy)->values[f] = g_strdup (inj_account_info_get (self, f));
  return copy;
}

/* ------------------------------------------------------------- rules */

/* Digits and hyphens only, 10 or 11 digits, a hyphen only between digits:
 * 03-1234-5678, 09012345678. */
static gboolean
phone_ok (const char *text)
{
  guint digits = 0;
  gsize len = strlen (text);

  if (len == 0 || text[0] == '-' || text[len - 1] == '-' || strstr (text, "--"))
    return FALSE;
  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (*p != '-')
        return FALSE;
    }
  return digits == 10 || digits == 11;
}

static InjProblemCode
birth_date_check (const char *text,
                  GDateTime *now)
{
  g_autoptr(GDateTime) current = now ? inj_date_to_jst (now) : inj_date_now ();
  GDate date, today, earliest;
  InjProblemCode code = inj_date_parse_date (text, &date);

  if (code != INJ_PROBLEM_NONE)
    return code;
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (current),
                  g_date_time_get_month (current), g_date_time_get_year (current));
  g_date_clear (&earliest, 1);
  g_date_set_dmy (&earliest, 1, 1, 1900);
  if (g_date_compare (&date, &today) > 0 || g_date_compare (&date, &earliest) < 0)
    return INJ_PROBLEM_BIRTH_DATE_RANGE;
  return INJ_PROBLEM_NONE;
}

static char *
problem_message (InjAccountInfo *self,
                 InjAccountField field,
                 InjProblemCode code)
{
  const char *label = inj_account_info_label (self, field);

  switch (code)
    {
    case INJ_PROBLEM_REQUIRED:
      return g_strdup_printf (_("“%s” is required."), label);
    case INJ_PROBLEM_TOO_LONG:
      return g_strdup_printf (_("“%s” is too long: at most %u characters."), label,
                              fields[field].max_chars);
    case INJ_PROBLEM_INVALID_UTF8:
      return g_strdup_printf (_("“%s” is not valid UTF-8 text."), label);
    case INJ_PROBLEM_LINE_BREAK:
      return g_strdup_printf (_("“%s” must fit on one line."), label);
    case INJ_PROBLEM_SURROGATE:
    case INJ_PROBLEM_CONTROL_CHARACTER:
    case INJ_PROBLEM_BIDI_CONTROL:
      return g_strdup_printf (_("“%s” contains a control character, an invisible formatting "
                                "character or a non-character."),
                              label);
    case INJ_PROBLEM_CORPORATE_NUMBER_FORMAT:
      return g_strdup (_("The corporate number must be exactly 13 digits."));
    case INJ_PROBLEM_CORPORATE_NUMBER_CHECK_DIGIT:
      return g_strdup (_("The corporate number's check digit does not match: check the 13 "
                         "digits again."));
    case INJ_PROBLEM_PHONE_NUMBER:
      return g_strdup_printf (_("“%s” must be 10 or 11 digits, with hyphens between them if "
                                "any (for example 03-1234-5678)."),
                              label);
    case INJ_PROBLEM_DATE_FORMAT:
      return g_strdup_printf (_("“%s” must be a date written YYYY-MM-DD."), label);
    case INJ_PROBLEM_DATE_INVALID:
      return g_strdup_printf (_("“%s” is not a date that exists in the calendar."), label);
    case INJ_PROBLEM_BIRTH_DATE_RANGE:
      return g_strdup (_("The date of birth must be on or after 1900-01-01 and not in the future."));
    case INJ_PROBLEM_NONE:
    default:
      return g_strdup_printf (_("“%s” has a problem."), label);
    }
}

static InjProblemCode
check_field (InjAccountInfo *self,
             InjAccountField field,
             GDateTime *now)
{
  const char *value = inj_account_info_get (self, field);
  InjFieldFlags flags = inj_account_field_flags (field, inj_account_info_get_kind (self));
  InjProblemCode code;

  if (value == NULL || inj_text_is_blank (value))
    return INJ_PROBLEM_REQUIRED;
  code = inj_text_check (value, -1, flags, NULL);
  if (code == INJ_PROBLEM_NOT_NORMALIZED)
    code = INJ_PROBLEM_NONE; /* set() normalises; only a changed byte gets here */
  if (code != INJ_PROBLEM_NONE)
    return code;
  if (inj_text_length (value) > fields[field].max_chars && field != INJ_ACCOUNT_FIELD_PHONE)
    return INJ_PROBLEM_TOO_LONG;
  switch (field)
    {
    case INJ_ACCOUNT_FIELD_CORPORATE_NUMBER:
      return inj_corporate_number_check (value);
    case INJ_ACCOUNT_FIELD_PHONE:
      return phone_ok (value) ? INJ_PROBLEM_NONE : INJ_PROBLEM_PHONE_NUMBER;
    case INJ_ACCOUNT_FIELD_BIRTH_DATE:
      return birth_date_check (value, now);
    default:
      return INJ_PROBLEM_NONE;
    }
}

GPtrArray *
inj_account_info_validate (InjAccountInfo *self,
                           GDateTime *now)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) inj_account_problem_free);
  InjPrincipalKind kind;

  g_return_val_if_fail (INJ_IS_ACCOUNT_INFO (self), problems);
  kind = inj_account_info_get_kind (self);
  if (kind != INJ_PRINCIPAL_KIND_CORPORATION && kind != INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR)
    {
      InjAccountProblem *p = g_new0 (InjAccountProblem, 1);
      p->field = INJ_N_ACCOUNT_FIELDS;
      p->code = INJ_PROBLEM_KIND_UNKNOWN;
      p->message = g_strdup (_("The kind of principal must be corporation (法人) or "
                               "sole-proprietor (個人事業主)."));
      g_ptr_array_add (problems, p);
      return problems;
    }
  for (int f = 0; f < INJ_N_ACCOUNT_FIELDS; f++)
    {
      InjProblemCode code;
      InjAccountProblem *p;

      if (!inj_account_info_applies (self, f) ||
          (code = check_field (self, f, now)) == INJ_PROBLEM_NONE)
        continue;
      p = g_new0 (InjAccountProblem, 1);
      p->field = f;
      p->code = code;
      p->message = problem_message (self, f, code);
      g_ptr_array_add (problems, p);
    }
  return problems;
}

/* ------------------------------------------------------------- XML */

static const char *
root_name (InjAccountInfo *self)
{
  return inj_account_info_is_recipient (self) ? "RecipientInfo" : "AccountInfo";
}

static void
fill_node (InjAccountInfo *self,
           xmlNodePtr node,
           xmlNsPtr ns)
{
  InjPrincipalKind kind = inj_account_info_get_kind (self);
  xmlNodePtr wrap = xmlNewChild (node, ns,
                                 BAD_CAST (kind == INJ_PRINCIPAL_KIND_CORPORATION
                                             ? "Corporation" : "SoleProprietor"),
                                 NULL);

  for (int f = 0; f < INJ_N_ACCOUNT_FIELDS; f++)
    {
      const char *value = inj_account_info_get (self, f);
      if (!inj_account_info_applies (self, f))
        continue;
      /* xmlNewTextChild escapes; the declarant is outside the kind */
      xmlNewTextChild (f == INJ_ACCOUNT_FIELD_DECLARANT_NAME ? node : wrap, ns,
                       BAD_CAST inj_account_field_element (f, kind),
                       BAD_CAST (value ? value : ""));
    }
}

xmlNodePtr
inj_account_info_to_node (InjAccountInfo *self,
                          xmlNodePtr parent,
                          xmlNsPtr ns)
{
  xmlNodePtr node = xmlNewChild (parent, ns, BAD_CAST root_name (self), NULL);

  fill_node (self, node, ns);
  return node;
}

static xmlNodePtr
next_element (xmlNodePtr node)
{
  while (node && node->type != XML_ELEMENT_NODE)
    node = node->next;
  return node;
}

static void
fail (GError **error,
      const char *message)
{
  g_set_error_literal (error, INJ_ACCOUNT_INFO_ERROR, INJ_ACCOUNT_INFO_ERROR_INVALID, message);
}

/* Personal data read from a file joins the log's redaction list. */
static void
register_personal_data (InjAccountInfo *self)
{
  for (int f = 0; f < INJ_N_ACCOUNT_FIELDS; f++)
    {
      const char *value = inj_account_info_get (self, f);
      InjFieldFlags flags = inj_account_field_flags (f, inj_account_info_get_kind (self));
      GDate date;

      if (!(flags & INJ_FIELD_FLAG_PERSONAL) || value == NULL)
        continue;
      inj_log_add_secret_text (value);
      if ((flags & INJ_FIELD_FLAG_DATE) && inj_date_parse_date (value, &date) == INJ_PROBLEM_NONE)
        inj_log_add_secret_date (&date);
    }
}

InjAccountInfo *
inj_account_info_from_node (xmlNodePtr node,
                            GDateTime *now,
                            GError **error)
{
  g_autoptr(InjAccountInfo) self = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  xmlNodePtr wrap, c;
  InjPrincipalKind kind;

  if (inj_xml_is_element (node, INJ_ACCOUNT_NAMESPACE, "AccountInfo"))
    self = inj_account_info_new (INJ_PRINCIPAL_KIND_NONE);
  else if (inj_xml_is_element (node, INJ_ACCOUNT_NAMESPACE, "RecipientInfo"))
    self = INJ_ACCOUNT_INFO (inj_recipient_info_new (INJ_PRINCIPAL_KIND_NONE));
  else
    {
      fail (error, _("The statement carries no basic information."));
      return NULL;
    }
  wrap = next_element (node->children);
  if (inj_xml_is_element (wrap, INJ_ACCOUNT_NAMESPACE, "Corporation"))
    kind = INJ_PRINCIPAL_KIND_CORPORATION;
  else if (inj_xml_is_element (wrap, INJ_ACCOUNT_NAMESPACE, "SoleProprietor"))
    kind = INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR;
  else
    {
      fail (error, _("The kind of principal must be corporation (法人) or sole-proprietor "
                     "(個人事業主)."));
      return NULL;
    }
  inj_account_info_set_kind (self, kind);

  /* every applicable item, in order, once; nothing else */
  c = next_element (wrap->children);
  for (int f = 0; f < INJ_N_ACCOUNT_FIELDS; f++)
    {
      xmlChar *text;

      if (!inj_account_info_applies (self, f))
        continue;
      if (f == INJ_ACCOUNT_FIELD_DECLARANT_NAME)
        {
          if (c != NULL)
            break; /* left over in the kind: refused below */
          c = next_element (wrap->next);
        }
      if (!inj_xml_is_element (c, INJ_ACCOUNT_NAMESPACE, inj_account_field_element (f, kind)))
        {
          g_autofree char *m = g_strdup_printf (_("“%s” is missing."),
                                                inj_account_info_label (self, f));
          fail (error, m);
          return NULL;
        }
      text = xmlNodeGetContent (c);
      priv_of (self)->values[f] = g_strdup ((const char *) text);
      xmlFree (text);
      c = next_element (c->next);
    }
  if (c != NULL || (!inj_account_info_is_recipient (self) && next_element (wrap->next) != NULL))
    {
      fail (error, _("The basic information has an item that does not belong there."));
      return NULL;
    }

  register_personal_data (self);
  problems = inj_account_info_validate (self, now);
  if (problems->len > 0)
    {
      InjAccountProblem *p = g_ptr_array_index (problems, 0);
      fail (error, p->message);
      return NULL;
    }
  return g_steal_pointer (&self);
}

GBytes *
inj_account_info_to_xml (InjAccountInfo *self)
{
  xmlDocPtr doc;
  xmlNodePtr root;
  xmlNsPtr ns;
  xmlChar *mem = NULL;
  int size = 0;
  GBytes *bytes;

  inj_xml_init ();
  doc = xmlNewDoc (BAD_CAST "1.0");
  root = xmlNewNode (NULL, BAD_CAST root_name (self));
  ns = xmlNewNs (root, BAD_CAST INJ_ACCOUNT_NAMESPACE, NULL);
  xmlSetNs (root, ns);
  xmlDocSetRootElement (doc, root);
  fill_node (self, root, ns);
  xmlDocDumpFormatMemoryEnc (doc, &mem, &size, "UTF-8", 1);
  bytes = g_bytes_new (mem, size);
  xmlFree (mem);
  xmlFreeDoc (doc);
  return bytes;
}

InjAccountInfo *
inj_account_info_from_xml (const char *data,
                           gsize length,
                           GError **error)
{
  xmlDocPtr doc = inj_xml_parse (data, length, error);
  g_autoptr(GPtrArray) problems = NULL;
  InjAccountInfo *info;

  if (doc == NULL)
    return NULL;
  problems = inj_xml_validate (doc, inj_xml_schema (RESOURCE_XSD));
  if (problems->len > 0)
    {
      inj_problems_set_error (problems, error, INJ_ACCOUNT_INFO_ERROR,
                              INJ_ACCOUNT_INFO_ERROR_INVALID);
      xmlFreeDoc (doc);
      return NULL;
    }
  info = inj_account_info_from_node (xmlDocGetRootElement (doc), NULL, error);
  xmlFreeDoc (doc);
  return info;
}
