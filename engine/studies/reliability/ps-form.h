/* ps-form.h: the first-order reliability method (FORM), in rounds.
 *
 * FORM looks for the design point, the point of the limit-state surface G(u) = 0
 * nearest the origin of standard normal space u (Hasofer and Lind 1974), by
 *   HLRF   u' = (grad G . u - G) grad G / |grad G|^2 (Rackwitz and Fiessler 1978);
 *   iHLRF  the same direction d = u' - u with a step lambda chosen by an Armijo line
 *          search on the merit function m(u) = |u|^2 / 2 + c |G(u)| (Y. Zhang and A.
 *          Der Kiureghian, "Two improved algorithms for reliability analysis", Proc.
 *          6th IFIP WG 7.5, 1995): lambda = b^k, the first k with m(u + lambda d) -
 *          m(u) <= a lambda grad m . d, a = b = 1/2; c = 2 |u| / |grad G| + 10, which
 *          satisfies their condition c > |u| / |grad G| (the choice of FERUM's iHLRF).
 * Converged when |G(u)| <= tolerance |G(u0)| and |u - (alpha . u) alpha| <= tolerance
 * (alpha = -grad G / |grad G|), both at the same iterate.
 *
 * G and its gradient come from the bytecode's forward-mode automatic differentiation
 * (ps-expr-ad.h) in x, carried to u by the chain rule through the Nataf map (exact:
 * no finite-difference step). Each round is a batch of points: FORM asks for one
 * point at a time (the next iterate or the next line-search trial), SORM for 2n; the
 * engine evaluates a batch as items [0, n) with ps_rel_points_eval() in any chunks,
 * each item writing its own slots, and hands the merged slots to the update. So the
 * iterates are the same on every backend and worker count.
 *
 * Results: beta = alpha . u* (signed: negative when the mean point fails), Pf =
 * Phi(-beta), the design point in u and x, alpha and the importance factors alpha_i^2
 * with the sign of alpha_i (alpha points from the origin to the design point: positive
 * for a load, negative for a resistance; with correlated variables they are the
 * factors of the independent standard variables u_i of the Cholesky order, as
 * OpenTURNS's "elliptical" importance factors). A run that does not converge says so
 * with the reason and the last iterate; its beta is not to be presented as a result.
 */
#pragma once

#include "ps-nataf.h"

G_BEGIN_DECLS

typedef enum
{
  PS_FORM_IHLRF,
  PS_FORM_HLRF,
} PsFormAlgorithm;

typedef struct
{
  PsFormAlgorithm algorithm;
  double tolerance;      /* default 1e-6 */
  guint max_iterations;  /* default 100 */
  const double *start_x; /* the start in physical units (n_vars), or NULL for the means */
} PsFormOptions;

void ps_form_options_init (PsFormOptions *o);

typedef struct
{
  gboolean converged;
  const char *reason; /* why not converged (untranslated, for N_()), else NULL */
  double beta, pf;
  double g;           /* G at the design point (or the last iterate) */
  double *u, *x;      /* the design point or the last iterate */
  double *grad_u;     /* grad G there, in u */
  double *alpha;      /* -grad_u / |grad_u| */
  double *importance; /* alpha_i^2 with the sign of alpha_i */
  guint iterations;
  guint64 g_evaluations; /* points evaluated (each gives G and its gradient) */
  const char *gradient;  /* "automatic differentiation" */
} PsFormResult;

typedef struct _PsForm PsForm;

/* The rounds' kernel: g (and, when @grad is not NULL, its gradient in x) at points
 * [begin, end) of @x (n_vars values each), into the same slots of @g and @grad.
 * @workspace holds ps_rel_points_workspace_size() doubles. Deterministic per item. */
gsize ps_rel_points_workspace_size (const PsRelProblem *p);
void ps_rel_points_eval (const PsRelProblem *p, const double *x, guint64 begin, guint64 end,
                         double *g, double *grad, double *workspace);
/* A whole batch, cut into @n_pieces chunks evaluated one after the other (what a
 * backend does in parallel): for tests and for the serial path. */
void ps_rel_points_eval_pieces (const PsRelProblem *p, const double *x, guint64 n_points, double *g,
                                double *grad, guint n_pieces);

PsForm *ps_form_new (const PsRelProblem *p, const PsFormOptions *o);
void ps_form_free (PsForm *f);
/* The points of the next round in x (borrowed, n_vars each) and their number; 0 when
 * FORM has finished. Every point needs g and its gradient. */
guint ps_form_next (PsForm *f, const double **x);
/* The merged g and gradients (in x) of the round's points. */
void ps_form_update (PsForm *f, const double *g, const double *grad_x);
const PsFormResult *ps_form_get_result (const PsForm *f);
/* The accepted iterate so far: the iterations, its beta (alpha . u) and G, for a
 * convergence history. */
void ps_form_get_iterate (const PsForm *f, guint *iterations, double *beta, double *g);

/* FORM to the end, each round in @n_pieces chunks. */
PsForm *ps_form_run (const PsRelProblem *p, const PsFormOptions *o, guint n_pieces);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsForm, ps_form_free)

G_END_DECLS
