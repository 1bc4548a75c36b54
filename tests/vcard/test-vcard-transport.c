/* test-vcard-transport.c: ininjo-vcard as a process, against a fake vpcd
 * played by this test (so no pcscd and no root are needed): framing,
 * the ready line, the control socket, signals, reconnection, exit codes. */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "test-vcard-support.h"

#define IO_TIMEOUT_S 10

typedef struct {
  Fixture *fx;
  char *tmp;
  char *log_path;
  char *control_path;
  char *pid_path;
  GSocket *listener;       /* the fake vpcd's port */
  guint16 port;
  GSocket *card;           /* the card's current connection */
  GSubprocess *proc;
  GDataInputStream *out;   /* the card's stdout */
} Rig;

static GSocket *
listen_loopback (guint16 *port)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  GSocket *sock = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                G_SOCKET_PROTOCOL_TCP, &error);

  g_assert_no_error (error);
  g_socket_bind (sock, any, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (sock, &error);
  g_assert_no_error (error);
  g_socket_set_timeout (sock, IO_TIMEOUT_S);
  bound = g_socket_get_local_address (sock, &error);
  g_assert_no_error (error);
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  return sock;
}

static void
accept_card (Rig *rig)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&rig->card);
  rig->card = g_socket_accept (rig->listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_set_timeout (rig->card, IO_TIMEOUT_S);
}

static void
send_raw (GSocket *sock,
          const guint8 *data,
          gsize len)
{
  g_autoptr(GError) error = NULL;
  gsize sent = 0;

  while (sent < len)
    {
      gssize n = g_socket_send (sock, (const char *) data + sent, len - sent, NULL, &error);
      g_assert_no_error (error);
      sent += (gsize) n;
    }
}

static GByteArray *
frame_of (const char *hex)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) payload = vcard_parse_hex (hex, &error);
  GByteArray *frame = g_byte_array_new ();
  gsize len;
  const guint8 *data;
  guint8 header[2];

  g_assert_no_error (error);
  data = g_bytes_get_data (payload, &len);
  header[0] = (guint8) (len >> 8);
  header[1] = (guint8) len;
  g_byte_array_append (frame, header, 2);
  g_byte_array_append (frame, data, (guint) len);
  return frame;
}

static void
send_frame (Rig *rig,
            const char *hex)
{
  g_autoptr(GByteArray) frame = frame_of (hex);

  send_raw (rig->card, frame->data, frame->len);
}

/* FALSE at end of stream (the card went away). */
static gboolean
recv_exact (GSocket *sock,
            guint8 *buf,
            gsize len)
{
  g_autoptr(GError) error = NULL;
  gsize got = 0;

  while (got < len)
    {
      gssize n = g_socket_receive (sock, (char *) buf + got, len - got, NULL, &error);
      if (n == 0 || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED))
        return FALSE;
      g_assert_no_error (error);
      got += (gsize) n;
    }
  return TRUE;
}

/* The payload as hex, or NULL at end of stream. */
static char *
recv_frame (Rig *rig)
{
  guint8 header[2];
  guint8 payload[0x10000];
  gsize len;

  if (!recv_exact (rig->card, header, 2))
    return NULL;
  len = (gsize) (header[0] << 8 | header[1]);
  g_assert_true (recv_exact (rig->card, payload, len));
  {
    GString *hex = g_string_new (NULL);
    for (gsize i = 0; i < len; i++)
      g_string_append_printf (hex, "%02X", payload[i]);
    return g_string_free (hex, FALSE);
  }
}

static void
expect_frame (Rig *rig,
              const char *hex_out,
              const char *expected)
{
  g_autofree char *answer = NULL;

  if (hex_out)
    send_frame (rig, hex_out);
  answer = recv_frame (rig);
  g_assert_cmpstr (answer, ==, expected);
}

static void
expect_atr (Rig *rig)
{
  expect_frame (rig, "04", "3BE000FF8131FE4514");
}

static void
expect_closed (Rig *rig)
{
  g_autofree char *answer = recv_frame (rig);

  g_assert_null (answer);
}

static GSubprocess *
spawn_card (Rig *rig,
            GSubprocessFlags flags,
            const char *const *extra)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  GSubprocess *proc;

  g_ptr_array_add (argv, g_strdup (VCARD_BIN));
  g_ptr_array_add (argv, g_strdup_printf ("--profile=%s", rig->fx->dir));
  g_ptr_array_add (argv, g_strdup_printf ("--port=%u", rig->port));
  for (const char *const *e = extra; e && *e; e++)
    g_ptr_array_add (argv, g_strdup (*e));
  g_ptr_array_add (argv, NULL);
  proc = g_subprocess_newv ((const char *const *) argv->pdata, flags, &error);
  g_assert_no_error (error);
  return proc;
}

static Rig *
rig_new (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  Rig *rig = g_new0 (Rig, 1);

  rig->fx = fx;
  rig->tmp = g_dir_make_tmp ("vcard-transport-XXXXXX", &error);
  g_assert_no_error (error);
  rig->log_path = g_build_filename (rig->tmp, "apdu.jsonl", NULL);
  rig->control_path = g_build_filename (rig->tmp, "control.sock", NULL);
  rig->pid_path = g_build_filename (rig->tmp, "vcard.pid", NULL);
  rig->listener = listen_loopback (&rig->port);
  return rig;
}

static void
rig_free (Rig *rig)
{
  if (rig->proc)
    {
      g_subprocess_force_exit (rig->proc);
      g_subprocess_wait (rig->proc, NULL, NULL);
    }
  g_clear_object (&rig->out);
  g_clear_object (&rig->proc);
  g_clear_object (&rig->card);
  g_clear_object (&rig->listener);
  remove_dir (rig->tmp);
  g_free (rig->tmp);
  g_free (rig->log_path);
  g_free (rig->control_path);
  g_free (rig->pid_path);
  g_free (rig);
}

typedef struct {
  GSocketConnection *conn;
  GDataInputStream *in;
} Control;

static Control *
control_send (Rig *rig,
              const char *command)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketAddress) address = g_unix_socket_address_new (rig->control_path);
  g_autofree char *line = g_strconcat (command, "\n", NULL);
  Control *c = g_new0 (Control, 1);

  c->conn = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (address), NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (c->conn)),
                             line, strlen (line), NULL, NULL, &error);
  g_assert_no_error (error);
  c->in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (c->conn)));
  return c;
}

static char *
control_finish (Control *c)
{
  g_autoptr(GError) error = NULL;
  char *reply = g_data_input_stream_read_line_utf8 (c->in, NULL, NULL, &error);

  g_assert_no_error (error);
  g_object_unref (c->in);
  g_object_unref (c->conn);
  g_free (c);
  return reply;
}

static char *
control (Rig *rig,
         const char *command)
{
  return control_finish (control_send (rig, command));
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (text == NULL || strstr (text, needle) == NULL)
    g_error ("“%s” lacks “%s”", text ? text : "(null)", needle);
}

static void
test_session (gconstpointer data)
{
  Rig *rig = rig_new ((Fixture *) data);
  g_autoptr(GError) error = NULL;
  g_autofree char *log_arg = g_strdup_printf ("--log=%s", rig->log_path);
  g_autofree char *control_arg = g_strdup_printf ("--control=%s", rig->control_path);
  g_autofree char *pid_arg = g_strdup_printf ("--pidfile=%s", rig->pid_path);
  const char *extra[] = { log_arg, control_arg, pid_arg, "--connect-timeout=5", NULL };
  g_autofree char *ready = NULL;
  g_autofree char *log = NULL;
  g_autofree char *pid = NULL;
  char *reply;

  rig->proc = spawn_card (rig, G_SUBPROCESS_FLAGS_STDOUT_PIPE, extra);
  rig->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (rig->proc));

  /* vpcd polls with “get ATR”; the card is ready once polled. */
  accept_card (rig);
  expect_atr (rig);
  ready = g_data_input_stream_read_line_utf8 (rig->out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ready, ==, "ininjo-vcard: ready");
  g_file_get_contents (rig->pid_path, &pid, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (atoi (pid), ==, atoi (g_subprocess_get_identifier (rig->proc)));

  /* Power on (no answer), then APDUs. */
  send_frame (rig, "01");
  expect_frame (rig, SELECT_AP, "9000");
  expect_frame (rig, "00A4020C02001B", "9000");
  expect_frame (rig, "00200080", "63C5");
  expect_frame (rig, "0020008009544553545041535331", "9000");

  /* Frames split across writes, and several in one write. */
  {
    g_autoptr(GByteArray) frame = frame_of ("00A4020C02001A");
    g_autoptr(GByteArray) two = frame_of ("04");
    g_autoptr(GByteArray) second = frame_of ("00A4020C020017");

    for (guint i = 0; i < frame->len; i++)
      {
        send_raw (rig->card, frame->data + i, 1);
        g_usleep (2000);
      }
    expect_frame (rig, NULL, "9000");
    g_byte_array_append (two, second->data, second->len);
    send_raw (rig->card, two->data, two->len);
    expect_frame (rig, NULL, "3BE000FF8131FE4514");
    expect_frame (rig, NULL, "9000");
  }
  /* Malformed APDUs are answered, not fatal. */
  expect_frame (rig, "00A4", "6700");
  expect_frame (rig, "00A4040C0BD392F000260100000001", "6700");

  reply = control (rig, "status");
  assert_contains (reply, "\"inserted\":true");
  assert_contains (reply, "\"sign_verified\":true");
  assert_contains (reply, "\"ef\":\"0017\"");
  g_free (reply);
  reply = control (rig, "nonsense");
  g_assert_true (g_str_has_prefix (reply, "error: "));
  g_free (reply);

  /* remove: the connection closes and the card stays out. */
  reply = control (rig, "remove");
  g_assert_cmpstr (reply, ==, "ok");
  g_free (reply);
  expect_closed (rig);
  reply = control (rig, "status");
  assert_contains (reply, "\"inserted\":false");
  assert_contains (reply, "\"sign_verified\":false");
  assert_contains (reply, "\"sign_tries\":5");
  g_free (reply);

  /* insert answers once vpcd has polled the card. */
  {
    Control *c = control_send (rig, "insert");

    accept_card (rig);
    expect_atr (rig);
    reply = control_finish (c);
    g_assert_cmpstr (reply, ==, "ok");
    g_free (reply);
  }
  /* Tries survive the removal, verification does not. */
  send_frame (rig, "01");
  expect_frame (rig, SELECT_AP, "9000");
  expect_frame (rig, "00A4020C020018", "9000");
  expect_frame (rig, "002000800430303030", "63C2");

  /* vpcd drops the card (pcscd restarting): the card comes back. */
  g_socket_close (rig->card, NULL);
  accept_card (rig);
  expect_atr (rig);

  /* Signals: SIGUSR1 removes, SIGUSR2 inserts. */
  g_subprocess_send_signal (rig->proc, SIGUSR1);
  expect_closed (rig);
  g_subprocess_send_signal (rig->proc, SIGUSR2);
  accept_card (rig);
  expect_atr (rig);
  reply = control (rig, "status");
  assert_contains (reply, "\"inserted\":true");
  assert_contains (reply, "\"auth_tries\":2");
  g_free (reply);

  /* quit: clean exit, files removed. */
  reply = control (rig, "quit");
  g_assert_cmpstr (reply, ==, "ok");
  g_free (reply);
  g_subprocess_wait_check (rig->proc, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&rig->proc);
  g_assert_false (g_file_test (rig->pid_path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (rig->control_path, G_FILE_TEST_EXISTS));

  g_file_get_contents (rig->log_path, &log, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (log, SIGN_PIN));
  g_assert_null (strstr (log, "544553545041535331"));
  g_assert_null (strstr (log, "30303030"));
  assert_contains (log, "\"event\":\"remove\",\"ef\":null");
  assert_contains (log, "\"note\":\"removed on purpose\"");
  assert_contains (log, "\"note\":\"vpcd closed the connection\"");
  assert_contains (log, "\"note\":\"exit\"");
  {
    g_auto(GStrv) lines = g_strsplit (log, "\n", -1);
    const char *events[] = { "insert", "power-on", "remove", "insert", "power-on",
                             "remove", "insert", "remove", "insert", "remove" };
    gsize e = 0;

    /* Non-APDU events in order. */
    for (char **l = lines; *l && **l; l++)
      {
        g_autofree char *tag = NULL;

        if (strstr (*l, "\"event\":\"apdu\""))
          continue;
        g_assert_cmpuint (e, <, G_N_ELEMENTS (events));
        tag = g_strdup_printf ("\"event\":\"%s\"", events[e++]);
        assert_contains (*l, tag);
      }
    g_assert_cmpuint (e, ==, G_N_ELEMENTS (events));
  }
  rig_free (rig);
}

static void
test_latency (gconstpointer data)
{
  Rig *rig = rig_new ((Fixture *) data);
  const char *extra[] = { "--latency-ms=150", "--connect-timeout=5", NULL };
  gint64 start;

  rig->proc = spawn_card (rig, G_SUBPROCESS_FLAGS_STDOUT_SILENCE, extra);
  accept_card (rig);
  /* Control messages are not delayed… */
  start = g_get_monotonic_time ();
  expect_atr (rig);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 100000);
  /* …APDUs are. */
  start = g_get_monotonic_time ();
  expect_frame (rig, SELECT_AP, "9000");
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 150000);
  g_subprocess_send_signal (rig->proc, SIGTERM);
  g_subprocess_wait_check (rig->proc, NULL, NULL);
  g_assert_true (g_subprocess_get_successful (rig->proc));
  g_clear_object (&rig->proc);
  rig_free (rig);
}

/* Nobody listens: exit status 2 with a message, within the timeout. */
static void
test_no_vpcd (gconstpointer data)
{
  Rig *rig = rig_new ((Fixture *) data);
  const char *extra[] = { "--connect-timeout=1", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  gint64 start;

  g_clear_object (&rig->listener);  /* the port is now closed */
  start = g_get_monotonic_time ();
  rig->proc = spawn_card (rig, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                          extra);
  g_subprocess_communicate_utf8 (rig->proc, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (rig->proc));
  g_assert_cmpint (g_subprocess_get_exit_status (rig->proc), ==, 2);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  assert_contains (err, "not reachable");
  g_clear_object (&rig->proc);
  rig_free (rig);
}

/* "pid (comm) S ...": gone, or a zombie nobody has reaped yet. */
static gboolean
process_gone (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *stat = NULL;
  const char *state;

  if (!g_file_get_contents (path, &stat, NULL, NULL))
    return TRUE;
  state = strrchr (stat, ')');
  return state && (state[2] == 'Z' || state[2] == 'X');
}

static gboolean
gone_within (GPid pid,
             guint ms)
{
  for (guint waited = 0; waited < ms; waited += 20)
    {
      if (process_gone (pid))
        return TRUE;
      g_usleep (20 * 1000);
    }
  return process_gone (pid);
}

/* A shell starts the card in the background and waits; the card's pid. */
static GPid
card_under_shell (Rig *rig,
                  gboolean exit_with_parent,
                  GSubprocess **shell)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *profile = g_strdup_printf ("--profile=%s", rig->fx->dir);
  g_autofree char *port = g_strdup_printf ("--port=%u", rig->port);
  char *line;
  GPid pid = 0;

  *shell = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "sh", "-c",
                             "\"$@\" & echo \"pid $!\"; exec sleep 60", "sh", VCARD_BIN,
                             profile, port, "--connect-timeout=20",
                             exit_with_parent ? "--exit-with-parent" : NULL, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (*shell));
  while (pid == 0 && (line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error)))
    {
      if (g_str_has_prefix (line, "pid "))
        pid = (GPid) atoi (line + 4);
      g_free (line);
    }
  g_assert_no_error (error);
  g_assert_cmpint (pid, >, 0);
  /* connected: its options are read */
  accept_card (rig);
  return pid;
}

/* --exit-with-parent: a test that aborts takes its card with it. Without
 * the option, the card outlives the process that started it. */
static void
test_exit_with_parent (gconstpointer data)
{
  Rig *rig = rig_new ((Fixture *) data);
  g_autoptr(GSubprocess) shell = NULL;
  GPid pid = card_under_shell (rig, TRUE, &shell);

  g_assert_false (process_gone (pid));
  g_subprocess_force_exit (shell);
  g_subprocess_wait (shell, NULL, NULL);
  g_assert_true (gone_within (pid, 5000));
  g_clear_object (&shell);

  pid = card_under_shell (rig, FALSE, &shell);
  g_subprocess_force_exit (shell);
  g_subprocess_wait (shell, NULL, NULL);
  g_assert_false (gone_within (pid, 1000));
  kill (pid, SIGTERM);
  g_assert_true (gone_within (pid, 5000));
  rig_free (rig);
}

/* A bad profile or option: exit status 1 before any connection. */
static void
test_refusals (gconstpointer data)
{
  Fixture *fx = (Fixture *) data;
  g_autofree char *bad = NULL;
  struct { const char *arg, *message; } cases[] = {
    { "--auth-tries=4", "auth tries" },
    { "--sign-tries=-2", "sign tries must be 0 to 5" },
    { "--fault=select-6a82:1", "unknown fault" },
    { "--latency-ms=-1", "--latency-ms" },
    { "--port=70000", "--port" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Rig *rig = rig_new (fx);
      const char *extra[] = { cases[i].arg, NULL };
      g_autoptr(GError) error = NULL;
      g_autofree char *err = NULL;

      rig->proc = spawn_card (rig, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                              extra);
      g_subprocess_communicate_utf8 (rig->proc, NULL, NULL, NULL, &err, &error);
      g_assert_no_error (error);
      g_assert_cmpint (g_subprocess_get_exit_status (rig->proc), ==, 1);
      assert_contains (err, cases[i].message);
      g_clear_object (&rig->proc);
      rig_free (rig);
    }

  /* A profile whose signing password breaks the rules. */
  {
    Rig *rig = rig_new (fx);
    g_auto(GStrv) parts = g_strsplit (test_valid_ini, "pin = " SIGN_PIN, 2);
    g_autofree char *ini = g_strconcat (parts[0], "pin = short", parts[1], NULL);
    g_autofree char *profile_arg = NULL;
    g_autofree char *err = NULL;
    g_autoptr(GError) error = NULL;
    const char *extra[2] = { NULL, NULL };

    bad = write_profile (fx, ini);
    profile_arg = g_strdup_printf ("--profile=%s", bad);
    extra[0] = profile_arg;   /* the last --profile wins */
    rig->proc = spawn_card (rig, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                            extra);
    g_subprocess_communicate_utf8 (rig->proc, NULL, NULL, NULL, &err, &error);
    g_assert_no_error (error);
    g_assert_cmpint (g_subprocess_get_exit_status (rig->proc), ==, 1);
    assert_contains (err, "[sign-pin] pin");
    g_assert_null (strstr (err, "short"));
    g_clear_object (&rig->proc);
    rig_free (rig);
    remove_dir (bad);
  }
}

int
main (int argc,
      char **argv)
{
  Fixture *fx;
  int ret;

  g_test_init (&argc, &argv, NULL);
  fx = fixture_new ();
  g_test_add_data_func ("/vcard/transport/session", fx, test_session);
  g_test_add_data_func ("/vcard/transport/latency", fx, test_latency);
  g_test_add_data_func ("/vcard/transport/no-vpcd", fx, test_no_vpcd);
  g_test_add_data_func ("/vcard/transport/refusals", fx, test_refusals);
  g_test_add_data_func ("/vcard/transport/exit-with-parent", fx, test_exit_with_parent);
  ret = g_test_run ();
  fixture_free (fx);
  return ret;
}
