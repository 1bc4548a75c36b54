/* test-service-support.c */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "inj-app.h"
#include "test-service-support.h"
#include "test-ui-support.h"

static char *data_home;

void
test_data_home_init (void)
{
  g_autoptr(GError) error = NULL;

  data_home = g_dir_make_tmp ("ininjo-ui-data-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
}

void
test_data_home_clear (void)
{
  g_autofree char *dir = g_build_filename (data_home, "ininjo", NULL);

  g_assert_true (g_str_has_prefix (g_get_user_data_dir (), data_home));
  test_ui_rmtree (dir);
}

void
test_data_home_cleanup (void)
{
  if (g_getenv ("INJ_TEST_KEEP") == NULL)
    test_ui_rmtree (data_home);
  g_clear_pointer (&data_home, g_free);
}

void
test_settings_for_service (GSettings *settings,
                           TestService *svc,
                           gboolean card)
{
  g_autofree char *ca = test_pki_path ("service-ca.pem");
  g_autofree char *cert = test_pki_path ("client.pem");
  g_autofree char *key = test_pki_path ("client.key");
  g_autofree char *anchor = test_personas_path ("ca/sign-ca.pem");
  const char *anchors[] = { anchor, NULL };

  g_assert_true (g_settings_set_string (settings, "service-url", svc->url));
  g_assert_true (g_settings_set_string (settings, "service-ca", ca));
  g_assert_true (g_settings_set_string (settings, "client-credential", card ? "card" : "file"));
  g_assert_true (g_settings_set_string (settings, "client-certificate", card ? "" : cert));
  g_assert_true (g_settings_set_string (settings, "client-key", card ? "" : key));
  g_assert_true (g_settings_set_strv (settings, "trust-anchors", anchors));
}

static GBytes *
read_bytes (const char *dir,
            const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, length);
}

char *
test_outbox_package (const char *const *args,
                     char **dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *work = g_dir_make_tmp ("ininjo-ui-package-XXXXXX", &error);
  g_autofree char *personas = test_personas_path (".");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GBytes) delegation = NULL;
  g_autoptr(GBytes) submission = NULL;
  g_autofree char *stored = NULL;
  const char *make = g_getenv ("INJ_TEST_MAKE_PACKAGE");
  int status = -1;

  g_assert_no_error (error);
  g_assert_nonnull (make);
  g_ptr_array_add (argv, (gpointer) make);
  g_ptr_array_add (argv, work);
  g_ptr_array_add (argv, personas);
  for (guint i = 0; args && args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("make-package failed: %s", err);
  g_strstrip (out);

  delegation = read_bytes (work, "delegation.xml");
  submission = read_bytes (work, "agent-submission.xml");
  test_ui_rmtree (work);
  stored = inj_outbox_store (out, delegation, submission, &error);
  g_assert_no_error (error);
  if (dir)
    *dir = g_steal_pointer (&stored);
  return g_steal_pointer (&out);
}

guint
test_service_rows (TestService *svc,
                   const char *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM receipts WHERE delegation_id='%s';",
                                          id);
  const char *argv[] = { "sqlite3", svc->db, sql, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return (guint) g_ascii_strtoull (out, NULL, 10);
}

/* The principal the service stored @id under: the SHA-256 of the client
 * certificate of the connection that registered it (hex). */
char *
test_service_principal (TestService *svc,
                        const char *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT principal FROM receipts WHERE delegation_id='%s';",
                                          id);
  const char *argv[] = { "sqlite3", svc->db, sql, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_strstrip (g_steal_pointer (&out));
}

char *
test_package_value (const char *folder,
                    const char *id,
                    const char *key)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "ininjo", folder, id,
                                            "package.ini", NULL);
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GBytes) data = inj_vault_read_file (path, "package.ini", NULL); /* encrypted or not */

  if (data == NULL ||
      !g_key_file_load_from_data (kf, g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                                  G_KEY_FILE_NONE, NULL))
    return NULL;
  return g_key_file_get_string (kf, "package", key, NULL);
}

char *
test_persona_ini (const char *persona,
                  const char *group,
                  const char *key)
{
  g_autofree char *relative = g_build_filename ("personas", persona, "persona.ini", NULL);
  g_autofree char *path = test_personas_path (relative);
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  char *value;

  g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  value = g_key_file_get_string (kf, group, key, &error);
  g_assert_no_error (error);
  return value;
}

/* ---------------------------------------------------------------- PIN */

struct _TestPinInteraction {
  GTlsInteraction parent_instance;
  char *password;
  char *sign_password;   /* NULL: @password for every question */
  guint asked;
};

G_DEFINE_FINAL_TYPE (TestPinInteraction, test_pin_interaction, G_TYPE_TLS_INTERACTION)

static GTlsInteractionResult
test_pin_ask_password (GTlsInteraction *interaction,
                       GTlsPassword *password,
                       GCancellable *cancellable,
                       GError **error)
{
  TestPinInteraction *self = TEST_PIN_INTERACTION (interaction);

  /* GLib runs the question in the main context, as with the dialog */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  self->asked++;
  {
    InjPinKind kind = INJ_PIN_AUTH;
    gboolean known = inj_tls_password_get_pin_kind (password, &kind);
    const char *answer = self->sign_password && known && kind != INJ_PIN_AUTH
                           ? self->sign_password : self->password;

    g_tls_password_set_value (password, (const guchar *) answer, -1);
  }
  return G_TLS_INTERACTION_HANDLED;
}

static void
test_pin_interaction_finalize (GObject *object)
{
  g_free (TEST_PIN_INTERACTION (object)->password);
  g_free (TEST_PIN_INTERACTION (object)->sign_password);
  G_OBJECT_CLASS (test_pin_interaction_parent_class)->finalize (object);
}

static void
test_pin_interaction_class_init (TestPinInteractionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_pin_interaction_finalize;
  G_TLS_INTERACTION_CLASS (klass)->ask_password = test_pin_ask_password;
}

static void
test_pin_interaction_init (TestPinInteraction *self)
{
}

TestPinInteraction *
test_pin_interaction_new (const char *password)
{
  TestPinInteraction *self = g_object_new (TEST_TYPE_PIN_INTERACTION, NULL);

  self->password = g_strdup (password);
  return self;
}

guint
test_pin_interaction_asked (TestPinInteraction *self)
{
  return self->asked;
}

/* ---------------------------------------------------------------- waiting */

typedef struct {
  GObject *object;
  const char *name;
  int value;
} Watch;

static int
property_value (GObject *object,
                const char *name)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), name);
  int i = 0;
  gboolean b = FALSE;

  g_assert_nonnull (pspec);
  if (pspec->value_type == G_TYPE_BOOLEAN)
    {
      g_object_get (object, name, &b, NULL);
      return b;
    }
  g_object_get (object, name, &i, NULL);
  return i;
}

static gboolean
differs (gpointer data)
{
  Watch *w = data;
  return property_value (w->object, w->name) != w->value;
}

gboolean
test_wait_property_not (gpointer object,
                        const char *name,
                        int value,
                        guint timeout_ms)
{
  Watch w = { object, name, value };

  return test_ui_wait_until (differs, &w, timeout_ms);
}

void
test_pin_interaction_set_passwords (TestPinInteraction *self,
                                    const char *auth_pin,
                                    const char *sign_password)
{
  g_free (self->password);
  self->password = g_strdup (auth_pin);
  g_free (self->sign_password);
  self->sign_password = g_strdup (sign_password);
}
