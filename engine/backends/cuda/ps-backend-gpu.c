#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ps-backend-gpu-private.h"
#include "ps-error.h"
#include "study/ps-study-private.h"

/* The gpu backend walks the study in batches of whole chunks. Two batches are in
 * flight on two CUDA streams: while the device computes one, the host commits the
 * other's chunks in chunk order, exactly as the serial backend would commit them.
 *
 * A chunk whose items the device found in error (an invalid section, a load outside
 * the span, a specimen that cannot be fitted or read), and a chunk of a scaling run
 * that wraps round the study's own items, is evaluated again on the host by the
 * kind's own code, so that its messages, its summary and its rows are the kind's.
 * Every other chunk's rows are formatted on the host from what the device computed,
 * by the kind's own row writer: the beam's row fields come back from the device as
 * structure of arrays (ps_beam_write_rows), a regression's from its fits
 * (ps_regression_write_fit_row); the reliability kind writes no rows. Each kind's
 * part is in ps-gpu-KIND.c (host) and ps-cuda-KIND.cu (device).
 *
 * PARASTUDY_GPU_BATCH_CHUNKS sets the chunks per batch (the tests use it to run a
 * study larger than one batch). */

G_LOCK_DEFINE_STATIC (last_timing);
static PsGpuTiming last_timing;

void
ps_gpu_get_last_timing (PsGpuTiming *timing)
{
  G_LOCK (last_timing);
  *timing = last_timing;
  G_UNLOCK (last_timing);
}

/* ---------------------------------------------------------------------------------
 * Detection
 * ------------------------------------------------------------------------------ */

typedef struct
{
  gboolean ok;
  PsCudaInfo info;
  char reason[PS_CUDA_ERR_LEN];
} Probe;

static const Probe *
probe (void)
{
  static Probe p;
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      p.ok = ps_cuda_probe (&p.info, p.reason) == 0;
      g_once_init_leave (&done, 1);
    }
  return &p;
}

/* The probe (ps-cuda.cu, compiled by nvcc) writes its reasons in English; the fixed
 * ones are in the catalogue, and the rest (CUDA's own error texts) stay English. */
static const char *const probe_reasons[] G_GNUC_UNUSED = {
  N_ ("no NVIDIA driver found (libcuda.so.1 is not installed)"),
  N_ ("no CUDA device"),
};

static const char *
probe_reason (const Probe *p)
{
  return p->reason[0] != '\0' ? _ (p->reason) : p->reason;
}

static gboolean
gpu_is_available (char **reason)
{
  const Probe *p = probe ();

  if (!p->ok && reason != NULL)
    *reason = g_strdup (probe_reason (p));
  return p->ok;
}

static int
gpu_default_workers (void)
{
  return 1;
}

char *
ps_gpu_describe (void)
{
  const Probe *p = probe ();
  g_autofree char *mem = NULL;

  if (!p->ok)
    return g_strdup (probe_reason (p));
  mem = g_format_size_full (p->info.total_memory, G_FORMAT_SIZE_IEC_UNITS);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s, compute capability %d.%d, %s, %d multiprocessors; "
                                       "driver CUDA %d.%d, runtime CUDA %d.%d (%d device)",
                                       "%s, compute capability %d.%d, %s, %d multiprocessors; "
                                       "driver CUDA %d.%d, runtime CUDA %d.%d (%d devices)",
                                       p->info.device_count),
                          p->info.name, p->info.cc_major, p->info.cc_minor, mem,
                          p->info.multiprocessors, p->info.driver_version / 1000,
                          p->info.driver_version % 1000 / 10, p->info.runtime_version / 1000,
                          p->info.runtime_version % 1000 / 10, p->info.device_count);
}

/* Without a device there is nothing to add to is_available()'s reason. */
static char *
gpu_describe (void)
{
  return probe ()->ok ? ps_gpu_describe () : NULL;
}

/* ---------------------------------------------------------------------------------
 * The batch loop
 * ------------------------------------------------------------------------------ */

gboolean
ps_gpu_cuda_error (PsGpu *g, GError **error)
{
  g_set_error (error, PS_ERROR, PS_ERROR_FAILED, _ ("gpu backend: %s"), g->err);
  return FALSE;
}

/* The chunks per batch: PARASTUDY_GPU_BATCH_CHUNKS, else @def; at most @max_fit (what
 * device memory allows) and the study's chunks. */
guint64
ps_gpu_batch_chunks (const PsGpu *g, guint64 def)
{
  const char *env = g_getenv ("PARASTUDY_GPU_BATCH_CHUNKS");
  guint64 n = def;

  if (env != NULL && g_ascii_strtoull (env, NULL, 10) > 0)
    n = g_ascii_strtoull (env, NULL, 10);
  return CLAMP (n, 1, MAX (g->n_chunks, 1));
}

/* Halves @chunks until @bytes_per_chunk * chunks fits in half the device's free
 * memory. FALSE (with @error) when not even one chunk fits. */
gboolean
ps_gpu_fit_memory (PsGpu *g, guint64 bytes_per_chunk, guint64 fixed_bytes, guint64 *chunks,
                   GError **error)
{
  size_t free_b = 0, total_b = 0;

  if (ps_cuda_mem_info (&free_b, &total_b, g->err))
    return ps_gpu_cuda_error (g, error);
  while (*chunks > 1 && fixed_bytes + *chunks * bytes_per_chunk > free_b / 2)
    *chunks /= 2;
  if (fixed_bytes + *chunks * bytes_per_chunk > free_b / 2)
    {
      g_autofree char *need
          = g_format_size_full (fixed_bytes + bytes_per_chunk, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *have = g_format_size_full (free_b, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, PS_ERROR, PS_ERROR_FAILED,
                   _ ("gpu backend: one chunk needs %s of device memory and %s is free"), need,
                   have);
      return FALSE;
    }
  return TRUE;
}

/* Evaluates chunk @k with the kind's own code and commits it. */
void
ps_gpu_commit_host_chunk (PsGpu *g, guint64 k)
{
  ps_exec_eval_chunk (g->exec, k, g->workspace, g->summary, &g->errors, &g->rows);
  ps_exec_commit_chunk (g->exec, k, g->summary, &g->errors, &g->rows);
  g->timing.host_chunks++;
}

/* Commits chunk @k with the summary in g->summary and the rows in g->rows, both
 * made from what the device computed (a chunk without item errors). */
void
ps_gpu_commit_device_chunk (PsGpu *g, guint64 k)
{
  ps_errors_clear (&g->errors);
  ps_exec_commit_chunk (g->exec, k, g->summary, &g->errors, &g->rows);
}

/* The first item of chunk @k as the kind numbers it: the study's own index, for a
 * chunk of a scaling run that does not wrap (chunk_wraps ()). */
guint64
ps_gpu_chunk_first_item (const PsGpu *g, guint64 k)
{
  guint64 begin = k * g->chunk_items;

  return g->study->cycle_items ? begin % g->study->cycle_items : begin;
}

/* Whether chunk @k of a scaling run wraps round the study's own items. */
static gboolean
chunk_wraps (const PsGpu *g, guint64 k)
{
  guint64 cycle = g->study->cycle_items;
  guint64 begin = k * g->chunk_items, end = MIN (g->study->n_items, begin + g->chunk_items);

  return cycle != 0 && end > begin && begin / cycle != (end - 1) / cycle;
}

gboolean
ps_gpu_run_batches (PsGpu *g, const PsGpuSteps *steps, gpointer ctx, GError **error)
{
  guint64 next = g->first_chunk;
  int in_flight = 0;
  gboolean ok = TRUE;

  /* Fill both slots, then: wait for the oldest, commit its chunks, refill it. */
  for (int s = 0; s < PS_CUDA_SLOTS; s++)
    g->slot_n[s] = 0;
  for (int s = 0; s < PS_CUDA_SLOTS && next < g->n_chunks; s++)
    {
      guint64 n = MIN (g->batch_chunks, g->n_chunks - next);

      if (steps->launch (g, ctx, s, next, n))
        return ps_gpu_cuda_error (g, error);
      g->slot_first[s] = next;
      g->slot_n[s] = n;
      next += n;
      in_flight++;
    }
  for (int s = 0; in_flight > 0; s = (s + 1) % PS_CUDA_SLOTS)
    {
      PsCudaTiming t = { 0 };

      if (g->slot_n[s] == 0)
        continue;
      if (steps->wait (g, ctx, s, &t))
        {
          ok = ps_gpu_cuda_error (g, error);
          break;
        }
      in_flight--;
      g->timing.batches++;
      g->timing.h2d_seconds += t.h2d_ms * 1e-3;
      g->timing.kernel_seconds += t.kernel_ms * 1e-3;
      g->timing.d2h_seconds += t.d2h_ms * 1e-3;
      for (guint64 i = 0; i < g->slot_n[s] && !ps_exec_should_stop (g->exec); i++)
        {
          guint64 k = g->slot_first[s] + i;

          if (chunk_wraps (g, k))
            ps_gpu_commit_host_chunk (g, k);
          else
            steps->commit (g, ctx, s, k, i);
        }
      g->slot_n[s] = 0;
      if (ps_exec_should_stop (g->exec) || next >= g->n_chunks)
        continue;
      {
        guint64 n = MIN (g->batch_chunks, g->n_chunks - next);

        if (steps->launch (g, ctx, s, next, n))
          {
            ok = ps_gpu_cuda_error (g, error);
            break;
          }
        g->slot_first[s] = next;
        g->slot_n[s] = n;
        next += n;
        in_flight++;
      }
    }
  /* On an error a batch may still be running: its context waits for its stream
   * when it is freed. */
  return ok;
}

/* ---------------------------------------------------------------------------------
 * The backend
 * ------------------------------------------------------------------------------ */

/* The kinds with kernels, one line each (ps-gpu-KIND.c). A kind that is not here
 * (the empty study of the benchmarks) runs on the host, one chunk after another. */
static const PsGpuKind *const gpu_kinds[] = {
  &ps_gpu_beam,
  &ps_gpu_reliability,
  &ps_gpu_regression,
  NULL,
};

static const PsGpuKind *
gpu_kind_lookup (const PsStudy *study)
{
  for (guint i = 0; gpu_kinds[i] != NULL; i++)
    if (g_strcmp0 (gpu_kinds[i]->kind, study->klass->name) == 0)
      return gpu_kinds[i];
  return NULL;
}

gboolean
ps_gpu_run_host (PsGpu *g, GError **error)
{
  for (guint64 k = g->first_chunk; k < g->n_chunks && !ps_exec_should_stop (g->exec); k++)
    ps_gpu_commit_host_chunk (g, k);
  return TRUE;
}

static gboolean
gpu_execute (PsExec *exec, int workers, GError **error)
{
  const PsStudy *study = ps_exec_get_study (exec);
  const PsGpuKind *kind = gpu_kind_lookup (study);
  PsGpu g = { 0 };
  gboolean ok;

  if (!gpu_is_available (NULL))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_UNSUPPORTED,
                   _ ("the gpu backend is not available: %s"), probe_reason (probe ()));
      return FALSE;
    }
  g.exec = exec;
  g.study = study;
  g.rows_mode = ps_exec_get_options (exec)->rows;
  g.n_chunks = ps_exec_get_n_chunks (exec);
  g.first_chunk = ps_exec_get_first_chunk (exec);
  g.chunk_items = ps_exec_get_chunk_items (exec);
  g.workspace = study->klass->workspace_new (study);
  g.summary = g_malloc (study->klass->summary_size);
  ps_errors_init (&g.errors);
  ps_buf_init (&g.rows, 1 << 16);

  ok = kind != NULL ? kind->run (&g, error) : ps_gpu_run_host (&g, error);

  G_LOCK (last_timing);
  last_timing = g.timing;
  G_UNLOCK (last_timing);
  ps_buf_clear (&g.rows);
  ps_errors_clear (&g.errors);
  g_free (g.summary);
  study->klass->workspace_free (g.workspace);
  return ok;
}

const PsBackend ps_backend_gpu = {
  .name = "gpu",
  .label = N_ ("GPU"),
  .description = N_ ("NVIDIA GPU (CUDA), one batch of chunks per launch"),
  .is_available = gpu_is_available,
  .default_workers = gpu_default_workers,
  .describe = gpu_describe,
  .execute = gpu_execute,
};
