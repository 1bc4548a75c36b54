/* inj-ui-private.h: internal to the GTK layer. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void _inj_ui_ensure_resources (void);
/* Ininjo's stylesheet (ui/inj.css) for @display, once. */
void _inj_ui_ensure_style (GdkDisplay *display);

G_END_DECLS
