/* ps-run-task.h: a study run off the main thread.
 *
 * The engine runs on a GTask worker thread. Progress is written by the engine's
 * committing thread into a mutex-protected record; at most one low-priority idle is
 * pending at a time and delivers the latest record to the main thread, so a fast
 * run never floods the main loop. Cancelling the GCancellable sets the engine's
 * cancel flag, which it reads at every chunk.
 */
#pragma once

#include <gio/gio.h>

#include "parastudy.h"
#include "ps-document.h"

G_BEGIN_DECLS

/* Called on the main thread with the latest progress. */
typedef void (*PsRunProgressFunc) (const PsProgress *progress, gpointer user_data);

typedef struct
{
  const char *backend; /* NULL: the engine's default */
  int workers;         /* 0: the backend's default */
  PsRowsMode rows;
  const char *dir; /* results folder */
  /* Continue the interrupted run in @dir from its checkpoint (rows as it had). */
  gboolean resume;
} PsRunRequest;

/* Takes @study. @progress may be NULL; it is not called after @callback. */
void ps_run_task_start (PsStudy *study, const PsRunRequest *request, GCancellable *cancellable,
                        PsRunProgressFunc progress, gpointer progress_data,
                        GAsyncReadyCallback callback, gpointer user_data);
PsDocumentResult *ps_run_task_finish (GAsyncResult *result, GError **error);

/* The result of a run another program made into @dir (the MPI runs under mpirun),
 * as an in-process run returns it: summary.json read and parsed, the backend, worker
 * count and wall time from it. @summary_text is the program's text summary
 * (ps_run_summary_text() there), or NULL. NULL with an error naming the file when
 * summary.json is missing or malformed. */
PsDocumentResult *ps_run_task_result_from_dir (const char *dir, const char *summary_text,
                                               GError **error);

/* Where the GUI keeps the results of a study that has no folder of its own. */
char *ps_run_task_default_dir (const PsStudy *study);
/* The same folder for the study of this name and SHA-256 (a run in the history). */
char *ps_run_task_dir_for (const char *name, const char *sha256);
/* The last result of @study, when its results folder holds a run of this very study
 * (summary.json's study_sha256 is the study's): what reopening an unmodified study
 * shows (issue 19 item 12). NULL otherwise. */
PsDocumentResult *ps_run_task_cached_result (const PsStudy *study);

G_END_DECLS
