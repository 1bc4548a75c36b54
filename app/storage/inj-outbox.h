/* inj-outbox.h: signed packages waiting to be uploaded, in the user's data
 * directory (readable by the user only, written atomically, encrypted at
 * rest through inj-vault.h: read them with inj_package_read()). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define INJ_OUTBOX_ERROR (inj_outbox_error_quark ())
typedef enum {
  INJ_OUTBOX_ERROR_EXISTS,
  INJ_OUTBOX_ERROR_IO,
} InjOutboxError;
GQuark inj_outbox_error_quark (void);

/* A package in the outbox and what the upload knows of it. */
typedef struct {
  char *dir;               /* the package's directory */
  char *delegation_id;
  char *idempotency_key;   /* chosen once, kept until the service answers */
  char *state;             /* ready, received, stored, rejected */
  char *receipt;
  char *reason;
} InjPackage;

void        inj_package_free       (InjPackage *package);
InjPackage *inj_package_load       (const char *dir,
                                    GError **error);
gboolean    inj_package_save       (InjPackage *package,
                                    GError **error);
GBytes     *inj_package_read       (InjPackage *package,
                                    const char *file,
                                    GError **error);
const char *inj_package_ensure_key (InjPackage *package,
                                    GError **error);
GPtrArray  *inj_outbox_list        (GError **error);
char       *inj_sent_dir           (void);
gboolean    inj_package_move_to_sent (InjPackage *package,
                                      GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (InjPackage, inj_package_free)

char *inj_outbox_dir   (void);
char *inj_outbox_store (const char *delegation_id,
                        GBytes *delegation,
                        GBytes *submission,
                        GError **error);

G_END_DECLS
