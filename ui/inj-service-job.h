/* inj-service-job.h: one workflow with the service for a page: prepared on
 * the main thread from the session (settings, card monitor, the dialog
 * that asks the PIN), run in a worker thread (the card checked before any
 * PIN is asked, one client, so one handshake and at most one PIN), and
 * ended in that thread (the client gone, then the card left unverified). */
#pragma once

#include "inj-session.h"
#include "inj-upload.h"

G_BEGIN_DECLS

typedef struct _InjServiceJob InjServiceJob;

/* Main thread. Fails with a message a person can act on when the settings
 * cannot be used or the card service is not there (yet). */
InjServiceJob    *inj_service_job_new       (InjSession *session,
                                             GError **error);
gboolean          inj_service_job_uses_card (InjServiceJob *job);
/* Main thread: the reader whose card to use (NULL: the only card; with
 * several, the job fails asking for a choice). */
void              inj_service_job_set_reader (InjServiceJob *job,
                                              const char *reader);

/* Worker thread: the client of this job (made once). */
InjServiceClient *inj_service_job_connect   (InjServiceJob *job,
                                             GCancellable *cancellable,
                                             GError **error);
/* Worker thread, after connect: the card the connection uses (NULL with a
 * file key); the job's until it ends. */
InjCard          *inj_service_job_get_card  (InjServiceJob *job);

/* The client certificate of the settings' file key, DER (NULL with an
 * error when the job uses the card or the file cannot be read). */
GBytes           *inj_service_job_dup_client_certificate (InjServiceJob *job,
                                                          GError **error);

/* Worker thread, when the work is done: see above. */
void              inj_service_job_end       (InjServiceJob *job);

void              inj_service_job_free      (InjServiceJob *job);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (InjServiceJob, inj_service_job_free)

G_END_DECLS
