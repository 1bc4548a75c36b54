/* inj-render.h: pure view functions, shared by the CLI and the GUI. */
#pragma once

#include <glib.h>

#include "inj-certificate.h"
#include "inj-account-info.h"
#include "inj-delegation.h"

G_BEGIN_DECLS

char *inj_mask_personal       (InjField field,
                               const char *value);
char *inj_render_value        (InjDelegation *self,
                               InjField field,
                               gboolean reveal);
char *inj_delegation_render   (InjDelegation *self,
                               gboolean reveal,
                               GDateTime *now);

/* The words that name one delegation wherever the window or a prompt
 * speaks of it (the list's rows, the sign page, the password prompts):
 *   agent:   「検証 花子（税理士）」 (the name masked unless @reveal);
 *   parties: 「テスト商事株式会社 → 検証 花子（税理士）」;
 *   title:   「検証 花子（税理士）・法人税及び消費税の…」 (the scope's first
 *            line, cut to @max_scope characters with an ellipsis).
 * NULL parts are left out; never NULL. */
char *inj_render_delegation_agent   (InjDelegation *self,
                                     gboolean reveal);
char *inj_render_delegation_principal (InjDelegation *self,
                                       gboolean reveal);
char *inj_render_delegation_parties (InjDelegation *self,
                                     gboolean reveal);
char *inj_render_delegation_title   (InjDelegation *self,
                                     gboolean reveal,
                                     guint max_scope);

/* One item of a 基本情報 as shown, masked as the delegation's items are
 * unless @reveal: a name keeps its first character, a date and anything
 * else personal are hidden; a 法人's 代表者名 (public registry data) is
 * shown. NULL when the item is empty. Shared by the CLI and the window. */
char *inj_render_account_value (InjAccountInfo *info,
                                InjAccountField field,
                                gboolean reveal);

const char *inj_render_validity (InjValidity validity);
char *inj_render_certificate  (InjCertificate *cert,
                               gboolean show_personal,
                               GDateTime *now,
                               const char *indent);
char *inj_mask_jpki_field     (InjJpkiField field,
                               const char *value);
/* A CA's DN for a person: J-LIS's as 「地方公共団体情報システム機構（署名用）」
 * and the like (「…・テスト用」 for TEST CAs); any other DN as it is. */
char *inj_render_ca_name      (const char *dn);

G_END_DECLS
