/* ps-plot-study.h: the charts of a study kind, built from a run directory, and the
 * scaling charts built from a scaling.json.
 *
 * A run directory holds summary.json, results.csv (beam: one row per
 * configuration) and, for reliability, convergence.csv. The study file itself is
 * optional: charts that regenerate data through the engine (a specimen's curve, the
 * histogram of g) load it from the path summary.json names, or the one given.
 */
#pragma once

#include "plot/ps-plot.h"
#include "ps-run-view.h"
#include "study/ps-kind.h"

G_BEGIN_DECLS

/* Loads DIR/summary.json and the kind's CSV files. Errors name the file and line. */
PsRunData *ps_run_data_load (const char *run_dir, GError **error);
void ps_run_data_free (PsRunData *data);
/* The kind's name ("beam"); the run view (ps-run-view.h) holds its class. */
const char *ps_run_data_get_kind (const PsRunData *data);
/* summary.json, typed (borrowed). */
PsRunView *ps_run_data_get_view (const PsRunData *data);
const char *ps_run_data_get_dir (const PsRunData *data);
JsonObject *ps_run_data_get_summary (const PsRunData *data); /* borrowed */
/* Checks that the run was made from @study (its SHA-256 in summary.json) and
 * keeps @study (borrowed; it must outlive @data) for charts that need the model. */
gboolean ps_run_data_check_study (PsRunData *data, const PsStudy *study, GError **error);

/* Results table (results.csv), column access by header name. */
guint ps_run_data_get_n_rows (const PsRunData *data);
gboolean ps_run_data_has_column (const PsRunData *data, const char *name);
/* The numeric column, or NULL (borrowed, ps_run_data_get_n_rows values, NAN where
 * empty). Text columns (material, section) are also available as strings. */
const double *ps_run_data_get_column (PsRunData *data, const char *name);
const char *const *ps_run_data_get_text_column (PsRunData *data, const char *name);

/* The charts a kind offers ("beam", "reliability", "regression", "scaling"),
 * terminated by an entry with a NULL name. */
const PsChartInfo *ps_plot_charts_for_kind (const char *kind);

struct _PsPlotParams
{
  const char *x;        /* parameter for the x axis (a column name: "span", "h", ...) */
  const char *y;        /* output ("deflection", "utilisation", ...) */
  const char *series;   /* parameter with one curve per value ("material") */
  const char *specimen; /* regression: a specimen's name or item number */
  /* Parameters held fixed, "NAME=VALUE" (VALUE as ps_plot_study_parameters() gives
   * it in keys), ended by NULL; a parameter not named is held at its middle value. */
  const char *const *fixed;
};

/* A parameter of the run that varies: an axis a chart can take, or a value it can
 * hold fixed. */
typedef struct
{
  char *name;       /* the column, as --x, --series and fixed name it ("span_m") */
  char *label;      /* translated ("Span") */
  GPtrArray *keys;  /* char *: each distinct value as fixed takes it, in grid order */
  GPtrArray *texts; /* char *: the same values in words, with units ("4.5 m") */
  guint middle;     /* the value a chart holds by default */
} PsPlotParameter;

void ps_plot_parameter_free (PsPlotParameter *p);
/* The parameters of the run that take two values or more (PsPlotParameter, freed
 * with the array); empty for kinds whose charts take none. */
GPtrArray *ps_plot_study_parameters (PsRunData *data);
/* The figures of one item of the run (a specimen's ISO 6892-1 quantities), as
 * summary rows (study/ps-summary.h) for the screen; @item is its name or number.
 * NULL with PS_ERROR_INVALID when the kind has none or there is no such item. */
GPtrArray *ps_plot_study_item_figures (PsRunData *data, const char *item, GError **error);

/* Builds chart @name of the run. NULL @params picks the kind's defaults. An unknown
 * chart, one that does not fit the kind, or a column the run does not have is
 * PS_ERROR_INVALID with a message that lists what is available. */
PsChart *ps_plot_study_chart (PsRunData *data, const char *name, const PsPlotParams *params,
                              GError **error);

/* scaling.json from the scaling harness. */
typedef struct _PsScalingData PsScalingData;

/* @path is scaling.json or a folder that holds it. */
PsScalingData *ps_scaling_data_load (const char *path, GError **error);
void ps_scaling_data_free (PsScalingData *data);
const char *ps_scaling_data_get_mode (const PsScalingData *data); /* strong, weak, size */
JsonObject *ps_scaling_data_get_root (const PsScalingData *data); /* borrowed */
/* "speedup", "efficiency" or "time". */
PsChart *ps_plot_scaling_chart (PsScalingData *data, const char *name, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsRunData, ps_run_data_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsScalingData, ps_scaling_data_free)

G_END_DECLS
