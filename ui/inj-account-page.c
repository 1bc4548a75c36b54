/* inj-account-page.c: 利用者情報: the account as the service answers it,
 * read in a worker thread (InjServiceJob: the client credential of the
 * settings, the card's PIN asked at most once), its 基本情報 verified
 * against its signature before it is shown. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-a11y.h"
#include "inj-account-form.h"
#include "inj-account-client.h"
#include "inj-account-steps.h"
#include "inj-audit.h"
#include "inj-password-dialog.h"
#include "inj-expiry-view.h"
#include "inj-account-page-private.h"
#include "inj-account-client.h"
#include "inj-account-steps.h"
#include "inj-job.h"
#include "inj-render.h"
#include "inj-service-job.h"
#include "inj-statement.h"
#include "inj-ui-private.h"


typedef struct {
  char *bound_at;
  gboolean current;
} Card;

static void
card_free (Card *card)
{
  g_free (card->bound_at);
  g_free (card);
}

G_DEFINE_FINAL_TYPE (InjAccountPage, inj_account_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_BUSY,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static const char *
state_text (const char *state)
{
  if (g_strcmp0 (state, "confirmed") == 0)
    return _("Confirmed");
  if (g_strcmp0 (state, "pending") == 0)
    return _("Awaiting confirmation");
  return state;
}

/* ------------------------------------------------------------- showing */

static void
show_info (InjAccountPage *self)
{
  gboolean reveal = inj_session_get_reveal (self->session);

  for (int f = 0; f < INJ_N_ACCOUNT_FIELDS; f++)
    {
      GtkWidget *row = self->info_rows[f];
      gboolean shown;

      g_clear_pointer (&self->shown[f], g_free);
      shown = self->info && inj_account_info_applies (self->info, f) &&
              inj_account_info_get (self->info, f) != NULL;
      gtk_widget_set_visible (row, shown);
      if (!shown)
        continue;
      self->shown[f] = inj_render_account_value (self->info, f, reveal);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     inj_account_info_label (self->info, f));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), self->shown[f]);
    }
}

static void
show_cards (InjAccountPage *self)
{
  for (guint i = 0; i < self->card_rows->len; i++)
    adw_preferences_group_remove (self->cards_group, g_ptr_array_index (self->card_rows, i));
  g_ptr_array_set_size (self->card_rows, 0);
  for (guint i = 0; self->cards && i < self->cards->len; i++)
    {
      Card *card = g_ptr_array_index (self->cards, i);
      g_autofree char *day = inj_display_iso_day (card->bound_at);
      g_autofree char *title = g_strdup_printf (_("Bound on %s"), day ? day : card->bound_at);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "auth-smartcard-symbolic");
      if (card->current)
        {
          GtkWidget *label = gtk_label_new (_("This card"));
          gtk_widget_add_css_class (label, "status-pill");
          gtk_widget_add_css_class (label, "active");
          gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
        }
      adw_preferences_group_add (self->cards_group, row);
      g_ptr_array_add (self->card_rows, row);
    }
}

static void
show_answer (InjAccountPage *self)
{
  if (!self->has_account)
    {
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "problem");
      return;
    }
  gtk_label_set_text (self->kind_label,
                      inj_principal_kind_label (inj_account_info_get_kind (self->info)));
  gtk_label_set_text (self->pill, state_text (self->state));
  gtk_widget_remove_css_class (GTK_WIDGET (self->pill), "pending");
  gtk_widget_remove_css_class (GTK_WIDGET (self->pill), "active");
  gtk_widget_add_css_class (GTK_WIDGET (self->pill),
                            g_strcmp0 (self->state, "confirmed") == 0 ? "active" : "pending");
  gtk_widget_set_visible (GTK_WIDGET (self->pending_label),
                          g_strcmp0 (self->state, "confirmed") != 0);
  show_info (self);
  show_cards (self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "account");
}

static void
show_problem (InjAccountPage *self,
              const char *title,
              const char *description,
              gboolean retry)
{
  gtk_widget_set_visible (self->register_button, !retry);
  gtk_widget_set_visible (self->rebind_button, FALSE);
  g_free (self->problem);
  self->problem = g_strdup (title);
  adw_status_page_set_title (self->problem_page, title);
  adw_status_page_set_description (self->problem_page, description);
  gtk_widget_set_visible (self->retry_button, retry);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "problem");
}

/* ------------------------------------------------------------- the call */

typedef struct {
  InjServiceJob *service;
  InjTrustStore *trust;
  /* written by the thread */
  InjAccount *account;
  InjAccountInfo *info;
  char *copy_id;            /* no account for this card: the local copy's */
  InjAccountInfo *copy_info;
} Call;

static void
call_free (Call *call)
{
  inj_service_job_free (call->service);
  g_clear_object (&call->trust);
  g_clear_pointer (&call->account, inj_account_free);
  g_clear_object (&call->info);
  g_free (call->copy_id);
  g_clear_object (&call->copy_info);
  g_free (call);
}

static void
call_thread (GTask *task,
             gpointer source,
             gpointer task_data,
             GCancellable *cancellable)
{
  Call *call = task_data;
  GError *error = NULL;
  InjServiceClient *client = inj_service_job_connect (call->service, cancellable, &error);

  if (client)
    call->account = inj_service_client_get_account (client, cancellable, &error);
  if (call->account)
    call->info = inj_account_read_info (call->account, call->trust, NULL, &error);
  if (call->info)
    {
      /* kept on this computer, sealed like drafts */
      g_autoptr(InjAccountCopy) copy = inj_account_copy_from_service (call->account);
      g_autoptr(GError) local = NULL;

      if (!inj_account_store_save (copy, &local))
        g_debug ("the account's copy was not saved: %s", local->message);
    }
  if (g_error_matches (error, INJ_NET_ERROR, INJ_NET_ERROR_NO_ACCOUNT))
    {
      /* a renewed card: the account this computer knows */
      g_autoptr(InjStatement) st = NULL;
      g_autoptr(InjAccountCopy) copy = inj_account_store_load (call->trust, NULL, &st, NULL);

      if (copy)
        call->copy_id = g_strdup (copy->account_id);
      if (copy && st && inj_statement_get_info (st))
        call->copy_info = g_object_ref (inj_statement_get_info (st));
    }
  inj_service_job_end (call->service);
  if (error)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
call_done (GObject *source,
           GAsyncResult *result,
           gpointer user_data)
{
  InjAccountPage *self = INJ_ACCOUNT_PAGE (source);
  Call *call = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  if (self->disposed)
    return;
  inj_job_end (self->job);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  self->has_account = FALSE;
  g_clear_object (&self->info);
  g_clear_pointer (&self->problem, g_free);
  g_clear_pointer (&self->copy_id, g_free);
  g_clear_object (&self->copy_info);
  if (g_error_matches (error, INJ_NET_ERROR, INJ_NET_ERROR_NO_ACCOUNT) && call->copy_id)
    {
      self->copy_id = g_strdup (call->copy_id);
      self->copy_info = call->copy_info ? g_object_ref (call->copy_info) : NULL;
      show_problem (self, _("This card is not bound to the account yet"),
                    _("If the My Number card was renewed, register the new card with the "
                      "account: it is signed with the new card's signing certificate, whose name "
                      "must be the registered representative's. The earlier cards stay on "
                      "record."), FALSE);
      gtk_widget_set_visible (self->register_button, FALSE);
      gtk_widget_set_visible (self->rebind_button, TRUE);
      return;
    }
  if (g_error_matches (error, INJ_NET_ERROR, INJ_NET_ERROR_NO_ACCOUNT))
    {
      show_problem (self, _("No user information registered yet"),
                    _("Before delegations can be sent, the business registers its user "
                      "information (organization, address, representative) with the service, "
                      "signed with the representative's card."), FALSE);
      return;
    }
  if (error)
    {
      show_problem (self, _("Could not read the user information"),
                    g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                      ? _("Cancelled. Nothing was changed at the service.") : error->message, TRUE);
      return;
    }
  self->has_account = TRUE;
  self->info = g_steal_pointer (&call->info);
  g_free (self->account_id);
  self->account_id = g_strdup (call->account->id);
  g_free (self->state);
  self->state = g_strdup (call->account->state);
  g_clear_pointer (&self->cards, g_ptr_array_unref);
  self->cards = g_ptr_array_new_with_free_func ((GDestroyNotify) card_free);
  for (guint i = 0; i < call->account->bindings->len; i++)
    {
      InjAccountBinding *b = g_ptr_array_index (call->account->bindings, i);
      Card *card = g_new0 (Card, 1);
      card->bound_at = g_strdup (b->bound_at);
      card->current = b->current;
      g_ptr_array_add (self->cards, card);
    }
  show_answer (self);
}

void
inj_account_page_refresh (InjAccountPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(InjTrustStore) trust = NULL;
  InjServiceJob *service;
  Call *call;

  g_return_if_fail (INJ_IS_ACCOUNT_PAGE (self));
  if (inj_job_get_busy (self->job))
    return;
  service = inj_service_job_new (self->session, &error);
  if (service)
    {
      trust = inj_session_dup_trust_store (self->session, &error);
      if (trust == NULL)
        g_clear_pointer (&service, inj_service_job_free);
    }
  if (service == NULL)
    {
      show_problem (self, _("Could not read the user information"), error->message, TRUE);
      return;
    }
  call = g_new0 (Call, 1);
  call->service = service;
  call->trust = g_steal_pointer (&trust);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "loading");
  task = g_task_new (self, inj_job_begin (self->job, _("Reading the user information…")),
                     call_done, NULL);
  g_task_set_source_tag (task, inj_account_page_refresh);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);
  g_task_run_in_thread (task, call_thread);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* ------------------------------------------------------------- building */

static GtkWidget *
build_account (InjAccountPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = gtk_label_new (_("User Information"));
  GtkWidget *reveal_row = adw_action_row_new ();
  AdwPreferencesGroup *state_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  gtk_widget_add_css_class (title, "title-2");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (head), title);
  self->pill = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->pill), "status-pill");
  gtk_widget_set_valign (GTK_WIDGET (self->pill), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (head), GTK_WIDGET (self->pill));
  {
    GtkWidget *change = gtk_button_new_with_mnemonic (_("_Change…"));
    gtk_widget_set_valign (change, GTK_ALIGN_CENTER);
    gtk_widget_set_tooltip_text (change, _("Change the user information; each change is shown "
                                           "before it is signed"));
    g_signal_connect_swapped (change, "clicked", G_CALLBACK (inj_account_page_open_form), self);
    gtk_box_append (GTK_BOX (head), change);
  }
  gtk_box_append (GTK_BOX (box), head);

  self->pending_label = GTK_LABEL (gtk_label_new (
    _("The service's operator checks the registration against the commercial registry. "
      "Delegations can be sent once it is confirmed.")));
  gtk_label_set_wrap (self->pending_label, TRUE);
  gtk_label_set_xalign (self->pending_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->pending_label), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->pending_label));

  self->info_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->info_group, _("Registered Information"));
  self->kind_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->kind_label), "dim-label");
  adw_preferences_group_set_header_suffix (self->info_group, GTK_WIDGET (self->kind_label));
  for (int f = 0; f < INJ_N_ACCOUNT_FIELDS; f++)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_widget_add_css_class (row, "property");
      self->info_rows[f] = row;
      adw_preferences_group_add (self->info_group, row);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (reveal_row), _("Show personal data"));
  self->reveal_switch = gtk_switch_new ();
  gtk_widget_set_valign (self->reveal_switch, GTK_ALIGN_CENTER);
  inj_ui_set_accessible_label (self->reveal_switch, _("Show personal data"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (reveal_row), self->reveal_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (reveal_row), self->reveal_switch);
  g_object_bind_property (self->session, "reveal", self->reveal_switch, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  adw_preferences_group_add (state_group, reveal_row);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->info_group));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (state_group));

  self->cards_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->cards_group, _("Cards Bound to the Account"));
  adw_preferences_group_set_description (self->cards_group,
    _("A renewed card is bound with the new signing certificate; the earlier ones stay on "
      "record."));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->cards_group));
  return box;
}

static void
retry_clicked (InjAccountPage *self)
{
  inj_account_page_refresh (self);
}

static void
reveal_changed (InjAccountPage *self)
{
  if (self->has_account)
    show_info (self);
}

static void
inj_account_page_constructed (GObject *object)
{
  InjAccountPage *self = INJ_ACCOUNT_PAGE (object);
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *problem_box;

  G_OBJECT_CLASS (inj_account_page_parent_class)->constructed (object);
  g_assert (self->session != NULL);

  self->stack = gtk_stack_new ();
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_stack_add_named (GTK_STACK (self->stack), spinner, "loading");

  self->problem_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->problem_page, "avatar-default-symbolic");
  self->retry_button = gtk_button_new_with_mnemonic (_("_Retry"));
  gtk_widget_set_halign (self->retry_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->retry_button, "pill");
  g_signal_connect_swapped (self->retry_button, "clicked", G_CALLBACK (retry_clicked), self);
  problem_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (problem_box), self->retry_button);
  self->register_button = gtk_button_new_with_mnemonic (_("_Register the User Information…"));
  gtk_widget_set_halign (self->register_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->register_button, "pill");
  gtk_widget_add_css_class (self->register_button, "suggested-action");
  g_signal_connect_swapped (self->register_button, "clicked",
                            G_CALLBACK (inj_account_page_open_form), self);
  gtk_box_append (GTK_BOX (problem_box), self->register_button);
  self->rebind_button = gtk_button_new_with_mnemonic (_("Register the _New Card…"));
  gtk_widget_set_halign (self->rebind_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->rebind_button, "pill");
  gtk_widget_add_css_class (self->rebind_button, "suggested-action");
  gtk_widget_set_visible (self->rebind_button, FALSE);
  g_signal_connect_swapped (self->rebind_button, "clicked",
                            G_CALLBACK (inj_account_page_rebind), self);
  gtk_box_append (GTK_BOX (problem_box), self->rebind_button);
  adw_status_page_set_child (self->problem_page, problem_box);
  gtk_stack_add_named (GTK_STACK (self->stack), GTK_WIDGET (self->problem_page), "problem");

  gtk_stack_add_named (GTK_STACK (self->stack), build_account (self), "account");
  self->form_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  self->form_error = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->form_error, TRUE);
  gtk_label_set_xalign (self->form_error, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->form_error), "inj-problem");
  gtk_widget_set_visible (GTK_WIDGET (self->form_error), FALSE);
  gtk_box_append (GTK_BOX (self->form_box), GTK_WIDGET (self->form_error));
  gtk_stack_add_named (GTK_STACK (self->stack), self->form_box, "form");

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->stack);
  gtk_widget_set_margin_top (clamp, 24);
  gtk_widget_set_margin_bottom (clamp, 24);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), clamp);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  g_signal_connect_object (self->session, "notify::reveal", G_CALLBACK (reveal_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "privacy-lock", G_CALLBACK (reveal_changed), self,
                           G_CONNECT_SWAPPED);
}

static void
inj_account_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (inj_account_page_parent_class)->map (widget);
  /* a form being written is kept */
  if (INJ_ACCOUNT_PAGE (widget)->form == NULL)
    inj_account_page_refresh (INJ_ACCOUNT_PAGE (widget));
}

static void
inj_account_page_dispose (GObject *object)
{
  InjAccountPage *self = INJ_ACCOUNT_PAGE (object);

  self->disposed = TRUE;
  if (self->job)
    inj_job_stop (self->job);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  G_OBJECT_CLASS (inj_account_page_parent_class)->dispose (object);
}

static void
inj_account_page_finalize (GObject *object)
{
  InjAccountPage *self = INJ_ACCOUNT_PAGE (object);

  g_clear_object (&self->session);
  g_clear_object (&self->job);
  g_clear_object (&self->info);
  g_free (self->account_id);
  g_free (self->state);
  g_free (self->problem);
  g_free (self->copy_id);
  g_clear_object (&self->copy_info);
  g_free (self->send_error);
  g_clear_pointer (&self->cards, g_ptr_array_unref);
  g_clear_pointer (&self->card_rows, g_ptr_array_unref);
  for (int f = 0; f < INJ_N_ACCOUNT_FIELDS; f++)
    g_free (self->shown[f]);
  G_OBJECT_CLASS (inj_account_page_parent_class)->finalize (object);
}

static void
inj_account_page_get_property (GObject *object,
                               guint prop_id,
                               GValue *value,
                               GParamSpec *pspec)
{
  InjAccountPage *self = INJ_ACCOUNT_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, inj_account_page_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inj_account_page_set_property (GObject *object,
                               guint prop_id,
                               const GValue *value,
                               GParamSpec *pspec)
{
  InjAccountPage *self = INJ_ACCOUNT_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inj_account_page_class_init (InjAccountPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = inj_account_page_constructed;
  object_class->dispose = inj_account_page_dispose;
  object_class->finalize = inj_account_page_finalize;
  object_class->get_property = inj_account_page_get_property;
  object_class->set_property = inj_account_page_set_property;
  widget_class->map = inj_account_page_map;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, INJ_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
inj_account_page_init (InjAccountPage *self)
{
  _inj_ui_ensure_resources ();
  self->job = inj_job_new ();
  self->card_rows = g_ptr_array_new ();
}

GtkWidget *
inj_account_page_new (InjSession *session)
{
  return g_object_new (INJ_TYPE_ACCOUNT_PAGE, "session", session, NULL);
}

gboolean
inj_account_page_get_busy (InjAccountPage *self)
{
  g_return_val_if_fail (INJ_IS_ACCOUNT_PAGE (self), FALSE);
  return inj_job_get_busy (self->job);
}

gboolean
inj_account_page_has_account (InjAccountPage *self)
{
  g_return_val_if_fail (INJ_IS_ACCOUNT_PAGE (self), FALSE);
  return self->has_account;
}

InjAccountInfo *
inj_account_page_get_info (InjAccountPage *self)
{
  g_return_val_if_fail (INJ_IS_ACCOUNT_PAGE (self), NULL);
  return self->info;
}

const char *
inj_account_page_get_state_text (InjAccountPage *self)
{
  g_return_val_if_fail (INJ_IS_ACCOUNT_PAGE (self), NULL);
  return self->has_account ? gtk_label_get_text (self->pill) : NULL;
}

const char *
inj_account_page_get_shown (InjAccountPage *self,
                            InjAccountField field)
{
  g_return_val_if_fail (INJ_IS_ACCOUNT_PAGE (self), NULL);
  g_return_val_if_fail (field < INJ_N_ACCOUNT_FIELDS, NULL);
  if (!self->has_account || !gtk_widget_get_visible (self->info_rows[field]))
    return NULL;
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (self->info_rows[field]));
}

guint
inj_account_page_get_n_cards (InjAccountPage *self)
{
  g_return_val_if_fail (INJ_IS_ACCOUNT_PAGE (self), 0);
  return self->card_rows->len;
}

const char *
inj_account_page_get_problem (InjAccountPage *self)
{
  g_return_val_if_fail (INJ_IS_ACCOUNT_PAGE (self), NULL);
  return self->problem;
}

GtkWidget *
inj_account_page_get_reveal_switch (InjAccountPage *self)
{
  g_return_val_if_fail (INJ_IS_ACCOUNT_PAGE (self), NULL);
  return self->reveal_switch;
}

const char *
inj_account_page_get_account_id (InjAccountPage *self)
{
  g_return_val_if_fail (INJ_IS_ACCOUNT_PAGE (self), NULL);
  return self->has_account ? self->account_id : NULL;
}

void
_inj_account_page_notify_busy (InjAccountPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

const char *
inj_account_page_get_copy_id (InjAccountPage *self)
{
  g_return_val_if_fail (INJ_IS_ACCOUNT_PAGE (self), NULL);
  return self->copy_id;
}
