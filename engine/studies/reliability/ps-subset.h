/* ps-subset.h: subset simulation (S.-K. Au and J. L. Beck, "Estimation of small
 * failure probabilities in high dimensions by subset simulation", Prob. Eng. Mech. 16
 * (2001) 263-277), in standard normal space, in rounds.
 *
 * Level 0 is N = samples_per_level Monte Carlo samples. At each level the samples are
 * sorted by g (ties by index); the threshold b is the midpoint of the N p0-th and
 * (N p0 + 1)-th values, and the N p0 samples below it seed as many Markov chains of
 * length L = 1/p0 that make the next level's N samples, by the component-wise
 * ("modified") Metropolis algorithm of Au and Beck (sec. 3.2): component k proposes
 * xi = u_k + zeta (zeta standard normal) and takes it with probability min(1,
 * phi(xi)/phi(u_k)); the candidate replaces the state only when g(candidate) <= b.
 * The levels end when at least N p0 samples fail (b <= 0): Pf = p0^m N_f / N.
 *
 * Coefficient of variation (Au and Beck, eqs. 20-29): level j's conditional
 * probability p_j has delta_j^2 = (1 - p_j)/(N p_j) (1 + gamma_j), gamma_0 = 0 and
 * gamma_j = 2 sum_{k=1}^{L-1} (1 - k/L) rho_j(k), rho_j(k) the correlation at lag k of
 * the indicators along the chains. The Pf's CoV lies between sqrt(sum delta_j^2)
 * (levels uncorrelated) and sum delta_j (fully correlated) (Au and Beck, eq. 30 and
 * the text after it); "cov" is the first, as they report, "cov_upper" the second, and
 * the 95 % interval Pf (1 -+ 1.96 cov_upper) uses the upper bound, because the levels
 * share their seeds and are correlated in practice.
 *
 * Rounds: level 0's items are its samples, level j's items are its chains. Chain c at
 * level j, step s (state index i = c L + s) draws zeta_k from the stream (seed, key of
 * variable k, "SS" + j) at counter 2i and the acceptance uniform at 2i + 1; level 0's
 * sample i draws u_k at counter i of level 0's stream. An item depends only on the
 * round's parameters (the level, its threshold and the chains' seeds: PsSubsetRound)
 * and writes only its own row (ps_subset_eval_item), so any chunking gives the same
 * levels, bit for bit; the sort and the threshold are decided once per level on the
 * merged rows (ps_subset_set_rows). A sample where g is NaN or infinite (issue 22)
 * is neither below a threshold nor a failure: it is left out of the level's count
 * (the conditional probability is taken over the level's finite samples) and counted
 * in non_finite, as is a candidate state where g is not finite, which is rejected.
 */
#pragma once

#include "ps-nataf.h"

G_BEGIN_DECLS

#define PS_SUBSET_MAX_LEVELS 40

typedef struct
{
  guint64 samples_per_level; /* N */
  double p0;                 /* 0.1 */
  double target_cov;         /* reported against, 0: none */
  guint64 seed;
} PsSubsetOptions;

typedef struct
{
  double threshold; /* b_{j+1}: the level's samples below it seed the next (0 at the last) */
  double p;         /* the conditional probability */
  double delta;     /* its CoV */
  double gamma;     /* the chain correlation factor */
  guint64 g_evaluations;
} PsSubsetLevel;

typedef struct
{
  gboolean converged;
  const char *reason; /* untranslated, when not converged */
  double pf, cov, cov_upper, beta, pf_low, pf_high;
  guint n_levels;
  PsSubsetLevel levels[PS_SUBSET_MAX_LEVELS];
  guint64 samples, g_evaluations;
  guint64 non_finite; /* g evaluations where g was NaN or infinite */
} PsSubsetResult;

/* What the items of a round need. */
typedef struct
{
  guint level;
  double threshold;    /* from level 1: the chains stay below it */
  guint64 n_chains;    /* from level 1 */
  const double *seeds; /* from level 1: n_chains x (n_vars + 1), u then g */
} PsSubsetRound;

typedef struct _PsSubset PsSubset;

PsSubset *ps_subset_new (const PsRelProblem *p, const PsSubsetOptions *o);
void ps_subset_free (PsSubset *s);
/* The items of the next round (0 when finished): level 0's samples, or later levels'
 * chains. */
guint64 ps_subset_next (PsSubset *s);
/* The next round's parameters (borrowed, valid until ps_subset_set_rows()). */
void ps_subset_get_round (const PsSubset *s, PsSubsetRound *round);

/* The steps of a chain, 1 / p0. */
guint64 ps_subset_chain_length (const PsSubsetOptions *o);
/* The doubles of an item's row at @level: level 0, a sample's u and g (n_vars + 1);
 * later levels, a chain's g evaluations, those of them that were not finite, then
 * its states' u and g (2 + L (n_vars + 1)). */
gsize ps_subset_row_doubles (const PsRelProblem *p, const PsSubsetOptions *o, guint level);
/* The kernel: item @item of @round into @row. @workspace holds
 * ps_subset_workspace_size() doubles. */
gsize ps_subset_workspace_size (const PsRelProblem *p);
void ps_subset_eval_item (const PsRelProblem *p, const PsSubsetOptions *o,
                          const PsSubsetRound *round, guint64 item, double *row, double *workspace);
/* After all the round's items: their rows, in item order, and the decision for the
 * next level. */
void ps_subset_set_rows (PsSubset *s, const double *rows);
const PsSubsetResult *ps_subset_get_result (const PsSubset *s);
/* The level's g values (N), for tests. */
const double *ps_subset_level_g (const PsSubset *s);
PsSubset *ps_subset_run (const PsRelProblem *p, const PsSubsetOptions *o, guint n_pieces);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsSubset, ps_subset_free)

G_END_DECLS
