/* inj-delegation-schema.c: what a delegation document must be. The
 * embedded XSD, compiled once; its errors turned into problems named after
 * the table 4-1 items; and what makes a parsed document signable (every
 * namespace one that exclusive C14N accepts). The reading itself is in
 * inj-delegation-xml.c; the error domain of both is here. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libxml/c14n.h>
#include <libxml/uri.h>
#include <libxml/xmlschemas.h>

#include "inj-delegation-xml.h"
#include "inj-xml-private.h"
#include "inj-xml-log.h"
#include "inj-resources.h"

/* ------------------------------------------------------------- errors */

G_DEFINE_QUARK (inj-xml-error-quark, inj_xml_error)

const char *
inj_xml_error_nick (int code)
{
  static const char *const nicks[] = {
    [INJ_XML_ERROR_TOO_LARGE] = "too-large",
    [INJ_XML_ERROR_EMPTY] = "empty",
    [INJ_XML_ERROR_BOM] = "bom",
    [INJ_XML_ERROR_NOT_UTF8] = "not-utf8",
    [INJ_XML_ERROR_ENCODING] = "encoding",
    [INJ_XML_ERROR_DTD] = "dtd",
    [INJ_XML_ERROR_ENTITY] = "entity",
    [INJ_XML_ERROR_PROCESSING_INSTRUCTION] = "processing-instruction",
    [INJ_XML_ERROR_TOO_DEEP] = "too-deep",
    [INJ_XML_ERROR_MALFORMED] = "malformed",
    [INJ_XML_ERROR_NAMESPACE] = "namespace",
    [INJ_XML_ERROR_VERSION] = "version",
    [INJ_XML_ERROR_SCHEMA] = "schema",
    [INJ_XML_ERROR_INVALID] = "invalid",
    [INJ_XML_ERROR_IO] = "io",
  };
  if (code < 0 || (guint) code >= G_N_ELEMENTS (nicks))
    return "unknown";
  return nicks[code];
}

void
inj_xml_fail (GError **error,
              int code,
              int line,
              const char *message)
{
  if (line > 0)
    g_set_error (error, INJ_XML_ERROR, code, _("line %d: %s"), line, message);
  else
    g_set_error_literal (error, INJ_XML_ERROR, code, message);
}

/* ------------------------------------------------------------- schema */

const char *
inj_delegation_schema_xsd (gsize *length)
{
  static GBytes *xsd;

  if (g_once_init_enter (&xsd))
    {
      GBytes *b = g_resource_lookup_data (inj_get_resource (), INJ_XML_RESOURCE_XSD,
                                          G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_assert (b != NULL);
      g_once_init_leave (&xsd, b);
    }
  return g_bytes_get_data (xsd, length);
}

/* Compiled once per resource and kept: the schemas are part of the
 * program. */
xmlSchemaPtr
inj_xml_schema (const char *resource)
{
  static GMutex lock;
  static GHashTable *schemas;
  xmlSchemaPtr schema;

  inj_xml_init ();
  g_mutex_lock (&lock);
  if (schemas == NULL)
    schemas = g_hash_table_new (g_str_hash, g_str_equal);
  schema = g_hash_table_lookup (schemas, resource);
  if (schema == NULL)
    {
      g_autoptr(GBytes) xsd = g_resource_lookup_data (inj_get_resource (), resource,
                                                      G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      xmlSchemaParserCtxtPtr pctxt;
      g_assert (xsd != NULL);
      pctxt = xmlSchemaNewMemParserCtxt (g_bytes_get_data (xsd, NULL),
                                         (int) g_bytes_get_size (xsd));
      schema = xmlSchemaParse (pctxt);
      xmlSchemaFreeParserCtxt (pctxt);
      g_assert (schema != NULL);
      g_hash_table_insert (schemas, g_strdup (resource), schema);
    }
  g_mutex_unlock (&lock);
  return schema;
}

static const char *
local_name (xmlNodePtr node)
{
  return node ? (const char *) node->name : NULL;
}

InjField
inj_xml_field_of_node (xmlNodePtr node)
{
  if (node == NULL || node->type != XML_ELEMENT_NODE)
    return INJ_FIELD_NONE;
  return inj_field_from_element (node->parent && node->parent->type == XML_ELEMENT_NODE
                                   ? local_name (node->parent) : NULL,
                                 local_name (node));
}

/* libxml2 says "Expected is ( {urn:…}Name )" or "( Name, … )": the first
 * expected element's local name. */
static char *
expected_element (const char *message)
{
  const char *p = message ? strstr (message, "Expected is") : NULL;
  const char *start, *end;

  if (p == NULL || (p = strchr (p, '(')) == NULL)
    return NULL;
  p++;
  while (*p == ' ')
    p++;
  if (*p == '{')
    {
      p = strchr (p, '}');
      if (p == NULL)
        return NULL;
      p++;
    }
  start = p;
  end = start;
  while (*end && (g_ascii_isalnum (*end) || *end == '_' || *end == '-' || *end == ':'))
    end++;
  if (end == start)
    return NULL;
  return g_strndup (start, end - start);
}

static const char *
namespace_of (xmlNodePtr node)
{
  return node && node->ns ? (const char *) node->ns->href : NULL;
}

/* Whether @parent has, before @before, a child element @name in the
 * namespace @ns (NULL: none): namespace and name, never the name alone. */
static gboolean
has_sibling_named (xmlNodePtr parent,
                   const char *ns,
                   const char *name,
                   xmlNodePtr before)
{
  for (xmlNodePtr c = parent ? parent->children : NULL; c && c != before; c = c->next)
    if (c->type == XML_ELEMENT_NODE && g_strcmp0 (namespace_of (c), ns) == 0 &&
        g_strcmp0 (local_name (c), name) == 0)
      return TRUE;
  return FALSE;
}

/* Elements that group items have no row in the field table; a problem
 * with one of them names the group. */
static const char *
group_label (const char *element)
{
  static const struct { const char *element; const char *label; } groups[] = {
    { "Delegation", N_("Delegation") },
    { "Principal", N_("Principal") },
    { "Corporation", N_("Principal") },
    { "SoleProprietor", N_("Principal") },
    { "Agent", N_("Agent") },
    { "Authority", N_("Authority") },
    { "Period", N_("Period of delegation") },
    { "Service", N_("Service") },
  };
  for (guint i = 0; element && i < G_N_ELEMENTS (groups); i++)
    if (g_str_equal (element, groups[i].element))
      return _(groups[i].label);
  return NULL;
}

static char *
group_message (const char *element,
               InjProblemCode code)
{
  const char *label = group_label (element);

  if (label == NULL)
    return NULL;
  switch (code)
    {
    case INJ_PROBLEM_MISSING_ITEM:
      return g_strdup_printf (_("“%s” is missing."), label);
    case INJ_PROBLEM_DUPLICATE_ITEM:
      return g_strdup_printf (_("“%s” appears more than once."), label);
    default:
      return NULL;
    }
}

typedef struct {
  GPtrArray *problems;
} SchemaState;

static void
add_schema_problem (SchemaState *st,
                    InjField field,
                    InjProblemCode code,
                    int line,
                    const char *message_override)
{
  g_autofree char *message = message_override ? g_strdup (message_override)
                                              : inj_problem_message (field, code, NULL);
  g_ptr_array_add (st->problems, inj_problem_new (field, code, line, message));
}

/* The item's own rules usually say more precisely what the schema refused
 * (a control character, a length, a time zone): ask them first. */
static void
add_value_problem (SchemaState *st,
                   xmlNodePtr node,
                   int line)
{
  InjField field = inj_xml_field_of_node (node);
  g_autoptr(InjDelegation) scratch = NULL;
  g_autoptr(GPtrArray) found = NULL;
  xmlChar *text;

  for (guint i = 0; i < st->problems->len; i++)
    {
      InjProblem *p = g_ptr_array_index (st->problems, i);
      if (p->field == field && p->line == line)
        return; /* several schema errors for one value: keep one */
    }
  if (field == INJ_FIELD_NONE)
    {
      add_schema_problem (st, field, INJ_PROBLEM_SCHEMA_VALUE, line, NULL);
      return;
    }
  for (xmlNodePtr c = node->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE)
      {
        g_autofree char *m = g_strdup_printf (_("The element <%s> contains elements where "
                                                "only text belongs."), local_name (node));
        add_schema_problem (st, field, INJ_PROBLEM_UNEXPECTED_ITEM, line, m);
        return;
      }
  scratch = inj_delegation_new ();
  text = xmlNodeGetContent (node);
  inj_delegation_set_text (scratch, field, (const char *) text);
  xmlFree (text);
  found = inj_delegation_validate_field (scratch, field, NULL);
  if (found->len > 0)
    {
      InjProblem *p = g_ptr_array_index (found, 0);
      add_schema_problem (st, field, p->code, line, p->message);
      return;
    }
  add_schema_problem (st, field, INJ_PROBLEM_SCHEMA_VALUE, line, NULL);
}

static void
collect_schema_error (void *user_data,
                      xmlErrorPtr err)
{
  SchemaState *st = user_data;
  xmlNodePtr node = err->node;
  int line = err->line;
  const char *msg = err->message ? err->message : "";

  if (node && node->type == XML_ELEMENT_NODE && line <= 0)
    line = xmlGetLineNo (node);

  if (err->code == XML_SCHEMAV_ELEMENT_CONTENT)
    {
      g_autofree char *expected = expected_element (msg);
      xmlNodePtr parent = node ? node->parent : NULL;

      if (strstr (msg, "Missing child") != NULL)
        {
          g_autofree char *m = group_message (expected, INJ_PROBLEM_MISSING_ITEM);
          add_schema_problem (st, inj_field_from_element (local_name (node), expected),
                              INJ_PROBLEM_MISSING_ITEM, line, m);
          return;
        }
      if (expected && g_strcmp0 (local_name (node), expected) == 0 &&
          g_strcmp0 (namespace_of (node), namespace_of (parent)) != 0)
        {
          /* the name is ours, the namespace is not: it is not ours */
          g_autofree char *m =
            namespace_of (node)
              ? g_strdup_printf (_("The element <%s> is in another namespace (%s) than the "
                                   "document's elements."),
                                 local_name (node), namespace_of (node))
              : g_strdup_printf (_("The element <%s> has no namespace, unlike the document's "
                                   "elements."),
                                 local_name (node));
          add_schema_problem (st, inj_xml_field_of_node (node), INJ_PROBLEM_UNEXPECTED_ITEM, line, m);
          return;
        }
      if (has_sibling_named (parent, namespace_of (node), local_name (node), node))
        {
          g_autofree char *m = group_message (local_name (node), INJ_PROBLEM_DUPLICATE_ITEM);
          add_schema_problem (st, inj_xml_field_of_node (node), INJ_PROBLEM_DUPLICATE_ITEM, line, m);
          return;
        }
      /* our schemas qualify every element: the expected one is in the
       * namespace of its parent */
      if (expected && !has_sibling_named (parent, namespace_of (parent), expected, NULL))
        {
          g_autofree char *m = group_message (expected, INJ_PROBLEM_MISSING_ITEM);
          add_schema_problem (st, inj_field_from_element (local_name (parent), expected),
                              INJ_PROBLEM_MISSING_ITEM, line, m);
          return;
        }
      {
        g_autofree char *m = g_strdup_printf (_("The element <%s> does not belong here."),
                                              local_name (node));
        add_schema_problem (st, inj_xml_field_of_node (node), INJ_PROBLEM_UNEXPECTED_ITEM, line, m);
      }
      return;
    }

  if (err->code == XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_1 ||
      err->code == XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_2 || err->code == XML_SCHEMAV_CVC_TYPE_3_1_1)
    {
      g_autofree char *m = g_strdup_printf (_("The element <%s> has an attribute that does not "
                                              "belong to it."), local_name (node));
      add_schema_problem (st, inj_xml_field_of_node (node), INJ_PROBLEM_UNEXPECTED_ITEM, line, m);
      return;
    }
  if (err->code == XML_SCHEMAV_CVC_COMPLEX_TYPE_2_3 || err->code == XML_SCHEMAV_CVC_COMPLEX_TYPE_2_1)
    {
      g_autofree char *m = g_strdup_printf (_("The element <%s> contains text where only "
                                              "elements belong."), local_name (node));
      add_schema_problem (st, inj_xml_field_of_node (node), INJ_PROBLEM_UNEXPECTED_ITEM, line, m);
      return;
    }
  if (err->code == XML_SCHEMAV_CVC_ELT_1)
    {
      g_autofree char *m = g_strdup_printf (_("<%s> is not an element of a delegation."),
                                            local_name (node));
      add_schema_problem (st, INJ_FIELD_NONE, INJ_PROBLEM_UNEXPECTED_ITEM, line, m);
      return;
    }
  /* Everything else is a value that breaks a type or facet (pattern, length,
   * enumeration, date). */
  add_value_problem (st, node, line);
}

GPtrArray *
inj_xml_validate (xmlDocPtr doc,
                  xmlSchemaPtr schema)
{
  SchemaState st = { g_ptr_array_new_with_free_func ((GDestroyNotify) inj_problem_free) };
  xmlSchemaValidCtxtPtr vctxt = xmlSchemaNewValidCtxt (schema);

  xmlSchemaSetValidStructuredErrors (vctxt, collect_schema_error, &st);
  if (xmlSchemaValidateDoc (vctxt, doc) != 0 && st.problems->len == 0)
    add_schema_problem (&st, INJ_FIELD_NONE, INJ_PROBLEM_SCHEMA_VALUE, 0,
                        _("The document does not follow its schema."));
  xmlSchemaFreeValidCtxt (vctxt);
  return st.problems;
}

/* ------------------------------------------------- signable documents */

/* Whether exclusive C14N, which signing and verifying apply, can be done
 * on @doc at all (the document's own check: it knows no signature). */
static gboolean
canonicalisable (xmlDocPtr doc)
{
  xmlChar *out = NULL;
  int n = xmlC14NDocDumpMemory (doc, NULL, XML_C14N_EXCLUSIVE_1_0, NULL, 0, &out);

  xmlFree (out);
  return n >= 0;
}

/* A namespace name exclusive C14N accepts: empty (an undeclared default)
 * or an absolute URI that is a URN or has an authority. libxml2 2.9 refuses
 * a relative or unparsable one; newer versions also one without an
 * authority (mailto:, tag:), and so do we: a document that one verifier
 * cannot canonicalise cannot be signed for all of them. */
static gboolean
namespace_canonicalisable (const xmlChar *href)
{
  xmlURIPtr uri;
  gboolean ok;

  if (href == NULL || *href == '\0')
    return TRUE;
  uri = xmlParseURI ((const char *) href);
  ok = uri != NULL && uri->scheme != NULL && *uri->scheme != '\0' &&
       (g_ascii_strcasecmp (uri->scheme, "urn") == 0 ||
        g_ascii_strcasecmp (uri->scheme, "dav") == 0 ||
        (uri->server != NULL && *uri->server != '\0'));
  xmlFreeURI (uri);
  return ok;
}

/* The first element, in document order, that declares a namespace exclusive
 * C14N refuses, and that declaration. */
static xmlNodePtr
find_uncanonical_namespace (xmlNodePtr first,
                            xmlNsPtr *bad)
{
  for (xmlNodePtr c = first; c; c = c->next)
    {
      xmlNodePtr hit;

      if (c->type != XML_ELEMENT_NODE)
        continue;
      for (xmlNsPtr ns = c->nsDef; ns; ns = ns->next)
        if (!namespace_canonicalisable (ns->href))
          {
            *bad = ns;
            return c;
          }
      if ((hit = find_uncanonical_namespace (c->children, bad)) != NULL)
        return hit;
    }
  return NULL;
}

/* What a reader accepts must be signable and verifiable: both begin with
 * the document's exclusive canonical form. A namespace it cannot take is
 * named; anything else that keeps it from being made is refused too (the
 * check is making it). */
gboolean
inj_xml_check_signable (xmlDocPtr doc,
                        GError **error)
{
  xmlNsPtr bad = NULL;
  xmlNodePtr at = find_uncanonical_namespace (doc->children, &bad);

  if (at != NULL)
    {
      const char *href = (const char *) bad->href;
      g_autofree char *shown = NULL;
      g_autofree char *msg = NULL;

      /* g_utf8_substring() reads past a shorter string's end: cut only a
       * longer one */
      if (g_utf8_strlen (href, -1) > 64)
        {
          g_autofree char *start = g_utf8_substring (href, 0, 64);
          shown = g_strconcat (start, "…", NULL);
        }
      else
        shown = g_strdup (href);
      msg = g_strdup_printf (_("The namespace URI “%s” is relative, or not a URN or an absolute "
                               "URI with a host: a document that declares it cannot be "
                               "canonicalised (exclusive C14N), so it could be neither signed "
                               "nor verified."),
                             shown);
      inj_xml_fail (error, INJ_XML_ERROR_NAMESPACE, xmlGetLineNo (at), msg);
      return FALSE;
    }
  if (!canonicalisable (doc))
    {
      inj_xml_fail (error, INJ_XML_ERROR_MALFORMED, 0,
            _("The document cannot be canonicalised (exclusive C14N), so it could be neither "
              "signed nor verified."));
      return FALSE;
    }
  return TRUE;
}
