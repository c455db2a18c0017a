/* ps-cuda.cu: the kernels of the gpu backend and their host wrappers (ps-cuda.h).
 *
 * Compiled by nvcc with --fmad=false: every floating expression here is evaluated as
 * written, one rounding per operation, as the CPU code compiled with
 * -ffp-contract=off evaluates it. That, and calling the very same PS_HD functions as
 * the CPU code, is what makes the GPU's samples, counts and fits bitwise those of the
 * serial backend: ps-math.h, ps-dist.h and ps-philox.h for the random numbers, and the
 * study kinds' own arithmetic, which lives in engine/studies/beam/ps-beam-math.h (grid
 * index to parameters, the closed forms and the point load off midspan) and
 * ps-regression-math.h (synthetic specimens, the co-moments, the window, the line and
 * the offset yield) and is included by ps-beam.c and ps-regression.c as well. There
 * is no second copy of the beam or regression formulas here: only how the work is
 * spread over threads and how partial results are reduced. The one device-only piece
 * of the fit is its first pass, the maximum stress and where it first occurs, reduced
 * over a block: exact in any order, and then handed to ps_reg_fit_after_max () as the
 * CPU hands its own. The limit state is run by ps_expr_run () of ps-expr-eval.h, the
 * interpreter ps_expr_eval () runs on the CPU.
 */
#include <float.h>
#include <stdio.h>
#include <string.h>

#include <cuda_runtime.h>

#include "ps-cuda.h"
#include "ps-expr-eval-private.h"
#include "ps-philox.h"

#define THREADS 256
#define REG_THREADS 128

/* ---------------------------------------------------------------------------------
 * Errors
 * ------------------------------------------------------------------------------ */

static int
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
static void *
handle_new (size_t size, char *err)
{
  void *h = calloc (1, size);

  if (h == NULL)
    snprintf (err, PS_CUDA_ERR_LEN, "out of host memory");
  return h;
}

/* A device buffer and its pinned host mirror, of @bytes each. */
template <typename T>
static int
alloc_pair (T **dev, T **host, size_t bytes, char *err)
{
  CU (cudaMalloc, (dev, bytes));
  CU (cudaMallocHost, (host, bytes));
  return 0;
fail:
  return -1;
}

static void
dev_free (void *p)
{
  if (p != NULL)
    cudaFree (p);
}

static void
host_free (void *p)
{
  if (p != NULL)
    cudaFreeHost (p);
}

/* The tables of a study live in one device allocation, each at a 16-byte boundary. */
static size_t
table_span (size_t bytes)
{
  return (bytes + 15) / 16 * 16;
}

/* Points @field at @d (device), copies @bytes there from @src and advances @d past
 * the table. A table of no bytes is not copied: its @src may be NULL. */
template <typename T>
static int
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
 * Detection
 * ------------------------------------------------------------------------------ */

/* The oldest architecture this build has machine code for (meson.build: sm_80). */
#define OLDEST_CC_MAJOR 8

extern "C" int
ps_cuda_probe (PsCudaInfo *info, char *err)
{
  cudaDeviceProp prop;
  cudaError_t e;
  int n = 0;

  memset (info, 0, sizeof *info);
  cudaRuntimeGetVersion (&info->runtime_version);
  /* With no libcuda.so.1 to load, the static runtime reports driver version 0. */
  e = cudaDriverGetVersion (&info->driver_version);
  if (e != cudaSuccess || info->driver_version == 0)
    {
      snprintf (err, PS_CUDA_ERR_LEN, "no NVIDIA driver found (libcuda.so.1 is not installed)");
      return -1;
    }
  e = cudaGetDeviceCount (&n);
  if (e == cudaErrorNoDevice || (e == cudaSuccess && n == 0))
    {
      cudaGetLastError ();
      snprintf (err, PS_CUDA_ERR_LEN, "no CUDA device");
      return -1;
    }
  if (e == cudaErrorInsufficientDriver)
    {
      cudaGetLastError ();
      snprintf (err, PS_CUDA_ERR_LEN,
                "the NVIDIA driver supports CUDA %d.%d, older than this build's runtime "
                "(CUDA %d.%d)",
                info->driver_version / 1000, info->driver_version % 1000 / 10,
                info->runtime_version / 1000, info->runtime_version % 1000 / 10);
      return -1;
    }
  if (e != cudaSuccess)
    {
      cudaGetLastError ();
      return cuda_fail (e, "cudaGetDeviceCount", err);
    }
  info->device_count = n;
  info->device = 0;
  e = cudaGetDeviceProperties (&prop, 0);
  if (e != cudaSuccess)
    return cuda_fail (e, "cudaGetDeviceProperties", err);
  snprintf (info->name, sizeof info->name, "%s", prop.name);
  info->cc_major = prop.major;
  info->cc_minor = prop.minor;
  info->total_memory = prop.totalGlobalMem;
  info->multiprocessors = prop.multiProcessorCount;
  if (prop.major < OLDEST_CC_MAJOR)
    {
      snprintf (err, PS_CUDA_ERR_LEN,
                "%.100s has compute capability %d.%d; this build runs on %d.0 and newer", prop.name,
                prop.major, prop.minor, OLDEST_CC_MAJOR);
      return -1;
    }
  return 0;
}

extern "C" int
ps_cuda_mem_info (size_t *free_bytes, size_t *total_bytes, char *err)
{
  CU (cudaMemGetInfo, (free_bytes, total_bytes));
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

static int
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

static void
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
static int
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
static int
slot_finish (Slot *s, char *err)
{
  CU (cudaEventRecord, (s->ev[3], s->stream));
  s->busy = 1;
  return 0;
fail:
  return -1;
}

static int
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
__device__ static uint64_t
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

/* ---------------------------------------------------------------------------------
 * Beam (the arithmetic of ps-beam-math.h)
 * ------------------------------------------------------------------------------ */

typedef struct
{
  PsCudaBeamParams p; /* device pointers */
  PsBeamCase c;
  uint64_t batch_items; /* rows: the length of each column of a slot (its stride) */
} BeamK;

/* One CUDA block per chunk; the block's threads take the chunk's items in turn and
 * their partials are reduced in shared memory. The summary's counts are order-free;
 * min and max are exact whatever the order; the lightest passing configuration is the
 * smallest mass, then the smallest item, which is what the serial backend's
 * strict-less-than in item order keeps.
 *
 * With @rows (else NULL) each valid item's row fields are also stored, structure of
 * arrays: field f of the item at position i of the batch at rows[f * batch_items + i]
 * and its checks at flags[i], so that a warp's stores are contiguous. */
__global__ static void
__launch_bounds__ (THREADS)
    beam_kernel (BeamK k, uint64_t first_chunk, PsCudaBeamChunk *out, double *rows, uint8_t *flags)
{
  __shared__ uint64_t sh_u[32];
  __shared__ double sh_v[THREADS];
  __shared__ uint64_t sh_i[THREADS];
  uint64_t chunk = first_chunk + blockIdx.x;
  uint64_t begin = chunk * k.p.chunk_items;
  uint64_t end = begin + k.p.chunk_items < k.p.n_items ? begin + k.p.chunk_items : k.p.n_items;
  uint64_t inner = k.p.n_load * k.p.n_position;
  uint64_t batch_begin = first_chunk * k.p.chunk_items;
  uint64_t valid = 0, passing = 0, fail_d = 0, fail_s = 0, errors = 0;
  uint64_t light_item = UINT64_MAX;
  double light_mass = INFINITY;
  double vmin[PS_BEAM_N_OUT], vmax[PS_BEAM_N_OUT];
  PsCudaBeamChunk *o = &out[blockIdx.x];

  for (int j = 0; j < PS_BEAM_N_OUT; j++)
    {
      vmin[j] = INFINITY;
      vmax[j] = -INFINITY;
    }
  for (uint64_t item = begin + threadIdx.x; item < end; item += blockDim.x)
    {
      uint64_t it = k.p.cycle_items ? item % k.p.cycle_items : item;
      uint64_t im, is, iL, jj;
      PsBeamRunCoef r;
      PsBeamOutputs bo;
      double v[PS_BEAM_N_OUT];

      ps_beam_item_group (it, inner, k.p.n_span, k.p.n_sections, &im, &is, &iL, &jj);
      if (k.p.sec_invalid[is])
        {
          errors++;
          continue;
        }
      ps_beam_run_coef (&k.c, k.p.mat_E[im], k.p.mat_fd[im], k.p.mat_density[im], k.p.sec_A[is],
                        k.p.sec_I[is], k.p.sec_W[is], k.p.span[iL], &r);
      if (k.p.load_case != PS_LOAD_POINT_AT)
        ps_beam_fast_outputs (&r, k.p.load[jj], &bo);
      else if (!ps_beam_point_at_outputs (&r, k.p.load[jj / k.p.n_position],
                                          k.p.position[jj % k.p.n_position], &bo))
        {
          errors++;
          continue;
        }
      valid++;
      ps_beam_out_values (&bo, v);
      for (int j = 0; j < PS_BEAM_N_OUT; j++)
        {
          vmin[j] = v[j] < vmin[j] ? v[j] : vmin[j];
          vmax[j] = v[j] > vmax[j] ? v[j] : vmax[j];
        }
      fail_d += !bo.pass_deflection;
      fail_s += !bo.pass_strength;
      if (bo.pass_deflection && bo.pass_strength)
        {
          passing++;
          /* Items rise within a thread: the first of a mass is kept. */
          if (bo.mass < light_mass)
            {
              light_mass = bo.mass;
              light_item = it;
            }
        }
      if (rows != NULL)
        {
          double rv[PS_BEAM_N_ROW];
          uint64_t at = item - batch_begin;

          ps_beam_row_values (&bo, rv);
          for (int f = 0; f < PS_BEAM_N_ROW; f++)
            rows[f * k.batch_items + at] = rv[f];
          flags[at] = ps_beam_row_flags (&bo);
        }
    }

  valid = block_sum_u64 (valid, sh_u);
  if (threadIdx.x == 0)
    o->valid = valid;
  passing = block_sum_u64 (passing, sh_u);
  if (threadIdx.x == 0)
    o->passing = passing;
  fail_d = block_sum_u64 (fail_d, sh_u);
  if (threadIdx.x == 0)
    o->fail_deflection = fail_d;
  fail_s = block_sum_u64 (fail_s, sh_u);
  if (threadIdx.x == 0)
    o->fail_strength = fail_s;
  errors = block_sum_u64 (errors, sh_u);
  if (threadIdx.x == 0)
    o->errors = errors;

  /* min and max, one output at a time, by a tree in shared memory. */
  for (int j = 0; j < 2 * PS_BEAM_N_OUT; j++)
    {
      bool is_min = j < PS_BEAM_N_OUT;
      int q = is_min ? j : j - PS_BEAM_N_OUT;

      __syncthreads ();
      sh_v[threadIdx.x] = is_min ? vmin[q] : vmax[q];
      __syncthreads ();
      for (unsigned s = blockDim.x / 2; s > 0; s >>= 1)
        {
          if (threadIdx.x < s)
            {
              double a = sh_v[threadIdx.x], b = sh_v[threadIdx.x + s];
              sh_v[threadIdx.x] = is_min ? (b < a ? b : a) : (b > a ? b : a);
            }
          __syncthreads ();
        }
      if (threadIdx.x == 0)
        {
          if (is_min)
            o->min[q] = sh_v[0];
          else
            o->max[q] = sh_v[0];
        }
    }

  /* The lightest passing: smallest (mass, item). */
  __syncthreads ();
  sh_v[threadIdx.x] = light_mass;
  sh_i[threadIdx.x] = light_item;
  __syncthreads ();
  for (unsigned s = blockDim.x / 2; s > 0; s >>= 1)
    {
      if (threadIdx.x < s)
        {
          double mb = sh_v[threadIdx.x + s];
          uint64_t ib = sh_i[threadIdx.x + s];

          if (mb < sh_v[threadIdx.x] || (mb == sh_v[threadIdx.x] && ib < sh_i[threadIdx.x]))
            {
              sh_v[threadIdx.x] = mb;
              sh_i[threadIdx.x] = ib;
            }
        }
      __syncthreads ();
    }
  if (threadIdx.x == 0)
    {
      o->lightest_mass = sh_v[0];
      o->lightest_item = sh_i[0];
    }
}

struct _PsCudaBeam
{
  BeamK k;
  uint64_t max_chunks;
  void *dev_tables; /* one allocation for every table */
  Slot slot[PS_CUDA_SLOTS];
  PsCudaBeamChunk *d_out[PS_CUDA_SLOTS];
  PsCudaBeamChunk *h_out[PS_CUDA_SLOTS];
  /* Rows: PS_BEAM_N_ROW columns of k.batch_items values, and the checks. */
  double *d_rows[PS_CUDA_SLOTS], *h_rows[PS_CUDA_SLOTS];
  uint8_t *d_flags[PS_CUDA_SLOTS], *h_flags[PS_CUDA_SLOTS];
};

extern "C" void
ps_cuda_beam_free (PsCudaBeam *b)
{
  if (b == NULL)
    return;
  for (int s = 0; s < PS_CUDA_SLOTS; s++)
    {
      slot_clear (&b->slot[s]);
      dev_free (b->d_out[s]);
      host_free (b->h_out[s]);
      dev_free (b->d_rows[s]);
      host_free (b->h_rows[s]);
      dev_free (b->d_flags[s]);
      host_free (b->h_flags[s]);
    }
  dev_free (b->dev_tables);
  free (b);
}

extern "C" PsCudaBeam *
ps_cuda_beam_new (const PsCudaBeamParams *p, uint64_t max_chunks, char *err)
{
  PsCudaBeam *b = (PsCudaBeam *)handle_new (sizeof (PsCudaBeam), err);
  size_t nm = p->n_materials * sizeof (double), ns = p->n_sections * sizeof (double);
  size_t nL = p->n_span * sizeof (double), nP = p->n_load * sizeof (double);
  size_t na = p->n_position * sizeof (double), ninv = p->n_sections;
  size_t sizes[] = { nm, nm, nm, ns, ns, ns, ninv, nL, nP, na };
  size_t total = 0;
  char *d;

  if (b == NULL)
    return NULL;
  for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
    total += table_span (sizes[i]);
  b->k.p = *p;
  ps_beam_case_init (&b->k.c, p->support, p->load_case, p->self_weight, p->limit_ratio,
                     p->limit_abs, p->safety_factor);
  b->k.batch_items = max_chunks * p->chunk_items;
  b->max_chunks = max_chunks;
  CU (cudaMalloc, (&b->dev_tables, total));
  d = (char *)b->dev_tables;
  if (put_table (&d, &b->k.p.mat_E, p->mat_E, nm, err)
      || put_table (&d, &b->k.p.mat_fd, p->mat_fd, nm, err)
      || put_table (&d, &b->k.p.mat_density, p->mat_density, nm, err)
      || put_table (&d, &b->k.p.sec_A, p->sec_A, ns, err)
      || put_table (&d, &b->k.p.sec_I, p->sec_I, ns, err)
      || put_table (&d, &b->k.p.sec_W, p->sec_W, ns, err)
      || put_table (&d, &b->k.p.sec_invalid, p->sec_invalid, ninv, err)
      || put_table (&d, &b->k.p.span, p->span, nL, err)
      || put_table (&d, &b->k.p.load, p->load, nP, err)
      || put_table (&d, &b->k.p.position, p->position, na, err))
    goto fail;
  for (int s = 0; s < PS_CUDA_SLOTS; s++)
    {
      size_t n = b->k.batch_items;

      if (slot_init (&b->slot[s], err)
          || alloc_pair (&b->d_out[s], &b->h_out[s], max_chunks * sizeof (PsCudaBeamChunk), err))
        goto fail;
      if (p->rows
          && (alloc_pair (&b->d_rows[s], &b->h_rows[s], PS_BEAM_N_ROW * n * sizeof (double), err)
              || alloc_pair (&b->d_flags[s], &b->h_flags[s], n, err)))
        goto fail;
    }
  return b;
fail:
  ps_cuda_beam_free (b);
  return NULL;
}

extern "C" int
ps_cuda_beam_launch (PsCudaBeam *b, int slot, uint64_t first_chunk, uint64_t n_chunks, char *err)
{
  Slot *s = &b->slot[slot];

  if (slot_start (s, n_chunks, b->max_chunks, "beam", "chunks", err))
    return -1;
  CU (cudaEventRecord, (s->ev[1], s->stream));
  /* clang-format off */
  beam_kernel<<<(unsigned)n_chunks, THREADS, 0, s->stream>>> (
      b->k, first_chunk, b->d_out[slot], b->d_rows[slot], b->d_flags[slot]);
  /* clang-format on */
  CU_LAUNCH ("beam_kernel");
  CU (cudaEventRecord, (s->ev[2], s->stream));
  CU (cudaMemcpyAsync, (b->h_out[slot], b->d_out[slot], n_chunks * sizeof (PsCudaBeamChunk),
                        cudaMemcpyDeviceToHost, s->stream));
  if (b->k.p.rows)
    {
      /* The batch's items: the columns' first n values, one strided copy. */
      uint64_t begin = first_chunk * b->k.p.chunk_items;
      uint64_t end = (first_chunk + n_chunks) * b->k.p.chunk_items;
      size_t n, pitch = b->k.batch_items * sizeof (double);

      end = end < b->k.p.n_items ? end : b->k.p.n_items;
      n = (size_t)(end - begin);
      CU (cudaMemcpy2DAsync, (b->h_rows[slot], pitch, b->d_rows[slot], pitch, n * sizeof (double),
                              PS_BEAM_N_ROW, cudaMemcpyDeviceToHost, s->stream));
      CU (cudaMemcpyAsync,
          (b->h_flags[slot], b->d_flags[slot], n, cudaMemcpyDeviceToHost, s->stream));
    }
  return slot_finish (s, err);
fail:
  return -1;
}

extern "C" int
ps_cuda_beam_wait (PsCudaBeam *b, int slot, const PsCudaBeamChunk **out, PsCudaTiming *t, char *err)
{
  if (slot_wait (&b->slot[slot], t, err))
    return -1;
  *out = b->h_out[slot];
  return 0;
}

extern "C" void
ps_cuda_beam_rows (PsCudaBeam *b, int slot, const double *values[PS_BEAM_N_ROW],
                   const uint8_t **flags)
{
  for (int f = 0; f < PS_BEAM_N_ROW; f++)
    values[f] = b->h_rows[slot] != NULL ? b->h_rows[slot] + f * b->k.batch_items : NULL;
  *flags = b->h_flags[slot];
}

/* ---------------------------------------------------------------------------------
 * Reliability
 * ------------------------------------------------------------------------------ */

typedef struct
{
  PsCudaRelParams p; /* device pointers */
} RelK;

/* Samples per thread: four Philox quads (one Philox call gives the uniforms of four
 * consecutive samples of a variable). THREADS * REL_PER_THREAD = PS_REL_BLOCK. */
#define REL_QUADS 4
#define REL_PER_THREAD (4 * REL_QUADS)

/* One CUDA block per item (PS_REL_BLOCK = 4096 samples). Thread t takes the quads
 * t, t + 256, t + 512, t + 768 of the block, so that a warp's Philox counters are
 * consecutive. Sample s of variable v is ps_rng_uniform (seed, key[v], s) through
 * ps_dist_quantile: the scalar definitions that the CPU's block functions reproduce
 * bit for bit. */
__global__ static void
__launch_bounds__ (THREADS) rel_kernel (RelK k, uint64_t first_block, uint32_t *fails,
                                        uint32_t *nans, uint32_t *cp_fails, uint32_t *cp_nans)
{
  __shared__ uint64_t sh[32];
  uint64_t blk = first_block + blockIdx.x;
  uint64_t s0 = blk * k.p.block_samples;
  uint64_t s1 = s0 + k.p.block_samples < k.p.max_samples ? s0 + k.p.block_samples : k.p.max_samples;
  double xv[4][PS_CUDA_REL_MAX_VARS];
  double stack[PS_EXPR_MAX_STACK];
  uint32_t fmask = 0, nmask = 0;

  for (int r = 0; r < REL_QUADS; r++)
    {
      uint64_t base = s0 + 4 * ((uint64_t)threadIdx.x + (uint64_t)THREADS * r);

      if (base >= s1)
        continue;
      for (unsigned v = 0; v < k.p.n_vars; v++)
        {
          uint32_t key[2], ctr[4], raw[4];
          PsDist d = k.p.dists[v];

          ps_rng_key_counter (k.p.seed, k.p.keys[v], base, key, ctr);
          ps_philox4x32_10 (ctr, key, raw);
          /* base is a multiple of 4: sample base + j takes raw[j]. */
          for (int j = 0; j < 4; j++)
            xv[j][v] = ps_dist_quantile (&d, ps_rng_u01 (raw[j]));
        }
      for (int j = 0; j < 4; j++)
        {
          double g;

          if (base + j >= s1)
            break;
          g = ps_expr_run (k.p.code, k.p.n_ops, xv[j], stack);
          fmask |= (uint32_t)(g <= 0.0) << (4 * r + j);
          nmask |= (uint32_t)(g != g) << (4 * r + j);
        }
    }

  {
    uint64_t f = block_sum_u64 ((uint64_t)__popc (fmask), sh);
    uint64_t n;

    if (threadIdx.x == 0)
      fails[blockIdx.x] = (uint32_t)f;
    n = block_sum_u64 ((uint64_t)__popc (nmask), sh);
    if (threadIdx.x == 0)
      nans[blockIdx.x] = (uint32_t)n;
  }

  /* Checkpoints cp with s0 < cp <= s1: the counts of the samples before cp. The loop
   * is the same for every thread of the block (block_sum_u64 needs them all). */
  if (k.p.n_checkpoints > 0 && k.p.checkpoints[k.p.n_checkpoints - 1] > s0)
    {
      unsigned lo = 0, hi = k.p.n_checkpoints;

      while (lo < hi) /* the first checkpoint > s0 */
        {
          unsigned mid = (lo + hi) / 2;
          if (k.p.checkpoints[mid] > s0)
            hi = mid;
          else
            lo = mid + 1;
        }
      for (unsigned c = lo; c < k.p.n_checkpoints && k.p.checkpoints[c] <= s1; c++)
        {
          uint64_t cp = k.p.checkpoints[c];
          uint32_t before = 0;
          uint64_t f, n;

          for (int r = 0; r < REL_QUADS; r++)
            for (int j = 0; j < 4; j++)
              {
                uint64_t sample = s0 + 4 * ((uint64_t)threadIdx.x + (uint64_t)THREADS * r) + j;
                before |= (uint32_t)(sample < cp) << (4 * r + j);
              }
          f = block_sum_u64 ((uint64_t)__popc (fmask & before), sh);
          if (threadIdx.x == 0)
            cp_fails[c] = (uint32_t)f;
          n = block_sum_u64 ((uint64_t)__popc (nmask & before), sh);
          if (threadIdx.x == 0)
            cp_nans[c] = (uint32_t)n;
        }
    }
}

struct _PsCudaRel
{
  RelK k;
  uint64_t max_blocks;
  void *dev_tables;
  Slot slot[PS_CUDA_SLOTS];
  uint32_t *d_counts[PS_CUDA_SLOTS]; /* fails, nans, cp_fails, cp_nans */
  uint32_t *h_counts[PS_CUDA_SLOTS];
};

extern "C" void
ps_cuda_rel_free (PsCudaRel *r)
{
  if (r == NULL)
    return;
  for (int s = 0; s < PS_CUDA_SLOTS; s++)
    {
      slot_clear (&r->slot[s]);
      dev_free (r->d_counts[s]);
      host_free (r->h_counts[s]);
    }
  dev_free (r->dev_tables);
  free (r);
}

static size_t
rel_counts_len (const PsCudaRel *r)
{
  return 2 * r->max_blocks + 2 * (size_t)(r->k.p.n_checkpoints > 0 ? r->k.p.n_checkpoints : 1);
}

extern "C" PsCudaRel *
ps_cuda_rel_new (const PsCudaRelParams *p, uint64_t max_blocks, char *err)
{
  PsCudaRel *r = (PsCudaRel *)handle_new (sizeof (PsCudaRel), err);
  size_t nd = p->n_vars * sizeof (PsDist), nk = p->n_vars * sizeof (uint32_t);
  size_t nc = p->n_ops * sizeof (PsExprOp), ncp = p->n_checkpoints * sizeof (uint64_t);
  size_t total = table_span (nd) + table_span (nk) + table_span (nc) + table_span (ncp) + 16;
  char *d;

  if (r == NULL)
    return NULL;
  if (p->n_vars > PS_CUDA_REL_MAX_VARS || p->n_vars == 0)
    {
      snprintf (err, PS_CUDA_ERR_LEN,
                "the gpu backend takes 1 to %d random variables (the study has %u)",
                PS_CUDA_REL_MAX_VARS, p->n_vars);
      free (r);
      return NULL;
    }
  if (p->block_samples != THREADS * REL_PER_THREAD)
    {
      snprintf (err, PS_CUDA_ERR_LEN, "the reliability kernel needs blocks of %d samples",
                THREADS * REL_PER_THREAD);
      free (r);
      return NULL;
    }
  r->k.p = *p;
  r->max_blocks = max_blocks;
  CU (cudaMalloc, (&r->dev_tables, total));
  d = (char *)r->dev_tables;
  if (put_table (&d, &r->k.p.dists, p->dists, nd, err)
      || put_table (&d, &r->k.p.keys, p->keys, nk, err)
      || put_table (&d, &r->k.p.code, p->code, nc, err)
      || put_table (&d, &r->k.p.checkpoints, p->checkpoints, ncp, err))
    goto fail;
  for (int s = 0; s < PS_CUDA_SLOTS; s++)
    if (slot_init (&r->slot[s], err)
        || alloc_pair (&r->d_counts[s], &r->h_counts[s], rel_counts_len (r) * sizeof (uint32_t),
                       err))
      goto fail;
  return r;
fail:
  ps_cuda_rel_free (r);
  return NULL;
}

extern "C" int
ps_cuda_rel_launch (PsCudaRel *r, int slot, uint64_t first_block, uint64_t n_blocks, char *err)
{
  Slot *s = &r->slot[slot];
  uint32_t *d = r->d_counts[slot];
  size_t ncp = r->k.p.n_checkpoints > 0 ? r->k.p.n_checkpoints : 1;

  if (slot_start (s, n_blocks, r->max_blocks, "reliability", "blocks", err))
    return -1;
  CU (cudaEventRecord, (s->ev[1], s->stream));
  /* clang-format off */
  rel_kernel<<<(unsigned)n_blocks, THREADS, 0, s->stream>>> (
      r->k, first_block, d, d + r->max_blocks, d + 2 * r->max_blocks, d + 2 * r->max_blocks + ncp);
  /* clang-format on */
  CU_LAUNCH ("rel_kernel");
  CU (cudaEventRecord, (s->ev[2], s->stream));
  CU (cudaMemcpyAsync,
      (r->h_counts[slot], d, n_blocks * sizeof (uint32_t), cudaMemcpyDeviceToHost, s->stream));
  CU (cudaMemcpyAsync, (r->h_counts[slot] + r->max_blocks, d + r->max_blocks,
                        n_blocks * sizeof (uint32_t), cudaMemcpyDeviceToHost, s->stream));
  CU (cudaMemcpyAsync, (r->h_counts[slot] + 2 * r->max_blocks, d + 2 * r->max_blocks,
                        2 * ncp * sizeof (uint32_t), cudaMemcpyDeviceToHost, s->stream));
  return slot_finish (s, err);
fail:
  return -1;
}

extern "C" int
ps_cuda_rel_wait (PsCudaRel *r, int slot, PsCudaRelResult *out, PsCudaTiming *t, char *err)
{
  uint32_t *h = r->h_counts[slot];
  size_t ncp = r->k.p.n_checkpoints > 0 ? r->k.p.n_checkpoints : 1;

  if (slot_wait (&r->slot[slot], t, err))
    return -1;
  out->fails = h;
  out->nans = h + r->max_blocks;
  out->cp_fails = h + 2 * r->max_blocks;
  out->cp_nans = h + 2 * r->max_blocks + ncp;
  return 0;
}

/* ---------------------------------------------------------------------------------
 * Regression (the arithmetic of ps-regression-math.h)
 * ------------------------------------------------------------------------------ */

typedef struct
{
  PsCudaRegParams p;
} RegK;

/* One CUDA block per specimen: the block generates a synthetic specimen (one point
 * per thread in turn, ps_reg_synth_point () with the noise of ps_reg_synth_noise_at ()),
 * finds the maximum stress and where it first occurs together (exact in any order),
 * and thread 0 does the rest of the fit in point order (ps_reg_fit_after_max ()), as
 * the CPU does, so that the sums of the elastic line are added in the same order and
 * the fit is the same to the bit. */
__global__ static void
__launch_bounds__ (REG_THREADS)
    reg_kernel (RegK k, uint64_t first, const double *xin, const double *yin,
                const uint64_t *offsets, double *scratch, PsCudaRegFit *out)
{
  __shared__ double sh_max[REG_THREADS];
  __shared__ uint64_t sh_idx[REG_THREADS];
  __shared__ int sh_bad[REG_THREADS];
  uint64_t sidx = blockIdx.x;
  uint64_t item = first + sidx;
  uint64_t it = k.p.cycle_items ? item % k.p.cycle_items : item;
  PsCudaRegFit *res = &out[sidx];
  const double *x, *y;
  uint64_t n;
  double ymax;
  bool bad = false;

  if (k.p.synthetic)
    {
      double *wx = scratch + sidx * 2 * k.p.points, *wy = wx + k.p.points;
      PsRegSynth sy;
      PsDist noise;

      n = k.p.points;
      /* The same draws in every thread of the block. */
      if (!ps_reg_synth_init (&k.p.E, &k.p.fy, &k.p.noise_sd, k.p.hardening, k.p.max_strain,
                              k.p.seed, k.p.points, it, &sy))
        {
          if (threadIdx.x == 0)
            {
              /* What reg_eval () records for such a specimen. */
              memset (&res->fit, 0, sizeof res->fit);
              res->fit.points = n;
              res->err = PS_REG_ERR_PARAMS;
            }
          return; /* the whole block */
        }
      noise = ps_reg_synth_noise (&sy);
      for (uint64_t j = threadIdx.x; j < n; j += blockDim.x)
        ps_reg_synth_point (&sy, j,
                            ps_reg_synth_noise_at (&sy, &noise, k.p.seed, k.p.points, it, j),
                            &wx[j], &wy[j]);
      __syncthreads ();
      x = wx;
      y = wy;
    }
  else
    {
      x = xin + offsets[sidx];
      y = yin + offsets[sidx];
      n = offsets[sidx + 1] - offsets[sidx];
    }

  if (n == 0)
    {
      if (threadIdx.x == 0)
        {
          ps_reg_fit_init (&res->fit, 0);
          res->err = PS_REG_ERR_TOO_FEW;
        }
      return;
    }

  /* Pass 1: the maximum stress, that every stress is finite, and the first index of
   * the maximum (ps_reg_scan_max_scalar ()'s results, found by the block). */
  {
    double m = y[0];

    for (uint64_t i = threadIdx.x; i < n; i += blockDim.x)
      {
        double v = y[i];

        bad |= !(fabs (v) <= DBL_MAX);
        m = v > m ? v : m;
      }
    sh_max[threadIdx.x] = m;
    sh_bad[threadIdx.x] = bad;
    __syncthreads ();
    for (unsigned s = blockDim.x / 2; s > 0; s >>= 1)
      {
        if (threadIdx.x < s)
          {
            double b = sh_max[threadIdx.x + s];
            sh_max[threadIdx.x] = b > sh_max[threadIdx.x] ? b : sh_max[threadIdx.x];
            sh_bad[threadIdx.x] |= sh_bad[threadIdx.x + s];
          }
        __syncthreads ();
      }
    ymax = sh_max[0];
    bad = sh_bad[0] != 0;
    __syncthreads ();
    if (bad)
      {
        if (threadIdx.x == 0)
          {
            ps_reg_fit_init (&res->fit, n);
            res->fit.bad_point = ps_reg_first_non_finite (y);
            res->err = PS_REG_ERR_NON_FINITE;
          }
        return;
      }
    {
      uint64_t first_max = UINT64_MAX;

      for (uint64_t i = threadIdx.x; i < n; i += blockDim.x)
        if (y[i] == ymax)
          {
            first_max = i;
            break;
          }
      sh_idx[threadIdx.x] = first_max;
      __syncthreads ();
      for (unsigned s = blockDim.x / 2; s > 0; s >>= 1)
        {
          if (threadIdx.x < s && sh_idx[threadIdx.x + s] < sh_idx[threadIdx.x])
            sh_idx[threadIdx.x] = sh_idx[threadIdx.x + s];
          __syncthreads ();
        }
    }
  }
  if (threadIdx.x == 0)
    {
      size_t imax = (size_t)sh_idx[0];

      ps_reg_fit_init (&res->fit, n);
      /* The stored value, as ps_reg_scan_max_scalar () reports it: of a +0 and a -0
       * the first one. */
      res->err = ps_reg_fit_after_max (&k.p.fit, x, y, n, y[imax], imax, &res->fit);
    }
}

struct _PsCudaReg
{
  RegK k;
  uint64_t max_specimens;
  Slot slot[PS_CUDA_SLOTS];
  double *d_scratch[PS_CUDA_SLOTS]; /* synthetic: 2 * points per specimen */
  double *d_x[PS_CUDA_SLOTS], *d_y[PS_CUDA_SLOTS];
  uint64_t *d_off[PS_CUDA_SLOTS];
  double *h_x[PS_CUDA_SLOTS], *h_y[PS_CUDA_SLOTS];
  uint64_t *h_off[PS_CUDA_SLOTS];
  PsCudaRegFit *d_out[PS_CUDA_SLOTS];
  PsCudaRegFit *h_out[PS_CUDA_SLOTS];
};

extern "C" void
ps_cuda_reg_free (PsCudaReg *r)
{
  if (r == NULL)
    return;
  for (int s = 0; s < PS_CUDA_SLOTS; s++)
    {
      slot_clear (&r->slot[s]);
      dev_free (r->d_scratch[s]);
      dev_free (r->d_x[s]);
      dev_free (r->d_y[s]);
      dev_free (r->d_off[s]);
      dev_free (r->d_out[s]);
      host_free (r->h_x[s]);
      host_free (r->h_y[s]);
      host_free (r->h_off[s]);
      host_free (r->h_out[s]);
    }
  free (r);
}

extern "C" PsCudaReg *
ps_cuda_reg_new (const PsCudaRegParams *p, uint64_t max_specimens, char *err)
{
  PsCudaReg *r = (PsCudaReg *)handle_new (sizeof (PsCudaReg), err);

  if (r == NULL)
    return NULL;
  r->k.p = *p;
  r->max_specimens = max_specimens;
  for (int s = 0; s < PS_CUDA_SLOTS; s++)
    {
      if (slot_init (&r->slot[s], err)
          || alloc_pair (&r->d_out[s], &r->h_out[s], max_specimens * sizeof (PsCudaRegFit), err))
        goto fail;
      if (p->synthetic)
        CU (cudaMalloc, (&r->d_scratch[s], max_specimens * 2 * p->points * sizeof (double)));
      else
        {
          size_t pts = p->max_batch_points > 0 ? p->max_batch_points : 1;

          if (alloc_pair (&r->d_x[s], &r->h_x[s], pts * sizeof (double), err)
              || alloc_pair (&r->d_y[s], &r->h_y[s], pts * sizeof (double), err)
              || alloc_pair (&r->d_off[s], &r->h_off[s], (max_specimens + 1) * sizeof (uint64_t),
                             err))
            goto fail;
        }
    }
  return r;
fail:
  ps_cuda_reg_free (r);
  return NULL;
}

extern "C" void
ps_cuda_reg_input (PsCudaReg *r, int slot, double **x, double **y, uint64_t **offsets)
{
  *x = r->h_x[slot];
  *y = r->h_y[slot];
  *offsets = r->h_off[slot];
}

extern "C" int
ps_cuda_reg_launch (PsCudaReg *r, int slot, uint64_t first, uint64_t n, char *err)
{
  Slot *s = &r->slot[slot];

  if (slot_start (s, n, r->max_specimens, "regression", "specimens", err))
    return -1;
  if (!r->k.p.synthetic)
    {
      uint64_t pts = r->h_off[slot][n];

      if (pts > r->k.p.max_batch_points)
        {
          snprintf (err, PS_CUDA_ERR_LEN, "regression batch of %llu points (at most %llu)",
                    (unsigned long long)pts, (unsigned long long)r->k.p.max_batch_points);
          return -1;
        }
      CU (cudaMemcpyAsync, (r->d_off[slot], r->h_off[slot], (n + 1) * sizeof (uint64_t),
                            cudaMemcpyHostToDevice, s->stream));
      if (pts > 0)
        {
          CU (cudaMemcpyAsync, (r->d_x[slot], r->h_x[slot], pts * sizeof (double),
                                cudaMemcpyHostToDevice, s->stream));
          CU (cudaMemcpyAsync, (r->d_y[slot], r->h_y[slot], pts * sizeof (double),
                                cudaMemcpyHostToDevice, s->stream));
        }
    }
  CU (cudaEventRecord, (s->ev[1], s->stream));
  /* clang-format off */
  reg_kernel<<<(unsigned)n, REG_THREADS, 0, s->stream>>> (
      r->k, first, r->d_x[slot], r->d_y[slot], r->d_off[slot], r->d_scratch[slot],
      r->d_out[slot]);
  /* clang-format on */
  CU_LAUNCH ("reg_kernel");
  CU (cudaEventRecord, (s->ev[2], s->stream));
  CU (cudaMemcpyAsync, (r->h_out[slot], r->d_out[slot], n * sizeof (PsCudaRegFit),
                        cudaMemcpyDeviceToHost, s->stream));
  return slot_finish (s, err);
fail:
  return -1;
}

extern "C" int
ps_cuda_reg_wait (PsCudaReg *r, int slot, const PsCudaRegFit **out, PsCudaTiming *t, char *err)
{
  if (slot_wait (&r->slot[slot], t, err))
    return -1;
  *out = r->h_out[slot];
  return 0;
}
