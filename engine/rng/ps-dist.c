#define G_LOG_DOMAIN "parastudy"
#include "config.h"

/* The transforms are branch-free selects between values that are all computed; GCC
 * turns such selects into vector blends only if it may compute both sides, which
 * floating-point traps forbid by default. Nothing here reads the exception flags,
 * and the values are the same either way (the tests compare with the scalar code). */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-trapping-math")
#endif

#include <float.h>
#include <glib/gi18n-lib.h>
#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>

#include "ps-dist.h"

#define EULER_GAMMA 0.57721566490153286060651209008240243

/* Samples are transformed in chunks that fit in the first-level cache. */
#define CHUNK 256

static const char *const kind_names[] = {
  [PS_DIST_NORMAL] = "normal",
  [PS_DIST_LOGNORMAL] = "lognormal",
  [PS_DIST_GUMBEL] = "gumbel",
  [PS_DIST_UNIFORM] = "uniform",
  [PS_DIST_WEIBULL] = "weibull",
  [PS_DIST_EXPONENTIAL] = "exponential",
  [PS_DIST_TRUNCATED_NORMAL] = "truncated-normal",
  [PS_DIST_BETA] = "beta",
  [PS_DIST_GAMMA] = "gamma",
  [PS_DIST_GUMBEL_MIN] = "gumbel-min",
  [PS_DIST_FRECHET] = "frechet",
  [PS_DIST_TRIANGULAR] = "triangular",
  [PS_DIST_LOGNORMAL3] = "lognormal",
};

const char *
ps_dist_kind_name (int kind)
{
  if (kind <= PS_DIST_NONE || kind >= PS_DIST_N_KINDS)
    return NULL;
  return kind_names[kind];
}

/* ---- set-up and validation ---------------------------------------------------- */

static gboolean fail (char **error_message, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (char **error_message, const char *format, ...)
{
  va_list args;

  if (error_message != NULL)
    {
      va_start (args, format);
      *error_message = g_strdup_vprintf (format, args);
      va_end (args);
    }
  return FALSE;
}

/* Rejects a parameter that this distribution does not take, and non-finite values. */
static gboolean
check_given (const char *name, const PsDistParams *g, guint allowed, char **error_message)
{
  struct
  {
    guint bit;
    const char *key;
    gboolean has;
    double value;
  } fields[] = {
    { 1, "mean", g->has_mean, g->mean },     { 2, "sd", g->has_sd, g->sd },
    { 4, "lower", g->has_lower, g->lower },  { 8, "upper", g->has_upper, g->upper },
    { 16, "shape", g->has_shape, g->shape }, { 32, "scale", g->has_scale, g->scale },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (!fields[i].has)
        continue;
      if ((allowed & fields[i].bit) == 0)
        return fail (error_message, _ ("%s: '%s' is not a parameter of this distribution"), name,
                     fields[i].key);
      if (!isfinite (fields[i].value))
        return fail (error_message, _ ("%s: '%s' must be a finite number"), name, fields[i].key);
    }
  return TRUE;
}

static gboolean
need (const char *name, gboolean has, const char *key, char **error_message)
{
  if (!has)
    return fail (error_message, _ ("%s: '%s' is required"), name, key);
  return TRUE;
}

static gboolean
positive (const char *name, double value, const char *key, char **error_message)
{
  if (!(value > 0.0))
    return fail (error_message, _ ("%s: '%s' must be positive (got %g)"), name, key, value);
  return TRUE;
}

/* ln(Gamma(1 + 2/k)) - 2 ln(Gamma(1 + 1/k)) = ln(1 + cov^2) for a Weibull shape k. */
static double
weibull_log_cov2 (double k)
{
  return gsl_sf_lngamma (1.0 + 2.0 / k) - 2.0 * gsl_sf_lngamma (1.0 + 1.0 / k);
}

static gboolean
weibull_shape_from_cov (double cov, double *k, char **error_message)
{
  const double kmin = 0.02, kmax = 1e5;
  double target = log1p (cov * cov);
  double lo = log (kmin), hi = log (kmax);

  /* ln(1 + cov^2) falls monotonically as k grows. */
  if (!(target <= weibull_log_cov2 (kmin) && target >= weibull_log_cov2 (kmax)))
    return fail (error_message,
                 _ ("weibull: sd/mean = %g is outside the range of a Weibull distribution with "
                    "shape between %g and %g"),
                 cov, kmin, kmax);
  for (int it = 0; it < 200 && hi - lo > 1e-15 * fabs (hi); it++)
    {
      double mid = 0.5 * (lo + hi);

      if (weibull_log_cov2 (exp (mid)) > target)
        lo = mid;
      else
        hi = mid;
    }
  *k = exp (0.5 * (lo + hi));
  return TRUE;
}

/* The value the truncated normal gives at the clamped ends of its z range. */
static double
truncated_end (const PsDist *d, double p)
{
  return d->p[0] + d->p[1] * ps_dist_normal_quantile (p);
}

static gboolean
truncated_init (PsDist *d, const char *name, const PsDistParams *g, char **error_message)
{
  double mu = g->mean, sigma = g->sd;
  double lower = g->has_lower ? g->lower : -INFINITY;
  double upper = g->has_upper ? g->upper : INFINITY;

  if (!g->has_lower && !g->has_upper)
    return fail (error_message, _ ("%s: 'lower' or 'upper' (or both) is required"), name);
  if (!(lower < upper))
    return fail (error_message, _ ("%s: 'lower' (%g) must be less than 'upper' (%g)"), name, lower,
                 upper);

  double alpha = (lower - mu) / sigma;
  double beta = (upper - mu) / sigma;
  /* Work in the lower tail, where Phi is small and exact to rounding. */
  gboolean mirror = alpha + beta > 0.0;
  double a = mirror ? -beta : alpha;
  double b = mirror ? -alpha : beta;
  double pa, pb, unused;

  ps_dist_normal_cdf_both (a, &pa, &unused);
  ps_dist_normal_cdf_both (b, &pb, &unused);
  if (!(pb - pa > 1e-300))
    return fail (error_message,
                 _ ("%s: the interval ['lower', 'upper'] = [%g, %g] has negligible probability "
                    "under the parent normal (%g standard deviations from the mean)"),
                 name, lower, upper, mirror ? alpha : -beta);

  d->kind = PS_DIST_TRUNCATED_NORMAL;
  d->p[0] = mu;
  d->p[1] = mirror ? -sigma : sigma;
  d->p[2] = pa;
  d->p[3] = pb - pa;

  /* Phi^-1(Phi(a)) is a only to rounding: move the ends inwards by a few ulps where
   * the clamped extremes would fall outside [lower, upper]. The map from z to x is
   * monotone, so every sample then lies inside. */
  for (int it = 0; it < 64; it++)
    {
      double x = truncated_end (d, d->p[2]);
      if (mirror ? x <= upper : x >= lower)
        break;
      double step = MAX (d->p[2] * DBL_EPSILON * (double)(1 << (it / 4)), DBL_TRUE_MIN);
      d->p[2] += step;
      d->p[3] -= step;
    }
  for (int it = 0; it < 64; it++)
    {
      double x = truncated_end (d, d->p[2] + d->p[3]);
      if (mirror ? x >= lower : x <= upper)
        break;
      d->p[3] -= MAX ((d->p[2] + d->p[3]) * DBL_EPSILON * (double)(1 << (it / 4)), DBL_TRUE_MIN);
    }
  double xa = truncated_end (d, d->p[2]), xb = truncated_end (d, d->p[2] + d->p[3]);
  if (!(d->p[3] > 0.0) || !(MIN (xa, xb) >= lower && MAX (xa, xb) <= upper))
    {
      d->kind = PS_DIST_NONE;
      return fail (error_message,
                   _ ("%s: the interval ['lower', 'upper'] = [%g, %g] is too narrow "
                      "to sample"),
                   name, lower, upper);
    }
  return TRUE;
}

gboolean
ps_dist_init (PsDist *d, const char *name, const PsDistParams *given, char **error_message)
{
  enum
  {
    MEAN = 1,
    SD = 2,
    LOWER = 4,
    UPPER = 8,
    SHAPE = 16,
    SCALE = 32
  };
  const PsDistParams none = { 0 };
  const PsDistParams *g = given != NULL ? given : &none;

  g_return_val_if_fail (d != NULL, FALSE);
  *d = (PsDist){ 0 };
  if (error_message != NULL)
    *error_message = NULL;
  if (name == NULL)
    return fail (error_message, _ ("the distribution is not given"));

  if (g_str_equal (name, "normal") || g_str_equal (name, "lognormal")
      || g_str_equal (name, "gumbel"))
    {
      if (!check_given (name, g, MEAN | SD, error_message)
          || !need (name, g->has_mean, "mean", error_message)
          || !need (name, g->has_sd, "sd", error_message)
          || !positive (name, g->sd, "sd", error_message))
        return FALSE;
      if (g_str_equal (name, "normal"))
        *d = (PsDist){ PS_DIST_NORMAL, { g->mean, g->sd, 0, 0 } };
      else if (g_str_equal (name, "lognormal"))
        {
          if (!positive (name, g->mean, "mean", error_message))
            return FALSE;
          double cov = g->sd / g->mean;
          double s2 = log1p (cov * cov);
          *d = (PsDist){ PS_DIST_LOGNORMAL, { log (g->mean) - 0.5 * s2, sqrt (s2), 0, 0 } };
        }
      else
        {
          double beta = g->sd * sqrt (6.0) / G_PI;
          *d = (PsDist){ PS_DIST_GUMBEL, { g->mean - EULER_GAMMA * beta, beta, 0, 0 } };
        }
      return TRUE;
    }

  if (g_str_equal (name, "uniform"))
    {
      double a, b;

      if (!check_given (name, g, MEAN | SD | LOWER | UPPER, error_message))
        return FALSE;
      if (g->has_lower || g->has_upper)
        {
          if (g->has_mean || g->has_sd)
            return fail (error_message,
                         _ ("%s: give either 'lower' and 'upper' or 'mean' and 'sd', not both"),
                         name);
          if (!need (name, g->has_lower, "lower", error_message)
              || !need (name, g->has_upper, "upper", error_message))
            return FALSE;
          a = g->lower;
          b = g->upper;
          if (!(a < b))
            return fail (error_message, _ ("%s: 'lower' (%g) must be less than 'upper' (%g)"), name,
                         a, b);
        }
      else
        {
          if (!need (name, g->has_mean, "mean", error_message)
              || !need (name, g->has_sd, "sd", error_message)
              || !positive (name, g->sd, "sd", error_message))
            return FALSE;
          a = g->mean - sqrt (3.0) * g->sd;
          b = g->mean + sqrt (3.0) * g->sd;
        }
      if (!isfinite (b - a))
        return fail (error_message, _ ("%s: the interval is too wide"), name);
      *d = (PsDist){ PS_DIST_UNIFORM, { a, b - a, b, 0 } };
      return TRUE;
    }

  if (g_str_equal (name, "weibull"))
    {
      double k = 0.0, lambda = 0.0;

      if (!check_given (name, g, MEAN | SD | SHAPE | SCALE, error_message))
        return FALSE;
      if (g->has_shape || g->has_scale)
        {
          if (g->has_mean || g->has_sd)
            return fail (error_message,
                         _ ("%s: give either 'shape' and 'scale' or 'mean' and 'sd', not both"),
                         name);
          if (!need (name, g->has_shape, "shape", error_message)
              || !need (name, g->has_scale, "scale", error_message)
              || !positive (name, g->shape, "shape", error_message)
              || !positive (name, g->scale, "scale", error_message))
            return FALSE;
          k = g->shape;
          lambda = g->scale;
        }
      else
        {
          if (!need (name, g->has_mean, "mean", error_message)
              || !need (name, g->has_sd, "sd", error_message)
              || !positive (name, g->mean, "mean", error_message)
              || !positive (name, g->sd, "sd", error_message)
              || !weibull_shape_from_cov (g->sd / g->mean, &k, error_message))
            return FALSE;
          lambda = g->mean / gsl_sf_gamma (1.0 + 1.0 / k);
        }
      *d = (PsDist){ PS_DIST_WEIBULL, { lambda, 1.0 / k, k, 0 } };
      return TRUE;
    }

  if (g_str_equal (name, "exponential"))
    {
      if (!check_given (name, g, MEAN | SD, error_message)
          || !need (name, g->has_mean, "mean", error_message)
          || !positive (name, g->mean, "mean", error_message))
        return FALSE;
      if (g->has_sd && !(fabs (g->sd - g->mean) <= 1e-9 * g->mean))
        return fail (error_message,
                     _ ("%s: 'sd' (%g) must equal 'mean' (%g): an exponential distribution has "
                        "sd = mean (omit 'sd')"),
                     name, g->sd, g->mean);
      *d = (PsDist){ PS_DIST_EXPONENTIAL, { g->mean, 0, 0, 0 } };
      return TRUE;
    }

  if (g_str_equal (name, "truncated-normal"))
    {
      if (!check_given (name, g, MEAN | SD | LOWER | UPPER, error_message)
          || !need (name, g->has_mean, "mean", error_message)
          || !need (name, g->has_sd, "sd", error_message)
          || !positive (name, g->sd, "sd", error_message))
        return FALSE;
      return truncated_init (d, name, g, error_message);
    }

  return fail (error_message,
               _ ("unknown distribution '%s' (known: normal, lognormal, gumbel, uniform, weibull, "
                  "exponential, truncated-normal)"),
               name);
}

/* ---- block sampling -------------------------------------------------------------- */

/* The lanes of u[0 .. n-1] outside AS241's central region, |u - 1/2| > 0.425 (about
 * 15 % of them), as indices into idx[], in order; returns their number. idx needs
 * room for n + 3 entries. The portable loop lists lanes i .. n-1 after the m already
 * listed. */
static gsize
tail_lanes_portable (const double *u, gsize i, gsize n, guint16 *restrict idx, gsize m)
{
  /* Branch-free: every index is written, the count advances only for tail lanes. */
  for (; i < n; i++)
    {
      idx[m] = (guint16)i;
      m += ps_math_fabs (u[i] - 0.5) > 0.425;
    }
  return m;
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define HAVE_TAIL_LANES_AVX2 1

/* For each 4-bit mask of tail lanes among four, their positions packed in order into
 * four 16-bit fields (unused fields 0). */
#define LANES(a, b, c, d)                                                                          \
  ((guint64)(a) | (guint64)(b) << 16 | (guint64)(c) << 32 | (guint64)(d) << 48)
static const guint64 lanes_of_mask[16] = {
  LANES (0, 0, 0, 0), LANES (0, 0, 0, 0), LANES (1, 0, 0, 0), LANES (0, 1, 0, 0),
  LANES (2, 0, 0, 0), LANES (0, 2, 0, 0), LANES (1, 2, 0, 0), LANES (0, 1, 2, 0),
  LANES (3, 0, 0, 0), LANES (0, 3, 0, 0), LANES (1, 3, 0, 0), LANES (0, 1, 3, 0),
  LANES (2, 3, 0, 0), LANES (0, 2, 3, 0), LANES (1, 2, 3, 0), LANES (0, 1, 2, 3),
};
#undef LANES

/* tail_lanes_portable() four lanes at a time: one compare and a movemask give the
 * lanes' mask, a table gives their positions, and four indices are stored at once
 * (the count advances by the mask's population). The same indices, three times
 * faster than the branch-free scalar loop, which keeps a dependence on m per lane; the
 * last n mod 4 lanes go through that loop. */
__attribute__ ((target ("avx2,popcnt"))) static gsize
tail_lanes_avx2 (const double *u, gsize n, guint16 *restrict idx)
{
  const __m256d half = _mm256_set1_pd (0.5);
  const __m256d limit = _mm256_set1_pd (0.425);
  const __m256d sign = _mm256_set1_pd (-0.0);
  gsize m = 0, i = 0;

  for (; i + 4 <= n; i += 4)
    {
      __m256d q = _mm256_andnot_pd (sign, _mm256_sub_pd (_mm256_loadu_pd (u + i), half));
      unsigned mask = (unsigned)_mm256_movemask_pd (_mm256_cmp_pd (q, limit, _CMP_GT_OQ));
      guint64 lanes = lanes_of_mask[mask] + (guint64)i * UINT64_C (0x0001000100010001);

      memcpy (idx + m, &lanes, sizeof lanes);
      m += (gsize)__builtin_popcount (mask);
    }
  return tail_lanes_portable (u, i, n, idx, m);
}
#endif

static gsize
tail_lanes (const double *u, gsize n, guint16 *restrict idx)
{
#ifdef HAVE_TAIL_LANES_AVX2
  if (__builtin_cpu_supports ("avx2"))
    return tail_lanes_avx2 (u, n, idx);
#endif
  return tail_lanes_portable (u, 0, n, idx, 0);
}

/* Standard normal quantiles of n <= CHUNK uniforms, identical to the bit with
 * ps_dist_normal_quantile(). The central region (85 % of the samples) is computed for
 * every lane in one vectorised loop; the tail lanes are then listed, transformed in
 * a second vectorised loop and written back. */
PS_MATH_CLONES static void
normal_quantile_chunk (const double *u, gsize n, double *restrict z)
{
  double tz[CHUNK], tr[CHUNK];
  guint16 idx[CHUNK + 4];
  gsize m;

  for (gsize i = 0; i < n; i++)
    z[i] = ps_dist_ppnd_central (u[i] - 0.5);

  m = tail_lanes (u, n, idx);

  for (gsize t = 0; t < m; t++)
    {
      double ut = u[idx[t]];
      double pp = ut < 0.5 ? ut : 1.0 - ut;
      double r = sqrt (-ps_log (pp));
      double v = ps_dist_ppnd_intermediate (r);

      tr[t] = r;
      tz[t] = ut < 0.5 ? -v : v;
    }

  for (gsize t = 0; t < m; t++)
    z[idx[t]] = tr[t] <= 5.0 ? tz[t] : ps_dist_ppnd_tail (u[idx[t]]);
}

PS_MATH_CLONES static void
affine (double a, double b, const double *restrict z, gsize n, double *restrict x)
{
  for (gsize i = 0; i < n; i++)
    x[i] = a + b * z[i];
}

PS_MATH_CLONES static void
affine_exp (double a, double b, const double *restrict z, gsize n, double *restrict x)
{
  for (gsize i = 0; i < n; i++)
    x[i] = ps_exp (a + b * z[i]);
}

PS_MATH_CLONES static void
gumbel_block (double mu, double beta, const double *u, gsize n, double *x)
{
  for (gsize i = 0; i < n; i++)
    x[i] = mu - beta * ps_log (-ps_log (u[i]));
}

PS_MATH_CLONES static void
uniform_block (double a, double w, double b, const double *u, gsize n, double *x)
{
  for (gsize i = 0; i < n; i++)
    {
      double v = a + w * u[i];
      x[i] = v > b ? b : v;
    }
}

PS_MATH_CLONES static void
weibull_block (double lambda, double inv_k, const double *u, gsize n, double *x)
{
  for (gsize i = 0; i < n; i++)
    x[i] = ps_dist_weibull_quantile (lambda, inv_k, u[i]);
}

PS_MATH_CLONES static void
exponential_block (double mean, const double *u, gsize n, double *x)
{
  for (gsize i = 0; i < n; i++)
    x[i] = -mean * ps_log1p (-u[i]);
}

PS_MATH_CLONES static void
truncated_p (double pa, double pw, gboolean mirror, const double *u, gsize n, double *restrict p)
{
  if (mirror)
    for (gsize i = 0; i < n; i++)
      p[i] = pa + (1.0 - u[i]) * pw;
  else
    for (gsize i = 0; i < n; i++)
      p[i] = pa + u[i] * pw;
}

PS_MATH_CLONES static void
truncated_map (double mu, double s, double za, double zb, const double *restrict z, gsize n,
               double *restrict x)
{
  for (gsize i = 0; i < n; i++)
    {
      double v = z[i] < za ? za : z[i];
      v = v > zb ? zb : v;
      x[i] = mu + s * v;
    }
}

/* x[i] = ps_dist_quantile (d, u[i]) for i < n, to the bit; x may be u. */
void
ps_dist_quantile_block (const PsDist *d, const double *u, gsize n, double *x)
{
  double z[CHUNK], p[CHUNK];

  g_return_if_fail (d != NULL);
  g_return_if_fail (n == 0 || (u != NULL && x != NULL));

  switch (d->kind)
    {
    case PS_DIST_GUMBEL:
      gumbel_block (d->p[0], d->p[1], u, n, x);
      return;
    case PS_DIST_UNIFORM:
      uniform_block (d->p[0], d->p[1], d->p[2], u, n, x);
      return;
    case PS_DIST_WEIBULL:
      weibull_block (d->p[0], d->p[1], u, n, x);
      return;
    case PS_DIST_EXPONENTIAL:
      exponential_block (d->p[0], u, n, x);
      return;
    default:
      break;
    }

  for (gsize i = 0; i < n; i += CHUNK)
    {
      gsize m = MIN (CHUNK, n - i);

      switch (d->kind)
        {
        case PS_DIST_NORMAL:
          normal_quantile_chunk (u + i, m, z);
          affine (d->p[0], d->p[1], z, m, x + i);
          break;
        case PS_DIST_LOGNORMAL:
          normal_quantile_chunk (u + i, m, z);
          affine_exp (d->p[0], d->p[1], z, m, x + i);
          break;
        case PS_DIST_TRUNCATED_NORMAL:
          {
            double za = ps_dist_normal_quantile (d->p[2]);
            double zb = ps_dist_normal_quantile (d->p[2] + d->p[3]);

            truncated_p (d->p[2], d->p[3], d->p[1] < 0.0, u + i, m, p);
            normal_quantile_chunk (p, m, z);
            truncated_map (d->p[0], d->p[1], za, zb, z, m, x + i);
          }
          break;
        default:
          for (gsize j = 0; j < m; j++)
            x[i + j] = ps_dist_quantile (d, u[i + j]);
          break;
        }
    }
}

/* ---- exact properties (host only: libm and GSL are fine here) -------------------- */

/* J_k = integral over [0, len] of t^k exp(-t (t + 2 beta) / 2) dt, k = 0, 1, 2, for
 * beta >= 0 and len >= 0 (possibly infinite), by composite 10-point Gauss-Legendre on
 * panels short against the integrand's decay length 1 / (beta + 1). */
static void
decaying_gauss_moments (double beta, double len, gsl_integration_glfixed_table *gl, double j[3])
{
  /* beyond t_end the integrand is below e^-745 */
  double t_end = MIN (len, sqrt (beta * beta + 1490.0) - beta);
  double h = 0.25 / (beta + 1.0);
  int panels = (int)ceil (t_end / h);

  j[0] = j[1] = j[2] = 0.0;
  for (int p = 0; p < panels; p++)
    {
      double a = t_end * p / panels, b = t_end * (p + 1) / panels;

      for (size_t i = 0; i < gl->n; i++)
        {
          double t, w;

          gsl_integration_glfixed_point (a, b, i, &t, &w, gl);
          w *= exp (-0.5 * t * (t + 2.0 * beta));
          j[0] += w;
          j[1] += w * t;
          j[2] += w * t * t;
        }
    }
}

/* Mean and variance of the standard normal truncated to the z range of d. The
 * closed forms, mean = (phi(a) - phi(b)) / Z and variance = 1 + (a phi(a) - b phi(b)) / Z
 * - mean^2, lose a factor of about a^4 to cancellation far in a tail (1e-7 at 30
 * standard deviations); integrating the density about its mode has no such loss. */
static void
truncated_std_moments (const PsDist *d, double *mean, double *var)
{
  double za = ps_dist_normal_quantile (d->p[2]);
  double zb = ps_dist_normal_quantile (d->p[2] + d->p[3]);
  double mode = CLAMP (0.0, za, zb);
  gsl_integration_glfixed_table *gl = gsl_integration_glfixed_table_alloc (10);
  double left[3] = { 0 }, right[3] = { 0 };

  /* With s = z - mode the density is proportional to exp(-s (s + 2 mode) / 2), which
   * falls away from s = 0 on both sides. */
  if (za < mode)
    decaying_gauss_moments (-mode, mode - za, gl, left);
  if (zb > mode)
    decaying_gauss_moments (mode, zb - mode, gl, right);
  gsl_integration_glfixed_table_free (gl);

  double m0 = left[0] + right[0];
  double m1 = (right[1] - left[1]) / m0;
  double m2 = (left[2] + right[2]) / m0;

  *mean = mode + m1;
  *var = m2 - m1 * m1;
}

static double new_mean (const PsDist *d);
static double new_sd (const PsDist *d);
static double new_cdf (const PsDist *d, double x);

double
ps_dist_mean (const PsDist *d)
{
  g_return_val_if_fail (d != NULL, NAN);

  switch (d->kind)
    {
    case PS_DIST_NORMAL:
      return d->p[0];
    case PS_DIST_LOGNORMAL:
      return exp (d->p[0] + 0.5 * d->p[1] * d->p[1]);
    case PS_DIST_GUMBEL:
      return d->p[0] + EULER_GAMMA * d->p[1];
    case PS_DIST_UNIFORM:
      return d->p[0] + 0.5 * d->p[1];
    case PS_DIST_WEIBULL:
      return d->p[0] * gsl_sf_gamma (1.0 + d->p[1]);
    case PS_DIST_EXPONENTIAL:
      return d->p[0];
    case PS_DIST_TRUNCATED_NORMAL:
      {
        double m, v;
        truncated_std_moments (d, &m, &v);
        return d->p[0] + d->p[1] * m;
      }
    default:
      return new_mean (d);
    }
}

double
ps_dist_sd (const PsDist *d)
{
  g_return_val_if_fail (d != NULL, NAN);

  switch (d->kind)
    {
    case PS_DIST_NORMAL:
      return d->p[1];
    case PS_DIST_LOGNORMAL:
      {
        double s2 = d->p[1] * d->p[1];
        return exp (d->p[0] + 0.5 * s2) * sqrt (expm1 (s2));
      }
    case PS_DIST_GUMBEL:
      return d->p[1] * G_PI / sqrt (6.0);
    case PS_DIST_UNIFORM:
      return d->p[1] / sqrt (12.0);
    case PS_DIST_WEIBULL:
      {
        double g1 = gsl_sf_gamma (1.0 + d->p[1]);
        return d->p[0] * sqrt (gsl_sf_gamma (1.0 + 2.0 * d->p[1]) - g1 * g1);
      }
    case PS_DIST_EXPONENTIAL:
      return d->p[0];
    case PS_DIST_TRUNCATED_NORMAL:
      {
        double m, v;
        truncated_std_moments (d, &m, &v);
        return fabs (d->p[1]) * sqrt (v);
      }
    default:
      return new_sd (d);
    }
}

double
ps_dist_cdf (const PsDist *d, double x)
{
  g_return_val_if_fail (d != NULL, NAN);

  switch (d->kind)
    {
    case PS_DIST_NORMAL:
      return gsl_cdf_gaussian_P (x - d->p[0], d->p[1]);
    case PS_DIST_LOGNORMAL:
      return x <= 0.0 ? 0.0 : gsl_cdf_lognormal_P (x, d->p[0], d->p[1]);
    case PS_DIST_GUMBEL:
      return gsl_cdf_gumbel1_P ((x - d->p[0]) / d->p[1], 1.0, 1.0);
    case PS_DIST_UNIFORM:
      return gsl_cdf_flat_P (x, d->p[0], d->p[2]);
    case PS_DIST_WEIBULL:
      return x <= 0.0 ? 0.0 : gsl_cdf_weibull_P (x, d->p[0], d->p[2]);
    case PS_DIST_EXPONENTIAL:
      return x <= 0.0 ? 0.0 : gsl_cdf_exponential_P (x, d->p[0]);
    case PS_DIST_TRUNCATED_NORMAL:
      {
        /* In the z of the stored (possibly mirrored) form: P(Z <= z) over [za, zb]. */
        double z = (x - d->p[0]) / d->p[1];
        double f = (gsl_cdf_ugaussian_P (z) - d->p[2]) / d->p[3];
        f = CLAMP (f, 0.0, 1.0);
        return d->p[1] > 0.0 ? f : 1.0 - f;
      }
    default:
      return new_cdf (d, x);
    }
}

/* ---- the kinds of issue 17 ------------------------------------------------------- */

/* ln Gamma(1 - 2/alpha) - 2 ln Gamma(1 - 1/alpha) = ln(1 + cov^2) of a Frechet
 * variable about its location, for alpha > 2 (the variance exists). */
static double
frechet_log_cov2 (double alpha)
{
  return gsl_sf_lngamma (1.0 - 2.0 / alpha) - 2.0 * gsl_sf_lngamma (1.0 - 1.0 / alpha);
}

static gboolean
frechet_shape_from_cov (double cov, double *alpha, char **error_message)
{
  const double amin = 2.0 + 1e-6, amax = 1e5;
  double target = log1p (cov * cov);
  double lo = log (amin), hi = log (amax);

  /* ln(1 + cov^2) falls monotonically as alpha grows. */
  if (!(target <= frechet_log_cov2 (amin) && target >= frechet_log_cov2 (amax)))
    return fail (error_message,
                 _ ("frechet: sd/(mean - lower) = %g is outside the range of a Frechet "
                    "distribution with shape between 2 and %g"),
                 cov, amax);
  for (int it = 0; it < 200 && hi - lo > 1e-15 * fabs (hi); it++)
    {
      double mid = 0.5 * (lo + hi);

      if (frechet_log_cov2 (exp (mid)) > target)
        lo = mid;
      else
        hi = mid;
    }
  *alpha = exp (0.5 * (lo + hi));
  return TRUE;
}

enum
{
  G_MEAN = 1,
  G_SD = 2,
  G_LOWER = 4,
  G_UPPER = 8,
  G_SHAPE = 16,
  G_SCALE = 32,
  G_ALPHA = 64,
  G_BETA = 128,
  G_MODE = 256,
};

/* check_given() for the parameters that ps_dist_init() does not know. */
static gboolean
check_given_new (const char *name, const PsDistParams *g, guint allowed, char **error_message)
{
  struct
  {
    guint bit;
    const char *key;
    gboolean has;
    double value;
  } fields[] = {
    { G_ALPHA, "alpha", g->has_alpha, g->alpha },
    { G_BETA, "beta", g->has_beta, g->beta },
    { G_MODE, "mode", g->has_mode, g->mode },
  };

  if (!check_given (name, g, allowed & 63, error_message))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (!fields[i].has)
        continue;
      if ((allowed & fields[i].bit) == 0)
        return fail (error_message, _ ("%s: '%s' is not a parameter of this distribution"), name,
                     fields[i].key);
      if (!isfinite (fields[i].value))
        return fail (error_message, _ ("%s: '%s' must be a finite number"), name, fields[i].key);
    }
  return TRUE;
}

static gboolean
bounds_ordered (const char *name, double lower, double upper, char **error_message)
{
  if (!(lower < upper))
    return fail (error_message, _ ("%s: 'lower' (%g) must be less than 'upper' (%g)"), name, lower,
                 upper);
  if (!isfinite (upper - lower))
    return fail (error_message, _ ("%s: the interval is too wide"), name);
  return TRUE;
}

static gboolean
init_new (PsDist *d, const char *name, const PsDistParams *g, char **error_message)
{
  if (g_str_equal (name, "beta"))
    {
      double lower = g->has_lower ? g->lower : 0.0, upper = g->has_upper ? g->upper : 1.0;

      if (!check_given_new (name, g, G_ALPHA | G_BETA | G_LOWER | G_UPPER, error_message)
          || !need (name, g->has_alpha, "alpha", error_message)
          || !need (name, g->has_beta, "beta", error_message)
          || !positive (name, g->alpha, "alpha", error_message)
          || !positive (name, g->beta, "beta", error_message)
          || !bounds_ordered (name, lower, upper, error_message))
        return FALSE;
      *d = (PsDist){ PS_DIST_BETA,
                     { g->alpha, g->beta, lower, upper - lower, gsl_sf_lnbeta (g->alpha, g->beta),
                       0 } };
      return TRUE;
    }

  if (g_str_equal (name, "gamma"))
    {
      double k, theta;

      if (!check_given_new (name, g, G_MEAN | G_SD | G_SHAPE | G_SCALE, error_message))
        return FALSE;
      if (g->has_shape || g->has_scale)
        {
          if (g->has_mean || g->has_sd)
            return fail (error_message,
                         _ ("%s: give either 'shape' and 'scale' or 'mean' and 'sd', not both"),
                         name);
          if (!need (name, g->has_shape, "shape", error_message)
              || !need (name, g->has_scale, "scale", error_message)
              || !positive (name, g->shape, "shape", error_message)
              || !positive (name, g->scale, "scale", error_message))
            return FALSE;
          k = g->shape;
          theta = g->scale;
        }
      else
        {
          if (!need (name, g->has_mean, "mean", error_message)
              || !need (name, g->has_sd, "sd", error_message)
              || !positive (name, g->mean, "mean", error_message)
              || !positive (name, g->sd, "sd", error_message))
            return FALSE;
          /* mean = k theta, variance = k theta^2 */
          k = (g->mean / g->sd) * (g->mean / g->sd);
          theta = g->sd * g->sd / g->mean;
        }
      if (!(k >= 1e-3 && k <= 1e8))
        return fail (error_message, _ ("%s: the shape %g is outside [0.001, 1e8]"), name, k);
      *d = (PsDist){ PS_DIST_GAMMA, { k, theta, gsl_sf_lngamma (k), 0, 0, 0 } };
      return TRUE;
    }

  if (g_str_equal (name, "gumbel-min"))
    {
      if (!check_given_new (name, g, G_MEAN | G_SD, error_message)
          || !need (name, g->has_mean, "mean", error_message)
          || !need (name, g->has_sd, "sd", error_message)
          || !positive (name, g->sd, "sd", error_message))
        return FALSE;
      /* The mirror image of the maxima's: mean = mu - gamma beta, sd = pi beta / sqrt 6. */
      double beta = g->sd * sqrt (6.0) / G_PI;
      *d = (PsDist){ PS_DIST_GUMBEL_MIN, { g->mean + EULER_GAMMA * beta, beta, 0, 0, 0, 0 } };
      return TRUE;
    }

  if (g_str_equal (name, "frechet"))
    {
      double alpha = 0.0, s, m = g->has_lower ? g->lower : 0.0;

      if (!check_given_new (name, g, G_MEAN | G_SD | G_SHAPE | G_SCALE | G_LOWER, error_message))
        return FALSE;
      if (g->has_shape || g->has_scale)
        {
          if (g->has_mean || g->has_sd)
            return fail (error_message,
                         _ ("%s: give either 'shape' and 'scale' or 'mean' and 'sd', not both"),
                         name);
          if (!need (name, g->has_shape, "shape", error_message)
              || !need (name, g->has_scale, "scale", error_message)
              || !positive (name, g->shape, "shape", error_message)
              || !positive (name, g->scale, "scale", error_message))
            return FALSE;
          alpha = g->shape;
          s = g->scale;
        }
      else
        {
          if (!need (name, g->has_mean, "mean", error_message)
              || !need (name, g->has_sd, "sd", error_message)
              || !positive (name, g->sd, "sd", error_message))
            return FALSE;
          if (!(g->mean > m))
            return fail (error_message, _ ("%s: 'mean' (%g) must be greater than 'lower' (%g)"),
                         name, g->mean, m);
          if (!frechet_shape_from_cov (g->sd / (g->mean - m), &alpha, error_message))
            return FALSE;
          /* mean = m + s Gamma(1 - 1/alpha) */
          s = (g->mean - m) / gsl_sf_gamma (1.0 - 1.0 / alpha);
        }
      *d = (PsDist){ PS_DIST_FRECHET, { s, -1.0 / alpha, m, alpha, 0, 0 } };
      return TRUE;
    }

  if (g_str_equal (name, "triangular"))
    {
      if (!check_given_new (name, g, G_LOWER | G_UPPER | G_MODE, error_message)
          || !need (name, g->has_lower, "lower", error_message)
          || !need (name, g->has_mode, "mode", error_message)
          || !need (name, g->has_upper, "upper", error_message)
          || !bounds_ordered (name, g->lower, g->upper, error_message))
        return FALSE;
      if (!(g->mode >= g->lower && g->mode <= g->upper))
        return fail (error_message, _ ("%s: 'mode' (%g) must lie in ['lower', 'upper'] = [%g, %g]"),
                     name, g->mode, g->lower, g->upper);
      *d = (PsDist){ PS_DIST_TRIANGULAR,
                     { g->lower, g->mode, g->upper, (g->mode - g->lower) / (g->upper - g->lower), 0,
                       0 } };
      return TRUE;
    }

  if (g_str_equal (name, "lognormal") && g->has_lower)
    {
      if (!check_given_new (name, g, G_MEAN | G_SD | G_LOWER, error_message)
          || !need (name, g->has_mean, "mean", error_message)
          || !need (name, g->has_sd, "sd", error_message)
          || !positive (name, g->sd, "sd", error_message))
        return FALSE;
      if (!(g->mean > g->lower))
        return fail (error_message, _ ("%s: 'mean' (%g) must be greater than 'lower' (%g)"), name,
                     g->mean, g->lower);
      /* X - lower is lognormal with the mean m - lower and the same sd. */
      double cov = g->sd / (g->mean - g->lower);
      double s2 = log1p (cov * cov);
      *d = (PsDist){ PS_DIST_LOGNORMAL3,
                     { log (g->mean - g->lower) - 0.5 * s2, sqrt (s2), g->lower, 0, 0, 0 } };
      return TRUE;
    }
  return fail (error_message, _ ("unknown distribution '%s' (known: %s)"), name,
               ps_dist_known_names ());
}

const char *
ps_dist_known_names (void)
{
  return "normal, lognormal, gumbel, gumbel-min, uniform, weibull, exponential, "
         "truncated-normal, beta, gamma, frechet, triangular";
}

gboolean
ps_dist_init_full (PsDist *d, const char *name, const PsDistParams *given, char **error_message)
{
  const PsDistParams none = { 0 };
  const PsDistParams *g = given != NULL ? given : &none;
  static const char *const old_names[] = { "normal",  "lognormal",   "gumbel",          "uniform",
                                           "weibull", "exponential", "truncated-normal" };

  g_return_val_if_fail (d != NULL, FALSE);
  *d = (PsDist){ 0 };
  if (error_message != NULL)
    *error_message = NULL;
  if (name == NULL)
    return fail (error_message, _ ("the distribution is not given"));
  if (g_str_equal (name, "lognormal") && g->has_lower)
    return init_new (d, name, g, error_message);
  for (guint i = 0; i < G_N_ELEMENTS (old_names); i++)
    if (g_str_equal (name, old_names[i]))
      {
        if (!check_given_new (name, g, 63, error_message))
          return FALSE;
        return ps_dist_init (d, name, g, error_message);
      }
  return init_new (d, name, g, error_message);
}

static double
new_mean (const PsDist *d)
{
  switch (d->kind)
    {
    case PS_DIST_BETA:
      return d->p[2] + d->p[3] * d->p[0] / (d->p[0] + d->p[1]);
    case PS_DIST_GAMMA:
      return d->p[0] * d->p[1];
    case PS_DIST_GUMBEL_MIN:
      return d->p[0] - EULER_GAMMA * d->p[1];
    case PS_DIST_FRECHET:
      return d->p[3] > 1.0 ? d->p[2] + d->p[0] * gsl_sf_gamma (1.0 + d->p[1]) : INFINITY;
    case PS_DIST_TRIANGULAR:
      return (d->p[0] + d->p[1] + d->p[2]) / 3.0;
    case PS_DIST_LOGNORMAL3:
      return d->p[2] + exp (d->p[0] + 0.5 * d->p[1] * d->p[1]);
    default:
      return NAN;
    }
}

static double
new_sd (const PsDist *d)
{
  switch (d->kind)
    {
    case PS_DIST_BETA:
      {
        double a = d->p[0], b = d->p[1];
        return d->p[3] * sqrt (a * b / ((a + b) * (a + b) * (a + b + 1.0)));
      }
    case PS_DIST_GAMMA:
      return sqrt (d->p[0]) * d->p[1];
    case PS_DIST_GUMBEL_MIN:
      return d->p[1] * G_PI / sqrt (6.0);
    case PS_DIST_FRECHET:
      {
        if (!(d->p[3] > 2.0))
          return INFINITY;
        double g1 = gsl_sf_gamma (1.0 + d->p[1]);
        return d->p[0] * sqrt (gsl_sf_gamma (1.0 + 2.0 * d->p[1]) - g1 * g1);
      }
    case PS_DIST_TRIANGULAR:
      {
        double a = d->p[0], c = d->p[1], b = d->p[2];
        return sqrt ((a * a + b * b + c * c - a * b - a * c - b * c) / 18.0);
      }
    case PS_DIST_LOGNORMAL3:
      {
        double s2 = d->p[1] * d->p[1];
        return exp (d->p[0] + 0.5 * s2) * sqrt (expm1 (s2));
      }
    default:
      return NAN;
    }
}

/* F(x) (upper = FALSE) or 1 - F(x) (upper = TRUE) of the kinds of issue 17, each
 * computed directly. */
static double
new_cdf_side (const PsDist *d, double x, gboolean upper)
{
  switch (d->kind)
    {
    case PS_DIST_BETA:
      {
        double y = (x - d->p[2]) / d->p[3];
        if (y <= 0.0)
          return upper ? 1.0 : 0.0;
        if (y >= 1.0)
          return upper ? 0.0 : 1.0;
        return upper ? gsl_cdf_beta_Q (y, d->p[0], d->p[1]) : gsl_cdf_beta_P (y, d->p[0], d->p[1]);
      }
    case PS_DIST_GAMMA:
      if (x <= 0.0)
        return upper ? 1.0 : 0.0;
      return upper ? gsl_cdf_gamma_Q (x, d->p[0], d->p[1]) : gsl_cdf_gamma_P (x, d->p[0], d->p[1]);
    case PS_DIST_GUMBEL_MIN:
      {
        double e = exp ((x - d->p[0]) / d->p[1]);
        return upper ? exp (-e) : -expm1 (-e);
      }
    case PS_DIST_FRECHET:
      {
        if (x <= d->p[2])
          return upper ? 1.0 : 0.0;
        double t = pow ((x - d->p[2]) / d->p[0], -d->p[3]);
        return upper ? -expm1 (-t) : exp (-t);
      }
    case PS_DIST_TRIANGULAR:
      {
        double a = d->p[0], c = d->p[1], b = d->p[2];
        if (x <= a)
          return upper ? 1.0 : 0.0;
        if (x >= b)
          return upper ? 0.0 : 1.0;
        if (x <= c)
          {
            double f = (x - a) * (x - a) / ((b - a) * (c - a));
            return upper ? 1.0 - f : f;
          }
        double s = (b - x) * (b - x) / ((b - a) * (b - c));
        return upper ? s : 1.0 - s;
      }
    case PS_DIST_LOGNORMAL3:
      if (x <= d->p[2])
        return upper ? 1.0 : 0.0;
      return upper ? gsl_cdf_lognormal_Q (x - d->p[2], d->p[0], d->p[1])
                   : gsl_cdf_lognormal_P (x - d->p[2], d->p[0], d->p[1]);
    default:
      return NAN;
    }
}

static double
new_cdf (const PsDist *d, double x)
{
  return new_cdf_side (d, x, FALSE);
}

double
ps_dist_sf (const PsDist *d, double x)
{
  g_return_val_if_fail (d != NULL, NAN);

  switch (d->kind)
    {
    case PS_DIST_NORMAL:
      return gsl_cdf_gaussian_Q (x - d->p[0], d->p[1]);
    case PS_DIST_LOGNORMAL:
      return x <= 0.0 ? 1.0 : gsl_cdf_lognormal_Q (x, d->p[0], d->p[1]);
    case PS_DIST_GUMBEL:
      return gsl_cdf_gumbel1_Q ((x - d->p[0]) / d->p[1], 1.0, 1.0);
    case PS_DIST_UNIFORM:
      return gsl_cdf_flat_Q (x, d->p[0], d->p[2]);
    case PS_DIST_WEIBULL:
      return x <= 0.0 ? 1.0 : gsl_cdf_weibull_Q (x, d->p[0], d->p[2]);
    case PS_DIST_EXPONENTIAL:
      return x <= 0.0 ? 1.0 : gsl_cdf_exponential_Q (x, d->p[0]);
    case PS_DIST_TRUNCATED_NORMAL:
      return 1.0 - ps_dist_cdf (d, x);
    default:
      return new_cdf_side (d, x, TRUE);
    }
}

double
ps_dist_pdf (const PsDist *d, double x)
{
  g_return_val_if_fail (d != NULL, NAN);

  switch (d->kind)
    {
    case PS_DIST_NORMAL:
      return gsl_ran_gaussian_pdf (x - d->p[0], d->p[1]);
    case PS_DIST_LOGNORMAL:
      return x <= 0.0 ? 0.0 : gsl_ran_lognormal_pdf (x, d->p[0], d->p[1]);
    case PS_DIST_LOGNORMAL3:
      return x <= d->p[2] ? 0.0 : gsl_ran_lognormal_pdf (x - d->p[2], d->p[0], d->p[1]);
    case PS_DIST_GUMBEL:
      return gsl_ran_gumbel1_pdf ((x - d->p[0]) / d->p[1], 1.0, 1.0) / d->p[1];
    case PS_DIST_GUMBEL_MIN:
      return gsl_ran_gumbel1_pdf (-(x - d->p[0]) / d->p[1], 1.0, 1.0) / d->p[1];
    case PS_DIST_UNIFORM:
      return gsl_ran_flat_pdf (x, d->p[0], d->p[2]);
    case PS_DIST_WEIBULL:
      return x < 0.0 ? 0.0 : gsl_ran_weibull_pdf (x, d->p[0], d->p[2]);
    case PS_DIST_EXPONENTIAL:
      return x < 0.0 ? 0.0 : gsl_ran_exponential_pdf (x, d->p[0]);
    case PS_DIST_TRUNCATED_NORMAL:
      {
        double lo, hi;
        ps_dist_support (d, &lo, &hi);
        if (x < lo || x > hi)
          return 0.0;
        return gsl_ran_ugaussian_pdf ((x - d->p[0]) / d->p[1]) / (fabs (d->p[1]) * d->p[3]);
      }
    case PS_DIST_BETA:
      {
        double y = (x - d->p[2]) / d->p[3];
        return y < 0.0 || y > 1.0 ? 0.0 : gsl_ran_beta_pdf (y, d->p[0], d->p[1]) / d->p[3];
      }
    case PS_DIST_GAMMA:
      return x < 0.0 ? 0.0 : gsl_ran_gamma_pdf (x, d->p[0], d->p[1]);
    case PS_DIST_FRECHET:
      {
        if (x <= d->p[2])
          return 0.0;
        double t = (x - d->p[2]) / d->p[0], a = d->p[3];
        return a / d->p[0] * pow (t, -1.0 - a) * exp (-pow (t, -a));
      }
    case PS_DIST_TRIANGULAR:
      {
        double a = d->p[0], c = d->p[1], b = d->p[2];
        if (x < a || x > b)
          return 0.0;
        return x <= c ? 2.0 * (x - a) / ((b - a) * (c - a)) : 2.0 * (b - x) / ((b - a) * (b - c));
      }
    default:
      return NAN;
    }
}

double
ps_dist_to_normal (const PsDist *d, double x)
{
  g_return_val_if_fail (d != NULL, NAN);

  switch (d->kind)
    {
    case PS_DIST_NORMAL:
      return (x - d->p[0]) / d->p[1];
    case PS_DIST_LOGNORMAL:
      return (log (x) - d->p[0]) / d->p[1];
    case PS_DIST_LOGNORMAL3:
      return (log (x - d->p[2]) - d->p[0]) / d->p[1];
    default:
      {
        double p = ps_dist_cdf (d, x);
        if (p <= 0.5)
          return gsl_cdf_ugaussian_Pinv (p);
        return -gsl_cdf_ugaussian_Pinv (ps_dist_sf (d, x));
      }
    }
}

void
ps_dist_support (const PsDist *d, double *lower, double *upper)
{
  double lo = -INFINITY, hi = INFINITY;

  switch (d->kind)
    {
    case PS_DIST_LOGNORMAL:
    case PS_DIST_WEIBULL:
    case PS_DIST_EXPONENTIAL:
    case PS_DIST_GAMMA:
      lo = 0.0;
      break;
    case PS_DIST_LOGNORMAL3:
    case PS_DIST_FRECHET:
      lo = d->p[2];
      break;
    case PS_DIST_UNIFORM:
      lo = d->p[0];
      hi = d->p[2];
      break;
    case PS_DIST_BETA:
      lo = d->p[2];
      hi = d->p[2] + d->p[3];
      break;
    case PS_DIST_TRIANGULAR:
      lo = d->p[0];
      hi = d->p[2];
      break;
    case PS_DIST_TRUNCATED_NORMAL:
      {
        double a = d->p[0] + d->p[1] * ps_dist_normal_quantile (d->p[2]);
        double b = d->p[0] + d->p[1] * ps_dist_normal_quantile (d->p[2] + d->p[3]);
        lo = MIN (a, b);
        hi = MAX (a, b);
      }
      break;
    default:
      break;
    }
  if (lower != NULL)
    *lower = lo;
  if (upper != NULL)
    *upper = hi;
}
