/* ps-math-private.h: elementary functions that give the same bits on every backend.
 *
 * The Monte Carlo study must draw the same samples, and so count the same failures, on
 * the CPU and on the GPU. libm and CUDA's math library round differently in the last
 * place, so these functions are built only from +, -, *, /, sqrt, comparisons and
 * integer manipulation of the bits of a double: operations that IEEE 754 defines to the
 * bit. Compiled without contraction into fused multiply-adds (-ffp-contract=off here,
 * --fmad=false under nvcc), they give identical results on both.
 *
 * The algorithms are those of Sun's fdlibm (as kept in FreeBSD's msun and musl), whose
 * error bounds are below one ulp: exp, log and pow from e_exp.c, e_log.c and e_pow.c;
 * the sine, cosine and tangent kernels from k_sin.c, k_cos.c and k_tan.c. They are
 * rewritten without branches (special cases are selected at the end) so that a loop
 * over an array of arguments can be vectorised.
 *
 * Measured against glibc 2.36 over millions of random arguments (tests/test-rng.c):
 * exp, log, sin, cos, tan and pow within 1 ulp of glibc (itself within about half an
 * ulp of the exact value), ps_log1p within 2; special values as C99 Annex F.
 *
 * Vectorisation: the special cases are selects between values that are all computed,
 * so a loop over an array vectorises (GCC 12, AVX2: exp, log, log1p, sin, cos, tan,
 * pow; ps_math_pow_positive also with a loop-invariant exponent) once the compiler may
 * evaluate both sides of a select, which it refuses while it honours floating-point
 * traps: compile such loops with -fno-trapping-math (ps-dist.c does so with a pragma).
 * That flag changes no value, only the exception flags, which nothing here reads.
 *
 * Range of sin, cos and tan: the argument is reduced by a Cody-Waite scheme with pi/2
 * split into four pieces (fdlibm's pio2_1 .. pio2_3t, 33 + 33 + 33 + 53 bits), which is
 * exact for |x| < 2^20 * pi/2 (about 1.6e6). Beyond that the reduction loses accuracy
 * gradually; the result stays finite and within [-1, 1] (tan: finite) for every finite
 * x, and sin, cos and tan of an infinity or NaN are NaN.
 */
#pragma once

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "ps-hd-private.h"

/* Host loops over blocks of samples compiled for any x86-64, for AVX2 and for AVX-512
 * (x86-64-v4), the best picked at load time. All give the same bits: the operations
 * are the same IEEE ones in the same order, never contracted into fused multiply-adds
 * (-ffp-contract=off). Not under ASan: ifunc resolvers and ASan do not mix. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)                                \
    && !defined(__SANITIZE_ADDRESS__) && !defined(__CUDACC__)
#define PS_MATH_CLONES __attribute__ ((target_clones ("default", "avx2", "arch=x86-64-v4")))
#else
#define PS_MATH_CLONES
#endif

/* 1.5 * 2^52: adding and subtracting it rounds a double below 2^51 in magnitude to
 * the nearest integer (ties to even), and leaves that integer in the low bits. */
#define PS_MATH_TOINT 6755399441055744.0
#define PS_MATH_TOINT_BITS UINT64_C (0x4338000000000000)

static inline PS_HD uint64_t
ps_math_bits (double x)
{
#if defined(__CUDA_ARCH__)
  return (uint64_t)__double_as_longlong (x);
#else
  uint64_t u;
  memcpy (&u, &x, sizeof u);
  return u;
#endif
}

static inline PS_HD double
ps_math_from_bits (uint64_t u)
{
#if defined(__CUDA_ARCH__)
  return __longlong_as_double ((long long)u);
#else
  double x;
  memcpy (&x, &u, sizeof x);
  return x;
#endif
}

static inline PS_HD double
ps_math_nan (void)
{
  return ps_math_from_bits (UINT64_C (0x7ff8000000000000));
}

static inline PS_HD double
ps_math_inf (void)
{
  return ps_math_from_bits (UINT64_C (0x7ff0000000000000));
}

static inline PS_HD double
ps_math_fabs (double x)
{
  return ps_math_from_bits (ps_math_bits (x) & ~(UINT64_C (1) << 63));
}

/* x with its low 32 bits cleared: a head with at most 21 significant bits. */
static inline PS_HD double
ps_math_trunc32 (double x)
{
  return ps_math_from_bits (ps_math_bits (x) & UINT64_C (0xffffffff00000000));
}

/* Nearest integer, ties to even, for |x| < 2^51 (the caller keeps x in range). */
static inline PS_HD double
ps_math_rint (double x)
{
  return (x + PS_MATH_TOINT) - PS_MATH_TOINT;
}

/* 2^n for an integer n in [-2044, 2046] as two normal factors, so that y * a * b
 * rounds once even when the result is subnormal. */
static inline PS_HD void
ps_math_pow2_split (uint64_t n_plus_2046, double *a, double *b)
{
  uint64_t e1 = n_plus_2046 >> 1;
  uint64_t e2 = n_plus_2046 - e1;

  *a = ps_math_from_bits ((e1 & 0x7ff) << 52);
  *b = ps_math_from_bits ((e2 & 0x7ff) << 52);
}

/* e^x. fdlibm e_exp.c: x = k ln2 + r, |r| <= ln2/2, with a rational approximation of
 * e^r; error below 1 ulp. */
static inline PS_HD double
ps_exp (double x)
{
  const double ln2hi = 6.93147180369123816490e-01; /* 0x3fe62e42 fee00000 */
  const double ln2lo = 1.90821492927058770002e-10; /* 0x3dea39ef 35793c76 */
  const double invln2 = 1.44269504088896338700e+00;
  const double P1 = 1.66666666666666019037e-01;
  const double P2 = -2.77777777770155933842e-03;
  const double P3 = 6.61375632143793436117e-05;
  const double P4 = -1.65339022054652515390e-06;
  const double P5 = 4.13813679705723846039e-08;

  /* Beyond these e^x is inf or 0 anyway; clamping keeps k small. NaN passes. */
  double xc = x > 710.0 ? 710.0 : x;
  xc = xc < -746.0 ? -746.0 : xc;

  double kd = xc * invln2 + PS_MATH_TOINT;
  uint64_t kbits = ps_math_bits (kd);
  kd -= PS_MATH_TOINT;

  double hi = xc - kd * ln2hi; /* exact: kd * ln2hi has at most 43 bits */
  double lo = kd * ln2lo;
  double r = hi - lo;
  double t = r * r;
  double c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  double y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);

  double a, b;
  ps_math_pow2_split (kbits - PS_MATH_TOINT_BITS + 2046, &a, &b);
  return (y * a) * b;
}

/* Natural logarithm. fdlibm e_log.c: x = 2^k (1 + f), sqrt(2)/2 < 1 + f < sqrt(2),
 * log(1 + f) = 2s + s R(s^2) with s = f / (2 + f); error below 1 ulp. */
static inline PS_HD double
ps_log (double x)
{
  const double ln2_hi = 6.93147180369123816490e-01; /* 3fe62e42 fee00000 */
  const double ln2_lo = 1.90821492927058770002e-10; /* 3dea39ef 35793c76 */
  const double Lg1 = 6.666666666666735130e-01;
  const double Lg2 = 3.999999999940941908e-01;
  const double Lg3 = 2.857142874366239149e-01;
  const double Lg4 = 2.222219843214978396e-01;
  const double Lg5 = 1.818357216161805012e-01;
  const double Lg6 = 1.531383769920937332e-01;
  const double Lg7 = 1.479819860511658591e-01;

  /* Subnormals are scaled by 2^54 into the normal range, chosen on the bits so that
   * no floating operation is conditional (see the note on vectorisation above). */
  uint64_t sub = -(uint64_t)(x < 0x1p-1022); /* all ones for a subnormal x */
  uint64_t ux = ps_math_bits (x);
  uint64_t u = ux ^ ((ux ^ ps_math_bits (x * 0x1p54)) & sub);
  uint64_t hm = (u >> 32) & 0x000fffff;         /* top 20 bits of the fraction */
  uint64_t i = (hm + 0x95f64) & 0x100000;       /* 1 when the fraction >= sqrt(2) */
  uint64_t e = ((u >> 52) & 0x7ff) + (i >> 20); /* biased exponent of 2^k */
  double m = ps_math_from_bits ((u & UINT64_C (0x000fffffffffffff)) | ((i ^ 0x3ff00000) << 32));
  double f = m - 1.0;

  /* k as a double without an integer conversion (which vectorises badly on AVX2). */
  uint64_t kb = e + (54 & ~sub);
  double dk = ps_math_from_bits (UINT64_C (0x4330000000000000) | kb) - (0x1p52 + 1077.0);

  double s = f / (2.0 + f);
  double z = s * s;
  double w = z * z;
  double t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
  double t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  double R = t2 + t1;
  double hfsq = 0.5 * f * f;
  double r = dk * ln2_hi - ((hfsq - (s * (hfsq + R) + dk * ln2_lo)) - f);

  r = x < 0.0 ? ps_math_nan () : r;
  r = x == 0.0 ? -ps_math_inf () : r;
  r = x == ps_math_inf () ? x : r;
  r = x != x ? x : r;
  return r;
}

/* log(1 + x), by Goldberg's correction of log(1 + x) for the rounding of 1 + x (a few
 * ulp). Exact to the bit of ps_log (1 + x) whenever 1 + x is exact, which is the case
 * for every uniform that ps_rng_uniforms produces. */
static inline PS_HD double
ps_log1p (double x)
{
  double w = 1.0 + x;
  double d = w - 1.0;
  double r = ps_log (w) * (x / (d == 0.0 ? 1.0 : d));

  r = d == 0.0 ? x : r;
  r = w == ps_math_inf () ? w : r;
  return r;
}

/* Reduces x to n pi/2 + (y0 + y1), |y0 + y1| <= pi/4 (see the range note above). */
static inline PS_HD uint64_t
ps_math_rem_pio2 (double x, double *y0, double *y1)
{
  const double invpio2 = 6.36619772367581382433e-01;
  const double pio2_1 = 1.57079632673412561417e+00;  /* first 33 bits of pi/2 */
  const double pio2_2 = 6.07710050630396597660e-11;  /* next 33 bits */
  const double pio2_3 = 2.02226624871116645580e-21;  /* next 33 bits */
  const double pio2_3t = 8.47842766036889956997e-32; /* pi/2 - (pio2_1 + pio2_2 + pio2_3) */

  double t = x * invpio2;
  t = t > 0x1p50 ? 0x1p50 : t; /* keeps the rounding trick valid; accuracy is gone anyway */
  t = t < -0x1p50 ? -0x1p50 : t;
  double fnr = t + PS_MATH_TOINT;
  uint64_t n = ps_math_bits (fnr);
  double fn = fnr - PS_MATH_TOINT;

  /* fn * pio2_k is exact for |fn| < 2^20, and x - fn * pio2_1 is then exact too
   * (Sterbenz). The rest is accumulated with error-free sums. */
  double r = x - fn * pio2_1;
  double w = fn * pio2_2;
  double s = r - w;
  double bb = s - r;
  double e = (r - (s - bb)) + (-w - bb);
  w = fn * pio2_3;
  double s2 = s - w;
  bb = s2 - s;
  double e2 = (s - (s2 - bb)) + (-w - bb);
  double tail = (e + e2) - fn * pio2_3t;
  double h = s2 + tail;
  double l = tail - (h - s2);

  /* Outside the accurate range the reduced argument may be anything: keep it where
   * the kernels stay bounded. */
  int wild = (h > 0.7854) | (h < -0.7854);
  *y0 = wild ? (h > 0.0 ? 0.7854 : -0.7854) : h;
  *y1 = wild ? 0.0 : l;
  return n;
}

/* sin(x + y) for |x + y| <= pi/4, y a tail of x. fdlibm/musl __sin. */
static inline PS_HD double
ps_math_ksin (double x, double y)
{
  const double S1 = -1.66666666666666324348e-01;
  const double S2 = 8.33333333332248946124e-03;
  const double S3 = -1.98412698298579493134e-04;
  const double S4 = 2.75573137070700676789e-06;
  const double S5 = -2.50507602534068634195e-08;
  const double S6 = 1.58969099521155010221e-10;

  double z = x * x;
  double w = z * z;
  double r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
  double v = z * x;
  return x - ((z * (0.5 * y - v * r) - y) - v * S1);
}

/* cos(x + y) for |x + y| <= pi/4. fdlibm/musl __cos. */
static inline PS_HD double
ps_math_kcos (double x, double y)
{
  const double C1 = 4.16666666666666019037e-02;
  const double C2 = -1.38888888888741095749e-03;
  const double C3 = 2.48015872894767294178e-05;
  const double C4 = -2.75573143513906633035e-07;
  const double C5 = 2.08757232129817482790e-09;
  const double C6 = -1.13596475577881948265e-11;

  double z = x * x;
  double w = z * z;
  double r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
  double hz = 0.5 * z;
  w = 1.0 - hz;
  return w + (((1.0 - w) - hz) + (z * r - x * y));
}

/* tan(x + y) (odd = 0) or -1/tan(x + y) (odd = 1) for |x + y| <= pi/4. fdlibm/musl
 * __tan, with its two branches turned into selects. */
static inline PS_HD double
ps_math_ktan (double x, double y, int odd)
{
  const double T0 = 3.33333333333334091986e-01;
  const double T1 = 1.33333333333201242699e-01;
  const double T2 = 5.39682539762260521377e-02;
  const double T3 = 2.18694882948595424599e-02;
  const double T4 = 8.86323982359930005737e-03;
  const double T5 = 3.59207910759131235356e-03;
  const double T6 = 1.45620945432529025516e-03;
  const double T7 = 5.88041240820264096874e-04;
  const double T8 = 2.46463134818469906812e-04;
  const double T9 = 7.81794442939557092300e-05;
  const double T10 = 7.14072491382608190305e-05;
  const double T11 = -1.85586374855275456654e-05;
  const double T12 = 2.59073051863633712884e-05;
  const double pio4 = 7.85398163397448278999e-01;
  const double pio4lo = 3.06161699786838301793e-17;

  /* Near pi/4, tan(pi/4 - x') is computed instead, x' = pi/4 - |x|. */
  int big = ps_math_fabs (x) >= 0x1.59428p-1; /* about 0.6743 */
  int neg = x < 0.0;
  double xa = neg ? -x : x;
  double ya = neg ? -y : y;
  double xb = (pio4 - xa) + (pio4lo - ya);
  x = big ? xb : x;
  y = big ? 0.0 : y;

  double z = x * x;
  double w = z * z;
  double r = T1 + w * (T3 + w * (T5 + w * (T7 + w * (T9 + w * T11))));
  double v = z * (T2 + w * (T4 + w * (T6 + w * (T8 + w * (T10 + w * T12)))));
  double s = z * x;
  r = y + z * (s * (r + v) + y) + s * T0;
  w = x + r;

  double sg = odd ? -1.0 : 1.0;
  double vb = sg - 2.0 * (x + (r - w * w / (w + sg)));
  vb = neg ? -vb : vb;

  /* -1/(x + r) computed accurately. */
  double w0 = ps_math_trunc32 (w);
  double vv = r - (w0 - x);
  double a = -1.0 / w;
  double a0 = ps_math_trunc32 (a);
  double cot = a0 + a * (1.0 + a0 * w0 + a0 * vv);

  double res = odd ? cot : w;
  return big ? vb : res;
}

static inline PS_HD double
ps_sin (double x)
{
  double y0, y1;
  uint64_t n = ps_math_rem_pio2 (x, &y0, &y1);
  double s = ps_math_ksin (y0, y1);
  double c = ps_math_kcos (y0, y1);
  double r = (n & 1) ? c : s;

  r = (n & 2) ? -r : r;
  /* sin x = x for |x| < 2^-26 (this also keeps the sign of -0). */
  return ps_math_fabs (x) < 0x1p-26 ? x : r;
}

static inline PS_HD double
ps_cos (double x)
{
  double y0, y1;
  uint64_t n = ps_math_rem_pio2 (x, &y0, &y1);
  double s = ps_math_ksin (y0, y1);
  double c = ps_math_kcos (y0, y1);
  double r = (n & 1) ? -s : c;

  return (n & 2) ? -r : r;
}

static inline PS_HD double
ps_tan (double x)
{
  double y0, y1;
  uint64_t n = ps_math_rem_pio2 (x, &y0, &y1);
  double r = ps_math_ktan (y0, y1, (int)(n & 1));

  return ps_math_fabs (x) < 0x1p-27 ? x : r;
}

/* 1 when y is an integer (every double of magnitude >= 2^52 is one). */
static inline PS_HD int
ps_math_is_integer (double y)
{
  double a = ps_math_fabs (y);
  return (a >= 0x1p52) | (ps_math_rint (a) == a);
}

/* x^y for finite x > 0 and |y| <= 2^64, the core of ps_pow below: fdlibm e_pow.c
 * computes log2(x) in extended precision (t1 + t2), multiplies it by y split in two,
 * and raises 2 to the product; error below 1 ulp, and integer powers of integers are
 * exact when representable. Overflow gives inf, underflow 0. With no special cases it
 * vectorises also when y is the same for the whole loop. */
static inline PS_HD double
ps_math_pow_positive (double x, double y)
{
  const double dp_h1 = 5.84962487220764160156e-01; /* 0x3FE2B803, 0x40000000 */
  const double dp_l1 = 1.35003920212974897128e-08; /* 0x3E4CFDEB, 0x43CFD006 */
  const double L1 = 5.99999999999994648725e-01;
  const double L2 = 4.28571428578550184252e-01;
  const double L3 = 3.33333329818377432918e-01;
  const double L4 = 2.72728123808534006489e-01;
  const double L5 = 2.30660745775561754067e-01;
  const double L6 = 2.06975017800338417784e-01;
  const double P1 = 1.66666666666666019037e-01;
  const double P2 = -2.77777777770155933842e-03;
  const double P3 = 6.61375632143793436117e-05;
  const double P4 = -1.65339022054652515390e-06;
  const double P5 = 4.13813679705723846039e-08;
  const double lg2 = 6.93147180559945286227e-01;
  const double lg2_h = 6.93147182464599609375e-01;  /* 0x3FE62E43, 0x00000000 */
  const double lg2_l = -1.90465429995776804525e-09; /* 0xBE205C61, 0x0CA86C39 */
  const double ovt = 8.0085662595372944372e-17;     /* -(1024 - log2(ovfl + .5ulp)) */
  const double cp = 9.61796693925975554329e-01;     /* 2/(3 ln2) */
  const double cp_h = 9.61796700954437255859e-01;   /* 0x3FEEC709, 0xE0000000 */
  const double cp_l = -7.02846165095275826516e-09;  /* tail of cp_h */

  /* log2 x = t1 + t2 to about 2^-64 relative. x = 2^n m, m in [sqrt(3)/2, sqrt(3)),
   * taken about 1 or about 1.5. */
  uint64_t sub = -(uint64_t)(x < 0x1p-1022); /* all ones for a subnormal x */
  uint64_t ux = ps_math_bits (x);
  uint64_t ua = ux ^ ((ux ^ ps_math_bits (x * 0x1p53)) & sub);
  uint64_t ix = ua >> 32;
  uint64_t j = ix & 0x000fffff;
  uint64_t k1 = (j > 0x3988E) & (j < 0xBB67A); /* sqrt(3/2) <= mantissa < sqrt(3) */
  uint64_t up = j >= 0xBB67A;                  /* mantissa >= sqrt(3): halve it */
  uint64_t ixn = (j | 0x3ff00000) - (up << 20);
  uint64_t nb = (ix >> 20) + up + (53 & ~sub);
  double tn = ps_math_from_bits (UINT64_C (0x4330000000000000) | nb) - (0x1p52 + 1076.0);
  double m = ps_math_from_bits ((ixn << 32) | (ua & 0xffffffff));
  double bp = k1 ? 1.5 : 1.0;
  double dp_h = k1 ? dp_h1 : 0.0;
  double dp_l = k1 ? dp_l1 : 0.0;

  double u = m - bp;
  double v = 1.0 / (m + bp);
  double ss = u * v;
  double s_h = ps_math_trunc32 (ss);
  double t_h = ps_math_from_bits ((((ixn >> 1) | 0x20000000) + 0x00080000 + (k1 << 18)) << 32);
  double t_l = m - (t_h - bp);
  double s_l = v * ((u - s_h * t_h) - s_h * t_l);
  double s2 = ss * ss;
  double r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
  r += s_l * (s_h + ss);
  s2 = s_h * s_h;
  t_h = ps_math_trunc32 (3.0 + s2 + r);
  t_l = r - ((t_h - 3.0) - s2);
  u = s_h * t_h;
  v = s_l * t_h + t_l * ss;
  double p_h = ps_math_trunc32 (u + v);
  double p_l = v - (p_h - u);
  double z_h = cp_h * p_h;
  double z_l = cp_l * p_h + p_l * cp + dp_l;
  double t1 = ps_math_trunc32 (((z_h + z_l) + dp_h) + tn);
  double t2 = z_l - (((t1 - tn) - dp_h) - z_h);

  /* y log2 x = p_h + p_l. (fdlibm switches to a short series for log x when |y| >
   * 2^31 and x is within 2^-20 of 1, but its product ivln2_h (x - 1) is not exact
   * there and costs up to 1e-13 relative; the general path keeps full precision.) */
  double y1 = ps_math_trunc32 (y);
  p_l = (y - y1) * t1 + y * t2;
  p_h = y1 * t1;
  double zz = p_l + p_h;
  int over = (zz > 1024.0) | ((zz == 1024.0) & (p_l + ovt > zz - p_h));
  int under = (zz < -1075.0) | ((zz == -1075.0) & (p_l <= zz - p_h));

  /* 2^(p_h + p_l) = 2^n 2^f, |f| <= 1/2 */
  double zc = zz > 1100.0 ? 1100.0 : zz;
  zc = zc < -1100.0 ? -1100.0 : zc;
  double nr = zc + PS_MATH_TOINT;
  uint64_t n = ps_math_bits (nr);
  p_h -= nr - PS_MATH_TOINT;
  double t = ps_math_trunc32 (p_l + p_h);
  u = t * lg2_h;
  v = (p_l - (t - p_h)) * lg2 + t * lg2_l;
  double z = u + v;
  double w = v - (z - u);
  t = z * z;
  t1 = z - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  r = (z * t1) / (t1 - 2.0) - (w + z * w);
  z = 1.0 - (r - z);
  double sa, sb;
  ps_math_pow2_split (n - PS_MATH_TOINT_BITS + 2046, &sa, &sb);
  z = (z * sa) * sb;

  z = over ? ps_math_inf () : z;
  return under ? 0.0 : z;
}

/* x^y, with the special values of C99 Annex F. */
static inline PS_HD double
ps_pow (double x, double y)
{
  const double inf = ps_math_inf ();
  double ax = ps_math_fabs (x);
  double ay = ps_math_fabs (y);
  int x_neg = (ps_math_bits (x) >> 63) != 0;
  int y_int = ps_math_is_integer (y);
  int y_odd = y_int & !ps_math_is_integer (y * 0.5);
  double sgn = (x_neg & y_odd) ? -1.0 : 1.0;
  double res = sgn * ps_math_pow_positive (ax, y);

  /* |y| > 2^31 and x not within 2^-20 of 1, or |y| > 2^64 and x not 1 (handled
   * below): the result certainly overflows or underflows (fdlibm's bounds). */
  uint64_t hxa = ps_math_bits (ax) >> 32;
  int below = hxa<0x3fefffff, above = hxa> 0x3ff00000;
  double certain = (below == (y < 0.0)) ? inf : 0.0;
  res = ((ay > 0x1p31) & (below | above)) ? sgn * certain : res;
  res = (ay > 0x1p64) ? (((hxa <= 0x3fefffff) == (y < 0.0)) ? inf : 0.0) : res;
  /* a negative x to a non-integer power */
  res = ((x < 0.0) & !y_int) ? ps_math_nan () : res;

  /* x = +-0, +-inf, +-1 */
  double zs = y < 0.0 ? 1.0 / ax : ax;
  zs = (x_neg & y_odd) ? -zs : zs;
  zs = (x_neg & (ax == 1.0) & !y_int) ? ps_math_nan () : zs;
  res = ((ax == 0.0) | (ax == inf) | (ax == 1.0)) ? zs : res;

  /* cheap exact cases */
  res = ((y == 0.5) & !x_neg) ? sqrt (x) : res;
  res = y == 2.0 ? x * x : res;
  res = y == 1.0 ? x : res;
  res = y == -1.0 ? 1.0 / x : res;

  /* y = +-inf */
  double yi = ax == 1.0 ? 1.0 : (((ax > 1.0) == (y > 0.0)) ? inf : 0.0);
  res = ay == inf ? yi : res;

  res = ((x != x) | (y != y)) ? x + y : res;
  res = x == 1.0 ? 1.0 : res;
  res = y == 0.0 ? 1.0 : res;
  return res;
}
