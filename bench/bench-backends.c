/* bench-backends: what the threads and processes backends cost per chunk, and how the
 * example studies scale on them (bench/README.md, "Backends").
 *
 * 1. Dispatch: an "empty" study (items that cost nothing), one item per chunk; the
 *    wall time per chunk at 1 and 2 workers is the backend's own cost of handing out,
 *    evaluating and committing a chunk.
 * 2. Strong scaling at 1 and 2 workers for both backends (ps_scaling_run, median of R
 *    runs after a warm-up) of: a 4-million-item beam sweep of point loads with
 *    self-weight (summary only), the regression
 *    synthetic example, and the load-strength Monte Carlo example without its
 *    target_cov stop at 10^8 samples (the example stops after 3.6 million).
 */
#define G_LOG_DOMAIN "bench-backends"
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bench-util.h"
#include "parastudy.h"

static PsStudy *
load_text (const char *text, const char *path)
{
  g_autoptr (GError) error = NULL;
  PsStudy *s = ps_study_load_data_at (text, -1, path, &error);

  if (s == NULL)
    g_error ("%s", error->message);
  return s;
}

static PsStudy *
load_example (const char *name)
{
  g_autofree char *path = g_build_filename (PS_SOURCE_DATADIR, "examples", name, NULL);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;

  if (!g_file_get_contents (path, &text, NULL, &error))
    g_error ("%s", error->message);
  return load_text (text, path);
}

static double
dispatch_us (const char *backend, int workers, guint64 chunks, int repeats)
{
  g_autofree char *json
      = g_strdup_printf ("{ \"parastudy\": 1, \"kind\": \"empty\", \"name\": \"Dispatch\", "
                         "\"items\": %" G_GUINT64_FORMAT ", \"chunk_items\": 1 }",
                         chunks);
  g_autoptr (PsStudy) study = load_text (json, NULL);
  double best = INFINITY;
  PsRunOptions o;

  ps_run_options_init (&o);
  o.backend = backend;
  o.workers = workers;
  for (int r = 0; r <= repeats; r++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PsRunResult) run = ps_run_study (study, &o, &error);

      if (run == NULL)
        g_error ("%s", error->message);
      if (r > 0) /* the first is a warm-up */
        best = MIN (best, run->wall_seconds);
    }
  return best / (double)chunks * 1e6;
}

static void
scaling (const char *label, PsStudy *study, int repeats)
{
  const char *const backends[] = { "threads", "processes", NULL };
  const int workers[] = { 1, 2 };
  PsScalingOptions o = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (PsScalingResult) r = NULL;
  LoadSample a, b;
  double eff[2] = { NAN, NAN };

  o.backends = backends;
  o.workers = workers;
  o.n_workers = 2;
  o.mode = PS_SCALING_STRONG;
  o.repeats = (guint)repeats;
  o.warmup = 1;
  load_sample (&a);
  r = ps_scaling_run (study, &o, &error);
  load_sample (&b);
  if (r == NULL)
    g_error ("%s", error->message);
  for (guint i = 0; i < r->series->len; i++)
    {
      PsScalingSeries *s = g_ptr_array_index (r->series, i);
      const PsScalingPoint *p1 = &g_array_index (s->points, PsScalingPoint, 0);
      const PsScalingPoint *p2 = &g_array_index (s->points, PsScalingPoint, 1);

      printf ("| %-26s | %-9s | %12" G_GUINT64_FORMAT " | %8.3f | %8.3f | %7.3f | %6.1f %% |\n",
              label, s->backend, p1->size, p1->wall_median, p2->wall_median, p2->speedup,
              100.0 * p2->efficiency);
      eff[i] = p2->efficiency;
    }
  printf ("|   processes - threads efficiency: %+.1f points; other load on the machine %.0f %%\n",
          100.0 * (eff[1] - eff[0]), 100.0 * other_load (&a, &b));
}

int
main (int argc, char **argv)
{
  gint repeats = 3;
  gint64 chunks = 20000;
  gboolean no_scaling = FALSE;
  GOptionEntry entries[] = {
    { "repeats", 'r', 0, G_OPTION_ARG_INT, &repeats, "Timed runs per point (default 3)", "R" },
    { "chunks", 0, 0, G_OPTION_ARG_INT64, &chunks, "Chunks of the dispatch test (20000)", "N" },
    { "no-scaling", 0, 0, G_OPTION_ARG_NONE, &no_scaling, "Only the dispatch test", NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("— backend overheads and scaling");
  g_autoptr (GError) error = NULL;
  const PsMachine *m = ps_machine_get ();

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || repeats < 1 || chunks < 1)
    {
      g_printerr ("bench-backends: %s\n", error ? error->message : "bad option");
      return 2;
    }
  printf ("machine: %s, %d cores\n\n", m->cpu_model, m->cores);

  printf ("## Dispatch: empty items, one per chunk, %" G_GINT64_FORMAT " chunks, best of %d\n\n",
          chunks, repeats);
  printf ("| backend   | workers | µs per chunk |\n|-----------|--------:|-------------:|\n");
  for (int w = 1; w <= 2; w++)
    {
      printf ("| serial    | %7d | %12.3f |\n", w,
              dispatch_us ("serial", 1, (guint64)chunks, repeats));
      printf ("| threads   | %7d | %12.3f |\n", w,
              dispatch_us ("threads", w, (guint64)chunks, repeats));
      printf ("| processes | %7d | %12.3f |\n", w,
              dispatch_us ("processes", w, (guint64)chunks, repeats));
    }
  fflush (stdout);
  if (no_scaling)
    return 0;

  printf ("\n## Strong scaling, median of %d runs after a warm-up\n\n", repeats);
  printf ("| study                      | backend   |        items |  T1 [s] |  T2 [s] | speedup "
          "| efficiency |\n");
  printf ("|----------------------------|-----------|-------------:|---------:|---------:|--------:"
          "|-----------:|\n");
  {
    /* The beam-grid example runs in about a millisecond summary-only (its loads are
     * monotone, so it counts), too short to time; this sweep takes the slow path: a
     * point load off midspan with self-weight, one bisection per item. */
    g_autoptr (PsStudy) beam = load_text (
        "{ \"parastudy\": 1, \"kind\": \"beam\", \"name\": \"Point loads, 2 million\","
        "  \"beam\": { \"support\": \"simply-supported\","
        "    \"load\": { \"type\": \"point\","
        "                \"value\": { \"from\": \"5 kN\", \"to\": \"150 kN\", \"steps\": 50 },"
        "                \"position\": { \"from\": \"0.4 m\", \"to\": \"1.7 m\", \"steps\": 50 } },"
        "    \"span\": { \"from\": \"2 m\", \"to\": \"14 m\", \"steps\": 40 },"
        "    \"section\": { \"shape\": \"rectangular\", \"b\": \"200 mm\","
        "                   \"h\": { \"from\": \"150 mm\", \"to\": \"900 mm\", \"steps\": 20 } },"
        "    \"material\": [\"S355\", \"GL24h\"],"
        "    \"self_weight\": true } }",
        NULL);
    g_autoptr (PsStudy) regression = load_example ("regression-synthetic.json");
    g_autoptr (PsStudy) mc = load_text (
        "{ \"parastudy\": 1, \"kind\": \"reliability\", \"name\": \"Load and strength, 1e8\","
        "  \"variables\": { \"load\": { \"distribution\": \"normal\", \"mean\": \"1000 kN\","
        "                               \"sd\": \"100 kN\" },"
        "                   \"strength\": { \"distribution\": \"normal\", \"mean\": \"1500 kN\","
        "                                   \"sd\": \"150 kN\" } },"
        "  \"limit_state\": \"strength - load\","
        "  \"method\": { \"name\": \"monte-carlo\", \"samples\": 100000000, \"seed\": 42 } }",
        NULL);

    scaling ("beam, 4e6 point loads", beam, repeats);
    fflush (stdout);
    scaling ("regression-synthetic", regression, repeats);
    fflush (stdout);
    scaling ("load-strength, 1e8 samples", mc, repeats);
  }
  return 0;
}
