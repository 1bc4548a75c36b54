/* test-card-survey.c: the window's card survey (what the card page and
 * the sign page show) for the cards PKCS#11 alone gets wrong: a locked PIN
 * whose empty VERIFY answers 69 84 (OpenSC 0.23 shows no token) or 63 C0,
 * and a card issued to a child under 15 (no signing certificate), with and
 * without EF 001B. Inside with-card.sh; each case starts its own card. No
 * display: the survey and the state texts need none. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "card-support.h"
#include "inj-app.h"
#include "inj-card-page.h"
#include "inj-card-survey.h"

static void
on_survey (GObject *source,
           GAsyncResult *result,
           gpointer data)
{
  InjCardSurvey **out = data;
  g_autoptr(GError) error = NULL;

  *out = inj_card_survey_finish (result, &error);
  g_assert_no_error (error);
}

static InjCardSurvey *
survey (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(InjCardMonitor) m = inj_card_monitor_new (NULL, &error);
  InjCardSurvey *s = NULL;

  g_assert_no_error (error);
  g_assert_true (inj_card_monitor_refresh (m, NULL));
  inj_card_survey_async (m, 1, NULL, on_survey, &s);
  while (s == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_test_message ("state %d: %s / %s", s->state, inj_card_state_title (s->state),
                  s->details ? s->details : "");
  return s;
}

static void
test_locked (gconstpointer data)
{
  const char *query = data;
  const char *args[] = { "--locked-query", query, "--sign-tries", "0", NULL };
  g_autoptr(TestVcard) vc = test_vcard_start ("representative", args);
  g_autoptr(InjCardSurvey) s = survey ();

  if (g_str_equal (query, "6984"))
    {
      /* No token at all: never "not a My Number card". */
      g_assert_cmpint (s->state, ==, INJ_CARD_STATE_LOCKED);
      g_assert_nonnull (strstr (inj_card_state_title (s->state), "ロック"));
      /* what to bring where, and that nothing is lost */
      g_assert_nonnull (strstr (inj_card_state_description (s->state), "市区町村の窓口"));
      g_assert_nonnull (strstr (inj_card_state_description (s->state), "再設定"));
      g_assert_nonnull (strstr (inj_card_state_description (s->state), "マイナンバーカードをお持ち"));
      g_assert_nonnull (strstr (inj_card_state_description (s->state), "失われていません"));
      g_assert_nonnull (s->details);
      g_assert_nonnull (strstr (s->details, "署名用電子証明書のパスワード"));
      g_assert_nonnull (strstr (s->details, "市区町村の窓口"));
    }
  else
    {
      /* Listed by OpenSC: the card page's PIN rows say it is locked. */
      g_autoptr(InjPinStatus) st = NULL;

      g_assert_cmpint (s->state, ==, INJ_CARD_STATE_READY);
      st = inj_card_get_pin_status (s->card, INJ_PIN_SIGN, NULL, NULL);
      g_assert_true (st->locked);
      g_assert_nonnull (strstr (s->details, "市区町村の窓口"));
    }
  g_assert_cmpint (s->state, !=, INJ_CARD_STATE_NOT_MY_NUMBER);
}

static char *
child_profile (void)
{
  const char *files[] = { "auth-ca.der", "auth-cert.der", "auth-key.pem", "sign-ca.der" };
  char *dir = g_dir_make_tmp ("inj-child-XXXXXX", NULL);
  g_autofree char *pin = test_persona_value ("representative", "card", "auth-pin");
  g_autofree char *ini = g_strdup_printf ("[card]\n[auth-pin]\npin = %s\n", pin);
  g_autofree char *ini_path = g_build_filename (dir, "profile.ini", NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *from = test_persona_path ("representative", files[i]);
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
test_child (gconstpointer data)
{
  const char *sign_pin_ef = data;
  g_autofree char *dir = child_profile ();
  const char *args[] = { "--sign-pin-ef", sign_pin_ef, NULL };
  TestVcard *vc = test_vcard_start (dir, args);
  g_autoptr(InjCardSurvey) s = survey ();
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_assert_cmpint (s->state, ==, g_str_equal (sign_pin_ef, "present") ? INJ_CARD_STATE_READY
                                                                      : INJ_CARD_STATE_NO_TOKEN);
  /* What it can do and what it cannot. */
  g_assert_nonnull (s->details);
  g_assert_nonnull (strstr (s->details, "署名できません"));
  g_assert_nonnull (strstr (s->details, "アップロード"));
  test_vcard_stop (vc);
  d = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_ready (void)
{
  g_autoptr(TestVcard) vc = test_vcard_start ("representative", NULL);
  g_autoptr(InjCardSurvey) s = survey ();

  g_assert_cmpint (s->state, ==, INJ_CARD_STATE_READY);
  g_assert_null (strstr (s->details, "署名できません"));
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  inj_i18n_init ();
  g_test_add_func ("/card-survey/ready", test_ready);
  g_test_add_data_func ("/card-survey/locked/query-63C0", "63C0", test_locked);
  g_test_add_data_func ("/card-survey/locked/query-6984", "6984", test_locked);
  g_test_add_data_func ("/card-survey/child/sign-pin-ef-present", "present", test_child);
  g_test_add_data_func ("/card-survey/child/sign-pin-ef-absent", "absent", test_child);
  return g_test_run ();
}
