/* inj-card-page.c */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-card-page.h"
#include "inj-expiry-box.h"
#include "inj-job.h"
#include "inj-pin-change-dialog.h"
#include "inj-a11y.h"
#include "inj-ui-private.h"
#include "inj-window.h"

#define WATCH_INTERVAL_MS 1000

struct _InjCardPage {
  GtkWidget parent_instance;

  AdwStatusPage *status_page;
  GtkLabel *details_label;
  GtkExpander *details_expander;
  GtkWidget *retry_button;
  GtkWidget *pins_list;
  AdwActionRow *sign_row;
  AdwActionRow *auth_row;
  GtkWidget *sign_change_button;
  GtkWidget *auth_change_button;
  InjExpiryBox *expiry;
  GtkWidget *pin_dialog;       /* weak: the change of a PIN being shown */

  InjSession *session;
  InjCardMonitor *monitor;
  InjJob *job;                 /* the survey and its PIN reads; a change restarts it */
  InjCard *card;               /* the card surveyed, when READY */
  guint reads;                 /* PIN reads of the survey still under way */
  InjCardState state;
  guint generation;
};

G_DEFINE_FINAL_TYPE (InjCardPage, inj_card_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_STATE,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

const char *
inj_card_state_title (InjCardState state)
{
  switch (state)
    {
    case INJ_CARD_STATE_LOADING:
      return _("Looking for card readers…");
    case INJ_CARD_STATE_ERROR:
      return _("The card service cannot be used");
    case INJ_CARD_STATE_NO_READER:
      return _("No card reader");
    case INJ_CARD_STATE_NO_CARD:
      return _("No card in the reader");
    case INJ_CARD_STATE_NOT_MY_NUMBER:
      return _("This is not a My Number card");
    case INJ_CARD_STATE_READY:
      return _("My Number card ready");
    case INJ_CARD_STATE_LOCKED:
      return _("My Number card locked");
    case INJ_CARD_STATE_NO_TOKEN:
      return _("This My Number card cannot be used here");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
inj_card_state_description (InjCardState state)
{
  switch (state)
    {
    case INJ_CARD_STATE_LOADING:
      return "";
    case INJ_CARD_STATE_ERROR:
      /* the services' names are for 「詳細」 */
      return _("This computer is not ready to read cards. Restart it and try again; if that "
               "does not help, give the support staff what Details shows.");
    case INJ_CARD_STATE_NO_READER:
      return _("Connect a card reader (USB or NFC).");
    case INJ_CARD_STATE_NO_CARD:
      return _("Insert your My Number card into the reader.");
    case INJ_CARD_STATE_NOT_MY_NUMBER:
      return _("Remove this card and insert your My Number card.");
    case INJ_CARD_STATE_READY:
      return _("Nothing is sent to the card until you sign; reading the tries left uses none of them.");
    case INJ_CARD_STATE_LOCKED:
      return _("Too many wrong entries have locked the card. Nothing you wrote is lost. Bring "
               "your My Number card to the office of the city where you live (市区町村の窓口) "
               "and ask to have the PIN or password reset.");
    case INJ_CARD_STATE_NO_TOKEN:
      return _("The card answers as a My Number card, but the card software of this computer "
               "cannot use it. Give the support staff what Details shows.");
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
show_state (InjCardPage *self,
            InjCardState state,
            const char *details)
{
  self->state = state;
  adw_status_page_set_title (self->status_page, inj_card_state_title (state));
  adw_status_page_set_description (self->status_page, inj_card_state_description (state));
  adw_status_page_set_icon_name (self->status_page,
                                 state == INJ_CARD_STATE_ERROR ? "dialog-error-symbolic"
                                 : state == INJ_CARD_STATE_READY ? "emblem-ok-symbolic"
                                 : "media-flash-symbolic");
  /* the technical words (pcscd, OpenSC, the card's answers) behind 詳細 */
  gtk_label_set_text (self->details_label, details ? details : "");
  gtk_widget_set_visible (GTK_WIDGET (self->details_expander), details && *details);
  if (!(details && *details))
    gtk_expander_set_expanded (self->details_expander, FALSE);
  gtk_widget_set_visible (self->retry_button,
                          state != INJ_CARD_STATE_READY && state != INJ_CARD_STATE_LOADING);
  gtk_widget_set_visible (self->pins_list, state == INJ_CARD_STATE_READY);
  if (state != INJ_CARD_STATE_READY)
    {
      g_clear_object (&self->card);
      adw_action_row_set_subtitle (self->sign_row, "");
      adw_action_row_set_subtitle (self->auth_row, "");
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.change-password",
                                 state == INJ_CARD_STATE_READY);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.change-pin",
                                 state == INJ_CARD_STATE_READY);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
pin_tries_cb (GObject *source,
              GAsyncResult *result,
              gpointer user_data)
{
  InjCardPage *self;
  g_autoptr(InjPinTries) tries = inj_pin_tries_read_finish (result, NULL);
  g_autofree char *count = NULL;
  AdwActionRow *row;

  if (tries == NULL)
    return; /* cancelled: the page is gone, or a newer survey runs */
  self = INJ_CARD_PAGE (user_data);
  if (--self->reads == 0)
    inj_job_end (self->job);
  if (self->state != INJ_CARD_STATE_READY)
    return;
  row = tries->pin == INJ_PIN_SIGN ? self->sign_row : self->auth_row;
  if (tries->status == NULL)
    {
      gtk_label_set_text (self->details_label, tries->text);
      gtk_widget_set_visible (GTK_WIDGET (self->details_label), TRUE);
      adw_action_row_set_subtitle (row, _("Tries left unknown"));
      return;
    }
  /* the row's title names the PIN: its subtitle says the count alone */
  count = inj_pin_status_describe_count (tries->status);
  adw_action_row_set_subtitle (row, count);
  if (tries->warn)
    gtk_widget_add_css_class (GTK_WIDGET (row), "inj-pin-warn");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "inj-pin-warn");
}

static void
survey_cb (GObject *source,
           GAsyncResult *result,
           gpointer user_data)
{
  InjCardPage *self;
  g_autoptr(InjCardSurvey) survey = inj_card_survey_finish (result, NULL);

  if (survey == NULL)
    return; /* cancelled: the page is gone */
  self = INJ_CARD_PAGE (user_data);
  if (survey->tag != self->generation)
    return;
  show_state (self, survey->state, survey->details);
  g_set_object (&self->card, survey->card);
  /* the authentication certificate's end, labelled as such: no PIN here */
  inj_expiry_box_set_card (self->expiry, survey->card);
  if (survey->card == NULL)
    {
      inj_job_end (self->job);
      return;
    }
  self->reads = 2;
  inj_pin_tries_read_async (survey->card, INJ_PIN_SIGN, inj_job_get_cancellable (self->job),
                            pin_tries_cb, self);
  inj_pin_tries_read_async (survey->card, INJ_PIN_AUTH, inj_job_get_cancellable (self->job),
                            pin_tries_cb, self);
}

static void
start_survey (InjCardPage *self)
{
  self->reads = 0;
  inj_card_survey_async (self->monitor, ++self->generation, inj_job_restart (self->job, NULL),
                         survey_cb, self);
}

/* 「再試行」: look again now, without waiting for the next change. */
static void
retry_activated (GtkWidget *widget,
                 const char *action_name,
                 GVariant *parameter)
{
  InjCardPage *self = INJ_CARD_PAGE (widget);

  if (self->monitor == NULL)
    return; /* the card service failed to load: its state stays, with why */
  show_state (self, INJ_CARD_STATE_LOADING, NULL);
  start_survey (self);
}

static void
pin_changed (InjCardPage *self,
             InjPinChangeDialog *dialog)
{
  inj_window_toast (GTK_WIDGET (self), inj_pin_change_done_text (inj_pin_change_dialog_get_pin (dialog)));
}

/* Changed, or a wrong current value tried: the counts shown are old. */
static void
pin_dialog_closed (InjCardPage *self)
{
  if (self->monitor)
    start_survey (self);
}

GtkWidget *
inj_card_page_change_pin (InjCardPage *self,
                          InjPinKind pin)
{
  GtkRoot *root;

  g_return_val_if_fail (INJ_IS_CARD_PAGE (self), NULL);
  if (self->pin_dialog)
    {
      /* one change at a time: the one under way comes to the front */
      gtk_window_present (GTK_WINDOW (self->pin_dialog));
      return self->pin_dialog;
    }
  /* a card whose locked PIN hides it: the page itself says what to do */
  if (self->card == NULL && self->state == INJ_CARD_STATE_LOCKED)
    return NULL;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  self->pin_dialog = inj_pin_change_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                self->card, pin);
  g_object_add_weak_pointer (G_OBJECT (self->pin_dialog), (gpointer *) &self->pin_dialog);
  g_signal_connect_object (self->pin_dialog, "changed", G_CALLBACK (pin_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pin_dialog, "destroy", G_CALLBACK (pin_dialog_closed), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->pin_dialog));
  return self->pin_dialog;
}

GtkWidget *
inj_card_page_get_pin_change_dialog (InjCardPage *self)
{
  g_return_val_if_fail (INJ_IS_CARD_PAGE (self), NULL);
  return self->pin_dialog;
}

GtkWidget *
inj_card_page_get_change_button (InjCardPage *self,
                                 InjPinKind pin)
{
  g_return_val_if_fail (INJ_IS_CARD_PAGE (self), NULL);
  return pin == INJ_PIN_SIGN ? self->sign_change_button : self->auth_change_button;
}

static void
change_activated (GtkWidget *widget,
                  const char *action_name,
                  GVariant *parameter)
{
  inj_card_page_change_pin (INJ_CARD_PAGE (widget), g_str_equal (action_name, "card.change-pin")
                                                      ? INJ_PIN_AUTH : INJ_PIN_SIGN);
}

static void
set_monitor (InjCardPage *self,
             InjCardMonitor *monitor)
{
  self->monitor = g_object_ref (monitor);
  g_signal_connect_object (monitor, "changed", G_CALLBACK (start_survey), self, G_CONNECT_SWAPPED);
  inj_card_monitor_watch (monitor, WATCH_INTERVAL_MS);
  start_survey (self);
}

static void
session_monitor_changed (InjCardPage *self)
{
  InjCardMonitor *monitor = inj_session_get_monitor (self->session);

  if (self->monitor == NULL && monitor)
    set_monitor (self, monitor);
  else if (monitor == NULL && inj_session_get_monitor_error (self->session))
    show_state (self, INJ_CARD_STATE_ERROR, inj_session_get_monitor_error (self->session));
}

static void
inj_card_page_constructed (GObject *object)
{
  InjCardPage *self = INJ_CARD_PAGE (object);

  G_OBJECT_CLASS (inj_card_page_parent_class)->constructed (object);
  show_state (self, INJ_CARD_STATE_LOADING, NULL);
  /* Loading the PKCS#11 module can take seconds (OpenSC asks pcscd): the
   * session does it in a thread and says when it is done. */
  g_signal_connect_object (self->session, "notify::monitor",
                           G_CALLBACK (session_monitor_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::monitor-error",
                           G_CALLBACK (session_monitor_changed), self, G_CONNECT_SWAPPED);
  session_monitor_changed (self);
}

static void
inj_card_page_dispose (GObject *object)
{
  InjCardPage *self = INJ_CARD_PAGE (object);

  inj_job_stop (self->job);
  if (self->pin_dialog)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->pin_dialog), (gpointer *) &self->pin_dialog);
      g_signal_handlers_disconnect_by_data (self->pin_dialog, self);
      self->pin_dialog = NULL;
    }
  g_clear_object (&self->card);
  if (self->monitor)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), INJ_TYPE_CARD_PAGE);
  G_OBJECT_CLASS (inj_card_page_parent_class)->dispose (object);
}

static void
inj_card_page_finalize (GObject *object)
{
  InjCardPage *self = INJ_CARD_PAGE (object);

  g_clear_object (&self->job);
  G_OBJECT_CLASS (inj_card_page_parent_class)->finalize (object);
}

static void
inj_card_page_get_property (GObject *object,
                            guint prop_id,
                            GValue *value,
                            GParamSpec *pspec)
{
  InjCardPage *self = INJ_CARD_PAGE (object);

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
inj_card_page_set_property (GObject *object,
                            guint prop_id,
                            const GValue *value,
                            GParamSpec *pspec)
{
  InjCardPage *self = INJ_CARD_PAGE (object);

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
inj_card_page_class_init (InjCardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = inj_card_page_constructed;
  object_class->dispose = inj_card_page_dispose;
  object_class->finalize = inj_card_page_finalize;
  object_class->get_property = inj_card_page_get_property;
  object_class->set_property = inj_card_page_set_property;

  /* The session whose card monitor the page shows. */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, INJ_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* An InjCardState. */
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, INJ_CARD_STATE_LOADING, INJ_CARD_STATE_READY,
                      INJ_CARD_STATE_LOADING,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  _inj_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ininjo/Ininjo/ui/inj-card-page.ui");
  gtk_widget_class_bind_template_child (widget_class, InjCardPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, InjCardPage, details_label);
  gtk_widget_class_bind_template_child (widget_class, InjCardPage, details_expander);
  gtk_widget_class_bind_template_child (widget_class, InjCardPage, retry_button);
  gtk_widget_class_install_action (widget_class, "card.retry", NULL, retry_activated);
  gtk_widget_class_bind_template_child (widget_class, InjCardPage, pins_list);
  gtk_widget_class_bind_template_child (widget_class, InjCardPage, sign_row);
  gtk_widget_class_bind_template_child (widget_class, InjCardPage, auth_row);
  gtk_widget_class_bind_template_child (widget_class, InjCardPage, sign_change_button);
  gtk_widget_class_bind_template_child (widget_class, InjCardPage, auth_change_button);
  /* 変更… of each PIN: the window's win.change-pin reaches them too */
  gtk_widget_class_install_action (widget_class, "card.change-password", NULL, change_activated);
  gtk_widget_class_install_action (widget_class, "card.change-pin", NULL, change_activated);
  gtk_widget_class_bind_template_child (widget_class, InjCardPage, expiry);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
inj_card_page_init (InjCardPage *self)
{
  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  g_type_ensure (INJ_TYPE_EXPIRY_BOX);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->job = inj_job_new ();
  inj_ui_set_accessible_label (self->sign_change_button, _("Change the Signing Password"));
  inj_ui_set_accessible_label (self->auth_change_button, _("Change the Authentication PIN"));
}

GtkWidget *
inj_card_page_new (InjSession *session)
{
  g_return_val_if_fail (INJ_IS_SESSION (session), NULL);
  return g_object_new (INJ_TYPE_CARD_PAGE, "session", session, NULL);
}

InjCardState
inj_card_page_get_state (InjCardPage *self)
{
  g_return_val_if_fail (INJ_IS_CARD_PAGE (self), INJ_CARD_STATE_ERROR);
  return self->state;
}

const char *
inj_card_page_get_title (InjCardPage *self)
{
  g_return_val_if_fail (INJ_IS_CARD_PAGE (self), NULL);
  return adw_status_page_get_title (self->status_page);
}

const char *
inj_card_page_get_details (InjCardPage *self)
{
  g_return_val_if_fail (INJ_IS_CARD_PAGE (self), NULL);
  return gtk_label_get_text (self->details_label);
}

InjExpiryBox *
inj_card_page_get_expiry (InjCardPage *self)
{
  g_return_val_if_fail (INJ_IS_CARD_PAGE (self), NULL);
  return self->expiry;
}

GtkWidget *
inj_card_page_get_retry_button (InjCardPage *self)
{
  g_return_val_if_fail (INJ_IS_CARD_PAGE (self), NULL);
  return self->retry_button;
}

GtkExpander *
inj_card_page_get_details_expander (InjCardPage *self)
{
  g_return_val_if_fail (INJ_IS_CARD_PAGE (self), NULL);
  return self->details_expander;
}
