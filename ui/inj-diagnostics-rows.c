/* inj-diagnostics-rows.c: the diagnostics report's values as text, and the
 * groups and rows the page shows them in (a row per value, named by its
 * id for tests and for copying). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-wrap.h"
#include "inj-diagnostics.h"
#include "inj-diagnostics-page-private.h"

/* ---------------------------------------------------------------- values as text */

static gboolean
member_is (JsonObject *o,
           const char *member,
           JsonNodeType type)
{
  JsonNode *node = o ? json_object_get_member (o, member) : NULL;

  return node && json_node_get_node_type (node) == type;
}

const char *
_inj_diag_get_string (JsonObject *o,
                      const char *member)
{
  JsonNode *node = o ? json_object_get_member (o, member) : NULL;

  if (node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

gboolean
_inj_diag_get_bool (JsonObject *o,
                    const char *member,
                    gboolean fallback)
{
  JsonNode *node = o ? json_object_get_member (o, member) : NULL;

  if (node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  return fallback;
}

gboolean
_inj_diag_get_int (JsonObject *o,
                   const char *member,
                   gint64 *value)
{
  JsonNode *node = o ? json_object_get_member (o, member) : NULL;

  if (node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *value = json_node_get_int (node);
      return TRUE;
    }
  return FALSE;
}

JsonObject *
_inj_diag_get_object (JsonObject *o,
                      const char *member)
{
  return member_is (o, member, JSON_NODE_OBJECT) ? json_object_get_object_member (o,
                                                                                  member) : NULL;
}

JsonArray *
_inj_diag_get_array (JsonObject *o,
                     const char *member)
{
  return member_is (o, member, JSON_NODE_ARRAY) ? json_object_get_array_member (o, member) : NULL;
}

/* Any node as one line: scalars as they are, lists of scalars joined,
 * anything deeper as compact JSON (so that a new member still shows). */
char *
_inj_diag_value_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("—");
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_STRING)
        return g_strdup (json_node_get_string (node));
      if (type == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (node) ? _("yes") : _("no"));
      if (type == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      return g_strdup_printf ("%g", json_node_get_double (node));
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *a = json_node_get_array (node);
      GString *s = g_string_new (NULL);
      gboolean flat = TRUE;

      for (guint i = 0; i < json_array_get_length (a); i++)
        if (!JSON_NODE_HOLDS_VALUE (json_array_get_element (a, i)))
          flat = FALSE;
      if (json_array_get_length (a) == 0)
        {
          g_string_free (s, TRUE);
          return g_strdup (_("none"));
        }
      if (flat)
        {
          for (guint i = 0; i < json_array_get_length (a); i++)
            {
              g_autofree char *one = _inj_diag_value_text (json_array_get_element (a, i));
              g_string_append_printf (s, "%s%s", i ? ", " : "", one);
            }
          return g_string_free (s, FALSE);
        }
      g_string_free (s, TRUE);
    }
  return json_to_string (node, FALSE);
}

char *
_inj_diag_member_text (JsonObject *o,
                       const char *member)
{
  return _inj_diag_value_text (json_object_get_member (o, member));
}

/* "error" with its code in brackets, or NULL. */
char *
_inj_diag_error_text (JsonObject *o)
{
  const char *error = _inj_diag_get_string (o, "error");
  const char *code = _inj_diag_get_string (o, "error_code");

  if (error == NULL)
    return NULL;
  return code ? g_strdup_printf ("%s (%s)", error, code) : g_strdup (error);
}

/* An ISO 8601 time of the report, for reading: Japan time, labelled. */
char *
_inj_diag_time_text (const char *iso)
{
  return inj_diagnostics_time_display_iso (iso);
}

/* ---------------------------------------------------------------- rows and groups */

AdwPreferencesGroup *
_inj_diag_add_group (InjDiagnosticsPage *self,
                     const char *title,
                     const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (self->groups_box, group);
  inj_wrap_labels_in (group);
  return ADW_PREFERENCES_GROUP (group);
}

GtkWidget *
_inj_diag_add_row (InjDiagnosticsPage *self,
                   AdwPreferencesGroup *group,
                   const char *id,
                   const char *title,
                   const char *subtitle,
                   Mood mood)
{
  GtkWidget *row = _inj_diag_new_row (self, id, title, subtitle, mood);

  adw_preferences_group_add (group, row);
  return row;
}

/* A row, known by @id, not yet in a group. */
GtkWidget *
_inj_diag_new_row (InjDiagnosticsPage *self,
                   const char *id,
                   const char *title,
                   const char *subtitle,
                   Mood mood)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle && *subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (mood != MOOD_NONE)
    {
      static const char *const icons[] = { NULL, "emblem-ok-symbolic", "dialog-warning-symbolic",
                                           "dialog-error-symbolic" };
      static const char *const classes[] = { NULL, "success", "warning", "error" };
      GtkWidget *icon = gtk_image_new_from_icon_name (icons[mood]);

      gtk_widget_add_css_class (icon, classes[mood]);
      gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
      /* the state is in the subtitle's words too; the icon is for the eye */
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      mood == MOOD_OK ? _("Works")
                                      : mood == MOOD_WARN ? _("Warning") : _("Problem"),
                                      -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }
  inj_wrap_labels_in (row);
  if (id)
    g_hash_table_replace (self->rows, g_strdup (id), row);
  return row;
}

gboolean
_inj_diag_is_known (const char *member,
                    const char *const *known)
{
  return known && g_strv_contains (known, member);
}

/* Members this page does not know yet: a row each, named as in the
 * report, so that nothing the report says is hidden; but behind 「詳細」,
 * since their names are the report's English, not the page's words. */
void
_inj_diag_add_other_members (InjDiagnosticsPage *self,
                             AdwPreferencesGroup *group,
                             const char *id_prefix,
                             JsonObject *o,
                             const char *const *known)
{
  g_autoptr(GList) members = o ? json_object_get_members (o) : NULL;
  GtkWidget *details = NULL;

  for (GList *l = members; l; l = l->next)
    {
      const char *member = l->data;
      g_autofree char *id = NULL;
      g_autofree char *text = NULL;

      if (_inj_diag_is_known (member, known))
        continue;
      id = g_strdup_printf ("%s.%s", id_prefix, member);
      text = _inj_diag_member_text (o, member);
      if (details == NULL)
        {
          g_autofree char *details_id = g_strdup_printf ("%s.details", id_prefix);

          details = adw_expander_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (details), _("Details"));
          adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (details),
                                         _("More of the report, named as in its file"));
          adw_preferences_group_add (group, details);
          g_hash_table_replace (self->rows, g_steal_pointer (&details_id), details);
        }
      adw_expander_row_add_row (ADW_EXPANDER_ROW (details),
                                _inj_diag_new_row (self, id, member, text,
                                                   g_str_has_suffix (member, "error") ? MOOD_BAD
                                                                                      : MOOD_NONE));
    }
}

/* Lines "member: value" of the members not in @known, for a subtitle. */
void
_inj_diag_append_other_lines (GString *text,
                              JsonObject *o,
                              const char *const *known)
{
  g_autoptr(GList) members = o ? json_object_get_members (o) : NULL;

  for (GList *l = members; l; l = l->next)
    {
      g_autofree char *value = NULL;

      if (_inj_diag_is_known (l->data, known))
        continue;
      value = _inj_diag_member_text (o, l->data);
      g_string_append_printf (text, "%s%s: %s", text->len ? "\n" : "", (const char *) l->data,
                              value);
    }
}
