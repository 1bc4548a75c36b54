/* inj-delegation-input.h: the input file a person writes for `ininjo-cli new`
 * (a GKeyFile, UTF-8; the format is documented in README.md and in
 * data/examples/). */
#pragma once

#include <glib.h>

#include "inj-delegation.h"
#include "inj-service-profile.h"

G_BEGIN_DECLS

InjDelegation *inj_delegation_from_input (const char *data,
                                          gsize length,
                                          const InjServiceProfile *profile,
                                          GDateTime *now,
                                          GPtrArray **problems,
                                          GError **error);

InjDelegation *inj_delegation_read_input (const char *data,
                                          gsize length,
                                          const InjServiceProfile *profile,
                                          GDateTime *now,
                                          GPtrArray *problems,
                                          GError **error);
char          *inj_delegation_to_input   (InjDelegation *self);

G_END_DECLS
