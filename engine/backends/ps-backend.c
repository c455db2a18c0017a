#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include "ps-backend.h"
#if HAVE_MPI
#include "ps-backend-mpi.h"
#endif
#if HAVE_CUDA
#include "ps-backend-gpu.h"
#endif

static const PsBackend *const backends[] = {
  &ps_backend_serial,
  &ps_backend_threads,
  &ps_backend_processes,
#if HAVE_MPI
  &ps_backend_mpi,
#endif
#if HAVE_CUDA
  &ps_backend_gpu,
#endif
  NULL,
};

const PsBackend *const *
ps_backends_list (void)
{
  return backends;
}

const PsBackend *
ps_backend_lookup (const char *name)
{
  for (guint i = 0; backends[i] != NULL; i++)
    if (g_strcmp0 (backends[i]->name, name) == 0)
      return backends[i];
  return NULL;
}

const char *
ps_backend_default_name (void)
{
  return "threads";
}
