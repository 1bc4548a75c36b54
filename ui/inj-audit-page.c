/* inj-audit-page.c */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-a11y.h"
#include "inj-audit-page.h"
#include "inj-job.h"
#include "inj-ui-private.h"

struct _InjAuditPage {
  GtkWidget parent_instance;

  InjSession *session;
  char *path;               /* NULL: the user's log */
  InjJob *job;              /* the reading */
  gboolean disposed;

  GPtrArray *events;        /* InjAuditEvent, newest first */
  guint broken_line;
  char *status_text;

  GtkWidget *scroller;
  GtkSpinner *spinner;
  GtkWidget *refresh_button;
  GtkLabel *status_label;
  GtkListBox *events_list;
};

G_DEFINE_FINAL_TYPE (InjAuditPage, inj_audit_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------------- reading, in a thread */

typedef struct {
  GPtrArray *events;
  guint lines;
  guint broken_line;
  GError *error;        /* why the chain is broken, or the file unreadable */
} Reading;

static void
reading_free (Reading *r)
{
  g_clear_pointer (&r->events, g_ptr_array_unref);
  g_clear_error (&r->error);
  g_free (r);
}

static void
read_thread (GTask *task,
             gpointer source,
             gpointer task_data,
             GCancellable *cancellable)
{
  const char *path = task_data;
  Reading *r = g_new0 (Reading, 1);

  r->events = inj_audit_load (path, &r->error);
  if (r->events)
    inj_audit_verify_full (path, &r->lines, &r->broken_line, &r->error);
  for (guint i = 0; r->events && i < r->events->len / 2; i++)
    {
      gpointer first = r->events->pdata[i];
      r->events->pdata[i] = r->events->pdata[r->events->len - 1 - i];
      r->events->pdata[r->events->len - 1 - i] = first;
    }
  g_task_return_pointer (task, r, (GDestroyNotify) reading_free);
}

/* ---------------------------------------------------------------- showing */

static GtkWidget *
event_row (const InjAuditEvent *e)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *when = inj_audit_display_time (e->time);
  g_autofree char *title = NULL;
  GString *sub = g_string_new (NULL);
  GtkWidget *result;

  g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, e->seq);

  /* TRANSLATORS: an audit event: what was done, then its number in the log */
  title = g_strdup_printf (_("%s (No. %s)"), inj_audit_action_label (e->action), number);
  g_string_append (sub, when);
  if (e->delegation_id)
    g_string_append_printf (sub, "\n%s: %s", _("Delegation ID"), e->delegation_id);
  if (e->fingerprint)
    g_string_append_printf (sub, "\n%s: %s", _("Certificate (SHA-256)"), e->fingerprint);
  if (e->code)
    g_string_append_printf (sub, "\n%s: %s", _("Error code"), e->code);
  if (e->detail)
    g_string_append_printf (sub, "\n%s: %s", _("Answer"), e->detail);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub->str);
  result = gtk_label_new (inj_audit_result_label (e->result));
  gtk_widget_add_css_class (result, g_strcmp0 (e->result, "ok") == 0 ? "success" : "warning");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), result);
  g_string_free (sub, TRUE);
  return row;
}

static void
show_reading (InjAuditPage *self,
              Reading *r)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->events_list))))
    gtk_list_box_remove (self->events_list, child);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->status_text, g_free);
  self->events = r->events ? g_ptr_array_ref (r->events)
                           : g_ptr_array_new_with_free_func ((GDestroyNotify) inj_audit_event_free);
  self->broken_line = r->broken_line;

  if (r->error && r->broken_line == 0)
    self->status_text = g_strdup_printf ("%s %s", _("The audit log cannot be read:"),
                                         r->error->message);
  else if (r->error)
    self->status_text = g_strdup_printf (_("The audit log is broken at line %u: %s Entries "
                                           "from that line on may have been changed or "
                                           "removed; keep the file for support staff."),
                                         r->broken_line, r->error->message);
  else if (r->lines == 0)
    self->status_text = g_strdup (_("The audit log is intact. Nothing has been recorded yet."));
  else
    self->status_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                      "The audit log is intact (%u entry).",
                                                      "The audit log is intact (%u entries).",
                                                      r->lines),
                                         r->lines);
  gtk_label_set_text (self->status_label, self->status_text);
  if (r->error)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "success");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "success");
    }
  for (guint i = 0; i < self->events->len; i++)
    gtk_list_box_append (self->events_list, event_row (g_ptr_array_index (self->events, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->events_list), self->events->len > 0);
}

static void
read_done (GObject *source,
           GAsyncResult *result,
           gpointer user_data)
{
  g_autoptr(InjAuditPage) self = user_data;
  Reading *r = g_task_propagate_pointer (G_TASK (result), NULL);

  if (self->disposed || r == NULL ||
      !inj_job_is_current (self->job, g_task_get_cancellable (G_TASK (result))))
    {
      g_clear_pointer (&r, reading_free);
      return;
    }
  show_reading (self, r);
  reading_free (r);
  inj_job_end (self->job);
}

void
inj_audit_page_refresh (InjAuditPage *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (INJ_IS_AUDIT_PAGE (self));

  task = g_task_new (NULL, inj_job_restart (self->job, NULL), read_done, g_object_ref (self));
  g_task_set_source_tag (task, inj_audit_page_refresh);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_task_data (task, self->path ? g_strdup (self->path) : inj_audit_default_path (),
                        g_free);
  g_task_run_in_thread (task, read_thread);
}

void
inj_audit_page_set_path (InjAuditPage *self,
                         const char *path)
{
  g_return_if_fail (INJ_IS_AUDIT_PAGE (self));

  g_free (self->path);
  self->path = g_strdup (path);
  inj_audit_page_refresh (self);
}

gboolean
inj_audit_page_get_loading (InjAuditPage *self)
{
  g_return_val_if_fail (INJ_IS_AUDIT_PAGE (self), FALSE);
  return inj_job_get_busy (self->job);
}

guint
inj_audit_page_get_n_events (InjAuditPage *self)
{
  g_return_val_if_fail (INJ_IS_AUDIT_PAGE (self), 0);
  return self->events ? self->events->len : 0;
}

const InjAuditEvent *
inj_audit_page_get_event (InjAuditPage *self,
                          guint position)
{
  g_return_val_if_fail (INJ_IS_AUDIT_PAGE (self), NULL);
  if (self->events == NULL || position >= self->events->len)
    return NULL;
  return g_ptr_array_index (self->events, position);
}

guint
inj_audit_page_get_broken_line (InjAuditPage *self)
{
  g_return_val_if_fail (INJ_IS_AUDIT_PAGE (self), 0);
  return self->broken_line;
}

const char *
inj_audit_page_get_status_text (InjAuditPage *self)
{
  g_return_val_if_fail (INJ_IS_AUDIT_PAGE (self), NULL);
  return self->status_text;
}

/* ---------------------------------------------------------------- the object */

GtkWidget *
inj_audit_page_new (InjSession *session)
{
  return g_object_new (INJ_TYPE_AUDIT_PAGE, "session", session, NULL);
}

static void
inj_audit_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (inj_audit_page_parent_class)->map (widget);
  inj_audit_page_refresh (INJ_AUDIT_PAGE (widget));
}

static void
inj_audit_page_dispose (GObject *object)
{
  InjAuditPage *self = INJ_AUDIT_PAGE (object);

  self->disposed = TRUE;
  inj_job_stop (self->job);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), INJ_TYPE_AUDIT_PAGE);
  G_OBJECT_CLASS (inj_audit_page_parent_class)->dispose (object);
}

static void
inj_audit_page_finalize (GObject *object)
{
  InjAuditPage *self = INJ_AUDIT_PAGE (object);

  g_clear_object (&self->job);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_free (self->status_text);
  g_free (self->path);
  G_OBJECT_CLASS (inj_audit_page_parent_class)->finalize (object);
}

static void
inj_audit_page_get_property (GObject *object,
                             guint prop_id,
                             GValue *value,
                             GParamSpec *pspec)
{
  InjAuditPage *self = INJ_AUDIT_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, inj_job_get_busy (self->job));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inj_audit_page_set_property (GObject *object,
                             guint prop_id,
                             const GValue *value,
                             GParamSpec *pspec)
{
  InjAuditPage *self = INJ_AUDIT_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inj_audit_page_class_init (InjAuditPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = inj_audit_page_dispose;
  object_class->finalize = inj_audit_page_finalize;
  object_class->get_property = inj_audit_page_get_property;
  object_class->set_property = inj_audit_page_set_property;
  widget_class->map = inj_audit_page_map;

  /* The session the page belongs to (the log holds no personal data, so
   * the privacy lock has nothing to hide here). */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, INJ_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  _inj_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ininjo/Ininjo/ui/inj-audit-page.ui");
  gtk_widget_class_bind_template_child (widget_class, InjAuditPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, InjAuditPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, InjAuditPage, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, InjAuditPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, InjAuditPage, events_list);
  gtk_widget_class_bind_template_callback (widget_class, inj_audit_page_refresh);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
job_busy_changed (InjAuditPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
inj_audit_page_init (InjAuditPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->job = inj_job_new ();
  g_object_bind_property (self->job, "busy", self->spinner, "visible", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->job, "busy", self->spinner, "spinning", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->job, "notify::busy", G_CALLBACK (job_busy_changed), self,
                           G_CONNECT_SWAPPED);
  inj_ui_set_accessible_label (self->refresh_button, _("Refresh the audit log"));
  gtk_widget_set_visible (GTK_WIDGET (self->events_list), FALSE);
}
