/* ps-reliability-plot.c: the reliability study's charts: the convergence of Pf from
 * convergence.csv, and the histogram of g from samples drawn again through the engine
 * from the study file. */
#define G_LOG_DOMAIN "parastudy-plot"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "expr/ps-expr.h"
#include "plot/ps-plot-study-private.h"
#include "ps-error.h"
#include "rng/ps-dist.h"
#include "rng/ps-philox.h"
#include "studies/reliability/ps-reliability.h"
#include "study/ps-study-private.h"

static PsChart *
rel_convergence (PsRunData *d, GError **error)
{
  PsColumn *n = ps_run_data_find_column (d, "samples"), *pf = ps_run_data_find_column (d, "pf");
  PsColumn *lo = ps_run_data_find_column (d, "pf_low95"),
           *hi = ps_run_data_find_column (d, "pf_high95");
  PsChart *chart;
  int id;
  PsColor blue = ps_color_palette (0);
  guint n_rows = ps_run_data_get_n_rows (d);
  JsonObject *exact = ps_summary_get_object (ps_run_data_get_summary (d), "exact");
  g_autofree double *ylo = NULL;

  if (n == NULL || pf == NULL || lo == NULL || hi == NULL || n_rows == 0)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("%s: convergence.csv is missing or has no rows"), ps_run_data_get_dir (d));
      return NULL;
    }
  /* On a log axis a zero lower bound has no place: draw it at the bottom. */
  ylo = g_new (double, n_rows);
  for (guint i = 0; i < n_rows; i++)
    ylo[i] = lo->num[i] > 0 ? lo->num[i] : pf->num[i] > 0 ? pf->num[i] * 1e-3 : NAN;
  chart = ps_chart_new (PS_CHART_XY);
  ps_chart_set_title (chart, _ ("Convergence of the probability of failure"));
  ps_chart_set_axis (chart, PS_AXIS_X, _ ("Samples"), "", PS_SCALE_LOG);
  ps_chart_set_axis (chart, PS_AXIS_Y, _ ("Probability of failure P_f"), "", PS_SCALE_LOG);
  /* xgettext:no-c-format */
  id = ps_chart_add_band (chart, _ ("95 % interval (Wilson)"), n->num, ylo, hi->num, n_rows);
  ps_chart_series_set_color (chart, id, blue);
  id = ps_chart_add_series (chart, _ ("estimate"), PS_SERIES_LINE, n->num, pf->num, n_rows);
  ps_chart_series_set_color (chart, id, blue);
  if (exact != NULL && json_object_has_member (exact, "pf"))
    {
      double e = json_object_get_double_member (exact, "pf");

      id = ps_chart_add_function_line (chart, _ ("exact"), e, 0);
      ps_chart_series_set_color (chart, id, ps_color_palette (1));
      ps_chart_series_set_dash (chart, id, PS_LINE_DASHED);
    }
  /* The view: from the first estimate that is not zero. */
  return chart;
}

#define G_SAMPLES 200000

static PsChart *
rel_g_histogram (PsRunData *d, GError **error)
{
  const PsStudy *study = ps_run_data_get_study (d, error);
  const PsReliabilityModel *m;
  gsize n = G_SAMPLES;
  g_autofree double *u = NULL;
  g_autofree double *g = NULL;
  g_autofree double *stack = NULL;
  g_autofree double **x = NULL;
  PsChart *chart;
  int id;
  double lo = INFINITY, hi = -INFINITY;
  const PsColor red = { 0.84, 0.16, 0.16, 1 };

  if (study == NULL)
    return NULL;
  m = study->model;
  u = g_new (double, PS_EXPR_BLOCK);
  g = g_new (double, n);
  stack = g_new (double, ps_expr_get_stack_depth (m->expr) * PS_EXPR_BLOCK);
  x = g_new0 (double *, MAX (m->n_vars, 1u));
  for (guint v = 0; v < m->n_vars; v++)
    x[v] = g_new (double, PS_EXPR_BLOCK);
  /* The first samples of the run itself: same seed, same streams. */
  for (gsize first = 0; first < n; first += PS_EXPR_BLOCK)
    {
      gsize k = MIN ((gsize)PS_EXPR_BLOCK, n - first);

      for (guint v = 0; v < m->n_vars; v++)
        {
          ps_rng_uniforms (m->seed, m->var_keys[v], first, k, u);
          ps_dist_quantile_block (&m->dists[v], u, k, x[v]);
        }
      ps_expr_eval_block (m->expr, (const double *const *)x, k, g + first, stack);
    }
  for (guint v = 0; v < m->n_vars; v++)
    g_free (x[v]);
  /* The histogram covers the 0.05 % to 99.95 % quantiles so one far tail does not
   * squash it, and always includes g = 0. */
  {
    g_autofree double *sorted = g_memdup2 (g, n * sizeof (double));
    gsize k = 0;

    for (gsize i = 0; i < n; i++)
      if (isfinite (sorted[i]))
        sorted[k++] = sorted[i];
    qsort (sorted, k, sizeof (double), ps_plot_compare_doubles);
    if (k > 0)
      {
        lo = MIN (sorted[(gsize)(k * 0.0005)], 0.0);
        hi = MAX (sorted[MIN (k - 1, (gsize)(k * 0.9995))], 0.0);
      }
  }
  chart = ps_chart_new (PS_CHART_XY);
  ps_chart_set_title (chart, _ ("Limit state g: histogram of the samples"));
  ps_chart_set_axis (chart, PS_AXIS_X, _ ("Limit state g"), "", PS_SCALE_LINEAR);
  ps_chart_set_axis (chart, PS_AXIS_Y, _ ("Density"), "", PS_SCALE_LINEAR);
  ps_chart_add_vspan (chart, -INFINITY, 0, red, _ ("failure g ≤ 0"));
  id = ps_chart_add_histogram (chart, NULL, g, n, 80, lo, hi, TRUE);
  ps_chart_series_set_color (chart, id, ps_color_palette (0));
  return chart;
}

const PsChartInfo ps_reliability_charts[] = {
  /* xgettext:no-c-format */
  { "convergence", N_ ("Convergence of Pf with its 95 % interval") },
  { "g-histogram", N_ ("Histogram of the limit state g with the failure region") },
  { NULL, NULL },
};

PsChart *
ps_reliability_chart_build (PsRunData *d, const char *name, const PsPlotParams *params,
                            GError **error)
{
  if (g_str_equal (name, "convergence"))
    return rel_convergence (d, error);
  return rel_g_histogram (d, error);
}
