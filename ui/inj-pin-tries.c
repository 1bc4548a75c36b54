/* inj-pin-tries.c */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-pin-tries.h"

char *
inj_pin_status_describe (const InjPinStatus *status)
{
  const char *what;

  g_return_val_if_fail (status != NULL, NULL);
  what = status->pin == INJ_PIN_SIGN ? _("Signing password") : _("Authentication PIN");
  if (status->locked)
    return g_strdup_printf (_("%s: locked. Ask your municipality to reset it."), what);
  if (status->tries_left < 0)
    return g_strdup_printf (_("%s: tries left unknown"), what);
  if (status->final_try || status->tries_left == 1)
    return g_strdup_printf (_("%s: last try left. A wrong entry locks it."), what);
  return g_strdup_printf (_("%s: %d of %d tries left"), what, status->tries_left, status->max_tries);
}

char *
inj_pin_status_describe_count (const InjPinStatus *status)
{
  g_return_val_if_fail (status != NULL, NULL);
  if (status->locked)
    return g_strdup (_("Locked (no try left)"));
  if (status->tries_left < 0)
    return g_strdup (_("Tries left unknown"));
  if (status->final_try || status->tries_left == 1)
    return g_strdup (_("Last try left. A wrong entry locks it."));
  return g_strdup_printf (_("%d of %d tries left"), status->tries_left, status->max_tries);
}

void
inj_pin_tries_free (InjPinTries *tries)
{
  if (tries == NULL)
    return;
  g_clear_pointer (&tries->status, inj_pin_status_free);
  g_clear_error (&tries->error);
  g_free (tries->text);
  g_free (tries);
}

static void
status_cb (GObject *source,
           GAsyncResult *result,
           gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  InjPinTries *tries;
  GError *error = NULL;
  InjPinStatus *status = inj_card_get_pin_status_finish (INJ_CARD (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return;
    }
  tries = g_new0 (InjPinTries, 1);
  tries->pin = GPOINTER_TO_INT (g_task_get_task_data (task));
  tries->status = status;
  tries->error = error;
  if (status)
    {
      tries->text = inj_pin_status_describe (status);
      tries->warn = status->locked || status->final_try || status->count_low;
    }
  else
    {
      tries->text = g_strdup (error->message);
      tries->warn = TRUE;
    }
  g_task_return_pointer (task, tries, (GDestroyNotify) inj_pin_tries_free);
}

void
inj_pin_tries_read_async (InjCard *card,
                          InjPinKind pin,
                          GCancellable *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer user_data)
{
  GTask *task;

  g_return_if_fail (INJ_IS_CARD (card));
  task = g_task_new (card, cancellable, callback, user_data);
  g_task_set_source_tag (task, inj_pin_tries_read_async);
  g_task_set_task_data (task, GINT_TO_POINTER (pin), NULL);
  inj_card_get_pin_status_async (card, pin, cancellable, status_cb, task);
}

InjPinTries *
inj_pin_tries_read_finish (GAsyncResult *result,
                           GError **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == inj_pin_tries_read_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
