/* ps-backend-gpu.h: the gpu backend (CUDA), built with -Dcuda when nvcc is found
 * (ps_backend_gpu, ps-backend.h; without CUDA ps-backend-gpu-none.c stands in).
 *
 * The kernels live in engine/backends/cuda/ps-cuda*.cu; the host side is
 * ps-backend-gpu.c (detection, the batches of chunks sent to the device, and the
 * commits in chunk order) and each kind's ps-gpu-KIND.c.
 */
#pragma once

#include "backends/ps-backend.h"

G_BEGIN_DECLS

/* One line about the device (name, compute capability, memory, driver and runtime
 * versions), or why there is none. */
char *ps_gpu_describe (void);

/* Where the device time of the last gpu run in this process went, from CUDA events
 * (s), summed over its batches; and its batches. For the benchmark. */
typedef struct
{
  double h2d_seconds;
  double kernel_seconds;
  double d2h_seconds;
  guint64 batches;
  guint64 host_chunks; /* chunks evaluated by the kind's CPU code (item errors) */
} PsGpuTiming;

void ps_gpu_get_last_timing (PsGpuTiming *timing);

G_END_DECLS
