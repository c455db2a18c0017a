/* ps-rel-model.h: the reliability study's model, the summary of a range of its items,
 * and the parameters of a round.
 *
 * One model (PsRelSetup, which ps-reliability.h calls PsReliabilityModel) serves the
 * study kind, the host-only driver of the tests (ps-rel-run.h) and the round studies
 * the kind runs for its iterative methods: the variables, the limit state, their
 * dependence, the method, the sensitivity analysis, and, in a round study, the
 * round's parameters (PsRelRound, the engine's "round" member, ps-rel-round.h).
 */
#pragma once

#include "studies/reliability/ps-form.h"
#include "studies/reliability/ps-rel-math.h"

G_BEGIN_DECLS

#define PS_REL_BLOCK 4096        /* samples per item of the sampling methods */
#define PS_REL_CHUNK_ITEMS 16    /* items per chunk: 65,536 samples */
#define PS_REL_N_CHECKPOINTS 256 /* points of the convergence curve */
#define PS_REL_MAX_NON_FINITE 0.01

typedef enum
{
  PS_REL_METHOD_MONTE_CARLO,
  PS_REL_METHOD_LHS,
  PS_REL_METHOD_FORM,
  PS_REL_METHOD_SORM,
  PS_REL_METHOD_IMPORTANCE_SAMPLING,
  PS_REL_METHOD_SUBSET,
} PsRelMethodKind;

typedef struct
{
  PsRelMethodKind kind;
  guint64 samples;   /* monte-carlo, lhs, importance-sampling */
  double target_cov; /* 0 when not set */
  guint64 seed;      /* default 1 */
  double time_limit; /* s, 0 when not set */
  /* form, sorm, and importance sampling's centre */
  PsFormAlgorithm algorithm;
  double tolerance;
  guint max_iterations;
  double *start_x; /* n_vars, or NULL for the means */
  /* importance sampling: NULL for FORM's design point, else the centre in x */
  double *centre_x;
  /* subset */
  guint64 samples_per_level;
  double p0;
  /* every method: the largest share of g evaluations that may be NaN or infinite
   * (default PS_REL_MAX_NON_FINITE) */
  double max_non_finite;
} PsRelMethod;

typedef struct
{
  gboolean enabled;
  guint64 samples;
  guint64 seed;
  guint bootstrap;
} PsRelSensitivity;

/* ---- rounds -----------------------------------------------------------------------
 *
 * A study whose method runs in rounds (FORM, SORM, importance sampling, subset
 * simulation, and any method with a sensitivity analysis) runs each round as a study
 * of its own: the user's text with the engine's "round" member, which says what the
 * round's items are. */
typedef enum
{
  PS_REL_ROUND_SAMPLING = 1, /* the method's Monte Carlo or LHS samples */
  PS_REL_ROUND_POINTS,       /* g and its gradient at given points (FORM, SORM) */
  PS_REL_ROUND_IMPORTANCE,   /* importance sampling around a centre */
  PS_REL_ROUND_SUBSET,       /* one level of subset simulation */
  PS_REL_ROUND_SOBOL,        /* the rows of the Sobol design */
} PsRelRoundType;

typedef struct
{
  PsRelRoundType type;
  /* points: n_points x n_vars, in physical units */
  guint64 n_points;
  double *points;
  /* importance sampling: the centre in u (n_vars) */
  double *centre;
  /* subset: the level; from level 1, the threshold the chains stay below and the
   * chains' seeds, n_chains x (n_vars + 1): u, then g */
  guint level;
  double threshold;
  guint64 n_chains;
  double *seeds;
} PsRelRound;

/* The result of a study of several rounds (ps-rel-driver.h). */
typedef struct _PsRelOutcome PsRelOutcome;

/* ---- the model ---------------------------------------------------------------------- */

typedef struct
{
  PsRelProblem problem; /* points into the fields below */
  guint n_vars;
  char **var_names;
  PsDist *dists;
  guint32 *var_keys;
  guint n_consts;
  char **const_names;
  double *const_values;
  char *limit_state; /* the expression, as written or made from a built-in */
  PsExpr *expr;
  PsExprDim *var_dims; /* the units of the variables and constants, as written */
  PsExprDim *const_dims;
  PsExprDim g_dim; /* the unit of g */
  PsNataf *nataf;  /* NULL without correlation */
  PsRelMethod method;
  PsRelSensitivity sensitivity;
  /* The sampling methods' plan (copies of the method's, for the kind's loops). */
  guint64 max_samples;
  double target_cov; /* 0 when not set */
  guint64 seed;
  double time_limit; /* s, 0 when not set */
  guint n_checkpoints;
  guint64 checkpoints[PS_REL_N_CHECKPOINTS];
  /* The closed-form answer, where the limit state has one. */
  gboolean has_exact;
  double exact_pf;
  char *exact_method; /* English, marked N_() */
  /* A round study's round, or NULL for the user's study. */
  PsRelRound *round;
} PsRelSetup;

/* ---- the summary of a range of items ---------------------------------------------
 *
 * Every round type fills its part: the sampling methods count samples, failures
 * (finite g <= 0) and samples where g is NaN or infinite, in total and before each
 * checkpoint of the convergence curve; importance sampling adds the weights of the
 * failures (exact sums, and as doubles at the checkpoints); the other rounds count
 * their items and write their outputs as rows. The host-only outcome of a study of
 * several rounds is attached to the final summary. */
typedef struct
{
  guint64 samples; /* items evaluated: samples, points, chains, rows */
  guint64 failures;
  guint64 nan_samples;
  guint64 fail_at[PS_REL_N_CHECKPOINTS];
  guint64 nan_at[PS_REL_N_CHECKPOINTS];
  guint64 inf_samples; /* g infinite */
  guint64 inf_at[PS_REL_N_CHECKPOINTS];
  PsXSum sum_w, sum_w2; /* importance sampling, over the failures */
  double w_at[PS_REL_N_CHECKPOINTS], w2_at[PS_REL_N_CHECKPOINTS];
  PsRelOutcome *outcome; /* NULL but in the final summary of a study of rounds */
} PsReliabilitySummary;

G_END_DECLS
