/* inj-printout-ui.h: Print… and Save as PDF… of one delegation (issue 17
 * §3), for the pages that show one: the details of a stored delegation and
 * the review before and after signing. The page itself is drawn by
 * app/printout (inj-printout.h); this is the window's side of it: the
 * print dialog, the save dialog, what they say about personal data, and
 * the toast afterwards. */
#pragma once

#include <adwaita.h>

#include "inj-app.h"

G_BEGIN_DECLS

/* What a page hands over: the delegation as shown, the signed XML it was
 * read from (NULL before signing: the printout says it is unsigned), the
 * trust store to check that XML with (NULL: not checked), the signed XML's
 * file name (NULL when there is none), and whether the person revealed the
 * personal items on the page. */
typedef struct _InjPrintoutSource InjPrintoutSource;

InjPrintoutSource *inj_printout_source_new  (InjDelegation *delegation,
                                             GBytes *signed_xml,
                                             InjTrustStore *trust,
                                             const char *xml_file_name,
                                             gboolean reveal);
InjPrintoutSource *inj_printout_source_copy (InjPrintoutSource *source);
void               inj_printout_source_free (InjPrintoutSource *source);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (InjPrintoutSource, inj_printout_source_free)

/* What the pages' Print… and Save as PDF… do: the signed XML checked in a
 * worker thread (the main loop goes on), then the print dialog, or the
 * save dialog. Take @source. */
void               inj_printout_ui_activate_print (GtkWidget *widget,
                                                   InjPrintoutSource *source);
void               inj_printout_ui_activate_save  (GtkWidget *widget,
                                                   InjPrintoutSource *source);

/* What the dialogs say about the personal items: left out, or included. */
const char *inj_printout_ui_notice   (gboolean reveal);
/* The notice as the last lines of @button's menu (its "notice" custom
 * item), a sentence a line; set_menu_notice() changes it. */
GtkLabel   *inj_printout_ui_menu_notice     (GtkMenuButton *button);
void        inj_printout_ui_set_menu_notice (GtkLabel *label,
                                             gboolean reveal);
/* "<電子委任状ID>.pdf" */
char       *inj_printout_ui_pdf_name (InjDelegation *delegation);

/* Runs a print operation for @source from @widget's window (its signed
 * XML checked now, when it was not checked before); @action
 * GTK_PRINT_OPERATION_ACTION_EXPORT writes @export_path (a PDF). The print
 * settings chosen are kept for the rest of the session. The dialog does not
 * block the main loop: the result is then IN_PROGRESS. */
GtkPrintOperationResult inj_printout_ui_print (GtkWidget *widget,
                                               InjPrintoutSource *source,
                                               GtkPrintOperationAction action,
                                               const char *export_path,
                                               GError **error);

/* The save dialog, in the documents folder with the ID's name, saying
 * whether the personal items are in; on Save the PDF is written and a
 * toast offers to open its folder (an error: a message dialog). Takes
 * @source. Returns the dialog; it closes with @widget. */
GtkWidget  *inj_printout_ui_save_dialog (GtkWidget *widget,
                                         InjPrintoutSource *source);
/* What Save does: writes @file, then the toast. */
gboolean    inj_printout_ui_save_to     (GtkWidget *widget,
                                         InjPrintoutSource *source,
                                         GFile *file,
                                         GError **error);
/* The last toast the saving showed from @widget's window, or NULL. */
const char *inj_printout_ui_get_last_toast (GtkWidget *widget);

G_END_DECLS
