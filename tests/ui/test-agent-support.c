/* test-agent-support.c */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <gio/gunixsocketaddress.h>

#include "card-support.h"
#include "inj-pkcs11.h"
#include "test-agent-support.h"
#include "test-ui-support.h"

struct _TestAgentInteraction {
  GTlsInteraction parent_instance;
  char *password;
  guint asked;
  void (*hook) (gpointer data);
  gpointer hook_data;
};

G_DEFINE_FINAL_TYPE (TestAgentInteraction, test_agent_interaction, G_TYPE_TLS_INTERACTION)

/* Runs in the main context (GTlsInteraction takes care of that), like the
 * password dialog would. */
static GTlsInteractionResult
ask_password (GTlsInteraction *interaction,
              GTlsPassword *password,
              GCancellable *cancellable,
              GError **error)
{
  TestAgentInteraction *self = TEST_AGENT_INTERACTION (interaction);

  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  self->asked++;
  if (self->hook)
    self->hook (self->hook_data);
  inj_tls_password_set_secret (password, self->password, -1);
  return G_TLS_INTERACTION_HANDLED;
}

static void
test_agent_interaction_finalize (GObject *object)
{
  g_free (TEST_AGENT_INTERACTION (object)->password);
  G_OBJECT_CLASS (test_agent_interaction_parent_class)->finalize (object);
}

static void
test_agent_interaction_class_init (TestAgentInteractionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_agent_interaction_finalize;
  G_TLS_INTERACTION_CLASS (klass)->ask_password = ask_password;
}

static void
test_agent_interaction_init (TestAgentInteraction *self)
{
}

TestAgentInteraction *
test_agent_interaction_new (const char *password)
{
  TestAgentInteraction *self = g_object_new (TEST_TYPE_AGENT_INTERACTION, NULL);

  self->password = g_strdup (password);
  return self;
}

/* The next answers: another person at the same desk. */
void
test_agent_interaction_set_password (TestAgentInteraction *self,
                                     const char *password)
{
  g_free (self->password);
  self->password = g_strdup (password);
}

guint
test_agent_interaction_asked (TestAgentInteraction *self)
{
  return self->asked;
}

void
test_agent_interaction_set_hook (TestAgentInteraction *self,
                                 void (*hook) (gpointer data),
                                 gpointer data)
{
  self->hook = hook;
  self->hook_data = data;
}

/* A complete delegation from data/examples, as the editor would give it. */
InjDelegation *
test_agent_delegation (const char *example)
{
  g_autofree char *path = g_build_filename (EXAMPLES_DIR, example, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(InjServiceProfile) profile = inj_service_profile_load_default (&error);
  g_autoptr(GDateTime) now = inj_date_now ();
  g_autofree char *agent = test_persona_value ("agent-zeirishi", "san", "name");
  gsize len;
  InjDelegation *d;

  g_assert_no_error (error);
  g_file_get_contents (path, &text, &len, &error);
  g_assert_no_error (error);
  d = inj_delegation_from_input (text, len, profile, now, &problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (d);
  /* the example names the agent who signs at the desk in these tests (the
   * page compares the card's holder with this name): no mismatch in the
   * normal flow */
  g_assert_true (inj_names_match (inj_delegation_get_text (d, INJ_FIELD_AGENT_NAME), agent));
  return d;
}

char *
test_agent_ca (void)
{
  const char *dir = g_getenv ("INJ_TEST_PERSONAS");

  g_assert_nonnull (dir);
  return g_build_filename (dir, "ca", "sign-ca.pem", NULL);
}

/* The test CA trusted (as the trust-anchors setting does it), the
 * interaction standing in for the password dialog. */
InjSession *
test_agent_session_new (InjCardMonitor *monitor,
                        GTlsInteraction *interaction,
                        const char *drafts_dir)
{
  InjSession *session = inj_session_new (monitor, NULL, drafts_dir);
  g_autofree char *ca = test_agent_ca ();
  const char *anchors[] = { ca, NULL };

  g_assert_true (g_settings_set_strv (inj_session_get_settings (session), "trust-anchors",
                                      anchors));
  inj_session_set_interaction (session, interaction);
  return session;
}

static gboolean
drawn (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

/* A window with @page in it, on screen. */
GtkWidget *
test_agent_show (GtkWidget *page)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 1000);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (test_ui_wait_until (drawn, page, 5000));
  return window;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

void
test_agent_screenshot (GtkWidget *window,
                       const char *name)
{
  test_ui_wait_until (never, NULL, 300); /* layout and the spinner settle */
  test_ui_screenshot (window, name);
}

/* A command to the virtual card of with-card.sh (remove, insert, status). */
char *
test_agent_vcard_control (const char *command)
{
  const char *path = g_getenv ("INJ_TEST_VCARD_CONTROL");
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketConnection) conn = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autofree char *line = g_strdup_printf ("%s\n", command);

  g_assert_nonnull (path);
  address = g_unix_socket_address_new (path);
  conn = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (address), NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)), line,
                             strlen (line), NULL, NULL, &error);
  g_assert_no_error (error);
  in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (conn)));
  return g_data_input_stream_read_line_utf8 (in, NULL, NULL, NULL);
}

/* A copy of @persona's card profile in @dir whose signing password has
 * @sign_tries left; returns the profile's directory. */
char *
test_agent_profile_copy (const char *persona,
                         const char *dir,
                         const char *sign_tries)
{
  static const char *const files[] = { "profile.ini", "auth-ca.der", "auth-cert.der",
                                       "auth-key.pem", "sign-ca.der", "sign-cert.der",
                                       "sign-key.pem", NULL };
  const char *personas = g_getenv ("INJ_TEST_PERSONAS");
  char *profile = g_build_filename (dir, "profile", NULL);
  g_autofree char *ini = g_build_filename (profile, "profile.ini", NULL);
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (personas);
  g_assert_cmpint (g_mkdir_with_parents (profile, 0700), ==, 0);
  for (guint i = 0; files[i]; i++)
    {
      g_autofree char *from = g_build_filename (personas, "personas", persona, files[i], NULL);
      g_autofree char *to = g_build_filename (profile, files[i], NULL);
      g_autofree char *data = NULL;
      gsize len;
      g_file_get_contents (from, &data, &len, &error);
      g_assert_no_error (error);
      g_file_set_contents (to, data, (gssize) len, &error);
      g_assert_no_error (error);
    }
  g_key_file_load_from_file (kf, ini, G_KEY_FILE_KEEP_COMMENTS, &error);
  g_assert_no_error (error);
  g_key_file_set_string (kf, "sign-pin", "tries", sign_tries);
  g_key_file_save_to_file (kf, ini, &error);
  g_assert_no_error (error);

  return profile;
}

/* A copy of @persona's card whose signing password has @sign_tries left,
 * in the second reader (vpcd's port 35964). */
GSubprocess *
test_agent_vcard_start_copy (const char *persona,
                             const char *dir,
                             const char *sign_tries)
{
  const char *bin = g_getenv ("INJ_TEST_VCARD");
  g_autofree char *profile = test_agent_profile_copy (persona, dir, sign_tries);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  GSubprocess *vcard;

  g_assert_nonnull (bin);
  vcard = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, bin, "--profile", profile,
                            "--port", "35964", "--exit-with-parent", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (vcard));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_nonnull (strstr (line, "ready"));
  return vcard;
}

void
test_agent_vcard_stop (GSubprocess *vcard)
{
  g_subprocess_send_signal (vcard, SIGTERM);
  g_subprocess_wait (vcard, NULL, NULL);
  g_object_unref (vcard);
}

/* Runs ininjo-cli with the arguments given; with @password, it is given on
 * file descriptor 3 (never in argv). Returns the exit status. */
int
test_agent_cli (const char *password,
                char **output,
                ...)
{
  const char *cli = g_getenv ("INJ_TEST_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *arg;
  va_list ap;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  va_start (ap, output);
  while ((arg = va_arg (ap, const char *)))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  if (password)
    {
      int fds[2];
      g_assert_cmpint (pipe (fds), ==, 0);
      g_assert_cmpint (write (fds[1], password, strlen (password)), ==, (int) strlen (password));
      g_assert_cmpint (write (fds[1], "\n", 1), ==, 1);
      close (fds[1]);
      g_subprocess_launcher_take_fd (launcher, fds[0], 3);
      g_ptr_array_add (argv, (gpointer) "--password-fd");
      g_ptr_array_add (argv, (gpointer) "3");
    }
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("ininjo-cli %s: %s", (const char *) argv->pdata[1], out);
  if (output)
    *output = g_steal_pointer (&out);
  return g_subprocess_get_exit_status (process);
}

gboolean
test_agent_has_mode_0600 (const char *path)
{
  struct stat st;

  g_assert_cmpint (stat (path, &st), ==, 0);
  return (st.st_mode & 0777) == 0600;
}

void
test_agent_step_set_up (TestAgentStep *f,
                        const char *password)
{
  g_autoptr(GError) error = NULL;

  f->dir = test_ui_tmpdir ();
  f->monitor = inj_card_monitor_new (NULL, &error);
  g_assert_no_error (error);
  f->interaction = test_agent_interaction_new (password);
  f->session = test_agent_session_new (f->monitor, G_TLS_INTERACTION (f->interaction),
                                       f->dir);
  f->page = INJ_AGENT_STEP_PAGE (g_object_ref_sink (inj_agent_step_page_new (f->session)));
  f->window = test_agent_show (GTK_WIDGET (f->page));
}

void
test_agent_step_tear_down (TestAgentStep *f)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  test_ui_drain (G_OBJECT (f->page));
  g_assert_finalize_object (f->page);
  test_ui_drain (G_OBJECT (f->session));
  g_assert_finalize_object (f->session);
  g_assert_finalize_object (f->interaction);
  test_ui_drain (G_OBJECT (f->monitor));
  g_assert_finalize_object (f->monitor);
  test_ui_rmtree (f->dir);
  g_free (f->dir);
}

gboolean
test_agent_step_not_busy (gpointer page)
{
  return inj_agent_step_page_get_state (page) != INJ_AGENT_STEP_BUSY;
}

gboolean
test_agent_step_tries_known (gpointer page)
{
  InjCardPicker *picker = inj_agent_step_page_get_card_picker (page);

  return inj_card_picker_get_card (picker) != NULL &&
         inj_card_picker_get_pin_status (picker) != NULL;
}
