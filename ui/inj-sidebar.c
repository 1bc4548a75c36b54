/* inj-sidebar.c: the window's navigation, a list box in the
 * navigation-sidebar style: a header row per group of users, an icon and
 * a title per page, two badges on the list of delegations. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-a11y.h"
#include "inj-sidebar.h"

struct _InjSidebar {
  GtkWidget parent_instance;

  GtkListBox *list;
  GtkWidget *badges;   /* the box of the two below */
  GtkWidget *pending;
  GtkWidget *expiring;
  char *flow_page;
  char *page;
  guint n_pending;
  guint n_expiring;
};

G_DEFINE_FINAL_TYPE (InjSidebar, inj_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FLOW_PAGE,
  PROP_PAGE,
  PROP_N_PENDING,
  PROP_N_EXPIRING,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

typedef enum {
  SECTION_DELEGATIONS,
  SECTION_AGENT,
  SECTION_SUPPORT,
} Section;

typedef struct {
  Section section;
  const char *page;   /* NULL: the flow's page */
  const char *title;
  const char *icon;
} Entry;

static const Entry entries[] = {
  { SECTION_DELEGATIONS, INJ_SIDEBAR_LIST, N_("Delegations"), "view-list-symbolic" },
  { SECTION_DELEGATIONS, NULL, N_("Delegation in Progress"), "document-edit-symbolic" },
  { SECTION_DELEGATIONS, INJ_SIDEBAR_ACCOUNT, N_("User Information"), "avatar-default-symbolic" },
  { SECTION_AGENT, INJ_SIDEBAR_AGENT_DESK, N_("Sign as the Agent"), "contact-new-symbolic" },
  { SECTION_SUPPORT, INJ_SIDEBAR_CARD_STATUS, N_("Card Status"), "auth-smartcard-symbolic" },
  { SECTION_SUPPORT, INJ_SIDEBAR_AUDIT, N_("Audit log"), "document-open-recent-symbolic" },
};

static const char *
section_title (Section section)
{
  switch (section)
    {
    case SECTION_DELEGATIONS:
      return _("Electronic Delegations");
    case SECTION_AGENT:
      return _("Agents");
    case SECTION_SUPPORT:
    default:
      return _("Support");
    }
}

static const char *
row_page (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "inj-page");
}

static Section
row_section (GtkListBoxRow *row)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "inj-section"));
}

/* A header above the first row of each group. */
static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer user_data)
{
  GtkWidget *label;

  if (before && row_section (before) == row_section (row))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  if (gtk_list_box_row_get_header (row))
    return;
  label = gtk_label_new (section_title (row_section (row)));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, before ? 18 : 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_list_box_row_set_header (row, label);
}

static GtkWidget *
new_badge (const char *css_class)
{
  GtkWidget *badge = gtk_label_new (NULL);

  gtk_widget_add_css_class (badge, "inj-badge");
  gtk_widget_add_css_class (badge, css_class);
  gtk_widget_add_css_class (badge, "caption");
  gtk_widget_set_visible (badge, FALSE);
  return badge;
}

static GtkWidget *
new_row (InjSidebar *self,
         const Entry *entry)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *icon = gtk_image_new_from_icon_name (entry->icon);
  GtkWidget *title = gtk_label_new (_(entry->title));
  const char *page = entry->page ? entry->page : self->flow_page;

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (text), title);
  if (g_strcmp0 (page, INJ_SIDEBAR_LIST) == 0)
    {
      self->badges = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      self->pending = new_badge ("accent");
      self->expiring = new_badge ("warning");
      gtk_box_append (GTK_BOX (self->badges), self->pending);
      gtk_box_append (GTK_BOX (self->badges), self->expiring);
      gtk_widget_set_visible (self->badges, FALSE);
      gtk_box_append (GTK_BOX (text), self->badges);
    }
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  inj_ui_set_accessible_label (row, _(entry->title));
  g_object_set_data_full (G_OBJECT (row), "inj-page", g_strdup (page), g_free);
  g_object_set_data (G_OBJECT (row), "inj-section", GUINT_TO_POINTER (entry->section));
  return row;
}

static void
row_selected (InjSidebar *self,
              GtkListBoxRow *row)
{
  const char *page = row ? row_page (row) : NULL;

  if (g_strcmp0 (page, self->page) == 0)
    return;
  g_free (self->page);
  self->page = g_strdup (page);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

static void
update_badge (InjSidebar *self,
              GtkWidget *badge,
              guint n,
              const char *text)
{
  gtk_label_set_text (GTK_LABEL (badge), text);
  gtk_widget_set_visible (badge, n > 0);
  gtk_widget_set_visible (self->badges, self->n_pending > 0 || self->n_expiring > 0);
}

/* The list's row says the counts to a screen reader as it shows them. */
static void
update_list_label (InjSidebar *self)
{
  GtkWidget *row = inj_sidebar_get_row (self, INJ_SIDEBAR_LIST);
  g_autoptr(GString) label = g_string_new (_("Delegations"));

  if (self->n_pending > 0)
    g_string_append_printf (g_string_append (label, _(", ")), "%s",
                            gtk_label_get_text (GTK_LABEL (self->pending)));
  if (self->n_expiring > 0)
    g_string_append_printf (g_string_append (label, _(", ")), "%s",
                            gtk_label_get_text (GTK_LABEL (self->expiring)));
  inj_ui_set_accessible_label (row, label->str);
}

void
inj_sidebar_set_n_pending (InjSidebar *self,
                           guint n)
{
  g_autofree char *text = NULL;

  g_return_if_fail (INJ_IS_SIDEBAR (self));
  if (self->n_pending == n)
    return;
  self->n_pending = n;
  /* TRANSLATORS: a badge in the sidebar: delegations waiting to be sent */
  text = g_strdup_printf (_("%u to send"), n);
  update_badge (self, self->pending, n, text);
  update_list_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
}

void
inj_sidebar_set_n_expiring (InjSidebar *self,
                            guint n)
{
  g_autofree char *text = NULL;

  g_return_if_fail (INJ_IS_SIDEBAR (self));
  if (self->n_expiring == n)
    return;
  self->n_expiring = n;
  /* TRANSLATORS: a badge in the sidebar: delegations whose period ends soon */
  text = g_strdup_printf (_("%u ending soon"), n);
  update_badge (self, self->expiring, n, text);
  update_list_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_EXPIRING]);
}

/* Pills for the badges: libadwaita 1.2 has no style of its own for them. */
static void
ensure_style (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
      gtk_css_provider_load_from_data (provider,
                                       ".inj-badge { border-radius: 999px; padding: 0 8px;"
                                       " background-color: alpha(currentColor, 0.12); }",
                                       -1);
      if (gdk_display_get_default ())
        gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                    GTK_STYLE_PROVIDER (provider),
                                                    GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_once_init_leave (&done, 1);
    }
}

static void
inj_sidebar_constructed (GObject *object)
{
  InjSidebar *self = INJ_SIDEBAR (object);

  G_OBJECT_CLASS (inj_sidebar_parent_class)->constructed (object);
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    gtk_list_box_append (self->list, new_row (self, &entries[i]));
  update_list_label (self);
}

static void
inj_sidebar_dispose (GObject *object)
{
  InjSidebar *self = INJ_SIDEBAR (object);

  if (self->list)
    {
      gtk_widget_unparent (GTK_WIDGET (self->list));
      self->list = NULL;
    }
  G_OBJECT_CLASS (inj_sidebar_parent_class)->dispose (object);
}

static void
inj_sidebar_finalize (GObject *object)
{
  InjSidebar *self = INJ_SIDEBAR (object);

  g_free (self->flow_page);
  g_free (self->page);
  G_OBJECT_CLASS (inj_sidebar_parent_class)->finalize (object);
}

static void
inj_sidebar_set_property (GObject *object,
                          guint prop_id,
                          const GValue *value,
                          GParamSpec *pspec)
{
  InjSidebar *self = INJ_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_FLOW_PAGE:
      g_free (self->flow_page);
      self->flow_page = g_value_dup_string (value);
      break;
    case PROP_PAGE:
      inj_sidebar_set_page (self, g_value_get_string (value));
      break;
    case PROP_N_PENDING:
      inj_sidebar_set_n_pending (self, g_value_get_uint (value));
      break;
    case PROP_N_EXPIRING:
      inj_sidebar_set_n_expiring (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inj_sidebar_get_property (GObject *object,
                          guint prop_id,
                          GValue *value,
                          GParamSpec *pspec)
{
  InjSidebar *self = INJ_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_FLOW_PAGE:
      g_value_set_string (value, self->flow_page);
      break;
    case PROP_PAGE:
      g_value_set_string (value, self->page);
      break;
    case PROP_N_PENDING:
      g_value_set_uint (value, self->n_pending);
      break;
    case PROP_N_EXPIRING:
      g_value_set_uint (value, self->n_expiring);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inj_sidebar_class_init (InjSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = inj_sidebar_constructed;
  object_class->dispose = inj_sidebar_dispose;
  object_class->finalize = inj_sidebar_finalize;
  object_class->set_property = inj_sidebar_set_property;
  object_class->get_property = inj_sidebar_get_property;

  /* the page of the representative's guided steps */
  properties[PROP_FLOW_PAGE] =
    g_param_spec_string ("flow-page", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PENDING] =
    g_param_spec_uint ("n-pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_EXPIRING] =
    g_param_spec_uint ("n-expiring", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "inj-sidebar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_NAVIGATION);
}

static void
inj_sidebar_init (InjSidebar *self)
{
  ensure_style ();
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_SINGLE);
  gtk_list_box_set_header_func (self->list, update_header, NULL, NULL);
  inj_ui_set_accessible_label (GTK_WIDGET (self->list), _("Pages"));
  gtk_widget_set_parent (GTK_WIDGET (self->list), GTK_WIDGET (self));
  g_signal_connect_object (self->list, "row-selected", G_CALLBACK (row_selected), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
inj_sidebar_new (const char *flow_page)
{
  return g_object_new (INJ_TYPE_SIDEBAR, "flow-page", flow_page, NULL);
}

const char *
inj_sidebar_get_page (InjSidebar *self)
{
  g_return_val_if_fail (INJ_IS_SIDEBAR (self), NULL);
  return self->page;
}

GtkWidget *
inj_sidebar_get_row (InjSidebar *self,
                     const char *page)
{
  g_return_val_if_fail (INJ_IS_SIDEBAR (self), NULL);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && page && g_strcmp0 (row_page (GTK_LIST_BOX_ROW (row)), page) == 0)
      return row;
  return NULL;
}

void
inj_sidebar_set_page (InjSidebar *self,
                      const char *page)
{
  GtkWidget *row;

  g_return_if_fail (INJ_IS_SIDEBAR (self));
  row = inj_sidebar_get_row (self, page);
  if (row)
    gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (row));
  else
    gtk_list_box_unselect_all (self->list);
}

GtkListBox *
inj_sidebar_get_list (InjSidebar *self)
{
  g_return_val_if_fail (INJ_IS_SIDEBAR (self), NULL);
  return self->list;
}

GtkWidget *
inj_sidebar_get_pending_badge (InjSidebar *self)
{
  g_return_val_if_fail (INJ_IS_SIDEBAR (self), NULL);
  return self->pending;
}

GtkWidget *
inj_sidebar_get_expiring_badge (InjSidebar *self)
{
  g_return_val_if_fail (INJ_IS_SIDEBAR (self), NULL);
  return self->expiring;
}
