/* The beam kind on the gpu backend, host side: the study's tables to the device
 * (ps-cuda-beam.cu), and each chunk's summary and rows from what it computed. */
#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include "ps-backend-gpu-private.h"
#include "ps-beam.h"
#include "ps-cuda-beam.h"

typedef struct
{
  PsCudaBeam *dev;
  const PsCudaBeamChunk *out[PS_CUDA_SLOTS];
  const double *rows[PS_CUDA_SLOTS][PS_BEAM_N_ROW]; /* with rows: the slot's columns */
  const guint8 *flags[PS_CUDA_SLOTS];
} BeamCtx;

static int
beam_launch (PsGpu *g, gpointer ctx, int slot, guint64 first, guint64 n)
{
  BeamCtx *c = ctx;

  return ps_cuda_beam_launch (c->dev, slot, first, n, g->err);
}

static int
beam_wait (PsGpu *g, gpointer ctx, int slot, PsCudaTiming *t)
{
  BeamCtx *c = ctx;

  if (ps_cuda_beam_wait (c->dev, slot, &c->out[slot], t, g->err))
    return -1;
  if (g->rows_mode != PS_ROWS_NONE)
    ps_cuda_beam_rows (c->dev, slot, c->rows[slot], &c->flags[slot]);
  return 0;
}

static void
beam_commit (PsGpu *g, gpointer ctx, int slot, guint64 k, guint64 index)
{
  BeamCtx *c = ctx;
  const PsCudaBeamChunk *r = &c->out[slot][index];
  PsBeamSummary *s = g->summary;
  guint64 begin = k * g->chunk_items, end = MIN (g->study->n_items, begin + g->chunk_items);

  if (r->errors > 0)
    {
      ps_gpu_commit_host_chunk (g, k);
      return;
    }
  g->study->klass->summary_init (g->study, s);
  s->items = end - begin;
  s->valid = r->valid;
  s->passing = r->passing;
  s->fail_deflection = r->fail_deflection;
  s->fail_strength = r->fail_strength;
  for (int j = 0; j < PS_BEAM_N_OUT; j++)
    {
      s->min[j] = r->min[j];
      s->max[j] = r->max[j];
    }
  if (r->lightest_item != G_MAXUINT64)
    {
      s->lightest_mass = r->lightest_mass;
      s->lightest_item = r->lightest_item;
    }
  /* The kernel returns no pass map (summary.json "pass_map"): the host's. */
  ps_beam_map_chunk (g->study, begin, end, s);
  g->rows.len = 0;
  if (g->rows_mode != PS_ROWS_NONE)
    {
      guint64 at = begin - g->slot_first[slot] * g->chunk_items; /* in the batch */
      const double *values[PS_BEAM_N_ROW];

      for (int f = 0; f < PS_BEAM_N_ROW; f++)
        values[f] = c->rows[slot][f] + at;
      ps_beam_write_rows (g->study->model, ps_gpu_chunk_first_item (g, k), end - begin,
                          g->rows_mode, values, c->flags[slot] + at, &g->rows);
    }
  ps_gpu_commit_device_chunk (g, k);
}

static const PsGpuSteps steps = { beam_launch, beam_wait, beam_commit };

static gboolean
run_beam (PsGpu *g, GError **error)
{
  const PsBeamModel *m = g->study->model;
  PsCudaBeamParams p = { 0 };
  BeamCtx c = { 0 };
  guint nm = m->n_materials;
  guint64 ns = m->n_sections;
  g_autofree double *mat = NULL;
  g_autofree double *sec = NULL;
  g_autofree guint8 *invalid = NULL;
  gboolean ok;

  /* A design study (loads in cases, code checks) has no kernel: the host evaluates it
   * chunk by chunk with the kind's own code, so its results are those of every other
   * backend. */
  if (m->design != NULL)
    return ps_gpu_run_host (g, error);
  invalid = g_new0 (guint8, ns);
  mat = g_new (double, 3 * (gsize)nm);
  sec = g_new (double, 3 * (gsize)ns);

  G_STATIC_ASSERT (PS_CUDA_BEAM_N_OUT == PS_BEAM_N_OUT);
  for (guint i = 0; i < nm; i++)
    {
      mat[i] = m->materials[i].E;
      mat[nm + i] = m->materials[i].f_d;
      mat[2 * nm + i] = m->materials[i].density;
    }
  for (guint64 i = 0; i < ns; i++)
    {
      sec[i] = m->sections[i].A;
      sec[ns + i] = m->sections[i].I;
      sec[2 * ns + i] = m->sections[i].W;
      invalid[i] = m->sections[i].error != NULL;
    }
  p.support = m->support;
  p.load_case = m->load_case;
  p.self_weight = m->self_weight;
  p.limit_ratio = m->limit_ratio;
  p.limit_abs = m->limit_abs;
  p.safety_factor = m->safety_factor;
  p.n_materials = nm;
  p.n_sections = ns;
  p.n_span = m->span.count;
  p.n_load = m->load.count;
  p.n_position = m->position.count;
  p.mat_E = mat;
  p.mat_fd = mat + nm;
  p.mat_density = mat + 2 * nm;
  p.sec_A = sec;
  p.sec_I = sec + ns;
  p.sec_W = sec + 2 * ns;
  p.sec_invalid = invalid;
  p.span = m->span.values;
  p.load = m->load.values;
  p.position = m->position.values;
  p.n_items = g->study->n_items;
  p.cycle_items = g->study->cycle_items;
  p.chunk_items = g->chunk_items;
  p.rows = g->rows_mode != PS_ROWS_NONE;

  /* 32,768 configurations a chunk: 512 chunks are about 16 million per batch. With
   * rows, 81 bytes per configuration come back (ten doubles and the checks), in
   * pinned host memory as well: 32 chunks, 85 MB a slot, are enough to keep the
   * formatting, which is the cost of rows, busy. */
  g->batch_chunks = ps_gpu_batch_chunks (g, p.rows ? 32 : 512);
  if (!ps_gpu_fit_memory (
          g,
          PS_CUDA_SLOTS
              * (sizeof (PsCudaBeamChunk)
                 + (p.rows ? g->chunk_items * (PS_BEAM_N_ROW * sizeof (double) + 1) : 0)),
          sizeof (double) * (3 * nm + 3 * ns + m->span.count + m->load.count + m->position.count),
          &g->batch_chunks, error))
    return FALSE;
  c.dev = ps_cuda_beam_new (&p, g->batch_chunks, g->err);
  if (c.dev == NULL)
    return ps_gpu_cuda_error (g, error);
  ok = ps_gpu_run_batches (g, &steps, &c, error);
  ps_cuda_beam_free (c.dev);
  return ok;
}

const PsGpuKind ps_gpu_beam = { "beam", run_beam };
