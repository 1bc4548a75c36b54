/* inj-window-navigation.c: how the window goes from page to page: the
 * grouped sidebar and the content header's title, win.show-page (the old
 * names of the card, support and diagnostics pages open their tab of the
 * card-status page), win.new-delegation, and the page the window opens
 * on (the welcome while the start-role setting is unset). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-card-status-page.h"
#include "inj-delegation-editor.h"
#include "inj-flow.h"
#include "inj-sidebar.h"
#include "inj-window-private.h"

/* The page of the representative's guided steps. */
#define FLOW_PAGE "flow"

/* The pages that live as tabs of the card-status page. */
static gboolean
is_card_status_tab (const char *name)
{
  return g_str_equal (name, INJ_CARD_STATUS_CARD) || g_str_equal (name, INJ_CARD_STATUS_SUPPORT) ||
         g_str_equal (name, INJ_CARD_STATUS_DIAGNOSTICS);
}

/* The representative's steps are one entry of the sidebar. */
static const char *
sidebar_page_for (const char *name)
{
  static const char *const steps[] = { "editor", "agent", "review", "sign", "upload", "flow", NULL };

  if (name && g_strv_contains (steps, name))
    return FLOW_PAGE;
  return name;
}

/* Shows the page (or the card-status tab) named @name; FALSE if none. */
static gboolean
show_page (InjWindow *self,
           const char *name)
{
  int step = inj_flow_step_from_name (name);

  /* a step of the flow ("editor", "agent", "review", "sign", "upload")
   * shows the flow at that step */
  if (step >= 0)
    {
      inj_flow_set_step (INJ_FLOW (self->flow), step);
      name = FLOW_PAGE;
    }
  if (is_card_status_tab (name))
    {
      inj_card_status_page_set_tab (INJ_CARD_STATUS_PAGE (self->card_status_page), name);
      name = INJ_SIDEBAR_CARD_STATUS;
    }
  if (gtk_stack_get_child_by_name (self->stack, name) == NULL)
    return FALSE;
  gtk_stack_set_visible_child_name (self->stack, name);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  return TRUE;
}

/* Pages move the flow on with gtk_widget_activate_action (page,
 * "win.show-page", "s", NAME); "card", "support" and "diagnostics" are
 * the card-status page's tabs. */
void
_inj_window_show_page_activated (GtkWidget *widget,
                     const char *action_name,
                     GVariant *parameter)
{
  InjWindow *self = INJ_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (!show_page (self, name))
    g_warning ("no page named %s", name);
}

/* The content header holds the actions of the page shown only. */
static void
update_header_actions (InjWindow *self,
                       const char *name)
{
  for (GtkWidget *action = gtk_widget_get_first_child (self->header_actions); action;
       action = gtk_widget_get_next_sibling (action))
    gtk_widget_set_visible (action, g_strcmp0 (g_object_get_data (G_OBJECT (action), "inj-page"),
                                               name) == 0);
}

void
inj_window_add_header_action (InjWindow *self,
                              const char *page,
                              GtkWidget *action)
{
  g_return_if_fail (INJ_IS_WINDOW (self));
  g_return_if_fail (page != NULL && GTK_IS_WIDGET (action));
  g_object_set_data_full (G_OBJECT (action), "inj-page", g_strdup (page), g_free);
  gtk_box_append (GTK_BOX (self->header_actions), action);
  update_header_actions (self, gtk_stack_get_visible_child_name (self->stack));
}

/* The content header says which page is shown; the sidebar follows. */
static void
visible_page_changed (InjWindow *self)
{
  GtkWidget *child = gtk_stack_get_visible_child (self->stack);
  const char *name = gtk_stack_get_visible_child_name (self->stack);

  update_header_actions (self, name);
  adw_window_title_set_title (self->content_title,
                              child ? gtk_stack_page_get_title (gtk_stack_get_page (self->stack, child)) : "");
  if (self->sidebar)
    inj_sidebar_set_page (INJ_SIDEBAR (self->sidebar), sidebar_page_for (name));
}

static void
sidebar_page_changed (InjWindow *self)
{
  const char *page = inj_sidebar_get_page (INJ_SIDEBAR (self->sidebar));

  if (page == NULL)
    return;
  /* the flow's entry shows the step the flow is at */
  if (g_strcmp0 (sidebar_page_for (gtk_stack_get_visible_child_name (self->stack)), page) == 0)
    {
      adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
      return;
    }
  show_page (self, page);
}

void
_inj_window_back_clicked (InjWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* The work in progress is left as it is (its draft is kept); the editor
 * starts anew with the service's profile. */
void
_inj_window_start_new_delegation (InjWindow *self)
{
  g_autoptr(InjServiceProfile) profile = NULL;

  inj_session_reset (self->session);
  profile = inj_service_profile_load_default (NULL);
  if (profile)
    {
      g_autoptr(GDateTime) now = inj_date_now ();
      g_autoptr(InjDelegation) fresh = inj_delegation_create (INJ_PRINCIPAL_KIND_CORPORATION,
                                                              profile, now);
      inj_delegation_editor_load (INJ_DELEGATION_EDITOR (self->editor), fresh);
    }
}

void
_inj_window_new_delegation_activated (GtkWidget *widget,
                          const char *action_name,
                          GVariant *parameter)
{
  InjWindow *self = INJ_WINDOW (widget);

  _inj_window_start_new_delegation (self);
  show_page (self, "editor");
}

/* ---------------------------------------------------------------- start role */

static const char *
page_for_role (const char *role)
{
  if (g_strcmp0 (role, "agent") == 0)
    return INJ_SIDEBAR_AGENT_DESK;
  if (g_strcmp0 (role, "support") == 0)
    return INJ_SIDEBAR_CARD_STATUS;
  return INJ_SIDEBAR_LIST;
}

/* The welcome until a role is chosen; then the role's page. */
static void
open_start_page (InjWindow *self)
{
  g_autofree char *role = g_settings_get_string (inj_session_get_settings (self->session),
                                                 "start-role");

  if (g_str_equal (role, "unset"))
    {
      gtk_stack_set_visible_child_name (self->cover_stack, "welcome");
      return;
    }
  show_page (self, page_for_role (role));
}

/* The page asked for on the command line (ininjo --page NAME, what support
 * staff and the tests use): shown at once, also over the welcome of a first
 * start. No role is stored, so the welcome comes again at the next start.
 * FALSE when there is no page (or tab) of that name. */
gboolean
inj_window_open_first_page (InjWindow *self,
                            const char *name)
{
  g_return_val_if_fail (INJ_IS_WINDOW (self), FALSE);
  if (!show_page (self, name))
    return FALSE;
  if (inj_window_get_welcome_shown (self))
    gtk_stack_set_visible_child_name (self->cover_stack, "content");
  return TRUE;
}

void
_inj_window_role_chosen (InjWindow *self,
             const char *role)
{
  g_settings_set_string (inj_session_get_settings (self->session), "start-role", role);
  show_page (self, page_for_role (role));
  if (!_inj_window_is_covered (self))
    gtk_stack_set_visible_child_name (self->cover_stack, "content");
}

/* A page whose action buttons are not in a clamp of its own goes into
 * one, so that they stay next to the content in a wide window. */
GtkWidget *
_inj_window_clamped (GtkWidget *page)
{
  GtkWidget *clamp = adw_clamp_new ();

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 800);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 600);
  adw_clamp_set_child (ADW_CLAMP (clamp), page);
  return clamp;
}

/* The list's counts, once the list page has them. */
static void
bind_badges (InjWindow *self)
{
  GObjectClass *klass = G_OBJECT_GET_CLASS (self->delegations_page);

  if (g_object_class_find_property (klass, "n-pending"))
    g_object_bind_property (self->delegations_page, "n-pending", self->sidebar, "n-pending",
                            G_BINDING_SYNC_CREATE);
  if (g_object_class_find_property (klass, "n-expiring"))
    g_object_bind_property (self->delegations_page, "n-expiring", self->sidebar, "n-expiring",
                            G_BINDING_SYNC_CREATE);
}


/* The sidebar in its pane, following the content stack and driving it. */
void
_inj_window_add_sidebar (InjWindow *self)
{
  self->sidebar = inj_sidebar_new (FLOW_PAGE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->sidebar_scroller), self->sidebar);
  bind_badges (self);
  g_signal_connect_object (self->sidebar, "notify::page", G_CALLBACK (sidebar_page_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stack, "notify::visible-child", G_CALLBACK (visible_page_changed),
                           self, G_CONNECT_SWAPPED);
  visible_page_changed (self);
  open_start_page (self);
}
