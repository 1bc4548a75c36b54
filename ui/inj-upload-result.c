/* inj-upload-result.c */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "inj-service-client.h"
#include "inj-upload-result.h"

InjUploadRemedy
inj_upload_failure_explain (const GError *error,
                            const char **cause)
{
  g_return_val_if_fail (error != NULL && cause != NULL, INJ_UPLOAD_REMEDY_RETRY);

  if (error->domain == INJ_PKCS11_ERROR)
    {
      if (inj_pkcs11_error_is (error, CKR_PIN_INCORRECT) ||
          inj_pkcs11_error_is (error, CKR_PIN_LOCKED) ||
          inj_pkcs11_error_is (error, INJ_CKR_PIN_FORMAT))
        *cause = _("The card did not accept the 4-digit PIN of the user certificate.");
      else if (inj_pkcs11_error_is (error, INJ_CKR_NO_READER))
        *cause = _("No card reader was found.");
      else if (inj_pkcs11_error_is (error, INJ_CKR_NO_CARD))
        *cause = _("There is no card in the reader.");
      else if (inj_pkcs11_error_is (error, INJ_CKR_SEVERAL_CARDS))
        *cause = _("Several cards are in the readers: choose the one to use.");
      else
        *cause = _("The My Number card could not be read.");
      return INJ_UPLOAD_REMEDY_CARD;
    }
  if (error->domain == INJ_NET_ERROR)
    switch ((InjNetError) error->code)
      {
      case INJ_NET_ERROR_PIN:
        *cause = _("The card did not accept the 4-digit PIN of the user certificate.");
        return INJ_UPLOAD_REMEDY_CARD;
      case INJ_NET_ERROR_CLIENT_KEY:
      case INJ_NET_ERROR_TLS13_WITH_CARD:
        *cause = _("The My Number card could not be used to connect to the service.");
        return INJ_UPLOAD_REMEDY_CARD;
      case INJ_NET_ERROR_CONFIG:
      case INJ_NET_ERROR_SERVER_CERTIFICATE:
      case INJ_NET_ERROR_CLIENT_CERTIFICATE:
      case INJ_NET_ERROR_TLS_POLICY:
      case INJ_NET_ERROR_REDIRECT:
        *cause = _("A safe connection to the service could not be made with the present "
                   "settings.");
        return INJ_UPLOAD_REMEDY_SETTINGS;
      case INJ_NET_ERROR_UNREACHABLE:
        *cause = _("The service could not be reached. Check the network connection.");
        return INJ_UPLOAD_REMEDY_RETRY;
      default:
        *cause = _("The service did not answer as expected. It may be busy.");
        return INJ_UPLOAD_REMEDY_RETRY;
      }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING))
    {
      *cause = _("The card readers are still being looked for.");
      return INJ_UPLOAD_REMEDY_RETRY;
    }
  /* the settings (inj_service_job_new()) or the package itself */
  *cause = _("The connection settings cannot be used.");
  return INJ_UPLOAD_REMEDY_SETTINGS;
}

const char *
inj_upload_remedy_label (InjUploadRemedy remedy)
{
  switch (remedy)
    {
    case INJ_UPLOAD_REMEDY_RETRY:
      return _("_Retry");
    case INJ_UPLOAD_REMEDY_CARD:
      return _("Check the _Card");
    case INJ_UPLOAD_REMEDY_SETTINGS:
      return _("Open _Settings");
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
inj_upload_agent_notice (InjDelegation *delegation,
                         const char *delegation_id,
                         const char *receipt)
{
  GString *out = g_string_new (_("The electronic delegation has been registered with the "
                                 "service."));

  g_string_append_c (out, '\n');
  if (delegation)
    {
      g_autofree char *parties = inj_render_delegation_parties (delegation, TRUE);
      g_autofree char *start = inj_render_value (delegation, INJ_FIELD_PERIOD_START, TRUE);
      g_autofree char *end = inj_render_value (delegation, INJ_FIELD_PERIOD_END, TRUE);

      g_string_append_printf (out, "%s: %s\n", _("Delegation"), parties);
      if (start && end)
        g_string_append_printf (out, "%s: %s – %s\n", _("Period"), start, end);
    }
  if (receipt)
    g_string_append_printf (out, "%s: %s\n", _("Receipt number"), receipt);
  if (delegation_id)
    g_string_append_printf (out, "%s: %s\n", _("Delegation ID"), delegation_id);
  return g_string_free (out, FALSE);
}
