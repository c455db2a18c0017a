/* bench-reliability: Monte Carlo throughput of the reliability study.
 *
 * Runs the load-strength example (load ~ N(1000 kN, 100 kN), strength ~ N(1500 kN,
 * 150 kN), g = strength - load) at 10^9 samples without target_cov on the serial
 * backend and on the threads backend with one and two workers, and the same workload
 * written with numba (mc_numba.py, a subprocess) with one and two threads. Reports
 * samples per second (best and median of the repeats), the speedup and efficiency of
 * the threads backend, the ratio engine/numba at the same thread count, and Pf from
 * both against the exact value. Other developers' builds and tests share the machine:
 * the share of the cores that other processes used during each measurement is shown
 * next to it, and the best of the repeats is the figure to read.
 */
#define G_LOG_DOMAIN "bench-reliability"
#include "config.h"

#include <gsl/gsl_cdf.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "bench-util.h"
#include "parastudy.h"
#include "studies/reliability/ps-reliability.h"

#ifndef PS_BENCH_SRCDIR
#define PS_BENCH_SRCDIR "bench/reliability"
#endif

#define WARMUP_SAMPLES G_GUINT64_CONSTANT (20000000)
#define TARGET_RATIO 10.0      /* engine / numba at the same thread count */
#define TARGET_EFFICIENCY 0.90 /* threads x2 */

typedef struct
{
  const char *label;
  const char *backend; /* NULL: numba */
  int workers;
} Config;

static const Config configs[] = {
  { "serial", "serial", 1 }, { "threads x1", "threads", 1 }, { "threads x2", "threads", 2 },
  { "numba x1", NULL, 1 },   { "numba x2", NULL, 2 },
};
#define N_CONFIGS G_N_ELEMENTS (configs)

typedef struct
{
  gboolean done;
  char *failure; /* why there is no figure */
  GArray *times; /* seconds, sorted */
  double best, median;
  double cpu_best; /* CPU seconds of the best run (engine), or NAN */
  double other_load;
  guint64 samples;
  guint64 failures;
  gboolean failures_agree; /* the same count in every repeat (engine) */
  char *note;              /* numba: version and threading layer */
} Result;

/* ---------------------------------------------------------------------------------
 * Clocks and load
 * ------------------------------------------------------------------------------ */

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

static void
finish_times (Result *r)
{
  guint n = r->times->len;

  g_array_sort (r->times, cmp_double);
  r->best = g_array_index (r->times, double, 0);
  r->median = n % 2 ? g_array_index (r->times, double, n / 2)
                    : 0.5
                          * (g_array_index (r->times, double, n / 2 - 1)
                             + g_array_index (r->times, double, n / 2));
  r->done = TRUE;
}

/* ---------------------------------------------------------------------------------
 * The engine
 * ------------------------------------------------------------------------------ */

static char *
study_json (guint64 samples, guint64 seed)
{
  return g_strdup_printf (
      "{ \"parastudy\": 1, \"kind\": \"reliability\", \"name\": \"Load and strength (bench)\","
      "  \"variables\": {"
      "    \"load\": { \"distribution\": \"normal\", \"mean\": \"1000 kN\", \"sd\": \"100 kN\" },"
      "    \"strength\": { \"distribution\": \"normal\", \"mean\": \"1500 kN\", \"sd\": \"150 kN\" "
      "}"
      "  },"
      "  \"limit_state\": \"strength - load\","
      "  \"method\": { \"name\": \"monte-carlo\", \"samples\": %" G_GUINT64_FORMAT
      ", \"seed\": %" G_GUINT64_FORMAT " } }",
      samples, seed);
}

static PsStudy *
make_study (guint64 samples, guint64 seed, GError **error)
{
  g_autofree char *json = study_json (samples, seed);

  return ps_study_load_data (json, -1, error);
}

static gboolean
engine_once (const PsStudy *study, const Config *cfg, double *seconds, double *cpu,
             PsReliabilitySummary *summary, GError **error)
{
  g_autoptr (PsRunResult) r = NULL;
  PsRunOptions o;
  double t0, t1;

  ps_run_options_init (&o);
  o.backend = cfg->backend;
  o.workers = cfg->workers;
  t0 = now_s ();
  r = ps_run_study (study, &o, error);
  t1 = now_s ();
  if (r == NULL)
    return FALSE;
  *seconds = t1 - t0;
  *cpu = r->cpu_seconds;
  *summary = *(const PsReliabilitySummary *)r->summary;
  return TRUE;
}

/* The engine configurations take turns, one run each per round, so that a busy spell on
 * the shared machine does not fall on one configuration's runs only. A short run of
 * each first is the warm-up. */
static void
measure_engine (const PsStudy *study, const PsStudy *warmup, int repeats, Result *res)
{
  double best[N_CONFIGS];
  LoadSample l0[N_CONFIGS], l1;
  double other_sum[N_CONFIGS] = { 0 }, other_wall[N_CONFIGS] = { 0 };

  for (guint c = 0; c < N_CONFIGS; c++)
    {
      g_autoptr (GError) error = NULL;
      PsReliabilitySummary s;
      double t, cpu;

      best[c] = INFINITY;
      if (configs[c].backend == NULL)
        continue;
      res[c].cpu_best = NAN;
      res[c].failures_agree = TRUE;
      if (!engine_once (warmup, &configs[c], &t, &cpu, &s, &error))
        res[c].failure = g_strdup (error->message);
    }
  for (int k = 0; k < repeats; k++)
    for (guint c = 0; c < N_CONFIGS; c++)
      {
        g_autoptr (GError) error = NULL;
        PsReliabilitySummary s;
        double t, cpu, o;

        if (configs[c].backend == NULL || res[c].failure != NULL)
          continue;
        load_sample (&l0[c]);
        if (!engine_once (study, &configs[c], &t, &cpu, &s, &error))
          {
            res[c].failure = g_strdup (error->message);
            continue;
          }
        load_sample (&l1);
        o = other_load (&l0[c], &l1);
        if (isfinite (o))
          {
            other_sum[c] += o * t;
            other_wall[c] += t;
          }
        g_array_append_val (res[c].times, t);
        if (k == 0)
          {
            res[c].samples = s.samples;
            res[c].failures = s.failures;
          }
        else if (s.failures != res[c].failures || s.samples != res[c].samples)
          res[c].failures_agree = FALSE;
        if (t < best[c])
          {
            best[c] = t;
            res[c].cpu_best = cpu;
          }
        fprintf (stderr, "  %-12s run %d/%d: %.3f s (%.1f M samples/s), %.2f cores\n",
                 configs[c].label, k + 1, repeats, t, (double)s.samples / t * 1e-6, cpu / t);
      }
  for (guint c = 0; c < N_CONFIGS; c++)
    if (configs[c].backend != NULL && res[c].failure == NULL && res[c].times->len > 0)
      {
        res[c].other_load = other_wall[c] > 0 ? other_sum[c] / other_wall[c] : NAN;
        finish_times (&res[c]);
      }
}

/* ---------------------------------------------------------------------------------
 * numba
 * ------------------------------------------------------------------------------ */

static void
measure_numba (const Config *cfg, const char *python, const char *script, guint64 samples,
               int repeats, guint64 seed, Result *res)
{
  g_autofree char *n_arg = g_strdup_printf ("%" G_GUINT64_FORMAT, samples);
  g_autofree char *t_arg = g_strdup_printf ("%d", cfg->workers);
  g_autofree char *r_arg = g_strdup_printf ("%d", repeats);
  g_autofree char *s_arg = g_strdup_printf ("%" G_GUINT64_FORMAT, seed);
  const char *argv[] = { python,      script, "--samples", n_arg, "--threads", t_arg,
                         "--repeats", r_arg,  "--seed",    s_arg, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_auto (GStrv) lines = NULL;
  const char *last = NULL;
  LoadSample l0, l1;
  JsonObject *obj;
  JsonArray *times;
  int status = 0;

  res->cpu_best = NAN;
  res->failures_agree = TRUE;
  fprintf (stderr, "  %-12s %s --samples %s --threads %s --repeats %s ...\n", cfg->label, script,
           n_arg, t_arg, r_arg);
  load_sample (&l0);
  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                     &error)
      || !g_spawn_check_wait_status (status, &error))
    {
      res->failure = g_strdup_printf ("%s%s%s", error->message, err && *err ? ": " : "",
                                      err ? g_strstrip (err) : "");
      return;
    }
  load_sample (&l1);
  /* The script's whole run, its compile and warm-up included: a rough figure. */
  res->other_load = other_load (&l0, &l1);

  lines = g_strsplit (g_strstrip (out), "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] == '{')
      last = lines[i];
  if (last == NULL || !json_parser_load_from_data (parser, last, -1, &error)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      res->failure
          = g_strdup_printf ("no JSON line from %s: %s", script, error ? error->message : out);
      return;
    }
  obj = json_node_get_object (json_parser_get_root (parser));
  times = json_object_get_array_member (obj, "times");
  for (guint i = 0; i < json_array_get_length (times); i++)
    {
      double t = json_array_get_double_element (times, i);

      g_array_append_val (res->times, t);
    }
  res->samples = (guint64)json_object_get_int_member (obj, "samples");
  res->failures = (guint64)json_object_get_int_member (obj, "failures");
  if (json_object_has_member (obj, "cpu_seconds"))
    res->cpu_best = json_object_get_double_member (obj, "cpu_seconds");
  res->note = g_strdup_printf ("numba %s, numpy %s, threading layer %s, compile %.2f s",
                               json_object_get_string_member (obj, "numba"),
                               json_object_get_string_member (obj, "numpy"),
                               json_object_get_string_member (obj, "threading_layer"),
                               json_object_get_double_member (obj, "compile_seconds"));
  if (json_object_get_int_member (obj, "threads") != cfg->workers)
    {
      res->failure = g_strdup_printf ("numba ran %" G_GINT64_FORMAT " threads, not %d",
                                      json_object_get_int_member (obj, "threads"), cfg->workers);
      return;
    }
  if (res->times->len == 0)
    {
      res->failure = g_strdup ("no timed runs");
      return;
    }
  for (guint i = 0; i < res->times->len; i++)
    fprintf (stderr, "  %-12s run %u/%u: %.3f s (%.1f M samples/s)\n", cfg->label, i + 1,
             res->times->len, g_array_index (res->times, double, i),
             (double)res->samples / g_array_index (res->times, double, i) * 1e-6);
  fprintf (stderr, "  %-12s other load %.0f %% (whole script)\n", cfg->label,
           100 * res->other_load);
  finish_times (res);
}

/* ---------------------------------------------------------------------------------
 * Report
 * ------------------------------------------------------------------------------ */

static double
rate (const Result *r, gboolean best)
{
  if (!r->done)
    return NAN;
  return (double)r->samples / (best ? r->best : r->median);
}

static const char *
verdict (double value, double target)
{
  if (!isfinite (value))
    return "not measured";
  return value >= target ? "met" : "NOT met";
}

static void
report (const Result *res, guint64 samples, int repeats, double exact, const char *json_path)
{
  const PsMachine *mc = ps_machine_get ();
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d %H:%M");
  const Result *serial = &res[0], *t1 = &res[1], *t2 = &res[2], *n1 = &res[3], *n2 = &res[4];
  double speedup = rate (t2, TRUE) / rate (serial, TRUE);
  double speedup_t1 = rate (t2, TRUE) / rate (t1, TRUE);
  double speedup_med = rate (t2, FALSE) / rate (serial, FALSE);
  double ratio1 = rate (t1, TRUE) / rate (n1, TRUE), ratio2 = rate (t2, TRUE) / rate (n2, TRUE);
  double ratio1_med = rate (t1, FALSE) / rate (n1, FALSE);
  double ratio2_med = rate (t2, FALSE) / rate (n2, FALSE);
  g_autoptr (JsonBuilder) b = json_builder_new ();

  printf ("\nbench-reliability: load-strength (g = strength - load), %" G_GUINT64_FORMAT
          " samples, no target_cov; best and median of %d\n",
          samples, repeats);
  printf ("machine: %s, %d cores; %s; %s\n\n", mc->cpu_model, mc->cores, mc->compiler, date);
  printf ("%-12s %9s %9s %12s %12s %9s %6s %10s %7s\n", "", "best s", "median s", "best Ms/s",
          "median Ms/s", "CPU s", "cores", "failures", "other");
  for (guint c = 0; c < N_CONFIGS; c++)
    {
      const Result *r = &res[c];

      if (!r->done)
        {
          printf ("%-12s %s\n", configs[c].label, r->failure ? r->failure : "not run");
          continue;
        }
      g_autofree char *other = isfinite (r->other_load)
                                   ? g_strdup_printf ("%.0f%%", 100 * r->other_load)
                                   : g_strdup ("-");

      printf ("%-12s %9.3f %9.3f %12.1f %12.1f %9.3f %6.2f %10" G_GUINT64_FORMAT " %7s%s\n",
              configs[c].label, r->best, r->median, rate (r, TRUE) * 1e-6, rate (r, FALSE) * 1e-6,
              r->cpu_best, r->cpu_best / r->best, r->failures, other,
              r->failures_agree ? "" : "  (failure counts differ between repeats!)");
    }
  printf ("(cores: CPU seconds / wall seconds of the best run; other: the share of the "
          "machine's cores\n that other processes used during the runs, from /proc/stat: a "
          "rough guide)\n");
  if (n1->note != NULL)
    printf ("(%s)\n", n1->note);
  printf ("\nthreads x2: speedup %.2f over serial (efficiency %.0f %%; median %.0f %%), "
          "%.2f over threads x1 (efficiency %.0f %%)\n",
          speedup, 50 * speedup, 50 * speedup_med, speedup_t1, 50 * speedup_t1);
  printf ("engine / numba: x1 %.1f (median %.1f), x2 %.1f (median %.1f)\n", ratio1, ratio1_med,
          ratio2, ratio2_med);
  printf ("\nPf (exact %.6g):\n", exact);
  for (guint c = 0; c < N_CONFIGS; c++)
    {
      const Result *r = &res[c];
      double pf, se;

      if (!r->done)
        continue;
      pf = (double)r->failures / (double)r->samples;
      se = sqrt (exact * (1 - exact) / (double)r->samples);
      printf ("  %-12s %.6g  (%+.2f standard errors from exact)\n", configs[c].label, pf,
              (pf - exact) / se);
    }
  if (serial->done && t1->done && t2->done)
    printf ("  engine failure counts serial / x1 / x2: %s\n",
            serial->failures == t1->failures && t1->failures == t2->failures ? "identical"
                                                                             : "DIFFER");
  printf ("\ntargets: engine >= %.0fx numba at the same thread count: x1 %s, x2 %s; "
          "threads efficiency >= %.0f %% at 2 workers: %s\n",
          TARGET_RATIO, verdict (ratio1, TARGET_RATIO), verdict (ratio2, TARGET_RATIO),
          100 * TARGET_EFFICIENCY, verdict (speedup / 2, TARGET_EFFICIENCY));
  /* Two workers that got less than about two cores measure the machine, not the
   * engine. */
  if (t2->done && t2->cpu_best / t2->best < 1.8)
    printf ("  (threads x2 had only %.2f cores in its best run: other processes took the "
            "rest, so the\n  efficiency figure is not conclusive; run again when the machine "
            "is quiet)\n",
            t2->cpu_best / t2->best);

  if (json_path == NULL)
    return;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "benchmark");
  json_builder_add_string_value (b, "reliability load-strength");
  json_builder_set_member_name (b, "date");
  json_builder_add_string_value (b, date);
  json_builder_set_member_name (b, "machine");
  ps_machine_to_json (mc, b);
  json_builder_set_member_name (b, "samples");
  json_builder_add_int_value (b, (gint64)samples);
  json_builder_set_member_name (b, "repeats");
  json_builder_add_int_value (b, repeats);
  json_builder_set_member_name (b, "exact_pf");
  json_builder_add_double_value (b, exact);
  json_builder_set_member_name (b, "results");
  json_builder_begin_array (b);
  for (guint c = 0; c < N_CONFIGS; c++)
    {
      const Result *r = &res[c];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "config");
      json_builder_add_string_value (b, configs[c].label);
      if (r->done)
        {
          json_builder_set_member_name (b, "best_seconds");
          json_builder_add_double_value (b, r->best);
          json_builder_set_member_name (b, "median_seconds");
          json_builder_add_double_value (b, r->median);
          json_builder_set_member_name (b, "best_samples_per_second");
          json_builder_add_double_value (b, rate (r, TRUE));
          json_builder_set_member_name (b, "median_samples_per_second");
          json_builder_add_double_value (b, rate (r, FALSE));
          if (isfinite (r->cpu_best))
            {
              json_builder_set_member_name (b, "cpu_seconds_best");
              json_builder_add_double_value (b, r->cpu_best);
            }
          json_builder_set_member_name (b, "failures");
          json_builder_add_int_value (b, (gint64)r->failures);
          json_builder_set_member_name (b, "pf");
          json_builder_add_double_value (b, (double)r->failures / (double)r->samples);
          if (isfinite (r->other_load))
            {
              json_builder_set_member_name (b, "other_load");
              json_builder_add_double_value (b, r->other_load);
            }
        }
      else
        {
          json_builder_set_member_name (b, "failure");
          json_builder_add_string_value (b, r->failure ? r->failure : "not run");
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  {
    g_autoptr (JsonGenerator) gen = json_generator_new ();
    g_autoptr (JsonNode) root = json_builder_get_root (b);
    g_autoptr (GError) error = NULL;

    json_generator_set_root (gen, root);
    json_generator_set_pretty (gen, TRUE);
    if (!json_generator_to_file (gen, json_path, &error))
      fprintf (stderr, "bench-reliability: %s\n", error->message);
  }
}

int
main (int argc, char *argv[])
{
  gint64 samples = 1000000000, numba_samples = 0, seed = 42;
  int repeats = 3;
  gboolean no_numba = FALSE, no_engine = FALSE;
  g_autofree char *python = NULL, *scripts_dir = NULL, *json_path = NULL;
  GOptionEntry entries[] = {
    { "samples", 'n', 0, G_OPTION_ARG_INT64, &samples, "Samples per run (default 10^9)", "N" },
    { "numba-samples", 0, 0, G_OPTION_ARG_INT64, &numba_samples,
      "Samples per numba run (default: --samples)", "N" },
    { "repeats", 'r', 0, G_OPTION_ARG_INT, &repeats, "Timed runs of each (default 3)", "R" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "The study's seed (default 42)", "S" },
    { "python", 0, 0, G_OPTION_ARG_FILENAME, &python,
      "Python with numba (default /usr/bin/python3)", "PATH" },
    { "scripts", 0, 0, G_OPTION_ARG_FILENAME, &scripts_dir,
      "Folder of mc_numba.py (default: the source folder)", "DIR" },
    { "no-numba", 0, 0, G_OPTION_ARG_NONE, &no_numba, "Skip the numba runs", NULL },
    { "no-engine", 0, 0, G_OPTION_ARG_NONE, &no_engine, "Skip the engine runs", NULL },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &json_path, "Also write the figures as JSON", "FILE" },
    { NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("- Monte Carlo throughput");
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = NULL;
  g_autoptr (PsStudy) warmup = NULL;
  g_autofree char *script = NULL;
  Result res[N_CONFIGS];
  double exact = gsl_cdf_ugaussian_P (-500.0 / sqrt (100.0 * 100.0 + 150.0 * 150.0));

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      fprintf (stderr, "bench-reliability: %s\n", error->message);
      return 2;
    }
  if (samples < 1 || repeats < 1 || seed < 0 || numba_samples < 0)
    {
      fprintf (stderr, "bench-reliability: --samples and --repeats must be >= 1, --seed >= 0\n");
      return 2;
    }
  if (numba_samples == 0)
    numba_samples = samples;
  if (python == NULL)
    python = g_strdup ("/usr/bin/python3");
  script = g_build_filename (scripts_dir ? scripts_dir : PS_BENCH_SRCDIR, "mc_numba.py", NULL);

  study = make_study ((guint64)samples, (guint64)seed, &error);
  if (study != NULL)
    warmup = make_study (MIN ((guint64)samples, WARMUP_SAMPLES), (guint64)seed, &error);
  if (study == NULL || warmup == NULL)
    {
      fprintf (stderr, "bench-reliability: %s\n", error->message);
      return 1;
    }

  memset (res, 0, sizeof res);
  for (guint c = 0; c < N_CONFIGS; c++)
    {
      res[c].times = g_array_new (FALSE, FALSE, sizeof (double));
      res[c].other_load = NAN;
    }
  if (!no_engine)
    measure_engine (study, warmup, repeats, res);
  for (guint c = 0; c < N_CONFIGS; c++)
    {
      if (configs[c].backend == NULL && !no_numba)
        measure_numba (&configs[c], python, script, (guint64)numba_samples, repeats, (guint64)seed,
                       &res[c]);
      if (res[c].failure != NULL)
        fprintf (stderr, "  %-12s failed: %s\n", configs[c].label, res[c].failure);
    }

  report (res, (guint64)samples, repeats, exact, json_path);

  for (guint c = 0; c < N_CONFIGS; c++)
    {
      g_array_unref (res[c].times);
      g_free (res[c].failure);
      g_free (res[c].note);
    }
  return 0;
}
