/* ps-reliability.h: Monte Carlo structural reliability, P(g(X) <= 0).
 *
 * Items are blocks of PS_REL_BLOCK consecutive samples. Sample i of variable v is the
 * same on every backend: its uniform comes from Philox4x32-10 keyed by (seed, v) at
 * counter i (engine/rng/ps-philox.h) and is turned into the variable by its inverse
 * CDF. Failures are counted per block and merged in block order; the adaptive stop
 * (target_cov) is decided at commits, in order, so the samples used are the same too.
 */
#pragma once

#include "rng/ps-dist.h"
#include "expr/ps-expr.h"
#include "study/ps-kind.h"

G_BEGIN_DECLS

#define PS_REL_BLOCK 4096        /* samples per item */
#define PS_REL_CHUNK_ITEMS 16    /* items per chunk: 65,536 samples */
#define PS_REL_N_CHECKPOINTS 256 /* points of the convergence curve */

typedef struct
{
  guint n_vars;
  char **var_names;
  PsDist *dists;
  guint32 *var_keys;
  guint n_consts;
  char **const_names;
  double *const_values;
  char *limit_state;
  PsExpr *expr;
  guint64 max_samples;
  double target_cov; /* 0 when not set */
  guint64 seed;
  double time_limit; /* s, 0 when not set */
  guint n_checkpoints;
  guint64 checkpoints[PS_REL_N_CHECKPOINTS];
  gboolean has_exact;
  double exact_pf;
  char *exact_method;
} PsReliabilityModel;

typedef struct
{
  guint64 samples;
  guint64 failures;
  guint64 nan_samples;
  guint64 fail_at[PS_REL_N_CHECKPOINTS];
  guint64 nan_at[PS_REL_N_CHECKPOINTS];
} PsReliabilitySummary;

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

/* Pf and its interval from @failures of @n samples (NaN samples excluded). */
void ps_reliability_estimate (guint64 failures, guint64 n, PsReliabilityEstimate *est);

G_END_DECLS
