/* ps-kind.h: a study kind, and the table of kinds.
 *
 * A kind is one PsKindClass: how its study file is read into a model, how items are
 * evaluated and merged, what a run writes, how its summary reads (typed rows), its
 * charts and its report sections. The kinds are listed in one table
 * (engine/studies/ps-kinds.c, as GSL's rng/types.c lists its generators); the loader,
 * the run, the plots, the report and the front ends loop over it, so nothing outside
 * a kind's folder names a kind. engine/studies/README.md says how to add one.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ps-fmt.h"
#include "study/ps-study.h"
#include "study/ps-summary.h"

G_BEGIN_DECLS

typedef struct _PsChart PsChart;

/* What a user counts a study's items in (progress, a run stopped by the user): the
 * names are summary.json's words for them (ps_count_unit_name()). */
typedef enum
{
  PS_COUNT_ITEMS,
  PS_COUNT_SAMPLES,
  PS_COUNT_CONFIGURATIONS,
  PS_COUNT_SPECIMENS,
} PsCountUnit;
typedef struct _PsPlotParams PsPlotParams;
typedef struct _PsRunData PsRunData;
typedef struct _PsReportWriter PsReportWriter;

/* A chart a kind offers (plot/ps-plot-study.h). */
typedef struct
{
  const char *name;        /* "output-vs-param" */
  const char *description; /* N_(): translate with _() */
} PsChartInfo;

/* A chart of the report's results: the chart's name and its y parameter (NULL for the
 * chart's default). */
typedef struct
{
  const char *chart;
  const char *y;
} PsReportChart;

struct _PsKindClass
{
  /* The study file's "kind", and the name summary.json and the history record. */
  const char *name;
  /* N_() strings, translated with _() where shown; NULL in a hidden kind. */
  const char *label;     /* "Beam" */
  const char *title_new; /* "New beam study": the name of a study made from the example */
  /* "%s (beam study)", the study's name for %s: the terminal summary's first line.
   * NULL: "NAME (KIND study)". */
  const char *summary_title;
  /* Registered but not offered: not in menus, lists of kinds or "expected …"
   * messages (the empty kind, for measuring the backends). */
  gboolean hidden;

  /* Loading. The members the study file's root object may have; the loader checks
   * them, then @init reads the root object into study's model (and sets its item
   * count), with errors that name the JSON path. */
  const char *const *top_level_keys;
  /* Members of the root object that only the engine writes, in the texts of the
   * round studies it makes (see rounds_new below), or NULL: a user's file that has one
   * is refused (naming it); ps_study_load_internal() accepts them. @init finds out
   * which loader called it with ps_study_is_internal(). */
  const char *const *engine_keys;
  gboolean (*init) (PsStudy *study, JsonObject *root, GError **error);
  /* The example study file (parastudy-cli example KIND, the GUI's New menu), or NULL. */
  const char *example;

  /* Evaluation. */
  gsize summary_size;
  /* Items per chunk. A function of the study only, never of the backend or the
   * worker count, so that merges happen at the same boundaries everywhere. */
  guint64 (*chunk_items) (const PsStudy *study);
  gpointer (*workspace_new) (const PsStudy *study);
  void (*workspace_free) (gpointer workspace);
  void (*summary_init) (const PsStudy *study, gpointer summary);
  /* Evaluates items [begin, end) into @summary (initialised by the caller) and
   * appends rows to @rows when @mode is not PS_ROWS_NONE. No allocation per item. */
  void (*eval) (const PsStudy *study, gpointer workspace, guint64 begin, guint64 end,
                gpointer summary, PsErrors *errors, PsRowsMode mode, PsBuf *rows);
  /* @acc = @acc followed by @next (later items). */
  void (*merge) (const PsStudy *study, gpointer acc, gconstpointer next);
  /* Optional: asked after each commit with the summary of every item so far, in
   * item order. TRUE ends the run there (adaptive stopping): the items used are the
   * same on every backend because commits happen in order. */
  gboolean (*is_done) (const PsStudy *study, gconstpointer summary, double elapsed);
  /* Optional: makes the study @n_items items long (weak and size scaling runs), for
   * kinds whose items are open-ended (Monte Carlo sample blocks). Without it the
   * items repeat cyclically (see ps_study_set_items()). */
  gboolean (*set_items) (PsStudy *study, guint64 n_items, GError **error);
  /* Optional: the first @items items in the study's own terms: their count in
   * *@count and its unit (blocks of Monte Carlo samples count their samples, a beam
   * sweep's items are configurations). Without it: the items themselves. */
  PsCountUnit (*count_items) (const PsStudy *study, guint64 items, guint64 *count);
  /* Optional, for a kind whose summary is not plain data (it holds pointers, say):
   * the merged summary as bytes for a run's checkpoint (ps-run.h), and back into a
   * summary that @summary_init prepared, FALSE with @error when the bytes are not
   * one. Without them a checkpoint holds the summary_size bytes as they are, as the
   * processes and MPI backends already send partial summaries; every kind so far
   * (beam, reliability, regression, empty) has counts and doubles only. */
  void (*summary_save) (const PsStudy *study, gconstpointer summary, GByteArray *out);
  gboolean (*summary_load) (const PsStudy *study, const guint8 *data, gsize length,
                            gpointer summary, GError **error);

  /* Optional: a study that runs as a sequence of rounds (iterative methods: the
   * iterations of FORM, the levels of subset simulation), each round decided on the
   * merged result of the one before, so that every backend and worker count makes the
   * same decisions. rounds_new() gives the host's state of one run, or NULL (without
   * an error) for a study that runs as one round of its own items, as kinds without
   * rounds do. The run then asks rounds_next() for the text of the next round's
   * study (the study's own text and the round's parameters, which the kind writes in
   * its engine_keys), NULL when the rounds are over (or with an error); loads it with
   * ps_study_load_internal() (worker processes and MPI ranks load the same text) and
   * runs it on the run's backend and options, its rows (PS_ROWS_ALL, in item order,
   * in whatever layout the kind writes them) collected in memory rather than in
   * results.csv; and hands the round's merged summary and its rows to
   * rounds_update(). At the end rounds_finish() fills the study's summary
   * (initialised by summary_init) from the state; rounds_free() frees the state in
   * every case. Progress and cancellation work within rounds as for any run, and a
   * cancel between rounds ends the run. */
  gpointer (*rounds_new) (const PsStudy *study, GError **error);
  char *(*rounds_next) (gpointer rounds, GError **error);
  gboolean (*rounds_update) (gpointer rounds, const PsStudy *round, gconstpointer summary,
                             const guint8 *rows, gsize rows_length, GError **error);
  void (*rounds_finish) (gpointer rounds, gpointer summary);
  void (*rounds_free) (gpointer rounds);
  /* Optional: frees what a summary filled by rounds_finish() holds (the summary
   * itself is freed by the caller). */
  void (*summary_clear) (gpointer summary);
  /* Optional: why the answer of a complete run must not be presented as good (a
   * method that did not converge, too many samples where the model is undefined), as
   * a translated message, or NULL. The run still writes its files, which say so; the
   * command line prints the summary and exits with status 1. */
  char *(*summary_failure) (const PsStudy *study, gconstpointer summary);

  /* Output. The header of results.csv, one row per item; NULL for kinds without
   * per-item rows (then a run writes no results.csv). */
  void (*write_header) (const PsStudy *study, PsBuf *buf);
  /* The kind's members of summary.json. */
  void (*summary_to_json) (const PsStudy *study, gconstpointer summary, JsonBuilder *builder);
  /* Optional: the files a run writes besides summary.json and results.csv, listed
   * in @output_files, each written atomically into @dir after a successful run. */
  gboolean (*write_outputs) (const PsStudy *study, gconstpointer summary, const char *dir,
                             GError **error);
  const char *const *output_files;
  /* The summary as typed rows, read from the kind's summary.json object as @view
   * shows it (study/ps-summary.h): the terminal summary, the GUI's Summary tab and
   * the report's key results all print from these rows. */
  void (*summary_rows) (JsonObject *summary, PsSummaryView view, GPtrArray *rows);

  /* Charts. The CSV file of a run folder the charts read ("results.csv",
   * "convergence.csv"), or NULL for kinds without charts; the charts, ended by an
   * entry with a NULL name; and the function that builds one of them. */
  const char *chart_data_file;
  const PsChartInfo *charts;
  PsChart *(*chart_build) (PsRunData *data, const char *name, const PsPlotParams *params,
                           GError **error);
  /* Optional: the run's parameters that vary (ps_plot_study_parameters()), and one
   * item's figures for the screen (ps_plot_study_item_figures()). */
  GPtrArray *(*chart_parameters) (PsRunData *data);
  GPtrArray *(*item_figures) (PsRunData *data, const char *item, GError **error);

  /* Report (report/ps-report-private.h): the kind's input sections, written after
   * the "Inputs" heading, and the charts of its results, ended by a NULL chart. */
  void (*report_inputs) (PsReportWriter *writer, const PsStudy *study);
  const PsReportChart *report_charts;
  /* Optional: the kind's own sections of the results (a table per item, how a
   * characteristic value was derived, a design point, sensitivity indices), written
   * after the key results, from the run in @data (its summary.json and rows). */
  void (*report_results) (PsReportWriter *writer, const PsStudy *study, PsRunData *data);

  /* Optional: the diagrams of one item (a beam configuration: its reactions, and the
   * shear, moment and deflection along it), for `parastudy-cli diagram`, the
   * "diagram" chart and the report. @variant names one of the item's variants (a
   * beam's load combination), NULL for the governing one. Adds the diagram's members
   * to @json (an object being built) when it is not NULL, its lines for the terminal
   * to @text, and its charts (PsChart *, owned by the array) to @charts. FALSE with a
   * PS_ERROR_INVALID error for an item out of range, an unknown variant or an item
   * that cannot be computed. */
  gboolean (*item_diagram) (const PsStudy *study, guint64 item, const char *variant,
                            JsonBuilder *json, GString *text, GPtrArray *charts, GError **error);
};

/* Every kind, hidden ones included, in display order (beam, reliability,
 * regression), ended by NULL. */
const PsKindClass *const *ps_kinds_list (void);
/* The kind named @name ("beam"), or NULL. */
const PsKindClass *ps_kind_lookup (const char *name);
/* The names of the kinds that are not hidden, for messages: "beam, reliability or
 * regression", each name in double quotes when @quoted. Free with g_free(). */
char *ps_kinds_names_text (gboolean quoted);

G_END_DECLS
