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

/* How the agent's certificate stands to the delegation, before a
 * submission is kept (the desk and an imported file alike). */
typedef enum {
  INJ_AGENT_MATCH_SAME,           /* its 氏名 is the delegation's 受任者の氏名 */
  INJ_AGENT_MATCH_DIFFERENT,      /* another name (a typo, 髙/高…): the user decides */
  INJ_AGENT_MATCH_REPRESENTATIVE, /* the representative's certificate: never */
} InjAgentMatch;

/* Compares @agent's 氏名 with 受任者の氏名, folded as inj_names_match does.
 * REPRESENTATIVE when @agent is @representative (the representative's
 * signing certificate, DER, or NULL when not known yet), or when its 氏名
 * is the representative's (or proprietor's) and not the agent's. */
InjAgentMatch inj_holder_match_agent (InjDelegation *delegation,
                                     InjCertificate *agent,
                                     GBytes *representative);

/* One certificate, however encoded: the same DER, or the same issuer and
 * serial number. */
gboolean inj_holder_same_certificate (GBytes *a,
                                      GBytes *b);

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
