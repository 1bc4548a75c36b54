/* inj-settings.c */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "inj-settings.h"

G_DEFINE_QUARK (inj-settings-error-quark, inj_settings_error)

/* Keys whose values are file names: made absolute when given relative. */
static const char *const path_keys[] = {
  "service-ca", "client-certificate", "client-key", "trust-anchors", NULL,
};

static gboolean
is_path_key (const char *key)
{
  return g_strv_contains (path_keys, key);
}

GSettings *
inj_settings_open (GError **error)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source)
    schema = g_settings_schema_source_lookup (source, INJ_SETTINGS_SCHEMA_ID, TRUE);
  if (schema == NULL)
    {
      g_set_error (error, INJ_SETTINGS_ERROR, INJ_SETTINGS_ERROR_NO_SCHEMA,
                   _("The settings schema “%s” is not installed: install Ininjo (meson "
                     "install), or run it from a build tree with GSETTINGS_SCHEMA_DIR set to "
                     "the build's data folder."),
                   INJ_SETTINGS_SCHEMA_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

static GSettingsSchemaKey *
lookup_key (GSettings *settings,
            const char *key,
            GError **error)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  if (key == NULL || !g_settings_schema_has_key (schema, key))
    {
      g_set_error (error, INJ_SETTINGS_ERROR, INJ_SETTINGS_ERROR_UNKNOWN_KEY,
                   _("There is no setting “%s”. “ininjo-cli config list” lists them."),
                   key ? key : "");
      return NULL;
    }
  return g_settings_schema_get_key (schema, key);
}

gboolean
inj_settings_has_key (GSettings *settings,
                      const char *key)
{
  g_autoptr(GSettingsSchemaKey) k = lookup_key (settings, key, NULL);

  return k != NULL;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

char **
inj_settings_list_keys (GSettings *settings)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  char **keys;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  qsort (keys, g_strv_length (keys), sizeof *keys, compare_keys);
  return keys;
}

char *
inj_settings_dup_summary (GSettings *settings,
                          const char *key)
{
  g_autoptr(GSettingsSchemaKey) k = lookup_key (settings, key, NULL);
  const char *summary = k ? g_settings_schema_key_get_summary (k) : NULL;

  return g_strdup (summary ? summary : "");
}

gboolean
inj_settings_is_default (GSettings *settings,
                         const char *key)
{
  g_autoptr(GVariant) user = g_settings_get_user_value (settings, key);

  return user == NULL;
}

char *
inj_settings_get_text (GSettings *settings,
                       const char *key,
                       GError **error)
{
  g_autoptr(GSettingsSchemaKey) k = lookup_key (settings, key, error);
  g_autoptr(GVariant) value = NULL;

  if (k == NULL)
    return NULL;
  value = g_settings_get_value (settings, key);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return g_variant_dup_string (value, NULL);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return g_strdup (g_variant_get_boolean (value) ? "true" : "false");
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
    return g_strdup_printf ("%u", g_variant_get_uint32 (value));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    {
      g_autofree const char **items = g_variant_get_strv (value, NULL);
      return g_strjoinv ("\n", (char **) items);
    }
  return g_variant_print (value, FALSE);
}

gboolean
inj_settings_check_service_url (const char *url,
                                GError **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *path;

  if (url == NULL || *url == '\0')
    return TRUE;
  if (!g_str_has_prefix (url, "https://"))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Only https:// addresses are accepted: Ininjo talks to the service "
                             "over HTTPS only. Type an address that starts with https://, or "
                             "leave it empty for the built-in service."));
      return FALSE;
    }
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  path = uri ? g_uri_get_path (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0'
      || g_uri_get_userinfo (uri) != NULL || g_uri_get_query (uri) != NULL
      || g_uri_get_fragment (uri) != NULL || (path && *path && strcmp (path, "/") != 0)
      || strpbrk (url, " \t\r\n") != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The address must be of the form https://host or "
                             "https://host:port, with nothing after it."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_boolean (const char *text,
               gboolean *out)
{
  static const char *const yes[] = { "true", "yes", "on", "1", NULL };
  static const char *const no[] = { "false", "no", "off", "0", NULL };
  g_autofree char *lower = g_ascii_strdown (text, -1);

  *out = g_strv_contains (yes, lower);
  return *out || g_strv_contains (no, lower);
}

static char *
absolute_path (const char *key,
               const char *text)
{
  if (is_path_key (key) && *text != '\0' && !g_path_is_absolute (text))
    return g_canonicalize_filename (text, NULL);
  return g_strdup (text);
}

/* What the key accepts, for the error message: its choices or its range. */
static char *
describe_range (GSettingsSchemaKey *k)
{
  g_autoptr(GVariant) range = g_settings_schema_key_get_range (k);
  const char *kind = NULL;
  g_autoptr(GVariant) detail = NULL;

  g_variant_get (range, "(&sv)", &kind, &detail);
  if (g_str_equal (kind, "enum") && g_variant_is_of_type (detail, G_VARIANT_TYPE_STRING_ARRAY))
    {
      g_autofree const char **choices = g_variant_get_strv (detail, NULL);
      g_autofree char *list = g_strjoinv (", ", (char **) choices);
      return g_strdup_printf (_("Choose one of: %s."), list);
    }
  if (g_str_equal (kind, "range") && g_variant_is_of_type (detail, G_VARIANT_TYPE ("(uu)")))
    {
      guint32 lo, hi;
      g_variant_get (detail, "(uu)", &lo, &hi);
      return g_strdup_printf (_("Give a number from %u to %u."), lo, hi);
    }
  return g_strdup ("");
}

static GVariant *
parse_value (GSettingsSchemaKey *k,
             const char *key,
             const char *const *values,
             GError **error)
{
  const GVariantType *type = g_settings_schema_key_get_value_type (k);
  guint n = values ? g_strv_length ((char **) values) : 0;
  const char *text = n > 0 ? values[0] : NULL;

  if (g_variant_type_equal (type, G_VARIANT_TYPE_STRING_ARRAY))
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
      if (n == 0)
        goto one_value;
      for (guint i = 0; i < n && !(n == 1 && *values[0] == '\0'); i++)
        g_ptr_array_add (items, absolute_path (key, values[i]));
      return g_variant_new_strv ((const char *const *) items->pdata, items->len);
    }
  if (n != 1)
    goto one_value;
  if (g_variant_type_equal (type, G_VARIANT_TYPE_STRING))
    {
      g_autofree char *value = absolute_path (key, text);
      if (g_str_equal (key, "service-url") && !inj_settings_check_service_url (value, error))
        return NULL;
      return g_variant_new_string (value);
    }
  if (g_variant_type_equal (type, G_VARIANT_TYPE_BOOLEAN))
    {
      gboolean b;
      if (!parse_boolean (text, &b))
        {
          g_set_error (error, INJ_SETTINGS_ERROR, INJ_SETTINGS_ERROR_INVALID,
                       _("“%s” is not a value of %s: give true or false."), text, key);
          return NULL;
        }
      return g_variant_new_boolean (b);
    }
  if (g_variant_type_equal (type, G_VARIANT_TYPE_UINT32))
    {
      guint64 u;
      if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &u, NULL))
        {
          g_autofree char *range = describe_range (k);
          g_set_error (error, INJ_SETTINGS_ERROR, INJ_SETTINGS_ERROR_INVALID,
                       _("“%s” is not a value of %s: give a whole number. %s"), text, key, range);
          return NULL;
        }
      return g_variant_new_uint32 ((guint32) u);
    }
  g_set_error (error, INJ_SETTINGS_ERROR, INJ_SETTINGS_ERROR_INVALID,
               _("The setting %s cannot be set from text."), key);
  return NULL;

one_value:
  g_set_error (error, INJ_SETTINGS_ERROR, INJ_SETTINGS_ERROR_INVALID,
               _("The setting %s takes one value."), key);
  return NULL;
}

gboolean
inj_settings_set_text (GSettings *settings,
                       const char *key,
                       const char *const *values,
                       GError **error)
{
  g_autoptr(GSettingsSchemaKey) k = lookup_key (settings, key, error);
  g_autoptr(GVariant) value = NULL;

  if (k == NULL)
    return FALSE;
  value = parse_value (k, key, values, error);
  if (value == NULL)
    return FALSE;
  g_variant_ref_sink (value);
  if (!g_settings_schema_key_range_check (k, value))
    {
      g_autofree char *range = describe_range (k);
      g_autofree char *shown = g_variant_print (value, FALSE);
      g_set_error (error, INJ_SETTINGS_ERROR, INJ_SETTINGS_ERROR_INVALID,
                   _("%s is not a value of %s. %s"), shown, key, range);
      return FALSE;
    }
  if (!g_settings_is_writable (settings, key) || !g_settings_set_value (settings, key, value))
    {
      g_set_error (error, INJ_SETTINGS_ERROR, INJ_SETTINGS_ERROR_NOT_WRITABLE,
                   _("The setting %s cannot be changed here (it is locked)."), key);
      return FALSE;
    }
  g_settings_sync ();
  return TRUE;
}

/* ---------------------------------------------------------- the old ini */

char *
inj_settings_dup_legacy_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "ininjo", "ininjo.ini", NULL);
}

/* What ininjo-cli read from ininjo.ini, and where each went. */
static const struct {
  const char *group;
  const char *name;
  const char *key;
} legacy_keys[] = {
  { "service", "url", "service-url" },
  { "service", "ca", "service-ca" },
  { "client", "certificate", "client-certificate" },
  { "client", "key", "client-key" },
  { "client", "reader", "card-reader" },
};

static void
say (GPtrArray *report,
     char *sentence)
{
  g_info ("%s", sentence);
  g_ptr_array_add (report, sentence);
}

static const char *
legacy_key_for (const char *group,
                const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (legacy_keys); i++)
    if (g_str_equal (legacy_keys[i].group, group) && g_str_equal (legacy_keys[i].name, name))
      return legacy_keys[i].key;
  return NULL;
}

/* One value of the file: imported, kept, or reported as not valid.
 * Returns whether it was imported. */
static gboolean
import_one (GSettings *settings,
            GKeyFile *kf,
            const char *group,
            const char *name,
            const char *key,
            GPtrArray *report)
{
  g_autofree char *item = g_strdup_printf ("[%s] %s", group, name);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = g_key_file_get_string (kf, group, name, &error);
  const char *values[] = { value, NULL };

  if (!inj_settings_is_default (settings, key))
    {
      g_autofree char *current = inj_settings_get_text (settings, key, NULL);
      say (report, g_strdup_printf (_("%s: not imported, the setting %s is already set (%s)."),
                                    item, key, current));
      return FALSE;
    }
  if (value != NULL)
    {
      g_strstrip (value);
      if (*value == '\0')
        g_set_error_literal (&error, INJ_SETTINGS_ERROR, INJ_SETTINGS_ERROR_INVALID,
                             _("the value is empty"));
      else if (is_path_key (key) && !g_path_is_absolute (value))
        g_set_error_literal (&error, INJ_SETTINGS_ERROR, INJ_SETTINGS_ERROR_INVALID,
                             _("a file must be given by its absolute path"));
    }
  if (error == NULL)
    inj_settings_set_text (settings, key, values, &error);
  if (error != NULL)
    {
      say (report, g_strdup_printf (_("%s: not imported, the value is not valid: %s"),
                                    item, error->message));
      return FALSE;
    }
  say (report, g_strdup_printf (_("%s: imported as %s = %s"), item, key, value));
  return TRUE;
}

GPtrArray *
inj_settings_import_legacy (GSettings *settings,
                            const char *path)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) report = NULL;
  g_auto(GStrv) groups = NULL;
  g_autofree char *done = NULL;
  gboolean cert = FALSE, key = FALSE;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  report = g_ptr_array_new_with_free_func (g_free);
  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, &error))
    {
      /* Left in place, to be mended: nothing of it is imported. */
      say (report, g_strdup_printf (_("%s cannot be read, nothing of it was imported: %s"),
                                    path, error->message));
      return g_steal_pointer (&report);
    }
  say (report, g_strdup_printf (_("Importing %s into the settings that ininjo-cli and the "
                                  "window share (GSettings %s):"),
                                path, INJ_SETTINGS_SCHEMA_ID));
  groups = g_key_file_get_groups (kf, NULL);
  for (guint g = 0; groups[g]; g++)
    {
      g_auto(GStrv) names = g_key_file_get_keys (kf, groups[g], NULL, NULL);
      for (guint i = 0; names && names[i]; i++)
        {
          const char *target = legacy_key_for (groups[g], names[i]);
          gboolean imported;

          if (target == NULL)
            {
              say (report, g_strdup_printf (_("[%s] %s: not imported, Ininjo has no such "
                                              "setting."), groups[g], names[i]));
              continue;
            }
          imported = import_one (settings, kf, groups[g], names[i], target, report);
          cert |= imported && g_str_equal (target, "client-certificate");
          key |= imported && g_str_equal (target, "client-key");
        }
    }
  /* ininjo-cli used a certificate file whenever the file named both. */
  if (cert && key && inj_settings_is_default (settings, "client-credential"))
    {
      const char *file[] = { "file", NULL };
      if (inj_settings_set_text (settings, "client-credential", file, NULL))
        say (report, g_strdup (_("client-credential = file: the client certificate and key "
                                 "are used instead of the card, as ininjo-cli did.")));
    }
  done = g_strconcat (path, ".imported", NULL);
  if (g_rename (path, done) != 0)
    {
      int saved = errno;
      say (report, g_strdup_printf (_("%s could not be renamed (%s): it will be read again, "
                                      "for the settings still unset."),
                                    path, g_strerror (saved)));
    }
  else
    say (report, g_strdup_printf (_("The file is now %s and is not read again. "
                                    "“ininjo-cli config set KEY VALUE” changes a setting."),
                                  done));
  return g_steal_pointer (&report);
}
