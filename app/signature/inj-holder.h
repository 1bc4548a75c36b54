/* inj-holder.h: whose card signs. At one desk the representative and the
 * agent each sign with their own My Number card; the certificate a card
 * signed with is checked against the delegation's names before anything
 * signed is kept, and one certificate never serves as both. */
#pragma once

#include "inj-signature.h"

G_BEGIN_DECLS

typedef enum {
  INJ_HOLDER_REPRESENTATIVE, /* 代表者名 (a corporation) or 氏名 (a sole proprietor) */
  INJ_HOLDER_AGENT,          /* 受任者の氏名 */
} InjHolderRole;

/* FALSE with INJ_SIGNATURE_ERROR_HOLDER when @certificate's 氏名 is not the
 * delegation's name for @role (folded as inj_names_match does), or when it
 * is @other, the certificate the other role signed with (DER, or NULL).
 * The message names the role, never the person. */
gboolean inj_holder_check (InjDelegation *delegation,
                           InjHolderRole role,
                           GBytes *certificate,
                           GBytes *other,
                           GError **error);

/* An InjDsigSignFunc: the card signs, then the certificate it signed with
 * is checked; on a mismatch the signature is dropped and nothing is
 * returned. */
typedef struct {
  InjCardSigner card;
  InjDelegation *delegation;
  InjHolderRole role;
  GBytes *other;
} InjHolderSigner;

GBytes  *inj_holder_signer_sign (GBytes *sha256,
                                 GBytes **certificate,
                                 gpointer signer,
                                 GError **error);

G_END_DECLS
