/* inj-secret.h: a PIN or password in memory that is wiped when freed.
 * The only way secrets travel in Ininjo; never logged, never in a GError. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _InjSecret InjSecret;

#define INJ_TYPE_SECRET (inj_secret_get_type ())

GType        inj_secret_get_type   (void) G_GNUC_CONST;
InjSecret   *inj_secret_new        (const char *text,
                                    gssize length);
InjSecret   *inj_secret_ref        (InjSecret *secret);
void         inj_secret_unref      (InjSecret *secret);
const char  *inj_secret_get        (const InjSecret *secret,
                                    gsize *length);
gsize        inj_secret_length     (const InjSecret *secret);
void         inj_secret_upcase     (InjSecret *secret);
void         inj_wipe              (gpointer data,
                                    gsize length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (InjSecret, inj_secret_unref)

G_END_DECLS
