/* vcard-applet-private.h: what the files of the applet share (the state,
 * the command in flight); vcard-applet-pin.c holds the PIN instructions. */
#pragma once

#include "vcard-applet.h"

G_BEGIN_DECLS

#define SW_OK               0x9000
#define SW_WRONG_LENGTH     0x6700
#define SW_INCOMPATIBLE     0x6981  /* command incompatible with file structure */
#define SW_SECURITY         0x6982  /* security status not satisfied */
#define SW_BLOCKED          0x6983
#define SW_REF_NOT_USABLE   0x6984  /* reference data not usable */
#define SW_NO_CURRENT_EF    0x6986
#define SW_WRONG_DATA       0x6A80
#define SW_FUNC_UNSUPPORTED 0x6A81
#define SW_NOT_FOUND        0x6A82
#define SW_WRONG_P1P2       0x6A86
#define SW_LC_VS_P1P2       0x6A87
#define SW_WRONG_OFFSET     0x6B00
#define SW_INS_UNSUPPORTED  0x6D00
#define SW_CLA_UNSUPPORTED  0x6E00
#define SW_NO_DIAGNOSIS     0x6F00

typedef enum {
  EF_CERT,
  EF_TOKEN_KIND,
  EF_CARD_INFO,
  EF_KEY,
  EF_PIN,
} EfKind;

typedef struct {
  guint16 fid;
  EfKind kind;
  int index;  /* VcardCert for EF_CERT, VcardPin for EF_KEY and EF_PIN */
} Ef;

struct _VcardApplet
{
  VcardProfile *profile;
  VcardLog *log;              /* borrowed, may be NULL */

  gboolean powered;
  gboolean ap_selected;
  const Ef *current;          /* current EF, NULL if none */
  gboolean verified[VCARD_N_PINS];
  /* Retry counters live as long as the process, like a card's EEPROM:
   * removal and power cycles do not restore them. */
  int tries[VCARD_N_PINS];

  gboolean clear_after_sign;
  /* what public sources do not settle (tests/bed/README.md) */
  guint16 locked_query_sw;    /* empty VERIFY at 0 tries: 63 C0 or 69 84 */
  guint16 locked_verify_sw;   /* VERIFY with data at 0 tries: 69 83 or 69 84 */
  gboolean reselect_keeps;    /* SELECT of the AP keeps the verified state */
  gboolean sign_pin_ef;       /* EF 001B exists on a card without signing */
  gboolean change_refuses;    /* CHANGE of a value outside the format: 6A 80 */
  gboolean change_clears;     /* CHANGE ends the PIN's verified state */
  gboolean fault_sign_6f00;
  GArray *fault_select;       /* guint16 FIDs answering 6A 82 */
  GArray *fault_truncated;    /* guint16 FIDs read short */
};

typedef struct {
  guint8 cla, ins, p1, p2;
  gsize lc;
  const guint8 *data;
  gboolean has_le;
  gsize le;                   /* 1 to 256 when has_le */
} Apdu;

/* One command in flight: what to answer and what to log about it. */
typedef struct {
  Apdu a;
  GByteArray *out;            /* response data; the SW is appended last */
  guint16 sw;
  GString *line;              /* log line, NULL when not logging */
  const char *note;
  const char *fault;
} Cmd;

guint16 vcard_say        (Cmd *c,
                          guint16 sw,
                          const char *note);
guint16 vcard_do_verify  (VcardApplet *self,
                          Cmd *c);
guint16 vcard_do_change  (VcardApplet *self,
                          Cmd *c);

G_END_DECLS
