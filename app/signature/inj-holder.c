/* inj-holder.c */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-holder.h"

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
  if (other && g_bytes_equal (certificate, other))
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
  if (role == INJ_HOLDER_AGENT)
    field = INJ_FIELD_AGENT_NAME;
  else if (inj_delegation_get_principal_kind (delegation) == INJ_PRINCIPAL_KIND_CORPORATION)
    field = INJ_FIELD_REPRESENTATIVE_NAME;
  else
    field = INJ_FIELD_PROPRIETOR_NAME;
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
