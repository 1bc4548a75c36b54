/* inj-card-survey.c */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-app.h"
#include "inj-card-survey.h"

void
inj_card_survey_free (InjCardSurvey *survey)
{
  if (survey == NULL)
    return;
  g_free (survey->details);
  g_clear_object (&survey->card);
  g_free (survey);
}

/* PKCS#11 shows no My Number card: is one there all the same? OpenSC 0.23
 * shows no token for a card whose locked PIN answers the empty VERIFY with
 * 69 84, nor for one without EF 001B. A locked card is never called "not a
 * My Number card". */
gboolean
inj_card_survey_explain (GPtrArray *readers,
                         InjCardState *state,
                         char **details)
{
  for (guint i = 0; i < readers->len; i++)
    {
      InjReaderInfo *r = g_ptr_array_index (readers, i);
      g_auto(InjCardProbe) probe = { 0 };

      if (!r->card_present || !inj_pcsc_probe_card (r->name, &probe, NULL) || !probe.jpki)
        continue;
      *state = inj_card_probe_locked (&probe, INJ_PIN_AUTH) ||
               inj_card_probe_locked (&probe, INJ_PIN_SIGN)
                 ? INJ_CARD_STATE_LOCKED : INJ_CARD_STATE_NO_TOKEN;
      *details = inj_card_report_text (&probe);
      return TRUE;
    }
  return FALSE;
}

/* A card without signing is ready for uploads: say what it cannot do. */
static char *
ready_details (InjCard *card)
{
  g_auto(InjCardProbe) probe = { 0 };
  g_autofree char *report = NULL;
  const char *reader = inj_card_get_reader (card);

  if (inj_pcsc_probe_card (reader, &probe, NULL))
    report = inj_card_report_text (&probe);
  if (report == NULL)
    return g_strdup_printf (_("Reader: %s"), reader);
  {
    g_autofree char *where = g_strdup_printf (_("Reader: %s"), reader);
    return g_strdup_printf ("%s\n%s", where, report);
  }
}

InjCardState
inj_card_survey_classify (GPtrArray *readers,
                          InjCardMonitor *monitor,
                          InjCard *card,
                          char **details)
{
  g_autoptr(GPtrArray) tokens = NULL;
  gboolean card_present = FALSE;
  InjCardState state;

  g_return_val_if_fail (readers != NULL, INJ_CARD_STATE_ERROR);
  g_return_val_if_fail (details != NULL && *details == NULL, INJ_CARD_STATE_ERROR);
  if (card)
    return INJ_CARD_STATE_READY;
  if (readers->len == 0)
    return INJ_CARD_STATE_NO_READER;
  for (guint i = 0; i < readers->len; i++)
    card_present |= ((InjReaderInfo *) g_ptr_array_index (readers, i))->card_present;
  tokens = inj_card_monitor_list_tokens (monitor);
  if (!card_present && tokens->len == 0)
    return INJ_CARD_STATE_NO_CARD;
  if (card_present && inj_card_survey_explain (readers, &state, details))
    return state;
  return INJ_CARD_STATE_NOT_MY_NUMBER;
}

static void
survey_thread (GTask *task,
               gpointer source,
               gpointer task_data,
               GCancellable *cancellable)
{
  InjCardMonitor *monitor = task_data;
  InjCardSurvey *survey = g_new0 (InjCardSurvey, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) readers = inj_pcsc_list_readers (&error);

  survey->tag = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "tag"));
  if (readers == NULL)
    {
      survey->state = INJ_CARD_STATE_ERROR;
      survey->details = g_strdup (error->message);
      g_task_return_pointer (task, survey, (GDestroyNotify) inj_card_survey_free);
      return;
    }
  survey->card = inj_card_monitor_get_card (monitor, NULL);
  survey->state = inj_card_survey_classify (readers, monitor, survey->card, &survey->details);
  if (survey->card)
    survey->details = ready_details (survey->card);
  g_task_return_pointer (task, survey, (GDestroyNotify) inj_card_survey_free);
}

void
inj_card_survey_async (InjCardMonitor *monitor,
                       guint tag,
                       GCancellable *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (INJ_IS_CARD_MONITOR (monitor));
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, inj_card_survey_async);
  g_object_set_data (G_OBJECT (task), "tag", GUINT_TO_POINTER (tag));
  g_task_set_task_data (task, g_object_ref (monitor), g_object_unref);
  g_task_run_in_thread (task, survey_thread);
}

/* NULL with G_IO_ERROR_CANCELLED when cancelled: the caller may be gone. */
InjCardSurvey *
inj_card_survey_finish (GAsyncResult *result,
                        GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
