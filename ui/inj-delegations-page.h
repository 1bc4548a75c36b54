/* inj-delegations-page.h: the delegations: what the service stores for
 * the representative merged with the outbox and the sent packages, each
 * with its state; the details of one, verified here again (personal data
 * masked unless the session reveals it); its renewal, handed to the
 * editor; and the validity check of any ID. */
#pragma once

#include <adwaita.h>

#include "inj-session.h"

G_BEGIN_DECLS

#define INJ_TYPE_DELEGATIONS_PAGE (inj_delegations_page_get_type ())
G_DECLARE_FINAL_TYPE (InjDelegationsPage, inj_delegations_page, INJ, DELEGATIONS_PAGE, GtkWidget)

GtkWidget  *inj_delegations_page_new               (InjSession *session);

/* Whether the page waits for the service ("busy" notifies). */
gboolean    inj_delegations_page_get_busy          (InjDelegationsPage *self);
/* The last error shown, or "". */
const char *inj_delegations_page_get_error         (InjDelegationsPage *self);

/* The listed delegations' IDs, and one's state: ready (waiting to be
 * sent), received, stored, rejected (from the packages), active, retired,
 * expired (from the service), draft (the drafts of this computer); NULL
 * when not listed. */
GStrv       inj_delegations_page_dup_ids           (InjDelegationsPage *self);
const char *inj_delegations_page_get_state         (InjDelegationsPage *self,
                                                    const char *delegation_id);

/* A listed delegation's pill (an InjPill of inj-expiry-view.h; -1 when
 * not listed) and its row (an AdwExpanderRow: title, period, pill; the
 * ID and the actions inside). */
int         inj_delegations_page_get_pill          (InjDelegationsPage *self,
                                                    const char *delegation_id);
GtkWidget  *inj_delegations_page_get_row           (InjDelegationsPage *self,
                                                    const char *delegation_id);
/* The AdwStatusPage shown while the list is empty. */
GtkWidget  *inj_delegations_page_get_empty_page    (InjDelegationsPage *self);
/* "n-pending" and "n-expiring": for the sidebar's badges. */
guint       inj_delegations_page_get_n_pending     (InjDelegationsPage *self);
guint       inj_delegations_page_get_n_expiring    (InjDelegationsPage *self);

/* The delegation whose details are shown, or NULL; their text as shown. */
const char *inj_delegations_page_get_details_id    (InjDelegationsPage *self);
char       *inj_delegations_page_dup_details_text  (InjDelegationsPage *self);

/* The last validity check: the service's status (active, retired,
 * expired, unknown) or NULL, and the text shown. */
const char *inj_delegations_page_get_validity      (InjDelegationsPage *self);
char       *inj_delegations_page_dup_validity_text (InjDelegationsPage *self);
GtkWidget  *inj_delegations_page_get_validity_entry (InjDelegationsPage *self);

/* The confirmation of 委任の終了 being shown (responses "cancel",
 * "terminate"), or NULL. */
AdwMessageDialog *inj_delegations_page_get_terminate_dialog (InjDelegationsPage *self);

/* The delegation shown in the details on paper (the actions
 * delegations.print, delegations.save-pdf): its stored signed XML checked
 * again; personal data as the page shows it. */
GtkPrintOperationResult inj_delegations_page_print       (InjDelegationsPage *self,
                                                          GtkPrintOperationAction action,
                                                          const char *export_path,
                                                          GError **error);
gboolean          inj_delegations_page_save_pdf_to (InjDelegationsPage *self,
                                                    GFile *file,
                                                    GError **error);

/* The recipient's registration offered under a refused validity check
 * (an InjAccountForm), or NULL when none is shown. */
GtkWidget        *inj_delegations_page_get_recipient_form (InjDelegationsPage *self);

G_END_DECLS
