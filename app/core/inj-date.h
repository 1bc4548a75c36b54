/* inj-date.h: dates as stored (ISO 8601, +09:00) and as shown (和暦・西暦). */
#pragma once

#include <glib.h>

#include "inj-problem.h"

G_BEGIN_DECLS

GTimeZone     *inj_date_jst               (void);
GDateTime     *inj_date_now               (void);
GDateTime     *inj_date_to_jst            (GDateTime *t);
char          *inj_date_format_datetime   (GDateTime *dt);
InjProblemCode inj_date_parse_datetime    (const char *text,
                                           GDateTime **out);
InjProblemCode inj_date_parse_date        (const char *text,
                                           GDate *out);
char          *inj_date_from_input        (const char *text,
                                           gboolean end_of_day,
                                           GDateTime *now,
                                           InjProblemCode *problem);
char          *inj_date_birth_from_input  (const char *text,
                                           InjProblemCode *problem);
InjProblemCode inj_date_parse_written     (const char *text,
                                           GDate *out);
gboolean       inj_date_written_halves_differ (const char *text);
char          *inj_wareki_format          (const GDate *date);
char          *inj_wareki_month_format    (int year,
                                           int month);
char          *inj_date_display           (const char *iso);
char          *inj_date_display_day       (GDateTime *t);

G_END_DECLS
