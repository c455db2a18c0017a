#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ps-rel-math.h"
#include "ps-subset.h"

struct _PsSubset
{
  const PsRelProblem *p;
  PsSubsetOptions o;
  guint n;
  guint64 N, n_chains, L;
  guint level;
  gboolean done;
  double threshold;         /* b of the current level (chains stay below it) */
  double *u, *g;            /* the current level's N states: u (N x n), g */
  double *seeds;            /* the chains' seeds: n_chains x (n + 1), u then g */
  guint64 level_non_finite; /* states of the current level where g is not finite */
  guint64 level_evals;
  double p_prod;
  PsSubsetResult r;
};

guint64
ps_subset_chain_length (const PsSubsetOptions *o)
{
  guint64 n_chains = (guint64)llround ((double)o->samples_per_level * o->p0);

  return o->samples_per_level / MAX (n_chains, 1);
}

PsSubset *
ps_subset_new (const PsRelProblem *p, const PsSubsetOptions *o)
{
  PsSubset *s = g_new0 (PsSubset, 1);

  s->p = p;
  s->o = *o;
  s->n = p->n_vars;
  s->N = o->samples_per_level;
  s->n_chains = (guint64)llround ((double)s->N * o->p0);
  s->L = ps_subset_chain_length (o);
  s->u = g_new (double, s->N * s->n);
  s->g = g_new (double, s->N);
  s->seeds = g_new (double, s->n_chains *(s->n + 1) + 1);
  s->p_prod = 1.0;
  s->threshold = INFINITY;
  s->r.pf = s->r.cov = s->r.cov_upper = s->r.beta = s->r.pf_low = s->r.pf_high = NAN;
  return s;
}

void
ps_subset_free (PsSubset *s)
{
  if (s == NULL)
    return;
  g_free (s->u);
  g_free (s->g);
  g_free (s->seeds);
  g_free (s);
}

guint64
ps_subset_next (PsSubset *s)
{
  if (s->done)
    return 0;
  return s->level == 0 ? s->N : s->n_chains;
}

void
ps_subset_get_round (const PsSubset *s, PsSubsetRound *round)
{
  round->level = s->level;
  round->threshold = s->threshold;
  round->n_chains = s->level == 0 ? 0 : s->n_chains;
  round->seeds = s->seeds;
}

gsize
ps_subset_workspace_size (const PsRelProblem *p)
{
  return 3 * (gsize)p->n_vars + 1;
}

gsize
ps_subset_row_doubles (const PsRelProblem *p, const PsSubsetOptions *o, guint level)
{
  if (level == 0)
    return p->n_vars + 1;
  return 2 + ps_subset_chain_length (o) * (p->n_vars + 1);
}

void
ps_subset_eval_item (const PsRelProblem *p, const PsSubsetOptions *o, const PsSubsetRound *round,
                     guint64 item, double *row, double *ws)
{
  guint n = p->n_vars;
  double *z = ws, *x = ws + n, *cand = ws + 2 * n;
  const double *chol = ps_rel_problem_chol (p);
  guint64 seed = o->seed, L = ps_subset_chain_length (o);
  uint32_t tag = PS_REL_TAG_SUBSET (round->level);
  guint64 evals = 0, non_finite = 0;
  gsize w = n + 1;

  if (round->level == 0)
    {
      for (guint k = 0; k < n; k++)
        row[k] = ps_rel_normal (seed, p->var_keys[k], tag, item);
      ps_rel_u_to_x (n, chol, p->dists, row, z, x);
      row[n] = ps_expr_eval (p->expr, x);
      return;
    }

  /* row: evals, non-finite evals, then L states of u and g */
  {
    double *states = row + 2;
    const double *seed_state = round->seeds + item * w;

    memcpy (states, seed_state, w * sizeof (double));
    for (guint64 st = 1; st < L; st++)
      {
        const double *cur = states + (st - 1) * w;
        double *next = states + st * w;
        guint64 i = item * L + st;
        gboolean moved = FALSE;

        for (guint k = 0; k < n; k++)
          {
            double xi = cur[k] + ps_rel_normal (seed, p->var_keys[k], tag, 2 * i);
            double a = ps_rel_uniform (seed, p->var_keys[k], tag, 2 * i + 1);
            /* phi(xi)/phi(u_k) */
            double ratio = ps_exp (0.5 * (cur[k] * cur[k] - xi * xi));

            cand[k] = a <= ratio ? xi : cur[k];
            moved = moved || a <= ratio;
          }
        if (moved)
          {
            ps_rel_u_to_x (n, chol, p->dists, cand, z, x);
            double gc = ps_expr_eval (p->expr, x);

            evals++;
            /* A candidate where g is not finite is rejected (and counted). */
            if (!(fabs (gc) <= G_MAXDOUBLE))
              non_finite++;
            else if (gc <= round->threshold)
              {
                memcpy (next, cand, n * sizeof (double));
                next[n] = gc;
                continue;
              }
          }
        memcpy (next, cur, w * sizeof (double));
      }
  }
  row[0] = (double)evals;
  row[1] = (double)non_finite;
}

typedef struct
{
  double g;
  guint64 i;
} Ranked;

static int
ranked_cmp (const void *a, const void *b)
{
  const Ranked *x = a, *y = b;

  /* NaN and infinities last, then by g, ties by index */
  if (isfinite (x->g) != isfinite (y->g))
    return isfinite (x->g) ? -1 : 1;
  if (x->g < y->g)
    return -1;
  if (x->g > y->g)
    return 1;
  return x->i < y->i ? -1 : (x->i > y->i ? 1 : 0);
}

/* Au and Beck's gamma_j for the level's chains and the indicator g <= b. */
static double
chain_gamma (const PsSubset *s, double b, double pj)
{
  guint64 L = s->L, Nc = s->n_chains;
  double r0 = pj * (1.0 - pj), gamma = 0.0;

  if (s->level == 0 || !(r0 > 0.0))
    return 0.0;
  for (guint64 k = 1; k < L; k++)
    {
      double sum = 0.0;

      for (guint64 c = 0; c < Nc; c++)
        for (guint64 l = 0; l + k < L; l++)
          sum += (s->g[c * L + l] <= b) * (s->g[c * L + l + k] <= b);
      double rk = sum / (double)(s->N - k * Nc) - pj * pj;
      gamma += 2.0 * (1.0 - (double)k / (double)L) * rk / r0;
    }
  return gamma;
}

static void
finish (PsSubset *s, gboolean converged, const char *reason, double pj)
{
  double var = 0.0, sum = 0.0;

  s->done = TRUE;
  s->r.converged = converged;
  s->r.reason = reason;
  if (!converged)
    return;
  s->r.pf = s->p_prod * pj;
  for (guint j = 0; j < s->r.n_levels; j++)
    {
      var += s->r.levels[j].delta * s->r.levels[j].delta;
      sum += s->r.levels[j].delta;
    }
  s->r.cov = sqrt (var);
  s->r.cov_upper = sum;
  s->r.beta = s->r.pf > 0 && s->r.pf < 1 ? gsl_cdf_ugaussian_Qinv (s->r.pf) : NAN;
  s->r.pf_low = MAX (0.0, s->r.pf * (1.0 - 1.959963984540054 * s->r.cov_upper));
  s->r.pf_high = s->r.pf * (1.0 + 1.959963984540054 * s->r.cov_upper);
}

/* The decision after a level's rows are in s->u and s->g. */
static void
level_done (PsSubset *s)
{
  guint64 N = s->N, m = s->n_chains, n_fail = 0, finite = 0;
  guint n = s->n;
  g_autofree Ranked *rank = g_new (Ranked, N);
  PsSubsetLevel *lv = &s->r.levels[s->r.n_levels];
  double n_eff, pj;

  s->r.g_evaluations += s->level_evals;
  s->r.non_finite += s->level_non_finite;
  s->r.samples += N;
  for (guint64 i = 0; i < N; i++)
    {
      rank[i] = (Ranked){ s->g[i], i };
      finite += isfinite (s->g[i]);
      n_fail += isfinite (s->g[i]) && s->g[i] <= 0.0;
    }
  qsort (rank, N, sizeof *rank, ranked_cmp);
  lv->g_evaluations = s->level_evals;
  s->r.n_levels++;
  /* The level's probabilities are over its finite samples. */
  n_eff = (double)finite;

  if (n_fail >= m)
    {
      pj = (double)n_fail / n_eff;
      lv->threshold = 0.0;
      lv->p = pj;
      lv->gamma = chain_gamma (s, 0.0, pj);
      lv->delta = sqrt ((1.0 - pj) / (n_eff * pj) * (1.0 + lv->gamma));
      finish (s, TRUE, NULL, pj);
      return;
    }
  if (m == 0 || finite < m)
    {
      finish (s, FALSE, N_ ("g is not finite at too many samples of a level"), 0);
      return;
    }
  double b = finite > m ? 0.5 * (rank[m - 1].g + rank[m].g) : rank[m - 1].g;
  pj = finite == N ? s->o.p0 : (double)m / n_eff;
  lv->threshold = b;
  lv->p = pj;
  lv->gamma = chain_gamma (s, b, pj);
  lv->delta = sqrt ((1.0 - pj) / (n_eff * pj) * (1.0 + lv->gamma));
  if (s->r.n_levels >= PS_SUBSET_MAX_LEVELS)
    {
      finish (s, FALSE,
              N_ ("the failure domain was not reached within the maximum number of levels"), 0);
      return;
    }
  if (!(b < s->threshold))
    {
      finish (s, FALSE, N_ ("the threshold did not decrease (g constant over the samples?)"), 0);
      return;
    }
  for (guint64 c = 0; c < m; c++)
    {
      memcpy (s->seeds + c * (n + 1), s->u + rank[c].i * n, n * sizeof (double));
      s->seeds[c * (n + 1) + n] = rank[c].g;
    }
  s->p_prod *= pj;
  s->threshold = b;
  s->level++;
}

void
ps_subset_set_rows (PsSubset *s, const double *rows)
{
  guint n = s->n;
  gsize w = ps_subset_row_doubles (s->p, &s->o, s->level);

  s->level_evals = 0;
  s->level_non_finite = 0;
  if (s->level == 0)
    for (guint64 i = 0; i < s->N; i++)
      {
        memcpy (s->u + i * n, rows + i * w, n * sizeof (double));
        s->g[i] = rows[i * w + n];
        s->level_evals++;
        s->level_non_finite += !isfinite (s->g[i]);
      }
  else
    for (guint64 c = 0; c < s->n_chains; c++)
      {
        const double *row = rows + c * w;

        s->level_evals += (guint64)row[0];
        s->level_non_finite += (guint64)row[1];
        for (guint64 st = 0; st < s->L; st++)
          {
            memcpy (s->u + (c * s->L + st) * n, row + 2 + st * (n + 1), n * sizeof (double));
            s->g[c * s->L + st] = row[2 + st * (n + 1) + n];
          }
      }
  level_done (s);
}

const PsSubsetResult *
ps_subset_get_result (const PsSubset *s)
{
  return &s->r;
}

const double *
ps_subset_level_g (const PsSubset *s)
{
  return s->g;
}

PsSubset *
ps_subset_run (const PsRelProblem *p, const PsSubsetOptions *o, guint n_pieces)
{
  PsSubset *s = ps_subset_new (p, o);
  g_autofree double *ws = g_new (double, ps_subset_workspace_size (p));
  guint64 m;

  n_pieces = MAX (n_pieces, 1);
  while ((m = ps_subset_next (s)) > 0)
    {
      PsSubsetRound round;
      gsize w = ps_subset_row_doubles (p, o, s->level);
      g_autofree double *rows = g_new (double, m *w);

      ps_subset_get_round (s, &round);
      for (guint k = 0; k < n_pieces; k++)
        for (guint64 i = m * k / n_pieces; i < m * (k + 1) / n_pieces; i++)
          ps_subset_eval_item (p, o, &round, i, rows + i * w, ws);
      ps_subset_set_rows (s, rows);
    }
  return s;
}
