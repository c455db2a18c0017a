/* ps-is.h: importance sampling in standard normal space.
 *
 * The sampling density is the standard normal moved to a centre c (FORM's design
 * point u*, or a given point): u = c + xi, xi ~ N(0, I). Each failure (g <= 0) weighs
 * w = phi(u) / phi(u - c) = exp(-c . u + |c|^2 / 2), and
 *   Pf = (1/N) sum w 1[g <= 0],   Var(Pf) = ((1/N) sum w^2 1[g <= 0] - Pf^2) / (N - 1)
 * (R. Melchers, Structural Reliability Analysis and Prediction, 2nd ed., Wiley 1999,
 * sec. 3.4.2; Rubinstein and Kroese, Simulation and the Monte Carlo Method, 3rd ed.,
 * 2017, sec. 5.7). CoV = sqrt(Var)/Pf; the 95 % interval Pf -+ 1.96 sqrt(Var)
 * (central limit theorem).
 *
 * Items are blocks of PS_IS_BLOCK samples. Sample i draws xi_k from the stream
 * (seed, key of variable k, "PSIS") at counter i (ps-rel-math.h); the weighted sums
 * are exact (PsXSum), so the summary of any chunking, merged in any order, is the
 * same bits, and the adaptive stop (target_cov), asked after each commit in item
 * order as for Monte Carlo, uses the same samples on every backend.
 */
#pragma once

#include "ps-nataf.h"
#include "ps-rel-math.h"

G_BEGIN_DECLS

#define PS_IS_BLOCK 4096

typedef struct
{
  double *centre; /* n_vars, in u */
  guint64 max_samples;
  double target_cov; /* 0: none */
  guint64 seed;
} PsIsPlan;

typedef struct
{
  guint64 samples, failures, nan_samples, inf_samples; /* failures: finite g <= 0 */
  PsXSum sum_w, sum_w2;                                /* over failures */
} PsIsSummary;

typedef struct
{
  double pf, pf_low, pf_high, cov, beta;
  guint64 samples, failures;
} PsIsEstimate;

guint64 ps_is_n_items (const PsIsPlan *plan);
void ps_is_summary_init (PsIsSummary *s);
/* Items [begin, end): blocks of samples; @workspace holds ps_is_workspace_size() doubles. */
gsize ps_is_workspace_size (const PsRelProblem *p);
void ps_is_eval (const PsRelProblem *p, const PsIsPlan *plan, guint64 begin, guint64 end,
                 PsIsSummary *s, double *workspace);
/* Samples [@i0, @i1) around @centre (u), added to @s. */
void ps_is_eval_samples (const PsRelProblem *p, const double *centre, guint64 seed, guint64 i0,
                         guint64 i1, PsIsSummary *s, double *workspace);
void ps_is_merge (PsIsSummary *acc, const PsIsSummary *next);
/* The estimate from the sums: @n samples (less those where g is not finite), the sums
 * of w and w^2 over the failures. */
void ps_is_estimate_sums (guint64 n, double sum_w, double sum_w2, PsIsEstimate *e);
void ps_is_estimate (const PsIsSummary *s, PsIsEstimate *e);
gboolean ps_is_is_done (const PsIsPlan *plan, const PsIsSummary *s);

/* Double of a PsXSum, correctly rounded within a few ulp (host). */
double ps_xsum_to_double (const PsXSum *s);

/* The whole run in @n_pieces chunks per round of @items_per_round items (the commit
 * granularity at which target_cov is checked), as a backend would. */
void ps_is_run (const PsRelProblem *p, const PsIsPlan *plan, guint64 items_per_round,
                guint n_pieces, PsIsSummary *out);

G_END_DECLS
