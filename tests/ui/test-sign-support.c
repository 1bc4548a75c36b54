/* test-sign-support.c */
#include "config.h"

#include <string.h>

#include "test-sign-support.h"
#include "test-soft-key.h"
#include "test-ui-support.h"

/* Synthetic: a corporation delegating to a 税理士; the agent's name is the
 * agent persona's, the representative's the representative persona's. */
static const char delegation_input[] =
  "[principal]\n"
  "kind = corporation\n"
  "corporate-number = 4010001234567\n"
  "corporate-name = テスト商事株式会社\n"
  "head-office-address = 東京都千代田区試験町一丁目1番1号\n"
  "representative-title = 代表取締役\n"
  "representative-name = 試験 太郎\n"
  "[agent]\n"
  "name = 髙橋 テスト\n"
  "qualification = 税理士\n"
  "address = 愛知県名古屋市中区模擬町四丁目7番8号\n"
  "identifier = 123456\n"
  "[authority]\n"
  "scope = 法人税及び消費税の電子申告に関する一切の権限\n"
  "start = today\n"
  "end = today+1y\n";

char *
test_persona_file (const char *persona,
                   const char *file)
{
  const char *dir = g_getenv ("INJ_TEST_PERSONAS");

  if (dir == NULL)
    g_error ("INJ_TEST_PERSONAS is not set: run this test through meson (it generates the "
             "synthetic personas)");
  if (persona == NULL)
    return g_build_filename (dir, "ca", file, NULL);
  return g_build_filename (dir, "personas", persona, file, NULL);
}

InjDelegation *
test_delegation_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(InjServiceProfile) profile = inj_service_profile_load_default (&error);
  g_autoptr(GDateTime) now = inj_date_now ();
  g_autoptr(GPtrArray) problems = NULL;
  InjDelegation *d;

  g_assert_no_error (error);
  d = inj_delegation_from_input (delegation_input, strlen (delegation_input), profile, now,
                                 &problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (d);
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = inj_delegation_validate (d, now);
  g_assert_cmpuint (problems->len, ==, 0);
  return d;
}

void
test_session_trust_personas (InjSession *session)
{
  g_autofree char *ca = test_persona_file (NULL, "sign-ca.pem");
  const char *anchors[] = { ca, NULL };

  g_assert_true (g_file_test (ca, G_FILE_TEST_EXISTS));
  g_settings_set_strv (inj_session_get_settings (session), "trust-anchors", anchors);
}

/* What the agent page will do: the agent signs a statement naming the
 * session's delegation; it is verified against it before it is taken. */
void
test_session_add_submission (InjSession *session)
{
  g_autofree char *key_path = test_persona_file (TEST_AGENT_PERSONA, "sign-key.pem");
  g_autofree char *cert_path = test_persona_file (TEST_AGENT_PERSONA, "sign-cert.der");
  g_auto(TestSoftKey) key = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = inj_date_now ();
  g_autoptr(InjSubmission) submission = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(InjTrustStore) trust = NULL;
  g_autoptr(InjVerification) v = NULL;
  InjDelegation *d = inj_session_get_delegation (session);

  g_assert_nonnull (d);
  g_assert_true (test_soft_key_load (&key, key_path, cert_path, &error));
  submission = inj_submission_new_for_delegation (inj_delegation_get_text (d, INJ_FIELD_DELEGATION_ID),
                                                  inj_session_get_delegation_digest (session), now);
  xml = inj_submission_sign (submission, test_soft_key_sign, &key, &error);
  g_assert_no_error (error);
  trust = inj_session_dup_trust_store (session, &error);
  g_assert_no_error (error);
  v = inj_verify_submission (xml, trust, now, inj_session_get_delegation_xml (session), NULL,
                             &error);
  g_assert_no_error (error);
  if (!inj_verification_is_valid (v))
    {
      g_autofree char *report = inj_verification_render (v);
      g_error ("the test submission is not valid:\n%s", report);
    }
  inj_session_set_submission (session, xml, inj_verification_get_signer (v));
}

gboolean
test_sign_never (gpointer data)
{
  return FALSE;
}

static void
painted (GdkFrameClock *clock,
         gboolean *done)
{
  *done = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

void
test_sign_screenshot (GtkWidget *widget,
                      const char *name)
{
  gboolean done = FALSE;
  GdkFrameClock *clock;
  gulong id;

  test_ui_wait_until (test_sign_never, NULL, 300);
  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (painted), &done);
  gtk_widget_queue_draw (widget);
  g_assert_true (test_ui_wait_until (flag_set, &done, 5000));
  g_signal_handler_disconnect (clock, id);
  test_ui_screenshot (widget, name);
}

GtkWidget *
test_find_action_button (GtkWidget *widget,
                         const char *action)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = test_find_action_button (c, action);
      if (found)
        return found;
    }
  return NULL;
}
