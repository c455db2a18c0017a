/* The gpu backend's entry in a build configured without CUDA (meson.build picks this
 * file or ps-backend-gpu.c and the kernels): listed like the real one, never
 * available. */
#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ps-backend.h"
#include "ps-error.h"

static gboolean
gpu_is_available (char **reason)
{
  if (reason != NULL)
    *reason = g_strdup (_ ("built without CUDA"));
  return FALSE;
}

static int
gpu_default_workers (void)
{
  return 1;
}

static gboolean
gpu_execute (PsExec *exec, int workers, GError **error)
{
  g_set_error (error, PS_ERROR, PS_ERROR_UNSUPPORTED, "%s", _ ("built without CUDA"));
  return FALSE;
}

const PsBackend ps_backend_gpu = {
  .name = "gpu",
  .label = N_ ("GPU"),
  .description = N_ ("NVIDIA GPU (CUDA), one batch of chunks per launch"),
  .flags = PS_BACKEND_NOT_BUILT,
  .is_available = gpu_is_available,
  .default_workers = gpu_default_workers,
  .execute = gpu_execute,
};
