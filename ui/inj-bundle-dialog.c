/* inj-bundle-dialog.c */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-app.h"
#include "inj-bundle-dialog.h"
#include "inj-diagnostics.h"
#include "inj-diagnostics-setup.h"
#include "inj-job.h"
#include "inj-ui-private.h"
#include "inj-wrap.h"

struct _InjBundleDialog {
  GtkWindow parent_instance;

  InjSession *session;
  InjJob *job;      /* the collecting */
  GPtrArray *files; /* InjBundleFile */
  GtkFileChooserNative *chooser;

  GtkStack *stack;
  GtkButton *save_button;
  GtkListBox *files_list;
  GtkTextView *text_view;
  GtkLabel *status_label;
};

G_DEFINE_FINAL_TYPE (InjBundleDialog, inj_bundle_dialog, GTK_TYPE_WINDOW)

enum { SIGNAL_READY, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------- collecting */

static void
collect_thread (GTask *task,
                gpointer source,
                gpointer data,
                GCancellable *cancellable)
{
  g_autoptr(JsonObject) report = inj_diagnostics_setup_run (data, cancellable);

  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, inj_diagnostics_bundle_files (report),
                         (GDestroyNotify) g_ptr_array_unref);
}

static GtkWidget *
file_row (InjBundleFile *file)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (file->name);
  g_autofree char *size_text = inj_diagnostics_size_display (g_bytes_get_size (file->content));
  GtkWidget *size = gtk_label_new (size_text);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (size), 0);
  gtk_widget_add_css_class (size, "dim-label");
  gtk_widget_add_css_class (size, "caption");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), size);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  return box;
}

static void
collect_cb (GObject *source,
            GAsyncResult *result,
            gpointer user_data)
{
  InjBundleDialog *self = INJ_BUNDLE_DIALOG (source);
  g_autoptr(GError) error = NULL;
  GPtrArray *files = g_task_propagate_pointer (G_TASK (result), &error);

  if (files == NULL)
    return; /* cancelled: the window is going */
  inj_job_end (self->job);
  self->files = files;
  for (guint i = 0; i < files->len; i++)
    gtk_list_box_append (self->files_list, file_row (g_ptr_array_index (files, i)));
  gtk_stack_set_visible_child_name (self->stack, "preview");
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);
  inj_bundle_dialog_select_file (self, 0);
  g_signal_emit (self, signals[SIGNAL_READY], 0);
}

static void
start (InjBundleDialog *self)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, inj_job_begin (self->job, NULL), collect_cb, NULL);
  g_task_set_source_tag (task, start);
  /* the same options as the diagnostics page's */
  g_task_set_task_data (task, inj_diagnostics_setup_new (inj_session_get_settings (self->session)),
                        (GDestroyNotify) inj_diagnostics_setup_free);
  g_task_run_in_thread (task, collect_thread);
}

/* ---------------------------------------------------------------- showing */

static void
row_selected (InjBundleDialog *self,
              GtkListBoxRow *row)
{
  GtkTextBuffer *buffer;
  InjBundleFile *file;
  gsize len;
  const char *data;

  if (self->text_view == NULL || self->files == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return; /* going away */
  buffer = gtk_text_view_get_buffer (self->text_view);
  if (row == NULL || self->files == NULL)
    {
      gtk_text_buffer_set_text (buffer, "", 0);
      return;
    }
  file = g_ptr_array_index (self->files, gtk_list_box_row_get_index (row));
  data = g_bytes_get_data (file->content, &len);
  gtk_text_buffer_set_text (buffer, data ? data : "", len);
}

void
inj_bundle_dialog_select_file (InjBundleDialog *self,
                               guint index)
{
  GtkListBoxRow *row;

  g_return_if_fail (INJ_IS_BUNDLE_DIALOG (self));
  row = gtk_list_box_get_row_at_index (self->files_list, index);
  if (row)
    gtk_list_box_select_row (self->files_list, row);
}

char *
inj_bundle_dialog_dup_shown_text (InjBundleDialog *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter a, b;

  g_return_val_if_fail (INJ_IS_BUNDLE_DIALOG (self), NULL);
  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &a, &b);
  return gtk_text_buffer_get_text (buffer, &a, &b, TRUE);
}

gboolean
inj_bundle_dialog_is_ready (InjBundleDialog *self)
{
  g_return_val_if_fail (INJ_IS_BUNDLE_DIALOG (self), FALSE);
  return self->files != NULL;
}

GPtrArray *
inj_bundle_dialog_get_files (InjBundleDialog *self)
{
  g_return_val_if_fail (INJ_IS_BUNDLE_DIALOG (self), NULL);
  return self->files;
}

/* ---------------------------------------------------------------- saving */

static void
show_status (InjBundleDialog *self,
             const char *text,
             gboolean error)
{
  gtk_label_set_text (self->status_label, text);
  if (error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "success");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "success");
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
}

gboolean
inj_bundle_dialog_save_to (InjBundleDialog *self,
                           const char *path,
                           GError **error)
{
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (INJ_IS_BUNDLE_DIALOG (self), FALSE);
  g_return_val_if_fail (self->files != NULL, FALSE);
  if (!inj_diagnostics_write_bundle (self->files, path, &local))
    {
      g_autofree char *text = g_strdup_printf (_("%s Choose another folder and save again."),
                                               local->message);
      show_status (self, text, TRUE);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  {
    g_autofree char *text = g_strdup_printf (_("Saved to “%s”. Only you can read it; send it to "
                                               "support staff as they ask."), path);
    show_status (self, text, FALSE);
  }
  return TRUE;
}

static void
chooser_response (InjBundleDialog *self,
                  int response)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path)
        inj_bundle_dialog_save_to (self, path, NULL);
    }
  g_clear_object (&self->chooser);
}

static void
save_clicked (InjBundleDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (now, "ininjo-diagnostics-%Y%m%d-%H%M%S.tar");

  if (self->files == NULL || self->chooser)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Save the diagnostic bundle"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  _inj_ui_open_in_documents (GTK_FILE_CHOOSER (self->chooser));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
close_clicked (InjBundleDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ---------------------------------------------------------------- object */

static void
privacy_lock (InjBundleDialog *self)
{
  /* nothing personal is shown, but card work stops and the window goes */
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
inj_bundle_dialog_dispose (GObject *object)
{
  InjBundleDialog *self = INJ_BUNDLE_DIALOG (object);

  inj_job_stop (self->job);
  if (self->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  G_OBJECT_CLASS (inj_bundle_dialog_parent_class)->dispose (object);
}

static void
inj_bundle_dialog_finalize (GObject *object)
{
  InjBundleDialog *self = INJ_BUNDLE_DIALOG (object);

  g_clear_object (&self->job);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (inj_bundle_dialog_parent_class)->finalize (object);
}

static void
inj_bundle_dialog_class_init (InjBundleDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = inj_bundle_dialog_dispose;
  object_class->finalize = inj_bundle_dialog_finalize;

  signals[SIGNAL_READY] = g_signal_new ("ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 0);

  _inj_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ininjo/Ininjo/ui/inj-bundle-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, InjBundleDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, InjBundleDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, InjBundleDialog, files_list);
  gtk_widget_class_bind_template_child (widget_class, InjBundleDialog, text_view);
  gtk_widget_class_bind_template_child (widget_class, InjBundleDialog, status_label);
  gtk_widget_class_bind_template_callback (widget_class, row_selected);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, close_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
inj_bundle_dialog_init (InjBundleDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  inj_wrap_labels_in (GTK_WIDGET (self));
  self->job = inj_job_new ();
}

GtkWidget *
inj_bundle_dialog_new (GtkWindow *parent,
                       InjSession *session)
{
  InjBundleDialog *self = g_object_new (INJ_TYPE_BUNDLE_DIALOG, "transient-for", parent, NULL);

  g_return_val_if_fail (INJ_IS_SESSION (session), NULL);
  self->session = g_object_ref (session);
  g_signal_connect_object (session, "privacy-lock", G_CALLBACK (privacy_lock), self,
                           G_CONNECT_SWAPPED);
  start (self);
  return GTK_WIDGET (self);
}

GtkWidget *
inj_bundle_dialog_present_for (GtkWidget *from,
                               InjSession *session)
{
  GtkRoot *root;
  GtkWidget *dialog;

  g_return_val_if_fail (GTK_IS_WIDGET (from), NULL);
  root = gtk_widget_get_root (from);
  dialog = inj_bundle_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, session);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
