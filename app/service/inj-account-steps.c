/* inj-account-steps.c */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-account-steps.h"

char *
inj_termination_digest (JsonObject *stored,
                        GError **error)
{
  const char *b64 = stored ? json_object_get_string_member_with_default (stored, "delegation",
                                                                         NULL)
                           : NULL;
  g_autoptr(GBytes) signed_delegation = NULL;
  guchar *bytes;
  gsize size = 0;

  if (b64 == NULL || *b64 == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The service did not send the signed delegation."));
      return NULL;
    }
  bytes = g_base64_decode (b64, &size);
  signed_delegation = g_bytes_new_take (bytes, size);
  return inj_statement_sha256_hex (signed_delegation);
}

GBytes *
inj_statement_sign_checked (InjStatement *st,
                            InjCardSigner *signer,
                            InjTrustStore *trust,
                            GError **error)
{
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(InjVerification) v = NULL;
  g_autoptr(GDateTime) now = inj_date_now ();
  g_autofree char *report = NULL;

  xml = inj_statement_sign (st, inj_card_signer_sign, signer, error);
  if (xml == NULL)
    return NULL;
  v = inj_verify_statement (xml, inj_statement_get_kind (st), trust, now, NULL, error);
  if (v == NULL)
    return NULL;
  if (inj_verification_is_valid (v))
    return g_steal_pointer (&xml);
  report = inj_verification_render (v);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s\n%s",
               _("The signed statement did not pass verification; nothing was sent."), report);
  return NULL;
}

InjAccountCopy *
inj_account_copy_from_service (InjAccount *account)
{
  InjAccountCopy *copy = inj_account_copy_new ();

  copy->account_id = g_strdup (account->id);
  copy->kind = g_strdup (account->kind);
  copy->state = g_strdup (account->state);
  copy->version = account->version;
  copy->statement = account->info ? g_bytes_ref (account->info) : NULL;
  for (guint i = 0; i < account->bindings->len; i++)
    {
      InjAccountBinding *b = g_ptr_array_index (account->bindings, i);
      g_ptr_array_add (copy->bindings,
                       inj_stored_binding_new (b->fingerprint, b->bound_at, b->current));
    }
  return copy;
}

static const char *
member (JsonObject *o,
        const char *name)
{
  return o ? json_object_get_string_member_with_default (o, name, NULL) : NULL;
}

JsonObject *
inj_validity_checked (InjServiceClient *client,
                      const char *delegation_id,
                      GCancellable *cancellable,
                      GError **error)
{
  g_autoptr(JsonObject) v = inj_service_client_validity (client, delegation_id, cancellable,
                                                         error);
  g_autoptr(JsonObject) signed_answer = NULL;
  g_autoptr(GError) local = NULL;
  JsonNode *record;

  if (v == NULL)
    return NULL;
  record = json_object_get_member (v, "record");
  signed_answer = record && JSON_NODE_HOLDS_OBJECT (record)
                    ? inj_service_client_verify_record (client, json_node_get_object (record),
                                                        &local)
                    : NULL;
  if (signed_answer == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           local ? local->message
                                 : _("The service's answer carries no signed record."));
      return NULL;
    }
  if (g_strcmp0 (member (signed_answer, "delegationId"), delegation_id) != 0
      || g_strcmp0 (member (signed_answer, "status"), member (v, "status")) != 0
      || g_strcmp0 (member (signed_answer, "endedAt"), member (v, "endedAt")) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The service's signed record says something else than its "
                             "answer. Do not rely on this answer; tell the service's "
                             "operator."));
      return NULL;
    }
  return g_steal_pointer (&v);
}
