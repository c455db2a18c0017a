/* ps-worker.h: the protocol between a run and its worker processes.
 *
 * The run (ps-backend-processes.c) starts each parastudy-worker with posix_spawn and
 * three descriptors: 0 and 1 are one end of a socket pair that carries the fixed-size
 * messages below, 3 is a memfd shared by both processes (the worker's arena). The
 * study text reaches a worker once, after PsWorkerHello. For each chunk the run
 * names an arena offset; the worker evaluates the chunk and puts its result there:
 *
 *   summary (the kind's summary_size bytes)
 *   errors  (guint64 count, guint32 n, then n times: guint64 item, guint32 length, text)
 *   rows    (the chunk's result rows, as the results file holds them)
 *
 * and replies PS_WORKER_DONE with the three lengths. The run reads the result from
 * its own mapping of the arena, so rows go from the worker's memory to the results
 * file without passing through a pipe or a private copy. The run decides the offsets:
 * a worker's results stay in its arena until they are committed in chunk order.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PS_WORKER_MAGIC 0x4b575350u /* "PSWK" */
#define PS_WORKER_PROTOCOL 1
#define PS_WORKER_ALIGN 64

enum
{
  PS_WORKER_EVAL = 1,
  PS_WORKER_QUIT = 2,
  PS_WORKER_READY = 16,
  PS_WORKER_DONE = 17,
  PS_WORKER_FAILED = 18,
};

typedef struct
{
  guint32 magic;
  guint32 protocol;
  guint64 n_items; /* the study's item count, which a scaling run may have changed */
  guint64 chunk_items;
  guint32 rows_mode;
  guint32 text_length;
  guint32 path_length; /* 0 when the study has no file */
  guint32 reserved;
} PsWorkerHello;

typedef struct
{
  guint32 type; /* PS_WORKER_EVAL or PS_WORKER_QUIT */
  guint32 reserved;
  guint64 chunk;
  guint64 offset; /* a multiple of PS_WORKER_ALIGN */
} PsWorkerCommand;

typedef struct
{
  guint32 type;           /* PS_WORKER_READY, PS_WORKER_DONE or PS_WORKER_FAILED */
  guint32 message_length; /* PS_WORKER_FAILED: that many bytes of text follow */
  guint64 chunk;
  guint64 offset;
  guint64 summary_bytes;
  guint64 errors_bytes;
  guint64 rows_bytes;
  guint64 arena_bytes; /* the arena's size now */
} PsWorkerReply;

/* Whole messages over the socket pair (never SIGPIPE); FALSE when the other end is
 * gone. */
gboolean ps_worker_send (int fd, const void *data, gsize length);
gboolean ps_worker_recv (int fd, void *data, gsize length);

/* The worker's main loop on descriptors 0, 1 and 3; returns the exit status. */
int ps_worker_main (void);

/* The parastudy-worker executable to start, or NULL with @reason. */
char *ps_worker_find_executable (char **reason);

G_END_DECLS
