/* test-e2e-more.c: the end-to-end test after the flow (issue 17): the
 * stored delegation's details printed to a file, as the print dialog's
 * 「ファイルへ出力」 does (the page's print operation, exported), read back
 * with pdftotext; then the card page's 「変更…」 for the signing password:
 * the tries left shown first, the current password and the new one twice
 * typed into the dialog, the toast, and the card left unverified. */
#include "config.h"

#include <string.h>

#include "inj-card-page.h"
#include "inj-delegations-page.h"
#include "inj-pin-change-dialog.h"
#include "test-e2e-support.h"

static gboolean
not_busy (gpointer data)
{
  return !inj_delegations_page_get_busy (data);
}

static char *
pdf_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_find_program_in_path ("pdftotext");
  char *out = NULL;
  int status = 0;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };

  if (program == NULL)
    g_error ("pdftotext is missing: install poppler-utils (quickstart's test packages)");
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  return out;
}

static gboolean
page_ready (gpointer data)
{
  return inj_card_page_get_state (data) == INJ_CARD_STATE_READY;
}

static gboolean
dialog_in_form (gpointer data)
{
  GtkWidget *dialog = inj_card_page_get_pin_change_dialog (data);

  return dialog != NULL &&
         inj_pin_change_dialog_get_state (INJ_PIN_CHANGE_DIALOG (dialog)) == INJ_PIN_CHANGE_FORM;
}

static gboolean
dialog_closed (gpointer data)
{
  return inj_card_page_get_pin_change_dialog (data) == NULL;
}

static gboolean
toast_said (gpointer data)
{
  Bed *bed = data;

  return g_strcmp0 (inj_window_get_last_toast (bed->window),
                    inj_pin_change_done_text (INJ_PIN_SIGN)) == 0;
}

void
e2e_print_and_change_password (Bed *bed,
                               const char *id,
                               const char *password)
{
  InjDelegationsPage *list = INJ_DELEGATIONS_PAGE (inj_window_get_delegations_page (bed->window));
  g_autofree char *pdf = g_build_filename (bed->dir, "printed.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  InjCardPage *card_page;
  InjPinChangeDialog *dialog;
  const char *new_password = "E2ECHANGED7";

  /* the details of the stored delegation, verified again */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "delegations.details", "s", id));
  if (test_ui_wait_until (e2e_dialog_shown, inj_session_get_interaction (bed->session), 5000))
    g_free (e2e_type_password (bed, "1234", NULL));
  g_assert_true (test_ui_wait_until (not_busy, list, 60000));
  g_assert_cmpstr (inj_delegations_page_get_details_id (list), ==, id);
  e2e_shoot (bed, "details");
  /* 印刷… to a file: the page's print operation, exported as a PDF */
  g_assert_cmpint (inj_delegations_page_print (list, GTK_PRINT_OPERATION_ACTION_EXPORT, pdf, &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, id));
  g_assert_nonnull (strstr (text, "delegation.xml"));
  g_assert_null (strstr (text, "署名されていません"));

  /* the card page: 変更… for the signing password, the tries first */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (bed->window), "win.show-page", "s", "card"));
  card_page = INJ_CARD_PAGE (inj_window_get_card_page (bed->window));
  g_assert_true (test_ui_wait_until (page_ready, card_page, 30000));
  e2e_shoot (bed, "card");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (bed->window), "win.change-pin", "s", "sign"));
  g_assert_true (test_ui_wait_until (dialog_in_form, card_page, 30000));
  dialog = INJ_PIN_CHANGE_DIALOG (inj_card_page_get_pin_change_dialog (card_page));
  g_assert_nonnull (strstr (inj_pin_change_dialog_get_tries_text (dialog), "5"));
  gtk_editable_set_text (inj_pin_change_dialog_get_entry (dialog, INJ_PIN_CHANGE_ENTRY_CURRENT), password);
  gtk_editable_set_text (inj_pin_change_dialog_get_entry (dialog, INJ_PIN_CHANGE_ENTRY_NEW), new_password);
  /* one character off: 変更 stays off */
  gtk_editable_set_text (inj_pin_change_dialog_get_entry (dialog, INJ_PIN_CHANGE_ENTRY_AGAIN), "E2ECHANGED8");
  g_assert_false (gtk_widget_is_sensitive (inj_pin_change_dialog_get_change_button (dialog)));
  gtk_editable_set_text (inj_pin_change_dialog_get_entry (dialog, INJ_PIN_CHANGE_ENTRY_AGAIN), new_password);
  g_assert_true (gtk_widget_is_sensitive (inj_pin_change_dialog_get_change_button (dialog)));
  e2e_settle (300);
  test_ui_screenshot (GTK_WIDGET (dialog), "e2e-pin-change");
  g_assert_true (gtk_widget_activate (inj_pin_change_dialog_get_change_button (dialog)));
  g_assert_true (test_ui_wait_until (dialog_closed, card_page, 30000));
  g_assert_true (test_ui_wait_until (toast_said, bed, 5000));
  g_assert_true (test_ui_wait_until (page_ready, card_page, 30000));
  e2e_shoot (bed, "password-changed");
  {
    g_autofree char *status = test_vcard_control (bed->representative, "status");
    g_assert_nonnull (strstr (status, "\"sign_verified\":false"));
  }
}
