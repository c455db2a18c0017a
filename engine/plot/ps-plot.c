/* ps-plot.c: the chart: data, layout and drawing with Cairo and Pango.
 *
 * Drawing is three steps: the visible ranges and ticks are computed, the layout
 * (plot area inside the margins for tick labels, axis labels, title, colour bar)
 * is measured with Pango, then the data is mapped and stroked inside a clip of the
 * plot area. The mapping of the last draw is kept for picking and zooming.
 */
#define G_LOG_DOMAIN "parastudy-plot"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "plot/ps-plot.h"
#include "ps-error.h"

gsize ps_decimate_minmax_t (const double *x, const double *y, gsize n, double t0, double t1,
                            gboolean log_x, guint columns, double *out_x, double *out_y);

/* Above this many points a scatter is drawn as a density image and a line is
 * decimated per pixel column. */
#define SCATTER_DIRECT_MAX 20000
#define MAX_TICKS 64

typedef struct
{
  char *name;
  PsSeriesStyle style;
  double *x, *y, *y2;
  gsize n; /* points; bars for PS_SERIES_STEPS (x has n + 1 edges) */
  gboolean has_color;
  PsColor color;
  PsLineDash dash;
  double width; /* relative to the default line width */
  gboolean in_legend;
  gboolean is_function;
  double fa, fb;
  gboolean x_sorted;
  /* Finite ranges, computed once when the data is added: [0] x, [1] y (and y2).
   * lo/hi over all finite values, pos the smallest positive one (log axes). */
  double lo[2], hi[2], pos[2];
} Series;

typedef struct
{
  double x0, x1;
  PsColor color;
  char *label;
  gboolean is_line;
} Span;

typedef struct
{
  char *label;
  char *unit;
  PsScale scale;
  double view_min, view_max; /* NAN: automatic */
  char **categories;
  guint n_categories;
} Axis;

struct _PsChart
{
  PsChartKind kind;
  char *title;
  Axis axis[2];
  GPtrArray *series;
  GArray *spans;
  PsLegendPos legend;
  char *font_family;
  double font_size;

  /* Heatmap. */
  double *hx, *hy, *hv;
  gsize nx, ny;
  char *hv_label, *hv_unit;
  guint n_cat;
  PsColor *cat_colors;
  char **cat_names;

  /* The geometry of the last draw. */
  gboolean drawn;
  double shown_factor[2]; /* each axis's values as its tick labels read them */
  char *shown_unit[2];
  double pa_x, pa_y, pa_w, pa_h; /* plot area */
  double t0[2], t1[2];           /* visible range, transformed (log10 on log axes) */
};

static void
series_free (gpointer p)
{
  Series *s = p;

  g_free (s->name);
  g_free (s->x);
  g_free (s->y);
  g_free (s->y2);
  g_free (s);
}

static void
span_clear (gpointer p)
{
  Span *s = p;

  g_free (s->label);
}

PsChart *
ps_chart_new (PsChartKind kind)
{
  PsChart *c = g_new0 (PsChart, 1);

  c->kind = kind;
  c->series = g_ptr_array_new_with_free_func (series_free);
  c->spans = g_array_new (FALSE, TRUE, sizeof (Span));
  g_array_set_clear_func (c->spans, span_clear);
  c->legend = PS_LEGEND_AUTO;
  c->font_family = g_strdup ("Sans");
  c->font_size = 9.0;
  for (int a = 0; a < 2; a++)
    {
      c->axis[a].view_min = NAN;
      c->axis[a].view_max = NAN;
    }
  return c;
}

void
ps_chart_free (PsChart *c)
{
  if (c == NULL)
    return;
  g_free (c->title);
  for (int a = 0; a < 2; a++)
    {
      g_free (c->axis[a].label);
      g_free (c->axis[a].unit);
      g_strfreev (c->axis[a].categories);
      g_free (c->shown_unit[a]);
    }
  g_ptr_array_unref (c->series);
  g_array_unref (c->spans);
  g_free (c->font_family);
  g_free (c->hx);
  g_free (c->hy);
  g_free (c->hv);
  g_free (c->hv_label);
  g_free (c->hv_unit);
  g_free (c->cat_colors);
  g_strfreev (c->cat_names);
  g_free (c);
}

PsChartKind
ps_chart_get_kind (const PsChart *c)
{
  return c->kind;
}

void
ps_chart_set_title (PsChart *c, const char *title)
{
  g_free (c->title);
  c->title = g_strdup (title);
}

const char *
ps_chart_get_title (const PsChart *c)
{
  return c->title;
}

void
ps_chart_set_axis (PsChart *c, PsAxisId axis, const char *label, const char *unit, PsScale scale)
{
  Axis *a = &c->axis[axis];

  g_free (a->label);
  g_free (a->unit);
  a->label = g_strdup (label);
  a->unit = g_strdup (unit);
  a->scale = scale;
}

PsScale
ps_chart_get_axis_scale (const PsChart *c, PsAxisId axis)
{
  return c->axis[axis].scale;
}

void
ps_chart_set_axis_categories (PsChart *c, PsAxisId axis, const char *const *names, guint n)
{
  Axis *a = &c->axis[axis];

  g_strfreev (a->categories);
  a->categories = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    a->categories[i] = g_strdup (names[i]);
  a->n_categories = n;
}

void
ps_chart_set_legend (PsChart *c, PsLegendPos pos)
{
  c->legend = pos;
}

void
ps_chart_set_font (PsChart *c, const char *family, double size_pt)
{
  if (family != NULL)
    {
      g_free (c->font_family);
      c->font_family = g_strdup (family);
    }
  if (size_pt > 0)
    c->font_size = size_pt;
}

static gboolean
is_sorted (const double *x, gsize n)
{
  double prev = -INFINITY;

  /* NaN compares false: a series with a NaN x is not decimated (it bisects on x). */
  for (gsize i = 0; i < n; i++)
    {
      if (!(x[i] >= prev))
        return FALSE;
      prev = x[i];
    }
  return TRUE;
}

static Series *
series_new (PsChart *c, const char *name, PsSeriesStyle style)
{
  Series *s = g_new0 (Series, 1);

  s->name = g_strdup (name);
  s->style = style;
  s->width = 1.0;
  s->in_legend = name != NULL && *name != '\0';
  g_ptr_array_add (c->series, s);
  return s;
}

static void
range_of (const double *v, gsize n, double *lo, double *hi, double *pos)
{
  for (gsize i = 0; i < n; i++)
    {
      double a = v[i];

      if (!isfinite (a))
        continue;
      if (a < *lo)
        *lo = a;
      if (a > *hi)
        *hi = a;
      if (a > 0 && a < *pos)
        *pos = a;
    }
}

static void
series_ranges (Series *s)
{
  gsize nx = s->style == PS_SERIES_STEPS ? s->n + 1 : s->n;

  for (int a = 0; a < 2; a++)
    {
      s->lo[a] = s->pos[a] = INFINITY;
      s->hi[a] = -INFINITY;
    }
  range_of (s->x, nx, &s->lo[0], &s->hi[0], &s->pos[0]);
  range_of (s->y, s->n, &s->lo[1], &s->hi[1], &s->pos[1]);
  if (s->y2 != NULL)
    range_of (s->y2, s->n, &s->lo[1], &s->hi[1], &s->pos[1]);
}

int
ps_chart_add_series (PsChart *c, const char *name, PsSeriesStyle style, const double *x,
                     const double *y, gsize n)
{
  Series *s = series_new (c, name, style);
  gsize nx = style == PS_SERIES_STEPS ? n + 1 : n;

  s->n = n;
  s->x = g_memdup2 (x, nx * sizeof (double));
  s->y = g_memdup2 (y, n * sizeof (double));
  s->x_sorted = is_sorted (s->x, nx);
  series_ranges (s);
  return (int)c->series->len - 1;
}

int
ps_chart_add_band (PsChart *c, const char *name, const double *x, const double *y_low,
                   const double *y_high, gsize n)
{
  int i = ps_chart_add_series (c, name, PS_SERIES_BAND, x, y_low, n);
  Series *s = g_ptr_array_index (c->series, i);

  s->y2 = g_memdup2 (y_high, n * sizeof (double));
  series_ranges (s);
  return i;
}

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

int
ps_chart_add_histogram (PsChart *c, const char *name, const double *values, gsize n, int bins,
                        double lo, double hi, gboolean density)
{
  g_autofree double *edges = NULL;
  g_autofree double *heights = NULL;
  gsize used = 0;

  if (!isfinite (lo) || !isfinite (hi))
    {
      lo = INFINITY;
      hi = -INFINITY;
      for (gsize i = 0; i < n; i++)
        if (isfinite (values[i]))
          {
            lo = MIN (lo, values[i]);
            hi = MAX (hi, values[i]);
          }
      if (!(hi >= lo))
        lo = 0, hi = 1;
    }
  if (hi <= lo)
    {
      double d = lo == 0 ? 0.5 : fabs (lo) * 0.05;
      lo -= d;
      hi += d;
    }
  if (bins <= 0)
    {
      /* Freedman–Diaconis: width 2 IQR n^(-1/3), on a sample of at most 100 000. */
      gsize m = MIN (n, (gsize)100000), stride = MAX ((gsize)1, n / MAX (m, (gsize)1));
      g_autofree double *sample = g_new (double, m + 1);
      gsize k = 0;
      double iqr;

      for (gsize i = 0; i < n && k < m; i += stride)
        if (isfinite (values[i]))
          sample[k++] = values[i];
      bins = 30;
      if (k >= 4)
        {
          qsort (sample, k, sizeof (double), cmp_double);
          iqr = sample[(3 * k) / 4] - sample[k / 4];
          if (iqr > 0)
            bins = (int)ceil ((hi - lo) / (2.0 * iqr * pow ((double)n, -1.0 / 3.0)));
        }
      bins = CLAMP (bins, 5, 200);
    }
  edges = g_new (double, bins + 1);
  heights = g_new0 (double, bins);
  for (int b = 0; b <= bins; b++)
    edges[b] = lo + (hi - lo) * b / bins;
  for (gsize i = 0; i < n; i++)
    {
      double v = values[i];
      int b;

      if (!(v >= lo && v <= hi))
        continue;
      b = (int)((v - lo) / (hi - lo) * bins);
      if (b >= bins)
        b = bins - 1;
      heights[b] += 1.0;
      used++;
    }
  if (density && used > 0)
    for (int b = 0; b < bins; b++)
      heights[b] /= (double)used * (hi - lo) / bins;
  return ps_chart_add_series (c, name, PS_SERIES_STEPS, edges, heights, (gsize)bins);
}

int
ps_chart_add_function_line (PsChart *c, const char *name, double a, double b)
{
  Series *s = series_new (c, name, PS_SERIES_LINE);

  s->is_function = TRUE;
  s->fa = a;
  s->fb = b;
  return (int)c->series->len - 1;
}

gsize
ps_chart_get_n_series (const PsChart *c)
{
  return c->series->len;
}

static Series *
get_series (const PsChart *c, int i)
{
  g_return_val_if_fail (i >= 0 && (guint)i < c->series->len, NULL);
  return g_ptr_array_index (c->series, i);
}

void
ps_chart_series_set_color (PsChart *c, int i, PsColor color)
{
  Series *s = get_series (c, i);

  if (s == NULL)
    return;
  s->has_color = TRUE;
  s->color = color;
}

void
ps_chart_series_set_dash (PsChart *c, int i, PsLineDash dash)
{
  Series *s = get_series (c, i);

  if (s != NULL)
    s->dash = dash;
}

void
ps_chart_series_set_width (PsChart *c, int i, double w)
{
  Series *s = get_series (c, i);

  if (s != NULL && w > 0)
    s->width = w;
}

void
ps_chart_series_set_in_legend (PsChart *c, int i, gboolean in_legend)
{
  Series *s = get_series (c, i);

  if (s != NULL)
    s->in_legend = in_legend;
}

const char *
ps_chart_series_get_name (const PsChart *c, int i)
{
  Series *s = get_series (c, i);

  return s != NULL ? s->name : NULL;
}

PsColor
ps_chart_series_get_color (const PsChart *c, int i)
{
  Series *s = get_series (c, i);

  if (s == NULL)
    return ps_color_palette (0);
  if (s->has_color)
    return s->color;
  /* Bands and reference lines take colours too, but palette slots count only the
   * series that have none of their own. */
  {
    guint slot = 0;

    for (int k = 0; k < i; k++)
      if (!((Series *)g_ptr_array_index (c->series, k))->has_color)
        slot++;
    return ps_color_palette (slot);
  }
}

void
ps_chart_add_vspan (PsChart *c, double x0, double x1, PsColor color, const char *label)
{
  Span s = { MIN (x0, x1), MAX (x0, x1), color, g_strdup (label), FALSE };

  g_array_append_val (c->spans, s);
}

void
ps_chart_add_vline (PsChart *c, double x, PsColor color, const char *label)
{
  Span s = { x, x, color, g_strdup (label), TRUE };

  g_array_append_val (c->spans, s);
}

void
ps_chart_set_heatmap (PsChart *c, const double *x, gsize nx, const double *y, gsize ny,
                      const double *values, const char *value_label, const char *value_unit)
{
  g_free (c->hx);
  g_free (c->hy);
  g_free (c->hv);
  g_free (c->hv_label);
  g_free (c->hv_unit);
  c->hx = g_memdup2 (x, nx * sizeof (double));
  c->hy = g_memdup2 (y, ny * sizeof (double));
  c->hv = g_memdup2 (values, nx * ny * sizeof (double));
  c->nx = nx;
  c->ny = ny;
  c->hv_label = g_strdup (value_label);
  c->hv_unit = g_strdup (value_unit);
}

void
ps_chart_set_heatmap_categories (PsChart *c, guint n, const PsColor *colors,
                                 const char *const *names)
{
  g_free (c->cat_colors);
  g_strfreev (c->cat_names);
  c->n_cat = n;
  c->cat_colors = g_memdup2 (colors, n * sizeof (PsColor));
  c->cat_names = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    c->cat_names[i] = g_strdup (names[i]);
}

/* Ranges. */

static inline double
axis_t (const PsChart *c, PsAxisId a, double v)
{
  if (c->axis[a].scale == PS_SCALE_LOG)
    return v > 0 ? log10 (v) : NAN;
  return v;
}

static inline double
axis_untransform (const PsChart *c, PsAxisId a, double t)
{
  return c->axis[a].scale == PS_SCALE_LOG ? pow (10.0, t) : t;
}

static void
extend (const PsChart *c, PsAxisId a, double v, double *lo, double *hi)
{
  if (!isfinite (v) || (c->axis[a].scale == PS_SCALE_LOG && v <= 0))
    return;
  *lo = MIN (*lo, v);
  *hi = MAX (*hi, v);
}

/* Cell edges of a heatmap axis from its sorted centres. */
static double
cell_edge (const PsChart *c, PsAxisId a, const double *centres, gsize n, gsize k)
{
  double t0, t1;

  if (n == 1)
    {
      double v = centres[0];

      if (c->axis[a].scale == PS_SCALE_LOG)
        return k == 0 ? v / 1.2 : v * 1.2;
      return k == 0 ? v - (v == 0 ? 0.5 : fabs (v) * 0.1) : v + (v == 0 ? 0.5 : fabs (v) * 0.1);
    }
  if (k == 0)
    {
      t0 = axis_t (c, a, centres[0]);
      t1 = axis_t (c, a, centres[1]);
      return axis_untransform (c, a, t0 - 0.5 * (t1 - t0));
    }
  if (k == n)
    {
      t0 = axis_t (c, a, centres[n - 2]);
      t1 = axis_t (c, a, centres[n - 1]);
      return axis_untransform (c, a, t1 + 0.5 * (t1 - t0));
    }
  t0 = axis_t (c, a, centres[k - 1]);
  t1 = axis_t (c, a, centres[k]);
  return axis_untransform (c, a, 0.5 * (t0 + t1));
}

void
ps_chart_get_data_range (PsChart *c, PsAxisId a, double *min, double *max)
{
  double lo = INFINITY, hi = -INFINITY;

  if (c->kind == PS_CHART_HEATMAP && c->nx > 0 && c->ny > 0)
    {
      const double *v = a == PS_AXIS_X ? c->hx : c->hy;
      gsize n = a == PS_AXIS_X ? c->nx : c->ny;

      *min = cell_edge (c, a, v, n, 0);
      *max = cell_edge (c, a, v, n, n);
      return;
    }
  for (guint i = 0; i < c->series->len; i++)
    {
      Series *s = g_ptr_array_index (c->series, i);

      if (s->is_function)
        continue;
      if (c->axis[a].scale == PS_SCALE_LOG)
        {
          if (isfinite (s->pos[a]))
            {
              lo = MIN (lo, s->pos[a]);
              hi = MAX (hi, s->hi[a]);
            }
        }
      else if (s->hi[a] >= s->lo[a])
        {
          lo = MIN (lo, s->lo[a]);
          hi = MAX (hi, s->hi[a]);
        }
      if (a == PS_AXIS_Y && s->style == PS_SERIES_STEPS && c->axis[a].scale == PS_SCALE_LINEAR)
        extend (c, a, 0.0, &lo, &hi);
    }
  for (guint i = 0; a == PS_AXIS_X && i < c->spans->len; i++)
    {
      Span *s = &g_array_index (c->spans, Span, i);

      extend (c, a, s->x0, &lo, &hi);
      extend (c, a, s->x1, &lo, &hi);
    }
  if (!(hi >= lo))
    {
      lo = c->axis[a].scale == PS_SCALE_LOG ? 1.0 : 0.0;
      hi = c->axis[a].scale == PS_SCALE_LOG ? 10.0 : 1.0;
    }
  if (c->axis[a].n_categories > 0)
    {
      lo = MIN (lo, 0.0) - 0.5;
      hi = MAX (hi, c->axis[a].n_categories - 1.0) + 0.5;
    }
  else if (c->axis[a].scale == PS_SCALE_LOG)
    {
      double d = MAX (log10 (hi / lo), 0.2) * 0.04;

      lo /= pow (10.0, d);
      hi *= pow (10.0, d);
    }
  else
    {
      double d = hi - lo;

      if (d <= fabs (hi) * 1e-12)
        d = hi == 0 ? 1.0 : fabs (hi) * 0.1;
      lo -= 0.04 * d;
      hi += 0.04 * d;
    }
  *min = lo;
  *max = hi;
}

void
ps_chart_set_view (PsChart *c, PsAxisId a, double min, double max)
{
  if (isnan (min) || isnan (max) || min == max)
    {
      c->axis[a].view_min = c->axis[a].view_max = NAN;
      return;
    }
  c->axis[a].view_min = MIN (min, max);
  c->axis[a].view_max = MAX (min, max);
}

void
ps_chart_get_view (PsChart *c, PsAxisId a, double *min, double *max)
{
  if (!isnan (c->axis[a].view_min)
      && !(c->axis[a].scale == PS_SCALE_LOG && c->axis[a].view_min <= 0))
    {
      *min = c->axis[a].view_min;
      *max = c->axis[a].view_max;
      return;
    }
  ps_chart_get_data_range (c, a, min, max);
}

/* Text. */

typedef struct
{
  cairo_t *cr;
  double fs; /* font size in user units */
  const char *family;
} Ctx;

static PangoLayout *
make_layout (Ctx *x, const char *text, double scale, gboolean bold)
{
  PangoLayout *l = pango_cairo_create_layout (x->cr);
  PangoFontDescription *fd = pango_font_description_new ();
  cairo_font_options_t *fo = cairo_font_options_create ();

  /* Hinting off: the same layout at any scale, on screen and on paper. */
  cairo_font_options_set_hint_metrics (fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (fo, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pango_layout_get_context (l), fo);
  cairo_font_options_destroy (fo);
  pango_font_description_set_family (fd, x->family);
  pango_font_description_set_absolute_size (fd, x->fs * scale * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (fd, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (l, fd);
  pango_font_description_free (fd);
  pango_layout_set_text (l, text, -1);
  return l;
}

static void
layout_size (PangoLayout *l, double *w, double *h)
{
  int iw, ih;

  pango_layout_get_size (l, &iw, &ih);
  *w = (double)iw / PANGO_SCALE;
  *h = (double)ih / PANGO_SCALE;
}

/* Draws @text with its anchor point at (@x, @y): @ax, @ay in [0, 1] pick the
 * point of the text's box (0, 0 the top left). */
static void
draw_text (Ctx *x, const char *text, double px, double py, double ax, double ay, double scale,
           gboolean bold, gboolean vertical)
{
  PangoLayout *l = make_layout (x, text, scale, bold);
  double w, h;

  layout_size (l, &w, &h);
  cairo_save (x->cr);
  cairo_translate (x->cr, px, py);
  if (vertical)
    cairo_rotate (x->cr, -G_PI / 2);
  cairo_move_to (x->cr, -ax * w, -ay * h);
  pango_cairo_show_layout (x->cr, l);
  cairo_restore (x->cr);
  g_object_unref (l);
}

static double
text_width (Ctx *x, const char *text, double scale)
{
  PangoLayout *l = make_layout (x, text, scale, FALSE);
  double w, h;

  layout_size (l, &w, &h);
  g_object_unref (l);
  return w;
}

static double
text_height (Ctx *x, double scale)
{
  PangoLayout *l = make_layout (x, "Mg", scale, FALSE);
  double w, h;

  layout_size (l, &w, &h);
  g_object_unref (l);
  return h;
}

static const char *const superscripts[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };

static void
append_superscript_int (GString *s, int e)
{
  char digits[16];

  if (e < 0)
    g_string_append (s, "⁻");
  g_snprintf (digits, sizeof digits, "%d", ABS (e));
  for (char *p = digits; *p; p++)
    g_string_append (s, superscripts[*p - '0']);
}

/* "N*m" → "N·m", "m^2" → "m²". */
static void
append_unit (GString *s, const char *unit)
{
  for (const char *p = unit; *p; p++)
    {
      if (*p == '*')
        g_string_append (s, "·");
      else if (*p == '^' && p[1] >= '0' && p[1] <= '9')
        {
          g_string_append (s, superscripts[p[1] - '0']);
          p++;
        }
      else
        g_string_append_c (s, *p);
    }
}

static char *
format_log_tick (double v)
{
  double e = floor (log10 (v) + 1e-9);
  double m = v / pow (10.0, e);

  if (e >= -3 && e <= 3)
    return g_strdup_printf ("%g", v);
  {
    GString *s = g_string_new (NULL);

    if (fabs (m - 1.0) > 1e-6)
      g_string_append_printf (s, "%g×", round (m * 1000) / 1000);
    g_string_append (s, "10");
    append_superscript_int (s, (int)e);
    return g_string_free (s, FALSE);
  }
}

/* One axis's ticks, their labels and the axis title, for a visible range. */
typedef struct
{
  guint n;
  double v[MAX_TICKS];
  char *label[MAX_TICKS];
  char *title;
  double max_w;  /* widest label */
  double factor; /* a tick label reads value / factor */
  char *unit;    /* in the unit (prefix, unit) shown in the title, "" for none */
} Ticks;

static void
ticks_clear (Ticks *t)
{
  for (guint i = 0; i < t->n; i++)
    g_free (t->label[i]);
  g_free (t->title);
  g_free (t->unit);
}

static void
make_ticks (Ctx *x, const char *label, const char *unit, PsScale scale, char **categories,
            guint n_categories, double lo, double hi, guint target, Ticks *t)
{
  GString *title = g_string_new (label != NULL ? label : "");
  double step = NAN, factor = 1.0;
  const char *prefix = "";
  int power = 0;

  memset (t, 0, sizeof *t);
  if (n_categories > 0)
    {
      guint every = MAX (1u, n_categories / MAX (target * 2, 1u));

      for (guint i = 0; i < n_categories && t->n < MAX_TICKS; i += every)
        if (i >= lo && i <= hi)
          {
            t->v[t->n] = i;
            t->label[t->n++] = g_strdup (categories[i]);
          }
    }
  else if (scale == PS_SCALE_LOG)
    {
      double tmax = 0, tmin = INFINITY;

      t->n = ps_ticks_log (lo, hi, t->v, MAX_TICKS);
      for (guint i = 0; i < t->n; i++)
        {
          tmax = MAX (tmax, t->v[i]);
          tmin = MIN (tmin, t->v[i]);
        }
      /* Within three decades of one prefix the ticks read better in it: 20, 30,
       * 40 µs rather than 2×10⁻⁵ … 4×10⁻⁵ s. */
      factor = ps_si_prefix (tmax, unit, &prefix);
      if (!(tmin / factor >= 0.999e-3))
        {
          factor = 1.0;
          prefix = "";
        }
      for (guint i = 0; i < t->n; i++)
        t->label[i] = format_log_tick (t->v[i] / factor);
      if (unit != NULL && *unit)
        {
          g_string_append (title, " [");
          g_string_append (title, prefix);
          append_unit (title, unit);
          g_string_append (title, "]");
        }
    }
  else
    {
      double mag = 0;

      t->n = ps_ticks_linear (lo, hi, target, t->v, MAX_TICKS, &step);
      for (guint i = 0; i < t->n; i++)
        mag = MAX (mag, fabs (t->v[i]));
      factor = ps_si_prefix (mag, unit, &prefix);
      /* Pure numbers and units without prefixes: a common power of ten for large
       * or small magnitudes. */
      if (factor == 1.0 && *prefix == '\0' && mag > 0 && (mag >= 1e5 || mag < 1e-2)
          && !(unit != NULL && (g_str_equal (unit, "%") || g_str_equal (unit, "°"))))
        {
          power = (int)floor (log10 (mag) / 3.0 + 1e-9) * 3;
          factor = pow (10.0, power);
        }
      for (guint i = 0; i < t->n; i++)
        t->label[i] = ps_format_tick (t->v[i] / factor, step / factor);
      if ((unit != NULL && *unit) || power != 0)
        {
          g_string_append (title, " [");
          if (power != 0)
            {
              g_string_append (title, "×10");
              append_superscript_int (title, power);
              if (unit != NULL && *unit)
                g_string_append (title, " ");
            }
          g_string_append (title, prefix);
          if (unit != NULL)
            append_unit (title, unit);
          g_string_append (title, "]");
        }
    }
  t->title = g_string_free (title, FALSE);
  t->factor = factor;
  {
    GString *u = g_string_new (n_categories > 0 ? "" : prefix);

    if (n_categories == 0 && unit != NULL)
      append_unit (u, unit);
    t->unit = g_string_free (u, FALSE);
  }
  for (guint i = 0; i < t->n; i++)
    t->max_w = MAX (t->max_w, text_width (x, t->label[i], 1.0));
}

/* Drawing. */

static inline double
map_x (const PsChart *c, double v)
{
  return c->pa_x + (axis_t (c, PS_AXIS_X, v) - c->t0[0]) / (c->t1[0] - c->t0[0]) * c->pa_w;
}

static inline double
map_y (const PsChart *c, double v)
{
  return c->pa_y + c->pa_h
         - (axis_t (c, PS_AXIS_Y, v) - c->t0[1]) / (c->t1[1] - c->t0[1]) * c->pa_h;
}

static void
set_color (cairo_t *cr, PsColor col, double alpha)
{
  cairo_set_source_rgba (cr, col.r, col.g, col.b, col.a * alpha);
}

static void
set_dash (cairo_t *cr, PsLineDash dash, double lw)
{
  double d[2];

  switch (dash)
    {
    case PS_LINE_DASHED:
      d[0] = 4 * lw;
      d[1] = 2.5 * lw;
      cairo_set_dash (cr, d, 2, 0);
      break;
    case PS_LINE_DOTTED:
      d[0] = lw;
      d[1] = 1.8 * lw;
      cairo_set_dash (cr, d, 2, 0);
      break;
    default:
      cairo_set_dash (cr, NULL, 0, 0);
    }
}

/* Strokes a polyline, breaking at non-finite points. Long paths are stroked in
 * pieces of 64 segments: Cairo's stroker slows down sharply on a long path that
 * crosses itself many times (a dense, noisy signal), 3× at 2000 segments. Round
 * caps hide the joins lost where pieces meet. */
static void
stroke_polyline (PsChart *c, cairo_t *cr, const double *x, const double *y, gsize n)
{
  gboolean pen_down = FALSE;
  gsize in_path = 0;

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  for (gsize i = 0; i < n; i++)
    {
      double px = map_x (c, x[i]), py = map_y (c, y[i]);

      if (!isfinite (px) || !isfinite (py))
        {
          pen_down = FALSE;
          continue;
        }
      /* Keep coordinates in a range Cairo's fixed point handles. */
      px = CLAMP (px, -1e5, 1e5);
      py = CLAMP (py, -1e5, 1e5);
      if (pen_down)
        cairo_line_to (cr, px, py);
      else
        cairo_move_to (cr, px, py);
      pen_down = TRUE;
      if (++in_path >= 64)
        {
          cairo_stroke (cr);
          cairo_move_to (cr, px, py);
          in_path = 0;
        }
    }
  cairo_stroke (cr);
}

static void
draw_line_series (PsChart *c, cairo_t *cr, Series *s)
{
  if (s->is_function)
    {
      double lo, hi;
      double xs[65], ys[65];
      guint m = c->axis[0].scale == PS_SCALE_LOG || c->axis[1].scale == PS_SCALE_LOG ? 65 : 2;

      lo = c->t0[0];
      hi = c->t1[0];
      for (guint k = 0; k < m; k++)
        {
          xs[k] = axis_untransform (c, PS_AXIS_X, lo + (hi - lo) * k / (m - 1));
          ys[k] = s->fa + s->fb * xs[k];
        }
      stroke_polyline (c, cr, xs, ys, m);
      return;
    }
  if (s->x_sorted && s->n > 4 * (gsize)c->pa_w + 16)
    {
      guint cols = (guint)MAX (1.0, ceil (c->pa_w));
      g_autofree double *dx = g_new (double, 4 * (gsize)cols + 2);
      g_autofree double *dy = g_new (double, 4 * (gsize)cols + 2);
      gsize m = ps_decimate_minmax_t (s->x, s->y, s->n, c->t0[0], c->t1[0],
                                      c->axis[0].scale == PS_SCALE_LOG, cols, dx, dy);

      stroke_polyline (c, cr, dx, dy, m);
      return;
    }
  stroke_polyline (c, cr, s->x, s->y, s->n);
}

static void
draw_points_series (PsChart *c, cairo_t *cr, Series *s, PsColor col, double r)
{
  if (s->n <= SCATTER_DIRECT_MAX)
    {
      for (gsize i = 0; i < s->n; i++)
        {
          double px = map_x (c, s->x[i]), py = map_y (c, s->y[i]);

          if (!isfinite (px) || !isfinite (py) || px < c->pa_x - r || px > c->pa_x + c->pa_w + r
              || py < c->pa_y - r || py > c->pa_y + c->pa_h + r)
            continue;
          cairo_new_sub_path (cr);
          cairo_arc (cr, px, py, r, 0, 2 * G_PI);
        }
      set_color (cr, col, 0.75);
      cairo_fill (cr);
      return;
    }

  /* Density: count points per pixel of the plot area in device space, then paint
   * every occupied pixel (grown to the marker size), darker where denser. No point,
   * however isolated, disappears. */
  {
    double sx = 1, sy = 1;
    int w, h, rad;
    g_autofree guint32 *count = NULL;
    guint32 cmax = 0;
    cairo_surface_t *img;
    guint8 *data;
    int stride;

    cairo_user_to_device_distance (cr, &sx, &sy);
    sx = fabs (sx);
    sy = fabs (sy);
    w = MAX (1, (int)ceil (c->pa_w * sx));
    h = MAX (1, (int)ceil (c->pa_h * sy));
    rad = MAX (0, (int)floor (r * sx * 0.8));
    count = g_new0 (guint32, (gsize)w * h);
    {
      double ax = w / (c->t1[0] - c->t0[0]), ay = h / (c->t1[1] - c->t0[1]);
      gboolean lx = c->axis[0].scale == PS_SCALE_LOG, ly = c->axis[1].scale == PS_SCALE_LOG;

      for (gsize i = 0; i < s->n; i++)
        {
          double tx = lx ? log10 (s->x[i]) : s->x[i];
          double ty = ly ? log10 (s->y[i]) : s->y[i];
          double fx = (tx - c->t0[0]) * ax, fy = (c->t1[1] - ty) * ay;
          int ix, iy;

          if (!(fx >= 0 && fx < w && fy >= 0 && fy < h))
            continue;
          ix = (int)fx;
          iy = (int)fy;
          count[(gsize)iy * w + ix]++;
        }
    }
    for (gsize k = 0; k < (gsize)w * h; k++)
      cmax = MAX (cmax, count[k]);
    img = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
    data = cairo_image_surface_get_data (img);
    stride = cairo_image_surface_get_stride (img);
    cairo_surface_flush (img);
    memset (data, 0, (gsize)stride * h);
    for (int iy = 0; iy < h; iy++)
      for (int ix = 0; ix < w; ix++)
        {
          guint32 n = count[(gsize)iy * w + ix];
          double a;

          if (n == 0)
            continue;
          a = 0.6 + 0.4 * log1p ((double)n) / log1p ((double)cmax);
          for (int dy = -rad; dy <= rad; dy++)
            for (int dx = -rad; dx <= rad; dx++)
              {
                int qx = ix + dx, qy = iy + dy;
                guint32 *p;
                double old;

                if (qx < 0 || qy < 0 || qx >= w || qy >= h || dx * dx + dy * dy > rad * rad + 1)
                  continue;
                p = (guint32 *)(data + (gsize)qy * stride) + qx;
                old = (double)(*p >> 24) / 255.0;
                if (a > old)
                  {
                    /* Premultiplied ARGB. */
                    guint32 A = (guint32)lround (a * 255);
                    *p = (A << 24) | ((guint32)lround (col.r * A) << 16)
                         | ((guint32)lround (col.g * A) << 8) | (guint32)lround (col.b * A);
                  }
              }
        }
    cairo_surface_mark_dirty (img);
    cairo_save (cr);
    cairo_translate (cr, c->pa_x, c->pa_y);
    cairo_scale (cr, 1.0 / sx, 1.0 / sy);
    cairo_set_source_surface (cr, img, 0, 0);
    cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
    cairo_paint (cr);
    cairo_restore (cr);
    cairo_surface_destroy (img);
  }
}

static void
draw_steps_series (PsChart *c, cairo_t *cr, Series *s, PsColor col, double lw)
{
  double base = c->axis[1].scale == PS_SCALE_LOG ? c->pa_y + c->pa_h : map_y (c, 0.0);

  base = CLAMP (base, c->pa_y - 10, c->pa_y + c->pa_h + 10);
  for (gsize i = 0; i < s->n; i++)
    {
      double x0 = map_x (c, s->x[i]), x1 = map_x (c, s->x[i + 1]), y = map_y (c, s->y[i]);

      if (!isfinite (x0) || !isfinite (x1) || !isfinite (y))
        continue;
      y = CLAMP (y, -1e5, 1e5);
      cairo_rectangle (cr, x0, y, x1 - x0, base - y);
    }
  set_color (cr, col, 0.45);
  cairo_fill_preserve (cr);
  set_color (cr, col, 1.0);
  cairo_set_line_width (cr, lw * 0.5);
  cairo_stroke (cr);
}

static void
draw_band_series (PsChart *c, cairo_t *cr, Series *s, PsColor col)
{
  gboolean started = FALSE;

  for (gsize i = 0; i < s->n; i++)
    {
      double px = map_x (c, s->x[i]), py = map_y (c, s->y2[i]);

      if (!isfinite (px) || !isfinite (py))
        continue;
      if (started)
        cairo_line_to (cr, px, CLAMP (py, -1e5, 1e5));
      else
        cairo_move_to (cr, px, CLAMP (py, -1e5, 1e5));
      started = TRUE;
    }
  for (gsize i = s->n; i-- > 0;)
    {
      double px = map_x (c, s->x[i]), py = map_y (c, s->y[i]);

      if (!isfinite (px) || !isfinite (py) || !started)
        continue;
      cairo_line_to (cr, px, CLAMP (py, -1e5, 1e5));
    }
  cairo_close_path (cr);
  set_color (cr, col, 0.25);
  cairo_fill (cr);
}

/* The cell index along one axis for a transformed coordinate @t, by bisection of
 * the cell edges; -1 outside. */
static gssize
cell_index (const PsChart *c, PsAxisId a, const double *t_edges, gsize n, double t)
{
  gsize lo = 0, hi = n;

  if (!(t >= t_edges[0] && t <= t_edges[n]))
    return -1;
  while (hi - lo > 1)
    {
      gsize mid = (lo + hi) / 2;

      if (t < t_edges[mid])
        hi = mid;
      else
        lo = mid;
    }
  return (gssize)lo;
}

/* Heatmaps with more cells than pixels: each device pixel takes the colour of the
 * cell under its centre, so the cost is that of the plot area, not of the grid. */
static void
draw_heatmap_pixels (PsChart *c, cairo_t *cr, double vmin, double vmax)
{
  double sx = 1, sy = 1;
  int w, h, stride;
  cairo_surface_t *img;
  guint8 *data;
  g_autofree double *ex = g_new (double, c->nx + 1);
  g_autofree double *ey = g_new (double, c->ny + 1);
  g_autofree gssize *col = NULL;

  cairo_user_to_device_distance (cr, &sx, &sy);
  sx = fabs (sx);
  sy = fabs (sy);
  w = MAX (1, (int)ceil (c->pa_w * sx));
  h = MAX (1, (int)ceil (c->pa_h * sy));
  for (gsize i = 0; i <= c->nx; i++)
    ex[i] = axis_t (c, PS_AXIS_X, cell_edge (c, PS_AXIS_X, c->hx, c->nx, i));
  for (gsize j = 0; j <= c->ny; j++)
    ey[j] = axis_t (c, PS_AXIS_Y, cell_edge (c, PS_AXIS_Y, c->hy, c->ny, j));
  col = g_new (gssize, w);
  for (int ix = 0; ix < w; ix++)
    col[ix]
        = cell_index (c, PS_AXIS_X, ex, c->nx, c->t0[0] + (ix + 0.5) / w * (c->t1[0] - c->t0[0]));
  img = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  data = cairo_image_surface_get_data (img);
  stride = cairo_image_surface_get_stride (img);
  cairo_surface_flush (img);
  for (int iy = 0; iy < h; iy++)
    {
      guint32 *row = (guint32 *)(data + (gsize)iy * stride);
      gssize j
          = cell_index (c, PS_AXIS_Y, ey, c->ny, c->t1[1] - (iy + 0.5) / h * (c->t1[1] - c->t0[1]));

      for (int ix = 0; ix < w; ix++)
        {
          double v;
          PsColor cc;

          row[ix] = 0;
          if (j < 0 || col[ix] < 0)
            continue;
          v = c->hv[(gsize)j * c->nx + (gsize)col[ix]];
          if (!isfinite (v))
            continue;
          if (c->n_cat > 0)
            {
              int k = (int)v;

              if (k < 0 || (guint)k >= c->n_cat)
                continue;
              cc = c->cat_colors[k];
            }
          else
            cc = ps_color_viridis (vmax > vmin ? (v - vmin) / (vmax - vmin) : 0.5);
          row[ix] = 0xff000000u | ((guint32)lround (cc.r * 255) << 16)
                    | ((guint32)lround (cc.g * 255) << 8) | (guint32)lround (cc.b * 255);
        }
    }
  cairo_surface_mark_dirty (img);
  cairo_save (cr);
  cairo_translate (cr, c->pa_x, c->pa_y);
  cairo_scale (cr, c->pa_w / w, c->pa_h / h);
  cairo_set_source_surface (cr, img, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_surface_destroy (img);
}

static void
draw_heatmap (PsChart *c, cairo_t *cr, double vmin, double vmax)
{
  if ((double)c->nx * (double)c->ny > 0.25 * c->pa_w * c->pa_h)
    {
      draw_heatmap_pixels (c, cr, vmin, vmax);
      return;
    }
  /* Antialiased edges of adjacent cells blend into faint seams: cells are filled
   * whole-pixel instead. */
  cairo_save (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  for (gsize j = 0; j < c->ny; j++)
    {
      double y0 = map_y (c, cell_edge (c, PS_AXIS_Y, c->hy, c->ny, j));
      double y1 = map_y (c, cell_edge (c, PS_AXIS_Y, c->hy, c->ny, j + 1));

      for (gsize i = 0; i < c->nx; i++)
        {
          double v = c->hv[j * c->nx + i];
          double x0 = map_x (c, cell_edge (c, PS_AXIS_X, c->hx, c->nx, i));
          double x1 = map_x (c, cell_edge (c, PS_AXIS_X, c->hx, c->nx, i + 1));
          PsColor col;

          if (!isfinite (v))
            continue;
          if (c->n_cat > 0)
            {
              int k = (int)v;

              if (k < 0 || (guint)k >= c->n_cat)
                continue;
              col = c->cat_colors[k];
            }
          else
            col = ps_color_viridis (vmax > vmin ? (v - vmin) / (vmax - vmin) : 0.5);
          cairo_rectangle (cr, MIN (x0, x1), MIN (y0, y1), fabs (x1 - x0), fabs (y1 - y0));
          set_color (cr, col, 1.0);
          cairo_fill (cr);
        }
    }
  cairo_restore (cr);
}

/* Counts (a sample of) the points of every series inside a device rectangle. */
static gsize
points_in_rect (PsChart *c, double rx, double ry, double rw, double rh)
{
  gsize hits = 0;

  for (guint i = 0; i < c->series->len; i++)
    {
      Series *s = g_ptr_array_index (c->series, i);
      gsize stride = MAX ((gsize)1, s->n / 5000);

      if (s->is_function)
        {
          for (int k = 0; k <= 20; k++)
            {
              double t = c->t0[0] + (c->t1[0] - c->t0[0]) * k / 20.0;
              double xv = axis_untransform (c, PS_AXIS_X, t);
              double px = map_x (c, xv), py = map_y (c, s->fa + s->fb * xv);

              if (px >= rx && px <= rx + rw && py >= ry && py <= ry + rh)
                hits += MAX ((gsize)1, s->n / 20);
            }
          continue;
        }
      for (gsize k = 0; k < s->n; k += stride)
        {
          double xv = s->style == PS_SERIES_STEPS ? 0.5 * (s->x[k] + s->x[k + 1]) : s->x[k];
          double px = map_x (c, xv);
          double py = map_y (c, s->y2 != NULL ? s->y2[k] : s->y[k]);

          if (s->style == PS_SERIES_STEPS)
            {
              /* A bar covers everything below its top. */
              if (px >= rx && px <= rx + rw && py <= ry + rh)
                hits += stride;
            }
          else if (px >= rx && px <= rx + rw && py >= ry && py <= ry + rh)
            hits += stride;
        }
    }
  return hits;
}

typedef struct
{
  char *name;
  PsColor color;
  PsSeriesStyle style;
  PsLineDash dash;
  gboolean solid;
} LegendEntry;

static void
draw_legend (PsChart *c, Ctx *x, gboolean outside, double out_x)
{
  GArray *entries = g_array_new (FALSE, FALSE, sizeof (LegendEntry));
  double lh = text_height (x, 1.0) * 1.15, sw = 2.2 * x->fs, pad = 0.5 * x->fs;
  double maxw = 0, bw, bh, bx, by;
  PsLegendPos pos = c->legend;
  cairo_t *cr = x->cr;

  if (c->kind == PS_CHART_HEATMAP)
    for (guint k = 0; k < c->n_cat; k++)
      {
        LegendEntry e = { c->cat_names[k], c->cat_colors[k], PS_SERIES_STEPS, PS_LINE_SOLID, TRUE };
        g_array_append_val (entries, e);
      }
  for (guint i = 0; i < c->series->len; i++)
    {
      Series *s = g_ptr_array_index (c->series, i);
      LegendEntry e = { s->name, ps_chart_series_get_color (c, (int)i), s->style, s->dash };

      if (s->in_legend && s->name != NULL)
        g_array_append_val (entries, e);
    }
  for (guint i = 0; i < c->spans->len; i++)
    {
      Span *s = &g_array_index (c->spans, Span, i);
      LegendEntry e = { s->label, s->color, s->is_line ? PS_SERIES_LINE : PS_SERIES_BAND,
                        s->is_line ? PS_LINE_DASHED : PS_LINE_SOLID };

      if (s->label != NULL)
        g_array_append_val (entries, e);
    }
  if (entries->len == 0 || pos == PS_LEGEND_NONE)
    {
      g_array_unref (entries);
      return;
    }
  for (guint i = 0; i < entries->len; i++)
    maxw = MAX (maxw, text_width (x, g_array_index (entries, LegendEntry, i).name, 1.0));
  bw = pad + sw + pad + maxw + pad;
  bh = pad + lh * entries->len + pad * 0.5;

  if (outside)
    {
      bx = out_x;
      by = c->pa_y;
    }
  else
    {
      double m = 0.4 * x->fs;
      double cx[4]
          = { c->pa_x + c->pa_w - bw - m, c->pa_x + m, c->pa_x + c->pa_w - bw - m, c->pa_x + m };
      double cy[4]
          = { c->pa_y + m, c->pa_y + m, c->pa_y + c->pa_h - bh - m, c->pa_y + c->pa_h - bh - m };
      int best = 0;

      if (pos == PS_LEGEND_AUTO)
        {
          gsize best_hits = G_MAXSIZE;

          for (int k = 0; k < 4; k++)
            {
              gsize h = points_in_rect (c, cx[k], cy[k], bw, bh);

              if (h < best_hits)
                {
                  best_hits = h;
                  best = k;
                }
            }
        }
      else
        best = pos == PS_LEGEND_TOP_RIGHT      ? 0
               : pos == PS_LEGEND_TOP_LEFT     ? 1
               : pos == PS_LEGEND_BOTTOM_RIGHT ? 2
                                               : 3;
      bx = cx[best];
      by = cy[best];
    }
  cairo_save (cr);
  cairo_rectangle (cr, bx, by, bw, bh);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.88);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0.7, 0.7, 0.7);
  cairo_set_line_width (cr, 0.1 * x->fs);
  cairo_stroke (cr);
  for (guint i = 0; i < entries->len; i++)
    {
      LegendEntry *e = &g_array_index (entries, LegendEntry, i);
      double cy = by + pad + lh * (i + 0.5);
      double lw = 0.17 * x->fs;

      switch (e->style)
        {
        case PS_SERIES_LINE:
          set_color (cr, e->color, 1.0);
          cairo_set_line_width (cr, lw);
          set_dash (cr, e->dash, lw);
          cairo_move_to (cr, bx + pad, cy);
          cairo_line_to (cr, bx + pad + sw, cy);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          break;
        case PS_SERIES_POINTS:
          set_color (cr, e->color, 0.85);
          cairo_arc (cr, bx + pad + sw / 2, cy, 0.3 * x->fs, 0, 2 * G_PI);
          cairo_fill (cr);
          break;
        case PS_SERIES_STEPS:
        case PS_SERIES_BAND:
          set_color (cr, e->color, e->solid ? 1.0 : e->style == PS_SERIES_BAND ? 0.3 : 0.6);
          cairo_rectangle (cr, bx + pad, cy - 0.35 * lh, sw, 0.7 * lh);
          cairo_fill (cr);
          break;
        }
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      draw_text (x, e->name, bx + pad + sw + pad, cy, 0, 0.5, 1.0, FALSE, FALSE);
    }
  cairo_restore (cr);
  g_array_unref (entries);
}

static double
legend_width (PsChart *c, Ctx *x)
{
  double maxw = 0;
  gboolean any = FALSE;

  for (guint i = 0; i < c->series->len; i++)
    {
      Series *s = g_ptr_array_index (c->series, i);

      if (s->in_legend && s->name != NULL)
        {
          maxw = MAX (maxw, text_width (x, s->name, 1.0));
          any = TRUE;
        }
    }
  for (guint k = 0; k < c->n_cat; k++)
    {
      maxw = MAX (maxw, text_width (x, c->cat_names[k], 1.0));
      any = TRUE;
    }
  return any ? 0.5 * x->fs * 3 + 2.2 * x->fs + maxw : 0;
}

void
ps_chart_draw (PsChart *c, cairo_t *cr, double width, double height, double dpi)
{
  Ctx x = { cr, c->font_size * (dpi > 0 ? dpi : 72) / 72.0, c->font_family };
  double fs = x.fs, pad = 0.7 * fs, tick_len = 0.4 * fs, lh;
  double lo[2], hi[2];
  Ticks tk[2], cbar_ticks;
  gboolean heat = c->kind == PS_CHART_HEATMAP && c->nx > 0 && c->ny > 0;
  gboolean cbar = heat && c->n_cat == 0;
  gboolean legend_outside = c->legend == PS_LEGEND_OUTSIDE || (heat && c->n_cat > 0);
  double left, right, top, bottom, title_h = 0, title_w = 0, cbar_w = 0, leg_w = 0;
  PangoLayout *title_layout = NULL;
  double vmin = INFINITY, vmax = -INFINITY;
  double lw = 0.17 * fs;

  memset (&cbar_ticks, 0, sizeof cbar_ticks);
  cairo_save (cr);
  /* Background. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);

  lh = text_height (&x, 1.0);
  for (int a = 0; a < 2; a++)
    ps_chart_get_view (c, (PsAxisId)a, &lo[a], &hi[a]);
  make_ticks (&x, c->axis[0].label, c->axis[0].unit, c->axis[0].scale, c->axis[0].categories,
              c->axis[0].n_categories, lo[0], hi[0], (guint)CLAMP (width / (6.5 * fs), 3, 10),
              &tk[0]);
  make_ticks (&x, c->axis[1].label, c->axis[1].unit, c->axis[1].scale, c->axis[1].categories,
              c->axis[1].n_categories, lo[1], hi[1], (guint)CLAMP (height / (4.0 * fs), 3, 10),
              &tk[1]);
  if (cbar)
    {
      for (gsize k = 0; k < c->nx * c->ny; k++)
        if (isfinite (c->hv[k]))
          {
            vmin = MIN (vmin, c->hv[k]);
            vmax = MAX (vmax, c->hv[k]);
          }
      if (!(vmax >= vmin))
        vmin = 0, vmax = 1;
      make_ticks (&x, c->hv_label, c->hv_unit, PS_SCALE_LINEAR, NULL, 0, vmin, vmax,
                  (guint)CLAMP (height / (4.0 * fs), 3, 8), &cbar_ticks);
      /* Only ticks inside the bar. */
      {
        guint k = 0;

        for (guint i = 0; i < cbar_ticks.n; i++)
          if (cbar_ticks.v[i] >= vmin - 1e-9 * fabs (vmin)
              && cbar_ticks.v[i] <= vmax + 1e-9 * fabs (vmax))
            {
              cbar_ticks.v[k] = cbar_ticks.v[i];
              cbar_ticks.label[k++] = cbar_ticks.label[i];
            }
          else
            g_free (cbar_ticks.label[i]);
        cbar_ticks.n = k;
      }
      cbar_w = pad + 1.2 * fs + tick_len + 0.3 * fs + cbar_ticks.max_w + 0.4 * fs + lh;
    }
  if (legend_outside)
    leg_w = legend_width (c, &x) + pad;

  if (c->title != NULL && *c->title)
    {
      /* A long title (one with the parameters held fixed) wraps at word ends rather than
       * run past the chart's right edge. */
      title_layout = make_layout (&x, c->title, 1.2, TRUE);
      pango_layout_set_width (title_layout, (int)(MAX (1.0, width - 2 * pad) * PANGO_SCALE));
      pango_layout_set_wrap (title_layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_alignment (title_layout, PANGO_ALIGN_CENTER);
      layout_size (title_layout, &title_w, &title_h);
      title_h += 0.5 * pad;
    }
  top = pad + title_h;
  left = pad + (tk[1].title[0] ? lh + 0.4 * fs : 0) + tk[1].max_w + 0.3 * fs + tick_len;
  bottom = pad + (tk[0].title[0] ? lh + 0.2 * fs : 0) + lh + 0.2 * fs + tick_len;
  right = pad + MAX (0.5 * tk[0].max_w, 0) + cbar_w + leg_w;
  /* A tiny surface still gets a plot area of at least one unit. */
  c->pa_x = left;
  c->pa_y = top;
  c->pa_w = MAX (1.0, width - left - right);
  c->pa_h = MAX (1.0, height - top - bottom);
  for (int a = 0; a < 2; a++)
    {
      c->t0[a] = axis_t (c, (PsAxisId)a, lo[a]);
      c->t1[a] = axis_t (c, (PsAxisId)a, hi[a]);
      if (!(c->t1[a] > c->t0[a]))
        c->t1[a] = c->t0[a] + 1.0;
    }
  c->drawn = TRUE;

  /* Title. */
  cairo_set_source_rgb (cr, 0.05, 0.05, 0.05);
  if (title_layout != NULL)
    {
      cairo_move_to (cr, pad, pad);
      pango_cairo_show_layout (cr, title_layout);
      g_clear_object (&title_layout);
    }

  /* Grid. */
  cairo_set_line_width (cr, 0.06 * fs);
  cairo_set_source_rgb (cr, 0.88, 0.88, 0.88);
  for (guint i = 0; i < tk[0].n && !heat; i++)
    {
      double px = round (map_x (c, tk[0].v[i])) + 0.5;

      if (px < c->pa_x || px > c->pa_x + c->pa_w)
        continue;
      cairo_move_to (cr, px, c->pa_y);
      cairo_line_to (cr, px, c->pa_y + c->pa_h);
    }
  for (guint i = 0; i < tk[1].n && !heat; i++)
    {
      double py = round (map_y (c, tk[1].v[i])) + 0.5;

      if (py < c->pa_y || py > c->pa_y + c->pa_h)
        continue;
      cairo_move_to (cr, c->pa_x, py);
      cairo_line_to (cr, c->pa_x + c->pa_w, py);
    }
  cairo_stroke (cr);

  /* Data, clipped to the plot area. */
  cairo_save (cr);
  cairo_rectangle (cr, c->pa_x, c->pa_y, c->pa_w, c->pa_h);
  cairo_clip (cr);
  if (heat)
    draw_heatmap (c, cr, vmin, vmax);
  for (guint i = 0; i < c->spans->len; i++)
    {
      Span *s = &g_array_index (c->spans, Span, i);
      double x0 = isfinite (s->x0) ? map_x (c, s->x0)
                                   : (s->x0 < 0 ? c->pa_x - 10 : c->pa_x + c->pa_w + 10);
      double x1 = isfinite (s->x1) ? map_x (c, s->x1)
                                   : (s->x1 < 0 ? c->pa_x - 10 : c->pa_x + c->pa_w + 10);

      if (!isfinite (x0) || !isfinite (x1))
        continue;
      x0 = CLAMP (x0, c->pa_x - 10, c->pa_x + c->pa_w + 10);
      x1 = CLAMP (x1, c->pa_x - 10, c->pa_x + c->pa_w + 10);
      if (s->is_line)
        {
          set_color (cr, s->color, 1.0);
          cairo_set_line_width (cr, lw);
          set_dash (cr, PS_LINE_DASHED, lw);
          cairo_move_to (cr, x0, c->pa_y);
          cairo_line_to (cr, x0, c->pa_y + c->pa_h);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
      else
        {
          set_color (cr, s->color, 0.18);
          cairo_rectangle (cr, x0, c->pa_y, x1 - x0, c->pa_h);
          cairo_fill (cr);
        }
    }
  /* Bands and bars below lines and points. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < c->series->len; i++)
      {
        Series *s = g_ptr_array_index (c->series, i);
        PsColor col = ps_chart_series_get_color (c, (int)i);
        gboolean under = s->style == PS_SERIES_BAND || s->style == PS_SERIES_STEPS;

        if ((pass == 0) != under)
          continue;
        cairo_set_line_width (cr, lw * s->width);
        cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
        switch (s->style)
          {
          case PS_SERIES_LINE:
            set_color (cr, col, 1.0);
            set_dash (cr, s->dash, lw * s->width);
            draw_line_series (c, cr, s);
            cairo_set_dash (cr, NULL, 0, 0);
            break;
          case PS_SERIES_POINTS:
            draw_points_series (c, cr, s, col, 0.28 * fs * s->width);
            break;
          case PS_SERIES_STEPS:
            draw_steps_series (c, cr, s, col, lw);
            break;
          case PS_SERIES_BAND:
            draw_band_series (c, cr, s, col);
            break;
          }
      }
  /* Span labels inside the plot, at the top. */
  for (guint i = 0; i < c->spans->len; i++)
    {
      Span *s = &g_array_index (c->spans, Span, i);
      double a = isfinite (s->x0) ? map_x (c, s->x0) : c->pa_x;
      double b = isfinite (s->x1) ? map_x (c, s->x1) : c->pa_x + c->pa_w;

      if (s->label == NULL || s->is_line || !isfinite (a) || !isfinite (b))
        continue;
      a = MAX (a, c->pa_x);
      b = MIN (b, c->pa_x + c->pa_w);
      if (b - a < text_width (&x, s->label, 0.9))
        continue;
      set_color (cr, s->color, 1.0);
      draw_text (&x, s->label, 0.5 * (a + b), c->pa_y + 0.4 * fs, 0.5, 0, 0.9, FALSE, FALSE);
    }
  cairo_restore (cr);

  /* Axes: the frame, ticks and labels. */
  cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
  cairo_set_line_width (cr, 0.1 * fs);
  cairo_rectangle (cr, round (c->pa_x) + 0.5, round (c->pa_y) + 0.5, round (c->pa_w),
                   round (c->pa_h));
  cairo_stroke (cr);
  for (guint i = 0; i < tk[0].n; i++)
    {
      double px = round (map_x (c, tk[0].v[i])) + 0.5;

      if (px < c->pa_x - 0.5 || px > c->pa_x + c->pa_w + 1)
        continue;
      cairo_move_to (cr, px, c->pa_y + c->pa_h);
      cairo_line_to (cr, px, c->pa_y + c->pa_h + tick_len);
      cairo_stroke (cr);
      draw_text (&x, tk[0].label[i], px, c->pa_y + c->pa_h + tick_len + 0.15 * fs, 0.5, 0, 1.0,
                 FALSE, FALSE);
    }
  for (guint i = 0; i < tk[1].n; i++)
    {
      double py = round (map_y (c, tk[1].v[i])) + 0.5;

      if (py < c->pa_y - 0.5 || py > c->pa_y + c->pa_h + 1)
        continue;
      cairo_move_to (cr, c->pa_x, py);
      cairo_line_to (cr, c->pa_x - tick_len, py);
      cairo_stroke (cr);
      draw_text (&x, tk[1].label[i], c->pa_x - tick_len - 0.3 * fs, py, 1.0, 0.5, 1.0, FALSE,
                 FALSE);
    }
  if (tk[0].title[0])
    draw_text (&x, tk[0].title, c->pa_x + c->pa_w / 2, height - pad, 0.5, 1.0, 1.0, FALSE, FALSE);
  if (tk[1].title[0])
    draw_text (&x, tk[1].title, pad, c->pa_y + c->pa_h / 2, 0.5, 0.0, 1.0, FALSE, TRUE);

  /* Colour bar. */
  if (cbar)
    {
      double bx = c->pa_x + c->pa_w + pad + 0.5 * tk[0].max_w, bw = 1.2 * fs;
      cairo_pattern_t *grad = cairo_pattern_create_linear (0, c->pa_y + c->pa_h, 0, c->pa_y);

      for (int k = 0; k <= 9; k++)
        {
          PsColor col = ps_color_viridis (k / 9.0);

          cairo_pattern_add_color_stop_rgb (grad, k / 9.0, col.r, col.g, col.b);
        }
      cairo_rectangle (cr, bx, c->pa_y, bw, c->pa_h);
      cairo_set_source (cr, grad);
      cairo_fill (cr);
      cairo_pattern_destroy (grad);
      cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
      cairo_rectangle (cr, bx, c->pa_y, bw, c->pa_h);
      cairo_stroke (cr);
      for (guint i = 0; i < cbar_ticks.n; i++)
        {
          double py = c->pa_y + c->pa_h
                      - (vmax > vmin ? (cbar_ticks.v[i] - vmin) / (vmax - vmin) : 0.5) * c->pa_h;

          cairo_move_to (cr, bx + bw, py);
          cairo_line_to (cr, bx + bw + tick_len, py);
          cairo_stroke (cr);
          draw_text (&x, cbar_ticks.label[i], bx + bw + tick_len + 0.3 * fs, py, 0, 0.5, 1.0, FALSE,
                     FALSE);
        }
      if (cbar_ticks.title[0])
        draw_text (&x, cbar_ticks.title,
                   bx + bw + tick_len + 0.3 * fs + cbar_ticks.max_w + 0.4 * fs + lh,
                   c->pa_y + c->pa_h / 2, 0.5, 1.0, 1.0, FALSE, TRUE);
    }

  if (heat && c->n_cat == 0 && c->series->len == 0)
    ; /* no legend for a plain heatmap */
  else
    draw_legend (c, &x, legend_outside, width - leg_w);

  if (c->series->len == 0 && !heat)
    {
      cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
      draw_text (&x, _ ("No data"), c->pa_x + c->pa_w / 2, c->pa_y + c->pa_h / 2, 0.5, 0.5, 1.2,
                 FALSE, FALSE);
    }

  for (int a = 0; a < 2; a++)
    {
      c->shown_factor[a] = tk[a].factor;
      g_free (c->shown_unit[a]);
      c->shown_unit[a] = g_steal_pointer (&tk[a].unit);
    }
  ticks_clear (&tk[0]);
  ticks_clear (&tk[1]);
  ticks_clear (&cbar_ticks);
  cairo_restore (cr);
}

char *
ps_chart_format_axis_value (const PsChart *c, PsAxisId axis, double value)
{
  double f = c->drawn && c->shown_factor[axis] > 0 ? c->shown_factor[axis] : 1.0;
  const char *unit = c->drawn && c->shown_unit[axis] != NULL ? c->shown_unit[axis] : "";

  if (c->axis[axis].n_categories > 0)
    {
      long i = lround (value);

      if (i >= 0 && (guint)i < c->axis[axis].n_categories)
        return g_strdup (c->axis[axis].categories[i]);
    }
  return *unit != '\0' ? g_strdup_printf ("%.4g %s", value / f, unit)
                       : g_strdup_printf ("%.4g", value / f);
}

void
ps_chart_get_plot_area (const PsChart *c, double *x, double *y, double *w, double *h)
{
  *x = c->pa_x;
  *y = c->pa_y;
  *w = c->pa_w;
  *h = c->pa_h;
}

gboolean
ps_chart_to_data (const PsChart *c, double px, double py, double *x, double *y)
{
  if (!c->drawn)
    return FALSE;
  *x = axis_untransform (c, PS_AXIS_X, c->t0[0] + (px - c->pa_x) / c->pa_w * (c->t1[0] - c->t0[0]));
  *y = axis_untransform (c, PS_AXIS_Y,
                         c->t0[1] + (c->pa_y + c->pa_h - py) / c->pa_h * (c->t1[1] - c->t0[1]));
  return TRUE;
}

gboolean
ps_chart_to_device (const PsChart *c, double x, double y, double *px, double *py)
{
  if (!c->drawn)
    return FALSE;
  *px = map_x (c, x);
  *py = map_y (c, y);
  return isfinite (*px) && isfinite (*py);
}

/* Nearest point in a normalised space where one unit is @ux along x and @uy along
 * y, both in transformed (log10 on log axes) coordinates. */
static gboolean
nearest_scaled (const PsChart *c, double tx, double ty, double ux, double uy, PsChartPick *pick)
{
  double best = INFINITY;

  if (c->kind == PS_CHART_HEATMAP && c->nx > 0 && c->ny > 0)
    {
      double xv = axis_untransform (c, PS_AXIS_X, tx), yv = axis_untransform (c, PS_AXIS_Y, ty);

      for (gsize i = 0; i < c->nx; i++)
        if (xv >= cell_edge (c, PS_AXIS_X, c->hx, c->nx, i)
            && xv <= cell_edge (c, PS_AXIS_X, c->hx, c->nx, i + 1))
          for (gsize j = 0; j < c->ny; j++)
            if (yv >= cell_edge (c, PS_AXIS_Y, c->hy, c->ny, j)
                && yv <= cell_edge (c, PS_AXIS_Y, c->hy, c->ny, j + 1))
              {
                pick->series = -1;
                pick->index = j * c->nx + i;
                pick->x = c->hx[i];
                pick->y = c->hy[j];
                pick->value = c->hv[j * c->nx + i];
                pick->distance = 0;
                return TRUE;
              }
      return FALSE;
    }
  for (guint i = 0; i < c->series->len; i++)
    {
      Series *s = g_ptr_array_index (c->series, i);

      if (s->is_function)
        continue;
      for (gsize k = 0; k < s->n; k++)
        {
          double xv = s->style == PS_SERIES_STEPS ? 0.5 * (s->x[k] + s->x[k + 1]) : s->x[k];
          double dx = (axis_t (c, PS_AXIS_X, xv) - tx) * ux;
          double dy = (axis_t (c, PS_AXIS_Y, s->y[k]) - ty) * uy;
          double d = dx * dx + dy * dy;

          if (d < best)
            {
              best = d;
              pick->series = (int)i;
              pick->index = k;
              pick->x = xv;
              pick->y = s->y[k];
              pick->value = s->y[k];
            }
        }
    }
  if (!isfinite (best))
    return FALSE;
  pick->distance = sqrt (best);
  return TRUE;
}

gboolean
ps_chart_pick (const PsChart *c, double px, double py, double max_distance, PsChartPick *pick)
{
  double tx, ty;

  if (!c->drawn)
    return FALSE;
  tx = c->t0[0] + (px - c->pa_x) / c->pa_w * (c->t1[0] - c->t0[0]);
  ty = c->t0[1] + (c->pa_y + c->pa_h - py) / c->pa_h * (c->t1[1] - c->t0[1]);
  if (!nearest_scaled (c, tx, ty, c->pa_w / (c->t1[0] - c->t0[0]), c->pa_h / (c->t1[1] - c->t0[1]),
                       pick))
    return FALSE;
  return pick->distance <= max_distance;
}

gboolean
ps_chart_nearest (PsChart *c, double x, double y, PsChartPick *pick)
{
  double lo[2], hi[2], t0[2], t1[2];

  for (int a = 0; a < 2; a++)
    {
      ps_chart_get_view (c, (PsAxisId)a, &lo[a], &hi[a]);
      t0[a] = axis_t (c, (PsAxisId)a, lo[a]);
      t1[a] = axis_t (c, (PsAxisId)a, hi[a]);
      if (!(t1[a] > t0[a]))
        t1[a] = t0[a] + 1;
    }
  return nearest_scaled (c, axis_t (c, PS_AXIS_X, x), axis_t (c, PS_AXIS_Y, y),
                         1.0 / (t1[0] - t0[0]), 1.0 / (t1[1] - t0[1]), pick);
}

/* Files. */

static cairo_status_t
write_to_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

gboolean
ps_write_file_atomic (const char *path, const guint8 *data, gsize length, GError **error)
{
  g_autoptr (GError) local = NULL;

  /* g_file_set_contents writes a temporary file beside @path and renames it: an
   * error leaves the old file, or nothing, never a partial one. */
  if (!g_file_set_contents_full (path, (const char *)data, (gssize)length,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0666, &local))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_IO, "%s", local->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
ps_chart_render (PsChart *c, PsChartFormat format, int width, int height, double dpi,
                 GByteArray *out, GError **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t st;
  double w_pt = width * 72.0 / dpi, h_pt = height * 72.0 / dpi;

  if (width < 16 || height < 16 || width > 20000 || height > 20000)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("chart size %d × %d: each side must be 16 to 20000 pixels"), width, height);
      return FALSE;
    }
  if (!(dpi >= 10 && dpi <= 2400))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("DPI %g: must be 10 to 2400"), dpi);
      return FALSE;
    }
  if (format == PS_FORMAT_PNG)
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      cr = cairo_create (surface);
      ps_chart_draw (c, cr, width, height, dpi);
      cairo_destroy (cr);
      st = cairo_surface_write_to_png_stream (surface, write_to_bytes, out);
    }
  else
    {
      if (format == PS_FORMAT_SVG)
        surface = cairo_svg_surface_create_for_stream (write_to_bytes, out, w_pt, h_pt);
      else
        surface = cairo_pdf_surface_create_for_stream (write_to_bytes, out, w_pt, h_pt);
      cr = cairo_create (surface);
      ps_chart_draw (c, cr, w_pt, h_pt, 72.0);
      cairo_show_page (cr);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      st = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);
  if (st != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_FAILED, "%s", cairo_status_to_string (st));
      return FALSE;
    }
  return TRUE;
}

gboolean
ps_chart_write (PsChart *c, const char *path, int width, int height, double dpi, GError **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  g_autoptr (GError) local = NULL;
  PsChartFormat format;

  if (g_str_has_suffix (lower, ".png"))
    format = PS_FORMAT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    format = PS_FORMAT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    format = PS_FORMAT_PDF;
  else
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("%s: the output must end in .png, .svg or .pdf"), path);
      return FALSE;
    }
  if (!ps_chart_render (c, format, width, height, dpi, bytes, &local)
      || !ps_write_file_atomic (path, bytes->data, bytes->len, &local))
    {
      g_set_error (error, PS_ERROR, local->code, "%s: %s", path, local->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
ps_charts_render_stacked (PsChart *const *charts, guint n, PsChartFormat format, int width,
                          int height, double dpi, GByteArray *out, GError **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t st;
  double w_pt = width * 72.0 / dpi, h_pt = height * 72.0 / dpi;

  if (n == 0 || width < 16 || height < 16 || width > 20000 || height > 20000
      || (guint64)height * n > 20000)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("chart size %d × %d: each side must be 16 to 20000 pixels"), width,
                   height * (int)MAX (n, 1u));
      return FALSE;
    }
  if (!(dpi >= 10 && dpi <= 2400))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("DPI %g: must be 10 to 2400"), dpi);
      return FALSE;
    }
  if (format == PS_FORMAT_PNG)
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height * (int)n);
      cr = cairo_create (surface);
      for (guint i = 0; i < n; i++)
        {
          cairo_save (cr);
          cairo_translate (cr, 0, (double)height * i);
          ps_chart_draw (charts[i], cr, width, height, dpi);
          cairo_restore (cr);
        }
      cairo_destroy (cr);
      st = cairo_surface_write_to_png_stream (surface, write_to_bytes, out);
    }
  else
    {
      if (format == PS_FORMAT_SVG)
        surface = cairo_svg_surface_create_for_stream (write_to_bytes, out, w_pt, h_pt * n);
      else
        surface = cairo_pdf_surface_create_for_stream (write_to_bytes, out, w_pt, h_pt * n);
      cr = cairo_create (surface);
      for (guint i = 0; i < n; i++)
        {
          cairo_save (cr);
          cairo_translate (cr, 0, h_pt * i);
          ps_chart_draw (charts[i], cr, w_pt, h_pt, 72.0);
          cairo_restore (cr);
        }
      cairo_show_page (cr);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      st = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);
  if (st != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_FAILED, "%s", cairo_status_to_string (st));
      return FALSE;
    }
  return TRUE;
}

gboolean
ps_charts_write_stacked (PsChart *const *charts, guint n, const char *path, int width, int height,
                         double dpi, GError **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  g_autoptr (GError) local = NULL;
  PsChartFormat format;

  if (g_str_has_suffix (lower, ".png"))
    format = PS_FORMAT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    format = PS_FORMAT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    format = PS_FORMAT_PDF;
  else
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("%s: the output must end in .png, .svg or .pdf"), path);
      return FALSE;
    }
  if (!ps_charts_render_stacked (charts, n, format, width, height, dpi, bytes, &local)
      || !ps_write_file_atomic (path, bytes->data, bytes->len, &local))
    {
      g_set_error (error, PS_ERROR, local->code, "%s: %s", path, local->message);
      return FALSE;
    }
  return TRUE;
}
