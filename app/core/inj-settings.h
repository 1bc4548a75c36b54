/* inj-settings.h: the one store of Ininjo's settings, GSettings schema
 * io.github.ininjo.Ininjo, for the window and ininjo-cli alike.
 *
 * Opened through the schema source, so that a missing schema is an error
 * that names it, not GLib's abort. Values are read and written as text
 * with the schema's type, range and choices (ininjo-cli config). The old
 * $XDG_CONFIG_HOME/ininjo/ininjo.ini of ininjo-cli is imported once.
 * No secret is ever a setting: PINs and passwords have no key. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define INJ_SETTINGS_SCHEMA_ID "io.github.ininjo.Ininjo"

/* Where the system keeps the CAs it trusts (Debian's ca-certificates): what
 * an empty service-ca means. */
#define INJ_SETTINGS_SYSTEM_CA_FILE "/etc/ssl/certs/ca-certificates.crt"

#define INJ_SETTINGS_ERROR (inj_settings_error_quark ())
GQuark inj_settings_error_quark (void);

typedef enum {
  INJ_SETTINGS_ERROR_NO_SCHEMA,    /* the schema is not installed */
  INJ_SETTINGS_ERROR_UNKNOWN_KEY,
  INJ_SETTINGS_ERROR_INVALID,      /* the text is not a value of the key */
  INJ_SETTINGS_ERROR_NOT_WRITABLE,
} InjSettingsError;

GSettings *inj_settings_open          (GError **error);

/* The keys, sorted; the key's one-line summary (translated). */
char     **inj_settings_list_keys     (GSettings *settings);
char      *inj_settings_dup_summary   (GSettings *settings,
                                       const char *key);
gboolean   inj_settings_has_key       (GSettings *settings,
                                       const char *key);
/* Whether @key has no value of the user's (its default applies). */
gboolean   inj_settings_is_default    (GSettings *settings,
                                       const char *key);

/* A value as text: strings as they are, booleans true/false, numbers in
 * decimal, string arrays one element per line. */
char      *inj_settings_get_text      (GSettings *settings,
                                       const char *key,
                                       GError **error);
/* Parses @values (one text; several for a string array, where a single
 * empty text is the empty list) as @key's type and writes it. Relative
 * paths are made absolute against the current folder. */
gboolean   inj_settings_set_text      (GSettings *settings,
                                       const char *key,
                                       const char *const *values,
                                       GError **error);

/* The service address rule of the settings: https://host[:port] or empty
 * (the built-in service). */
gboolean   inj_settings_check_service_url (const char *url,
                                           GError **error);

/* The old ini file of ininjo-cli: $XDG_CONFIG_HOME/ininjo/ininjo.ini. */
char      *inj_settings_dup_legacy_path   (void);

/* Imports @path into @settings: each value the user has not set already,
 * checked like `ininjo-cli config set`; then renames the file to
 * PATH.imported so that it is imported once. Returns what it did, one
 * translated sentence each (also written to the log), or NULL when there
 * is no such file. */
GPtrArray *inj_settings_import_legacy     (GSettings *settings,
                                           const char *path);

G_END_DECLS
