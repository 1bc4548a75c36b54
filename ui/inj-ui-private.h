/* inj-ui-private.h: internal to the GTK layer. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void _inj_ui_ensure_resources (void);
/* Ininjo's stylesheet (ui/inj.css) for @display, once. */
void _inj_ui_ensure_style (GdkDisplay *display);
/* Where a file dialog opens: the user's documents folder, or the home
 * folder when there is none (never the folder the program started in). */
void _inj_ui_open_in_documents (GtkFileChooser *chooser);

G_END_DECLS
