#define G_LOG_DOMAIN "parastudy-test"
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "parastudy.h"
#include "ps-test-utils.h"

/* ps_fmt_double against the C library's "%.10g" (ISO C17 7.21.6.1: %g with precision
 * 10 uses style e when the exponent X < -4 or X >= 10, else style f, and removes
 * trailing zeros), which is the reference here: the expected strings below are written
 * from that definition, and the random sweeps compare with snprintf directly. */

/* A byte the formatter never writes, to catch writes past the returned end. */
#define CANARY '\x7f'

/* Formats @v into @out (PS_FMT_MAX + 1 bytes) and checks that nothing past the
 * PS_FMT_MAX bytes a caller reserves was touched (the formatter may use the bytes
 * after the number's end as scratch, but never more than PS_FMT_MAX in all). */
static void
fmt (double v, char out[PS_FMT_MAX + 1])
{
  char buf[PS_FMT_MAX + 8];
  char *end;
  gsize n;

  memset (buf, CANARY, sizeof buf);
  end = ps_fmt_double (buf, v);
  g_assert_true (end > buf);
  n = (gsize)(end - buf);
  if (n > PS_FMT_MAX)
    g_error ("%.17g took %" G_GSIZE_FORMAT " bytes, more than PS_FMT_MAX", v, n);
  for (gsize i = PS_FMT_MAX; i < sizeof buf; i++)
    if (buf[i] != CANARY)
      g_error ("%.17g: byte %" G_GSIZE_FORMAT " past PS_FMT_MAX was written", v, i);
  memcpy (out, buf, n);
  out[n] = '\0';
}

typedef struct
{
  double v;
  const char *want;
  const char *what;
} FmtCase;

static void
test_exact (void)
{
  /* Written from the %.10g definition (C17 7.21.6.1p8). */
  const FmtCase cases[] = {
    { 0.0, "0", "zero" },
    { 1.0, "1", "one" },
    { -2.5, "-2.5", "negative" },
    { 2.385, "2.385", "short decimal" },
    { 7.35, "7.35", "short decimal" },
    { 9.80665, "9.80665", "standard gravity" },
    { 83700.0, "83700", "integer" },
    { 299792458.0, "299792458", "nine-digit integer" },
    { 9999999999.0, "9999999999", "largest ten-digit integer: style f" },
    { 1e10, "1e+10", "X = 10: style e" },
    { 1e-5, "1e-05", "X = -5: style e, two exponent digits" },
    { 1e-4, "0.0001", "X = -4: style f" },
    { 0.000123456789012, "0.000123456789", "style f, trailing zero removed" },
    { 123456789012.0, "1.23456789e+11", "style e, trailing zeros removed" },
    { 1234567890123456789.0, "1.23456789e+18", "large integer" },
    { 0.1, "0.1", "0.1 is not exact in binary" },
    { 1.0 / 3.0, "0.3333333333", "1/3" },
    { -2.0 / 3.0, "-0.6666666667", "-2/3 rounds up" },
    { 6.02214076e23, "6.02214076e+23", "Avogadro" },
    { 1.602176634e-19, "1.602176634e-19", "elementary charge" },
    { -1e100, "-1e+100", "three-digit exponent" },
    { 1e-100, "1e-100", "three-digit negative exponent" },
    { DBL_MAX, "1.797693135e+308", "DBL_MAX" },
    { -DBL_MAX, "-1.797693135e+308", "-DBL_MAX" },
    { DBL_MIN, "2.225073859e-308", "DBL_MIN" },
    { 2.2250738585072009e-308, "2.225073859e-308", "largest denormal" },
    { 4.9406564584124654e-324, "4.940656458e-324", "smallest denormal" },
    { 1e-310, "1e-310", "denormal" },
    { -2.385e-310, "-2.385e-310", "negative denormal" },
    { NAN, "nan", "NaN" },
    { INFINITY, "inf", "infinity" },
    { -INFINITY, "-inf", "minus infinity" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char got[PS_FMT_MAX + 1];
      char ref[64];

      /* The written expectation is what printf does, so a typo here cannot pass. */
      snprintf (ref, sizeof ref, "%.10g", cases[i].v);
      g_assert_cmpstr (ref, ==, cases[i].want);
      fmt (cases[i].v, got);
      if (strcmp (got, cases[i].want) != 0)
        g_error ("%s (%.17g): got \"%s\", expected \"%s\"", cases[i].what, cases[i].v, got,
                 cases[i].want);
      /* DBL_MAX rounded to 10 digits lies beyond DBL_MAX: it reads back as inf. */
      if (isfinite (cases[i].v) && cases[i].v != 0 && fabs (cases[i].v) < 1e308)
        assert_close (cases[i].what, g_ascii_strtod (got, NULL), cases[i].v, 6e-10);
    }
}

/* -0.0 prints as a zero that reads back as zero (printf writes "-0"; the sign of a
 * zero result carries no meaning in a result row). */
static void
test_negative_zero (void)
{
  char got[PS_FMT_MAX + 1];

  fmt (-0.0, got);
  g_assert_cmpfloat (g_ascii_strtod (got, NULL), ==, 0.0);
}

typedef struct
{
  guint64 n;
  guint64 differ;
  guint64 ties;
  double worst;
} Sweep;

static void
check_one (double v, Sweep *s)
{
  char got[PS_FMT_MAX + 1];
  char ref[64];
  char *end;
  double back;

  fmt (v, got);
  back = g_ascii_strtod (got, &end);
  if (*end != '\0')
    g_error ("%.17g: \"%s\" does not read back as a number", v, got);
  if (!(fabs (back - v) <= 6e-10 * fabs (v)))
    g_error ("%.17g: \"%s\" reads back as %.17g, relative error %.3g > 6e-10", v, got, back,
             fabs (back - v) / fabs (v));
  s->worst = MAX (s->worst, fabs (back - v) / fabs (v));
  snprintf (ref, sizeof ref, "%.10g", v);
  s->n++;
  if (strcmp (got, ref) != 0)
    {
      s->differ++;
      if (s->differ <= 10)
        g_test_message ("differs from printf: %.17g -> \"%s\", printf \"%s\"", v, got, ref);
      /* Where they differ, both must be correct roundings to 10 digits: they read back
       * within one unit of the 10th digit of each other. */
      {
        double pb = g_ascii_strtod (ref, NULL);

        if (!(fabs (pb - back) <= 1.000001e-9 * fabs (v)))
          g_error ("%.17g: \"%s\" and printf's \"%s\" differ by more than one digit", v, got, ref);
      }
    }
}

/* Reports a sweep and asserts that at least 99.9 % of its values print as printf's. */
#define assert_sweep(what, s)                                                                      \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_test_message ("%s: %" G_GUINT64_FORMAT " values, %" G_GUINT64_FORMAT                         \
                    " differ from printf, worst relative error %.3g",                              \
                    (what), (s)->n, (s)->differ, (s)->worst);                                      \
    g_assert_cmpuint ((s)->differ * 1000, <=, (s)->n);                                             \
  }                                                                                                \
  G_STMT_END

/* 200,000 random doubles, log-uniform over 1e-300 .. 1e300, both signs: half drawn as
 * mantissa * 10^e, half with random mantissa bits and a random binary exponent. */
static void
test_random (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20240917);
  Sweep s = { 0 };

  for (guint i = 0; i < 100000; i++)
    {
      double m = g_rand_double_range (rand, 1.0, 10.0);
      int e = g_rand_int_range (rand, -300, 300);
      double v = m * pow (10.0, e);

      check_one (g_rand_boolean (rand) ? v : -v, &s);
    }
  for (guint i = 0; i < 100000; i++)
    {
      guint64 bits = ((guint64)g_rand_int (rand) << 32) | g_rand_int (rand);
      double frac = (double)(bits >> 12) / 4503599627370496.0; /* 52 random bits / 2^52 */
      int e2 = g_rand_int_range (rand, -996, 997);             /* 2^±996 ≈ 10^±300 */
      double v = ldexp (1.0 + frac, e2);

      check_one (g_rand_boolean (rand) ? v : -v, &s);
    }
  g_assert_cmpuint (s.n, ==, 200000);
  assert_sweep ("random", &s);
}

/* Values people type: short decimals, which must come out exactly as written. */
static void
test_short_decimals (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  Sweep s = { 0 };

  for (guint i = 0; i < 50000; i++)
    {
      gint64 digits = g_rand_int_range (rand, 1, 1000000000);
      int e = g_rand_int_range (rand, -12, 12);
      double v = (double)digits * pow (10.0, e);

      check_one (g_rand_boolean (rand) ? v : -v, &s);
    }
  assert_sweep ("short decimals", &s);
}

/* Denormals: fewer bits, same rules. */
static void
test_denormals (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (4711);
  Sweep s = { 0 };

  for (guint i = 0; i < 20000; i++)
    {
      guint64 bits = (((guint64)g_rand_int (rand) << 32) | g_rand_int (rand))
                     & G_GUINT64_CONSTANT (0x000fffffffffffff);
      double v;

      if (bits == 0)
        continue;
      memcpy (&v, &bits, sizeof v);
      g_assert_cmpint (fpclassify (v), ==, FP_SUBNORMAL);
      /* Below about 2^-1040 a denormal has fewer than 10 significant digits of its own;
       * the check is then that it still prints as its exact value rounded to 10. */
      check_one (v, &s);
    }
  assert_sweep ("denormals", &s);
}

/* Powers of ten and their neighbours, where the exponent estimate is corrected. */
static void
test_powers_of_ten (void)
{
  Sweep s = { 0 };

  for (int e = -307; e <= 307; e++)
    {
      double p = pow (10.0, e);
      double vs[] = { p,
                      nextafter (p, 0),
                      nextafter (p, INFINITY),
                      p * (1 - 4e-11),
                      p * (1 - 6e-11),
                      p * 9.9999999994,
                      p * 9.9999999996 };

      for (guint k = 0; k < G_N_ELEMENTS (vs); k++)
        check_one (vs[k], &s);
    }
  assert_sweep ("powers of ten", &s);
}

static void
test_u64 (void)
{
  const struct
  {
    guint64 v;
    const char *want;
  } cases[] = {
    { 0, "0" },
    { 7, "7" },
    { 10, "10" },
    { 99, "99" },
    { 4294967296, "4294967296" },
    { G_GUINT64_CONSTANT (10000000000000000000), "10000000000000000000" },
    { G_MAXUINT64, "18446744073709551615" },
  };
  g_autoptr (GRand) rand = g_rand_new_with_seed (99);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char buf[PS_FMT_MAX + 1];
      char *end = ps_fmt_u64 (buf, cases[i].v);

      *end = '\0';
      g_assert_cmpstr (buf, ==, cases[i].want);
    }
  for (guint i = 0; i < 10000; i++)
    {
      guint64 v = ((guint64)g_rand_int (rand) << 32) | g_rand_int (rand);
      char buf[PS_FMT_MAX + 1];
      char ref[32];
      char *end;

      v >>= g_rand_int_range (rand, 0, 64);
      end = ps_fmt_u64 (buf, v);
      *end = '\0';
      snprintf (ref, sizeof ref, "%" G_GUINT64_FORMAT, v);
      g_assert_cmpstr (buf, ==, ref);
    }
}

/* PsBuf keeps its contents when it grows, from any starting capacity. */
static void
test_buf_growth (void)
{
  static const gsize caps[] = { 0, 1, 7, 64 };
  g_autoptr (GRand) rand = g_rand_new_with_seed (3);

  for (guint c = 0; c < G_N_ELEMENTS (caps); c++)
    {
      PsBuf buf;
      g_autoptr (GString) ref = g_string_new (NULL);

      ps_buf_init (&buf, caps[c]);
      g_assert_cmpuint (buf.len, ==, 0);
      g_assert_cmpuint (buf.cap, ==, caps[c]);
      /* An empty field appended to a new buffer (a sanitizer build checks the memcpy). */
      ps_buf_append (&buf, "", 0);
      g_assert_cmpuint (buf.len, ==, 0);
      for (guint i = 0; i < 2000; i++)
        {
          char piece[300];
          gsize n = (gsize)g_rand_int_range (rand, 1, (gint32)sizeof piece);

          for (gsize k = 0; k < n; k++)
            piece[k] = (char)('a' + (i + k) % 26);
          ps_buf_append (&buf, piece, n);
          g_string_append_len (ref, piece, (gssize)n);
          g_assert_cmpuint (buf.len, ==, ref->len);
          g_assert_cmpuint (buf.cap, >=, buf.len);
        }
      g_assert_true (memcmp (buf.data, ref->str, ref->len) == 0);

      /* Reserving returns the end of the contents and keeps them. */
      {
        char *p = ps_buf_reserve (&buf, buf.cap + 1000);
        char *end;

        g_assert_true (p == buf.data + buf.len);
        g_assert_cmpuint (buf.cap, >=, buf.len + 1000);
        end = ps_fmt_double (p, 2.385);
        buf.len += (gsize)(end - p);
        g_string_append (ref, "2.385");
        g_assert_cmpuint (buf.len, ==, ref->len);
        g_assert_true (memcmp (buf.data, ref->str, ref->len) == 0);
      }
      ps_buf_clear (&buf);
      g_assert_null (buf.data);
      g_assert_cmpuint (buf.len, ==, 0);
      g_assert_cmpuint (buf.cap, ==, 0);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/fmt/double/exact", test_exact);
  g_test_add_func ("/engine/fmt/double/negative-zero", test_negative_zero);
  g_test_add_func ("/engine/fmt/double/random", test_random);
  g_test_add_func ("/engine/fmt/double/short-decimals", test_short_decimals);
  g_test_add_func ("/engine/fmt/double/denormals", test_denormals);
  g_test_add_func ("/engine/fmt/double/powers-of-ten", test_powers_of_ten);
  g_test_add_func ("/engine/fmt/u64", test_u64);
  g_test_add_func ("/engine/fmt/buf-growth", test_buf_growth);

  return g_test_run ();
}
