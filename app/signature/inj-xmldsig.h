/* inj-xmldsig.h: Ininjo's one XMLDSig profile (design decision 3):
 * enveloped (Reference URI=""), exclusive C14N without comments,
 * RSA-SHA256, SHA-256, the signer's certificate in KeyInfo/X509Data.
 * Signing canonicalises with libxml2 and has the card sign; verification
 * checks the profile strictly, then lets libxmlsec1 verify. */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

#define INJ_DSIG_NS "http://www.w3.org/2000/09/xmldsig#"

#define INJ_SIGNATURE_ERROR (inj_signature_error_quark ())
typedef enum {
  INJ_SIGNATURE_ERROR_NOT_SIGNED,      /* no signature */
  INJ_SIGNATURE_ERROR_ALREADY_SIGNED,
  INJ_SIGNATURE_ERROR_STRUCTURE,       /* not our profile: extra or missing parts */
  INJ_SIGNATURE_ERROR_WEAK_ALGORITHM,  /* SHA-1 or anything but RSA-SHA256/SHA-256 */
  INJ_SIGNATURE_ERROR_REFERENCE,       /* not the whole document (URI="") */
  INJ_SIGNATURE_ERROR_COMMENT,         /* comments would not be covered */
  INJ_SIGNATURE_ERROR_CONTENT_CHANGED, /* the digest does not match */
  INJ_SIGNATURE_ERROR_SIGNATURE_VALUE, /* the signature does not match the key */
  INJ_SIGNATURE_ERROR_CERTIFICATE,     /* KeyInfo's certificate cannot be used */
  INJ_SIGNATURE_ERROR_FAILED,
  INJ_SIGNATURE_ERROR_HOLDER,          /* the card is not the delegation's signer's */
} InjSignatureError;
GQuark inj_signature_error_quark (void);

/* Signs @sha256 (32 bytes) and returns the PKCS#1 v1.5 signature and the
 * signer's certificate (DER). */
typedef GBytes *(*InjDsigSignFunc) (GBytes *sha256,
                                    GBytes **certificate,
                                    gpointer user_data,
                                    GError **error);

GBytes   *inj_xmldsig_reference_digest (xmlDocPtr doc,
                                        GError **error);
GBytes   *inj_xmldsig_sign             (xmlDocPtr doc,
                                        InjDsigSignFunc sign,
                                        gpointer user_data,
                                        GError **error);
gboolean  inj_xmldsig_verify           (xmlDocPtr doc,
                                        GBytes **certificate,
                                        GBytes **digest,
                                        GError **error);
xmlNodePtr inj_xmldsig_find            (xmlDocPtr doc,
                                        guint *count);
xmlNodePtr inj_xmldsig_child           (xmlNodePtr parent,
                                        const char *name);

G_END_DECLS
