/* inj-delegation-xml.c
 *
 * Writing is deterministic: the same model gives the same bytes (UTF-8, no
 * BOM, two-space indentation, items in the schema's order).
 *
 * Reading trusts nothing: size, encoding and the XML declaration are checked
 * on the raw bytes; the parser runs without network, DTD or entity
 * substitution, and our SAX hooks stop it at the first DOCTYPE, entity,
 * processing instruction or excessive depth; the document is validated
 * against the embedded XSD, then the model's own rules apply. Every error
 * names the line and the table 4-1 item. The schema's problems and what
 * makes a document signable are in inj-delegation-schema.c. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlwriter.h>

#include "inj-delegation-xml.h"
#include "inj-log.h"
#include "inj-date.h"
#include "inj-xml-private.h"
#include "inj-xml-log.h"
#include "inj-resources.h"

/* ---------------------------------------------------------------- writing */

static gboolean
write_item (xmlTextWriterPtr w,
            InjDelegation *self,
            InjField field)
{
  const char *value = inj_delegation_get_text (self, field);

  if (value == NULL)
    return TRUE;
  return xmlTextWriterWriteElement (w, BAD_CAST inj_field_info (field)->element,
                                    BAD_CAST value) >= 0;
}

static gboolean
write_document (xmlTextWriterPtr w,
                InjDelegation *self)
{
  static const InjField corporation[] = {
    INJ_FIELD_CORPORATE_NUMBER, INJ_FIELD_CORPORATE_NAME, INJ_FIELD_HEAD_OFFICE_ADDRESS,
    INJ_FIELD_REPRESENTATIVE_TITLE, INJ_FIELD_REPRESENTATIVE_NAME,
  };
  static const InjField proprietor[] = {
    INJ_FIELD_TRADE_NAME, INJ_FIELD_PROPRIETOR_NAME, INJ_FIELD_PROPRIETOR_ADDRESS,
    INJ_FIELD_PROPRIETOR_BIRTH_DATE,
  };
  static const InjField agent[] = {
    INJ_FIELD_AGENT_NAME, INJ_FIELD_AGENT_TITLE, INJ_FIELD_AGENT_QUALIFICATION,
    INJ_FIELD_AGENT_ADDRESS, INJ_FIELD_AGENT_IDENTIFIER,
  };
  static const InjField service[] = {
    INJ_FIELD_SERVICE_NAME, INJ_FIELD_POLICY_URL, INJ_FIELD_VALIDITY_URL,
  };
  gboolean corp = inj_delegation_get_principal_kind (self) == INJ_PRINCIPAL_KIND_CORPORATION;
  gboolean ok = TRUE;

#define W(call) ok = ok && ((call) >= 0)
  W (xmlTextWriterStartDocument (w, "1.0", "UTF-8", NULL));
  W (xmlTextWriterStartElement (w, BAD_CAST "Delegation"));
  W (xmlTextWriterWriteAttribute (w, BAD_CAST "xmlns", BAD_CAST INJ_DELEGATION_NAMESPACE));
  /* the oldest version that has every item written: a reader of 1.0
   * reads what has no 復代理の可否 */
  W (xmlTextWriterWriteAttribute (w, BAD_CAST "schemaVersion",
                                  BAD_CAST (inj_delegation_get_text (self, INJ_FIELD_SUBDELEGATION)
                                              ? INJ_DELEGATION_SCHEMA_VERSION
                                              : INJ_DELEGATION_SCHEMA_VERSION_1_0)));
  ok = ok && write_item (w, self, INJ_FIELD_DELEGATION_ID);
  ok = ok && write_item (w, self, INJ_FIELD_SUPERSEDES);
  ok = ok && write_item (w, self, INJ_FIELD_CREATED_AT);

  W (xmlTextWriterStartElement (w, BAD_CAST "Principal"));
  W (xmlTextWriterStartElement (w, BAD_CAST (corp ? "Corporation" : "SoleProprietor")));
  if (corp)
    for (guint i = 0; i < G_N_ELEMENTS (corporation); i++)
      ok = ok && write_item (w, self, corporation[i]);
  else
    for (guint i = 0; i < G_N_ELEMENTS (proprietor); i++)
      ok = ok && write_item (w, self, proprietor[i]);
  W (xmlTextWriterEndElement (w));
  W (xmlTextWriterEndElement (w));

  W (xmlTextWriterStartElement (w, BAD_CAST "Agent"));
  for (guint i = 0; i < G_N_ELEMENTS (agent); i++)
    ok = ok && write_item (w, self, agent[i]);
  W (xmlTextWriterEndElement (w));

  W (xmlTextWriterStartElement (w, BAD_CAST "Authority"));
  ok = ok && write_item (w, self, INJ_FIELD_AUTHORITY_SCOPE);
  ok = ok && write_item (w, self, INJ_FIELD_AUTHORITY_RESTRICTIONS);
  ok = ok && write_item (w, self, INJ_FIELD_SUBDELEGATION);
  W (xmlTextWriterStartElement (w, BAD_CAST "Period"));
  ok = ok && write_item (w, self, INJ_FIELD_PERIOD_START);
  ok = ok && write_item (w, self, INJ_FIELD_PERIOD_END);
  W (xmlTextWriterEndElement (w));
  W (xmlTextWriterEndElement (w));

  W (xmlTextWriterStartElement (w, BAD_CAST "Service"));
  for (guint i = 0; i < G_N_ELEMENTS (service); i++)
    ok = ok && write_item (w, self, service[i]);
  W (xmlTextWriterEndElement (w));

  W (xmlTextWriterEndElement (w));
  W (xmlTextWriterEndDocument (w));
#undef W
  return ok;
}

/* Only a delegation without problems becomes XML (an expired period is
 * judged by the caller, which knows whether it creates or shows). */
GBytes *
inj_delegation_to_xml (InjDelegation *self,
                       GError **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  xmlBufferPtr buf;
  xmlTextWriterPtr w;
  GBytes *bytes = NULL;

  g_return_val_if_fail (INJ_IS_DELEGATION (self), NULL);

  problems = inj_delegation_validate (self, NULL);
  if (problems->len > 0)
    {
      inj_problems_set_error (problems, error, INJ_DELEGATION_ERROR, INJ_DELEGATION_ERROR_INVALID);
      return NULL;
    }

  inj_xml_init ();
  buf = xmlBufferCreate ();
  w = xmlNewTextWriterMemory (buf, 0);
  xmlTextWriterSetIndent (w, 1);
  xmlTextWriterSetIndentString (w, BAD_CAST "  ");
  if (write_document (w, self))
    {
      xmlFreeTextWriter (w);
      bytes = g_bytes_new (xmlBufferContent (buf), xmlBufferLength (buf));
    }
  else
    {
      xmlFreeTextWriter (w);
      g_set_error_literal (error, INJ_XML_ERROR, INJ_XML_ERROR_IO,
                           _("The delegation could not be written as XML."));
    }
  xmlBufferFree (buf);
  return bytes;
}

/* ---------------------------------------------------------------- reading */

typedef struct {
  int code;        /* InjXmlError, or -1 */
  int line;
  char *message;
  int depth;
  startElementNsSAX2Func start_element;
  endElementNsSAX2Func end_element;
  char *first_parser_message;
  int first_parser_line;
} ReadState;

static void
state_fail (ReadState *st,
            int code,
            int line,
            const char *message)
{
  if (st->code >= 0)
    return;
  st->code = code;
  st->line = line;
  st->message = g_strdup (message);
}

static int
ctxt_line (void *ctx)
{
  xmlParserCtxtPtr ctxt = ctx;
  return ctxt->input ? ctxt->input->line : 0;
}

static void
hook_internal_subset (void *ctx,
                      const xmlChar *name,
                      const xmlChar *external_id,
                      const xmlChar *system_id)
{
  xmlParserCtxtPtr ctxt = ctx;

  state_fail (ctxt->_private, INJ_XML_ERROR_DTD, ctxt_line (ctx),
              _("The file contains a document type declaration (DOCTYPE), which a "
                "delegation never has."));
  xmlStopParser (ctxt);
}

static void
hook_entity_decl (void *ctx,
                  const xmlChar *name,
                  int type,
                  const xmlChar *public_id,
                  const xmlChar *system_id,
                  xmlChar *content)
{
  xmlParserCtxtPtr ctxt = ctx;

  state_fail (ctxt->_private, INJ_XML_ERROR_ENTITY, ctxt_line (ctx),
              _("The file declares an entity, which a delegation never has."));
  xmlStopParser (ctxt);
}

static xmlEntityPtr
hook_get_entity (void *ctx,
                 const xmlChar *name)
{
  xmlParserCtxtPtr ctxt = ctx;

  state_fail (ctxt->_private, INJ_XML_ERROR_ENTITY, ctxt_line (ctx),
              _("The file refers to an entity, which a delegation never does."));
  xmlStopParser (ctxt);
  return NULL;
}

static void
hook_processing_instruction (void *ctx,
                             const xmlChar *target,
                             const xmlChar *data)
{
  xmlParserCtxtPtr ctxt = ctx;

  state_fail (ctxt->_private, INJ_XML_ERROR_PROCESSING_INSTRUCTION, ctxt_line (ctx),
              _("The file contains a processing instruction, which a delegation never has."));
  xmlStopParser (ctxt);
}

static void
hook_start_element (void *ctx,
                    const xmlChar *localname,
                    const xmlChar *prefix,
                    const xmlChar *uri,
                    int nb_namespaces,
                    const xmlChar **namespaces,
                    int nb_attributes,
                    int nb_defaulted,
                    const xmlChar **attributes)
{
  xmlParserCtxtPtr ctxt = ctx;
  ReadState *st = ctxt->_private;

  if (++st->depth > INJ_XML_MAX_DEPTH)
    {
      g_autofree char *msg = g_strdup_printf (_("The elements are nested more than %d deep."),
                                              INJ_XML_MAX_DEPTH);
      state_fail (st, INJ_XML_ERROR_TOO_DEEP, ctxt_line (ctx), msg);
      xmlStopParser (ctxt);
      return;
    }
  st->start_element (ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes,
                     nb_defaulted, attributes);
}

static void
hook_end_element (void *ctx,
                  const xmlChar *localname,
                  const xmlChar *prefix,
                  const xmlChar *uri)
{
  xmlParserCtxtPtr ctxt = ctx;
  ReadState *st = ctxt->_private;

  st->depth--;
  st->end_element (ctx, localname, prefix, uri);
}

/* What libxml2 found, said for a person; its own English text only for the
 * rare errors that have no sentence here. */
static char *
describe_parser_error (xmlErrorPtr err)
{
  switch (err->code)
    {
    case XML_ERR_INVALID_CHAR:
    case XML_ERR_INVALID_CHARREF:
      return g_strdup (_("it contains a character that XML does not allow (a control "
                         "character, a surrogate or a non-character)"));
    case XML_ERR_TAG_NAME_MISMATCH:
      return g_strdup (_("an end tag does not match its start tag"));
    case XML_ERR_DOCUMENT_END:
      return g_strdup (_("there is content after the end of the document"));
    case XML_ERR_DOCUMENT_EMPTY:
      return g_strdup (_("there is no element in it"));
    case XML_ERR_TAG_NOT_FINISHED:
    case XML_ERR_LTSLASH_REQUIRED:
    case XML_ERR_GT_REQUIRED:
      return g_strdup (_("the file ends early or a tag is not closed"));
    case XML_ERR_ATTRIBUTE_REDEFINED:
      return g_strdup (_("an attribute appears twice in one element"));
    case XML_ERR_RESERVED_XML_NAME:
      return g_strdup (_("the XML declaration is not at the very start of the file"));
    case XML_NS_ERR_UNDEFINED_NAMESPACE:
      return g_strdup (_("it uses a namespace prefix that is not declared"));
    default:
      return g_strdup_printf (_("libxml2 says: %s"),
                              err->message ? g_strstrip (err->message) : "?");
    }
}

/* The first error becomes the reader's message; every one goes to the
 * log for support (debug: the reader's error already says what matters). */
static void
collect_parser_error (void *user_data,
                      xmlErrorPtr err)
{
  ReadState *st = user_data;

  _inj_xml_log_error (err, G_LOG_LEVEL_DEBUG);

  if (st->first_parser_message == NULL && err && err->level >= XML_ERR_ERROR)
    {
      st->first_parser_message = describe_parser_error (err);
      st->first_parser_line = err->line;
    }
}

static int
line_of_offset (const char *data,
                gsize offset)
{
  int line = 1;
  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      line++;
  return line;
}

/* The raw bytes, before any parser sees them. */
static gboolean
check_bytes (const char *data,
             gsize length,
             GError **error)
{
  const guchar *u = (const guchar *) data;
  const char *end = NULL;

  if (length > INJ_XML_MAX_SIZE)
    {
      g_autofree char *msg = g_strdup_printf (_("The file is larger than %d KiB, the limit for "
                                                "a delegation."), INJ_XML_MAX_SIZE / 1024);
      inj_xml_fail (error, INJ_XML_ERROR_TOO_LARGE, 0, msg);
      return FALSE;
    }
  if (length == 0)
    {
      inj_xml_fail (error, INJ_XML_ERROR_EMPTY, 0, _("The file is empty."));
      return FALSE;
    }
  if ((length >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) ||
      (length >= 2 && ((u[0] == 0xFE && u[1] == 0xFF) || (u[0] == 0xFF && u[1] == 0xFE))))
    {
      inj_xml_fail (error, INJ_XML_ERROR_BOM, 1,
            _("The file starts with a byte order mark (BOM); a delegation is UTF-8 without "
              "one."));
      return FALSE;
    }
  if (memchr (data, '\0', length) != NULL)
    {
      gsize off = (const char *) memchr (data, '\0', length) - data;
      inj_xml_fail (error, INJ_XML_ERROR_ENCODING, line_of_offset (data, off),
            _("The file contains NUL bytes: it is not UTF-8 text (UTF-16 perhaps)."));
      return FALSE;
    }
  if (!g_utf8_validate_len (data, length, &end))
    {
      gsize off = end - data;
      int line = line_of_offset (data, off);
      if (off + 1 < length && u[off] == 0xED && (u[off + 1] & 0xE0) == 0xA0)
        inj_xml_fail (error, INJ_XML_ERROR_NOT_UTF8, line,
              _("The file contains an unpaired surrogate: it is not valid UTF-8."));
      else
        inj_xml_fail (error, INJ_XML_ERROR_NOT_UTF8, line,
              _("The file is not valid UTF-8 (Shift_JIS or another encoding cannot be used)."));
      return FALSE;
    }

  /* The XML declaration may only name UTF-8. */
  if (length >= 5 && memcmp (data, "<?xml", 5) == 0)
    {
      const char *close = g_strstr_len (data, MIN (length, 256), "?>");
      if (close == NULL)
        {
          inj_xml_fail (error, INJ_XML_ERROR_MALFORMED, 1, _("The XML declaration is not closed."));
          return FALSE;
        }
      {
        g_autofree char *decl = g_strndup (data, close - data);
        const char *enc = strstr (decl, "encoding");
        if (enc)
          {
            const char *q = enc + strlen ("encoding");
            char quote;
            const char *qend;
            while (*q == ' ' || *q == '=' || *q == '\t' || *q == '\n' || *q == '\r')
              q++;
            quote = *q;
            qend = (quote == '"' || quote == '\'') ? strchr (q + 1, quote) : NULL;
            if (qend == NULL ||
                g_ascii_strncasecmp (q + 1, "UTF-8", qend - q - 1) != 0 || qend - q - 1 != 5)
              {
                inj_xml_fail (error, INJ_XML_ERROR_ENCODING, 1,
                      _("The XML declaration names an encoding other than UTF-8."));
                return FALSE;
              }
          }
      }
    }
  return TRUE;
}

static xmlDocPtr
parse_document (const char *data,
                gsize length,
                GError **error);

/* The raw bytes checked, then parsed without DTD, entities, processing
 * instructions or network, within the depth limit. */
xmlDocPtr
inj_xml_parse (const char *data,
               gsize length,
               GError **error)
{
  if (!check_bytes (data, length, error))
    return NULL;
  return parse_document (data, length, error);
}

static xmlDocPtr
parse_document (const char *data,
                gsize length,
                GError **error)
{
  ReadState st = { .code = -1 };
  xmlParserCtxtPtr ctxt;
  xmlDocPtr doc = NULL;
  int options = XML_PARSE_NONET | XML_PARSE_IGNORE_ENC | XML_PARSE_NOERROR |
                XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES;

  inj_xml_init ();
  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    g_error ("out of memory");
  ctxt->_private = &st;
  st.start_element = ctxt->sax->startElementNs;
  st.end_element = ctxt->sax->endElementNs;
  ctxt->sax->internalSubset = hook_internal_subset;
  ctxt->sax->externalSubset = hook_internal_subset;
  ctxt->sax->entityDecl = hook_entity_decl;
  ctxt->sax->unparsedEntityDecl = NULL;
  ctxt->sax->getEntity = hook_get_entity;
  ctxt->sax->getParameterEntity = hook_get_entity;
  ctxt->sax->processingInstruction = hook_processing_instruction;
  ctxt->sax->startElementNs = hook_start_element;
  ctxt->sax->endElementNs = hook_end_element;

  xmlSetStructuredErrorFunc (&st, collect_parser_error);
  doc = xmlCtxtReadMemory (ctxt, data, (int) length, NULL, NULL, options);
  inj_xml_init (); /* our handlers again, never none (stderr) */

  if (st.code < 0 && doc != NULL && ctxt->wellFormed &&
      g_strcmp0 ((const char *) doc->version, "1.0") != 0)
    state_fail (&st, INJ_XML_ERROR_MALFORMED, 1,
                _("The XML declaration must say version=\"1.0\"."));
  if (st.code < 0 && (doc == NULL || !ctxt->wellFormed))
    {
      g_autofree char *msg = g_strdup_printf (_("The file is not well-formed XML (%s)."),
                                              st.first_parser_message
                                                ? st.first_parser_message
                                                : _("unknown parser error"));
      state_fail (&st, INJ_XML_ERROR_MALFORMED, st.first_parser_line, msg);
    }
  xmlFreeParserCtxt (ctxt);

  if (st.code >= 0)
    {
      inj_xml_fail (error, st.code, st.line, st.message);
      g_free (st.message);
      g_free (st.first_parser_message);
      if (doc)
        xmlFreeDoc (doc);
      return NULL;
    }
  g_free (st.first_parser_message);
  return doc;
}

static const char *
local_name (xmlNodePtr node)
{
  return node ? (const char *) node->name : NULL;
}

static gboolean
is_ours (xmlNodePtr node)
{
  return node->type == XML_ELEMENT_NODE && node->ns &&
         g_strcmp0 ((const char *) node->ns->href, INJ_DELEGATION_NAMESPACE) == 0;
}

static void
fill_model (InjDelegation *self,
            xmlNodePtr element)
{
  for (xmlNodePtr c = element->children; c; c = c->next)
    {
      gboolean leaf = TRUE;
      InjField field;

      if (!is_ours (c))
        continue;
      if (g_str_equal (local_name (c), "Corporation") ||
          g_str_equal (local_name (c), "SoleProprietor"))
        {
          inj_delegation_set_principal_kind (self, g_str_equal (local_name (c), "Corporation")
                                                     ? INJ_PRINCIPAL_KIND_CORPORATION
                                                     : INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR);
          inj_delegation_set_line (self, INJ_FIELD_PRINCIPAL_KIND, xmlGetLineNo (c));
        }
      for (xmlNodePtr g = c->children; g; g = g->next)
        if (g->type == XML_ELEMENT_NODE)
          leaf = FALSE;
      if (!leaf)
        {
          fill_model (self, c);
          continue;
        }
      field = inj_xml_field_of_node (c);
      if (field != INJ_FIELD_NONE)
        {
          xmlChar *text = xmlNodeGetContent (c);
          inj_delegation_set_text (self, field, (const char *) text);
          inj_delegation_set_line (self, field, xmlGetLineNo (c));
          xmlFree (text);
        }
    }
}

/* The checks of a parsed document: root, namespace, schema version, the
 * schema, then the model's own rules. @doc stays the caller's. */
/* The people's names, addresses and dates of birth are known from now on:
 * the log's redaction removes them from every message. */
static void
register_personal_data (InjDelegation *self)
{
  for (int f = 0; f < INJ_N_FIELDS; f++)
    {
      const InjFieldInfo *info = inj_field_info (f);
      const char *value = inj_delegation_get_text (self, f);
      GDate date;

      if (!(info->flags & INJ_FIELD_FLAG_PERSONAL) || value == NULL)
        continue;
      inj_log_add_secret_text (value);
      if ((info->flags & INJ_FIELD_FLAG_DATE) &&
          inj_date_parse_date (value, &date) == INJ_PROBLEM_NONE)
        inj_log_add_secret_date (&date);
    }
}

InjDelegation *
inj_delegation_from_doc (xmlDocPtr doc,
                         GPtrArray **problems_out,
                         GError **error)
{
  xmlNodePtr root = xmlDocGetRootElement (doc);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(InjDelegation) self = NULL;
  xmlChar *version;
  gboolean version_1_0;

  if (problems_out)
    *problems_out = NULL;
  if (root == NULL || !g_str_equal (local_name (root), "Delegation") || root->ns == NULL ||
      !g_str_equal ((const char *) root->ns->href, INJ_DELEGATION_NAMESPACE))
    {
      const char *ns = root && root->ns ? (const char *) root->ns->href : NULL;
      if (ns && g_str_has_prefix (ns, "urn:ininjo:delegation:") &&
          g_str_equal (local_name (root), "Delegation"))
        inj_xml_fail (error, INJ_XML_ERROR_VERSION, root ? xmlGetLineNo (root) : 0,
              _("The delegation was written by a newer version of Ininjo (another schema "
                "namespace); update Ininjo to read it."));
      else
        inj_xml_fail (error, INJ_XML_ERROR_NAMESPACE, root ? xmlGetLineNo (root) : 0,
              _("The document is not an Ininjo delegation: its root element must be "
                "<Delegation> in the namespace urn:ininjo:delegation:1."));
      return NULL;
    }
  version = xmlGetNoNsProp (root, BAD_CAST "schemaVersion");
  if (version == NULL)
    {
      inj_xml_fail (error, INJ_XML_ERROR_VERSION, xmlGetLineNo (root),
            _("The delegation does not say its schema version (the schemaVersion attribute of "
              "<Delegation>)."));
      return NULL;
    }
  if (!g_str_equal ((const char *) version, INJ_DELEGATION_SCHEMA_VERSION) &&
      !g_str_equal ((const char *) version, INJ_DELEGATION_SCHEMA_VERSION_1_0))
    {
      /* the newest it reads; 1.1 reads 1.0 as well (a compatible change) */
      g_autofree char *msg = g_strdup_printf (_("Schema version “%s” is not supported; this "
                                                "Ininjo reads version %s."),
                                              (const char *) version,
                                              INJ_DELEGATION_SCHEMA_VERSION);
      inj_xml_fail (error, INJ_XML_ERROR_VERSION, xmlGetLineNo (root), msg);
      xmlFree (version);
      return NULL;
    }
  version_1_0 = g_str_equal ((const char *) version, INJ_DELEGATION_SCHEMA_VERSION_1_0);
  xmlFree (version);
  if (!inj_xml_check_signable (doc, error))
    return NULL;

  problems = inj_xml_validate (doc, inj_xml_schema (INJ_XML_RESOURCE_XSD));
  if (problems->len > 0)
    {
      inj_problems_set_error (problems, error, INJ_XML_ERROR, INJ_XML_ERROR_SCHEMA);
      if (problems_out)
        *problems_out = g_steal_pointer (&problems);
      return NULL;
    }
  g_clear_pointer (&problems, g_ptr_array_unref);

  self = inj_delegation_new ();
  fill_model (self, root);
  register_personal_data (self);
  /* the schema takes the element in either version; a 1.0 reader would
   * not, so a document that says 1.0 cannot hold it */
  if (version_1_0 && inj_delegation_get_text (self, INJ_FIELD_SUBDELEGATION) != NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("“%s” needs schema version %s, but the "
                                                "document says version %s."),
                                              inj_field_label (INJ_FIELD_SUBDELEGATION),
                                              INJ_DELEGATION_SCHEMA_VERSION,
                                              INJ_DELEGATION_SCHEMA_VERSION_1_0);
      inj_xml_fail (error, INJ_XML_ERROR_VERSION,
                    inj_delegation_get_line (self, INJ_FIELD_SUBDELEGATION), msg);
      return NULL;
    }
  problems = inj_delegation_validate (self, NULL);
  if (problems->len > 0)
    {
      inj_problems_set_error (problems, error, INJ_XML_ERROR, INJ_XML_ERROR_INVALID);
      if (problems_out)
        *problems_out = g_steal_pointer (&problems);
      return NULL;
    }
  return g_steal_pointer (&self);
}

InjDelegation *
inj_delegation_from_xml (const char *data,
                         gsize length,
                         GPtrArray **problems_out,
                         GError **error)
{
  xmlDocPtr doc;
  InjDelegation *self;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  if (problems_out)
    *problems_out = NULL;
  doc = inj_xml_parse (data, length, error);
  if (doc == NULL)
    return NULL;
  self = inj_delegation_from_doc (doc, problems_out, error);
  xmlFreeDoc (doc);
  return self;
}

/* Reads at most the size limit plus one byte, so a huge or endless file
 * (a FIFO, /dev/zero) costs nothing. "-" is standard input. */
GBytes *
inj_xml_read_file (const char *path,
                   GError **error)
{
  g_autofree char *display = g_filename_display_name (path);
  GByteArray *buf;
  int fd;

  if (g_str_equal (path, "-"))
    fd = dup (STDIN_FILENO);
  else
    fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, INJ_XML_ERROR, INJ_XML_ERROR_IO, _("Cannot open %s: %s"), display,
                   g_strerror (saved));
      return NULL;
    }
  buf = g_byte_array_new ();
  for (;;)
    {
      guint8 chunk[65536];
      ssize_t n = read (fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          g_set_error (error, INJ_XML_ERROR, INJ_XML_ERROR_IO, _("Cannot read %s: %s"), display,
                       g_strerror (saved));
          close (fd);
          g_byte_array_unref (buf);
          return NULL;
        }
      if (n == 0)
        break;
      g_byte_array_append (buf, chunk, (guint) n);
      if (buf->len > INJ_XML_MAX_SIZE)
        break;
    }
  close (fd);
  return g_byte_array_free_to_bytes (buf);
}

InjDelegation *
inj_delegation_load_xml_file (const char *path,
                              GPtrArray **problems,
                              GError **error)
{
  g_autoptr(GBytes) bytes = inj_xml_read_file (path, error);
  gsize len;
  const char *data;

  if (problems)
    *problems = NULL;
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &len);
  return inj_delegation_from_xml (data ? data : "", len, problems, error);
}
