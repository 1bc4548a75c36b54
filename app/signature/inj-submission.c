/* inj-submission.c */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libxml/xmlwriter.h>

#include "inj-date.h"
#include "inj-delegation-xml.h"
#include "inj-signature-private.h"
#include "inj-submission.h"
#include "inj-xml-log.h"
#include "inj-xml-private.h"

#define RESOURCE_XSD "/io/github/ininjo/Ininjo/ininjo-agent-submission-1.xsd"

/* What the agent declares by signing; a legal statement, kept in Japanese. */
#define STATEMENT "私は、この電子委任状による代理権の授与を受けることについて、" \
                  "自らの署名用電子証明書を提出します。"

static InjSubmission *
submission_new (GDateTime *now)
{
  InjSubmission *s = g_new0 (InjSubmission, 1);
  g_autoptr(GDateTime) current = now ? g_date_time_ref (now) : inj_date_now ();

  s->submission_id = inj_delegation_generate_id ();
  s->created_at = inj_date_format_datetime (current);
  s->statement = g_strdup (STATEMENT);
  return s;
}

InjSubmission *
inj_submission_new_for_delegation (const char *delegation_id,
                                   GBytes *delegation_digest,
                                   GDateTime *now)
{
  InjSubmission *s = submission_new (now);

  s->delegation_id = g_strdup (delegation_id);
  s->delegation_digest = g_bytes_ref (delegation_digest);
  return s;
}

InjSubmission *
inj_submission_new_for_code (const char *request_code,
                             GDateTime *now)
{
  InjSubmission *s = submission_new (now);

  s->request_code = g_strdup (request_code);
  return s;
}

void
inj_submission_free (InjSubmission *s)
{
  if (s == NULL)
    return;
  g_free (s->submission_id);
  g_free (s->created_at);
  g_free (s->delegation_id);
  g_clear_pointer (&s->delegation_digest, g_bytes_unref);
  g_free (s->request_code);
  g_free (s->statement);
  g_free (s);
}

/* 16 characters of base32 (80 bits) of a hash of the delegation's digest:
 * short enough to read out, and it stands for the content itself. */
char *
inj_request_code (GBytes *delegation_digest)
{
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 h[32];
  gsize len = sizeof h;
  GString *code = g_string_new (NULL);
  guint bits = 0, value = 0, n = 0;

  g_checksum_update (sum, (const guchar *) "ininjo-request-code-v1", -1);
  g_checksum_update (sum, g_bytes_get_data (delegation_digest, NULL),
                     (gssize) g_bytes_get_size (delegation_digest));
  g_checksum_get_digest (sum, h, &len);
  for (guint i = 0; i < 10; i++)
    {
      value = (value << 8) | h[i];
      bits += 8;
      while (bits >= 5)
        {
          if (n > 0 && n % 4 == 0)
            g_string_append_c (code, '-');
          g_string_append_c (code, alphabet[(value >> (bits - 5)) & 31]);
          bits -= 5;
          n++;
        }
    }
  return g_string_free (code, FALSE);
}

/* What a person types: any case, with or without hyphens and spaces. */
char *
inj_request_code_normalize (const char *typed)
{
  GString *raw = g_string_new (NULL);
  GString *out = g_string_new (NULL);

  for (const char *p = typed; p && *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (raw, g_ascii_toupper (*p));
  if (raw->len != 16)
    {
      g_string_free (raw, TRUE);
      g_string_free (out, TRUE);
      return NULL;
    }
  for (gsize i = 0; i < 16; i++)
    {
      char c = raw->str[i];
      if (!((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7')))
        {
          g_string_free (raw, TRUE);
          g_string_free (out, TRUE);
          return NULL;
        }
      if (i > 0 && i % 4 == 0)
        g_string_append_c (out, '-');
      g_string_append_c (out, c);
    }
  g_string_free (raw, TRUE);
  return g_string_free (out, FALSE);
}

static GBytes *
to_xml (InjSubmission *s)
{
  xmlBufferPtr buf;
  xmlTextWriterPtr w;
  GBytes *bytes;

  inj_xml_init ();
  buf = xmlBufferCreate ();
  w = xmlNewTextWriterMemory (buf, 0);
  xmlTextWriterSetIndent (w, 1);
  xmlTextWriterSetIndentString (w, BAD_CAST "  ");
  xmlTextWriterStartDocument (w, "1.0", "UTF-8", NULL);
  xmlTextWriterStartElement (w, BAD_CAST "AgentSubmission");
  xmlTextWriterWriteAttribute (w, BAD_CAST "xmlns", BAD_CAST INJ_SUBMISSION_NAMESPACE);
  xmlTextWriterWriteAttribute (w, BAD_CAST "schemaVersion", BAD_CAST "1.0");
  xmlTextWriterWriteElement (w, BAD_CAST "SubmissionId", BAD_CAST s->submission_id);
  xmlTextWriterWriteElement (w, BAD_CAST "CreatedAt", BAD_CAST s->created_at);
  if (s->delegation_id)
    {
      g_autofree char *b64 = g_base64_encode (g_bytes_get_data (s->delegation_digest, NULL),
                                              g_bytes_get_size (s->delegation_digest));
      xmlTextWriterStartElement (w, BAD_CAST "Delegation");
      xmlTextWriterWriteElement (w, BAD_CAST "DelegationId", BAD_CAST s->delegation_id);
      xmlTextWriterWriteElement (w, BAD_CAST "DelegationDigest", BAD_CAST b64);
      xmlTextWriterEndElement (w);
    }
  else
    xmlTextWriterWriteElement (w, BAD_CAST "RequestCode", BAD_CAST s->request_code);
  xmlTextWriterWriteElement (w, BAD_CAST "Statement", BAD_CAST s->statement);
  xmlTextWriterEndElement (w);
  xmlTextWriterEndDocument (w);
  xmlFreeTextWriter (w);
  bytes = g_bytes_new (xmlBufferContent (buf), xmlBufferLength (buf));
  xmlBufferFree (buf);
  return bytes;
}

GBytes *
inj_submission_sign (InjSubmission *s,
                     InjDsigSignFunc sign,
                     gpointer user_data,
                     GError **error)
{
  g_autoptr(GBytes) xml = to_xml (s);
  xmlDocPtr doc = inj_xml_parse (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml), error);
  GBytes *signed_xml;

  if (doc == NULL)
    return NULL;
  signed_xml = inj_xmldsig_sign (doc, sign, user_data, error);
  xmlFreeDoc (doc);
  return signed_xml;
}

static char *
required_text (xmlNodePtr parent,
               const char *name,
               GError **error)
{
  char *text = inj_xml_child_text (parent, INJ_SUBMISSION_NAMESPACE, name);

  if (text == NULL)
    g_set_error (error, INJ_XML_ERROR, INJ_XML_ERROR_SCHEMA, _("The submission has no <%s>."),
                 name);
  return text;
}

/* What the schema guarantees, checked again where it is read: a missing
 * text is an error, never a NULL passed on. */
static gboolean
read_reference (InjSubmission *s,
                xmlNodePtr root,
                GError **error)
{
  xmlNodePtr ref = inj_xml_child (root, INJ_SUBMISSION_NAMESPACE, "Delegation");
  g_autofree char *b64 = NULL;
  guchar *raw;
  gsize len = 0;

  if (ref == NULL)
    return (s->request_code = required_text (root, "RequestCode", error)) != NULL;
  if (inj_xml_child (root, INJ_SUBMISSION_NAMESPACE, "RequestCode") != NULL)
    {
      g_set_error_literal (error, INJ_XML_ERROR, INJ_XML_ERROR_SCHEMA,
                           _("The submission names both a delegation and a request code."));
      return FALSE;
    }
  if ((s->delegation_id = required_text (ref, "DelegationId", error)) == NULL ||
      (b64 = required_text (ref, "DelegationDigest", error)) == NULL)
    return FALSE;
  raw = g_base64_decode (b64, &len);
  if (len != 32)
    {
      g_free (raw);
      g_set_error_literal (error, INJ_XML_ERROR, INJ_XML_ERROR_SCHEMA,
                           _("The submission's delegation digest is not a SHA-256 value."));
      return FALSE;
    }
  s->delegation_digest = g_bytes_new_take (raw, len);
  return TRUE;
}

static InjSubmission *
from_doc (xmlDocPtr doc,
          GError **error)
{
  xmlNodePtr root = xmlDocGetRootElement (doc);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(InjSubmission) s = NULL;

  if (root == NULL || !inj_xml_is_element (root, INJ_SUBMISSION_NAMESPACE, "AgentSubmission"))
    {
      g_set_error_literal (error, INJ_XML_ERROR, INJ_XML_ERROR_NAMESPACE,
                           _("The file is not an agent's submission made by Ininjo."));
      return NULL;
    }
  if (!inj_xml_check_signable (doc, error))
    return NULL;
  problems = inj_xml_validate (doc, inj_xml_schema (RESOURCE_XSD));
  if (problems->len > 0)
    {
      inj_problems_set_error (problems, error, INJ_XML_ERROR, INJ_XML_ERROR_SCHEMA);
      return NULL;
    }
  s = g_new0 (InjSubmission, 1);
  if ((s->submission_id = required_text (root, "SubmissionId", error)) == NULL ||
      (s->created_at = required_text (root, "CreatedAt", error)) == NULL ||
      (s->statement = required_text (root, "Statement", error)) == NULL ||
      !read_reference (s, root, error))
    return NULL;
  return g_steal_pointer (&s);
}

/* Verifies an agent's submission like a delegation (signature, chain,
 * validity, key usage), requires the JPKI fields the service will store,
 * and, given the delegation, that it names exactly this one. */
InjVerification *
inj_verify_submission (GBytes *xml,
                       InjTrustStore *trust,
                       GDateTime *now,
                       GBytes *delegation_xml,
                       InjSubmission **submission_out,
                       GError **error)
{
  g_autoptr(InjVerification) v = g_object_new (INJ_TYPE_VERIFICATION, NULL);
  g_autoptr(InjSubmission) s = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDateTime) signed_at = NULL;
  g_autoptr(GDateTime) current = now ? g_date_time_ref (now) : inj_date_now ();
  g_autoptr(GBytes) der = NULL;
  g_autoptr(GBytes) digest = NULL;
  g_autoptr(InjCertificate) cert = NULL;
  xmlDocPtr doc;

  if (submission_out)
    *submission_out = NULL;
  doc = inj_xml_parse (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml), error);
  if (doc == NULL)
    return NULL;
  s = from_doc (doc, &local_error);
  if (s == NULL)
    {
      inj_verification_add (v, INJ_CHECK_DOCUMENT, INJ_CHECK_FAILED, local_error->message);
      xmlFreeDoc (doc);
      return g_steal_pointer (&v);
    }
  inj_verification_add (v, INJ_CHECK_DOCUMENT, INJ_CHECK_PASSED,
                        _("The submission follows its schema."));
  inj_date_parse_datetime (s->created_at, &signed_at);

  if (!inj_xmldsig_verify (doc, &der, &digest, &local_error))
    inj_verification_add (v, INJ_CHECK_SIGNATURE, INJ_CHECK_FAILED, local_error->message);
  else if ((cert = inj_certificate_new_from_der (der, &local_error)) == NULL)
    inj_verification_add (v, INJ_CHECK_SIGNATURE, INJ_CHECK_FAILED, local_error->message);
  xmlFreeDoc (doc);

  if (cert == NULL)
    return g_steal_pointer (&v);

  /* the same checks of the signer as for a delegation */
  inj_verification_add (v, INJ_CHECK_SIGNATURE, INJ_CHECK_PASSED,
                        _("The agent's signature (RSA-SHA256) covers the whole statement, "
                          "unchanged."));
  _inj_verification_check_signer (v, cert, trust, signed_at, current);
  if (inj_certificate_has_jpki_fields (cert) &&
      inj_certificate_get_jpki_field (cert, INJ_JPKI_NAME) &&
      inj_certificate_get_jpki_field (cert, INJ_JPKI_ADDRESS) &&
      inj_certificate_get_jpki_field (cert, INJ_JPKI_BIRTH_DATE))
    inj_verification_add (v, INJ_CHECK_JPKI_FIELDS, INJ_CHECK_PASSED,
                          _("The agent's certificate carries the name, address and date of "
                            "birth the service stores."));
  else
    inj_verification_add (v, INJ_CHECK_JPKI_FIELDS, INJ_CHECK_FAILED,
                          _("The agent's certificate has no JPKI name, address and date of "
                            "birth: it is not a 署名用電子証明書."));

  if (delegation_xml)
    {
      g_autoptr(GBytes) want = inj_delegation_digest (delegation_xml, &local_error);
      g_autoptr(InjDelegation) d = want ? inj_delegation_from_xml (g_bytes_get_data (delegation_xml, NULL),
                                                                    g_bytes_get_size (delegation_xml),
                                                                    NULL, NULL)
                                        : NULL;
      if (want == NULL || d == NULL)
        inj_verification_add (v, INJ_CHECK_BINDING, INJ_CHECK_FAILED,
                              _("The delegation to compare with cannot be read."));
      else if (s->request_code)
        {
          g_autofree char *code = inj_request_code (want);
          if (g_str_equal (code, s->request_code))
            inj_verification_add (v, INJ_CHECK_BINDING, INJ_CHECK_PASSED,
                                  _("The submission answers this delegation's request code."));
          else
            inj_verification_add (v, INJ_CHECK_BINDING, INJ_CHECK_FAILED,
                                  _("The submission answers another request code: it is for "
                                    "another delegation, or the delegation changed since."));
        }
      else if (g_strcmp0 (s->delegation_id, inj_delegation_get_text (d, INJ_FIELD_DELEGATION_ID)) != 0)
        inj_verification_add (v, INJ_CHECK_BINDING, INJ_CHECK_FAILED,
                              _("The submission is for another delegation (another 電子委任状ID)."));
      else if (!g_bytes_equal (want, s->delegation_digest))
        inj_verification_add (v, INJ_CHECK_BINDING, INJ_CHECK_FAILED,
                              _("The submission names this delegation's ID but another content: "
                                "the delegation changed after the agent signed."));
      else
        inj_verification_add (v, INJ_CHECK_BINDING, INJ_CHECK_PASSED,
                              _("The submission names this delegation (its ID and the digest of "
                                "its content)."));
    }

  _inj_verification_set_signer (v, cert, digest);
  if (submission_out && inj_verification_is_valid (v))
    *submission_out = g_steal_pointer (&s);
  return g_steal_pointer (&v);
}
