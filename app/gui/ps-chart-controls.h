/* ps-chart-controls.h: the choices of a study chart beside its type (issue 19 item 10,
 * issue 18).
 *
 * For a chart over the sweep's parameters (output against a parameter, heat map,
 * pass/fail map) the parameter on each axis, chosen among those that vary only, and
 * the value each other varying parameter is held at; for a specimen's curve, the
 * specimen. The choices fill a PsPlotParams for ps_plot_study_chart(); "changed" is
 * emitted when the user changes one.
 */
#pragma once

#include <gtk/gtk.h>

#include "plot/ps-plot-study.h"

G_BEGIN_DECLS

#define PS_TYPE_CHART_CONTROLS (ps_chart_controls_get_type ())
G_DECLARE_FINAL_TYPE (PsChartControls, ps_chart_controls, PS, CHART_CONTROLS, GtkBox)

GtkWidget *ps_chart_controls_new (void);
/* Forgets the run: the next ps_chart_controls_set_chart() builds the choices anew. */
void ps_chart_controls_reset (PsChartControls *self);
/* Shows the choices of chart @chart of @data (borrowed; it must outlive the next
 * reset), keeping them when the chart and run are those shown already. Returns
 * whether the chart takes choices (else the controls are hidden). */
gboolean ps_chart_controls_set_chart (PsChartControls *self, PsRunData *data, const char *chart);
/* The choices into @params (x, series, specimen and fixed; strings owned by @self). */
void ps_chart_controls_get_params (PsChartControls *self, PsPlotParams *params);

/* For the tests: the dropdown of "x", "second" (the map's y or the curves), "specimen",
 * or of the parameter held fixed by its column name, or NULL. */
GtkDropDown *ps_chart_controls_get_dropdown (PsChartControls *self, const char *which);
/* Selects @value (a column name, a key or a specimen's name) in that dropdown. */
gboolean ps_chart_controls_select (PsChartControls *self, const char *which, const char *value);
/* The column names (or specimens) the dropdown offers, NULL-terminated. */
char **ps_chart_controls_dup_choices (PsChartControls *self, const char *which);

G_END_DECLS
