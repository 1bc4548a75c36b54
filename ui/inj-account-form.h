/* inj-account-form.h: the 基本情報 as a form (seed 000 §3.1.1): a first
 * registration (法人 or 個人事業者, every item 必須) or a change of the
 * current one; checked with the model's own messages, then reviewed: the
 * items that will be signed, or for a change each changed item as
 * old → new. "submit" hands the reviewed info to the page, which signs it
 * with the card and sends it. */
#pragma once

#include <adwaita.h>

#include "inj-account-info.h"

G_BEGIN_DECLS

#define INJ_TYPE_ACCOUNT_FORM (inj_account_form_get_type ())
G_DECLARE_FINAL_TYPE (InjAccountForm, inj_account_form, INJ, ACCOUNT_FORM, GtkWidget)

/* @current: NULL for a first registration, else the registered info (the
 * form starts from it and reviews the change). */
GtkWidget      *inj_account_form_new          (InjAccountInfo *current,
                                               gboolean reveal);
/* A recipient's registration (受領者等, §5.2: 申告者氏名 among its items). */
GtkWidget      *inj_account_form_new_recipient (gboolean reveal);
/* Back to editing, the values kept. */
void            inj_account_form_edit         (InjAccountForm *self);
void            inj_account_form_set_kind     (InjAccountForm *self,
                                               InjPrincipalKind kind);
void            inj_account_form_set_value    (InjAccountForm *self,
                                               InjAccountField field,
                                               const char *text);
/* 「確認へ進む」: TRUE when the review is shown; FALSE when problems are
 * shown instead (or, for a change, nothing changed). */
gboolean        inj_account_form_review       (InjAccountForm *self);
/* 「署名して送信」: emits "submit" with the reviewed info. */
void            inj_account_form_submit       (InjAccountForm *self);
gboolean        inj_account_form_is_reviewing (InjAccountForm *self);
/* What the form shows now: the problems, or the review (one item a line). */
const char     *inj_account_form_get_problems (InjAccountForm *self);
char           *inj_account_form_dup_review   (InjAccountForm *self);
InjAccountInfo *inj_account_form_get_info     (InjAccountForm *self);

G_END_DECLS
