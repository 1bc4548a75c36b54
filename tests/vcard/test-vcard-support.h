/* test-vcard-support.h: shared fixture of the vcard tests. */
#pragma once

#include "vcard-applet.h"

G_BEGIN_DECLS

#define AUTH_PIN "1234"
#define SIGN_PIN "TESTPASS1"
#define SELECT_AP "00A4040C0AD392F000260100000001"

/* Generated once for a whole test program: key generation is slow. */
typedef struct {
  char *dir;                       /* a valid profile */
  gnutls_x509_privkey_t keys[VCARD_N_PINS];
  GBytes *certs[VCARD_N_CERTS];
  GBytes *key_pems[VCARD_N_PINS];
  GBytes *small_key_pem;           /* RSA-1024, with small_cert */
  GBytes *small_cert;
} Fixture;

extern const char test_valid_ini[];

Fixture *fixture_new    (void);
void     fixture_free   (Fixture *fx);
char    *write_profile  (Fixture *fx,
                         const char *ini);
void     write_bytes    (const char *dir,
                         const char *name,
                         GBytes *bytes);
void     remove_dir     (const char *dir);

/* Driving an applet with APDUs written in hex. */
VcardApplet *applet_new  (Fixture *fx,
                          VcardLog *log);
GBytes  *tx             (VcardApplet *applet,
                         const char *hex);
guint16  sw_of          (GBytes *rsp);
gsize    data_len       (GBytes *rsp);
void     expect         (VcardApplet *applet,
                         const char *hex,
                         guint16 sw,
                         gsize len);
char    *verify_apdu    (const char *pin);
void     verify         (VcardApplet *applet,
                         VcardPin pin,
                         const char *value,
                         guint16 sw);

G_END_DECLS
