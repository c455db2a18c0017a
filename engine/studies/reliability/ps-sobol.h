/* ps-sobol.h: Sobol sensitivity indices of g (I. M. Sobol', Math. Comput. Simul. 55
 * (2001) 271-280) by the pick-freeze design of A. Saltelli et al., "Variance based
 * sensitivity analysis of model output", Comput. Phys. Commun. 181 (2010) 259-270.
 *
 * Two independent N x d samples A and B; A_B^i is A with column i from B. With f_A,
 * f_B, f_ABi the values of g, and V the variance of all 2N values of f_A and f_B:
 *   first order  S_i  = (1/N) sum f_B (f_ABi - f_A) / V    (Saltelli 2010, Table 2 (b))
 *   total        ST_i = (1/2N) sum (f_A - f_ABi)^2 / V      (Jansen 1999; Table 2 (f))
 * 95 % intervals are bootstrap percentiles (B. Efron and R. Tibshirani, An
 * Introduction to the Bootstrap, 1993, ch. 13): resample r draws its N indices from
 * the stream (seed, r, "PSBO"), index k -> floor(N u_k).
 *
 * One item is one row j: it evaluates g at A_j, B_j and the d rows A_B^i_j and writes
 * the d + 2 values to its slots; A's and B's uniforms come from the streams (seed,
 * key of variable k, "PSOA" / "PSOB") at counter j. The estimates are computed once
 * on the host from the merged slots, in row order, so every chunking gives the same
 * bits. The variables must be independent (the indices of dependent inputs are not
 * these).
 */
#pragma once

#include "ps-nataf.h"

G_BEGIN_DECLS

typedef struct
{
  guint64 samples; /* N */
  guint64 seed;
  guint bootstrap; /* resamples, default 500 */
} PsSobolOptions;

typedef struct
{
  double first, first_low, first_high;
  double total, total_low, total_high;
} PsSobolIndex;

typedef struct
{
  guint n_vars;
  PsSobolIndex *index; /* n_vars */
  double variance;
  guint64 g_evaluations;
  guint64 nan_rows; /* rows where g is NaN or infinite, left out */
} PsSobolResult;

/* Slots per row: d + 2. */
guint ps_sobol_row_width (const PsRelProblem *p);
gsize ps_sobol_workspace_size (const PsRelProblem *p);
/* Row @j into @out (d + 2 values). */
void ps_sobol_eval_row (const PsRelProblem *p, const PsSobolOptions *o, guint64 j, double *out,
                        double *workspace);
void ps_sobol_eval (const PsRelProblem *p, const PsSobolOptions *o, guint64 begin, guint64 end,
                    double *values, double *workspace);
/* The indices from the merged values (N x (d + 2)). */
PsSobolResult *ps_sobol_estimate (const PsRelProblem *p, const PsSobolOptions *o,
                                  const double *values);
void ps_sobol_result_free (PsSobolResult *r);
PsSobolResult *ps_sobol_run (const PsRelProblem *p, const PsSobolOptions *o, guint n_pieces,
                             double **values_out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsSobolResult, ps_sobol_result_free)

G_END_DECLS
