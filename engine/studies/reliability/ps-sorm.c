#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>

#include <complex.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sort.h>
#include <math.h>
#include <string.h>

#include "ps-sorm.h"

struct _PsSorm
{
  const PsRelProblem *p;
  const PsFormResult *form;
  guint n;
  gboolean done;
  double *u, *x, *dxdz; /* 2n points: u* + h e_j at 2j, u* - h e_j at 2j + 1 */
  PsSormResult r;
};

PsSorm *
ps_sorm_new (const PsRelProblem *p, const PsFormResult *form, double step)
{
  PsSorm *s = g_new0 (PsSorm, 1);
  guint n = p->n_vars;

  s->p = p;
  s->form = form;
  s->n = n;
  s->r.step = step > 0 ? step : 1e-4;
  s->r.breitung = s->r.hohenbichler = s->r.tvedt = NAN;
  s->u = g_new (double, 2 * (gsize)n * n);
  s->x = g_new (double, 2 * (gsize)n * n);
  s->dxdz = g_new (double, 2 * (gsize)n * n);
  for (guint j = 0; j < 2 * n; j++)
    {
      double *u = s->u + (gsize)j * n;

      memcpy (u, form->u, n * sizeof (double));
      u[j / 2] += (j % 2 == 0 ? 1.0 : -1.0) * s->r.step;
      ps_rel_u_to_x_host (p, u, s->x + (gsize)j * n, s->dxdz + (gsize)j * n);
    }
  return s;
}

void
ps_sorm_free (PsSorm *s)
{
  if (s == NULL)
    return;
  g_free (s->u);
  g_free (s->x);
  g_free (s->dxdz);
  g_free (s->r.kappa);
  g_free (s);
}

guint
ps_sorm_next (PsSorm *s, const double **x)
{
  *x = s->done ? NULL : s->x;
  return s->done ? 0 : 2 * s->n;
}

void
ps_sorm_formulas (double beta, const double *kappa, guint n, PsSormResult *r)
{
  double phi = gsl_ran_ugaussian_pdf (beta), Phi = gsl_cdf_ugaussian_P (-beta);
  double psi = phi / Phi;
  double p_b = 1.0, p_b1 = 1.0, p_h = 1.0;
  double complex p_i = 1.0;
  gboolean ok_b = TRUE, ok_h = TRUE;

  r->reason = NULL;
  for (guint i = 0; i < n; i++)
    {
      double k = kappa[i];

      if (!(1.0 + beta * k > 0.0) || !(1.0 + (beta + 1.0) * k > 0.0))
        ok_b = FALSE;
      else
        {
          p_b /= sqrt (1.0 + beta * k);
          p_b1 /= sqrt (1.0 + (beta + 1.0) * k);
        }
      if (!(1.0 + psi * k > 0.0))
        ok_h = FALSE;
      else
        p_h /= sqrt (1.0 + psi * k);
      p_i /= csqrt (1.0 + (beta + I) * k);
    }
  r->breitung = ok_b ? Phi * p_b : NAN;
  r->hohenbichler = ok_h ? Phi * p_h : NAN;
  if (ok_b)
    {
      double c = beta * Phi - phi;
      r->tvedt = Phi * p_b + c * (p_b - p_b1) + (beta + 1.0) * c * (p_b - creal (p_i));
    }
  else
    r->tvedt = NAN;
  if (!ok_b)
    r->reason = N_ ("a curvature makes 1 + beta kappa <= 0: Breitung's and Tvedt's formulas do "
                    "not apply");
  else if (!ok_h)
    r->reason = N_ ("a curvature makes 1 + psi(beta) kappa <= 0: Hohenbichler and Rackwitz's "
                    "formula does not apply");
}

void
ps_sorm_update (PsSorm *s, const double *g, const double *grad_x)
{
  guint n = s->n, m = n - 1;
  const double *alpha = s->form->alpha;
  double h = s->r.step, gnorm = 0.0;
  g_autofree double *hess = g_new0 (double, (gsize)n *n);
  g_autofree double *gu = g_new (double, 2 * (gsize)n * n);
  g_autofree double *rot = g_new0 (double, (gsize)n *n);
  g_autofree double *a = g_new0 (double, (gsize)n *n);
  guint drop = 0;

  (void)g;
  s->done = TRUE;
  s->r.g_evaluations = 2 * n;
  for (guint j = 0; j < 2 * n; j++)
    ps_rel_grad_x_to_u (s->p, s->dxdz + (gsize)j * n, grad_x + (gsize)j * n, gu + (gsize)j * n);
  /* column j: (grad(u + h e_j) - grad(u - h e_j)) / 2h; then symmetric */
  for (guint j = 0; j < n; j++)
    for (guint i = 0; i < n; i++)
      hess[i * n + j] = (gu[(2 * j) * n + i] - gu[(2 * j + 1) * n + i]) / (2.0 * h);
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < i; j++)
      hess[i * n + j] = hess[j * n + i] = 0.5 * (hess[i * n + j] + hess[j * n + i]);
  for (guint i = 0; i < n; i++)
    gnorm += s->form->grad_u[i] * s->form->grad_u[i];
  gnorm = sqrt (gnorm);

  /* R: rows e_i (without the axis most aligned with alpha), then alpha last,
   * orthonormalised by Gram-Schmidt from the last row up. */
  for (guint i = 1; i < n; i++)
    if (fabs (alpha[i]) > fabs (alpha[drop]))
      drop = i;
  for (guint r = 0, e = 0; r < m; r++, e++)
    {
      if (e == drop)
        e++;
      rot[r * n + e] = 1.0;
    }
  memcpy (rot + (gsize)m * n, alpha, n * sizeof (double));
  for (int r = (int)n - 1; r >= 0; r--)
    {
      double *v = rot + (gsize)r * n, norm = 0.0;

      for (guint q = (guint)r + 1; q < n; q++)
        {
          const double *w = rot + (gsize)q * n;
          double pr = 0.0;

          for (guint i = 0; i < n; i++)
            pr += v[i] * w[i];
          for (guint i = 0; i < n; i++)
            v[i] -= pr * w[i];
        }
      for (guint i = 0; i < n; i++)
        norm += v[i] * v[i];
      norm = sqrt (norm);
      for (guint i = 0; i < n; i++)
        v[i] /= norm;
    }
  /* a = R H R^T / |grad G|, leading m x m block */
  for (guint i = 0; i < m; i++)
    for (guint j = 0; j < m; j++)
      {
        double sum = 0.0;

        for (guint k = 0; k < n; k++)
          for (guint l = 0; l < n; l++)
            sum += rot[i * n + k] * hess[k * n + l] * rot[j * n + l];
        a[i * m + j] = sum / gnorm;
      }

  s->r.n_curvatures = m;
  s->r.kappa = g_new0 (double, MAX (m, 1));
  if (m > 0)
    {
      gsl_matrix_view av = gsl_matrix_view_array (a, m, m);
      gsl_vector_view ev = gsl_vector_view_array (s->r.kappa, m);
      gsl_eigen_symm_workspace *w = gsl_eigen_symm_alloc (m);

      gsl_eigen_symm (&av.matrix, &ev.vector, w);
      gsl_eigen_symm_free (w);
      gsl_sort (s->r.kappa, 1, m);
    }
  ps_sorm_formulas (s->form->beta, s->r.kappa, m, &s->r);
}

const PsSormResult *
ps_sorm_get_result (const PsSorm *s)
{
  return &s->r;
}

PsSorm *
ps_sorm_run (const PsRelProblem *p, const PsFormResult *form, double step, guint n_pieces)
{
  PsSorm *s = ps_sorm_new (p, form, step);
  const double *x;
  guint m = ps_sorm_next (s, &x);
  g_autofree double *g = g_new (double, m);
  g_autofree double *grad = g_new (double, (gsize)m * p->n_vars);

  ps_rel_points_eval_pieces (p, x, m, g, grad, n_pieces);
  ps_sorm_update (s, g, grad);
  return s;
}
