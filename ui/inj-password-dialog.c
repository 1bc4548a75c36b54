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
  char upper[16];
  gboolean ok;

  g_return_val_if_fail (G_IS_TLS_PASSWORD (password), FALSE);
  if (!inj_tls_password_get_pin_kind (password, &pin))
    return length > 0;
  if (pin == INJ_PIN_AUTH)
    return inj_pin_check_format (pin, text, length);
  /* pkcs11/ upper-cases the signing password: lower case is accepted here */
  if (length > sizeof upper)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    upper[i] = g_ascii_toupper (text[i]);
  ok = inj_pin_check_format (pin, upper, length);
  inj_wipe (upper, sizeof upper);
  return ok;
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

static void
describe_secret (GTlsPassword *password,
                 const char **heading,
                 const char **hint)
{
  InjPinKind pin;

  if (!inj_tls_password_get_pin_kind (password, &pin))
    {
      *heading = _("Password");
      *hint = "";
    }
  else if (pin == INJ_PIN_SIGN)
    {
      *heading = _("Signing Password");
      *hint = _("6 to 16 letters (A–Z) and digits (0–9). Lower case is accepted.");
    }
  else
    {
      *heading = _("Authentication PIN");
      *hint = _("4 digits.");
    }
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
  const char *heading;
  const char *hint;

  describe_secret (password, &heading, &hint);
  self->dialog = g_object_ref (ADW_MESSAGE_DIALOG (gtk_builder_get_object (builder, "dialog")));
  self->entry = g_object_ref (GTK_EDITABLE (gtk_builder_get_object (builder, "entry")));
  adw_message_dialog_set_heading (self->dialog, heading);
  adw_message_dialog_set_body (self->dialog, g_tls_password_get_description (password));
  gtk_label_set_text (hint_label, hint);
  gtk_widget_set_visible (GTK_WIDGET (hint_label), *hint != '\0');
  gtk_label_set_text (warning_label, warning ? warning : "");
  gtk_widget_set_visible (GTK_WIDGET (warning_label), warning && *warning);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, heading, -1);
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
