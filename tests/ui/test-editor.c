/* test-editor.c: the delegation editor, headless. */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "inj-date-button.h"
#include "inj-delegation-editor.h"
#include "inj-wrap.h"
#include "test-editor-support.h"
#include "test-ui-support.h"

static void
test_template (Fixture *f,
               gconstpointer data)
{
  InjDelegation *d = inj_delegation_editor_get_delegation (f->editor);

  g_assert_nonnull (d);
  g_assert_cmpint (inj_delegation_get_principal_kind (d), ==, INJ_PRINCIPAL_KIND_CORPORATION);
  g_assert_true (GTK_IS_EDITABLE (inj_delegation_editor_get_entry (f->editor, INJ_FIELD_CORPORATE_NUMBER)));
  g_assert_true (GTK_IS_TEXT_VIEW (inj_delegation_editor_get_entry (f->editor, INJ_FIELD_AUTHORITY_SCOPE)));
  /* Filled by the client: no entry. */
  g_assert_null (inj_delegation_editor_get_entry (f->editor, INJ_FIELD_DELEGATION_ID));
  /* Nothing typed yet: no message shouts at the person. */
  g_assert_cmpstr (inj_delegation_editor_get_message (f->editor, INJ_FIELD_CORPORATE_NAME), ==, "");
}

static void
test_check_digit (Fixture *f,
                  gconstpointer data)
{
  InjDelegation *d = inj_delegation_editor_get_delegation (f->editor);
  g_autofree char *expected = NULL;

  type_into (f->editor, INJ_FIELD_CORPORATE_NUMBER, "4010001234560");
  expected = inj_problem_message (INJ_FIELD_CORPORATE_NUMBER,
                                  INJ_PROBLEM_CORPORATE_NUMBER_CHECK_DIGIT, d);
  g_assert_cmpstr (inj_delegation_editor_get_message (f->editor, INJ_FIELD_CORPORATE_NUMBER), ==, expected);
  g_assert_true (gtk_widget_has_css_class (inj_delegation_editor_get_entry (f->editor, INJ_FIELD_CORPORATE_NUMBER),
                                           "error"));

  type_into (f->editor, INJ_FIELD_CORPORATE_NUMBER, "4010001234567");
  g_assert_cmpstr (inj_delegation_editor_get_message (f->editor, INJ_FIELD_CORPORATE_NUMBER), ==, "");
}

static void
test_wareki (Fixture *f,
             gconstpointer data)
{
  type_into (f->editor, INJ_FIELD_PERIOD_START, "2027-04-01");
  g_assert_nonnull (strstr (inj_delegation_editor_get_hint (f->editor, INJ_FIELD_PERIOD_START), "令和9年4月1日"));
  type_into (f->editor, INJ_FIELD_PERIOD_START, "2027-02-30");
  g_assert_cmpstr (inj_delegation_editor_get_hint (f->editor, INJ_FIELD_PERIOD_START), ==, "");
  g_assert_cmpstr (inj_delegation_editor_get_message (f->editor, INJ_FIELD_PERIOD_START), !=, "");
}

static void
test_kind_switch (Fixture *f,
                  gconstpointer data)
{
  GtkWidget *number = inj_delegation_editor_get_entry (f->editor, INJ_FIELD_CORPORATE_NUMBER);
  GtkWidget *trade = inj_delegation_editor_get_entry (f->editor, INJ_FIELD_TRADE_NAME);

  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (number)));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (trade)));
  inj_delegation_editor_set_kind (f->editor, INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR);
  g_assert_cmpint (inj_delegation_get_principal_kind (inj_delegation_editor_get_delegation (f->editor)), ==,
                   INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (number)));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (trade)));
}

/* A hidden row holds no value (and so no problem the person cannot see);
 * what they typed comes back with the row. */
static void
test_kind_keeps_typing (Fixture *f,
                        gconstpointer data)
{
  InjDelegation *d = inj_delegation_editor_get_delegation (f->editor);

  type_into (f->editor, INJ_FIELD_CORPORATE_NAME, "テスト商事株式会社");
  inj_delegation_editor_set_kind (f->editor, INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR);
  g_assert_null (inj_delegation_get_text (d, INJ_FIELD_CORPORATE_NAME));
  inj_delegation_editor_set_kind (f->editor, INJ_PRINCIPAL_KIND_CORPORATION);
  g_assert_cmpstr (inj_delegation_get_text (d, INJ_FIELD_CORPORATE_NAME), ==, "テスト商事株式会社");
}

static gboolean
no_wait (gpointer data)
{
  return FALSE;
}

static GtkWidget *
find_labelled (GtkWidget *widget,
               const char *text)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;
      if (GTK_IS_LABEL (c) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (c)), text))
        return c;
      if ((found = find_labelled (c, text)))
        return found;
    }
  return NULL;
}

/* The menu item that exports, as the popover shows it. */
static GtkWidget *
export_item (InjDelegationEditor *editor)
{
  GtkWidget *menu = inj_delegation_editor_get_menu_button (editor);
  GtkPopover *popover;
  GtkWidget *label;

  gtk_menu_button_popup (GTK_MENU_BUTTON (menu));
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu));
  g_assert_nonnull (popover);
  /* the menu's items are built from its model once it is shown */
  g_assert_true (test_ui_wait_until (test_ui_mapped, popover, 5000));
  /* the ellipsis: it opens a file dialog */
  label = find_labelled (GTK_WIDGET (popover), "XMLとして書き出す");
  g_assert_nonnull (label);
  g_assert_true (g_str_has_suffix (gtk_label_get_text (GTK_LABEL (label)), "…"));
  test_ui_popdown_and_settle (popover);
  for (GtkWidget *w = label; w; w = gtk_widget_get_parent (w))
    if (gtk_widget_get_focusable (w) || GTK_IS_BUTTON (w))
      return w;
  return gtk_widget_get_parent (label);
}

/* The export moved from the form's main button to its menu: reachable
 * there, enabled only for a complete delegation, and it still writes the
 * XML (with no toast action in this bare window, the page says so). */
static void
test_export_menu (Fixture *f,
                  gconstpointer data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *item;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *xml = NULL;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (f->editor));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_false (inj_delegation_editor_can_save (f->editor));
  item = export_item (f->editor);
  g_assert_false (gtk_widget_is_sensitive (item));
  fill_corporation (f->editor);
  {
    g_autoptr(GDateTime) now = inj_date_now ();
    g_autoptr(GPtrArray) problems = inj_delegation_validate (inj_delegation_editor_get_delegation (f->editor), now);
    for (guint i = 0; i < problems->len; i++)
      g_test_message ("problem: %s", ((InjProblem *) g_ptr_array_index (problems, i))->message);
    g_assert_cmpuint (problems->len, ==, 0);
  }
  g_assert_true (inj_delegation_editor_can_save (f->editor));
  item = export_item (f->editor);
  g_assert_true (gtk_widget_is_sensitive (item));

  /* what the dialog's 保存 does with the file chosen (the dialog itself:
   * /ui/editor/file-dialog) */
  path = g_build_filename (f->dir, "export.xml", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (inj_delegation_editor_export_xml (f->editor, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &xml, NULL, NULL));
  g_assert_nonnull (strstr (xml, "テスト商事株式会社"));
  g_assert_nonnull (strstr (xml, "<DelegationId>"));
  g_assert_cmpstr (inj_delegation_editor_get_status (f->editor), ==, "電子委任状をXMLとして書き出しました。");

  /* a new problem: the action goes off again */
  type_into (f->editor, INJ_FIELD_CORPORATE_NUMBER, "4010001234560");
  g_assert_false (inj_delegation_editor_can_save (f->editor));
  item = export_item (f->editor);
  g_assert_false (gtk_widget_is_sensitive (item));
  gtk_window_set_child (GTK_WINDOW (window), NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* 必須 / 任意 follow the kind of principal and the qualification. */
static void
test_required_marks (Fixture *f,
                     gconstpointer data)
{
  g_assert_cmpstr (inj_delegation_editor_get_need (f->editor, INJ_FIELD_CORPORATE_NAME), ==, "必須");
  g_assert_cmpstr (inj_delegation_editor_get_need (f->editor, INJ_FIELD_AUTHORITY_RESTRICTIONS), ==, "任意");
  g_assert_cmpstr (inj_delegation_editor_get_need (f->editor, INJ_FIELD_AGENT_IDENTIFIER), ==, "任意");
  /* a 士業 is identified by their registration number: required */
  inj_delegation_editor_set_qualification (f->editor, INJ_QUALIFICATION_TAX_ACCOUNTANT);
  g_assert_cmpstr (inj_delegation_editor_get_need (f->editor, INJ_FIELD_AGENT_IDENTIFIER), ==, "必須");
  inj_delegation_editor_set_qualification (f->editor, INJ_QUALIFICATION_NONE);
  g_assert_cmpstr (inj_delegation_editor_get_need (f->editor, INJ_FIELD_AGENT_IDENTIFIER), ==, "任意");
  /* every row says one or the other */
  inj_delegation_editor_set_kind (f->editor, INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR);
  for (InjField field = 0; field < INJ_N_FIELDS; field++)
    if (inj_delegation_editor_get_entry (f->editor, field))
      {
        gboolean required = inj_delegation_field_required (inj_delegation_editor_get_delegation (f->editor), field);
        g_assert_cmpstr (inj_delegation_editor_get_need (f->editor, field), ==, required ? "必須" : "任意");
      }
  g_assert_cmpstr (inj_delegation_editor_get_need (f->editor, INJ_FIELD_PROPRIETOR_BIRTH_DATE), ==, "必須");
}

static gboolean
breaks_kept (PangoAttrList *attrs,
             const char *text,
             const char *part)
{
  const char *at = strstr (text, part);
  g_autoptr(PangoAttrIterator) iter = NULL;
  gboolean kept = FALSE;

  g_assert_nonnull (at);
  iter = pango_attr_list_get_iterator (attrs);
  do
    {
      PangoAttrInt *a = (PangoAttrInt *) pango_attr_iterator_get (iter, PANGO_ATTR_ALLOW_BREAKS);
      if (a && a->value == FALSE && a->attr.start_index <= (guint) (at - text) &&
          a->attr.end_index >= (guint) (at - text + strlen (part)))
        kept = TRUE;
    }
  while (pango_attr_iterator_next (iter));
  return kept;
}

static GtkWidget *
show_in_window (Fixture *f,
                int width,
                int height)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (f->editor));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (test_ui_wait_until (test_ui_on_monitor, window, 10000));
  test_ui_wait_until (no_wait, NULL, 300);
  return window;
}

static void
close_window (GtkWidget *window)
{
  gtk_window_set_child (GTK_WINDOW (window), NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

static guint
count_problems (InjDelegationEditor *editor)
{
  g_autoptr(GDateTime) now = inj_date_now ();
  g_autoptr(GPtrArray) problems = inj_delegation_validate (inj_delegation_editor_get_delegation (editor), now);

  return problems->len;
}

static GtkWidget *
problem_row_for (InjDelegationEditor *editor,
                 const char *title)
{
  GPtrArray *rows = inj_delegation_editor_get_problem_rows (editor);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
  return NULL;
}

static gboolean
has_focus_in (GtkWidget *window,
              GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* The count at the top follows the typing; each problem's row takes the
 * person to its field (scrolled into view); 次の問題 goes through them. */
static void
test_problem_bar (Fixture *f,
                  gconstpointer data)
{
  GtkWidget *window = show_in_window (f, 720, 600);
  GtkWidget *bar = inj_delegation_editor_get_problems_row (f->editor);
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (
    GTK_SCROLLED_WINDOW (gtk_widget_get_first_child (GTK_WIDGET (f->editor))));
  GtkWidget *end = inj_delegation_editor_get_entry (f->editor, INJ_FIELD_PERIOD_END);
  GtkWidget *name = inj_delegation_editor_get_entry (f->editor, INJ_FIELD_CORPORATE_NAME);
  GtkWidget *row;
  g_autofree char *title = NULL;
  guint n = count_problems (f->editor);

  g_assert_cmpuint (n, >, 5);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (bar)));
  title = g_strdup_printf ("入力に %u 件の問題があります", n);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (bar)), ==, title);
  g_assert_cmpuint (inj_delegation_editor_get_problem_rows (f->editor)->len, ==, n);
  /* its title wraps between words: 「…問題が|あります」, never 「あ|ります」 */
  row = find_labelled (bar, title);
  g_assert_nonnull (row);
  g_assert_true (breaks_kept (gtk_label_get_attributes (GTK_LABEL (row)), title, "あります"));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (bar), TRUE);
  test_ui_wait_until (no_wait, NULL, 200);
  test_ui_screenshot (window, "editor-new");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (bar), FALSE);

  /* one fixed: one fewer, at once */
  type_into (f->editor, INJ_FIELD_CORPORATE_NAME, "テスト商事株式会社");
  g_clear_pointer (&title, g_free);
  title = g_strdup_printf ("入力に %u 件の問題があります", n - 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (bar)), ==, title);
  g_assert_null (problem_row_for (f->editor, "法人名称（商号）"));

  /* the row of the period's end: its entry has the focus, and is in view */
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), ==, 0);
  row = problem_row_for (f->editor, "委任期間の終了");
  g_assert_nonnull (row);
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  g_signal_emit_by_name (row, "activated");
  g_assert_true (has_focus_in (window, end));
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), >, 0);

  /* 次の問題: from the end back to the first problem, then the next one */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.next-problem", NULL));
  g_assert_true (has_focus_in (window, inj_delegation_editor_get_entry (f->editor, INJ_FIELD_CORPORATE_NUMBER)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.next-problem", NULL));
  g_assert_false (has_focus_in (window, name)); /* no longer a problem: skipped */
  g_assert_true (has_focus_in (window, inj_delegation_editor_get_entry (f->editor, INJ_FIELD_HEAD_OFFICE_ADDRESS)));

  /* none left: no bar */
  fill_corporation (f->editor);
  g_assert_cmpuint (count_problems (f->editor), ==, 0);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (bar)));
  g_assert_cmpstr (inj_delegation_editor_get_status (f->editor), ==, "電子委任状の記載事項はそろっています。");
  gtk_adjustment_set_value (adj, 0);
  test_ui_wait_until (no_wait, NULL, 200);
  test_ui_screenshot (window, "editor-complete");
  close_window (window);

  /* narrow: the top of the form and the messages wrap between words */
  type_into (f->editor, INJ_FIELD_CORPORATE_NUMBER, "4010001234560");
  type_into (f->editor, INJ_FIELD_HEAD_OFFICE_ADDRESS, "");
  window = show_in_window (f, 360, 700);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (bar), TRUE);
  test_ui_wait_until (no_wait, NULL, 200);
  test_ui_screenshot (window, "editor-narrow");
  close_window (window);
}

static char *
entry_of (InjDelegationEditor *editor,
          InjField field)
{
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (inj_delegation_editor_get_entry (editor, field))));
}

static void
choose_day (InjDelegationEditor *editor,
            InjField field,
            int y,
            int m,
            int d)
{
  InjDateButton *button = INJ_DATE_BUTTON (inj_delegation_editor_get_date_button (editor, field));
  g_autoptr(GTimeZone) jst = inj_date_jst ();
  g_autoptr(GDateTime) day = g_date_time_new (jst, y, m, d, 12, 0, 0);

  g_assert_nonnull (button);
  /* as a click on the day does */
  gtk_calendar_select_day (inj_date_button_get_calendar (button), day);
}

/* A day chosen in the calendar is written in both calendars, reads back
 * as that day; typed 和暦 or 西暦 is read too. */
static void
test_calendar (Fixture *f,
               gconstpointer data)
{
  InjDelegation *d = inj_delegation_editor_get_delegation (f->editor);
  GtkWidget *window = show_in_window (f, 720, 900);
  InjDateButton *start = INJ_DATE_BUTTON (inj_delegation_editor_get_date_button (f->editor, INJ_FIELD_PERIOD_START));
  g_autofree char *text = NULL;

  g_assert_nonnull (start);
  g_assert_nonnull (inj_delegation_editor_get_date_button (f->editor, INJ_FIELD_PERIOD_END));
  g_assert_null (inj_delegation_editor_get_date_button (f->editor, INJ_FIELD_CORPORATE_NAME));

  choose_day (f->editor, INJ_FIELD_PERIOD_START, 2027, 4, 1);
  g_assert_cmpstr (inj_delegation_get_text (d, INJ_FIELD_PERIOD_START), ==, "2027-04-01T00:00:00+09:00");
  text = entry_of (f->editor, INJ_FIELD_PERIOD_START);
  g_assert_cmpstr (text, ==, "令和9年4月1日（2027年4月1日）");
  /* the entry says it already: no second line */
  g_assert_cmpstr (inj_delegation_editor_get_hint (f->editor, INJ_FIELD_PERIOD_START), ==, "");
  g_assert_cmpstr (inj_delegation_editor_get_message (f->editor, INJ_FIELD_PERIOD_START), ==, "");

  /* the end is the last second of its day */
  choose_day (f->editor, INJ_FIELD_PERIOD_END, 2028, 3, 31);
  g_assert_cmpstr (inj_delegation_get_text (d, INJ_FIELD_PERIOD_END), ==, "2028-03-31T23:59:59+09:00");
  g_clear_pointer (&text, g_free);
  text = entry_of (f->editor, INJ_FIELD_PERIOD_END);
  g_assert_cmpstr (text, ==, "令和10年3月31日（2028年3月31日）");

  /* the calendar opens on the field's day, its month named in both (the
   * field scrolled into view first, as a person sees the button they click) */
  gtk_widget_grab_focus (inj_delegation_editor_get_entry (f->editor, INJ_FIELD_PERIOD_START));
  g_assert_true (test_ui_wait_until (test_ui_in_view, start, 10000));
  test_ui_wait_until (no_wait, NULL, 200);
  gtk_menu_button_popup (GTK_MENU_BUTTON (gtk_widget_get_first_child (GTK_WIDGET (start))));
  g_assert_true (test_ui_wait_until (test_ui_mapped, inj_date_button_get_popover (start), 10000));
  test_ui_wait_until (no_wait, NULL, 200);
  g_assert_cmpstr (inj_date_button_get_heading (start), ==, "令和9年（2027年）4月");
  test_ui_screenshot (window, "editor-calendar");
  test_ui_screenshot (inj_date_button_get_popover (start), "editor-calendar-popover");
  test_ui_popdown_and_settle (GTK_POPOVER (inj_date_button_get_popover (start)));
  g_assert_true (test_ui_wait_until (test_ui_unmapped, inj_date_button_get_popover (start), 10000));

  /* typed: 和暦, 西暦, both */
  type_into (f->editor, INJ_FIELD_PERIOD_START, "令和9年4月2日");
  g_assert_cmpstr (inj_delegation_get_text (d, INJ_FIELD_PERIOD_START), ==, "2027-04-02T00:00:00+09:00");
  g_assert_cmpstr (inj_delegation_editor_get_hint (f->editor, INJ_FIELD_PERIOD_START), ==,
                   "令和9年4月2日（2027年4月2日）");
  type_into (f->editor, INJ_FIELD_PERIOD_START, "2027年4月3日");
  g_assert_cmpstr (inj_delegation_get_text (d, INJ_FIELD_PERIOD_START), ==, "2027-04-03T00:00:00+09:00");
  /* leaving the field: it says the day in both */
  gtk_widget_grab_focus (inj_delegation_editor_get_entry (f->editor, INJ_FIELD_PERIOD_START));
  gtk_widget_grab_focus (inj_delegation_editor_get_entry (f->editor, INJ_FIELD_AUTHORITY_SCOPE));
  g_clear_pointer (&text, g_free);
  text = entry_of (f->editor, INJ_FIELD_PERIOD_START);
  g_assert_cmpstr (text, ==, "令和9年4月3日（2027年4月3日）");
  g_assert_cmpstr (inj_delegation_get_text (d, INJ_FIELD_PERIOD_START), ==, "2027-04-03T00:00:00+09:00");
  type_into (f->editor, INJ_FIELD_PERIOD_START, "令和９年４月４日（2027年4月4日）");
  g_assert_cmpstr (inj_delegation_get_text (d, INJ_FIELD_PERIOD_START), ==, "2027-04-04T00:00:00+09:00");
  /* the two calendars disagree: a problem, not a guess */
  type_into (f->editor, INJ_FIELD_PERIOD_START, "令和9年4月5日（2026年4月5日）");
  g_assert_cmpstr (inj_delegation_editor_get_message (f->editor, INJ_FIELD_PERIOD_START), ==,
                   "和暦と西暦で違う日になっています。どちらかを直してください。");
  type_into (f->editor, INJ_FIELD_PERIOD_END, "来年の3月末");
  gtk_widget_grab_focus (inj_delegation_editor_get_entry (f->editor, INJ_FIELD_PERIOD_END));
  test_ui_wait_until (no_wait, NULL, 200);
  test_ui_screenshot (window, "editor-date-messages");

  /* a sole proprietor's date of birth: a date, in both */
  inj_delegation_editor_set_kind (f->editor, INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR);
  choose_day (f->editor, INJ_FIELD_PROPRIETOR_BIRTH_DATE, 1980, 4, 1);
  g_assert_cmpstr (inj_delegation_get_text (d, INJ_FIELD_PROPRIETOR_BIRTH_DATE), ==, "1980-04-01");
  g_clear_pointer (&text, g_free);
  text = entry_of (f->editor, INJ_FIELD_PROPRIETOR_BIRTH_DATE);
  g_assert_cmpstr (text, ==, "昭和55年4月1日（1980年4月1日）");
  type_into (f->editor, INJ_FIELD_PROPRIETOR_BIRTH_DATE, "昭和55年4月2日");
  g_assert_cmpstr (inj_delegation_get_text (d, INJ_FIELD_PROPRIETOR_BIRTH_DATE), ==, "1980-04-02");
  close_window (window);
}

/* A renewal says so at the top, with the start of the renewed ID and
 * the words that name the delegation. */
static void
test_renewal_banner (Fixture *f,
                     gconstpointer data)
{
  GtkWidget *banner = inj_delegation_editor_get_renewal_row (f->editor);
  g_autoptr(InjDelegation) renewal = NULL;
  g_autoptr(GDateTime) now = inj_date_now ();
  InjServiceProfile *profile;
  g_autofree char *expected = NULL;
  g_autofree char *named = NULL;
  GtkWidget *window;
  const char *old_id;

  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (banner)));
  fill_corporation (f->editor);
  inj_delegation_editor_set_qualification (f->editor, INJ_QUALIFICATION_TAX_ACCOUNTANT);
  type_into (f->editor, INJ_FIELD_AGENT_IDENTIFIER, "123456");
  /* typed text, not markup */
  type_into (f->editor, INJ_FIELD_AUTHORITY_SCOPE, "法人税 & 消費税 <電子申告>\n届出");
  old_id = inj_delegation_get_text (inj_delegation_editor_get_delegation (f->editor), INJ_FIELD_DELEGATION_ID);
  profile = inj_service_profile_load_default (NULL);
  g_assert_nonnull (profile);
  renewal = inj_delegation_renew (inj_delegation_editor_get_delegation (f->editor), profile, now);
  g_assert_nonnull (renewal);
  g_assert_cmpstr (inj_delegation_get_text (renewal, INJ_FIELD_SUPERSEDES), ==, old_id);
  inj_delegation_editor_load (f->editor, renewal);
  /* the title does not belong to a 税理士's delegation: left out, not a problem */
  g_assert_null (inj_delegation_get_text (renewal, INJ_FIELD_AGENT_TITLE));
  g_assert_cmpuint (count_problems (f->editor), ==, 0);

  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (banner)));
  expected = g_strdup_printf ("更新版を作成中（元: %.8s…）", inj_delegation_get_text (renewal, INJ_FIELD_SUPERSEDES));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (banner)), ==, expected);
  named = inj_render_delegation_title (renewal, FALSE, 40);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (banner)), ==, named);
  g_assert_nonnull (strstr (named, "（税理士）"));
  g_assert_nonnull (strstr (named, "法人税 & 消費税 <電子申告>"));
  window = show_in_window (f, 720, 600);
  test_ui_screenshot (window, "editor-form-renewal");
  close_window (window);
  inj_service_profile_free (profile);
}

/* Once a 資格 is chosen, the agent's identifier is the profession's own
 * registration number, in the form and in its messages. */
static void
test_identifier_label (Fixture *f,
                       gconstpointer data)
{
  const struct { InjQualification q; const char *label; } cases[] = {
    { INJ_QUALIFICATION_TAX_ACCOUNTANT, "税理士登録番号" },
    { INJ_QUALIFICATION_ATTORNEY, "弁護士登録番号" },
    { INJ_QUALIFICATION_JUDICIAL_SCRIVENER, "司法書士登録番号" },
    { INJ_QUALIFICATION_ADMINISTRATIVE_SCRIVENER, "行政書士登録番号" },
    { INJ_QUALIFICATION_LABOR_SOCIAL_SECURITY, "社会保険労務士登録番号" },
    { INJ_QUALIFICATION_PATENT_ATTORNEY, "弁理士登録番号" },
    { INJ_QUALIFICATION_LAND_HOUSE_INVESTIGATOR, "土地家屋調査士登録番号" },
    { INJ_QUALIFICATION_CERTIFIED_PUBLIC_ACCOUNTANT, "公認会計士登録番号" },
  };

  g_assert_cmpstr (inj_delegation_editor_get_label (f->editor, INJ_FIELD_AGENT_IDENTIFIER), ==, "受任者の識別ID");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      inj_delegation_editor_set_qualification (f->editor, cases[i].q);
      g_assert_cmpstr (inj_delegation_editor_get_label (f->editor, INJ_FIELD_AGENT_IDENTIFIER), ==, cases[i].label);
      /* the message names it the same way */
      g_assert_nonnull (strstr (inj_delegation_editor_get_message (f->editor, INJ_FIELD_AGENT_IDENTIFIER),
                                cases[i].label));
    }
  inj_delegation_editor_set_qualification (f->editor, INJ_QUALIFICATION_NONE);
  g_assert_cmpstr (inj_delegation_editor_get_label (f->editor, INJ_FIELD_AGENT_IDENTIFIER), ==, "受任者の識別ID");
}

static void
collect_keys (GtkWidget *widget,
              GHashTable *keys,
              GString *clashes)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_LABEL (c) && gtk_label_get_use_underline (GTK_LABEL (c)) &&
          gtk_label_get_mnemonic_keyval (GTK_LABEL (c)) != GDK_KEY_VoidSymbol)
        {
          guint key = gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (c)));
          const char *other = g_hash_table_lookup (keys, GUINT_TO_POINTER (key));
          if (other)
            g_string_append_printf (clashes, "\n  %s / %s", other, gtk_label_get_label (GTK_LABEL (c)));
          g_hash_table_insert (keys, GUINT_TO_POINTER (key), (gpointer) gtk_label_get_label (GTK_LABEL (c)));
        }
      collect_keys (c, keys, clashes);
    }
}

/* Access keys are unique in the form, and its menu's one too. */
static void
test_access_keys (Fixture *f,
                  gconstpointer data)
{
  g_autoptr(GHashTable) keys = g_hash_table_new (NULL, NULL);
  g_autoptr(GString) clashes = g_string_new (NULL);
  GtkWidget *menu = inj_delegation_editor_get_menu_button (f->editor);
  GtkWidget *window = show_in_window (f, 720, 600);

  /* the menu's popover is made when it opens, inside its button */
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu));
  test_ui_wait_until (no_wait, NULL, 100);
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu))),
                                         GTK_WIDGET (f->editor)));
  collect_keys (GTK_WIDGET (f->editor), keys, clashes);
  test_ui_popdown_and_settle (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu)));
  if (clashes->len)
    g_error ("access keys used twice:%s", clashes->str);
  /* 種別, 資格, 次の問題, 書き出す */
  g_assert_cmpuint (g_hash_table_size (keys), >=, 4);
  close_window (window);
}

/* Japanese wraps between words: never inside ません or an ID. */
static void
test_wrap (Fixture *f,
           gconstpointer data)
{
  const char *text = "この電子委任状は送信できません。ID 49824f7b-1a2b を確認してください。";
  g_autoptr(PangoAttrList) attrs = inj_wrap_attributes (text);
  GtkWidget *label = NULL;
  const char *message;

  g_assert_true (breaks_kept (attrs, text, "ません"));
  g_assert_true (breaks_kept (attrs, text, "49824f7b-1a2b"));
  g_assert_true (breaks_kept (attrs, text, "ください"));
  /* a word is kept whole, but not a run longer than a line could hold */
  g_assert_true (breaks_kept (attrs, text, "電子委任状"));
  {
    const char *long_text = "指紋 5f1c2a9e8b7d6c5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0 です";
    g_autoptr(PangoAttrList) long_attrs = inj_wrap_attributes (long_text);
    g_assert_false (breaks_kept (long_attrs, long_text,
                                 "5f1c2a9e8b7d6c5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0"));
  }

  /* the form's messages are set so */
  type_into (f->editor, INJ_FIELD_PERIOD_START, "2027-02-30");
  message = inj_delegation_editor_get_message (f->editor, INJ_FIELD_PERIOD_START);
  g_assert_nonnull (strstr (message, "です"));
  label = find_labelled (GTK_WIDGET (f->editor), message);
  g_assert_nonnull (label);
  g_assert_true (breaks_kept (gtk_label_get_attributes (GTK_LABEL (label)), message, "です"));
}

static void
on_saved (InjDelegationEditor *editor,
          gpointer data)
{
  (*(guint *) data)++;
}

static gboolean
saved_once (gpointer data)
{
  return *(guint *) data > 0;
}

static void
test_draft (Fixture *f,
            gconstpointer data)
{
  InjDelegation *d = inj_delegation_editor_get_delegation (f->editor);
  g_autofree char *name = g_strconcat (inj_delegation_get_text (d, INJ_FIELD_DELEGATION_ID), ".ini", NULL);
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup (inj_delegation_get_text (d, INJ_FIELD_DELEGATION_ID));
  InjDelegationEditor *again;
  GStatBuf st;
  guint saved = 0;

  g_signal_connect (f->editor, "draft-saved", G_CALLBACK (on_saved), &saved);
  type_into (f->editor, INJ_FIELD_CORPORATE_NAME, "テスト");
  type_into (f->editor, INJ_FIELD_CORPORATE_NAME, "テスト商事");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS)); /* debounced */
  g_assert_true (test_ui_wait_until (saved_once, &saved, 5000));
  g_assert_cmpuint (saved, ==, 1); /* two changes, one write */

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "[principal]"));
  g_assert_nonnull (strstr (contents, "kind=corporation"));
  g_assert_nonnull (strstr (contents, "corporate-name=テスト商事"));

  /* A window opened later finds the draft. */
  again = INJ_DELEGATION_EDITOR (g_object_ref_sink (inj_delegation_editor_new (f->dir)));
  d = inj_delegation_editor_get_delegation (again);
  g_assert_cmpstr (inj_delegation_get_text (d, INJ_FIELD_DELEGATION_ID), ==, id);
  g_assert_cmpstr (inj_delegation_get_text (d, INJ_FIELD_CORPORATE_NAME), ==, "テスト商事");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (inj_delegation_editor_get_entry (again, INJ_FIELD_CORPORATE_NAME))),
                   ==, "テスト商事");
  g_assert_finalize_object (again);
}

/* 復代理の可否: chosen next to the restrictions, optional, explained; the
 * choice reaches the model and the draft, and comes back with it. */
static void
test_subdelegation (Fixture *f,
                    gconstpointer data)
{
  InjDelegation *d = inj_delegation_editor_get_delegation (f->editor);
  GtkWidget *choice = inj_delegation_editor_get_entry (f->editor, INJ_FIELD_SUBDELEGATION);
  GtkWidget *restrictions = inj_delegation_editor_get_entry (f->editor, INJ_FIELD_AUTHORITY_RESTRICTIONS);
  GListModel *items;
  g_autofree char *draft = NULL;
  InjDelegationEditor *again;
  GtkWidget *window;
  GtkWidget *row;
  GtkAdjustment *adj;

  g_assert_true (GTK_IS_DROP_DOWN (choice));
  row = gtk_widget_get_parent (gtk_widget_get_parent (choice));
  g_assert_true (gtk_widget_get_prev_sibling (row) ==
                 gtk_widget_get_parent (gtk_widget_get_parent (restrictions)));
  g_assert_cmpstr (inj_delegation_editor_get_label (f->editor, INJ_FIELD_SUBDELEGATION), ==, "復代理の可否");
  g_assert_cmpstr (inj_delegation_editor_get_need (f->editor, INJ_FIELD_SUBDELEGATION), ==, "任意");
  g_assert_nonnull (strstr (inj_delegation_editor_get_hint (f->editor, INJ_FIELD_SUBDELEGATION), "電子入札"));
  /* its explanation wraps between words: never 「認めな|い」, 「受|領者」 */
  row = find_labelled (GTK_WIDGET (f->editor), "受任者が、");
  g_assert_nonnull (gtk_label_get_attributes (GTK_LABEL (row)));
  g_assert_true (breaks_kept (gtk_label_get_attributes (GTK_LABEL (row)),
                              gtk_label_get_text (GTK_LABEL (row)), "めない"));
  g_assert_true (breaks_kept (gtk_label_get_attributes (GTK_LABEL (row)),
                              gtk_label_get_text (GTK_LABEL (row)), "受領者"));
  items = gtk_drop_down_get_model (GTK_DROP_DOWN (choice));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 3);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (items), 0), ==, "記載しない");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (items), 2), ==, "不可");
  /* the title names the drop-down (its access key reaches it) */
  g_assert_true (gtk_label_get_mnemonic_widget (GTK_LABEL (gtk_widget_get_first_child (
                   gtk_widget_get_parent (choice)))) == choice);
  g_assert_cmpint (inj_delegation_get_subdelegation (d), ==, INJ_SUBDELEGATION_UNSPECIFIED);

  fill_corporation (f->editor);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (choice), 2);
  g_assert_cmpint (inj_delegation_get_subdelegation (d), ==, INJ_SUBDELEGATION_NOT_ALLOWED);
  g_assert_true (inj_delegation_editor_can_save (f->editor));
  g_assert_true (inj_delegation_editor_save_draft_now (f->editor, NULL));
  draft = inj_delegation_to_input (d);
  g_assert_nonnull (strstr (draft, "subdelegation=not-allowed"));

  window = show_in_window (f, 720, 600);
  /* the end of the form: the choice with its explanation */
  gtk_widget_grab_focus (choice);
  test_ui_wait_until (no_wait, NULL, 300);
  adj = gtk_scrolled_window_get_vadjustment (
    GTK_SCROLLED_WINDOW (gtk_widget_get_first_child (GTK_WIDGET (f->editor))));
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
  test_ui_wait_until (no_wait, NULL, 300);
  test_ui_screenshot (window, "editor-subdelegation");
  close_window (window);
  /* narrow, with the longest choice: the title, 任意 and the choice share
   * the line, the explanation wraps */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (choice), 0);
  window = show_in_window (f, 360, 700);
  gtk_widget_grab_focus (choice);
  test_ui_wait_until (no_wait, NULL, 300);
  gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + 200);
  test_ui_wait_until (no_wait, NULL, 300);
  test_ui_screenshot (window, "editor-subdelegation-narrow");
  close_window (window);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (choice), 2);
  g_assert_true (inj_delegation_editor_save_draft_now (f->editor, NULL));

  /* a window opened later shows the choice of the draft */
  again = INJ_DELEGATION_EDITOR (g_object_ref_sink (inj_delegation_editor_new (f->dir)));
  g_assert_cmpint (inj_delegation_get_subdelegation (inj_delegation_editor_get_delegation (again)), ==,
                   INJ_SUBDELEGATION_NOT_ALLOWED);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (
                      inj_delegation_editor_get_entry (again, INJ_FIELD_SUBDELEGATION))), ==, 2);
  g_assert_finalize_object (again);

  /* 記載しない leaves the item out */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (choice), 0);
  g_assert_null (inj_delegation_get_text (d, INJ_FIELD_SUBDELEGATION));
}

static void
test_draft_on_close (Fixture *f,
                     gconstpointer data)
{
  InjDelegation *d = inj_delegation_editor_get_delegation (f->editor);
  g_autofree char *name = g_strconcat (inj_delegation_get_text (d, INJ_FIELD_DELEGATION_ID), ".ini", NULL);
  g_autofree char *path = g_build_filename (f->dir, name, NULL);

  inj_delegation_editor_set_draft_delay (f->editor, 60000);
  type_into (f->editor, INJ_FIELD_AGENT_NAME, "検証 花子");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_finalize_object (g_steal_pointer (&f->editor));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

int
main (int argc,
      char *argv[])
{
  test_ui_init (&argc, &argv);
  g_test_add ("/ui/editor/template", Fixture, NULL, fixture_set_up, test_template, fixture_tear_down);
  g_test_add ("/ui/editor/check-digit", Fixture, NULL, fixture_set_up, test_check_digit, fixture_tear_down);
  g_test_add ("/ui/editor/wareki", Fixture, NULL, fixture_set_up, test_wareki, fixture_tear_down);
  g_test_add ("/ui/editor/kind", Fixture, NULL, fixture_set_up, test_kind_switch, fixture_tear_down);
  g_test_add ("/ui/editor/kind-keeps-typing", Fixture, NULL, fixture_set_up, test_kind_keeps_typing, fixture_tear_down);
  g_test_add ("/ui/editor/export-menu", Fixture, NULL, fixture_set_up, test_export_menu, fixture_tear_down);
  g_test_add ("/ui/editor/required-marks", Fixture, NULL, fixture_set_up, test_required_marks, fixture_tear_down);
  g_test_add ("/ui/editor/problem-bar", Fixture, NULL, fixture_set_up, test_problem_bar, fixture_tear_down);
  g_test_add ("/ui/editor/calendar", Fixture, NULL, fixture_set_up, test_calendar, fixture_tear_down);
  g_test_add ("/ui/editor/renewal-banner", Fixture, NULL, fixture_set_up, test_renewal_banner, fixture_tear_down);
  g_test_add ("/ui/editor/identifier-label", Fixture, NULL, fixture_set_up, test_identifier_label, fixture_tear_down);
  g_test_add ("/ui/editor/access-keys", Fixture, NULL, fixture_set_up, test_access_keys, fixture_tear_down);
  g_test_add ("/ui/editor/wrap", Fixture, NULL, fixture_set_up, test_wrap, fixture_tear_down);
  g_test_add ("/ui/editor/draft", Fixture, NULL, fixture_set_up, test_draft, fixture_tear_down);
  g_test_add ("/ui/editor/subdelegation", Fixture, NULL, fixture_set_up, test_subdelegation, fixture_tear_down);
  g_test_add ("/ui/editor/draft-on-close", Fixture, NULL, fixture_set_up, test_draft_on_close, fixture_tear_down);
  return test_ui_run ();
}
