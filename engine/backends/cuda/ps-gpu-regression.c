/* The regression kind on the gpu backend, host side: synthetic specimens are drawn
 * on the device, CSV specimens read here and packed into the batch
 * (ps-cuda-regression.cu); each chunk's summary and rows from the device's fits. A
 * study with the ISO 6892-1 analysis runs on the host. */
#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <string.h>

#include "ps-backend-gpu-private.h"
#include "ps-cuda-regression.h"
#include "ps-regression.h"

typedef struct
{
  PsCudaReg *dev;
  const PsRegressionModel *m;
  const PsCudaRegFit *out[PS_CUDA_SLOTS];
  guint8 *read_failed[PS_CUDA_SLOTS]; /* CSV: per specimen of the batch */
  GArray *x, *y;
} RegCtx;

static int
reg_launch (PsGpu *g, gpointer ctx, int slot, guint64 first, guint64 n)
{
  RegCtx *c = ctx;
  guint64 i0 = first * g->chunk_items;
  guint64 i1 = MIN (g->study->n_items, (first + n) * g->chunk_items);

  if (c->m->source != PS_REG_SOURCE_SYNTHETIC)
    {
      double *hx, *hy;
      guint64 *off;
      guint64 at = 0;

      /* The host reads the specimens of the batch with the kind's reader; one that
       * it cannot read is left empty and its chunk is evaluated by the kind. */
      ps_cuda_reg_input (c->dev, slot, &hx, &hy, &off);
      for (guint64 i = i0; i < i1; i++)
        {
          guint64 item = g->study->cycle_items ? i % g->study->cycle_items : i;
          g_autoptr (GError) local = NULL;

          off[i - i0] = at;
          g_array_set_size (c->x, 0);
          g_array_set_size (c->y, 0);
          c->read_failed[slot][i - i0]
              = !ps_regression_read_points (c->m, item, c->x, c->y, &local);
          if (!c->read_failed[slot][i - i0])
            {
              memcpy (hx + at, c->x->data, c->x->len * sizeof (double));
              memcpy (hy + at, c->y->data, c->y->len * sizeof (double));
              at += c->x->len;
            }
        }
      off[i1 - i0] = at;
    }
  return ps_cuda_reg_launch (c->dev, slot, i0, i1 - i0, g->err);
}

static int
reg_wait (PsGpu *g, gpointer ctx, int slot, PsCudaTiming *t)
{
  RegCtx *c = ctx;

  return ps_cuda_reg_wait (c->dev, slot, &c->out[slot], t, g->err);
}

static void
reg_commit (PsGpu *g, gpointer ctx, int slot, guint64 k, guint64 index)
{
  RegCtx *c = ctx;
  PsRegressionSummary *s = g->summary;
  guint64 batch_i0 = g->slot_first[slot] * g->chunk_items;
  guint64 i0 = k * g->chunk_items, i1 = MIN (g->study->n_items, i0 + g->chunk_items);

  for (guint64 i = i0; i < i1; i++)
    if (c->out[slot][i - batch_i0].err != 0
        || (c->m->source != PS_REG_SOURCE_SYNTHETIC && c->read_failed[slot][i - batch_i0]))
      {
        ps_gpu_commit_host_chunk (g, k);
        return;
      }
  /* The chunk's summary and rows from its fits, in item order, by the kind's own
   * code: bitwise what reg_eval () makes of the same fits. */
  g->study->klass->summary_init (g->study, s);
  g->rows.len = 0;
  for (guint64 i = i0; i < i1; i++)
    {
      const PsSpecimenFit *f = &c->out[slot][i - batch_i0].fit;

      s->specimens++;
      s->points += f->points;
      ps_regression_summary_add (c->m, s, f);
      if (g->rows_mode != PS_ROWS_NONE)
        ps_regression_write_fit_row (c->m, &g->rows, ps_gpu_chunk_first_item (g, k) + (i - i0), f);
    }
  (void)index;
  ps_gpu_commit_device_chunk (g, k);
}

static const PsGpuSteps steps = { reg_launch, reg_wait, reg_commit };

static gboolean
run_regression (PsGpu *g, GError **error)
{
  const PsRegressionModel *m = g->study->model;
  gboolean synthetic = m->source == PS_REG_SOURCE_SYNTHETIC;
  PsCudaRegParams p = { 0 };
  RegCtx c = { 0 };
  guint64 per_item_points = MAX (m->max_points, 1);
  guint64 specimens;
  gboolean ok;

  /* The ISO 6892-1 analysis (ps-iso6892-math.h) has no kernel yet: a study that asks
   * for it is evaluated on the host, chunk by chunk in order, by the kind's own code,
   * so that its results are the serial backend's. */
  if (m->iso)
    {
      for (guint64 k = 0; k < g->n_chunks && !ps_exec_should_stop (g->exec); k++)
        ps_gpu_commit_host_chunk (g, k);
      return TRUE;
    }
  c.m = m;
  p.synthetic = synthetic;
  p.points = m->points;
  p.E = m->E;
  p.fy = m->fy;
  p.noise_sd = m->noise_sd;
  p.hardening = m->hardening;
  p.max_strain = m->max_strain;
  p.seed = m->seed;
  ps_regression_fit_params (m, &p.fit);
  p.n_items = g->study->n_items;
  p.cycle_items = g->study->cycle_items;

  /* About 8 million points per batch. */
  g->batch_chunks = ps_gpu_batch_chunks (
      g, MAX (1, (G_GUINT64_CONSTANT (1) << 23) / (g->chunk_items * per_item_points)));
  /* Per chunk: the points (device; CSV also pinned host) and the fits. */
  if (!ps_gpu_fit_memory (
          g,
          PS_CUDA_SLOTS * g->chunk_items
              * (2 * sizeof (double) * per_item_points + sizeof (guint64) + sizeof (PsCudaRegFit)),
          0, &g->batch_chunks, error))
    return FALSE;
  specimens = g->batch_chunks * g->chunk_items;
  p.max_batch_points = synthetic ? 0 : specimens * per_item_points;
  c.dev = ps_cuda_reg_new (&p, specimens, g->err);
  if (c.dev == NULL)
    return ps_gpu_cuda_error (g, error);
  for (int s = 0; s < PS_CUDA_SLOTS; s++)
    c.read_failed[s] = g_new0 (guint8, specimens);
  c.x = g_array_new (FALSE, FALSE, sizeof (double));
  c.y = g_array_new (FALSE, FALSE, sizeof (double));
  ok = ps_gpu_run_batches (g, &steps, &c, error);
  ps_cuda_reg_free (c.dev);
  for (int s = 0; s < PS_CUDA_SLOTS; s++)
    g_free (c.read_failed[s]);
  g_array_unref (c.x);
  g_array_unref (c.y);
  return ok;
}

const PsGpuKind ps_gpu_regression = { "regression", run_regression };
