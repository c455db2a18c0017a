#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <string.h>

#include "ps-is.h"

double
ps_xsum_to_double (const PsXSum *s)
{
  PsXSum t = *s;
  int top = -1, neg;
  double v;

  if (s->nan > 0 || (s->pos_inf > 0 && s->neg_inf > 0))
    return NAN;
  if (s->pos_inf > 0)
    return INFINITY;
  if (s->neg_inf > 0)
    return -INFINITY;
  ps_xsum_carry (&t);
  neg = t.limb[PS_XSUM_LIMBS - 1] < 0;
  if (neg)
    {
      for (int i = 0; i < PS_XSUM_LIMBS; i++)
        t.limb[i] = -t.limb[i];
      ps_xsum_carry (&t);
    }
  for (int i = PS_XSUM_LIMBS - 1; i >= 0 && top < 0; i--)
    if (t.limb[i] != 0)
      top = i;
  if (top < 0)
    return 0.0;
  /* The top three digits (at least 65 significant bits) and a sticky bit for the rest,
   * summed from the lowest so that only the last addition rounds noticeably. */
  {
    double lo = top >= 2 ? (double)t.limb[top - 2] : 0.0;
    gboolean sticky = FALSE;

    for (int i = top - 3; i >= 0 && !sticky; i--)
      sticky = t.limb[i] != 0;
    if (sticky)
      lo += 0.5;
    v = ldexp (lo, 32 * (top - 2) - 1074);
    if (top >= 1)
      v += ldexp ((double)t.limb[top - 1], 32 * (top - 1) - 1074);
    v += ldexp ((double)t.limb[top], 32 * top - 1074);
  }
  return neg ? -v : v;
}

guint64
ps_is_n_items (const PsIsPlan *plan)
{
  return (plan->max_samples + PS_IS_BLOCK - 1) / PS_IS_BLOCK;
}

void
ps_is_summary_init (PsIsSummary *s)
{
  memset (s, 0, sizeof *s);
  ps_xsum_init (&s->sum_w);
  ps_xsum_init (&s->sum_w2);
}

gsize
ps_is_workspace_size (const PsRelProblem *p)
{
  return 3 * (gsize)p->n_vars + 1;
}

void
ps_is_eval_samples (const PsRelProblem *p, const double *c, guint64 seed, guint64 i0, guint64 i1,
                    PsIsSummary *s, double *ws)
{
  guint n = p->n_vars;
  double *u = ws, *z = ws + n, *x = ws + 2 * n;
  const double *chol = ps_rel_problem_chol (p);
  double cc = 0.0;

  for (guint k = 0; k < n; k++)
    cc = cc + c[k] * c[k];
  for (guint64 i = i0; i < i1; i++)
    {
      double cu = 0.0;

      for (guint k = 0; k < n; k++)
        {
          u[k] = c[k] + ps_rel_normal (seed, p->var_keys[k], PS_REL_TAG_IS, i);
          cu = cu + c[k] * u[k];
        }
      ps_rel_u_to_x (n, chol, p->dists, u, z, x);
      double g = ps_expr_eval (p->expr, x);

      s->samples++;
      /* Non-finite g is neither a failure nor a survival (issue 22). */
      if (g != g)
        s->nan_samples++;
      else if (fabs (g) == INFINITY)
        s->inf_samples++;
      else if (g <= 0.0)
        {
          double w = ps_exp (0.5 * cc - cu);

          s->failures++;
          ps_xsum_add (&s->sum_w, w);
          ps_xsum_add (&s->sum_w2, w * w);
        }
    }
}

void
ps_is_eval (const PsRelProblem *p, const PsIsPlan *plan, guint64 begin, guint64 end, PsIsSummary *s,
            double *ws)
{
  ps_is_eval_samples (p, plan->centre, plan->seed, begin * PS_IS_BLOCK,
                      MIN (end * PS_IS_BLOCK, plan->max_samples), s, ws);
}

void
ps_is_merge (PsIsSummary *acc, const PsIsSummary *next)
{
  acc->samples += next->samples;
  acc->failures += next->failures;
  acc->nan_samples += next->nan_samples;
  acc->inf_samples += next->inf_samples;
  ps_xsum_merge (&acc->sum_w, &next->sum_w);
  ps_xsum_merge (&acc->sum_w2, &next->sum_w2);
}

void
ps_is_estimate_sums (guint64 samples, double sum_w, double sum_w2, PsIsEstimate *e)
{
  double n = (double)samples;
  double pf = n > 0 ? sum_w / n : NAN;
  double m2 = n > 0 ? sum_w2 / n : NAN;
  double var = n > 1 ? MAX (0.0, m2 - pf * pf) / (n - 1.0) : NAN;
  double sd = sqrt (var);

  e->pf = pf;
  e->cov = pf > 0 ? sd / pf : INFINITY;
  e->pf_low = MAX (0.0, pf - 1.959963984540054 * sd);
  e->pf_high = pf + 1.959963984540054 * sd;
  e->beta = pf > 0 && pf < 1 ? gsl_cdf_ugaussian_Qinv (pf) : NAN;
}

void
ps_is_estimate (const PsIsSummary *s, PsIsEstimate *e)
{
  ps_is_estimate_sums (s->samples - s->nan_samples - s->inf_samples, ps_xsum_to_double (&s->sum_w),
                       ps_xsum_to_double (&s->sum_w2), e);
  e->samples = s->samples;
  e->failures = s->failures;
}

gboolean
ps_is_is_done (const PsIsPlan *plan, const PsIsSummary *s)
{
  PsIsEstimate e;

  if (s->samples >= plan->max_samples)
    return TRUE;
  if (plan->target_cov <= 0 || s->failures < 2)
    return FALSE;
  ps_is_estimate (s, &e);
  return e.cov <= plan->target_cov;
}

void
ps_is_run (const PsRelProblem *p, const PsIsPlan *plan, guint64 items_per_round, guint n_pieces,
           PsIsSummary *out)
{
  guint64 n_items = ps_is_n_items (plan);
  g_autofree double *ws = g_new (double, ps_is_workspace_size (p));
  PsIsSummary *part = g_new (PsIsSummary, 1);

  ps_is_summary_init (out);
  n_pieces = MAX (n_pieces, 1);
  for (guint64 r0 = 0; r0 < n_items && !ps_is_is_done (plan, out); r0 += items_per_round)
    {
      guint64 r1 = MIN (n_items, r0 + items_per_round);

      /* The round's pieces are merged last to first, to show that the order does not
       * matter. */
      for (guint k = n_pieces; k-- > 0;)
        {
          guint64 b = r0 + (r1 - r0) * k / n_pieces, e = r0 + (r1 - r0) * (k + 1) / n_pieces;

          ps_is_summary_init (part);
          ps_is_eval (p, plan, b, e, part, ws);
          ps_is_merge (out, part);
        }
    }
  g_free (part);
}
