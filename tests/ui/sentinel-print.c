/* sentinel-print.c SIGNED.XML CA.PEM OUT.PDF: the window's Print… of the
 * sentinel's signed delegation, personal data shown (the worst case),
 * printed to a file as the print dialog's 「ファイルへ出力」 does: the
 * same print operation, drawing and check of the signature the window runs
 * (ui/inj-printout-ui.c), with the log verbose, so that the sentinel
 * test's search reads what printing writes: the output, the log, and
 * whatever GTK's printing leaves in TMPDIR or the cache. Exit 0 when the
 * PDF was written. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "inj-app.h"
#include "inj-printout-ui.h"

int
main (int argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(InjDelegation) delegation = NULL;
  g_autoptr(InjTrustStore) trust = NULL;
  g_autoptr(InjPrintoutSource) source = NULL;
  g_autofree char *base = NULL;
  char *data = NULL;
  gsize length = 0;
  GtkWidget *window;
  GtkPrintOperationResult result;

  if (argc != 4)
    {
      g_printerr ("usage: sentinel-print SIGNED.XML CA.PEM OUT.PDF\n");
      return 2;
    }
  inj_i18n_init ();
  inj_log_init (TRUE);
  inj_xml_init ();
  gtk_init ();
  adw_init ();
  if (g_file_get_contents (argv[1], &data, &length, &error))
    xml = g_bytes_new_take (data, length);
  if (xml != NULL)
    delegation = inj_delegation_from_xml (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml),
                                          NULL, &error);
  trust = inj_trust_store_new ();
  if (delegation == NULL || !inj_trust_store_add_file (trust, argv[2], &error))
    {
      g_printerr ("sentinel-print: %s\n", error->message);
      return 1;
    }
  base = g_path_get_basename (argv[1]);
  source = inj_printout_source_new (delegation, xml, trust, base, TRUE);
  window = gtk_window_new ();
  gtk_window_present (GTK_WINDOW (window));
  result = inj_printout_ui_print (window, source, GTK_PRINT_OPERATION_ACTION_EXPORT, argv[3], &error);
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  if (result != GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      g_printerr ("sentinel-print: the print operation ended with %d: %s\n", result,
                  error ? error->message : "no error");
      return 1;
    }
  g_print ("sentinel-print: printed to %s\n", argv[3]);
  return 0;
}
