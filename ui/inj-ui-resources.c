/* inj-ui-resources.c: the templates, compiled in (a static library drops
 * the resource's constructor, so the types register it themselves), the
 * stylesheet, and where the file dialogs open. */
#include "config.h"

#include <gtk/gtk.h>

#include "inj-ui-private.h"
#include "inj-ui-gresource.h"

void
_inj_ui_ensure_resources (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_resources_register (inj_ui_get_resource ());
      g_once_init_leave (&done, 1);
    }
}

/* The stylesheet, once per display. */
void
_inj_ui_ensure_style (GdkDisplay *display)
{
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "inj-css"))
    return;
  _inj_ui_ensure_resources ();
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/ininjo/Ininjo/ui/inj.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "inj-css", g_steal_pointer (&provider),
                          g_object_unref);
}

void
_inj_ui_open_in_documents (GtkFileChooser *chooser)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  g_autoptr(GFile) folder = g_file_new_for_path (documents ? documents : g_get_home_dir ());

  gtk_file_chooser_set_current_folder (chooser, folder, NULL);
}
