#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>

#include <float.h>
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <string.h>

#include "ps-expr-ad.h"
#include "ps-form.h"

/* ---- the rounds' kernel ------------------------------------------------------------ */

gsize
ps_rel_points_workspace_size (const PsRelProblem *p)
{
  return MAX (ps_expr_grad_workspace_size (p->expr), ps_expr_get_stack_depth (p->expr)) + 1;
}

void
ps_rel_points_eval (const PsRelProblem *p, const double *x, guint64 begin, guint64 end, double *g,
                    double *grad, double *workspace)
{
  guint n = p->n_vars;

  for (guint64 i = begin; i < end; i++)
    {
      if (grad != NULL)
        g[i] = ps_expr_eval_grad (p->expr, x + i * n, grad + i * n, workspace);
      else
        g[i] = ps_expr_eval (p->expr, x + i * n);
    }
}

void
ps_rel_points_eval_pieces (const PsRelProblem *p, const double *x, guint64 n_points, double *g,
                           double *grad, guint n_pieces)
{
  g_autofree double *ws = g_new (double, ps_rel_points_workspace_size (p));

  n_pieces = MAX (n_pieces, 1);
  for (guint k = 0; k < n_pieces; k++)
    ps_rel_points_eval (p, x, n_points * k / n_pieces, n_points * (k + 1) / n_pieces, g, grad, ws);
}

/* ---- FORM ----------------------------------------------------------------------------- */

typedef enum
{
  STATE_START, /* the start point is being evaluated */
  STATE_STEP,  /* a full HLRF step, or a line-search trial, is being evaluated */
  STATE_DONE,
} State;

struct _PsForm
{
  const PsRelProblem *p;
  PsFormOptions o;
  State state;
  guint n;
  double g0;
  /* the current iterate */
  double *u, *x, *dxdz, g, *grad_u, *grad_x;
  /* the direction and the trial */
  double *d, lambda, c, slope;
  guint trials;
  double *ut, *xt, *dxdzt;
  PsFormResult r;
};

void
ps_form_options_init (PsFormOptions *o)
{
  *o = (PsFormOptions){ PS_FORM_IHLRF, 1e-6, 100, NULL };
}

static double
dot (const double *a, const double *b, guint n)
{
  double s = 0.0;

  for (guint i = 0; i < n; i++)
    s += a[i] * b[i];
  return s;
}

PsForm *
ps_form_new (const PsRelProblem *p, const PsFormOptions *o)
{
  PsForm *f = g_new0 (PsForm, 1);
  guint n = p->n_vars;
  g_autofree double *x0 = g_new (double, n);

  f->p = p;
  f->o = *o;
  f->n = n;
  f->u = g_new0 (double, n);
  f->x = g_new0 (double, n);
  f->dxdz = g_new0 (double, n);
  f->grad_u = g_new0 (double, n);
  f->grad_x = g_new0 (double, n);
  f->d = g_new0 (double, n);
  f->ut = g_new0 (double, n);
  f->xt = g_new0 (double, n);
  f->dxdzt = g_new0 (double, n);
  f->r.u = g_new0 (double, n);
  f->r.x = g_new0 (double, n);
  f->r.grad_u = g_new0 (double, n);
  f->r.alpha = g_new0 (double, n);
  f->r.importance = g_new0 (double, n);
  f->r.gradient = "automatic differentiation";
  f->r.beta = f->r.pf = f->r.g = NAN;

  for (guint i = 0; i < n; i++)
    x0[i] = o->start_x != NULL ? o->start_x[i] : ps_dist_mean (&p->dists[i]);
  ps_rel_x_to_u (p, x0, f->ut);
  for (guint i = 0; i < n; i++)
    if (!isfinite (f->ut[i]))
      f->ut[i] = 0.0; /* a start outside the support: the median instead */
  ps_rel_u_to_x_host (p, f->ut, f->xt, f->dxdzt);
  f->state = STATE_START;
  return f;
}

void
ps_form_free (PsForm *f)
{
  if (f == NULL)
    return;
  g_free (f->u);
  g_free (f->x);
  g_free (f->dxdz);
  g_free (f->grad_u);
  g_free (f->grad_x);
  g_free (f->d);
  g_free (f->ut);
  g_free (f->xt);
  g_free (f->dxdzt);
  g_free (f->r.u);
  g_free (f->r.x);
  g_free (f->r.grad_u);
  g_free (f->r.alpha);
  g_free (f->r.importance);
  g_free (f);
}

guint
ps_form_next (PsForm *f, const double **x)
{
  if (f->state == STATE_DONE)
    {
      *x = NULL;
      return 0;
    }
  *x = f->xt;
  return 1;
}

/* Fills the result from the current iterate. */
static void
finish (PsForm *f, gboolean converged, const char *reason)
{
  guint n = f->n;
  double norm = sqrt (dot (f->grad_u, f->grad_u, n));

  f->state = STATE_DONE;
  f->r.converged = converged;
  f->r.reason = reason;
  f->r.g = f->g;
  memcpy (f->r.u, f->u, n * sizeof (double));
  memcpy (f->r.x, f->x, n * sizeof (double));
  memcpy (f->r.grad_u, f->grad_u, n * sizeof (double));
  for (guint i = 0; i < n; i++)
    {
      f->r.alpha[i] = norm > 0 ? -f->grad_u[i] / norm : NAN;
      f->r.importance[i] = copysign (f->r.alpha[i] * f->r.alpha[i], f->r.alpha[i]);
    }
  f->r.beta = dot (f->r.alpha, f->u, n);
  f->r.pf = gsl_cdf_ugaussian_P (-f->r.beta);
}

/* Takes the evaluated trial as the current iterate. */
static void
accept_trial (PsForm *f, double g, const double *grad_x)
{
  guint n = f->n;

  memcpy (f->u, f->ut, n * sizeof (double));
  memcpy (f->x, f->xt, n * sizeof (double));
  memcpy (f->dxdz, f->dxdzt, n * sizeof (double));
  memcpy (f->grad_x, grad_x, n * sizeof (double));
  f->g = g;
  ps_rel_grad_x_to_u (f->p, f->dxdz, f->grad_x, f->grad_u);
}

static void
set_trial (PsForm *f)
{
  for (guint i = 0; i < f->n; i++)
    f->ut[i] = f->u[i] + f->lambda * f->d[i];
  ps_rel_u_to_x_host (f->p, f->ut, f->xt, f->dxdzt);
}

/* At an accepted iterate: converged, or the next direction and its first trial. */
static void
iterate (PsForm *f)
{
  guint n = f->n;
  double gg = dot (f->grad_u, f->grad_u, n), norm = sqrt (gg);
  double e1, e2 = 0.0, au;

  if (!isfinite (f->g))
    {
      finish (f, FALSE, N_ ("g is not a number at the iterate"));
      return;
    }
  if (!(norm > 0.0) || !isfinite (norm))
    {
      finish (f, FALSE, N_ ("the gradient of g is zero or not finite at the iterate"));
      return;
    }
  /* alpha . u, then the part of u off the line of alpha */
  au = -dot (f->grad_u, f->u, n) / norm;
  for (guint i = 0; i < n; i++)
    {
      double r = f->u[i] + au * f->grad_u[i] / norm;
      e2 += r * r;
    }
  e2 = sqrt (e2);
  e1 = f->g0 != 0.0 ? fabs (f->g / f->g0) : fabs (f->g);
  if (e1 <= f->o.tolerance && e2 <= f->o.tolerance)
    {
      finish (f, TRUE, NULL);
      return;
    }
  if (f->r.iterations >= f->o.max_iterations)
    {
      finish (f, FALSE, N_ ("max_iterations reached"));
      return;
    }

  double k = (dot (f->grad_u, f->u, n) - f->g) / gg;
  for (guint i = 0; i < n; i++)
    f->d[i] = k * f->grad_u[i] - f->u[i];
  f->lambda = 1.0;
  f->trials = 0;
  if (f->o.algorithm == PS_FORM_IHLRF)
    {
      double sg = f->g > 0 ? 1.0 : (f->g < 0 ? -1.0 : 0.0);

      f->c = MAX (f->c, 2.0 * sqrt (dot (f->u, f->u, n)) / norm + 10.0);
      /* grad m . d, grad m = u + c sign(G) grad G */
      f->slope = dot (f->u, f->d, n) + f->c * sg * dot (f->grad_u, f->d, n);
    }
  set_trial (f);
  f->state = STATE_STEP;
}

void
ps_form_update (PsForm *f, const double *g, const double *grad_x)
{
  g_return_if_fail (f->state != STATE_DONE);

  f->r.g_evaluations++;
  if (f->state == STATE_START)
    {
      accept_trial (f, g[0], grad_x);
      f->g0 = g[0];
      iterate (f);
      return;
    }

  if (f->o.algorithm == PS_FORM_IHLRF)
    {
      /* m(u + lambda d) - m(u), its quadratic part written as lambda d . (u + lambda d/2)
       * so that it does not cancel: near the design point the decrease is of the order
       * of |d|^2, far below the rounding of m itself, and the search would stall with
       * |d| about sqrt(epsilon). */
      double dm = 0.0;

      for (guint i = 0; i < f->n; i++)
        dm += f->d[i] * (f->u[i] + 0.5 * f->lambda * f->d[i]);
      dm = f->lambda * dm + f->c * (fabs (g[0]) - fabs (f->g));
      /* G itself is known only to its rounding, some ulps of the size of its terms
       * (|G(u0)| stands for it): a change of c |G| within that is no evidence
       * against the step. Without this slack the search fails at |u - (alpha . u)
       * alpha| of about 1e-8, where the decrease left is below G's noise. */
      double noise = 64.0 * DBL_EPSILON * f->c * MAX (fabs (f->g0), fabs (f->g));
      if (!(isfinite (g[0]) && dm <= 0.5 * f->lambda * f->slope + noise))
        {
          if (++f->trials >= 40)
            {
              finish (f, FALSE,
                      N_ ("the line search found no step that decreases the merit function"));
              return;
            }
          f->lambda *= 0.5;
          set_trial (f);
          return;
        }
    }
  accept_trial (f, g[0], grad_x);
  f->r.iterations++;
  iterate (f);
}

void
ps_form_get_iterate (const PsForm *f, guint *iterations, double *beta, double *g)
{
  double norm = sqrt (dot (f->grad_u, f->grad_u, f->n));

  *iterations = f->r.iterations;
  *beta = norm > 0 ? -dot (f->grad_u, f->u, f->n) / norm : NAN;
  *g = f->g;
}

const PsFormResult *
ps_form_get_result (const PsForm *f)
{
  return &f->r;
}

PsForm *
ps_form_run (const PsRelProblem *p, const PsFormOptions *o, guint n_pieces)
{
  PsForm *f = ps_form_new (p, o);
  g_autofree double *g = g_new (double, 1);
  g_autofree double *grad = g_new (double, p->n_vars);
  const double *x;
  guint m;

  while ((m = ps_form_next (f, &x)) > 0)
    {
      g = g_renew (double, g, m);
      grad = g_renew (double, grad, (gsize)m * p->n_vars);
      ps_rel_points_eval_pieces (p, x, m, g, grad, n_pieces);
      ps_form_update (f, g, grad);
    }
  return f;
}
