/* ps-rel-math.h: the per-sample arithmetic of the reliability methods of issue 17,
 * plain C for the CPU now and the CUDA kernels later (as ps-beam-math.h is for the
 * beam study): tagged random streams, the map from standard normal space to the
 * variables, an exactly associative sum, and the Latin hypercube permutation.
 *
 * Everything here is built from the bit-reproducible operations of ps-math.h, so a
 * sample, its g and its contribution to a sum are the same bits on every backend;
 * sums are exact (PsXSum), so a partial summary merged from any partition of the
 * samples, in any order, is the same.
 */
#pragma once

#include <stdint.h>

#include "rng/ps-dist.h"
#include "rng/ps-philox.h"

/* ---- tagged streams ---------------------------------------------------------------
 *
 * The Monte Carlo stream contract of ps-philox.h, with the last counter word (there
 * the constant "PSMC") replaced by a tag that names the method and its stage, so that
 * every method draws its own independent numbers from the same (seed, variable) keys:
 *
 *   key = { (uint32) seed, var },
 *   counter = { (uint32) (i >> 2), (uint32) (i >> 34), (uint32) (seed >> 32), tag },
 *   u = (out[i & 3] + 0.5) 2^-32.
 *
 * Tags are four ASCII letters (never "PSMC"); subset simulation puts the level in the
 * low 16 bits of "SS\0\0".
 */
#define PS_REL_TAG_IS UINT32_C (0x50534953)      /* "PSIS" importance sampling */
#define PS_REL_TAG_LHS UINT32_C (0x50534C48)     /* "PSLH" LHS: position in the stratum */
#define PS_REL_TAG_PERM UINT32_C (0x50535045)    /* "PSPE" LHS: the strata's permutation */
#define PS_REL_TAG_SOBOL_A UINT32_C (0x50534F41) /* "PSOA" Sobol: matrix A */
#define PS_REL_TAG_SOBOL_B UINT32_C (0x50534F42) /* "PSOB" Sobol: matrix B */
#define PS_REL_TAG_BOOT UINT32_C (0x5053424F)    /* "PSBO" bootstrap resamples */
#define PS_REL_TAG_SUBSET(level) (UINT32_C (0x53530000) | ((uint32_t)(level)&0xffff))

/* The uniform of index i of the stream (seed, var, tag). */
static inline PS_HD double
ps_rel_uniform (uint64_t seed, uint32_t var, uint32_t tag, uint64_t i)
{
  uint32_t key[2], ctr[4], out[4];

  ps_rng_key_counter (seed, var, i, key, ctr);
  ctr[3] = tag;
  ps_philox4x32_10 (ctr, key, out);
  return ps_rng_u01 (out[i & 3]);
}

/* A standard normal number from the same stream: Phi^-1 (AS241) of its uniform. */
static inline PS_HD double
ps_rel_normal (uint64_t seed, uint32_t var, uint32_t tag, uint64_t i)
{
  return ps_dist_normal_quantile (ps_rel_uniform (seed, var, tag, i));
}

/* ---- standard normal space to the variables (Nataf) -------------------------------
 *
 * z = L u with L the lower-triangular Cholesky factor of the normal copula's
 * correlation (NULL: independent, z = u), summed in index order; then
 * x_i = F_i^-1(Phi(z_i)) (ps_dist_from_normal). */
static inline PS_HD void
ps_rel_u_to_x (unsigned n, const double *chol, const PsDist *dists, const double *u, double *z,
               double *x)
{
  for (unsigned i = 0; i < n; i++)
    {
      double s = 0.0;

      if (chol == NULL)
        s = u[i];
      else
        for (unsigned j = 0; j <= i; j++)
          s = s + chol[i * n + j] * u[j];
      z[i] = s;
      x[i] = ps_dist_from_normal (&dists[i], s);
    }
}

/* ---- exact sums -------------------------------------------------------------------
 *
 * A fixed-point accumulator wide enough for every finite double (a "long
 * accumulator", U. Kulisch, Computer Arithmetic and Validity, de Gruyter 2008, ch. 7):
 * 32-bit digits held in 64-bit signed limbs, limb i weighing 2^(32 i - 1074). Adding a
 * double adds its 53-bit significand into three limbs, exactly; carries are
 * propagated every 2^28 additions and before a merge. Integer addition is associative,
 * so the sum of any set of doubles is the same whatever the order and grouping of the
 * additions: the property that makes a partial summary merged from any chunking the
 * same to the bit. Non-finite terms are counted apart. */
#define PS_XSUM_LIMBS 68

typedef struct
{
  int64_t limb[PS_XSUM_LIMBS];
  uint32_t pending; /* additions since the last carry propagation */
  uint32_t nan;     /* NaN terms, or +inf and -inf together */
  uint32_t pos_inf; /* +inf terms */
  uint32_t neg_inf; /* -inf terms */
} PsXSum;

static inline PS_HD void
ps_xsum_init (PsXSum *s)
{
  for (int i = 0; i < PS_XSUM_LIMBS; i++)
    s->limb[i] = 0;
  s->pending = s->nan = s->pos_inf = s->neg_inf = 0;
}

/* Makes limbs 0 .. N-2 digits in [0, 2^32); the last limb carries the sign. */
static inline PS_HD void
ps_xsum_carry (PsXSum *s)
{
  for (int i = 0; i + 1 < PS_XSUM_LIMBS; i++)
    {
      int64_t v = s->limb[i];
      int64_t digit = (int64_t)((uint64_t)v & UINT64_C (0xffffffff));
      int64_t c = (v - digit) / (INT64_C (1) << 32); /* exact: v - digit is a multiple */

      s->limb[i] = digit;
      s->limb[i + 1] += c;
    }
  s->pending = 0;
}

static inline PS_HD void
ps_xsum_add (PsXSum *s, double x)
{
  uint64_t bits = ps_math_bits (x);
  uint64_t e = (bits >> 52) & 0x7ff;
  uint64_t mant = bits & UINT64_C (0x000fffffffffffff);
  int neg = (int)(bits >> 63);

  if (e == 0x7ff)
    {
      if (mant != 0)
        s->nan++;
      else if (neg)
        s->neg_inf++;
      else
        s->pos_inf++;
      return;
    }
  if (e == 0 && mant == 0)
    return;
  if (e == 0)
    e = 1; /* subnormal: the same weight as the smallest normal, no hidden bit */
  else
    mant |= UINT64_C (1) << 52;

  /* x = mant 2^(e - 1075) = mant 2^(p - 1074) with p = e - 1 in [0, 2045] */
  uint64_t p = e - 1;
  unsigned i = (unsigned)(p >> 5), sh = (unsigned)(p & 31);
  uint64_t t0 = (mant & UINT64_C (0xffffffff)) << sh;
  uint64_t t1 = (mant >> 32) << sh;
  int64_t d0 = (int64_t)(t0 & UINT64_C (0xffffffff));
  int64_t d1 = (int64_t)((t1 & UINT64_C (0xffffffff)) + (t0 >> 32));
  int64_t d2 = (int64_t)(t1 >> 32);

  if (neg)
    {
      d0 = -d0;
      d1 = -d1;
      d2 = -d2;
    }
  s->limb[i] += d0;
  s->limb[i + 1] += d1;
  s->limb[i + 2] += d2;
  if (++s->pending >= (UINT32_C (1) << 28))
    ps_xsum_carry (s);
}

/* acc += next (exactly). */
static inline PS_HD void
ps_xsum_merge (PsXSum *acc, const PsXSum *next)
{
  PsXSum n = *next;

  ps_xsum_carry (acc);
  ps_xsum_carry (&n);
  for (int i = 0; i < PS_XSUM_LIMBS; i++)
    acc->limb[i] += n.limb[i];
  acc->nan += n.nan;
  acc->pos_inf += n.pos_inf;
  acc->neg_inf += n.neg_inf;
  ps_xsum_carry (acc);
}

/* ---- Latin hypercube strata ---------------------------------------------------------
 *
 * Sample i of n takes, for variable v, the stratum pi_v(i) of a permutation pi_v of
 * [0, n) computed from i alone: a balanced Feistel network on the smallest domain of
 * 2^(2h) >= n elements, whose round function is Philox keyed by (seed, v), walked
 * again while the image falls outside [0, n) ("cycle walking", J. Black and P.
 * Rogaway, "Ciphers with arbitrary finite domains", CT-RSA 2002). A Feistel network is
 * a bijection whatever its round function, and cycle walking restricts a bijection of
 * the larger domain to one of [0, n); so every sample gets its own stratum and any
 * range of samples can be drawn alone. */
static inline PS_HD uint64_t
ps_rel_feistel (uint64_t x, unsigned half_bits, uint64_t seed, uint32_t var)
{
  uint64_t mask = (UINT64_C (1) << half_bits) - 1;
  uint64_t l = x >> half_bits, r = x & mask;

  for (uint32_t round = 0; round < 4; round++)
    {
      uint32_t key[2] = { (uint32_t)seed, var };
      uint32_t ctr[4]
          = { (uint32_t)r, (uint32_t)(r >> 32), round ^ (uint32_t)(seed >> 32), PS_REL_TAG_PERM };
      uint32_t out[4];

      ps_philox4x32_10 (ctr, key, out);
      uint64_t f = ((uint64_t)out[1] << 32 | out[0]) & mask;
      uint64_t nl = r;

      r = l ^ f;
      l = nl;
    }
  return (l << half_bits) | r;
}

static inline PS_HD uint64_t
ps_rel_lhs_stratum (uint64_t i, uint64_t n, uint64_t seed, uint32_t var)
{
  unsigned half = 1;

  while ((UINT64_C (1) << (2 * half)) < n)
    half++;
  uint64_t y = ps_rel_feistel (i, half, seed, var);
  while (y >= n)
    y = ps_rel_feistel (y, half, seed, var);
  return y;
}

/* The LHS uniform of sample i of n for variable v: (pi_v(i) + U) / n. */
static inline PS_HD double
ps_rel_lhs_uniform (uint64_t i, uint64_t n, uint64_t seed, uint32_t var)
{
  double u = ps_rel_uniform (seed, var, PS_REL_TAG_LHS, i);

  return ((double)ps_rel_lhs_stratum (i, n, seed, var) + u) / (double)n;
}
