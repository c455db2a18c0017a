#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <string.h>

#include "ps-error.h"
#include "ps-rel-parse.h"
#include "studies/beam/ps-beam.h"
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
      = { "name", "samples", "target_cov", "seed", "time_limit", "max_non_finite", NULL };
  static const char *const lhs_keys[]
      = { "name", "samples", "seed", "time_limit", "max_non_finite", NULL };
  static const char *const form_keys[]
      = { "name", "algorithm", "tolerance", "max_iterations", "start", "max_non_finite", NULL };
  static const char *const is_keys[]
      = { "name",      "samples",        "target_cov", "seed",  "time_limit",     "centre",
          "algorithm", "max_iterations", "tolerance",  "start", "max_non_finite", NULL };
  static const char *const subset_keys[]
      = { "name", "samples_per_level", "p0", "target_cov", "seed", "max_non_finite", NULL };
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
  m->max_non_finite = PS_REL_MAX_NON_FINITE;
  if (!ps_json_get_quantity (method, "method", "max_non_finite", FALSE, PS_QTY_DIMENSIONLESS,
                             PS_CHECK_NON_NEGATIVE, &m->max_non_finite, error))
    return FALSE;
  if (!(m->max_non_finite < 1.0))
    {
      ps_json_set_error (error, "method.max_non_finite",
                         _ ("must be a fraction in [0, 1) (got %g)"), m->max_non_finite);
      return FALSE;
    }

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
                               _ ("%" PRId64 " samples with p0 = %g do not make whole "
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

/* A quantity of a distributions.json written by a regression run
 * (studies/regression/ps-distfit.h): its headline distribution, or the fit of the
 * family @family. */
static gboolean
variable_from_tests (JsonObject *v, const char *path, const char *dir, PsDist *dist, GError **error)
{
  static const char *const keys[] = { "from_tests", "quantity", "distribution", NULL };
  const char *file = NULL, *quantity = NULL, *family = NULL, *name = NULL;
  g_autofree char *fpath = ps_json_path (path, "from_tests");
  g_autofree char *qpath = ps_json_path (path, "quantity");
  g_autofree char *full = NULL;
  g_autofree char *text = NULL;
  g_autoptr (GError) local = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GList) members = NULL;
  g_autoptr (GString) names = g_string_new (NULL);
  JsonNode *root, *qnode, *from;
  JsonObject *q, *fit;
  PsDistParams p = { 0 };
  g_autofree char *msg = NULL;

  if (!ps_json_check_keys (v, path, keys, error)
      || !ps_json_get_string (v, path, "from_tests", TRUE, &file, error)
      || !ps_json_get_string (v, path, "quantity", TRUE, &quantity, error)
      || !ps_json_get_string (v, path, "distribution", FALSE, &family, error))
    return FALSE;
  if (*file == '\0')
    {
      ps_json_set_error (error, fpath, _ ("expected the path of a distributions.json"));
      return FALSE;
    }
  full = g_path_is_absolute (file) ? g_strdup (file)
                                   : g_build_filename (dir ? dir : ".", file, NULL);
  if (!g_file_get_contents (full, &text, NULL, &local))
    {
      ps_json_set_error (error, fpath, _ ("cannot read %s: %s"), full, local->message);
      return FALSE;
    }
  if (!json_parser_load_from_data (parser, text, -1, &local)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      ps_json_set_error (error, fpath, _ ("%s is not a distributions.json of a regression run: %s"),
                         full, local != NULL ? local->message : _ ("not a JSON object"));
      return FALSE;
    }
  root = json_parser_get_root (parser);
  qnode = json_object_get_member (json_node_get_object (root), quantity);
  if (qnode == NULL || !JSON_NODE_HOLDS_OBJECT (qnode))
    {
      members = json_object_get_members (json_node_get_object (root));
      for (GList *l = members; l != NULL; l = l->next)
        g_string_append_printf (names, "%s%s", l == members ? "" : ", ", (const char *)l->data);
      ps_json_set_error (error, qpath, _ ("%s has no quantity \"%s\" (it has: %s)"), full, quantity,
                         names->len > 0 ? names->str : _ ("none"));
      return FALSE;
    }
  q = json_node_get_object (qnode);
  if (family != NULL)
    {
      JsonNode *fits = json_object_get_member (q, "fits");
      JsonNode *f = fits != NULL && JSON_NODE_HOLDS_OBJECT (fits)
                        ? json_object_get_member (json_node_get_object (fits), family)
                        : NULL;

      if (f == NULL || !JSON_NODE_HOLDS_OBJECT (f))
        {
          g_autofree char *dpath = ps_json_path (path, "distribution");

          ps_json_set_error (error, dpath, _ ("%s has no %s fit of %s"), full, family, quantity);
          return FALSE;
        }
      fit = json_node_get_object (f);
      name = family;
    }
  else
    {
      from = json_object_get_member (q, "distribution");
      if (from == NULL || !JSON_NODE_HOLDS_VALUE (from)
          || json_node_get_value_type (from) != G_TYPE_STRING)
        {
          ps_json_set_error (error, qpath, _ ("%s: no distribution was fitted to %s (%s)"), full,
                             quantity,
                             json_object_get_string_member_with_default (q, "reason", "?"));
          return FALSE;
        }
      fit = q;
      name = json_node_get_string (from);
    }
  if (!json_object_has_member (fit, "mean") || !json_object_has_member (fit, "sd")
      || json_node_get_value_type (json_object_get_member (fit, "mean")) == G_TYPE_INVALID)
    {
      ps_json_set_error (error, qpath, _ ("%s: %s has no mean and sd"), full, quantity);
      return FALSE;
    }
  p.has_mean = p.has_sd = TRUE;
  p.mean = json_object_get_double_member (fit, "mean");
  p.sd = json_object_get_double_member (fit, "sd");
  if (!ps_dist_init_full (dist, name, &p, &msg))
    {
      ps_json_set_error (error, qpath, "%s (%s)", msg, full);
      return FALSE;
    }
  return TRUE;
}

gboolean
ps_rel_variable_parse (JsonObject *v, const char *path, const char *dir, PsDist *dist,
                       GError **error)
{
  return ps_rel_variable_parse_dim (v, path, dir, dist, NULL, error);
}

gboolean
ps_rel_variable_parse_dim (JsonObject *v, const char *path, const char *dir, PsDist *dist,
                           PsExprDim *unit, GError **error)
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

  if (unit != NULL)
    *unit = (PsExprDim){ PS_EXPR_DIM_UNKNOWN, { 0, 0, 0 } };
  if (json_object_has_member (v, "from_tests"))
    return variable_from_tests (v, path, dir, dist, error);
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
  if (unit != NULL && have_dim)
    *unit = (PsExprDim){ PS_EXPR_DIM_KNOWN, dim0 };
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
  g_free (s->var_dims);
  g_free (s->const_dims);
  g_free (s->limit_state);
  g_free (s->exact_method);
  g_clear_pointer (&s->expr, ps_expr_free);
  g_clear_pointer (&s->nataf, ps_nataf_free);
  ps_rel_method_clear (&s->method);
  if (s->round != NULL)
    {
      g_free (s->round->points);
      g_free (s->round->centre);
      g_free (s->round->seeds);
      g_free (s->round);
    }
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

static gboolean
parse_variables (PsRelSetup *s, JsonObject *root, const char *dir, GError **error)
{
  JsonObject *vars = ps_json_get_object (root, "", "variables", TRUE, error);
  g_autoptr (GList) names = NULL;
  guint i = 0;

  if (vars == NULL)
    return FALSE;
  names = json_object_get_members (vars);
  s->n_vars = g_list_length (names);
  if (s->n_vars == 0)
    {
      ps_json_set_error (error, "variables",
                         _ ("no random variables (expected at least one, e.g. "
                            "\"R\": {\"distribution\": \"normal\", \"mean\": \"300 MPa\", "
                            "\"sd\": \"30 MPa\"})"));
      return FALSE;
    }
  s->var_names = g_new0 (char *, s->n_vars + 1);
  s->dists = g_new0 (PsDist, s->n_vars);
  s->var_keys = g_new0 (guint32, s->n_vars);
  s->var_dims = g_new0 (PsExprDim, s->n_vars);
  for (GList *l = names; l != NULL; l = l->next, i++)
    {
      const char *name = l->data;
      g_autofree char *path = ps_json_path ("variables", name);
      JsonObject *v;

      if (!valid_name (name))
        {
          ps_json_set_error (error, path,
                             _ ("a variable name is a letter followed by letters, "
                                "digits or _ (and not \"pi\")"));
          return FALSE;
        }
      v = ps_json_get_object (vars, "variables", name, TRUE, error);
      if (v == NULL
          || !ps_rel_variable_parse_dim (v, path, dir, &s->dists[i], &s->var_dims[i], error))
        return FALSE;
      s->var_names[i] = g_strdup (name);
      s->var_keys[i] = ps_rel_name_key (name);
      for (guint j = 0; j < i; j++)
        if (s->var_keys[j] == s->var_keys[i])
          s->var_keys[i]++;
    }
  return TRUE;
}

static gboolean
parse_constants (PsRelSetup *s, JsonObject *root, GError **error)
{
  JsonObject *consts = ps_json_get_object (root, "", "constants", FALSE, error);
  g_autoptr (GList) names = NULL;
  guint i = 0;

  s->const_names = g_new0 (char *, 1);
  if (consts == NULL)
    return error == NULL || *error == NULL;
  names = json_object_get_members (consts);
  s->n_consts = g_list_length (names);
  s->const_names = g_renew (char *, s->const_names, s->n_consts + 1);
  memset (s->const_names, 0, (s->n_consts + 1) * sizeof (char *));
  s->const_values = g_new0 (double, MAX (s->n_consts, 1));
  s->const_dims = g_new0 (PsExprDim, MAX (s->n_consts, 1));
  for (GList *l = names; l != NULL; l = l->next, i++)
    {
      const char *name = l->data;
      g_autofree char *path = ps_json_path ("constants", name);
      PsDim dim;
      gboolean plain;

      if (!valid_name (name))
        {
          ps_json_set_error (error, path,
                             _ ("a constant name is a letter followed by letters, "
                                "digits or _ (and not \"pi\")"));
          return FALSE;
        }
      for (guint j = 0; j < s->n_vars; j++)
        if (g_str_equal (s->var_names[j], name))
          {
            ps_json_set_error (error, path, _ ("\"%s\" is also a random variable"), name);
            return FALSE;
          }
      if (!any_quantity (json_object_get_member (consts, name), path, &s->const_values[i], &dim,
                         &plain, error))
        return FALSE;
      s->const_dims[i].kind = plain ? PS_EXPR_DIM_UNKNOWN : PS_EXPR_DIM_KNOWN;
      s->const_dims[i].dim = dim;
      s->const_names[i] = g_strdup (name);
    }
  return TRUE;
}

static char *
builtin_expression (JsonObject *obj, GError **error)
{
  static const char *const keys[] = { "builtin", "support", "load", NULL };
  const char *name = NULL;

  if (!ps_json_check_keys (obj, "limit_state", keys, error)
      || !ps_json_get_string (obj, "limit_state", "builtin", TRUE, &name, error))
    return NULL;
  if (g_str_equal (name, "R-S") || g_str_equal (name, "resistance-load"))
    return g_strdup ("R - S");
  if (g_str_equal (name, "axial-bar"))
    return g_strdup ("fy - F / A");
  if (g_str_equal (name, "beam-bending"))
    return g_strdup ("fy - M / W");
  if (g_str_equal (name, "beam-deflection"))
    {
      const char *support = NULL, *load = NULL;
      PsSupport sup;
      PsLoadCase lc;
      double c;
      char cs[G_ASCII_DTOSTR_BUF_SIZE];

      if (!ps_json_get_string (obj, "limit_state", "support", TRUE, &support, error)
          || !ps_json_get_string (obj, "limit_state", "load", TRUE, &load, error))
        return NULL;
      if (!ps_beam_case_from_names (support, load, &sup, &lc))
        {
          ps_json_set_error (
              error, "limit_state",
              _ ("no closed form for support \"%s\" with load "
                 "\"%s\" (supports: simply-supported, cantilever, fixed-fixed, "
                 "propped-cantilever; loads: point-midspan, point-free-end, uniform)"),
              support, load);
          return NULL;
        }
      c = ps_beam_deflection_coefficient (sup, lc);
      /* Same coefficients as the beam study (AISC Table 3-23). The expression is
       * parsed again: its number is written with the C locale's decimal point. */
      g_ascii_formatd (cs, sizeof cs, "%.17g", c);
      if (lc == PS_LOAD_UNIFORM)
        return g_strdup_printf ("limit - %s * w * L^4 / (E * I)", cs);
      return g_strdup_printf ("limit - %s * P * L^3 / (E * I)", cs);
    }
  ps_json_set_error (error, "limit_state.builtin",
                     _ ("expected \"R-S\", \"axial-bar\", "
                        "\"beam-bending\" or \"beam-deflection\", got \"%s\""),
                     name);
  return NULL;
}

static gboolean
parse_limit_state (PsRelSetup *s, JsonObject *root, GError **error)
{
  JsonNode *ls = json_object_get_member (root, "limit_state");
  g_autoptr (GError) expr_error = NULL;

  if (ls != NULL && JSON_NODE_HOLDS_VALUE (ls) && json_node_get_value_type (ls) == G_TYPE_STRING)
    s->limit_state = g_strdup (json_node_get_string (ls));
  else if (ls != NULL && JSON_NODE_HOLDS_OBJECT (ls))
    {
      s->limit_state = builtin_expression (json_node_get_object (ls), error);
      if (s->limit_state == NULL)
        return FALSE;
    }
  else
    {
      ps_json_set_error (error, "limit_state",
                         _ ("expected an expression such as \"R - S\" or "
                            "{\"builtin\": \"axial-bar\"}, got %s"),
                         ls ? ps_json_type_name (ls) : _ ("nothing"));
      return FALSE;
    }
  /* Issue 19 item 6: the expression is checked for units too ("R - F" with R in Pa
   * and F in N is refused), with what is known of the names' units. */
  s->expr = ps_expr_compile_dims (s->limit_state, (const char *const *)s->var_names, s->var_dims,
                                  s->n_vars, (const char *const *)s->const_names, s->const_values,
                                  s->const_dims, s->n_consts, &s->g_dim, NULL, &expr_error);
  if (s->expr == NULL)
    {
      ps_json_set_error (error, "limit_state", "%s", expr_error->message);
      return FALSE;
    }
  return TRUE;
}

void
ps_rel_setup_init_checkpoints (PsRelSetup *m, guint64 max_samples)
{
  double lo = MIN (100.0, (double)max_samples), hi = (double)max_samples;
  guint n = 0;

  m->max_samples = max_samples;
  for (guint k = 0; k < PS_REL_N_CHECKPOINTS && max_samples > 0; k++)
    {
      double t = (double)k / (PS_REL_N_CHECKPOINTS - 1);
      guint64 c = (guint64)llround (lo * pow (hi / lo, t));

      if (k + 1 == PS_REL_N_CHECKPOINTS)
        c = max_samples;
      if (c == 0 || (n > 0 && c <= m->checkpoints[n - 1]))
        continue;
      m->checkpoints[n++] = c;
    }
  m->n_checkpoints = n;
}

/* The normal copula's correlation of variables @i and @j. */
static double
rho0 (const PsRelSetup *m, guint i, guint j)
{
  if (i == j)
    return 1.0;
  return m->nataf != NULL ? m->nataf->rho0[i * m->n_vars + j] : 0.0;
}

/* The exact answer for the cases that have one: g linear in normal variables
 * (Cornell: beta = mu_g / sigma_g, sigma_g^2 = sum a_i a_j s_i s_j rho_ij, where the
 * normal copula's rho is the variables' own correlation), and g = a (R - S) with
 * lognormal R and S (beta = (lambda_R - lambda_S) / sqrt(zeta_R^2 + zeta_S^2 - 2 rho
 * zeta_R zeta_S), rho the correlation of ln R and ln S, which is the copula's). */
static void
init_exact (PsRelSetup *m)
{
  g_autofree double *coef = g_new0 (double, m->n_vars);
  double c0 = 0, mu, var = 0;
  gboolean all_normal = TRUE, correlated = FALSE;
  guint n_used = 0, used[2] = { 0, 0 };

  if (!ps_expr_linear_form (m->expr, coef, &c0))
    return;
  mu = c0;
  for (guint i = 0; i < m->n_vars; i++)
    {
      if (coef[i] == 0)
        continue;
      if (n_used < 2)
        used[n_used] = i;
      n_used++;
      if (m->dists[i].kind != PS_DIST_NORMAL)
        all_normal = FALSE;
      mu += coef[i] * ps_dist_mean (&m->dists[i]);
      for (guint j = 0; j < m->n_vars; j++)
        if (coef[j] != 0)
          {
            double r = rho0 (m, i, j);

            correlated = correlated || (i != j && r != 0.0);
            var += coef[i] * coef[j] * ps_dist_sd (&m->dists[i]) * ps_dist_sd (&m->dists[j]) * r;
          }
    }
  if (n_used == 0)
    return;
  if (all_normal && var > 0)
    {
      m->has_exact = TRUE;
      m->exact_pf = gsl_cdf_ugaussian_P (-mu / sqrt (var));
      /* summary.json keeps the English text; the terminal summary, the report and the
       * window translate it. */
      m->exact_method
          = g_strdup (correlated ? N_ ("linear limit state in correlated normal variables: "
                                       "beta = mu_g / sigma_g (Cornell, with the covariances)")
                                 : N_ ("linear limit state in independent normal variables: "
                                       "beta = mu_g / sigma_g (Cornell)"));
      return;
    }
  if (n_used == 2 && c0 == 0 && coef[used[0]] == -coef[used[1]]
      && m->dists[used[0]].kind == PS_DIST_LOGNORMAL && m->dists[used[1]].kind == PS_DIST_LOGNORMAL)
    {
      guint r = coef[used[0]] > 0 ? used[0] : used[1];
      guint s = coef[used[0]] > 0 ? used[1] : used[0];
      double zr2 = log (1 + pow (ps_dist_sd (&m->dists[r]) / ps_dist_mean (&m->dists[r]), 2));
      double zs2 = log (1 + pow (ps_dist_sd (&m->dists[s]) / ps_dist_mean (&m->dists[s]), 2));
      double lr = log (ps_dist_mean (&m->dists[r])) - zr2 / 2;
      double ls = log (ps_dist_mean (&m->dists[s])) - zs2 / 2;
      double rho = rho0 (m, r, s);

      m->has_exact = TRUE;
      m->exact_pf
          = gsl_cdf_ugaussian_P (-(lr - ls) / sqrt (zr2 + zs2 - 2.0 * rho * sqrt (zr2 * zs2)));
      m->exact_method = g_strdup (
          rho != 0.0 ? N_ ("R - S with correlated lognormal R and S: beta = (lambda_R - "
                           "lambda_S) / sqrt(zeta_R^2 + zeta_S^2 - 2 rho zeta_R zeta_S)")
                     : N_ ("R - S with lognormal R and S: "
                           "beta = (lambda_R - lambda_S) / sqrt(zeta_R^2 + zeta_S^2)"));
    }
}

PsRelSetup *
ps_rel_setup_parse_at (JsonObject *root, const char *dir, GError **error)
{
  g_autoptr (PsRelSetup) s = g_new0 (PsRelSetup, 1);
  g_autofree PsCorrPair *pairs = NULL;
  guint n_pairs = 0;

  if (!parse_variables (s, root, dir, error) || !parse_constants (s, root, error)
      || !parse_limit_state (s, root, error))
    return NULL;
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
  s->seed = s->method.seed;
  s->target_cov = s->method.target_cov;
  s->time_limit = s->method.time_limit;
  ps_rel_setup_init_checkpoints (s, s->method.samples);
  init_exact (s);
  return g_steal_pointer (&s);
}

PsRelSetup *
ps_rel_setup_parse (JsonObject *root, GError **error)
{
  return ps_rel_setup_parse_at (root, NULL, error);
}
