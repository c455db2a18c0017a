#define G_LOG_DOMAIN "parastudy-test"
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <Random123/philox.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>

#include "ps-dist.h"
#include "ps-math-private.h"
#include "ps-philox-private.h"
#include "ps-philox.h"

/* Random streams, bit-reproducible elementary functions and distributions.
 *
 * References:
 *   [R123]  Random123 1.14 (D. E. Shaw Research), philox.h, and its known-answer
 *           vectors (examples/kat_vectors): philox4x32 with 10 rounds.
 *   [C99]   ISO/IEC 9899:1999 Annex F.9 (special values of exp, log, pow, sin, cos, tan).
 *   [AS241] M. J. Wichura, "The percentage points of the normal distribution",
 *           Applied Statistics 37 (1988) 477-484; GSL's gsl_cdf_ugaussian_Pinv is the
 *           same algorithm computed with the system libm.
 *   Exact moments: normal, lognormal, Gumbel (mean mu + gamma beta, sd pi beta/sqrt 6),
 *   uniform, Weibull (lambda Gamma(1 + 1/k), ...), exponential, and the truncated normal
 *   (Johnson, Kotz & Balakrishnan, Continuous Univariate Distributions, vol. 1, 2nd ed.,
 *   sec. 13.10.1), computed here from the parameters with GSL, independently of ps-dist.
 *
 * The statistical tests use fixed seeds, so their outcome is fixed too; the bounds (five
 * standard errors, Kolmogorov-Smirnov D sqrt(n) < 1.95, the 0.1 % critical value) would
 * fail a correct sampler only by a rare accident of the seed. Sanitizer builds use a
 * quarter of the samples, and any build a tenth when PS_TEST_QUICK is set.
 */

static gsize
scaled (gsize n)
{
#if defined(__SANITIZE_ADDRESS__)
  return n / 4;
#else
  return g_getenv ("PS_TEST_QUICK") != NULL ? n / 10 : n;
#endif
}

static gboolean
same_bits (double a, double b)
{
  if (isnan (a) && isnan (b))
    return TRUE;
  return memcmp (&a, &b, sizeof a) == 0;
}

/* ---- Philox ----------------------------------------------------------------------- */

typedef struct
{
  const char *label;
  uint32_t ctr[4];
  uint32_t key[2];
  uint32_t expect[4];
} PhiloxKat;

/* [R123] kat_vectors, philox4x32 10 rounds. */
static const PhiloxKat philox_kats[] = {
  { "zero", { 0, 0, 0, 0 }, { 0, 0 }, { 0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8 } },
  { "ones",
    { 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff },
    { 0xffffffff, 0xffffffff },
    { 0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd } },
  { "pi",
    { 0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344 },
    { 0xa4093822, 0x299f31d0 },
    { 0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1 } },
};

static void
test_philox_kat (void)
{
  for (guint c = 0; c < G_N_ELEMENTS (philox_kats); c++)
    {
      const PhiloxKat *k = &philox_kats[c];
      uint32_t out[4];

      ps_philox4x32_10 (k->ctr, k->key, out);
      for (int j = 0; j < 4; j++)
        if (out[j] != k->expect[j])
          g_error ("%s: word %d is %08x, expected %08x", k->label, j, out[j], k->expect[j]);
    }
}

static void
test_philox_random123 (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (0x5053);

  for (int i = 0; i < 100000; i++)
    {
      philox4x32_ctr_t c;
      philox4x32_key_t k;
      uint32_t ours[4];

      for (int j = 0; j < 4; j++)
        c.v[j] = g_rand_int (rand);
      for (int j = 0; j < 2; j++)
        k.v[j] = g_rand_int (rand);
      philox4x32_ctr_t ref = philox4x32 (c, k);
      ps_philox4x32_10 (c.v, k.v, ours);
      for (int j = 0; j < 4; j++)
        g_assert_cmpuint (ours[j], ==, ref.v[j]);
    }
}

/* The stream contract of ps-philox.h, written out with Random123 itself. */
static double
contract_uniform (guint64 seed, guint32 var, guint64 i)
{
  philox4x32_ctr_t c
      = { { (uint32_t)(i >> 2), (uint32_t)(i >> 34), (uint32_t)(seed >> 32), 0x50534D43 } };
  philox4x32_key_t k = { { (uint32_t)seed, var } };
  philox4x32_ctr_t r = philox4x32 (c, k);

  return ((double)r.v[i & 3] + 0.5) / 4294967296.0;
}

static const struct
{
  guint64 seed;
  guint32 var;
} streams[] = {
  { 42, 0 },
  { 0x9E3779B97F4A7C15, 7 },
  { G_MAXUINT64, G_MAXUINT32 },
};

static void
test_rng_contract (void)
{
  const guint64 starts[] = { 0,
                             1,
                             5,
                             G_GUINT64_CONSTANT (1) << 34,
                             (G_GUINT64_CONSTANT (1) << 34) - 2,
                             G_GUINT64_CONSTANT (0x123456789abcd) };

  for (guint s = 0; s < G_N_ELEMENTS (streams); s++)
    for (guint t = 0; t < G_N_ELEMENTS (starts); t++)
      for (guint64 i = starts[t]; i < starts[t] + 9; i++)
        {
          double want = contract_uniform (streams[s].seed, streams[s].var, i);
          double got = ps_rng_uniform (streams[s].seed, streams[s].var, i);

          g_assert_true (same_bits (got, want));
          g_assert_cmpfloat (got, >, 0.0);
          g_assert_cmpfloat (got, <, 1.0);
        }
}

typedef void (*UniformsFunc) (guint64 seed, guint32 var, guint64 first, gsize n, double *out);

static void
check_uniforms (UniformsFunc f, const char *what)
{
  const guint64 firsts[] = { 0,
                             1,
                             2,
                             3,
                             4,
                             5,
                             7,
                             1001,
                             (G_GUINT64_CONSTANT (1) << 34) - 3,
                             G_GUINT64_CONSTANT (0xfedcba987653) };
  const gsize lengths[] = { 0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 257, 1000, 1003 };
  g_autofree double *buf = g_new (double, 1003 + 2);

  for (guint s = 0; s < G_N_ELEMENTS (streams); s++)
    for (guint a = 0; a < G_N_ELEMENTS (firsts); a++)
      for (guint b = 0; b < G_N_ELEMENTS (lengths); b++)
        {
          gsize n = lengths[b];

          /* Guard values on both sides catch writes out of range. */
          buf[0] = buf[n + 1] = -1.0;
          f (streams[s].seed, streams[s].var, firsts[a], n, buf + 1);
          g_assert_cmpfloat (buf[0], ==, -1.0);
          g_assert_cmpfloat (buf[n + 1], ==, -1.0);
          for (gsize i = 0; i < n; i++)
            {
              double want = ps_rng_uniform (streams[s].seed, streams[s].var, firsts[a] + i);
              if (!same_bits (buf[i + 1], want))
                g_error ("%s: seed %" G_GUINT64_FORMAT " var %u sample %" G_GUINT64_FORMAT
                         " (first %" G_GUINT64_FORMAT ", n %" G_GSIZE_FORMAT "): %.17g, "
                         "expected %.17g",
                         what, streams[s].seed, streams[s].var, firsts[a] + i, firsts[a], n,
                         buf[i + 1], want);
              g_assert_true (buf[i + 1] > 0.0 && buf[i + 1] < 1.0);
            }
        }
}

static void
uniforms_avx2 (guint64 seed, guint32 var, guint64 first, gsize n, double *out)
{
  g_assert_true (ps_rng_uniforms_avx2 (seed, var, first, n, out));
}

/* Every kernel that ps_rng_uniforms() may choose (AVX-512, AVX2, portable) against
 * the scalar definition: where the CPU has AVX-512, ps_rng_uniforms() runs that
 * kernel and the AVX2 one only for the last blocks of a range, so it is also
 * checked alone. */
static void
test_rng_uniforms_scalar (void)
{
  double probe;

  check_uniforms (ps_rng_uniforms, "ps_rng_uniforms");
  check_uniforms (ps_rng_uniforms_portable, "ps_rng_uniforms_portable");
  if (ps_rng_uniforms_avx2 (1, 0, 0, 1, &probe))
    check_uniforms (uniforms_avx2, "ps_rng_uniforms_avx2");
  else
    g_test_message ("no AVX2 on this CPU: its kernel is not checked");
}

static void
test_rng_uniforms_split (void)
{
  const gsize n = 4099;
  const gsize cuts[] = { 1, 2, 3, 4, 5, 1000, 2049, 4095, 4098 };
  g_autofree double *whole = g_new (double, n);
  g_autofree double *parts = g_new (double, n);

  ps_rng_uniforms (20240611, 3, 17, n, whole);
  for (guint c = 0; c < G_N_ELEMENTS (cuts); c++)
    {
      gsize k = cuts[c];

      ps_rng_uniforms (20240611, 3, 17, k, parts);
      ps_rng_uniforms (20240611, 3, 17 + k, n - k, parts + k);
      g_assert_cmpmem (whole, n * sizeof (double), parts, n * sizeof (double));
    }

  /* Three-way split at odd places, as dynamic chunking of workers would do it. */
  ps_rng_uniforms (20240611, 3, 17, 7, parts);
  ps_rng_uniforms (20240611, 3, 24, 2001, parts + 7);
  ps_rng_uniforms (20240611, 3, 2025, n - 2008, parts + 2008);
  g_assert_cmpmem (whole, n * sizeof (double), parts, n * sizeof (double));
}

static void
test_rng_uniforms_moments (void)
{
  const gsize n = scaled (1000000);
  g_autofree double *u = g_new (double, n);
  double sum = 0.0, sum2 = 0.0, lo = 1.0, hi = 0.0;

  ps_rng_uniforms (7, 1, 0, n, u);
  for (gsize i = 0; i < n; i++)
    {
      sum += u[i];
      sum2 += (u[i] - 0.5) * (u[i] - 0.5);
      lo = MIN (lo, u[i]);
      hi = MAX (hi, u[i]);
    }
  g_assert_cmpfloat (fabs (sum / n - 0.5), <, 5.0 * sqrt (1.0 / 12.0 / n));
  g_assert_cmpfloat (fabs (sum2 / n - 1.0 / 12.0), <, 5.0 * sqrt (1.0 / 180.0 / n));
  g_assert_cmpfloat (lo, >=, 0x1p-33);
  g_assert_cmpfloat (hi, <=, 1.0 - 0x1p-33);
}

/* ---- ps-math against libm --------------------------------------------------------- */

/* |a - b| in units in the last place of b (the subnormal ulp below 2^-1022). */
static double
ulp_error (double a, double b)
{
  if (same_bits (a, b) || a == b)
    return 0.0;
  if (!isfinite (a) || !isfinite (b))
    return INFINITY;
  int e;
  frexp (b, &e);
  double ulp = fabs (b) < DBL_MIN ? 0x1p-1074 : ldexp (1.0, e - 53);
  return fabs (a - b) / ulp;
}

typedef double (*Fn1) (double);
typedef double (*Fn2) (double, double);

/* x = lo + (hi - lo) v, or exp of that when logarithmic. */
typedef struct
{
  const char *label;
  Fn1 ours, libm;
  double lo, hi;
  gboolean log_scale;
} UlpCase1;

static double
sin_libm (double x)
{
  return sin (x);
}

static const UlpCase1 ulp_cases1[] = {
  { "exp [-745, 709.78]", ps_exp, exp, -745.13, 709.78, FALSE },
  { "exp [-1.5, 1.5]", ps_exp, exp, -1.5, 1.5, FALSE },
  { "exp subnormal results", ps_exp, exp, -745.13, -708.4, FALSE },
  { "log all magnitudes", ps_log, log, -744.4, 709.7, TRUE },
  { "log [0.5, 2]", ps_log, log, 0.5, 2.0, FALSE },
  { "log subnormal", ps_log, log, 4.9e-324, 2.2e-308, FALSE },
  { "sin [-10, 10]", ps_sin, sin_libm, -10.0, 10.0, FALSE },
  { "sin [-1.6e6, 1.6e6]", ps_sin, sin_libm, -1.6e6, 1.6e6, FALSE },
  { "sin tiny", ps_sin, sin_libm, -46.0, -0.1, TRUE },
  { "cos [-10, 10]", ps_cos, cos, -10.0, 10.0, FALSE },
  { "cos [-1.6e6, 1.6e6]", ps_cos, cos, -1.6e6, 1.6e6, FALSE },
  { "tan [-10, 10]", ps_tan, tan, -10.0, 10.0, FALSE },
  { "tan [-1.6e6, 1.6e6]", ps_tan, tan, -1.6e6, 1.6e6, FALSE },
  { "log1p [-0.9, 3]", ps_log1p, log1p, -0.9, 3.0, FALSE },
};

static void
test_math_ulp1 (void)
{
  const gsize n = scaled (2000000);
  g_autoptr (GRand) rand = g_rand_new_with_seed (1988);

  for (guint c = 0; c < G_N_ELEMENTS (ulp_cases1); c++)
    {
      const UlpCase1 *k = &ulp_cases1[c];
      double worst = 0.0, worst_x = 0.0;

      for (gsize i = 0; i < n; i++)
        {
          double v = g_rand_double_range (rand, k->lo, k->hi);
          double x = k->log_scale ? exp (v) : v;
          double e = ulp_error (k->ours (x), k->libm (x));

          if (e > worst)
            {
              worst = e;
              worst_x = x;
            }
        }
      g_test_message ("%s: max %.2f ulp (at %.17g) over %" G_GSIZE_FORMAT " arguments", k->label,
                      worst, worst_x, n);
      if (!(worst <= 4.0))
        g_error ("%s: %.2f ulp from libm at %.17g", k->label, worst, worst_x);
    }
}

static void
test_math_pow_ulp (void)
{
  const gsize n = scaled (2000000);
  g_autoptr (GRand) rand = g_rand_new_with_seed (2385);
  const char *labels[] = { "pow moderate", "pow wide range", "pow near 1, huge y",
                           "pow negative integer base", "pow subnormal base" };

  for (int c = 0; c < 5; c++)
    {
      double worst = 0.0, wx = 0.0, wy = 0.0;

      for (gsize i = 0; i < n; i++)
        {
          double x, y;

          switch (c)
            {
            case 0:
              x = exp (g_rand_double_range (rand, -20.0, 20.0));
              y = g_rand_double_range (rand, -30.0, 30.0);
              break;
            case 1:
              x = exp (g_rand_double_range (rand, -744.0, 709.0));
              y = g_rand_double_range (rand, -1.0, 1.0) * 708.0 / fabs (log (x));
              break;
            case 2:
              x = 1.0 + g_rand_double_range (rand, -1e-7, 1e-7);
              y = g_rand_double_range (rand, -7e9, 7e9);
              break;
            case 3:
              x = -floor (g_rand_double_range (rand, 1.0, 200.0));
              y = floor (g_rand_double_range (rand, -140.0, 140.0));
              break;
            default:
              x = g_rand_double_range (rand, 4.9e-324, 2.2e-308);
              y = g_rand_double_range (rand, 0.05, 1.0);
              break;
            }
          double e = ulp_error (ps_pow (x, y), pow (x, y));
          if (e > worst)
            {
              worst = e;
              wx = x;
              wy = y;
            }
        }
      g_test_message ("%s: max %.2f ulp (at %.17g ^ %.17g) over %" G_GSIZE_FORMAT " arguments",
                      labels[c], worst, wx, wy, n);
      if (!(worst <= 4.0))
        g_error ("%s: %.2f ulp from libm at pow(%.17g, %.17g)", labels[c], worst, wx, wy);
    }

  /* pow(x, 1/2) is sqrt(x), pow(x, 2) is x*x, pow(x, -1) is 1/x: to the bit. */
  for (int i = 0; i < 10000; i++)
    {
      double x = exp (g_rand_double_range (rand, -700.0, 700.0));

      g_assert_true (same_bits (ps_pow (x, 0.5), sqrt (x)));
      g_assert_true (same_bits (ps_pow (-x, 2.0), x * x));
      g_assert_true (same_bits (ps_pow (x, -1.0), 1.0 / x));
    }
}

static const double special_args[] = {
  0.0,
  -0.0,
  1.0,
  -1.0,
  0.5,
  -0.5,
  2.0,
  -2.0,
  3.0,
  -3.0,
  2.5,
  -2.5,
  INFINITY,
  -INFINITY,
  NAN,
  4.9e-324,
  -4.9e-324,
  1e-310,
  2.2250738585072014e-308,
  1e300,
  -1e300,
  DBL_MAX,
  -DBL_MAX,
  0x1p53,
  -0x1p53,
  0x1p53 + 2,
  0x1p52 + 1,
  -(0x1p52 + 1),
  0x1p63,
  0x1p65,
  -0x1p65,
  0x1p31 + 1,
  1.0000001,
  0.9999999,
  -1.0000001,
  1 - 0x1p-53,
  1 + 0x1p-52,
  7.0,
  -7.0,
  1024.0,
  -1075.0,
  1074.5,
  0.1,
  709.782712893384,
  709.7827128933841,
  -745.1332191019411,
  -745.1332191019412,
  -708.4,
  1e-20,
  -1e-20,
  0x1p-27,
  0x1p-26,
  -0x1p-26,
  0x1.921fb54442d18p+0,
  0x1.921fb54442d18p+1,
  1e6,
  -1e6,
};

/* ps-math gives exactly what libm gives at special values and on the boundaries, or,
 * away from the special cases, agrees to 1 ulp. */
static void
test_math_special (void)
{
  const struct
  {
    const char *name;
    Fn1 ours, libm;
  } fns[] = {
    { "exp", ps_exp, exp }, { "log", ps_log, log }, { "sin", ps_sin, sin_libm },
    { "cos", ps_cos, cos }, { "tan", ps_tan, tan }, { "log1p", ps_log1p, log1p },
  };
  const int n = G_N_ELEMENTS (special_args);

  for (guint f = 0; f < G_N_ELEMENTS (fns); f++)
    for (int i = 0; i < n; i++)
      {
        double x = special_args[i];
        double a = fns[f].ours (x), b = fns[f].libm (x);

        /* beyond the range of the trigonometric argument reduction (see ps-math-private.h) */
        if (f >= 2 && f <= 4 && fabs (x) > 1.6e6)
          continue;
        gboolean special = !isfinite (b) || b == 0.0 || !isfinite (x) || x == 0.0;

        if (special ? !same_bits (a, b) : !(ulp_error (a, b) <= 1.0))
          g_error ("%s(%a) = %a, libm %a", fns[f].name, x, a, b);
      }

  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++)
      {
        double x = special_args[i], y = special_args[j];
        double a = ps_pow (x, y), b = pow (x, y);
        gboolean special = !isfinite (b) || b == 0.0 || !isfinite (x) || x == 0.0 || !isfinite (y)
                           || y == 0.0 || fabs (x) == 1.0;

        if (special ? !same_bits (a, b) : !(ulp_error (a, b) <= 1.0))
          g_error ("pow(%a, %a) = %a, libm %a", x, y, a, b);
      }

  /* A few values that C99 spells out. */
  g_assert_true (same_bits (ps_log (0.0), -INFINITY));
  g_assert_true (same_bits (ps_log (-0.0), -INFINITY));
  g_assert_true (isnan (ps_log (-2.385)));
  g_assert_true (same_bits (ps_exp (710.0), INFINITY));
  g_assert_true (same_bits (ps_exp (-746.0), 0.0));
  g_assert_true (isnan (ps_exp (NAN)) && isnan (ps_sin (NAN)) && isnan (ps_pow (NAN, 2.385)));
  g_assert_true (isnan (ps_sin (INFINITY)) && isnan (ps_cos (-INFINITY)));
  g_assert_true (same_bits (ps_pow (NAN, 0.0), 1.0));
  g_assert_true (same_bits (ps_pow (1.0, NAN), 1.0));
  g_assert_true (same_bits (ps_pow (-2.0, 3.0), -8.0));
  g_assert_true (same_bits (ps_pow (-2.0, -3.0), -0.125));
  g_assert_true (isnan (ps_pow (-2.0, 0.5)));
  g_assert_true (same_bits (ps_pow (-0.0, -3.0), -INFINITY));
  g_assert_true (same_bits (ps_pow (10.0, 22.0), 1e22));
}

/* Beyond the documented range of the argument reduction, sin and cos stay finite and
 * in [-1, 1], and tan finite. */
static void
test_math_trig_large (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (1776);

  for (int i = 0; i < 100000; i++)
    {
      double x = exp (g_rand_double_range (rand, log (1.6e6), log (DBL_MAX)));
      x = (i & 1) ? -x : x;
      double s = ps_sin (x), c = ps_cos (x), t = ps_tan (x);

      g_assert_true (s >= -1.0 && s <= 1.0);
      g_assert_true (c >= -1.0 && c <= 1.0);
      g_assert_true (isfinite (t));
    }
}

/* ---- the normal quantile and CDF -------------------------------------------------- */

static void
test_normal_quantile_gsl (void)
{
  const gsize n = scaled (1000000);
  g_autoptr (GRand) rand = g_rand_new_with_seed (241);
  double worst = 0.0, wu = 0.0;

  for (gsize i = 0; i < n; i++)
    {
      double u;

      switch (i % 4)
        {
        case 0:
          u = g_rand_double (rand);
          break;
        case 1: /* the lower tail down to 1e-300 */
          u = exp (g_rand_double_range (rand, log (1e-300), log (0.5)));
          break;
        case 2: /* the upper tail: 1 - u for u down to 1e-16 */
          u = 1.0 - exp (g_rand_double_range (rand, log (1e-16), log (0.5)));
          break;
        default: /* the central region */
          u = g_rand_double_range (rand, 0.075, 0.925);
          break;
        }
      if (u <= 0.0 || u >= 1.0)
        continue;
      double x = ps_dist_normal_quantile (u), ref = gsl_cdf_ugaussian_Pinv (u);
      double e = fabs (x - ref) / MAX (fabs (ref), 1e-300);
      if (e > worst)
        {
          worst = e;
          wu = u;
        }
    }
  g_test_message ("normal quantile: max relative difference from GSL %.3g (at u = %.17g)", worst,
                  wu);
  g_assert_cmpfloat (worst, <, 1e-14);

  g_assert_true (same_bits (ps_dist_normal_quantile (0.0), -INFINITY));
  g_assert_true (same_bits (ps_dist_normal_quantile (1.0), INFINITY));
  g_assert_true (same_bits (ps_dist_normal_quantile (0.5), 0.0));
  g_assert_true (isnan (ps_dist_normal_quantile (NAN)));
}

static void
test_normal_cdf_gsl (void)
{
  double worst = 0.0, wx = 0.0;

  for (double x = -37.5; x <= 37.5; x += 0.0123)
    {
      double p, q;

      ps_dist_normal_cdf_both (x, &p, &q);
      double rp = gsl_cdf_ugaussian_P (x), rq = gsl_cdf_ugaussian_Q (x);
      /* Each side is judged where it is the small one (the other is 1 - it). */
      double e = x < 0 ? fabs (p - rp) / rp : fabs (q - rq) / rq;
      e = MAX (e, fabs (x < 0 ? q - rq : p - rp));
      if (e > worst)
        {
          worst = e;
          wx = x;
        }
    }
  g_test_message ("normal CDF: max relative difference from GSL %.3g (at x = %.4g)", worst, wx);
  g_assert_cmpfloat (worst, <, 1e-14);
}

/* ---- distributions ---------------------------------------------------------------- */

typedef enum
{
  CDF_P,
  CDF_Q
} CdfSide;

typedef struct
{
  const char *label;
  const char *name;
  PsDistParams given;
  double mean, sd; /* exact, computed independently in setup_exact() */
  double lower, upper;
} DistCase;

/* The parameters of a case, as a study file gives them. */
#define P_MEAN_SD(m, s)                                                                            \
  {                                                                                                \
    .has_mean = TRUE, .mean = (m), .has_sd = TRUE, .sd = (s)                                       \
  }
#define P_BOUNDS(lo, hi)                                                                           \
  {                                                                                                \
    .has_lower = TRUE, .lower = (lo), .has_upper = TRUE, .upper = (hi)                             \
  }
#define P_SHAPE_SCALE(k, l)                                                                        \
  {                                                                                                \
    .has_shape = TRUE, .shape = (k), .has_scale = TRUE, .scale = (l)                               \
  }
#define P_TRUNC(m, s, lo, hi)                                                                      \
  {                                                                                                \
    .has_mean = TRUE, .mean = (m), .has_sd = TRUE, .sd = (s), .has_lower = TRUE, .lower = (lo),    \
    .has_upper = TRUE, .upper = (hi)                                                               \
  }
#define P_TRUNC_LOWER(m, s, lo)                                                                    \
  {                                                                                                \
    .has_mean = TRUE, .mean = (m), .has_sd = TRUE, .sd = (s), .has_lower = TRUE, .lower = (lo)     \
  }
#define P_TRUNC_UPPER(m, s, hi)                                                                    \
  {                                                                                                \
    .has_mean = TRUE, .mean = (m), .has_sd = TRUE, .sd = (s), .has_upper = TRUE, .upper = (hi)     \
  }

static DistCase dist_cases[] = {
  { "normal", "normal", P_MEAN_SD (1003.7, 98.45) },
  { "lognormal (axial bar R)", "lognormal", P_MEAN_SD (301.7, 31.9) },
  { "lognormal skewed", "lognormal", P_MEAN_SD (2.385, 3.1) },
  { "gumbel", "gumbel", P_MEAN_SD (48.3, 7.25) },
  { "uniform lower/upper", "uniform", P_BOUNDS (2.385, 7.93) },
  { "uniform mean/sd", "uniform", P_MEAN_SD (5.2, 1.13) },
  { "weibull shape/scale", "weibull", P_SHAPE_SCALE (2.37, 41.6) },
  { "weibull mean/sd", "weibull", P_MEAN_SD (35.2, 9.8) },
  { "weibull shape < 1", "weibull", P_SHAPE_SCALE (0.73, 1.9) },
  { "exponential", "exponential", { .has_mean = TRUE, .mean = 3.85 } },
  { "exponential with sd", "exponential", P_MEAN_SD (3.85, 3.85) },
  { "truncated-normal two-sided", "truncated-normal", P_TRUNC (10.4, 2.2, 8.1, 15.7) },
  { "truncated-normal lower only", "truncated-normal", P_TRUNC_LOWER (10.4, 2.2, 12.9) },
  { "truncated-normal upper only", "truncated-normal", P_TRUNC_UPPER (10.4, 2.2, 6.0) },
  { "truncated-normal [8, 9] sd", "truncated-normal", P_TRUNC (0.0, 1.0, 8.0, 9.0) },
  { "truncated-normal [-31, -30] sd", "truncated-normal", P_TRUNC (5.0, 0.5, -10.5, -10.0) },
};

/* The truncated normal's standardised bounds, and its probability from the side where
 * it does not cancel. */
static void
truncated_setup (const DistCase *c, double *a, double *b, gboolean *upper_side, double *z)
{
  const PsDistParams *g = &c->given;

  *a = g->has_lower ? (g->lower - g->mean) / g->sd : -INFINITY;
  *b = g->has_upper ? (g->upper - g->mean) / g->sd : INFINITY;
  *upper_side = *a + *b > 0;
  *z = *upper_side ? gsl_cdf_ugaussian_Q (*a) - gsl_cdf_ugaussian_Q (*b)
                   : gsl_cdf_ugaussian_P (*b) - gsl_cdf_ugaussian_P (*a);
}

static double
phi_times (double z)
{
  return isinf (z) ? 0.0 : z * gsl_ran_ugaussian_pdf (z);
}

static double
phi0 (double z)
{
  return isinf (z) ? 0.0 : gsl_ran_ugaussian_pdf (z);
}

static void
setup_exact (DistCase *c)
{
  const PsDistParams *g = &c->given;
  double m = g->mean, s = g->sd;

  c->lower = -INFINITY;
  c->upper = INFINITY;
  if (g_str_equal (c->name, "normal") || g_str_equal (c->name, "lognormal")
      || g_str_equal (c->name, "gumbel"))
    {
      c->mean = m;
      c->sd = s;
      if (g_str_equal (c->name, "lognormal"))
        c->lower = 0.0;
    }
  else if (g_str_equal (c->name, "uniform"))
    {
      double a = g->has_lower ? g->lower : m - sqrt (3.0) * s;
      double b = g->has_upper ? g->upper : m + sqrt (3.0) * s;
      c->mean = 0.5 * (a + b);
      c->sd = (b - a) / sqrt (12.0);
      c->lower = a;
      c->upper = b;
    }
  else if (g_str_equal (c->name, "weibull"))
    {
      if (g->has_shape)
        {
          double k = g->shape, l = g->scale;
          double g1 = gsl_sf_gamma (1.0 + 1.0 / k), g2 = gsl_sf_gamma (1.0 + 2.0 / k);
          c->mean = l * g1;
          c->sd = l * sqrt (g2 - g1 * g1);
        }
      else
        {
          c->mean = m;
          c->sd = s;
        }
      c->lower = 0.0;
    }
  else if (g_str_equal (c->name, "exponential"))
    {
      c->mean = c->sd = m;
      c->lower = 0.0;
    }
  else
    {
      double a, b, z;
      gboolean up;

      truncated_setup (c, &a, &b, &up, &z);
      double mz = (phi0 (a) - phi0 (b)) / z;
      double vz = 1.0 + (phi_times (a) - phi_times (b)) / z - mz * mz;
      c->mean = m + s * mz;
      c->sd = s * sqrt (vz);
      c->lower = g->has_lower ? g->lower : -INFINITY;
      c->upper = g->has_upper ? g->upper : INFINITY;
    }
}

/* The CDF from GSL, from the parameters as the user gave them. */
static double
gsl_cdf (const DistCase *c, double x)
{
  const PsDistParams *g = &c->given;

  if (g_str_equal (c->name, "normal"))
    return gsl_cdf_gaussian_P (x - g->mean, g->sd);
  if (g_str_equal (c->name, "lognormal"))
    {
      double s2 = log1p ((g->sd / g->mean) * (g->sd / g->mean));
      return gsl_cdf_lognormal_P (x, log (g->mean) - 0.5 * s2, sqrt (s2));
    }
  if (g_str_equal (c->name, "gumbel"))
    {
      double beta = g->sd * sqrt (6.0) / M_PI;
      double mu = g->mean - 0.5772156649015329 * beta;
      return gsl_cdf_gumbel1_P ((x - mu) / beta, 1.0, 1.0);
    }
  if (g_str_equal (c->name, "uniform"))
    return gsl_cdf_flat_P (x, c->lower, c->upper);
  if (g_str_equal (c->name, "weibull"))
    {
      if (g->has_shape)
        return gsl_cdf_weibull_P (x, g->scale, g->shape);
      /* mean/sd: the shape and scale that ps-dist solved for are checked against the
       * mean and sd in test_dist_moments; use them here. */
      return NAN;
    }
  if (g_str_equal (c->name, "exponential"))
    return gsl_cdf_exponential_P (x, g->mean);

  double a, b, z;
  gboolean up;
  truncated_setup (c, &a, &b, &up, &z);
  double t = (x - g->mean) / g->sd;
  if (up)
    return (gsl_cdf_gaussian_Q (a, 1.0) - gsl_cdf_gaussian_Q (t, 1.0)) / z;
  return (gsl_cdf_gaussian_P (t, 1.0) - gsl_cdf_gaussian_P (a, 1.0)) / z;
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static void
test_dist_case (gconstpointer data)
{
  DistCase *c = (DistCase *)data;
  const gsize n = scaled (1000000);
  g_autofree double *x = g_new (double, n);
  g_autofree char *err = NULL;
  PsDist d;

  setup_exact (c);
  if (!ps_dist_init (&d, c->name, &c->given, &err))
    g_error ("%s: %s", c->label, err);
  g_assert_cmpstr (ps_dist_kind_name (d.kind), ==, c->name);

  /* ps_dist_mean/sd agree with the independent exact values. The closed forms for the
   * truncated normal lose about z^4 to cancellation at z standard deviations. */
  double tol = 1e-10;
  if (d.kind == PS_DIST_TRUNCATED_NORMAL)
    {
      double a, b, z;
      gboolean up;
      truncated_setup (c, &a, &b, &up, &z);
      double far = MIN (isinf (a) ? G_MAXDOUBLE : fabs (a), isinf (b) ? G_MAXDOUBLE : fabs (b));
      far = (a < 0 && b > 0) ? 0.0 : far;
      tol = 1e-13 * (1.0 + far * far * far * far) + 1e-10;
    }
  g_assert_cmpfloat (fabs (ps_dist_mean (&d) - c->mean), <=, tol * (fabs (c->mean) + c->sd));
  g_assert_cmpfloat (fabs (ps_dist_sd (&d) - c->sd), <=, tol * c->sd);

  /* Sample, in place, by blocks of an awkward size; each case its own stream. */
  guint32 var = (guint32)(c - dist_cases);
  ps_rng_uniforms (0xC0FFEE, var, 5, n, x);
  for (gsize i = 0; i < n; i += 1000 + 3)
    ps_dist_quantile_block (&d, x + i, MIN (1003, n - i), x + i);

  /* The block version equals the scalar one to the bit. */
  for (gsize i = 0; i < n; i += 7)
    {
      double want = ps_dist_quantile (&d, ps_rng_uniform (0xC0FFEE, var, 5 + i));
      if (!same_bits (x[i], want))
        g_error ("%s: sample %" G_GSIZE_FORMAT ": block %.17g, scalar %.17g", c->label, i, x[i],
                 want);
    }

  /* Sample moments within 5 standard errors of the exact ones. */
  double sum = 0.0;
  for (gsize i = 0; i < n; i++)
    sum += x[i];
  double mean = sum / n;
  double m2 = 0.0, m4 = 0.0;
  for (gsize i = 0; i < n; i++)
    {
      double e = x[i] - mean;
      m2 += e * e;
      m4 += e * e * e * e;
      if (!(x[i] >= c->lower && x[i] <= c->upper))
        g_error ("%s: sample %.17g outside [%g, %g]", c->label, x[i], c->lower, c->upper);
    }
  m2 /= n;
  m4 /= n;
  double se_mean = c->sd / sqrt ((double)n);
  double se_var = sqrt ((m4 - m2 * m2) / n);
  g_test_message ("%s: mean %.6g (exact %.6g, %.2f se), variance %.6g (exact %.6g, %.2f se)",
                  c->label, mean, c->mean, (mean - c->mean) / se_mean, m2, c->sd * c->sd,
                  (m2 - c->sd * c->sd) / se_var);
  g_assert_cmpfloat (fabs (mean - c->mean), <, 5.0 * se_mean);
  g_assert_cmpfloat (fabs (m2 - c->sd * c->sd), <, 5.0 * se_var);

  /* Kolmogorov-Smirnov against GSL's CDF. */
  qsort (x, n, sizeof (double), cmp_double);
  double dmax = 0.0;
  gboolean have_cdf = !isnan (gsl_cdf (c, x[0]));
  for (gsize i = 0; i < n && have_cdf; i++)
    {
      double f = gsl_cdf (c, x[i]);
      dmax = MAX (dmax, MAX (f - (double)i / n, (double)(i + 1) / n - f));
    }
  if (!have_cdf) /* weibull from mean and sd: against the solved parameters */
    for (gsize i = 0; i < n; i++)
      {
        double f = gsl_cdf_weibull_P (x[i], d.p[0], d.p[2]);
        dmax = MAX (dmax, MAX (f - (double)i / n, (double)(i + 1) / n - f));
      }
  g_test_message ("%s: Kolmogorov-Smirnov D sqrt(n) = %.3f", c->label, dmax * sqrt ((double)n));
  g_assert_cmpfloat (dmax * sqrt ((double)n), <, 1.95);

  /* The quantile rises with u. */
  double prev = -INFINITY;
  for (int i = 1; i < 100000; i++)
    {
      double v = ps_dist_quantile (&d, i / 100000.0);
      g_assert_cmpfloat (v, >=, prev);
      prev = v;
    }

  /* ps_dist_cdf inverts the quantile. */
  for (int i = 1; i < 100; i++)
    {
      double u = i / 100.0;
      double f = ps_dist_cdf (&d, ps_dist_quantile (&d, u));
      g_assert_cmpfloat (fabs (f - u), <, 1e-9);
    }
}

/* Every sample of a truncated normal lies inside its bounds, also at the extreme
 * uniforms and for intervals where rounding is most likely to push it out. */
static void
test_dist_truncated_bounds (void)
{
  const double intervals[][4] = {
    /* mean, sd, lower, upper */
    { 0.0, 1.0, 8.0, 9.0 },       { 0.0, 1.0, -9.0, -8.0 },
    { 3.3, 0.7, 3.3, 3.3000001 }, { 1e5, 1.0, 1e5 + 0.1, 1e5 + 0.2 },
    { 2.385, 1.2, -37.0, 2.0 },   { 0.0, 1.0, 30.0, 35.0 },
    { 0.0, 1.0, -1e-9, 1e-9 },
  };
  const double us[] = { 0x1p-33, 0x1p-32, 1e-9, 0.25, 0.5, 0.75, 1.0 - 1e-9, 1.0 - 0x1p-33 };

  for (guint c = 0; c < G_N_ELEMENTS (intervals); c++)
    {
      PsDistParams g = P_TRUNC (intervals[c][0], intervals[c][1], intervals[c][2], intervals[c][3]);
      g_autofree char *err = NULL;
      PsDist d;

      if (!ps_dist_init (&d, "truncated-normal", &g, &err))
        g_error ("[%g, %g]: %s", g.lower, g.upper, err);
      for (guint i = 0; i < G_N_ELEMENTS (us); i++)
        {
          double x = ps_dist_quantile (&d, us[i]);
          if (!(x >= g.lower && x <= g.upper))
            g_error ("[%.17g, %.17g]: F^-1(%g) = %.17g is outside", g.lower, g.upper, us[i], x);
        }
      double u[4096], x[4096];
      ps_rng_uniforms (c, 0, 0, G_N_ELEMENTS (u), u);
      ps_dist_quantile_block (&d, u, G_N_ELEMENTS (u), x);
      for (guint i = 0; i < G_N_ELEMENTS (x); i++)
        g_assert_true (x[i] >= g.lower && x[i] <= g.upper);
    }
}

/* Block and scalar agree on arbitrary u as well (not only Philox uniforms), including
 * the tails beyond what Philox produces and the ends 0 and 1. */
static void
test_dist_block_scalar (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (4);
  const gsize n = 3 * 256 + 17;
  double u[3 * 256 + 17], x[3 * 256 + 17];

  for (guint c = 0; c < G_N_ELEMENTS (dist_cases); c++)
    {
      PsDist d;
      g_autofree char *err = NULL;

      if (!ps_dist_init (&d, dist_cases[c].name, &dist_cases[c].given, &err))
        g_error ("%s: %s", dist_cases[c].label, err);
      for (gsize i = 0; i < n; i++)
        {
          switch (i % 5)
            {
            case 0:
              u[i] = exp (g_rand_double_range (rand, log (1e-300), log (1e-3)));
              break;
            case 1:
              u[i] = 1.0 - exp (g_rand_double_range (rand, log (1e-16), log (1e-3)));
              break;
            default:
              u[i] = g_rand_double (rand);
              break;
            }
        }
      u[3] = 0.0;
      u[10] = 1.0;
      ps_dist_quantile_block (&d, u, n, x);
      for (gsize i = 0; i < n; i++)
        if (!same_bits (x[i], ps_dist_quantile (&d, u[i])))
          g_error ("%s: u = %.17g: block %.17g, scalar %.17g", dist_cases[c].label, u[i], x[i],
                   ps_dist_quantile (&d, u[i]));
    }
}

/* The solved Weibull shape reproduces the mean and sd it was solved from. */
static void
test_dist_weibull_fit (void)
{
  const double covs[] = { 0.01, 0.05, 0.2785, 0.5, 1.0, 2.7, 10.0 };

  for (guint c = 0; c < G_N_ELEMENTS (covs); c++)
    {
      PsDistParams g = P_MEAN_SD (23.85, 23.85 * covs[c]);
      g_autofree char *err = NULL;
      PsDist d;

      if (!ps_dist_init (&d, "weibull", &g, &err))
        g_error ("cov %g: %s", covs[c], err);
      g_assert_cmpfloat (fabs (ps_dist_mean (&d) - g.mean), <, 1e-10 * g.mean);
      g_assert_cmpfloat (fabs (ps_dist_sd (&d) - g.sd), <, 1e-9 * g.sd);
    }
  /* cov = 1 is the exponential: shape 1, scale = mean. */
  PsDistParams g = P_MEAN_SD (23.85, 23.85);
  PsDist d;
  g_assert_true (ps_dist_init (&d, "weibull", &g, NULL));
  g_assert_cmpfloat (fabs (d.p[2] - 1.0), <, 1e-9);
  g_assert_cmpfloat (fabs (d.p[0] - 23.85), <, 1e-8);
}

typedef struct
{
  const char *label;
  const char *name;
  PsDistParams given;
  const char *message; /* a part of the expected message */
} BadCase;

static const BadCase bad_cases[] = {
  { "normal sd 0", "normal", P_MEAN_SD (10.0, 0.0), "normal: 'sd' must be positive (got 0)" },
  { "normal sd negative", "normal", P_MEAN_SD (10.0, -2.5), "'sd' must be positive (got -2.5)" },
  { "normal without sd", "normal", { .has_mean = TRUE, .mean = 3.0 }, "normal: 'sd' is required" },
  { "normal without mean", "normal", { .has_sd = TRUE, .sd = 3.0 }, "'mean' is required" },
  { "normal NaN mean", "normal", P_MEAN_SD (NAN, 1.0), "'mean' must be a finite number" },
  { "normal with shape",
    "normal",
    { .has_mean = TRUE, .mean = 1, .has_sd = TRUE, .sd = 1, .has_shape = TRUE, .shape = 2 },
    "normal: 'shape' is not a parameter of this distribution" },
  { "lognormal mean negative", "lognormal", P_MEAN_SD (-3.0, 1.0),
    "lognormal: 'mean' must be positive (got -3)" },
  { "lognormal mean 0", "lognormal", P_MEAN_SD (0.0, 1.0), "'mean' must be positive" },
  { "lognormal sd 0", "lognormal", P_MEAN_SD (300.0, 0.0), "'sd' must be positive" },
  { "gumbel sd negative", "gumbel", P_MEAN_SD (48.3, -7.25), "gumbel: 'sd' must be positive" },
  { "uniform lower = upper", "uniform", P_BOUNDS (5.0, 5.0),
    "uniform: 'lower' (5) must be less than 'upper' (5)" },
  { "uniform lower > upper", "uniform", P_BOUNDS (7.93, 2.385),
    "'lower' (7.93) must be less than 'upper' (2.385)" },
  { "uniform lower only", "uniform", { .has_lower = TRUE, .lower = 1.0 }, "'upper' is required" },
  { "uniform bounds and mean",
    "uniform",
    { .has_mean = TRUE, .mean = 1, .has_lower = TRUE, .lower = 0, .has_upper = TRUE, .upper = 2 },
    "give either 'lower' and 'upper' or 'mean' and 'sd'" },
  { "uniform sd 0", "uniform", P_MEAN_SD (5.0, 0.0), "uniform: 'sd' must be positive" },
  { "weibull shape 0", "weibull", P_SHAPE_SCALE (0.0, 41.6),
    "weibull: 'shape' must be positive (got 0)" },
  { "weibull scale negative", "weibull", P_SHAPE_SCALE (2.37, -41.6), "'scale' must be positive" },
  { "weibull shape without scale",
    "weibull",
    { .has_shape = TRUE, .shape = 2.0 },
    "'scale' is required" },
  { "weibull cov too large", "weibull", P_MEAN_SD (1.0, 1e20), "outside the range" },
  { "weibull cov too small", "weibull", P_MEAN_SD (1.0, 1e-7), "sd/mean = 1e-07 is outside" },
  { "weibull mean negative", "weibull", P_MEAN_SD (-35.2, 9.8), "'mean' must be positive" },
  { "exponential sd != mean", "exponential", P_MEAN_SD (3.85, 2.0),
    "exponential: 'sd' (2) must equal 'mean' (3.85)" },
  { "exponential mean 0",
    "exponential",
    { .has_mean = TRUE, .mean = 0.0 },
    "'mean' must be positive" },
  { "truncated lower = upper", "truncated-normal", P_TRUNC (0, 1, 1.5, 1.5),
    "'lower' (1.5) must be less than 'upper' (1.5)" },
  { "truncated negligible", "truncated-normal", P_TRUNC (0, 1, 40, 41), "negligible probability" },
  { "truncated negligible below", "truncated-normal", P_TRUNC_UPPER (100, 1, 50),
    "negligible probability" },
  { "truncated without bounds", "truncated-normal", P_MEAN_SD (0.0, 1.0),
    "'lower' or 'upper' (or both) is required" },
  { "truncated sd 0", "truncated-normal", P_TRUNC_LOWER (0, 0, 1),
    "truncated-normal: 'sd' must be positive" },
  { "unknown", "gamma", P_MEAN_SD (1.0, 1.0), "unknown distribution 'gamma'" },
};

static void
test_dist_errors (void)
{
  for (guint c = 0; c < G_N_ELEMENTS (bad_cases); c++)
    {
      const BadCase *k = &bad_cases[c];
      g_autofree char *err = NULL;
      PsDist d = { PS_DIST_NORMAL, { 1, 2, 3, 4 } };

      if (ps_dist_init (&d, k->name, &k->given, &err))
        g_error ("%s: accepted", k->label);
      g_assert_nonnull (err);
      if (strstr (err, k->message) == NULL)
        g_error ("%s: message \"%s\" does not contain \"%s\"", k->label, err, k->message);
      g_assert_cmpint (d.kind, ==, PS_DIST_NONE);
      g_assert_false (ps_dist_init (&d, k->name, &k->given, NULL));
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/rng/philox-kat", test_philox_kat);
  g_test_add_func ("/engine/rng/philox-random123", test_philox_random123);
  g_test_add_func ("/engine/rng/stream-contract", test_rng_contract);
  g_test_add_func ("/engine/rng/uniforms-scalar", test_rng_uniforms_scalar);
  g_test_add_func ("/engine/rng/uniforms-split", test_rng_uniforms_split);
  g_test_add_func ("/engine/rng/uniforms-moments", test_rng_uniforms_moments);
  g_test_add_func ("/engine/rng/math-ulp", test_math_ulp1);
  g_test_add_func ("/engine/rng/math-pow-ulp", test_math_pow_ulp);
  g_test_add_func ("/engine/rng/math-special", test_math_special);
  g_test_add_func ("/engine/rng/math-trig-large", test_math_trig_large);
  g_test_add_func ("/engine/rng/normal-quantile-gsl", test_normal_quantile_gsl);
  g_test_add_func ("/engine/rng/normal-cdf-gsl", test_normal_cdf_gsl);
  for (guint c = 0; c < G_N_ELEMENTS (dist_cases); c++)
    {
      g_autofree char *path = g_strdup_printf ("/engine/rng/dist/%s", dist_cases[c].label);
      for (char *p = path + strlen ("/engine/rng/dist/"); *p; p++)
        if (*p == ' ' || *p == '/' || *p == '(' || *p == ')' || *p == ',' || *p == '[' || *p == ']')
          *p = '-';
      g_test_add_data_func (path, &dist_cases[c], test_dist_case);
    }
  g_test_add_func ("/engine/rng/dist-truncated-bounds", test_dist_truncated_bounds);
  g_test_add_func ("/engine/rng/dist-block-scalar", test_dist_block_scalar);
  g_test_add_func ("/engine/rng/dist-weibull-fit", test_dist_weibull_fit);
  g_test_add_func ("/engine/rng/dist-errors", test_dist_errors);

  return g_test_run ();
}
