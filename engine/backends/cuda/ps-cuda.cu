/* ps-cuda.cu: the kernels of the gpu backend and their host wrappers (ps-cuda.h).
 *
 * Compiled by nvcc with --fmad=false: every floating expression here is evaluated as
 * written, one rounding per operation, as the CPU code compiled with
 * -ffp-contract=off evaluates it. That, and calling the very same ps-math.h,
 * ps-dist.h and ps-philox.h functions (PS_HD), is what makes the GPU's samples, counts
 * and fits bitwise those of the serial backend.
 *
 * The beam and regression device functions below mirror static functions of
 * engine/studies/ps-beam.c (case_coef, run_coef, fast_outputs, point_at_outputs) and
 * ps-regression.c (ps_reg_line_add_points, ps_reg_line_merge, ps_reg_line_solve,
 * stress_window, ps_regression_fit, ps_regression_generate) expression for expression; those are
 * plain C with GLib types and cannot be called from device code. tests/test-gpu.c compares every
 * output with the serial backend, so a change on one side that is not made on the other shows up
 * there (on a machine with a device).
 */
#include <float.h>
#include <stdio.h>
#include <string.h>

#include <cuda_runtime.h>

#include "ps-cuda.h"
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
 * Beam (mirrors ps-beam.c)
 * ------------------------------------------------------------------------------ */

/* PsSupport and PsLoadCase, as ps-beam.h numbers them. */
enum
{
  SUPPORT_SIMPLY_SUPPORTED,
  SUPPORT_CANTILEVER,
  SUPPORT_FIXED_FIXED,
  SUPPORT_PROPPED_CANTILEVER
};
enum
{
  LOAD_POINT_MIDSPAN,
  LOAD_POINT_FREE_END,
  LOAD_POINT_AT,
  LOAD_UNIFORM
};

#define GRAVITY 9.80665 /* PS_GRAVITY */

typedef struct
{
  double cPd, cPm, cPv;
  double cqd, cqm, cqv;
  double fxd, fxm, fxv;
} CaseCoef;

/* case_coef() of ps-beam.c, on the host. */
static CaseCoef
case_coef (int support)
{
  CaseCoef c;
  double u = (1.0 + sqrt (33.0)) / 16.0; /* propped_u () */
  double cqd_propped = u * (1.0 - 3.0 * u * u + 2.0 * u * u * u) / 48.0;

  memset (&c, 0, sizeof c);
  switch (support)
    {
    case SUPPORT_SIMPLY_SUPPORTED:
      c = CaseCoef{ 1.0 / 48, 1.0 / 4, 1.0 / 2, 5.0 / 384, 1.0 / 8, 1.0 / 2, 0.5, 0.5, 0.0 };
      break;
    case SUPPORT_CANTILEVER:
      c = CaseCoef{ 1.0 / 3, 1.0, 1.0, 1.0 / 8, 1.0 / 2, 1.0, 1.0, 0.0, 0.0 };
      break;
    case SUPPORT_FIXED_FIXED:
      c = CaseCoef{ 1.0 / 192, 1.0 / 8, 1.0 / 2, 1.0 / 384, 1.0 / 12, 1.0 / 2, 0.5, 0.0, 0.0 };
      break;
    case SUPPORT_PROPPED_CANTILEVER:
      c = CaseCoef{ 0, 0, 0, cqd_propped, 1.0 / 8, 5.0 / 8, 1.0 - u, 0.0, 0.0 };
      break;
    }
  return c;
}

typedef struct
{
  PsCudaBeamParams p; /* device pointers */
  CaseCoef c;
} BeamK;

typedef struct
{
  double L, EI, inv_EI, inv_W, sfd, q, mass, lim;
  double a_d, b_d, a_m, b_m, a_v, b_v;
} RunCoef;

__device__ static void
beam_run_coef (const BeamK &k, uint64_t im, uint64_t is, uint64_t iL, RunCoef *r)
{
  const CaseCoef *c = &k.c;
  double L = k.p.span[iL];
  double L2 = L * L, L3 = L2 * L, L4 = L3 * L;

  r->L = L;
  r->EI = k.p.mat_E[im] * k.p.sec_I[is];
  r->inv_EI = 1.0 / r->EI;
  r->inv_W = 1.0 / k.p.sec_W[is];
  r->sfd = k.p.safety_factor / k.p.mat_fd[im];
  r->mass = k.p.mat_density[im] * k.p.sec_A[is];
  r->q = k.p.self_weight ? r->mass * GRAVITY : 0.0;
  r->lim = k.p.limit_ratio > 0 ? L / k.p.limit_ratio : k.p.limit_abs;
  if (k.p.load_case == LOAD_UNIFORM)
    {
      r->a_d = c->cqd * L4 * r->inv_EI;
      r->a_m = c->cqm * L2;
      r->a_v = c->cqv * L;
    }
  else
    {
      r->a_d = c->cPd * L3 * r->inv_EI;
      r->a_m = c->cPm * L;
      r->a_v = c->cPv;
    }
  r->b_d = c->cqd * r->q * L4 * r->inv_EI;
  r->b_m = c->cqm * r->q * L2;
  r->b_v = c->cqv * r->q * L;
}

/* The outputs the summary uses: deflection, moment, shear, stress, utilisation,
 * span/deflection ratio, mass (PsBeamOut order), and the two checks. */
typedef struct
{
  double v[PS_CUDA_BEAM_N_OUT];
  bool pass_deflection, pass_strength;
} BeamOut;

__device__ static void
beam_fast_outputs (const RunCoef *r, double x, BeamOut *o)
{
  double deflection = r->a_d * x + r->b_d;
  double moment = r->a_m * x + r->b_m;
  double shear = r->a_v * x + r->b_v;
  double stress = moment * r->inv_W;
  double utilisation = stress * r->sfd;

  o->v[0] = deflection;
  o->v[1] = moment;
  o->v[2] = shear;
  o->v[3] = stress;
  o->v[4] = utilisation;
  o->v[5] = r->L / deflection;
  o->v[6] = r->mass;
  o->pass_deflection = deflection <= r->lim;
  o->pass_strength = utilisation <= 1.0;
}

/* point_at_outputs() of ps-beam.c; false for a load outside the span. */
__device__ static bool
beam_point_at_outputs (const RunCoef *r, double P, double a, BeamOut *o)
{
  double L = r->L, q = r->q, b = L - a;
  double R1, R2, xm, dmax, xd, moment, stress, utilisation;

  if (!(a > 0 && a < L))
    return false;
  R1 = P * b / L + q * L / 2.0;
  R2 = P * a / L + q * L / 2.0;
  o->v[2] = R1 >= R2 ? R1 : R2;

  if (q == 0.0)
    xm = a;
  else if (R1 - q * a <= 0.0)
    xm = R1 / q;
  else if (R1 - P - q * a >= 0.0)
    xm = (R1 - P) / q;
  else
    xm = a;
  moment = R1 * xm - q * xm * xm / 2.0 - (xm > a ? P * (xm - a) : 0.0);

  if (q == 0.0)
    {
      if (a >= b)
        {
          xd = sqrt (a * (a + 2.0 * b) / 3.0);
          dmax
              = P * a * b * (a + 2.0 * b) * sqrt (3.0 * a * (a + 2.0 * b)) / (27.0 * L) * r->inv_EI;
        }
      else
        {
          xd = L - sqrt (b * (b + 2.0 * a) / 3.0);
          dmax
              = P * a * b * (b + 2.0 * a) * sqrt (3.0 * b * (b + 2.0 * a)) / (27.0 * L) * r->inv_EI;
        }
    }
  else
    {
      double xp = a >= b ? sqrt (a * (a + 2.0 * b) / 3.0) : L - sqrt (b * (b + 2.0 * a) / 3.0);
      double lo = xp < L / 2.0 ? xp : L / 2.0, hi = xp > L / 2.0 ? xp : L / 2.0;

      for (int it = 0; it < 200 && hi - lo > 1e-15 * L; it++)
        {
          double x = 0.5 * (lo + hi), s;

          if (x <= a)
            s = P * b * (L * L - b * b - 3.0 * x * x) / (6.0 * L);
          else
            {
              double u = L - x;
              s = -P * a * (L * L - a * a - 3.0 * u * u) / (6.0 * L);
            }
          s += q * (L * L * L - 6.0 * L * x * x + 4.0 * x * x * x) / 24.0;
          if (s > 0)
            lo = x;
          else
            hi = x;
        }
      xd = 0.5 * (lo + hi);
      if (xd <= a)
        dmax = P * b * xd * (L * L - b * b - xd * xd) / (6.0 * L);
      else
        {
          double u = L - xd;
          dmax = P * a * u * (L * L - a * a - u * u) / (6.0 * L);
        }
      dmax += q * xd * (L * L * L - 2.0 * L * xd * xd + xd * xd * xd) / 24.0;
      dmax *= r->inv_EI;
    }
  (void)xd;
  stress = moment * r->inv_W;
  utilisation = stress * r->sfd;
  o->v[0] = dmax;
  o->v[1] = moment;
  o->v[3] = stress;
  o->v[4] = utilisation;
  o->v[5] = L / dmax;
  o->v[6] = r->mass;
  o->pass_deflection = dmax <= r->lim;
  o->pass_strength = utilisation <= 1.0;
  return true;
}

/* One CUDA block per chunk; the block's threads take the chunk's items in turn and
 * their partials are reduced in shared memory. The summary's counts are order-free;
 * min and max are exact whatever the order; the lightest passing configuration is the
 * smallest mass, then the smallest item, which is what the serial backend's
 * strict-less-than in item order keeps. */
__global__ static void
__launch_bounds__ (THREADS) beam_kernel (BeamK k, uint64_t first_chunk, PsCudaBeamChunk *out)
{
  __shared__ uint64_t sh_u[32];
  __shared__ double sh_v[THREADS];
  __shared__ uint64_t sh_i[THREADS];
  uint64_t chunk = first_chunk + blockIdx.x;
  uint64_t begin = chunk * k.p.chunk_items;
  uint64_t end = begin + k.p.chunk_items < k.p.n_items ? begin + k.p.chunk_items : k.p.n_items;
  uint64_t inner = k.p.n_load * k.p.n_position;
  uint64_t valid = 0, passing = 0, fail_d = 0, fail_s = 0, errors = 0;
  uint64_t light_item = UINT64_MAX;
  double light_mass = INFINITY;
  double vmin[PS_CUDA_BEAM_N_OUT], vmax[PS_CUDA_BEAM_N_OUT];
  PsCudaBeamChunk *o = &out[blockIdx.x];

  for (int j = 0; j < PS_CUDA_BEAM_N_OUT; j++)
    {
      vmin[j] = INFINITY;
      vmax[j] = -INFINITY;
    }
  for (uint64_t item = begin + threadIdx.x; item < end; item += blockDim.x)
    {
      uint64_t it = k.p.cycle_items ? item % k.p.cycle_items : item;
      uint64_t g = it / inner, jj = it % inner;
      uint64_t iL = g % k.p.n_span;
      uint64_t is = (g / k.p.n_span) % k.p.n_sections;
      uint64_t im = g / (k.p.n_span * k.p.n_sections);
      RunCoef r;
      BeamOut bo;

      if (k.p.sec_invalid[is])
        {
          errors++;
          continue;
        }
      beam_run_coef (k, im, is, iL, &r);
      if (k.p.load_case != LOAD_POINT_AT)
        beam_fast_outputs (&r, k.p.load[jj], &bo);
      else if (!beam_point_at_outputs (&r, k.p.load[jj / k.p.n_position],
                                       k.p.position[jj % k.p.n_position], &bo))
        {
          errors++;
          continue;
        }
      valid++;
      for (int j = 0; j < PS_CUDA_BEAM_N_OUT; j++)
        {
          vmin[j] = bo.v[j] < vmin[j] ? bo.v[j] : vmin[j];
          vmax[j] = bo.v[j] > vmax[j] ? bo.v[j] : vmax[j];
        }
      fail_d += !bo.pass_deflection;
      fail_s += !bo.pass_strength;
      if (bo.pass_deflection && bo.pass_strength)
        {
          passing++;
          /* Items rise within a thread: the first of a mass is kept. */
          if (bo.v[6] < light_mass)
            {
              light_mass = bo.v[6];
              light_item = it;
            }
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
  for (int j = 0; j < 2 * PS_CUDA_BEAM_N_OUT; j++)
    {
      bool is_min = j < PS_CUDA_BEAM_N_OUT;
      int q = is_min ? j : j - PS_CUDA_BEAM_N_OUT;

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
};

extern "C" void
ps_cuda_beam_free (PsCudaBeam *b)
{
  if (b == NULL)
    return;
  for (int s = 0; s < PS_CUDA_SLOTS; s++)
    {
      slot_clear (&b->slot[s]);
      if (b->d_out[s] != NULL)
        cudaFree (b->d_out[s]);
      if (b->h_out[s] != NULL)
        cudaFreeHost (b->h_out[s]);
    }
  if (b->dev_tables != NULL)
    cudaFree (b->dev_tables);
  free (b);
}

/* Copies @n doubles to @dst (device) from @src, advancing @dst. */
static int
put_table (char **dst, const void *src, size_t bytes, char *err)
{
  CU (cudaMemcpy, (*dst, src, bytes, cudaMemcpyHostToDevice));
  *dst += (bytes + 15) / 16 * 16;
  return 0;
fail:
  return -1;
}

extern "C" PsCudaBeam *
ps_cuda_beam_new (const PsCudaBeamParams *p, uint64_t max_chunks, char *err)
{
  PsCudaBeam *b = (PsCudaBeam *)calloc (1, sizeof *b);
  size_t nm = p->n_materials * sizeof (double), ns = p->n_sections * sizeof (double);
  size_t nL = p->n_span * sizeof (double), nP = p->n_load * sizeof (double);
  size_t na = p->n_position * sizeof (double), ninv = p->n_sections;
  size_t sizes[] = { nm, nm, nm, ns, ns, ns, ninv, nL, nP, na };
  size_t total = 0;
  char *d;

  if (b == NULL)
    {
      snprintf (err, PS_CUDA_ERR_LEN, "out of host memory");
      return NULL;
    }
  for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
    total += (sizes[i] + 15) / 16 * 16;
  b->k.p = *p;
  b->k.c = case_coef (p->support);
  b->max_chunks = max_chunks;
  CU (cudaMalloc, (&b->dev_tables, total));
  d = (char *)b->dev_tables;
  b->k.p.mat_E = (const double *)d;
  if (put_table (&d, p->mat_E, nm, err))
    goto fail;
  b->k.p.mat_fd = (const double *)d;
  if (put_table (&d, p->mat_fd, nm, err))
    goto fail;
  b->k.p.mat_density = (const double *)d;
  if (put_table (&d, p->mat_density, nm, err))
    goto fail;
  b->k.p.sec_A = (const double *)d;
  if (put_table (&d, p->sec_A, ns, err))
    goto fail;
  b->k.p.sec_I = (const double *)d;
  if (put_table (&d, p->sec_I, ns, err))
    goto fail;
  b->k.p.sec_W = (const double *)d;
  if (put_table (&d, p->sec_W, ns, err))
    goto fail;
  b->k.p.sec_invalid = (const uint8_t *)d;
  if (put_table (&d, p->sec_invalid, ninv, err))
    goto fail;
  b->k.p.span = (const double *)d;
  if (put_table (&d, p->span, nL, err))
    goto fail;
  b->k.p.load = (const double *)d;
  if (put_table (&d, p->load, nP, err))
    goto fail;
  b->k.p.position = (const double *)d;
  if (put_table (&d, p->position, na, err))
    goto fail;
  for (int s = 0; s < PS_CUDA_SLOTS; s++)
    {
      if (slot_init (&b->slot[s], err))
        goto fail;
      CU (cudaMalloc, (&b->d_out[s], max_chunks * sizeof (PsCudaBeamChunk)));
      CU (cudaMallocHost, (&b->h_out[s], max_chunks * sizeof (PsCudaBeamChunk)));
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

  if (n_chunks == 0 || n_chunks > b->max_chunks)
    {
      snprintf (err, PS_CUDA_ERR_LEN, "beam batch of %llu chunks (at most %llu)",
                (unsigned long long)n_chunks, (unsigned long long)b->max_chunks);
      return -1;
    }
  s->n = n_chunks;
  CU (cudaEventRecord, (s->ev[0], s->stream));
  CU (cudaEventRecord, (s->ev[1], s->stream));
  /* clang-format off */
  beam_kernel<<<(unsigned)n_chunks, THREADS, 0, s->stream>>> (b->k, first_chunk, b->d_out[slot]);
  /* clang-format on */
  CU_LAUNCH ("beam_kernel");
  CU (cudaEventRecord, (s->ev[2], s->stream));
  CU (cudaMemcpyAsync, (b->h_out[slot], b->d_out[slot], n_chunks * sizeof (PsCudaBeamChunk),
                        cudaMemcpyDeviceToHost, s->stream));
  CU (cudaEventRecord, (s->ev[3], s->stream));
  s->busy = 1;
  return 0;
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

/* ---------------------------------------------------------------------------------
 * Reliability
 * ------------------------------------------------------------------------------ */

/* The limit state for one sample: ps_expr_eval() of ps-expr.c, op for op. SQRT is
 * IEEE sqrt (correctly rounded on both sides: nvcc's default -prec-sqrt=true), ABS is
 * fabs; the rest are ps-math.h. */
__device__ static double
expr_eval (const PsExprOp *__restrict__ code, unsigned n_ops, const double *vars, double *stack)
{
  unsigned sp = 0;

  for (unsigned k = 0; k < n_ops; k++)
    {
      const PsExprOp ins = code[k];
      double a, b;

      switch (ins.op)
        {
        case PS_EXPR_OP_PUSH_CONST:
          stack[sp++] = ins.value;
          break;
        case PS_EXPR_OP_PUSH_VAR:
          stack[sp++] = vars[ins.index];
          break;
        case PS_EXPR_OP_ADD:
          sp--;
          stack[sp - 1] = stack[sp - 1] + stack[sp];
          break;
        case PS_EXPR_OP_SUB:
          sp--;
          stack[sp - 1] = stack[sp - 1] - stack[sp];
          break;
        case PS_EXPR_OP_MUL:
          sp--;
          stack[sp - 1] = stack[sp - 1] * stack[sp];
          break;
        case PS_EXPR_OP_DIV:
          sp--;
          stack[sp - 1] = stack[sp - 1] / stack[sp];
          break;
        case PS_EXPR_OP_POW:
          sp--;
          stack[sp - 1] = ps_pow (stack[sp - 1], stack[sp]);
          break;
        case PS_EXPR_OP_MIN:
          sp--;
          a = stack[sp - 1];
          b = stack[sp];
          stack[sp - 1] = (a < b || a != a) ? a : b;
          break;
        case PS_EXPR_OP_MAX:
          sp--;
          a = stack[sp - 1];
          b = stack[sp];
          stack[sp - 1] = (a > b || a != a) ? a : b;
          break;
        case PS_EXPR_OP_NEG:
          stack[sp - 1] = -stack[sp - 1];
          break;
        case PS_EXPR_OP_SQRT:
          stack[sp - 1] = sqrt (stack[sp - 1]);
          break;
        case PS_EXPR_OP_EXP:
          stack[sp - 1] = ps_exp (stack[sp - 1]);
          break;
        case PS_EXPR_OP_LOG:
          stack[sp - 1] = ps_log (stack[sp - 1]);
          break;
        case PS_EXPR_OP_SIN:
          stack[sp - 1] = ps_sin (stack[sp - 1]);
          break;
        case PS_EXPR_OP_COS:
          stack[sp - 1] = ps_cos (stack[sp - 1]);
          break;
        case PS_EXPR_OP_TAN:
          stack[sp - 1] = ps_tan (stack[sp - 1]);
          break;
        case PS_EXPR_OP_ABS:
          stack[sp - 1] = fabs (stack[sp - 1]);
          break;
        default:
          /* The compiler emits no other opcode; a NaN makes a bad program visible. */
          return ps_math_nan ();
        }
    }
  return stack[0];
}

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
          g = expr_eval (k.p.code, k.p.n_ops, xv[j], stack);
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
      if (r->d_counts[s] != NULL)
        cudaFree (r->d_counts[s]);
      if (r->h_counts[s] != NULL)
        cudaFreeHost (r->h_counts[s]);
    }
  if (r->dev_tables != NULL)
    cudaFree (r->dev_tables);
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
  PsCudaRel *r = (PsCudaRel *)calloc (1, sizeof *r);
  size_t nd = p->n_vars * sizeof (PsDist), nk = p->n_vars * sizeof (uint32_t);
  size_t nc = p->n_ops * sizeof (PsExprOp), ncp = p->n_checkpoints * sizeof (uint64_t);
  size_t total
      = (nd + 15) / 16 * 16 + (nk + 15) / 16 * 16 + (nc + 15) / 16 * 16 + (ncp + 15) / 16 * 16 + 16;
  char *d;

  if (r == NULL)
    {
      snprintf (err, PS_CUDA_ERR_LEN, "out of host memory");
      return NULL;
    }
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
  r->k.p.dists = (const PsDist *)d;
  if (put_table (&d, p->dists, nd, err))
    goto fail;
  r->k.p.keys = (const uint32_t *)d;
  if (put_table (&d, p->keys, nk, err))
    goto fail;
  r->k.p.code = (const PsExprOp *)d;
  if (put_table (&d, p->code, nc, err))
    goto fail;
  r->k.p.checkpoints = (const uint64_t *)d;
  if (ncp > 0 && put_table (&d, p->checkpoints, ncp, err))
    goto fail;
  for (int s = 0; s < PS_CUDA_SLOTS; s++)
    {
      if (slot_init (&r->slot[s], err))
        goto fail;
      CU (cudaMalloc, (&r->d_counts[s], rel_counts_len (r) * sizeof (uint32_t)));
      CU (cudaMallocHost, (&r->h_counts[s], rel_counts_len (r) * sizeof (uint32_t)));
    }
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

  if (n_blocks == 0 || n_blocks > r->max_blocks)
    {
      snprintf (err, PS_CUDA_ERR_LEN, "reliability batch of %llu blocks (at most %llu)",
                (unsigned long long)n_blocks, (unsigned long long)r->max_blocks);
      return -1;
    }
  s->n = n_blocks;
  CU (cudaEventRecord, (s->ev[0], s->stream));
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
  CU (cudaEventRecord, (s->ev[3], s->stream));
  s->busy = 1;
  return 0;
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
 * Regression (mirrors ps-regression.c)
 * ------------------------------------------------------------------------------ */

typedef struct
{
  double n, mx, my, sxx, sxy, syy;
} Line;

typedef struct
{
  double slope, intercept, slope_se, intercept_se, r2;
} LineFit;

/* ps_reg_line_merge () */
__device__ static void
line_merge (Line *a, const Line *b)
{
  double n, dx, dy, w;

  if (b->n == 0)
    return;
  if (a->n == 0)
    {
      *a = *b;
      return;
    }
  n = a->n + b->n;
  dx = b->mx - a->mx;
  dy = b->my - a->my;
  w = a->n * b->n / n;
  a->mx += dx * (b->n / n);
  a->my += dy * (b->n / n);
  a->sxx += b->sxx + dx * dx * w;
  a->sxy += b->sxy + dx * dy * w;
  a->syy += b->syy + dy * dy * w;
  a->n = n;
}

/* ps_reg_line_add_points (): four Welford lanes on the points less the first one,
 * merged in lane order. */
__device__ static void
line_add_points (Line *l, const double *x, const double *y, uint64_t n)
{
  double mx[4] = { 0 }, my[4] = { 0 }, sxx[4] = { 0 }, sxy[4] = { 0 }, syy[4] = { 0 };
  double k = 0, kx, ky;
  uint64_t i = 0, rest;

  if (n == 0)
    return;
  kx = x[0];
  ky = y[0];
  for (; i + 4 <= n; i += 4)
    {
      double r;

      k += 1.0;
      r = 1.0 / k;
      for (int j = 0; j < 4; j++)
        {
          double u = x[i + j] - kx, v = y[i + j] - ky;
          double du = u - mx[j], dv = v - my[j];

          mx[j] += du * r;
          my[j] += dv * r;
          sxx[j] += du * (u - mx[j]);
          sxy[j] += du * (v - my[j]);
          syy[j] += dv * (v - my[j]);
        }
    }
  rest = n - i;
  if (rest > 0)
    {
      double r = 1.0 / (k + 1.0);

      for (uint64_t j = 0; j < rest; j++)
        {
          double u = x[i + j] - kx, v = y[i + j] - ky;
          double du = u - mx[j], dv = v - my[j];

          mx[j] += du * r;
          my[j] += dv * r;
          sxx[j] += du * (u - mx[j]);
          sxy[j] += du * (v - my[j]);
          syy[j] += dv * (v - my[j]);
        }
    }
  {
    Line sum = { 0, 0, 0, 0, 0, 0 };

    for (uint64_t j = 0; j < 4; j++)
      {
        Line lane = { j < rest ? k + 1.0 : k, mx[j], my[j], sxx[j], sxy[j], syy[j] };

        line_merge (&sum, &lane);
      }
    sum.mx += kx;
    sum.my += ky;
    line_merge (l, &sum);
  }
}

/* ps_reg_line_solve () */
__device__ static void
line_solve (const Line *l, LineFit *f)
{
  double n = l->n, sse, s2;

  f->slope = l->sxy / l->sxx;
  f->intercept = l->my - f->slope * l->mx;
  sse = l->syy - f->slope * l->sxy;
  sse = sse > 0 ? sse : 0.0;
  s2 = n > 2 ? sse / (n - 2) : ps_math_nan ();
  f->slope_se = sqrt (s2 / l->sxx);
  f->intercept_se = sqrt (s2 * (1.0 / n + l->mx * l->mx / l->sxx));
  f->r2 = l->syy > 0 ? 1.0 - sse / l->syy : ps_math_nan ();
}

__device__ static inline bool
is_finite (double v)
{
  return fabs (v) <= DBL_MAX;
}

/* Error codes as PsRegError numbers them (ps-regression.h); the host only asks
 * whether a fit failed and leaves failed specimens to the kind's own code. */
enum
{
  REG_OK = 0,
  REG_ERR_TOO_FEW = 5,
  REG_ERR_NON_FINITE = 4,
  REG_ERR_NOT_INCREASING = 6,
  REG_ERR_MODULUS = 7,
  REG_ERR_PARAMS = 8
};

/* stress_window () */
__device__ static int
stress_window (const double *x, const double *y, uint64_t imax, double lo, double hi, Line *l,
               uint64_t *i0, uint64_t *i1, uint64_t *bad)
{
  uint64_t i = 0, first;

  memset (l, 0, sizeof *l);
  while (i <= imax && !(y[i] >= lo))
    i++;
  first = *i0 = i;
  for (; i <= imax && y[i] <= hi; i++)
    {
      if (!is_finite (x[i]))
        {
          *bad = i;
          return REG_ERR_NON_FINITE;
        }
      if (i > first && x[i] < x[i - 1])
        {
          *bad = i;
          return REG_ERR_NOT_INCREASING;
        }
    }
  *i1 = i;
  line_add_points (l, x + first, y + first, i - first);
  return REG_OK;
}

typedef struct
{
  PsCudaRegParams p;
} RegK;

/* ps_regression_fit () after its first pass, which the block has done: @ymax is the
 * largest stress and @imax where it first occurs. One thread. */
__device__ static int
reg_fit_rest (const RegK &k, const double *x, const double *y, uint64_t n, double ymax,
              uint64_t imax, PsCudaRegFit *fit)
{
  Line l;
  LineFit lf;
  uint64_t i, i0 = 0, i1 = 0;
  double E, s0, fprev;
  int err;

  memset (&l, 0, sizeof l);
  if (!is_finite (x[n - 1]) || !is_finite (x[imax]))
    {
      fit->bad_point = !is_finite (x[imax]) ? imax : n - 1;
      return REG_ERR_NON_FINITE;
    }
  fit->ultimate = ymax;
  fit->ultimate_strain = x[imax];
  fit->break_strain = x[n - 1];

  switch (k.p.window)
    {
    case PS_CUDA_REG_WINDOW_STRAIN:
      for (i = 0; i < n && !(x[i] >= k.p.from); i++)
        if (!is_finite (x[i]))
          {
            fit->bad_point = i;
            return REG_ERR_NON_FINITE;
          }
      i0 = i;
      for (; i < n && x[i] <= k.p.to; i++)
        if (i > i0 && x[i] < x[i - 1])
          {
            fit->bad_point = i;
            return REG_ERR_NOT_INCREASING;
          }
      i1 = i;
      line_add_points (&l, x + i0, y + i0, i1 - i0);
      if (i1 < n && !is_finite (x[i1]))
        {
          fit->bad_point = i1;
          return REG_ERR_NON_FINITE;
        }
      break;
    case PS_CUDA_REG_WINDOW_STRESS:
      err = stress_window (x, y, imax, k.p.from * ymax, k.p.to * ymax, &l, &i0, &i1,
                           &fit->bad_point);
      if (err != REG_OK)
        return err;
      break;
    default: /* auto */
      {
        double best_r2 = -INFINITY;
        bool found = false;

        for (int w = 0; w < k.p.auto_n; w++)
          {
            double a = k.p.auto_step * (w + 1);
            Line c;
            uint64_t c0, c1;

            err = stress_window (x, y, imax, a * ymax, (a + k.p.auto_width) * ymax, &c, &c0, &c1,
                                 &fit->bad_point);
            if (err != REG_OK)
              return err;
            if (c.n < k.p.min_points || !(c.sxx > 0))
              continue;
            line_solve (&c, &lf);
            if (!found || lf.r2 > best_r2)
              {
                found = true;
                best_r2 = lf.r2;
                l = c;
                i0 = c0;
                i1 = c1;
              }
          }
        if (!found)
          {
            fit->bad_point = 0;
            fit->window_points = 0;
            return REG_ERR_TOO_FEW;
          }
      }
      break;
    }
  fit->window_points = (uint64_t)l.n;
  if (l.n < k.p.min_points)
    {
      fit->bad_point = i0;
      return REG_ERR_TOO_FEW;
    }
  if (!(l.sxx > 0))
    {
      fit->bad_point = i0;
      return REG_ERR_NOT_INCREASING;
    }
  line_solve (&l, &lf);
  fit->window_from = x[i0];
  fit->window_to = x[i1 - 1];
  fit->E = lf.slope;
  fit->E_se = lf.slope_se;
  fit->sigma0 = lf.intercept;
  fit->sigma0_se = lf.intercept_se;
  fit->r2 = lf.r2;
  if (!(lf.slope > 0) || !is_finite (lf.slope))
    {
      fit->bad_point = i0;
      return REG_ERR_MODULUS;
    }

  /* ps_reg_scan_crossing (): the first i in (i0, n) with f(i) <= 0 < f(i - 1). */
  E = lf.slope;
  s0 = lf.intercept;
  fprev = y[i0] - (E * (x[i0] - k.p.offset) + s0);
  for (i = i0 + 1; i < n; i++)
    {
      double f = y[i] - (E * (x[i] - k.p.offset) + s0);

      if (f <= 0 && fprev > 0)
        {
          double t = fprev / (fprev - f);

          fit->has_yield = 1;
          fit->yield_strain = x[i - 1] + t * (x[i] - x[i - 1]);
          fit->yield = y[i - 1] + t * (y[i] - y[i - 1]);
          break;
        }
      fprev = f;
    }
  return REG_OK;
}

/* One CUDA block per specimen: the block generates a synthetic specimen (one point
 * per thread in turn, ps_regression_generate()'s expressions), finds the maximum
 * stress and where it first occurs together (exact in any order), and thread 0 does
 * the rest of the fit in point order, as the CPU does, so that the sums of the
 * elastic line are added in the same order and the fit is the same to the bit. */
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
  PsCudaRegFit *fit = &out[sidx];
  const double *x, *y;
  uint64_t n;
  double ymax;
  bool bad = false;

  if (threadIdx.x == 0)
    {
      memset (fit, 0, sizeof *fit);
      fit->yield = fit->yield_strain = ps_math_nan ();
      fit->E = fit->E_se = fit->sigma0 = fit->sigma0_se = fit->r2 = ps_math_nan ();
      fit->window_from = fit->window_to = ps_math_nan ();
      fit->ultimate = fit->ultimate_strain = fit->break_strain = ps_math_nan ();
    }
  if (k.p.synthetic)
    {
      double E = ps_dist_quantile (&k.p.E, ps_rng_uniform (k.p.seed, k.p.stream_E, it));
      double fy = ps_dist_quantile (&k.p.fy, ps_rng_uniform (k.p.seed, k.p.stream_yield, it));
      double sd
          = ps_dist_quantile (&k.p.noise_sd, ps_rng_uniform (k.p.seed, k.p.stream_noise_sd, it));
      double step, ey, H;
      double *wx = scratch + sidx * 2 * k.p.points, *wy = wx + k.p.points;
      PsDist noise;

      n = k.p.points;
      if (!(E > 0) || !(fy > 0) || !(sd >= 0) || !is_finite (E) || !is_finite (fy))
        {
          if (threadIdx.x == 0)
            {
              fit->err = REG_ERR_PARAMS;
              fit->points = n;
            }
          return; /* the whole block: E, fy and sd are the same in every thread */
        }
      step = k.p.max_strain / (double)(n - 1);
      ey = fy / E;
      H = k.p.hardening * E;
      noise.kind = PS_DIST_NORMAL;
      noise.p[0] = 0.0;
      noise.p[1] = sd;
      noise.p[2] = 0.0;
      noise.p[3] = 0.0;
      for (uint64_t j = threadIdx.x; j < n; j += blockDim.x)
        {
          double e = (double)j * step;
          double u = sd > 0 ? ps_dist_quantile (
                         &noise, ps_rng_uniform (k.p.seed, k.p.stream_noise, it * k.p.points + j))
                            : 0.0;

          wx[j] = e;
          wy[j] = (e <= ey ? E * e : fy + H * (e - ey)) + u;
        }
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
        fit->err = REG_ERR_TOO_FEW;
      return;
    }

  /* Pass 1: the maximum stress, that every stress is finite, and the first index of
   * the maximum. */
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
            uint64_t i = 0;

            while (is_finite (y[i]))
              i++;
            fit->points = n;
            fit->bad_point = i;
            fit->err = REG_ERR_NON_FINITE;
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
      fit->points = n;
      fit->err = reg_fit_rest (k, x, y, n, ymax, sh_idx[0], fit);
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
      void *dev[] = { r->d_scratch[s], r->d_x[s], r->d_y[s], r->d_off[s], r->d_out[s] };
      void *host[] = { r->h_x[s], r->h_y[s], r->h_off[s], r->h_out[s] };

      for (size_t i = 0; i < sizeof dev / sizeof dev[0]; i++)
        if (dev[i] != NULL)
          cudaFree (dev[i]);
      for (size_t i = 0; i < sizeof host / sizeof host[0]; i++)
        if (host[i] != NULL)
          cudaFreeHost (host[i]);
    }
  free (r);
}

extern "C" PsCudaReg *
ps_cuda_reg_new (const PsCudaRegParams *p, uint64_t max_specimens, char *err)
{
  PsCudaReg *r = (PsCudaReg *)calloc (1, sizeof *r);

  if (r == NULL)
    {
      snprintf (err, PS_CUDA_ERR_LEN, "out of host memory");
      return NULL;
    }
  r->k.p = *p;
  r->max_specimens = max_specimens;
  for (int s = 0; s < PS_CUDA_SLOTS; s++)
    {
      if (slot_init (&r->slot[s], err))
        goto fail;
      CU (cudaMalloc, (&r->d_out[s], max_specimens * sizeof (PsCudaRegFit)));
      CU (cudaMallocHost, (&r->h_out[s], max_specimens * sizeof (PsCudaRegFit)));
      if (p->synthetic)
        CU (cudaMalloc, (&r->d_scratch[s], max_specimens * 2 * p->points * sizeof (double)));
      else
        {
          size_t pts = p->max_batch_points > 0 ? p->max_batch_points : 1;

          CU (cudaMalloc, (&r->d_x[s], pts * sizeof (double)));
          CU (cudaMalloc, (&r->d_y[s], pts * sizeof (double)));
          CU (cudaMalloc, (&r->d_off[s], (max_specimens + 1) * sizeof (uint64_t)));
          CU (cudaMallocHost, (&r->h_x[s], pts * sizeof (double)));
          CU (cudaMallocHost, (&r->h_y[s], pts * sizeof (double)));
          CU (cudaMallocHost, (&r->h_off[s], (max_specimens + 1) * sizeof (uint64_t)));
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

  if (n == 0 || n > r->max_specimens)
    {
      snprintf (err, PS_CUDA_ERR_LEN, "regression batch of %llu specimens (at most %llu)",
                (unsigned long long)n, (unsigned long long)r->max_specimens);
      return -1;
    }
  s->n = n;
  CU (cudaEventRecord, (s->ev[0], s->stream));
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
      r->k, first, r->d_x[slot], r->d_y[slot], r->d_off[slot], r->d_scratch[slot], r->d_out[slot]);
  /* clang-format on */
  CU_LAUNCH ("reg_kernel");
  CU (cudaEventRecord, (s->ev[2], s->stream));
  CU (cudaMemcpyAsync, (r->h_out[slot], r->d_out[slot], n * sizeof (PsCudaRegFit),
                        cudaMemcpyDeviceToHost, s->stream));
  CU (cudaEventRecord, (s->ev[3], s->stream));
  s->busy = 1;
  return 0;
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
