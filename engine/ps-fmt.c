#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <math.h>
#include <string.h>

#include "ps-fmt.h"

/* Powers of ten that are exact in binary64 go up to 1e22; the rest are the nearest
 * doubles, which is what costs the rare last-digit difference. */
static double
pow10_of (int e)
{
  static const double exact[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  };

  if (e >= 0 && e <= 22)
    return exact[e];
  return pow (10.0, e);
}

static const guint64 pow10_u64[] = {
  1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull,
  100000000ull, 1000000000ull, 10000000000ull, 100000000000ull,
};

char *
ps_fmt_u64 (char *p, guint64 v)
{
  char tmp[24];
  int n = 0;

  do
    {
      tmp[n++] = (char) ('0' + v % 10);
      v /= 10;
    }
  while (v != 0);
  while (n > 0)
    *p++ = tmp[--n];
  return p;
}

char *
ps_fmt_double (char *p, double v)
{
  char digits[PS_FMT_DIGITS];
  guint64 m;
  int e10, nd;
  double a;

  if (G_UNLIKELY (!isfinite (v)))
    {
      const char *s = isnan (v) ? "nan" : (v > 0 ? "inf" : "-inf");

      memcpy (p, s, strlen (s));
      return p + strlen (s);
    }
  if (v == 0.0)
    {
      *p++ = '0';
      return p;
    }
  if (v < 0)
    {
      *p++ = '-';
      a = -v;
    }
  else
    a = v;

  {
    int e2;

    frexp (a, &e2);
    /* floor(log10(2^(e2-1))) with an integer approximation of log10(2), corrected
     * below by at most one. */
    e10 = (int) floor ((e2 - 1) * 0.30102999566398119521);
  }
  if (a >= pow10_of (e10 + 1))
    e10++;
  else if (a < pow10_of (e10))
    e10--;

  {
    int shift = PS_FMT_DIGITS - 1 - e10;
    double scaled;

    if (shift > 300)
      scaled = (a * 1e300) * pow10_of (shift - 300);
    else if (shift >= 0)
      scaled = a * pow10_of (shift);
    else
      scaled = a / pow10_of (-shift);
    m = (guint64) (scaled + 0.5);
  }
  if (m >= pow10_u64[PS_FMT_DIGITS])
    {
      m /= 10;
      e10++;
    }
  else if (m < pow10_u64[PS_FMT_DIGITS - 1])
    {
      m = pow10_u64[PS_FMT_DIGITS - 1];
    }

  for (int i = PS_FMT_DIGITS - 1; i >= 0; i--)
    {
      digits[i] = (char) ('0' + m % 10);
      m /= 10;
    }
  nd = PS_FMT_DIGITS;
  while (nd > 1 && digits[nd - 1] == '0')
    nd--;

  if (e10 < -4 || e10 >= PS_FMT_DIGITS)
    {
      int ae = e10 < 0 ? -e10 : e10;

      *p++ = digits[0];
      if (nd > 1)
        {
          *p++ = '.';
          memcpy (p, digits + 1, nd - 1);
          p += nd - 1;
        }
      *p++ = 'e';
      *p++ = e10 < 0 ? '-' : '+';
      if (ae >= 100)
        *p++ = (char) ('0' + ae / 100);
      *p++ = (char) ('0' + (ae / 10) % 10);
      *p++ = (char) ('0' + ae % 10);
    }
  else if (e10 < 0)
    {
      *p++ = '0';
      *p++ = '.';
      for (int i = 0; i < -e10 - 1; i++)
        *p++ = '0';
      memcpy (p, digits, nd);
      p += nd;
    }
  else
    {
      int int_digits = e10 + 1;

      memcpy (p, digits, int_digits);
      p += int_digits;
      if (nd > int_digits)
        {
          *p++ = '.';
          memcpy (p, digits + int_digits, nd - int_digits);
          p += nd - int_digits;
        }
    }
  return p;
}

void
ps_buf_init (PsBuf *buf, gsize cap)
{
  buf->data = g_malloc (cap);
  buf->len = 0;
  buf->cap = cap;
}

void
ps_buf_clear (PsBuf *buf)
{
  g_clear_pointer (&buf->data, g_free);
  buf->len = buf->cap = 0;
}

void
ps_buf_reserve_slow (PsBuf *buf, gsize extra)
{
  gsize cap = MAX (buf->cap * 2, buf->len + extra);

  buf->data = g_realloc (buf->data, cap);
  buf->cap = cap;
}

void
ps_buf_append (PsBuf *buf, const char *s, gsize len)
{
  if (len == 0)
    return;
  memcpy (ps_buf_reserve (buf, len), s, len);
  buf->len += len;
}
