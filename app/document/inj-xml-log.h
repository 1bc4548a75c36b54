/* inj-xml-log.h: libxml2's and libxmlsec1's own messages go through
 * Ininjo's log (inj-log.h), redacted like every message, and never straight
 * to stderr.
 *
 * libxml2 2.9 keeps its error handlers per thread: inj_xml_init() sets them
 * once as the default of every thread libxml2 meets later, and each time
 * for the calling thread. The programs call it first thing in main(); every
 * entry of the domain library into libxml2 or libxmlsec1 calls it again
 * (for a GTask worker, a thread that touched libxml2 before, a handler a
 * reader replaced for its parse). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void inj_xml_init (void);

G_END_DECLS
