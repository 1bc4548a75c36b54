/* inj-review-page.h: exactly what will be signed — the delegation, and the
 * agent's personal data the service will store — before signing. */
#pragma once

#include <adwaita.h>

#include "inj-session.h"

G_BEGIN_DECLS

typedef enum {
  INJ_REVIEW_STATE_NO_DELEGATION = 0,
  INJ_REVIEW_STATE_NO_SUBMISSION,
  INJ_REVIEW_STATE_READY,
} InjReviewState;

#define INJ_TYPE_REVIEW_PAGE (inj_review_page_get_type ())
G_DECLARE_FINAL_TYPE (InjReviewPage, inj_review_page, INJ, REVIEW_PAGE, GtkWidget)

GtkWidget      *inj_review_page_new        (InjSession *session);
InjReviewState  inj_review_page_get_state  (InjReviewPage *self);

/* What the page shows, as text (one "label: value" a line), for tests. */
const char     *inj_review_page_get_text   (InjReviewPage *self);

/* The delegation on paper (the actions review.print, review.save-pdf):
 * unsigned before signing, with its signature checked after; personal
 * data as the page shows it. */
GtkPrintOperationResult inj_review_page_print       (InjReviewPage *self,
                                                     GtkPrintOperationAction action,
                                                     const char *export_path,
                                                     GError **error);
gboolean        inj_review_page_save_pdf_to (InjReviewPage *self,
                                             GFile *file,
                                             GError **error);

G_END_DECLS
