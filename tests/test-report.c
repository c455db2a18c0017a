/* test-report.c: the calculation report, the per-kind and scaling charts, and the
 * plot and report commands on bad input.
 *
 * Run folders are made by running the example studies through the engine. The
 * PDF is checked with poppler's pdfinfo (page count, paper size) and pdftotext
 * (the study name and the key results as summary.json states them), independent
 * readers of the file. scaling.json files are written here by hand in the
 * format of the scaling harness; the fitted curves are checked against Amdahl's
 * closed form S(p) = 1 / (f + (1 - f) / p).
 */
#define G_LOG_DOMAIN "test-report"
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "parastudy.h"
#include "plot/ps-plot-study.h"
#include "report/ps-report.h"
#include "ps-cli-test-utils.h"
#include "ps-test-utils.h"

static char *tmp_dir;
static char *beam_run, *rel_run, *reg_run;

static char *
example (const char *name)
{
  const char *dir = g_getenv ("PS_EXAMPLES");

  return g_build_filename (dir != NULL ? dir : PS_SOURCE_DATADIR "/examples", name, NULL);
}

static char *
make_run (const char *example_name, const char *dir_name)
{
  g_autoptr (PsStudy) study = load_example (example_name);
  g_autoptr (GError) error = NULL;
  g_autoptr (PsRunResult) result = NULL;
  char *dir = g_build_filename (tmp_dir, dir_name, NULL);
  PsRunOptions opts;

  ps_run_options_init (&opts);
  opts.rows = PS_ROWS_ALL;
  opts.workers = 1;
  result = ps_run_to_dir (study, &opts, dir, &error);
  g_assert_no_error (error);
  return dir;
}

static gboolean
have_poppler (void)
{
  g_autofree char *a = g_find_program_in_path ("pdfinfo");
  g_autofree char *b = g_find_program_in_path ("pdftotext");

  if (a == NULL || b == NULL)
    {
      g_test_skip ("pdfinfo / pdftotext (poppler-utils) not installed");
      return FALSE;
    }
  return TRUE;
}

static char *
run_capture (const char *const *argv, int *status)
{
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  g_autofree char *err = NULL;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, status,
                &error);
  g_assert_no_error (error);
  return out;
}

static guint
pdf_pages (const char *pdf, char **size)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  int status;
  g_autofree char *out = run_capture (argv, &status);
  const char *p = strstr (out, "Pages:");
  const char *s = strstr (out, "Page size:");

  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (p);
  if (size != NULL && s != NULL)
    *size = g_strndup (s, strcspn (s, "\n"));
  return (guint)g_ascii_strtoull (p + 6 + strspn (p + 6, " "), NULL, 10);
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  int status;
  char *out = run_capture (argv, &status);

  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static JsonObject *
load_summary (const char *run, JsonParser **parser)
{
  g_autofree char *path = g_build_filename (run, "summary.json", NULL);

  *parser = json_parser_new ();
  g_assert_true (json_parser_load_from_file (*parser, path, NULL));
  return json_node_get_object (json_parser_get_root (*parser));
}

static void
assert_contains (const char *haystack, const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("expected \"%s\" in the text", needle);
}

static void
test_report_beam_pdf (void)
{
  g_autofree char *out = g_build_filename (tmp_dir, "beam.pdf", NULL);
  g_autofree char *letter = g_build_filename (tmp_dir, "beam-letter.pdf", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = load_example ("beam-timber-cantilever.json");
  g_autoptr (JsonParser) parser = NULL;
  g_autofree char *text = NULL;
  g_autofree char *size = NULL;
  g_autofree char *passing = NULL;
  JsonObject *s;
  PsReportOptions opts;
  guint pages;

  if (!have_poppler ())
    return;
  ps_report_options_init (&opts);
  pages = ps_report_write (study, beam_run, &opts, out, &error);
  g_assert_no_error (error);
  /* Title, inputs, results, charts: at least four pages, and pdfinfo agrees. */
  g_assert_cmpuint (pages, >=, 4);
  g_assert_cmpuint (pdf_pages (out, &size), ==, pages);
  assert_contains (size, "595.276 x 841.89"); /* A4 in points */
  text = pdf_text (out);
  s = load_summary (beam_run, &parser);
  assert_contains (text, study->name);
  assert_contains (text, "Calculation report");
  assert_contains (text, study->checksum);
  passing = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (s, "passing"));
  assert_contains (text, passing);
  assert_contains (text, "AISC");
  {
    g_autofree char *footer = g_strdup_printf ("page %u of %u", pages, pages);

    assert_contains (text, footer);
  }

  opts.paper = PS_PAPER_LETTER;
  g_assert_cmpuint (ps_report_write (study, beam_run, &opts, letter, &error), >, 0);
  g_free (size);
  size = NULL;
  pdf_pages (letter, &size);
  assert_contains (size, "612 x 792");
}

static void
write_scaling (const char *path, const char *mode, double f, const char *checksum)
{
  GString *s = g_string_new (NULL);
  static const int workers[] = { 1, 2, 4, 8, 16 };

  g_string_append_printf (
      s,
      "{ \"parastudy_scaling\": 1, \"mode\": \"%s\", \"repeats\": 3,\n"
      "  \"study\": {\"name\": \"x\", \"kind\": \"beam\", \"checksum\": \"%s\", "
      "\"path\": \"x.json\"},\n"
      "  \"machine\": {\"cpu_model\": \"Test CPU\", \"cores\": 16},\n"
      "  \"series\": [ { \"backend\": \"threads\", \"points\": [\n",
      mode, checksum);
  for (guint i = 0; i < G_N_ELEMENTS (workers); i++)
    {
      int p = g_str_equal (mode, "size") ? 1 : workers[i];
      double size = g_str_equal (mode, "size") ? 1e5 * (1 << i) : 3e6;
      /* Wall time from Amdahl's law with serial fraction f (size: linear in size). */
      double t = g_str_equal (mode, "size") ? 1e-7 * size : 10.0 * (f + (1 - f) / p);
      double sp = 10.0 / t;

      if (g_str_equal (mode, "size"))
        g_string_append_printf (s,
                                "{\"workers\": 1, \"size\": %.0f, \"oversubscribed\": false, "
                                "\"wall_min\": %.17g, \"wall_median\": %.17g, \"wall_max\": %.17g, "
                                "\"cpu_median\": %.17g, \"speedup\": null, \"efficiency\": null, "
                                "\"overhead\": null, \"karp_flatt\": null}%s\n",
                                size, t * 0.98, t, t * 1.03, t, i + 1 < 5 ? "," : "");
      else
        g_string_append_printf (
            s,
            "{\"workers\": %d, \"size\": %.0f, \"oversubscribed\": false, \"wall_min\": %.17g, "
            "\"wall_median\": %.17g, \"wall_max\": %.17g, \"cpu_median\": %.17g, \"speedup\": "
            "%.17g, \"efficiency\": %.17g, \"overhead\": 0.0, \"karp_flatt\": %s}%s\n",
            p, size, t * 0.98, t, t * 1.03, t * p, sp, sp / p, p == 1 ? "null" : "0.03",
            i + 1 < 5 ? "," : "");
    }
  if (g_str_equal (mode, "size"))
    g_string_append (s,
                     "], \"fit\": {\"model\": \"size\", \"exponent\": 1.0, \"exponent_se\": 0.01}");
  else
    g_string_append_printf (s,
                            "], \"fit\": {\"model\": \"amdahl\", \"serial_fraction\": %.17g, "
                            "\"serial_fraction_se\": 0.001, \"max_speedup\": %.17g}",
                            f, 1 / f);
  g_string_append (s, " } ] }\n");
  g_assert_true (g_file_set_contents (path, s->str, -1, NULL));
  g_string_free (s, TRUE);
}

static void
test_report_reliability_scaling (void)
{
  g_autofree char *out = g_build_filename (tmp_dir, "rel.pdf", NULL);
  g_autofree char *out2 = g_build_filename (tmp_dir, "rel-scaling.pdf", NULL);
  g_autofree char *sdir = g_build_filename (tmp_dir, "scaling-strong", NULL);
  g_autofree char *sjson = g_build_filename (sdir, "scaling.json", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = load_example ("reliability-axial-bar.json");
  g_autoptr (JsonParser) parser = NULL;
  g_autofree char *text = NULL;
  g_autofree char *pf = NULL;
  PsReportOptions opts;
  guint pages, pages2;
  JsonObject *s;

  if (!have_poppler ())
    return;
  g_mkdir_with_parents (sdir, 0755);
  write_scaling (sjson, "strong", 0.03, study->checksum);
  ps_report_options_init (&opts);
  pages = ps_report_write (study, rel_run, &opts, out, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pdf_pages (out, NULL), ==, pages);
  text = pdf_text (out);
  s = load_summary (rel_run, &parser);
  assert_contains (text, study->name);
  pf = g_strdup_printf ("%.5g", json_object_get_double_member (s, "pf"));
  assert_contains (text, pf);
  assert_contains (text, "Wilson");
  g_assert_null (strstr (text, "Scaling"));
  g_free (text);

  opts.scaling = sdir;
  pages2 = ps_report_write (study, rel_run, &opts, out2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pages2, >, pages);
  g_assert_cmpuint (pdf_pages (out2, NULL), ==, pages2);
  text = pdf_text (out2);
  assert_contains (text, "Scaling");
  assert_contains (text, "Amdahl");
  assert_contains (text, "0.03");
}

static void
test_report_html (void)
{
  g_autofree char *out = g_build_filename (tmp_dir, "beam.html", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = load_example ("beam-timber-cantilever.json");
  g_autofree char *html = NULL;
  PsReportOptions opts;
  guint n_svg = 0;

  ps_report_options_init (&opts);
  opts.format = PS_REPORT_HTML;
  g_assert_cmpuint (ps_report_write (study, beam_run, &opts, out, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out, &html, NULL, NULL));
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
  assert_contains (html, study->name);
  assert_contains (html, "</html>");
  for (const char *p = html; (p = strstr (p, "<svg")) != NULL; p++)
    n_svg++;
  g_assert_cmpuint (n_svg, ==, 4); /* the four beam charts, inline */
  /* Self-contained: nothing fetched from elsewhere. */
  g_assert_null (strstr (html, "src=\"http"));
  g_assert_null (strstr (html, "<link"));
  g_assert_null (strstr (html, "<?xml"));
}

static void
assert_no_file (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  GDir *d;
  const char *name;

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  /* No temporary file left beside it either. */
  d = g_dir_open (dir, 0, NULL);
  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    g_assert_false (g_str_has_prefix (name, base));
  g_dir_close (d);
}

static void
test_report_bad_input (void)
{
  g_autofree char *out = g_build_filename (tmp_dir, "bad.pdf", NULL);
  g_autofree char *missing = g_build_filename (tmp_dir, "no-such-run", NULL);
  g_autofree char *unwritable = g_build_filename (tmp_dir, "no-such-dir", "r.pdf", NULL);
  g_autofree char *bad_scaling = g_build_filename (tmp_dir, "bad-scaling.json", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = load_example ("beam-timber-cantilever.json");
  PsReportOptions opts;

  ps_report_options_init (&opts);
  /* A run folder that does not exist. */
  g_assert_cmpuint (ps_report_write (study, missing, &opts, out, &error), ==, 0);
  g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "no-such-run"));
  g_clear_error (&error);
  assert_no_file (out);
  /* A run of another study: the checksums differ. */
  g_assert_cmpuint (ps_report_write (study, rel_run, &opts, out, &error), ==, 0);
  g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "SHA-256"));
  g_assert_nonnull (strstr (error->message, "Axial stressed bar"));
  g_clear_error (&error);
  assert_no_file (out);
  /* An output that cannot be written. */
  g_assert_cmpuint (ps_report_write (study, beam_run, &opts, unwritable, &error), ==, 0);
  g_assert_error (error, PS_ERROR, PS_ERROR_IO);
  g_clear_error (&error);
  assert_no_file (unwritable);
  /* A scaling study of another study file. */
  {
    g_autofree char *foreign = g_build_filename (tmp_dir, "foreign-scaling.json", NULL);

    write_scaling (foreign, "strong", 0.03, "0123456789abcdef");
    opts.scaling = foreign;
    g_assert_cmpuint (ps_report_write (study, beam_run, &opts, out, &error), ==, 0);
    g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "not of this study file"));
    g_clear_error (&error);
    assert_no_file (out);
    opts.scaling = NULL;
  }
  /* A broken scaling.json: the message names the file and the member. */
  g_assert_true (g_file_set_contents (
      bad_scaling, "{\"parastudy_scaling\": 1, \"mode\": \"fast\", \"series\": []}", -1, NULL));
  opts.scaling = bad_scaling;
  g_assert_cmpuint (ps_report_write (study, beam_run, &opts, out, &error), ==, 0);
  g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "bad-scaling.json: mode"));
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (bad_scaling,
                                      "{\"parastudy_scaling\": 1, \"mode\": \"strong\", "
                                      "\"series\": [{\"backend\": \"threads\", \"points\": "
                                      "[{\"workers\": 1, \"wall_median\": 1}, {\"workers\": 2}]}]}",
                                      -1, NULL));
  g_assert_cmpuint (ps_report_write (study, beam_run, &opts, out, &error), ==, 0);
  g_assert_nonnull (strstr (error->message, "series[0].points[1]"));
  g_clear_error (&error);
  assert_no_file (out);
}

static void
test_scaling_charts (void)
{
  g_autofree char *sdir = g_build_filename (tmp_dir, "scaling-fit", NULL);
  g_autofree char *sjson = g_build_filename (sdir, "scaling.json", NULL);
  g_autofree char *size_json = g_build_filename (tmp_dir, "scaling-size.json", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PsScalingData) sd = NULL;
  const double f = 0.05;

  g_mkdir_with_parents (sdir, 0755);
  write_scaling (sjson, "strong", f, "0");
  sd = ps_scaling_data_load (sdir, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ps_scaling_data_get_mode (sd), ==, "strong");
  {
    g_autoptr (PsChart) c = ps_plot_scaling_chart (sd, "speedup", &error);
    PsChartPick pick;
    double want = 1 / (f + (1 - f) / 16.0);

    g_assert_no_error (error);
    /* The nearest drawn point to (16, Amdahl's S(16)) is on the fit curve, exactly. */
    g_assert_true (ps_chart_nearest (c, 16, want, &pick));
    g_assert_cmpfloat_with_epsilon (pick.y, want, want * 1e-12);
    g_assert_cmpfloat (pick.x, ==, 16);
    g_assert_cmpstr (ps_chart_get_title (c), ==, "Speedup (strong scaling)");
    if (g_getenv ("PS_TEST_KEEP") != NULL)
      {
        g_autofree char *png
            = g_build_filename (g_getenv ("PS_TEST_KEEP"), "scaling-speedup.png", NULL);

        g_assert_true (ps_chart_write (c, png, 640, 400, 96, NULL));
      }
  }
  {
    g_autoptr (PsChart) c = ps_plot_scaling_chart (sd, "efficiency", &error);
    PsChartPick pick;
    double want = 1 / (f + (1 - f) / 8.0) / 8.0;

    g_assert_no_error (error);
    g_assert_true (ps_chart_nearest (c, 8, want, &pick));
    g_assert_cmpfloat_with_epsilon (pick.y, want, 1e-9);
  }
  {
    g_autoptr (PsChart) c = ps_plot_scaling_chart (sd, "time", &error);

    g_assert_no_error (error);
    g_assert_cmpint (ps_chart_get_axis_scale (c, PS_AXIS_X), ==, PS_SCALE_LOG);
    g_assert_cmpint (ps_chart_get_axis_scale (c, PS_AXIS_Y), ==, PS_SCALE_LOG);
  }
  g_assert_null (ps_plot_scaling_chart (sd, "histogram", &error));
  g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
  g_clear_error (&error);

  /* A size scan: time only, with the fitted exponent. */
  write_scaling (size_json, "size", 0, "0");
  {
    g_autoptr (PsScalingData) sz = ps_scaling_data_load (size_json, &error);
    g_autoptr (PsChart) t = NULL;
    PsChartPick pick;

    g_assert_no_error (error);
    g_assert_null (ps_plot_scaling_chart (sz, "speedup", &error));
    g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
    g_clear_error (&error);
    t = ps_plot_scaling_chart (sz, "time", &error);
    g_assert_no_error (error);
    /* T = 1e-7 · size exactly: the fit line through it at size 1.6e6 is 0.16 s. */
    g_assert_true (ps_chart_nearest (t, 1.6e6, 0.16, &pick));
    g_assert_cmpfloat_with_epsilon (pick.y, 0.16, 1e-9);
  }
}

static void
test_beam_charts (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsRunData) rd = ps_run_data_load (beam_run, &error);
  const char *names[] = { "output-vs-param", "heatmap", "passfail" };

  g_assert_no_error (error);
  g_assert_cmpstr (ps_run_data_get_kind (rd), ==, "beam");
  g_assert_cmpuint (ps_run_data_get_n_rows (rd), ==, 7722);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (PsChart) c = ps_plot_study_chart (rd, names[i], NULL, &error);
      g_autofree char *png = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (c);
      if (g_getenv ("PS_TEST_KEEP") != NULL)
        {
          g_autofree char *file = g_strdup_printf ("beam-%s.png", names[i]);

          png = g_build_filename (g_getenv ("PS_TEST_KEEP"), file, NULL);
          g_assert_true (ps_chart_write (c, png, 800, 500, 96, NULL));
        }
    }
  /* One curve per material of the study (C24 and GL24h), and the study's deflection
   * limit L/150 (checks.deflection_limit) as a line of slope 1/150 over the spans. */
  {
    PsPlotParams p = { "span", "deflection", "material", NULL, NULL };
    g_autoptr (PsChart) c = ps_plot_study_chart (rd, "output-vs-param", &p, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (ps_chart_get_n_series (c), ==, 3);
    g_assert_cmpstr (ps_chart_series_get_name (c, 2), ==, "deflection limit L/150");
  }
  /* Utilisation against span: the line utilisation = 1. */
  {
    PsPlotParams p = { "span", "utilisation", "material", NULL, NULL };
    g_autoptr (PsChart) c = ps_plot_study_chart (rd, "output-vs-param", &p, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (ps_chart_series_get_name (c, 2), ==, "utilisation = 1");
  }
  /* The parameters off the map's axes held at the values asked (issue 19 item 10),
   * not at their middle ones (GL24h, 115 mm). */
  {
    const char *const fixed[] = { "material=C24", "b_m=0.09", NULL };
    PsPlotParams p = { "span", NULL, "h", NULL, fixed };
    g_autoptr (PsChart) c = ps_plot_study_chart (rd, "heatmap", &p, &error);
    g_autoptr (GPtrArray) params = ps_plot_study_parameters (rd);

    g_assert_no_error (error);
    g_assert_nonnull (strstr (ps_chart_get_title (c), "C24"));
    g_assert_nonnull (strstr (ps_chart_get_title (c), "90 mm"));
    g_assert_null (strstr (ps_chart_get_title (c), "GL24h"));
    /* Material, b, h, span and load vary; the parameters list them with their values. */
    g_assert_cmpuint (params->len, ==, 5);
    for (guint i = 0; i < params->len; i++)
      {
        PsPlotParameter *pp = g_ptr_array_index (params, i);

        if (g_str_equal (pp->name, "span_m"))
          g_assert_cmpuint (pp->keys->len, ==, 9);
        if (g_str_equal (pp->name, "material"))
          g_assert_cmpstr (g_ptr_array_index (pp->keys, 0), ==, "C24");
      }
  }
  /* Unknown columns name what there is. */
  {
    PsPlotParams p = { "colour", NULL, NULL, NULL, NULL };

    g_assert_null (ps_plot_study_chart (rd, "output-vs-param", &p, &error));
    g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "span_m"));
    g_clear_error (&error);
  }
  /* A chart of another kind. */
  g_assert_null (ps_plot_study_chart (rd, "convergence", NULL, &error));
  g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "passfail"));
  g_clear_error (&error);
}

/* The specimen chart reads coupon C01's points again from its CSV file: strain in
 * % with ',' decimals after two comment lines and a header. The largest stress in
 * the file is 551.71 MPa (data/examples/coupons/C01.csv, read with awk in the
 * comment below), so the curve's points must reach it. */
static void
test_regression_charts (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsRunData) rd = ps_run_data_load (reg_run, &error);
  g_autofree char *out = g_build_filename (tmp_dir, "reg.pdf", NULL);
  g_autoptr (PsStudy) study = load_example ("regression-coupons.json");
  PsReportOptions opts;

  g_assert_no_error (error);
  {
    PsPlotParams p = { NULL, NULL, NULL, "C01", NULL };
    g_autoptr (PsChart) c = ps_plot_study_chart (rd, "specimen", &p, &error);
    PsChartPick pick;

    g_assert_no_error (error);
    g_assert_cmpstr (ps_chart_get_title (c), ==, "Specimen C01");
    /* awk -F';' 'NR>3 {gsub(",", ".", $1); gsub(",", ".", $2);
     *   if ($2+0 > m) {m = $2+0; x = $1}} END {print x, m}' C01.csv → 15.86948 551.71 */
    g_assert_true (ps_chart_nearest (c, 15.86948, 551.71e6, &pick));
    g_assert_cmpfloat_with_epsilon (pick.y, 551.71e6, 1.0);
    g_assert_cmpfloat_with_epsilon (pick.x, 15.86948, 1e-9);
    if (g_getenv ("PS_TEST_KEEP") != NULL)
      {
        g_autofree char *png
            = g_build_filename (g_getenv ("PS_TEST_KEEP"), "reg-specimen.png", NULL);

        g_assert_true (ps_chart_write (c, png, 800, 500, 96, NULL));
      }
  }
  {
    PsPlotParams p = { NULL, NULL, NULL, "C99", NULL };

    g_assert_null (ps_plot_study_chart (rd, "specimen", &p, &error));
    g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
    g_clear_error (&error);
  }
  {
    g_autoptr (PsChart) c = ps_plot_study_chart (rd, "E-histogram", NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (ps_chart_get_n_series (c), ==, 2);
  }
  ps_report_options_init (&opts);
  g_assert_cmpuint (ps_report_write (study, reg_run, &opts, out, &error), >=, 4);
  g_assert_no_error (error);
  if (have_poppler ())
    {
      g_autofree char *text = pdf_text (out);

      assert_contains (text, "S355 coupons");
      assert_contains (text, "Young's modulus E");
      g_assert_null (strstr (text, "not drawn"));
    }
}

static void
test_cli (void)
{
  g_autofree char *png = g_build_filename (tmp_dir, "cli.png", NULL);
  g_autofree char *svg = g_build_filename (tmp_dir, "cli.svg", NULL);
  g_autofree char *pdf = g_build_filename (tmp_dir, "cli.pdf", NULL);
  g_autofree char *unwritable = g_build_filename (tmp_dir, "nope", "c.png", NULL);
  g_autofree char *missing = g_build_filename (tmp_dir, "missing-run", NULL);
  g_autofree char *study = example ("beam-timber-cantilever.json");
  g_autofree char *data = NULL;

  if (cli_path () == NULL)
    {
      g_test_skip ("PS_CLI not set");
      return;
    }
  {
    g_autoptr (CliResult) r
        = cli_run (NULL, "C", "plot", beam_run, "--chart", "heatmap", "--out", png);

    g_assert_cmpint (r->status, ==, 0);
    g_assert_true (g_file_get_contents (png, &data, NULL, NULL));
    g_assert_true (g_str_has_prefix (data, "\x89PNG"));
  }
  {
    g_autoptr (CliResult) r
        = cli_run (NULL, "C", "plot", rel_run, "--chart", "convergence", "--out", svg);

    g_assert_cmpint (r->status, ==, 0);
    g_assert_true (g_file_test (svg, G_FILE_TEST_EXISTS));
  }
  /* A chart the kind does not have: 2, and the message lists the kind's charts. */
  {
    g_autoptr (CliResult) r
        = cli_run (NULL, "C", "plot", rel_run, "--chart", "heatmap", "--out", pdf);

    g_assert_cmpint (r->status, ==, 2);
    g_assert_nonnull (strstr (r->err, "convergence"));
    assert_no_file (pdf);
  }
  {
    g_autoptr (CliResult) r
        = cli_run (NULL, "C", "plot", missing, "--chart", "heatmap", "--out", pdf);

    g_assert_cmpint (r->status, ==, 2);
    g_assert_nonnull (strstr (r->err, "missing-run"));
    assert_no_file (pdf);
  }
  {
    g_autoptr (CliResult) r
        = cli_run (NULL, "C", "plot", beam_run, "--chart", "heatmap", "--out", unwritable);

    g_assert_cmpint (r->status, ==, 1);
    g_assert_nonnull (strstr (r->err, "nope"));
    assert_no_file (unwritable);
  }
  /* report: the run of another study is bad input. */
  {
    g_autoptr (CliResult) r = cli_run (NULL, "C", "report", study, "--run", rel_run, "--out", pdf);

    g_assert_cmpint (r->status, ==, 2);
    g_assert_nonnull (strstr (r->err, "SHA-256"));
    assert_no_file (pdf);
  }
  {
    g_autoptr (CliResult) r
        = cli_run (NULL, "C", "report", study, "--run", beam_run, "--paper", "a3", "--out", pdf);

    g_assert_cmpint (r->status, ==, 2);
    g_assert_nonnull (strstr (r->err, "--paper"));
  }
  {
    g_autoptr (CliResult) r = cli_run (NULL, "C", "report", study, "--run", beam_run, "--out", pdf);

    g_assert_cmpint (r->status, ==, 0);
    g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
  }
}

int
main (int argc, char **argv)
{
  int rc;

  g_setenv ("LC_ALL", "C", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("ps-report-XXXXXX", NULL);
  beam_run = make_run ("beam-timber-cantilever.json", "beam-run");
  rel_run = make_run ("reliability-axial-bar.json", "rel-run");
  reg_run = make_run ("regression-coupons.json", "reg-run");
  g_test_add_func ("/report/pdf/beam", test_report_beam_pdf);
  g_test_add_func ("/report/pdf/reliability-with-scaling", test_report_reliability_scaling);
  g_test_add_func ("/report/html/beam", test_report_html);
  g_test_add_func ("/report/bad-input", test_report_bad_input);
  g_test_add_func ("/plot/study/beam-charts", test_beam_charts);
  g_test_add_func ("/plot/scaling/charts", test_scaling_charts);
  g_test_add_func ("/plot/study/regression-charts", test_regression_charts);
  g_test_add_func ("/plot/cli/plot-and-report", test_cli);
  rc = g_test_run ();
  rm_rf (tmp_dir);
  g_free (tmp_dir);
  g_free (beam_run);
  g_free (rel_run);
  g_free (reg_run);
  return rc;
}
