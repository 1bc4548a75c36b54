/* inj-job-status.h: one piece of background work on a page (an InjJob),
 * as the agent pages show it: a spinner with what is being done and a
 * cancel button while it runs, then what went wrong, if anything. A view
 * of its job: the calls below are the job's, for the pages' convenience. */
#pragma once

#include <adwaita.h>

#include "inj-job.h"

G_BEGIN_DECLS

#define INJ_TYPE_JOB_STATUS (inj_job_status_get_type ())
G_DECLARE_FINAL_TYPE (InjJobStatus, inj_job_status, INJ, JOB_STATUS, GtkWidget)

/* The job shown (by default one of its own). */
void          inj_job_status_set_job           (InjJobStatus *self,
                                                InjJob *job);
InjJob       *inj_job_status_get_job           (InjJobStatus *self);

/* The page's action the cancel button activates (the page decides when
 * cancelling is allowed). */
void          inj_job_status_set_cancel_action (InjJobStatus *self,
                                                const char *action_name);

/* Clears the problem, shows @doing with a spinner and returns the work's
 * cancellable (owned by the widget until inj_job_status_end()). NULL when
 * work is already under way. */
GCancellable *inj_job_status_begin             (InjJobStatus *self,
                                                const char *doing);
void          inj_job_status_end               (InjJobStatus *self);
gboolean      inj_job_status_get_busy          (InjJobStatus *self);
/* Cancels the work under way, if any: inj_job_status_cancel() when the
 * person asked (and says so), inj_job_status_stop() when the page stops it
 * (privacy lock, a change that makes the work useless, dispose). */
void          inj_job_status_cancel            (InjJobStatus *self);
void          inj_job_status_stop              (InjJobStatus *self);

/* @title NULL hides the problem. */
void          inj_job_status_show_problem      (InjJobStatus *self,
                                                const char *title,
                                                const char *message);
/* A failed job: noted for the diagnostics under @area and shown under
 * @title; a cancelled one shows nothing (the person asked for it). */
void          inj_job_status_show_error        (InjJobStatus *self,
                                                const char *area,
                                                const char *title,
                                                const GError *error);
/* "title\nmessage" as shown, or NULL. */
const char   *inj_job_status_get_problem       (InjJobStatus *self);

G_END_DECLS
