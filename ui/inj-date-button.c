/* inj-date-button.c */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-a11y.h"
#include "inj-app.h"
#include "inj-date-button.h"

struct _InjDateButton {
  GtkWidget parent_instance;

  GtkWidget *menu_button;
  GtkWidget *popover;
  GtkLabel *heading;
  GtkCalendar *calendar;
  GDate date;       /* the field's day, shown when the calendar opens */
  gulong selected_id;
};

G_DEFINE_FINAL_TYPE (InjDateButton, inj_date_button, GTK_TYPE_WIDGET)

enum {
  SIGNAL_DATE_CHOSEN,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

/* GtkCalendar names the month in 西暦 only: the heading adds the 和暦. */
static void
update_heading (InjDateButton *self)
{
  g_autofree char *text = NULL;
  int year = 0, month = 0;

  /* the properties: gtk_calendar_get_year() is GTK 4.14 */
  g_object_get (self->calendar, "year", &year, "month", &month, NULL);
  text = inj_wareki_month_format (year, month + 1);

  gtk_label_set_text (self->heading, text ? text : "");
}

static void
on_day_selected (InjDateButton *self)
{
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (self->calendar);
  GDate chosen;

  g_date_clear (&chosen, 1);
  g_date_set_dmy (&chosen, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
  self->date = chosen;
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  g_signal_emit (self, signals[SIGNAL_DATE_CHOSEN], 0, &chosen);
}

/* Opens on the field's day, or on today when the field has none. */
static void
on_popover_show (InjDateButton *self)
{
  g_autoptr(GDateTime) day = NULL;

  if (g_date_valid (&self->date))
    {
      g_autoptr(GTimeZone) jst = inj_date_jst ();
      day = g_date_time_new (jst, g_date_get_year (&self->date), g_date_get_month (&self->date),
                             g_date_get_day (&self->date), 12, 0, 0);
    }
  if (day == NULL)
    day = inj_date_now ();
  g_signal_handler_block (self->calendar, self->selected_id);
  gtk_calendar_select_day (self->calendar, day);
  g_signal_handler_unblock (self->calendar, self->selected_id);
  update_heading (self);
}

static void
inj_date_button_dispose (GObject *object)
{
  InjDateButton *self = INJ_DATE_BUTTON (object);

  g_clear_pointer (&self->menu_button, gtk_widget_unparent);
  G_OBJECT_CLASS (inj_date_button_parent_class)->dispose (object);
}

static void
inj_date_button_class_init (InjDateButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = inj_date_button_dispose;
  /* A day was chosen in the calendar (a GDate, valid). */
  signals[SIGNAL_DATE_CHOSEN] = g_signal_new ("date-chosen", G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 1,
                                              G_TYPE_DATE | G_SIGNAL_TYPE_STATIC_SCOPE);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
inj_date_button_init (InjDateButton *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  g_date_clear (&self->date, 1);
  self->heading = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->heading), "heading");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->heading));
  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->calendar));
  self->selected_id = g_signal_connect_swapped (self->calendar, "day-selected",
                                                G_CALLBACK (on_day_selected), self);
  g_signal_connect_swapped (self->calendar, "notify::month", G_CALLBACK (update_heading), self);
  g_signal_connect_swapped (self->calendar, "notify::year", G_CALLBACK (update_heading), self);

  self->popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->popover), box);
  g_signal_connect_swapped (self->popover, "show", G_CALLBACK (on_popover_show), self);

  self->menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->menu_button), "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->menu_button), self->popover);
  gtk_widget_set_valign (self->menu_button, GTK_ALIGN_CENTER);
  gtk_widget_set_parent (self->menu_button, GTK_WIDGET (self));
}

/* @field_label names the field in the button's tooltip and accessible
 * label: 「委任期間の開始」をカレンダーで選ぶ. */
GtkWidget *
inj_date_button_new (const char *field_label)
{
  InjDateButton *self = g_object_new (INJ_TYPE_DATE_BUTTON, NULL);
  /* TRANSLATORS: a button beside a date field; %s is the field */
  g_autofree char *tip = g_strdup_printf (_("Choose “%s” in a calendar"), field_label);

  gtk_widget_set_tooltip_text (self->menu_button, tip);
  inj_ui_set_accessible_label (self->menu_button, tip);
  return GTK_WIDGET (self);
}

/* The day the calendar opens on; NULL or an invalid date for today. */
void
inj_date_button_set_date (InjDateButton *self,
                          const GDate *date)
{
  g_return_if_fail (INJ_IS_DATE_BUTTON (self));
  if (date && g_date_valid (date))
    self->date = *date;
  else
    g_date_clear (&self->date, 1);
}

GtkCalendar *
inj_date_button_get_calendar (InjDateButton *self)
{
  g_return_val_if_fail (INJ_IS_DATE_BUTTON (self), NULL);
  return self->calendar;
}

GtkWidget *
inj_date_button_get_popover (InjDateButton *self)
{
  g_return_val_if_fail (INJ_IS_DATE_BUTTON (self), NULL);
  return self->popover;
}

const char *
inj_date_button_get_heading (InjDateButton *self)
{
  g_return_val_if_fail (INJ_IS_DATE_BUTTON (self), NULL);
  return gtk_label_get_text (self->heading);
}
