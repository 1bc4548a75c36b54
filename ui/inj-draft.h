/* inj-draft.h: a delegation being written, kept as an input file (the
 * format of data/examples/ files) in the user's data directory, encrypted
 * at rest (inj-vault.h; plaintext drafts from before are still read). */
#pragma once

#include <gio/gio.h>

#include "inj-app.h"

G_BEGIN_DECLS

char          *inj_draft_default_dir   (void);
InjDelegation *inj_draft_from_input    (const char *data,
                                        gsize length,
                                        const char *id,
                                        const InjServiceProfile *profile,
                                        GError **error);
char          *inj_draft_path          (const char *dir,
                                        InjDelegation *delegation);
char          *inj_draft_find_latest   (const char *dir);
char          *inj_draft_read          (const char *path,
                                        gsize *length,
                                        GError **error);
gboolean       inj_draft_write         (const char *path,
                                        const char *data,
                                        GError **error);
void           inj_draft_write_async   (const char *path,
                                        const char *data,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data);
gboolean       inj_draft_write_finish  (GAsyncResult *result,
                                        GError **error);

G_END_DECLS
