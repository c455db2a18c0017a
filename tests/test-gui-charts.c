/* test-gui-charts.c: charts an engineer can steer, under xvfb-run (issue 19 items 10
 * and 11, issue 18's specimen picker).
 *
 * - 10: the parameters on a map's axes and the values of the others are chosen in
 *   the Charts tab; a chart never runs against a parameter that does not vary; the
 *   deflection limit and utilisation = 1 are drawn; a map exports as PNG, SVG, PDF.
 * - 11: the Lightest tab shows the lightest passing design in full and the study's
 *   load–span table (summary.json lightest_by_group) with a map of it.
 * - 18: a specimen picker on the curve chart, its ISO 6892-1 quantities beside it.
 *
 * Every value compared is the run's own (summary.json, results.csv): these tests
 * check what the window shows against what the engine wrote, the engine's numbers
 * being tested against published references in the engine's tests.
 */
#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <math.h>
#include <string.h>

#include "../app/ps-app-i18n.h"
#include "parastudy-application.h"
#include "parastudy-window-private.h"
#include "parastudy.h"
#include "ps-chart-controls.h"
#include "ps-gui-chart.h"
#include "ps-gui-test-utils.h"
#include "ps-lightest-view.h"
#include "ps-specimen-view.h"
#include "study/ps-summary.h"

static const char *shot_suffix = "";

/* A screenshot of the window at 1024 x 700, named after the test and the locale. */
static char *
shot_named (const char *page, const char *name)
{
  g_autofree char *full = g_strconcat (name, shot_suffix, NULL);

  char *path;

  parastudy_window_show_page (window, page);
  path = screenshot (GTK_WIDGET (window), full);
  /* Nothing makes the window outgrow a small laptop's screen. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 1024);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), <=, 700);
  return path;
}

/* Opens @example, runs it on two threads and returns its run folder's data. */
static PsRunData *
run_example (const char *example)
{
  PsDocument *doc = open_example (example);
  PsRunData *data;
  g_autoptr (GError) error = NULL;

  g_assert_true (parastudy_window_set_backend (window, "threads", 2));
  if (!action_enabled ("run"))
    g_error ("cannot run %s: %s", example,
             gtk_widget_get_tooltip_text (parastudy_window_get_run_button (window)));
  activate ("run");
  if (!parastudy_window_is_running (window))
    g_error ("%s did not start: %s", example,
             parastudy_window_get_info_message (window) ?: "(no message)");
  g_assert_true (wait_until (not_running, 120));
  iterate ();
  if (parastudy_window_get_info_message (window) != NULL)
    g_error ("the run failed: %s", parastudy_window_get_info_message (window));
  g_assert_nonnull (ps_document_get_result (doc));
  data = ps_run_data_load (ps_document_get_result (doc)->dir, &error);
  g_assert_no_error (error);
  return data;
}

/* Run folders the tests made, removed at the end. */
static GPtrArray *run_dirs;

static void
remove_run_dirs (void)
{
  for (guint i = 0; run_dirs != NULL && i < run_dirs->len; i++)
    {
      const char *dir = g_ptr_array_index (run_dirs, i);
      g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
      const char *name;

      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *f = g_build_filename (dir, name, NULL);

          g_unlink (f);
        }
      g_rmdir (dir);
    }
  g_clear_pointer (&run_dirs, g_ptr_array_unref);
}

/* Opens @example and shows the run parastudy-cli makes of it, as after a run in the
 * window: the GUI's beam editor does not yet edit a design study's load list (issue
 * 15), so the window cannot run one itself, but shows its results. */
static PsRunData *
cli_run_example (const char *example)
{
  g_autofree char *path = example_path (example);
  g_autofree char *dir = g_dir_make_tmp ("ps-gui-charts-run-XXXXXX", NULL);
  const char *cli = g_getenv ("PARASTUDY_CLI");
  const char *argv[] = { cli, "run", path, "--out", dir, "--workers", "2", "--no-history", NULL };
  g_autofree char *summary_path = g_build_filename (dir, "summary.json", NULL);
  g_autoptr (GError) error = NULL;
  PsDocumentResult *r = g_new0 (PsDocumentResult, 1);
  g_autoptr (JsonParser) parser = json_parser_new ();
  PsDocument *doc;
  PsRunData *data;
  int status = -1;

  g_assert_nonnull (cli);
  if (run_dirs == NULL)
    run_dirs = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (run_dirs, g_strdup (dir));
  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  doc = open_example (example);
  r->dir = g_strdup (dir);
  g_assert_true (g_file_get_contents (summary_path, &r->summary_json, NULL, NULL));
  g_assert_true (json_parser_load_from_data (parser, r->summary_json, -1, NULL));
  r->summary = json_node_copy (json_parser_get_root (parser));
  r->summary_text = g_strdup ("");
  r->backend = g_strdup ("threads");
  r->workers = 2;
  ps_document_set_result (doc, r);
  iterate ();
  data = ps_run_data_load (dir, &error);
  g_assert_no_error (error);
  return data;
}

static PsChart *
shown_chart (void)
{
  iterate ();
  return ps_gui_chart_get_chart (PS_GUI_CHART (parastudy_window_get_chart (window)));
}

static gboolean
has_series (PsChart *chart, const char *prefix)
{
  for (guint i = 0; chart != NULL && i < ps_chart_get_n_series (chart); i++)
    if (g_str_has_prefix (ps_chart_series_get_name (chart, (int)i) ?: "", prefix))
      return TRUE;
  return FALSE;
}

static void
select_column (GtkWidget *dropdown, const char *name)
{
  GListModel *m = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));
  /* The drop-down shows the columns' titles; their file names are kept beside them. */
  GPtrArray *names = g_object_get_data (G_OBJECT (m), "ps-column-names");

  for (guint i = 0; i < g_list_model_get_n_items (m); i++)
    if (g_str_equal (names != NULL && i < names->len
                         ? (const char *)g_ptr_array_index (names, i)
                         : gtk_string_list_get_string (GTK_STRING_LIST (m), i),
                     name))
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), i);
        iterate ();
        return;
      }
  g_error ("no column %s in the dropdown", name);
}

/* Starts with @magic. */
static void
assert_file_starts (const char *path, const char *magic)
{
  g_autofree char *text = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &text, &len, NULL));
  g_assert_cmpuint (len, >, strlen (magic));
  g_assert_true (memcmp (text, magic, strlen (magic)) == 0);
}

/* ---- 10: charts you can steer ------------------------------------------------------ */

static void
test_steer_charts (void)
{
  g_autoptr (PsRunData) data = cli_run_example ("beam-office-floor.json");
  PsChartControls *controls = PS_CHART_CONTROLS (parastudy_window_get_chart_controls (window));
  g_auto (GStrv) xs = NULL;
  g_auto (GStrv) seconds = NULL;
  g_autoptr (GError) error = NULL;
  PsChart *chart;
  g_autofree char *p1 = NULL, *p2 = NULL, *p3 = NULL;

  parastudy_window_show_page (window, "charts");
  /* The office floor sweeps span, imposed load (loads[1]), section and material; the
   * permanent load (loads[0], 10.5 kN/m) is one value and no axis offers it. */
  g_assert_true (parastudy_window_select_chart (window, "output-vs-param"));
  iterate ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (controls)));
  xs = ps_chart_controls_dup_choices (controls, "x");
  g_assert_true (g_strv_contains ((const char *const *)xs, "span_m"));
  g_assert_true (g_strv_contains ((const char *const *)xs, "loads[1].value_N_per_m"));
  for (guint i = 0; xs[i] != NULL; i++)
    g_assert_false (g_str_has_prefix (xs[i], "loads[0]"));
  /* Nor does the engine draw against it, and says which parameters vary. */
  {
    PsPlotParams p = { "loads[0].value_N_per_m", "deflection", NULL, NULL, NULL };

    g_assert_null (ps_plot_study_chart (data, "output-vs-param", &p, &error));
    g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
    /* The parameters that do vary, by their column names (in any language). */
    g_assert_nonnull (strstr (error->message, "span_m"));
    g_assert_nonnull (strstr (error->message, "loads[1].value_N_per_m"));
    g_clear_error (&error);
  }

  /* The deflection limit of the study (design.deflection.total L/250) against span,
   * and utilisation = 1 against the largest utilisation. */
  select_column (window->chart_y, "deflection_m");
  chart = shown_chart ();
  g_assert_nonnull (chart);
  {
    g_autofree char *label = g_strdup_printf (_ ("deflection limit L/%g"), 250.0);

    g_assert_true (has_series (chart, label));
  }
  p1 = shot_named ("charts", "charts-10-deflection-limit");
  select_column (window->chart_y, "u_max");
  chart = shown_chart ();
  g_assert_true (has_series (chart, _ ("utilisation = 1")));

  /* The heat map: the axes among the varying numeric parameters, the others held at
   * the values chosen; the title names them. */
  g_assert_true (parastudy_window_select_chart (window, "heatmap"));
  iterate ();
  g_assert_nonnull (ps_chart_controls_get_dropdown (controls, "material"));
  g_assert_nonnull (ps_chart_controls_get_dropdown (controls, "section"));
  g_assert_null (ps_chart_controls_get_dropdown (controls, "span_m")); /* on an axis */
  seconds = ps_chart_controls_dup_choices (controls, "second");
  g_assert_false (g_strv_contains ((const char *const *)seconds, "material")); /* text */
  g_assert_true (ps_chart_controls_select (controls, "material", "S235"));
  g_assert_true (ps_chart_controls_select (controls, "section", "IPE 200"));
  chart = shown_chart ();
  g_assert_cmpint (ps_chart_get_kind (chart), ==, PS_CHART_HEATMAP);
  g_test_message ("heat map: %s", ps_chart_get_title (chart));
  g_assert_nonnull (strstr (ps_chart_get_title (chart), "S235"));
  g_assert_nonnull (strstr (ps_chart_get_title (chart), "IPE 200"));
  g_assert_true (ps_chart_controls_select (controls, "material", "S355"));
  g_assert_true (ps_chart_controls_select (controls, "section", "IPE 360"));
  chart = shown_chart ();
  g_assert_nonnull (strstr (ps_chart_get_title (chart), "S355"));
  g_assert_nonnull (strstr (ps_chart_get_title (chart), "IPE 360"));
  g_assert_null (strstr (ps_chart_get_title (chart), "S235"));
  p2 = shot_named ("charts", "charts-10-heatmap");

  /* Every chart exports, the map included, in the three formats. */
  g_assert_true (action_enabled ("export-chart"));
  {
    static const char *const ext[][2]
        = { { "png", "\x89PNG" }, { "svg", "<?xml" }, { "pdf", "%PDF" } };
    g_autofree char *dir = g_dir_make_tmp ("ps-gui-charts-XXXXXX", NULL);

    for (guint i = 0; i < G_N_ELEMENTS (ext); i++)
      {
        g_autofree char *name = g_strdup_printf ("map.%s", ext[i][0]);
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_assert_true (ps_gui_chart_export (PS_GUI_CHART (parastudy_window_get_chart (window)),
                                            path, 900, 600, &error));
        g_assert_no_error (error);
        assert_file_starts (path, ext[i][1]);
        g_unlink (path);
      }
    g_rmdir (dir);
  }

  /* The pass/fail map with the axes swapped: imposed load across, span up. */
  g_assert_true (parastudy_window_select_chart (window, "passfail"));
  iterate ();
  g_assert_true (ps_chart_controls_select (controls, "x", "loads[1].value_N_per_m"));
  g_assert_true (ps_chart_controls_select (controls, "second", "span_m"));
  chart = shown_chart ();
  g_assert_cmpint (ps_chart_get_kind (chart), ==, PS_CHART_HEATMAP);
  g_assert_true (action_enabled ("export-chart"));
  {
    double lo, hi;

    /* Imposed loads 6, 9 and 15 kN/m across. */
    ps_chart_get_data_range (chart, PS_AXIS_X, &lo, &hi);
    g_assert_cmpfloat (lo, <=, 6000);
    g_assert_cmpfloat (hi, >=, 15000);
    g_assert_cmpfloat (hi, <, 20000);
  }
  p3 = shot_named ("charts", "charts-10-passfail");
  close_all ();
}

/* ---- 11: lightest passing, readable and groupable ---------------------------------- */

static void
test_lightest_groups (void)
{
  g_autoptr (PsRunData) data = cli_run_example ("beam-office-floor.json");
  PsLightestView *view = PS_LIGHTEST_VIEW (parastudy_window_get_lightest_view (window));
  JsonObject *s = ps_run_data_get_summary (data);
  JsonObject *light = ps_summary_get_object (s, "lightest_passing");
  JsonArray *groups = ps_summary_get_array (s, "lightest_by_group");
  GtkStackPage *page = gtk_stack_get_page (GTK_STACK (window->view_stack), GTK_WIDGET (view));
  g_autofree char *p1 = NULL;
  PsChart *map;

  g_assert_nonnull (light);
  g_assert_nonnull (groups);
  g_assert_true (gtk_stack_page_get_visible (page));
  /* The full design: material, designation, every swept parameter, mass. */
  g_assert_cmpstr (ps_lightest_view_get_text (view, "material"), ==,
                   ps_summary_get_string (light, "material"));
  g_assert_cmpstr (ps_lightest_view_get_text (view, "section"), ==,
                   ps_summary_get_string (light, "section"));
  g_assert_nonnull (ps_lightest_view_get_text (view, "span_m"));
  g_assert_true (g_str_has_suffix (ps_lightest_view_get_text (view, "span_m"), " m"));
  g_assert_nonnull (ps_lightest_view_get_text (view, "loads[1].value_N_per_m"));
  g_assert_nonnull (strstr (ps_lightest_view_get_text (view, "mass_kg_per_m"), "kg/m"));
  {
    /* Its mass as summary.json gives it, to the four digits shown. */
    double shown = g_strtod (ps_lightest_view_get_text (view, "mass_kg_per_m"), NULL);

    g_assert_cmpfloat (fabs (shown - ps_summary_get_number (light, "mass_per_metre")), <,
                       1e-3 * shown);
  }
  /* The load–span table: one row per span and imposed load (9 x 3), each with the
   * lightest passing section and material of summary.json. */
  g_assert_cmpuint (ps_lightest_view_get_n_groups (view), ==, 27);
  g_assert_cmpuint (json_array_get_length (groups), ==, 27);
  for (guint g = 0; g < 27; g++)
    {
      JsonObject *l = ps_summary_get_object (json_array_get_object_element (groups, g), "lightest");
      const char *cell = ps_lightest_view_get_cell (view, g, 2);

      g_assert_nonnull (cell);
      if (l == NULL)
        g_assert_cmpstr (cell, ==, _ ("none passes"));
      else
        {
          g_autofree char *want = g_strdup_printf ("%s, %s", ps_summary_get_string (l, "section"),
                                                   ps_summary_get_string (l, "material"));

          g_assert_cmpstr (cell, ==, want);
        }
    }
  /* The first group's span in words, as the table shows it: 4 m. */
  g_assert_cmpstr (ps_lightest_view_get_cell (view, 0, 0), ==, "4 m");
  map = ps_gui_chart_get_chart (PS_GUI_CHART (ps_lightest_view_get_chart (view)));
  g_assert_nonnull (map);
  g_assert_cmpint (ps_chart_get_kind (map), ==, PS_CHART_HEATMAP);
  p1 = shot_named ("lightest", "charts-11-lightest");
  close_all ();

  /* A sweep without group_by: the design, no table. */
  {
    g_autoptr (PsRunData) d2 = run_example ("beam-steel-ipe.json");

    g_assert_true (gtk_stack_page_get_visible (page));
    g_assert_cmpuint (ps_lightest_view_get_n_groups (view), ==, 0);
    g_assert_nonnull (ps_lightest_view_get_text (view, "section"));
    close_all ();
  }
  /* A study that is not a sweep: no Lightest tab. */
  {
    g_autoptr (PsRunData) d3 = run_example ("reliability-axial-bar.json");

    g_assert_false (gtk_stack_page_get_visible (page));
    close_all ();
  }
}

/* ---- issue 18: the specimen picker ------------------------------------------------ */

static void
test_specimen_picker (void)
{
  g_autoptr (PsRunData) data = run_example ("regression-iso6892-bluehill.json");
  PsChartControls *controls = PS_CHART_CONTROLS (parastudy_window_get_chart_controls (window));
  PsSpecimenView *view = PS_SPECIMEN_VIEW (parastudy_window_get_specimen_view (window));
  const char *const *names = ps_run_data_get_text_column (data, "specimen");
  const double *rm = ps_run_data_get_column (data, "Rm_Pa");
  g_auto (GStrv) choices = NULL;
  g_autofree char *p1 = NULL;
  PsChart *chart;

  g_assert_nonnull (names);
  g_assert_nonnull (rm);
  g_assert_cmpuint (ps_run_data_get_n_rows (data), ==, 3);
  parastudy_window_show_page (window, "charts");
  g_assert_true (parastudy_window_select_chart (window, "specimen"));
  iterate ();
  choices = ps_chart_controls_dup_choices (controls, "specimen");
  g_assert_cmpuint (g_strv_length (choices), ==, 3);
  for (guint r = 0; r < 3; r++)
    {
      g_autofree char *title = g_strdup_printf (_ ("Specimen %s"), names[r]);
      g_autofree char *want = g_strdup_printf ("%.4g MPa", rm[r] * 1e-6);

      g_assert_true (ps_chart_controls_select (controls, "specimen", names[r]));
      chart = shown_chart ();
      g_assert_nonnull (chart);
      g_assert_cmpstr (ps_chart_get_title (chart), ==, title);
      /* Beside it, its quantities from results.csv. */
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (view)));
      g_assert_cmpstr (ps_specimen_view_get_text (view, "Rm"), ==, want);
      g_assert_nonnull (ps_specimen_view_get_text (view, "ReH"));
      g_assert_nonnull (ps_specimen_view_get_text (view, "ReL"));
      g_assert_nonnull (ps_specimen_view_get_text (view, "Rp0.2"));
      g_assert_nonnull (ps_specimen_view_get_text (view, "Ag"));
      g_assert_nonnull (ps_specimen_view_get_text (view, "A"));
    }
  p1 = shot_named ("charts", "charts-18-specimen");
  /* Another chart hides the figures. */
  g_assert_true (parastudy_window_select_chart (window, "E-histogram"));
  iterate ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (view)));
  close_all ();
}

int
main (int argc, char *argv[])
{
  shot_suffix = gui_test_start_localised (&argc, &argv);
  if (shot_suffix == NULL)
    return gui_test_finish (0);

  g_test_add_func ("/gui/daily/10-charts-you-can-steer", test_steer_charts);
  g_test_add_func ("/gui/daily/11-lightest-passing-groups", test_lightest_groups);
  g_test_add_func ("/gui/daily/18-specimen-picker", test_specimen_picker);
  {
    int status = g_test_run ();

    remove_run_dirs ();
    return gui_test_finish (status);
  }
}
