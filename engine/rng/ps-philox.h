/* ps-philox.h: the counter-based random streams of the Monte Carlo study.
 *
 * The generator is Philox4x32-10 exactly as Random123 defines it (Salmon, Moraes,
 * Dror and Shaw, "Parallel random numbers: as easy as 1, 2, 3", SC'11): ten rounds,
 * multipliers 0xD2511F53 and 0xCD9E8D57, key increments 0x9E3779B9 and 0xBB67AE85.
 * tests/test-rng.c checks it bit for bit against Random123's philox4x32() and its
 * published known-answer vectors.
 *
 * THE STREAM CONTRACT, which every backend (serial, threads, processes, MPI, CUDA)
 * implements identically, so that sample i of variable v is the same number
 * everywhere and for every worker count:
 *
 *   study seed s (64 bits), variable index v (32 bits), sample index i (64 bits):
 *
 *     key     = { (uint32) s, v }
 *     counter = { (uint32) (i >> 2), (uint32) (i >> 34), (uint32) (s >> 32), 0x50534D43 }
 *     out     = philox4x32_10 (counter, key)
 *
 *   The four outputs are the variable's raw numbers for samples 4 floor(i/4) ..
 *   4 floor(i/4) + 3; sample i takes out[i & 3], as the uniform in (0, 1)
 *
 *     u = ((double) out[i & 3] + 0.5) * 2^-32
 *
 *   (exact in a double; never 0 or 1; 2^-33 <= u <= 1 - 2^-33). The last counter
 *   word, "PSMC", keeps these streams apart from any other use of the same keys.
 *
 * The block function ps_rng_uniforms() fills uniforms for a range of samples; its
 * values are those of the scalar definition, whatever the range's start and length.
 */
#pragma once

#include <stdint.h>

#include "ps-hd-private.h"

#define PS_PHILOX_M0 UINT32_C (0xD2511F53)
#define PS_PHILOX_M1 UINT32_C (0xCD9E8D57)
#define PS_PHILOX_W0 UINT32_C (0x9E3779B9)
#define PS_PHILOX_W1 UINT32_C (0xBB67AE85)
#define PS_RNG_TAG UINT32_C (0x50534D43) /* "PSMC" */

/* Random123's philox4x32 (ctr, key) with its default 10 rounds. */
static inline PS_HD void
ps_philox4x32_10 (const uint32_t ctr[4], const uint32_t key[2], uint32_t out[4])
{
  uint32_t x0 = ctr[0], x1 = ctr[1], x2 = ctr[2], x3 = ctr[3];
  uint32_t k0 = key[0], k1 = key[1];

  for (int r = 0; r < 10; r++)
    {
      uint64_t p0 = (uint64_t)PS_PHILOX_M0 * x0;
      uint64_t p1 = (uint64_t)PS_PHILOX_M1 * x2;
      uint32_t y0 = (uint32_t)(p1 >> 32) ^ x1 ^ k0;
      uint32_t y2 = (uint32_t)(p0 >> 32) ^ x3 ^ k1;

      x1 = (uint32_t)p1;
      x3 = (uint32_t)p0;
      x0 = y0;
      x2 = y2;
      k0 += PS_PHILOX_W0;
      k1 += PS_PHILOX_W1;
    }
  out[0] = x0;
  out[1] = x1;
  out[2] = x2;
  out[3] = x3;
}

/* The key and counter of the Philox block that holds sample i (the contract above). */
static inline PS_HD void
ps_rng_key_counter (uint64_t seed, uint32_t var, uint64_t i, uint32_t key[2], uint32_t ctr[4])
{
  key[0] = (uint32_t)seed;
  key[1] = var;
  ctr[0] = (uint32_t)(i >> 2);
  ctr[1] = (uint32_t)(i >> 34);
  ctr[2] = (uint32_t)(seed >> 32);
  ctr[3] = PS_RNG_TAG;
}

/* A raw 32-bit output as a uniform in (0, 1). */
static inline PS_HD double
ps_rng_u01 (uint32_t x)
{
  return ((double)x + 0.5) * 0x1p-32;
}

/* The uniform of sample i of variable var: the scalar definition. */
static inline PS_HD double
ps_rng_uniform (uint64_t seed, uint32_t var, uint64_t i)
{
  uint32_t key[2], ctr[4], out[4];

  ps_rng_key_counter (seed, var, i, key, ctr);
  ps_philox4x32_10 (ctr, key, out);
  return ps_rng_u01 (out[i & 3]);
}

#if !defined(__CUDACC__)
#include <glib.h>

G_BEGIN_DECLS

void ps_rng_uniforms (guint64 seed, guint32 var, guint64 first_sample, gsize n, double *out);

G_END_DECLS
#endif
