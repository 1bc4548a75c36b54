/* inj-net-key.h: a client key whose signatures the caller makes, for a
 * My Number card chosen by its reader.
 *
 * Why: GnuTLS 3.7.9 finds a pkcs11: URI's token by the token's fields
 * only (p11_kit_uri_match_token_info and _match_module_info in
 * lib/pkcs11.c: pkcs11_find_slot, _pkcs11_traverse_tokens); the slot-id,
 * slot-description and slot-manufacturer attributes of RFC 7512, which
 * p11-kit 0.24 parses, are never compared. Two JPKI cards have the same
 * token label, model and serial (00000000), so a URI names whichever card
 * comes first, and GnuTLS logs in to it with the PIN it was given (the
 * private key is found with SESSION_LOGIN): the other person's card would
 * lose a try. So the card layer, which chooses by reader, makes the
 * signature, and GnuTLS sees the key through a URL of our own
 * (gnutls_register_custom_url) as an external key. net/ makes no PKCS#11
 * call: it only calls the function it is given. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define INJ_NET_KEY_URL_PREFIX "ininjo-key:"

/* Signs @sha256 (32 bytes) with PKCS#1 v1.5 (the DigestInfo is added by
 * the signer). Called in libcurl's thread during a handshake; may ask for
 * a PIN. */
typedef GBytes *(*InjNetSignFunc) (GBytes *sha256,
                                   gpointer user_data,
                                   GError **error);

/* Registers an RSA key whose certificate is @certificate (DER) and whose
 * issuer, sent with it, is @issuer (DER, or NULL). Returns the URL to give
 * as InjServiceConfig's client_certificate and client_key, with key_kind
 * INJ_CLIENT_KEY_SIGNER. NULL when the certificate cannot be read. */
char   *inj_net_key_register   (GBytes *certificate,
                                GBytes *issuer,
                                InjNetSignFunc sign,
                                gpointer user_data,
                                GDestroyNotify destroy,
                                GError **error);
/* The key cannot be used after this; a handshake under way finishes with
 * what it holds. */
void    inj_net_key_unregister (const char *url);

/* The error of the last signature that failed for @url (its holder's PIN
 * wrong, the card taken out…), taken: NULL when none. */
GError *inj_net_key_take_error (const char *url);

G_END_DECLS
