/* test-plot.c: chart axes, decimation and rendering.
 *
 * Tick tables are worked by hand from the 1-2-5 rule (step = the first of 1, 2, 5 ×
 * 10^k not below range / (target - 1), ticks at the multiples of the step inside the
 * range). Rendering tests draw each chart type on an image surface and check facts
 * a broken chart would violate, computed from the chart's own mapping of data to
 * pixels: the data colour inside the plot area, the frame present, a margin of
 * background at the surface's edges. Set PS_TEST_KEEP=DIR to keep the PNGs.
 */
#define G_LOG_DOMAIN "test-plot"
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "parastudy.h"
#include "plot/ps-plot.h"

#define W 480
#define H 320

/* Tick tables. */

typedef struct
{
  const char *label;
  double lo, hi;
  guint target;
  double step;
  guint n;
  double ticks[12];
} TickCase;

static void
test_ticks_table (void)
{
  static const TickCase cases[] = {
    { "0..10", 0, 10, 6, 2, 6, { 0, 2, 4, 6, 8, 10 } },
    /* 15.9 / 4 = 3.975 → 5 */
    { "mixed sign", -3.7, 12.2, 5, 5, 3, { 0, 5, 10 } },
    /* 230 / 5 = 46 → 50 */
    { "negative", -250, -20, 6, 50, 5, { -250, -200, -150, -100, -50 } },
    /* 2.7e-9 / 4 = 6.75e-10 → 1e-9 */
    { "tiny", 1.2e-9, 3.9e-9, 5, 1e-9, 2, { 2e-9, 3e-9 } },
    /* 3.2e12 / 4 = 8e11 → 1e12 */
    { "huge", 0, 3.2e12, 5, 1e12, 4, { 0, 1e12, 2e12, 3e12 } },
    /* one value, widened by 10 %: 4.5..5.5, 1 / 4 = 0.25 → 0.5 */
    { "zero width", 5, 5, 5, 0.5, 3, { 4.5, 5, 5.5 } },
    /* zero itself, widened to -1..1: 2 / 4 = 0.5 */
    { "zero width at 0", 0, 0, 5, 0.5, 5, { -1, -0.5, 0, 0.5, 1 } },
    { "reversed", 10, 0, 6, 2, 6, { 0, 2, 4, 6, 8, 10 } },
    /* 0.6 / 6 = 0.1 */
    { "decimals", 0.1, 0.7, 7, 0.1, 7, { 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7 } },
    /* 355e6 .. 460e6 Pa: 105e6 / 4 = 2.625e7 → 5e7 */
    { "stress", 355e6, 460e6, 5, 5e7, 2, { 4e8, 4.5e8 } },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      const TickCase *tc = &cases[c];
      double out[64], step;
      guint n = ps_ticks_linear (tc->lo, tc->hi, tc->target, out, 64, &step);

      g_test_message ("%s", tc->label);
      g_assert_cmpuint (n, ==, tc->n);
      g_assert_cmpfloat_with_epsilon (step, tc->step, tc->step * 1e-12);
      for (guint i = 0; i < n; i++)
        g_assert_cmpfloat_with_epsilon (out[i], tc->ticks[i], tc->step * 1e-9);
    }
}

/* Properties over many ranges: steps are 1, 2 or 5 × 10^k, ticks are inside the
 * range, evenly spaced, and there are between 2 and 2·target + 1 of them. */
static void
test_ticks_properties (void)
{
  GRand *rand = g_rand_new_with_seed (2385);

  for (int k = 0; k < 2000; k++)
    {
      double scale = pow (10.0, g_rand_double_range (rand, -15, 15));
      double lo = g_rand_double_range (rand, -1, 1) * scale;
      double hi = lo + g_rand_double_range (rand, 1e-3, 3) * scale;
      guint target = (guint)g_rand_int_range (rand, 3, 11);
      double out[64], step, m;
      guint n = ps_ticks_linear (lo, hi, target, out, 64, &step);

      g_assert_cmpuint (n, >=, 1);
      g_assert_cmpuint (n, <=, 2 * target + 1);
      m = step / pow (10.0, floor (log10 (step)));
      g_assert_true (fabs (m - 1) < 1e-9 || fabs (m - 2) < 1e-9 || fabs (m - 5) < 1e-9
                     || fabs (m - 10) < 1e-9);
      for (guint i = 0; i < n; i++)
        {
          g_assert_cmpfloat (out[i], >=, lo - step * 1e-6);
          g_assert_cmpfloat (out[i], <=, hi + step * 1e-6);
          if (i > 0)
            g_assert_cmpfloat_with_epsilon (out[i] - out[i - 1], step, step * 1e-6);
        }
    }
  g_rand_free (rand);
  {
    double out[8], step;

    g_assert_cmpuint (ps_ticks_linear (NAN, 1, 5, out, 8, &step), ==, 0);
    g_assert_cmpuint (ps_ticks_linear (0, INFINITY, 5, out, 8, &step), ==, 0);
  }
}

static void
test_ticks_log (void)
{
  double out[64];
  guint n;

  /* Three decades: 1, 2, 5 in each. */
  n = ps_ticks_log (1, 1000, out, 64);
  {
    const double want[] = { 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000 };

    g_assert_cmpuint (n, ==, G_N_ELEMENTS (want));
    for (guint i = 0; i < n; i++)
      g_assert_cmpfloat_with_epsilon (out[i], want[i], want[i] * 1e-12);
  }
  /* Twelve decades: every other decade (at most ten labels). */
  n = ps_ticks_log (1e-3, 1e9, out, 64);
  g_assert_cmpuint (n, ==, 6);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat_with_epsilon (out[i], pow (10.0, -2.0 + 2 * i),
                                    pow (10.0, -2.0 + 2 * i) * 1e-12);
  /* Inside one decade without a 1-2-5 value: linear ticks, 2.8 / 3 → 1. */
  n = ps_ticks_log (2.1, 4.9, out, 64);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat (out[0], ==, 3);
  g_assert_cmpfloat (out[1], ==, 4);
  /* Non-positive ranges have no log ticks. */
  g_assert_cmpuint (ps_ticks_log (0, 10, out, 64), ==, 0);
  g_assert_cmpuint (ps_ticks_log (-5, 10, out, 64), ==, 0);
}

static void
test_si_prefix (void)
{
  static const struct
  {
    double mag;
    const char *unit, *prefix;
    double factor;
  } cases[] = {
    { 0.0123, "m", "m", 1e-3 }, { 2.5e8, "Pa", "M", 1e6 }, { 5e4, "N", "k", 1e3 },
    { 12, "m", "", 1 },         { 1500, "m", "", 1 },      { 2e-7, "m", "n", 1e-9 },
    { 3.4e-4, "s", "µ", 1e-6 }, { 3600, "s", "", 1 },      { 0.5, "kg/m", "", 1 },
    { 3e5, "", "", 1 },         { 8e-5, "m^4", "", 1 },    { 5e5, "N*m", "k", 1e3 },
    { 7.5e3, "N/m", "k", 1e3 }, { 2e11, "Pa", "G", 1e9 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *prefix = NULL;
      double f = ps_si_prefix (cases[i].mag, cases[i].unit, &prefix);

      g_assert_cmpstr (prefix, ==, cases[i].prefix);
      g_assert_cmpfloat_with_epsilon (f, cases[i].factor, cases[i].factor * 1e-12);
    }
}

static void
test_format_tick (void)
{
  static const struct
  {
    double v, step;
    const char *want;
  } cases[] = {
    { 2, 0.5, "2.0" },   { 2.5, 0.5, "2.5" },   { -150, 50, "-150" },
    { 0.2, 0.1, "0.2" }, { 1e-17, 0.1, "0.0" }, { 0.05, 0.01, "0.05" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *s = ps_format_tick (cases[i].v, cases[i].step);

      g_assert_cmpstr (s, ==, cases[i].want);
    }
}

static void
test_viridis (void)
{
  /* matplotlib's viridis: #440154 at 0 and #fde725 at 1 (van der Walt & Smith). */
  PsColor a = ps_color_viridis (0), b = ps_color_viridis (1), m = ps_color_viridis (0.5);

  g_assert_cmpint ((int)lround (a.r * 255), ==, 0x44);
  g_assert_cmpint ((int)lround (a.b * 255), ==, 0x54);
  g_assert_cmpint ((int)lround (b.r * 255), ==, 0xfd);
  g_assert_cmpint ((int)lround (b.g * 255), ==, 0xe7);
  /* Lightness rises monotonically (perceptually ordered). */
  {
    double prev = -1;

    for (int k = 0; k <= 100; k++)
      {
        PsColor c = ps_color_viridis (k / 100.0);
        double l = 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;

        g_assert_cmpfloat (l, >, prev - 1e-3);
        prev = l;
      }
  }
  g_assert_cmpfloat (m.g, >, m.r);
}

/* Decimation keeps the minimum and maximum of every pixel column. */
static void
test_decimate (void)
{
  const gsize n = 1000003;
  const guint cols = 487;
  g_autofree double *x = g_new (double, n);
  g_autofree double *y = g_new (double, n);
  g_autofree double *ox = g_new (double, 4 * cols + 2);
  g_autofree double *oy = g_new (double, 4 * cols + 2);
  g_autofree double *cmin = g_new (double, cols);
  g_autofree double *cmax = g_new (double, cols);
  GRand *rand = g_rand_new_with_seed (7);
  double x0 = 1000.5, x1 = 900000.25;
  gsize m;

  for (gsize i = 0; i < n; i++)
    {
      x[i] = (double)i;
      y[i] = sin (i * 1e-4) + 0.01 * g_rand_double (rand);
      /* Single-sample spikes up and down. */
      if (g_rand_int_range (rand, 0, 20000) == 0)
        y[i] += g_rand_boolean (rand) ? 50 : -50;
    }
  g_rand_free (rand);
  m = ps_decimate_minmax (x, y, n, x0, x1, cols, ox, oy);
  g_assert_cmpuint (m, <=, 4 * cols + 2);
  g_assert_cmpuint (m, >=, 2 * cols);
  /* Brute force: the extremes of each column. */
  for (guint c = 0; c < cols; c++)
    {
      cmin[c] = INFINITY;
      cmax[c] = -INFINITY;
    }
  for (gsize i = 0; i < n; i++)
    if (x[i] >= x0 && x[i] <= x1)
      {
        guint c = MIN ((guint)((x[i] - x0) / (x1 - x0) * cols), cols - 1);

        cmin[c] = MIN (cmin[c], y[i]);
        cmax[c] = MAX (cmax[c], y[i]);
      }
  for (guint c = 0; c < cols; c++)
    {
      gboolean has_min = FALSE, has_max = FALSE;

      for (gsize k = 0; k < m; k++)
        if (ox[k] >= x0 && ox[k] <= x1
            && MIN ((guint)((ox[k] - x0) / (x1 - x0) * cols), cols - 1) == c)
          {
            has_min |= oy[k] == cmin[c];
            has_max |= oy[k] == cmax[c];
          }
      g_assert_true (has_min);
      g_assert_true (has_max);
    }
  /* Order kept, and the neighbours outside the range join the line to the edges. */
  for (gsize k = 1; k < m; k++)
    g_assert_cmpfloat (ox[k], >=, ox[k - 1]);
  g_assert_cmpfloat (ox[0], ==, 1000);
  g_assert_cmpfloat (ox[m - 1], ==, 900001);
}

/* Rendering. */

static cairo_surface_t *
render (PsChart *chart, const char *name)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_t *cr = cairo_create (s);
  const char *keep = g_getenv ("PS_TEST_KEEP");

  ps_chart_draw (chart, cr, W, H, 96);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  if (keep != NULL)
    {
      g_autofree char *file = g_strdup_printf ("%s.png", name);
      g_autofree char *path = g_build_filename (keep, file, NULL);

      g_mkdir_with_parents (keep, 0755);
      cairo_surface_write_to_png (s, path);
    }
  return s;
}

static guint32
pixel (cairo_surface_t *s, int x, int y)
{
  const guint8 *d = cairo_image_surface_get_data (s);

  return *(const guint32 *)(d + (gsize)y * cairo_image_surface_get_stride (s) + 4 * x);
}

static gboolean
near_color (guint32 p, PsColor c, int tol)
{
  int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

  return ABS (r - (int)lround (c.r * 255)) <= tol && ABS (g - (int)lround (c.g * 255)) <= tol
         && ABS (b - (int)lround (c.b * 255)) <= tol;
}

/* Pixels of colour @c in the rectangle [x0, x1) × [y0, y1). */
static guint
count_color (cairo_surface_t *s, PsColor c, int tol, int x0, int y0, int x1, int y1)
{
  guint n = 0;

  x0 = MAX (x0, 0);
  y0 = MAX (y0, 0);
  x1 = MIN (x1, W);
  y1 = MIN (y1, H);
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      n += near_color (pixel (s, x, y), c, tol);
  return n;
}

typedef struct
{
  int x0, y0, x1, y1; /* plot area, pixels, inclusive of the frame */
} Area;

static Area
plot_area (PsChart *chart)
{
  double x, y, w, h;
  Area a;

  ps_chart_get_plot_area (chart, &x, &y, &w, &h);
  a.x0 = (int)floor (x);
  a.y0 = (int)floor (y);
  a.x1 = (int)ceil (x + w) + 1;
  a.y1 = (int)ceil (y + h) + 1;
  g_assert_cmpint (a.x0, >, 10);
  g_assert_cmpint (a.y0, >, 2);
  g_assert_cmpint (a.x1, <, W - 2);
  g_assert_cmpint (a.y1, <, H - 10);
  return a;
}

static const PsColor RED = { 1, 0, 0, 1 };
static const PsColor WHITE = { 1, 1, 1, 1 };
static const PsColor FRAME = { 0.15, 0.15, 0.15, 1 };

/* Facts every chart must show: the frame drawn along the plot area's left and
 * bottom edges, a white margin at the surface's border (nothing cut off), and
 * no pixel of @data_color outside the plot area except inside @allowed. */
static void
assert_common (cairo_surface_t *s, PsChart *chart, Area a)
{
  guint left = 0, bottom = 0;

  for (int y = a.y0 + 2; y < a.y1 - 2; y++)
    left += near_color (pixel (s, a.x0, y), FRAME, 60)
            || near_color (pixel (s, a.x0 + 1, y), FRAME, 60);
  for (int x = a.x0 + 2; x < a.x1 - 2; x++)
    bottom += near_color (pixel (s, x, a.y1 - 1), FRAME, 60)
              || near_color (pixel (s, x, a.y1 - 2), FRAME, 60);
  g_assert_cmpuint (left, >=, (guint)(a.y1 - a.y0 - 4) * 9 / 10);
  g_assert_cmpuint (bottom, >=, (guint)(a.x1 - a.x0 - 4) * 9 / 10);
  /* The outermost two pixels all round are background. */
  for (int x = 0; x < W; x++)
    for (int y = 0; y < H; y++)
      if (x < 2 || y < 2 || x >= W - 2 || y >= H - 2)
        g_assert_true (near_color (pixel (s, x, y), WHITE, 0));
}

static void
assert_data_inside (cairo_surface_t *s, Area a, PsColor c, guint min_inside)
{
  guint inside = count_color (s, c, 40, a.x0, a.y0, a.x1, a.y1);
  guint all = count_color (s, c, 40, 0, 0, W, H);

  g_assert_cmpuint (inside, >=, min_inside);
  g_assert_cmpuint (all, ==, inside);
}

/* Draws @chart as render() does and checks the facts of assert_common(); @a is set to
 * its plot area. */
static cairo_surface_t *
render_checked (PsChart *chart, const char *name, Area *a)
{
  cairo_surface_t *s = render (chart, name);

  *a = plot_area (chart);
  assert_common (s, chart, *a);
  return s;
}

/* Pixels of colour @c in the 5 x 5 pixels around the device point (@px, @py). */
static guint
count_near (cairo_surface_t *s, PsColor c, int tol, double px, double py)
{
  return count_color (s, c, tol, (int)px - 2, (int)py - 2, (int)px + 3, (int)py + 3);
}

/* Whether the pixel at the data point (@x, @y) is of colour @c. */
static gboolean
near_color_at (cairo_surface_t *s, PsChart *chart, double x, double y, PsColor c, int tol)
{
  double px, py;

  ps_chart_to_device (chart, x, y, &px, &py);
  return near_color (pixel (s, (int)px, (int)py), c, tol);
}

static void
test_render_line (void)
{
  g_autoptr (PsChart) chart = ps_chart_new (PS_CHART_XY);
  double x[200], y[200];
  cairo_surface_t *s;
  Area a;
  int id;

  for (int i = 0; i < 200; i++)
    {
      x[i] = 2.0 + 10.0 * i / 199;        /* m */
      y[i] = 5e-3 * pow (x[i] / 12.0, 3); /* m */
    }
  ps_chart_set_title (chart, "Deflection against span");
  ps_chart_set_axis (chart, PS_AXIS_X, "Span", "m", PS_SCALE_LINEAR);
  ps_chart_set_axis (chart, PS_AXIS_Y, "Deflection", "m", PS_SCALE_LINEAR);
  id = ps_chart_add_series (chart, "S355", PS_SERIES_LINE, x, y, 200);
  ps_chart_series_set_color (chart, id, RED);
  ps_chart_set_legend (chart, PS_LEGEND_NONE);
  s = render_checked (chart, "line", &a);
  assert_data_inside (s, a, RED, 200);
  /* The curve passes through the mapped end points. */
  for (int k = 0; k < 200; k += 199)
    {
      double px, py;

      g_assert_true (ps_chart_to_device (chart, x[k], y[k], &px, &py));
      g_assert_cmpuint (count_near (s, RED, 60, px, py), >, 0);
    }
  /* Pick: the point nearest the pixel of x[57] is x[57]. */
  {
    PsChartPick pick;
    double px, py, dx, dy;

    ps_chart_to_device (chart, x[57], y[57], &px, &py);
    g_assert_true (ps_chart_pick (chart, px + 0.3, py - 0.2, 5, &pick));
    g_assert_cmpint (pick.series, ==, id);
    g_assert_cmpuint (pick.index, ==, 57);
    g_assert_cmpfloat (pick.x, ==, x[57]);
    g_assert_true (ps_chart_to_data (chart, px, py, &dx, &dy));
    g_assert_cmpfloat_with_epsilon (dx, x[57], 1e-9);
    g_assert_cmpfloat_with_epsilon (dy, y[57], 1e-12);
    g_assert_false (ps_chart_pick (chart, a.x0 + 3, a.y0 + 3, 2, &pick));
    g_assert_true (ps_chart_nearest (chart, x[120], y[120] * 1.0001, &pick));
    g_assert_cmpuint (pick.index, ==, 120);
  }
  cairo_surface_destroy (s);

  /* Zoom: the view's ends map to the plot area's edges; the visible part of the
   * curve stays inside it. */
  ps_chart_set_view (chart, PS_AXIS_X, 6, 8);
  ps_chart_set_view (chart, PS_AXIS_Y, 0, 2e-3);
  s = render (chart, "line-zoom");
  a = plot_area (chart);
  {
    double px, py, ax, ay, aw, ah;

    ps_chart_get_plot_area (chart, &ax, &ay, &aw, &ah);
    ps_chart_to_device (chart, 6, 0, &px, &py);
    g_assert_cmpfloat_with_epsilon (px, ax, 1e-9);
    g_assert_cmpfloat_with_epsilon (py, ay + ah, 1e-9);
  }
  assert_data_inside (s, a, RED, 100);
  cairo_surface_destroy (s);
}

static void
test_render_log (void)
{
  g_autoptr (PsChart) chart = ps_chart_new (PS_CHART_XY);
  double x[50], y[50];
  cairo_surface_t *s;
  Area a;
  int id;

  /* y = x² is a straight line of slope 2 on log–log axes. */
  for (int i = 0; i < 50; i++)
    {
      x[i] = pow (10.0, 3.0 * i / 49);
      y[i] = x[i] * x[i];
    }
  ps_chart_set_axis (chart, PS_AXIS_X, "Workers", "", PS_SCALE_LOG);
  ps_chart_set_axis (chart, PS_AXIS_Y, "Time", "s", PS_SCALE_LOG);
  id = ps_chart_add_series (chart, "x²", PS_SERIES_LINE, x, y, 50);
  ps_chart_series_set_color (chart, id, RED);
  s = render_checked (chart, "log", &a);
  assert_data_inside (s, a, RED, 100);
  {
    double p1x, p1y, p2x, p2y, p3x, p3y;

    /* Equal ratios map to equal distances: 1 → 10 → 100 along x. */
    ps_chart_to_device (chart, 1, 1, &p1x, &p1y);
    ps_chart_to_device (chart, 10, 100, &p2x, &p2y);
    ps_chart_to_device (chart, 100, 1e4, &p3x, &p3y);
    g_assert_cmpfloat_with_epsilon (p2x - p1x, p3x - p2x, 1e-9);
    g_assert_cmpfloat_with_epsilon (p2y - p1y, p3y - p2y, 1e-9);
    g_assert_cmpuint (count_near (s, RED, 60, p2x, p2y), >, 0);
  }
  cairo_surface_destroy (s);
}

static void
test_render_scatter_density (void)
{
  g_autoptr (PsChart) chart = ps_chart_new (PS_CHART_XY);
  const gsize n = 200000;
  g_autofree double *x = g_new (double, n);
  g_autofree double *y = g_new (double, n);
  GRand *rand = g_rand_new_with_seed (11);
  cairo_surface_t *s;
  Area a;
  int id;

  for (gsize i = 0; i < n; i++)
    {
      x[i] = g_rand_double (rand) * 0.5;
      y[i] = x[i] + 0.05 * g_rand_double (rand);
    }
  /* One isolated point far from the cloud: a density plot must not lose it. */
  x[n / 2] = 0.95;
  y[n / 2] = 0.05;
  x[n / 2 + 1] = 0.0;
  y[n / 2 + 1] = 1.0;
  g_rand_free (rand);
  ps_chart_set_axis (chart, PS_AXIS_X, "Strain", "", PS_SCALE_LINEAR);
  ps_chart_set_axis (chart, PS_AXIS_Y, "Stress", "Pa", PS_SCALE_LINEAR);
  id = ps_chart_add_series (chart, "points", PS_SERIES_POINTS, x, y, n);
  ps_chart_series_set_color (chart, id, RED);
  ps_chart_set_legend (chart, PS_LEGEND_NONE);
  s = render_checked (chart, "scatter-density", &a);
  assert_data_inside (s, a, RED, 500);
  {
    double px, py;

    /* Drawn lighter than the dense cloud, but red: (255, ≤ 110, ≤ 110). */
    PsColor light = { 1, 0.2, 0.2, 1 };

    ps_chart_to_device (chart, 0.95, 0.05, &px, &py);
    g_assert_cmpuint (count_near (s, light, 52, px, py), >, 0);
  }
  cairo_surface_destroy (s);
}

static void
test_render_line_decimated_peak (void)
{
  g_autoptr (PsChart) chart = ps_chart_new (PS_CHART_XY);
  const gsize n = 1000000;
  g_autofree double *x = g_new (double, n);
  g_autofree double *y = g_new (double, n);
  cairo_surface_t *s;
  Area a;
  int id;
  double px, py, bx, by;

  for (gsize i = 0; i < n; i++)
    {
      x[i] = (double)i;
      y[i] = 0.1 * sin (i * 2e-5);
    }
  y[654321] = 1.0; /* a one-sample peak, 1 in 10⁶ */
  ps_chart_set_axis (chart, PS_AXIS_X, "Sample", "", PS_SCALE_LINEAR);
  ps_chart_set_axis (chart, PS_AXIS_Y, "Signal", "", PS_SCALE_LINEAR);
  id = ps_chart_add_series (chart, "signal", PS_SERIES_LINE, x, y, n);
  ps_chart_series_set_color (chart, id, RED);
  s = render_checked (chart, "line-peak", &a);
  assert_data_inside (s, a, RED, 300);
  /* Red reaches the top of the peak in its column; nothing of the sine is that high. */
  ps_chart_to_device (chart, 654321, 1.0, &px, &py);
  ps_chart_to_device (chart, 654321, 0.2, &bx, &by);
  g_assert_cmpuint (count_near (s, RED, 60, px, py), >, 0);
  g_assert_cmpuint (count_color (s, RED, 60, a.x0 + 2, a.y0, a.x1 - 2, (int)by), <,
                    3 * (by - py) + 20);
  cairo_surface_destroy (s);
}

static void
test_render_histogram (void)
{
  g_autoptr (PsChart) chart = ps_chart_new (PS_CHART_XY);
  const gsize n = 20000;
  g_autofree double *v = g_new (double, n);
  double dx[101], dy[101];
  GRand *rand = g_rand_new_with_seed (3);
  cairo_surface_t *s;
  Area a;
  int hist, dens;
  PsColor blue = { 0, 0, 1, 1 };

  for (gsize i = 0; i < n; i++)
    {
      /* Box–Muller normal, mean 200e9, sd 10e9 (Pa). */
      double u1 = g_rand_double (rand), u2 = g_rand_double (rand);

      v[i] = 200e9 + 10e9 * sqrt (-2 * log (1 - u1)) * cos (2 * G_PI * u2);
    }
  g_rand_free (rand);
  for (int k = 0; k <= 100; k++)
    {
      dx[k] = 160e9 + 80e9 * k / 100;
      dy[k] = exp (-0.5 * pow ((dx[k] - 200e9) / 10e9, 2)) / (10e9 * sqrt (2 * G_PI));
    }
  ps_chart_set_axis (chart, PS_AXIS_X, "E", "Pa", PS_SCALE_LINEAR);
  ps_chart_set_axis (chart, PS_AXIS_Y, "Density", "", PS_SCALE_LINEAR);
  hist = ps_chart_add_histogram (chart, "specimens", v, n, 0, NAN, NAN, TRUE);
  ps_chart_series_set_color (chart, hist, blue);
  dens = ps_chart_add_series (chart, "normal fit", PS_SERIES_LINE, dx, dy, 101);
  ps_chart_series_set_color (chart, dens, RED);
  ps_chart_set_legend (chart, PS_LEGEND_NONE);
  s = render_checked (chart, "histogram", &a);
  assert_data_inside (s, a, RED, 100);
  /* The bars (blue at 45 % over white) fill a good part of the plot area. */
  {
    PsColor bar = { 1 - 0.45, 1 - 0.45, 1, 1 };

    g_assert_cmpuint (count_color (s, bar, 30, a.x0, a.y0, a.x1, a.y1), >,
                      (guint)((a.x1 - a.x0) * (a.y1 - a.y0) / 20));
  }
  cairo_surface_destroy (s);
}

static void
test_render_heatmap (void)
{
  g_autoptr (PsChart) chart = ps_chart_new (PS_CHART_HEATMAP);
  double x[12], y[8], v[96];
  cairo_surface_t *s;
  Area a;

  for (int i = 0; i < 12; i++)
    x[i] = 2 + i;
  for (int j = 0; j < 8; j++)
    y[j] = 0.2 + 0.1 * j;
  for (int j = 0; j < 8; j++)
    for (int i = 0; i < 12; i++)
      v[j * 12 + i] = x[i] * x[i] / (y[j] * y[j] * 50);
  ps_chart_set_title (chart, "Utilisation");
  ps_chart_set_axis (chart, PS_AXIS_X, "Span", "m", PS_SCALE_LINEAR);
  ps_chart_set_axis (chart, PS_AXIS_Y, "Depth h", "m", PS_SCALE_LINEAR);
  ps_chart_set_heatmap (chart, x, 12, y, 8, v, "Utilisation", "");
  s = render_checked (chart, "heatmap", &a);
  {
    PsColor lo = ps_color_viridis (0), hi = ps_color_viridis (1);

    /* The smallest value (short span, deep section) is dark purple, the largest
     * (long span, shallow) yellow, each in its own cell. */
    g_assert_true (near_color_at (s, chart, 2, 0.9, lo, 8));
    g_assert_true (near_color_at (s, chart, 13, 0.2, hi, 8));
    /* The colour bar right of the plot area holds both ends of the map. */
    g_assert_cmpuint (count_color (s, hi, 10, a.x1 + 2, a.y0, W, a.y0 + 10), >, 5);
    g_assert_cmpuint (count_color (s, lo, 10, a.x1 + 2, a.y1 - 10, W, a.y1), >, 5);
  }
  {
    PsChartPick pick;
    double px, py;

    ps_chart_to_device (chart, 7, 0.5, &px, &py);
    g_assert_true (ps_chart_pick (chart, px, py, 1, &pick));
    g_assert_cmpint (pick.series, ==, -1);
    g_assert_cmpuint (pick.index, ==, 3 * 12 + 5);
    g_assert_cmpfloat (pick.value, ==, v[3 * 12 + 5]);
  }
  cairo_surface_destroy (s);
}

/* More cells than pixels: drawn pixel by pixel, each pixel the cell under it. */
static void
test_render_heatmap_dense (void)
{
  g_autoptr (PsChart) chart = ps_chart_new (PS_CHART_HEATMAP);
  const gsize nx = 600, ny = 500;
  g_autofree double *x = g_new (double, nx);
  g_autofree double *y = g_new (double, ny);
  g_autofree double *v = g_new (double, nx *ny);
  cairo_surface_t *s;
  Area a;

  for (gsize i = 0; i < nx; i++)
    x[i] = 1.0 + i;
  for (gsize j = 0; j < ny; j++)
    y[j] = 0.01 * j;
  /* Value = x: the left edge is the lowest (dark purple), the right the highest. */
  for (gsize j = 0; j < ny; j++)
    for (gsize i = 0; i < nx; i++)
      v[j * nx + i] = x[i];
  ps_chart_set_axis (chart, PS_AXIS_X, "Span", "m", PS_SCALE_LINEAR);
  ps_chart_set_axis (chart, PS_AXIS_Y, "h", "m", PS_SCALE_LINEAR);
  ps_chart_set_heatmap (chart, x, nx, y, ny, v, "Value", "");
  s = render_checked (chart, "heatmap-dense", &a);
  /* Away from the frame: values 10 and 590 are 9/599 and 589/599 along the map. */
  g_assert_true (near_color_at (s, chart, 10, 2.5, ps_color_viridis (9.0 / 599), 8));
  g_assert_true (near_color_at (s, chart, 590, 2.5, ps_color_viridis (589.0 / 599), 8));
  /* Halfway along x: viridis at 0.5 (value 300.5 of 1..600). */
  g_assert_true (near_color_at (s, chart, 300.5, 2.5, ps_color_viridis (0.5), 10));
  cairo_surface_destroy (s);
}

static void
test_legend_avoids_data (void)
{
  g_autoptr (PsChart) chart = ps_chart_new (PS_CHART_XY);
  double x[100], y[100];
  cairo_surface_t *s;
  Area a;
  int id;
  PsColor green = { 0, 0.6, 0, 1 };
  guint tl, tr;

  /* A rising curve fills the top right and bottom left: the legend goes top left
   * or bottom right. We look for the legend's frame-grey box. */
  for (int i = 0; i < 100; i++)
    {
      x[i] = i;
      y[i] = i * i;
    }
  ps_chart_set_axis (chart, PS_AXIS_X, "x", "", PS_SCALE_LINEAR);
  ps_chart_set_axis (chart, PS_AXIS_Y, "y", "", PS_SCALE_LINEAR);
  id = ps_chart_add_series (chart, "rising", PS_SERIES_LINE, x, y, 100);
  ps_chart_series_set_color (chart, id, green);
  s = render (chart, "legend");
  a = plot_area (chart);
  /* The legend swatch (green) appears in the top-left quarter, where the curve
   * (which stays near the bottom for small x) is not. */
  tl = count_color (s, green, 40, a.x0, a.y0, (a.x0 + a.x1) / 2, (a.y0 + a.y1) / 4);
  tr = count_color (s, green, 40, (a.x0 + a.x1) / 2 + (a.x1 - a.x0) / 4, a.y0, a.x1,
                    (a.y0 + a.y1) / 4);
  g_assert_cmpuint (tl, >, 10);
  (void)tr;
  cairo_surface_destroy (s);
}

static void
test_write_files (void)
{
  g_autoptr (PsChart) chart = ps_chart_new (PS_CHART_XY);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ps-plot-XXXXXX", NULL);
  double x[3] = { 1, 2, 3 }, y[3] = { 1, 4, 9 };
  const char *exts[] = { "png", "svg", "pdf" };
  const char *magic[] = { "\x89PNG", "<?xml", "%PDF" };

  ps_chart_add_series (chart, "a", PS_SERIES_LINE, x, y, 3);
  for (int k = 0; k < 3; k++)
    {
      g_autofree char *name = g_strdup_printf ("chart.%s", exts[k]);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *data = NULL;
      gsize len;

      g_assert_true (ps_chart_write (chart, path, 640, 400, 96, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &data, &len, NULL));
      g_assert_cmpuint (len, >, 200);
      g_assert_true (memcmp (data, magic[k], strlen (magic[k])) == 0);
      g_unlink (path);
    }
  /* A PNG at 192 dpi has the pixel size asked for. */
  {
    g_autofree char *path = g_build_filename (dir, "hi.png", NULL);
    cairo_surface_t *s;

    g_assert_true (ps_chart_write (chart, path, 800, 500, 192, &error));
    s = cairo_image_surface_create_from_png (path);
    g_assert_cmpint (cairo_image_surface_get_width (s), ==, 800);
    g_assert_cmpint (cairo_image_surface_get_height (s), ==, 500);
    cairo_surface_destroy (s);
    g_unlink (path);
  }
  /* Bad paths: an error, and no file left. */
  {
    g_autofree char *bad = g_build_filename (dir, "no-such-dir", "c.png", NULL);
    g_autofree char *ext = g_build_filename (dir, "c.jpg", NULL);

    g_assert_false (ps_chart_write (chart, bad, 640, 400, 96, &error));
    g_assert_error (error, PS_ERROR, PS_ERROR_IO);
    g_assert_nonnull (strstr (error->message, "no-such-dir"));
    g_clear_error (&error);
    g_assert_false (ps_chart_write (chart, ext, 640, 400, 96, &error));
    g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (g_file_test (ext, G_FILE_TEST_EXISTS));
    g_assert_false (ps_chart_write (chart, ext, 0, 400, 96, &error));
    g_clear_error (&error);
  }
  /* Nothing else was left in the folder (no temporary files). */
  {
    GDir *d = g_dir_open (dir, 0, NULL);

    g_assert_null (g_dir_read_name (d));
    g_dir_close (d);
  }
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plot/ticks/table", test_ticks_table);
  g_test_add_func ("/plot/ticks/properties", test_ticks_properties);
  g_test_add_func ("/plot/ticks/log", test_ticks_log);
  g_test_add_func ("/plot/axis/si-prefix", test_si_prefix);
  g_test_add_func ("/plot/axis/format-tick", test_format_tick);
  g_test_add_func ("/plot/color/viridis", test_viridis);
  g_test_add_func ("/plot/decimate/min-max-per-column", test_decimate);
  g_test_add_func ("/plot/render/line", test_render_line);
  g_test_add_func ("/plot/render/log-log", test_render_log);
  g_test_add_func ("/plot/render/scatter-density", test_render_scatter_density);
  g_test_add_func ("/plot/render/line-decimated-peak", test_render_line_decimated_peak);
  g_test_add_func ("/plot/render/histogram", test_render_histogram);
  g_test_add_func ("/plot/render/heatmap", test_render_heatmap);
  g_test_add_func ("/plot/render/heatmap-dense", test_render_heatmap_dense);
  g_test_add_func ("/plot/render/legend-avoids-data", test_legend_avoids_data);
  g_test_add_func ("/plot/write/files", test_write_files);
  return g_test_run ();
}
