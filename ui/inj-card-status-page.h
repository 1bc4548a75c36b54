/* inj-card-status-page.h: 「カードの状態」: the card, support and
 * diagnostics pages as three tabs of one page. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define INJ_TYPE_CARD_STATUS_PAGE (inj_card_status_page_get_type ())
G_DECLARE_FINAL_TYPE (InjCardStatusPage, inj_card_status_page, INJ, CARD_STATUS_PAGE, GtkWidget)

/* The tabs' names. */
#define INJ_CARD_STATUS_CARD        "card"
#define INJ_CARD_STATUS_SUPPORT     "support"
#define INJ_CARD_STATUS_DIAGNOSTICS "diagnostics"

GtkWidget    *inj_card_status_page_new            (GtkWidget *card_page,
                                                   GtkWidget *support_page,
                                                   GtkWidget *diagnostics_page);
/* Shows the tab named @tab; FALSE when there is none of that name. */
gboolean      inj_card_status_page_set_tab        (InjCardStatusPage *self,
                                                   const char *tab);
const char   *inj_card_status_page_get_tab        (InjCardStatusPage *self);
AdwViewStack *inj_card_status_page_get_view_stack (InjCardStatusPage *self);
GtkWidget    *inj_card_status_page_get_switcher   (InjCardStatusPage *self);

G_END_DECLS
