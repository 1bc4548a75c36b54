/* inj-statement.c: the account's signed statements (inj-statement.h). */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-date.h"
#include "inj-signature-private.h"
#include "inj-statement.h"
#include "inj-text.h"
#include "inj-xml-log.h"
#include "inj-xml-private.h"

#define RESOURCE_XSD "/io/github/ininjo/Ininjo/ininjo-account-1.xsd"

struct _InjStatement {
  GObject parent_instance;

  InjStatementKind kind;
  char *nonce;
  char *created_at;
  char *account_id;
  InjAccountInfo *info;
  char *auth_cert_sha256;
  char *delegation_id;
  char *delegation_digest;
  char *reason;
  char *ends_at;
  InjCertificate *signer;
};

G_DEFINE_FINAL_TYPE (InjStatement, inj_statement, G_TYPE_OBJECT)
G_DEFINE_QUARK (inj-statement-error-quark, inj_statement_error)

static const char *const roots[] = {
  [INJ_STATEMENT_ANY] = NULL,
  [INJ_STATEMENT_REGISTRATION] = "AccountRegistration",
  [INJ_STATEMENT_CHANGE] = "AccountChange",
  [INJ_STATEMENT_REBINDING] = "Rebinding",
  [INJ_STATEMENT_TERMINATION] = "Termination",
  [INJ_STATEMENT_RECIPIENT] = "RecipientRegistration",
};

static void
inj_statement_finalize (GObject *object)
{
  InjStatement *self = INJ_STATEMENT (object);

  g_free (self->nonce);
  g_free (self->created_at);
  g_free (self->account_id);
  g_clear_object (&self->info);
  g_free (self->auth_cert_sha256);
  g_free (self->delegation_id);
  g_free (self->delegation_digest);
  g_free (self->reason);
  g_free (self->ends_at);
  g_clear_object (&self->signer);
  G_OBJECT_CLASS (inj_statement_parent_class)->finalize (object);
}

static void
inj_statement_class_init (InjStatementClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = inj_statement_finalize;
}

static void
inj_statement_init (InjStatement *self)
{
}

const char *
inj_statement_kind_label (InjStatementKind kind)
{
  switch (kind)
    {
    case INJ_STATEMENT_REGISTRATION:
      return C_("statement", "Registration of the basic information");
    case INJ_STATEMENT_CHANGE:
      return C_("statement", "Change of the basic information");
    case INJ_STATEMENT_REBINDING:
      return C_("statement", "Binding of a renewed card");
    case INJ_STATEMENT_TERMINATION:
      return C_("statement", "End of a delegation");
    case INJ_STATEMENT_RECIPIENT:
      return C_("statement", "Registration of a recipient");
    case INJ_STATEMENT_ANY:
    default:
      return C_("statement", "Statement");
    }
}

/* ------------------------------------------------------------- builders */

static InjStatement *
statement_new (InjStatementKind kind)
{
  InjStatement *self = g_object_new (INJ_TYPE_STATEMENT, NULL);
  g_autoptr(GDateTime) now = inj_date_now ();

  self->kind = kind;
  self->nonce = inj_delegation_generate_id ();
  self->created_at = inj_date_format_datetime (now);
  return self;
}

InjStatement *
inj_statement_new_registration (InjAccountInfo *info)
{
  InjStatement *self;

  g_return_val_if_fail (INJ_IS_ACCOUNT_INFO (info) && !inj_account_info_is_recipient (info), NULL);
  self = statement_new (INJ_STATEMENT_REGISTRATION);
  self->info = inj_account_info_copy (info);
  return self;
}

InjStatement *
inj_statement_new_change (const char *account_id,
                          InjAccountInfo *info)
{
  InjStatement *self;

  g_return_val_if_fail (account_id != NULL, NULL);
  g_return_val_if_fail (INJ_IS_ACCOUNT_INFO (info) && !inj_account_info_is_recipient (info), NULL);
  self = statement_new (INJ_STATEMENT_CHANGE);
  self->account_id = g_strdup (account_id);
  self->info = inj_account_info_copy (info);
  return self;
}

InjStatement *
inj_statement_new_rebinding (const char *account_id,
                             const char *auth_cert_sha256_hex)
{
  InjStatement *self;

  g_return_val_if_fail (account_id != NULL && auth_cert_sha256_hex != NULL, NULL);
  self = statement_new (INJ_STATEMENT_REBINDING);
  self->account_id = g_strdup (account_id);
  self->auth_cert_sha256 = g_ascii_strdown (auth_cert_sha256_hex, -1);
  return self;
}

InjStatement *
inj_statement_new_termination (const char *account_id,
                               const char *delegation_id,
                               const char *delegation_sha256_hex,
                               const char *reason,
                               GDateTime *ends_at)
{
  InjStatement *self;

  g_return_val_if_fail (account_id != NULL && delegation_id != NULL, NULL);
  g_return_val_if_fail (delegation_sha256_hex != NULL && ends_at != NULL, NULL);
  self = statement_new (INJ_STATEMENT_TERMINATION);
  self->account_id = g_strdup (account_id);
  self->delegation_id = g_strdup (delegation_id);
  self->delegation_digest = g_ascii_strdown (delegation_sha256_hex, -1);
  if (reason != NULL && g_utf8_validate (reason, -1, NULL) && !inj_text_is_blank (reason))
    self->reason = inj_text_normalize (reason, INJ_FIELD_FLAG_NONE);
  else if (reason != NULL && !inj_text_is_blank (reason))
    self->reason = g_strdup (reason); /* refused by the schema when signed */
  self->ends_at = inj_date_format_datetime (ends_at);
  return self;
}

InjStatement *
inj_statement_new_recipient (InjRecipientInfo *info)
{
  InjStatement *self;

  g_return_val_if_fail (INJ_IS_RECIPIENT_INFO (info), NULL);
  self = statement_new (INJ_STATEMENT_RECIPIENT);
  self->info = inj_account_info_copy (INJ_ACCOUNT_INFO (info));
  return self;
}

void
inj_statement_set_created_at (InjStatement *self,
                              GDateTime *created_at)
{
  g_return_if_fail (INJ_IS_STATEMENT (self) && created_at != NULL);
  g_free (self->created_at);
  self->created_at = inj_date_format_datetime (created_at);
}

/* ------------------------------------------------------------- writing */

static xmlDocPtr
to_doc (InjStatement *self)
{
  xmlDocPtr doc = xmlNewDoc (BAD_CAST "1.0");
  xmlNodePtr root = xmlNewNode (NULL, BAD_CAST roots[self->kind]);
  xmlNsPtr ns = xmlNewNs (root, BAD_CAST INJ_ACCOUNT_NAMESPACE, NULL);

  xmlSetNs (root, ns);
  xmlNewProp (root, BAD_CAST "schemaVersion", BAD_CAST "1.0");
  xmlDocSetRootElement (doc, root);
  xmlNewTextChild (root, ns, BAD_CAST "Nonce", BAD_CAST self->nonce);
  xmlNewTextChild (root, ns, BAD_CAST "CreatedAt", BAD_CAST self->created_at);
  if (self->account_id)
    xmlNewTextChild (root, ns, BAD_CAST "AccountId", BAD_CAST self->account_id);
  switch (self->kind)
    {
    case INJ_STATEMENT_REGISTRATION:
    case INJ_STATEMENT_CHANGE:
    case INJ_STATEMENT_RECIPIENT:
      inj_account_info_to_node (self->info, root, ns);
      break;
    case INJ_STATEMENT_REBINDING:
      xmlNewTextChild (root, ns, BAD_CAST "AuthCertificateSha256", BAD_CAST self->auth_cert_sha256);
      break;
    case INJ_STATEMENT_TERMINATION:
      xmlNewTextChild (root, ns, BAD_CAST "DelegationId", BAD_CAST self->delegation_id);
      xmlNewTextChild (root, ns, BAD_CAST "DelegationDigest", BAD_CAST self->delegation_digest);
      if (self->reason)
        xmlNewTextChild (root, ns, BAD_CAST "Reason", BAD_CAST self->reason);
      xmlNewTextChild (root, ns, BAD_CAST "EndsAt", BAD_CAST self->ends_at);
      break;
    case INJ_STATEMENT_ANY:
    default:
      g_assert_not_reached ();
    }
  return doc;
}

static gboolean
check_schema (xmlDocPtr doc,
              GError **error)
{
  g_autoptr(GPtrArray) problems = inj_xml_validate (doc, inj_xml_schema (RESOURCE_XSD));

  if (problems->len == 0)
    return TRUE;
  inj_problems_set_error (problems, error, INJ_STATEMENT_ERROR, INJ_STATEMENT_ERROR_INVALID);
  return FALSE;
}

GBytes *
inj_statement_to_xml (InjStatement *self,
                      GError **error)
{
  xmlDocPtr doc;
  xmlChar *mem = NULL;
  int size = 0;
  GBytes *bytes = NULL;

  g_return_val_if_fail (INJ_IS_STATEMENT (self), NULL);
  inj_xml_init ();
  doc = to_doc (self);
  if (check_schema (doc, error))
    {
      xmlDocDumpFormatMemoryEnc (doc, &mem, &size, "UTF-8", 1);
      bytes = g_bytes_new (mem, size);
      xmlFree (mem);
    }
  xmlFreeDoc (doc);
  return bytes;
}

GBytes *
inj_statement_sign (InjStatement *self,
                    InjDsigSignFunc sign,
                    gpointer user_data,
                    GError **error)
{
  g_autoptr(GBytes) xml = NULL;
  GPtrArray *problems = NULL;
  xmlDocPtr doc;
  GBytes *signed_xml;

  g_return_val_if_fail (INJ_IS_STATEMENT (self), NULL);
  if (self->info)
    {
      /* the item rules too, with their own words, before the schema's */
      problems = inj_account_info_validate (self->info, NULL);
      if (problems->len > 0)
        {
          InjAccountProblem *p = g_ptr_array_index (problems, 0);
          g_set_error_literal (error, INJ_STATEMENT_ERROR, INJ_STATEMENT_ERROR_INVALID,
                               p->message);
          g_ptr_array_unref (problems);
          return NULL;
        }
      g_ptr_array_unref (problems);
    }
  xml = inj_statement_to_xml (self, error);
  if (xml == NULL)
    return NULL;
  /* signed as read back, exactly as the delegation */
  doc = inj_xml_parse (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml), error);
  if (doc == NULL)
    return NULL;
  signed_xml = inj_sign_document (doc, sign, user_data, error);
  xmlFreeDoc (doc);
  return signed_xml;
}

/* ------------------------------------------------------------- reading */

static InjStatementKind
kind_of (xmlNodePtr root)
{
  for (guint k = INJ_STATEMENT_REGISTRATION; k < G_N_ELEMENTS (roots); k++)
    if (inj_xml_is_element (root, INJ_ACCOUNT_NAMESPACE, roots[k]))
      return k;
  return INJ_STATEMENT_ANY;
}

/* The statement in @doc, checked against the schema and the item rules. */
static InjStatement *
from_doc (xmlDocPtr doc,
          InjStatementKind expected,
          GDateTime *now,
          GError **error)
{
  xmlNodePtr root = xmlDocGetRootElement (doc);
  InjStatementKind kind = root ? kind_of (root) : INJ_STATEMENT_ANY;
  g_autoptr(InjStatement) self = NULL;

  if (kind == INJ_STATEMENT_ANY)
    {
      g_set_error_literal (error, INJ_STATEMENT_ERROR, INJ_STATEMENT_ERROR_INVALID,
                           _("The file is not a statement to the service made by Ininjo."));
      return NULL;
    }
  if (expected != INJ_STATEMENT_ANY && kind != expected)
    {
      g_set_error (error, INJ_STATEMENT_ERROR, INJ_STATEMENT_ERROR_INVALID,
                   _("The file is a statement of another kind (“%s”), not a “%s”."),
                   inj_statement_kind_label (kind), inj_statement_kind_label (expected));
      return NULL;
    }
  if (!inj_xml_check_signable (doc, error) || !check_schema (doc, error))
    return NULL;

  self = g_object_new (INJ_TYPE_STATEMENT, NULL);
  self->kind = kind;
  self->nonce = inj_xml_child_text (root, INJ_ACCOUNT_NAMESPACE, "Nonce");
  self->created_at = inj_xml_child_text (root, INJ_ACCOUNT_NAMESPACE, "CreatedAt");
  self->account_id = inj_xml_child_text (root, INJ_ACCOUNT_NAMESPACE, "AccountId");
  self->auth_cert_sha256 = inj_xml_child_text (root, INJ_ACCOUNT_NAMESPACE, "AuthCertificateSha256");
  self->delegation_id = inj_xml_child_text (root, INJ_ACCOUNT_NAMESPACE, "DelegationId");
  self->delegation_digest = inj_xml_child_text (root, INJ_ACCOUNT_NAMESPACE, "DelegationDigest");
  self->reason = inj_xml_child_text (root, INJ_ACCOUNT_NAMESPACE, "Reason");
  self->ends_at = inj_xml_child_text (root, INJ_ACCOUNT_NAMESPACE, "EndsAt");
  if (kind == INJ_STATEMENT_REGISTRATION || kind == INJ_STATEMENT_CHANGE ||
      kind == INJ_STATEMENT_RECIPIENT)
    {
      xmlNodePtr info = inj_xml_child (root, INJ_ACCOUNT_NAMESPACE,
                                       kind == INJ_STATEMENT_RECIPIENT ? "RecipientInfo"
                                                                       : "AccountInfo");
      self->info = inj_account_info_from_node (info, now, error);
      if (self->info == NULL)
        return NULL;
    }
  return g_steal_pointer (&self);
}

InjVerification *
inj_verify_statement (GBytes *xml,
                      InjStatementKind expected,
                      InjTrustStore *trust,
                      GDateTime *now,
                      InjStatement **out,
                      GError **error)
{
  g_autoptr(InjVerification) v = g_object_new (INJ_TYPE_VERIFICATION, NULL);
  g_autoptr(InjStatement) s = NULL;
  g_autoptr(InjCertificate) cert = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDateTime) signed_at = NULL;
  g_autoptr(GDateTime) current = now ? g_date_time_ref (now) : inj_date_now ();
  xmlDocPtr doc;

  if (out)
    *out = NULL;
  doc = inj_xml_parse (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml), error);
  if (doc == NULL)
    return NULL;
  s = from_doc (doc, expected, current, &local_error);
  if (s == NULL)
    {
      inj_verification_add (v, INJ_CHECK_DOCUMENT, INJ_CHECK_FAILED, local_error->message);
      xmlFreeDoc (doc);
      return g_steal_pointer (&v);
    }
  inj_verification_add (v, INJ_CHECK_DOCUMENT, INJ_CHECK_PASSED,
                        _("The statement follows its schema and every item rule."));

  /* the statement says when it was made; the signature cannot be older */
  inj_date_parse_datetime (s->created_at, &signed_at);
  cert = _inj_verification_check_signature (v, doc, trust, signed_at, current);
  xmlFreeDoc (doc);
  if (cert == NULL)
    return g_steal_pointer (&v);

  if (inj_certificate_has_jpki_fields (cert) &&
      inj_certificate_get_jpki_field (cert, INJ_JPKI_NAME) != NULL &&
      inj_certificate_get_jpki_field (cert, INJ_JPKI_ADDRESS) != NULL)
    inj_verification_add (v, INJ_CHECK_JPKI_FIELDS, INJ_CHECK_PASSED,
                          _("The signer's certificate carries the name and address the "
                            "service compares."));
  else
    inj_verification_add (v, INJ_CHECK_JPKI_FIELDS, INJ_CHECK_FAILED,
                          _("The signer's certificate has no JPKI name and address: it is "
                            "not a 署名用電子証明書."));

  if (inj_verification_is_valid (v))
    {
      g_set_object (&s->signer, cert);
      if (out)
        *out = g_steal_pointer (&s);
    }
  return g_steal_pointer (&v);
}

/* ------------------------------------------------------------- accessors */

InjStatementKind
inj_statement_get_kind (InjStatement *self)
{
  g_return_val_if_fail (INJ_IS_STATEMENT (self), INJ_STATEMENT_ANY);
  return self->kind;
}

#define GETTER(name, member) \
  const char *inj_statement_get_##name (InjStatement *self) \
  { \
    g_return_val_if_fail (INJ_IS_STATEMENT (self), NULL); \
    return self->member; \
  }

GETTER (nonce, nonce)
GETTER (created_at, created_at)
GETTER (account_id, account_id)
GETTER (auth_cert_sha256, auth_cert_sha256)
GETTER (delegation_id, delegation_id)
GETTER (delegation_digest, delegation_digest)
GETTER (reason, reason)
GETTER (ends_at, ends_at)

#undef GETTER

InjAccountInfo *
inj_statement_get_info (InjStatement *self)
{
  g_return_val_if_fail (INJ_IS_STATEMENT (self), NULL);
  return self->info;
}

InjCertificate *
inj_statement_get_signer (InjStatement *self)
{
  g_return_val_if_fail (INJ_IS_STATEMENT (self), NULL);
  return self->signer;
}

char *
inj_statement_sha256_hex (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

/* ------------------------------------------------------------- §3.1.2 */

/* An address as people compare them: as a name (width folded, spaces
 * removed), and every dash that stands for a hyphen in 「1-2-3」 taken as
 * one (‐ ‑ ‒ – — ― − ﹣; the full-width － is folded by NFKC already). The
 * long vowel mark ー is left alone: it is part of words (センター). */
static char *
address_fold (const char *address)
{
  g_autofree char *folded = inj_name_fold (address);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if ((c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFE63)
        c = '-';
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static gboolean
addresses_match (const char *a,
                 const char *b)
{
  g_autofree char *fa = address_fold (a);
  g_autofree char *fb = address_fold (b);

  return *fa != '\0' && g_str_equal (fa, fb);
}

gboolean
inj_account_info_matches_signer (InjAccountInfo *info,
                                 InjCertificate *signer,
                                 char **reason_out)
{
  const char *name, *address;

  g_return_val_if_fail (INJ_IS_ACCOUNT_INFO (info), FALSE);
  g_return_val_if_fail (INJ_IS_CERTIFICATE (signer), FALSE);
  if (reason_out)
    *reason_out = NULL;

  name = inj_certificate_get_jpki_field (signer, INJ_JPKI_NAME);
  address = inj_certificate_get_jpki_field (signer, INJ_JPKI_ADDRESS);
  if (!inj_certificate_has_jpki_fields (signer) || name == NULL || address == NULL)
    {
      if (reason_out)
        *reason_out = g_strdup (_("The signing certificate carries no name and address to "
                                  "compare with the basic information."));
      return FALSE;
    }
  if (!inj_names_match (name, inj_account_info_get (info, INJ_ACCOUNT_FIELD_REPRESENTATIVE_NAME)))
    {
      if (reason_out)
        *reason_out = g_strdup_printf (_("The name in the signing certificate does not match "
                                         "the %s in the basic information."),
                                       inj_account_info_label (info,
                                                               INJ_ACCOUNT_FIELD_REPRESENTATIVE_NAME));
      return FALSE;
    }
  if (!addresses_match (address,
                        inj_account_info_get (info, INJ_ACCOUNT_FIELD_REPRESENTATIVE_ADDRESS)))
    {
      if (reason_out)
        *reason_out = g_strdup_printf (_("The address in the signing certificate does not "
                                         "match the %s in the basic information. If the "
                                         "address has changed, change the basic information "
                                         "first."),
                                       inj_account_info_label (info,
                                                               INJ_ACCOUNT_FIELD_REPRESENTATIVE_ADDRESS));
      return FALSE;
    }
  return TRUE;
}
