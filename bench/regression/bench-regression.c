/* bench-regression: the stress–strain regression study on the 10,000 x 1,000
 * synthetic example.
 *
 *   1. generation: the example's specimens into memory (timed apart);
 *   2. STREAM-like triad a = b + s c over arrays as large as the data, 1 and 2
 *      threads, in the same run;
 *   3. the fit only, over the data in memory: the engine's per-specimen function
 *      (ps_regression_fit, what every backend calls) in a plain loop ("serial") and
 *      under OpenMP with 1 and 2 threads and the study's chunk size ("threads"), with
 *      the GB/s achieved;
 *   4. the whole engine run (generation and fit) on the serial and threads backends;
 *   5. the same fit in Python, regression_py.py: joblib + np.polyfit and numba
 *      @njit(parallel=True), at 1 and 2 workers, with the ratios;
 *   6. reading: the specimens written as 10,000 CSV files and read back by a CSV
 *      study on the serial and threads backends (MB/s);
 *   7. the ISO 6892-1 analysis with all its quantities (ps_iso_analyse_fit, what the
 *      kind calls per specimen when a study asks for them) over the same data, serial
 *      and OpenMP 1 and 2 threads, against the same quantities in numba
 *      (regression_py.py --iso) with the ratios.
 */
#define G_LOG_DOMAIN "bench-regression"
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <string.h>

#include "bench-util.h"
#include "parastudy.h"
#include "studies/regression/ps-regression.h"

typedef struct
{
  double best, median;
} Timing;

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static Timing
timing_of (double *t, int n)
{
  Timing r;

  qsort (t, (size_t)n, sizeof *t, cmp_double);
  r.best = t[0];
  r.median = t[n / 2];
  return r;
}

static double
triad (double *a, const double *b, const double *c, gsize n, int threads)
{
  double t0 = now_s ();

#pragma omp parallel for num_threads(threads) schedule(static)
  for (gsize i = 0; i < n; i++)
    a[i] = b[i] + 3.0 * c[i];
  return now_s () - t0;
}

/* Fits specimens [0, n) of the data; returns the wall time. @touched receives the
 * bytes the fit reads: the whole stress array, the strain up to the yield crossing. */
static double
fit_all (const PsRegressionModel *m, const double *x, const double *y, guint64 n, gsize pts,
         int threads, guint64 chunk, double *sum_E, double *touched)
{
  double t0 = now_s (), sE = 0, bytes = 0;

  if (threads == 0)
    {
      for (guint64 i = 0; i < n; i++)
        {
          PsSpecimenFit f;

          if (ps_regression_fit (m, x + i * pts, y + i * pts, pts, &f) == PS_REG_OK)
            sE += f.E;
        }
    }
  else
    {
#pragma omp parallel for num_threads(threads) schedule(dynamic, chunk) reduction(+ : sE)
      for (guint64 i = 0; i < n; i++)
        {
          PsSpecimenFit f;

          if (ps_regression_fit (m, x + i * pts, y + i * pts, pts, &f) == PS_REG_OK)
            sE += f.E;
        }
    }
  t0 = now_s () - t0;
  for (guint64 i = 0; touched != NULL && i < n; i++)
    {
      PsSpecimenFit f;
      double step = x[i * pts + 1] - x[i * pts];

      ps_regression_fit (m, x + i * pts, y + i * pts, pts, &f);
      bytes += 8.0 * (double)pts;
      bytes += 8.0 * MIN ((double)pts, (f.has_yield ? f.yield_strain / step : (double)pts) + 2);
    }
  if (touched != NULL)
    *touched = bytes;
  *sum_E = sE;
  return t0;
}

/* The ISO 6892-1 analysis of specimens [0, n) with @p; returns the wall time, and in
 * @sums the sums of E, Rp0.2, ReH and Rm over the specimens where each is determined
 * and in @counts how many those are. */
static double
iso_all (const PsIsoParams *p, const double *x, const double *y, guint64 n, gsize pts, int threads,
         guint64 chunk, double sums[4], guint64 counts[4])
{
  double t0 = now_s (), sE = 0, sRp = 0, sReH = 0, sRm = 0;
  guint64 cE = 0, cRp = 0, cReH = 0, cRm = 0;

#pragma omp parallel for num_threads(MAX (threads, 1)) schedule(dynamic, chunk)                    \
    reduction(+ : sE, sRp, sReH, sRm, cE, cRp, cReH, cRm) if (threads > 0)
  for (guint64 i = 0; i < n; i++)
    {
      PsIsoResult r;
      PsSpecimenFit f;

      if (ps_iso_analyse_fit (p, x + i * pts, y + i * pts, pts, &r, &f) != PS_REG_OK)
        continue;
      sE += r.E, cE++;
      if (isfinite (r.Rp[0]))
        sRp += r.Rp[0], cRp++;
      if (isfinite (r.ReH))
        sReH += r.ReH, cReH++;
      sRm += r.Rm, cRm++;
    }
  t0 = now_s () - t0;
  sums[0] = sE, sums[1] = sRp, sums[2] = sReH, sums[3] = sRm;
  counts[0] = cE, counts[1] = cRp, counts[2] = cReH, counts[3] = cRm;
  return t0;
}

static double
engine_run (const PsStudy *study, const char *backend, int workers, double *sum_check,
            double *cpu_seconds)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsRunResult) r = NULL;
  PsRunOptions o;

  ps_run_options_init (&o);
  o.backend = backend;
  o.workers = workers;
  o.rows = PS_ROWS_NONE;
  r = ps_run_study (study, &o, &error);
  if (r == NULL)
    g_error ("%s", error->message);
  *sum_check = ((const PsRegressionSummary *)r->summary)->E.mean;
  if (cpu_seconds != NULL)
    *cpu_seconds = r->cpu_seconds;
  return r->wall_seconds;
}

static gboolean
write_csv_folder (const char *dir, const PsRegressionModel *m, const double *x, const double *y,
                  guint64 n, gsize pts, guint64 *bytes)
{
  g_autofree char *buf = g_malloc (pts * 48 + 64);

  *bytes = 0;
  for (guint64 i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/S%05" G_GUINT64_FORMAT ".csv", dir, i);
      gsize len = (gsize)g_snprintf (buf, 64, "strain,stress_MPa\n");

      for (gsize j = 0; j < pts; j++)
        len += (gsize)g_snprintf (buf + len, 48, "%.8g,%.8g\n", x[i * pts + j],
                                  y[i * pts + j] * 1e-6);
      if (!g_file_set_contents (path, buf, (gssize)len, NULL))
        return FALSE;
      *bytes += len;
    }
  return TRUE;
}

int
main (int argc, char **argv)
{
  gint64 specimens = 10000, points = 1000;
  int repeats = 5;
  gboolean no_python = FALSE, no_csv = FALSE, no_iso = FALSE;
  g_autofree char *python = NULL, *json_path = NULL;
  GOptionEntry entries[] = {
    { "specimens", 0, 0, G_OPTION_ARG_INT64, &specimens, "specimens (default 10000)", "N" },
    { "points", 0, 0, G_OPTION_ARG_INT64, &points, "points per specimen (default 1000)", "M" },
    { "repeats", 0, 0, G_OPTION_ARG_INT, &repeats, "repeats of each timing (default 5)", "R" },
    { "python", 0, 0, G_OPTION_ARG_FILENAME, &python, "Python (default /usr/bin/python3)", "PATH" },
    { "no-python", 0, 0, G_OPTION_ARG_NONE, &no_python, "skip joblib and numba", NULL },
    { "no-csv", 0, 0, G_OPTION_ARG_NONE, &no_csv, "skip the CSV reading figure", NULL },
    { "no-iso", 0, 0, G_OPTION_ARG_NONE, &no_iso, "skip the ISO 6892-1 analysis figures", NULL },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &json_path, "write the figures as JSON", "FILE" },
    { NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("- regression benchmark");
  g_autoptr (GError) error = NULL;
  g_autofree char *study_text = NULL;
  g_autoptr (PsStudy) study = NULL;
  const PsRegressionModel *m;
  g_autofree double *x = NULL, *y = NULL, *u = NULL;
  gsize pts, nd;
  double t_gen, bytes_data, touched = 0, sum_ref = 0;
  Timing fit_t[3], tri_t[2], eng_t[3];
  const char *fit_names[3] = { "serial", "threads x1", "threads x2" };
  const int fit_threads[3] = { 0, 1, 2 };
  guint64 chunk;
  LoadSample l0, l1;
  g_autoptr (GString) js = g_string_new ("{");
  double *ts = NULL;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (python == NULL)
    python = g_strdup ("/usr/bin/python3");
  repeats = MAX (repeats, 1);
  ts = g_new (double, repeats);
  load_sample (&l0);

  study_text = g_strdup_printf (
      "{\"parastudy\": 1, \"kind\": \"regression\", \"name\": \"bench\", \"source\": "
      "{\"type\": \"synthetic\", \"specimens\": %" G_GINT64_FORMAT ", \"points\": %" G_GINT64_FORMAT
      ", \"E\": {\"distribution\": \"normal\", \"mean\": \"200 GPa\", \"sd\": \"10 GPa\"},"
      " \"yield\": {\"distribution\": \"normal\", \"mean\": \"355 MPa\", \"sd\": \"20 MPa\"},"
      " \"hardening\": 0.01, \"max_strain\": 0.02, \"noise_sd\": \"1 MPa\", \"seed\": 7},"
      " \"fit\": {\"window\": {\"type\": \"stress\", \"from\": 0.1, \"to\": 0.4}, \"offset\": "
      "0.002}}",
      specimens, points);
  study = ps_study_load_data (study_text, -1, &error);
  if (study == NULL)
    g_error ("%s", error->message);
  m = ps_study_get_model (study);
  pts = (gsize)points;
  nd = (gsize)specimens * pts;
  chunk = ps_study_get_kind (study)->chunk_items (study);
  x = g_new (double, nd);
  y = g_new (double, nd);
  u = g_new (double, pts);
  bytes_data = 16.0 * (double)nd;

  {
    const PsMachine *mc = ps_machine_get ();

    printf ("bench-regression: %" G_GINT64_FORMAT " specimens x %" G_GINT64_FORMAT
            " points (%.0f MB of strain and stress), %d repeats\n",
            specimens, points, bytes_data / 1e6, repeats);
    printf ("machine: %s, %d cores; %s\n\n", mc->cpu_model, mc->cores, mc->compiler);
  }

  /* 1. Generation. */
  t_gen = now_s ();
  for (gint64 i = 0; i < specimens; i++)
    ps_regression_generate (m, (guint64)i, x + (gsize)i * pts, y + (gsize)i * pts, u);
  t_gen = now_s () - t_gen;
  printf ("generation (not in the fit figures)  %.3f s, %.1f M points/s\n\n", t_gen,
          (double)nd / t_gen / 1e6);

  /* 2. Triad over three arrays of the data's size in doubles (STREAM counts 24 bytes
   * per element: two reads and a write). */
  {
    g_autofree double *a = g_new (double, nd), *b = g_new (double, nd), *c = g_new (double, nd);

    for (gsize i = 0; i < nd; i++)
      a[i] = 0, b[i] = 1.0 + (double)(i & 7), c[i] = 0.5;
    for (int t = 0; t < 2; t++)
      {
        triad (a, b, c, nd, t + 1);
        for (int r = 0; r < repeats; r++)
          ts[r] = triad (a, b, c, nd, t + 1);
        tri_t[t] = timing_of (ts, repeats);
      }
  }

  /* 3. The fit, over the data in memory. */
  for (int k = 0; k < 3; k++)
    {
      double s;

      fit_all (m, x, y, (guint64)specimens, pts, fit_threads[k], chunk, &s,
               k == 0 ? &touched : NULL);
      if (k == 0)
        sum_ref = s;
      else if (s != sum_ref && fit_threads[k] == 1)
        g_error ("the fit differs between runs");
      for (int r = 0; r < repeats; r++)
        ts[r] = fit_all (m, x, y, (guint64)specimens, pts, fit_threads[k], chunk, &s, NULL);
      fit_t[k] = timing_of (ts, repeats);
    }

  /* 4. The whole engine run (generation + fit). */
  {
    const char *backends[3] = { "serial", "threads", "threads" };
    const int workers[3] = { 1, 1, 2 };
    double mean0 = 0;

    for (int k = 0; k < 3; k++)
      {
        double mean;

        engine_run (study, backends[k], workers[k], &mean, NULL);
        if (k == 0)
          mean0 = mean;
        else if (mean != mean0)
          g_error ("mean E differs between backends: %.17g vs %.17g", mean, mean0);
        for (int r = 0; r < repeats; r++)
          ts[r] = engine_run (study, backends[k], workers[k], &mean, NULL);
        eng_t[k] = timing_of (ts, repeats);
      }
  }

  printf ("%-28s %9s %9s %12s %12s\n", "STREAM-like triad", "best s", "median s", "best GB/s", "");
  for (int t = 0; t < 2; t++)
    printf ("%-28s %9.4f %9.4f %12.2f\n", t == 0 ? "  1 thread" : "  2 threads", tri_t[t].best,
            tri_t[t].median, 24.0 * (double)nd / tri_t[t].best / 1e9);
  printf ("\n%-28s %9s %9s %12s %12s %12s\n", "fit only (data in memory)", "best s", "median s",
          "M spec/s", "data GB/s", "read GB/s");
  for (int k = 0; k < 3; k++)
    printf ("%-28s %9.4f %9.4f %12.3f %12.2f %12.2f\n", fit_names[k], fit_t[k].best,
            fit_t[k].median, (double)specimens / fit_t[k].best / 1e6,
            bytes_data / fit_t[k].best / 1e9, touched / fit_t[k].best / 1e9);
  printf ("  (data GB/s counts all 16 bytes of every point; read GB/s the bytes the fit "
          "reads: the stress array, the strain up to the yield point, %.1f bytes/point)\n",
          touched / (double)nd);
  printf ("\n%-28s %9s %9s %12s\n", "engine run (generate + fit)", "best s", "median s",
          "M spec/s");
  for (int k = 0; k < 3; k++)
    printf ("%-28s %9.4f %9.4f %12.3f\n",
            k == 0   ? "serial"
            : k == 1 ? "threads x1"
                     : "threads x2",
            eng_t[k].best, eng_t[k].median, (double)specimens / eng_t[k].best / 1e6);

  g_string_append_printf (js,
                          "\"specimens\": %" G_GINT64_FORMAT ", \"points\": %" G_GINT64_FORMAT
                          ", \"generation_s\": %.6f, \"triad_gbs\": [%.4f, %.4f],"
                          " \"fit_best_s\": [%.6f, %.6f, %.6f], \"engine_best_s\": [%.6f, "
                          "%.6f, %.6f], \"read_bytes_per_point\": %.3f",
                          specimens, points, t_gen, 24.0 * (double)nd / tri_t[0].best / 1e9,
                          24.0 * (double)nd / tri_t[1].best / 1e9, fit_t[0].best, fit_t[1].best,
                          fit_t[2].best, eng_t[0].best, eng_t[1].best, eng_t[2].best,
                          touched / (double)nd);

  /* 5. Python. */
  if (!no_python)
    {
      g_autofree char *script = g_build_filename (PS_BENCH_SRCDIR, "regression_py.py", NULL);
      g_autofree char *n_arg = g_strdup_printf ("%" G_GINT64_FORMAT, specimens);
      g_autofree char *m_arg = g_strdup_printf ("%" G_GINT64_FORMAT, points);
      g_autofree char *r_arg = g_strdup_printf ("%d", repeats);
      g_autofree char *out = NULL, *err = NULL;
      int status = 0;
      const char *argv_nb[] = { python, script,      "--specimens", n_arg,         "--points",
                                m_arg,  "--repeats", r_arg,         "--no-joblib", NULL };
      const char *argv_jl[] = { python, script,      "--specimens", n_arg,        "--points",
                                m_arg,  "--repeats", "1",           "--no-numba", NULL };
      const char **argvs[2] = { argv_nb, argv_jl };
      double py[2][2] = { { NAN, NAN }, { NAN, NAN } }; /* numba, joblib x threads */

      for (int s = 0; s < 2; s++)
        {
          g_autoptr (JsonParser) parser = json_parser_new ();
          JsonObject *o, *part;

          g_clear_pointer (&out, g_free);
          g_clear_pointer (&err, g_free);
          if (!g_spawn_sync (NULL, (char **)argvs[s], NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                             &status, &error)
              || !g_spawn_check_wait_status (status, &error))
            {
              g_printerr ("python: %s\n%s\n", error->message, err ? err : "");
              g_clear_error (&error);
              continue;
            }
          if (!json_parser_load_from_data (parser, out, -1, &error))
            g_error ("python output: %s", error->message);
          o = json_node_get_object (json_parser_get_root (parser));
          part = json_object_get_object_member (o, s == 0 ? "numba" : "joblib");
          for (int t = 0; t < 2; t++)
            {
              char key[4];

              g_snprintf (key, sizeof key, "%d", t + 1);
              if (json_object_has_member (part, key))
                py[s][t] = json_object_get_double_member (json_object_get_object_member (part, key),
                                                          "best");
            }
          if (s == 0)
            printf ("\nnumba %s (threading layer %s), numpy %s; compile %.2f s left out\n",
                    json_object_get_string_member (o, "numba_version"),
                    json_object_get_string_member (o, "numba_threading_layer"),
                    json_object_get_string_member (o, "numpy"),
                    json_object_get_double_member (o, "numba_compile_seconds"));
          else
            printf ("joblib %s, numpy %s (one run each: the joblib figures are long)\n",
                    json_object_get_string_member (o, "joblib_version"),
                    json_object_get_string_member (o, "numpy"));
        }
      printf ("\n%-28s %9s %12s %14s %14s\n", "same fit in Python", "best s", "M spec/s",
              "engine ratio", "(threads xk)");
      for (int t = 0; t < 2; t++)
        {
          printf ("%-28s %9.4f %12.4f %14.1f\n",
                  t == 0 ? "joblib + polyfit, n_jobs=1" : "joblib + polyfit, n_jobs=2", py[1][t],
                  (double)specimens / py[1][t] / 1e6, py[1][t] / fit_t[1 + t].best);
        }
      for (int t = 0; t < 2; t++)
        printf ("%-28s %9.4f %12.4f %14.2f\n",
                t == 0 ? "numba prange, 1 thread" : "numba prange, 2 threads", py[0][t],
                (double)specimens / py[0][t] / 1e6, py[0][t] / fit_t[1 + t].best);
      printf ("  (ratio = Python time / engine fit time at the same worker count; targets: "
              ">= 100 x joblib, >= 1.5 x numba)\n");
      g_string_append_printf (js,
                              ", \"joblib_best_s\": [%.6f, %.6f], \"numba_best_s\": [%.6f, %.6f]",
                              py[1][0], py[1][1], py[0][0], py[0][1]);
    }

  /* 6. Reading CSV files. */
  if (!no_csv)
    {
      g_autofree char *dir = g_dir_make_tmp ("bench-regression-XXXXXX", NULL);
      g_autofree char *json = NULL;
      guint64 bytes = 0;
      double t_write = now_s ();
      const char *backends[3] = { "serial", "threads", "threads" };
      const int workers[3] = { 1, 1, 2 };

      if (!write_csv_folder (dir, m, x, y, (guint64)specimens, pts, &bytes))
        g_error ("cannot write the CSV files in %s", dir);
      t_write = now_s () - t_write;
      json = g_strdup_printf ("{\"parastudy\": 1, \"kind\": \"regression\", \"name\": \"csv\","
                              " \"source\": {\"type\": \"csv\", \"path\": \"%s\", \"strain\": "
                              "{\"column\": \"strain\"}, \"stress\": {\"column\": \"stress_MPa\", "
                              "\"unit\": \"MPa\"}},"
                              " \"fit\": {\"window\": {\"type\": \"stress\", \"from\": 0.1, "
                              "\"to\": 0.4}}}",
                              dir);
      {
        g_autoptr (PsStudy) csv = ps_study_load_data (json, -1, &error);

        if (csv == NULL)
          g_error ("%s", error->message);
        printf ("\nreading %" G_GINT64_FORMAT " CSV files, %.1f MB (written in %.2f s, so in the "
                "page cache: warm reads)\n",
                specimens, (double)bytes / 1e6, t_write);
        /* On a shared machine the wall time says little; the CPU time of the runs (this
         * process, all its threads) gives the rate per core (issue 18: >= 450 MB/s). */
        printf ("%-28s %9s %9s %12s %10s %14s\n", "engine run, CSV folder", "best s", "median s",
                "MB/s", "best CPU s", "MB per CPU-s");
        g_string_append_printf (js, ", \"csv_bytes\": %" G_GUINT64_FORMAT ", \"csv_best_s\": [",
                                bytes);
        for (int k = 0; k < 3; k++)
          {
            double mean, cpu = 0.0, best_cpu = INFINITY;
            Timing t;

            engine_run (csv, backends[k], workers[k], &mean, NULL);
            for (int r = 0; r < repeats; r++)
              {
                ts[r] = engine_run (csv, backends[k], workers[k], &mean, &cpu);
                best_cpu = MIN (best_cpu, cpu);
              }
            t = timing_of (ts, repeats);
            printf ("%-28s %9.4f %9.4f %12.1f %10.4f %14.1f\n",
                    k == 0   ? "serial"
                    : k == 1 ? "threads x1"
                             : "threads x2",
                    t.best, t.median, (double)bytes / t.best / 1e6, best_cpu,
                    (double)bytes / best_cpu / 1e6);
            g_string_append_printf (js, "%s%.6f", k ? ", " : "", t.best);
          }
        g_string_append (js, "]");
      }
      for (gint64 i = 0; i < specimens; i++)
        {
          g_autofree char *path = g_strdup_printf ("%s/S%05" G_GINT64_FORMAT ".csv", dir, i);

          g_unlink (path);
        }
      g_rmdir (dir);
    }

  /* 7. The ISO 6892-1 analysis with every quantity, the same data and window. */
  if (!no_iso)
    {
      PsIsoParams p = m->iso_params;
      Timing iso_t[3];
      double sums[4], counts_d[4], py_iso[2] = { NAN, NAN };
      guint64 counts[4];
      static const char *const qn[4] = { "E", "Rp0.2", "ReH", "Rm" };

      /* The kind's own parameters (parse_iso () fills them on every study): the
       * study's window and offset, ISO 6892-1's defaults for the rest. */
      for (int k = 0; k < 3; k++)
        {
          iso_all (&p, x, y, (guint64)specimens, pts, fit_threads[k], chunk, sums, counts);
          for (int r = 0; r < repeats; r++)
            ts[r]
                = iso_all (&p, x, y, (guint64)specimens, pts, fit_threads[k], chunk, sums, counts);
          iso_t[k] = timing_of (ts, repeats);
        }
      printf ("\n%-28s %9s %9s %12s\n", "ISO 6892-1, every quantity", "best s", "median s",
              "M spec/s");
      for (int k = 0; k < 3; k++)
        printf ("%-28s %9.4f %9.4f %12.3f\n", fit_names[k], iso_t[k].best, iso_t[k].median,
                (double)specimens / iso_t[k].best / 1e6);
      printf ("  engine means:");
      for (int q = 0; q < 4; q++)
        {
          counts_d[q] = (double)counts[q];
          printf (" %s %.6g (%" G_GUINT64_FORMAT ")", qn[q], sums[q] / counts_d[q], counts[q]);
        }
      printf ("\n");
      g_string_append_printf (js, ", \"iso_best_s\": [%.6f, %.6f, %.6f]", iso_t[0].best,
                              iso_t[1].best, iso_t[2].best);
      if (!no_python)
        {
          g_autofree char *script = g_build_filename (PS_BENCH_SRCDIR, "regression_py.py", NULL);
          g_autofree char *n_arg = g_strdup_printf ("%" G_GINT64_FORMAT, specimens);
          g_autofree char *m_arg = g_strdup_printf ("%" G_GINT64_FORMAT, points);
          g_autofree char *r_arg = g_strdup_printf ("%d", repeats);
          g_autofree char *out = NULL, *err = NULL;
          g_autoptr (JsonParser) parser = json_parser_new ();
          int status = 0;
          const char *argv_iso[]
              = { python,      script, "--specimens", n_arg,         "--points", m_arg,
                  "--repeats", r_arg,  "--iso",       "--no-joblib", NULL };

          if (!g_spawn_sync (NULL, (char **)argv_iso, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                             &status, &error)
              || !g_spawn_check_wait_status (status, &error))
            {
              g_printerr ("python --iso: %s\n%s\n", error->message, err ? err : "");
              g_clear_error (&error);
            }
          else if (!json_parser_load_from_data (parser, out, -1, &error))
            g_error ("python output: %s", error->message);
          else
            {
              JsonObject *o = json_node_get_object (json_parser_get_root (parser));
              JsonObject *part = json_object_get_object_member (o, "iso");
              JsonObject *means = json_object_get_object_member (o, "iso_means");

              for (int t = 0; t < 2; t++)
                {
                  char key[4];

                  g_snprintf (key, sizeof key, "%d", t + 1);
                  if (json_object_has_member (part, key))
                    py_iso[t] = json_object_get_double_member (
                        json_object_get_object_member (part, key), "best");
                }
              printf ("  numba means: ");
              for (int q = 0; q < 4; q++)
                if (json_object_has_member (means, qn[q])
                    && !json_object_get_null_member (means, qn[q]))
                  printf (" %s %.6g", qn[q], json_object_get_double_member (means, qn[q]));
              printf ("\n%-28s %9s %12s %14s\n", "same quantities in numba", "best s", "M spec/s",
                      "engine ratio");
              for (int t = 0; t < 2; t++)
                printf ("%-28s %9.4f %12.4f %14.2f\n",
                        t == 0 ? "numba prange, 1 thread" : "numba prange, 2 threads", py_iso[t],
                        (double)specimens / py_iso[t] / 1e6, py_iso[t] / iso_t[1 + t].best);
              printf ("  (ratio = numba time / engine time at the same worker count; target >= "
                      "1.5)\n");
              g_string_append_printf (js, ", \"numba_iso_best_s\": [%.6f, %.6f]", py_iso[0],
                                      py_iso[1]);
            }
        }
    }

  load_sample (&l1);
  {
    double other = other_load (&l0, &l1);

    printf ("\nother processes used %.0f %% of the machine during the run\n",
            isfinite (other) ? 100 * other : NAN);
    g_string_append_printf (js, ", \"other_load\": %.3f}", isfinite (other) ? other : -1.0);
  }
  if (json_path != NULL && !g_file_set_contents (json_path, js->str, -1, &error))
    g_printerr ("%s\n", error->message);
  g_free (ts);
  return 0;
}
