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
/* Every error state the same way: a heading, one plain cause, the one
 * action the page gives (inj_job_status_set_action()), and the technical
 * detail folded behind 「詳細」 (selectable, with a copy button). */
void          inj_job_status_show_problem_detail (InjJobStatus *self,
                                                  const char *title,
                                                  const char *cause,
                                                  const char *detail);
/* A failed job as a plain @cause; the error's text goes to 「詳細」. */
void          inj_job_status_show_failure      (InjJobStatus *self,
                                                const char *area,
                                                const char *title,
                                                const char *cause,
                                                const GError *error);
/* The action shown under a problem: a verb (「再試行」, 「電子委任状を訂正
 * する」, 「カードを確認する」) and the action it activates; @label NULL
 * shows none. Kept across problems until changed. */
void          inj_job_status_set_action        (InjJobStatus *self,
                                                const char *label,
                                                const char *action_name,
                                                GVariant *target);
GtkWidget    *inj_job_status_get_action_button (InjJobStatus *self);
GtkExpander  *inj_job_status_get_details       (InjJobStatus *self);
const char   *inj_job_status_get_detail        (InjJobStatus *self);
/* "title\nmessage" as shown, or NULL. */
const char   *inj_job_status_get_problem       (InjJobStatus *self);

G_END_DECLS
