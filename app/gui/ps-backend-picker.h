/* ps-backend-picker.h: the run bar's choice of backend and worker count.
 *
 * A drop-down of the engine's backends (ps_backends_list(): Serial, Threads,
 * Processes, MPI, GPU), each by its label; one that this build or this machine
 * cannot run (ps_backend_get_info()) is greyed, with the reason in its tooltip, and
 * cannot be chosen, even from the keyboard. Beside it the worker count (1 and fixed
 * for a backend with PS_BACKEND_FIXED_WORKERS; Ranks for one that runs under a
 * launcher) and, for a backend whose workers run threads or that runs under a
 * launcher, a popover with the threads per worker and the launcher's host file. The
 * "backend" property (the engine name of the backend chosen) is notified when the
 * choice changes.
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
/* Workers (under a launcher: ranks). */
int ps_backend_picker_get_workers (PsBackendPicker *self);
/* The popover's options: the launcher's host file (NULL: the workers run on this
 * machine) and the threads each worker runs. */
const char *ps_backend_picker_get_hostfile (PsBackendPicker *self);
int ps_backend_picker_get_threads_per_worker (PsBackendPicker *self);

/* Chooses the backend whose engine name is @name, with @workers (0: keep the count
 * shown); FALSE when it is not offered or cannot run here. */
gboolean ps_backend_picker_select (PsBackendPicker *self, const char *name, int workers);
/* @hostfile NULL: this machine; @threads_per_worker 0: keep. */
void ps_backend_picker_set_options (PsBackendPicker *self, const char *hostfile,
                                    int threads_per_worker);

/* For the tests. */
GtkWidget *ps_backend_picker_get_dropdown (PsBackendPicker *self);
/* @backend's name as the window shows it, translated ("Threads", "Núcleo único"). */
const char *ps_backend_picker_label (const PsBackend *backend);
GtkWidget *ps_backend_picker_get_options_button (PsBackendPicker *self);

G_END_DECLS
