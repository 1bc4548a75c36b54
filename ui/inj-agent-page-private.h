/* inj-agent-page-private.h: what the agent page's files share: the page's
 * work (inj-agent-page.c: the card through the desk, the request code) and
 * its files (inj-agent-page-files.c: the delegation opened, the submission
 * saved, and their file choosers). */
#pragma once

#include "inj-agent-desk.h"
#include "inj-agent-page.h"
#include "inj-job-status.h"

G_BEGIN_DECLS

struct _InjAgentPage {
  GtkWidget parent_instance;

  GtkWidget *scroller;
  InjAgentDesk *desk;
  AdwActionRow *cert_name_row;
  AdwActionRow *cert_address_row;
  AdwActionRow *cert_birth_row;
  AdwActionRow *cert_validity_row;
  AdwActionRow *cert_issuer_row;
  AdwActionRow *cert_chain_row;
  AdwEntryRow *code_row;
  AdwActionRow *file_row;
  AdwActionRow *target_row;
  GtkWidget *content_group;
  AdwActionRow *principal_row;
  AdwActionRow *scope_row;
  AdwActionRow *period_row;
  GtkWidget *code_only_label;
  InjJobStatus *status;
  GtkLabel *done_label;
  GtkWidget *saved_box;
  GtkExpander *cert_expander;

  InjSession *session;

  /* the certificate read from the card, until the privacy lock */
  InjCertificate *certificate;
  InjChainStatus chain;
  char *chain_text;

  /* what the submission will name: a request code or a delegation */
  char *code;
  InjDelegation *delegation;
  GBytes *delegation_xml;
  GBytes *digest;
  char *target;

  GBytes *submission;          /* signed and verified */
  char *submission_name;       /* a file name to suggest */
  char *saved_path;
  gboolean disposed;
};

gboolean      _inj_agent_page_busy           (InjAgentPage *self);
void          _inj_agent_page_update_actions (InjAgentPage *self);
/* Work starts: its cancellable, or NULL when other work is under way. */
GCancellable *_inj_agent_page_begin          (InjAgentPage *self,
                                              const char *doing);
/* Work ended: FALSE when the page is gone or it failed (shown under
 * @failed). */
gboolean      _inj_agent_page_end            (InjAgentPage *self,
                                              const char *failed,
                                              const GError *error);
void          _inj_agent_page_clear_target   (InjAgentPage *self);
void          _inj_agent_page_show_target    (InjAgentPage *self);
void          _inj_agent_page_show_done      (InjAgentPage *self,
                                              const char *text);

void          _inj_agent_page_open_delegation_activated (GtkWidget *widget,
                                                         const char *action_name,
                                                         GVariant *parameter);
void          _inj_agent_page_save_activated            (GtkWidget *widget,
                                                         const char *action_name,
                                                         GVariant *parameter);
void          _inj_agent_page_open_folder_activated     (GtkWidget *widget,
                                                         const char *action_name,
                                                         GVariant *parameter);

G_END_DECLS
