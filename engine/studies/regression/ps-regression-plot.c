/* ps-regression-plot.c: the regression study's charts: one specimen's stress–strain
 * curve with its elastic fit and the offset line, and the histogram of E.
 *
 * results.csv holds the fit of every specimen but not its points; the points are
 * read again from the specimen's CSV text (the same rules as the study: skipped
 * lines, header, delimiter, decimal separator, units) or generated again from the
 * synthetic generator's seed, and the fit drawn is the run's own (results.csv).
 */
#define G_LOG_DOMAIN "parastudy-plot"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "plot/ps-plot-study-private.h"
#include "ps-error.h"
#include "studies/regression/ps-regression.h"
#include "study/ps-study-private.h"

static PsChart *
reg_specimen_chart (PsRunData *d, const PsPlotParams *p, const PsStudy *study, GError **error)
{
  const PsRegressionModel *m = study->model;
  const double *item = ps_run_data_get_column (d, "item");
  const char *const *names = ps_run_data_get_text_column (d, "specimen");
  const char *const *err = ps_run_data_get_text_column (d, "error");
  const double *E = ps_run_data_get_column (d, "E_Pa");
  const double *s0 = ps_run_data_get_column (d, "sigma0_Pa");
  const double *fy = ps_run_data_get_column (d, "yield_Pa");
  const double *ey = ps_run_data_get_column (d, "yield_strain");
  const double *w0 = ps_run_data_get_column (d, "window_strain_from");
  const double *w1 = ps_run_data_get_column (d, "window_strain_to");
  guint n = ps_run_data_get_n_rows (d);
  gint row = -1;
  g_autoptr (GArray) x = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) y = g_array_new (FALSE, FALSE, sizeof (double));
  PsChart *chart;
  double smax = 0, emax = 0;
  int id;

  if (item == NULL || E == NULL || s0 == NULL || n == 0)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("%s: results.csv with the specimens' fits is missing or empty"),
                   ps_run_data_get_dir (d));
      return NULL;
    }
  for (guint r = 0; r < n && row < 0; r++)
    {
      if (p->specimen == NULL)
        {
          if ((err == NULL || err[r][0] == '\0') && isfinite (E[r]))
            row = (gint)r;
        }
      else if ((names != NULL && g_str_equal (names[r], p->specimen))
               || (g_ascii_isdigit (p->specimen[0])
                   && item[r] == g_ascii_strtod (p->specimen, NULL)))
        row = (gint)r;
    }
  if (row < 0)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   p->specimen != NULL ? _ ("--specimen %s: no such specimen in the run")
                                       : _ ("%s: no specimen of the run was fitted"),
                   p->specimen != NULL ? p->specimen : ps_run_data_get_dir (d));
      return NULL;
    }
  if (item[row] < 0 || item[row] >= (double)study->n_items)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("results.csv: item %.0f is not in the study"), item[row]);
      return NULL;
    }
  if (!ps_regression_read_points (m, (guint64)item[row], x, y, error))
    return NULL;
  for (guint k = 0; k < x->len; k++)
    {
      g_array_index (x, double, k) *= 100.0; /* strain in % */
      smax = MAX (smax, g_array_index (y, double, k));
      emax = MAX (emax, g_array_index (x, double, k));
    }

  chart = ps_chart_new (PS_CHART_XY);
  {
    g_autofree char *title = g_strdup_printf (_ ("Specimen %s"), names != NULL ? names[row] : "");

    ps_chart_set_title (chart, title);
  }
  ps_chart_set_axis (chart, PS_AXIS_X, _ ("Strain"), "%", PS_SCALE_LINEAR);
  ps_chart_set_axis (chart, PS_AXIS_Y, _ ("Stress"), "Pa", PS_SCALE_LINEAR);
  if (w0 != NULL && w1 != NULL && isfinite (w0[row]) && isfinite (w1[row]))
    ps_chart_add_vspan (chart, w0[row] * 100, w1[row] * 100, (PsColor){ 0.5, 0.5, 0.5, 1 },
                        _ ("fit window"));
  id = ps_chart_add_series (chart, _ ("test curve"), PS_SERIES_LINE, (double *)x->data,
                            (double *)y->data, x->len);
  ps_chart_series_set_color (chart, id, ps_color_palette (0));
  if (isfinite (E[row]) && isfinite (s0[row]) && E[row] > 0)
    {
      /* The elastic line up to the largest stress, and the same line moved by the
       * offset; both stop at the top of the curve. */
      double top = smax * 1.05;
      double ex[2] = { 0, (top - s0[row]) / E[row] * 100 };
      double eyv[2] = { s0[row], top };
      double ox[2] = { m->offset * 100, ((top - s0[row]) / E[row] + m->offset) * 100 };
      double oy[2] = { s0[row], top };
      g_autofree char *elabel = NULL;
      g_autofree char *olabel = NULL;

      elabel = g_strdup_printf (_ ("elastic fit, E = %.4g GPa"), E[row] * 1e-9);
      id = ps_chart_add_series (chart, elabel, PS_SERIES_LINE, ex, eyv, 2);
      ps_chart_series_set_color (chart, id, ps_color_palette (1));
      ps_chart_series_set_dash (chart, id, PS_LINE_DASHED);
      olabel = g_strdup_printf (_ ("offset line (%g %%)"), m->offset * 100);
      id = ps_chart_add_series (chart, olabel, PS_SERIES_LINE, ox, oy, 2);
      ps_chart_series_set_color (chart, id, ps_color_palette (2));
      ps_chart_series_set_dash (chart, id, PS_LINE_DOTTED);
      if (fy != NULL && ey != NULL && isfinite (fy[row]) && isfinite (ey[row]))
        {
          double px = ey[row] * 100, py = fy[row];
          g_autofree char *ylabel = g_strdup_printf (_ ("offset yield %.4g MPa"), fy[row] * 1e-6);

          id = ps_chart_add_series (chart, ylabel, PS_SERIES_POINTS, &px, &py, 1);
          ps_chart_series_set_color (chart, id, ps_color_palette (3));
          ps_chart_series_set_width (chart, id, 1.6);
        }
      /* The view: the whole curve, not the lines' far ends. */
      ps_chart_set_view (chart, PS_AXIS_X, -0.02 * emax, emax * 1.04);
      ps_chart_set_view (chart, PS_AXIS_Y, MIN (0, s0[row]) - 0.03 * smax, smax * 1.08);
    }
  return chart;
}

static PsChart *
reg_E_histogram (PsRunData *d, GError **error)
{
  PsColumn *e = ps_run_data_find_column (d, "E_Pa");
  guint n_rows = ps_run_data_get_n_rows (d);
  PsChart *chart;
  int id;

  if (e == NULL)
    e = ps_run_data_find_column (d, "E");
  if (e == NULL || n_rows == 0)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("%s: results.csv with a column of E is missing or empty"),
                   ps_run_data_get_dir (d));
      return NULL;
    }
  chart = ps_chart_new (PS_CHART_XY);
  ps_chart_set_title (chart, _ ("Young's modulus E of the specimens"));
  ps_chart_set_axis (chart, PS_AXIS_X, _ ("Young's modulus E"), "Pa", PS_SCALE_LINEAR);
  ps_chart_set_axis (chart, PS_AXIS_Y, _ ("Density"), "", PS_SCALE_LINEAR);
  id = ps_chart_add_histogram (chart, _ ("specimens"), e->num, n_rows, 0, NAN, NAN, TRUE);
  ps_chart_series_set_color (chart, id, ps_color_palette (0));
  /* The normal density with the sample mean and standard deviation. */
  {
    double mean = 0, m2 = 0, cnt = 0, lo = INFINITY, hi = -INFINITY;
    double xs[121], ys[121];

    for (guint i = 0; i < n_rows; i++)
      if (isfinite (e->num[i]))
        {
          double dv = e->num[i] - mean;

          cnt++;
          mean += dv / cnt;
          m2 += dv * (e->num[i] - mean);
          lo = MIN (lo, e->num[i]);
          hi = MAX (hi, e->num[i]);
        }
    if (cnt >= 3 && m2 > 0)
      {
        double sd = sqrt (m2 / (cnt - 1));

        lo = MIN (lo, mean - 3.5 * sd);
        hi = MAX (hi, mean + 3.5 * sd);
        for (int k = 0; k <= 120; k++)
          {
            xs[k] = lo + (hi - lo) * k / 120;
            ys[k] = exp (-0.5 * pow ((xs[k] - mean) / sd, 2)) / (sd * sqrt (2 * G_PI));
          }
        id = ps_chart_add_series (chart, _ ("normal density"), PS_SERIES_LINE, xs, ys, 121);
        ps_chart_series_set_color (chart, id, ps_color_palette (1));
      }
  }
  return chart;
}

const PsChartInfo ps_regression_charts[] = {
  { "specimen", N_ ("One specimen's curve with its elastic fit and the offset line") },
  { "E-histogram", N_ ("Histogram of E with the normal density") },
  { NULL, NULL },
};

PsChart *
ps_regression_chart_build (PsRunData *d, const char *name, const PsPlotParams *params,
                           GError **error)
{
  const PsStudy *study;

  if (g_str_equal (name, "E-histogram"))
    return reg_E_histogram (d, error);
  study = ps_run_data_get_study (d, error);
  if (study == NULL)
    return NULL;
  return reg_specimen_chart (d, params, study, error);
}
