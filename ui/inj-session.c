/* inj-session.c */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-application.h"
#include "inj-session.h"

struct _InjSession {
  GObject parent_instance;

  InjCardMonitor *monitor;
  char *monitor_error;
  GSettings *settings;
  char *drafts_dir;
  GTlsInteraction *interaction;
  GCancellable *cancellable;

  InjDelegation *delegation;
  GBytes *delegation_xml;
  GBytes *delegation_digest;
  GBytes *submission;
  InjCertificate *agent;
  char *agent_reader;
  char *service_reader;
  GBytes *signed_delegation;
  char *package_dir;
  gboolean reveal;
};

G_DEFINE_FINAL_TYPE (InjSession, inj_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MONITOR,
  PROP_MONITOR_ERROR,
  PROP_SETTINGS,
  PROP_DRAFTS_DIR,
  PROP_DELEGATION,
  PROP_SUBMISSION,
  PROP_SIGNED_DELEGATION,
  PROP_PACKAGE_DIR,
  PROP_REVEAL,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_PRIVACY_LOCK,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static void
load_monitor_thread (GTask *task,
                     gpointer source,
                     gpointer task_data,
                     GCancellable *cancellable)
{
  const char *modules[] = { task_data, NULL };
  GError *error = NULL;
  InjCardMonitor *monitor = inj_card_monitor_new (modules[0] && *modules[0] ? modules : NULL,
                                                  &error);

  if (monitor)
    g_task_return_pointer (task, monitor, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
load_monitor_cb (GObject *source,
                 GAsyncResult *result,
                 gpointer user_data)
{
  InjSession *self = INJ_SESSION (source);
  g_autoptr(GError) error = NULL;
  InjCardMonitor *monitor = g_task_propagate_pointer (G_TASK (result), &error);

  if (monitor == NULL)
    {
      g_free (self->monitor_error);
      self->monitor_error = g_strdup (error->message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MONITOR_ERROR]);
      return;
    }
  self->monitor = monitor;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MONITOR]);
}

/* Drafts and packages stay unencrypted without a Secret Service only when
 * the user agreed (inj-vault.h). */
static void
allow_unencrypted_changed (InjSession *self)
{
  inj_vault_set_allow_unencrypted (g_settings_get_boolean (self->settings,
                                                           "allow-unencrypted-local-data"));
}

static void
inj_session_constructed (GObject *object)
{
  InjSession *self = INJ_SESSION (object);

  G_OBJECT_CLASS (inj_session_parent_class)->constructed (object);
  if (self->settings == NULL)
    self->settings = g_settings_new (INJ_APPLICATION_ID);
  if (self->drafts_dir == NULL)
    self->drafts_dir = g_build_filename (g_get_user_data_dir (), "ininjo", "drafts", NULL);
  g_settings_bind (self->settings, "reveal-personal-data", self, "reveal", G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->settings, "changed::allow-unencrypted-local-data",
                           G_CALLBACK (allow_unencrypted_changed), self, G_CONNECT_SWAPPED);
  allow_unencrypted_changed (self);
  if (self->monitor == NULL)
    {
      g_autoptr(GTask) task = g_task_new (self, NULL, load_monitor_cb, NULL);
      g_task_set_task_data (task, g_settings_get_string (self->settings, "pkcs11-module"), g_free);
      g_task_run_in_thread (task, load_monitor_thread);
    }
}

static void
inj_session_dispose (GObject *object)
{
  InjSession *self = INJ_SESSION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->interaction);
  G_OBJECT_CLASS (inj_session_parent_class)->dispose (object);
}

static void
inj_session_finalize (GObject *object)
{
  InjSession *self = INJ_SESSION (object);

  g_clear_object (&self->monitor);
  g_free (self->monitor_error);
  g_clear_object (&self->settings);
  g_free (self->drafts_dir);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->delegation);
  g_clear_pointer (&self->delegation_xml, g_bytes_unref);
  g_clear_pointer (&self->delegation_digest, g_bytes_unref);
  g_clear_pointer (&self->submission, g_bytes_unref);
  g_clear_object (&self->agent);
  g_clear_pointer (&self->agent_reader, g_free);
  g_clear_pointer (&self->service_reader, g_free);
  g_clear_pointer (&self->signed_delegation, g_bytes_unref);
  g_free (self->package_dir);
  G_OBJECT_CLASS (inj_session_parent_class)->finalize (object);
}

static void
inj_session_set_property (GObject *object,
                          guint prop_id,
                          const GValue *value,
                          GParamSpec *pspec)
{
  InjSession *self = INJ_SESSION (object);

  switch (prop_id)
    {
    case PROP_MONITOR:
      g_set_object (&self->monitor, g_value_get_object (value));
      break;
    case PROP_SETTINGS:
      g_set_object (&self->settings, g_value_get_object (value));
      break;
    case PROP_DRAFTS_DIR:
      g_free (self->drafts_dir);
      self->drafts_dir = g_value_dup_string (value);
      break;
    case PROP_DELEGATION:
      inj_session_set_delegation (self, g_value_get_object (value));
      break;
    case PROP_PACKAGE_DIR:
      inj_session_set_package_dir (self, g_value_get_string (value));
      break;
    case PROP_REVEAL:
      inj_session_set_reveal (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inj_session_get_property (GObject *object,
                          guint prop_id,
                          GValue *value,
                          GParamSpec *pspec)
{
  InjSession *self = INJ_SESSION (object);

  switch (prop_id)
    {
    case PROP_MONITOR:
      g_value_set_object (value, self->monitor);
      break;
    case PROP_MONITOR_ERROR:
      g_value_set_string (value, self->monitor_error);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_DRAFTS_DIR:
      g_value_set_string (value, self->drafts_dir);
      break;
    case PROP_DELEGATION:
      g_value_set_object (value, self->delegation);
      break;
    case PROP_SUBMISSION:
      g_value_set_boxed (value, self->submission);
      break;
    case PROP_SIGNED_DELEGATION:
      g_value_set_boxed (value, self->signed_delegation);
      break;
    case PROP_PACKAGE_DIR:
      g_value_set_string (value, self->package_dir);
      break;
    case PROP_REVEAL:
      g_value_set_boolean (value, self->reveal);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inj_session_class_init (InjSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = inj_session_constructed;
  object_class->dispose = inj_session_dispose;
  object_class->finalize = inj_session_finalize;
  object_class->set_property = inj_session_set_property;
  object_class->get_property = inj_session_get_property;

  /* Written once: at construction, or when the loading thread is done. */
  properties[PROP_MONITOR] =
    g_param_spec_object ("monitor", NULL, NULL, INJ_TYPE_CARD_MONITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_MONITOR_ERROR] = g_param_spec_string ("monitor-error", NULL, NULL, NULL, ro);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS, construct);
  properties[PROP_DRAFTS_DIR] = g_param_spec_string ("drafts-dir", NULL, NULL, NULL, construct);
  properties[PROP_DELEGATION] =
    g_param_spec_object ("delegation", NULL, NULL, INJ_TYPE_DELEGATION, rw);
  properties[PROP_SUBMISSION] = g_param_spec_boxed ("submission", NULL, NULL, G_TYPE_BYTES, ro);
  properties[PROP_SIGNED_DELEGATION] =
    g_param_spec_boxed ("signed-delegation", NULL, NULL, G_TYPE_BYTES, ro);
  properties[PROP_PACKAGE_DIR] = g_param_spec_string ("package-dir", NULL, NULL, NULL, rw);
  properties[PROP_REVEAL] = g_param_spec_boolean ("reveal", NULL, NULL, FALSE, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_PRIVACY_LOCK] =
    g_signal_new ("privacy-lock", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
inj_session_init (InjSession *self)
{
  self->cancellable = g_cancellable_new ();
}

InjSession *
inj_session_new (InjCardMonitor *monitor,
                 GSettings *settings,
                 const char *drafts_dir)
{
  return g_object_new (INJ_TYPE_SESSION, "monitor", monitor, "settings", settings,
                       "drafts-dir", drafts_dir, NULL);
}

InjCardMonitor *
inj_session_get_monitor (InjSession *self)
{
  g_return_val_if_fail (INJ_IS_SESSION (self), NULL);
  return self->monitor;
}

const char *
inj_session_get_monitor_error (InjSession *self)
{
  g_return_val_if_fail (INJ_IS_SESSION (self), NULL);
  return self->monitor_error;
}

GSettings *
inj_session_get_settings (InjSession *self)
{
  g_return_val_if_fail (INJ_IS_SESSION (self), NULL);
  return self->settings;
}

const char *
inj_session_get_drafts_dir (InjSession *self)
{
  g_return_val_if_fail (INJ_IS_SESSION (self), NULL);
  return self->drafts_dir;
}

GTlsInteraction *
inj_session_get_interaction (InjSession *self)
{
  g_return_val_if_fail (INJ_IS_SESSION (self), NULL);
  return self->interaction;
}

void
inj_session_set_interaction (InjSession *self,
                             GTlsInteraction *interaction)
{
  g_return_if_fail (INJ_IS_SESSION (self));
  g_set_object (&self->interaction, interaction);
}

InjTrustStore *
inj_session_dup_trust_store (InjSession *self,
                             GError **error)
{
  return inj_session_dup_trust_store_for (self, INJ_JPKI_ROOT_SIGNING, error);
}

InjTrustStore *
inj_session_dup_trust_store_for (InjSession *self,
                                 InjJpkiRootKind kind,
                                 GError **error)
{
  g_autoptr(InjTrustStore) trust = kind == INJ_JPKI_ROOT_AUTHENTICATION
                                     ? inj_trust_store_new_jpki_authentication ()
                                     : inj_trust_store_new_jpki_signing ();
  g_auto(GStrv) extra = NULL;

  g_return_val_if_fail (INJ_IS_SESSION (self), NULL);
  extra = g_settings_get_strv (self->settings, "trust-anchors");
  for (guint i = 0; extra[i]; i++)
    if (!inj_trust_store_add_file (trust, extra[i], error))
      return NULL;
  return g_steal_pointer (&trust);
}

InjDelegation *
inj_session_get_delegation (InjSession *self)
{
  g_return_val_if_fail (INJ_IS_SESSION (self), NULL);
  return self->delegation;
}

GBytes *
inj_session_get_delegation_xml (InjSession *self)
{
  g_return_val_if_fail (INJ_IS_SESSION (self), NULL);
  return self->delegation_xml;
}

GBytes *
inj_session_get_delegation_digest (InjSession *self)
{
  g_return_val_if_fail (INJ_IS_SESSION (self), NULL);
  return self->delegation_digest;
}

static void
drop_signed (InjSession *self)
{
  if (self->package_dir)
    {
      g_clear_pointer (&self->package_dir, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PACKAGE_DIR]);
    }
  if (self->signed_delegation)
    {
      g_clear_pointer (&self->signed_delegation, g_bytes_unref);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNED_DELEGATION]);
    }
}

static void
drop_submission (InjSession *self)
{
  drop_signed (self);
  if (self->submission)
    {
      g_clear_pointer (&self->submission, g_bytes_unref);
      g_clear_object (&self->agent);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBMISSION]);
    }
}

/* A new delegation keeps the later steps only when its digest is the one
 * they were made for: an edit that changes nothing signed keeps them. */
void
inj_session_set_delegation (InjSession *self,
                            InjDelegation *delegation)
{
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GBytes) digest = NULL;

  g_autoptr(InjDelegation) copy = NULL;

  g_return_if_fail (INJ_IS_SESSION (self));
  if (delegation == NULL && self->delegation == NULL)
    return;
  if (delegation)
    {
      g_autoptr(GError) error = NULL;
      xml = inj_delegation_to_xml (delegation, &error);
      digest = xml ? inj_delegation_digest (xml, &error) : NULL;
      /* The session keeps its own copy, read back from the XML: the editor
       * goes on changing its object while threads sign this one. */
      copy = digest ? inj_delegation_from_xml (g_bytes_get_data (xml, NULL),
                                               g_bytes_get_size (xml), NULL, &error)
                    : NULL;
      if (copy == NULL)
        {
          g_warning ("a valid delegation could not be written: %s", error->message);
          g_clear_pointer (&xml, g_bytes_unref);
          g_clear_pointer (&digest, g_bytes_unref);
        }
    }
  if (digest && self->delegation_digest && g_bytes_equal (digest, self->delegation_digest))
    return;
  drop_submission (self);
  g_set_object (&self->delegation, copy);
  g_clear_pointer (&self->delegation_xml, g_bytes_unref);
  g_clear_pointer (&self->delegation_digest, g_bytes_unref);
  self->delegation_xml = g_steal_pointer (&xml);
  self->delegation_digest = g_steal_pointer (&digest);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELEGATION]);
}

GBytes *
inj_session_get_submission (InjSession *self)
{
  g_return_val_if_fail (INJ_IS_SESSION (self), NULL);
  return self->submission;
}

InjCertificate *
inj_session_get_agent_certificate (InjSession *self)
{
  g_return_val_if_fail (INJ_IS_SESSION (self), NULL);
  return self->agent;
}

void
inj_session_set_submission (InjSession *self,
                            GBytes *submission,
                            InjCertificate *agent)
{
  g_return_if_fail (INJ_IS_SESSION (self));
  g_return_if_fail ((submission == NULL) == (agent == NULL));

  drop_signed (self);
  g_clear_pointer (&self->submission, g_bytes_unref);
  g_clear_object (&self->agent);
  self->submission = submission ? g_bytes_ref (submission) : NULL;
  self->agent = agent ? g_object_ref (agent) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBMISSION]);
}

/* The reader whose card the agent signed with at this desk, NULL for a
 * submission from a file: set before inj_session_set_submission, so the
 * pages that follow the submission see it. The representative's card is
 * not preselected from it. */
const char *
inj_session_get_agent_reader (InjSession *self)
{
  g_return_val_if_fail (INJ_IS_SESSION (self), NULL);
  return self->agent_reader;
}

/* The reader whose card authenticates with the service, as chosen on the
 * upload page: every workflow with the service uses it. */
const char *
inj_session_get_service_reader (InjSession *self)
{
  g_return_val_if_fail (INJ_IS_SESSION (self), NULL);
  return self->service_reader;
}

void
inj_session_set_service_reader (InjSession *self,
                                const char *reader)
{
  g_return_if_fail (INJ_IS_SESSION (self));
  g_free (self->service_reader);
  self->service_reader = g_strdup (reader);
}

void
inj_session_set_agent_reader (InjSession *self,
                              const char *reader)
{
  g_return_if_fail (INJ_IS_SESSION (self));
  g_free (self->agent_reader);
  self->agent_reader = g_strdup (reader);
}

GBytes *
inj_session_get_signed_delegation (InjSession *self)
{
  g_return_val_if_fail (INJ_IS_SESSION (self), NULL);
  return self->signed_delegation;
}

void
inj_session_set_signed_delegation (InjSession *self,
                                   GBytes *signed_xml)
{
  g_return_if_fail (INJ_IS_SESSION (self));

  drop_signed (self);
  self->signed_delegation = signed_xml ? g_bytes_ref (signed_xml) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNED_DELEGATION]);
}

const char *
inj_session_get_package_dir (InjSession *self)
{
  g_return_val_if_fail (INJ_IS_SESSION (self), NULL);
  return self->package_dir;
}

void
inj_session_set_package_dir (InjSession *self,
                             const char *dir)
{
  g_return_if_fail (INJ_IS_SESSION (self));
  if (g_strcmp0 (dir, self->package_dir) == 0)
    return;
  g_free (self->package_dir);
  self->package_dir = g_strdup (dir);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PACKAGE_DIR]);
}

void
inj_session_reset (InjSession *self)
{
  g_return_if_fail (INJ_IS_SESSION (self));
  inj_session_set_delegation (self, NULL);
}

gboolean
inj_session_get_reveal (InjSession *self)
{
  g_return_val_if_fail (INJ_IS_SESSION (self), FALSE);
  return self->reveal;
}

void
inj_session_set_reveal (InjSession *self,
                        gboolean reveal)
{
  g_return_if_fail (INJ_IS_SESSION (self));
  reveal = !!reveal;
  if (reveal == self->reveal)
    return;
  self->reveal = reveal;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEAL]);
}

void
inj_session_privacy_lock (InjSession *self)
{
  g_return_if_fail (INJ_IS_SESSION (self));
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  inj_session_set_reveal (self, FALSE);
  g_signal_emit (self, signals[SIGNAL_PRIVACY_LOCK], 0);
}

GCancellable *
inj_session_get_cancellable (InjSession *self)
{
  g_return_val_if_fail (INJ_IS_SESSION (self), NULL);
  return self->cancellable;
}
