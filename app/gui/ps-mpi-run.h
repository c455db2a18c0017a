/* ps-mpi-run.h: a study run on a backend that runs under a launcher (MPI), from the GUI.
 *
 * Such a backend (PS_BACKEND_NEEDS_LAUNCHER) cannot run inside the GUI's process:
 * the run is the command its launch_argv() builds, `mpirun … parastudy-cli run STUDY
 * --backend mpi --progress-lines` (ps-mpi-launch.h), started with GSubprocess with
 * the environment of its launch_envp(). Rank 0's progress lines on its stderr feed
 * the same progress callback as an in-process run; when mpirun exits with 0 the
 * result is read from the run's folder (ps_run_task_result_from_dir). The study is
 * the document's file when it is saved and unmodified, otherwise a temporary copy
 * (beside the file, so that relative paths still resolve), never the user's file
 * itself.
 *
 * Cancelling sends SIGTERM to mpirun (which ends its ranks) and completes the
 * operation at once with PS_ERROR_CANCELLED; mpirun is killed if it has not left
 * within a few seconds. mpirun gets SIGTERM too if the GUI dies (PR_SET_PDEATHSIG).
 */
#pragma once

#include <gio/gio.h>

#include "ps-document.h"
#include "ps-run-task.h"

G_BEGIN_DECLS

typedef struct
{
  const PsBackend *backend; /* with PS_BACKEND_NEEDS_LAUNCHER */
  int workers;              /* MPI: ranks (mpirun -n) */
  int threads_per_worker;   /* 0 for 1 */
  const char *hostfile;     /* the launcher's host file, or NULL for this machine */
  PsRowsMode rows;
  const char *dir; /* results folder */
} PsMpiRunRequest;

/* Whether runs on @backend can be started from here: its launch_argv() builds the
 * command (the launcher and parastudy-cli found); else FALSE with the reason. Whether
 * the backend itself is built and available is ps_backend_get_info()'s to say. */
gboolean ps_mpi_run_check_launcher (const PsBackend *backend, GError **error);

/* The parastudy-cli the runs use: PARASTUDY_CLI, else beside this program (or one
 * folder up, in a build tree), else PATH; NULL when none is found. */
char *ps_mpi_run_find_program (void);

void ps_mpi_run_start (PsDocument *document, const PsMpiRunRequest *request,
                       GCancellable *cancellable, PsRunProgressFunc progress,
                       gpointer progress_data, GAsyncReadyCallback callback, gpointer user_data);
PsDocumentResult *ps_mpi_run_finish (GAsyncResult *result, GError **error);
gboolean ps_mpi_run_is_result (GAsyncResult *result);

G_END_DECLS
