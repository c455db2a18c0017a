/* ps-mpi-launch.h: starting an MPI run from another program, and batch scripts.
 *
 * A run on the mpi backend is the program under a launcher:
 *
 *   mpirun [--hostfile FILE] -n N [--oversubscribe] [--bind-to none]
 *          parastudy-cli run STUDY.json --backend mpi --workers-per-rank T
 *          --out DIR --progress-lines
 *
 * The GUI (or any front end) builds that command line with ps_mpi_launch_argv(),
 * starts it (GSubprocess), reads rank 0's progress lines from its stderr with
 * ps_mpi_progress_parse(), and reads DIR/summary.json when it exits with status 0.
 * None of this needs MPI at build time: the program under mpirun does.
 *
 * ps_mpi_slurm_script() writes a batch script for a Slurm cluster
 * (parastudy-cli export-job).
 */
#pragma once

#include "backends/ps-backend.h"

G_BEGIN_DECLS

typedef struct
{
  const char *mpirun;         /* NULL: mpirun from PATH */
  const char *program;        /* parastudy-cli; NULL: the one beside this program, else PATH */
  int ranks;                  /* mpirun -n; at least 1 */
  const char *hostfile;       /* an Open MPI host file, or NULL for this machine only */
  int threads_per_rank;       /* OpenMP threads in each rank; 0 for 1 */
  gboolean oversubscribe;     /* allow more ranks than cores (mpirun --oversubscribe) */
  gboolean allow_run_as_root; /* sets OMPI_ALLOW_RUN_AS_ROOT(_CONFIRM) for a root user */
} PsMpiLaunch;

void ps_mpi_launch_init (PsMpiLaunch *launch);

/* The command line for running @study_path into @out_dir; @extra (NULL-terminated,
 * may be NULL) is appended to the run command, e.g. { "--rows", "none", NULL }.
 * NULL with an error when mpirun or the program cannot be found or a value is out of
 * range. */
char **ps_mpi_launch_argv (const PsMpiLaunch *launch, const char *study_path, const char *out_dir,
                           const char *const *extra, GError **error);

/* @envp (owned, e.g. g_get_environ()) with what the run needs: OMP_NUM_THREADS, and
 * with allow_run_as_root the two Open MPI variables. */
char **ps_mpi_launch_envp (const PsMpiLaunch *launch, char **envp);

/* The mpi backend's launch_argv() and launch_envp() (ps-backend.h): the two above
 * with @launch's workers as ranks. */
char **ps_mpi_backend_launch_argv (const PsBackendLaunch *launch, const char *study_path,
                                   const char *out_dir, const char *const *extra, GError **error);
char **ps_mpi_backend_launch_envp (const PsBackendLaunch *launch, char **envp);

/* The progress lines of `parastudy-cli run --progress-lines`, one per update:
 *   progress ITEMS_DONE ITEMS_TOTAL ELAPSED_S ETA_S   (ETA -1 while unknown) */
char *ps_mpi_progress_format (const PsProgress *progress);
gboolean ps_mpi_progress_parse (const char *line, PsProgress *progress);

typedef struct
{
  const char *study_path; /* as the job will see it, relative to the submit folder */
  const char *out_dir;    /* NULL: STUDY-results */
  const char *job_name;   /* NULL: from the study file's name */
  int nodes;
  int tasks_per_node;    /* MPI ranks on each node */
  int threads_per_rank;  /* 0 for 1 */
  const char *time;      /* [D-]HH:MM:SS */
  const char *partition; /* NULL for the cluster's default */
  const char *account;   /* NULL for the user's default */
  const char *launcher;  /* "mpirun" (default) or "srun" */
  const char *program;   /* NULL: parastudy-cli from PATH on the cluster */
  const char *rows;      /* NULL, or "all", "passing", "none" */
  const char *summary;   /* a comment line about the study, or NULL */
} PsSlurmJob;

/* The batch script; NULL with PS_ERROR_INVALID naming the bad value. */
char *ps_mpi_slurm_script (const PsSlurmJob *job, GError **error);

/* Whether @argv (a parastudy-cli command line) asks for the mpi backend: "run" or
 * "scale" with --backend mpi (or a list holding mpi). */
gboolean ps_mpi_args_want_mpi (int argc, char **argv);

/* Whether this process was started by an MPI launcher (mpirun, srun), from its
 * environment; @rank and @size may be NULL. */
gboolean ps_mpi_under_launcher (int *rank, int *size);

G_END_DECLS
