#define _GNU_SOURCE /* memfd_create, mremap */
#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ps-chunk-result.h"
#include "ps-run.h"
#include "ps-worker.h"
#include "study/ps-study-private.h"

#define CMD_FD 0
#define REPLY_FD 1
#define ARENA_FD 3

gboolean
ps_worker_recv (int fd, void *data, gsize length)
{
  guint8 *p = data;

  while (length > 0)
    {
      ssize_t n = recv (fd, p, length, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      p += n;
      length -= (gsize)n;
    }
  return TRUE;
}

gboolean
ps_worker_send (int fd, const void *data, gsize length)
{
  const guint8 *p = data;

  while (length > 0)
    {
      ssize_t n = send (fd, p, length, MSG_NOSIGNAL);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      p += n;
      length -= (gsize)n;
    }
  return TRUE;
}

static int
reply_failed (const char *message)
{
  PsWorkerReply r = { 0 };

  r.type = PS_WORKER_FAILED;
  r.message_length = (guint32)strlen (message);
  ps_worker_send (REPLY_FD, &r, sizeof r);
  ps_worker_send (REPLY_FD, message, r.message_length);
  return 1;
}

typedef struct
{
  guint8 *map;
  gsize size;
} Arena;

static gboolean
arena_reserve (Arena *a, gsize need)
{
  gsize size = a->size ? a->size : 1 << 20;
  void *map;

  if (need <= a->size)
    return TRUE;
  while (size < need)
    size *= 2;
  if (ftruncate (ARENA_FD, (off_t)size) != 0)
    return FALSE;
  if (a->map != NULL)
    map = mremap (a->map, a->size, size, MREMAP_MAYMOVE);
  else
    map = mmap (NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, ARENA_FD, 0);
  if (map == MAP_FAILED)
    return FALSE;
  a->map = map;
  a->size = size;
  return TRUE;
}

/* Test hook: PARASTUDY_WORKER_CRASH_CHUNK=K makes every worker die by SIGSEGV when
 * asked for chunk K, PARASTUDY_WORKER_HANG_CHUNK=K makes it sleep forever there;
 * the tests of crash and timeout handling use them. */
static gint64
env_chunk (const char *name)
{
  const char *v = g_getenv (name);

  return v != NULL && *v != '\0' ? g_ascii_strtoll (v, NULL, 10) : -1;
}

int
ps_worker_main (void)
{
  g_autoptr (PsStudy) study = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  gint64 crash_chunk = env_chunk ("PARASTUDY_WORKER_CRASH_CHUNK");
  gint64 hang_chunk = env_chunk ("PARASTUDY_WORKER_HANG_CHUNK");
  PsWorkerHello hello;
  PsWorkerReply ready = { 0 };
  Arena arena = { NULL, 0 };
  gpointer workspace, summary;
  PsErrors errors;
  PsBuf rows;
  int status = 0;

  /* A worker never outlives its run. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  signal (SIGPIPE, SIG_IGN);

  if (!ps_worker_recv (CMD_FD, &hello, sizeof hello) || hello.magic != PS_WORKER_MAGIC)
    return reply_failed (_ ("parastudy-worker: no study received (it is started by a run)"));
  if (hello.protocol != PS_WORKER_PROTOCOL)
    return reply_failed (_ ("parastudy-worker: protocol version mismatch with the program"));
  text = g_malloc (hello.text_length + 1u);
  if (!ps_worker_recv (CMD_FD, text, hello.text_length))
    return 1;
  text[hello.text_length] = '\0';
  if (hello.path_length > 0)
    {
      path = g_malloc (hello.path_length + 1u);
      if (!ps_worker_recv (CMD_FD, path, hello.path_length))
        return 1;
      path[hello.path_length] = '\0';
    }
  study = ps_study_load_internal (text, hello.text_length, path, &error);
  if (study == NULL)
    return reply_failed (error->message);
  if (!ps_study_set_items (study, hello.n_items, &error))
    return reply_failed (error->message);

  workspace = study->klass->workspace_new (study);
  summary = g_malloc (study->klass->summary_size);
  ps_errors_init (&errors);
  ps_buf_init (&rows, 1 << 16);

  ready.type = PS_WORKER_READY;
  if (!ps_worker_send (REPLY_FD, &ready, sizeof ready))
    status = 1;
  while (status == 0)
    {
      PsWorkerCommand cmd;
      PsWorkerReply r = { 0 };
      gsize eb, total;
      guint8 *p;

      if (!ps_worker_recv (CMD_FD, &cmd, sizeof cmd) || cmd.type == PS_WORKER_QUIT)
        break;
      if (cmd.type != PS_WORKER_EVAL)
        {
          status = reply_failed (_ ("parastudy-worker: unknown command"));
          break;
        }
      if ((gint64)cmd.chunk == crash_chunk)
        raise (SIGSEGV);
      if ((gint64)cmd.chunk == hang_chunk)
        for (;;)
          pause ();

      ps_study_eval_chunk (study, hello.chunk_items, cmd.chunk, (PsRowsMode)hello.rows_mode,
                           workspace, summary, &errors, &rows);
      eb = ps_chunk_result_errors_size (&errors);
      total = study->klass->summary_size + eb + rows.len;
      if (!arena_reserve (&arena, cmd.offset + total))
        {
          status
              = reply_failed (_ ("parastudy-worker: out of shared memory for a chunk's results"));
          break;
        }
      p = arena.map + cmd.offset;
      memcpy (p, summary, study->klass->summary_size);
      p += study->klass->summary_size;
      ps_chunk_result_errors_write (&errors, p);
      p += eb;
      memcpy (p, rows.data, rows.len);

      r.type = PS_WORKER_DONE;
      r.chunk = cmd.chunk;
      r.offset = cmd.offset;
      r.summary_bytes = study->klass->summary_size;
      r.errors_bytes = eb;
      r.rows_bytes = rows.len;
      r.arena_bytes = arena.size;
      if (!ps_worker_send (REPLY_FD, &r, sizeof r))
        status = 1;
    }

  if (arena.map != NULL)
    munmap (arena.map, arena.size);
  study->klass->workspace_free (workspace);
  g_free (summary);
  ps_errors_clear (&errors);
  ps_buf_clear (&rows);
  return status;
}

char *
ps_worker_find_executable (char **reason)
{
  const char *env = g_getenv ("PARASTUDY_WORKER");
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *beside = NULL;

  if (env != NULL && *env != '\0')
    {
      if (g_file_test (env, G_FILE_TEST_IS_EXECUTABLE))
        return g_strdup (env);
      if (reason != NULL)
        *reason = g_strdup_printf (_ ("PARASTUDY_WORKER=%s is not an executable file"), env);
      return NULL;
    }
  if (self != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self);

      beside = g_build_filename (dir, "parastudy-worker", NULL);
      if (g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&beside);
    }
  if (g_file_test (PS_LIBEXECDIR "/parastudy-worker", G_FILE_TEST_IS_EXECUTABLE))
    return g_strdup (PS_LIBEXECDIR "/parastudy-worker");
  if (g_file_test (PS_BUILD_WORKER, G_FILE_TEST_IS_EXECUTABLE))
    return g_strdup (PS_BUILD_WORKER);
  if (reason != NULL)
    *reason = g_strdup_printf (_ ("parastudy-worker was not found beside the program, in %s or "
                                  "in PARASTUDY_WORKER"),
                               PS_LIBEXECDIR);
  return NULL;
}
