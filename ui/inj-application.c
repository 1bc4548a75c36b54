/* inj-application.c */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-application.h"
#include "inj-window.h"

struct _InjApplication {
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (InjApplication, inj_application, ADW_TYPE_APPLICATION)

static void
inj_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    window = GTK_WINDOW (inj_window_new (ADW_APPLICATION (application), NULL));
  gtk_window_present (window);
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

static void
inj_application_startup (GApplication *application)
{
  static const char *const quit_accels[] = { "<Control>q", NULL };
  static const char *const preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (inj_application_parent_class)->startup (application);
  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.preferences",
                                         preferences_accels);
}

static void
inj_application_class_init (InjApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = inj_application_activate;
  app_class->startup = inj_application_startup;
}

static void
inj_application_init (InjApplication *self)
{
}

InjApplication *
inj_application_new (void)
{
  return g_object_new (INJ_TYPE_APPLICATION,
                       "application-id", INJ_APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}
