/* test-audit.c: the audit log's hash chain, its file modes, concurrent
 * writers, and what a line may hold. */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <stdlib.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "inj-audit.h"
#include "test-support.h"

static char *work;

static char *
fresh_log (const char *name)
{
  g_autofree char *dir = g_build_filename (work, name, NULL);
  return g_build_filename (dir, "ininjo", "audit.jsonl", NULL);
}

static void
append_n (const char *path,
          guint n,
          const char *tag)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = g_strdup_printf ("%s-%u", tag, i);
      InjAuditEvent e = { .action = (char *) INJ_AUDIT_SIGN, .delegation_id = id,
                          .fingerprint = (char *) "AB:CD:EF", .serial = (char *) "0102" };
      if (i % 3 == 1)
        {
          e.result = (char *) "failed";
          e.code = (char *) "inj-pkcs11-error:2";
        }
      g_assert_true (inj_audit_append (path, &e, &error));
      g_assert_no_error (error);
    }
}

static char **
read_lines (const char *path)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &data, NULL, &error));
  g_assert_no_error (error);
  return g_strsplit (data, "\n", -1);
}

static void
write_lines (const char *path,
             char **lines)
{
  g_autofree char *data = g_strjoinv ("\n", lines);
  g_assert_true (g_file_set_contents (path, data, -1, NULL));
}

static void
assert_broken (const char *path,
               guint line,
               InjAuditError code)
{
  g_autoptr(GError) error = NULL;
  guint bad = 0;

  g_assert_false (inj_audit_verify (path, &bad, &error));
  g_assert_error (error, INJ_AUDIT_ERROR, (int) code);
  g_assert_cmpuint (bad, ==, line);
  /* the message names the line, in the user's language */
  {
    g_autofree char *number = g_strdup_printf ("%u", line);
    g_assert_nonnull (strstr (error->message, number));
  }
}

/* A chain of N events verifies; each line holds its number and the
 * previous line's hash. */
static void
test_chain (void)
{
  g_autofree char *path = fresh_log ("chain");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_auto(GStrv) lines = NULL;
  guint bad = 99, n = 0;

  /* a missing log is an intact, empty one */
  g_assert_true (inj_audit_verify (path, &bad, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bad, ==, 0);

  append_n (path, 25, "chain");
  g_assert_true (inj_audit_verify_full (path, &n, &bad, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 25);
  g_assert_cmpuint (bad, ==, 0);

  events = inj_audit_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 25);
  for (guint i = 0; i < events->len; i++)
    {
      InjAuditEvent *e = g_ptr_array_index (events, i);
      g_autofree char *id = g_strdup_printf ("chain-%u", i);
      g_autoptr(GDateTime) t = g_date_time_new_from_iso8601 (e->time, NULL);
      g_assert_cmpuint (e->seq, ==, i + 1);
      g_assert_cmpstr (e->action, ==, "sign");
      g_assert_cmpstr (e->delegation_id, ==, id);
      g_assert_cmpstr (e->fingerprint, ==, "AB:CD:EF");
      g_assert_cmpstr (e->result, ==, i % 3 == 1 ? "failed" : "ok");
      g_assert_cmpstr (e->code, ==, i % 3 == 1 ? "inj-pkcs11-error:2" : NULL);
      g_assert_nonnull (t); /* RFC 3339 */
      g_assert_true (g_str_has_suffix (e->time, "Z"));
    }

  lines = read_lines (path);
  g_assert_cmpuint (g_strv_length (lines), ==, 26); /* and the empty rest after the last \n */
  g_assert_cmpstr (lines[25], ==, "");
  {
    g_autofree char *genesis = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                              INJ_AUDIT_GENESIS, -1);
    g_autofree char *first_prev = g_strdup_printf ("\"prev\":\"%s\"", genesis);
    g_autofree char *h1 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, lines[0], -1);
    g_autofree char *second_prev = g_strdup_printf ("\"prev\":\"%s\"", h1);
    g_assert_true (g_str_has_prefix (lines[0], "{\"seq\":1,"));
    g_assert_nonnull (strstr (lines[0], first_prev));
    g_assert_true (g_str_has_prefix (lines[1], "{\"seq\":2,"));
    g_assert_nonnull (strstr (lines[1], second_prev));
  }
}

/* Editing one byte anywhere in line k shows at line k. */
static void
test_edit_byte (void)
{
  g_autofree char *path = fresh_log ("edit");
  g_auto(GStrv) original = NULL;

  append_n (path, 10, "edit");
  original = read_lines (path);
  for (guint k = 0; k < 10; k++)
    {
      gsize len = strlen (original[k]);
      /* a few positions: the start, inside the values, the hashes, the end */
      gsize positions[] = { 0, 9, len / 3, len / 2, len - 40, len - 2, len - 1 };
      for (guint p = 0; p < G_N_ELEMENTS (positions); p++)
        {
          g_auto(GStrv) lines = g_strdupv (original);
          char *c = &lines[k][positions[p]];
          g_autoptr(GError) error = NULL;
          guint bad = 0;

          *c = *c == '7' ? '8' : (*c == 'a' ? 'b' : (g_ascii_isdigit (*c) ? '7' : 'a'));
          write_lines (path, lines);
          g_assert_false (inj_audit_verify (path, &bad, &error));
          g_assert_error (error, INJ_AUDIT_ERROR, error->code);
          if (bad != k + 1)
            g_error ("line %u byte %" G_GSIZE_FORMAT ": reported line %u (%s)", k + 1,
                     positions[p], bad, error->message);
        }
    }
  /* the untouched file still verifies */
  write_lines (path, original);
  g_assert_true (inj_audit_verify (path, NULL, NULL));

  /* a changed value that keeps the JSON valid: the line's own hash */
  {
    g_auto(GStrv) lines = g_strdupv (original);
    char *id = strstr (lines[4], "edit-4");
    g_assert_nonnull (id);
    id[5] = '9';
    write_lines (path, lines);
    assert_broken (path, 5, INJ_AUDIT_ERROR_CHANGED);
  }
  /* the line's hash recomputed after the change: the next line's prev */
  {
    g_auto(GStrv) lines = g_strdupv (original);
    char *id = strstr (lines[4], "edit-4");
    char *mark = strstr (lines[4], ",\"hash\":\"");
    g_autofree char *body = NULL;
    g_autofree char *hash = NULL;
    id[5] = '9';
    body = g_strndup (lines[4], (gsize) (mark - lines[4]));
    hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, body, -1);
    g_free (lines[4]);
    lines[4] = g_strdup_printf ("%s,\"hash\":\"%s\"}", body, hash);
    write_lines (path, lines);
    assert_broken (path, 6, INJ_AUDIT_ERROR_CHAIN);
  }
}

static void
test_remove_line (void)
{
  g_autofree char *path = fresh_log ("remove");
  g_auto(GStrv) original = NULL;

  append_n (path, 8, "remove");
  original = read_lines (path);
  for (guint k = 0; k < 7; k++) /* removing the last line leaves a valid, shorter chain */
    {
      GPtrArray *kept = g_ptr_array_new ();
      g_autofree char **v = NULL;
      for (guint i = 0; original[i]; i++)
        if (i != k)
          g_ptr_array_add (kept, original[i]);
      g_ptr_array_add (kept, NULL);
      v = (char **) g_ptr_array_free (kept, FALSE);
      write_lines (path, v);
      assert_broken (path, k + 1, INJ_AUDIT_ERROR_SEQUENCE);
    }
}

static void
test_swap_lines (void)
{
  g_autofree char *path = fresh_log ("swap");
  g_auto(GStrv) original = NULL;

  append_n (path, 8, "swap");
  original = read_lines (path);
  for (guint k = 0; k < 7; k++)
    {
      g_auto(GStrv) lines = g_strdupv (original);
      char *t = lines[k];
      lines[k] = lines[k + 1];
      lines[k + 1] = t;
      write_lines (path, lines);
      assert_broken (path, k + 1, INJ_AUDIT_ERROR_SEQUENCE);
    }
  /* lines far apart */
  {
    g_auto(GStrv) lines = g_strdupv (original);
    char *t = lines[2];
    lines[2] = lines[6];
    lines[6] = t;
    write_lines (path, lines);
    assert_broken (path, 3, INJ_AUDIT_ERROR_SEQUENCE);
  }
}

static void
test_truncate (void)
{
  g_autofree char *path = fresh_log ("truncate");
  g_autofree char *data = NULL;
  gsize len = 0, last;

  append_n (path, 6, "truncate");
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  last = len - 1;
  while (last > 0 && data[last - 1] != '\n')
    last--;
  /* the last line cut half-way */
  g_assert_true (g_file_set_contents (path, data, (gssize) (last + (len - last) / 2), NULL));
  assert_broken (path, 6, INJ_AUDIT_ERROR_INCOMPLETE);

  /* an event appended after it: the cut line stays visible */
  append_n (path, 1, "after");
  assert_broken (path, 6, INJ_AUDIT_ERROR_MALFORMED);

  /* cut in the middle of the file: the line there is wrong */
  g_assert_true (g_file_set_contents (path, data, (gssize) len, NULL));
  {
    g_auto(GStrv) lines = read_lines (path);
    lines[2][strlen (lines[2]) / 2] = '\0';
    write_lines (path, lines);
    assert_broken (path, 3, INJ_AUDIT_ERROR_MALFORMED);
  }
}

static void
test_modes (void)
{
  g_autofree char *path = fresh_log ("modes");
  g_autofree char *dir = g_path_get_dirname (path);
  struct stat st;
  mode_t old = umask (0);

  append_n (path, 1, "modes");
  umask (old);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* a file made readable by others is put back to 0600 on the next write */
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  append_n (path, 1, "modes");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (inj_audit_verify (path, NULL, NULL));
}

/* Two processes appending 200 events each at once: one chain of 400. */
static void
test_concurrent (void)
{
  g_autofree char *path = fresh_log ("concurrent");
  pid_t pids[2];
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  guint n = 0, bad = 0, from_a = 0, from_b = 0;

  append_n (path, 1, "start");
  for (guint p = 0; p < 2; p++)
    {
      pids[p] = fork ();
      g_assert_cmpint (pids[p], >=, 0);
      if (pids[p] == 0)
        {
          append_n (path, 200, p == 0 ? "a" : "b");
          _exit (0);
        }
    }
  for (guint p = 0; p < 2; p++)
    {
      int status = -1;
      g_assert_cmpint (waitpid (pids[p], &status, 0), ==, pids[p]);
      g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
    }
  g_assert_true (inj_audit_verify_full (path, &n, &bad, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 401);
  events = inj_audit_load (path, &error);
  for (guint i = 0; i < events->len; i++)
    {
      InjAuditEvent *e = g_ptr_array_index (events, i);
      if (g_str_has_prefix (e->delegation_id, "a-"))
        from_a++;
      else if (g_str_has_prefix (e->delegation_id, "b-"))
        from_b++;
    }
  g_assert_cmpuint (from_a, ==, 200);
  g_assert_cmpuint (from_b, ==, 200);
}

/* What a line may hold: tokens only. A value that could carry a name, an
 * address, a date or a message does not reach the file. */
static void
test_only_tokens (void)
{
  g_autofree char *path = fresh_log ("tokens");
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) failure = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                                   "山田 太郎 東京都千代田区 1980-01-01 TESTPASS1");
  g_autofree char *code = inj_audit_error_code (failure);
  InjAuditEvent e = {
    .action = (char *) INJ_AUDIT_SIGN,
    .delegation_id = (char *) "山田 太郎",
    .fingerprint = (char *) "東京都千代田区",
    .serial = (char *) "1980-01-01",
    .code = code,
    .detail = (char *) "TESTPASS1 \"},{\"x\":1",
    .result = (char *) "failed",
  };

  g_assert_cmpstr (code, ==, "g-io-error:0");
  g_assert_true (inj_audit_append (path, &e, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  g_assert_null (strstr (data, "山田"));
  g_assert_null (strstr (data, "東京都"));
  g_assert_null (strstr (data, "1980"));
  g_assert_null (strstr (data, "TESTPASS1"));
  g_assert_nonnull (strstr (data, "\"code\":\"g-io-error:0\""));
  g_assert_true (inj_audit_verify (path, NULL, NULL));
}

static void
test_labels (void)
{
  g_autofree char *when = inj_audit_display_time ("2026-03-31T15:04:05Z");

  g_assert_cmpstr (when, ==, "2026-04-01 00:04:05"); /* JST */
  g_assert_cmpstr (inj_audit_action_label (INJ_AUDIT_SIGN), ==, _("Signed a delegation"));
  /* the card's password and PIN changed: each named, in the words of the card page */
  g_assert_cmpstr (inj_audit_action_label (INJ_AUDIT_PASSWORD_CHANGE), ==,
                   "署名用電子証明書のパスワードを変更");
  g_assert_cmpstr (inj_audit_action_label (INJ_AUDIT_PIN_CHANGE), ==,
                   "利用者証明用電子証明書の暗証番号を変更");
  g_assert_cmpstr (inj_audit_result_label ("failed"), ==, _("failed"));
}

int
main (int argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int rc;

  test_init (&argc, &argv);
  work = g_dir_make_tmp ("inj-audit-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/audit/chain", test_chain);
  g_test_add_func ("/audit/edit-byte", test_edit_byte);
  g_test_add_func ("/audit/remove-line", test_remove_line);
  g_test_add_func ("/audit/swap-lines", test_swap_lines);
  g_test_add_func ("/audit/truncate", test_truncate);
  g_test_add_func ("/audit/modes", test_modes);
  g_test_add_func ("/audit/concurrent", test_concurrent);
  g_test_add_func ("/audit/only-tokens", test_only_tokens);
  g_test_add_func ("/audit/labels", test_labels);
  rc = g_test_run ();
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", work);
    (void) !system (cmd);
  }
  g_free (work);
  return rc;
}
