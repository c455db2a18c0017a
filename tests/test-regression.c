#define G_LOG_DOMAIN "parastudy-test"
/* strtod_l() and newlocale(), to compare with */
#define _GNU_SOURCE 1
#include "config.h"

#include <glib/gstdio.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_statistics_double.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "parastudy.h"
#include "ps-csv-private.h"
#include "ps-philox.h"
#include "ps-reg-scan-private.h"
#include "ps-regression.h"
#include "ps-test-utils.h"

/* Tests of the stress–strain regression study: the line fit against NIST's certified
 * values and against GSL, the offset yield where it is exactly computable, curves that
 * never yield, every specimen error with its file and line, units and separators, the
 * characteristic values against EN 1990 Table D1 computed here from results.csv, the
 * synthetic generator against the stream contract, bitwise agreement of serial and
 * threads at 1, 2 and 3 workers (summary and results.csv), and bad study files. */

/* ---------------------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------------------ */

static void
mkdir_in (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
}

static void
write_file (const char *dir, const char *name, const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* Loads a study whose text is @json as if it were the file DIR/study.json. */
static PsStudy *
load_in (const char *dir, const char *json, GError **error)
{
  g_autofree char *path = g_build_filename (dir, "study.json", NULL);

  return ps_study_load_data_at (json, -1, path, error);
}

static PsStudy *
load_ok (const char *dir, const char *json)
{
  g_autofree char *path = g_build_filename (dir, "study.json", NULL);
  PsStudy *study = load_text_ok (json, path);

  g_assert_true (ps_study_get_kind (study) == &ps_regression_class);
  return study;
}

static PsRunResult *
run_study (const PsStudy *study, const char *backend, int workers, const char *out_dir)
{
  PsRunOptions options;

  ps_run_options_init (&options);
  options.backend = backend;
  options.workers = workers;
  options.rows = PS_ROWS_ALL;
  return run_ok (study, &options, out_dir);
}

static const PsRegressionSummary *
summary_of (const PsRunResult *r)
{
  return r->summary;
}

/* Field @col (0-based) of every data row of a results.csv (header skipped). A field
 * in quotes is not split. */
static GPtrArray *
csv_column (const char *path, guint col)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      const char *p = lines[i];
      guint k = 0;
      const char *start = p;
      gboolean quoted = FALSE;

      for (;; p++)
        {
          if (*p == '"')
            quoted = !quoted;
          if ((*p == ',' && !quoted) || *p == '\0')
            {
              if (k == col)
                {
                  g_ptr_array_add (out, g_strndup (start, (gsize)(p - start)));
                  break;
                }
              if (*p == '\0')
                {
                  g_ptr_array_add (out, g_strdup (""));
                  break;
                }
              k++;
              start = p + 1;
            }
        }
    }
  return out;
}

enum
{
  COL_ITEM,
  COL_SPECIMEN,
  COL_POINTS,
  COL_WINDOW_POINTS,
  COL_E,
  COL_E_SE,
  COL_SIGMA0,
  COL_SIGMA0_SE,
  COL_R2,
  COL_WFROM,
  COL_WTO,
  COL_YIELD,
  COL_YIELD_STRAIN,
  COL_ULT,
  COL_ULT_STRAIN,
  COL_BREAK,
  COL_REASON,
  COL_ERROR,
};

/* ---------------------------------------------------------------------------------
 * The line fit
 * ------------------------------------------------------------------------------ */

/* NIST StRD, linear regression, "Norris" (lower difficulty): calibration of ozone
 * monitors, 36 observations. Data and certified values from
 * https://www.itl.nist.gov/div898/strd/lls/data/Norris.shtml (residual sum of squares
 * 26.6173985294224; the same figures GSL's fit/test.c uses). */
static const double norris_x[] = {
  0.2, 337.4, 118.2, 884.6, 10.1,  226.5, 666.3, 996.3, 448.6, 777.0, 558.2, 0.4,
  0.6, 775.5, 666.9, 338.0, 447.5, 11.6,  556.0, 228.1, 995.8, 887.6, 120.2, 0.3,
  0.3, 556.8, 339.1, 887.2, 999.0, 779.0, 11.1,  118.3, 229.2, 669.1, 448.9, 0.5,
};
static const double norris_y[] = {
  0.1, 338.8, 118.1, 888.0, 9.2,   228.1, 668.5, 998.5, 449.1, 778.9, 559.2, 0.3,
  0.1, 778.1, 668.8, 339.3, 448.9, 10.8,  557.7, 228.3, 998.0, 888.8, 119.6, 0.3,
  0.6, 557.6, 339.3, 888.0, 998.5, 778.9, 10.2,  117.6, 228.9, 668.4, 449.2, 0.2,
};
#define NORRIS_SLOPE 1.00211681802045
#define NORRIS_SLOPE_SE 0.429796848199937e-03
#define NORRIS_INTERCEPT -0.262323073774029
#define NORRIS_INTERCEPT_SE 0.232818234301152
#define NORRIS_RESIDUAL_SD 0.884796396144373
#define NORRIS_R2 0.999993745883712

static void
test_nist_norris (void)
{
  PsRegLineFit f;

  G_STATIC_ASSERT (G_N_ELEMENTS (norris_x) == 36 && G_N_ELEMENTS (norris_y) == 36);
  ps_reg_fit_line (norris_x, norris_y, 36, &f);
  /* At least 9 significant digits of each certified value. */
  assert_close ("slope", f.slope, NORRIS_SLOPE, 1e-9);
  assert_close ("slope sd", f.slope_se, NORRIS_SLOPE_SE, 1e-9);
  assert_close ("intercept", f.intercept, NORRIS_INTERCEPT, 1e-9);
  assert_close ("intercept sd", f.intercept_se, NORRIS_INTERCEPT_SE, 1e-9);
  assert_close ("residual sd", f.residual_sd, NORRIS_RESIDUAL_SD, 1e-9);
  assert_close ("R^2", f.r2, NORRIS_R2, 1e-9);
}

/* Norris through the whole study: the points (sorted by x, as a test machine writes
 * them) in a CSV file, x as strain and y as stress in Pa, one window over all of it. */
static void
test_nist_norris_csv (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-regression-XXXXXX", NULL);
  g_autoptr (GString) csv = g_string_new ("strain,stress\n");
  g_autoptr (PsStudy) study = NULL;
  g_autoptr (PsRunResult) r = NULL;
  g_autofree char *results = g_build_filename (dir, "out", "results.csv", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  guint order[36];

  for (guint i = 0; i < 36; i++)
    order[i] = i;
  for (guint i = 0; i < 36; i++) /* insertion sort by x, then y */
    for (guint j = i; j > 0
                      && (norris_x[order[j]] < norris_x[order[j - 1]]
                          || (norris_x[order[j]] == norris_x[order[j - 1]]
                              && norris_y[order[j]] < norris_y[order[j - 1]]));
         j--)
      {
        guint t = order[j];

        order[j] = order[j - 1];
        order[j - 1] = t;
      }
  for (guint i = 0; i < 36; i++)
    g_string_append_printf (csv, "%.1f,%.1f\n", norris_x[order[i]], norris_y[order[i]]);
  mkdir_in (dir, "norris");
  write_file (dir, "norris/norris.csv", csv->str);
  study = load_ok (dir, "{\"parastudy\": 1, \"kind\": \"regression\", \"name\": \"Norris\","
                        " \"source\": {\"type\": \"csv\", \"path\": \"norris\","
                        "   \"strain\": {\"column\": \"strain\"},"
                        "   \"stress\": {\"column\": \"stress\", \"unit\": \"Pa\"}},"
                        " \"fit\": {\"window\": {\"type\": \"strain\", \"from\": 0, \"to\": 1000},"
                        "   \"offset\": 0, \"min_points\": 3}}");
  r = run_study (study, "serial", 1, out);
  g_assert_cmpuint (summary_of (r)->fitted, ==, 1);
  {
    g_autoptr (GPtrArray) E = csv_column (results, COL_E);
    g_autoptr (GPtrArray) Ese = csv_column (results, COL_E_SE);
    g_autoptr (GPtrArray) s0 = csv_column (results, COL_SIGMA0);
    g_autoptr (GPtrArray) s0se = csv_column (results, COL_SIGMA0_SE);
    g_autoptr (GPtrArray) r2 = csv_column (results, COL_R2);
    g_autoptr (GPtrArray) n = csv_column (results, COL_WINDOW_POINTS);

    /* results.csv carries 10 significant digits. */
    assert_close ("E", g_ascii_strtod (E->pdata[0], NULL), NORRIS_SLOPE, 1e-9);
    assert_close ("E se", g_ascii_strtod (Ese->pdata[0], NULL), NORRIS_SLOPE_SE, 1e-9);
    assert_close ("sigma0", g_ascii_strtod (s0->pdata[0], NULL), NORRIS_INTERCEPT, 1e-9);
    assert_close ("sigma0 se", g_ascii_strtod (s0se->pdata[0], NULL), NORRIS_INTERCEPT_SE, 1e-9);
    assert_close ("R^2", g_ascii_strtod (r2->pdata[0], NULL), NORRIS_R2, 1e-9);
    g_assert_cmpstr (n->pdata[0], ==, "36");
  }
  /* And the summary's mean of one E is the slope itself. */
  assert_close ("summary E", summary_of (r)->E.mean, NORRIS_SLOPE, 1e-9);
  rm_rf (dir);
}

/* The window fit of synthetic specimens against GSL's gsl_fit_linear on the same
 * window, chosen here independently: the points from the first with stress >= 10 % of
 * the maximum up to the last before it exceeds 40 %. */
static void
test_gsl_cross_check (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-regression-XXXXXX", NULL);
  g_autoptr (PsStudy) study = load_ok (
      dir, "{\"parastudy\": 1, \"kind\": \"regression\", \"name\": \"x\","
           " \"source\": {\"type\": \"synthetic\", \"specimens\": 40, \"points\": 777,"
           "   \"E\": {\"distribution\": \"normal\", \"mean\": \"203.7 GPa\", "
           "\"sd\": \"9.3 GPa\"},"
           "   \"yield\": {\"distribution\": \"lognormal\", \"mean\": \"412 MPa\", "
           "\"sd\": \"23 MPa\"},"
           "   \"hardening\": 0.0137, \"max_strain\": 0.031,"
           "   \"noise_sd\": {\"distribution\": \"uniform\", \"lower\": \"0.5 MPa\", "
           "\"upper\": \"3.5 MPa\"}, \"seed\": 2385},"
           " \"fit\": {\"window\": {\"type\": \"stress\", \"from\": 0.1, \"to\": 0.4}}}");
  const PsRegressionModel *m = study->model;
  g_autofree double *x = g_new (double, 777);
  g_autofree double *y = g_new (double, 777);
  g_autofree double *u = g_new (double, 777);

  for (guint64 i = 0; i < 40; i++)
    {
      PsSpecimenFit f;
      double ymax = -INFINITY, c0, c1, cov00, cov01, cov11, sumsq, ybar = 0, sst = 0;
      gsize i0 = 0, i1, imax = 0, n;

      g_assert_true (ps_regression_generate (m, i, x, y, u));
      g_assert_cmpint (ps_regression_fit (m, x, y, 777, &f), ==, PS_REG_OK);
      for (gsize j = 0; j < 777; j++)
        if (y[j] > ymax)
          ymax = y[j], imax = j;
      while (y[i0] < 0.1 * ymax)
        i0++;
      for (i1 = i0; i1 <= imax && y[i1] <= 0.4 * ymax; i1++)
        ;
      n = i1 - i0;
      gsl_fit_linear (x + i0, 1, y + i0, 1, n, &c0, &c1, &cov00, &cov01, &cov11, &sumsq);
      for (gsize j = i0; j < i1; j++)
        ybar += y[j] / (double)n;
      for (gsize j = i0; j < i1; j++)
        sst += (y[j] - ybar) * (y[j] - ybar);
      g_assert_cmpuint (f.window_points, ==, n);
      assert_close ("E", f.E, c1, 1e-12);
      /* sigma0 is near zero: compared on the scale of the stresses. */
      g_assert_cmpfloat (fabs (f.sigma0 - c0), <=, 1e-12 * ymax);
      assert_close ("E se", f.E_se, sqrt (cov11), 1e-8);
      assert_close ("sigma0 se", f.sigma0_se, sqrt (cov00), 1e-8);
      assert_close ("R^2", f.r2, 1 - sumsq / sst, 1e-12);
      assert_close ("ultimate", f.ultimate, ymax, 0);
      assert_close ("break strain", f.break_strain, x[776], 0);
    }
  rm_rf (dir);
}

/* ---------------------------------------------------------------------------------
 * Offset yield
 * ------------------------------------------------------------------------------ */

/* An exact bilinear curve: sigma = E eps to eps_y = fy / E, then fy + H (eps - eps_y).
 * The offset line E (eps - 0.002) meets the hardening branch at
 * eps* = (fy - H eps_y + 0.002 E) / (E - H), sigma* = E (eps* - 0.002), and linear
 * interpolation between two points of the same straight branch is exact. */
static void
test_bilinear_yield (void)
{
  const double E = 203.7e9, fy = 347.3e6, H = 0.0123 * E, ey = fy / E;
  const double offsets[] = { 0.002, 0.001, 0.0035 };
  double x[400], y[400];
  gsize n = 0;
  PsRegressionModel m = { 0 };

  /* Uneven steps, as a machine that logs on load and then on time. */
  for (double e = 0; e < 0.0015; e += 0.0000371)
    x[n++] = e;
  for (double e = 0.0018; e < 0.05; e += 0.000613)
    x[n++] = e;
  for (gsize i = 0; i < n; i++)
    y[i] = x[i] <= ey ? E * x[i] : fy + H * (x[i] - ey);
  m.window = PS_REG_WINDOW_STRAIN;
  m.from = 0.0002;
  m.to = 0.0012;
  m.min_points = 5;
  for (guint k = 0; k < G_N_ELEMENTS (offsets); k++)
    {
      PsSpecimenFit f;
      double es = (fy - H * ey + offsets[k] * E) / (E - H);

      m.offset = offsets[k];
      g_assert_cmpint (ps_regression_fit (&m, x, y, n, &f), ==, PS_REG_OK);
      assert_close ("E", f.E, E, 1e-12);
      g_assert_cmpfloat (fabs (f.sigma0), <, 1e-9 * fy);
      g_assert_true (f.has_yield);
      assert_close ("yield strain", f.yield_strain, es, 1e-10);
      assert_close ("yield", f.yield, E * (es - offsets[k]), 1e-10);
      assert_close ("ultimate", f.ultimate, y[n - 1], 0);
      assert_close ("ultimate strain", f.ultimate_strain, x[n - 1], 0);
      assert_close ("R^2", f.r2, 1.0, 1e-12);
    }
}

/* A brittle specimen (linear to fracture) and one that fractures before the offset line
 * reaches it never yield: the yield is "none", the rest is reported. */
static void
test_never_yields (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-regression-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *results = g_build_filename (out, "results.csv", NULL);
  g_autoptr (GString) a = g_string_new ("e;s\n"), b = g_string_new ("e;s\n");
  g_autoptr (PsStudy) study = NULL;
  g_autoptr (PsRunResult) r = NULL;
  g_autoptr (JsonObject) obj = NULL;

  for (int i = 0; i <= 200; i++)
    {
      double e = 0.00001 * i;

      g_string_append_printf (a, "%.17g;%.17g\n", e, 71.3e3 * e); /* glass: MPa */
      /* Plastic after 0.1 % but broken at 0.2 %: never 0.2 % past the line. */
      g_string_append_printf (b, "%.17g;%.17g\n", e,
                              e <= 0.001 ? 210e3 * e : 210 + 5e3 * (e - 0.001));
    }
  mkdir_in (dir, "s");
  write_file (dir, "s/a.csv", a->str);
  write_file (dir, "s/b.csv", b->str);
  study = load_ok (dir, "{\"parastudy\": 1, \"kind\": \"regression\", \"name\": \"x\","
                        " \"source\": {\"type\": \"csv\", \"path\": \"s\", \"delimiter\": \";\","
                        "   \"strain\": {\"column\": \"e\"}, \"stress\": {\"column\": \"s\", "
                        "\"unit\": \"MPa\"}},"
                        " \"fit\": {\"window\": {\"type\": \"strain\", \"from\": 0.0001, "
                        "\"to\": 0.0008}}}");
  r = run_study (study, "serial", 1, out);
  g_assert_cmpuint (summary_of (r)->fitted, ==, 2);
  g_assert_cmpuint (summary_of (r)->yield_none, ==, 2);
  g_assert_cmpuint (summary_of (r)->yield.n, ==, 0);
  obj = summary_object (study, r);
  g_assert_cmpint (json_object_get_int_member (obj, "yield_none"), ==, 2);
  g_assert_true (json_node_is_null (
      json_object_get_member (json_object_get_object_member (obj, "yield"), "mean")));
  {
    g_autoptr (GPtrArray) yield = csv_column (results, COL_YIELD);
    g_autoptr (GPtrArray) E = csv_column (results, COL_E);
    g_autoptr (GPtrArray) ult = csv_column (results, COL_ULT);

    g_assert_cmpstr (yield->pdata[0], ==, "");
    g_assert_cmpstr (yield->pdata[1], ==, "");
    assert_close ("E glass", g_ascii_strtod (E->pdata[0], NULL), 71.3e9, 1e-9);
    assert_close ("ultimate glass", g_ascii_strtod (ult->pdata[0], NULL), 71.3e9 * 0.002, 1e-9);
  }
  rm_rf (dir);
}

/* ---------------------------------------------------------------------------------
 * Specimen errors
 * ------------------------------------------------------------------------------ */

static char *
good_curve (const char *header, double E_MPa, int skip_lines)
{
  GString *s = g_string_new (NULL);

  for (int i = 0; i < skip_lines; i++)
    g_string_append_printf (s, "# note %d\n", i);
  g_string_append (s, header);
  for (int i = 0; i <= 100; i++)
    {
      double e = 0.0001 * i;

      g_string_append_printf (s, "%.6f,%.6f\n", e,
                              e <= 0.0017 ? E_MPa * e : 1.7e-3 * E_MPa + 2e3 * (e - 0.0017));
    }
  return g_string_free (s, FALSE);
}

typedef struct
{
  const char *file;
  PsRegError reason;
  const char *where; /* what the message must hold: the file and line */
} ErrorCase;

static void
test_specimen_errors (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-regression-XXXXXX", NULL);
  g_autofree char *sdir = g_build_filename (dir, "sp", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *results = g_build_filename (out, "results.csv", NULL);
  g_autofree char *ok = good_curve ("strain,stress\n", 205e3, 0);
  g_autoptr (PsStudy) study = NULL;
  g_autoptr (PsRunResult) r = NULL;
  /* Line numbers count the header as line 1; data line k (from 0) is line k + 2. */
  const ErrorCase cases[] = {
    { "b-unparsable.csv", PS_REG_ERR_PARSE, "sp/b-unparsable.csv:7:" },
    { "c-nan.csv", PS_REG_ERR_NON_FINITE, "sp/c-nan.csv:5:" },
    { "d-few.csv", PS_REG_ERR_TOO_FEW, "sp/d-few.csv:" },
    { "e-decreasing.csv", PS_REG_ERR_NOT_INCREASING, "sp/e-decreasing.csv:9:" },
    { "f-header.csv", PS_REG_ERR_HEADER, "sp/f-header.csv:1:" },
    { "g-dir.csv", PS_REG_ERR_READ, "sp/g-dir.csv" },
    { "h-fields.csv", PS_REG_ERR_PARSE, "sp/h-fields.csv:12:" },
    { "i-negative.csv", PS_REG_ERR_MODULUS, "sp/i-negative.csv" },
    { "j-inf.csv", PS_REG_ERR_NON_FINITE, "sp/j-inf.csv:3:" },
  };
  g_auto (GStrv) lines = g_strsplit (ok, "\n", -1);

  g_assert_true (g_mkdir (sdir, 0755) == 0);
  write_file (sdir, "a-ok.csv", ok);
  {
    g_autoptr (GString) s = g_string_new (NULL);

    /* unparsable: line 7 */
    for (int i = 0; lines[i] && lines[i][0]; i++)
      g_string_append_printf (s, "%s\n", i == 6 ? "0.0005,12x.5" : lines[i]);
    write_file (sdir, "b-unparsable.csv", s->str);
    g_string_truncate (s, 0);
    for (int i = 0; lines[i] && lines[i][0]; i++)
      g_string_append_printf (s, "%s\n", i == 4 ? "0.0003,NaN" : lines[i]);
    write_file (sdir, "c-nan.csv", s->str);
    write_file (sdir, "d-few.csv", "strain,stress\n0,0\n0.0004,82\n0.0005,102.5\n0.01,400\n");
    g_string_truncate (s, 0);
    for (int i = 0; lines[i] && lines[i][0]; i++)
      g_string_append_printf (s, "%s\n", i == 8 ? "0.00055,125" : lines[i]);
    write_file (sdir, "e-decreasing.csv", s->str);
    write_file (sdir, "f-header.csv", "strain,sigma\n0,0\n0.001,205\n");
    mkdir_in (sdir, "g-dir.csv");
    g_string_truncate (s, 0);
    for (int i = 0; lines[i] && lines[i][0]; i++)
      g_string_append_printf (s, "%s\n", i == 11 ? "0.001" : lines[i]);
    write_file (sdir, "h-fields.csv", s->str);
    g_string_truncate (s, 0);
    g_string_append (s, "strain,stress\n");
    for (int i = 0; i <= 30; i++)
      g_string_append_printf (s, "%.6f,%.6f\n", 0.0001 * i, 300 - 1e4 * 0.0001 * i);
    write_file (sdir, "i-negative.csv", s->str);
    g_string_truncate (s, 0);
    for (int i = 0; lines[i] && lines[i][0]; i++)
      g_string_append_printf (s, "%s\n", i == 2 ? "-inf,3" : lines[i]);
    write_file (sdir, "j-inf.csv", s->str);
    write_file (sdir, "notes.txt", "not a specimen: does not match *.csv\n");
  }
  study = load_ok (dir, "{\"parastudy\": 1, \"kind\": \"regression\", \"name\": \"x\","
                        " \"source\": {\"type\": \"csv\", \"path\": \"sp\","
                        "   \"strain\": {\"column\": \"strain\"}, \"stress\": {\"column\": "
                        "\"stress\", \"unit\": \"MPa\"}},"
                        " \"fit\": {\"window\": {\"type\": \"strain\", \"from\": 0.0002, "
                        "\"to\": 0.0012}}}");
  g_assert_cmpuint (study->n_items, ==, 1 + G_N_ELEMENTS (cases));
  r = run_study (study, "threads", 2, out);
  g_assert_cmpuint (summary_of (r)->fitted, ==, 1);
  g_assert_cmpuint (r->errors.count, ==, G_N_ELEMENTS (cases));
  {
    guint64 want[PS_REG_N_REASONS] = { 0 };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      want[cases[i].reason]++;
    for (int k = 1; k < PS_REG_N_REASONS; k++)
      g_assert_cmpuint (summary_of (r)->failed[k], ==, want[k]);
  }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PsItemError *e = &g_array_index (r->errors.first, PsItemError, i);

      g_test_message ("%s: %s", cases[i].file, e->message);
      g_assert_cmpuint (e->item, ==, i + 1); /* a-ok.csv is item 0 */
      if (!g_str_has_prefix (e->message, cases[i].where))
        g_error ("%s: expected the message to start with \"%s\", got \"%s\"", cases[i].file,
                 cases[i].where, e->message);
    }
  {
    g_autoptr (GPtrArray) reason = csv_column (results, COL_REASON);
    g_autoptr (GPtrArray) spec = csv_column (results, COL_SPECIMEN);
    g_autoptr (GPtrArray) E = csv_column (results, COL_E);

    g_assert_cmpuint (reason->len, ==, 1 + G_N_ELEMENTS (cases));
    g_assert_cmpstr (spec->pdata[0], ==, "a-ok");
    g_assert_cmpstr (reason->pdata[0], ==, "");
    assert_close ("E", g_ascii_strtod (E->pdata[0], NULL), 205e9, 1e-9);
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_assert_cmpstr (reason->pdata[i + 1], ==, ps_regression_reason_name (cases[i].reason));
        g_assert_cmpstr (E->pdata[i + 1], ==, "");
      }
  }
  rm_rf (dir);
}

/* One file with a specimen column: each specimen's rows found at load, line numbers of
 * the whole file in messages, rows of a specimen that come back refused. */
static void
test_specimen_column (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-regression-XXXXXX", NULL);
  g_autoptr (GString) s = g_string_new ("# lab export\nid\tstrain\tstress\n");
  g_autoptr (PsStudy) study = NULL;
  g_autoptr (PsRunResult) r = NULL;
  g_autoptr (GError) error = NULL;
  const char *json = "{\"parastudy\": 1, \"kind\": \"regression\", \"name\": \"x\","
                     " \"source\": {\"type\": \"csv\", \"path\": \"all.tsv\", \"delimiter\": "
                     "\"tab\", \"skip_lines\": 1, \"specimen_column\": \"id\","
                     "   \"strain\": {\"column\": \"strain\", \"unit\": \"µε\"}, "
                     "\"stress\": {\"column\": 3, \"unit\": \"N/mm^2\"}},"
                     " \"fit\": {\"window\": {\"type\": \"strain\", \"from\": \"200 µε\", "
                     "\"to\": \"1200 µε\"}}}";
  const double E[3] = { 199.1e3, 207.4e3, 70.2e3 };

  for (int k = 0; k < 3; k++)
    for (int i = 0; i <= 40; i++)
      g_string_append_printf (s, "\"S %d\"\t%d\t%.9g\n", k + 1, 100 * i,
                              k == 1 && i == 20 ? NAN : E[k] * 1e-4 * i);
  write_file (dir, "all.tsv", s->str);
  study = load_ok (dir, json);
  g_assert_cmpuint (study->n_items, ==, 3);
  r = run_study (study, "serial", 1, NULL);
  g_assert_cmpuint (summary_of (r)->fitted, ==, 2);
  g_assert_cmpuint (summary_of (r)->failed[PS_REG_ERR_NON_FINITE], ==, 1);
  /* Specimen 2's row 20 is line 2 + 41 + 21 of the file. */
  g_assert_true (
      g_str_has_prefix (g_array_index (r->errors.first, PsItemError, 0).message, "all.tsv:64:"));
  assert_close ("mean E", summary_of (r)->E.mean, (E[0] + E[2]) / 2 * 1e6, 1e-12);

  /* Specimen 1 again after specimen 3: refused at load, naming the line. */
  g_string_append (s, "\"S 1\"\t0\t0\n");
  write_file (dir, "all.tsv", s->str);
  g_clear_pointer (&study, ps_study_free);
  study = load_in (dir, json, &error);
  g_assert_null (study);
  g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "all.tsv:126:"));
  rm_rf (dir);
}

/* ---------------------------------------------------------------------------------
 * The preview of a CSV source
 * ------------------------------------------------------------------------------ */

/* The "source" object of study text @json. */
static JsonObject *
source_of (JsonParser *parser, const char *json)
{
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                        "source");
}

static PsRegressionPreview *
preview_ok (const char *dir, const char *json, guint max_rows)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *study = g_build_filename (dir, "study.json", NULL);
  g_autoptr (GError) error = NULL;
  PsRegressionPreview *p = NULL;

  g_assert_true (ps_regression_preview (source_of (parser, json), study, max_rows, &p, &error));
  g_assert_no_error (error);
  return p;
}

static void
preview_fails (const char *dir, const char *json, const char *where, const char *what)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *study = g_build_filename (dir, "study.json", NULL);
  g_autoptr (GError) error = NULL;
  PsRegressionPreview *p = NULL;

  g_assert_false (ps_regression_preview (source_of (parser, json), study, 20, &p, &error));
  g_assert_null (p);
  g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
  if (!g_str_has_prefix (error->message, where) || strstr (error->message, what) == NULL)
    g_error ("expected \"%s…%s…\", got \"%s\"", where, what, error->message);
}

/* A study of the folder lab/ (';' between fields, decimal commas) that skips
 * @skip lines, with @columns. */
static char *
lab_study (guint skip, const char *columns)
{
  return g_strdup_printf ("{\"parastudy\": 1, \"kind\": \"regression\", \"name\": \"x\", "
                          "\"source\": {\"type\": \"csv\", \"path\": \"lab/\", \"delimiter\": "
                          "\";\", \"decimal\": \",\", \"skip_lines\": %u, %s}}",
                          skip, columns);
}

/* A folder of lab exports: the preview shows the first file in the loader's order
 * (byte order of the names, hidden files and other patterns left out), the lines
 * skipped, the header matched to the named columns without regard to case or
 * quotes, and the data rows with their line numbers, blank lines left out, numbers
 * read with the decimal comma. Columns by number take no header; a name the header
 * lacks stays unmapped; what stops the loader is the error. */
static void
test_preview (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-regression-XXXXXX", NULL);
  const char *csv = "# machine 4, load cell 100 kN\n"
                    "# 2024-05-02\n"
                    "\"Strain\";\"Stress\";note\r\n"
                    "0,00125;256,5;first\n"
                    "\n"
                    " 0,0025 ; 512,75 ;\n"
                    "abc;1,5;x\n"
                    "0,005;inf;y\n";
  const char *named = "\"strain\": {\"column\": \"strain\", \"unit\": \"%\"}, "
                      "\"stress\": {\"column\": \"STRESS\", \"unit\": \"MPa\"}";
  g_autofree char *json = lab_study (2, named);
  g_autoptr (PsRegressionPreview) p = NULL;
  g_autoptr (PsStudy) study = NULL;
  const PsRegressionModel *m;

  mkdir_in (dir, "lab");
  write_file (dir, "lab/b.csv", "strain;stress\n1;2\n");
  write_file (dir, "lab/a.csv", "strain;stress\n1;2\n");
  write_file (dir, "lab/A.csv", csv);
  write_file (dir, "lab/.0.csv", "hidden\n");
  write_file (dir, "lab/0.txt", "not a specimen\n");

  p = preview_ok (dir, json, 20);
  study = load_ok (dir, json);
  m = study->model;
  g_assert_cmpuint (m->n_specimens, ==, 3);
  g_assert_cmpstr (p->file, ==, m->specimens[0].file);
  g_assert_true (g_str_has_suffix (p->file, "/lab/A.csv"));
  g_assert_cmpint (p->source, ==, PS_REG_SOURCE_FOLDER);
  g_assert_false (p->force_input);
  g_assert_cmpint (p->delimiter, ==, ';');
  g_assert_cmpint (p->decimal, ==, ',');
  g_assert_cmpuint (p->skip_lines, ==, 2);
  g_assert_cmpuint (p->n_skipped, ==, 2);
  g_assert_cmpstr (p->skipped[0], ==, "# machine 4, load cell 100 kN");
  g_assert_cmpstr (p->skipped[1], ==, "# 2024-05-02");
  g_assert_true (p->header);
  g_assert_cmpuint (p->n_header_fields, ==, 3);
  g_assert_cmpstr (p->header_fields[0], ==, "Strain");
  g_assert_cmpstr (p->header_fields[2], ==, "note");
  g_assert_cmpint (p->x.column, ==, 0);
  g_assert_cmpint (p->y.column, ==, 1);
  g_assert_cmpint (p->specimen.column, ==, -1);
  g_assert_cmpstr (p->x.name, ==, "strain");
  g_assert_cmpstr (p->x.unit, ==, "%");
  g_assert_cmpstr (p->y.unit, ==, "MPa");
  g_assert_cmpuint (p->header_line, ==, 3);
  /* Line 4 holds numbers in the study's columns: data, not a units row; the units
   * are the study's (1 % = 0.01; 1 MPa = 10^6 Pa, SI). */
  g_assert_cmpuint (p->units_line, ==, 0);
  g_assert_null (p->units_fields);
  g_assert_cmpstr (p->x_unit.text, ==, "%");
  g_assert_cmpint (p->x_unit.from, ==, PS_REG_UNIT_STUDY);
  g_assert_cmpfloat (p->x_unit.scale, ==, 0.01);
  g_assert_cmpstr (p->y_unit.text, ==, "MPa");
  g_assert_cmpint (p->y_unit.from, ==, PS_REG_UNIT_STUDY);
  g_assert_cmpfloat (p->y_unit.scale, ==, 1e6);
  g_assert_null (p->problem);
  g_assert_cmpuint (p->n_rows, ==, 4);
  g_assert_cmpuint (p->rows[0].line, ==, 4);
  g_assert_cmpuint (p->rows[0].n_fields, ==, 3);
  g_assert_cmpstr (p->rows[0].fields[2], ==, "first");
  g_assert_cmpint (p->rows[0].x_read, ==, PS_CSV_NUMBER);
  g_assert_true (p->rows[0].x == 0.00125);
  g_assert_true (p->rows[0].y == 256.5);
  /* Blanks around fields are not part of them; line 5 is blank. */
  g_assert_cmpuint (p->rows[1].line, ==, 6);
  g_assert_cmpstr (p->rows[1].fields[0], ==, "0,0025");
  g_assert_cmpstr (p->rows[1].fields[2], ==, "");
  g_assert_true (p->rows[1].y == 512.75);
  g_assert_cmpint (p->rows[2].x_read, ==, PS_CSV_BAD);
  g_assert_cmpint (p->rows[2].y_read, ==, PS_CSV_NUMBER);
  g_assert_cmpint (p->rows[3].y_read, ==, PS_CSV_NON_FINITE);
  g_clear_pointer (&p, ps_regression_preview_free);

  /* At most the rows asked for. */
  p = preview_ok (dir, json, 2);
  g_assert_cmpuint (p->n_rows, ==, 2);
  g_assert_cmpuint (p->rows[1].line, ==, 6);
  g_clear_pointer (&p, ps_regression_preview_free);

  /* A name the header does not hold: unmapped, the other column still found. */
  g_free (json);
  json = lab_study (2, "\"strain\": {\"column\": \"eps\"}, \"stress\": {\"column\": "
                       "\"stress\", \"unit\": \"MPa\"}");
  p = preview_ok (dir, json, 20);
  g_assert_cmpstr (p->x.name, ==, "eps");
  g_assert_cmpint (p->x.column, ==, -1);
  g_assert_cmpint (p->y.column, ==, 1);
  g_assert_cmpint (p->rows[0].x_read, ==, PS_CSV_BAD);
  /* The run stops at this header, and says so; the strain would be mm/mm. */
  g_assert_cmpuint (p->header_line, ==, 3);
  g_assert_nonnull (p->problem);
  g_assert_nonnull (strstr (p->problem, "no column named \"eps\""));
  g_assert_cmpstr (p->x_unit.text, ==, "mm/mm");
  g_assert_cmpint (p->x_unit.from, ==, PS_REG_UNIT_DEFAULT);
  g_clear_pointer (&p, ps_regression_preview_free);

  /* Columns by number: no header, so the header line is the first data row; a column
   * past the last field does not read. */
  g_free (json);
  json = lab_study (2, "\"strain\": {\"column\": 2}, \"stress\": {\"column\": 4}");
  p = preview_ok (dir, json, 20);
  g_assert_false (p->header);
  g_assert_null (p->header_fields);
  g_assert_cmpint (p->x.column, ==, 1);
  g_assert_cmpint (p->y.column, ==, 3);
  g_assert_cmpuint (p->rows[0].line, ==, 3);
  g_assert_cmpstr (p->rows[0].fields[0], ==, "Strain");
  g_assert_cmpint (p->rows[1].x_read, ==, PS_CSV_NUMBER);
  g_assert_true (p->rows[1].x == 256.5);
  g_assert_cmpint (p->rows[1].y_read, ==, PS_CSV_BAD);
  g_clear_pointer (&p, ps_regression_preview_free);

  /* A column the study does not give yet: unmapped, not an error. */
  g_free (json);
  json = lab_study (2, "\"strain\": {\"column\": \"\"}, \"stress\": {\"column\": 0}");
  p = preview_ok (dir, json, 20);
  g_assert_false (p->header);
  g_assert_cmpint (p->x.column, ==, -1);
  g_assert_cmpint (p->y.column, ==, -1);
  g_clear_pointer (&p, ps_regression_preview_free);

  /* More lines skipped than the file has: no header line, no rows. */
  g_free (json);
  json = lab_study (40, named);
  p = preview_ok (dir, json, 20);
  g_assert_true (p->header);
  g_assert_null (p->header_fields);
  g_assert_cmpuint (p->n_skipped, ==, 8);
  g_assert_cmpuint (p->n_rows, ==, 0);
  g_clear_pointer (&p, ps_regression_preview_free);

  /* What stops the loader stops the preview, with the loader's reason. */
  preview_fails (dir,
                 "{\"source\": {\"type\": \"csv\", \"path\": \"lab\", \"pattern\": \"*.dat\", "
                 "\"strain\": {\"column\": 1}, \"stress\": {\"column\": 2}}}",
                 "source.path: ", "*.dat");
  preview_fails (dir, "{\"source\": {\"type\": \"csv\", \"path\": \"no-such-folder\"}}",
                 "source.path: ", "no-such-folder");
  preview_fails (dir,
                 "{\"source\": {\"type\": \"csv\", \"path\": \"lab\", \"specimen_column\": 1}}",
                 "source.path: ", "lab");
  preview_fails (dir, "{\"source\": {\"type\": \"csv\", \"path\": \"lab\", \"decimal\": \";\"}}",
                 "source.decimal: ", ";");
  preview_fails (dir, "{\"source\": {\"type\": \"csv\", \"path\": \"lab\", \"delimiter\": \"ab\"}}",
                 "source.delimiter: ", "ab");
  preview_fails (dir, "{\"source\": {\"type\": \"synthetic\", \"specimens\": 3}}",
                 "source.type: ", "");
  rm_rf (dir);
}

/* One file with a specimen column, read by the preview and by a run: the same
 * numbers, line for line. */
static void
test_preview_matches_loader (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-regression-XXXXXX", NULL);
  const char *json = "{\"parastudy\": 1, \"kind\": \"regression\", \"name\": \"x\","
                     " \"source\": {\"type\": \"csv\", \"path\": \"all.csv\", "
                     "\"specimen_column\": \"id\", \"force\": {\"column\": \"F\", \"unit\": "
                     "\"kN\"}, \"displacement\": {\"column\": 3, \"unit\": \"mm\"}, "
                     "\"area\": \"78.54 mm^2\", \"gauge_length\": \"50 mm\"}}";
  g_autoptr (GString) s = g_string_new ("id,F,dL\n");
  g_autoptr (PsRegressionPreview) p = NULL;
  g_autoptr (PsStudy) study = NULL;
  g_autoptr (GArray) strain = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) stress = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GError) error = NULL;
  const PsRegressionModel *m;

  for (int k = 0; k < 2; k++)
    for (int i = 0; i <= 30; i++)
      g_string_append_printf (s, "\"S%d\",%.9g,%.9g\n", k + 1, 3.925 * i, 0.0125 * i);
  write_file (dir, "all.csv", s->str);
  p = preview_ok (dir, json, 20);
  study = load_ok (dir, json);
  m = study->model;
  g_assert_cmpint (p->source, ==, PS_REG_SOURCE_FILE);
  g_assert_true (p->force_input);
  g_assert_true (g_str_has_suffix (p->file, "/all.csv"));
  g_assert_cmpint (p->specimen.column, ==, 0);
  g_assert_cmpint (p->x.column, ==, m->x.column);
  g_assert_cmpint (p->y.column, ==, m->y.column);
  g_assert_cmpuint (p->n_rows, ==, 20);
  g_assert_true (ps_regression_read_points (m, 0, strain, stress, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < p->n_rows; i++)
    {
      g_assert_cmpuint (p->rows[i].line, ==, i + 2);
      g_assert_cmpstr (p->rows[i].fields[0], ==, "S1");
      g_assert_true (p->rows[i].x * m->x_scale == g_array_index (strain, double, i));
      g_assert_true (p->rows[i].y * m->y_scale == g_array_index (stress, double, i));
    }
  /* The units shown are the ones the run divides by the gauge length and the area. */
  g_assert_cmpint (p->x_unit.from, ==, PS_REG_UNIT_STUDY);
  g_assert_cmpint (p->y_unit.from, ==, PS_REG_UNIT_STUDY);
  g_assert_true (p->x_unit.scale / m->x_div == m->x_scale);
  g_assert_true (p->y_unit.scale / m->y_div == m->y_scale);
  rm_rf (dir);
}

/* The preview of data/examples/NAME's source, and the study loaded as a run loads it. */
static PsRegressionPreview *
preview_example (const char *name, JsonParser *parser, PsStudy **study)
{
  const char *dir = g_getenv ("PS_EXAMPLES");
  g_autofree char *path = dir != NULL
                              ? g_build_filename (dir, name, NULL)
                              : g_build_filename (PS_SOURCE_DATADIR, "examples", name, NULL);
  g_autoptr (GError) error = NULL;
  PsRegressionPreview *p = NULL;
  JsonObject *source;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  source = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                          "source");
  g_assert_true (ps_regression_preview (source, path, 20, &p, &error));
  g_assert_no_error (error);
  *study = load_example (name);
  return p;
}

/* The first points of specimen 0 as a run reads them equal the preview's first rows
 * read in the units the preview shows, divided by the gauge length and the area. */
static void
assert_preview_reads_as_run (const PsRegressionPreview *p, const PsStudy *study)
{
  const PsRegressionModel *m = study->model;
  g_autoptr (GArray) strain = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) stress = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GError) error = NULL;

  g_assert_cmpstr (p->file, ==, m->specimens[0].file);
  g_assert_true (ps_regression_read_points (m, 0, strain, stress, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (strain->len, >=, p->n_rows);
  for (guint i = 0; i < p->n_rows; i++)
    {
      g_assert_cmpint (p->rows[i].x_read, ==, PS_CSV_NUMBER);
      g_assert_cmpint (p->rows[i].y_read, ==, PS_CSV_NUMBER);
      g_assert_true (p->rows[i].x * (p->x_unit.scale / m->x_div)
                     == g_array_index (strain, double, i));
      g_assert_true (p->rows[i].y * (p->y_unit.scale / m->y_div)
                     == g_array_index (stress, double, i));
    }
}

/* Laboratory exports (data/examples/lab-exports) previewed as a run reads them: the
 * metadata above the header (no skip_lines) shown as the lines skipped, the header
 * and the units row under it found where the loader finds them, and each column's
 * unit from that row. The line numbers, fields and numbers asserted are those of the
 * files as written; the factors are the SI prefixes (1 kN = 10^3 N, 1 MPa = 10^6 Pa,
 * 1 mm = 10^-3 m). */
static void
test_preview_lab_exports (void)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (PsRegressionPreview) p = NULL;
  g_autoptr (PsStudy) study = NULL;

  /* Instron Bluehill: six quoted metadata lines and a blank one, "(kN)" units. */
  p = preview_example ("lab-exports/instron-bluehill.json", parser, &study);
  g_assert_true (g_str_has_suffix (p->file, "/bluehill/Specimen_RawData_1.csv"));
  g_assert_cmpint (p->source, ==, PS_REG_SOURCE_FOLDER);
  g_assert_cmpuint (p->skip_lines, ==, 7);
  g_assert_cmpuint (p->n_skipped, ==, 7);
  g_assert_cmpstr (p->skipped[0], ==, "\"General : Start time\",\"Tue, March 3, 2026 09:17:12\",");
  g_assert_cmpstr (p->skipped[6], ==, "");
  g_assert_cmpuint (p->header_line, ==, 8);
  g_assert_cmpuint (p->n_header_fields, ==, 5);
  g_assert_cmpstr (p->header_fields[3], ==, "Tensile strain (Extensometer)");
  g_assert_cmpuint (p->units_line, ==, 9);
  g_assert_cmpuint (p->n_units_fields, ==, 5);
  g_assert_cmpstr (p->units_fields[0], ==, "(s)");
  g_assert_cmpstr (p->units_fields[2], ==, "(kN)");
  g_assert_cmpint (p->x.column, ==, 3);
  g_assert_cmpint (p->y.column, ==, 4);
  g_assert_cmpstr (p->x_unit.text, ==, "mm/mm");
  g_assert_cmpint (p->x_unit.from, ==, PS_REG_UNIT_UNITS_ROW);
  g_assert_cmpfloat (p->x_unit.scale, ==, 1.0);
  g_assert_cmpstr (p->y_unit.text, ==, "MPa");
  g_assert_cmpint (p->y_unit.from, ==, PS_REG_UNIT_UNITS_ROW);
  g_assert_cmpfloat (p->y_unit.scale, ==, 1e6);
  g_assert_null (p->problem);
  g_assert_cmpuint (p->n_rows, ==, 20);
  g_assert_cmpuint (p->rows[0].line, ==, 10);
  g_assert_cmpstr (p->rows[1].fields[2], ==, "1.2358");
  g_assert_true (p->rows[1].x == 0.000050);
  g_assert_true (p->rows[1].y == 10.30);
  assert_preview_reads_as_run (p, study);
  g_clear_pointer (&p, ps_regression_preview_free);
  g_clear_pointer (&study, ps_study_free);

  /* ZwickRoell testXpert: one Latin-1 file of one specimen, ';' and ',' decimals,
   * force in N and extension in mm from the units row "s;N;mm;mm". */
  p = preview_example ("lab-exports/zwick-testxpert.json", parser, &study);
  g_assert_true (g_str_has_suffix (p->file, "/testxpert/Probe_07.TXT"));
  g_assert_cmpint (p->source, ==, PS_REG_SOURCE_ONE_FILE);
  g_assert_true (p->force_input);
  g_assert_cmpuint (p->header_line, ==, 9);
  g_assert_cmpuint (p->n_skipped, ==, 8);
  g_assert_cmpstr (p->skipped[0], ==, "Prüfvorschrift;EN ISO 6892-1 B30");
  g_assert_cmpstr (p->skipped[3], ==, "a0;2,01;mm");
  g_assert_cmpstr (p->header_fields[0], ==, "Prüfzeit");
  g_assert_cmpstr (p->header_fields[3], ==, "Längenänderung");
  g_assert_cmpuint (p->units_line, ==, 10);
  g_assert_cmpuint (p->n_units_fields, ==, 4);
  g_assert_cmpstr (p->units_fields[1], ==, "N");
  g_assert_cmpint (p->x.column, ==, 3);
  g_assert_cmpint (p->y.column, ==, 1);
  g_assert_cmpstr (p->x_unit.text, ==, "mm");
  g_assert_cmpint (p->x_unit.from, ==, PS_REG_UNIT_UNITS_ROW);
  g_assert_cmpfloat (p->x_unit.scale, ==, 1e-3);
  g_assert_cmpstr (p->y_unit.text, ==, "N");
  g_assert_cmpfloat (p->y_unit.scale, ==, 1.0);
  g_assert_cmpuint (p->rows[0].line, ==, 11);
  g_assert_cmpstr (p->rows[0].fields[1], ==, "57,6");
  g_assert_true (p->rows[0].x == 0.00045);
  g_assert_true (p->rows[0].y == 57.6);
  assert_preview_reads_as_run (p, study);
  g_clear_pointer (&p, ps_regression_preview_free);
  g_clear_pointer (&study, ps_study_free);

  /* MTS TestSuite: tab-separated, quoted, CRLF; force in kN. */
  p = preview_example ("lab-exports/mts-testsuite.json", parser, &study);
  g_assert_true (g_str_has_suffix (p->file, "/mts/B500B-1.txt"));
  g_assert_cmpuint (p->header_line, ==, 5);
  g_assert_cmpuint (p->n_skipped, ==, 4);
  g_assert_cmpstr (p->skipped[1], ==, "\"Specimen Name:\"\t\"B500B-1\"");
  g_assert_cmpstr (p->header_fields[2], ==, "Axial Force");
  g_assert_cmpuint (p->units_line, ==, 6);
  g_assert_cmpstr (p->units_fields[0], ==, "sec");
  g_assert_cmpstr (p->x_unit.text, ==, "mm");
  g_assert_cmpstr (p->y_unit.text, ==, "kN");
  g_assert_cmpint (p->y_unit.from, ==, PS_REG_UNIT_UNITS_ROW);
  g_assert_cmpfloat (p->y_unit.scale, ==, 1e3);
  g_assert_cmpuint (p->rows[0].line, ==, 7);
  g_assert_true (p->rows[0].y == -0.0054);
  g_assert_true (p->rows[1].y == 0.1575);
  assert_preview_reads_as_run (p, study);
  g_clear_pointer (&p, ps_regression_preview_free);
  g_clear_pointer (&study, ps_study_free);
}

/* A unit given in the study wins over the units row's; a units row's unit that is
 * not one of its column's quantity, and a column with no unit at all, are what stop
 * a run, and the preview says so in the loader's words. */
static void
test_preview_units (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-regression-XXXXXX", NULL);
  g_autoptr (PsRegressionPreview) p = NULL;
  const char *study_units
      = "{\"source\": {\"type\": \"csv\", \"path\": \"t.csv\", "
        "\"strain\": {\"column\": \"e\"}, \"stress\": {\"column\": \"s\", \"unit\": \"kPa\"}}}";
  const char *no_unit
      = "{\"source\": {\"type\": \"csv\", \"path\": \"f.csv\", \"area\": \"10 mm^2\", "
        "\"gauge_length\": \"50 mm\", \"displacement\": {\"column\": \"dL\", \"unit\": "
        "\"mm\"}, \"force\": {\"column\": \"F\"}}}";

  write_file (dir, "t.csv", "e,s\n(%),(MPa)\n0.1,205\n");
  p = preview_ok (dir, study_units, 20);
  g_assert_cmpuint (p->units_line, ==, 2);
  g_assert_cmpstr (p->x_unit.text, ==, "%");
  g_assert_cmpint (p->x_unit.from, ==, PS_REG_UNIT_UNITS_ROW);
  g_assert_cmpfloat (p->x_unit.scale, ==, 0.01);
  g_assert_cmpstr (p->y_unit.text, ==, "kPa");
  g_assert_cmpint (p->y_unit.from, ==, PS_REG_UNIT_STUDY);
  g_assert_cmpfloat (p->y_unit.scale, ==, 1e3);
  g_assert_null (p->problem);
  g_assert_cmpuint (p->n_rows, ==, 1);
  g_assert_cmpuint (p->rows[0].line, ==, 3);
  g_clear_pointer (&p, ps_regression_preview_free);

  write_file (dir, "t.csv", "e,s\n(%),(furlong)\n0.1,205\n");
  p = preview_ok (dir, study_units, 20);
  g_assert_cmpstr (p->y_unit.text, ==, "kPa");
  g_assert_null (p->problem);
  g_clear_pointer (&p, ps_regression_preview_free);
  p = preview_ok (dir,
                  "{\"source\": {\"type\": \"csv\", \"path\": \"t.csv\", \"strain\": "
                  "{\"column\": \"e\"}, \"stress\": {\"column\": \"s\"}}}",
                  20);
  g_assert_cmpuint (p->units_line, ==, 2);
  g_assert_cmpstr (p->y_unit.text, ==, "furlong");
  g_assert_cmpint (p->y_unit.from, ==, PS_REG_UNIT_UNITS_ROW);
  g_assert_true (isnan (p->y_unit.scale));
  g_assert_nonnull (p->problem);
  g_assert_nonnull (strstr (p->problem, "unknown unit \"furlong\""));
  g_assert_cmpuint (p->n_rows, ==, 1);
  g_clear_pointer (&p, ps_regression_preview_free);

  write_file (dir, "f.csv", "dL,F\n0.01,2.5\n");
  p = preview_ok (dir, no_unit, 20);
  g_assert_cmpstr (p->x_unit.text, ==, "mm");
  g_assert_cmpfloat (p->x_unit.scale, ==, 1e-3);
  g_assert_null (p->y_unit.text);
  g_assert_cmpint (p->y_unit.from, ==, PS_REG_UNIT_NONE);
  g_assert_true (isnan (p->y_unit.scale));
  g_assert_nonnull (p->problem);
  g_assert_nonnull (strstr (p->problem, "no unit for the force column"));
  g_clear_pointer (&p, ps_regression_preview_free);
  rm_rf (dir);
}

/* ---------------------------------------------------------------------------------
 * Units and separators
 * ------------------------------------------------------------------------------ */

/* The same specimen written three ways: MPa and mm/mm with '.' decimals and ','
 * between fields; ksi and % with ',' decimals and ';' between fields; kN and mm with
 * the area and gauge length. E (and the yield) in Pa agree to 1e-12. */
static void
test_units_separators (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-regression-XXXXXX", NULL);
  const double ksi = 6.894757293168361; /* MPa, NIST SP 811 */
  const double area = 78.54, L0 = 50.0; /* mm^2, mm */
  g_autoptr (GString) a = g_string_new ("strain,stress\n");
  g_autoptr (GString) b = g_string_new ("eps;sig\n");
  g_autoptr (GString) c = g_string_new ("F,dL\n");
  const char *studies[3] = {
    "\"path\": \"a\", \"strain\": {\"column\": \"strain\", \"unit\": \"mm/mm\"}, \"stress\": "
    "{\"column\": \"stress\", \"unit\": \"MPa\"}",
    "\"path\": \"b\", \"delimiter\": \";\", \"decimal\": \",\", \"strain\": {\"column\": \"eps\", "
    "\"unit\": \"%\"}, \"stress\": {\"column\": \"sig\", \"unit\": \"ksi\"}",
    "\"path\": \"c\", \"force\": {\"column\": \"F\", \"unit\": \"kN\"}, \"displacement\": "
    "{\"column\": \"dL\", \"unit\": \"mm\"}, \"area\": \"78.54 mm^2\", \"gauge_length\": \"50 mm\"",
  };
  double E[3], fy[3];

  for (int i = 0; i <= 300; i++)
    {
      double e = 0.0000731 * i + 1e-7 * sin (i);
      double s = (e <= 0.0017 ? 203.9e3 * e : 346.63 + 2.1e3 * (e - 0.0017)) + 0.37 * cos (3.0 * i);
      char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (a, "%s,%s\n", g_ascii_formatd (x, sizeof x, "%.17g", e),
                              g_ascii_formatd (y, sizeof y, "%.17g", s));
      g_ascii_formatd (x, sizeof x, "%.17g", e * 100);
      g_ascii_formatd (y, sizeof y, "%.17g", s / ksi);
      for (char *p = x; *p; p++)
        *p = *p == '.' ? ',' : *p;
      for (char *p = y; *p; p++)
        *p = *p == '.' ? ',' : *p;
      g_string_append_printf (b, "%s;%s\n", x, y);
      g_string_append_printf (c, "%s,%s\n", g_ascii_formatd (y, sizeof y, "%.17g", s * area / 1e3),
                              g_ascii_formatd (x, sizeof x, "%.17g", e * L0));
    }
  mkdir_in (dir, "a");
  mkdir_in (dir, "b");
  mkdir_in (dir, "c");
  write_file (dir, "a/s.csv", a->str);
  write_file (dir, "b/s.csv", b->str);
  write_file (dir, "c/s.csv", c->str);
  for (int k = 0; k < 3; k++)
    {
      g_autofree char *json = g_strdup_printf (
          "{\"parastudy\": 1, \"kind\": \"regression\", \"name\": \"x\", \"source\": {\"type\": "
          "\"csv\", %s}, \"fit\": {\"window\": {\"type\": \"stress\", \"from\": 0.1, \"to\": "
          "0.5}}}",
          studies[k]);
      g_autoptr (PsStudy) study = load_ok (dir, json);
      g_autoptr (PsRunResult) r = run_study (study, "serial", 1, NULL);

      g_assert_cmpuint (summary_of (r)->fitted, ==, 1);
      E[k] = summary_of (r)->E.mean;
      fy[k] = summary_of (r)->yield.mean;
    }
  assert_close ("E, ksi and % with ',' decimals", E[1], E[0], 1e-12);
  assert_close ("E, force and displacement", E[2], E[0], 1e-12);
  assert_close ("yield, ksi and %", fy[1], fy[0], 1e-12);
  assert_close ("yield, force and displacement", fy[2], fy[0], 1e-12);
  assert_close ("E near the true modulus", E[0], 203.9e9, 1e-2);
  rm_rf (dir);
}

/* The number reader against strtod, on both separators. */
static void
test_csv_numbers (void)
{
  locale_t c = newlocale (LC_ALL_MASK, "C", (locale_t)0);
  const char *good[] = { "0",
                         "-0",
                         "1",
                         "+2.5",
                         "3.",
                         ".25",
                         "1e-3",
                         "1.7976931348623157e308",
                         "4.9e-324",
                         "123456789012345678901234567890",
                         "0.1234567890123456789012",
                         "-2.2250738585072014e-308",
                         "9007199254740993",
                         "1E+22",
                         "7e22",
                         "0.000001234",
                         "12345.678e-20" };
  const char *bad[] = { "", "-", "e5", "1e", "1.2.3", "12a", "0x1p3", "1,5", "--1", " " };
  GRand *rand = g_rand_new_with_seed (2385);

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      double v = NAN, w = strtod_l (good[i], NULL, c);
      g_autofree char *comma = g_strdup (good[i]);

      g_assert_cmpint (ps_csv_parse_double (good[i], good[i] + strlen (good[i]), '.', c, &v), ==,
                       PS_CSV_NUMBER);
      g_assert_true (memcmp (&v, &w, sizeof v) == 0);
      for (char *p = comma; *p; p++)
        *p = *p == '.' ? ',' : *p;
      v = NAN;
      g_assert_cmpint (ps_csv_parse_double (comma, comma + strlen (comma), ',', c, &v), ==,
                       PS_CSV_NUMBER);
      g_assert_true (memcmp (&v, &w, sizeof v) == 0);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      double v;

      g_assert_cmpint (ps_csv_parse_double (bad[i], bad[i] + strlen (bad[i]), '.', c, &v), ==,
                       PS_CSV_BAD);
    }
  {
    double v;
    const char *t = "1.234,5";

    g_assert_cmpint (ps_csv_parse_double (t, t + 7, ',', c, &v), ==, PS_CSV_BAD);
    t = "-Infinity";
    g_assert_cmpint (ps_csv_parse_double (t, t + 9, '.', c, &v), ==, PS_CSV_NON_FINITE);
    t = "nan";
    g_assert_cmpint (ps_csv_parse_double (t, t + 3, '.', c, &v), ==, PS_CSV_NON_FINITE);
    t = "1e999";
    g_assert_cmpint (ps_csv_parse_double (t, t + 5, '.', c, &v), ==, PS_CSV_NON_FINITE);
  }
  /* Random decimals of every length: the same double as strtod (correct rounding). */
  for (int i = 0; i < 200000; i++)
    {
      char buf[64];
      double v = NAN, w;
      int digits = g_rand_int_range (rand, 1, 21), exp = g_rand_int_range (rand, -30, 30);
      guint len = 0;

      if (g_rand_boolean (rand))
        buf[len++] = '-';
      for (int d = 0; d < digits; d++)
        {
          if (d == digits / 2)
            buf[len++] = '.';
          buf[len++] = (char)('0' + g_rand_int_range (rand, 0, 10));
        }
      len += (guint)g_snprintf (buf + len, sizeof buf - len, "e%d", exp);
      w = strtod_l (buf, NULL, c);
      g_assert_cmpint (ps_csv_parse_double (buf, buf + len, '.', c, &v), ==, PS_CSV_NUMBER);
      if (memcmp (&v, &w, sizeof v) != 0)
        g_error ("\"%s\": %.17g, strtod %.17g", buf, v, w);
    }
  g_rand_free (rand);
  freelocale (c);
}

/* ---------------------------------------------------------------------------------
 * Summary
 * ------------------------------------------------------------------------------ */

/* EN 1990:2002 Table D1, V_X unknown, copied here from the standard. Between its sizes
 * k_n is the prediction-interval factor the table is computed from, t_(n-1; 0.95)
 * sqrt (1 + 1/n), checked here with the critical values of Student's t printed in the
 * NIST/SEMATECH e-Handbook of Statistical Methods, 1.3.6.7.2 (three decimals: 1.943 for
 * 6 degrees of freedom, 1.761 for 14, 1.671 for 59) and the normal 1.645 at infinity,
 * which Table D1 rounds to 1.64. */
static void
test_k_n_table (void)
{
  const guint64 n[] = { 3, 4, 5, 6, 8, 10, 20, 30 };
  const double k[] = { 3.37, 2.63, 2.33, 2.18, 2.00, 1.92, 1.76, 1.73 };

  for (guint i = 0; i < G_N_ELEMENTS (n); i++)
    assert_close ("k_n", ps_regression_k_n (n[i]), k[i], 1e-15);
  g_assert_true (isnan (ps_regression_k_n (2)));
  assert_close ("k_7", ps_regression_k_n (7), 1.943 * sqrt (8.0 / 7.0), 5e-4);
  g_assert_cmpfloat (ps_regression_k_n (7), <, 2.18);
  g_assert_cmpfloat (ps_regression_k_n (7), >, 2.00);
  assert_close ("k_15", ps_regression_k_n (15), 1.761 * sqrt (16.0 / 15.0), 5e-4);
  assert_close ("k_60", ps_regression_k_n (60), 1.671 * sqrt (61.0 / 60.0), 5e-4);
  assert_close ("k_1000000", ps_regression_k_n (1000000), 1.645, 5e-4);
}

/* The summary's statistics and 5 % characteristic values from the E, yield and
 * ultimate columns of results.csv, computed here with GSL's mean and sd. */
static void
test_characteristic_values (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-regression-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *results = g_build_filename (out, "results.csv", NULL);
  g_autoptr (PsStudy) study = load_ok (
      dir,
      "{\"parastudy\": 1, \"kind\": \"regression\", \"name\": \"x\","
      " \"source\": {\"type\": \"synthetic\", \"specimens\": 10, \"points\": 500,"
      "   \"E\": {\"distribution\": \"normal\", \"mean\": \"200 GPa\", \"sd\": \"10 GPa\"},"
      "   \"yield\": {\"distribution\": \"normal\", \"mean\": \"355 MPa\", \"sd\": \"20 MPa\"},"
      "   \"noise_sd\": \"1 MPa\", \"seed\": 11},"
      " \"fit\": {\"window\": {\"type\": \"stress\", \"from\": 0.1, \"to\": 0.4}},"
      " \"characteristic\": {\"distribution\": \"lognormal\"},"
      " \"histogram\": {\"from\": \"150 GPa\", \"to\": \"250 GPa\", \"bins\": 20}}");
  g_autoptr (PsRunResult) r = run_study (study, "threads", 2, out);
  g_autoptr (JsonObject) obj = summary_object (study, r);
  const int cols[3] = { COL_E, COL_YIELD, COL_ULT };
  const char *names[3] = { "E", "yield", "ultimate" };
  const double k10 = 1.92; /* Table D1, n = 10, V_X unknown */

  g_assert_cmpuint (summary_of (r)->fitted, ==, 10);
  for (int q = 0; q < 3; q++)
    {
      g_autoptr (GPtrArray) col = csv_column (results, (guint)cols[q]);
      double x[10], lx[10], mean, sd, lmean, lsd;
      JsonObject *o = json_object_get_object_member (obj, names[q]);
      JsonObject *ch = json_object_get_object_member (o, "characteristic");

      g_assert_cmpuint (col->len, ==, 10);
      for (int i = 0; i < 10; i++)
        {
          x[i] = g_ascii_strtod (col->pdata[i], NULL);
          lx[i] = log (x[i]);
        }
      mean = gsl_stats_mean (x, 1, 10);
      sd = gsl_stats_sd (x, 1, 10);
      lmean = gsl_stats_mean (lx, 1, 10);
      lsd = gsl_stats_sd (lx, 1, 10);
      /* results.csv has 10 digits: the tolerances allow for that. */
      assert_close (names[q], json_object_get_double_member (o, "mean"), mean, 1e-9);
      assert_close (names[q], json_object_get_double_member (o, "sd"), sd, 1e-6);
      assert_close (names[q], json_object_get_double_member (o, "cov"), sd / mean, 1e-6);
      assert_close (names[q], json_object_get_double_member (ch, "k_n"), k10, 1e-15);
      assert_close (names[q], json_object_get_double_member (ch, "normal"), mean - k10 * sd, 1e-8);
      assert_close (names[q], json_object_get_double_member (ch, "lognormal"),
                    exp (lmean - k10 * lsd), 1e-8);
      assert_close (names[q], json_object_get_double_member (ch, "value"), exp (lmean - k10 * lsd),
                    1e-8);
    }
  /* The histogram: 20 bins of 5 GPa from 150 GPa, each E counted where it lies. */
  {
    JsonObject *h = json_object_get_object_member (obj, "histogram_E");
    JsonArray *edges = json_object_get_array_member (h, "edges");
    JsonArray *counts = json_object_get_array_member (h, "counts");
    g_autoptr (GPtrArray) col = csv_column (results, COL_E);
    guint64 want[20] = { 0 }, below = 0, above = 0;

    g_assert_cmpuint (json_array_get_length (edges), ==, 21);
    g_assert_cmpuint (json_array_get_length (counts), ==, 20);
    assert_close ("edge", json_array_get_double_element (edges, 3), 165e9, 1e-15);
    for (guint i = 0; i < col->len; i++)
      {
        double e = g_ascii_strtod (col->pdata[i], NULL);
        int b = (int)floor ((e - 150e9) / 5e9);

        if (b < 0)
          below++;
        else if (b >= 20)
          above++;
        else
          want[b]++;
      }
    for (guint b = 0; b < 20; b++)
      g_assert_cmpint (json_array_get_int_element (counts, b), ==, (gint64)want[b]);
    g_assert_cmpint (json_object_get_int_member (h, "below"), ==, (gint64)below);
    g_assert_cmpint (json_object_get_int_member (h, "above"), ==, (gint64)above);
  }
  rm_rf (dir);
}

/* ---------------------------------------------------------------------------------
 * The synthetic generator
 * ------------------------------------------------------------------------------ */

/* Specimen i by the stream contract: E, yield and noise sd from their streams at
 * counter i, the noise of point j from stream 4 at counter i * points + j. */
static void
test_generator_streams (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-regression-XXXXXX", NULL);
  g_autoptr (PsStudy) study = load_ok (
      dir,
      "{\"parastudy\": 1, \"kind\": \"regression\", \"name\": \"x\","
      " \"source\": {\"type\": \"synthetic\", \"specimens\": 100, \"points\": 301,"
      "   \"E\": {\"distribution\": \"normal\", \"mean\": \"200 GPa\", \"sd\": \"10 GPa\"},"
      "   \"yield\": {\"distribution\": \"gumbel\", \"mean\": \"355 MPa\", \"sd\": \"20 MPa\"},"
      "   \"hardening\": 0.02, \"max_strain\": \"3 %\", \"noise_sd\": \"2 MPa\", \"seed\": "
      "123456789012}}");
  const PsRegressionModel *m = study->model;
  double x[301], y[301], u[301];

  for (guint64 i = 0; i < 100; i += 33)
    {
      double E = 200e9 + 10e9 * ps_dist_normal_quantile (ps_rng_uniform (123456789012, 1, i));
      double fy = ps_dist_quantile (&m->fy, ps_rng_uniform (123456789012, 2, i));

      g_assert_true (ps_regression_generate (m, i, x, y, u));
      for (int j = 0; j < 301; j += 50)
        {
          double e = 0.03 / 300 * j;
          double s = e <= fy / E ? E * e : fy + 0.02 * E * (e - fy / E);
          double z = ps_dist_normal_quantile (ps_rng_uniform (123456789012, 4, i * 301 + j));

          assert_close ("strain", x[j], e, 1e-15);
          assert_close ("stress", y[j], s + 2e6 * z, 1e-12);
        }
    }
  rm_rf (dir);
}

/* ---------------------------------------------------------------------------------
 * Backends
 * ------------------------------------------------------------------------------ */

static char *
read_all (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* Serial and threads at 1, 2 and 3 workers: the same summary (bytes of the struct),
 * summary.json and results.csv, on a synthetic study with failing specimens (E drawn
 * negative) and many chunks, and on the CSV example with its bad coupon. */
static void
test_backends_identical (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-regression-XXXXXX", NULL);
  const char *synthetic
      = "{\"parastudy\": 1, \"kind\": \"regression\", \"name\": \"x\","
        " \"source\": {\"type\": \"synthetic\", \"specimens\": 3001, \"points\": 2500,"
        "   \"E\": {\"distribution\": \"normal\", \"mean\": \"20 GPa\", \"sd\": \"8 GPa\"},"
        "   \"yield\": {\"distribution\": \"lognormal\", \"mean\": \"355 MPa\", \"sd\": \"40 "
        "MPa\"},"
        "   \"noise_sd\": {\"distribution\": \"uniform\", \"lower\": 0, \"upper\": \"2 MPa\"},"
        "   \"hardening\": 0.05, \"seed\": 99},"
        " \"fit\": {\"window\": {\"type\": \"auto\"}}}";
  g_autoptr (PsStudy) coupons = load_example ("regression-coupons.json");
  g_autoptr (PsStudy) syn = load_ok (dir, synthetic);
  const PsStudy *studies[2] = { syn, coupons };

  g_assert_cmpuint (syn->klass->chunk_items (syn), <, syn->n_items / 20);
  for (int s = 0; s < 2; s++)
    {
      g_autofree char *ref_dir = g_build_filename (dir, "serial", NULL);
      g_autofree char *ref_csv = g_build_filename (ref_dir, "results.csv", NULL);
      g_autoptr (PsRunResult) ref = run_study (studies[s], "serial", 1, ref_dir);
      g_autofree char *ref_json = summary_json_untimed (studies[s], ref);
      g_autofree char *ref_rows = read_all (ref_csv);

      g_assert_cmpuint (summary_of (ref)->specimens, ==, studies[s]->n_items);
      g_assert_cmpuint (ref->errors.count, >, 0);
      for (int w = 1; w <= 3; w++)
        {
          g_autofree char *name = g_strdup_printf ("threads-%d", w);
          g_autofree char *tdir = g_build_filename (dir, name, NULL);
          g_autofree char *tcsv = g_build_filename (tdir, "results.csv", NULL);
          g_autoptr (PsRunResult) r = run_study (studies[s], "threads", w, tdir);
          g_autofree char *json = summary_json_untimed (studies[s], r);
          g_autofree char *rows = read_all (tcsv);

          g_assert_cmpint (r->workers, ==, w);
          g_assert_true (memcmp (r->summary, ref->summary, sizeof (PsRegressionSummary)) == 0);
          g_assert_cmpstr (json, ==, ref_json);
          g_assert_cmpstr (rows, ==, ref_rows);
          g_assert_cmpuint (r->errors.count, ==, ref->errors.count);
        }
      g_test_message ("%s: %" G_GUINT64_FORMAT " fitted, %" G_GUINT64_FORMAT " errors",
                      studies[s]->name, summary_of (ref)->fitted, ref->errors.count);
    }
  rm_rf (dir);
}

/* ---------------------------------------------------------------------------------
 * Examples
 * ------------------------------------------------------------------------------ */

static void
test_examples (void)
{
  const char *text = ps_kind_lookup ("regression")->example;
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) embedded = NULL;
  g_autoptr (PsStudy) coupons = load_example ("regression-coupons.json");
  g_autoptr (PsStudy) alu = load_example ("regression-aluminium-force.json");
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (PsRunResult) r = NULL;
  JsonObject *src;

  g_assert_nonnull (text);
  embedded = ps_study_load_data (text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  src = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                       "source");
  g_assert_cmpuint (embedded->n_items, ==, (guint64)json_object_get_int_member (src, "specimens"));
  g_assert_cmpint (json_object_get_int_member (src, "points"), ==, 1000);
  g_assert_cmpuint (embedded->n_items, ==, 10000);

  g_assert_cmpuint (coupons->n_items, ==, 12);
  r = run_study (coupons, "serial", 1, NULL);
  g_assert_cmpuint (summary_of (r)->fitted, ==, 11);
  g_assert_cmpuint (summary_of (r)->failed[PS_REG_ERR_PARSE], ==, 1);
  g_assert_cmpstr (g_array_index (r->errors.first, PsItemError, 0).message, ==,
                   "coupons/C07.csv:61: \"n/d\" is not a number (column tensão, decimal "
                   "separator ',')");
  g_clear_pointer (&r, ps_run_result_free);
  g_assert_cmpuint (alu->n_items, ==, 6);
  r = run_study (alu, "serial", 1, NULL);
  g_assert_cmpuint (summary_of (r)->fitted, ==, 6);
  /* 6061-T6: E about 69 GPa (ASM handbook), 0.2 % proof about 276 MPa. */
  assert_close ("6061 E", summary_of (r)->E.mean, 68.9e9, 0.03);
  assert_close ("6061 yield", summary_of (r)->yield.mean, 276e6, 0.03);
}

/* ---------------------------------------------------------------------------------
 * Bad study files
 * ------------------------------------------------------------------------------ */

typedef struct
{
  const char *name;
  const char *source; /* the "source" object's members */
  const char *rest;   /* further top-level members, or "" */
  const char *path;   /* the message starts with this path */
} BadCase;

#define SYN                                                                                        \
  "\"type\": \"synthetic\", \"specimens\": 10, \"points\": 100, \"E\": \"200 GPa\", "              \
  "\"yield\": \"355 MPa\""
#define CSV "\"type\": \"csv\", \"path\": \"d\", \"strain\": {\"column\": 1}, "
#define CSV_OK CSV "\"stress\": {\"column\": 2, \"unit\": \"MPa\"}"

static const BadCase bad_cases[] = {
  { "no-source", NULL, "", "source:" },
  { "source-type", "\"type\": \"xls\"", "", "source.type:" },
  { "synthetic-specimens-0",
    "\"type\": \"synthetic\", \"specimens\": 0, \"points\": 100, "
    "\"E\": \"200 GPa\", \"yield\": \"355 MPa\"",
    "", "source.specimens:" },
  { "synthetic-points-2",
    "\"type\": \"synthetic\", \"specimens\": 5, \"points\": 2, "
    "\"E\": \"200 GPa\", \"yield\": \"355 MPa\"",
    "", "source.points:" },
  { "synthetic-E-unit",
    "\"type\": \"synthetic\", \"specimens\": 5, \"points\": 20, "
    "\"E\": \"200 kN\", \"yield\": \"355 MPa\"",
    "", "source.E:" },
  { "synthetic-E-dist",
    "\"type\": \"synthetic\", \"specimens\": 5, \"points\": 20, "
    "\"E\": {\"distribution\": \"cauchy\", \"mean\": \"1 GPa\"}, \"yield\": "
    "\"355 MPa\"",
    "", "source.E:" },
  { "synthetic-sd-unit",
    "\"type\": \"synthetic\", \"specimens\": 5, \"points\": 20, "
    "\"E\": {\"distribution\": \"normal\", \"mean\": \"200 GPa\", \"sd\": "
    "\"3 m\"}, \"yield\": \"355 MPa\"",
    "", "source.E.sd:" },
  { "synthetic-no-yield",
    "\"type\": \"synthetic\", \"specimens\": 5, \"points\": 20, "
    "\"E\": \"200 GPa\"",
    "", "source.yield:" },
  { "synthetic-hardening", SYN ", \"hardening\": 1.5", "", "source.hardening:" },
  { "synthetic-max-strain", SYN ", \"max_strain\": \"2 mm\"", "", "source.max_strain:" },
  { "synthetic-unknown-key", SYN ", \"delimiter\": \";\"", "", "source.delimiter:" },
  { "csv-no-path", "\"type\": \"csv\"", "", "source.path:" },
  { "csv-missing-folder",
    "\"type\": \"csv\", \"path\": \"nowhere\", \"strain\": {\"column\": 1}, "
    "\"stress\": {\"column\": 2, \"unit\": \"MPa\"}",
    "", "source.path:" },
  { "csv-empty-folder",
    "\"type\": \"csv\", \"path\": \"empty\", \"strain\": {\"column\": 1}, "
    "\"stress\": {\"column\": 2, \"unit\": \"MPa\"}",
    "", "source.path:" },
  { "csv-no-stress", CSV "\"delimiter\": \";\"", "", "source:" },
  { "csv-stress-and-force", CSV_OK ", \"force\": {\"column\": 3, \"unit\": \"kN\"}", "",
    "source:" },
  { "csv-stress-unit", CSV "\"stress\": {\"column\": 2, \"unit\": \"kN\"}", "",
    "source.stress.unit:" },
  { "csv-stress-no-unit", CSV "\"stress\": {\"column\": 2}", "", "source.stress.unit:" },
  { "csv-strain-unit",
    "\"type\": \"csv\", \"path\": \"d\", \"strain\": {\"column\": 1, \"unit\": "
    "\"mm\"}, \"stress\": {\"column\": 2, \"unit\": \"MPa\"}",
    "", "source.strain.unit:" },
  { "csv-column-0",
    "\"type\": \"csv\", \"path\": \"d\", \"strain\": {\"column\": 0}, "
    "\"stress\": {\"column\": 2, \"unit\": \"MPa\"}",
    "", "source.strain.column:" },
  { "csv-column-float",
    "\"type\": \"csv\", \"path\": \"d\", \"strain\": {\"column\": 1.5}, "
    "\"stress\": {\"column\": 2, \"unit\": \"MPa\"}",
    "", "source.strain.column:" },
  { "csv-delimiter-long", CSV_OK ", \"delimiter\": \";;\"", "", "source.delimiter:" },
  { "csv-decimal", CSV_OK ", \"decimal\": \";\"", "", "source.decimal:" },
  { "csv-decimal-is-delimiter", CSV_OK ", \"decimal\": \",\"", "", "source.delimiter:" },
  { "csv-skip-negative", CSV_OK ", \"skip_lines\": -1", "", "source.skip_lines:" },
  { "csv-force-no-area",
    "\"type\": \"csv\", \"path\": \"d\", \"force\": {\"column\": 1, "
    "\"unit\": \"kN\"}, \"displacement\": {\"column\": 2, \"unit\": \"mm\"}, "
    "\"gauge_length\": \"50 mm\"",
    "", "source.area:" },
  { "csv-force-area-unit",
    "\"type\": \"csv\", \"path\": \"d\", \"force\": {\"column\": 1, "
    "\"unit\": \"kN\"}, \"displacement\": {\"column\": 2, \"unit\": "
    "\"mm\"}, \"area\": \"50 mm\", \"gauge_length\": \"50 mm\"",
    "", "source.area:" },
  { "csv-specimen-column", CSV_OK ", \"specimen_column\": true", "", "source.specimen_column:" },
  { "csv-strain-tolerance", CSV_OK, ", \"fit\": {\"strain_tolerance\": -1e-5}",
    "fit.strain_tolerance:" },
  { "csv-file-header",
    "\"type\": \"csv\", \"path\": \"d/a.csv\", \"strain\": {\"column\": "
    "\"eps\"}, \"stress\": {\"column\": 2, \"unit\": \"MPa\"}, "
    "\"specimen_column\": 3",
    "", "source:" },
  { "window-type", SYN, ", \"fit\": {\"window\": {\"type\": \"chord\"}}", "fit.window.type:" },
  { "window-order", SYN,
    ", \"fit\": {\"window\": {\"type\": \"strain\", \"from\": 0.002, "
    "\"to\": 0.001}}",
    "fit.window.to:" },
  { "window-no-to", SYN, ", \"fit\": {\"window\": {\"type\": \"strain\", \"from\": 0.002}}",
    "fit.window.to:" },
  { "window-stress-above-1", SYN,
    ", \"fit\": {\"window\": {\"type\": \"stress\", \"from\": 0.1, "
    "\"to\": 1.5}}",
    "fit.window.to:" },
  { "window-strain-unit", SYN,
    ", \"fit\": {\"window\": {\"type\": \"strain\", \"from\": \"1 mm\", "
    "\"to\": 0.002}}",
    "fit.window.from:" },
  { "window-auto-range", SYN, ", \"fit\": {\"window\": {\"type\": \"auto\", \"from\": 0.1}}",
    "fit.window:" },
  { "offset-negative", SYN, ", \"fit\": {\"offset\": -0.002}", "fit.offset:" },
  { "min-points-2", SYN, ", \"fit\": {\"min_points\": 2}", "fit.min_points:" },
  { "fit-unknown", SYN, ", \"fit\": {\"method\": \"ols\"}", "fit.method:" },
  { "fractile-above-half", SYN, ", \"characteristic\": {\"fractile\": 0.5}",
    "characteristic.fractile:" },
  { "fractile-zero", SYN, ", \"characteristic\": {\"fractile\": 0}", "characteristic.fractile:" },
  { "fractile-unit", SYN, ", \"characteristic\": {\"fractile\": \"5 MPa\"}",
    "characteristic.fractile:" },
  { "vx-known-text", SYN, ", \"characteristic\": {\"vx_known\": \"yes\"}",
    "characteristic.vx_known:" },
  { "vx-known-above-1", SYN, ", \"characteristic\": {\"vx_known\": 1.5}",
    "characteristic.vx_known:" },
  { "vx-known-zero", SYN, ", \"characteristic\": {\"vx_known\": 0}", "characteristic.vx_known:" },
  { "design-text", SYN, ", \"characteristic\": {\"design\": \"yes\"}", "characteristic.design:" },
  { "eta-d-negative", SYN, ", \"characteristic\": {\"eta_d\": -0.9}", "characteristic.eta_d:" },
  { "char-unknown", SYN, ", \"characteristic\": {\"gamma_m\": 1.1}", "characteristic.gamma_m:" },
  { "iso-modulus-method", SYN, ", \"fit\": {\"modulus_method\": \"secant\"}",
    "fit.modulus_method:" },
  { "iso-chord-missing", SYN, ", \"fit\": {\"modulus_method\": \"chord\"}", "fit.chord:" },
  { "iso-chord-mixed", SYN,
    ", \"fit\": {\"modulus_method\": \"chord\", \"chord\": {\"from\": \"20 MPa\", "
    "\"to\": \"0.1 %\"}}",
    "fit.chord.to:" },
  { "iso-tangent-band", SYN,
    ", \"fit\": {\"modulus_method\": \"tangent\", \"tangent\": {\"at\": \"150 MPa\", "
    "\"band\": 0.7}}",
    "fit.tangent.band:" },
  { "iso-annex-g", SYN, ", \"fit\": {\"annex_g\": {\"from\": 0.1, \"to\": 0.6}}",
    "fit.annex_g.to:" },
  { "iso-offsets-zero", SYN, ", \"fit\": {\"offsets\": [\"0.2 %\", 0]}", "fit.offsets[1]:" },
  { "iso-offsets-negative", SYN, ", \"fit\": {\"offsets\": [\"-0.2 %\"]}", "fit.offsets[0]:" },
  { "iso-offsets-empty", SYN, ", \"fit\": {\"offsets\": []}", "fit.offsets:" },
  { "iso-offset-zero", SYN, ", \"fit\": {\"iso6892\": true, \"offset\": 0}", "fit.offset:" },
  { "iso-total-extension", SYN, ", \"fit\": {\"total_extension\": \"150 %\"}",
    "fit.total_extension:" },
  { "iso-yield-point", SYN, ", \"fit\": {\"yield_point\": {\"drop\": \"60 %\"}}",
    "fit.yield_point.drop:" },
  { "iso-fracture-drop", SYN, ", \"fit\": {\"fracture\": {\"drop\": 0}}", "fit.fracture.drop:" },
  { "iso-fracture-points", SYN, ", \"fit\": {\"fracture\": {\"points\": 0}}",
    "fit.fracture.points:" },
  { "iso-hollomon", SYN, ", \"fit\": {\"hollomon\": {\"from\": \"20 %\", \"to\": \"10 %\"}}",
    "fit.hollomon:" },
  { "iso-ramberg-osgood", SYN, ", \"fit\": {\"ramberg_osgood\": 1}", "fit.ramberg_osgood:" },
  { "iso-toe", SYN, ", \"fit\": {\"toe_compensation\": \"on\"}", "fit.toe_compensation:" },
  { "iso-tangent-at-missing", SYN, ", \"fit\": {\"modulus_method\": \"tangent\"}", "fit.tangent:" },
  { "iso-annex-g-from", SYN, ", \"fit\": {\"annex_g\": {\"from\": 0, \"to\": 0.4}}",
    "fit.annex_g.from:" },
  { "iso-yield-hold", SYN, ", \"fit\": {\"yield_point\": {\"hold\": \"20 %\"}}",
    "fit.yield_point.hold:" },
  { "iso-fracture-key", SYN, ", \"fit\": {\"fracture\": {\"fall\": 0.8}}", "fit.fracture.fall:" },
  { "iso-offsets-too-many", SYN,
    ", \"fit\": {\"offsets\": [0.001, 0.002, 0.003, 0.004, 0.005, 0.006, 0.007, 0.008, 0.009]}",
    "fit.offsets:" },
  { "fractile-negative", SYN, ", \"characteristic\": {\"fractile\": -0.05}",
    "characteristic.fractile:" },
  { "vx-known-negative", SYN, ", \"characteristic\": {\"vx_known\": -0.05}",
    "characteristic.vx_known:" },
  { "iso-flag", SYN, ", \"fit\": {\"iso6892\": \"yes\"}", "fit.iso6892:" },
  { "iso-flag-false", SYN, ", \"fit\": {\"iso6892\": false, \"offsets\": [\"0.2 %\"]}",
    "fit.iso6892:" },
  { "char-distribution", SYN, ", \"characteristic\": {\"distribution\": \"weibull\"}",
    "characteristic.distribution:" },
  { "histogram-bins", SYN,
    ", \"histogram\": {\"from\": \"100 GPa\", \"to\": \"300 GPa\", "
    "\"bins\": 0}",
    "histogram.bins:" },
  { "histogram-order", SYN,
    ", \"histogram\": {\"from\": \"300 GPa\", \"to\": \"100 GPa\", "
    "\"bins\": 10}",
    "histogram.to:" },
  { "histogram-unit", SYN,
    ", \"histogram\": {\"from\": \"100 m\", \"to\": \"300 GPa\", "
    "\"bins\": 10}",
    "histogram.from:" },
  { "top-unknown", SYN, ", \"method\": {}", "method:" },
};

static void
test_bad_case (gconstpointer data)
{
  const BadCase *c = data;
  g_autofree char *dir = g_dir_make_tmp ("test-regression-XXXXXX", NULL);
  g_autofree char *json = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = NULL;

  mkdir_in (dir, "d");
  mkdir_in (dir, "empty");
  write_file (dir, "d/a.csv", "strain,stress\n0,0\n");
  json = g_strdup_printf ("{\"parastudy\": 1, \"kind\": \"regression\", \"name\": \"bad\"%s%s%s%s}",
                          c->source ? ", \"source\": {" : "", c->source ? c->source : "",
                          c->source ? "}" : "", c->rest);
  study = load_in (dir, json, &error);
  g_assert_null (study);
  g_assert_nonnull (error);
  g_test_message ("%s: %s", c->name, error->message);
  g_assert_cmpint (error->code, ==, PS_ERROR_INVALID);
  if (!g_str_has_prefix (error->message, c->path))
    g_error ("%s: expected the message to start with \"%s\", got \"%s\"", c->name, c->path,
             error->message);
  rm_rf (dir);
}

/* The command line: a bad regression study exits with 2 and names the path; the CSV
 * example runs and writes both files. */
static void
test_cli (void)
{
  const char *cli = g_getenv ("PS_CLI");
  g_autofree char *dir = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *example = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *results = NULL;
  int status = 0;

  if (cli == NULL || !g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("PS_CLI does not name the built parastudy-cli");
      return;
    }
  dir = g_dir_make_tmp ("test-regression-XXXXXX", NULL);
  bad = g_build_filename (dir, "bad.json", NULL);
  write_file (dir, "bad.json",
              "{\"parastudy\": 1, \"kind\": \"regression\", \"name\": \"x\", \"source\": "
              "{\"type\": \"synthetic\", \"specimens\": 10, \"points\": 100, \"E\": \"200 GPa\", "
              "\"yield\": \"355 MPa\"}, \"fit\": {\"window\": {\"type\": \"strain\", \"from\": "
              "0.003, \"to\": 0.001}}}");
  {
    const char *argv[] = { cli, "run", bad, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                                 &status, NULL));
    g_assert_true (WIFEXITED (status));
    g_assert_cmpint (WEXITSTATUS (status), ==, 2);
    g_assert_nonnull (strstr (err, "fit.window.to"));
  }
  example = g_build_filename (g_getenv ("PS_EXAMPLES") ? g_getenv ("PS_EXAMPLES")
                                                       : PS_SOURCE_DATADIR "/examples",
                              "regression-coupons.json", NULL);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    g_autofree char *odir = g_build_filename (dir, "out", NULL);
    const char *argv[]
        = { cli, "run", example, "--out", odir, "--backend", "threads", "--workers", "2", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                                 &status, NULL));
    g_assert_true (WIFEXITED (status));
    g_assert_cmpint (WEXITSTATUS (status), ==, 0);
    g_autofree char *spath = g_build_filename (odir, "summary.json", NULL);
    g_autofree char *rpath = g_build_filename (odir, "results.csv", NULL);

    summary = read_all (spath);
    results = read_all (rpath);
    g_assert_nonnull (strstr (summary, "\"fitted\" : 11"));
    g_assert_nonnull (strstr (results, "C07,0,0,"));
  }
  {
    const char *argv[] = { cli, "example", "regression", NULL };

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                                 &status, NULL));
    g_assert_cmpint (WEXITSTATUS (status), ==, 0);
    g_assert_nonnull (strstr (out, "\"kind\": \"regression\""));
  }
  rm_rf (dir);
}

/* ---------------------------------------------------------------------------------
 * The scans of the fit: the AVX2 code against the scalar code and a naive loop
 * ------------------------------------------------------------------------------ */

static gboolean
naive_max (const double *y, gsize n, double *ymax, gsize *imax)
{
  for (gsize i = 0; i < n; i++)
    if (!isfinite (y[i]))
      return FALSE;
  *imax = 0;
  for (gsize i = 1; i < n; i++)
    if (y[i] > y[*imax])
      *imax = i;
  *ymax = y[*imax];
  return TRUE;
}

static gsize
naive_crossing (const double *x, const double *y, gsize from, gsize n, double E, double off,
                double s0)
{
  for (gsize i = from + 1; i < n; i++)
    {
      double f = y[i] - (E * (x[i] - off) + s0);
      double fp = y[i - 1] - (E * (x[i - 1] - off) + s0);

      if (f <= 0 && fp > 0)
        return i;
    }
  return n;
}

/* Values from a small set, so that the maximum is often tied (+0 and -0 included), a
 * non-finite value now and then, and every length from 1 to 70 and some long ones, so
 * that every block and tail path is taken. The first occurrence of the maximum, the
 * value stored there (bit for bit) and the refusal of non-finite data must agree. */
static void
test_scan_max (void)
{
  const double pool[] = { -0.0, 0.0, 1.0, -1.0, 2.5, 2.5, 1e300, -1e300, 3.0, 7.25 };
  g_autoptr (GRand) rng = g_rand_new_with_seed (20261121);
  double y[2100];

  for (int trial = 0; trial < 20000; trial++)
    {
      gsize n = trial < 7000 ? (gsize)(trial % 70) + 1 : (gsize)g_rand_int_range (rng, 1, 2100);
      int spread = g_rand_int_range (rng, 2, G_N_ELEMENTS (pool) + 1);
      double ref_max = 0, max[2] = { 0, 0 };
      gsize ref_at = 0, at[2] = { 0, 0 };
      gboolean ref_ok, ok[2];

      for (gsize i = 0; i < n; i++)
        y[i] = trial % 3 == 0 ? g_rand_double_range (rng, -1, 1) * 1e6
                              : pool[g_rand_int_range (rng, 0, spread)];
      if (trial % 17 == 0)
        y[g_rand_int_range (rng, 0, (gint32)n)]
            = (double[]){ NAN, INFINITY, -INFINITY }[g_rand_int_range (rng, 0, 3)];
      ref_ok = naive_max (y, n, &ref_max, &ref_at);
      for (int portable = 0; portable < 2; portable++)
        {
          ps_reg_scan_force_portable (portable);
          ok[portable] = ps_reg_scan_max (y, n, &max[portable], &at[portable]);
        }
      ps_reg_scan_force_portable (FALSE);
      for (int k = 0; k < 2; k++)
        {
          g_assert_cmpint (ok[k], ==, ref_ok);
          if (!ref_ok)
            continue;
          g_assert_cmpuint (at[k], ==, ref_at);
          g_assert_true (memcmp (&max[k], &ref_max, sizeof ref_max) == 0);
        }
    }
}

/* Offset-line crossings on noisy curves that cross once, several times or never, from
 * every start: the same index from both codes and from the naive loop. */
static void
test_scan_crossing (void)
{
  g_autoptr (GRand) rng = g_rand_new_with_seed (7);
  double x[600], y[600];

  for (int trial = 0; trial < 5000; trial++)
    {
      gsize n = (gsize)g_rand_int_range (rng, 1, 600);
      double E = 200e9, off = 0.002, noise = trial % 2 ? 0.0 : 30e6;

      for (gsize i = 0; i < n; i++)
        {
          x[i] = 0.00005 * (double)i;
          y[i] = MIN (E * x[i], 355e6 + 2e9 * x[i]) + noise * g_rand_double_range (rng, -1, 1);
        }
      if (trial % 11 == 0)
        y[g_rand_int_range (rng, 0, (gint32)n)] = NAN;
      for (gsize from = 0; from < n; from += 1 + (gsize)g_rand_int_range (rng, 0, 40))
        {
          gsize ref = naive_crossing (x, y, from, n, E, off, 0.0);

          ps_reg_scan_force_portable (TRUE);
          g_assert_cmpuint (ps_reg_scan_crossing (x, y, from, n, E, off, 0.0), ==, ref);
          ps_reg_scan_force_portable (FALSE);
          g_assert_cmpuint (ps_reg_scan_crossing (x, y, from, n, E, off, 0.0), ==, ref);
        }
    }
  if (!ps_reg_scan_uses_avx2 ())
    g_test_message ("no AVX2 on this CPU: only the scalar code was compared");
}

/* The four-lane co-moments against the exact line (two passes in long double) and GSL's
 * gsl_fit_linear (two passes in double, independent code), for every point count from 3
 * to 40 (each split of the points over the lanes), on data whose mean is 10^4 times its
 * spread: a naive sum of squares would lose about eight digits there, and running means
 * of unshifted data about four. The NIST tests above check certified data. */
static void
test_line_lanes (void)
{
  g_autoptr (GRand) rng = g_rand_new_with_seed (99);
  double x[40], y[40];

  for (gsize n = 3; n <= 40; n++)
    {
      PsRegLineFit f;
      double c0, c1, cov00, cov01, cov11, sumsq;

      for (gsize i = 0; i < n; i++)
        {
          x[i] = 1e4 + (double)i * 0.37 + g_rand_double_range (rng, 0, 0.1);
          y[i] = 5e5 + 3.25e3 * x[i] + g_rand_double_range (rng, -100, 100);
        }
      long double mx = 0, my = 0, sxx = 0, sxy = 0, b, a;

      ps_reg_fit_line (x, y, n, &f);
      gsl_fit_linear (x, 1, y, 1, n, &c0, &c1, &cov00, &cov01, &cov11, &sumsq);
      /* The exact line to about 1e-19, two passes in 80-bit long double. */
      for (gsize i = 0; i < n; i++)
        mx += x[i], my += y[i];
      mx /= (long double)n;
      my /= (long double)n;
      for (gsize i = 0; i < n; i++)
        sxx += (x[i] - mx) * (x[i] - mx), sxy += (x[i] - mx) * (y[i] - my);
      b = sxy / sxx;
      a = my - b * mx;
      /* Measured: slope within 3.1e-16 and intercept within 3.0e-14 of the exact line,
       * as GSL's two-pass code (5.0e-16, 6.1e-14); the lanes without the shift by the
       * first point were off by 1.2e-12 and 2.6e-10. */
      g_assert_cmpfloat (fabsl (f.slope - b) / b, <=, 2e-15);
      g_assert_cmpfloat (fabsl (f.intercept - a) / a, <=, 2e-13);
      assert_close ("slope against GSL", f.slope, c1, 2e-15);
      assert_close ("sse against GSL", f.sse, sumsq, 1e-9);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/regression/nist-norris", test_nist_norris);
  g_test_add_func ("/engine/regression/nist-norris-csv", test_nist_norris_csv);
  g_test_add_func ("/engine/regression/gsl-cross-check", test_gsl_cross_check);
  g_test_add_func ("/engine/regression/scan-max", test_scan_max);
  g_test_add_func ("/engine/regression/scan-crossing", test_scan_crossing);
  g_test_add_func ("/engine/regression/line-lanes", test_line_lanes);
  g_test_add_func ("/engine/regression/bilinear-yield", test_bilinear_yield);
  g_test_add_func ("/engine/regression/never-yields", test_never_yields);
  g_test_add_func ("/engine/regression/specimen-errors", test_specimen_errors);
  g_test_add_func ("/engine/regression/specimen-column", test_specimen_column);
  g_test_add_func ("/engine/regression/preview", test_preview);
  g_test_add_func ("/engine/regression/preview-matches-loader", test_preview_matches_loader);
  g_test_add_func ("/engine/regression/preview-lab-exports", test_preview_lab_exports);
  g_test_add_func ("/engine/regression/preview-units", test_preview_units);
  g_test_add_func ("/engine/regression/units-separators", test_units_separators);
  g_test_add_func ("/engine/regression/csv-numbers", test_csv_numbers);
  g_test_add_func ("/engine/regression/k-n-table", test_k_n_table);
  g_test_add_func ("/engine/regression/characteristic-values", test_characteristic_values);
  g_test_add_func ("/engine/regression/generator-streams", test_generator_streams);
  g_test_add_func ("/engine/regression/backends-identical", test_backends_identical);
  g_test_add_func ("/engine/regression/examples", test_examples);
  g_test_add_func ("/engine/regression/cli", test_cli);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/engine/regression/bad/", bad_cases[i].name, NULL);

      g_test_add_data_func (path, &bad_cases[i], test_bad_case);
    }
  return g_test_run ();
}
