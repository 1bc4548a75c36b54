/* inj-xmldsig.c */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libxml/c14n.h>
#include <libxml/xmlsave.h>
#include <xmlsec/xmlsec.h>
#include <xmlsec/crypto.h>
#include <xmlsec/app.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/transforms.h>
#include <xmlsec/errors.h>
#include <xmlsec/gnutls/crypto.h>

#include "inj-xmldsig.h"
#include "inj-xml-log.h"

#define ALG_EXC_C14N "http://www.w3.org/2001/10/xml-exc-c14n#"
#define ALG_ENVELOPED "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
#define ALG_RSA_SHA256 "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
#define ALG_SHA256 "http://www.w3.org/2001/04/xmlenc#sha256"

G_DEFINE_QUARK (inj-signature-error-quark, inj_signature_error)

static gboolean
is_dsig (xmlNodePtr node,
         const char *name)
{
  return node && node->type == XML_ELEMENT_NODE && node->ns &&
         g_strcmp0 ((const char *) node->ns->href, INJ_DSIG_NS) == 0 &&
         (name == NULL || g_strcmp0 ((const char *) node->name, name) == 0);
}

static void
find_all (xmlNodePtr node,
          xmlNodePtr *first,
          guint *count)
{
  for (xmlNodePtr c = node; c; c = c->next)
    {
      if (is_dsig (c, "Signature"))
        {
          if (*first == NULL)
            *first = c;
          (*count)++;
        }
      if (c->type == XML_ELEMENT_NODE)
        find_all (c->children, first, count);
    }
}

/* The first ds:Signature anywhere in @doc and how many there are. */
xmlNodePtr
inj_xmldsig_find (xmlDocPtr doc,
                  guint *count)
{
  xmlNodePtr first = NULL;
  guint n = 0;

  find_all (xmlDocGetRootElement (doc), &first, &n);
  if (count)
    *count = n;
  return first;
}

/* The first child element of @parent that is ds:@name (namespace and
 * name: an element of another namespace with the same local name is not
 * it); NULL for a NULL @parent. */
xmlNodePtr
inj_xmldsig_child (xmlNodePtr parent,
                   const char *name)
{
  for (xmlNodePtr c = parent ? parent->children : NULL; c; c = c->next)
    if (is_dsig (c, name))
      return c;
  return NULL;
}

/* ------------------------------------------------------- canonicalisation */

static gboolean
inside (xmlNodePtr node,
        xmlNodePtr top)
{
  for (xmlNodePtr n = node; n; n = n->parent)
    if (n == top)
      return TRUE;
  return FALSE;
}

typedef struct {
  xmlNodePtr subtree;
  gboolean exclude; /* TRUE: everything but the subtree (enveloped) */
} Visibility;

static int
is_visible (void *user_data,
            xmlNodePtr node,
            xmlNodePtr parent)
{
  Visibility *v = user_data;
  xmlNodePtr anchor = (node == NULL || node->type == XML_NAMESPACE_DECL) ? parent : node;
  gboolean in = anchor != NULL && inside (anchor, v->subtree);

  return v->exclude ? !in : in;
}

/* SHA-256 of the exclusive canonical form (without comments) of the nodes
 * @v selects. */
static GBytes *
c14n_sha256 (xmlDocPtr doc,
             Visibility *v,
             GError **error)
{
  xmlBufferPtr buffer = xmlBufferCreate ();
  xmlOutputBufferPtr out = xmlOutputBufferCreateBuffer (buffer, NULL);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;
  int rc;

  rc = xmlC14NExecute (doc, is_visible, v, XML_C14N_EXCLUSIVE_1_0, NULL, 0, out);
  xmlOutputBufferClose (out);
  if (rc < 0)
    {
      xmlBufferFree (buffer);
      g_set_error_literal (error, INJ_SIGNATURE_ERROR, INJ_SIGNATURE_ERROR_FAILED,
                           _("The document could not be canonicalised."));
      return NULL;
    }
  g_checksum_update (sum, xmlBufferContent (buffer), xmlBufferLength (buffer));
  xmlBufferFree (buffer);
  g_checksum_get_digest (sum, digest, &len);
  return g_bytes_new (digest, len);
}

/* The value the Reference's DigestValue carries: the whole document
 * without any ds:Signature (the enveloped transform), canonicalised. It is
 * also what an agent's submission names as "the digest of its content". */
GBytes *
inj_xmldsig_reference_digest (xmlDocPtr doc,
                              GError **error)
{
  xmlNodePtr sig = inj_xmldsig_find (doc, NULL);
  Visibility v = { sig, TRUE };

  inj_xml_init ();
  if (sig == NULL)
    {
      /* nothing to leave out: an impossible subtree keeps every node */
      v.subtree = (xmlNodePtr) doc->intSubset;
    }
  return c14n_sha256 (doc, &v, error);
}

/* ------------------------------------------------------------- signing */

static xmlNodePtr
add (xmlNodePtr parent,
     xmlNsPtr ns,
     const char *name,
     const char *algorithm)
{
  xmlNodePtr n = xmlNewChild (parent, ns, BAD_CAST name, NULL);
  if (algorithm)
    xmlNewProp (n, BAD_CAST "Algorithm", BAD_CAST algorithm);
  return n;
}

static xmlNodePtr
last_element (xmlNodePtr parent)
{
  xmlNodePtr last = NULL;
  for (xmlNodePtr c = parent->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE)
      last = c;
  return last;
}

/* Adds the signature as the last child of the document element and returns
 * the signed document's bytes, written once and never re-indented. */
GBytes *
inj_xmldsig_sign (xmlDocPtr doc,
                  InjDsigSignFunc sign,
                  gpointer user_data,
                  GError **error)
{
  xmlNodePtr root = xmlDocGetRootElement (doc);
  xmlNodePtr sig, signed_info, reference, transforms, digest_value, value, x509;
  xmlNsPtr ds;
  g_autoptr(GBytes) digest = NULL;
  g_autoptr(GBytes) si_digest = NULL;
  g_autoptr(GBytes) signature = NULL;
  g_autoptr(GBytes) certificate = NULL;
  g_autofree char *b64 = NULL;
  xmlChar *mem = NULL;
  int size = 0;
  Visibility v;

  inj_xml_init ();
  if (inj_xmldsig_find (doc, NULL) != NULL)
    {
      g_set_error_literal (error, INJ_SIGNATURE_ERROR, INJ_SIGNATURE_ERROR_ALREADY_SIGNED,
                           _("The document is already signed."));
      return NULL;
    }

  sig = xmlNewNode (NULL, BAD_CAST "Signature");
  ds = xmlNewNs (sig, BAD_CAST INJ_DSIG_NS, BAD_CAST "ds");
  xmlSetNs (sig, ds);
  /* The very last child, after the document's own closing whitespace and
   * with none added: without the signature the document is then exactly
   * what it was, so its digest — what an agent's submission names — is the
   * same before and after the representative signs. */
  xmlAddChild (root, sig);

  signed_info = add (sig, ds, "SignedInfo", NULL);
  add (signed_info, ds, "CanonicalizationMethod", ALG_EXC_C14N);
  add (signed_info, ds, "SignatureMethod", ALG_RSA_SHA256);
  reference = add (signed_info, ds, "Reference", NULL);
  xmlNewProp (reference, BAD_CAST "URI", BAD_CAST "");
  transforms = add (reference, ds, "Transforms", NULL);
  add (transforms, ds, "Transform", ALG_ENVELOPED);
  add (transforms, ds, "Transform", ALG_EXC_C14N);
  add (reference, ds, "DigestMethod", ALG_SHA256);
  digest_value = add (reference, ds, "DigestValue", NULL);
  value = add (sig, ds, "SignatureValue", NULL);
  x509 = add (add (add (sig, ds, "KeyInfo", NULL), ds, "X509Data", NULL), ds, "X509Certificate",
              NULL);

  v.subtree = sig;
  v.exclude = TRUE;
  digest = c14n_sha256 (doc, &v, error);
  if (digest == NULL)
    goto failed;
  b64 = g_base64_encode (g_bytes_get_data (digest, NULL), g_bytes_get_size (digest));
  xmlNodeSetContent (digest_value, BAD_CAST b64);
  g_clear_pointer (&b64, g_free);

  v.subtree = signed_info;
  v.exclude = FALSE;
  si_digest = c14n_sha256 (doc, &v, error);
  if (si_digest == NULL)
    goto failed;

  signature = sign (si_digest, &certificate, user_data, error);
  if (signature == NULL)
    goto failed;
  b64 = g_base64_encode (g_bytes_get_data (signature, NULL), g_bytes_get_size (signature));
  xmlNodeSetContent (value, BAD_CAST b64);
  g_clear_pointer (&b64, g_free);
  b64 = g_base64_encode (g_bytes_get_data (certificate, NULL), g_bytes_get_size (certificate));
  xmlNodeSetContent (x509, BAD_CAST b64);

  xmlDocDumpMemoryEnc (doc, &mem, &size, "UTF-8");
  if (mem == NULL)
    {
      g_set_error_literal (error, INJ_SIGNATURE_ERROR, INJ_SIGNATURE_ERROR_FAILED,
                           _("The signed document could not be written."));
      return NULL;
    }
  {
    GBytes *out = g_bytes_new (mem, (gsize) size);
    xmlFree (mem);
    return out;
  }

failed:
  /* leave the document as it was */
  xmlUnlinkNode (sig);
  xmlFreeNode (sig);
  return NULL;
}

/* --------------------------------------------------------- verification */

static void
fail (GError **error,
      InjSignatureError code,
      const char *message)
{
  g_set_error_literal (error, INJ_SIGNATURE_ERROR, code, message);
}

static xmlNodePtr
element_children (xmlNodePtr node,
                  xmlNodePtr *kids,
                  guint max,
                  guint *n)
{
  *n = 0;
  for (xmlNodePtr c = node->children; c; c = c->next)
    {
      if (c->type == XML_ELEMENT_NODE)
        {
          if (*n < max)
            kids[*n] = c;
          (*n)++;
        }
      else if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
        {
          /* only white space between the elements of a signature */
          xmlChar *t = xmlNodeGetContent (c);
          gboolean blank = TRUE;
          for (const xmlChar *p = t; p && *p; p++)
            if (!g_ascii_isspace (*p))
              blank = FALSE;
          xmlFree (t);
          if (!blank)
            {
              *n = max + 1;
              return NULL;
            }
        }
    }
  return *n > 0 ? kids[0] : NULL;
}

static gboolean
algorithm_is (xmlNodePtr node,
              const char *expected)
{
  xmlChar *alg = xmlGetNoNsProp (node, BAD_CAST "Algorithm");
  gboolean ok = alg && g_str_equal ((const char *) alg, expected);
  xmlFree (alg);
  return ok;
}

static gboolean
algorithm_is_sha1 (xmlNodePtr node)
{
  xmlChar *alg = xmlGetNoNsProp (node, BAD_CAST "Algorithm");
  gboolean sha1 = alg && (strstr ((const char *) alg, "sha1") != NULL);
  xmlFree (alg);
  return sha1;
}

static gboolean
has_comment (xmlNodePtr node)
{
  for (xmlNodePtr c = node; c; c = c->next)
    {
      if (c->type == XML_COMMENT_NODE)
        return TRUE;
      if (c->children && c->type == XML_ELEMENT_NODE && has_comment (c->children))
        return TRUE;
    }
  return FALSE;
}

/* Exactly our profile and nothing more: one signature, the last element of
 * the document element; SignedInfo with exclusive C14N, RSA-SHA256 and one
 * Reference to the whole document (URI="") with the enveloped transform
 * and exclusive C14N, SHA-256; one certificate in KeyInfo. Anything else
 * (a second Reference, an Object, an ID reference, a wrapped copy) is
 * refused before any cryptography. */
static xmlNodePtr
check_profile (xmlDocPtr doc,
               GBytes **certificate,
               GError **error)
{
  xmlNodePtr root = xmlDocGetRootElement (doc);
  xmlNodePtr sig, kids[8], si[8], ref[8], tr[8], ki[4], xd[4];
  guint count = 0, n;
  xmlChar *uri;
  xmlChar *b64;
  gsize der_len = 0;
  guchar *der;

  if (doc->children && has_comment (doc->children))
    {
      fail (error, INJ_SIGNATURE_ERROR_COMMENT,
            _("The document contains a comment. A signature does not cover comments, so a "
              "signed delegation must have none."));
      return NULL;
    }
  sig = inj_xmldsig_find (doc, &count);
  if (count == 0)
    {
      fail (error, INJ_SIGNATURE_ERROR_NOT_SIGNED, _("The document is not signed."));
      return NULL;
    }
  if (count > 1 || sig->parent != root || last_element (root) != sig)
    {
      fail (error, INJ_SIGNATURE_ERROR_STRUCTURE,
            _("The signature must be one, the last element of the document."));
      return NULL;
    }
  element_children (sig, kids, G_N_ELEMENTS (kids), &n);
  if (n != 3 || !is_dsig (kids[0], "SignedInfo") || !is_dsig (kids[1], "SignatureValue") ||
      !is_dsig (kids[2], "KeyInfo"))
    {
      fail (error, INJ_SIGNATURE_ERROR_STRUCTURE,
            _("The signature must hold SignedInfo, SignatureValue and KeyInfo, and nothing "
              "else."));
      return NULL;
    }
  element_children (kids[0], si, G_N_ELEMENTS (si), &n);
  if (n != 3 || !is_dsig (si[0], "CanonicalizationMethod") ||
      !is_dsig (si[1], "SignatureMethod") || !is_dsig (si[2], "Reference"))
    {
      fail (error, n > 3 ? INJ_SIGNATURE_ERROR_REFERENCE : INJ_SIGNATURE_ERROR_STRUCTURE,
            n > 3 ? _("The signature must have exactly one Reference, to the whole document.")
                  : _("The signature's SignedInfo is not as Ininjo writes it."));
      return NULL;
    }
  if (algorithm_is_sha1 (si[1]))
    {
      fail (error, INJ_SIGNATURE_ERROR_WEAK_ALGORITHM,
            _("The signature uses SHA-1, which is no longer allowed."));
      return NULL;
    }
  if (!algorithm_is (si[0], ALG_EXC_C14N) || !algorithm_is (si[1], ALG_RSA_SHA256))
    {
      fail (error, INJ_SIGNATURE_ERROR_WEAK_ALGORITHM,
            _("The signature must use exclusive canonicalisation without comments and "
              "RSA-SHA256."));
      return NULL;
    }
  uri = xmlGetNoNsProp (si[2], BAD_CAST "URI");
  if (uri == NULL || *uri != '\0')
    {
      xmlFree (uri);
      fail (error, INJ_SIGNATURE_ERROR_REFERENCE,
            _("The signature must cover the whole document (Reference URI=\"\"), not a part "
              "of it."));
      return NULL;
    }
  xmlFree (uri);
  element_children (si[2], ref, G_N_ELEMENTS (ref), &n);
  if (n != 3 || !is_dsig (ref[0], "Transforms") || !is_dsig (ref[1], "DigestMethod") ||
      !is_dsig (ref[2], "DigestValue"))
    {
      fail (error, INJ_SIGNATURE_ERROR_STRUCTURE, _("The signature's Reference is not as Ininjo "
                                                    "writes it."));
      return NULL;
    }
  if (algorithm_is_sha1 (ref[1]))
    {
      fail (error, INJ_SIGNATURE_ERROR_WEAK_ALGORITHM,
            _("The signature uses SHA-1, which is no longer allowed."));
      return NULL;
    }
  element_children (ref[0], tr, G_N_ELEMENTS (tr), &n);
  if (n != 2 || !is_dsig (tr[0], "Transform") || !is_dsig (tr[1], "Transform") ||
      !algorithm_is (tr[0], ALG_ENVELOPED) || !algorithm_is (tr[1], ALG_EXC_C14N) ||
      tr[1]->children != NULL || !algorithm_is (ref[1], ALG_SHA256))
    {
      fail (error, INJ_SIGNATURE_ERROR_STRUCTURE,
            _("The signature's transforms must be the enveloped signature and exclusive "
              "canonicalisation, with SHA-256."));
      return NULL;
    }
  element_children (kids[2], ki, G_N_ELEMENTS (ki), &n);
  if (n != 1 || !is_dsig (ki[0], "X509Data"))
    {
      fail (error, INJ_SIGNATURE_ERROR_CERTIFICATE,
            _("The signature must carry exactly the signer's certificate in KeyInfo."));
      return NULL;
    }
  element_children (ki[0], xd, G_N_ELEMENTS (xd), &n);
  if (n != 1 || !is_dsig (xd[0], "X509Certificate"))
    {
      fail (error, INJ_SIGNATURE_ERROR_CERTIFICATE,
            _("The signature must carry exactly the signer's certificate in KeyInfo."));
      return NULL;
    }
  b64 = xmlNodeGetContent (xd[0]);
  der = b64 ? g_base64_decode ((const char *) b64, &der_len) : NULL;
  xmlFree (b64);
  if (der == NULL || der_len < 64)
    {
      g_free (der);
      fail (error, INJ_SIGNATURE_ERROR_CERTIFICATE,
            _("The signer's certificate in the signature cannot be read."));
      return NULL;
    }
  *certificate = g_bytes_new_take (der, der_len);
  return sig;
}

static void
xmlsec_init_once (void)
{
  static gsize done;

  /* its errors go to our log (inj-xml-log.c), not to stderr */
  inj_xml_init ();
  if (g_once_init_enter (&done))
    {
      if (xmlSecInit () < 0 || xmlSecCryptoAppInit (NULL) < 0 || xmlSecCryptoInit () < 0)
        g_error ("libxmlsec1 could not be initialised");
      g_once_init_leave (&done, 1);
    }
}

/* Checks the profile, then has libxmlsec1 verify the digest and the
 * signature with the key of the certificate in KeyInfo (which the caller
 * must then judge: chain, validity, key usage). */
gboolean
inj_xmldsig_verify (xmlDocPtr doc,
                    GBytes **certificate,
                    GBytes **digest,
                    GError **error)
{
  g_autoptr(GBytes) cert = NULL;
  xmlNodePtr sig = check_profile (doc, &cert, error);
  xmlSecDSigCtxPtr ctx;
  xmlSecKeyPtr key;
  gboolean ok = FALSE;

  if (sig == NULL)
    return FALSE;
  xmlsec_init_once ();

  key = xmlSecCryptoAppKeyLoadMemory (g_bytes_get_data (cert, NULL),
                                      (xmlSecSize) g_bytes_get_size (cert),
                                      xmlSecKeyDataFormatCertDer, NULL, NULL, NULL);
  if (key == NULL)
    {
      fail (error, INJ_SIGNATURE_ERROR_CERTIFICATE,
            _("The signer's certificate in the signature holds no usable key."));
      return FALSE;
    }
  ctx = xmlSecDSigCtxCreate (NULL);
  ctx->signKey = key; /* KeyInfo is not consulted: this key and no other */
  ctx->enabledReferenceUris = xmlSecTransformUriTypeEmpty;
  xmlSecDSigCtxEnableReferenceTransform (ctx, xmlSecTransformEnvelopedId);
  xmlSecDSigCtxEnableReferenceTransform (ctx, xmlSecTransformExclC14NId);
  xmlSecDSigCtxEnableReferenceTransform (ctx, xmlSecGnuTLSTransformSha256Id);
  xmlSecDSigCtxEnableSignatureTransform (ctx, xmlSecTransformExclC14NId);
  xmlSecDSigCtxEnableSignatureTransform (ctx, xmlSecGnuTLSTransformRsaSha256Id);

  if (xmlSecDSigCtxVerify (ctx, sig) < 0)
    fail (error, INJ_SIGNATURE_ERROR_STRUCTURE,
          _("The signature could not be processed."));
  else if (ctx->status == xmlSecDSigStatusSucceeded)
    ok = TRUE;
  else
    {
      gboolean reference_failed = FALSE;
      for (xmlSecSize i = 0; i < xmlSecPtrListGetSize (&ctx->signedInfoReferences); i++)
        {
          xmlSecDSigReferenceCtxPtr r = xmlSecPtrListGetItem (&ctx->signedInfoReferences, i);
          if (r && r->status != xmlSecDSigStatusSucceeded)
            reference_failed = TRUE;
        }
      if (reference_failed)
        fail (error, INJ_SIGNATURE_ERROR_CONTENT_CHANGED,
              _("The document was changed after it was signed (its digest does not match)."));
      else
        fail (error, INJ_SIGNATURE_ERROR_SIGNATURE_VALUE,
              _("The signature does not match the signer's certificate (the signature value "
                "or SignedInfo was changed, or the key is another)."));
    }
  if (ok && digest)
    {
      xmlSecDSigReferenceCtxPtr r = xmlSecPtrListGetItem (&ctx->signedInfoReferences, 0);
      xmlSecBufferPtr b = r ? r->result : NULL;
      if (b && xmlSecBufferGetSize (b) == 32)
        *digest = g_bytes_new (xmlSecBufferGetData (b), xmlSecBufferGetSize (b));
      else
        *digest = inj_xmldsig_reference_digest (doc, NULL);
    }
  xmlSecDSigCtxDestroy (ctx);
  if (ok && certificate)
    *certificate = g_steal_pointer (&cert);
  return ok;
}
