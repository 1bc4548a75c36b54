/* inj-delegation-editor-rows.c: one row per typed item of the editor:
 * its name and whether it is 必須 or 任意, the entry (with a calendar
 * beside a date), how a typed date is read, and the item's problems. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-date-button.h"
#include "inj-delegation-editor-private.h"
#include "inj-wrap.h"

/* 復代理の可否 is chosen, not typed: its "entry" is a drop-down whose
 * positions are the InjSubdelegation values, and its text the stored key. */
char *
_inj_editor_entry_text (FieldRow *row)
{
  if (GTK_IS_DROP_DOWN (row->entry))
    {
      const char *key = inj_subdelegation_to_key (
        (InjSubdelegation) gtk_drop_down_get_selected (GTK_DROP_DOWN (row->entry)));
      return g_strdup (key ? key : "");
    }
  if (GTK_IS_TEXT_VIEW (row->entry))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (row->entry));
      GtkTextIter start, end;
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->entry)));
}

void
_inj_editor_set_entry_text (FieldRow *row,
                            const char *text)
{
  if (GTK_IS_DROP_DOWN (row->entry))
    gtk_drop_down_set_selected (GTK_DROP_DOWN (row->entry),
                                (guint) inj_subdelegation_parse (text));
  else if (GTK_IS_TEXT_VIEW (row->entry))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (row->entry)),
                              text ? text : "", -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (row->entry), text ? text : "");
}

/* The day of a stored date or period bound, when it is a whole day (the
 * start at 00:00:00, the end at 23:59:59): what the calendar chose. */
static gboolean
stored_day (InjField f,
            const char *stored,
            GDate *out)
{
  const InjFieldFlags flags = inj_field_info (f)->flags;
  g_autofree char *day = NULL;

  g_date_clear (out, 1);
  if (stored == NULL)
    return FALSE;
  if (flags & INJ_FIELD_FLAG_DATE)
    return inj_date_parse_date (stored, out) == INJ_PROBLEM_NONE;
  if (!(flags & INJ_FIELD_FLAG_DATETIME) || strlen (stored) != 25 ||
      !g_str_has_suffix (stored, f == INJ_FIELD_PERIOD_END ? "T23:59:59+09:00" : "T00:00:00+09:00"))
    return FALSE;
  day = g_strndup (stored, 10);
  return inj_date_parse_date (day, out) == INJ_PROBLEM_NONE;
}

/* What the entry shows for a stored value: a whole day in 和暦 and 西暦
 * (令和8年4月1日（2026年4月1日）, which reads back as the same day), any
 * other value as it is stored. */
char *
_inj_editor_stored_to_entry (InjField f,
                             const char *stored)
{
  GDate day;

  if (stored == NULL)
    return g_strdup ("");
  if (stored_day (f, stored, &day))
    {
      g_autofree char *iso = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&day),
                                              g_date_get_month (&day), g_date_get_day (&day));
      char *shown = inj_date_display (iso);
      if (shown)
        return shown;
    }
  return g_strdup (stored);
}

static void
update_date (InjDelegationEditor *self,
             FieldRow *row)
{
  const char *stored = inj_delegation_get_text (self->delegation, row->field);
  g_autofree char *shown = inj_date_display (stored);
  g_autofree char *typed = _inj_editor_entry_text (row);
  GDate day;

  /* How a typed date (2026-04-01, today+1y) is read; nothing when the
   * entry already says it in both calendars. */
  if (shown && g_strcmp0 (g_strstrip (typed), shown) == 0)
    g_clear_pointer (&shown, g_free);
  gtk_label_set_text (row->hint, shown ? shown : "");
  gtk_widget_set_visible (GTK_WIDGET (row->hint), shown != NULL);

  if (!stored_day (row->field, stored, &day) && stored != NULL)
    {
      /* a time within the day: the calendar opens on its day */
      g_autofree char *part = g_strndup (stored, 10);
      if (inj_date_parse_date (part, &day) != INJ_PROBLEM_NONE)
        g_date_clear (&day, 1);
    }
  inj_date_button_set_date (INJ_DATE_BUTTON (row->date_button), &day);
}

/* The identifier of a 士業 is named as their profession names it. */
static void
update_title (InjDelegationEditor *self,
              FieldRow *row)
{
  g_autofree char *label = g_strdup (inj_field_label_as (row->field,
                                                inj_delegation_get_qualification (self->delegation)));

  if (g_strcmp0 (gtk_label_get_text (row->title), label) != 0)
    gtk_label_set_text (row->title, label);
}

static void
update_need (InjDelegationEditor *self,
             FieldRow *row)
{
  gboolean required = inj_delegation_field_required (self->delegation, row->field);

  gtk_label_set_text (row->need, required ? _("Required") : _("Optional"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->entry),
                                  GTK_ACCESSIBLE_PROPERTY_REQUIRED, required, -1);
}

void
_inj_editor_update_field (InjDelegationEditor *self,
                          InjField f)
{
  FieldRow *row = &self->rows[f];
  g_autoptr(GString) text = g_string_new (NULL);

  if (row->row == NULL)
    return;
  gtk_widget_set_visible (row->row, inj_delegation_field_applies (self->delegation, f));
  update_title (self, row);
  update_need (self, row);
  if (row->date_button)
    update_date (self, row);

  if (row->touched)
    {
      g_autofree char *typed = row->date_button ? _inj_editor_entry_text (row) : NULL;

      if (row->converted == INJ_PROBLEM_DATE_INVALID && inj_date_written_halves_differ (typed))
        g_string_append (text, _("The 和暦 and the 西暦 name different days: correct one of them."));
      else if (row->converted != INJ_PROBLEM_NONE)
        {
          g_autofree char *msg = inj_problem_message (f, row->converted, self->delegation);
          g_string_append (text, msg);
        }
      else
        {
          g_autoptr(GDateTime) now = inj_date_now ();
          g_autoptr(GPtrArray) problems = inj_delegation_validate_field (self->delegation, f, now);
          for (guint i = 0; i < problems->len; i++)
            {
              InjProblem *p = g_ptr_array_index (problems, i);
              if (text->len)
                g_string_append_c (text, '\n');
              g_string_append (text, p->message);
            }
        }
    }
  inj_wrap_set_text (row->message, text->str);
  gtk_widget_set_visible (GTK_WIDGET (row->message), text->len > 0);
  if (text->len)
    gtk_widget_add_css_class (row->entry, "error");
  else
    gtk_widget_remove_css_class (row->entry, "error");
}

static void
on_editable_changed (GtkEditable *editable,
                     gpointer user_data)
{
  InjDelegationEditor *self = g_object_get_data (G_OBJECT (editable), "inj-editor");
  _inj_editor_entry_changed (self, user_data);
}

static void
on_buffer_changed (GtkTextBuffer *buffer,
                   gpointer user_data)
{
  InjDelegationEditor *self = g_object_get_data (G_OBJECT (buffer), "inj-editor");
  _inj_editor_entry_changed (self, user_data);
}

/* The calendar writes the day as the entry shows a day, as if typed. */
static void
on_date_chosen (InjDateButton *button,
                const GDate *date,
                gpointer user_data)
{
  FieldRow *row = user_data;
  g_autofree char *iso = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date),
                                          g_date_get_month (date), g_date_get_day (date));
  g_autofree char *shown = inj_date_display (iso);

  _inj_editor_set_entry_text (row, shown ? shown : iso);
  gtk_widget_grab_focus (row->entry);
}

/* Leaving a date typed as 2027-04-01 or today+1y: the field says the day
 * it was read as, in both calendars, as a chosen day is shown. */
static void
on_date_left (GtkEventControllerFocus *controller,
              gpointer user_data)
{
  FieldRow *row = user_data;
  InjDelegationEditor *self = g_object_get_data (G_OBJECT (row->entry), "inj-editor");
  g_autofree char *typed = _inj_editor_entry_text (row);
  g_autofree char *shown = NULL;

  if (row->converted != INJ_PROBLEM_NONE)
    return;
  shown = _inj_editor_stored_to_entry (row->field, inj_delegation_get_text (self->delegation, row->field));
  if (*typed && *shown && g_strcmp0 (g_strstrip (typed), shown) != 0)
    _inj_editor_set_entry_text (row, shown);
}

static GtkBox *
box_for_section (InjDelegationEditor *self,
                 const char *section)
{
  if (g_str_equal (section, "principal"))
    return self->principal_box;
  if (g_str_equal (section, "agent"))
    return self->agent_box;
  return self->authority_box;
}

static GtkWidget *
build_text_view (InjDelegationEditor *self,
                 FieldRow *row)
{
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkTextBuffer *buffer;

  row->entry = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (row->entry), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (row->entry), FALSE);
  gtk_widget_set_size_request (row->entry, -1, 72);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (row->entry), 6);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (row->entry), 6);
  gtk_frame_set_child (GTK_FRAME (frame), row->entry);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (row->entry));
  g_object_set_data (G_OBJECT (buffer), "inj-editor", self);
  g_signal_connect (buffer, "changed", G_CALLBACK (on_buffer_changed), row);
  return frame;
}

static GtkWidget *
build_entry (InjDelegationEditor *self,
             FieldRow *row)
{
  const InjFieldInfo *info = inj_field_info (row->field);
  GtkEventController *focus;
  GtkWidget *line;

  row->entry = gtk_entry_new ();
  gtk_entry_set_max_length (GTK_ENTRY (row->entry), (int) info->max_chars * 2);
  g_object_set_data (G_OBJECT (row->entry), "inj-editor", self);
  g_signal_connect (row->entry, "changed", G_CALLBACK (on_editable_changed), row);
  if (!(info->flags & (INJ_FIELD_FLAG_DATE | INJ_FIELD_FLAG_DATETIME)))
    return row->entry;

  /* room for a day in both calendars: 昭和55年12月31日（1980年12月31日） */
  gtk_entry_set_max_length (GTK_ENTRY (row->entry), 64);
  /* TRANSLATORS: a hint in an empty date field: both calendars are read */
  gtk_entry_set_placeholder_text (GTK_ENTRY (row->entry), _("e.g. 2026-04-01 or 令和8年4月1日"));
  gtk_widget_set_hexpand (row->entry, TRUE);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (on_date_left), row);
  gtk_widget_add_controller (row->entry, focus);
  row->date_button = inj_date_button_new (inj_field_label (row->field));
  g_signal_connect (row->date_button, "date-chosen", G_CALLBACK (on_date_chosen), row);
  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (line), row->entry);
  gtk_box_append (GTK_BOX (line), row->date_button);
  return line;
}

static void
on_choice_selected (GtkDropDown *dropdown,
                    GParamSpec *pspec,
                    gpointer user_data)
{
  InjDelegationEditor *self = g_object_get_data (G_OBJECT (dropdown), "inj-editor");
  _inj_editor_entry_changed (self, user_data);
}

static GtkWidget *
build_choice (InjDelegationEditor *self,
              FieldRow *row)
{
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);

  for (InjSubdelegation s = INJ_SUBDELEGATION_UNSPECIFIED; s <= INJ_SUBDELEGATION_NOT_ALLOWED; s++)
    gtk_string_list_append (choices, inj_subdelegation_label (s));
  row->entry = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&choices)), NULL);
  gtk_widget_set_valign (row->entry, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (row->entry), "inj-editor", self);
  g_signal_connect (row->entry, "notify::selected", G_CALLBACK (on_choice_selected), row);
  return row->entry;
}

static GtkLabel *
small_label (const char *css_class)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));

  gtk_label_set_xalign (label, 0);
  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (GTK_WIDGET (label), css_class);
  gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
  return label;
}

void
_inj_editor_build_row (InjDelegationEditor *self,
                       InjField f)
{
  const InjFieldInfo *info = inj_field_info (f);
  FieldRow *row = &self->rows[f];
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  row->field = f;
  row->row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  row->title = GTK_LABEL (gtk_label_new (inj_field_label (f)));
  gtk_label_set_xalign (row->title, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (row->title), TRUE);
  gtk_box_append (GTK_BOX (heading), GTK_WIDGET (row->title));
  row->need = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (row->need), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (row->need), "caption");
  gtk_box_append (GTK_BOX (heading), GTK_WIDGET (row->need));
  gtk_box_append (GTK_BOX (row->row), heading);

  /* a choice sits on the heading's line, as the 資格's does */
  if (f == INJ_FIELD_SUBDELEGATION)
    gtk_box_append (GTK_BOX (heading), build_choice (self, row));
  else
    gtk_box_append (GTK_BOX (row->row), (info->flags & INJ_FIELD_FLAG_MULTILINE)
                                          ? build_text_view (self, row)
                                          : build_entry (self, row));
  gtk_label_set_mnemonic_widget (row->title, row->entry);

  row->hint = small_label ("dim-label");
  if (f == INJ_FIELD_SUBDELEGATION)
    {
      /* what the choice means, always shown (a date's hint comes and goes) */
      inj_wrap_set_text (row->hint,
                         _("Whether the agent may delegate this authority further (復代理). "
                           "Some recipients forbid it, electronic bidding (電子入札) for one. "
                           "Not one of the items every delegation has, but the operator may "
                           "require it."));
      gtk_widget_set_visible (GTK_WIDGET (row->hint), TRUE);
    }
  gtk_box_append (GTK_BOX (row->row), GTK_WIDGET (row->hint));
  row->message = small_label ("error");
  gtk_box_append (GTK_BOX (row->row), GTK_WIDGET (row->message));

  gtk_accessible_update_relation (GTK_ACCESSIBLE (row->entry),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, row->title, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, row->need, row->hint,
                                  row->message, NULL,
                                  -1);
  /* the last field, shown next to the restrictions */
  if (f == INJ_FIELD_SUBDELEGATION && self->rows[INJ_FIELD_AUTHORITY_RESTRICTIONS].row)
    gtk_box_insert_child_after (self->authority_box, row->row,
                                self->rows[INJ_FIELD_AUTHORITY_RESTRICTIONS].row);
  else
    gtk_box_append (box_for_section (self, info->section), row->row);
}

/* Focuses the item's entry and scrolls the form so that the whole row,
 * with its message, is in view. */
void
_inj_editor_focus_field (InjDelegationEditor *self,
                         InjField f)
{
  GtkWidget *target;
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (self->scroller));
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  graphene_point_t top;

  if (f == INJ_FIELD_PRINCIPAL_KIND)
    target = GTK_WIDGET (self->kind_dropdown);
  else if (f == INJ_FIELD_AGENT_QUALIFICATION)
    target = GTK_WIDGET (self->qualification_dropdown);
  else if (f >= 0 && f < INJ_N_FIELDS && self->rows[f].entry)
    target = self->rows[f].entry;
  else
    return;
  gtk_widget_grab_focus (target);

  if (self->rows[f].row)
    target = self->rows[f].row;
  if (content && gtk_widget_compute_point (target, gtk_widget_get_first_child (content) ?
                                                     gtk_widget_get_first_child (content) : content,
                                           &GRAPHENE_POINT_INIT (0, 0), &top))
    gtk_adjustment_clamp_page (adj, top.y - 12, top.y + gtk_widget_get_height (target) + 12);
}
