#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_roots.h>
#include <math.h>
#include <string.h>

#include "ps-error.h"
#include "ps-nataf.h"
#include "ps-rel-math.h"
#include "study/ps-json.h"

/* Gauss-Hermite nodes for the Nataf integral: exact for polynomials of degree 127 in
 * each normal variable, and enough for the skewed marginals of structural reliability
 * (tests/test-relmethods.c checks lognormal pairs against the closed form). */
#define NATAF_NODES 64

PsNataf *
ps_nataf_new_independent (guint n)
{
  PsNataf *nataf = g_new0 (PsNataf, 1);

  nataf->n = n;
  nataf->rho0 = g_new0 (double, (gsize)n *n + 1);
  for (guint i = 0; i < n; i++)
    nataf->rho0[i * n + i] = 1.0;
  return nataf;
}

void
ps_nataf_free (PsNataf *nataf)
{
  if (nataf == NULL)
    return;
  g_free (nataf->rho0);
  g_free (nataf->chol);
  g_free (nataf);
}

/* ---- the Nataf integral ---------------------------------------------------------- */

typedef struct
{
  const PsDist *a, *b;
  double ma, sa, mb, sb;
  double z[NATAF_NODES], w[NATAF_NODES]; /* standard normal nodes and weights */
  double xa[NATAF_NODES];                /* (X_A - m_A) / s_A at the nodes */
  double target;
} NatafIntegral;

static void
nataf_integral_init (NatafIntegral *ni, const PsDist *a, const PsDist *b)
{
  gsl_integration_fixed_workspace *gh = gsl_integration_fixed_alloc (
      gsl_integration_fixed_hermite, NATAF_NODES, 0.0, 1.0, 0.0, 0.0);
  const double *nodes = gsl_integration_fixed_nodes (gh);
  const double *weights = gsl_integration_fixed_weights (gh);

  ni->a = a;
  ni->b = b;
  ni->ma = ps_dist_mean (a);
  ni->sa = ps_dist_sd (a);
  ni->mb = ps_dist_mean (b);
  ni->sb = ps_dist_sd (b);
  /* Hermite weight exp(-t^2): E[f(Z)] = sum w_i f(sqrt 2 t_i) / sqrt(pi). */
  for (guint i = 0; i < NATAF_NODES; i++)
    {
      ni->z[i] = M_SQRT2 * nodes[i];
      ni->w[i] = weights[i] / sqrt (G_PI);
      ni->xa[i] = (ps_dist_from_normal (a, ni->z[i]) - ni->ma) / ni->sa;
    }
  gsl_integration_fixed_free (gh);
}

static double
nataf_integral (const NatafIntegral *ni, double rho0)
{
  double c = sqrt (MAX (0.0, 1.0 - rho0 * rho0)), sum = 0.0;

  for (guint i = 0; i < NATAF_NODES; i++)
    {
      double inner = 0.0;

      for (guint j = 0; j < NATAF_NODES; j++)
        {
          double zb = rho0 * ni->z[i] + c * ni->z[j];
          inner += ni->w[j] * (ps_dist_from_normal (ni->b, zb) - ni->mb);
        }
      sum += ni->w[i] * ni->xa[i] * inner;
    }
  return sum / ni->sb;
}

double
ps_nataf_pearson_of_normal (const PsDist *a, const PsDist *b, double rho0)
{
  NatafIntegral ni;

  if (a->kind == PS_DIST_NORMAL && b->kind == PS_DIST_NORMAL)
    return rho0;
  nataf_integral_init (&ni, a, b);
  return nataf_integral (&ni, rho0);
}

static double
nataf_residual (double rho0, void *data)
{
  const NatafIntegral *ni = data;

  return nataf_integral (ni, rho0) - ni->target;
}

gboolean
ps_nataf_normal_of_pearson (const PsDist *a, const PsDist *b, double rho, double *rho0,
                            char **error_message)
{
  NatafIntegral ni;
  double lo = -1.0, hi = 1.0, flo, fhi;

  if (a->kind == PS_DIST_NORMAL && b->kind == PS_DIST_NORMAL)
    {
      *rho0 = rho;
      return TRUE;
    }
  if (!isfinite (ps_dist_sd (a)) || !isfinite (ps_dist_sd (b)))
    {
      *error_message = g_strdup (_ ("a Pearson correlation needs variables with a finite "
                                    "variance (give a normal-copula or spearman correlation)"));
      return FALSE;
    }
  nataf_integral_init (&ni, a, b);
  ni.target = rho;
  if (rho == 0.0)
    {
      *rho0 = 0.0;
      return TRUE;
    }
  flo = nataf_residual (lo, &ni);
  fhi = nataf_residual (hi, &ni);
  if (!(flo <= 0.0 && fhi >= 0.0))
    {
      *error_message = g_strdup_printf (_ ("a Pearson correlation of %g is outside the range "
                                           "[%.4f, %.4f] that these two marginals can have"),
                                        rho, flo + rho, fhi + rho);
      return FALSE;
    }

  gsl_root_fsolver *s = gsl_root_fsolver_alloc (gsl_root_fsolver_brent);
  gsl_function f = { nataf_residual, &ni };
  gsl_root_fsolver_set (s, &f, lo, hi);
  for (int it = 0; it < 200; it++)
    {
      gsl_root_fsolver_iterate (s);
      lo = gsl_root_fsolver_x_lower (s);
      hi = gsl_root_fsolver_x_upper (s);
      if (hi - lo < 1e-14)
        break;
    }
  *rho0 = gsl_root_fsolver_root (s);
  gsl_root_fsolver_free (s);
  return TRUE;
}

/* ---- the correlation list ---------------------------------------------------------- */

static int
var_index (const char *name, guint n_vars, const char *const *var_names)
{
  for (guint i = 0; i < n_vars; i++)
    if (g_str_equal (var_names[i], name))
      return (int)i;
  return -1;
}

gboolean
ps_nataf_parse_pairs (JsonNode *node, const char *path, guint n_vars, const char *const *var_names,
                      PsCorrPair **pairs_out, guint *n_pairs_out, GError **error)
{
  static const char *const keys[] = { "between", "rho", "type", NULL };
  g_autofree PsCorrPair *pairs = NULL;
  JsonArray *list;
  guint n;

  *pairs_out = NULL;
  *n_pairs_out = 0;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      ps_json_set_error (error, path,
                         _ ("expected a list of pairs such as [{\"between\": [\"A\", \"B\"], "
                            "\"rho\": 0.3}], got %s"),
                         ps_json_type_name (node));
      return FALSE;
    }
  list = json_node_get_array (node);
  n = json_array_get_length (list);
  pairs = g_new0 (PsCorrPair, MAX (n, 1));
  for (guint k = 0; k < n; k++)
    {
      JsonNode *item = json_array_get_element (list, k);
      g_autofree char *ipath = g_strdup_printf ("%s[%u]", path, k);
      g_autofree char *bpath = ps_json_path (ipath, "between");
      JsonObject *obj;
      JsonNode *between;
      JsonArray *names;
      const char *type = NULL;
      int idx[2];

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          ps_json_set_error (error, ipath, _ ("expected an object, got %s"),
                             ps_json_type_name (item));
          return FALSE;
        }
      obj = json_node_get_object (item);
      if (!ps_json_check_keys (obj, ipath, keys, error))
        return FALSE;
      between = json_object_get_member (obj, "between");
      if (between == NULL || !JSON_NODE_HOLDS_ARRAY (between)
          || json_array_get_length (names = json_node_get_array (between)) != 2)
        {
          ps_json_set_error (error, bpath,
                             _ ("expected the names of two variables, such as [\"MG\", \"MQ\"]"));
          return FALSE;
        }
      for (guint e = 0; e < 2; e++)
        {
          JsonNode *nn = json_array_get_element (names, e);
          g_autofree char *epath = g_strdup_printf ("%s[%u]", bpath, e);

          if (!JSON_NODE_HOLDS_VALUE (nn) || json_node_get_value_type (nn) != G_TYPE_STRING)
            {
              ps_json_set_error (error, epath, _ ("expected a variable's name, got %s"),
                                 ps_json_type_name (nn));
              return FALSE;
            }
          idx[e] = var_index (json_node_get_string (nn), n_vars, var_names);
          if (idx[e] < 0)
            {
              ps_json_set_error (error, epath, _ ("\"%s\" is not a random variable"),
                                 json_node_get_string (nn));
              return FALSE;
            }
        }
      if (idx[0] == idx[1])
        {
          ps_json_set_error (error, bpath, _ ("a variable is not correlated with itself"));
          return FALSE;
        }
      for (guint j = 0; j < k; j++)
        if ((pairs[j].a == (guint)idx[0] && pairs[j].b == (guint)idx[1])
            || (pairs[j].a == (guint)idx[1] && pairs[j].b == (guint)idx[0]))
          {
            ps_json_set_error (error, bpath, _ ("the pair %s, %s is given twice (also %s[%u])"),
                               var_names[idx[0]], var_names[idx[1]], path, j);
            return FALSE;
          }
      pairs[k].a = (guint)idx[0];
      pairs[k].b = (guint)idx[1];
      if (!ps_json_get_quantity (obj, ipath, "rho", TRUE, PS_QTY_DIMENSIONLESS, PS_CHECK_FINITE,
                                 &pairs[k].rho, error))
        return FALSE;
      if (!(fabs (pairs[k].rho) < 1.0))
        {
          g_autofree char *rpath = ps_json_path (ipath, "rho");
          ps_json_set_error (error, rpath, _ ("must lie strictly between -1 and 1 (got %g)"),
                             pairs[k].rho);
          return FALSE;
        }
      if (!ps_json_get_string (obj, ipath, "type", FALSE, &type, error))
        return FALSE;
      if (type == NULL || g_str_equal (type, "normal-copula"))
        pairs[k].type = PS_CORR_NORMAL_COPULA;
      else if (g_str_equal (type, "spearman"))
        pairs[k].type = PS_CORR_SPEARMAN;
      else if (g_str_equal (type, "pearson"))
        pairs[k].type = PS_CORR_PEARSON;
      else
        {
          g_autofree char *tpath = ps_json_path (ipath, "type");
          ps_json_set_error (error, tpath,
                             _ ("expected \"normal-copula\", \"spearman\" or \"pearson\", got "
                                "\"%s\""),
                             type);
          return FALSE;
        }
    }
  *pairs_out = g_steal_pointer (&pairs);
  *n_pairs_out = n;
  return TRUE;
}

/* ---- the matrix ---------------------------------------------------------------------- */

/* Cholesky-Banachiewicz, row by row; returns the first row whose pivot is not
 * positive (the leading minor there is not positive definite), or -1. */
static int
cholesky (guint n, const double *a, double *l)
{
  memset (l, 0, (gsize)n * n * sizeof (double));
  for (guint i = 0; i < n; i++)
    {
      for (guint j = 0; j <= i; j++)
        {
          double s = a[i * n + j];

          for (guint k = 0; k < j; k++)
            s -= l[i * n + k] * l[j * n + k];
          if (i == j)
            {
              if (!(s > 1e-12))
                return (int)i;
              l[i * n + i] = sqrt (s);
            }
          else
            l[i * n + j] = s / l[j * n + j];
        }
    }
  return -1;
}

PsNataf *
ps_nataf_new (guint n, const PsDist *dists, const char *const *var_names, const PsCorrPair *pairs,
              guint n_pairs, const char *path, GError **error)
{
  PsNataf *nataf = ps_nataf_new_independent (n);
  int bad;

  for (guint k = 0; k < n_pairs; k++)
    {
      const PsCorrPair *p = &pairs[k];
      double r0 = p->rho;

      if (p->type == PS_CORR_SPEARMAN)
        r0 = 2.0 * sin (G_PI * p->rho / 6.0);
      else if (p->type == PS_CORR_PEARSON)
        {
          g_autofree char *msg = NULL;

          if (!ps_nataf_normal_of_pearson (&dists[p->a], &dists[p->b], p->rho, &r0, &msg))
            {
              g_autofree char *ipath = g_strdup_printf ("%s[%u]", path, k);
              ps_json_set_error (error, ipath, "%s", msg);
              ps_nataf_free (nataf);
              return NULL;
            }
        }
      nataf->rho0[p->a * n + p->b] = nataf->rho0[p->b * n + p->a] = r0;
    }
  if (n_pairs == 0)
    return nataf;

  nataf->chol = g_new0 (double, (gsize)n *n);
  bad = cholesky (n, nataf->rho0, nataf->chol);
  if (bad >= 0)
    {
      g_autoptr (GString) names = g_string_new (NULL);
      g_autofree char *last = NULL;

      /* The leading minor up to row bad is the first that fails: the pairs between
       * that variable and those before it make the matrix inconsistent. The path is
       * the rho of the last of them, for an editor to mark that field. */
      for (guint k = 0; k < n_pairs; k++)
        {
          if (MAX (pairs[k].a, pairs[k].b) == (guint)bad)
            {
              g_string_append_printf (names, "%s%s and %s (%s[%u])", names->len ? ", " : "",
                                      var_names[pairs[k].a], var_names[pairs[k].b], path, k);
              g_free (last);
              last = g_strdup_printf ("%s[%u].rho", path, k);
            }
        }
      ps_json_set_error (error, last != NULL ? last : path,
                         _ ("the correlation matrix (of the normal copula) is not positive "
                            "definite: the correlations between %s are not consistent with the "
                            "others"),
                         names->str);
      ps_nataf_free (nataf);
      return NULL;
    }
  return nataf;
}

/* ---- maps ------------------------------------------------------------------------------ */

void
ps_rel_x_to_u (const PsRelProblem *p, const double *x, double *u)
{
  guint n = p->n_vars;
  const double *l = ps_rel_problem_chol (p);

  for (guint i = 0; i < n; i++)
    {
      double z = ps_dist_to_normal (&p->dists[i], x[i]);

      /* forward substitution: L u = z */
      if (l != NULL)
        {
          for (guint j = 0; j < i; j++)
            z -= l[i * n + j] * u[j];
          z /= l[i * n + i];
        }
      u[i] = z;
    }
}

void
ps_rel_u_to_x_host (const PsRelProblem *p, const double *u, double *x, double *dxdz)
{
  guint n = p->n_vars;
  g_autofree double *z = g_new (double, n);

  ps_rel_u_to_x (n, ps_rel_problem_chol (p), p->dists, u, z, x);
  if (dxdz == NULL)
    return;
  for (guint i = 0; i < n; i++)
    {
      const PsDist *d = &p->dists[i];

      switch (d->kind)
        {
        case PS_DIST_NORMAL:
          dxdz[i] = d->p[1];
          break;
        case PS_DIST_LOGNORMAL:
          dxdz[i] = d->p[1] * x[i];
          break;
        case PS_DIST_LOGNORMAL3:
          dxdz[i] = d->p[1] * (x[i] - d->p[2]);
          break;
        default:
          {
            double f = ps_dist_pdf (d, x[i]);
            dxdz[i] = f > 0.0 ? exp (-0.5 * z[i] * z[i]) / sqrt (2.0 * G_PI) / f : 0.0;
          }
          break;
        }
    }
}

void
ps_rel_grad_x_to_u (const PsRelProblem *p, const double *dxdz, const double *grad_x, double *grad_u)
{
  guint n = p->n_vars;
  const double *l = ps_rel_problem_chol (p);

  for (guint j = 0; j < n; j++)
    {
      if (l == NULL)
        {
          grad_u[j] = dxdz[j] * grad_x[j];
          continue;
        }
      /* dx_i/du_j = dxdz_i L_ij, L lower-triangular */
      double s = 0.0;
      for (guint i = j; i < n; i++)
        s += l[i * n + j] * dxdz[i] * grad_x[i];
      grad_u[j] = s;
    }
}
