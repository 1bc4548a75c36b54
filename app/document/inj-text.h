/* inj-text.h: the rules every text item follows. */
#pragma once

#include <glib.h>

#include "inj-field.h"
#include "inj-problem.h"

G_BEGIN_DECLS

InjProblemCode inj_text_check     (const char *text,
                                   gssize length,
                                   InjFieldFlags flags,
                                   gsize *bad_offset);
char          *inj_text_normalize (const char *text,
                                   InjFieldFlags flags);
gsize          inj_text_length    (const char *text);
gboolean       inj_text_is_blank  (const char *text);

G_END_DECLS
