/* test-agent-view.c: the agent pages' plain functions, without a display. */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gi18n-lib.h>

#include "inj-agent-common.h"
#include "test-ui-support.h"

static void
test_request_code_problem (void)
{
  g_autofree char *empty = inj_agent_request_code_problem ("");
  g_autofree char *short_code = inj_agent_request_code_problem ("ABCD-EFGH");
  g_autofree char *digits = inj_agent_request_code_problem ("ABCD-EFGH-IJKL-MN01");
  g_autofree char *lower = inj_agent_request_code_problem ("abcd efgh ijkl mnop");
  /* full-width letters and hyphens, as an input method may give them */
  g_autofree char *wide = inj_agent_request_code_problem ("ＡＢＣＤ－ＥＦＧＨ－ＩＪＫＬ－ＭＮＯＰ");

  g_assert_cmpstr (empty, ==, _("Type the request code the representative gave you."));
  g_assert_nonnull (short_code);
  g_assert_nonnull (strstr (short_code, "8"));
  g_assert_cmpstr (digits, ==, _("A request code has only the letters A–Z and the digits 2–7: "
                                 "there is no 0, 1, 8 or 9 (check O and 0, I and 1, B and 8)."));
  g_assert_null (lower);
  g_assert_null (wide);
}

static void
test_write_file (void)
{
  g_autofree char *dir = test_ui_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "submission.xml", NULL);
  g_autoptr(GBytes) first = g_bytes_new_static ("first", 5);
  g_autoptr(GBytes) second = g_bytes_new_static ("second", 6);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  struct stat st;

  g_assert_true (inj_agent_write_file (path, first, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* never over an existing file unless told */
  g_assert_false (inj_agent_write_file (path, second, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "first");
  g_clear_pointer (&text, g_free);

  g_assert_true (inj_agent_write_file (path, second, TRUE, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_cmpstr (text, ==, "second");
  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  /* no temporary file left behind */
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    guint n = 0;
    while (g_dir_read_name (d))
      n++;
    g_assert_cmpuint (n, ==, 1);
  }
  test_ui_rmtree (dir);
}

static void
test_read_file (void)
{
  g_autofree char *dir = test_ui_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "big.xml", NULL);
  g_autofree char *big = g_malloc0 (INJ_XML_MAX_SIZE + 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  memset (big, 'x', INJ_XML_MAX_SIZE + 1);
  g_file_set_contents (path, big, -1, &error);
  g_assert_no_error (error);
  bytes = inj_agent_read_file (path, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, INJ_XML_ERROR, INJ_XML_ERROR_TOO_LARGE);
  g_clear_error (&error);

  g_file_set_contents (path, "<a/>", -1, &error);
  bytes = inj_agent_read_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "<a/>", 4);
  test_ui_rmtree (dir);
}

int
main (int argc,
      char *argv[])
{
  inj_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/agent-view/request-code-problem", test_request_code_problem);
  g_test_add_func ("/ui/agent-view/write-file", test_write_file);
  g_test_add_func ("/ui/agent-view/read-file", test_read_file);
  return test_ui_run ();
}
