/* test-e2e.c: the representative's whole flow, driven through the real
 * window under Xvfb, against two virtual My Number cards in a private
 * pcscd (tests/card/with-card.sh) — the representative's in the first
 * reader, the agent's in the second — and the local service, step by
 * step through the guided flow (its step bar and Next):
 *
 *   the list → a new delegation: ① write it → ② the agent signs their
 *   submission at this desk → ③ review → ④ sign (a wrong password first)
 *   → ⑤ upload → stored → 「一覧へ」 → listed as active → its details
 *   printed to a file → the card's signing password changed on the card
 *   page (test-e2e-more.c);
 *
 * and a representative's card with one try left: the warning, a wrong
 * password, the locked page. Buttons are pressed as a person would (the
 * page's own button, found by its action, or the flow's Next, activated),
 * passwords are typed into the real password dialog. A PNG of every step
 * is saved in the build directory (screenshot-e2e-*.png). */
#include "config.h"

#include <string.h>

#include "card-support.h"
#include "inj-agent-step-page.h"
#include "inj-application.h"
#include "inj-delegation-editor.h"
#include "inj-delegations-page.h"
#include "inj-flow.h"
#include "inj-password-dialog.h"
#include "inj-sidebar.h"
#include "inj-sign-page.h"
#include "inj-upload-page.h"
#include "inj-welcome.h"
#include "inj-window.h"
#include "test-agent-support.h"
#include "test-service-support.h"
#include "test-e2e-support.h"
#include "test-ui-support.h"

/* ------------------------------------------------------------ the bed */

static void
bed_up (Bed *bed,
        const char *representative_tries)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *profile = NULL;
  const char *agent_args[] = { "--port", "35964", NULL };
  GSettings *settings;

  test_data_home_clear ();
  bed->dir = test_ui_tmpdir ();
  profile = test_agent_profile_copy ("representative", bed->dir, representative_tries);
  bed->representative = test_vcard_start (profile, NULL);
  bed->agent = test_vcard_start ("agent-zeirishi", agent_args);
  bed->svc = test_service_start (NULL);

  bed->session = inj_session_new (NULL, NULL, NULL);
  settings = inj_session_get_settings (bed->session);
  test_settings_for_service (settings, bed->svc, TRUE);
  bed->window = INJ_WINDOW (inj_window_new_for_session (NULL, bed->session));
  g_object_ref (bed->window);
  /* the window's own password dialog, not a stand-in */
  g_assert_true (INJ_IS_PASSWORD_INTERACTION (inj_session_get_interaction (bed->session)));
  gtk_window_set_default_size (GTK_WINDOW (bed->window), 1100, 820);
  gtk_window_present (GTK_WINDOW (bed->window));
  e2e_settle (500);
}

static void
bed_down (Bed *bed)
{
  gtk_window_destroy (GTK_WINDOW (bed->window));
  e2e_settle (500);
  g_object_unref (bed->window);
  g_clear_object (&bed->session);
  test_service_stop (bed->svc);
  test_vcard_stop (bed->agent);
  test_vcard_stop (bed->representative);
  test_ui_rmtree (bed->dir);
  g_free (bed->dir);
}

/* Every item typed into the editor, from the example file a person would
 * copy from; dates as typed (YYYY-MM-DD). */
static void
write_delegation (Bed *bed,
                  const char *example)
{
  InjDelegationEditor *editor = INJ_DELEGATION_EDITOR (inj_window_get_editor (bed->window));
  g_autofree char *path = g_build_filename (EXAMPLES_DIR, example, NULL);
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = inj_date_now ();
  g_autoptr(GDateTime) end = g_date_time_add_years (now, 1);
  g_auto(GStrv) groups = NULL;

  g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  /* what 「新しい電子委任状」 does */
  e2e_show (bed, "editor");
  groups = g_key_file_get_groups (kf, NULL);
  for (guint g = 0; groups[g]; g++)
    {
      g_auto(GStrv) keys = g_key_file_get_keys (kf, groups[g], NULL, NULL);
      for (guint k = 0; keys[k]; k++)
        {
          InjField field = inj_field_from_key (groups[g], keys[k]);
          g_autofree char *value = g_key_file_get_string (kf, groups[g], keys[k], NULL);
          g_autofree char *typed = NULL;
          GtkWidget *entry;

          if (field == INJ_FIELD_PRINCIPAL_KIND)
            {
              inj_delegation_editor_set_kind (editor, g_str_equal (value, "corporation")
                                                       ? INJ_PRINCIPAL_KIND_CORPORATION
                                                       : INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR);
              continue;
            }
          if (field == INJ_FIELD_AGENT_QUALIFICATION)
            {
              for (InjQualification q = 0; q < INJ_N_QUALIFICATIONS; q++)
                if (g_strcmp0 (inj_qualification_name (q), value) == 0 ||
                    g_strcmp0 (inj_qualification_key (q), value) == 0)
                  inj_delegation_editor_set_qualification (editor, q);
              continue;
            }
          if (field == INJ_FIELD_PERIOD_START)
            typed = g_date_time_format (now, "%Y-%m-%d");
          else if (field == INJ_FIELD_PERIOD_END)
            typed = g_date_time_format (end, "%Y-%m-%d");
          else if (field == INJ_FIELD_AGENT_NAME)
            /* the agent who signs at this desk: the holder is checked */
            typed = test_persona_value ("agent-zeirishi", "san", "name");
          else
            {
              /* "\n" in the file is a new line typed in the text box */
              g_auto(GStrv) lines = g_strsplit (value, "\\n", -1);
              typed = g_strjoinv ("\n", lines);
            }
          entry = inj_delegation_editor_get_entry (editor, field);
          g_assert_nonnull (entry);
          if (GTK_IS_TEXT_VIEW (entry))
            gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (entry)), typed, -1);
          else
            gtk_editable_set_text (GTK_EDITABLE (entry), typed);
        }
    }
}

static gboolean
session_has_delegation (gpointer data)
{
  return inj_session_get_delegation (data) != NULL;
}

static gboolean
session_has_submission (gpointer data)
{
  return inj_session_get_submission (data) != NULL;
}

static gboolean
session_has_package (gpointer data)
{
  return inj_session_get_package_dir (data) != NULL;
}

static gboolean
second_reader_listed (gpointer data)
{
  return inj_card_picker_select_reader (inj_agent_step_page_get_card_picker (data), SECOND_READER);
}

static gboolean
agent_tries_known (gpointer data)
{
  return inj_card_picker_get_pin_status (inj_agent_step_page_get_card_picker (data)) != NULL;
}

/* Ready: the card found and its tries read (the monitor may still be
 * settling after the agent's card was used). */
static gboolean
sign_settled (gpointer data)
{
  return inj_sign_page_get_state (data) == INJ_SIGN_STATE_READY &&
         inj_sign_page_get_pin_status (data) != NULL;
}

static gboolean
sign_asks_card (gpointer data)
{
  return inj_sign_page_get_state (data) == INJ_SIGN_STATE_READY &&
         inj_card_picker_get_needs_choice (inj_sign_page_get_card_picker (data));
}

static gboolean
sign_state_is (InjSignPage *page,
               InjSignState state)
{
  return inj_sign_page_get_state (page) == state;
}

static gboolean
signed_state (gpointer data)
{
  return sign_state_is (data, INJ_SIGN_STATE_SIGNED);
}

static gboolean
locked_state (gpointer data)
{
  return sign_state_is (data, INJ_SIGN_STATE_LOCKED);
}

static gboolean
confirm_state (gpointer data)
{
  return sign_state_is (data, INJ_SIGN_STATE_CONFIRM);
}

static gboolean
upload_done (gpointer data)
{
  InjUploadState state = inj_upload_page_get_state (data);
  return state == INJ_UPLOAD_STATE_STORED || state == INJ_UPLOAD_STATE_REJECTED ||
         state == INJ_UPLOAD_STATE_FAILED || state == INJ_UPLOAD_STATE_CANCELLED;
}

static gboolean
listed_active (gpointer data)
{
  InjDelegationsPage *page = data;
  const char *id = g_object_get_data (G_OBJECT (page), "e2e-id");
  return !inj_delegations_page_get_busy (page) &&
         g_strcmp0 (inj_delegations_page_get_state (page, id), "active") == 0;
}

/* What a person sees on a page: every label's text, joined. */
static void
collect_text (GtkWidget *root,
              GString *out)
{
  if (!gtk_widget_get_visible (root))
    return;
  if (GTK_IS_LABEL (root))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (root)));
  if (ADW_IS_ACTION_ROW (root) || ADW_IS_PREFERENCES_ROW (root))
    g_string_append_printf (out, "%s\n", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, out);
}

/* The page shown: in the flow, the current step's (a stack's other
 * pages are "visible" too, only not mapped). */
static char *
page_text (Bed *bed)
{
  GString *out = g_string_new (NULL);
  GtkWidget *page = gtk_stack_get_visible_child (inj_window_get_stack (bed->window));

  if (page == inj_window_get_flow (bed->window))
    page = inj_flow_get_page (e2e_flow_of (bed), inj_flow_get_step (e2e_flow_of (bed)));
  collect_text (page, out);
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------ the flow */

static void
test_flow (void)
{
  Bed bed = { 0 };
  InjAgentStepPage *agent_page;
  InjSignPage *sign_page;
  InjUploadPage *upload_page;
  InjDelegationsPage *list_page;
  g_autofree char *rep_name = test_persona_value ("representative", "san", "name");
  g_autofree char *agent_name = test_persona_value ("agent-zeirishi", "san", "name");
  g_autofree char *asked = NULL;
  g_autofree char *text = NULL;
  g_autofree char *id = NULL;
  const InjPinStatus *status;
  int tries_before;

  /* a first start: the welcome asks who is using Ininjo */
  {
    g_autoptr(GSettings) settings = g_settings_new (INJ_APPLICATION_ID);
    g_settings_reset (settings, "start-role");
  }
  bed_up (&bed, "5");
  g_assert_true (inj_window_get_welcome_shown (bed.window));
  e2e_shoot (&bed, "welcome");
  g_assert_true (gtk_widget_activate (
      inj_welcome_get_choice (INJ_WELCOME (inj_window_get_welcome (bed.window)), "representative")));
  e2e_settle (300);
  g_assert_false (inj_window_get_welcome_shown (bed.window));
  /* the representative's home: the list */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (inj_window_get_stack (bed.window)), ==,
                   "delegations");
  e2e_shoot (&bed, "list");

  /* 1. write, from the header bar's 「新しい電子委任状」: nothing after it
   * can be taken until it is complete */
  g_assert_true (gtk_widget_activate (inj_window_get_new_button (bed.window)));
  e2e_settle (500);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (inj_window_get_stack (bed.window)), ==, "flow");
  g_assert_cmpuint (inj_flow_get_step (e2e_flow_of (&bed)), ==, INJ_FLOW_STEP_EDITOR);
  for (InjFlowStep s = INJ_FLOW_STEP_AGENT; s < INJ_FLOW_N_STEPS; s++)
    g_assert_false (inj_flow_get_available (e2e_flow_of (&bed), s));
  g_assert_false (gtk_widget_is_sensitive (inj_flow_get_next_button (e2e_flow_of (&bed))));
  e2e_shoot (&bed, "editor-empty");
  write_delegation (&bed, "corporation.ini");
  g_assert_true (test_ui_wait_until (session_has_delegation, bed.session, 10000));
  id = g_strdup (inj_delegation_get_text (inj_session_get_delegation (bed.session),
                                          INJ_FIELD_DELEGATION_ID));
  e2e_shoot (&bed, "editor");
  /* the title never carries personal data */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (bed.window)), ==, "Ininjo");

  /* 2. the agent signs at this desk, with their own card in the second reader */
  e2e_press_next (&bed, INJ_FLOW_STEP_EDITOR);
  agent_page = INJ_AGENT_STEP_PAGE (inj_window_get_agent_step_page (bed.window));
  g_assert_true (test_ui_wait_until (second_reader_listed, agent_page, 30000));
  g_assert_true (test_ui_wait_until (agent_tries_known, agent_page, 30000));
  e2e_shoot (&bed, "agent-desk");
  e2e_press (GTK_WIDGET (agent_page), "agent-step.sign");
  g_free (asked);
  asked = e2e_type_password (&bed, "ZEIRISHI4TEST", "e2e-agent-password");
  g_test_message ("the agent was asked: %s", asked);
  g_assert_true (test_ui_wait_until (session_has_submission, bed.session, 60000));
  g_assert_cmpint (inj_agent_step_page_get_state (agent_page), ==, INJ_AGENT_STEP_HELD);
  /* masked until revealed */
  text = page_text (&bed);
  g_assert_null (strstr (text, agent_name));
  g_clear_pointer (&text, g_free);
  e2e_shoot (&bed, "agent-held");

  /* 3. review: what will be signed; the agent's data masked */
  e2e_press_next (&bed, INJ_FLOW_STEP_AGENT);
  g_assert_false (inj_flow_get_available (e2e_flow_of (&bed), INJ_FLOW_STEP_SIGN));
  text = page_text (&bed);
  g_assert_nonnull (strstr (text, "テスト商事株式会社"));
  g_assert_null (strstr (text, agent_name));
  g_clear_pointer (&text, g_free);
  e2e_shoot (&bed, "review");
  inj_session_set_reveal (bed.session, TRUE);
  e2e_settle (200);
  text = page_text (&bed);
  g_assert_nonnull (strstr (text, agent_name));
  g_clear_pointer (&text, g_free);
  inj_session_set_reveal (bed.session, FALSE);

  /* 4. sign: the tries are shown before anything is asked; a wrong
   * password costs one and says so; the right one signs */
  e2e_press_next (&bed, INJ_FLOW_STEP_REVIEW);
  g_assert_false (inj_flow_get_available (e2e_flow_of (&bed), INJ_FLOW_STEP_UPLOAD));
  sign_page = INJ_SIGN_PAGE (inj_window_get_sign_page (bed.window));
  /* two cards: nothing is chosen for the representative, who is asked */
  g_assert_true (test_ui_wait_until (sign_asks_card, sign_page, 30000));
  e2e_settle (200);
  test_ui_screenshot (GTK_WIDGET (bed.window), "e2e-sign-choose-card");
  g_assert_true (inj_card_picker_select_reader (inj_sign_page_get_card_picker (sign_page),
                                                g_strcmp0 (inj_session_get_agent_reader (bed.session),
                                                           AGENT_READER) == 0
                                                  ? SECOND_READER : AGENT_READER));
  g_assert_true (test_ui_wait_until (sign_settled, sign_page, 30000));
  g_assert_cmpint (inj_sign_page_get_state (sign_page), ==, INJ_SIGN_STATE_READY);
  status = inj_sign_page_get_pin_status (sign_page);
  tries_before = status->tries_left;
  g_assert_cmpint (tries_before, ==, 5);
  e2e_shoot (&bed, "sign-ready");
  e2e_press (GTK_WIDGET (sign_page), "sign.start");
  g_free (asked);
  asked = e2e_type_password (&bed, "WRONGPASS9", "e2e-sign-password");
  g_test_message ("the representative was asked: %s", asked);
  g_assert_true (test_ui_wait_until (sign_settled, sign_page, 60000));
  g_assert_cmpint (inj_sign_page_get_state (sign_page), ==, INJ_SIGN_STATE_READY);
  g_assert_cmpint (inj_sign_page_get_pin_status (sign_page)->tries_left, ==, tries_before - 1);
  g_assert_nonnull (inj_sign_page_get_message (sign_page));
  g_test_message ("after a wrong password: %s", inj_sign_page_get_message (sign_page));
  g_assert_null (inj_session_get_signed_delegation (bed.session));
  e2e_shoot (&bed, "sign-wrong-password");

  e2e_press (GTK_WIDGET (sign_page), "sign.start");
  g_free (asked);
  asked = e2e_type_password (&bed, "TESTPASS1", NULL);
  g_assert_true (test_ui_wait_until (signed_state, sign_page, 60000));
  g_assert_nonnull (inj_session_get_signed_delegation (bed.session));
  g_assert_true (test_ui_wait_until (session_has_package, bed.session, 10000));
  e2e_shoot (&bed, "signed");
  /* the card is never left verified */
  {
    g_autofree char *card = test_vcard_control (bed.representative, "status");
    g_assert_nonnull (strstr (card, "\"sign_verified\":false"));
  }

  /* 5. upload with the card's authentication key: the PIN once */
  e2e_press_next (&bed, INJ_FLOW_STEP_SIGN);
  upload_page = INJ_UPLOAD_PAGE (inj_window_get_upload_page (bed.window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (upload_page)));
  /* nothing after the upload until it is done */
  g_assert_false (gtk_widget_is_sensitive (inj_flow_get_next_button (e2e_flow_of (&bed))));
  inj_upload_page_refresh (upload_page);
  /* two cards: the representative's, chosen when signing, is not asked again */
  g_assert_false (inj_card_picker_get_needs_choice (inj_upload_page_get_card_picker (upload_page)));
  g_assert_cmpstr (inj_card_get_reader (inj_card_picker_get_card (inj_upload_page_get_card_picker (upload_page))),
                   ==,
                   inj_card_get_reader (inj_card_picker_get_card (inj_sign_page_get_card_picker (sign_page))));
  {
    GtkWidget *button = inj_upload_page_get_button (upload_page, id);
    g_assert_nonnull (button);
    e2e_shoot (&bed, "upload-ready");
    g_assert_true (gtk_widget_activate (button));
  }
  g_free (asked);
  asked = e2e_type_password (&bed, "1234", "e2e-upload-pin");
  /* the 4-digit PIN under its name, why, and the card's own count */
  g_assert_true (g_str_has_prefix (asked, "利用者証明用電子証明書の暗証番号\n"));
  g_assert_nonnull (strstr (asked, "サービスに接続するため"));
  g_assert_nonnull (strstr (asked, "入力できるのはあと3回です。"));
  g_assert_null (strstr (asked, "パスワード"));
  g_assert_true (test_ui_wait_until (upload_done, upload_page, 120000));
  g_test_message ("upload: %s", inj_upload_page_get_message (upload_page));
  g_assert_cmpint (inj_upload_page_get_state (upload_page), ==, INJ_UPLOAD_STATE_STORED);
  g_assert_nonnull (inj_upload_page_get_receipt (upload_page));
  g_assert_cmpuint (test_service_rows (bed.svc, id), ==, 1);
  /* every step done; Next is 「一覧へ」 */
  for (InjFlowStep s = 0; s < INJ_FLOW_N_STEPS; s++)
    g_assert_true (inj_flow_get_done (e2e_flow_of (&bed), s));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (inj_flow_get_next_button (e2e_flow_of (&bed)))),
                   ==, "一覧へ(_L)");
  e2e_shoot (&bed, "stored");
  {
    g_autofree char *card = test_vcard_control (bed.representative, "status");
    g_assert_nonnull (strstr (card, "\"auth_verified\":false"));
  }

  /* 6. 「一覧へ」: the service lists it as active */
  e2e_press_next (&bed, INJ_FLOW_STEP_UPLOAD);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (inj_window_get_stack (bed.window)), ==,
                   "delegations");
  list_page = INJ_DELEGATIONS_PAGE (inj_window_get_delegations_page (bed.window));
  g_object_set_data_full (G_OBJECT (list_page), "e2e-id", g_strdup (id), g_free);
  e2e_press (GTK_WIDGET (list_page), "delegations.refresh");
  if (e2e_dialog_shown (inj_session_get_interaction (bed.session)) ||
      test_ui_wait_until (e2e_dialog_shown, inj_session_get_interaction (bed.session), 5000))
    {
      g_free (asked);
      asked = e2e_type_password (&bed, "1234", NULL);
    }
  g_assert_true (test_ui_wait_until (listed_active, list_page, 60000));
  e2e_shoot (&bed, "delegations");

  /* 7. its details printed to a file; the signing password changed */
  e2e_print_and_change_password (&bed, id, "TESTPASS1");

  /* the agent's and support's entry points, from the grouped sidebar */
  {
    InjSidebar *sidebar = INJ_SIDEBAR (inj_window_get_sidebar (bed.window));
    GtkStack *stack = inj_window_get_stack (bed.window);
    g_autoptr(GSettings) settings = g_settings_new (INJ_APPLICATION_ID);
    g_autofree char *role = g_settings_get_string (settings, "start-role");

    /* the welcome's choice is kept: the next start opens on the list */
    g_assert_cmpstr (role, ==, "representative");
    g_assert_true (gtk_widget_activate (inj_sidebar_get_row (sidebar, INJ_SIDEBAR_AGENT_DESK)));
    g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, INJ_SIDEBAR_AGENT_DESK);
    g_assert_cmpstr (inj_window_get_content_title (bed.window), ==, "受任者として署名");
    e2e_shoot (&bed, "agent-entry");
    g_assert_true (gtk_widget_activate (inj_sidebar_get_row (sidebar, INJ_SIDEBAR_CARD_STATUS)));
    g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, INJ_SIDEBAR_CARD_STATUS);
    g_assert_cmpstr (inj_window_get_content_title (bed.window), ==, "カードの状態");
    e2e_settle (1000);
    e2e_shoot (&bed, "support-entry");
  }

  /* nothing personal in the window's title at any point */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (bed.window)), ==, "Ininjo");
  g_assert_null (strstr (rep_name, "Ininjo"));
  bed_down (&bed);
}

/* One try left: the warning comes before the dialog; a wrong password
 * locks the card; the locked page says what to do; nothing is asked again. */
static void
test_locked (void)
{
  Bed bed = { 0 };
  InjAgentStepPage *agent_page;
  InjSignPage *sign_page;
  g_autofree char *asked = NULL;

  bed_up (&bed, "1");
  bed.shot = 20; /* its pictures after the flow's */
  write_delegation (&bed, "corporation.ini");
  g_assert_true (test_ui_wait_until (session_has_delegation, bed.session, 10000));

  e2e_press_next (&bed, INJ_FLOW_STEP_EDITOR);
  agent_page = INJ_AGENT_STEP_PAGE (inj_window_get_agent_step_page (bed.window));
  g_assert_true (test_ui_wait_until (second_reader_listed, agent_page, 30000));
  g_assert_true (test_ui_wait_until (agent_tries_known, agent_page, 30000));
  e2e_press (GTK_WIDGET (agent_page), "agent-step.sign");
  asked = e2e_type_password (&bed, "ZEIRISHI4TEST", NULL);
  g_assert_true (test_ui_wait_until (session_has_submission, bed.session, 60000));

  e2e_press_next (&bed, INJ_FLOW_STEP_AGENT);
  e2e_press_next (&bed, INJ_FLOW_STEP_REVIEW);
  sign_page = INJ_SIGN_PAGE (inj_window_get_sign_page (bed.window));
  /* two cards: nothing is chosen for the representative, who is asked */
  g_assert_true (test_ui_wait_until (sign_asks_card, sign_page, 30000));
  e2e_settle (200);
  test_ui_screenshot (GTK_WIDGET (bed.window), "e2e-sign-choose-card");
  g_assert_true (inj_card_picker_select_reader (inj_sign_page_get_card_picker (sign_page),
                                                g_strcmp0 (inj_session_get_agent_reader (bed.session),
                                                           AGENT_READER) == 0
                                                  ? SECOND_READER : AGENT_READER));
  g_assert_true (test_ui_wait_until (sign_settled, sign_page, 30000));
  g_assert_cmpint (inj_sign_page_get_pin_status (sign_page)->tries_left, ==, 1);
  e2e_press (GTK_WIDGET (sign_page), "sign.start");
  /* the last try is confirmed before the password is asked */
  g_assert_true (test_ui_wait_until (confirm_state, sign_page, 10000));
  g_assert_null (inj_password_interaction_get_dialog (
                   INJ_PASSWORD_INTERACTION (inj_session_get_interaction (bed.session))));
  e2e_shoot (&bed, "sign-last-try");
  e2e_press (GTK_WIDGET (sign_page), "sign.confirm");
  g_free (asked);
  asked = e2e_type_password (&bed, "WRONGPASS9", "e2e-last-try-password");
  g_assert_true (test_ui_wait_until (locked_state, sign_page, 60000));
  g_assert_null (inj_session_get_signed_delegation (bed.session));
  g_assert_null (e2e_find_action (GTK_WIDGET (sign_page), "sign.start"));
  /* not a dead end: nothing is lost, what to bring where, and a way on */
  {
    g_autofree char *text = test_ui_widget_text (GTK_WIDGET (sign_page));
    g_assert_nonnull (strstr (text, "市区町村の窓口"));
    g_assert_nonnull (strstr (text, "マイナンバーカードをお持ち"));
    g_assert_nonnull (strstr (text, "失われていません"));
  }
  /* the flow's 次へ says why it cannot go on, not 「署名すると進めます」 */
  g_assert_cmpstr (inj_flow_get_waits_for (e2e_flow_of (&bed), INJ_FLOW_STEP_UPLOAD), ==,
                   "署名用電子証明書のパスワードがロックされているため、このカードでは署名できません");
  e2e_shoot (&bed, "sign-locked");
  e2e_press (GTK_WIDGET (sign_page), "win.show-page::delegations");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (inj_window_get_stack (bed.window)), ==,
                   "delegations");
  bed_down (&bed);
}

int
main (int argc,
      char *argv[])
{
  test_data_home_init ();
  test_ui_init (&argc, &argv);
  g_test_add_func ("/ui/e2e/flow", test_flow);
  g_test_add_func ("/ui/e2e/locked", test_locked);
  {
    int status = test_ui_run ();
    test_data_home_cleanup ();
    return status;
  }
}
