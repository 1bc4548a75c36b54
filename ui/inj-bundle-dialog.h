/* inj-bundle-dialog.h: the diagnostic bundle, shown before it is saved.
 * Collects the diagnostics in a worker thread (no PIN asked, no try used;
 * the service is tried only with a certificate file), then lists the
 * bundle's files and shows the full text of the one selected, read-only;
 * "Save…" writes the .tar (mode 0600) where the user chooses. */
#pragma once

#include <adwaita.h>

#include "inj-session.h"

G_BEGIN_DECLS

#define INJ_TYPE_BUNDLE_DIALOG (inj_bundle_dialog_get_type ())
G_DECLARE_FINAL_TYPE (InjBundleDialog, inj_bundle_dialog, INJ, BUNDLE_DIALOG, GtkWindow)

GtkWidget *inj_bundle_dialog_new            (GtkWindow *parent,
                                             InjSession *session);
/* A new dialog, transient for FROM's window, shown at once. */
GtkWidget *inj_bundle_dialog_present_for    (GtkWidget *from,
                                             InjSession *session);
/* TRUE once the files are collected ("ready" is emitted then). */
gboolean   inj_bundle_dialog_is_ready       (InjBundleDialog *self);
/* InjBundleFile (app/support/inj-diagnostics.h); NULL until ready. */
GPtrArray *inj_bundle_dialog_get_files      (InjBundleDialog *self);
void       inj_bundle_dialog_select_file    (InjBundleDialog *self,
                                             guint index);
/* The text the read-only view shows now. */
char      *inj_bundle_dialog_dup_shown_text (InjBundleDialog *self);
/* What "Save…" does once a file is chosen. */
gboolean   inj_bundle_dialog_save_to        (InjBundleDialog *self,
                                             const char *path,
                                             GError **error);

G_END_DECLS
