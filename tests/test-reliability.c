#define G_LOG_DOMAIN "parastudy-test"
#include "config.h"

#include <glib/gstdio.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <string.h>

#include "parastudy.h"
#include "ps-philox.h"
#include "ps-reliability.h"
#include "ps-test-utils.h"

/* Tests of the Monte Carlo reliability study: estimates against exact and published
 * failure probabilities, bitwise agreement of every backend and worker count (also
 * with the adaptive stop), sample i computed by the block path equal to the scalar
 * definition, the adaptive stop, convergence.csv, samples where g is NaN, the
 * built-in limit states and bad study files.
 *
 * Sanitizer builds (or PS_TEST_QUICK=1) take ten times fewer samples in the
 * statistical checks; the normal build keeps the 10^7-sample ones. */

static gboolean quick;

static guint64
stat_samples (void)
{
  return quick ? 1000000 : 10000000;
}

/* ---------------------------------------------------------------------------------
 * Study files
 * ------------------------------------------------------------------------------ */

#define LOAD_STRENGTH_VARS                                                                         \
  "\"load\": { \"distribution\": \"normal\", \"mean\": \"1000 kN\", \"sd\": \"100 kN\" },"         \
  "\"strength\": { \"distribution\": \"normal\", \"mean\": \"1500 kN\", \"sd\": \"150 kN\" }"

/* OpenTURNS's "axial stressed beam" use case. */
#define AXIAL_BAR_VARS                                                                             \
  "\"R\": { \"distribution\": \"lognormal\", \"mean\": \"300 MPa\", \"sd\": \"30 MPa\" },"         \
  "\"F\": { \"distribution\": \"normal\", \"mean\": \"75 kN\", \"sd\": \"5 kN\" }"
#define AXIAL_BAR_CONSTS "\"D\": \"20 mm\""
#define AXIAL_BAR_G "\"R - F / (pi * D^2 / 4)\""
#define OPENTURNS_AXIAL_BAR_PF 0.02920

/* Every distribution, each given in one of the ways the file format allows, in a
 * limit state that uses every function and operator and is NaN where t < 0.2 mm
 * (about 6 % of the samples). Pf is about 3e-2. */
#define MIXED_VARS                                                                                 \
  "\"fy\": { \"distribution\": \"lognormal\", \"mean\": \"355 MPa\", \"sd\": \"28.4 MPa\" },"      \
  "\"P\": { \"distribution\": \"gumbel\", \"mean\": \"38.5 kN\", \"sd\": \"9.2 kN\" },"            \
  "\"E\": { \"distribution\": \"normal\", \"mean\": \"210 GPa\", \"sd\": \"12.6 GPa\" },"          \
  "\"b\": { \"distribution\": \"uniform\", \"lower\": \"190 mm\", \"upper\": \"212.5 mm\" },"      \
  "\"k\": { \"distribution\": \"weibull\", \"shape\": 2.385, \"scale\": 1.07 },"                   \
  "\"t\": { \"distribution\": \"exponential\", \"mean\": \"3.2 mm\" },"                            \
  "\"h\": { \"distribution\": \"truncated-normal\", \"mean\": \"300 mm\", \"sd\": \"12 mm\","      \
  "         \"lower\": \"285 mm\", \"upper\": \"330 mm\" }"
#define MIXED_CONSTS "\"L\": \"6 m\", \"c\": 0.125"
#define MIXED_G                                                                                    \
  "\"fy * exp(-c * abs(sin(t * 100))) - k * 6 * P * L / (b * pow(h, 2)) - E / 2000"                \
  " - max(sqrt(t - 0.2e-3) * 1e9, 1e6) * min(cos(h), 1) + log(h / 0.3) * 1e8 * tan(0.1)"           \
  " - -(h - 0.3)^2 * 2^-1 * 1e9\""

/* The variables, constants and limit state of each study above: the first three
 * arguments of load_study(), or three fields of a case. */
#define LOAD_STRENGTH LOAD_STRENGTH_VARS, NULL, "\"strength - load\""
#define AXIAL_BAR AXIAL_BAR_VARS, AXIAL_BAR_CONSTS, AXIAL_BAR_G
#define MIXED MIXED_VARS, MIXED_CONSTS, MIXED_G

/* A study of a case table, and its label. */
typedef struct
{
  const char *label;
  const char *variables;
  const char *constants;
  const char *limit_state;
  const char *method;
} StudyCase;

static char *
study_json (const char *variables, const char *constants, const char *limit_state,
            const char *method)
{
  /* The method is Monte Carlo unless @method names another. */
  return g_strdup_printf ("{ \"parastudy\": 1, \"kind\": \"reliability\", \"name\": \"Test\","
                          "  \"variables\": { %s },"
                          "  \"constants\": { %s },"
                          "  \"limit_state\": %s,"
                          "  \"method\": { %s%s } }",
                          variables, constants ? constants : "", limit_state,
                          strstr (method, "\"name\"") ? "" : "\"name\": \"monte-carlo\", ", method);
}

static PsStudy *
load_json (const char *json)
{
  PsStudy *study = load_text_ok (json, NULL);

  g_assert_true (ps_study_get_kind (study) == &ps_reliability_class);
  g_assert_true (study->klass == &ps_reliability_class);
  return study;
}

static PsStudy *
load_study (const char *variables, const char *constants, const char *limit_state,
            const char *method)
{
  g_autofree char *json = study_json (variables, constants, limit_state, method);

  return load_json (json);
}

static const PsReliabilityModel *
model_of (const PsStudy *study)
{
  return study->model;
}

/* ---------------------------------------------------------------------------------
 * Running and reading the results
 * ------------------------------------------------------------------------------ */

static PsRunResult *
run_study (const PsStudy *study, const char *backend, int workers)
{
  PsRunOptions options;
  PsRunResult *result;

  ps_run_options_init (&options);
  options.backend = backend;
  options.workers = workers;
  result = run_ok (study, &options, NULL);
  g_assert_cmpstr (result->backend, ==, backend);
  return result;
}

static const PsReliabilitySummary *
summary_of (const PsRunResult *r)
{
  return r->summary;
}

static const char *
stopped_by (const PsStudy *study, const PsRunResult *r)
{
  g_autoptr (JsonObject) obj = summary_object (study, r);
  static char buf[32];

  g_strlcpy (buf, json_object_get_string_member (obj, "stopped_by"), sizeof buf);
  return buf;
}

/* |pf - exact| <= 4 standard errors of a binomial proportion of n samples. */
static void
assert_within_4_se (guint64 failures, guint64 n, double exact, const char *what)
{
  double pf = (double)failures / (double)n;
  double se = sqrt (exact * (1.0 - exact) / (double)n);
  double dev = (pf - exact) / se;

  g_test_message ("%s: Pf %.6g (%" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT "), exact %.6g, "
                  "%+.2f standard errors",
                  what, pf, failures, n, exact, dev);
  if (!(fabs (dev) <= 4.0))
    g_error ("%s: Pf %.8g from %" G_GUINT64_FORMAT " samples is %.2f standard errors from "
             "%.8g",
             what, pf, n, dev, exact);
}

/* The failures and NaN samples of samples [0, n) by the scalar definition: the uniform
 * of each sample and variable from ps_rng_uniform(), its inverse CDF, and g by the
 * one-sample interpreter. @fail_at and @nan_at (or NULL) receive the counts at each of
 * the study's checkpoints up to n. */
static void
direct_count (const PsReliabilityModel *m, guint64 n, guint64 *failures, guint64 *nans,
              guint64 *fail_at, guint64 *nan_at)
{
  g_autofree double *x = g_new (double, m->n_vars);
  guint64 f = 0, nn = 0;
  guint k = 0;

  for (guint64 i = 0; i < n; i++)
    {
      double g;

      for (guint v = 0; v < m->n_vars; v++)
        x[v] = ps_dist_quantile (&m->dists[v], ps_rng_uniform (m->seed, m->var_keys[v], i));
      g = ps_expr_eval (m->expr, x);
      f += g <= 0.0;
      nn += isnan (g);
      while (fail_at != NULL && k < m->n_checkpoints && m->checkpoints[k] == i + 1)
        {
          fail_at[k] = f;
          nan_at[k] = nn;
          k++;
        }
    }
  *failures = f;
  *nans = nn;
}

/* The partial summary of each chunk, evaluated through the study kind's interface
 * one chunk at a time, as a backend would. Returns an array of n_chunks summaries. */
static PsReliabilitySummary *
chunk_summaries (const PsStudy *study, guint64 *n_chunks_out)
{
  const PsKindClass *k = study->klass;
  guint64 chunk = k->chunk_items (study);
  guint64 n_chunks = (study->n_items + chunk - 1) / chunk;
  PsReliabilitySummary *s = g_new (PsReliabilitySummary, n_chunks);
  gpointer ws = k->workspace_new (study);
  PsErrors errors;
  PsBuf rows;

  g_assert_cmpuint (chunk, ==, PS_REL_CHUNK_ITEMS);
  ps_errors_init (&errors);
  ps_buf_init (&rows, 64);
  for (guint64 c = 0; c < n_chunks; c++)
    {
      k->summary_init (study, &s[c]);
      k->eval (study, ws, c * chunk, MIN (study->n_items, (c + 1) * chunk), &s[c], &errors,
               PS_ROWS_NONE, &rows);
      g_assert_cmpuint (errors.count, ==, 0);
    }
  k->workspace_free (ws);
  ps_errors_clear (&errors);
  ps_buf_clear (&rows);
  *n_chunks_out = n_chunks;
  return s;
}

/* ---------------------------------------------------------------------------------
 * Exact and published failure probabilities
 * ------------------------------------------------------------------------------ */

/* The Wilson score interval, written out here independently of the engine. Its ends
 * are exactly 0 with no failures and 1 with nothing but failures (the formula gives
 * them only to rounding), so that the interval always holds the estimate. */
static void
wilson (guint64 failures, guint64 n, double *low, double *high)
{
  double z = gsl_cdf_ugaussian_Pinv (0.975), p = (double)failures / (double)n;
  double nd = (double)n, z2 = z * z;
  double centre = (p + z2 / (2 * nd)) / (1 + z2 / nd);
  double half = z / (1 + z2 / nd) * sqrt (p * (1 - p) / nd + z2 / (4 * nd * nd));

  *low = failures == 0 ? 0.0 : MAX (0.0, centre - half);
  *high = failures == n ? 1.0 : MIN (1.0, centre + half);
}

/* Checks the summary's "exact" block against an independent value. */
static void
assert_exact_block (const PsStudy *study, const PsRunResult *r, double exact, const char *what)
{
  g_autoptr (JsonObject) obj = summary_object (study, r);
  const PsReliabilitySummary *s = summary_of (r);
  guint64 n = s->samples - s->nan_samples;
  double se = sqrt (exact * (1.0 - exact) / (double)n);
  JsonObject *ex;

  g_assert_true (json_object_has_member (obj, "exact"));
  ex = json_object_get_object_member (obj, "exact");
  assert_close (what, json_object_get_double_member (ex, "pf"), exact, 1e-10);
  assert_close (what, json_object_get_double_member (ex, "beta"), -gsl_cdf_ugaussian_Pinv (exact),
                1e-10);
  assert_close (what, json_object_get_double_member (ex, "deviation_in_standard_errors"),
                ((double)s->failures / (double)n - exact) / se, 1e-6);
  g_assert_nonnull (json_object_get_string_member (ex, "method"));
  assert_close (what, json_object_get_double_member (obj, "pf"), (double)s->failures / (double)n,
                1e-15);
  g_assert_cmpint (json_object_get_int_member (obj, "samples"), ==, (gint64)s->samples);
  g_assert_cmpint (json_object_get_int_member (obj, "failures"), ==, (gint64)s->failures);
  {
    JsonArray *ci = json_object_get_array_member (obj, "pf_ci95");
    JsonArray *bci = json_object_get_array_member (obj, "beta_ci95");
    double pf = json_object_get_double_member (obj, "pf");
    double beta = json_object_get_double_member (obj, "beta");
    double low, high;

    wilson (s->failures, n, &low, &high);
    assert_close (what, json_array_get_double_element (ci, 0), low, 1e-12);
    assert_close (what, json_array_get_double_element (ci, 1), high, 1e-12);
    assert_close (what, beta, -gsl_cdf_ugaussian_Pinv (pf), 1e-12);
    assert_close (what, json_array_get_double_element (bci, 0), -gsl_cdf_ugaussian_Pinv (high),
                  1e-12);
    assert_close (what, json_array_get_double_element (bci, 1), -gsl_cdf_ugaussian_Pinv (low),
                  1e-12);
    assert_close (what, json_object_get_double_member (obj, "cov"),
                  sqrt ((1 - pf) / ((double)n * pf)), 1e-12);
    g_assert_cmpstr (json_object_get_string_member (obj, "pf_ci95_method"), ==,
                     "Wilson score interval");
  }
}

typedef struct
{
  const char *label;
  const char *variables;
  const char *constants;
  const char *limit_state;
  /* g = c0 + sum a_i X_i with X_i ~ N(mu_i, sd_i), in SI */
  guint n;
  double a[3], mu[3], sd[3];
  double c0;
} LinearCase;

static const LinearCase linear_cases[] = {
  { "load-strength", LOAD_STRENGTH, 2, { 1, -1 }, { 1500e3, 1000e3 }, { 150e3, 100e3 }, 0 },
  /* Three variables, coefficients, a constant folded in, a division by a constant
   * and a unary minus. */
  { "three-normals",
    "\"R\": { \"distribution\": \"normal\", \"mean\": \"412.5 kN\", \"sd\": \"38.1 kN\" },"
    "\"G\": { \"distribution\": \"normal\", \"mean\": \"96 kN\", \"sd\": \"9.6 kN\" },"
    "\"Q\": { \"distribution\": \"normal\", \"mean\": \"120 kN\", \"sd\": \"31 kN\" }",
    "\"gammaQ\": 1.35, \"e\": \"12.5 kN\"",
    "\"0.9 * R - (1.1 * G + gammaQ * Q) / 1.05 + -e\"",
    3,
    { 0.9, -1.1 / 1.05, -1.35 / 1.05 },
    { 412.5e3, 96e3, 120e3 },
    { 38.1e3, 9.6e3, 31e3 },
    -12.5e3 },
};

static void
test_exact_normal_linear (void)
{
  guint64 n = stat_samples ();

  for (guint c = 0; c < G_N_ELEMENTS (linear_cases); c++)
    {
      const LinearCase *lc = &linear_cases[c];
      g_autofree char *method
          = g_strdup_printf ("\"samples\": %" G_GUINT64_FORMAT ", \"seed\": 2385", n);
      g_autoptr (PsStudy) study
          = load_study (lc->variables, lc->constants, lc->limit_state, method);
      g_autoptr (PsRunResult) r = run_study (study, "threads", 2);
      const PsReliabilitySummary *s = summary_of (r);
      double mu = lc->c0, var = 0, exact;

      for (guint i = 0; i < lc->n; i++)
        {
          mu += lc->a[i] * lc->mu[i];
          var += lc->a[i] * lc->a[i] * lc->sd[i] * lc->sd[i];
        }
      exact = gsl_cdf_ugaussian_P (-mu / sqrt (var));
      if (c == 0)
        {
          /* The example file's beta = 500/sqrt(100^2 + 150^2) = 2.7735. */
          assert_close (lc->label, mu / sqrt (var), 500.0 / sqrt (100.0 * 100.0 + 150.0 * 150.0),
                        1e-14);
          /* (The example file's description says 2.7733e-3; Phi(-2.7735) is 2.7728e-3.) */
          assert_close (lc->label, exact, 2.77283e-3, 1e-5);
        }
      g_assert_cmpuint (s->samples, ==, n);
      g_assert_cmpuint (s->nan_samples, ==, 0);
      assert_within_4_se (s->failures, n, exact, lc->label);
      assert_exact_block (study, r, exact, lc->label);
    }
}

typedef struct
{
  double mr, sr, ms, ss; /* means and sds of R and S */
} LognormalRS;

/* f_S(s) F_R(s) ds with s = e^y, so that the quadrature sees an integrand of width
 * about 1 whatever the scale of R and S. */
static double
lognormal_integrand (double y, void *data)
{
  const double *p = data; /* zeta_R, lambda_R, zeta_S, lambda_S */
  double s = exp (y);

  return gsl_ran_lognormal_pdf (s, p[3], p[2]) * s * gsl_cdf_lognormal_P (s, p[1], p[0]);
}

/* P(R <= S) = integral of f_S(s) F_R(s) ds, by GSL's adaptive quadrature over
 * lambda_S -+ 15 zeta_S. */
static double
lognormal_pf_by_quadrature (const double p[4])
{
  gsl_integration_workspace *w = gsl_integration_workspace_alloc (1000);
  gsl_function f = { lognormal_integrand, (void *)p };
  double result, abserr;
  int status = gsl_integration_qags (&f, p[3] - 15 * p[2], p[3] + 15 * p[2], 0.0, 1e-12, 1000, w,
                                     &result, &abserr);

  g_assert_cmpint (status, ==, GSL_SUCCESS);
  gsl_integration_workspace_free (w);
  return result;
}

static void
test_exact_lognormal (void)
{
  /* R and S in MPa-sized numbers (SI: Pa); beta about 3.1. */
  static const LognormalRS cases[] = {
    { 412.5e6, 37.2e6, 238.5e6, 47.7e6 },
    { 2.385, 0.31, 1.2, 0.22 },
  };
  guint64 n = stat_samples ();

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      const LognormalRS *lc = &cases[c];
      g_autofree char *vars = g_strdup_printf (
          "\"S\": { \"distribution\": \"lognormal\", \"mean\": %.17g, \"sd\": %.17g },"
          "\"R\": { \"distribution\": \"lognormal\", \"mean\": %.17g, \"sd\": %.17g }",
          lc->ms, lc->ss, lc->mr, lc->sr);
      g_autofree char *method
          = g_strdup_printf ("\"samples\": %" G_GUINT64_FORMAT ", \"seed\": 9001", n);
      g_autoptr (PsStudy) study = load_study (vars, NULL, "\"R - S\"", method);
      g_autoptr (PsRunResult) r = run_study (study, "threads", 2);
      const PsReliabilitySummary *s = summary_of (r);
      double zr = sqrt (log (1.0 + (lc->sr / lc->mr) * (lc->sr / lc->mr)));
      double zs = sqrt (log (1.0 + (lc->ss / lc->ms) * (lc->ss / lc->ms)));
      double lr = log (lc->mr) - zr * zr / 2, ls = log (lc->ms) - zs * zs / 2;
      double p[4] = { zr, lr, zs, ls };
      /* ln R - ln S is normal: P(ln R - ln S <= 0). */
      double exact = gsl_cdf_gaussian_P (-(lr - ls), sqrt (zr * zr + zs * zs));
      double by_quadrature = lognormal_pf_by_quadrature (p);
      g_autofree char *label = g_strdup_printf ("lognormal R - S #%u", c);

      /* The closed form itself, against the integral of f_S F_R. */
      assert_close (label, by_quadrature, exact, 1e-7);
      /* The parameters GSL's lognormal takes, from the mean and sd (moments). */
      assert_close (label, exp (lr + zr * zr / 2), lc->mr, 1e-14);
      assert_close (label, gsl_cdf_lognormal_P (lc->mr, lr, zr), gsl_cdf_ugaussian_P (zr / 2),
                    1e-12);
      g_assert_cmpuint (s->nan_samples, ==, 0);
      assert_within_4_se (s->failures, n, exact, label);
      assert_exact_block (study, r, exact, label);
    }
}

/* No "exact" block where there is no closed form: a lognormal with a normal, a
 * nonlinear g, R - S + constant with lognormals, or 2 R - S. */
static void
test_exact_absent (void)
{
  static const struct
  {
    const char *variables;
    const char *limit_state;
  } cases[] = {
    { "\"R\": { \"distribution\": \"lognormal\", \"mean\": 300, \"sd\": 30 },"
      "\"S\": { \"distribution\": \"normal\", \"mean\": 200, \"sd\": 20 }",
      "\"R - S\"" },
    /* Not load * load / 1e6: a force squared less a force is refused (issue 19 item 6). */
    { LOAD_STRENGTH_VARS, "\"strength - load * load / strength\"" },
    { "\"R\": { \"distribution\": \"lognormal\", \"mean\": 300, \"sd\": 30 },"
      "\"S\": { \"distribution\": \"lognormal\", \"mean\": 200, \"sd\": 20 }",
      "\"R - S - 10\"" },
    { "\"R\": { \"distribution\": \"lognormal\", \"mean\": 300, \"sd\": 30 },"
      "\"S\": { \"distribution\": \"lognormal\", \"mean\": 200, \"sd\": 20 }",
      "\"2 * R - S\"" },
    { "\"R\": { \"distribution\": \"gumbel\", \"mean\": 300, \"sd\": 30 },"
      "\"S\": { \"distribution\": \"normal\", \"mean\": 200, \"sd\": 20 }",
      "\"R - S\"" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr (PsStudy) study = load_study (cases[c].variables, NULL, cases[c].limit_state,
                                              "\"samples\": 5000, \"seed\": 3");
      g_autoptr (PsRunResult) r = run_study (study, "serial", 1);
      g_autoptr (JsonObject) obj = summary_object (study, r);

      if (json_object_has_member (obj, "exact"))
        g_error ("case %u (%s): an exact block where there is no closed form", c,
                 cases[c].limit_state);
    }
}

static double
axial_bar_integrand (double f, void *data)
{
  const double *p = data; /* lambda_R, zeta_R, mu_F, sd_F, A */

  return gsl_ran_gaussian_pdf (f - p[2], p[3]) * gsl_cdf_lognormal_P (f / p[4], p[0], p[1]);
}

static void
test_axial_bar_openturns (void)
{
  guint64 n = stat_samples ();
  g_autofree char *method
      = g_strdup_printf ("\"samples\": %" G_GUINT64_FORMAT ", \"seed\": 20240", n);
  g_autoptr (PsStudy) study = load_study (AXIAL_BAR, method);
  g_autoptr (PsRunResult) r = run_study (study, "threads", 2);
  g_autoptr (JsonObject) obj = summary_object (study, r);
  const PsReliabilitySummary *s = summary_of (r);
  double zeta = sqrt (log1p (0.01)), lambda = log (300e6) - zeta * zeta / 2;
  double p[5] = { lambda, zeta, 75e3, 5e3, G_PI * 0.02 * 0.02 / 4 };
  gsl_integration_workspace *w = gsl_integration_workspace_alloc (1000);
  gsl_function f = { axial_bar_integrand, p };
  double integral, abserr;

  /* P(R <= F/A) = integral of f_F(f) F_R(f/A) df, as a check of the reference. */
  g_assert_cmpint (gsl_integration_qags (&f, 75e3 - 15 * 5e3, 75e3 + 15 * 5e3, 0.0, 1e-12, 1000, w,
                                         &integral, &abserr),
                   ==, GSL_SUCCESS);
  gsl_integration_workspace_free (w);
  g_test_message ("axial bar: Pf by quadrature %.8g, OpenTURNS reference %.5f", integral,
                  OPENTURNS_AXIAL_BAR_PF);
  g_assert_cmpfloat (fabs (integral - OPENTURNS_AXIAL_BAR_PF), <, 5e-5);

  g_assert_cmpuint (s->samples, ==, n);
  g_assert_cmpuint (s->nan_samples, ==, 0);
  assert_within_4_se (s->failures, n, OPENTURNS_AXIAL_BAR_PF, "axial bar vs OpenTURNS");
  assert_within_4_se (s->failures, n, integral, "axial bar vs quadrature");
  /* Nonlinear in F: no exact block. */
  g_assert_false (json_object_has_member (obj, "exact"));
}

/* The two example files, as shipped (they stop on target_cov). */
static void
test_examples (void)
{
  static const struct
  {
    const char *file;
    double pf;
  } cases[] = {
    { "reliability-load-strength.json", 2.7728336576220e-3 },
    { "reliability-axial-bar.json", OPENTURNS_AXIAL_BAR_PF },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr (PsStudy) study = load_example (cases[c].file);
      const PsReliabilityModel *m = model_of (study);

      g_assert_true (ps_study_get_kind (study) == &ps_reliability_class);
      g_autoptr (PsRunResult) r = run_study (study, "threads", 2);
      const PsReliabilitySummary *s = summary_of (r);
      double p = (double)s->failures / (double)s->samples;

      g_assert_cmpfloat (m->target_cov, >, 0);
      g_assert_cmpstr (stopped_by (study, r), ==, "target_cov");
      g_assert_cmpuint (s->samples % (PS_REL_BLOCK * PS_REL_CHUNK_ITEMS), ==, 0);
      g_assert_cmpfloat (sqrt ((1 - p) / ((double)s->samples * p)), <=, m->target_cov);
      assert_within_4_se (s->failures, s->samples, cases[c].pf, cases[c].file);
    }
}

/* ---------------------------------------------------------------------------------
 * Every backend and worker count gives the same bits
 * ------------------------------------------------------------------------------ */

typedef struct
{
  const char *label;
  const char *variables;
  const char *constants;
  const char *limit_state;
  const char *method;
  const char *stop; /* the expected stopped_by */
} BitwiseCase;

static const BitwiseCase bitwise_cases[] = {
  /* 1,234,567 = 301 blocks and 1,671 samples: the last chunk is short and its last
   * block partial. */
  { "load-strength, not a multiple of the block", LOAD_STRENGTH,
    "\"samples\": 1234567, \"seed\": 42", "samples" },
  { "load-strength, target_cov", LOAD_STRENGTH,
    "\"samples\": 100000000, \"target_cov\": 0.02, \"seed\": 7", "target_cov" },
  { "axial bar, target_cov, odd maximum", AXIAL_BAR,
    "\"samples\": 2000001, \"target_cov\": 0.01, \"seed\": 11", "target_cov" },
  /* The target is not reached before the maximum, which falls inside a chunk. */
  { "axial bar, target_cov not reached", AXIAL_BAR,
    "\"samples\": 300001, \"target_cov\": 0.001, \"seed\": 12", "samples" },
  { "mixed distributions with NaN", MIXED, "\"samples\": 777777, \"seed\": 5", "samples" },
  { "mixed distributions with NaN, target_cov", MIXED,
    "\"samples\": 5000000, \"target_cov\": 0.01, \"seed\": 6", "target_cov" },
  /* Fewer samples than one block. */
  { "a partial block only", AXIAL_BAR, "\"samples\": 1001, \"seed\": 13", "samples" },
  /* Exactly one chunk, and the target met at its end, which is the maximum. */
  { "one chunk", LOAD_STRENGTH_VARS, NULL, "\"strength - load + 200e3\"",
    "\"samples\": 65536, \"target_cov\": 0.6, \"seed\": 14", "samples" },
};

static void
assert_same_summary (const PsStudy *study, const PsRunResult *ref, const PsRunResult *r,
                     const char *what)
{
  const PsReliabilitySummary *a = summary_of (ref), *b = summary_of (r);
  g_autofree char *ja = summary_json_untimed (study, ref);
  g_autofree char *jb = summary_json_untimed (study, r);

  if (memcmp (a, b, sizeof *a) != 0)
    g_error ("%s: %s x%d differs from serial: samples %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT
             ", failures %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT ", NaN %" G_GUINT64_FORMAT
             "/%" G_GUINT64_FORMAT,
             what, r->backend, r->workers, a->samples, b->samples, a->failures, b->failures,
             a->nan_samples, b->nan_samples);
  if (!g_str_equal (ja, jb))
    g_error ("%s: summary.json of %s x%d differs from serial:\n%s\n---\n%s", what, r->backend,
             r->workers, ja, jb);
  g_assert_cmpuint (ref->items, ==, r->items);
}

static void
test_backends_bitwise (void)
{
  for (guint c = 0; c < G_N_ELEMENTS (bitwise_cases); c++)
    {
      const BitwiseCase *bc = &bitwise_cases[c];
      g_autoptr (PsStudy) study
          = load_study (bc->variables, bc->constants, bc->limit_state, bc->method);
      const PsReliabilityModel *m = model_of (study);
      g_autoptr (PsRunResult) ref = run_study (study, "serial", 1);
      const PsReliabilitySummary *s = summary_of (ref);

      g_test_message ("%s: %" G_GUINT64_FORMAT " samples, %" G_GUINT64_FORMAT
                      " failures, %" G_GUINT64_FORMAT " NaN, stopped by %s",
                      bc->label, s->samples, s->failures, s->nan_samples, stopped_by (study, ref));
      g_assert_cmpstr (stopped_by (study, ref), ==, bc->stop);
      if (g_str_equal (bc->stop, "samples"))
        g_assert_cmpuint (s->samples, ==, m->max_samples);
      else
        g_assert_cmpuint (s->samples, <, m->max_samples);
      g_assert_cmpuint (s->failures, >, 0);
      g_assert_cmpuint (s->failures + s->nan_samples, <, s->samples);

      for (int workers = 1; workers <= 3; workers++)
        {
          /* Twice each: the claiming order of the threads differs from run to run. */
          for (int rep = 0; rep < 2; rep++)
            {
              g_autoptr (PsRunResult) r = run_study (study, "threads", workers);

              g_assert_cmpint (r->workers, ==, workers);
              assert_same_summary (study, ref, r, bc->label);
            }
        }
    }
}

/* Variables are keyed by name: listing them in another order changes no sample. */
static void
test_variable_order (void)
{
  g_autoptr (PsStudy) a = load_study (MIXED, "\"samples\": 200000, \"seed\": 77");
  g_autoptr (PsStudy) b = load_study (
      "\"h\": { \"distribution\": \"truncated-normal\", \"mean\": \"300 mm\", \"sd\": \"12 mm\","
      "         \"lower\": \"285 mm\", \"upper\": \"330 mm\" },"
      "\"t\": { \"distribution\": \"exponential\", \"mean\": \"3.2 mm\" },"
      "\"P\": { \"distribution\": \"gumbel\", \"mean\": \"38.5 kN\", \"sd\": \"9.2 kN\" },"
      "\"fy\": { \"distribution\": \"lognormal\", \"mean\": \"355 MPa\", \"sd\": \"28.4 MPa\" },"
      "\"k\": { \"distribution\": \"weibull\", \"shape\": 2.385, \"scale\": 1.07 },"
      "\"E\": { \"distribution\": \"normal\", \"mean\": \"210 GPa\", \"sd\": \"12.6 GPa\" },"
      "\"b\": { \"distribution\": \"uniform\", \"lower\": \"190 mm\", \"upper\": \"212.5 mm\" }",
      MIXED_CONSTS, MIXED_G, "\"samples\": 200000, \"seed\": 77");
  g_autoptr (PsStudy) other_seed = load_study (MIXED, "\"samples\": 200000, \"seed\": 78");
  g_autoptr (PsRunResult) ra = run_study (a, "serial", 1);
  g_autoptr (PsRunResult) rb = run_study (b, "threads", 2);
  g_autoptr (PsRunResult) rc = run_study (other_seed, "serial", 1);

  g_assert_cmpstr (model_of (b)->var_names[0], ==, "h");
  g_assert_true (memcmp (ra->summary, rb->summary, sizeof (PsReliabilitySummary)) == 0);
  g_assert_cmpuint (summary_of (ra)->failures, !=, summary_of (rc)->failures);
}

/* ---------------------------------------------------------------------------------
 * Sample i is the same everywhere
 * ------------------------------------------------------------------------------ */

static void
test_scalar_equals_block (void)
{
  static const StudyCase cases[] = {
    { "load-strength", LOAD_STRENGTH },
    { "axial bar", AXIAL_BAR },
    { "mixed distributions with NaN", MIXED },
  };
  /* Checkpoints up to 10^5 by the scalar path; 10^5 + 17 is not a block multiple. */
  const guint64 n = 100017;

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *method
          = g_strdup_printf ("\"samples\": %" G_GUINT64_FORMAT ", \"seed\": 1234567890123", n);
      g_autoptr (PsStudy) study
          = load_study (cases[c].variables, cases[c].constants, cases[c].limit_state, method);
      const PsReliabilityModel *m = model_of (study);
      guint64 fail_at[PS_REL_N_CHECKPOINTS], nan_at[PS_REL_N_CHECKPOINTS];
      guint64 failures, nans;
      const char *const backends[] = { "serial", "threads", "threads" };
      const int workers[] = { 1, 2, 3 };

      g_assert_cmpuint (m->seed, ==, G_GUINT64_CONSTANT (1234567890123));
      g_assert_cmpuint (m->n_checkpoints, >=, 50);
      g_assert_cmpuint (m->checkpoints[m->n_checkpoints - 1], ==, n);
      direct_count (m, n, &failures, &nans, fail_at, nan_at);
      g_test_message ("%s: %" G_GUINT64_FORMAT " failures, %" G_GUINT64_FORMAT
                      " NaN in %" G_GUINT64_FORMAT " samples by the scalar path",
                      cases[c].label, failures, nans, n);
      g_assert_cmpuint (failures, >, 0);
      for (guint b = 0; b < G_N_ELEMENTS (backends); b++)
        {
          g_autoptr (PsRunResult) r = run_study (study, backends[b], workers[b]);
          const PsReliabilitySummary *s = summary_of (r);

          g_assert_cmpuint (s->samples, ==, n);
          g_assert_cmpuint (s->failures, ==, failures);
          g_assert_cmpuint (s->nan_samples, ==, nans);
          for (guint k = 0; k < m->n_checkpoints; k++)
            if (s->fail_at[k] != fail_at[k] || s->nan_at[k] != nan_at[k])
              g_error ("%s, %s x%d: at %" G_GUINT64_FORMAT " samples the run has %" G_GUINT64_FORMAT
                       " failures and %" G_GUINT64_FORMAT " NaN, the scalar "
                       "path %" G_GUINT64_FORMAT " and %" G_GUINT64_FORMAT,
                       cases[c].label, backends[b], workers[b], m->checkpoints[k], s->fail_at[k],
                       s->nan_at[k], fail_at[k], nan_at[k]);
        }
    }
}

/* A 64-bit seed uses both halves: seeds that differ only in their high 32 bits give
 * different samples. */
static void
test_seed_high_bits (void)
{
  g_autoptr (PsStudy) a = load_study (AXIAL_BAR, "\"samples\": 100000, \"seed\": 5");
  g_autoptr (PsStudy) b = load_study (AXIAL_BAR, "\"samples\": 100000, \"seed\": 4294967301");
  g_autoptr (PsRunResult) ra = run_study (a, "serial", 1);
  g_autoptr (PsRunResult) rb = run_study (b, "serial", 1);

  g_assert_cmpuint (model_of (b)->seed, ==, G_GUINT64_CONSTANT (4294967301));
  g_assert_cmpuint (summary_of (ra)->failures, !=, summary_of (rb)->failures);
}

/* ---------------------------------------------------------------------------------
 * The adaptive stop
 * ------------------------------------------------------------------------------ */

static void
test_target_cov_first_boundary (void)
{
  static const StudyCase cases[] = {
    { "load-strength", LOAD_STRENGTH, "\"samples\": 20000000, \"target_cov\": 0.02, \"seed\": 31" },
    { "axial bar", AXIAL_BAR, "\"samples\": 5000000, \"target_cov\": 0.0125, \"seed\": 32" },
    { "mixed distributions with NaN", MIXED,
      "\"samples\": 3000000, \"target_cov\": 0.012, \"seed\": 33" },
    /* Met in the first chunk. */
    { "axial bar, loose target", AXIAL_BAR,
      "\"samples\": 5000000, \"target_cov\": 0.1, \"seed\": 34" },
  };
  const guint64 chunk_samples = (guint64)PS_REL_BLOCK * PS_REL_CHUNK_ITEMS;

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr (PsStudy) study = load_study (cases[c].variables, cases[c].constants,
                                              cases[c].limit_state, cases[c].method);
      const PsReliabilityModel *m = model_of (study);
      guint64 n_chunks, stop_chunk = G_MAXUINT64;
      g_autofree PsReliabilitySummary *chunks = chunk_summaries (study, &n_chunks);
      guint64 samples = 0, failures = 0, nans = 0, expected_samples;
      double cov_before = INFINITY, cov_at = NAN;

      for (guint64 k = 0; k < n_chunks; k++)
        {
          guint64 used;
          double p, cov;

          g_assert_cmpuint (chunks[k].samples, ==, MIN (chunk_samples, m->max_samples - samples));
          samples += chunks[k].samples;
          failures += chunks[k].failures;
          nans += chunks[k].nan_samples;
          used = samples - nans;
          p = (double)failures / (double)used;
          cov = failures > 0 ? sqrt ((1.0 - p) / ((double)used * p)) : INFINITY;
          if (cov <= m->target_cov)
            {
              stop_chunk = k;
              cov_at = cov;
              break;
            }
          cov_before = cov;
        }
      g_assert_cmpuint (stop_chunk, <, n_chunks - 1);
      expected_samples = (stop_chunk + 1) * chunk_samples;
      g_test_message ("%s: CoV %.5f after chunk %" G_GUINT64_FORMAT " (%.5f before), target %g: "
                      "%" G_GUINT64_FORMAT " samples",
                      cases[c].label, cov_at, stop_chunk, cov_before, m->target_cov,
                      expected_samples);
      g_assert_cmpfloat (cov_before, >, m->target_cov);

      for (int workers = 0; workers <= 3; workers++)
        {
          g_autoptr (PsRunResult) r
              = run_study (study, workers ? "threads" : "serial", MAX (workers, 1));
          const PsReliabilitySummary *s = summary_of (r);
          g_autoptr (JsonObject) obj = summary_object (study, r);

          g_assert_cmpuint (s->samples, ==, expected_samples);
          g_assert_cmpuint (s->failures, ==, failures);
          g_assert_cmpuint (s->nan_samples, ==, nans);
          g_assert_cmpuint (r->items, ==, expected_samples / PS_REL_BLOCK);
          g_assert_cmpstr (json_object_get_string_member (obj, "stopped_by"), ==, "target_cov");
          assert_close (cases[c].label, json_object_get_double_member (obj, "cov"), cov_at, 1e-12);
          assert_close (cases[c].label, json_object_get_double_member (obj, "target_cov"),
                        m->target_cov, 1e-15);
        }
    }
}

/* A wall-time limit stops the run at a chunk boundary, and says so. */
static void
test_time_limit (void)
{
  g_autoptr (PsStudy) study = load_study (
      LOAD_STRENGTH, "\"samples\": 1000000000000000,\"time_limit\": \"50 ms\", \"seed\": 1");
  const PsReliabilityModel *m = model_of (study);

  assert_close ("time_limit", m->time_limit, 0.05, 1e-15);
  for (int workers = 0; workers <= 2; workers++)
    {
      g_autoptr (PsRunResult) r
          = run_study (study, workers ? "threads" : "serial", MAX (workers, 1));
      const PsReliabilitySummary *s = summary_of (r);

      g_assert_cmpstr (stopped_by (study, r), ==, "time");
      g_assert_cmpuint (s->samples, >, 0);
      g_assert_cmpuint (s->samples, <, m->max_samples);
      g_assert_cmpuint (s->samples % ((guint64)PS_REL_BLOCK * PS_REL_CHUNK_ITEMS), ==, 0);
      g_assert_cmpfloat (r->wall_seconds, <, 10.0);
    }
}

/* ---------------------------------------------------------------------------------
 * convergence.csv
 * ------------------------------------------------------------------------------ */

typedef struct
{
  guint64 samples, failures, nans;
  double pf, low, high, cov, beta;
  gboolean has_cov, has_beta;
} CsvRow;

static double
parse_double (const char *s)
{
  char *end = NULL;
  double v = g_ascii_strtod (s, &end);

  g_assert_true (end != s && *end == '\0');
  return v;
}

static GArray *
read_convergence (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "convergence.csv", NULL);
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GError) error = NULL;
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (CsvRow));

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpstr (lines[0], ==,
                   "samples,failures,nan_samples,pf,pf_low95,pf_high95,cov,beta,"
                   "non_finite_samples");
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto (GStrv) f = NULL;
      CsvRow row = { 0 };

      if (lines[i][0] == '\0')
        {
          g_assert_null (lines[i + 1]); /* only the final newline */
          break;
        }
      f = g_strsplit (lines[i], ",", -1);
      g_assert_cmpuint (g_strv_length (f), ==, 9);
      row.samples = g_ascii_strtoull (f[0], NULL, 10);
      row.failures = g_ascii_strtoull (f[1], NULL, 10);
      row.nans = g_ascii_strtoull (f[2], NULL, 10);
      row.pf = parse_double (f[3]);
      row.low = parse_double (f[4]);
      row.high = parse_double (f[5]);
      row.has_cov = f[6][0] != '\0';
      row.cov = row.has_cov ? parse_double (f[6]) : NAN;
      row.has_beta = f[7][0] != '\0';
      row.beta = row.has_beta ? parse_double (f[7]) : NAN;
      /* NaN is the only non-finite g of these studies. */
      g_assert_cmpuint (g_ascii_strtoull (f[8], NULL, 10), ==, row.nans);
      g_array_append_val (rows, row);
    }
  return rows;
}

static void
check_convergence (const char *label, const PsStudy *study, const PsRunResult *r, const char *dir,
                   gboolean log_spaced_to_end)
{
  const PsReliabilitySummary *s = summary_of (r);
  g_autoptr (GArray) rows = read_convergence (dir);
  const CsvRow *first, *last;
  double step;
  guint n_log;

  g_test_message ("%s: %u rows in convergence.csv", label, rows->len);
  g_assert_cmpuint (rows->len, >=, 50);
  first = &g_array_index (rows, CsvRow, 0);
  last = &g_array_index (rows, CsvRow, rows->len - 1);
  g_assert_cmpuint (first->samples, ==, MIN (100, s->samples));
  g_assert_cmpuint (last->samples, ==, s->samples);
  g_assert_cmpuint (last->failures, ==, s->failures);
  g_assert_cmpuint (last->nans, ==, s->nan_samples);

  for (guint i = 1; i < rows->len; i++)
    if (g_array_index (rows, CsvRow, i).samples <= g_array_index (rows, CsvRow, i - 1).samples)
      g_error ("%s: convergence.csv rows %u and %u are at %" G_GUINT64_FORMAT
               " and %" G_GUINT64_FORMAT " samples: the sample counts must rise",
               label, i - 1, i, g_array_index (rows, CsvRow, i - 1).samples,
               g_array_index (rows, CsvRow, i).samples);

  /* Log-spaced: log(samples) rises by the same step from row to row, to the rounding
   * of the counts to whole samples (the last row of a run stopped between checkpoints
   * is the final estimate and is off the grid). */
  n_log = log_spaced_to_end ? rows->len : rows->len - 1;
  step = log ((double)g_array_index (rows, CsvRow, n_log - 1).samples / (double)first->samples)
         / (n_log - 1);
  g_assert_cmpfloat (step, >, 0);
  for (guint i = 0; i < rows->len; i++)
    {
      const CsvRow *row = &g_array_index (rows, CsvRow, i);
      guint64 n = row->samples - row->nans;
      double low, high, expected_log;

      if (i < n_log)
        {
          /* Each count is rounded to a whole sample, and so are the two that set the step. */
          double tolerance = 1.1 / (double)row->samples + 1e-12;

          expected_log = log ((double)first->samples) + step * i;
          if (!(fabs (log ((double)row->samples) - expected_log) <= tolerance))
            g_error ("%s: row %u (%" G_GUINT64_FORMAT " samples) is off the log-spaced grid "
                     "(expected about %.1f)",
                     label, i, row->samples, exp (expected_log));
        }
      g_assert_cmpuint (row->failures + row->nans, <=, row->samples);
      g_assert_cmpuint (row->failures, <=, s->failures);
      if (i > 0)
        {
          g_assert_cmpuint (row->failures, >=, g_array_index (rows, CsvRow, i - 1).failures);
          g_assert_cmpuint (row->nans, >=, g_array_index (rows, CsvRow, i - 1).nans);
        }
      /* pf = failures / (samples - NaN), with 10 significant digits in the file. */
      assert_close (label, row->pf, (double)row->failures / (double)n, 1e-9);
      g_assert_cmpfloat (row->low, <=, row->pf);
      g_assert_cmpfloat (row->pf, <=, row->high);
      wilson (row->failures, n, &low, &high);
      if (!(fabs (row->low - low) <= 1e-9 * high && fabs (row->high - high) <= 1e-9 * high))
        g_error ("%s: row %u: Wilson interval [%.10g, %.10g], expected [%.10g, %.10g]", label, i,
                 row->low, row->high, low, high);
      g_assert_true (row->has_cov == (row->failures > 0));
      g_assert_true (row->has_beta == (row->failures > 0));
      if (row->failures > 0)
        {
          assert_close (label, row->cov, sqrt ((1 - row->pf) / ((double)n * row->pf)), 1e-5);
          assert_close (label, row->beta,
                        -gsl_cdf_ugaussian_Pinv ((double)row->failures / (double)n), 1e-5);
        }
    }
}

static void
test_convergence_csv (void)
{
  static const struct
  {
    const char *label;
    const char *variables;
    const char *constants;
    const char *limit_state;
    const char *method; /* after the samples */
    guint64 samples;    /* 0: stat_samples () */
    gboolean to_end;
  } cases[] = {
    { "load-strength", LOAD_STRENGTH, ", \"seed\": 42", 0, TRUE },
    { "axial bar, odd maximum", AXIAL_BAR, ", \"seed\": 43", 1000003, TRUE },
    /* Stops on target_cov between two checkpoints. */
    { "axial bar, target_cov", AXIAL_BAR, ", \"target_cov\": 0.02, \"seed\": 44", 100000000,
      FALSE },
    { "mixed with NaN", MIXED, ", \"seed\": 45", 1000003, TRUE },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *dir = g_dir_make_tmp ("test-reliability-XXXXXX", NULL);
      g_autofree char *sub = g_build_filename (dir, "out", NULL);
      g_autofree char *csv = g_build_filename (sub, "convergence.csv", NULL);
      g_autofree char *summary = g_build_filename (sub, "summary.json", NULL);
      g_autofree char *results = g_build_filename (sub, "results.csv", NULL);
      guint64 n = cases[c].samples ? cases[c].samples : stat_samples ();
      g_autofree char *method
          = g_strdup_printf ("\"samples\": %" G_GUINT64_FORMAT "%s", n, cases[c].method);
      g_autoptr (PsStudy) study
          = load_study (cases[c].variables, cases[c].constants, cases[c].limit_state, method);
      g_autoptr (PsRunResult) r = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonParser) parser = json_parser_new ();
      PsRunOptions options;

      g_assert_nonnull (dir);
      ps_run_options_init (&options);
      options.backend = "threads";
      options.workers = 2;
      options.rows = PS_ROWS_ALL; /* no rows for this kind: ignored */
      r = run_ok (study, &options, sub);
      if (cases[c].to_end)
        g_assert_cmpuint (summary_of (r)->samples, ==, model_of (study)->max_samples);
      else
        g_assert_cmpuint (summary_of (r)->samples, <, model_of (study)->max_samples);
      if (g_str_equal (cases[c].label, "mixed with NaN"))
        g_assert_cmpuint (summary_of (r)->nan_samples, >, 0);
      check_convergence (cases[c].label, study, r, sub, cases[c].to_end);

      /* summary.json was written next to it and is the one of this run. */
      json_parser_load_from_file (parser, summary, &error);
      g_assert_no_error (error);
      g_assert_cmpint (json_object_get_int_member (
                           json_node_get_object (json_parser_get_root (parser)), "failures"),
                       ==, (gint64)summary_of (r)->failures);
      g_assert_false (g_file_test (results, G_FILE_TEST_EXISTS));

      g_assert_cmpint (g_unlink (csv), ==, 0);
      g_assert_cmpint (g_unlink (summary), ==, 0);
      g_assert_cmpint (g_rmdir (sub), ==, 0);
      g_assert_cmpint (g_rmdir (dir), ==, 0);
    }
}

/* A run stopped by target_cov exactly at a checkpoint of the curve: with a maximum of
 * 3,276,800 samples (50 chunks) one checkpoint is 1,638,400 = 25 chunks, and the target
 * is chosen from the chunk counts so that the run stops there. The curve must still
 * rise strictly and end with that point once. */
static void
test_convergence_stop_on_checkpoint (void)
{
  const guint64 max = 3276800, stop = 1638400;
  const guint64 chunk_samples = (guint64)PS_REL_BLOCK * PS_REL_CHUNK_ITEMS;
  g_autoptr (PsStudy) probe = load_study (LOAD_STRENGTH, "\"samples\": 3276800, \"seed\": 46");
  const PsReliabilityModel *pm = model_of (probe);
  guint64 n_chunks, failures = 0, k_stop = stop / chunk_samples - 1;
  g_autofree PsReliabilitySummary *chunks = chunk_summaries (probe, &n_chunks);
  double min_before = INFINITY, cov = NAN, target;
  gboolean on_grid = FALSE;

  for (guint k = 0; k < pm->n_checkpoints; k++)
    on_grid |= pm->checkpoints[k] == stop;
  g_assert_true (on_grid);
  g_assert_cmpuint (n_chunks, ==, max / chunk_samples);
  for (guint64 k = 0; k <= k_stop; k++)
    {
      double n = (double)((k + 1) * chunk_samples), p;

      failures += chunks[k].failures;
      p = (double)failures / n;
      cov = sqrt ((1 - p) / (n * p));
      if (k < k_stop)
        min_before = MIN (min_before, cov);
    }
  g_assert_cmpfloat (cov, <, min_before);
  target = cov + 0.5 * MIN (min_before - cov, cov * 1e-6);

  {
    g_autofree char *method = g_strdup_printf (
        "\"samples\": %" G_GUINT64_FORMAT ", \"seed\": 46, \"target_cov\": %.17g", max, target);
    g_autoptr (PsStudy) study = load_study (LOAD_STRENGTH, method);
    g_autofree char *dir = g_dir_make_tmp ("test-reliability-XXXXXX", NULL);
    g_autofree char *csv = g_build_filename (dir, "convergence.csv", NULL);
    g_autofree char *summary = g_build_filename (dir, "summary.json", NULL);
    g_autoptr (PsRunResult) r = NULL;
    PsRunOptions options;

    ps_run_options_init (&options);
    options.backend = "serial";
    r = run_ok (study, &options, dir);
    g_assert_cmpuint (summary_of (r)->samples, ==, stop);
    g_assert_cmpstr (stopped_by (study, r), ==, "target_cov");
    check_convergence ("stopped on a checkpoint", study, r, dir, TRUE);
    g_unlink (csv);
    g_unlink (summary);
    g_rmdir (dir);
  }
}

/* ---------------------------------------------------------------------------------
 * NaN
 * ------------------------------------------------------------------------------ */

static void
test_nan_samples (void)
{
  static const struct
  {
    const char *label;
    const char *variables;
    const char *limit_state;
  } cases[] = {
    /* NaN where R < 250 MPa, failure where 250 MPa <= R <= 259 MPa. */
    { "sqrt of R - 250 MPa",
      "\"R\": { \"distribution\": \"lognormal\", \"mean\": \"300 MPa\", \"sd\": \"30 MPa\" }",
      "\"sqrt(R - 250e6) - 3000\"" },
    /* log of a quantity that is negative for some samples; 0 gives -inf (a failure). */
    { "log of strength - load", LOAD_STRENGTH_VARS, "\"log((strength - load) / 1e3) - 4\"" },
    /* NaN from inf - inf and 0 * inf are not produced by these distributions; an
     * operand NaN of min and max propagates. */
    { "min with a NaN operand", LOAD_STRENGTH_VARS,
      "\"min(sqrt(strength - load - 100e3), 1e9) - 200\"" },
  };
  const guint64 n = 300017;

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *method
          = g_strdup_printf ("\"samples\": %" G_GUINT64_FORMAT ", \"seed\": 99", n);
      g_autoptr (PsStudy) study
          = load_study (cases[c].variables, NULL, cases[c].limit_state, method);
      const PsReliabilityModel *m = model_of (study);
      g_autoptr (PsRunResult) r = run_study (study, "threads", 3);
      g_autoptr (PsRunResult) rs = run_study (study, "serial", 1);
      const PsReliabilitySummary *s = summary_of (r);
      g_autoptr (JsonObject) obj = summary_object (study, r);
      g_autofree char *text = ps_run_summary_text (study, r);
      guint64 failures, nans;

      direct_count (m, n, &failures, &nans, NULL, NULL);
      g_test_message ("%s: %" G_GUINT64_FORMAT " failures, %" G_GUINT64_FORMAT
                      " NaN of %" G_GUINT64_FORMAT,
                      cases[c].label, failures, nans, n);
      g_assert_cmpuint (nans, >, 0);
      g_assert_cmpuint (failures, >, 0);
      g_assert_cmpuint (s->nan_samples, ==, nans);
      g_assert_cmpuint (s->failures, ==, failures);
      g_assert_true (memcmp (s, rs->summary, sizeof *s) == 0);
      g_assert_cmpint (json_object_get_int_member (obj, "nan_samples"), ==, (gint64)nans);
      assert_close (cases[c].label, json_object_get_double_member (obj, "pf"),
                    (double)failures / (double)(n - nans), 1e-15);
      g_assert_nonnull (strstr (text, "NaN samples"));
    }

  /* g is NaN everywhere: nothing to estimate, and the summary says so. */
  {
    g_autoptr (PsStudy) study = load_study (cases[0].variables, NULL, "\"sqrt(-R)\"",
                                            "\"samples\": 100000, \"target_cov\": 0.1");
    g_autoptr (PsRunResult) r = run_study (study, "threads", 2);
    g_autoptr (JsonObject) obj = summary_object (study, r);
    const PsReliabilitySummary *s = summary_of (r);

    g_assert_cmpuint (s->samples, ==, 100000);
    g_assert_cmpuint (s->nan_samples, ==, 100000);
    g_assert_cmpuint (s->failures, ==, 0);
    g_assert_true (json_node_is_null (json_object_get_member (obj, "pf")));
    g_assert_cmpstr (json_object_get_string_member (obj, "stopped_by"), ==, "samples");
  }

  /* The share of NaN samples is P(R < 250 MPa). */
  {
    guint64 big = stat_samples () / 10;
    g_autofree char *method
        = g_strdup_printf ("\"samples\": %" G_GUINT64_FORMAT ", \"seed\": 100", big);
    g_autoptr (PsStudy) study = load_study (cases[0].variables, NULL, cases[0].limit_state, method);
    g_autoptr (PsRunResult) r = run_study (study, "threads", 2);
    const PsReliabilitySummary *s = summary_of (r);
    double zeta = sqrt (log1p (0.01)), lambda = log (300e6) - zeta * zeta / 2;
    double p_nan = gsl_cdf_lognormal_P (250e6, lambda, zeta);
    double p_fail = gsl_cdf_lognormal_P (259e6, lambda, zeta) - p_nan;

    assert_within_4_se (s->nan_samples, big, p_nan, "NaN share");
    /* Failures among the samples that are not NaN. */
    assert_within_4_se (s->failures, big - s->nan_samples, p_fail / (1 - p_nan),
                        "failures given not NaN");
  }
}

/* ---------------------------------------------------------------------------------
 * Built-in limit states
 * ------------------------------------------------------------------------------ */

static void
assert_same_failures (const char *label, const char *variables, const char *constants,
                      const char *builtin, const char *written, const char *method,
                      guint64 max_difference)
{
  g_autoptr (PsStudy) a = load_study (variables, constants, builtin, method);
  g_autoptr (PsStudy) b = load_study (variables, constants, written, method);
  g_autoptr (PsRunResult) ra = run_study (a, "threads", 2);
  g_autoptr (PsRunResult) rb = run_study (b, "serial", 1);
  const PsReliabilitySummary *sa = summary_of (ra), *sb = summary_of (rb);
  guint64 diff
      = sa->failures > sb->failures ? sa->failures - sb->failures : sb->failures - sa->failures;

  g_test_message ("%s: built-in g = %s: %" G_GUINT64_FORMAT
                  " failures; written: %" G_GUINT64_FORMAT,
                  label, model_of (a)->limit_state, sa->failures, sb->failures);
  g_assert_cmpuint (sa->samples, ==, sb->samples);
  g_assert_cmpuint (sa->failures, >, 100);
  g_assert_cmpuint (sa->nan_samples, ==, sb->nan_samples);
  if (diff > max_difference)
    g_error ("%s: %" G_GUINT64_FORMAT " failures with the built-in limit state, %" G_GUINT64_FORMAT
             " with the written one",
             label, sa->failures, sb->failures);
  if (max_difference == 0)
    g_assert_true (memcmp (sa, sb, sizeof *sa) == 0);
}

static void
test_builtin_r_s (void)
{
  const char *method = "\"samples\": 1000000, \"seed\": 8";

  assert_same_failures ("R-S, normal",
                        "\"R\": { \"distribution\": \"normal\", \"mean\": \"238.5 kN\","
                        "         \"sd\": \"24 kN\" },"
                        "\"S\": { \"distribution\": \"gumbel\", \"mean\": \"150 kN\","
                        "         \"sd\": \"21 kN\" }",
                        NULL, "{ \"builtin\": \"R-S\" }", "\"R - S\"", method, 0);
  assert_same_failures ("resistance-load, lognormal",
                        "\"S\": { \"distribution\": \"lognormal\", \"mean\": 238.5e6,"
                        "         \"sd\": 47.7e6 },"
                        "\"R\": { \"distribution\": \"lognormal\", \"mean\": 412.5e6,"
                        "         \"sd\": 37.2e6 }",
                        NULL, "{ \"builtin\": \"resistance-load\" }", "\"R - S\"", method, 0);
  {
    /* The built-in R - S has the lognormal exact answer too. */
    g_autoptr (PsStudy) study = load_study (
        "\"S\": { \"distribution\": \"lognormal\", \"mean\": 238.5e6, \"sd\": 47.7e6 },"
        "\"R\": { \"distribution\": \"lognormal\", \"mean\": 412.5e6, \"sd\": 37.2e6 }",
        NULL, "{ \"builtin\": \"R-S\" }", method);

    g_assert_true (model_of (study)->has_exact);
    g_assert_cmpstr (model_of (study)->limit_state, ==, "R - S");
  }
}

static void
test_builtin_axial_bending (void)
{
  const char *method = "\"samples\": 1000000, \"seed\": 9";

  /* fy - F/A with A = pi D^2/4 given as a constant, against the OpenTURNS form. */
  assert_same_failures ("axial-bar",
                        "\"fy\": { \"distribution\": \"lognormal\", \"mean\": \"300 MPa\","
                        "          \"sd\": \"30 MPa\" },"
                        "\"F\": { \"distribution\": \"normal\", \"mean\": \"75 kN\","
                        "         \"sd\": \"5 kN\" }",
                        "\"A\": 3.1415926535897931e-4, \"D\": \"20 mm\"",
                        "{ \"builtin\": \"axial-bar\" }", "\"fy - F / (pi * D^2 / 4)\"", method, 3);
  assert_same_failures ("axial-bar, bitwise",
                        "\"fy\": { \"distribution\": \"lognormal\", \"mean\": \"300 MPa\","
                        "          \"sd\": \"30 MPa\" },"
                        "\"F\": { \"distribution\": \"normal\", \"mean\": \"75 kN\","
                        "         \"sd\": \"5 kN\" },"
                        "\"A\": { \"distribution\": \"normal\", \"mean\": \"314 mm^2\","
                        "         \"sd\": \"6 mm^2\" }",
                        NULL, "{ \"builtin\": \"axial-bar\" }", "\"fy - F/A\"", method, 0);
  /* W = b h^2/6 of a 180 mm x 300 mm section, written out. */
  assert_same_failures ("beam-bending",
                        "\"fy\": { \"distribution\": \"lognormal\", \"mean\": \"24 MPa\","
                        "          \"sd\": \"3.6 MPa\" },"
                        "\"M\": { \"distribution\": \"gumbel\", \"mean\": 36e3,"
                        "         \"sd\": 7.2e3 }",
                        "\"W\": 2.7e-3", "{ \"builtin\": \"beam-bending\" }",
                        "\"fy - M * 6 / (0.18 * 0.3^2)\"", method, 3);
}

static void
test_builtin_deflection (void)
{
  static const struct
  {
    const char *support;
    const char *load;
    const char *written; /* the closed form, written by hand */
    double coefficient;
  } cases[] = {
    { "simply-supported", "point-midspan", "\"limit - P * L^3 / (48 * E * I)\"", 1.0 / 48 },
    { "simply-supported", "uniform", "\"limit - 5 * w * L^4 / (384 * E * I)\"", 5.0 / 384 },
    { "cantilever", "point-free-end", "\"limit - P * L^3 / (3 * E * I)\"", 1.0 / 3 },
    { "cantilever", "uniform", "\"limit - w * L^4 / (8 * E * I)\"", 1.0 / 8 },
    { "fixed-fixed", "point-midspan", "\"limit - P * L^3 / (192 * E * I)\"", 1.0 / 192 },
    { "fixed-fixed", "uniform", "\"limit - w * L^4 / (384 * E * I)\"", 1.0 / 384 },
    /* The largest deflection of a propped cantilever under a uniform load:
     * (39 + 55 sqrt(33)) / 65536 w L^4/(E I), about w L^4/(185 E I). */
    { "propped-cantilever", "uniform",
      "\"limit - (39 + 55 * sqrt(33)) / 65536 * w * L^4 / (E * I)\"",
      (39 + 55 * 5.744562646538029) / 65536 },
  };
  const char *method = "\"samples\": 400000, \"seed\": 10";

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      gboolean uniform = g_str_equal (cases[c].load, "uniform");
      double span = g_str_equal (cases[c].support, "cantilever") ? 2.4 : 6.0;
      double limit = span / (uniform ? 250.0 : 300.0);
      /* A mean load whose deflection is 70 % of the limit: Pf is a few per cent. */
      double mean_load
          = 0.7 * limit * 11e9 * 2.5e-4 / (cases[c].coefficient * pow (span, uniform ? 4 : 3));
      g_autofree char *vars = g_strdup_printf (
          "\"%s\": { \"distribution\": \"gumbel\", \"mean\": %.17g, \"sd\": %.17g },"
          "\"E\": { \"distribution\": \"lognormal\", \"mean\": \"11 GPa\", \"sd\": \"1.1 GPa\" },"
          "\"I\": { \"distribution\": \"normal\", \"mean\": \"2.5e8 mm^4\", \"sd\": \"1e7 mm^4\" }",
          uniform ? "w" : "P", mean_load, 0.15 * mean_load);
      g_autofree char *consts = g_strdup_printf ("\"L\": %.17g, \"limit\": %.17g", span, limit);
      g_autofree char *builtin = g_strdup_printf ("{ \"builtin\": \"beam-deflection\", "
                                                  "\"support\": \"%s\", \"load\": \"%s\" }",
                                                  cases[c].support, cases[c].load);
      g_autofree char *label
          = g_strdup_printf ("beam-deflection %s %s", cases[c].support, cases[c].load);
      g_autoptr (PsStudy) study = load_study (vars, consts, builtin, method);
      PsSupport s;
      PsLoadCase lc;

      g_assert_true (ps_beam_case_from_names (cases[c].support, cases[c].load, &s, &lc));
      assert_close (label, ps_beam_deflection_coefficient (s, lc), cases[c].coefficient, 1e-9);
      g_assert_nonnull (strstr (model_of (study)->limit_state, uniform ? "w * L^4" : "P * L^3"));
      assert_same_failures (label, vars, consts, builtin, cases[c].written, method, 3);
    }
}

/* A plain number is SI (../shared/STUDY-FILES.md), so it may stand beside a value with a
 * unit: "mean": "300 MPa" with "sd": 3e7 is the same variable as with "sd": "30 MPa". */
static void
test_plain_number_is_si (void)
{
  g_autoptr (PsStudy) a = load_study (AXIAL_BAR, "\"samples\": 50000, \"seed\": 21");
  g_autoptr (PsStudy) b = load_study (
      "\"R\": { \"distribution\": \"lognormal\", \"mean\": \"300 MPa\", \"sd\": 3e7 },"
      "\"F\": { \"distribution\": \"normal\", \"mean\": 75000, \"sd\": \"5 kN\" }",
      "\"D\": 0.02", AXIAL_BAR_G, "\"samples\": 50000, \"seed\": 21");
  g_autoptr (PsRunResult) ra = run_study (a, "serial", 1);
  g_autoptr (PsRunResult) rb = run_study (b, "serial", 1);

  g_assert_true (memcmp (model_of (a)->dists, model_of (b)->dists, 2 * sizeof (PsDist)) == 0);
  g_assert_true (memcmp (ra->summary, rb->summary, sizeof (PsReliabilitySummary)) == 0);
}

/* ---------------------------------------------------------------------------------
 * Bad input
 * ------------------------------------------------------------------------------ */

typedef struct
{
  const char *label;
  const char *variables;
  const char *constants;
  const char *limit_state;
  const char *method;
  const char *path;     /* the message starts with "path: " */
  const char *contains; /* and contains this */
  int position;         /* > 0: an expression error at this 1-based position, with a caret */
} BadCase;

#define BAD_R "\"R\": { \"distribution\": \"normal\", \"mean\": \"300 MPa\", \"sd\": \"30 MPa\" }"
#define BAD_S "\"S\": { \"distribution\": \"normal\", \"mean\": \"200 MPa\", \"sd\": \"20 MPa\" }"
#define BAD_RS BAD_R "," BAD_S
#define BAD_M "\"samples\": 1000, \"seed\": 1"

static const BadCase bad_cases[] = {
  { "unknown variable", BAD_RS, NULL, "\"R - Q * 2\"", BAD_M, "limit_state", "unknown name \"Q\"",
    5 },
  { "unknown variable after a function", BAD_RS, "\"D\": \"20 mm\"", "\"R - S / sqrt(pi * DD^2)\"",
    BAD_M, "limit_state", "\"DD\"", 19 },
  { "syntax: two operators", BAD_RS, NULL, "\"R - * S\"", BAD_M, "limit_state", "expected", 5 },
  { "syntax: missing parenthesis", BAD_RS, NULL, "\"(R - S\"", BAD_M, "limit_state", "parenthesis",
    7 },
  { "syntax: unexpected character", BAD_RS, NULL, "\"R # S\"", BAD_M, "limit_state",
    "unexpected character", 3 },
  { "syntax: wrong arity", BAD_RS, NULL, "\"pow(R) - S\"", BAD_M, "limit_state", "argument", 1 },
  { "division by zero in constants", BAD_RS, "\"a\": 2.5, \"b\": 2.5", "\"R - S / (a - b)\"", BAD_M,
    "limit_state", "division by zero", 7 },
  { "division by zero, literal", BAD_RS, NULL, "\"R - 1 / 0 * S\"", BAD_M, "limit_state",
    "division by zero", 7 },
  { "empty limit state", BAD_RS, NULL, "\"\"", BAD_M, "limit_state", "empty expression", 1 },
  { "limit state is a number", BAD_RS, NULL, "42", BAD_M, "limit_state", "expected an expression",
    0 },
  { "sd zero", "\"R\": { \"distribution\": \"normal\", \"mean\": \"300 MPa\", \"sd\": \"0 MPa\" }",
    NULL, "\"R - 1\"", BAD_M, "variables.R", "'sd' must be positive", 0 },
  { "sd negative",
    "\"R\": { \"distribution\": \"gumbel\", \"mean\": \"300 MPa\", \"sd\": \"-30 MPa\" }", NULL,
    "\"R - 1\"", BAD_M, "variables.R", "'sd' must be positive", 0 },
  { "lognormal mean zero",
    "\"R\": { \"distribution\": \"lognormal\", \"mean\": \"0 MPa\", \"sd\": \"30 MPa\" }", NULL,
    "\"R - 1\"", BAD_M, "variables.R", "'mean' must be positive", 0 },
  { "lognormal mean negative",
    "\"R\": { \"distribution\": \"lognormal\", \"mean\": -2.385, \"sd\": 0.3 }", NULL, "\"R - 1\"",
    BAD_M, "variables.R", "'mean' must be positive", 0 },
  { "uniform lower = upper",
    "\"R\": { \"distribution\": \"uniform\", \"lower\": \"2.385 m\", \"upper\": \"2.385 m\" }",
    NULL, "\"R - 1\"", BAD_M, "variables.R", "must be less than 'upper'", 0 },
  { "uniform lower > upper", "\"R\": { \"distribution\": \"uniform\", \"lower\": 3, \"upper\": 2 }",
    NULL, "\"R - 1\"", BAD_M, "variables.R", "must be less than 'upper'", 0 },
  { "weibull shape zero",
    "\"R\": { \"distribution\": \"weibull\", \"shape\": 0, \"scale\": \"300 MPa\" }", NULL,
    "\"R - 1\"", BAD_M, "variables.R", "'shape' must be positive", 0 },
  { "weibull shape negative",
    "\"R\": { \"distribution\": \"weibull\", \"shape\": -1.5, \"scale\": \"300 MPa\" }", NULL,
    "\"R - 1\"", BAD_M, "variables.R", "'shape' must be positive", 0 },
  { "weibull shape with a unit",
    "\"R\": { \"distribution\": \"weibull\", \"shape\": \"2 MPa\", \"scale\": \"300 MPa\" }", NULL,
    "\"R - 1\"", BAD_M, "variables.R.shape", "plain number", 0 },
  { "unknown distribution", "\"R\": { \"distribution\": \"gaussian\", \"mean\": 300, \"sd\": 30 }",
    NULL, "\"R - 1\"", BAD_M, "variables.R", "unknown distribution 'gaussian'", 0 },
  { "missing distribution", "\"R\": { \"mean\": 300, \"sd\": 30 }", NULL, "\"R - 1\"", BAD_M,
    "variables.R.distribution", "missing", 0 },
  { "missing sd", "\"R\": { \"distribution\": \"normal\", \"mean\": 300 }", NULL, "\"R - 1\"",
    BAD_M, "variables.R", "'sd' is required", 0 },
  { "parameter of another distribution",
    "\"R\": { \"distribution\": \"normal\", \"mean\": 300, \"sd\": 30, \"shape\": 2 }", NULL,
    "\"R - 1\"", BAD_M, "variables.R", "'shape' is not a parameter", 0 },
  { "target_cov zero", BAD_RS, NULL, "\"R - S\"", "\"samples\": 1000, \"target_cov\": 0",
    "method.target_cov", "", 0 },
  { "target_cov negative", BAD_RS, NULL, "\"R - S\"", "\"samples\": 1000, \"target_cov\": -0.01",
    "method.target_cov", "", 0 },
  { "samples zero", BAD_RS, NULL, "\"R - S\"", "\"samples\": 0", "method.samples", "", 0 },
  { "samples negative", BAD_RS, NULL, "\"R - S\"", "\"samples\": -5", "method.samples", "", 0 },
  { "samples fractional", BAD_RS, NULL, "\"R - S\"", "\"samples\": 2.385", "method.samples",
    "whole number", 0 },
  { "samples missing", BAD_RS, NULL, "\"R - S\"", "\"seed\": 1", "method.samples", "missing", 0 },
  { "negative seed", BAD_RS, NULL, "\"R - S\"", "\"samples\": 1000, \"seed\": -1", "method.seed",
    "", 0 },
  { "time_limit not a time", BAD_RS, NULL, "\"R - S\"",
    "\"samples\": 1000, \"time_limit\": \"10 m\"", "method.time_limit", "", 0 },
  { "mean and sd in different dimensions",
    "\"R\": { \"distribution\": \"normal\", \"mean\": \"300 MPa\", \"sd\": \"30 kN\" }", NULL,
    "\"R - 1\"", BAD_M, "variables.R.sd", "units", 0 },
  { "lower and upper in different dimensions",
    "\"R\": { \"distribution\": \"uniform\", \"lower\": \"2 m\", \"upper\": \"3 kN\" }", NULL,
    "\"R - 1\"", BAD_M, "variables.R.upper", "units", 0 },
  { "unknown unit", "\"R\": { \"distribution\": \"normal\", \"mean\": \"300 MPx\", \"sd\": 3 }",
    NULL, "\"R - 1\"", BAD_M, "variables.R.mean", "", 0 },
  { "variable named pi", "\"pi\": { \"distribution\": \"normal\", \"mean\": 3, \"sd\": 0.1 }", NULL,
    "\"pi - 3\"", BAD_M, "variables.pi", "\"pi\"", 0 },
  { "invalid variable name", "\"2R\": { \"distribution\": \"normal\", \"mean\": 3, \"sd\": 0.1 }",
    NULL, "\"3\"", BAD_M, "variables.2R", "letter", 0 },
  { "variable name with a space",
    "\"R 1\": { \"distribution\": \"normal\", \"mean\": 3, \"sd\": 0.1 }", NULL, "\"3\"", BAD_M,
    "variables.R 1", "letter", 0 },
  { "constant named pi", BAD_RS, "\"pi\": 3.14", "\"R - S\"", BAD_M, "constants.pi", "\"pi\"", 0 },
  { "constant shadowing a variable", BAD_RS, "\"S\": \"250 MPa\"", "\"R - S\"", BAD_M,
    "constants.S", "also a random variable", 0 },
  { "constant not a number", BAD_RS, "\"D\": [20]", "\"R - S\"", BAD_M, "constants.D",
    "expected a number", 0 },
  { "unknown key in the method", BAD_RS, NULL, "\"R - S\"", "\"samples\": 1000, \"sample\": 5",
    "method.sample", "unknown key", 0 },
  { "missing limit_state", BAD_RS, NULL, NULL, BAD_M, "limit_state", "", 0 },
  { "unknown key in a variable",
    "\"R\": { \"distribution\": \"normal\", \"mean\": 300, \"sd\": 30, \"cov\": 0.1 }", NULL,
    "\"R - 1\"", BAD_M, "variables.R.cov", "unknown key", 0 },
  { "no variables", "", NULL, "\"1\"", BAD_M, "variables", "no random variables", 0 },
  { "unknown built-in", BAD_RS, NULL, "{ \"builtin\": \"R+S\" }", BAD_M, "limit_state.builtin",
    "R-S", 0 },
  { "beam-deflection without a closed form", BAD_RS, NULL,
    "{ \"builtin\": \"beam-deflection\", \"support\": \"cantilever\", \"load\": "
    "\"point-midspan\" }",
    BAD_M, "limit_state", "no closed form", 0 },
  { "beam-deflection without support", BAD_RS, NULL,
    "{ \"builtin\": \"beam-deflection\", \"load\": \"uniform\" }", BAD_M, "limit_state.support",
    "missing", 0 },
  { "built-in over missing variables", BAD_RS, NULL, "{ \"builtin\": \"axial-bar\" }", BAD_M,
    "limit_state", "unknown name \"fy\"", 1 },
};

static void
test_bad_input (void)
{
  g_assert_cmpuint (G_N_ELEMENTS (bad_cases), >=, 15);
  for (guint c = 0; c < G_N_ELEMENTS (bad_cases); c++)
    {
      const BadCase *bc = &bad_cases[c];
      g_autofree char *json = NULL;
      g_autofree char *prefix = g_strdup_printf ("%s: ", bc->path);
      g_autoptr (GError) error = NULL;
      g_autoptr (PsStudy) study = NULL;

      if (bc->limit_state != NULL)
        json = study_json (bc->variables, bc->constants, bc->limit_state, bc->method);
      else
        json = g_strdup_printf ("{ \"parastudy\": 1, \"kind\": \"reliability\", \"name\": \"T\","
                                "  \"variables\": { %s }, \"method\": { %s } }",
                                bc->variables, bc->method);
      study = ps_study_load_data (json, -1, &error);
      if (error == NULL)
        g_error ("%s: no error for\n%s", bc->label, json);
      g_assert_null (study);
      g_test_message ("%s: %s", bc->label, error->message);
      if (!g_error_matches (error, PS_ERROR, PS_ERROR_INVALID))
        g_error ("%s: error %s %d, expected PS_ERROR_INVALID: %s", bc->label,
                 g_quark_to_string (error->domain), error->code, error->message);
      if (!g_str_has_prefix (error->message, prefix))
        g_error ("%s: the message does not start with \"%s\": %s", bc->label, prefix,
                 error->message);
      if (strstr (error->message, bc->contains) == NULL)
        g_error ("%s: the message does not say \"%s\": %s", bc->label, bc->contains,
                 error->message);
      if (bc->position > 0)
        {
          g_autofree char *pos = g_strdup_printf ("position %d:", bc->position);
          g_auto (GStrv) lines = g_strsplit (error->message, "\n", -1);
          guint n = g_strv_length (lines);
          g_autofree char *caret = g_strdup_printf ("  %*s^", bc->position - 1, "");

          if (strstr (error->message, pos) == NULL)
            g_error ("%s: no \"%s\" in: %s", bc->label, pos, error->message);
          g_assert_cmpuint (n, ==, 3);
          g_assert_cmpstr (lines[2], ==, caret);
          g_assert_true (g_str_has_prefix (lines[1], "  "));
        }
    }
}

/* The caret line sits under the text echoed on the line above. */
static void
test_bad_input_caret (void)
{
  g_autofree char *json = study_json (BAD_RS, NULL, "\"R - S * (2 + Qx)\"", BAD_M);
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = ps_study_load_data (json, -1, &error);
  g_auto (GStrv) lines = NULL;

  g_assert_null (study);
  g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
  lines = g_strsplit (error->message, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_true (g_str_has_prefix (lines[0], "limit_state: position 14: unknown name \"Qx\""));
  g_assert_cmpstr (lines[1], ==, "  R - S * (2 + Qx)");
  g_assert_cmpstr (lines[2], ==, "               ^");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gsl_set_error_handler_off ();

#ifdef __SANITIZE_ADDRESS__
  quick = TRUE;
#endif
  if (g_getenv ("PS_TEST_QUICK") != NULL && g_strcmp0 (g_getenv ("PS_TEST_QUICK"), "0") != 0)
    quick = TRUE;

  g_test_add_func ("/engine/reliability/exact/normal-linear", test_exact_normal_linear);
  g_test_add_func ("/engine/reliability/exact/lognormal-r-s", test_exact_lognormal);
  g_test_add_func ("/engine/reliability/exact/absent", test_exact_absent);
  g_test_add_func ("/engine/reliability/openturns/axial-bar", test_axial_bar_openturns);
  g_test_add_func ("/engine/reliability/examples", test_examples);
  g_test_add_func ("/engine/reliability/backends/bitwise", test_backends_bitwise);
  g_test_add_func ("/engine/reliability/backends/variable-order", test_variable_order);
  g_test_add_func ("/engine/reliability/samples/scalar-equals-block", test_scalar_equals_block);
  g_test_add_func ("/engine/reliability/samples/seed-high-bits", test_seed_high_bits);
  g_test_add_func ("/engine/reliability/stop/target-cov", test_target_cov_first_boundary);
  g_test_add_func ("/engine/reliability/stop/time-limit", test_time_limit);
  g_test_add_func ("/engine/reliability/convergence-csv/runs", test_convergence_csv);
  g_test_add_func ("/engine/reliability/convergence-csv/stop-on-checkpoint",
                   test_convergence_stop_on_checkpoint);
  g_test_add_func ("/engine/reliability/nan-samples", test_nan_samples);
  g_test_add_func ("/engine/reliability/builtin/r-s", test_builtin_r_s);
  g_test_add_func ("/engine/reliability/builtin/axial-bar-and-bending", test_builtin_axial_bending);
  g_test_add_func ("/engine/reliability/builtin/beam-deflection", test_builtin_deflection);
  g_test_add_func ("/engine/reliability/units/plain-number-is-si", test_plain_number_is_si);
  g_test_add_func ("/engine/reliability/invalid/cases", test_bad_input);
  g_test_add_func ("/engine/reliability/invalid/caret", test_bad_input_caret);

  return g_test_run ();
}
