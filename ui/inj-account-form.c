/* inj-account-form.c */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-account-form.h"
#include "inj-render.h"

struct _InjAccountForm {
  GtkWidget parent_instance;

  InjAccountInfo *current;   /* NULL: a first registration */
  InjAccountInfo *info;      /* what is being written */
  gboolean reveal;
  gboolean recipient;
  char *problems;

  GtkWidget *box;
  GtkWidget *stack;          /* "edit", "review" */
  GtkWidget *kind_box;
  GtkWidget *corporation_button;
  GtkWidget *proprietor_button;
  GtkWidget *rows[INJ_N_ACCOUNT_FIELDS];
  GtkLabel *problems_label;
  AdwPreferencesGroup *review_group;
  GPtrArray *review_rows;
};

G_DEFINE_FINAL_TYPE (InjAccountForm, inj_account_form, GTK_TYPE_WIDGET)

enum {
  SIGNAL_SUBMIT,
  SIGNAL_CANCEL,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static void
show_fields (InjAccountForm *self)
{
  for (int f = 0; f < INJ_N_ACCOUNT_FIELDS; f++)
    {
      gboolean applies = inj_account_info_applies (self->info, f);
      g_autofree char *title = NULL;

      gtk_widget_set_visible (self->rows[f], applies);
      if (!applies)
        continue;
      /* TRANSLATORS: an item of the user information, marked as required */
      title = g_strdup_printf (_("%s (required)"), inj_account_info_label (self->info, f));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rows[f]), title);
    }
}

static void
kind_toggled (InjAccountForm *self)
{
  InjPrincipalKind kind =
    gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->proprietor_button))
      ? INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR : INJ_PRINCIPAL_KIND_CORPORATION;

  inj_account_info_set_kind (self->info, kind);
  show_fields (self);
}

static void
read_rows (InjAccountForm *self)
{
  for (int f = 0; f < INJ_N_ACCOUNT_FIELDS; f++)
    inj_account_info_set (self->info, f, gtk_editable_get_text (GTK_EDITABLE (self->rows[f])));
}

static void
add_review_row (InjAccountForm *self,
                const char *title,
                const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (self->review_group, row);
  g_ptr_array_add (self->review_rows, row);
}

/* The review: every item signed, or each change as old → new. */
static guint
fill_review (InjAccountForm *self)
{
  guint n = 0;

  for (guint i = 0; i < self->review_rows->len; i++)
    adw_preferences_group_remove (self->review_group, g_ptr_array_index (self->review_rows, i));
  g_ptr_array_set_size (self->review_rows, 0);
  if (self->current == NULL)
    add_review_row (self, _("Kind"),
                    inj_principal_kind_label (inj_account_info_get_kind (self->info)));
  for (int f = 0; f < INJ_N_ACCOUNT_FIELDS; f++)
    {
      g_autofree char *after = NULL;
      g_autofree char *before = NULL;
      g_autofree char *change = NULL;

      if (!inj_account_info_applies (self->info, f))
        continue;
      after = inj_render_account_value (self->info, f, self->reveal);
      if (self->current == NULL)
        {
          add_review_row (self, inj_account_info_label (self->info, f), after ? after : "");
          n++;
          continue;
        }
      if (g_strcmp0 (inj_account_info_get (self->current, f),
                     inj_account_info_get (self->info, f)) == 0)
        continue;
      before = inj_render_account_value (self->current, f, self->reveal);
      /* TRANSLATORS: a changed item: the registered value → the new one */
      change = g_strdup_printf (_("%s → %s"), before ? before : "—", after ? after : "—");
      add_review_row (self, inj_account_info_label (self->info, f), change);
      n++;
    }
  adw_preferences_group_set_title (self->review_group,
                                   self->current ? _("These Changes Will Be Signed")
                                                 : _("This Information Will Be Signed"));
  return n;
}

gboolean
inj_account_form_review (InjAccountForm *self)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (INJ_IS_ACCOUNT_FORM (self), FALSE);
  read_rows (self);
  problems = inj_account_info_validate (self->info, NULL);
  for (guint i = 0; i < problems->len; i++)
    {
      InjAccountProblem *p = g_ptr_array_index (problems, i);
      g_string_append_printf (text, "%s%s", text->len ? "\n" : "", p->message);
    }
  if (problems->len == 0 && fill_review (self) == 0)
    g_string_append (text, _("Nothing has changed."));
  g_free (self->problems);
  self->problems = text->len ? g_strdup (text->str) : NULL;
  gtk_label_set_text (self->problems_label, self->problems ? self->problems : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), self->problems != NULL);
  if (self->problems)
    return FALSE;
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "review");
  return TRUE;
}

void
inj_account_form_edit (InjAccountForm *self)
{
  g_return_if_fail (INJ_IS_ACCOUNT_FORM (self));
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "edit");
}

void
inj_account_form_submit (InjAccountForm *self)
{
  g_return_if_fail (INJ_IS_ACCOUNT_FORM (self));
  if (!inj_account_form_is_reviewing (self))
    return;
  g_signal_emit (self, signals[SIGNAL_SUBMIT], 0, self->info);
}

/* What was found before is stale once an item changes. */
static void
row_changed (InjAccountForm *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), FALSE);
}

static void
cancel_clicked (InjAccountForm *self)
{
  g_signal_emit (self, signals[SIGNAL_CANCEL], 0);
}

static GtkWidget *
buttons (InjAccountForm *self,
         const char *back,
         GCallback back_cb,
         const char *next,
         GCallback next_cb)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *b = gtk_button_new_with_mnemonic (back);
  GtkWidget *n = gtk_button_new_with_mnemonic (next);

  gtk_widget_set_halign (box, GTK_ALIGN_END);
  g_signal_connect_swapped (b, "clicked", back_cb, self);
  g_signal_connect_swapped (n, "clicked", next_cb, self);
  gtk_widget_add_css_class (n, "suggested-action");
  gtk_box_append (GTK_BOX (box), b);
  gtk_box_append (GTK_BOX (box), n);
  return box;
}

static void
build (InjAccountForm *self)
{
  GtkWidget *edit = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *review = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *note;

  self->stack = gtk_stack_new ();
  gtk_stack_set_vhomogeneous (GTK_STACK (self->stack), FALSE);
  self->box = self->stack;

  self->kind_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->kind_box, "linked");
  gtk_widget_set_halign (self->kind_box, GTK_ALIGN_START);
  self->corporation_button = gtk_toggle_button_new_with_label (
    inj_principal_kind_label (INJ_PRINCIPAL_KIND_CORPORATION));
  self->proprietor_button = gtk_toggle_button_new_with_label (
    inj_principal_kind_label (INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR));
  gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (self->proprietor_button),
                               GTK_TOGGLE_BUTTON (self->corporation_button));
  gtk_box_append (GTK_BOX (self->kind_box), self->corporation_button);
  gtk_box_append (GTK_BOX (self->kind_box), self->proprietor_button);
  gtk_box_append (GTK_BOX (edit), self->kind_box);

  adw_preferences_group_set_title (group, self->recipient ? _("Register as a Recipient")
                                   : self->current ? _("Change the User Information")
                                                   : _("Register the User Information"));
  adw_preferences_group_set_description (group, self->recipient
    ? _("Only registered recipients can check a delegation's validity. The declarant signs "
        "with their own My Number card.")
    : _("Enter the items as they are in the commercial registry and on the representative's "
        "My Number card."));
  for (int f = 0; f < INJ_N_ACCOUNT_FIELDS; f++)
    {
      self->rows[f] = adw_entry_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->rows[f]), FALSE);
      adw_preferences_group_add (group, self->rows[f]);
    }
  gtk_box_append (GTK_BOX (edit), GTK_WIDGET (group));
  self->problems_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->problems_label, TRUE);
  gtk_label_set_xalign (self->problems_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->problems_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), FALSE);
  gtk_box_append (GTK_BOX (edit), GTK_WIDGET (self->problems_label));
  gtk_box_append (GTK_BOX (edit), buttons (self, _("_Cancel"), G_CALLBACK (cancel_clicked),
                                           _("_Review"), G_CALLBACK (inj_account_form_review)));

  self->review_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  gtk_box_append (GTK_BOX (review), GTK_WIDGET (self->review_group));
  note = gtk_label_new (self->recipient
                         ? _("It is signed with the declarant's own card (the signing password) "
                             "and sent to the service.")
                         : _("It is signed with the representative's card (the signing "
                             "password) and sent to the service."));
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_widget_add_css_class (note, "dim-label");
  gtk_box_append (GTK_BOX (review), note);
  gtk_box_append (GTK_BOX (review), buttons (self, C_("flow", "_Back"), G_CALLBACK (inj_account_form_edit),
                                             _("_Sign and Send"),
                                             G_CALLBACK (inj_account_form_submit)));

  gtk_stack_add_named (GTK_STACK (self->stack), edit, "edit");
  gtk_stack_add_named (GTK_STACK (self->stack), review, "review");
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));
}

static void
inj_account_form_dispose (GObject *object)
{
  InjAccountForm *self = INJ_ACCOUNT_FORM (object);

  g_clear_pointer (&self->stack, gtk_widget_unparent);
  G_OBJECT_CLASS (inj_account_form_parent_class)->dispose (object);
}

static void
inj_account_form_finalize (GObject *object)
{
  InjAccountForm *self = INJ_ACCOUNT_FORM (object);

  g_clear_object (&self->current);
  g_clear_object (&self->info);
  g_free (self->problems);
  g_clear_pointer (&self->review_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (inj_account_form_parent_class)->finalize (object);
}

static void
inj_account_form_class_init (InjAccountFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = inj_account_form_dispose;
  object_class->finalize = inj_account_form_finalize;
  /* The reviewed info, to sign and send. */
  signals[SIGNAL_SUBMIT] = g_signal_new ("submit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                         INJ_TYPE_ACCOUNT_INFO);
  signals[SIGNAL_CANCEL] = g_signal_new ("cancel", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
inj_account_form_init (InjAccountForm *self)
{
  self->review_rows = g_ptr_array_new ();
}

static GtkWidget *
form_new (InjAccountInfo *current,
          gboolean recipient,
          gboolean reveal)
{
  InjAccountForm *self = g_object_new (INJ_TYPE_ACCOUNT_FORM, NULL);

  self->current = current ? g_object_ref (current) : NULL;
  self->recipient = recipient;
  self->info = current ? inj_account_info_copy (current)
               : recipient ? INJ_ACCOUNT_INFO (inj_recipient_info_new (INJ_PRINCIPAL_KIND_CORPORATION))
                           : inj_account_info_new (INJ_PRINCIPAL_KIND_CORPORATION);
  self->reveal = reveal;
  build (self);
  for (int f = 0; f < INJ_N_ACCOUNT_FIELDS; f++)
    {
      const char *value = inj_account_info_get (self->info, f);
      gtk_editable_set_text (GTK_EDITABLE (self->rows[f]), value ? value : "");
    }
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (
    inj_account_info_get_kind (self->info) == INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR
      ? self->proprietor_button : self->corporation_button), TRUE);
  /* the kind of a registered account is not changed here */
  gtk_widget_set_visible (self->kind_box, current == NULL);
  g_signal_connect_swapped (self->proprietor_button, "toggled", G_CALLBACK (kind_toggled), self);
  for (int f = 0; f < INJ_N_ACCOUNT_FIELDS; f++)
    g_signal_connect_swapped (self->rows[f], "changed", G_CALLBACK (row_changed), self);
  show_fields (self);
  return GTK_WIDGET (self);
}

GtkWidget *
inj_account_form_new (InjAccountInfo *current,
                      gboolean reveal)
{
  return form_new (current, FALSE, reveal);
}

GtkWidget *
inj_account_form_new_recipient (gboolean reveal)
{
  return form_new (NULL, TRUE, reveal);
}

void
inj_account_form_set_kind (InjAccountForm *self,
                           InjPrincipalKind kind)
{
  g_return_if_fail (INJ_IS_ACCOUNT_FORM (self));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (kind == INJ_PRINCIPAL_KIND_SOLE_PROPRIETOR
                                                     ? self->proprietor_button
                                                     : self->corporation_button), TRUE);
  kind_toggled (self);
}

void
inj_account_form_set_value (InjAccountForm *self,
                            InjAccountField field,
                            const char *text)
{
  g_return_if_fail (INJ_IS_ACCOUNT_FORM (self));
  g_return_if_fail (field < INJ_N_ACCOUNT_FIELDS);
  gtk_editable_set_text (GTK_EDITABLE (self->rows[field]), text ? text : "");
}

gboolean
inj_account_form_is_reviewing (InjAccountForm *self)
{
  g_return_val_if_fail (INJ_IS_ACCOUNT_FORM (self), FALSE);
  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (self->stack)), "review") == 0;
}

const char *
inj_account_form_get_problems (InjAccountForm *self)
{
  g_return_val_if_fail (INJ_IS_ACCOUNT_FORM (self), NULL);
  return self->problems;
}

char *
inj_account_form_dup_review (InjAccountForm *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (INJ_IS_ACCOUNT_FORM (self), NULL);
  for (guint i = 0; i < self->review_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->review_rows, i);
      g_string_append_printf (text, "%s: %s\n",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                              adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
    }
  return g_string_free (text, FALSE);
}

InjAccountInfo *
inj_account_form_get_info (InjAccountForm *self)
{
  g_return_val_if_fail (INJ_IS_ACCOUNT_FORM (self), NULL);
  return self->info;
}
