/* inj-delegations-page-private.h: what the delegations page's files share:
 * the page (inj-delegations-page.c: the list, the service calls, the
 * object) and the details of the delegation chosen
 * (inj-delegations-details.c). */
#pragma once

#include "inj-job.h"
#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "inj-delegations-page.h"
#include "inj-expiry-view.h"

G_BEGIN_DECLS

struct _InjDelegationsPage {
  GtkWidget parent_instance;

  GtkWidget *refresh_button;

  GtkWidget *scroller;
  GtkSpinner *spinner;
  GtkWidget *cancel_button;
  GtkLabel *error_label;
  GtkListBox *list;
  GtkWidget *empty_page;
  GtkWidget *details_box;
  GtkLabel *details_title;
  GtkLabel *details_state;
  GtkListBox *details_grid;
  GtkLabel *details_note;
  GtkWidget *printout_button;
  GtkLabel *printout_label;   /* in the printout menu */
  GtkEntry *validity_entry;
  GtkWidget *validity_result;   /* the boxed list around validity_row */
  AdwActionRow *validity_row;
  GtkWidget *validity_pill;
  GtkLabel *validity_label;

  InjSession *session;
  InjJob *job;                /* the call running; its problem shows in error_label */
  gboolean uses_card;
  gboolean disposed;

  JsonArray *service_items;   /* the last list: IDs, states, periods */
  GHashTable *states;         /* delegation ID → state key */
  GPtrArray *ids;             /* in the order shown */
  GHashTable *entries;        /* delegation ID → InjListEntry, as shown */
  GHashTable *rows;           /* delegation ID → its row */
  GHashTable *fetched;        /* ID → a stored delegation read from the service
                               * (personal data: dropped on the privacy lock) */
  InjServiceProfile *profile; /* to read drafts; NULL when there is none */
  guint n_pending;
  guint n_expiring;

  /* The details: personal data, dropped on the privacy lock. */
  InjDelegation *details;
  JsonObject *details_stored;
  char *details_id;

  char *validity;

  /* 委任の終了 (inj-delegations-terminate.c) */
  AdwMessageDialog *terminate_dialog;  /* weak */
  GHashTable *ended;          /* delegation ID → endedAt, ended from here */

  /* the recipient's registration (inj-delegations-recipient.c) */
  GtkWidget *recipient_form;  /* InjAccountForm, or NULL */
  char *recipient_pending;    /* the ID to check once registered */
};

/* One row of the list: what is known of one delegation. */
typedef struct {
  char *id;
  char *state;                /* "draft", a package's or the service's state */
  InjDelegation *content;     /* the document, when it is on this computer */
  char *start;                /* the service's period (ISO 8601), or NULL */
  char *end;
  char *supersedes;
  char *superseded_by;
  char *draft_path;           /* drafts only */
  gboolean at_service;
  char *ended_at;             /* a terminated delegation's end, when known */
} InjListEntry;

void       _inj_list_entry_free    (InjListEntry *e);
InjPill    _inj_list_entry_pill    (const InjListEntry *e,
                                    GDateTime *now);
char      *_inj_list_entry_title   (const InjListEntry *e,
                                    gboolean reveal);
GtkWidget *_inj_list_entry_row_new (const InjListEntry *e,
                                    gboolean reveal,
                                    GDateTime *now);
GtkWidget *_inj_status_pill_new    (InjPill pill);
GtkWidget *_inj_id_row_new         (const char *title,
                                    const char *id);
InjDelegation *_inj_package_content (InjPackage *p);
void       _inj_delegations_rebuild_list (InjDelegationsPage *self);
GPtrArray *_inj_list_drafts        (const char *dir,
                                    const InjServiceProfile *profile);

char *_inj_delegations_period (const char *start,
                               const char *end);

/* inj-delegations-validity.c; the call itself is the page's */
void _inj_delegations_check_validity (InjDelegationsPage *self,
                                      const char *id);
void _inj_delegations_show_validity (InjDelegationsPage *self,
                                     const char *id,
                                     JsonObject *answer,
                                     const char *message);
void _inj_delegations_validity_activated (GtkWidget *widget,
                                          const char *action_name,
                                          GVariant *parameter);
void _inj_delegations_validity_of_activated (GtkWidget *widget,
                                             const char *action_name,
                                             GVariant *parameter);

const char *_inj_delegations_row_value (GtkWidget *row);
const char *_inj_delegations_str (JsonObject *o, const char *member);
void _inj_delegations_render_details (InjDelegationsPage *self);
void _inj_delegations_drop_details (InjDelegationsPage *self);

void _inj_delegations_print_activated    (GtkWidget *widget,
                                          const char *action_name,
                                          GVariant *parameter);
void _inj_delegations_save_pdf_activated (GtkWidget *widget,
                                          const char *action_name,
                                          GVariant *parameter);

/* inj-delegations-terminate.c */
void  _inj_delegations_terminate_activated (GtkWidget *widget,
                                            const char *action_name,
                                            GVariant *parameter);
char *_inj_delegations_termination_text    (InjDelegationsPage *self);

/* inj-delegations-recipient.c */
void  _inj_delegations_offer_recipient     (InjDelegationsPage *self,
                                            const char *id);

G_END_DECLS
