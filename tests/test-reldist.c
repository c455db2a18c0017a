#define G_LOG_DOMAIN "parastudy-test"
#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>

#include "ps-dist.h"
#include "ps-philox.h"
#include "ps-test-utils.h"

/* The distributions of issue 17: beta, gamma, gumbel-min, frechet, triangular and the
 * three-parameter lognormal.
 *
 * References:
 *   [JKB1], [JKB2]  N. L. Johnson, S. Kotz and N. Balakrishnan, Continuous Univariate
 *           Distributions, vol. 1 and 2, 2nd ed., Wiley 1994-95: the moments below,
 *           computed here from the parameters with GSL's gamma function: gamma (vol. 1,
 *           ch. 17: k theta, k theta^2), lognormal (ch. 14: shifted by its lower
 *           bound), beta (vol. 2, ch. 25: alpha/(alpha + beta), alpha beta/((alpha +
 *           beta)^2 (alpha + beta + 1)) times the width), Frechet (ch. 22, the type II
 *           extreme value law: s Gamma(1 - 1/alpha), s^2 (Gamma(1 - 2/alpha) -
 *           Gamma(1 - 1/alpha)^2)), Gumbel for minima (ch. 22: mean mu - gamma_E beta,
 *           sd pi beta / sqrt 6), triangular (ch. 26: (a + b + c)/3, (a^2 + b^2 + c^2 -
 *           ab - ac - bc)/18).
 *   [GSL]   GSL 2.7's gsl_cdf_beta_P/Q/Pinv and gsl_cdf_gamma_P/Q/Pinv, an independent
 *           implementation of the CDFs and quantiles (host only, rounded differently).
 * Kolmogorov-Smirnov: D sqrt(n) < 1.95 is the 0.1 % critical value of the limiting
 * Kolmogorov distribution; the seeds are fixed, so the outcome is too.
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

typedef struct
{
  const char *label;
  const char *name;
  PsDistParams given;
  double mean, sd; /* exact, from setup_exact() */
} Case;

static Case cases[] = {
  { "beta on [0.8, 1.2]",
    "beta",
    { .has_alpha = TRUE,
      .alpha = 2.37,
      .has_beta = TRUE,
      .beta = 4.1,
      .has_lower = TRUE,
      .lower = 0.8,
      .has_upper = TRUE,
      .upper = 1.2 } },
  { "beta U-shaped", "beta", { .has_alpha = TRUE, .alpha = 0.62, .has_beta = TRUE, .beta = 0.48 } },
  { "gamma shape/scale",
    "gamma",
    { .has_shape = TRUE, .shape = 3.7, .has_scale = TRUE, .scale = 12.5 } },
  { "gamma mean/sd", "gamma", { .has_mean = TRUE, .mean = 23.85, .has_sd = TRUE, .sd = 11.2 } },
  { "gamma shape < 1",
    "gamma",
    { .has_shape = TRUE, .shape = 0.45, .has_scale = TRUE, .scale = 2.2 } },
  { "gumbel-min", "gumbel-min", { .has_mean = TRUE, .mean = 48.3, .has_sd = TRUE, .sd = 7.25 } },
  { "frechet shape/scale",
    "frechet",
    { .has_shape = TRUE, .shape = 4.6, .has_scale = TRUE, .scale = 12.3 } },
  { "frechet mean/sd with lower",
    "frechet",
    { .has_mean = TRUE,
      .mean = 60.0,
      .has_sd = TRUE,
      .sd = 18.0,
      .has_lower = TRUE,
      .lower = 10.0 } },
  { "triangular",
    "triangular",
    { .has_lower = TRUE,
      .lower = 2.385,
      .has_mode = TRUE,
      .mode = 4.1,
      .has_upper = TRUE,
      .upper = 7.93 } },
  { "triangular mode = lower",
    "triangular",
    { .has_lower = TRUE,
      .lower = 1.0,
      .has_mode = TRUE,
      .mode = 1.0,
      .has_upper = TRUE,
      .upper = 3.0 } },
  { "lognormal three-parameter",
    "lognormal",
    { .has_mean = TRUE,
      .mean = 300.0,
      .has_sd = TRUE,
      .sd = 30.0,
      .has_lower = TRUE,
      .lower = 150.0 } },
};

/* [JKB] closed forms, from the parameters as given. */
static void
setup_exact (Case *c)
{
  const PsDistParams *g = &c->given;

  if (g_str_equal (c->name, "beta"))
    {
      double a = g->alpha, b = g->beta;
      double lo = g->has_lower ? g->lower : 0.0, w = (g->has_upper ? g->upper : 1.0) - lo;
      c->mean = lo + w * a / (a + b);
      c->sd = w * sqrt (a * b / ((a + b) * (a + b) * (a + b + 1.0)));
    }
  else if (g_str_equal (c->name, "gamma"))
    {
      if (g->has_shape)
        {
          c->mean = g->shape * g->scale;
          c->sd = sqrt (g->shape) * g->scale;
        }
      else
        {
          c->mean = g->mean;
          c->sd = g->sd;
        }
    }
  else if (g_str_equal (c->name, "frechet") && g->has_shape)
    {
      double a = g->shape, g1 = gsl_sf_gamma (1.0 - 1.0 / a);
      c->mean = g->scale * g1;
      c->sd = g->scale * sqrt (gsl_sf_gamma (1.0 - 2.0 / a) - g1 * g1);
    }
  else if (g_str_equal (c->name, "triangular"))
    {
      double a = g->lower, m = g->mode, b = g->upper;
      c->mean = (a + m + b) / 3.0;
      c->sd = sqrt ((a * a + b * b + m * m - a * b - a * m - b * m) / 18.0);
    }
  else
    {
      c->mean = g->mean;
      c->sd = g->sd;
    }
}

/* An independent CDF and survival function: GSL's where it has one, else the closed
 * forms of [JKB] written here again. */
static double
ref_cdf (const PsDist *d, double x, gboolean upper)
{
  switch (d->kind)
    {
    case PS_DIST_BETA:
      {
        double y = (x - d->p[2]) / d->p[3];
        y = CLAMP (y, 0.0, 1.0);
        return upper ? gsl_cdf_beta_Q (y, d->p[0], d->p[1]) : gsl_cdf_beta_P (y, d->p[0], d->p[1]);
      }
    case PS_DIST_GAMMA:
      return upper ? gsl_cdf_gamma_Q (x, d->p[0], d->p[1]) : gsl_cdf_gamma_P (x, d->p[0], d->p[1]);
    case PS_DIST_GUMBEL_MIN:
      return upper ? gsl_cdf_gumbel1_P (-(x - d->p[0]) / d->p[1], 1.0, 1.0)
                   : gsl_cdf_gumbel1_Q (-(x - d->p[0]) / d->p[1], 1.0, 1.0);
    case PS_DIST_FRECHET:
      {
        double t = pow ((x - d->p[2]) / d->p[0], -d->p[3]);
        return upper ? -expm1 (-t) : exp (-t);
      }
    case PS_DIST_TRIANGULAR:
      {
        double a = d->p[0], c = d->p[1], b = d->p[2];

        if (x <= c && c > a)
          {
            double f = (x - a) * (x - a) / ((b - a) * (c - a));
            return upper ? 1.0 - f : f;
          }
        double s = (b - x) * (b - x) / ((b - a) * (b - c));
        return upper ? s : 1.0 - s;
      }
    case PS_DIST_LOGNORMAL3:
      return upper ? gsl_cdf_lognormal_Q (x - d->p[2], d->p[0], d->p[1])
                   : gsl_cdf_lognormal_P (x - d->p[2], d->p[0], d->p[1]);
    default:
      g_assert_not_reached ();
    }
}

static void
init_case (const Case *c, PsDist *d)
{
  g_autofree char *msg = NULL;

  if (!ps_dist_init_full (d, c->name, &c->given, &msg))
    g_error ("%s: %s", c->label, msg);
}

static void
test_moments (void)
{
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      Case *c = &cases[k];
      PsDist d;
      gsize n = scaled (200000);
      g_autofree double *u = g_new (double, n);
      g_autofree double *x = g_new (double, n);
      double sum = 0.0, sum2 = 0.0, mean, sd;

      setup_exact (c);
      init_case (c, &d);
      assert_close (c->label, ps_dist_mean (&d), c->mean, 1e-12);
      assert_close (c->label, ps_dist_sd (&d), c->sd, 1e-10);

      ps_rng_uniforms (20261207, 7 + k, 0, n, u);
      ps_dist_quantile_block (&d, u, n, x);
      for (gsize i = 0; i < n; i++)
        {
          sum += x[i];
          sum2 += (x[i] - c->mean) * (x[i] - c->mean);
        }
      mean = sum / n;
      sd = sqrt (sum2 / n);
      if (fabs (mean - c->mean) > 5.0 * c->sd / sqrt ((double)n))
        g_error ("%s: sample mean %.10g, exact %.10g", c->label, mean, c->mean);
      /* the sd of the sample sd is below sd sqrt(kurtosis/4n); these kurtoses are
       * under 12 */
      if (fabs (sd - c->sd) > 5.0 * c->sd * sqrt (12.0 / (4.0 * n)))
        g_error ("%s: sample sd %.10g, exact %.10g", c->label, sd, c->sd);
    }
}

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : (x > y ? 1 : 0);
}

static void
test_ks (void)
{
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      const Case *c = &cases[k];
      PsDist d;
      gsize n = scaled (100000);
      g_autofree double *u = g_new (double, n);
      g_autofree double *x = g_new (double, n);
      double dmax = 0.0;

      init_case (c, &d);
      ps_rng_uniforms (77, 1000 + k, 5, n, u);
      ps_dist_quantile_block (&d, u, n, x);
      qsort (x, n, sizeof (double), cmp_double);
      for (gsize i = 0; i < n; i++)
        {
          double f = ref_cdf (&d, x[i], FALSE);
          dmax = MAX (dmax, MAX (fabs (f - (double)i / n), fabs ((double)(i + 1) / n - f)));
        }
      if (!(dmax * sqrt ((double)n) < 1.95))
        g_error ("%s: Kolmogorov-Smirnov D sqrt(n) = %g", c->label, dmax * sqrt ((double)n));
    }
}

/* x -> F(x) by [GSL]/[JKB], back through ps-dist's deterministic quantile, from the
 * side where the probability is small; and against GSL's quantiles. */
static void
test_roundtrip (void)
{
  static const double probs[] = { 1e-12, 1e-9, 1e-6, 1e-3, 0.0217, 0.25, 0.5, 0.77, 0.9 };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      const Case *c = &cases[k];
      PsDist d;

      init_case (c, &d);
      for (guint j = 0; j < G_N_ELEMENTS (probs); j++)
        for (int side = 0; side < 2; side++)
          {
            double p = probs[j];
            double x = side ? ps_dist_quantile_upper (&d, p) : ps_dist_quantile (&d, p);
            double back = ref_cdf (&d, x, side);
            g_autofree char *label
                = g_strdup_printf ("%s, %s p = %g", c->label, side ? "upper" : "lower", p);

            /* The quantile is exact to the rounding of x: F(x) within the density
             * times a few ulp of x (near a finite end of the support that may be much
             * more than 1e-9 p: a U-shaped beta's upper 1e-12 lies 1e-25 below 1). */
            double slack = ps_dist_pdf (&d, x) * 8.0 * DBL_EPSILON * MAX (fabs (x), 1e-300);
            if (!(fabs (back - p) <= 1e-9 * p + slack))
              g_error ("%s: F(x) = %.17g, p = %g (x = %.17g)", label, back, p, x);
            if (slack > 1e-9 * p)
              continue;
            /* and quantile(F(x)) gives x back */
            double x2 = side ? ps_dist_quantile_upper (&d, back) : ps_dist_quantile (&d, back);
            assert_close (label, x2, x, 1e-9);
            if (d.kind == PS_DIST_BETA)
              {
                double y = side ? gsl_cdf_beta_Qinv (p, d.p[0], d.p[1])
                                : gsl_cdf_beta_Pinv (p, d.p[0], d.p[1]);
                assert_close (label, (x - d.p[2]) / d.p[3], y, 1e-9);
              }
            if (d.kind == PS_DIST_GAMMA)
              {
                double y = side ? gsl_cdf_gamma_Qinv (p, d.p[0], d.p[1])
                                : gsl_cdf_gamma_Pinv (p, d.p[0], d.p[1]);
                assert_close (label, x, y, 1e-9);
              }
          }
    }
}

/* The block transform and the scalar one give the same bits; the standard normal map
 * agrees with the quantile. */
static void
test_block_and_normal_map (void)
{
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      const Case *c = &cases[k];
      PsDist d;
      double u[300], x[300];

      init_case (c, &d);
      ps_rng_uniforms (9, 3, 11, G_N_ELEMENTS (u), u);
      ps_dist_quantile_block (&d, u, G_N_ELEMENTS (u), x);
      for (guint i = 0; i < G_N_ELEMENTS (u); i++)
        {
          double s = ps_dist_quantile (&d, u[i]);
          g_assert_cmpmem (&s, sizeof s, &x[i], sizeof x[i]);
        }
      for (double z = -7.5; z <= 7.5; z += 0.83)
        {
          double xz = ps_dist_from_normal (&d, z);
          /* as in quantile-of-cdf: exact to the rounding of x */
          double slack = ps_dist_pdf (&d, xz) * 8.0 * DBL_EPSILON * fabs (xz)
                         / (exp (-0.5 * z * z) / sqrt (2.0 * G_PI));
          double back = ps_dist_to_normal (&d, xz);

          if (!(fabs (back - z) <= 1e-9 * MAX (1.0, fabs (z)) + slack))
            g_error ("%s: z = %g gives x = %.17g and back %.17g", c->label, z, xz, back);
        }
    }
}

typedef struct
{
  const char *label;
  const char *name;
  PsDistParams given;
  const char *message;
} BadCase;

static const BadCase bad_cases[] = {
  { "beta alpha 0",
    "beta",
    { .has_alpha = TRUE, .alpha = 0.0, .has_beta = TRUE, .beta = 2.0 },
    "beta: 'alpha' must be positive (got 0)" },
  { "beta beta negative",
    "beta",
    { .has_alpha = TRUE, .alpha = 2.0, .has_beta = TRUE, .beta = -1.5 },
    "beta: 'beta' must be positive (got -1.5)" },
  { "beta lower = upper",
    "beta",
    { .has_alpha = TRUE,
      .alpha = 2,
      .has_beta = TRUE,
      .beta = 2,
      .has_lower = TRUE,
      .lower = 1.2,
      .has_upper = TRUE,
      .upper = 1.2 },
    "'lower' (1.2) must be less than 'upper' (1.2)" },
  { "beta without alpha", "beta", { .has_beta = TRUE, .beta = 2.0 }, "beta: 'alpha' is required" },
  { "beta with mean",
    "beta",
    { .has_alpha = TRUE, .alpha = 2, .has_beta = TRUE, .beta = 2, .has_mean = TRUE, .mean = 1 },
    "beta: 'mean' is not a parameter of this distribution" },
  { "gamma shape negative",
    "gamma",
    { .has_shape = TRUE, .shape = -2.0, .has_scale = TRUE, .scale = 1.0 },
    "gamma: 'shape' must be positive (got -2)" },
  { "gamma both",
    "gamma",
    { .has_shape = TRUE,
      .shape = 2.0,
      .has_scale = TRUE,
      .scale = 1.0,
      .has_mean = TRUE,
      .mean = 2.0 },
    "give either 'shape' and 'scale' or 'mean' and 'sd'" },
  { "gamma mean negative",
    "gamma",
    { .has_mean = TRUE, .mean = -3, .has_sd = TRUE, .sd = 1 },
    "gamma: 'mean' must be positive" },
  { "gumbel-min sd 0",
    "gumbel-min",
    { .has_mean = TRUE, .mean = 3, .has_sd = TRUE, .sd = 0 },
    "gumbel-min: 'sd' must be positive" },
  { "frechet mean below lower",
    "frechet",
    { .has_mean = TRUE, .mean = 5, .has_sd = TRUE, .sd = 1, .has_lower = TRUE, .lower = 6 },
    "frechet: 'mean' (5) must be greater than 'lower' (6)" },
  { "frechet cov too large",
    "frechet",
    { .has_mean = TRUE, .mean = 1, .has_sd = TRUE, .sd = 1e6 },
    "outside the range of a Frechet distribution" },
  { "triangular mode outside",
    "triangular",
    { .has_lower = TRUE, .lower = 1, .has_mode = TRUE, .mode = 5, .has_upper = TRUE, .upper = 3 },
    "triangular: 'mode' (5) must lie in ['lower', 'upper'] = [1, 3]" },
  { "triangular lower > upper",
    "triangular",
    { .has_lower = TRUE, .lower = 4, .has_mode = TRUE, .mode = 3, .has_upper = TRUE, .upper = 2 },
    "'lower' (4) must be less than 'upper' (2)" },
  { "triangular without mode",
    "triangular",
    { .has_lower = TRUE, .lower = 1, .has_upper = TRUE, .upper = 2 },
    "triangular: 'mode' is required" },
  { "lognormal mean below lower",
    "lognormal",
    { .has_mean = TRUE, .mean = 100, .has_sd = TRUE, .sd = 10, .has_lower = TRUE, .lower = 120 },
    "lognormal: 'mean' (100) must be greater than 'lower' (120)" },
  { "normal with alpha",
    "normal",
    { .has_mean = TRUE, .mean = 1, .has_sd = TRUE, .sd = 1, .has_alpha = TRUE, .alpha = 2 },
    "normal: 'alpha' is not a parameter of this distribution" },
  { "unknown",
    "poisson",
    { .has_mean = TRUE, .mean = 1 },
    "unknown distribution 'poisson' (known: normal, lognormal, gumbel, gumbel-min" },
};

static void
test_errors (void)
{
  for (guint k = 0; k < G_N_ELEMENTS (bad_cases); k++)
    {
      const BadCase *c = &bad_cases[k];
      g_autofree char *msg = NULL;
      PsDist d;

      if (ps_dist_init_full (&d, c->name, &c->given, &msg))
        g_error ("%s: accepted", c->label);
      if (strstr (msg, c->message) == NULL)
        g_error ("%s: message \"%s\" lacks \"%s\"", c->label, msg, c->message);
      g_assert_cmpint (d.kind, ==, PS_DIST_NONE);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/reldist/moments", test_moments);
  g_test_add_func ("/engine/reldist/kolmogorov-smirnov", test_ks);
  g_test_add_func ("/engine/reldist/quantile-of-cdf", test_roundtrip);
  g_test_add_func ("/engine/reldist/block-and-normal-map", test_block_and_normal_map);
  g_test_add_func ("/engine/reldist/errors", test_errors);
  return g_test_run ();
}
