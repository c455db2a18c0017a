#define G_LOG_DOMAIN "parastudy-test"
#include "config.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "ps-is.h"
#include "ps-lhs.h"
#include "ps-rel-math.h"
#include "ps-rel-run.h"
#include "ps-test-utils.h"
#include "study/ps-json.h"

/* The reliability methods of issue 17 on the host: Nataf, FORM, SORM, importance
 * sampling, subset simulation, LHS, Sobol indices.
 *
 * References (each test names its own):
 *   [LS]   The load-strength example (data/examples/reliability-load-strength.json):
 *          g = R - S linear in normals, beta = (m_R - m_S) / sqrt(s_R^2 + s_S^2 - 2 rho
 *          s_R s_S) (Cornell; Melchers, Structural Reliability, 2nd ed., eq. 3.8 with
 *          correlation): 500/sqrt(150^2 + 100^2) = 2.7735, and with rho = 0.5
 *          500/sqrt(17500) = 3.7796, Pf = Phi(-3.7796) = 7.85e-5.
 *   [OTB]  otbenchmark (github.com/mbaudin47/otbenchmark, commit d10cb6b), the problem
 *          definitions and their tests: RP22 otbenchmark/ReliabilityProblem22.py,
 *          Pf = 0.00420730551129961794 (checked by tests/test_ReliabilityProblem22.py
 *          against a quadrature to 1e-11); RP14 ReliabilityProblem14.py, Pf =
 *          0.00077285; RP8 tests/test_RelabilityProblem8.py, Pf = 0.000784 (rtol 1e-2);
 *          RP25 ReliabilityProblem25.py, Pf = 4.148566293759747e-05 (Maple, per
 *          tests/test_ReliabilityProblem25.py); four-branch serial system
 *          FourBranchSerialSystemReliability.py (Waarts), Pf = 2.222795066194439887e-3.
 *   [LDK]  P.-L. Liu and A. Der Kiureghian, "Multivariate distribution models with
 *          prescribed marginals and covariances", Prob. Eng. Mech. 1 (1986) 105-112,
 *          the exact Nataf correlations: normal-lognormal rho = rho0 zeta / sqrt(e^(zeta^2)
 *          - 1); lognormal-lognormal rho = (e^(rho0 zA zB) - 1) / sqrt((e^(zA^2) - 1)
 *          (e^(zB^2) - 1)).
 *   [ISH]  The Ishigami function sin x1 + a sin^2 x2 + b x3^4 sin x1, x_i uniform on
 *          [-pi, pi], a = 7, b = 0.1 (T. Ishigami and T. Homma, ISUMA 1990), whose
 *          variances are V1 = (1 + b pi^4/5)^2/2, V2 = a^2/8, V3 = 0, V13 = b^2 pi^8 (1/18 -
 *          1/50), V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2 (I. M. Sobol' and Yu. L.
 *          Levitan, Comput. Phys. Commun. 117 (1999) 52-61): S1 = 0.3139, S2 = 0.4424,
 *          S3 = 0, ST3 = V13/V = 0.2437, computed in the test from these formulas.
 * Sampling results are asserted within 3 standard errors of the reference (their own
 * reported CoV; subset simulation's upper bound), FORM and SORM within the stated
 * approximation errors where the method applies.
 */

static guint64
scaled (guint64 n)
{
#if defined(__SANITIZE_ADDRESS__)
  return n / 4;
#else
  return g_getenv ("PS_TEST_QUICK") != NULL ? n / 10 : n;
#endif
}

static PsRelSetup *
setup_text (const char *text, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, text, -1, error))
    return NULL;
  return ps_rel_setup_parse (json_node_get_object (json_parser_get_root (parser)), error);
}

/* The summary members of a run, as JSON text and as an object (owned by *root). */
static char *
run_text (const char *text, guint pieces, gboolean *converged)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsRelSetup) s = setup_text (text, &error);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  gboolean ok;

  g_assert_no_error (error);
  json_builder_begin_object (b);
  ok = ps_rel_setup_run (s, pieces, b);
  json_builder_end_object (b);
  if (converged != NULL)
    *converged = ok;
  return ps_json_builder_to_data (b, FALSE);
}

static JsonObject *
run_object (const char *text, guint pieces, JsonParser **keep)
{
  g_autofree char *out = run_text (text, pieces, NULL);

  *keep = json_parser_new ();
  g_assert_true (json_parser_load_from_data (*keep, out, -1, NULL));
  return json_node_get_object (json_parser_get_root (*keep));
}

static char *
study (const char *variables, const char *correlation, const char *limit_state, const char *method)
{
  return g_strdup_printf ("{\"variables\": {%s}, \"correlation\": [%s], \"limit_state\": \"%s\", "
                          "\"method\": %s}",
                          variables, correlation, limit_state, method);
}

#define LS_VARS                                                                                    \
  "\"load\": {\"distribution\": \"normal\", \"mean\": \"1000 kN\", \"sd\": \"100 kN\"}, "          \
  "\"strength\": {\"distribution\": \"normal\", \"mean\": \"1500 kN\", \"sd\": \"150 kN\"}"
#define LS_RHO "{\"between\": [\"load\", \"strength\"], \"rho\": 0.5}"

static void
assert_within_se (const char *label, double pf, double cov, double ref, double ref_rel_err,
                  double k)
{
  double se = pf * cov;
  double tol = k * sqrt (se * se + ref * ref_rel_err * ref * ref_rel_err);

  if (!(fabs (pf - ref) <= tol))
    g_error ("%s: Pf = %.6g (CoV %.3g), reference %.6g: %.2f standard errors", label, pf, cov, ref,
             fabs (pf - ref) / (tol / k));
}

/* ---- FORM and the sampling methods on the load-strength example --------------------- */

static void
test_load_strength (void)
{
  const char *methods[] = { "{\"name\": \"form\"}", "{\"name\": \"form\", \"algorithm\": \"hlrf\"}",
                            "{\"name\": \"sorm\"}" };

  for (guint c = 0; c < 2; c++)
    for (guint m = 0; m < G_N_ELEMENTS (methods); m++)
      {
        g_autofree char *text = study (LS_VARS, c ? LS_RHO : "", "strength - load", methods[m]);
        g_autoptr (JsonParser) keep = NULL;
        JsonObject *r = run_object (text, 1, &keep);
        double beta = c ? 500.0 / sqrt (17500.0) : 500.0 / sqrt (150.0 * 150.0 + 100.0 * 100.0);
        JsonObject *dp = json_object_get_object_member (r, "design_point");
        JsonObject *x = json_object_get_object_member (dp, "x");

        g_assert_true (json_object_get_boolean_member (r, "converged"));
        assert_close ("[LS] beta", json_object_get_double_member (r, "beta"), beta, 1e-12);
        assert_close ("[LS] pf", json_object_get_double_member (r, "pf"),
                      gsl_cdf_ugaussian_P (-beta), 1e-10);
        if (c)
          assert_close ("[LS] pf 7.85e-5", json_object_get_double_member (r, "pf"), 7.85e-5, 1e-3);
        /* the design point lies on g = 0 */
        assert_close ("[LS] x*", json_object_get_double_member (x, "strength"),
                      json_object_get_double_member (x, "load"), 1e-12);
        /* uncorrelated: alpha = (s_S, -s_R)/sqrt(...), importance 100^2/32500 for load */
        if (!c)
          {
            JsonObject *imp = json_object_get_object_member (r, "importance_factors");
            assert_close ("[LS] load importance", json_object_get_double_member (imp, "load"),
                          100.0 * 100.0 / 32500.0, 1e-12);
            assert_close ("[LS] strength importance",
                          json_object_get_double_member (imp, "strength"), -150.0 * 150.0 / 32500.0,
                          1e-12);
          }
        if (m == 2)
          {
            /* a plane: no curvature, SORM = FORM */
            JsonObject *so = json_object_get_object_member (r, "sorm");
            assert_close ("[LS] breitung", json_object_get_double_member (so, "breitung"),
                          gsl_cdf_ugaussian_P (-beta), 1e-6);
          }
      }

  /* Correlated: importance sampling and Monte Carlo agree with FORM (exact here). */
  {
    const double pf = gsl_cdf_ugaussian_P (-500.0 / sqrt (17500.0));
    const char *sampling[] = {
      "{\"name\": \"importance-sampling\", \"samples\": 400000, \"target_cov\": 0.02}",
      "{\"name\": \"monte-carlo\", \"samples\": 4000000, \"seed\": 3}",
      "{\"name\": \"lhs\", \"samples\": 4000000, \"seed\": 4}",
      "{\"name\": \"subset\", \"samples_per_level\": 4000, \"seed\": 6}",
    };

    for (guint m = 0; m < G_N_ELEMENTS (sampling); m++)
      {
        g_autofree char *method = NULL;
        g_autofree char *text = NULL;
        g_autoptr (JsonParser) keep = NULL;
        JsonObject *r;
        const char *cov_key = m == 3 ? "cov_upper" : "cov";

        method = g_strdup (sampling[m]);
        if (m == 1 || m == 2)
          {
            /* fewer samples in quick and sanitizer builds */
            g_free (method);
            method = g_strdup_printf ("{\"name\": \"%s\", \"samples\": %" G_GUINT64_FORMAT
                                      ", \"seed\": %u}",
                                      m == 1 ? "monte-carlo" : "lhs", scaled (4000000), 3 + m);
          }
        text = study (LS_VARS, LS_RHO, "strength - load", method);
        r = run_object (text, 1, &keep);
        assert_within_se (sampling[m], json_object_get_double_member (r, "pf"),
                          json_object_get_double_member (r, cov_key), pf, 0.0, 3.0);
      }
  }
}

/* ---- otbenchmark ---------------------------------------------------------------------- */

#define RP22_VARS                                                                                  \
  "\"x1\": {\"distribution\": \"normal\", \"mean\": 0, \"sd\": 1}, "                               \
  "\"x2\": {\"distribution\": \"normal\", \"mean\": 0, \"sd\": 1}"
#define RP22_G "2.5 - 1 / sqrt(2) * (x1 + x2) + 0.1 * (x1 - x2)^2"
#define RP22_PF 0.00420730551129961794
#define RP14_VARS                                                                                  \
  "\"x1\": {\"distribution\": \"uniform\", \"lower\": 70, \"upper\": 80}, "                        \
  "\"x2\": {\"distribution\": \"normal\", \"mean\": 39, \"sd\": 0.1}, "                            \
  "\"x3\": {\"distribution\": \"gumbel\", \"mean\": 1500, \"sd\": 350}, "                          \
  "\"x4\": {\"distribution\": \"normal\", \"mean\": 400, \"sd\": 0.1}, "                           \
  "\"x5\": {\"distribution\": \"normal\", \"mean\": 250000, \"sd\": 35000}"
#define RP14_G "x1 - 32 / (pi * x2^3) * sqrt(x3^2 * x4^2 / 16 + x5^2)"
#define RP14_PF 0.00077285
#define LN(m, s) "{\"distribution\": \"lognormal\", \"mean\": " #m ", \"sd\": " #s "}"
#define RP8_VARS                                                                                   \
  "\"x1\": " LN (120, 12) ", \"x2\": " LN (120, 12) ", \"x3\": " LN (120, 12) ", \"x4\": " LN (    \
      120, 12) ", \"x5\": " LN (50, 10) ", \"x6\": " LN (40, 8)
#define RP8_G "x1 + 2 * x2 + 2 * x3 + x4 - 5 * x5 - 5 * x6"
#define RP8_PF 0.000784
#define RP25_G "max(x1^2 - 8 * x2 + 16, -16 * x1 + x2 + 32)"
#define RP25_PF 4.148566293759747e-05
#define FB_G                                                                                       \
  "min(min(3 + 0.1 * (x1 - x2)^2 - (x1 + x2) / sqrt(2), 3 + 0.1 * (x1 - x2)^2 + (x1 + x2) / "      \
  "sqrt(2)), min(x1 - x2 + 7 / sqrt(2), x2 - x1 + 7 / sqrt(2)))"
#define FB_PF 2.222795066194439887e-3

typedef struct
{
  const char *label, *vars, *g;
  double pf, pf_rel_err; /* the reference and its own relative uncertainty */
  gboolean form;         /* a single design point: FORM, SORM and IS apply */
} Bench;

static const Bench benches[] = {
  { "RP22", RP22_VARS, RP22_G, RP22_PF, 0.0, TRUE },
  { "RP14", RP14_VARS, RP14_G, RP14_PF, 0.0, TRUE },
  { "RP8", RP8_VARS, RP8_G, RP8_PF, 0.01, TRUE },
  { "RP25", RP22_VARS, RP25_G, RP25_PF, 0.0, FALSE },
  { "four-branch", RP22_VARS, FB_G, FB_PF, 0.0, FALSE },
};

static void
test_otbenchmark_sampling (void)
{
  for (guint k = 0; k < G_N_ELEMENTS (benches); k++)
    {
      const Bench *bp = &benches[k];
      g_autofree char *mc = g_strdup_printf (
          "{\"name\": \"monte-carlo\", \"samples\": %" G_GUINT64_FORMAT ", \"seed\": 11}",
          scaled (k == 3 ? 8000000 : 2000000));
      g_autofree char *lhs = g_strdup_printf ("{\"name\": \"lhs\", \"samples\": %" G_GUINT64_FORMAT
                                              ", \"seed\": 12}",
                                              scaled (k == 3 ? 8000000 : 2000000));
      const char *methods[] = {
        mc,
        lhs,
        "{\"name\": \"subset\", \"samples_per_level\": 4000, \"seed\": 13}",
        "{\"name\": \"importance-sampling\", \"samples\": 1000000, \"target_cov\": 0.02, "
        "\"seed\": 14}",
      };

      for (guint m = 0; m < G_N_ELEMENTS (methods); m++)
        {
          g_autofree char *text = NULL;
          g_autofree char *label = g_strdup_printf ("[OTB] %s %s", bp->label, methods[m]);
          g_autoptr (JsonParser) keep = NULL;
          JsonObject *r;

          if (m == 3 && !bp->form)
            continue;
          text = study (bp->vars, "", bp->g, methods[m]);
          r = run_object (text, 1, &keep);
          g_assert_true (json_object_get_boolean_member (r, "converged"));
          assert_within_se (label, json_object_get_double_member (r, "pf"),
                            json_object_get_double_member (r, m == 2 ? "cov_upper" : "cov"), bp->pf,
                            bp->pf_rel_err, 3.0);
        }
    }
}

static void
test_otbenchmark_form_sorm (void)
{
  g_autofree char *t22 = study (RP22_VARS, "", RP22_G, "{\"name\": \"sorm\"}");
  g_autofree char *t14 = study (RP14_VARS, "", RP14_G, "{\"name\": \"sorm\"}");
  g_autofree char *t8 = study (RP8_VARS, "", RP8_G, "{\"name\": \"sorm\"}");
  g_autofree char *t25 = study (RP22_VARS, "", RP25_G, "{\"name\": \"form\"}");
  g_autoptr (JsonParser) k22 = NULL, k14 = NULL, k8 = NULL;
  JsonObject *r22 = run_object (t22, 1, &k22), *r14 = run_object (t14, 1, &k14);
  JsonObject *r8 = run_object (t8, 1, &k8);
  JsonObject *s22 = json_object_get_object_member (r22, "sorm");
  JsonArray *kappa = json_object_get_array_member (s22, "curvatures");
  gboolean converged = TRUE;
  g_autofree char *out25 = run_text (t25, 1, &converged);

  /* RP22: g = 2.5 - u_n + 0.2 u_t^2 in rotated coordinates: beta = 2.5 exactly (the
   * issue: FORM Pf = Phi(-2.5)), one curvature 0.4, Breitung Phi(-2.5)/sqrt(2). */
  assert_close ("[OTB] RP22 FORM beta", json_object_get_double_member (r22, "beta"), 2.5, 1e-10);
  assert_close ("[OTB] RP22 FORM pf", json_object_get_double_member (r22, "pf"),
                gsl_cdf_ugaussian_P (-2.5), 1e-9);
  assert_close ("[OTB] RP22 curvature", json_array_get_double_element (kappa, 0), 0.4, 1e-6);
  assert_close ("[OTB] RP22 Breitung", json_object_get_double_member (s22, "breitung"),
                gsl_cdf_ugaussian_P (-2.5) / sqrt (2.0), 1e-6);
  /* Tvedt's three terms are within 0.5 % of the exact Pf here, Hohenbichler's 3 %. */
  assert_close ("[OTB] RP22 Tvedt", json_object_get_double_member (s22, "tvedt"), RP22_PF, 5e-3);
  assert_close ("[OTB] RP22 Hohenbichler", json_object_get_double_member (s22, "hohenbichler"),
                RP22_PF, 3e-2);

  /* RP14 and RP8: FORM is an approximation (non-normal variables, curved surfaces):
   * within 20 %; SORM within 10 %. */
  g_assert_true (json_object_get_boolean_member (r14, "converged"));
  assert_close ("[OTB] RP14 FORM", json_object_get_double_member (r14, "pf"), RP14_PF, 0.2);
  assert_close (
      "[OTB] RP14 SORM Breitung",
      json_object_get_double_member (json_object_get_object_member (r14, "sorm"), "breitung"),
      RP14_PF, 0.1);
  assert_close ("[OTB] RP8 FORM", json_object_get_double_member (r8, "pf"), RP8_PF, 0.2);
  assert_close (
      "[OTB] RP8 SORM Breitung",
      json_object_get_double_member (json_object_get_object_member (r8, "sorm"), "breitung"),
      RP8_PF, 0.1);

  /* RP25 is a parallel system with a kink at its design point: FORM does not apply
   * and must say so rather than give a beta. */
  g_assert_false (converged);
  g_assert_nonnull (strstr (out25, "\"converged\":false"));
  g_assert_nonnull (strstr (out25, "\"reason\":"));
}

/* ---- Nataf ---------------------------------------------------------------------------- */

static void
test_nataf (void)
{
  PsDist ln1, ln2, nrm;
  PsDistParams g1 = { .has_mean = TRUE, .mean = 120, .has_sd = TRUE, .sd = 36 };
  PsDistParams g2 = { .has_mean = TRUE, .mean = 50, .has_sd = TRUE, .sd = 20 };
  PsDistParams gn = { .has_mean = TRUE, .mean = 3, .has_sd = TRUE, .sd = 2 };
  double z1, z2, rho0;
  char *msg = NULL;

  g_assert_true (ps_dist_init_full (&ln1, "lognormal", &g1, NULL));
  g_assert_true (ps_dist_init_full (&ln2, "lognormal", &g2, NULL));
  g_assert_true (ps_dist_init_full (&nrm, "normal", &gn, NULL));
  z1 = ln1.p[1];
  z2 = ln2.p[1];
  for (double r0 = -0.85; r0 < 0.9; r0 += 0.3)
    {
      /* [LDK] exact forms */
      double ll = expm1 (r0 * z1 * z2) / sqrt (expm1 (z1 * z1) * expm1 (z2 * z2));
      double nl = r0 * z1 / sqrt (expm1 (z1 * z1));

      assert_close ("[LDK] lognormal-lognormal", ps_nataf_pearson_of_normal (&ln1, &ln2, r0), ll,
                    1e-8);
      assert_close ("[LDK] normal-lognormal", ps_nataf_pearson_of_normal (&nrm, &ln1, r0), nl,
                    1e-9);
      g_assert_true (ps_nataf_normal_of_pearson (&ln1, &ln2, ll, &rho0, &msg));
      assert_close ("[LDK] inverse", rho0, r0, 1e-8);
    }
  /* lognormal pairs cannot reach rho = -0.95 (the lower end is e^-zA zB - 1 / ...) */
  g_assert_false (ps_nataf_normal_of_pearson (&ln1, &ln2, -0.95, &rho0, &msg));
  g_assert_nonnull (strstr (msg, "outside the range"));
  g_free (msg);

  /* Spearman: rho0 = 2 sin(pi rho_S / 6) exactly (the normal copula) */
  {
    g_autofree char *text
        = study (LS_VARS,
                 "{\"between\": [\"load\", \"strength\"], \"rho\": 0.37, \"type\": "
                 "\"spearman\"}",
                 "strength - load", "{\"name\": \"form\"}");
    g_autoptr (PsRelSetup) s = setup_text (text, NULL);

    g_assert_nonnull (s);
    g_assert_cmpfloat (s->nataf->rho0[1], ==, 2.0 * sin (G_PI * 0.37 / 6.0));
    /* the map x -> u -> x */
    double x[2] = { 1.234e6, 0.987e6 }, u[2], x2[2];
    ps_rel_x_to_u (&s->problem, x, u);
    ps_rel_u_to_x_host (&s->problem, u, x2, NULL);
    assert_close ("x -> u -> x", x2[0], x[0], 1e-13);
    assert_close ("x -> u -> x", x2[1], x[1], 1e-13);
  }
}

/* ---- Sobol ------------------------------------------------------------------------------ */

typedef struct
{
  const char *var, *member, *ci;
  double want;
} IshigamiRef;

static void
test_ishigami (void)
{
  g_autofree char *text = g_strdup_printf (
      "{\"variables\": {"
      "\"x1\": {\"distribution\": \"uniform\", \"lower\": -3.141592653589793, \"upper\": "
      "3.141592653589793}, "
      "\"x2\": {\"distribution\": \"uniform\", \"lower\": -3.141592653589793, \"upper\": "
      "3.141592653589793}, "
      "\"x3\": {\"distribution\": \"uniform\", \"lower\": -3.141592653589793, \"upper\": "
      "3.141592653589793}}, "
      "\"limit_state\": \"sin(x1) + 7 * sin(x2)^2 + 0.1 * x3^4 * sin(x1)\", "
      "\"method\": {\"name\": \"form\", \"max_iterations\": 1}, "
      "\"sensitivity\": {\"method\": \"sobol\", \"samples\": %" G_GUINT64_FORMAT
      ", \"seed\": 2, \"bootstrap\": 300}}",
      scaled (40000));
  g_autoptr (JsonParser) keep = NULL;
  JsonObject *r = run_object (text, 1, &keep);
  JsonObject *sob = json_object_get_object_member (r, "sobol");
  IshigamiRef refs[4];
  const double a = 7.0, b = 0.1, p4 = pow (G_PI, 4), p8 = p4 * p4;
  const double vt = a * a / 8 + b * p4 / 5 + b * b * p8 / 18 + 0.5;

  refs[0] = (IshigamiRef){ "x1", "first", "first_ci95", 0.5 * pow (1 + b * p4 / 5, 2) / vt };
  refs[1] = (IshigamiRef){ "x2", "first", "first_ci95", a * a / 8 / vt };
  refs[2] = (IshigamiRef){ "x3", "first", "first_ci95", 0.0 };
  refs[3] = (IshigamiRef){ "x3", "total", "total_ci95", b * b * p8 * (1.0 / 18 - 1.0 / 50) / vt };
  assert_close ("[ISH] S1", refs[0].want, 0.3139, 1e-4);
  assert_close ("[ISH] S2", refs[1].want, 0.4424, 1e-4);
  assert_close ("[ISH] ST3", refs[3].want, 0.2437, 1e-4);

  for (guint k = 0; k < G_N_ELEMENTS (refs); k++)
    {
      JsonObject *v = json_object_get_object_member (sob, refs[k].var);
      JsonArray *ci = json_object_get_array_member (v, refs[k].ci);
      double lo = json_array_get_double_element (ci, 0), hi = json_array_get_double_element (ci, 1);

      if (!(lo <= refs[k].want && refs[k].want <= hi))
        g_error ("[ISH] %s %s: %g outside the bootstrap interval [%g, %g] (estimate %g)",
                 refs[k].var, refs[k].member, refs[k].want, lo, hi,
                 json_object_get_double_member (v, refs[k].member));
      /* and the interval is informative */
      g_assert_cmpfloat (hi - lo, <, 0.15);
    }
}

/* ---- the same answer for every chunking ------------------------------------------------ */

static void
test_chunking (void)
{
  const char *methods[] = {
    "{\"name\": \"sorm\"}",
    "{\"name\": \"importance-sampling\", \"samples\": 200000, \"target_cov\": 0.01}",
    "{\"name\": \"subset\", \"samples_per_level\": 1000, \"seed\": 21}",
    "{\"name\": \"lhs\", \"samples\": 100000, \"seed\": 22}",
    "{\"name\": \"monte-carlo\", \"samples\": 100000, \"seed\": 23}",
  };

  for (guint m = 0; m < G_N_ELEMENTS (methods); m++)
    {
      /* Sobol needs independent variables: only the uncorrelated study asks for it. */
      const char *sobol = m == 4 ? ", \"sensitivity\": {\"method\": \"sobol\", \"samples\": "
                                   "2000, \"seed\": 5, \"bootstrap\": 50}"
                                 : "";
      g_autofree char *text = g_strdup_printf (
          "{\"variables\": {%s, \"theta\": {\"distribution\": \"beta\", \"alpha\": 2.2, "
          "\"beta\": 3.1, \"lower\": 0.8, \"upper\": 1.3}}, \"correlation\": [%s], "
          "\"limit_state\": \"theta * strength - load\", \"method\": %s%s}",
          LS_VARS, m == 4 ? "" : LS_RHO, methods[m], sobol);
      g_autofree char *one = NULL;

      one = run_text (text, 1, NULL);
      for (guint pieces = 3; pieces <= 7; pieces += 4)
        {
          g_autofree char *other = run_text (text, pieces, NULL);

          if (!g_str_equal (one, other))
            g_error ("%s: 1 piece and %u pieces differ:\n%s\n%s", methods[m], pieces, one, other);
        }
    }
}

/* Exact sums: any order and grouping, the same bits; cancellation is exact. */
static void
test_xsum (void)
{
  PsXSum a, b, c;
  double v[1000];

  ps_xsum_init (&a);
  ps_xsum_add (&a, 1e100);
  ps_xsum_add (&a, 1.0);
  ps_xsum_add (&a, -1e100);
  ps_xsum_add (&a, 0x1p-1074);
  g_assert_cmpfloat (ps_xsum_to_double (&a), ==, 1.0);

  ps_rng_uniforms (3, 4, 0, G_N_ELEMENTS (v), v);
  for (guint i = 0; i < G_N_ELEMENTS (v); i++)
    v[i] = (v[i] - 0.5) * pow (10.0, (double)(i % 37) - 18.0);
  ps_xsum_init (&a);
  for (guint i = 0; i < G_N_ELEMENTS (v); i++)
    ps_xsum_add (&a, v[i]);
  ps_xsum_init (&b);
  ps_xsum_init (&c);
  for (guint i = G_N_ELEMENTS (v); i-- > 0;)
    ps_xsum_add (i % 3 ? &b : &c, v[i]);
  ps_xsum_merge (&c, &b);
  double x = ps_xsum_to_double (&a), y = ps_xsum_to_double (&c);
  g_assert_cmpmem (&x, sizeof x, &y, sizeof y);
}

/* The Latin hypercube's strata: each variable uses every stratum once. */
static void
test_lhs_strata (void)
{
  const guint64 n = 1000; /* not a power of 4: the permutation walks cycles */
  g_autofree guint8 *seen = g_new0 (guint8, n);

  for (guint32 var = 7; var < 10; var++)
    {
      memset (seen, 0, n);
      for (guint64 i = 0; i < n; i++)
        {
          double u = ps_rel_lhs_uniform (i, n, 99, var);
          guint64 s = (guint64)(u * (double)n);

          g_assert_cmpuint (s, <, n);
          g_assert_cmpuint (seen[s], ==, 0);
          seen[s] = 1;
        }
    }
}

/* ---- bad input ----------------------------------------------------------------------- */

typedef struct
{
  const char *label, *correlation, *method, *extra, *message;
} BadInput;

static const BadInput bad_inputs[] = {
  { "unknown method", "", "{\"name\": \"magic\"}", "",
    "method.name: expected \"monte-carlo\", \"lhs\"" },
  { "directional", "", "{\"name\": \"directional\"}", "", "method.name: directional simulation" },
  { "form unknown key", "", "{\"name\": \"form\", \"samples\": 10}", "",
    "method.samples: unknown key" },
  { "form algorithm", "", "{\"name\": \"form\", \"algorithm\": \"newton\"}", "",
    "method.algorithm: expected \"ihlrf\" or \"hlrf\", got \"newton\"" },
  { "form tolerance", "", "{\"name\": \"form\", \"tolerance\": -1}", "", "method.tolerance" },
  { "form tolerance 1", "", "{\"name\": \"form\", \"tolerance\": 2}", "",
    "method.tolerance: must be less than 1" },
  { "form max_iterations", "", "{\"name\": \"form\", \"max_iterations\": 0}", "",
    "method.max_iterations" },
  { "form start word", "", "{\"name\": \"form\", \"start\": \"median\"}", "",
    "method.start: expected \"mean\" or a point" },
  { "form start unknown variable", "", "{\"name\": \"sorm\", \"start\": {\"R\": 1}}", "",
    "method.start.R: \"R\" is not a random variable" },
  { "form start missing variable", "", "{\"name\": \"form\", \"start\": {\"load\": \"1 MN\"}}", "",
    "method.start.strength: missing" },
  { "is without samples", "", "{\"name\": \"importance-sampling\"}", "", "method.samples" },
  { "is centre", "", "{\"name\": \"importance-sampling\", \"samples\": 10, \"centre\": 3}", "",
    "method.centre: expected \"mean\" or a point" },
  { "is centre word", "",
    "{\"name\": \"importance-sampling\", \"samples\": 10, \"centre\": \"origin\"}", "",
    "method.centre: expected \"form\" or a point" },
  { "subset p0", "", "{\"name\": \"subset\", \"p0\": 0.7}", "",
    "method.p0: must lie in (0, 0.5] (got 0.7)" },
  { "subset chains", "", "{\"name\": \"subset\", \"samples_per_level\": 1005}", "",
    "method.samples_per_level: 1005 samples with p0 = 0.1 do not make whole chains" },
  { "subset unknown key", "", "{\"name\": \"subset\", \"samples\": 100}", "",
    "method.samples: unknown key" },
  { "lhs target_cov", "", "{\"name\": \"lhs\", \"samples\": 100, \"target_cov\": 0.1}", "",
    "method.target_cov: unknown key" },
  { "subset target_cov", "", "{\"name\": \"subset\", \"target_cov\": -0.1}", "",
    "method.target_cov" },
  { "subset seed", "", "{\"name\": \"subset\", \"seed\": -4}", "", "method.seed" },
  { "is target_cov", "", "{\"name\": \"importance-sampling\", \"samples\": 10, \"target_cov\": 0}",
    "", "method.target_cov" },
  { "sensitivity bootstrap", "", "{\"name\": \"form\"}",
    "{\"method\": \"sobol\", \"bootstrap\": 3}", "sensitivity.bootstrap" },
  { "sensitivity seed", "", "{\"name\": \"form\"}", "{\"method\": \"sobol\", \"seed\": -1}",
    "sensitivity.seed" },
  { "sensitivity not an object", "", "{\"name\": \"form\"}", "\"sobol\"", "sensitivity" },
  { "correlation not a list", "X", "{\"name\": \"form\"}", "", "correlation: expected a list" },
  { "correlation unknown variable", "{\"between\": [\"load\", \"R\"], \"rho\": 0.3}",
    "{\"name\": \"form\"}", "", "correlation[0].between[1]: \"R\" is not a random variable" },
  { "correlation with itself", "{\"between\": [\"load\", \"load\"], \"rho\": 0.3}",
    "{\"name\": \"form\"}", "",
    "correlation[0].between: a variable is not correlated with itself" },
  { "correlation three names", "{\"between\": [\"load\", \"strength\", \"load\"], \"rho\": 0.3}",
    "{\"name\": \"form\"}", "", "correlation[0].between: expected the names of two variables" },
  { "correlation rho 1", "{\"between\": [\"load\", \"strength\"], \"rho\": 1}",
    "{\"name\": \"form\"}", "", "correlation[0].rho: must lie strictly between -1 and 1 (got 1)" },
  { "correlation rho missing", "{\"between\": [\"load\", \"strength\"]}", "{\"name\": \"form\"}",
    "", "correlation[0].rho: missing" },
  { "correlation type",
    "{\"between\": [\"load\", \"strength\"], \"rho\": 0.2, \"type\": \"kendall\"}",
    "{\"name\": \"form\"}", "",
    "correlation[0].type: expected \"normal-copula\", \"spearman\" or \"pearson\", got "
    "\"kendall\"" },
  { "correlation twice",
    "{\"between\": [\"load\", \"strength\"], \"rho\": 0.2}, {\"between\": [\"strength\", "
    "\"load\"], \"rho\": 0.3}",
    "{\"name\": \"form\"}", "", "correlation[1].between: the pair strength, load is given twice" },
  { "correlation key", "{\"between\": [\"load\", \"strength\"], \"rho\": 0.2, \"r\": 1}",
    "{\"name\": \"form\"}", "", "correlation[0].r: unknown key" },
  { "not positive definite",
    "{\"between\": [\"load\", \"strength\"], \"rho\": 0.9}, {\"between\": [\"load\", \"c\"], "
    "\"rho\": 0.9}, {\"between\": [\"strength\", \"c\"], \"rho\": -0.9}",
    "{\"name\": \"form\"}", "",
    "correlation[2].rho: the correlation matrix (of the normal copula) is not positive definite: "
    "the "
    "correlations between load and c (correlation[1]), strength and c (correlation[2])" },
  { "sensitivity method", "", "{\"name\": \"form\"}", "{\"method\": \"morris\"}",
    "sensitivity.method: expected \"sobol\", got \"morris\"" },
  { "sensitivity samples", "", "{\"name\": \"form\"}", "{\"method\": \"sobol\", \"samples\": 1}",
    "sensitivity.samples" },
  { "sensitivity key", "", "{\"name\": \"form\"}", "{\"method\": \"sobol\", \"n\": 1}",
    "sensitivity.n: unknown key" },
  { "sensitivity with correlation", "{\"between\": [\"load\", \"strength\"], \"rho\": 0.2}",
    "{\"name\": \"form\"}", "{\"method\": \"sobol\"}",
    "sensitivity: Sobol indices need independent variables" },
};

typedef struct
{
  const char *label, *variable, *message;
} BadVariable;

static const BadVariable bad_variables[] = {
  { "beta alpha", "{\"distribution\": \"beta\", \"alpha\": -1, \"beta\": 2}",
    "variables.c: beta: 'alpha' must be positive (got -1)" },
  { "beta bounds",
    "{\"distribution\": \"beta\", \"alpha\": 2, \"beta\": 2, \"lower\": \"3 m\", "
    "\"upper\": \"2 m\"}",
    "variables.c: beta: 'lower' (3) must be less than 'upper' (2)" },
  { "beta alpha with a unit", "{\"distribution\": \"beta\", \"alpha\": \"2 m\", \"beta\": 2}",
    "variables.c.alpha: is a plain number" },
  { "triangular mode",
    "{\"distribution\": \"triangular\", \"lower\": 1, \"mode\": 4, \"upper\": 3}",
    "variables.c: triangular: 'mode' (4) must lie in ['lower', 'upper']" },
  { "triangular units",
    "{\"distribution\": \"triangular\", \"lower\": \"1 m\", \"mode\": \"2 s\", "
    "\"upper\": \"3 m\"}",
    "variables.c.mode: has the units of" },
  { "gamma shape", "{\"distribution\": \"gamma\", \"shape\": 0, \"scale\": 1}",
    "variables.c: gamma: 'shape' must be positive" },
  { "gamma key", "{\"distribution\": \"gamma\", \"mean\": 1, \"sd\": 1, \"mode\": 1}",
    "variables.c: gamma: 'mode' is not a parameter of this distribution" },
  { "frechet", "{\"distribution\": \"frechet\", \"mean\": 1, \"sd\": 1, \"lower\": 2}",
    "variables.c: frechet: 'mean' (1) must be greater than 'lower' (2)" },
  { "lognormal lower", "{\"distribution\": \"lognormal\", \"mean\": 1, \"sd\": 1, \"lower\": 2}",
    "variables.c: lognormal: 'mean' (1) must be greater than 'lower' (2)" },
  { "gumbel-min", "{\"distribution\": \"gumbel-min\", \"mean\": 1}",
    "variables.c: gumbel-min: 'sd' is required" },
  { "unknown key", "{\"distribution\": \"normal\", \"mean\": 1, \"sd\": 1, \"kappa\": 1}",
    "variables.c.kappa: unknown key" },
  { "unknown distribution", "{\"distribution\": \"cauchy\", \"mean\": 1}",
    "variables.c: unknown distribution 'cauchy'" },
};

static void
assert_bad (const char *label, const char *text, const char *message)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsRelSetup) s = setup_text (text, &error);

  if (s != NULL)
    g_error ("%s: accepted", label);
  g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
  if (strstr (error->message, message) == NULL)
    g_error ("%s: message \"%s\" lacks \"%s\"", label, error->message, message);
}

static void
test_bad_input (void)
{
  for (guint k = 0; k < G_N_ELEMENTS (bad_inputs); k++)
    {
      const BadInput *c = &bad_inputs[k];
      g_autofree char *text = NULL;

      if (g_str_equal (c->correlation, "X"))
        text = g_strdup_printf ("{\"variables\": {%s}, \"correlation\": 3, \"limit_state\": "
                                "\"strength - load\", \"method\": %s}",
                                LS_VARS, c->method);
      else
        text = g_strdup_printf (
            "{\"variables\": {%s, \"c\": {\"distribution\": \"normal\", \"mean\": 1, \"sd\": 1}}, "
            "\"correlation\": [%s], \"limit_state\": \"strength - load\", \"method\": %s%s%s}",
            LS_VARS, c->correlation, c->method, *c->extra ? ", \"sensitivity\": " : "", c->extra);
      assert_bad (c->label, text, c->message);
    }
  for (guint k = 0; k < G_N_ELEMENTS (bad_variables); k++)
    {
      const BadVariable *c = &bad_variables[k];
      g_autofree char *text
          = g_strdup_printf ("{\"variables\": {%s, \"c\": %s}, \"limit_state\": \"strength - load "
                             "+ c\", \"method\": {\"name\": \"form\"}}",
                             LS_VARS, c->variable);
      assert_bad (c->label, text, c->message);
    }
}

/* FORM that cannot converge says so, with the last iterate and the reason. */
static void
test_not_converged (void)
{
  /* c = 1000 kN: the limit state's units agree (issue 19 item 6: a bare 1e6 would
   * make load * load / 1e6 a force squared). */
  g_autofree char *text = g_strdup_printf (
      "{\"variables\": {%s}, \"constants\": {\"c\": \"1000 kN\"}, \"limit_state\": "
      "\"strength - load * load / c\", \"method\": {\"name\": \"form\", \"max_iterations\": 1, "
      "\"algorithm\": \"hlrf\", \"tolerance\": 1e-12}}",
      LS_VARS);
  gboolean converged = TRUE;
  g_autofree char *out = run_text (text, 1, &converged);

  g_assert_false (converged);
  g_assert_nonnull (strstr (out, "\"converged\":false"));
  g_assert_nonnull (strstr (out, "\"reason\":\"max_iterations reached\""));
  g_assert_nonnull (strstr (out, "\"design_point\""));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/relmethods/load-strength", test_load_strength);
  g_test_add_func ("/engine/relmethods/otbenchmark/sampling", test_otbenchmark_sampling);
  g_test_add_func ("/engine/relmethods/otbenchmark/form-sorm", test_otbenchmark_form_sorm);
  g_test_add_func ("/engine/relmethods/nataf", test_nataf);
  g_test_add_func ("/engine/relmethods/sobol-ishigami", test_ishigami);
  g_test_add_func ("/engine/relmethods/chunking", test_chunking);
  g_test_add_func ("/engine/relmethods/exact-sum", test_xsum);
  g_test_add_func ("/engine/relmethods/lhs-strata", test_lhs_strata);
  g_test_add_func ("/engine/relmethods/bad-input", test_bad_input);
  g_test_add_func ("/engine/relmethods/not-converged", test_not_converged);
  return g_test_run ();
}
