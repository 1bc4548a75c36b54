/* test-soft-key.h: a persona's software key that signs the way the card
 * does (PKCS#1 v1.5 over a SHA-256 DigestInfo), for tests and benchmarks
 * that need signatures without a card. Its sign function is an
 * InjDsigSignFunc. */
#pragma once

#include <glib.h>
#include <gnutls/abstract.h>

G_BEGIN_DECLS

typedef struct {
  gnutls_privkey_t key;
  GBytes *cert; /* DER */
} TestSoftKey;

gboolean test_soft_key_load  (TestSoftKey *k,
                              const char *key_pem_path,
                              const char *cert_der_path,
                              GError **error);
void     test_soft_key_clear (TestSoftKey *k);
GBytes  *test_soft_key_sign  (GBytes *sha256,
                              GBytes **certificate,
                              gpointer user_data,
                              GError **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TestSoftKey, test_soft_key_clear)

G_END_DECLS
