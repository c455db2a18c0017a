/* ps-plot.h: charts drawn with Cairo and Pango, the same on a GTK widget, PNG, SVG
 * and PDF.
 *
 * A PsChart holds its data (copied in), its axes and its styling. Drawing only
 * maps data to the surface and strokes it, so a front end draws the same chart on
 * any cairo_t at any size (ps_chart_draw), sets the visible range to zoom and pan
 * (ps_chart_set_view), and asks which data point is nearest the pointer
 * (ps_chart_pick) for a hover read-out. The geometry of the last draw is kept in
 * the chart for these queries, so draw and pick from the same thread.
 *
 * Large series are decimated while drawing: a line keeps the minimum and maximum
 * of every pixel column, a scatter becomes a density of occupied pixels, so no
 * peak of the data is lost and ten million points draw in well under 100 ms.
 *
 * No GTK here: the GUI wraps ps_chart_draw in a GtkDrawingArea draw function.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct _PsChart PsChart;

typedef enum
{
  PS_CHART_XY,      /* lines, points, bands, histograms on two numeric axes */
  PS_CHART_HEATMAP, /* a grid of values over two parameters, with a colour bar */
} PsChartKind;

typedef enum
{
  PS_AXIS_X,
  PS_AXIS_Y,
} PsAxisId;

typedef enum
{
  PS_SCALE_LINEAR,
  PS_SCALE_LOG,
} PsScale;

typedef enum
{
  PS_SERIES_LINE,   /* points joined in order */
  PS_SERIES_POINTS, /* markers (a scatter) */
  PS_SERIES_STEPS,  /* a histogram: x holds n + 1 bin edges, y the n bar heights */
  PS_SERIES_BAND,   /* a filled band between y (lower) and y2 (upper) */
} PsSeriesStyle;

typedef enum
{
  PS_LEGEND_AUTO, /* the corner that covers the fewest data points */
  PS_LEGEND_NONE,
  PS_LEGEND_TOP_LEFT,
  PS_LEGEND_TOP_RIGHT,
  PS_LEGEND_BOTTOM_LEFT,
  PS_LEGEND_BOTTOM_RIGHT,
  PS_LEGEND_OUTSIDE, /* right of the plot area */
} PsLegendPos;

typedef enum
{
  PS_LINE_SOLID,
  PS_LINE_DASHED,
  PS_LINE_DOTTED,
} PsLineDash;

typedef struct
{
  double r, g, b, a;
} PsColor;

/* The result of a pick: the data point nearest a position. */
typedef struct
{
  int series;      /* series index, or -1 for a heatmap cell */
  gsize index;     /* point index in the series (heatmap: row * nx + column) */
  double x, y;     /* the point, in data units (SI, before any prefix) */
  double value;    /* heatmap: the cell's value; otherwise y */
  double distance; /* from the query, in device units of the last draw */
} PsChartPick;

PsChart *ps_chart_new (PsChartKind kind);
void ps_chart_free (PsChart *chart);
PsChartKind ps_chart_get_kind (const PsChart *chart);

void ps_chart_set_title (PsChart *chart, const char *title);
const char *ps_chart_get_title (const PsChart *chart);

/* @label is the quantity ("Deflection"), @unit its SI unit ("m", "N", "Pa", "s", or
 * "" / NULL for a pure number). The axis picks an SI prefix from its range and shows
 * "Deflection [mm]"; units not meant for prefixes ("%", "°") are shown as given. */
void ps_chart_set_axis (PsChart *chart, PsAxisId axis, const char *label, const char *unit,
                        PsScale scale);
PsScale ps_chart_get_axis_scale (const PsChart *chart, PsAxisId axis);

/* The visible range of an axis, in data units (zoom and pan). NAN for both ends
 * goes back to the automatic range that covers all the data. */
void ps_chart_set_view (PsChart *chart, PsAxisId axis, double min, double max);
/* The range currently shown (the view, or the automatic range). */
void ps_chart_get_view (PsChart *chart, PsAxisId axis, double *min, double *max);
/* The automatic range covering every series (with a small margin on linear axes). */
void ps_chart_get_data_range (PsChart *chart, PsAxisId axis, double *min, double *max);

void ps_chart_set_legend (PsChart *chart, PsLegendPos pos);

/* Adds a series; the arrays are copied. Returns the series index.
 * PS_SERIES_STEPS takes @n bars: @x holds n + 1 edges, @y n heights.
 * Points with a non-finite coordinate (or ≤ 0 on a log axis) are skipped. */
int ps_chart_add_series (PsChart *chart, const char *name, PsSeriesStyle style, const double *x,
                         const double *y, gsize n);
/* A band between @y_low and @y_high. */
int ps_chart_add_band (PsChart *chart, const char *name, const double *x, const double *y_low,
                       const double *y_high, gsize n);
/* A histogram of @values with @bins equal bins (0: Freedman–Diaconis, at most 200)
 * between @lo and @hi (both NAN: the data range). Heights are densities (count /
 * (n · width)) when @density, else counts. */
int ps_chart_add_histogram (PsChart *chart, const char *name, const double *values, gsize n,
                            int bins, double lo, double hi, gboolean density);
/* A straight line y = a + b x across the visible x range (a fit, the ideal speedup). */
int ps_chart_add_function_line (PsChart *chart, const char *name, double a, double b);
gsize ps_chart_get_n_series (const PsChart *chart);
void ps_chart_series_set_color (PsChart *chart, int series, PsColor color);
void ps_chart_series_set_dash (PsChart *chart, int series, PsLineDash dash);
void ps_chart_series_set_width (PsChart *chart, int series, double line_width);
/* A series left out of the legend (bands that belong to a line, reference lines). */
void ps_chart_series_set_in_legend (PsChart *chart, int series, gboolean in_legend);
/* The colour a series is drawn with (its own, or from the palette by index). */
PsColor ps_chart_series_get_color (const PsChart *chart, int series);
/* The name a series was added with (borrowed), or NULL. */
const char *ps_chart_series_get_name (const PsChart *chart, int series);

/* A shaded vertical span x in [@x0, @x1] (e.g. the failure region g ≤ 0), with an
 * optional label drawn inside it. Either end may be ±INFINITY. */
void ps_chart_add_vspan (PsChart *chart, double x0, double x1, PsColor color, const char *label);
/* A straight reference line x = @x (vertical). */
void ps_chart_add_vline (PsChart *chart, double x, PsColor color, const char *label);

/* Heatmap (PS_CHART_HEATMAP): @values is @ny rows of @nx cells, row j at y[j],
 * column i at x[i]; NAN cells are left blank. Colours from viridis, with a colour
 * bar labelled @value_label [@value_unit]. @x / @y are the cell centres, sorted. */
void ps_chart_set_heatmap (PsChart *chart, const double *x, gsize nx, const double *y, gsize ny,
                           const double *values, const char *value_label, const char *value_unit);
/* Categorical cells (a pass/fail map): @values hold 0..@n_categories - 1 (or NAN)
 * and each category has its colour and legend name. */
void ps_chart_set_heatmap_categories (PsChart *chart, guint n_categories, const PsColor *colors,
                                      const char *const *names);
/* Category labels for an axis (e.g. material names) at the values 0, 1, 2, ... */
void ps_chart_set_axis_categories (PsChart *chart, PsAxisId axis, const char *const *names,
                                   guint n);

/* Base font size in points (default 9) and the Pango font family (default "Sans"). */
void ps_chart_set_font (PsChart *chart, const char *family, double size_pt);

/* Draws the chart filling @width × @height user units of @cr (a widget: pixels;
 * PDF: points). Fonts are in points scaled by @dpi / 72 user units per point for
 * raster targets (pass 96 for a screen, 72 for PDF/SVG where 1 unit = 1 pt). */
void ps_chart_draw (PsChart *chart, cairo_t *cr, double width, double height, double dpi);

/* After a draw: the plot area (where data is drawn) in the units of that draw. */
void ps_chart_get_plot_area (const PsChart *chart, double *x, double *y, double *width,
                             double *height);
/* After a draw: device ↔ data coordinates. Returns FALSE before the first draw. */
gboolean ps_chart_to_data (const PsChart *chart, double px, double py, double *x, double *y);
/* @value of @axis as its tick labels read it at the last draw: in the prefix and
 * unit of the axis title ("1.349 mm" on a deflection axis in mm), or a category's
 * name. For a hover read-out in the same units as the axes. */
char *ps_chart_format_axis_value (const PsChart *chart, PsAxisId axis, double value);
gboolean ps_chart_to_device (const PsChart *chart, double x, double y, double *px, double *py);
/* The data point nearest device position (@px, @py) of the last draw, within
 * @max_distance device units. Returns FALSE when there is none. */
gboolean ps_chart_pick (const PsChart *chart, double px, double py, double max_distance,
                        PsChartPick *pick);
/* The data point nearest (@x, @y) in data coordinates, distance measured with each
 * axis scaled to the visible range (so it does not need a draw). */
gboolean ps_chart_nearest (PsChart *chart, double x, double y, PsChartPick *pick);

/* Writes the chart to @path: .png, .svg or .pdf by its extension. @width and
 * @height are in pixels at @dpi (a 96 dpi PNG of 800 × 500 is 800 × 500 pixels; the
 * PDF and SVG page is width · 72 / dpi points wide). The file is written to a
 * temporary file and renamed, so an error never leaves a partial file. */
gboolean ps_chart_write (PsChart *chart, const char *path, int width, int height, double dpi,
                         GError **error);

typedef enum
{
  PS_FORMAT_PNG,
  PS_FORMAT_SVG,
  PS_FORMAT_PDF,
} PsChartFormat;

/* Renders the chart into @out (appended), as ps_chart_write would write it. */
gboolean ps_chart_render (PsChart *chart, PsChartFormat format, int width, int height, double dpi,
                          GByteArray *out, GError **error);

/* @n charts one above the other, each @width × @height pixels at @dpi (the diagrams
 * of a beam: shear, moment, deflection), rendered into @out or written to @path as
 * ps_chart_render() and ps_chart_write() do one chart. */
gboolean ps_charts_render_stacked (PsChart *const *charts, guint n, PsChartFormat format, int width,
                                   int height, double dpi, GByteArray *out, GError **error);
gboolean ps_charts_write_stacked (PsChart *const *charts, guint n, const char *path, int width,
                                  int height, double dpi, GError **error);

/* Writes @data to @path through a temporary file and a rename. */
gboolean ps_write_file_atomic (const char *path, const guint8 *data, gsize length, GError **error);

/* Viridis (perceptually uniform) at t in [0, 1]. */
PsColor ps_color_viridis (double t);
/* The default palette (colour-blind safe, Okabe–Ito), cycled by index. */
PsColor ps_color_palette (guint index);

/* Axes, for the report and for tests. */

/* "Nice" ticks covering [lo, hi] with steps of 1, 2 or 5 × 10^k, about @target of
 * them (at most @max written to @out). Returns the number of ticks and the step.
 * A zero-width range is widened around its value. */
guint ps_ticks_linear (double lo, double hi, guint target, double *out, guint max, double *step);
/* Log ticks: decades (and 2, 5 between them when there are few decades).
 * Requires 0 < lo ≤ hi. */
guint ps_ticks_log (double lo, double hi, double *out, guint max);
/* The SI prefix for values of magnitude @mag (the largest |tick|): returns the
 * factor to divide by (1e3 for "k") and the prefix in @prefix ("", "k", "M", "m",
 * "µ", ...). Units that do not take prefixes return 1. */
double ps_si_prefix (double mag, const char *unit, const char **prefix);
/* Formats a tick value (already divided by the prefix factor) with the digits the
 * step needs. */
char *ps_format_tick (double value, double step);

/* Decimation of a line for drawing @columns pixel columns between @x0 and @x1, x
 * ascending: per column, the first, minimum, maximum and last point, in order, so
 * every peak survives. Points left of @x0 or right of @x1 are dropped except the
 * nearest one on each side (the line still leaves the area). Writes at most
 * 4 · @columns + 2 points to @out_x / @out_y and returns their count. */
gsize ps_decimate_minmax (const double *x, const double *y, gsize n, double x0, double x1,
                          guint columns, double *out_x, double *out_y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsChart, ps_chart_free)

G_END_DECLS
