#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <omp.h>

#include "ps-backend.h"

typedef struct {
  gpointer workspace;
  gpointer summary;
  PsErrors errors;
  PsBuf rows;
  gboolean ready;
} ThreadState;

static gboolean
threads_is_available (char **reason)
{
  return TRUE;
}

static int
threads_default_workers (void)
{
  return (int) g_get_num_processors ();
}

/* Chunks go out dynamically; each is committed in chunk order (OpenMP "ordered"), so
 * one thread writes rows while the others compute. Work is handed out in batches so
 * that a cancel is seen within one chunk's time rather than after draining the rest
 * of the loop. */
static gboolean
threads_execute (PsExec *exec, int workers, GError **error)
{
  const PsStudy *study = ps_exec_get_study (exec);
  guint64 n = ps_exec_get_n_chunks (exec);
  guint64 batch = 64 * (guint64) workers;
  ThreadState *state = g_new0 (ThreadState, workers);

  for (guint64 first = 0; first < n && !ps_exec_should_stop (exec); first += batch)
    {
      gint64 last = (gint64) MIN (n, first + batch);

#pragma omp parallel for ordered schedule(dynamic, 1) num_threads(workers)
      for (gint64 k = (gint64) first; k < last; k++)
        {
          ThreadState *ts = &state[omp_get_thread_num ()];
          gboolean skip = ps_exec_should_stop (exec);

          if (!ts->ready)
            {
              ts->workspace = study->klass->workspace_new (study);
              ts->summary = g_malloc (study->klass->summary_size);
              ps_errors_init (&ts->errors);
              ps_buf_init (&ts->rows, 1 << 16);
              ts->ready = TRUE;
            }
          if (!skip)
            ps_exec_eval_chunk (exec, (guint64) k, ts->workspace, ts->summary, &ts->errors,
                                &ts->rows);
#pragma omp ordered
          {
            if (!skip)
              ps_exec_commit_chunk (exec, (guint64) k, ts->summary, &ts->errors, &ts->rows);
          }
        }
    }

  for (int t = 0; t < workers; t++)
    if (state[t].ready)
      {
        study->klass->workspace_free (state[t].workspace);
        g_free (state[t].summary);
        ps_errors_clear (&state[t].errors);
        ps_buf_clear (&state[t].rows);
      }
  g_free (state);
  return TRUE;
}

const PsBackend ps_backend_threads = {
  .name = "threads",
  .description = "CPU threads (OpenMP), dynamic chunks",
  .is_available = threads_is_available,
  .default_workers = threads_default_workers,
  .execute = threads_execute,
};
