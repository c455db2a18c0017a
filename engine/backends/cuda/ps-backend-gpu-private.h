/* ps-backend-gpu-private.h: what the gpu backend's host side shares with each study
 * kind's part of it (ps-gpu-KIND.c).
 *
 * A kind with kernels gives a PsGpuKind: its run() copies the study's tables to the
 * device (its ps-cuda-KIND.cu), sets the batch size that device memory allows
 * (ps_gpu_batch_chunks(), ps_gpu_fit_memory()) and hands its three steps to
 * ps_gpu_run_batches(): launch a batch on a slot, wait for it, commit one of its
 * chunks. A chunk the device found items in error in is committed by the kind's own
 * CPU code instead (ps_gpu_commit_host_chunk()), so that its messages are the kind's.
 * ps-backend-gpu.c lists the kinds; a kind that is not listed runs on the host.
 */
#pragma once

#include "ps-backend-gpu.h"
#include "ps-cuda.h"
#include "study/ps-study-private.h"

G_BEGIN_DECLS

typedef struct
{
  PsExec *exec;
  const PsStudy *study;
  PsRowsMode rows_mode;
  guint64 n_chunks, chunk_items;
  guint64 first_chunk; /* the first to evaluate: 0, or where a resumed run goes on */
  guint64 batch_chunks;
  gpointer workspace; /* the kind's, for host chunks */
  gpointer summary;   /* the chunk being committed */
  PsErrors errors;
  PsBuf rows;
  guint64 slot_first[PS_CUDA_SLOTS]; /* first chunk of the batch in a slot */
  guint64 slot_n[PS_CUDA_SLOTS];
  PsGpuTiming timing;
  char err[PS_CUDA_ERR_LEN];
} PsGpu;

typedef struct
{
  int (*launch) (PsGpu *g, gpointer ctx, int slot, guint64 first_chunk, guint64 n_chunks);
  int (*wait) (PsGpu *g, gpointer ctx, int slot, PsCudaTiming *t);
  /* Commits chunk @chunk, the @index-th of the batch in @slot. */
  void (*commit) (PsGpu *g, gpointer ctx, int slot, guint64 chunk, guint64 index);
} PsGpuSteps;

typedef struct
{
  const char *kind; /* the study kind's name (PsKindClass) */
  gboolean (*run) (PsGpu *g, GError **error);
} PsGpuKind;

extern const PsGpuKind ps_gpu_beam;
extern const PsGpuKind ps_gpu_reliability;
extern const PsGpuKind ps_gpu_regression;

/* FALSE, with @error holding g->err. */
gboolean ps_gpu_cuda_error (PsGpu *g, GError **error);
/* The chunks per batch: PARASTUDY_GPU_BATCH_CHUNKS, else @def; at most the study's
 * chunks. */
guint64 ps_gpu_batch_chunks (const PsGpu *g, guint64 def);
/* Halves @chunks until @bytes_per_chunk * chunks + @fixed_bytes fits in half the
 * device's free memory. FALSE (with @error) when not even one chunk fits. */
gboolean ps_gpu_fit_memory (PsGpu *g, guint64 bytes_per_chunk, guint64 fixed_bytes, guint64 *chunks,
                            GError **error);
/* Evaluates chunk @k with the kind's own code and commits it. */
void ps_gpu_commit_host_chunk (PsGpu *g, guint64 k);
/* Every chunk of the run on the host, in order, with the kind's own code: for a kind
 * without kernels, or a study its kernels do not cover (a beam design study). */
gboolean ps_gpu_run_host (PsGpu *g, GError **error);
/* Commits chunk @k with the summary in g->summary and the rows in g->rows, both made
 * from what the device computed (a chunk without item errors). */
void ps_gpu_commit_device_chunk (PsGpu *g, guint64 k);
/* The first item of chunk @k as the kind numbers it: the study's own index, for a
 * chunk of a scaling run that does not wrap round the study's items. */
guint64 ps_gpu_chunk_first_item (const PsGpu *g, guint64 k);
/* Every chunk of the run, two batches in flight, committed in chunk order; a chunk
 * that wraps round the study's items (a scaling run) is committed by the host. */
gboolean ps_gpu_run_batches (PsGpu *g, const PsGpuSteps *steps, gpointer ctx, GError **error);

G_END_DECLS
