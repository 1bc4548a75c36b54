/* inj-flow.h: creating, renewing or continuing a delegation as a guided
 * flow: the representative's five pages (the editor, the agent's proof,
 * the review, signing, the upload) under a step bar, with Back and Next at
 * the bottom. Which steps are available follows the session: the agent's
 * proof needs a complete delegation, the review the agent's submission,
 * signing a review that was gone through (Next pressed on it), the upload
 * the signed delegation. */
#pragma once

#include <adwaita.h>

#include "inj-session.h"
#include "inj-step-bar.h"

G_BEGIN_DECLS

typedef enum {
  INJ_FLOW_STEP_EDITOR = 0,
  INJ_FLOW_STEP_AGENT,
  INJ_FLOW_STEP_REVIEW,
  INJ_FLOW_STEP_SIGN,
  INJ_FLOW_STEP_UPLOAD,
  INJ_FLOW_N_STEPS
} InjFlowStep;

#define INJ_TYPE_FLOW (inj_flow_get_type ())
G_DECLARE_FINAL_TYPE (InjFlow, inj_flow, INJ, FLOW, GtkWidget)

GtkWidget   *inj_flow_new              (InjSession *session);

/* The page of @step ("editor", "agent", "review", "sign", "upload" are
 * their names, as for "win.show-page"). */
GtkWidget   *inj_flow_get_page         (InjFlow *self,
                                        InjFlowStep step);
const char  *inj_flow_step_name        (InjFlowStep step);
/* The step named @name, or -1. */
int          inj_flow_step_from_name   (const char *name);

/* Shows @step, available or not (its page says what it lacks). */
void         inj_flow_set_step         (InjFlow *self,
                                        InjFlowStep step);
InjFlowStep  inj_flow_get_step         (InjFlow *self);

gboolean     inj_flow_get_available    (InjFlow *self,
                                        InjFlowStep step);
gboolean     inj_flow_get_done         (InjFlow *self,
                                        InjFlowStep step);
/* What an unavailable step waits for, or NULL. */
const char  *inj_flow_get_waits_for    (InjFlow *self,
                                        InjFlowStep step);

/* 「作成中の電子委任状」, or 「更新版を作成中」 for a renewal. */
const char  *inj_flow_get_title        (InjFlow *self);

InjStepBar  *inj_flow_get_step_bar     (InjFlow *self);
GtkWidget   *inj_flow_get_back_button  (InjFlow *self);
GtkWidget   *inj_flow_get_next_button  (InjFlow *self);
/* Why Next cannot be pressed (shown beside it), or "". */
const char  *inj_flow_get_next_reason  (InjFlow *self);

G_END_DECLS
