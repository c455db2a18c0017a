/* ps-gui-chart.h: the engine's charts (engine/plot) in a widget.
 *
 * The widget draws a PsChart with ps_chart_draw() at its size, reads out the point
 * nearest the pointer (ps_chart_pick), zooms with the scroll wheel about the
 * pointer and pans by dragging (ps_chart_set_view), and exports the chart as PNG,
 * SVG or PDF through ps_chart_write(), so the file shows what the screen shows.
 */
#pragma once

#include <gtk/gtk.h>

#include "plot/ps-plot.h"

G_BEGIN_DECLS

#define PS_TYPE_GUI_CHART (ps_gui_chart_get_type ())
G_DECLARE_FINAL_TYPE (PsGuiChart, ps_gui_chart, PS, GUI_CHART, GtkWidget)

GtkWidget *ps_gui_chart_new (void);
/* Takes @chart (NULL clears); @message is shown when there is no chart. */
void ps_gui_chart_set_chart (PsGuiChart *self, PsChart *chart, const char *message);
PsChart *ps_gui_chart_get_chart (PsGuiChart *self);
/* Whether a chart is shown. */
gsize ps_gui_chart_get_n_points (PsGuiChart *self);
void ps_gui_chart_reset_view (PsGuiChart *self);
/* Zooms by @factor (< 1 zooms in) about the pixel (@px, @py). */
void ps_gui_chart_zoom_at (PsGuiChart *self, double px, double py, double factor);
/* The read-out of the point nearest pixel (@px, @py), or NULL. */
char *ps_gui_chart_pick (PsGuiChart *self, double px, double py);
gboolean ps_gui_chart_export (PsGuiChart *self, const char *path, int width, int height,
                              GError **error);

G_END_DECLS
