/* inj-holder.c */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-holder.h"

gboolean
inj_holder_same_certificate (GBytes *a,
                             GBytes *b)
{
  g_autoptr(InjCertificate) ca = NULL;
  g_autoptr(InjCertificate) cb = NULL;

  if (a == NULL || b == NULL)
    return FALSE;
  if (g_bytes_equal (a, b))
    return TRUE;
  ca = inj_certificate_new_from_der (a, NULL);
  cb = inj_certificate_new_from_der (b, NULL);
  return ca && cb &&
         g_strcmp0 (inj_certificate_get_issuer (ca), inj_certificate_get_issuer (cb)) == 0 &&
         g_strcmp0 (inj_certificate_get_serial (ca), inj_certificate_get_serial (cb)) == 0;
}

static InjField
principal_name_field (InjDelegation *delegation)
{
  return inj_delegation_get_principal_kind (delegation) == INJ_PRINCIPAL_KIND_CORPORATION
         ? INJ_FIELD_REPRESENTATIVE_NAME : INJ_FIELD_PROPRIETOR_NAME;
}

InjAgentMatch
inj_holder_match_agent (InjDelegation *delegation,
                        InjCertificate *agent,
                        GBytes *representative)
{
  const char *name;

  g_return_val_if_fail (INJ_IS_DELEGATION (delegation), INJ_AGENT_MATCH_DIFFERENT);
  g_return_val_if_fail (INJ_IS_CERTIFICATE (agent), INJ_AGENT_MATCH_DIFFERENT);

  if (inj_holder_same_certificate (inj_certificate_get_der (agent), representative))
    return INJ_AGENT_MATCH_REPRESENTATIVE;
  name = inj_certificate_get_jpki_field (agent, INJ_JPKI_NAME);
  if (inj_names_match (inj_delegation_get_text (delegation, INJ_FIELD_AGENT_NAME), name))
    return INJ_AGENT_MATCH_SAME;
  /* the representative's own card at the agent's desk */
  if (inj_names_match (inj_delegation_get_text (delegation, principal_name_field (delegation)),
                       name))
    return INJ_AGENT_MATCH_REPRESENTATIVE;
  return INJ_AGENT_MATCH_DIFFERENT;
}

gboolean
inj_holder_check (InjDelegation *delegation,
                  InjHolderRole role,
                  GBytes *certificate,
                  GBytes *other,
                  GError **error)
{
  g_autoptr(InjCertificate) cert = NULL;
  InjField field;

  g_return_val_if_fail (INJ_IS_DELEGATION (delegation), FALSE);
  g_return_val_if_fail (certificate != NULL, FALSE);

  /* The same card for both would make the agent the representative: the
   * service would store one person's consent twice. */
  if (inj_holder_same_certificate (certificate, other))
    {
      g_set_error_literal (error, INJ_SIGNATURE_ERROR, INJ_SIGNATURE_ERROR_HOLDER,
                           role == INJ_HOLDER_REPRESENTATIVE
                           ? _("This card's signing certificate is the one the agent signed "
                               "with. The representative and the agent each sign with their "
                               "own My Number card: choose the representative's card.")
                           : _("This card's signing certificate is the one the representative "
                               "signed with. The representative and the agent each sign with "
                               "their own My Number card: choose the agent's card."));
      return FALSE;
    }

  cert = inj_certificate_new_from_der (certificate, error);
  if (cert == NULL)
    return FALSE;
  field = role == INJ_HOLDER_AGENT ? INJ_FIELD_AGENT_NAME : principal_name_field (delegation);
  /* fails closed: a certificate without a JPKI name matches nobody */
  if (!inj_names_match (inj_delegation_get_text (delegation, field),
                        inj_certificate_get_jpki_field (cert, INJ_JPKI_NAME)))
    {
      /* the names are personal data: the message says whose, not what */
      if (role == INJ_HOLDER_AGENT)
        g_set_error_literal (error, INJ_SIGNATURE_ERROR, INJ_SIGNATURE_ERROR_HOLDER,
                             _("The name in this card's signing certificate does not match "
                               "the delegation's agent. Nothing signed was kept: the agent "
                               "signs with their own card, in their own reader."));
      else
        g_set_error (error, INJ_SIGNATURE_ERROR, INJ_SIGNATURE_ERROR_HOLDER,
                     _("The name in this card's signing certificate does not match “%s” "
                       "of the delegation. Nothing signed was kept: the representative "
                       "signs with their own card, in their own reader."),
                     inj_field_label (field));
      return FALSE;
    }
  return TRUE;
}

GBytes *
inj_holder_signer_sign (GBytes *sha256,
                        GBytes **certificate,
                        gpointer signer,
                        GError **error)
{
  InjHolderSigner *s = signer;
  g_autoptr(GBytes) cert = NULL;
  g_autoptr(GBytes) signature = NULL;

  g_return_val_if_fail (s != NULL && certificate != NULL, NULL);
  signature = inj_card_signer_sign (sha256, &cert, &s->card, error);
  if (signature == NULL)
    return NULL;
  if (cert == NULL || !inj_holder_check (s->delegation, s->role, cert, s->other, error))
    {
      if (cert == NULL)
        g_set_error_literal (error, INJ_SIGNATURE_ERROR, INJ_SIGNATURE_ERROR_CERTIFICATE,
                             _("The card gave no signing certificate."));
      return NULL;
    }
  *certificate = g_steal_pointer (&cert);
  return g_steal_pointer (&signature);
}
