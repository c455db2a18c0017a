#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <math.h>
#include <string.h>

#include "ps-fmt.h"

/* Powers of ten that are exact in binary64 go up to 1e22; the rest are the nearest
 * doubles, which is what costs the rare last-digit difference. All are tabulated once:
 * a pow() call per number was a tenth of the cost of writing rows. */
#define POW10_MIN (-350)
#define POW10_MAX 350

static const double *
pow10_table (void)
{
  static gsize once = 0;
  static double table[POW10_MAX - POW10_MIN + 1];

  if (g_once_init_enter (&once))
    {
      static const double exact[] = {
        1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
      };

      for (int e = POW10_MIN; e <= POW10_MAX; e++)
        table[e - POW10_MIN] = e >= 0 && e <= 22 ? exact[e] : pow (10.0, e);
      g_once_init_leave (&once, 1);
    }
  return table;
}

static inline double
pow10_of (const double *table, int e)
{
  return table[e - POW10_MIN];
}

static const char digit_pairs[]
    = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
      "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
      "8081828384858687888990919293949596979899";

/* Five decimal digits of @x < 100000, with leading zeros. */
static inline void
five_digits (char *out, guint32 x)
{
  guint32 a = x / 1000, b = x % 1000;

  out[0] = (char)('0' + a / 10);
  out[1] = (char)('0' + a % 10);
  out[2] = (char)('0' + b / 100);
  memcpy (out + 3, digit_pairs + 2 * (b % 100), 2);
}

static const guint64 pow10_u64[] = {
  1ull,       10ull,       100ull,       1000ull,       10000ull,       100000ull,
  1000000ull, 10000000ull, 100000000ull, 1000000000ull, 10000000000ull, 100000000000ull,
};

char *
ps_fmt_u64 (char *p, guint64 v)
{
  char tmp[24];
  int n = 0;

  do
    {
      tmp[n++] = (char)('0' + v % 10);
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
  const double *table = pow10_table ();
  char digits[24]; /* 10 digits; the fixed-size copies below read up to 20 bytes */
  guint64 m, bits;
  int e10, e2, nd;
  double a;

  G_STATIC_ASSERT (PS_FMT_DIGITS == 10);
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

  /* The binary exponent, as frexp would give it, read from the bits for normal
   * numbers. */
  memcpy (&bits, &a, sizeof bits);
  if (G_LIKELY ((bits >> 52) != 0))
    e2 = (int)(bits >> 52) - 1022;
  else
    frexp (a, &e2);
  /* floor(log10(2^(e2-1))) in integers (78913 / 2^18 = log10 2 to 6 digits, exact
   * for |e2| < 1700), corrected below by at most one. */
  e10 = ((e2 - 1) * 78913) >> 18;
  if (a >= pow10_of (table, e10 + 1))
    e10++;
  else if (a < pow10_of (table, e10))
    e10--;

  {
    int shift = PS_FMT_DIGITS - 1 - e10;
    double scaled;

    if (shift > 300)
      scaled = (a * 1e300) * pow10_of (table, shift - 300);
    else if (shift >= 0)
      scaled = a * pow10_of (table, shift);
    else
      scaled = a / pow10_of (table, -shift);
    m = (guint64)(gint64)(scaled + 0.5); /* < 2^34: the signed conversion is one instruction */
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

  five_digits (digits, (guint32)(m / 100000));
  five_digits (digits + 5, (guint32)(m % 100000));
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
          memcpy (p, digits + 1, 9); /* fixed size: no call; the extra bytes are overwritten */
          p += nd - 1;
        }
      *p++ = 'e';
      *p++ = e10 < 0 ? '-' : '+';
      if (ae >= 100)
        *p++ = (char)('0' + ae / 100);
      *p++ = (char)('0' + (ae / 10) % 10);
      *p++ = (char)('0' + ae % 10);
    }
  else if (e10 < 0)
    {
      *p++ = '0';
      *p++ = '.';
      memcpy (p, "0000", 4); /* -e10 - 1 <= 3 leading zeros */
      p += -e10 - 1;
      memcpy (p, digits, 10);
      p += nd;
    }
  else
    {
      int int_digits = e10 + 1;

      memcpy (p, digits, 10);
      p += int_digits;
      if (nd > int_digits)
        {
          *p++ = '.';
          memcpy (p, digits + int_digits, 10);
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
