#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <string.h>

#include "ps-chunk-result.h"

gsize
ps_chunk_result_errors_size (const PsErrors *errors)
{
  gsize n = sizeof (guint64) + sizeof (guint32);

  if (errors->first != NULL)
    for (guint i = 0; i < errors->first->len; i++)
      n += sizeof (guint64) + sizeof (guint32)
           + strlen (g_array_index (errors->first, PsItemError, i).message);
  return n;
}

static guint8 *
put (guint8 *p, const void *data, gsize length)
{
  memcpy (p, data, length);
  return p + length;
}

void
ps_chunk_result_errors_write (const PsErrors *errors, guint8 *p)
{
  guint32 n = errors->first != NULL ? errors->first->len : 0;

  p = put (p, &errors->count, sizeof errors->count);
  p = put (p, &n, sizeof n);
  for (guint i = 0; i < n; i++)
    {
      const PsItemError *e = &g_array_index (errors->first, PsItemError, i);
      guint32 len = (guint32)strlen (e->message);

      p = put (p, &e->item, sizeof e->item);
      p = put (p, &len, sizeof len);
      p = put (p, e->message, len);
    }
}

gboolean
ps_chunk_result_errors_read (const guint8 *p, gsize length, PsErrors *errors)
{
  const guint8 *end = p + length;
  guint64 count;
  guint32 n;

  ps_errors_init (errors);
  if (length < sizeof count + sizeof n)
    return FALSE;
  memcpy (&count, p, sizeof count);
  memcpy (&n, p + sizeof count, sizeof n);
  p += sizeof count + sizeof n;
  for (guint32 i = 0; i < n; i++)
    {
      guint64 item;
      guint32 len;

      if ((gsize)(end - p) < sizeof item + sizeof len)
        goto malformed;
      memcpy (&item, p, sizeof item);
      memcpy (&len, p + sizeof item, sizeof len);
      p += sizeof item + sizeof len;
      if ((gsize)(end - p) < len)
        goto malformed;
      ps_errors_add (errors, item, g_strndup ((const char *)p, len));
      p += len;
    }
  if (p != end || count < n)
    goto malformed;
  errors->count = count;
  return TRUE;

malformed:
  ps_errors_clear (errors);
  ps_errors_init (errors);
  return FALSE;
}

void
ps_chunk_result_append (GByteArray *out, guint64 chunk, gconstpointer summary, gsize summary_size,
                        const PsErrors *errors, const PsBuf *rows)
{
  PsChunkResultHeader h;
  guint start = out->len;

  h.chunk = chunk;
  h.summary_bytes = summary_size;
  h.errors_bytes = ps_chunk_result_errors_size (errors);
  h.rows_bytes = rows->len;
  g_byte_array_set_size (out, start + sizeof h + summary_size + h.errors_bytes + rows->len);
  {
    guint8 *p = out->data + start;

    p = put (p, &h, sizeof h);
    p = put (p, summary, summary_size);
    ps_chunk_result_errors_write (errors, p);
    p += h.errors_bytes;
    if (rows->len > 0)
      memcpy (p, rows->data, rows->len);
  }
}

gboolean
ps_chunk_result_next (const guint8 *data, gsize length, gsize *offset, PsChunkResultView *view)
{
  PsChunkResultHeader h;
  gsize at = *offset;
  gsize left;

  if (at > length || length - at < sizeof h)
    return FALSE;
  memcpy (&h, data + at, sizeof h);
  at += sizeof h;
  left = length - at;
  if (h.summary_bytes > left || h.errors_bytes > left - h.summary_bytes
      || h.rows_bytes > left - h.summary_bytes - h.errors_bytes)
    return FALSE;
  view->chunk = h.chunk;
  view->summary = data + at;
  view->summary_bytes = h.summary_bytes;
  at += h.summary_bytes;
  view->errors = data + at;
  view->errors_bytes = h.errors_bytes;
  at += h.errors_bytes;
  view->rows = (const char *)(data + at);
  view->rows_bytes = h.rows_bytes;
  at += h.rows_bytes;
  *offset = at;
  return TRUE;
}
