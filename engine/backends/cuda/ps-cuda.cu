/* ps-cuda.cu: the gpu backend's device detection (ps-cuda.h). Each study kind's
 * kernels and their host wrappers are in a file of their own, ps-cuda-KIND.cu.
 *
 * Every .cu file is compiled by nvcc with --fmad=false: every floating expression is
 * evaluated as written, one rounding per operation, as the CPU code compiled with
 * -ffp-contract=off evaluates it. That, and calling the very same PS_HD functions as
 * the CPU code, is what makes the GPU's samples, counts and fits bitwise those of the
 * serial backend: ps-math.h, ps-dist.h and ps-philox.h for the random numbers, and the
 * study kinds' own arithmetic, which lives in engine/studies/beam/ps-beam-math.h (grid
 * index to parameters, the closed forms and the point load off midspan) and
 * ps-regression-math.h (synthetic specimens, the co-moments, the window, the line and
 * the offset yield) and is included by ps-beam.c and ps-regression.c as well. There
 * is no second copy of the beam or regression formulas in the kernels: only how the
 * work is spread over threads and how partial results are reduced. The one
 * device-only piece of the fit is its first pass, the maximum stress and where it
 * first occurs, reduced over a block: exact in any order, and then handed to
 * ps_reg_fit_after_max () as the CPU hands its own. The limit state is run by
 * ps_expr_run () of ps-expr-eval.h, the interpreter ps_expr_eval () runs on the CPU.
 */
#include "ps-cuda-private.h"

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
