/* inj-account-page-private.h: what the account page's files share: the
 * page (inj-account-page.c: reading and showing the account) and its form
 * signed and sent (inj-account-page-send.c). */
#pragma once

#include <adwaita.h>

#include "inj-account-page.h"
#include "inj-job.h"

G_BEGIN_DECLS

struct _InjAccountPage {
  GtkWidget parent_instance;

  InjSession *session;
  InjJob *job;
  gboolean disposed;

  /* the last answer */
  gboolean has_account;
  InjAccountInfo *info;
  char *account_id;
  char *state;
  GPtrArray *cards;         /* Card */
  char *problem;
  char *shown[INJ_N_ACCOUNT_FIELDS];

  GtkWidget *scroller;
  GtkWidget *stack;         /* "loading", "problem", "account" */
  AdwStatusPage *problem_page;
  GtkWidget *retry_button;
  GtkLabel *kind_label;
  GtkLabel *pill;
  GtkLabel *pending_label;
  AdwPreferencesGroup *info_group;
  GtkWidget *info_rows[INJ_N_ACCOUNT_FIELDS];
  GtkWidget *reveal_switch;
  AdwPreferencesGroup *cards_group;
  GPtrArray *card_rows;
  GtkWidget *register_button;
  GtkWidget *form_box;       /* the stack's "form": the form and its error */
  GtkWidget *form;           /* InjAccountForm, or NULL */
  GtkLabel *form_error;
  GtkWidget *rebind_button;
  char *copy_id;             /* this card is bound to no account: the copy's */
  InjAccountInfo *copy_info; /* and its 基本情報 */
  char *send_error;          /* why the last signing or sending failed */
};

void _inj_account_page_notify_busy (InjAccountPage *self);

G_END_DECLS
