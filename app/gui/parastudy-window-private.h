/* parastudy-window-private.h: what the GUI tests look at inside the window. */
#pragma once

#include "parastudy-window.h"
#include "ps-csv-model.h"
#include "ps-document.h"

G_BEGIN_DECLS

PsDocument *parastudy_window_get_document (ParastudyWindow *self);
/* The editor of the current study (a PsBeamEditor, PsReliabilityEditor…). */
GtkWidget *parastudy_window_get_editor (ParastudyWindow *self);
/* Adds an untitled study from JSON text; returns it (borrowed) or NULL. */
PsDocument *parastudy_window_add_data (ParastudyWindow *self, const char *json);

gboolean parastudy_window_is_running (ParastudyWindow *self);
/* Selects the backend by engine name ("serial", "threads"); FALSE when unavailable. */
gboolean parastudy_window_set_backend (ParastudyWindow *self, const char *name, int workers);
/* The MPI popover: a host file (NULL: this machine) and threads per rank (0: keep). */
void parastudy_window_set_mpi_options (ParastudyWindow *self, const char *hostfile,
                                       int threads_per_rank);
GtkWidget *parastudy_window_get_mpi_button (ParastudyWindow *self);
GtkWidget *parastudy_window_get_run_button (ParastudyWindow *self);
GtkWidget *parastudy_window_get_progress_bar (ParastudyWindow *self);
GtkWidget *parastudy_window_get_backend_dropdown (ParastudyWindow *self);
/* The text shown for summary figure @key ("pf", "passing"), or NULL. */
const char *parastudy_window_get_summary_text (ParastudyWindow *self, const char *key);
/* The message of the info bar, or NULL when it is hidden. */
const char *parastudy_window_get_info_message (ParastudyWindow *self);

PsCsvModel *parastudy_window_get_table_model (ParastudyWindow *self);
GtkWidget *parastudy_window_get_table_view (ParastudyWindow *self);
GtkWidget *parastudy_window_get_table_scroller (ParastudyWindow *self);
/* Shows a CSV file in the Table and Charts tabs, as after a run. */
gboolean parastudy_window_load_table (ParastudyWindow *self, const char *path);
GtkWidget *parastudy_window_get_chart (ParastudyWindow *self);
void parastudy_window_show_page (ParastudyWindow *self, const char *page);

/* Writes the report of the current study's last run to @path (PDF, or HTML when
 * @path ends in .html), as Export ▸ Report does. */
gboolean parastudy_window_export_report (ParastudyWindow *self, const char *path, GError **error);

/* The Scaling tab (a PsScalingView). */
GtkWidget *parastudy_window_get_scaling_view (ParastudyWindow *self);

G_END_DECLS
