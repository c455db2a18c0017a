/* ps-rel-parse.h: the study-file keys of issue 17 for the reliability kind: the
 * method and its options, the sensitivity analysis, and variables with the new
 * distributions. Each function reads one part of the study's root object and fails
 * with a PS_ERROR_INVALID error naming the JSON path, so that the kind's loader only
 * has to call them (ps_nataf_parse_pairs() reads "correlation").
 *
 *   method.name  monte-carlo | lhs | form | sorm | importance-sampling | subset
 *   monte-carlo, lhs      samples (required), seed, target_cov (not lhs), time_limit
 *   form, sorm            algorithm (ihlrf | hlrf), tolerance (1e-6), max_iterations
 *                         (100), start ("mean" or {variable: value, ...})
 *   importance-sampling   samples (required), target_cov, seed, centre ("form" or
 *                         {variable: value}), and FORM's options for the centre
 *   subset                samples_per_level (10000), p0 (0.1), target_cov, seed
 *   sensitivity           {method: "sobol", samples, seed, bootstrap (500)}
 * "directional" is named and refused as not available yet.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ps-form.h"

G_BEGIN_DECLS

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
} PsRelMethod;

typedef struct
{
  gboolean enabled;
  guint64 samples;
  guint64 seed;
  guint bootstrap;
} PsRelSensitivity;

const char *ps_rel_method_name (PsRelMethodKind kind);

/* Reads root.method. */
gboolean ps_rel_method_parse (JsonObject *root, guint n_vars, const char *const *var_names,
                              PsRelMethod *method, GError **error);
void ps_rel_method_clear (PsRelMethod *method);
/* FORM's options from a parsed method (start points into @o borrow from @method). */
void ps_rel_method_form_options (const PsRelMethod *method, PsFormOptions *o);

/* Reads root.sensitivity (absent: not enabled). */
gboolean ps_rel_sensitivity_parse (JsonObject *root, PsRelSensitivity *s, GError **error);

/* One variable's object at @path ("variables.R"): its distribution and parameters,
 * the new ones included (alpha, beta, mode; lognormal with lower). */
gboolean ps_rel_variable_parse (JsonObject *v, const char *path, PsDist *dist, GError **error);

G_END_DECLS

G_BEGIN_DECLS

/* Everything the methods of issue 17 need from a reliability study: variables (new
 * distributions included), constants, the limit state (an expression), correlation,
 * method and sensitivity. problem points into the other fields. The kind's loader
 * (ps-reliability.c) will take its builtin limit states and its Monte Carlo model from
 * its own parser, and this for the rest. */
typedef struct
{
  PsRelProblem problem;
  guint n_vars;
  char **var_names;
  PsDist *dists;
  guint32 *var_keys;
  guint n_consts;
  char **const_names;
  double *const_values;
  PsExpr *expr;
  PsNataf *nataf; /* NULL without correlation */
  PsRelMethod method;
  PsRelSensitivity sensitivity;
} PsRelSetup;

PsRelSetup *ps_rel_setup_parse (JsonObject *root, GError **error);
void ps_rel_setup_free (PsRelSetup *setup);
/* A variable's Philox key: FNV-1a of its name, as ps-reliability.c keys its Monte
 * Carlo streams (a collision with an earlier variable's key takes the next value). */
guint32 ps_rel_name_key (const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsRelSetup, ps_rel_setup_free)

G_END_DECLS
