/* The MPI backend under mpirun, beyond what test-backends.c checks on every backend
 * (every example at 1 to 3 ranks of one thread): 1 to 4 ranks x 2 threads and 4 ranks
 * x 1 thread give the serial backend's summary.json (less the run's own fields),
 * results.csv and convergence.csv byte for byte, for every study kind; a rank killed
 * or stuck mid-run ends the run with a message naming the rank and the chunk and
 * leaves no result file; bad input on rank 0 ends every rank; scaling studies take
 * --backend mpi; the Slurm script and the GUI's mpirun command line.
 *
 * The reference is always the serial backend of the same program (the engine's
 * closed-form tests check the serial answers themselves). Without mpirun the tests
 * that need it are skipped with the reason.
 */
#define G_LOG_DOMAIN "test-mpi"
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ps-backend-test-utils.h"
#include "ps-chunk-result.h"
#include "ps-mpi-launch.h"

static char *tmp_dir;
static const char *cli;
static char *mpirun;

typedef struct
{
  int status; /* the exit status, or 128 + signal */
  char *out, *err;
  double seconds;
} Proc;

static void
proc_clear (Proc *p)
{
  g_free (p->out);
  g_free (p->err);
}

static char **
child_env (const char *const *extra)
{
  char **env = g_get_environ ();

  /* mpirun refuses root (CI containers) without these. */
  env = g_environ_setenv (env, "OMPI_ALLOW_RUN_AS_ROOT", "1", TRUE);
  env = g_environ_setenv (env, "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1", TRUE);
  /* Open MPI keeps allocations until the process ends: LeakSanitizer would report
   * the library, not us. AddressSanitizer itself stays on. */
  env = g_environ_setenv (env, "ASAN_OPTIONS", "detect_leaks=0:halt_on_error=1", TRUE);
  env = g_environ_setenv (env, "OMP_NUM_THREADS", "1", TRUE);
  for (guint i = 0; extra != NULL && extra[i] != NULL; i += 2)
    env = g_environ_setenv (env, extra[i], extra[i + 1], TRUE);
  return env;
}

static void
run_cmd (const char *const *argv, const char *const *env_extra, Proc *p)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) env = child_env (env_extra);
  gint64 t0 = g_get_monotonic_time ();
  int wait_status = 0;

  memset (p, 0, sizeof *p);
  g_spawn_sync (tmp_dir, (char **)argv, env, G_SPAWN_SEARCH_PATH, NULL, NULL, &p->out, &p->err,
                &wait_status, &error);
  g_assert_no_error (error);
  p->seconds = (double)(g_get_monotonic_time () - t0) * 1e-6;
  if (WIFEXITED (wait_status))
    p->status = WEXITSTATUS (wait_status);
  else if (WIFSIGNALED (wait_status))
    p->status = 128 + WTERMSIG (wait_status);
}

/* mpirun -n RANKS CLI ARGS... */
static void
run_mpi (int ranks, const char *const *args, const char *const *env_extra, Proc *p)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, g_strdup (mpirun));
  g_ptr_array_add (argv, g_strdup ("--oversubscribe"));
  g_ptr_array_add (argv, g_strdup ("--bind-to"));
  g_ptr_array_add (argv, g_strdup ("none"));
  g_ptr_array_add (argv, g_strdup ("-n"));
  g_ptr_array_add (argv, g_strdup_printf ("%d", ranks));
  g_ptr_array_add (argv, g_strdup (cli));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);
  run_cmd ((const char *const *)argv->pdata, env_extra, p);
}

static gboolean
need_mpirun (void)
{
  if (mpirun == NULL)
    {
      g_test_skip ("mpirun is not installed (Debian: openmpi-bin)");
      return FALSE;
    }
  return TRUE;
}

static void
assert_no_results (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return; /* not even the folder */
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_equal (name, "summary.json") || g_str_equal (name, "results.csv")
        || g_str_equal (name, "convergence.csv"))
      g_error ("%s/%s was left behind by a failed run", dir, name);
}

/* The ranks' part files of rows (.results.csv.parts-*, inside the run's staging
 * folder) are gone once a run ends, with the staging folder. */
static void
assert_no_parts (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, ".results.csv") || g_str_has_prefix (name, ".parastudy-stage-"))
      g_error ("%s/%s was left behind by a run", dir, name);
}

static gint64
summary_int (const char *dir, const char *member)
{
  g_autofree char *path = g_build_filename (dir, "summary.json", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)), member);
}

static char *
example_path (const char *name)
{
  const char *dir = g_getenv ("PS_EXAMPLES");

  return g_build_filename (dir ? dir : PS_SOURCE_DATADIR "/examples", name, NULL);
}

/* Writes a copy of example @name with @edit applied, returns its path. */
static char *
example_copy (const char *name, const char *new_name, void (*edit) (JsonObject *root))
{
  g_autofree char *src = example_path (name);
  g_autofree char *dst = g_build_filename (tmp_dir, new_name, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (GError) error = NULL;

  if (edit == NULL)
    {
      g_autofree char *text = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (src, &text, &len, NULL));
      g_assert_true (g_file_set_contents (dst, text, (gssize)len, NULL));
      return g_steal_pointer (&dst);
    }
  json_parser_load_from_file (parser, src, &error);
  g_assert_no_error (error);
  edit (json_node_get_object (json_parser_get_root (parser)));
  json_generator_set_root (gen, json_parser_get_root (parser));
  json_generator_to_file (gen, dst, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&dst);
}

/* beam-grid with @span x @load x 3 x @h configurations. */
static void
set_beam_grid_steps (JsonObject *root, gint64 span, gint64 load, gint64 h)
{
  JsonObject *beam = json_object_get_object_member (root, "beam");

  json_object_set_int_member (
      json_object_get_object_member (json_object_get_object_member (beam, "load"), "value"),
      "steps", load);
  json_object_set_int_member (json_object_get_object_member (beam, "span"), "steps", span);
  json_object_set_int_member (
      json_object_get_object_member (json_object_get_object_member (beam, "section"), "h"), "steps",
      h);
}

/* beam-grid at 40 x 50 x 3 x 20 = 120,000 configurations: four chunks with rows. */
static void
edit_beam_grid (JsonObject *root)
{
  set_beam_grid_steps (root, 40, 50, 20);
}

/* The reference every MPI run is compared with: @study run serially into @dir. */
static void
run_serial (const char *study, const char *dir, const char *rows)
{
  const char *argv[] = { cli, "run",          study,    "--backend", "serial", "--out",
                         dir, "--no-history", "--rows", rows,        NULL };
  Proc p;

  run_cmd (argv, NULL, &p);
  if (p.status != 0)
    g_error ("serial run failed: %s", p.err);
  proc_clear (&p);
}

/* ---- every kind, 1-4 ranks x 2 threads, 4 ranks x 1 thread ----------------------------- */

typedef struct
{
  const char *example;
  void (*edit) (JsonObject *root);
  const char *rows; /* --rows, or NULL */
} Case;

static const Case cases[] = {
  { "beam-grid.json", edit_beam_grid, "all" },
  /* Stops adaptively at its target CoV after 55 of 1526 chunks. */
  { "reliability-load-strength.json", NULL, NULL },
  /* 39 chunks of rows. */
  { "regression-synthetic.json", NULL, NULL },
  /* One chunk with an item error (coupon C07). */
  { "regression-coupons.json", NULL, NULL },
};

static void
test_equal (gconstpointer data)
{
  /* 1 to 3 ranks of one thread are test-backends.c's. */
  static const int runs[][2] = { { 1, 2 }, { 2, 2 }, { 3, 2 }, { 4, 1 }, { 4, 2 } };
  const Case *c = data;
  g_autofree char *copy_name = NULL;
  g_autofree char *study = NULL;
  g_autofree char *ref_dir = NULL;
  Proc p;

  if (!need_mpirun ())
    return;
  copy_name = g_strdup_printf ("mpi-%s", c->example);
  study
      = c->edit != NULL ? example_copy (c->example, copy_name, c->edit) : example_path (c->example);
  ref_dir = g_build_filename (tmp_dir, "ref", c->example, NULL);
  run_serial (study, ref_dir, c->rows ? c->rows : "all");

  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      int ranks = runs[i][0], threads = runs[i][1];
      g_autofree char *dir
          = g_strdup_printf ("%s/mpi-%d-%d/%s", tmp_dir, ranks, threads, c->example);
      g_autofree char *t = g_strdup_printf ("%d", threads);
      g_autofree char *what
          = g_strdup_printf ("%s on %d ranks x %d threads", c->example, ranks, threads);
      const char *args[]
          = { "run",   study, "--backend",    "mpi",    "--workers-per-rank",      t,
              "--out", dir,   "--no-history", "--rows", c->rows ? c->rows : "all", NULL };
      g_autofree char *backend = NULL;
      gint64 workers = 0;

      run_mpi (ranks, args, NULL, &p);
      if (p.status != 0)
        g_error ("%s: exit %d\n%s", what, p.status, p.err);
      g_test_message ("%s in %.2f s", what, p.seconds);
      proc_clear (&p);
      g_free (answer_of (dir, &backend, &workers));
      g_assert_cmpstr (backend, ==, "mpi");
      g_assert_cmpint (workers, ==, ranks);
      /* The same files, summary.json, results.csv and convergence.csv. */
      assert_same_answer (ref_dir, dir, what);
      assert_no_parts (dir);
    }
}

/* beam-grid at 50 x 100 x 3 x 20 = 300,000 configurations: 10 chunks of about 7 MB of
 * rows each. */
static void
edit_beam_rows (JsonObject *root)
{
  set_beam_grid_steps (root, 50, 100, 20);
}

/* Each rank writes its rows to its own part file and rank 0 copies them into the
 * results file a chunk at a time, so rank 0's peak memory stays within a few chunks'
 * rows of a serial run's, however many rows the run writes. When rows travelled to
 * rank 0 in the results, it held up to its window of 16 chunks (2 ranks): 79-119 MB
 * against 18 MB for the serial run of the 3,000,000-configuration example. */
static void
test_rows_memory (void)
{
  g_autofree char *study = NULL;
  g_autofree char *ref_dir = g_build_filename (tmp_dir, "rows-memory-serial", NULL);
  g_autofree char *dir = g_build_filename (tmp_dir, "rows-memory-mpi", NULL);
  gint64 serial_rss, mpi_rss, rows_bytes, chunk_rows;
  Proc p;

  if (!need_mpirun ())
    return;
  study = example_copy ("beam-grid.json", "mpi-rows-memory.json", edit_beam_rows);
  run_serial (study, ref_dir, "all");
  {
    const char *args[]
        = { "run", study, "--backend", "mpi", "--out", dir, "--rows", "all", "--no-history", NULL };

    run_mpi (2, args, NULL, &p);
    if (p.status != 0)
      g_error ("mpi run failed: %s", p.err);
    proc_clear (&p);
  }
  assert_same_answer (ref_dir, dir, "rows through part files");
  assert_no_parts (dir);
  serial_rss = summary_int (ref_dir, "peak_rss_bytes");
  mpi_rss = summary_int (dir, "peak_rss_bytes");
  {
    g_autofree char *path = g_build_filename (dir, "results.csv", NULL);
    GStatBuf st;

    g_assert_cmpint (g_stat (path, &st), ==, 0);
    rows_bytes = (gint64)st.st_size;
  }
  chunk_rows = rows_bytes / summary_int (dir, "chunks");
  g_test_message ("rank 0 peak RSS %.1f MB, serial %.1f MB, rows %.1f MB in chunks of %.1f MB",
                  (double)mpi_rss / 1e6, (double)serial_rss / 1e6, (double)rows_bytes / 1e6,
                  (double)chunk_rows / 1e6);
#ifdef __SANITIZE_ADDRESS__
  /* AddressSanitizer keeps freed memory in quarantine: peak memory says nothing. */
  g_test_message ("peak memory not checked under AddressSanitizer");
#else
  g_assert_cmpint (mpi_rss, <, serial_rss + 5 * chunk_rows);
#endif
}

/* ---- failures ------------------------------------------------------------------------ */

/* A rank SIGKILLed (rank 2 kills itself, through the test hook, when given chunk 5 or later)
 * mid-run: the run ends within seconds, the messages name the rank and the chunk,
 * and no result file is left. */
static void
test_killed_rank (void)
{
  g_autofree char *study = NULL;
  g_autofree char *dir = g_build_filename (tmp_dir, "killed", NULL);
  const char *env[] = { "PARASTUDY_MPI_KILL_CHUNK", "5", "PARASTUDY_MPI_FAIL_RANK", "2", NULL };
  Proc p;

  if (!need_mpirun ())
    return;
  study = example_path ("regression-synthetic.json");
  {
    const char *args[] = { "run", study, "--backend", "mpi", "--out", dir, "--no-history", NULL };

    run_mpi (3, args, env, &p);
  }
  g_test_message ("killed rank: exit %d after %.2f s\n%s", p.status, p.seconds, p.err);
  g_assert_cmpint (p.status, !=, 0);
  g_assert_cmpfloat (p.seconds, <, 30.0);
  /* Rank 0's message says which rank died with which chunk. */
  g_assert_nonnull (strstr (p.err, "MPI rank 2 (pid "));
  g_assert_nonnull (strstr (p.err, "died while it had chunk "));
  assert_no_results (dir);
  assert_no_parts (dir);
  proc_clear (&p);
}

/* A rank that stops answering (the test hook makes it wait forever on chunk 3): the
 * chunk timeout ends the run, names the rank and the chunk, and ends the job. */
static void
test_stuck_rank (void)
{
  g_autofree char *study = NULL;
  g_autofree char *dir = g_build_filename (tmp_dir, "stuck", NULL);
  const char *env[] = { "PARASTUDY_MPI_HANG_CHUNK", "3", NULL };

  Proc p;

  if (!need_mpirun ())
    return;
  study = example_path ("regression-synthetic.json");
  {
    const char *args[] = { "run", study,          "--backend",       "mpi", "--out",
                           dir,   "--no-history", "--chunk-timeout", "1",   NULL };

    run_mpi (2, args, env, &p);
  }
  g_test_message ("stuck rank: exit %d after %.2f s\n%s", p.status, p.seconds, p.err);
  g_assert_cmpint (p.status, !=, 0);
  g_assert_cmpfloat (p.seconds, <, 30.0);
  g_assert_nonnull (strstr (p.err, "MPI rank 1 (pid "));
  g_assert_nonnull (strstr (p.err, "did not return chunk "));
  g_assert_nonnull (strstr (p.err, "within the chunk timeout (1 s)"));
  assert_no_results (dir);
  proc_clear (&p);
}

/* Bad input is found on rank 0 before any rank computes; every rank leaves. */
static void
test_bad_input (void)
{
  g_autofree char *bad = g_build_filename (tmp_dir, "bad.json", NULL);
  g_autofree char *dir = g_build_filename (tmp_dir, "bad-out", NULL);
  g_autofree char *good = NULL;
  Proc p;

  if (!need_mpirun ())
    return;
  g_assert_true (g_file_set_contents (
      bad, "{ \"parastudy\": 1, \"kind\": \"beam\", \"name\": \"x\", \"beam\": { \"span\": -3 } }",
      -1, NULL));
  {
    const char *args[] = { "run", bad, "--backend", "mpi", "--out", dir, "--no-history", NULL };

    run_mpi (3, args, NULL, &p);
    g_assert_cmpint (p.status, ==, 2);
    g_assert_nonnull (strstr (p.err, "bad.json"));
    g_assert_cmpfloat (p.seconds, <, 30.0);
    proc_clear (&p);
  }
  good = example_path ("regression-coupons.json");
  {
    /* More workers than ranks. */
    const char *args[]
        = { "run", good, "--backend", "mpi", "--workers", "5", "--out", dir, "--no-history", NULL };

    run_mpi (2, args, NULL, &p);
    g_assert_cmpint (p.status, ==, 2);
    g_assert_nonnull (strstr (p.err, "this MPI job has 2 ranks"));
    proc_clear (&p);
  }
  {
    const char *args[] = { cli, "run",   good, "--backend",    "threads", "--workers-per-rank",
                           "2", "--out", dir,  "--no-history", NULL };

    run_cmd (args, NULL, &p);
    g_assert_cmpint (p.status, ==, 2);
    g_assert_nonnull (strstr (p.err, "--workers-per-rank"));
    proc_clear (&p);
  }
  assert_no_results (dir);
}

/* ---- scaling studies ------------------------------------------------------------------ */

static void
test_scale (void)
{
  g_autofree char *study = NULL;
  g_autofree char *dir = g_build_filename (tmp_dir, "scale", NULL);
  g_autofree char *json_path = g_build_filename (dir, "scaling.json", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonArray *series, *points;
  Proc p;

  if (!need_mpirun ())
    return;
  study = example_path ("regression-synthetic.json");
  {
    const char *args[]
        = { "scale", study,      "--backend", "mpi",   "--workers", "1,2,3",        "--repeats",
            "1",     "--warmup", "0",         "--out", dir,         "--no-history", NULL };

    run_mpi (3, args, NULL, &p);
  }
  if (p.status != 0)
    g_error ("scale --backend mpi: exit %d\n%s", p.status, p.err);
  proc_clear (&p);
  json_parser_load_from_file (parser, json_path, &error);
  g_assert_no_error (error);
  series = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                         "series");
  g_assert_cmpuint (json_array_get_length (series), ==, 1);
  g_assert_cmpstr (
      json_object_get_string_member (json_array_get_object_element (series, 0), "backend"), ==,
      "mpi");
  points = json_object_get_array_member (json_array_get_object_element (series, 0), "points");
  g_assert_cmpuint (json_array_get_length (points), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (
        json_object_get_int_member (json_array_get_object_element (points, i), "workers"), ==,
        (gint64)i + 1);

  /* More workers than the job's ranks is refused. */
  {
    const char *args[]
        = { "scale", study,      "--backend", "mpi",   "--workers", "1,4",          "--repeats",
            "1",     "--warmup", "0",         "--out", dir,         "--no-history", NULL };

    run_mpi (2, args, NULL, &p);
    g_assert_cmpint (p.status, !=, 0);
    g_assert_nonnull (strstr (p.err, "this MPI job has 2 ranks"));
    proc_clear (&p);
  }
}

/* ---- the Slurm script ------------------------------------------------------------------- */

static void
test_export_job (void)
{
  g_autofree char *study = example_path ("reliability-load-strength.json");
  g_autofree char *script_path = g_build_filename (tmp_dir, "job.sh", NULL);
  g_autofree char *script = NULL;
  Proc p;

  {
    const char *argv[] = { cli,         "export-job",
                           study,       "--scheduler",
                           "slurm",     "--nodes",
                           "3",         "--tasks-per-node",
                           "8",         "--workers-per-rank",
                           "4",         "--time",
                           "02:30:00",  "--partition",
                           "compute",   "--out",
                           script_path, NULL };

    run_cmd (argv, NULL, &p);
    g_assert_cmpint (p.status, ==, 0);
    proc_clear (&p);
  }
  g_assert_true (g_file_get_contents (script_path, &script, NULL, NULL));
  g_assert_true (g_str_has_prefix (script, "#!/bin/bash\n"));
  g_assert_nonnull (strstr (script, "\n#SBATCH --nodes=3\n"));
  g_assert_nonnull (strstr (script, "\n#SBATCH --ntasks-per-node=8\n"));
  g_assert_nonnull (strstr (script, "\n#SBATCH --cpus-per-task=4\n"));
  g_assert_nonnull (strstr (script, "\n#SBATCH --time=02:30:00\n"));
  g_assert_nonnull (strstr (script, "\n#SBATCH --partition=compute\n"));
  g_assert_nonnull (strstr (script, "\n#SBATCH --job-name=parastudy-reliability-load-strength\n"));
  g_assert_nonnull (strstr (script, "\nexport OMP_NUM_THREADS=4\n"));
  g_assert_nonnull (strstr (script, "--map-by ppr:8:node:PE=4"));
  g_assert_nonnull (strstr (script, " run "));
  g_assert_nonnull (strstr (script, "--backend mpi --workers-per-rank 4"));
  g_assert_nonnull (strstr (script, study));
  /* Every #SBATCH line comes before the first command, as sbatch requires. */
  g_assert_true (strstr (script, "#SBATCH") < strstr (script, "\nset -euo pipefail"));
  g_assert_null (strstr (strstr (script, "\nset -euo pipefail"), "#SBATCH"));
  /* It is valid shell. */
  {
    const char *argv[] = { "/bin/bash", "-n", script_path, NULL };

    run_cmd (argv, NULL, &p);
    g_assert_cmpint (p.status, ==, 0);
    proc_clear (&p);
  }

  /* srun instead of mpirun. */
  {
    const char *argv[] = { cli,     "export-job", study,     "--scheduler",
                           "slurm", "--nodes",    "1",       "--tasks-per-node",
                           "2",     "--time",     "0:10:00", "--launcher",
                           "srun",  NULL };

    run_cmd (argv, NULL, &p);
    g_assert_cmpint (p.status, ==, 0);
    g_assert_nonnull (strstr (p.out, "\nsrun --cpus-per-task=1 parastudy-cli run "));
    proc_clear (&p);
  }

  /* Bad values: exit 2, the option named, no script. */
  {
    static const char *const bad[][3] = {
      { "--time", "2:75:00", "--time" },
      { "--time", "soon", "--time" },
      { "--nodes", "0", "--nodes" },
      { "--tasks-per-node", "-1", "--tasks-per-node" },
      { "--workers-per-rank", "0", "--workers-per-rank" },
      { "--scheduler", "pbs", "--scheduler" },
      { "--partition", "a;rm -rf", "--partition" },
    };
    g_autofree char *bad_path = g_build_filename (tmp_dir, "bad-job.sh", NULL);

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        const char *argv[] = { cli,       "export-job", study,      "--scheduler",
                               "slurm",   "--nodes",    "2",        "--tasks-per-node",
                               "4",       "--time",     "01:00:00", bad[i][0],
                               bad[i][1], "--out",      bad_path,   NULL };

        run_cmd (argv, NULL, &p);
        g_assert_cmpint (p.status, ==, 2);
        g_assert_nonnull (strstr (p.err, bad[i][2]));
        g_assert_false (g_file_test (bad_path, G_FILE_TEST_EXISTS));
        proc_clear (&p);
      }
  }
  /* A study that does not validate is refused before the queue would find out. */
  {
    g_autofree char *bad_study = g_build_filename (tmp_dir, "bad-job-study.json", NULL);
    const char *argv[] = { cli, "export-job",       bad_study, "--scheduler", "slurm",   "--nodes",
                           "1", "--tasks-per-node", "1",       "--time",      "1:00:00", NULL };

    g_assert_true (
        g_file_set_contents (bad_study, "{ \"parastudy\": 1, \"kind\": \"beam\" ", -1, NULL));
    run_cmd (argv, NULL, &p);
    g_assert_cmpint (p.status, ==, 2);
    g_assert_nonnull (strstr (p.err, "bad-job-study.json"));
    proc_clear (&p);
  }
}

/* ---- the GUI's command line -------------------------------------------------------------- */

static void
test_launch (void)
{
  g_autofree char *study = example_path ("regression-synthetic.json");
  g_autofree char *dir = g_build_filename (tmp_dir, "launch", NULL);
  g_autofree char *ref_dir = g_build_filename (tmp_dir, "ref", "regression-synthetic.json", NULL);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) argv = NULL;
  g_auto (GStrv) lines = NULL;
  PsMpiLaunch launch;
  PsProgress last = { 0 };
  guint n_progress = 0;
  Proc p;

  if (!need_mpirun ())
    return;
  ps_mpi_launch_init (&launch);
  launch.ranks = 3;
  launch.threads_per_rank = 2;
  launch.oversubscribe = TRUE;
  launch.program = cli;
  argv = ps_mpi_launch_argv (&launch, study, dir, (const char *const[]){ "--no-history", NULL },
                             &error);
  g_assert_no_error (error);
  g_assert_cmpstr (argv[1], ==, "-n");
  g_assert_cmpstr (argv[2], ==, "3");
  g_assert_true (g_strv_contains ((const char *const *)argv, "--oversubscribe"));
  g_assert_true (g_strv_contains ((const char *const *)argv, "--progress-lines"));
  run_cmd ((const char *const *)argv, NULL, &p);
  if (p.status != 0)
    g_error ("the launched run failed: %s", p.err);

  /* Rank 0's progress lines, increasing, the last one complete. */
  lines = g_strsplit (p.err, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      PsProgress q;

      if (!ps_mpi_progress_parse (lines[i], &q))
        continue;
      g_assert_cmpuint (q.items_done, >=, last.items_done);
      last = q;
      n_progress++;
    }
  g_assert_cmpuint (n_progress, >=, 1);
  g_assert_cmpuint (last.items_done, ==, 10000);
  g_assert_cmpuint (last.items_total, ==, 10000);
  proc_clear (&p);

  /* The serial run of /mpi/equal/regression-synthetic.json, when it ran. */
  if (g_file_test (ref_dir, G_FILE_TEST_IS_DIR))
    assert_same_answer (ref_dir, dir, "the launched run");

  /* The backend's launch_argv () (ps-backend.h) is this command. */
  {
    g_auto (GStrv) same = NULL;
    PsBackendLaunch backend_launch;

    ps_backend_launch_init (&backend_launch);
    backend_launch.program = cli;
    backend_launch.workers = 3;
    backend_launch.threads_per_worker = 2;
    backend_launch.oversubscribe = TRUE;
    g_assert_nonnull (ps_backend_mpi.launch_argv);
    same = ps_backend_mpi.launch_argv (&backend_launch, study, dir,
                                       (const char *const[]){ "--no-history", NULL }, &error);
    g_assert_no_error (error);
    g_assert_true (g_strv_equal ((const char *const *)same, (const char *const *)argv));
  }

  /* Bad values. */
  launch.ranks = 0;
  g_assert_null (ps_mpi_launch_argv (&launch, study, dir, NULL, &error));
  g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
  g_clear_error (&error);
  launch.ranks = 2;
  launch.hostfile = "/nonexistent/hosts";
  g_assert_null (ps_mpi_launch_argv (&launch, study, dir, NULL, &error));
  g_assert_error (error, PS_ERROR, PS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "/nonexistent/hosts"));
}

/* ---- pieces that need no mpirun ---------------------------------------------------------- */

static void
test_progress_lines (void)
{
  PsProgress in = { 1234, 98765, 12.5, 987.25 }, out;
  g_autofree char *line = ps_mpi_progress_format (&in);

  g_assert_true (ps_mpi_progress_parse (line, &out));
  g_assert_cmpuint (out.items_done, ==, 1234);
  g_assert_cmpuint (out.items_total, ==, 98765);
  g_assert_cmpfloat (out.elapsed, ==, 12.5);
  g_assert_cmpfloat (out.eta, ==, 987.25);
  g_assert_false (ps_mpi_progress_parse ("progress 5 3 1.0 1.0", &out)); /* done > total */
  g_assert_false (ps_mpi_progress_parse ("progress x 3 1.0 1.0", &out));
  g_assert_false (ps_mpi_progress_parse ("progress 1 3 1.0", &out));
  g_assert_false (ps_mpi_progress_parse ("Open MPI warning", &out));
}

/* Chunk results go through bytes and back unchanged; cut or inflated bytes are
 * refused, never read past their end. */
static void
test_chunk_result (void)
{
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  double summary[3] = { 2.385, -7.5e-3, 1e300 };
  PsErrors errors, back;
  PsBuf rows;
  PsChunkResultView v;
  gsize offset = 0;

  ps_errors_init (&errors);
  ps_errors_add (&errors, 17, g_strdup ("specimen C07, line 212: a dropped reading"));
  ps_errors_add (&errors, 40, g_strdup ("ünïcode ok"));
  errors.count = 5; /* more than were kept */
  ps_buf_init (&rows, 16);
  ps_buf_append (&rows, "1,2.5,ok\n2,3.5,fail\n", 20);
  ps_chunk_result_append (bytes, 9, summary, sizeof summary, &errors, &rows);
  ps_errors_init (&back);
  ps_chunk_result_append (bytes, 10, summary, sizeof summary, &back, &rows);

  g_assert_true (ps_chunk_result_next (bytes->data, bytes->len, &offset, &v));
  g_assert_cmpuint (v.chunk, ==, 9);
  g_assert_cmpuint (v.summary_bytes, ==, sizeof summary);
  g_assert_cmpmem (v.summary, v.summary_bytes, summary, sizeof summary);
  g_assert_cmpmem (v.rows, v.rows_bytes, rows.data, rows.len);
  g_assert_true (ps_chunk_result_errors_read (v.errors, v.errors_bytes, &back));
  g_assert_cmpuint (back.count, ==, 5);
  g_assert_cmpuint (back.first->len, ==, 2);
  g_assert_cmpuint (g_array_index (back.first, PsItemError, 0).item, ==, 17);
  g_assert_cmpstr (g_array_index (back.first, PsItemError, 1).message, ==, "ünïcode ok");
  ps_errors_clear (&back);
  g_assert_true (ps_chunk_result_next (bytes->data, bytes->len, &offset, &v));
  g_assert_cmpuint (v.chunk, ==, 10);
  g_assert_cmpuint (offset, ==, bytes->len);
  g_assert_false (ps_chunk_result_next (bytes->data, bytes->len, &offset, &v));

  /* Every cut of the first result is refused. */
  for (gsize cut = 0; cut < bytes->len / 2; cut++)
    {
      gsize at = 0;

      g_assert_false (ps_chunk_result_next (bytes->data, cut, &at, &v));
    }
  /* Cut or padded error lists are refused. */
  offset = 0;
  g_assert_true (ps_chunk_result_next (bytes->data, bytes->len, &offset, &v));
  for (gsize cut = 0; cut < v.errors_bytes; cut++)
    {
      g_assert_false (ps_chunk_result_errors_read (v.errors, cut, &back));
      g_assert_cmpuint (back.count, ==, 0);
    }
  g_assert_false (ps_chunk_result_errors_read (v.errors, v.errors_bytes + 1, &back));

  ps_errors_clear (&errors);
  ps_buf_clear (&rows);
}

/* The CPU time of an MPI run includes the other ranks' (each rank's, sent with its
 * results): on a CPU-bound study at 2 ranks, both computing, at least 90 % of 2 x wall
 * when the machine was otherwise idle just before, and at any load about the CPU time
 * of the same work on one core (issue 21: it was rank 0's alone). */
static void
test_cpu_time (void)
{
  static const char mc[]
      = "{ \"parastudy\": 1, \"kind\": \"reliability\", \"name\": \"CPU\","
        "  \"variables\": { \"R\": { \"distribution\": \"lognormal\", \"mean\": 1500, "
        "\"sd\": 150 }, \"S\": { \"distribution\": \"gumbel\", \"mean\": 1000, \"sd\": 100 } },"
        "  \"limit_state\": \"R - S\","
        "  \"method\": { \"name\": \"monte-carlo\", \"samples\": 200000000, \"seed\": 3 } }";
  g_autofree char *study = g_build_filename (tmp_dir, "cpu.json", NULL);
  g_autofree char *dir = g_build_filename (tmp_dir, "cpu-out", NULL);
  g_autofree char *path = g_build_filename (dir, "summary.json", NULL);
  const char *args[] = { "run", study, "--backend", "mpi", "--out", dir, "--no-history", NULL };
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  PsLoadSample a, b;
  JsonObject *o;
  double before, wall, cpu, workers_cpu;
  Proc p;

  if (!need_mpirun ())
    return;
  g_assert_true (g_file_set_contents (study, mc, -1, NULL));
  ps_load_sample (&a);
  g_usleep (600000);
  ps_load_sample (&b);
  before = ps_load_other_share (&a, &b);
  run_mpi (2, args, NULL, &p);
  if (p.status != 0)
    g_error ("mpirun: exit %d\n%s", p.status, p.err);
  proc_clear (&p);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  o = json_node_get_object (json_parser_get_root (parser));
  wall = json_object_get_double_member (o, "wall_seconds");
  cpu = json_object_get_double_member (o, "cpu_seconds");
  workers_cpu = json_object_get_double_member_with_default (o, "workers_cpu_seconds", 0.0);
  g_test_message ("wall %.3f s, CPU %.3f s (other ranks %.3f s), load before %.2f", wall, cpu,
                  workers_cpu, before);
  g_assert_cmpfloat (workers_cpu, >, 0.0);
  g_assert_cmpfloat (cpu, >=, workers_cpu);
  if (isfinite (before) && before < 0.05)
    g_assert_cmpfloat (cpu, >=, 0.9 * 2.0 * wall);
  /* Whatever the load: the same work on one core takes about as much CPU time, and
   * rank 0's share alone (what was reported before) is about half of it. */
  {
    g_autofree char *sdir = g_build_filename (tmp_dir, "cpu-serial", NULL);
    g_autofree char *spath = g_build_filename (sdir, "summary.json", NULL);
    const char *sargs[]
        = { cli, "run", study, "--backend", "serial", "--out", sdir, "--no-history", NULL };
    g_autoptr (JsonParser) sp = json_parser_new ();
    double serial_cpu;

    run_cmd (sargs, NULL, &p);
    g_assert_cmpint (p.status, ==, 0);
    proc_clear (&p);
    json_parser_load_from_file (sp, spath, &error);
    g_assert_no_error (error);
    serial_cpu = json_object_get_double_member (json_node_get_object (json_parser_get_root (sp)),
                                                "cpu_seconds");
    g_test_message ("serial CPU %.3f s", serial_cpu);
    g_assert_cmpfloat (cpu, >=, 0.8 * serial_cpu);
    g_assert_cmpfloat (workers_cpu, >=, 0.1 * serial_cpu);
  }
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  cli = g_getenv ("PS_CLI");
  g_assert_nonnull (cli);
  mpirun = g_find_program_in_path ("mpirun");
  tmp_dir = g_dir_make_tmp ("test-mpi-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/mpi/chunk-result", test_chunk_result);
  g_test_add_func ("/mpi/progress-lines", test_progress_lines);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/mpi/equal/%s", cases[i].example);

      g_test_add_data_func (path, &cases[i], test_equal);
    }
  g_test_add_func ("/mpi/launch", test_launch);
  g_test_add_func ("/mpi/rows-memory", test_rows_memory);
  g_test_add_func ("/mpi/killed-rank", test_killed_rank);
  g_test_add_func ("/mpi/stuck-rank", test_stuck_rank);
  g_test_add_func ("/mpi/bad-input", test_bad_input);
  g_test_add_func ("/mpi/scale", test_scale);
  g_test_add_func ("/mpi/export-job", test_export_job);
  g_test_add_func ("/mpi/cpu-time", test_cpu_time);
  status = g_test_run ();

  if (g_getenv ("PS_KEEP_TMP") == NULL)
    rm_rf (tmp_dir);
  g_free (tmp_dir);
  g_free (mpirun);
  return status;
}
