/* bench-gpu: the three example studies scaled up, on the gpu backend and on CPU
 * threads, on the same machine (bench/gpu/README.md).
 *
 *   beam          beam-grid.json made 300 million configurations, summary only
 *   beam rows     beam-grid.json as written (3 million configurations), every row
 *                 formatted into a sink that discards it: the device computes and
 *                 sends back the row fields, the host formats them
 *   regression    regression-synthetic.json with 100,000 specimens of 1,000 points
 *   reliability   reliability-axial-bar.json with 10^11 samples, no target_cov
 *
 * For each: wall time and throughput on the gpu, the device time split into
 * host-to-device copies, kernels and device-to-host copies (CUDA events, summed over
 * the batches), and the threads backend on a part of the same work (--cpu-share, by
 * default 1/100 for reliability and 1/10 for the others) scaled to a throughput, and
 * the ratio of the two. Without a CUDA device it says so and exits with status 0.
 */
#define G_LOG_DOMAIN "bench-gpu"
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "bench-util.h"
#include "parastudy.h"
#include "backends/cuda/ps-backend-gpu.h"

static double scale = 1.0;

static PsStudy *
load_example (const char *file, const char *from, const char *to)
{
  /* PS_EXAMPLES: the examples' folder where the source tree is not (.device/run.sh). */
  const char *dir = g_getenv ("PS_EXAMPLES");
  g_autofree char *path = dir != NULL
                              ? g_build_filename (dir, file, NULL)
                              : g_build_filename (PS_SOURCE_DATADIR, "examples", file, NULL);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  PsStudy *study;

  if (!g_file_get_contents (path, &text, NULL, &error))
    g_error ("%s", error->message);
  if (from != NULL)
    {
      g_auto (GStrv) parts = g_strsplit (text, from, 2);

      if (parts[1] == NULL)
        g_error ("%s: \"%s\" not found", path, from);
      g_free (text);
      text = g_strconcat (parts[0], to, parts[1], NULL);
    }
  study = ps_study_load_data_at (text, -1, path, &error);
  if (study == NULL)
    g_error ("%s", error->message);
  return study;
}

static gboolean
discard_rows (const char *data, gsize length, gpointer user_data, GError **error)
{
  *(guint64 *)user_data += length;
  return TRUE;
}

/* Runs @study on @backend; returns the wall seconds. */
static double
run (PsStudy *study, const char *backend, PsRowsMode rows)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsRunResult) r = NULL;
  guint64 bytes = 0;
  PsRunOptions o;

  ps_run_options_init (&o);
  o.backend = backend;
  o.rows = rows;
  o.rows_write = discard_rows;
  o.rows_data = &bytes;
  r = ps_run_study (study, &o, &error);
  if (r == NULL)
    g_error ("%s on %s: %s", ps_study_get_name (study), backend, error->message);
  return r->wall_seconds;
}

static void
measure (const char *label, const char *unit, PsStudy *study, guint64 units_per_item, guint64 items,
         double cpu_share, PsRowsMode rows)
{
  PsGpuTiming t;
  double gpu_s, cpu_s, gpu_rate, cpu_rate;
  guint64 cpu_items = MAX (1, (guint64)((double)items * cpu_share));
  LoadSample l0, l1;

  if (!ps_study_set_items (study, items, NULL))
    g_error ("%s: cannot set %" G_GUINT64_FORMAT " items", label, items);
  gpu_s = run (study, "gpu", rows);
  ps_gpu_get_last_timing (&t);
  gpu_rate = (double)(items * units_per_item) / gpu_s;
  if (!ps_study_set_items (study, cpu_items, NULL))
    g_error ("%s: cannot set %" G_GUINT64_FORMAT " items", label, cpu_items);
  load_sample (&l0);
  cpu_s = run (study, "threads", rows);
  load_sample (&l1);
  cpu_rate = (double)(cpu_items * units_per_item) / cpu_s;
  printf ("%-12s gpu %.4g %s/s (%.3f s; device: H2D %.4f s, kernels %.4f s, D2H %.4f s; "
          "%" G_GUINT64_FORMAT " batches, %" G_GUINT64_FORMAT " host chunks)\n",
          label, gpu_rate, unit, gpu_s, t.h2d_seconds, t.kernel_seconds, t.d2h_seconds, t.batches,
          t.host_chunks);
  printf ("%-12s threads (%u cores) %.4g %s/s on %.3g of the work (%.3f s); gpu/threads %.1f\n", "",
          g_get_num_processors (), cpu_rate, unit, cpu_share, cpu_s, gpu_rate / cpu_rate);
  printf ("%-12s other processes used %.0f %% of the cores during the threads run\n", "",
          100.0 * other_load (&l0, &l1));
  fflush (stdout);
}

int
main (int argc, char **argv)
{
  g_autofree char *reason = NULL;
  g_autofree char *device = NULL;
  double cpu_share = 0.1;
  GOptionEntry entries[] = {
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale, "Size of the studies (1 = the issue's)", "F" },
    { "cpu-share", 0, 0, G_OPTION_ARG_DOUBLE, &cpu_share,
      "Part of the work run on CPU threads (reliability: a tenth of it)", "F" },
    { NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("- the gpu backend on the examples");
  g_autoptr (GError) error = NULL;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("bench-gpu: %s\n", error->message);
      return 2;
    }
  if (!ps_backend_gpu.is_available (&reason))
    {
      printf ("bench-gpu: no CUDA device (%s): nothing to measure\n", reason);
      return 0;
    }
  device = ps_gpu_describe ();
  printf ("device: %s\n", device);

  {
    g_autoptr (PsStudy) s = load_example ("beam-grid.json", NULL, NULL);
    measure ("beam", "configurations", s, 1, (guint64)(3e8 * scale), cpu_share, PS_ROWS_NONE);
  }
  {
    g_autoptr (PsStudy) s = load_example ("beam-grid.json", NULL, NULL);
    guint64 n = ps_study_get_n_items (s);

    measure ("beam rows", "configurations", s, 1, (guint64)((double)n * scale), 1.0, PS_ROWS_ALL);
  }
  {
    g_autoptr (PsStudy) s = load_example ("regression-synthetic.json", "\"specimens\": 10000",
                                          "\"specimens\": 100000");
    measure ("regression", "points", s, 1000, (guint64)(1e5 * scale), cpu_share, PS_ROWS_NONE);
  }
  {
    g_autoptr (PsStudy) s
        = load_example ("reliability-axial-bar.json", "\"target_cov\": 0.005,", "");
    measure ("reliability", "samples", s, 4096, (guint64)(1e11 * scale / 4096), cpu_share / 10,
             PS_ROWS_NONE);
  }
  return 0;
}
