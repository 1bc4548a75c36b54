/* inj-card-private.h: what the files of one card's operations share and
 * nothing outside pkcs11/ sees. inj-card.c runs the operations (one path
 * for the blocking and the async calls); inj-card-pin.c asks for PINs and
 * reads their state; inj-card-session.c holds a PKCS#11 session and ends
 * the card's verified state. All of them run under the card's lock. */
#pragma once

#include "inj-card.h"
#include "inj-secret.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------ operations */

typedef struct _CardArgs CardArgs;

/* One operation on a card (inj-card.c): run under the card's lock and
 * recorded in the ring of inj-pkcs11-info.h. */
struct _CardArgs {
  const char *operation;   /* for the ring: "sign" */
  const char *object;      /* for the ring: "sign-key" */
  /* The operation's own part: its result, or NULL with @error set. */
  gpointer (*perform) (InjCard *card,
                       CardArgs *args,
                       GCancellable *cancellable,
                       GError **error);
  GDestroyNotify result_free;
  GDestroyNotify free;     /* frees the whole arguments struct */
};

/* In the caller's thread, after the queued ones; @args stays the caller's. */
gpointer  _inj_card_run            (InjCard *self,
                                    CardArgs *args,
                                    GCancellable *cancellable,
                                    GError **error);
/* On the card's worker; @args belongs to the task. */
void      _inj_card_queue          (InjCard *self,
                                    CardArgs *args,
                                    gpointer source_tag,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data);
gpointer  _inj_card_finish         (InjCard *self,
                                    GAsyncResult *result,
                                    GError **error);

/* ------------------------------------------------------------ PINs */

/* How the PIN stands, exact from the card when PC/SC answers, else from
 * the token's PKCS#11 flags. Not recorded: see inj-card.c. */
InjPinStatus *_inj_card_pin_status_read (const char *reader,
                                         InjToken *token,
                                         InjPinKind pin,
                                         GError **error);

/* Asks once through @interaction, describing @st; the answer is checked
 * for its form before anything reaches the card. */
InjSecret    *_inj_card_ask_secret      (InjPinKind pin,
                                         const InjPinStatus *st,
                                         gboolean context_specific,
                                         GTlsInteraction *interaction,
                                         GCancellable *cancellable,
                                         GError **error);

/* ------------------------------------------------------------ sessions */

typedef struct {
  CK_FUNCTION_LIST *f;
  CK_SESSION_HANDLE session;
  gboolean open;
  gboolean logged_in;
} InjCardSession;

CK_RV     _inj_card_session_open   (InjCardSession *s,
                                    InjToken *token);
void      _inj_card_session_close  (InjCardSession *s);
CK_RV     _inj_card_session_login  (InjCardSession *s,
                                    CK_USER_TYPE user,
                                    InjSecret *secret);
CK_RV     _inj_card_session_find   (InjCardSession *s,
                                    CK_OBJECT_CLASS klass,
                                    guint8 id,
                                    CK_OBJECT_HANDLE *object);
GBytes   *_inj_card_session_read_value (InjCardSession *s,
                                        CK_OBJECT_HANDLE object,
                                        CK_RV *rv);

/* Ends the card's verified state (OpenSC 0.23 keeps it after C_Logout):
 * FALSE with @error set only when the card stays verified. @auth_pin: the
 * authentication PIN may have been verified. */
gboolean  _inj_card_end_verification (const char *reader,
                                      gboolean auth_pin,
                                      GError **error);

/* The error for @rv from an operation on @pin's token, with the tries
 * left after a wrong PIN, and a card pulled out reported as removed. */
void      _inj_card_set_error       (const char *reader,
                                     CK_RV rv,
                                     InjPinKind pin,
                                     GError **error);

G_END_DECLS
