/* inj-agent-page.c
 *
 * One piece of work at a time (reading the certificate, opening a
 * delegation, signing, saving), each in a worker thread that owns its
 * data; the card's own lock keeps card operations in order. The card's
 * work is the desk's (inj-agent-desk.c), the files' in
 * inj-agent-page-files.c. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-agent-common.h"
#include "inj-agent-desk.h"
#include "inj-agent-page-private.h"
#include "inj-card-page.h"
#include "inj-job-status.h"
#include "inj-ui-private.h"
#include "inj-wrap.h"

G_DEFINE_FINAL_TYPE (InjAgentPage, inj_agent_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_BUSY,
  PROP_REVEAL,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];
/* ------------------------------------------------------------ view */

static gboolean
reveal (InjAgentPage *self)
{
  return inj_session_get_reveal (self->session);
}

static void
cert_rows (InjAgentPage *self,
           AdwActionRow *rows[INJ_AGENT_N_ROWS])
{
  rows[INJ_AGENT_ROW_NAME] = self->cert_name_row;
  rows[INJ_AGENT_ROW_ADDRESS] = self->cert_address_row;
  rows[INJ_AGENT_ROW_BIRTH] = self->cert_birth_row;
  rows[INJ_AGENT_ROW_VALIDITY] = self->cert_validity_row;
  rows[INJ_AGENT_ROW_ISSUER] = self->cert_issuer_row;
}

static void
set_row (AdwActionRow *row,
         const char *text)
{
  adw_action_row_set_subtitle (row, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (row), text != NULL);
}

static void
show_certificate (InjAgentPage *self)
{
  InjCertificate *cert = self->certificate;
  AdwActionRow *rows[INJ_AGENT_N_ROWS];

  cert_rows (self, rows);
  inj_agent_desk_show_certificate (rows, cert, reveal (self), TRUE);
  set_row (self->cert_chain_row, cert ? self->chain_text : NULL);
  if (cert)
    gtk_expander_set_expanded (self->cert_expander, TRUE);
  if (cert && self->chain != INJ_CHAIN_TRUSTED)
    gtk_widget_add_css_class (GTK_WIDGET (self->cert_chain_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->cert_chain_row), "error");
}

static void
append_field (GString *out,
              InjDelegation *delegation,
              InjField field,
              gboolean shown)
{
  g_autofree char *value = inj_render_value (delegation, field, shown);

  if (value == NULL)
    return;
  if (out->len > 0)
    g_string_append_c (out, '\n');
  /* TRANSLATORS: an item of a delegation: its label, its value */
  g_string_append_printf (out, _("%s: %s"), inj_field_label (field), value);
}

/* What the agent signs for, before signing: the principal, the authority
 * and the period, from a delegation file; a request code shows none. */
static void
show_content (InjAgentPage *self)
{
  InjDelegation *d = self->delegation;
  gboolean shown = reveal (self);

  gtk_widget_set_visible (self->content_group, self->code == NULL && d != NULL);
  gtk_widget_set_visible (self->code_only_label, self->code != NULL);
  if (self->code == NULL && d != NULL)
    {
      g_autofree char *principal = inj_render_delegation_principal (d, shown);
      g_autofree char *scope = inj_render_value (d, INJ_FIELD_AUTHORITY_SCOPE, shown);
      g_autofree char *restrictions = inj_render_value (d, INJ_FIELD_AUTHORITY_RESTRICTIONS,
                                                        shown);
      g_autofree char *start = inj_render_value (d, INJ_FIELD_PERIOD_START, shown);
      g_autofree char *end = inj_render_value (d, INJ_FIELD_PERIOD_END, shown);
      g_autofree char *subdelegation = inj_render_value (d, INJ_FIELD_SUBDELEGATION, shown);
      g_autofree char *authority = NULL;
      g_autofree char *period = NULL;

      if (restrictions && *restrictions)
        /* TRANSLATORS: the scope of authority, then its restrictions */
        authority = g_strdup_printf (_("%s\n(Restrictions: %s)"), scope ? scope : "",
                                     restrictions);
      else
        authority = g_strdup (scope ? scope : "");
      /* whether the agent may delegate further, when the delegation says */
      if (subdelegation)
        {
          g_autofree char *line = g_strdup_printf (_("%s: %s"),
                                                   inj_field_label (INJ_FIELD_SUBDELEGATION),
                                                   subdelegation);
          char *with = g_strconcat (authority, "\n", line, NULL);

          g_free (authority);
          authority = with;
        }
      /* TRANSLATORS: a period, from … to … */
      period = g_strdup_printf (_("%s to %s"), start ? start : "", end ? end : "");
      adw_action_row_set_subtitle (self->principal_row, principal);
      adw_action_row_set_subtitle (self->scope_row, authority);
      adw_action_row_set_subtitle (self->period_row, period);
    }
}

/* Whose delegation it is: personal data masked unless revealed. */
void
_inj_agent_page_show_target (InjAgentPage *self)
{
  g_clear_pointer (&self->target, g_free);
  show_content (self);
  if (self->code)
    self->target = g_strdup_printf (_("The request code %s"), self->code);
  else if (self->delegation)
    {
      GString *out = g_string_new (NULL);
      gboolean corporation =
        inj_delegation_get_principal_kind (self->delegation) == INJ_PRINCIPAL_KIND_CORPORATION;

      append_field (out, self->delegation, INJ_FIELD_DELEGATION_ID, reveal (self));
      append_field (out, self->delegation,
                    corporation ? INJ_FIELD_CORPORATE_NAME : INJ_FIELD_TRADE_NAME, reveal (self));
      append_field (out, self->delegation,
                    corporation ? INJ_FIELD_REPRESENTATIVE_NAME : INJ_FIELD_PROPRIETOR_NAME,
                    reveal (self));
      append_field (out, self->delegation, INJ_FIELD_AGENT_NAME, reveal (self));
      self->target = g_string_free (out, FALSE);
    }
  set_row (self->target_row, self->target);
}

void
_inj_agent_page_show_done (InjAgentPage *self,
                           const char *text)
{
  gtk_label_set_text (self->done_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->done_label), text != NULL);
  /* once saved: where the file is, and where it goes */
  gtk_widget_set_visible (self->saved_box, text != NULL && self->saved_path != NULL);
  _inj_agent_page_update_actions (self);
}

gboolean
_inj_agent_page_busy (InjAgentPage *self)
{
  return inj_job_status_get_busy (self->status);
}

void
_inj_agent_page_update_actions (InjAgentPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean idle = !_inj_agent_page_busy (self);
  gboolean card = inj_agent_desk_can_sign (self->desk);

  gtk_widget_action_set_enabled (widget, "agent-desk.read-certificate", idle && card);
  gtk_widget_action_set_enabled (widget, "agent-desk.open-delegation", idle);
  gtk_widget_action_set_enabled (widget, "agent-desk.sign",
                                 idle && card && (self->code || self->delegation));
  gtk_widget_action_set_enabled (widget, "agent-desk.save", idle && self->submission);
  gtk_widget_action_set_enabled (widget, "agent-desk.open-folder", self->saved_path != NULL);
  gtk_widget_action_set_enabled (widget, "agent-desk.cancel", !idle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->desk), idle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->code_row), idle);
}

/* ------------------------------------------------------------ work */

/* A new target: what was signed for the old one is no longer offered. */
void
_inj_agent_page_clear_target (InjAgentPage *self)
{
  g_clear_pointer (&self->submission, g_bytes_unref);
  g_clear_pointer (&self->saved_path, g_free);
  gtk_label_set_text (self->done_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->done_label), FALSE);
  gtk_widget_set_visible (self->saved_box, FALSE);
  g_clear_pointer (&self->code, g_free);
  g_clear_object (&self->delegation);
  g_clear_pointer (&self->delegation_xml, g_bytes_unref);
  g_clear_pointer (&self->digest, g_bytes_unref);
  adw_action_row_set_subtitle (self->file_row, "");
}

/* Work starts: NULL when other work is under way. */
GCancellable *
_inj_agent_page_begin (InjAgentPage *self,
                       const char *doing)
{
  GCancellable *cancellable = inj_job_status_begin (self->status, doing);

  if (cancellable)
    {
      _inj_agent_page_update_actions (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
  return cancellable;
}

/* Work ended; FALSE when the page is gone. A failure is shown under
 * @failed. */
gboolean
_inj_agent_page_end (InjAgentPage *self,
                     const char *failed,
                     const GError *error)
{
  if (self->disposed)
    return FALSE;
  inj_job_status_end (self->status);
  if (error)
    inj_job_status_show_error (self->status, "agent", failed, error);
  _inj_agent_page_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  return error == NULL;
}

/* The trust store for card work, or NULL after saying why not. */
static InjTrustStore *
card_trust (InjAgentPage *self,
            const char *failed)
{
  g_autoptr(GError) error = NULL;
  InjTrustStore *trust;

  if (_inj_agent_page_busy (self))
    return NULL;
  if (inj_agent_desk_get_card (self->desk) == NULL)
    {
      inj_job_status_show_problem (self->status, failed,
                                   inj_card_state_description (INJ_CARD_STATE_NO_CARD));
      return NULL;
    }
  trust = inj_session_dup_trust_store (self->session, &error);
  if (trust == NULL)
    inj_job_status_show_problem (self->status, _("The trusted certificates cannot be read"),
                                 error->message);
  return trust;
}

static void
read_done (GObject *source,
           GAsyncResult *result,
           gpointer user_data)
{
  g_autoptr(InjAgentPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *chain_text = NULL;
  InjChainStatus chain = INJ_CHAIN_UNKNOWN_ISSUER;
  g_autoptr(InjCertificate) cert =
    inj_agent_desk_read_certificate_finish (INJ_AGENT_DESK (source), result, &chain, &chain_text,
                                            &error);

  if (!_inj_agent_page_end (self, _("Your certificate could not be read"), error))
    return;
  g_set_object (&self->certificate, cert);
  self->chain = chain;
  g_free (self->chain_text);
  self->chain_text = g_steal_pointer (&chain_text);
  show_certificate (self);
}

static void
read_certificate_activated (GtkWidget *widget,
                            const char *action_name,
                            GVariant *parameter)
{
  InjAgentPage *self = INJ_AGENT_PAGE (widget);
  g_autoptr(InjTrustStore) trust = card_trust (self, _("Your certificate could not be read"));
  GCancellable *cancellable;

  if (trust == NULL)
    return;
  cancellable = _inj_agent_page_begin (self, _("Reading your signing certificate: type your "
                                               "signing password when it is asked."));
  if (cancellable == NULL)
    return;
  inj_agent_desk_read_certificate_async (self->desk, trust, cancellable, read_done,
                                         g_object_ref (self));
}

static void
sign_done (GObject *source,
           GAsyncResult *result,
           gpointer user_data)
{
  g_autoptr(InjAgentPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(InjVerification) verification = NULL;
  g_autoptr(GBytes) xml = inj_agent_desk_sign_finish (INJ_AGENT_DESK (source), result,
                                                      &verification, NULL, &error);
  g_autofree char *failures = NULL;

  if (!_inj_agent_page_end (self, _("Your card did not sign"), error))
    return;
  if (!inj_verification_is_valid (verification))
    {
      failures = inj_agent_failures_text (verification);
      inj_job_status_show_problem (self->status,
                                   _("Your signature was made, but a representative would "
                                     "refuse it"), failures);
      return;
    }
  g_clear_pointer (&self->submission, g_bytes_unref);
  g_clear_pointer (&self->saved_path, g_free);
  g_free (self->submission_name);
  self->submission = g_steal_pointer (&xml);
  self->submission_name =
    g_strdup_printf ("agent-submission-%s.xml",
                     self->code ? self->code
                                : inj_delegation_get_text (self->delegation,
                                                           INJ_FIELD_DELEGATION_ID));
  _inj_agent_page_show_done (self, _("Signed. Now save the submission and send the file to the "
                                     "representative."));
  _inj_agent_page_update_actions (self);
}

static void
sign_activated (GtkWidget *widget,
                const char *action_name,
                GVariant *parameter)
{
  InjAgentPage *self = INJ_AGENT_PAGE (widget);
  InjAgentDeskTarget target = { self->code, self->delegation, self->delegation_xml,
                                self->digest, FALSE };
  g_autoptr(InjTrustStore) trust = NULL;
  GCancellable *cancellable;

  if (self->code == NULL && self->delegation == NULL)
    return;
  if ((trust = card_trust (self, _("Your card did not sign"))) == NULL)
    return;
  _inj_agent_page_show_done (self, NULL);
  cancellable = _inj_agent_page_begin (self, _("Your card signs the submission: type your "
                                               "signing password when it is asked."));
  if (cancellable == NULL)
    return;
  inj_agent_desk_sign_async (self->desk, &target, trust, cancellable, sign_done,
                             g_object_ref (self));
}

static void
cancel_activated (GtkWidget *widget,
                  const char *action_name,
                  GVariant *parameter)
{
  inj_job_status_cancel (INJ_AGENT_PAGE (widget)->status);
}

/* Accepts what a person types (any case, hyphens or not, full-width); says
 * why not otherwise. */
gboolean
inj_agent_page_set_request_code (InjAgentPage *self,
                                 const char *typed)
{
  g_autofree char *problem = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *code = NULL;

  g_return_val_if_fail (INJ_IS_AGENT_PAGE (self), FALSE);
  if (_inj_agent_page_busy (self))
    return FALSE;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->code_row)), typed) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->code_row), typed ? typed : "");
  problem = inj_agent_request_code_problem (typed);
  folded = typed ? g_utf8_normalize (typed, -1, G_NORMALIZE_NFKC) : NULL;
  code = problem ? NULL : inj_request_code_normalize (folded);
  if (code == NULL)
    {
      inj_job_status_show_problem (self->status, _("This is not a request code"),
                                   problem ? problem
                                           : _("A request code has 16 letters and digits."));
      gtk_widget_add_css_class (GTK_WIDGET (self->code_row), "error");
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->code_row), "error");
  inj_job_status_show_problem (self->status, NULL, NULL);
  if (g_strcmp0 (code, self->code) == 0)
    return TRUE;
  _inj_agent_page_clear_target (self);
  self->code = g_steal_pointer (&code);
  _inj_agent_page_show_target (self);
  _inj_agent_page_update_actions (self);
  return TRUE;
}

static void
code_applied (InjAgentPage *self)
{
  inj_agent_page_set_request_code (self, gtk_editable_get_text (GTK_EDITABLE (self->code_row)));
}

/* ------------------------------------------------------------ session */

static void
reveal_changed (InjAgentPage *self)
{
  show_certificate (self);
  _inj_agent_page_show_target (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEAL]);
}

/* The certificate read is forgotten, not only hidden; card work stops. */
static void
privacy_lock (InjAgentPage *self)
{
  inj_job_status_stop (self->status);
  g_clear_object (&self->certificate);
  g_clear_pointer (&self->chain_text, g_free);
  show_certificate (self);
  _inj_agent_page_show_target (self);
}

/* New work, or a new problem: the last success no longer stands. */
static void
old_news_gone (InjAgentPage *self)
{
  InjJob *job = inj_job_status_get_job (self->status);

  if (inj_job_get_busy (job) || inj_job_get_problem (job))
    _inj_agent_page_show_done (self, NULL);
}

static void
inj_agent_page_constructed (GObject *object)
{
  InjAgentPage *self = INJ_AGENT_PAGE (object);
  AdwActionRow *rows[INJ_AGENT_N_ROWS];

  G_OBJECT_CLASS (inj_agent_page_parent_class)->constructed (object);
  g_return_if_fail (self->session != NULL);

  cert_rows (self, rows);
  inj_agent_desk_title_rows (rows);
  inj_agent_desk_set_hint (self->desk, _("Insert your My Number card into the reader."));
  inj_agent_desk_set_session (self->desk, self->session);
  inj_job_status_set_cancel_action (self->status, "agent-desk.cancel");
  /* Japanese lines break between words (issue 15 §5) */
  inj_wrap_labels_in (GTK_WIDGET (self));
  g_signal_connect_object (inj_job_status_get_job (self->status), "notify::busy",
                           G_CALLBACK (old_news_gone), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (inj_job_status_get_job (self->status), "notify::problem",
                           G_CALLBACK (old_news_gone), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->desk, "notify::card",
                           G_CALLBACK (_inj_agent_page_update_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->code_row, "apply", G_CALLBACK (code_applied), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->code_row, "entry-activated", G_CALLBACK (code_applied), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::reveal", G_CALLBACK (reveal_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "privacy-lock", G_CALLBACK (privacy_lock), self,
                           G_CONNECT_SWAPPED);
  show_certificate (self);
  _inj_agent_page_show_target (self);
  _inj_agent_page_update_actions (self);
}

static void
inj_agent_page_dispose (GObject *object)
{
  InjAgentPage *self = INJ_AGENT_PAGE (object);

  self->disposed = TRUE;
  if (self->status)
    inj_job_status_stop (self->status);
  if (self->session)
    g_signal_handlers_disconnect_by_data (self->session, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), INJ_TYPE_AGENT_PAGE);
  g_clear_object (&self->session);
  g_clear_object (&self->certificate);
  G_OBJECT_CLASS (inj_agent_page_parent_class)->dispose (object);
}

static void
inj_agent_page_finalize (GObject *object)
{
  InjAgentPage *self = INJ_AGENT_PAGE (object);

  g_free (self->chain_text);
  g_free (self->code);
  g_clear_object (&self->delegation);
  g_clear_pointer (&self->delegation_xml, g_bytes_unref);
  g_clear_pointer (&self->digest, g_bytes_unref);
  g_free (self->target);
  g_clear_pointer (&self->submission, g_bytes_unref);
  g_free (self->submission_name);
  g_free (self->saved_path);
  G_OBJECT_CLASS (inj_agent_page_parent_class)->finalize (object);
}

static void
inj_agent_page_get_property (GObject *object,
                             guint prop_id,
                             GValue *value,
                             GParamSpec *pspec)
{
  InjAgentPage *self = INJ_AGENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->status && _inj_agent_page_busy (self));
      break;
    case PROP_REVEAL:
      g_value_set_boolean (value, self->session && inj_session_get_reveal (self->session));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inj_agent_page_set_property (GObject *object,
                             guint prop_id,
                             const GValue *value,
                             GParamSpec *pspec)
{
  InjAgentPage *self = INJ_AGENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_set_object (&self->session, g_value_get_object (value));
      break;
    case PROP_REVEAL:
      if (self->session)
        inj_session_set_reveal (self->session, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inj_agent_page_class_init (InjAgentPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = inj_agent_page_constructed;
  object_class->dispose = inj_agent_page_dispose;
  object_class->finalize = inj_agent_page_finalize;
  object_class->get_property = inj_agent_page_get_property;
  object_class->set_property = inj_agent_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, INJ_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether work is under way (the card, a file). */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The session's reveal, for the switch on the page. */
  properties[PROP_REVEAL] =
    g_param_spec_boolean ("reveal", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  _inj_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ininjo/Ininjo/ui/inj-agent-page.ui");
  gtk_widget_class_bind_template_child (widget_class, InjAgentPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, InjAgentPage, desk);
  gtk_widget_class_bind_template_child (widget_class, InjAgentPage, cert_name_row);
  gtk_widget_class_bind_template_child (widget_class, InjAgentPage, cert_address_row);
  gtk_widget_class_bind_template_child (widget_class, InjAgentPage, cert_birth_row);
  gtk_widget_class_bind_template_child (widget_class, InjAgentPage, cert_validity_row);
  gtk_widget_class_bind_template_child (widget_class, InjAgentPage, cert_issuer_row);
  gtk_widget_class_bind_template_child (widget_class, InjAgentPage, cert_chain_row);
  gtk_widget_class_bind_template_child (widget_class, InjAgentPage, code_row);
  gtk_widget_class_bind_template_child (widget_class, InjAgentPage, file_row);
  gtk_widget_class_bind_template_child (widget_class, InjAgentPage, target_row);
  gtk_widget_class_bind_template_child (widget_class, InjAgentPage, status);
  gtk_widget_class_bind_template_child (widget_class, InjAgentPage, done_label);
  gtk_widget_class_bind_template_child (widget_class, InjAgentPage, content_group);
  gtk_widget_class_bind_template_child (widget_class, InjAgentPage, principal_row);
  gtk_widget_class_bind_template_child (widget_class, InjAgentPage, scope_row);
  gtk_widget_class_bind_template_child (widget_class, InjAgentPage, period_row);
  gtk_widget_class_bind_template_child (widget_class, InjAgentPage, code_only_label);
  gtk_widget_class_bind_template_child (widget_class, InjAgentPage, saved_box);
  gtk_widget_class_bind_template_child (widget_class, InjAgentPage, cert_expander);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "agent-desk.read-certificate", NULL,
                                   read_certificate_activated);
  gtk_widget_class_install_action (widget_class, "agent-desk.open-delegation", NULL,
                                   _inj_agent_page_open_delegation_activated);
  gtk_widget_class_install_action (widget_class, "agent-desk.sign", NULL, sign_activated);
  gtk_widget_class_install_action (widget_class, "agent-desk.save", NULL,
                                   _inj_agent_page_save_activated);
  gtk_widget_class_install_action (widget_class, "agent-desk.cancel", NULL, cancel_activated);
  gtk_widget_class_install_action (widget_class, "agent-desk.open-folder", NULL,
                                   _inj_agent_page_open_folder_activated);
  gtk_widget_class_install_property_action (widget_class, "agent-desk.reveal", "reveal");
}

static void
inj_agent_page_init (InjAgentPage *self)
{
  g_type_ensure (INJ_TYPE_AGENT_DESK);
  g_type_ensure (INJ_TYPE_JOB_STATUS);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
inj_agent_page_new (InjSession *session)
{
  g_return_val_if_fail (INJ_IS_SESSION (session), NULL);
  return g_object_new (INJ_TYPE_AGENT_PAGE, "session", session, NULL);
}

gboolean
inj_agent_page_get_busy (InjAgentPage *self)
{
  g_return_val_if_fail (INJ_IS_AGENT_PAGE (self), FALSE);
  return _inj_agent_page_busy (self);
}

InjCardPicker *
inj_agent_page_get_card_picker (InjAgentPage *self)
{
  g_return_val_if_fail (INJ_IS_AGENT_PAGE (self), NULL);
  return inj_agent_desk_get_card_picker (self->desk);
}

/* The title and message of what went wrong, as shown; NULL when nothing. */
const char *
inj_agent_page_get_problem (InjAgentPage *self)
{
  g_return_val_if_fail (INJ_IS_AGENT_PAGE (self), NULL);
  return inj_job_status_get_problem (self->status);
}

/* The signing certificate read from the card; NULL before, and after the
 * privacy lock. */
InjCertificate *
inj_agent_page_get_certificate (InjAgentPage *self)
{
  g_return_val_if_fail (INJ_IS_AGENT_PAGE (self), NULL);
  return self->certificate;
}

/* The name, address or date of birth as shown (masked unless revealed);
 * "" without a certificate. */
const char *
inj_agent_page_get_certificate_field (InjAgentPage *self,
                                      InjJpkiField field)
{
  AdwActionRow *rows[INJ_AGENT_N_ROWS];

  g_return_val_if_fail (INJ_IS_AGENT_PAGE (self), NULL);
  cert_rows (self, rows);
  return inj_agent_desk_row_text (rows, field);
}

InjChainStatus
inj_agent_page_get_chain_status (InjAgentPage *self)
{
  g_return_val_if_fail (INJ_IS_AGENT_PAGE (self), INJ_CHAIN_UNKNOWN_ISSUER);
  return self->chain;
}

/* What the submission will name, as shown; NULL before a code or a file. */
const char *
inj_agent_page_get_target (InjAgentPage *self)
{
  g_return_val_if_fail (INJ_IS_AGENT_PAGE (self), NULL);
  return self->target;
}

/* The last submission signed and verified, or NULL. */
GBytes *
inj_agent_page_get_submission (InjAgentPage *self)
{
  g_return_val_if_fail (INJ_IS_AGENT_PAGE (self), NULL);
  return self->submission;
}

const char *
inj_agent_page_get_saved_path (InjAgentPage *self)
{
  g_return_val_if_fail (INJ_IS_AGENT_PAGE (self), NULL);
  return self->saved_path;
}

/* What the agent signs for as shown before signing: the principal, the
 * authority and the period (one a line) from a delegation file; with a
 * request code only, the sentence that says it cannot be seen; NULL with
 * neither. */
char *
inj_agent_page_dup_content (InjAgentPage *self)
{
  g_return_val_if_fail (INJ_IS_AGENT_PAGE (self), NULL);
  if (gtk_widget_get_visible (self->code_only_label))
    return g_strdup (gtk_label_get_text (GTK_LABEL (self->code_only_label)));
  if (!gtk_widget_get_visible (self->content_group))
    return NULL;
  return g_strjoin ("\n", adw_action_row_get_subtitle (self->principal_row),
                    adw_action_row_get_subtitle (self->scope_row),
                    adw_action_row_get_subtitle (self->period_row), NULL);
}

/* Once saved: the way the file travels and 「フォルダーを開く」. */
gboolean
inj_agent_page_get_folder_offered (InjAgentPage *self)
{
  g_return_val_if_fail (INJ_IS_AGENT_PAGE (self), FALSE);
  return gtk_widget_get_visible (self->saved_box) && self->saved_path != NULL;
}
