/* test-gui-results: the results an engineer reads (issue 19 items 1, 8, 9, 15), under
 * Xvfb, at 1024 x 700.
 *
 * meson runs this program twice: in English and with --pt_BR (this build's
 * catalogues), with the same assertions; the screenshots (PS_SCREENSHOT_DIR) are
 * named daily-N-…[-pt_BR].png to be looked at. Reference values are read from the
 * run's own files (results.csv, summary.json), which stay in SI: the window must
 * show them scaled to engineering units.
 */
#define G_LOG_DOMAIN "test-gui-results"
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <math.h>
#include <string.h>

#include "../app/ps-app-i18n.h"
#include "parastudy-application.h"
#include "parastudy-window-private.h"
#include "parastudy.h"
#include "ps-backend-picker.h"
#include "ps-gui-chart.h"
#include "ps-gui-test-utils.h"

static const char *shot_suffix = "";

static void
shot (GtkWidget *widget, const char *name)
{
  g_autofree char *full = g_strconcat (name, shot_suffix, NULL);

  g_free (screenshot (widget, full));
}

/* The first label under @root whose text holds @text, or NULL. */
static GtkWidget *
find_label (GtkWidget *root, const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root)
      && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label (c, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkColumnViewColumn *
find_column (const char *title)
{
  GListModel *cols
      = gtk_column_view_get_columns (GTK_COLUMN_VIEW (parastudy_window_get_table_view (window)));

  for (guint i = 0; i < g_list_model_get_n_items (cols); i++)
    {
      g_autoptr (GtkColumnViewColumn) c = g_list_model_get_item (cols, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (c), title) == 0)
        return c;
    }
  return NULL;
}

/* A column's title as the window composes it: its translated label and unit. */
static const char *
col_title (const char *label, const char *unit)
{
  static char buf[256];

  g_snprintf (buf, sizeof buf, _ ("%s (%s)"), _ (label), unit);
  return buf;
}

static void
settle (void)
{
  for (int i = 0; i < 10; i++)
    {
      iterate ();
      g_usleep (10000);
    }
}

/* The field @name of row @row of the table's file, as a number. */
static double
file_number (const char *name, guint row)
{
  PsCsvModel *m = parastudy_window_get_table_model (window);
  int c = ps_csv_model_find_column (m, name);

  g_assert_cmpint (c, >=, 0);
  return ps_csv_model_get_number (m, row, (guint)c);
}

/* Issue 19 item 8: the Table shows translated labels with engineering units, hides
 * the columns no row fills, shows pass/fail as words; the scatter axes and the hover
 * read-out are in the same units; the regression summary names its figures. */
static void
test_units_and_words (void)
{
  g_autofree char *defl = NULL, *readout = NULL;
  GtkWidget *chart = parastudy_window_get_chart (window);
  PsChart *c;
  GtkStringList *types;
  double px, py, d0;

  open_example ("beam-steel-ipe.json");
  g_assert_true (parastudy_window_set_backend (window, "threads", 2));
  run_and_wait ();
  parastudy_window_show_page (window, "table");
  settle ();
  /* Titles in words with the unit shown; no SI column names. */
  g_assert_nonnull (find_column (col_title ("Deflection", "mm")));
  g_assert_nonnull (find_column (col_title ("Stress", "MPa")));
  g_assert_nonnull (find_column (col_title ("Moment", "kN·m")));
  g_assert_null (find_column ("deflection_m"));
  g_assert_null (find_column ("stress_Pa"));
  /* IPE sections have no diameter: the column is in the file, not on screen. */
  g_assert_false (
      gtk_column_view_column_get_visible (find_column (col_title ("Diameter d", "mm"))));
  g_assert_true (gtk_column_view_column_get_visible (find_column (col_title ("Depth h", "mm"))));
  /* Row 0's deflection in millimetres, as the locale writes it. */
  d0 = file_number ("deflection_m", 0);
  defl = g_strdup_printf ("%.4g", d0 * 1e3);
  g_test_message ("row 0: %g m shown as %s mm", d0, defl);
  g_assert_nonnull (find_label (parastudy_window_get_table_view (window), defl));
  g_assert_nonnull (find_label (parastudy_window_get_table_view (window), _ ("✔ pass")));
  shot (GTK_WIDGET (window), "daily-8-table-units");

  /* The scatter of two columns: deflection in mm on the y axis, and the read-out
   * over a point in mm too. */
  parastudy_window_show_page (window, "charts");
  types = GTK_STRING_LIST (gtk_drop_down_get_model (GTK_DROP_DOWN (window->chart_type)));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (window->chart_type),
                              g_list_model_get_n_items (G_LIST_MODEL (types)) - 1);
  settle ();
  c = ps_gui_chart_get_chart (PS_GUI_CHART (chart));
  g_assert_nonnull (c);
  shot (GTK_WIDGET (window), "daily-8-scatter-units");
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *want = NULL;

      /* The engine's chart (output against a parameter), then the scatter. */
      if (i == 1)
        {
          gtk_drop_down_set_selected (GTK_DROP_DOWN (window->chart_type), 0);
          settle ();
          c = ps_gui_chart_get_chart (PS_GUI_CHART (chart));
          g_assert_nonnull (c);
          shot (GTK_WIDGET (window), "daily-8-chart-units");
        }
      {
        PsChartPick pick;

        g_assert_true (ps_chart_nearest (c, 3.0, i == 0 ? d0 * 1e3 : d0, &pick));
        g_assert_true (ps_chart_to_device (c, pick.x, pick.y, &px, &py));
        g_clear_pointer (&readout, g_free);
        readout = ps_gui_chart_pick (PS_GUI_CHART (chart), px, py);
        g_test_message ("read-out: %s", readout);
        g_assert_nonnull (readout);
        if (i == 0)
          {
            /* The scatter's data are in mm already. */
            want = g_strdup_printf ("y = %.4g mm", pick.y);
            g_assert_nonnull (strstr (readout, want));
          }
        else
          {
            /* The engine's axis picks its prefix from the range (mm or m): the
             * read-out names a length unit either way, never a bare SI number. */
            const char *y = strstr (readout, "y = ");

            g_assert_nonnull (y);
            g_assert_true (g_str_has_suffix (readout, " mm") || g_str_has_suffix (readout, " m"));
          }
      }
    }
  close_all ();

  /* The regression summary: mean E, f_y,k and R_m in words, no raw keys. */
  open_example ("regression-coupons.json");
  run_and_wait ();
  parastudy_window_show_page (window, "summary");
  settle ();
  g_assert_nonnull (find_label (window->summary_grid, _ ("Mean modulus E")));
  g_assert_nonnull (find_label (window->summary_grid, _ ("Characteristic yield strength f_y,k")));
  g_assert_nonnull (find_label (window->summary_grid, _ ("Mean tensile strength Rm")));
  g_assert_null (find_label (window->summary_grid, "yield_none"));
  g_assert_null (find_label (window->summary_grid, "E_min"));
  g_assert_nonnull (strstr (parastudy_window_get_summary_text (window, "E"), "GPa"));
  shot (GTK_WIDGET (window), "daily-8-regression-summary");
  parastudy_window_show_page (window, "table");
  settle ();
  g_assert_nonnull (find_column (col_title ("Young's modulus E", "GPa")));
  g_assert_nonnull (find_column (col_title ("Tensile strength R_m", "MPa")));
  shot (GTK_WIDGET (window), "daily-8-regression-table");
  close_all ();
}

static GtkWidget *
find_class (GtkWidget *root, const char *css_class)
{
  if (gtk_widget_has_css_class (root, css_class))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_class (c, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Issue 19 item 9: the coupon that could not be read (C07: "n/d" in its stress
 * column, data/examples/coupons/C07.csv line 61) is listed with its reason on the
 * Summary, where it is seen without scrolling a wide table. */
static void
test_failed_items (void)
{
  GtkWidget *list, *reason;
  graphene_rect_t b;

  open_example ("regression-coupons.json");
  run_and_wait ();
  parastudy_window_show_page (window, "summary");
  settle ();
  list = find_class (window->summary_grid, "failed-items");
  g_assert_nonnull (list);
  g_assert_true (GTK_IS_LIST_BOX (list));
  g_assert_true (gtk_widget_get_mapped (list));
  reason = find_label (list, "coupons/C07.csv:61: \"n/d\"");
  g_assert_nonnull (reason);
  g_test_message ("listed: %s", gtk_label_get_text (GTK_LABEL (reason)));
  /* On screen, inside the window's width: nothing to scroll sideways to. */
  g_assert_true (gtk_widget_compute_bounds (reason, GTK_WIDGET (window), &b));
  g_assert_cmpfloat (b.origin.x + b.size.width, <=, gtk_widget_get_width (GTK_WIDGET (window)));
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1));
  shot (GTK_WIDGET (window), "daily-9-failed-items");
  close_all ();
}

static void
remove_run_dir (PsDocument *doc)
{
  const PsDocumentResult *r = ps_document_get_result (doc);
  g_autoptr (GDir) dir = r != NULL ? g_dir_open (r->dir, 0, NULL) : NULL;
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (r->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (r->dir);
}

/* Issue 19 item 1: a sweep of 1,169,961 configurations (39 spans × 29,999 loads),
 * more than the window writes rows for by default, still shows results: the Charts
 * draw the pass map the run keeps in its summary, the Table says why it has no rows
 * without naming a command-line flag, and offers to write them all with the size it
 * will take; doing so fills the Table with one row per configuration. */
static void
test_big_sweep (void)
{
  static const char json[]
      = "{\"parastudy\": 1, \"kind\": \"beam\", \"name\": \"Big sweep\", \"beam\": {"
        "\"support\": \"simply-supported\", \"load\": {\"type\": \"uniform\", \"value\": "
        "{\"from\": \"1 kN/m\", \"to\": \"60 kN/m\", \"steps\": 29999}}, \"span\": "
        "{\"from\": \"2 m\", \"to\": \"12 m\", \"steps\": 39}, \"section\": {\"shape\": "
        "\"rectangular\", \"b\": \"180 mm\", \"h\": \"420 mm\"}, \"material\": \"S355\"}}";
  const guint64 n = 39 * 29999;
  PsDocument *doc = open_text (json);
  GtkWidget *chart = parastudy_window_get_chart (window);
  const char *info, *label;
  PsCsvModel *model;
  double ink, actual;
  GStatBuf st;
  g_autofree char *csv = NULL;

  g_assert_cmpuint (ps_study_get_n_items (ps_document_get_study (doc)), ==, n);
  g_assert_true (parastudy_window_set_backend (window, "threads", 2));
  run_and_wait ();
  parastudy_window_show_page (window, "table");
  settle ();
  g_assert_null (parastudy_window_get_table_model (window));
  info = gtk_label_get_text (GTK_LABEL (window->table_info));
  g_test_message ("table: %s", info);
  g_assert_null (strstr (info, "--rows"));
  g_assert_true (gtk_widget_get_mapped (window->write_rows_button));
  label = gtk_button_get_label (GTK_BUTTON (window->write_rows_button));
  g_test_message ("offer: %s", label);
  g_assert_nonnull (strstr (label, "MB"));
  shot (GTK_WIDGET (window), "daily-1-big-sweep-table");

  parastudy_window_show_page (window, "charts");
  settle ();
  g_assert_nonnull (ps_gui_chart_get_chart (PS_GUI_CHART (chart)));
  ink = ink_share (chart);
  g_test_message ("pass map: %.1f %% of the chart area drawn", ink * 100);
  g_assert_cmpfloat (ink, >, 0.2);
  shot (GTK_WIDGET (window), "daily-1-big-sweep-chart");

  /* Write all rows: the Table pages through all of them. */
  g_autofree char *offered = g_strdup (label);

  g_signal_emit_by_name (window->write_rows_button, "clicked");
  g_assert_true (parastudy_window_is_running (window));
  g_assert_true (wait_until (not_running, 120));
  iterate ();
  model = parastudy_window_get_table_model (window);
  g_assert_nonnull (model);
  g_assert_cmpuint (ps_csv_model_get_n_rows (model), ==, n);
  g_assert_false (gtk_widget_get_visible (window->write_rows_button));
  csv = g_build_filename (ps_document_get_result (doc)->dir, "results.csv", NULL);
  g_assert_cmpint (g_stat (csv, &st), ==, 0);
  actual = (double)st.st_size;
  g_test_message ("results.csv: %.0f bytes, offered: %s", actual, offered);
  /* The offer said "about N MB" of the same order as the file. */
  g_assert_cmpfloat (actual, >, 1e8);
  g_assert_cmpfloat (actual, <, 1e9);
  parastudy_window_show_page (window, "table");
  settle ();
  shot (GTK_WIDGET (window), "daily-1-big-sweep-all-rows");
  remove_run_dir (doc);
  close_all ();
}

/* The same for a design study (issue 16's code checks): without rows, Charts shows the
 * pass map over its two parameters with the most steps. */
static void
test_big_design_sweep (void)
{
  static const char json[]
      = "{\"parastudy\": 1, \"kind\": \"beam\", \"name\": \"Big design sweep\", \"beam\": {"
        "\"support\": \"simply-supported\", \"span\": {\"from\": \"4 m\", \"to\": \"8 m\", "
        "\"steps\": 101}, \"loads\": [{\"case\": \"Q\", \"type\": \"uniform\", \"value\": "
        "{\"from\": \"1 kN/m\", \"to\": \"120 kN/m\", \"steps\": 9901}}], \"section\": "
        "{\"shape\": \"standard\", \"designation\": \"IPE 300\"}, \"material\": \"S355\", "
        "\"self_weight\": false}, \"cases\": {\"Q\": {\"type\": \"imposed\", \"category\": "
        "\"B\"}}, \"design\": {\"code\": \"EN\", \"combinations\": \"auto\", "
        "\"lateral_restraint\": \"continuous\", \"deflection\": {\"total\": \"L/250\"}}}";
  PsDocument *doc = open_text (json);
  GtkWidget *chart = parastudy_window_get_chart (window);
  PsChart *c;
  double ink;

  g_assert_cmpuint (ps_study_get_n_items (ps_document_get_study (doc)), >, 1000000);
  g_assert_true (parastudy_window_set_backend (window, "threads", 2));
  run_and_wait ();
  parastudy_window_show_page (window, "table");
  settle ();
  g_assert_true (gtk_widget_get_mapped (window->write_rows_button));
  parastudy_window_show_page (window, "charts");
  settle ();
  c = ps_gui_chart_get_chart (PS_GUI_CHART (chart));
  g_assert_nonnull (c);
  g_test_message ("chart: %s", ps_chart_get_title (c));
  g_assert_nonnull (strstr (ps_chart_get_title (c), "loads[0].value"));
  ink = ink_share (chart);
  g_test_message ("pass map: %.1f %% of the chart area drawn", ink * 100);
  g_assert_cmpfloat (ink, >, 0.2);
  shot (GTK_WIDGET (window), "daily-1-big-design-sweep-chart");
  remove_run_dir (doc);
  close_all ();
}

/* The first widget under @root that is a @type with action @action, or NULL. */
static GtkWidget *
find_action_button (GtkWidget *root, const char *action)
{
  if (GTK_IS_BUTTON (root)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_action_button (c, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
assert_inside_window (GtkWidget *w, const char *what)
{
  graphene_rect_t b;
  int width = gtk_widget_get_width (GTK_WIDGET (window));

  g_assert_true (gtk_widget_get_mapped (w));
  g_assert_true (gtk_widget_compute_bounds (w, GTK_WIDGET (window), &b));
  g_test_message ("%s: %.0f to %.0f of %d pixels", what, b.origin.x, b.origin.x + b.size.width,
                  width);
  g_assert_cmpfloat (b.origin.x, >=, 0);
  g_assert_cmpfloat (b.origin.x + b.size.width, <=, width);
  /* Given at least what it asks for: not squeezed and clipped. */
  {
    int min;

    gtk_widget_measure (w, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
    g_assert_cmpfloat (b.size.width, >=, min);
  }
}

/* Issue 19 item 15: at 1024 x 700 (and in pt_BR, whose words are longer) the Export
 * button and the chart's right edge are inside the window; the run bar says where a
 * study runs in words ("Run on", the backend's translated name), not the
 * programmers' "Backend" and the engine's name "threads". */
static void
test_small_window (void)
{
  GtkWidget *export, *bar = parastudy_window_get_progress_bar (window);
  const PsBackend *threads = ps_backend_lookup ("threads");
  GtkDropDown *dd = GTK_DROP_DOWN (parastudy_window_get_backend_dropdown (window));
  const char *text, *tip;

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 1024);
  open_example ("beam-steel-ipe.json");
  g_assert_true (parastudy_window_set_backend (window, "threads", 2));
  run_and_wait ();
  parastudy_window_show_page (window, "charts");
  settle ();
  export = find_action_button (GTK_WIDGET (window), "win.export-chart");
  g_assert_nonnull (export);
  assert_inside_window (export, "Export button");
  assert_inside_window (parastudy_window_get_chart (window), "chart");
  assert_inside_window (parastudy_window_get_run_button (window), "Run button");
  /* The run bar: "Run on" and the backend in the GUI's words. */
  g_assert_null (find_label (GTK_WIDGET (window), "Backend"));
  {
    g_autoptr (GString) run_on = g_string_new (_ ("_Run on"));

    g_string_replace (run_on, "_", "", 0);
    g_assert_nonnull (find_label (GTK_WIDGET (window), run_on->str));
  }
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (dd)),
                                               gtk_drop_down_get_selected (dd)),
                   ==, ps_backend_picker_label (threads));
  text = gtk_progress_bar_get_text (GTK_PROGRESS_BAR (bar));
  tip = gtk_widget_get_tooltip_text (bar);
  g_test_message ("run bar: %s (%s)", text, tip);
  g_assert_null (strstr (text, "threads"));
  g_assert_nonnull (tip);
  g_assert_nonnull (strstr (tip, ps_backend_picker_label (threads)));
  shot (GTK_WIDGET (window), "daily-15-small-chart");
  parastudy_window_show_page (window, "table");
  settle ();
  shot (GTK_WIDGET (window), "daily-15-small-table");
  close_all ();
}

int
main (int argc, char *argv[])
{
  const char *locale = NULL;

  for (int i = 1; i < argc; i++)
    if (g_strcmp0 (argv[i], "--pt_BR") == 0)
      {
        locale = "pt_BR.UTF-8";
        for (int k = i; k < argc; k++)
          argv[k] = argv[k + 1];
        argc--;
        break;
      }
  gui_test_setenv ();
  if (locale != NULL)
    {
      g_setenv ("LC_ALL", locale, TRUE);
      g_unsetenv ("LANGUAGE");
      shot_suffix = "-pt_BR";
    }
  g_test_init (&argc, &argv, NULL);
  ps_app_i18n_init ();
  if (locale != NULL && g_strcmp0 (setlocale (LC_MESSAGES, NULL), locale) != 0)
    {
      g_test_skip ("the pt_BR.UTF-8 locale is not installed (tools/deps.sh)");
      return gui_test_finish (0);
    }
  if (!gui_test_open_window ())
    return gui_test_finish (0);
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 700);

  g_test_add_func ("/gui/daily/1-big-sweep-shows-results", test_big_sweep);
  g_test_add_func ("/gui/daily/1-big-design-sweep-shows-map", test_big_design_sweep);
  g_test_add_func ("/gui/daily/8-units-and-words", test_units_and_words);
  g_test_add_func ("/gui/daily/9-failed-items-listed", test_failed_items);
  g_test_add_func ("/gui/daily/15-small-window-in-words", test_small_window);
  return gui_test_finish (g_test_run ());
}
