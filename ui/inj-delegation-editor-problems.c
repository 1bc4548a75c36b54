/* inj-delegation-editor-problems.c: the top of the form: how many problems
 * the delegation still has, each one a row that takes the person to its
 * field (and 次の問題 to go through them in turn); and, for a renewal,
 * which delegation it renews. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-a11y.h"
#include "inj-delegation-editor-private.h"
#include "inj-wrap.h"

static void
on_problem_activated (AdwActionRow *row,
                      InjDelegationEditor *self)
{
  InjField f = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "inj-field")) - 1;

  _inj_editor_focus_field (self, f);
}

static void
clear_rows (InjDelegationEditor *self)
{
  for (guint i = 0; i < self->problem_rows->len; i++)
    adw_expander_row_remove (self->problems_row, g_ptr_array_index (self->problem_rows, i));
  g_ptr_array_set_size (self->problem_rows, 0);
}

static void
add_row (InjDelegationEditor *self,
         InjProblem *problem)
{
  GtkWidget *row = adw_action_row_new ();
  InjQualification q = inj_delegation_get_qualification (self->delegation);
  g_autofree char *label = problem->field >= 0 ? g_strdup (inj_field_label_as (problem->field, q))
                                               : g_strdup (inj_field_label (problem->field));

  /* the messages and the names typed are text, not markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), problem->message);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), problem->field >= 0);
  g_object_set_data (G_OBJECT (row), "inj-field", GINT_TO_POINTER (problem->field + 1));
  g_signal_connect (row, "activated", G_CALLBACK (on_problem_activated), self);
  adw_expander_row_add_row (self->problems_row, row);
  g_ptr_array_add (self->problem_rows, row);
}

/* The expander row's own parts, after its title changed: its title label
 * wraps between words, and the switch it keeps (never shown here:
 * show-enable-switch is off) is named as the row, like every control. */
static void
dress_header (GtkWidget *widget,
              const char *title)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_SWITCH (c))
        inj_ui_set_accessible_label (c, title);
      else if (GTK_IS_LABEL (c) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (c)), title) == 0)
        {
          g_autoptr(PangoAttrList) attrs = inj_wrap_attributes (title);
          gtk_label_set_attributes (GTK_LABEL (c), attrs);
        }
      else
        dress_header (c, title);
    }
}

/* @problems: the delegation's, in the order of the form. The rows are made
 * again only when they change, so that the list does not move under the
 * person's pointer or keyboard while they type. */
void
_inj_editor_update_problems (InjDelegationEditor *self,
                             GPtrArray *problems)
{
  g_autoptr(GString) shown = g_string_new (NULL);
  g_autofree char *title = NULL;

  if (self->problem_rows == NULL)
    self->problem_rows = g_ptr_array_new ();
  self->n_problem_fields = 0;
  for (guint i = 0; i < problems->len; i++)
    {
      InjProblem *p = g_ptr_array_index (problems, i);
      g_string_append_printf (shown, "%d:%s\n", p->field, p->message);
      if (p->field >= 0 && (self->n_problem_fields == 0 ||
                            self->problem_fields[self->n_problem_fields - 1] != p->field) &&
          self->n_problem_fields < G_N_ELEMENTS (self->problem_fields))
        self->problem_fields[self->n_problem_fields++] = p->field;
    }
  gtk_widget_set_visible (self->problems_list, problems->len > 0);
  gtk_widget_set_sensitive (self->next_problem_button, self->n_problem_fields > 0);
  if (g_strcmp0 (self->problems_shown, shown->str) == 0)
    return;
  g_free (self->problems_shown);
  self->problems_shown = g_strdup (shown->str);

  /* TRANSLATORS: at the top of the form; %u is a count of problems */
  title = g_strdup_printf (_("Problems in the form: %u"), problems->len);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->problems_row), title);
  dress_header (GTK_WIDGET (self->problems_row), title);
  clear_rows (self);
  for (guint i = 0; i < problems->len; i++)
    add_row (self, g_ptr_array_index (problems, i));
}

/* The field of the next problem after the one with the focus, from the
 * top again after the last. */
void
_inj_editor_next_problem (InjDelegationEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  InjField current = INJ_FIELD_NONE;

  if (self->n_problem_fields == 0)
    return;
  for (InjField f = 0; f < INJ_N_FIELDS && focus; f++)
    if (self->rows[f].row && (focus == self->rows[f].entry ||
                              gtk_widget_is_ancestor (focus, self->rows[f].row)))
      current = f;
  for (guint i = 0; i < self->n_problem_fields; i++)
    if (self->problem_fields[i] > current)
      {
        _inj_editor_focus_field (self, self->problem_fields[i]);
        return;
      }
  _inj_editor_focus_field (self, self->problem_fields[0]);
}

/* 「更新版を作成中（元: 1a2b3c4d…）」 and the renewed delegation's agent
 * and authority, as they were when the renewal was loaded. */
void
_inj_editor_update_renewal (InjDelegationEditor *self)
{
  const char *supersedes = inj_delegation_get_text (self->delegation, INJ_FIELD_SUPERSEDES);
  g_autofree char *start = NULL;
  g_autofree char *title = NULL;
  g_autofree char *original = NULL;

  gtk_widget_set_visible (self->renewal_list, supersedes != NULL);
  if (supersedes == NULL || g_strcmp0 (supersedes, self->renewal_of) == 0)
    return;
  g_free (self->renewal_of);
  self->renewal_of = g_strdup (supersedes);
  start = g_utf8_substring (supersedes, 0, 8);
  /* TRANSLATORS: at the top of the form; %s is the start of the renewed delegation's ID */
  title = g_strdup_printf (_("Writing a renewal (of %s…)"), start);
  original = inj_render_delegation_title (self->delegation, FALSE, 40);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->renewal_row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->renewal_row), original);
}
