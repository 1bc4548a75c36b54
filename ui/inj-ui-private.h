/* inj-ui-private.h: internal to the GTK layer. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void _inj_ui_ensure_resources (void);

G_END_DECLS
