#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include "ps-lhs.h"
#include "ps-rel-math.h"

guint64
ps_lhs_n_items (const PsLhsPlan *plan)
{
  return (plan->samples + PS_LHS_BLOCK - 1) / PS_LHS_BLOCK;
}

gsize
ps_lhs_workspace_size (const PsRelProblem *p)
{
  return 3 * (gsize)p->n_vars + 1;
}

void
ps_lhs_uniforms (const PsRelProblem *p, const PsLhsPlan *plan, guint64 i, double *v)
{
  for (guint k = 0; k < p->n_vars; k++)
    v[k] = plan->latin ? ps_rel_lhs_uniform (i, plan->samples, plan->seed, p->var_keys[k])
                       : ps_rng_uniform (plan->seed, p->var_keys[k], i);
}

void
ps_lhs_eval (const PsRelProblem *p, const PsLhsPlan *plan, guint64 begin, guint64 end,
             PsLhsSummary *s, double *ws)
{
  guint n = p->n_vars;
  double *u = ws, *z = ws + n, *x = ws + 2 * n;
  const double *chol = ps_rel_problem_chol (p);
  guint64 i1 = MIN (end * PS_LHS_BLOCK, plan->samples);

  for (guint64 i = begin * PS_LHS_BLOCK; i < i1; i++)
    {
      ps_lhs_uniforms (p, plan, i, u);
      if (chol == NULL && !plan->latin)
        for (guint k = 0; k < n; k++)
          x[k] = ps_dist_quantile (&p->dists[k], u[k]);
      else
        {
          for (guint k = 0; k < n; k++)
            u[k] = ps_dist_normal_quantile (u[k]);
          ps_rel_u_to_x (n, chol, p->dists, u, z, x);
        }
      double g = ps_expr_eval (p->expr, x);

      s->samples++;
      s->nan_samples += g != g;
      s->failures += g <= 0.0;
    }
}

void
ps_lhs_merge (PsLhsSummary *acc, const PsLhsSummary *next)
{
  acc->samples += next->samples;
  acc->failures += next->failures;
  acc->nan_samples += next->nan_samples;
}
