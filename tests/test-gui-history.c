/* test-gui-history.c: results and history kept (issue 19 items 12 and 13) under
 * xvfb-run: an unmodified study reopened shows its last results, the History tab lists
 * its runs and opens or compares them, and Cancel of a Monte Carlo run keeps the
 * samples done so far, with progress counted in samples. */
#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <string.h>

#include "../app/ps-app-i18n.h"
#include "parastudy-application.h"
#include "parastudy-window-private.h"
#include "parastudy.h"
#include "ps-gui-test-utils.h"
#include "ps-history-view.h"

static const char *shot_suffix = "";

/* A screenshot of @page named after the test and, in another language, the locale. */
static char *
shot_named (const char *page, const char *name)
{
  g_autofree char *full = g_strconcat (name, shot_suffix, NULL);

  parastudy_window_show_page (window, page);
  return screenshot (GTK_WIDGET (window), full);
}

/* The window while a run is going: its progress relays out the run bar several times
 * a second, and a window waiting for its layout draws nothing; the first frame that
 * draws is saved. */
static char *
shot_while_running (const char *page, const char *name)
{
  g_autofree char *full = g_strconcat (name, shot_suffix, ".png", NULL);
  const char *dir = g_getenv ("PS_SCREENSHOT_DIR");
  char *path = g_build_filename (dir ? dir : g_get_tmp_dir (), full, NULL);
  GtkWidget *w = GTK_WIDGET (window);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (w));

  parastudy_window_show_page (window, page);
  for (int i = 0; i < 500; i++)
    {
      g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (w);
      g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
      g_autoptr (GskRenderNode) node = NULL;
      int width = gtk_widget_get_width (w), height = gtk_widget_get_height (w);

      iterate ();
      g_usleep (2000);
      if (i < 10)
        continue;
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      if (node != NULL)
        {
          g_autoptr (GdkTexture) texture = gsk_renderer_render_texture (
              renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));

          g_assert_true (gdk_texture_save_to_png (texture, path));
          g_test_message ("screenshot: %s", path);
          return path;
        }
    }
  g_error ("the window drew nothing while running");
  return path;
}

static PsHistoryView *
history_view (void)
{
  GtkWidget *w = gtk_stack_get_child_by_name (GTK_STACK (window->view_stack), "history");

  g_assert_nonnull (w);
  return PS_HISTORY_VIEW (w);
}

/* Monte Carlo of R - S, quick: the same figures on every backend. */
static const char kept_study[]
    = "{\"parastudy\": 1, \"kind\": \"reliability\", \"name\": \"Kept results\","
      " \"variables\": {\"R\": {\"distribution\": \"normal\", \"mean\": 5, \"sd\": 1},"
      " \"S\": {\"distribution\": \"normal\", \"mean\": 3, \"sd\": 1}}, \"limit_state\": \"R - S\","
      " \"method\": {\"samples\": 200000, \"seed\": %d}}";

static char *
write_study (const char *leaf, int seed)
{
  g_autofree char *text = g_strdup_printf (kept_study, seed);
  char *path = g_build_filename (gui_test_cache_dir, leaf, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static PsDocument *
open_path (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);

  g_assert_true (parastudy_window_open_file (window, file));
  iterate ();
  return parastudy_window_get_document (window);
}

static void
test_results_and_history_kept (void)
{
  g_autofree char *path = write_study ("kept.json", 3);
  g_autofree char *edited = write_study ("kept-edited.json", 4);
  g_autofree char *pf = NULL, *row0 = NULL, *row1 = NULL, *p1 = NULL, *p2 = NULL;
  PsHistoryView *view = history_view ();
  const char *a = NULL, *b = NULL;
  const PsDocumentResult *r;
  PsDocument *doc;

  doc = open_path (path);
  g_assert_null (ps_document_get_result (doc));
  g_assert_cmpuint (ps_history_view_get_n_runs (view), ==, 0);

  /* Two runs on two backends: both in the History tab, newest first. */
  g_assert_true (parastudy_window_set_backend (window, "serial", 1));
  run_and_wait ();
  g_assert_true (parastudy_window_set_backend (window, "threads", 2));
  run_and_wait ();
  g_assert_cmpuint (ps_history_view_get_n_runs (view), ==, 2);
  row0 = ps_history_view_dup_row_text (view, 0);
  row1 = ps_history_view_dup_row_text (view, 1);
  g_test_message ("newest: %s", row0);
  g_test_message ("oldest: %s", row1);
  g_assert_nonnull (strstr (row0, "threads"));
  g_assert_nonnull (strstr (row1, "serial"));
  /* The key results are in the row: Pf's figure as the Summary tab shows it. */
  g_assert_nonnull (strstr (row0, parastudy_window_get_summary_text (window, "pf")));

  /* Compared side by side: results do not depend on the backend. */
  parastudy_window_show_page (window, "history");
  g_assert_false (ps_history_view_compare_selected (view));
  ps_history_view_select (view, 0, FALSE);
  ps_history_view_select (view, 1, TRUE);
  g_assert_true (ps_history_view_compare_selected (view));
  g_assert_true (ps_history_view_get_compared (view, "pf", &a, &b));
  g_assert_cmpstr (a, ==, b);
  g_assert_true (ps_history_view_get_compared (view, "failures", &a, &b));
  g_assert_cmpstr (a, ==, b);
  g_assert_false (ps_history_view_get_compared (view, "no-such-figure", &a, &b));
  p1 = shot_named ("history", "daily-12-history-compare");
  /* Nothing cut off at 1024 x 700, the sixth tab included. */
  assert_right_pane_fits (GTK_WIDGET (view), "history");

  /* The older run opened: its results in the Summary tab, from the history (its
   * folder now holds the newer run). */
  ps_history_view_select (view, 1, FALSE);
  g_assert_true (ps_history_view_open_selected (view));
  iterate ();
  r = ps_document_get_result (doc);
  g_assert_nonnull (r);
  g_assert_cmpstr (r->backend, ==, "serial");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (window->view_stack)), ==,
                   "summary");
  g_assert_nonnull (parastudy_window_get_summary_text (window, "pf"));
  pf = g_strdup (parastudy_window_get_summary_text (window, "pf"));
  close_all ();

  /* Reopened unmodified: its last results at once, without a run. */
  doc = open_path (path);
  r = ps_document_get_result (doc);
  g_assert_nonnull (r);
  g_assert_cmpstr (r->backend, ==, "threads");
  g_assert_cmpstr (parastudy_window_get_summary_text (window, "pf"), ==, pf);
  g_assert_cmpuint (ps_history_view_get_n_runs (view), ==, 2);
  p2 = shot_named ("summary", "daily-12-reopened-summary");
  close_all ();

  /* Another study of the same name (another seed): none of those results. */
  doc = open_path (edited);
  g_assert_null (ps_document_get_result (doc));
  close_all ();
  g_unlink (path);
  g_unlink (edited);
}

/* A reliability study that would run for hours: only cancelling ends it. */
static const char long_study[]
    = "{\"parastudy\": 1, \"kind\": \"reliability\", \"name\": \"Long run\","
      " \"variables\": {\"R\": {\"distribution\": \"lognormal\", \"mean\": \"300 MPa\","
      " \"sd\": \"30 MPa\"}, \"S\": {\"distribution\": \"gumbel\", \"mean\": \"200 MPa\","
      " \"sd\": \"20 MPa\"}}, \"limit_state\": \"R - S\","
      " \"method\": {\"samples\": 1000000000000, \"seed\": 7}}";

/* Progress reported after at least a few chunks. */
static gboolean
progress_shown (void)
{
  GtkProgressBar *bar = GTK_PROGRESS_BAR (parastudy_window_get_progress_bar (window));

  return gtk_progress_bar_get_fraction (bar) > 0
         || (strstr (gtk_label_get_text (GTK_LABEL (window->progress_label)), "/s") != NULL
             && g_ascii_isdigit (gtk_label_get_text (GTK_LABEL (window->progress_label))[0]));
}

static void
test_cancel_keeps_partial (void)
{
  GtkProgressBar *bar = GTK_PROGRESS_BAR (parastudy_window_get_progress_bar (window));
  g_autofree char *p1 = NULL, *p2 = NULL, *row0 = NULL, *progress = NULL;
  const PsDocumentResult *r;
  const char *stopped, *rate;
  PsDocument *doc;

  doc = open_text (long_study);
  g_assert_true (parastudy_window_set_backend (window, "serial", 1));
  activate ("run");
  g_assert_true (parastudy_window_is_running (window));
  g_assert_true (wait_until (progress_shown, 60));
  /* Counted in samples, with a rate and the time left (the eta of 10^12 samples). */
  progress = g_strdup (gtk_progress_bar_get_text (bar));
  rate = gtk_label_get_text (GTK_LABEL (window->progress_label));
  g_test_message ("progress: %s; %s", progress, rate);
  g_assert_nonnull (strstr (rate, "/s"));
  if (*shot_suffix == '\0')
    {
      g_assert_nonnull (strstr (progress, " of 1 × 10¹² samples"));
      g_assert_nonnull (strstr (rate, " left · "));
      g_assert_nonnull (strstr (rate, " samples/s"));
    }
  p1 = shot_while_running ("study", "daily-13-progress");

  activate ("cancel");
  g_assert_true (wait_until (not_running, 5.0));
  iterate ();
  g_assert_nonnull (parastudy_window_get_info_message (window));
  if (*shot_suffix == '\0')
    g_assert_nonnull (strstr (parastudy_window_get_info_message (window), "cancel"));

  /* The samples so far are kept: Pf and its interval, marked stopped by the user. */
  r = ps_document_get_result (doc);
  g_assert_nonnull (r);
  g_assert_true (r->stopped);
  stopped = parastudy_window_get_summary_text (window, "stopped");
  g_assert_nonnull (stopped);
  g_test_message ("stopped: %s", stopped);
  g_assert_nonnull (parastudy_window_get_summary_text (window, "pf"));
  g_assert_nonnull (parastudy_window_get_summary_text (window, "pf_ci95"));
  if (*shot_suffix == '\0')
    g_assert_nonnull (strstr (stopped, " of 1 × 10¹² samples"));
  {
    JsonObject *s = json_node_get_object (r->summary);
    JsonObject *st = json_object_get_object_member (s, "stopped");

    g_assert_nonnull (st);
    g_assert_cmpstr (json_object_get_string_member (st, "by"), ==, "user");
    g_assert_cmpint (json_object_get_int_member (st, "done"), ==,
                     json_object_get_int_member (s, "samples"));
    g_assert_cmpint (json_object_get_int_member (st, "done"), >, 0);
    g_assert_cmpstr (json_object_get_string_member (s, "stopped_by"), ==, "user");
  }
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (window->view_stack)), ==,
                   "summary");
  p2 = shot_named ("summary", "daily-13-stopped-summary");
  /* And in the history, marked so. */
  row0 = ps_history_view_dup_row_text (history_view (), 0);
  g_test_message ("history: %s", row0);
  if (*shot_suffix == '\0')
    g_assert_nonnull (strstr (row0, "stopped by user"));
  g_assert_true (action_enabled ("run"));
  close_all ();
}

int
main (int argc, char *argv[])
{
  shot_suffix = gui_test_start_localised (&argc, &argv);
  if (shot_suffix == NULL)
    return gui_test_finish (0);

  g_test_add_func ("/gui/daily/12-results-and-history-kept", test_results_and_history_kept);
  g_test_add_func ("/gui/daily/13-cancel-keeps-partial", test_cancel_keeps_partial);
  return gui_test_finish (g_test_run ());
}
