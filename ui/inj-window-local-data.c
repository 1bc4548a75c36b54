/* inj-window-local-data.c: the data Ininjo keeps on this computer, as the
 * window speaks of it: a warning when the vault is not encrypted (checked
 * in a worker thread when the window opens), and erasing it all on
 * request, after asking. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-delegation-editor.h"
#include "inj-window-private.h"

static void
show_local_data_dialog (InjWindow *self,
                        AdwMessageDialog *dialog)
{
  if (self->local_data_dialog)
    gtk_window_destroy (GTK_WINDOW (self->local_data_dialog));
  g_set_weak_pointer (&self->local_data_dialog, dialog);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
unencrypted_response (AdwMessageDialog *dialog,
                      const char *response,
                      InjWindow *self)
{
  /* Remembered only when the user agreed; otherwise asked at the next
   * start, and drafts and packages are not written meanwhile. */
  if (g_str_equal (response, "keep"))
    g_settings_set_boolean (inj_session_get_settings (self->session),
                            "allow-unencrypted-local-data", TRUE);
}

static void
vault_check_thread (GTask *task,
                    gpointer source,
                    gpointer task_data,
                    GCancellable *cancellable)
{
  GError *error = NULL;

  if (inj_vault_check_available (&error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
vault_checked (GObject *source,
               GAsyncResult *result,
               gpointer user_data)
{
  InjWindow *self;
  AdwMessageDialog *dialog;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* available, or the window is gone */
  self = INJ_WINDOW (user_data);
  if (g_settings_get_boolean (inj_session_get_settings (self->session),
                              "allow-unencrypted-local-data"))
    return;
  /* one plain cause; the system's own words (an errno text, D-Bus names)
   * only behind 詳細 */
  body = g_strdup (_("The password keeping service (such as GNOME Keyring) cannot be used. "
                     "Drafts and signed delegations hold names, addresses and dates of birth, "
                     "so Ininjo encrypts them with a key kept in that service.\n"
                     "Until you choose, nothing is saved: start the service and restart "
                     "Ininjo, or keep the files unencrypted (readable by your user account "
                     "only)."));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Passwords Cannot Be Kept Safely"),
                                                       body));
  {
    GtkWidget *details = gtk_expander_new_with_mnemonic (_("_Details"));
    GtkWidget *label = gtk_label_new (error->message);

    gtk_label_set_wrap (GTK_LABEL (label), TRUE);
    gtk_label_set_selectable (GTK_LABEL (label), TRUE);
    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_widget_add_css_class (label, "dim-label");
    gtk_expander_set_child (GTK_EXPANDER (details), label);
    adw_message_dialog_set_extra_child (dialog, details);
    /* room for the Japanese lines, so that they do not break inside words */
    gtk_window_set_default_size (GTK_WINDOW (dialog), 560, -1);
  }
  adw_message_dialog_add_responses (dialog,
                                    "refuse", _("_Don't Keep Files"),
                                    "keep", _("_Keep Unencrypted"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "keep", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "refuse");
  adw_message_dialog_set_close_response (dialog, "refuse");
  g_signal_connect_object (dialog, "response", G_CALLBACK (unencrypted_response), self, 0);
  show_local_data_dialog (self, dialog);
}

/* Asked once, when the window is shown: is there a Secret Service? */
void
_inj_window_check_vault (InjWindow *self)
{
  g_autoptr(GTask) task = NULL;

  if (g_settings_get_boolean (inj_session_get_settings (self->session),
                              "allow-unencrypted-local-data"))
    return;
  /* no reference to the window: the cancellable, cancelled in dispose */
  task = g_task_new (NULL, self->vault_cancellable, vault_checked, self);
  g_task_set_source_tag (task, _inj_window_check_vault);
  g_task_run_in_thread (task, vault_check_thread);
}

typedef struct {
  char *drafts_dir;
  gboolean include_audit_log;
} EraseJob;

static void
erase_job_free (EraseJob *job)
{
  g_free (job->drafts_dir);
  g_free (job);
}

static void
erase_thread (GTask *task,
              gpointer source,
              gpointer task_data,
              GCancellable *cancellable)
{
  EraseJob *job = task_data;
  GError *error = NULL;

  if (inj_vault_erase_local_data (job->drafts_dir, job->include_audit_log, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
erased (GObject *source,
        GAsyncResult *result,
        gpointer user_data)
{
  InjWindow *self;
  AdwMessageDialog *dialog;
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = INJ_WINDOW (user_data);
  if (ok)
    dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                         _("Local Data Erased"),
                                                         _("Drafts, packages, logs and the key "
                                                           "were removed.")));
  else
    dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                         _("Not Everything Was Erased"),
                                                         error->message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  show_local_data_dialog (self, dialog);
}

static void
erase_response (AdwMessageDialog *dialog,
                const char *response,
                InjWindow *self)
{
  g_autoptr(GTask) task = NULL;
  EraseJob *job;

  if (!g_str_equal (response, "erase") && !g_str_equal (response, "erase-audit"))
    return;
  job = g_new0 (EraseJob, 1);
  job->drafts_dir = g_strdup (inj_session_get_drafts_dir (self->session));
  job->include_audit_log = g_str_equal (response, "erase-audit");
  /* Card work stops, the work in progress goes, the editor starts anew
   * (its next draft is written only when something is typed). */
  _inj_window_start_new_delegation (self);
  task = g_task_new (NULL, self->vault_cancellable, erased, self);
  g_task_set_source_tag (task, erase_response);
  g_task_set_task_data (task, job, (GDestroyNotify) erase_job_free);
  g_task_run_in_thread (task, erase_thread);
}

void
_inj_window_erase_activated (GtkWidget *widget,
                             const char *action_name,
                             GVariant *parameter)
{
  InjWindow *self = INJ_WINDOW (widget);
  g_autofree char *body = g_strdup_printf ("%s\n\n• %s\n• %s\n• %s\n• %s\n• %s\n\n%s",
                                           _("These are removed from this computer:"),
                                           _("drafts of delegations"),
                                           _("signed packages in the outbox"),
                                           _("sent packages and their receipts"),
                                           _("logs and diagnostic records"),
                                           _("the encryption key in the Secret Service"),
                                           _("Settings are kept: they hold no personal data. The "
                                             "audit log is kept, unless you choose to erase it "
                                             "too. Delegations registered with the service are "
                                             "not affected."));
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                                         _("Erase All Local Data?"),
                                                                         body));

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "erase-audit", _("Erase With _Audit Log"),
                                    "erase", _("_Erase"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "erase", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "erase-audit", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (erase_response), self, 0);
  show_local_data_dialog (self, dialog);
}

AdwMessageDialog *
inj_window_get_local_data_dialog (InjWindow *self)
{
  g_return_val_if_fail (INJ_IS_WINDOW (self), NULL);
  return self->local_data_dialog;
}
