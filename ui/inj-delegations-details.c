/* inj-delegations-details.c: one stored delegation's details as the page
 * shows them: a grid of labels and values (personal data masked unless
 * revealed), its period, and its state at the service. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-a11y.h"
#include "inj-delegations-page-private.h"
#include "inj-upload.h"

/* A string member of the service's answer, or NULL. */
const char *
_inj_delegations_str (JsonObject *o,
                      const char *member)
{
  return o ? json_object_get_string_member_with_default (o, member, NULL) : NULL;
}

static void
add_detail (InjDelegationsPage *self,
            int *line,
            const char *label,
            const char *value)
{
  GtkWidget *name;
  GtkWidget *text;

  if (value == NULL)
    return;
  name = gtk_label_new (label);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_yalign (GTK_LABEL (name), 0);
  gtk_widget_add_css_class (name, "dim-label");
  text = gtk_label_new (value);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  name, NULL, -1);
  gtk_grid_attach (self->details_grid, name, 0, *line, 1, 1);
  gtk_grid_attach (self->details_grid, text, 1, *line, 1, 1);
  (*line)++;
}

static void
add_field (InjDelegationsPage *self,
           int *line,
           InjField field,
           gboolean reveal)
{
  g_autofree char *value = NULL;

  if (!inj_delegation_field_applies (self->details, field))
    return;
  value = inj_render_value (self->details, field, reveal);
  add_detail (self, line, inj_field_label (field), value);
}

static void
clear_grid (InjDelegationsPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->details_grid))))
    gtk_grid_remove (self->details_grid, child);
}

void
_inj_delegations_render_details (InjDelegationsPage *self)
{
  gboolean reveal = inj_session_get_reveal (self->session);
  g_autoptr(GDateTime) now = inj_date_now ();
  g_autofree char *title = NULL;
  g_autofree char *state = NULL;
  g_autofree char *kind = NULL;
  const char *status;
  JsonObject *agent;
  int line = 0;
  static const InjField fields[] = {
    INJ_FIELD_DELEGATION_ID, INJ_FIELD_SUPERSEDES, INJ_FIELD_CREATED_AT,
    INJ_FIELD_CORPORATE_NUMBER, INJ_FIELD_CORPORATE_NAME, INJ_FIELD_HEAD_OFFICE_ADDRESS,
    INJ_FIELD_REPRESENTATIVE_TITLE, INJ_FIELD_REPRESENTATIVE_NAME, INJ_FIELD_TRADE_NAME,
    INJ_FIELD_PROPRIETOR_NAME, INJ_FIELD_PROPRIETOR_ADDRESS, INJ_FIELD_PROPRIETOR_BIRTH_DATE,
    INJ_FIELD_AGENT_NAME, INJ_FIELD_AGENT_TITLE, INJ_FIELD_AGENT_QUALIFICATION,
    INJ_FIELD_AGENT_ADDRESS, INJ_FIELD_AGENT_IDENTIFIER, INJ_FIELD_AUTHORITY_SCOPE,
    INJ_FIELD_AUTHORITY_RESTRICTIONS, INJ_FIELD_PERIOD_START, INJ_FIELD_PERIOD_END,
    INJ_FIELD_SERVICE_NAME, INJ_FIELD_POLICY_URL, INJ_FIELD_VALIDITY_URL,
  };
  static const struct {
    const char *member;
    InjJpkiField field;
  } parts[] = {
    { "name", INJ_JPKI_NAME }, { "address", INJ_JPKI_ADDRESS }, { "birthDate", INJ_JPKI_BIRTH_DATE },
  };

  clear_grid (self);
  gtk_widget_set_visible (self->details_box, self->details != NULL);
  status = _inj_delegations_str (self->details_stored, "status");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "delegations.renew",
                                 self->details != NULL && g_strcmp0 (status, "retired") != 0);
  if (self->details == NULL)
    return;

  title = g_strdup_printf (_("Delegation %s"), self->details_id);
  gtk_label_set_text (self->details_title, title);
  state = g_strdup_printf (_("State at the service: %s. Its signature was verified again on this "
                             "computer."),
                           inj_upload_status_label (status));
  gtk_label_set_text (self->details_state, state);

  kind = g_strdup (inj_principal_kind_label (inj_delegation_get_principal_kind (self->details)));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      add_field (self, &line, fields[i], reveal);
      if (fields[i] == INJ_FIELD_CREATED_AT)
        add_detail (self, &line, inj_field_label (INJ_FIELD_PRINCIPAL_KIND), kind);
    }

  agent = self->details_stored && json_object_has_member (self->details_stored, "agent") &&
              JSON_NODE_HOLDS_OBJECT (json_object_get_member (self->details_stored, "agent"))
            ? json_object_get_object_member (self->details_stored, "agent")
            : NULL;
  for (guint i = 0; agent && i < G_N_ELEMENTS (parts); i++)
    {
      const char *v = _inj_delegations_str (agent, parts[i].member);
      g_autofree char *shown = NULL;
      g_autofree char *label = NULL;

      if (v == NULL)
        continue;
      shown = reveal ? (parts[i].field == INJ_JPKI_BIRTH_DATE ? inj_jpki_birth_date_display (v)
                                                               : g_strdup (v))
                     : inj_mask_jpki_field (parts[i].field, v);
      label = g_strdup_printf (_("Agent's certificate: %s"),
                               inj_jpki_field_label (parts[i].field));
      add_detail (self, &line, label, shown);
    }

  if (inj_delegation_is_expired (self->details, now))
    gtk_label_set_text (self->details_note, _("The period of this delegation has ended."));
  else if (!reveal)
    gtk_label_set_text (self->details_note,
                        _("Names, addresses and dates of birth are hidden (＊)."));
  else
    gtk_label_set_text (self->details_note, "");
  gtk_widget_set_visible (GTK_WIDGET (self->details_note),
                          *gtk_label_get_text (self->details_note) != '\0');
}

void
_inj_delegations_drop_details (InjDelegationsPage *self)
{
  g_clear_object (&self->details);
  g_clear_pointer (&self->details_stored, json_object_unref);
  g_clear_pointer (&self->details_id, g_free);
  if (!self->disposed)
    _inj_delegations_render_details (self);
}
