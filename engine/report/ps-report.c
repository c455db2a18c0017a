/* ps-report.c: the calculation report.
 *
 * The content is written once, against a small writer interface (headings,
 * paragraphs, tables, charts, page breaks) with two implementations: a paginating
 * PDF writer on a Cairo PDF surface with Pango text, and an HTML writer with the
 * charts inline as SVG. The PDF is laid out twice, first to count the pages for
 * the "page N of M" footer, then for real; both passes are in memory, and only a
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
#include "report/ps-report-private.h"
#include "study/ps-units.h"
#include "study/ps-study-private.h"

void
ps_report_options_init (PsReportOptions *o)
{
  memset (o, 0, sizeof *o);
  o->paper = PS_PAPER_A4;
  o->format = PS_REPORT_PDF;
}

/* The writer. */

typedef PsReportWriter Writer;

struct _PsReportWriter
{
  void (*heading) (Writer *w, int level, const char *text);
  void (*para) (Writer *w, const char *text, gboolean small);
  /* @cells: n_rows × n_cols strings, row 0 the header (NULL: none). */
  void (*table) (Writer *w, const char *const *header, const char *const *cells, guint n_rows,
                 guint n_cols, const double *widths);
  void (*chart) (Writer *w, PsChart *chart);
  void (*page_break) (Writer *w);

  /* PDF */
  cairo_t *cr;
  double page_w, page_h, margin, y;
  guint page, total_pages;
  char *footer;
  /* HTML */
  GString *html;
  GError *error;
};

/* PDF writer. */

static PangoLayout *
pdf_layout (Writer *w, const char *text, double size, gboolean bold, double width, gboolean markup)
{
  PangoLayout *l = pango_cairo_create_layout (w->cr);
  PangoFontDescription *fd = pango_font_description_new ();
  cairo_font_options_t *fo = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (fo, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (pango_layout_get_context (l), fo);
  cairo_font_options_destroy (fo);
  pango_font_description_set_family (fd, "Sans");
  pango_font_description_set_absolute_size (fd, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (fd, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (l, fd);
  pango_font_description_free (fd);
  if (width > 0)
    {
      pango_layout_set_width (l, (int)(width * PANGO_SCALE));
      pango_layout_set_wrap (l, PANGO_WRAP_WORD_CHAR);
    }
  if (markup)
    pango_layout_set_markup (l, text, -1);
  else
    pango_layout_set_text (l, text, -1);
  return l;
}

static double
layout_h (PangoLayout *l)
{
  int w, h;

  pango_layout_get_size (l, &w, &h);
  return (double)h / PANGO_SCALE;
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
  l = pdf_layout (w, text, 7.5, FALSE, 0, FALSE);
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
pdf_new_page (Writer *w)
{
  pdf_footer (w);
  cairo_show_page (w->cr);
  w->page++;
  w->y = w->margin;
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

static void
pdf_ensure (Writer *w, double h)
{
  if (w->y + h > bottom (w) && w->y > w->margin + 1)
    pdf_new_page (w);
}

static void
pdf_page_break (Writer *w)
{
  if (w->y > w->margin + 1)
    pdf_new_page (w);
}

static void
pdf_heading (Writer *w, int level, const char *text)
{
  double size = level == 0 ? 22 : level == 1 ? 15 : 11.5;
  PangoLayout *l = pdf_layout (w, text, size, TRUE, content_w (w), FALSE);
  double h = layout_h (l);

  /* A heading is never the last thing on a page. */
  pdf_ensure (w, h + 80);
  w->y += level == 0 ? 0 : size * 0.6;
  cairo_move_to (w->cr, w->margin, w->y);
  cairo_set_source_rgb (w->cr, level == 0 ? 0.05 : 0.1, 0.15, level == 0 ? 0.35 : 0.3);
  pango_cairo_show_layout (w->cr, l);
  cairo_set_source_rgb (w->cr, 0, 0, 0);
  w->y += h + size * 0.4;
  g_object_unref (l);
}

static void
pdf_para (Writer *w, const char *text, gboolean small)
{
  PangoLayout *l = pdf_layout (w, text, small ? 8 : 9.5, FALSE, content_w (w), FALSE);
  PangoLayoutIter *it;

  /* Line by line, so a long paragraph breaks across pages. */
  it = pango_layout_get_iter (l);
  {
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
  }
  pango_layout_iter_free (it);
  w->y += small ? 4 : 6;
  g_object_unref (l);
}

static void
pdf_table (Writer *w, const char *const *header, const char *const *cells, guint n_rows,
           guint n_cols, const double *widths)
{
  double cw = content_w (w), pad = 3, total = 0;
  g_autofree double *colw = g_new (double, n_cols);

  for (guint c = 0; c < n_cols; c++)
    total += widths != NULL ? widths[c] : 1.0;
  for (guint c = 0; c < n_cols; c++)
    colw[c] = cw * (widths != NULL ? widths[c] : 1.0) / total;
  for (gint r = header != NULL ? -1 : 0; r < (gint)n_rows; r++)
    {
      const char *const *row = r < 0 ? header : cells + (gsize)r * n_cols;
      PangoLayout *ls[16];
      double h = 0, x = w->margin;

      g_assert (n_cols <= 16);
      for (guint c = 0; c < n_cols; c++)
        {
          ls[c]
              = pdf_layout (w, row[c] != NULL ? row[c] : "", 8.5, r < 0, colw[c] - 2 * pad, FALSE);
          h = MAX (h, layout_h (ls[c]));
        }
      h += 2 * pad;
      if (w->y + h > bottom (w))
        pdf_new_page (w);
      if (r < 0)
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
  w->y += 8;
}

static void
pdf_chart (Writer *w, PsChart *chart)
{
  double cw = content_w (w), ch = cw * 0.6;

  pdf_ensure (w, ch + 6);
  cairo_save (w->cr);
  cairo_translate (w->cr, w->margin, w->y);
  ps_chart_set_font (chart, NULL, 8);
  ps_chart_draw (chart, w->cr, cw, ch, 72);
  cairo_restore (w->cr);
  w->y += ch + 10;
}

/* HTML writer. */

static void
html_heading (Writer *w, int level, const char *text)
{
  g_autofree char *e = g_markup_escape_text (text, -1);

  g_string_append_printf (w->html, "<h%d>%s</h%d>\n", level + 1, e, level + 1);
}

static void
html_para (Writer *w, const char *text, gboolean small)
{
  g_autofree char *e = g_markup_escape_text (text, -1);

  g_string_append_printf (w->html, small ? "<p class=\"small\">%s</p>\n" : "<p>%s</p>\n", e);
}

static void
html_table (Writer *w, const char *const *header, const char *const *cells, guint n_rows,
            guint n_cols, const double *widths)
{
  g_string_append (w->html, "<table>\n");
  if (header != NULL)
    {
      g_string_append (w->html, "<tr>");
      for (guint c = 0; c < n_cols; c++)
        {
          g_autofree char *e = g_markup_escape_text (header[c], -1);

          g_string_append_printf (w->html, "<th>%s</th>", e);
        }
      g_string_append (w->html, "</tr>\n");
    }
  for (guint r = 0; r < n_rows; r++)
    {
      g_string_append (w->html, "<tr>");
      for (guint c = 0; c < n_cols; c++)
        {
          const char *t = cells[(gsize)r * n_cols + c];
          g_autofree char *e = g_markup_escape_text (t != NULL ? t : "", -1);

          g_string_append_printf (w->html, "<td>%s</td>", e);
        }
      g_string_append (w->html, "</tr>\n");
    }
  g_string_append (w->html, "</table>\n");
}

static void
html_chart (Writer *w, PsChart *chart)
{
  g_autoptr (GByteArray) svg = g_byte_array_new ();
  g_autoptr (GError) error = NULL;
  const char *start;

  if (!ps_chart_render (chart, PS_FORMAT_SVG, 720, 432, 96, svg, &error))
    {
      html_para (w, error->message, TRUE);
      return;
    }
  g_byte_array_append (svg, (const guint8 *)"", 1);
  /* Inline: drop the XML declaration. */
  start = strstr ((const char *)svg->data, "<svg");
  g_string_append (w->html, "<div class=\"chart\">");
  g_string_append (w->html, start != NULL ? start : (const char *)svg->data);
  g_string_append (w->html, "</div>\n");
}

static void
html_page_break (Writer *w)
{
}

/* Content helpers. */

char *
ps_report_format_number (double v, const char *unit)
{
  const char *prefix = "";
  double f;

  if (!isfinite (v))
    return g_strdup ("—");
  f = ps_si_prefix (fabs (v), unit, &prefix);
  if (unit == NULL || *unit == '\0')
    return g_strdup_printf ("%.6g", v);
  return g_strdup_printf ("%.6g %s%s", v / f, prefix, g_str_equal (unit, "N*m") ? "N·m" : unit);
}

/* The writer's calls, for the kinds' sections (ps-report-private.h). */

void
ps_report_heading (PsReportWriter *w, int level, const char *text)
{
  w->heading (w, level, text);
}

void
ps_report_para (PsReportWriter *w, const char *text, gboolean small)
{
  w->para (w, text, small);
}

void
ps_report_chart (PsReportWriter *w, PsChart *chart)
{
  w->chart (w, chart);
}

void
ps_report_page_break (PsReportWriter *w)
{
  w->page_break (w);
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

void
ps_report_table_write (PsReportWriter *w, PsReportTable *t, const char *const *header,
                       const double *widths)
{
  w->table (w, header, (const char *const *)t->cells->pdata, t->cells->len / t->n_cols, t->n_cols,
            widths);
  g_ptr_array_unref (t->cells);
  t->cells = NULL;
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
      return g_strdup_printf ("%.10g", json_node_get_double (n));
    }
  if (JSON_NODE_HOLDS_NULL (n))
    return g_strdup ("—");
  {
    g_autoptr (JsonGenerator) g = json_generator_new ();

    json_generator_set_root (g, n);
    return json_generator_to_data (g, NULL);
  }
}

/* Every leaf of a JSON object as "path → value" rows; small arrays of scalars are
 * one row. */
static void
flatten (Table *t, JsonNode *node, const char *path, guint depth)
{
  if (JSON_NODE_HOLDS_OBJECT (node) && depth < 6)
    {
      JsonObject *o = json_node_get_object (node);
      g_autoptr (GList) members = json_object_get_members (o);

      for (GList *l = members; l != NULL; l = l->next)
        {
          g_autofree char *p
              = *path ? g_strdup_printf ("%s.%s", path, (char *)l->data) : g_strdup (l->data);

          flatten (t, json_object_get_member (o, l->data), p, depth + 1);
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

              flatten (t, json_array_get_element (a, i), p, depth + 1);
            }
          return;
        }
    }
  ps_report_table_row_take (t, path, node_text (node));
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

void
ps_report_run_chart (PsReportWriter *w, PsRunData *rd, const char *name, const PsPlotParams *params)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsChart) chart = ps_plot_study_chart (rd, name, params, &error);

  if (chart == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_ ("Chart %s not drawn: %s"), name, error->message);

      w->para (w, msg, TRUE);
      return;
    }
  w->chart (w, chart);
}

/* Sections. */

static void
title_page (Writer *w, const PsStudy *study, PsRunData *rd, const PsReportOptions *o)
{
  PsRunView *v = ps_run_data_get_view (rd);
  JsonObject *m = ps_summary_get_object (v->summary, "machine");
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date
      = o->date != NULL ? g_strdup (o->date) : g_date_time_format (now, "%Y-%m-%d %H:%M");
  Table t;
  const double widths[] = { 1, 2.6 };

  w->heading (w, 0, _ ("Calculation report"));
  w->heading (w, 1, study->name);
  if (study->description != NULL)
    w->para (w, study->description, FALSE);
  ps_report_table_init (&t, 2);
  ps_report_table_row (&t, _ ("Study kind"), _ (ps_study_get_kind_name (study)));
  ps_report_table_row (&t, _ ("Study file"), study->path != NULL ? study->path : "—");
  ps_report_table_row (&t, _ ("Study SHA-256"), study->checksum != NULL ? study->checksum : "—");
  ps_report_table_row_take (&t, _ ("Items"),
                            g_strdup_printf ("%" G_GUINT64_FORMAT, study->n_items));
  ps_report_table_row (&t, _ ("Report date"), date);
  ps_report_table_row_take (&t, _ ("Program"), g_strdup_printf ("Parastudy %s", PACKAGE_VERSION));
  ps_report_table_row (&t, _ ("Run started"), v->started);
  ps_report_table_row_take (&t, _ ("Backend"),
                            g_strdup_printf ("%s, %d %s", v->backend, v->workers, _ ("workers")));
  ps_report_table_row_take (&t, _ ("Wall time"), ps_report_format_number (v->wall_seconds, "s"));
  ps_report_table_row_take (&t, _ ("CPU time"), ps_report_format_number (v->cpu_seconds, "s"));
  ps_report_table_row (&t, _ ("Run folder"), ps_run_data_get_dir (rd));
  ps_report_table_write (w, &t, NULL, widths);
  if (m != NULL)
    {
      w->heading (w, 2, _ ("Machine"));
      ps_report_table_init (&t, 2);
      ps_report_table_row (&t, _ ("Processor"), summary_string (m, "cpu_model"));
      ps_report_table_row_take (&t, _ ("Cores"),
                                g_strdup_printf ("%d", (int)summary_double (m, "cores")));
      ps_report_table_row_take (&t, _ ("Memory"),
                                g_format_size_full ((guint64)summary_double (m, "memory_bytes"),
                                                    G_FORMAT_SIZE_IEC_UNITS));
      ps_report_table_row (&t, _ ("Operating system"), summary_string (m, "os"));
      ps_report_table_row (&t, _ ("Host"), summary_string (m, "hostname"));
      ps_report_table_row (&t, _ ("Compiler"), summary_string (m, "compiler"));
      ps_report_table_row (&t, _ ("Build flags"), summary_string (m, "flags"));
      ps_report_table_write (w, &t, NULL, widths);
    }
  w->page_break (w);
}

static void
study_input_echo (Writer *w, const PsStudy *study)
{
  g_autoptr (JsonParser) p = json_parser_new ();
  Table t;
  const double widths[] = { 1.3, 2.3 };
  const char *h[] = { _ ("Key"), _ ("Value as written") };

  if (study->path == NULL || !json_parser_load_from_file (p, study->path, NULL))
    return;
  w->heading (w, 2, _ ("The study file"));
  ps_report_table_init (&t, 2);
  flatten (&t, json_parser_get_root (p), "", 0);
  ps_report_table_write (w, &t, h, widths);
}

static void
results_section (Writer *w, const PsStudy *study, PsRunData *rd)
{
  JsonObject *s = ps_run_data_get_summary (rd);
  Table t;
  const double widths[] = { 1.3, 2.3 };

  w->heading (w, 1, _ ("Results"));
  w->heading (w, 2, _ ("Key results"));
  ps_report_table_init (&t, 2);
  {
    GPtrArray *rows = ps_run_view_get_rows (ps_run_data_get_view (rd), PS_SUMMARY_REPORT);

    for (guint i = 0; i < rows->len; i++)
      {
        const PsSummaryRow *r = g_ptr_array_index (rows, i);

        ps_report_table_row (&t, r->label, r->text);
      }
  }
  ps_report_table_write (w, &t, NULL, widths);
  if (study->klass->report_results != NULL)
    study->klass->report_results (w, study, s);

  /* Everything else summary.json holds, for the record. */
  {
    static const char *const skip[]
        = { "machine",      "parastudy_version", "study",     "kind",       "study_file",
            "study_sha256", "started",           "histogram", "histogram_E" };
    g_autoptr (GList) members = json_object_get_members (s);
    const char *h[] = { _ ("summary.json"), _ ("Value") };

    w->heading (w, 2, _ ("All results"));
    ps_report_table_init (&t, 2);
    for (GList *l = members; l != NULL; l = l->next)
      {
        gboolean drop = FALSE;

        for (guint k = 0; k < G_N_ELEMENTS (skip); k++)
          drop |= g_str_equal (l->data, skip[k]);
        if (!drop)
          flatten (&t, json_object_get_member (s, l->data), l->data, 1);
      }
    ps_report_table_write (w, &t, h, widths);
  }

  w->heading (w, 2, _ ("Charts"));
  for (guint i = 0; study->klass->report_charts != NULL && study->klass->report_charts[i].chart;
       i++)
    {
      const PsReportChart *c = &study->klass->report_charts[i];
      PsPlotParams params = { NULL, c->y, NULL, NULL };

      ps_report_run_chart (w, rd, c->chart, &params);
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
  w->heading (w, 1, _ ("Scaling"));
  intro = g_strdup_printf (
      _ ("Mode: %s scaling, each point the median of %d repeats. Speedup S(p) = T(1)/T(p), "
         "efficiency E = S/p, Karp–Flatt serial fraction e = (1/S − 1/p)/(1 − 1/p); Amdahl's "
         "law S = 1/(f + (1 − f)/p), Gustafson's S = p − f(p − 1)."),
      mode, (int)json_object_get_int_member_with_default (root, "repeats", 0));
  w->para (w, intro, FALSE);
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

      w->heading (w, 2, title);
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
          ps_report_table_add (&t, g_strdup_printf ("%s … %s", lo, hi));
          ps_report_table_add (&t, ps_report_format_number (summary_double (p, "speedup"), ""));
          ps_report_table_add (&t, ps_report_format_number (summary_double (p, "efficiency"), ""));
          ps_report_table_add (&t, ps_report_format_number (summary_double (p, "karp_flatt"), ""));
        }
      ps_report_table_write (w, &t, h, NULL);
      if (json_object_has_member (so, "fit")
          && JSON_NODE_HOLDS_OBJECT (json_object_get_member (so, "fit")))
        {
          JsonObject *f = json_object_get_object_member (so, "fit");
          const char *model = summary_string (f, "model");
          g_autofree char *txt = NULL;

          if (g_str_equal (model, "size"))
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

              /* With two worker counts the fit has no standard error (null). */
              txt = g_strdup_printf (_ ("Fit (%s): serial fraction f = %.4g%s%s."), model,
                                     summary_double (f, "serial_fraction"), se_text, max_text);
            }
          w->para (w, txt, FALSE);
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
          w->chart (w, chart);
      }
  }
}

static void
write_content (Writer *w, const PsStudy *study, PsRunData *rd, PsScalingData *sd,
               const PsReportOptions *o)
{
  title_page (w, study, rd, o);
  w->heading (w, 1, _ ("Inputs"));
  if (study->klass->report_inputs != NULL)
    study->klass->report_inputs (w, study);
  study_input_echo (w, study);
  w->page_break (w);
  results_section (w, study, rd);
  if (sd != NULL)
    scaling_section (w, sd);
}

static cairo_status_t
to_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  if (closure != NULL)
    g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Lays out the whole PDF into @out (NULL: count pages only). */
static guint
render_pdf (const PsStudy *study, PsRunData *rd, PsScalingData *sd, const PsReportOptions *o,
            guint total, GByteArray *out, GError **error)
{
  Writer w = { 0 };
  cairo_surface_t *surface;
  cairo_status_t st;

  w.heading = pdf_heading;
  w.para = pdf_para;
  w.table = pdf_table;
  w.chart = pdf_chart;
  w.page_break = pdf_page_break;
  w.page_w = o->paper == PS_PAPER_LETTER ? 612 : 595.276;
  w.page_h = o->paper == PS_PAPER_LETTER ? 792 : 841.89;
  w.margin = 56.7; /* 20 mm */
  w.y = w.margin;
  w.page = 1;
  w.total_pages = total;
  w.footer = g_strdup_printf ("Parastudy %s — %s", PACKAGE_VERSION, study->name);
  surface = cairo_pdf_surface_create_for_stream (to_bytes, out, w.page_w, w.page_h);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, study->name);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Parastudy");
  w.cr = cairo_create (surface);
  write_content (&w, study, rd, sd, o);
  pdf_footer (&w);
  cairo_show_page (w.cr);
  cairo_destroy (w.cr);
  cairo_surface_finish (surface);
  st = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  g_free (w.footer);
  if (st != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_FAILED, "PDF: %s", cairo_status_to_string (st));
      return 0;
    }
  return w.page;
}

static void
render_html (const PsStudy *study, PsRunData *rd, PsScalingData *sd, const PsReportOptions *o,
             GString *html)
{
  Writer w = { 0 };
  g_autofree char *title = g_markup_escape_text (study->name, -1);
  const char *lang = g_get_language_names ()[0];

  w.heading = html_heading;
  w.para = html_para;
  w.table = html_table;
  w.chart = html_chart;
  w.page_break = html_page_break;
  w.html = html;
  g_string_append_printf (
      html,
      "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<title>%s</title>\n<style>\n"
      "body{font-family:sans-serif;max-width:48em;margin:2em auto;color:#111;line-height:1.4}\n"
      "h1{color:#0d2659}h2,h3{color:#1a264d}\n"
      "table{border-collapse:collapse;width:100%%;margin:0.5em 0 1em;font-size:0.9em}\n"
      "th,td{border-bottom:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}\n"
      "th{background:#e6ebf2}.small{font-size:0.8em;color:#444}\n"
      ".chart svg{max-width:100%%;height:auto}\n</style>\n</head>\n<body>\n",
      g_str_equal (lang, "C") ? "en" : lang, title);
  write_content (&w, study, rd, sd, o);
  g_string_append_printf (html, "<p class=\"small\">Parastudy %s</p>\n</body>\n</html>\n",
                          PACKAGE_VERSION);
}

guint
ps_report_write (const PsStudy *study, const char *run_dir, const PsReportOptions *options,
                 const char *out, GError **error)
{
  g_autoptr (PsRunData) rd = NULL;
  g_autoptr (PsScalingData) sd = NULL;
  PsReportOptions defaults;
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
  if (options->format == PS_REPORT_HTML)
    {
      g_autoptr (GString) html = g_string_new (NULL);

      render_html (study, rd, sd, options, html);
      if (!ps_write_file_atomic (out, (const guint8 *)html->str, html->len, error))
        return 0;
      return 1;
    }
  {
    g_autoptr (GByteArray) bytes = g_byte_array_new ();

    pages = render_pdf (study, rd, sd, options, 0, NULL, error);
    if (pages == 0)
      return 0;
    pages = render_pdf (study, rd, sd, options, pages, bytes, error);
    if (pages == 0 || !ps_write_file_atomic (out, bytes->data, bytes->len, error))
      return 0;
  }
  return pages;
}
