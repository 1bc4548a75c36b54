/* inj-printout-ui.c: the window's side of a delegation's printout: the
 * print dialog (GtkPrintOperation, so its preview and 「ファイルへ出力」
 * work), the save dialog for a PDF, and what both say about the personal
 * items. The page is app/printout's; the signature check is the one every
 * page uses (inj_verify_delegation), run again on the signed XML so that
 * the page shows when it was checked. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-printout.h"
#include "inj-printout-ui.h"
#include "inj-ui-private.h"

#define LAST_TOAST_KEY "inj-printout-last-toast"

struct _InjPrintoutSource {
  InjDelegation *delegation;
  GBytes *signed_xml;
  InjTrustStore *trust;
  char *xml_file_name;
  gboolean reveal;
  gboolean checked;           /* verification is the signed XML's check */
  InjVerification *verification;
};

/* Kept for the rest of the session: the printer, paper and copies chosen
 * last time. */
static GtkPrintSettings *session_settings;

InjPrintoutSource *
inj_printout_source_new (InjDelegation *delegation,
                         GBytes *signed_xml,
                         InjTrustStore *trust,
                         const char *xml_file_name,
                         gboolean reveal)
{
  InjPrintoutSource *source;

  g_return_val_if_fail (INJ_IS_DELEGATION (delegation), NULL);
  source = g_new0 (InjPrintoutSource, 1);
  source->delegation = g_object_ref (delegation);
  source->signed_xml = signed_xml ? g_bytes_ref (signed_xml) : NULL;
  source->trust = trust ? g_object_ref (trust) : NULL;
  source->xml_file_name = g_strdup (xml_file_name);
  source->reveal = reveal;
  return source;
}

InjPrintoutSource *
inj_printout_source_copy (InjPrintoutSource *source)
{
  InjPrintoutSource *copy = inj_printout_source_new (source->delegation, source->signed_xml,
                                                     source->trust, source->xml_file_name,
                                                     source->reveal);

  copy->checked = source->checked;
  copy->verification = source->verification ? g_object_ref (source->verification) : NULL;
  return copy;
}

void
inj_printout_source_free (InjPrintoutSource *source)
{
  if (source == NULL)
    return;
  g_object_unref (source->delegation);
  g_clear_pointer (&source->signed_xml, g_bytes_unref);
  g_clear_object (&source->trust);
  g_free (source->xml_file_name);
  g_clear_object (&source->verification);
  g_free (source);
}

const char *
inj_printout_ui_notice (gboolean reveal)
{
  if (reveal)
    return _("Personal data (names, addresses, dates of birth) is included.");
  return _("Personal data (names, addresses, dates of birth) is left out (hidden). Show it "
           "first to include it.");
}

char *
inj_printout_ui_pdf_name (InjDelegation *delegation)
{
  const char *id = inj_delegation_get_text (delegation, INJ_FIELD_DELEGATION_ID);

  return g_strdup_printf ("%s.pdf", id ? id : "delegation");
}

/* The signed XML checked now, as the page that shows it checked it; an
 * XML that cannot be read at all is printed as not checked. */
static InjVerification *
check_signature (GBytes *signed_xml,
                 InjTrustStore *trust)
{
  g_autoptr(GError) error = NULL;
  InjVerification *v;

  if (signed_xml == NULL || trust == NULL)
    return NULL;
  v = inj_verify_delegation (signed_xml, trust, NULL, NULL, &error);
  if (v == NULL)
    g_debug ("the printout's signature check: %s", error->message);
  return v;
}

static InjPrintout *
printout_new (InjPrintoutSource *source)
{
  /* not checked ahead (a test's direct call): a small document, now */
  if (!source->checked)
    {
      source->verification = check_signature (source->signed_xml, source->trust);
      source->checked = TRUE;
    }
  return inj_printout_new (source->delegation, source->verification, source->xml_file_name,
                           source->reveal);
}

/* The thread reads the bytes and the trust store, and writes nothing the
 * main thread reads before the task returns. */
static void
check_thread (GTask *task,
              gpointer object,
              gpointer task_data,
              GCancellable *cancellable)
{
  InjPrintoutSource *source = task_data;
  InjVerification *v = check_signature (source->signed_xml, source->trust);

  g_task_return_pointer (task, v, g_object_unref);
}

static void
check_async (GtkWidget *widget,
             InjPrintoutSource *source,
             GAsyncReadyCallback callback,
             gpointer user_data)
{
  g_autoptr(GTask) task = g_task_new (widget, NULL, callback, user_data);

  g_task_set_source_tag (task, check_async);
  g_task_set_task_data (task, source, (GDestroyNotify) inj_printout_source_free);
  g_task_run_in_thread (task, check_thread);
}

/* The source checked: a new one, the caller's (the task keeps its own). */
static InjPrintoutSource *
check_finish (GAsyncResult *result)
{
  GTask *task = G_TASK (result);
  InjPrintoutSource *source = g_task_get_task_data (task);
  InjVerification *v = g_task_propagate_pointer (task, NULL);

  g_set_object (&source->verification, v);
  g_clear_object (&v);
  source->checked = TRUE;
  return inj_printout_source_copy (source);
}

static GtkWindow *
window_of (GtkWidget *widget)
{
  GtkRoot *root = widget ? gtk_widget_get_root (widget) : NULL;

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static GtkWidget *
notice_label_new (gboolean reveal)
{
  GtkWidget *label = gtk_label_new (inj_printout_ui_notice (reveal));

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_WORD);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_name (label, "printout-notice");
  return label;
}

/* A sentence a line: a menu is narrow, and Japanese wrapped to its width
 * breaks inside words (生年月|日). */
void
inj_printout_ui_set_menu_notice (GtkLabel *label,
                                 gboolean reveal)
{
  g_auto(GStrv) sentences = g_strsplit (inj_printout_ui_notice (reveal), "。", -1);
  g_autofree char *text = g_strjoinv ("。\n", sentences);

  g_strchomp (text);
  gtk_label_set_text (label, text);
}

GtkLabel *
inj_printout_ui_menu_notice (GtkMenuButton *button)
{
  GtkWidget *label = notice_label_new (FALSE);
  GtkPopover *popover = gtk_menu_button_get_popover (button);

  /* one Japanese sentence fits a line; English wraps between words */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  inj_printout_ui_set_menu_notice (GTK_LABEL (label), FALSE);
  gtk_popover_menu_add_child (GTK_POPOVER_MENU (popover), label, "notice");
  return GTK_LABEL (label);
}

/* ------------------------------------------------------------ printing */

static void
begin_print (GtkPrintOperation *op,
             GtkPrintContext *context,
             InjPrintout *printout)
{
  PangoContext *pango = gtk_print_context_create_pango_context (context);
  int n = inj_printout_paginate (printout, pango, gtk_print_context_get_width (context),
                                 gtk_print_context_get_height (context));

  g_object_unref (pango);
  gtk_print_operation_set_n_pages (op, MAX (n, 1));
}

static void
draw_page (GtkPrintOperation *op,
           GtkPrintContext *context,
           int page_nr,
           InjPrintout *printout)
{
  inj_printout_draw_page (printout, gtk_print_context_get_cairo_context (context), page_nr);
}

/* The print dialog's own tab says what the earlier choice on the page
 * means for the paper. */
static GObject *
create_custom_widget (GtkPrintOperation *op,
                      gpointer reveal)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), notice_label_new (GPOINTER_TO_INT (reveal)));
  return G_OBJECT (box);
}

static void
print_done (GtkPrintOperation *op,
            GtkPrintOperationResult result,
            gpointer user_data)
{
  GtkWindow *parent = user_data;

  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    g_set_object (&session_settings, gtk_print_operation_get_print_settings (op));
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR && parent &&
           gtk_print_operation_is_finished (op))
    {
      g_autoptr(GError) error = NULL;
      GtkWidget *dialog;

      gtk_print_operation_get_error (op, &error);
      dialog = adw_message_dialog_new (parent, _("The delegation could not be printed"),
                                       error ? error->message : NULL);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

GtkPrintOperationResult
inj_printout_ui_print (GtkWidget *widget,
                       InjPrintoutSource *source,
                       GtkPrintOperationAction action,
                       const char *export_path,
                       GError **error)
{
  g_autoptr(GtkPrintOperation) op = gtk_print_operation_new ();
  g_autofree char *title = NULL;
  InjPrintout *printout;
  GtkWindow *parent = window_of (widget);

  g_return_val_if_fail (source != NULL, GTK_PRINT_OPERATION_RESULT_ERROR);
  g_return_val_if_fail (action != GTK_PRINT_OPERATION_ACTION_EXPORT || export_path,
                        GTK_PRINT_OPERATION_RESULT_ERROR);

  printout = printout_new (source);
  /* the job's name: what the delegation is, masked as on the page */
  title = inj_render_delegation_title (source->delegation, source->reveal, 20);
  gtk_print_operation_set_job_name (op, title);
  if (session_settings)
    gtk_print_operation_set_print_settings (op, session_settings);
  /* the printout keeps its own margins, in points from the paper's corner */
  gtk_print_operation_set_use_full_page (op, TRUE);
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  gtk_print_operation_set_allow_async (op, action == GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG);
  gtk_print_operation_set_custom_tab_label (op, _("Personal Data"));
  if (export_path)
    gtk_print_operation_set_export_filename (op, export_path);
  g_object_set_data_full (G_OBJECT (op), "inj-printout", printout,
                          (GDestroyNotify) inj_printout_free);
  g_signal_connect (op, "begin-print", G_CALLBACK (begin_print), printout);
  g_signal_connect (op, "draw-page", G_CALLBACK (draw_page), printout);
  g_signal_connect (op, "create-custom-widget", G_CALLBACK (create_custom_widget),
                    GINT_TO_POINTER (source->reveal));
  if (parent)
    g_signal_connect_object (op, "done", G_CALLBACK (print_done), parent, 0);
  else
    g_signal_connect (op, "done", G_CALLBACK (print_done), NULL);
  return gtk_print_operation_run (op, action, parent, error);
}

/* ------------------------------------------------------------ saving */

static void
open_folder (AdwToast *toast,
             gpointer user_data)
{
  GtkWidget *widget = user_data;
  const char *uri = g_object_get_data (G_OBJECT (toast), "inj-folder-uri");

  gtk_show_uri (window_of (widget), uri, GDK_CURRENT_TIME);
}

/* In the window's toast overlay (the page is inside it), with a button
 * to the folder; without one (a page on its own) the window's toast. */
static void
say_saved (GtkWidget *widget,
           GFile *file)
{
  const char *message = _("The delegation was saved as a PDF.");
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  g_autoptr(GFile) folder = g_file_get_parent (file);
  AdwToast *toast;

  g_object_set_data_full (G_OBJECT (widget), LAST_TOAST_KEY, g_strdup (message), g_free);
  if (overlay == NULL)
    {
      gtk_widget_activate_action (widget, "win.toast", "s", message);
      return;
    }
  toast = adw_toast_new (message);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  if (folder)
    {
      adw_toast_set_button_label (toast, _("Open Folder"));
      g_object_set_data_full (G_OBJECT (toast), "inj-folder-uri", g_file_get_uri (folder), g_free);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (open_folder), widget, 0);
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

const char *
inj_printout_ui_get_last_toast (GtkWidget *widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  return g_object_get_data (G_OBJECT (widget), LAST_TOAST_KEY);
}

gboolean
inj_printout_ui_save_to (GtkWidget *widget,
                         InjPrintoutSource *source,
                         GFile *file,
                         GError **error)
{
  g_autoptr(InjPrintout) printout = NULL;
  g_autofree char *path = g_file_get_path (file);

  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Choose a folder on this computer."));
      return FALSE;
    }
  printout = printout_new (source);
  if (!inj_printout_write_pdf (printout, path, error))
    return FALSE;
  say_saved (widget, file);
  return TRUE;
}

static void
save_response (GtkDialog *dialog,
               int response,
               gpointer user_data)
{
  InjPrintoutSource *source = user_data;
  GtkWidget *widget = g_object_get_data (G_OBJECT (dialog), "inj-page");

  if (response == GTK_RESPONSE_ACCEPT && widget)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GError) error = NULL;

      if (file && !inj_printout_ui_save_to (widget, source, file, &error))
        {
          GtkWidget *alert = adw_message_dialog_new (window_of (widget),
                                                     _("The PDF could not be saved"),
                                                     error->message);
          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (alert));
        }
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

GtkWidget *
inj_printout_ui_save_dialog (GtkWidget *widget,
                             InjPrintoutSource *source)
{
  g_autofree char *name = inj_printout_ui_pdf_name (source->delegation);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkWidget *dialog, *label;

  /* GtkFileChooserDialog, not the native one: it has room for the notice */
  dialog = gtk_file_chooser_dialog_new (_("Save the Delegation as PDF"), window_of (widget),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Cancel"), GTK_RESPONSE_CANCEL,
                                        _("_Save"), GTK_RESPONSE_ACCEPT, NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  _inj_ui_open_in_documents (GTK_FILE_CHOOSER (dialog));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);

  label = notice_label_new (source->reveal);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_box_append (GTK_BOX (gtk_dialog_get_content_area (GTK_DIALOG (dialog))), label);

  g_object_set_data (G_OBJECT (dialog), "inj-page", widget);
  g_signal_connect_object (widget, "destroy", G_CALLBACK (gtk_window_destroy), dialog,
                           G_CONNECT_SWAPPED);
  g_signal_connect_data (dialog, "response", G_CALLBACK (save_response), source,
                         (GClosureNotify) (void (*) (void)) inj_printout_source_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* ------------------------------------------------------------ actions */

static void
print_checked (GObject *object,
               GAsyncResult *result,
               gpointer user_data)
{
  g_autoptr(InjPrintoutSource) source = check_finish (result);
  g_autoptr(GError) error = NULL;

  /* the page left its window meanwhile: nothing to print from */
  if (gtk_widget_get_root (GTK_WIDGET (object)) == NULL)
    return;
  /* its errors are told by the print operation itself */
  inj_printout_ui_print (GTK_WIDGET (object), source, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                         NULL, &error);
}

static void
save_checked (GObject *object,
              GAsyncResult *result,
              gpointer user_data)
{
  InjPrintoutSource *source = check_finish (result);

  if (gtk_widget_get_root (GTK_WIDGET (object)) == NULL)
    {
      inj_printout_source_free (source);
      return;
    }
  inj_printout_ui_save_dialog (GTK_WIDGET (object), source);
}

void
inj_printout_ui_activate_print (GtkWidget *widget,
                                InjPrintoutSource *source)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (source != NULL);
  check_async (widget, source, print_checked, NULL);
}

void
inj_printout_ui_activate_save (GtkWidget *widget,
                               InjPrintoutSource *source)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (source != NULL);
  check_async (widget, source, save_checked, NULL);
}
