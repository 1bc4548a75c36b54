/* inj-job.h: the one piece of background work a page (or dialog) runs at a
 * time, without a face: it owns the work's GCancellable, says whether it
 * is busy, what it is doing and what went wrong, and notifies each change.
 * A page binds its own widgets (a spinner in a header, a status page, a
 * sensitive button, InjJobStatus) to these properties, so that "busy",
 * "cancel" and "what went wrong" have one answer on every page. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define INJ_TYPE_JOB (inj_job_get_type ())
G_DECLARE_FINAL_TYPE (InjJob, inj_job, INJ, JOB, GObject)

InjJob       *inj_job_new             (void);

/* Clears the problem, notes @doing and returns the work's cancellable
 * (owned by the job until inj_job_end()). NULL when work is already under
 * way: one piece of work at a time. */
GCancellable *inj_job_begin           (InjJob *self,
                                       const char *doing);
/* Stops the work under way, if any, and begins again: for work whose
 * newest request is the only one that counts (a refresh). The old work's
 * callback finds that its cancellable is no longer current. */
GCancellable *inj_job_restart         (InjJob *self,
                                       const char *doing);
/* Whether @cancellable is the work under way: a callback's test that its
 * answer is still wanted. */
gboolean      inj_job_is_current      (InjJob *self,
                                       GCancellable *cancellable);
/* The work ended (done, failed or cancelled): the cancellable goes. */
void          inj_job_end             (InjJob *self);
gboolean      inj_job_get_busy        (InjJob *self);
/* The cancellable of the work under way, or NULL. */
GCancellable *inj_job_get_cancellable (InjJob *self);
/* What is being done ("" when idle): "Cancelling…" once asked. */
const char   *inj_job_get_what        (InjJob *self);
/* Cancels the work under way, if any: inj_job_cancel() when the person
 * asked (and says so), inj_job_stop() when the page stops it (privacy
 * lock, a change that makes the work useless, dispose). */
void          inj_job_cancel          (InjJob *self);
void          inj_job_stop            (InjJob *self);

/* Either may be NULL (a page that shows only the message); both NULL
 * clear the problem. */
void          inj_job_show_problem    (InjJob *self,
                                       const char *title,
                                       const char *message);
/* A failed job: noted for the diagnostics under @area and shown under
 * @title; a cancelled one shows nothing (the person asked for it or the
 * page stopped it). Returns whether a problem is shown. */
gboolean      inj_job_show_error      (InjJob *self,
                                       const char *area,
                                       const char *title,
                                       const GError *error);
/* Ends the work and, when it failed, shows why: the end of every
 * callback. Returns TRUE when @error is NULL (the work succeeded). */
gboolean      inj_job_finish          (InjJob *self,
                                       const char *area,
                                       const char *title,
                                       const GError *error);
/* A problem as every page shows it: a heading, one plain cause, and the
 * technical detail (an error's own text) kept for 「詳細」; the page adds
 * the one action (InjJobStatus). inj_job_show_problem() clears the
 * detail. */
void          inj_job_show_problem_detail (InjJob *self,
                                           const char *title,
                                           const char *cause,
                                           const char *detail);
/* A failed job shown as a plain @cause under @title, the error's text
 * only in the detail; noted for the diagnostics under @area. A cancelled
 * one shows nothing. Returns whether a problem is shown. */
gboolean      inj_job_show_failure    (InjJob *self,
                                       const char *area,
                                       const char *title,
                                       const char *cause,
                                       const GError *error);
const char   *inj_job_get_problem_detail  (InjJob *self);
const char   *inj_job_get_problem_title   (InjJob *self);
const char   *inj_job_get_problem_message (InjJob *self);
/* "title\nmessage" (or the one given) as shown, or NULL. */
const char   *inj_job_get_problem     (InjJob *self);

G_END_DECLS
