/* ps-report.c: the calculation report.
 *
 * The content is written once, against a small writer interface (headings,
 * paragraphs, tables, charts, code, page breaks) with two implementations: a
 * paginating PDF writer on a Cairo PDF surface with Pango text, and an HTML writer
 * with the charts inline as SVG.
 *
 * The PDF writer holds headings (and paragraphs marked keep-with-next) back until the
 * block after them arrives, then places them with the first lines of that block, so a
 * heading never ends a page. The PDF is laid out in passes, all in memory: the first
 * counts the pages and records where each heading fell; a report over six pages then
 * gets a table of contents and is laid out again with the page numbers of the
 * previous pass until they no longer change (two or three passes). Only the final,
 * complete document is written to disk (temporary file and rename).
 */
#define G_LOG_DOMAIN "parastudy-report"
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "plot/ps-plot-study.h"
#include "ps-error.h"
#include "report/ps-report-doc-private.h"
#include "report/ps-report-private.h"
#include "scaling/ps-scaling.h"
#include "study/ps-units.h"
#include "study/ps-study-private.h"

/* Reports longer than this get a table of contents. */
#define TOC_MIN_PAGES 7

void
ps_report_options_init (PsReportOptions *o)
{
  memset (o, 0, sizeof *o);
  o->paper = PS_PAPER_A4;
  o->format = PS_REPORT_PDF;
}

/* The document being written: the study, its run, and what the cover shows. */
typedef struct
{
  const PsStudy *study;
  PsRunData *rd;
  PsScalingData *sd;
  const PsReportOptions *o;
  PsReportMeta *meta; /* the study's "report" object with the options' over it */
  char *date;
  char *saved_path;   /* the file as saved, or NULL when never saved */
  char *saved_sha256; /* its SHA-256, or NULL when it cannot be read */
  char *draft_reason; /* why the report is a draft, or NULL */
  char *summary_text; /* summary.json as written, for the appendix */
  GArray *toc_in;     /* TocEntry of the previous pass, or NULL: no contents */
} Doc;

typedef struct
{
  int level;
  char *label; /* "2.3 Materials" */
  char *anchor;
  guint page;
} TocEntry;

static void
toc_entry_clear (gpointer data)
{
  TocEntry *e = data;

  g_free (e->label);
  g_free (e->anchor);
}

static GArray *
toc_new (void)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (TocEntry));

  g_array_set_clear_func (a, toc_entry_clear);
  return a;
}

/* The writer. */

typedef PsReportWriter Writer;

typedef struct
{
  const char *const *header; /* n_cols, or NULL */
  const double *widths;      /* or NULL */
  const char *align;         /* 'l' or 'r' per column, or NULL: all left */
  gboolean keep;             /* keep with the next block */
} TableStyle;

struct _PsReportWriter
{
  void (*heading) (Writer *w, int level, const char *text, const char *number, const char *anchor,
                   gboolean in_toc);
  void (*para) (Writer *w, const char *text, gboolean small, gboolean keep);
  void (*table) (Writer *w, const TableStyle *style, const char *const *cells, guint n_rows,
                 guint n_cols);
  void (*chart) (Writer *w, PsChart *chart, const char *caption, gboolean keep);
  void (*code) (Writer *w, const char *text);
  void (*page_break) (Writer *w);

  const Doc *doc;
  gboolean numbering; /* past the cover: headings are numbered and listed */
  int n1, n2;
  guint n_anchors;
  guint figures;
  gboolean keep_next;
  GArray *toc; /* TocEntry, as placed */

  /* PDF */
  cairo_surface_t *surface;
  cairo_t *cr;
  double page_w, page_h, margin, top, y;
  guint page, total_pages;
  char *footer;
  GPtrArray *pending; /* Pending *: held back until the next block is placed */
  int outline_parent;
  /* HTML */
  GString *html;
};

typedef struct
{
  gboolean heading;
  int level;
  char *text;
  char *anchor;
  gboolean in_toc;
  gboolean small;
} Pending;

static void
pending_free (gpointer data)
{
  Pending *p = data;

  g_free (p->text);
  g_free (p->anchor);
  g_free (p);
}

static void
toc_add (Writer *w, int level, const char *text, const char *anchor, guint page)
{
  TocEntry e = { level, g_strdup (text), g_strdup (anchor), page };

  g_array_append_val (w->toc, e);
}

/* PDF writer. */

static PangoLayout *
pdf_layout_full (Writer *w, const char *text, const char *family, double size, gboolean bold,
                 gboolean italic, double width, PangoAlignment align)
{
  PangoLayout *l = pango_cairo_create_layout (w->cr);
  PangoFontDescription *fd = pango_font_description_new ();
  cairo_font_options_t *fo = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (fo, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (pango_layout_get_context (l), fo);
  cairo_font_options_destroy (fo);
  pango_font_description_set_family (fd, family);
  pango_font_description_set_absolute_size (fd, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (fd, PANGO_WEIGHT_BOLD);
  if (italic)
    pango_font_description_set_style (fd, PANGO_STYLE_ITALIC);
  pango_layout_set_font_description (l, fd);
  pango_font_description_free (fd);
  if (width > 0)
    {
      pango_layout_set_width (l, (int)(width * PANGO_SCALE));
      pango_layout_set_wrap (l, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_alignment (l, align);
    }
  pango_layout_set_text (l, text, -1);
  return l;
}

static PangoLayout *
pdf_layout (Writer *w, const char *text, double size, gboolean bold, double width)
{
  return pdf_layout_full (w, text, "Sans", size, bold, FALSE, width, PANGO_ALIGN_LEFT);
}

static double
layout_h (PangoLayout *l)
{
  int w, h;

  pango_layout_get_size (l, &w, &h);
  return (double)h / PANGO_SCALE;
}

static double
content_w (Writer *w)
{
  return w->page_w - 2 * w->margin;
}

static double
bottom (Writer *w)
{
  return w->page_h - w->margin;
}

/* One cell of the title block: a small label over the value. */
static void
title_cell (Writer *w, double x, double y, double cw, double ch, const char *label,
            const char *value, gboolean alert)
{
  PangoLayout *l = pdf_layout (w, label, 5.5, FALSE, 0);

  cairo_rectangle (w->cr, x, y, cw, ch);
  cairo_set_source_rgb (w->cr, 0.45, 0.45, 0.45);
  cairo_set_line_width (w->cr, 0.5);
  cairo_stroke (w->cr);
  cairo_move_to (w->cr, x + 2.5, y + 1.5);
  pango_cairo_show_layout (w->cr, l);
  g_object_unref (l);
  l = pdf_layout (w, value != NULL ? value : "", 8, alert, 0);
  pango_layout_set_width (l, (int)((cw - 5) * PANGO_SCALE));
  pango_layout_set_ellipsize (l, PANGO_ELLIPSIZE_END);
  if (alert)
    cairo_set_source_rgb (w->cr, 0.75, 0.05, 0.05);
  else
    cairo_set_source_rgb (w->cr, 0, 0, 0);
  cairo_move_to (w->cr, x + 2.5, y + ch - 1.5 - layout_h (l));
  pango_cairo_show_layout (w->cr, l);
  g_object_unref (l);
  cairo_set_source_rgb (w->cr, 0, 0, 0);
}

static const char *
status_label (const Doc *d)
{
  if (d->draft_reason != NULL)
    return _ ("DRAFT");
  switch (d->meta->status)
    {
    case PS_REPORT_STATUS_DRAFT:
      return C_ ("report status", "Draft");
    case PS_REPORT_STATUS_FOR_CHECKING:
      return C_ ("report status", "For checking");
    case PS_REPORT_STATUS_ISSUED:
      return C_ ("report status", "Issued");
    case PS_REPORT_STATUS_UNSET:
    default:
      return "";
    }
}

static const char *
doc_revision (const Doc *d)
{
  if (d->meta->revision != NULL)
    return d->meta->revision;
  if (d->meta->revisions->len > 0)
    {
      PsReportRevision *r = g_ptr_array_index (d->meta->revisions, d->meta->revisions->len - 1);

      return r->rev;
    }
  return "";
}

/* The title block, at the head of every page, and the DRAFT mark. */
static void
pdf_title_block (Writer *w)
{
  const Doc *d = w->doc;
  const PsReportMeta *m = d->meta;
  double x = w->margin, y = 24, cw = content_w (w), rh = 19;
  const double w1[] = { 0.42, 0.16, 0.42 };
  const double w2[] = { 0.22, 0.22, 0.17, 0.12, 0.27 };
  const char *l1[] = { _ ("Project"), _ ("Job number"), _ ("Element") };
  const char *v1[] = { m->project, m->job_number, m->element };
  const char *l2[]
      = { _ ("Prepared by"), _ ("Checked by"), _ ("Date"), _ ("Revision"), _ ("Status") };
  const char *v2[] = { m->author, m->checker, d->date, doc_revision (d), status_label (d) };

  if (d->draft_reason != NULL)
    {
      /* The watermark is drawn as outlines, not text, so that it does not mix with
       * the text of the page when it is selected or extracted. */
      PangoLayout *l = pdf_layout (w, _ ("DRAFT"), 110, TRUE, 0);
      int lw, lh;

      pango_layout_get_size (l, &lw, &lh);
      cairo_save (w->cr);
      cairo_translate (w->cr, w->page_w / 2, w->page_h / 2);
      cairo_rotate (w->cr, -G_PI / 5);
      cairo_move_to (w->cr, -(double)lw / PANGO_SCALE / 2, -(double)lh / PANGO_SCALE / 2);
      pango_cairo_layout_path (w->cr, l);
      cairo_set_source_rgba (w->cr, 0.8, 0.1, 0.1, 0.09);
      cairo_fill (w->cr);
      cairo_restore (w->cr);
      g_object_unref (l);
    }
  for (guint i = 0; i < G_N_ELEMENTS (w1); i++)
    {
      title_cell (w, x, y, cw * w1[i], rh, l1[i], v1[i], FALSE);
      x += cw * w1[i];
    }
  x = w->margin;
  for (guint i = 0; i < G_N_ELEMENTS (w2); i++)
    {
      title_cell (w, x, y + rh, cw * w2[i], rh, l2[i], v2[i], i == 4 && d->draft_reason != NULL);
      x += cw * w2[i];
    }
  if (d->draft_reason != NULL)
    {
      g_autofree char *text = g_strdup_printf (_ ("DRAFT: %s"), d->draft_reason);
      PangoLayout *l = pdf_layout (w, text, 7, TRUE, cw);

      pango_layout_set_height (l, -2);
      pango_layout_set_ellipsize (l, PANGO_ELLIPSIZE_END);
      cairo_set_source_rgb (w->cr, 0.75, 0.05, 0.05);
      cairo_move_to (w->cr, w->margin, y + 2 * rh + 2.5);
      pango_cairo_show_layout (w->cr, l);
      cairo_set_source_rgb (w->cr, 0, 0, 0);
      g_object_unref (l);
    }
}

static void
pdf_footer (Writer *w)
{
  g_autofree char *text = NULL;
  PangoLayout *l;
  int tw, th;

  if (w->total_pages > 0)
    text = g_strdup_printf (_ ("%s — page %u of %u"), w->footer, w->page, w->total_pages);
  else
    text = g_strdup_printf (_ ("%s — page %u"), w->footer, w->page);
  l = pdf_layout (w, text, 7.5, FALSE, 0);
  pango_layout_get_size (l, &tw, &th);
  cairo_set_source_rgb (w->cr, 0.35, 0.35, 0.35);
  cairo_set_line_width (w->cr, 0.4);
  cairo_move_to (w->cr, w->margin, w->page_h - w->margin * 0.75);
  cairo_line_to (w->cr, w->page_w - w->margin, w->page_h - w->margin * 0.75);
  cairo_stroke (w->cr);
  cairo_move_to (w->cr, w->page_w - w->margin - (double)tw / PANGO_SCALE,
                 w->page_h - w->margin * 0.75 + 4);
  pango_cairo_show_layout (w->cr, l);
  g_object_unref (l);
  cairo_set_source_rgb (w->cr, 0, 0, 0);
}

static void
pdf_begin_page (Writer *w)
{
  pdf_title_block (w);
  w->y = w->top;
}

static void
pdf_new_page (Writer *w)
{
  pdf_footer (w);
  cairo_show_page (w->cr);
  w->page++;
  pdf_begin_page (w);
}

static double
heading_size (int level)
{
  return level <= 0 ? 20 : level == 1 ? 15 : level == 2 ? 12 : 10;
}

static double
pending_h (Writer *w, const Pending *p)
{
  const char *text = p->text;
  PangoLayout *l;
  double h;

  if (p->heading)
    {
      double size = heading_size (p->level);

      l = pdf_layout (w, text, size, TRUE, content_w (w));
      h = layout_h (l) + size;
    }
  else
    {
      l = pdf_layout (w, text, p->small ? 8 : 9.5, FALSE, content_w (w));
      h = layout_h (l) + (p->small ? 4 : 6);
    }
  g_object_unref (l);
  return h;
}

static void pdf_draw_para (Writer *w, const char *text, gboolean small);

static void
pdf_draw_heading (Writer *w, const Pending *p)
{
  double size = heading_size (p->level);
  PangoLayout *l = pdf_layout (w, p->text, size, TRUE, content_w (w));
  double h = layout_h (l);

  if (w->y > w->top + 1 && p->level > 0)
    w->y += size * 0.6;
  if (w->y + h > bottom (w))
    pdf_new_page (w);
  cairo_move_to (w->cr, w->margin, w->y);
  cairo_set_source_rgb (w->cr, p->level == 0 ? 0.05 : 0.1, 0.15, p->level == 0 ? 0.35 : 0.3);
  pango_cairo_show_layout (w->cr, l);
  cairo_set_source_rgb (w->cr, 0, 0, 0);
  if (p->in_toc)
    {
      g_autofree char *link
          = g_strdup_printf ("page=%u pos=[%d %d]", w->page, (int)w->margin, (int)w->y);
      int id = cairo_pdf_surface_add_outline (
          w->surface, p->level <= 1 ? CAIRO_PDF_OUTLINE_ROOT : w->outline_parent, p->text, link, 0);

      if (p->level <= 1)
        w->outline_parent = id;
      toc_add (w, p->level, p->text, p->anchor, w->page);
    }
  w->y += h + size * 0.4;
  g_object_unref (l);
}

static void
pdf_flush (Writer *w)
{
  for (guint i = 0; i < w->pending->len; i++)
    {
      Pending *p = g_ptr_array_index (w->pending, i);

      if (p->heading)
        pdf_draw_heading (w, p);
      else
        pdf_draw_para (w, p->text, p->small);
    }
  g_ptr_array_set_size (w->pending, 0);
}

/* Places the held-back headings and paragraphs with the first @first_h points of the
 * block that follows them: on this page when all of it fits, else on the next. */
static void
pdf_place (Writer *w, double first_h)
{
  double need = first_h;

  for (guint i = 0; i < w->pending->len; i++)
    need += pending_h (w, g_ptr_array_index (w->pending, i));
  if (w->y + need > bottom (w) && w->y > w->top + 1)
    pdf_new_page (w);
  pdf_flush (w);
}

static void
pdf_page_break (Writer *w)
{
  pdf_flush (w);
  if (w->y > w->top + 1)
    pdf_new_page (w);
}

static void
pdf_heading (Writer *w, int level, const char *text, const char *number, const char *anchor,
             gboolean in_toc)
{
  Pending *p = g_new0 (Pending, 1);

  p->heading = TRUE;
  p->level = level;
  p->text = number != NULL ? g_strdup_printf ("%s  %s", number, text) : g_strdup (text);
  p->anchor = g_strdup (anchor);
  p->in_toc = in_toc;
  g_ptr_array_add (w->pending, p);
}

/* Draws @l line by line from w->y, so that a long text breaks across pages. */
static void
pdf_draw_lines (Writer *w, PangoLayout *l)
{
  PangoLayoutIter *it = pango_layout_get_iter (l);
  double base = w->y;

  do
    {
      PangoRectangle r;
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (it);
      double top, hh;

      pango_layout_iter_get_line_extents (it, NULL, &r);
      top = (double)r.y / PANGO_SCALE;
      hh = (double)r.height / PANGO_SCALE;
      if (base + top + hh > bottom (w))
        {
          pdf_new_page (w);
          base = w->y - top;
        }
      cairo_move_to (w->cr, w->margin,
                     base + (double)pango_layout_iter_get_baseline (it) / PANGO_SCALE);
      pango_cairo_show_layout_line (w->cr, line);
      w->y = base + top + hh;
    }
  while (pango_layout_iter_next_line (it));
  pango_layout_iter_free (it);
}

static double
first_line_h (PangoLayout *l)
{
  PangoLayoutIter *it = pango_layout_get_iter (l);
  PangoRectangle r;

  pango_layout_iter_get_line_extents (it, NULL, &r);
  pango_layout_iter_free (it);
  return (double)(r.y + r.height) / PANGO_SCALE;
}

static void
pdf_draw_para (Writer *w, const char *text, gboolean small)
{
  PangoLayout *l = pdf_layout (w, text, small ? 8 : 9.5, FALSE, content_w (w));

  pdf_draw_lines (w, l);
  w->y += small ? 4 : 6;
  g_object_unref (l);
}

static void
pdf_para (Writer *w, const char *text, gboolean small, gboolean keep)
{
  if (keep)
    {
      Pending *p = g_new0 (Pending, 1);

      p->text = g_strdup (text);
      p->small = small;
      g_ptr_array_add (w->pending, p);
      return;
    }
  {
    PangoLayout *l = pdf_layout (w, text, small ? 8 : 9.5, FALSE, content_w (w));
    double first = first_line_h (l);

    /* A paragraph of two or three lines is not split. */
    pdf_place (w, pango_layout_get_line_count (l) <= 3 ? layout_h (l) : first * 2);
    pdf_draw_lines (w, l);
    w->y += small ? 4 : 6;
    g_object_unref (l);
  }
}

static void
pdf_code (Writer *w, const char *text)
{
  PangoLayout *l
      = pdf_layout_full (w, text, "Monospace", 6.5, FALSE, FALSE, content_w (w), PANGO_ALIGN_LEFT);

  pdf_place (w, first_line_h (l) * 3);
  pdf_draw_lines (w, l);
  w->y += 6;
  g_object_unref (l);
}

/* The layouts of one table row, and its height. */
static double
pdf_row (Writer *w, const char *const *row, guint n_cols, const double *colw, const char *align,
         gboolean header, PangoLayout **ls)
{
  double h = 0, pad = 3;

  for (guint c = 0; c < n_cols; c++)
    {
      PangoAlignment a = align != NULL && align[c] == 'r' ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;

      ls[c] = pdf_layout_full (w, row[c] != NULL ? row[c] : "", "Sans", 8.5, header, FALSE,
                               colw[c] - 2 * pad, a);
      h = MAX (h, layout_h (ls[c]));
    }
  return h + 2 * pad;
}

static void
pdf_draw_row (Writer *w, PangoLayout **ls, guint n_cols, const double *colw, double h,
              gboolean header)
{
  double x = w->margin, pad = 3, cw = content_w (w);

  if (header)
    {
      cairo_set_source_rgb (w->cr, 0.9, 0.92, 0.95);
      cairo_rectangle (w->cr, w->margin, w->y, cw, h);
      cairo_fill (w->cr);
    }
  cairo_set_source_rgb (w->cr, 0, 0, 0);
  for (guint c = 0; c < n_cols; c++)
    {
      cairo_move_to (w->cr, x + pad, w->y + pad);
      pango_cairo_show_layout (w->cr, ls[c]);
      x += colw[c];
      g_object_unref (ls[c]);
    }
  cairo_set_source_rgb (w->cr, 0.8, 0.8, 0.8);
  cairo_set_line_width (w->cr, 0.4);
  cairo_move_to (w->cr, w->margin, w->y + h);
  cairo_line_to (w->cr, w->margin + cw, w->y + h);
  cairo_stroke (w->cr);
  cairo_set_source_rgb (w->cr, 0, 0, 0);
  w->y += h;
}

#define MAX_COLS 16

static void
pdf_table (Writer *w, const TableStyle *st, const char *const *cells, guint n_rows, guint n_cols)
{
  double cw = content_w (w), total = 0, first = 0;
  double colw[MAX_COLS] = { 0 };
  PangoLayout *ls[MAX_COLS];

  g_return_if_fail (n_cols <= MAX_COLS);
  for (guint c = 0; c < n_cols; c++)
    total += st->widths != NULL ? st->widths[c] : 1.0;
  for (guint c = 0; c < n_cols; c++)
    colw[c] = cw * (st->widths != NULL ? st->widths[c] : 1.0) / total;
  /* The header and the first two rows stay together. */
  if (st->header != NULL)
    {
      first += pdf_row (w, st->header, n_cols, colw, st->align, TRUE, ls);
      for (guint c = 0; c < n_cols; c++)
        g_object_unref (ls[c]);
    }
  for (guint r = 0; r < n_rows && r < (st->keep ? n_rows : 2); r++)
    {
      first += pdf_row (w, cells + (gsize)r * n_cols, n_cols, colw, st->align, FALSE, ls);
      for (guint c = 0; c < n_cols; c++)
        g_object_unref (ls[c]);
    }
  pdf_place (w, first + (st->keep ? 40 : 0));
  if (st->header != NULL)
    {
      double h = pdf_row (w, st->header, n_cols, colw, st->align, TRUE, ls);

      pdf_draw_row (w, ls, n_cols, colw, h, TRUE);
    }
  for (guint r = 0; r < n_rows; r++)
    {
      double h = pdf_row (w, cells + (gsize)r * n_cols, n_cols, colw, st->align, FALSE, ls);

      if (w->y + h > bottom (w))
        {
          pdf_new_page (w);
          /* The header again on the next page. */
          if (st->header != NULL)
            {
              PangoLayout *hl[MAX_COLS];
              double hh = pdf_row (w, st->header, n_cols, colw, st->align, TRUE, hl);

              pdf_draw_row (w, hl, n_cols, colw, hh, TRUE);
            }
        }
      pdf_draw_row (w, ls, n_cols, colw, h, FALSE);
    }
  w->y += 8;
}

static void
pdf_chart (Writer *w, PsChart *chart, const char *caption, gboolean keep)
{
  double cw = content_w (w), ch = cw * 0.6;
  PangoLayout *l = caption != NULL ? pdf_layout_full (w, caption, "Sans", 8.5, FALSE, TRUE, cw,
                                                      PANGO_ALIGN_CENTER)
                                   : NULL;
  double caption_h = l != NULL ? layout_h (l) + 4 : 0;

  pdf_place (w, ch + 6 + caption_h + (keep ? 40 : 0));
  cairo_save (w->cr);
  cairo_translate (w->cr, w->margin, w->y);
  ps_chart_set_font (chart, NULL, 8);
  ps_chart_draw (chart, w->cr, cw, ch, 72);
  cairo_restore (w->cr);
  w->y += ch + 4;
  if (l != NULL)
    {
      cairo_move_to (w->cr, w->margin, w->y);
      pango_cairo_show_layout (w->cr, l);
      w->y += caption_h;
      g_object_unref (l);
    }
  w->y += 8;
}

/* HTML writer. */

static void
html_heading (Writer *w, int level, const char *text, const char *number, const char *anchor,
              gboolean in_toc)
{
  g_autofree char *e = g_markup_escape_text (text, -1);
  int h = CLAMP (level + 1, 1, 6);

  if (number != NULL)
    g_string_append_printf (w->html, "<h%d id=\"%s\">%s&#x2003;%s</h%d>\n", h, anchor, number, e,
                            h);
  else
    g_string_append_printf (w->html, "<h%d id=\"%s\">%s</h%d>\n", h, anchor, e, h);
  if (in_toc)
    {
      g_autofree char *label
          = number != NULL ? g_strdup_printf ("%s  %s", number, text) : g_strdup (text);

      toc_add (w, level, label, anchor, 0);
    }
}

static void
html_para (Writer *w, const char *text, gboolean small, gboolean keep)
{
  g_autofree char *e = g_markup_escape_text (text, -1);

  g_string_append_printf (w->html, small ? "<p class=\"small\">%s</p>\n" : "<p>%s</p>\n", e);
}

static void
html_code (Writer *w, const char *text)
{
  g_autofree char *e = g_markup_escape_text (text, -1);

  g_string_append_printf (w->html, "<pre>%s</pre>\n", e);
}

static void
html_table (Writer *w, const TableStyle *st, const char *const *cells, guint n_rows, guint n_cols)
{
  g_string_append (w->html, "<table>\n");
  if (st->header != NULL)
    {
      g_string_append (w->html, "<thead><tr>");
      for (guint c = 0; c < n_cols; c++)
        {
          g_autofree char *e = g_markup_escape_text (st->header[c], -1);

          g_string_append_printf (w->html,
                                  st->align != NULL && st->align[c] == 'r'
                                      ? "<th class=\"num\">%s</th>"
                                      : "<th>%s</th>",
                                  e);
        }
      g_string_append (w->html, "</tr></thead>\n");
    }
  g_string_append (w->html, "<tbody>\n");
  for (guint r = 0; r < n_rows; r++)
    {
      g_string_append (w->html, "<tr>");
      for (guint c = 0; c < n_cols; c++)
        {
          const char *t = cells[(gsize)r * n_cols + c];
          g_autofree char *e = g_markup_escape_text (t != NULL ? t : "", -1);

          g_string_append_printf (w->html,
                                  st->align != NULL && st->align[c] == 'r'
                                      ? "<td class=\"num\">%s</td>"
                                      : "<td>%s</td>",
                                  e);
        }
      g_string_append (w->html, "</tr>\n");
    }
  g_string_append (w->html, "</tbody></table>\n");
}

static void
html_chart (Writer *w, PsChart *chart, const char *caption, gboolean keep)
{
  g_autoptr (GByteArray) svg = g_byte_array_new ();
  g_autoptr (GError) error = NULL;
  const char *start;

  if (!ps_chart_render (chart, PS_FORMAT_SVG, 720, 432, 96, svg, &error))
    {
      html_para (w, error->message, TRUE, FALSE);
      return;
    }
  g_byte_array_append (svg, (const guint8 *)"", 1);
  /* Inline: drop the XML declaration. */
  start = strstr ((const char *)svg->data, "<svg");
  g_string_append (w->html, "<figure class=\"chart\">");
  g_string_append (w->html, start != NULL ? start : (const char *)svg->data);
  if (caption != NULL)
    {
      g_autofree char *e = g_markup_escape_text (caption, -1);

      g_string_append_printf (w->html, "<figcaption>%s</figcaption>", e);
    }
  g_string_append (w->html, "</figure>\n");
}

static void
html_page_break (Writer *w)
{
}

/* The writer's calls, for the kinds' sections (ps-report-private.h). */

/* How a heading is shown: numbered ("2.3") and listed in the contents, as every
 * heading past the cover is unless told otherwise. */
enum
{
  HEADING_NUMBERED = 1 << 0,
  HEADING_LISTED = 1 << 1,
};

static void
heading_full (Writer *w, int level, const char *text, guint flags)
{
  g_autofree char *number = NULL;
  g_autofree char *anchor = g_strdup_printf ("s%u", ++w->n_anchors);
  gboolean numbered = (flags & HEADING_NUMBERED) != 0;
  gboolean in_toc = w->numbering && (flags & HEADING_LISTED) != 0 && level >= 1 && level <= 2;

  if (w->numbering && numbered && level == 1)
    {
      w->n1++;
      w->n2 = 0;
      number = g_strdup_printf ("%d", w->n1);
    }
  else if (w->numbering && numbered && level == 2)
    {
      w->n2++;
      number = w->n1 > 0 ? g_strdup_printf ("%d.%d", w->n1, w->n2) : g_strdup_printf ("%d", w->n2);
    }
  w->keep_next = FALSE;
  w->heading (w, level, text, number, anchor, in_toc);
}

void
ps_report_heading (PsReportWriter *w, int level, const char *text)
{
  heading_full (w, level, text, HEADING_NUMBERED | HEADING_LISTED);
}

static gboolean
take_keep (Writer *w)
{
  gboolean keep = w->keep_next;

  w->keep_next = FALSE;
  return keep;
}

void
ps_report_para (PsReportWriter *w, const char *text, gboolean small)
{
  w->para (w, text, small, take_keep (w));
}

void
ps_report_keep_with_next (PsReportWriter *w)
{
  w->keep_next = TRUE;
}

void
ps_report_chart (PsReportWriter *w, PsChart *chart)
{
  w->chart (w, chart, NULL, take_keep (w));
}

void
ps_report_chart_caption (PsReportWriter *w, PsChart *chart, const char *caption)
{
  g_autofree char *text = NULL;

  w->figures++;
  /* TRANSLATORS: a figure's caption: its number, then its title. */
  text = g_strdup_printf (_ ("Figure %u — %s"), w->figures,
                          caption != NULL ? caption : ps_chart_get_title (chart));
  w->chart (w, chart, text, take_keep (w));
}

void
ps_report_page_break (PsReportWriter *w)
{
  w->keep_next = FALSE;
  w->page_break (w);
}

void
ps_report_code (PsReportWriter *w, const char *text)
{
  w->keep_next = FALSE;
  w->code (w, text);
}

typedef PsReportTable Table;

void
ps_report_table_init (PsReportTable *t, guint n_cols)
{
  t->cells = g_ptr_array_new_with_free_func (g_free);
  t->n_cols = n_cols;
}

void
ps_report_table_add (PsReportTable *t, char *text)
{
  g_ptr_array_add (t->cells, text);
}

void
ps_report_table_row (PsReportTable *t, const char *key, const char *value)
{
  g_ptr_array_add (t->cells, g_strdup (key));
  g_ptr_array_add (t->cells, g_strdup (value));
}

/* A row whose second cell is owned and handed over. */
void
ps_report_table_row_take (PsReportTable *t, const char *key, char *value)
{
  g_ptr_array_add (t->cells, g_strdup (key));
  g_ptr_array_add (t->cells, value);
}

static void
table_write (Writer *w, Table *t, const TableStyle *st)
{
  /* A partly filled last row is completed with empty cells. */
  while (t->cells->len % t->n_cols != 0)
    g_ptr_array_add (t->cells, g_strdup (""));
  w->table (w, st, (const char *const *)t->cells->pdata, t->cells->len / t->n_cols, t->n_cols);
  g_ptr_array_unref (t->cells);
  t->cells = NULL;
}

void
ps_report_table_write (PsReportWriter *w, PsReportTable *t, const char *const *header,
                       const double *widths)
{
  TableStyle st = { header, widths, NULL, take_keep (w) };

  table_write (w, t, &st);
}

void
ps_report_table_write_units (PsReportWriter *w, PsReportTable *t, const char *const *header,
                             const char *const *units, const double *widths)
{
  g_autoptr (GPtrArray) h = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *align = g_malloc0 (t->n_cols + 1);
  TableStyle st = { NULL, widths, align, take_keep (w) };

  for (guint c = 0; c < t->n_cols; c++)
    {
      const char *u = units != NULL ? units[c] : NULL;
      const char *name = header != NULL ? header[c] : "";

      if (u != NULL && *u != '\0')
        {
          g_autofree char *label = ps_report_unit_label (u);

          g_ptr_array_add (h, g_strdup_printf ("%s [%s]", name, label));
          align[c] = 'r';
        }
      else
        {
          g_ptr_array_add (h, g_strdup (name));
          align[c] = 'l';
        }
    }
  st.header = (const char *const *)h->pdata;
  table_write (w, t, &st);
}

void
ps_report_calc_sheet (PsReportWriter *w, const char *title, const PsReportCalcLine *lines,
                      guint n_lines)
{
  const char *h[]
      = { _ ("Clause"), _ ("Formula"), _ ("Numbers substituted"), _ ("Result"), _ ("Utilisation") };
  const double widths[] = { 1.1, 1.9, 2.2, 1.1, 0.9 };
  TableStyle st = { h, widths, "lllrr", FALSE };
  Table t;

  if (title != NULL)
    heading_full (w, 3, title, 0);
  st.keep = take_keep (w);
  ps_report_table_init (&t, 5);
  for (guint i = 0; i < n_lines; i++)
    {
      const PsReportCalcLine *l = &lines[i];
      double u = l->utilisation;

      ps_report_table_add (&t, g_strdup (l->clause != NULL ? l->clause : ""));
      ps_report_table_add (
          &t, l->description != NULL
                  ? g_strdup_printf ("%s\n%s", l->description, l->formula != NULL ? l->formula : "")
                  : g_strdup (l->formula != NULL ? l->formula : ""));
      ps_report_table_add (&t, g_strdup (l->substituted != NULL ? l->substituted : ""));
      ps_report_table_add (&t, g_strdup (l->result != NULL ? l->result : ""));
      if (isfinite (u))
        {
          g_autofree char *num = ps_report_format_decimal (u, 3);

          ps_report_table_add (&t, g_strdup_printf ("%s %s", num, u <= 1.0 ? "✓" : "✗"));
        }
      else
        ps_report_table_add (&t, g_strdup (""));
    }
  table_write (w, &t, &st);
}

static char *
node_text (JsonNode *n)
{
  if (n == NULL)
    return g_strdup ("");
  if (JSON_NODE_HOLDS_VALUE (n))
    {
      GType t = json_node_get_value_type (n);

      if (t == G_TYPE_STRING)
        return g_strdup (json_node_get_string (n));
      if (t == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (n) ? _ ("yes") : _ ("no"));
      if (t == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (n));
      return ps_report_format_decimal (json_node_get_double (n), 10);
    }
  if (JSON_NODE_HOLDS_NULL (n))
    return g_strdup ("—");
  {
    g_autoptr (JsonGenerator) g = json_generator_new ();

    json_generator_set_root (g, n);
    return json_generator_to_data (g, NULL);
  }
}

void
ps_report_json_leaves (JsonNode *node, const char *path, guint depth, PsReportLeafFunc func,
                       gpointer data)
{
  if (JSON_NODE_HOLDS_OBJECT (node) && depth < 6)
    {
      JsonObject *o = json_node_get_object (node);
      g_autoptr (GList) members = json_object_get_members (o);

      for (GList *l = members; l != NULL; l = l->next)
        {
          g_autofree char *p
              = *path ? g_strdup_printf ("%s.%s", path, (char *)l->data) : g_strdup (l->data);

          ps_report_json_leaves (json_object_get_member (o, l->data), p, depth + 1, func, data);
        }
      return;
    }
  if (JSON_NODE_HOLDS_ARRAY (node) && depth < 6)
    {
      JsonArray *a = json_node_get_array (node);
      gboolean scalars = TRUE;

      for (guint i = 0; i < json_array_get_length (a); i++)
        scalars &= JSON_NODE_HOLDS_VALUE (json_array_get_element (a, i));
      if (!scalars)
        {
          for (guint i = 0; i < json_array_get_length (a) && i < 50; i++)
            {
              g_autofree char *p = g_strdup_printf ("%s[%u]", path, i);

              ps_report_json_leaves (json_array_get_element (a, i), p, depth + 1, func, data);
            }
          return;
        }
    }
  func (path, node, data);
}

static void
leaf_row (const char *path, JsonNode *node, gpointer data)
{
  ps_report_table_row_take (data, path, node_text (node));
}

static const char *
summary_string (JsonObject *s, const char *name)
{
  return json_object_get_string_member_with_default (s, name, "");
}

static double
summary_double (JsonObject *s, const char *name)
{
  JsonNode *n = json_object_get_member (s, name);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) == G_TYPE_STRING)
    return NAN;
  return json_node_get_double (n);
}

gboolean
ps_report_run_chart (PsReportWriter *w, PsRunData *rd, const char *name, const PsPlotParams *params,
                     char **why_not)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsChart) chart = ps_plot_study_chart (rd, name, params, &error);

  if (chart == NULL && g_error_matches (error, PS_ERROR, PS_ERROR_UNSUPPORTED))
    {
      if (why_not != NULL && *why_not == NULL)
        *why_not = g_strdup (error->message);
      return FALSE;
    }
  if (chart == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_ ("Chart %s not drawn: %s"), name, error->message);

      w->keep_next = FALSE;
      w->para (w, msg, TRUE, FALSE);
      return FALSE;
    }
  ps_report_chart_caption (w, chart, NULL);
  return TRUE;
}

/* Sections. */

static void
cover (Writer *w)
{
  const Doc *d = w->doc;
  const PsStudy *study = d->study;
  const PsReportMeta *m = d->meta;
  PsRunView *v = ps_run_data_get_view (d->rd);
  JsonObject *mach = ps_summary_get_object (v->summary, "machine");
  Table t;
  const double widths[] = { 1, 2.6 };

  heading_full (w, 0, _ ("Calculation report"), 0);
  heading_full (w, 1, study->name, 0);
  if (study->description != NULL)
    ps_report_para (w, study->description, FALSE);
  if (d->draft_reason != NULL)
    {
      g_autofree char *text = g_strdup_printf (
          _ ("DRAFT: %s. This report is not a record of the study file and must not be "
             "issued; save the study, run it and report again."),
          d->draft_reason);

      ps_report_para (w, text, FALSE);
    }

  ps_report_table_init (&t, 2);
  ps_report_table_row (&t, _ ("Project"), m->project != NULL ? m->project : "");
  ps_report_table_row (&t, _ ("Job number"), m->job_number != NULL ? m->job_number : "");
  ps_report_table_row (&t, _ ("Element"), m->element != NULL ? m->element : "");
  ps_report_table_row (&t, _ ("Prepared by"), m->author != NULL ? m->author : "");
  ps_report_table_row (&t, _ ("Checked by"), m->checker != NULL ? m->checker : "");
  ps_report_table_row (&t, _ ("Date"), d->date);
  ps_report_table_row (&t, _ ("Revision"), doc_revision (d));
  ps_report_table_row (&t, _ ("Status"), status_label (d));
  ps_report_table_write (w, &t, NULL, widths);

  if (m->revisions->len > 0)
    {
      const char *h[] = { _ ("Rev."), _ ("Date"), _ ("Description"), _ ("By") };
      const double rw[] = { 0.6, 1.1, 3.4, 1.2 };

      heading_full (w, 2, _ ("Revisions"), 0);
      ps_report_table_init (&t, 4);
      for (guint i = 0; i < m->revisions->len; i++)
        {
          const PsReportRevision *r = g_ptr_array_index (m->revisions, i);

          ps_report_table_add (&t, g_strdup (r->rev));
          ps_report_table_add (&t, g_strdup (r->date != NULL ? r->date : ""));
          ps_report_table_add (&t, g_strdup (r->description != NULL ? r->description : ""));
          ps_report_table_add (&t, g_strdup (r->by != NULL ? r->by : ""));
        }
      ps_report_table_write (w, &t, h, rw);
    }

  {
    const char *h[] = { _ ("Role"), _ ("Name"), _ ("Signature"), _ ("Date") };
    const double sw[] = { 1.2, 2, 2, 1.2 };

    heading_full (w, 2, _ ("Signatures"), 0);
    ps_report_table_init (&t, 4);
    ps_report_table_add (&t, g_strdup (_ ("Prepared by")));
    ps_report_table_add (&t, g_strdup (m->author != NULL ? m->author : ""));
    ps_report_table_add (&t, g_strdup ("\n\n"));
    ps_report_table_add (&t, g_strdup (""));
    ps_report_table_add (&t, g_strdup (_ ("Checked by")));
    ps_report_table_add (&t, g_strdup (m->checker != NULL ? m->checker : ""));
    ps_report_table_add (&t, g_strdup ("\n\n"));
    ps_report_table_add (&t, g_strdup (""));
    ps_report_table_write (w, &t, h, sw);
  }

  heading_full (w, 2, _ ("Provenance"), 0);
  ps_report_table_init (&t, 2);
  ps_report_table_row (&t, _ ("Study kind"), _ (ps_study_get_kind_name (study)));
  ps_report_table_row (&t, _ ("Study file"),
                       d->saved_path != NULL ? d->saved_path : _ ("(not saved)"));
  ps_report_table_row (&t, _ ("SHA-256 as saved"), d->saved_sha256 != NULL ? d->saved_sha256 : "—");
  if (d->saved_sha256 == NULL || !g_str_equal (d->saved_sha256, study->checksum))
    ps_report_table_row (&t, _ ("SHA-256 of the text reported"), study->checksum);
  ps_report_table_row_take (&t, _ ("Program"), g_strdup_printf ("Parastudy %s", PACKAGE_VERSION));
  ps_report_table_row (&t, _ ("Run started"), v->started);
  ps_report_table_row_take (
      &t, _ ("Backend"),
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %d worker", "%s, %d workers",
                                    (gulong)MAX (v->workers, 0)),
                       v->backend, v->workers));
  ps_report_table_row_take (&t, _ ("Wall time"), ps_report_format_number (v->wall_seconds, "s"));
  ps_report_table_row_take (&t, _ ("CPU time"), ps_report_format_number (v->cpu_seconds, "s"));
  ps_report_table_row (&t, _ ("Run folder"), ps_run_data_get_dir (d->rd));
  if (mach != NULL)
    {
      double mem = summary_double (mach, "memory_bytes");
      g_autofree char *mem_text = isfinite (mem) && mem >= 0
                                      ? g_format_size_full ((guint64)mem, G_FORMAT_SIZE_IEC_UNITS)
                                      : g_strdup ("?");

      ps_report_table_row_take (&t, _ ("Machine"),
                                g_strdup_printf (_ ("%s, %d cores, %s memory, host %s"),
                                                 summary_string (mach, "cpu_model"),
                                                 (int)summary_double (mach, "cores"), mem_text,
                                                 summary_string (mach, "hostname")));
      ps_report_table_row (&t, _ ("Operating system"), summary_string (mach, "os"));
      ps_report_table_row_take (&t, _ ("Compiler"),
                                g_strdup_printf ("%s (%s)", summary_string (mach, "compiler"),
                                                 summary_string (mach, "flags")));
    }
  ps_report_table_write (w, &t, NULL, widths);
  w->page_break (w);
}

static void
contents (Writer *w, GArray *toc)
{
  Table t;
  const double widths[] = { 8, 1 };
  TableStyle st = { NULL, widths, "lr", FALSE };

  heading_full (w, 1, _ ("Contents"), 0);
  ps_report_table_init (&t, 2);
  for (guint i = 0; i < toc->len; i++)
    {
      TocEntry *e = &g_array_index (toc, TocEntry, i);

      ps_report_table_add (&t, e->level <= 1 ? g_strdup (e->label)
                                             : g_strdup_printf ("      %s", e->label));
      ps_report_table_add (&t, g_strdup_printf ("%u", e->page));
    }
  table_write (w, &t, &st);
  w->page_break (w);
}

static void
skip_report_leaf (const char *path, JsonNode *node, gpointer data)
{
  if (g_str_equal (path, "report") || g_str_has_prefix (path, "report.")
      || g_str_has_prefix (path, "report["))
    return;
  leaf_row (path, node, data);
}

static void
study_input_echo (Writer *w, const PsStudy *study)
{
  g_autoptr (JsonParser) p = json_parser_new ();
  Table t;
  const double widths[] = { 1.3, 2.3 };
  const char *h[] = { _ ("Key"), _ ("Value as written") };

  /* The text reported, which may not be the file on disk (unsaved edits). */
  if (study->text == NULL
      || !json_parser_load_from_data (p, study->text, (gssize)study->text_length, NULL))
    return;
  heading_full (w, 2, _ ("The study file"), HEADING_NUMBERED | HEADING_LISTED);
  ps_report_table_init (&t, 2);
  ps_report_json_leaves (json_parser_get_root (p), "", 0, skip_report_leaf, &t);
  ps_report_table_write (w, &t, h, widths);
}

/* The engineering unit a summary value in @si_unit is shown in: stresses in MPa,
 * forces in kN, section properties as the section tables give them, lengths under a
 * metre (deflections) in mm. */
static const char *
summary_unit (const char *si_unit, double v)
{
  static const char *const map[][2] = {
    { "Pa", "MPa" },        { "N", "kN" },     { "N/m", "kN/m" }, { "N*m", "kN*m" },
    { "m^2", "mm^2" },      { "m^3", "cm^3" }, { "m^4", "cm^4" }, { "kg/m", "kg/m" },
    { "kg/m^3", "kg/m^3" }, { "s", "s" },
  };

  if (si_unit == NULL || *si_unit == '\0')
    return "";
  if (g_str_equal (si_unit, "m"))
    return fabs (v) < 1.0 ? "mm" : "m";
  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_str_equal (si_unit, map[i][0]))
      return map[i][1];
  return NULL;
}

/* A key result as the report shows it: a count with digit grouping; a lone number
 * in its engineering unit with the locale's decimal separator; any other row (a
 * configuration, an estimate with its interval) as the kind wrote it. */
static char *
summary_row_text (const PsSummaryRow *r)
{
  const char *t = r->text != NULL ? r->text : "";
  const char *unit;
  const char *sp;

  if (r->type == PS_SUMMARY_COUNT && isfinite (r->values[0]) && r->values[0] >= 0)
    return ps_report_format_count ((guint64)r->values[0]);
  if (r->type != PS_SUMMARY_NUMBER || !isfinite (r->values[0]))
    return g_strdup (t);
  /* Only "number" or "number unit": anything longer says more than the value. */
  sp = strchr (t, ' ');
  if (strspn (t, "+-0123456789.eE") != (sp != NULL ? (gsize)(sp - t) : strlen (t))
      || (sp != NULL && strchr (sp + 1, ' ') != NULL))
    return g_strdup (t);
  unit = summary_unit (r->unit, r->values[0]);
  if (unit == NULL)
    return g_strdup (t);
  /* A plain number (a probability, a utilisation) keeps the precision its kind
   * gives it. */
  if (*unit == '\0')
    return g_strdup (t);
  return ps_report_format_in (r->values[0], unit);
}

static void
results_section (Writer *w, const PsStudy *study, PsRunData *rd)
{
  PsRunView *v = ps_run_data_get_view (rd);
  GPtrArray *rows = ps_run_view_get_rows (v, PS_SUMMARY_REPORT);
  Table t;
  const double widths[] = { 1.3, 2.3 };
  const char *h[] = { _ ("Result"), _ ("Value") };

  heading_full (w, 1, _ ("Results"), HEADING_NUMBERED | HEADING_LISTED);
  heading_full (w, 2, _ ("Key results"), HEADING_NUMBERED | HEADING_LISTED);
  ps_report_table_init (&t, 2);
  for (guint i = 0; i < rows->len; i++)
    {
      const PsSummaryRow *r = g_ptr_array_index (rows, i);

      ps_report_table_row_take (&t, r->label, summary_row_text (r));
    }
  ps_report_table_write (w, &t, h, widths);
  if (study->klass->report_results != NULL)
    study->klass->report_results (w, study, rd);

  if (v->errors.count > 0)
    {
      g_autofree char *count = ps_report_format_count (v->errors.count);
      g_autofree char *text = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE,
                       "%s item could not be computed; it is left out of the "
                       "results above.",
                       "%s items could not be computed; they are left out of the results above.",
                       (gulong)MIN (v->errors.count, G_MAXULONG)),
          count);
      const char *eh[] = { _ ("Item"), _ ("Reason") };
      const double ew[] = { 0.6, 4 };

      heading_full (w, 2, _ ("Items not computed"), HEADING_NUMBERED | HEADING_LISTED);
      ps_report_keep_with_next (w);
      ps_report_para (w, text, FALSE);
      ps_report_table_init (&t, 2);
      for (guint i = 0; v->errors.first != NULL && i < v->errors.first->len && i < 20; i++)
        {
          PsItemError *e = &g_array_index (v->errors.first, PsItemError, i);

          ps_report_table_add (&t, g_strdup_printf ("%" G_GUINT64_FORMAT, e->item));
          ps_report_table_add (&t, g_strdup (e->message));
        }
      ps_report_table_write (w, &t, eh, ew);
    }

  if (study->klass->report_charts != NULL && study->klass->report_charts[0].chart != NULL)
    {
      g_autofree char *why_not = NULL;
      guint drawn = 0;

      heading_full (w, 2, _ ("Charts"), HEADING_NUMBERED | HEADING_LISTED);
      ps_report_keep_with_next (w);
      g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; study->klass->report_charts[i].chart != NULL; i++)
        {
          const PsReportChart *c = &study->klass->report_charts[i];
          PsPlotParams params = { NULL, c->y, NULL, NULL, NULL };
          g_autoptr (GError) error = NULL;
          g_autoptr (PsChart) chart = ps_plot_study_chart (rd, c->chart, &params, &error);
          const char *title = chart != NULL ? ps_chart_get_title (chart) : NULL;

          /* A run without rows draws its pass map in place of several charts: once. */
          if (title != NULL && !g_hash_table_add (seen, g_strdup (title)))
            continue;
          if (chart != NULL)
            {
              ps_report_chart_caption (w, chart, NULL);
              drawn++;
            }
          else
            drawn += ps_report_run_chart (w, rd, c->chart, &params, &why_not);
        }
      if (drawn == 0)
        {
          g_autofree char *msg = g_strdup_printf (_ ("No chart applies to this run: %s"),
                                                  why_not != NULL ? why_not : "");

          ps_report_para (w, msg, TRUE);
        }
    }
}

static void
scaling_section (Writer *w, PsScalingData *sd)
{
  JsonObject *root = ps_scaling_data_get_root (sd);
  JsonArray *series = json_object_get_array_member (root, "series");
  const char *mode = ps_scaling_data_get_mode (sd);
  g_autofree char *intro = NULL;

  w->page_break (w);
  heading_full (w, 1, _ ("Scaling"), HEADING_NUMBERED | HEADING_LISTED);
  intro = g_strdup_printf (
      _ ("Mode: %s scaling, each point the median of %d repeats. Speedup S(p) = T(1)/T(p), "
         "efficiency E = S/p, Karp–Flatt serial fraction e = (1/S − 1/p)/(1 − 1/p); Amdahl's "
         "law S = 1/(f + (1 − f)/p), Gustafson's S = p − f(p − 1)."),
      mode, (int)json_object_get_int_member_with_default (root, "repeats", 0));
  ps_report_para (w, intro, FALSE);
  for (guint i = 0; i < json_array_get_length (series); i++)
    {
      JsonObject *so = json_array_get_object_element (series, i);
      JsonArray *pts = json_object_get_array_member (so, "points");
      Table t;
      g_autofree char *title = g_strdup_printf (
          _ ("Backend %s"), json_object_get_string_member_with_default (so, "backend", "?"));
      const char *h[]
          = { _ ("Workers"), _ ("Items"),      _ ("Wall time (median)"), _ ("min … max"),
              _ ("Speedup"), _ ("Efficiency"), _ ("Karp–Flatt") };

      heading_full (w, 2, title, HEADING_NUMBERED | HEADING_LISTED);
      ps_report_table_init (&t, 7);
      for (guint k = 0; k < json_array_get_length (pts); k++)
        {
          JsonObject *p = json_array_get_object_element (pts, k);
          g_autofree char *lo = ps_report_format_number (summary_double (p, "wall_min"), "s");
          g_autofree char *hi = ps_report_format_number (summary_double (p, "wall_max"), "s");
          double ws = summary_double (p, "workers");

          ps_report_table_add (&t, g_strdup_printf ("%.0f%s", ws,
                                                    json_object_get_boolean_member_with_default (
                                                        p, "oversubscribed", FALSE)
                                                        ? " *"
                                                        : ""));
          ps_report_table_add (&t, g_strdup_printf ("%.0f", summary_double (p, "size")));
          g_ptr_array_add (t.cells,
                           ps_report_format_number (summary_double (p, "wall_median"), "s"));
          {
            JsonNode *ci = json_object_get_member (p, "wall_median_ci95");

            /* The median's 95 % interval where there were samples enough for one,
             * else the range of the samples. */
            if (ci != NULL && JSON_NODE_HOLDS_ARRAY (ci)
                && json_array_get_length (json_node_get_array (ci)) == 2)
              {
                g_autofree char *clo = ps_report_format_number (
                    json_array_get_double_element (json_node_get_array (ci), 0), "s");
                g_autofree char *chi = ps_report_format_number (
                    json_array_get_double_element (json_node_get_array (ci), 1), "s");

                ps_report_table_add (&t, g_strdup_printf (_ ("%s … %s (95 %%)"), clo, chi));
              }
            else
              ps_report_table_add (&t, g_strdup_printf ("%s … %s", lo, hi));
          }
          ps_report_table_add (&t, ps_report_format_number (summary_double (p, "speedup"), ""));
          ps_report_table_add (&t, ps_report_format_number (summary_double (p, "efficiency"), ""));
          ps_report_table_add (&t, ps_report_format_number (summary_double (p, "karp_flatt"), ""));
        }
      ps_report_table_write (w, &t, h, NULL);
      /* What a reader of the timings must know (scaling.json's warnings). */
      for (guint k = 0; k < json_array_get_length (pts); k++)
        {
          JsonObject *p = json_array_get_object_element (pts, k);
          JsonNode *wn = json_object_get_member (p, "warnings");
          g_autoptr (GString) text = NULL;

          if (wn == NULL || !JSON_NODE_HOLDS_ARRAY (wn)
              || json_array_get_length (json_node_get_array (wn)) == 0)
            continue;
          text = g_string_new (NULL);
          g_string_append_printf (text, _ ("%.0f workers: "), summary_double (p, "workers"));
          for (guint m = 0; m < json_array_get_length (json_node_get_array (wn)); m++)
            {
              const char *name = json_array_get_string_element (json_node_get_array (wn), m);

              if (m > 0)
                g_string_append (text, "; ");
              g_string_append (text, ps_scaling_warning_text (name, p));
            }
          g_string_append_c (text, '.');
          ps_report_para (w, text->str, FALSE);
        }
      if (json_object_has_member (so, "fit")
          && JSON_NODE_HOLDS_OBJECT (json_object_get_member (so, "fit")))
        {
          JsonObject *f = json_object_get_object_member (so, "fit");
          const char *model = summary_string (f, "model");
          g_autofree char *txt = NULL;

          if (g_str_equal (model, "size") && json_object_has_member (f, "term"))
            {
              const char *runner
                  = json_object_has_member (f, "runner_up")
                            && !json_node_is_null (json_object_get_member (f, "runner_up"))
                        ? json_object_get_string_member (f, "runner_up")
                        : NULL;
              g_autofree char *next
                  = runner != NULL
                        ? g_strdup_printf (_ ("; next best %s (adjusted R² %.4f)"), runner,
                                           summary_double (f, "runner_up_adj_r2"))
                        : g_strdup ("");

              /* The model chosen over T(n) = c0 + c1 n^b log2(n)^j (Extra-P's normal form). */
              txt = g_strdup_printf (
                  _ ("Fit: wall time T(n) = %.4g s + %.4g s × %s (adjusted R² %.4f)%s."),
                  summary_double (f, "c0"), summary_double (f, "c1"), summary_string (f, "term"),
                  summary_double (f, "adj_r2"), next);
            }
          else if (g_str_equal (model, "size"))
            txt = g_strdup_printf (_ ("Fit: wall time ∝ size^k, k = %.4g ± %.2g."),
                                   summary_double (f, "exponent"),
                                   summary_double (f, "exponent_se"));
          else
            {
              double se = summary_double (f, "serial_fraction_se");
              double mx = summary_double (f, "max_speedup");
              g_autofree char *se_text
                  = isfinite (se) ? g_strdup_printf (" ± %.2g", se) : g_strdup ("");
              g_autofree char *max_text
                  = isfinite (mx) ? g_strdup_printf (_ ("; largest speedup 1/f = %.4g"), mx)
                                  : g_strdup ("");

              JsonNode *ci = json_object_get_member (f, "serial_fraction_ci95");
              g_autofree char *ci_text = NULL;

              if (ci != NULL && JSON_NODE_HOLDS_ARRAY (ci)
                  && json_array_get_length (json_node_get_array (ci)) == 2)
                ci_text
                    = g_strdup_printf (_ (" (95 %% interval %.4g – %.4g)"),
                                       json_array_get_double_element (json_node_get_array (ci), 0),
                                       json_array_get_double_element (json_node_get_array (ci), 1));
              /* With two worker counts the fit has no standard error (null). */
              txt = g_strdup_printf (_ ("Fit (%s): serial fraction f = %.4g%s%s%s."), model,
                                     summary_double (f, "serial_fraction"), se_text,
                                     ci_text != NULL ? ci_text : "", max_text);
            }
          ps_report_para (w, txt, FALSE);
        }
    }
  {
    static const char *const names[] = { "speedup", "efficiency", "time" };

    for (guint k = 0; k < 3; k++)
      {
        g_autoptr (GError) error = NULL;
        g_autoptr (PsChart) chart = NULL;

        if (g_str_equal (mode, "size") && k < 2)
          continue;
        chart = ps_plot_scaling_chart (sd, names[k], &error);
        if (chart != NULL)
          ps_report_chart_caption (w, chart, NULL);
      }
  }
}

static void
appendix (Writer *w, const Doc *d)
{
  w->page_break (w);
  heading_full (w, 1, _ ("Appendix: the run's summary.json"), HEADING_LISTED);
  ps_report_keep_with_next (w);
  ps_report_para (w,
                  _ ("The machine-readable record of the run, as written in the run folder; "
                     "its numbers are SI and use the decimal point in every language."),
                  TRUE);
  ps_report_code (w, d->summary_text);
}

static void
write_content (Writer *w)
{
  const Doc *d = w->doc;

  w->numbering = FALSE;
  cover (w);
  w->numbering = TRUE;
  if (d->toc_in != NULL)
    contents (w, d->toc_in);
  heading_full (w, 1, _ ("Inputs"), HEADING_NUMBERED | HEADING_LISTED);
  if (d->study->klass->report_inputs != NULL)
    d->study->klass->report_inputs (w, d->study);
  study_input_echo (w, d->study);
  w->page_break (w);
  results_section (w, d->study, d->rd);
  if (d->sd != NULL)
    scaling_section (w, d->sd);
  if (d->o->appendix)
    appendix (w, d);
}

static cairo_status_t
to_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  if (closure != NULL)
    g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Lays out the whole PDF into @out, with "page N of @total" footers (0: "page N"),
 * and the headings where they fell into @toc. Returns the page count. */
static guint
render_pdf (const Doc *d, guint total, GByteArray *out, GArray *toc, GError **error)
{
  Writer w = { 0 };
  cairo_status_t st;

  w.heading = pdf_heading;
  w.para = pdf_para;
  w.table = pdf_table;
  w.chart = pdf_chart;
  w.code = pdf_code;
  w.page_break = pdf_page_break;
  w.doc = d;
  w.toc = toc;
  w.pending = g_ptr_array_new_with_free_func (pending_free);
  w.page_w = d->o->paper == PS_PAPER_LETTER ? 612 : 595.276;
  w.page_h = d->o->paper == PS_PAPER_LETTER ? 792 : 841.89;
  w.margin = 56.7; /* 20 mm */
  w.top = 90;      /* below the title block and the DRAFT line */
  w.page = 1;
  w.total_pages = total;
  w.outline_parent = CAIRO_PDF_OUTLINE_ROOT;
  w.footer = g_strdup_printf ("Parastudy %s — %s", PACKAGE_VERSION, d->study->name);
  w.surface = cairo_pdf_surface_create_for_stream (to_bytes, out, w.page_w, w.page_h);
  cairo_pdf_surface_set_metadata (w.surface, CAIRO_PDF_METADATA_TITLE, d->study->name);
  cairo_pdf_surface_set_metadata (w.surface, CAIRO_PDF_METADATA_CREATOR, "Parastudy");
  if (d->meta->author != NULL)
    cairo_pdf_surface_set_metadata (w.surface, CAIRO_PDF_METADATA_AUTHOR, d->meta->author);
  if (d->meta->project != NULL)
    cairo_pdf_surface_set_metadata (w.surface, CAIRO_PDF_METADATA_SUBJECT, d->meta->project);
  w.cr = cairo_create (w.surface);
  pdf_begin_page (&w);
  write_content (&w);
  pdf_flush (&w);
  pdf_footer (&w);
  cairo_show_page (w.cr);
  cairo_destroy (w.cr);
  cairo_surface_finish (w.surface);
  st = cairo_surface_status (w.surface);
  cairo_surface_destroy (w.surface);
  g_free (w.footer);
  g_ptr_array_unref (w.pending);
  if (st != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_FAILED, "PDF: %s", cairo_status_to_string (st));
      return 0;
    }
  return w.page;
}

static gboolean
toc_same (GArray *a, GArray *b)
{
  if (a == NULL || b == NULL || a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (g_array_index (a, TocEntry, i).page != g_array_index (b, TocEntry, i).page)
      return FALSE;
  return TRUE;
}

static guint
write_pdf (Doc *d, const char *out, GError **error)
{
  g_autoptr (GArray) toc_prev = NULL;
  guint total = 0;

  /* Pass 1 counts pages; then each pass uses the previous one's page count and
   * heading pages, until both are what the pass itself found. */
  for (guint pass = 0; pass < 6; pass++)
    {
      g_autoptr (GByteArray) bytes = g_byte_array_new ();
      g_autoptr (GArray) toc = toc_new ();
      guint pages;

      d->toc_in = toc_prev;
      pages = render_pdf (d, total, bytes, toc, error);
      if (pages == 0)
        return 0;
      if (pass > 0 && pages == total && (toc_prev == NULL || toc_same (toc_prev, toc)))
        {
          d->toc_in = NULL;
          if (!ps_write_file_atomic (out, bytes->data, bytes->len, error))
            return 0;
          return pages;
        }
      if (pass == 0 && pages >= TOC_MIN_PAGES)
        toc_prev = g_steal_pointer (&toc);
      else if (toc_prev != NULL)
        {
          g_array_unref (toc_prev);
          toc_prev = g_steal_pointer (&toc);
        }
      total = pages;
    }
  d->toc_in = NULL;
  g_set_error (error, PS_ERROR, PS_ERROR_FAILED,
               "PDF: the page numbers of the contents did not settle");
  return 0;
}

static void
html_title_block (GString *html, const Doc *d)
{
  const PsReportMeta *m = d->meta;
  const char *labels[] = { _ ("Project"),    _ ("Job number"), _ ("Element"),  _ ("Prepared by"),
                           _ ("Checked by"), _ ("Date"),       _ ("Revision"), _ ("Status") };
  const char *values[] = { m->project, m->job_number, m->element,       m->author,
                           m->checker, d->date,       doc_revision (d), status_label (d) };

  g_string_append (html, "<table class=\"titleblock\"><tr>");
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      g_autofree char *l = g_markup_escape_text (labels[i], -1);
      g_autofree char *v = g_markup_escape_text (values[i] != NULL ? values[i] : "", -1);

      if (i == 3)
        g_string_append (html, "</tr><tr>");
      g_string_append_printf (html, "<td%s><span class=\"label\">%s</span><br>%s</td>",
                              i == 7 && d->draft_reason != NULL ? " class=\"alert\"" : "", l, v);
    }
  g_string_append (html, "</tr></table>\n");
  if (d->draft_reason != NULL)
    {
      g_autofree char *text = g_strdup_printf (_ ("DRAFT: %s"), d->draft_reason);
      g_autofree char *e = g_markup_escape_text (text, -1);

      g_string_append_printf (html, "<p class=\"draft\">%s</p>\n", e);
    }
}

static void
render_html (Doc *d, GString *html)
{
  Writer w = { 0 };
  g_autoptr (GArray) toc = toc_new ();
  g_autoptr (GString) body = g_string_new (NULL);
  g_autofree char *title = g_markup_escape_text (d->study->name, -1);
  const char *lang = g_get_language_names ()[0];
  g_autofree char *lang_tag = g_strdelimit (g_strndup (lang, strcspn (lang, ".@")), "_", '-');

  w.heading = html_heading;
  w.para = html_para;
  w.table = html_table;
  w.chart = html_chart;
  w.code = html_code;
  w.page_break = html_page_break;
  w.html = body;
  w.doc = d;
  w.toc = toc;
  d->toc_in = NULL;
  write_content (&w);

  g_string_append_printf (
      html,
      "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<title>%s</title>\n<style>\n"
      "body{font-family:sans-serif;max-width:50em;margin:2em auto;color:#111;line-height:1.4}\n"
      "h1{color:#0d2659}h2,h3,h4{color:#1a264d}\n"
      "table{border-collapse:collapse;width:100%%;margin:0.5em 0 1em;font-size:0.9em}\n"
      "th,td{border-bottom:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}\n"
      "th{background:#e6ebf2}.num{text-align:right}.small{font-size:0.8em;color:#444}\n"
      "table.titleblock td{border:1px solid #777;font-size:0.9em}\n"
      "table.titleblock .label{font-size:0.7em;color:#555}\n"
      ".alert,.draft{color:#b00;font-weight:bold}\n"
      "pre{font-size:0.75em;background:#f6f6f6;padding:0.5em;overflow-x:auto}\n"
      "figure{margin:1em 0}figcaption{text-align:center;font-style:italic;font-size:0.9em}\n"
      ".chart svg{max-width:100%%;height:auto}\n"
      "nav li{list-style:none}nav ul ul{padding-left:1.5em}\n</style>\n</head>\n<body>\n",
      g_str_equal (lang_tag, "C") || g_str_equal (lang_tag, "POSIX") ? "en" : lang_tag, title);
  html_title_block (html, d);
  /* The contents after the cover, as in the PDF: the cover is everything before the
   * first numbered heading. */
  {
    const char *split = NULL;

    if (toc->len > 0)
      {
        g_autofree char *id
            = g_strdup_printf (" id=\"%s\"", g_array_index (toc, TocEntry, 0).anchor);
        const char *at = strstr (body->str, id);

        while (at != NULL && at > body->str && *at != '<')
          at--;
        split = at;
      }
    if (split != NULL)
      g_string_append_len (html, body->str, split - body->str);
    g_string_append_printf (html, "<nav>\n<h2>%s</h2>\n<ul>\n", _ ("Contents"));
    for (guint i = 0; i < toc->len; i++)
      {
        TocEntry *e = &g_array_index (toc, TocEntry, i);
        g_autofree char *label = g_markup_escape_text (e->label, -1);

        g_string_append_printf (html, "<li%s><a href=\"#%s\">%s</a></li>\n",
                                e->level >= 2 ? " style=\"padding-left:1.5em\"" : "", e->anchor,
                                label);
      }
    g_string_append (html, "</ul>\n</nav>\n");
    g_string_append (html, split != NULL ? split : body->str);
  }
  g_string_append_printf (html, "<p class=\"small\">Parastudy %s</p>\n</body>\n</html>\n",
                          PACKAGE_VERSION);
}

static void
doc_clear (Doc *d)
{
  ps_report_meta_free (d->meta);
  g_free (d->date);
  g_free (d->saved_path);
  g_free (d->saved_sha256);
  g_free (d->draft_reason);
  g_free (d->summary_text);
}

/* What the cover and every page say about the study file: where it is saved, its
 * SHA-256 as saved, and whether the text reported is that file. */
static void
doc_provenance (Doc *d)
{
  const PsStudy *study = d->study;
  const char *path = d->o->saved_path != NULL ? d->o->saved_path : study->path;
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr (GError) error = NULL;

  d->saved_path = g_strdup (path);
  if (path == NULL)
    {
      d->draft_reason = g_strdup (_ ("the study has not been saved to a file"));
      return;
    }
  if (d->o->saved_sha256 != NULL)
    d->saved_sha256 = g_strdup (d->o->saved_sha256);
  else if (g_file_get_contents (path, &contents, &length, &error))
    d->saved_sha256
        = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
  else
    {
      d->draft_reason
          = g_strdup_printf (_ ("the study file %s cannot be read (%s)"), path, error->message);
      return;
    }
  if (!g_str_equal (d->saved_sha256, study->checksum))
    d->draft_reason = g_strdup_printf (
        _ ("made from unsaved edits: the text reported (SHA-256 %.12s…) is not the study file "
           "as saved, %s (SHA-256 %.12s…)"),
        study->checksum, path, d->saved_sha256);
}

guint
ps_report_write (const PsStudy *study, const char *run_dir, const PsReportOptions *options,
                 const char *out, GError **error)
{
  g_autoptr (PsRunData) rd = NULL;
  g_autoptr (PsScalingData) sd = NULL;
  PsReportOptions defaults;
  Doc d = { 0 };
  guint pages;

  if (options == NULL)
    {
      ps_report_options_init (&defaults);
      options = &defaults;
    }
  rd = ps_run_data_load (run_dir, error);
  if (rd == NULL || !ps_run_data_check_study (rd, study, error))
    return 0;
  if (options->scaling != NULL && (sd = ps_scaling_data_load (options->scaling, error)) == NULL)
    return 0;
  if (sd != NULL)
    {
      JsonObject *root = ps_scaling_data_get_root (sd);
      JsonObject *of = json_object_get_object_member (root, "study");
      const char *sha
          = of != NULL ? json_object_get_string_member_with_default (of, "checksum", "") : "";

      /* A scaling study of another study file would put foreign timings in the report. */
      if (study->checksum == NULL || !g_str_equal (sha, study->checksum))
        {
          g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                       _ ("%s is a scaling study of \"%s\" (SHA-256 %.12s…), not of this study "
                          "file (SHA-256 %.12s…)"),
                       options->scaling,
                       of != NULL ? json_object_get_string_member_with_default (of, "name", "?")
                                  : "?",
                       sha, study->checksum != NULL ? study->checksum : "?");
          return 0;
        }
    }
  d.study = study;
  d.rd = rd;
  d.sd = sd;
  d.o = options;
  d.meta = ps_report_meta_copy (study->report_meta);
  ps_report_meta_merge (d.meta, options->meta);
  if (options->date != NULL)
    d.date = g_strdup (options->date);
  else if (d.meta->date != NULL)
    d.date = g_strdup (d.meta->date);
  else
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_local ();

      d.date = g_date_time_format (now, "%Y-%m-%d");
    }
  doc_provenance (&d);
  if (options->appendix)
    {
      g_autofree char *path = g_build_filename (run_dir, "summary.json", NULL);
      g_autoptr (GError) local = NULL;

      if (!g_file_get_contents (path, &d.summary_text, NULL, &local))
        {
          g_set_error (error, PS_ERROR, PS_ERROR_INVALID, "%s: %s", path, local->message);
          doc_clear (&d);
          return 0;
        }
    }
  if (options->format == PS_REPORT_HTML)
    {
      g_autoptr (GString) html = g_string_new (NULL);

      render_html (&d, html);
      pages = ps_write_file_atomic (out, (const guint8 *)html->str, html->len, error) ? 1 : 0;
    }
  else
    pages = write_pdf (&d, out, error);
  doc_clear (&d);
  return pages;
}
