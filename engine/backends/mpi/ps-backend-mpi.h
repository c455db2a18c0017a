/* ps-backend-mpi.h: the MPI backend (Open MPI), built with -Dmpi.
 *
 * One MPI job runs the program on every rank:
 *
 *   mpirun -n N parastudy-cli run STUDY.json --backend mpi [--workers-per-rank T]
 *
 * Rank 0 is the program itself: it reads and validates the study, and its run (or
 * scaling study) uses the "mpi" backend, which sends the study's text to the other
 * ranks and hands chunks out to them. Every other rank sits in ps_mpi_serve(): it
 * loads each study it is sent and evaluates the chunks it is given, T chunks at a
 * time with T OpenMP threads, and sends each batch's results back. Rank 0 commits
 * them in chunk order (ps_exec_commit_chunk), so the summary, the item errors and the
 * rows are the serial backend's. Rank 0 computes batches too, unless the run uses
 * PS_MPI_COORDINATOR_RANKS ranks or more: then it only coordinates.
 *
 * A run's worker count is its number of ranks (at most the job's size; a scaling
 * study at 1, 2 and 4 workers uses ranks 0, 0-1 and 0-3 of one job).
 */
#pragma once

#include "backends/ps-backend.h"

G_BEGIN_DECLS

/* From this many ranks in a run, rank 0 only hands out chunks and writes results. */
#define PS_MPI_COORDINATOR_RANKS 8

/* Starts MPI (MPI_Init_thread with MPI_THREAD_FUNNELED: only the main thread of a
 * rank calls MPI; OpenMP threads only compute). */
gboolean ps_mpi_init (int *argc, char ***argv, GError **error);
gboolean ps_mpi_is_initialized (void);
int ps_mpi_rank (void);
int ps_mpi_size (void);

/* OpenMP threads per rank for the runs that follow (rank 0 sends the count with each
 * run), the backend's set_worker_threads(). 0 restores the default: OMP_NUM_THREADS,
 * else 1. */
void ps_mpi_set_threads_per_rank (int threads);
int ps_mpi_get_threads_per_rank (void);

/* Ranks other than 0: serves chunks until rank 0 says to quit. Returns an exit
 * status; MPI is finalised. */
int ps_mpi_serve (void);

/* Rank 0, when the program is done: tells every rank to quit, waits for them and
 * finalises MPI. When an earlier run left a rank dead or stuck, the job is aborted
 * instead (MPI_Abort with @status, or 1), so that mpirun does not wait for it. */
void ps_mpi_finish (int status);

/* The backend's describe(): the library's version and whether this process runs
 * under mpirun. */
char *ps_mpi_describe (void);

/* The backend's cli_start(): starts MPI when @argv asks for the mpi backend. On ranks
 * other than 0 it serves chunks and returns TRUE with the exit status in @status;
 * rank 0 returns FALSE and goes on with its command (ps_mpi_finish runs at exit). A
 * failure to start MPI returns TRUE with status 1 and a message on stderr. */
gboolean ps_mpi_cli_start (int *argc, char ***argv, int *status);

G_END_DECLS
