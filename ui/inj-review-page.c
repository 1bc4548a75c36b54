/* inj-review-page.c
 *
 * Built again from the session's delegation and agent certificate whenever
 * one of them or "reveal" changes, so that nothing personal stays on the
 * screen after the privacy lock turns reveal off. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-a11y.h"
#include "inj-printout-ui.h"
#include "inj-review-page.h"
#include "inj-ui-private.h"

struct _InjReviewPage {
  GtkWidget parent_instance;

  GtkStack *stack;
  GtkSwitch *reveal_switch;
  GtkBox *delegation_box;
  GtkStack *agent_stack;
  GtkListBox *agent_list;
  GtkLabel *note_label;
  GtkWidget *printout_button;
  GtkLabel *printout_label;   /* in the printout menu */

  InjSession *session;
  InjReviewState state;
  GString *text;
};

G_DEFINE_FINAL_TYPE (InjReviewPage, inj_review_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_STATE,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static GtkWidget *
item_row (const char *title,
          const char *value)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *value_label = gtk_label_new (value);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_yalign (GTK_LABEL (title_label), 0);
  gtk_label_set_wrap (GTK_LABEL (title_label), TRUE);
  gtk_label_set_width_chars (GTK_LABEL (title_label), 16);
  gtk_label_set_max_width_chars (GTK_LABEL (title_label), 16);
  gtk_widget_add_css_class (title_label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value_label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (value_label, TRUE);
  gtk_box_append (GTK_BOX (box), title_label);
  gtk_box_append (GTK_BOX (box), value_label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
add_item (InjReviewPage *self,
          GtkListBox *list,
          const char *title,
          const char *value)
{
  gtk_list_box_append (list, item_row (title, value));
  g_string_append_printf (self->text, "%s: %s\n", title, value);
}

static void
add_field (InjReviewPage *self,
           GtkListBox *list,
           InjDelegation *delegation,
           InjField field,
           gboolean reveal)
{
  g_autofree char *value = inj_render_value (delegation, field, reveal);

  if (value)
    add_item (self, list,
              inj_field_label_as (field, inj_delegation_get_qualification (delegation)), value);
}

static GtkListBox *
add_section (InjReviewPage *self,
             const char *title)
{
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *list = gtk_list_box_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "title-4");
  gtk_widget_set_margin_top (label, 12);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_box_append (self->delegation_box, label);
  gtk_box_append (self->delegation_box, list);
  g_string_append_printf (self->text, "%s\n", title);
  return GTK_LIST_BOX (list);
}

/* The same items, in the same order, as inj_delegation_render(). */
static void
show_delegation (InjReviewPage *self,
                 InjDelegation *d,
                 gboolean reveal)
{
  GtkListBox *list;

  list = add_section (self, _("Electronic delegation (電子委任状)"));
  add_field (self, list, d, INJ_FIELD_DELEGATION_ID, reveal);
  add_field (self, list, d, INJ_FIELD_SUPERSEDES, reveal);
  add_field (self, list, d, INJ_FIELD_CREATED_AT, reveal);

  list = add_section (self, _("Principal (委任者)"));
  add_item (self, list, inj_field_label (INJ_FIELD_PRINCIPAL_KIND),
            inj_principal_kind_label (inj_delegation_get_principal_kind (d)));
  for (InjField f = INJ_FIELD_CORPORATE_NUMBER; f <= INJ_FIELD_PROPRIETOR_BIRTH_DATE; f++)
    if (inj_delegation_field_applies (d, f))
      add_field (self, list, d, f, reveal);

  list = add_section (self, _("Agent (受任者)"));
  for (InjField f = INJ_FIELD_AGENT_NAME; f <= INJ_FIELD_AGENT_IDENTIFIER; f++)
    add_field (self, list, d, f, reveal);

  list = add_section (self, _("Authority (代理権)"));
  add_field (self, list, d, INJ_FIELD_AUTHORITY_SCOPE, reveal);
  if (inj_delegation_get_text (d, INJ_FIELD_AUTHORITY_RESTRICTIONS) == NULL)
    add_item (self, list, inj_field_label (INJ_FIELD_AUTHORITY_RESTRICTIONS), _("none"));
  else
    add_field (self, list, d, INJ_FIELD_AUTHORITY_RESTRICTIONS, reveal);
  add_field (self, list, d, INJ_FIELD_SUBDELEGATION, reveal);
  add_field (self, list, d, INJ_FIELD_PERIOD_START, reveal);
  add_field (self, list, d, INJ_FIELD_PERIOD_END, reveal);

  list = add_section (self, _("Service"));
  for (InjField f = INJ_FIELD_SERVICE_NAME; f <= INJ_FIELD_VALIDITY_URL; f++)
    add_field (self, list, d, f, reveal);
}

/* What the service stores with the delegation (seed 000, 4.1.5), as the
 * CLI's "agent import" shows it. */
static void
show_agent (InjReviewPage *self,
            InjCertificate *cert,
            gboolean reveal)
{
  static const InjJpkiField stored[] = { INJ_JPKI_NAME, INJ_JPKI_ADDRESS, INJ_JPKI_BIRTH_DATE };

  g_string_append_printf (self->text, "%s\n", _("What the Service Stores About the Agent"));
  for (guint i = 0; i < G_N_ELEMENTS (stored); i++)
    {
      const char *value = inj_certificate_get_jpki_field (cert, stored[i]);
      g_autofree char *shown = NULL;

      if (!reveal)
        shown = inj_mask_jpki_field (stored[i], value);
      else if (stored[i] == INJ_JPKI_BIRTH_DATE)
        shown = inj_jpki_birth_date_display (value);
      else
        shown = g_strdup (value);
      add_item (self, self->agent_list, inj_jpki_field_label (stored[i]), shown ? shown : "");
    }
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)))
    {
      if (GTK_IS_LIST_BOX (box))
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      else
        gtk_box_remove (GTK_BOX (box), child);
    }
}

static void
set_state (InjReviewPage *self,
           InjReviewState state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
update (InjReviewPage *self)
{
  InjDelegation *delegation = inj_session_get_delegation (self->session);
  InjCertificate *agent = inj_session_get_agent_certificate (self->session);
  gboolean reveal = inj_session_get_reveal (self->session);

  g_string_truncate (self->text, 0);
  clear_box (GTK_WIDGET (self->delegation_box));
  clear_box (GTK_WIDGET (self->agent_list));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.print", delegation != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.save-pdf", delegation != NULL);
  inj_printout_ui_set_menu_notice (self->printout_label, reveal);
  if (delegation == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      set_state (self, INJ_REVIEW_STATE_NO_DELEGATION);
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "review");
  show_delegation (self, delegation, reveal);
  if (agent)
    show_agent (self, agent, reveal);
  gtk_stack_set_visible_child_name (self->agent_stack, agent ? "data" : "missing");
  {
    g_autoptr(GDateTime) now = inj_date_now ();
    g_autoptr(GString) note = g_string_new (NULL);

    if (inj_delegation_is_expired (delegation, now))
      g_string_append_printf (note, "%s\n", _("Note: the period of this delegation has ended."));
    if (!reveal)
      g_string_append (note, _("Names, addresses and dates of birth are hidden (＊). "
                               "Turn on the switch above to check them."));
    gtk_label_set_text (self->note_label, note->str);
    gtk_widget_set_visible (GTK_WIDGET (self->note_label), note->len > 0);
  }
  set_state (self, agent ? INJ_REVIEW_STATE_READY : INJ_REVIEW_STATE_NO_SUBMISSION);
}

/* ------------------------------------------------------------ printout */

/* Before signing the printout says it is unsigned; after, it shows the
 * signature checked and names the signed XML in the outbox. */
static InjPrintoutSource *
printout_source (InjReviewPage *self)
{
  InjDelegation *delegation = inj_session_get_delegation (self->session);
  GBytes *signed_xml = inj_session_get_signed_delegation (self->session);
  const char *package_dir = inj_session_get_package_dir (self->session);
  g_autoptr(InjTrustStore) trust = NULL;
  g_autofree char *xml_file = NULL;

  if (delegation == NULL)
    return NULL;
  if (signed_xml)
    trust = inj_session_dup_trust_store (self->session, NULL);
  if (signed_xml && package_dir)
    xml_file = g_build_filename (package_dir, "delegation.xml", NULL);
  return inj_printout_source_new (delegation, signed_xml, trust, xml_file,
                                  inj_session_get_reveal (self->session));
}

GtkPrintOperationResult
inj_review_page_print (InjReviewPage *self,
                       GtkPrintOperationAction action,
                       const char *export_path,
                       GError **error)
{
  g_autoptr(InjPrintoutSource) source = NULL;

  g_return_val_if_fail (INJ_IS_REVIEW_PAGE (self), GTK_PRINT_OPERATION_RESULT_ERROR);
  source = printout_source (self);
  if (source == NULL)
    return GTK_PRINT_OPERATION_RESULT_CANCEL;
  return inj_printout_ui_print (GTK_WIDGET (self), source, action, export_path, error);
}

gboolean
inj_review_page_save_pdf_to (InjReviewPage *self,
                             GFile *file,
                             GError **error)
{
  g_autoptr(InjPrintoutSource) source = NULL;

  g_return_val_if_fail (INJ_IS_REVIEW_PAGE (self), FALSE);
  source = printout_source (self);
  if (source == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("There is no complete delegation to save yet."));
      return FALSE;
    }
  return inj_printout_ui_save_to (GTK_WIDGET (self), source, file, error);
}

static void
print_activated (GtkWidget *widget,
                 const char *action_name,
                 GVariant *parameter)
{
  InjPrintoutSource *source = printout_source (INJ_REVIEW_PAGE (widget));

  if (source)
    inj_printout_ui_activate_print (widget, source);
}

static void
save_pdf_activated (GtkWidget *widget,
                    const char *action_name,
                    GVariant *parameter)
{
  InjPrintoutSource *source = printout_source (INJ_REVIEW_PAGE (widget));

  if (source)
    inj_printout_ui_activate_save (widget, source);
}

static void
inj_review_page_constructed (GObject *object)
{
  InjReviewPage *self = INJ_REVIEW_PAGE (object);
  const char *signals[] = { "notify::delegation", "notify::submission",
                            "notify::signed-delegation", "notify::reveal", "privacy-lock" };

  G_OBJECT_CLASS (inj_review_page_parent_class)->constructed (object);
  g_object_bind_property (self->session, "reveal", self->reveal_switch, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    g_signal_connect_object (self->session, signals[i], G_CALLBACK (update), self,
                             G_CONNECT_SWAPPED);
  update (self);
}

static void
inj_review_page_dispose (GObject *object)
{
  InjReviewPage *self = INJ_REVIEW_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), INJ_TYPE_REVIEW_PAGE);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (inj_review_page_parent_class)->dispose (object);
}

static void
inj_review_page_finalize (GObject *object)
{
  InjReviewPage *self = INJ_REVIEW_PAGE (object);

  g_string_free (self->text, TRUE);
  G_OBJECT_CLASS (inj_review_page_parent_class)->finalize (object);
}

static void
inj_review_page_get_property (GObject *object,
                              guint prop_id,
                              GValue *value,
                              GParamSpec *pspec)
{
  InjReviewPage *self = INJ_REVIEW_PAGE (object);

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
inj_review_page_set_property (GObject *object,
                              guint prop_id,
                              const GValue *value,
                              GParamSpec *pspec)
{
  InjReviewPage *self = INJ_REVIEW_PAGE (object);

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
inj_review_page_class_init (InjReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = inj_review_page_constructed;
  object_class->dispose = inj_review_page_dispose;
  object_class->finalize = inj_review_page_finalize;
  object_class->get_property = inj_review_page_get_property;
  object_class->set_property = inj_review_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, INJ_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* An InjReviewState. */
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, INJ_REVIEW_STATE_NO_DELEGATION,
                      INJ_REVIEW_STATE_READY, INJ_REVIEW_STATE_NO_DELEGATION,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  _inj_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ininjo/Ininjo/ui/inj-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, InjReviewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, InjReviewPage, reveal_switch);
  gtk_widget_class_bind_template_child (widget_class, InjReviewPage, delegation_box);
  gtk_widget_class_bind_template_child (widget_class, InjReviewPage, agent_stack);
  gtk_widget_class_bind_template_child (widget_class, InjReviewPage, agent_list);
  gtk_widget_class_bind_template_child (widget_class, InjReviewPage, note_label);
  gtk_widget_class_bind_template_child (widget_class, InjReviewPage, printout_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "review.print", NULL, print_activated);
  gtk_widget_class_install_action (widget_class, "review.save-pdf", NULL, save_pdf_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "review.print",
                                       NULL);
}

static void
inj_review_page_init (InjReviewPage *self)
{
  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  g_type_ensure (ADW_TYPE_CLAMP);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->text = g_string_new (NULL);
  inj_ui_set_accessible_label (self->printout_button,
                               gtk_widget_get_tooltip_text (self->printout_button));
  self->printout_label = inj_printout_ui_menu_notice (GTK_MENU_BUTTON (self->printout_button));
}

GtkWidget *
inj_review_page_new (InjSession *session)
{
  g_return_val_if_fail (INJ_IS_SESSION (session), NULL);
  return g_object_new (INJ_TYPE_REVIEW_PAGE, "session", session, NULL);
}

InjReviewState
inj_review_page_get_state (InjReviewPage *self)
{
  g_return_val_if_fail (INJ_IS_REVIEW_PAGE (self), INJ_REVIEW_STATE_NO_DELEGATION);
  return self->state;
}

const char *
inj_review_page_get_text (InjReviewPage *self)
{
  g_return_val_if_fail (INJ_IS_REVIEW_PAGE (self), NULL);
  return self->text->str;
}
