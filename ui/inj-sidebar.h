/* inj-sidebar.h: the window's navigation: rows grouped by who uses them
 * (電子委任状, 受任者, サポート), each naming a page of the content stack;
 * badges on the list's row for delegations waiting to be sent and those
 * close to their end. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define INJ_TYPE_SIDEBAR (inj_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (InjSidebar, inj_sidebar, INJ, SIDEBAR, GtkWidget)

/* The pages the rows name. */
#define INJ_SIDEBAR_LIST        "delegations"
#define INJ_SIDEBAR_CARD_STATUS "card-status"
#define INJ_SIDEBAR_AGENT_DESK  "agent-desk"
#define INJ_SIDEBAR_AUDIT       "audit"
#define INJ_SIDEBAR_ACCOUNT     "account"

/* @flow_page: the page of the representative's guided steps. */
GtkWidget  *inj_sidebar_new           (const char *flow_page);
/* The page of the selected row, or NULL. */
const char *inj_sidebar_get_page      (InjSidebar *self);
/* Selects the row naming @page; NULL or a page without a row: none. */
void        inj_sidebar_set_page      (InjSidebar *self,
                                       const char *page);
GtkListBox *inj_sidebar_get_list      (InjSidebar *self);
/* The row that shows @page, or NULL. */
GtkWidget  *inj_sidebar_get_row       (InjSidebar *self,
                                       const char *page);

void        inj_sidebar_set_n_pending  (InjSidebar *self,
                                        guint n);
void        inj_sidebar_set_n_expiring (InjSidebar *self,
                                        guint n);
/* The badges of the list's row (labels), visible only when their n > 0. */
GtkWidget  *inj_sidebar_get_pending_badge  (InjSidebar *self);
GtkWidget  *inj_sidebar_get_expiring_badge (InjSidebar *self);

G_END_DECLS
