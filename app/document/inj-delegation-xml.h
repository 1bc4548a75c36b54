/* inj-delegation-xml.h: the delegation as an XML document (libxml2). */
#pragma once

#include <glib.h>

#include "inj-delegation.h"

G_BEGIN_DECLS

#define INJ_XML_MAX_SIZE (1024 * 1024)
#define INJ_XML_MAX_DEPTH 32

#define INJ_XML_ERROR (inj_xml_error_quark ())
typedef enum {
  INJ_XML_ERROR_TOO_LARGE,
  INJ_XML_ERROR_EMPTY,
  INJ_XML_ERROR_BOM,
  INJ_XML_ERROR_NOT_UTF8,
  INJ_XML_ERROR_ENCODING,
  INJ_XML_ERROR_DTD,
  INJ_XML_ERROR_ENTITY,
  INJ_XML_ERROR_PROCESSING_INSTRUCTION,
  INJ_XML_ERROR_TOO_DEEP,
  INJ_XML_ERROR_MALFORMED,
  INJ_XML_ERROR_NAMESPACE,
  INJ_XML_ERROR_VERSION,
  INJ_XML_ERROR_SCHEMA,
  INJ_XML_ERROR_INVALID,
  INJ_XML_ERROR_IO,
} InjXmlError;
GQuark inj_xml_error_quark (void);
const char *inj_xml_error_nick (int code);

GBytes        *inj_delegation_to_xml        (InjDelegation *self,
                                             GError **error);
InjDelegation *inj_delegation_from_xml      (const char *data,
                                             gsize length,
                                             GPtrArray **problems,
                                             GError **error);
InjDelegation *inj_delegation_load_xml_file (const char *path,
                                             GPtrArray **problems,
                                             GError **error);
const char    *inj_delegation_schema_xsd    (gsize *length);

G_END_DECLS
