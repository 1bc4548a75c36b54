/* inj-signature.h: signing a delegation or an agent's statement with a My
 * Number card, and verifying what was signed, with a report of each check. */
#pragma once

#include <gio/gio.h>

#include "inj-certificate.h"
#include "inj-pkcs11.h"
#include "inj-delegation.h"
#include "inj-trust.h"
#include "inj-xmldsig.h"

G_BEGIN_DECLS

typedef enum {
  INJ_CHECK_PASSED,
  INJ_CHECK_WARNING,
  INJ_CHECK_FAILED,
} InjCheckResult;

typedef enum {
  INJ_CHECK_DOCUMENT,        /* schema and the item rules */
  INJ_CHECK_SIGNATURE,       /* profile, digest and signature value */
  INJ_CHECK_KEY,             /* RSA ≥ 2048, no SHA-1 */
  INJ_CHECK_CHAIN,           /* to a trusted JPKI signing root */
  INJ_CHECK_VALID_AT_SIGNING,
  INJ_CHECK_VALID_NOW,
  INJ_CHECK_KEY_USAGE,       /* nonRepudiation */
  INJ_CHECK_JPKI_FIELDS,     /* the personal data the service stores */
  INJ_CHECK_NAME,            /* signer's name = 代表者名 / 氏名 (a warning) */
  INJ_CHECK_BINDING,         /* a submission names this delegation */
  INJ_CHECK_ROOT_AT_SIGNING, /* the root that issued the signer's certificate, then */
  INJ_CHECK_ROOT_NOW,        /* … and now (the 2015 roots expired 2025-10-19) */
  INJ_CHECK_POLICY,          /* JPKI's signing policy (a J-LIS test card: a warning) */
} InjCheckKind;

typedef struct {
  InjCheckKind kind;
  InjCheckResult result;
  char *message;
} InjCheck;

#define INJ_TYPE_VERIFICATION (inj_verification_get_type ())
G_DECLARE_FINAL_TYPE (InjVerification, inj_verification, INJ, VERIFICATION, GObject)

gboolean        inj_verification_is_valid     (InjVerification *self);
gboolean        inj_verification_was_valid_when_signed (InjVerification *self);
gboolean        inj_verification_has_warnings (InjVerification *self);
GPtrArray      *inj_verification_get_checks   (InjVerification *self);
const InjCheck *inj_verification_find         (InjVerification *self,
                                               InjCheckKind kind);
InjCertificate *inj_verification_get_signer   (InjVerification *self);
GBytes         *inj_verification_get_digest   (InjVerification *self);
GDateTime      *inj_verification_get_checked_at (InjVerification *self);
char           *inj_verification_render       (InjVerification *self);
void            inj_verification_add          (InjVerification *self,
                                               InjCheckKind kind,
                                               InjCheckResult result,
                                               const char *message);

InjVerification *inj_verify_delegation        (GBytes *xml,
                                               InjTrustStore *trust,
                                               GDateTime *now,
                                               InjDelegation **delegation,
                                               GError **error);

gboolean        inj_names_match               (const char *a,
                                               const char *b);
char           *inj_name_fold                 (const char *name);

/* Signs with a key and returns the signature and its certificate: the
 * card, or (in tests) anything else that can. */
GBytes         *inj_sign_document             (xmlDocPtr doc,
                                               InjDsigSignFunc sign,
                                               gpointer user_data,
                                               GError **error);
GBytes         *inj_sign_delegation           (InjDelegation *delegation,
                                               InjDsigSignFunc sign,
                                               gpointer user_data,
                                               GError **error);
GBytes         *inj_delegation_digest         (GBytes *xml,
                                               GError **error);

/* A My Number card's signing key as an InjDsigSignFunc (for
 * inj_sign_delegation and inj_submission_sign, with the signer as
 * user_data): the signing password is asked through @interaction, once, and
 * the certificate is read under the same login. Blocking: call it from a
 * worker thread in a GUI. */
typedef struct {
  InjCard *card;
  GTlsInteraction *interaction;
  GCancellable *cancellable;
} InjCardSigner;

GBytes         *inj_card_signer_sign          (GBytes *sha256,
                                               GBytes **certificate,
                                               gpointer signer,
                                               GError **error);

G_END_DECLS
