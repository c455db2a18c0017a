/* test-gui-mpi: the window's MPI choice, under Xvfb, with Open MPI's mpirun.
 *
 * The window runs `mpirun -n 2 parastudy-cli run … --backend mpi` on this machine;
 * what it shows must be what the same window shows after a serial in-process run of
 * the same study (the serial backend is the reference every backend is tested
 * against), and results.csv must be the serial run's byte for byte. Cancel must give
 * the window back within a second and leave no process behind; a bad host file must
 * say what is wrong. Skipped when mpirun or the MPI backend is missing.
 */
#define G_LOG_DOMAIN "test-gui-mpi"
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parastudy-application.h"
#include "parastudy-window-private.h"
#include "parastudy.h"
#include "ps-gui-test-utils.h"
#include "ps-run-task.h"

static char *tmp_dir;

static gboolean
have_mpi (void)
{
  g_autofree char *mpirun = g_find_program_in_path ("mpirun");

  if (ps_backend_lookup ("mpi")->flags & PS_BACKEND_NOT_BUILT)
    {
      g_test_skip ("this build has no MPI backend");
      return FALSE;
    }
  if (mpirun == NULL)
    {
      g_test_skip ("mpirun is not installed (Debian: openmpi-bin)");
      return FALSE;
    }
  return TRUE;
}

/* The figures of each kind's summary tab. */
static const char *const beam_keys[]
    = { "configurations",   "passing",         "failing_deflection", "failing_strength",
        "lightest_passing", "mass_per_metre",  "max_deflection",     "max_stress",
        "max_moment",       "max_utilisation", "item_errors",        NULL };
static const char *const reliability_keys[]
    = { "pf",       "pf_ci95",     "beta",       "beta_ci95", "cov",         "samples",
        "failures", "nan_samples", "stopped_by", "exact",     "item_errors", NULL };

static GHashTable *
shown_figures (const char *const *keys)
{
  GHashTable *shown = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *text = parastudy_window_get_summary_text (window, keys[i]);

      if (text != NULL)
        g_hash_table_insert (shown, (gpointer)keys[i], g_strdup (text));
    }
  return shown;
}

static char *
results_csv (void)
{
  PsDocument *doc = parastudy_window_get_document (window);
  const PsDocumentResult *r = ps_document_get_result (doc);
  g_autofree char *path = NULL;
  char *text = NULL;

  g_assert_nonnull (r);
  path = g_build_filename (r->dir, "results.csv", NULL);
  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  return text;
}

/* The summary the window shows after an MPI run on 2 local ranks equals the one it
 * shows after a serial in-process run, figure by figure, and so does results.csv. */
static void
check_mpi_equals_serial (const char *example, const char *const *keys, guint min_figures)
{
  g_autoptr (GHashTable) serial = NULL;
  g_autoptr (GHashTable) mpi = NULL;
  g_autofree char *serial_csv = NULL;
  g_autofree char *mpi_csv = NULL;
  const char *run;
  GHashTableIter it;
  gpointer key, value;

  if (!have_mpi ())
    return;
  open_example (example);

  g_assert_true (parastudy_window_set_backend (window, "serial", 1));
  run_and_wait ();
  serial = shown_figures (keys);
  serial_csv = results_csv ();
  g_assert_cmpuint (g_hash_table_size (serial), >=, min_figures);

  g_assert_true (parastudy_window_set_backend (window, "mpi", 2));
  g_assert_true (gtk_widget_get_visible (parastudy_window_get_mpi_button (window)));
  parastudy_window_set_mpi_options (window, NULL, 1);
  run_and_wait ();
  mpi = shown_figures (keys);
  mpi_csv = results_csv ();

  run = parastudy_window_get_summary_text (window, "run");
  g_assert_nonnull (run);
  g_test_message ("%s: %s", example, run);
  g_assert_true (g_str_has_prefix (run, "mpi, 2 "));
  g_assert_cmpuint (g_hash_table_size (mpi), ==, g_hash_table_size (serial));
  g_hash_table_iter_init (&it, serial);
  while (g_hash_table_iter_next (&it, &key, &value))
    {
      const char *got = g_hash_table_lookup (mpi, key);

      if (g_strcmp0 (got, value) != 0)
        g_error ("%s: %s is \"%s\" after the serial run, \"%s\" after the MPI run", example,
                 (const char *)key, (const char *)value, got);
    }
  g_assert_cmpstr (serial_csv, ==, mpi_csv);
  close_all ();
}

static void
test_reliability (void)
{
  check_mpi_equals_serial ("reliability-load-strength.json", reliability_keys, 8);
}

static void
test_beam (void)
{
  check_mpi_equals_serial ("beam-steel-ipe.json", beam_keys, 8);
}

/* A reliability study that would run for hours: only cancelling ends it. */
static const char long_study[]
    = "{\"parastudy\": 1, \"kind\": \"reliability\", \"name\": \"Long MPI run\","
      " \"variables\": {\"R\": {\"distribution\": \"lognormal\", \"mean\": \"300 MPa\","
      " \"sd\": \"30 MPa\"}, \"S\": {\"distribution\": \"gumbel\", \"mean\": \"200 MPa\","
      " \"sd\": \"20 MPa\"}}, \"limit_state\": \"R - S\","
      " \"method\": {\"samples\": 1000000000000, \"seed\": 11}}";

static const char *orphan_marker;

/* Whether a process whose command line holds orphan_marker is still there. */
static gboolean
no_process_left (void)
{
  g_autoptr (GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *cmdline = NULL;
      gsize len;

      if (!g_ascii_isdigit (name[0]) || atoi (name) == getpid ())
        continue;
      path = g_build_filename ("/proc", name, "cmdline", NULL);
      if (!g_file_get_contents (path, &cmdline, &len, NULL))
        continue;
      for (gsize i = 0; i + 1 < len; i++)
        if (cmdline[i] == '\0')
          cmdline[i] = ' ';
      if (strstr (cmdline, orphan_marker) != NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
progress_shown (void)
{
  const char *text
      = gtk_progress_bar_get_text (GTK_PROGRESS_BAR (parastudy_window_get_progress_bar (window)));

  /* "N of M samples": counted in the study's own terms (issue 19 item 13). */
  return text != NULL && strstr (text, " of ") != NULL;
}

/* Cancel gives the window back within a second, says so, and mpirun and every rank
 * are gone within a few seconds; the study (untitled, so run from a temporary copy)
 * can run again. */
static void
test_cancel (void)
{
  PsDocument *doc;
  g_autofree char *dir = NULL;
  g_autofree char *summary = NULL;
  gint64 t0;

  if (!have_mpi ())
    return;
  doc = open_text (long_study);
  dir = ps_run_task_default_dir (ps_document_get_study (doc));
  orphan_marker = dir;
  g_assert_true (parastudy_window_set_backend (window, "mpi", 2));
  parastudy_window_set_mpi_options (window, NULL, 1);
  activate ("run");
  g_assert_true (parastudy_window_is_running (window));
  /* Rank 0's progress lines reach the progress bar. */
  g_assert_true (wait_until (progress_shown, 60));
  g_assert_true (parastudy_window_is_running (window));
  g_assert_false (no_process_left ());

  cancel_within_a_second ();

  t0 = g_get_monotonic_time ();
  g_assert_true (wait_until (no_process_left, 10));
  g_test_message ("mpirun and its ranks were gone %.1f ms later",
                  (g_get_monotonic_time () - t0) / 1e3);
  /* A cancelled run leaves no summary. */
  summary = g_build_filename (dir, "summary.json", NULL);
  g_assert_false (g_file_test (summary, G_FILE_TEST_EXISTS));
  close_all ();
}

/* Runs the current study, which must fail: returns what the message bar says. */
static const char *
run_to_failure (void)
{
  const char *message;

  activate ("run");
  g_assert_true (wait_until (not_running, 60));
  iterate ();
  message = parastudy_window_get_info_message (window);
  g_assert_nonnull (message);
  g_test_message ("%s", message);
  return message;
}

static void
run_expecting_failure (const char *hostfile, const char *expected)
{
  const char *message;

  parastudy_window_set_mpi_options (window, hostfile, 1);
  g_assert_true (action_enabled ("run"));
  message = run_to_failure ();
  if (strstr (message, expected) == NULL)
    g_error ("the message does not say \"%s\": %s", expected, message);
}

/* A host file that is not there is named; one that mpirun refuses shows mpirun's own
 * reason from its stderr. */
static void
test_bad_hostfile (void)
{
  g_autofree char *missing = g_build_filename (tmp_dir, "no-such-hosts", NULL);
  g_autofree char *bad = g_build_filename (tmp_dir, "bad-hosts", NULL);

  if (!have_mpi ())
    return;
  open_example ("reliability-axial-bar.json");
  g_assert_true (parastudy_window_set_backend (window, "mpi", 2));

  run_expecting_failure (missing, missing);
  g_assert_nonnull (strstr (parastudy_window_get_info_message (window), "host file"));

  /* Open MPI: "Open RTE detected a bad parameter in the hostfile". */
  g_assert_true (g_file_set_contents (bad, "localhost slots=many\n", -1, NULL));
  run_expecting_failure (bad, "hostfile");
  g_assert_nonnull (strstr (parastudy_window_get_info_message (window), "mpirun exited"));

  parastudy_window_set_mpi_options (window, NULL, 0);
  g_unlink (bad);
  close_all ();
}

/* A rank that dies mid-run (rank 1 kills itself at chunk 3, through the backend's
 * test hook): the message bar has rank 0's message naming the rank and its chunk.
 * Runs last: the hook stays in the environment (unsetenv is unsafe with threads). */
static void
test_rank_died (void)
{
  const char *message;

  if (!have_mpi ())
    return;
  open_text (long_study);
  g_assert_true (parastudy_window_set_backend (window, "mpi", 2));
  parastudy_window_set_mpi_options (window, NULL, 1);
  g_setenv ("PARASTUDY_MPI_KILL_CHUNK", "3", TRUE);
  g_setenv ("PARASTUDY_MPI_FAIL_RANK", "1", TRUE);
  message = run_to_failure ();
  g_assert_nonnull (strstr (message, "mpirun exited with status"));
  g_assert_nonnull (strstr (message, "MPI rank 1 (pid "));
  g_assert_nonnull (strstr (message, "died while it had chunk"));
  close_all ();
}

int
main (int argc, char *argv[])
{
  int status;

  gui_test_setenv ();
  tmp_dir = g_dir_make_tmp ("ps-gui-mpi-XXXXXX", NULL);
  /* Open MPI refuses to run as root without these (test machines run as root). */
  g_setenv ("OMPI_ALLOW_RUN_AS_ROOT", "1", TRUE);
  g_setenv ("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (!gui_test_open_window ())
    {
      g_rmdir (tmp_dir);
      return gui_test_finish (0);
    }

  g_test_add_func ("/gui/mpi/reliability-summary-equals-serial", test_reliability);
  g_test_add_func ("/gui/mpi/beam-summary-equals-serial", test_beam);
  g_test_add_func ("/gui/mpi/cancel-within-a-second-no-orphans", test_cancel);
  g_test_add_func ("/gui/mpi/bad-host-file", test_bad_hostfile);
  g_test_add_func ("/gui/mpi/rank-died", test_rank_died);
  status = g_test_run ();
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return gui_test_finish (status);
}
