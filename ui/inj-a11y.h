/* inj-a11y.h: accessible labels that can be read back. GTK 4.8 has no
 * getter for accessible properties, so the labels Ininjo sets go through
 * here and are kept on the widget too (for the accessibility test). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Sets GTK_ACCESSIBLE_PROPERTY_LABEL of @widget to @text and records it. */
void        inj_ui_set_accessible_label (GtkWidget *widget,
                                         const char *text);
/* What inj_ui_set_accessible_label() set, or NULL. */
const char *inj_ui_get_accessible_label (GtkWidget *widget);

G_END_DECLS
