/* inj-audit.h: the audit log (security.md item 15).
 *
 * Every sign, submission, upload, renewal, validity check, bundle export
 * and erase is recorded as one JSON object per line in
 * $XDG_STATE_HOME/ininjo/audit.jsonl (directory 0700, file 0600, appended
 * under an flock and fsync'd). A line holds, in this order:
 *
 *   seq          its number, 1 for the first line
 *   time         RFC 3339, UTC ("2025-04-01T03:04:05Z")
 *   action       sign, submission, upload, renewal, validity,
 *                bundle-export, erase, …
 *   fingerprint  the certificate's SHA-256 fingerprint (hex, colons), if any
 *   serial       the certificate's serial number (hex), if any
 *   delegation   the delegation ID, if any
 *   result       ok, failed or cancelled
 *   code         when not ok: a short error code ("inj-pkcs11-error:3"),
 *                never an error message
 *   detail       optional: a short word (the service's answer: "active")
 *   prev         SHA-256 (hex) of the previous line's bytes without its
 *                newline; for the first line, of INJ_AUDIT_GENESIS
 *   hash         SHA-256 (hex) of this line's bytes before ,"hash":"
 *
 * Never a name, an address, a date of birth, a certificate body or a
 * message: every value is reduced to a small character set before it is
 * written. An edited, removed, reordered or half-written line shows in
 * inj_audit_verify() at that line. (Removing the last lines leaves a
 * shorter valid chain: only a copy kept elsewhere shows that.) */
#pragma once

#include <gio/gio.h>

#include "inj-certificate.h"
#include "inj-signature.h"

G_BEGIN_DECLS

#define INJ_AUDIT_GENESIS "ininjo audit log v1"

#define INJ_AUDIT_SIGN          "sign"
#define INJ_AUDIT_SUBMISSION    "submission"
#define INJ_AUDIT_UPLOAD        "upload"
#define INJ_AUDIT_RENEWAL       "renewal"
#define INJ_AUDIT_VALIDITY      "validity"
#define INJ_AUDIT_BUNDLE_EXPORT "bundle-export"
#define INJ_AUDIT_ERASE         "erase"
/* The account (issue 16): its detail says register, change or rebind;
 * a recipient's registration; the end of a delegation (委任の終了). */
#define INJ_AUDIT_ACCOUNT       "account"
#define INJ_AUDIT_RECIPIENT     "recipient"
#define INJ_AUDIT_TERMINATION   "termination"
/* The representative confirmed, knowingly, an agent's certificate whose
 * 氏名 is not the delegation's 受任者の氏名 (the agent's certificate's
 * fingerprint and serial, never the names). */
#define INJ_AUDIT_AGENT_MISMATCH "agent-name-mismatch"
/* The card's signing password (署名用電子証明書のパスワード) or
 * authentication PIN (利用者証明用電子証明書の暗証番号) changed, or a
 * change the card was asked for that failed: two actions, one a kind, so
 * that the label alone names which (never the value). */
#define INJ_AUDIT_PASSWORD_CHANGE "password-change"
#define INJ_AUDIT_PIN_CHANGE      "pin-change"

#define INJ_AUDIT_ERROR (inj_audit_error_quark ())
typedef enum {
  INJ_AUDIT_ERROR_IO,          /* the file cannot be read or written */
  INJ_AUDIT_ERROR_INCOMPLETE,  /* a line without its end: cut off */
  INJ_AUDIT_ERROR_MALFORMED,   /* not an audit event */
  INJ_AUDIT_ERROR_SEQUENCE,    /* a line removed before it, or reordered */
  INJ_AUDIT_ERROR_CHAIN,       /* does not follow the line before it */
  INJ_AUDIT_ERROR_CHANGED,     /* the line itself was changed */
} InjAuditError;
GQuark inj_audit_error_quark (void);

typedef struct {
  guint64 seq;
  char *time;
  char *action;
  char *fingerprint;
  char *serial;
  char *delegation_id;
  char *result;
  char *code;
  char *detail;
} InjAuditEvent;

void           inj_audit_event_free    (InjAuditEvent *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (InjAuditEvent, inj_audit_event_free)

/* $XDG_STATE_HOME/ininjo/audit.jsonl */
char          *inj_audit_default_path  (void);

/* Appends @event (its seq and, when NULL, its time are set here; result
 * "ok" when NULL) to @path, creating it and its directory. Safe against
 * other processes appending at the same time. */
gboolean       inj_audit_append        (const char *path,
                                        const InjAuditEvent *event,
                                        GError **error);

/* The one-line calls of the application: to the default file; a failure
 * to write is logged, never fatal. @cert, @delegation_id and @detail may
 * be NULL; @error NULL means success (a cancellation is recorded as
 * "cancelled"). Blocking (an fsync): call from a worker thread. */
void           inj_audit_record        (const char *action,
                                        InjCertificate *cert,
                                        const char *delegation_id,
                                        const char *detail,
                                        const GError *error);
/* A signature made and verified: ok when @v is valid, else failed with
 * the first failed check's code ("verification:chain"); the signer's
 * certificate from @v. @v NULL: failed with @error. */
void           inj_audit_record_verification (const char *action,
                                              InjVerification *v,
                                              const char *delegation_id,
                                              const GError *error);

/* "domain:code" of @error, the domain without its "-quark". */
char          *inj_audit_error_code    (const GError *error);

/* The signer's certificate of a signed document (not verified), or NULL. */
InjCertificate *inj_audit_signer_of    (GBytes *signed_xml);

/* Checks the whole chain. TRUE when intact (an empty or missing file is
 * intact). Otherwise FALSE with *first_bad_line (1-based; 0 when the
 * file cannot be read) and the reason in @error (INJ_AUDIT_ERROR).
 * @n_lines (optional) gets the number of lines read. */
gboolean       inj_audit_verify        (const char *path,
                                        guint *first_bad_line,
                                        GError **error);
gboolean       inj_audit_verify_full   (const char *path,
                                        guint *n_lines,
                                        guint *first_bad_line,
                                        GError **error);

/* The events that can be read, oldest first (a line that is not an event
 * is left out: inj_audit_verify() tells about it). A missing file: none. */
GPtrArray     *inj_audit_load          (const char *path,
                                        GError **error);

/* For a person, in their language. */
const char    *inj_audit_action_label  (const char *action);
const char    *inj_audit_result_label  (const char *result);
/* The event's time in JST, "2025-04-01 12:04:05". */
char          *inj_audit_display_time  (const char *stamp);

G_END_DECLS
