/* test-card-reality.c: the card layer against the virtual card's switches
 * for what public sources do not settle about real cards (jpki-card.md,
 * "What is not established"): logout checked after re-selecting the AP
 * (both settings of --reselect), a locked PIN under every answer a real
 * card may give (--locked-query, --locked-verify), and the card issued to
 * a child under 15 (no signing certificate; --sign-pin-ef). The APDU log
 * is the proof. Run through with-card.sh. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "card-support.h"
#include "inj-app.h"

#define PERSONA "representative"

static InjCard *
find_card (InjCardMonitor *m,
           gboolean expected)
{
  for (int i = 0; i < (expected ? 100 : 10); i++)
    {
      InjCard *card;

      g_assert_true (inj_card_monitor_refresh (m, NULL));
      card = inj_card_monitor_get_card (m, NULL);
      if (card)
        return card;
      g_usleep (50 * 1000);
    }
  if (expected)
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

static GBytes *
sha256_of (const char *text)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;

  g_checksum_update (sum, (const guchar *) text, -1);
  g_checksum_get_digest (sum, digest, &len);
  return g_bytes_new (digest, len);
}

static const char *
member (JsonObject *o,
        const char *name)
{
  return json_object_get_string_member_with_default (o, name, "");
}

/* The log from the last entry matching @ins (and @key for a signature)
 * on, as one line per entry: "event ins fid/ef rsp". */
static char *
log_after_last (TestVcard *vc,
                const char *ins)
{
  g_autoptr(GPtrArray) log = test_vcard_log (vc);
  GString *out = g_string_new (NULL);
  guint from = 0;

  for (guint i = 0; i < log->len; i++)
    if (g_str_equal (member (g_ptr_array_index (log, i), "ins"), ins))
      from = i;
  for (guint i = from; i < log->len; i++)
    {
      JsonObject *o = g_ptr_array_index (log, i);
      if (!g_str_equal (member (o, "event"), "apdu"))
        g_string_append_printf (out, "%s\n", member (o, "event"));
      else
        g_string_append_printf (out, "%s %s %s%s\n", member (o, "ins"),
                                *member (o, "fid") ? member (o, "fid") : member (o, "ef"),
                                member (o, "rsp"), *member (o, "aid") ? " AP" : "");
    }
  return g_string_free (out, FALSE);
}

static gboolean
status_has (TestVcard *vc,
            const char *text)
{
  g_autofree char *status = test_vcard_control (vc, "status");

  g_test_message ("card status: %s", status);
  return status && strstr (status, text) != NULL;
}

static GBytes *
sign_with (InjCard *card,
           InjPinKind key,
           const char *password,
           GError **error)
{
  g_autoptr(TestInteraction) ask = test_interaction_new (password);
  g_autoptr(GBytes) digest = sha256_of ("reality");

  return inj_card_sign_digest (card, key, digest, G_TLS_INTERACTION (ask), NULL, error);
}

/* ------------------------------------------------------------ polling */

static guint
apdus (TestVcard *vc)
{
  g_autoptr(GPtrArray) log = test_vcard_log (vc);
  guint n = 0;

  for (guint i = 0; i < log->len; i++)
    n += g_str_equal (member (g_ptr_array_index (log, i), "event"), "apdu");
  return n;
}

/* The card monitor's polls leave a card that stays in its reader alone:
 * asking OpenSC for a token's information locks the card and reads its
 * tries, and OpenSC 0.23 can be left holding the card's mutex for ever when
 * the card is pulled out during that (inj-card-monitor.c, token_info). */
static void
test_polls_leave_card_alone (void)
{
  g_autoptr(TestVcard) vc = test_vcard_start (PERSONA, NULL);
  g_autoptr(InjCardMonitor) m = monitor_new ();
  g_autoptr(InjCard) card = find_card (m, TRUE);
  guint before = apdus (vc);

  for (int i = 0; i < 5; i++)
    g_assert_true (inj_card_monitor_refresh (m, NULL));
  g_test_message ("APDUs: %u after the card was found, %u after 5 more polls", before, apdus (vc));
  g_assert_cmpuint (apdus (vc), ==, before);
  {
    g_autoptr(InjCard) same = inj_card_monitor_get_card (m, NULL);
    g_assert_true (same == card);
  }
}

/* ------------------------------------------------------------ logout */

typedef struct {
  const char *reselect;
  InjPinKind key;
} LogoutCase;

static void
test_logout (gconstpointer data)
{
  const LogoutCase *lc = data;
  const char *args[] = { "--reselect", lc->reselect, NULL };
  g_autoptr(TestVcard) vc = test_vcard_start (PERSONA, args);
  g_autoptr(InjCardMonitor) m = monitor_new ();
  g_autoptr(InjCard) card = find_card (m, TRUE);
  g_autofree char *password = test_persona_value (PERSONA, "card",
                                                  lc->key == INJ_PIN_SIGN ? "sign-pin" : "auth-pin");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sig = sign_with (card, lc->key, password, &error);
  g_autoptr(GBytes) again = NULL;
  g_autofree char *after = NULL;
  gboolean keeps = g_str_equal (lc->reselect, "keeps");

  g_assert_no_error (error);
  g_assert_nonnull (sig);
  after = log_after_last (vc, "COMPUTE DIGITAL SIGNATURE");
  g_test_message ("after the signature:\n%s", after);

  /* The re-selection, then EF 0001 is read to check it. */
  g_assert_nonnull (strstr (after, "SELECT  9000 AP\nSELECT 0001 9000\nREAD BINARY 0001 "));
  if (lc->key == INJ_PIN_SIGN && !keeps)
    {
      /* Seen to work: no reset. */
      g_assert_nonnull (strstr (after, "READ BINARY 0001 6982\n"));
      g_assert_null (strstr (after, "reset"));
    }
  else
    {
      /* Still verified (keeps, signing), or the authentication PIN whose
       * state no EF shows: reset, and checked again. */
      if (lc->key == INJ_PIN_SIGN)
        g_assert_nonnull (strstr (after, "READ BINARY 0001 9000\nreset\n"));
      g_assert_nonnull (strstr (after, "reset\nSELECT  9000 AP\nSELECT 0001 9000\n"
                                       "READ BINARY 0001 6982\n"));
    }
  g_assert_true (status_has (vc, "\"auth_verified\":false,\"sign_verified\":false"));

  /* OpenSC's own handle survives the reset: the next operation works. */
  again = sign_with (card, lc->key, password, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  g_assert_true (status_has (vc, "\"auth_verified\":false,\"sign_verified\":false"));
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
  g_autoptr(InjCardMonitor) m = monitor_new ();
  g_autoptr(InjCard) card = find_card (m, g_str_equal (lc->query, "63C0"));
  g_auto(InjCardProbe) probe = { 0 };
  g_autoptr(GPtrArray) readers = inj_pcsc_list_readers (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  const char *reader;

  g_assert_nonnull (readers);
  g_assert_cmpuint (readers->len, >=, 1);
  reader = ((InjReaderInfo *) g_ptr_array_index (readers, 0))->name;
  if (g_str_equal (lc->query, "6984"))
    /* OpenSC 0.23's bind fails: no JPKI token at all. */
    g_assert_null (card);
  else
    {
      g_autoptr(InjPinStatus) st = inj_card_get_pin_status (card, lc->pin, NULL, &error);
      g_autoptr(TestInteraction) ask = test_interaction_new ("WHATEVER1");
      g_autoptr(GBytes) result = NULL;
      g_autoptr(GBytes) digest = sha256_of ("x");

      g_assert_no_error (error);
      g_assert_true (st->locked);
      if (lc->pin == INJ_PIN_SIGN)
        result = inj_card_read_certificate (card, INJ_CERT_SIGN, G_TLS_INTERACTION (ask), NULL,
                                            &error);
      else
        result = inj_card_sign_digest (card, INJ_PIN_AUTH, digest,
                                       G_TLS_INTERACTION (ask), NULL, &error);
      g_assert_null (result);
      g_assert_true (inj_pkcs11_error_is (error, CKR_PIN_LOCKED));
      g_assert_cmpuint (test_interaction_asked (ask), ==, 0);
      g_clear_error (&error);
    }

  /* Over PC/SC: a My Number card with a locked PIN, never "not one". */
  g_assert_true (inj_pcsc_probe_card (reader, &probe, &error));
  g_assert_no_error (error);
  g_assert_true (probe.jpki);
  g_assert_true (inj_card_probe_locked (&probe, lc->pin));
  g_assert_false (inj_card_probe_locked (&probe, lc->pin == INJ_PIN_SIGN ? INJ_PIN_AUTH
                                                                         : INJ_PIN_SIGN));
  g_assert_cmphex (probe.query_sw[lc->pin], ==, g_str_equal (lc->query, "6984") ? 0x6984 : 0x63C0);
  report = inj_card_report_text (&probe);
  g_test_message ("%s", report);
  g_assert_nonnull (report);
  g_assert_nonnull (strstr (report, "市区町村の窓口"));
  g_assert_nonnull (strstr (report, "初期化"));
  g_assert_cmpstr (inj_card_report_reason (&probe), ==,
                   lc->pin == INJ_PIN_SIGN ? "sign-locked" : "auth-locked");
  /* Nothing was ever presented to the locked PIN. */
  g_assert_cmpuint (test_vcard_count (vc, "VERIFY", lc->pin == INJ_PIN_SIGN ? "001B" : "0018",
                                      TRUE), ==, 0);
}

/* ------------------------------------------------------------ child */

/* A card issued to a child under 15, made from the persona's
 * authentication side (make-personas.sh has no such persona). */
static char *
child_profile (void)
{
  const char *files[] = { "auth-ca.der", "auth-cert.der", "auth-key.pem", "sign-ca.der" };
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("inj-child-XXXXXX", &error);
  g_autofree char *pin = test_persona_value (PERSONA, "card", "auth-pin");
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

static void
remove_profile (char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
  g_free (dir);
}

static void
test_child (gconstpointer data)
{
  const char *sign_pin_ef = data;
  char *dir = child_profile ();
  const char *args[] = { "--sign-pin-ef", sign_pin_ef, NULL };
  g_autoptr(TestVcard) vc = test_vcard_start (dir, args);
  g_autoptr(InjCardMonitor) m = monitor_new ();
  gboolean present = g_str_equal (sign_pin_ef, "present");
  g_autoptr(InjCard) card = find_card (m, present);
  g_autoptr(GPtrArray) readers = inj_pcsc_list_readers (NULL);
  g_auto(InjCardProbe) probe = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;

  g_assert_true (inj_pcsc_probe_card (((InjReaderInfo *) g_ptr_array_index (readers, 0))->name,
                                      &probe, &error));
  g_assert_no_error (error);
  g_assert_true (probe.jpki);
  g_assert_cmpstr (probe.kind, ==, "JPKIAPICCTOKEN2");
  g_assert_true (probe.has_card_info);
  g_assert_cmpmem (probe.card_info, 3, "\x00\x8F\x00", 3);
  g_assert_true (inj_card_probe_without_signing (&probe));
  g_assert_cmpint (probe.pin_present[INJ_PIN_SIGN], ==, present);
  report = inj_card_report_text (&probe);
  g_assert_nonnull (report);
  g_assert_nonnull (strstr (report, "署名できません"));
  g_assert_nonnull (strstr (report, "アップロード"));
  g_assert_cmpstr (inj_card_report_reason (&probe), ==, "no-signing");

  if (!present)
    {
      /* OpenSC 0.23's bind fails on the missing EF 001B. */
      g_assert_null (card);
    }
  else
    {
      g_autoptr(TestInteraction) ask = test_interaction_new ("TESTPASS1");
      g_autofree char *pin = test_persona_value (PERSONA, "card", "auth-pin");
      g_autoptr(GBytes) sig = NULL;
      g_autoptr(GBytes) cert = inj_card_read_certificate (card, INJ_CERT_SIGN,
                                                          G_TLS_INTERACTION (ask), NULL, &error);
      g_autofree char *after = NULL;

      /* Signing is refused before any password is asked. */
      g_assert_null (cert);
      g_assert_true (inj_pkcs11_error_is (error, INJ_CKR_NO_SIGNING));
      g_assert_cmpuint (test_interaction_asked (ask), ==, 0);
      g_clear_error (&error);
      sig = sign_with (card, INJ_PIN_SIGN, "TESTPASS1", &error);
      g_assert_null (sig);
      g_assert_true (inj_pkcs11_error_is (error, INJ_CKR_NO_SIGNING));
      g_clear_error (&error);
      g_assert_cmpuint (test_vcard_count (vc, "VERIFY", "001B", TRUE), ==, 0);

      /* Authentication works; no EF 0001 to check the logout with: reset. */
      sig = sign_with (card, INJ_PIN_AUTH, pin, &error);
      g_assert_no_error (error);
      g_assert_nonnull (sig);
      after = log_after_last (vc, "COMPUTE DIGITAL SIGNATURE");
      g_test_message ("after the signature:\n%s", after);
      g_assert_nonnull (strstr (after, "SELECT 0001 6A82\nreset\n"));
      g_assert_true (status_has (vc, "\"auth_verified\":false"));
    }
  test_vcard_stop (g_steal_pointer (&vc));
  remove_profile (dir);
}

/* ------------------------------------------------------------ kind */

static void
test_kind (void)
{
  g_autoptr(TestVcard) vc = test_vcard_start (PERSONA, NULL);
  g_autoptr(GPtrArray) readers = inj_pcsc_list_readers (NULL);
  const char *reader = ((InjReaderInfo *) g_ptr_array_index (readers, 0))->name;
  g_auto(InjCardProbe) probe = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *kind = inj_pcsc_read_token_kind (reader, &error);

  /* EF 0006 holds "JPKIAPICCTOKEN2" padded with spaces: trimmed. */
  g_assert_no_error (error);
  g_assert_cmpstr (kind, ==, "JPKIAPICCTOKEN2");
  g_assert_true (inj_pcsc_probe_card (reader, &probe, &error));
  g_assert_cmpstr (probe.kind, ==, "JPKIAPICCTOKEN2");
  g_assert_cmpmem (probe.card_info, 3, "\x8F\x8F\x00", 3);
  g_assert_false (inj_card_probe_without_signing (&probe));
  g_assert_null (inj_card_report_text (&probe));
}

int
main (int argc,
      char **argv)
{
  static const LogoutCase logout[] = {
    { "clears", INJ_PIN_SIGN }, { "keeps", INJ_PIN_SIGN },
    { "clears", INJ_PIN_AUTH }, { "keeps", INJ_PIN_AUTH },
  };
  static const char *const answers[][2] = {
    { "63C0", "6983" }, { "63C0", "6984" }, { "6984", "6983" }, { "6984", "6984" },
  };
  static LockedCase locked[G_N_ELEMENTS (answers) * 2];

  g_test_init (&argc, &argv, NULL);
  inj_i18n_init ();
  g_test_add_func ("/reality/kind", test_kind);
  g_test_add_func ("/reality/monitor/polls-leave-card-alone", test_polls_leave_card_alone);
  for (guint i = 0; i < G_N_ELEMENTS (logout); i++)
    {
      g_autofree char *path = g_strdup_printf ("/reality/logout/%s/%s-key", logout[i].reselect,
                                               logout[i].key == INJ_PIN_SIGN ? "sign" : "auth");
      g_test_add_data_func (path, &logout[i], test_logout);
    }
  for (guint i = 0; i < G_N_ELEMENTS (locked); i++)
    {
      g_autofree char *path = NULL;

      locked[i].query = answers[i / 2][0];
      locked[i].verify = answers[i / 2][1];
      locked[i].pin = i % 2 ? INJ_PIN_AUTH : INJ_PIN_SIGN;
      path = g_strdup_printf ("/reality/locked/query-%s/verify-%s/%s", locked[i].query,
                              locked[i].verify, i % 2 ? "auth" : "sign");
      g_test_add_data_func (path, &locked[i], test_locked);
    }
  g_test_add_data_func ("/reality/child/sign-pin-ef-present", "present", test_child);
  g_test_add_data_func ("/reality/child/sign-pin-ef-absent", "absent", test_child);
  return g_test_run ();
}
