/* inj-delegations-rows.c: the delegations list: one row per delegation,
 * named by its agent and authority (inj_render_delegation_title()), with
 * its period, a status pill, and under it the ID (one line, copyable) and
 * what can be done with it; the list built from the service's answer, the
 * packages and the drafts of this computer; the badges' counts. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-a11y.h"
#include "inj-delegations-page-private.h"
#include "inj-draft.h"
#include "inj-upload.h"

void
_inj_list_entry_free (InjListEntry *e)
{
  g_free (e->id);
  g_free (e->state);
  g_clear_object (&e->content);
  g_free (e->start);
  g_free (e->end);
  g_free (e->supersedes);
  g_free (e->superseded_by);
  g_free (e->draft_path);
  g_free (e->ended_at);
  g_free (e);
}

/* The period's end: the service's answer first, else the document's. */
static GDateTime *
entry_end (const InjListEntry *e)
{
  GDateTime *end = NULL;

  if (e->end)
    return g_date_time_new_from_iso8601 (e->end, NULL);
  if (e->content &&
      inj_date_parse_datetime (inj_delegation_get_text (e->content, INJ_FIELD_PERIOD_END), &end) !=
        INJ_PROBLEM_NONE)
    g_clear_pointer (&end, g_date_time_unref);
  return end;
}

InjPill
_inj_list_entry_pill (const InjListEntry *e,
                      GDateTime *now)
{
  g_autoptr(GDateTime) end = entry_end (e);

  return inj_pill_for_state (e->state, end, now);
}

static char *
entry_period (const InjListEntry *e)
{
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;

  if (e->start && e->end)
    {
      from = inj_upload_display_day (e->start);
      until = inj_upload_display_day (e->end);
    }
  else if (e->content)
    {
      const char *start = inj_delegation_get_text (e->content, INJ_FIELD_PERIOD_START);
      const char *end = inj_delegation_get_text (e->content, INJ_FIELD_PERIOD_END);

      from = start && *start ? inj_date_display (start) : NULL;
      until = end && *end ? inj_date_display (end) : NULL;
    }
  if (from == NULL && until == NULL)
    return NULL;
  /* TRANSLATORS: a delegation's period, start – end */
  return g_strdup_printf (_("%s – %s"), from ? from : "…", until ? until : "…");
}

char *
_inj_list_entry_title (const InjListEntry *e,
                       gboolean reveal)
{
  g_autofree char *title = e->content ? inj_render_delegation_title (e->content, reveal, 20)
                                      : NULL;

  if (title && *title)
    return g_steal_pointer (&title);
  if (g_strcmp0 (e->state, "draft") == 0)
    return g_strdup (_("Untitled draft"));
  return g_strdup (_("Delegation (refresh to show what it is)"));
}

GtkWidget *
_inj_status_pill_new (InjPill pill)
{
  GtkWidget *label = gtk_label_new (inj_pill_label (pill));

  gtk_widget_add_css_class (label, "status-pill");
  gtk_widget_add_css_class (label, inj_pill_css_class (pill));
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_label_set_wrap (GTK_LABEL (label), FALSE);
  return label;
}

static void
say_copy (GtkWidget *button)
{
  gtk_button_set_icon_name (GTK_BUTTON (button), "edit-copy-symbolic");
  gtk_widget_set_tooltip_text (button, _("Copy"));
  inj_ui_set_accessible_label (button, _("Copy"));
}

static gboolean
copied_shown (gpointer data)
{
  /* the source ends here: forget it without removing it */
  g_free (g_object_steal_data (data, "inj-copied-source"));
  say_copy (data);
  return G_SOURCE_REMOVE;
}

static void
remove_source (gpointer data)
{
  g_source_remove (*(guint *) data);
  g_free (data);
}

/* Says that @button copied, for two seconds: a tooltip and a check mark
 * on the button itself (a toast, once the window offers one, belongs
 * here too). The timer goes with the button. */
static void
say_copied (GtkWidget *button)
{
  guint *source = g_new (guint, 1);

  gtk_button_set_icon_name (GTK_BUTTON (button), "object-select-symbolic");
  gtk_widget_set_tooltip_text (button, _("Copied"));
  inj_ui_set_accessible_label (button, _("Copied"));
  *source = g_timeout_add_seconds (2, copied_shown, button);
  g_object_set_data_full (G_OBJECT (button), "inj-copied-source", source, remove_source);
}

static void
copy_clicked (GtkButton *button,
              gpointer user_data)
{
  const char *text = g_object_get_data (G_OBJECT (button), "inj-copy-text");

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), text);
  say_copied (GTK_WIDGET (button));
}

/* An ID in one line: monospace, selectable, cut in the middle when the
 * row is narrow, and a button that copies it. */
GtkWidget *
_inj_id_row_new (const char *title,
                 const char *id)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (id);
  GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_label_set_width_chars (GTK_LABEL (label), 12);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "monospace");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (copy, "flat");
  say_copy (copy);
  g_object_set_data_full (G_OBJECT (copy), "inj-copy-text", g_strdup (id), g_free);
  g_signal_connect (copy, "clicked", G_CALLBACK (copy_clicked), NULL);
  g_object_set_data (G_OBJECT (row), "inj-copy-button", copy);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), copy);
  return row;
}

static GtkWidget *
action_button (const char *label,
               const char *tooltip,
               const char *action,
               const char *id)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
  return button;
}

/* What can be done with the delegation, in one row under its ID. */
static GtkWidget *
actions_row (const InjListEntry *e)
{
  GtkWidget *row = adw_action_row_new ();
  gboolean draft = g_strcmp0 (e->state, "draft") == 0;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Actions"));
  if (draft)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               action_button (_("Continue Writing"),
                                              _("Open this draft in the editor"),
                                              "delegations.open-draft", e->id));
  if (e->at_service)
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 action_button (_("Check Validity"),
                                                _("Ask the service whether this delegation is valid"),
                                                "delegations.check-validity-of", e->id));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 action_button (_("Show Details"),
                                                _("Show what the service stores, verified here again"),
                                                "delegations.details", e->id));
    }
  return row;
}

GtkWidget *
_inj_list_entry_row_new (const InjListEntry *e,
                         gboolean reveal,
                         GDateTime *now)
{
  GtkWidget *row = adw_expander_row_new ();
  g_autofree char *title = _inj_list_entry_title (e, reveal);
  g_autofree char *period = entry_period (e);
  InjPill pill = _inj_list_entry_pill (e, now);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (e->ended_at)
    {
      g_autofree char *day = inj_display_iso_day (e->ended_at);
      g_autofree char *ended = NULL;

      /* TRANSLATORS: a delegation ended before its period's end (委任の終了) */
      ended = g_strdup_printf (_("Ended on %s"), day);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), ended);
    }
  else
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row),
                                   period ? period : _("No period yet"));
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), _inj_status_pill_new (pill));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), _inj_id_row_new (_("Delegation ID"), e->id));
  if (e->supersedes)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), _inj_id_row_new (_("Renews"), e->supersedes));
  if (e->superseded_by)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                              _inj_id_row_new (_("Renewed by"), e->superseded_by));
  if (g_strcmp0 (e->state, "draft") == 0 || e->at_service)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), actions_row (e));
  g_object_set_data_full (G_OBJECT (row), "inj-delegation-id", g_strdup (e->id), g_free);
  return row;
}

/* ------------------------------------------------------------- the list */

static InjListEntry *
entry_new (const char *id,
           const char *state)
{
  InjListEntry *e = g_new0 (InjListEntry, 1);

  e->id = g_strdup (id);
  e->state = g_strdup (state);
  return e;
}

static void
add_entry (InjDelegationsPage *self,
           InjListEntry *e,
           GHashTable *contents,
           GDateTime *now)
{
  gboolean reveal = inj_session_get_reveal (self->session);
  GtkWidget *row;
  InjPill pill;

  if (e->id == NULL || g_hash_table_contains (self->states, e->id))
    {
      _inj_list_entry_free (e);
      return;
    }
  /* ended from here: the list the service answered before says so too now */
  if (g_hash_table_contains (self->ended, e->id))
    {
      g_free (e->state);
      e->state = g_strdup ("terminated");
      e->ended_at = g_strdup (g_hash_table_lookup (self->ended, e->id));
    }
  if (e->content == NULL && contents && g_hash_table_lookup (contents, e->id))
    e->content = g_object_ref (g_hash_table_lookup (contents, e->id));
  g_hash_table_insert (self->states, g_strdup (e->id), g_strdup (e->state));
  g_ptr_array_add (self->ids, g_strdup (e->id));
  pill = _inj_list_entry_pill (e, now);
  self->n_pending += pill == INJ_PILL_PENDING;
  self->n_expiring += pill == INJ_PILL_EXPIRING;
  row = _inj_list_entry_row_new (e, reveal, now);
  g_hash_table_insert (self->rows, g_strdup (e->id), row);
  g_hash_table_insert (self->entries, g_strdup (e->id), e);
  gtk_list_box_append (self->list, row);
}

static void
add_package (InjDelegationsPage *self,
             InjPackage *p,
             GHashTable *contents,
             GDateTime *now)
{
  InjListEntry *e = entry_new (p->delegation_id, p->state);

  e->at_service = g_strcmp0 (p->state, "stored") == 0;
  add_entry (self, e, contents, now);
}

static void
set_counts (InjDelegationsPage *self,
            guint pending,
            guint expiring)
{
  guint old_pending = self->n_pending;
  guint old_expiring = self->n_expiring;

  self->n_pending = pending;
  self->n_expiring = expiring;
  if (old_pending != pending)
    g_object_notify (G_OBJECT (self), "n-pending");
  if (old_expiring != expiring)
    g_object_notify (G_OBJECT (self), "n-expiring");
}

/* The packages of this computer and its drafts (a few small files: read
 * here) and the service's last answer, one row per ID: what the service
 * says first, then the outbox, what was sent, the drafts. */
void
_inj_delegations_rebuild_list (InjDelegationsPage *self)
{
  g_autoptr(GPtrArray) waiting = inj_outbox_list (NULL);
  g_autoptr(GPtrArray) sent = inj_upload_list_sent ();
  g_autoptr(GPtrArray) drafts = _inj_list_drafts (inj_session_get_drafts_dir (self->session),
                                                  self->profile);
  g_autoptr(GHashTable) contents = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                          g_object_unref);
  g_autoptr(GDateTime) now = inj_date_now ();
  guint old_pending = self->n_pending;
  guint old_expiring = self->n_expiring;
  guint pending, expiring;
  GtkWidget *child;
  GHashTableIter iter;
  gpointer key, value;

  if (self->disposed)
    return;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))))
    gtk_list_box_remove (self->list, child);
  g_hash_table_remove_all (self->rows);
  g_hash_table_remove_all (self->entries);
  g_hash_table_remove_all (self->states);
  g_ptr_array_set_size (self->ids, 0);
  self->n_pending = self->n_expiring = 0;

  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < (round ? sent : waiting)->len; i++)
      {
        InjPackage *p = g_ptr_array_index (round ? sent : waiting, i);
        InjDelegation *d = p->delegation_id ? _inj_package_content (p) : NULL;

        if (d)
          g_hash_table_replace (contents, p->delegation_id, d);
      }
  g_hash_table_iter_init (&iter, self->fetched);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (contents, key))
      g_hash_table_insert (contents, key, g_object_ref (value));
  for (guint i = 0; self->service_items && i < json_array_get_length (self->service_items); i++)
    {
      JsonObject *item = json_array_get_object_element (self->service_items, i);
      InjListEntry *e;

      if (item == NULL)
        continue;
      e = entry_new (_inj_delegations_str (item, "delegationId"),
                     _inj_delegations_str (item, "status"));
      e->start = g_strdup (_inj_delegations_str (item, "start"));
      e->end = g_strdup (_inj_delegations_str (item, "end"));
      e->supersedes = g_strdup (_inj_delegations_str (item, "supersedes"));
      e->superseded_by = g_strdup (_inj_delegations_str (item, "supersededBy"));
      e->at_service = TRUE;
      add_entry (self, e, contents, now);
    }
  for (guint i = 0; i < waiting->len; i++)
    add_package (self, g_ptr_array_index (waiting, i), contents, now);
  for (guint i = 0; i < sent->len; i++)
    add_package (self, g_ptr_array_index (sent, i), contents, now);
  for (guint i = 0; i < drafts->len; i++)
    add_entry (self, g_steal_pointer (&drafts->pdata[i]), NULL, now);
  g_ptr_array_set_free_func (drafts, NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->list), self->ids->len > 0);
  gtk_widget_set_visible (self->empty_page, self->ids->len == 0);
  pending = self->n_pending;
  expiring = self->n_expiring;
  self->n_pending = old_pending;
  self->n_expiring = old_expiring;
  set_counts (self, pending, expiring);
}

/* ------------------------------------------------------------- content */

/* The delegation of a package on this computer, for its name only (the
 * package was verified when it was signed; the details verify again). */
InjDelegation *
_inj_package_content (InjPackage *p)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) xml = inj_package_read (p, "delegation.xml", &error);
  InjDelegation *d;
  gsize length = 0;
  const char *data;

  if (xml == NULL)
    {
      g_debug ("package %s: %s", p->delegation_id, error->message);
      return NULL;
    }
  data = g_bytes_get_data (xml, &length);
  d = inj_delegation_from_xml (data, length, NULL, &error);
  if (d == NULL)
    g_debug ("package %s: %s", p->delegation_id, error->message);
  return d;
}

/* The drafts in @dir: entries in the state "draft" (unreadable ones too,
 * untitled). */
GPtrArray *
_inj_list_drafts (const char *dir,
                  const InjServiceProfile *profile)
{
  GPtrArray *drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) _inj_list_entry_free);
  g_autoptr(GDir) d = dir ? g_dir_open (dir, 0, NULL) : NULL;
  const char *name;

  if (d == NULL || profile == NULL)
    return drafts;
  while ((name = g_dir_read_name (d)))
    {
      g_autofree char *path = NULL;
      g_autofree char *id = NULL;
      g_autofree char *data = NULL;
      g_autoptr(GError) error = NULL;
      gsize length = 0;
      InjListEntry *e;

      if (!g_str_has_suffix (name, ".ini"))
        continue;
      path = g_build_filename (dir, name, NULL);
      id = g_strndup (name, strlen (name) - strlen (".ini"));
      data = inj_draft_read (path, &length, &error);
      e = g_new0 (InjListEntry, 1);
      e->id = g_steal_pointer (&id);
      e->state = g_strdup ("draft");
      e->draft_path = g_steal_pointer (&path);
      if (data)
        e->content = inj_draft_from_input (data, length, e->id, profile, &error);
      if (e->content == NULL)
        g_debug ("draft %s: %s", e->id, error ? error->message : "?");
      g_ptr_array_add (drafts, e);
    }
  return drafts;
}
