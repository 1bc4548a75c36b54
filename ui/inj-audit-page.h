/* inj-audit-page.h: the audit log's viewer: the events newest first, and
 * at the top whether the chain is intact or where it is broken. The log
 * holds no personal data (fingerprints and serials only). */
#pragma once

#include <adwaita.h>

#include "inj-audit.h"
#include "inj-session.h"

G_BEGIN_DECLS

#define INJ_TYPE_AUDIT_PAGE (inj_audit_page_get_type ())
G_DECLARE_FINAL_TYPE (InjAuditPage, inj_audit_page, INJ, AUDIT_PAGE, GtkWidget)

GtkWidget  *inj_audit_page_new                (InjSession *session);

/* Reads the log again, off the main thread ("loading" goes TRUE, then
 * FALSE). The page also reads it each time it is shown. */
void        inj_audit_page_refresh            (InjAuditPage *self);
/* For tests: another file than $XDG_STATE_HOME/ininjo/audit.jsonl. */
void        inj_audit_page_set_path           (InjAuditPage *self,
                                               const char *path);
gboolean    inj_audit_page_get_loading        (InjAuditPage *self);
guint       inj_audit_page_get_n_events       (InjAuditPage *self);
/* The event shown at @position (0 = the newest), or NULL. */
const InjAuditEvent *inj_audit_page_get_event (InjAuditPage *self,
                                               guint position);
/* 0 when the chain is intact, else the first line that is wrong. */
guint       inj_audit_page_get_broken_line    (InjAuditPage *self);
/* What the banner at the top says. */
const char *inj_audit_page_get_status_text    (InjAuditPage *self);

G_END_DECLS
