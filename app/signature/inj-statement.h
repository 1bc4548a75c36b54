/* inj-statement.h: what a representative or a recipient signs with the
 * service, besides the delegation itself: the 基本情報's registration and
 * changes (seed 000 §3.1, §3.2), the binding of a renewed card, the end of a
 * delegation before its period ends (委任の終了), and a recipient's
 * registration (§5.2).
 *
 * Each is a small XML document in INJ_ACCOUNT_NAMESPACE (schema
 * data/ininjo-account-1.xsd), signed ENVELOPED with XMLDSig exactly as the
 * delegation is, and verified through the same checks of the signature and
 * of the signer. A statement read back comes only from the signed bytes. */
#pragma once

#include <glib-object.h>

#include "inj-account-info.h"
#include "inj-signature.h"

G_BEGIN_DECLS

typedef enum {
  INJ_STATEMENT_ANY = 0,       /* inj_verify_statement(): any kind */
  INJ_STATEMENT_REGISTRATION,  /* <AccountRegistration>: 基本情報の登録 */
  INJ_STATEMENT_CHANGE,        /* <AccountChange>: 基本情報の変更 */
  INJ_STATEMENT_REBINDING,     /* <Rebinding>: a renewed card's binding */
  INJ_STATEMENT_TERMINATION,   /* <Termination>: 委任の終了 */
  INJ_STATEMENT_RECIPIENT,     /* <RecipientRegistration>: 受領者等の登録 */
} InjStatementKind;

#define INJ_STATEMENT_ERROR (inj_statement_error_quark ())
typedef enum {
  INJ_STATEMENT_ERROR_INVALID, /* the statement breaks the schema or an item rule */
} InjStatementError;
GQuark inj_statement_error_quark (void);

#define INJ_TYPE_STATEMENT (inj_statement_get_type ())
G_DECLARE_FINAL_TYPE (InjStatement, inj_statement, INJ, STATEMENT, GObject)

/* The builders copy what they are given; CreatedAt is now and the Nonce a
 * fresh UUID v4. */
InjStatement *inj_statement_new_registration (InjAccountInfo *info);
InjStatement *inj_statement_new_change       (const char *account_id,
                                              InjAccountInfo *info);
/* @auth_cert_sha256_hex: the SHA-256 of the new card's authentication
 * certificate (DER), 64 lowercase hex digits (inj_statement_sha256_hex). */
InjStatement *inj_statement_new_rebinding    (const char *account_id,
                                              const char *auth_cert_sha256_hex);
/* @delegation_sha256_hex: the SHA-256 of the signed delegation as the
 * service stores it (its bytes as they are); @reason may be NULL. */
InjStatement *inj_statement_new_termination  (const char *account_id,
                                              const char *delegation_id,
                                              const char *delegation_sha256_hex,
                                              const char *reason,
                                              GDateTime *ends_at);
InjStatement *inj_statement_new_recipient    (InjRecipientInfo *info);

/* CreatedAt other than now (a test, a statement prepared earlier). */
void          inj_statement_set_created_at   (InjStatement *self,
                                              GDateTime *created_at);

/* The unsigned XML (what the user is shown before signing) and the signed
 * XML. Signing first checks the statement against the schema: what the
 * service would refuse is never signed. */
GBytes       *inj_statement_to_xml           (InjStatement *self,
                                              GError **error);
GBytes       *inj_statement_sign             (InjStatement *self,
                                              InjDsigSignFunc sign,
                                              gpointer user_data,
                                              GError **error);

/* Verifies a signed statement: the schema and item rules
 * (INJ_CHECK_DOCUMENT, which also fails a statement of another kind than
 * @expected), the signature and its signer as for a delegation, and the
 * signer's JPKI name and address (INJ_CHECK_JPKI_FIELDS). Returns NULL only
 * when the bytes are not XML at all (@error set). @out gets the statement,
 * read from the signed bytes, with its signer, when every check passed. */
InjVerification *inj_verify_statement        (GBytes *xml,
                                              InjStatementKind expected,
                                              InjTrustStore *trust,
                                              GDateTime *now,
                                              InjStatement **out,
                                              GError **error);

InjStatementKind inj_statement_get_kind            (InjStatement *self);
const char      *inj_statement_kind_label          (InjStatementKind kind);
const char      *inj_statement_get_nonce           (InjStatement *self);
/* YYYY-MM-DDThh:mm:ss+09:00 */
const char      *inj_statement_get_created_at      (InjStatement *self);
const char      *inj_statement_get_account_id      (InjStatement *self);
/* registration, change: an InjAccountInfo; recipient: an InjRecipientInfo */
InjAccountInfo  *inj_statement_get_info            (InjStatement *self);
const char      *inj_statement_get_auth_cert_sha256(InjStatement *self);
const char      *inj_statement_get_delegation_id   (InjStatement *self);
const char      *inj_statement_get_delegation_digest (InjStatement *self);
const char      *inj_statement_get_reason          (InjStatement *self);
/* YYYY-MM-DDThh:mm:ss+09:00 */
const char      *inj_statement_get_ends_at         (InjStatement *self);
/* Set by inj_verify_statement(). */
InjCertificate  *inj_statement_get_signer          (InjStatement *self);

/* 64 lowercase hex digits. */
char            *inj_statement_sha256_hex          (GBytes *bytes);

/* Seed 000 §3.1.2: the signing certificate's JPKI 氏名 and 住所 against the
 * registered 代表者名 and 代表者住所 (氏名 and 現住所 of a 個人事業者),
 * width folded (full-width digits and hyphens = ASCII) and spaces ignored.
 * On a mismatch @reason_out gets one Japanese sentence naming the item that
 * differs, never the values. */
gboolean         inj_account_info_matches_signer   (InjAccountInfo *info,
                                                    InjCertificate *signer,
                                                    char **reason_out);

G_END_DECLS
