/* ps-scaling-view.h: the Scaling tab.
 *
 * The user picks backends (from the engine's backend table; unavailable ones are
 * greyed with the reason), worker counts, strong or weak scaling and repeats, and
 * runs ps_scaling_run() on a GTask worker thread. Each measured point is posted to
 * the main thread (g_idle_add) and added to the table as it finishes; at the end
 * the speedup, efficiency and time charts are drawn with engine/plot from the
 * written scaling.json. Every timed run and the scaling result are recorded in the
 * history (best effort: a history that cannot be written never fails the run), and
 * earlier scaling results of the study from the history, of any machine, can be
 * overlaid as series named after their machine and date. Each study keeps its own
 * last result: switching studies shows the selected one's.
 */
#pragma once

#include <gtk/gtk.h>

#include "parastudy.h"
#include "ps-document.h"

G_BEGIN_DECLS

#define PS_TYPE_SCALING_VIEW (ps_scaling_view_get_type ())
G_DECLARE_FINAL_TYPE (PsScalingView, ps_scaling_view, PS, SCALING_VIEW, GtkBox)

GtkWidget *ps_scaling_view_new (void);
/* The study the next run scales (NULL: none); its validated study is taken when Run
 * is pressed. Refreshes the history list. */
void ps_scaling_view_set_document (PsScalingView *self, PsDocument *doc);

/* For the tests: sets the form as a user would. @backends comma-separated,
 * @workers "1,2,4", @mode "strong" or "weak". FALSE when a backend is unknown or
 * unavailable. */
gboolean ps_scaling_view_configure (PsScalingView *self, const char *backends, const char *workers,
                                    const char *mode, guint repeats);
/* Starts a run (as the Run button); FALSE with the reason shown when it cannot. */
gboolean ps_scaling_view_start (PsScalingView *self);
void ps_scaling_view_cancel (PsScalingView *self);
gboolean ps_scaling_view_is_running (PsScalingView *self);
/* Rows of the points table so far. */
guint ps_scaling_view_get_n_points (PsScalingView *self);
/* The status line (the error of a failed run, or the last point). */
const char *ps_scaling_view_get_status (PsScalingView *self);
GtkWidget *ps_scaling_view_get_chart (PsScalingView *self);
/* Earlier scaling results listed from the history. */
guint ps_scaling_view_get_n_history (PsScalingView *self);
/* Overlays history entry @index (0: newest) alone on the charts; -1 removes all. */
void ps_scaling_view_set_overlay (PsScalingView *self, int index);
/* Checks or unchecks history entry @index in the picker of earlier results, as the
 * user would; every checked one is drawn as series named after its machine. */
void ps_scaling_view_set_compared (PsScalingView *self, guint index, gboolean compared);
/* The picker's label of history entry @index: machine, date, backends and mode. */
const char *ps_scaling_view_get_history_label (PsScalingView *self, guint index);
/* The names of the series the charts draw, one a line. */
char *ps_scaling_view_dup_series_names (PsScalingView *self);
/* The fits with their intervals and the points' warnings, in words, as shown under
 * the table ("" when none). */
const char *ps_scaling_view_get_notes (PsScalingView *self);
/* For the tests: shows @scaling_json as the current study's last result, as if it had
 * just been measured. */
void ps_scaling_view_show_json (PsScalingView *self, const char *scaling_json);

G_END_DECLS
