/* ps-backend-test-utils.h: running a study on a backend into a results folder, and
 * comparing two results folders' answers, for the tests that compare a backend with
 * the serial one (test-backends, and what test-run, test-processes, test-gpu and
 * test-mpi check beyond it). Everything is static inline: each test program is one
 * translation unit.
 *
 * A run's answer is its folder: summary.json less the members that describe the run
 * rather than the study's answer (who ran it, when, how long, on what machine), which
 * leaves the item errors (count, items and messages) and the kind's summary, whose
 * doubles json-glib prints with 17 significant digits, so that equal text is equal
 * bits; and every other file (results.csv, convergence.csv, ...) byte for byte.
 */
#pragma once

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ps-test-utils.h"

/* summary.json of @dir less the run's own members; @backend and @workers (may be
 * NULL) get the run's. */
static inline char *
answer_of (const char *dir, char **backend, gint64 *workers)
{
  static const char *const run_members[] = {
    "backend",
    "workers",
    "started",
    "wall_seconds",
    "cpu_seconds",
    "peak_rss_bytes",
    "workers_peak_rss_bytes",
    "workers_cpu_seconds",
    "machine",
    NULL,
  };
  g_autofree char *path = g_build_filename (dir, "summary.json", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *o;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  o = json_node_get_object (json_parser_get_root (parser));
  if (backend != NULL)
    *backend = g_strdup (json_object_get_string_member (o, "backend"));
  if (workers != NULL)
    *workers = json_object_get_int_member (o, "workers");
  for (guint i = 0; run_members[i] != NULL; i++)
    if (json_object_has_member (o, run_members[i]))
      json_object_remove_member (o, run_members[i]);
  json_generator_set_root (gen, json_parser_get_root (parser));
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}

static inline int
compare_file_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *)a, *(char *const *)b);
}

/* The names in folder @dir, hidden ones included, sorted. */
static inline GPtrArray *
dir_names (const char *dir)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) d = g_dir_open (dir, 0, &error);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_file_names);
  return names;
}

/* Asserts that file @name is the same in @ref_dir and @dir, naming the first byte
 * that differs. */
static inline void
assert_same_file (const char *ref_dir, const char *dir, const char *name, const char *what)
{
  g_autofree char *a = g_build_filename (ref_dir, name, NULL);
  g_autofree char *b = g_build_filename (dir, name, NULL);
  g_autofree char *ca = NULL, *cb = NULL;
  gsize la = 0, lb = 0, i = 0;

  g_assert_true (g_file_get_contents (a, &ca, &la, NULL));
  g_assert_true (g_file_get_contents (b, &cb, &lb, NULL));
  if (la == lb && memcmp (ca, cb, la) == 0)
    return;
  while (i < la && i < lb && ca[i] == cb[i])
    i++;
  g_error ("%s: %s differs from the reference at byte %" G_GSIZE_FORMAT " (%" G_GSIZE_FORMAT
           " and %" G_GSIZE_FORMAT " bytes)",
           what, name, i, la, lb);
}

/* Asserts that @dir holds the answer of @ref_dir: the same files (nothing left over,
 * no temporary or part file), summary.json equal but for the run's own members, and
 * every other file byte for byte. */
static inline void
assert_same_answer (const char *ref_dir, const char *dir, const char *what)
{
  g_autoptr (GPtrArray) ref_names = dir_names (ref_dir);
  g_autoptr (GPtrArray) names = dir_names (dir);

  for (guint i = 0; i < MAX (ref_names->len, names->len); i++)
    if (i >= ref_names->len || i >= names->len
        || !g_str_equal (ref_names->pdata[i], names->pdata[i]))
      g_error ("%s: the folder holds %s where the reference holds %s", what,
               i < names->len ? (const char *)names->pdata[i] : "nothing",
               i < ref_names->len ? (const char *)ref_names->pdata[i] : "nothing");
  g_assert_true (g_ptr_array_find_with_equal_func (ref_names, "summary.json", g_str_equal, NULL));
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];

      if (g_str_equal (name, "summary.json"))
        {
          g_autofree char *ref = answer_of (ref_dir, NULL, NULL);
          g_autofree char *got = answer_of (dir, NULL, NULL);

          if (!g_str_equal (ref, got))
            g_error ("%s: summary.json differs from the reference:\n%s\n%s", what, ref, got);
        }
      else
        assert_same_file (ref_dir, dir, name, what);
    }
}

/* Runs @study on @backend with @workers and @rows into @dir in this process, with
 * @progress (may be NULL) called on the way; any error fails the test. */
static inline PsRunResult *
run_to_dir_ok (const PsStudy *study, const char *backend, int workers, PsRowsMode rows,
               const char *dir, PsProgressFunc progress, gpointer progress_data)
{
  PsRunOptions options;

  ps_run_options_init (&options);
  options.backend = backend;
  options.workers = workers;
  options.rows = rows;
  options.progress = progress;
  options.progress_data = progress_data;
  return run_ok (study, &options, dir);
}

typedef struct
{
  int status; /* the exit status, or 128 + the signal */
  char *out, *err;
  double seconds;
} LaunchResult;

static inline void
launch_result_clear (LaunchResult *r)
{
  g_free (r->out);
  g_free (r->err);
}

/* Runs @study_path into @out_dir on @backend, a backend with
 * PS_BACKEND_NEEDS_LAUNCHER, through its launcher with @workers workers of @threads
 * threads (the built parastudy-cli, $PS_CLI), @extra (NULL-terminated, may be NULL)
 * added to the run command. The programs under the launcher keep the launcher's
 * allocations to the end (Open MPI): LeakSanitizer is off there, AddressSanitizer
 * stays on. */
static inline void
run_launched (const PsBackend *backend, const char *study_path, int workers, int threads,
              const char *out_dir, const char *const *extra, LaunchResult *r)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) argv = NULL;
  g_auto (GStrv) envp = NULL;
  PsBackendLaunch launch;
  gint64 t0 = g_get_monotonic_time ();
  int wait_status = 0;

  g_assert_true (backend->flags & PS_BACKEND_NEEDS_LAUNCHER);
  g_assert_nonnull (backend->launch_argv);
  memset (r, 0, sizeof *r);
  ps_backend_launch_init (&launch);
  launch.program = g_getenv ("PS_CLI");
  launch.workers = workers;
  launch.threads_per_worker = threads;
  launch.oversubscribe = TRUE;
  launch.allow_run_as_root = TRUE;
  argv = backend->launch_argv (&launch, study_path, out_dir, extra, &error);
  g_assert_no_error (error);
  envp = g_get_environ ();
  if (backend->launch_envp != NULL)
    envp = backend->launch_envp (&launch, g_steal_pointer (&envp));
  envp = g_environ_setenv (envp, "ASAN_OPTIONS", "detect_leaks=0:halt_on_error=1", TRUE);
  g_spawn_sync (NULL, argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &r->out, &r->err, &wait_status,
                &error);
  g_assert_no_error (error);
  r->seconds = (double)(g_get_monotonic_time () - t0) * 1e-6;
  if (WIFEXITED (wait_status))
    r->status = WEXITSTATUS (wait_status);
  else if (WIFSIGNALED (wait_status))
    r->status = 128 + WTERMSIG (wait_status);
}

/* The child processes of @parent, from /proc. */
static inline GArray *
children_of (pid_t parent)
{
  GArray *pids = g_array_new (FALSE, FALSE, sizeof (pid_t));
  DIR *d = opendir ("/proc");
  struct dirent *e;

  g_assert_nonnull (d);
  while ((e = readdir (d)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *stat = NULL;
      char *close_paren;
      int ppid = 0;
      pid_t pid = (pid_t)g_ascii_strtoll (e->d_name, NULL, 10);

      if (pid <= 0)
        continue;
      path = g_strdup_printf ("/proc/%d/stat", (int)pid);
      if (!g_file_get_contents (path, &stat, NULL, NULL))
        continue;
      /* "pid (comm) state ppid ...": comm may hold spaces, so parse after ')'. */
      close_paren = strrchr (stat, ')');
      if (close_paren != NULL && sscanf (close_paren + 2, "%*c %d", &ppid) == 1
          && ppid == (int)parent)
        g_array_append_val (pids, pid);
    }
  closedir (d);
  return pids;
}

/* No process of a run lives on: this process has no children, nor any to reap. */
static inline void
assert_no_children (void)
{
  g_autoptr (GArray) left = children_of (getpid ());
  int status;

  g_assert_cmpuint (left->len, ==, 0);
  g_assert_cmpint (waitpid (-1, &status, WNOHANG), ==, -1);
  g_assert_cmpint (errno, ==, ECHILD);
}
