/* test-signature-crafted.c: crafted files that must fail, each for its own
 * reason (the first failing check and its words), and that xmlsec1 refuses
 * too where it judges the same thing. Registered by test-signature.c. */
#include "config.h"

#include <string.h>

#include "sign-support.h"

typedef struct {
  const char *name;
  InjCheckKind expected;
  const char *message_part;  /* part of the failing check's message, or NULL */
} Crafted;

static const Crafted crafted[] = {
  { "content-byte", INJ_CHECK_SIGNATURE, "変更" },
  { "signed-info-digest", INJ_CHECK_SIGNATURE, NULL },
  { "signed-info-algorithm", INJ_CHECK_SIGNATURE, NULL },
  { "signature-value", INJ_CHECK_SIGNATURE, NULL },
  { "wrap-in-object", INJ_CHECK_SIGNATURE, NULL },
  { "wrap-in-keyinfo", INJ_CHECK_SIGNATURE, NULL },
  { "wrap-in-root", INJ_CHECK_DOCUMENT, NULL },
  { "wrap-outside", INJ_CHECK_DOCUMENT, NULL },
  { "reference-to-id", INJ_CHECK_SIGNATURE, "全体" },
  { "comment-inside", INJ_CHECK_SIGNATURE, "コメント" },
  /* a space in a value breaks the item rules before the signature is
   * even looked at; between elements only the signature notices it */
  { "whitespace-in-text", INJ_CHECK_DOCUMENT, "空白" },
  { "whitespace-between-elements", INJ_CHECK_SIGNATURE, "変更" },
  { "two-signatures", INJ_CHECK_DOCUMENT, NULL },
  { "signature-not-last", INJ_CHECK_DOCUMENT, NULL },
  { "sha1", INJ_CHECK_SIGNATURE, "SHA-1" },
  { "rsa-1024", INJ_CHECK_KEY, "1024" },
  { "certificate-sha1", INJ_CHECK_KEY, "SHA-1" },
  { "no-non-repudiation", INJ_CHECK_KEY_USAGE, NULL },
  { "unknown-ca", INJ_CHECK_CHAIN, NULL },
  { "impostor-ca", INJ_CHECK_CHAIN, NULL },
  { "expired", INJ_CHECK_VALID_AT_SIGNING, NULL },
  { "certificate-swapped", INJ_CHECK_SIGNATURE, NULL },
};

/* One byte of a base64 value changed to another valid base64 character. */
static GBytes *
flip_base64 (GBytes *xml,
             const char *element)
{
  g_autofree char *open = g_strdup_printf ("<ds:%s>", element);
  g_autofree char *close = g_strdup_printf ("</ds:%s>", element);
  g_autofree char *value = sign_between (xml, open, close);
  g_autofree char *changed = g_strdup (value);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  changed[10] = changed[10] == 'A' ? 'B' : 'A';
  from = g_strconcat (open, value, close, NULL);
  to = g_strconcat (open, changed, close, NULL);
  return sign_replace (xml, from, to);
}

static GBytes *
signed_by_weak (const char *name)
{
  g_auto(SoftKey) k = sign_weak_key (name);
  g_autoptr(InjDelegation) d = sign_new_delegation ("弱鍵 試験");
  return sign_delegation_with (d, &k);
}

/* A SHA-1 signature made by xmlsec1 with a trusted persona's key. */
static GBytes *
signed_sha1 (void)
{
  g_autoptr(GBytes) good = sign_signed_by ("representative");
  g_autoptr(GBytes) tmpl = NULL;
  g_autofree char *sig = sign_between (good, "<ds:Signature", "</ds:Signature>");
  g_autofree char *whole = g_strconcat ("<ds:Signature", sig, "</ds:Signature>", NULL);
  g_autoptr(GBytes) stripped = sign_replace (good, whole, "");
  g_autofree char *key = sign_persona_file ("representative", "sign-key.pem");
  g_autofree char *path = NULL;
  g_autofree char *out = g_build_filename (sign_work, "sha1.xml", NULL);
  g_autofree char *text = NULL;
  gsize len;
  int status;

  tmpl = sign_replace (stripped, "</Delegation>",
                       "  <ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:SignedInfo>"
                       "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>"
                       "<ds:SignatureMethod Algorithm=\"http://www.w3.org/2000/09/xmldsig#rsa-sha1\"/>"
                       "<ds:Reference URI=\"\"><ds:Transforms>"
                       "<ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>"
                       "<ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>"
                       "</ds:Transforms><ds:DigestMethod Algorithm=\"http://www.w3.org/2000/09/xmldsig#sha1\"/>"
                       "<ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/>"
                       "<ds:KeyInfo><ds:X509Data><ds:X509Certificate/></ds:X509Data></ds:KeyInfo>"
                       "</ds:Signature>\n</Delegation>");
  path = sign_write_temp (tmpl, "sha1-template.xml");
  {
    const char *argv[] = { "xmlsec1", "--sign", "--privkey-pem", key, "--output", out, path, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 NULL, NULL, &status, NULL));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  g_assert_true (g_file_get_contents (out, &text, &len, NULL));
  return g_bytes_new_take (g_steal_pointer (&text), len);
}

static GBytes *
craft (const char *name)
{
  g_autoptr(GBytes) good = sign_signed_by ("representative");

  if (g_str_equal (name, "content-byte"))
    return sign_replace (good, "テスト商事株式会社", "テスト商事株式会杜");
  if (g_str_equal (name, "signed-info-digest"))
    return flip_base64 (good, "DigestValue");
  if (g_str_equal (name, "signed-info-algorithm"))
    return sign_replace (good, "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"",
                         "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/TR/2001/REC-xml-c14n-20010315\"");
  if (g_str_equal (name, "signature-value"))
    return flip_base64 (good, "SignatureValue");
  if (g_str_equal (name, "wrap-in-object") || g_str_equal (name, "wrap-in-keyinfo") ||
      g_str_equal (name, "wrap-in-root") || g_str_equal (name, "wrap-outside"))
    {
      /* an unsigned copy with other content, in several places */
      g_autoptr(InjDelegation) other = sign_new_delegation ("偽装 五郎");
      g_autoptr(GBytes) copy_xml = inj_delegation_to_xml (other, NULL);
      const char *copy = g_strstr_len (g_bytes_get_data (copy_xml, NULL), (gssize) g_bytes_get_size (copy_xml), "<Delegation");
      g_autofree char *copy_str = g_strndup (copy, g_bytes_get_size (copy_xml) -
                                                     (copy - (const char *) g_bytes_get_data (copy_xml, NULL)));
      if (g_str_equal (name, "wrap-in-object"))
        {
          g_autofree char *to = g_strconcat ("</ds:KeyInfo><ds:Object>", copy_str, "</ds:Object>", NULL);
          return sign_replace (good, "</ds:KeyInfo>", to);
        }
      if (g_str_equal (name, "wrap-in-keyinfo"))
        {
          g_autofree char *to = g_strconcat ("<ds:KeyInfo>", copy_str, NULL);
          return sign_replace (good, "<ds:KeyInfo>", to);
        }
      if (g_str_equal (name, "wrap-in-root"))
        {
          g_autofree char *to = g_strconcat (copy_str, "<ds:Signature", NULL);
          return sign_replace (good, "<ds:Signature", to);
        }
      {
        /* the copy becomes the document, the signed original its child */
        const char *orig = g_strstr_len (g_bytes_get_data (good, NULL), (gssize) g_bytes_get_size (good), "<Delegation");
        g_autofree char *inner = g_strndup (orig, g_bytes_get_size (good) -
                                                    (orig - (const char *) g_bytes_get_data (good, NULL)));
        g_autoptr(GString) s = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        g_string_append (s, copy_str);
        g_string_replace (s, "</Delegation>", "", 0);
        g_string_append (s, inner);
        g_string_append (s, "</Delegation>\n");
        return g_bytes_new (s->str, s->len);
      }
    }
  if (g_str_equal (name, "reference-to-id"))
    return sign_replace (good, "<ds:Reference URI=\"\">", "<ds:Reference URI=\"#delegation\">");
  if (g_str_equal (name, "comment-inside"))
    return sign_replace (good, "<Scope>", "<Scope><!-- 追記 -->");
  if (g_str_equal (name, "whitespace-in-text"))
    return sign_replace (good, "<Scope>", "<Scope> ");
  if (g_str_equal (name, "whitespace-between-elements"))
    return sign_replace (good, "<Agent>", "<Agent> ");
  if (g_str_equal (name, "two-signatures"))
    {
      g_autofree char *sig = sign_between (good, "<ds:Signature", "</ds:Signature>");
      g_autofree char *twice = g_strconcat ("<ds:Signature", sig, "</ds:Signature><ds:Signature",
                                            NULL);
      return sign_replace (good, "<ds:Signature", twice);
    }
  if (g_str_equal (name, "signature-not-last"))
    {
      g_autofree char *sig = sign_between (good, "<ds:Signature", "</ds:Signature>");
      g_autofree char *whole = g_strconcat ("<ds:Signature", sig, "</ds:Signature>", NULL);
      g_autoptr(GBytes) without = sign_replace (good, whole, "");
      g_autofree char *to = g_strconcat (whole, "  <Service>", NULL);
      return sign_replace (without, "  <Service>", to);
    }
  if (g_str_equal (name, "sha1"))
    return signed_sha1 ();
  if (g_str_equal (name, "rsa-1024"))
    return signed_by_weak ("rsa1024");
  if (g_str_equal (name, "certificate-sha1"))
    return signed_by_weak ("sha1");
  if (g_str_equal (name, "no-non-repudiation"))
    return signed_by_weak ("no-nonrep");
  if (g_str_equal (name, "unknown-ca"))
    return sign_signed_by ("unknown-ca");
  if (g_str_equal (name, "impostor-ca"))
    return sign_signed_by ("impostor-ca");
  if (g_str_equal (name, "expired"))
    return sign_signed_by ("expired");
  if (g_str_equal (name, "certificate-swapped"))
    {
      g_autofree char *path = sign_persona_file ("proprietor", "sign-cert.der");
      g_autofree char *der = NULL;
      gsize len;
      g_autofree char *b64 = NULL;
      g_autofree char *old = sign_between (good, "<ds:X509Certificate>", "</ds:X509Certificate>");
      g_assert_true (g_file_get_contents (path, &der, &len, NULL));
      b64 = g_base64_encode ((const guchar *) der, len);
      return sign_replace (good, old, b64);
    }
  g_assert_not_reached ();
}

static void
test_crafted (gconstpointer data)
{
  const Crafted *c = data;
  g_autoptr(GBytes) xml = craft (c->name);
  g_autoptr(InjTrustStore) t = sign_trust ();
  g_autoptr(GError) error = NULL;
  g_autoptr(InjVerification) v = inj_verify_delegation (xml, t, NULL, NULL, &error);
  const InjCheck *failed;

  if (v == NULL)
    {
      /* not even XML a delegation could be read from: refused all the same */
      g_test_message ("%s: %s", c->name, error->message);
      g_assert_cmpint (c->expected, ==, INJ_CHECK_DOCUMENT);
      return;
    }
  {
    g_autofree char *text = inj_verification_render (v);
    g_test_message ("%s:\n%s", c->name, text);
  }
  g_assert_false (inj_verification_is_valid (v));
  failed = sign_first_failure (v);
  g_assert_nonnull (failed);
  g_assert_cmpint (failed->kind, ==, c->expected);
  if (c->message_part)
    g_assert_nonnull (strstr (failed->message, c->message_part));
  /* the independent implementation refuses them too, where it judges the
   * same thing (cryptography and structure; trust is ours to decide) */
  if (c->expected == INJ_CHECK_SIGNATURE && !g_str_equal (c->name, "comment-inside") &&
      !g_str_equal (c->name, "wrap-in-keyinfo") && !g_str_equal (c->name, "wrap-in-object") &&
      !g_str_equal (c->name, "sha1") && !g_str_equal (c->name, "signed-info-algorithm"))
    g_assert_false (sign_xmlsec1_verifies (xml));
}

void
sign_add_crafted_tests (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (crafted); i++)
    {
      g_autofree char *path = g_strdup_printf ("/signature/crafted/%s", crafted[i].name);
      g_test_add_data_func (path, &crafted[i], test_crafted);
    }
}
