/* test-agent-step-page.c: step 2 of the representative's flow, on the
 * virtual cards: the agent-zeirishi persona in "Virtual PCD 00 00" (from
 * with-card.sh), others started in the second slot where a test needs
 * them. The tests run in order: the wrong password comes before the right
 * one, which resets the card's counter. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "card-support.h"
#include "inj-agent-common.h"
#include "inj-agent-page.h"
#include "inj-agent-step-page.h"
#include "inj-flow.h"
#include "inj-card-page.h"
#include "inj-window.h"
#include "test-agent-support.h"
#include "test-ui-support.h"

/* the page alone in a window: tests/ui/test-agent-support.h */
typedef TestAgentStep Fixture;

typedef struct {
  InjCardPicker *picker;
  guint n;
} ReaderCount;

static gboolean
readers_are (gpointer data)
{
  ReaderCount *want = data;
  g_auto(GStrv) readers = inj_card_picker_get_readers (want->picker);

  return g_strv_length (readers) == want->n;
}

static void
wait_readers (InjAgentStepPage *page,
              guint n)
{
  ReaderCount want = { inj_agent_step_page_get_card_picker (page), n };

  g_assert_true (test_ui_wait_until (readers_are, &want, 20000));
}

/* Signs at the desk with the card chosen; returns when done. */
static void
sign_at_desk (Fixture *f)
{
  g_assert_true (test_ui_wait_until (test_agent_step_tries_known, f->page, 20000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "agent-step.sign", NULL));
  g_assert_cmpint (inj_agent_step_page_get_state (f->page), ==, INJ_AGENT_STEP_BUSY);
  g_assert_true (test_ui_wait_until (test_agent_step_not_busy, f->page, 60000));
  g_test_message ("problem: %s", inj_agent_step_page_get_problem (f->page));
}

/* A delegation to @agent (a persona), who signs at the desk. */
static void
set_delegation_to (Fixture *f,
                   const char *example,
                   const char *agent)
{
  g_autoptr(InjDelegation) d = test_agent_delegation (example);

  if (agent)
    {
      g_autofree char *name = test_persona_value (agent, "san", "name");
      g_autoptr(GDateTime) now = inj_date_now ();
      inj_delegation_set_input (d, INJ_FIELD_AGENT_NAME, name, now);
    }
  inj_session_set_delegation (f->session, d);
  g_assert_nonnull (inj_session_get_delegation_digest (f->session));
}

static void
set_delegation (Fixture *f,
                const char *example)
{
  set_delegation_to (f, example, NULL);
}

static char *
persona_field (const char *persona,
               const char *key)
{
  return test_persona_value (persona, "san", key);
}

static char *
write_delegation (Fixture *f,
                  InjDelegation *d,
                  const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) xml = inj_delegation_to_xml (d, &error);
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_no_error (error);
  g_file_set_contents (path, g_bytes_get_data (xml, NULL), (gssize) g_bytes_get_size (xml),
                       &error);
  g_assert_no_error (error);
  return path;
}

/* ------------------------------------------------------------ tests */

static void
clipboard_read (GObject *source,
                GAsyncResult *result,
                gpointer data)
{
  *(char **) data = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
}

static gboolean
text_arrived (gpointer data)
{
  return *(char **) data != NULL;
}

static void
test_no_delegation (void)
{
  Fixture f = { 0 };
  g_autofree char *code = NULL;
  g_autofree char *copied = NULL;

  test_agent_step_set_up (&f, "ZEIRISHI4TEST");
  g_assert_cmpint (inj_agent_step_page_get_state (f.page), ==, INJ_AGENT_STEP_NO_DELEGATION);
  g_assert_null (inj_agent_step_page_get_request_code (f.page));
  /* nothing to sign or import for */
  gtk_widget_activate_action (GTK_WIDGET (f.page), "agent-step.sign", NULL);
  g_assert_cmpint (inj_agent_step_page_get_state (f.page), ==, INJ_AGENT_STEP_NO_DELEGATION);
  inj_agent_step_page_import_file (f.page, "/nonexistent");
  g_assert_cmpint (inj_agent_step_page_get_state (f.page), ==, INJ_AGENT_STEP_NO_DELEGATION);
  test_agent_screenshot (f.window, "agent-step-no-delegation");

  set_delegation (&f, "corporation.ini");
  g_assert_cmpint (inj_agent_step_page_get_state (f.page), ==, INJ_AGENT_STEP_WAITING);
  code = inj_request_code (inj_session_get_delegation_digest (f.session));
  g_assert_cmpstr (inj_agent_step_page_get_request_code (f.page), ==, code);

  /* the copy button puts exactly the code on the clipboard */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "agent-step.copy-code", NULL));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (f.page)), NULL,
                                 clipboard_read, &copied);
  g_assert_true (test_ui_wait_until (text_arrived, &copied, 5000));
  g_assert_cmpstr (copied, ==, code);
  g_assert_true (test_ui_wait_until (test_agent_step_tries_known, f.page, 20000));
  test_agent_screenshot (f.window, "agent-step-waiting");

  /* an incomplete delegation again: back to "complete it first" */
  inj_session_set_delegation (f.session, NULL);
  g_assert_cmpint (inj_agent_step_page_get_state (f.page), ==, INJ_AGENT_STEP_NO_DELEGATION);
  g_assert_null (inj_agent_step_page_get_request_code (f.page));
  g_assert_cmpuint (test_agent_interaction_asked (f.interaction), ==, 0);
  test_agent_step_tear_down (&f);
}

static void
test_wrong_password (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) expected = NULL;
  InjCardPicker *picker;
  const InjPinStatus *status;

  test_agent_step_set_up (&f, "WRONG1PASS");
  set_delegation (&f, "corporation.ini");
  picker = inj_agent_step_page_get_card_picker (f.page);
  g_assert_true (test_ui_wait_until (test_agent_step_tries_known, f.page, 20000));
  /* shown before anything is asked, and reading it cost nothing */
  g_assert_cmpint (inj_card_picker_get_pin_status (picker)->tries_left, ==, 5);
  g_assert_cmpstr (inj_card_picker_get_tries_text (picker), !=, NULL);

  sign_at_desk (&f);
  g_assert_cmpuint (test_agent_interaction_asked (f.interaction), ==, 1);
  g_assert_cmpint (inj_agent_step_page_get_state (f.page), ==, INJ_AGENT_STEP_WAITING);
  g_assert_null (inj_session_get_submission (f.session));
  g_assert_null (inj_session_get_agent_certificate (f.session));
  /* the card layer's own words, with the tries left */
  inj_pkcs11_set_error (&expected, CKR_PIN_INCORRECT, INJ_PIN_SIGN, 4);
  g_assert_nonnull (inj_agent_step_page_get_problem (f.page));
  g_assert_nonnull (strstr (inj_agent_step_page_get_problem (f.page), expected->message));
  g_assert_nonnull (strstr (inj_agent_step_page_get_problem (f.page),
                            _("The agent's card did not sign")));

  /* and the tries row follows */
  g_assert_true (test_ui_wait_until (test_agent_step_tries_known, f.page, 20000));
  status = inj_card_picker_get_pin_status (picker);
  g_assert_cmpint (status->tries_left, ==, 4);
  test_agent_screenshot (f.window, "agent-step-wrong-password");
  test_agent_step_tear_down (&f);
}

static void
assert_masked (Fixture *f,
               InjCertificate *cert)
{
  static const InjJpkiField fields[] = { INJ_JPKI_NAME, INJ_JPKI_ADDRESS, INJ_JPKI_BIRTH_DATE };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *real = inj_certificate_get_jpki_field (cert, fields[i]);
      g_autofree char *masked = inj_mask_jpki_field (fields[i], real);
      const char *shown = inj_agent_step_page_get_agent_field (f->page, fields[i]);
      g_assert_cmpstr (shown, ==, masked);
      g_assert_cmpstr (shown, !=, real);
    }
}

/* While the password is asked, the page is busy: a picture of that. */
static void
picture_busy (gpointer data)
{
  Fixture *f = data;

  g_assert_cmpint (inj_agent_step_page_get_state (f->page), ==, INJ_AGENT_STEP_BUSY);
  /* the card's thread waits for the answer meanwhile */
  test_agent_screenshot (f->window, "agent-step-busy");
}

static void
test_desk_sign (void)
{
  Fixture f = { 0 };
  g_autofree char *name = persona_field ("agent-zeirishi", "name");
  g_autofree char *address = persona_field ("agent-zeirishi", "address");
  g_autofree char *birth = persona_field ("agent-zeirishi", "birth-date");
  g_autofree char *birth_shown = inj_jpki_birth_date_display (birth);
  g_autoptr(GError) error = NULL;
  g_autoptr(InjTrustStore) trust = NULL;
  g_autoptr(InjVerification) v = NULL;
  g_autoptr(InjDelegation) changed = NULL;
  InjCertificate *agent;

  /* the password as a person might type it: the client upper-cases it */
  test_agent_step_set_up (&f, "zeirishi4test");
  set_delegation (&f, "corporation.ini");
  test_agent_interaction_set_hook (f.interaction, picture_busy, &f);
  sign_at_desk (&f);
  g_assert_null (inj_agent_step_page_get_problem (f.page));
  g_assert_cmpint (inj_agent_step_page_get_state (f.page), ==, INJ_AGENT_STEP_HELD);
  g_assert_cmpuint (test_agent_interaction_asked (f.interaction), ==, 1);

  /* the session holds it, and it is what it should be */
  g_assert_nonnull (inj_session_get_submission (f.session));
  agent = inj_session_get_agent_certificate (f.session);
  g_assert_nonnull (agent);
  g_assert_cmpstr (inj_certificate_get_jpki_field (agent, INJ_JPKI_NAME), ==, name);
  trust = inj_session_dup_trust_store (f.session, &error);
  g_assert_no_error (error);
  v = inj_verify_submission (inj_session_get_submission (f.session), trust, NULL,
                             inj_session_get_delegation_xml (f.session), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (inj_verification_is_valid (v));

  /* masked by default */
  g_assert_false (inj_session_get_reveal (f.session));
  assert_masked (&f, agent);
  test_agent_screenshot (f.window, "agent-step-held");

  /* shown only while reveal is on (the switch on the page is the session's) */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "agent-step.reveal", NULL));
  g_assert_true (inj_session_get_reveal (f.session));
  g_assert_cmpstr (inj_agent_step_page_get_agent_field (f.page, INJ_JPKI_NAME), ==, name);
  g_assert_cmpstr (inj_agent_step_page_get_agent_field (f.page, INJ_JPKI_ADDRESS), ==, address);
  g_assert_cmpstr (inj_agent_step_page_get_agent_field (f.page, INJ_JPKI_BIRTH_DATE), ==,
                   birth_shown);
  inj_session_privacy_lock (f.session);
  g_assert_false (inj_session_get_reveal (f.session));
  assert_masked (&f, agent);

  /* the card's counter is back at 5 after a right password */
  g_assert_true (test_ui_wait_until (test_agent_step_tries_known, f.page, 20000));
  g_assert_cmpint (inj_card_picker_get_pin_status (inj_agent_step_page_get_card_picker (f.page))
                     ->tries_left, ==, 5);

  /* an edit that changes what is signed: the session drops the submission,
   * and the page follows */
  changed = inj_delegation_from_xml (g_bytes_get_data (inj_session_get_delegation_xml (f.session),
                                                       NULL),
                                     g_bytes_get_size (inj_session_get_delegation_xml (f.session)),
                                     NULL, &error);
  g_assert_no_error (error);
  inj_delegation_set_text (changed, INJ_FIELD_AUTHORITY_RESTRICTIONS, "税務調査の立会いを含む");
  inj_session_set_delegation (f.session, changed);
  g_assert_null (inj_session_get_submission (f.session));
  g_assert_cmpint (inj_agent_step_page_get_state (f.page), ==, INJ_AGENT_STEP_WAITING);
  g_assert_cmpstr (inj_agent_step_page_get_agent_field (f.page, INJ_JPKI_NAME), ==, "");
  test_agent_step_tear_down (&f);
}

static void
import (Fixture *f,
        const char *path)
{
  inj_agent_step_page_import_file (f->page, path);
  g_assert_cmpint (inj_agent_step_page_get_state (f->page), ==, INJ_AGENT_STEP_BUSY);
  g_assert_true (test_ui_wait_until (test_agent_step_not_busy, f->page, 30000));
  g_test_message ("problem: %s", inj_agent_step_page_get_problem (f->page));
}

static void
assert_refused_for (Fixture *f,
                    InjCheckKind kind)
{
  InjVerification *v = inj_agent_step_page_get_verification (f->page);
  const InjCheck *check;

  g_assert_nonnull (v);
  check = inj_verification_find (v, kind);
  g_assert_nonnull (check);
  g_assert_cmpint (check->result, ==, INJ_CHECK_FAILED);
  /* the reason is on the page, with what to do */
  g_assert_nonnull (strstr (inj_agent_step_page_get_problem (f->page), check->message));
  g_assert_nonnull (strstr (inj_agent_step_page_get_problem (f->page),
                            inj_agent_check_advice (kind)));
}

static void
test_import (void)
{
  Fixture f = { 0 };
  g_autofree char *ca = test_agent_ca ();
  g_autofree char *valid = NULL;
  g_autofree char *tampered = NULL;
  g_autofree char *other_path = NULL;
  g_autofree char *other_sub = NULL;
  g_autofree char *garbage = NULL;
  g_autofree char *text = NULL;
  g_autoptr(InjDelegation) other = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *held;
  char *p;
  gsize len;

  test_agent_step_set_up (&f, "ZEIRISHI4TEST");
  set_delegation (&f, "corporation.ini");
  valid = g_build_filename (f.dir, "valid.xml", NULL);

  /* made elsewhere for the request code shown on the page */
  g_assert_cmpint (test_agent_cli ("ZEIRISHI4TEST", NULL, "agent", "submit", "--request-code",
                                   inj_agent_step_page_get_request_code (f.page), "--reader",
                                   AGENT_READER, "--trust", ca, "--output", valid, NULL), ==, 0);
  import (&f, valid);
  g_assert_null (inj_agent_step_page_get_problem (f.page));
  g_assert_cmpint (inj_agent_step_page_get_state (f.page), ==, INJ_AGENT_STEP_HELD);
  g_assert_nonnull (inj_session_get_submission (f.session));
  held = inj_session_get_submission (f.session);
  assert_masked (&f, inj_session_get_agent_certificate (f.session));
  /* no password was asked here: the agent typed it elsewhere */
  g_assert_cmpuint (test_agent_interaction_asked (f.interaction), ==, 0);

  /* replacing: the one held stays until another one passes */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "agent-step.replace", NULL));
  g_assert_cmpint (inj_agent_step_page_get_state (f.page), ==, INJ_AGENT_STEP_WAITING);

  /* changed after signing: one character of the statement's ID */
  g_file_get_contents (valid, &text, &len, &error);
  g_assert_no_error (error);
  p = strstr (text, "<SubmissionId>");
  g_assert_nonnull (p);
  p += strlen ("<SubmissionId>");
  *p = *p == 'a' ? 'b' : 'a';
  tampered = g_build_filename (f.dir, "tampered.xml", NULL);
  g_file_set_contents (tampered, text, (gssize) len, &error);
  g_assert_no_error (error);
  import (&f, tampered);
  assert_refused_for (&f, INJ_CHECK_SIGNATURE);
  g_assert_true (inj_session_get_submission (f.session) == held);
  test_agent_screenshot (f.window, "agent-step-import-tampered");

  /* a valid submission, but for another delegation */
  other = test_agent_delegation ("corporation.ini");
  other_path = write_delegation (&f, other, "other.xml");
  other_sub = g_build_filename (f.dir, "other-submission.xml", NULL);
  g_assert_cmpint (test_agent_cli ("ZEIRISHI4TEST", NULL, "agent", "submit", "--delegation",
                                   other_path, "--reader", AGENT_READER, "--trust", ca,
                                   "--output", other_sub, NULL), ==, 0);
  import (&f, other_sub);
  assert_refused_for (&f, INJ_CHECK_BINDING);
  g_assert_true (g_str_has_prefix (inj_agent_step_page_get_problem (f.page),
                                   "この提出ファイルは別の電子委任状のものです\n"));
  g_assert_true (inj_session_get_submission (f.session) == held);
  test_agent_screenshot (f.window, "agent-step-import-other-delegation");

  /* not a submission at all */
  garbage = g_build_filename (f.dir, "garbage.xml", NULL);
  g_file_set_contents (garbage, "not xml", -1, &error);
  g_assert_no_error (error);
  import (&f, garbage);
  g_assert_nonnull (inj_agent_step_page_get_problem (f.page));
  /* said plainly, the parser's words only in the details */
  g_assert_true (g_str_has_prefix (inj_agent_step_page_get_problem (f.page),
                                   _("The file is damaged or is not a submission file")));
  g_assert_nonnull (strstr (inj_agent_step_page_get_problem (f.page), "ファイルが壊れているか"));
  test_agent_screenshot (f.window, "agent-step-import-garbage");
  g_assert_true (inj_session_get_submission (f.session) == held);

  /* keep the one held */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "agent-step.keep", NULL));
  g_assert_cmpint (inj_agent_step_page_get_state (f.page), ==, INJ_AGENT_STEP_HELD);
  g_assert_null (inj_agent_step_page_get_problem (f.page));

  /* a file opened while one is held: refused where it can be seen, the one
   * held stays */
  import (&f, tampered);
  assert_refused_for (&f, INJ_CHECK_SIGNATURE);
  g_assert_cmpint (inj_agent_step_page_get_state (f.page), ==, INJ_AGENT_STEP_WAITING);
  g_assert_true (inj_session_get_submission (f.session) == held);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "agent-step.keep", NULL));
  g_assert_cmpint (inj_agent_step_page_get_state (f.page), ==, INJ_AGENT_STEP_HELD);
  test_agent_step_tear_down (&f);
}

static void
test_second_reader (void)
{
  const char *port[] = { "--port", "35964", NULL };
  Fixture f = { 0 };
  g_autofree char *agent_name = persona_field ("agent-zeirishi", "name");
  g_auto(GStrv) readers = NULL;
  TestVcard *representative;
  InjCardPicker *picker;

  test_agent_step_set_up (&f, "ZEIRISHI4TEST");
  set_delegation (&f, "corporation.ini");
  picker = inj_agent_step_page_get_card_picker (f.page);
  wait_readers (f.page, 1);

  /* the representative's card in a second reader: the page follows, and
   * the reader is chosen */
  representative = test_vcard_start ("representative", port);
  wait_readers (f.page, 2);
  /* two cards: the agent is asked which is theirs, nothing chosen for them */
  g_assert_true (inj_card_picker_get_needs_choice (picker));
  g_assert_null (inj_card_picker_get_card (picker));
  g_assert_cmpstr (inj_card_picker_get_card_title (picker, SECOND_READER), ==, "マイナンバーカード");
  test_agent_screenshot (f.window, "agent-step-choose-card");
  readers = inj_card_picker_get_readers (picker);
  g_assert_cmpstr (readers[0], ==, AGENT_READER);
  g_assert_cmpstr (readers[1], ==, SECOND_READER);
  g_assert_true (inj_card_picker_select_reader (picker, SECOND_READER));
  g_assert_cmpstr (inj_card_get_reader (inj_card_picker_get_card (picker)), ==, SECOND_READER);
  g_assert_true (inj_card_picker_select_reader (picker, AGENT_READER));
  g_assert_cmpstr (inj_card_get_reader (inj_card_picker_get_card (picker)), ==, AGENT_READER);
  g_assert_true (test_ui_wait_until (test_agent_step_tries_known, f.page, 20000));
  test_agent_screenshot (f.window, "agent-step-two-readers");

  sign_at_desk (&f);
  g_assert_cmpint (inj_agent_step_page_get_state (f.page), ==, INJ_AGENT_STEP_HELD);
  g_assert_cmpstr (inj_certificate_get_jpki_field (inj_session_get_agent_certificate (f.session),
                                                   INJ_JPKI_NAME), ==, agent_name);
  g_assert_cmpuint (test_agent_interaction_asked (f.interaction), ==, 1);

  test_vcard_stop (representative);
  wait_readers (f.page, 1);
  test_agent_step_tear_down (&f);
}

/* The representative's card chosen at the desk for the agent's statement:
 * the card signs, its holder is the delegation's representative, so the
 * signature is dropped (no confirming it), nothing is held and the message
 * names no one. */
static void
test_representative_card (void)
{
  const char *port[] = { "--port", "35964", NULL };
  Fixture f = { 0 };
  g_autofree char *rep_name = persona_field ("representative", "name");
  g_autofree char *agent_name = persona_field ("agent-zeirishi", "name");
  const char *problem;
  TestVcard *representative;

  test_agent_step_set_up (&f, "TESTPASS1");
  set_delegation (&f, "corporation.ini");
  wait_readers (f.page, 1);
  representative = test_vcard_start ("representative", port);
  wait_readers (f.page, 2);
  g_assert_true (inj_card_picker_select_reader (inj_agent_step_page_get_card_picker (f.page),
                                                SECOND_READER));
  sign_at_desk (&f);
  g_assert_cmpuint (test_agent_interaction_asked (f.interaction), ==, 1);
  g_assert_cmpint (inj_agent_step_page_get_state (f.page), ==, INJ_AGENT_STEP_WAITING);
  g_assert_null (inj_session_get_submission (f.session));
  g_assert_null (inj_session_get_agent_reader (f.session));
  problem = inj_agent_step_page_get_problem (f.page);
  g_assert_nonnull (problem);
  /* never offered as a mere mismatch to confirm */
  g_assert_nonnull (strstr (problem, "代表者と受任者に同じ証明書は使えません"));
  g_assert_cmpstr (inj_agent_step_page_get_mismatch (f.page, FALSE), ==, "");
  g_assert_null (strstr (problem, rep_name));
  g_assert_null (strstr (problem, agent_name));
  test_agent_screenshot (f.window, "agent-step-representative-card");

  /* the agent's own card then signs */
  g_assert_true (inj_card_picker_select_reader (inj_agent_step_page_get_card_picker (f.page),
                                                AGENT_READER));
  test_agent_interaction_set_password (f.interaction, "ZEIRISHI4TEST");
  sign_at_desk (&f);
  g_assert_cmpint (inj_agent_step_page_get_state (f.page), ==, INJ_AGENT_STEP_HELD);
  g_assert_cmpstr (inj_session_get_agent_reader (f.session), ==, AGENT_READER);

  test_vcard_stop (representative);
  wait_readers (f.page, 1);
  test_agent_step_tear_down (&f);
}

/* A card whose signature a representative cannot accept, in the second
 * reader: signed, verified, refused with the reason, nothing kept. */
static void
refused_card (const char *persona,
              const char *password,
              InjCheckKind kind,
              const char *screenshot)
{
  const char *port[] = { "--port", "35964", NULL };
  Fixture f = { 0 };
  TestVcard *vc;

  test_agent_step_set_up (&f, password);
  /* named in the delegation: refused for the certificate, not the name */
  set_delegation_to (&f, "corporation.ini", persona);
  vc = test_vcard_start (persona, port);
  wait_readers (f.page, 2);
  g_assert_true (inj_card_picker_select_reader (inj_agent_step_page_get_card_picker (f.page),
                                                SECOND_READER));
  sign_at_desk (&f);
  g_assert_cmpuint (test_agent_interaction_asked (f.interaction), ==, 1);
  g_assert_cmpint (inj_agent_step_page_get_state (f.page), ==, INJ_AGENT_STEP_WAITING);
  g_assert_null (inj_session_get_submission (f.session));
  assert_refused_for (&f, kind);
  g_assert_nonnull (strstr (inj_agent_step_page_get_problem (f.page),
                            _("The agent's signature cannot be accepted")));
  test_agent_screenshot (f.window, screenshot);
  test_vcard_stop (vc);
  wait_readers (f.page, 1);
  test_agent_step_tear_down (&f);
}

static void
test_untrusted_ca (void)
{
  refused_card ("unknown-ca", "UNKNOWN8CA", INJ_CHECK_CHAIN, "agent-step-untrusted-ca");
}

static void
test_expired (void)
{
  refused_card ("expired", "EXPIRED7", INJ_CHECK_VALID_NOW, "agent-step-expired");
}

/* The agent pulls the card out while the password is being asked. */
static void
pull_card (gpointer data)
{
  g_autofree char *answer = test_agent_vcard_control ("remove");

  g_assert_cmpstr (answer, ==, "ok");
  /* pcscd notices at its next poll */
  for (guint waited = 0; waited < 5000; waited += 20)
    {
      g_autoptr(GPtrArray) readers = inj_pcsc_list_readers (NULL);
      gboolean present = FALSE;
      for (guint i = 0; readers && i < readers->len; i++)
        {
          InjReaderInfo *r = g_ptr_array_index (readers, i);
          if (g_str_equal (r->name, AGENT_READER))
            present = r->card_present;
        }
      if (!present)
        return;
      g_usleep (20 * 1000);
    }
  g_assert_not_reached ();
}

static gboolean
no_card (gpointer data)
{
  return inj_card_picker_get_card (inj_agent_step_page_get_card_picker (data)) == NULL;
}

static void
test_card_removed (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) expected = NULL;
  g_autofree char *answer = NULL;

  test_agent_step_set_up (&f, "ZEIRISHI4TEST");
  set_delegation (&f, "corporation.ini");
  test_agent_interaction_set_hook (f.interaction, pull_card, NULL);
  sign_at_desk (&f);
  g_assert_cmpuint (test_agent_interaction_asked (f.interaction), ==, 1);
  g_assert_null (inj_session_get_submission (f.session));
  inj_pkcs11_set_error (&expected, CKR_DEVICE_REMOVED, INJ_PIN_SIGN, -1);
  g_assert_nonnull (inj_agent_step_page_get_problem (f.page));
  g_assert_nonnull (strstr (inj_agent_step_page_get_problem (f.page), expected->message));

  /* the page sees the card go, and come back */
  g_assert_true (test_ui_wait_until (no_card, f.page, 20000));
  gtk_widget_activate_action (GTK_WIDGET (f.page), "agent-step.sign", NULL);
  g_assert_cmpint (inj_agent_step_page_get_state (f.page), ==, INJ_AGENT_STEP_WAITING);
  test_agent_screenshot (f.window, "agent-step-card-removed");
  answer = test_agent_vcard_control ("insert");
  g_assert_cmpstr (answer, ==, "ok");
  g_assert_true (test_ui_wait_until (test_agent_step_tries_known, f.page, 20000));
  test_agent_step_tear_down (&f);
}

/* Cancel, or the privacy lock, while the card works: nothing is kept. */
static void
test_cancel (void)
{
  Fixture f = { 0 };

  test_agent_step_set_up (&f, "ZEIRISHI4TEST");
  set_delegation (&f, "corporation.ini");
  g_assert_true (test_ui_wait_until (test_agent_step_tries_known, f.page, 20000));

  /* cancelled before the main loop runs again, so before anything comes
   * back from the card's thread */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "agent-step.sign", NULL));
  g_assert_cmpint (inj_agent_step_page_get_state (f.page), ==, INJ_AGENT_STEP_BUSY);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "agent-step.cancel", NULL));
  g_assert_true (test_ui_wait_until (test_agent_step_not_busy, f.page, 60000));
  g_assert_cmpint (inj_agent_step_page_get_state (f.page), ==, INJ_AGENT_STEP_WAITING);
  g_assert_null (inj_session_get_submission (f.session));
  g_assert_null (inj_agent_step_page_get_problem (f.page));

  g_assert_true (test_ui_wait_until (test_agent_step_tries_known, f.page, 20000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "agent-step.sign", NULL));
  inj_session_privacy_lock (f.session);
  g_assert_true (test_ui_wait_until (test_agent_step_not_busy, f.page, 60000));
  g_assert_null (inj_session_get_submission (f.session));
  test_agent_step_tear_down (&f);
}

/* A card whose signing password is locked: said so, and never tried. */
static void
test_locked (void)
{
  Fixture f = { 0 };
  g_autofree char *expected = NULL;
  GSubprocess *vcard;
  InjCardPicker *picker;
  const InjPinStatus *status;

  test_agent_step_set_up (&f, "ZEIRISHI4TEST");
  set_delegation (&f, "corporation.ini");
  vcard = test_agent_vcard_start_copy ("agent-zeirishi", f.dir, "0");
  wait_readers (f.page, 2);
  picker = inj_agent_step_page_get_card_picker (f.page);
  g_assert_true (inj_card_picker_select_reader (picker, SECOND_READER));
  g_assert_true (test_ui_wait_until (test_agent_step_tries_known, f.page, 20000));
  status = inj_card_picker_get_pin_status (picker);
  g_assert_true (status->locked);
  expected = inj_pin_status_describe (status);
  g_assert_cmpstr (inj_card_picker_get_tries_text (picker), ==, expected);
  gtk_widget_activate_action (GTK_WIDGET (f.page), "agent-step.sign", NULL);
  g_assert_cmpint (inj_agent_step_page_get_state (f.page), ==, INJ_AGENT_STEP_WAITING);
  g_assert_cmpuint (test_agent_interaction_asked (f.interaction), ==, 0);
  test_agent_screenshot (f.window, "agent-step-locked");
  test_agent_vcard_stop (vcard);
  wait_readers (f.page, 1);
  test_agent_step_tear_down (&f);
}

/* The window has both agent pages, and "complete it first" leads to the
 * editor. */
static void
test_in_window (void)
{
  g_autofree char *dir = test_ui_tmpdir ();
  g_autoptr(GError) error = NULL;
  InjCardMonitor *monitor = inj_card_monitor_new (NULL, &error);
  InjSession *session;
  InjWindow *window;
  GtkStack *stack;
  GtkWidget *step;
  GtkWidget *desk;

  g_assert_no_error (error);
  session = inj_session_new (monitor, NULL, dir);
  window = INJ_WINDOW (inj_window_new_for_session (NULL, session));
  g_object_ref (window);
  stack = inj_window_get_stack (window);
  step = inj_window_get_agent_step_page (window);
  desk = inj_window_get_agent_page (window);
  g_assert_true (INJ_IS_AGENT_STEP_PAGE (step));
  g_assert_true (INJ_IS_AGENT_PAGE (desk));
  /* the flow's second step; the agent's own page is a page of the window */
  g_assert_true (inj_flow_get_page (INJ_FLOW (inj_window_get_flow (window)), INJ_FLOW_STEP_AGENT) ==
                 step);
  /* in the clamp that keeps its buttons next to it */
  g_assert_nonnull (gtk_widget_get_ancestor (step, ADW_TYPE_CLAMP));
  g_assert_true (gtk_stack_get_child_by_name (stack, "agent-desk") == desk);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "agent"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "flow");
  /* a new draft is not complete */
  g_assert_cmpint (inj_agent_step_page_get_state (INJ_AGENT_STEP_PAGE (step)), ==,
                   INJ_AGENT_STEP_NO_DELEGATION);
  test_agent_screenshot (GTK_WIDGET (window), "agent-step-in-window");
  g_assert_true (gtk_widget_activate_action (step, "win.show-page", "s", "editor"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "flow");
  g_assert_cmpint (inj_flow_get_step (INJ_FLOW (inj_window_get_flow (window))), ==,
                   INJ_FLOW_STEP_EDITOR);

  gtk_stack_set_visible_child_name (stack, "agent-desk");
  test_agent_screenshot (GTK_WIDGET (window), "agent-desk-in-window");
  /* never personal data in the title */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Ininjo");

  gtk_window_destroy (GTK_WINDOW (window));
  test_ui_drain (G_OBJECT (window));
  g_assert_finalize_object (window);
  test_ui_drain (G_OBJECT (session));
  g_assert_finalize_object (session);
  test_ui_drain (G_OBJECT (monitor));
  g_assert_finalize_object (monitor);
  test_ui_rmtree (dir);
}

int
main (int argc,
      char *argv[])
{
  test_ui_init (&argc, &argv);
  g_test_add_func ("/ui/agent-step/no-delegation", test_no_delegation);
  g_test_add_func ("/ui/agent-step/wrong-password", test_wrong_password);
  g_test_add_func ("/ui/agent-step/desk-sign", test_desk_sign);
  g_test_add_func ("/ui/agent-step/import", test_import);
  g_test_add_func ("/ui/agent-step/second-reader", test_second_reader);
  g_test_add_func ("/ui/agent-step/representative-card", test_representative_card);
  g_test_add_func ("/ui/agent-step/untrusted-ca", test_untrusted_ca);
  g_test_add_func ("/ui/agent-step/expired", test_expired);
  g_test_add_func ("/ui/agent-step/card-removed", test_card_removed);
  g_test_add_func ("/ui/agent-step/cancel", test_cancel);
  g_test_add_func ("/ui/agent-step/locked", test_locked);
  g_test_add_func ("/ui/agent-step/in-window", test_in_window);
  return test_ui_run ();
}
