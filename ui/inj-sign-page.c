/* inj-sign-page.c
 *
 * One operation at a time (self->operation): read the tries left (no try
 * used) → if one is left, the person confirms → a thread signs with the
 * card (the password is asked through the session's interaction, in the
 * main context), verifies the result with the session's trust and puts it
 * in the outbox with the agent's submission; only then does the session
 * get the signed delegation and the package. pkcs11/ leaves the card
 * unverified after each attempt and never retries a password by itself.
 *
 * Callbacks hold a reference on the page and find it disposed when it was
 * closed meanwhile (the operations are cancelled then). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-audit.h"
#include "inj-card-page.h"
#include "inj-card-picker.h"
#include "inj-expiry-box.h"
#include "inj-job.h"
#include "inj-diagnostics.h"
#include "inj-password-dialog.h"
#include "inj-sign-job.h"
#include "inj-sign-page.h"
#include "inj-ui-private.h"

#define WATCH_INTERVAL_MS 1000

struct _InjSignPage {
  GtkWidget parent_instance;

  GtkStack *stack;
  AdwStatusPage *missing_page;
  AdwStatusPage *card_page;
  GtkLabel *card_details_label;
  AdwStatusPage *ready_page;
  GtkLabel *tries_label;
  GtkLabel *message_label;
  GtkSpinner *spinner;
  GtkLabel *signed_label;
  InjCardPicker *card_picker;
  InjExpiryBox *ready_expiry;
  InjExpiryBox *signed_expiry;

  InjSession *session;
  InjCardMonitor *monitor;
  InjJob *survey;             /* the card survey and its PIN read; a refresh restarts it */
  InjJob *operation;          /* the signature under way; its problem is what
                                 happened to the last attempt */
  InjSignState state;
  InjCardState card_state;
  InjCard *card;
  InjPinStatus *pin_status;
  char *signed_note;
  guint generation;
  guint refresh_idle;
  gboolean disposed;
};

G_DEFINE_FINAL_TYPE (InjSignPage, inj_sign_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_STATE,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void queue_refresh (InjSignPage *self);

/* ------------------------------------------------------------ showing */

static void
set_state (InjSignPage *self,
           InjSignState state)
{
  static const char *names[] = {
    [INJ_SIGN_STATE_MISSING] = "missing", [INJ_SIGN_STATE_CARD] = "card",
    [INJ_SIGN_STATE_READY] = "ready", [INJ_SIGN_STATE_CONFIRM] = "confirm",
    [INJ_SIGN_STATE_WORKING] = "working", [INJ_SIGN_STATE_LOCKED] = "locked",
    [INJ_SIGN_STATE_SIGNED] = "signed",
  };

  gtk_stack_set_visible_child_name (self->stack, names[state]);
  gtk_spinner_set_spinning (self->spinner, state == INJ_SIGN_STATE_WORKING);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign.start", state == INJ_SIGN_STATE_READY);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign.confirm",
                                 state == INJ_SIGN_STATE_CONFIRM);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign.back", state == INJ_SIGN_STATE_CONFIRM);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign.cancel",
                                 state == INJ_SIGN_STATE_WORKING);
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
show_missing (InjSignPage *self)
{
  gboolean have_delegation = inj_session_get_delegation (self->session) != NULL;

  adw_status_page_set_description (self->missing_page,
                                   have_delegation
                                   ? _("The agent's submission for this delegation is needed "
                                       "before you sign: the service stores it with the "
                                       "delegation.")
                                   : _("Complete the delegation first, then get the agent's "
                                       "submission for it."));
  set_state (self, INJ_SIGN_STATE_MISSING);
}

static void
show_card (InjSignPage *self,
           InjCardState state,
           const char *details)
{
  self->card_state = state;
  adw_status_page_set_title (self->card_page, inj_card_state_title (state));
  adw_status_page_set_description (self->card_page, inj_card_state_description (state));
  adw_status_page_set_icon_name (self->card_page, state == INJ_CARD_STATE_ERROR
                                                  ? "dialog-error-symbolic"
                                                  : "media-flash-symbolic");
  gtk_label_set_text (self->card_details_label, details ? details : "");
  gtk_widget_set_visible (GTK_WIDGET (self->card_details_label), details && *details);
  set_state (self, INJ_SIGN_STATE_CARD);
}

static char *
describe_delegation (InjSignPage *self)
{
  return inj_sign_job_describe (inj_session_get_delegation (self->session),
                                inj_session_get_reveal (self->session));
}

static void
show_ready (InjSignPage *self,
            const char *tries)
{
  g_autofree char *description = describe_delegation (self);
  /* the tries unknown for a card, or few: not while a card is to be chosen */
  gboolean warn = self->pin_status == NULL ? self->card != NULL
                                           : self->pin_status->count_low ||
                                               self->pin_status->final_try;
  const char *message;

  self->card_state = INJ_CARD_STATE_READY;
  inj_expiry_box_set_card (self->ready_expiry, self->card);
  adw_status_page_set_description (self->ready_page, description);
  gtk_label_set_text (self->tries_label, tries);
  if (warn)
    gtk_widget_add_css_class (GTK_WIDGET (self->tries_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->tries_label), "warning");
  message = inj_job_get_problem (self->operation);
  gtk_label_set_text (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  set_state (self, INJ_SIGN_STATE_READY);
  /* nothing to sign with until a card is chosen */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign.start", self->card != NULL);
}

static void
show_signed (InjSignPage *self)
{
  g_autofree char *where = g_strdup_printf (_("In the outbox: %s"),
                                            inj_session_get_package_dir (self->session));
  g_autofree char *text = self->signed_note ? g_strdup_printf ("%s\n%s", self->signed_note, where)
                                            : g_steal_pointer (&where);

  gtk_label_set_text (self->signed_label, text);
  set_state (self, INJ_SIGN_STATE_SIGNED);
}

static void
set_message (InjSignPage *self,
             const char *message)
{
  inj_job_show_problem (self->operation, NULL, message);
}

/* ------------------------------------------------------------ the card */

static gboolean
has_work (InjSignPage *self)
{
  return inj_session_get_delegation (self->session) != NULL &&
         inj_session_get_submission (self->session) != NULL;
}

static void
pin_tries_cb (GObject *source,
              GAsyncResult *result,
              gpointer user_data)
{
  g_autoptr(InjSignPage) self = user_data;
  g_autoptr(InjPinTries) tries = inj_pin_tries_read_finish (result, NULL);

  if (tries == NULL || self->disposed)
    return; /* a newer refresh cancelled it, or the page is gone */
  inj_job_end (self->survey);
  /* a refresh is queued when anything changed meanwhile */
  if (inj_job_get_busy (self->operation) || INJ_CARD (source) != self->card || !has_work (self))
    return;
  g_clear_pointer (&self->pin_status, inj_pin_status_free);
  self->pin_status = g_steal_pointer (&tries->status);
  if (self->pin_status && self->pin_status->locked)
    set_state (self, INJ_SIGN_STATE_LOCKED);
  else
    show_ready (self, tries->text);
}

/* No card to sign with: none, or none chosen yet. */
static void
forget_card (InjSignPage *self)
{
  inj_job_end (self->survey);
  g_clear_object (&self->card);
  g_clear_pointer (&self->pin_status, inj_pin_status_free);
  inj_expiry_box_set_card (self->ready_expiry, NULL);
}

static void
survey_cb (GObject *source,
           GAsyncResult *result,
           gpointer user_data)
{
  g_autoptr(InjSignPage) self = user_data;
  g_autoptr(InjCardSurvey) survey = inj_card_survey_finish (result, NULL);
  InjCard *chosen;

  if (survey == NULL || self->disposed || survey->tag != self->generation)
    return; /* a newer refresh cancelled it, or the page is gone */
  if (inj_job_get_busy (self->operation) || !has_work (self))
    {
      inj_job_end (self->survey); /* a refresh is queued when anything changed meanwhile */
      return;
    }
  if (survey->state != INJ_CARD_STATE_READY)
    {
      forget_card (self);
      show_card (self, survey->state, survey->details);
      return;
    }
  /* the card chosen by reader; the survey's (the first) until the picker
   * has seen the cards. With several, none until the person says which. */
  chosen = inj_card_picker_get_card (self->card_picker);
  if (chosen == NULL && inj_card_picker_get_needs_choice (self->card_picker))
    {
      forget_card (self);
      show_ready (self, _("Choose the representative's card: its tries left are shown then."));
      return;
    }
  g_set_object (&self->card, (InjCard *) (chosen ? chosen : survey->card));
  inj_pin_tries_read_async (self->card, INJ_PIN_SIGN, inj_job_get_cancellable (self->survey),
                            pin_tries_cb, g_object_ref (self));
}

static gboolean
refresh_now (gpointer data)
{
  InjSignPage *self = data;

  self->refresh_idle = 0;
  if (inj_job_get_busy (self->operation))
    return G_SOURCE_REMOVE; /* its end refreshes */
  if (!has_work (self))
    show_missing (self);
  else if (inj_session_get_signed_delegation (self->session) &&
           inj_session_get_package_dir (self->session))
    show_signed (self);
  else if (self->monitor == NULL)
    {
      const char *error = inj_session_get_monitor_error (self->session);
      show_card (self, error ? INJ_CARD_STATE_ERROR : INJ_CARD_STATE_LOADING, error);
    }
  else
    {
      /* not the card the agent signed with at this desk, when there are two */
      inj_card_picker_set_avoid_reader (self->card_picker,
                                        inj_session_get_agent_reader (self->session));
      /* the representative's card, if the person said which on another page */
      inj_card_picker_set_remembered_reader (self->card_picker,
                                             inj_session_get_service_reader (self->session));
      /* the present state stays until the card says otherwise */
      if (self->state != INJ_SIGN_STATE_CARD && self->state != INJ_SIGN_STATE_READY &&
          self->state != INJ_SIGN_STATE_LOCKED)
        show_card (self, INJ_CARD_STATE_LOADING, NULL);
      inj_card_survey_async (self->monitor, ++self->generation,
                             inj_job_restart (self->survey, NULL), survey_cb, g_object_ref (self));
    }
  return G_SOURCE_REMOVE;
}

/* At the default priority, not an idle one: while the spinner turns, the
 * frame clock would keep a busy machine from ever reaching an idle. */
static void
queue_refresh (InjSignPage *self)
{
  if (self->refresh_idle == 0 && !self->disposed)
    self->refresh_idle = g_idle_add_full (G_PRIORITY_DEFAULT, refresh_now, self, NULL);
}

/* ------------------------------------------------------------ signing */

static void
end_operation (InjSignPage *self,
               const char *message)
{
  inj_job_end (self->operation);
  set_message (self, message);
  queue_refresh (self);
}

static void
sign_done (GObject *source,
           GAsyncResult *result,
           gpointer user_data)
{
  g_autoptr(InjSignPage) self = user_data;
  InjSignJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  InjSignResult *r = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *text = NULL;

  if (self->disposed)
    {
      g_clear_pointer (&r, inj_sign_result_free);
      return;
    }
  if (r == NULL)
    {
      inj_diagnostics_note_failure ("sign", NULL, error);
      end_operation (self, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                           ? _("Cancelled. Nothing was signed.") : error->message);
      return;
    }
  text = inj_sign_result_describe (r->verification);
  if (!inj_verification_is_valid (r->verification))
    inj_diagnostics_note_failure ("sign", inj_failure_reason_for_verification (r->verification),
                                  NULL);
  if (r->signed_xml == NULL)
    end_operation (self, text);
  else if (inj_session_get_delegation (self->session) != job->delegation)
    end_operation (self, _("The delegation changed while it was being signed. Review it and "
                           "sign it again."));
  else
    {
      g_free (self->signed_note);
      self->signed_note = inj_verification_has_warnings (r->verification) ? g_steal_pointer (&text)
                                                                           : NULL;
      inj_expiry_box_set_certificate (self->signed_expiry,
                                      inj_verification_get_signer (r->verification));
      inj_session_set_signed_delegation (self->session, r->signed_xml);
      inj_session_set_package_dir (self->session, r->package_dir);
      end_operation (self, NULL);
    }
  inj_sign_result_free (r);
}

static void
begin_signing (InjSignPage *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  InjSignJob *job;
  InjCertificate *agent;
  GTlsInteraction *interaction = inj_session_get_interaction (self->session);
  g_autofree char *parties = NULL;
  InjTrustStore *trust = inj_session_dup_trust_store (self->session, &error);

  if (trust == NULL)
    {
      end_operation (self, error->message);
      return;
    }
  set_state (self, INJ_SIGN_STATE_WORKING);
  job = g_new0 (InjSignJob, 1);
  job->trust = trust;
  job->delegation = g_object_ref (inj_session_get_delegation (self->session));
  job->submission = g_bytes_ref (inj_session_get_submission (self->session));
  job->signer.card.card = g_object_ref (self->card);
  /* the prompt names the delegation as the page does */
  parties = inj_render_delegation_parties (job->delegation, inj_session_get_reveal (self->session));
  job->signer.card.interaction =
    interaction ? inj_prompt_interaction_new (interaction, INJ_PROMPT_SIGN_DELEGATION, parties)
                : NULL;
  job->signer.card.cancellable = g_object_ref (inj_job_get_cancellable (self->operation));
  job->signer.delegation = job->delegation;
  job->signer.role = INJ_HOLDER_REPRESENTATIVE;
  /* the agent signed with this certificate: never the representative's too */
  agent = inj_session_get_agent_certificate (self->session);
  job->signer.other = agent ? g_bytes_ref (inj_certificate_get_der (agent)) : NULL;
  task = g_task_new (NULL, inj_job_get_cancellable (self->operation), sign_done,
                     g_object_ref (self));
  g_task_set_source_tag (task, begin_signing);
  /* What the thread did is reported even when cancelled late: a package
   * stored is a package stored. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) inj_sign_job_free);
  g_task_run_in_thread (task, inj_sign_job_thread);
}

/* The tries left, read again (no try used) just before asking. */
static void
start_tries_cb (GObject *source,
                GAsyncResult *result,
                gpointer user_data)
{
  g_autoptr(InjSignPage) self = user_data;
  g_autoptr(InjPinTries) tries = inj_pin_tries_read_finish (result, NULL);
  const InjPinStatus *status;

  if (self->disposed)
    return;
  if (tries == NULL || tries->status == NULL)
    {
      end_operation (self, tries ? tries->text : _("Cancelled. Nothing was signed."));
      return;
    }
  g_clear_pointer (&self->pin_status, inj_pin_status_free);
  self->pin_status = g_steal_pointer (&tries->status);
  status = self->pin_status;
  if (status->locked)
    {
      inj_job_end (self->operation);
      set_state (self, INJ_SIGN_STATE_LOCKED);
    }
  else if (status->final_try || status->tries_left == 1)
    set_state (self, INJ_SIGN_STATE_CONFIRM);
  else
    begin_signing (self);
}

static void
start_activated (GtkWidget *widget,
                 const char *action_name,
                 GVariant *parameter)
{
  InjSignPage *self = INJ_SIGN_PAGE (widget);

  if (self->state != INJ_SIGN_STATE_READY || inj_job_get_busy (self->operation) ||
      self->card == NULL)
    return;
  inj_job_begin (self->operation, NULL); /* the last attempt's message goes */
  set_state (self, INJ_SIGN_STATE_WORKING);
  inj_pin_tries_read_async (self->card, INJ_PIN_SIGN, inj_job_get_cancellable (self->operation),
                            start_tries_cb,
                            g_object_ref (self));
}

static void
confirm_activated (GtkWidget *widget,
                   const char *action_name,
                   GVariant *parameter)
{
  InjSignPage *self = INJ_SIGN_PAGE (widget);

  if (self->state == INJ_SIGN_STATE_CONFIRM && inj_job_get_busy (self->operation))
    begin_signing (self);
}

/* Leaves the confirmation, or cancels what is under way (the password
 * dialog closes with it). */
static void
abort_operation (InjSignPage *self,
                 const char *message)
{
  if (self->state == INJ_SIGN_STATE_CONFIRM)
    {
      g_autofree char *tries = inj_pin_status_describe (self->pin_status);

      end_operation (self, message);
      if (!self->disposed)
        show_ready (self, tries);
    }
  else
    inj_job_stop (self->operation);
}

static void
back_activated (GtkWidget *widget,
                const char *action_name,
                GVariant *parameter)
{
  abort_operation (INJ_SIGN_PAGE (widget), _("Cancelled. Nothing was signed."));
}

static void
cancel_activated (GtkWidget *widget,
                  const char *action_name,
                  GVariant *parameter)
{
  abort_operation (INJ_SIGN_PAGE (widget), NULL);
}

/* Another reader chosen: nothing is signed with the card shown before, and
 * the sign button waits for the new card's tries left. */
static void
card_chosen (InjSignPage *self)
{
  InjCard *chosen = inj_card_picker_get_card (self->card_picker);

  if (inj_job_get_busy (self->operation))
    return; /* the picker is not shown while at work; its end refreshes */
  /* the representative's card, also for uploading: not asked twice */
  if (inj_card_picker_get_chosen_by_person (self->card_picker))
    inj_session_set_service_reader (self->session, inj_card_get_reader (chosen));
  g_clear_object (&self->card);
  g_clear_pointer (&self->pin_status, inj_pin_status_free);
  gtk_label_set_text (self->tries_label, _("Reading the tries left…"));
  inj_expiry_box_set_card (self->ready_expiry, NULL);
  queue_refresh (self);
}

/* ------------------------------------------------------------ the session */

static void
work_changed (InjSignPage *self)
{
  abort_operation (self, NULL);
  set_message (self, NULL);
  g_clear_pointer (&self->signed_note, g_free);
  inj_expiry_box_set_certificate (self->signed_expiry, NULL);
  queue_refresh (self);
}

/* The names shown or masked as the switch says. */
static void
reveal_changed (InjSignPage *self)
{
  g_autofree char *description =
    inj_session_get_delegation (self->session) ? describe_delegation (self) : NULL;

  if (description)
    adw_status_page_set_description (self->ready_page, description);
}

static void
privacy_lock (InjSignPage *self)
{
  abort_operation (self, NULL);
  set_message (self, NULL);
  queue_refresh (self);
}

/* Loading the PKCS#11 module can take seconds: the session does it in a
 * thread and says when it is done. */
static void
follow_monitor (InjSignPage *self)
{
  InjCardMonitor *monitor = inj_session_get_monitor (self->session);

  if (self->monitor || monitor == NULL)
    return;
  self->monitor = g_object_ref (monitor);
  g_signal_connect_object (monitor, "changed", G_CALLBACK (queue_refresh), self,
                           G_CONNECT_SWAPPED);
  inj_card_monitor_watch (monitor, WATCH_INTERVAL_MS);
}

static void
session_monitor_changed (InjSignPage *self)
{
  follow_monitor (self);
  queue_refresh (self);
}

static void
inj_sign_page_constructed (GObject *object)
{
  InjSignPage *self = INJ_SIGN_PAGE (object);

  G_OBJECT_CLASS (inj_sign_page_parent_class)->constructed (object);
  g_signal_connect_object (self->session, "notify::delegation", G_CALLBACK (work_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::submission", G_CALLBACK (work_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::signed-delegation",
                           G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::package-dir", G_CALLBACK (queue_refresh),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "privacy-lock", G_CALLBACK (privacy_lock), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::reveal", G_CALLBACK (reveal_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::monitor",
                           G_CALLBACK (session_monitor_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::monitor-error",
                           G_CALLBACK (session_monitor_changed), self, G_CONNECT_SWAPPED);
  /* the page reads and shows the tries left itself */
  inj_card_picker_set_show_tries (self->card_picker, FALSE);
  inj_card_picker_set_hint (self->card_picker, _("Insert your My Number card into the reader."));
  inj_card_picker_set_question (self->card_picker, _("Which card is the representative's?"));
  inj_card_picker_set_session (self->card_picker, self->session);
  g_signal_connect_object (self->card_picker, "notify::card", G_CALLBACK (card_chosen), self,
                           G_CONNECT_SWAPPED);
  set_state (self, INJ_SIGN_STATE_MISSING);
  follow_monitor (self);
  refresh_now (self);
}

static void
inj_sign_page_dispose (GObject *object)
{
  InjSignPage *self = INJ_SIGN_PAGE (object);

  self->disposed = TRUE;
  inj_job_stop (self->survey);
  inj_job_stop (self->operation);
  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  if (self->monitor)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
  g_clear_object (&self->card);
  gtk_widget_dispose_template (GTK_WIDGET (self), INJ_TYPE_SIGN_PAGE);
  G_OBJECT_CLASS (inj_sign_page_parent_class)->dispose (object);
}

static void
inj_sign_page_finalize (GObject *object)
{
  InjSignPage *self = INJ_SIGN_PAGE (object);

  g_clear_object (&self->session);
  g_clear_object (&self->survey);
  g_clear_object (&self->operation);
  g_clear_pointer (&self->pin_status, inj_pin_status_free);
  g_free (self->signed_note);
  G_OBJECT_CLASS (inj_sign_page_parent_class)->finalize (object);
}

static void
inj_sign_page_get_property (GObject *object,
                            guint prop_id,
                            GValue *value,
                            GParamSpec *pspec)
{
  InjSignPage *self = INJ_SIGN_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inj_sign_page_set_property (GObject *object,
                            guint prop_id,
                            const GValue *value,
                            GParamSpec *pspec)
{
  InjSignPage *self = INJ_SIGN_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_set_object (&self->session, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inj_sign_page_class_init (InjSignPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = inj_sign_page_constructed;
  object_class->dispose = inj_sign_page_dispose;
  object_class->finalize = inj_sign_page_finalize;
  object_class->get_property = inj_sign_page_get_property;
  object_class->set_property = inj_sign_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, INJ_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* An InjSignState. */
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, INJ_SIGN_STATE_MISSING, INJ_SIGN_STATE_SIGNED,
                      INJ_SIGN_STATE_MISSING,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "sign.start", NULL, start_activated);
  gtk_widget_class_install_action (widget_class, "sign.confirm", NULL, confirm_activated);
  gtk_widget_class_install_action (widget_class, "sign.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "sign.cancel", NULL, cancel_activated);

  _inj_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ininjo/Ininjo/ui/inj-sign-page.ui");
  gtk_widget_class_bind_template_child (widget_class, InjSignPage, stack);
  gtk_widget_class_bind_template_child (widget_class, InjSignPage, missing_page);
  gtk_widget_class_bind_template_child (widget_class, InjSignPage, card_page);
  gtk_widget_class_bind_template_child (widget_class, InjSignPage, card_picker);
  gtk_widget_class_bind_template_child (widget_class, InjSignPage, ready_expiry);
  gtk_widget_class_bind_template_child (widget_class, InjSignPage, signed_expiry);
  gtk_widget_class_bind_template_child (widget_class, InjSignPage, card_details_label);
  gtk_widget_class_bind_template_child (widget_class, InjSignPage, ready_page);
  gtk_widget_class_bind_template_child (widget_class, InjSignPage, tries_label);
  gtk_widget_class_bind_template_child (widget_class, InjSignPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, InjSignPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, InjSignPage, signed_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
inj_sign_page_init (InjSignPage *self)
{
  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  g_type_ensure (INJ_TYPE_CARD_PICKER);
  g_type_ensure (INJ_TYPE_EXPIRY_BOX);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->survey = inj_job_new ();
  self->operation = inj_job_new ();
}

GtkWidget *
inj_sign_page_new (InjSession *session)
{
  g_return_val_if_fail (INJ_IS_SESSION (session), NULL);
  return g_object_new (INJ_TYPE_SIGN_PAGE, "session", session, NULL);
}

InjSignState
inj_sign_page_get_state (InjSignPage *self)
{
  g_return_val_if_fail (INJ_IS_SIGN_PAGE (self), INJ_SIGN_STATE_MISSING);
  return self->state;
}

InjCardState
inj_sign_page_get_card_state (InjSignPage *self)
{
  g_return_val_if_fail (INJ_IS_SIGN_PAGE (self), INJ_CARD_STATE_ERROR);
  return self->card_state;
}

const InjPinStatus *
inj_sign_page_get_pin_status (InjSignPage *self)
{
  g_return_val_if_fail (INJ_IS_SIGN_PAGE (self), NULL);
  return self->pin_status;
}

const char *
inj_sign_page_get_tries_text (InjSignPage *self)
{
  g_return_val_if_fail (INJ_IS_SIGN_PAGE (self), NULL);
  return gtk_label_get_text (self->tries_label);
}

const char *
inj_sign_page_get_message (InjSignPage *self)
{
  g_return_val_if_fail (INJ_IS_SIGN_PAGE (self), NULL);
  return inj_job_get_problem (self->operation);
}

const char *
inj_sign_page_get_description (InjSignPage *self)
{
  g_return_val_if_fail (INJ_IS_SIGN_PAGE (self), NULL);
  return adw_status_page_get_description (self->ready_page);
}

InjCardPicker *
inj_sign_page_get_card_picker (InjSignPage *self)
{
  g_return_val_if_fail (INJ_IS_SIGN_PAGE (self), NULL);
  return self->card_picker;
}

InjExpiryBox *
inj_sign_page_get_expiry (InjSignPage *self,
                          gboolean signed_)
{
  g_return_val_if_fail (INJ_IS_SIGN_PAGE (self), NULL);
  return signed_ ? self->signed_expiry : self->ready_expiry;
}
