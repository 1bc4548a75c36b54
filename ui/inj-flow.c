/* inj-flow.c: the representative's five pages as one guided flow. The
 * pages are made here with the session; the step bar and the bottom bar
 * follow the session's "delegation", "submission", "signed-delegation"
 * and the upload page's "state". */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-agent-step-page.h"
#include "inj-delegation-editor.h"
#include "inj-flow.h"
#include "inj-review-page.h"
#include "inj-sign-page.h"
#include "inj-ui-private.h"
#include "inj-upload-page.h"

struct _InjFlow {
  GtkWidget parent_instance;

  InjSession *session;
  InjStepBar *step_bar;
  GtkStack *pages;
  GtkWidget *back_button;
  GtkWidget *next_button;
  GtkLabel *reason_label;
  GtkWidget *page[INJ_FLOW_N_STEPS];

  InjFlowStep step;
  /* Next was pressed on the review: signing is open until the delegation
   * or the agent's submission changes. */
  gboolean reviewed;
  /* The upload of the signed delegation reached the service. */
  gboolean sent;
  gboolean renewal;
};

G_DEFINE_FINAL_TYPE (InjFlow, inj_flow, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_STEP,
  PROP_TITLE,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static const char *const step_names[INJ_FLOW_N_STEPS] = {
  "editor", "agent", "review", "sign", "upload",
};

/* ---------------------------------------------------------------- states */

static const char *
waits_for (InjFlow *self,
           InjFlowStep step)
{
  gboolean is_signed = inj_session_get_signed_delegation (self->session) != NULL;

  switch (step)
    {
    case INJ_FLOW_STEP_AGENT:
      return inj_session_get_delegation (self->session) ? NULL
             : _("Complete the delegation to go on");
    case INJ_FLOW_STEP_REVIEW:
      return inj_session_get_submission (self->session) ? NULL
             : _("Receive the agent's proof to go on");
    case INJ_FLOW_STEP_SIGN:
      return self->reviewed || is_signed ? NULL
             : _("Review the delegation and press Next to go on");
    case INJ_FLOW_STEP_UPLOAD:
      if (is_signed)
        return NULL;
      /* a locked card cannot sign: its page says what to do instead */
      if (self->page[INJ_FLOW_STEP_SIGN] &&
          inj_sign_page_get_state (INJ_SIGN_PAGE (self->page[INJ_FLOW_STEP_SIGN])) ==
            INJ_SIGN_STATE_LOCKED)
        return _("The signing password is locked: this card cannot sign");
      return _("Sign the delegation to go on");
    case INJ_FLOW_STEP_EDITOR:
    case INJ_FLOW_N_STEPS:
    default:
      return NULL;
    }
}

/* A step is done when the next one may be taken; the upload when the
 * service has the signed delegation. */
static gboolean
is_done (InjFlow *self,
         InjFlowStep step)
{
  if (step == INJ_FLOW_STEP_UPLOAD)
    return self->sent;
  return waits_for (self, step + 1) == NULL;
}

/* What Next waits for on the current step: the first step up to the next
 * one that is not available (on the review, Next itself opens signing;
 * after the upload, Next goes to the list). */
static const char *
next_waits_for (InjFlow *self)
{
  InjFlowStep last = self->step == INJ_FLOW_STEP_REVIEW || self->step == INJ_FLOW_STEP_UPLOAD
                       ? self->step : self->step + 1;

  for (InjFlowStep s = INJ_FLOW_STEP_AGENT; s <= last; s++)
    if (waits_for (self, s))
      return waits_for (self, s);
  if (self->step == INJ_FLOW_STEP_UPLOAD && !self->sent)
    return _("Once the upload is done, the list shows the delegation");
  return NULL;
}

static void
update (InjFlow *self)
{
  const char *reason;

  for (InjFlowStep s = 0; s < INJ_FLOW_N_STEPS; s++)
    inj_step_bar_set_step (self->step_bar, s, is_done (self, s), waits_for (self, s));
  inj_step_bar_set_current (self->step_bar, self->step);

  reason = next_waits_for (self);
  gtk_label_set_text (self->reason_label, reason ? reason : "");
  gtk_widget_set_sensitive (self->next_button, reason == NULL);
  gtk_widget_set_sensitive (self->back_button, self->step > INJ_FLOW_STEP_EDITOR);
  gtk_button_set_label (GTK_BUTTON (self->next_button),
                        self->step == INJ_FLOW_STEP_UPLOAD && self->sent
                          ? C_("flow", "To the _List") : C_("flow", "_Next"));
}

static void
go (InjFlow *self,
    InjFlowStep step)
{
  gtk_stack_set_visible_child (self->pages, self->page[step]);
  if (self->step == step)
    return;
  self->step = step;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
}

/* ---------------------------------------------------------------- session */

/* The session follows the editor: a complete delegation, or none. */
static void
editor_validated (InjFlow *self,
                  gboolean complete)
{
  InjDelegationEditor *editor = INJ_DELEGATION_EDITOR (self->page[INJ_FLOW_STEP_EDITOR]);
  const char *supersedes;
  gboolean renewal;

  inj_session_set_delegation (self->session,
                              complete ? inj_delegation_editor_get_delegation (editor) : NULL);
  supersedes = inj_delegation_get_text (inj_delegation_editor_get_delegation (editor),
                                        INJ_FIELD_SUPERSEDES);
  renewal = supersedes != NULL && *supersedes != '\0';
  if (renewal != self->renewal)
    {
      self->renewal = renewal;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
}

static void
editor_loaded (InjFlow *self)
{
  editor_validated (self, inj_delegation_editor_can_save (
                            INJ_DELEGATION_EDITOR (self->page[INJ_FLOW_STEP_EDITOR])));
}

/* What was reviewed is no longer what would be signed. */
static void
work_changed (InjFlow *self)
{
  self->reviewed = FALSE;
  update (self);
}

static void
signed_changed (InjFlow *self)
{
  self->sent = FALSE;
  update (self);
}

static void
upload_state_changed (InjFlow *self)
{
  InjUploadState state = inj_upload_page_get_state (INJ_UPLOAD_PAGE (self->page[INJ_FLOW_STEP_UPLOAD]));
  gboolean sent = self->sent;

  if (state == INJ_UPLOAD_STATE_STORED || state == INJ_UPLOAD_STATE_RECEIVED)
    sent = inj_session_get_signed_delegation (self->session) != NULL;
  else if (state == INJ_UPLOAD_STATE_RUNNING)
    sent = FALSE;
  if (sent == self->sent)
    return;
  self->sent = sent;
  update (self);
}

/* ---------------------------------------------------------------- buttons */

static void
step_activated (InjFlow *self,
                guint index)
{
  if (index < INJ_FLOW_N_STEPS)
    go (self, index);
}

static void
back_clicked (InjFlow *self)
{
  InjFlowStep step = self->step;

  /* the nearest earlier step that can be taken (the editor always can) */
  while (step > INJ_FLOW_STEP_EDITOR)
    if (waits_for (self, --step) == NULL)
      break;
  go (self, step);
}

static void
next_clicked (InjFlow *self)
{
  if (next_waits_for (self))
    return;
  switch (self->step)
    {
    case INJ_FLOW_STEP_UPLOAD:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-page", "s", "delegations");
      return;
    case INJ_FLOW_STEP_REVIEW:
      self->reviewed = TRUE;
      update (self);
      go (self, INJ_FLOW_STEP_SIGN);
      return;
    case INJ_FLOW_STEP_EDITOR:
    case INJ_FLOW_STEP_AGENT:
    case INJ_FLOW_STEP_SIGN:
      go (self, self->step + 1);
      return;
    case INJ_FLOW_N_STEPS:
    default:
      g_assert_not_reached ();
    }
}

/* ---------------------------------------------------------------- object */

static void
add_page (InjFlow *self,
          InjFlowStep step,
          GtkWidget *page,
          const char *label)
{
  self->page[step] = page;
  gtk_stack_add_named (self->pages, page, step_names[step]);
  inj_step_bar_add_step (self->step_bar, label);
}

static void
inj_flow_constructed (GObject *object)
{
  InjFlow *self = INJ_FLOW (object);
  const char *session_signals[] = { "notify::delegation", "notify::submission" };

  G_OBJECT_CLASS (inj_flow_parent_class)->constructed (object);
  g_assert (self->session != NULL);

  add_page (self, INJ_FLOW_STEP_EDITOR,
            inj_delegation_editor_new (inj_session_get_drafts_dir (self->session)),
            C_("flow step", "Input"));
  add_page (self, INJ_FLOW_STEP_AGENT, inj_agent_step_page_new (self->session),
            C_("flow step", "Agent's proof"));
  add_page (self, INJ_FLOW_STEP_REVIEW, inj_review_page_new (self->session),
            C_("flow step", "Review"));
  add_page (self, INJ_FLOW_STEP_SIGN, inj_sign_page_new (self->session),
            C_("flow step", "Sign"));
  add_page (self, INJ_FLOW_STEP_UPLOAD, inj_upload_page_new (self->session),
            C_("flow step", "Send"));

  g_signal_connect_object (self->page[INJ_FLOW_STEP_EDITOR], "validated",
                           G_CALLBACK (editor_validated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->page[INJ_FLOW_STEP_EDITOR], "notify::delegation",
                           G_CALLBACK (editor_loaded), self, G_CONNECT_SWAPPED);
  for (guint i = 0; i < G_N_ELEMENTS (session_signals); i++)
    g_signal_connect_object (self->session, session_signals[i], G_CALLBACK (work_changed), self,
                             G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::signed-delegation",
                           G_CALLBACK (signed_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->page[INJ_FLOW_STEP_UPLOAD], "notify::state",
                           G_CALLBACK (upload_state_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->page[INJ_FLOW_STEP_SIGN], "notify::state",
                           G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  editor_loaded (self);
  gtk_stack_set_visible_child (self->pages, self->page[INJ_FLOW_STEP_EDITOR]);
  update (self);
}

static void
inj_flow_dispose (GObject *object)
{
  InjFlow *self = INJ_FLOW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), INJ_TYPE_FLOW);
  /* the template's top box has no name: it is not disposed with it */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (inj_flow_parent_class)->dispose (object);
}

static void
inj_flow_set_property (GObject *object,
                       guint prop_id,
                       const GValue *value,
                       GParamSpec *pspec)
{
  InjFlow *self = INJ_FLOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_set_object (&self->session, g_value_get_object (value));
      break;
    case PROP_STEP:
      inj_flow_set_step (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inj_flow_get_property (GObject *object,
                       guint prop_id,
                       GValue *value,
                       GParamSpec *pspec)
{
  InjFlow *self = INJ_FLOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_STEP:
      g_value_set_uint (value, self->step);
      break;
    case PROP_TITLE:
      g_value_set_string (value, inj_flow_get_title (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inj_flow_class_init (InjFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = inj_flow_constructed;
  object_class->dispose = inj_flow_dispose;
  object_class->set_property = inj_flow_set_property;
  object_class->get_property = inj_flow_get_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, INJ_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The step shown (an InjFlowStep). */
  properties[PROP_STEP] =
    g_param_spec_uint ("step", NULL, NULL, 0, INJ_FLOW_N_STEPS - 1, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The page's title, for the window (never personal data). */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (INJ_TYPE_STEP_BAR);
  _inj_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ininjo/Ininjo/ui/inj-flow.ui");
  gtk_widget_class_bind_template_child (widget_class, InjFlow, step_bar);
  gtk_widget_class_bind_template_child (widget_class, InjFlow, pages);
  gtk_widget_class_bind_template_child (widget_class, InjFlow, back_button);
  gtk_widget_class_bind_template_child (widget_class, InjFlow, next_button);
  gtk_widget_class_bind_template_child (widget_class, InjFlow, reason_label);
  gtk_widget_class_bind_template_callback (widget_class, step_activated);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, next_clicked);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
inj_flow_init (InjFlow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
inj_flow_new (InjSession *session)
{
  g_return_val_if_fail (INJ_IS_SESSION (session), NULL);
  return g_object_new (INJ_TYPE_FLOW, "session", session, NULL);
}

GtkWidget *
inj_flow_get_page (InjFlow *self,
                   InjFlowStep step)
{
  g_return_val_if_fail (INJ_IS_FLOW (self), NULL);
  g_return_val_if_fail (step < INJ_FLOW_N_STEPS, NULL);
  return self->page[step];
}

const char *
inj_flow_step_name (InjFlowStep step)
{
  g_return_val_if_fail (step < INJ_FLOW_N_STEPS, NULL);
  return step_names[step];
}

int
inj_flow_step_from_name (const char *name)
{
  for (InjFlowStep s = 0; s < INJ_FLOW_N_STEPS; s++)
    if (g_strcmp0 (name, step_names[s]) == 0)
      return s;
  return -1;
}

void
inj_flow_set_step (InjFlow *self,
                   InjFlowStep step)
{
  g_return_if_fail (INJ_IS_FLOW (self));
  g_return_if_fail (step < INJ_FLOW_N_STEPS);
  go (self, step);
}

InjFlowStep
inj_flow_get_step (InjFlow *self)
{
  g_return_val_if_fail (INJ_IS_FLOW (self), INJ_FLOW_STEP_EDITOR);
  return self->step;
}

gboolean
inj_flow_get_available (InjFlow *self,
                        InjFlowStep step)
{
  return inj_flow_get_waits_for (self, step) == NULL;
}

gboolean
inj_flow_get_done (InjFlow *self,
                   InjFlowStep step)
{
  g_return_val_if_fail (INJ_IS_FLOW (self), FALSE);
  g_return_val_if_fail (step < INJ_FLOW_N_STEPS, FALSE);
  return is_done (self, step);
}

const char *
inj_flow_get_waits_for (InjFlow *self,
                        InjFlowStep step)
{
  g_return_val_if_fail (INJ_IS_FLOW (self), NULL);
  g_return_val_if_fail (step < INJ_FLOW_N_STEPS, NULL);
  return waits_for (self, step);
}

const char *
inj_flow_get_title (InjFlow *self)
{
  g_return_val_if_fail (INJ_IS_FLOW (self), NULL);
  return self->renewal ? _("Renewal in Progress") : _("Delegation in Progress");
}

InjStepBar *
inj_flow_get_step_bar (InjFlow *self)
{
  g_return_val_if_fail (INJ_IS_FLOW (self), NULL);
  return self->step_bar;
}

GtkWidget *
inj_flow_get_back_button (InjFlow *self)
{
  g_return_val_if_fail (INJ_IS_FLOW (self), NULL);
  return self->back_button;
}

GtkWidget *
inj_flow_get_next_button (InjFlow *self)
{
  g_return_val_if_fail (INJ_IS_FLOW (self), NULL);
  return self->next_button;
}

const char *
inj_flow_get_next_reason (InjFlow *self)
{
  g_return_val_if_fail (INJ_IS_FLOW (self), NULL);
  return gtk_label_get_text (self->reason_label);
}
