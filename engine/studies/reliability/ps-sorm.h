/* ps-sorm.h: the second-order reliability method at FORM's design point.
 *
 * The Hessian of G in standard space is the central difference of exact gradients
 * (automatic differentiation, ps-expr-ad.h) at u* +- h e_j, h = 1e-4 by default: one
 * round of 2n points, evaluated as items like FORM's. With R an orthonormal rotation
 * whose last row is alpha, the principal curvatures kappa_i are the eigenvalues of
 * the leading (n-1) x (n-1) block of R H R^T / |grad G| (Der Kiureghian, "First- and
 * second-order reliability methods", Engineering Design Reliability Handbook, CRC
 * 2005, ch. 14, eq. 14.33); positive kappa curves the surface away from the origin.
 *   Breitung (J. Eng. Mech. 110 (1984)):  Pf = Phi(-beta) prod (1 + beta kappa_i)^-1/2
 *   Hohenbichler and Rackwitz (J. Eng. Mech. 114 (1988)):
 *                       Pf = Phi(-beta) prod (1 + psi kappa_i)^-1/2, psi = phi(beta)/Phi(-beta)
 *   Tvedt (J. Eng. Mech. 116 (1990)), the three-term formula:
 *       A1 = Phi(-beta) prod (1 + beta kappa_i)^-1/2
 *       A2 = [beta Phi(-beta) - phi(beta)] [prod (1 + beta k)^-1/2 - prod (1 + (beta + 1) k)^-1/2]
 *       A3 = (beta + 1) [beta Phi(-beta) - phi(beta)]
 *            [prod (1 + beta k)^-1/2 - Re prod (1 + (beta + i) k)^-1/2]
 *       Pf = A1 + A2 + A3
 * A formula that does not apply (1 + beta kappa <= 0) gives NaN and says why.
 */
#pragma once

#include "ps-form.h"

G_BEGIN_DECLS

typedef struct
{
  guint n_curvatures;
  double *kappa;                        /* ascending */
  double breitung, hohenbichler, tvedt; /* Pf */
  const char *reason;                   /* why a formula gave NaN (untranslated), else NULL */
  guint64 g_evaluations;
  double step;
} PsSormResult;

typedef struct _PsSorm PsSorm;

/* @form must have converged. @step <= 0 takes 1e-4. */
PsSorm *ps_sorm_new (const PsRelProblem *p, const PsFormResult *form, double step);
void ps_sorm_free (PsSorm *s);
/* The round's 2n points (borrowed), each needing g and its gradient; 0 once done. */
guint ps_sorm_next (PsSorm *s, const double **x);
void ps_sorm_update (PsSorm *s, const double *g, const double *grad_x);
const PsSormResult *ps_sorm_get_result (const PsSorm *s);
PsSorm *ps_sorm_run (const PsRelProblem *p, const PsFormResult *form, double step, guint n_pieces);

/* The three formulas for given beta and curvatures. */
void ps_sorm_formulas (double beta, const double *kappa, guint n, PsSormResult *r);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsSorm, ps_sorm_free)

G_END_DECLS
