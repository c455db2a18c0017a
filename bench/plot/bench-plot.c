/* bench-plot: time to render each chart type at 10^3, 10^5 and 10^7 points on an
 * 800 × 500 image surface (the cost a GTK redraw pays), and to write the full
 * report of each example study (PDF and HTML) from a run made here first.
 *
 *   build/bench/plot/bench-plot [--max-points N] [--repeats R] [--no-reports]
 *
 * Each figure is the median of R draws of a chart built once (building copies the
 * data; drawing is what repeats). The share of the machine other processes used is
 * printed beside each group: figures taken while it is high are worth less.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-util.h"
#include "parastudy.h"
#include "plot/ps-plot-study.h"
#include "report/ps-report.h"

static int
cmp_d (const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
time_draw (PsChart *chart, int repeats)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 500);
  double *t = g_new (double, repeats), med;

  for (int r = 0; r < repeats; r++)
    {
      cairo_t *cr = cairo_create (s);
      double t0 = now_s ();

      ps_chart_draw (chart, cr, 800, 500, 96);
      cairo_surface_flush (s);
      t[r] = now_s () - t0;
      cairo_destroy (cr);
    }
  qsort (t, repeats, sizeof (double), cmp_d);
  med = t[repeats / 2];
  g_free (t);
  cairo_surface_destroy (s);
  return med;
}

static PsChart *
make_chart (const char *type, gsize n, const double *x, const double *y)
{
  PsChart *c = ps_chart_new (g_str_equal (type, "heatmap") ? PS_CHART_HEATMAP : PS_CHART_XY);

  ps_chart_set_title (c, type);
  ps_chart_set_axis (c, PS_AXIS_X, "Span", "m", PS_SCALE_LINEAR);
  ps_chart_set_axis (c, PS_AXIS_Y, "Deflection", "m", PS_SCALE_LINEAR);
  if (g_str_equal (type, "line"))
    ps_chart_add_series (c, "line", PS_SERIES_LINE, x, y, n);
  else if (g_str_equal (type, "scatter"))
    ps_chart_add_series (c, "points", PS_SERIES_POINTS, x, y, n);
  else if (g_str_equal (type, "histogram"))
    ps_chart_add_histogram (c, "values", y, n, 0, NAN, NAN, TRUE);
  else
    {
      /* A square grid of about n cells. */
      gsize side = (gsize)MAX (2.0, floor (sqrt ((double)n)));
      double *gx = g_new (double, side), *gy = g_new (double, side);

      for (gsize i = 0; i < side; i++)
        gx[i] = gy[i] = (double)i;
      ps_chart_set_heatmap (c, gx, side, gy, side, y, "Utilisation", "");
      g_free (gx);
      g_free (gy);
    }
  return c;
}

static void
bench_charts (gsize max_points, int repeats)
{
  static const char *const types[] = { "line", "scatter", "histogram", "heatmap" };
  const gsize sizes[] = { 1000, 100000, 10000000 };
  double *x = g_new (double, max_points), *y = g_new (double, max_points);
  GRand *rand = g_rand_new_with_seed (1);
  LoadSample a, b;

  for (gsize i = 0; i < max_points; i++)
    {
      x[i] = (double)i / (double)max_points * 10.0;
      y[i] = sin (x[i] * 3.0) * 1e-3 + g_rand_double (rand) * 1e-4;
    }
  g_rand_free (rand);
  printf ("chart render, 800 x 500 px, median of %d draws [ms]\n", repeats);
  printf ("%-10s %12s %12s %12s\n", "chart", "1e3", "1e5", "1e7");
  load_sample (&a);
  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      printf ("%-10s", types[t]);
      for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
        {
          PsChart *c;

          if (sizes[k] > max_points)
            {
              printf (" %12s", "-");
              continue;
            }
          c = make_chart (types[t], sizes[k], x, y);
          printf (" %12.2f", 1e3 * time_draw (c, repeats));
          fflush (stdout);
          ps_chart_free (c);
        }
      printf ("\n");
    }
  load_sample (&b);
  printf ("other processes used %.0f %% of the machine meanwhile\n\n", 100 * other_load (&a, &b));
  g_free (x);
  g_free (y);
}

static void
bench_reports (int repeats)
{
  static const char *const examples[]
      = { "beam-steel-ipe.json",        "beam-timber-cantilever.json",    "beam-crane-girder.json",
          "reliability-axial-bar.json", "reliability-load-strength.json", "regression-coupons.json",
          "regression-synthetic.json",  "regression-aluminium-force.json" };
  g_autofree char *tmp = g_dir_make_tmp ("bench-plot-XXXXXX", NULL);
  LoadSample a, b;

  printf ("full report (run made first, not timed), median of %d [ms]\n", repeats);
  printf ("%-34s %8s %10s %6s %10s\n", "example", "items", "pdf", "pages", "html");
  load_sample (&a);
  for (guint e = 0; e < G_N_ELEMENTS (examples); e++)
    {
      g_autofree char *path = g_build_filename (PS_SOURCE_DATADIR, "examples", examples[e], NULL);
      g_autofree char *run = g_build_filename (tmp, examples[e], NULL);
      g_autofree char *pdf = g_build_filename (tmp, "r.pdf", NULL);
      g_autofree char *html = g_build_filename (tmp, "r.html", NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (PsStudy) study = ps_study_load_file (path, &error);
      g_autoptr (PsRunResult) res = NULL;
      PsRunOptions ro;
      PsReportOptions po;
      double tp[16], th[16];
      guint pages = 0;

      if (study == NULL)
        {
          printf ("%-34s %s\n", examples[e], error->message);
          continue;
        }
      ps_run_options_init (&ro);
      ro.rows = PS_ROWS_ALL;
      res = ps_run_to_dir (study, &ro, run, &error);
      if (res == NULL)
        {
          printf ("%-34s run failed: %s\n", examples[e], error->message);
          continue;
        }
      ps_report_options_init (&po);
      for (int r = 0; r < repeats && r < 16; r++)
        {
          double t0 = now_s ();

          po.format = PS_REPORT_PDF;
          pages = ps_report_write (study, run, &po, pdf, &error);
          tp[r] = now_s () - t0;
          t0 = now_s ();
          po.format = PS_REPORT_HTML;
          ps_report_write (study, run, &po, html, &error);
          th[r] = now_s () - t0;
        }
      qsort (tp, MIN (repeats, 16), sizeof (double), cmp_d);
      qsort (th, MIN (repeats, 16), sizeof (double), cmp_d);
      printf ("%-34s %8" G_GUINT64_FORMAT " %10.1f %6u %10.1f\n", examples[e],
              ps_study_get_n_items (study), 1e3 * tp[MIN (repeats, 16) / 2], pages,
              1e3 * th[MIN (repeats, 16) / 2]);
      fflush (stdout);
      g_unlink (pdf);
      g_unlink (html);
    }
  load_sample (&b);
  printf ("other processes used %.0f %% of the machine meanwhile\n", 100 * other_load (&a, &b));
}

int
main (int argc, char **argv)
{
  gint64 max_points = 10000000;
  int repeats = 5;
  gboolean no_reports = FALSE;
  GOptionEntry entries[]
      = { { "max-points", 0, 0, G_OPTION_ARG_INT64, &max_points, "Largest point count (10^7)",
            "N" },
          { "repeats", 0, 0, G_OPTION_ARG_INT, &repeats, "Draws per figure (5)", "R" },
          { "no-reports", 0, 0, G_OPTION_ARG_NONE, &no_reports, "Charts only", NULL },
          { NULL } };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("— chart and report timings");
  g_autoptr (GError) error = NULL;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }
  repeats = CLAMP (repeats, 1, 50);
  printf ("machine: %s, %d cores\n\n", ps_machine_get ()->cpu_model, ps_machine_get ()->cores);
  bench_charts ((gsize)MAX (max_points, 1000), repeats);
  if (!no_reports)
    bench_reports (MIN (repeats, 3));
  return 0;
}
