/* inj-support-survey.c: what the support page finds about the card: the
 * readers PC/SC lists with their cards and tokens, the My Number card's
 * certificates and whom they chain to (read off the main thread, no PIN
 * asked), then the PINs' tries left from the card's counters. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-card-survey.h"
#include "inj-pin-tries.h"
#include "inj-support-page-private.h"

const InjCertKind _inj_support_cert_kinds[N_CERTS] = { INJ_CERT_AUTH, INJ_CERT_AUTH_CA,
                                                       INJ_CERT_SIGN_CA };

static void
reader_info_free (ReaderInfo *info)
{
  g_free (info->name);
  g_free (info->atr);
  g_free (info->tokens);
  g_free (info);
}

void
_inj_support_survey_free (Survey *survey)
{
  if (survey == NULL)
    return;
  g_free (survey->error);
  g_clear_pointer (&survey->readers, g_ptr_array_unref);
  g_free (survey->other_tokens);
  g_clear_object (&survey->card);
  for (guint i = 0; i < N_CERTS; i++)
    {
      g_clear_object (&survey->certs[i].cert);
      g_free (survey->certs[i].error);
    }
  g_free (survey->trust_error);
  g_free (survey);
}

typedef struct {
  InjCardMonitor *monitor;
  InjTrustStore *trust;       /* the signing CA's */
  InjTrustStore *auth_trust;  /* the authentication certificate's and its CA's */
  char *trust_error;
} SurveyJob;

static void
survey_job_free (SurveyJob *job)
{
  g_clear_object (&job->monitor);
  g_clear_object (&job->trust);
  g_clear_object (&job->auth_trust);
  g_free (job->trust_error);
  g_free (job);
}


/* ---------------------------------------------------------------- the survey */

static char *
hex_string (GBytes *bytes)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  GString *hex = g_string_sized_new (size * 2);

  for (gsize i = 0; i < size; i++)
    g_string_append_printf (hex, "%02X", data[i]);
  return g_string_free (hex, FALSE);
}

/* PC/SC and PKCS#11 wait on the card service: off the main thread. Nothing
 * here asks for a PIN. */
static void
survey_thread (GTask *task,
               gpointer source,
               gpointer task_data,
               GCancellable *cancellable)
{
  SurveyJob *job = task_data;
  g_autoptr(Survey) survey = g_new0 (Survey, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) readers = inj_pcsc_list_readers (&error);
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GString) others = g_string_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  survey->readers = g_ptr_array_new_with_free_func ((GDestroyNotify) reader_info_free);
  survey->trust_error = g_strdup (job->trust_error);
  if (readers == NULL)
    {
      survey->state = INJ_CARD_STATE_ERROR;
      survey->error = g_strdup (error->message);
      g_task_return_pointer (task, g_steal_pointer (&survey),
                             (GDestroyNotify) _inj_support_survey_free);
      return;
    }
  tokens = inj_card_monitor_list_tokens (job->monitor);
  for (guint i = 0; i < readers->len; i++)
    {
      InjReaderInfo *r = g_ptr_array_index (readers, i);
      ReaderInfo *info = g_new0 (ReaderInfo, 1);
      g_autoptr(GString) labels = g_string_new (NULL);
      g_autoptr(InjCard) card = inj_card_monitor_get_card (job->monitor, r->name);

      info->name = g_strdup (r->name);
      info->card_present = r->card_present;
      if (r->atr)
        info->atr = hex_string (r->atr);
      for (guint t = 0; t < tokens->len; t++)
        {
          InjToken *token = g_ptr_array_index (tokens, t);
          if (g_strcmp0 (inj_token_get_reader (token), r->name) != 0)
            continue;
          g_string_append_printf (labels, "%s%s", labels->len ? ", " : "",
                                  inj_token_get_label (token));
        }
      info->tokens = labels->len ? g_strdup (labels->str) : NULL;
      info->my_number = card != NULL;
      g_ptr_array_add (survey->readers, info);
    }
  for (guint t = 0; t < tokens->len; t++)
    {
      InjToken *token = g_ptr_array_index (tokens, t);
      gboolean listed = FALSE;
      for (guint i = 0; i < readers->len && !listed; i++)
        listed = g_strcmp0 (inj_token_get_reader (token),
                            ((InjReaderInfo *) g_ptr_array_index (readers, i))->name) == 0;
      if (!listed)
        g_string_append_printf (others, "%s%s", others->len ? ", " : "",
                                inj_token_get_label (token));
    }
  survey->other_tokens = others->len ? g_strdup (others->str) : NULL;

  survey->card = inj_card_monitor_get_card (job->monitor, NULL);
  survey->state = inj_card_survey_classify (readers, job->monitor, survey->card, &survey->error);

  for (guint i = 0; survey->card && i < N_CERTS; i++)
    {
      InjCertKind kind = _inj_support_cert_kinds[i];
      CertInfo *info = &survey->certs[i];
      g_autoptr(GError) cert_error = NULL;
      g_autoptr(GBytes) der = inj_card_read_certificate (survey->card, kind, NULL, cancellable,
                                                         &cert_error);

      info->cert = der ? inj_certificate_new_from_der (der, &cert_error) : NULL;
      if (info->cert == NULL)
        {
          info->error = g_strdup (cert_error->message);
          continue;
        }
      info->chain = inj_trust_store_check (kind == INJ_CERT_SIGN_CA ? job->trust : job->auth_trust,
                                           info->cert, NULL, &info->pinned);
      info->validity = inj_certificate_get_validity_at (info->cert, now);
    }
  g_task_return_pointer (task, g_steal_pointer (&survey),
                         (GDestroyNotify) _inj_support_survey_free);
}

typedef struct {
  InjSupportPage *self;
  InjPinKind pin;
} PinRequest;

static void
pin_tries_cb (GObject *source,
              GAsyncResult *result,
              gpointer user_data)
{
  g_autofree PinRequest *request = user_data;
  g_autoptr(InjPinTries) tries = inj_pin_tries_read_finish (result, NULL);
  InjSupportPage *self;
  InjPinKind pin = request->pin;

  if (tries == NULL)
    return; /* the page is gone, or a newer survey came */
  self = request->self;
  if (--self->pin_reads == 0)
    inj_job_end (self->survey_job);
  g_clear_pointer (&self->pins[pin], inj_pin_status_free);
  g_clear_pointer (&self->pin_errors[pin], g_free);
  self->pins[pin] = g_steal_pointer (&tries->status);
  if (self->pins[pin] == NULL)
    self->pin_errors[pin] = g_strdup (tries->error->message);
  _inj_support_show_pins (self);
}

static void
ask_pin_status (InjSupportPage *self,
                InjCard *card,
                InjPinKind pin)
{
  PinRequest *request = g_new0 (PinRequest, 1);

  request->self = self;
  request->pin = pin;
  inj_pin_tries_read_async (card, pin, inj_job_get_cancellable (self->survey_job), pin_tries_cb,
                            request);
}

static void
survey_cb (GObject *source,
           GAsyncResult *result,
           gpointer user_data)
{
  GTask *task = G_TASK (result);
  g_autoptr(GError) error = NULL;
  Survey *survey = g_task_propagate_pointer (task, &error);
  InjSupportPage *self;

  if (survey == NULL)
    return; /* cancelled: the page is gone or a newer survey runs */
  self = INJ_SUPPORT_PAGE (user_data);
  if (!inj_job_is_current (self->survey_job, g_task_get_cancellable (task)))
    {
      _inj_support_survey_free (survey);
      return;
    }
  _inj_support_survey_free (self->survey);
  self->survey = survey;
  for (guint i = 0; i < G_N_ELEMENTS (self->pins); i++)
    {
      g_clear_pointer (&self->pins[i], inj_pin_status_free);
      g_clear_pointer (&self->pin_errors[i], g_free);
    }
  _inj_support_set_state (self, survey->state);
  _inj_support_show_survey (self);
  /* Read from the card's counters: no try is consumed. The error of one
   * that cannot be read says which PIN it was. */
  if (survey->card == NULL)
    {
      inj_job_end (self->survey_job);
      return;
    }
  self->pin_reads = 2;
  ask_pin_status (self, survey->card, INJ_PIN_AUTH);
  ask_pin_status (self, survey->card, INJ_PIN_SIGN);
}

void
_inj_support_show_monitor_error (InjSupportPage *self)
{
  _inj_support_survey_free (self->survey);
  self->survey = g_new0 (Survey, 1);
  self->survey->state = INJ_CARD_STATE_ERROR;
  self->survey->error = g_strdup (inj_session_get_monitor_error (self->session));
  _inj_support_set_state (self, INJ_CARD_STATE_ERROR);
  _inj_support_show_survey (self);
}

void
inj_support_page_refresh (InjSupportPage *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  SurveyJob *job;

  g_return_if_fail (INJ_IS_SUPPORT_PAGE (self));
  if (self->monitor == NULL)
    {
      if (inj_session_get_monitor_error (self->session))
        _inj_support_show_monitor_error (self);
      return;
    }
  job = g_new0 (SurveyJob, 1);
  job->monitor = g_object_ref (self->monitor);
  job->trust = inj_session_dup_trust_store (self->session, &error);
  if (job->trust == NULL)
    {
      job->trust_error = g_strdup_printf (_("The trust anchors of the preferences cannot be "
                                            "read (%s): only the pinned JPKI roots are used."),
                                          error->message);
      job->trust = inj_trust_store_new_jpki_signing ();
    }
  job->auth_trust = inj_session_dup_trust_store_for (self->session, INJ_JPKI_ROOT_AUTHENTICATION,
                                                     NULL);
  if (job->auth_trust == NULL)
    job->auth_trust = inj_trust_store_new_jpki_authentication ();
  /* A newer survey replaces the one running (and its PIN requests). */
  self->pin_reads = 0;
  task = g_task_new (NULL, inj_job_restart (self->survey_job, NULL), survey_cb, self);
  g_task_set_source_tag (task, inj_support_page_refresh);
  g_task_set_task_data (task, job, (GDestroyNotify) survey_job_free);
  g_task_run_in_thread (task, survey_thread);
}

/* ---------------------------------------------------------------- shown */

void
_inj_support_show_pins (InjSupportPage *self)
{
  g_autofree char *auth = _inj_support_pin_text (self, INJ_PIN_AUTH);
  g_autofree char *sign = _inj_support_pin_text (self, INJ_PIN_SIGN);

  adw_action_row_set_subtitle (self->auth_pin_row, auth);
  adw_action_row_set_subtitle (self->sign_pin_row, sign);
}

void
_inj_support_show_survey (InjSupportPage *self)
{
  Survey *survey = self->survey;
  const char *description = inj_card_state_description (self->state);

  _inj_support_clear_list (self->readers_list);
  _inj_support_add_row (self->readers_list, inj_card_state_title (self->state),
                        survey && survey->error ? survey->error : (*description ? description : NULL),
                        self->state == INJ_CARD_STATE_READY ? "emblem-ok-symbolic"
                        : self->state == INJ_CARD_STATE_ERROR ? "dialog-error-symbolic"
                        : "media-flash-symbolic");
  for (guint i = 0; survey && survey->readers && i < survey->readers->len; i++)
    {
      ReaderInfo *info = g_ptr_array_index (survey->readers, i);
      g_autofree char *text = _inj_support_reader_describe (info);
      _inj_support_add_row (self->readers_list, info->name, text, NULL);
    }
  if (survey && survey->other_tokens)
    _inj_support_add_row (self->readers_list, _("Tokens of no card reader"), survey->other_tokens,
                          NULL);

  _inj_support_clear_list (self->certs_list);
  if (survey && survey->card)
    {
      for (guint i = 0; i < N_CERTS; i++)
        {
          const CertInfo *info = &survey->certs[i];
          g_autofree char *text = _inj_support_cert_describe (info);
          gboolean good = info->cert && info->validity == INJ_VALIDITY_VALID &&
                          info->chain == INJ_CHAIN_TRUSTED;
          _inj_support_add_row (self->certs_list,
                                _inj_support_cert_title (_inj_support_cert_kinds[i]), text,
                                good ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
        }
      if (survey->trust_error)
        _inj_support_add_row (self->certs_list, _("Trust anchors"), survey->trust_error,
                              "dialog-warning-symbolic");
    }
  else
    _inj_support_add_row (self->certs_list, _("No My Number card"),
                          _("Insert the card to see its certificates."), NULL);
  _inj_support_show_pins (self);
}

void
_inj_support_set_state (InjSupportPage *self,
                        InjCardState state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify (G_OBJECT (self), "state");
}
