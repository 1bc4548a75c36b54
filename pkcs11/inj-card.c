/* inj-card.c
 *
 * Every operation follows the same shape: check the PIN state before asking
 * for a PIN (a locked PIN is never asked for), ask once through the
 * GTlsInteraction, check the PIN's format before anything reaches the card,
 * present it once (never again by itself after a failure), then close the
 * session and end the card's verified state, whatever happened. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-card.h"
#include "inj-pkcs11-info.h"
#include "inj-pcsc.h"
#include "inj-secret.h"

struct _InjCard {
  GObject parent_instance;
  char *reader;
  InjToken *auth;
  InjToken *sign;
  GMutex lock;          /* one operation at a time on this card */
  GThreadPool *worker;  /* one thread, FIFO: the _async operations */
};

G_DEFINE_FINAL_TYPE (InjCard, inj_card, G_TYPE_OBJECT)
G_DEFINE_BOXED_TYPE (InjPinStatus, inj_pin_status, inj_pin_status_copy, inj_pin_status_free)

/* SHA-256 DigestInfo prefix (RFC 8017, 9.2): the card pads and signs the
 * DigestInfo it is sent, so CKM_RSA_PKCS gets the whole DigestInfo. */
static const guint8 sha256_digest_info[] = {
  0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
  0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
};

InjPinStatus *
inj_pin_status_copy (const InjPinStatus *status)
{
  return g_memdup2 (status, sizeof *status);
}

void
inj_pin_status_free (InjPinStatus *status)
{
  g_free (status);
}

typedef struct {
  InjCard *card;
  GTask *task;
  void (*run) (InjCard *card, GTask *task);
} Job;

static void
worker_run (gpointer data,
            gpointer user_data)
{
  Job *job = data;

  g_mutex_lock (&job->card->lock);
  job->run (job->card, job->task);
  g_mutex_unlock (&job->card->lock);
  g_object_unref (job->task);
  g_free (job);
}

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

/* ------------------------------------------------------------ PINs */

static int
max_tries (InjPinKind pin)
{
  return pin == INJ_PIN_SIGN ? 5 : 3;
}

gboolean
inj_pin_check_format (InjPinKind pin,
                      const char *value,
                      gsize length)
{
  if (pin == INJ_PIN_AUTH)
    {
      if (length != 4)
        return FALSE;
      for (gsize i = 0; i < length; i++)
        if (!g_ascii_isdigit (value[i]))
          return FALSE;
      return TRUE;
    }
  if (length < 6 || length > 16)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isupper (value[i]) && !g_ascii_isdigit (value[i]))
      return FALSE;
  return TRUE;
}

static void
wipe_free (gpointer data)
{
  if (data)
    inj_wipe (data, strlen (data));
  g_free (data);
}

/* For interactions: hands GTlsPassword a copy that is wiped when replaced
 * or freed. */
void
inj_tls_password_set_secret (GTlsPassword *password,
                             const char *value,
                             gssize length)
{
  gsize len = length < 0 ? strlen (value) : (gsize) length;
  g_tls_password_set_value_full (password, (guchar *) g_strndup (value, len), (gssize) len,
                                 wipe_free);
}

#define PIN_KIND_KEY "inj-pin-kind"

void
inj_tls_password_set_pin_kind (GTlsPassword *password,
                               InjPinKind pin)
{
  g_return_if_fail (G_IS_TLS_PASSWORD (password));
  g_object_set_data (G_OBJECT (password), PIN_KIND_KEY, GINT_TO_POINTER (pin + 1));
}

gboolean
inj_tls_password_get_pin_kind (GTlsPassword *password,
                               InjPinKind *pin)
{
  gpointer data;

  g_return_val_if_fail (G_IS_TLS_PASSWORD (password), FALSE);
  data = g_object_get_data (G_OBJECT (password), PIN_KIND_KEY);
  if (data == NULL)
    return FALSE;
  if (pin)
    *pin = (InjPinKind) (GPOINTER_TO_INT (data) - 1);
  return TRUE;
}

static CK_TOKEN_INFO *
token_info (InjToken *token,
            CK_RV *rv)
{
  CK_TOKEN_INFO *info = g_new0 (CK_TOKEN_INFO, 1);
  *rv = inj_token_get_module (token)->C_GetTokenInfo (inj_token_get_slot (token), info);
  if (*rv != CKR_OK)
    g_clear_pointer (&info, g_free);
  return info;
}

static InjPinStatus *pin_status (InjCard *self,
                                 InjPinKind pin,
                                 GError **error);

static InjPinStatus *
pin_status_run (InjCard *self,
            InjPinKind pin,
            GError **error)
{
  InjPinStatus *st = g_new0 (InjPinStatus, 1);
  g_autoptr(GError) pcsc_error = NULL;
  InjToken *token = pin == INJ_PIN_SIGN ? self->sign : self->auth;
  g_autofree CK_TOKEN_INFO *info = NULL;
  CK_RV rv;

  st->pin = pin;
  st->max_tries = max_tries (pin);
  st->tries_left = -1;

  /* Exact, and consuming no try: the card's answer to an empty VERIFY. */
  if (inj_pcsc_pin_tries (self->reader, pin, &st->tries_left, &pcsc_error))
    {
      st->exact = TRUE;
      st->locked = st->tries_left == 0;
      st->final_try = st->tries_left == 1;
      st->count_low = st->tries_left > 0 && st->tries_left < st->max_tries;
      return st;
    }
  g_debug ("exact tries unavailable on %s: %s", self->reader, pcsc_error->message);

  /* Otherwise what PKCS#11 says. */
  info = token_info (token, &rv);
  if (info == NULL)
    {
      inj_pkcs11_set_error (error, rv, pin, -1);
      g_free (st);
      return NULL;
    }
  st->locked = (info->flags & CKF_USER_PIN_LOCKED) != 0;
  st->final_try = (info->flags & CKF_USER_PIN_FINAL_TRY) != 0;
  st->count_low = (info->flags & CKF_USER_PIN_COUNT_LOW) != 0;
  if (st->locked)
    st->tries_left = 0;
  else if (st->final_try)
    st->tries_left = 1;
  return st;
}

static char *
describe_pin_request (InjPinKind pin,
                      const InjPinStatus *st)
{
  const char *what = pin == INJ_PIN_SIGN
                       ? _("Signing password (署名用電子証明書, 6–16 letters and digits)")
                       : _("Authentication PIN (利用者証明用電子証明書, 4 digits)");
  if (st->tries_left > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s — %d try left",
                                         "%s — %d tries left", st->tries_left),
                            what, st->tries_left);
  return g_strdup (what);
}

/* Asks once. The answer is copied into a wiped buffer and the password
 * object's own copy is wiped at once. */
static InjSecret *
ask_secret (InjPinKind pin,
            const InjPinStatus *st,
            gboolean context_specific,
            GTlsInteraction *interaction,
            GCancellable *cancellable,
            GError **error)
{
  GTlsPasswordFlags flags = context_specific ? G_TLS_PASSWORD_PKCS11_CONTEXT_SPECIFIC
                                             : G_TLS_PASSWORD_PKCS11_USER;
  g_autofree char *description = describe_pin_request (pin, st);
  g_autoptr(GTlsPassword) password = NULL;
  const guchar *value;
  gsize length = 0;
  InjSecret *secret;
  GTlsInteractionResult result;

  if (interaction == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("A PIN is needed but there is no way to ask for it."));
      return NULL;
    }
  if (st->final_try)
    flags |= G_TLS_PASSWORD_FINAL_TRY;
  else if (st->count_low)
    flags |= G_TLS_PASSWORD_MANY_TRIES;
  password = g_tls_password_new (flags, description);
  inj_tls_password_set_pin_kind (password, pin);
  if (st->final_try)
    g_tls_password_set_warning (password, _("This is the last try: if it is wrong, the card "
                                            "locks and only your municipal office can unlock "
                                            "it."));
  result = g_tls_interaction_invoke_ask_password (interaction, password, cancellable, error);
  if (result == G_TLS_INTERACTION_FAILED)
    return NULL;
  if (result == G_TLS_INTERACTION_UNHANDLED)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("No PIN was given."));
      return NULL;
    }
  value = g_tls_password_get_value (password, &length);
  secret = inj_secret_new ((const char *) value, (gssize) length);
  inj_wipe ((gpointer) value, length);
  g_tls_password_set_value (password, (const guchar *) "", 0);
  if (pin == INJ_PIN_SIGN)
    inj_secret_upcase (secret);
  {
    gsize len;
    const char *v = inj_secret_get (secret, &len);
    if (!inj_pin_check_format (pin, v, len))
      {
        inj_secret_unref (secret);
        inj_pkcs11_set_error (error, INJ_CKR_PIN_FORMAT, pin, -1);
        return NULL;
      }
  }
  return secret;
}

/* ------------------------------------------------------------ sessions */

typedef struct {
  CK_FUNCTION_LIST *f;
  CK_SESSION_HANDLE session;
  gboolean open;
  gboolean logged_in;
} Session;

static CK_RV
session_open (Session *s,
              InjToken *token)
{
  CK_RV rv;

  memset (s, 0, sizeof *s);
  s->f = inj_token_get_module (token);
  rv = s->f->C_OpenSession (inj_token_get_slot (token), CKF_SERIAL_SESSION, NULL, NULL,
                            &s->session);
  s->open = rv == CKR_OK;
  return rv;
}

static void
session_close (Session *s)
{
  if (!s->open)
    return;
  if (s->logged_in)
    s->f->C_Logout (s->session);
  s->f->C_CloseSession (s->session);
  s->open = FALSE;
}

static CK_RV
session_login (Session *s,
               CK_USER_TYPE user,
               InjSecret *secret)
{
  gsize len;
  const char *pin = inj_secret_get (secret, &len);
  CK_RV rv = s->f->C_Login (s->session, user, (CK_UTF8CHAR_PTR) pin, (CK_ULONG) len);

  if (rv == CKR_USER_ALREADY_LOGGED_IN && user == CKU_USER)
    rv = CKR_OK;
  if (rv == CKR_OK && user == CKU_USER)
    s->logged_in = TRUE;
  return rv;
}

static CK_RV
find_object (Session *s,
             CK_OBJECT_CLASS klass,
             guint8 id,
             CK_OBJECT_HANDLE *object)
{
  CK_ATTRIBUTE query[] = {
    { CKA_CLASS, &klass, sizeof klass },
    { CKA_ID, &id, 1 },
  };
  CK_ULONG found = 0;
  CK_RV rv = s->f->C_FindObjectsInit (s->session, query, G_N_ELEMENTS (query));

  if (rv != CKR_OK)
    return rv;
  rv = s->f->C_FindObjects (s->session, object, 1, &found);
  s->f->C_FindObjectsFinal (s->session);
  if (rv == CKR_OK && found == 0)
    rv = INJ_CKR_NO_OBJECT;
  return rv;
}

static GBytes *
read_value (Session *s,
            CK_OBJECT_HANDLE object,
            CK_RV *rv)
{
  CK_ATTRIBUTE attr = { CKA_VALUE, NULL, 0 };
  guint8 *buf;

  *rv = s->f->C_GetAttributeValue (s->session, object, &attr, 1);
  if (*rv != CKR_OK)
    return NULL;
  if (attr.ulValueLen == (CK_ULONG) -1 || attr.ulValueLen > 64 * 1024)
    {
      *rv = INJ_CKR_NO_OBJECT;
      return NULL;
    }
  buf = g_malloc (attr.ulValueLen);
  attr.pValue = buf;
  *rv = s->f->C_GetAttributeValue (s->session, object, &attr, 1);
  if (*rv != CKR_OK)
    {
      g_free (buf);
      return NULL;
    }
  return g_bytes_new_take (buf, attr.ulValueLen);
}

/* The card must not stay verified after we are done with it. A failure to
 * reach the card (it was removed) leaves nothing verified either; a card
 * that stays verified even after a reset fails the operation. @auth_pin:
 * the authentication PIN may have been verified (its state cannot be read
 * back, so the card is reset). */
static gboolean
end_verification (InjCard *self,
                  gboolean auth_pin,
                  GError **error)
{
  g_autoptr(GError) local = NULL;
  gboolean ok = auth_pin ? inj_pcsc_end_verification (self->reader, &local)
                         : inj_pcsc_end_signing_verification (self->reader, &local);

  if (ok)
    return TRUE;
  if (inj_pkcs11_error_is (local, INJ_CKR_STILL_VERIFIED))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  g_debug ("ending the verified state on %s: %s", self->reader, local->message);
  return TRUE;
}

/* Is a card still in the card's reader? (FALSE also when the reader is
 * gone or PC/SC does not answer.) pcscd learns of a removal by polling
 * the reader (every 400 ms for most drivers): the answer is awaited for
 * up to about 1.5 s, only on this error path. */
static gboolean
card_still_present (InjCard *self)
{
  for (guint attempt = 0; attempt < 8; attempt++)
    {
      g_autoptr(GError) pcsc_error = NULL;
      g_autoptr(GPtrArray) readers = inj_pcsc_list_readers (&pcsc_error);
      gboolean present = FALSE;

      for (guint i = 0; readers && i < readers->len; i++)
        {
          InjReaderInfo *r = g_ptr_array_index (readers, i);
          if (g_strcmp0 (r->name, self->reader) == 0)
            present = r->card_present;
        }
      if (!present)
        return FALSE;
      g_usleep (200 * 1000);
    }
  return TRUE;
}

/* After a wrong PIN: how many tries remain, for the message. After a
 * general failure: whether the card left the reader (OpenSC 0.23 answers
 * CKR_GENERAL_ERROR, not CKR_DEVICE_REMOVED, when the card is pulled out
 * in the middle of an operation). */
static void
set_pin_error (InjCard *self,
               CK_RV rv,
               InjPinKind pin,
               GError **error)
{
  int tries = -1;

  if ((rv == CKR_GENERAL_ERROR || rv == CKR_DEVICE_ERROR || rv == CKR_FUNCTION_FAILED) &&
      !card_still_present (self))
    {
      g_debug ("%s after the card left %s: reported as removed", inj_pkcs11_rv_name (rv),
               self->reader);
      rv = CKR_DEVICE_REMOVED;
    }
  if (rv == CKR_PIN_INCORRECT || rv == CKR_PIN_LOCKED)
    {
      g_autoptr(GError) ignored = NULL;
      if (!inj_pcsc_pin_tries (self->reader, pin, &tries, &ignored))
        tries = -1;
      if (rv == CKR_PIN_INCORRECT && tries == 0)
        rv = CKR_PIN_INCORRECT; /* the message says it is now locked */
    }
  inj_pkcs11_set_error (error, rv, pin, tries);
}

/* ------------------------------------------------------------ operations */

/* ------------------------------------------------------------ recorded */

static GBytes *read_certificate_run (InjCard *self,
                                     InjCertKind which,
                                     GTlsInteraction *interaction,
                                     GCancellable *cancellable,
                                     GError **error);
static GBytes *sign_run (InjCard *self,
                         InjPinKind key,
                         GBytes *sha256,
                         GTlsInteraction *interaction,
                         GBytes **certificate,
                         GCancellable *cancellable,
                         GError **error);

/* Every operation leaves a line in the ring of inj-pkcs11-info.h: what,
 * how it ended, how long it took. */

static const char *
pin_name (InjPinKind pin)
{
  return pin == INJ_PIN_SIGN ? "sign-pin" : "auth-pin";
}

static InjPinStatus *
pin_status (InjCard *self,
            InjPinKind pin,
            GError **error)
{
  gint64 started = g_get_real_time ();
  GError *local = NULL;
  InjPinStatus *st = pin_status_run (self, pin, &local);

  inj_pkcs11_ops_record ("pin-status", pin_name (pin), started, local);
  if (local)
    g_propagate_error (error, local);
  return st;
}

static GBytes *
read_certificate_locked (InjCard *self,
                         InjCertKind which,
                         GTlsInteraction *interaction,
                         GCancellable *cancellable,
                         GError **error)
{
  static const char *const names[] = { [INJ_CERT_AUTH] = "auth", [INJ_CERT_AUTH_CA] = "auth-ca",
                                       [INJ_CERT_SIGN] = "sign", [INJ_CERT_SIGN_CA] = "sign-ca" };
  gint64 started = g_get_real_time ();
  GError *local = NULL;
  GBytes *value = read_certificate_run (self, which, interaction, cancellable, &local);

  inj_pkcs11_ops_record ("read-certificate", names[which], started, local);
  if (local)
    g_propagate_error (error, local);
  return value;
}

static GBytes *
sign_locked (InjCard *self,
             InjPinKind key,
             GBytes *sha256,
             GTlsInteraction *interaction,
             GBytes **certificate,
             GCancellable *cancellable,
             GError **error)
{
  gint64 started = g_get_real_time ();
  GError *local = NULL;
  GBytes *signature = sign_run (self, key, sha256, interaction, certificate, cancellable, &local);

  inj_pkcs11_ops_record ("sign", key == INJ_PIN_SIGN ? "sign-key" : "auth-key", started, local);
  if (local)
    g_propagate_error (error, local);
  return signature;
}

InjPinStatus *
inj_card_get_pin_status (InjCard *self,
                         InjPinKind pin,
                         GCancellable *cancellable,
                         GError **error)
{
  InjPinStatus *st;

  g_return_val_if_fail (INJ_IS_CARD (self), NULL);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  g_mutex_lock (&self->lock);
  st = pin_status (self, pin, error);
  g_mutex_unlock (&self->lock);
  return st;
}

/* Returns the secret for @pin after checking its state, or NULL. */
static InjSecret *
prepare_pin (InjCard *self,
             InjPinKind pin,
             gboolean context_specific,
             GTlsInteraction *interaction,
             GCancellable *cancellable,
             GError **error)
{
  g_autoptr(InjPinStatus) st = NULL;

  if (pin == INJ_PIN_SIGN && !inj_pcsc_check_signing (self->reader, error))
    return NULL;
  st = pin_status (self, pin, error);
  if (st == NULL)
    return NULL;
  if (st->locked)
    {
      inj_pkcs11_set_error (error, CKR_PIN_LOCKED, pin, 0);
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return ask_secret (pin, st, context_specific, interaction, cancellable, error);
}

static GBytes *
read_certificate_run (InjCard *self,
                         InjCertKind which,
                         GTlsInteraction *interaction,
                         GCancellable *cancellable,
                         GError **error)
{
  static const guint8 ids[] = { [INJ_CERT_AUTH] = 0x01, [INJ_CERT_AUTH_CA] = 0x03,
                                [INJ_CERT_SIGN] = 0x02, [INJ_CERT_SIGN_CA] = 0x04 };
  InjToken *token = which == INJ_CERT_SIGN ? self->sign : self->auth;
  g_autoptr(InjSecret) secret = NULL;
  Session s = { 0 };
  CK_OBJECT_HANDLE cert;
  GBytes *value = NULL;
  CK_RV rv;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (which == INJ_CERT_SIGN)
    {
      secret = prepare_pin (self, INJ_PIN_SIGN, FALSE, interaction, cancellable, error);
      if (secret == NULL)
        return NULL;
    }
  rv = session_open (&s, token);
  if (rv == CKR_OK && secret)
    rv = session_login (&s, CKU_USER, secret);
  if (rv == CKR_OK)
    rv = find_object (&s, CKO_CERTIFICATE, ids[which], &cert);
  if (rv == CKR_OK)
    value = read_value (&s, cert, &rv);
  session_close (&s);
  if (!end_verification (self, FALSE, rv == CKR_OK ? error : NULL) && rv == CKR_OK)
    g_clear_pointer (&value, g_bytes_unref);
  else if (rv != CKR_OK)
    set_pin_error (self, rv, INJ_PIN_SIGN, error);
  return value;
}

GBytes *
inj_card_read_certificate (InjCard *self,
                           InjCertKind which,
                           GTlsInteraction *interaction,
                           GCancellable *cancellable,
                           GError **error)
{
  GBytes *value;

  g_return_val_if_fail (INJ_IS_CARD (self), NULL);
  g_mutex_lock (&self->lock);
  value = read_certificate_locked (self, which, interaction, cancellable, error);
  g_mutex_unlock (&self->lock);
  return value;
}

/* The signing key needs its password for every signature
 * (CKA_ALWAYS_AUTHENTICATE): C_Login(CKU_USER) makes the key visible, then
 * C_SignInit, C_Login(CKU_CONTEXT_SPECIFIC), C_Sign — the sequence
 * PKCS#11 2.40 prescribes. The password is asked once and, if wrong, the
 * first VERIFY fails and nothing more is sent. */
static GBytes *
sign_run (InjCard *self,
             InjPinKind key,
             GBytes *sha256,
             GTlsInteraction *interaction,
             GBytes **certificate,
             GCancellable *cancellable,
             GError **error)
{
  InjToken *token = key == INJ_PIN_SIGN ? self->sign : self->auth;
  CK_MECHANISM mech = { CKM_RSA_PKCS, NULL, 0 };
  g_autoptr(InjSecret) secret = NULL;
  guint8 digest_info[sizeof sha256_digest_info + 32];
  guint8 signature[512];
  CK_ULONG sig_len = sizeof signature;
  CK_OBJECT_HANDLE private_key;
  Session s = { 0 };
  CK_RV rv;

  if (g_bytes_get_size (sha256) != 32)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "a SHA-256 digest is 32 bytes");
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  secret = prepare_pin (self, key, key == INJ_PIN_SIGN, interaction, cancellable, error);
  if (secret == NULL)
    return NULL;
  memcpy (digest_info, sha256_digest_info, sizeof sha256_digest_info);
  memcpy (digest_info + sizeof sha256_digest_info, g_bytes_get_data (sha256, NULL), 32);

  rv = session_open (&s, token);
  if (rv == CKR_OK)
    rv = session_login (&s, CKU_USER, secret);
  if (rv == CKR_OK && certificate)
    {
      /* the signer's certificate, read in the same login (one password) */
      CK_OBJECT_HANDLE cert;
      rv = find_object (&s, CKO_CERTIFICATE, key == INJ_PIN_SIGN ? 0x02 : 0x01, &cert);
      if (rv == CKR_OK)
        *certificate = read_value (&s, cert, &rv);
    }
  if (rv == CKR_OK)
    rv = find_object (&s, CKO_PRIVATE_KEY, key == INJ_PIN_SIGN ? 0x02 : 0x01, &private_key);
  if (rv == CKR_OK)
    rv = s.f->C_SignInit (s.session, &mech, private_key);
  if (rv == CKR_OK && key == INJ_PIN_SIGN)
    rv = session_login (&s, CKU_CONTEXT_SPECIFIC, secret);
  if (rv == CKR_OK)
    rv = s.f->C_Sign (s.session, digest_info, sizeof digest_info, signature, &sig_len);
  session_close (&s);
  if (!end_verification (self, key == INJ_PIN_AUTH, rv == CKR_OK ? error : NULL) && rv == CKR_OK)
    {
      if (certificate)
        g_clear_pointer (certificate, g_bytes_unref);
      return NULL;
    }
  if (rv != CKR_OK)
    {
      if (certificate)
        g_clear_pointer (certificate, g_bytes_unref);
      set_pin_error (self, rv, key, error);
      return NULL;
    }
  return g_bytes_new (signature, sig_len);
}

GBytes *
inj_card_sign_digest (InjCard *self,
                      InjPinKind key,
                      GBytes *sha256,
                      GTlsInteraction *interaction,
                      GCancellable *cancellable,
                      GError **error)
{
  GBytes *signature;

  g_return_val_if_fail (INJ_IS_CARD (self), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);
  g_mutex_lock (&self->lock);
  signature = sign_locked (self, key, sha256, interaction, NULL, cancellable, error);
  g_mutex_unlock (&self->lock);
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
  GBytes *signature;

  g_return_val_if_fail (INJ_IS_CARD (self), NULL);
  g_return_val_if_fail (certificate != NULL && *certificate == NULL, NULL);
  g_mutex_lock (&self->lock);
  signature = sign_locked (self, key, sha256, interaction, certificate, cancellable, error);
  g_mutex_unlock (&self->lock);
  return signature;
}

/* ------------------------------------------------------------ async */

typedef struct {
  InjPinKind pin;
  InjCertKind cert;
  GBytes *digest;
  GTlsInteraction *interaction;
} OpData;

static void
op_data_free (OpData *d)
{
  g_clear_pointer (&d->digest, g_bytes_unref);
  g_clear_object (&d->interaction);
  g_free (d);
}

static void
queue (InjCard *self,
       GTask *task,
       OpData *data,
       void (*run) (InjCard *card, GTask *task))
{
  Job *job = g_new0 (Job, 1);

  g_task_set_task_data (task, data, (GDestroyNotify) op_data_free);
  job->card = self; /* the task holds a reference to the card */
  job->task = task;
  job->run = run;
  g_thread_pool_push (self->worker, job, NULL);
}

static void
run_pin_status (InjCard *card,
                GTask *task)
{
  OpData *d = g_task_get_task_data (task);
  GError *error = NULL;
  InjPinStatus *st = NULL;

  if (!g_task_return_error_if_cancelled (task))
    {
      st = pin_status (card, d->pin, &error);
      if (st)
        g_task_return_pointer (task, st, (GDestroyNotify) inj_pin_status_free);
      else
        g_task_return_error (task, error);
    }
}

void
inj_card_get_pin_status_async (InjCard *self,
                               InjPinKind pin,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  OpData *d = g_new0 (OpData, 1);

  g_task_set_source_tag (task, inj_card_get_pin_status_async);
  d->pin = pin;
  queue (self, task, d, run_pin_status);
}

InjPinStatus *
inj_card_get_pin_status_finish (InjCard *self,
                                GAsyncResult *result,
                                GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
run_read_certificate (InjCard *card,
                      GTask *task)
{
  OpData *d = g_task_get_task_data (task);
  GError *error = NULL;
  GBytes *value = read_certificate_locked (card, d->cert, d->interaction,
                                           g_task_get_cancellable (task), &error);
  if (value)
    g_task_return_pointer (task, value, (GDestroyNotify) g_bytes_unref);
  else
    g_task_return_error (task, error);
}

void
inj_card_read_certificate_async (InjCard *self,
                                 InjCertKind which,
                                 GTlsInteraction *interaction,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  OpData *d = g_new0 (OpData, 1);

  g_task_set_source_tag (task, inj_card_read_certificate_async);
  d->cert = which;
  d->interaction = interaction ? g_object_ref (interaction) : NULL;
  queue (self, task, d, run_read_certificate);
}

GBytes *
inj_card_read_certificate_finish (InjCard *self,
                                  GAsyncResult *result,
                                  GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
run_sign (InjCard *card,
          GTask *task)
{
  OpData *d = g_task_get_task_data (task);
  GError *error = NULL;
  GBytes *signature = sign_locked (card, d->pin, d->digest, d->interaction, NULL,
                                   g_task_get_cancellable (task), &error);
  if (signature)
    g_task_return_pointer (task, signature, (GDestroyNotify) g_bytes_unref);
  else
    g_task_return_error (task, error);
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
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  OpData *d = g_new0 (OpData, 1);

  g_task_set_source_tag (task, inj_card_sign_digest_async);
  d->pin = key;
  d->digest = g_bytes_ref (sha256);
  d->interaction = interaction ? g_object_ref (interaction) : NULL;
  queue (self, task, d, run_sign);
}

GBytes *
inj_card_sign_digest_finish (InjCard *self,
                             GAsyncResult *result,
                             GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
