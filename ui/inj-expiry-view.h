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

G_END_DECLS
