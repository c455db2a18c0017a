#define G_LOG_DOMAIN "parastudy-test"
#include "config.h"

#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <string.h>

#include "parastudy.h"
#include "ps-annex-d.h"
#include "ps-test-utils.h"

/* EN 1990:2002 Annex D: k_n of Table D1 and k_d,n of Table D2 at every tabulated n,
 * both rows (typed here from the standard: EN 1990:2002, Annex D, Tables D1 and D2, as
 * also reproduced e.g. in Gulvanessian, Calgaro and Holicky, Designers' Guide to EN
 * 1990, 2002); the factor between tabulated sizes and for the 0.02 fractile against
 * the prediction-interval formula with published quantiles (Student's t: NIST/SEMATECH
 * e-Handbook of Statistical Methods, table 1.3.6.7.2, and one-tailed tables for
 * alpha = 0.02; normal: u_0.95 = 1.645, u_0.98 = 2.054); characteristic and design
 * values of a data set with V_X known and unknown, normal and lognormal; the reasons
 * instead of values below the tables' sizes; and the study-file options. */

static const guint64 tn[] = { 1, 2, 3, 4, 5, 6, 8, 10, 20, 30, 0 /* infinity */ };

static void
test_table_d1 (void)
{
  const double known[] = { 2.31, 2.01, 1.89, 1.83, 1.80, 1.77, 1.74, 1.72, 1.68, 1.67, 1.64 };
  const double unknown[] = { NAN, NAN, 3.37, 2.63, 2.33, 2.18, 2.00, 1.92, 1.76, 1.73, 1.64 };

  for (guint i = 0; i < G_N_ELEMENTS (tn); i++)
    {
      gboolean tab = FALSE;

      g_assert_cmpfloat (ps_annex_d_k_n (tn[i], 0.05, TRUE, &tab), ==, known[i]);
      g_assert_true (tab);
      if (isnan (unknown[i]))
        g_assert_true (isnan (ps_annex_d_k_n (tn[i], 0.05, FALSE, &tab)));
      else
        {
          g_assert_cmpfloat (ps_annex_d_k_n (tn[i], 0.05, FALSE, &tab), ==, unknown[i]);
          g_assert_true (tab);
        }
    }
}

static void
test_table_d2 (void)
{
  const double known[] = { 4.36, 3.77, 3.56, 3.44, 3.37, 3.33, 3.27, 3.23, 3.16, 3.13, 3.04 };
  const double unknown[] = { NAN, NAN, NAN, 11.40, 7.85, 6.36, 5.07, 4.51, 3.64, 3.44, 3.04 };

  for (guint i = 0; i < G_N_ELEMENTS (tn); i++)
    {
      gboolean tab = FALSE;

      g_assert_cmpfloat (ps_annex_d_k_dn (tn[i], TRUE, &tab), ==, known[i]);
      g_assert_true (tab);
      if (isnan (unknown[i]))
        g_assert_true (isnan (ps_annex_d_k_dn (tn[i], FALSE, NULL)));
      else
        g_assert_cmpfloat (ps_annex_d_k_dn (tn[i], FALSE, NULL), ==, unknown[i]);
    }
}

/* Between the tabulated sizes, and for other fractiles, the factor is
 * t_(n-1; 1-p) sqrt (1 + 1/n) (V_X unknown) or u_(1-p) sqrt (1 + 1/n) (known). The
 * published quantiles have 4 digits: a tolerance of 3e-4 relative. */
static void
test_formula (void)
{
  gboolean tab = TRUE;

  /* n = 7, 5 %: t_(6; 0.95) = 1.943, u_0.95 = 1.645. */
  assert_close ("k_7 unknown", ps_annex_d_k_n (7, 0.05, FALSE, &tab), 1.943 * sqrt (8.0 / 7), 3e-4);
  g_assert_false (tab);
  assert_close ("k_7 known", ps_annex_d_k_n (7, 0.05, TRUE, NULL), 1.645 * sqrt (8.0 / 7), 3e-4);
  /* n = 100: t_(99; 0.95) = 1.660 (the table's 1.660 at 100 degrees of freedom). */
  assert_close ("k_100", ps_annex_d_k_n (100, 0.05, FALSE, NULL), 1.660 * sqrt (1.01), 3e-4);
  /* The 0.02 fractile at n = 10: t_(9; 0.98) = 2.398, u_0.98 = 2.054. */
  assert_close ("k_10 2 % unknown", ps_annex_d_k_n (10, 0.02, FALSE, &tab), 2.398 * sqrt (1.1),
                3e-4);
  g_assert_false (tab);
  assert_close ("k_10 2 % known", ps_annex_d_k_n (10, 0.02, TRUE, NULL), 2.054 * sqrt (1.1), 3e-4);
  g_assert_true (isnan (ps_annex_d_k_n (2, 0.02, FALSE, NULL)));
  /* Table D1 is these factors rounded: within 0.02 at every tabulated size (3.37 at
   * n = 3 is t_(2; 0.95) = 2.920 times sqrt (4/3) = 3.372). */
  for (guint i = 2; i + 1 < G_N_ELEMENTS (tn); i++)
    {
      double t = ps_annex_d_k_n (tn[i], 0.05, FALSE, NULL);
      double f = ps_annex_d_k_n (tn[i], 0.050000001, FALSE, NULL);

      g_assert_cmpfloat (fabs (t - f), <, 0.02);
    }
  /* Table D2 between sizes: p = 0.001, t_(6; 0.999) = 5.208 at n = 7. */
  assert_close ("k_d,7", ps_annex_d_k_dn (7, FALSE, NULL), 5.208 * sqrt (8.0 / 7), 3e-4);
}

/* Ten yield strengths (MPa): mean, sd and the log statistics computed here with GSL;
 * the values by the formulas of D7.2 and D7.3 with the tables' factors. */
static const double fy[] = { 372.1, 389.4, 365.0, 401.7, 380.2, 358.9, 394.6, 377.3, 386.8, 369.5 };

static void
stats (double *m, double *s, double *lm, double *ls)
{
  double l[G_N_ELEMENTS (fy)];

  for (guint i = 0; i < G_N_ELEMENTS (fy); i++)
    l[i] = log (fy[i]);
  *m = gsl_stats_mean (fy, 1, G_N_ELEMENTS (fy));
  *s = gsl_stats_sd (fy, 1, G_N_ELEMENTS (fy));
  *lm = gsl_stats_mean (l, 1, G_N_ELEMENTS (fy));
  *ls = gsl_stats_sd (l, 1, G_N_ELEMENTS (fy));
}

static void
test_values (void)
{
  PsAnnexDOptions o;
  PsAnnexDResult r;
  double m, s, lm, ls;

  stats (&m, &s, &lm, &ls);
  ps_annex_d_options_init (&o);
  o.design = TRUE;
  ps_annex_d_compute (10, m, s, lm, ls, &o, &r);
  g_assert_true (r.characteristic.ok);
  assert_close ("normal, V_X unknown", r.characteristic.normal, m - 1.92 * s, 1e-14);
  assert_close ("lognormal, V_X unknown", r.characteristic.lognormal, exp (lm - 1.92 * ls), 1e-14);
  assert_close ("design normal", r.design.normal, m - 4.51 * s, 1e-14);
  assert_close ("design lognormal", r.design.lognormal, exp (lm - 4.51 * ls), 1e-14);
  g_assert_null (r.characteristic.reason);
  ps_annex_d_result_clear (&r);

  /* V_X known, 0.04: k_n = 1.72, sigma_Y = sqrt (ln (1 + 0.04^2)); eta_d = 0.95. */
  o.vx = PS_ANNEX_D_VX_KNOWN_VALUE;
  o.vx_value = 0.04;
  o.eta_d = 0.95;
  ps_annex_d_compute (10, m, s, lm, ls, &o, &r);
  assert_close ("normal, V_X known", r.characteristic.normal, m * (1 - 1.72 * 0.04), 1e-14);
  assert_close ("lognormal, V_X known", r.characteristic.lognormal,
                exp (lm - 1.72 * sqrt (log (1 + 0.04 * 0.04))), 1e-14);
  assert_close ("design, V_X known", r.design.normal, 0.95 * m * (1 - 3.23 * 0.04), 1e-14);
  ps_annex_d_result_clear (&r);

  /* V_X known and equal to the sample's. */
  o.vx = PS_ANNEX_D_VX_KNOWN_SAMPLE;
  ps_annex_d_compute (10, m, s, lm, ls, &o, &r);
  assert_close ("normal, V_X = sample's", r.characteristic.normal, m - 1.72 * s, 1e-14);
  ps_annex_d_result_clear (&r);

  /* The 0.02 fractile, V_X unknown. */
  ps_annex_d_options_init (&o);
  o.fractile = 0.02;
  ps_annex_d_compute (10, m, s, lm, ls, &o, &r);
  assert_close ("2 % normal", r.characteristic.normal, m - 2.398 * sqrt (1.1) * s, 1e-4);
  g_assert_false (r.characteristic.tabulated);
  ps_annex_d_result_clear (&r);
}

/* Two results: no value with V_X unknown, and the reason names the table and the
 * count; with V_X known there is one (k_n = 2.01). The JSON carries the reason and the
 * design convention. */
static void
test_too_few (void)
{
  PsAnnexDOptions o;
  PsAnnexDResult r;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autofree char *json = NULL;

  ps_annex_d_options_init (&o);
  o.design = TRUE;
  ps_annex_d_compute (2, 380e6, 10e6, log (380e6), 0.026, &o, &r);
  g_assert_false (r.characteristic.ok);
  g_assert_true (isnan (r.characteristic.normal) && isnan (r.characteristic.lognormal));
  g_test_message ("%s", r.characteristic.reason);
  g_assert_true (g_str_has_prefix (r.characteristic.reason,
                                   "not computed: EN 1990 Annex D Table D1 (V_X unknown) gives "
                                   "k_n from n = 3, and there are 2 values"));
  g_assert_nonnull (strstr (r.design.reason, "Table D2"));
  json_builder_begin_object (b);
  ps_annex_d_to_json (b, &o, &r);
  json_builder_end_object (b);
  json = ps_json_builder_to_data (b, FALSE);
  g_test_message ("%s", json);
  g_assert_nonnull (strstr (json, "\"normal\":null"));
  g_assert_nonnull (strstr (json, "\"reason\":\"not computed: EN 1990 Annex D Table D1"));
  g_assert_nonnull (strstr (json, "\"convention\":\"EN 1990 Annex D, D7.3"));
  ps_annex_d_result_clear (&r);

  o.vx = PS_ANNEX_D_VX_KNOWN_VALUE;
  o.vx_value = 0.05;
  ps_annex_d_compute (2, 380e6, 10e6, log (380e6), 0.026, &o, &r);
  g_assert_true (r.characteristic.ok);
  assert_close ("n = 2, V_X known", r.characteristic.normal, 380e6 * (1 - 2.01 * 0.05), 1e-14);
  assert_close ("design n = 2", r.design.normal, 380e6 * (1 - 3.77 * 0.05), 1e-14);
  ps_annex_d_result_clear (&r);
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr (JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_parse (void)
{
  static const struct
  {
    const char *json;
    const char *path; /* NULL: accepted */
  } cases[] = {
    { "{\"fractile\": 0.02, \"vx_known\": 0.05, \"design\": true, \"eta_d\": 0.9, "
      "\"distribution\": \"lognormal\"}",
      NULL },
    { "{\"vx_known\": true}", NULL },
    { "{\"fractile\": 0.6}", "characteristic.fractile:" },
    { "{\"fractile\": 0}", "characteristic.fractile:" },
    { "{\"vx_known\": \"x\"}", "characteristic.vx_known:" },
    { "{\"vx_known\": 1.5}", "characteristic.vx_known:" },
    { "{\"distribution\": \"weibull\"}", "characteristic.distribution:" },
    { "{\"design\": 1}", "characteristic.design:" },
    { "{\"gamma_m\": 1.1}", "characteristic.gamma_m:" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (JsonObject) c = parse_object (cases[i].json);
      g_autoptr (GError) error = NULL;
      PsAnnexDOptions o;
      gboolean ok;

      ps_annex_d_options_init (&o);
      ok = ps_annex_d_parse (c, &o, &error);
      g_test_message ("%s: %s", cases[i].json, error ? error->message : "ok");
      if (cases[i].path == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          g_assert_true (g_str_has_prefix (error->message, cases[i].path));
        }
      if (i == 0)
        {
          assert_close ("fractile", o.fractile, 0.02, 0);
          g_assert_cmpint (o.vx, ==, PS_ANNEX_D_VX_KNOWN_VALUE);
          assert_close ("V_X", o.vx_value, 0.05, 0);
          g_assert_true (o.design && o.lognormal);
          assert_close ("eta_d", o.eta_d, 0.9, 0);
        }
      if (i == 1)
        g_assert_cmpint (o.vx, ==, PS_ANNEX_D_VX_KNOWN_SAMPLE);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/annex-d/table-d1", test_table_d1);
  g_test_add_func ("/engine/annex-d/table-d2", test_table_d2);
  g_test_add_func ("/engine/annex-d/formula", test_formula);
  g_test_add_func ("/engine/annex-d/values", test_values);
  g_test_add_func ("/engine/annex-d/too-few", test_too_few);
  g_test_add_func ("/engine/annex-d/parse", test_parse);
  return g_test_run ();
}
