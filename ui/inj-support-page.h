/* inj-support-page.h: for support staff and the user on the phone with
 * them: readers, tokens, the PINs' tries left, the certificates' validity
 * (never personal data), and a connection test to the service. */
#pragma once

#include <adwaita.h>

#include "inj-card-page.h"
#include "inj-pkcs11.h"
#include "inj-session.h"

G_BEGIN_DECLS

typedef enum {
  INJ_CONNECTION_IDLE = 0,
  INJ_CONNECTION_RUNNING,
  INJ_CONNECTION_SUCCEEDED,
  INJ_CONNECTION_FAILED,
  INJ_CONNECTION_CANCELLED,
} InjConnectionState;

/* How far a connection got, for each side's certificate. */
typedef enum {
  INJ_TLS_NOT_REACHED = 0,  /* the connection did not get that far */
  INJ_TLS_PASSED,
  INJ_TLS_FAILED,
} InjTlsCheck;

#define INJ_TYPE_SUPPORT_PAGE (inj_support_page_get_type ())
G_DECLARE_FINAL_TYPE (InjSupportPage, inj_support_page, INJ, SUPPORT_PAGE, GtkWidget)

GtkWidget          *inj_support_page_new                  (InjSession *session);

/* The readers and the card, read again (also on the monitor's "changed"). */
void                inj_support_page_refresh              (InjSupportPage *self);
InjCardState        inj_support_page_get_state            (InjSupportPage *self);
/* NULL until read from the card (or when it could not be). */
const InjPinStatus *inj_support_page_get_pin_status       (InjSupportPage *self,
                                                           InjPinKind pin);
/* INJ_CERT_AUTH, INJ_CERT_AUTH_CA or INJ_CERT_SIGN_CA as read without a
 * PIN; NULL until read. */
InjCertificate     *inj_support_page_get_certificate      (InjSupportPage *self,
                                                           InjCertKind kind);

/* The connection test: one profile request with the preferences. */
void                inj_support_page_test_connection      (InjSupportPage *self);
void                inj_support_page_cancel_connection    (InjSupportPage *self);
InjConnectionState  inj_support_page_get_connection_state (InjSupportPage *self);
const GError       *inj_support_page_get_connection_error (InjSupportPage *self);
const char         *inj_support_page_get_tls_version      (InjSupportPage *self);
const char         *inj_support_page_get_service_name     (InjSupportPage *self);
InjTlsCheck            inj_support_page_get_server_check     (InjSupportPage *self);
InjTlsCheck            inj_support_page_get_client_check     (InjSupportPage *self);

/* A plain-text summary of the page (what "Copy report" copies): no name,
 * address or date of birth, no certificate's subject. */
char               *inj_support_page_dup_report           (InjSupportPage *self);

/* "Save a diagnostic bundle…": opens the bundle's preview (an
 * InjBundleDialog, returned; the window owns it). */
GtkWidget          *inj_support_page_open_bundle          (InjSupportPage *self);

G_END_DECLS
