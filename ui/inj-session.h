/* inj-session.h: what the window's pages share.
 *
 * The services: the card monitor (loaded off the main thread from the
 * pkcs11-module setting), the settings, the dialog that asks passwords.
 * The representative's work in progress, one step after the other: the
 * delegation from the editor → the agent's verified submission → the
 * signed delegation → the package in the outbox. Changing an earlier step
 * drops the later ones that no longer match it (a submission is bound to
 * the delegation's digest).
 * The privacy state: whether personal data is shown, and the "privacy-lock"
 * signal after the idle timeout, when every page drops personal data from
 * the screen and cancels card work. */
#pragma once

#include <gio/gio.h>

#include "inj-app.h"
#include "inj-pkcs11.h"

G_BEGIN_DECLS

#define INJ_TYPE_SESSION (inj_session_get_type ())
G_DECLARE_FINAL_TYPE (InjSession, inj_session, INJ, SESSION, GObject)

/* @monitor: NULL to load the module of the pkcs11-module setting in a
 * thread ("monitor" notifies when done; "monitor-error" says why not).
 * @settings: NULL for the application's schema (which must be installed or
 * in GSETTINGS_SCHEMA_DIR). @drafts_dir: NULL for the user's data dir. */
InjSession      *inj_session_new                  (InjCardMonitor *monitor,
                                                   GSettings *settings,
                                                   const char *drafts_dir);

InjCardMonitor  *inj_session_get_monitor          (InjSession *self);
const char      *inj_session_get_monitor_error    (InjSession *self);
GSettings       *inj_session_get_settings         (InjSession *self);
const char      *inj_session_get_drafts_dir       (InjSession *self);

/* Asks for passwords and PINs (a dialog in the window; tests may set their
 * own). Usable from the card's worker thread: GTlsInteraction runs the
 * question in the main context. */
GTlsInteraction *inj_session_get_interaction      (InjSession *self);
void             inj_session_set_interaction      (InjSession *self,
                                                   GTlsInteraction *interaction);

/* The pinned JPKI signing roots plus the trust-anchors setting. */
InjTrustStore   *inj_session_dup_trust_store      (InjSession *self,
                                                   GError **error);
/* The same for the roots of @kind (the card's authentication certificate
 * chains to the authentication roots, never to a signing one). */
InjTrustStore   *inj_session_dup_trust_store_for  (InjSession *self,
                                                   InjJpkiRootKind kind,
                                                   GError **error);

/* The delegation being written, or NULL while it is not valid. The unsigned
 * XML and its digest (what the agent's submission is bound to) follow it. */
InjDelegation   *inj_session_get_delegation       (InjSession *self);
void             inj_session_set_delegation       (InjSession *self,
                                                   InjDelegation *delegation);
GBytes          *inj_session_get_delegation_xml   (InjSession *self);
GBytes          *inj_session_get_delegation_digest (InjSession *self);

/* The agent's submission, verified against the delegation, and the agent's
 * certificate from it. Set both or neither. */
GBytes          *inj_session_get_submission       (InjSession *self);
InjCertificate  *inj_session_get_agent_certificate (InjSession *self);
void             inj_session_set_submission       (InjSession *self,
                                                   GBytes *submission,
                                                   InjCertificate *agent);
const char      *inj_session_get_service_reader   (InjSession *self);
void             inj_session_set_service_reader   (InjSession *self,
                                                   const char *reader);
const char      *inj_session_get_agent_reader     (InjSession *self);
void             inj_session_set_agent_reader     (InjSession *self,
                                                   const char *reader);

/* The delegation as signed by the representative (verified). */
GBytes          *inj_session_get_signed_delegation (InjSession *self);
void             inj_session_set_signed_delegation (InjSession *self,
                                                    GBytes *signed_xml);

/* The package's directory in the outbox once it was made. */
const char      *inj_session_get_package_dir      (InjSession *self);
void             inj_session_set_package_dir      (InjSession *self,
                                                   const char *dir);

/* Start again with nothing (a new delegation). */
void             inj_session_reset                (InjSession *self);

/* Whether names, addresses and dates of birth are shown unmasked. */
gboolean         inj_session_get_reveal           (InjSession *self);
void             inj_session_set_reveal           (InjSession *self,
                                                   gboolean reveal);

/* Emits "privacy-lock": reveal goes off, card work is cancelled (through
 * inj_session_get_cancellable(), replaced by a new one), pages clear
 * what they show of personal data. */
void             inj_session_privacy_lock         (InjSession *self);
GCancellable    *inj_session_get_cancellable      (InjSession *self);

G_END_DECLS
