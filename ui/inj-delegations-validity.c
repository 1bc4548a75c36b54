/* inj-delegations-validity.c: the validity check of the delegations page:
 * of a row's delegation or of any pasted ID, the answer in one boxed row
 * (the ID in one line, the period, a status pill). */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-delegations-page-private.h"
#include "inj-upload.h"

/* The validity check's answer for @id, or why there is none (@status
 * NULL); without @id, only @message (the ID was not one). */
static void
show_validity_result (InjDelegationsPage *self,
                      const char *id,
                      const char *status,
                      const char *period,
                      const char *message)
{
  g_free (self->validity);
  self->validity = g_strdup (status);
  gtk_widget_set_visible (self->validity_result, id != NULL);
  gtk_label_set_text (self->validity_label, id ? "" : message);
  gtk_widget_set_visible (GTK_WIDGET (self->validity_label), id == NULL);
  if (self->validity_pill)
    adw_action_row_remove (self->validity_row, self->validity_pill);
  self->validity_pill = NULL;
  if (id == NULL)
    return;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->validity_row), id);
  adw_action_row_set_subtitle (self->validity_row, message ? message : period ? period : "");
  if (status == NULL)
    return;
  self->validity_pill = _inj_status_pill_new (inj_pill_for_state (status, NULL, NULL));
  if (g_strcmp0 (status, "unknown") == 0)
    gtk_label_set_text (GTK_LABEL (self->validity_pill), inj_upload_status_label (status));
  adw_action_row_add_suffix (self->validity_row, self->validity_pill);
}

/* The service's answer about @id, or @message when there is none. */
void
_inj_delegations_show_validity (InjDelegationsPage *self,
                                const char *id,
                                JsonObject *answer,
                                const char *message)
{
  g_autofree char *period = _inj_delegations_period (_inj_delegations_str (answer, "start"),
                                                     _inj_delegations_str (answer, "end"));
  g_autofree char *line = period ? g_strdup_printf ("%s: %s", _("Period"), period) : NULL;
  const char *ended_at = _inj_delegations_str (answer, "endedAt");

  /* ended before its period's end: the day it ended too */
  if (ended_at && g_strcmp0 (_inj_delegations_str (answer, "status"), "terminated") == 0)
    {
      g_autofree char *day = inj_display_iso_day (ended_at);
      g_autofree char *ended = g_strdup_printf (_("Ended on %s"), day);
      char *both = line ? g_strdup_printf ("%s\n%s", ended, line) : g_strdup (ended);

      g_free (line);
      line = both;
    }
  if (answer == NULL)
    show_validity_result (self, id, NULL, NULL, message);
  else
    show_validity_result (self, id, _inj_delegations_str (answer, "status"), line, NULL);
}

static gboolean
looks_like_id (const char *text)
{
  /* what the service's API accepts: a UUID, lower-case hex */
  static const char pattern[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";

  if (strlen (text) != sizeof pattern - 1)
    return FALSE;
  for (guint i = 0; pattern[i]; i++)
    if (pattern[i] == '-' ? text[i] != '-' : !g_ascii_isxdigit (text[i]))
      return FALSE;
  return TRUE;
}

void
_inj_delegations_validity_activated (GtkWidget *widget,
                    const char *action_name,
                    GVariant *parameter)
{
  InjDelegationsPage *self = INJ_DELEGATIONS_PAGE (widget);
  g_autofree char *id = g_ascii_strdown (gtk_editable_get_text (GTK_EDITABLE (self->validity_entry)), -1);

  g_strstrip (id);
  if (!looks_like_id (id))
    {
      show_validity_result (self, NULL, NULL, NULL,
                            _("A delegation ID has 36 characters: 8-4-4-4-12 hexadecimal digits "
                              "with hyphens, as on the delegation."));
      return;
    }
  _inj_delegations_check_validity (self, id);
}

/* The validity check of a row's delegation: its ID goes into the entry,
 * so the answer below names it as a pasted one would. */
void
_inj_delegations_validity_of_activated (GtkWidget *widget,
                       const char *action_name,
                       GVariant *parameter)
{
  InjDelegationsPage *self = INJ_DELEGATIONS_PAGE (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->validity_entry), g_variant_get_string (parameter, NULL));
  _inj_delegations_validity_activated (widget, "delegations.check-validity", NULL);
}

const char *
inj_delegations_page_get_validity (InjDelegationsPage *self)
{
  g_return_val_if_fail (INJ_IS_DELEGATIONS_PAGE (self), NULL);
  return self->validity;
}

/* The answer as shown: the ID, the status's word, the period or why not. */
char *
inj_delegations_page_dup_validity_text (InjDelegationsPage *self)
{
  g_return_val_if_fail (INJ_IS_DELEGATIONS_PAGE (self), NULL);
  if (!gtk_widget_get_visible (self->validity_result))
    return g_strdup (gtk_label_get_text (self->validity_label));
  return g_strdup_printf ("%s\n%s\n%s",
                          adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->validity_row)),
                          self->validity_pill ? gtk_label_get_text (GTK_LABEL (self->validity_pill))
                                              : "",
                          adw_action_row_get_subtitle (self->validity_row));
}

GtkWidget *
inj_delegations_page_get_validity_entry (InjDelegationsPage *self)
{
  g_return_val_if_fail (INJ_IS_DELEGATIONS_PAGE (self), NULL);
  return GTK_WIDGET (self->validity_entry);
}
