/* inj-window-toast.c: short confirmations (保存しました, コピーしました)
 * as toasts over the window's content, instead of labels that stay on a
 * page after they stop being true. The overlay wraps whatever content the
 * window's template sets, so the template is free to change. */
#include "config.h"

#include "inj-window-private.h"

#define OVERLAY_KEY "inj-toast-overlay"
#define LAST_KEY "inj-last-toast"

static AdwToastOverlay *
get_overlay (InjWindow *self)
{
  return g_object_get_data (G_OBJECT (self), OVERLAY_KEY);
}

void
_inj_window_setup_toasts (InjWindow *self)
{
  AdwApplicationWindow *window = ADW_APPLICATION_WINDOW (self);
  GtkWidget *content = adw_application_window_get_content (window);
  GtkWidget *overlay = adw_toast_overlay_new ();

  if (content)
    {
      g_object_ref (content);
      adw_application_window_set_content (window, NULL);
      adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), content);
      g_object_unref (content);
    }
  adw_application_window_set_content (window, overlay);
  g_object_set_data (G_OBJECT (self), OVERLAY_KEY, overlay);
}

void
inj_window_add_toast (InjWindow *self,
                      const char *title)
{
  AdwToast *toast;

  g_return_if_fail (INJ_IS_WINDOW (self));
  g_return_if_fail (title != NULL);
  toast = adw_toast_new (title);
  /* a newer one replaces it at once: one confirmation at a time */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 3);
  g_object_set_data_full (G_OBJECT (self), LAST_KEY, g_strdup (title), g_free);
  adw_toast_overlay_add_toast (get_overlay (self), toast);
}

const char *
inj_window_get_last_toast (InjWindow *self)
{
  g_return_val_if_fail (INJ_IS_WINDOW (self), NULL);
  return g_object_get_data (G_OBJECT (self), LAST_KEY);
}

void
_inj_window_toast_activated (GtkWidget *widget,
                             const char *action_name,
                             GVariant *parameter)
{
  inj_window_add_toast (INJ_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

gboolean
inj_window_toast (GtkWidget *widget,
                  const char *title)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (title != NULL, FALSE);
  return gtk_widget_activate_action (widget, "win.toast", "s", title);
}
