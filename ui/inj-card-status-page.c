/* inj-card-status-page.c: one page for whoever looks at the card: what
 * the card says (カード), what support asks for (サポート) and the
 * technical checks (診断), switched with a view switcher. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-card-status-page.h"
#include "inj-ui-private.h"

struct _InjCardStatusPage {
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *switcher;
  AdwViewStack *view_stack;
};

G_DEFINE_FINAL_TYPE (InjCardStatusPage, inj_card_status_page, GTK_TYPE_WIDGET)

static void
inj_card_status_page_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), INJ_TYPE_CARD_STATUS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (inj_card_status_page_parent_class)->dispose (object);
}

static void
inj_card_status_page_class_init (InjCardStatusPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = inj_card_status_page_dispose;
  _inj_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ininjo/Ininjo/ui/inj-card-status-page.ui");
  gtk_widget_class_bind_template_child (widget_class, InjCardStatusPage, box);
  gtk_widget_class_bind_template_child (widget_class, InjCardStatusPage, switcher);
  gtk_widget_class_bind_template_child (widget_class, InjCardStatusPage, view_stack);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
inj_card_status_page_init (InjCardStatusPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
inj_card_status_page_new (GtkWidget *card_page,
                          GtkWidget *support_page,
                          GtkWidget *diagnostics_page)
{
  InjCardStatusPage *self = g_object_new (INJ_TYPE_CARD_STATUS_PAGE, NULL);
  AdwViewStackPage *page;

  page = adw_view_stack_add_titled (self->view_stack, card_page, INJ_CARD_STATUS_CARD, _("Card"));
  adw_view_stack_page_set_icon_name (page, "auth-smartcard-symbolic");
  page = adw_view_stack_add_titled (self->view_stack, support_page, INJ_CARD_STATUS_SUPPORT,
                                    _("Support"));
  adw_view_stack_page_set_icon_name (page, "help-browser-symbolic");
  page = adw_view_stack_add_titled (self->view_stack, diagnostics_page,
                                    INJ_CARD_STATUS_DIAGNOSTICS, _("Diagnostics"));
  adw_view_stack_page_set_icon_name (page, "system-run-symbolic");
  adw_view_stack_set_visible_child_name (self->view_stack, INJ_CARD_STATUS_CARD);
  return GTK_WIDGET (self);
}

gboolean
inj_card_status_page_set_tab (InjCardStatusPage *self,
                              const char *tab)
{
  g_return_val_if_fail (INJ_IS_CARD_STATUS_PAGE (self), FALSE);
  if (tab == NULL || adw_view_stack_get_child_by_name (self->view_stack, tab) == NULL)
    return FALSE;
  adw_view_stack_set_visible_child_name (self->view_stack, tab);
  return TRUE;
}

const char *
inj_card_status_page_get_tab (InjCardStatusPage *self)
{
  g_return_val_if_fail (INJ_IS_CARD_STATUS_PAGE (self), NULL);
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

AdwViewStack *
inj_card_status_page_get_view_stack (InjCardStatusPage *self)
{
  g_return_val_if_fail (INJ_IS_CARD_STATUS_PAGE (self), NULL);
  return self->view_stack;
}

GtkWidget *
inj_card_status_page_get_switcher (InjCardStatusPage *self)
{
  g_return_val_if_fail (INJ_IS_CARD_STATUS_PAGE (self), NULL);
  return self->switcher;
}
