/* ps-chunk-result.h: one evaluated chunk as bytes, for backends that move results
 * between processes over a byte channel (the MPI backend's messages).
 *
 * The layout follows the processes backend's arena (ps-worker.h), with a header in
 * front so that several chunks can travel in one message:
 *
 *   PsChunkResultHeader (chunk, and the byte lengths of the three parts)
 *   summary (the kind's summary_size bytes: summaries are plain old data)
 *   errors  (guint64 count, guint32 n, then n times: guint64 item, guint32 length, text)
 *   rows    (the chunk's result rows, as the results file holds them)
 *
 * Both ends are the same program on the same kind of machine, so numbers are in the
 * machine's byte order. Readers check every length against the bytes they hold: a
 * malformed message is reported, never read past its end.
 */
#pragma once

#include "ps-run.h"

G_BEGIN_DECLS

typedef struct
{
  guint64 chunk;
  guint64 summary_bytes;
  guint64 errors_bytes;
  guint64 rows_bytes;
} PsChunkResultHeader;

/* A chunk result inside a buffer: pointers into it, valid while the buffer is. */
typedef struct
{
  guint64 chunk;
  const guint8 *summary;
  gsize summary_bytes;
  const guint8 *errors;
  gsize errors_bytes;
  const char *rows;
  gsize rows_bytes;
} PsChunkResultView;

/* The serialised size of @errors. */
gsize ps_chunk_result_errors_size (const PsErrors *errors);
/* Writes @errors at @p, which has ps_chunk_result_errors_size() bytes. */
void ps_chunk_result_errors_write (const PsErrors *errors, guint8 *p);
/* Reads errors written by ps_chunk_result_errors_write() into @errors (initialised
 * here). FALSE when the bytes are malformed; @errors is then empty. */
gboolean ps_chunk_result_errors_read (const guint8 *p, gsize length, PsErrors *errors);

/* Appends chunk @chunk's result to @out. */
void ps_chunk_result_append (GByteArray *out, guint64 chunk, gconstpointer summary,
                             gsize summary_size, const PsErrors *errors, const PsBuf *rows);
/* Reads the chunk result at *@offset of @data (@length bytes) into @view and moves
 * *@offset past it. FALSE when it is malformed or runs past @length. */
gboolean ps_chunk_result_next (const guint8 *data, gsize length, gsize *offset,
                               PsChunkResultView *view);

G_END_DECLS
