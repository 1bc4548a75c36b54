/* inj-delegation-editor.c */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-a11y.h"
#include "inj-date-button.h"
#include "inj-delegation-editor-private.h"
#include "inj-draft.h"
#include "inj-ui-private.h"
#include "inj-wrap.h"

#define DEFAULT_DRAFT_DELAY_MS 1000

G_DEFINE_FINAL_TYPE (InjDelegationEditor, inj_delegation_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DRAFTS_DIR,
  PROP_DELEGATION,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_DRAFT_SAVED,
  SIGNAL_VALIDATED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static gboolean
field_is_typed (InjField f)
{
  return !(inj_field_info (f)->flags & INJ_FIELD_FLAG_AUTO) &&
         f != INJ_FIELD_PRINCIPAL_KIND && f != INJ_FIELD_AGENT_QUALIFICATION;
}

/* One line under the header of the form: a failure (a draft not saved,
 * an export that failed) until the next attempt, else whether the
 * delegation is complete. */
static void
update_status (InjDelegationEditor *self)
{
  const char *text = self->notice;

  if (text == NULL && self->can_save)
    text = _("The delegation is complete.");
  inj_wrap_set_text (self->status_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
  /* a failure is an error message; that the delegation is complete is
   * said plainly, not in colour */
  if (self->notice)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "dim-label");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
    }
}

static void
set_notice (InjDelegationEditor *self,
            const char *notice)
{
  g_free (self->notice);
  self->notice = g_strdup (notice);
  update_status (self);
}

static void
update_all (InjDelegationEditor *self)
{
  g_autoptr(GDateTime) now = inj_date_now ();
  g_autoptr(GPtrArray) problems = NULL;

  for (InjField f = 0; f < INJ_N_FIELDS; f++)
    _inj_editor_update_field (self, f);

  problems = inj_delegation_validate (self->delegation, now);
  self->can_save = problems->len == 0;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save-xml", self->can_save);
  _inj_editor_update_problems (self, problems);
  _inj_editor_update_renewal (self);
  update_status (self);
  g_signal_emit (self, signals[SIGNAL_VALIDATED], 0, self->can_save);
}

/* On the page, not only in the log: e.g. no Secret Service and the user
 * did not agree to unencrypted drafts. */
static void
draft_not_saved (InjDelegationEditor *self,
                 const GError *error)
{
  g_autofree char *text = g_strdup_printf (_("The draft is not saved: %s"), error->message);

  g_message ("The draft cannot be saved: %s", error->message);
  set_notice (self, text);
}

static void
draft_written_cb (GObject *source,
                  GAsyncResult *result,
                  gpointer user_data)
{
  g_autoptr(GError) error = NULL;

  if (!inj_draft_write_finish (result, &error))
    {
      /* Cancelled means the editor is gone: @user_data is not to be touched. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        draft_not_saved (user_data, error);
      return;
    }
  /* the failure shown before is over */
  set_notice (user_data, NULL);
  g_signal_emit (user_data, signals[SIGNAL_DRAFT_SAVED], 0);
}

static gboolean
draft_timeout (gpointer user_data)
{
  InjDelegationEditor *self = user_data;
  g_autofree char *path = inj_draft_path (self->drafts_dir, self->delegation);
  g_autofree char *data = inj_delegation_to_input (self->delegation);

  self->draft_source = 0;
  if (path)
    inj_draft_write_async (path, data, self->cancellable, draft_written_cb, self);
  return G_SOURCE_REMOVE;
}

static void
schedule_draft (InjDelegationEditor *self)
{
  if (self->loading)
    return;
  g_clear_handle_id (&self->draft_source, g_source_remove);
  self->draft_source = g_timeout_add (self->draft_delay_ms, draft_timeout, self);
}

void
_inj_editor_entry_changed (InjDelegationEditor *self,
                           FieldRow *row)
{
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) now = NULL;

  if (self->loading)
    return;
  text = _inj_editor_entry_text (row);
  now = inj_date_now ();
  row->converted = inj_delegation_set_input (self->delegation, row->field, text, now);
  row->touched = TRUE;
  update_all (self);
  schedule_draft (self);
}

/* The widgets show the model; nothing is written back while they do. */
static void
load_into_widgets (InjDelegationEditor *self)
{
  InjPrincipalKind kind = inj_delegation_get_principal_kind (self->delegation);

  self->loading = TRUE;
  gtk_drop_down_set_selected (self->kind_dropdown,
                              kind == INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR ? 1 : 0);
  gtk_drop_down_set_selected (self->qualification_dropdown,
                              (guint) inj_delegation_get_qualification (self->delegation));
  for (InjField f = 0; f < INJ_N_FIELDS; f++)
    if (self->rows[f].row)
      {
        g_autofree char *text = _inj_editor_stored_to_entry (f, inj_delegation_get_text (self->delegation, f));
        _inj_editor_set_entry_text (&self->rows[f], text);
        /* A loaded draft's problems show at once: they were typed before. */
        self->rows[f].touched = text[0] != '\0';
        self->rows[f].converted = INJ_PROBLEM_NONE;
      }
  self->loading = FALSE;
  update_all (self);
}

/* After a change of kind or 資格: an item that no longer belongs to the
 * delegation (a title once the agent is a 税理士) leaves it, so that no
 * hidden row holds a problem; its text stays in the entry and comes back
 * if the person changes their mind. */
static void
follow_applicable (InjDelegationEditor *self)
{
  g_autoptr(GDateTime) now = inj_date_now ();

  for (InjField f = 0; f < INJ_N_FIELDS; f++)
    {
      FieldRow *row = &self->rows[f];
      g_autofree char *text = NULL;

      if (row->entry == NULL)
        continue;
      if (!inj_delegation_field_applies (self->delegation, f))
        {
          inj_delegation_set_text (self->delegation, f, NULL);
          continue;
        }
      text = _inj_editor_entry_text (row);
      if (inj_delegation_get_text (self->delegation, f) == NULL && *text)
        row->converted = inj_delegation_set_input (self->delegation, f, text, now);
    }
}

static void
on_kind_selected (InjDelegationEditor *self)
{
  guint i = gtk_drop_down_get_selected (self->kind_dropdown);
  InjPrincipalKind kind = i == 1 ? INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR : INJ_PRINCIPAL_KIND_CORPORATION;

  if (self->loading || self->delegation == NULL ||
      inj_delegation_get_principal_kind (self->delegation) == kind)
    return;
  inj_delegation_set_principal_kind (self->delegation, kind);
  follow_applicable (self);
  update_all (self);
  schedule_draft (self);
}

static void
on_qualification_selected (InjDelegationEditor *self)
{
  guint i = gtk_drop_down_get_selected (self->qualification_dropdown);

  if (self->loading || self->delegation == NULL || i == GTK_INVALID_LIST_POSITION)
    return;
  inj_delegation_set_qualification (self->delegation, (InjQualification) i);
  self->rows[INJ_FIELD_AGENT_IDENTIFIER].touched |= i != INJ_QUALIFICATION_NONE;
  follow_applicable (self);
  update_all (self);
  schedule_draft (self);
}

static void
load_draft_or_create (InjDelegationEditor *self)
{
  g_autofree char *latest = inj_draft_find_latest (self->drafts_dir);
  g_autoptr(GDateTime) now = inj_date_now ();

  if (latest)
    {
      gsize length = 0;
      g_autoptr(GError) error = NULL;
      g_autofree char *data = inj_draft_read (latest, &length, &error);

      if (data)
        {
          g_autofree char *base = g_path_get_basename (latest);
          base[strlen (base) - strlen (".ini")] = '\0';
          self->delegation = inj_draft_from_input (data, length, base, self->profile, &error);
        }
      if (self->delegation == NULL)
        g_message ("The draft %s cannot be read: %s", latest, error->message);
    }
  if (self->delegation == NULL)
    self->delegation = inj_delegation_create (INJ_PRINCIPAL_KIND_CORPORATION, self->profile, now);
  if (inj_delegation_get_principal_kind (self->delegation) == INJ_PRINCIPAL_KIND_NONE)
    inj_delegation_set_principal_kind (self->delegation, INJ_PRINCIPAL_KIND_CORPORATION);
}

/* Said once, in a toast when the window has them, else on the page. */
static void
say_exported (InjDelegationEditor *self)
{
  const char *message = _("The delegation was saved as XML.");

  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message))
    set_notice (self, message);
}

static void
save_xml_response (GtkNativeDialog *dialog,
                   int response,
                   gpointer user_data)
{
  InjDelegationEditor *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      inj_delegation_editor_export_xml (self, file, NULL);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
save_xml_activated (GtkWidget *widget,
                    const char *action_name,
                    GVariant *parameter)
{
  InjDelegationEditor *self = INJ_DELEGATION_EDITOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;

  /* a new attempt: what the last one said is over */
  set_notice (self, NULL);
  dialog = gtk_file_chooser_native_new (_("Save the Delegation as XML"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  name = g_strdup_printf ("%s.xml", inj_delegation_get_text (self->delegation, INJ_FIELD_DELEGATION_ID));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  _inj_ui_open_in_documents (GTK_FILE_CHOOSER (dialog));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (save_xml_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
next_problem_activated (GtkWidget *widget,
                        const char *action_name,
                        GVariant *parameter)
{
  _inj_editor_next_problem (INJ_DELEGATION_EDITOR (widget));
}

static void
inj_delegation_editor_constructed (GObject *object)
{
  InjDelegationEditor *self = INJ_DELEGATION_EDITOR (object);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) qualifications = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (inj_delegation_editor_parent_class)->constructed (object);
  inj_ui_set_accessible_label (self->menu_button,
                               gtk_widget_get_tooltip_text (self->menu_button));

  if (self->drafts_dir == NULL)
    self->drafts_dir = inj_draft_default_dir ();
  self->profile = inj_service_profile_load_default (&error);
  if (self->profile == NULL)
    g_error ("The embedded service profile cannot be read: %s", error->message);

  gtk_string_list_append (kinds, inj_principal_kind_label (INJ_PRINCIPAL_KIND_CORPORATION));
  gtk_string_list_append (kinds, inj_principal_kind_label (INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));
  gtk_string_list_append (qualifications, _("Not a licensed professional"));
  for (InjQualification q = INJ_QUALIFICATION_NONE + 1; q < INJ_N_QUALIFICATIONS; q++)
    gtk_string_list_append (qualifications, inj_qualification_name (q));
  gtk_drop_down_set_model (self->qualification_dropdown, G_LIST_MODEL (qualifications));

  for (InjField f = 0; f < INJ_N_FIELDS; f++)
    if (field_is_typed (f))
      _inj_editor_build_row (self, f);

  if (self->delegation == NULL)
    load_draft_or_create (self);
  g_signal_connect_swapped (self->kind_dropdown, "notify::selected",
                            G_CALLBACK (on_kind_selected), self);
  g_signal_connect_swapped (self->qualification_dropdown, "notify::selected",
                            G_CALLBACK (on_qualification_selected), self);
  load_into_widgets (self);
}

static void
inj_delegation_editor_dispose (GObject *object)
{
  InjDelegationEditor *self = INJ_DELEGATION_EDITOR (object);

  /* Nothing is lost when the window closes before the delay is over. */
  if (self->draft_source)
    {
      g_autoptr(GError) error = NULL;
      g_clear_handle_id (&self->draft_source, g_source_remove);
      if (!inj_delegation_editor_save_draft_now (self, &error))
        draft_not_saved (self, error);
    }
  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), INJ_TYPE_DELEGATION_EDITOR);
  G_OBJECT_CLASS (inj_delegation_editor_parent_class)->dispose (object);
}

static void
inj_delegation_editor_finalize (GObject *object)
{
  InjDelegationEditor *self = INJ_DELEGATION_EDITOR (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->delegation);
  g_clear_pointer (&self->profile, inj_service_profile_free);
  g_clear_pointer (&self->problem_rows, g_ptr_array_unref);
  g_free (self->problems_shown);
  g_free (self->renewal_of);
  g_free (self->notice);
  g_free (self->drafts_dir);
  G_OBJECT_CLASS (inj_delegation_editor_parent_class)->finalize (object);
}

static void
inj_delegation_editor_get_property (GObject *object,
                                    guint prop_id,
                                    GValue *value,
                                    GParamSpec *pspec)
{
  InjDelegationEditor *self = INJ_DELEGATION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DRAFTS_DIR:
      g_value_set_string (value, self->drafts_dir);
      break;
    case PROP_DELEGATION:
      g_value_set_object (value, self->delegation);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inj_delegation_editor_set_property (GObject *object,
                                    guint prop_id,
                                    const GValue *value,
                                    GParamSpec *pspec)
{
  InjDelegationEditor *self = INJ_DELEGATION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DRAFTS_DIR:
      g_free (self->drafts_dir);
      self->drafts_dir = g_value_dup_string (value);
      break;
    case PROP_DELEGATION:
      g_set_object (&self->delegation, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inj_delegation_editor_class_init (InjDelegationEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = inj_delegation_editor_constructed;
  object_class->dispose = inj_delegation_editor_dispose;
  object_class->finalize = inj_delegation_editor_finalize;
  object_class->get_property = inj_delegation_editor_get_property;
  object_class->set_property = inj_delegation_editor_set_property;

  /* Where drafts live; NULL for $XDG_DATA_HOME/ininjo/drafts. */
  properties[PROP_DRAFTS_DIR] =
    g_param_spec_string ("drafts-dir", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The delegation to edit; NULL to load the latest draft or start one. */
  properties[PROP_DELEGATION] =
    g_param_spec_object ("delegation", NULL, NULL, INJ_TYPE_DELEGATION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The draft is on disk (written atomically, 0600). */
  signals[SIGNAL_DRAFT_SAVED] = g_signal_new ("draft-saved", G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 0);
  /* Every item was checked again; the argument says whether the delegation
   * is complete (then inj_delegation_editor_get_delegation() can be signed). */
  signals[SIGNAL_VALIDATED] = g_signal_new ("validated", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  _inj_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ininjo/Ininjo/ui/inj-delegation-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, InjDelegationEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, InjDelegationEditor, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, InjDelegationEditor, qualification_dropdown);
  gtk_widget_class_bind_template_child (widget_class, InjDelegationEditor, principal_box);
  gtk_widget_class_bind_template_child (widget_class, InjDelegationEditor, agent_box);
  gtk_widget_class_bind_template_child (widget_class, InjDelegationEditor, authority_box);
  gtk_widget_class_bind_template_child (widget_class, InjDelegationEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, InjDelegationEditor, menu_button);
  gtk_widget_class_bind_template_child (widget_class, InjDelegationEditor, renewal_list);
  gtk_widget_class_bind_template_child (widget_class, InjDelegationEditor, renewal_row);
  gtk_widget_class_bind_template_child (widget_class, InjDelegationEditor, problems_list);
  gtk_widget_class_bind_template_child (widget_class, InjDelegationEditor, problems_row);
  gtk_widget_class_bind_template_child (widget_class, InjDelegationEditor, next_problem_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "editor.save-xml", NULL, save_xml_activated);
  gtk_widget_class_install_action (widget_class, "editor.next-problem", NULL, next_problem_activated);
}

static void
inj_delegation_editor_init (InjDelegationEditor *self)
{
  g_type_ensure (ADW_TYPE_CLAMP);
  g_type_ensure (ADW_TYPE_ACTION_ROW);
  g_type_ensure (ADW_TYPE_EXPANDER_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->draft_delay_ms = DEFAULT_DRAFT_DELAY_MS;
  self->cancellable = g_cancellable_new ();
  self->problem_rows = g_ptr_array_new ();
}

GtkWidget *
inj_delegation_editor_new (const char *drafts_dir)
{
  return g_object_new (INJ_TYPE_DELEGATION_EDITOR, "drafts-dir", drafts_dir, NULL);
}

InjDelegation *
inj_delegation_editor_get_delegation (InjDelegationEditor *self)
{
  g_return_val_if_fail (INJ_IS_DELEGATION_EDITOR (self), NULL);
  return self->delegation;
}

const char *
inj_delegation_editor_get_drafts_dir (InjDelegationEditor *self)
{
  g_return_val_if_fail (INJ_IS_DELEGATION_EDITOR (self), NULL);
  return self->drafts_dir;
}

GtkWidget *
inj_delegation_editor_get_entry (InjDelegationEditor *self,
                                 InjField field)
{
  g_return_val_if_fail (INJ_IS_DELEGATION_EDITOR (self), NULL);
  g_return_val_if_fail (field >= 0 && field < INJ_N_FIELDS, NULL);
  return self->rows[field].entry;
}

const char *
inj_delegation_editor_get_message (InjDelegationEditor *self,
                                   InjField field)
{
  g_return_val_if_fail (INJ_IS_DELEGATION_EDITOR (self), NULL);
  g_return_val_if_fail (field >= 0 && field < INJ_N_FIELDS, NULL);
  return self->rows[field].message ? gtk_label_get_text (self->rows[field].message) : NULL;
}

const char *
inj_delegation_editor_get_hint (InjDelegationEditor *self,
                                InjField field)
{
  g_return_val_if_fail (INJ_IS_DELEGATION_EDITOR (self), NULL);
  g_return_val_if_fail (field >= 0 && field < INJ_N_FIELDS, NULL);
  return self->rows[field].hint ? gtk_label_get_text (self->rows[field].hint) : NULL;
}

void
inj_delegation_editor_set_kind (InjDelegationEditor *self,
                                InjPrincipalKind kind)
{
  g_return_if_fail (INJ_IS_DELEGATION_EDITOR (self));
  gtk_drop_down_set_selected (self->kind_dropdown,
                              kind == INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR ? 1 : 0);
}

/* As choosing in the 士業 drop-down does. */
void
inj_delegation_editor_set_qualification (InjDelegationEditor *self,
                                         InjQualification qualification)
{
  g_return_if_fail (INJ_IS_DELEGATION_EDITOR (self));
  gtk_drop_down_set_selected (self->qualification_dropdown, (guint) qualification);
}

gboolean
inj_delegation_editor_save_draft_now (InjDelegationEditor *self,
                                      GError **error)
{
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;

  g_return_val_if_fail (INJ_IS_DELEGATION_EDITOR (self), FALSE);
  path = inj_draft_path (self->drafts_dir, self->delegation);
  if (path == NULL)
    return TRUE;
  data = inj_delegation_to_input (self->delegation);
  return inj_draft_write (path, data, error);
}

guint
inj_delegation_editor_get_draft_delay (InjDelegationEditor *self)
{
  g_return_val_if_fail (INJ_IS_DELEGATION_EDITOR (self), 0);
  return self->draft_delay_ms;
}

void
inj_delegation_editor_set_draft_delay (InjDelegationEditor *self,
                                       guint delay_ms)
{
  g_return_if_fail (INJ_IS_DELEGATION_EDITOR (self));
  self->draft_delay_ms = delay_ms;
}

/* Whether "editor.save-xml" is enabled: the delegation has no problem. */
gboolean
inj_delegation_editor_can_save (InjDelegationEditor *self)
{
  g_return_val_if_fail (INJ_IS_DELEGATION_EDITOR (self), FALSE);
  return self->can_save;
}

/* Edits @delegation (a copy) instead: a renewal to complete, for one. The
 * draft of the one edited so far is saved first; the new one gets its own
 * draft. */
void
inj_delegation_editor_load (InjDelegationEditor *self,
                            InjDelegation *delegation)
{
  g_autoptr(GError) error = NULL;
  InjDelegation *copy;

  g_return_if_fail (INJ_IS_DELEGATION_EDITOR (self));
  g_return_if_fail (INJ_IS_DELEGATION (delegation));

  if (self->draft_source)
    {
      g_clear_handle_id (&self->draft_source, g_source_remove);
      if (!inj_delegation_editor_save_draft_now (self, &error))
        draft_not_saved (self, error);
      g_clear_error (&error);
    }
  /* The editor goes on changing its object: the caller's stays as it is. */
  copy = inj_delegation_new ();
  for (InjField f = 0; f < INJ_N_FIELDS; f++)
    inj_delegation_set_text (copy, f, inj_delegation_get_text (delegation, f));
  g_clear_object (&self->delegation);
  self->delegation = copy;
  load_into_widgets (self);
  if (!inj_delegation_editor_save_draft_now (self, &error))
    draft_not_saved (self, error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELEGATION]);
}

/* The menu of the form (「XMLとして書き出す…」). */
GtkWidget *
inj_delegation_editor_get_menu_button (InjDelegationEditor *self)
{
  g_return_val_if_fail (INJ_IS_DELEGATION_EDITOR (self), NULL);
  return self->menu_button;
}

/* The name shown above an item: 税理士登録番号 for a 税理士's ID. */
const char *
inj_delegation_editor_get_label (InjDelegationEditor *self,
                                 InjField field)
{
  g_return_val_if_fail (INJ_IS_DELEGATION_EDITOR (self), NULL);
  g_return_val_if_fail (field >= 0 && field < INJ_N_FIELDS, NULL);
  return self->rows[field].title ? gtk_label_get_text (self->rows[field].title) : NULL;
}

/* 必須 or 任意, as shown beside the item. */
const char *
inj_delegation_editor_get_need (InjDelegationEditor *self,
                                InjField field)
{
  g_return_val_if_fail (INJ_IS_DELEGATION_EDITOR (self), NULL);
  g_return_val_if_fail (field >= 0 && field < INJ_N_FIELDS, NULL);
  return self->rows[field].need ? gtk_label_get_text (self->rows[field].need) : NULL;
}

/* The calendar beside a date (an InjDateButton), else NULL. */
GtkWidget *
inj_delegation_editor_get_date_button (InjDelegationEditor *self,
                                       InjField field)
{
  g_return_val_if_fail (INJ_IS_DELEGATION_EDITOR (self), NULL);
  g_return_val_if_fail (field >= 0 && field < INJ_N_FIELDS, NULL);
  return self->rows[field].date_button;
}

/* The row at the top that counts the problems (an AdwExpanderRow with a
 * row per problem), visible only when there are some. */
GtkWidget *
inj_delegation_editor_get_problems_row (InjDelegationEditor *self)
{
  g_return_val_if_fail (INJ_IS_DELEGATION_EDITOR (self), NULL);
  return GTK_WIDGET (self->problems_row);
}

/* The problem rows, in the order of the form. */
GPtrArray *
inj_delegation_editor_get_problem_rows (InjDelegationEditor *self)
{
  g_return_val_if_fail (INJ_IS_DELEGATION_EDITOR (self), NULL);
  return self->problem_rows;
}

/* The banner of a renewal (an AdwActionRow), visible only for one. */
GtkWidget *
inj_delegation_editor_get_renewal_row (InjDelegationEditor *self)
{
  g_return_val_if_fail (INJ_IS_DELEGATION_EDITOR (self), NULL);
  return GTK_WIDGET (self->renewal_row);
}

/* The line under the form's header: a failure, or 「そろっています」. */
const char *
inj_delegation_editor_get_status (InjDelegationEditor *self)
{
  g_return_val_if_fail (INJ_IS_DELEGATION_EDITOR (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->status_label))
           ? gtk_label_get_text (self->status_label) : "";
}

/* What 「XMLとして書き出す…」 does with the file chosen: the delegation's
 * XML, written at once and atomically (one small document, like the
 * draft); the page or a toast says how it went. */
gboolean
inj_delegation_editor_export_xml (InjDelegationEditor *self,
                                  GFile *file,
                                  GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GBytes) xml = NULL;

  g_return_val_if_fail (INJ_IS_DELEGATION_EDITOR (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  xml = inj_delegation_to_xml (self->delegation, &local);
  if (xml == NULL ||
      !g_file_replace_contents (file, g_bytes_get_data (xml, NULL), g_bytes_get_size (xml),
                                NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, NULL, &local))
    {
      g_autofree char *text = g_strdup_printf (_("The XML file was not written: %s"),
                                               local->message);
      set_notice (self, text);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  say_exported (self);
  return TRUE;
}
