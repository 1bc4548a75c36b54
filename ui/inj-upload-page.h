/* inj-upload-page.h: the outbox and the upload: the session's package and
 * every other one waiting, sent with the card's or a file's credential,
 * with progress, Cancel, the receipt and the service's decision; a failed
 * upload stays in the outbox with its reason and a Retry button. */
#pragma once

#include <adwaita.h>

#include "inj-card-picker.h"
#include "inj-job-status.h"
#include "inj-session.h"

G_BEGIN_DECLS

typedef enum {
  INJ_UPLOAD_STATE_IDLE = 0,
  INJ_UPLOAD_STATE_RUNNING,
  INJ_UPLOAD_STATE_RECEIVED,  /* sent; the service has not decided yet */
  INJ_UPLOAD_STATE_STORED,
  INJ_UPLOAD_STATE_REJECTED,
  INJ_UPLOAD_STATE_FAILED,    /* not sent: it stays in the outbox */
  INJ_UPLOAD_STATE_CANCELLED,
} InjUploadState;

#define INJ_TYPE_UPLOAD_PAGE (inj_upload_page_get_type ())
G_DECLARE_FINAL_TYPE (InjUploadPage, inj_upload_page, INJ, UPLOAD_PAGE, GtkWidget)

GtkWidget      *inj_upload_page_new          (InjSession *session);

/* Reads the outbox again (the page does it when shown and when the
 * session's package changes). */
void            inj_upload_page_refresh      (InjUploadPage *self);
guint           inj_upload_page_get_n_packages (InjUploadPage *self);
/* The "Upload", "Retry" or (refused by the service) "Correct" button of
 * a package's row, or NULL. Signal "correct" (InjDelegation *): a
 * correction of a refused delegation, for the editor. */
GtkWidget      *inj_upload_page_get_button   (InjUploadPage *self,
                                              const char *delegation_id);

InjUploadState  inj_upload_page_get_state    (InjUploadPage *self);
const char     *inj_upload_page_get_stage    (InjUploadPage *self);
const char     *inj_upload_page_get_receipt  (InjUploadPage *self);
const char     *inj_upload_page_get_message  (InjUploadPage *self);

/* A failed or refused upload: its heading, cause, action and 詳細. */
InjJobStatus   *inj_upload_page_get_problem  (InjUploadPage *self);
/* Once stored: the success page (AdwStatusPage) and the note
 * 「受任者に知らせる」 copies. */
GtkWidget      *inj_upload_page_get_done_page (InjUploadPage *self);
const char     *inj_upload_page_get_agent_notice (InjUploadPage *self);
/* The status pill of a received or cancelled upload. */
const char     *inj_upload_page_get_pill     (InjUploadPage *self);

/* Which card authenticates the upload (shown with the card's key). */
InjCardPicker *inj_upload_page_get_card_picker (InjUploadPage *self);

G_END_DECLS
