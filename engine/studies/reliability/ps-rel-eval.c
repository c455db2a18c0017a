#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "expr/ps-expr-ad.h"
#include "ps-is.h"
#include "ps-lhs.h"
#include "ps-rel-eval.h"
#include "ps-sobol.h"
#include "ps-subset.h"
#include "rng/ps-philox.h"

#define SUB_BLOCK 256

typedef enum
{
  ITEMS_NONE,       /* the user's study of a method of several rounds: never evaluated */
  ITEMS_MC_BLOCKS,  /* crude Monte Carlo, independent variables: the block path */
  ITEMS_SAMPLES,    /* correlated Monte Carlo or LHS, sample by sample */
  ITEMS_IMPORTANCE, /* importance sampling around the round's centre */
  ITEMS_POINTS,     /* g and its gradient at the round's points */
  ITEMS_SUBSET,     /* a level of subset simulation */
  ITEMS_SOBOL,      /* rows of the Sobol design */
} Items;

static gboolean
method_samples (const PsRelSetup *m)
{
  return m->method.kind == PS_REL_METHOD_MONTE_CARLO || m->method.kind == PS_REL_METHOD_LHS;
}

static Items
items_of (const PsRelSetup *m)
{
  if (m->round == NULL || m->round->type == PS_REL_ROUND_SAMPLING)
    {
      if (!method_samples (m))
        return ITEMS_NONE;
      if (m->method.kind == PS_REL_METHOD_MONTE_CARLO && m->nataf == NULL)
        return ITEMS_MC_BLOCKS;
      return ITEMS_SAMPLES;
    }
  switch (m->round->type)
    {
    case PS_REL_ROUND_IMPORTANCE:
      return ITEMS_IMPORTANCE;
    case PS_REL_ROUND_POINTS:
      return ITEMS_POINTS;
    case PS_REL_ROUND_SUBSET:
      return ITEMS_SUBSET;
    case PS_REL_ROUND_SOBOL:
      return ITEMS_SOBOL;
    default:
      return ITEMS_NONE;
    }
}

static PsSubsetOptions
subset_options (const PsRelSetup *m)
{
  PsSubsetOptions o
      = { m->method.samples_per_level, m->method.p0, m->method.target_cov, m->method.seed };

  return o;
}

static PsSobolOptions
sobol_options (const PsRelSetup *m)
{
  PsSobolOptions o = { m->sensitivity.samples, m->sensitivity.seed, m->sensitivity.bootstrap };

  return o;
}

guint64
ps_rel_eval_n_items (const PsRelSetup *m)
{
  switch (items_of (m))
    {
    case ITEMS_MC_BLOCKS:
    case ITEMS_SAMPLES:
    case ITEMS_IMPORTANCE:
      return (m->max_samples + PS_REL_BLOCK - 1) / PS_REL_BLOCK;
    case ITEMS_POINTS:
      return m->round->n_points;
    case ITEMS_SUBSET:
      return m->round->level == 0 ? m->method.samples_per_level : m->round->n_chains;
    case ITEMS_SOBOL:
      return m->sensitivity.samples;
    case ITEMS_NONE:
    default:
      return 1;
    }
}

guint64
ps_rel_eval_chunk_items (const PsRelSetup *m)
{
  switch (items_of (m))
    {
    case ITEMS_POINTS:
      /* Each point may be a costly model: one a chunk, spread over the workers. */
      return 1;
    case ITEMS_SUBSET:
      {
        PsSubsetOptions o = subset_options (m);

        return m->round->level == 0 ? 1024 : MAX (1, 1024 / ps_subset_chain_length (&o));
      }
    case ITEMS_SOBOL:
      return MAX (1, 2048 / (m->n_vars + 2));
    default:
      return PS_REL_CHUNK_ITEMS;
    }
}

gsize
ps_rel_eval_row_doubles (const PsRelSetup *m)
{
  switch (items_of (m))
    {
    case ITEMS_POINTS:
      return 1 + m->n_vars;
    case ITEMS_SUBSET:
      {
        PsSubsetOptions o = subset_options (m);

        return ps_subset_row_doubles (&m->problem, &o, m->round->level);
      }
    case ITEMS_SOBOL:
      return m->n_vars + 2;
    default:
      return 0;
    }
}

typedef struct
{
  /* the block path */
  double *u;
  double *xdata;
  double **x;
  double *g;
  double *stack;
  /* sample by sample, and the kernels of the rounds */
  double *ws;
  double *row;
} Workspace;

gpointer
ps_rel_eval_workspace_new (const PsRelSetup *m)
{
  Workspace *ws = g_new0 (Workspace, 1);
  gsize n = m->n_vars;
  gsize need = 4 * n + 4;

  need = MAX (need, ps_rel_points_workspace_size (&m->problem));
  need = MAX (need, ps_expr_grad_workspace_size (m->expr) + 1);
  ws->u = g_new (double, SUB_BLOCK);
  ws->g = g_new (double, SUB_BLOCK);
  ws->x = g_new (double *, MAX (n, 1));
  ws->xdata = g_new (double, MAX (n, 1) * SUB_BLOCK);
  for (guint v = 0; v < n; v++)
    ws->x[v] = ws->xdata + (gsize)v * SUB_BLOCK;
  ws->stack = g_new (double, (gsize)MAX (ps_expr_get_stack_depth (m->expr), 1) * PS_EXPR_BLOCK);
  ws->ws = g_new (double, need);
  ws->row = g_new (double, MAX (ps_rel_eval_row_doubles (m), 1));
  return ws;
}

void
ps_rel_eval_workspace_free (gpointer data)
{
  Workspace *ws = data;

  if (ws == NULL)
    return;
  g_free (ws->u);
  g_free (ws->g);
  g_free (ws->stack);
  g_free (ws->x);
  g_free (ws->xdata);
  g_free (ws->ws);
  g_free (ws->row);
  g_free (ws);
}

/* ---- crude Monte Carlo, the block path ------------------------------------------------ */

/* The failures (finite g <= 0), NaNs and infinities among g[0 .. n-1], added. */
PS_MATH_CLONES static void
count_block (const double *g, gsize n, guint64 *fails, guint64 *nans, guint64 *infs)
{
  guint64 f = 0, nn = 0, ni = 0;

  for (gsize j = 0; j < n; j++)
    {
      double a = fabs (g[j]);

      f += (g[j] <= 0.0) & (a <= DBL_MAX);
      nn += isnan (g[j]);
      ni += a == INFINITY;
    }
  *fails += f;
  *nans += nn;
  *infs += ni;
}

static void
eval_mc_blocks (const PsRelSetup *m, Workspace *ws, guint64 begin, guint64 end,
                PsReliabilitySummary *s)
{
  guint64 s0 = begin * PS_REL_BLOCK;
  guint64 s1 = MIN (end * PS_REL_BLOCK, m->max_samples);
  guint64 fails = 0, nans = 0, infs = 0;
  guint k = 0;

  while (k < m->n_checkpoints && m->checkpoints[k] <= s0)
    k++;
  for (guint64 first = s0; first < s1; first += SUB_BLOCK)
    {
      gsize n = (gsize)MIN (SUB_BLOCK, s1 - first);
      guint64 f = 0, nn = 0, ni = 0;

      for (guint v = 0; v < m->n_vars; v++)
        {
          ps_rng_uniforms (m->seed, m->var_keys[v], first, n, ws->u);
          ps_dist_quantile_block (&m->dists[v], ws->u, n, ws->x[v]);
        }
      ps_expr_eval_block (m->expr, (const double *const *)ws->x, n, ws->g, ws->stack);
      count_block (ws->g, n, &f, &nn, &ni);
      /* Checkpoints of the convergence curve that fall inside this sub-block. */
      while (k < m->n_checkpoints && m->checkpoints[k] <= first + n)
        {
          guint64 pf = 0, pn = 0, pi = 0;

          count_block (ws->g, (gsize)(m->checkpoints[k] - first), &pf, &pn, &pi);
          s->fail_at[k] += fails + pf;
          s->nan_at[k] += nans + pn;
          s->inf_at[k] += infs + pi;
          k++;
        }
      fails += f;
      nans += nn;
      infs += ni;
    }
  for (; k < m->n_checkpoints; k++)
    {
      s->fail_at[k] += fails;
      s->nan_at[k] += nans;
      s->inf_at[k] += infs;
    }
  s->samples += s1 - s0;
  s->failures += fails;
  s->nan_samples += nans;
  s->inf_samples += infs;
}

/* ---- sample by sample --------------------------------------------------------------- */

typedef void (*SamplesFunc) (const PsRelSetup *m, guint64 i0, guint64 i1, PsIsSummary *part,
                             double *ws);

static void
lhs_samples (const PsRelSetup *m, guint64 i0, guint64 i1, PsIsSummary *part, double *ws)
{
  PsLhsPlan plan = { m->max_samples, m->seed, m->method.kind == PS_REL_METHOD_LHS };
  PsLhsSummary ls = { 0 };

  ps_lhs_eval_samples (&m->problem, &plan, i0, i1, &ls, ws);
  part->samples += ls.samples;
  part->failures += ls.failures;
  part->nan_samples += ls.nan_samples;
  part->inf_samples += ls.inf_samples;
}

static void
importance_samples (const PsRelSetup *m, guint64 i0, guint64 i1, PsIsSummary *part, double *ws)
{
  ps_is_eval_samples (&m->problem, m->round->centre, m->seed, i0, i1, part, ws);
}

/* The samples of items [begin, end), their counts before each checkpoint inside the
 * range (and the weights' sums there, as doubles, for importance sampling). */
static void
eval_samples (const PsRelSetup *m, double *ws, guint64 begin, guint64 end, SamplesFunc func,
              PsReliabilitySummary *s)
{
  guint64 s0 = begin * PS_REL_BLOCK;
  guint64 s1 = MIN (end * PS_REL_BLOCK, m->max_samples);
  guint64 pos = s0;
  PsIsSummary part;
  guint k = 0;

  ps_is_summary_init (&part);
  while (k < m->n_checkpoints && m->checkpoints[k] <= s0)
    k++;
  for (;;)
    {
      guint64 next = k < m->n_checkpoints && m->checkpoints[k] < s1 ? m->checkpoints[k] : s1;

      if (next > pos)
        func (m, pos, next, &part, ws);
      pos = next;
      if (k < m->n_checkpoints && m->checkpoints[k] == pos)
        {
          s->fail_at[k] += part.failures;
          s->nan_at[k] += part.nan_samples;
          s->inf_at[k] += part.inf_samples;
          s->w_at[k] += ps_xsum_to_double (&part.sum_w);
          s->w2_at[k] += ps_xsum_to_double (&part.sum_w2);
          k++;
        }
      if (pos >= s1)
        break;
    }
  for (; k < m->n_checkpoints; k++)
    {
      s->fail_at[k] += part.failures;
      s->nan_at[k] += part.nan_samples;
      s->inf_at[k] += part.inf_samples;
      s->w_at[k] += ps_xsum_to_double (&part.sum_w);
      s->w2_at[k] += ps_xsum_to_double (&part.sum_w2);
    }
  s->samples += part.samples;
  s->failures += part.failures;
  s->nan_samples += part.nan_samples;
  s->inf_samples += part.inf_samples;
  ps_xsum_merge (&s->sum_w, &part.sum_w);
  ps_xsum_merge (&s->sum_w2, &part.sum_w2);
}

/* ---- rounds with rows ----------------------------------------------------------------- */

static void
count_g (PsReliabilitySummary *s, double g)
{
  s->samples++;
  s->nan_samples += isnan (g);
  s->inf_samples += fabs (g) == INFINITY;
  s->failures += g <= 0.0 && g >= -DBL_MAX;
}

static void
add_row (PsBuf *rows, const double *row, gsize w)
{
  if (rows == NULL)
    return;
  memcpy (ps_buf_reserve (rows, w * sizeof (double)), row, w * sizeof (double));
  rows->len += w * sizeof (double);
}

void
ps_rel_eval (const PsRelSetup *m, gpointer workspace, guint64 begin, guint64 end,
             PsReliabilitySummary *s, PsBuf *rows)
{
  Workspace *ws = workspace;
  gsize w = ps_rel_eval_row_doubles (m);
  guint n = m->n_vars;

  switch (items_of (m))
    {
    case ITEMS_MC_BLOCKS:
      eval_mc_blocks (m, ws, begin, end, s);
      return;
    case ITEMS_SAMPLES:
      eval_samples (m, ws->ws, begin, end, lhs_samples, s);
      return;
    case ITEMS_IMPORTANCE:
      eval_samples (m, ws->ws, begin, end, importance_samples, s);
      return;
    case ITEMS_POINTS:
      for (guint64 i = begin; i < end; i++)
        {
          ws->row[0] = ps_expr_eval_grad (m->expr, m->round->points + i * n, ws->row + 1, ws->ws);
          count_g (s, ws->row[0]);
          add_row (rows, ws->row, w);
        }
      return;
    case ITEMS_SUBSET:
      {
        PsSubsetOptions o = subset_options (m);
        PsSubsetRound r
            = { m->round->level, m->round->threshold, m->round->n_chains, m->round->seeds };

        for (guint64 i = begin; i < end; i++)
          {
            ps_subset_eval_item (&m->problem, &o, &r, i, ws->row, ws->ws);
            if (r.level == 0)
              count_g (s, ws->row[n]);
            else
              s->samples++;
            add_row (rows, ws->row, w);
          }
        return;
      }
    case ITEMS_SOBOL:
      {
        PsSobolOptions o = sobol_options (m);

        for (guint64 j = begin; j < end; j++)
          {
            gboolean finite = TRUE;

            ps_sobol_eval_row (&m->problem, &o, j, ws->row, ws->ws);
            for (gsize c = 0; c < w; c++)
              finite = finite && isfinite (ws->row[c]);
            s->samples++;
            s->inf_samples += !finite;
            add_row (rows, ws->row, w);
          }
        return;
      }
    case ITEMS_NONE:
    default:
      return;
    }
}

void
ps_rel_merge (PsReliabilitySummary *acc, const PsReliabilitySummary *next)
{
  acc->samples += next->samples;
  acc->failures += next->failures;
  acc->nan_samples += next->nan_samples;
  acc->inf_samples += next->inf_samples;
  for (guint k = 0; k < PS_REL_N_CHECKPOINTS; k++)
    {
      acc->fail_at[k] += next->fail_at[k];
      acc->nan_at[k] += next->nan_at[k];
      acc->inf_at[k] += next->inf_at[k];
      acc->w_at[k] += next->w_at[k];
      acc->w2_at[k] += next->w2_at[k];
    }
  ps_xsum_merge (&acc->sum_w, &next->sum_w);
  ps_xsum_merge (&acc->sum_w2, &next->sum_w2);
}

gboolean
ps_rel_is_done (const PsRelSetup *m, const PsReliabilitySummary *s, double elapsed)
{
  Items items = items_of (m);
  guint64 n = ps_rel_finite_samples (s);

  if (items != ITEMS_MC_BLOCKS && items != ITEMS_SAMPLES && items != ITEMS_IMPORTANCE)
    return FALSE;
  if (m->time_limit > 0 && elapsed >= m->time_limit)
    return TRUE;
  if (m->target_cov <= 0 || n == 0)
    return FALSE;
  if (items == ITEMS_IMPORTANCE)
    {
      PsIsEstimate e;

      if (s->failures < 2)
        return FALSE;
      ps_is_estimate_sums (n, ps_xsum_to_double (&s->sum_w), ps_xsum_to_double (&s->sum_w2), &e);
      return e.cov <= m->target_cov;
    }
  if (s->failures > 0)
    {
      double p = (double)s->failures / (double)n;

      return sqrt ((1.0 - p) / ((double)n * p)) <= m->target_cov;
    }
  return FALSE;
}
