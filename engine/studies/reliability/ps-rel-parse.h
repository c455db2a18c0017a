/* ps-rel-parse.h: reading a reliability study into its model (ps-rel-model.h).
 *
 * Each function reads one part of the study's root object and fails with a
 * PS_ERROR_INVALID error naming the JSON path:
 *
 *   variables    {name: {distribution, mean, sd, lower, upper, shape, scale, alpha,
 *                beta, mode}} or {name: {from_tests: FILE, quantity: NAME,
 *                distribution (optional: one of the file's fits)}}
 *   constants    {name: value}
 *   limit_state  an expression, or {builtin: ...}
 *   correlation  (ps_nataf_parse_pairs)
 *   method.name  monte-carlo | lhs | form | sorm | importance-sampling | subset
 *   monte-carlo, lhs      samples (required), seed, target_cov (not lhs), time_limit
 *   form, sorm            algorithm (ihlrf | hlrf), tolerance (1e-6), max_iterations
 *                         (100), start ("mean" or {variable: value, ...})
 *   importance-sampling   samples (required), target_cov, seed, time_limit, centre
 *                         ("form" or {variable: value}), and FORM's options for the
 *                         centre
 *   subset                samples_per_level (10000), p0 (0.1), target_cov, seed
 *   every method          max_non_finite (0.01)
 *   sensitivity  {method: "sobol", samples, seed, bootstrap (500)}
 * "directional" is named and refused as not available yet.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "studies/reliability/ps-rel-model.h"

G_BEGIN_DECLS

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
 * the new ones included (alpha, beta, mode; lognormal with lower), or from_tests,
 * whose file is taken relative to @dir (NULL: the current folder). */
gboolean ps_rel_variable_parse (JsonObject *v, const char *path, const char *dir, PsDist *dist,
                                GError **error);
/* The same, and the variable's unit (may be NULL): known when a value other than a
 * shape parameter is written with a unit, unknown when they are plain numbers. */
gboolean ps_rel_variable_parse_dim (JsonObject *v, const char *path, const char *dir, PsDist *dist,
                                    PsExprDim *unit, GError **error);

/* The whole model from a study's root object: variables, constants, limit state,
 * correlation, method and sensitivity (the root's other members, and "round", are
 * left to the caller). @dir: the study file's folder, for from_tests. */
PsRelSetup *ps_rel_setup_parse_at (JsonObject *root, const char *dir, GError **error);
PsRelSetup *ps_rel_setup_parse (JsonObject *root, GError **error);
void ps_rel_setup_free (PsRelSetup *setup);
/* A variable's Philox key: FNV-1a of its name (a collision with an earlier
 * variable's key takes the next value). Keying by name rather than by position keeps
 * every other variable's samples when one is added or reordered. */
guint32 ps_rel_name_key (const char *name);
/* The checkpoints of the convergence curve for @max_samples samples. */
void ps_rel_setup_init_checkpoints (PsRelSetup *setup, guint64 max_samples);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsRelSetup, ps_rel_setup_free)

G_END_DECLS
