/* ps-nataf.h: correlated random variables by the Nataf transformation (a normal
 * copula), and the problem description shared by the methods of issue 17.
 *
 * A study's "correlation" list gives pairs {between: [A, B], rho, type}. The normal
 * copula's correlation rho0 of each pair comes from its type:
 *   normal-copula  rho0 = rho, as given;
 *   spearman       rho0 = 2 sin(pi rho_S / 6), exact for the normal copula (K. Pearson
 *                  1907; e.g. Lebrun and Dutfoy, Prob. Eng. Mech. 24 (2009), eq. 10);
 *   pearson        rho0 solves rho = E[(X_A - m_A)(X_B - m_B)] / (s_A s_B) under the
 *                  bivariate normal of correlation rho0: the Nataf integral (A. Nataf
 *                  1962; Liu and Der Kiureghian, Prob. Eng. Mech. 1 (1986), eq. 15),
 *                  computed by 2-D Gauss-Hermite quadrature (64 x 64 nodes) and
 *                  solved by Brent's method. Not the fitted formulas of Liu and Der
 *                  Kiureghian (their stated error, up to about 1 %, is not needed).
 * The matrix R0 must be positive definite (its Cholesky factor L, R0 = L L^T, is the
 * transformation z = L u); otherwise the error names the pairs of the offending row.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "rng/ps-dist.h"
#include "expr/ps-expr.h"

G_BEGIN_DECLS

typedef struct
{
  guint n;
  double *rho0; /* n x n, row-major, unit diagonal */
  double *chol; /* n x n lower-triangular L, R0 = L L^T; NULL when R0 = I */
} PsNataf;

typedef enum
{
  PS_CORR_NORMAL_COPULA,
  PS_CORR_SPEARMAN,
  PS_CORR_PEARSON,
} PsCorrType;

typedef struct
{
  guint a, b; /* variable indices */
  double rho;
  PsCorrType type;
} PsCorrPair;

/* The independent case (R0 = I). */
PsNataf *ps_nataf_new_independent (guint n);
/* From pairs (unlisted pairs are uncorrelated); @path names the list in messages
 * ("correlation"), pair k is "path[k]". */
PsNataf *ps_nataf_new (guint n, const PsDist *dists, const char *const *var_names,
                       const PsCorrPair *pairs, guint n_pairs, const char *path, GError **error);
void ps_nataf_free (PsNataf *nataf);

/* Parses the study file's "correlation" member (@node may be NULL or null: none) into
 * pairs, with errors naming the path: unknown variables, a variable with itself, a
 * pair given twice, |rho| >= 1, an unknown type. */
gboolean ps_nataf_parse_pairs (JsonNode *node, const char *path, guint n_vars,
                               const char *const *var_names, PsCorrPair **pairs, guint *n_pairs,
                               GError **error);

/* The Pearson correlation of X_A and X_B whose normal images have correlation rho0
 * (the Nataf integral), and its inverse; the inverse fails when rho is outside the
 * range that the two marginals can reach with a normal copula. */
double ps_nataf_pearson_of_normal (const PsDist *a, const PsDist *b, double rho0);
gboolean ps_nataf_normal_of_pearson (const PsDist *a, const PsDist *b, double rho, double *rho0,
                                     char **error_message);

/* The problem every method of issue 17 works on: variables, their dependence and g. */
typedef struct
{
  guint n_vars;
  const char *const *var_names;
  const PsDist *dists;
  const guint32 *var_keys; /* the variables' Philox keys (ps-reliability.c: FNV-1a of the name) */
  const PsExpr *expr;
  const PsNataf *nataf; /* NULL: independent */
} PsRelProblem;

static inline const double *
ps_rel_problem_chol (const PsRelProblem *p)
{
  return p->nataf != NULL ? p->nataf->chol : NULL;
}

/* Host maps between standard normal space u and the variables x; the Jacobian
 * diag(dx_i/dz_i) with dx/dz = phi(z) / f(x), for the chain rule of FORM. */
void ps_rel_x_to_u (const PsRelProblem *p, const double *x, double *u);
void ps_rel_u_to_x_host (const PsRelProblem *p, const double *u, double *x, double *dxdz);
/* grad_u = L^T diag(dxdz) grad_x. */
void ps_rel_grad_x_to_u (const PsRelProblem *p, const double *dxdz, const double *grad_x,
                         double *grad_u);

G_END_DECLS
