/* inj-trust.c */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "inj-resources.h"
#include "inj-trust.h"

#define RESOURCE_JPKI "/io/github/ininjo/Ininjo/jpki-ca/"

/* J-LIS's public roots (jpki-card.md), three generations of each kind in use
 * at once: a card issued between 2019-09 and 2023-07 chains to the 2019
 * root. Every generation of a kind has the same DN; only the key (and so
 * the fingerprint) tells them apart. Only these fingerprints make a CA read
 * from a card trustworthy by itself, and only for its own kind. */
static const struct {
  InjJpkiRootKind kind;
  const char *file;
  const char *sha256;
} pinned_roots[] = {
  /* 2015-10-20 – 2025-10-19 (expired: judged only at a signing time) */
  { INJ_JPKI_ROOT_SIGNING, "sign_ca_2015.pem",
    "19:64:54:05:A1:FE:14:37:74:34:BD:55:95:76:28:AC:40:38:55:7C:54:24:03:A2:24:3F:21:C7:06:FC:93:55" },
  /* 2019-09-14 – 2029-09-14 */
  { INJ_JPKI_ROOT_SIGNING, "sign_ca_2019.pem",
    "79:67:9C:33:E4:CC:93:19:44:0F:1A:D1:20:A5:97:FF:18:44:E2:EF:21:70:63:AD:B1:76:96:6F:D5:E6:FB:EB" },
  /* 2023-07-16 – 2033-07-15 */
  { INJ_JPKI_ROOT_SIGNING, "sign_ca_2023.pem",
    "D2:27:F6:CD:E1:1D:35:C5:25:21:78:F1:06:F8:43:D2:46:51:94:49:75:41:3B:53:9F:A2:FB:68:DB:FA:36:5F" },
  /* 2015-10-20 – 2025-10-19 */
  { INJ_JPKI_ROOT_AUTHENTICATION, "auth_ca_2015.pem",
    "4D:CF:C4:CA:0A:AF:9F:B2:A3:08:1B:3F:0C:99:1C:32:0B:3A:CC:00:86:67:A3:41:EE:AE:C5:AF:1D:58:CA:7D" },
  /* 2019-09-14 – 2029-09-14 */
  { INJ_JPKI_ROOT_AUTHENTICATION, "auth_ca_2019.pem",
    "0D:98:DE:47:FC:11:B7:F6:71:26:87:4B:70:28:B6:02:6A:80:3D:26:38:D6:ED:FE:53:17:69:53:96:1F:AD:E6" },
  /* 2023-07-16 – 2033-07-15 */
  { INJ_JPKI_ROOT_AUTHENTICATION, "auth_ca_2023.pem",
    "64:11:4F:29:62:0C:24:ED:26:31:D4:64:76:A0:40:E7:EE:74:0D:95:60:89:C0:0B:03:6A:6A:81:18:C3:22:B5" },
};

typedef struct {
  InjCertificate *cert;
  gboolean pinned;
} Anchor;

struct _InjTrustStore {
  GObject parent_instance;
  InjJpkiRootKind kind; /* the pinned roots that count here; NONE: any */
  GArray *anchors;      /* Anchor */
};

G_DEFINE_FINAL_TYPE (InjTrustStore, inj_trust_store, G_TYPE_OBJECT)

static void
clear_anchor (gpointer data)
{
  g_clear_object (&((Anchor *) data)->cert);
}

static void
inj_trust_store_finalize (GObject *object)
{
  g_array_unref (INJ_TRUST_STORE (object)->anchors);
  G_OBJECT_CLASS (inj_trust_store_parent_class)->finalize (object);
}

static void
inj_trust_store_class_init (InjTrustStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = inj_trust_store_finalize;
}

static void
inj_trust_store_init (InjTrustStore *self)
{
  self->anchors = g_array_new (FALSE, TRUE, sizeof (Anchor));
  g_array_set_clear_func (self->anchors, clear_anchor);
}

InjTrustStore *
inj_trust_store_new (void)
{
  return g_object_new (INJ_TYPE_TRUST_STORE, NULL);
}

InjJpkiRootKind
inj_jpki_root_kind (const char *sha256_fingerprint)
{
  for (guint i = 0; sha256_fingerprint && i < G_N_ELEMENTS (pinned_roots); i++)
    if (g_ascii_strcasecmp (sha256_fingerprint, pinned_roots[i].sha256) == 0)
      return pinned_roots[i].kind;
  return INJ_JPKI_ROOT_NONE;
}

/* One of the six public roots, of either kind. */
gboolean
inj_jpki_root_is_pinned (const char *sha256_fingerprint)
{
  return inj_jpki_root_kind (sha256_fingerprint) != INJ_JPKI_ROOT_NONE;
}

/* Pinned for this store: a public root of the store's kind. */
static gboolean
pinned_here (InjTrustStore *self,
             InjCertificate *cert)
{
  InjJpkiRootKind kind = inj_jpki_root_kind (inj_certificate_get_fingerprint (cert));

  return kind != INJ_JPKI_ROOT_NONE && (self->kind == INJ_JPKI_ROOT_NONE || kind == self->kind);
}

static void
add_anchor (InjTrustStore *self,
            InjCertificate *cert,
            gboolean pinned)
{
  Anchor a = { g_object_ref (cert), pinned };
  g_array_append_val (self->anchors, a);
}

/* Each certificate of @data, PEM (one or more) or DER. */
static GPtrArray *
certificates_from (GBytes *data,
                   GError **error)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);
  gnutls_x509_crt_t *list = NULL;
  unsigned n = 0;
  gnutls_datum_t d = { (unsigned char *) g_bytes_get_data (data, NULL),
                       (unsigned) g_bytes_get_size (data) };
  gboolean pem = g_bytes_get_size (data) > 10 &&
                 g_strstr_len (g_bytes_get_data (data, NULL), (gssize) g_bytes_get_size (data),
                               "-----BEGIN CERTIFICATE-----") != NULL;
  int rc = gnutls_x509_crt_list_import2 (&list, &n, &d,
                                         pem ? GNUTLS_X509_FMT_PEM : GNUTLS_X509_FMT_DER, 0);

  if (rc < 0 || n == 0)
    {
      g_set_error_literal (error, INJ_CERTIFICATE_ERROR, INJ_CERTIFICATE_ERROR_PARSE,
                           _("No certificate could be read from the trust anchor file."));
      g_ptr_array_unref (out);
      return NULL;
    }
  for (unsigned i = 0; i < n; i++)
    {
      gnutls_datum_t der = { NULL, 0 };
      if (gnutls_x509_crt_export2 (list[i], GNUTLS_X509_FMT_DER, &der) >= 0)
        {
          g_autoptr(GBytes) b = g_bytes_new (der.data, der.size);
          InjCertificate *c = inj_certificate_new_from_der (b, NULL);
          if (c)
            g_ptr_array_add (out, c);
          gnutls_free (der.data);
        }
      gnutls_x509_crt_deinit (list[i]);
    }
  gnutls_free (list);
  return out;
}

/* The public JPKI roots of @kind, compiled in, each checked against its pin. */
static InjTrustStore *
new_jpki (InjJpkiRootKind kind)
{
  InjTrustStore *self = inj_trust_store_new ();

  self->kind = kind;
  for (guint i = 0; i < G_N_ELEMENTS (pinned_roots); i++)
    {
      g_autofree char *path = NULL;
      g_autoptr(GBytes) pem = NULL;
      g_autoptr(GPtrArray) certs = NULL;

      if (pinned_roots[i].kind != kind)
        continue;
      path = g_strconcat (RESOURCE_JPKI, pinned_roots[i].file, NULL);
      pem = g_resource_lookup_data (inj_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      certs = pem ? certificates_from (pem, NULL) : NULL;
      if (certs == NULL || certs->len != 1 ||
          g_ascii_strcasecmp (inj_certificate_get_fingerprint (g_ptr_array_index (certs, 0)),
                              pinned_roots[i].sha256) != 0)
        {
          g_critical ("a compiled-in JPKI root does not match its pin: %s", pinned_roots[i].file);
          continue;
        }
      add_anchor (self, g_ptr_array_index (certs, 0), TRUE);
    }
  return self;
}

/* For signatures: only the signing roots (an authentication certificate
 * must never pass for a signer's). */
InjTrustStore *
inj_trust_store_new_jpki_signing (void)
{
  return new_jpki (INJ_JPKI_ROOT_SIGNING);
}

/* For the card's authentication certificate (TLS client, diagnostics). */
InjTrustStore *
inj_trust_store_new_jpki_authentication (void)
{
  return new_jpki (INJ_JPKI_ROOT_AUTHENTICATION);
}

/* Anchors from configuration (the test CAs, or a root not yet pinned). */
gboolean
inj_trust_store_add_file (InjTrustStore *self,
                          const char *path,
                          GError **error)
{
  g_autofree char *data = NULL;
  gsize len;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) certs = NULL;

  if (!g_file_get_contents (path, &data, &len, error))
    return FALSE;
  bytes = g_bytes_new_take (g_steal_pointer (&data), len);
  certs = certificates_from (bytes, error);
  if (certs == NULL)
    return FALSE;
  for (guint i = 0; i < certs->len; i++)
    {
      InjCertificate *c = g_ptr_array_index (certs, i);
      add_anchor (self, c, pinned_here (self, c));
    }
  return TRUE;
}

/* A CA certificate read from a card (EF 0002 signing, EF 000B
 * authentication) is trusted only when it is one of the pinned public roots
 * of that @kind: the card could hold anything, and all generations share one
 * DN, so neither the name nor the other kind's root will do. */
gboolean
inj_trust_store_add_card_ca (InjTrustStore *self,
                             GBytes *der,
                             InjJpkiRootKind kind,
                             GError **error)
{
  g_autoptr(InjCertificate) c = inj_certificate_new_from_der (der, error);

  g_return_val_if_fail (kind != INJ_JPKI_ROOT_NONE, FALSE);
  if (c == NULL)
    return FALSE;
  if (inj_jpki_root_kind (inj_certificate_get_fingerprint (c)) != kind)
    {
      g_set_error (error, INJ_CERTIFICATE_ERROR, INJ_CERTIFICATE_ERROR_PARSE,
                   _("The CA certificate on the card (SHA-256 %s) is not one of the public JPKI "
                     "roots Ininjo knows; it is not trusted."),
                   inj_certificate_get_fingerprint (c));
      return FALSE;
    }
  add_anchor (self, c, self->kind == INJ_JPKI_ROOT_NONE || self->kind == kind);
  return TRUE;
}

guint
inj_trust_store_get_n_anchors (InjTrustStore *self)
{
  return self->anchors->len;
}

static gnutls_x509_crt_t
import (InjCertificate *cert)
{
  gnutls_x509_crt_t crt = NULL;
  GBytes *der = inj_certificate_get_der (cert);
  gnutls_datum_t d = { (unsigned char *) g_bytes_get_data (der, NULL),
                       (unsigned) g_bytes_get_size (der) };

  if (gnutls_x509_crt_init (&crt) < 0 || gnutls_x509_crt_import (crt, &d, GNUTLS_X509_FMT_DER) < 0)
    {
      gnutls_x509_crt_deinit (crt);
      return NULL;
    }
  return crt;
}

/* JPKI signing certificates are issued directly by the root, so the chain
 * is the certificate and one anchor. Times are judged by the caller, which
 * knows when the document was signed. */
InjChainStatus
inj_trust_store_check (InjTrustStore *self,
                       InjCertificate *cert,
                       InjCertificate **anchor_out,
                       gboolean *pinned_out)
{
  InjChainStatus result = INJ_CHAIN_UNKNOWN_ISSUER;
  gnutls_x509_crt_t crt = import (cert);

  if (anchor_out)
    *anchor_out = NULL;
  if (pinned_out)
    *pinned_out = FALSE;
  if (crt == NULL)
    return INJ_CHAIN_UNKNOWN_ISSUER;
  for (guint i = 0; i < self->anchors->len; i++)
    {
      Anchor *a = &g_array_index (self->anchors, Anchor, i);
      gnutls_x509_crt_t ca;
      unsigned status = 0;

      if (g_strcmp0 (inj_certificate_get_subject (a->cert), inj_certificate_get_issuer (cert)) != 0)
        continue;
      ca = import (a->cert);
      if (ca == NULL)
        continue;
      if (gnutls_x509_crt_verify (crt, &ca, 1,
                                  GNUTLS_VERIFY_DISABLE_TIME_CHECKS |
                                    GNUTLS_VERIFY_DISABLE_TRUSTED_TIME_CHECKS,
                                  &status) >= 0)
        {
          if (status == 0)
            {
              result = INJ_CHAIN_TRUSTED;
              if (anchor_out)
                *anchor_out = g_object_ref (a->cert);
              if (pinned_out)
                *pinned_out = a->pinned;
            }
          else if (status & GNUTLS_CERT_INSECURE_ALGORITHM)
            result = INJ_CHAIN_INSECURE;
          else if (result != INJ_CHAIN_INSECURE)
            result = INJ_CHAIN_BAD_SIGNATURE;
        }
      gnutls_x509_crt_deinit (ca);
      if (result == INJ_CHAIN_TRUSTED)
        break;
    }
  gnutls_x509_crt_deinit (crt);
  return result;
}
