/* svc-context.h: what the request threads and the verification worker of
 * ininjo-service share. */
#pragma once

#include <glib.h>

#include "inj-trust.h"
#include "svc-record.h"
#include "svc-store.h"

G_BEGIN_DECLS

typedef struct {
  SvcStore *store;
  SvcSigner *signer;
  InjTrustStore *trust;
  /* The app library (libxml2, xmlsec, the schema cache) is entered by one
   * thread at a time: correctness over throughput in a test service. */
  GMutex app_lock;
  GTimeSpan clock_offset;   /* --now: the service's clock minus the real one */
  guint verify_delay_ms;
  gboolean confirm_accounts; /* --confirm-accounts auto: registered = 確認済み */

  GAsyncQueue *queue;       /* receipts to decide, in order */
  GThread *worker;
  gint stopping;
} SvcContext;

void       svc_log           (const char *format,
                              ...) G_GNUC_PRINTF (1, 2);

/* The service's time (JST), --now included. */
GDateTime *svc_now           (SvcContext *ctx);
char      *svc_now_iso       (SvcContext *ctx);

/* The worker decides receipts after their 202 has been answered; on start
 * it takes up those a previous run left undecided. */
void       svc_worker_start  (SvcContext *ctx);
void       svc_worker_push   (SvcContext *ctx,
                              const char *receipt);
void       svc_worker_stop   (SvcContext *ctx);

G_END_DECLS
