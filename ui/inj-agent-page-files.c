/* inj-agent-page-files.c: the agent page's files: the delegation a
 * submission will name, read and checked in a worker thread, and the
 * signed submission written there (mode 0600); the file choosers that
 * supply their paths. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-agent-common.h"
#include "inj-agent-page-private.h"
#include "inj-ui-private.h"


/* A file read or written in a worker thread (the card's work is the
 * desk's). */
typedef struct {
  char *path;
  gboolean replace;
  GBytes *bytes;
  InjDelegation *delegation;
  GBytes *digest;
} FileJob;

static void
file_job_free (FileJob *job)
{
  g_free (job->path);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_clear_object (&job->delegation);
  g_clear_pointer (&job->digest, g_bytes_unref);
  g_free (job);
}

static void
open_thread (GTask *task,
             gpointer source,
             gpointer task_data,
             GCancellable *cancellable)
{
  FileJob *job = task_data;
  GError *error = NULL;

  job->bytes = inj_agent_read_file (job->path, cancellable, &error);
  if (job->bytes)
    job->delegation = inj_delegation_from_xml (g_bytes_get_data (job->bytes, NULL),
                                               g_bytes_get_size (job->bytes), NULL, &error);
  if (job->delegation)
    job->digest = inj_delegation_digest (job->bytes, &error);
  if (job->digest)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
save_thread (GTask *task,
             gpointer source,
             gpointer task_data,
             GCancellable *cancellable)
{
  FileJob *job = task_data;
  GError *error = NULL;

  if (inj_agent_write_file (job->path, job->bytes, job->replace, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
open_done (InjAgentPage *self,
           FileJob *job)
{
  g_autofree char *base = g_filename_display_basename (job->path);

  _inj_agent_page_clear_target (self);
  gtk_editable_set_text (GTK_EDITABLE (self->code_row), "");
  self->delegation = g_object_ref (job->delegation);
  self->delegation_xml = g_bytes_ref (job->bytes);
  self->digest = g_bytes_ref (job->digest);
  adw_action_row_set_subtitle (self->file_row, base);
  _inj_agent_page_show_target (self);
}

static void
save_done (InjAgentPage *self,
           FileJob *job)
{
  g_autofree char *base = g_filename_display_basename (job->path);
  g_autofree char *text = NULL;

  g_free (self->saved_path);
  self->saved_path = g_strdup (job->path);
  text = g_strdup_printf (_("Saved as %s (readable only by you). Send this file to the "
                            "representative, and take your card out of the reader."), base);
  _inj_agent_page_show_done (self, text);
}

static void
file_done (GObject *source,
           GAsyncResult *result,
           gpointer user_data)
{
  InjAgentPage *self = INJ_AGENT_PAGE (source);
  FileJob *job = g_task_get_task_data (G_TASK (result));
  gboolean saving = g_task_get_source_tag (G_TASK (result)) == save_thread;
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  if (!_inj_agent_page_end (self, saving ? _("The submission was not saved")
                         : _("The delegation file cannot be used"), error))
    return;
  if (saving)
    save_done (self, job);
  else
    open_done (self, job);
  _inj_agent_page_update_actions (self);
}

static void
run_file_job (InjAgentPage *self,
              FileJob *job,
              GTaskThreadFunc thread,
              const char *doing)
{
  GCancellable *cancellable = _inj_agent_page_begin (self, doing);
  g_autoptr(GTask) task = NULL;

  if (cancellable == NULL)
    {
      file_job_free (job);
      return;
    }
  task = g_task_new (self, cancellable, file_done, NULL);
  g_task_set_source_tag (task, thread);
  g_task_set_task_data (task, job, (GDestroyNotify) file_job_free);
  g_task_run_in_thread (task, thread);
}

/* The file chooser only supplies the path. */
void
inj_agent_page_open_delegation (InjAgentPage *self,
                                const char *path)
{
  FileJob *job;

  g_return_if_fail (INJ_IS_AGENT_PAGE (self));
  g_return_if_fail (path != NULL);
  if (_inj_agent_page_busy (self))
    return;
  job = g_new0 (FileJob, 1);
  job->path = g_strdup (path);
  run_file_job (self, job, open_thread, _("Reading the delegation…"));
}

/* @replace: only when the person said so (the file chooser asks). */
void
inj_agent_page_save_submission (InjAgentPage *self,
                                const char *path,
                                gboolean replace)
{
  FileJob *job;

  g_return_if_fail (INJ_IS_AGENT_PAGE (self));
  g_return_if_fail (path != NULL);
  if (self->submission == NULL || _inj_agent_page_busy (self))
    return;
  job = g_new0 (FileJob, 1);
  job->path = g_strdup (path);
  job->replace = replace;
  job->bytes = g_bytes_ref (self->submission);
  run_file_job (self, job, save_thread, _("Saving the submission…"));
}

static void
chooser_response (GtkNativeDialog *dialog,
                  int response,
                  gpointer user_data)
{
  g_autoptr(InjAgentPage) self = user_data;
  gboolean saving = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)) ==
                    GTK_FILE_CHOOSER_ACTION_SAVE;

  if (response == GTK_RESPONSE_ACCEPT && !self->disposed)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      /* GTK's file chooser (and the portal's) asks before it returns a
       * file that exists: then it may be replaced. */
      if (path && saving)
        inj_agent_page_save_submission (self, path, TRUE);
      else if (path)
        inj_agent_page_open_delegation (self, path);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static GtkFileChooserNative *
chooser_new (GtkWidget *widget,
             const char *title,
             GtkFileChooserAction action,
             const char *accept)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) xml = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        action, accept, _("_Cancel"));
  gtk_file_filter_set_name (xml, _("XML files"));
  gtk_file_filter_add_pattern (xml, "*.xml");
  gtk_file_filter_add_mime_type (xml, "application/xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), xml);
  _inj_ui_open_in_documents (GTK_FILE_CHOOSER (dialog));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (chooser_response), g_object_ref (widget));
  return dialog;
}

void
_inj_agent_page_open_delegation_activated (GtkWidget *widget,
                                           const char *action_name,
                                           GVariant *parameter)
{
  GtkFileChooserNative *dialog = chooser_new (widget, _("Open the Delegation"),
                                              GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"));

  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

void
_inj_agent_page_save_activated (GtkWidget *widget,
                                const char *action_name,
                                GVariant *parameter)
{
  InjAgentPage *self = INJ_AGENT_PAGE (widget);
  GtkFileChooserNative *dialog;

  if (self->submission == NULL)
    return;
  dialog = chooser_new (widget, _("Save the Submission"), GTK_FILE_CHOOSER_ACTION_SAVE,
                        _("_Save"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), self->submission_name);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}


/* The folder the submission was saved in, in the file manager (through the
 * portal when there is one). */
void
_inj_agent_page_open_folder_activated (GtkWidget *widget,
                                       const char *action_name,
                                       GVariant *parameter)
{
  InjAgentPage *self = INJ_AGENT_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *folder = NULL;
  g_autofree char *uri = NULL;

  if (self->saved_path == NULL)
    return;
  folder = g_path_get_dirname (self->saved_path);
  uri = g_filename_to_uri (folder, NULL, NULL);
  if (uri)
    gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}
