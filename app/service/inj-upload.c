/* inj-upload.c */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-audit.h"
#include "inj-net-key.h"
#include "inj-upload.h"

#define RECEIPT_POLLS 20

static void
tell (InjUploadProgress progress,
      gpointer user_data,
      const char *stage,
      double fraction)
{
  if (progress)
    progress (stage, fraction, user_data);
}

static const char *
str (JsonObject *o,
     const char *member)
{
  return o ? json_object_get_string_member_with_default (o, member, NULL) : NULL;
}

static void
replace (char **field,
         const char *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/* ------------------------------------------------------------- the card */

/* FALSE when PC/SC says the reader holds no card now: a long-lived
 * monitor's list (the GUI's) may be a moment old, and OpenSC answers for a
 * card just removed from what it knew. */
static gboolean
card_still_there (InjCard *card)
{
  g_autoptr(GPtrArray) readers = inj_pcsc_list_readers (NULL);

  if (readers == NULL)
    return TRUE; /* PKCS#11 will tell */
  for (guint i = 0; i < readers->len; i++)
    {
      InjReaderInfo *r = g_ptr_array_index (readers, i);
      if (g_strcmp0 (r->name, inj_card_get_reader (card)) == 0)
        return r->card_present;
    }
  return FALSE;
}

InjCard *
inj_upload_find_card (InjCardMonitor *monitor,
                      InjPinStatus **status,
                      GCancellable *cancellable,
                      GError **error)
{
  return inj_upload_find_card_in (monitor, NULL, status, cancellable, error);
}

InjCard *
inj_upload_find_card_in (InjCardMonitor *monitor,
                         const char *reader,
                         InjPinStatus **status,
                         GCancellable *cancellable,
                         GError **error)
{
  g_autoptr(InjCard) card = NULL;
  g_autoptr(InjPinStatus) st = NULL;

  g_return_val_if_fail (INJ_IS_CARD_MONITOR (monitor), NULL);

  /* never whichever comes first: two people's cards are two keys, also
   * when OpenSC shows only one of them */
  if (!inj_pcsc_check_one_card (reader, error))
    return NULL;
  /* net/ cannot see tokens: make sure there is a My Number card whose PIN
   * is not locked before anything asks for the PIN. */
  card = inj_card_monitor_get_card (monitor, reader);
  if (card && !card_still_there (card))
    g_clear_object (&card);
  if (card == NULL)
    {
      inj_pcsc_explain_missing_card (NULL, INJ_PIN_AUTH, error);
      return NULL;
    }
  st = inj_card_get_pin_status (card, INJ_PIN_AUTH, cancellable, error);
  if (st == NULL)
    return NULL;
  if (st->locked)
    {
      inj_pkcs11_set_error (error, CKR_PIN_LOCKED, INJ_PIN_AUTH, 0);
      return NULL;
    }
  if (status)
    *status = g_steal_pointer (&st);
  return g_steal_pointer (&card);
}

void
inj_upload_end_card (InjCard *card)
{
  g_autoptr(GError) error = NULL;

  if (card == NULL)
    return;
  if (!inj_pcsc_end_verification (inj_card_get_reader (card), &error))
    g_debug ("ending the card's verified state: %s", error->message);
}

/* ------------------------------------------------------------- the key */

/* The PIN of one workflow: asked once, through the person's interaction,
 * and given again only after the card accepted it (a retry after a lost
 * answer makes a new handshake, as with a pkcs11: URI whose PIN net/ held
 * for the call). A PIN the card refused is dropped at once: it is never
 * tried twice. Wiped when dropped.
 *
 * It answers in the signing thread, not in a main loop: its context is
 * its own, made the thread's default while the card signs, so
 * g_tls_interaction_invoke_ask_password() calls it in place; it then asks
 * the person's interaction from that thread as the card layer would (no
 * main loop runs nested in another). */
#define INJ_TYPE_HELD_PIN (inj_held_pin_get_type ())
G_DECLARE_FINAL_TYPE (InjHeldPin, inj_held_pin, INJ, HELD_PIN, GTlsInteraction)

struct _InjHeldPin {
  GTlsInteraction parent_instance;
  GMainContext *own;
  GTlsInteraction *inner;
  GMutex lock;
  InjSecret *pin;
  gboolean accepted;
};

G_DEFINE_FINAL_TYPE (InjHeldPin, inj_held_pin, G_TYPE_TLS_INTERACTION)

static GTlsInteractionResult
held_pin_ask (GTlsInteraction *interaction,
              GTlsPassword *password,
              GCancellable *cancellable,
              GError **error)
{
  InjHeldPin *self = INJ_HELD_PIN (interaction);
  GTlsInteractionResult result;
  const guchar *value;
  gsize length = 0;

  g_mutex_lock (&self->lock);
  if (self->pin && self->accepted)
    {
      const char *v = inj_secret_get (self->pin, &length);
      inj_tls_password_set_secret (password, v, (gssize) length);
      g_mutex_unlock (&self->lock);
      return G_TLS_INTERACTION_HANDLED;
    }
  g_clear_pointer (&self->pin, inj_secret_unref);
  g_mutex_unlock (&self->lock);
  if (self->inner == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("The card's authentication PIN is needed but there is no way to "
                             "ask for it."));
      return G_TLS_INTERACTION_FAILED;
    }
  g_main_context_pop_thread_default (self->own);
  result = g_tls_interaction_invoke_ask_password (self->inner, password, cancellable, error);
  g_main_context_push_thread_default (self->own);
  if (result == G_TLS_INTERACTION_HANDLED)
    {
      value = g_tls_password_get_value (password, &length);
      g_mutex_lock (&self->lock);
      g_clear_pointer (&self->pin, inj_secret_unref);
      self->pin = inj_secret_new ((const char *) value, (gssize) length);
      self->accepted = FALSE;
      g_mutex_unlock (&self->lock);
    }
  return result;
}

static InjHeldPin *
held_pin_new (GTlsInteraction *inner)
{
  GMainContext *own = g_main_context_new ();
  InjHeldPin *self;

  /* GTlsInteraction takes the thread-default context at construction */
  g_main_context_push_thread_default (own);
  self = g_object_new (INJ_TYPE_HELD_PIN, NULL);
  g_main_context_pop_thread_default (own);
  self->own = own;
  self->inner = inner ? g_object_ref (inner) : NULL;
  return self;
}

static void
held_pin_settle (InjHeldPin *self,
                 gboolean accepted)
{
  g_mutex_lock (&self->lock);
  if (accepted)
    self->accepted = self->pin != NULL;
  else
    g_clear_pointer (&self->pin, inj_secret_unref);
  g_mutex_unlock (&self->lock);
}

static void
inj_held_pin_finalize (GObject *object)
{
  InjHeldPin *self = INJ_HELD_PIN (object);

  g_clear_pointer (&self->pin, inj_secret_unref);
  g_clear_object (&self->inner);
  g_clear_pointer (&self->own, g_main_context_unref);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (inj_held_pin_parent_class)->finalize (object);
}

static void
inj_held_pin_class_init (InjHeldPinClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = inj_held_pin_finalize;
  G_TLS_INTERACTION_CLASS (klass)->ask_password = held_pin_ask;
}

static void
inj_held_pin_init (InjHeldPin *self)
{
  g_mutex_init (&self->lock);
}

typedef struct {
  InjCard *card;
  InjHeldPin *interaction;
  GCancellable *cancellable;
} CardKey;

static void
card_key_free (gpointer data)
{
  CardKey *k = data;

  g_clear_object (&k->card);
  g_clear_object (&k->interaction);
  g_clear_object (&k->cancellable);
  g_free (k);
}

/* In libcurl's thread, during a handshake: the card in the reader chosen
 * signs with its authentication key, its PIN asked through the workflow's
 * interaction. */
static GBytes *
card_key_sign (GBytes *sha256,
               gpointer user_data,
               GError **error)
{
  CardKey *k = user_data;
  GError *local = NULL;
  GBytes *signature;

  g_main_context_push_thread_default (k->interaction->own);
  signature = inj_card_sign_digest (k->card, INJ_PIN_AUTH, sha256,
                                    G_TLS_INTERACTION (k->interaction), k->cancellable, &local);
  g_main_context_pop_thread_default (k->interaction->own);

  /* kept only when the card took it; a wrong one is not tried again */
  held_pin_settle (k->interaction, signature != NULL);
  if (local)
    g_propagate_error (error, local);
  return signature;
}

char *
inj_upload_card_key (InjCard *card,
                     GTlsInteraction *interaction,
                     GCancellable *cancellable,
                     GError **error)
{
  g_autoptr(GBytes) cert = NULL;
  g_autoptr(GBytes) ca = NULL;
  CardKey *k;
  char *url;

  g_return_val_if_fail (INJ_IS_CARD (card), NULL);

  /* both readable without a PIN; the CA goes with the certificate, as
   * GnuTLS sends it from the token with a pkcs11: URI */
  cert = inj_card_read_certificate (card, INJ_CERT_AUTH, NULL, cancellable, error);
  if (cert == NULL)
    return NULL;
  ca = inj_card_read_certificate (card, INJ_CERT_AUTH_CA, NULL, cancellable, NULL);
  k = g_new0 (CardKey, 1);
  k->card = g_object_ref (card);
  k->interaction = held_pin_new (interaction);
  k->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  url = inj_net_key_register (cert, ca, card_key_sign, k, card_key_free, error);
  if (url == NULL)
    card_key_free (k);
  return url;
}

/* ------------------------------------------------------------- upload */

static char *
superseded_id (GBytes *delegation)
{
  g_autoptr(InjDelegation) d = inj_delegation_from_xml (g_bytes_get_data (delegation, NULL),
                                                        g_bytes_get_size (delegation), NULL, NULL);

  return d ? g_strdup (inj_delegation_get_text (d, INJ_FIELD_SUPERSEDES)) : NULL;
}

gboolean
inj_upload_error_not_sent (const GError *error)
{
  g_return_val_if_fail (error != NULL, FALSE);
  return error->domain == INJ_NET_ERROR || error->domain == G_IO_ERROR;
}

/* The signer of what was sent is the representative: the certificate
 * named in the audit log. An HTTP status goes with a refusal. */
static void
inj_upload_audit (const char *action,
                  GBytes *delegation,
                  const char *id,
                  const char *status,
                  const GError *error)
{
  g_autoptr(InjCertificate) signer = inj_audit_signer_of (delegation);
  g_autofree char *http = NULL;

  if (error && error->domain == INJ_NET_ERROR && inj_net_error_http_status (error) > 0)
    http = g_strdup_printf ("http-%u", inj_net_error_http_status (error));
  inj_audit_record (action, signer, id, http ? http : status, error);
}

gboolean
inj_upload_package (InjServiceClient *client,
                    InjPackage *p,
                    GCancellable *cancellable,
                    InjUploadProgress progress,
                    gpointer user_data,
                    GError **error)
{
  g_autoptr(GBytes) delegation = NULL;
  g_autoptr(GBytes) submission = NULL;
  g_autoptr(JsonObject) receipt = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *old_id = NULL;
  const char *key;

  g_return_val_if_fail (INJ_IS_SERVICE_CLIENT (client), FALSE);
  g_return_val_if_fail (p != NULL, FALSE);

  /* Saved before anything is sent: a retry after a crash or a lost answer
   * sends the same key, and the service registers once. */
  key = inj_package_ensure_key (p, error);
  delegation = key ? inj_package_read (p, "delegation.xml", error) : NULL;
  submission = delegation ? inj_package_read (p, "agent-submission.xml", error) : NULL;
  if (submission == NULL)
    return FALSE;

  tell (progress, user_data, _("Sending the delegation to the service"), 0.2);
  old_id = superseded_id (delegation);
  if (old_id)
    receipt = inj_service_client_renew (client, old_id, delegation, submission, key, cancellable,
                                        &local);
  else
    receipt = inj_service_client_register (client, delegation, submission, key, cancellable,
                                           &local);
  inj_upload_audit (old_id ? INJ_AUDIT_RENEWAL : INJ_AUDIT_UPLOAD, delegation, p->delegation_id,
                    receipt ? str (receipt, "status") : NULL, local);
  if (receipt == NULL)
    {
      /* It stays in the outbox; the reason stays with it (not for a
       * cancellation, which is no reason). */
      if (!g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autoptr(GError) save_error = NULL;
          replace (&p->reason, local->message);
          if (!inj_package_save (p, &save_error))
            g_debug ("the reason cannot be saved with the package: %s", save_error->message);
        }
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  replace (&p->receipt, str (receipt, "receipt"));
  replace (&p->state, str (receipt, "status") ? str (receipt, "status") : "received");
  replace (&p->reason, str (receipt, "reason"));
  if (!inj_package_move_to_sent (p, error))
    return FALSE;
  tell (progress, user_data, _("Received by the service"), 0.5);
  return TRUE;
}

/* ------------------------------------------------------------- receipts */

static void
save_record (InjPackage *p,
             JsonObject *record)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *path = g_build_filename (p->dir, "record.json", NULL);
  g_autofree char *text = NULL;

  json_node_set_object (node, record);
  json_generator_set_root (gen, node);
  text = json_generator_to_data (gen, NULL);
  g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL);
}

gboolean
inj_upload_check_receipt (InjServiceClient *client,
                          InjPackage *p,
                          gboolean *decided,
                          GCancellable *cancellable,
                          GError **error)
{
  g_autoptr(JsonObject) r = NULL;
  const char *status;

  g_return_val_if_fail (INJ_IS_SERVICE_CLIENT (client), FALSE);
  g_return_val_if_fail (p != NULL && p->receipt != NULL, FALSE);

  if (decided)
    *decided = FALSE;
  r = inj_service_client_get_receipt (client, p->receipt, cancellable, error);
  if (r == NULL)
    return FALSE;
  status = str (r, "status");
  if (g_strcmp0 (status, "received") == 0)
    return TRUE;
  replace (&p->state, status);
  replace (&p->reason, str (r, "reason"));
  if (json_object_has_member (r, "record"))
    save_record (p, json_object_get_object_member (r, "record"));
  inj_package_save (p, NULL);
  if (decided)
    *decided = TRUE;
  return TRUE;
}

/* FALSE when cancelled. */
static gboolean
wait_ms (guint ms,
         GCancellable *cancellable)
{
  GPollFD fd;

  if (g_cancellable_make_pollfd (cancellable, &fd))
    {
      g_poll (&fd, 1, (int) ms);
      g_cancellable_release_fd (cancellable);
    }
  else
    g_usleep (ms * 1000);
  return !g_cancellable_is_cancelled (cancellable);
}

gboolean
inj_upload_follow_receipt (InjServiceClient *client,
                           InjPackage *p,
                           GCancellable *cancellable,
                           InjUploadProgress progress,
                           gpointer user_data,
                           GError **error)
{
  g_return_val_if_fail (INJ_IS_SERVICE_CLIENT (client), FALSE);
  g_return_val_if_fail (p != NULL, FALSE);

  for (guint attempt = 0; attempt < RECEIPT_POLLS; attempt++)
    {
      gboolean decided = FALSE;

      tell (progress, user_data, _("Waiting for the service's decision"),
            0.5 + 0.45 * attempt / RECEIPT_POLLS);
      if (!inj_upload_check_receipt (client, p, &decided, cancellable, error))
        return FALSE;
      if (decided)
        {
          tell (progress, user_data, inj_upload_status_label (p->state), 1.0);
          return TRUE;
        }
      if (!wait_ms (250 * (attempt < 4 ? 1 : 4), cancellable))
        return !g_cancellable_set_error_if_cancelled (cancellable, error);
    }
  return TRUE;
}

GPtrArray *
inj_upload_list_sent (void)
{
  g_autofree char *dir = inj_sent_dir ();
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) inj_package_free);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      InjPackage *p = inj_package_load (path, NULL);
      if (p)
        g_ptr_array_add (out, p);
    }
  return out;
}

/* ------------------------------------------------------------- stored */

InjDelegation *
inj_upload_fetch_verified (InjServiceClient *client,
                           InjTrustStore *trust,
                           const char *id,
                           JsonObject **stored_out,
                           GCancellable *cancellable,
                           GError **error)
{
  g_autoptr(JsonObject) stored = NULL;
  g_autoptr(InjVerification) v = NULL;
  g_autoptr(GBytes) xml = NULL;
  InjDelegation *d = NULL;
  gsize len = 0;
  guchar *raw;

  g_return_val_if_fail (INJ_IS_SERVICE_CLIENT (client), NULL);
  g_return_val_if_fail (trust != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stored = inj_service_client_get (client, id, cancellable, error);
  if (stored == NULL)
    return NULL;
  raw = g_base64_decode (str (stored, "delegation") ? str (stored, "delegation") : "", &len);
  xml = g_bytes_new_take (raw, len);
  v = inj_verify_delegation (xml, trust, NULL, &d, error);
  if (v == NULL)
    return NULL;
  if (d == NULL)
    {
      g_autofree char *report = inj_verification_render (v);
      g_set_error (error, INJ_SIGNATURE_ERROR, INJ_SIGNATURE_ERROR_FAILED,
                   _("The delegation the service returned does not verify:\n%s"), report);
      return NULL;
    }
  if (stored_out)
    *stored_out = g_steal_pointer (&stored);
  return d;
}

/* ------------------------------------------------------------- labels */

const char *
inj_upload_status_label (const char *status)
{
  if (g_strcmp0 (status, "active") == 0)
    return _("active");
  if (g_strcmp0 (status, "retired") == 0)
    return _("retired (renewed)");
  if (g_strcmp0 (status, "expired") == 0)
    return _("expired");
  if (g_strcmp0 (status, "terminated") == 0)
    return _("ended (委任の終了)");
  if (g_strcmp0 (status, "unknown") == 0)
    return _("unknown to the service");
  if (g_strcmp0 (status, "ready") == 0)
    return _("waiting to be sent");
  if (g_strcmp0 (status, "received") == 0)
    return _("received, being checked");
  if (g_strcmp0 (status, "stored") == 0)
    return _("stored");
  if (g_strcmp0 (status, "rejected") == 0)
    return _("rejected");
  return status ? status : "?";
}

char *
inj_upload_display_day (const char *iso)
{
  g_autoptr(GDateTime) dt = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *stored = NULL;
  char *shown;

  if (dt == NULL)
    return g_strdup (iso ? iso : "-");
  local = inj_date_to_jst (dt);
  stored = inj_date_format_datetime (local);
  shown = inj_date_display (stored);
  return shown ? shown : g_strdup (iso);
}
