/* test-vcard-switches.c: the virtual card's switches for what public
 * sources do not settle about real cards (a locked PIN's answers, whether
 * re-selecting the AP clears the verified state, EF 001B on a card without
 * signing), and the card issued to a child under 15. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "test-vcard-support.h"

static const char child_ini[] =
  "[card]\n"
  "[auth-pin]\n"
  "pin = " AUTH_PIN "\n";

static VcardApplet *
applet_with (Fixture *fx,
             const char *name,
             const char *value)
{
  g_autoptr(GError) error = NULL;
  VcardApplet *applet = applet_new (fx, NULL);

  g_assert_true (vcard_applet_set_switch (applet, name, value, &error));
  g_assert_no_error (error);
  return applet;
}

static void
lock_auth (VcardApplet *applet)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (vcard_applet_set_tries (applet, VCARD_PIN_AUTH, 0, &error));
  expect (applet, SELECT_AP, 0x9000, 0);
  expect (applet, "00A4020C020018", 0x9000, 0);
}

static void
test_locked_query (gconstpointer data)
{
  Fixture *fx = (Fixture *) data;
  g_autoptr(VcardApplet) a63 = applet_with (fx, "locked-query", "63C0");
  g_autoptr(VcardApplet) a69 = applet_with (fx, "locked-query", "6984");

  lock_auth (a63);
  expect (a63, "00200080", 0x63C0, 0);
  lock_auth (a69);
  expect (a69, "00200080", 0x6984, 0);
  /* The data VERIFY is the other switch, at its default. */
  expect (a69, "002000800431323334", 0x6983, 0);
  /* A PIN not locked answers 63 Cx whatever the switch. */
  expect (a69, "00A4020C02001B", 0x9000, 0);
  expect (a69, "00200080", 0x63C5, 0);
}

static void
test_locked_verify (gconstpointer data)
{
  Fixture *fx = (Fixture *) data;
  g_autoptr(VcardApplet) a83 = applet_with (fx, "locked-verify", "6983");
  g_autoptr(VcardApplet) a84 = applet_with (fx, "locked-verify", "6984");

  lock_auth (a83);
  expect (a83, "002000800431323334", 0x6983, 0);
  lock_auth (a84);
  expect (a84, "002000800431323334", 0x6984, 0);
  g_assert_false (vcard_applet_is_verified (a84, VCARD_PIN_AUTH));
  g_assert_cmpint (vcard_applet_get_tries (a84, VCARD_PIN_AUTH), ==, 0);
  expect (a84, "00200080", 0x63C0, 0);
}

static void
test_reselect (gconstpointer data)
{
  Fixture *fx = (Fixture *) data;
  g_autoptr(VcardApplet) clears = applet_with (fx, "reselect", "clears");
  g_autoptr(VcardApplet) keeps = applet_with (fx, "reselect", "keeps");

  expect (clears, SELECT_AP, 0x9000, 0);
  verify (clears, VCARD_PIN_SIGN, SIGN_PIN, 0x9000);
  expect (clears, SELECT_AP, 0x9000, 0);
  g_assert_false (vcard_applet_is_verified (clears, VCARD_PIN_SIGN));
  expect (clears, "00A4020C020001", 0x9000, 0);
  expect (clears, "00B0000004", 0x6982, 0);

  expect (keeps, SELECT_AP, 0x9000, 0);
  verify (keeps, VCARD_PIN_SIGN, SIGN_PIN, 0x9000);
  verify (keeps, VCARD_PIN_AUTH, AUTH_PIN, 0x9000);
  expect (keeps, SELECT_AP, 0x9000, 0);
  g_assert_true (vcard_applet_is_verified (keeps, VCARD_PIN_SIGN));
  g_assert_true (vcard_applet_is_verified (keeps, VCARD_PIN_AUTH));
  /* The EF selection is gone with the DF selected again. */
  expect (keeps, "00B0000004", 0x6986, 0);
  expect (keeps, "00A4020C020001", 0x9000, 0);
  expect (keeps, "00B0000004", 0x9000, 4);
  /* Only a reset (or a power cycle) clears it. */
  vcard_applet_reset (keeps);
  g_assert_false (vcard_applet_is_verified (keeps, VCARD_PIN_SIGN));
  g_assert_false (vcard_applet_is_verified (keeps, VCARD_PIN_AUTH));
  expect (keeps, SELECT_AP, 0x9000, 0);
  expect (keeps, "00A4020C020001", 0x9000, 0);
  expect (keeps, "00B0000004", 0x6982, 0);
  verify (keeps, VCARD_PIN_SIGN, SIGN_PIN, 0x9000);
  vcard_applet_power_off (keeps);
  vcard_applet_power_on (keeps);
  g_assert_false (vcard_applet_is_verified (keeps, VCARD_PIN_SIGN));
}

static char *
child_dir (Fixture *fx)
{
  char *dir = write_profile (fx, child_ini);
  g_autofree char *cert = g_build_filename (dir, "sign-cert.der", NULL);
  g_autofree char *key = g_build_filename (dir, "sign-key.pem", NULL);

  g_assert_cmpint (g_unlink (cert), ==, 0);
  g_assert_cmpint (g_unlink (key), ==, 0);
  return dir;
}

static VcardApplet *
child_applet (const char *dir,
              const char *sign_pin_ef)
{
  g_autoptr(GError) error = NULL;
  VcardProfile *profile = vcard_profile_load (dir, &error);
  VcardApplet *applet;

  g_assert_no_error (error);
  g_assert_false (profile->has_sign);
  applet = vcard_applet_new (profile, NULL);
  g_assert_true (vcard_applet_set_switch (applet, "sign-pin-ef", sign_pin_ef, &error));
  return applet;
}

static void
test_child (gconstpointer data)
{
  Fixture *fx = (Fixture *) data;
  g_autofree char *dir = child_dir (fx);
  g_autoptr(VcardApplet) present = child_applet (dir, "present");
  g_autoptr(VcardApplet) absent = child_applet (dir, "absent");
  VcardApplet *both[] = { present, absent };

  for (gsize i = 0; i < G_N_ELEMENTS (both); i++)
    {
      g_autoptr(GBytes) info = NULL;

      expect (both[i], SELECT_AP, 0x9000, 0);
      expect (both[i], "00A4020C020008", 0x9000, 0);
      info = tx (both[i], "00B0000003");
      g_assert_cmphex (sw_of (info), ==, 0x9000);
      g_assert_cmpmem (g_bytes_get_data (info, NULL), 3, "\x00\x8F\x00", 3);
      /* No signing certificate, no signing key. */
      expect (both[i], "00A4020C020001", 0x6A82, 0);
      expect (both[i], "00A4020C02001A", 0x6A82, 0);
      /* The CA certificates and the authentication side are there. */
      expect (both[i], "00A4020C020002", 0x9000, 0);
      expect (both[i], "00A4020C02000A", 0x9000, 0);
      verify (both[i], VCARD_PIN_AUTH, AUTH_PIN, 0x9000);
      expect (both[i], "00A4020C020017", 0x9000, 0);
    }
  expect (present, "00A4020C02001B", 0x9000, 0);
  expect (present, "00200080", 0x63C5, 0);
  /* No password was ever set: nothing matches. */
  {
    g_autofree char *apdu = verify_apdu (SIGN_PIN);
    expect (present, apdu, 0x63C4, 0);
  }
  expect (absent, "00A4020C02001B", 0x6A82, 0);
  remove_dir (dir);
}

static void
test_child_profile (gconstpointer data)
{
  Fixture *fx = (Fixture *) data;
  g_autofree char *dir = write_profile (fx, test_valid_ini);
  g_autofree char *key = g_build_filename (dir, "sign-key.pem", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VcardProfile) profile = NULL;

  /* A certificate without its key (or the other way round) is a mistake. */
  g_assert_cmpint (g_unlink (key), ==, 0);
  profile = vcard_profile_load (dir, &error);
  g_assert_null (profile);
  g_assert_error (error, VCARD_ERROR, VCARD_ERROR_PROFILE);
  g_assert_nonnull (strstr (error->message, "go together"));
  remove_dir (dir);
}

static void
test_bad_switches (gconstpointer data)
{
  g_autoptr(VcardApplet) applet = applet_new ((Fixture *) data, NULL);
  const char *bad[][2] = {
    { "locked-query", "6983" }, { "locked-query", "9000" }, { "locked-verify", "63C0" },
    { "reselect", "sometimes" }, { "sign-pin-ef", "yes" }, { "lenient", "on" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_false (vcard_applet_set_switch (applet, bad[i][0], bad[i][1], &error));
      g_assert_error (error, VCARD_ERROR, VCARD_ERROR_USAGE);
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
  g_test_add_data_func ("/vcard/switch/locked-query", fx, test_locked_query);
  g_test_add_data_func ("/vcard/switch/locked-verify", fx, test_locked_verify);
  g_test_add_data_func ("/vcard/switch/reselect", fx, test_reselect);
  g_test_add_data_func ("/vcard/switch/bad", fx, test_bad_switches);
  g_test_add_data_func ("/vcard/child/files", fx, test_child);
  g_test_add_data_func ("/vcard/child/profile", fx, test_child_profile);
  ret = g_test_run ();
  fixture_free (fx);
  return ret;
}
