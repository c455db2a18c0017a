/* ps-cuda-beam.h: the beam kernel, as plain C for the host side
 * (ps-gpu-beam.c); implemented in ps-cuda-beam.cu. See ps-cuda.h for the
 * conventions (errors, slots). */
#pragma once

#include "ps-beam-math-private.h"

#include "ps-cuda.h"

#ifdef __cplusplus
extern "C"
{
#endif

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

#ifdef __cplusplus
}
#endif
