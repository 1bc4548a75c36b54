/* inj-agent-step-page-private.h: the step page's parts, shared with
 * inj-agent-step-match.c (whether the agent is the one the delegation
 * names, and a submission file that cannot be used). */
#pragma once

#include "inj-agent-desk.h"
#include "inj-agent-step-page.h"
#include "inj-job-status.h"

G_BEGIN_DECLS

struct _InjAgentStepPage {
  GtkWidget parent_instance;

  GtkWidget *copy_button;

  GtkStack *main_stack;
  AdwActionRow *code_row;
  GtkWidget *copied_label;
  GtkStack *submission_stack;
  AdwViewStack *method_stack;
  InjAgentDesk *desk;
  InjJobStatus *status;
  GtkWidget *keep_button;
  AdwActionRow *name_row;
  AdwActionRow *address_row;
  AdwActionRow *birth_row;
  AdwActionRow *validity_row;
  AdwActionRow *issuer_row;
  GtkWidget *card_back_label;
  AdwActionRow *match_row;
  GtkWidget *mismatch_box;
  AdwActionRow *expected_row;
  AdwActionRow *actual_row;
  GtkWidget *open_button;
  char *import_problem;            /* as shown, for get_problem() */
  AdwMessageDialog *confirm_dialog;

  InjSession *session;
  InjVerification *verification;   /* the last one refused */
  /* a verified submission whose agent is not the delegation's: held here,
   * not in the session, until the user corrects or confirms */
  GBytes *pending_xml;
  InjCertificate *pending_cert;
  char *pending_reader;
  gboolean pending_desk;
  char *request_code;
  InjAgentStepState state;
  gboolean replacing;              /* getting another while one is held */
  gboolean from_desk;              /* the held one was signed here */
  gboolean disposed;
};

void _inj_agent_step_page_update                (InjAgentStepPage *self);
void _inj_agent_step_page_show_match            (InjAgentStepPage *self,
                                                 InjCertificate *cert,
                                                 InjDelegation *delegation,
                                                 gboolean reveal);
void _inj_agent_step_page_show_import_problem   (InjAgentStepPage *self,
                                                 const GError *error,
                                                 InjVerification *verification);
void _inj_agent_step_page_clear_pending         (InjAgentStepPage *self);
void _inj_agent_step_page_use_anyway_activated  (GtkWidget *widget,
                                                 const char *action_name,
                                                 GVariant *parameter);
void _inj_agent_step_page_correct_activated     (GtkWidget *widget,
                                                 const char *action_name,
                                                 GVariant *parameter);

G_END_DECLS
