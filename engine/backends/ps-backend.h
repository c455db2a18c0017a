/* ps-backend.h: the backend interface, a table of functions per backend.
 *
 * A backend decides who evaluates which chunk and where; the study kinds and the
 * commit order (ps-run.h) make the answer independent of that choice.
 *
 * Each backend lives in its own folder (serial/, threads/, processes/, mpi/, cuda/)
 * and is listed once, in ps-backends.c. Front ends never name a backend: they list
 * them with ps_backends_list(), show each one's label and description, ask
 * ps_backend_get_info() what it can do on this machine, and follow its flags. A
 * backend this build was configured without (no MPI, no CUDA) is still listed, with
 * PS_BACKEND_NOT_BUILT, and is never available.
 */
#pragma once

#include "ps-run.h"

G_BEGIN_DECLS

typedef enum
{
  /* One worker whatever is asked: the serial reference. */
  PS_BACKEND_FIXED_WORKERS = 1 << 0,
  /* The chunks are evaluated in other processes (worker processes, MPI ranks). */
  PS_BACKEND_OUT_OF_PROCESS = 1 << 1,
  /* Runs only in a job that a launcher started (mpirun): a front end runs the
   * command of launch_argv() instead of calling ps_run_study() itself. */
  PS_BACKEND_NEEDS_LAUNCHER = 1 << 2,
  /* Each worker runs several threads; set_worker_threads() says how many. */
  PS_BACKEND_WORKER_THREADS = 1 << 3,
  /* This build was configured without it: listed so that front ends show every
   * backend, never available (is_available() says why). */
  PS_BACKEND_NOT_BUILT = 1 << 4,
} PsBackendFlags;

/* How a front end starts a run on a backend with PS_BACKEND_NEEDS_LAUNCHER. */
typedef struct
{
  const char *program;    /* parastudy-cli; NULL: the one beside this program, else PATH */
  int workers;            /* at least 1 */
  int threads_per_worker; /* 0 for 1 */
  const char *hostfile;   /* the launcher's host file, or NULL for this machine only */
  gboolean oversubscribe; /* allow more workers than cores */
  gboolean allow_run_as_root;
} PsBackendLaunch;

/* What a backend can do on this machine (ps_backend_get_info()). */
typedef struct
{
  gboolean available;
  char *reason;        /* why not, when not available */
  int default_workers; /* when available */
  char *details;       /* what it uses here (the library, the device), or NULL */
} PsBackendInfo;

typedef struct
{
  const char *name;        /* --backend, summary.json, settings: "serial" */
  const char *label;       /* N_(): its name in a window, "Serial" */
  const char *description; /* N_(): one line */
  PsBackendFlags flags;
  /* With PS_BACKEND_NEEDS_LAUNCHER, for help texts: the command that runs a study on
   * it (not translated) and what it does (N_()). */
  const char *launch_usage;
  const char *launch_help;

  /* Whether this machine can run it; @reason (may be NULL) says why not. */
  gboolean (*is_available) (char **reason);
  int (*default_workers) (void);
  /* Optional: a line about what it uses here (PsBackendInfo.details), or NULL. */
  char *(*describe) (void);
  gboolean (*execute) (PsExec *exec, int workers, GError **error);

  /* Optional: for a program that is about to parse @argv (parastudy-cli), before it
   * does. A backend that must start first (MPI) starts here; TRUE ends the program
   * with *@status (an MPI rank other than 0 when its job is done). */
  gboolean (*cli_start) (int *argc, char ***argv, int *status);
  /* Optional, with PS_BACKEND_WORKER_THREADS: threads per worker for the runs that
   * follow; 0 restores the default. */
  void (*set_worker_threads) (int threads);
  /* Optional, with PS_BACKEND_NEEDS_LAUNCHER: the command line that runs
   * @study_path into @out_dir, @extra (NULL-terminated, may be NULL) appended to its
   * run command; NULL with an error when the launcher or the program is missing or a
   * value is out of range. */
  char **(*launch_argv) (const PsBackendLaunch *launch, const char *study_path, const char *out_dir,
                         const char *const *extra, GError **error);
  /* Optional, with launch_argv: @envp (owned) with what the command needs. */
  char **(*launch_envp) (const PsBackendLaunch *launch, char **envp);
} PsBackend;

const PsBackend *ps_backend_lookup (const char *name);
/* NULL-terminated, in the order front ends show them: serial, threads, processes,
 * mpi, gpu. */
const PsBackend *const *ps_backends_list (void);
const char *ps_backend_default_name (void);

/* Fills @info from the backend's is_available(), default_workers() and
 * describe(). Free with ps_backend_info_clear(). */
void ps_backend_get_info (const PsBackend *backend, PsBackendInfo *info);
void ps_backend_info_clear (PsBackendInfo *info);

/* Every backend's cli_start(), in list order, until one ends the program. */
gboolean ps_backends_cli_start (int *argc, char ***argv, int *status);

void ps_backend_launch_init (PsBackendLaunch *launch);

extern const PsBackend ps_backend_serial;
extern const PsBackend ps_backend_threads;
extern const PsBackend ps_backend_processes;
extern const PsBackend ps_backend_mpi;
extern const PsBackend ps_backend_gpu;

G_END_DECLS
