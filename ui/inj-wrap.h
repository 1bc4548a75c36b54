/* inj-wrap.h: Japanese text in a wrapping label breaks between words:
 * never inside a polite ending (あります, ません, ます, です, ください…) nor inside a
 * run of ASCII letters, digits and hyphens (an ID, a UUID). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void           inj_wrap_set_text   (GtkLabel *label,
                                    const char *text);
PangoAttrList *inj_wrap_attributes (const char *text);

G_END_DECLS
