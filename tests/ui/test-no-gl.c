/* test-no-gl.c: the widget tests draw without OpenGL, so that they do not
 * depend on which GL driver a machine has. Mesa's DRI drivers (swrast under
 * Xvfb) keep allocations until exit and may be unloaded before
 * LeakSanitizer reports them, as frames of "<unknown module>" that no
 * suppression can name; with GL disabled (GDK_DEBUG=gl-disable, set by
 * tests/ui/meson.build) no driver is ever loaded. */
#include "config.h"

#include <string.h>

#include "test-ui-support.h"

static gboolean
drawn (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

/* A driver of Mesa's, mapped into this process. */
static char *
gl_driver_mapped (void)
{
  g_autofree char *maps = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  lines = g_strsplit (maps, "\n", -1);
  for (char **l = lines; *l; l++)
    if (strstr (*l, "_dri.so") || strstr (*l, "libEGL_mesa") || strstr (*l, "libGLX_mesa") ||
        strstr (*l, "libgallium"))
      return g_strdup (strrchr (*l, ' ') + 1);
  return NULL;
}

static void
test_no_gl (void)
{
  GtkWidget *window = gtk_window_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *driver = NULL;

  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("GL"));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (test_ui_wait_until (drawn, window, 10000));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);

  if (gdk_display_prepare_gl (gtk_widget_get_display (window), &error))
    g_error ("GTK can use OpenGL in the widget tests: set GDK_DEBUG=gl-disable for them "
             "(tests/ui/meson.build), or their leak reports depend on the machine's GL driver");
  driver = gl_driver_mapped ();
  if (driver)
    g_error ("a GL driver is loaded in a widget test: %s", driver);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc,
      char **argv)
{
  test_ui_init (&argc, &argv);
  g_test_add_func ("/ui/no-gl", test_no_gl);
  return test_ui_run ();
}
