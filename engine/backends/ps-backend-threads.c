#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <omp.h>

#include "ps-backend.h"

typedef struct
{
  PsExec *exec;
  guint64 n_chunks;
  guint64 next_claim; /* atomic */
  GMutex lock;
  GCond turn;
  guint64 next_commit; /* under lock */
  gboolean stopped;    /* under lock */
} Schedule;

static gboolean
threads_is_available (char **reason)
{
  return TRUE;
}

static int
threads_default_workers (void)
{
  return (int)g_get_num_processors ();
}

/* Waits until chunk @k is next to commit, or the run stops. A stop set from outside
 * (cancel) wakes nobody, so the wait is timed: waiting threads look again every few
 * milliseconds, well inside the 100 ms a cancel may take. */
static gboolean
wait_turn (Schedule *s, guint64 k)
{
  gboolean mine;

  g_mutex_lock (&s->lock);
  while (s->next_commit != k && !s->stopped)
    {
      gint64 deadline = g_get_monotonic_time () + 5 * G_TIME_SPAN_MILLISECOND;

      g_cond_wait_until (&s->turn, &s->lock, deadline);
      if (ps_exec_should_stop (s->exec))
        s->stopped = TRUE;
    }
  mine = !s->stopped;
  g_mutex_unlock (&s->lock);
  return mine;
}

static void
stop_all (Schedule *s)
{
  g_mutex_lock (&s->lock);
  s->stopped = TRUE;
  g_cond_broadcast (&s->turn);
  g_mutex_unlock (&s->lock);
}

/* Chunks are claimed dynamically from a shared counter and committed in chunk order:
 * a thread that finishes chunk k waits for chunk k - 1 to be committed, so at most one
 * chunk per thread is held in memory and rows reach the file in item order while the
 * other threads compute. On a stop every thread leaves at once. */
static gboolean
threads_execute (PsExec *exec, int workers, GError **error)
{
  const PsStudy *study = ps_exec_get_study (exec);
  Schedule s = { 0 };

  s.exec = exec;
  s.n_chunks = ps_exec_get_n_chunks (exec);
  g_mutex_init (&s.lock);
  g_cond_init (&s.turn);

#pragma omp parallel num_threads(workers)
  {
    gpointer workspace = study->klass->workspace_new (study);
    gpointer summary = g_malloc (study->klass->summary_size);
    PsErrors errors;
    PsBuf rows;

    ps_errors_init (&errors);
    ps_buf_init (&rows, 1 << 16);
    for (;;)
      {
        guint64 k = (guint64)g_atomic_pointer_add ((gsize *)&s.next_claim, 1);

        if (k >= s.n_chunks)
          break;
        if (ps_exec_should_stop (exec))
          {
            stop_all (&s);
            break;
          }
        ps_exec_eval_chunk (exec, k, workspace, summary, &errors, &rows);
        if (!wait_turn (&s, k))
          break;
        ps_exec_commit_chunk (exec, k, summary, &errors, &rows);
        g_mutex_lock (&s.lock);
        s.next_commit = k + 1;
        if (ps_exec_should_stop (exec))
          s.stopped = TRUE;
        g_cond_broadcast (&s.turn);
        g_mutex_unlock (&s.lock);
      }
    study->klass->workspace_free (workspace);
    g_free (summary);
    ps_errors_clear (&errors);
    ps_buf_clear (&rows);
  }

  g_mutex_clear (&s.lock);
  g_cond_clear (&s.turn);
  return TRUE;
}

const PsBackend ps_backend_threads = {
  .name = "threads",
  .description = "CPU threads (OpenMP), dynamic chunks",
  .is_available = threads_is_available,
  .default_workers = threads_default_workers,
  .execute = threads_execute,
};
