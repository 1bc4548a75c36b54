/* net-support.c */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <glib/gstdio.h>

#include "net-support.h"

static const char *
need_env (const char *name)
{
  const char *value = g_getenv (name);

  if (value == NULL)
    g_error ("%s is not set: run this test through meson", name);
  return value;
}

char *
test_pki_path (const char *file)
{
  return g_build_filename (need_env ("INJ_TEST_SERVICE_PKI"), file, NULL);
}

char *
test_personas_path (const char *relative)
{
  return g_build_filename (need_env ("INJ_TEST_PERSONAS"), relative, NULL);
}

static void
rm_rf (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        rm_rf (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static void
dump_log (const char *path)
{
  g_autofree char *text = NULL;

  if (g_file_get_contents (path, &text, NULL, NULL))
    g_printerr ("---- %s\n%s----\n", path, text);
}

/* A test that fails ends by abort(): the servers it started must not
 * outlive it. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* ---------------------------------------------------------------- ininjo-service */

/* Issue 16: the service answers only an account's certificates. Every
 * service a test starts has its accounts registered as the operator's web
 * page does it (--account: a persona's signed AccountRegistration and the
 * certificate bound to it, confirmed): the service PKI's client.pem as
 * the representative's, and the authentication certificate of each
 * persona whose card uploads, as that persona's own account (one account
 * per certificate, as the principal was before). The statements are
 * signed once per test program. A test about the account itself passes
 * --confirm-accounts and gets a service with no account. */
static const char *const account_personas[] = {
  "representative", "representative-2019", "proprietor", "agent-zeirishi", "agent-bengoshi", NULL
};
static char *accounts_dir;

static void
accounts_cleanup (void)
{
  if (accounts_dir)
    rm_rf (accounts_dir);
}

static char *
account_statement (const char *persona,
                   const char *file)
{
  g_autofree char *personas = test_personas_path (".");
  g_autofree char *path = g_build_filename (accounts_dir, file, NULL);
  const char *argv[] = { need_env ("INJ_TEST_MAKE_ACCOUNT"), personas, persona, "registration", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("make-account %s failed: %s", persona, err);
  g_file_set_contents (path, out, -1, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static void
add_account_args (GPtrArray *argv)
{
  static GPtrArray *specs;

  if (specs == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *client = test_pki_path ("client.pem");
      g_autofree char *statement = NULL;

      accounts_dir = g_dir_make_tmp ("inj-net-accounts-XXXXXX", &error);
      g_assert_no_error (error);
      atexit (accounts_cleanup);
      specs = g_ptr_array_new_with_free_func (g_free);
      statement = account_statement ("representative", "client.xml");
      g_ptr_array_add (specs, g_strconcat (statement, ":", client, NULL));
      for (guint i = 0; account_personas[i]; i++)
        {
          g_autofree char *file = g_strconcat (account_personas[i], ".xml", NULL);
          g_autofree char *relative = g_build_filename ("personas", account_personas[i],
                                                        "auth-cert.der", NULL);
          g_autofree char *cert = test_personas_path (relative);
          g_autofree char *st = account_statement (account_personas[i], file);
          g_ptr_array_add (specs, g_strconcat (st, ":", cert, NULL));
        }
    }
  for (guint i = 0; i < specs->len; i++)
    {
      g_ptr_array_add (argv, g_strdup ("--account"));
      g_ptr_array_add (argv, g_strdup (specs->pdata[i]));
    }
}

static void
service_spawn (TestService *svc,
               const char *const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *ready = g_build_filename (svc->dir, "ready", NULL);
  g_autofree char *log = g_build_filename (svc->dir, "service.log", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GKeyFile) kf = g_key_file_new ();

  g_unlink (ready);
  g_ptr_array_add (argv, g_strdup (need_env ("INJ_TEST_SERVICE")));
  g_ptr_array_add (argv, g_strdup ("--pki"));
  g_ptr_array_add (argv, g_strdup (need_env ("INJ_TEST_SERVICE_PKI")));
  if (!svc->without_card_ca)
    {
      g_ptr_array_add (argv, g_strdup ("--client-ca"));
      g_ptr_array_add (argv, test_personas_path ("ca/auth-ca.pem"));
    }
  g_ptr_array_add (argv, g_strdup ("--trust"));
  g_ptr_array_add (argv, test_personas_path ("ca/sign-ca.pem"));
  /* a restart keeps its port: clients keep their address */
  g_ptr_array_add (argv, g_strdup ("--port"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", svc->port));
  g_ptr_array_add (argv, g_strdup ("--db"));
  g_ptr_array_add (argv, g_strdup (svc->db));
  g_ptr_array_add (argv, g_strdup ("--ready-file"));
  g_ptr_array_add (argv, g_strdup (ready));
  for (guint i = 0; args && args[i]; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  if (!args || !g_strv_contains (args, "--confirm-accounts"))
    add_account_args (argv);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_set_stdout_file_path (launcher, log);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  svc->process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);

  for (int i = 0; i < 1000 && !g_file_test (ready, G_FILE_TEST_EXISTS); i++)
    {
      /* no identifier any more: it exited */
      if (g_subprocess_get_identifier (svc->process) == NULL)
        break;
      g_usleep (10 * 1000);
    }
  if (!g_key_file_load_from_file (kf, ready, G_KEY_FILE_NONE, NULL))
    {
      dump_log (log);
      g_error ("ininjo-service did not start");
    }
  svc->port = (guint) g_key_file_get_integer (kf, "service", "port", NULL);
  svc->front_port = (guint) g_key_file_get_integer (kf, "service", "front-end-port", NULL);
  g_free (svc->url);
  svc->url = g_strdup_printf ("https://localhost:%u", svc->port);
}

static TestService *
service_start (const char *const *args,
               gboolean card_ca)
{
  TestService *svc = g_new0 (TestService, 1);
  g_autoptr(GError) error = NULL;

  svc->without_card_ca = !card_ca;
  svc->dir = g_dir_make_tmp ("inj-net-service-XXXXXX", &error);
  g_assert_no_error (error);
  svc->db = g_build_filename (svc->dir, "service.db", NULL);
  service_spawn (svc, args);
  return svc;
}

TestService *
test_service_start (const char *const *args)
{
  return service_start (args, TRUE);
}

TestService *
test_service_start_without_card_ca (const char *const *args)
{
  return service_start (args, FALSE);
}

static void
service_kill (TestService *svc)
{
  if (svc->process == NULL)
    return;
  g_subprocess_send_signal (svc->process, SIGTERM);
  g_subprocess_wait (svc->process, NULL, NULL);
  g_clear_object (&svc->process);
}

void
test_service_restart (TestService *svc,
                      const char *const *args)
{
  service_kill (svc);
  service_spawn (svc, args);
}

void
test_service_stop (TestService *svc)
{
  if (svc == NULL)
    return;
  service_kill (svc);
  if (g_getenv ("INJ_TEST_KEEP") == NULL)
    rm_rf (svc->dir);
  else
    g_printerr ("# service files kept in %s\n", svc->dir);
  g_free (svc->dir);
  g_free (svc->db);
  g_free (svc->url);
  g_free (svc);
}

/* ---------------------------------------------------------------- openssl s_server */

static guint
free_port (void)
{
  g_autoptr(GSocket) sock = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                          G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (sock, any, TRUE, NULL));
  bound = g_socket_get_local_address (sock, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static gboolean
port_open (guint port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) conn = NULL;

  conn = g_socket_client_connect_to_host (client, "127.0.0.1", (guint16) port, NULL, NULL);
  return conn != NULL;
}

TestRawServer *
test_raw_server_start (const char *cert,
                       const char *key,
                       const char *const *args)
{
  TestRawServer *raw = g_new0 (TestRawServer, 1);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *log = NULL;

  raw->dir = g_dir_make_tmp ("inj-net-raw-XXXXXX", &error);
  g_assert_no_error (error);
  log = g_build_filename (raw->dir, "s_server.log", NULL);
  raw->port = free_port ();
  raw->url = g_strdup_printf ("https://localhost:%u", raw->port);

  g_ptr_array_add (argv, g_strdup ("openssl"));
  g_ptr_array_add (argv, g_strdup ("s_server"));
  g_ptr_array_add (argv, g_strdup ("-HTTP"));
  g_ptr_array_add (argv, g_strdup ("-quiet"));
  g_ptr_array_add (argv, g_strdup ("-accept"));
  g_ptr_array_add (argv, g_strdup_printf ("127.0.0.1:%u", raw->port));
  g_ptr_array_add (argv, g_strdup ("-cert"));
  g_ptr_array_add (argv, test_pki_path (cert));
  g_ptr_array_add (argv, g_strdup ("-key"));
  g_ptr_array_add (argv, test_pki_path (key));
  g_ptr_array_add (argv, g_strdup ("-Verify"));
  g_ptr_array_add (argv, g_strdup ("1"));
  g_ptr_array_add (argv, g_strdup ("-verify_return_error"));
  g_ptr_array_add (argv, g_strdup ("-CAfile"));
  g_ptr_array_add (argv, test_pki_path ("client-ca.pem"));
  for (guint i = 0; args && args[i]; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_cwd (launcher, raw->dir);
  g_subprocess_launcher_set_stdout_file_path (launcher, log);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  raw->process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata,
                                               &error);
  g_assert_no_error (error);
  for (int i = 0; i < 500 && !port_open (raw->port); i++)
    {
      if (g_subprocess_get_identifier (raw->process) == NULL)
        {
          dump_log (log);
          g_error ("openssl s_server did not start");
        }
      g_usleep (10 * 1000);
    }
  return raw;
}

void
test_raw_server_answer (TestRawServer *raw,
                        const char *path,
                        const char *response)
{
  g_autofree char *file = g_build_filename (raw->dir, path, NULL);
  g_autofree char *dir = g_path_get_dirname (file);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (file, response, -1, NULL));
}

void
test_raw_server_stop (TestRawServer *raw)
{
  if (raw == NULL)
    return;
  g_subprocess_send_signal (raw->process, SIGTERM);
  g_subprocess_wait (raw->process, NULL, NULL);
  g_object_unref (raw->process);
  rm_rf (raw->dir);
  g_free (raw->dir);
  g_free (raw->url);
  g_free (raw);
}

/* ---------------------------------------------------------------- nginx in front */

guint
test_free_port (void)
{
  return free_port ();
}

static void
show_file (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *text = NULL;

  if (g_file_get_contents (path, &text, NULL, NULL))
    g_printerr ("# %s:\n%s\n", name, text);
}

/* nginx in front of @upstream (the service's --front-end-port, or a port
 * where nothing listens), accepting client certificates of @cas (files of
 * the service's PKI or the personas' CAs, as one bundle); @args are more
 * front-end.sh options. */
TestFront *
test_front_start (guint upstream,
             const char *const *cas,
             const char *const *args)
{
  TestFront *front = g_new0 (TestFront, 1);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *log = NULL;

  front->dir = g_dir_make_tmp ("inj-net-front-XXXXXX", &error);
  g_assert_no_error (error);
  log = g_build_filename (front->dir, "front-end.log", NULL);
  front->port = free_port ();
  front->url = g_strdup_printf ("https://localhost:%u", front->port);
  g_ptr_array_add (argv, g_strdup ("bash"));
  g_ptr_array_add (argv, g_strdup (need_env ("INJ_TEST_FRONT_END")));
  g_ptr_array_add (argv, g_strdup (front->dir));
  g_ptr_array_add (argv, g_strdup ("--listen"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", front->port));
  g_ptr_array_add (argv, g_strdup ("--upstream"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", upstream));
  g_ptr_array_add (argv, g_strdup ("--cert"));
  g_ptr_array_add (argv, test_pki_path ("server.pem"));
  g_ptr_array_add (argv, g_strdup ("--key"));
  g_ptr_array_add (argv, test_pki_path ("server.key"));
  g_ptr_array_add (argv, g_strdup ("--header"));
  g_ptr_array_add (argv, g_strdup (TEST_FRONT_HEADER));
  for (guint i = 0; cas[i]; i++)
    {
      g_ptr_array_add (argv, g_strdup ("--client-ca"));
      g_ptr_array_add (argv, g_path_is_absolute (cas[i]) ? g_strdup (cas[i])
                             : g_str_has_prefix (cas[i], "ca/") ? test_personas_path (cas[i])
                             : test_pki_path (cas[i]));
    }
  for (guint i = 0; args && args[i]; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_set_stdout_file_path (launcher, log);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  front->process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata,
                                                 &error);
  g_assert_no_error (error);
  for (int i = 0; i < 500 && !port_open (front->port); i++)
    {
      if (g_subprocess_get_identifier (front->process) == NULL)
        {
          show_file (front->dir, "front-end.log");
          show_file (front->dir, "error.log");
          g_error ("nginx did not start (front-end.sh)");
        }
      g_usleep (10 * 1000);
    }
  g_assert_true (port_open (front->port));
  return front;
}

void
test_front_stop (TestFront *front)
{
  g_autofree char *pid = NULL;

  if (front == NULL)
    return;
  g_subprocess_send_signal (front->process, SIGTERM);
  g_subprocess_wait (front->process, NULL, NULL);
  g_object_unref (front->process);
  if (g_test_failed () || g_getenv ("INJ_TEST_KEEP"))
    show_file (front->dir, "error.log");
  /* nginx removes its pid file when it stops: it stopped */
  pid = g_build_filename (front->dir, "nginx.pid", NULL);
  g_assert_false (g_file_test (pid, G_FILE_TEST_EXISTS));
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", front->dir);
    g_assert_cmpint (system (cmd), ==, 0);
  }
  g_free (front->dir);
  g_free (front->url);
  g_free (front);
}

/* ininjo-service behind the front end: its header trusted on its own
 * loopback listener. */
TestService *
test_service_start_behind (const char *const *more)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) args = NULL;

  g_strv_builder_add_many (b, "--front-end-port", "0", "--front-end-header", TEST_FRONT_HEADER, NULL);
  if (more)
    g_strv_builder_addv (b, (const char **) more);
  args = g_strv_builder_end (b);
  return test_service_start ((const char *const *) args);
}

/* ---------------------------------------------------------------- clients and packages */

InjServiceConfig
test_config_files (const char *url,
                   const char *client)
{
  InjServiceConfig config = { 0 };
  g_autofree char *cert = g_strconcat (client, ".pem", NULL);
  g_autofree char *key = g_strconcat (client, ".key", NULL);

  config.base_url = g_strdup (url);
  config.service_ca = test_pki_path ("service-ca.pem");
  config.key_kind = INJ_CLIENT_KEY_FILE;
  config.client_certificate = test_pki_path (cert);
  config.client_key = test_pki_path (key);
  config.connect_timeout_s = 5;
  config.timeout_s = 20;
  return config;
}

char *
test_make_package (GBytes **delegation,
                   GBytes **submission,
                   const char *supersedes)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("inj-net-package-XXXXXX", &error);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *d_path = NULL;
  g_autofree char *s_path = NULL;
  g_autofree char *personas = test_personas_path (".");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  char *text = NULL;
  gsize length = 0;
  int status = -1;

  g_assert_no_error (error);
  g_ptr_array_add (argv, (gpointer) need_env ("INJ_TEST_MAKE_PACKAGE"));
  g_ptr_array_add (argv, dir);
  g_ptr_array_add (argv, personas);
  if (supersedes)
    {
      g_ptr_array_add (argv, "--supersedes");
      g_ptr_array_add (argv, (gpointer) supersedes);
    }
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("make-package failed: %s", err);

  d_path = g_build_filename (dir, "delegation.xml", NULL);
  s_path = g_build_filename (dir, "agent-submission.xml", NULL);
  g_assert_true (g_file_get_contents (d_path, &text, &length, NULL));
  *delegation = g_bytes_new_take (text, length);
  g_assert_true (g_file_get_contents (s_path, &text, &length, NULL));
  *submission = g_bytes_new_take (text, length);
  rm_rf (dir);
  return g_strstrip (g_steal_pointer (&out));
}

char *
test_uuid (void)
{
  return g_uuid_string_random ();
}

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
test_wait_flag (gboolean *done,
                guint timeout_ms)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add (timeout_ms, on_timeout, &expired);

  while (!*done && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (id);
  return *done;
}

InjServiceClient *
test_client_for (const char *url,
                 const char *client,
                 guint timeout_s,
                 guint max_attempts)
{
  g_auto(InjServiceConfig) config = test_config_files (url, client);
  g_autoptr(GError) error = NULL;
  InjServiceClient *c;

  if (timeout_s)
    config.timeout_s = timeout_s;
  config.max_attempts = max_attempts;
  c = inj_service_client_new (&config, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (c);
  return c;
}

void
test_assert_net_error (const GError *error,
                       InjNetError code)
{
  g_assert_nonnull (error);
  if (!g_error_matches (error, INJ_NET_ERROR, code))
    g_error ("expected INJ_NET_ERROR %d, got %s %d: %s", code,
             g_quark_to_string (error->domain), error->code, error->message);
  g_test_message ("%s", error->message);
}

static JsonArray *
list_items (InjServiceClient *c,
            JsonObject **list)
{
  g_autoptr(GError) error = NULL;

  *list = inj_service_client_list (c, NULL, &error);
  g_assert_no_error (error);
  return json_object_get_array_member (*list, "items");
}

gsize
test_list_length (InjServiceClient *c)
{
  g_autoptr(JsonObject) list = NULL;

  return json_array_get_length (list_items (c, &list));
}

guint
test_count_listed (InjServiceClient *c,
                   const char *id)
{
  g_autoptr(JsonObject) list = NULL;
  JsonArray *items = list_items (c, &list);
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (items); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (items, i),
                                                  "delegationId"), id) == 0)
      n++;
  return n;
}

JsonObject *
test_poll_receipt (InjServiceClient *c,
                   const char *receipt)
{
  for (int i = 0; i < 200; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) r = inj_service_client_get_receipt (c, receipt, NULL, &error);
      g_assert_no_error (error);
      if (g_strcmp0 (json_object_get_string_member (r, "status"), "received") != 0)
        return g_steal_pointer (&r);
      g_usleep (50 * 1000);
    }
  g_error ("the receipt %s stayed \"received\"", receipt);
}
