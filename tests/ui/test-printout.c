/* test-printout.c: Print… and Save as PDF… of one delegation (issue 17
 * §3) from the window's pages: the review before and after signing, and the
 * details of a delegation stored at the local service. Each PDF is read
 * back with pdftotext: the 電子委任状ID always, the personal items only once
 * the person revealed them. The menus and the dialogs say which. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-delegations-page.h"
#include "inj-printout-ui.h"
#include "inj-review-page.h"
#include "inj-service-settings.h"
#include "inj-upload.h"
#include "inj-window.h"
#include "test-service-support.h"
#include "test-sign-support.h"
#include "test-soft-key.h"
#include "test-ui-support.h"

#define MASKED_NOTICE "個人の情報（氏名・住所・生年月日）は伏せて出力されます。表示してから出力すると記載されます。"
#define REVEALED_NOTICE "個人の情報（氏名・住所・生年月日）は記載して出力されます。"
#define SAVED_TOAST "電子委任状を PDF として保存しました。"
/* app/printout's line for a delegation without a signature checked */
#define UNSIGNED _("This delegation is not signed, or its signature has not been checked.")

static gboolean
session_loaded (gpointer data)
{
  return inj_session_get_monitor (data) || inj_session_get_monitor_error (data);
}

/* Without white space (ASCII and U+3000): a long value may wrap on paper. */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0x3000)
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* The PDF's text, in drawing order (-raw: a table's columns stay apart). */
static char *
pdf_text (const char *path)
{
  g_autofree char *contents = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", path, "-", NULL };
  gsize len = 0;
  int status = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (len, >, 5);
  g_assert_true (memcmp (contents, "%PDF-", 5) == 0);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return squeeze (out);
}

static gboolean
has (const char *text,
     const char *value)
{
  g_autofree char *needle = squeeze (value);

  return strstr (text, needle) != NULL;
}

static GtkWidget *
find_named (GtkWidget *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);
      if (found)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_type (c, type);
      if (found)
        return found;
    }
  return NULL;
}

/* The menu's items in order (GtkModelButton: their actions are the
 * menu's, tracked, not theirs). */
static void
collect_items (GtkWidget *widget,
               GPtrArray *items)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkModelButton"))
    g_ptr_array_add (items, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_items (c, items);
}

/* Whether the item @index (0 Print…, 1 Save as PDF…) of @page's printout
 * menu can be chosen: a disabled action makes its item insensitive. */
static gboolean
menu_item_enabled (GtkWidget *page,
                   guint index)
{
  GtkWidget *button = find_type (page, GTK_TYPE_MENU_BUTTON);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  g_assert_nonnull (button);
  collect_items (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))), items);
  g_assert_cmpuint (items->len, ==, 2);
  return gtk_widget_get_sensitive (g_ptr_array_index (items, index));
}

#define PRINT_ITEM 0
#define SAVE_ITEM 1

/* The page's printout menu: its two items reach the page's actions, and
 * its last line is the notice. */
static void
check_menu (GtkWidget *page,
            const char *prefix,
            const char *notice,
            const char *shot)
{
  GtkWidget *button = find_type (page, GTK_TYPE_MENU_BUTTON);
  GtkPopover *popover;
  GtkWidget *label;
  g_autofree char *print = g_strconcat (prefix, ".print", NULL);
  g_autofree char *save = g_strconcat (prefix, ".save-pdf", NULL);
  GMenuModel *menu;
  g_autofree char *action0 = NULL;
  g_autofree char *action1 = NULL;
  g_autoptr(GMenuModel) section = NULL;

  g_assert_nonnull (button);
  g_assert_true (menu_item_enabled (page, PRINT_ITEM));
  g_assert_true (menu_item_enabled (page, SAVE_ITEM));
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  g_assert_true (g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_ACTION, "s",
                                                  &action0));
  g_assert_true (g_menu_model_get_item_attribute (section, 1, G_MENU_ATTRIBUTE_ACTION, "s",
                                                  &action1));
  g_assert_cmpstr (action0, ==, print);
  g_assert_cmpstr (action1, ==, save);
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  label = find_named (GTK_WIDGET (popover), "printout-notice");
  g_assert_nonnull (label);
  /* a sentence a line */
  {
    g_autofree char *shown = squeeze (gtk_label_get_text (GTK_LABEL (label)));
    g_autofree char *expected = squeeze (notice);

    g_assert_cmpstr (shown, ==, expected);
  }
  if (shot)
    {
      gtk_menu_button_popup (GTK_MENU_BUTTON (button));
      g_assert_true (test_ui_wait_until (test_ui_mapped, popover, 5000));
      test_sign_screenshot (GTK_WIDGET (gtk_widget_get_root (page)), shot);
      /* the menu is a surface of its own */
      {
        g_autofree char *menu_shot = g_strconcat (shot, "-popover", NULL);
        test_ui_screenshot (GTK_WIDGET (popover), menu_shot);
      }
      test_ui_popdown_and_settle (popover);
    }
}

/* ------------------------------------------------------------ review */

typedef struct {
  char *dir;
  InjSession *session;
  GtkWindow *window;
  InjReviewPage *page;
  InjDelegation *delegation;
} Review;

static void
review_set_up (Review *f)
{
  f->dir = test_ui_tmpdir ();
  f->session = inj_session_new (NULL, NULL, f->dir);
  test_session_trust_personas (f->session);
  f->page = INJ_REVIEW_PAGE (inj_review_page_new (f->session));
  g_object_ref (f->page);
  f->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref (f->window);
  gtk_window_set_default_size (f->window, 900, 800);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
  g_assert_true (test_ui_wait_until (test_ui_on_monitor, f->window, 5000));
  f->delegation = test_delegation_new ();
  inj_session_set_delegation (f->session, f->delegation);
  test_session_add_submission (f->session);
}

static void
review_tear_down (Review *f)
{
  gtk_window_destroy (f->window);
  g_assert_finalize_object (f->window);
  g_assert_finalize_object (f->page);
  g_clear_object (&f->delegation);
  g_assert_true (test_ui_wait_until (session_loaded, f->session, 30000));
  test_ui_drain (G_OBJECT (f->session));
  g_assert_finalize_object (f->session);
  test_ui_rmtree (f->dir);
  g_free (f->dir);
}

/* Printed to a file through GtkPrintOperation (what 「ファイルへ出力」 does). */
static char *
review_print (Review *f,
              const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (inj_review_page_print (f->page, GTK_PRINT_OPERATION_ACTION_EXPORT, path,
                                          &error), ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  return pdf_text (path);
}

static char *
review_save (Review *f,
             const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_object_set_data (G_OBJECT (f->page), "inj-printout-last-toast", NULL);
  g_assert_true (inj_review_page_save_pdf_to (f->page, file, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (inj_printout_ui_get_last_toast (GTK_WIDGET (f->page)), ==, SAVED_TOAST);
  return pdf_text (path);
}

/* The signed XML as the sign page leaves it: signed with the
 * representative persona's key, in a package folder. */
static void
review_sign (Review *f)
{
  g_autofree char *key_path = test_persona_file ("representative", "sign-key.pem");
  g_autofree char *cert_path = test_persona_file ("representative", "sign-cert.der");
  g_autofree char *package = g_build_filename (f->dir, "package", NULL);
  g_auto(TestSoftKey) key = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) xml = NULL;

  g_assert_true (test_soft_key_load (&key, key_path, cert_path, &error));
  xml = inj_sign_delegation (f->delegation, test_soft_key_sign, &key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (package, 0700), ==, 0);
  inj_session_set_signed_delegation (f->session, xml);
  inj_session_set_package_dir (f->session, package);
}

static void
test_review (void)
{
  Review f = { 0 };
  const char *id;
  g_autofree char *agent_name = NULL;
  g_autofree char *agent_address = NULL;
  g_autofree char *masked_address = NULL;
  g_autofree char *text = NULL;

  review_set_up (&f);
  id = inj_delegation_get_text (f.delegation, INJ_FIELD_DELEGATION_ID);
  agent_name = inj_render_value (f.delegation, INJ_FIELD_AGENT_NAME, TRUE);
  agent_address = inj_render_value (f.delegation, INJ_FIELD_AGENT_ADDRESS, TRUE);
  masked_address = inj_render_value (f.delegation, INJ_FIELD_AGENT_ADDRESS, FALSE);
  g_assert_cmpstr (masked_address, !=, agent_address);
  g_assert_false (inj_session_get_reveal (f.session));

  /* masked, as on the page: the ID, not the agent's name or address */
  check_menu (GTK_WIDGET (f.page), "review", MASKED_NOTICE, "printout-review-menu-masked");
  text = review_print (&f, "print-masked.pdf");
  g_assert_true (has (text, id));
  g_assert_false (has (text, agent_name));
  g_assert_false (has (text, agent_address));
  /* unsigned: said so, and no signed XML is named */
  g_assert_true (has (text, UNSIGNED));
  g_assert_false (has (text, "delegation.xml"));
  g_clear_pointer (&text, g_free);
  text = review_save (&f, "save-masked.pdf");
  g_assert_true (has (text, id));
  g_assert_false (has (text, agent_name));
  g_assert_false (has (text, agent_address));
  g_clear_pointer (&text, g_free);

  /* revealed on the page: on paper too */
  inj_session_set_reveal (f.session, TRUE);
  check_menu (GTK_WIDGET (f.page), "review", REVEALED_NOTICE, "printout-review-menu-revealed");
  text = review_print (&f, "print-revealed.pdf");
  g_assert_true (has (text, id));
  g_assert_true (has (text, agent_name));
  g_assert_true (has (text, agent_address));
  g_clear_pointer (&text, g_free);
  text = review_save (&f, "save-revealed.pdf");
  g_assert_true (has (text, id));
  g_assert_true (has (text, agent_name));
  g_assert_true (has (text, agent_address));
  g_clear_pointer (&text, g_free);

  /* the privacy lock hides them again on paper */
  inj_session_privacy_lock (f.session);
  text = review_print (&f, "print-locked.pdf");
  g_assert_false (has (text, agent_address));
  g_clear_pointer (&text, g_free);

  /* after signing: the signed XML in the package is named as the record */
  review_sign (&f);
  text = review_print (&f, "print-signed.pdf");
  g_assert_true (has (text, id));
  g_assert_true (has (text, "delegation.xml"));
  /* its signature checked, not "unsigned" */
  g_assert_false (has (text, UNSIGNED));
  g_clear_pointer (&text, g_free);

  /* nothing to print without a delegation */
  inj_session_set_delegation (f.session, NULL);
  g_assert_false (menu_item_enabled (GTK_WIDGET (f.page), PRINT_ITEM));
  g_assert_false (menu_item_enabled (GTK_WIDGET (f.page), SAVE_ITEM));
  review_tear_down (&f);
}

/* ------------------------------------------------------------ dialogs */

static gboolean
found_print_dialog (gpointer data)
{
  GtkWidget **dialog = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      /* GtkPrintUnixDialog, without gtk4-unix-print's header */
      if (g_str_equal (G_OBJECT_TYPE_NAME (w), "GtkPrintUnixDialog") &&
          gtk_widget_get_mapped (GTK_WIDGET (w)))
        *dialog = GTK_WIDGET (w);
    }
  return *dialog != NULL;
}

static gboolean
has_folder (gpointer data)
{
  g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (data));

  return folder != NULL;
}

static gboolean
found_save_dialog (gpointer data)
{
  GtkWidget **dialog = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (w) && gtk_widget_get_mapped (GTK_WIDGET (w)))
        *dialog = GTK_WIDGET (w);
    }
  return *dialog != NULL;
}

static gboolean
destroyed (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* The save dialog: the documents folder, the ID's name, the notice; Save
 * writes the PDF there. Returns its text. */
static char *
check_save_dialog (Review *f,
                   const char *notice,
                   const char *shot,
                   gboolean revealed)
{
  g_autofree char *folder = g_build_filename (f->dir, shot, NULL);
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GFile) dir = g_file_new_for_path (folder);
  g_autofree char *expected = g_strdup_printf ("%s.pdf", inj_delegation_get_text (f->delegation,
                                                                                 INJ_FIELD_DELEGATION_ID));
  g_autofree char *agent_address = inj_render_value (f->delegation, INJ_FIELD_AGENT_ADDRESS, TRUE);
  GtkWidget *dialog = NULL, *label;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "review.save-pdf", NULL));
  g_assert_true (test_ui_wait_until (found_save_dialog, &dialog, 10000));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  label = find_named (dialog, "printout-notice");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, notice);
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (dialog));
  g_assert_cmpstr (name, ==, expected);
  /* in the documents folder, as the editor's save dialog */
  {
    g_autoptr(GFile) opened = NULL;
    g_autofree char *opened_path = NULL;

    g_assert_true (test_ui_wait_until (has_folder, dialog, 5000));
    opened = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (dialog));
    opened_path = g_file_get_path (opened);

    g_assert_cmpstr (opened_path, ==, g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS));
  }
  g_assert_true (test_ui_wait_until (test_ui_mapped, dialog, 5000));
  test_sign_screenshot (dialog, shot);

  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), dir, NULL));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_assert_true (test_ui_wait_until (destroyed, &dialog, 5000));
  path = g_build_filename (folder, expected, NULL);
  text = pdf_text (path);
  g_assert_true (has (text, inj_delegation_get_text (f->delegation, INJ_FIELD_DELEGATION_ID)));
  g_assert_true (has (text, agent_address) == revealed);
  g_assert_cmpstr (inj_printout_ui_get_last_toast (GTK_WIDGET (f->page)), ==, SAVED_TOAST);
  return g_steal_pointer (&text);
}

static void
check_print_dialog (Review *f,
                    const char *notice,
                    const char *shot)
{
  GtkWidget *dialog = NULL;
  GtkWidget *label, *notebook;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "review.print", NULL));
  g_assert_true (test_ui_wait_until (found_print_dialog, &dialog, 10000));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == f->window);
  label = find_named (dialog, "printout-notice");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, notice);
  /* its own tab, shown for the picture */
  notebook = find_type (dialog, GTK_TYPE_NOTEBOOK);
  g_assert_nonnull (notebook);
  for (int i = 0; i < gtk_notebook_get_n_pages (GTK_NOTEBOOK (notebook)); i++)
    if (gtk_widget_is_ancestor (label, gtk_notebook_get_nth_page (GTK_NOTEBOOK (notebook), i)))
      gtk_notebook_set_current_page (GTK_NOTEBOOK (notebook), i);
  g_assert_true (test_ui_wait_until (test_ui_mapped, label, 5000));
  test_sign_screenshot (dialog, shot);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_assert_true (test_ui_wait_until (destroyed, &dialog, 5000));
}

/* The user's documents folder, somewhere of the test's own. */
static char *
documents_set_up (void)
{
  g_autofree char *config = g_build_filename (g_get_user_data_dir (), "config", NULL);
  g_autofree char *documents = g_build_filename (g_get_user_data_dir (), "書類", NULL);
  g_autofree char *dirs = g_build_filename (config, "user-dirs.dirs", NULL);
  g_autofree char *line = g_strdup_printf ("XDG_DOCUMENTS_DIR=\"%s\"\n", documents);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (documents, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (config, 0700), ==, 0);
  g_assert_true (g_file_set_contents (dirs, line, -1, &error));
  g_assert_no_error (error);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_reload_user_special_dirs_cache ();
  g_assert_cmpstr (g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS), ==, documents);
  return g_steal_pointer (&documents);
}

/* GTK's own dialogs (they leak as they work in GTK 4.8: run apart). */
static void
test_dialogs (void)
{
  Review f = { 0 };
  g_autofree char *documents = documents_set_up ();
  g_autofree char *text = NULL;

  review_set_up (&f);
  text = check_save_dialog (&f, MASKED_NOTICE, "printout-save-dialog-masked", FALSE);
  g_assert_true (has (text, UNSIGNED));
  g_clear_pointer (&text, g_free);
  check_print_dialog (&f, MASKED_NOTICE, "printout-print-dialog-masked");
  inj_session_set_reveal (f.session, TRUE);
  text = check_save_dialog (&f, REVEALED_NOTICE, "printout-save-dialog-revealed", TRUE);
  g_clear_pointer (&text, g_free);
  check_print_dialog (&f, REVEALED_NOTICE, "printout-print-dialog-revealed");
  /* signed: checked in the background before the dialog, shown on paper */
  review_sign (&f);
  text = check_save_dialog (&f, REVEALED_NOTICE, "printout-save-dialog-signed", TRUE);
  g_assert_false (has (text, UNSIGNED));
  g_assert_true (has (text, "delegation.xml"));
  g_clear_pointer (&text, g_free);
  review_tear_down (&f);
}

/* ------------------------------------------------------------ details */

static void
run (InjDelegationsPage *page,
     const char *action,
     GVariant *parameter)
{
  g_autoptr(GVariant) owned = parameter ? g_variant_ref_sink (parameter) : NULL;

  gtk_widget_activate_action_variant (GTK_WIDGET (page), action, owned);
  g_assert_true (inj_delegations_page_get_busy (page));
  g_assert_true (test_wait_property_not (page, "busy", TRUE, 60000));
}

static char *
details_print (InjDelegationsPage *page,
               const char *dir,
               const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (inj_delegations_page_print (page, GTK_PRINT_OPERATION_ACTION_EXPORT, path,
                                               &error), ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  return pdf_text (path);
}

static char *
details_save (InjDelegationsPage *page,
              const char *dir,
              const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (inj_delegations_page_save_pdf_to (page, file, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (inj_printout_ui_get_last_toast (GTK_WIDGET (page)), ==, SAVED_TOAST);
  return pdf_text (path);
}

static void
test_details (void)
{
  g_autoptr(TestService) svc = test_service_start (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(InjCardMonitor) monitor = inj_card_monitor_new (NULL, &error);
  g_autofree char *agent_name = test_persona_ini ("agent-zeirishi", "san", "name");
  g_autofree char *dir = test_ui_tmpdir ();
  g_autofree char *text = NULL;
  g_autofree char *stored = NULL;
  g_auto(InjServiceConfig) config = { 0 };
  g_autoptr(InjServiceClient) client = NULL;
  g_autoptr(InjPackage) package = NULL;
  g_autofree char *outbox = inj_outbox_dir ();
  g_autofree char *package_dir = NULL;
  InjSession *session;
  InjWindow *window;
  InjDelegationsPage *page;

  g_assert_no_error (error);
  test_data_home_clear ();
  session = inj_session_new (monitor, NULL, NULL);
  test_settings_for_service (inj_session_get_settings (session), svc, FALSE);
  g_settings_set_boolean (inj_session_get_settings (session), "reveal-personal-data", FALSE);
  stored = test_outbox_package (NULL, NULL);
  package_dir = g_build_filename (outbox, stored, NULL);
  package = inj_package_load (package_dir, &error);
  g_assert_no_error (error);
  g_assert_true (inj_service_settings_config (inj_session_get_settings (session), &config, &error));
  client = inj_service_client_new (&config, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (inj_upload_package (client, package, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (inj_upload_follow_receipt (client, package, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (package->state, ==, "stored");

  window = INJ_WINDOW (inj_window_new_for_session (NULL, session));
  g_object_ref (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 900);
  page = INJ_DELEGATIONS_PAGE (inj_window_get_delegations_page (window));
  gtk_window_present (GTK_WINDOW (window));
  gtk_stack_set_visible_child_name (inj_window_get_stack (window), "delegations");
  g_assert_true (test_ui_wait_until (test_ui_mapped, page, 5000));

  /* nothing chosen: nothing to print */
  g_assert_false (menu_item_enabled (GTK_WIDGET (page), PRINT_ITEM));
  run (page, "delegations.refresh", NULL);
  run (page, "delegations.details", g_variant_new_string (stored));
  g_assert_cmpstr (inj_delegations_page_get_error (page), ==, "");
  g_assert_cmpstr (inj_delegations_page_get_details_id (page), ==, stored);

  check_menu (GTK_WIDGET (page), "delegations", MASKED_NOTICE, "printout-details-menu-masked");
  text = details_print (page, dir, "details-masked.pdf");
  g_assert_true (has (text, stored));
  g_assert_false (has (text, agent_name));
  /* sent from here: its signed XML is named as the record, its
   * signature checked again */
  g_assert_true (has (text, "delegation.xml"));
  g_assert_false (has (text, UNSIGNED));
  g_clear_pointer (&text, g_free);
  text = details_save (page, dir, "details-save-masked.pdf");
  g_assert_true (has (text, stored));
  g_assert_false (has (text, agent_name));
  g_clear_pointer (&text, g_free);

  inj_session_set_reveal (session, TRUE);
  check_menu (GTK_WIDGET (page), "delegations", REVEALED_NOTICE, NULL);
  text = details_print (page, dir, "details-revealed.pdf");
  g_assert_true (has (text, stored));
  g_assert_true (has (text, agent_name));
  g_clear_pointer (&text, g_free);
  text = details_save (page, dir, "details-save-revealed.pdf");
  g_assert_true (has (text, agent_name));
  g_clear_pointer (&text, g_free);

  /* the privacy lock drops the details: nothing left to print */
  inj_session_privacy_lock (session);
  g_assert_false (menu_item_enabled (GTK_WIDGET (page), PRINT_ITEM));
  g_assert_false (menu_item_enabled (GTK_WIDGET (page), SAVE_ITEM));

  gtk_window_destroy (GTK_WINDOW (window));
  test_ui_drain (G_OBJECT (window));
  g_assert_finalize_object (window);
  test_ui_drain (G_OBJECT (session));
  g_assert_finalize_object (session);
  test_ui_rmtree (dir);
}

int
main (int argc,
      char *argv[])
{
  int status;

  test_data_home_init ();
  test_ui_init (&argc, &argv);
  g_test_add_func ("/ui/printout/review", test_review);
  g_test_add_func ("/ui/printout/details", test_details);
  g_test_add_func ("/ui/printout/dialogs", test_dialogs);
  status = test_ui_run ();
  test_data_home_cleanup ();
  return status;
}
