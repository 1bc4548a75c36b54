/* test-vcard-change.c: CHANGE REFERENCE DATA (00 24 01 80 Lc <new>) on the
 * virtual card: only after a VERIFY of the same PIN in the current
 * selection, the new value kept for the rest of the run (not written to the
 * profile), the usual ISO answers to a malformed command, the data never
 * logged, and both switches where the real card is not documented
 * (change-format refuses|stores, change-verified keeps|clears). */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "test-vcard-support.h"

#define NEW_SIGN "NEWPASS22"
#define NEW_AUTH "5678"

static char *
change_apdu (const char *value)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "00240180%02X", (unsigned) strlen (value));
  for (const char *p = value; *p; p++)
    g_string_append_printf (s, "%02X", (unsigned char) *p);
  return g_string_free (s, FALSE);
}

static void
change (VcardApplet *applet,
        const char *value,
        guint16 sw)
{
  g_autofree char *apdu = change_apdu (value);

  expect (applet, apdu, sw, 0);
}

static VcardApplet *
applet_with (Fixture *fx,
             const char *name,
             const char *value,
             VcardLog *log)
{
  g_autoptr(GError) error = NULL;
  VcardApplet *applet = applet_new (fx, log);

  if (name)
    g_assert_true (vcard_applet_set_switch (applet, name, value, &error));
  g_assert_no_error (error);
  vcard_applet_inserted (applet);
  vcard_applet_power_on (applet);
  expect (applet, SELECT_AP, 0x9000, 0);
  return applet;
}

static void
test_change (gconstpointer data)
{
  Fixture *fx = (Fixture *) data;
  g_autoptr(VcardApplet) applet = applet_with (fx, NULL, NULL, NULL);
  g_autoptr(VcardApplet) fresh = NULL;

  /* Not before a VERIFY of that PIN. */
  expect (applet, "00A4020C02001B", 0x9000, 0);
  change (applet, NEW_SIGN, 0x6982);
  /* The other PIN's VERIFY does not do. */
  verify (applet, VCARD_PIN_AUTH, AUTH_PIN, 0x9000);
  expect (applet, "00A4020C02001B", 0x9000, 0);
  change (applet, NEW_SIGN, 0x6982);

  verify (applet, VCARD_PIN_SIGN, SIGN_PIN, 0x9000);
  change (applet, NEW_SIGN, 0x9000);
  /* By default the PIN stays verified, as after the VERIFY. */
  g_assert_true (vcard_applet_is_verified (applet, VCARD_PIN_SIGN));
  expect (applet, "00A4020C020001", 0x9000, 0);
  expect (applet, "00B0000004", 0x9000, 4);

  /* Afterwards the old value fails (a try) and the new one works. */
  expect (applet, SELECT_AP, 0x9000, 0);
  verify (applet, VCARD_PIN_SIGN, SIGN_PIN, 0x63C4);
  verify (applet, VCARD_PIN_SIGN, NEW_SIGN, 0x9000);
  g_assert_cmpint (vcard_applet_get_tries (applet, VCARD_PIN_SIGN), ==, 5);

  /* The authentication PIN the same way. */
  verify (applet, VCARD_PIN_AUTH, AUTH_PIN, 0x9000);
  change (applet, NEW_AUTH, 0x9000);
  verify (applet, VCARD_PIN_AUTH, AUTH_PIN, 0x63C2);
  verify (applet, VCARD_PIN_AUTH, NEW_AUTH, 0x9000);

  /* A wrong VERIFY ends the verification: no CHANGE after it. */
  verify (applet, VCARD_PIN_AUTH, "0000", 0x63C2);
  change (applet, "9999", 0x6982);
  verify (applet, VCARD_PIN_AUTH, NEW_AUTH, 0x9000);

  /* A reset or a power cycle keeps the new values (the card's EEPROM). */
  vcard_applet_power_off (applet);
  vcard_applet_power_on (applet);
  expect (applet, SELECT_AP, 0x9000, 0);
  verify (applet, VCARD_PIN_SIGN, NEW_SIGN, 0x9000);
  verify (applet, VCARD_PIN_AUTH, NEW_AUTH, 0x9000);

  /* The profile on disk is untouched: the next run starts from it. */
  fresh = applet_with (fx, NULL, NULL, NULL);
  verify (fresh, VCARD_PIN_SIGN, SIGN_PIN, 0x9000);
  verify (fresh, VCARD_PIN_AUTH, AUTH_PIN, 0x9000);
}

static void
test_malformed (gconstpointer data)
{
  Fixture *fx = (Fixture *) data;
  g_autoptr(VcardApplet) applet = applet_with (fx, NULL, NULL, NULL);

  /* No PIN EF selected: no current EF to change. */
  expect (applet, "0024018004" "35363738", 0x6986, 0);
  expect (applet, "00A4020C020001", 0x9000, 0);
  expect (applet, "0024018004" "35363738", 0x6986, 0);

  verify (applet, VCARD_PIN_AUTH, AUTH_PIN, 0x9000);
  expect (applet, "0024008004" "35363738", 0x6A86, 0);  /* P1 00 */
  expect (applet, "0024018104" "35363738", 0x6A86, 0);  /* P2 81 */
  expect (applet, "00240180", 0x6700, 0);               /* no data */
  expect (applet, "0024018004" "3536373800", 0x6700, 0); /* Le */
  expect (applet, "0024018005" "35363738", 0x6700, 0);  /* Lc too long */
  /* In the proprietary class it does not exist. */
  expect (applet, "8024018004" "35363738", 0x6D00, 0);
  /* None of them changed anything. */
  verify (applet, VCARD_PIN_AUTH, AUTH_PIN, 0x9000);
}

static void
test_format_switch (gconstpointer data)
{
  Fixture *fx = (Fixture *) data;
  g_autoptr(VcardApplet) refuses = applet_with (fx, "change-format", "refuses", NULL);
  g_autoptr(VcardApplet) stores = applet_with (fx, "change-format", "stores", NULL);
  const char *bad_sign[] = { "ABCDE", "abcdef", "ABC-DEF", "ABCDEFGHIJKLMNOPQ" };
  const char *bad_auth[] = { "123", "12345", "12a4" };

  for (gsize i = 0; i < G_N_ELEMENTS (bad_sign); i++)
    {
      verify (refuses, VCARD_PIN_SIGN, SIGN_PIN, 0x9000);
      change (refuses, bad_sign[i], 0x6A80);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad_auth); i++)
    {
      verify (refuses, VCARD_PIN_AUTH, AUTH_PIN, 0x9000);
      change (refuses, bad_auth[i], 0x6A80);
    }
  /* Nothing was stored. */
  verify (refuses, VCARD_PIN_SIGN, SIGN_PIN, 0x9000);
  verify (refuses, VCARD_PIN_AUTH, AUTH_PIN, 0x9000);

  /* The other setting stores whatever it is given. */
  verify (stores, VCARD_PIN_SIGN, SIGN_PIN, 0x9000);
  change (stores, "abc", 0x9000);
  verify (stores, VCARD_PIN_SIGN, SIGN_PIN, 0x63C4);
  verify (stores, VCARD_PIN_SIGN, "abc", 0x9000);
  verify (stores, VCARD_PIN_AUTH, AUTH_PIN, 0x9000);
  change (stores, "12a", 0x9000);
  verify (stores, VCARD_PIN_AUTH, "12a", 0x9000);
}

static void
test_verified_switch (gconstpointer data)
{
  Fixture *fx = (Fixture *) data;
  g_autoptr(VcardApplet) keeps = applet_with (fx, "change-verified", "keeps", NULL);
  g_autoptr(VcardApplet) clears = applet_with (fx, "change-verified", "clears", NULL);

  verify (keeps, VCARD_PIN_SIGN, SIGN_PIN, 0x9000);
  change (keeps, NEW_SIGN, 0x9000);
  g_assert_true (vcard_applet_is_verified (keeps, VCARD_PIN_SIGN));
  expect (keeps, "00A4020C020001", 0x9000, 0);
  expect (keeps, "00B0000004", 0x9000, 4);

  verify (clears, VCARD_PIN_SIGN, SIGN_PIN, 0x9000);
  change (clears, NEW_SIGN, 0x9000);
  g_assert_false (vcard_applet_is_verified (clears, VCARD_PIN_SIGN));
  /* A second change needs the new value verified. */
  change (clears, "THIRD333", 0x6982);
  expect (clears, "00A4020C020001", 0x9000, 0);
  expect (clears, "00B0000004", 0x6982, 0);
  verify (clears, VCARD_PIN_SIGN, NEW_SIGN, 0x9000);
  verify (clears, VCARD_PIN_AUTH, AUTH_PIN, 0x9000);
  change (clears, NEW_AUTH, 0x9000);
  g_assert_false (vcard_applet_is_verified (clears, VCARD_PIN_AUTH));
  g_assert_true (vcard_applet_is_verified (clears, VCARD_PIN_SIGN));
}

static void
test_bad_switch_values (gconstpointer data)
{
  g_autoptr(VcardApplet) applet = applet_new ((Fixture *) data, NULL);
  const char *bad[][2] = {
    { "change-format", "maybe" }, { "change-format", "6A80" }, { "change-verified", "yes" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_false (vcard_applet_set_switch (applet, bad[i][0], bad[i][1], &error));
      g_assert_error (error, VCARD_ERROR, VCARD_ERROR_USAGE);
    }
}

/* The new value never reaches the APDU log, as text or as hex. */
static void
test_log (gconstpointer data)
{
  Fixture *fx = (Fixture *) data;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vcard-change-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "apdu.jsonl", NULL);
  g_autofree char *text = NULL;
  VcardLog *log;

  g_assert_no_error (error);
  log = vcard_log_new (path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(VcardApplet) applet = applet_with (fx, NULL, NULL, log);
    verify (applet, VCARD_PIN_SIGN, SIGN_PIN, 0x9000);
    change (applet, NEW_SIGN, 0x9000);
    expect (applet, "0024018004" "3536373800", 0x6700, 0);
  }
  vcard_log_free (log);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "\"ins\":\"CHANGE REFERENCE DATA\""));
  g_assert_nonnull (strstr (text, "\"cmd\":\"00240180 09 ******************\""));
  g_assert_null (strstr (text, NEW_SIGN));
  g_assert_null (strstr (text, "4E455750415353323232"));
  g_assert_null (strstr (text, "35363738"));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc,
      char **argv)
{
  Fixture *fx;
  int ret;

  g_test_init (&argc, &argv, NULL);
  fx = fixture_new ();
  g_test_add_data_func ("/vcard/change/both-pins", fx, test_change);
  g_test_add_data_func ("/vcard/change/malformed", fx, test_malformed);
  g_test_add_data_func ("/vcard/change/switch/format", fx, test_format_switch);
  g_test_add_data_func ("/vcard/change/switch/verified", fx, test_verified_switch);
  g_test_add_data_func ("/vcard/change/switch/bad", fx, test_bad_switch_values);
  g_test_add_data_func ("/vcard/change/log", fx, test_log);
  ret = g_test_run ();
  fixture_free (fx);
  return ret;
}
