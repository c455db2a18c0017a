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
  double threshold;        /* b of the current level (chains stay below it) */
  double *u, *g;           /* the current level's N states: u (N x n), g */
  double *seed_u, *seed_g; /* the chains' seeds (n_chains) */
  guint64 *evals;          /* g evaluations per chain of the current level */
  double p_prod;
  PsSubsetResult r;
};

PsSubset *
ps_subset_new (const PsRelProblem *p, const PsSubsetOptions *o)
{
  PsSubset *s = g_new0 (PsSubset, 1);

  s->p = p;
  s->o = *o;
  s->n = p->n_vars;
  s->N = o->samples_per_level;
  s->n_chains = (guint64)llround ((double)s->N * o->p0);
  s->L = s->N / MAX (s->n_chains, 1);
  s->u = g_new (double, s->N * s->n);
  s->g = g_new (double, s->N);
  s->seed_u = g_new (double, s->n_chains * s->n + 1);
  s->seed_g = g_new (double, s->n_chains + 1);
  s->evals = g_new0 (guint64, MAX (s->N, s->n_chains) + 1);
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
  g_free (s->seed_u);
  g_free (s->seed_g);
  g_free (s->evals);
  g_free (s);
}

guint64
ps_subset_next (PsSubset *s)
{
  if (s->done)
    return 0;
  return s->level == 0 ? s->N : s->n_chains;
}

gsize
ps_subset_workspace_size (const PsRelProblem *p)
{
  return 3 * (gsize)p->n_vars + 1;
}

void
ps_subset_eval (const PsSubset *s, guint64 begin, guint64 end, double *ws)
{
  const PsRelProblem *p = s->p;
  guint n = s->n;
  double *z = ws, *x = ws + n, *cand = ws + 2 * n;
  const double *chol = ps_rel_problem_chol (p);
  guint64 seed = s->o.seed;
  uint32_t tag = PS_REL_TAG_SUBSET (s->level);

  if (s->level == 0)
    {
      for (guint64 i = begin; i < end; i++)
        {
          double *u = s->u + i * n;

          for (guint k = 0; k < n; k++)
            u[k] = ps_rel_normal (seed, p->var_keys[k], tag, i);
          ps_rel_u_to_x (n, chol, p->dists, u, z, x);
          s->g[i] = ps_expr_eval (p->expr, x);
          s->evals[i] = 1;
        }
      return;
    }

  for (guint64 c = begin; c < end; c++)
    {
      double *u = s->u + c * s->L * n;
      double *g = s->g + c * s->L;
      guint64 evals = 0;

      memcpy (u, s->seed_u + c * n, n * sizeof (double));
      g[0] = s->seed_g[c];
      for (guint64 st = 1; st < s->L; st++)
        {
          const double *cur = u + (st - 1) * n;
          double *next = u + st * n;
          guint64 i = c * s->L + st;
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
              if (gc <= s->threshold)
                {
                  memcpy (next, cand, n * sizeof (double));
                  g[st] = gc;
                  continue;
                }
            }
          memcpy (next, cur, n * sizeof (double));
          g[st] = g[st - 1];
        }
      s->evals[c] = evals;
    }
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

  /* NaN last, then by g, ties by index */
  if (isnan (x->g) != isnan (y->g))
    return isnan (x->g) ? 1 : -1;
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

void
ps_subset_update (PsSubset *s)
{
  guint64 N = s->N, m = s->n_chains, n_fail = 0, evals = 0;
  guint n = s->n;
  g_autofree Ranked *rank = g_new (Ranked, N);
  PsSubsetLevel *lv = &s->r.levels[s->r.n_levels];

  for (guint64 i = 0; i < (s->level == 0 ? N : m); i++)
    evals += s->evals[i];
  s->r.g_evaluations += evals;
  s->r.samples += N;
  for (guint64 i = 0; i < N; i++)
    {
      rank[i] = (Ranked){ s->g[i], i };
      n_fail += s->g[i] <= 0.0;
    }
  qsort (rank, N, sizeof *rank, ranked_cmp);
  lv->g_evaluations = evals;
  s->r.n_levels++;

  if (n_fail >= m)
    {
      double pj = (double)n_fail / (double)N;

      lv->threshold = 0.0;
      lv->p = pj;
      lv->gamma = chain_gamma (s, 0.0, pj);
      lv->delta = sqrt ((1.0 - pj) / ((double)N * pj) * (1.0 + lv->gamma));
      finish (s, TRUE, NULL, pj);
      return;
    }
  if (isnan (rank[m].g))
    {
      finish (s, FALSE, N_ ("g is not a number at too many samples of a level"), 0);
      return;
    }
  double b = 0.5 * (rank[m - 1].g + rank[m].g);
  lv->threshold = b;
  lv->p = s->o.p0;
  lv->gamma = chain_gamma (s, b, s->o.p0);
  lv->delta = sqrt ((1.0 - s->o.p0) / ((double)N * s->o.p0) * (1.0 + lv->gamma));
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
      memcpy (s->seed_u + c * n, s->u + rank[c].i * n, n * sizeof (double));
      s->seed_g[c] = rank[c].g;
    }
  s->p_prod *= s->o.p0;
  s->threshold = b;
  s->level++;
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
      for (guint k = 0; k < n_pieces; k++)
        ps_subset_eval (s, m * k / n_pieces, m * (k + 1) / n_pieces, ws);
      ps_subset_update (s);
    }
  return s;
}
