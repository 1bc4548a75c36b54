/* inj-token.h: one PKCS#11 token as we found it. */
#pragma once

#include <glib-object.h>
#include <p11-kit/pkcs11.h>

G_BEGIN_DECLS

typedef enum {
  INJ_TOKEN_KIND_OTHER = 0,  /* not a My Number card */
  INJ_TOKEN_KIND_JPKI_AUTH,  /* JPKI (User Authentication PIN) */
  INJ_TOKEN_KIND_JPKI_SIGN,  /* JPKI (Digital Signature PIN) */
} InjTokenKind;

#define INJ_JPKI_AUTH_LABEL "JPKI (User Authentication PIN)"
#define INJ_JPKI_SIGN_LABEL "JPKI (Digital Signature PIN)"

#define INJ_TYPE_TOKEN (inj_token_get_type ())
G_DECLARE_FINAL_TYPE (InjToken, inj_token, INJ, TOKEN, GObject)

InjToken         *inj_token_new              (CK_FUNCTION_LIST *module,
                                              const char *module_name,
                                              CK_SLOT_ID slot,
                                              const CK_SLOT_INFO *slot_info,
                                              const CK_TOKEN_INFO *token_info);
CK_FUNCTION_LIST *inj_token_get_module       (InjToken *self);
const char       *inj_token_get_module_name  (InjToken *self);
CK_SLOT_ID        inj_token_get_slot         (InjToken *self);
const char       *inj_token_get_label        (InjToken *self);
const char       *inj_token_get_manufacturer (InjToken *self);
const char       *inj_token_get_model        (InjToken *self);
const char       *inj_token_get_serial       (InjToken *self);
const char       *inj_token_get_reader       (InjToken *self);
CK_FLAGS          inj_token_get_flags        (InjToken *self);
InjTokenKind      inj_token_get_kind         (InjToken *self);
gboolean          inj_token_is_my_number     (InjToken *self);
char             *inj_token_describe         (InjToken *self,
                                              GError **error);
char             *inj_pkcs11_string          (const CK_UTF8CHAR *padded,
                                              gsize length);

G_END_DECLS
