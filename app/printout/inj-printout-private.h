/* inj-printout-private.h: the printout's parts and what the tests look
 * into (the page's blocks, where each page's content ends). */
#pragma once

#include <qrencode.h>

#include "inj-printout.h"

G_BEGIN_DECLS

typedef enum {
  INJ_BLOCK_TITLE,    /* 電子委任状 */
  INJ_BLOCK_HEADING,  /* a group of table 4-1 (委任者, 受任者…), kept with what follows */
  INJ_BLOCK_ITEM,     /* label | value; a long value breaks between its lines across pages */
  INJ_BLOCK_NOTE,     /* a paragraph over the whole width, breaking like a value */
  INJ_BLOCK_QR,       /* the ID as a QR code, the ID and the validity URL beside it: kept whole */
} InjBlockKind;

typedef struct {
  InjBlockKind kind;
  char *label;           /* ITEM: its label; QR: the text beside the code */
  char *text;            /* the value, heading, title or paragraph; QR: the data encoded */
  char *keep;            /* a part of the text (a file name, a URL) not to break, if it fits */
  QRcode *qr;            /* QR: the symbol */
  PangoLayout *label_layout; /* after paginate */
  PangoLayout *more_layout;  /* ITEM: the label on the next page: 「…（続き）」 */
  PangoLayout *layout;
} InjBlock;

/* One block (or the lines [first_line, first_line + n_lines) of it) on a
 * page, its top at @y. */
typedef struct {
  guint block;
  int first_line;
  int n_lines;
  double y;
  double height;
} InjPlacement;

struct _InjPrintout {
  InjDelegation *delegation;
  InjVerification *verification;
  char *xml_file_name;
  gboolean reveal;
  char *footer;          /* the ID, at the foot of every page */
  PangoContext *context; /* the last paginate's */
  GPtrArray *blocks;     /* of InjBlock */
  GPtrArray *pages;      /* of GArray of InjPlacement */
  double width;          /* the last paginate's page */
  double height;
};

/* The page's margins (20 mm) and where its body ends above the footer. */
#define INJ_PRINTOUT_MARGIN_PT (20.0 * 72.0 / 25.4)

/* inj-printout-content.c: the blocks of the page, in order. */
GPtrArray *_inj_printout_blocks      (InjDelegation *delegation,
                                      InjVerification *verification,
                                      const char *xml_file_name,
                                      gboolean reveal);
/* The validity URL for @delegation's ID: the validity-url item + "/" + ID
 * (the service's GET /api/v1/validity/{id}); NULL without either. */
char      *_inj_printout_validity_url (InjDelegation *delegation);
void       _inj_block_free            (InjBlock *block);

/* inj-printout-qr.c: the symbol for @text (QR_ECLEVEL_M, 8-bit), NULL on
 * failure; its drawing, @size points square including the quiet zone of
 * four modules, at (@x, @y). */
QRcode    *_inj_qr_encode            (const char *text);
double     _inj_qr_size              (const QRcode *qr);
void       _inj_qr_draw              (const QRcode *qr,
                                      cairo_t *cr,
                                      double x,
                                      double y);

/* The lowest point of page @page_nr's content, and the body's bottom (the
 * footer's top): the tests check that no line crosses it. */
double     _inj_printout_page_bottom (InjPrintout *self,
                                      int page_nr);
double     _inj_printout_body_bottom (InjPrintout *self);

G_END_DECLS
