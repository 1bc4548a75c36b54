/* inj-printout-qr.c: the delegation ID as a QR code (libqrencode), drawn
 * as one filled path of cairo rectangles, so that a PDF keeps it sharp at
 * any resolution and a rasteriser leaves no seams between modules. */
#include "config.h"

#include <string.h>

#include "inj-printout-private.h"

/* A module of 2.4 pt (0.85 mm): 10 pixels at 300 dpi, and a 36-character
 * ID (version 3, 29 modules) with its quiet zone is 31 mm square. */
#define MODULE_PT 2.4
#define QUIET_MODULES 4

QRcode *
_inj_qr_encode (const char *text)
{
  if (text == NULL || *text == '\0')
    return NULL;
  /* 8-bit mode keeps the text exactly as it is (case included). */
  return QRcode_encodeString8bit (text, 0, QR_ECLEVEL_M);
}

double
_inj_qr_size (const QRcode *qr)
{
  if (qr == NULL)
    return 0;
  return (qr->width + 2 * QUIET_MODULES) * MODULE_PT;
}

void
_inj_qr_draw (const QRcode *qr,
              cairo_t *cr,
              double x,
              double y)
{
  double origin_x = x + QUIET_MODULES * MODULE_PT;
  double origin_y = y + QUIET_MODULES * MODULE_PT;
  double size = _inj_qr_size (qr);

  if (qr == NULL)
    return;
  cairo_save (cr);
  /* The quiet zone is white even on a tinted paper or preview. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, size, size);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
  cairo_new_path (cr);
  for (int row = 0; row < qr->width; row++)
    {
      int col = 0;
      while (col < qr->width)
        {
          int run;
          /* bit 0 of each byte: a dark module */
          if (!(qr->data[row * qr->width + col] & 1))
            {
              col++;
              continue;
            }
          for (run = 1; col + run < qr->width && (qr->data[row * qr->width + col + run] & 1); run++)
            ;
          cairo_rectangle (cr, origin_x + col * MODULE_PT, origin_y + row * MODULE_PT,
                           run * MODULE_PT, MODULE_PT);
          col += run;
        }
    }
  cairo_fill (cr);
  cairo_restore (cr);
}
