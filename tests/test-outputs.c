/* A run's outputs as a set (issue 22): a failed run leaves none of its files and keeps
 * all of an earlier run's; a run killed while writing leaves a staging folder that the
 * next run removes; a commit cut short between two renames is rolled forward, so the
 * folder never holds a mix of two runs. ENOSPC is provoked on a 2 MB tmpfs (as root;
 * skipped otherwise). */
#define G_LOG_DOMAIN "test-outputs"
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ps-cli-test-utils.h"
#include "ps-test-utils.h"

static const char mc[]
    = "{ \"parastudy\": 1, \"kind\": \"reliability\", \"name\": \"Outputs\","
      "  \"variables\": { \"R\": { \"distribution\": \"normal\", \"mean\": 1500, \"sd\": 150 },"
      "                   \"S\": { \"distribution\": \"normal\", \"mean\": 1000, \"sd\": 100 } },"
      "  \"limit_state\": \"R - S\","
      "  \"method\": { \"name\": \"monte-carlo\", \"samples\": %s, \"seed\": %d } }";

static const char beam[]
    = "{ \"parastudy\": 1, \"kind\": \"beam\", \"name\": \"Rows\","
      "  \"beam\": { \"support\": \"simply-supported\","
      "    \"load\": { \"type\": \"uniform\","
      "                \"value\": { \"from\": \"1 kN/m\", \"to\": \"30 kN/m\", \"steps\": %d } },"
      "    \"span\": { \"from\": \"2 m\", \"to\": \"12 m\", \"steps\": 200 },"
      "    \"section\": { \"shape\": \"rectangular\", \"b\": \"200 mm\", \"h\": \"400 mm\" },"
      "    \"material\": \"S355\" } }";

static char *
read_text (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  return text;
}

static gboolean
exists (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static gboolean
set_text (const char *dir, const char *name, const char *text, gssize length, GError **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return g_file_set_contents (path, text, length, error);
}

static GPtrArray *
listing (const char *dir)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  return names;
}

static gboolean
has_stage (const char *dir)
{
  g_autoptr (GPtrArray) names = listing (dir);

  for (guint i = 0; i < names->len; i++)
    if (g_str_has_prefix (names->pdata[i], ".parastudy-stage-"))
      return TRUE;
  return FALSE;
}

static void
run_into (const char *json, const char *dir, PsRowsMode rows)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = ps_study_load_data (json, -1, &error);
  g_autoptr (PsRunResult) r = NULL;
  PsRunOptions o;

  g_assert_no_error (error);
  ps_run_options_init (&o);
  o.backend = "serial";
  o.rows = rows;
  r = ps_run_to_dir (study, &o, dir, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);
}

/* A pid that is certainly gone: a child that has exited and been reaped. */
static pid_t
dead_pid (void)
{
  pid_t pid = fork ();
  int status;

  if (pid == 0)
    _exit (0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  return pid;
}

/* A beam run with rows, then one without into the same folder: the earlier
 * results.csv goes (it would not match the new summary.json); no staging folder stays. */
static void
test_replace (void)
{
  g_autofree char *dir = g_dir_make_tmp ("outputs-XXXXXX", NULL);
  g_autofree char *rows = g_strdup_printf (beam, 50);
  g_autofree char *summary = NULL;

  run_into (rows, dir, PS_ROWS_ALL);
  g_assert_true (exists (dir, "results.csv"));
  run_into (rows, dir, PS_ROWS_NONE);
  summary = read_text (dir, "summary.json");
  g_assert_nonnull (summary);
  g_assert_false (exists (dir, "results.csv"));
  g_assert_false (has_stage (dir));
  rm_rf (dir);
}

/* A staging folder of a killed run (its pid gone, no COMMIT) is removed by the next
 * run; a live process's staging folder is left alone. */
static void
test_stale_stage (void)
{
  g_autofree char *dir = g_dir_make_tmp ("outputs-XXXXXX", NULL);
  g_autofree char *stale
      = g_strdup_printf ("%s/.parastudy-stage-%ld-abcdef", dir, (long)dead_pid ());
  g_autofree char *live = g_strdup_printf ("%s/.parastudy-stage-%ld-ghijkl", dir, (long)getppid ());
  g_autofree char *big = g_build_filename (stale, "results.csv", NULL);
  g_autofree char *text = g_strdup_printf (mc, "40960", 1);

  g_assert_cmpint (g_mkdir (stale, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (live, 0755), ==, 0);
  g_assert_true (g_file_set_contents (big, "half a file", -1, NULL));
  run_into (text, dir, PS_ROWS_NONE);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (live, G_FILE_TEST_IS_DIR));
  g_assert_cmpint (g_rmdir (live), ==, 0);
  rm_rf (dir);
}

/* A commit cut short: the new summary.json already moved in, the new convergence.csv
 * still in the stage, and an old results.csv the new set does not have. Recovery moves
 * the rest in and removes the old file: the folder then holds exactly the new set. */
static void
test_roll_forward (void)
{
  g_autofree char *dir = g_dir_make_tmp ("outputs-XXXXXX", NULL);
  g_autofree char *stage
      = g_strdup_printf ("%s/.parastudy-stage-%ld-mnopqr", dir, (long)dead_pid ());
  g_autoptr (GError) error = NULL;
  g_autofree char *conv = NULL, *summary = NULL;

  g_assert_cmpint (g_mkdir (stage, 0755), ==, 0);
  g_assert_true (set_text (dir, "summary.json", "new summary", -1, NULL));
  g_assert_true (set_text (dir, "convergence.csv", "old conv", -1, NULL));
  g_assert_true (set_text (dir, "results.csv", "old rows", -1, NULL));
  g_assert_true (set_text (stage, "convergence.csv", "new conv", -1, NULL));
  g_assert_true (set_text (stage, "COMMIT", "summary.json\nconvergence.csv\n", -1, NULL));
  g_assert_true (ps_run_dir_recover (dir, &error));
  g_assert_no_error (error);
  conv = read_text (dir, "convergence.csv");
  summary = read_text (dir, "summary.json");
  g_assert_cmpstr (conv, ==, "new conv");
  g_assert_cmpstr (summary, ==, "new summary");
  g_assert_false (exists (dir, "results.csv"));
  g_assert_false (g_file_test (stage, G_FILE_TEST_EXISTS));
  rm_rf (dir);
}

/* kill -9 of the CLI in the middle of writing rows: nothing but the staging folder is
 * left, and the next run into the folder removes it. */
static void
test_kill_then_rerun (void)
{
  g_autofree char *dir = g_dir_make_tmp ("outputs-XXXXXX", NULL);
  g_autofree char *study = g_build_filename (dir, "big.json", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *text = g_strdup_printf (beam, 20000);
  const char *argv[] = { cli_path (), "run",   study, "--backend",    "threads", "--rows",
                         "all",       "--out", out,   "--no-history", NULL };
  g_autoptr (GError) error = NULL;
  GPid pid;
  gint64 deadline;
  int status;

  if (cli_path () == NULL)
    {
      g_test_skip ("PS_CLI is not set");
      return;
    }
  g_assert_true (g_file_set_contents (study, text, -1, NULL));
  g_assert_true (g_spawn_async (NULL, (char **)argv, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL
                                    | G_SPAWN_STDERR_TO_DEV_NULL,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (!has_stage (out) && g_get_monotonic_time () < deadline)
    g_usleep (1000);
  g_assert_true (has_stage (out));
  g_usleep (100000);
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_false (exists (out, "summary.json"));
  g_assert_false (exists (out, "results.csv"));
  g_assert_true (has_stage (out));
  {
    g_autofree char *small = g_strdup_printf (beam, 10);

    run_into (small, out, PS_ROWS_ALL);
  }
  g_assert_false (has_stage (out));
  g_assert_true (exists (out, "summary.json"));
  rm_rf (dir);
}

/* ENOSPC: a reliability run whose convergence.csv fits on a 2 MB tmpfs but not its
 * summary.json as well (the disk is filled to the last few bytes first) fails, and the
 * earlier run's files are all still there, unchanged. As root only. */
static void
test_enospc (void)
{
  g_autofree char *mnt = g_dir_make_tmp ("outputs-tmpfs-XXXXXX", NULL);
  g_autofree char *first = g_strdup_printf (mc, "40960", 1);
  g_autofree char *second = g_strdup_printf (mc, "4096000", 2);
  g_autofree char *old_summary = NULL, *old_conv = NULL, *summary = NULL, *conv = NULL;
  g_autofree char *filler = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PsStudy) study = NULL;
  g_autoptr (PsRunResult) r = NULL;
  PsRunOptions o;
  FILE *f;

  if (geteuid () != 0 || mount ("tmpfs", mnt, "tmpfs", 0, "size=2m") != 0)
    {
      g_test_skip ("mounting a small tmpfs needs root");
      g_rmdir (mnt);
      return;
    }
  run_into (first, mnt, PS_ROWS_NONE);
  old_summary = read_text (mnt, "summary.json");
  old_conv = read_text (mnt, "convergence.csv");
  g_assert_nonnull (old_summary);
  g_assert_nonnull (old_conv);
  /* Leave about one page free. */
  filler = g_build_filename (mnt, "filler", NULL);
  f = fopen (filler, "w");
  g_assert_nonnull (f);
  {
    char block[4096] = { 0 };

    while (fwrite (block, 1, sizeof block, f) == sizeof block && fflush (f) == 0)
      ;
  }
  fclose (f);
  {
    struct stat st;

    g_assert_cmpint (g_stat (filler, &st), ==, 0);
    g_assert_cmpint (truncate (filler, st.st_size > 8192 ? st.st_size - 8192 : 0), ==, 0);
  }
  study = ps_study_load_data (second, -1, &error);
  g_assert_no_error (error);
  ps_run_options_init (&o);
  o.backend = "serial";
  r = ps_run_to_dir (study, &o, mnt, &error);
  g_test_message ("%s", error ? error->message : "(no error)");
  g_assert_null (r);
  g_assert_error (error, PS_ERROR, PS_ERROR_IO);
  summary = read_text (mnt, "summary.json");
  conv = read_text (mnt, "convergence.csv");
  g_assert_cmpstr (summary, ==, old_summary);
  g_assert_cmpstr (conv, ==, old_conv);
  g_assert_false (has_stage (mnt));
  g_assert_cmpint (umount (mnt), ==, 0);
  g_rmdir (mnt);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/outputs/replace", test_replace);
  g_test_add_func ("/outputs/stale-stage", test_stale_stage);
  g_test_add_func ("/outputs/roll-forward", test_roll_forward);
  g_test_add_func ("/outputs/kill-then-rerun", test_kill_then_rerun);
  g_test_add_func ("/outputs/enospc", test_enospc);
  return g_test_run ();
}
