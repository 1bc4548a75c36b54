/* inj-xml-nodes.c: finding Ininjo's own elements in a parsed document, by
 * namespace and local name (the statements, the agent's submission and the
 * account's 基本情報 read their children this way). */
#include "config.h"

#include "inj-xml-private.h"

gboolean
inj_xml_is_element (xmlNodePtr node,
                    const char *ns,
                    const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE && node->ns != NULL &&
         g_strcmp0 ((const char *) node->ns->href, ns) == 0 &&
         (name == NULL || g_strcmp0 ((const char *) node->name, name) == 0);
}

xmlNodePtr
inj_xml_child (xmlNodePtr parent,
               const char *ns,
               const char *name)
{
  for (xmlNodePtr c = parent->children; c; c = c->next)
    if (inj_xml_is_element (c, ns, name))
      return c;
  return NULL;
}

char *
inj_xml_child_text (xmlNodePtr parent,
                    const char *ns,
                    const char *name)
{
  xmlNodePtr c = inj_xml_child (parent, ns, name);
  xmlChar *t;
  char *s;

  if (c == NULL)
    return NULL;
  t = xmlNodeGetContent (c);
  s = t ? g_strdup ((const char *) t) : NULL;
  xmlFree (t);
  return s;
}
