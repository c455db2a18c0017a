#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include "ps-philox.h"
#include "ps-philox-private.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define HAVE_AVX2_KERNEL 1
#endif

/* The portable block loop is compiled twice on x86-64, for any CPU and for AVX2, and
 * the better one is picked at load time; where AVX2 is present the hand-written kernel
 * further down, three times faster, is used instead. All give the same bits: the work
 * is integer arithmetic and one exact conversion. (ifunc resolvers and ASan do not
 * mix.) */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)                                \
    && !defined(__SANITIZE_ADDRESS__)
#define PS_RNG_CLONES __attribute__ ((target_clones ("default", "avx2")))
#else
#define PS_RNG_CLONES
#endif

/* One Philox round on the state of one block; kr0/kr1 are the round's key words. */
#define PHILOX_ROUND(kr0, kr1)                                                                     \
  do                                                                                               \
    {                                                                                              \
      uint64_t p0 = (uint64_t)PS_PHILOX_M0 * x0;                                                   \
      uint64_t p1 = (uint64_t)PS_PHILOX_M1 * x2;                                                   \
      uint32_t y0 = (uint32_t)(p1 >> 32) ^ x1 ^ (kr0);                                             \
      uint32_t y2 = (uint32_t)(p0 >> 32) ^ x3 ^ (kr1);                                             \
      x1 = (uint32_t)p1;                                                                           \
      x3 = (uint32_t)p0;                                                                           \
      x0 = y0;                                                                                     \
      x2 = y2;                                                                                     \
    }                                                                                              \
  while (0)

/* ps_rng_u01() without an unsigned conversion, which x86 vectorises only with
 * AVX-512: x - 2^31 converts exactly as a signed integer, and adding 2^31 + 0.5 back
 * is exact too, so the value is the same to the bit. */
static inline double
u01_signed (uint32_t x)
{
  return ((double)(int32_t)(x ^ UINT32_C (0x80000000)) + 2147483648.5) * 0x1p-32;
}

/* Uniforms of the whole Philox blocks b0 .. b0 + nb - 1 into out[4 (b - b0) + lane].
 * Each iteration is one block with its ten rounds unrolled and no dependence on the
 * others, so the compiler runs consecutive blocks side by side in vector lanes (the
 * 32 x 32 -> 64-bit products become vpmuludq). */
PS_RNG_CLONES static void
fill_blocks (guint64 seed, guint32 var, guint64 b0, gsize nb, double *restrict out)
{
  const uint32_t c2 = (uint32_t)(seed >> 32);
  const uint32_t k0 = (uint32_t)seed, k1 = var;
  const uint32_t W0 = PS_PHILOX_W0, W1 = PS_PHILOX_W1;

  for (gsize j = 0; j < nb; j++)
    {
      uint64_t b = b0 + j;
      uint32_t x0 = (uint32_t)b, x1 = (uint32_t)(b >> 32), x2 = c2, x3 = PS_RNG_TAG;

      PHILOX_ROUND (k0, k1);
      PHILOX_ROUND (k0 + W0, k1 + W1);
      PHILOX_ROUND (k0 + 2 * W0, k1 + 2 * W1);
      PHILOX_ROUND (k0 + 3 * W0, k1 + 3 * W1);
      PHILOX_ROUND (k0 + 4 * W0, k1 + 4 * W1);
      PHILOX_ROUND (k0 + 5 * W0, k1 + 5 * W1);
      PHILOX_ROUND (k0 + 6 * W0, k1 + 6 * W1);
      PHILOX_ROUND (k0 + 7 * W0, k1 + 7 * W1);
      PHILOX_ROUND (k0 + 8 * W0, k1 + 8 * W1);
      PHILOX_ROUND (k0 + 9 * W0, k1 + 9 * W1);

      out[4 * j] = u01_signed (x0);
      out[4 * j + 1] = u01_signed (x1);
      out[4 * j + 2] = u01_signed (x2);
      out[4 * j + 3] = u01_signed (x3);
    }
}

#ifdef HAVE_AVX2_KERNEL
/* The key words of Philox's ten rounds for the stream (seed, var). */
static void
round_keys (guint64 seed, guint32 var, uint32_t k0[10], uint32_t k1[10])
{
  for (uint32_t r = 0; r < 10; r++)
    {
      k0[r] = (uint32_t)seed + r * PS_PHILOX_W0;
      k1[r] = var + r * PS_PHILOX_W1;
    }
}

/* fill_blocks() for four blocks at a time in AVX2 registers, one block per 64-bit
 * lane. Compilers do not find this form themselves: with no 64-bit vector multiply on
 * AVX2 they widen 32-bit lanes and shuffle, at three times the cost; here
 * vpmuludq multiplies the low halves of the lanes directly. Between rounds the high
 * halves carry junk (the products' high words), which never reaches a low half and is
 * masked off before the conversion. Same bits as fill_blocks(). */
__attribute__ ((target ("avx2"))) static void
fill_blocks_avx2 (guint64 seed, guint32 var, guint64 b0, gsize nb, double *restrict out)
{
  const __m256i m0 = _mm256_set1_epi64x (PS_PHILOX_M0);
  const __m256i m1 = _mm256_set1_epi64x (PS_PHILOX_M1);
  const __m256i c2 = _mm256_set1_epi64x ((long long)(seed >> 32));
  const __m256i c3 = _mm256_set1_epi64x (PS_RNG_TAG);
  const __m256i lane = _mm256_setr_epi64x (0, 1, 2, 3);
  const __m256i low = _mm256_set1_epi64x (0xffffffff);
  const __m256i exp52 = _mm256_set1_epi64x (0x4330000000000000); /* 2^52 */
  const __m256d off = _mm256_set1_pd (0x1p52 - 0.5);
  const __m256d scale = _mm256_set1_pd (0x1p-32);
  __m256i rk0[10], rk1[10];
  uint32_t k0[10], k1[10];
  gsize j = 0;

  round_keys (seed, var, k0, k1);
  for (int r = 0; r < 10; r++)
    {
      rk0[r] = _mm256_set1_epi64x (k0[r]);
      rk1[r] = _mm256_set1_epi64x (k1[r]);
    }

  for (; j + 4 <= nb; j += 4)
    {
      __m256i b = _mm256_add_epi64 (_mm256_set1_epi64x ((long long)(b0 + j)), lane);
      __m256i x0 = b, x1 = _mm256_srli_epi64 (b, 32), x2 = c2, x3 = c3;

      for (int r = 0; r < 10; r++)
        {
          __m256i p0 = _mm256_mul_epu32 (x0, m0);
          __m256i p1 = _mm256_mul_epu32 (x2, m1);
          __m256i y0 = _mm256_xor_si256 (_mm256_xor_si256 (_mm256_srli_epi64 (p1, 32), x1), rk0[r]);
          __m256i y2 = _mm256_xor_si256 (_mm256_xor_si256 (_mm256_srli_epi64 (p0, 32), x3), rk1[r]);
          x1 = p1;
          x3 = p0;
          x0 = y0;
          x2 = y2;
        }

        /* (x + 0.5) 2^-32 via the bits of 2^52 + x, exact. */
#define U01(x)                                                                                     \
  _mm256_mul_pd (                                                                                  \
      _mm256_sub_pd (_mm256_castsi256_pd (_mm256_or_si256 (_mm256_and_si256 (x, low), exp52)),     \
                     off),                                                                         \
      scale)
      __m256d d0 = U01 (x0), d1 = U01 (x1), d2 = U01 (x2), d3 = U01 (x3);
#undef U01

      /* Lane k holds block k: transpose so that each block's four uniforms are
       * contiguous. */
      __m256d t0 = _mm256_unpacklo_pd (d0, d1);
      __m256d t1 = _mm256_unpackhi_pd (d0, d1);
      __m256d t2 = _mm256_unpacklo_pd (d2, d3);
      __m256d t3 = _mm256_unpackhi_pd (d2, d3);
      _mm256_storeu_pd (out + 4 * j, _mm256_permute2f128_pd (t0, t2, 0x20));
      _mm256_storeu_pd (out + 4 * j + 4, _mm256_permute2f128_pd (t1, t3, 0x20));
      _mm256_storeu_pd (out + 4 * j + 8, _mm256_permute2f128_pd (t0, t2, 0x31));
      _mm256_storeu_pd (out + 4 * j + 12, _mm256_permute2f128_pd (t1, t3, 0x31));
    }

  if (j < nb)
    fill_blocks (seed, var, b0 + j, nb - j, out + 4 * j);
}

/* The Philox state of eight blocks, one per 64-bit lane of AVX-512 registers, as in
 * fill_blocks_avx2(). */
typedef struct
{
  __m512i x0, x1, x2, x3;
} Philox8;

__attribute__ ((target ("avx512f"))) static inline Philox8
philox8_start (guint64 b, __m512i c2, __m512i c3)
{
  __m512i lanes = _mm512_add_epi64 (_mm512_set1_epi64 ((long long)b),
                                    _mm512_setr_epi64 (0, 1, 2, 3, 4, 5, 6, 7));
  Philox8 s = { lanes, _mm512_srli_epi64 (lanes, 32), c2, c3 };

  return s;
}

__attribute__ ((target ("avx512f"))) static inline void
philox8_round (Philox8 *s, __m512i m0, __m512i m1, __m512i k0, __m512i k1)
{
  __m512i p0 = _mm512_mul_epu32 (s->x0, m0);
  __m512i p1 = _mm512_mul_epu32 (s->x2, m1);

  s->x0 = _mm512_xor_si512 (_mm512_xor_si512 (_mm512_srli_epi64 (p1, 32), s->x1), k0);
  s->x2 = _mm512_xor_si512 (_mm512_xor_si512 (_mm512_srli_epi64 (p0, 32), s->x3), k1);
  s->x1 = p1;
  s->x3 = p0;
}

/* (x + 0.5) 2^-32 of the low halves, exact (as in fill_blocks_avx2), transposed so
 * that each block's four uniforms are contiguous: 32 doubles from out[0]. */
__attribute__ ((target ("avx512f"))) static inline void
philox8_store (const Philox8 *s, double *out)
{
  const __m512i low = _mm512_set1_epi64 (0xffffffff);
  const __m512i exp52 = _mm512_set1_epi64 (0x4330000000000000); /* 2^52 */
  const __m512d off = _mm512_set1_pd (0x1p52 - 0.5);
  const __m512d scale = _mm512_set1_pd (0x1p-32);
#define U01(x)                                                                                     \
  _mm512_mul_pd (                                                                                  \
      _mm512_sub_pd (_mm512_castsi512_pd (_mm512_or_si512 (_mm512_and_si512 (x, low), exp52)),     \
                     off),                                                                         \
      scale)
  __m512d d0 = U01 (s->x0), d1 = U01 (s->x1), d2 = U01 (s->x2), d3 = U01 (s->x3);
#undef U01
  /* t0 holds (d0, d1) of blocks 0, 2, 4, 6 in its 128-bit lanes, t1 of blocks 1, 3,
   * 5, 7; t2 and t3 the same of (d2, d3). */
  __m512d t0 = _mm512_unpacklo_pd (d0, d1), t1 = _mm512_unpackhi_pd (d0, d1);
  __m512d t2 = _mm512_unpacklo_pd (d2, d3), t3 = _mm512_unpackhi_pd (d2, d3);
  __m512d a02 = _mm512_shuffle_f64x2 (t0, t2, _MM_SHUFFLE (1, 0, 1, 0));
  __m512d a13 = _mm512_shuffle_f64x2 (t1, t3, _MM_SHUFFLE (1, 0, 1, 0));
  __m512d b02 = _mm512_shuffle_f64x2 (t0, t2, _MM_SHUFFLE (3, 2, 3, 2));
  __m512d b13 = _mm512_shuffle_f64x2 (t1, t3, _MM_SHUFFLE (3, 2, 3, 2));

  _mm512_storeu_pd (out, _mm512_shuffle_f64x2 (a02, a13, _MM_SHUFFLE (2, 0, 2, 0)));
  _mm512_storeu_pd (out + 8, _mm512_shuffle_f64x2 (a02, a13, _MM_SHUFFLE (3, 1, 3, 1)));
  _mm512_storeu_pd (out + 16, _mm512_shuffle_f64x2 (b02, b13, _MM_SHUFFLE (2, 0, 2, 0)));
  _mm512_storeu_pd (out + 24, _mm512_shuffle_f64x2 (b02, b13, _MM_SHUFFLE (3, 1, 3, 1)));
}

/* fill_blocks_avx2() with AVX-512: sixteen blocks an iteration, as two independent
 * groups of eight whose rounds interleave (one group alone waits on the multiplies'
 * latency). 1.8 times the AVX2 kernel's rate on AMD Zen 4; same bits. */
__attribute__ ((target ("avx512f"))) static void
fill_blocks_avx512 (guint64 seed, guint32 var, guint64 b0, gsize nb, double *restrict out)
{
  const __m512i m0 = _mm512_set1_epi64 (PS_PHILOX_M0);
  const __m512i m1 = _mm512_set1_epi64 (PS_PHILOX_M1);
  const __m512i c2 = _mm512_set1_epi64 ((long long)(seed >> 32));
  const __m512i c3 = _mm512_set1_epi64 (PS_RNG_TAG);
  __m512i rk0[10], rk1[10];
  uint32_t k0[10], k1[10];
  gsize j = 0;

  round_keys (seed, var, k0, k1);
  for (int r = 0; r < 10; r++)
    {
      rk0[r] = _mm512_set1_epi64 (k0[r]);
      rk1[r] = _mm512_set1_epi64 (k1[r]);
    }

  for (; j + 16 <= nb; j += 16)
    {
      Philox8 a = philox8_start (b0 + j, c2, c3);
      Philox8 b = philox8_start (b0 + j + 8, c2, c3);

      for (int r = 0; r < 10; r++)
        {
          philox8_round (&a, m0, m1, rk0[r], rk1[r]);
          philox8_round (&b, m0, m1, rk0[r], rk1[r]);
        }
      philox8_store (&a, out + 4 * j);
      philox8_store (&b, out + 4 * j + 32);
    }

  if (j < nb)
    fill_blocks_avx2 (seed, var, b0 + j, nb - j, out + 4 * j);
}
#endif

typedef void (*FillFunc) (guint64 seed, guint32 var, guint64 b0, gsize nb, double *out);

static void
uniforms_with (FillFunc fill, guint64 seed, guint32 var, guint64 first_sample, gsize n, double *out)
{
  guint64 i = first_sample;
  guint64 end = first_sample + n;

  /* A partial first block. */
  if ((i & 3) != 0 && i < end)
    {
      double u[4];

      fill_blocks (seed, var, i >> 2, 1, u);
      for (; (i & 3) != 0 && i < end; i++)
        *out++ = u[i & 3];
    }

  /* Whole blocks, straight into the output. */
  if (end - i >= 4)
    {
      gsize nb = (gsize)((end - i) >> 2);

      fill (seed, var, i >> 2, nb, out);
      out += 4 * nb;
      i += 4 * (guint64)nb;
    }

  /* A partial last block. */
  if (i < end)
    {
      double u[4];

      fill_blocks (seed, var, i >> 2, 1, u);
      for (; i < end; i++)
        *out++ = u[i & 3];
    }
}

void
ps_rng_uniforms (guint64 seed, guint32 var, guint64 first_sample, gsize n, double *out)
{
  g_return_if_fail (n == 0 || out != NULL);

#ifdef HAVE_AVX2_KERNEL
  if (__builtin_cpu_supports ("avx512f"))
    {
      uniforms_with (fill_blocks_avx512, seed, var, first_sample, n, out);
      return;
    }
  if (__builtin_cpu_supports ("avx2"))
    {
      uniforms_with (fill_blocks_avx2, seed, var, first_sample, n, out);
      return;
    }
#endif
  uniforms_with (fill_blocks, seed, var, first_sample, n, out);
}

void
ps_rng_uniforms_portable (guint64 seed, guint32 var, guint64 first_sample, gsize n, double *out)
{
  g_return_if_fail (n == 0 || out != NULL);

  uniforms_with (fill_blocks, seed, var, first_sample, n, out);
}

gboolean
ps_rng_uniforms_avx2 (guint64 seed, guint32 var, guint64 first_sample, gsize n, double *out)
{
  g_return_val_if_fail (n == 0 || out != NULL, FALSE);

#ifdef HAVE_AVX2_KERNEL
  if (__builtin_cpu_supports ("avx2"))
    {
      uniforms_with (fill_blocks_avx2, seed, var, first_sample, n, out);
      return TRUE;
    }
#endif
  return FALSE;
}
