/* inj-account-page.h: 利用者情報, the business's account with the service
 * (seed 000 §3): its 基本情報 (personal items masked unless shown), its
 * state (確認待ち / 確認済み) and the cards bound to it, read from the
 * service off the main thread; without an account, what to do first. */
#pragma once

#include <adwaita.h>

#include "inj-account-info.h"
#include "inj-session.h"

G_BEGIN_DECLS

#define INJ_TYPE_ACCOUNT_PAGE (inj_account_page_get_type ())
G_DECLARE_FINAL_TYPE (InjAccountPage, inj_account_page, INJ, ACCOUNT_PAGE, GtkWidget)

GtkWidget      *inj_account_page_new            (InjSession *session);

/* Asks the service again ("busy" goes TRUE, then FALSE). The page also
 * asks each time it is mapped. */
void            inj_account_page_refresh        (InjAccountPage *self);
gboolean        inj_account_page_get_busy       (InjAccountPage *self);
/* Whether the service answered with an account; then its info. */
gboolean        inj_account_page_has_account    (InjAccountPage *self);
InjAccountInfo *inj_account_page_get_info       (InjAccountPage *self);
/* The text of the state's pill (「確認待ち」 …), or NULL. */
const char     *inj_account_page_get_state_text (InjAccountPage *self);
/* What the row of @field shows now (masked unless revealed), or NULL
 * when the row is not shown. */
const char     *inj_account_page_get_shown      (InjAccountPage *self,
                                                 InjAccountField field);
guint           inj_account_page_get_n_cards    (InjAccountPage *self);
const char     *inj_account_page_get_account_id (InjAccountPage *self);
/* The problem shown (no account, the service unreachable …), or NULL. */
const char     *inj_account_page_get_problem    (InjAccountPage *self);
/* Opens the form: a first registration without an account, else a change
 * of the registered info (InjAccountForm; signed and sent on its
 * "submit"). */
GtkWidget      *inj_account_page_open_form      (InjAccountPage *self);
/* Why the last signing or sending failed, shown above the form, or NULL. */
const char     *inj_account_page_get_form_error (InjAccountPage *self);
/* With a card bound to no account and this computer's copy of one (a
 * renewed card): binds this card to it, the Rebinding signed with its
 * signing certificate. FALSE when there is no such account. */
gboolean        inj_account_page_rebind         (InjAccountPage *self);
/* The account this computer knows when this card is bound to none. */
const char     *inj_account_page_get_copy_id    (InjAccountPage *self);
/* The switch that shows personal data. */
GtkWidget      *inj_account_page_get_reveal_switch (InjAccountPage *self);

G_END_DECLS
