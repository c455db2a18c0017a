/* bench-methods: what the reliability methods of issue 17 save against crude Monte
 * Carlo, and FORM against OpenTURNS.
 *
 * 1. A rare event: load ~ N(1000 kN, 100 kN), strength ~ N(1900 kN, 150 kN), g =
 *    strength - load; exact beta = 900 / sqrt(100^2 + 150^2) = 4.9923, Pf = 2.98e-7
 *    (Cornell). Importance sampling around FORM's design point runs to a CoV of 5 %;
 *    crude Monte Carlo would need n = (1 - Pf) / (Pf CoV^2) samples for the same CoV
 *    (the binomial CoV). Its wall time is extrapolated from a measured run of
 *    --mc-samples samples at its measured rate (not run to 1.3e9 samples); the
 *    speed-ups are reported in g evaluations and in wall time.
 * 2. FORM on a 10-variable problem: g = R - sum of nine loads, R lognormal, the loads
 *    Gumbel (maxima); g evaluations and wall time, and the same problem with OpenTURNS
 *    FORM (AbdoRackwitz) in the same run, through python3 (skipped when OpenTURNS is not
 *    installed).
 *
 * Every figure is the best and the median of --repeats runs; the machine may be
 * shared, so the load average is printed with them.
 */
#define G_LOG_DOMAIN "bench-methods"
#include "config.h"

#include <gsl/gsl_cdf.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-util.h"
#include "parastudy.h"

static const char rare_vars[]
    = "\"variables\": {"
      "  \"load\": { \"distribution\": \"normal\", \"mean\": \"1000 kN\", \"sd\": \"100 kN\" },"
      "  \"strength\": { \"distribution\": \"normal\", \"mean\": \"1900 kN\", \"sd\": \"150 kN\" } "
      "},"
      "\"limit_state\": \"strength - load\"";

/* R ~ LN(mean 10, sd 1); L1..L9 ~ Gumbel (mean 0.5, sd 0.15). */
static const char form10_vars[]
    = "\"variables\": {"
      "  \"R\": { \"distribution\": \"lognormal\", \"mean\": 10, \"sd\": 1 },"
      "  \"L1\": { \"distribution\": \"gumbel\", \"mean\": 0.5, \"sd\": 0.15 },"
      "  \"L2\": { \"distribution\": \"gumbel\", \"mean\": 0.5, \"sd\": 0.15 },"
      "  \"L3\": { \"distribution\": \"gumbel\", \"mean\": 0.5, \"sd\": 0.15 },"
      "  \"L4\": { \"distribution\": \"gumbel\", \"mean\": 0.5, \"sd\": 0.15 },"
      "  \"L5\": { \"distribution\": \"gumbel\", \"mean\": 0.5, \"sd\": 0.15 },"
      "  \"L6\": { \"distribution\": \"gumbel\", \"mean\": 0.5, \"sd\": 0.15 },"
      "  \"L7\": { \"distribution\": \"gumbel\", \"mean\": 0.5, \"sd\": 0.15 },"
      "  \"L8\": { \"distribution\": \"gumbel\", \"mean\": 0.5, \"sd\": 0.15 },"
      "  \"L9\": { \"distribution\": \"gumbel\", \"mean\": 0.5, \"sd\": 0.15 } },"
      "\"limit_state\": \"R - L1 - L2 - L3 - L4 - L5 - L6 - L7 - L8 - L9\"";

static const char ot_script[]
    = "import sys, time\n"
      "import openturns as ot\n"
      "def gumbel():\n"
      "    return ot.Gumbel(*ot.GumbelMuSigma(0.5, 0.15).evaluate())\n"
      "marg = [ot.LogNormal(*ot.LogNormalMuSigma(10.0, 1.0, 0.0).evaluate())] + [gumbel() for _ in "
      "range(9)]\n"
      "dist = ot.ComposedDistribution(marg)\n"
      "f = ot.SymbolicFunction(['R'] + ['L%d' % i for i in range(1, 10)],\n"
      "                        ['R - ' + ' - '.join('L%d' % i for i in range(1, 10))])\n"
      "best = None\n"
      "for _ in range(int(sys.argv[1])):\n"
      "    g = ot.MemoizeFunction(f)\n"
      "    X = ot.RandomVector(dist)\n"
      "    Y = ot.CompositeRandomVector(g, X)\n"
      "    ev = ot.ThresholdEvent(Y, ot.LessOrEqual(), 0.0)\n"
      "    algo = ot.FORM(ot.AbdoRackwitz(), ev, dist.getMean())\n"
      "    t0 = time.perf_counter(); algo.run(); t = time.perf_counter() - t0\n"
      "    best = t if best is None or t < best else best\n"
      "    r = algo.getResult()\n"
      "print(r.getHasoferReliabilityIndex(), g.getInputHistory().getSize(), best)\n";

typedef struct
{
  double best, median;
  JsonObject *summary; /* of the last run */
  JsonParser *parser;
} Timing;

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

/* Runs the study @json @repeats times on the threads backend with 2 workers. */
static gboolean
time_study (const char *json, int repeats, Timing *t, GError **error)
{
  g_autoptr (PsStudy) study = ps_study_load_data (json, -1, error);
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  if (study == NULL)
    return FALSE;
  for (int i = 0; i < repeats; i++)
    {
      g_autoptr (PsRunResult) r = NULL;
      g_autofree char *text = NULL;
      PsRunOptions o;
      double t0, t1;

      ps_run_options_init (&o);
      o.backend = "threads";
      o.workers = 2;
      t0 = now_s ();
      r = ps_run_study (study, &o, error);
      t1 = now_s ();
      if (r == NULL)
        return FALSE;
      g_array_append_val (times, (double){ t1 - t0 });
      if (i == repeats - 1)
        {
          text = ps_run_summary_json (study, r);
          t->parser = json_parser_new ();
          if (!json_parser_load_from_data (t->parser, text, -1, error))
            return FALSE;
          t->summary = json_node_get_object (json_parser_get_root (t->parser));
        }
    }
  g_array_sort (times, cmp_double);
  t->best = g_array_index (times, double, 0);
  t->median = g_array_index (times, double, times->len / 2);
  return TRUE;
}

static double
num (JsonObject *o, const char *name)
{
  return json_object_get_double_member_with_default (o, name, NAN);
}

static void
print_load (void)
{
  double avg[3] = { NAN, NAN, NAN };

  if (getloadavg (avg, 3) < 0)
    avg[0] = NAN;
  printf ("  (load average %.1f on %ld cores)\n", avg[0], sysconf (_SC_NPROCESSORS_ONLN));
}

static void
rare_event (int repeats, guint64 mc_samples)
{
  g_autofree char *is_json = g_strdup_printf (
      "{ \"parastudy\": 1, \"kind\": \"reliability\", \"name\": \"rare\", %s, \"method\": { "
      "\"name\": \"importance-sampling\", \"samples\": 100000000, \"target_cov\": 0.05, "
      "\"seed\": 1 } }",
      rare_vars);
  g_autofree char *mc_json = g_strdup_printf (
      "{ \"parastudy\": 1, \"kind\": \"reliability\", \"name\": \"rare-mc\", %s, \"method\": { "
      "\"name\": \"monte-carlo\", \"samples\": %" G_GUINT64_FORMAT ", \"seed\": 1 } }",
      rare_vars, mc_samples);
  g_autoptr (GError) error = NULL;
  Timing is = { 0 }, mc = { 0 };
  double exact = gsl_cdf_ugaussian_Q (900.0 / sqrt (100.0 * 100.0 + 150.0 * 150.0));
  double pf, cov, g_is, n_mc, rate, t_mc;

  printf ("Rare event: g = strength - load, exact Pf %.4g (beta %.4f)\n", exact,
          gsl_cdf_ugaussian_Qinv (exact));
  if (!time_study (is_json, repeats, &is, &error) || !time_study (mc_json, repeats, &mc, &error))
    {
      printf ("  failed: %s\n", error->message);
      return;
    }
  pf = num (is.summary, "pf");
  cov = num (is.summary, "cov");
  g_is = num (is.summary, "g_evaluations");
  /* Crude Monte Carlo's samples for the same CoV, at its measured rate. */
  n_mc = (1.0 - exact) / (exact * cov * cov);
  rate = (double)mc_samples / mc.best;
  t_mc = n_mc / rate;
  printf ("  importance sampling  Pf %.4g  CoV %.4f  %.0f g evaluations  best %.3f s  median "
          "%.3f s\n",
          pf, cov, g_is, is.best, is.median);
  printf ("  crude Monte Carlo    %.3g samples/s measured on %" G_GUINT64_FORMAT
          " samples (best %.3f s)\n",
          rate, mc_samples, mc.best);
  printf ("  crude MC at CoV %.4f: %.3g samples, about %.0f s (extrapolated)\n", cov, n_mc, t_mc);
  printf ("  speed-up: %.3g x in g evaluations, %.3g x in wall time (best)\n", n_mc / g_is,
          t_mc / is.best);
  print_load ();
  g_clear_object (&is.parser);
  g_clear_object (&mc.parser);
}

static void
form10 (int repeats, const char *python)
{
  g_autofree char *json = g_strdup_printf (
      "{ \"parastudy\": 1, \"kind\": \"reliability\", \"name\": \"form10\", %s, \"method\": { "
      "\"name\": \"form\" } }",
      form10_vars);
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL, *reps = g_strdup_printf ("%d", repeats);
  const char *argv[] = { python, "-c", ot_script, reps, NULL };
  Timing f = { 0 };
  int status = 0;

  printf ("FORM, 10 variables: g = R - (L1 + ... + L9), R lognormal, L Gumbel\n");
  if (!time_study (json, repeats, &f, &error))
    {
      printf ("  failed: %s\n", error->message);
      return;
    }
  printf ("  parastudy (iHLRF, AD)    beta %.6f  %.0f iterations  %.0f g evaluations  best "
          "%.4f s  median %.4f s (threads x2, rounds and all)\n",
          num (f.summary, "beta"), num (f.summary, "iterations"), num (f.summary, "g_evaluations"),
          f.best, f.median);
  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                     &status, &error)
      || !g_spawn_check_wait_status (status, NULL))
    printf ("  OpenTURNS: skipped (%s)\n", error != NULL ? error->message
                                           : err != NULL && strstr (err, "No module")
                                               ? "OpenTURNS is not installed"
                                               : "python3 failed");
  else
    {
      double beta = NAN, calls = NAN, best = NAN;

      sscanf (out, "%lf %lf %lf", &beta, &calls, &best);
      printf ("  OpenTURNS (AbdoRackwitz)  beta %.6f  %.0f g evaluations (gradient calls not "
              "counted)  best "
              "%.4f s\n",
              beta, calls, best);
    }
  print_load ();
  g_clear_object (&f.parser);
}

int
main (int argc, char *argv[])
{
  int repeats = 3;
  gint64 mc_samples = 200000000;
  const char *python = "/usr/bin/python3";
  gboolean no_form = FALSE, no_rare = FALSE;
  GOptionEntry entries[] = {
    { "repeats", 'r', 0, G_OPTION_ARG_INT, &repeats, "Runs of each measurement (3)", "R" },
    { "mc-samples", 0, 0, G_OPTION_ARG_INT64, &mc_samples,
      "Crude Monte Carlo samples of the rate measurement (2e8)", "N" },
    { "python", 0, 0, G_OPTION_ARG_STRING, &python, "python3 with OpenTURNS (/usr/bin/python3)",
      "PATH" },
    { "no-form", 0, 0, G_OPTION_ARG_NONE, &no_form, "Skip the FORM comparison", NULL },
    { "no-rare", 0, 0, G_OPTION_ARG_NONE, &no_rare, "Skip the rare event", NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("- reliability methods");
  g_autoptr (GError) error = NULL;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || repeats < 1 || mc_samples < 1)
    {
      fprintf (stderr, "bench-methods: %s\n", error != NULL ? error->message : "bad option");
      return 2;
    }
  if (!no_rare)
    rare_event (repeats, (guint64)mc_samples);
  if (!no_form)
    form10 (repeats, python);
  return 0;
}
