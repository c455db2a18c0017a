#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ps-stats.h"

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

double
ps_stats_normal_upper (double z)
{
  return 0.5 * erfc (z / G_SQRT2);
}

/* Linear interpolation between order statistics, Hyndman & Fan (1996) type 7 (R's
 * default, numpy's "linear"). */
static double
quantile_sorted (const double *x, guint n, double q)
{
  double h = (double)(n - 1) * q;
  guint i = (guint)floor (h);

  if (i + 1 >= n)
    return x[n - 1];
  return x[i] + (h - (double)i) * (x[i + 1] - x[i]);
}

gboolean
ps_stats_median_interval (const double *sorted, guint n, double level, double *lo, double *hi)
{
  double alpha = (1.0 - level) / 2.0, cdf = 0.0, term;
  guint k = 0;

  *lo = *hi = NAN;
  if (n == 0)
    return FALSE;
  /* cdf = P(B <= j) for B ~ Binomial(n, 1/2), accumulated term by term:
   * C(n, j) / 2^n, with C(n, j + 1) = C(n, j) (n - j) / (j + 1). */
  term = pow (0.5, (double)n);
  for (guint j = 0; j < n; j++)
    {
      cdf += term;
      if (cdf > alpha)
        break;
      k = j + 1; /* P(B <= k - 1) <= alpha */
      term = term * (double)(n - j) / (double)(j + 1);
    }
  if (k < 1 || k > n - k + 1)
    return FALSE;
  *lo = sorted[k - 1];
  *hi = sorted[n - k];
  return TRUE;
}

void
ps_stats_describe (const double *samples, guint n, PsSampleStats *s)
{
  g_autofree double *x = NULL;
  double sum = 0.0, ss = 0.0, iqr;

  memset (s, 0, sizeof *s);
  s->n = n;
  s->mean = s->sd = s->min = s->max = s->median = NAN;
  s->median_lo = s->median_hi = s->q1 = s->q3 = NAN;
  if (n == 0)
    return;
  x = g_memdup2 (samples, n * sizeof *x);
  qsort (x, n, sizeof *x, compare_doubles);
  for (guint i = 0; i < n; i++)
    sum += x[i];
  s->mean = sum / (double)n;
  for (guint i = 0; i < n; i++)
    ss += (x[i] - s->mean) * (x[i] - s->mean);
  s->sd = n > 1 ? sqrt (ss / (double)(n - 1)) : NAN;
  s->min = x[0];
  s->max = x[n - 1];
  s->median = n % 2 ? x[n / 2] : 0.5 * (x[n / 2 - 1] + x[n / 2]);
  ps_stats_median_interval (x, n, 0.95, &s->median_lo, &s->median_hi);
  s->q1 = quantile_sorted (x, n, 0.25);
  s->q3 = quantile_sorted (x, n, 0.75);
  iqr = s->q3 - s->q1;
  if (n >= 4)
    for (guint i = 0; i < n; i++)
      if (x[i] < s->q1 - 1.5 * iqr || x[i] > s->q3 + 1.5 * iqr)
        s->outliers++;
}

#define EXACT_MAX 20

/* The number of arrangements of @m values of one sample and @n of the other with
 * statistic U = u, for every u, by the recursion f(u; m, n) = f(u - n; m - 1, n) +
 * f(u; m, n - 1) (Mann & Whitney 1947). Counts below C(40, 20) are exact in a double. */
static void
mann_whitney_counts (guint m, guint n, double *out /* m n + 1 */)
{
  static const guint W = EXACT_MAX + 1, U = EXACT_MAX * EXACT_MAX + 1;
  g_autofree double *f = g_new0 (double, (gsize)W *W *U);

#define F(i, j, u) f[(((gsize)(i)*W) + (j)) * U + (u)]
  for (guint i = 0; i <= m; i++)
    for (guint j = 0; j <= n; j++)
      for (guint u = 0; u <= i * j; u++)
        {
          if (i == 0 || j == 0)
            F (i, j, u) = u == 0 ? 1.0 : 0.0;
          else
            F (i, j, u) = (u >= j ? F (i - 1, j, u - j) : 0.0) + F (i, j - 1, u);
        }
  for (guint u = 0; u <= m * n; u++)
    out[u] = F (m, n, u);
#undef F
}

void
ps_stats_mann_whitney (const double *a, guint na, const double *b, guint nb, double *u_out,
                       double *p_out)
{
  double u = 0.0, mu, var, tie_sum = 0.0, z;
  gboolean ties = FALSE;
  guint N = na + nb;
  g_autofree double *all = NULL;

  *u_out = *p_out = NAN;
  if (na == 0 || nb == 0)
    return;
  for (guint i = 0; i < na; i++)
    for (guint j = 0; j < nb; j++)
      {
        if (a[i] > b[j])
          u += 1.0;
        else if (a[i] == b[j])
          {
            u += 0.5;
            ties = TRUE;
          }
      }
  *u_out = u;
  if (!ties && na <= EXACT_MAX && nb <= EXACT_MAX)
    {
      g_autofree double *count = g_new (double, na *nb + 1);
      double total = 0.0, below = 0.0, above = 0.0;
      guint ui = (guint)u;

      mann_whitney_counts (na, nb, count);
      for (guint k = 0; k <= na * nb; k++)
        {
          total += count[k];
          if (k <= ui)
            below += count[k];
          if (k >= ui)
            above += count[k];
        }
      *p_out = MIN (1.0, 2.0 * MIN (below, above) / total);
      return;
    }
  /* Normal approximation; the variance corrected for ties (e.g. Hollander & Wolfe,
   * Nonparametric Statistical Methods, 2nd ed., 4.1). */
  all = g_new (double, N);
  memcpy (all, a, na * sizeof *all);
  memcpy (all + na, b, nb * sizeof *all);
  qsort (all, N, sizeof *all, compare_doubles);
  for (guint i = 0; i < N;)
    {
      guint j = i;

      while (j < N && all[j] == all[i])
        j++;
      tie_sum += pow ((double)(j - i), 3.0) - (double)(j - i);
      i = j;
    }
  mu = (double)na * (double)nb / 2.0;
  var = (double)na * (double)nb / 12.0
        * ((double)(N + 1) - tie_sum / ((double)N * (double)(N - 1)));
  if (!(var > 0.0))
    {
      *p_out = 1.0;
      return;
    }
  z = (fabs (u - mu) - 0.5) / sqrt (var);
  *p_out = MIN (1.0, 2.0 * ps_stats_normal_upper (MAX (z, 0.0)));
}
