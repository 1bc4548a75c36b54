/* inj-types.h: forward declarations of the domain layer (app/). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _InjDelegation InjDelegation;
typedef struct _InjProblem InjProblem;
typedef struct _InjServiceProfile InjServiceProfile;

G_END_DECLS
