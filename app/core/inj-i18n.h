/* inj-i18n.h */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void inj_i18n_init (void);

G_END_DECLS
