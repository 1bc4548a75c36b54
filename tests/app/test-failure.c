/* test-failure.c: the last failure noted for support (inj-diagnostics.h):
 * reasons from errors, the log line, and the report's last_error. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "inj-app.h"
#include "inj-diagnostics.h"
#include "inj-pkcs11.h"

static void
test_reasons (void)
{
  static const struct {
    CK_RV rv;
    const char *step;
    const char *reason;
  } card[] = {
    { CKR_PIN_LOCKED, "sign", "sign-locked" },
    { CKR_PIN_LOCKED, "agent", "sign-locked" },
    { CKR_PIN_LOCKED, "profile", "auth-locked" },
    { CKR_PIN_INCORRECT, "sign", "wrong-pin" },
    { INJ_CKR_PIN_FORMAT, "sign", "pin-format" },
    { CKR_DEVICE_REMOVED, "sign", "card-removed" },
    { CKR_TOKEN_NOT_PRESENT, "sign", "card-removed" },
    { INJ_CKR_NO_CARD, "sign", "no-card" },
    { INJ_CKR_NOT_MY_NUMBER, "card", "not-my-number" },
    { CKR_GENERAL_ERROR, "sign", "card-error" },
  };
  static const struct {
    InjNetError code;
    const char *reason;
  } net[] = {
    { INJ_NET_ERROR_UNREACHABLE, "unreachable" },
    { INJ_NET_ERROR_SERVER_CERTIFICATE, "server-certificate" },
    { INJ_NET_ERROR_CLIENT_CERTIFICATE, "client-certificate" },
    { INJ_NET_ERROR_TLS13_WITH_CARD, "tls13-with-card" },
    { INJ_NET_ERROR_PROBLEM, "problem" },
    { INJ_NET_ERROR_FRONT_END, "front-end" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (card); i++)
    {
      g_autoptr(GError) error = NULL;
      inj_pkcs11_set_error (&error, card[i].rv, INJ_PIN_SIGN, -1);
      g_assert_cmpstr (inj_failure_reason_for_error (error, card[i].step), ==, card[i].reason);
    }
  for (guint i = 0; i < G_N_ELEMENTS (net); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (INJ_NET_ERROR, net[i].code, "x");
      g_assert_cmpstr (inj_failure_reason_for_error (error, "upload"), ==, net[i].reason);
    }
  {
    g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "x");
    g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x");
    g_assert_cmpstr (inj_failure_reason_for_error (error, "sign"), ==, "cancelled");
    g_assert_cmpstr (inj_failure_reason_for_error (other, "sign"), ==, "other");
    g_assert_cmpstr (inj_failure_reason_for_error (NULL, "sign"), ==, "other");
  }
}

static void
test_last_failure (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ininjo-failure-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "ininjo.log", NULL);
  g_autofree char *content = NULL;
  g_autoptr(GError) removed = NULL;
  g_autoptr(GError) unreachable = g_error_new_literal (INJ_NET_ERROR, INJ_NET_ERROR_UNREACHABLE,
                                                       "Cannot connect; PIN 1234");
  g_autoptr(JsonObject) last = NULL;
  g_autofree char *code = NULL;

  inj_log_set_path (path);
  inj_log_init (FALSE);
  g_assert_null (inj_diagnostics_last_failure ("2026-01-01T00:00:00Z INFO x[1]: nothing\n"));

  inj_diagnostics_note_failure ("profile", NULL, unreachable);
  inj_pkcs11_set_error (&removed, CKR_DEVICE_REMOVED, INJ_PIN_SIGN, -1);
  /* a step or reason of other characters cannot break the line */
  inj_diagnostics_note_failure ("sign now", NULL, removed);
  g_message ("a later line that is not a failure");

  g_assert_true (g_file_get_contents (path, &content, NULL, NULL));
  g_test_message ("%s", content);
  g_assert_nonnull (strstr (content, "failed: step=profile reason=unreachable error="));
  /* no message in the line */
  g_assert_null (strstr (content, "Cannot connect"));
  g_assert_null (strstr (content, "1234"));

  last = inj_diagnostics_last_failure (content);
  g_assert_nonnull (last);
  code = g_strdup_printf ("%s:%d", g_quark_to_string (INJ_PKCS11_ERROR), (int) CKR_DEVICE_REMOVED);
  g_assert_cmpstr (json_object_get_string_member (last, "step"), ==, "sign_now");
  g_assert_cmpstr (json_object_get_string_member (last, "reason"), ==, "card-removed");
  g_assert_cmpstr (json_object_get_string_member (last, "error"), ==, code);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (last, "time"), "20"));

  inj_log_set_path (NULL);
  g_unlink (path);
  g_rmdir (dir);
}

/* The support pages show Japan time, labelled, whatever the computer's
 * time zone: the report's UTC times are for programs. */
static void
test_time_display (void)
{
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GDateTime) utc = g_date_time_new_utc (2024, 5, 1, 1, 0, 0);
  g_autoptr(GDateTime) there = g_date_time_to_timezone (utc, new_york);
  g_autoptr(GDateTime) until = g_date_time_new_utc (2033, 12, 7, 14, 59, 59);
  g_autofree char *a = inj_diagnostics_time_display (there);
  g_autofree char *b = inj_diagnostics_time_display_iso ("2024-05-01T01:00:00Z");
  g_autofree char *c = inj_diagnostics_time_display_iso ("not a time");
  g_autofree char *d = inj_diagnostics_time_display (NULL);
  g_autofree char *period = inj_diagnostics_period_display (utc, until);
  g_autofree char *period_iso = inj_diagnostics_period_display_iso ("2024-05-01T01:00:00Z",
                                                                    "2033-12-07T14:59:59Z");

  g_assert_cmpstr (a, ==, "2024-05-01 10:00:00（日本時間）");
  g_assert_cmpstr (b, ==, a);
  g_assert_cmpstr (c, ==, "not a time");
  g_assert_cmpstr (d, ==, "—");
  /* labelled once */
  g_assert_cmpstr (period, ==, "2024-05-01 10:00:00 – 2033-12-07 23:59:59（日本時間）");
  g_assert_cmpstr (period_iso, ==, period);
  g_assert_null (strstr (period, "UTC"));
}

/* Every reason the diagnostics note has words of the page's own. */
static void
test_reason_display (void)
{
  static const char *const reasons[] = {
    "sign-locked", "auth-locked", "no-signing", "wrong-pin", "pin-format", "card-removed",
    "no-card", "no-reader", "not-my-number", "card-error", "certificate-expired",
    "root-expired", "root-not-valid-when-signed", "unknown-ca", "verification", "unreachable",
    "server-certificate", "client-certificate", "tls13-with-card", "pin", "problem",
    "protocol", "redirect", "config", "client-key", "tls-policy", "front-end", "rejected",
    "cancelled", "other",
  };

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    {
      const char *words = inj_failure_reason_display (reasons[i]);

      g_assert_nonnull (words);
      /* translated: no ASCII letter left but in TLS and API */
      {
        g_auto(GStrv) parts = g_regex_split_simple ("TLS|API", words, 0, 0);
        g_autofree char *rest = g_strjoinv ("", parts);

        for (const char *p = rest; *p; p++)
          g_assert_false (g_ascii_isalpha (*p));
      }
    }
  g_assert_cmpstr (inj_failure_reason_display ("sign-locked"), ==,
                   "署名用電子証明書のパスワードのロック");
  g_assert_null (inj_failure_reason_display ("not-a-reason"));
  g_assert_null (inj_failure_reason_display (NULL));
}

/* Sizes in the page's words: GLib says "530 bytes" without its catalogue. */
static void
test_size_display (void)
{
  g_autofree char *small = inj_diagnostics_size_display (530);
  g_autofree char *one = inj_diagnostics_size_display (1);
  g_autofree char *large = inj_diagnostics_size_display (5200);

  g_assert_cmpstr (small, ==, "530 バイト");
  g_assert_cmpstr (one, ==, "1 バイト");
  g_assert_null (strstr (large, "byte"));
  g_assert_true (g_str_has_prefix (large, "5.2"));
}

int
main (int argc,
      char **argv)
{
  inj_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/failure/time-display", test_time_display);
  g_test_add_func ("/failure/size-display", test_size_display);
  g_test_add_func ("/failure/reason-display", test_reason_display);
  g_test_add_func ("/failure/reasons", test_reasons);
  g_test_add_func ("/failure/last", test_last_failure);
  return g_test_run ();
}
