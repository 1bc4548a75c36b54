/* inj-application.c */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "inj-app.h"
#include "inj-application.h"
#include "inj-card-page.h"
#include "inj-window.h"

/* --screenshot: how long the card page may take to settle, and the whole
 * run at most (a display that never draws must not hang a script). */
#define SCREENSHOT_SETTLE_US (20 * G_USEC_PER_SEC)
#define SCREENSHOT_SETTLED_PAUSE_US (300 * 1000)
#define SCREENSHOT_GIVE_UP_S 90

struct _InjApplication {
  AdwApplication parent_instance;

  char *page;                   /* --page: the page shown first */
  char *screenshot;             /* --screenshot: where the PNG goes */
  int exit_status;

  GtkWidget *window;            /* weak: the window made by activate */
  GSettings *settings;          /* verbose-logging, followed from startup */
  gboolean verbose_at_start;    /* --verbose or INJ_LOG_VERBOSE=1 */
  GdkFrameClock *frame_clock;
  gulong after_paint_id;
  gint64 first_frame_us;
  gint64 settled_us;
  guint screenshot_source;
  guint give_up_source;
};

G_DEFINE_FINAL_TYPE (InjApplication, inj_application, ADW_TYPE_APPLICATION)

static const GOptionEntry options[] = {
  { "page", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Show this page first in a new window (for example “card”)"), N_("NAME") },
  { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Save a PNG picture of the window once it is drawn and the card page has settled, then quit"),
    N_("FILE") },
  { NULL }
};

static void
stop_watching (InjApplication *self)
{
  if (self->frame_clock && self->after_paint_id)
    g_signal_handler_disconnect (self->frame_clock, self->after_paint_id);
  self->after_paint_id = 0;
  g_clear_object (&self->frame_clock);
  g_clear_handle_id (&self->screenshot_source, g_source_remove);
  g_clear_handle_id (&self->give_up_source, g_source_remove);
}

static void
finish_screenshot (InjApplication *self,
                   int status)
{
  if (status != 0)
    self->exit_status = status;
  stop_watching (self);
  if (self->window)
    gtk_window_destroy (GTK_WINDOW (self->window));
  g_application_quit (G_APPLICATION (self));
}

/* The window as it is drawn, rendered again by its own renderer, in a PNG
 * readable by its owner only (a page may show personal data).
 * G_IO_ERROR_PENDING: nothing to render yet (a new layout is pending, as
 * when a page has just changed); the caller tries again. */
static gboolean
save_screenshot (InjApplication *self,
                 GError **error)
{
  GtkWidget *widget = self->window;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GBytes) png = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (widget));

  if (width <= 0 || height <= 0 || renderer == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING, _("The window has not been drawn."));
      return FALSE;
    }
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING, _("The window has not been drawn."));
      return FALSE;
    }
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  png = gdk_texture_save_to_png_bytes (texture);
  return g_file_set_contents_full (self->screenshot, g_bytes_get_data (png, NULL), g_bytes_get_size (png),
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static gboolean
card_page_settled (InjApplication *self)
{
  GtkWidget *card = inj_window_get_card_page (INJ_WINDOW (self->window));

  return card == NULL || inj_card_page_get_state (INJ_CARD_PAGE (card)) != INJ_CARD_STATE_LOADING;
}

/* After the first frame: wait until the card page knows what is in the
 * reader (or long enough), let it draw that, then take the picture. */
static gboolean
screenshot_poll (gpointer data)
{
  InjApplication *self = data;
  gint64 now = g_get_monotonic_time ();
  g_autoptr(GError) error = NULL;

  if (self->window == NULL)
    {
      self->screenshot_source = 0;
      finish_screenshot (self, 1);
      return G_SOURCE_REMOVE;
    }
  if (self->settled_us == 0)
    {
      if (!card_page_settled (self) && now - self->first_frame_us < SCREENSHOT_SETTLE_US)
        return G_SOURCE_CONTINUE;
      self->settled_us = now;
      gtk_widget_queue_draw (self->window);
    }
  if (now - self->settled_us < SCREENSHOT_SETTLED_PAUSE_US)
    return G_SOURCE_CONTINUE;

  if (!save_screenshot (self, &error) && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING))
    return G_SOURCE_CONTINUE;  /* until screenshot_give_up() */
  self->screenshot_source = 0;
  if (error == NULL)
    {
      g_print (_("Saved a picture of the window in %s\n"), self->screenshot);
      finish_screenshot (self, 0);
    }
  else
    {
      g_printerr (_("Could not save a picture of the window in %s: %s\n"), self->screenshot,
                  error->message);
      finish_screenshot (self, 1);
    }
  return G_SOURCE_REMOVE;
}

static gboolean
screenshot_give_up (gpointer data)
{
  InjApplication *self = data;

  self->give_up_source = 0;
  g_printerr (_("The window was not drawn within %d seconds: no picture was saved.\n"),
              SCREENSHOT_GIVE_UP_S);
  finish_screenshot (self, 1);
  return G_SOURCE_REMOVE;
}

static void
first_frame_drawn (InjApplication *self)
{
  const char *file = g_getenv (INJ_FIRST_FRAME_FILE_ENV);

  if (file && *file)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT "\n", self->first_frame_us);
      g_autoptr(GError) error = NULL;

      if (!g_file_set_contents (file, text, -1, &error))
        g_printerr ("%s\n", error->message);
    }
  if (self->screenshot && self->screenshot_source == 0)
    self->screenshot_source = g_timeout_add (50, screenshot_poll, self);
}

/* The first paint of the frame clock while the window is mapped: the first
 * frame the user sees. */
static void
after_paint (GdkFrameClock *clock,
             gpointer data)
{
  InjApplication *self = data;
  gint64 now = g_get_monotonic_time ();

  if (self->window == NULL || !gtk_widget_get_mapped (self->window))
    return;
  g_signal_handler_disconnect (self->frame_clock, self->after_paint_id);
  self->after_paint_id = 0;
  g_clear_object (&self->frame_clock);
  self->first_frame_us = now;
  first_frame_drawn (self);
}

static void
watch_first_frame (InjApplication *self)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (self->window));
  GdkFrameClock *clock = surface ? gdk_surface_get_frame_clock (surface) : NULL;

  if (clock == NULL)
    return;
  self->frame_clock = g_object_ref (clock);
  self->after_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint), self);
  if (self->screenshot)
    self->give_up_source = g_timeout_add_seconds (SCREENSHOT_GIVE_UP_S, screenshot_give_up, self);
}

static void
show_first_page (GtkWidget *window,
                 const char *name)
{
  GtkStack *stack = inj_window_get_stack (INJ_WINDOW (window));
  g_autoptr(GString) names = NULL;
  g_autoptr(GtkSelectionModel) pages = NULL;

  if (inj_window_open_first_page (INJ_WINDOW (window), name))
    return;
  names = g_string_new (NULL);
  pages = gtk_stack_get_pages (stack);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(GObject) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      const char *page_name = gtk_stack_page_get_name (GTK_STACK_PAGE (page));

      if (page_name)
        g_string_append_printf (names, "%s%s", names->len ? ", " : "", page_name);
    }
  g_printerr (_("There is no page named “%s”. The pages are: %s.\n"), name, names->str);
}

static void
inj_application_activate (GApplication *application)
{
  InjApplication *self = INJ_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));
  gboolean is_new = window == NULL;

  if (window == NULL)
    {
      window = GTK_WINDOW (inj_window_new (ADW_APPLICATION (application), NULL));
      g_set_weak_pointer (&self->window, GTK_WIDGET (window));
      if (self->page)
        show_first_page (GTK_WIDGET (window), self->page);
    }
  gtk_window_present (window);
  if (is_new && (self->screenshot || g_getenv (INJ_FIRST_FRAME_FILE_ENV)))
    watch_first_frame (self);
}

static int
inj_application_handle_local_options (GApplication *application,
                                      GVariantDict *dict)
{
  InjApplication *self = INJ_APPLICATION (application);
  g_autofree char *screenshot = NULL;

  g_clear_pointer (&self->page, g_free);
  g_variant_dict_lookup (dict, "page", "s", &self->page);
  if (g_variant_dict_lookup (dict, "screenshot", "^ay", &screenshot) && *screenshot)
    {
      g_free (self->screenshot);
      self->screenshot = g_canonicalize_filename (screenshot, NULL);
      /* A picture of this run's window, never of another instance's. */
      g_application_set_flags (application,
                               g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
    }
  return -1;
}

static void
quit_activated (GSimpleAction *action,
                GVariant *parameter,
                gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_activated },
};

/* The verbose-logging setting (the diagnostics page's switch), on top of
 * what the command line or the environment asked for at start. */
static void
apply_verbose_logging (InjApplication *self)
{
  gboolean on = g_settings_get_boolean (self->settings, "verbose-logging");

  inj_log_set_verbose (self->verbose_at_start || on);
}

static void
inj_application_startup (GApplication *application)
{
  InjApplication *self = INJ_APPLICATION (application);

  static const char *const quit_accels[] = { "<Control>q", NULL };
  static const char *const preferences_accels[] = { "<Control>comma", NULL };
  static const char *const new_accels[] = { "<Control>n", NULL };

  G_APPLICATION_CLASS (inj_application_parent_class)->startup (application);
  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.new-delegation",
                                         new_accels);
  if (self->settings == NULL && inj_application_schema_available ())
    {
      self->verbose_at_start = inj_log_get_verbose ();
      self->settings = g_settings_new (INJ_APPLICATION_ID);
      g_signal_connect_object (self->settings, "changed::verbose-logging",
                               G_CALLBACK (apply_verbose_logging), self, G_CONNECT_SWAPPED);
      apply_verbose_logging (self);
    }
}

static void
inj_application_dispose (GObject *object)
{
  InjApplication *self = INJ_APPLICATION (object);

  stop_watching (self);
  g_clear_weak_pointer (&self->window);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (inj_application_parent_class)->dispose (object);
}

static void
inj_application_finalize (GObject *object)
{
  InjApplication *self = INJ_APPLICATION (object);

  g_free (self->page);
  g_free (self->screenshot);
  G_OBJECT_CLASS (inj_application_parent_class)->finalize (object);
}

static void
inj_application_class_init (InjApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = inj_application_dispose;
  object_class->finalize = inj_application_finalize;
  app_class->activate = inj_application_activate;
  app_class->startup = inj_application_startup;
  app_class->handle_local_options = inj_application_handle_local_options;
}

static void
inj_application_init (InjApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

InjApplication *
inj_application_new (void)
{
  return g_object_new (INJ_TYPE_APPLICATION,
                       "application-id", INJ_APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

int
inj_application_get_exit_status (InjApplication *self)
{
  g_return_val_if_fail (INJ_IS_APPLICATION (self), 1);

  return self->exit_status;
}

gboolean
inj_application_schema_available (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return FALSE;
  schema = g_settings_schema_source_lookup (source, INJ_APPLICATION_ID, TRUE);
  return schema != NULL;
}
