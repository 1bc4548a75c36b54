/* inj-card-change.c: changing the signing password or the authentication
 * PIN over PC/SC (OpenSC 0.23 has no C_SetPIN for the JPKI card).
 * Placeholder so that callers link; the implementation follows. */
#include "config.h"

#include "inj-card-private.h"

gboolean
inj_card_change_pin (InjCard *self,
                     InjPinKind pin,
                     InjSecret *current,
                     InjSecret *new_value,
                     GCancellable *cancellable,
                     GError **error)
{
  g_return_val_if_fail (INJ_IS_CARD (self), FALSE);
  inj_pkcs11_set_error (error, CKR_FUNCTION_NOT_SUPPORTED, pin, -1);
  return FALSE;
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
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, inj_card_change_pin_async);
  g_task_return_new_error (task, INJ_PKCS11_ERROR, (gint) CKR_FUNCTION_NOT_SUPPORTED,
                           "not yet");
  g_object_unref (task);
}

gboolean
inj_card_change_pin_finish (InjCard *self,
                            GAsyncResult *result,
                            GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
