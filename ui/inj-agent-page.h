/* inj-agent-page.h: the agent's (受任者) own tasks: read their signing
 * certificate, and sign a submission for a request code or a delegation
 * file, saved for the representative (what `ininjo-cli agent submit`
 * writes). */
#pragma once

#include <adwaita.h>

#include "inj-card-picker.h"
#include "inj-session.h"

G_BEGIN_DECLS

#define INJ_TYPE_AGENT_PAGE (inj_agent_page_get_type ())
G_DECLARE_FINAL_TYPE (InjAgentPage, inj_agent_page, INJ, AGENT_PAGE, GtkWidget)

GtkWidget      *inj_agent_page_new                   (InjSession *session);
gboolean        inj_agent_page_get_busy              (InjAgentPage *self);
InjCardPicker  *inj_agent_page_get_card_picker       (InjAgentPage *self);
const char     *inj_agent_page_get_problem           (InjAgentPage *self);

InjCertificate *inj_agent_page_get_certificate       (InjAgentPage *self);
const char     *inj_agent_page_get_certificate_field (InjAgentPage *self,
                                                      InjJpkiField field);
InjChainStatus  inj_agent_page_get_chain_status      (InjAgentPage *self);

gboolean        inj_agent_page_set_request_code      (InjAgentPage *self,
                                                      const char *typed);
void            inj_agent_page_open_delegation       (InjAgentPage *self,
                                                      const char *path);
const char     *inj_agent_page_get_target            (InjAgentPage *self);

GBytes         *inj_agent_page_get_submission        (InjAgentPage *self);
void            inj_agent_page_save_submission       (InjAgentPage *self,
                                                      const char *path,
                                                      gboolean replace);
const char     *inj_agent_page_get_saved_path        (InjAgentPage *self);
char           *inj_agent_page_dup_content           (InjAgentPage *self);
gboolean        inj_agent_page_get_folder_offered    (InjAgentPage *self);

G_END_DECLS
