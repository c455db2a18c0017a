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

/* Installs the SIGINT and SIGTERM handlers, which set *@cancel_flag, and starts the
 * watchdog for a run writing into @out_dir. */
void ps_cli_watchdog_start (const char *out_dir, gint *cancel_flag);
/* PsRunOptions.may_commit: FALSE once a signal came, so that the run's outputs are
 * either committed or removed by the watchdog, never both. */
gboolean ps_cli_watchdog_may_commit (gpointer user_data);
/* The first signal caught, or 0. */
int ps_cli_watchdog_signal (void);

G_END_DECLS
