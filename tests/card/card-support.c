/* card-support.c */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gio/gunixsocketaddress.h>

#include "card-support.h"

char *
test_persona_path (const char *persona,
                   const char *file)
{
  const char *dir = g_getenv ("INJ_TEST_PERSONAS");

  if (dir == NULL)
    g_error ("INJ_TEST_PERSONAS is not set: run this test through meson (it generates the "
             "synthetic personas with tests/vcard/make-personas.sh)");
  return g_build_filename (dir, "personas", persona, file, NULL);
}

char *
test_persona_value (const char *persona,
                    const char *group,
                    const char *key)
{
  g_autofree char *path = test_persona_path (persona, "persona.ini");
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  char *value;

  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, &error))
    g_error ("cannot read %s: %s", path, error->message);
  value = g_key_file_get_string (kf, group, key, &error);
  if (value == NULL)
    g_error ("%s has no [%s] %s", path, group, key);
  return value;
}

/* Waits until the vpcd reader shows a card (or none). */
gboolean
test_wait_card (gboolean present,
                guint timeout_ms)
{
  for (guint waited = 0; waited <= timeout_ms; waited += 20)
    {
      g_autoptr(GPtrArray) readers = inj_pcsc_list_readers (NULL);
      for (guint i = 0; readers && i < readers->len; i++)
        {
          InjReaderInfo *r = g_ptr_array_index (readers, i);
          if (r->card_present == present)
            return TRUE;
        }
      g_usleep (20 * 1000);
    }
  return FALSE;
}

TestVcard *
test_vcard_start (const char *persona,
                  const char *const *extra_args)
{
  const char *bin = g_getenv ("INJ_TEST_VCARD");
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  TestVcard *vc;

  if (bin == NULL || g_getenv ("INJ_TEST_NS") == NULL)
    g_error ("run this test through tests/card/with-card.sh (INJ_TEST_VCARD, INJ_TEST_NS)");

  vc = g_new0 (TestVcard, 1);
  vc->persona = g_strdup (persona);
  vc->dir = g_dir_make_tmp ("inj-vcard-XXXXXX", &error);
  g_assert_no_error (error);
  vc->log = g_build_filename (vc->dir, "apdu.jsonl", NULL);
  vc->control = g_build_filename (vc->dir, "control.sock", NULL);

  g_ptr_array_add (argv, g_strdup (bin));
  g_ptr_array_add (argv, g_strdup ("--profile"));
  /* a persona's name, or the directory of a profile made by the test */
  g_ptr_array_add (argv, g_path_is_absolute (persona) ? g_strdup (persona)
                                                      : test_persona_path (persona, NULL));
  g_ptr_array_add (argv, g_strdup ("--log"));
  g_ptr_array_add (argv, g_strdup (vc->log));
  g_ptr_array_add (argv, g_strdup ("--control"));
  g_ptr_array_add (argv, g_strdup (vc->control));
  /* an aborting test takes its card with it */
  g_ptr_array_add (argv, g_strdup ("--exit-with-parent"));
  for (guint i = 0; extra_args && extra_args[i]; i++)
    g_ptr_array_add (argv, g_strdup (extra_args[i]));
  g_ptr_array_add (argv, NULL);

  vc->process = g_subprocess_newv ((const char * const *) argv->pdata,
                                   G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (vc->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line == NULL || strstr (line, "ready") == NULL)
    g_error ("the virtual card did not start (%s)", line ? line : "no output");
  if (!test_wait_card (TRUE, 10000))
    g_error ("pcscd does not see the virtual card");
  return vc;
}

char *
test_vcard_control (TestVcard *vc,
                    const char *command)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketAddress) address = g_unix_socket_address_new (vc->control);
  g_autoptr(GSocketConnection) conn = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autofree char *line = g_strdup_printf ("%s\n", command);

  conn = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (address), NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)), line,
                             strlen (line), NULL, NULL, &error);
  g_assert_no_error (error);
  in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (conn)));
  return g_data_input_stream_read_line_utf8 (in, NULL, NULL, NULL);
}

void
test_vcard_stop (TestVcard *vc)
{
  if (vc == NULL)
    return;
  g_subprocess_send_signal (vc->process, SIGTERM);
  g_subprocess_wait (vc->process, NULL, NULL);
  g_object_unref (vc->process);
  test_wait_card (FALSE, 10000);
  if (g_getenv ("INJ_TEST_KEEP") == NULL)
    {
      g_unlink (vc->log);
      g_unlink (vc->control);
      g_rmdir (vc->dir);
    }
  g_free (vc->dir);
  g_free (vc->log);
  g_free (vc->control);
  g_free (vc->persona);
  g_free (vc);
}

/* The APDU log, one JsonObject per line. */
GPtrArray *
test_vcard_log (TestVcard *vc)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  if (!g_file_get_contents (vc->log, &text, NULL, NULL))
    return entries;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      if (*lines[i] == '\0')
        continue;
      if (!json_parser_load_from_data (parser, lines[i], -1, &error))
        g_error ("APDU log line %u is not JSON: %s", i + 1, error->message);
      g_ptr_array_add (entries, json_object_ref (json_node_get_object (json_parser_get_root (parser))));
    }
  return entries;
}

/* How many APDUs with this instruction (and EF, when given) the card saw;
 * with_data counts only those that carried data (a VERIFY with a PIN). */
guint
test_vcard_count (TestVcard *vc,
                  const char *ins,
                  const char *ef,
                  gboolean with_data)
{
  g_autoptr(GPtrArray) log = test_vcard_log (vc);
  guint n = 0;

  for (guint i = 0; i < log->len; i++)
    {
      JsonObject *o = g_ptr_array_index (log, i);
      const char *cmd;
      if (g_strcmp0 (json_object_get_string_member_with_default (o, "event", ""), "apdu") != 0)
        continue;
      if (g_strcmp0 (json_object_get_string_member_with_default (o, "ins", ""), ins) != 0)
        continue;
      if (ef && g_strcmp0 (json_object_get_string_member_with_default (o, "ef", ""), ef) != 0)
        continue;
      cmd = json_object_get_string_member_with_default (o, "cmd", "");
      if (with_data && strlen (cmd) <= 8)
        continue;
      n++;
    }
  return n;
}

struct _TestInteraction {
  GTlsInteraction parent_instance;
  char *password;
  guint asked;
  GTlsPasswordFlags flags;
};

G_DEFINE_FINAL_TYPE (TestInteraction, test_interaction, G_TYPE_TLS_INTERACTION)

static GTlsInteractionResult
test_ask_password (GTlsInteraction *interaction,
                   GTlsPassword *password,
                   GCancellable *cancellable,
                   GError **error)
{
  TestInteraction *self = TEST_INTERACTION (interaction);

  self->asked++;
  self->flags = g_tls_password_get_flags (password);
  inj_tls_password_set_secret (password, self->password, -1);
  return G_TLS_INTERACTION_HANDLED;
}

static void
test_interaction_finalize (GObject *object)
{
  g_free (TEST_INTERACTION (object)->password);
  G_OBJECT_CLASS (test_interaction_parent_class)->finalize (object);
}

static void
test_interaction_class_init (TestInteractionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_interaction_finalize;
  G_TLS_INTERACTION_CLASS (klass)->ask_password = test_ask_password;
}

static void
test_interaction_init (TestInteraction *self)
{
}

TestInteraction *
test_interaction_new (const char *password)
{
  TestInteraction *self = g_object_new (TEST_TYPE_INTERACTION, NULL);
  self->password = g_strdup (password);
  return self;
}

guint
test_interaction_asked (TestInteraction *self)
{
  return self->asked;
}

GTlsPasswordFlags
test_interaction_flags (TestInteraction *self)
{
  return self->flags;
}
