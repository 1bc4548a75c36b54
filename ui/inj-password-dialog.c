/* inj-password-dialog.c
 *
 * The card's worker thread asks through g_tls_interaction_invoke_ask_password,
 * which GLib turns into ask_password_async in the main context: the dialog
 * is shown there while the worker waits. Every question gets exactly one
 * answer: OK (the text goes to the GTlsPassword), Cancel or Escape, the
 * GCancellable, or the dialog destroyed with its window (the last three as
 * G_IO_ERROR_CANCELLED). Whatever ends it, the entry is emptied. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-password-dialog.h"
#include "inj-pkcs11.h"
#include "inj-ui-private.h"

struct _InjPasswordInteraction {
  GTlsInteraction parent_instance;

  GtkWindow *parent;          /* weak */
  AdwMessageDialog *dialog;   /* the question being shown, or NULL */
  GtkEditable *entry;
  GTask *task;
  GSource *cancel_source;
};

G_DEFINE_FINAL_TYPE (InjPasswordInteraction, inj_password_interaction, G_TYPE_TLS_INTERACTION)

gboolean
inj_password_text_acceptable (GTlsPassword *password,
                              const char *text,
                              gsize length)
{
  InjPinKind pin;

  g_return_val_if_fail (G_IS_TLS_PASSWORD (password), FALSE);
  if (!inj_tls_password_get_pin_kind (password, &pin))
    return length > 0;
  /* pkcs11/ upper-cases the signing password: lower case is accepted here */
  return inj_pin_check_typed (pin, text, length);
}

/* Answers the question being asked (@error owned) and closes its dialog. */
static void
end_question (InjPasswordInteraction *self,
              GError *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  g_autoptr(AdwMessageDialog) dialog = g_steal_pointer (&self->dialog);
  g_autoptr(GtkEditable) entry = g_steal_pointer (&self->entry);

  if (self->parent)
    g_signal_handlers_disconnect_by_data (self->parent, self);
  if (self->cancel_source)
    {
      g_source_destroy (self->cancel_source);
      g_clear_pointer (&self->cancel_source, g_source_unref);
    }
  if (dialog)
    {
      g_signal_handlers_disconnect_by_data (dialog, self);
      /* The window keeps its focus widget (the entry's text) past the
       * entry's end otherwise, and GTK 4.8 then notifies a freed entry. */
      gtk_window_set_focus (GTK_WINDOW (dialog), NULL);
    }
  if (entry)
    {
      g_signal_handlers_disconnect_by_data (entry, self);
      gtk_editable_set_text (entry, "");
    }
  if (dialog)
    gtk_window_destroy (GTK_WINDOW (dialog));
  if (task == NULL)
    return;
  if (error)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, G_TLS_INTERACTION_HANDLED);
}

static GError *
cancelled_error (void)
{
  return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("No password was given."));
}

static void
entry_changed (InjPasswordInteraction *self)
{
  const char *text = gtk_editable_get_text (self->entry);
  GTlsPassword *password = g_task_get_task_data (self->task);

  adw_message_dialog_set_response_enabled (self->dialog, "ok",
                                           inj_password_text_acceptable (password, text,
                                                                         strlen (text)));
}

static void
dialog_response (InjPasswordInteraction *self,
                 const char *response)
{
  GTlsPassword *password = g_task_get_task_data (self->task);
  const char *text;
  gsize length;

  if (g_strcmp0 (response, "ok") != 0)
    {
      end_question (self, cancelled_error ());
      return;
    }
  text = gtk_editable_get_text (self->entry);
  length = strlen (text);
  /* The button is disabled then; this is a response asked by code. */
  if (!inj_password_text_acceptable (password, text, length))
    return;
  inj_tls_password_set_secret (password, text, (gssize) length);
  end_question (self, NULL);
}

/* Destroyed by someone else: the entry goes with it (GtkPasswordEntry
 * keeps its text in memory that is wiped when freed). */
static void
dialog_destroyed (InjPasswordInteraction *self)
{
  g_clear_object (&self->entry);
  end_question (self, cancelled_error ());
}

/* The window it is modal to goes away: the question goes with it. */
static void
parent_gone (InjPasswordInteraction *self)
{
  end_question (self, cancelled_error ());
}

static gboolean
question_cancelled (GCancellable *cancellable,
                    gpointer user_data)
{
  end_question (INJ_PASSWORD_INTERACTION (user_data), cancelled_error ());
  return G_SOURCE_REMOVE;
}

/* ------------------------------------------------------------ the words */

#define PURPOSE_KEY "inj-prompt-purpose"
#define SUBJECT_KEY "inj-prompt-subject"

void
inj_prompt_set_purpose (GTlsPassword *password,
                        InjPromptPurpose purpose,
                        const char *subject)
{
  g_return_if_fail (G_IS_TLS_PASSWORD (password));
  g_object_set_data (G_OBJECT (password), PURPOSE_KEY, GINT_TO_POINTER (purpose));
  g_object_set_data_full (G_OBJECT (password), SUBJECT_KEY, g_strdup (subject), g_free);
}

InjPromptPurpose
inj_prompt_get_purpose (GTlsPassword *password,
                        const char **subject)
{
  g_return_val_if_fail (G_IS_TLS_PASSWORD (password), INJ_PROMPT_UNSPECIFIED);
  if (subject)
    *subject = g_object_get_data (G_OBJECT (password), SUBJECT_KEY);
  return (InjPromptPurpose) GPOINTER_TO_INT (g_object_get_data (G_OBJECT (password),
                                                                PURPOSE_KEY));
}

/* Why the secret is asked, in one or two sentences. */
static char *
reason_for (InjPromptPurpose purpose,
            InjPinKind pin,
            const char *subject)
{
  if (pin == INJ_PIN_AUTH)
    return g_strdup (_("To connect to the delegation service, Ininjo uses the user "
                       "certificate (利用者証明用電子証明書) on the My Number card."));
  switch (purpose)
    {
    case INJ_PROMPT_SIGN_DELEGATION:
      if (subject)
        return g_strdup_printf (_("You are signing the delegation %s."), subject);
      return g_strdup (_("You are signing the delegation."));
    case INJ_PROMPT_AGENT_SIGN:
      {
        g_autofree char *what =
          subject ? g_strdup_printf (_("As the agent, you sign the submission for the "
                                       "delegation %s."), subject)
                  : g_strdup (_("As the agent, you sign the submission."));
        return g_strdup_printf ("%s\n%s", what,
                                _("The agent types it themself: nobody else should know it."));
      }
    case INJ_PROMPT_SIGN_TERMINATION:
      if (subject)
        return g_strdup_printf (_("You are signing the end of the delegation %s."), subject);
      return g_strdup (_("You are signing the end of the delegation."));
    case INJ_PROMPT_SIGN_ACCOUNT:
      return g_strdup (_("You are signing the user information for the service."));
    case INJ_PROMPT_AGENT_READ:
      return g_strdup_printf ("%s\n%s",
                              _("The agent's signing certificate is read from their card."),
                              _("The agent types it themself: nobody else should know it."));
    case INJ_PROMPT_UNSPECIFIED:
    case INJ_PROMPT_CONNECT:
    default:
      return g_strdup (_("The My Number card uses its signing certificate "
                         "(署名用電子証明書)."));
    }
}

void
inj_prompt_text_init (InjPromptText *text,
                      GTlsPassword *password)
{
  const char *subject = NULL;
  InjPromptPurpose purpose = inj_prompt_get_purpose (password, &subject);
  int tries = inj_tls_password_get_tries_left (password);
  g_autofree char *reason = NULL;
  InjPinKind pin;

  g_return_if_fail (text != NULL);
  memset (text, 0, sizeof *text);
  if (!inj_tls_password_get_pin_kind (password, &pin))
    {
      /* not from the card layer: its own description says what it is */
      text->heading = g_strdup (_("Password"));
      text->body = g_strdup (g_tls_password_get_description (password));
      text->hint = g_strdup ("");
      text->accept = g_strdup (_("_Enter"));
      return;
    }
  reason = reason_for (purpose, pin, subject);
  if (tries > 0)
    {
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d try left.",
                                                             "%d tries left.", tries),
                                                tries);
      text->body = g_strdup_printf ("%s\n%s", reason, count);
    }
  else
    text->body = g_steal_pointer (&reason);
  if (pin == INJ_PIN_AUTH)
    {
      text->heading = g_strdup (_("Authentication PIN"));
      text->hint = g_strdup (_("4 digits."));
      text->accept = g_strdup (_("C_onnect"));
      return;
    }
  text->heading = g_strdup (purpose == INJ_PROMPT_AGENT_SIGN || purpose == INJ_PROMPT_AGENT_READ
                              ? _("The Agent's Own Signing Password")
                              : _("Signing Password"));
  text->hint = g_strdup (_("6 to 16 letters (A–Z) and digits (0–9). Lower case is accepted."));
  text->accept = g_strdup (purpose == INJ_PROMPT_AGENT_READ ? _("_Read")
                           : purpose == INJ_PROMPT_UNSPECIFIED ? _("_Enter")
                           : _("_Sign"));
}

void
inj_prompt_text_clear (InjPromptText *text)
{
  g_clear_pointer (&text->heading, g_free);
  g_clear_pointer (&text->body, g_free);
  g_clear_pointer (&text->hint, g_free);
  g_clear_pointer (&text->accept, g_free);
}

/* The 4-digit PIN gets a keypad where there is one, and no fifth digit. */
static void
shape_entry (GtkEditable *entry,
             GTlsPassword *password)
{
  GtkEditable *delegate = gtk_editable_get_delegate (entry);
  InjPinKind pin;

  if (!GTK_IS_TEXT (delegate) || !inj_tls_password_get_pin_kind (password, &pin))
    return;
  gtk_text_set_input_purpose (GTK_TEXT (delegate), pin == INJ_PIN_AUTH ? GTK_INPUT_PURPOSE_PIN
                                                                       : GTK_INPUT_PURPOSE_PASSWORD);
  if (pin == INJ_PIN_AUTH)
    gtk_text_set_max_length (GTK_TEXT (delegate), 4);
}

static void
show_question (InjPasswordInteraction *self,
               GTlsPassword *password)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/ininjo/Ininjo/ui/inj-password-dialog.ui");
  GtkLabel *hint_label = GTK_LABEL (gtk_builder_get_object (builder, "hint_label"));
  GtkLabel *warning_label = GTK_LABEL (gtk_builder_get_object (builder, "warning_label"));
  const char *warning = g_tls_password_get_warning (password);
  InjPromptText text;

  inj_prompt_text_init (&text, password);
  self->dialog = g_object_ref (ADW_MESSAGE_DIALOG (gtk_builder_get_object (builder, "dialog")));
  self->entry = g_object_ref (GTK_EDITABLE (gtk_builder_get_object (builder, "entry")));
  adw_message_dialog_set_heading (self->dialog, text.heading);
  adw_message_dialog_set_body (self->dialog, text.body);
  adw_message_dialog_set_response_label (self->dialog, "ok", text.accept);
  gtk_label_set_text (hint_label, text.hint);
  gtk_widget_set_visible (GTK_WIDGET (hint_label), *text.hint != '\0');
  gtk_label_set_text (warning_label, warning ? warning : "");
  gtk_widget_set_visible (GTK_WIDGET (warning_label), warning && *warning);
  shape_entry (self->entry, password);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text.heading, -1);
  inj_prompt_text_clear (&text);
  if (self->parent)
    {
      gtk_window_set_transient_for (GTK_WINDOW (self->dialog), self->parent);
      g_signal_connect_swapped (self->parent, "unrealize", G_CALLBACK (parent_gone), self);
    }

  g_signal_connect_swapped (self->entry, "changed", G_CALLBACK (entry_changed), self);
  g_signal_connect_swapped (self->dialog, "response", G_CALLBACK (dialog_response), self);
  g_signal_connect_swapped (self->dialog, "destroy", G_CALLBACK (dialog_destroyed), self);
  gtk_window_present (GTK_WINDOW (self->dialog));
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
inj_password_interaction_ask_password_async (GTlsInteraction *interaction,
                                             GTlsPassword *password,
                                             GCancellable *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer user_data)
{
  InjPasswordInteraction *self = INJ_PASSWORD_INTERACTION (interaction);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, inj_password_interaction_ask_password_async);
  g_task_set_task_data (task, g_object_ref (password), g_object_unref);
  if (g_task_return_error_if_cancelled (task))
    return;
  if (self->task)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY, "%s",
                               _("Another password is being asked for. Answer that one first."));
      return;
    }
  self->task = g_steal_pointer (&task);
  if (cancellable)
    {
      self->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (self->cancel_source, G_SOURCE_FUNC (question_cancelled), self, NULL);
      g_source_attach (self->cancel_source, g_main_context_get_thread_default ());
    }
  show_question (self, password);
}

static GTlsInteractionResult
inj_password_interaction_ask_password_finish (GTlsInteraction *interaction,
                                              GAsyncResult *result,
                                              GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, interaction), G_TLS_INTERACTION_FAILED);
  return (GTlsInteractionResult) g_task_propagate_int (G_TASK (result), error) ==
           G_TLS_INTERACTION_HANDLED ? G_TLS_INTERACTION_HANDLED : G_TLS_INTERACTION_FAILED;
}

static void
inj_password_interaction_dispose (GObject *object)
{
  InjPasswordInteraction *self = INJ_PASSWORD_INTERACTION (object);

  if (self->task)
    end_question (self, cancelled_error ());
  g_clear_weak_pointer (&self->parent);
  G_OBJECT_CLASS (inj_password_interaction_parent_class)->dispose (object);
}

static void
inj_password_interaction_class_init (InjPasswordInteractionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GTlsInteractionClass *interaction_class = G_TLS_INTERACTION_CLASS (klass);

  object_class->dispose = inj_password_interaction_dispose;
  /* Only the async pair: GLib runs it in the main context for a worker. */
  interaction_class->ask_password_async = inj_password_interaction_ask_password_async;
  interaction_class->ask_password_finish = inj_password_interaction_ask_password_finish;
  _inj_ui_ensure_resources ();
}

static void
inj_password_interaction_init (InjPasswordInteraction *self)
{
}

GTlsInteraction *
inj_password_interaction_new (GtkWindow *parent)
{
  InjPasswordInteraction *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  self = g_object_new (INJ_TYPE_PASSWORD_INTERACTION, NULL);
  g_set_weak_pointer (&self->parent, parent);
  return G_TLS_INTERACTION (self);
}

AdwMessageDialog *
inj_password_interaction_get_dialog (InjPasswordInteraction *self)
{
  g_return_val_if_fail (INJ_IS_PASSWORD_INTERACTION (self), NULL);
  return self->dialog;
}

GtkEditable *
inj_password_interaction_get_entry (InjPasswordInteraction *self)
{
  g_return_val_if_fail (INJ_IS_PASSWORD_INTERACTION (self), NULL);
  return self->entry;
}

/* ------------------------------------------------- one workflow's purpose */

/* The worker thread that asked waits in g_tls_interaction_invoke_ask_password;
 * this one is asked in the main context and hands the marked password on
 * to the window's interaction from a thread of its own, so that an inner
 * interaction that only answers synchronously (a test's) works the same. */
#define INJ_TYPE_PROMPT_INTERACTION (inj_prompt_interaction_get_type ())
G_DECLARE_FINAL_TYPE (InjPromptInteraction, inj_prompt_interaction, INJ, PROMPT_INTERACTION,
                      GTlsInteraction)

struct _InjPromptInteraction {
  GTlsInteraction parent_instance;
  GTlsInteraction *inner;
  InjPromptPurpose purpose;
  char *subject;
};

G_DEFINE_FINAL_TYPE (InjPromptInteraction, inj_prompt_interaction, G_TYPE_TLS_INTERACTION)

static void
prompt_ask_thread (GTask *task,
                   gpointer source,
                   gpointer task_data,
                   GCancellable *cancellable)
{
  InjPromptInteraction *self = source;
  GError *error = NULL;
  GTlsInteractionResult result =
    g_tls_interaction_invoke_ask_password (self->inner, task_data, cancellable, &error);

  if (error)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, result);
}

static void
inj_prompt_interaction_ask_password_async (GTlsInteraction *interaction,
                                           GTlsPassword *password,
                                           GCancellable *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer user_data)
{
  InjPromptInteraction *self = INJ_PROMPT_INTERACTION (interaction);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, inj_prompt_interaction_ask_password_async);
  inj_prompt_set_purpose (password, self->purpose, self->subject);
  /* the network layer's PIN is the card's authentication PIN */
  if (self->purpose == INJ_PROMPT_CONNECT && !inj_tls_password_get_pin_kind (password, NULL))
    inj_tls_password_set_pin_kind (password, INJ_PIN_AUTH);
  g_task_set_task_data (task, g_object_ref (password), g_object_unref);
  if (self->inner == NULL)
    {
      g_task_return_int (task, G_TLS_INTERACTION_UNHANDLED);
      return;
    }
  g_task_run_in_thread (task, prompt_ask_thread);
}

static GTlsInteractionResult
inj_prompt_interaction_ask_password_finish (GTlsInteraction *interaction,
                                            GAsyncResult *result,
                                            GError **error)
{
  gssize answer;

  g_return_val_if_fail (g_task_is_valid (result, interaction), G_TLS_INTERACTION_FAILED);
  answer = g_task_propagate_int (G_TASK (result), error);
  return answer < 0 ? G_TLS_INTERACTION_FAILED : (GTlsInteractionResult) answer;
}

static void
inj_prompt_interaction_finalize (GObject *object)
{
  InjPromptInteraction *self = INJ_PROMPT_INTERACTION (object);

  g_clear_object (&self->inner);
  g_free (self->subject);
  G_OBJECT_CLASS (inj_prompt_interaction_parent_class)->finalize (object);
}

static void
inj_prompt_interaction_class_init (InjPromptInteractionClass *klass)
{
  GTlsInteractionClass *interaction_class = G_TLS_INTERACTION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = inj_prompt_interaction_finalize;
  interaction_class->ask_password_async = inj_prompt_interaction_ask_password_async;
  interaction_class->ask_password_finish = inj_prompt_interaction_ask_password_finish;
}

static void
inj_prompt_interaction_init (InjPromptInteraction *self)
{
}

GTlsInteraction *
inj_prompt_interaction_new (GTlsInteraction *inner,
                            InjPromptPurpose purpose,
                            const char *subject)
{
  InjPromptInteraction *self;

  g_return_val_if_fail (inner == NULL || G_IS_TLS_INTERACTION (inner), NULL);
  self = g_object_new (INJ_TYPE_PROMPT_INTERACTION, NULL);
  self->inner = inner ? g_object_ref (inner) : NULL;
  self->purpose = purpose;
  self->subject = g_strdup (subject);
  return G_TLS_INTERACTION (self);
}
