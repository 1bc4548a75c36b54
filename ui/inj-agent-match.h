/* inj-agent-match.h: whether the agent's certificate is the one the
 * delegation names, as step 2 of the representative's flow shows it; the
 * knowing confirmation of a mismatch (a dialog, then the audit log); and
 * a refused submission file read as a heading, a cause and its detail. */
#pragma once

#include <adwaita.h>

#include "inj-app.h"

G_BEGIN_DECLS

/* 「✓ 委任状の受任者と一致」 or 「⚠ 一致しません」; a held one that does not
 * match was confirmed. */
const char *inj_agent_match_title     (InjAgentMatch match,
                                       gboolean confirmed);
/* The delegation's agent and the certificate's 氏名, masked unless @reveal. */
char       *inj_agent_match_expected  (InjDelegation *delegation,
                                       gboolean reveal);
char       *inj_agent_match_actual    (InjCertificate *agent,
                                       gboolean reveal);

/* Asks whether to use the certificate anyway; "use" is the destructive
 * answer. The names are shown as on the page. */
AdwMessageDialog *inj_agent_match_dialog_new (GtkWidget *parent,
                                              InjDelegation *delegation,
                                              InjCertificate *agent,
                                              gboolean reveal);

/* Records the confirmation in the audit log, in a worker thread. */
void        inj_agent_match_record    (InjCertificate *agent,
                                       const char *delegation_id);

/* A submission file that could not be used: a plain heading and cause,
 * and the technical text for the 「詳細」 expander. Either @error or a
 * refused @verification. */
void        inj_agent_import_problem  (const GError *error,
                                       InjVerification *verification,
                                       char **heading,
                                       char **cause,
                                       char **detail);

G_END_DECLS
