/* inj-trust.c */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "inj-resources.h"
#include "inj-trust.h"

#define RESOURCE_JPKI "/io/github/ininjo/Ininjo/jpki-ca/"

/* J-LIS's public roots for digital signatures (jpki-card.md). Only these
 * fingerprints make a CA read from a card trustworthy by itself. */
static const char *const pinned_signing_roots[] = {
  /* 2015-10-20 – 2025-10-19 */
  "19:64:54:05:A1:FE:14:37:74:34:BD:55:95:76:28:AC:40:38:55:7C:54:24:03:A2:24:3F:21:C7:06:FC:93:55",
  /* 2023-07-16 – 2033-07-15 */
  "D2:27:F6:CD:E1:1D:35:C5:25:21:78:F1:06:F8:43:D2:46:51:94:49:75:41:3B:53:9F:A2:FB:68:DB:FA:36:5F",
};

typedef struct {
  InjCertificate *cert;
  gboolean pinned;
} Anchor;

struct _InjTrustStore {
  GObject parent_instance;
  GArray *anchors; /* Anchor */
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

gboolean
inj_jpki_root_is_pinned (const char *sha256_fingerprint)
{
  for (guint i = 0; i < G_N_ELEMENTS (pinned_signing_roots); i++)
    if (g_ascii_strcasecmp (sha256_fingerprint, pinned_signing_roots[i]) == 0)
      return TRUE;
  return FALSE;
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

/* The public JPKI signing roots, compiled in, each checked against its pin. */
InjTrustStore *
inj_trust_store_new_jpki_signing (void)
{
  static const char *const files[] = { "sign_ca_2015.pem", "sign_ca_2023.pem" };
  InjTrustStore *self = inj_trust_store_new ();

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_strconcat (RESOURCE_JPKI, files[i], NULL);
      g_autoptr(GBytes) pem = g_resource_lookup_data (inj_get_resource (), path,
                                                      G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_autoptr(GPtrArray) certs = pem ? certificates_from (pem, NULL) : NULL;
      for (guint k = 0; certs && k < certs->len; k++)
        {
          InjCertificate *c = g_ptr_array_index (certs, k);
          if (inj_jpki_root_is_pinned (inj_certificate_get_fingerprint (c)))
            add_anchor (self, c, TRUE);
          else
            g_critical ("a compiled-in JPKI root does not match its pin: %s", files[i]);
        }
    }
  return self;
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
      add_anchor (self, c, inj_jpki_root_is_pinned (inj_certificate_get_fingerprint (c)));
    }
  return TRUE;
}

/* A CA certificate read from a card (EF 0002) is trusted only when it is
 * one of the pinned public roots: the card could hold anything. */
gboolean
inj_trust_store_add_card_ca (InjTrustStore *self,
                             GBytes *der,
                             GError **error)
{
  g_autoptr(InjCertificate) c = inj_certificate_new_from_der (der, error);

  if (c == NULL)
    return FALSE;
  if (!inj_jpki_root_is_pinned (inj_certificate_get_fingerprint (c)))
    {
      g_set_error (error, INJ_CERTIFICATE_ERROR, INJ_CERTIFICATE_ERROR_PARSE,
                   _("The CA certificate on the card (SHA-256 %s) is not one of the public JPKI "
                     "roots Ininjo knows; it is not trusted."),
                   inj_certificate_get_fingerprint (c));
      return FALSE;
    }
  add_anchor (self, c, TRUE);
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
