/* inj-printout.h: a delegation a person can read and print (issue 17 §3).
 *
 * One page layout drawn with cairo and Pango, shared by the window's
 * Print… (GtkPrintOperation hands a cairo context and a PangoContext per
 * page), its Save as PDF… and `ininjo-cli render`. No GTK here.
 *
 * InjPrintout is a plain struct, not a GObject: it is built, paginated,
 * drawn and freed by one caller. It keeps its own references to the
 * delegation and the verification. */
#pragma once

#include <glib.h>
#include <cairo.h>
#include <pango/pango.h>

#include "inj-delegation.h"
#include "inj-signature.h"

G_BEGIN_DECLS

typedef struct _InjPrintout InjPrintout;

/* A4 in points, the page write_pdf makes. */
#define INJ_PRINTOUT_A4_WIDTH_PT  595.276
#define INJ_PRINTOUT_A4_HEIGHT_PT 841.890

/* @verification: the signature check of the XML the delegation was read
 * from, or NULL when it is unsigned or was not checked (the page says so).
 * @xml_file_name: the signed XML's file name, shown on the page as the
 * record (正本), or NULL when there is none.
 * @reveal_personal: FALSE masks the personal items and the signer's name
 * as on screen (inj_mask_personal); TRUE only after the user chose to
 * reveal them. */
InjPrintout *inj_printout_new       (InjDelegation *delegation,
                                     InjVerification *verification,
                                     const char *xml_file_name,
                                     gboolean reveal_personal);

/* Lays the content out on pages of the given size (points, the whole
 * page: the printout keeps its own ~20 mm margins) with @context's font
 * map and resolution. Returns the number of pages (≥ 1). Call again when
 * the page size or the context changes; draw_page uses the last layout. */
int          inj_printout_paginate  (InjPrintout *self,
                                     PangoContext *context,
                                     double page_width_pt,
                                     double page_height_pt);

/* Draws page @page_nr (0-based) of the last paginate on @cr, whose user
 * space is the page in points with (0, 0) at its top-left corner (with
 * GtkPrintOperation: use_full_page TRUE and unit GTK_UNIT_POINTS). */
void         inj_printout_draw_page (InjPrintout *self,
                                     cairo_t *cr,
                                     int page_nr);

/* Writes every page, A4, to @path as a PDF: through a temporary file in
 * the same folder renamed over @path at the end, so a failure leaves
 * nothing behind (and an existing file untouched). It paginates again for
 * the PDF: paginate again before a later draw_page elsewhere. */
gboolean     inj_printout_write_pdf (InjPrintout *self,
                                     const char *path,
                                     GError **error);

void         inj_printout_free      (InjPrintout *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (InjPrintout, inj_printout_free)

G_END_DECLS
