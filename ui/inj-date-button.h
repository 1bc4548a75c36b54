/* inj-date-button.h: a button beside a date field that opens a calendar
 * (its month named in 和暦 and 西暦); choosing a day emits ::date-chosen. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define INJ_TYPE_DATE_BUTTON (inj_date_button_get_type ())
G_DECLARE_FINAL_TYPE (InjDateButton, inj_date_button, INJ, DATE_BUTTON, GtkWidget)

GtkWidget   *inj_date_button_new          (const char *field_label);
void         inj_date_button_set_date     (InjDateButton *self,
                                           const GDate *date);
GtkCalendar *inj_date_button_get_calendar (InjDateButton *self);
GtkWidget   *inj_date_button_get_popover  (InjDateButton *self);
const char  *inj_date_button_get_heading  (InjDateButton *self);

G_END_DECLS
