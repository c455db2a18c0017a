#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <omp.h>

#include "ps-backend.h"
#include "study/ps-study-private.h"

/* Finished chunks that may wait for their turn to be committed, per thread. A thread
 * that finishes chunk k before chunk k - 1 is committed leaves its result in a slot
 * and goes on with another chunk, so a thread slowed down (by another program on the
 * machine, or a slow chunk) does not stall the others. */
#define SLOTS_PER_THREAD 4

typedef struct
{
  gpointer summary;
  PsErrors errors;
  PsBuf rows;
  gboolean ready; /* under lock */
} Slot;

typedef struct
{
  PsExec *exec;
  guint64 n_chunks;
  Slot *slots;
  guint64 n_slots;
  GMutex lock;
  GCond changed;
  guint64 next_claim;  /* under lock */
  guint64 next_commit; /* under lock */
  gboolean committing; /* under lock: a thread is committing ready slots */
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

/* Claims the next chunk, waiting while every slot is taken. A stop set from outside
 * (cancel) wakes nobody, so the wait is timed: waiting threads look again every few
 * milliseconds, well inside the 100 ms a cancel may take. Returns FALSE when there is
 * nothing left to do. */
static gboolean
claim (Schedule *s, guint64 *chunk)
{
  gboolean ok;

  g_mutex_lock (&s->lock);
  while (!s->stopped && s->next_claim < s->n_chunks && s->next_claim - s->next_commit >= s->n_slots)
    {
      gint64 deadline = g_get_monotonic_time () + 5 * G_TIME_SPAN_MILLISECOND;

      g_cond_wait_until (&s->changed, &s->lock, deadline);
      if (ps_exec_should_stop (s->exec))
        s->stopped = TRUE;
    }
  ok = !s->stopped && s->next_claim < s->n_chunks;
  if (ok)
    *chunk = s->next_claim++;
  g_mutex_unlock (&s->lock);
  return ok;
}

/* Marks chunk @k's slot ready and, unless another thread is at it, commits every
 * ready chunk in order. Commits (which write rows) run outside the lock, so the other
 * threads keep computing meanwhile. */
static void
finish (Schedule *s, guint64 k)
{
  g_mutex_lock (&s->lock);
  s->slots[k % s->n_slots].ready = TRUE;
  if (!s->committing)
    {
      s->committing = TRUE;
      while (!s->stopped && s->next_commit < s->n_chunks
             && s->slots[s->next_commit % s->n_slots].ready)
        {
          guint64 c = s->next_commit;
          Slot *slot = &s->slots[c % s->n_slots];

          g_mutex_unlock (&s->lock);
          ps_exec_commit_chunk (s->exec, c, slot->summary, &slot->errors, &slot->rows);
          g_mutex_lock (&s->lock);
          slot->ready = FALSE;
          s->next_commit = c + 1;
          if (ps_exec_should_stop (s->exec))
            s->stopped = TRUE;
          g_cond_broadcast (&s->changed);
        }
      s->committing = FALSE;
    }
  g_mutex_unlock (&s->lock);
}

static void
stop_all (Schedule *s)
{
  g_mutex_lock (&s->lock);
  s->stopped = TRUE;
  g_cond_broadcast (&s->changed);
  g_mutex_unlock (&s->lock);
}

/* Chunks are claimed in order and committed in order; results that finish early wait
 * in a bounded set of slots. On a stop every thread leaves at once. */
static gboolean
threads_execute (PsExec *exec, int workers, GError **error)
{
  const PsStudy *study = ps_exec_get_study (exec);
  Schedule s = { 0 };
  guint64 left;
  int team = workers;

  s.exec = exec;
  s.n_chunks = ps_exec_get_n_chunks (exec);
  s.next_claim = s.next_commit = ps_exec_get_first_chunk (exec);
  /* No more threads and slots than chunks. A thread that can get no chunk only costs
   * its start and the barrier at the end: on a busy machine the wake-up of an idle
   * thread, then libgomp's spinning wait for it, took about 40 ms. Each slot's rows
   * buffer is a 64 KiB allocation, which glibc takes from and gives back to the system
   * (brk, page faults, TLB shootdowns) on every run. Both made a study of many short
   * runs, FORM's rounds of one point (one chunk) each, 35 times slower on two workers
   * than on one (bench/reliability/README.md). */
  left = s.n_chunks - s.next_claim;
  if ((guint64)team > left)
    team = left > 0 ? (int)left : 1;
  s.n_slots = MIN ((guint64)team * SLOTS_PER_THREAD, MAX (left, 1));
  s.slots = g_new0 (Slot, s.n_slots);
  for (guint64 i = 0; i < s.n_slots; i++)
    {
      s.slots[i].summary = g_malloc (study->klass->summary_size);
      ps_errors_init (&s.slots[i].errors);
      ps_buf_init (&s.slots[i].rows, 1 << 16);
    }
  g_mutex_init (&s.lock);
  g_cond_init (&s.changed);

#pragma omp parallel num_threads(team)
  {
    gpointer workspace = study->klass->workspace_new (study);
    guint64 k;

    while (claim (&s, &k))
      {
        Slot *slot = &s.slots[k % s.n_slots];

        if (ps_exec_should_stop (exec))
          {
            stop_all (&s);
            break;
          }
        ps_exec_eval_chunk (exec, k, workspace, slot->summary, &slot->errors, &slot->rows);
        finish (&s, k);
      }
    study->klass->workspace_free (workspace);
  }

  for (guint64 i = 0; i < s.n_slots; i++)
    {
      g_free (s.slots[i].summary);
      ps_errors_clear (&s.slots[i].errors);
      ps_buf_clear (&s.slots[i].rows);
    }
  g_free (s.slots);
  g_mutex_clear (&s.lock);
  g_cond_clear (&s.changed);
  return TRUE;
}

const PsBackend ps_backend_threads = {
  .name = "threads",
  .label = N_ ("Threads"),
  .description = N_ ("CPU threads (OpenMP), dynamic chunks"),
  .is_available = threads_is_available,
  .default_workers = threads_default_workers,
  .execute = threads_execute,
};
