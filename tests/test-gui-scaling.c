/* test-gui-scaling.c: the Scaling tab under xvfb-run: each study shows its own
 * measurements (issue 19, item 2), the points' warnings and the fits' intervals in
 * words, and earlier results of several machines overlaid by name (issue 21). */
#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <string.h>

#include "../app/ps-app-i18n.h"
#include "history/ps-history.h"
#include "parastudy-application.h"
#include "parastudy-window-private.h"
#include "parastudy.h"
#include "ps-gui-chart.h"
#include "ps-gui-test-utils.h"
#include "ps-scaling-view.h"
#include "scaling/ps-scaling.h"

static PsScalingView *view;
static const char *shot_suffix = "";

/* A screenshot named after the test and, in another language, the locale. */
static char *
shot_named (const char *name)
{
  g_autofree char *full = g_strconcat (name, shot_suffix, NULL);

  parastudy_window_show_page (window, "scaling");
  return screenshot (GTK_WIDGET (window), full);
}

static gboolean
scaling_done (void)
{
  return !ps_scaling_view_is_running (view);
}

/* A scaling.json as another machine would have written it: a 1- and 2-thread strong
 * scaling of T1 = 1 s, T2 = 0.55 s. Its figures are the test's own: speedup
 * 1 / 0.55 = 1.818 and Amdahl's s from T2 / T1 = s + (1 - s) / 2, s = 0.1, ceiling
 * 1 / s = 10 (Amdahl, AFIPS 1967); the intervals are the test's choice. */
static char *
other_machine_json (const char *host, const char *started, double t2)
{
  /* JSON numbers whatever the locale's decimal separator. */
  char t[G_ASCII_DTOSTR_BUF_SIZE], sp[G_ASCII_DTOSTR_BUF_SIZE], e[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_dtostr (t, sizeof t, t2);
  g_ascii_dtostr (sp, sizeof sp, 1.0 / t2);
  g_ascii_dtostr (e, sizeof e, 0.5 / t2);
  return g_strdup_printf (
      "{\"parastudy_scaling\": 1, \"mode\": \"strong\", \"started\": \"%s\","
      " \"machine\": {\"hostname\": \"%s\", \"cpu_model\": \"Test CPU\", \"cores\": 4},"
      " \"series\": [{\"backend\": \"threads\", \"points\": ["
      "  {\"workers\": 1, \"size\": 100, \"oversubscribed\": false, \"wall_median\": 1.0,"
      "   \"speedup\": 1.0, \"efficiency\": 1.0, \"warnings\": []},"
      "  {\"workers\": 2, \"size\": 100, \"oversubscribed\": false, \"wall_median\": %s,"
      "   \"speedup\": %s, \"efficiency\": %s, \"warnings\": [\"other_load\", \"outliers\"]}],"
      " \"fit\": {\"model\": \"amdahl\", \"serial_fraction\": 0.1,"
      "  \"serial_fraction_ci95\": [0.05, 0.15], \"max_speedup\": 10,"
      "  \"max_speedup_ci95\": [6.67, 20], \"weighted\": true}}]}",
      started, host, t, sp, e);
}

/* Issue 19, item 2: a study measured, then another opened: the tab shows no points
 * and says the study has none (it showed the first study's); back to the first, its
 * points and chart again. */
static void
test_scaling_per_study (void)
{
  PsDocument *a = open_example ("beam-timber-cantilever.json");
  GtkWidget *chart;
  g_autofree char *shot = NULL;

  view = PS_SCALING_VIEW (parastudy_window_get_scaling_view (window));
  chart = ps_scaling_view_get_chart (view);
  parastudy_window_show_page (window, "scaling");
  g_assert_true (ps_scaling_view_configure (view, "threads", "1,2", "strong", 1));
  g_assert_true (ps_scaling_view_start (view));
  g_assert_true (wait_until (scaling_done, 120));
  iterate ();
  g_assert_cmpuint (ps_scaling_view_get_n_points (view), ==, 2);
  g_assert_nonnull (ps_gui_chart_get_chart (PS_GUI_CHART (chart)));

  open_example ("beam-steel-ipe.json");
  g_assert_true (parastudy_window_get_document (window) != a);
  g_assert_cmpuint (ps_scaling_view_get_n_points (view), ==, 0);
  g_assert_null (ps_gui_chart_get_chart (PS_GUI_CHART (chart)));
  g_assert_cmpstr (ps_scaling_view_get_status (view), ==,
                   _ ("No scaling measurements of this study yet"));
  shot = shot_named ("daily-2-scaling-other-study");

  open_example ("beam-timber-cantilever.json");
  g_assert_true (parastudy_window_get_document (window) == a);
  g_assert_cmpuint (ps_scaling_view_get_n_points (view), ==, 2);
  g_assert_nonnull (ps_gui_chart_get_chart (PS_GUI_CHART (chart)));
}

/* Issue 21: the warnings of each point and the fit with its intervals, in words,
 * under the table (they were not shown at all). */
static void
test_scaling_warnings (void)
{
  g_autofree char *json = other_machine_json ("lab-a", "2026-11-21T07:34:00Z", 0.55);
  const char *notes;
  g_autofree char *shot = NULL;
  g_autofree char *one = NULL, *two = NULL, *s = NULL, *c = NULL, *fit = NULL;

  ps_scaling_view_show_json (view, json);
  iterate ();
  notes = ps_scaling_view_get_notes (view);
  g_test_message ("notes: %s", notes);
  g_assert_cmpuint (ps_scaling_view_get_n_points (view), ==, 2);
  g_assert_nonnull (strstr (notes, ps_scaling_warning_text ("other_load", NULL)));
  g_assert_nonnull (strstr (notes, ps_scaling_warning_text ("outliers", NULL)));
  /* The expected wording through the catalogue, so that the test holds in any
   * language. */
  two = g_strdup_printf (_ ("%s, %d workers: "), "threads", 2);
  one = g_strdup_printf (_ ("%s, %d workers: "), "threads", 1);
  s = g_strdup_printf (_ ("%.*g (95 %% interval %.*g to %.*g)"), 3, 0.1, 3, 0.05, 3, 0.15);
  c = g_strdup_printf (_ ("%.*g (95 %% interval %.*g to %.*g)"), 3, 10.0, 3, 6.67, 3, 20.0);
  fit = g_strdup_printf (_ ("%s, Amdahl fit: serial fraction %s, speedup ceiling %s"), "threads", s,
                         c);
  g_assert_nonnull (strstr (notes, two));
  g_assert_null (strstr (notes, one));
  g_assert_nonnull (strstr (notes, fit));
  shot = shot_named ("scaling-warnings");
}

/* Issue 21: results of two other machines in the history are listed by machine,
 * date and backend; both checked, the chart draws each as series named after its
 * machine, beside this study's own. */
static void
test_scaling_compare_machines (void)
{
  PsDocument *doc = parastudy_window_get_document (window);
  GtkWidget *chart = ps_scaling_view_get_chart (view);
  g_autofree char *a = other_machine_json ("lab-a", "2026-11-21T07:34:00Z", 0.55);
  g_autofree char *b = other_machine_json ("lab-b", "2026-11-22T08:00:00Z", 0.70);
  g_autoptr (PsHistory) history = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *names = NULL;
  g_autofree char *shot = NULL;
  int ia = -1, ib = -1;
  gsize before;

  history = ps_history_open (NULL, &error);
  g_assert_no_error (error);
  g_assert_true (
      ps_history_add_scaling (history, ps_document_get_study (doc), "strong", a, &error));
  g_assert_true (
      ps_history_add_scaling (history, ps_document_get_study (doc), "strong", b, &error));
  g_assert_no_error (error);
  /* The list is read again when the study is shown again. */
  ps_scaling_view_set_document (view, NULL);
  ps_scaling_view_set_document (view, doc);
  iterate ();
  g_assert_cmpuint (ps_scaling_view_get_n_history (view), >=, 3);
  for (guint i = 0; i < ps_scaling_view_get_n_history (view); i++)
    {
      const char *label = ps_scaling_view_get_history_label (view, i);

      g_test_message ("history %u: %s", i, label);
      if (strstr (label, "lab-a") != NULL)
        ia = (int)i;
      if (strstr (label, "lab-b") != NULL)
        ib = (int)i;
    }
  g_assert_cmpint (ia, >=, 0);
  g_assert_cmpint (ib, >=, 0);
  g_assert_nonnull (strstr (ps_scaling_view_get_history_label (view, ia), "2026-11-21 07:34"));
  g_assert_nonnull (strstr (ps_scaling_view_get_history_label (view, ia), "threads"));

  before = ps_gui_chart_get_n_points (PS_GUI_CHART (chart));
  ps_scaling_view_set_compared (view, ia, TRUE);
  ps_scaling_view_set_compared (view, ib, TRUE);
  iterate ();
  names = ps_scaling_view_dup_series_names (view);
  g_test_message ("series: %s", names);
  g_assert_nonnull (strstr (names, "threads — lab-a (2026-11-21 07:34)"));
  g_assert_nonnull (strstr (names, "threads — lab-b (2026-11-22 08:00)"));
  g_assert_cmpuint (ps_gui_chart_get_n_points (PS_GUI_CHART (chart)), >=, before + 4);
  shot = shot_named ("scaling-compare-machines");
  g_assert_cmpfloat (ink_share (chart), >, 0.02);

  ps_scaling_view_set_overlay (view, -1);
  g_assert_cmpuint (ps_gui_chart_get_n_points (PS_GUI_CHART (chart)), ==, before);
  close_all ();
}

int
main (int argc, char *argv[])
{
  shot_suffix = gui_test_start_localised (&argc, &argv);
  if (shot_suffix == NULL)
    return gui_test_finish (0);

  g_test_add_func ("/gui/daily/2-scaling-per-study", test_scaling_per_study);
  g_test_add_func ("/gui/scaling/warnings-and-intervals", test_scaling_warnings);
  g_test_add_func ("/gui/scaling/compare-machines", test_scaling_compare_machines);
  return gui_test_finish (g_test_run ());
}
