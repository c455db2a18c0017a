/* The mpi backend's entry in a build configured without MPI (meson.build picks this
 * file or ps-backend-mpi.c): listed like the real one, never available. */
#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ps-backend.h"
#include "ps-error.h"

static gboolean
mpi_is_available (char **reason)
{
  if (reason != NULL)
    *reason = g_strdup (_ ("built without MPI"));
  return FALSE;
}

static int
mpi_default_workers (void)
{
  return 1;
}

static gboolean
mpi_execute (PsExec *exec, int workers, GError **error)
{
  g_set_error (error, PS_ERROR, PS_ERROR_UNSUPPORTED, "%s", _ ("built without MPI"));
  return FALSE;
}

const PsBackend ps_backend_mpi = {
  .name = "mpi",
  .label = N_ ("MPI"),
  .description = N_ ("MPI ranks (Open MPI) x OpenMP threads; rank 0 hands out chunks"),
  .flags = PS_BACKEND_OUT_OF_PROCESS | PS_BACKEND_NEEDS_LAUNCHER | PS_BACKEND_WORKER_THREADS
           | PS_BACKEND_NOT_BUILT,
  .launch_usage = "mpirun -n N parastudy-cli run STUDY.json --backend mpi [--workers-per-rank T]",
  .launch_help = N_ ("Run on N MPI ranks x T threads (rank 0 writes DIR)"),
  .is_available = mpi_is_available,
  .default_workers = mpi_default_workers,
  .execute = mpi_execute,
};
