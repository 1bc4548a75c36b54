/* inj-account-store.h: the local copy of the user's account with the
 * service (seed 000 §3) and of their registration as a recipient (§5.2),
 * so that the 基本情報 can be shown when the service cannot be reached.
 *
 * Each copy is one file in the user's data directory
 * (…/ininjo/account/account and …/ininjo/account/recipient), written
 * through inj-vault.h exactly as drafts are: encrypted at rest with the
 * Secret Service's key (roles "account" and "recipient"), unencrypted only
 * when the vault's policy allows it, mode 0600, written atomically (a
 * failed write leaves the previous copy as it was). The 基本情報 holds the
 * representative's home address, telephone number and date of birth.
 *
 * The signed statement is kept byte for byte as the service returned it,
 * and loading verifies it again (inj_verify_statement): a copy whose
 * statement does not verify is refused (INJ_ACCOUNT_STORE_ERROR_UNVERIFIED),
 * never trusted. No GTK, no network here. */
#pragma once

#include <gio/gio.h>

#include "inj-statement.h"
#include "inj-trust.h"

G_BEGIN_DECLS

#define INJ_ACCOUNT_STORE_ERROR (inj_account_store_error_quark ())
typedef enum {
  INJ_ACCOUNT_STORE_ERROR_NONE_SAVED,  /* no copy on this computer */
  INJ_ACCOUNT_STORE_ERROR_CORRUPT,     /* the file is not a copy Ininjo wrote */
  INJ_ACCOUNT_STORE_ERROR_UNVERIFIED,  /* its signed statement does not verify */
  INJ_ACCOUNT_STORE_ERROR_IO,
} InjAccountStoreError;
GQuark inj_account_store_error_quark (void);

/* A card bound to the account: the SHA-256 of its authentication
 * certificate (64 lowercase hex digits) and when it was bound. */
typedef struct {
  char *fingerprint;
  char *bound_at;      /* date-time as the service gave it */
  gboolean current;    /* the card of the call that last refreshed the copy */
} InjStoredBinding;

InjStoredBinding *inj_stored_binding_new  (const char *fingerprint,
                                           const char *bound_at,
                                           gboolean current);
void              inj_stored_binding_free (InjStoredBinding *binding);

typedef struct {
  char *account_id;         /* A- and 16 of [0-9A-Z] */
  char *kind;               /* "corporation" or "sole-proprietor" */
  char *state;              /* "pending" (確認待ち) or "confirmed" (確認済み) */
  gint64 version;           /* 0 when the service did not say */
  GBytes *statement;        /* the signed AccountRegistration or AccountChange */
  GPtrArray *bindings;      /* InjStoredBinding, in the service's order */
  GDateTime *refreshed_at;  /* when the service last answered */
} InjAccountCopy;

/* An empty copy: fill it, then inj_account_store_save(). */
InjAccountCopy *inj_account_copy_new  (void);
void            inj_account_copy_free (InjAccountCopy *copy);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (InjAccountCopy, inj_account_copy_free)

typedef struct {
  char *recipient_id;
  char *registered_at;      /* date-time as the service gave it */
  GBytes *statement;        /* the signed RecipientRegistration */
} InjRecipientCopy;

InjRecipientCopy *inj_recipient_copy_new  (void);
void              inj_recipient_copy_free (InjRecipientCopy *copy);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (InjRecipientCopy, inj_recipient_copy_free)

/* The directory of both copies (created 0700 on the first save). */
char           *inj_account_store_dir        (void);

/* Writes @copy (refreshed_at NULL: now). The statement is not checked
 * here: save what the service returned after verifying it. */
gboolean        inj_account_store_save       (InjAccountCopy *copy,
                                              GError **error);
/* Reads the copy and verifies its statement against @trust at @now (NULL:
 * now). @statement_out (may be NULL) gets the verified statement, whose
 * inj_statement_get_info() is the 基本情報. */
InjAccountCopy *inj_account_store_load       (InjTrustStore *trust,
                                              GDateTime *now,
                                              InjStatement **statement_out,
                                              GError **error);

gboolean        inj_recipient_store_save     (InjRecipientCopy *copy,
                                              GError **error);
InjRecipientCopy *inj_recipient_store_load   (InjTrustStore *trust,
                                              GDateTime *now,
                                              InjStatement **statement_out,
                                              GError **error);

/* Removes both copies (TRUE when there was none). */
gboolean        inj_account_store_forget     (GError **error);

G_END_DECLS
