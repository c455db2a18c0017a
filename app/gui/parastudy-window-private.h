/* parastudy-window-private.h: the main window's state, shared by its three files,
 * and what the GUI tests look at inside the window.
 *
 * parastudy-window.c holds the window itself: the open studies (the sidebar and an
 * editor page each), opening them, the message bar and drag and drop;
 * parastudy-window-actions.c the window's actions (new, open, save, close, run,
 * cancel, export) and the run bar's state; parastudy-window-results.c the Summary,
 * Table and Charts tabs of the current study's last run.
 */
#pragma once

#include "parastudy-window.h"
#include "plot/ps-plot-study.h"
#include "ps-csv-model.h"
#include "ps-document.h"

G_BEGIN_DECLS

struct _ParastudyWindow
{
  GtkApplicationWindow parent_instance;

  /* Template children. */
  GtkWidget *info_bar;
  GtkWidget *info_label;
  GtkWidget *resume_bar;
  GtkWidget *resume_label;
  GtkWidget *sidebar;
  GtkWidget *view_stack;
  GtkWidget *editor_stack;
  GtkWidget *summary_title;
  GtkWidget *summary_grid;
  GtkWidget *passing_only;
  GtkWidget *table_info;
  GtkWidget *table_scroller;
  GtkWidget *table_view;
  GtkWidget *chart_type;
  GtkWidget *chart_x;
  GtkWidget *chart_y;
  GtkWidget *chart_readout;
  GtkWidget *chart;
  GtkWidget *chart_controls;
  GtkWidget *specimen_view;
  GtkWidget *lightest_view;
  GtkWidget *scaling_view;
  GtkWidget *view_switcher;
  GtkWidget *source_view;
  GtkWidget *beam_detail; /* a PsBeamDetail beside the table */
  GtkWidget *backend_picker;
  GtkWidget *run_button;
  GtkWidget *cancel_button;
  GtkWidget *progress_bar;
  GtkWidget *progress_label;
  GMenu *kinds_menu;
  GMenu *examples_menu;
  GMenu *recent_menu;

  GListStore *documents;
  PsDocument *current;
  gboolean info_visible;

  GCancellable *run_cancellable;
  PsDocument *running; /* strong while a run is going */

  GHashTable *summary_values; /* key -> GtkLabel */
  PsCsvModel *table_model;
  char *table_path;
  PsRunData *run_data; /* the current result's run folder, for the engine's charts */
  PsStudy *run_study;  /* the study @run_data was checked against */
  const PsChartInfo *kind_charts;
  guint n_kind_charts;
  int probe_column;
  gboolean chart_updating;
  gboolean force_close;
  /* A sweep too large to write its rows by default: the Table's offer to run it
   * again writing them all, and the flag the next run reads. */
  GtkWidget *write_rows_button;
  gboolean rows_all_once;
};

/* parastudy-window.c */
void _parastudy_window_show_message (ParastudyWindow *self, GtkMessageType type,
                                     const char *message);
void _parastudy_window_hide_message (ParastudyWindow *self);
void _parastudy_window_update_title (ParastudyWindow *self);
void _parastudy_window_add_document (ParastudyWindow *self, PsDocument *doc);
void _parastudy_window_remove_document (ParastudyWindow *self, PsDocument *doc);
void _parastudy_window_add_recent (GFile *file);

/* parastudy-window-actions.c */
void _parastudy_window_actions_init (ParastudyWindow *self);
/* What can be done now (run, save, export…), and the Run button's tooltip. */
void _parastudy_window_update_actions (ParastudyWindow *self);
/* GtkWindow::close-request: asks about unsaved studies first. */
gboolean _parastudy_window_close_request (GtkWindow *window);

/* parastudy-window-results.c */
void _parastudy_window_class_results_init (GtkWidgetClass *widget_class);
void _parastudy_window_results_init (ParastudyWindow *self);
void _parastudy_window_results_dispose (ParastudyWindow *self);
/* Shows the current study's last result (or none) in the results tabs. */
void _parastudy_window_show_result (ParastudyWindow *self);

/* ---- for the GUI tests ---------------------------------------------------- */

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

/* The New menu's section of study kinds. */
GMenuModel *parastudy_window_get_kinds_menu (ParastudyWindow *self);

/* The Charts tab's choices (a PsChartControls), the figures beside a specimen's
 * curve (a PsSpecimenView) and the Lightest tab (a PsLightestView). */
GtkWidget *parastudy_window_get_chart_controls (ParastudyWindow *self);
GtkWidget *parastudy_window_get_specimen_view (ParastudyWindow *self);
GtkWidget *parastudy_window_get_lightest_view (ParastudyWindow *self);
/* Selects the chart of the current run named @name ("heatmap"); FALSE if it has none. */
gboolean parastudy_window_select_chart (ParastudyWindow *self, const char *name);

/* The Scaling tab (a PsScalingView). */
GtkWidget *parastudy_window_get_scaling_view (ParastudyWindow *self);
/* The Source tab (PsSourceView). */
GtkWidget *parastudy_window_get_source_view (ParastudyWindow *self);
/* The detail of the beam configuration selected in the Table (a PsBeamDetail). */
GtkWidget *parastudy_window_get_beam_detail (ParastudyWindow *self);

G_END_DECLS
