/* ps-cli-watchdog.h: parastudy-cli run ends within about a second of SIGINT or
 * SIGTERM, whatever the run is doing.
 *
 * The first signal asks the run to stop (its cancel flag, seen at the next chunk). A
 * worker blocked in a system call (open() of a named pipe) or an OpenMP barrier
 * waiting for one never sees it, so a watchdog thread waits a little under a second;
 * if the run has not returned by then (or at a second signal) it removes the run's
 * staging folder, so that no file of the run is left, and ends the process with
 * status 128 + the signal: 130 for SIGINT, 143 for SIGTERM. The processes backend's
 * workers end with it (PR_SET_PDEATHSIG), and mpirun ends the other MPI ranks when
 * rank 0 is gone.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How long a run has after the first signal to stop by itself: the rest of the
 * second goes to removing its files and ending the process, on a loaded machine too,
 * and under mpirun, which kills rank 0 a second after its SIGTERM, before that. */
#define PS_CLI_WATCHDOG_GRACE_MS 600
/* An MPI rank other than 0: mpirun sends SIGTERM to every rank at once and kills the
 * job as soon as one of them is gone, so such a rank leaves after rank 0 had its
 * time to remove the run's files (mpirun kills every rank 1 s after its SIGTERM in
 * any case, its odls_base_sigkill_timeout). */
#define PS_CLI_WATCHDOG_RANK_GRACE_MS 1500

/* Installs the SIGINT and SIGTERM handlers, which set *@cancel_flag (may be NULL),
 * and starts the watchdog, which ends the process @grace_ms after the first signal,
 * or at a second one. */
void ps_cli_watchdog_start (gint *cancel_flag, int grace_ms);
/* The output folder whose staging folders of this process the watchdog removes. */
void ps_cli_watchdog_set_dir (const char *out_dir);
/* PsRunOptions.may_commit: FALSE once a signal came, so that the run's outputs are
 * either committed or removed by the watchdog, never both. */
gboolean ps_cli_watchdog_may_commit (gpointer user_data);
/* The first signal caught, or 0. */
int ps_cli_watchdog_signal (void);

G_END_DECLS
