/* inj-preferences-window.c */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-a11y.h"
#include "inj-app.h"
#include "inj-application.h"
#include "inj-preferences-window.h"
#include "inj-ui-private.h"

#define SECONDS_PER_MINUTE 60

struct _InjPreferencesWindow {
  AdwWindow parent_instance;

  AdwEntryRow *url_row;
  GtkLabel *url_message;
  AdwActionRow *ca_row;
  GtkWidget *ca_choose_button;
  GtkWidget *ca_clear_button;
  AdwComboRow *credential_row;
  AdwComboRow *start_row;
  AdwActionRow *cert_row;
  AdwActionRow *key_row;
  AdwEntryRow *module_row;
  GtkLabel *module_message;
  GtkListBox *anchors_list;
  GtkLabel *anchor_message;
  GtkSpinButton *idle_spin;
  GtkAdjustment *idle_adjustment;
  GtkSwitch *reveal_switch;

  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (InjPreferencesWindow, inj_preferences_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------------- service URL */

gboolean
inj_preferences_check_service_url (const char *url,
                                   GError **error)
{
  /* the same rule as ininjo-cli config set (app/inj-settings.c) */
  return inj_settings_check_service_url (url, error);
}

static gboolean
show_url_problem (InjPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  g_autoptr(GError) error = NULL;
  gboolean ok = inj_preferences_check_service_url (text, &error);

  gtk_label_set_text (self->url_message, ok ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->url_message), !ok);
  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");
  return ok;
}

static void
url_changed (InjPreferencesWindow *self)
{
  show_url_problem (self);
}

/* Written only when it can be used: a refused address stays on screen, with
 * what is wrong, and the setting keeps its value. */
static void
url_applied (InjPreferencesWindow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));

  if (!show_url_problem (self))
    return;
  g_settings_set_string (self->settings, "service-url", text);
}

/* ---------------------------------------------------------------- files */

static void
update_file_row (InjPreferencesWindow *self,
                 AdwActionRow *row,
                 const char *key,
                 const char *when_empty)
{
  g_autofree char *path = g_settings_get_string (self->settings, key);

  adw_action_row_set_subtitle (row, *path ? path : when_empty);
}

static void
update_file_rows (InjPreferencesWindow *self)
{
  g_autofree char *ca = g_settings_get_string (self->settings, "service-ca");

  update_file_row (self, self->ca_row, "service-ca", _("None: the system's CAs are used"));
  gtk_widget_set_sensitive (self->ca_clear_button, *ca != '\0');
  update_file_row (self, self->cert_row, "client-certificate", _("Not chosen"));
  update_file_row (self, self->key_row, "client-key", _("Not chosen"));
}

void
inj_preferences_window_set_file (InjPreferencesWindow *self,
                                 const char *key,
                                 GFile *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (INJ_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (g_strcmp0 (key, "service-ca") == 0 ||
                    g_strcmp0 (key, "client-certificate") == 0 ||
                    g_strcmp0 (key, "client-key") == 0);

  path = file ? g_file_get_path (file) : NULL;
  g_settings_set_string (self->settings, key, path ? path : "");
}

typedef void (*ChosenFunc) (InjPreferencesWindow *self,
                            const char *key,
                            GFile *file);

static void
chooser_response (GtkNativeDialog *chooser,
                  int response,
                  InjPreferencesWindow *self)
{
  ChosenFunc chosen = g_object_get_data (G_OBJECT (chooser), "inj-chosen");
  const char *key = g_object_get_data (G_OBJECT (chooser), "inj-key");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (file)
        chosen (self, key, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
choose_file (InjPreferencesWindow *self,
             const char *title,
             const char *key,
             ChosenFunc chosen)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                                               _("_Choose"), _("_Cancel"));
  g_autoptr(GtkFileFilter) pem = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (pem, _("PEM files"));
  gtk_file_filter_add_pattern (pem, "*.pem");
  gtk_file_filter_add_pattern (pem, "*.crt");
  gtk_file_filter_add_pattern (pem, "*.key");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), pem);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data_full (G_OBJECT (chooser), "inj-key", g_strdup (key), g_free);
  g_object_set_data (G_OBJECT (chooser), "inj-chosen", chosen);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
ca_choose_clicked (InjPreferencesWindow *self)
{
  choose_file (self, _("Service CA file"), "service-ca", inj_preferences_window_set_file);
}

static void
ca_clear_clicked (InjPreferencesWindow *self)
{
  inj_preferences_window_set_file (self, "service-ca", NULL);
}

static void
cert_choose_clicked (InjPreferencesWindow *self)
{
  choose_file (self, _("Client certificate file"), "client-certificate",
               inj_preferences_window_set_file);
}

static void
key_choose_clicked (InjPreferencesWindow *self)
{
  choose_file (self, _("Client key file"), "client-key", inj_preferences_window_set_file);
}

/* ---------------------------------------------------------------- credential */

static const char *const credential_nicks[] = { "card", "file" };

static gboolean
credential_to_selected (GValue *value,
                        GVariant *variant,
                        gpointer user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (credential_nicks); i++)
    if (g_strcmp0 (nick, credential_nicks[i]) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

/* The start-role setting, in the order of the start row; "unset" (the
 * welcome asks) shows as the first. */
static const char *const role_nicks[] = { "representative", "agent", "support" };

static gboolean
role_to_selected (GValue *value,
                  GVariant *variant,
                  gpointer user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  g_value_set_uint (value, 0);
  for (guint i = 0; i < G_N_ELEMENTS (role_nicks); i++)
    if (g_strcmp0 (nick, role_nicks[i]) == 0)
      g_value_set_uint (value, i);
  return TRUE;
}

static GVariant *
selected_to_role (const GValue *value,
                  const GVariantType *expected_type,
                  gpointer user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (role_nicks))
    return NULL;
  return g_variant_new_string (role_nicks[selected]);
}

static GVariant *
selected_to_credential (const GValue *value,
                        const GVariantType *expected_type,
                        gpointer user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (credential_nicks))
    return NULL;
  return g_variant_new_string (credential_nicks[selected]);
}

static gboolean
credential_is_file (GValue *value,
                    GVariant *variant,
                    gpointer user_data)
{
  g_value_set_boolean (value, g_strcmp0 (g_variant_get_string (variant, NULL), "file") == 0);
  return TRUE;
}

/* ---------------------------------------------------------------- module */

static void
module_applied (InjPreferencesWindow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->module_row))));

  g_settings_set_string (self->settings, "pkcs11-module", text);
  gtk_label_set_text (self->module_message,
                      _("Saved. The new module is used the next time Ininjo starts."));
  gtk_widget_set_visible (GTK_WIDGET (self->module_message), TRUE);
}

/* ---------------------------------------------------------------- trust anchors */

static void
anchor_remove_clicked (GtkButton *button,
                       InjPreferencesWindow *self)
{
  const char *path = g_object_get_data (G_OBJECT (button), "inj-path");
  g_auto(GStrv) anchors = g_settings_get_strv (self->settings, "trust-anchors");
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_auto(GStrv) result = NULL;

  for (guint i = 0; anchors[i]; i++)
    if (g_strcmp0 (anchors[i], path) != 0)
      g_strv_builder_add (kept, anchors[i]);
  result = g_strv_builder_end (kept);
  g_settings_set_strv (self->settings, "trust-anchors", (const char *const *) result);
}

static void
update_anchors (InjPreferencesWindow *self)
{
  g_auto(GStrv) anchors = g_settings_get_strv (self->settings, "trust-anchors");
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->anchors_list))))
    gtk_list_box_remove (self->anchors_list, child);
  for (guint i = 0; anchors[i]; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
      g_autofree char *name = g_path_get_basename (anchors[i]);
      g_autofree char *a11y = g_strdup_printf (_("Remove the trust anchor %s"), name);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), anchors[i]);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove"));
      inj_ui_set_accessible_label (remove, a11y);
      g_object_set_data_full (G_OBJECT (remove), "inj-path", g_strdup (anchors[i]), g_free);
      g_signal_connect_object (remove, "clicked", G_CALLBACK (anchor_remove_clicked), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_append (self->anchors_list, row);
    }
  if (anchors[0] == NULL)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("None: only the pinned JPKI roots are trusted"));
      gtk_list_box_append (self->anchors_list, row);
    }
}

gboolean
inj_preferences_window_add_trust_anchor (InjPreferencesWindow *self,
                                         GFile *file,
                                         GError **error)
{
  g_autofree char *path = NULL;
  g_autoptr(InjTrustStore) probe = inj_trust_store_new ();
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) anchors = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) result = NULL;

  g_return_val_if_fail (INJ_IS_PREFERENCES_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                         _("Only local files can be trust anchors."));
  else
    inj_trust_store_add_file (probe, path, &local_error);
  gtk_label_set_text (self->anchor_message, local_error ? local_error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->anchor_message), local_error != NULL);
  if (local_error)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  anchors = g_settings_get_strv (self->settings, "trust-anchors");
  if (g_strv_contains ((const char *const *) anchors, path))
    return TRUE;
  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, (const char **) anchors);
  g_strv_builder_add (builder, path);
  result = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "trust-anchors", (const char *const *) result);
  return TRUE;
}

static void
anchor_chosen (InjPreferencesWindow *self,
               const char *key,
               GFile *file)
{
  inj_preferences_window_add_trust_anchor (self, file, NULL);
}

static void
anchor_add_clicked (InjPreferencesWindow *self)
{
  choose_file (self, _("Trust anchor (CA certificate)"), "trust-anchors", anchor_chosen);
}

/* ---------------------------------------------------------------- idle timeout */

static gboolean
seconds_to_minutes (GValue *value,
                    GVariant *variant,
                    gpointer user_data)
{
  guint32 seconds = g_variant_get_uint32 (variant);

  g_value_set_double (value, (seconds + SECONDS_PER_MINUTE / 2) / SECONDS_PER_MINUTE);
  return TRUE;
}

static GVariant *
minutes_to_seconds (const GValue *value,
                    const GVariantType *expected_type,
                    gpointer user_data)
{
  double minutes = g_value_get_double (value);

  return g_variant_new_uint32 ((guint32) (minutes * SECONDS_PER_MINUTE + 0.5));
}

/* The spin button's range is the schema's, in whole minutes. */
static void
set_idle_range (InjPreferencesWindow *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) key = NULL;
  g_autoptr(GVariant) range = NULL;
  g_autoptr(GVariant) limits = NULL;
  const char *type;
  guint32 low, high;

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  key = g_settings_schema_get_key (schema, "idle-timeout");
  range = g_settings_schema_key_get_range (key);
  g_variant_get (range, "(&sv)", &type, &limits);
  if (g_strcmp0 (type, "range") != 0)
    return;
  g_variant_get (limits, "(uu)", &low, &high);
  gtk_adjustment_set_lower (self->idle_adjustment,
                            (low + SECONDS_PER_MINUTE - 1) / SECONDS_PER_MINUTE);
  gtk_adjustment_set_upper (self->idle_adjustment, high / SECONDS_PER_MINUTE);
}

/* ---------------------------------------------------------------- object */

static void
inj_preferences_window_constructed (GObject *object)
{
  InjPreferencesWindow *self = INJ_PREFERENCES_WINDOW (object);
  const GSettingsBindFlags get = G_SETTINGS_BIND_GET | G_SETTINGS_BIND_NO_SENSITIVITY;

  G_OBJECT_CLASS (inj_preferences_window_parent_class)->constructed (object);
  if (self->settings == NULL)
    self->settings = g_settings_new (INJ_APPLICATION_ID);

  g_settings_bind (self->settings, "service-url", self->url_row, "text", get);
  g_settings_bind (self->settings, "pkcs11-module", self->module_row, "text", get);
  g_settings_bind_with_mapping (self->settings, "client-credential", self->credential_row,
                                "selected", G_SETTINGS_BIND_DEFAULT,
                                credential_to_selected, selected_to_credential, NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "client-credential", self->cert_row,
                                "sensitive", get, credential_is_file, NULL, NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "client-credential", self->key_row,
                                "sensitive", get, credential_is_file, NULL, NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "start-role", self->start_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, role_to_selected, selected_to_role,
                                NULL, NULL);
  set_idle_range (self);
  g_settings_bind_with_mapping (self->settings, "idle-timeout", self->idle_adjustment, "value",
                                G_SETTINGS_BIND_DEFAULT, seconds_to_minutes, minutes_to_seconds,
                                NULL, NULL);
  g_settings_bind (self->settings, "reveal-personal-data", self->reveal_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_object (self->settings, "changed::service-ca",
                           G_CALLBACK (update_file_rows), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::client-certificate",
                           G_CALLBACK (update_file_rows), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::client-key",
                           G_CALLBACK (update_file_rows), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::trust-anchors",
                           G_CALLBACK (update_anchors), self, G_CONNECT_SWAPPED);
  update_file_rows (self);
  update_anchors (self);
  show_url_problem (self);
}

static void
inj_preferences_window_dispose (GObject *object)
{
  InjPreferencesWindow *self = INJ_PREFERENCES_WINDOW (object);

  if (self->settings)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  /* libadwaita 1.2.2 (Debian 12) keeps the pages of a preferences window
   * alive after it is gone (fixed in 1.2.3 by "preferences-window: Don't
   * leak stack pages in map model"): the bindings must not keep the
   * settings with them. */
  if (self->url_row)
    {
      g_settings_unbind (self->url_row, "text");
      g_settings_unbind (self->module_row, "text");
      g_settings_unbind (self->credential_row, "selected");
      g_settings_unbind (self->start_row, "selected");
      g_settings_unbind (self->start_row, "sensitive");
      g_settings_unbind (self->credential_row, "sensitive"); /* its writability */
      g_settings_unbind (self->cert_row, "sensitive");
      g_settings_unbind (self->key_row, "sensitive");
      g_settings_unbind (self->idle_adjustment, "value");
      g_settings_unbind (self->reveal_switch, "active");
      g_settings_unbind (self->reveal_switch, "sensitive");
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), INJ_TYPE_PREFERENCES_WINDOW);
  G_OBJECT_CLASS (inj_preferences_window_parent_class)->dispose (object);
}

static void
inj_preferences_window_finalize (GObject *object)
{
  InjPreferencesWindow *self = INJ_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (inj_preferences_window_parent_class)->finalize (object);
}

static void
inj_preferences_window_get_property (GObject *object,
                                     guint prop_id,
                                     GValue *value,
                                     GParamSpec *pspec)
{
  InjPreferencesWindow *self = INJ_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inj_preferences_window_set_property (GObject *object,
                                     guint prop_id,
                                     const GValue *value,
                                     GParamSpec *pspec)
{
  InjPreferencesWindow *self = INJ_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_set_object (&self->settings, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inj_preferences_window_class_init (InjPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = inj_preferences_window_constructed;
  object_class->dispose = inj_preferences_window_dispose;
  object_class->finalize = inj_preferences_window_finalize;
  object_class->get_property = inj_preferences_window_get_property;
  object_class->set_property = inj_preferences_window_set_property;

  /* The settings shown and written; NULL for the application's. */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Escape closes it, as a preferences window does. (Not an
   * AdwPreferencesWindow: libadwaita 1.2.2's leaks its pages.) */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  _inj_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ininjo/Ininjo/ui/inj-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, InjPreferencesWindow, url_row);
  gtk_widget_class_bind_template_child (widget_class, InjPreferencesWindow, url_message);
  gtk_widget_class_bind_template_child (widget_class, InjPreferencesWindow, ca_row);
  gtk_widget_class_bind_template_child (widget_class, InjPreferencesWindow, ca_choose_button);
  gtk_widget_class_bind_template_child (widget_class, InjPreferencesWindow, ca_clear_button);
  gtk_widget_class_bind_template_child (widget_class, InjPreferencesWindow, credential_row);
  gtk_widget_class_bind_template_child (widget_class, InjPreferencesWindow, start_row);
  gtk_widget_class_bind_template_child (widget_class, InjPreferencesWindow, cert_row);
  gtk_widget_class_bind_template_child (widget_class, InjPreferencesWindow, key_row);
  gtk_widget_class_bind_template_child (widget_class, InjPreferencesWindow, module_row);
  gtk_widget_class_bind_template_child (widget_class, InjPreferencesWindow, module_message);
  gtk_widget_class_bind_template_child (widget_class, InjPreferencesWindow, anchors_list);
  gtk_widget_class_bind_template_child (widget_class, InjPreferencesWindow, anchor_message);
  gtk_widget_class_bind_template_child (widget_class, InjPreferencesWindow, idle_spin);
  gtk_widget_class_bind_template_child (widget_class, InjPreferencesWindow, idle_adjustment);
  gtk_widget_class_bind_template_child (widget_class, InjPreferencesWindow, reveal_switch);
  gtk_widget_class_bind_template_callback (widget_class, url_applied);
  gtk_widget_class_bind_template_callback (widget_class, url_changed);
  gtk_widget_class_bind_template_callback (widget_class, ca_choose_clicked);
  gtk_widget_class_bind_template_callback (widget_class, ca_clear_clicked);
  gtk_widget_class_bind_template_callback (widget_class, cert_choose_clicked);
  gtk_widget_class_bind_template_callback (widget_class, key_choose_clicked);
  gtk_widget_class_bind_template_callback (widget_class, module_applied);
  gtk_widget_class_bind_template_callback (widget_class, anchor_add_clicked);
}

static void
inj_preferences_window_init (InjPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  inj_ui_set_accessible_label (self->ca_clear_button,
                               _("Clear the service CA file (use the system's CAs)"));
  inj_ui_set_accessible_label (GTK_WIDGET (self->idle_spin), _("Idle timeout in minutes"));
  inj_ui_set_accessible_label (GTK_WIDGET (self->reveal_switch),
                               _("Show personal data by default"));
}

GtkWidget *
inj_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);
  return g_object_new (INJ_TYPE_PREFERENCES_WINDOW, "settings", settings, NULL);
}

GSettings *
inj_preferences_window_get_settings (InjPreferencesWindow *self)
{
  g_return_val_if_fail (INJ_IS_PREFERENCES_WINDOW (self), NULL);
  return self->settings;
}
