/* ps-lhs.h: Latin hypercube sampling for Monte Carlo (and crude Monte Carlo with
 * correlated variables) (M. D. McKay, R. J. Beckman and
 * W. J. Conover, Technometrics 21 (1979) 239-245).
 *
 * With N samples, each variable's probability range is cut into N equal strata and
 * each stratum is used once: sample i of variable v takes the uniform
 * (pi_v(i) + U_v(i)) / N, pi_v a permutation of [0, N) computed from i alone
 * (ps_rel_lhs_stratum, a keyed Feistel bijection) and U_v(i) from the stream (seed,
 * key of v, "PSLH") at counter i. The uniforms go through Phi^-1 to standard normal
 * space and the Nataf map to the variables (with correlation, the strata hold for the
 * independent u). Any range of samples can be drawn alone, so the failure count of
 * any chunking is the same. N is fixed before the run (no adaptive stop: a Latin
 * hypercube is only one when it is complete). The reported CoV is the binomial one of
 * crude Monte Carlo, an upper bound for large N (Stein, Technometrics 29 (1987)
 * 143-151: LHS does not increase the variance asymptotically).
 */
#pragma once

#include "ps-nataf.h"

G_BEGIN_DECLS

#define PS_LHS_BLOCK 4096

typedef struct
{
  guint64 samples;
  guint64 seed;
  /* FALSE: crude Monte Carlo with the same kernel, for correlated variables: sample i
   * of variable v takes the uniform of the Monte Carlo stream contract (ps-philox.h),
   * through F^-1 directly when the variables are independent (the bits of the
   * reliability kind's samples) or through Phi^-1 and the Nataf map. */
  gboolean latin;
} PsLhsPlan;

typedef struct
{
  guint64 samples, failures, nan_samples, inf_samples; /* failures: finite g <= 0 */
} PsLhsSummary;

guint64 ps_lhs_n_items (const PsLhsPlan *plan);
gsize ps_lhs_workspace_size (const PsRelProblem *p);
/* The uniforms of sample i (n_vars). */
void ps_lhs_uniforms (const PsRelProblem *p, const PsLhsPlan *plan, guint64 i, double *v);
void ps_lhs_eval (const PsRelProblem *p, const PsLhsPlan *plan, guint64 begin, guint64 end,
                  PsLhsSummary *s, double *workspace);
/* Samples [@i0, @i1), added to @s. */
void ps_lhs_eval_samples (const PsRelProblem *p, const PsLhsPlan *plan, guint64 i0, guint64 i1,
                          PsLhsSummary *s, double *workspace);
void ps_lhs_merge (PsLhsSummary *acc, const PsLhsSummary *next);

G_END_DECLS
