/* test-ui-support.c */
#include "config.h"

#include <glib/gstdio.h>
#include <gdk/x11/gdkx.h>
#include <X11/Xlib.h>

#include "inj-app.h"
#include "inj-application.h"
#include "test-ui-support.h"

static guint
count_threads (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  guint n = 0;

  if (dir == NULL)
    return 0;
  while (g_dir_read_name (dir))
    n++;
  return n;
}

/* LeakSanitizer looks for leaks after main() returns, with every thread
 * stopped; a thread that is starting or ending just then can crash its
 * tracer ("Tracer caught signal 11", seen once in CI). So GLib's idle
 * workers never time out (test_ui_init()), and before returning the tests
 * wait until the number of threads has stayed the same for a quarter of a
 * second (5 s at most). The idle workers are not stopped: one that ends
 * then loses the error state OpenSSL keeps for it (OpenSC's and SoftHSM's
 * calls leave one), which LeakSanitizer reports as a leak. */
static void
settle_threads (void)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  gint64 stable_since = g_get_monotonic_time ();
  guint last = count_threads ();

  while (g_get_monotonic_time () < deadline)
    {
      guint now;
      g_usleep (20 * 1000);
      now = count_threads ();
      if (now != last)
        {
          last = now;
          stable_since = g_get_monotonic_time ();
        }
      else if (g_get_monotonic_time () - stable_since >= G_USEC_PER_SEC / 4)
        break;
    }
}

/* Xvfb starts with its pointer in the middle of the screen, where the
 * tests' windows open (there is no window manager to place them): a
 * window would be drawn with whatever lies under it hovered. The tests use
 * the keyboard and activate widgets directly, never the pointer: it is
 * parked in the screen's bottom right corner, outside every window the
 * tests open (at most 1,100 px wide from the top left on 1280x1024). */
static void
park_pointer (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  Display *xdisplay;
  Window root;

  if (display == NULL || !GDK_IS_X11_DISPLAY (display))
    return;
  xdisplay = gdk_x11_display_get_xdisplay (display);
  root = DefaultRootWindow (xdisplay);
  XWarpPointer (xdisplay, None, root, 0, 0, 0, 0,
                DisplayWidth (xdisplay, DefaultScreen (xdisplay)) - 1,
                DisplayHeight (xdisplay, DefaultScreen (xdisplay)) - 1);
  XSync (xdisplay, False);
}

/* GTK 4.8 starts its tooltip timer (500 ms) on crossing events, which a
 * popover's pointer grab sends even with the pointer elsewhere, and lets
 * the timer fire after the popover under it lost its surface:
 * gdk_surface_get_device_position() on a surface gone, fatal here (later
 * GTK releases check for it; a window's destruction unsets it itself).
 * When a window or popover loses its surface, the display's pending tooltip
 * is taken away, so the timer finds none and does nothing. The tooltip
 * itself is released later, from the main loop: releasing it there and
 * then would unparent its own window from the native being unrealized,
 * while GTK walks that native's children (a child finalized under the
 * walk: "g_object_ref: assertion '!object_already_finalized'", seen once in
 * ui-window). The tooltip's own window unrealizing is no reason. */
static gboolean
release_tooltip (gpointer tooltip)
{
  g_object_unref (tooltip);
  return G_SOURCE_REMOVE;
}

static gboolean
drop_pending_tooltip (GSignalInvocationHint *hint,
                      guint n_values,
                      const GValue *values,
                      gpointer data)
{
  GObject *widget = g_value_get_object (&values[0]);
  GObject *display;
  gpointer tooltip;

  if (!GTK_IS_NATIVE (widget) || g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkTooltipWindow"))
    return TRUE;
  display = G_OBJECT (gtk_widget_get_display (GTK_WIDGET (widget)));
  tooltip = g_object_get_data (display, "gdk-display-current-tooltip");
  if (tooltip == NULL)
    return TRUE;
  g_object_ref (tooltip);
  g_object_set_data (display, "gdk-display-current-tooltip", NULL);
  g_idle_add_full (G_PRIORITY_HIGH, release_tooltip, tooltip, NULL);
  return TRUE;
}

void
test_ui_init (int *argc,
              char ***argv)
{
  g_thread_pool_set_max_idle_time (0);
  /* The main thread owns the main context for the whole program, as
   * g_application_run() does in Ininjo itself. Otherwise a worker asking
   * for a password (g_tls_interaction_invoke_ask_password) can take the
   * context while the test is between two iterations, and run the dialog
   * from the worker's thread until it is answered, while the test, which
   * answers it, waits for the context: the two wait for each other (seen
   * once: ui-password-dialog hung until its timeout). */
  if (!g_main_context_acquire (g_main_context_default ()))
    g_error ("the main context is owned by another thread");
  inj_i18n_init ();
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  park_pointer ();
  /* No animations: libadwaita 1.2's leaflet draws its fold transition
   * through a clip that can be empty, and GTK 4.8 then loses the nodes
   * under it (a render tree leaked per frame, reported by LeakSanitizer;
   * later GTK releases free them). The tests check states, not motion. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  {
    gpointer widget_class = g_type_class_ref (GTK_TYPE_WIDGET);
    g_signal_add_emission_hook (g_signal_lookup ("unrealize", GTK_TYPE_WIDGET), 0,
                                drop_pending_tooltip, NULL, NULL);
    g_type_class_unref (widget_class);
  }
  /* The tests have no Secret Service (tests/vault and test-local-data have
   * one of their own): drafts and packages are kept unencrypted, as after
   * the user agreed to it, without asking (settings are in memory, one
   * backend for the whole test program). */
  if (g_getenv ("INJ_TEST_KEEP_VAULT_POLICY") == NULL)
    {
      g_autoptr(GSettings) settings = g_settings_new (INJ_APPLICATION_ID);
      g_settings_set_boolean (settings, "allow-unencrypted-local-data", TRUE);
      inj_vault_set_allow_unencrypted (TRUE);
    }
  /* The application's icon, from the program's resources, where
   * GtkApplication finds it (the tests make windows without one). */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/ininjo/Ininjo/icons");
  /* The welcome of the first start is tested on its own (test-window):
   * the other tests start where a representative's window opens. */
  if (g_getenv ("INJ_TEST_KEEP_START_ROLE") == NULL)
    {
      g_autoptr(GSettings) settings = g_settings_new (INJ_APPLICATION_ID);
      g_settings_set_string (settings, "start-role", "representative");
    }
}

char *
test_ui_tmpdir (void)
{
  GError *error = NULL;
  char *dir = g_dir_make_tmp ("ininjo-ui-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
test_ui_rmtree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        test_ui_rmtree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static gboolean
timed_out (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @done says so or the time is up. */
gboolean
test_ui_wait_until (gboolean (*done) (gpointer data),
                    gpointer data,
                    guint timeout_ms)
{
  gboolean expired = FALSE;
  guint source = g_timeout_add (timeout_ms, timed_out, &expired);

  while (!done (data) && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (source);
  return done (data);
}

static gboolean
has_size (gpointer data)
{
  return gtk_widget_get_width (data) > 0 && gtk_widget_get_height (data) > 0;
}

/* A PNG of @widget as it is drawn, in the build directory, for a person to
 * look at. */
void
test_ui_screenshot (GtkWidget *widget,
                    const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strconcat ("screenshot-", name, ".png", NULL);
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int width;
  int height;
  const char *dir = g_getenv ("G_TEST_BUILDDIR");

  /* a window just presented on a loaded machine is allocated a little
   * later (up to 10 s) */
  test_ui_wait_until (has_size, widget, 10000);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  /* A widget paintable has nothing to give until the widget was drawn
   * once: on a loaded machine the first frame can come late, so let the
   * main loop run (up to 10 s) before asserting there is a picture. */
  for (guint attempt = 0; attempt < 200 && node == NULL; attempt++)
    {
      if (attempt > 0)
        {
          gint64 until = g_get_monotonic_time () + 50 * 1000;
          g_clear_object (&snapshot);
          snapshot = gtk_snapshot_new ();
          while (g_get_monotonic_time () < until)
            if (!g_main_context_iteration (NULL, FALSE))
              g_usleep (2000);
        }
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir ? dir : ".", file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

int
test_ui_run (void)
{
  int status = g_test_run ();

  settle_threads ();
  return status;
}

/* Runs the main loop until nothing but the caller holds OBJECT and nothing
 * is pending (20 s at most): page objects may be held a moment by their
 * worker threads. */
void
test_ui_drain (GObject *object)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline &&
         (g_atomic_int_get ((gint *) &object->ref_count) > 1 || g_main_context_pending (NULL)))
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (10 * 1000);
    }
}

static void
collect_labels (GtkWidget *widget,
                GString *text)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_labels (c, text);
}

/* Every text WIDGET shows (rows' titles and subtitles included), a line
 * each. */
char *
test_ui_widget_text (GtkWidget *widget)
{
  GString *text = g_string_new (NULL);

  collect_labels (widget, text);
  return g_string_free (text, FALSE);
}

/* ---------------------------------------------------------------- windows and popovers */

/* Pops a popover down and waits until it is unmapped. */
void
test_ui_popdown_and_settle (GtkPopover *popover)
{
  gtk_popover_popdown (popover);
  g_assert_true (test_ui_wait_until (test_ui_unmapped, popover, 5000));
}

/* Mapped, and on a monitor (a popover placed before that has nowhere to
 * go: GDK complains, which the tests make fatal). */
gboolean
test_ui_on_monitor (gpointer data)
{
  GtkWidget *window = data;
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  return gtk_widget_get_mapped (window) && surface != NULL &&
         gdk_display_get_monitor_at_surface (gtk_widget_get_display (window), surface) != NULL;
}

gboolean
test_ui_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

gboolean
test_ui_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (data);
}

/* @data's whole area inside its window (scrolled into view): a popover
 * anchored outside it would have no monitor to go to. */
gboolean
test_ui_in_view (gpointer data)
{
  GtkWidget *widget = data;
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (widget));
  graphene_rect_t bounds;

  if (window == NULL || !gtk_widget_compute_bounds (widget, window, &bounds))
    return FALSE;
  return bounds.origin.y >= 0 && bounds.origin.x >= 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (window) &&
         bounds.origin.x + bounds.size.width <= gtk_widget_get_width (window);
}
