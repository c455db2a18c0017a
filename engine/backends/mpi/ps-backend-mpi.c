/* The MPI backend: rank 0 hands chunks out, every rank computes them with OpenMP
 * threads, rank 0 commits the results in chunk order. See ps-backend-mpi.h.
 *
 * Messages (all on a duplicate of MPI_COMM_WORLD with MPI_ERRORS_RETURN, so that an
 * MPI error becomes a message instead of a silent abort):
 *
 *   rank 0 -> rank r   RUN (study text and path, items, chunk size, rows, threads),
 *                      EVAL (a batch of consecutive chunks), END_RUN, QUIT
 *   rank r -> rank 0   READY (its pid and host), RESULT (a batch's chunk results,
 *                      ps-chunk-result.h), FAILED (a message), BYE
 *
 * Rows: when the run writes a results file and rank 0 made a parts folder beside it
 * that a rank can see (a shared file system, or the same host), the rank appends its
 * chunks' rows to its own part file there (PARTS/rank-R.part) and a RESULT carries
 * only each chunk's offset and length in it (BATCH_ROWS_IN_PART). Rank 0 copies them
 * into the results file when it commits the chunk, one chunk at a time, so it holds
 * no other rank's rows beyond the one chunk it is copying; the file is written in
 * chunk order as on one machine. A rank that cannot see the folder sends its rows in
 * its results instead. The parts are removed when the run ends, however it ends.
 *
 * Each run has a number: a result that arrives after its run ended (the run stopped
 * early, adaptively or on a signal) is recognised and dropped. A rank holds up to
 * BATCHES_PER_RANK batches, so that it always has the next one while rank 0 is busy
 * with a chunk of its own (with two, two ranks on two cores reached 86 % of the
 * threads backend's speed; with four, 97 %); rank 0 keeps at most a window of chunks
 * handed out beyond the oldest uncommitted one, which bounds
 * the results (rows included) it holds at once.
 *
 * Waiting is done by probing and sleeping, never in a blocking MPI call that spins:
 * ranks often outnumber cores (mpirun --oversubscribe on a workstation), and a rank
 * with nothing to do must leave its core to one that computes.
 */
#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sched.h>
#include <mpi.h>
#include <omp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "ps-backend-mpi.h"
#include "ps-chunk-result.h"
#include "ps-error.h"
#include "ps-machine.h"
#include "ps-mpi-launch.h"
#include "study/ps-study-private.h"

#define PS_MPI_MAGIC 0x4d505350u /* "PSPM" */
#define PS_MPI_PROTOCOL 2

/* Batches a rank may hold (being computed or waiting). */
#define BATCHES_PER_RANK 4
/* Chunks handed out beyond the oldest uncommitted one, per computing thread. */
#define WINDOW_PER_THREAD 8
/* How long ranks have to load a study, and to leave when told to. */
#define READY_TIMEOUT_US (60 * G_USEC_PER_SEC)
#define QUIT_TIMEOUT_US (30 * G_USEC_PER_SEC)
/* How often rank 0 looks whether a rank on its own host has died. */
#define CHECK_INTERVAL_US (50 * G_TIME_SPAN_MILLISECOND)

enum
{
  TAG_RUN = 1,
  TAG_EVAL = 2,
  TAG_END_RUN = 3,
  TAG_QUIT = 4,
  TAG_READY = 16,
  TAG_RESULT = 17,
  TAG_FAILED = 18,
  TAG_BYE = 19,
};

typedef struct
{
  guint32 magic;
  guint32 protocol;
  guint64 run_id;
  guint64 n_items; /* the study's item count, which a scaling run may have changed */
  guint64 chunk_items;
  guint64 text_length;
  guint32 rows_mode;
  guint32 threads;
  guint32 path_length;  /* 0 when the study has no file */
  guint32 parts_length; /* the parts folder's path, 0 when rows travel in results */
} RunHeader;

/* BatchHeader.flags of a RESULT: each chunk's rows are a RowsRef into the sender's
 * part file. ReadyMessage.flags: the rank writes its rows to its part file. */
#define BATCH_ROWS_IN_PART 1u
#define READY_ROWS_IN_PART 1u

typedef struct
{
  guint64 offset;
  guint64 length;
} RowsRef;

/* EVAL and RESULT: a batch of chunks [first, first + count). */
typedef struct
{
  guint32 magic;
  guint32 flags;
  guint64 run_id;
  guint64 first;
  guint64 count;
  double cpu_seconds; /* RESULT: the rank's CPU time (user + system) since its run began */
} BatchHeader;

typedef struct
{
  guint32 magic;
  guint32 flags;
  guint64 run_id;
  gint64 pid;
  char host[64];
} ReadyMessage;

/* The MPI session is as global to the process as MPI itself. */
static struct
{
  gboolean initialized;
  gboolean finished;
  MPI_Comm comm;
  int rank, size;
  int threads; /* 0: the default */
  guint64 run_id;
  char *broken; /* why the job cannot go on, or NULL */
} session = { FALSE, FALSE, MPI_COMM_NULL, 0, 1, 0, 0, NULL };

/* ---- small helpers -------------------------------------------------------------- */

static char *
mpi_error_text (int rc)
{
  char text[MPI_MAX_ERROR_STRING];
  int len = 0;

  if (MPI_Error_string (rc, text, &len) != MPI_SUCCESS)
    return g_strdup_printf (_ ("MPI error %d"), rc);
  return g_strndup (text, (gsize)len);
}

static void
set_broken (const char *why)
{
  if (session.broken == NULL)
    session.broken = g_strdup (why);
}

/* Polls back to back for a little while, then yields the core between polls (a rank
 * that computes on it gets it at once), and after about a millisecond sleeps, 20 µs
 * doubling up to 1 ms: a rank that waits long costs next to nothing. */
static void
idle_pause (guint *idle)
{
  guint n = (*idle)++;

  if (n < 64)
    return;
  if (n < 2048)
    {
      sched_yield ();
      return;
    }
  g_usleep (MIN (20u << MIN ((n - 2048) / 4, 6u), 1000u));
}

static void
host_name (char *host, gsize size)
{
  if (gethostname (host, size) != 0)
    g_strlcpy (host, "?", size);
  host[size - 1] = '\0';
}

/* Whether process @pid of this host has ended (gone, or a zombie not yet reaped). */
static gboolean
pid_ended (gint64 pid)
{
  g_autofree char *path = NULL;
  g_autofree char *stat = NULL;
  const char *p;

  if (pid <= 0)
    return FALSE;
  if (kill ((pid_t)pid, 0) != 0 && errno == ESRCH)
    return TRUE;
  path = g_strdup_printf ("/proc/%" G_GINT64_FORMAT "/stat", pid);
  if (!g_file_get_contents (path, &stat, NULL, NULL))
    return FALSE;
  p = strrchr (stat, ')');
  return p != NULL && (p[2] == 'Z' || p[2] == 'X');
}

static int
default_threads (void)
{
  const char *env = g_getenv ("OMP_NUM_THREADS");
  gint64 v;

  if (env != NULL && *env != '\0')
    {
      g_auto (GStrv) parts = g_strsplit (env, ",", 2);

      if (g_ascii_string_to_signed (parts[0], 10, 1, 4096, &v, NULL))
        return (int)v;
    }
  return 1;
}

/* recv_message() gave up: @still_ok said to. */
#define RECV_ABANDONED (-1)

/* Receives the message @st announced into a new buffer. A large message is copied
 * from its sender while it is received; if the sender dies meanwhile the receive
 * never completes, so it is polled, and @still_ok (when not NULL) is asked now and
 * then whether to go on waiting. */
static int
recv_message (const MPI_Status *st, guint8 **data, gsize *length,
              gboolean (*still_ok) (gpointer user_data), gpointer user_data)
{
  MPI_Status probed = *st;
  MPI_Request request;
  int count = 0, done = 0;
  guint idle = 0;
  int rc = MPI_Get_count (&probed, MPI_BYTE, &count);

  *data = NULL;
  *length = 0;
  if (rc != MPI_SUCCESS)
    return rc;
  *data = g_malloc (MAX (count, 1));
  rc = MPI_Irecv (*data, count, MPI_BYTE, st->MPI_SOURCE, st->MPI_TAG, session.comm, &request);
  while (rc == MPI_SUCCESS)
    {
      rc = MPI_Test (&request, &done, MPI_STATUS_IGNORE);
      if (rc != MPI_SUCCESS || done)
        break;
      if (still_ok != NULL && idle % 64 == 63 && !still_ok (user_data))
        {
          /* The buffer stays with the request: the job is ending. */
          *data = NULL;
          return RECV_ABANDONED;
        }
      idle_pause (&idle);
    }
  if (rc != MPI_SUCCESS)
    g_clear_pointer (data, g_free);
  else
    *length = (gsize)count;
  return rc;
}

/* ---- part files (rows written by the rank that computed them) ---------------------- */

typedef struct
{
  int fd;
  char *path;    /* NULL: no part file */
  guint64 size;  /* bytes written */
  gboolean sync; /* NFS: flush each batch, so that rank 0 reads what was written */
} PartFile;

static char *
part_path (const char *parts_dir, int rank)
{
  g_autofree char *leaf = g_strdup_printf ("rank-%d.part", rank);

  return g_build_filename (parts_dir, leaf, NULL);
}

static void
part_close (PartFile *part)
{
  if (part->path != NULL && part->fd >= 0)
    close (part->fd);
  g_clear_pointer (&part->path, g_free);
  part->fd = -1;
  part->size = 0;
}

/* Creates this rank's part file in @parts_dir; FALSE (and no part file) when the
 * folder is not there, e.g. on another host without a shared file system. */
static gboolean
part_open (PartFile *part, const char *parts_dir, int rank)
{
  struct statfs fs;

  part_close (part);
  if (!g_file_test (parts_dir, G_FILE_TEST_IS_DIR))
    return FALSE;
  part->path = part_path (parts_dir, rank);
  part->fd = open (part->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (part->fd < 0)
    {
      g_clear_pointer (&part->path, g_free);
      return FALSE;
    }
  part->sync = fstatfs (part->fd, &fs) == 0 && fs.f_type == 0x6969; /* NFS_SUPER_MAGIC */
  return TRUE;
}

static gboolean
part_write (PartFile *part, const char *data, gsize length, GError **error)
{
  while (length > 0)
    {
      ssize_t n = pwrite (part->fd, data, length, (off_t)part->size);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = errno;
          char host[64];

          host_name (host, sizeof host);
          g_set_error (error, PS_ERROR, PS_ERROR_IO, _ ("writing rows to %s on %s: %s"), part->path,
                       host, n < 0 ? g_strerror (saved) : _ ("nothing written"));
          return FALSE;
        }
      data += n;
      length -= (gsize)n;
      part->size += (guint64)n;
    }
  return TRUE;
}

/* ---- evaluating batches (every rank) ---------------------------------------------- */

typedef struct
{
  gpointer summary;
  PsErrors errors;
  PsBuf rows;
} Slot;

typedef struct
{
  const PsStudy *study;
  guint64 chunk_items;
  PsRowsMode rows_mode;
  int threads;
  gpointer *workspaces; /* one per thread */
  Slot *slots;          /* one per chunk of a batch */
  double cpu0;          /* the process's CPU time when the run began */
} Evaluator;

static void
evaluator_init (Evaluator *ev, const PsStudy *study, guint64 chunk_items, PsRowsMode mode,
                int threads)
{
  ev->study = study;
  ev->chunk_items = chunk_items;
  ev->rows_mode = mode;
  ev->threads = threads;
  ev->workspaces = g_new0 (gpointer, threads);
  ev->slots = g_new0 (Slot, threads);
  ev->cpu0 = ps_cpu_seconds ();
  for (int t = 0; t < threads; t++)
    {
      ev->workspaces[t] = study->klass->workspace_new (study);
      ev->slots[t].summary = g_malloc (study->klass->summary_size);
      ps_errors_init (&ev->slots[t].errors);
      ps_buf_init (&ev->slots[t].rows, mode != PS_ROWS_NONE ? 1 << 16 : 64);
    }
}

static void
evaluator_clear (Evaluator *ev)
{
  if (ev->study == NULL)
    return;
  for (int t = 0; t < ev->threads; t++)
    {
      ev->study->klass->workspace_free (ev->workspaces[t]);
      g_free (ev->slots[t].summary);
      ps_errors_clear (&ev->slots[t].errors);
      ps_buf_clear (&ev->slots[t].rows);
    }
  g_free (ev->workspaces);
  g_free (ev->slots);
  memset (ev, 0, sizeof *ev);
}

/* Evaluates chunks [first, first + count), count <= threads, one per thread, and
 * appends a RESULT message (header and chunk results) to @out. With @part, the rows
 * go to the part file and the result holds where. */
static gboolean
evaluator_run (Evaluator *ev, guint64 run_id, guint64 first, guint64 count, PartFile *part,
               GByteArray *out, GError **error)
{
  BatchHeader h
      = { PS_MPI_MAGIC, part != NULL ? BATCH_ROWS_IN_PART : 0, run_id, first, count, 0.0 };

#pragma omp parallel for num_threads(ev->threads) schedule(dynamic, 1) if (count > 1)
  for (gint64 i = 0; i < (gint64)count; i++)
    {
      Slot *s = &ev->slots[i];

      ps_study_eval_chunk (ev->study, ev->chunk_items, first + (guint64)i, ev->rows_mode,
                           ev->workspaces[omp_get_thread_num ()], s->summary, &s->errors, &s->rows);
    }
  h.cpu_seconds = ps_cpu_seconds () - ev->cpu0;
  g_byte_array_append (out, (const guint8 *)&h, sizeof h);
  for (guint64 i = 0; i < count; i++)
    {
      Slot *s = &ev->slots[i];
      RowsRef ref;
      PsBuf ref_buf = { (char *)&ref, sizeof ref, sizeof ref };

      if (part != NULL)
        {
          ref.offset = part->size;
          ref.length = s->rows.len;
          if (!part_write (part, s->rows.data, s->rows.len, error))
            return FALSE;
        }
      ps_chunk_result_append (out, first + i, s->summary, ev->study->klass->summary_size,
                              &s->errors, part != NULL ? &ref_buf : &s->rows);
    }
  if (part != NULL && part->sync && fdatasync (part->fd) != 0)
    {
      int saved = errno;

      g_set_error (error, PS_ERROR, PS_ERROR_IO, _ ("writing rows to %s: %s"), part->path,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* ---- the other ranks ---------------------------------------------------------------- */

typedef struct
{
  MPI_Request request;
  GByteArray *data;
} Send;

typedef struct
{
  PsStudy *study;
  guint64 run_id;
  Evaluator ev;
  GQueue batches; /* BatchHeader *, in the order received */
  GPtrArray *sends;
  PartFile part;
} Server;

/* Test hooks: PARASTUDY_MPI_KILL_CHUNK=K makes a rank other than 0 kill itself
 * (SIGKILL) when it is to compute a chunk numbered K or more, PARASTUDY_MPI_HANG_CHUNK=K
 * makes it stop there for good; PARASTUDY_MPI_FAIL_RANK=R limits that to rank R. The
 * tests of failures use them. */
static gint64
env_chunk (const char *name)
{
  const char *v = g_getenv (name);

  return v != NULL && *v != '\0' ? g_ascii_strtoll (v, NULL, 10) : -1;
}

static void
server_end_run (Server *s)
{
  evaluator_clear (&s->ev);
  g_clear_pointer (&s->study, ps_study_free);
  g_queue_clear_full (&s->batches, g_free);
  part_close (&s->part);
}

static int
send_failed (guint64 run_id, const char *message)
{
  gsize len = strlen (message);
  g_autofree guint8 *buf = g_malloc (sizeof run_id + len);

  memcpy (buf, &run_id, sizeof run_id);
  memcpy (buf + sizeof run_id, message, len);
  return MPI_Send (buf, (int)(sizeof run_id + len), MPI_BYTE, 0, TAG_FAILED, session.comm);
}

/* RUN: loads the study and answers READY, or FAILED with the reason. */
static int
server_start_run (Server *s, const guint8 *msg, gsize length)
{
  g_autoptr (GError) error = NULL;
  RunHeader h;
  ReadyMessage ready = { 0 };
  const char *text, *path_bytes;
  g_autofree char *path = NULL;

  server_end_run (s);
  if (length < sizeof h)
    return send_failed (0, "a malformed study message");
  memcpy (&h, msg, sizeof h);
  s->run_id = h.run_id;
  if (h.magic != PS_MPI_MAGIC || h.protocol != PS_MPI_PROTOCOL)
    return send_failed (h.run_id, "this rank runs another version of parastudy-cli");
  if (h.text_length > length - sizeof h || h.path_length > length - sizeof h - h.text_length
      || h.parts_length > length - sizeof h - h.text_length - h.path_length || h.threads < 1
      || h.threads > 4096)
    return send_failed (h.run_id, "a malformed study message");
  text = (const char *)msg + sizeof h;
  path_bytes = text + h.text_length;
  if (h.path_length > 0)
    path = g_strndup (path_bytes, h.path_length);
  s->study = ps_study_load_internal (text, (gssize)h.text_length, path, &error);
  if (s->study == NULL || !ps_study_set_items (s->study, h.n_items, &error))
    {
      g_autofree char *host = g_malloc0 (64);
      g_autofree char *why = NULL;

      host_name (host, 64);
      why = g_strdup_printf (_ ("cannot load the study on %s: %s"), host, error->message);
      g_clear_pointer (&s->study, ps_study_free);
      return send_failed (h.run_id, why);
    }
  evaluator_init (&s->ev, s->study, h.chunk_items, (PsRowsMode)h.rows_mode, (int)h.threads);
  if (h.parts_length > 0 && (PsRowsMode)h.rows_mode != PS_ROWS_NONE)
    {
      g_autofree char *parts = g_strndup (path_bytes + h.path_length, h.parts_length);

      if (part_open (&s->part, parts, session.rank))
        ready.flags |= READY_ROWS_IN_PART;
    }

  ready.magic = PS_MPI_MAGIC;
  ready.run_id = h.run_id;
  ready.pid = (gint64)getpid ();
  host_name (ready.host, sizeof ready.host);
  return MPI_Send (&ready, sizeof ready, MPI_BYTE, 0, TAG_READY, session.comm);
}

/* Frees the buffers of finished sends; with @all, waits for every send. */
static int
server_reap_sends (Server *s, gboolean all)
{
  for (guint i = 0; i < s->sends->len;)
    {
      Send *send = g_ptr_array_index (s->sends, i);
      int done = 0;
      int rc = all ? MPI_Wait (&send->request, MPI_STATUS_IGNORE)
                   : MPI_Test (&send->request, &done, MPI_STATUS_IGNORE);

      if (rc != MPI_SUCCESS)
        return rc;
      if (all || done)
        {
          g_byte_array_unref (send->data);
          g_free (send);
          g_ptr_array_remove_index (s->sends, i);
        }
      else
        i++;
    }
  return MPI_SUCCESS;
}

static int
server_eval (Server *s, const BatchHeader *b)
{
  static gint64 kill_chunk = -2, hang_chunk = -2, fail_rank = -2;
  g_autoptr (GError) error = NULL;
  guint64 last = b->first + b->count - 1;
  Send *send;
  int rc;

  if (kill_chunk == -2)
    {
      kill_chunk = env_chunk ("PARASTUDY_MPI_KILL_CHUNK");
      hang_chunk = env_chunk ("PARASTUDY_MPI_HANG_CHUNK");
      fail_rank = env_chunk ("PARASTUDY_MPI_FAIL_RANK");
    }
  if (fail_rank < 0 || fail_rank == session.rank)
    {
      if (kill_chunk >= 0 && last >= (guint64)kill_chunk)
        raise (SIGKILL);
      if (hang_chunk >= 0 && last >= (guint64)hang_chunk)
        for (;;)
          pause ();
    }

  send = g_new0 (Send, 1);
  send->data = g_byte_array_new ();
  if (!evaluator_run (&s->ev, s->run_id, b->first, b->count, s->part.path != NULL ? &s->part : NULL,
                      send->data, &error))
    {
      g_byte_array_unref (send->data);
      g_free (send);
      return send_failed (s->run_id, error->message);
    }
  if (send->data->len > INT_MAX)
    {
      g_byte_array_unref (send->data);
      g_free (send);
      return send_failed (s->run_id, "a batch of chunk results is larger than 2 GiB: use "
                                     "fewer --workers-per-rank or --rows none");
    }
  rc = MPI_Isend (send->data->data, (int)send->data->len, MPI_BYTE, 0, TAG_RESULT, session.comm,
                  &send->request);
  if (rc != MPI_SUCCESS)
    {
      g_byte_array_unref (send->data);
      g_free (send);
      return rc;
    }
  g_ptr_array_add (s->sends, send);
  return MPI_SUCCESS;
}

int
ps_mpi_serve (void)
{
  Server s = { 0 };
  guint idle = 0;
  int rc = MPI_SUCCESS;
  gboolean quit = FALSE;

  g_return_val_if_fail (session.initialized && session.rank != 0, 1);
  g_queue_init (&s.batches);
  s.sends = g_ptr_array_new ();
  s.part.fd = -1;
  while (!quit && rc == MPI_SUCCESS)
    {
      MPI_Status st;
      int flag = 0;

      rc = server_reap_sends (&s, FALSE);
      if (rc == MPI_SUCCESS)
        rc = MPI_Iprobe (0, MPI_ANY_TAG, session.comm, &flag, &st);
      if (rc != MPI_SUCCESS)
        break;
      if (flag)
        {
          g_autofree guint8 *msg = NULL;
          gsize length;

          idle = 0;
          rc = recv_message (&st, &msg, &length, NULL, NULL);
          if (rc != MPI_SUCCESS)
            break;
          switch (st.MPI_TAG)
            {
            case TAG_RUN:
              rc = server_start_run (&s, msg, length);
              break;
            case TAG_EVAL:
              if (length == sizeof (BatchHeader) && s.study != NULL)
                {
                  BatchHeader *b = g_new (BatchHeader, 1);

                  memcpy (b, msg, sizeof *b);
                  if (b->run_id == s.run_id && b->count >= 1 && b->count <= (guint64)s.ev.threads)
                    g_queue_push_tail (&s.batches, b);
                  else
                    g_free (b);
                }
              break;
            case TAG_END_RUN:
              server_end_run (&s);
              break;
            case TAG_QUIT:
              quit = TRUE;
              break;
            default:
              break;
            }
          continue;
        }
      if (!g_queue_is_empty (&s.batches) && s.sends->len < BATCHES_PER_RANK)
        {
          g_autofree BatchHeader *b = g_queue_pop_head (&s.batches);

          idle = 0;
          rc = server_eval (&s, b);
          continue;
        }
      idle_pause (&idle);
    }

  server_end_run (&s);
  if (rc == MPI_SUCCESS)
    rc = server_reap_sends (&s, TRUE);
  if (rc == MPI_SUCCESS)
    rc = MPI_Send (NULL, 0, MPI_BYTE, 0, TAG_BYE, session.comm);
  g_ptr_array_unref (s.sends);
  if (rc != MPI_SUCCESS)
    {
      g_autofree char *text = mpi_error_text (rc);

      g_printerr (_ ("parastudy-cli (MPI rank %d): %s\n"), session.rank, text);
      MPI_Abort (MPI_COMM_WORLD, 1);
      return 1;
    }
  session.finished = TRUE;
  MPI_Finalize ();
  return 0;
}

/* ---- rank 0 ------------------------------------------------------------------------- */

typedef struct
{
  guint64 first, count;
} Batch;

typedef struct
{
  int rank;
  gboolean ready;
  gint64 pid;
  char host[64];
  GQueue batches;       /* Batch *, handed out and not yet returned, oldest first */
  gint64 busy_since_us; /* when its oldest batch began */
  double cpu_seconds;   /* its CPU time in this run, as its last result said */
  char *part_path;      /* its part file, when it writes its rows there */
  int part_fd;          /* open for reading, or -1 */
} Peer;

typedef struct
{
  GBytes *bytes; /* the message it is in */
  PsChunkResultView view;
  Peer *rows_from; /* the rows are a RowsRef into this rank's part file, or NULL */
} Pending;

typedef struct
{
  PsExec *exec;
  const PsStudy *study;
  const PsRunOptions *options;
  guint64 run_id;
  guint64 n_chunks, chunk_items;
  int threads;
  Peer *peers; /* ranks 1 .. n_peers */
  int n_peers;
  gboolean local; /* rank 0 computes batches too */
  Evaluator ev;
  guint64 next_chunk, next_commit, window;
  GHashTable *pending; /* chunk -> Pending */
  char *parts_dir;     /* where ranks write their rows, or NULL */
  PartFile own_part;   /* rank 0's own rows, when it computes */
  Peer self;           /* rank 0 as the reader of own_part */
  PsBuf part_rows;     /* the chunk being copied from a part file */
  GError *error;
  char host[64];
  gint64 last_check_us;
} Coord;

static void
pending_free (gpointer data)
{
  Pending *p = data;

  g_bytes_unref (p->bytes);
  g_free (p);
}

static char *
describe_chunks (Coord *c, guint64 first, guint64 count)
{
  guint64 begin = first * c->chunk_items;
  guint64 end = MIN (c->study->n_items, (first + count) * c->chunk_items);

  if (count == 1)
    return g_strdup_printf (_ ("chunk %llu (items %llu–%llu)"), (unsigned long long)first,
                            (unsigned long long)begin, (unsigned long long)(end - 1));
  return g_strdup_printf (_ ("chunks %llu–%llu (items %llu–%llu)"), (unsigned long long)first,
                          (unsigned long long)(first + count - 1), (unsigned long long)begin,
                          (unsigned long long)(end - 1));
}

static char *
describe_peer (const Peer *p)
{
  if (p->pid > 0)
    return g_strdup_printf (_ ("rank %d (pid %lld on %s)"), p->rank, (long long)p->pid, p->host);
  return g_strdup_printf (_ ("rank %d"), p->rank);
}

/* What @p had been given and not returned, for a message: "chunk 5 (items …)", or
 * "no chunk". */
static char *
describe_work (Coord *c, const Peer *p)
{
  GString *out = g_string_new (NULL);

  for (GList *l = p->batches.head; l != NULL; l = l->next)
    {
      const Batch *b = l->data;
      g_autofree char *text = describe_chunks (c, b->first, b->count);

      g_string_append_printf (out, "%s%s", l == p->batches.head ? "" : _ (" and "), text);
    }
  if (out->len == 0)
    g_string_append (out, _ ("no chunk"));
  return g_string_free (out, FALSE);
}

static void
coord_fail (Coord *c, int code, char *message /* owned */)
{
  if (c->error == NULL)
    c->error = g_error_new_literal (PS_ERROR, code, message);
  g_free (message);
}

static void
coord_mpi_fail (Coord *c, int rc, const Peer *p)
{
  g_autofree char *text = mpi_error_text (rc);

  if (p != NULL)
    {
      g_autofree char *who = describe_peer (p);
      g_autofree char *work = describe_work (c, p);

      coord_fail (c, PS_ERROR_FAILED,
                  g_strdup_printf (_ ("MPI error with %s, which had %s: %s"), who, work, text));
    }
  else
    coord_fail (c, PS_ERROR_FAILED, g_strdup_printf (_ ("MPI error: %s"), text));
  set_broken (c->error->message);
}

static Peer *
peer_of (Coord *c, int rank)
{
  return rank >= 1 && rank <= c->n_peers ? &c->peers[rank - 1] : NULL;
}

/* Adds a RESULT message's chunks to the pending results. */
static void
take_results (Coord *c, Peer *p, GBytes *bytes)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  BatchHeader h;
  gsize offset = sizeof h;
  Batch *b;
  Peer *rows_from = NULL;

  if (length < sizeof h)
    goto malformed;
  memcpy (&h, data, sizeof h);
  if (h.magic != PS_MPI_MAGIC)
    goto malformed;
  if (h.run_id != c->run_id)
    return; /* a result of an earlier run that stopped early */
  if (h.flags & BATCH_ROWS_IN_PART)
    {
      rows_from = p != NULL ? p : &c->self;
      if (rows_from->part_path == NULL)
        goto malformed;
    }
  if (p != NULL)
    {
      b = g_queue_peek_head (&p->batches);
      if (b == NULL || b->first != h.first || b->count != h.count)
        goto malformed;
      g_free (g_queue_pop_head (&p->batches));
      p->busy_since_us = g_get_monotonic_time ();
      p->cpu_seconds = MAX (p->cpu_seconds, h.cpu_seconds);
    }
  for (guint64 k = 0; k < h.count; k++)
    {
      Pending *pending = g_new (Pending, 1);

      if (!ps_chunk_result_next (data, length, &offset, &pending->view)
          || pending->view.chunk != h.first + k
          || pending->view.summary_bytes != c->study->klass->summary_size
          || (rows_from != NULL && pending->view.rows_bytes != sizeof (RowsRef)))
        {
          g_free (pending);
          goto malformed;
        }
      pending->rows_from = rows_from;
      pending->bytes = g_bytes_ref (bytes);
      g_hash_table_insert (c->pending, GSIZE_TO_POINTER (pending->view.chunk), pending);
    }
  return;

malformed:
  {
    g_autofree char *who = p != NULL ? describe_peer (p) : g_strdup_printf (_ ("rank %d"), 0);

    coord_fail (c, PS_ERROR_FAILED, g_strdup_printf (_ ("%s sent a malformed result"), who));
    set_broken (c->error->message);
  }
}

/* Reads the rows @ref names from @p's part file into c->part_rows. The file was
 * written before the result was sent; a short read (a network file system that has
 * not shown the new bytes yet) is retried on a fresh descriptor for about a second. */
static gboolean
read_part_rows (Coord *c, Peer *p, guint64 chunk, const RowsRef *ref)
{
  gsize done = 0;
  int saved = 0;

  c->part_rows.len = 0;
  ps_buf_reserve (&c->part_rows, ref->length);
  for (int attempt = 0; attempt < 100 && done < ref->length; attempt++)
    {
      if (attempt > 0)
        {
          close (p->part_fd);
          p->part_fd = -1;
          g_usleep (10 * G_TIME_SPAN_MILLISECOND);
        }
      if (p->part_fd < 0)
        p->part_fd = open (p->part_path, O_RDONLY | O_CLOEXEC);
      if (p->part_fd < 0)
        {
          saved = errno;
          continue;
        }
      while (done < ref->length)
        {
          ssize_t n = pread (p->part_fd, c->part_rows.data + done, ref->length - done,
                             (off_t)(ref->offset + done));

          if (n < 0 && errno == EINTR)
            continue;
          if (n <= 0)
            {
              saved = n < 0 ? errno : 0;
              break;
            }
          done += (gsize)n;
        }
    }
  if (done < ref->length)
    {
      g_autofree char *who = describe_peer (p);

      coord_fail (c, PS_ERROR_IO,
                  g_strdup_printf (_ ("the rows of chunk %llu that %s wrote to %s could not be "
                                      "read back (%zu of %llu bytes%s%s)"),
                                   (unsigned long long)chunk, who, p->part_path, done,
                                   (unsigned long long)ref->length, saved != 0 ? ": " : "",
                                   saved != 0 ? g_strerror (saved) : ""));
      return FALSE;
    }
  c->part_rows.len = done;
  return TRUE;
}

static void
commit_ready (Coord *c)
{
  g_autofree guint8 *summary = g_malloc (c->study->klass->summary_size);

  while (c->error == NULL && !ps_exec_should_stop (c->exec))
    {
      Pending *p = g_hash_table_lookup (c->pending, GSIZE_TO_POINTER (c->next_commit));
      PsErrors errors;
      PsBuf rows;

      if (p == NULL)
        return;
      if (!ps_chunk_result_errors_read (p->view.errors, p->view.errors_bytes, &errors))
        {
          coord_fail (c, PS_ERROR_FAILED,
                      g_strdup_printf (_ ("the item errors of chunk %llu came back malformed"),
                                       (unsigned long long)c->next_commit));
          return;
        }
      /* Copied out: the kind's merge may expect an aligned struct. */
      memcpy (summary, p->view.summary, p->view.summary_bytes);
      if (p->rows_from != NULL)
        {
          RowsRef ref;

          memcpy (&ref, p->view.rows, sizeof ref);
          if (!read_part_rows (c, p->rows_from, c->next_commit, &ref))
            {
              ps_errors_clear (&errors);
              return;
            }
          rows = c->part_rows;
        }
      else
        {
          rows.data = (char *)p->view.rows;
          rows.len = p->view.rows_bytes;
          rows.cap = p->view.rows_bytes;
        }
      ps_exec_commit_chunk (c->exec, c->next_commit, summary, &errors, &rows);
      ps_errors_clear (&errors);
      g_hash_table_remove (c->pending, GSIZE_TO_POINTER (c->next_commit));
      c->next_commit++;
    }
}

static void check_peers (Coord *c, gboolean force);
static void fail_cancelled (Coord *c);

/* While a result is being received: whether its sender is alive, and no signal came. */
static gboolean
coord_still_ok (gpointer user_data)
{
  Coord *c = user_data;
  const gint *cancel = c->options->cancel;

  check_peers (c, FALSE);
  return c->error == NULL && (cancel == NULL || g_atomic_int_get (cancel) == 0);
}

/* Receives every message waiting; TRUE if there was one. */
static gboolean
receive_all (Coord *c)
{
  gboolean any = FALSE;

  while (c->error == NULL)
    {
      MPI_Status st;
      int flag = 0;
      int rc = MPI_Iprobe (MPI_ANY_SOURCE, MPI_ANY_TAG, session.comm, &flag, &st);
      guint8 *msg;
      gsize length;
      Peer *p;

      if (rc != MPI_SUCCESS)
        {
          coord_mpi_fail (c, rc, NULL);
          break;
        }
      if (!flag)
        break;
      any = TRUE;
      p = peer_of (c, st.MPI_SOURCE);
      rc = recv_message (&st, &msg, &length, coord_still_ok, c);
      if (rc == RECV_ABANDONED)
        {
          if (c->error == NULL)
            fail_cancelled (c);
          set_broken (c->error->message);
          break;
        }
      if (rc != MPI_SUCCESS)
        {
          coord_mpi_fail (c, rc, p);
          break;
        }
      if (p == NULL)
        {
          g_free (msg); /* a rank outside this run: only a late result can come */
          continue;
        }
      switch (st.MPI_TAG)
        {
        case TAG_READY:
          {
            ReadyMessage r;

            if (length == sizeof r)
              {
                memcpy (&r, msg, sizeof r);
                if (r.magic == PS_MPI_MAGIC && r.run_id == c->run_id)
                  {
                    p->ready = TRUE;
                    p->pid = r.pid;
                    memcpy (p->host, r.host, sizeof p->host);
                    p->host[sizeof p->host - 1] = '\0';
                    if ((r.flags & READY_ROWS_IN_PART) && c->parts_dir != NULL)
                      {
                        g_autofree char *who = describe_peer (p);

                        p->part_path = part_path (c->parts_dir, p->rank);
                        if (!g_file_test (p->part_path, G_FILE_TEST_EXISTS))
                          coord_fail (c, PS_ERROR_IO,
                                      g_strdup_printf (_ ("%s writes its rows to %s, which rank 0 "
                                                          "does not see"),
                                                       who, p->part_path));
                      }
                  }
              }
            g_free (msg);
            break;
          }
        case TAG_RESULT:
          {
            g_autoptr (GBytes) bytes = g_bytes_new_take (msg, length);

            take_results (c, p, bytes);
            break;
          }
        case TAG_FAILED:
          {
            guint64 run_id = 0;

            if (length >= sizeof run_id)
              memcpy (&run_id, msg, sizeof run_id);
            if (run_id == c->run_id || run_id == 0)
              {
                g_autofree char *who = describe_peer (p);
                g_autofree char *work = describe_work (c, p);

                coord_fail (c, PS_ERROR_FAILED,
                            g_strdup_printf (_ ("%s failed with %s: %.*s"), who, work,
                                             (int)MIN (length - MIN (length, 8), 4096),
                                             (const char *)msg + MIN (length, 8)));
              }
            g_free (msg);
            break;
          }
        default:
          g_free (msg);
        }
    }
  return any;
}

/* The next batch within the window, or FALSE. */
static gboolean
take_batch (Coord *c, guint64 *first, guint64 *count)
{
  guint64 limit = MIN (c->n_chunks, c->next_commit + c->window);

  if (c->next_chunk >= limit)
    return FALSE;
  *first = c->next_chunk;
  *count = MIN ((guint64)c->threads, limit - c->next_chunk);
  c->next_chunk += *count;
  return TRUE;
}

static void
dispatch (Coord *c)
{
  for (int i = 0; i < c->n_peers && c->error == NULL; i++)
    {
      Peer *p = &c->peers[i];

      while (c->error == NULL && g_queue_get_length (&p->batches) < BATCHES_PER_RANK)
        {
          BatchHeader h = { PS_MPI_MAGIC, 0, c->run_id, 0, 0 };
          Batch *b;
          int rc;

          if (!take_batch (c, &h.first, &h.count))
            return;
          rc = MPI_Send (&h, sizeof h, MPI_BYTE, p->rank, TAG_EVAL, session.comm);
          if (rc != MPI_SUCCESS)
            {
              coord_mpi_fail (c, rc, p);
              return;
            }
          b = g_new (Batch, 1);
          b->first = h.first;
          b->count = h.count;
          if (g_queue_is_empty (&p->batches))
            p->busy_since_us = g_get_monotonic_time ();
          g_queue_push_tail (&p->batches, b);
        }
    }
}

/* Ranks on this host that have died, and ranks past the chunk timeout. */
static void
check_peers (Coord *c, gboolean force)
{
  gint64 now = g_get_monotonic_time ();
  double timeout = c->options->chunk_timeout;

  if (!force && now - c->last_check_us < CHECK_INTERVAL_US)
    return;
  c->last_check_us = now;
  for (int i = 0; i < c->n_peers && c->error == NULL; i++)
    {
      Peer *p = &c->peers[i];
      g_autofree char *who = describe_peer (p);
      g_autofree char *work = describe_work (c, p);

      if (p->pid > 0 && g_str_equal (p->host, c->host) && pid_ended (p->pid))
        {
          coord_fail (c, PS_ERROR_FAILED,
                      g_strdup_printf (_ ("MPI %s died while it had %s"), who, work));
          set_broken (c->error->message);
        }
      else if (timeout > 0.0 && !g_queue_is_empty (&p->batches)
               && (double)(now - p->busy_since_us) * 1e-6 > timeout)
        {
          coord_fail (c, PS_ERROR_FAILED,
                      g_strdup_printf (_ ("MPI %s did not return %s within the chunk timeout "
                                          "(%g s)"),
                                       who, work, timeout));
          set_broken (c->error->message);
        }
    }
}

/* After a stop by a signal: what was out, so that the message says which rank had
 * which chunk. mpirun sends SIGTERM to rank 0 when another rank dies. */
static void
fail_cancelled (Coord *c)
{
  GString *out = g_string_new (NULL);

  check_peers (c, TRUE);
  if (c->error != NULL)
    {
      g_string_free (out, TRUE);
      return;
    }
  for (int i = 0; i < c->n_peers; i++)
    {
      Peer *p = &c->peers[i];

      if (!g_queue_is_empty (&p->batches))
        {
          g_autofree char *who = describe_peer (p);
          g_autofree char *work = describe_work (c, p);

          g_string_append (out, out->len ? "; " : "");
          g_string_append_printf (out, _ ("%s had %s"), who, work);
        }
    }
  coord_fail (c, PS_ERROR_CANCELLED,
              g_strdup_printf (_ ("the MPI run was stopped by a signal after %llu of %llu "
                                  "chunks (Ctrl+C, or mpirun ending the job because a rank "
                                  "died: mpirun's message names it)%s%s"),
                               (unsigned long long)c->next_commit, (unsigned long long)c->n_chunks,
                               out->len ? "; " : "", out->str));
  g_string_free (out, TRUE);
}

static gboolean
send_run (Coord *c)
{
  const PsStudy *study = c->study;
  RunHeader h = { 0 };
  gsize path_length = study->path != NULL ? strlen (study->path) : 0;
  gsize parts_length = c->parts_dir != NULL ? strlen (c->parts_dir) : 0;
  gsize length = sizeof h + study->text_length + path_length + parts_length;
  g_autofree guint8 *msg = NULL;

  if (length > INT_MAX)
    {
      coord_fail (c, PS_ERROR_UNSUPPORTED, g_strdup ("the study file is too large to send"));
      return FALSE;
    }
  h.magic = PS_MPI_MAGIC;
  h.protocol = PS_MPI_PROTOCOL;
  h.run_id = c->run_id;
  h.n_items = study->n_items;
  h.chunk_items = c->chunk_items;
  h.text_length = study->text_length;
  h.rows_mode = (guint32)c->options->rows;
  h.threads = (guint32)c->threads;
  h.path_length = (guint32)path_length;
  h.parts_length = (guint32)parts_length;
  msg = g_malloc (length);
  memcpy (msg, &h, sizeof h);
  memcpy (msg + sizeof h, study->text, study->text_length);
  if (path_length > 0)
    memcpy (msg + sizeof h + study->text_length, study->path, path_length);
  if (parts_length > 0)
    memcpy (msg + sizeof h + study->text_length + path_length, c->parts_dir, parts_length);
  for (int i = 0; i < c->n_peers; i++)
    {
      int rc = MPI_Send (msg, (int)length, MPI_BYTE, c->peers[i].rank, TAG_RUN, session.comm);

      if (rc != MPI_SUCCESS)
        {
          coord_mpi_fail (c, rc, &c->peers[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
wait_ready (Coord *c)
{
  gint64 deadline = g_get_monotonic_time () + READY_TIMEOUT_US;
  guint idle = 0;

  for (;;)
    {
      int waiting = 0;

      if (receive_all (c))
        idle = 0;
      check_peers (c, FALSE);
      if (c->error != NULL)
        return FALSE;
      for (int i = 0; i < c->n_peers; i++)
        waiting += !c->peers[i].ready;
      if (waiting == 0)
        return TRUE;
      if (ps_exec_should_stop (c->exec))
        {
          fail_cancelled (c);
          return FALSE;
        }
      if (g_get_monotonic_time () > deadline)
        {
          coord_fail (c, PS_ERROR_FAILED,
                      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "%d MPI rank did not load the study within "
                                                    "%d s",
                                                    "%d MPI ranks did not load the study within "
                                                    "%d s",
                                                    waiting),
                                       waiting, (int)(READY_TIMEOUT_US / G_USEC_PER_SEC)));
          set_broken (c->error->message);
          return FALSE;
        }
      idle_pause (&idle);
    }
}

static void
end_run (Coord *c)
{
  if (session.broken != NULL)
    return;
  for (int i = 0; i < c->n_peers; i++)
    MPI_Send (NULL, 0, MPI_BYTE, c->peers[i].rank, TAG_END_RUN, session.comm);
}

/* Whether rank 0 computes beside coordinating: below PS_MPI_COORDINATOR_RANKS ranks,
 * unless PARASTUDY_MPI_RANK0_COMPUTES=0 or 1 says otherwise (the benchmark measures
 * the cost of a chunk sent to another rank with 0). Alone, it always computes. */
static gboolean
rank0_computes (int workers)
{
  const char *env = g_getenv ("PARASTUDY_MPI_RANK0_COMPUTES");

  if (workers <= 1)
    return TRUE;
  if (env != NULL && (g_str_equal (env, "0") || g_str_equal (env, "1")))
    return g_str_equal (env, "1");
  return workers < PS_MPI_COORDINATOR_RANKS;
}

static gboolean
mpi_execute (PsExec *exec, int workers, GError **error)
{
  const PsStudy *study = ps_exec_get_study (exec);
  Coord c = { 0 };
  guint idle = 0;
  gboolean ok;

  if (!session.initialized)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_UNSUPPORTED,
                   _ ("the mpi backend runs under mpirun: mpirun -n N parastudy-cli run "
                      "STUDY.json --backend mpi"));
      return FALSE;
    }
  if (session.rank != 0)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_FAILED, _ ("only MPI rank 0 runs studies"));
      return FALSE;
    }
  if (session.broken != NULL)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_FAILED,
                   _ ("this MPI job cannot run again after an earlier failure (%s)"),
                   session.broken);
      return FALSE;
    }
  if (workers > session.size)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "--workers %d: this MPI job has %d rank (start it with mpirun -n "
                                "%d)",
                                "--workers %d: this MPI job has %d ranks (start it with mpirun -n "
                                "%d)",
                                session.size),
                   workers, session.size, workers);
      return FALSE;
    }
  if (study->text == NULL && workers > 1)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_UNSUPPORTED,
                   _ ("the mpi backend needs the study's text to send it to the other ranks"));
      return FALSE;
    }

  c.exec = exec;
  c.study = study;
  c.options = ps_exec_get_options (exec);
  c.run_id = ++session.run_id;
  c.n_chunks = ps_exec_get_n_chunks (exec);
  c.next_chunk = c.next_commit = ps_exec_get_first_chunk (exec);
  c.chunk_items = ps_exec_get_chunk_items (exec);
  c.threads = ps_mpi_get_threads_per_rank ();
  c.n_peers = workers - 1;
  c.local = rank0_computes (workers);
  c.peers = g_new0 (Peer, MAX (c.n_peers, 1));
  for (int i = 0; i < c.n_peers; i++)
    {
      c.peers[i].rank = i + 1;
      g_queue_init (&c.peers[i].batches);
    }
  c.window
      = (guint64)WINDOW_PER_THREAD * (guint64)c.threads * (guint64)(c.n_peers + (c.local ? 1 : 0));
  c.pending = g_hash_table_new_full (NULL, NULL, NULL, pending_free);
  host_name (c.host, sizeof c.host);
  ps_buf_init (&c.part_rows, 64);
  for (int i = 0; i < c.n_peers; i++)
    c.peers[i].part_fd = -1;
  /* Other ranks write their rows beside the results file when they can see it. */
  if (c.n_peers > 0 && c.options->rows != PS_ROWS_NONE && c.options->rows_dir != NULL
      && c.options->rows_write != NULL)
    {
      g_autofree char *dir = g_canonicalize_filename (c.options->rows_dir, NULL);
      g_autofree char *parts = g_build_filename (dir, ".results.csv.parts-XXXXXX", NULL);

      if (g_mkdtemp (parts) != NULL)
        c.parts_dir = g_steal_pointer (&parts);
    }
  /* Rank 0's own chunks, which may wait for earlier ones of other ranks, keep their
   * rows in a part too, so that it holds no more than a chunk's rows at a time. */
  c.own_part.fd = -1;
  c.self.part_fd = -1;
  c.self.pid = (gint64)getpid ();
  g_strlcpy (c.self.host, c.host, sizeof c.self.host);
  g_queue_init (&c.self.batches);
  if (c.parts_dir != NULL && c.local && part_open (&c.own_part, c.parts_dir, 0))
    c.self.part_path = g_strdup (c.own_part.path);
  if (c.local)
    evaluator_init (&c.ev, study, c.chunk_items, c.options->rows, c.threads);

  if (c.n_peers > 0 && send_run (&c))
    wait_ready (&c);

  while (c.error == NULL && c.next_commit < c.n_chunks)
    {
      gboolean busy = FALSE;
      guint64 first, count;

      if (ps_exec_should_stop (exec))
        break;
      busy = receive_all (&c);
      commit_ready (&c);
      if (c.error != NULL || ps_exec_should_stop (exec))
        break;
      dispatch (&c);
      if (c.error == NULL && c.local && take_batch (&c, &first, &count))
        {
          GByteArray *out = g_byte_array_new ();
          g_autoptr (GBytes) bytes = NULL;
          g_autoptr (GError) part_error = NULL;
          /* A batch that follows the last committed chunk is committed at once, rows
           * and all; one that must wait for other ranks' chunks keeps its rows in
           * rank 0's part meanwhile. */
          gboolean waits = first != c.next_commit;

          if (!evaluator_run (&c.ev, c.run_id, first, count,
                              waits && c.own_part.path != NULL ? &c.own_part : NULL, out,
                              &part_error))
            {
              coord_fail (&c, PS_ERROR_IO, g_strdup (part_error->message));
              g_byte_array_unref (out);
              break;
            }
          bytes = g_byte_array_free_to_bytes (out);
          take_results (&c, NULL, bytes);
          commit_ready (&c);
          busy = TRUE;
        }
      check_peers (&c, FALSE);
      if (busy)
        idle = 0;
      else
        idle_pause (&idle);
    }
  if (c.error == NULL && c.next_commit < c.n_chunks && c.options->cancel != NULL
      && g_atomic_int_get (c.options->cancel) != 0)
    fail_cancelled (&c);

  end_run (&c);
  ok = c.error == NULL;
  if (!ok)
    g_propagate_error (error, c.error);
  /* The other ranks' CPU time, as their last results gave it (rank 0's own is the
   * process's, counted by the run). */
  for (int i = 0; i < c.n_peers; i++)
    ps_exec_add_workers_cpu (exec, c.peers[i].cpu_seconds);
  evaluator_clear (&c.ev);
  for (int i = 0; i < c.n_peers; i++)
    {
      Peer *p = &c.peers[i];

      g_queue_clear_full (&p->batches, g_free);
      if (p->part_fd >= 0)
        close (p->part_fd);
      g_free (p->part_path);
    }
  part_close (&c.own_part);
  if (c.self.part_fd >= 0)
    close (c.self.part_fd);
  g_free (c.self.part_path);
  /* Every part, including those of ranks that never said READY. */
  if (c.parts_dir != NULL)
    {
      g_autofree char *own = part_path (c.parts_dir, 0);

      g_unlink (own);
      for (int i = 0; i < c.n_peers; i++)
        {
          g_autofree char *path = part_path (c.parts_dir, c.peers[i].rank);

          g_unlink (path);
        }
      g_rmdir (c.parts_dir);
      g_free (c.parts_dir);
    }
  ps_buf_clear (&c.part_rows);
  g_free (c.peers);
  g_hash_table_unref (c.pending);
  return ok;
}

/* ---- the session ---------------------------------------------------------------------- */

gboolean
ps_mpi_init (int *argc, char ***argv, GError **error)
{
  int provided = MPI_THREAD_SINGLE;
  int rc;

  if (session.initialized)
    return TRUE;
  rc = MPI_Init_thread (argc, argv, MPI_THREAD_FUNNELED, &provided);
  if (rc != MPI_SUCCESS)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_FAILED, _ ("MPI could not start (error %d)"), rc);
      return FALSE;
    }
  if (provided < MPI_THREAD_FUNNELED)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_UNSUPPORTED,
                   _ ("this MPI library does not allow OpenMP threads beside MPI "
                      "(MPI_THREAD_FUNNELED)"));
      MPI_Finalize ();
      return FALSE;
    }
  MPI_Comm_set_errhandler (MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  MPI_Comm_dup (MPI_COMM_WORLD, &session.comm);
  MPI_Comm_set_errhandler (session.comm, MPI_ERRORS_RETURN);
  MPI_Comm_rank (session.comm, &session.rank);
  MPI_Comm_size (session.comm, &session.size);
  session.initialized = TRUE;
  return TRUE;
}

gboolean
ps_mpi_is_initialized (void)
{
  return session.initialized;
}

int
ps_mpi_rank (void)
{
  return session.rank;
}

int
ps_mpi_size (void)
{
  return session.size;
}

void
ps_mpi_set_threads_per_rank (int threads)
{
  session.threads = MAX (threads, 0);
}

int
ps_mpi_get_threads_per_rank (void)
{
  return session.threads > 0 ? session.threads : default_threads ();
}

void
ps_mpi_finish (int status)
{
  gint64 deadline = g_get_monotonic_time () + QUIT_TIMEOUT_US;
  int byes = 0;
  guint idle = 0;

  if (!session.initialized || session.finished || session.rank != 0)
    return;
  session.finished = TRUE;
  if (session.broken != NULL)
    MPI_Abort (MPI_COMM_WORLD, status != 0 ? status : 1);
  for (int r = 1; r < session.size; r++)
    if (MPI_Send (NULL, 0, MPI_BYTE, r, TAG_QUIT, session.comm) != MPI_SUCCESS)
      MPI_Abort (MPI_COMM_WORLD, status != 0 ? status : 1);
  /* Late results of a run that stopped early are received and dropped: a rank
   * leaves only when its sends are done. */
  while (byes < session.size - 1)
    {
      MPI_Status st;
      int flag = 0;

      if (MPI_Iprobe (MPI_ANY_SOURCE, MPI_ANY_TAG, session.comm, &flag, &st) != MPI_SUCCESS)
        MPI_Abort (MPI_COMM_WORLD, status != 0 ? status : 1);
      if (flag)
        {
          g_autofree guint8 *msg = NULL;
          gsize length;

          if (recv_message (&st, &msg, &length, NULL, NULL) != MPI_SUCCESS)
            MPI_Abort (MPI_COMM_WORLD, status != 0 ? status : 1);
          byes += st.MPI_TAG == TAG_BYE;
          idle = 0;
          continue;
        }
      if (g_get_monotonic_time () > deadline)
        {
          g_printerr ("parastudy-cli: ");
          g_printerr (g_dngettext (GETTEXT_PACKAGE,
                                   "%d MPI rank did not leave within %d s; ending the job",
                                   "%d MPI ranks did not leave within %d s; ending the job",
                                   session.size - 1 - byes),
                      session.size - 1 - byes, (int)(QUIT_TIMEOUT_US / G_USEC_PER_SEC));
          g_printerr ("\n");
          MPI_Abort (MPI_COMM_WORLD, status != 0 ? status : 1);
        }
      idle_pause (&idle);
    }
  MPI_Comm_free (&session.comm);
  MPI_Finalize ();
}

char *
ps_mpi_describe (void)
{
  char version[MPI_MAX_LIBRARY_VERSION_STRING] = "";
  int len = 0, rank = 0, size = 1;
  g_autofree char *library = NULL;

  /* Allowed before MPI_Init. */
  MPI_Get_library_version (version, &len);
  library = g_strndup (version, (gsize)MAX (len, 0));
  g_strdelimit (library, "\n", ' ');
  if (strchr (library, ',') != NULL)
    *strchr (library, ',') = '\0';
  g_strstrip (library);
  if (session.initialized)
    return g_strdup_printf (_ ("%s; this is rank %d of %d"), library, session.rank, session.size);
  if (ps_mpi_under_launcher (&rank, &size))
    return g_strdup_printf (_ ("%s; under mpirun (rank %d of %d), MPI started only with --backend "
                               "mpi"),
                            library, rank, size);
  return g_strdup_printf (_ ("%s; not under mpirun: mpirun -n N parastudy-cli run STUDY.json "
                             "--backend mpi [--workers-per-rank T]"),
                          library);
}

static void
finish_at_exit (void)
{
  ps_mpi_finish (1);
}

gboolean
ps_mpi_cli_start (int *argc, char ***argv, int *status)
{
  g_autoptr (GError) error = NULL;

  *status = 0;
  if (!ps_mpi_args_want_mpi (*argc, *argv))
    return FALSE;
  if (!ps_mpi_init (argc, argv, &error))
    {
      g_printerr ("parastudy-cli: %s\n", error->message);
      *status = 1;
      return TRUE;
    }
  if (session.rank != 0)
    {
      *status = ps_mpi_serve ();
      return TRUE;
    }
  atexit (finish_at_exit);
  return FALSE;
}

/* ---- the backend ---------------------------------------------------------------------- */

/* In a process that did not start MPI, the backend is available when mpirun is
 * installed: running it means launching the program under mpirun (ps-mpi-launch.h),
 * which the command line and the GUI do. ps_run_study() in such a process says so. */
static gboolean
mpi_is_available (char **reason)
{
  g_autofree char *mpirun = NULL;

  if (session.initialized)
    return TRUE;
  mpirun = g_find_program_in_path ("mpirun");
  if (mpirun != NULL)
    return TRUE;
  if (reason != NULL)
    *reason = g_strdup (_ ("built with MPI, but mpirun is not in PATH"));
  return FALSE;
}

static int
mpi_default_workers (void)
{
  return session.initialized ? session.size : 1;
}

const PsBackend ps_backend_mpi = {
  .name = "mpi",
  .label = N_ ("MPI"),
  .description = N_ ("MPI ranks (Open MPI) x OpenMP threads; rank 0 hands out chunks"),
  .flags = PS_BACKEND_OUT_OF_PROCESS | PS_BACKEND_NEEDS_LAUNCHER | PS_BACKEND_WORKER_THREADS,
  .launch_usage = "mpirun -n N parastudy-cli run STUDY.json --backend mpi [--workers-per-rank T]",
  .launch_help = N_ ("Run on N MPI ranks x T threads (rank 0 writes DIR)"),
  .is_available = mpi_is_available,
  .default_workers = mpi_default_workers,
  .describe = ps_mpi_describe,
  .execute = mpi_execute,
  .cli_start = ps_mpi_cli_start,
  .set_worker_threads = ps_mpi_set_threads_per_rank,
  .launch_argv = ps_mpi_backend_launch_argv,
  .launch_envp = ps_mpi_backend_launch_envp,
};
