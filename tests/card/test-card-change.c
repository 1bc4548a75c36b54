/* test-card-change.c: changing the signing password and the authentication
 * PIN (inj_card_change_pin) through the real stack: pcscd, the virtual
 * card, and OpenSC for everything else. Afterwards the old value fails and
 * the new one works; a wrong current value costs exactly one try and sends
 * no CHANGE; a locked PIN refuses before any VERIFY with data, under every
 * answer a real card may give; a new value outside the format sends
 * nothing; the card is left unverified, under every setting of the switches
 * the real card's documentation leaves open. The APDU log is the proof.
 * Run through with-card.sh. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "card-support.h"

#define PERSONA "representative"
#define NEW_SIGN "NEWPASS22"
#define NEW_AUTH "8642"

static InjCard *
find_card (InjCardMonitor *m)
{
  for (int i = 0; i < 100; i++)
    {
      InjCard *card;

      g_assert_true (inj_card_monitor_refresh (m, NULL));
      card = inj_card_monitor_get_card (m, NULL);
      if (card)
        return card;
      g_usleep (50 * 1000);
    }
  g_error ("OpenSC does not show the virtual card as a My Number card");
  return NULL;
}

static InjCardMonitor *
monitor_new (void)
{
  g_autoptr(GError) error = NULL;
  InjCardMonitor *m = inj_card_monitor_new (NULL, &error);

  g_assert_no_error (error);
  return m;
}

static char *
old_value (InjPinKind pin)
{
  return test_persona_value (PERSONA, "card", pin == INJ_PIN_SIGN ? "sign-pin" : "auth-pin");
}

static const char *
pin_ef (InjPinKind pin)
{
  return pin == INJ_PIN_SIGN ? "001B" : "0018";
}

static gboolean
change (InjCard *card,
        InjPinKind pin,
        const char *current,
        const char *new_value,
        GError **error)
{
  g_autoptr(InjSecret) cur = inj_secret_new (current, -1);
  g_autoptr(InjSecret) nv = inj_secret_new (new_value, -1);

  return inj_card_change_pin (card, pin, cur, nv, NULL, error);
}

/* A signature with @pin's key, @password given when asked: proves the
 * value works (and a wrong one fails, using a try). */
static GBytes *
sign_with (InjCard *card,
           InjPinKind pin,
           const char *password,
           GError **error)
{
  g_autoptr(TestInteraction) ask = test_interaction_new (password);
  guint8 digest[32] = { 0x42 };
  g_autoptr(GBytes) sha256 = g_bytes_new (digest, sizeof digest);

  return inj_card_sign_digest (card, pin, sha256, G_TLS_INTERACTION (ask), NULL, error);
}

static guint
apdus (TestVcard *vc)
{
  g_autoptr(GPtrArray) log = test_vcard_log (vc);
  guint n = 0;

  for (guint i = 0; i < log->len; i++)
    n += g_strcmp0 (json_object_get_string_member_with_default (g_ptr_array_index (log, i),
                                                                "event", ""), "apdu") == 0;
  return n;
}

static char *
status (TestVcard *vc)
{
  char *text = test_vcard_control (vc, "status");

  g_test_message ("card status: %s", text);
  return text;
}

static void
assert_unverified (TestVcard *vc)
{
  g_autofree char *st = status (vc);

  g_assert_nonnull (strstr (st, "\"auth_verified\":false,\"sign_verified\":false"));
}

static void
assert_error_message (const GError *error,
                      CK_RV rv,
                      InjPinKind pin,
                      int tries_left)
{
  g_autoptr(GError) expected = NULL;

  inj_pkcs11_set_error (&expected, rv, pin, tries_left);
  g_assert_true (inj_pkcs11_error_is (error, rv));
  g_assert_cmpstr (error->message, ==, expected->message);
}

/* ------------------------------------------------------------ both PINs */

/* Changes @pin from its persona value to @new_value on @card, then shows
 * that the old value fails and the new one works. */
static void
change_and_prove (TestVcard *vc,
                  InjCard *card,
                  InjPinKind pin,
                  const char *given_current,
                  const char *given_new,
                  const char *stored_new)
{
  g_autofree char *old = old_value (pin);
  g_autoptr(GError) error = NULL;
  g_autoptr(InjPinStatus) st = inj_card_get_pin_status (card, pin, NULL, &error);
  g_autoptr(GBytes) sig = NULL;
  guint verifies = test_vcard_count (vc, "VERIFY", pin_ef (pin), TRUE);
  guint changes = test_vcard_count (vc, "CHANGE REFERENCE DATA", pin_ef (pin), FALSE);
  int max = pin == INJ_PIN_SIGN ? 5 : 3;

  /* The tries left are read first, without a try. */
  g_assert_no_error (error);
  g_assert_true (st->exact);
  g_assert_cmpint (st->tries_left, ==, max);

  g_assert_true (change (card, pin, given_current, given_new, &error));
  g_assert_no_error (error);
  /* One VERIFY with data and one CHANGE, on that PIN's EF. */
  g_assert_cmpuint (test_vcard_count (vc, "VERIFY", pin_ef (pin), TRUE), ==, verifies + 1);
  g_assert_cmpuint (test_vcard_count (vc, "CHANGE REFERENCE DATA", pin_ef (pin), FALSE), ==,
                    changes + 1);
  assert_unverified (vc);

  /* The old value fails (one try), the new one works (the count is back). */
  sig = sign_with (card, pin, old, &error);
  g_assert_null (sig);
  assert_error_message (error, CKR_PIN_INCORRECT, pin, max - 1);
  g_clear_error (&error);
  sig = sign_with (card, pin, stored_new, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sig);
  g_clear_pointer (&st, inj_pin_status_free);
  st = inj_card_get_pin_status (card, pin, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (st->tries_left, ==, max);
  assert_unverified (vc);
}

static void
test_change_sign (void)
{
  g_autoptr(TestVcard) vc = test_vcard_start (PERSONA, NULL);
  g_autoptr(InjCardMonitor) m = monitor_new ();
  g_autoptr(InjCard) card = find_card (m);
  g_autofree char *old = old_value (INJ_PIN_SIGN);
  g_autofree char *old_lower = g_ascii_strdown (old, -1);

  /* Lower case is upper-cased, as for signing: both values. */
  change_and_prove (vc, card, INJ_PIN_SIGN, old_lower, "newpass22", NEW_SIGN);
}

static void
test_change_auth (void)
{
  g_autoptr(TestVcard) vc = test_vcard_start (PERSONA, NULL);
  g_autoptr(InjCardMonitor) m = monitor_new ();
  g_autoptr(InjCard) card = find_card (m);
  g_autofree char *old = old_value (INJ_PIN_AUTH);

  change_and_prove (vc, card, INJ_PIN_AUTH, old, NEW_AUTH, NEW_AUTH);
}

/* The same through the card's worker. */
typedef struct {
  gboolean done;
  gboolean ok;
  GError *error;
} AsyncResult;

static void
changed (GObject *source,
         GAsyncResult *result,
         gpointer user_data)
{
  AsyncResult *r = user_data;

  r->ok = inj_card_change_pin_finish (INJ_CARD (source), result, &r->error);
  r->done = TRUE;
}

static void
test_change_async (void)
{
  g_autoptr(TestVcard) vc = test_vcard_start (PERSONA, NULL);
  g_autoptr(InjCardMonitor) m = monitor_new ();
  g_autoptr(InjCard) card = find_card (m);
  g_autofree char *old = old_value (INJ_PIN_SIGN);
  g_autoptr(InjSecret) cur = inj_secret_new (old, -1);
  g_autoptr(InjSecret) nv = inj_secret_new (NEW_SIGN, -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sig = NULL;
  AsyncResult r = { 0 };

  inj_card_change_pin_async (card, INJ_PIN_SIGN, cur, nv, NULL, changed, &r);
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  assert_unverified (vc);
  sig = sign_with (card, INJ_PIN_SIGN, NEW_SIGN, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sig);
}

/* ------------------------------------------------------------ wrong current */

static void
test_wrong_current (gconstpointer data)
{
  InjPinKind pin = GPOINTER_TO_INT (data);
  g_autoptr(TestVcard) vc = test_vcard_start (PERSONA, NULL);
  g_autoptr(InjCardMonitor) m = monitor_new ();
  g_autoptr(InjCard) card = find_card (m);
  g_autofree char *old = old_value (pin);
  g_autoptr(GError) error = NULL;
  g_autoptr(InjPinStatus) st = NULL;
  g_autoptr(GBytes) sig = NULL;
  g_autofree char *text = NULL;
  guint verifies = test_vcard_count (vc, "VERIFY", pin_ef (pin), TRUE);
  int max = pin == INJ_PIN_SIGN ? 5 : 3;

  g_assert_false (change (card, pin, pin == INJ_PIN_SIGN ? "WRONG999" : "0000",
                          pin == INJ_PIN_SIGN ? NEW_SIGN : NEW_AUTH, &error));
  /* The error says the tries left after it. */
  assert_error_message (error, CKR_PIN_INCORRECT, pin, max - 1);
  /* Exactly one VERIFY with data, never retried, and no CHANGE. */
  g_assert_cmpuint (test_vcard_count (vc, "VERIFY", pin_ef (pin), TRUE), ==, verifies + 1);
  g_assert_cmpuint (test_vcard_count (vc, "CHANGE REFERENCE DATA", NULL, FALSE), ==, 0);
  text = status (vc);
  g_assert_nonnull (strstr (text, pin == INJ_PIN_SIGN ? "\"sign_tries\":4" : "\"auth_tries\":2"));
  assert_unverified (vc);
  st = inj_card_get_pin_status (card, pin, NULL, &error);
  g_clear_error (&error);
  g_assert_cmpint (st->tries_left, ==, max - 1);
  /* Nothing changed: the old value still works. */
  sig = sign_with (card, pin, old, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sig);
}

/* ------------------------------------------------------------ locked */

typedef struct {
  const char *query;
  const char *verify;
  InjPinKind pin;
} LockedCase;

static void
test_locked (gconstpointer data)
{
  const LockedCase *lc = data;
  const char *args[] = { "--locked-query", lc->query, "--locked-verify", lc->verify,
                         lc->pin == INJ_PIN_SIGN ? "--sign-tries" : "--auth-tries", "0", NULL };
  g_autoptr(TestVcard) vc = test_vcard_start (PERSONA, args);
  g_autoptr(GPtrArray) readers = inj_pcsc_list_readers (NULL);
  g_autofree char *old = old_value (lc->pin);
  const char *new_value = lc->pin == INJ_PIN_SIGN ? NEW_SIGN : NEW_AUTH;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (readers);
  if (g_str_equal (lc->query, "63C0"))
    {
      g_autoptr(InjCardMonitor) m = monitor_new ();
      g_autoptr(InjCard) card = find_card (m);

      g_assert_false (change (card, lc->pin, old, new_value, &error));
    }
  else
    {
      /* 69 84: OpenSC 0.23 shows no token, so no InjCard; the PC/SC
       * sequence itself refuses all the same. */
      const char *reader = ((InjReaderInfo *) g_ptr_array_index (readers, 0))->name;

      g_assert_false (inj_pcsc_change_pin (reader, lc->pin, old, strlen (old), new_value,
                                           strlen (new_value), &error));
    }
  /* With the guidance to the municipal office. */
  assert_error_message (error, CKR_PIN_LOCKED, lc->pin, 0);
  g_assert_nonnull (strstr (error->message, "市区町村の窓口"));
  /* Nothing presented: no VERIFY with data, no CHANGE. */
  g_assert_cmpuint (test_vcard_count (vc, "VERIFY", pin_ef (lc->pin), TRUE), ==, 0);
  g_assert_cmpuint (test_vcard_count (vc, "CHANGE REFERENCE DATA", NULL, FALSE), ==, 0);
}

/* ------------------------------------------------------------ format */

static void
test_bad_format (void)
{
  static const struct {
    InjPinKind pin;
    const char *current; /* NULL: the persona's */
    const char *new_value;
    CK_RV rv;
  } bad[] = {
    { INJ_PIN_SIGN, NULL, "ABCDE", CKR_PIN_INVALID },          /* 5 characters */
    { INJ_PIN_SIGN, NULL, "ABCDEFGHIJ1234567", CKR_PIN_INVALID }, /* 17 */
    { INJ_PIN_SIGN, NULL, "ABC-DEF1", CKR_PIN_INVALID },       /* a symbol */
    { INJ_PIN_SIGN, NULL, "ＡＢＣＤＥＦ", CKR_PIN_INVALID },   /* full-width */
    { INJ_PIN_SIGN, NULL, "", CKR_PIN_INVALID },
    { INJ_PIN_AUTH, NULL, "123", CKR_PIN_INVALID },            /* 3 digits */
    { INJ_PIN_AUTH, NULL, "12345", CKR_PIN_INVALID },
    { INJ_PIN_AUTH, NULL, "12a4", CKR_PIN_INVALID },           /* a letter */
    { INJ_PIN_SIGN, "ABC", NEW_SIGN, INJ_CKR_PIN_FORMAT },     /* the current one */
    { INJ_PIN_AUTH, "12", NEW_AUTH, INJ_CKR_PIN_FORMAT },
  };
  g_autoptr(TestVcard) vc = test_vcard_start (PERSONA, NULL);
  g_autoptr(InjCardMonitor) m = monitor_new ();
  g_autoptr(InjCard) card = find_card (m);
  guint before = apdus (vc);

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *old = old_value (bad[i].pin);
      g_autoptr(GError) error = NULL;

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_assert_false (change (card, bad[i].pin, bad[i].current ? bad[i].current : old,
                              bad[i].new_value, &error));
      assert_error_message (error, bad[i].rv, bad[i].pin, -1);
      g_assert_nonnull (strstr (error->message, bad[i].pin == INJ_PIN_SIGN ? "6" : "4"));
    }
  /* Not one APDU reached the card. */
  g_assert_cmpuint (apdus (vc), ==, before);
}

/* ------------------------------------------------------------ child */

/* A card issued to a child under 15 (no signing certificate), made from the
 * persona's authentication side as test-card-reality does. */
static char *
child_profile (void)
{
  const char *files[] = { "auth-ca.der", "auth-cert.der", "auth-key.pem", "sign-ca.der" };
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("inj-child-XXXXXX", &error);
  g_autofree char *pin = old_value (INJ_PIN_AUTH);
  g_autofree char *ini = g_strdup_printf ("[card]\n[auth-pin]\npin = %s\n", pin);
  g_autofree char *ini_path = g_build_filename (dir, "profile.ini", NULL);

  g_assert_no_error (error);
  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *from = test_persona_path (PERSONA, files[i]);
      g_autofree char *to = g_build_filename (dir, files[i], NULL);
      g_autofree char *content = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (from, &content, &len, NULL));
      g_assert_true (g_file_set_contents (to, content, (gssize) len, NULL));
    }
  g_assert_true (g_file_set_contents (ini_path, ini, -1, NULL));
  return dir;
}

/* No signing password to change (refused before any VERIFY); the PIN can
 * be changed. */
static void
test_child (void)
{
  g_autofree char *dir = child_profile ();
  g_autoptr(TestVcard) vc = test_vcard_start (dir, NULL);
  g_autoptr(InjCardMonitor) m = monitor_new ();
  g_autoptr(InjCard) card = find_card (m);
  g_autofree char *old = old_value (INJ_PIN_AUTH);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sig = NULL;

  g_assert_false (change (card, INJ_PIN_SIGN, "TESTPASS1", NEW_SIGN, &error));
  g_assert_true (inj_pkcs11_error_is (error, INJ_CKR_NO_SIGNING));
  g_clear_error (&error);
  g_assert_cmpuint (test_vcard_count (vc, "VERIFY", "001B", TRUE), ==, 0);
  g_assert_cmpuint (test_vcard_count (vc, "CHANGE REFERENCE DATA", NULL, FALSE), ==, 0);

  g_assert_true (change (card, INJ_PIN_AUTH, old, NEW_AUTH, &error));
  g_assert_no_error (error);
  assert_unverified (vc);
  sig = sign_with (card, INJ_PIN_AUTH, NEW_AUTH, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sig);

  test_vcard_stop (g_steal_pointer (&vc));
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d && (name = g_dir_read_name (d)))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_unlink (path);
      }
  }
  g_rmdir (dir);
}

/* ------------------------------------------------------------ switches */

typedef struct {
  const char *format;
  const char *verified;
  const char *reselect;
} SwitchCase;

static void
test_switches (gconstpointer data)
{
  const SwitchCase *sc = data;
  const char *args[] = { "--change-format", sc->format, "--change-verified", sc->verified,
                         "--reselect", sc->reselect, NULL };
  g_autoptr(TestVcard) vc = test_vcard_start (PERSONA, args);
  g_autoptr(InjCardMonitor) m = monitor_new ();
  g_autoptr(InjCard) card = find_card (m);
  g_autofree char *old_sign = old_value (INJ_PIN_SIGN);
  g_autofree char *old_auth = old_value (INJ_PIN_AUTH);
  g_autoptr(GError) error = NULL;
  guint before;

  change_and_prove (vc, card, INJ_PIN_SIGN, old_sign, NEW_SIGN, NEW_SIGN);
  change_and_prove (vc, card, INJ_PIN_AUTH, old_auth, NEW_AUTH, NEW_AUTH);
  /* The card's own format rule is never what stops a bad value. */
  before = apdus (vc);
  g_assert_false (change (card, INJ_PIN_AUTH, NEW_AUTH, "12a", &error));
  g_assert_true (inj_pkcs11_error_is (error, CKR_PIN_INVALID));
  g_assert_cmpuint (apdus (vc), ==, before);
}

int
main (int argc,
      char **argv)
{
  static const char *const answers[][2] = {
    { "63C0", "6983" }, { "63C0", "6984" }, { "6984", "6983" }, { "6984", "6984" },
  };
  static LockedCase locked[G_N_ELEMENTS (answers) * 2];
  static SwitchCase switches[8];

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/change/sign", test_change_sign);
  g_test_add_func ("/change/auth", test_change_auth);
  g_test_add_func ("/change/async", test_change_async);
  g_test_add_data_func ("/change/wrong-current/sign", GINT_TO_POINTER (INJ_PIN_SIGN),
                        test_wrong_current);
  g_test_add_data_func ("/change/wrong-current/auth", GINT_TO_POINTER (INJ_PIN_AUTH),
                        test_wrong_current);
  g_test_add_func ("/change/bad-format", test_bad_format);
  g_test_add_func ("/change/child", test_child);
  for (gsize i = 0; i < G_N_ELEMENTS (locked); i++)
    {
      g_autofree char *path = NULL;

      locked[i].query = answers[i / 2][0];
      locked[i].verify = answers[i / 2][1];
      locked[i].pin = i % 2 ? INJ_PIN_AUTH : INJ_PIN_SIGN;
      path = g_strdup_printf ("/change/locked/%s-%s/%s", locked[i].query, locked[i].verify,
                              locked[i].pin == INJ_PIN_SIGN ? "sign" : "auth");
      g_test_add_data_func (path, &locked[i], test_locked);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (switches); i++)
    {
      g_autofree char *path = NULL;

      switches[i].format = i & 1 ? "stores" : "refuses";
      switches[i].verified = i & 2 ? "clears" : "keeps";
      switches[i].reselect = i & 4 ? "keeps" : "clears";
      path = g_strdup_printf ("/change/switches/format-%s/verified-%s/reselect-%s",
                              switches[i].format, switches[i].verified, switches[i].reselect);
      g_test_add_data_func (path, &switches[i], test_switches);
    }
  return g_test_run ();
}
