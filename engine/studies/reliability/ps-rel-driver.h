/* ps-rel-driver.h: the methods of several rounds, on the host, and what a reliability
 * run reports.
 *
 * The driver is the sequence of decisions of a study whose method runs in rounds:
 * FORM's iterations (a point each: the next iterate or the next trial of the line
 * search, ps-form.h), SORM's Hessian (2 n points, ps-sorm.h), importance sampling
 * (FORM for its centre, then the samples, ps-is.h), subset simulation (a round a
 * level, ps-subset.h), and the Sobol design of a sensitivity analysis (ps-sobol.h)
 * after any method. ps_rel_driver_next() gives the next round's parameters; the round
 * is evaluated anywhere (ps-rel-eval.h: the kind runs it as a study on the run's
 * backend, ps-rel-run.h in this process) and ps_rel_driver_update() takes its merged
 * summary and its rows, in item order. Every decision is made here, once, on merged
 * results: the same on every backend and worker count.
 *
 * The outcome (the results of every round the method needs) goes with the run's final
 * summary; ps_rel_summary_to_json() writes the summary.json members of any run of the
 * study, of one round or several:
 *
 *   every method   limit_state, method, converged (and reason when FALSE),
 *                  g_evaluations, non_finite_samples, max_non_finite; exact (pf,
 *                  beta, method, and for sampling deviation_in_standard_errors) where
 *                  the limit state has a closed form
 *   monte-carlo, lhs, importance-sampling
 *                  seed, samples, max_samples, failures, nan_samples, pf, pf_ci95,
 *                  pf_ci95_method, cov, beta, beta_ci95, stopped_by, target_cov;
 *                  correlated (with a correlation)
 *   form, sorm     beta, pf = Phi(-beta), iterations, gradient, algorithm, tolerance,
 *                  design_point {x, u}, alpha, importance_factors (alpha^2 with the sign
 *                  of alpha), g_at_design_point; sorm {breitung, hohenbichler, tvedt,
 *                  curvatures, hessian_step, reason}
 *   importance-sampling   centre {from, u, x}; with the centre from FORM, form {converged,
 *                  beta, iterations, g_evaluations}, design_point, alpha,
 *                  importance_factors
 *   subset         seed, samples, samples_per_level, p0, pf, pf_ci95, cov (Au and Beck's
 *                  lower bound), cov_upper, beta, levels [{threshold, p, cov, gamma,
 *                  g_evaluations}]
 *   sensitivity    sobol {variable: {first, first_ci95, total, total_ci95}},
 *                  sobol_samples, sobol_g_evaluations, sobol_non_finite_rows
 *
 * A method that does not converge, or more g evaluations than max_non_finite that are
 * NaN or infinite, makes converged FALSE with the reason (in English, marked N_()),
 * and the last state is reported, not as a result (ps_rel_summary_failure()).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "studies/reliability/ps-rel-model.h"

G_BEGIN_DECLS

typedef struct _PsRelDriver PsRelDriver;

/* Whether a study with model @m runs in rounds (its method is iterative, or it asks
 * for a sensitivity analysis); a round study itself never does. */
gboolean ps_rel_has_rounds (const PsRelSetup *m);

PsRelDriver *ps_rel_driver_new (const PsRelSetup *m);
void ps_rel_driver_free (PsRelDriver *d);
/* The next round (borrowed, valid until the next update), or NULL when finished. */
const PsRelRound *ps_rel_driver_next (PsRelDriver *d);
/* The round's merged summary and its rows (ps_rel_eval_row_doubles() doubles each,
 * in item order). FALSE with @error when the rows are not what the round makes. */
gboolean ps_rel_driver_update (PsRelDriver *d, const PsReliabilitySummary *summary,
                               const guint8 *rows, gsize length, GError **error);
/* Fills @summary (zeroed) with the run's final summary: the sampling round's counts
 * (importance sampling, Monte Carlo with a sensitivity analysis) and the outcome,
 * which @summary then owns (ps_rel_summary_clear()). */
void ps_rel_driver_finish (PsRelDriver *d, PsReliabilitySummary *summary);
void ps_rel_summary_clear (PsReliabilitySummary *summary);

/* The round's "round" member, as JSON text, numbers to 17 significant digits (they
 * read back to the same bits). */
char *ps_rel_round_to_json (const PsRelSetup *m, const PsRelRound *round);
/* Reads the "round" member into m->round (and fits the model to it). */
gboolean ps_rel_round_parse (JsonNode *node, PsRelSetup *m, GError **error);

/* summary.json's members of a run whose final summary is @s. */
void ps_rel_summary_to_json (const PsRelSetup *m, const PsReliabilitySummary *s,
                             JsonBuilder *builder);
/* Whether the answer stands; @reason (may be NULL) gets the untranslated reason. */
gboolean ps_rel_summary_converged (const PsRelSetup *m, const PsReliabilitySummary *s,
                                   const char **reason);
/* convergence.csv of the run. */
char *ps_rel_convergence_csv (const PsRelSetup *m, const PsReliabilitySummary *s);

G_END_DECLS
