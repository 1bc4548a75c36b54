/* inj-delegations-page.c: what the service stores for the account: the
 * list, the calls to the service in a worker thread, validity checks and
 * renewals; the details of the one chosen are in inj-delegations-details.c. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-account-steps.h"
#include "inj-audit.h"
#include "inj-a11y.h"
#include "inj-delegations-page-private.h"
#include "inj-printout-ui.h"
#include "inj-service-job.h"
#include "inj-ui-private.h"

G_DEFINE_FINAL_TYPE (InjDelegationsPage, inj_delegations_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_BUSY,
  PROP_N_PENDING,
  PROP_N_EXPIRING,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_RENEW,
  SIGNAL_CONTINUE_DRAFT,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

char *
_inj_delegations_period (const char *start,
             const char *end)
{
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;

  if (start == NULL || end == NULL)
    return NULL;
  from = inj_upload_display_day (start);
  until = inj_upload_display_day (end);
  /* TRANSLATORS: a delegation's period, start – end */
  return g_strdup_printf (_("%s – %s"), from, until);
}

/* The job's problem, in the page's own label. */
static void
show_problem (InjDelegationsPage *self)
{
  const char *problem = inj_job_get_problem (self->job);

  gtk_label_set_text (self->error_label, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), problem != NULL);
}

static void
show_error (InjDelegationsPage *self,
            const char *message)
{
  inj_job_show_problem (self->job, NULL, message);
}

/* ------------------------------------------------------------- details */

/* ------------------------------------------------------------- calls */

typedef enum {
  CALL_LIST,
  CALL_DETAILS,
  CALL_VALIDITY,
} CallKind;

typedef struct {
  CallKind kind;
  InjServiceJob *service;
  InjTrustStore *trust;
  char *id;
  GHashTable *known;          /* CALL_LIST: IDs whose document the page has */
  /* written by the thread */
  JsonObject *answer;
  InjDelegation *delegation;
  GHashTable *named;          /* CALL_LIST: ID → the stored delegation, verified */
} Call;

static void
call_free (Call *call)
{
  inj_service_job_free (call->service);
  g_clear_object (&call->trust);
  g_free (call->id);
  g_clear_pointer (&call->answer, json_object_unref);
  g_clear_object (&call->delegation);
  g_clear_pointer (&call->known, g_hash_table_unref);
  g_clear_pointer (&call->named, g_hash_table_unref);
  g_free (call);
}

/* Receipts still waiting for a decision are asked about once. */
static void
check_receipts (InjServiceClient *client,
                GCancellable *cancellable)
{
  g_autoptr(GPtrArray) sent = inj_upload_list_sent ();

  for (guint i = 0; i < sent->len; i++)
    {
      InjPackage *p = g_ptr_array_index (sent, i);
      g_autoptr(GError) error = NULL;

      if (g_strcmp0 (p->state, "received") == 0 && p->receipt &&
          !inj_upload_check_receipt (client, p, NULL, cancellable, &error))
        g_debug ("receipt %s: %s", p->receipt, error->message);
    }
}

/* The stored delegations this computer has no copy of, fetched and
 * verified to name their rows; one that fails is left unnamed. */
static void
fetch_unnamed (InjServiceClient *client,
               Call *call,
               GCancellable *cancellable)
{
  JsonArray *items;

  if (call->trust == NULL || !json_object_has_member (call->answer, "items") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (call->answer, "items")))
    return;
  items = json_object_get_array_member (call->answer, "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *id = _inj_delegations_str (item, "delegationId");
      g_autoptr(GError) error = NULL;
      InjDelegation *d;

      if (id == NULL || g_hash_table_contains (call->known, id) ||
          g_cancellable_is_cancelled (cancellable))
        continue;
      d = inj_upload_fetch_verified (client, call->trust, id, NULL, cancellable, &error);
      if (d)
        g_hash_table_insert (call->named, g_strdup (id), d);
      else
        g_debug ("delegation %s left unnamed: %s", id, error->message);
    }
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
    switch (call->kind)
      {
      case CALL_LIST:
        call->answer = inj_service_client_list (client, cancellable, &error);
        if (call->answer)
          {
            check_receipts (client, cancellable);
            fetch_unnamed (client, call, cancellable);
          }
        break;
      case CALL_DETAILS:
        call->delegation = inj_upload_fetch_verified (client, call->trust, call->id, &call->answer,
                                                      cancellable, &error);
        break;
      case CALL_VALIDITY:
        call->answer = inj_validity_checked (client, call->id, cancellable, &error);
        inj_audit_record (INJ_AUDIT_VALIDITY, NULL, call->id,
                          call->answer ? json_object_get_string_member_with_default (call->answer,
                                                                                     "status",
                                                                                     NULL)
                                       : NULL, error);
        break;
      default:
        g_assert_not_reached ();
      }
  inj_service_job_end (call->service);
  if (error)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* The spinner and the cancel button are bound to the job; the actions
 * follow it here. */
static void
show_busy (InjDelegationsPage *self)
{
  gboolean busy = inj_job_get_busy (self->job);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "delegations.refresh", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "delegations.details", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "delegations.check-validity", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "delegations.check-validity-of", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "delegations.cancel", busy);
  if (busy)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "delegations.terminate", FALSE);
  else
    _inj_delegations_render_details (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static gboolean
take_named (gpointer key,
            gpointer value,
            gpointer user_data)
{
  g_hash_table_replace (user_data, key, value);
  return TRUE;
}

static void
call_done (GObject *source,
           GAsyncResult *result,
           gpointer user_data)
{
  InjDelegationsPage *self = INJ_DELEGATIONS_PAGE (source);
  Call *call = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  if (self->disposed)
    return;
  inj_job_end (self->job);
  if (error)
    {
      const char *message = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                              ? _("Cancelled. Nothing was changed at the service.")
                              : error->message;
      if (call->kind == CALL_VALIDITY)
        _inj_delegations_show_validity (self, call->id, NULL, message);
      if (call->kind == CALL_VALIDITY &&
          g_error_matches (error, INJ_NET_ERROR, INJ_NET_ERROR_RECIPIENT_NOT_REGISTERED))
        _inj_delegations_offer_recipient (self, call->id);
      show_error (self, message);
      return;
    }
  show_error (self, NULL);
  switch (call->kind)
    {
    case CALL_LIST:
      g_clear_pointer (&self->service_items, json_array_unref);
      if (json_object_has_member (call->answer, "items") &&
          JSON_NODE_HOLDS_ARRAY (json_object_get_member (call->answer, "items")))
        self->service_items = json_array_ref (json_object_get_array_member (call->answer, "items"));
      g_hash_table_foreach_steal (call->named, take_named, self->fetched);
      _inj_delegations_rebuild_list (self);
      break;
    case CALL_DETAILS:
      _inj_delegations_drop_details (self);
      self->details = g_steal_pointer (&call->delegation);
      g_hash_table_replace (self->fetched, g_strdup (call->id), g_object_ref (self->details));
      self->details_stored = g_steal_pointer (&call->answer);
      self->details_id = g_strdup (call->id);
      _inj_delegations_render_details (self);
      break;
    case CALL_VALIDITY:
      _inj_delegations_show_validity (self, call->id, call->answer, NULL);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The IDs whose document the list has without asking: the packages of
 * this computer (as they are now) and what was fetched before. */
static GHashTable *
known_ids (InjDelegationsPage *self)
{
  GHashTable *known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) waiting = inj_outbox_list (NULL);
  g_autoptr(GPtrArray) sent = inj_upload_list_sent ();
  GHashTableIter iter;
  gpointer id;

  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < (round ? sent : waiting)->len; i++)
      {
        InjPackage *p = g_ptr_array_index (round ? sent : waiting, i);
        if (p->delegation_id)
          g_hash_table_add (known, g_strdup (p->delegation_id));
      }
  g_hash_table_iter_init (&iter, self->fetched);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    g_hash_table_add (known, g_strdup (id));
  return known;
}

static void
start_call (InjDelegationsPage *self,
            CallKind kind,
            const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(InjTrustStore) trust = NULL;
  InjServiceJob *service;
  Call *call;

  if (inj_job_get_busy (self->job))
    return;
  service = inj_service_job_new (self->session, &error);
  /* without trust the list is still listed, only not named */
  if (service && kind == CALL_LIST)
    trust = inj_session_dup_trust_store (self->session, NULL);
  if (service && kind == CALL_DETAILS)
    {
      trust = inj_session_dup_trust_store (self->session, &error);
      if (trust == NULL)
        g_clear_pointer (&service, inj_service_job_free);
    }
  if (service == NULL)
    {
      show_error (self, error->message);
      if (kind == CALL_VALIDITY)
        _inj_delegations_show_validity (self, id, NULL, error->message);
      return;
    }
  call = g_new0 (Call, 1);
  call->kind = kind;
  call->service = service;
  call->trust = g_steal_pointer (&trust);
  call->id = g_strdup (id);
  if (kind == CALL_LIST)
    {
      call->known = known_ids (self);
      call->named = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
    }
  self->uses_card = inj_service_job_uses_card (service);
  task = g_task_new (self, inj_job_begin (self->job, NULL), call_done, NULL);
  g_task_set_source_tag (task, start_call);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);
  g_task_run_in_thread (task, call_thread);
}

void
_inj_delegations_check_validity (InjDelegationsPage *self,
                                 const char *id)
{
  start_call (self, CALL_VALIDITY, id);
}

static void
refresh_activated (GtkWidget *widget,
                   const char *action_name,
                   GVariant *parameter)
{
  start_call (INJ_DELEGATIONS_PAGE (widget), CALL_LIST, NULL);
}

static void
details_activated (GtkWidget *widget,
                   const char *action_name,
                   GVariant *parameter)
{
  start_call (INJ_DELEGATIONS_PAGE (widget), CALL_DETAILS, g_variant_get_string (parameter, NULL));
}

/* A draft of this computer, continued in the editor. */
static void
open_draft_activated (GtkWidget *widget,
                      const char *action_name,
                      GVariant *parameter)
{
  InjDelegationsPage *self = INJ_DELEGATIONS_PAGE (widget);
  InjListEntry *e = g_hash_table_lookup (self->entries, g_variant_get_string (parameter, NULL));

  if (e == NULL || g_strcmp0 (e->state, "draft") != 0)
    return;
  if (e->content == NULL)
    {
      show_error (self, _("This draft cannot be read. It stays where it is; nothing was changed."));
      return;
    }
  show_error (self, NULL);
  g_signal_emit (self, signals[SIGNAL_CONTINUE_DRAFT], 0, e->content);
  gtk_widget_activate_action (widget, "win.show-page", "s", "editor");
}

static void
cancel_activated (GtkWidget *widget,
                  const char *action_name,
                  GVariant *parameter)
{
  inj_job_cancel (INJ_DELEGATIONS_PAGE (widget)->job);
}

/* The renewal gets a new ID, names the old one (Supersedes) and starts
 * today; the representative completes it in the editor. */
static void
renew_activated (GtkWidget *widget,
                 const char *action_name,
                 GVariant *parameter)
{
  InjDelegationsPage *self = INJ_DELEGATIONS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(InjServiceProfile) profile = inj_service_profile_load_default (&error);
  g_autoptr(GDateTime) now = inj_date_now ();
  g_autoptr(InjDelegation) renewal = NULL;

  if (self->details == NULL)
    return;
  if (profile == NULL)
    {
      show_error (self, error->message);
      return;
    }
  renewal = inj_delegation_renew (self->details, profile, now);
  inj_delegation_set_input (renewal, INJ_FIELD_PERIOD_START, "today", now);
  g_signal_emit (self, signals[SIGNAL_RENEW], 0, renewal);
  gtk_widget_activate_action (widget, "win.show-page", "s", "editor");
}

static void
privacy_lock (InjDelegationsPage *self)
{
  if (self->uses_card)
    inj_job_stop (self->job);
  _inj_delegations_drop_details (self);
  g_hash_table_remove_all (self->fetched);
  _inj_delegations_rebuild_list (self);
}

/* ------------------------------------------------------------- object */

static void
inj_delegations_page_constructed (GObject *object)
{
  InjDelegationsPage *self = INJ_DELEGATIONS_PAGE (object);

  G_OBJECT_CLASS (inj_delegations_page_parent_class)->constructed (object);
  g_signal_connect_object (self->session, "notify::reveal",
                           G_CALLBACK (_inj_delegations_render_details), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::reveal",
                           G_CALLBACK (_inj_delegations_rebuild_list), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "privacy-lock",
                           G_CALLBACK (privacy_lock), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (_inj_delegations_rebuild_list), NULL);
  show_busy (self);
  _inj_delegations_render_details (self);
  _inj_delegations_rebuild_list (self);
}

static void
inj_delegations_page_dispose (GObject *object)
{
  InjDelegationsPage *self = INJ_DELEGATIONS_PAGE (object);

  self->disposed = TRUE;
  inj_job_stop (self->job);
  if (self->terminate_dialog)
    {
      AdwMessageDialog *dialog = self->terminate_dialog;
      g_clear_weak_pointer (&self->terminate_dialog);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  _inj_delegations_drop_details (self);
  if (self->session)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), INJ_TYPE_DELEGATIONS_PAGE);
  G_OBJECT_CLASS (inj_delegations_page_parent_class)->dispose (object);
}

static void
inj_delegations_page_finalize (GObject *object)
{
  InjDelegationsPage *self = INJ_DELEGATIONS_PAGE (object);

  g_clear_object (&self->job);
  g_clear_pointer (&self->service_items, json_array_unref);
  g_clear_pointer (&self->states, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->fetched, g_hash_table_unref);
  g_clear_pointer (&self->ended, g_hash_table_unref);
  g_free (self->recipient_pending);
  g_clear_pointer (&self->profile, inj_service_profile_free);
  g_free (self->validity);
  G_OBJECT_CLASS (inj_delegations_page_parent_class)->finalize (object);
}

static void
inj_delegations_page_get_property (GObject *object,
                                   guint prop_id,
                                   GValue *value,
                                   GParamSpec *pspec)
{
  InjDelegationsPage *self = INJ_DELEGATIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, inj_job_get_busy (self->job));
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
inj_delegations_page_set_property (GObject *object,
                                   guint prop_id,
                                   const GValue *value,
                                   GParamSpec *pspec)
{
  InjDelegationsPage *self = INJ_DELEGATIONS_PAGE (object);

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
inj_delegations_page_class_init (InjDelegationsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = inj_delegations_page_constructed;
  object_class->dispose = inj_delegations_page_dispose;
  object_class->finalize = inj_delegations_page_finalize;
  object_class->get_property = inj_delegations_page_get_property;
  object_class->set_property = inj_delegations_page_set_property;

  /* The session: settings, card monitor, the PIN dialog, trust, reveal. */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, INJ_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* For the sidebar's badges: how many delegations wait to be sent, and
   * how many active ones end within INJ_DELEGATION_EXPIRING_DAYS days. */
  properties[PROP_N_PENDING] =
    g_param_spec_uint ("n-pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_EXPIRING] =
    g_param_spec_uint ("n-expiring", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A renewal of the delegation shown (a new ID, Supersedes its ID, the
   * period starting today), for the editor; then "win.show-page" "editor"
   * is activated. */
  signals[SIGNAL_RENEW] = g_signal_new ("renew", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, INJ_TYPE_DELEGATION);
  /* A draft of this computer to continue in the editor; then
   * "win.show-page" "editor" is activated. */
  signals[SIGNAL_CONTINUE_DRAFT] = g_signal_new ("continue-draft", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                 G_TYPE_NONE, 1, INJ_TYPE_DELEGATION);

  _inj_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ininjo/Ininjo/ui/inj-delegations-page.ui");
  gtk_widget_class_bind_template_child (widget_class, InjDelegationsPage, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, InjDelegationsPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, InjDelegationsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, InjDelegationsPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, InjDelegationsPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, InjDelegationsPage, list);
  gtk_widget_class_bind_template_child (widget_class, InjDelegationsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, InjDelegationsPage, details_box);
  gtk_widget_class_bind_template_child (widget_class, InjDelegationsPage, details_title);
  gtk_widget_class_bind_template_child (widget_class, InjDelegationsPage, details_state);
  gtk_widget_class_bind_template_child (widget_class, InjDelegationsPage, details_grid);
  gtk_widget_class_bind_template_child (widget_class, InjDelegationsPage, details_note);
  gtk_widget_class_bind_template_child (widget_class, InjDelegationsPage, printout_button);
  gtk_widget_class_bind_template_child (widget_class, InjDelegationsPage, validity_entry);
  gtk_widget_class_bind_template_child (widget_class, InjDelegationsPage, validity_result);
  gtk_widget_class_bind_template_child (widget_class, InjDelegationsPage, validity_row);
  gtk_widget_class_bind_template_child (widget_class, InjDelegationsPage, validity_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "delegations.refresh", NULL, refresh_activated);
  gtk_widget_class_install_action (widget_class, "delegations.details", "s", details_activated);
  gtk_widget_class_install_action (widget_class, "delegations.check-validity", NULL,
                                   _inj_delegations_validity_activated);
  gtk_widget_class_install_action (widget_class, "delegations.check-validity-of", "s",
                                   _inj_delegations_validity_of_activated);
  gtk_widget_class_install_action (widget_class, "delegations.open-draft", "s",
                                   open_draft_activated);
  gtk_widget_class_install_action (widget_class, "delegations.renew", NULL, renew_activated);
  gtk_widget_class_install_action (widget_class, "delegations.terminate", NULL,
                                   _inj_delegations_terminate_activated);
  gtk_widget_class_install_action (widget_class, "delegations.cancel", NULL, cancel_activated);
  gtk_widget_class_install_action (widget_class, "delegations.print", NULL,
                                   _inj_delegations_print_activated);
  gtk_widget_class_install_action (widget_class, "delegations.save-pdf", NULL,
                                   _inj_delegations_save_pdf_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "delegations.print", NULL);
}

static void
inj_delegations_page_init (InjDelegationsPage *self)
{
  g_type_ensure (ADW_TYPE_CLAMP);
  gtk_widget_init_template (GTK_WIDGET (self));
  inj_ui_set_accessible_label (self->refresh_button, _("Refresh"));
  inj_ui_set_accessible_label (self->printout_button,
                               gtk_widget_get_tooltip_text (self->printout_button));
  self->printout_label = inj_printout_ui_menu_notice (GTK_MENU_BUTTON (self->printout_button));
  self->job = inj_job_new ();
  g_object_bind_property (self->job, "busy", self->spinner, "spinning", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->job, "busy", self->cancel_button, "visible",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->job, "notify::busy", G_CALLBACK (show_busy), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->job, "notify::problem", G_CALLBACK (show_problem), self,
                           G_CONNECT_SWAPPED);
  self->states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->ids = g_ptr_array_new_with_free_func (g_free);
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) _inj_list_entry_free);
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->fetched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->ended = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  /* drafts are read with it; without one there is nothing to continue */
  self->profile = inj_service_profile_load_default (NULL);
}

GtkWidget *
inj_delegations_page_new (InjSession *session)
{
  g_return_val_if_fail (INJ_IS_SESSION (session), NULL);
  return g_object_new (INJ_TYPE_DELEGATIONS_PAGE, "session", session, NULL);
}

gboolean
inj_delegations_page_get_busy (InjDelegationsPage *self)
{
  g_return_val_if_fail (INJ_IS_DELEGATIONS_PAGE (self), FALSE);
  return inj_job_get_busy (self->job);
}

const char *
inj_delegations_page_get_error (InjDelegationsPage *self)
{
  g_return_val_if_fail (INJ_IS_DELEGATIONS_PAGE (self), NULL);
  return gtk_label_get_text (self->error_label);
}

GStrv
inj_delegations_page_dup_ids (InjDelegationsPage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (INJ_IS_DELEGATIONS_PAGE (self), NULL);
  for (guint i = 0; i < self->ids->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->ids, i));
  return g_strv_builder_end (builder);
}

const char *
inj_delegations_page_get_state (InjDelegationsPage *self,
                                const char *delegation_id)
{
  g_return_val_if_fail (INJ_IS_DELEGATIONS_PAGE (self), NULL);
  return g_hash_table_lookup (self->states, delegation_id);
}

const char *
inj_delegations_page_get_details_id (InjDelegationsPage *self)
{
  g_return_val_if_fail (INJ_IS_DELEGATIONS_PAGE (self), NULL);
  return self->details_id;
}

char *
inj_delegations_page_dup_details_text (InjDelegationsPage *self)
{
  GString *text = g_string_new (NULL);
  GtkListBoxRow *row;

  g_return_val_if_fail (INJ_IS_DELEGATIONS_PAGE (self), NULL);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->details_grid, i)); i++)
    g_string_append_printf (text, "%s\n%s\n",
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                            _inj_delegations_row_value (GTK_WIDGET (row)));
  return g_string_free (text, FALSE);
}

int
inj_delegations_page_get_pill (InjDelegationsPage *self,
                               const char *delegation_id)
{
  g_autoptr(GDateTime) now = inj_date_now ();
  InjListEntry *e;

  g_return_val_if_fail (INJ_IS_DELEGATIONS_PAGE (self), -1);
  e = g_hash_table_lookup (self->entries, delegation_id);
  return e ? (int) _inj_list_entry_pill (e, now) : -1;
}

GtkWidget *
inj_delegations_page_get_row (InjDelegationsPage *self,
                              const char *delegation_id)
{
  g_return_val_if_fail (INJ_IS_DELEGATIONS_PAGE (self), NULL);
  return g_hash_table_lookup (self->rows, delegation_id);
}

GtkWidget *
inj_delegations_page_get_empty_page (InjDelegationsPage *self)
{
  g_return_val_if_fail (INJ_IS_DELEGATIONS_PAGE (self), NULL);
  return self->empty_page;
}

guint
inj_delegations_page_get_n_pending (InjDelegationsPage *self)
{
  g_return_val_if_fail (INJ_IS_DELEGATIONS_PAGE (self), 0);
  return self->n_pending;
}

guint
inj_delegations_page_get_n_expiring (InjDelegationsPage *self)
{
  g_return_val_if_fail (INJ_IS_DELEGATIONS_PAGE (self), 0);
  return self->n_expiring;
}

AdwMessageDialog *
inj_delegations_page_get_terminate_dialog (InjDelegationsPage *self)
{
  g_return_val_if_fail (INJ_IS_DELEGATIONS_PAGE (self), NULL);
  return self->terminate_dialog;
}
