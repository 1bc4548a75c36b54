/* inj-agent-desk.h: the agent (受任者) at a desk with their own My Number
 * card: which card (a card picker), reading its signing certificate and
 * checking whom it chains to, and signing a submission for a request code
 * or a delegation, verified as a representative would verify it. Used by
 * the agent's own page and by step 2 of the representative's flow. The
 * certificate it read is shown in the rows of
 * inj_agent_desk_show_certificate(). */
#pragma once

#include <adwaita.h>

#include "inj-card-picker.h"
#include "inj-session.h"

G_BEGIN_DECLS

#define INJ_TYPE_AGENT_DESK (inj_agent_desk_get_type ())
G_DECLARE_FINAL_TYPE (InjAgentDesk, inj_agent_desk, INJ, AGENT_DESK, GtkWidget)

/* What the submission names: a request code, or a delegation (its XML and
 * digest). With @agent_must_hold, the card's holder must be the
 * delegation's 受任者, or nothing signed is kept. */
typedef struct {
  const char *code;
  InjDelegation *delegation;
  GBytes *delegation_xml;
  GBytes *digest;
  gboolean agent_must_hold;
} InjAgentDeskTarget;

void            inj_agent_desk_set_session             (InjAgentDesk *self,
                                                        InjSession *session);
void            inj_agent_desk_set_hint                (InjAgentDesk *self,
                                                        const char *hint);
InjCardPicker  *inj_agent_desk_get_card_picker         (InjAgentDesk *self);
/* The card chosen, or NULL; "notify::card" follows the picker. */
InjCard        *inj_agent_desk_get_card                (InjAgentDesk *self);
/* A card whose signing password is not locked. */
gboolean        inj_agent_desk_can_sign                (InjAgentDesk *self);

void            inj_agent_desk_read_certificate_async  (InjAgentDesk *self,
                                                        InjTrustStore *trust,
                                                        GCancellable *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer user_data);
/* The certificate, whom it chains to and that said for a person. */
InjCertificate *inj_agent_desk_read_certificate_finish (InjAgentDesk *self,
                                                        GAsyncResult *result,
                                                        InjChainStatus *chain,
                                                        char **chain_text,
                                                        GError **error);

/* Signs and verifies against @trust (and the delegation's XML when it
 * names one); the verification is recorded in the audit log. */
void            inj_agent_desk_sign_async              (InjAgentDesk *self,
                                                        const InjAgentDeskTarget *target,
                                                        InjTrustStore *trust,
                                                        GCancellable *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer user_data);
/* The signed submission and its checks (which may have failed), or NULL
 * with @error set. @reader: the card's reader. */
GBytes         *inj_agent_desk_sign_finish             (InjAgentDesk *self,
                                                        GAsyncResult *result,
                                                        InjVerification **verification,
                                                        char **reader,
                                                        GError **error);

/* The rows that show an agent's certificate, in this order; masked unless
 * @reveal. Without @cert the rows are emptied, and hidden if @hide_empty. */
enum {
  INJ_AGENT_ROW_NAME,
  INJ_AGENT_ROW_ADDRESS,
  INJ_AGENT_ROW_BIRTH,
  INJ_AGENT_ROW_VALIDITY,
  INJ_AGENT_ROW_ISSUER,
  INJ_AGENT_N_ROWS
};
void            inj_agent_desk_title_rows              (AdwActionRow *const rows[INJ_AGENT_N_ROWS]);
void            inj_agent_desk_show_certificate        (AdwActionRow *const rows[INJ_AGENT_N_ROWS],
                                                        InjCertificate *cert,
                                                        gboolean reveal,
                                                        gboolean hide_empty);
const char     *inj_agent_desk_row_text                (AdwActionRow *const rows[INJ_AGENT_N_ROWS],
                                                        InjJpkiField field);

G_END_DECLS
