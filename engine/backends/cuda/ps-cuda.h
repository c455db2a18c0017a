/* ps-cuda.h: the CUDA side of the gpu backend, as plain C for ps-backend-gpu.c.
 *
 * Everything here is implemented in ps-cuda.cu (one translation unit, so that nvcc
 * compiles the device code for each architecture once). The host backend keeps the
 * study, the chunks and the commits; this layer only moves plain arrays to the device,
 * runs the kernels and brings the per-chunk (or per-block, per-specimen) results back.
 *
 * Every function that can fail returns 0 on success and -1 on failure, with a message
 * naming the CUDA call in @err (PS_CUDA_ERR_LEN bytes), e.g.
 * "cudaMalloc: out of memory". Nothing here uses managed memory.
 *
 * Work is double-buffered: each context has two slots, each with its own stream and
 * buffers. ..._launch() queues a batch on a slot and returns at once; ..._wait() waits
 * for that slot and hands its results back, so the host commits one batch while the
 * device computes the next.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "ps-beam-math-private.h"
#include "ps-dist.h"
#include "ps-expr.h"
#include "ps-regression-math-private.h"

#ifdef __cplusplus
extern "C"
{
#endif

#define PS_CUDA_ERR_LEN 256
#define PS_CUDA_SLOTS 2

  typedef struct
  {
    int device_count;
    int driver_version;  /* e.g. 13000 for 13.0; 0 when no driver */
    int runtime_version; /* of the statically linked runtime */
    int device;          /* the device used: 0 */
    char name[256];
    int cc_major, cc_minor;
    size_t total_memory;
    int multiprocessors;
  } PsCudaInfo;

  /* Device time of the last waited batch of a slot, from CUDA events (ms). */
  typedef struct
  {
    float h2d_ms;    /* host to device copies */
    float kernel_ms; /* kernels */
    float d2h_ms;    /* device to host copies */
  } PsCudaTiming;

  /* 0 with @info filled when a driver and at least one device are present; else -1
   * with the reason in @err ("no NVIDIA driver found", "no CUDA device", ...). Safe on
   * a machine without libcuda: the static runtime loads the driver lazily. */
  int ps_cuda_probe (PsCudaInfo *info, char *err);

  /* Free and total memory of the current device (cudaMemGetInfo). */
  int ps_cuda_mem_info (size_t *free_bytes, size_t *total_bytes, char *err);

  /* ---------------------------------------------------------------------------------
   * Beam: one thread per configuration, one CUDA block per chunk, the chunk's summary
   * reduced on the device; with rows, every configuration's row fields stored as
   * structure of arrays and copied back with the batch.
   * ------------------------------------------------------------------------------ */

#define PS_CUDA_BEAM_N_OUT PS_BEAM_N_OUT

  typedef struct
  {
    int support;   /* PsSupport */
    int load_case; /* PsLoadCase */
    int self_weight;
    double limit_ratio, limit_abs, safety_factor;
    uint64_t n_materials, n_sections, n_span, n_load, n_position;
    const double *mat_E, *mat_fd, *mat_density; /* n_materials each */
    const double *sec_A, *sec_I, *sec_W;        /* n_sections each */
    const uint8_t *sec_invalid;                 /* n_sections: 1 where sec->error */
    const double *span, *load, *position;       /* the grid's values */
    uint64_t n_items;
    uint64_t cycle_items; /* 0, or the study's own item count (scaling runs) */
    uint64_t chunk_items;
    int rows; /* store each item's row fields (ps_cuda_beam_rows) */
  } PsCudaBeamParams;

  /* One chunk's partial summary, the fields of PsBeamSummary. */
  typedef struct
  {
    uint64_t valid, passing, fail_deflection, fail_strength, errors;
    uint64_t lightest_item; /* UINT64_MAX when nothing passes */
    double lightest_mass;
    double min[PS_CUDA_BEAM_N_OUT];
    double max[PS_CUDA_BEAM_N_OUT];
  } PsCudaBeamChunk;

  typedef struct _PsCudaBeam PsCudaBeam;

  /* @max_chunks: the most chunks one batch holds. */
  PsCudaBeam *ps_cuda_beam_new (const PsCudaBeamParams *p, uint64_t max_chunks, char *err);
  int ps_cuda_beam_launch (PsCudaBeam *b, int slot, uint64_t first_chunk, uint64_t n_chunks,
                           char *err);
  /* Waits for @slot; *@out points at its n_chunks results (pinned, valid until the
   * slot's next launch). */
  int ps_cuda_beam_wait (PsCudaBeam *b, int slot, const PsCudaBeamChunk **out, PsCudaTiming *t,
                         char *err);
  /* With p->rows, after ps_cuda_beam_wait (): the row fields of the slot's batch
   * (pinned, valid until the slot's next launch). Field f (a PsBeamRowValue) of the
   * batch's i-th item is values[f][i], its checks flags[i] (PS_BEAM_ROW_PASS_*); items
   * in error have none (their chunk's errors count is not 0). */
  void ps_cuda_beam_rows (PsCudaBeam *b, int slot, const double *values[PS_BEAM_N_ROW],
                          const uint8_t **flags);
  void ps_cuda_beam_free (PsCudaBeam *b);

  /* ---------------------------------------------------------------------------------
   * Reliability: one CUDA block per item (PS_REL_BLOCK samples), failures and NaN
   * samples counted per block; the partial counts of the convergence checkpoints that
   * fall inside a block are written by that block.
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
