/* ps-run.h: running a study on a backend.
 *
 * A run walks the study in fixed chunks of items. Each chunk is evaluated into its
 * own partial summary and committed in chunk order: the partial is merged, its item
 * errors kept, its rows written and progress reported. So the summary, the errors and
 * the rows are the same whichever backend or worker count evaluated the chunks.
 */
#pragma once

#include "study/ps-kind.h"
#include "study/ps-study.h"

G_BEGIN_DECLS

typedef struct
{
  guint64 items_done;
  guint64 items_total;
  double elapsed; /* s */
  double eta;     /* s, or a negative number while unknown */
  /* A study that runs in rounds (PsKindClass.rounds_new): the round, from 1, whose
   * items these are (items_done and items_total count the rounds so far, the current
   * one included); 0 for a study of one round. */
  guint round;
} PsProgress;

typedef void (*PsProgressFunc) (const PsProgress *progress, gpointer user_data);
typedef gboolean (*PsRowsWriteFunc) (const char *data, gsize length, gpointer user_data,
                                     GError **error);

typedef struct
{
  const char *backend; /* "serial", "threads"; NULL for the default */
  int workers;         /* 0 for the backend's default */
  PsRowsMode rows;
  PsRowsWriteFunc rows_write;
  gpointer rows_data;
  PsProgressFunc progress;
  gpointer progress_data;
  const gint *cancel; /* non-zero cancels the run within one chunk; may be NULL */
  /* Backends with worker processes: a chunk that takes longer than this (s) is
   * treated as a crash of its worker. 0 for no limit. */
  double chunk_timeout;
  /* The folder the results file is written in (set by ps_run_to_dir when it writes
   * rows), or NULL: backends whose workers write rows themselves (mpi) put their
   * temporary part files there. */
  const char *rows_dir;

  /* Checkpoints and resuming (ps_run_to_dir only; see below). */
  /* Continue the interrupted run of this study in the output folder from its last
   * checkpoint instead of starting afresh (parastudy-cli run --resume). */
  gboolean resume;
  /* Seconds between checkpoints: 0 for PARASTUDY_CHECKPOINT_SECONDS or else
   * PS_CHECKPOINT_SECONDS, a negative number for none. */
  double checkpoint_interval;
  /* Optional: asked once, under the front end's own lock, just before the outputs
   * are committed; FALSE makes the run end as cancelled, its staging folder removed.
   * A front end that may remove the staging folder from another thread
   * (parastudy-cli's signal watchdog, ps_run_dir_discard_own()) decides there whether
   * the commit or the removal happens, never both. */
  gboolean (*may_commit) (gpointer user_data);
  gpointer may_commit_data;
  /* A cancel of a study whose items are open-ended Monte Carlo sample blocks
   * (PsKindClass.set_items) ends the run with the result of the items committed so
   * far, PsRunResult.stopped set, instead of PS_ERROR_CANCELLED: its summary is
   * exactly that of a study of those samples, since the items are committed in
   * order. Other studies, and studies of several rounds, still end cancelled. */
  gboolean keep_partial;
} PsRunOptions;

typedef struct
{
  gpointer summary; /* the study kind's summary */
  PsErrors errors;
  char *backend;
  int workers;
  guint64 items;
  guint64 chunk_items;
  guint64 chunks;
  double wall_seconds;
  double cpu_seconds; /* this process's and its workers' */
  guint64 peak_rss_bytes;
  guint64 workers_peak_rss_bytes; /* the sum over worker processes, if any */
  double workers_cpu_seconds;     /* CPU time of worker processes, if any (in cpu_seconds) */
  guint64 rows_bytes;
  char *started; /* ISO 8601 */
  /* The rounds a study of several rounds ran (items and chunks are their sums), or
   * 0. */
  guint rounds;
  /* Why the answer must not be presented as good (PsKindClass.summary_failure:
   * a method that did not converge), translated, or NULL. The run completed and its
   * files say so; the command line exits with status 1. */
  char *failure;
  const PsKindClass *kind; /* whose summary it is */
  /* Cancelled with PsRunOptions.keep_partial: the summary is of the first @items of
   * @items_planned items; summary.json says so in its "stopped" member. */
  gboolean stopped;
  guint64 items_planned;
} PsRunResult;

void ps_run_options_init (PsRunOptions *options);
/* Checks the backend and worker count without running anything. */
gboolean ps_run_check_options (const PsRunOptions *options, GError **error);

PsRunResult *ps_run_study (const PsStudy *study, const PsRunOptions *options, GError **error);
void ps_run_result_free (PsRunResult *result);

/* The summary.json document of a finished run. */
char *ps_run_summary_json (const PsStudy *study, const PsRunResult *result);
/* The summary parastudy-cli run prints, read from the run's summary.json
 * (ps_run_view_summary_text()). */
char *ps_run_summary_text (const PsStudy *study, const PsRunResult *result);

/* Runs the study and writes DIR/summary.json, DIR/results.csv (unless rows are
 * PS_ROWS_NONE) and the kind's own files, as one set: all are written into a staging
 * folder in DIR and moved into place only when every one of them is complete. A
 * failed or cancelled run leaves none of them, and the files of an earlier run in DIR
 * are either all kept or all replaced, never mixed. */
PsRunResult *ps_run_to_dir (const PsStudy *study, const PsRunOptions *options, const char *dir,
                            GError **error);
/* Finishes or removes what runs killed while writing into @dir left there (their
 * staging folders, for processes that are gone). A run does it before it writes;
 * readers of a results folder may call it first. */
gboolean ps_run_dir_recover (const char *dir, GError **error);

/* Checkpoints. A run of ps_run_to_dir() longer than its checkpoint interval writes,
 * after a committed chunk at most every interval, a checkpoint into its staging
 * folder: the merged summary, the item errors and the results file's length so far,
 * flushed to disk with the rows they count. After a kill -9, a power cut or a node
 * failure the staging folder stays (ps_run_dir_recover() keeps a stage with a
 * checkpoint), and a run with PsRunOptions.resume continues from there, giving the
 * files an uninterrupted run gives. A run without it removes such stages: starting
 * afresh in a folder gives up what was interrupted there. A cancelled or failed run
 * leaves no checkpoint. */
#define PS_CHECKPOINT_SECONDS 3.0

typedef struct
{
  guint64 items_done; /* items committed when the checkpoint was written */
  guint64 items;
  guint64 chunks_done;
  guint64 chunks;
  double elapsed_seconds; /* the run's time up to the checkpoint */
  char *started;          /* ISO 8601: when the interrupted run started */
  char *written;          /* ISO 8601: when the checkpoint was written */
  PsRowsMode rows;        /* the interrupted run's rows; a resume must ask the same */
} PsCheckpointInfo;

/* Whether @dir holds a checkpoint that a run of @study can resume from (the GUI's
 * Resume): fills @info (clear it with ps_checkpoint_info_clear()), or says why not
 * (PS_ERROR_INVALID): none there, one of another study or Parastudy version, or a
 * damaged one. */
gboolean ps_run_dir_find_checkpoint (const char *dir, const PsStudy *study, PsCheckpointInfo *info,
                                     GError **error);
void ps_checkpoint_info_clear (PsCheckpointInfo *info);
/* Removes the staging folders of this process in @dir, whatever they hold: for a
 * watchdog that ends the process when a run does not stop in time (from a thread of
 * its own, never from a signal handler). */
void ps_run_dir_discard_own (const char *dir);

/* Counting in the study's own terms (ps-progress.c). */
/* The first @items items of @study as the user counts them (PsKindClass.count_items);
 * a NULL @study counts items. */
PsCountUnit ps_study_count_items (const PsStudy *study, guint64 items, guint64 *count);
/* summary.json's word for @unit ("samples"), and back (PS_COUNT_ITEMS when unknown). */
const char *ps_count_unit_name (PsCountUnit unit);
PsCountUnit ps_count_unit_from_name (const char *name);
/* A count in the locale's digits: whole below a million ("12,345"), else with three
 * significant digits and a power of ten ("4.06 × 10⁶"). */
char *ps_count_number_text (double n);
/* "1,200 of 3,000 samples", "1.2 × 10⁶ of 3 × 10⁹ samples", translated. */
char *ps_count_progress_text (PsCountUnit unit, guint64 done, guint64 total);
/* "12,300 samples/s", translated; "—" when @per_second is not a positive number. */
char *ps_count_rate_text (PsCountUnit unit, double per_second);
/* The progress of a run of @study as a front end shows it: the count done and its
 * total in the study's terms (the progress bar's text), and the time left and the
 * rate ("8 s left · 12,300 samples/s"), translated. */
void ps_progress_describe (const PsStudy *study, const PsProgress *progress, char **count_text,
                           char **rate_text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsRunResult, ps_run_result_free)

/* For backends. */
typedef struct _PsExec PsExec;

guint64 ps_exec_get_n_chunks (PsExec *exec);
/* The first chunk to evaluate: 0, or where a resumed run goes on. Backends evaluate
 * chunks [first, n_chunks). */
guint64 ps_exec_get_first_chunk (PsExec *exec);
guint64 ps_exec_get_chunk_items (PsExec *exec);
const PsRunOptions *ps_exec_get_options (PsExec *exec);
/* Backends with worker processes: adds a finished worker's peak resident memory. */
void ps_exec_add_workers_rss (PsExec *exec, guint64 bytes);
/* Backends with worker processes or ranks: adds their CPU time (user + system, s). */
void ps_exec_add_workers_cpu (PsExec *exec, double seconds);
const PsStudy *ps_exec_get_study (PsExec *exec);
gboolean ps_exec_should_stop (PsExec *exec);
/* Evaluates chunk @chunk; @summary and @errors are (re)initialised, @rows emptied. */
void ps_exec_eval_chunk (PsExec *exec, guint64 chunk, gpointer workspace, gpointer summary,
                         PsErrors *errors, PsBuf *rows);
/* Commits chunk @chunk; must be called in chunk order. */
void ps_exec_commit_chunk (PsExec *exec, guint64 chunk, gconstpointer summary, PsErrors *errors,
                           PsBuf *rows);

/* Evaluates chunk @chunk of @study, chunks being @chunk_items items long, into
 * @summary and @errors (both reinitialised) and @rows (emptied). What
 * ps_exec_eval_chunk() does, for code that evaluates outside the run's process
 * (worker processes, MPI ranks). */
void ps_study_eval_chunk (const PsStudy *study, guint64 chunk_items, guint64 chunk, PsRowsMode mode,
                          gpointer workspace, gpointer summary, PsErrors *errors, PsBuf *rows);

G_END_DECLS
