/* inj-corporate-number.h: 法人番号 (National Tax Agency) */
#pragma once

#include <glib.h>

#include "inj-problem.h"

G_BEGIN_DECLS

int            inj_corporate_number_check_digit (const char *base12);
InjProblemCode inj_corporate_number_check       (const char *number);

G_END_DECLS
