/* ps-cuda.h: the CUDA side of the gpu backend, as plain C for the host side
 * (ps-backend-gpu.c and ps-gpu-KIND.c).
 *
 * This header holds what every kind shares: the device's detection (ps-cuda.cu) and
 * the conventions below. Each study kind's kernels are in ps-cuda-KIND.cu, with their
 * interface in ps-cuda-KIND.h; nvcc compiles each file on its own. The host backend
 * keeps the study, the chunks and the commits; this layer only moves plain arrays to
 * the device, runs the kernels and brings the per-chunk (or per-block, per-specimen)
 * results back.
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

#ifdef __cplusplus
}
#endif
