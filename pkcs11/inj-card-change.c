/* inj-card-change.c: changing the signing password or the authentication
 * PIN. OpenSC 0.23 implements no C_SetPIN for the JPKI card, so the change
 * goes over PC/SC (inj_pcsc_change_pin), as one operation of the card: under
 * its lock, in the caller's thread or on its worker, recorded in the ring.
 *
 * Nothing reaches the card before both values passed inj_pin_check_format;
 * the signing password is upper-cased first, on copies, as for signing. */
#include "config.h"

#include "inj-card-private.h"
#include "inj-pcsc.h"

typedef struct {
  CardArgs base;
  InjPinKind pin;
  InjSecret *current;
  InjSecret *new_value;
} ChangeArgs;

/* A copy, upper-cased for the signing password (OpenSC does not do it,
 * the card compares bytes). */
static InjSecret *
normalized (InjPinKind pin,
            InjSecret *secret)
{
  gsize len = 0;
  const char *text = inj_secret_get (secret, &len);
  InjSecret *copy = inj_secret_new (text, (gssize) len);

  if (pin == INJ_PIN_SIGN)
    inj_secret_upcase (copy);
  return copy;
}

static gboolean
has_format (InjPinKind pin,
            InjSecret *secret)
{
  gsize len = 0;
  const char *text = inj_secret_get (secret, &len);

  return inj_pin_check_format (pin, text, len);
}

static gpointer
change_perform (InjCard *card,
                CardArgs *base,
                GCancellable *cancellable,
                GError **error)
{
  ChangeArgs *args = (ChangeArgs *) base;
  g_autoptr(InjSecret) current = normalized (args->pin, args->current);
  g_autoptr(InjSecret) new_value = normalized (args->pin, args->new_value);
  const char *reader = inj_card_get_reader (card);
  gsize current_len = 0, new_len = 0;
  const char *current_text, *new_text;

  if (!has_format (args->pin, current))
    {
      inj_pkcs11_set_error (error, INJ_CKR_PIN_FORMAT, args->pin, -1);
      return NULL;
    }
  if (!has_format (args->pin, new_value))
    {
      inj_pkcs11_set_error (error, CKR_PIN_INVALID, args->pin, -1);
      return NULL;
    }
  if (args->pin == INJ_PIN_SIGN && !inj_pcsc_check_signing (reader, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  current_text = inj_secret_get (current, &current_len);
  new_text = inj_secret_get (new_value, &new_len);
  if (!inj_pcsc_change_pin (reader, args->pin, current_text, current_len, new_text, new_len,
                            error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void
change_args_free (gpointer data)
{
  ChangeArgs *args = data;

  g_clear_pointer (&args->current, inj_secret_unref);
  g_clear_pointer (&args->new_value, inj_secret_unref);
  g_free (args);
}

static CardArgs *
change_args_new (InjPinKind pin,
                 InjSecret *current,
                 InjSecret *new_value)
{
  ChangeArgs *args = g_new0 (ChangeArgs, 1);

  args->base.operation = "change-pin";
  args->base.object = pin == INJ_PIN_SIGN ? "sign-pin" : "auth-pin";
  args->base.perform = change_perform;
  args->base.result_free = NULL;
  args->base.free = change_args_free;
  args->pin = pin;
  args->current = inj_secret_ref (current);
  args->new_value = inj_secret_ref (new_value);
  return &args->base;
}

gboolean
inj_card_change_pin (InjCard *self,
                     InjPinKind pin,
                     InjSecret *current,
                     InjSecret *new_value,
                     GCancellable *cancellable,
                     GError **error)
{
  CardArgs *args;
  gboolean ok;

  g_return_val_if_fail (INJ_IS_CARD (self), FALSE);
  g_return_val_if_fail (current != NULL && new_value != NULL, FALSE);
  args = change_args_new (pin, current, new_value);
  ok = _inj_card_run (self, args, cancellable, error) != NULL;
  args->free (args);
  return ok;
}

void
inj_card_change_pin_async (InjCard *self,
                           InjPinKind pin,
                           InjSecret *current,
                           InjSecret *new_value,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data)
{
  g_return_if_fail (INJ_IS_CARD (self));
  g_return_if_fail (current != NULL && new_value != NULL);
  _inj_card_queue (self, change_args_new (pin, current, new_value), inj_card_change_pin_async,
                   cancellable, callback, user_data);
}

gboolean
inj_card_change_pin_finish (InjCard *self,
                            GAsyncResult *result,
                            GError **error)
{
  return _inj_card_finish (self, result, error) != NULL;
}
