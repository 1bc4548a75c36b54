/* inj-service-record.c: the service's signed records checked here
 * (inj_service_client_verify_record): a validity answer is believed only
 * with the service's signature over it. GnuTLS verifies the record's
 * certificate against the configured service CA and the signature over
 * the payload's bytes. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <gnutls/abstract.h>

#include "inj-net-private.h"

static guchar *
decode_member (JsonObject *record,
               const char *name,
               gsize *length)
{
  JsonNode *node = json_object_get_member (record, name);
  const char *text;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  text = json_node_get_string (node);
  if (*text == '\0')
    return NULL;
  return g_base64_decode (text, length);
}

static gboolean
fail (GError **error,
      const char *why)
{
  inj_net_set_error (error, INJ_NET_ERROR_PROTOCOL, 0, NULL,
                     _("The service's signature on its answer could not be confirmed: %s. Do "
                       "not rely on this answer; tell the service's operator."), why);
  return FALSE;
}

/* @der issued by a CA of @ca_file and valid now. */
static gboolean
certificate_trusted (const guchar *der,
                     gsize der_length,
                     const char *ca_file,
                     gnutls_x509_crt_t *crt_out,
                     GError **error)
{
  gnutls_x509_trust_list_t list = NULL;
  gnutls_x509_crt_t crt = NULL;
  gnutls_datum_t datum = { (unsigned char *) der, (unsigned int) der_length };
  unsigned int status = 0;
  gboolean ok = FALSE;

  if (gnutls_x509_crt_init (&crt) < 0
      || gnutls_x509_crt_import (crt, &datum, GNUTLS_X509_FMT_DER) < 0)
    fail (error, _("its certificate cannot be read"));
  else if (gnutls_x509_trust_list_init (&list, 0) < 0
           || gnutls_x509_trust_list_add_trust_file (list, ca_file, NULL, GNUTLS_X509_FMT_PEM, 0,
                                                     0) <= 0)
    fail (error, _("the service CA cannot be read"));
  else if (gnutls_x509_trust_list_verify_crt (list, &crt, 1, 0, &status, NULL) < 0 || status != 0)
    fail (error, _("its certificate was not issued by the service CA, or is not valid now"));
  else
    ok = TRUE;
  if (list)
    gnutls_x509_trust_list_deinit (list, 1);  /* with the CAs it read */
  if (ok)
    *crt_out = crt;
  else if (crt)
    gnutls_x509_crt_deinit (crt);
  return ok;
}

JsonObject *
inj_service_client_verify_record (InjServiceClient *self,
                                  JsonObject *record,
                                  GError **error)
{
  g_autofree guchar *payload = NULL;
  g_autofree guchar *signature = NULL;
  g_autofree guchar *certificate = NULL;
  gsize payload_length = 0, signature_length = 0, certificate_length = 0;
  gnutls_x509_crt_t crt = NULL;
  gnutls_pubkey_t key = NULL;
  gboolean signed_ok = FALSE;
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  g_return_val_if_fail (INJ_IS_SERVICE_CLIENT (self), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  payload = decode_member (record, "payload", &payload_length);
  signature = decode_member (record, "signature", &signature_length);
  certificate = decode_member (record, "certificate", &certificate_length);
  if (payload == NULL || signature == NULL || certificate == NULL)
    {
      fail (error, _("the record lacks its payload, signature or certificate"));
      return NULL;
    }
  if (!certificate_trusted (certificate, certificate_length,
                            _inj_service_client_get_service_ca (self), &crt, error))
    return NULL;
  if (gnutls_pubkey_init (&key) >= 0 && gnutls_pubkey_import_x509 (key, crt, 0) >= 0)
    {
      gnutls_datum_t data = { payload, (unsigned int) payload_length };
      gnutls_datum_t sig = { signature, (unsigned int) signature_length };
      signed_ok = gnutls_pubkey_verify_data2 (key, GNUTLS_SIGN_RSA_SHA256, 0, &data, &sig) >= 0;
    }
  if (key)
    gnutls_pubkey_deinit (key);
  gnutls_x509_crt_deinit (crt);
  if (!signed_ok)
    {
      fail (error, _("the signature does not match the answer"));
      return NULL;
    }
  parser = json_parser_new_immutable ();
  if (!g_utf8_validate ((const char *) payload, (gssize) payload_length, NULL)
      || !json_parser_load_from_data (parser, (const char *) payload, (gssize) payload_length,
                                      NULL)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      fail (error, _("the signed payload is not a JSON object"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}
