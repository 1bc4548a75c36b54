/* inj-window.c */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-card-page.h"
#include "inj-delegation-editor.h"
#include "inj-password-dialog.h"
#include "inj-review-page.h"
#include "inj-sign-page.h"
#include "inj-window.h"
#include "inj-ui-private.h"

struct _InjWindow {
  AdwApplicationWindow parent_instance;

  GtkStack *stack;
  GtkWidget *editor;
  GtkWidget *card_page;
  GtkWidget *review_page;
  GtkWidget *sign_page;
  char *drafts_dir;
  InjCardMonitor *monitor;
  InjSession *session;
};

G_DEFINE_FINAL_TYPE (InjWindow, inj_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DRAFTS_DIR,
  PROP_MONITOR,
  PROP_SESSION,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

/* The session follows the editor: a complete delegation, or none. */
static void
editor_validated (InjWindow *self,
                  gboolean complete)
{
  InjDelegationEditor *editor = INJ_DELEGATION_EDITOR (self->editor);

  inj_session_set_delegation (self->session,
                              complete ? inj_delegation_editor_get_delegation (editor) : NULL);
}

/* Pages move the flow on with gtk_widget_activate_action (page,
 * "win.show-page", "s", NAME). */
static void
show_page_activated (GtkWidget *widget,
                     const char *action_name,
                     GVariant *parameter)
{
  InjWindow *self = INJ_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (gtk_stack_get_child_by_name (self->stack, name))
    gtk_stack_set_visible_child_name (self->stack, name);
  else
    g_warning ("no page named %s", name);
}

/* The pages are made here, not in the template, so that they get the
 * services passed to the window (tests pass their own). */
static void
inj_window_constructed (GObject *object)
{
  InjWindow *self = INJ_WINDOW (object);

  G_OBJECT_CLASS (inj_window_parent_class)->constructed (object);
  if (self->session == NULL)
    self->session = inj_session_new (self->monitor, NULL, self->drafts_dir);
  if (inj_session_get_interaction (self->session) == NULL)
    {
      g_autoptr(GTlsInteraction) interaction = inj_password_interaction_new (GTK_WINDOW (self));
      inj_session_set_interaction (self->session, interaction);
    }
  self->editor = inj_delegation_editor_new (inj_session_get_drafts_dir (self->session));
  g_signal_connect_object (self->editor, "validated", G_CALLBACK (editor_validated), self,
                           G_CONNECT_SWAPPED);
  editor_validated (self, inj_delegation_editor_can_save (INJ_DELEGATION_EDITOR (self->editor)));
  gtk_stack_add_titled (self->stack, self->editor, "editor", _("Delegation"));
  self->review_page = inj_review_page_new (self->session);
  gtk_stack_add_titled (self->stack, self->review_page, "review", _("Review"));
  self->sign_page = inj_sign_page_new (self->session);
  gtk_stack_add_titled (self->stack, self->sign_page, "sign", _("Sign"));
  self->card_page = inj_card_page_new (self->session);
  gtk_stack_add_titled (self->stack, self->card_page, "card", _("Card"));
}

static void
inj_window_dispose (GObject *object)
{
  InjWindow *self = INJ_WINDOW (object);

  g_clear_object (&self->monitor);
  gtk_widget_dispose_template (GTK_WIDGET (self), INJ_TYPE_WINDOW);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (inj_window_parent_class)->dispose (object);
}

static void
inj_window_finalize (GObject *object)
{
  InjWindow *self = INJ_WINDOW (object);

  g_free (self->drafts_dir);
  G_OBJECT_CLASS (inj_window_parent_class)->finalize (object);
}

static void
inj_window_set_property (GObject *object,
                         guint prop_id,
                         const GValue *value,
                         GParamSpec *pspec)
{
  InjWindow *self = INJ_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DRAFTS_DIR:
      g_free (self->drafts_dir);
      self->drafts_dir = g_value_dup_string (value);
      break;
    case PROP_MONITOR:
      g_set_object (&self->monitor, g_value_get_object (value));
      break;
    case PROP_SESSION:
      g_set_object (&self->session, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inj_window_get_property (GObject *object,
                         guint prop_id,
                         GValue *value,
                         GParamSpec *pspec)
{
  InjWindow *self = INJ_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DRAFTS_DIR:
      g_value_set_string (value, self->drafts_dir);
      break;
    case PROP_MONITOR:
      g_value_set_object (value, self->monitor);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inj_window_class_init (InjWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = inj_window_constructed;
  object_class->dispose = inj_window_dispose;
  object_class->finalize = inj_window_finalize;
  object_class->set_property = inj_window_set_property;
  object_class->get_property = inj_window_get_property;

  properties[PROP_DRAFTS_DIR] =
    g_param_spec_string ("drafts-dir", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MONITOR] =
    g_param_spec_object ("monitor", NULL, NULL, INJ_TYPE_CARD_MONITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* What the pages share; NULL for a new one made of the two above. */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, INJ_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  _inj_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ininjo/Ininjo/ui/inj-window.ui");
  gtk_widget_class_bind_template_child (widget_class, InjWindow, stack);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_activated);
}

static void
inj_window_init (InjWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
inj_window_new (AdwApplication *application,
                const char *drafts_dir)
{
  return g_object_new (INJ_TYPE_WINDOW, "application", application, "drafts-dir", drafts_dir, NULL);
}

GtkWidget *
inj_window_new_for_session (AdwApplication *application,
                            InjSession *session)
{
  return g_object_new (INJ_TYPE_WINDOW, "application", application, "session", session, NULL);
}

InjSession *
inj_window_get_session (InjWindow *self)
{
  g_return_val_if_fail (INJ_IS_WINDOW (self), NULL);
  return self->session;
}

GtkWidget *
inj_window_get_editor (InjWindow *self)
{
  g_return_val_if_fail (INJ_IS_WINDOW (self), NULL);
  return self->editor;
}

GtkWidget *
inj_window_get_card_page (InjWindow *self)
{
  g_return_val_if_fail (INJ_IS_WINDOW (self), NULL);
  return self->card_page;
}

GtkWidget *
inj_window_get_review_page (InjWindow *self)
{
  g_return_val_if_fail (INJ_IS_WINDOW (self), NULL);
  return self->review_page;
}

GtkWidget *
inj_window_get_sign_page (InjWindow *self)
{
  g_return_val_if_fail (INJ_IS_WINDOW (self), NULL);
  return self->sign_page;
}

GtkStack *
inj_window_get_stack (InjWindow *self)
{
  g_return_val_if_fail (INJ_IS_WINDOW (self), NULL);
  return self->stack;
}
