/* bench-bare-window.c: the start-up benchmark's baseline — a libadwaita
 * window with one label and nothing else, timed exactly like Ininjo: it
 * writes the monotonic time of its first frame drawn to the file named by
 * ININJO_FIRST_FRAME_FILE. What Ininjo costs on top of GTK's and
 * libadwaita's own start is the difference. */
#include <adwaita.h>

static gulong after_paint_id;

static void
after_paint (GdkFrameClock *clock,
             gpointer data)
{
  GtkWidget *window = data;
  gint64 now = g_get_monotonic_time ();
  const char *file = g_getenv ("ININJO_FIRST_FRAME_FILE");

  if (!gtk_widget_get_mapped (window))
    return;
  g_signal_handler_disconnect (clock, after_paint_id);
  if (file && *file)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT "\n", now);

      g_file_set_contents (file, text, -1, NULL);
    }
}

static void
activate (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GdkSurface *surface;

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), gtk_label_new ("Ininjo"));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 960, 720);
  gtk_window_present (GTK_WINDOW (window));
  surface = gtk_native_get_surface (GTK_NATIVE (window));
  after_paint_id = g_signal_connect (gdk_surface_get_frame_clock (surface), "after-paint",
                                     G_CALLBACK (after_paint), window);
}

int
main (int argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.ininjo.BenchBareWindow",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
