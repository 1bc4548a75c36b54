/* inj-card-pin.c: the PINs of a card: their form, their state, and the one
 * way one is asked for (a GTlsInteraction, once, with the tries left). */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-card-private.h"
#include "inj-pcsc.h"

G_DEFINE_BOXED_TYPE (InjPinStatus, inj_pin_status, inj_pin_status_copy, inj_pin_status_free)

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

/* As a person types it: the signing password may be in lower case, which
 * this layer upper-cases before it reaches the card (no copy is made). */
gboolean
inj_pin_check_typed (InjPinKind pin,
                     const char *value,
                     gsize length)
{
  if (pin == INJ_PIN_AUTH)
    return inj_pin_check_format (pin, value, length);
  if (length < 6 || length > 16)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalpha (value[i]) && !g_ascii_isdigit (value[i]))
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

#define TRIES_LEFT_KEY "inj-pin-tries-left"

void
inj_tls_password_set_tries_left (GTlsPassword *password,
                                 int tries_left)
{
  g_return_if_fail (G_IS_TLS_PASSWORD (password));
  g_object_set_data (G_OBJECT (password), TRIES_LEFT_KEY,
                     GINT_TO_POINTER (tries_left < 0 ? 0 : tries_left + 1));
}

int
inj_tls_password_get_tries_left (GTlsPassword *password)
{
  g_return_val_if_fail (G_IS_TLS_PASSWORD (password), -1);
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (password), TRIES_LEFT_KEY)) - 1;
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

InjPinStatus *
_inj_card_pin_status_read (const char *reader,
                           InjToken *token,
                           InjPinKind pin,
                           GError **error)
{
  InjPinStatus *st = g_new0 (InjPinStatus, 1);
  g_autoptr(GError) pcsc_error = NULL;
  g_autofree CK_TOKEN_INFO *info = NULL;
  CK_RV rv;

  st->pin = pin;
  st->max_tries = max_tries (pin);
  st->tries_left = -1;

  /* Exact, and consuming no try: the card's answer to an empty VERIFY. */
  if (inj_pcsc_pin_tries (reader, pin, &st->tries_left, &pcsc_error))
    {
      st->exact = TRUE;
      st->locked = st->tries_left == 0;
      st->final_try = st->tries_left == 1;
      st->count_low = st->tries_left > 0 && st->tries_left < st->max_tries;
      return st;
    }
  g_debug ("exact tries unavailable on %s: %s", reader, pcsc_error->message);

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
InjSecret *
_inj_card_ask_secret (InjPinKind pin,
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
  inj_tls_password_set_tries_left (password, st->tries_left);
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
