#define G_LOG_DOMAIN "parastudy-test"
#include "config.h"

#include <glib/gstdio.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <string.h>

#include "parastudy.h"
#include "ps-distfit.h"
#include "ps-test-utils.h"

/* Distribution fitting for reliability: the Kolmogorov distribution against Smirnov's
 * critical values (lambda = 1.2238, 1.3581, 1.6276 at 10 %, 5 % and 1 %: Smirnov,
 * "Table for estimating the goodness of fit of empirical distributions", Ann. Math.
 * Stat. 19, 1948); the normal and lognormal maximum-likelihood fits against their
 * closed forms; the Gumbel and Weibull fits against their likelihood equations and
 * against large samples drawn by inversion from known parameters, where AIC must pick
 * the family they came from; and distributions.json, whose headline members load as a
 * reliability study's variables. */

static void
test_q_ks (void)
{
  assert_close ("Q(1.2238)", ps_distfit_q_ks (1.2238), 0.10, 2e-3);
  assert_close ("Q(1.3581)", ps_distfit_q_ks (1.3581), 0.05, 2e-3);
  assert_close ("Q(1.6276)", ps_distfit_q_ks (1.6276), 0.01, 2e-3);
  g_assert_cmpfloat (ps_distfit_q_ks (0.1), ==, 1.0);
  g_assert_cmpfloat (ps_distfit_q_ks (5.0), <, 1e-20);
}

static const double fy[] = { 372.1e6, 389.4e6, 365.0e6, 401.7e6, 380.2e6, 358.9e6,
                             394.6e6, 377.3e6, 386.8e6, 369.5e6, 391.0e6, 375.5e6 };

/* Maximum likelihood of the normal: the mean and sqrt (sum (x - m)^2 / n); of the
 * lognormal the same of ln x, and mean exp (mu + s^2 / 2). */
static void
test_normal_lognormal (void)
{
  const gsize n = G_N_ELEMENTS (fy);
  PsDistfit d;
  double l[G_N_ELEMENTS (fy)], m, s, lm, ls;

  for (gsize i = 0; i < n; i++)
    l[i] = log (fy[i]);
  m = gsl_stats_mean (fy, 1, n);
  s = gsl_stats_sd (fy, 1, n) * sqrt ((n - 1.0) / n);
  lm = gsl_stats_mean (l, 1, n);
  ls = gsl_stats_sd (l, 1, n) * sqrt ((n - 1.0) / n);
  g_assert_true (ps_distfit_fit (fy, n, PS_FIT_LOGNORMAL, &d));
  g_assert_false (d.by_aic);
  g_assert_cmpint (d.chosen, ==, PS_FIT_LOGNORMAL);
  g_assert_false (d.fit[PS_FIT_GUMBEL].ok || d.fit[PS_FIT_WEIBULL].ok);
  assert_close ("normal mean", d.fit[PS_FIT_NORMAL].mean, m, 1e-14);
  assert_close ("normal sd", d.fit[PS_FIT_NORMAL].sd, s, 1e-12);
  assert_close ("normal ln L", d.fit[PS_FIT_NORMAL].loglik, -0.5 * n * (log (2 * G_PI * s * s) + 1),
                1e-12);
  assert_close ("lognormal mu", d.fit[PS_FIT_LOGNORMAL].p1, lm, 1e-14);
  assert_close ("lognormal sigma", d.fit[PS_FIT_LOGNORMAL].p2, ls, 1e-10);
  assert_close ("lognormal mean", d.fit[PS_FIT_LOGNORMAL].mean, exp (lm + ls * ls / 2), 1e-12);
  assert_close ("AIC", d.fit[PS_FIT_NORMAL].aic, 4 - 2 * d.fit[PS_FIT_NORMAL].loglik, 1e-15);
  g_assert_cmpfloat (d.fit[PS_FIT_NORMAL].ks_p, >, 0.2);
  /* A value that is not positive: no lognormal, the normal is the headline. */
  {
    const double z[] = { -1.0, 2.0, 3.5 };

    g_assert_true (ps_distfit_fit (z, 3, PS_FIT_LOGNORMAL, &d));
    g_assert_false (d.fit[PS_FIT_LOGNORMAL].ok);
    g_assert_cmpint (d.chosen, ==, PS_FIT_NORMAL);
  }
  g_assert_false (ps_distfit_fit (fy, 1, PS_FIT_NORMAL, &d));
  {
    const double same[] = { 3.0, 3.0, 3.0 };

    g_assert_false (ps_distfit_fit (same, 3, PS_FIT_NORMAL, &d));
  }
}

/* @n values drawn by inversion: Gumbel F = exp (-exp (-(x - mu) / beta)), Weibull
 * F = 1 - exp (-(x / lambda)^k). GLib's generator with a fixed seed. */
static double *
draw (int family, double a, double b, gsize n, guint32 seed)
{
  g_autoptr (GRand) rng = g_rand_new_with_seed (seed);
  double *x = g_new (double, n);

  for (gsize i = 0; i < n; i++)
    {
      double u = g_rand_double_range (rng, 1e-12, 1.0 - 1e-12);

      x[i] = family == PS_FIT_GUMBEL ? a - b * log (-log (u)) : b * pow (-log1p (-u), 1.0 / a);
    }
  return x;
}

static void
test_gumbel (void)
{
  const gsize n = 20000;
  g_autofree double *x = draw (PS_FIT_GUMBEL, 355e6, 20e6, n, 11);
  PsDistfit d;
  const PsFit *g;
  double se = 0, sxe = 0, mean = 0;

  g_assert_true (ps_distfit_fit (x, n, PS_FIT_NORMAL, &d));
  g = &d.fit[PS_FIT_GUMBEL];
  g_assert_true (g->ok);
  /* The likelihood equations: sum e^(-z) = n and beta = mean - sum x e^(-x/beta) /
   * sum e^(-x/beta). */
  for (gsize i = 0; i < n; i++)
    {
      double w = exp (-(x[i] - g->p1) / g->p2);

      se += w;
      sxe += x[i] * w;
      mean += x[i] / n;
    }
  assert_close ("sum e^-z = n", se, (double)n, 1e-9);
  assert_close ("beta equation", g->p2, mean - sxe / se, 1e-9);
  assert_close ("mu", g->p1, 355e6, 0.01);
  assert_close ("beta", g->p2, 20e6, 0.02);
  assert_close ("mean", g->mean, 355e6 + 0.5772156649 * 20e6, 0.01);
  g_assert_true (d.by_aic);
  g_assert_cmpint (d.chosen, ==, PS_FIT_GUMBEL);
  g_assert_cmpfloat (g->ks_p, >, 0.01);
  g_assert_cmpfloat (d.fit[PS_FIT_NORMAL].ks_p, <, 1e-6);
}

static void
test_weibull (void)
{
  const gsize n = 20000;
  g_autofree double *x = draw (PS_FIT_WEIBULL, 8.0, 400e6, n, 12);
  PsDistfit d;
  const PsFit *w;
  double a = 0, c = 0, ml = 0, sk = 0;

  g_assert_true (ps_distfit_fit (x, n, PS_FIT_NORMAL, &d));
  w = &d.fit[PS_FIT_WEIBULL];
  g_assert_true (w->ok);
  /* The likelihood equations at the estimate (values scaled by lambda). */
  for (gsize i = 0; i < n; i++)
    {
      double u = x[i] / w->p2, p = pow (u, w->p1);

      a += p * log (u);
      c += p;
      ml += log (u) / n;
      sk += p / n;
    }
  g_assert_cmpfloat (fabs (a / c - 1.0 / w->p1 - ml), <, 1e-9);
  assert_close ("scale equation", sk, 1.0, 1e-9);
  assert_close ("shape", w->p1, 8.0, 0.02);
  assert_close ("scale", w->p2, 400e6, 0.01);
  g_assert_true (d.by_aic);
  g_assert_cmpint (d.chosen, ==, PS_FIT_WEIBULL);
  g_assert_cmpfloat (w->ks_p, >, 0.01);
}

/* distributions.json: E from 12 specimens (the study's lognormal), Rp0.2 from 40
 * Weibull draws and a specimen without it (NAN, left out), Rm from one value (no
 * fit). The headline members of E and Rp0.2 make a reliability study that loads. */
static void
test_json (void)
{
  g_autofree double *rp = draw (PS_FIT_WEIBULL, 20.0, 380e6, 41, 5);
  double E[12], rm[1] = { 540e6 };
  PsDistfitQuantity q[3];
  g_autofree char *text = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *root, *e, *r, *m;
  g_autofree char *dir = g_dir_make_tmp ("test-distfit-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "distributions.json", NULL);
  g_autofree char *back = NULL;

  for (int i = 0; i < 12; i++)
    E[i] = 200e9 + 3e9 * sin (1.7 * i);
  rp[17] = NAN;
  q[0] = (PsDistfitQuantity){ "E", "Pa", E, 12 };
  q[1] = (PsDistfitQuantity){ "Rp0.2", "Pa", rp, 41 };
  q[2] = (PsDistfitQuantity){ "Rm", "Pa", rm, 1 };
  text = ps_distfit_to_json (q, 3, PS_FIT_LOGNORMAL);
  g_test_message ("%s", text);
  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  e = json_object_get_object_member (root, "E");
  r = json_object_get_object_member (root, "Rp0.2");
  m = json_object_get_object_member (root, "Rm");
  g_assert_cmpstr (json_object_get_string_member (e, "distribution"), ==, "lognormal");
  g_assert_cmpint (json_object_get_int_member (e, "n"), ==, 12);
  g_assert_false (json_object_has_member (json_object_get_object_member (e, "fits"), "gumbel"));
  g_assert_cmpint (json_object_get_int_member (r, "n"), ==, 40);
  g_assert_true (json_object_has_member (json_object_get_object_member (r, "fits"), "weibull"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (r, "selection"), "lowest AIC"));
  g_assert_true (json_node_is_null (json_object_get_member (m, "distribution")));
  g_assert_cmpstr (json_object_get_string_member (m, "reason"), ==, "fewer than 2 values");
  {
    g_autofree char *study = g_strdup_printf (
        "{\"parastudy\": 1, \"kind\": \"reliability\", \"name\": \"from tests\", "
        "\"variables\": {\"E\": {\"distribution\": \"%s\", \"mean\": %.17g, \"sd\": %.17g}, "
        "\"fy\": {\"distribution\": \"%s\", \"mean\": %.17g, \"sd\": %.17g}}, "
        "\"limit_state\": \"fy - 300e6 + 0 * E\", \"method\": {\"name\": \"monte-carlo\", "
        "\"samples\": 1000, \"seed\": 1}}",
        json_object_get_string_member (e, "distribution"),
        json_object_get_double_member (e, "mean"), json_object_get_double_member (e, "sd"),
        json_object_get_string_member (r, "distribution"),
        json_object_get_double_member (r, "mean"), json_object_get_double_member (r, "sd"));
    g_autoptr (PsStudy) rel = ps_study_load_data (study, -1, &error);

    g_assert_no_error (error);
    g_assert_nonnull (rel);
  }
  g_assert_true (ps_distfit_write (path, q, 3, PS_FIT_LOGNORMAL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &back, NULL, NULL));
  g_assert_cmpstr (back, ==, text);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/distfit/q-ks", test_q_ks);
  g_test_add_func ("/engine/distfit/normal-lognormal", test_normal_lognormal);
  g_test_add_func ("/engine/distfit/gumbel", test_gumbel);
  g_test_add_func ("/engine/distfit/weibull", test_weibull);
  g_test_add_func ("/engine/distfit/json", test_json);
  return g_test_run ();
}
