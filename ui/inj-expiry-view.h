/* inj-expiry-view.h: what the card and sign pages say about the end of the
 * signing certificate (the holder's 5th birthday after issue). Pure: no
 * GTK, no card; tested without a display. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A warning from this many days before the end. */
#define INJ_EXPIRY_WARN_DAYS 90

typedef enum {
  INJ_EXPIRY_FINE,
  INJ_EXPIRY_SOON,       /* INJ_EXPIRY_WARN_DAYS days or fewer left */
  INJ_EXPIRY_EXPIRED,
} InjExpirySeverity;

/* Where the date comes from. The signing certificate (EF 0001) is readable
 * only after the signing password; before it, the authentication
 * certificate's end (readable without a PIN, normally issued with it) is
 * shown, and labelled as such. */
typedef enum {
  INJ_EXPIRY_FROM_AUTH,
  INJ_EXPIRY_FROM_SIGN,
} InjExpirySource;

/* Calendar days in Japan from @now to the last day of validity (0: it ends
 * today; negative: it has ended). */
int               inj_expiry_days_left (GDateTime *not_after,
                                        GDateTime *now);
InjExpirySeverity inj_expiry_severity  (int days_left);
/* One line: whose date, the date, how long. */
char             *inj_expiry_title     (InjExpirySource source,
                                        GDateTime *not_after,
                                        int days_left);
/* Where the date comes from, what revokes the certificate, how it is
 * renewed; the renewal first when it is due. */
char             *inj_expiry_details   (InjExpirySource source,
                                        int days_left);

/* A delegation's state in the list, as one short word on a pill. */
#define INJ_DELEGATION_EXPIRING_DAYS 30

typedef enum {
  INJ_PILL_DRAFT,      /* being written on this computer */
  INJ_PILL_PENDING,    /* signed, waiting to be sent (outbox "ready") */
  INJ_PILL_RECEIVED,   /* sent, the service is checking it */
  INJ_PILL_ACTIVE,
  INJ_PILL_EXPIRING,   /* active, INJ_DELEGATION_EXPIRING_DAYS days or fewer left */
  INJ_PILL_EXPIRED,
  INJ_PILL_RETIRED,    /* replaced by its renewal */
  INJ_PILL_REJECTED,
  INJ_PILL_TERMINATED, /* ended before its period (委任の終了) */
  INJ_PILL_OTHER,      /* unknown to the service, terminated, … */
} InjPill;

/* @state: "draft", a package's (ready, received, stored, rejected) or the
 * service's (active, retired, expired, …); @end: the period's end or NULL.
 * A stored or active delegation is expiring or expired by @end. */
InjPill     inj_pill_for_state (const char *state,
                                GDateTime *end,
                                GDateTime *now);
const char *inj_pill_label     (InjPill pill);
/* The day (in Japan) of an ISO 8601 date-time, without the time, as the
 * window shows days; @iso itself when it does not parse. */
char       *inj_display_iso_day (const char *iso);
/* The pill's style class (besides "status-pill"), e.g. "expiring". */
const char *inj_pill_css_class (InjPill pill);

G_END_DECLS
