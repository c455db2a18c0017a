#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ps-error.h"
#include "ps-rel-parse.h"
#include "study/ps-json.h"

static const char *const method_names[] = {
  [PS_REL_METHOD_MONTE_CARLO] = "monte-carlo",
  [PS_REL_METHOD_LHS] = "lhs",
  [PS_REL_METHOD_FORM] = "form",
  [PS_REL_METHOD_SORM] = "sorm",
  [PS_REL_METHOD_IMPORTANCE_SAMPLING] = "importance-sampling",
  [PS_REL_METHOD_SUBSET] = "subset",
};

const char *
ps_rel_method_name (PsRelMethodKind kind)
{
  g_return_val_if_fail (kind <= PS_REL_METHOD_SUBSET, NULL);
  return method_names[kind];
}

/* A value in any unit (the variable's own): a number (SI) or a string with a unit. */
static gboolean
any_quantity (JsonNode *node, const char *path, double *out, PsDim *dim, gboolean *plain,
              GError **error)
{
  *plain = TRUE;
  *dim = (PsDim){ 0, 0, 0 };
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_autofree char *msg = NULL;

      *plain = FALSE;
      if (!ps_units_parse_any (json_node_get_string (node), out, dim, &msg))
        {
          ps_json_set_error (error, path, "%s", msg);
          return FALSE;
        }
      return TRUE;
    }
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && (json_node_get_value_type (node) == G_TYPE_DOUBLE
          || json_node_get_value_type (node) == G_TYPE_INT64))
    {
      *out = json_node_get_double (node);
      if (!isfinite (*out))
        {
          ps_json_set_error (error, path, _ ("must be a finite number"));
          return FALSE;
        }
      return TRUE;
    }
  ps_json_set_error (error, path, _ ("expected a number or a string such as \"300 MPa\", got %s"),
                     node != NULL ? ps_json_type_name (node) : _ ("nothing"));
  return FALSE;
}

/* {variable: value, ...} naming every variable once: a point in physical units. */
static gboolean
parse_point (JsonNode *node, const char *path, guint n_vars, const char *const *var_names,
             double **out, GError **error)
{
  JsonObject *obj;
  g_autofree double *x = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      ps_json_set_error (error, path,
                         _ ("expected \"mean\" or a point {\"variable\": value, ...}, got %s"),
                         ps_json_type_name (node));
      return FALSE;
    }
  obj = json_node_get_object (node);
  x = g_new0 (double, MAX (n_vars, 1));
  {
    g_autoptr (GList) members = json_object_get_members (obj);

    for (GList *l = members; l != NULL; l = l->next)
      {
        gboolean known = FALSE;

        for (guint i = 0; i < n_vars && !known; i++)
          known = g_str_equal (var_names[i], l->data);
        if (!known)
          {
            g_autofree char *mpath = ps_json_path (path, l->data);
            ps_json_set_error (error, mpath, _ ("\"%s\" is not a random variable"),
                               (const char *)l->data);
            return FALSE;
          }
      }
  }
  for (guint i = 0; i < n_vars; i++)
    {
      g_autofree char *vpath = ps_json_path (path, var_names[i]);
      JsonNode *v = json_object_get_member (obj, var_names[i]);
      PsDim dim;
      gboolean plain;

      if (v == NULL)
        {
          ps_json_set_error (error, vpath,
                             _ ("missing: the point needs a value for every variable"));
          return FALSE;
        }
      if (!any_quantity (v, vpath, &x[i], &dim, &plain, error))
        return FALSE;
    }
  *out = g_steal_pointer (&x);
  return TRUE;
}

static gboolean
parse_start (JsonObject *method, const char *member, guint n_vars, const char *const *var_names,
             const char *keyword, double **out, GError **error)
{
  JsonNode *node = json_object_get_member (method, member);
  g_autofree char *path = ps_json_path ("method", member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      if (g_str_equal (json_node_get_string (node), keyword))
        return TRUE;
      ps_json_set_error (error, path,
                         _ ("expected \"%s\" or a point {\"variable\": value, ...}, "
                            "got \"%s\""),
                         keyword, json_node_get_string (node));
      return FALSE;
    }
  return parse_point (node, path, n_vars, var_names, out, error);
}

static gboolean
parse_form_options (JsonObject *method, guint n_vars, const char *const *var_names, PsRelMethod *m,
                    GError **error)
{
  const char *algorithm = NULL;
  gint64 iterations = 100;

  m->tolerance = 1e-6;
  if (!ps_json_get_string (method, "method", "algorithm", FALSE, &algorithm, error)
      || !ps_json_get_quantity (method, "method", "tolerance", FALSE, PS_QTY_DIMENSIONLESS,
                                PS_CHECK_POSITIVE, &m->tolerance, error)
      || !ps_json_get_int (method, "method", "max_iterations", FALSE, 1, 100000, &iterations, error)
      || !parse_start (method, "start", n_vars, var_names, "mean", &m->start_x, error))
    return FALSE;
  if (!(m->tolerance < 1.0))
    {
      ps_json_set_error (error, "method.tolerance", _ ("must be less than 1 (got %g)"),
                         m->tolerance);
      return FALSE;
    }
  m->max_iterations = (guint)iterations;
  m->algorithm = PS_FORM_IHLRF;
  if (algorithm != NULL && g_str_equal (algorithm, "hlrf"))
    m->algorithm = PS_FORM_HLRF;
  else if (algorithm != NULL && !g_str_equal (algorithm, "ihlrf"))
    {
      ps_json_set_error (error, "method.algorithm",
                         _ ("expected \"ihlrf\" or \"hlrf\", got \"%s\""), algorithm);
      return FALSE;
    }
  return TRUE;
}

gboolean
ps_rel_method_parse (JsonObject *root, guint n_vars, const char *const *var_names, PsRelMethod *m,
                     GError **error)
{
  static const char *const mc_keys[]
      = { "name", "samples", "target_cov", "seed", "time_limit", NULL };
  static const char *const lhs_keys[] = { "name", "samples", "seed", "time_limit", NULL };
  static const char *const form_keys[]
      = { "name", "algorithm", "tolerance", "max_iterations", "start", NULL };
  static const char *const is_keys[]
      = { "name",      "samples",        "target_cov", "seed",  "time_limit", "centre",
          "algorithm", "max_iterations", "tolerance",  "start", NULL };
  static const char *const subset_keys[]
      = { "name", "samples_per_level", "p0", "target_cov", "seed", NULL };
  JsonObject *method = ps_json_get_object (root, "", "method", TRUE, error);
  const char *name = NULL;
  const char *const *keys;
  gint64 samples = 0, seed = 1;

  *m = (PsRelMethod){ 0 };
  ps_rel_method_clear (m);
  if (method == NULL || !ps_json_get_string (method, "method", "name", FALSE, &name, error))
    return FALSE;
  if (name == NULL || g_str_equal (name, "monte-carlo"))
    m->kind = PS_REL_METHOD_MONTE_CARLO, keys = mc_keys;
  else if (g_str_equal (name, "lhs"))
    m->kind = PS_REL_METHOD_LHS, keys = lhs_keys;
  else if (g_str_equal (name, "form"))
    m->kind = PS_REL_METHOD_FORM, keys = form_keys;
  else if (g_str_equal (name, "sorm"))
    m->kind = PS_REL_METHOD_SORM, keys = form_keys;
  else if (g_str_equal (name, "importance-sampling"))
    m->kind = PS_REL_METHOD_IMPORTANCE_SAMPLING, keys = is_keys;
  else if (g_str_equal (name, "subset"))
    m->kind = PS_REL_METHOD_SUBSET, keys = subset_keys;
  else if (g_str_equal (name, "directional"))
    {
      ps_json_set_error (error, "method.name",
                         _ ("directional simulation is not available yet (use \"subset\" or "
                            "\"importance-sampling\")"));
      return FALSE;
    }
  else
    {
      ps_json_set_error (error, "method.name",
                         _ ("expected \"monte-carlo\", \"lhs\", \"form\", \"sorm\", "
                            "\"importance-sampling\" or \"subset\", got \"%s\""),
                         name);
      return FALSE;
    }
  if (!ps_json_check_keys (method, "method", keys, error))
    return FALSE;

  switch (m->kind)
    {
    case PS_REL_METHOD_MONTE_CARLO:
    case PS_REL_METHOD_LHS:
    case PS_REL_METHOD_IMPORTANCE_SAMPLING:
      if (!ps_json_get_int (method, "method", "samples", TRUE, 1, G_GINT64_CONSTANT (1) << 50,
                            &samples, error)
          || !ps_json_get_int (method, "method", "seed", FALSE, 0, G_MAXINT64, &seed, error)
          || !ps_json_get_quantity (method, "method", "target_cov", FALSE, PS_QTY_DIMENSIONLESS,
                                    PS_CHECK_POSITIVE, &m->target_cov, error)
          || !ps_json_get_quantity (method, "method", "time_limit", FALSE, PS_QTY_TIME,
                                    PS_CHECK_POSITIVE, &m->time_limit, error))
        return FALSE;
      m->samples = (guint64)samples;
      m->seed = (guint64)seed;
      if (m->kind == PS_REL_METHOD_IMPORTANCE_SAMPLING
          && (!parse_form_options (method, n_vars, var_names, m, error)
              || !parse_start (method, "centre", n_vars, var_names, "form", &m->centre_x, error)))
        return FALSE;
      return TRUE;
    case PS_REL_METHOD_FORM:
    case PS_REL_METHOD_SORM:
      return parse_form_options (method, n_vars, var_names, m, error);
    case PS_REL_METHOD_SUBSET:
      {
        gint64 n = 10000;

        m->p0 = 0.1;
        if (!ps_json_get_int (method, "method", "samples_per_level", FALSE, 2, 100000000, &n, error)
            || !ps_json_get_int (method, "method", "seed", FALSE, 0, G_MAXINT64, &seed, error)
            || !ps_json_get_quantity (method, "method", "p0", FALSE, PS_QTY_DIMENSIONLESS,
                                      PS_CHECK_POSITIVE, &m->p0, error)
            || !ps_json_get_quantity (method, "method", "target_cov", FALSE, PS_QTY_DIMENSIONLESS,
                                      PS_CHECK_POSITIVE, &m->target_cov, error))
          return FALSE;
        if (!(m->p0 <= 0.5))
          {
            ps_json_set_error (error, "method.p0", _ ("must lie in (0, 0.5] (got %g)"), m->p0);
            return FALSE;
          }
        double chains = (double)n * m->p0;
        if (fabs (chains - nearbyint (chains)) > 1e-9 * chains || nearbyint (chains) < 1
            || n % (gint64)nearbyint (chains) != 0)
          {
            ps_json_set_error (error, "method.samples_per_level",
                               _ ("%" G_GINT64_FORMAT " samples with p0 = %g do not make whole "
                                  "chains: samples_per_level times p0 must be a whole number "
                                  "that divides samples_per_level (e.g. 1000 with 0.1)"),
                               n, m->p0);
            return FALSE;
          }
        m->samples_per_level = (guint64)n;
        m->seed = (guint64)seed;
        return TRUE;
      }
    default:
      g_assert_not_reached ();
    }
}

void
ps_rel_method_clear (PsRelMethod *m)
{
  g_clear_pointer (&m->start_x, g_free);
  g_clear_pointer (&m->centre_x, g_free);
}

void
ps_rel_method_form_options (const PsRelMethod *m, PsFormOptions *o)
{
  ps_form_options_init (o);
  o->algorithm = m->algorithm;
  if (m->tolerance > 0)
    o->tolerance = m->tolerance;
  if (m->max_iterations > 0)
    o->max_iterations = m->max_iterations;
  o->start_x = m->start_x;
}

gboolean
ps_rel_sensitivity_parse (JsonObject *root, PsRelSensitivity *s, GError **error)
{
  static const char *const keys[] = { "method", "samples", "seed", "bootstrap", NULL };
  JsonObject *obj;
  const char *method = NULL;
  gint64 samples = 10000, seed = 1, bootstrap = 500;

  *s = (PsRelSensitivity){ 0 };
  if (json_object_get_member (root, "sensitivity") == NULL
      || JSON_NODE_HOLDS_NULL (json_object_get_member (root, "sensitivity")))
    return TRUE;
  obj = ps_json_get_object (root, "", "sensitivity", TRUE, error);
  if (obj == NULL || !ps_json_check_keys (obj, "sensitivity", keys, error)
      || !ps_json_get_string (obj, "sensitivity", "method", TRUE, &method, error))
    return FALSE;
  if (!g_str_equal (method, "sobol"))
    {
      ps_json_set_error (error, "sensitivity.method", _ ("expected \"sobol\", got \"%s\""), method);
      return FALSE;
    }
  if (!ps_json_get_int (obj, "sensitivity", "samples", FALSE, 2, G_GINT64_CONSTANT (1) << 40,
                        &samples, error)
      || !ps_json_get_int (obj, "sensitivity", "seed", FALSE, 0, G_MAXINT64, &seed, error)
      || !ps_json_get_int (obj, "sensitivity", "bootstrap", FALSE, 10, 100000, &bootstrap, error))
    return FALSE;
  s->enabled = TRUE;
  s->samples = (guint64)samples;
  s->seed = (guint64)seed;
  s->bootstrap = (guint)bootstrap;
  return TRUE;
}

gboolean
ps_rel_variable_parse (JsonObject *v, const char *path, PsDist *dist, GError **error)
{
  static const char *const keys[] = { "distribution", "mean",  "sd",   "lower", "upper", "shape",
                                      "scale",        "alpha", "beta", "mode",  NULL };
  const char *name = NULL;
  PsDistParams p = { 0 };
  g_autofree char *msg = NULL;
  PsDim dim0 = { 0, 0, 0 };
  gboolean have_dim = FALSE;
  struct
  {
    const char *key;
    gboolean *has;
    double *value;
    gboolean dimensionless;
  } fields[] = {
    { "mean", &p.has_mean, &p.mean, FALSE },    { "sd", &p.has_sd, &p.sd, FALSE },
    { "lower", &p.has_lower, &p.lower, FALSE }, { "upper", &p.has_upper, &p.upper, FALSE },
    { "scale", &p.has_scale, &p.scale, FALSE }, { "mode", &p.has_mode, &p.mode, FALSE },
    { "shape", &p.has_shape, &p.shape, TRUE },  { "alpha", &p.has_alpha, &p.alpha, TRUE },
    { "beta", &p.has_beta, &p.beta, TRUE },
  };

  if (!ps_json_check_keys (v, path, keys, error)
      || !ps_json_get_string (v, path, "distribution", TRUE, &name, error))
    return FALSE;
  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      JsonNode *node = json_object_get_member (v, fields[f].key);
      g_autofree char *fpath = ps_json_path (path, fields[f].key);
      PsDim dim;
      gboolean plain;

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;
      if (!any_quantity (node, fpath, fields[f].value, &dim, &plain, error))
        return FALSE;
      *fields[f].has = TRUE;
      if (plain)
        continue;
      if (fields[f].dimensionless)
        {
          if (dim.kg || dim.m || dim.s)
            {
              ps_json_set_error (error, fpath, _ ("is a plain number (a shape parameter)"));
              return FALSE;
            }
          continue;
        }
      if (have_dim && (dim.kg != dim0.kg || dim.m != dim0.m || dim.s != dim0.s))
        {
          g_autofree char *a = ps_dim_describe (dim0);
          g_autofree char *b = ps_dim_describe (dim);

          ps_json_set_error (
              error, fpath, _ ("has the units of %s but the variable's other values are %s"), b, a);
          return FALSE;
        }
      dim0 = dim;
      have_dim = TRUE;
    }
  if (!ps_dist_init_full (dist, name, &p, &msg))
    {
      ps_json_set_error (error, path, "%s", msg);
      return FALSE;
    }
  return TRUE;
}

guint32
ps_rel_name_key (const char *name)
{
  guint32 h = 2166136261u;

  for (const char *p = name; *p; p++)
    {
      h ^= (guchar)*p;
      h *= 16777619u;
    }
  return h;
}

void
ps_rel_setup_free (PsRelSetup *s)
{
  if (s == NULL)
    return;
  g_strfreev (s->var_names);
  g_free (s->dists);
  g_free (s->var_keys);
  g_strfreev (s->const_names);
  g_free (s->const_values);
  g_clear_pointer (&s->expr, ps_expr_free);
  g_clear_pointer (&s->nataf, ps_nataf_free);
  ps_rel_method_clear (&s->method);
  g_free (s);
}

static gboolean
valid_name (const char *name)
{
  if (!g_ascii_isalpha (name[0]) && name[0] != '_')
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  return !g_str_equal (name, "pi");
}

PsRelSetup *
ps_rel_setup_parse (JsonObject *root, GError **error)
{
  g_autoptr (PsRelSetup) s = g_new0 (PsRelSetup, 1);
  JsonObject *vars = ps_json_get_object (root, "", "variables", TRUE, error);
  JsonObject *consts;
  g_autoptr (GList) names = NULL;
  g_autofree PsCorrPair *pairs = NULL;
  guint n_pairs = 0, i = 0;
  const char *ls = NULL;
  g_autoptr (GError) expr_error = NULL;

  if (vars == NULL)
    return NULL;
  names = json_object_get_members (vars);
  s->n_vars = g_list_length (names);
  if (s->n_vars == 0)
    {
      ps_json_set_error (error, "variables", _ ("no random variables"));
      return NULL;
    }
  s->var_names = g_new0 (char *, s->n_vars + 1);
  s->dists = g_new0 (PsDist, s->n_vars);
  s->var_keys = g_new0 (guint32, s->n_vars);
  for (GList *l = names; l != NULL; l = l->next, i++)
    {
      g_autofree char *path = ps_json_path ("variables", l->data);
      JsonObject *v = ps_json_get_object (vars, "variables", l->data, TRUE, error);

      if (!valid_name (l->data))
        {
          ps_json_set_error (error, path,
                             _ ("a variable name is a letter followed by letters, "
                                "digits or _ (and not \"pi\")"));
          return NULL;
        }
      if (v == NULL || !ps_rel_variable_parse (v, path, &s->dists[i], error))
        return NULL;
      s->var_names[i] = g_strdup (l->data);
      s->var_keys[i] = ps_rel_name_key (l->data);
      for (guint j = 0; j < i; j++)
        if (s->var_keys[j] == s->var_keys[i])
          s->var_keys[i]++;
    }

  consts = ps_json_get_object (root, "", "constants", FALSE, error);
  if (consts == NULL && error != NULL && *error != NULL)
    return NULL;
  s->const_names = g_new0 (char *, 1);
  if (consts != NULL)
    {
      g_autoptr (GList) cn = json_object_get_members (consts);

      s->n_consts = g_list_length (cn);
      s->const_names = g_renew (char *, s->const_names, s->n_consts + 1);
      s->const_names[0] = NULL;
      s->const_values = g_new0 (double, MAX (s->n_consts, 1));
      i = 0;
      for (GList *l = cn; l != NULL; l = l->next, i++)
        {
          g_autofree char *path = ps_json_path ("constants", l->data);
          PsDim dim;
          gboolean plain;

          if (!any_quantity (json_object_get_member (consts, l->data), path, &s->const_values[i],
                             &dim, &plain, error))
            return NULL;
          s->const_names[i] = g_strdup (l->data);
          s->const_names[i + 1] = NULL;
        }
    }

  if (!ps_json_get_string (root, "", "limit_state", TRUE, &ls, error))
    return NULL;
  s->expr = ps_expr_compile (ls, (const char *const *)s->var_names, s->n_vars,
                             (const char *const *)s->const_names, s->const_values, s->n_consts,
                             &expr_error);
  if (s->expr == NULL)
    {
      ps_json_set_error (error, "limit_state", "%s", expr_error->message);
      return NULL;
    }

  if (!ps_nataf_parse_pairs (json_object_get_member (root, "correlation"), "correlation", s->n_vars,
                             (const char *const *)s->var_names, &pairs, &n_pairs, error))
    return NULL;
  if (n_pairs > 0)
    {
      s->nataf = ps_nataf_new (s->n_vars, s->dists, (const char *const *)s->var_names, pairs,
                               n_pairs, "correlation", error);
      if (s->nataf == NULL)
        return NULL;
    }
  if (!ps_rel_method_parse (root, s->n_vars, (const char *const *)s->var_names, &s->method, error)
      || !ps_rel_sensitivity_parse (root, &s->sensitivity, error))
    return NULL;
  if (s->sensitivity.enabled && s->nataf != NULL)
    {
      ps_json_set_error (error, "sensitivity",
                         _ ("Sobol indices need independent variables (the study has a "
                            "correlation)"));
      return NULL;
    }

  s->problem = (PsRelProblem){ s->n_vars, (const char *const *)s->var_names,
                               s->dists,  s->var_keys,
                               s->expr,   s->nataf };
  return g_steal_pointer (&s);
}
