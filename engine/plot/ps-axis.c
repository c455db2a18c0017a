/* ps-axis.c: tick values, SI prefixes, tick labels, colours and line decimation.
 *
 * These are the pieces of a chart that have right answers independent of drawing,
 * so they are plain functions the tests can check against a table.
 */
#define G_LOG_DOMAIN "parastudy-plot"
#include "config.h"

#include <math.h>
#include <string.h>

#include "plot/ps-plot.h"

/* The step 1, 2 or 5 × 10^k nearest above @raw. */
static double
nice_step (double raw)
{
  double mag = pow (10.0, floor (log10 (raw)));
  double f = raw / mag;

  if (f <= 1.0 + 1e-9)
    return mag;
  if (f <= 2.0 + 1e-9)
    return 2.0 * mag;
  if (f <= 5.0 + 1e-9)
    return 5.0 * mag;
  return 10.0 * mag;
}

guint
ps_ticks_linear (double lo, double hi, guint target, double *out, guint max, double *step_out)
{
  double step, first;
  guint n = 0;

  if (step_out != NULL)
    *step_out = NAN;
  if (!isfinite (lo) || !isfinite (hi) || max == 0)
    return 0;
  if (lo > hi)
    {
      double t = lo;
      lo = hi;
      hi = t;
    }
  /* A zero-width range (one value) is widened by 10 % of its magnitude, or by
   * one either side of zero. Ranges narrower than the resolution of a double at
   * their magnitude are treated the same way. */
  if (hi - lo <= fabs (hi) * 1e-12 || hi - lo < 1e-300)
    {
      double d = lo == 0.0 ? 1.0 : fabs (lo) * 0.1;

      lo -= d;
      hi += d;
    }
  if (target < 2)
    target = 2;
  step = nice_step ((hi - lo) / (double)(target - 1));
  if (!isfinite (step) || step <= 0.0)
    return 0;
  /* A coarse step can leave fewer than two multiples inside the range (51..459
   * with a step of 500): take the next finer 1-2-5 step until there are two. */
  for (int tries = 0; tries < 4; tries++)
    {
      n = 0;
      first = ceil (lo / step - 1e-9) * step;
      for (double k = 0;; k++)
        {
          double v = first + k * step;

          if (v > hi + step * 1e-9 || n >= max)
            break;
          if (fabs (v) < step * 1e-9)
            v = 0.0;
          out[n++] = v;
        }
      if (n >= 2 || n >= max)
        break;
      {
        double mag = pow (10.0, floor (log10 (step) + 1e-9));
        double f = step / mag;

        step = f > 4.5 ? 2 * mag : f > 1.5 ? mag : 0.5 * mag;
      }
    }
  if (step_out != NULL)
    *step_out = step;
  return n;
}

guint
ps_ticks_log (double lo, double hi, double *out, guint max)
{
  int d0, d1, every = 1;
  guint n = 0;
  static const double mult[] = { 1.0, 2.0, 5.0 };
  gboolean sub;

  if (!(lo > 0.0) || !(hi > 0.0) || !isfinite (lo) || !isfinite (hi) || max == 0)
    return 0;
  if (lo > hi)
    {
      double t = lo;
      lo = hi;
      hi = t;
    }
  d0 = (int)floor (log10 (lo) + 1e-12);
  d1 = (int)ceil (log10 (hi) - 1e-12);
  while ((d1 - d0) / every > 10)
    every++;
  /* With few decades the 2 and 5 between them are ticks too. */
  sub = d1 - d0 <= 3;
  for (int d = d0; d <= d1 && n < max; d++)
    {
      if (!sub && (d % every) != 0)
        continue;
      for (guint m = 0; m < (sub ? 3u : 1u) && n < max; m++)
        {
          double v = mult[m] * pow (10.0, d);

          if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9))
            out[n++] = v;
        }
    }
  /* A range inside one decade without a 1-2-5 value in it: linear ticks. */
  if (n < 2)
    {
      double step;

      return ps_ticks_linear (lo, hi, 4, out, max, &step);
    }
  return n;
}

/* Units that take an SI prefix on their first symbol. A unit with a power
 * ("m^4") or one that starts with a prefixed unit ("kg/m") would change meaning. */
static gboolean
unit_takes_prefix (const char *unit)
{
  static const char *const ok[] = { "m", "N", "Pa", "s", "N*m", "N·m", "N/m", "Hz", "W", "J", "B" };

  if (unit == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    if (g_str_equal (unit, ok[i]))
      return TRUE;
  return FALSE;
}

double
ps_si_prefix (double mag, const char *unit, const char **prefix)
{
  static const char *const names[] = { "p", "n", "µ", "m", "", "k", "M", "G", "T" };
  int e3;

  *prefix = "";
  if (!unit_takes_prefix (unit) || !(mag > 0.0) || !isfinite (mag))
    return 1.0;
  e3 = (int)floor (log10 (mag) / 3.0 + 1e-9);
  /* Seconds are not shown in ks or Ms; lengths not in km for a structure. */
  if (g_str_equal (unit, "s") && e3 > 0)
    e3 = 0;
  if (g_str_equal (unit, "m") && e3 > 0)
    e3 = 0;
  e3 = CLAMP (e3, -4, 4);
  *prefix = names[e3 + 4];
  return pow (10.0, 3 * e3);
}

char *
ps_format_tick (double value, double step)
{
  int decimals = 0;

  if (!isfinite (value))
    return g_strdup ("");
  if (isfinite (step) && step > 0.0)
    decimals = MAX (0, (int)-floor (log10 (step) + 1e-9));
  decimals = MIN (decimals, 12);
  if (fabs (value) < step * 1e-6)
    value = 0.0;
  /* Very large or very small numbers without a prefix: exponent notation. */
  if (value != 0.0 && (fabs (value) >= 1e7 || (decimals > 6)))
    return g_strdup_printf ("%.3g", value);
  return g_strdup_printf ("%.*f", decimals, value);
}

PsColor
ps_color_viridis (double t)
{
  /* viridis at t = i / 9 (van der Walt and Smith, matplotlib 2.0; the stops of
   * R's viridisLite::viridis(10)), interpolated linearly in sRGB. */
  static const guint32 stops[] = { 0x440154, 0x482878, 0x3e4a89, 0x31688e, 0x26828e,
                                   0x1f9e89, 0x35b779, 0x6dcd59, 0xb4de2c, 0xfde725 };
  const guint n = G_N_ELEMENTS (stops);
  double f;
  guint i;
  PsColor c;

  if (!isfinite (t))
    t = 0.0;
  t = CLAMP (t, 0.0, 1.0);
  f = t * (n - 1);
  i = MIN ((guint)f, n - 2);
  f -= i;
  c.r = ((1 - f) * ((stops[i] >> 16) & 0xff) + f * ((stops[i + 1] >> 16) & 0xff)) / 255.0;
  c.g = ((1 - f) * ((stops[i] >> 8) & 0xff) + f * ((stops[i + 1] >> 8) & 0xff)) / 255.0;
  c.b = ((1 - f) * (stops[i] & 0xff) + f * (stops[i + 1] & 0xff)) / 255.0;
  c.a = 1.0;
  return c;
}

PsColor
ps_color_palette (guint index)
{
  /* Okabe and Ito (2008), "Color Universal Design", without the yellow that
   * disappears on white. */
  static const guint32 pal[]
      = { 0x0072b2, 0xd55e00, 0x009e73, 0xcc79a7, 0xe69f00, 0x56b4e9, 0x000000 };
  guint32 v = pal[index % G_N_ELEMENTS (pal)];
  PsColor c = { ((v >> 16) & 0xff) / 255.0, ((v >> 8) & 0xff) / 255.0, (v & 0xff) / 255.0, 1.0 };

  return c;
}

/* Shared with ps-plot.c: decimation where column = floor((t(x) - t0) * scale) and
 * t is the axis transform (identity or log10). */
gsize ps_decimate_minmax_t (const double *x, const double *y, gsize n, double t0, double t1,
                            gboolean log_x, guint columns, double *out_x, double *out_y);

/* The first index in [lo, n) with x[i] >= v (x ascending). */
static gsize
lower_bound (const double *x, gsize lo, gsize n, double v)
{
  gsize hi = n;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (x[mid] < v)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The pixel columns' x limits are computed once per column in data space, so the
 * loop over the points is a comparison and a min/max: about a nanosecond a point.
 * x must be ascending (and not NaN); a NaN y is never a column's extreme. */
gsize
ps_decimate_minmax_t (const double *x, const double *y, gsize n, double t0, double t1,
                      gboolean log_x, guint columns, double *out_x, double *out_y)
{
  gsize m = 0, i;
  double x0, x1;

  if (n == 0 || columns == 0 || !(t1 > t0))
    return 0;
  x0 = log_x ? pow (10.0, t0) : t0;
  x1 = log_x ? pow (10.0, t1) : t1;
  i = lower_bound (x, 0, n, x0);
  /* The last point before the range joins the line to the left edge. */
  if (i > 0)
    {
      out_x[m] = x[i - 1];
      out_y[m++] = y[i - 1];
    }
  for (guint col = 0; col < columns && i < n && x[i] <= x1; col++)
    {
      double tl = t0 + (t1 - t0) * (col + 1) / columns;
      double limit = col + 1 == columns ? x1 : log_x ? pow (10.0, tl) : tl;
      gsize first = i, imin = i, imax = i, last;
      double mn = y[i], mx = y[i];

      if (col + 1 == columns)
        for (; i < n && x[i] <= limit; i++)
          {
            double v = y[i];

            if (v < mn || mn != mn)
              mn = v, imin = i;
            if (v > mx || mx != mx)
              mx = v, imax = i;
          }
      else
        for (; i < n && x[i] < limit; i++)
          {
            double v = y[i];

            if (v < mn || mn != mn)
              mn = v, imin = i;
            if (v > mx || mx != mx)
              mx = v, imax = i;
          }
      if (i == first)
        continue; /* an empty column */
      last = i - 1;
      /* First, then the extremes in the order they occurred, then last. */
      out_x[m] = x[first];
      out_y[m++] = y[first];
      {
        gsize a = MIN (imin, imax), b = MAX (imin, imax);

        if (a != first)
          {
            out_x[m] = x[a];
            out_y[m++] = y[a];
          }
        if (b != a && b != first)
          {
            out_x[m] = x[b];
            out_y[m++] = y[b];
          }
        if (last != b && last != first)
          {
            out_x[m] = x[last];
            out_y[m++] = y[last];
          }
      }
    }
  /* The first point after the range joins the line to the right edge. */
  i = lower_bound (x, i, n, x1);
  while (i < n && x[i] <= x1)
    i++;
  if (i < n)
    {
      out_x[m] = x[i];
      out_y[m++] = y[i];
    }
  return m;
}

gsize
ps_decimate_minmax (const double *x, const double *y, gsize n, double x0, double x1, guint columns,
                    double *out_x, double *out_y)
{
  return ps_decimate_minmax_t (x, y, n, x0, x1, FALSE, columns, out_x, out_y);
}
