/* ps-backend-picker.h: the run bar's choice of backend and worker count.
 *
 * A drop-down of the backends (Serial, Threads, Processes, MPI, GPU); one that this
 * version or this machine cannot run is greyed, with the reason in its tooltip, and
 * cannot be chosen, even from the keyboard. Beside it the worker count (Ranks for
 * MPI, 1 and fixed for Serial) and, for MPI, a popover with the host file and the
 * threads per rank. The "backend" property (the engine name of the backend chosen)
 * is notified when the choice changes.
 */
#pragma once

#include <gtk/gtk.h>

#include "parastudy.h"

G_BEGIN_DECLS

#define PS_TYPE_BACKEND_PICKER (ps_backend_picker_get_type ())
G_DECLARE_FINAL_TYPE (PsBackendPicker, ps_backend_picker, PS, BACKEND_PICKER, GtkBox)

GtkWidget *ps_backend_picker_new (void);

/* The backend chosen, or NULL when none can run here (then
 * ps_backend_picker_get_reason() says why). */
const PsBackend *ps_backend_picker_get_backend (PsBackendPicker *self);
/* Why the backend shown cannot run, or NULL when it can. */
const char *ps_backend_picker_get_reason (PsBackendPicker *self);
/* Whether the backend chosen is MPI, whose runs are mpirun started from the GUI
 * (ps-mpi-run.h) rather than an engine backend run in this process. */
gboolean ps_backend_picker_is_mpi (PsBackendPicker *self);

/* Workers (MPI: ranks). */
int ps_backend_picker_get_workers (PsBackendPicker *self);
/* The MPI options: the host file (NULL: the ranks run on this machine) and the
 * threads each rank runs. */
const char *ps_backend_picker_get_hostfile (PsBackendPicker *self);
int ps_backend_picker_get_threads_per_rank (PsBackendPicker *self);

/* Chooses the backend whose engine name is @name, with @workers (0: keep the count
 * shown); FALSE when it is not offered or cannot run here. */
gboolean ps_backend_picker_select (PsBackendPicker *self, const char *name, int workers);
/* @hostfile NULL: this machine; @threads_per_rank 0: keep. */
void ps_backend_picker_set_mpi_options (PsBackendPicker *self, const char *hostfile,
                                        int threads_per_rank);

/* For the tests. */
GtkWidget *ps_backend_picker_get_dropdown (PsBackendPicker *self);
GtkWidget *ps_backend_picker_get_mpi_button (PsBackendPicker *self);

G_END_DECLS
