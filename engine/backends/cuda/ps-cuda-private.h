/* ps-cuda-private.h: what the gpu backend's .cu files share (ps-cuda.cu and one
 * ps-cuda-KIND.cu per study kind): errors, device buffers and their pinned host
 * mirrors, the double-buffered slots, and block reductions.
 *
 * Everything here is static and inline in each file that includes it, so that every
 * .cu file is compiled on its own by nvcc with no relocatable device code (-rdc):
 * no device function is called across files.
 */
#pragma once

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cuda_runtime.h>

#include "ps-cuda.h"

/* ---------------------------------------------------------------------------------
 * Errors
 * ------------------------------------------------------------------------------ */

static inline int
cuda_fail (cudaError_t e, const char *call, char *err)
{
  if (err != NULL)
    snprintf (err, PS_CUDA_ERR_LEN, "%s: %s (%s)", call, cudaGetErrorString (e),
              cudaGetErrorName (e));
  return -1;
}

/* Evaluates a CUDA runtime call; on failure fills err naming the call and jumps to
 * the function's `fail:` label. */
#define CU(fn, args)                                                                               \
  do                                                                                               \
    {                                                                                              \
      cudaError_t e_ = fn args;                                                                    \
      if (e_ != cudaSuccess)                                                                       \
        {                                                                                          \
          cuda_fail (e_, #fn, err);                                                                \
          goto fail;                                                                               \
        }                                                                                          \
    }                                                                                              \
  while (0)

/* A kernel launch: its configuration errors come from cudaGetLastError. */
#define CU_LAUNCH(name)                                                                            \
  do                                                                                               \
    {                                                                                              \
      cudaError_t e_ = cudaGetLastError ();                                                        \
      if (e_ != cudaSuccess)                                                                       \
        {                                                                                          \
          cuda_fail (e_, "launch of " name, err);                                                  \
          goto fail;                                                                               \
        }                                                                                          \
    }                                                                                              \
  while (0)

/* A study's handle, zeroed; NULL with err filled when the host is out of memory. */
static inline void *
handle_new (size_t size, char *err)
{
  void *h = calloc (1, size);

  if (h == NULL)
    snprintf (err, PS_CUDA_ERR_LEN, "out of host memory");
  return h;
}

/* A device buffer and its pinned host mirror, of @bytes each. */
template <typename T>
static inline int
alloc_pair (T **dev, T **host, size_t bytes, char *err)
{
  CU (cudaMalloc, (dev, bytes));
  CU (cudaMallocHost, (host, bytes));
  return 0;
fail:
  return -1;
}

static inline void
dev_free (void *p)
{
  if (p != NULL)
    cudaFree (p);
}

static inline void
host_free (void *p)
{
  if (p != NULL)
    cudaFreeHost (p);
}

/* The tables of a study live in one device allocation, each at a 16-byte boundary. */
static inline size_t
table_span (size_t bytes)
{
  return (bytes + 15) / 16 * 16;
}

/* Points @field at @d (device), copies @bytes there from @src and advances @d past
 * the table. A table of no bytes is not copied: its @src may be NULL. */
template <typename T>
static inline int
put_table (char **d, const T **field, const T *src, size_t bytes, char *err)
{
  *field = (const T *)*d;
  if (bytes > 0)
    CU (cudaMemcpy, (*d, src, bytes, cudaMemcpyHostToDevice));
  *d += table_span (bytes);
  return 0;
fail:
  return -1;
}

/* ---------------------------------------------------------------------------------
 * Slots: a stream, events for the timing, and the batch they hold
 * ------------------------------------------------------------------------------ */

typedef struct
{
  cudaStream_t stream;
  cudaEvent_t ev[4]; /* before H2D, after H2D, after the kernel, after D2H */
  uint64_t n;        /* items of the batch in flight */
  int busy;
} Slot;

static inline int
slot_init (Slot *s, char *err)
{
  memset (s, 0, sizeof *s);
  CU (cudaStreamCreateWithFlags, (&s->stream, cudaStreamNonBlocking));
  for (int i = 0; i < 4; i++)
    CU (cudaEventCreate, (&s->ev[i]));
  return 0;
fail:
  return -1;
}

static inline void
slot_clear (Slot *s)
{
  if (s->stream != NULL)
    cudaStreamSynchronize (s->stream);
  for (int i = 0; i < 4; i++)
    if (s->ev[i] != NULL)
      cudaEventDestroy (s->ev[i]);
  if (s->stream != NULL)
    cudaStreamDestroy (s->stream);
  memset (s, 0, sizeof *s);
}

/* Starts a batch of @n (1 to @max) @unit on the slot: the first event. */
static inline int
slot_start (Slot *s, uint64_t n, uint64_t max, const char *what, const char *unit, char *err)
{
  if (n == 0 || n > max)
    {
      snprintf (err, PS_CUDA_ERR_LEN, "%s batch of %llu %s (at most %llu)", what,
                (unsigned long long)n, unit, (unsigned long long)max);
      return -1;
    }
  s->n = n;
  CU (cudaEventRecord, (s->ev[0], s->stream));
  return 0;
fail:
  return -1;
}

/* Ends the slot's batch, once its copies back are queued: the last event. */
static inline int
slot_finish (Slot *s, char *err)
{
  CU (cudaEventRecord, (s->ev[3], s->stream));
  s->busy = 1;
  return 0;
fail:
  return -1;
}

static inline int
slot_wait (Slot *s, PsCudaTiming *t, char *err)
{
  CU (cudaEventSynchronize, (s->ev[3]));
  s->busy = 0;
  if (t != NULL)
    {
      CU (cudaEventElapsedTime, (&t->h2d_ms, s->ev[0], s->ev[1]));
      CU (cudaEventElapsedTime, (&t->kernel_ms, s->ev[1], s->ev[2]));
      CU (cudaEventElapsedTime, (&t->d2h_ms, s->ev[2], s->ev[3]));
    }
  return 0;
fail:
  s->busy = 0;
  return -1;
}

/* ---------------------------------------------------------------------------------
 * Block reductions
 * ------------------------------------------------------------------------------ */

__device__ static inline uint64_t
warp_sum_u64 (uint64_t v)
{
  for (int o = 16; o > 0; o >>= 1)
    v += __shfl_down_sync (0xffffffffu, v, o);
  return v;
}

/* Sums @v over the block (blockDim.x a multiple of 32, at most 1024); the result is
 * valid in thread 0. Every thread of the block must call it. */
__device__ static inline uint64_t
block_sum_u64 (uint64_t v, uint64_t *shared /* 32 */)
{
  int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;

  v = warp_sum_u64 (v);
  __syncthreads (); /* shared may still be read by a previous call */
  if (lane == 0)
    shared[warp] = v;
  __syncthreads ();
  if (warp == 0)
    {
      v = lane < (int)(blockDim.x >> 5) ? shared[lane] : 0;
      v = warp_sum_u64 (v);
    }
  return v;
}
