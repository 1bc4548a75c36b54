/* inj-printout.c: the page's layout with Pango, its pages, its drawing
 * with cairo, and the PDF. The same paginate and draw serve a
 * GtkPrintOperation (its context per page) and the PDF writer.
 *
 * Sizes are absolute (points in the cairo user space), so the layout does
 * not depend on the PangoContext's resolution: a print context at 300 dpi
 * and a PDF at 72 give the same pages. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "inj-printout-private.h"

/* The application's Japanese font (fonts-ipafont-gothic), then what
 * fontconfig has. */
#define FONT_FAMILIES "IPAGothic, IPAexGothic, Noto Sans CJK JP, sans-serif"

#define TITLE_PT 22.0
#define HEADING_PT 13.0
#define BODY_PT 10.0
#define LABEL_PT 9.5
#define NOTE_PT 9.5
#define QR_TEXT_PT 9.0
#define FOOTER_PT 8.0
#define LINE_SPACING 1.25
#define ROW_GAP 3.0
#define HEADING_BEFORE 12.0
#define HEADING_AFTER 6.0
#define COLUMN_GAP 12.0
#define LABEL_SHARE 0.27
#define FOOTER_SPACE (FOOTER_PT * 1.6 + 10.0)

typedef struct {
  double top;
  double bottom;
  double baseline;
} LineBox;

InjPrintout *
inj_printout_new (InjDelegation *delegation,
                  InjVerification *verification,
                  const char *xml_file_name,
                  gboolean reveal_personal)
{
  InjPrintout *self;
  const char *id;

  g_return_val_if_fail (INJ_IS_DELEGATION (delegation), NULL);
  g_return_val_if_fail (verification == NULL || INJ_IS_VERIFICATION (verification), NULL);

  self = g_new0 (InjPrintout, 1);
  self->delegation = g_object_ref (delegation);
  self->verification = verification ? g_object_ref (verification) : NULL;
  self->xml_file_name = g_strdup (xml_file_name);
  self->reveal = reveal_personal;
  self->blocks = _inj_printout_blocks (delegation, verification, xml_file_name, reveal_personal);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  id = inj_delegation_get_text (delegation, INJ_FIELD_DELEGATION_ID);
  self->footer = id ? g_strdup_printf ("%s %s", inj_field_label (INJ_FIELD_DELEGATION_ID), id)
                    : g_strdup (_("Electronic delegation (電子委任状)"));
  return self;
}

void
inj_printout_free (InjPrintout *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->delegation);
  g_clear_object (&self->verification);
  g_clear_object (&self->context);
  g_free (self->xml_file_name);
  g_free (self->footer);
  g_ptr_array_unref (self->blocks);
  g_ptr_array_unref (self->pages);
  g_free (self);
}

/* ------------------------------------------------------------- layout */

/* A file name or a URL broken at its hyphen reads as two words (and
 * pdftotext joins the lines without it): kept on one line when it fits
 * in one. */
#define KEEP_WHOLE_MAX_CHARS 80

static PangoLayout *
make_layout_keeping (PangoContext *context,
                     const char *text,
                     double size,
                     double width,
                     const char *keep)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILIES);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  /* IPAGothic has no bold face: a synthetic one would be embedded as an
   * anonymous outline font, so a heading stands out by its size. */
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  /* Japanese line breaking and glyph forms */
  pango_attr_list_insert (attrs, pango_attr_language_new (pango_language_from_string ("ja")));
  if (keep && text && g_utf8_strlen (keep, -1) <= KEEP_WHOLE_MAX_CHARS && strstr (text, keep))
    {
      PangoAttribute *whole = pango_attr_allow_breaks_new (FALSE);
      whole->start_index = strstr (text, keep) - text;
      whole->end_index = whole->start_index + strlen (keep);
      pango_attr_list_insert (attrs, whole);
    }
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  if (width > 0)
    {
      pango_layout_set_width (layout, pango_units_from_double (width));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_line_spacing (layout, LINE_SPACING);
  pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

static PangoLayout *
make_layout (PangoContext *context,
             const char *text,
             double size,
             double width)
{
  return make_layout_keeping (context, text, size, width, NULL);
}

static GArray *
line_boxes (PangoLayout *layout)
{
  GArray *boxes = g_array_new (FALSE, FALSE, sizeof (LineBox));
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      int y0, y1;
      LineBox box;
      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      box.top = pango_units_to_double (y0);
      box.bottom = pango_units_to_double (y1);
      box.baseline = pango_units_to_double (pango_layout_iter_get_baseline (iter));
      g_array_append_val (boxes, box);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  return boxes;
}

static double
layout_height (PangoLayout *layout)
{
  int h;

  if (layout == NULL)
    return 0;
  pango_layout_get_size (layout, NULL, &h);
  return pango_units_to_double (h);
}

typedef struct {
  InjPrintout *self;
  GArray *page;       /* the page being filled */
  double top;
  double bottom;
  double y;
} Paginator;

static void
new_page (Paginator *p)
{
  p->page = g_array_new (FALSE, TRUE, sizeof (InjPlacement));
  g_ptr_array_add (p->self->pages, p->page);
  p->y = p->top;
}

static void
place (Paginator *p,
       guint block,
       int first_line,
       int n_lines,
       double height)
{
  InjPlacement pl = { block, first_line, n_lines, p->y, height };

  g_array_append_val (p->page, pl);
  p->y += height;
}

/* The height of the first piece of @block that must not be parted from
 * a heading above it. */
static double
first_piece (InjBlock *block)
{
  g_autoptr(GArray) boxes = NULL;
  double first;

  if (block->kind == INJ_BLOCK_QR)
    return MAX (_inj_qr_size (block->qr), layout_height (block->layout));
  boxes = line_boxes (block->layout);
  first = g_array_index (boxes, LineBox, 0).bottom;
  return MAX (first, layout_height (block->label_layout));
}

/* An item or a paragraph: as many whole lines as fit on each page, the
 * label with the first of them. A line is never cut by the page's edge. */
static void
paginate_lines (Paginator *p,
                guint index,
                InjBlock *block)
{
  g_autoptr(GArray) boxes = line_boxes (block->layout);
  double label = layout_height (block->label_layout);
  double more = layout_height (block->more_layout);
  guint first = 0;

  while (first < boxes->len)
    {
      double start = g_array_index (boxes, LineBox, first).top;
      double available = p->bottom - p->y;
      guint k = 0;
      double height;

      while (first + k < boxes->len &&
             g_array_index (boxes, LineBox, first + k).bottom - start <= available)
        k++;
      if (first == 0 && label > available)
        k = 0;
      if (k == 0)
        {
          if (p->y > p->top)
            {
              new_page (p);
              continue;
            }
          k = 1; /* a line taller than a page: nothing better to do */
        }
      height = g_array_index (boxes, LineBox, first + k - 1).bottom - start;
      height = MAX (height, first == 0 ? label : more);
      place (p, index, first, k, height);
      first += k;
      if (first < boxes->len)
        new_page (p);
    }
  p->y += ROW_GAP;
}

int
inj_printout_paginate (InjPrintout *self,
                       PangoContext *context,
                       double page_width_pt,
                       double page_height_pt)
{
  double content = page_width_pt - 2 * INJ_PRINTOUT_MARGIN_PT;
  double label_width = content * LABEL_SHARE;
  double value_width = content - label_width - COLUMN_GAP;
  Paginator p = { self, NULL, INJ_PRINTOUT_MARGIN_PT, 0, 0 };

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), 0);
  g_return_val_if_fail (page_width_pt > 4 * INJ_PRINTOUT_MARGIN_PT, 0);
  g_return_val_if_fail (page_height_pt > 4 * INJ_PRINTOUT_MARGIN_PT, 0);

  g_set_object (&self->context, context);
  self->width = page_width_pt;
  self->height = page_height_pt;
  p.bottom = _inj_printout_body_bottom (self);
  g_ptr_array_set_size (self->pages, 0);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      InjBlock *b = self->blocks->pdata[i];
      g_clear_object (&b->layout);
      g_clear_object (&b->label_layout);
      g_clear_object (&b->more_layout);
      switch (b->kind)
        {
        case INJ_BLOCK_TITLE:
          b->layout = make_layout (context, b->text, TITLE_PT, content);
          break;
        case INJ_BLOCK_HEADING:
          b->layout = make_layout (context, b->text, HEADING_PT, content);
          break;
        case INJ_BLOCK_ITEM:
          b->label_layout = make_layout (context, b->label, LABEL_PT, label_width);
          {
            /* TRANSLATORS: the label of an item that goes on from the page before */
            g_autofree char *more = g_strdup_printf (_("%s (continued)"), b->label);
            b->more_layout = make_layout (context, more, LABEL_PT, label_width);
          }
          b->layout = make_layout (context, b->text, BODY_PT, value_width);
          break;
        case INJ_BLOCK_NOTE:
          b->layout = make_layout_keeping (context, b->text, NOTE_PT, content, b->keep);
          break;
        case INJ_BLOCK_QR:
          b->layout = make_layout_keeping (context, b->label, QR_TEXT_PT,
                                           content - _inj_qr_size (b->qr) - COLUMN_GAP, b->keep);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  new_page (&p);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      InjBlock *b = self->blocks->pdata[i];
      switch (b->kind)
        {
        case INJ_BLOCK_TITLE:
          place (&p, i, 0, -1, layout_height (b->layout));
          p.y += HEADING_AFTER;
          break;
        case INJ_BLOCK_HEADING:
          {
            double before = p.y > p.top ? HEADING_BEFORE : 0;
            double height = layout_height (b->layout) + HEADING_AFTER;
            double next = i + 1 < self->blocks->len ? first_piece (self->blocks->pdata[i + 1]) : 0;
            if (p.y + before + height + next > p.bottom && p.y > p.top)
              {
                new_page (&p);
                before = 0;
              }
            p.y += before;
            place (&p, i, 0, -1, height);
          }
          break;
        case INJ_BLOCK_ITEM:
        case INJ_BLOCK_NOTE:
          paginate_lines (&p, i, b);
          break;
        case INJ_BLOCK_QR:
          {
            double height = first_piece (b);
            if (p.y + height > p.bottom && p.y > p.top)
              new_page (&p);
            place (&p, i, 0, -1, height);
            p.y += ROW_GAP;
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return self->pages->len;
}

double
_inj_printout_body_bottom (InjPrintout *self)
{
  return self->height - INJ_PRINTOUT_MARGIN_PT - FOOTER_SPACE;
}

double
_inj_printout_page_bottom (InjPrintout *self,
                           int page_nr)
{
  GArray *page;
  double bottom = 0;

  g_return_val_if_fail (page_nr >= 0 && (guint) page_nr < self->pages->len, 0);
  page = self->pages->pdata[page_nr];
  for (guint i = 0; i < page->len; i++)
    {
      InjPlacement *pl = &g_array_index (page, InjPlacement, i);
      bottom = MAX (bottom, pl->y + pl->height);
    }
  return bottom;
}

/* ------------------------------------------------------------- drawing */

/* Lines [first, first + n) of @layout (n < 0: all), the first's top at @y. */
static void
draw_lines (cairo_t *cr,
            PangoLayout *layout,
            double x,
            double y,
            int first,
            int n)
{
  g_autoptr(GArray) boxes = line_boxes (layout);
  double start;

  if (n < 0)
    n = boxes->len - first;
  start = g_array_index (boxes, LineBox, first).top;
  for (int i = first; i < first + n && (guint) i < boxes->len; i++)
    {
      PangoLayoutLine *line = pango_layout_get_line_readonly (layout, i);
      cairo_move_to (cr, x, y + g_array_index (boxes, LineBox, i).baseline - start);
      pango_cairo_show_layout_line (cr, line);
    }
}

static void
draw_footer (InjPrintout *self,
             cairo_t *cr,
             int page_nr)
{
  double content = self->width - 2 * INJ_PRINTOUT_MARGIN_PT;
  double y = self->height - INJ_PRINTOUT_MARGIN_PT - FOOTER_PT * 1.6;
  /* TRANSLATORS: the page number at the foot of a printed page: 1 / 2 */
  g_autofree char *number = g_strdup_printf (_("%d / %d"), page_nr + 1, (int) self->pages->len);
  g_autoptr(PangoLayout) left = make_layout (self->context, self->footer, FOOTER_PT, -1);
  g_autoptr(PangoLayout) right = make_layout (self->context, number, FOOTER_PT, -1);
  int width;

  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, INJ_PRINTOUT_MARGIN_PT, y - 5);
  cairo_rel_line_to (cr, content, 0);
  cairo_stroke (cr);
  draw_lines (cr, left, INJ_PRINTOUT_MARGIN_PT, y, 0, -1);
  pango_layout_get_size (right, &width, NULL);
  draw_lines (cr, right, self->width - INJ_PRINTOUT_MARGIN_PT - pango_units_to_double (width),
              y, 0, -1);
}

void
inj_printout_draw_page (InjPrintout *self,
                        cairo_t *cr,
                        int page_nr)
{
  double content;
  double value_x;
  GArray *page;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (self->context != NULL); /* paginate first */
  g_return_if_fail (page_nr >= 0 && (guint) page_nr < self->pages->len);

  content = self->width - 2 * INJ_PRINTOUT_MARGIN_PT;
  value_x = INJ_PRINTOUT_MARGIN_PT + content * LABEL_SHARE + COLUMN_GAP;
  page = self->pages->pdata[page_nr];

  cairo_save (cr);
  for (guint i = 0; i < page->len; i++)
    {
      InjPlacement *pl = &g_array_index (page, InjPlacement, i);
      InjBlock *b = self->blocks->pdata[pl->block];
      double x = INJ_PRINTOUT_MARGIN_PT;

      cairo_set_source_rgb (cr, 0, 0, 0);
      switch (b->kind)
        {
        case INJ_BLOCK_TITLE:
          draw_lines (cr, b->layout, x, pl->y, 0, -1);
          break;
        case INJ_BLOCK_HEADING:
          draw_lines (cr, b->layout, x, pl->y, 0, -1);
          cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
          cairo_set_line_width (cr, 0.6);
          cairo_move_to (cr, x, pl->y + pl->height - HEADING_AFTER / 2);
          cairo_rel_line_to (cr, content, 0);
          cairo_stroke (cr);
          break;
        case INJ_BLOCK_ITEM:
          cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
          draw_lines (cr, pl->first_line == 0 ? b->label_layout : b->more_layout, x, pl->y, 0, -1);
          cairo_set_source_rgb (cr, 0, 0, 0);
          draw_lines (cr, b->layout, value_x, pl->y, pl->first_line, pl->n_lines);
          break;
        case INJ_BLOCK_NOTE:
          draw_lines (cr, b->layout, x, pl->y, pl->first_line, pl->n_lines);
          break;
        case INJ_BLOCK_QR:
          _inj_qr_draw (b->qr, cr, x, pl->y);
          cairo_set_source_rgb (cr, 0, 0, 0);
          draw_lines (cr, b->layout, x + _inj_qr_size (b->qr) + COLUMN_GAP, pl->y, 0, -1);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  draw_footer (self, cr, page_nr);
  cairo_restore (cr);
}

/* ------------------------------------------------------------- PDF */

static cairo_status_t
append_bytes (void *closure,
              const unsigned char *data,
              unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

gboolean
inj_printout_write_pdf (InjPrintout *self,
                        const char *path,
                        GError **error)
{
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoContext *context;
  cairo_font_options_t *options;
  cairo_status_t status;
  const char *id;
  int pages;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  surface = cairo_pdf_surface_create_for_stream (append_bytes, pdf, INJ_PRINTOUT_A4_WIDTH_PT,
                                                 INJ_PRINTOUT_A4_HEIGHT_PT);
  /* The ID only: no personal data in the metadata. */
  id = inj_delegation_get_text (self->delegation, INJ_FIELD_DELEGATION_ID);
  {
    g_autofree char *title = g_strdup_printf ("%s %s", _("Electronic delegation (電子委任状)"),
                                              id ? id : "");
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Ininjo");
  }
  cr = cairo_create (surface);
  context = pango_cairo_create_context (cr);
  /* The outline's own metrics: a PDF is not a screen's pixel grid. */
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);

  pages = inj_printout_paginate (self, context, INJ_PRINTOUT_A4_WIDTH_PT,
                                 INJ_PRINTOUT_A4_HEIGHT_PT);
  for (int i = 0; i < pages; i++)
    {
      inj_printout_draw_page (self, cr, i);
      cairo_show_page (cr);
    }
  g_object_unref (context);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot draw the PDF: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  /* A temporary file renamed over @path: nothing half-written is left. */
  return g_file_set_contents_full (path, (const char *) pdf->data, pdf->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}
