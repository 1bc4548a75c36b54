/* inj-delegations-page-private.h: what the delegations page's files share:
 * the page (inj-delegations-page.c: the list, the service calls, the
 * object) and the details of the delegation chosen
 * (inj-delegations-details.c). */
#pragma once

#include "inj-job.h"
#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "inj-delegations-page.h"

G_BEGIN_DECLS

struct _InjDelegationsPage {
  GtkWidget parent_instance;

  GtkWidget *refresh_button;

  GtkWidget *scroller;
  GtkSpinner *spinner;
  GtkWidget *cancel_button;
  GtkLabel *error_label;
  GtkListBox *list;
  GtkWidget *empty_label;
  GtkWidget *details_box;
  GtkLabel *details_title;
  GtkLabel *details_state;
  GtkGrid *details_grid;
  GtkLabel *details_note;
  GtkEntry *validity_entry;
  GtkLabel *validity_label;

  InjSession *session;
  InjJob *job;                /* the call running; its problem shows in error_label */
  gboolean uses_card;
  gboolean disposed;

  JsonArray *service_items;   /* the last list: IDs, states, periods */
  GHashTable *states;         /* delegation ID → state key */
  GPtrArray *ids;             /* in the order shown */

  /* The details: personal data, dropped on the privacy lock. */
  InjDelegation *details;
  JsonObject *details_stored;
  char *details_id;

  char *validity;
};

const char *_inj_delegations_str (JsonObject *o, const char *member);
void _inj_delegations_render_details (InjDelegationsPage *self);
void _inj_delegations_drop_details (InjDelegationsPage *self);

G_END_DECLS
