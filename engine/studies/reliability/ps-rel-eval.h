/* ps-rel-eval.h: the items of a reliability study and of its rounds, and their
 * summaries.
 *
 * The user's study (no round) and a sampling round are the method's samples in
 * blocks of PS_REL_BLOCK: crude Monte Carlo with independent variables by the block
 * path (F^-1 of the Monte Carlo stream, ps-reliability.h), with correlated variables
 * and Latin hypercube sampling sample by sample (ps-lhs.h); an importance-sampling
 * round is blocks of samples around its centre (ps-is.h). These fill the summary's
 * counts, and their values before each checkpoint of the convergence curve. The other
 * rounds' items write rows, which the host reads back in item order
 * (ps-rel-driver.h):
 *
 *   points   one point: g, then its gradient in x (1 + n_vars doubles)
 *   subset   level 0, one sample; later levels, one chain (ps_subset_row_doubles())
 *   sobol    one row of the Sobol design: f_A, f_B, f_ABi (n_vars + 2 doubles)
 *
 * A sample where g is NaN or infinite is neither a failure nor a survival (issue 22):
 * counted in nan_samples or inf_samples and left out of Pf.
 */
#pragma once

#include "studies/reliability/ps-rel-model.h"
#include "study/ps-study.h"

G_BEGIN_DECLS

/* The items of the study @m describes (its round's, or its own samples' blocks). */
guint64 ps_rel_eval_n_items (const PsRelSetup *m);
/* Items per chunk: a function of the study only. */
guint64 ps_rel_eval_chunk_items (const PsRelSetup *m);
/* The doubles of an item's row, 0 for rounds without rows. */
gsize ps_rel_eval_row_doubles (const PsRelSetup *m);

gpointer ps_rel_eval_workspace_new (const PsRelSetup *m);
void ps_rel_eval_workspace_free (gpointer workspace);
/* Items [@begin, @end) into @summary (zeroed by the caller) and, when @rows is not
 * NULL, their rows. */
void ps_rel_eval (const PsRelSetup *m, gpointer workspace, guint64 begin, guint64 end,
                  PsReliabilitySummary *summary, PsBuf *rows);
/* @acc followed by @next. */
void ps_rel_merge (PsReliabilitySummary *acc, const PsReliabilitySummary *next);
/* Whether the samples so far are enough (target_cov, time_limit). */
gboolean ps_rel_is_done (const PsRelSetup *m, const PsReliabilitySummary *s, double elapsed);

/* Samples of the summary where g was finite: the ones Pf is over. */
static inline guint64
ps_rel_finite_samples (const PsReliabilitySummary *s)
{
  return s->samples - s->nan_samples - s->inf_samples;
}

G_END_DECLS
