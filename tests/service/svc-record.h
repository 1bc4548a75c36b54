/* svc-record.h: the service's counter-signatures (SignedRecord in
 * data/ininjo-service-api.yaml): a JSON payload signed RSA PKCS#1 v1.5
 * with SHA-256 by a key whose certificate the service CA issued. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _SvcSigner SvcSigner;

SvcSigner  *svc_signer_new        (const char *cert_path,
                                   const char *key_path,
                                   GError **error);
void        svc_signer_free       (SvcSigner *signer);

/* @payload (a JSON object) as compact UTF-8, signed: both base64. */
gboolean    svc_signer_sign       (SvcSigner *signer,
                                   JsonNode *payload,
                                   char **payload_b64,
                                   char **signature_b64,
                                   GError **error);
/* The SignedRecord object for a payload and signature already made. */
JsonNode   *svc_signer_record     (SvcSigner *signer,
                                   const char *payload_b64,
                                   const char *signature_b64);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SvcSigner, svc_signer_free)

G_END_DECLS
