/* inj-render.h: pure view functions, shared by the CLI and the GUI. */
#pragma once

#include <glib.h>

#include "inj-certificate.h"
#include "inj-delegation.h"

G_BEGIN_DECLS

char *inj_mask_personal       (InjField field,
                               const char *value);
char *inj_render_value        (InjDelegation *self,
                               InjField field,
                               gboolean reveal);
char *inj_delegation_render   (InjDelegation *self,
                               gboolean reveal,
                               GDateTime *now);

const char *inj_render_validity (InjValidity validity);
char *inj_render_certificate  (InjCertificate *cert,
                               gboolean show_personal,
                               GDateTime *now,
                               const char *indent);
char *inj_mask_jpki_field     (InjJpkiField field,
                               const char *value);

G_END_DECLS
