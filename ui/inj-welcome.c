/* inj-welcome.c: the welcome at the first start. Each choice is a row of
 * a boxed list; activating one emits "chosen" with its role, which the
 * window stores and opens. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-ui-private.h"
#include "inj-welcome.h"

struct _InjWelcome {
  GtkWidget parent_instance;

  GtkWidget *status_page;
  GtkWidget *representative_row;
  GtkWidget *agent_row;
  GtkWidget *support_row;
};

G_DEFINE_FINAL_TYPE (InjWelcome, inj_welcome, GTK_TYPE_WIDGET)

enum {
  CHOSEN,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static void
choice_activated (InjWelcome *self,
                  GtkListBoxRow *row)
{
  const char *role = NULL;

  if (GTK_WIDGET (row) == self->representative_row)
    role = "representative";
  else if (GTK_WIDGET (row) == self->agent_row)
    role = "agent";
  else if (GTK_WIDGET (row) == self->support_row)
    role = "support";
  if (role)
    g_signal_emit (self, signals[CHOSEN], 0, role);
}

static void
inj_welcome_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), INJ_TYPE_WELCOME);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (inj_welcome_parent_class)->dispose (object);
}

static void
inj_welcome_class_init (InjWelcomeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = inj_welcome_dispose;

  /* InjWelcome::chosen (role): "representative", "agent" or "support" */
  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  _inj_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ininjo/Ininjo/ui/inj-welcome.ui");
  gtk_widget_class_bind_template_child (widget_class, InjWelcome, status_page);
  gtk_widget_class_bind_template_child (widget_class, InjWelcome, representative_row);
  gtk_widget_class_bind_template_child (widget_class, InjWelcome, agent_row);
  gtk_widget_class_bind_template_child (widget_class, InjWelcome, support_row);
  gtk_widget_class_bind_template_callback (widget_class, choice_activated);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
inj_welcome_init (InjWelcome *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
inj_welcome_new (void)
{
  return g_object_new (INJ_TYPE_WELCOME, NULL);
}

GtkWidget *
inj_welcome_get_choice (InjWelcome *self,
                        const char *role)
{
  g_return_val_if_fail (INJ_IS_WELCOME (self), NULL);
  if (g_strcmp0 (role, "representative") == 0)
    return self->representative_row;
  if (g_strcmp0 (role, "agent") == 0)
    return self->agent_row;
  if (g_strcmp0 (role, "support") == 0)
    return self->support_row;
  return NULL;
}
