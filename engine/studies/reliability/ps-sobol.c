#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <gsl/gsl_sort.h>
#include <math.h>
#include <string.h>

#include "ps-rel-math.h"
#include "ps-sobol.h"

guint
ps_sobol_row_width (const PsRelProblem *p)
{
  return p->n_vars + 2;
}

gsize
ps_sobol_workspace_size (const PsRelProblem *p)
{
  return 3 * (gsize)p->n_vars + 1;
}

void
ps_sobol_eval_row (const PsRelProblem *p, const PsSobolOptions *o, guint64 j, double *out,
                   double *ws)
{
  guint n = p->n_vars;
  double *a = ws, *b = ws + n, *x = ws + 2 * n;

  for (guint k = 0; k < n; k++)
    {
      a[k] = ps_dist_from_normal (&p->dists[k],
                                  ps_rel_normal (o->seed, p->var_keys[k], PS_REL_TAG_SOBOL_A, j));
      b[k] = ps_dist_from_normal (&p->dists[k],
                                  ps_rel_normal (o->seed, p->var_keys[k], PS_REL_TAG_SOBOL_B, j));
    }
  out[0] = ps_expr_eval (p->expr, a);
  out[1] = ps_expr_eval (p->expr, b);
  for (guint i = 0; i < n; i++)
    {
      memcpy (x, a, n * sizeof (double));
      x[i] = b[i];
      out[2 + i] = ps_expr_eval (p->expr, x);
    }
}

void
ps_sobol_eval (const PsRelProblem *p, const PsSobolOptions *o, guint64 begin, guint64 end,
               double *values, double *ws)
{
  guint w = p->n_vars + 2;

  for (guint64 j = begin; j < end; j++)
    ps_sobol_eval_row (p, o, j, values + j * w, ws);
}

/* S_i and ST_i of all variables over the rows rows[0 .. m-1]. */
static double
indices (const double *values, guint n, const guint64 *rows, guint64 m, double *first,
         double *total)
{
  guint w = n + 2;
  double mean = 0.0, var = 0.0;

  for (guint64 r = 0; r < m; r++)
    mean += values[rows[r] * w] + values[rows[r] * w + 1];
  mean /= 2.0 * (double)m;
  for (guint64 r = 0; r < m; r++)
    {
      double da = values[rows[r] * w] - mean, db = values[rows[r] * w + 1] - mean;
      var += da * da + db * db;
    }
  var /= 2.0 * (double)m - 1.0;
  for (guint i = 0; i < n; i++)
    {
      double s1 = 0.0, st = 0.0;

      for (guint64 r = 0; r < m; r++)
        {
          const double *v = values + rows[r] * w;
          double d = v[0] - v[2 + i];

          s1 += v[1] * (v[2 + i] - v[0]);
          st += d * d;
        }
      first[i] = s1 / (double)m / var;
      total[i] = st / (2.0 * (double)m) / var;
    }
  return var;
}

PsSobolResult *
ps_sobol_estimate (const PsRelProblem *p, const PsSobolOptions *o, const double *values)
{
  guint n = p->n_vars, w = n + 2;
  guint nb = o->bootstrap > 0 ? o->bootstrap : 500;
  guint64 N = o->samples, m = 0;
  PsSobolResult *r = g_new0 (PsSobolResult, 1);
  g_autofree guint64 *valid = g_new (guint64, N + 1);
  g_autofree guint64 *rows = g_new (guint64, N + 1);
  g_autofree double *first = g_new (double, n);
  g_autofree double *total = g_new (double, n);
  g_autofree double *bf = g_new (double, (gsize)nb *n);
  g_autofree double *bt = g_new (double, (gsize)nb *n);
  g_autofree double *col = g_new (double, nb);

  r->n_vars = n;
  r->index = g_new0 (PsSobolIndex, n);
  r->g_evaluations = N * w;
  for (guint64 j = 0; j < N; j++)
    {
      gboolean ok = TRUE;

      for (guint c = 0; c < w; c++)
        ok = ok && isfinite (values[j * w + c]);
      if (ok)
        valid[m++] = j;
    }
  r->nan_rows = N - m;
  if (m < 2)
    {
      for (guint i = 0; i < n; i++)
        r->index[i] = (PsSobolIndex){ NAN, NAN, NAN, NAN, NAN, NAN };
      r->variance = NAN;
      return r;
    }
  r->variance = indices (values, n, valid, m, first, total);
  for (guint b = 0; b < nb; b++)
    {
      for (guint64 k = 0; k < m; k++)
        {
          guint64 idx = (guint64)(ps_rel_uniform (o->seed, b, PS_REL_TAG_BOOT, k) * (double)m);
          rows[k] = valid[MIN (idx, m - 1)];
        }
      indices (values, n, rows, m, bf + (gsize)b * n, bt + (gsize)b * n);
    }
  for (guint i = 0; i < n; i++)
    {
      PsSobolIndex *x = &r->index[i];
      gsize lo = (gsize)floor (0.025 * nb), hi = MIN ((gsize)ceil (0.975 * nb), nb) - 1;

      x->first = first[i];
      x->total = total[i];
      for (guint b = 0; b < nb; b++)
        col[b] = bf[(gsize)b * n + i];
      gsl_sort (col, 1, nb);
      x->first_low = col[lo];
      x->first_high = col[hi];
      for (guint b = 0; b < nb; b++)
        col[b] = bt[(gsize)b * n + i];
      gsl_sort (col, 1, nb);
      x->total_low = col[lo];
      x->total_high = col[hi];
    }
  return r;
}

void
ps_sobol_result_free (PsSobolResult *r)
{
  if (r == NULL)
    return;
  g_free (r->index);
  g_free (r);
}

PsSobolResult *
ps_sobol_run (const PsRelProblem *p, const PsSobolOptions *o, guint n_pieces, double **values_out)
{
  guint64 N = o->samples;
  double *values = g_new (double, N *ps_sobol_row_width (p) + 1);
  g_autofree double *ws = g_new (double, ps_sobol_workspace_size (p));
  PsSobolResult *r;

  n_pieces = MAX (n_pieces, 1);
  for (guint k = 0; k < n_pieces; k++)
    ps_sobol_eval (p, o, N * k / n_pieces, N * (k + 1) / n_pieces, values, ws);
  r = ps_sobol_estimate (p, o, values);
  if (values_out != NULL)
    *values_out = values;
  else
    g_free (values);
  return r;
}
