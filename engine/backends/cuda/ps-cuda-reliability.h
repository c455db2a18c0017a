/* ps-cuda-reliability.h: the reliability kernel, as plain C for the host side
 * (ps-gpu-reliability.c); implemented in ps-cuda-reliability.cu. See ps-cuda.h for the
 * conventions (errors, slots). */
#pragma once

#include "ps-dist.h"
#include "ps-expr.h"

#include "ps-cuda.h"

#ifdef __cplusplus
extern "C"
{
#endif

  /* ---------------------------------------------------------------------------------
   * Reliability: one CUDA block per item (PS_REL_BLOCK samples), failures (finite
   * g <= 0) and samples where g is NaN or infinite counted per block; the partial
   * counts of the convergence checkpoints that fall inside a block are written by
   * that block.
   * ------------------------------------------------------------------------------ */

#define PS_CUDA_REL_MAX_VARS 64

  typedef struct
  {
    uint64_t seed;
    uint64_t max_samples;
    uint64_t block_samples; /* PS_REL_BLOCK */
    unsigned n_vars;
    const PsDist *dists;  /* n_vars */
    const uint32_t *keys; /* n_vars */
    const PsExprOp *code; /* n_ops */
    unsigned n_ops;
    unsigned n_checkpoints;
    const uint64_t *checkpoints; /* n_checkpoints, increasing */
  } PsCudaRelParams;

  typedef struct
  {
    const uint32_t *fails; /* per block of the batch */
    const uint32_t *nans;
    /* Per checkpoint k (all of them): failures and NaN samples of the block holding
     * checkpoint k, among its samples before it. Only entries of checkpoints inside the
     * batch are written by this batch. */
    const uint32_t *cp_fails;
    const uint32_t *cp_nans;
  } PsCudaRelResult;

  typedef struct _PsCudaRel PsCudaRel;

  PsCudaRel *ps_cuda_rel_new (const PsCudaRelParams *p, uint64_t max_blocks, char *err);
  int ps_cuda_rel_launch (PsCudaRel *r, int slot, uint64_t first_block, uint64_t n_blocks,
                          char *err);
  int ps_cuda_rel_wait (PsCudaRel *r, int slot, PsCudaRelResult *out, PsCudaTiming *t, char *err);
  void ps_cuda_rel_free (PsCudaRel *r);

#ifdef __cplusplus
}
#endif
