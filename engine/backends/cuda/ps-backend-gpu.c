#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cuda/ps-cuda.h"
#include "ps-backend-gpu.h"
#include "ps-beam.h"
#include "ps-error.h"
#include "ps-regression.h"
#include "ps-reliability.h"
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
 * (ps_regression_write_fit_row); the reliability kind writes no rows.
 *
 * PARASTUDY_GPU_BATCH_CHUNKS sets the chunks per batch (the tests use it to run a
 * study larger than one batch). */

typedef struct
{
  PsExec *exec;
  const PsStudy *study;
  PsRowsMode rows_mode;
  guint64 n_chunks, chunk_items;
  guint64 batch_chunks;
  gpointer workspace; /* the kind's, for host chunks */
  gpointer summary;   /* the chunk being committed */
  PsErrors errors;
  PsBuf rows;
  guint64 slot_first[PS_CUDA_SLOTS]; /* first chunk of the batch in a slot */
  guint64 slot_n[PS_CUDA_SLOTS];
  PsGpuTiming timing;
  char err[PS_CUDA_ERR_LEN];
} Gpu;

typedef struct
{
  int (*launch) (Gpu *g, gpointer ctx, int slot, guint64 first_chunk, guint64 n_chunks);
  int (*wait) (Gpu *g, gpointer ctx, int slot, PsCudaTiming *t);
  /* Commits chunk @chunk, the @index-th of the batch in @slot. */
  void (*commit) (Gpu *g, gpointer ctx, int slot, guint64 chunk, guint64 index);
} GpuKind;

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

/* ---------------------------------------------------------------------------------
 * The batch loop
 * ------------------------------------------------------------------------------ */

static gboolean
cuda_error (Gpu *g, GError **error)
{
  g_set_error (error, PS_ERROR, PS_ERROR_FAILED, _ ("gpu backend: %s"), g->err);
  return FALSE;
}

/* The chunks per batch: PARASTUDY_GPU_BATCH_CHUNKS, else @def; at most @max_fit (what
 * device memory allows) and the study's chunks. */
static guint64
batch_chunks (const Gpu *g, guint64 def)
{
  const char *env = g_getenv ("PARASTUDY_GPU_BATCH_CHUNKS");
  guint64 n = def;

  if (env != NULL && g_ascii_strtoull (env, NULL, 10) > 0)
    n = g_ascii_strtoull (env, NULL, 10);
  return CLAMP (n, 1, MAX (g->n_chunks, 1));
}

/* Halves @chunks until @bytes_per_chunk * chunks fits in half the device's free
 * memory. FALSE (with @error) when not even one chunk fits. */
static gboolean
fit_memory (Gpu *g, guint64 bytes_per_chunk, guint64 fixed_bytes, guint64 *chunks, GError **error)
{
  size_t free_b = 0, total_b = 0;

  if (ps_cuda_mem_info (&free_b, &total_b, g->err))
    return cuda_error (g, error);
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
static void
commit_host_chunk (Gpu *g, guint64 k)
{
  ps_exec_eval_chunk (g->exec, k, g->workspace, g->summary, &g->errors, &g->rows);
  ps_exec_commit_chunk (g->exec, k, g->summary, &g->errors, &g->rows);
  g->timing.host_chunks++;
}

/* Commits chunk @k with the summary in g->summary and the rows in g->rows, both
 * made from what the device computed (a chunk without item errors). */
static void
commit_device_chunk (Gpu *g, guint64 k)
{
  ps_errors_clear (&g->errors);
  ps_exec_commit_chunk (g->exec, k, g->summary, &g->errors, &g->rows);
}

/* The first item of chunk @k as the kind numbers it: the study's own index, for a
 * chunk of a scaling run that does not wrap (chunk_wraps ()). */
static guint64
chunk_first_item (const Gpu *g, guint64 k)
{
  guint64 begin = k * g->chunk_items;

  return g->study->cycle_items ? begin % g->study->cycle_items : begin;
}

/* Whether chunk @k of a scaling run wraps round the study's own items. */
static gboolean
chunk_wraps (const Gpu *g, guint64 k)
{
  guint64 cycle = g->study->cycle_items;
  guint64 begin = k * g->chunk_items, end = MIN (g->study->n_items, begin + g->chunk_items);

  return cycle != 0 && end > begin && begin / cycle != (end - 1) / cycle;
}

static gboolean
run_batches (Gpu *g, const GpuKind *kind, gpointer ctx, GError **error)
{
  guint64 next = 0;
  int in_flight = 0;
  gboolean ok = TRUE;

  /* Fill both slots, then: wait for the oldest, commit its chunks, refill it. */
  for (int s = 0; s < PS_CUDA_SLOTS; s++)
    g->slot_n[s] = 0;
  for (int s = 0; s < PS_CUDA_SLOTS && next < g->n_chunks; s++)
    {
      guint64 n = MIN (g->batch_chunks, g->n_chunks - next);

      if (kind->launch (g, ctx, s, next, n))
        return cuda_error (g, error);
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
      if (kind->wait (g, ctx, s, &t))
        {
          ok = cuda_error (g, error);
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
            commit_host_chunk (g, k);
          else
            kind->commit (g, ctx, s, k, i);
        }
      g->slot_n[s] = 0;
      if (ps_exec_should_stop (g->exec) || next >= g->n_chunks)
        continue;
      {
        guint64 n = MIN (g->batch_chunks, g->n_chunks - next);

        if (kind->launch (g, ctx, s, next, n))
          {
            ok = cuda_error (g, error);
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
 * Beam
 * ------------------------------------------------------------------------------ */

typedef struct
{
  PsCudaBeam *dev;
  const PsCudaBeamChunk *out[PS_CUDA_SLOTS];
  const double *rows[PS_CUDA_SLOTS][PS_BEAM_N_ROW]; /* with rows: the slot's columns */
  const guint8 *flags[PS_CUDA_SLOTS];
} BeamCtx;

static int
beam_launch (Gpu *g, gpointer ctx, int slot, guint64 first, guint64 n)
{
  BeamCtx *c = ctx;

  return ps_cuda_beam_launch (c->dev, slot, first, n, g->err);
}

static int
beam_wait (Gpu *g, gpointer ctx, int slot, PsCudaTiming *t)
{
  BeamCtx *c = ctx;

  if (ps_cuda_beam_wait (c->dev, slot, &c->out[slot], t, g->err))
    return -1;
  if (g->rows_mode != PS_ROWS_NONE)
    ps_cuda_beam_rows (c->dev, slot, c->rows[slot], &c->flags[slot]);
  return 0;
}

static void
beam_commit (Gpu *g, gpointer ctx, int slot, guint64 k, guint64 index)
{
  BeamCtx *c = ctx;
  const PsCudaBeamChunk *r = &c->out[slot][index];
  PsBeamSummary *s = g->summary;
  guint64 begin = k * g->chunk_items, end = MIN (g->study->n_items, begin + g->chunk_items);

  if (r->errors > 0)
    {
      commit_host_chunk (g, k);
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
  g->rows.len = 0;
  if (g->rows_mode != PS_ROWS_NONE)
    {
      guint64 at = begin - g->slot_first[slot] * g->chunk_items; /* in the batch */
      const double *values[PS_BEAM_N_ROW];

      for (int f = 0; f < PS_BEAM_N_ROW; f++)
        values[f] = c->rows[slot][f] + at;
      ps_beam_write_rows (g->study->model, chunk_first_item (g, k), end - begin, g->rows_mode,
                          values, c->flags[slot] + at, &g->rows);
    }
  commit_device_chunk (g, k);
}

static const GpuKind beam_kind = { beam_launch, beam_wait, beam_commit };

static gboolean
run_beam (Gpu *g, GError **error)
{
  const PsBeamModel *m = g->study->model;
  PsCudaBeamParams p = { 0 };
  BeamCtx c = { 0 };
  guint nm = m->n_materials;
  guint64 ns = m->n_sections;
  g_autofree double *mat = g_new (double, 3 * (gsize)nm);
  g_autofree double *sec = g_new (double, 3 * (gsize)ns);
  g_autofree guint8 *invalid = g_new0 (guint8, ns);
  gboolean ok;

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
  g->batch_chunks = batch_chunks (g, p.rows ? 32 : 512);
  if (!fit_memory (g,
                   PS_CUDA_SLOTS
                       * (sizeof (PsCudaBeamChunk)
                          + (p.rows ? g->chunk_items * (PS_BEAM_N_ROW * sizeof (double) + 1) : 0)),
                   sizeof (double)
                       * (3 * nm + 3 * ns + m->span.count + m->load.count + m->position.count),
                   &g->batch_chunks, error))
    return FALSE;
  c.dev = ps_cuda_beam_new (&p, g->batch_chunks, g->err);
  if (c.dev == NULL)
    return cuda_error (g, error);
  ok = run_batches (g, &beam_kind, &c, error);
  ps_cuda_beam_free (c.dev);
  return ok;
}

/* ---------------------------------------------------------------------------------
 * Reliability
 * ------------------------------------------------------------------------------ */

typedef struct
{
  PsCudaRel *dev;
  const PsReliabilityModel *m;
  PsCudaRelResult out[PS_CUDA_SLOTS];
} RelCtx;

static int
rel_launch (Gpu *g, gpointer ctx, int slot, guint64 first, guint64 n)
{
  RelCtx *c = ctx;
  guint64 b0 = first * g->chunk_items;
  guint64 b1 = MIN (g->study->n_items, (first + n) * g->chunk_items);

  return ps_cuda_rel_launch (c->dev, slot, b0, b1 - b0, g->err);
}

static int
rel_wait (Gpu *g, gpointer ctx, int slot, PsCudaTiming *t)
{
  RelCtx *c = ctx;

  return ps_cuda_rel_wait (c->dev, slot, &c->out[slot], t, g->err);
}

/* The chunk's partial summary from its blocks' counts, as rel_eval() would have
 * added them: fail_at[k] holds the failures of the chunk's samples before checkpoint
 * k, for the checkpoints after the chunk's first sample. */
static void
rel_commit (Gpu *g, gpointer ctx, int slot, guint64 k, guint64 index)
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
  commit_device_chunk (g, k);
}

static const GpuKind rel_kind = { rel_launch, rel_wait, rel_commit };

static gboolean
run_reliability (Gpu *g, GError **error)
{
  const PsReliabilityModel *m = g->study->model;
  PsCudaRelParams p = { 0 };
  RelCtx c = { 0 };
  guint n_ops = 0;
  gboolean ok;

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
  g->batch_chunks = batch_chunks (g, 4096);
  if (!fit_memory (g, PS_CUDA_SLOTS * 2 * sizeof (guint32) * g->chunk_items, 1 << 20,
                   &g->batch_chunks, error))
    return FALSE;
  c.dev = ps_cuda_rel_new (&p, g->batch_chunks * g->chunk_items, g->err);
  if (c.dev == NULL)
    return cuda_error (g, error);
  ok = run_batches (g, &rel_kind, &c, error);
  ps_cuda_rel_free (c.dev);
  return ok;
}

/* ---------------------------------------------------------------------------------
 * Regression
 * ------------------------------------------------------------------------------ */

typedef struct
{
  PsCudaReg *dev;
  const PsRegressionModel *m;
  const PsCudaRegFit *out[PS_CUDA_SLOTS];
  guint8 *read_failed[PS_CUDA_SLOTS]; /* CSV: per specimen of the batch */
  GArray *x, *y;
} RegCtx;

static int
reg_launch (Gpu *g, gpointer ctx, int slot, guint64 first, guint64 n)
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
reg_wait (Gpu *g, gpointer ctx, int slot, PsCudaTiming *t)
{
  RegCtx *c = ctx;

  return ps_cuda_reg_wait (c->dev, slot, &c->out[slot], t, g->err);
}

static void
reg_commit (Gpu *g, gpointer ctx, int slot, guint64 k, guint64 index)
{
  RegCtx *c = ctx;
  PsRegressionSummary *s = g->summary;
  guint64 batch_i0 = g->slot_first[slot] * g->chunk_items;
  guint64 i0 = k * g->chunk_items, i1 = MIN (g->study->n_items, i0 + g->chunk_items);

  for (guint64 i = i0; i < i1; i++)
    if (c->out[slot][i - batch_i0].err != 0
        || (c->m->source != PS_REG_SOURCE_SYNTHETIC && c->read_failed[slot][i - batch_i0]))
      {
        commit_host_chunk (g, k);
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
        ps_regression_write_fit_row (c->m, &g->rows, chunk_first_item (g, k) + (i - i0), f);
    }
  (void)index;
  commit_device_chunk (g, k);
}

static const GpuKind reg_kind = { reg_launch, reg_wait, reg_commit };

static gboolean
run_regression (Gpu *g, GError **error)
{
  const PsRegressionModel *m = g->study->model;
  gboolean synthetic = m->source == PS_REG_SOURCE_SYNTHETIC;
  PsCudaRegParams p = { 0 };
  RegCtx c = { 0 };
  guint64 per_item_points = MAX (m->max_points, 1);
  guint64 specimens;
  gboolean ok;

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
  g->batch_chunks = batch_chunks (
      g, MAX (1, (G_GUINT64_CONSTANT (1) << 23) / (g->chunk_items * per_item_points)));
  /* Per chunk: the points (device; CSV also pinned host) and the fits. */
  if (!fit_memory (
          g,
          PS_CUDA_SLOTS * g->chunk_items
              * (2 * sizeof (double) * per_item_points + sizeof (guint64) + sizeof (PsCudaRegFit)),
          0, &g->batch_chunks, error))
    return FALSE;
  specimens = g->batch_chunks * g->chunk_items;
  p.max_batch_points = synthetic ? 0 : specimens * per_item_points;
  c.dev = ps_cuda_reg_new (&p, specimens, g->err);
  if (c.dev == NULL)
    return cuda_error (g, error);
  for (int s = 0; s < PS_CUDA_SLOTS; s++)
    c.read_failed[s] = g_new0 (guint8, specimens);
  c.x = g_array_new (FALSE, FALSE, sizeof (double));
  c.y = g_array_new (FALSE, FALSE, sizeof (double));
  ok = run_batches (g, &reg_kind, &c, error);
  ps_cuda_reg_free (c.dev);
  for (int s = 0; s < PS_CUDA_SLOTS; s++)
    g_free (c.read_failed[s]);
  g_array_unref (c.x);
  g_array_unref (c.y);
  return ok;
}

/* ---------------------------------------------------------------------------------
 * The backend
 * ------------------------------------------------------------------------------ */

/* Kinds without kernels (the empty study of the benchmarks) run on the host, one
 * chunk after another. */
static gboolean
run_host (Gpu *g, GError **error)
{
  for (guint64 k = 0; k < g->n_chunks && !ps_exec_should_stop (g->exec); k++)
    commit_host_chunk (g, k);
  return TRUE;
}

static gboolean
gpu_execute (PsExec *exec, int workers, GError **error)
{
  const PsStudy *study = ps_exec_get_study (exec);
  Gpu g = { 0 };
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
  g.chunk_items = ps_exec_get_chunk_items (exec);
  g.workspace = study->klass->workspace_new (study);
  g.summary = g_malloc (study->klass->summary_size);
  ps_errors_init (&g.errors);
  ps_buf_init (&g.rows, 1 << 16);

  if (study->klass == &ps_beam_class)
    ok = run_beam (&g, error);
  else if (study->klass == &ps_reliability_class)
    ok = run_reliability (&g, error);
  else if (study->klass == &ps_regression_class)
    ok = run_regression (&g, error);
  else
    ok = run_host (&g, error);

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
  .description = N_ ("NVIDIA GPU (CUDA), one batch of chunks per launch"),
  .is_available = gpu_is_available,
  .default_workers = gpu_default_workers,
  .execute = gpu_execute,
};
