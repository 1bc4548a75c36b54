/* inj-pin-change-dialog.c
 *
 * The entries keep their text in GtkPasswordEntryBuffer (locked memory,
 * wiped when freed). The values leave them once, when 変更 is pressed,
 * into InjSecrets that go to the card layer, and the entries are emptied
 * at once: whatever the card answers, the person types again. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-audit.h"
#include "inj-card-page.h"
#include "inj-pin-change-dialog.h"
#include "inj-pin-tries.h"
#include "inj-ui-private.h"


struct _InjPinChangeDialog {
  GtkWindow parent_instance;

  AdwWindowTitle *window_title;
  GtkWidget *cancel_button;
  GtkWidget *change_button;
  GtkStack *stack;
  GtkSpinner *checking_spinner;
  GtkSpinner *working_spinner;
  GtkLabel *intro_label;
  GtkLabel *tries_label;
  AdwPasswordEntryRow *current_entry;
  AdwPasswordEntryRow *new_entry;
  AdwPasswordEntryRow *again_entry;
  GtkLabel *rule_label;
  GtkLabel *check_label;
  GtkLabel *problem_label;
  GtkExpander *details_expander;
  GtkLabel *details_label;
  AdwStatusPage *stopped_page;
  GtkExpander *stopped_expander;
  GtkLabel *stopped_details;

  InjCard *card;
  InjPinKind pin;
  InjPinChangeState state;
  InjPinStatus *status;
  GCancellable *cancellable;
  char *tries_text;
  /* what went wrong with the change, shown once the tries are read again */
  char *pending_problem;
  char *pending_details;
  gboolean pending_count;      /* the problem ends with the tries left */
};

G_DEFINE_FINAL_TYPE (InjPinChangeDialog, inj_pin_change_dialog, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

/* ------------------------------------------------------------ the words */

const char *
inj_pin_change_done_text (InjPinKind pin)
{
  return pin == INJ_PIN_SIGN ? _("The signing password was changed")
                             : _("The authentication PIN was changed");
}

static const char *
entry_title (InjPinKind pin,
             InjPinChangeEntry which)
{
  switch (which)
    {
    case INJ_PIN_CHANGE_ENTRY_CURRENT:
      return pin == INJ_PIN_SIGN ? C_("pin change dialog", "Current password")
                                 : C_("pin change dialog", "Current PIN");
    case INJ_PIN_CHANGE_ENTRY_NEW:
      return pin == INJ_PIN_SIGN ? C_("pin change dialog", "New password")
                                 : C_("pin change dialog", "New PIN");
    case INJ_PIN_CHANGE_ENTRY_AGAIN:
    default:
      return pin == INJ_PIN_SIGN ? C_("pin change dialog", "New password again")
                                 : C_("pin change dialog", "New PIN again");
    }
}

static char *
describe_tries (const InjPinStatus *status)
{
  if (status->tries_left < 0)
    return g_strdup (_("The tries left could not be read. A wrong current value uses one try."));
  if (status->final_try || status->tries_left == 1)
    return g_strdup (_("One try left: a wrong current value locks it."));
  return g_strdup_printf (_("%d of %d tries left. A wrong current value uses one."),
                          status->tries_left, status->max_tries);
}

/* ------------------------------------------------------------ the values */

/* Whether @text has the form the card layer checks: the signing password
 * upper-cased first (its copy wiped), as the card layer upper-cases it. */
static gboolean
value_acceptable (InjPinKind pin,
                  const char *text)
{
  return inj_pin_check_typed (pin, text, strlen (text));
}

static const char *
text_of (AdwPasswordEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gboolean
values_match (InjPinKind pin,
              const char *a,
              const char *b)
{
  /* the signing password is upper-cased: "abc123" is "ABC123" */
  return pin == INJ_PIN_SIGN ? g_ascii_strcasecmp (a, b) == 0 : strcmp (a, b) == 0;
}

/* Why 変更 cannot be pressed yet, said only once it helps: NULL when the
 * values are ready or not yet typed. */
static const char *
check_values (InjPinChangeDialog *self,
              gboolean *ready)
{
  const char *current = text_of (self->current_entry);
  const char *new_value = text_of (self->new_entry);
  const char *again = text_of (self->again_entry);
  gboolean sign = self->pin == INJ_PIN_SIGN;

  *ready = FALSE;
  if (*new_value && !value_acceptable (self->pin, new_value))
    return sign ? _("The new password must be 6 to 16 capital letters (A–Z) and digits (0–9).")
                : _("The new PIN must be 4 digits.");
  if (*new_value && *again && !values_match (self->pin, new_value, again))
    return sign ? _("The two new passwords differ.") : _("The two new PINs differ.");
  if (*current && !value_acceptable (self->pin, current))
    return sign ? _("A signing password is 6 to 16 letters and digits: check the current one.")
                : _("A PIN is 4 digits: check the current one.");
  *ready = *current && *new_value && *again;
  return NULL;
}

static void
update_check (InjPinChangeDialog *self)
{
  gboolean ready;
  const char *why = check_values (self, &ready);

  gtk_label_set_text (self->check_label, why ? why : "");
  gtk_widget_set_visible (GTK_WIDGET (self->check_label), why != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pin-change.change",
                                 ready && self->state == INJ_PIN_CHANGE_FORM);
}

static void
entries_changed (InjPinChangeDialog *self)
{
  /* a new attempt: the last one's problem is history */
  if (*text_of (self->current_entry) || *text_of (self->new_entry))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);
      gtk_label_set_text (self->problem_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->details_expander), FALSE);
    }
  update_check (self);
}

static void
clear_entries (InjPinChangeDialog *self)
{
  g_signal_handlers_block_by_func (self->current_entry, entries_changed, self);
  g_signal_handlers_block_by_func (self->new_entry, entries_changed, self);
  g_signal_handlers_block_by_func (self->again_entry, entries_changed, self);
  gtk_editable_set_text (GTK_EDITABLE (self->current_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->again_entry), "");
  g_signal_handlers_unblock_by_func (self->current_entry, entries_changed, self);
  g_signal_handlers_unblock_by_func (self->new_entry, entries_changed, self);
  g_signal_handlers_unblock_by_func (self->again_entry, entries_changed, self);
  update_check (self);
}

/* ------------------------------------------------------------ the states */

static void
set_state (InjPinChangeDialog *self,
           InjPinChangeState state)
{
  static const char *const pages[] = {
    [INJ_PIN_CHANGE_CHECKING] = "checking", [INJ_PIN_CHANGE_FORM] = "form",
    [INJ_PIN_CHANGE_WORKING] = "working", [INJ_PIN_CHANGE_LOCKED] = "stopped",
    [INJ_PIN_CHANGE_FAILED] = "stopped", [INJ_PIN_CHANGE_CHANGED_UNLOCKED] = "stopped",
    [INJ_PIN_CHANGE_DONE] = "working",
  };
  gboolean busy = state == INJ_PIN_CHANGE_WORKING || state == INJ_PIN_CHANGE_DONE;

  self->state = state;
  gtk_stack_set_visible_child_name (self->stack, pages[state]);
  gtk_spinner_set_spinning (self->checking_spinner, state == INJ_PIN_CHANGE_CHECKING);
  gtk_spinner_set_spinning (self->working_spinner, state == INJ_PIN_CHANGE_WORKING);
  /* while the card works the dialog stays: a change cut off half-way
   * would leave the person not knowing which value holds */
  gtk_window_set_deletable (GTK_WINDOW (self), !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pin-change.cancel", !busy);
  gtk_widget_set_visible (self->change_button,
                          state == INJ_PIN_CHANGE_FORM || state == INJ_PIN_CHANGE_WORKING ||
                          state == INJ_PIN_CHANGE_CHECKING);
  gtk_button_set_label (GTK_BUTTON (self->cancel_button),
                        state == INJ_PIN_CHANGE_LOCKED || state == INJ_PIN_CHANGE_FAILED ||
                        state == INJ_PIN_CHANGE_CHANGED_UNLOCKED ? _("_Close") : _("_Cancel"));
  update_check (self);
  if (state == INJ_PIN_CHANGE_FORM)
    gtk_widget_grab_focus (GTK_WIDGET (self->current_entry));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
show_stopped (InjPinChangeDialog *self,
              InjPinChangeState state,
              const char *title,
              const char *description,
              const char *details)
{
  adw_status_page_set_title (self->stopped_page, title);
  adw_status_page_set_description (self->stopped_page, description);
  adw_status_page_set_icon_name (self->stopped_page, state == INJ_PIN_CHANGE_LOCKED
                                                       ? "system-lock-screen-symbolic"
                                                       : "dialog-warning-symbolic");
  gtk_label_set_text (self->stopped_details, details ? details : "");
  gtk_widget_set_visible (GTK_WIDGET (self->stopped_expander), details && *details);
  set_state (self, state);
}

static void
show_locked (InjPinChangeDialog *self)
{
  show_stopped (self, INJ_PIN_CHANGE_LOCKED,
                self->pin == INJ_PIN_SIGN ? _("The signing password on this card is locked")
                                          : _("The authentication PIN on this card is locked"),
                inj_card_state_description (INJ_CARD_STATE_LOCKED), NULL);
}

static void
show_form (InjPinChangeDialog *self)
{
  gboolean warn = self->status->final_try || self->status->count_low ||
                  self->status->tries_left == 1;

  g_free (self->tries_text);
  self->tries_text = describe_tries (self->status);
  gtk_label_set_text (self->tries_label, self->tries_text);
  if (warn)
    gtk_widget_add_css_class (GTK_WIDGET (self->tries_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->tries_label), "warning");
  if (self->pending_problem && self->pending_count && self->status->tries_left > 0)
    {
      /* the wrong value cost a try: how many are left, in the same words */
      g_autofree char *count =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d try left.", "%d tries left.",
                                      self->status->tries_left),
                         self->status->tries_left);
      g_autofree char *problem = g_strdup_printf ("%s\n%s", self->pending_problem, count);

      g_free (self->pending_problem);
      self->pending_problem = g_steal_pointer (&problem);
    }
  self->pending_count = FALSE;
  gtk_label_set_text (self->problem_label, self->pending_problem ? self->pending_problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), self->pending_problem != NULL);
  gtk_label_set_text (self->details_label, self->pending_details ? self->pending_details : "");
  gtk_widget_set_visible (GTK_WIDGET (self->details_expander), self->pending_details != NULL);
  g_clear_pointer (&self->pending_problem, g_free);
  g_clear_pointer (&self->pending_details, g_free);
  set_state (self, INJ_PIN_CHANGE_FORM);
}

static void
status_cb (GObject *source,
           GAsyncResult *result,
           gpointer user_data)
{
  g_autoptr(InjPinChangeDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  InjPinStatus *status = inj_card_get_pin_status_finish (INJ_CARD (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_pointer (&status, inj_pin_status_free);
      return;
    }
  if (status == NULL)
    {
      show_stopped (self, INJ_PIN_CHANGE_FAILED, _("The tries left could not be read"),
                    self->pending_problem
                      ? self->pending_problem
                      : _("Nothing was sent to the card and nothing was changed. Check that "
                          "the card is in the reader, then try again."),
                    error->message);
      g_clear_pointer (&self->pending_problem, g_free);
      g_clear_pointer (&self->pending_details, g_free);
      return;
    }
  g_clear_pointer (&self->status, inj_pin_status_free);
  self->status = status;
  if (status->locked)
    show_locked (self);
  else
    show_form (self);
}

static void
read_tries (InjPinChangeDialog *self)
{
  inj_card_get_pin_status_async (self->card, self->pin, self->cancellable, status_cb,
                                 g_object_ref (self));
}

/* What went wrong, for the person (the error's own words behind 詳細). */
static void
note_failure (InjPinChangeDialog *self,
              const GError *error)
{
  gboolean sign = self->pin == INJ_PIN_SIGN;
  const char *problem;

  if (inj_pkcs11_error_is (error, CKR_PIN_INCORRECT))
    problem = sign ? _("The current signing password is wrong. Nothing was changed.")
                   : _("The current authentication PIN is wrong. Nothing was changed.");
  else if (inj_pkcs11_error_is (error, CKR_DEVICE_REMOVED) ||
           inj_pkcs11_error_is (error, CKR_TOKEN_NOT_PRESENT) ||
           inj_pkcs11_error_is (error, INJ_CKR_NO_CARD))
    /* it may have gone after the change: say how to tell */
    problem = _("The card was removed before the change was confirmed. Insert it again: if "
                "the change was made, the old value is refused.");
  else
    problem = _("The card did not take the change.");
  g_free (self->pending_problem);
  g_free (self->pending_details);
  self->pending_problem = g_strdup (problem);
  self->pending_count = inj_pkcs11_error_is (error, CKR_PIN_INCORRECT);
  self->pending_details = self->pending_count ? NULL : g_strdup (error->message);
}

/* The audit event of a change the card was asked for (the form checked
 * the values first: what it refused never reached the card, and is not
 * recorded). Written in a thread (an fsync); the dialog goes on once it
 * is written. Never the value; no certificate, which would cost a read
 * of the card. Changed but left verified is a change made: ok. */
typedef struct {
  InjPinKind pin;
  GError *error;               /* NULL: changed */
} ChangeAudit;

static void
change_audit_free (ChangeAudit *audit)
{
  g_clear_error (&audit->error);
  g_free (audit);
}

static void
change_audit_thread (GTask *task,
                     gpointer source,
                     gpointer task_data,
                     GCancellable *cancellable)
{
  ChangeAudit *audit = task_data;
  gboolean still_verified = inj_pkcs11_error_is (audit->error, INJ_CKR_STILL_VERIFIED);

  inj_audit_record (audit->pin == INJ_PIN_SIGN ? INJ_AUDIT_PASSWORD_CHANGE : INJ_AUDIT_PIN_CHANGE,
                    NULL, NULL, still_verified ? "still-verified" : NULL,
                    still_verified ? NULL : audit->error);
  g_task_return_boolean (task, TRUE);
}

static void change_recorded_cb (GObject *source, GAsyncResult *result, gpointer user_data);

static void
change_cb (GObject *source,
           GAsyncResult *result,
           gpointer user_data)
{
  InjPinChangeDialog *self = user_data;   /* its reference goes to the task */
  g_autoptr(GTask) task = NULL;
  ChangeAudit *audit = g_new0 (ChangeAudit, 1);

  audit->pin = self->pin;
  inj_card_change_pin_finish (INJ_CARD (source), result, &audit->error);
  /* not cancellable: what the card was asked is recorded even when the
   * dialog went away meanwhile */
  task = g_task_new (self, NULL, change_recorded_cb, NULL);
  g_task_set_source_tag (task, change_cb);
  g_task_set_task_data (task, audit, (GDestroyNotify) change_audit_free);
  g_task_run_in_thread (task, change_audit_thread);
  g_object_unref (self);
}

static void
change_recorded_cb (GObject *source,
                    GAsyncResult *result,
                    gpointer user_data)
{
  g_autoptr(InjPinChangeDialog) self = g_object_ref (INJ_PIN_CHANGE_DIALOG (source));
  ChangeAudit *audit = g_task_get_task_data (G_TASK (result));
  const GError *error = audit->error;

  if (error == NULL)
    {
      set_state (self, INJ_PIN_CHANGE_DONE);
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (self->cancellable))
    return;
  if (inj_pkcs11_error_is (error, CKR_PIN_LOCKED))
    {
      show_locked (self);
      return;
    }
  if (inj_pkcs11_error_is (error, INJ_CKR_STILL_VERIFIED))
    {
      /* changed; only the unlocked state did not end: the page learns of
       * the change, the person reads what to do (take the card out) */
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
      show_stopped (self, INJ_PIN_CHANGE_CHANGED_UNLOCKED, inj_pin_change_done_text (self->pin),
                    error->message, NULL);
      return;
    }
  /* Never tried again by itself: the count is read again (no try used)
   * and the person decides. */
  note_failure (self, error);
  read_tries (self);
}

static void
change_activated (GtkWidget *widget,
                  const char *action_name,
                  GVariant *parameter)
{
  InjPinChangeDialog *self = INJ_PIN_CHANGE_DIALOG (widget);
  g_autoptr(InjSecret) current = NULL;
  g_autoptr(InjSecret) new_value = NULL;
  gboolean ready;

  check_values (self, &ready);
  if (!ready || self->state != INJ_PIN_CHANGE_FORM)
    return;
  current = inj_secret_new (text_of (self->current_entry), -1);
  new_value = inj_secret_new (text_of (self->new_entry), -1);
  if (self->pin == INJ_PIN_SIGN)
    {
      inj_secret_upcase (current);
      inj_secret_upcase (new_value);
    }
  clear_entries (self);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->details_expander), FALSE);
  set_state (self, INJ_PIN_CHANGE_WORKING);
  inj_card_change_pin_async (self->card, self->pin, current, new_value, self->cancellable,
                             change_cb, g_object_ref (self));
}

static void
again_activated (InjPinChangeDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "pin-change.change", NULL);
}

static void
cancel_activated (GtkWidget *widget,
                  const char *action_name,
                  GVariant *parameter)
{
  InjPinChangeDialog *self = INJ_PIN_CHANGE_DIALOG (widget);

  if (self->state == INJ_PIN_CHANGE_WORKING || self->state == INJ_PIN_CHANGE_DONE)
    return;
  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
inj_pin_change_dialog_close_request (GtkWindow *window)
{
  InjPinChangeDialog *self = INJ_PIN_CHANGE_DIALOG (window);

  /* TRUE keeps it open while the card works */
  return self->state == INJ_PIN_CHANGE_WORKING;
}

/* ------------------------------------------------------------ the object */

/* Locked memory for each entry's text, as GtkPasswordEntry has; the PIN
 * gets a keypad where there is one, and no fifth digit. */
static void
shape_entry (AdwPasswordEntryRow *row,
             InjPinKind pin)
{
  GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (row));
  g_autoptr(GtkEntryBuffer) buffer = gtk_password_entry_buffer_new ();

  if (!GTK_IS_TEXT (delegate))
    return;
  gtk_text_set_buffer (GTK_TEXT (delegate), buffer);
  gtk_text_set_input_purpose (GTK_TEXT (delegate), pin == INJ_PIN_AUTH ? GTK_INPUT_PURPOSE_PIN
                                                                       : GTK_INPUT_PURPOSE_PASSWORD);
  if (pin == INJ_PIN_AUTH)
    gtk_text_set_max_length (GTK_TEXT (delegate), 4);
}

static void
set_words (InjPinChangeDialog *self)
{
  gboolean sign = self->pin == INJ_PIN_SIGN;

  gtk_window_set_title (GTK_WINDOW (self), sign ? _("Change the Signing Password")
                                                : _("Change the Authentication PIN"));
  adw_window_title_set_title (self->window_title, gtk_window_get_title (GTK_WINDOW (self)));
  gtk_label_set_text (self->intro_label,
                      sign ? _("Type the current signing password, then the new one twice. "
                               "Signing uses the new one from then on.")
                           : _("Type the current authentication PIN, then the new one twice. "
                               "Connecting to the service uses the new one from then on."));
  gtk_label_set_text (self->rule_label,
                      sign ? _("6 to 16 capital letters (A–Z) and digits (0–9). Lower case "
                               "may be typed: it is read as capitals.")
                           : C_("pin change dialog", "4 digits (0–9)."));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->current_entry),
                                 entry_title (self->pin, INJ_PIN_CHANGE_ENTRY_CURRENT));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->new_entry),
                                 entry_title (self->pin, INJ_PIN_CHANGE_ENTRY_NEW));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->again_entry),
                                 entry_title (self->pin, INJ_PIN_CHANGE_ENTRY_AGAIN));
  shape_entry (self->current_entry, self->pin);
  shape_entry (self->new_entry, self->pin);
  shape_entry (self->again_entry, self->pin);
}

static void
inj_pin_change_dialog_dispose (GObject *object)
{
  InjPinChangeDialog *self = INJ_PIN_CHANGE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  /* The window keeps its focus widget (an entry's text) past the entry's
   * end otherwise, and GTK 4.8 then tells a freed entry row of it. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  /* the entries empty themselves as they go: nothing to check then */
  if (self->current_entry)
    {
      g_signal_handlers_disconnect_by_data (self->current_entry, self);
      g_signal_handlers_disconnect_by_data (self->new_entry, self);
      g_signal_handlers_disconnect_by_data (self->again_entry, self);
    }
  G_OBJECT_CLASS (inj_pin_change_dialog_parent_class)->dispose (object);
}

static void
inj_pin_change_dialog_finalize (GObject *object)
{
  InjPinChangeDialog *self = INJ_PIN_CHANGE_DIALOG (object);

  g_clear_object (&self->card);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->status, inj_pin_status_free);
  g_free (self->tries_text);
  g_free (self->pending_problem);
  g_free (self->pending_details);
  G_OBJECT_CLASS (inj_pin_change_dialog_parent_class)->finalize (object);
}

static void
inj_pin_change_dialog_get_property (GObject *object,
                                    guint prop_id,
                                    GValue *value,
                                    GParamSpec *pspec)
{
  InjPinChangeDialog *self = INJ_PIN_CHANGE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inj_pin_change_dialog_class_init (InjPinChangeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = inj_pin_change_dialog_dispose;
  object_class->finalize = inj_pin_change_dialog_finalize;
  object_class->get_property = inj_pin_change_dialog_get_property;
  window_class->close_request = inj_pin_change_dialog_close_request;

  /* An InjPinChangeState. */
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, INJ_PIN_CHANGE_CHECKING, INJ_PIN_CHANGE_DONE,
                      INJ_PIN_CHANGE_CHECKING,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  _inj_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ininjo/Ininjo/ui/inj-pin-change-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, InjPinChangeDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, InjPinChangeDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, InjPinChangeDialog, change_button);
  gtk_widget_class_bind_template_child (widget_class, InjPinChangeDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, InjPinChangeDialog, checking_spinner);
  gtk_widget_class_bind_template_child (widget_class, InjPinChangeDialog, working_spinner);
  gtk_widget_class_bind_template_child (widget_class, InjPinChangeDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, InjPinChangeDialog, tries_label);
  gtk_widget_class_bind_template_child (widget_class, InjPinChangeDialog, current_entry);
  gtk_widget_class_bind_template_child (widget_class, InjPinChangeDialog, new_entry);
  gtk_widget_class_bind_template_child (widget_class, InjPinChangeDialog, again_entry);
  gtk_widget_class_bind_template_child (widget_class, InjPinChangeDialog, rule_label);
  gtk_widget_class_bind_template_child (widget_class, InjPinChangeDialog, check_label);
  gtk_widget_class_bind_template_child (widget_class, InjPinChangeDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, InjPinChangeDialog, details_expander);
  gtk_widget_class_bind_template_child (widget_class, InjPinChangeDialog, details_label);
  gtk_widget_class_bind_template_child (widget_class, InjPinChangeDialog, stopped_page);
  gtk_widget_class_bind_template_child (widget_class, InjPinChangeDialog, stopped_expander);
  gtk_widget_class_bind_template_child (widget_class, InjPinChangeDialog, stopped_details);
  gtk_widget_class_bind_template_callback (widget_class, entries_changed);
  gtk_widget_class_bind_template_callback (widget_class, again_activated);
  gtk_widget_class_install_action (widget_class, "pin-change.change", NULL, change_activated);
  gtk_widget_class_install_action (widget_class, "pin-change.cancel", NULL, cancel_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "pin-change.cancel", NULL);
}

static void
inj_pin_change_dialog_init (InjPinChangeDialog *self)
{
  g_type_ensure (ADW_TYPE_PASSWORD_ENTRY_ROW);
  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  g_type_ensure (ADW_TYPE_WINDOW_TITLE);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
inj_pin_change_dialog_new (GtkWindow *parent,
                           InjCard *card,
                           InjPinKind pin)
{
  InjPinChangeDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (card == NULL || INJ_IS_CARD (card), NULL);
  self = g_object_new (INJ_TYPE_PIN_CHANGE_DIALOG, "transient-for", parent, NULL);
  self->pin = pin;
  self->card = card ? g_object_ref (card) : NULL;
  set_words (self);
  if (card == NULL)
    show_stopped (self, INJ_PIN_CHANGE_FAILED, _("No My Number card"),
                  _("Insert the My Number card into the reader, then open this again."), NULL);
  else
    {
      set_state (self, INJ_PIN_CHANGE_CHECKING);
      read_tries (self);
    }
  return GTK_WIDGET (self);
}

InjPinKind
inj_pin_change_dialog_get_pin (InjPinChangeDialog *self)
{
  g_return_val_if_fail (INJ_IS_PIN_CHANGE_DIALOG (self), INJ_PIN_SIGN);
  return self->pin;
}

InjPinChangeState
inj_pin_change_dialog_get_state (InjPinChangeDialog *self)
{
  g_return_val_if_fail (INJ_IS_PIN_CHANGE_DIALOG (self), INJ_PIN_CHANGE_FAILED);
  return self->state;
}

const InjPinStatus *
inj_pin_change_dialog_get_status (InjPinChangeDialog *self)
{
  g_return_val_if_fail (INJ_IS_PIN_CHANGE_DIALOG (self), NULL);
  return self->status;
}

const char *
inj_pin_change_dialog_get_tries_text (InjPinChangeDialog *self)
{
  g_return_val_if_fail (INJ_IS_PIN_CHANGE_DIALOG (self), NULL);
  return gtk_label_get_text (self->tries_label);
}

const char *
inj_pin_change_dialog_get_check_text (InjPinChangeDialog *self)
{
  g_return_val_if_fail (INJ_IS_PIN_CHANGE_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->check_label))
           ? gtk_label_get_text (self->check_label) : "";
}

const char *
inj_pin_change_dialog_get_problem (InjPinChangeDialog *self)
{
  g_return_val_if_fail (INJ_IS_PIN_CHANGE_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->problem_label))
           ? gtk_label_get_text (self->problem_label) : "";
}

const char *
inj_pin_change_dialog_get_stopped_title (InjPinChangeDialog *self)
{
  g_return_val_if_fail (INJ_IS_PIN_CHANGE_DIALOG (self), NULL);
  return adw_status_page_get_title (self->stopped_page);
}

const char *
inj_pin_change_dialog_get_stopped_description (InjPinChangeDialog *self)
{
  g_return_val_if_fail (INJ_IS_PIN_CHANGE_DIALOG (self), NULL);
  return adw_status_page_get_description (self->stopped_page);
}

GtkEditable *
inj_pin_change_dialog_get_entry (InjPinChangeDialog *self,
                                 InjPinChangeEntry which)
{
  g_return_val_if_fail (INJ_IS_PIN_CHANGE_DIALOG (self), NULL);
  switch (which)
    {
    case INJ_PIN_CHANGE_ENTRY_CURRENT:
      return GTK_EDITABLE (self->current_entry);
    case INJ_PIN_CHANGE_ENTRY_NEW:
      return GTK_EDITABLE (self->new_entry);
    case INJ_PIN_CHANGE_ENTRY_AGAIN:
      return GTK_EDITABLE (self->again_entry);
    default:
      g_return_val_if_reached (NULL);
    }
}

GtkWidget *
inj_pin_change_dialog_get_change_button (InjPinChangeDialog *self)
{
  g_return_val_if_fail (INJ_IS_PIN_CHANGE_DIALOG (self), NULL);
  return self->change_button;
}
