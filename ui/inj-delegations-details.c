/* inj-delegations-details.c: one stored delegation's details as the page
 * shows them: a boxed list of labels and values (personal data masked unless
 * revealed), its period, and its state at the service. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-a11y.h"
#include "inj-delegations-page-private.h"
#include "inj-printout-ui.h"
#include "inj-upload.h"

/* A string member of the service's answer, or NULL. */
const char *
_inj_delegations_str (JsonObject *o,
                      const char *member)
{
  return o ? json_object_get_string_member_with_default (o, member, NULL) : NULL;
}

/* What a details row shows as its value (for the tests and the page's
 * text): the ID of an ID row, else the subtitle. */
const char *
_inj_delegations_row_value (GtkWidget *row)
{
  const char *value = g_object_get_data (G_OBJECT (row), "inj-value");

  return value ? value : "";
}

static void
add_detail (InjDelegationsPage *self,
            int *line,
            const char *label,
            const char *value)
{
  GtkWidget *row;

  if (value == NULL)
    return;
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "property");
  g_object_set_data_full (G_OBJECT (row), "inj-value", g_strdup (value), g_free);
  gtk_list_box_append (self->details_grid, row);
  (*line)++;
}

static void
add_id_detail (InjDelegationsPage *self,
               int *line,
               const char *label,
               const char *id)
{
  GtkWidget *row;

  if (id == NULL || *id == '\0')
    return;
  row = _inj_id_row_new (label, id);
  g_object_set_data_full (G_OBJECT (row), "inj-value", g_strdup (id), g_free);
  gtk_list_box_append (self->details_grid, row);
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
  if (field == INJ_FIELD_DELEGATION_ID || field == INJ_FIELD_SUPERSEDES)
    add_id_detail (self, line, inj_field_label (field), value);
  else
    add_detail (self, line, inj_field_label (field), value);
}

static void
clear_grid (InjDelegationsPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->details_grid))))
    gtk_list_box_remove (self->details_grid, child);
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
    INJ_FIELD_AUTHORITY_RESTRICTIONS, INJ_FIELD_SUBDELEGATION, INJ_FIELD_PERIOD_START,
    INJ_FIELD_PERIOD_END,
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
  /* neither a renewal nor an end of what has ended */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "delegations.renew",
                                 self->details != NULL && g_strcmp0 (status, "retired") != 0 &&
                                 g_strcmp0 (status, "terminated") != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "delegations.print", self->details != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "delegations.save-pdf",
                                 self->details != NULL);
  inj_printout_ui_set_menu_notice (self->printout_label, reveal);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "delegations.terminate",
                                 self->details != NULL && !inj_job_get_busy (self->job) &&
                                 (g_strcmp0 (status, "active") == 0 ||
                                  g_strcmp0 (status, "stored") == 0));
  if (self->details == NULL)
    return;

  /* the ID is in the rows below, in one line with its copy button */
  title = inj_render_delegation_title (self->details, reveal, 20);
  gtk_label_set_text (self->details_title, title);
  if (g_strcmp0 (status, "terminated") == 0 && _inj_delegations_str (self->details_stored,
                                                                     "endedAt"))
    {
      g_autofree char *day =
        inj_display_iso_day (_inj_delegations_str (self->details_stored, "endedAt"));
      state = g_strdup_printf (_("This delegation was ended on %s. Its signature was verified "
                                 "again on this computer."), day);
    }
  else
    state = g_strdup_printf (_("State at the service: %s. Its signature was verified again on "
                               "this computer."),
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

/* ------------------------------------------------------------ printout */

/* The signed XML the service returned, the one the page verified. */
static GBytes *
details_signed_xml (InjDelegationsPage *self)
{
  const char *b64 = _inj_delegations_str (self->details_stored, "delegation");
  gsize len = 0;
  guchar *raw;

  if (b64 == NULL)
    return NULL;
  raw = g_base64_decode (b64, &len);
  return g_bytes_new_take (raw, len);
}

/* The signed XML of this computer's own package, when it was sent from
 * here: the record the printout names. */
static char *
details_xml_file (InjDelegationsPage *self)
{
  g_autoptr(GPtrArray) sent = inj_upload_list_sent ();

  for (guint i = 0; i < sent->len; i++)
    {
      InjPackage *p = g_ptr_array_index (sent, i);

      if (g_strcmp0 (p->delegation_id, self->details_id) == 0)
        return g_build_filename (p->dir, "delegation.xml", NULL);
    }
  return NULL;
}

static InjPrintoutSource *
printout_source (InjDelegationsPage *self)
{
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(InjTrustStore) trust = NULL;
  g_autofree char *file = NULL;

  if (self->details == NULL)
    return NULL;
  xml = details_signed_xml (self);
  trust = xml ? inj_session_dup_trust_store (self->session, NULL) : NULL;
  file = details_xml_file (self);
  return inj_printout_source_new (self->details, xml, trust, file,
                                  inj_session_get_reveal (self->session));
}

GtkPrintOperationResult
inj_delegations_page_print (InjDelegationsPage *self,
                            GtkPrintOperationAction action,
                            const char *export_path,
                            GError **error)
{
  g_autoptr(InjPrintoutSource) source = NULL;

  g_return_val_if_fail (INJ_IS_DELEGATIONS_PAGE (self), GTK_PRINT_OPERATION_RESULT_ERROR);
  source = printout_source (self);
  if (source == NULL)
    return GTK_PRINT_OPERATION_RESULT_CANCEL;
  return inj_printout_ui_print (GTK_WIDGET (self), source, action, export_path, error);
}

gboolean
inj_delegations_page_save_pdf_to (InjDelegationsPage *self,
                                  GFile *file,
                                  GError **error)
{
  g_autoptr(InjPrintoutSource) source = NULL;

  g_return_val_if_fail (INJ_IS_DELEGATIONS_PAGE (self), FALSE);
  source = printout_source (self);
  if (source == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("Choose a delegation in the list first."));
      return FALSE;
    }
  return inj_printout_ui_save_to (GTK_WIDGET (self), source, file, error);
}

void
_inj_delegations_print_activated (GtkWidget *widget,
                                  const char *action_name,
                                  GVariant *parameter)
{
  InjPrintoutSource *source = printout_source (INJ_DELEGATIONS_PAGE (widget));

  if (source)
    inj_printout_ui_activate_print (widget, source);
}

void
_inj_delegations_save_pdf_activated (GtkWidget *widget,
                                     const char *action_name,
                                     GVariant *parameter)
{
  InjPrintoutSource *source = printout_source (INJ_DELEGATIONS_PAGE (widget));

  if (source)
    inj_printout_ui_activate_save (widget, source);
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
