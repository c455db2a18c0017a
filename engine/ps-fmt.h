/* ps-fmt.h: fast, locale-independent number formatting for result rows.
 *
 * Result files of large sweeps hold hundreds of millions of numbers; printf is the
 * bottleneck there. ps_fmt_double writes PS_FMT_DIGITS significant digits in the
 * style of "%.10g" (shortest of fixed and exponent notation, trailing zeros
 * removed); it agrees with printf except, rarely, in the last digit of a value that
 * lies within an ulp of a rounding boundary. The relative error is below 6e-10.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PS_FMT_DIGITS 10
/* Bytes to reserve per number: it takes at most 17, and the formatter may write up
 * to 12 scratch bytes past its end. */
#define PS_FMT_MAX 32

char *ps_fmt_double (char *p, double v);
char *ps_fmt_u64 (char *p, guint64 v);

/* A growable byte buffer for rows. */
typedef struct
{
  char *data;
  gsize len;
  gsize cap;
} PsBuf;

void ps_buf_init (PsBuf *buf, gsize cap);
void ps_buf_clear (PsBuf *buf);
void ps_buf_reserve_slow (PsBuf *buf, gsize extra);
void ps_buf_append (PsBuf *buf, const char *s, gsize len);

static inline char *
ps_buf_reserve (PsBuf *buf, gsize extra)
{
  if (G_UNLIKELY (buf->len + extra > buf->cap))
    ps_buf_reserve_slow (buf, extra);
  return buf->data + buf->len;
}

G_END_DECLS
