/* vcard-main.c: ininjo-vcard, a virtual My Number card (JPKI applet) for
 * tests, attached to pcscd through vsmartcard's vpcd reader driver. */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <sys/prctl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "vcard-applet.h"
#include "vcard-log.h"
#include "vcard-profile.h"
#include "vcard-vpcd.h"

#define DEFAULT_PORT 35963
#define MAX_LATENCY_MS 60000
#define MAX_CONNECT_TIMEOUT_S 3600
#define MAX_CONTROL_LINE 256
#define TRIES_UNSET G_MININT

typedef struct {
  GMainLoop *loop;
  VcardApplet *applet;
  VcardVpcd *vpcd;
  int exit_code;
} App;

/* One connection on the control socket. While an insert is under way its
 * reply is pending and no further line is read, so replies stay in order. */
typedef struct {
  App *app;
  GSocketConnection *conn;
  GDataInputStream *in;
} ControlClient;

static void control_read_line (ControlClient *client);

static void
control_client_free (ControlClient *client)
{
  g_io_stream_close (G_IO_STREAM (client->conn), NULL, NULL);
  g_object_unref (client->in);
  g_object_unref (client->conn);
  g_free (client);
}

static void
control_reply (ControlClient *client,
               const char *text)
{
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (client->conn));
  g_autofree char *line = g_strconcat (text, "\n", NULL);

  /* A client that went away only loses its answer. */
  g_output_stream_write_all (out, line, strlen (line), NULL, NULL, NULL);
}

static void
control_insert_done (const GError *error,
                     gpointer user_data)
{
  ControlClient *client = user_data;

  if (error)
    {
      g_autofree char *text = g_strconcat ("error: ", error->message, NULL);
      control_reply (client, text);
    }
  else
    control_reply (client, "ok");
  control_read_line (client);
}

/* FALSE when the reply is deferred (insert). */
static gboolean
control_command (ControlClient *client,
                 const char *command)
{
  App *app = client->app;

  if (g_str_equal (command, "remove"))
    {
      vcard_vpcd_remove (app->vpcd);
      control_reply (client, "ok");
    }
  else if (g_str_equal (command, "insert"))
    {
      vcard_vpcd_insert (app->vpcd, control_insert_done, client);
      return FALSE;
    }
  else if (g_str_equal (command, "status"))
    {
      g_autofree char *json = vcard_applet_status_json (app->applet,
                                                        vcard_vpcd_is_inserted (app->vpcd));
      control_reply (client, json);
    }
  else if (g_str_equal (command, "quit"))
    {
      control_reply (client, "ok");
      g_main_loop_quit (app->loop);
    }
  else
    {
      /* Every line gets exactly one answer, so a client never waits. */
      g_autofree char *text = g_strdup_printf ("error: unknown command “%s” "
                                               "(remove, insert, status, quit)", command);
      control_reply (client, text);
    }
  return TRUE;
}

static void
on_control_line (GObject *source,
                 GAsyncResult *result,
                 gpointer user_data)
{
  ControlClient *client = user_data;
  g_autofree char *line = NULL;
  gsize len = 0;

  line = g_data_input_stream_read_line_finish_utf8 (client->in, result, &len, NULL);
  if (line == NULL || len > MAX_CONTROL_LINE)
    {
      control_client_free (client);
      return;
    }
  if (control_command (client, g_strstrip (line)))
    control_read_line (client);
}

static void
control_read_line (ControlClient *client)
{
  g_data_input_stream_read_line_async (client->in, G_PRIORITY_DEFAULT, NULL,
                                       on_control_line, client);
}

static gboolean
on_control_incoming (GSocketService *service,
                     GSocketConnection *conn,
                     GObject *source_object,
                     gpointer user_data)
{
  ControlClient *client = g_new0 (ControlClient, 1);

  client->app = user_data;
  client->conn = g_object_ref (conn);
  client->in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (conn)));
  g_data_input_stream_set_newline_type (client->in, G_DATA_STREAM_NEWLINE_TYPE_ANY);
  control_read_line (client);
  return TRUE;
}

static GSocketService *
control_listen (const char *path,
                App *app,
                GError **error)
{
  g_autoptr(GSocketService) service = g_socket_service_new ();
  g_autoptr(GSocketAddress) address = NULL;
  GStatBuf st;

  /* A socket left by a killed run would make bind fail; anything else at
   * that path is not ours to delete. */
  if (g_lstat (path, &st) == 0)
    {
      if (!S_ISSOCK (st.st_mode))
        {
          g_set_error (error, VCARD_ERROR, VCARD_ERROR_USAGE,
                       "--control %s exists and is not a socket", path);
          return NULL;
        }
      g_unlink (path);
    }
  address = g_unix_socket_address_new (path);
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (service), address,
                                      G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT,
                                      NULL, NULL, error))
    return NULL;
  /* Whoever can connect can remove the card or stop it. */
  g_chmod (path, 0600);
  g_signal_connect (service, "incoming", G_CALLBACK (on_control_incoming), app);
  g_socket_service_start (service);
  return g_steal_pointer (&service);
}

static void
on_ready (gpointer user_data)
{
  /* Harnesses wait for exactly this line. */
  g_print ("ininjo-vcard: ready\n");
  fflush (stdout);
}

static void
on_lost (const GError *error,
         gpointer user_data)
{
  App *app = user_data;

  g_printerr ("ininjo-vcard: %s\n", error->message);
  app->exit_code = 2;
  g_main_loop_quit (app->loop);
}

static void
signal_insert_done (const GError *error,
                    gpointer user_data)
{
  if (error)
    g_printerr ("ininjo-vcard: insert failed: %s\n", error->message);
}

static gboolean
on_sigusr1 (gpointer user_data)
{
  App *app = user_data;

  vcard_vpcd_remove (app->vpcd);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_sigusr2 (gpointer user_data)
{
  App *app = user_data;

  vcard_vpcd_insert (app->vpcd, signal_insert_done, NULL);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_quit_signal (gpointer user_data)
{
  App *app = user_data;

  g_main_loop_quit (app->loop);
  return G_SOURCE_CONTINUE;
}

static const char description[] =
  "Emulates the JPKI applet of a My Number card and attaches it to pcscd through\n"
  "vsmartcard's vpcd reader (/etc/reader.conf.d/vpcd). Test use only.\n"
  "\n"
  "Profile directory: profile.ini, sign-cert.der (EF 0001), sign-ca.der (EF 0002),\n"
  "auth-cert.der (EF 000A), auth-ca.der (EF 000B), sign-key.pem (key EF 001A),\n"
  "auth-key.pem (key EF 0017); RSA-2048 keys, PEM PKCS#8 or PKCS#1, each matching\n"
  "its certificate. profile.ini:\n"
  "  [card]      atr = 3BE000FF8131FE4514     token-kind = JPKIAPICCTOKEN2\n"
  "  [auth-pin]  pin = 4 digits               tries = 0..3 (tries left now)\n"
  "  [sign-pin]  pin = 6-16 of A-Z 0-9        tries = 0..5\n"
  "atr, token-kind and tries are optional (defaults above, tries at maximum).\n"
  "A card issued to a child under 15 (no signing certificate): leave out\n"
  "sign-cert.der and sign-key.pem (and optionally [sign-pin]); EF 0008 then reads\n"
  "00 8F 00 instead of 8F 8F 00, and EF 0001 and key EF 001A do not exist.\n"
  "\n"
  "Real-card behaviours that public sources do not settle (one switch each; test\n"
  "the client with every setting):\n"
  "  --locked-query 63C0|6984   empty VERIFY (00 20 00 80) of a locked PIN\n"
  "  --locked-verify 6983|6984  VERIFY with data of a locked PIN\n"
  "  --reselect clears|keeps    SELECT of the JPKI AP again: verified state kept\n"
  "                             means only a reset or power cycle clears it\n"
  "  --sign-pin-ef present|absent  EF 001B on a card without signing\n"
  "  --change-format refuses|stores  CHANGE REFERENCE DATA (00 24 01 80) of a\n"
  "                             value outside the PIN's format: 6A 80, or stored\n"
  "  --change-verified keeps|clears  the PIN's verified state after a CHANGE\n"
  "Fixed, as on real cards: EF 0006 is a 160-byte record (kind padded with\n"
  "spaces), a certificate EF has zero filler after the DER, a read reaching the\n"
  "end answers 90 00 with fewer bytes, a read past it 6B 00, and\n"
  "00 20 00 80 00 (explicit Le 0) answers 67 00.\n"
  "\n"
  "Faults (--fault, repeatable):\n"
  "  select-6a82:FID     SELECT of that EF answers 6A 82\n"
  "  truncated-read:FID  READ BINARY of that EF returns half of Le, 90 00\n"
  "  sign-6f00           COMPUTE DIGITAL SIGNATURE answers 6F 00\n"
  "\n"
  "Control socket (--control PATH), one command a line, one answer a line:\n"
  "  remove   close the vpcd connection (card removed; stays removed)   -> ok\n"
  "  insert   connect again; answers when vpcd has seen the card       -> ok | error: …\n"
  "  status   -> {\"inserted\":…,\"ef\":…,\"powered\":…,\"ap\":…,\"auth_verified\":…,\n"
  "               \"sign_verified\":…,\"auth_tries\":…,\"sign_tries\":…}\n"
  "  quit     clean exit                                               -> ok\n"
  "Signals: SIGUSR1 remove, SIGUSR2 insert, SIGTERM/SIGINT clean exit.\n"
  "\n"
  "APDU log (--log FILE): one JSON object a line, flushed at once. Every line has\n"
  "seq, ms (since start), event and the state after it (ef, powered, ap,\n"
  "auth_verified, sign_verified, auth_tries, sign_tries). Events: insert, remove\n"
  "(note: why), power-on, power-off, reset, apdu. apdu lines add cmd (hex, VERIFY\n"
  "and CHANGE REFERENCE DATA data as ** per byte), ins, rsp (status word), len (response data bytes), and\n"
  "as relevant aid, fid, off, le, pin, empty, key, in_len, note, fault. vpcd's\n"
  "ATR polls are not logged.\n"
  "\n"
  "Prints \"ininjo-vcard: ready\" on stdout when vpcd first polls the card.\n"
  "Exit status: 0 clean exit, 1 bad profile or options, 2 vpcd not reachable\n"
  "or gone for longer than --connect-timeout.";

int
main (int argc,
      char **argv)
{
  g_autofree char *profile_dir = NULL;
  g_autofree char *host = NULL;
  g_autofree char *log_path = NULL;
  g_autofree char *control_path = NULL;
  g_autofree char *pidfile = NULL;
  g_auto(GStrv) faults = NULL;
  int port = DEFAULT_PORT;
  int connect_timeout = 20;
  int auth_tries = TRIES_UNSET;
  int sign_tries = TRIES_UNSET;
  int latency_ms = 0;
  gboolean clear_after_sign = FALSE;
  g_autofree char *locked_query = NULL;
  g_autofree char *locked_verify = NULL;
  g_autofree char *reselect = NULL;
  g_autofree char *sign_pin_ef = NULL;
  g_autofree char *change_format = NULL;
  g_autofree char *change_verified = NULL;
  gboolean exit_with_parent = FALSE;
  GOptionEntry entries[] = {
    { "profile", 0, 0, G_OPTION_ARG_FILENAME, &profile_dir, "Profile directory (required)", "DIR" },
    { "host", 0, 0, G_OPTION_ARG_STRING, &host, "vpcd host (default 127.0.0.1)", "HOST" },
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "vpcd port (default 35963, slot 0)", "PORT" },
    { "connect-timeout", 0, 0, G_OPTION_ARG_INT, &connect_timeout,
      "Seconds to wait for vpcd at start and after it went away (default 20)", "S" },
    { "auth-tries", 0, 0, G_OPTION_ARG_INT, &auth_tries,
      "Tries left of the authentication PIN, 0-3 (0 = locked); overrides the profile", "N" },
    { "sign-tries", 0, 0, G_OPTION_ARG_INT, &sign_tries,
      "Tries left of the signing password, 0-5 (0 = locked); overrides the profile", "N" },
    { "clear-after-sign", 0, 0, G_OPTION_ARG_NONE, &clear_after_sign,
      "Clear the signing password's verification after each signature", NULL },
    { "locked-query", 0, 0, G_OPTION_ARG_STRING, &locked_query,
      "Answer to an empty VERIFY of a locked PIN: 63C0 (default) or 6984", "SW" },
    { "locked-verify", 0, 0, G_OPTION_ARG_STRING, &locked_verify,
      "Answer to a VERIFY with data of a locked PIN: 6983 (default) or 6984", "SW" },
    { "reselect", 0, 0, G_OPTION_ARG_STRING, &reselect,
      "Selecting the JPKI AP again: clears (default) or keeps the verified state", "WHAT" },
    { "sign-pin-ef", 0, 0, G_OPTION_ARG_STRING, &sign_pin_ef,
      "On a card without signing certificate, EF 001B is present (default) or absent", "WHAT" },
    { "change-format", 0, 0, G_OPTION_ARG_STRING, &change_format,
      "CHANGE REFERENCE DATA of a value outside the PIN's format: refuses (6A 80, default) or stores",
      "WHAT" },
    { "change-verified", 0, 0, G_OPTION_ARG_STRING, &change_verified,
      "After CHANGE REFERENCE DATA the PIN stays verified (keeps, default) or not (clears)", "WHAT" },
    { "latency-ms", 0, 0, G_OPTION_ARG_INT, &latency_ms, "Delay before each APDU answer", "MS" },
    { "fault", 0, 0, G_OPTION_ARG_STRING_ARRAY, &faults,
      "Inject a fault: select-6a82:FID, truncated-read:FID, sign-6f00 (repeatable)", "SPEC" },
    { "log", 0, 0, G_OPTION_ARG_FILENAME, &log_path, "APDU log, JSON lines (truncated at start)", "FILE" },
    { "control", 0, 0, G_OPTION_ARG_FILENAME, &control_path,
      "Unix socket for remove/insert/status/quit", "PATH" },
    { "pidfile", 0, 0, G_OPTION_ARG_FILENAME, &pidfile, "Write the process id here", "FILE" },
    { "exit-with-parent", 0, 0, G_OPTION_ARG_NONE, &exit_with_parent,
      "End (as on SIGTERM) when the process that started the card ends", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- virtual My Number card for tests");
  g_autoptr(GError) error = NULL;
  g_autoptr(VcardLog) log = NULL;
  g_autoptr(VcardApplet) applet = NULL;
  g_autoptr(VcardVpcd) vpcd = NULL;
  g_autoptr(GSocketService) control = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  VcardProfile *profile;
  VcardVpcdCallbacks callbacks = { on_ready, on_lost };
  App app = { 0 };
  guint signal_ids[4];

  /* For GLib's charset conversion of messages on the terminal. */
  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context, description);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("ininjo-vcard: %s\n", error->message);
      return 1;
    }
  /* A test that aborts must not leave its card running (and holding the
   * test's output open). If the parent is already gone, end now. */
  if (exit_with_parent && (prctl (PR_SET_PDEATHSIG, SIGTERM) != 0 || getppid () == 1))
    return 0;
  if (profile_dir == NULL)
    {
      g_printerr ("ininjo-vcard: --profile DIR is required (see --help)\n");
      return 1;
    }
  if (port < 1 || port > 65535 || connect_timeout < 1 || connect_timeout > MAX_CONNECT_TIMEOUT_S ||
      latency_ms < 0 || latency_ms > MAX_LATENCY_MS)
    {
      g_printerr ("ininjo-vcard: --port must be 1-65535, --connect-timeout 1-%d, "
                  "--latency-ms 0-%d\n", MAX_CONNECT_TIMEOUT_S, MAX_LATENCY_MS);
      return 1;
    }

  profile = vcard_profile_load (profile_dir, &error);
  if (profile == NULL)
    {
      g_printerr ("ininjo-vcard: %s\n", error->message);
      return 1;
    }
  if (log_path && !(log = vcard_log_new (log_path, &error)))
    {
      vcard_profile_free (profile);
      g_printerr ("ininjo-vcard: %s\n", error->message);
      return 1;
    }
  applet = vcard_applet_new (profile, log);
  vcard_applet_set_clear_after_sign (applet, clear_after_sign);
  if ((auth_tries != TRIES_UNSET &&
       !vcard_applet_set_tries (applet, VCARD_PIN_AUTH, auth_tries, &error)) ||
      (sign_tries != TRIES_UNSET &&
       !vcard_applet_set_tries (applet, VCARD_PIN_SIGN, sign_tries, &error)))
    {
      g_printerr ("ininjo-vcard: %s\n", error->message);
      return 1;
    }
  if ((locked_query && !vcard_applet_set_switch (applet, "locked-query", locked_query, &error)) ||
      (locked_verify && !vcard_applet_set_switch (applet, "locked-verify", locked_verify, &error)) ||
      (reselect && !vcard_applet_set_switch (applet, "reselect", reselect, &error)) ||
      (sign_pin_ef && !vcard_applet_set_switch (applet, "sign-pin-ef", sign_pin_ef, &error)) ||
      (change_format && !vcard_applet_set_switch (applet, "change-format", change_format, &error)) ||
      (change_verified &&
       !vcard_applet_set_switch (applet, "change-verified", change_verified, &error)))
    {
      g_printerr ("ininjo-vcard: %s\n", error->message);
      return 1;
    }
  for (char **f = faults; f && *f; f++)
    if (!vcard_applet_add_fault (applet, *f, &error))
      {
        g_printerr ("ininjo-vcard: %s\n", error->message);
        return 1;
      }

  loop = g_main_loop_new (NULL, FALSE);
  app.loop = loop;
  app.applet = applet;

  if (control_path && !(control = control_listen (control_path, &app, &error)))
    {
      g_printerr ("ininjo-vcard: control socket: %s\n", error->message);
      return 1;
    }
  if (pidfile)
    {
      g_autofree char *pid = g_strdup_printf ("%d\n", (int) getpid ());

      if (!g_file_set_contents (pidfile, pid, -1, &error))
        {
          g_printerr ("ininjo-vcard: %s\n", error->message);
          return 1;
        }
    }

  vpcd = vcard_vpcd_new (applet, host ? host : "127.0.0.1", (guint16) port, (guint) connect_timeout * 1000,
                         (guint) latency_ms, &callbacks, &app);
  app.vpcd = vpcd;
  signal_ids[0] = g_unix_signal_add (SIGUSR1, on_sigusr1, &app);
  signal_ids[1] = g_unix_signal_add (SIGUSR2, on_sigusr2, &app);
  signal_ids[2] = g_unix_signal_add (SIGTERM, on_quit_signal, &app);
  signal_ids[3] = g_unix_signal_add (SIGINT, on_quit_signal, &app);

  vcard_vpcd_start (vpcd);
  g_main_loop_run (loop);

  for (gsize i = 0; i < G_N_ELEMENTS (signal_ids); i++)
    g_source_remove (signal_ids[i]);
  if (control)
    {
      g_socket_service_stop (control);
      g_socket_listener_close (G_SOCKET_LISTENER (control));
      g_unlink (control_path);
    }
  if (pidfile)
    g_unlink (pidfile);
  /* Close the connection before the applet goes: vpcd sees a removal. */
  g_clear_pointer (&vpcd, vcard_vpcd_free);
  return app.exit_code;
}
