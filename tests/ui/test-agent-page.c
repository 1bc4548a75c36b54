/* test-agent-page.c: the agent's own page on the virtual card of the
 * agent-zeirishi persona (from with-card.sh): the certificate read,
 * masked and forgotten; submissions signed for a request code and for a
 * delegation file, saved 0600, and accepted by ininjo-cli. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "card-support.h"
#include "inj-agent-common.h"
#include "inj-agent-page.h"
#include "test-agent-support.h"
#include "test-ui-support.h"

typedef struct {
  InjCardMonitor *monitor;
  TestAgentInteraction *interaction;
  InjSession *session;
  InjAgentPage *page;
  GtkWidget *window;
  char *dir;
  char *ca;
} Fixture;

static void
fixture_set_up (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->dir = test_ui_tmpdir ();
  f->ca = test_agent_ca ();
  f->monitor = inj_card_monitor_new (NULL, &error);
  g_assert_no_error (error);
  f->interaction = test_agent_interaction_new ("ZEIRISHI4TEST");
  f->session = test_agent_session_new (f->monitor, G_TLS_INTERACTION (f->interaction), f->dir);
  f->page = INJ_AGENT_PAGE (g_object_ref_sink (inj_agent_page_new (f->session)));
  f->window = test_agent_show (GTK_WIDGET (f->page));
}

static void
fixture_tear_down (Fixture *f)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  test_ui_drain (G_OBJECT (f->page));
  g_assert_finalize_object (f->page);
  test_ui_drain (G_OBJECT (f->session));
  g_assert_finalize_object (f->session);
  g_assert_finalize_object (f->interaction);
  test_ui_drain (G_OBJECT (f->monitor));
  g_assert_finalize_object (f->monitor);
  test_ui_rmtree (f->dir);
  g_free (f->dir);
  g_free (f->ca);
}

static gboolean
not_busy (gpointer data)
{
  return !inj_agent_page_get_busy (data);
}

static gboolean
tries_known (gpointer data)
{
  InjCardPicker *picker = inj_agent_page_get_card_picker (data);

  return inj_card_picker_get_card (picker) != NULL &&
         inj_card_picker_get_pin_status (picker) != NULL;
}

static void
wait_done (Fixture *f)
{
  g_assert_true (inj_agent_page_get_busy (f->page));
  g_assert_true (test_ui_wait_until (not_busy, f->page, 60000));
  g_test_message ("problem: %s", inj_agent_page_get_problem (f->page));
}

static void
activate (Fixture *f,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), action, NULL));
}

static char *
persona_field (const char *key)
{
  return test_persona_value ("agent-zeirishi", "san", key);
}

static char *
write_delegation (Fixture *f,
                  InjDelegation *d,
                  GBytes **xml_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) xml = inj_delegation_to_xml (d, &error);
  char *path = g_build_filename (f->dir, "delegation.xml", NULL);

  g_assert_no_error (error);
  g_file_set_contents (path, g_bytes_get_data (xml, NULL), (gssize) g_bytes_get_size (xml),
                       &error);
  g_assert_no_error (error);
  if (xml_out)
    *xml_out = g_steal_pointer (&xml);
  return path;
}

/* Saved where asked, readable by the user only, as the page has it, and
 * accepted by the CLI (for @delegation too, when given). */
static void
save_and_check (Fixture *f,
                const char *name,
                const char *delegation)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *saved = NULL;
  gsize len;
  g_autoptr(GError) error = NULL;
  GBytes *submission = inj_agent_page_get_submission (f->page);

  g_assert_nonnull (submission);
  inj_agent_page_save_submission (f->page, path, FALSE);
  wait_done (f);
  g_assert_null (inj_agent_page_get_problem (f->page));
  g_assert_cmpstr (inj_agent_page_get_saved_path (f->page), ==, path);
  g_assert_true (test_agent_has_mode_0600 (path));
  g_file_get_contents (path, &saved, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (saved, len, g_bytes_get_data (submission, NULL), g_bytes_get_size (submission));

  g_assert_cmpint (test_agent_cli (NULL, NULL, "verify", "--trust", f->ca, path, NULL), ==, 0);
  if (delegation)
    g_assert_cmpint (test_agent_cli (NULL, NULL, "agent", "import", path, "--delegation",
                                     delegation, "--trust", f->ca, NULL), ==, 0);
}

/* ------------------------------------------------------------ tests */

static void
test_read_certificate (void)
{
  static const InjJpkiField fields[] = { INJ_JPKI_NAME, INJ_JPKI_ADDRESS, INJ_JPKI_BIRTH_DATE };
  static const char *const keys[] = { "name", "address", "birth-date" };
  Fixture f = { 0 };
  InjCertificate *cert;

  fixture_set_up (&f);
  g_assert_true (test_ui_wait_until (tries_known, f.page, 20000));
  g_assert_null (inj_agent_page_get_certificate (f.page));
  test_agent_screenshot (f.window, "agent-desk");

  activate (&f, "agent-desk.read-certificate");
  wait_done (&f);
  g_assert_null (inj_agent_page_get_problem (f.page));
  g_assert_cmpuint (test_agent_interaction_asked (f.interaction), ==, 1);
  cert = inj_agent_page_get_certificate (f.page);
  g_assert_nonnull (cert);
  g_assert_cmpint (inj_agent_page_get_chain_status (f.page), ==, INJ_CHAIN_TRUSTED);

  /* masked by default */
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *real = persona_field (keys[i]);
      g_autofree char *masked = inj_mask_jpki_field (fields[i], real);
      g_assert_cmpstr (inj_certificate_get_jpki_field (cert, fields[i]), ==, real);
      g_assert_cmpstr (inj_agent_page_get_certificate_field (f.page, fields[i]), ==, masked);
    }
  test_agent_screenshot (f.window, "agent-desk-certificate");

  /* shown with the switch */
  activate (&f, "agent-desk.reveal");
  g_assert_true (inj_session_get_reveal (f.session));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *real = persona_field (keys[i]);
      g_autofree char *shown = fields[i] == INJ_JPKI_BIRTH_DATE ? inj_jpki_birth_date_display (real)
                                                                : g_strdup (real);
      g_assert_cmpstr (inj_agent_page_get_certificate_field (f.page, fields[i]), ==, shown);
    }

  /* the privacy lock forgets it */
  inj_session_privacy_lock (f.session);
  g_assert_false (inj_session_get_reveal (f.session));
  g_assert_null (inj_agent_page_get_certificate (f.page));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_assert_cmpstr (inj_agent_page_get_certificate_field (f.page, fields[i]), ==, "");
  test_agent_screenshot (f.window, "agent-desk-locked");

  /* reading it used none of the tries */
  g_assert_true (test_ui_wait_until (tries_known, f.page, 20000));
  g_assert_cmpint (inj_card_picker_get_pin_status (inj_agent_page_get_card_picker (f.page))
                     ->tries_left, ==, 5);
  fixture_tear_down (&f);
}

static void
assert_code_refused (Fixture *f,
                     const char *typed)
{
  g_autofree char *why = inj_agent_request_code_problem (typed);

  g_assert_false (inj_agent_page_set_request_code (f->page, typed));
  g_assert_nonnull (why);
  g_assert_nonnull (inj_agent_page_get_problem (f->page));
  g_assert_nonnull (strstr (inj_agent_page_get_problem (f->page), why));
}

static void
test_request_code (void)
{
  Fixture f = { 0 };
  g_autoptr(InjDelegation) d = test_agent_delegation ("corporation.ini");
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GBytes) digest = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *delegation = NULL;
  g_autofree char *code = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *path = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *content = NULL;

  fixture_set_up (&f);
  g_assert_true (test_ui_wait_until (tries_known, f.page, 20000));

  /* wrong codes, explained; nothing to sign */
  assert_code_refused (&f, "ABC");
  assert_code_refused (&f, "ABCD-EFGH-IJKL-MN01");
  assert_code_refused (&f, "");
  g_assert_null (inj_agent_page_get_target (f.page));
  gtk_widget_activate_action (GTK_WIDGET (f.page), "agent-desk.sign", NULL);
  g_assert_false (inj_agent_page_get_busy (f.page));
  test_agent_screenshot (f.window, "agent-desk-wrong-code");

  /* the code as a person may type it: lower case, spaces, full-width */
  delegation = write_delegation (&f, d, &xml);
  digest = inj_delegation_digest (xml, &error);
  g_assert_no_error (error);
  code = inj_request_code (digest);
  {
    g_autofree char *lower = g_ascii_strdown (code, -1);
    char wide[8] = { 0 };
    g_strdelimit (lower, "-", ' ');
    /* the first character in its full-width form (U+FF01 + c - '!') */
    g_unichar_to_utf8 (0xFF01 + (gunichar) (lower[0] - '!'), wide);
    typed = g_strconcat (wide, lower + 1, NULL);
  }
  g_assert_true (inj_agent_page_set_request_code (f.page, typed));
  g_assert_null (inj_agent_page_get_problem (f.page));
  g_assert_nonnull (strstr (inj_agent_page_get_target (f.page), code));
  /* a code shows no content, and the page says so plainly */
  content = inj_agent_page_dup_content (f.page);
  g_assert_nonnull (content);
  g_assert_true (g_str_has_prefix (content, "依頼コードだけでは電子委任状の内容は表示できません。"));
  test_agent_screenshot (f.window, "agent-desk-code-only");

  activate (&f, "agent-desk.sign");
  wait_done (&f);
  g_assert_null (inj_agent_page_get_problem (f.page));
  g_assert_cmpuint (test_agent_interaction_asked (f.interaction), ==, 1);
  g_assert_false (inj_agent_page_get_folder_offered (f.page));
  save_and_check (&f, "submission-code.xml", delegation);
  /* saved: where it goes next, and the folder it is in */
  g_assert_true (inj_agent_page_get_folder_offered (f.page));
  test_agent_screenshot (f.window, "agent-desk-saved");

  /* never over an existing file without being told */
  path = g_build_filename (f.dir, "submission-code.xml", NULL);
  g_file_set_contents (path, "kept", -1, &error);
  g_assert_no_error (error);
  inj_agent_page_save_submission (f.page, path, FALSE);
  wait_done (&f);
  g_assert_nonnull (inj_agent_page_get_problem (f.page));
  g_assert_nonnull (strstr (inj_agent_page_get_problem (f.page),
                            _("The submission was not saved")));
  g_file_get_contents (path, &kept, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, "kept");
  /* and over it when told (the file chooser asked) */
  inj_agent_page_save_submission (f.page, path, TRUE);
  wait_done (&f);
  g_assert_null (inj_agent_page_get_problem (f.page));
  g_assert_true (test_agent_has_mode_0600 (path));
  g_assert_cmpint (test_agent_cli (NULL, NULL, "verify", "--trust", f.ca, path, NULL), ==, 0);
  fixture_tear_down (&f);
}

static void
test_delegation_file (void)
{
  Fixture f = { 0 };
  g_autoptr(InjDelegation) d = test_agent_delegation ("corporation.ini");
  g_autofree char *delegation = NULL;
  g_autofree char *garbage = NULL;
  g_autofree char *masked = NULL;
  g_autofree char *content = NULL;
  g_autoptr(GError) error = NULL;
  const char *representative = inj_delegation_get_text (d, INJ_FIELD_REPRESENTATIVE_NAME);
  const char *agent = inj_delegation_get_text (d, INJ_FIELD_AGENT_NAME);
  const char *id = inj_delegation_get_text (d, INJ_FIELD_DELEGATION_ID);

  fixture_set_up (&f);
  g_assert_true (test_ui_wait_until (tries_known, f.page, 20000));
  delegation = write_delegation (&f, d, NULL);
  inj_agent_page_open_delegation (f.page, delegation);
  wait_done (&f);
  g_assert_null (inj_agent_page_get_problem (f.page));

  /* whose delegation it is: a 法人's 代表者名 is public registry data, shown
   * unmasked; the agent's name is masked */
  masked = inj_mask_personal (INJ_FIELD_AGENT_NAME, agent);
  g_assert_nonnull (strstr (inj_agent_page_get_target (f.page), id));
  g_assert_nonnull (strstr (inj_agent_page_get_target (f.page), representative));
  g_assert_nonnull (strstr (inj_agent_page_get_target (f.page), masked));
  g_assert_null (strstr (inj_agent_page_get_target (f.page), agent));
  /* what is signed for, before signing: the principal, the authority, the
   * period */
  content = inj_agent_page_dup_content (f.page);
  g_assert_nonnull (content);
  g_assert_nonnull (strstr (content, inj_delegation_get_text (d, INJ_FIELD_CORPORATE_NAME)));
  g_assert_nonnull (strstr (content, "法人税及び消費税の電子申告に関する一切の権限"));
  g_assert_nonnull (strstr (content, "税務調査の立会いを除く"));
  g_assert_nonnull (strstr (content, " 〜 "));
  g_assert_null (strstr (content, "依頼コード"));
  /* no 復代理の可否 in this one: no line for it */
  g_assert_null (strstr (content, "復代理"));
  g_clear_pointer (&content, g_free);
  /* a delegation that forbids sub-delegation says so before signing */
  inj_delegation_set_subdelegation (d, INJ_SUBDELEGATION_NOT_ALLOWED);
  g_free (delegation);
  delegation = write_delegation (&f, d, NULL);
  inj_agent_page_open_delegation (f.page, delegation);
  wait_done (&f);
  content = inj_agent_page_dup_content (f.page);
  g_assert_nonnull (strstr (content, "復代理の可否：不可（"));
  inj_session_set_reveal (f.session, TRUE);
  g_assert_nonnull (strstr (inj_agent_page_get_target (f.page), representative));
  inj_session_privacy_lock (f.session);
  g_assert_nonnull (strstr (inj_agent_page_get_target (f.page), representative));
  test_agent_screenshot (f.window, "agent-desk-delegation");

  activate (&f, "agent-desk.sign");
  wait_done (&f);
  g_assert_null (inj_agent_page_get_problem (f.page));
  g_assert_cmpuint (test_agent_interaction_asked (f.interaction), ==, 1);
  save_and_check (&f, "submission-delegation.xml", delegation);

  /* a file that is not a delegation: said so, the one opened stays */
  garbage = g_build_filename (f.dir, "garbage.xml", NULL);
  g_file_set_contents (garbage, "<a/>", -1, &error);
  g_assert_no_error (error);
  inj_agent_page_open_delegation (f.page, garbage);
  wait_done (&f);
  g_assert_nonnull (inj_agent_page_get_problem (f.page));
  g_assert_nonnull (strstr (inj_agent_page_get_problem (f.page),
                            _("The delegation file cannot be used")));
  g_assert_nonnull (strstr (inj_agent_page_get_target (f.page), id));
  /* the new attempt took the old 「保存しました」 away */
  {
    g_autofree char *shown = test_ui_widget_text (GTK_WIDGET (f.page));
    g_assert_null (strstr (shown, "submission-delegation.xml"));
  }
  test_agent_screenshot (f.window, "agent-desk-not-a-delegation");
  fixture_tear_down (&f);
}

int
main (int argc,
      char *argv[])
{
  test_ui_init (&argc, &argv);
  g_test_add_func ("/ui/agent-page/read-certificate", test_read_certificate);
  g_test_add_func ("/ui/agent-page/request-code", test_request_code);
  g_test_add_func ("/ui/agent-page/delegation-file", test_delegation_file);
  return test_ui_run ();
}
