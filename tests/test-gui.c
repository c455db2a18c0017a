/* test-gui: the GTK application driven as a user would, under Xvfb.
 *
 * Every test opens studies in one main window, changes forms, runs studies through
 * the window's actions and reads back what the window shows. Reference values come
 * from the engine run directly (ps_run_study), never from the window itself.
 */
#define G_LOG_DOMAIN "test-gui"
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parastudy-application.h"
#include "parastudy-window-private.h"
#include "parastudy.h"
#include "ps-gui-test-utils.h"
#include "ps-beam-editor.h"
#include "ps-gui-chart.h"
#include "ps-param-editor.h"
#include "ps-regression-editor.h"
#include "ps-reliability-editor.h"
#include "ps-scaling-view.h"
#include "history/ps-history.h"
#include "studies/regression/ps-regression.h"
#include "studies/reliability/ps-reliability.h"

/* The number at the start of a summary text, with digit grouping removed. */
static double
shown_number (const char *key)
{
  const char *text = parastudy_window_get_summary_text (window, key);
  g_autoptr (GString) s = g_string_new (NULL);

  if (text == NULL)
    g_error ("no summary figure \"%s\" is shown", key);
  for (const char *p = text; *p && *p != ' '; p++)
    if (*p != ',' && *p != '\'')
      g_string_append_c (s, *p);
  return g_ascii_strtod (s->str, NULL);
}

static void
assert_shown (const char *key, double want, double scale, double rtol)
{
  double got = shown_number (key);

  if (!(fabs (got - want * scale) <= rtol * fabs (want * scale)))
    g_error ("%s: shown %s, engine %.9g (x %g)", key,
             parastudy_window_get_summary_text (window, key), want, scale);
}

/* ---- tests ------------------------------------------------------------------ */

static void
test_open_examples (void)
{
  const char *dir = g_getenv ("PS_EXAMPLES");
  g_autoptr (GDir) d = g_dir_open (dir ? dir : PS_SOURCE_DATADIR "/examples", 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      PsDocument *doc;
      GtkWidget *editor;
      const char *kind;
      g_autofree char *path = NULL;
      g_autoptr (PsStudy) study = NULL;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      path = example_path (name);
      study = ps_study_load_file (path, NULL);
      doc = open_example (name);
      kind = ps_document_get_kind (doc);
      editor = parastudy_window_get_editor (window);
      g_assert_nonnull (editor);
      if (g_strcmp0 (kind, "beam") == 0)
        {
          g_autofree char *count = NULL;

          g_assert_true (PS_IS_BEAM_EDITOR (editor));
          /* The configuration count shown is the engine's item count. */
          count = g_strdup_printf ("%'" G_GUINT64_FORMAT " ", study->n_items);
          g_assert_true (
              g_str_has_prefix (gtk_label_get_text (GTK_LABEL (
                                    ps_beam_editor_get_count_label (PS_BEAM_EDITOR (editor)))),
                                count));
        }
      else if (g_strcmp0 (kind, "reliability") == 0)
        g_assert_true (PS_IS_RELIABILITY_EDITOR (editor));
      /* Every example loads in the engine, so the form must let it run. */
      if (study != NULL)
        {
          g_autofree char *blocker = ps_document_dup_blocker (doc);

          if (blocker != NULL)
            g_error ("%s: %s", name, blocker);
          g_assert_true (action_enabled ("run"));
        }
      g_assert_false (ps_document_get_dirty (doc));
      n++;
    }
  g_assert_cmpuint (n, >=, 6);
  close_all ();
}

static PsRunResult *
engine_run (PsDocument *doc, const char *backend, int workers)
{
  g_autoptr (PsStudy) study = ps_document_dup_study (doc, NULL);
  PsRunOptions opts;
  PsRunResult *r;

  ps_run_options_init (&opts);
  opts.backend = backend;
  opts.workers = workers;
  r = ps_run_study (study, &opts, NULL);
  g_assert_nonnull (r);
  return r;
}

static void
check_run (const char *example, const char *backend, int workers)
{
  PsDocument *doc = open_example (example);
  const PsStudy *study = ps_document_get_study (doc);
  g_autoptr (PsRunResult) ref = NULL;

  g_assert_true (parastudy_window_set_backend (window, backend, workers));
  run_and_wait ();
  ref = engine_run (doc, "serial", 1);
  if (ps_study_get_kind (study) == &ps_beam_class)
    {
      const PsBeamSummary *s = ref->summary;

      assert_shown ("configurations", (double)s->items, 1, 0);
      assert_shown ("passing", (double)s->passing, 1, 0);
      assert_shown ("failing_deflection", (double)s->fail_deflection, 1, 0);
      assert_shown ("failing_strength", (double)s->fail_strength, 1, 0);
      /* Shown with six significant digits. */
      assert_shown ("max_deflection", s->max[PS_BEAM_OUT_DEFLECTION], 1e3, 5e-6);
      assert_shown ("max_stress", s->max[PS_BEAM_OUT_STRESS], 1e-6, 5e-6);
      if (s->lightest_item != G_MAXUINT64)
        assert_shown ("mass_per_metre", s->lightest_mass, 1, 5e-6);
      /* One table row per configuration. */
      g_assert_nonnull (parastudy_window_get_table_model (window));
      g_assert_cmpuint (ps_csv_model_get_n_rows (parastudy_window_get_table_model (window)), ==,
                        s->items);
    }
  else if (ps_study_get_kind (study) == &ps_reliability_class)
    {
      const PsReliabilitySummary *s = ref->summary;
      PsReliabilityEstimate e;

      ps_reliability_estimate (s->failures, s->samples - s->nan_samples, &e);
      assert_shown ("samples", (double)s->samples, 1, 0);
      assert_shown ("failures", (double)s->failures, 1, 0);
      assert_shown ("pf", e.pf, 1, 5e-6);
      assert_shown ("beta", e.beta, 1, 5e-6);
    }
  close_all ();
}

static void
test_run_serial (void)
{
  check_run ("beam-timber-cantilever.json", "serial", 1);
  check_run ("beam-steel-ipe.json", "serial", 1);
  check_run ("beam-crane-girder.json", "serial", 1);
  check_run ("reliability-load-strength.json", "serial", 1);
  check_run ("reliability-axial-bar.json", "serial", 1);
}

static void
test_run_threads (void)
{
  check_run ("beam-timber-cantilever.json", "threads", 2);
  check_run ("beam-steel-ipe.json", "threads", 2);
  check_run ("reliability-load-strength.json", "threads", 2);
  check_run ("reliability-axial-bar.json", "threads", 2);
}

/* Export ▸ Report writes a PDF whose text (read back by poppler's pdftotext, an
 * independent tool) holds the study's name; an HTML report too; and a report to a
 * folder that does not exist shows the reason in the info bar and writes nothing. */
static void
test_export_report (void)
{
  PsDocument *doc = open_example ("beam-timber-cantilever.json");
  const char *name = ps_document_get_study (doc)->name;
  g_autofree char *dir = g_dir_make_tmp ("ps-gui-report-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *html = g_build_filename (dir, "report.html", NULL);
  g_autofree char *bad = g_build_filename (dir, "missing", "report.pdf", NULL);
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  /* Only with a result: an earlier test's run of this example is shown again when it
   * is reopened unmodified (issue 19 item 12). */
  g_assert_true (action_enabled ("export-report") == (ps_document_get_result (doc) != NULL));
  g_assert_true (parastudy_window_set_backend (window, "serial", 1));
  run_and_wait ();
  g_assert_true (action_enabled ("export-report"));

  g_assert_true (parastudy_window_export_report (window, pdf, &error));
  g_assert_no_error (error);
  if (pdftotext != NULL)
    {
      const char *argv[] = { pdftotext, "-q", pdf, "-", NULL };
      int status = 0;

      g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &text,
                                   NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_nonnull (strstr (text, name));
    }
  else
    {
      gsize len = 0;

      g_assert_true (g_file_get_contents (pdf, &text, &len, NULL));
      g_assert_true (len > 4 && memcmp (text, "%PDF", 4) == 0);
      g_test_message ("pdftotext not found: only the PDF header was checked");
    }
  g_clear_pointer (&text, g_free);
  g_assert_true (parastudy_window_export_report (window, html, &error));
  g_assert_true (g_file_get_contents (html, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, name));

  g_assert_false (parastudy_window_export_report (window, bad, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_unlink (pdf);
  g_unlink (html);
  g_rmdir (dir);
  close_all ();
}

/* A reliability study that would run for hours: only cancelling ends it. */
static const char long_study[]
    = "{\"parastudy\": 1, \"kind\": \"reliability\", \"name\": \"Long run\","
      " \"variables\": {\"R\": {\"distribution\": \"lognormal\", \"mean\": \"300 MPa\","
      " \"sd\": \"30 MPa\"}, \"S\": {\"distribution\": \"gumbel\", \"mean\": \"200 MPa\","
      " \"sd\": \"20 MPa\"}}, \"limit_state\": \"R - S\","
      " \"method\": {\"samples\": 1000000000000, \"seed\": 7}}";

static void
test_cancel (void)
{
  open_text (long_study);
  g_assert_true (parastudy_window_set_backend (window, "threads", 2));
  activate ("run");
  g_assert_true (parastudy_window_is_running (window));
  wait_until (not_running, 0.5); /* let it get going */
  g_assert_true (parastudy_window_is_running (window));
  g_assert_true (action_enabled ("cancel"));
  /* The cancellation is reported, the form is untouched and can run again. */
  cancel_within_a_second ();
  g_assert_false (action_enabled ("cancel"));
  close_all ();
}

static gint64 last_tick, last_wait, longest_gap, longest_own_gap;

/* Microseconds this thread has spent runnable but not running (the second field of
 * /proc/thread-self/schedstat, in ns), or -1 where the kernel does not say. */
static gint64
run_queue_wait (void)
{
  g_autofree char *text = NULL;
  unsigned long long run_ns, wait_ns;

  if (!g_file_get_contents ("/proc/thread-self/schedstat", &text, NULL, NULL)
      || sscanf (text, "%llu %llu", &run_ns, &wait_ns) != 2)
    return -1;
  return (gint64)(wait_ns / 1000);
}

/* The gap between two ticks, and the same less the time the main thread waited for a
 * core: what is left is time the main loop itself was busy or blocked. On a two-core
 * machine shared with other tests or sessions the scheduler alone can hold the thread
 * back for longer than 50 ms; that is not the window's doing. */
static gboolean
tick (gpointer data)
{
  gint64 now = g_get_monotonic_time (), wait = run_queue_wait ();

  if (last_tick != 0)
    {
      gint64 gap = now - last_tick;

      longest_gap = MAX (longest_gap, gap);
      longest_own_gap
          = MAX (longest_own_gap, wait >= 0 && last_wait >= 0 ? gap - (wait - last_wait) : gap);
    }
  last_tick = now;
  last_wait = wait;
  return G_SOURCE_CONTINUE;
}

static void
test_responsive (void)
{
  guint id;
  gint64 end;

  /* One worker: on a two-core machine the engine and the main loop each get one. */
  open_text (long_study);
  g_assert_true (parastudy_window_set_backend (window, "serial", 1));
  parastudy_window_show_page (window, "study");
  activate ("run");
  last_tick = 0;
  longest_gap = longest_own_gap = 0;
  id = g_timeout_add (2, tick, NULL);
  end = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
  g_assert_true (parastudy_window_is_running (window));
  activate ("cancel");
  g_assert_true (wait_until (not_running, 1.0));
  g_test_message ("longest main-loop stall during a 3 s run: %.1f ms (%.1f ms less the time "
                  "spent waiting for a core)",
                  longest_gap / 1e3, longest_own_gap / 1e3);
#ifdef __SANITIZE_ADDRESS__
  /* AddressSanitizer slows drawing several times over; the 50 ms target is for
   * the normal build, this bound only catches a main loop that blocks on the run. */
  g_assert_cmpint (longest_own_gap, <, 150000);
#else
  g_assert_cmpint (longest_own_gap, <, 50000);
#endif
  close_all ();
}

static int
count_widgets (GtkWidget *w)
{
  int n = 1;

  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    n += count_widgets (c);
  return n;
}

static void
test_million_rows (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "ps-gui-million.csv", NULL);
  FILE *f = fopen (path, "w");
  const guint n = 1000000;
  guint passing = 0;
  GtkAdjustment *adj;
  PsCsvModel *model;
  gint64 t0;
  GtkColumnView *view;
  g_autoptr (GtkColumnViewColumn) col = NULL;
  g_autoptr (PsCsvRow) first = NULL;

  g_assert_nonnull (f);
  fputs ("item,value,pass\n", f);
  /* value = (i * 7919) mod n: a permutation, so the largest is n - 1. */
  for (guint i = 0; i < n; i++)
    {
      guint v = (guint)(((guint64)i * 7919) % n);

      fprintf (f, "%u,%u,%d\n", i, v, v % 3 == 0);
      passing += v % 3 == 0;
    }
  fclose (f);

  open_example ("beam-timber-cantilever.json");
  parastudy_window_show_page (window, "table");
  t0 = g_get_monotonic_time ();
  g_assert_true (parastudy_window_load_table (window, path));
  iterate ();
  g_test_message ("a million rows opened in %.0f ms", (g_get_monotonic_time () - t0) / 1e3);
  model = parastudy_window_get_table_model (window);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);

  /* Scroll to the end and back: only the rows on screen have widgets. */
  adj = gtk_scrolled_window_get_vadjustment (
      GTK_SCROLLED_WINDOW (parastudy_window_get_table_scroller (window)));
  for (int k = 0; k < 20; k++)
    {
      gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) * k / 20.0);
      iterate ();
    }
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
  iterate ();
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), >, 0);
  g_assert_cmpint (count_widgets (parastudy_window_get_table_view (window)), <, 3000);

  /* Sorting by a header click: descending value puts n - 1 first. */
  view = GTK_COLUMN_VIEW (parastudy_window_get_table_view (window));
  col = g_list_model_get_item (gtk_column_view_get_columns (view), 1);
  gtk_column_view_sort_by_column (view, col, GTK_SORT_DESCENDING);
  iterate ();
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  {
    g_autofree char *v = ps_csv_row_dup_field (first, 1);

    g_assert_cmpstr (v, ==, "999999");
  }
  /* The passing filter keeps exactly the rows with pass = 1. */
  ps_csv_model_set_filter_column (model, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, passing);
  ps_csv_model_set_filter_column (model, -1);
  g_unlink (path);
  close_all ();
}

static void
test_invalid_value (void)
{
  PsDocument *doc = open_example ("beam-timber-cantilever.json");
  PsBeamEditor *editor = PS_BEAM_EDITOR (parastudy_window_get_editor (window));
  GtkWidget *span = ps_beam_editor_get_param (editor, "beam.span");
  GtkEditable *entry;
  const char *tip;
  g_autofree char *blocker = NULL;

  g_assert_nonnull (span);
  entry = ps_param_editor_get_entry (PS_PARAM_EDITOR (span));
  g_assert_true (action_enabled ("run"));

  /* Not a number. */
  gtk_editable_set_text (entry, "abc");
  iterate ();
  g_assert_false (action_enabled ("run"));
  tip = gtk_widget_get_tooltip_text (parastudy_window_get_run_button (window));
  g_assert_nonnull (tip);
  g_assert_nonnull (strstr (tip, "Span L (beam.span"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));

  /* A number the engine refuses: a span of zero. */
  gtk_editable_set_text (entry, "0");
  iterate ();
  g_assert_false (action_enabled ("run"));
  blocker = ps_document_dup_blocker (doc);
  g_assert_nonnull (blocker);
  g_assert_true (g_str_has_prefix (blocker, "beam.span"));
  tip = gtk_widget_get_tooltip_text (parastudy_window_get_run_button (window));
  g_assert_nonnull (strstr (tip, "Span L (beam.span"));

  /* A unit of the wrong dimension. */
  gtk_editable_set_text (entry, "3 kN");
  iterate ();
  g_assert_false (action_enabled ("run"));

  /* Valid again: 1200 mm is 1.2 m, and the file holds SI. */
  gtk_editable_set_text (entry, "1200 mm");
  iterate ();
  g_assert_true (action_enabled ("run"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  g_assert_true (ps_document_get_dirty (doc));
  /* The example's span is a range: the entry edited is its start. */
  g_assert_cmpfloat_with_epsilon (
      json_object_get_double_member (
          json_object_get_object_member (
              json_object_get_object_member (ps_document_get_root (doc), "beam"), "span"),
          "from"),
      1.2, 1e-12);
  close_all ();
}

static void
test_limit_state_error (void)
{
  static const struct
  {
    const char *text;
    guint position; /* 1-based, counted by hand */
  } cases[] = {
    { "R - * F", 5 },                /* the stray operator */
    { "R - F / (pi * D^2 / 4", 22 }, /* one past the end: the missing ')' */
    { "R - Q", 5 },                  /* an unknown name */
    { "R - sqrt(F, D)", 5 },         /* the call with two arguments: its name */
  };
  PsReliabilityEditor *editor;
  GtkEditable *ls;

  open_example ("reliability-axial-bar.json");
  editor = PS_RELIABILITY_EDITOR (parastudy_window_get_editor (window));
  ls = ps_reliability_editor_get_limit_state (editor);
  g_assert_true (action_enabled ("run"));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GtkWidget *label = ps_reliability_editor_get_limit_state_error (editor);
      g_autofree char *want = g_strdup_printf ("position %u", cases[i].position);

      gtk_editable_set_text (ls, cases[i].text);
      iterate ();
      g_assert_true (gtk_widget_get_visible (label));
      if (strstr (gtk_label_get_text (GTK_LABEL (label)), want) == NULL)
        g_error ("\"%s\": expected %s, shown \"%s\"", cases[i].text, want,
                 gtk_label_get_text (GTK_LABEL (label)));
      g_assert_cmpuint (ps_reliability_editor_get_error_position (editor), ==, cases[i].position);
      g_assert_false (action_enabled ("run"));
    }
  gtk_editable_set_text (ls, "R - F / (pi * D^2 / 4)");
  iterate ();
  g_assert_false (gtk_widget_get_visible (ps_reliability_editor_get_limit_state_error (editor)));
  g_assert_true (action_enabled ("run"));
  close_all ();
}

static void
test_backends_greyed (void)
{
  /* The run bar lists five backends; those the engine does not have cannot be
   * chosen. */
  GtkDropDown *dd = GTK_DROP_DOWN (parastudy_window_get_backend_dropdown (window));

  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (dd)), ==, 5);
  g_assert_true (parastudy_window_set_backend (window, "serial", 1));
  g_assert_false (parastudy_window_set_backend (window, "no-such-backend", 1));
  if (!ps_backend_lookup ("mpi")->is_available (NULL))
    {
      g_assert_false (parastudy_window_set_backend (window, "mpi", 1));
      gtk_drop_down_set_selected (dd, 3); /* MPI, even from the keyboard */
      g_assert_cmpuint (gtk_drop_down_get_selected (dd), ==, 0);
    }
}

/* ---- screenshots ------------------------------------------------------------ */

static void
screenshots_for (const char *example, const char *figure, const char *name)
{
  g_autofree char *p1 = NULL, *p2 = NULL, *p3 = NULL;
  g_autofree char *n1 = g_strdup_printf ("%s-summary", name);
  g_autofree char *n2 = g_strdup_printf ("%s-chart", name);
  g_autofree char *n3 = g_strdup_printf ("%s-form", name);
  GtkWidget *chart;
  double ink;

  open_example (example);
  parastudy_window_show_page (window, "study");
  p3 = screenshot (GTK_WIDGET (window), n3);
  g_assert_true (parastudy_window_set_backend (window, "threads", 2));
  run_and_wait ();
  parastudy_window_show_page (window, "summary");
  p1 = screenshot (GTK_WIDGET (window), n1);
  /* The summary label holds the figure. */
  g_assert_nonnull (parastudy_window_get_summary_text (window, figure));
  g_assert_true (g_ascii_isdigit (parastudy_window_get_summary_text (window, figure)[0]));
  parastudy_window_show_page (window, "charts");
  chart = parastudy_window_get_chart (window);
  p2 = screenshot (GTK_WIDGET (window), n2);
  /* The engine's chart for the kind is shown, not a message. */
  g_assert_nonnull (ps_gui_chart_get_chart (PS_GUI_CHART (chart)));
  g_assert_cmpuint (ps_gui_chart_get_n_points (PS_GUI_CHART (chart)), >, 0);
  ink = ink_share (chart);
  g_test_message ("%s: %.1f %% of the chart area is drawn", name, ink * 100);
  /* Not blank: axes, labels and data mark more than 2 % of the area. */
  g_assert_cmpfloat (ink, >, 0.02);
  close_all ();
}

static void
test_screenshot_beam (void)
{
  screenshots_for ("beam-steel-ipe.json", "passing", "beam");
}

static void
test_screenshot_reliability (void)
{
  screenshots_for ("reliability-axial-bar.json", "pf", "reliability");
}

/* The window at 1024 x 700 in English. */
static void
test_screenshot_small (void)
{
  screenshots_at (1024, 700, "small");
}

static PsScalingView *scaling_view;

static gboolean
scaling_done (void)
{
  return !ps_scaling_view_is_running (scaling_view);
}

/* Scaling tab: a strong-scaling run of 1 and 2 threads fills one table row per
 * point, draws the speedup chart, records its timed runs and the result in the
 * history (PARASTUDY_HISTORY, a fresh database of this test), which then lists it
 * for overlay. A bad worker list is refused with the offending entry named. */
static void
test_scaling_tab (void)
{
  PsDocument *doc = open_example ("beam-timber-cantilever.json");
  const char *name = ps_document_get_study (doc)->name;
  GtkWidget *chart;
  g_autoptr (PsHistory) history = NULL;
  g_autoptr (GArray) runs = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *shot = NULL;
  gsize before;

  scaling_view = PS_SCALING_VIEW (parastudy_window_get_scaling_view (window));
  parastudy_window_show_page (window, "scaling");
  chart = ps_scaling_view_get_chart (scaling_view);
  g_assert_cmpuint (ps_scaling_view_get_n_history (scaling_view), ==, 0);

  g_assert_true (ps_scaling_view_configure (scaling_view, "threads", "1,x", "strong", 1));
  g_assert_false (ps_scaling_view_start (scaling_view));
  g_assert_nonnull (strstr (ps_scaling_view_get_status (scaling_view), "\"x\""));
  g_assert_false (ps_scaling_view_configure (scaling_view, "no-such-backend", "1", "strong", 1));

  g_assert_true (ps_scaling_view_configure (scaling_view, "threads", "1,2", "strong", 1));
  g_assert_true (ps_scaling_view_start (scaling_view));
  g_assert_true (ps_scaling_view_is_running (scaling_view));
  g_assert_true (wait_until (scaling_done, 120));
  iterate ();
  g_test_message ("scaling: %s", ps_scaling_view_get_status (scaling_view));
  g_assert_cmpuint (ps_scaling_view_get_n_points (scaling_view), ==, 2);
  g_assert_nonnull (ps_gui_chart_get_chart (PS_GUI_CHART (chart)));
  before = ps_gui_chart_get_n_points (PS_GUI_CHART (chart));
  g_assert_cmpuint (before, >, 0);

  /* Recorded: two timed runs (one per point, one repeat) and the result. */
  history = ps_history_open (NULL, &error);
  g_assert_no_error (error);
  runs = ps_history_list_runs (history, name, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, >=, 2);
  g_assert_cmpuint (ps_scaling_view_get_n_history (scaling_view), ==, 1);
  ps_scaling_view_set_overlay (scaling_view, 0);
  g_assert_cmpuint (ps_gui_chart_get_n_points (PS_GUI_CHART (chart)), >, before);

  shot = screenshot (GTK_WIDGET (window), "scaling-tab");
  g_assert_cmpfloat (ink_share (chart), >, 0.02);
  close_all ();
}

/* The New menu lists each kind of the engine's table that is offered (the hidden
 * one left out) by its label, in the table's order, and each entry opens the kind's
 * example named as the kind says, in the kind's form, ready to run (issue 14: the
 * menu listed beam and reliability only). */
static void
test_new_menu (void)
{
  GMenuModel *menu = parastudy_window_get_kinds_menu (window);
  const PsKindClass *const *kinds = ps_kinds_list ();
  guint n = 0;
  gboolean regression = FALSE;

  for (guint i = 0; kinds[i] != NULL; i++)
    {
      g_autofree char *label = NULL;
      g_autofree char *action = NULL;
      g_autoptr (GVariant) target = NULL;
      PsDocument *doc;
      GtkWidget *editor;

      if (kinds[i]->hidden)
        continue;
      g_assert_cmpint (n, <, g_menu_model_get_n_items (menu));
      g_assert_true (
          g_menu_model_get_item_attribute (menu, (int)n, G_MENU_ATTRIBUTE_LABEL, "s", &label));
      g_assert_true (
          g_menu_model_get_item_attribute (menu, (int)n, G_MENU_ATTRIBUTE_ACTION, "s", &action));
      target = g_menu_model_get_item_attribute_value (menu, (int)n, G_MENU_ATTRIBUTE_TARGET,
                                                      G_VARIANT_TYPE_STRING);
      g_assert_cmpstr (label, ==, g_dgettext (GETTEXT_PACKAGE, kinds[i]->label));
      g_assert_cmpstr (action, ==, "win.new-study");
      g_assert_nonnull (target);
      g_assert_cmpstr (g_variant_get_string (target, NULL), ==, kinds[i]->name);

      g_action_group_activate_action (G_ACTION_GROUP (window), "new-study", target);
      iterate ();
      doc = parastudy_window_get_document (window);
      g_assert_nonnull (doc);
      g_assert_cmpstr (ps_document_get_kind (doc), ==, kinds[i]->name);
      g_assert_cmpstr (json_object_get_string_member (ps_document_get_root (doc), "name"), ==,
                       g_dgettext (GETTEXT_PACKAGE, kinds[i]->title_new));
      g_assert_nonnull (ps_document_get_study (doc));
      g_assert_true (action_enabled ("run"));
      editor = parastudy_window_get_editor (window);
      if (kinds[i] == &ps_regression_class)
        {
          g_assert_true (PS_IS_REGRESSION_EDITOR (editor));
          regression = TRUE;
        }
      n++;
    }
  g_assert_cmpuint (n, ==, g_menu_model_get_n_items (menu));
  g_assert_true (regression);
  close_all ();
}

/* Quitting with a study not saved asks first; Discard closes the window. The question
 * outlives its answer by a moment and must not reach for the window after that
 * (issue 19: a use-after-free, reported by GLib as an instance without a class).
 * This closes the window: its suite is the last registered, so it runs last. */
static void
test_quit_discard (void)
{
  PsDocument *doc = open_example ("beam-steel-ipe.json");
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWidget *dialog = NULL;

  json_object_set_string_member (ps_document_get_root (doc), "name", "Edited, not saved");
  ps_document_changed (doc);
  iterate ();
  g_assert_true (ps_document_get_dirty (doc));
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  iterate ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);

      if (GTK_IS_MESSAGE_DIALOG (w))
        dialog = GTK_WIDGET (w);
    }
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)&window);
  /* 1: the Discard answer (RESPONSE_DISCARD in parastudy-window-actions.c). */
  gtk_dialog_response (GTK_DIALOG (dialog), 1);
  iterate ();
  g_assert_null (window);
}

/* Issue 19 item 5: the wheel over a spin button while the form scrolls must not
 * change its value. The scroll is delivered as GTK delivers it: the spin button's
 * scroll controllers, capture phase first, until one takes it. */
static gboolean
wheel_over (GtkWidget *spin, double dy)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (spin);
  GtkPropagationPhase phases[] = { GTK_PHASE_CAPTURE, GTK_PHASE_BUBBLE };

  for (guint p = 0; p < G_N_ELEMENTS (phases); p++)
    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr (GtkEventController) c = g_list_model_get_item (controllers, i);
        gboolean taken = FALSE;

        if (!GTK_IS_EVENT_CONTROLLER_SCROLL (c)
            || gtk_event_controller_get_propagation_phase (c) != phases[p])
          continue;
        g_signal_emit_by_name (c, "scroll", 0.0, dy, &taken);
        if (taken)
          return TRUE;
      }
  return FALSE;
}

static void
collect_spins (GtkWidget *root, GPtrArray *out)
{
  if (GTK_IS_SPIN_BUTTON (root))
    g_ptr_array_add (out, root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    collect_spins (c, out);
}

static void
test_spin_wheel (void)
{
  const char *examples[]
      = { "reliability-axial-bar.json", "beam-timber-cantilever.json", "regression-coupons.json" };

  for (guint e = 0; e < G_N_ELEMENTS (examples); e++)
    {
      g_autoptr (GPtrArray) spins = g_ptr_array_new ();
      GtkWidget *editor;

      open_example (examples[e]);
      editor = parastudy_window_get_editor (window);
      collect_spins (editor, spins);
      g_assert_cmpuint (spins->len, >, 0);
      gtk_widget_grab_focus (parastudy_window_get_run_button (window));
      iterate ();
      for (guint i = 0; i < spins->len; i++)
        {
          GtkSpinButton *spin = g_ptr_array_index (spins, i);
          double before = gtk_spin_button_get_value (spin);

          g_assert_nonnull (gtk_widget_get_ancestor (GTK_WIDGET (spin), GTK_TYPE_SCROLLED_WINDOW));
          wheel_over (GTK_WIDGET (spin), 1.0);
          wheel_over (GTK_WIDGET (spin), -3.0);
          if (gtk_spin_button_get_value (spin) != before)
            g_error ("%s: spin button %u changed from %g to %g by the wheel without the focus",
                     examples[e], i, before, gtk_spin_button_get_value (spin));
        }
      close_all ();
    }

  /* With the focus, the wheel still steps the value: Samples of the reliability form. */
  {
    PsReliabilityEditor *editor;
    g_autoptr (GPtrArray) spins = g_ptr_array_new ();
    GtkSpinButton *spin = NULL;
    double before;

    open_example ("reliability-axial-bar.json");
    editor = PS_RELIABILITY_EDITOR (parastudy_window_get_editor (window));
    collect_spins (GTK_WIDGET (editor), spins);
    for (guint i = 0; i < spins->len && spin == NULL; i++)
      if (gtk_widget_is_drawable (g_ptr_array_index (spins, i)))
        spin = g_ptr_array_index (spins, i);
    g_assert_nonnull (spin);
    g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (spin)));
    iterate ();
    before = gtk_spin_button_get_value (spin);
    g_assert_true (wheel_over (GTK_WIDGET (spin), -1.0));
    g_assert_cmpfloat (gtk_spin_button_get_value (spin), !=, before);
    close_all ();
  }
}

/* Issue 19 item 15: switching studies leaves nothing of the previous one behind: no
 * message of it in the message bar, and the table is shown from its top-left corner
 * (a table scrolled right past the next study's columns showed it blank). */
static void
select_in_sidebar (PsDocument *doc)
{
  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (window->sidebar), i);

      g_assert_nonnull (row);
      if (g_object_get_data (G_OBJECT (row), "document") == doc)
        {
          gtk_list_box_select_row (GTK_LIST_BOX (window->sidebar), row);
          break;
        }
    }
  iterate ();
  g_assert_true (parastudy_window_get_document (window) == doc);
}

static void
test_switch_resets (void)
{
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (parastudy_window_get_table_scroller (window));
  GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (scroller);
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (scroller);
  PsDocument *first, *second;
  g_autoptr (GFile) missing = g_file_new_for_path ("/nonexistent/study.json");
  g_autofree char *png = NULL;

  first = open_example ("beam-timber-cantilever.json");
  run_and_wait ();
  second = open_example ("beam-steel-ipe.json");
  run_and_wait ();
  parastudy_window_show_page (window, "table");
  iterate ();
  /* The window narrower than the table, scrolled to its right and bottom edges. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 700);
  for (int i = 0; i < 10; i++)
    {
      iterate ();
      g_usleep (10000);
    }
  g_assert_cmpfloat (gtk_adjustment_get_upper (h), >, gtk_adjustment_get_page_size (h));
  gtk_adjustment_set_value (h, gtk_adjustment_get_upper (h) - gtk_adjustment_get_page_size (h));
  gtk_adjustment_set_value (v, gtk_adjustment_get_upper (v) - gtk_adjustment_get_page_size (v));
  iterate ();
  g_assert_cmpfloat (gtk_adjustment_get_value (h), >, 0.0);
  g_assert_cmpfloat (gtk_adjustment_get_value (v), >, 0.0);
  g_assert_false (parastudy_window_open_file (window, missing));
  g_assert_nonnull (parastudy_window_get_info_message (window));

  select_in_sidebar (first);
  g_assert_null (parastudy_window_get_info_message (window));
  g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, 0.0);
  g_assert_cmpfloat (gtk_adjustment_get_value (v), ==, 0.0);
  png = screenshot (GTK_WIDGET (window), "daily-15-switched-table");
  select_in_sidebar (second);
  g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, 0.0);
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 820);
  close_all ();
}

/* Issue 19 item 3: every problem at once, each field's own, in the form and on Run. */
static GtkWidget *
find_error_label (GtkWidget *root)
{
  if (GTK_IS_LABEL (root) && gtk_widget_has_css_class (root, "error"))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_error_label (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_every_problem (void)
{
  PsBeamEditor *editor;
  GtkEditable *span, *load;
  GtkWidget *label;
  g_autofree char *zero_message = NULL;
  const char *tip, *text;

  open_example ("beam-timber-cantilever.json");
  editor = PS_BEAM_EDITOR (parastudy_window_get_editor (window));
  label = find_error_label (GTK_WIDGET (editor));
  g_assert_nonnull (label);
  span = ps_param_editor_get_entry (
      PS_PARAM_EDITOR (ps_beam_editor_get_param (editor, "beam.span")));
  load = ps_param_editor_get_entry (
      PS_PARAM_EDITOR (ps_beam_editor_get_param (editor, "beam.load.value")));
  g_assert_false (gtk_widget_get_visible (label));

  /* A span of zero: the engine's message, on the form and on Run. */
  gtk_editable_set_text (span, "0");
  iterate ();
  g_assert_true (gtk_widget_get_visible (label));
  zero_message = g_strdup (gtk_label_get_text (GTK_LABEL (label)));
  /* In words: the field's label, not the JSON path. */
  g_assert_nonnull (strstr (zero_message, "Span L: "));
  g_assert_null (strstr (zero_message, "beam."));

  /* "abc": the field's own message replaces the one about the old value. */
  gtk_editable_set_text (span, "abc");
  iterate ();
  text = gtk_label_get_text (GTK_LABEL (label));
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_null (strstr (text, zero_message));
  g_assert_nonnull (strstr (text, "abc"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (span), "error"));

  /* "5 kg" for a length: a message stays as long as Run is disabled. */
  gtk_editable_set_text (span, "5 kg");
  iterate ();
  g_assert_false (action_enabled ("run"));
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), !=, "");
  tip = gtk_widget_get_tooltip_text (parastudy_window_get_run_button (window));
  g_assert_nonnull (strstr (tip, "kg"));

  /* Two fields wrong: both are highlighted and both messages are shown, on Run too. */
  gtk_editable_set_text (load, "xyz");
  iterate ();
  text = gtk_label_get_text (GTK_LABEL (label));
  g_assert_nonnull (strstr (text, "kg"));
  g_assert_nonnull (strstr (text, "xyz"));
  g_assert_nonnull (strstr (text, "Span L: "));
  g_assert_nonnull (strstr (text, "Load value: "));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (span), "error"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (load), "error"));
  tip = gtk_widget_get_tooltip_text (parastudy_window_get_run_button (window));
  g_assert_nonnull (strstr (tip, "kg"));
  g_assert_nonnull (strstr (tip, "xyz"));
  g_assert_nonnull (strstr (tip, "Span L (beam.span): "));
  g_assert_nonnull (strstr (tip, "Load value (beam.load.value): "));
  g_free (screenshot (GTK_WIDGET (window), "daily-3-every-problem"));
  g_free (screenshot (label, "daily-3-every-problem-message"));
  close_all ();
}

/* Issue 19 item 3: a value the engine refuses is highlighted on the field itself,
 * not only named in the message below the form. */
static void
test_engine_error_on_field (void)
{
  PsBeamEditor *editor;
  GtkWidget *span, *name;
  GdkRGBA normal, shown;

  open_example ("beam-timber-cantilever.json");
  editor = PS_BEAM_EDITOR (parastudy_window_get_editor (window));
  span = GTK_WIDGET (
      ps_param_editor_get_entry (PS_PARAM_EDITOR (ps_beam_editor_get_param (editor, "beam.span"))));
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (span), &normal);
  gtk_editable_set_text (GTK_EDITABLE (span), "-2");
  iterate ();
  g_assert_false (action_enabled ("run"));
  gtk_style_context_get_color (gtk_widget_get_style_context (span), &shown);
  G_GNUC_END_IGNORE_DEPRECATIONS
  if (gdk_rgba_equal (&normal, &shown))
    g_error ("a span of -2 m is not highlighted on its field");
  name = find_error_label (GTK_WIDGET (editor));
  g_assert_true (gtk_widget_get_visible (name));
  g_free (screenshot (GTK_WIDGET (window), "daily-3-negative-span"));
  close_all ();
}

int
main (int argc, char *argv[])
{
  gui_test_setenv ();
  g_test_init (&argc, &argv, NULL);
  if (!gui_test_open_window ())
    return gui_test_finish (0);

  g_test_add_func ("/gui/window/open-examples", test_open_examples);
  g_test_add_func ("/gui/window/backends-greyed", test_backends_greyed);
  g_test_add_func ("/gui/window/new-menu-lists-kinds", test_new_menu);
  g_test_add_func ("/gui/form/invalid-value-disables-run", test_invalid_value);
  g_test_add_func ("/gui/form/limit-state-error-position", test_limit_state_error);
  g_test_add_func ("/gui/run/serial-summary-matches-engine", test_run_serial);
  g_test_add_func ("/gui/run/threads-summary-matches-engine", test_run_threads);
  g_test_add_func ("/gui/run/cancel-within-a-second", test_cancel);
  g_test_add_func ("/gui/export/report-pdf-html", test_export_report);
  g_test_add_func ("/gui/scaling/run-fills-table-and-history", test_scaling_tab);
  g_test_add_func ("/gui/run/main-loop-stall-under-50ms", test_responsive);
  g_test_add_func ("/gui/table/million-rows", test_million_rows);
  g_test_add_func ("/gui/screenshot/beam", test_screenshot_beam);
  g_test_add_func ("/gui/screenshot/reliability", test_screenshot_reliability);
  g_test_add_func ("/gui/screenshot/1024x700", test_screenshot_small);
  g_test_add_func ("/gui/daily/3-every-problem-at-once", test_every_problem);
  g_test_add_func ("/gui/daily/3-engine-error-on-field", test_engine_error_on_field);
  g_test_add_func ("/gui/daily/5-spin-wheel-needs-focus", test_spin_wheel);
  g_test_add_func ("/gui/daily/15-switch-resets-banner-and-table", test_switch_resets);
  g_test_add_func ("/gui/daily/7-quit-discard-no-criticals", test_quit_discard);
  return gui_test_finish (g_test_run ());
}
