/* inj-card.c
 *
 * Every operation follows the same shape: check the PIN state before asking
 * for a PIN (a locked PIN is never asked for), ask once through the
 * GTlsInteraction, check the PIN's format before anything reaches the card,
 * present it once (never again by itself after a failure), then close the
 * session and end the card's verified state, whatever happened.
 *
 * That shape is written once. An operation is an arguments struct (in the
 * manner of gck's calls) whose perform function does the operation's own
 * part; card_run() performs it under the card's lock in the caller's
 * thread, card_queue() on the card's worker through a GTask, and both
 * record it in the ring of inj-pkcs11-info.h. The operations on a PKCS#11
 * session share session_perform(): token, PIN, session, login, logout,
 * the verified state's end and the error's meaning. */
#include "config.h"

#include <string.h>

#include "inj-card-private.h"
#include "inj-pkcs11-info.h"
#include "inj-pcsc.h"

struct _InjCard {
  GObject parent_instance;
  char *reader;
  InjToken *auth;
  InjToken *sign;
  GMutex lock;          /* one operation at a time on this card */
  GThreadPool *worker;  /* one thread, FIFO: the _async operations */
};

G_DEFINE_FINAL_TYPE (InjCard, inj_card, G_TYPE_OBJECT)

/* SHA-256 DigestInfo prefix (RFC 8017, 9.2): the card pads and signs the
 * DigestInfo it is sent, so CKM_RSA_PKCS gets the whole DigestInfo. */
static const guint8 sha256_digest_info[] = {
  0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
  0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
};

/* ------------------------------------------------------------ one operation */

/* CardArgs: inj-card-private.h */

static void
card_args_free (CardArgs *args)
{
  args->free (args);
}

/* With the card's lock held. A call cancelled before it began is not
 * recorded: it did not reach the card. */
static gpointer
card_perform (InjCard *self,
              CardArgs *args,
              GCancellable *cancellable,
              GError **error)
{
  gint64 started = g_get_real_time ();
  GError *local = NULL;
  gpointer result;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  result = args->perform (self, args, cancellable, &local);
  inj_pkcs11_ops_record (args->operation, args->object, started, local);
  if (local)
    g_propagate_error (error, local);
  return result;
}

/* The blocking form: in the caller's thread, after the queued ones. */
static gpointer
card_run (InjCard *self,
          CardArgs *args,
          GCancellable *cancellable,
          GError **error)
{
  gpointer result;

  g_mutex_lock (&self->lock);
  result = card_perform (self, args, cancellable, error);
  g_mutex_unlock (&self->lock);
  return result;
}

static void
worker_run (gpointer data,
            gpointer user_data)
{
  GTask *task = data;
  InjCard *self = g_task_get_source_object (task);
  CardArgs *args = g_task_get_task_data (task);
  GError *error = NULL;
  gpointer result;

  g_mutex_lock (&self->lock);
  result = card_perform (self, args, g_task_get_cancellable (task), &error);
  g_mutex_unlock (&self->lock);
  if (result)
    g_task_return_pointer (task, result, args->result_free);
  else
    g_task_return_error (task, error);
  g_object_unref (task);
}

/* The async form: @args belongs to the task; the task holds the card
 * until the worker is done with it. */
static void
card_queue (InjCard *self,
            CardArgs *args,
            gpointer source_tag,
            GCancellable *cancellable,
            GAsyncReadyCallback callback,
            gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, args, (GDestroyNotify) card_args_free);
  g_thread_pool_push (self->worker, task, NULL);
}

static gpointer
card_finish (InjCard *self,
             GAsyncResult *result,
             GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------ object */

static void
inj_card_finalize (GObject *object)
{
  InjCard *self = INJ_CARD (object);

  /* Every queued job holds a task that holds this card, so none is left;
   * the last task may be released on the worker itself, which must not wait
   * for itself. */
  g_thread_pool_free (self->worker, FALSE, FALSE);
  g_clear_object (&self->auth);
  g_clear_object (&self->sign);
  g_free (self->reader);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (inj_card_parent_class)->finalize (object);
}

static void
inj_card_class_init (InjCardClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = inj_card_finalize;
}

static void
inj_card_init (InjCard *self)
{
  g_mutex_init (&self->lock);
  self->worker = g_thread_pool_new (worker_run, NULL, 1, FALSE, NULL);
}

InjCard *
inj_card_new (const char *reader,
              InjToken *auth,
              InjToken *sign)
{
  InjCard *self = g_object_new (INJ_TYPE_CARD, NULL);

  self->reader = g_strdup (reader);
  self->auth = g_object_ref (auth);
  self->sign = g_object_ref (sign);
  return self;
}

const char *
inj_card_get_reader (InjCard *self)
{
  g_return_val_if_fail (INJ_IS_CARD (self), NULL);
  return self->reader;
}

InjToken *
inj_card_get_auth_token (InjCard *self)
{
  g_return_val_if_fail (INJ_IS_CARD (self), NULL);
  return self->auth;
}

InjToken *
inj_card_get_sign_token (InjCard *self)
{
  g_return_val_if_fail (INJ_IS_CARD (self), NULL);
  return self->sign;
}

/* ------------------------------------------------------------ PIN status */

typedef struct {
  CardArgs base;
  InjPinKind pin;
} PinStatusArgs;

static gpointer
pin_status_perform (InjCard *card,
                    CardArgs *base,
                    GCancellable *cancellable,
                    GError **error)
{
  PinStatusArgs *args = (PinStatusArgs *) base;

  return _inj_card_pin_status_read (card->reader,
                                    args->pin == INJ_PIN_SIGN ? card->sign : card->auth,
                                    args->pin, error);
}

static void
pin_status_args_init (PinStatusArgs *args,
                      InjPinKind pin)
{
  args->base.operation = "pin-status";
  args->base.object = pin == INJ_PIN_SIGN ? "sign-pin" : "auth-pin";
  args->base.perform = pin_status_perform;
  args->base.result_free = (GDestroyNotify) inj_pin_status_free;
  args->base.free = g_free;
  args->pin = pin;
}

InjPinStatus *
inj_card_get_pin_status (InjCard *self,
                         InjPinKind pin,
                         GCancellable *cancellable,
                         GError **error)
{
  PinStatusArgs args = { 0 };

  g_return_val_if_fail (INJ_IS_CARD (self), NULL);
  pin_status_args_init (&args, pin);
  return card_run (self, &args.base, cancellable, error);
}

void
inj_card_get_pin_status_async (InjCard *self,
                               InjPinKind pin,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data)
{
  PinStatusArgs *args = g_new0 (PinStatusArgs, 1);

  g_return_if_fail (INJ_IS_CARD (self));
  pin_status_args_init (args, pin);
  card_queue (self, &args->base, inj_card_get_pin_status_async, cancellable, callback,
              user_data);
}

InjPinStatus *
inj_card_get_pin_status_finish (InjCard *self,
                                GAsyncResult *result,
                                GError **error)
{
  return card_finish (self, result, error);
}

/* ------------------------------------------------------------ on a session */

typedef struct _SessionArgs SessionArgs;

/* An operation on a PKCS#11 session of one of the card's tokens. */
struct _SessionArgs {
  CardArgs base;
  gboolean sign_token;       /* on the signing token, else the authentication one */
  InjPinKind pin;            /* the PIN it logs in with, and its errors speak of */
  gboolean login;            /* the PIN is asked and presented (CKU_USER) */
  gboolean context_specific; /* the PIN is asked for one use of the key */
  gboolean auth_verified;    /* the authentication PIN may be left verified */
  GTlsInteraction *interaction;
  /* Before anything reaches the card: FALSE with @error set when the
   * arguments cannot work. May be NULL. */
  gboolean (*check) (SessionArgs *args,
                     GError **error);
  /* In the open (and logged-in) session: its result into @value. */
  CK_RV (*in_session) (SessionArgs *args,
                       InjCardSession *s,
                       InjSecret *secret);
  GBytes *value;             /* out: the result */
  GBytes *certificate;       /* out: a certificate read in the same login */
};

static void
session_args_clear (SessionArgs *args)
{
  g_clear_object (&args->interaction);
  g_clear_pointer (&args->value, g_bytes_unref);
  g_clear_pointer (&args->certificate, g_bytes_unref);
}

/* The secret for @pin after checking its state (recorded as an operation
 * of its own), or NULL. */
static InjSecret *
prepare_pin (InjCard *self,
             InjPinKind pin,
             gboolean context_specific,
             GTlsInteraction *interaction,
             GCancellable *cancellable,
             GError **error)
{
  g_autoptr(InjPinStatus) st = NULL;
  PinStatusArgs status = { 0 };

  if (pin == INJ_PIN_SIGN && !inj_pcsc_check_signing (self->reader, error))
    return NULL;
  pin_status_args_init (&status, pin);
  st = card_perform (self, &status.base, NULL, error);
  if (st == NULL)
    return NULL;
  if (st->locked)
    {
      inj_pkcs11_set_error (error, CKR_PIN_LOCKED, pin, 0);
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return _inj_card_ask_secret (pin, st, context_specific, interaction, cancellable, error);
}

static gpointer
session_perform (InjCard *card,
                 CardArgs *base,
                 GCancellable *cancellable,
                 GError **error)
{
  SessionArgs *args = (SessionArgs *) base;
  g_autoptr(InjSecret) secret = NULL;
  InjCardSession s = { 0 };
  CK_RV rv;

  if (args->check && !args->check (args, error))
    return NULL;
  if (args->login)
    {
      secret = prepare_pin (card, args->pin, args->context_specific, args->interaction,
                            cancellable, error);
      if (secret == NULL)
        return NULL;
    }
  rv = _inj_card_session_open (&s, args->sign_token ? card->sign : card->auth);
  if (rv == CKR_OK && secret)
    rv = _inj_card_session_login (&s, CKU_USER, secret);
  if (rv == CKR_OK)
    rv = args->in_session (args, &s, secret);
  _inj_card_session_close (&s);
  if (!_inj_card_end_verification (card->reader, args->auth_verified,
                                   rv == CKR_OK ? error : NULL) && rv == CKR_OK)
    rv = INJ_CKR_STILL_VERIFIED; /* @error says it */
  else if (rv != CKR_OK)
    _inj_card_set_error (card->reader, rv, args->pin, error);
  if (rv != CKR_OK)
    {
      g_clear_pointer (&args->value, g_bytes_unref);
      g_clear_pointer (&args->certificate, g_bytes_unref);
    }
  return g_steal_pointer (&args->value);
}

/* What every session operation says of itself; its result is bytes. */
static void
session_args_init (SessionArgs *args,
                   const char *operation,
                   const char *object,
                   GDestroyNotify free_args,
                   GTlsInteraction *interaction)
{
  args->base.operation = operation;
  args->base.object = object;
  args->base.perform = session_perform;
  args->base.result_free = (GDestroyNotify) g_bytes_unref;
  args->base.free = free_args;
  args->interaction = interaction ? g_object_ref (interaction) : NULL;
}

/* ------------------------------------------------------------ certificates */

typedef struct {
  SessionArgs session;
  InjCertKind which;
} ReadCertificateArgs;

static CK_RV
read_certificate_in_session (SessionArgs *base,
                             InjCardSession *s,
                             InjSecret *secret)
{
  static const guint8 ids[] = { [INJ_CERT_AUTH] = 0x01, [INJ_CERT_AUTH_CA] = 0x03,
                                [INJ_CERT_SIGN] = 0x02, [INJ_CERT_SIGN_CA] = 0x04 };
  ReadCertificateArgs *args = (ReadCertificateArgs *) base;
  CK_OBJECT_HANDLE cert;
  CK_RV rv = _inj_card_session_find (s, CKO_CERTIFICATE, ids[args->which], &cert);

  if (rv == CKR_OK)
    base->value = _inj_card_session_read_value (s, cert, &rv);
  return rv;
}

static void
read_certificate_args_free (gpointer data)
{
  session_args_clear (data);
  g_free (data);
}

/* Only the signing certificate needs the signing password to be read. */
static CardArgs *
read_certificate_args_new (InjCertKind which,
                           GTlsInteraction *interaction)
{
  static const char *const names[] = { [INJ_CERT_AUTH] = "auth", [INJ_CERT_AUTH_CA] = "auth-ca",
                                       [INJ_CERT_SIGN] = "sign", [INJ_CERT_SIGN_CA] = "sign-ca" };
  ReadCertificateArgs *args = g_new0 (ReadCertificateArgs, 1);

  session_args_init (&args->session, "read-certificate", names[which],
                     read_certificate_args_free, interaction);
  args->session.sign_token = which == INJ_CERT_SIGN;
  args->session.pin = INJ_PIN_SIGN;
  args->session.login = which == INJ_CERT_SIGN;
  args->session.in_session = read_certificate_in_session;
  args->which = which;
  return &args->session.base;
}

GBytes *
inj_card_read_certificate (InjCard *self,
                           InjCertKind which,
                           GTlsInteraction *interaction,
                           GCancellable *cancellable,
                           GError **error)
{
  CardArgs *args;
  GBytes *value;

  g_return_val_if_fail (INJ_IS_CARD (self), NULL);
  args = read_certificate_args_new (which, interaction);
  value = card_run (self, args, cancellable, error);
  card_args_free (args);
  return value;
}

void
inj_card_read_certificate_async (InjCard *self,
                                 InjCertKind which,
                                 GTlsInteraction *interaction,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  g_return_if_fail (INJ_IS_CARD (self));
  card_queue (self, read_certificate_args_new (which, interaction),
              inj_card_read_certificate_async, cancellable, callback, user_data);
}

GBytes *
inj_card_read_certificate_finish (InjCard *self,
                                  GAsyncResult *result,
                                  GError **error)
{
  return card_finish (self, result, error);
}

/* ------------------------------------------------------------ signatures */

typedef struct {
  SessionArgs session;
  GBytes *sha256;
  gboolean with_certificate;
} SignArgs;

static gboolean
sign_check (SessionArgs *base,
            GError **error)
{
  SignArgs *args = (SignArgs *) base;

  if (g_bytes_get_size (args->sha256) != 32)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "a SHA-256 digest is 32 bytes");
      return FALSE;
    }
  return TRUE;
}

/* The signing key needs its password for every signature
 * (CKA_ALWAYS_AUTHENTICATE): C_Login(CKU_USER) makes the key visible, then
 * C_SignInit, C_Login(CKU_CONTEXT_SPECIFIC), C_Sign — the sequence
 * PKCS#11 2.40 prescribes. The password is asked once and, if wrong, the
 * first VERIFY fails and nothing more is sent. */
static CK_RV
sign_in_session (SessionArgs *base,
                 InjCardSession *s,
                 InjSecret *secret)
{
  SignArgs *args = (SignArgs *) base;
  guint8 id = base->pin == INJ_PIN_SIGN ? 0x02 : 0x01;
  CK_MECHANISM mech = { CKM_RSA_PKCS, NULL, 0 };
  guint8 digest_info[sizeof sha256_digest_info + 32];
  guint8 signature[512];
  CK_ULONG sig_len = sizeof signature;
  CK_OBJECT_HANDLE private_key;
  CK_RV rv = CKR_OK;

  memcpy (digest_info, sha256_digest_info, sizeof sha256_digest_info);
  memcpy (digest_info + sizeof sha256_digest_info, g_bytes_get_data (args->sha256, NULL), 32);
  if (args->with_certificate)
    {
      /* the signer's certificate, read in the same login (one password) */
      CK_OBJECT_HANDLE cert;
      rv = _inj_card_session_find (s, CKO_CERTIFICATE, id, &cert);
      if (rv == CKR_OK)
        base->certificate = _inj_card_session_read_value (s, cert, &rv);
    }
  if (rv == CKR_OK)
    rv = _inj_card_session_find (s, CKO_PRIVATE_KEY, id, &private_key);
  if (rv == CKR_OK)
    rv = s->f->C_SignInit (s->session, &mech, private_key);
  if (rv == CKR_OK && base->pin == INJ_PIN_SIGN)
    rv = _inj_card_session_login (s, CKU_CONTEXT_SPECIFIC, secret);
  if (rv == CKR_OK)
    rv = s->f->C_Sign (s->session, digest_info, sizeof digest_info, signature, &sig_len);
  if (rv == CKR_OK)
    base->value = g_bytes_new (signature, sig_len);
  return rv;
}

static void
sign_args_free (gpointer data)
{
  SignArgs *args = data;

  session_args_clear (&args->session);
  g_clear_pointer (&args->sha256, g_bytes_unref);
  g_free (args);
}

static CardArgs *
sign_args_new (InjPinKind key,
               GBytes *sha256,
               GTlsInteraction *interaction,
               gboolean with_certificate)
{
  SignArgs *args = g_new0 (SignArgs, 1);

  session_args_init (&args->session, "sign", key == INJ_PIN_SIGN ? "sign-key" : "auth-key",
                     sign_args_free, interaction);
  args->session.sign_token = key == INJ_PIN_SIGN;
  args->session.pin = key;
  args->session.login = TRUE;
  args->session.context_specific = key == INJ_PIN_SIGN;
  args->session.auth_verified = key == INJ_PIN_AUTH;
  args->session.check = sign_check;
  args->session.in_session = sign_in_session;
  args->sha256 = sha256 ? g_bytes_ref (sha256) : NULL;
  args->with_certificate = with_certificate;
  return &args->session.base;
}

GBytes *
inj_card_sign_digest (InjCard *self,
                      InjPinKind key,
                      GBytes *sha256,
                      GTlsInteraction *interaction,
                      GCancellable *cancellable,
                      GError **error)
{
  CardArgs *args;
  GBytes *signature;

  g_return_val_if_fail (INJ_IS_CARD (self), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);
  args = sign_args_new (key, sha256, interaction, FALSE);
  signature = card_run (self, args, cancellable, error);
  card_args_free (args);
  return signature;
}

/* The same, and the key's certificate read under the same login: one
 * password for a signature that carries its certificate. */
GBytes *
inj_card_sign_digest_with_certificate (InjCard *self,
                                       InjPinKind key,
                                       GBytes *sha256,
                                       GTlsInteraction *interaction,
                                       GBytes **certificate,
                                       GCancellable *cancellable,
                                       GError **error)
{
  CardArgs *args;
  GBytes *signature;

  g_return_val_if_fail (INJ_IS_CARD (self), NULL);
  g_return_val_if_fail (certificate != NULL && *certificate == NULL, NULL);
  args = sign_args_new (key, sha256, interaction, TRUE);
  signature = card_run (self, args, cancellable, error);
  if (signature)
    *certificate = g_steal_pointer (&((SignArgs *) args)->session.certificate);
  card_args_free (args);
  return signature;
}

void
inj_card_sign_digest_async (InjCard *self,
                            InjPinKind key,
                            GBytes *sha256,
                            GTlsInteraction *interaction,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  g_return_if_fail (INJ_IS_CARD (self));
  card_queue (self, sign_args_new (key, sha256, interaction, FALSE), inj_card_sign_digest_async,
              cancellable, callback, user_data);
}

GBytes *
inj_card_sign_digest_finish (InjCard *self,
                             GAsyncResult *result,
                             GError **error)
{
  return card_finish (self, result, error);
}

/* ------------------------------------------------------------ for the other files */

gpointer
_inj_card_run (InjCard *self,
               CardArgs *args,
               GCancellable *cancellable,
               GError **error)
{
  return card_run (self, args, cancellable, error);
}

void
_inj_card_queue (InjCard *self,
                 CardArgs *args,
                 gpointer source_tag,
                 GCancellable *cancellable,
                 GAsyncReadyCallback callback,
                 gpointer user_data)
{
  card_queue (self, args, source_tag, cancellable, callback, user_data);
}

gpointer
_inj_card_finish (InjCard *self,
                  GAsyncResult *result,
                  GError **error)
{
  return card_finish (self, result, error);
}
