/* inj-upload-page-private.h: what the upload page's files share: the
 * page (inj-upload-page.c: the outbox, the upload, the object) and what
 * it says when an upload ends (inj-upload-page-results.c). */
#pragma once

#include <adwaita.h>

#include "inj-job.h"
#include "inj-job-status.h"
#include "inj-upload-page.h"

G_BEGIN_DECLS

struct _InjUploadPage {
  GtkWidget parent_instance;

  GtkStack *view_stack;
  GtkWidget *scroller;
  GtkListBox *list;
  GtkLabel *empty_label;
  GtkWidget *progress_box;
  GtkSpinner *spinner;
  GtkLabel *stage_label;
  GtkProgressBar *progress_bar;
  GtkWidget *result_box;
  GtkLabel *result_title;
  GtkLabel *receipt_label;
  GtkLabel *result_label;
  GtkLabel *state_pill;
  InjJobStatus *problem;
  AdwStatusPage *done_page;
  GtkLabel *done_receipt_label;
  InjCardPicker *card_picker;

  InjSession *session;
  GHashTable *buttons;  /* delegation ID → its row's button (owned by the row) */
  guint n_packages;
  InjJob *job;                /* the upload; busy while RUNNING */
  gboolean uses_card;
  guint generation;
  gboolean disposed;
  InjUploadState state;
  char *receipt;
  char *notice;               /* 「受任者に知らせる」, once stored */
};

enum {
  _INJ_UPLOAD_PAGE_SIGNAL_CORRECT,
  _INJ_UPLOAD_PAGE_N_SIGNALS
};
extern guint _inj_upload_page_signals[_INJ_UPLOAD_PAGE_N_SIGNALS];

void _inj_upload_page_set_state    (InjUploadPage *self,
                                    InjUploadState state);
/* inj-upload-page-results.c */
void _inj_upload_page_show_result  (InjUploadPage *self,
                                    InjUploadState state,
                                    const char *title,
                                    const char *receipt,
                                    const char *message);
void _inj_upload_page_show_problem (InjUploadPage *self,
                                    InjUploadState state,
                                    const char *title,
                                    const char *cause,
                                    const char *detail,
                                    const char *receipt,
                                    const char *action_label,
                                    const char *action_name,
                                    GVariant *target);
void _inj_upload_page_show_failure (InjUploadPage *self,
                                    const char *delegation_id,
                                    const GError *error);
void _inj_upload_page_show_stored  (InjUploadPage *self,
                                    InjPackage *p,
                                    InjDelegation *delegation);
void _inj_upload_page_correct_activated      (GtkWidget *widget,
                                              const char *action_name,
                                              GVariant *parameter);
void _inj_upload_page_notify_agent_activated (GtkWidget *widget,
                                              const char *action_name,
                                              GVariant *parameter);

G_END_DECLS
