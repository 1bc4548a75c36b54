/* sign-support.h: what test-signature.c and test-signature-crafted.c share
 * (test-trust.c takes its delegation from here too). main() in
 * test-signature.c sets the three directories. */
#pragma once

#include "inj-app.h"
#include "test-soft-key.h"

G_BEGIN_DECLS

extern char *sign_personas;  /* $INJ_TEST_PERSONAS */
extern char *sign_weak;      /* make-weak-certs.sh's output */
extern char *sign_work;      /* a temporary directory, removed at the end */

char          *sign_persona_file     (const char *persona,
                                      const char *file);
/* The bundle of the TEST signing roots. */
char          *sign_ca               (void);

/* A software key, its PEM private key and DER certificate. */
typedef struct {
  char *key;
  char *cert;
} SoftKey;

/* An InjDsigSignFunc signing with the SoftKey in @user_data. */
GBytes        *sign_soft             (GBytes *sha256,
                                      GBytes **certificate,
                                      gpointer user_data,
                                      GError **error);
SoftKey        sign_persona_key      (const char *persona);
/* One of make-weak-certs.sh's keys. */
SoftKey        sign_weak_key         (const char *name);
void           sign_soft_key_clear   (SoftKey *k);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SoftKey, sign_soft_key_clear)

/* A complete delegation of テスト商事株式会社 by @representative, made
 * now or at @at (test-trust.c signs at a fixed time). */
InjDelegation *sign_new_delegation   (const char *representative);
InjDelegation *sign_new_delegation_at (const char *representative,
                                      GDateTime *at);
GBytes        *sign_delegation_with  (InjDelegation *d,
                                      SoftKey *k);
/* sign_new_delegation() signed by the persona's key. */
GBytes        *sign_signed_by        (const char *persona);
/* @bytes in the work directory under @name; returns the path. */
char          *sign_write_temp       (GBytes *bytes,
                                      const char *name);
/* The independent check: the xmlsec1 command with the TEST roots. */
gboolean       sign_xmlsec1_verifies (GBytes *bytes);
/* The public JPKI signing roots and the TEST ones. */
InjTrustStore *sign_trust            (void);
/* Verifies against sign_trust(); fails the test on an error. */
InjVerification *sign_verify         (GBytes *xml);
const InjCheck *sign_first_failure   (InjVerification *v);

/* @xml with the first @from replaced by @to (which must be there). */
GBytes        *sign_replace          (GBytes *xml,
                                      const char *from,
                                      const char *to);
/* The text between the first @open and the @close after it. */
char          *sign_between          (GBytes *xml,
                                      const char *open,
                                      const char *close);

/* test-signature-crafted.c: /signature/crafted/NAME */
void           sign_add_crafted_tests (void);

G_END_DECLS
