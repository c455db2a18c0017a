#define _GNU_SOURCE /* memfd_create, mremap */
#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ps-backend.h"
#include "ps-error.h"
#include "ps-chunk-result.h"
#include "ps-worker.h"
#include "study/ps-study-private.h"

extern char **environ;

/* The most chunks handed out beyond the oldest uncommitted one, per worker: finished
 * chunks wait in their worker's arena until their turn to be committed, so this bounds
 * the shared memory a slow chunk can make the others fill. */
#define WINDOW_PER_WORKER 4

/* How long a worker has to say it is ready, and to leave after being told to. */
#define START_TIMEOUT_US (30 * G_USEC_PER_SEC)
#define QUIT_TIMEOUT_US (2 * G_USEC_PER_SEC)

typedef struct
{
  pid_t pid; /* 0 once reaped */
  int sock;  /* -1 once closed */
  int arena_fd;
  guint8 *map;
  gsize map_size;
  gboolean ready;
  gint64 started_us; /* when it was spawned, or given its current chunk */
  gint64 alive_us;   /* it was alive after this time: it answered a message sent then */
  gint64 chunk;      /* the chunk it is computing, or -1 */
  guint held;        /* finished chunks of its arena not yet committed */
  guint64 held_end;  /* where the last of them ends */
} Worker;

typedef struct
{
  guint worker;
  guint64 offset;
  guint64 summary_bytes, errors_bytes, rows_bytes;
} Result;

typedef struct
{
  guint64 chunk;
  gint64 failed_us;
} Retry;

typedef struct
{
  PsExec *exec;
  const PsStudy *study;
  char *executable;
  GArray *workers; /* Worker; dead ones stay while their arena holds results */
  int target;      /* live workers wanted */
  guint64 n_chunks;
  guint64 next_chunk; /* next never-assigned chunk */
  guint64 next_commit;
  GQueue retry;         /* chunks to run again, as GUINT_TO_POINTER (chunk + 1) */
  GHashTable *results;  /* chunk -> Result, finished and not yet committed */
  GHashTable *failures; /* chunk -> times its worker died on it */
  GError *error;
  guint64 workers_rss;
  double workers_cpu; /* user + system time of the reaped workers, s */
} Pool;

static gboolean
processes_is_available (char **reason)
{
  g_autofree char *exe = ps_worker_find_executable (reason);

  return exe != NULL;
}

static int
processes_default_workers (void)
{
  return (int)g_get_num_processors ();
}

static char *
describe_status (int status)
{
  if (WIFSIGNALED (status))
    /* TRANSLATORS: completes "its worker %s" and "a worker process %s before it was
     * ready"; %s is the signal's name. */
    return g_strdup_printf (_ ("was killed by signal %d (%s)"), WTERMSIG (status),
                            g_strsignal (WTERMSIG (status)));
  if (WIFEXITED (status))
    return g_strdup_printf (_ ("exited with status %d"), WEXITSTATUS (status));
  return g_strdup (_ ("stopped"));
}

static double
rusage_seconds (const struct rusage *ru)
{
  return (double)ru->ru_utime.tv_sec + 1e-6 * (double)ru->ru_utime.tv_usec
         + (double)ru->ru_stime.tv_sec + 1e-6 * (double)ru->ru_stime.tv_usec;
}

/* Reaps @w, waiting at most @timeout_us before killing it. Returns its status. */
static int
reap (Pool *pool, Worker *w, gint64 timeout_us)
{
  gint64 deadline = g_get_monotonic_time () + timeout_us;
  int status = 0;

  if (w->pid == 0)
    return 0;
  for (;;)
    {
      struct rusage ru;
      pid_t r = wait4 (w->pid, &status, WNOHANG, &ru);

      if (r == w->pid)
        {
          pool->workers_rss += (guint64)ru.ru_maxrss * 1024u;
          pool->workers_cpu += rusage_seconds (&ru);
          break;
        }
      if (r < 0 && errno != EINTR)
        break;
      if (g_get_monotonic_time () >= deadline)
        {
          kill (w->pid, SIGKILL);
          deadline = G_MAXINT64;
          r = wait4 (w->pid, &status, 0, &ru);
          if (r == w->pid)
            {
              pool->workers_rss += (guint64)ru.ru_maxrss * 1024u;
              pool->workers_cpu += rusage_seconds (&ru);
            }
          break;
        }
      g_usleep (1000);
    }
  w->pid = 0;
  return status;
}

static void
close_worker (Worker *w)
{
  if (w->sock >= 0)
    close (w->sock);
  w->sock = -1;
  w->chunk = -1;
  w->ready = FALSE;
}

static void
release_arena (Worker *w)
{
  if (w->map != NULL)
    munmap (w->map, w->map_size);
  w->map = NULL;
  w->map_size = 0;
  if (w->arena_fd >= 0)
    close (w->arena_fd);
  w->arena_fd = -1;
}

static gboolean
spawn_worker (Pool *pool, GError **error)
{
  const PsStudy *study = pool->study;
  Worker w = { 0 };
  int sv[2];
  posix_spawn_file_actions_t fa;
  char *argv[] = { pool->executable, NULL };
  PsWorkerHello hello = { 0 };
  int rc;

  w.sock = -1;
  w.arena_fd = -1;
  w.chunk = -1;
  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
    {
      int saved = errno;

      g_set_error (error, PS_ERROR, PS_ERROR_FAILED, _ ("cannot create a worker's channel: %s"),
                   g_strerror (saved));
      return FALSE;
    }
  w.arena_fd = memfd_create ("parastudy-arena", MFD_CLOEXEC);
  if (w.arena_fd < 0)
    {
      int saved = errno;

      close (sv[0]);
      close (sv[1]);
      g_set_error (error, PS_ERROR, PS_ERROR_FAILED, _ ("cannot create shared memory: %s"),
                   g_strerror (saved));
      return FALSE;
    }

  posix_spawn_file_actions_init (&fa);
  posix_spawn_file_actions_adddup2 (&fa, sv[1], 0);
  posix_spawn_file_actions_adddup2 (&fa, sv[1], 1);
  posix_spawn_file_actions_adddup2 (&fa, w.arena_fd, 3);
  rc = posix_spawn (&w.pid, pool->executable, &fa, NULL, argv, environ);
  posix_spawn_file_actions_destroy (&fa);
  close (sv[1]);
  if (rc != 0)
    {
      close (sv[0]);
      close (w.arena_fd);
      g_set_error (error, PS_ERROR, PS_ERROR_FAILED, _ ("cannot start %s: %s"), pool->executable,
                   g_strerror (rc));
      return FALSE;
    }
  w.sock = sv[0];
  w.started_us = g_get_monotonic_time ();

  hello.magic = PS_WORKER_MAGIC;
  hello.protocol = PS_WORKER_PROTOCOL;
  hello.n_items = study->n_items;
  hello.chunk_items = ps_exec_get_chunk_items (pool->exec);
  hello.rows_mode = (guint32)ps_exec_get_options (pool->exec)->rows;
  hello.text_length = (guint32)study->text_length;
  hello.path_length = study->path ? (guint32)strlen (study->path) : 0;
  /* A worker that dies before reading all of this is found by the poll loop. */
  if (ps_worker_send (w.sock, &hello, sizeof hello)
      && ps_worker_send (w.sock, study->text, study->text_length) && hello.path_length > 0)
    ps_worker_send (w.sock, study->path, hello.path_length);
  g_array_append_val (pool->workers, w);
  return TRUE;
}

static int
live_workers (Pool *pool)
{
  int n = 0;

  for (guint i = 0; i < pool->workers->len; i++)
    n += g_array_index (pool->workers, Worker, i).sock >= 0;
  return n;
}

static void
fail (Pool *pool, GError *error)
{
  if (pool->error == NULL)
    pool->error = error;
  else
    g_error_free (error);
}

/* A worker died or was killed: its chunk goes to another worker, once. */
static void
worker_lost (Pool *pool, guint index, const char *why)
{
  Worker *w = &g_array_index (pool->workers, Worker, index);
  gint64 chunk = w->chunk;
  gboolean was_ready = w->ready;
  int status;
  g_autofree char *how = NULL;

  close_worker (w);
  if (w->pid != 0)
    kill (w->pid, SIGKILL);
  status = reap (pool, w, QUIT_TIMEOUT_US);
  how = why ? g_strdup (why) : describe_status (status);
  if (w->held == 0)
    release_arena (w);

  if (chunk >= 0)
    {
      guint64 cs = ps_exec_get_chunk_items (pool->exec);
      guint times
          = GPOINTER_TO_UINT (g_hash_table_lookup (pool->failures, GSIZE_TO_POINTER (chunk)));

      if (++times >= 2)
        {
          fail (pool,
                g_error_new (
                    PS_ERROR, PS_ERROR_FAILED,
                    _ ("chunk %lld (items %llu to %llu) failed twice: its worker %s"),
                    (long long)chunk, (unsigned long long)((guint64)chunk * cs),
                    (unsigned long long)(MIN (pool->study->n_items, ((guint64)chunk + 1) * cs) - 1),
                    how));
          return;
        }
      Retry *retry = g_new (Retry, 1);

      retry->chunk = (guint64)chunk;
      retry->failed_us = g_get_monotonic_time ();
      g_hash_table_insert (pool->failures, GSIZE_TO_POINTER (chunk), GUINT_TO_POINTER (times));
      g_queue_push_tail (&pool->retry, retry);
      g_debug ("worker %d %s on chunk %" G_GINT64_FORMAT "; retrying it", (int)index, how, chunk);
    }
  else if (!was_ready)
    {
      fail (pool, g_error_new (PS_ERROR, PS_ERROR_FAILED,
                               _ ("a worker process %s before it was ready"), how));
      return;
    }
}

static gboolean
map_arena (Pool *pool, Worker *w, gsize size)
{
  void *map;

  if (size <= w->map_size)
    return TRUE;
  if (w->map != NULL)
    munmap (w->map, w->map_size);
  map = mmap (NULL, size, PROT_READ, MAP_SHARED, w->arena_fd, 0);
  if (map == MAP_FAILED)
    {
      int saved = errno;

      w->map = NULL;
      w->map_size = 0;
      fail (pool, g_error_new (PS_ERROR, PS_ERROR_FAILED, _ ("cannot map a worker's results: %s"),
                               g_strerror (saved)));
      return FALSE;
    }
  w->map = map;
  w->map_size = size;
  return TRUE;
}

static void
commit_ready (Pool *pool)
{
  for (;;)
    {
      Result *r = g_hash_table_lookup (pool->results, GSIZE_TO_POINTER (pool->next_commit));
      Worker *w;
      PsErrors errors;
      PsBuf rows;
      const guint8 *base;

      if (r == NULL || pool->error != NULL)
        return;
      w = &g_array_index (pool->workers, Worker, r->worker);
      base = w->map + r->offset;
      if (!ps_chunk_result_errors_read (base + r->summary_bytes, r->errors_bytes, &errors))
        {
          fail (pool, g_error_new (PS_ERROR, PS_ERROR_FAILED,
                                   _ ("the result of chunk %llu from its worker is malformed"),
                                   (unsigned long long)pool->next_commit));
          return;
        }
      rows.data = (char *)(base + r->summary_bytes + r->errors_bytes);
      rows.len = r->rows_bytes;
      rows.cap = r->rows_bytes;
      /* Merged straight from the arena: merges only read the partial summary, and
       * results start on PS_WORKER_ALIGN boundaries of a page-aligned mapping. */
      ps_exec_commit_chunk (pool->exec, pool->next_commit, base, &errors, &rows);
      ps_errors_clear (&errors);
      g_hash_table_remove (pool->results, GSIZE_TO_POINTER (pool->next_commit));
      pool->next_commit++;
      if (--w->held == 0)
        {
          w->held_end = 0;
          if (w->sock < 0)
            release_arena (w);
        }
    }
}

static void
handle_reply (Pool *pool, guint index)
{
  Worker *w = &g_array_index (pool->workers, Worker, index);
  PsWorkerReply r;

  if (!ps_worker_recv (w->sock, &r, sizeof r))
    {
      worker_lost (pool, index, NULL);
      return;
    }
  switch (r.type)
    {
    case PS_WORKER_READY:
      w->ready = TRUE;
      w->alive_us = w->started_us;
      return;
    case PS_WORKER_DONE:
      {
        Result *res;

        if ((gint64)r.chunk != w->chunk || !map_arena (pool, w, r.arena_bytes))
          {
            if (pool->error == NULL)
              worker_lost (pool, index, _ ("answered for the wrong chunk"));
            return;
          }
        res = g_new (Result, 1);
        res->worker = index;
        res->offset = r.offset;
        res->summary_bytes = r.summary_bytes;
        res->errors_bytes = r.errors_bytes;
        res->rows_bytes = r.rows_bytes;
        if (r.summary_bytes != pool->study->klass->summary_size
            || r.offset + r.summary_bytes + r.errors_bytes + r.rows_bytes > w->map_size)
          {
            g_free (res);
            worker_lost (pool, index, _ ("sent a malformed result"));
            return;
          }
        w->alive_us = w->started_us;
        w->held++;
        w->held_end
            = (r.offset + r.summary_bytes + r.errors_bytes + r.rows_bytes + PS_WORKER_ALIGN - 1)
              & ~(guint64)(PS_WORKER_ALIGN - 1);
        w->chunk = -1;
        g_hash_table_insert (pool->results, GSIZE_TO_POINTER (r.chunk), res);
        commit_ready (pool);
        return;
      }
    case PS_WORKER_FAILED:
      {
        g_autofree char *msg = g_malloc0 (MIN (r.message_length, 4096u) + 1u);

        ps_worker_recv (w->sock, msg, MIN (r.message_length, 4096u));
        fail (pool,
              g_error_new (PS_ERROR, PS_ERROR_FAILED, _ ("a worker process failed: %s"), msg));
        close_worker (w);
        return;
      }
    default:
      worker_lost (pool, index, _ ("sent an unknown message"));
    }
}

/* The next chunk to hand out to @w, or -1. A chunk whose worker died goes only to a
 * worker known to have been alive since (it answered a message sent after the
 * death was noticed, or was started after it): when several workers are killed at
 * once (by the OOM killer, or a user), one that is dead but not yet noticed must not
 * cost the chunk its second and last try. Replacements for dead workers are always
 * started, so a retry always finds a worker. */
static gint64
next_chunk (Pool *pool, Worker *w, int live)
{
  for (GList *l = pool->retry.head; l != NULL; l = l->next)
    {
      Retry *r = l->data;

      if (w->alive_us > r->failed_us)
        {
          gint64 chunk = (gint64)r->chunk;

          g_queue_delete_link (&pool->retry, l);
          g_free (r);
          return chunk;
        }
    }
  if (pool->next_chunk >= pool->n_chunks
      || pool->next_chunk - pool->next_commit >= (guint64)live * WINDOW_PER_WORKER)
    return -1;
  return (gint64)pool->next_chunk++;
}

static void
dispatch (Pool *pool)
{
  int live = live_workers (pool);

  for (guint i = 0; i < pool->workers->len && pool->error == NULL; i++)
    {
      Worker *w = &g_array_index (pool->workers, Worker, i);
      PsWorkerCommand cmd = { 0 };
      gint64 chunk;

      if (w->sock < 0 || !w->ready || w->chunk >= 0)
        continue;
      chunk = next_chunk (pool, w, live);
      if (chunk < 0)
        continue;
      cmd.type = PS_WORKER_EVAL;
      cmd.chunk = (guint64)chunk;
      cmd.offset = w->held > 0 ? w->held_end : 0;
      w->chunk = chunk;
      w->started_us = g_get_monotonic_time ();
      if (!ps_worker_send (w->sock, &cmd, sizeof cmd))
        worker_lost (pool, i, NULL);
    }
}

static void
check_timeouts (Pool *pool, double chunk_timeout)
{
  gint64 now = g_get_monotonic_time ();

  for (guint i = 0; i < pool->workers->len && pool->error == NULL; i++)
    {
      Worker *w = &g_array_index (pool->workers, Worker, i);

      if (w->sock < 0)
        continue;
      if (!w->ready && now - w->started_us > START_TIMEOUT_US)
        {
          w->chunk = -1;
          worker_lost (pool, i, _ ("did not start in time"));
        }
      else if (w->chunk >= 0 && chunk_timeout > 0.0
               && (double)(now - w->started_us) * 1e-6 > chunk_timeout)
        {
          g_autofree char *why = g_strdup_printf (
              _ ("took longer than the chunk timeout (%g s) and was killed"), chunk_timeout);

          worker_lost (pool, i, why);
        }
    }
}

static void
shut_down (Pool *pool)
{
  PsWorkerCommand quit = { 0 };

  quit.type = PS_WORKER_QUIT;
  for (guint i = 0; i < pool->workers->len; i++)
    {
      Worker *w = &g_array_index (pool->workers, Worker, i);

      if (w->sock >= 0)
        {
          /* A worker in the middle of a chunk is not waited for. */
          if (w->chunk >= 0 && w->pid != 0)
            kill (w->pid, SIGKILL);
          else
            ps_worker_send (w->sock, &quit, sizeof quit);
        }
    }
  for (guint i = 0; i < pool->workers->len; i++)
    {
      Worker *w = &g_array_index (pool->workers, Worker, i);

      reap (pool, w, QUIT_TIMEOUT_US);
      close_worker (w);
      release_arena (w);
    }
}

/* Chunks go to whichever worker is free; results are committed in chunk order from
 * the workers' arenas. The calling thread only coordinates. */
static gboolean
processes_execute (PsExec *exec, int workers, GError **error)
{
  const PsRunOptions *options = ps_exec_get_options (exec);
  Pool pool = { 0 };
  g_autofree char *reason = NULL;
  GArray *fds = g_array_new (FALSE, FALSE, sizeof (struct pollfd));
  GArray *owners = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean ok = TRUE;

  pool.exec = exec;
  pool.study = ps_exec_get_study (exec);
  pool.n_chunks = ps_exec_get_n_chunks (exec);
  pool.next_chunk = pool.next_commit = ps_exec_get_first_chunk (exec);
  pool.target = (int)MIN ((guint64)workers, MAX (pool.n_chunks - pool.next_chunk, 1));
  pool.workers = g_array_new (FALSE, TRUE, sizeof (Worker));
  pool.results = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  pool.failures = g_hash_table_new (NULL, NULL);
  g_queue_init (&pool.retry);
  pool.executable = ps_worker_find_executable (&reason);
  if (pool.executable == NULL)
    pool.error = g_error_new (PS_ERROR, PS_ERROR_UNSUPPORTED, "%s", reason);
  else if (pool.study->text == NULL)
    pool.error = g_error_new (PS_ERROR, PS_ERROR_UNSUPPORTED,
                              _ ("the processes backend needs the study's text"));

  for (int i = 0; i < pool.target && pool.error == NULL; i++)
    spawn_worker (&pool, &pool.error);

  while (pool.error == NULL && pool.next_commit < pool.n_chunks && !ps_exec_should_stop (exec))
    {
      int live = live_workers (&pool);
      int n;

      /* Replace workers that died, so that a crash costs one chunk, not a worker. */
      while (live < pool.target && pool.error == NULL)
        if (spawn_worker (&pool, &pool.error))
          live++;
      if (pool.error != NULL)
        break;
      dispatch (&pool);

      g_array_set_size (fds, 0);
      g_array_set_size (owners, 0);
      for (guint i = 0; i < pool.workers->len; i++)
        {
          Worker *w = &g_array_index (pool.workers, Worker, i);
          struct pollfd p = { w->sock, POLLIN, 0 };

          if (w->sock < 0)
            continue;
          g_array_append_val (fds, p);
          g_array_append_val (owners, i);
        }
      n = poll ((struct pollfd *)fds->data, fds->len, 10);
      if (n < 0 && errno != EINTR)
        {
          int saved = errno;

          pool.error = g_error_new (PS_ERROR, PS_ERROR_FAILED, "poll: %s", g_strerror (saved));
          break;
        }
      for (guint j = 0; j < fds->len && n > 0 && pool.error == NULL; j++)
        {
          struct pollfd *p = &g_array_index (fds, struct pollfd, j);

          if (p->revents != 0)
            handle_reply (&pool, g_array_index (owners, guint, j));
        }
      check_timeouts (&pool, options->chunk_timeout);
    }

  shut_down (&pool);
  ps_exec_add_workers_rss (exec, pool.workers_rss);
  ps_exec_add_workers_cpu (exec, pool.workers_cpu);
  if (pool.error != NULL)
    {
      g_propagate_error (error, pool.error);
      ok = FALSE;
    }
  g_array_unref (pool.workers);
  g_array_unref (fds);
  g_array_unref (owners);
  g_hash_table_unref (pool.results);
  g_hash_table_unref (pool.failures);
  g_queue_clear_full (&pool.retry, g_free);
  g_free (pool.executable);
  return ok;
}

const PsBackend ps_backend_processes = {
  .name = "processes",
  .label = N_ ("Processes"),
  .description = N_ ("worker processes (parastudy-worker), results in shared memory"),
  .flags = PS_BACKEND_OUT_OF_PROCESS,
  .is_available = processes_is_available,
  .default_workers = processes_default_workers,
  .execute = processes_execute,
};
