/* The processes backend: workers killed, crashing or hanging; cancel; no processes
 * left behind; the memory a run takes. That it gives the serial backend's answers
 * for every example study is test-backends.c's. */
#define G_LOG_DOMAIN "test-processes"
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ps-backend-test-utils.h"

/* 20 chunks of the beam fast path with rows: 655,360 items. */
static const char rows_json[]
    = "{ \"parastudy\": 1, \"kind\": \"beam\", \"name\": \"Rows through the arenas\","
      "  \"beam\": {"
      "    \"support\": \"cantilever\","
      "    \"load\": { \"type\": \"uniform\","
      "                \"value\": { \"from\": \"1 kN/m\", \"to\": \"30 kN/m\", \"steps\": 1024 } "
      "},"
      "    \"span\": { \"from\": \"0.5 m\", \"to\": \"4 m\", \"steps\": 40 },"
      "    \"section\": { \"shape\": \"rectangular\", \"b\": \"200 mm\","
      "                   \"h\": { \"from\": \"150 mm\", \"to\": \"900 mm\", \"steps\": 8 } },"
      "    \"material\": [\"S355\", \"GL24h\"],"
      "    \"self_weight\": true } }";

static gboolean
rows_count (const char *data, gsize length, gpointer user_data, GError **error)
{
  *(guint64 *)user_data += length;
  return TRUE;
}

typedef struct
{
  PsRunResult *result;
  guint64 rows_bytes;
} Outcome;

static void
outcome_clear (Outcome *o)
{
  ps_run_result_free (o->result);
}

static gboolean
run (const PsStudy *study, const char *backend, int workers, PsRowsMode rows,
     PsProgressFunc progress, gpointer progress_data, const gint *cancel, double chunk_timeout,
     Outcome *out, GError **error)
{
  PsRunOptions options;

  ps_run_options_init (&options);
  options.backend = backend;
  options.workers = workers;
  options.rows = rows;
  options.rows_write = rows_count;
  options.rows_data = &out->rows_bytes;
  options.progress = progress;
  options.progress_data = progress_data;
  options.cancel = cancel;
  options.chunk_timeout = chunk_timeout;
  memset (out, 0, sizeof *out);
  out->result = ps_run_study (study, &options, error);
  return out->result != NULL;
}

static PsStudy *
study_from_json (const char *json)
{
  g_autoptr (GError) error = NULL;
  PsStudy *study = ps_study_load_data (json, -1, &error);

  g_assert_no_error (error);
  return study;
}

/* ---- killed, crashing and hanging workers ---------------------------------------- */

static void
kill_all_children (const PsProgress *p, gpointer data)
{
  gboolean *done = data;
  g_autoptr (GArray) pids = NULL;

  if (*done)
    return;
  *done = TRUE;
  pids = children_of (getpid ());
  g_assert_cmpuint (pids->len, >, 0);
  for (guint i = 0; i < pids->len; i++)
    kill (g_array_index (pids, pid_t, i), SIGKILL);
}

/* SIGKILL to every worker after the first chunk is committed: the chunks they were
 * computing run again on new workers; the chunks they had finished are still in their
 * arenas. The answer is the serial one. */
static void
test_killed_workers (void)
{
  g_autoptr (PsStudy) study = study_from_json (rows_json);
  g_autofree char *tmp = g_dir_make_tmp ("ps-killed-XXXXXX", NULL);
  g_autofree char *serial_dir = g_build_filename (tmp, "serial", NULL);
  g_autofree char *dir = g_build_filename (tmp, "processes", NULL);
  g_autoptr (PsRunResult) serial = NULL;
  g_autoptr (PsRunResult) p = NULL;
  gboolean killed = FALSE;

  g_assert_cmpuint (study->n_items, ==, 655360);
  serial = run_to_dir_ok (study, "serial", 1, PS_ROWS_ALL, serial_dir, NULL, NULL);
  p = run_to_dir_ok (study, "processes", 3, PS_ROWS_ALL, dir, kill_all_children, &killed);
  g_assert_true (killed);
  assert_same_answer (serial_dir, dir, "workers killed after the first commit");
  rm_rf (tmp);
  assert_no_children ();
}

static void
test_crashing_chunk (void)
{
  g_autoptr (PsStudy) study = study_from_json (rows_json);
  g_autoptr (GError) error = NULL;
  Outcome p;

  g_setenv ("PARASTUDY_WORKER_CRASH_CHUNK", "3", TRUE);
  g_assert_false (run (study, "processes", 2, PS_ROWS_ALL, NULL, NULL, NULL, 0.0, &p, &error));
  g_unsetenv ("PARASTUDY_WORKER_CRASH_CHUNK");
  g_assert_error (error, PS_ERROR, PS_ERROR_FAILED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "chunk 3 (items 98304 to 131071) failed twice"));
#if defined(__SANITIZE_ADDRESS__)
  /* AddressSanitizer catches the SIGSEGV and ends the worker its own way. */
  g_assert_nonnull (strstr (error->message, "failed twice: its worker "));
#else
  g_assert_nonnull (strstr (error->message, "signal 11"));
#endif
  assert_no_children ();
}

static void
test_hanging_chunk (void)
{
  g_autoptr (PsStudy) study = study_from_json (rows_json);
  g_autoptr (GError) error = NULL;
  gint64 t0 = g_get_monotonic_time ();
  Outcome p;

  g_setenv ("PARASTUDY_WORKER_HANG_CHUNK", "1", TRUE);
  g_assert_false (run (study, "processes", 2, PS_ROWS_ALL, NULL, NULL, NULL, 0.3, &p, &error));
  g_unsetenv ("PARASTUDY_WORKER_HANG_CHUNK");
  g_assert_error (error, PS_ERROR, PS_ERROR_FAILED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "chunk 1 "));
  g_assert_nonnull (strstr (error->message, "chunk timeout (0.3 s)"));
  /* Two attempts of 0.3 s, not a hang. */
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 10 * G_USEC_PER_SEC);
  assert_no_children ();
}

static void
cancel_at_first (const PsProgress *p, gpointer data)
{
  g_atomic_int_set ((gint *)data, 1);
}

static void
test_cancel (void)
{
  g_autoptr (PsStudy) study = load_example ("reliability-load-strength.json");
  g_autoptr (GError) error = NULL;
  gint cancel = 0;
  gint64 t0;
  Outcome p;

  /* Long enough (2.5e9 samples) that only a cancel ends it in time. */
  g_assert_true (ps_study_set_items (study, 610352, &error));
  t0 = g_get_monotonic_time ();
  g_assert_false (run (study, "processes", 2, PS_ROWS_NONE, cancel_at_first, &cancel, &cancel, 0.0,
                       &p, &error));
  g_assert_error (error, PS_ERROR, PS_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 5 * G_USEC_PER_SEC);
  assert_no_children ();
}

/* A worker of the command line that is killed with it does not live on: the workers
 * die with their run (PR_SET_PDEATHSIG) and nothing is left. */
static void
test_no_orphans (void)
{
  const char *cli = g_getenv ("PS_CLI");
  g_autofree char *example = NULL;
  g_autofree char *out = g_dir_make_tmp ("ps-orphans-XXXXXX", NULL);
  g_autoptr (GArray) workers = NULL;
  g_autoptr (GError) error = NULL;
  char *argv[12];
  GPid pid;
  int status;

  if (cli == NULL)
    {
      g_test_skip ("PS_CLI is not set");
      return;
    }
  /* A long Monte Carlo run: the load-strength example at 10^10 samples. */
  example = g_build_filename (out, "long.json", NULL);
  g_assert_true (g_file_set_contents (
      example,
      "{ \"parastudy\": 1, \"kind\": \"reliability\", \"name\": \"Long\","
      "  \"variables\": { \"R\": { \"distribution\": \"normal\", \"mean\": 1500, \"sd\": 150 },"
      "                   \"S\": { \"distribution\": \"normal\", \"mean\": 1000, \"sd\": 100 } },"
      "  \"limit_state\": \"R - S\","
      "  \"method\": { \"name\": \"monte-carlo\", \"samples\": 10000000000, \"seed\": 1 } }",
      -1, NULL));
  argv[0] = (char *)cli;
  argv[1] = "run";
  argv[2] = example;
  argv[3] = "--backend";
  argv[4] = "processes";
  argv[5] = "--workers";
  argv[6] = "2";
  argv[7] = "--out";
  argv[8] = out;
  argv[9] = NULL;
  g_assert_true (
      g_spawn_async (NULL, argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  for (int i = 0; i < 500; i++)
    {
      g_clear_pointer (&workers, g_array_unref);
      workers = children_of (pid);
      if (workers->len == 2)
        break;
      g_usleep (10000);
    }
  g_assert_cmpuint (workers->len, ==, 2);
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  for (guint i = 0; i < workers->len; i++)
    {
      pid_t w = g_array_index (workers, pid_t, i);
      gboolean gone = FALSE;

      for (int k = 0; k < 300 && !gone; k++)
        {
          g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int)w);
          g_autofree char *stat = NULL;

          /* Gone, or a zombie waiting for init to reap it. */
          gone = !g_file_get_contents (path, &stat, NULL, NULL)
                 || strstr (strrchr (stat, ')'), ") Z ") != NULL;
          if (!gone)
            g_usleep (10000);
        }
      g_assert_true (gone);
    }
  /* No results file that looks complete. */
  {
    g_autofree char *summary = g_build_filename (out, "summary.json", NULL);

    g_assert_false (g_file_test (summary, G_FILE_TEST_EXISTS));
  }
  rm_rf (out);
  assert_no_children ();
}

/* ---- memory ------------------------------------------------------------------------ */

static guint64
current_hwm (void)
{
  g_autofree char *status = NULL;
  const char *p;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  p = strstr (status, "VmHWM:");
  g_assert_nonnull (p);
  return g_ascii_strtoull (p + 6, NULL, 10) * 1024u;
}

/* The rows of a 3-million-item sweep go from the workers' arenas to the results sink
 * without being gathered anywhere: the run's total resident memory (this process's
 * growth plus each worker's peak) stays within 1.2 x the output plus a fixed amount
 * per process. */
static void
test_memory_bound (void)
{
  g_autoptr (PsStudy) study = load_example ("beam-grid.json");
  g_autoptr (GError) error = NULL;
  guint64 before, grown, total, bound;
  /* A worker is the program and its study, a workspace and an arena of a few chunks;
   * the sanitizers' shadow memory makes it several times larger. */
#if defined(__SANITIZE_ADDRESS__)
  const guint64 fixed = 256u << 20;
#else
  const guint64 fixed = 48u << 20;
#endif
  const int workers = 2;
  Outcome p;

  /* Resets VmHWM to the current RSS (Linux >= 4.0), so this run's peak is measured. */
  FILE *f = fopen ("/proc/self/clear_refs", "w");

  if (f == NULL || fputs ("5", f) < 0 || fclose (f) != 0)
    {
      g_test_skip ("cannot reset the peak RSS of this process");
      return;
    }
  before = current_hwm ();
  g_assert_true (run (study, "processes", workers, PS_ROWS_ALL, NULL, NULL, NULL, 0.0, &p, &error));
  g_assert_no_error (error);
  grown = current_hwm () - MIN (before, current_hwm ());
  total = grown + p.result->workers_peak_rss_bytes;
  bound = (guint64)(1.2 * (double)p.rows_bytes) + (guint64)(workers + 1) * fixed;
  g_test_message ("output %.1f MB; this process grew %.1f MB, workers' peaks %.1f MB; "
                  "total %.1f MB, bound %.1f MB",
                  p.rows_bytes / 1e6, grown / 1e6, p.result->workers_peak_rss_bytes / 1e6,
                  total / 1e6, bound / 1e6);
  g_assert_cmpuint (p.rows_bytes, >, 100u << 20);
  g_assert_cmpuint (total, <=, bound);
  /* Stricter than the bound: nothing near one copy of the output. */
  g_assert_cmpuint (total, <, p.rows_bytes / 2 + (guint64)(workers + 1) * fixed);
  outcome_clear (&p);
  assert_no_children ();
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/processes/killed-workers", test_killed_workers);
  g_test_add_func ("/processes/crashing-chunk", test_crashing_chunk);
  g_test_add_func ("/processes/hanging-chunk", test_hanging_chunk);
  g_test_add_func ("/processes/cancel", test_cancel);
  g_test_add_func ("/processes/no-orphans", test_no_orphans);
  g_test_add_func ("/processes/memory-bound", test_memory_bound);
  return g_test_run ();
}
