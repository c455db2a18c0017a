#define G_LOG_DOMAIN "parastudy-test"
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "parastudy.h"
#include "ps-regression.h"
#include "ps-test-utils.h"

/* The regression study with the ISO 6892-1 analysis and EN 1990 Annex D, through the
 * whole study path: a study file read from JSON, run into a folder, and its
 * results.csv, summary.json and distributions.json read back. The curves are built
 * here with exactly known answers (the construction of test-iso6892: a yield drop with
 * a serrated plateau, hardening, necking and fracture; a bilinear aluminium curve whose
 * Rp0.2 is in closed form); k_n and the characteristic values are EN 1990:2002 Table
 * D1's. A named pipe among the specimens is an item error, not a hang (issue 22). */

/* ---------------------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------------------ */

typedef struct
{
  GPtrArray *header; /* char * */
  GPtrArray *rows;   /* GPtrArray of char * */
} Csv;

/* The fields of one CSV record at @p (quotes removed, "" for a quote); *@p moves to
 * the next record. */
static GPtrArray *
csv_record (const char **p)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  GString *f = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (;; (*p)++)
    {
      char c = **p;

      if (c == '\0' || (!quoted && (c == '\n' || c == ',')))
        {
          g_ptr_array_add (out, g_strdup (f->str));
          g_string_truncate (f, 0);
          if (c != ',')
            {
              if (c == '\n')
                (*p)++;
              break;
            }
        }
      else if (c == '"')
        {
          if (quoted && (*p)[1] == '"')
            {
              g_string_append_c (f, '"');
              (*p)++;
            }
          else
            quoted = !quoted;
        }
      else
        g_string_append_c (f, c);
    }
  g_string_free (f, TRUE);
  return out;
}

static void
csv_load (Csv *csv, const char *path)
{
  g_autofree char *text = NULL;
  const char *p;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  p = text;
  csv->header = csv_record (&p);
  csv->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
  while (*p != '\0')
    g_ptr_array_add (csv->rows, csv_record (&p));
}

static void
csv_clear (Csv *csv)
{
  g_ptr_array_unref (csv->header);
  g_ptr_array_unref (csv->rows);
}

static const char *
csv_field (const Csv *csv, guint row, const char *column)
{
  GPtrArray *r = g_ptr_array_index (csv->rows, row);

  for (guint k = 0; k < csv->header->len; k++)
    if (g_str_equal (g_ptr_array_index (csv->header, k), column))
      {
        g_assert_cmpuint (k, <, r->len);
        return g_ptr_array_index (r, k);
      }
  g_error ("results.csv has no column %s", column);
  return NULL;
}

static double
csv_number (const Csv *csv, guint row, const char *column)
{
  const char *s = csv_field (csv, row, column);

  return *s == '\0' ? NAN : g_ascii_strtod (s, NULL);
}

static JsonObject *
json_file (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static char *
file_text (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
write_curve (const char *dir, const char *name, const GArray *x, const GArray *y, double scale)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  GString *s = g_string_new ("strain,stress\n");
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < x->len; i++)
    {
      char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (a, sizeof a, "%.17g", g_array_index (x, double, i));
      g_ascii_formatd (b, sizeof b, "%.17g", scale * g_array_index (y, double, i) * 1e-6);
      g_string_append_printf (s, "%s,%s\n", a, b);
    }
  g_file_set_contents (path, s->str, (gssize)s->len, &error);
  g_assert_no_error (error);
  g_string_free (s, TRUE);
}

static PsRunResult *
run_in (const PsStudy *study, const char *backend, int workers, const char *out)
{
  PsRunOptions options;

  ps_run_options_init (&options);
  options.backend = backend;
  options.workers = workers;
  options.rows = PS_ROWS_ALL;
  return run_ok (study, &options, out);
}

static void
add (GArray *x, GArray *y, double e, double s)
{
  g_array_append_val (x, e);
  g_array_append_val (y, s);
}

/* Sample mean and standard deviation (n - 1) of @v. */
static void
moments (const double *v, guint n, double *mean, double *sd)
{
  double m = 0, q = 0;

  for (guint i = 0; i < n; i++)
    m += v[i];
  m /= n;
  for (guint i = 0; i < n; i++)
    q += (v[i] - m) * (v[i] - m);
  *mean = m;
  *sd = sqrt (q / (n - 1));
}

/* ---------------------------------------------------------------------------------
 * A yield drop: ReH, ReL, Ae, Rm, Ag, A through the study, with Table D1
 * ------------------------------------------------------------------------------ */

#define YP_E 205e9
#define YP_REH 392e6
#define YP_EL 0.021   /* the last minimum of the plateau: hardening starts here */
#define YP_LAST 372e6 /* its stress */
#define YP_REL 371e6  /* the lowest stress after the initial transient */
#define YP_EU (YP_EL + 0.12)
#define YP_RM 540e6
#define YP_EF (YP_EU + 0.06)
#define YP_RF 360e6

/* test-iso6892's curve: elastic to ReH, a drop to a transient minimum of 360 MPa, a
 * serrated plateau whose lowest point after the transient is ReL, linear hardening
 * from (YP_EL, YP_LAST) to Rm at YP_EU, linear necking to YP_RF at YP_EF, fracture. */
static void
yield_curve (GArray *x, GArray *y)
{
  const double eh = YP_REH / YP_E;
  const double plateau[] = { 376e6, 371.5e6, 376e6, YP_REL, 376e6, 374e6, 376.5e6 };
  const double H = (YP_RM - YP_LAST) / (YP_EU - YP_EL);
  double e;

  for (int k = 0; k <= 95; k++)
    add (x, y, eh * k / 95, YP_REH * k / 95);
  add (x, y, eh + 0.0001, 360e6);
  e = eh + 0.00035;
  for (int k = 0; e < YP_EL - 1e-9; k++, e += 0.00025)
    add (x, y, e, plateau[k % G_N_ELEMENTS (plateau)]);
  for (int k = 0; k <= 120; k++)
    add (x, y, YP_EL + 0.001 * k, YP_LAST + H * 0.001 * k);
  for (int k = 1; k <= 60; k++)
    add (x, y, YP_EU + 0.001 * k, YP_RM - (YP_RM - YP_RF) / 0.06 * 0.001 * k);
  add (x, y, YP_EF + 0.0002, 20e6);
  add (x, y, YP_EF + 0.0004, 2e6);
}

/* Five specimens, the same curve with its stresses scaled by s_i: E, ReH, ReL and Rm
 * scale with s_i, the extensions do not (each is a strain less a stress over E). */
static const double yp_scale[] = { 0.97, 0.99, 1.0, 1.02, 1.045 };

static void
test_yield_drop (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-regression-iso-XXXXXX", NULL);
  g_autofree char *specimens = g_build_filename (dir, "coupons", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *out2 = g_build_filename (dir, "out-serial", NULL);
  g_autofree char *study_path = g_build_filename (dir, "study.json", NULL);
  g_autoptr (GArray) x = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) y = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (PsStudy) study = NULL;
  g_autoptr (PsRunResult) r = NULL, r2 = NULL;
  g_autoptr (JsonObject) summary = NULL, dists = NULL;
  g_autofree char *d1 = NULL, *d2 = NULL;
  const guint n = G_N_ELEMENTS (yp_scale);
  /* EN 1990:2002 Table D1, 5 % fractile, V_X unknown, n = 5. */
  const double k5 = 2.33;
  Csv csv;
  struct
  {
    const char *name, *column;
    double value; /* at s = 1 */
    gboolean scales;
  } q[] = {
    { "E", "E_iso_Pa", YP_E, TRUE },
    { "ReH", "ReH_Pa", YP_REH, TRUE },
    { "ReL", "ReL_Pa", YP_REL, TRUE },
    { "Rm", "Rm_Pa", YP_RM, TRUE },
    /* The horizontal through the last minimum meets the hardening line at YP_EL. */
    { "Ae", "Ae", YP_EL - YP_REH / YP_E, FALSE },
    { "Agt", "Agt", YP_EU, FALSE },
    { "Ag", "Ag", YP_EU - YP_RM / YP_E, FALSE },
    { "At", "At", YP_EF, FALSE },
    { "A", "A", YP_EF - YP_RF / YP_E, FALSE },
  };

  g_assert_cmpint (g_mkdir (specimens, 0755), ==, 0);
  yield_curve (x, y);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("s%u.csv", i + 1);

      write_curve (specimens, name, x, y, yp_scale[i]);
    }
  study = load_text_ok (
      "{\"parastudy\": 1, \"kind\": \"regression\", \"name\": \"S355 yield drop\","
      " \"source\": {\"type\": \"csv\", \"path\": \"coupons/\","
      "   \"strain\": {\"column\": \"strain\"},"
      "   \"stress\": {\"column\": \"stress\", \"unit\": \"MPa\"}},"
      " \"fit\": {\"window\": {\"type\": \"strain\", \"from\": 0.0002, \"to\": 0.0012},"
      "   \"offsets\": [\"0.2 %\", \"0.5 %\"]},"
      " \"characteristic\": {\"fractile\": 0.05, \"distribution\": \"normal\"}}",
      study_path);
  r = run_in (study, "threads", 2, out);
  summary = json_file (out, "summary.json");
  {
    g_autofree char *results = g_build_filename (out, "results.csv", NULL);

    csv_load (&csv, results);
  }
  g_assert_cmpuint (csv.rows->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("s%u", i + 1);
      const double s = yp_scale[i];

      g_assert_cmpstr (csv_field (&csv, i, "specimen"), ==, name);
      g_assert_cmpstr (csv_field (&csv, i, "error"), ==, "");
      for (guint k = 0; k < G_N_ELEMENTS (q); k++)
        assert_close (q[k].name, csv_number (&csv, i, q[k].column),
                      q[k].scales ? s * q[k].value : q[k].value, 1e-9);
      /* Rp0.2 and Rp0.5 lie on the plateau, between its transient minimum and ReH. */
      g_assert_cmpfloat (csv_number (&csv, i, "Rp0.2_Pa"), >, s * 360e6);
      g_assert_cmpfloat (csv_number (&csv, i, "Rp0.2_Pa"), <, s * YP_REH);
      g_assert_cmpfloat (csv_number (&csv, i, "Rp0.5_Pa"), >, s * 360e6);
      g_assert_cmpfloat (csv_number (&csv, i, "Rp0.5_Pa"), <, s * YP_REH);
      g_assert_cmpstr (csv_field (&csv, i, "notes"), ==, "");
    }

  /* summary.json: each quantity's statistics and its characteristic value with k_n
   * from Table D1 at n = 5, normal and lognormal, worked out here from results.csv. */
  {
    JsonObject *iso = json_object_get_object_member (
        json_object_get_object_member (summary, "iso6892"), "quantities");

    for (guint k = 0; k < G_N_ELEMENTS (q); k++)
      {
        JsonObject *o = json_object_get_object_member (iso, q[k].name);
        JsonObject *c = json_object_get_object_member (o, "characteristic");
        double v[G_N_ELEMENTS (yp_scale)], lv[G_N_ELEMENTS (yp_scale)], mean, sd, lmean, lsd;

        for (guint i = 0; i < n; i++)
          {
            v[i] = csv_number (&csv, i, q[k].column);
            lv[i] = log (v[i]);
          }
        moments (v, n, &mean, &sd);
        moments (lv, n, &lmean, &lsd);
        g_assert_cmpint (json_object_get_int_member (o, "n"), ==, n);
        assert_close (q[k].name, json_object_get_double_member (o, "mean"), mean, 1e-9);
        if (q[k].scales)
          {
            assert_close (q[k].name, json_object_get_double_member (o, "sd"), sd, 1e-6);
            assert_close (q[k].name, json_object_get_double_member (c, "k_n"), k5, 1e-15);
            assert_close (q[k].name, json_object_get_double_member (c, "normal"), mean - k5 * sd,
                          1e-8);
            assert_close (q[k].name, json_object_get_double_member (c, "lognormal"),
                          exp (lmean - k5 * lsd), 1e-8);
            assert_close (q[k].name, json_object_get_double_member (c, "value"), mean - k5 * sd,
                          1e-8);
          }
        else
          /* The same extension on every specimen: no scatter. */
          g_assert_cmpfloat (json_object_get_double_member (o, "sd"), <,
                             1e-9 * json_object_get_double_member (o, "mean"));
      }
  }

  /* distributions.json: the maximum-likelihood normal of every specimen's value (mean,
   * and the standard deviation with n, not n - 1), in the reliability study's variable
   * format; the same bytes from the serial backend. */
  dists = json_file (out, "distributions.json");
  {
    const char *names[] = { "E", "Rp0.2", "ReH", "Rm" };
    const char *cols[] = { "E_iso_Pa", "Rp0.2_Pa", "ReH_Pa", "Rm_Pa" };

    for (guint k = 0; k < G_N_ELEMENTS (names); k++)
      {
        JsonObject *o = json_object_get_object_member (dists, names[k]);
        double v[G_N_ELEMENTS (yp_scale)], mean, sd;

        g_assert_nonnull (o);
        for (guint i = 0; i < n; i++)
          v[i] = csv_number (&csv, i, cols[k]);
        moments (v, n, &mean, &sd);
        g_assert_cmpstr (json_object_get_string_member (o, "distribution"), ==, "normal");
        g_assert_cmpint (json_object_get_int_member (o, "n"), ==, n);
        g_assert_cmpstr (json_object_get_string_member (o, "unit"), ==, "Pa");
        assert_close (names[k], json_object_get_double_member (o, "mean"), mean, 1e-9);
        assert_close (names[k], json_object_get_double_member (o, "sd"), sd * sqrt ((n - 1.0) / n),
                      1e-6);
      }
  }
  /* The rows of the GUI's Summary tab and the terminal (issue 19: words and
   * engineering units, not raw keys). */
  for (int view = 0; view < 2; view++)
    {
      g_autoptr (GPtrArray) rows = ps_summary_rows_new ();

      ps_regression_summary_rows (summary, view == 0 ? PS_SUMMARY_SCREEN : PS_SUMMARY_TERMINAL,
                                  rows);
      JsonObject *reh = json_object_get_object_member (
          json_object_get_object_member (json_object_get_object_member (summary, "iso6892"),
                                         "quantities"),
          "ReH");
      gboolean seen = FALSE, seen_k = FALSE;

      for (guint i = 0; i < rows->len; i++)
        {
          const PsSummaryRow *row = g_ptr_array_index (rows, i);

          g_test_message ("%d %s | %s | %s", view, row->key, row->label, row->text);
          if (view == 0)
            {
              /* A label in words, never the key itself. */
              g_assert_cmpstr (row->label, !=, row->key);
              g_assert_null (strstr (row->label, "_none"));
            }
          if (g_str_equal (row->key, "iso.ReH"))
            {
              seen = TRUE;
              assert_close ("ReH row", row->values[0], json_object_get_double_member (reh, "mean"),
                            1e-12);
              g_assert_cmpstr (row->unit, ==, "Pa");
              g_assert_nonnull (strstr (row->text, "MPa"));
              if (view == 0)
                g_assert_nonnull (strstr (row->label, "Upper yield strength"));
            }
          if (view == 0 && g_str_equal (row->key, "iso.ReH_k"))
            {
              seen_k = TRUE;
              assert_close ("ReH_k row", row->values[0],
                            json_object_get_double_member (
                                json_object_get_object_member (reh, "characteristic"), "normal"),
                            1e-12);
            }
        }
      g_assert_true (seen);
      g_assert_true (seen_k || view == 1);
    }
  r2 = run_in (study, "serial", 1, out2);
  d1 = file_text (out, "distributions.json");
  d2 = file_text (out2, "distributions.json");
  g_assert_cmpstr (d1, ==, d2);
  csv_clear (&csv);
  rm_rf (dir);
}

/* ---------------------------------------------------------------------------------
 * Aluminium: Rp0.2 by ISO 6892-1 Annex G; fewer than 3 specimens
 * ------------------------------------------------------------------------------ */

#define AL_E 69.5e9
#define AL_FY 241e6
#define AL_H (0.021 * AL_E)

/* A bilinear curve sampled unevenly to a strain of 0.08: the offset line E (eps - a)
 * meets the hardening branch at eps* = (fy - H ey + a E) / (E - H), where the curve
 * is a straight line, so interpolation finds it exactly. */
static void
aluminium_curve (GArray *x, GArray *y)
{
  const double ey = AL_FY / AL_E;

  for (double e = 0; e < 0.0033; e += 0.0000437)
    add (x, y, e, AL_E * e);
  for (double e = 0.0037; e < 0.08; e += 0.000711)
    add (x, y, e, AL_FY + AL_H * (e - ey));
}

static double
aluminium_rp02 (void)
{
  const double a = 0.002, ey = AL_FY / AL_E;
  double es = (AL_FY - AL_H * ey + a * AL_E) / (AL_E - AL_H);

  return AL_E * (es - a);
}

static void
test_aluminium_annex_g (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-regression-iso-XXXXXX", NULL);
  g_autofree char *specimens = g_build_filename (dir, "sheet", NULL);
  g_autofree char *study_path = g_build_filename (dir, "study.json", NULL);
  g_autoptr (GArray) x = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) y = g_array_new (FALSE, FALSE, sizeof (double));
  const double scale[] = { 1.0, 1.012 };
  const char *const methods[] = { "window", "iso6892-annex-g" };

  g_assert_cmpint (g_mkdir (specimens, 0755), ==, 0);
  aluminium_curve (x, y);
  for (guint i = 0; i < G_N_ELEMENTS (scale); i++)
    {
      g_autofree char *name = g_strdup_printf ("al%u.csv", i + 1);

      write_curve (specimens, name, x, y, scale[i]);
    }
  for (guint m = 0; m < G_N_ELEMENTS (methods); m++)
    {
      /* A first window that reaches into the plastic range: alone it gives too low a
       * modulus, Annex G's iteration settles on the elastic line. */
      g_autofree char *json = g_strdup_printf (
          "{\"parastudy\": 1, \"kind\": \"regression\", \"name\": \"EN AW-6061\","
          " \"source\": {\"type\": \"csv\", \"path\": \"sheet\","
          "   \"strain\": {\"column\": \"strain\"},"
          "   \"stress\": {\"column\": \"stress\", \"unit\": \"MPa\"}},"
          " \"fit\": {\"window\": {\"type\": \"strain\", \"from\": 0.0005, \"to\": 0.006},"
          "   \"modulus_method\": \"%s\"},"
          " \"characteristic\": {\"design\": true}}",
          methods[m]);
      g_autofree char *out = g_build_filename (dir, methods[m], NULL);
      g_autoptr (PsStudy) study = load_text_ok (json, study_path);
      g_autoptr (PsRunResult) r = run_in (study, "serial", 1, out);
      g_autoptr (JsonObject) summary = json_file (out, "summary.json");
      g_autoptr (JsonObject) dists = json_file (out, "distributions.json");
      g_autofree char *results = g_build_filename (out, "results.csv", NULL);
      JsonObject *iso = json_object_get_object_member (
          json_object_get_object_member (summary, "iso6892"), "quantities");
      Csv csv;

      g_assert_cmpuint (((const PsRegressionSummary *)r->summary)->fitted, ==, 2);

      csv_load (&csv, results);
      g_assert_cmpuint (csv.rows->len, ==, 2);
      for (guint i = 0; i < 2; i++)
        {
          double E = csv_number (&csv, i, "E_iso_Pa"), rp = csv_number (&csv, i, "Rp0.2_Pa");

          if (m == 0)
            g_assert_cmpfloat (E, <, 0.9 * scale[i] * AL_E);
          else
            {
              assert_close ("E", E, scale[i] * AL_E, 1e-9);
              assert_close ("Rp0.2", rp, scale[i] * aluminium_rp02 (), 1e-9);
              /* No upper yield point on this curve: ReH and ReL are empty. */
              g_assert_true (isnan (csv_number (&csv, i, "ReH_Pa")));
              g_assert_true (isnan (csv_number (&csv, i, "ReL_Pa")));
            }
        }
      /* Two specimens: Table D1 (V_X unknown) starts at n = 3, so no characteristic
       * value, and the reason instead of a number; no design value (Table D2 from
       * n = 4) either. */
      {
        JsonObject *o = json_object_get_object_member (iso, "Rp0.2");
        JsonObject *c = json_object_get_object_member (o, "characteristic");
        JsonObject *d = json_object_get_object_member (o, "design");

        g_assert_cmpint (json_object_get_int_member (o, "n"), ==, 2);
        g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (c, "normal")));
        g_assert_nonnull (strstr (json_object_get_string_member (c, "reason"), "from n = 3"));
        g_assert_nonnull (strstr (json_object_get_string_member (d, "reason"), "from n = 4"));
      }
      /* distributions.json fits two values all the same. */
      g_assert_cmpint (
          json_object_get_int_member (json_object_get_object_member (dists, "Rp0.2"), "n"), ==, 2);
      csv_clear (&csv);
    }

  /* With V_X known (0.05 from earlier tests) Table D1 gives k_2 = 2.01 (EN 1990:2002
   * Table D1, V_X known, n = 2): X_k = m_X (1 - 2.01 x 0.05). */
  {
    g_autofree char *out = g_build_filename (dir, "known", NULL);
    g_autoptr (PsStudy) study = load_text_ok (
        "{\"parastudy\": 1, \"kind\": \"regression\", \"name\": \"EN AW-6061\","
        " \"source\": {\"type\": \"csv\", \"path\": \"sheet\","
        "   \"strain\": {\"column\": \"strain\"},"
        "   \"stress\": {\"column\": \"stress\", \"unit\": \"MPa\"}},"
        " \"fit\": {\"window\": {\"type\": \"strain\", \"from\": 0.0005, \"to\": 0.006},"
        "   \"modulus_method\": \"iso6892-annex-g\"},"
        " \"characteristic\": {\"vx_known\": 0.05}}",
        study_path);
    g_autoptr (PsRunResult) r = run_in (study, "threads", 2, out);
    g_autoptr (JsonObject) summary = json_file (out, "summary.json");
    JsonObject *o = json_object_get_object_member (
        json_object_get_object_member (json_object_get_object_member (summary, "iso6892"),
                                       "quantities"),
        "Rp0.2");
    JsonObject *c = json_object_get_object_member (o, "characteristic");
    double mean = aluminium_rp02 () * (1.0 + 1.012) / 2;

    g_assert_cmpuint (((const PsRegressionSummary *)r->summary)->fitted, ==, 2);
    assert_close ("mean", json_object_get_double_member (o, "mean"), mean, 1e-9);
    assert_close ("k_2", json_object_get_double_member (c, "k_n"), 2.01, 1e-15);
    assert_close ("Rp0.2,k", json_object_get_double_member (c, "normal"), mean * (1 - 2.01 * 0.05),
                  1e-9);
  }
  rm_rf (dir);
}

/* ---------------------------------------------------------------------------------
 * A named pipe among the specimens (issue 22, item 2)
 * ------------------------------------------------------------------------------ */

static void
test_fifo (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-regression-iso-XXXXXX", NULL);
  g_autofree char *specimens = g_build_filename (dir, "coupons", NULL);
  g_autofree char *fifo = g_build_filename (specimens, "b-pipe.csv", NULL);
  g_autofree char *study_path = g_build_filename (dir, "study.json", NULL);
  g_autoptr (GArray) x = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) y = g_array_new (FALSE, FALSE, sizeof (double));
  const char *const backends[] = { "serial", "threads", "processes" };

  g_assert_cmpint (g_mkdir (specimens, 0755), ==, 0);
  aluminium_curve (x, y);
  write_curve (specimens, "a.csv", x, y, 1.0);
  write_curve (specimens, "c.csv", x, y, 1.01);
  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  /* Before the fix a worker blocked in open () for ever: the test would hang. */
  alarm (120);
  for (guint b = 0; b < G_N_ELEMENTS (backends); b++)
    {
      g_autofree char *out = g_build_filename (dir, backends[b], NULL);
      g_autofree char *results = g_build_filename (out, "results.csv", NULL);
      g_autoptr (PsStudy) study = load_text_ok (
          "{\"parastudy\": 1, \"kind\": \"regression\", \"name\": \"pipe\","
          " \"source\": {\"type\": \"csv\", \"path\": \"coupons/\","
          "   \"strain\": {\"column\": \"strain\"},"
          "   \"stress\": {\"column\": \"stress\", \"unit\": \"MPa\"}},"
          " \"fit\": {\"window\": {\"type\": \"strain\", \"from\": 0.0005, \"to\": 0.002},"
          "   \"iso6892\": true}}",
          study_path);
      g_autoptr (PsRunResult) r = run_in (study, backends[b], 2, out);
      Csv csv;

      /* Two specimens fitted, the pipe not. */
      g_assert_cmpuint (((const PsRegressionSummary *)r->summary)->fitted, ==, 2);

      csv_load (&csv, results);
      g_assert_cmpuint (csv.rows->len, ==, 3);
      g_assert_cmpstr (csv_field (&csv, 0, "error"), ==, "");
      g_assert_cmpstr (csv_field (&csv, 1, "specimen"), ==, "b-pipe");
      g_assert_nonnull (strstr (csv_field (&csv, 1, "error"), "not a regular file"));
      g_assert_cmpstr (csv_field (&csv, 2, "error"), ==, "");
      assert_close ("E", csv_number (&csv, 2, "E_iso_Pa"), 1.01 * AL_E, 1e-9);
      csv_clear (&csv);
    }
  alarm (0);
  rm_rf (dir);
}

/* ---------------------------------------------------------------------------------
 * The example on every backend of this machine
 * ------------------------------------------------------------------------------ */

/* data/examples/regression-iso6892-bluehill.json (test-backends also runs it, on every
 * backend and rows mode): the same results.csv, distributions.json and summary on
 * serial, threads and processes; each specimen of the S355 plate yields
 * discontinuously, so ReH > ReL and Ae are determined, and ReL <= Rp0.2 <= ReH. */
static void
test_example_backends (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-regression-iso-XXXXXX", NULL);
  g_autoptr (PsStudy) study = load_example ("regression-iso6892-bluehill.json");
  const char *const backends[] = { "serial", "threads", "processes" };
  g_autofree char *ref_csv = NULL, *ref_dist = NULL;
  g_autoptr (JsonObject) ref_summary = NULL;

  for (guint b = 0; b < G_N_ELEMENTS (backends); b++)
    {
      g_autofree char *out = g_build_filename (dir, backends[b], NULL);
      g_autoptr (PsRunResult) r = run_in (study, backends[b], b == 0 ? 1 : 2, out);
      g_autofree char *csv_text = file_text (out, "results.csv");
      g_autofree char *dist = file_text (out, "distributions.json");
      g_autoptr (JsonObject) summary = summary_object (study, r);

      if (b == 0)
        {
          g_autofree char *results = g_build_filename (out, "results.csv", NULL);
          Csv csv;

          csv_load (&csv, results);
          g_assert_cmpuint (csv.rows->len, ==, 3);
          for (guint i = 0; i < 3; i++)
            {
              double reh = csv_number (&csv, i, "ReH_Pa"), rel = csv_number (&csv, i, "ReL_Pa");
              double rp = csv_number (&csv, i, "Rp0.2_Pa");

              g_assert_cmpstr (csv_field (&csv, i, "error"), ==, "");
              g_assert_cmpfloat (reh, >, rel);
              g_assert_cmpfloat (rp, >=, rel);
              g_assert_cmpfloat (rp, <=, reh);
              g_assert_cmpfloat (csv_number (&csv, i, "Ae"), >, 0);
              g_assert_cmpfloat (csv_number (&csv, i, "A"), >, csv_number (&csv, i, "Ag"));
            }
          csv_clear (&csv);
          ref_csv = g_steal_pointer (&csv_text);
          ref_dist = g_steal_pointer (&dist);
          ref_summary = g_steal_pointer (&summary);
          continue;
        }
      g_assert_cmpstr (csv_text, ==, ref_csv);
      g_assert_cmpstr (dist, ==, ref_dist);
      /* The statistics (the run's times, memory and workers differ). */
      for (guint k = 0; k < 4; k++)
        {
          static const char *const members[] = { "iso6892", "E", "yield", "ultimate" };

          g_assert_true (json_node_equal (json_object_get_member (summary, members[k]),
                                          json_object_get_member (ref_summary, members[k])));
        }
    }
  rm_rf (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/regression-iso/yield-drop", test_yield_drop);
  g_test_add_func ("/engine/regression-iso/aluminium-annex-g", test_aluminium_annex_g);
  g_test_add_func ("/engine/regression-iso/fifo", test_fifo);
  g_test_add_func ("/engine/regression-iso/example-backends", test_example_backends);
  return g_test_run ();
}
