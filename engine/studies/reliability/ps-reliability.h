/* ps-reliability.h: structural reliability, P(g(X) <= 0).
 *
 * The methods: crude Monte Carlo (independent variables: items are blocks of
 * PS_REL_BLOCK consecutive samples; sample i of variable v takes the uniform of
 * Philox4x32-10 keyed by (seed, v) at counter i, engine/rng/ps-philox.h, through its
 * inverse CDF), Monte Carlo with correlated variables and Latin hypercube sampling
 * (ps-lhs.h), FORM (ps-form.h), SORM (ps-sorm.h), importance sampling (ps-is.h) and
 * subset simulation (ps-subset.h), with a Sobol sensitivity analysis (ps-sobol.h) on
 * request. Failures are counted per block and merged in block order; the adaptive
 * stop (target_cov) is decided at commits, in order, so the samples used are the
 * same on every backend. The iterative methods run in rounds (PsKindClass.rounds_new,
 * ps-rel-driver.h): each round is a study of its own, the study's text with the
 * engine's "round" member, run on the same backend; the decisions between rounds are
 * made once, on the merged results.
 */
#pragma once

#include "expr/ps-expr.h"
#include "rng/ps-dist.h"
#include "studies/reliability/ps-rel-model.h"
#include "study/ps-kind.h"

G_BEGIN_DECLS

/* The study's model (ps-rel-model.h). */
typedef PsRelSetup PsReliabilityModel;

typedef struct
{
  double pf, pf_low, pf_high; /* Wilson score interval, 95 % */
  double cov;
  double beta, beta_low, beta_high;
} PsReliabilityEstimate;

extern const PsKindClass ps_reliability_class;

/* The kind's pieces in the other files of its folder, for its class. */
void ps_reliability_summary_rows (JsonObject *summary, PsSummaryView view, GPtrArray *rows);
extern const PsChartInfo ps_reliability_charts[];
PsChart *ps_reliability_chart_build (PsRunData *data, const char *name, const PsPlotParams *params,
                                     GError **error);
void ps_reliability_report_inputs (PsReportWriter *writer, const PsStudy *study);
void ps_reliability_report_results (PsReportWriter *writer, const PsStudy *study, PsRunData *data);

/* Pf and its interval from @failures of @n samples (those where g is not finite
 * excluded). */
void ps_reliability_estimate (guint64 failures, guint64 n, PsReliabilityEstimate *est);

G_END_DECLS
