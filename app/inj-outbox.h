/* inj-outbox.h: signed packages waiting to be uploaded, in the user's data
 * directory (readable by the user only, written atomically). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define INJ_OUTBOX_ERROR (inj_outbox_error_quark ())
typedef enum {
  INJ_OUTBOX_ERROR_EXISTS,
  INJ_OUTBOX_ERROR_IO,
} InjOutboxError;
GQuark inj_outbox_error_quark (void);

char *inj_outbox_dir   (void);
char *inj_outbox_store (const char *delegation_id,
                        GBytes *delegation,
                        GBytes *submission,
                        GError **error);

G_END_DECLS
