/* inj-signature.c */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "inj-date.h"
#include "inj-delegation-xml.h"
#include "inj-signature.h"
#include "inj-render.h"
#include "inj-signature-private.h"
#include "inj-xml-private.h"

struct _InjVerification {
  GObject parent_instance;
  GPtrArray *checks;
  InjCertificate *signer;
  GBytes *digest;
  GDateTime *checked_at; /* the "now" of inj_verify_delegation, for the printout */
};

G_DEFINE_FINAL_TYPE (InjVerification, inj_verification, G_TYPE_OBJECT)

static void
check_free (InjCheck *c)
{
  g_free (c->message);
  g_free (c);
}

static void
inj_verification_finalize (GObject *object)
{
  InjVerification *self = INJ_VERIFICATION (object);

  g_ptr_array_unref (self->checks);
  g_clear_object (&self->signer);
  g_clear_pointer (&self->digest, g_bytes_unref);
  g_clear_pointer (&self->checked_at, g_date_time_unref);
  G_OBJECT_CLASS (inj_verification_parent_class)->finalize (object);
}

static void
inj_verification_class_init (InjVerificationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = inj_verification_finalize;
}

static void
inj_verification_init (InjVerification *self)
{
  self->checks = g_ptr_array_new_with_free_func ((GDestroyNotify) check_free);
}

void
inj_verification_add (InjVerification *self,
                      InjCheckKind kind,
                      InjCheckResult result,
                      const char *message)
{
  InjCheck *c = g_new0 (InjCheck, 1);

  c->kind = kind;
  c->result = result;
  c->message = g_strdup (message);
  g_ptr_array_add (self->checks, c);
}

/* When inj_verify_delegation() checked (its @now); NULL for a report made
 * another way. */
GDateTime *
inj_verification_get_checked_at (InjVerification *self)
{
  g_return_val_if_fail (INJ_IS_VERIFICATION (self), NULL);
  return self->checked_at;
}

/* Valid for use now: every check passed at the signing time AND now. A
 * delegation whose signer's certificate, or the root that issued it, has
 * expired since it was signed is not valid (as an expired end-entity
 * certificate already was): sign refuses it, the service would too. The
 * report still tells such a signature from an untrusted one; see
 * inj_verification_was_valid_when_signed(). */
gboolean
inj_verification_is_valid (InjVerification *self)
{
  for (guint i = 0; i < self->checks->len; i++)
    if (((InjCheck *) self->checks->pdata[i])->result == INJ_CHECK_FAILED)
      return FALSE;
  return self->checks->len > 0;
}

/* Trustworthy at the signing time: every check passed except those that
 * judge "now" (the signer's certificate and its root may have expired
 * since). An untrusted issuer, a root not valid then, a bad signature are
 * never excused. */
gboolean
inj_verification_was_valid_when_signed (InjVerification *self)
{
  gboolean chain_judged = FALSE;

  for (guint i = 0; i < self->checks->len; i++)
    {
      InjCheck *c = self->checks->pdata[i];
      if (c->kind == INJ_CHECK_CHAIN && c->result == INJ_CHECK_PASSED)
        chain_judged = TRUE;
      if (c->result == INJ_CHECK_FAILED && c->kind != INJ_CHECK_VALID_NOW &&
          c->kind != INJ_CHECK_ROOT_NOW)
        return FALSE;
    }
  return chain_judged;
}

gboolean
inj_verification_has_warnings (InjVerification *self)
{
  for (guint i = 0; i < self->checks->len; i++)
    if (((InjCheck *) self->checks->pdata[i])->result == INJ_CHECK_WARNING)
      return TRUE;
  return FALSE;
}

GPtrArray *
inj_verification_get_checks (InjVerification *self)
{
  return self->checks;
}

const InjCheck *
inj_verification_find (InjVerification *self,
                       InjCheckKind kind)
{
  for (guint i = 0; i < self->checks->len; i++)
    if (((InjCheck *) self->checks->pdata[i])->kind == kind)
      return self->checks->pdata[i];
  return NULL;
}

InjCertificate *
inj_verification_get_signer (InjVerification *self)
{
  return self->signer;
}

GBytes *
inj_verification_get_digest (InjVerification *self)
{
  return self->digest;
}

char *
inj_verification_render (InjVerification *self)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < self->checks->len; i++)
    {
      InjCheck *c = self->checks->pdata[i];
      const char *mark = c->result == INJ_CHECK_PASSED    ? "○"
                         : c->result == INJ_CHECK_WARNING ? "△"
                                                          : "×";
      g_string_append_printf (out, "  %s %s\n", mark, c->message);
    }
  return g_string_free (out, FALSE);
}

void
_inj_verification_set_signer (InjVerification *self,
                              InjCertificate *signer,
                              GBytes *digest)
{
  g_set_object (&self->signer, signer);
  g_clear_pointer (&self->digest, g_bytes_unref);
  self->digest = digest ? g_bytes_ref (digest) : NULL;
}

/* ------------------------------------------------------------- names */

/* Names as people compare them: width folded (NFKC: ＡＢＣ = ABC, ｶﾅ = カナ)
 * and every space removed (half-width, full-width U+3000). */
char *
inj_name_fold (const char *name)
{
  g_autofree char *nfkc = g_utf8_normalize (name ? name : "", -1, G_NORMALIZE_NFKC);
  GString *out = g_string_new (NULL);

  for (const char *p = nfkc; p && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_isspace (c) && c != 0x3000)
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

gboolean
inj_names_match (const char *a,
                 const char *b)
{
  g_autofree char *fa = inj_name_fold (a);
  g_autofree char *fb = inj_name_fold (b);

  return *fa != '\0' && g_str_equal (fa, fb);
}

/* ------------------------------------------------------------- signer */

/* The root that vouches for the signer is judged at both times too: the
 * 2015 roots expired on 2025-10-19, and a signature made while one was valid
 * is "valid when signed, the root has expired since", neither untrusted nor
 * made under an expired root. */
static void
check_root_times (InjVerification *v,
                  InjCertificate *anchor,
                  GDateTime *signed_at,
                  GDateTime *now)
{
  g_autofree char *from = inj_date_display_day (inj_certificate_get_not_before (anchor));
  g_autofree char *until = inj_date_display_day (inj_certificate_get_not_after (anchor));
  gboolean then = signed_at != NULL && inj_certificate_is_valid_at (anchor, signed_at);
  gboolean still = inj_certificate_is_valid_at (anchor, now);

  if (!then)
    {
      g_autofree char *m = g_strdup_printf (_("The root that issued the signer's certificate "
                                              "was not valid when the document was signed "
                                              "(valid %s – %s)."),
                                            from, until);
      inj_verification_add (v, INJ_CHECK_ROOT_AT_SIGNING, INJ_CHECK_FAILED, m);
    }
  else
    inj_verification_add (v, INJ_CHECK_ROOT_AT_SIGNING, INJ_CHECK_PASSED,
                          _("The root that issued the signer's certificate was valid when the "
                            "document was signed."));
  if (!still && !then)
    {
      g_autofree char *m = g_strdup_printf (_("The root that issued the signer's certificate "
                                              "is not valid now either (valid %s – %s)."),
                                            from, until);
      inj_verification_add (v, INJ_CHECK_ROOT_NOW, INJ_CHECK_FAILED, m);
    }
  else if (!still)
    {
      g_autofree char *m = g_strdup_printf (_("The root that issued the signer's certificate "
                                              "has expired since (valid %s – %s): the "
                                              "signature was made under a valid root, but it "
                                              "cannot be used now."),
                                            from, until);
      inj_verification_add (v, INJ_CHECK_ROOT_NOW, INJ_CHECK_FAILED, m);
    }
  else
    {
      g_autofree char *m = g_strdup_printf (_("The root that issued the signer's certificate "
                                              "is valid now (until %s)."),
                                            until);
      inj_verification_add (v, INJ_CHECK_ROOT_NOW, INJ_CHECK_PASSED, m);
    }
}

/* What the certificate in a signature must be: a key of 2048 bits or more,
 * issued by a trusted JPKI signing root without SHA-1, valid when the
 * document was signed and now, for non-repudiation. */
void
_inj_verification_check_signer (InjVerification *v,
                                InjCertificate *cert,
                                InjTrustStore *trust,
                                GDateTime *signed_at,
                                GDateTime *now)
{
  g_autoptr(InjCertificate) anchor = NULL;
  gboolean pinned = FALSE;
  InjChainStatus chain;

  if (!inj_certificate_is_rsa (cert) || inj_certificate_get_key_bits (cert) < 2048)
    {
      g_autofree char *m = g_strdup_printf (_("The signer's key is %u bits; at least 2048-bit "
                                              "RSA is required."),
                                            inj_certificate_get_key_bits (cert));
      inj_verification_add (v, INJ_CHECK_KEY, INJ_CHECK_FAILED, m);
    }
  else if (inj_certificate_signed_with_sha1 (cert))
    inj_verification_add (v, INJ_CHECK_KEY, INJ_CHECK_FAILED,
                          _("The signer's certificate is signed with SHA-1, which is no longer "
                            "allowed."));
  else
    {
      g_autofree char *m = g_strdup_printf (_("RSA key of %u bits, no SHA-1."),
                                            inj_certificate_get_key_bits (cert));
      inj_verification_add (v, INJ_CHECK_KEY, INJ_CHECK_PASSED, m);
    }

  chain = inj_trust_store_check (trust, cert, &anchor, &pinned);
  switch (chain)
    {
    case INJ_CHAIN_TRUSTED:
      {
        g_autofree char *root = inj_render_ca_name (inj_certificate_get_subject (anchor));
        g_autofree char *m = g_strdup_printf (pinned ? _("Issued by a public JPKI signing root "
                                                         "(%s).")
                                                     : _("Issued by a configured trust anchor "
                                                         "(%s)."),
                                              root);
        inj_verification_add (v, INJ_CHECK_CHAIN, INJ_CHECK_PASSED, m);
        check_root_times (v, anchor, signed_at, now);
      }
      break;
    case INJ_CHAIN_INSECURE:
      inj_verification_add (v, INJ_CHECK_CHAIN, INJ_CHECK_FAILED,
                            _("The signer's certificate is signed with a weak algorithm "
                              "(SHA-1)."));
      break;
    case INJ_CHAIN_BAD_SIGNATURE:
    case INJ_CHAIN_UNKNOWN_ISSUER:
    default:
      {
        g_autofree char *issuer = inj_render_ca_name (inj_certificate_get_issuer (cert));
        g_autofree char *m = g_strdup_printf (_("The signer's certificate was not issued by a "
                                                "JPKI signing root Ininjo trusts (issuer: %s)."),
                                              issuer);
        inj_verification_add (v, INJ_CHECK_CHAIN, INJ_CHECK_FAILED, m);
      }
      break;
    }

  {
    g_autofree char *from = inj_date_display_day (inj_certificate_get_not_before (cert));
    g_autofree char *until = inj_date_display_day (inj_certificate_get_not_after (cert));
    if (signed_at == NULL || !inj_certificate_is_valid_at (cert, signed_at))
      {
        g_autofree char *m = g_strdup_printf (_("The signer's certificate was not valid when "
                                                "the document was signed (valid %s – %s)."),
                                              from, until);
        inj_verification_add (v, INJ_CHECK_VALID_AT_SIGNING, INJ_CHECK_FAILED, m);
      }
    else
      inj_verification_add (v, INJ_CHECK_VALID_AT_SIGNING, INJ_CHECK_PASSED,
                            _("The signer's certificate was valid when the document was "
                              "signed."));
    if (!inj_certificate_is_valid_at (cert, now))
      {
        g_autofree char *m = g_strdup_printf (_("The signer's certificate is not valid now "
                                                "(valid %s – %s)."), from, until);
        inj_verification_add (v, INJ_CHECK_VALID_NOW, INJ_CHECK_FAILED, m);
      }
    else
      {
        g_autofree char *m = g_strdup_printf (_("The signer's certificate is valid now (until "
                                                "%s)."), until);
        inj_verification_add (v, INJ_CHECK_VALID_NOW, INJ_CHECK_PASSED, m);
      }
  }

  /* A J-LIS test card is legitimate against a test service (which trusts
   * the test root); the user is told, the signature is not refused here.
   * Anything else without JPKI's signing policy is no 署名用電子証明書. */
  if (inj_certificate_has_policy (cert, INJ_JPKI_POLICY_SIGNING))
    inj_verification_add (v, INJ_CHECK_POLICY, INJ_CHECK_PASSED,
                          _("The certificate carries JPKI's policy for signatures."));
  else if (inj_certificate_has_policy (cert, INJ_JPKI_POLICY_TEST_CARD_SIGNING))
    inj_verification_add (v, INJ_CHECK_POLICY, INJ_CHECK_WARNING,
                          _("The certificate is from a J-LIS test card (policy "
                            "1.2.392.200149.8.5.1.0.20): only a test service accepts it, never "
                            "the real service."));
  else
    inj_verification_add (v, INJ_CHECK_POLICY, INJ_CHECK_FAILED,
                          _("The certificate does not carry JPKI's policy for signatures: it is "
                            "not a signing certificate (署名用電子証明書)."));

  if (inj_certificate_has_non_repudiation (cert))
    inj_verification_add (v, INJ_CHECK_KEY_USAGE, INJ_CHECK_PASSED,
                          _("The certificate is for signatures (non-repudiation)."));
  else
    inj_verification_add (v, INJ_CHECK_KEY_USAGE, INJ_CHECK_FAILED,
                          _("The certificate's key usage lacks non-repudiation: it is not a "
                            "signing certificate (署名用電子証明書)."));
}

/* The signature of @doc and its signer; a NULL result when the signature
 * itself cannot be trusted (the report says why). */
static InjCertificate *
check_signature (InjVerification *v,
                 xmlDocPtr doc,
                 InjTrustStore *trust,
                 GDateTime *signed_at,
                 GDateTime *now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) der = NULL;
  g_autoptr(GBytes) digest = NULL;
  InjCertificate *cert;

  if (!inj_xmldsig_verify (doc, &der, &digest, &error))
    {
      inj_verification_add (v, INJ_CHECK_SIGNATURE, INJ_CHECK_FAILED, error->message);
      return NULL;
    }
  cert = inj_certificate_new_from_der (der, &error);
  if (cert == NULL)
    {
      inj_verification_add (v, INJ_CHECK_SIGNATURE, INJ_CHECK_FAILED, error->message);
      return NULL;
    }
  inj_verification_add (v, INJ_CHECK_SIGNATURE, INJ_CHECK_PASSED,
                        _("The signature (RSA-SHA256) covers the whole document, unchanged."));
  v->digest = g_steal_pointer (&digest);
  _inj_verification_check_signer (v, cert, trust, signed_at, now);
  return cert;
}

InjCertificate *
_inj_verification_check_signature (InjVerification *v,
                                   xmlDocPtr doc,
                                   InjTrustStore *trust,
                                   GDateTime *signed_at,
                                   GDateTime *now)
{
  InjCertificate *cert = check_signature (v, doc, trust, signed_at, now);

  if (cert)
    g_set_object (&v->signer, cert);
  return cert;
}

/* Verifies a signed delegation. Returns the report (NULL only when the
 * bytes cannot be read as XML at all) and, when every check passed, the
 * delegation read from exactly the signed content. */
InjVerification *
inj_verify_delegation (GBytes *xml,
                       InjTrustStore *trust,
                       GDateTime *now,
                       InjDelegation **delegation_out,
                       GError **error)
{
  g_autoptr(InjVerification) v = g_object_new (INJ_TYPE_VERIFICATION, NULL);
  g_autoptr(InjDelegation) d = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDateTime) signed_at = NULL;
  g_autoptr(GDateTime) current = now ? g_date_time_ref (now) : inj_date_now ();
  xmlDocPtr doc;

  if (delegation_out)
    *delegation_out = NULL;
  v->checked_at = g_date_time_ref (current);
  doc = inj_xml_parse (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml), error);
  if (doc == NULL)
    return NULL;

  d = inj_delegation_from_doc (doc, NULL, &local_error);
  if (d == NULL)
    {
      inj_verification_add (v, INJ_CHECK_DOCUMENT, INJ_CHECK_FAILED, local_error->message);
      xmlFreeDoc (doc);
      return g_steal_pointer (&v);
    }
  inj_verification_add (v, INJ_CHECK_DOCUMENT, INJ_CHECK_PASSED,
                        _("The delegation follows the schema and every item rule."));

  /* The document says when it was made; the signature cannot be older. */
  inj_date_parse_datetime (inj_delegation_get_text (d, INJ_FIELD_CREATED_AT), &signed_at);
  v->signer = check_signature (v, doc, trust, signed_at, current);
  xmlFreeDoc (doc);

  if (v->signer)
    {
      if (!inj_certificate_has_jpki_fields (v->signer))
        inj_verification_add (v, INJ_CHECK_JPKI_FIELDS, INJ_CHECK_FAILED,
                              _("The signer's certificate has no JPKI name and address: it is "
                                "not a 署名用電子証明書."));
      else
        {
          InjField field = inj_delegation_get_principal_kind (d) == INJ_PRINCIPAL_KIND_CORPORATION
                             ? INJ_FIELD_REPRESENTATIVE_NAME
                             : INJ_FIELD_PROPRIETOR_NAME;
          /* Seed 000, 3.1.2: the service compares the representative with
           * the signing certificate's name; a mismatch will be rejected. */
          if (inj_names_match (inj_delegation_get_text (d, field),
                               inj_certificate_get_jpki_field (v->signer, INJ_JPKI_NAME)))
            {
              g_autofree char *m = g_strdup_printf (_("The signer's name matches “%s”."),
                                                    inj_field_label (field));
              inj_verification_add (v, INJ_CHECK_NAME, INJ_CHECK_PASSED, m);
            }
          else
            {
              g_autofree char *m = g_strdup_printf (_("The signer's name in the certificate "
                                                      "differs from “%s”: the service compares "
                                                      "them and will refuse the delegation."),
                                                    inj_field_label (field));
              inj_verification_add (v, INJ_CHECK_NAME, INJ_CHECK_WARNING, m);
            }
        }
    }
  if (delegation_out && inj_verification_is_valid (v))
    *delegation_out = g_steal_pointer (&d);
  return g_steal_pointer (&v);
}

/* ------------------------------------------------------------- signing */

GBytes *
inj_sign_document (xmlDocPtr doc,
                   InjDsigSignFunc sign,
                   gpointer user_data,
                   GError **error)
{
  return inj_xmldsig_sign (doc, sign, user_data, error);
}

/* The delegation as it will be signed: its XML, then the signature. */
GBytes *
inj_sign_delegation (InjDelegation *delegation,
                     InjDsigSignFunc sign,
                     gpointer user_data,
                     GError **error)
{
  g_autoptr(GBytes) xml = inj_delegation_to_xml (delegation, error);
  xmlDocPtr doc;
  GBytes *signed_xml;

  if (xml == NULL)
    return NULL;
  doc = inj_xml_parse (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml), error);
  if (doc == NULL)
    return NULL;
  signed_xml = inj_xmldsig_sign (doc, sign, user_data, error);
  xmlFreeDoc (doc);
  return signed_xml;
}

/* The digest an agent's submission names: the delegation's content without
 * its signature, canonicalised (the representative's Reference digest). */
GBytes *
inj_delegation_digest (GBytes *xml,
                       GError **error)
{
  xmlDocPtr doc = inj_xml_parse (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml), error);
  g_autoptr(InjDelegation) d = NULL;
  GBytes *digest;

  if (doc == NULL)
    return NULL;
  d = inj_delegation_from_doc (doc, NULL, error);
  if (d == NULL)
    {
      xmlFreeDoc (doc);
      return NULL;
    }
  digest = inj_xmldsig_reference_digest (doc, error);
  xmlFreeDoc (doc);
  return digest;
}

GBytes *
inj_card_signer_sign (GBytes *sha256,
                      GBytes **certificate,
                      gpointer signer,
                      GError **error)
{
  InjCardSigner *s = signer;

  g_return_val_if_fail (s != NULL && INJ_IS_CARD (s->card), NULL);
  return inj_card_sign_digest_with_certificate (s->card, INJ_PIN_SIGN, sha256, s->interaction,
                                                certificate, s->cancellable, error);
}
