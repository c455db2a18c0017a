/* ps-run-view.h: a finished run as the front ends and the report read it.
 *
 * summary.json is the on-disk record of a run; a PsRunView is that record typed: the
 * study it ran, the run's facts, the item errors, and the summary as the kind's rows
 * (study/ps-summary.h) for each view. The command line reads it from the summary it
 * has just written, the GUI from its run or a run folder, the report and the plots
 * from the run folder (plot/ps-plot-study.h: PsRunData adds the results columns), so
 * no front end looks up summary.json's members by name.
 */
#pragma once

#include "study/ps-kind.h"

G_BEGIN_DECLS

typedef struct
{
  JsonObject *summary;     /* the whole summary.json object */
  const PsKindClass *kind; /* NULL for a kind this program does not have */
  const char *kind_name;
  const char *study;      /* the study's name */
  const char *study_file; /* or NULL */
  const char *study_sha256;
  const char *started; /* ISO 8601 */
  const char *backend;
  int workers;
  guint64 items;
  double wall_seconds;
  double cpu_seconds;
  PsErrors errors; /* the item errors: how many, and the first ones */
} PsRunView;

/* The view of the summary.json object @summary (referenced). Members it lacks are
 * read as empty: "" for strings, 0 for numbers. */
PsRunView *ps_run_view_new (JsonObject *summary);
/* The view of summary.json text. */
PsRunView *ps_run_view_new_from_data (const char *data, gssize length, GError **error);
/* The view of DIR/summary.json, the --out folder of a run. Errors name the folder or
 * the file. */
PsRunView *ps_run_view_load (const char *run_dir, GError **error);
void ps_run_view_free (PsRunView *view);

/* The summary's rows as @which shows them (borrowed; kept with the view). The
 * terminal's and the Summary tab's rows end with the run's item errors and its
 * backend, workers and times; a kind without a layout for the Summary tab, or one
 * this program does not have, shows every plain figure. */
GPtrArray *ps_run_view_get_rows (PsRunView *view, PsSummaryView which);
/* The summary parastudy-cli run prints: "NAME (KIND study)" and the terminal rows. */
char *ps_run_view_summary_text (PsRunView *view);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsRunView, ps_run_view_free)

G_END_DECLS
