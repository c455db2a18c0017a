/* ps-cuda-regression.h: the regression kernel, as plain C for the host side
 * (ps-gpu-regression.c); implemented in ps-cuda-regression.cu. See ps-cuda.h for the
 * conventions (errors, slots). */
#pragma once

#include "ps-regression-math-private.h"

#include "ps-cuda.h"

#ifdef __cplusplus
extern "C"
{
#endif

  /* ---------------------------------------------------------------------------------
   * Regression: one CUDA block per specimen. Synthetic specimens are generated on the
   * device; CSV specimens are packed by the host into a slot's input buffer.
   * ------------------------------------------------------------------------------ */

  typedef struct
  {
    int synthetic;
    /* Synthetic source (ps_reg_synth_init ()) */
    uint64_t points;
    PsDist E, fy, noise_sd;
    double hardening, max_strain;
    uint64_t seed;
    PsRegFitParams fit;
    uint64_t n_items;
    uint64_t cycle_items;
    /* The most points a batch holds (CSV: the sum over its specimens). */
    uint64_t max_batch_points;
  } PsCudaRegParams;

  /* One specimen's fit and its PsRegError (PS_REG_OK when fitted). */
  typedef struct
  {
    PsSpecimenFit fit;
    int err;
  } PsCudaRegFit;

  typedef struct _PsCudaReg PsCudaReg;

  PsCudaReg *ps_cuda_reg_new (const PsCudaRegParams *p, uint64_t max_specimens, char *err);
  /* CSV input: the slot's pinned buffers to fill before launching: @x and @y hold
   * max_batch_points values, @offsets max_specimens + 1. */
  void ps_cuda_reg_input (PsCudaReg *r, int slot, double **x, double **y, uint64_t **offsets);
  /* Fits specimens [first, first + n). CSV: the slot's input buffers hold their points,
   * specimen k's at offsets[k] .. offsets[k + 1]. */
  int ps_cuda_reg_launch (PsCudaReg *r, int slot, uint64_t first, uint64_t n, char *err);
  int ps_cuda_reg_wait (PsCudaReg *r, int slot, const PsCudaRegFit **out, PsCudaTiming *t,
                        char *err);
  void ps_cuda_reg_free (PsCudaReg *r);

#ifdef __cplusplus
}
#endif
