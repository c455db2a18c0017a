/* test-gui-history.c: results and history kept (issue 19 item 12) under
 * xvfb-run: an unmodified study reopened shows its last results, the History tab lists
 * its runs and opens or compares them. */
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
static char *cache_dir;

/* A screenshot of @page named after the test and, in another language, the locale. */
static char *
shot_named (const char *page, const char *name)
{
  g_autofree char *full = g_strconcat (name, shot_suffix, NULL);

  parastudy_window_show_page (window, page);
  return screenshot (GTK_WIDGET (window), full);
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
  char *path = g_build_filename (cache_dir, leaf, NULL);

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

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_dir_close (dir);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

int
main (int argc, char *argv[])
{
  const char *locale = NULL;
  int status;

  /* meson runs this program a second time with --pt_BR: the same assertions where
   * they are not about words, and the screenshots in Brazilian Portuguese. */
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
  /* The results folders of this program only. */
  cache_dir = g_dir_make_tmp ("ps-gui-cache-XXXXXX", NULL);
  g_assert_nonnull (cache_dir);
  g_setenv ("XDG_CACHE_HOME", cache_dir, TRUE);
  if (locale != NULL)
    {
      g_setenv ("LC_ALL", locale, TRUE);
      g_unsetenv ("LANGUAGE");
      shot_suffix = "-pt_BR";
    }
  g_test_init (&argc, &argv, NULL);
  if (locale != NULL)
    ps_app_i18n_init ();
  if (!gui_test_open_window ())
    return gui_test_finish (0);
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 700);

  g_test_add_func ("/gui/daily/12-results-and-history-kept", test_results_and_history_kept);
  status = gui_test_finish (g_test_run ());
  remove_tree (cache_dir);
  g_free (cache_dir);
  return status;
}
