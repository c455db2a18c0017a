/* ps-stats.h: the statistics of repeated timings.
 *
 * Distribution-free where it can be: the interval of a median comes from order
 * statistics (the binomial distribution of the number of samples below the median),
 * outliers from Tukey's fences (1.5 IQR beyond the quartiles), and the comparison of
 * two sets of timings from the Mann-Whitney U test (exact for small samples without
 * ties, the normal approximation with tie and continuity corrections otherwise), as
 * Google Benchmark's compare.py does with SciPy.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint n;
  double mean, sd; /* sd: sample standard deviation (n - 1); NAN for n < 2 */
  double min, max;
  double median;
  double median_lo, median_hi; /* 95 % interval of the median; NAN when n < 6 */
  double q1, q3;               /* quartiles (linear interpolation, Hyndman-Fan type 7) */
  guint outliers;              /* samples beyond 1.5 IQR from the quartiles */
} PsSampleStats;

/* Statistics of @n samples (not modified). */
void ps_stats_describe (const double *samples, guint n, PsSampleStats *stats);

/* The distribution-free interval of the median of @n sorted samples at @level
 * (0.95): [x(k), x(n-k+1)] (1-based) for the largest k with P(B <= k - 1) <= (1 -
 * level) / 2, B ~ Binomial(n, 1/2) (e.g. Conover, Practical Nonparametric
 * Statistics, 3rd ed., 3.2). FALSE when n is too small for that level (n < 6 at 95 %). */
gboolean ps_stats_median_interval (const double *sorted, guint n, double level, double *lo,
                                   double *hi);

/* Two-sided Mann-Whitney U test of @a against @b: U of @a (the number of pairs with
 * a > b, ties counted one half) and the p-value. Exact when both samples have at most
 * 20 values and there are no ties, else the normal approximation with the tie
 * correction of the variance and a continuity correction. */
void ps_stats_mann_whitney (const double *a, guint na, const double *b, guint nb, double *u,
                            double *p);

/* The standard normal upper tail Q(z) = 1 - Phi(z). */
double ps_stats_normal_upper (double z);

G_END_DECLS
