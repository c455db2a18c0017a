#define G_LOG_DOMAIN "parastudy-test"
#include "config.h"

#include <glib/gstdio.h>
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <string.h>

#include "parastudy.h"
#include "ps-cli-test-utils.h"
#include "ps-test-utils.h"
#include "studies/regression/ps-distfit.h"

/* The reliability methods of issue 17 through the whole study path: a study file in,
 * a run (rounds and all) on a backend, summary.json out; and through the command
 * line, its exit status: 2 for bad input naming the JSON path, 1 for an answer that
 * is not a result (a method that did not converge, a limit state that is NaN or
 * infinite too often, issue 22 item 6).
 *
 * The reference of the load-strength cases is Cornell's closed form for a linear limit
 * state in normal variables, g = S - L: beta = (mu_S - mu_L) / sigma_g with sigma_g^2 =
 * sigma_S^2 + sigma_L^2 - 2 rho sigma_S sigma_L, Pf = Phi(-beta) (Melchers and Beck,
 * Structural Reliability Analysis and Prediction, 3rd ed. 2018, section 3.2; Ditlevsen
 * and Madsen, Structural Reliability Methods, 1996, eq. 5.8). FORM is exact there and
 * its design point is x* = mu + beta Cov grad(g) / sigma_g (the point of the plane g =
 * 0 nearest the mean in the metric of the covariance). */

#define MU_L 1000e3
#define SD_L 100e3
#define MU_S 1500e3
#define SD_S 150e3

static char *tmp_dir;

static double
cornell_beta (double rho)
{
  return (MU_S - MU_L) / sqrt (SD_S * SD_S + SD_L * SD_L - 2.0 * rho * SD_S * SD_L);
}

/* The load-strength study with @method (a JSON object) and, when @rho is not 0, a
 * correlation between load and strength. */
static char *
load_strength (const char *method, double rho)
{
  g_autofree char *corr = rho != 0.0
                              ? g_strdup_printf (", \"correlation\": [ { \"between\": [\"load\", "
                                                 "\"strength\"], \"rho\": %.17g } ]",
                                                 rho)
                              : g_strdup ("");

  return g_strdup_printf (
      "{ \"parastudy\": 1, \"kind\": \"reliability\", \"name\": \"Load and strength\","
      "  \"variables\": {"
      "    \"load\": { \"distribution\": \"normal\", \"mean\": \"1000 kN\", \"sd\": \"100 kN\" },"
      "    \"strength\": { \"distribution\": \"normal\", \"mean\": \"1500 kN\", \"sd\": \"150 kN\" "
      "}"
      "  },"
      "  \"limit_state\": \"strength - load\", \"method\": %s%s }",
      method, corr);
}

static char *
write_study (const char *name, const char *json)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (tmp_dir, name, NULL);

  g_file_set_contents (path, json, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* Runs the study file @path on @backend with @workers into DIR/@name-out and returns
 * summary.json as written there (with its parser in @parser). */
static JsonObject *
run_file (const char *path, const char *backend, int workers, JsonParser **parser)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = ps_study_load_file (path, &error);
  g_autofree char *out = g_strconcat (path, "-out", NULL);
  g_autofree char *summary = g_build_filename (out, "summary.json", NULL);
  g_autoptr (PsRunResult) r = NULL;
  PsRunOptions o;

  g_assert_no_error (error);
  ps_run_options_init (&o);
  o.backend = backend;
  o.workers = workers;
  r = run_ok (study, &o, out);
  *parser = json_parser_new ();
  json_parser_load_from_file (*parser, summary, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (*parser));
}

static double
member_double (JsonObject *o, const char *a, const char *b)
{
  JsonObject *inner = b != NULL ? json_object_get_object_member (o, a) : o;

  g_assert_nonnull (inner);
  return json_object_get_double_member (inner, b != NULL ? b : a);
}

/* ---------------------------------------------------------------------------------
 * FORM and SORM
 * ------------------------------------------------------------------------------ */

static void
check_form (JsonObject *s, double rho)
{
  double beta = cornell_beta (rho);
  double var_g = SD_S * SD_S + SD_L * SD_L - 2.0 * rho * SD_S * SD_L;
  double sigma_g = sqrt (var_g);
  /* Cov grad(g) with grad(g) = (-1, 1) in (load, strength). */
  double cl = -SD_L * SD_L + rho * SD_S * SD_L, cs = SD_S * SD_S - rho * SD_S * SD_L;
  JsonObject *dp = json_object_get_object_member (s, "design_point");

  g_assert_true (json_object_get_boolean_member (s, "converged"));
  g_assert_cmpstr (json_object_get_string_member (s, "gradient"), ==, "automatic differentiation");
  assert_close ("beta", member_double (s, "beta", NULL), beta, 1e-6);
  assert_close ("pf", member_double (s, "pf", NULL), gsl_cdf_ugaussian_Q (beta), 1e-5);
  g_assert_nonnull (dp);
  assert_close ("design point, load", member_double (dp, "x", "load"), MU_L - beta * cl / sigma_g,
                1e-6);
  assert_close ("design point, strength", member_double (dp, "x", "strength"),
                MU_S - beta * cs / sigma_g, 1e-6);
  g_assert_true (json_object_has_member (json_object_get_object_member (dp, "u"), "load"));
  g_assert_cmpint (json_object_get_int_member (s, "iterations"), >=, 1);
  g_assert_cmpint (json_object_get_int_member (s, "g_evaluations"), >=, 2);
  if (rho == 0.0)
    {
      /* alpha_i^2 = sigma_i^2 / sigma_g^2, the sign of alpha: + for the load, a
       * variable that drives towards failure as it grows. */
      JsonObject *imp = json_object_get_object_member (s, "importance_factors");

      assert_close ("importance of the load", json_object_get_double_member (imp, "load"),
                    SD_L * SD_L / var_g, 1e-6);
      assert_close ("importance of the strength", json_object_get_double_member (imp, "strength"),
                    -SD_S * SD_S / var_g, 1e-6);
    }
}

static void
test_form (void)
{
  const double rhos[] = { 0.0, 0.5 };

  for (guint i = 0; i < G_N_ELEMENTS (rhos); i++)
    {
      g_autofree char *json = load_strength ("{ \"name\": \"form\" }", rhos[i]);
      g_autofree char *path = write_study (i == 0 ? "form.json" : "form-rho.json", json);
      g_autoptr (JsonParser) parser = NULL;
      JsonObject *s = run_file (path, "threads", 2, &parser);

      g_assert_cmpstr (json_object_get_string_member (s, "method"), ==, "form");
      check_form (s, rhos[i]);
    }
  /* The published figures themselves (Melchers and Beck's example's 2.7735; 3.7796
   * with rho = 0.5). */
  assert_close ("Cornell beta", cornell_beta (0.0), 2.7735, 2e-5);
  assert_close ("Cornell beta, rho = 0.5", cornell_beta (0.5), 3.7796, 2e-5);
}

/* A linear limit state has no curvature: every SORM formula gives FORM's Phi(-beta)
 * (Breitung 1984, Hohenbichler and Rackwitz 1988, Tvedt 1990 all reduce to it). */
static void
test_sorm_linear (void)
{
  g_autofree char *json = load_strength ("{ \"name\": \"sorm\", \"tolerance\": 1e-8 }", 0.5);
  g_autofree char *path = write_study ("sorm.json", json);
  g_autofree char *file = g_build_filename (tmp_dir, "sorm.json-out", "summary.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr (JsonParser) parser = NULL;
  JsonObject *s = run_file (path, "processes", 2, &parser);
  JsonObject *sorm = json_object_get_object_member (s, "sorm");
  double pf = gsl_cdf_ugaussian_Q (cornell_beta (0.5));
  JsonArray *k;

  check_form (s, 0.5);
  g_assert_nonnull (sorm);
  assert_close ("Breitung", json_object_get_double_member (sorm, "breitung"), pf, 1e-4);
  assert_close ("Hohenbichler", json_object_get_double_member (sorm, "hohenbichler"), pf, 1e-4);
  assert_close ("Tvedt", json_object_get_double_member (sorm, "tvedt"), pf, 1e-4);
  /* 1e-08 is JSON; json-glib's own "1e-08.0" (ps_json_builder_to_data()) is not. */
  g_assert_true (g_file_get_contents (file, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"tolerance\" : 1e-08,"));
  k = json_object_get_array_member (sorm, "curvatures");
  g_assert_cmpuint (json_array_get_length (k), ==, 1);
  g_assert_cmpfloat (fabs (json_array_get_double_element (k, 0)), <, 1e-4);
}

/* ---------------------------------------------------------------------------------
 * The sampling methods, with the correlation
 * ------------------------------------------------------------------------------ */

static void
test_sampling_correlated (void)
{
  static const struct
  {
    const char *method;
    const char *cov_member; /* the CoV the estimate is checked against */
  } cases[] = {
    { "{ \"name\": \"monte-carlo\", \"samples\": 400000, \"seed\": 7 }", "cov" },
    { "{ \"name\": \"lhs\", \"samples\": 400000, \"seed\": 7 }", "cov" },
    { "{ \"name\": \"importance-sampling\", \"samples\": 400000, \"target_cov\": 0.02, "
      "\"seed\": 7 }",
      "cov" },
    { "{ \"name\": \"subset\", \"samples_per_level\": 2000, \"p0\": 0.1, \"seed\": 7 }",
      "cov_upper" },
  };
  double exact = gsl_cdf_ugaussian_Q (cornell_beta (0.5));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = load_strength (cases[i].method, 0.5);
      g_autofree char *name = g_strdup_printf ("sampling-%u.json", i);
      g_autofree char *path = write_study (name, json);
      g_autoptr (JsonParser) parser = NULL;
      JsonObject *s = run_file (path, "threads", 2, &parser);
      double pf = member_double (s, "pf", NULL);
      double cov = member_double (s, cases[i].cov_member, NULL);

      g_test_message ("%s: pf %.6g, %s %.3g, exact %.6g", cases[i].method, pf, cases[i].cov_member,
                      cov, exact);
      g_assert_true (json_object_get_boolean_member (s, "converged"));
      g_assert_cmpint (json_object_get_int_member (s, "non_finite_samples"), ==, 0);
      g_assert_true (json_object_has_member (s, "pf_ci95"));
      g_assert_cmpint (json_object_get_int_member (s, "g_evaluations"), >, 0);
      /* Within four standard deviations of the closed form. */
      g_assert_cmpfloat (fabs (pf - exact), <=, 4.0 * cov * exact);
    }
}

/* ---------------------------------------------------------------------------------
 * The command line: exit statuses
 * ------------------------------------------------------------------------------ */

static CliResult *
cli_run_study (const char *name, const char *json)
{
  g_autofree char *path = write_study (name, json);
  g_autofree char *out = g_strconcat (path, "-out", NULL);

  return cli_run (tmp_dir, "C.UTF-8", "run", path, "--out", out, "--no-history");
}

static JsonObject *
read_summary (const char *name, JsonParser **parser)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("%s/%s-out/summary.json", tmp_dir, name);

  *parser = json_parser_new ();
  json_parser_load_from_file (*parser, path, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (*parser));
}

typedef struct
{
  const char *method;
  const char *extra; /* members after "method", or "" */
  const char *path;  /* the JSON path the message names */
} BadCase;

#define RF_VARS                                                                                    \
  "\"R\": { \"distribution\": \"normal\", \"mean\": 10, \"sd\": 1 },"                              \
  "\"F\": { \"distribution\": \"normal\", \"mean\": 5, \"sd\": 1 }"

static const BadCase bad_cases[] = {
  { "{ \"name\": \"form\", \"algorithm\": \"newton\" }", "", "method.algorithm" },
  { "{ \"name\": \"form\", \"max_iterations\": 0 }", "", "method.max_iterations" },
  { "{ \"name\": \"form\", \"start\": { \"R\": 1 } }", "", "method.start.F" },
  { "{ \"name\": \"sorm\", \"tolerance\": -1 }", "", "method.tolerance" },
  { "{ \"name\": \"importance-sampling\", \"samples\": 1000, \"centre\": \"middle\" }", "",
    "method.centre" },
  { "{ \"name\": \"importance-sampling\", \"centre\": \"form\" }", "", "method.samples" },
  { "{ \"name\": \"subset\", \"samples_per_level\": 1000, \"p0\": 0.7 }", "", "method.p0" },
  { "{ \"name\": \"subset\", \"samples_per_level\": 0 }", "", "method.samples_per_level" },
  { "{ \"name\": \"lhs\", \"samples\": 1000, \"target_cov\": 0.1 }", "", "method.target_cov" },
  { "{ \"name\": \"monte-carlo\", \"samples\": 1000, \"max_non_finite\": 2 }", "",
    "method.max_non_finite" },
  { "{ \"name\": \"directional\" }", "", "method.name" },
  { "{ \"name\": \"form\" }",
    ", \"correlation\": [ { \"between\": [\"R\", \"F\"], \"rho\": 1.5 } ]", "correlation[0].rho" },
  { "{ \"name\": \"form\" }",
    ", \"correlation\": [ { \"between\": [\"R\", \"G\"], \"rho\": 0.5 } ]",
    "correlation[0].between[1]" },
  { "{ \"name\": \"form\" }",
    ", \"correlation\": [ { \"between\": [\"R\", \"F\"], \"rho\": 0.5, \"type\": \"kendall\" } ]",
    "correlation[0].type" },
  { "{ \"name\": \"monte-carlo\", \"samples\": 1000 }",
    ", \"sensitivity\": { \"method\": \"morris\" }", "sensitivity.method" },
  /* Only the engine writes a round study's "round". */
  { "{ \"name\": \"form\" }", ", \"round\": { \"type\": \"points\" }", "round" },
};

static void
test_cli_bad_input (void)
{
  if (!have_cli ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *json = g_strdup_printf (
          "{ \"parastudy\": 1, \"kind\": \"reliability\", \"name\": \"Bad\", \"variables\": { %s },"
          "  \"limit_state\": \"R - F\", \"method\": %s%s }",
          RF_VARS, bad_cases[i].method, bad_cases[i].extra);
      g_autofree char *name = g_strdup_printf ("bad-%u.json", i);
      g_autofree char *want = g_strconcat (name, ": ", bad_cases[i].path, ": ", NULL);
      g_autoptr (CliResult) r = cli_run_study (name, json);

      g_test_message ("%s: %s", bad_cases[i].path, r->err);
      g_assert_cmpint (r->status, ==, 2);
      g_assert_nonnull (strstr (r->err, want));
    }
}

/* FORM stopped after two iterations on a curved limit state: exit 1, the reason, and a
 * summary.json that says so. */
static void
test_cli_not_converged (void)
{
  static const char json[]
      = "{ \"parastudy\": 1, \"kind\": \"reliability\", \"name\": \"Curved\", \"variables\": {"
        "  \"R\": { \"distribution\": \"lognormal\", \"mean\": 10, \"sd\": 3 },"
        "  \"F\": { \"distribution\": \"gumbel\", \"mean\": 5, \"sd\": 2 } },"
        "  \"limit_state\": \"R^3 - F^3 * sin(R * F)\","
        "  \"method\": { \"name\": \"form\", \"max_iterations\": 2 } }";
  g_autoptr (CliResult) r = NULL;
  g_autoptr (JsonParser) parser = NULL;
  JsonObject *s;

  if (!have_cli ())
    return;
  r = cli_run_study ("curved.json", json);
  g_assert_cmpint (r->status, ==, 1);
  g_assert_nonnull (strstr (r->err, "max_iterations"));
  g_assert_nonnull (strstr (r->out, "NOT A RESULT"));
  s = read_summary ("curved.json", &parser);
  g_assert_false (json_object_get_boolean_member (s, "converged"));
  g_assert_nonnull (strstr (json_object_get_string_member (s, "reason"), "max_iterations"));
  g_assert_cmpint (json_object_get_int_member (s, "iterations"), ==, 2);
}

/* Issue 22 item 6: g = R / (F - F) is infinite at every sample. It is counted as
 * neither safe nor failed, and a run where more than max_non_finite of the samples are
 * NaN or infinite is not a result. */
static void
test_cli_non_finite (void)
{
  static const char *const methods[] = {
    "{ \"name\": \"monte-carlo\", \"samples\": 100000, \"seed\": 1 }",
    "{ \"name\": \"lhs\", \"samples\": 100000, \"seed\": 1 }",
  };

  if (!have_cli ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_autofree char *json = g_strdup_printf (
          "{ \"parastudy\": 1, \"kind\": \"reliability\", \"name\": \"Infinite\", "
          "\"variables\": { %s }, \"limit_state\": \"R / (F - F)\", \"method\": %s }",
          RF_VARS, methods[i]);
      g_autofree char *name = g_strdup_printf ("infinite-%u.json", i);
      g_autoptr (CliResult) r = cli_run_study (name, json);
      g_autoptr (JsonParser) parser = NULL;
      JsonObject *s;

      g_assert_cmpint (r->status, ==, 1);
      g_assert_nonnull (strstr (r->err, "NaN or infinite"));
      s = read_summary (name, &parser);
      g_assert_false (json_object_get_boolean_member (s, "converged"));
      g_assert_cmpint (json_object_get_int_member (s, "non_finite_samples"), ==, 100000);
      g_assert_cmpint (json_object_get_int_member (s, "nan_samples"), ==, 0);
      g_assert_cmpint (json_object_get_int_member (s, "failures"), ==, 0);
    }
}

/* g = ln(R - 7) with R ~ N(10, 1): NaN where R < 7, P = Phi(-3) = 1.35e-3 (below the
 * default 1 %); failure where 7 < R <= 8, P = Phi(-2) - Phi(-3) = 0.02140 (tables of
 * the standard normal, e.g. Abramowitz and Stegun 26.2). The NaNs are left out of Pf;
 * with max_non_finite 1e-4 the same run is not a result. */
static void
test_cli_some_nan (void)
{
  const double p_nan = gsl_cdf_ugaussian_Q (3.0);
  const double p_fail = gsl_cdf_ugaussian_Q (2.0) - p_nan;

  if (!have_cli ())
    return;
  for (guint strict = 0; strict < 2; strict++)
    {
      g_autofree char *json = g_strdup_printf (
          "{ \"parastudy\": 1, \"kind\": \"reliability\", \"name\": \"Some NaN\", "
          "\"variables\": { %s }, \"limit_state\": \"log(R - 7)\", \"method\": { \"name\": "
          "\"monte-carlo\", \"samples\": 400000, \"seed\": 3%s } }",
          RF_VARS, strict ? ", \"max_non_finite\": 1e-4" : "");
      g_autofree char *name = g_strdup_printf ("some-nan-%u.json", strict);
      g_autoptr (CliResult) r = cli_run_study (name, json);
      g_autoptr (JsonParser) parser = NULL;
      JsonObject *s;
      double n, nan, fails;

      g_assert_cmpint (r->status, ==, strict ? 1 : 0);
      s = read_summary (name, &parser);
      n = (double)json_object_get_int_member (s, "samples");
      nan = (double)json_object_get_int_member (s, "nan_samples");
      fails = (double)json_object_get_int_member (s, "failures");
      g_assert_cmpfloat (n, ==, 400000);
      g_assert_cmpint (json_object_get_int_member (s, "non_finite_samples"), ==, (gint64)nan);
      g_assert_cmpfloat (fabs (nan / n - p_nan), <=, 4.0 * sqrt (p_nan / n));
      g_assert_cmpfloat (fabs (fails / n - p_fail), <=, 4.0 * sqrt (p_fail / n));
      /* Pf counts the finite samples only. */
      assert_close ("pf", json_object_get_double_member (s, "pf"), fails / (n - nan), 1e-12);
      g_assert_true (json_object_get_boolean_member (s, "converged") == !strict);
    }
}

/* ---------------------------------------------------------------------------------
 * A variable from tensile tests
 * ------------------------------------------------------------------------------ */

/* Rp0.2 of twelve coupons, written by the regression kind's writer
 * (ps_distfit_write()); the reliability study takes its normal fit, and FORM on the
 * linear g = fy A - F in normal variables gives Cornell's beta from the fit's mean and
 * sd as the file states them. */
static void
test_from_tests (void)
{
  static const double rp02[]
      = { 352e6, 361e6, 348e6, 370e6, 356e6, 344e6, 365e6, 359e6, 351e6, 363e6, 347e6, 358e6 };
  const PsDistfitQuantity q[] = { { "Rp0.2", "Pa", rp02, G_N_ELEMENTS (rp02) } };
  g_autofree char *dir = g_build_filename (tmp_dir, "coupons-results", NULL);
  g_autofree char *dist = g_build_filename (dir, "distributions.json", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) fits = json_parser_new ();
  g_autoptr (JsonParser) parser = NULL;
  JsonObject *normal, *s;
  double mean, sd, a = 1e-4, mu_f = 20e3, sd_f = 3e3, beta;
  static const char json[]
      = "{ \"parastudy\": 1, \"kind\": \"reliability\", \"name\": \"From tests\","
        "  \"variables\": {"
        "    \"fy\": { \"from_tests\": \"coupons-results/distributions.json\","
        "              \"quantity\": \"Rp0.2\", \"distribution\": \"normal\" },"
        "    \"F\": { \"distribution\": \"normal\", \"mean\": \"20 kN\", \"sd\": \"3 kN\" } },"
        "  \"constants\": { \"A\": \"100 mm^2\" },"
        "  \"limit_state\": \"fy * A - F\", \"method\": { \"name\": \"form\" } }";
  g_autofree char *path = NULL;

  g_mkdir_with_parents (dir, 0755);
  g_assert_true (ps_distfit_write (dist, q, 1, PS_FIT_NORMAL, &error));
  g_assert_no_error (error);
  json_parser_load_from_file (fits, dist, &error);
  g_assert_no_error (error);
  normal = json_object_get_object_member (
      json_object_get_object_member (
          json_object_get_object_member (json_node_get_object (json_parser_get_root (fits)),
                                         "Rp0.2"),
          "fits"),
      "normal");
  mean = json_object_get_double_member (normal, "mean");
  sd = json_object_get_double_member (normal, "sd");
  beta = (mean * a - mu_f) / sqrt (sd * a * sd * a + sd_f * sd_f);

  path = write_study ("from-tests.json", json);
  s = run_file (path, "serial", 1, &parser);
  assert_close ("beta from the tests", json_object_get_double_member (s, "beta"), beta, 1e-6);

  /* A quantity the file does not have, through the command line: exit 2 naming it. */
  if (have_cli ())
    {
      g_autofree char *bad = g_strdup (json);
      g_autoptr (CliResult) r = NULL;
      char *at = strstr (bad, "Rp0.2");

      memcpy (at, "Rm   ", 5);
      r = cli_run_study ("from-tests-bad.json", bad);
      g_assert_cmpint (r->status, ==, 2);
      g_assert_nonnull (strstr (r->err, "variables.fy.quantity"));
    }
}

/* Issue 19 item 6: "R - F" with R in Pa and F in N is refused before anything runs:
 * exit 2, the path, the expression and both units. With F a force over an area it
 * runs (the load-strength case of test_form). */
static void
test_cli_units (void)
{
  static const char vars[]
      = "\"R\": { \"distribution\": \"normal\", \"mean\": \"300 MPa\", \"sd\": \"30 MPa\" },"
        "\"F\": { \"distribution\": \"normal\", \"mean\": \"50 kN\", \"sd\": \"5 kN\" }";
  g_autofree char *bad = g_strdup_printf (
      "{ \"parastudy\": 1, \"kind\": \"reliability\", \"name\": \"Units\", \"variables\": { %s },"
      "  \"limit_state\": \"R - F\", \"method\": { \"name\": \"form\" } }",
      vars);
  g_autofree char *good = g_strdup_printf (
      "{ \"parastudy\": 1, \"kind\": \"reliability\", \"name\": \"Units\", \"variables\": { %s },"
      "  \"constants\": { \"A\": \"250 mm^2\" },"
      "  \"limit_state\": \"R - F / A\", \"method\": { \"name\": \"form\" } }",
      vars);
  g_autoptr (CliResult) r = NULL;
  g_autoptr (CliResult) ok = NULL;

  if (!have_cli ())
    return;
  r = cli_run_study ("units-bad.json", bad);
  g_test_message ("%s", r->err);
  g_assert_cmpint (r->status, ==, 2);
  g_assert_nonnull (strstr (r->err, "units-bad.json: limit_state: position 3: "));
  g_assert_nonnull (strstr (r->err, "\"R\" is in Pa"));
  g_assert_nonnull (strstr (r->err, "\"F\" is in N"));
  g_assert_nonnull (strstr (r->err, "R - F"));
  ok = cli_run_study ("units-good.json", good);
  g_assert_cmpint (ok->status, ==, 0);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("parastudy-test-relstudy-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  g_test_add_func ("/engine/relstudy/form/load-strength", test_form);
  g_test_add_func ("/engine/relstudy/sorm/linear", test_sorm_linear);
  g_test_add_func ("/engine/relstudy/sampling/correlated", test_sampling_correlated);
  g_test_add_func ("/engine/relstudy/from-tests", test_from_tests);
  g_test_add_func ("/engine/relstudy/cli/bad-input", test_cli_bad_input);
  g_test_add_func ("/engine/relstudy/cli/not-converged", test_cli_not_converged);
  g_test_add_func ("/engine/relstudy/cli/non-finite", test_cli_non_finite);
  g_test_add_func ("/engine/relstudy/cli/some-nan", test_cli_some_nan);
  g_test_add_func ("/engine/relstudy/cli/units", test_cli_units);
  status = g_test_run ();
  rm_rf (tmp_dir);
  g_free (tmp_dir);
  return status;
}
