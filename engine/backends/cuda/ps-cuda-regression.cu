/* ps-cuda-regression.cu: the fit kernel of the regression kind and its host
 * wrappers (ps-cuda-regression.h); the arithmetic is ps-regression-math.h's. See
 * ps-cuda.cu. */
#include <float.h>

#include "ps-cuda-private.h"
#include "ps-cuda-regression.h"

#define REG_THREADS 128

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
