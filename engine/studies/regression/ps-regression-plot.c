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
#include "study/ps-summary.h"
#include "study/ps-study-private.h"

/* One marker with its value in the legend ("ReH 391.7 MPa"); @x in per cent. */
static void
add_marker (PsChart *chart, const char *label, double x, double y, int colour)
{
  int id = ps_chart_add_series (chart, label, PS_SERIES_POINTS, &x, &y, 1);

  ps_chart_series_set_color (chart, id, ps_color_palette (colour));
  ps_chart_series_set_width (chart, id, 1.6);
}

/* A dotted line from (@x0, @y0) to (@x1, @y1), in per cent and Pa, not in the legend. */
static void
add_guide (PsChart *chart, double x0, double y0, double x1, double y1, int colour)
{
  double xs[2] = { x0, x1 }, ys[2] = { y0, y1 };
  int id = ps_chart_add_series (chart, "", PS_SERIES_LINE, xs, ys, 2);

  ps_chart_series_set_color (chart, id, ps_color_palette (colour));
  ps_chart_series_set_dash (chart, id, PS_LINE_DOTTED);
  ps_chart_series_set_in_legend (chart, id, FALSE);
}

/* The ISO 6892-1 points on the curve as the test recorded it (@x already in per
 * cent; strains of the result are toe-compensated: the origin @r->toe_strain is
 * added back): the proof
 * strengths, ReH and ReL, Rm; and Ag and A where the elastic unloading lines from
 * the maximum force and from the fracture meet zero stress (ISO 6892-1, Figure 1). */
static void
add_iso_markers (PsChart *chart, const PsIsoParams *p, const PsIsoResult *r, const double *x,
                 const double *y)
{
  double e0 = isfinite (r->toe_strain) ? r->toe_strain : 0.0;
  char name[32];

  for (int k = 0; k < p->n_offsets; k++)
    if (isfinite (r->Rp[k]))
      {
        g_autofree char *label = NULL;

        ps_iso6892_rp_name (p->offsets[k], name, sizeof name);
        label = g_strdup_printf ("%s %.4g MPa", name, r->Rp[k] * 1e-6);
        add_marker (chart, label, (r->Rp_strain[k] + e0) * 100, r->Rp[k], 3 + k % 2);
      }
  if (isfinite (r->ReH))
    {
      g_autofree char *label = g_strdup_printf ("ReH %.4g MPa", r->ReH * 1e-6);

      add_marker (chart, label, (r->ReH_strain + e0) * 100, r->ReH, 5);
    }
  if (isfinite (r->ReL))
    {
      g_autofree char *label = g_strdup_printf ("ReL %.4g MPa", r->ReL * 1e-6);

      add_marker (chart, label, (r->ReL_strain + e0) * 100, r->ReL, 6);
    }
  if (isfinite (r->Rm))
    {
      g_autofree char *label = g_strdup_printf ("Rm %.4g MPa", r->Rm * 1e-6);

      add_marker (chart, label, x[r->i_max], r->Rm, 7);
    }
  if (isfinite (r->Ag) && isfinite (r->Agt))
    {
      g_autofree char *label = g_strdup_printf ("Ag %.3g %%", r->Ag * 100);

      add_guide (chart, (r->Agt + e0) * 100, r->Rm, (r->Ag + e0) * 100, 0, 7);
      add_marker (chart, label, (r->Ag + e0) * 100, 0, 7);
    }
  if (isfinite (r->A) && isfinite (r->At))
    {
      g_autofree char *label = g_strdup_printf ("A %.3g %%", r->A * 100);

      add_guide (chart, (r->At + e0) * 100, y[r->i_fracture], (r->A + e0) * 100, 0, 1);
      add_marker (chart, label, (r->A + e0) * 100, 0, 1);
    }
}

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
  PsIsoResult iso;
  gboolean have_iso = FALSE;

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
  /* The ISO 6892-1 quantities of this specimen, found again on its points by the
   * run's own analysis, for their markers. */
  if (m->iso)
    have_iso = ps_iso_analyse (&m->iso_params, (const double *)x->data, (const double *)y->data,
                               x->len, &iso)
               == PS_REG_OK;
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
      if (!m->iso && fy != NULL && ey != NULL && isfinite (fy[row]) && isfinite (ey[row]))
        {
          double px = ey[row] * 100, py = fy[row];
          g_autofree char *ylabel = g_strdup_printf (_ ("offset yield %.4g MPa"), fy[row] * 1e-6);

          id = ps_chart_add_series (chart, ylabel, PS_SERIES_POINTS, &px, &py, 1);
          ps_chart_series_set_color (chart, id, ps_color_palette (3));
          ps_chart_series_set_width (chart, id, 1.6);
        }
      if (have_iso)
        add_iso_markers (chart, &m->iso_params, &iso, (const double *)x->data,
                         (const double *)y->data);
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

/* The normal density with the mean and sd of the finite @v, over their range and
 * 3.5 sd either side, as a line of @chart. */
static void
add_normal_density (PsChart *chart, const double *v, guint n, double scale)
{
  double mean = 0, m2 = 0, cnt = 0, lo = INFINITY, hi = -INFINITY;
  double xs[121], ys[121];
  int id;

  for (guint i = 0; i < n; i++)
    if (isfinite (v[i]))
      {
        double dv = v[i] * scale - mean;

        cnt++;
        mean += dv / cnt;
        m2 += dv * (v[i] * scale - mean);
        lo = MIN (lo, v[i] * scale);
        hi = MAX (hi, v[i] * scale);
      }
  if (cnt < 3 || !(m2 > 0))
    return;
  {
    double sd = sqrt (m2 / (cnt - 1));

    lo = MIN (lo, mean - 3.5 * sd);
    hi = MAX (hi, mean + 3.5 * sd);
    for (int k = 0; k <= 120; k++)
      {
        xs[k] = lo + (hi - lo) * k / 120;
        ys[k] = exp (-0.5 * pow ((xs[k] - mean) / sd, 2)) / (sd * sqrt (2 * G_PI));
      }
  }
  id = ps_chart_add_series (chart, _ ("normal density"), PS_SERIES_LINE, xs, ys, 121);
  ps_chart_series_set_color (chart, id, ps_color_palette (1));
}

/* The histogram of one ISO 6892-1 quantity over the specimens (--y NAME: "Rp0.2",
 * "ReH", "A", ...; by default the first proof strength), with the normal density;
 * stresses in Pa, extensions in per cent. */
static PsChart *
reg_quantity_histogram (PsRunData *d, const PsPlotParams *p, const PsStudy *study, GError **error)
{
  const PsRegressionModel *m = study->model;
  const char *want = p != NULL && p->y != NULL ? p->y : NULL;
  guint n_rows = ps_run_data_get_n_rows (d);
  g_autoptr (GString) names = g_string_new (NULL);
  g_autofree double *scaled = NULL;
  char col[48];
  const double *v;
  gboolean stress, percent;
  PsChart *chart;
  g_autofree char *title = NULL;
  int k = -1, id;

  if (!m->iso)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("the study has no ISO 6892-1 quantities (give fit.iso6892: true or one "
                      "of its options): the histogram of E is E-histogram"));
      return NULL;
    }
  for (guint j = 0; j < m->n_iso; j++)
    {
      g_string_append_printf (names, "%s%s", j > 0 ? ", " : "", m->iso_names[j]);
      if (k < 0 && (want == NULL ? j == 1 : g_str_equal (want, m->iso_names[j])))
        k = (int)j;
    }
  if (k < 0)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("--y %s: not a quantity of the study (expected one of: %s)"), want,
                   names->str);
      return NULL;
    }
  ps_regression_iso_column (m, (guint)k, col, sizeof col);
  v = ps_run_data_get_column (d, col);
  if (v == NULL || n_rows == 0)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("%s: results.csv with a column %s is missing or empty"),
                   ps_run_data_get_dir (d), col);
      return NULL;
    }
  stress = g_str_equal (m->iso_units[k], "Pa");
  percent
      = !stress && !g_str_equal (m->iso_names[k], "n") && !g_str_equal (m->iso_names[k], "RO_n");
  scaled = g_new (double, n_rows);
  for (guint i = 0; i < n_rows; i++)
    scaled[i] = percent ? v[i] * 100 : v[i];
  chart = ps_chart_new (PS_CHART_XY);
  title = g_strdup_printf (_ ("%s of the specimens"), m->iso_names[k]);
  ps_chart_set_title (chart, title);
  ps_chart_set_axis (chart, PS_AXIS_X, m->iso_names[k],
                     stress    ? "Pa"
                     : percent ? "%"
                               : "",
                     PS_SCALE_LINEAR);
  ps_chart_set_axis (chart, PS_AXIS_Y, _ ("Density"), "", PS_SCALE_LINEAR);
  id = ps_chart_add_histogram (chart, _ ("specimens"), scaled, n_rows, 0, NAN, NAN, TRUE);
  ps_chart_series_set_color (chart, id, ps_color_palette (0));
  add_normal_density (chart, scaled, n_rows, 1.0);
  return chart;
}

const PsChartInfo ps_regression_charts[] = {
  { "specimen", N_ ("One specimen's curve with its elastic fit, the offset line and, with the "
                    "ISO 6892-1 analysis, its points (ReH, ReL, Rp, Rm, Ag, A)") },
  { "E-histogram", N_ ("Histogram of E with the normal density") },
  { "histogram", N_ ("Histogram of an ISO 6892-1 quantity (--y Rp0.2, ReH, Rm, A, ...) with the "
                     "normal density") },
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
  if (g_str_equal (name, "histogram"))
    return reg_quantity_histogram (d, params, study, error);
  return reg_specimen_chart (d, params, study, error);
}

/* One specimen's figures for the screen, from its row of results.csv: E and, with
 * the ISO 6892-1 analysis, each quantity (stresses in MPa, extensions in per cent),
 * the same values as the chart's markers; a specimen that failed gives its reason. */
GPtrArray *
ps_regression_item_figures (PsRunData *d, const char *item, GError **error)
{
  const PsStudy *study = ps_run_data_get_study (d, error);
  const double *items = ps_run_data_get_column (d, "item");
  const char *const *names = ps_run_data_get_text_column (d, "specimen");
  const char *const *err = ps_run_data_get_text_column (d, "error");
  const double *E = ps_run_data_get_column (d, "E_Pa");
  const PsRegressionModel *m;
  GPtrArray *rows;
  gint row = -1;

  if (study == NULL)
    return NULL;
  m = study->model;
  for (guint r = 0; item != NULL && r < ps_run_data_get_n_rows (d) && row < 0; r++)
    if ((names != NULL && g_str_equal (names[r], item))
        || (items != NULL && g_ascii_isdigit (item[0]) && items[r] == g_ascii_strtod (item, NULL)))
      row = (gint)r;
  if (row < 0)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("--specimen %s: no such specimen in the run"), item != NULL ? item : "");
      return NULL;
    }
  rows = ps_summary_rows_new ();
  if (err != NULL && err[row][0] != '\0')
    ps_summary_add (rows, "error", _ ("Not fitted"), PS_SUMMARY_TEXT, "", g_strdup (err[row]));
  if (E != NULL && isfinite (E[row]))
    ps_summary_add_values (rows, "E", _ ("Young's modulus E"), PS_SUMMARY_NUMBER, "Pa",
                           g_strdup_printf ("%.4g GPa", E[row] * 1e-9), E[row]);
  for (guint k = 0; m->iso && k < m->n_iso; k++)
    {
      char col[48];
      const double *v;
      gboolean stress = g_str_equal (m->iso_units[k], "Pa");
      gboolean percent = !stress && !g_str_equal (m->iso_names[k], "n")
                         && !g_str_equal (m->iso_names[k], "RO_n");

      ps_regression_iso_column (m, k, col, sizeof col);
      v = ps_run_data_get_column (d, col);
      if (v == NULL || !isfinite (v[row]))
        continue;
      ps_summary_add_values (rows, m->iso_names[k],
                             k == 0 ? _ ("E, ISO 6892-1 Annex G") : m->iso_names[k],
                             PS_SUMMARY_NUMBER, m->iso_units[k],
                             k == 0 && stress ? g_strdup_printf ("%.4g GPa", v[row] * 1e-9)
                             : stress         ? g_strdup_printf ("%.4g MPa", v[row] * 1e-6)
                             : percent        ? g_strdup_printf ("%.3g %%", v[row] * 100)
                                              : g_strdup_printf ("%.4g", v[row]),
                             v[row]);
    }
  return rows;
}
