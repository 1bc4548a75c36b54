/* inj-preferences-window.h: the settings (GSettings io.github.ininjo.Ininjo)
 * of the service connection, the card reader, the trust anchors and
 * privacy. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define INJ_TYPE_PREFERENCES_WINDOW (inj_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (InjPreferencesWindow, inj_preferences_window, INJ, PREFERENCES_WINDOW,
                      AdwWindow)

GtkWidget *inj_preferences_window_new              (GSettings *settings);
GSettings *inj_preferences_window_get_settings     (InjPreferencesWindow *self);

/* Empty (the built-in service) or https://host[:port]; otherwise an error
 * that says what is wrong. */
gboolean   inj_preferences_check_service_url       (const char *url,
                                                    GError **error);

/* What the file choosers do: @key is "service-ca", "client-certificate"
 * or "client-key"; @file NULL clears it. */
void       inj_preferences_window_set_file         (InjPreferencesWindow *self,
                                                    const char *key,
                                                    GFile *file);
/* Adds @file to the trust anchors when it holds CA certificates (PEM);
 * otherwise says why not on the page and in @error. */
gboolean   inj_preferences_window_add_trust_anchor (InjPreferencesWindow *self,
                                                    GFile *file,
                                                    GError **error);

G_END_DECLS
