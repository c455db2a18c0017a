#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <math.h>

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
ps_lhs_eval_samples (const PsRelProblem *p, const PsLhsPlan *plan, guint64 i0, guint64 i1,
                     PsLhsSummary *s, double *ws)
{
  guint n = p->n_vars;
  double *u = ws, *z = ws + n, *x = ws + 2 * n;
  const double *chol = ps_rel_problem_chol (p);

  for (guint64 i = i0; i < i1; i++)
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

      /* Non-finite g is neither a failure nor a survival (issue 22). */
      s->samples++;
      s->nan_samples += g != g;
      s->inf_samples += fabs (g) == INFINITY;
      s->failures += g <= 0.0 && g > -INFINITY;
    }
}

void
ps_lhs_eval (const PsRelProblem *p, const PsLhsPlan *plan, guint64 begin, guint64 end,
             PsLhsSummary *s, double *ws)
{
  ps_lhs_eval_samples (p, plan, begin * PS_LHS_BLOCK, MIN (end * PS_LHS_BLOCK, plan->samples), s,
                       ws);
}

void
ps_lhs_merge (PsLhsSummary *acc, const PsLhsSummary *next)
{
  acc->samples += next->samples;
  acc->failures += next->failures;
  acc->nan_samples += next->nan_samples;
  acc->inf_samples += next->inf_samples;
}
