/* inj-trust.h: whom Ininjo trusts to vouch for a signer (or a card's
 * authentication certificate). The public JPKI roots, three generations of
 * each kind, are pinned by their SHA-256 fingerprints; further anchors (the
 * test CAs) come from configuration. */
#pragma once

#include <glib-object.h>

#include "inj-certificate.h"

G_BEGIN_DECLS

typedef enum {
  INJ_CHAIN_TRUSTED = 0,
  INJ_CHAIN_UNKNOWN_ISSUER,   /* no anchor has the issuer's name and key */
  INJ_CHAIN_BAD_SIGNATURE,    /* an anchor of that name did not sign it */
  INJ_CHAIN_INSECURE,         /* signed with SHA-1 or another weak algorithm */
} InjChainStatus;

typedef enum {
  INJ_JPKI_ROOT_NONE = 0,        /* not a pinned public root */
  INJ_JPKI_ROOT_SIGNING,         /* 署名用: signs 署名用電子証明書 */
  INJ_JPKI_ROOT_AUTHENTICATION,  /* 利用者証明用 */
} InjJpkiRootKind;

#define INJ_TYPE_TRUST_STORE (inj_trust_store_get_type ())
G_DECLARE_FINAL_TYPE (InjTrustStore, inj_trust_store, INJ, TRUST_STORE, GObject)

InjTrustStore  *inj_trust_store_new              (void);
InjTrustStore  *inj_trust_store_new_jpki_signing (void);
InjTrustStore  *inj_trust_store_new_jpki_authentication (void);
gboolean        inj_trust_store_add_file         (InjTrustStore *self,
                                                  const char *path,
                                                  GError **error);
gboolean        inj_trust_store_add_card_ca      (InjTrustStore *self,
                                                  GBytes *der,
                                                  InjJpkiRootKind kind,
                                                  GError **error);
guint           inj_trust_store_get_n_anchors    (InjTrustStore *self);
InjChainStatus  inj_trust_store_check            (InjTrustStore *self,
                                                  InjCertificate *cert,
                                                  InjCertificate **anchor,
                                                  gboolean *pinned);
gboolean        inj_jpki_root_is_pinned          (const char *sha256_fingerprint);
InjJpkiRootKind inj_jpki_root_kind               (const char *sha256_fingerprint);

G_END_DECLS
