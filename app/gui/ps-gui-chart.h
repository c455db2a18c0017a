/* ps-gui-chart.h: an interactive x–y chart of result columns.
 *
 * Data is given once (copied); the view (zoom and pan) is a rectangle in data
 * units. Drawing maps points to pixels and, for large series, bins them per pixel
 * so that a million points draw in a few milliseconds. The same draw function
 * renders onto any cairo_t, so PNG, SVG and PDF export share it with the screen.
 * When the engine's chart module (engine/plot/ps-plot.h) is available, the draw
 * function is the one place that changes.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PS_TYPE_GUI_CHART (ps_gui_chart_get_type ())
G_DECLARE_FINAL_TYPE (PsGuiChart, ps_gui_chart, PS, GUI_CHART, GtkWidget)

typedef enum
{
  PS_GUI_CHART_SCATTER,
  PS_GUI_CHART_LINE,
} PsGuiChartType;

GtkWidget *ps_gui_chart_new (void);
/* @flag may be NULL: a non-zero flag draws the point as "passing". */
void ps_gui_chart_set_data (PsGuiChart *self, PsGuiChartType type, const double *x, const double *y,
                            const guint8 *flag, gsize n, const char *x_label, const char *y_label);
void ps_gui_chart_clear (PsGuiChart *self);
gsize ps_gui_chart_get_n_points (PsGuiChart *self);
void ps_gui_chart_reset_view (PsGuiChart *self);
/* Zooms by @factor (< 1 zooms in) about the data point under (@px, @py). */
void ps_gui_chart_zoom_at (PsGuiChart *self, double px, double py, double factor);
/* The point nearest the pixel (@px, @py), or -1; its text read-out in @readout. */
gssize ps_gui_chart_pick (PsGuiChart *self, double px, double py, char **readout);

void ps_gui_chart_draw (PsGuiChart *self, cairo_t *cr, int width, int height);
/* Writes the chart to @path as "png", "svg" or "pdf" at @width × @height points. */
gboolean ps_gui_chart_export (PsGuiChart *self, const char *path, const char *format, int width,
                              int height, GError **error);

G_END_DECLS
