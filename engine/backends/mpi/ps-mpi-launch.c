#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ps-error.h"
#include "ps-mpi-launch.h"
#include "ps-study.h"

void
ps_mpi_launch_init (PsMpiLaunch *launch)
{
  memset (launch, 0, sizeof *launch);
  launch->ranks = 1;
}

static char *
find_program (const char *given, GError **error)
{
  g_autofree char *self = NULL;

  if (given != NULL)
    {
      if (g_file_test (given, G_FILE_TEST_IS_EXECUTABLE)
          && !g_file_test (given, G_FILE_TEST_IS_DIR))
        return g_strdup (given);
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("%s is not an executable file"), given);
      return NULL;
    }
  /* The GUI and the command line are installed side by side. */
  self = g_file_read_link ("/proc/self/exe", NULL);
  if (self != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self);
      g_autofree char *beside = g_build_filename (dir, "parastudy-cli", NULL);

      if (g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&beside);
    }
  {
    char *in_path = g_find_program_in_path ("parastudy-cli");

    if (in_path != NULL)
      return in_path;
  }
  g_set_error (error, PS_ERROR, PS_ERROR_UNSUPPORTED,
               _ ("parastudy-cli was not found beside this program or in PATH"));
  return NULL;
}

char **
ps_mpi_launch_argv (const PsMpiLaunch *launch, const char *study_path, const char *out_dir,
                    const char *const *extra, GError **error)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *mpirun = NULL;
  g_autofree char *program = NULL;
  int threads = launch->threads_per_rank > 0 ? launch->threads_per_rank : 1;

  if (launch->ranks < 1 || launch->ranks > 65536)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("MPI ranks: between 1 and 65536 (got %d)"),
                   launch->ranks);
      return NULL;
    }
  if (threads > 4096)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("threads per rank: between 1 and 4096 (got %d)"), threads);
      return NULL;
    }
  if (launch->hostfile != NULL && !g_file_test (launch->hostfile, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("host file %s: no such file"),
                   launch->hostfile);
      return NULL;
    }
  if (launch->mpirun != NULL)
    mpirun = g_strdup (launch->mpirun);
  else
    mpirun = g_find_program_in_path ("mpirun");
  if (mpirun == NULL)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_UNSUPPORTED,
                   _ ("mpirun was not found in PATH (install Open MPI: openmpi-bin)"));
      return NULL;
    }
  program = find_program (launch->program, error);
  if (program == NULL)
    return NULL;

  g_ptr_array_add (argv, g_steal_pointer (&mpirun));
  if (launch->hostfile != NULL)
    {
      g_ptr_array_add (argv, g_strdup ("--hostfile"));
      g_ptr_array_add (argv, g_strdup (launch->hostfile));
    }
  g_ptr_array_add (argv, g_strdup ("-n"));
  g_ptr_array_add (argv, g_strdup_printf ("%d", launch->ranks));
  if (launch->oversubscribe)
    g_ptr_array_add (argv, g_strdup ("--oversubscribe"));
  /* Open MPI binds each rank to one core by default: its threads would share it. */
  if (threads > 1)
    {
      g_ptr_array_add (argv, g_strdup ("--bind-to"));
      g_ptr_array_add (argv, g_strdup ("none"));
    }
  /* Hosts other than this one get the thread count through mpirun. */
  g_ptr_array_add (argv, g_strdup ("-x"));
  g_ptr_array_add (argv, g_strdup ("OMP_NUM_THREADS"));
  g_ptr_array_add (argv, g_steal_pointer (&program));
  g_ptr_array_add (argv, g_strdup ("run"));
  g_ptr_array_add (argv, g_strdup (study_path));
  g_ptr_array_add (argv, g_strdup ("--backend"));
  g_ptr_array_add (argv, g_strdup ("mpi"));
  g_ptr_array_add (argv, g_strdup ("--workers-per-rank"));
  g_ptr_array_add (argv, g_strdup_printf ("%d", threads));
  if (out_dir != NULL)
    {
      g_ptr_array_add (argv, g_strdup ("--out"));
      g_ptr_array_add (argv, g_strdup (out_dir));
    }
  g_ptr_array_add (argv, g_strdup ("--progress-lines"));
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (extra[i]));
  g_ptr_array_add (argv, NULL);
  return (char **)g_ptr_array_free (g_steal_pointer (&argv), FALSE);
}

char **
ps_mpi_launch_envp (const PsMpiLaunch *launch, char **envp)
{
  g_autofree char *threads
      = g_strdup_printf ("%d", launch->threads_per_rank > 0 ? launch->threads_per_rank : 1);

  envp = g_environ_setenv (envp, "OMP_NUM_THREADS", threads, TRUE);
  if (launch->allow_run_as_root && geteuid () == 0)
    {
      envp = g_environ_setenv (envp, "OMPI_ALLOW_RUN_AS_ROOT", "1", TRUE);
      envp = g_environ_setenv (envp, "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1", TRUE);
    }
  return envp;
}

static void
launch_from_backend (PsMpiLaunch *mpi, const PsBackendLaunch *launch)
{
  ps_mpi_launch_init (mpi);
  mpi->program = launch->program;
  mpi->ranks = launch->workers;
  mpi->threads_per_rank = launch->threads_per_worker;
  mpi->hostfile = launch->hostfile;
  mpi->oversubscribe = launch->oversubscribe;
  mpi->allow_run_as_root = launch->allow_run_as_root;
}

char **
ps_mpi_backend_launch_argv (const PsBackendLaunch *launch, const char *study_path,
                            const char *out_dir, const char *const *extra, GError **error)
{
  PsMpiLaunch mpi;

  launch_from_backend (&mpi, launch);
  return ps_mpi_launch_argv (&mpi, study_path, out_dir, extra, error);
}

char **
ps_mpi_backend_launch_envp (const PsBackendLaunch *launch, char **envp)
{
  PsMpiLaunch mpi;

  launch_from_backend (&mpi, launch);
  return ps_mpi_launch_envp (&mpi, envp);
}

char *
ps_mpi_progress_format (const PsProgress *p)
{
  char elapsed[G_ASCII_DTOSTR_BUF_SIZE], eta[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (elapsed, sizeof elapsed, "%.3f", p->elapsed);
  g_ascii_formatd (eta, sizeof eta, "%.3f", p->eta >= 0.0 ? p->eta : -1.0);
  return g_strdup_printf ("progress %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %s %s\n",
                          p->items_done, p->items_total, elapsed, eta);
}

gboolean
ps_mpi_progress_parse (const char *line, PsProgress *p)
{
  g_auto (GStrv) f = NULL;
  char *end;

  if (line == NULL || !g_str_has_prefix (line, "progress "))
    return FALSE;
  f = g_strsplit_set (line + strlen ("progress "), " \n", -1);
  if (g_strv_length (f) < 4)
    return FALSE;
  if (!g_ascii_string_to_unsigned (f[0], 10, 0, G_MAXUINT64, &p->items_done, NULL)
      || !g_ascii_string_to_unsigned (f[1], 10, 0, G_MAXUINT64, &p->items_total, NULL))
    return FALSE;
  p->elapsed = g_ascii_strtod (f[2], &end);
  if (end == f[2] || *end != '\0')
    return FALSE;
  p->eta = g_ascii_strtod (f[3], &end);
  p->round = 0;
  return end != f[3] && *end == '\0' && p->items_done <= p->items_total;
}

/* [D-]HH:MM:SS */
static gboolean
valid_time (const char *t)
{
  unsigned d = 0, h = 0, m = 0, s = 0;
  int n = 0;

  if (t == NULL)
    return FALSE;
  if (strchr (t, '-') != NULL)
    {
      if (sscanf (t, "%u-%u:%u:%u%n", &d, &h, &m, &s, &n) != 4 || h > 23)
        return FALSE;
    }
  else if (sscanf (t, "%u:%u:%u%n", &h, &m, &s, &n) != 3)
    return FALSE;
  if ((gsize)n != strlen (t) || m > 59 || s > 59 || !g_ascii_isdigit (t[0]))
    return FALSE;
  return d + h + m + s > 0;
}

static gboolean
valid_word (const char *v)
{
  if (v == NULL || *v == '\0')
    return FALSE;
  for (const char *p = v; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-' && *p != '.')
      return FALSE;
  return TRUE;
}

/* Quotes @v for the shell only where it needs it, so that the script reads well. */
static char *
shell_word (const char *v)
{
  if (*v == '\0')
    return g_shell_quote (v);
  for (const char *p = v; *p; p++)
    if (!g_ascii_isalnum (*p) && strchr ("_-./+,:=@%", *p) == NULL)
      return g_shell_quote (v);
  return g_strdup (v);
}

static char *
job_name_of (const char *study_path)
{
  g_autofree char *stem = ps_study_file_stem (study_path);
  GString *name = g_string_new ("parastudy-");

  for (const char *p = stem; *p && name->len < 64; p++)
    g_string_append_c (name, g_ascii_isalnum (*p) || *p == '-' || *p == '_' ? *p : '_');
  return g_string_free (name, FALSE);
}

char *
ps_mpi_slurm_script (const PsSlurmJob *job, GError **error)
{
  int threads = job->threads_per_rank > 0 ? job->threads_per_rank : 1;
  const char *launcher = job->launcher != NULL ? job->launcher : "mpirun";
  g_autofree char *name = NULL;
  g_autofree char *out_dir = NULL;
  g_autofree char *q_study = NULL, *q_out = NULL, *q_program = NULL;
  GString *s;

  if (job->nodes < 1 || job->nodes > 100000)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("--nodes: between 1 and 100000 (got %d)"),
                   job->nodes);
      return NULL;
    }
  if (job->tasks_per_node < 1 || job->tasks_per_node > 4096)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("--tasks-per-node: between 1 and 4096 (got %d)"), job->tasks_per_node);
      return NULL;
    }
  if (threads > 4096)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("--workers-per-rank: between 1 and 4096 (got %d)"), threads);
      return NULL;
    }
  if (!valid_time (job->time))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("--time: expected HH:MM:SS or D-HH:MM:SS, more than zero (got \"%s\")"),
                   job->time ? job->time : "");
      return NULL;
    }
  if (!g_str_equal (launcher, "mpirun") && !g_str_equal (launcher, "srun"))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("--launcher: expected mpirun or srun (got \"%s\")"), launcher);
      return NULL;
    }
  if ((job->partition != NULL && !valid_word (job->partition))
      || (job->account != NULL && !valid_word (job->account))
      || (job->job_name != NULL && !valid_word (job->job_name)))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("--partition, --account and --job-name: letters, digits, '-', '_' and '.' "
                      "only"));
      return NULL;
    }
  if (job->rows != NULL && !g_str_equal (job->rows, "all") && !g_str_equal (job->rows, "passing")
      && !g_str_equal (job->rows, "none"))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   _ ("--rows: expected all, passing or none (got \"%s\")"), job->rows);
      return NULL;
    }

  name = job->job_name != NULL ? g_strdup (job->job_name) : job_name_of (job->study_path);
  if (job->out_dir != NULL)
    out_dir = g_strdup (job->out_dir);
  else
    {
      g_autofree char *stem = ps_study_file_stem (job->study_path);

      out_dir = g_strconcat (stem, "-results", NULL);
    }
  q_study = shell_word (job->study_path);
  q_out = shell_word (out_dir);
  q_program = shell_word (job->program != NULL ? job->program : "parastudy-cli");

  s = g_string_new ("#!/bin/bash\n");
  g_string_append_printf (s, "# Parastudy %s batch job: %d node%s x %d MPI rank%s x %d thread%s.\n",
                          PACKAGE_VERSION, job->nodes, job->nodes == 1 ? "" : "s",
                          job->tasks_per_node, job->tasks_per_node == 1 ? "" : "s", threads,
                          threads == 1 ? "" : "s");
  if (job->summary != NULL)
    {
      g_autofree char *line = g_strdup (job->summary);

      g_strdelimit (line, "\r\n", ' ');
      g_string_append_printf (s, "# %s\n", line);
    }
  g_string_append (s, "# Submit it with: sbatch THIS_FILE. Results go to the output folder below;\n"
                      "# summary.json and results.csv appear only when the run completes.\n");
  g_string_append_printf (s, "#SBATCH --job-name=%s\n", name);
  g_string_append_printf (s, "#SBATCH --nodes=%d\n", job->nodes);
  g_string_append_printf (s, "#SBATCH --ntasks-per-node=%d\n", job->tasks_per_node);
  g_string_append_printf (s, "#SBATCH --cpus-per-task=%d\n", threads);
  g_string_append_printf (s, "#SBATCH --time=%s\n", job->time);
  g_string_append_printf (s, "#SBATCH --output=%s-%%j.out\n", name);
  if (job->partition != NULL)
    g_string_append_printf (s, "#SBATCH --partition=%s\n", job->partition);
  if (job->account != NULL)
    g_string_append_printf (s, "#SBATCH --account=%s\n", job->account);
  g_string_append (s, "\nset -euo pipefail\n"
                      "cd \"${SLURM_SUBMIT_DIR:-.}\"\n\n"
                      "# One rank per task, its OpenMP threads on the task's own cores.\n");
  g_string_append_printf (s, "export OMP_NUM_THREADS=%d\n", threads);
  g_string_append (s, "export OMP_PLACES=cores\nexport OMP_PROC_BIND=close\n\n");
  if (g_str_equal (launcher, "srun"))
    g_string_append_printf (s, "srun --cpus-per-task=%d %s", threads, q_program);
  else
    g_string_append_printf (s,
                            "mpirun -n \"$SLURM_NTASKS\" --map-by ppr:%d:node:PE=%d "
                            "-x OMP_NUM_THREADS -x OMP_PLACES -x OMP_PROC_BIND %s",
                            job->tasks_per_node, threads, q_program);
  g_string_append_printf (s, " run %s --backend mpi --workers-per-rank %d --out %s", q_study,
                          threads, q_out);
  if (job->rows != NULL)
    g_string_append_printf (s, " --rows %s", job->rows);
  /* The history is a SQLite file in the home folder, often on NFS on a cluster. */
  g_string_append (s, " --no-history\n");
  return g_string_free (s, FALSE);
}

/* ---- the command line and the environment of a rank ---------------------------- */

gboolean
ps_mpi_under_launcher (int *rank, int *size)
{
  static const char *const rank_vars[] = { "OMPI_COMM_WORLD_RANK", "PMIX_RANK", "PMI_RANK", NULL };
  static const char *const size_vars[] = { "OMPI_COMM_WORLD_SIZE", "PMI_SIZE", NULL };
  const char *r = NULL, *s = NULL;

  for (guint i = 0; rank_vars[i] != NULL && r == NULL; i++)
    r = g_getenv (rank_vars[i]);
  for (guint i = 0; size_vars[i] != NULL && s == NULL; i++)
    s = g_getenv (size_vars[i]);
  if (rank != NULL)
    *rank = r != NULL ? atoi (r) : 0;
  if (size != NULL)
    *size = s != NULL ? atoi (s) : 1;
  return r != NULL;
}

gboolean
ps_mpi_args_want_mpi (int argc, char **argv)
{
  if (argc < 2 || (g_strcmp0 (argv[1], "run") != 0 && g_strcmp0 (argv[1], "scale") != 0))
    return FALSE;
  for (int i = 2; i < argc; i++)
    {
      const char *value = NULL;

      if ((g_str_equal (argv[i], "--backend") || g_str_equal (argv[i], "-b")) && i + 1 < argc)
        value = argv[i + 1];
      else if (g_str_has_prefix (argv[i], "--backend="))
        value = argv[i] + strlen ("--backend=");
      else if (g_str_has_prefix (argv[i], "-b") && argv[i][2] != '\0')
        value = argv[i] + 2;
      else if (g_str_equal (argv[i], "--"))
        break;
      if (value != NULL)
        {
          g_auto (GStrv) names = g_strsplit (value, ",", -1);

          for (guint k = 0; names[k] != NULL; k++)
            if (g_str_equal (g_strstrip (names[k]), "mpi"))
              return TRUE;
        }
    }
  return FALSE;
}
