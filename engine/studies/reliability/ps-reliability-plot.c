/* ps-reliability-plot.c: the reliability study's charts: the convergence of each
 * method from convergence.csv (Pf of the sampling methods, beta over FORM's
 * iterations, the thresholds of subset simulation's levels), the importance factors
 * and Sobol indices as bars and the subset levels from summary.json, and the
 * histogram of g from samples drawn again through the engine from the study file. */
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
#include "studies/reliability/ps-rel-math.h"
#include "studies/reliability/ps-reliability.h"
#include "study/ps-study-private.h"

/* FORM's iterations (convergence.csv of form and sorm runs): beta of each iterate. */
static PsChart *
form_convergence (PsRunData *d, GError **error)
{
  PsColumn *it = ps_run_data_find_column (d, "iteration");
  PsColumn *beta = ps_run_data_find_column (d, "beta");
  guint n = ps_run_data_get_n_rows (d);
  PsChart *chart;
  int id;

  if (it == NULL || beta == NULL || n == 0)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_UNSUPPORTED,
                   _ ("%s: convergence.csv is missing or has no rows"), ps_run_data_get_dir (d));
      return NULL;
    }
  chart = ps_chart_new (PS_CHART_XY);
  ps_chart_set_title (chart, _ ("FORM: the reliability index over the iterations"));
  ps_chart_set_axis (chart, PS_AXIS_X, _ ("Iteration"), "", PS_SCALE_LINEAR);
  ps_chart_set_axis (chart, PS_AXIS_Y, _ ("Reliability index β"), "", PS_SCALE_LINEAR);
  id = ps_chart_add_series (chart, _ ("β of the iterate"), PS_SERIES_LINE, it->num, beta->num, n);
  ps_chart_series_set_color (chart, id, ps_color_palette (0));
  id = ps_chart_add_series (chart, NULL, PS_SERIES_POINTS, it->num, beta->num, n);
  ps_chart_series_set_color (chart, id, ps_color_palette (0));
  ps_chart_series_set_in_legend (chart, id, FALSE);
  return chart;
}

/* Subset simulation's levels: each level's threshold of g, from summary.json. */
static PsChart *
subset_levels (PsRunData *d, GError **error)
{
  JsonArray *levels = ps_summary_get_array (ps_run_data_get_summary (d), "levels");
  guint n = levels != NULL ? json_array_get_length (levels) : 0;
  g_autofree double *x = g_new (double, MAX (n, 1));
  g_autofree double *b = g_new (double, MAX (n, 1));
  PsChart *chart;
  int id;

  if (n == 0)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_UNSUPPORTED,
                   _ ("%s: this run has no subset simulation levels (method \"subset\")"),
                   ps_run_data_get_dir (d));
      return NULL;
    }
  for (guint j = 0; j < n; j++)
    {
      x[j] = j;
      b[j] = ps_summary_get_number (json_array_get_object_element (levels, j), "threshold");
    }
  chart = ps_chart_new (PS_CHART_XY);
  ps_chart_set_title (chart, _ ("Subset simulation: the threshold of g at each level"));
  ps_chart_set_axis (chart, PS_AXIS_X, _ ("Level"), "", PS_SCALE_LINEAR);
  ps_chart_set_axis (chart, PS_AXIS_Y, _ ("Threshold of g"), "", PS_SCALE_LINEAR);
  id = ps_chart_add_function_line (chart, _ ("failure g = 0"), 0, 0);
  ps_chart_series_set_color (chart, id, (PsColor){ 0.84, 0.16, 0.16, 1 });
  ps_chart_series_set_dash (chart, id, PS_LINE_DASHED);
  id = ps_chart_add_series (chart, _ ("threshold"), PS_SERIES_LINE, x, b, n);
  ps_chart_series_set_color (chart, id, ps_color_palette (0));
  id = ps_chart_add_series (chart, NULL, PS_SERIES_POINTS, x, b, n);
  ps_chart_series_set_color (chart, id, ps_color_palette (0));
  ps_chart_series_set_in_legend (chart, id, FALSE);
  return chart;
}

/* Bars of @n categories at offset @offset and width @width: the edges and heights of
 * a PS_SERIES_STEPS series, the gaps between bars NaN. */
static int
add_bars (PsChart *chart, const char *name, const double *v, guint n, double offset, double width)
{
  g_autofree double *edges = g_new (double, 2 * MAX (n, 1));
  g_autofree double *h = g_new (double, 2 * MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      edges[2 * i] = i + offset - width / 2;
      edges[2 * i + 1] = i + offset + width / 2;
      h[2 * i] = v[i];
      h[2 * i + 1] = NAN;
    }
  return ps_chart_add_series (chart, name, PS_SERIES_STEPS, edges, h, n > 0 ? 2 * n - 1 : 0);
}

/* Error bars at x = i + @offset from @lo to @hi, as one line broken between bars. */
static int
add_error_bars (PsChart *chart, const double *lo, const double *hi, guint n, double offset)
{
  g_autofree double *x = g_new (double, 3 * MAX (n, 1));
  g_autofree double *y = g_new (double, 3 * MAX (n, 1));
  int id;

  for (guint i = 0; i < n; i++)
    {
      x[3 * i] = x[3 * i + 1] = i + offset;
      x[3 * i + 2] = NAN;
      y[3 * i] = lo[i];
      y[3 * i + 1] = hi[i];
      y[3 * i + 2] = NAN;
    }
  id = ps_chart_add_series (chart, NULL, PS_SERIES_LINE, x, y, 3 * n);
  ps_chart_series_set_color (chart, id, (PsColor){ 0.1, 0.1, 0.1, 1 });
  ps_chart_series_set_in_legend (chart, id, FALSE);
  return id;
}

/* FORM's importance factors alpha_i^2 with the sign of alpha_i, from summary.json:
 * positive for a load (it drives failure as it grows), negative for a resistance. */
static PsChart *
importance_factors (PsRunData *d, GError **error)
{
  JsonObject *f = ps_summary_get_object (ps_run_data_get_summary (d), "importance_factors");
  g_autoptr (GList) names = f != NULL ? json_object_get_members (f) : NULL;
  guint n = g_list_length (names), i = 0;
  g_autofree const char **labels = g_new0 (const char *, n + 1);
  g_autofree double *pos = g_new (double, MAX (n, 1));
  g_autofree double *neg = g_new (double, MAX (n, 1));
  PsChart *chart;
  int id;

  if (n == 0)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_UNSUPPORTED,
                   _ ("%s: this run has no importance factors (methods form, sorm, and "
                      "importance-sampling with its centre from FORM)"),
                   ps_run_data_get_dir (d));
      return NULL;
    }
  for (GList *l = names; l != NULL; l = l->next, i++)
    {
      double v = ps_summary_get_number (f, l->data);

      labels[i] = l->data;
      pos[i] = v >= 0 ? v : NAN;
      neg[i] = v < 0 ? v : NAN;
    }
  chart = ps_chart_new (PS_CHART_XY);
  ps_chart_set_title (chart, _ ("FORM importance factors α² (with the sign of α)"));
  ps_chart_set_axis (chart, PS_AXIS_X, _ ("Variable"), "", PS_SCALE_LINEAR);
  ps_chart_set_axis_categories (chart, PS_AXIS_X, labels, n);
  ps_chart_set_axis (chart, PS_AXIS_Y, _ ("Importance factor α²"), "", PS_SCALE_LINEAR);
  ps_chart_set_view (chart, PS_AXIS_Y, -1.05, 1.05);
  id = add_bars (chart, _ ("load: failure as it grows (α > 0)"), pos, n, 0, 0.6);
  ps_chart_series_set_color (chart, id, (PsColor){ 0.84, 0.16, 0.16, 1 });
  id = add_bars (chart, _ ("resistance: failure as it falls (α < 0)"), neg, n, 0, 0.6);
  ps_chart_series_set_color (chart, id, ps_color_palette (0));
  return chart;
}

/* Sobol indices: first-order and total bars with their bootstrap 95 % intervals. */
static PsChart *
sobol_indices (PsRunData *d, GError **error)
{
  JsonObject *sobol = ps_summary_get_object (ps_run_data_get_summary (d), "sobol");
  g_autoptr (GList) names = sobol != NULL ? json_object_get_members (sobol) : NULL;
  guint n = g_list_length (names), i = 0;
  g_autofree const char **labels = g_new0 (const char *, n + 1);
  g_autofree double *v = g_new (double, 6 * MAX (n, 1));
  double *first = v, *first_lo = v + n, *first_hi = v + 2 * n;
  double *total = v + 3 * n, *total_lo = v + 4 * n, *total_hi = v + 5 * n;
  PsChart *chart;
  int id;

  if (n == 0)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_UNSUPPORTED,
                   _ ("%s: this run has no Sobol indices (add \"sensitivity\": {\"method\": "
                      "\"sobol\"} to the study)"),
                   ps_run_data_get_dir (d));
      return NULL;
    }
  for (GList *l = names; l != NULL; l = l->next, i++)
    {
      JsonObject *o = ps_summary_get_object (sobol, l->data);
      JsonArray *fc = ps_summary_get_array (o, "first_ci95");
      JsonArray *tc = ps_summary_get_array (o, "total_ci95");

      labels[i] = l->data;
      first[i] = ps_summary_get_number (o, "first");
      total[i] = ps_summary_get_number (o, "total");
      first_lo[i] = fc != NULL ? json_array_get_double_element (fc, 0) : NAN;
      first_hi[i] = fc != NULL ? json_array_get_double_element (fc, 1) : NAN;
      total_lo[i] = tc != NULL ? json_array_get_double_element (tc, 0) : NAN;
      total_hi[i] = tc != NULL ? json_array_get_double_element (tc, 1) : NAN;
    }
  chart = ps_chart_new (PS_CHART_XY);
  ps_chart_set_title (chart, _ ("Sobol sensitivity indices of g"));
  ps_chart_set_axis (chart, PS_AXIS_X, _ ("Variable"), "", PS_SCALE_LINEAR);
  ps_chart_set_axis_categories (chart, PS_AXIS_X, labels, n);
  ps_chart_set_axis (chart, PS_AXIS_Y, _ ("Sobol index"), "", PS_SCALE_LINEAR);
  id = add_bars (chart, _ ("first order S"), first, n, -0.2, 0.36);
  ps_chart_series_set_color (chart, id, ps_color_palette (0));
  id = add_bars (chart, _ ("total S_T"), total, n, 0.2, 0.36);
  ps_chart_series_set_color (chart, id, ps_color_palette (1));
  add_error_bars (chart, first_lo, first_hi, n, -0.2);
  add_error_bars (chart, total_lo, total_hi, n, 0.2);
  return chart;
}

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
  gboolean importance = g_str_equal (ps_summary_get_string (ps_run_data_get_summary (d), "method"),
                                     "importance-sampling");

  if (ps_run_data_find_column (d, "iteration") != NULL)
    return form_convergence (d, error);
  if (ps_run_data_find_column (d, "level") != NULL)
    return subset_levels (d, error);
  if (n == NULL || pf == NULL || lo == NULL || hi == NULL || n_rows == 0)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_UNSUPPORTED,
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
  id = ps_chart_add_band (chart,
                          importance ? /* xgettext:no-c-format */ _ ("95 % interval")
                                     : /* xgettext:no-c-format */ _ ("95 % interval (Wilson)"),
                          n->num, ylo, hi->num, n_rows);
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
  /* The first samples of the run itself: same seed, same streams; with correlated
   * variables, those of correlated Monte Carlo (through Phi^-1 and the Nataf map). */
  if (m->nataf != NULL)
    {
      g_autofree double *ws = g_new (double, 3 * (gsize)m->n_vars + 1);
      double *uu = ws, *z = ws + m->n_vars, *xx = ws + 2 * m->n_vars;

      for (gsize i = 0; i < n; i++)
        {
          for (guint v = 0; v < m->n_vars; v++)
            uu[v] = ps_dist_normal_quantile (ps_rng_uniform (m->seed, m->var_keys[v], i));
          ps_rel_u_to_x (m->n_vars, m->nataf->chol, m->dists, uu, z, xx);
          g[i] = ps_expr_eval (m->expr, xx);
        }
    }
  for (gsize first = 0; m->nataf == NULL && first < n; first += PS_EXPR_BLOCK)
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
  { "convergence", N_ ("Convergence: Pf with its 95 % interval, FORM's iterations or the subset "
                       "levels") },
  { "importance-factors", N_ ("FORM importance factors α² with the sign of α, as bars") },
  /* xgettext:no-c-format */
  { "sobol", N_ ("Sobol first-order and total indices with their 95 % intervals") },
  { "subset-levels", N_ ("Subset simulation: the threshold of g at each level") },
  { "g-histogram", N_ ("Histogram of the limit state g with the failure region") },
  { NULL, NULL },
};

PsChart *
ps_reliability_chart_build (PsRunData *d, const char *name, const PsPlotParams *params,
                            GError **error)
{
  if (g_str_equal (name, "convergence"))
    return rel_convergence (d, error);
  if (g_str_equal (name, "importance-factors"))
    return importance_factors (d, error);
  if (g_str_equal (name, "sobol"))
    return sobol_indices (d, error);
  if (g_str_equal (name, "subset-levels"))
    return subset_levels (d, error);
  return rel_g_histogram (d, error);
}
