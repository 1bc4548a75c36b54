/* inj-xml-private.h: the hardened XML reader, shared by the delegation, the
 * signature and the agent's submission. Internal to app/. */
#pragma once

#include <glib.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#include "inj-delegation.h"

G_BEGIN_DECLS

#define INJ_XML_RESOURCE_XSD "/io/github/ininjo/Ininjo/ininjo-delegation-1.xsd"

/* inj-delegation-schema.c: sets @error, naming @line when it is above 0 */
void           inj_xml_fail            (GError **error,
                                        int code,
                                        int line,
                                        const char *message);
/* inj-delegation-schema.c: the table 4-1 item an element stands for */
InjField       inj_xml_field_of_node   (xmlNodePtr node);

xmlDocPtr      inj_xml_parse           (const char *data,
                                        gsize length,
                                        GError **error);
GBytes        *inj_xml_read_file       (const char *path,
                                        GError **error);
xmlSchemaPtr   inj_xml_schema          (const char *resource);
GPtrArray     *inj_xml_validate        (xmlDocPtr doc,
                                        xmlSchemaPtr schema);
gboolean       inj_xml_check_signable  (xmlDocPtr doc,
                                        GError **error);
void           _inj_xml_log_error      (const xmlError *err,
                                        GLogLevelFlags level);
/* inj-xml-nodes.c: an element of namespace @ns named @name (NULL: any
 * name); the first such child of @parent; its text (NULL when absent). */
gboolean       inj_xml_is_element      (xmlNodePtr node,
                                        const char *ns,
                                        const char *name);
xmlNodePtr     inj_xml_child           (xmlNodePtr parent,
                                        const char *ns,
                                        const char *name);
char          *inj_xml_child_text      (xmlNodePtr parent,
                                        const char *ns,
                                        const char *name);
InjDelegation *inj_delegation_from_doc (xmlDocPtr doc,
                                        GPtrArray **problems,
                                        GError **error);

G_END_DECLS
