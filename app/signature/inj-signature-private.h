/* inj-signature-private.h: shared by the delegation's and the agent's
 * verification. Internal to app/. */
#pragma once

#include "inj-signature.h"

G_BEGIN_DECLS

void _inj_verification_check_signer (InjVerification *v,
                                     InjCertificate *cert,
                                     InjTrustStore *trust,
                                     GDateTime *signed_at,
                                     GDateTime *now);
void _inj_verification_set_signer   (InjVerification *self,
                                     InjCertificate *signer,
                                     GBytes *digest);
/* The signature of @doc (INJ_CHECK_SIGNATURE) and its signer's checks, as
 * for a delegation; the signer (also set on @v), or NULL when the signature
 * itself cannot be trusted. */
InjCertificate *_inj_verification_check_signature (InjVerification *v,
                                                   xmlDocPtr doc,
                                                   InjTrustStore *trust,
                                                   GDateTime *signed_at,
                                                   GDateTime *now);

G_END_DECLS
