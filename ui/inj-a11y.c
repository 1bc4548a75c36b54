/* inj-a11y.c */
#include "config.h"

#include "inj-a11y.h"

#define LABEL_KEY "inj-accessible-label"

void
inj_ui_set_accessible_label (GtkWidget *widget,
                             const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (text != NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
  g_object_set_data_full (G_OBJECT (widget), LABEL_KEY, g_strdup (text), g_free);
}

const char *
inj_ui_get_accessible_label (GtkWidget *widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  return g_object_get_data (G_OBJECT (widget), LABEL_KEY);
}
