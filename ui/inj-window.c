/* inj-window.c: the main window: a leaflet of the sidebar and the
 * content (each with its header bar), its pages (made here with the
 * services the window is given), the welcome at the first start, the idle
 * timeout and the privacy cover, the menu; the data kept on this computer
 * is spoken of in inj-window-local-data.c. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-a11y.h"
#include "inj-account-page.h"
#include "inj-agent-page.h"
#include "inj-application.h"
#include "inj-card-page.h"
#include "inj-card-status-page.h"
#include "inj-delegation-editor.h"
#include "inj-delegations-page.h"
#include "inj-diagnostics-page.h"
#include "inj-flow.h"
#include "inj-password-dialog.h"
#include "inj-preferences-window.h"
#include "inj-sidebar.h"
#include "inj-support-page.h"
#include "inj-audit-page.h"
#include "inj-ui-private.h"
#include "inj-welcome.h"
#include "inj-window-private.h"

G_DEFINE_FINAL_TYPE (InjWindow, inj_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DRAFTS_DIR,
  PROP_MONITOR,
  PROP_SESSION,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

/* A renewal, a draft from the delegations page or a refused delegation
 * is completed in the editor. */
static void
renewal_to_editor (InjWindow *self,
                   InjDelegation *renewal)
{
  inj_delegation_editor_load (INJ_DELEGATION_EDITOR (self->editor), renewal);
}

/* ---------------------------------------------------------------- idle timeout and privacy */

static gboolean
idle_timed_out (gpointer data)
{
  InjWindow *self = INJ_WINDOW (data);

  self->idle_source = 0;
  inj_session_privacy_lock (self->session);
  return G_SOURCE_REMOVE;
}

gboolean
_inj_window_is_covered (InjWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->cover_stack), "privacy") == 0;
}

static void
restart_idle_timer (InjWindow *self)
{
  guint ms = self->idle_timeout_ms;

  g_clear_handle_id (&self->idle_source, g_source_remove);
  if (_inj_window_is_covered (self))
    return;
  if (ms == 0)
    ms = g_settings_get_uint (inj_session_get_settings (self->session), "idle-timeout") * 1000;
  self->idle_source = g_timeout_add (ms, idle_timed_out, self);
  g_source_set_name_by_id (self->idle_source, "[ininjo] idle timeout");
}

static gboolean
key_pressed (GtkEventControllerKey *controller,
             guint keyval,
             guint keycode,
             GdkModifierType state,
             InjWindow *self)
{
  restart_idle_timer (self);
  return FALSE;
}

/* GTK repeats the last pointer position after a layout change: only a
 * pointer that moved is input. */
static void
pointer_moved (GtkEventControllerMotion *controller,
               double x,
               double y,
               InjWindow *self)
{
  if (x == self->last_x && y == self->last_y)
    return;
  self->last_x = x;
  self->last_y = y;
  restart_idle_timer (self);
}

static void
pointer_pressed (GtkGestureClick *gesture,
                 int n_press,
                 double x,
                 double y,
                 InjWindow *self)
{
  restart_idle_timer (self);
}

static gboolean
scrolled (GtkEventControllerScroll *controller,
          double dx,
          double dy,
          InjWindow *self)
{
  restart_idle_timer (self);
  return FALSE;
}

static void
add_activity_controllers (InjWindow *self)
{
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);

  gtk_event_controller_set_name (key, "inj-idle-key");
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect (key, "key-pressed", G_CALLBACK (key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  gtk_event_controller_set_name (motion, "inj-idle-motion");
  gtk_event_controller_set_propagation_phase (motion, GTK_PHASE_CAPTURE);
  g_signal_connect (motion, "motion", G_CALLBACK (pointer_moved), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  gtk_event_controller_set_name (GTK_EVENT_CONTROLLER (click), "inj-idle-click");
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (pointer_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_event_controller_set_name (scroll, "inj-idle-scroll");
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scrolled), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
}

/* OpenSC leaves a card verified after a login: the lock ends that too. */
static void
end_card_sessions_thread (GTask *task,
                          gpointer source,
                          gpointer task_data,
                          GCancellable *cancellable)
{
  g_autoptr(GPtrArray) cards = inj_card_monitor_list_cards (task_data);

  for (guint i = 0; i < cards->len; i++)
    {
      g_autoptr(GError) error = NULL;
      const char *reader = inj_card_get_reader (g_ptr_array_index (cards, i));
      if (!inj_pcsc_end_verification (reader, &error))
        g_debug ("ending the verified state of the card in %s: %s", reader, error->message);
    }
  g_task_return_boolean (task, TRUE);
}

static void
end_card_sessions_done (GObject *source,
                        GAsyncResult *result,
                        gpointer user_data)
{
}

/* Whoever locks (the idle timeout or another page), the pages go under
 * the privacy cover and stay there until the user continues. */
static void
privacy_locked (InjWindow *self)
{
  InjCardMonitor *monitor = inj_session_get_monitor (self->session);

  g_clear_handle_id (&self->idle_source, g_source_remove);
  if (!_inj_window_is_covered (self))
    g_set_weak_pointer (&self->focus_before_cover, gtk_root_get_focus (GTK_ROOT (self)));
  gtk_stack_set_visible_child_name (self->cover_stack, "privacy");
  gtk_widget_grab_focus (self->continue_button);
  if (monitor)
    {
      g_autoptr(GTask) task = g_task_new (NULL, NULL, end_card_sessions_done, NULL);
      g_task_set_task_data (task, g_object_ref (monitor), g_object_unref);
      g_task_run_in_thread (task, end_card_sessions_thread);
    }
}

/* Back where the user was, keyboard focus included. */
static void
continue_clicked (InjWindow *self)
{
  g_autofree char *role = g_settings_get_string (inj_session_get_settings (self->session),
                                                 "start-role");

  gtk_stack_set_visible_child_name (self->cover_stack,
                                    g_str_equal (role, "unset") ? "welcome" : "content");
  if (self->focus_before_cover && gtk_widget_get_root (self->focus_before_cover) == GTK_ROOT (self))
    gtk_widget_grab_focus (self->focus_before_cover);
  g_clear_weak_pointer (&self->focus_before_cover);
  restart_idle_timer (self);
}

/* ---------------------------------------------------------------- menu */

static void
preferences_activated (GtkWidget *widget,
                       const char *action_name,
                       GVariant *parameter)
{
  InjWindow *self = INJ_WINDOW (widget);

  if (self->preferences == NULL)
    {
      self->preferences = inj_preferences_window_new (inj_session_get_settings (self->session));
      g_object_add_weak_pointer (G_OBJECT (self->preferences), (gpointer *) &self->preferences);
      gtk_window_set_transient_for (GTK_WINDOW (self->preferences), GTK_WINDOW (self));
      gtk_window_set_destroy_with_parent (GTK_WINDOW (self->preferences), TRUE);
    }
  gtk_window_present (GTK_WINDOW (self->preferences));
}

/* win.change-pin ("sign" or "auth"): the card page, and its dialog that
 * changes that PIN (for the keyboard and the end-to-end test). */
static void
change_pin_activated (GtkWidget *widget,
                      const char *action_name,
                      GVariant *parameter)
{
  InjWindow *self = INJ_WINDOW (widget);
  const char *which = g_variant_get_string (parameter, NULL);

  if (!g_str_equal (which, "sign") && !g_str_equal (which, "auth"))
    {
      g_warning ("win.change-pin: no PIN named %s", which);
      return;
    }
  gtk_widget_activate_action (widget, "win.show-page", "s", "card");
  inj_card_page_change_pin (INJ_CARD_PAGE (self->card_page),
                            g_str_equal (which, "sign") ? INJ_PIN_SIGN : INJ_PIN_AUTH);
}

static void
about_activated (GtkWidget *widget,
                 const char *action_name,
                 GVariant *parameter)
{
  GtkWidget *about = adw_about_window_new ();

  g_object_set (about,
                "application-name", "Ininjo",
                "application-icon", INJ_APPLICATION_ID,
                "version", PACKAGE_VERSION,
                "comments", _("Electronic delegations, signed with the My Number card and "
                              "registered with the delegation service."),
                "developer-name", _("The Ininjo developers"),
                "license-type", GTK_LICENSE_GPL_3_0,
                "transient-for", widget,
                "modal", TRUE,
                "destroy-with-parent", TRUE,
                NULL);
  gtk_window_present (GTK_WINDOW (about));
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
  /* The representative's five steps in one guided flow, then the
   * agent's page, the service's list, the card, support and diagnostics. */
  self->flow = inj_flow_new (self->session);
  g_object_bind_property (self->flow, "title",
                          gtk_stack_add_titled (self->stack, _inj_window_clamped (self->flow), "flow", NULL), "title",
                          G_BINDING_SYNC_CREATE);
  self->editor = inj_flow_get_page (INJ_FLOW (self->flow), INJ_FLOW_STEP_EDITOR);
  self->agent_step_page = inj_flow_get_page (INJ_FLOW (self->flow), INJ_FLOW_STEP_AGENT);
  self->review_page = inj_flow_get_page (INJ_FLOW (self->flow), INJ_FLOW_STEP_REVIEW);
  self->sign_page = inj_flow_get_page (INJ_FLOW (self->flow), INJ_FLOW_STEP_SIGN);
  self->upload_page = inj_flow_get_page (INJ_FLOW (self->flow), INJ_FLOW_STEP_UPLOAD);
  /* a delegation the service refused is corrected in the editor */
  g_signal_connect_object (self->upload_page, "correct", G_CALLBACK (renewal_to_editor), self,
                           G_CONNECT_SWAPPED);
  self->delegations_page = inj_delegations_page_new (self->session);
  g_signal_connect_object (self->delegations_page, "renew", G_CALLBACK (renewal_to_editor), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->delegations_page, "continue-draft",
                           G_CALLBACK (renewal_to_editor), self, G_CONNECT_SWAPPED);
  gtk_stack_add_titled (self->stack, self->delegations_page, INJ_SIDEBAR_LIST, _("Delegations"));
  self->account_page = inj_account_page_new (self->session);
  gtk_stack_add_titled (self->stack, self->account_page, INJ_SIDEBAR_ACCOUNT,
                        _("User Information"));
  self->agent_page = inj_agent_page_new (self->session);
  gtk_stack_add_titled (self->stack, self->agent_page, INJ_SIDEBAR_AGENT_DESK,
                        _("Sign as the Agent"));
  self->card_page = inj_card_page_new (self->session);
  self->support_page = inj_support_page_new (self->session);
  self->diagnostics_page = inj_diagnostics_page_new (self->session);
  self->card_status_page = inj_card_status_page_new (self->card_page, self->support_page,
                                                     self->diagnostics_page);
  gtk_stack_add_titled (self->stack, self->card_status_page, INJ_SIDEBAR_CARD_STATUS,
                        _("Card Status"));
  self->audit_page = inj_audit_page_new (self->session);
  gtk_stack_add_titled (self->stack, self->audit_page, INJ_SIDEBAR_AUDIT, _("Audit log"));

  _inj_window_add_sidebar (self);

  g_signal_connect_object (self->session, "privacy-lock", G_CALLBACK (privacy_locked), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (inj_session_get_settings (self->session), "changed::idle-timeout",
                           G_CALLBACK (restart_idle_timer), self, G_CONNECT_SWAPPED);
  add_activity_controllers (self);
  restart_idle_timer (self);
  _inj_window_check_vault (self);
}

static void
inj_window_dispose (GObject *object)
{
  InjWindow *self = INJ_WINDOW (object);

  g_clear_handle_id (&self->idle_source, g_source_remove);
  g_clear_weak_pointer (&self->focus_before_cover);
  g_cancellable_cancel (self->vault_cancellable);
  if (self->local_data_dialog)
    {
      AdwMessageDialog *dialog = self->local_data_dialog;
      g_clear_weak_pointer (&self->local_data_dialog);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  if (self->preferences)
    {
      GtkWidget *preferences = self->preferences;
      g_object_remove_weak_pointer (G_OBJECT (preferences), (gpointer *) &self->preferences);
      self->preferences = NULL;
      gtk_window_destroy (GTK_WINDOW (preferences));
    }
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
  g_clear_object (&self->vault_cancellable);
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
  g_type_ensure (INJ_TYPE_WELCOME);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ininjo/Ininjo/ui/inj-window.ui");
  gtk_widget_class_bind_template_child (widget_class, InjWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, InjWindow, cover_stack);
  gtk_widget_class_bind_template_child (widget_class, InjWindow, continue_button);
  gtk_widget_class_bind_template_child (widget_class, InjWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, InjWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, InjWindow, sidebar_scroller);
  gtk_widget_class_bind_template_child (widget_class, InjWindow, content_header);
  gtk_widget_class_bind_template_child (widget_class, InjWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, InjWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, InjWindow, new_button);
  gtk_widget_class_bind_template_child (widget_class, InjWindow, header_actions);
  gtk_widget_class_bind_template_child (widget_class, InjWindow, welcome);
  gtk_widget_class_bind_template_callback (widget_class, continue_clicked);
  gtk_widget_class_bind_template_callback_full (widget_class, "back_clicked",
                                                G_CALLBACK (_inj_window_back_clicked));
  gtk_widget_class_bind_template_callback_full (widget_class, "role_chosen",
                                                G_CALLBACK (_inj_window_role_chosen));
  gtk_widget_class_install_action (widget_class, "win.show-page", "s",
                                   _inj_window_show_page_activated);
  gtk_widget_class_install_action (widget_class, "win.new-delegation", NULL,
                                   _inj_window_new_delegation_activated);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_activated);
  gtk_widget_class_install_action (widget_class, "win.about", NULL, about_activated);
  gtk_widget_class_install_action (widget_class, "win.change-pin", "s", change_pin_activated);
  gtk_widget_class_install_action (widget_class, "win.erase-local-data", NULL,
                                   _inj_window_erase_activated);
  gtk_widget_class_install_action (widget_class, "win.toast", "s", _inj_window_toast_activated);
}

static void
inj_window_init (InjWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  _inj_ui_ensure_style (gtk_widget_get_display (GTK_WIDGET (self)));
  _inj_window_setup_toasts (self);
  self->vault_cancellable = g_cancellable_new ();
  inj_ui_set_accessible_label (self->menu_button, _("Main menu"));
  inj_ui_set_accessible_label (self->back_button, _("Back to the pages"));
}

GtkWidget *
inj_window_new (AdwApplication *application,
                const char *drafts_dir)
{
  return g_object_new (INJ_TYPE_WINDOW, "application", application, "drafts-dir", drafts_dir,
                       NULL);
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
inj_window_get_upload_page (InjWindow *self)
{
  g_return_val_if_fail (INJ_IS_WINDOW (self), NULL);
  return self->upload_page;
}

GtkWidget *
inj_window_get_delegations_page (InjWindow *self)
{
  g_return_val_if_fail (INJ_IS_WINDOW (self), NULL);
  return self->delegations_page;
}

GtkWidget *
inj_window_get_agent_step_page (InjWindow *self)
{
  g_return_val_if_fail (INJ_IS_WINDOW (self), NULL);
  return self->agent_step_page;
}

GtkWidget *
inj_window_get_account_page (InjWindow *self)
{
  g_return_val_if_fail (INJ_IS_WINDOW (self), NULL);
  return self->account_page;
}

GtkWidget *
inj_window_get_agent_page (InjWindow *self)
{
  g_return_val_if_fail (INJ_IS_WINDOW (self), NULL);
  return self->agent_page;
}

GtkWidget *
inj_window_get_support_page (InjWindow *self)
{
  g_return_val_if_fail (INJ_IS_WINDOW (self), NULL);
  return self->support_page;
}

GtkWidget *
inj_window_get_diagnostics_page (InjWindow *self)
{
  g_return_val_if_fail (INJ_IS_WINDOW (self), NULL);
  return self->diagnostics_page;
}

GtkWidget *
inj_window_get_audit_page (InjWindow *self)
{
  g_return_val_if_fail (INJ_IS_WINDOW (self), NULL);
  return self->audit_page;
}

/* For tests: the idle timeout in milliseconds instead of the setting's
 * seconds (whose minimum is a minute); 0 goes back to the setting. */
void
inj_window_set_idle_timeout_ms (InjWindow *self,
                                guint timeout_ms)
{
  g_return_if_fail (INJ_IS_WINDOW (self));
  self->idle_timeout_ms = timeout_ms;
  restart_idle_timer (self);
}

gboolean
inj_window_get_privacy_covered (InjWindow *self)
{
  g_return_val_if_fail (INJ_IS_WINDOW (self), FALSE);
  return _inj_window_is_covered (self);
}

GtkWidget *
inj_window_get_privacy_continue_button (InjWindow *self)
{
  g_return_val_if_fail (INJ_IS_WINDOW (self), NULL);
  return self->continue_button;
}

GtkWidget *
inj_window_get_preferences (InjWindow *self)
{
  g_return_val_if_fail (INJ_IS_WINDOW (self), NULL);
  return self->preferences;
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

GtkWidget *
inj_window_get_card_status_page (InjWindow *self)
{
  g_return_val_if_fail (INJ_IS_WINDOW (self), NULL);
  return self->card_status_page;
}

GtkWidget *
inj_window_get_sidebar (InjWindow *self)
{
  g_return_val_if_fail (INJ_IS_WINDOW (self), NULL);
  return self->sidebar;
}

GtkWidget *
inj_window_get_welcome (InjWindow *self)
{
  g_return_val_if_fail (INJ_IS_WINDOW (self), NULL);
  return self->welcome;
}

GtkWidget *
inj_window_get_content_header (InjWindow *self)
{
  g_return_val_if_fail (INJ_IS_WINDOW (self), NULL);
  return self->content_header;
}

const char *
inj_window_get_content_title (InjWindow *self)
{
  g_return_val_if_fail (INJ_IS_WINDOW (self), NULL);
  return adw_window_title_get_title (self->content_title);
}

GtkWidget *
inj_window_get_back_button (InjWindow *self)
{
  g_return_val_if_fail (INJ_IS_WINDOW (self), NULL);
  return self->back_button;
}

GtkWidget *
inj_window_get_new_button (InjWindow *self)
{
  g_return_val_if_fail (INJ_IS_WINDOW (self), NULL);
  return self->new_button;
}

gboolean
inj_window_get_welcome_shown (InjWindow *self)
{
  g_return_val_if_fail (INJ_IS_WINDOW (self), FALSE);
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->cover_stack), "welcome") == 0;
}

AdwLeaflet *
inj_window_get_leaflet (InjWindow *self)
{
  g_return_val_if_fail (INJ_IS_WINDOW (self), NULL);
  return self->leaflet;
}

GtkWidget *
inj_window_get_menu_button (InjWindow *self)
{
  g_return_val_if_fail (INJ_IS_WINDOW (self), NULL);
  return self->menu_button;
}

GtkStack *
inj_window_get_stack (InjWindow *self)
{
  g_return_val_if_fail (INJ_IS_WINDOW (self), NULL);
  return self->stack;
}

GtkWidget *
inj_window_get_flow (InjWindow *self)
{
  g_return_val_if_fail (INJ_IS_WINDOW (self), NULL);
  return self->flow;
}
