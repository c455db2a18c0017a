/* The reliability kind on the gpu backend, host side: the variables and the limit
 * state's bytecode to the device (ps-cuda-reliability.cu), and each chunk's counts
 * and convergence checkpoints from its blocks' counts. */
#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include "ps-backend-gpu-private.h"
#include "ps-cuda-reliability.h"
#include "ps-reliability.h"

typedef struct
{
  PsCudaRel *dev;
  const PsReliabilityModel *m;
  PsCudaRelResult out[PS_CUDA_SLOTS];
} RelCtx;

static int
rel_launch (PsGpu *g, gpointer ctx, int slot, guint64 first, guint64 n)
{
  RelCtx *c = ctx;
  guint64 b0 = first * g->chunk_items;
  guint64 b1 = MIN (g->study->n_items, (first + n) * g->chunk_items);

  return ps_cuda_rel_launch (c->dev, slot, b0, b1 - b0, g->err);
}

static int
rel_wait (PsGpu *g, gpointer ctx, int slot, PsCudaTiming *t)
{
  RelCtx *c = ctx;

  return ps_cuda_rel_wait (c->dev, slot, &c->out[slot], t, g->err);
}

/* The chunk's partial summary from its blocks' counts, as rel_eval() would have
 * added them: fail_at[k] holds the failures of the chunk's samples before checkpoint
 * k, for the checkpoints after the chunk's first sample. */
static void
rel_commit (PsGpu *g, gpointer ctx, int slot, guint64 k, guint64 index)
{
  RelCtx *c = ctx;
  const PsReliabilityModel *m = c->m;
  const PsCudaRelResult *r = &c->out[slot];
  PsReliabilitySummary *s = g->summary;
  guint64 batch_b0 = g->slot_first[slot] * g->chunk_items;
  guint64 b0 = k * g->chunk_items, b1 = MIN (g->study->n_items, b0 + g->chunk_items);
  guint64 s0 = b0 * PS_REL_BLOCK, s1 = MIN (b1 * PS_REL_BLOCK, m->max_samples);
  guint64 before[PS_REL_CHUNK_ITEMS + 1];
  guint64 fails = 0, nans = 0, nans_before[PS_REL_CHUNK_ITEMS + 1];

  g_assert (b1 - b0 <= PS_REL_CHUNK_ITEMS);
  g->study->klass->summary_init (g->study, s);
  for (guint64 b = b0; b < b1; b++)
    {
      before[b - b0] = fails;
      nans_before[b - b0] = nans;
      fails += r->fails[b - batch_b0];
      nans += r->nans[b - batch_b0];
    }
  if (nans > 0)
    {
      /* The kernel counts NaNs and infinities together: the host tells them apart. */
      ps_gpu_commit_host_chunk (g, k);
      return;
    }
  s->samples = s1 - s0;
  s->failures = fails;
  s->nan_samples = nans;
  for (guint cp = 0; cp < m->n_checkpoints; cp++)
    {
      guint64 at = m->checkpoints[cp];

      if (at <= s0)
        continue;
      if (at > s1)
        {
          s->fail_at[cp] = fails;
          s->nan_at[cp] = nans;
          continue;
        }
      {
        guint64 b = (at - 1) / PS_REL_BLOCK; /* the block holding it */

        s->fail_at[cp] = before[b - b0] + r->cp_fails[cp];
        s->nan_at[cp] = nans_before[b - b0] + r->cp_nans[cp];
      }
    }
  (void)index;
  g->rows.len = 0; /* the kind writes none */
  ps_gpu_commit_device_chunk (g, k);
}

static const PsGpuSteps steps = { rel_launch, rel_wait, rel_commit };

/* Whether the kernel computes the study's items: crude Monte Carlo with independent
 * variables of the distributions it was checked with, not a round study (the other
 * methods and the rounds run on the host, one chunk after another, with the same
 * results as on every backend). */
static gboolean
kernel_runs (const PsReliabilityModel *m)
{
  if (m->round != NULL || m->nataf != NULL || m->method.kind != PS_REL_METHOD_MONTE_CARLO)
    return FALSE;
  for (guint v = 0; v < m->n_vars; v++)
    if (m->dists[v].kind > PS_DIST_TRUNCATED_NORMAL)
      return FALSE;
  return TRUE;
}

static gboolean
run_reliability (PsGpu *g, GError **error)
{
  const PsReliabilityModel *m = g->study->model;
  PsCudaRelParams p = { 0 };
  RelCtx c = { 0 };
  guint n_ops = 0;
  gboolean ok;

  if (!kernel_runs (m))
    {
      for (guint64 k = 0; k < g->n_chunks && !ps_exec_should_stop (g->exec); k++)
        ps_gpu_commit_host_chunk (g, k);
      return TRUE;
    }
  c.m = m;
  p.seed = m->seed;
  p.max_samples = m->max_samples;
  p.block_samples = PS_REL_BLOCK;
  p.n_vars = m->n_vars;
  p.dists = m->dists;
  p.keys = m->var_keys;
  p.code = ps_expr_get_code (m->expr, &n_ops);
  p.n_ops = n_ops;
  p.n_checkpoints = m->n_checkpoints;
  p.checkpoints = m->checkpoints;

  /* 65,536 samples a chunk: 4,096 chunks are about 268 million per batch. */
  g->batch_chunks = ps_gpu_batch_chunks (g, 4096);
  if (!ps_gpu_fit_memory (g, PS_CUDA_SLOTS * 2 * sizeof (guint32) * g->chunk_items, 1 << 20,
                          &g->batch_chunks, error))
    return FALSE;
  c.dev = ps_cuda_rel_new (&p, g->batch_chunks * g->chunk_items, g->err);
  if (c.dev == NULL)
    return ps_gpu_cuda_error (g, error);
  ok = ps_gpu_run_batches (g, &steps, &c, error);
  ps_cuda_rel_free (c.dev);
  return ok;
}

const PsGpuKind ps_gpu_reliability = { "reliability", run_reliability };
