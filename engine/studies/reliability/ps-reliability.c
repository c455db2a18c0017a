#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <gsl/gsl_cdf.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ps-beam.h"
#include "ps-error.h"
#include "ps-philox.h"
#include "ps-reliability.h"
#include "study/ps-json.h"
#include "study/ps-study-private.h"

#define SUB_BLOCK 256

/* ---------------------------------------------------------------------------------
 * Parsing
 * ------------------------------------------------------------------------------ */

static void
model_free (gpointer data)
{
  PsReliabilityModel *m = data;

  g_strfreev (m->var_names);
  g_strfreev (m->const_names);
  g_free (m->dists);
  g_free (m->var_keys);
  g_free (m->const_values);
  g_free (m->limit_state);
  g_free (m->exact_method);
  g_clear_pointer (&m->expr, ps_expr_free);
  g_free (m);
}

/* A value of a variable or constant: a number (SI) or a string with a unit of any
 * dimension. @dim receives the dimension so that mean and sd can be compared. */
static gboolean
get_any_quantity (JsonNode *node, const char *path, double *out, PsDim *dim, gboolean *plain,
                  GError **error)
{
  if (plain != NULL)
    *plain = !(JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING);
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_autofree char *msg = NULL;

      if (!ps_units_parse_any (json_node_get_string (node), out, dim, &msg))
        {
          ps_json_set_error (error, path, "%s", msg);
          return FALSE;
        }
      return TRUE;
    }
  if (JSON_NODE_HOLDS_VALUE (node)
      && (json_node_get_value_type (node) == G_TYPE_DOUBLE
          || json_node_get_value_type (node) == G_TYPE_INT64))
    {
      *out = json_node_get_double (node);
      *dim = (PsDim){ 0, 0, 0 };
      if (!isfinite (*out))
        {
          ps_json_set_error (error, path, _ ("must be a finite number"));
          return FALSE;
        }
      return TRUE;
    }
  ps_json_set_error (error, path, _ ("expected a number or a string such as \"300 MPa\", got %s"),
                     ps_json_type_name (node));
  return FALSE;
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

/* FNV-1a of the name: the variable's Philox key. Keying by name rather than by
 * position keeps every other variable's samples when one is added or reordered. */
static guint32
name_key (const char *name)
{
  guint32 h = 2166136261u;

  for (const char *p = name; *p; p++)
    {
      h ^= (guchar)*p;
      h *= 16777619u;
    }
  return h;
}

static gboolean
parse_variables (PsReliabilityModel *m, JsonObject *root, GError **error)
{
  static const char *const keys[]
      = { "distribution", "mean", "sd", "lower", "upper", "shape", "scale", NULL };
  JsonObject *vars = ps_json_get_object (root, "", "variables", TRUE, error);
  g_autoptr (GList) names = NULL;
  guint i = 0;

  if (vars == NULL)
    return FALSE;
  names = json_object_get_members (vars);
  m->n_vars = g_list_length (names);
  if (m->n_vars == 0)
    {
      ps_json_set_error (error, "variables",
                         _ ("no random variables (expected at least one, e.g. "
                            "\"R\": {\"distribution\": \"normal\", \"mean\": \"300 MPa\", "
                            "\"sd\": \"30 MPa\"})"));
      return FALSE;
    }
  m->var_names = g_new0 (char *, m->n_vars + 1);
  m->dists = g_new0 (PsDist, m->n_vars);
  m->var_keys = g_new0 (guint32, m->n_vars);
  for (GList *l = names; l != NULL; l = l->next, i++)
    {
      const char *name = l->data;
      g_autofree char *path = ps_json_path ("variables", name);
      JsonObject *v = ps_json_get_object (vars, "variables", name, TRUE, error);
      const char *dist = NULL;
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
        { "scale", &p.has_scale, &p.scale, FALSE }, { "shape", &p.has_shape, &p.shape, TRUE },
      };

      if (!valid_name (name))
        {
          ps_json_set_error (error, path,
                             _ ("a variable name is a letter followed by letters, "
                                "digits or _ (and not \"pi\")"));
          return FALSE;
        }
      if (v == NULL || !ps_json_check_keys (v, path, keys, error)
          || !ps_json_get_string (v, path, "distribution", TRUE, &dist, error))
        return FALSE;
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          JsonNode *node = json_object_get_member (v, fields[f].key);
          g_autofree char *fpath = ps_json_path (path, fields[f].key);
          PsDim dim;
          gboolean plain;

          if (node == NULL || JSON_NODE_HOLDS_NULL (node))
            continue;
          if (!get_any_quantity (node, fpath, fields[f].value, &dim, &plain, error))
            return FALSE;
          *fields[f].has = TRUE;
          /* A plain number is SI, whatever the dimension of the variable. */
          if (plain)
            continue;
          if (fields[f].dimensionless)
            {
              if (dim.kg || dim.m || dim.s)
                {
                  ps_json_set_error (error, fpath, _ ("the Weibull shape is a plain number"));
                  return FALSE;
                }
              continue;
            }
          if (have_dim && (dim.kg != dim0.kg || dim.m != dim0.m || dim.s != dim0.s))
            {
              g_autofree char *a = ps_dim_describe (dim0);
              g_autofree char *b = ps_dim_describe (dim);

              ps_json_set_error (error, fpath,
                                 _ ("has the units of %s but the variable's other "
                                    "values are %s"),
                                 b, a);
              return FALSE;
            }
          dim0 = dim;
          have_dim = TRUE;
        }
      if (!ps_dist_init (&m->dists[i], dist, &p, &msg))
        {
          ps_json_set_error (error, path, "%s", msg);
          return FALSE;
        }
      m->var_names[i] = g_strdup (name);
      m->var_keys[i] = name_key (name);
      for (guint j = 0; j < i; j++)
        if (m->var_keys[j] == m->var_keys[i])
          m->var_keys[i]++;
    }
  return TRUE;
}

static gboolean
parse_constants (PsReliabilityModel *m, JsonObject *root, GError **error)
{
  JsonObject *consts = ps_json_get_object (root, "", "constants", FALSE, error);
  g_autoptr (GList) names = NULL;
  guint i = 0;

  if (consts == NULL)
    {
      m->const_names = g_new0 (char *, 1);
      return error == NULL || *error == NULL;
    }
  names = json_object_get_members (consts);
  m->n_consts = g_list_length (names);
  m->const_names = g_new0 (char *, m->n_consts + 1);
  m->const_values = g_new0 (double, MAX (m->n_consts, 1));
  for (GList *l = names; l != NULL; l = l->next, i++)
    {
      const char *name = l->data;
      g_autofree char *path = ps_json_path ("constants", name);
      PsDim dim;

      if (!valid_name (name))
        {
          ps_json_set_error (error, path,
                             _ ("a constant name is a letter followed by letters, "
                                "digits or _ (and not \"pi\")"));
          return FALSE;
        }
      for (guint j = 0; j < m->n_vars; j++)
        if (g_str_equal (m->var_names[j], name))
          {
            ps_json_set_error (error, path, _ ("\"%s\" is also a random variable"), name);
            return FALSE;
          }
      if (!get_any_quantity (json_object_get_member (consts, name), path, &m->const_values[i], &dim,
                             NULL, error))
        return FALSE;
      m->const_names[i] = g_strdup (name);
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
      PsSupport s;
      PsLoadCase lc;
      double c;
      char cs[G_ASCII_DTOSTR_BUF_SIZE];

      if (!ps_json_get_string (obj, "limit_state", "support", TRUE, &support, error)
          || !ps_json_get_string (obj, "limit_state", "load", TRUE, &load, error))
        return NULL;
      if (!ps_beam_case_from_names (support, load, &s, &lc))
        {
          ps_json_set_error (
              error, "limit_state",
              _ ("no closed form for support \"%s\" with load "
                 "\"%s\" (supports: simply-supported, cantilever, fixed-fixed, "
                 "propped-cantilever; loads: point-midspan, point-free-end, uniform)"),
              support, load);
          return NULL;
        }
      c = ps_beam_deflection_coefficient (s, lc);
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
parse_method (PsReliabilityModel *m, JsonObject *root, GError **error)
{
  static const char *const keys[] = { "name", "samples", "target_cov", "seed", "time_limit", NULL };
  JsonObject *method = ps_json_get_object (root, "", "method", TRUE, error);
  const char *name = NULL;
  gint64 samples = 0, seed = 1;

  if (method == NULL || !ps_json_check_keys (method, "method", keys, error)
      || !ps_json_get_string (method, "method", "name", FALSE, &name, error))
    return FALSE;
  if (name != NULL && !g_str_equal (name, "monte-carlo"))
    {
      ps_json_set_error (error, "method.name", _ ("expected \"monte-carlo\", got \"%s\""), name);
      return FALSE;
    }
  if (!ps_json_get_int (method, "method", "samples", TRUE, 1, G_GINT64_CONSTANT (1) << 50, &samples,
                        error)
      || !ps_json_get_int (method, "method", "seed", FALSE, 0, G_MAXINT64, &seed, error)
      || !ps_json_get_quantity (method, "method", "target_cov", FALSE, PS_QTY_DIMENSIONLESS,
                                PS_CHECK_POSITIVE, &m->target_cov, error)
      || !ps_json_get_quantity (method, "method", "time_limit", FALSE, PS_QTY_TIME,
                                PS_CHECK_POSITIVE, &m->time_limit, error))
    return FALSE;
  m->max_samples = (guint64)samples;
  m->seed = (guint64)seed;
  return TRUE;
}

static void
init_checkpoints (PsReliabilityModel *m)
{
  double lo = MIN (100.0, (double)m->max_samples), hi = (double)m->max_samples;
  guint n = 0;

  for (guint k = 0; k < PS_REL_N_CHECKPOINTS; k++)
    {
      double t = (double)k / (PS_REL_N_CHECKPOINTS - 1);
      guint64 c = (guint64)llround (lo * pow (hi / lo, t));

      if (k + 1 == PS_REL_N_CHECKPOINTS)
        c = m->max_samples;
      if (c == 0 || (n > 0 && c <= m->checkpoints[n - 1]))
        continue;
      m->checkpoints[n++] = c;
    }
  m->n_checkpoints = n;
}

/* The exact answer for the cases that have one: g linear in independent normal
 * variables (Cornell: beta = mu_g / sigma_g), and g = a (R - S) with lognormal R and S
 * (beta = (lambda_R - lambda_S) / sqrt(zeta_R^2 + zeta_S^2)). */
static void
init_exact (PsReliabilityModel *m)
{
  g_autofree double *coef = g_new0 (double, m->n_vars);
  double c0 = 0, mu, var = 0;
  gboolean all_normal = TRUE;
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
      var += coef[i] * coef[i] * ps_dist_sd (&m->dists[i]) * ps_dist_sd (&m->dists[i]);
    }
  if (n_used == 0)
    return;
  if (all_normal)
    {
      m->has_exact = TRUE;
      m->exact_pf = gsl_cdf_ugaussian_P (-mu / sqrt (var));
      /* summary.json keeps the English text; the terminal summary, the report and the
       * window translate it. */
      m->exact_method = g_strdup (N_ ("linear limit state in independent normal variables: "
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

      m->has_exact = TRUE;
      m->exact_pf = gsl_cdf_ugaussian_P (-(lr - ls) / sqrt (zr2 + zs2));
      m->exact_method = g_strdup (N_ ("R - S with lognormal R and S: "
                                      "beta = (lambda_R - lambda_S) / sqrt(zeta_R^2 + zeta_S^2)"));
    }
}

static gboolean
reliability_init (PsStudy *study, JsonObject *root, GError **error)
{
  PsReliabilityModel *m = g_new0 (PsReliabilityModel, 1);
  JsonNode *ls;
  g_autoptr (GError) expr_error = NULL;

  study->model = m;
  study->model_free = model_free;

  if (!parse_variables (m, root, error) || !parse_constants (m, root, error)
      || !parse_method (m, root, error))
    return FALSE;

  ls = json_object_get_member (root, "limit_state");
  if (ls != NULL && JSON_NODE_HOLDS_VALUE (ls) && json_node_get_value_type (ls) == G_TYPE_STRING)
    m->limit_state = g_strdup (json_node_get_string (ls));
  else if (ls != NULL && JSON_NODE_HOLDS_OBJECT (ls))
    {
      m->limit_state = builtin_expression (json_node_get_object (ls), error);
      if (m->limit_state == NULL)
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
  m->expr = ps_expr_compile (m->limit_state, (const char *const *)m->var_names, m->n_vars,
                             (const char *const *)m->const_names, m->const_values, m->n_consts,
                             &expr_error);
  if (m->expr == NULL)
    {
      ps_json_set_error (error, "limit_state", "%s", expr_error->message);
      return FALSE;
    }
  init_checkpoints (m);
  init_exact (m);
  study->n_items = (m->max_samples + PS_REL_BLOCK - 1) / PS_REL_BLOCK;
  return TRUE;
}

/* ---------------------------------------------------------------------------------
 * Evaluation
 * ------------------------------------------------------------------------------ */

typedef struct
{
  double *u;
  double *xdata;
  double **x;
  double *g;
  double *stack;
} Workspace;

static gpointer
rel_workspace_new (const PsStudy *study)
{
  const PsReliabilityModel *m = study->model;
  Workspace *ws = g_new0 (Workspace, 1);

  ws->u = g_new (double, SUB_BLOCK);
  ws->g = g_new (double, SUB_BLOCK);
  ws->x = g_new (double *, m->n_vars);
  ws->xdata = g_new (double, (gsize)m->n_vars *SUB_BLOCK);
  for (guint v = 0; v < m->n_vars; v++)
    ws->x[v] = ws->xdata + (gsize)v * SUB_BLOCK;
  ws->stack = g_new (double, (gsize)MAX (ps_expr_get_stack_depth (m->expr), 1) * PS_EXPR_BLOCK);
  return ws;
}

static void
rel_workspace_free (gpointer data)
{
  Workspace *ws = data;

  if (ws == NULL)
    return;
  g_free (ws->u);
  g_free (ws->g);
  g_free (ws->stack);
  g_free (ws->x);
  g_free (ws->xdata);
  g_free (ws);
}

static guint64
rel_chunk_items (const PsStudy *study)
{
  return PS_REL_CHUNK_ITEMS;
}

static void
rel_summary_init (const PsStudy *study, gpointer summary)
{
  memset (summary, 0, sizeof (PsReliabilitySummary));
}

/* The failures (g <= 0) and NaNs among g[0 .. n-1], added to *fails and *nans. */
PS_MATH_CLONES static void
count_block (const double *g, gsize n, guint64 *fails, guint64 *nans)
{
  guint64 f = 0, nn = 0;

  for (gsize j = 0; j < n; j++)
    {
      f += g[j] <= 0.0;
      nn += isnan (g[j]);
    }
  *fails += f;
  *nans += nn;
}

static void
rel_eval (const PsStudy *study, gpointer workspace, guint64 begin, guint64 end, gpointer summary,
          PsErrors *errors, PsRowsMode mode, PsBuf *rows)
{
  const PsReliabilityModel *m = study->model;
  PsReliabilitySummary *s = summary;
  Workspace *ws = workspace;
  guint64 s0 = begin * PS_REL_BLOCK;
  guint64 s1 = MIN (end * PS_REL_BLOCK, m->max_samples);
  guint64 fails = 0, nans = 0;
  guint k = 0;

  while (k < m->n_checkpoints && m->checkpoints[k] <= s0)
    k++;
  for (guint64 first = s0; first < s1; first += SUB_BLOCK)
    {
      gsize n = (gsize)MIN (SUB_BLOCK, s1 - first);
      guint64 f = 0, nn = 0;

      for (guint v = 0; v < m->n_vars; v++)
        {
          ps_rng_uniforms (m->seed, m->var_keys[v], first, n, ws->u);
          ps_dist_quantile_block (&m->dists[v], ws->u, n, ws->x[v]);
        }
      ps_expr_eval_block (m->expr, (const double *const *)ws->x, n, ws->g, ws->stack);
      count_block (ws->g, n, &f, &nn);
      /* Checkpoints of the convergence curve that fall inside this sub-block. */
      while (k < m->n_checkpoints && m->checkpoints[k] <= first + n)
        {
          guint64 pf = 0, pn = 0;

          count_block (ws->g, (gsize)(m->checkpoints[k] - first), &pf, &pn);
          s->fail_at[k] += fails + pf;
          s->nan_at[k] += nans + pn;
          k++;
        }
      fails += f;
      nans += nn;
    }
  for (; k < m->n_checkpoints; k++)
    {
      s->fail_at[k] += fails;
      s->nan_at[k] += nans;
    }
  s->samples += s1 - s0;
  s->failures += fails;
  s->nan_samples += nans;
}

static void
rel_merge (const PsStudy *study, gpointer acc_p, gconstpointer next_p)
{
  PsReliabilitySummary *acc = acc_p;
  const PsReliabilitySummary *next = next_p;

  acc->samples += next->samples;
  acc->failures += next->failures;
  acc->nan_samples += next->nan_samples;
  for (guint k = 0; k < PS_REL_N_CHECKPOINTS; k++)
    {
      acc->fail_at[k] += next->fail_at[k];
      acc->nan_at[k] += next->nan_at[k];
    }
}

void
ps_reliability_estimate (guint64 failures, guint64 n, PsReliabilityEstimate *e)
{
  const double z = 1.959963984540054; /* Phi^-1(0.975) */
  double nd = (double)n, p, denom, centre, half;

  if (n == 0)
    {
      e->pf = e->pf_low = e->pf_high = e->cov = e->beta = e->beta_low = e->beta_high = NAN;
      return;
    }
  p = (double)failures / nd;
  denom = 1.0 + z * z / nd;
  centre = (p + z * z / (2.0 * nd)) / denom;
  half = z * sqrt (p * (1.0 - p) / nd + z * z / (4.0 * nd * nd)) / denom;
  e->pf = p;
  /* At the ends the interval reaches 0 or 1 exactly; rounding must not move it. */
  e->pf_low = failures == 0 ? 0.0 : MAX (0.0, centre - half);
  e->pf_high = failures == n ? 1.0 : MIN (1.0, centre + half);
  e->cov = failures > 0 ? sqrt ((1.0 - p) / (nd * p)) : INFINITY;
  e->beta = failures > 0 ? gsl_cdf_ugaussian_Qinv (p) : INFINITY;
  e->beta_low = gsl_cdf_ugaussian_Qinv (e->pf_high);
  e->beta_high = e->pf_low > 0 ? gsl_cdf_ugaussian_Qinv (e->pf_low) : INFINITY;
}

static gboolean
rel_is_done (const PsStudy *study, gconstpointer summary, double elapsed)
{
  const PsReliabilityModel *m = study->model;
  const PsReliabilitySummary *s = summary;
  guint64 n = s->samples - s->nan_samples;

  if (m->time_limit > 0 && elapsed >= m->time_limit)
    return TRUE;
  if (m->target_cov > 0 && s->failures > 0 && n > 0)
    {
      double p = (double)s->failures / (double)n;

      return sqrt ((1.0 - p) / ((double)n * p)) <= m->target_cov;
    }
  return FALSE;
}

static const char *
stopped_by (const PsReliabilityModel *m, const PsReliabilitySummary *s)
{
  PsReliabilityEstimate e;

  if (s->samples >= m->max_samples)
    return "samples";
  ps_reliability_estimate (s->failures, s->samples - s->nan_samples, &e);
  if (m->target_cov > 0 && e.cov <= m->target_cov)
    return "target_cov";
  return "time";
}

static void
add_interval (JsonBuilder *b, const char *name, double lo, double hi)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  if (isfinite (lo))
    json_builder_add_double_value (b, lo);
  else
    json_builder_add_null_value (b);
  if (isfinite (hi))
    json_builder_add_double_value (b, hi);
  else
    json_builder_add_null_value (b);
  json_builder_end_array (b);
}

static void
rel_summary_to_json (const PsStudy *study, gconstpointer summary, JsonBuilder *b)
{
  const PsReliabilityModel *m = study->model;
  const PsReliabilitySummary *s = summary;
  guint64 n = s->samples - s->nan_samples;
  PsReliabilityEstimate e;

  ps_reliability_estimate (s->failures, n, &e);
  json_builder_set_member_name (b, "limit_state");
  json_builder_add_string_value (b, m->limit_state);
  json_builder_set_member_name (b, "method");
  json_builder_add_string_value (b, "monte-carlo");
  json_builder_set_member_name (b, "seed");
  json_builder_add_int_value (b, (gint64)m->seed);
  json_builder_set_member_name (b, "samples");
  json_builder_add_int_value (b, (gint64)s->samples);
  json_builder_set_member_name (b, "max_samples");
  json_builder_add_int_value (b, (gint64)m->max_samples);
  json_builder_set_member_name (b, "failures");
  json_builder_add_int_value (b, (gint64)s->failures);
  json_builder_set_member_name (b, "nan_samples");
  json_builder_add_int_value (b, (gint64)s->nan_samples);
  ps_json_add_number (b, "pf", e.pf);
  add_interval (b, "pf_ci95", e.pf_low, e.pf_high);
  json_builder_set_member_name (b, "pf_ci95_method");
  json_builder_add_string_value (b, "Wilson score interval");
  ps_json_add_number (b, "cov", e.cov);
  ps_json_add_number (b, "beta", e.beta);
  add_interval (b, "beta_ci95", e.beta_low, e.beta_high);
  json_builder_set_member_name (b, "stopped_by");
  json_builder_add_string_value (b, stopped_by (m, s));
  if (m->target_cov > 0)
    ps_json_add_number (b, "target_cov", m->target_cov);
  if (m->has_exact)
    {
      double se = sqrt (m->exact_pf * (1 - m->exact_pf) / (double)MAX (n, 1));

      json_builder_set_member_name (b, "exact");
      json_builder_begin_object (b);
      ps_json_add_number (b, "pf", m->exact_pf);
      ps_json_add_number (b, "beta", gsl_cdf_ugaussian_Qinv (m->exact_pf));
      ps_json_add_number (b, "deviation_in_standard_errors",
                          se > 0 ? (e.pf - m->exact_pf) / se : NAN);
      json_builder_set_member_name (b, "method");
      json_builder_add_string_value (b, m->exact_method);
      json_builder_end_object (b);
    }
}

static void
append_convergence_row (GString *csv, guint64 samples, guint64 failures, guint64 nans)
{
  PsReliabilityEstimate e;
  char buf[5][G_ASCII_DTOSTR_BUF_SIZE];

  ps_reliability_estimate (failures, samples - nans, &e);
  g_string_append_printf (
      csv, "%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT ",%s,%s,%s,%s,%s\n",
      samples, failures, nans, g_ascii_formatd (buf[0], sizeof buf[0], "%.10g", e.pf),
      g_ascii_formatd (buf[1], sizeof buf[1], "%.10g", e.pf_low),
      g_ascii_formatd (buf[2], sizeof buf[2], "%.10g", e.pf_high),
      isfinite (e.cov) ? g_ascii_formatd (buf[3], sizeof buf[3], "%.6g", e.cov) : "",
      isfinite (e.beta) ? g_ascii_formatd (buf[4], sizeof buf[4], "%.6g", e.beta) : "");
}

static gboolean
rel_write_outputs (const PsStudy *study, gconstpointer summary, const char *dir, GError **error)
{
  const PsReliabilityModel *m = study->model;
  const PsReliabilitySummary *s = summary;
  g_autofree char *path = g_build_filename (dir, "convergence.csv", NULL);
  g_autoptr (GString) csv = g_string_new ("samples,failures,nan_samples,pf,pf_low95,pf_high95,"
                                          "cov,beta\n");
  g_autoptr (GError) local_error = NULL;
  guint k;

  for (k = 0; k < m->n_checkpoints && m->checkpoints[k] <= s->samples; k++)
    append_convergence_row (csv, m->checkpoints[k], s->fail_at[k], s->nan_at[k]);
  /* A run stopped between checkpoints ends on its final estimate. */
  if (s->samples > 0 && (k == 0 || m->checkpoints[k - 1] != s->samples))
    append_convergence_row (csv, s->samples, s->failures, s->nan_samples);
  if (!g_file_set_contents (path, csv->str, (gssize)csv->len, &local_error))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_IO, "%s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
rel_set_items (PsStudy *study, guint64 n_items, GError **error)
{
  PsReliabilityModel *m = study->model;

  if (n_items > G_MAXUINT64 / PS_REL_BLOCK)
    {
      g_set_error (error, PS_ERROR, PS_ERROR_INVALID, _ ("too many samples"));
      return FALSE;
    }
  m->max_samples = n_items * PS_REL_BLOCK;
  init_checkpoints (m);
  study->n_items = n_items;
  return TRUE;
}

extern const char ps_embedded_example_reliability[];

static const char *const top_level_keys[]
    = { "parastudy", "kind",        "name",   "description", "variables",
        "constants", "limit_state", "method", NULL };
static const char *const output_files[] = { "convergence.csv", NULL };
static const PsReportChart report_charts[] = {
  { "convergence", NULL },
  { "g-histogram", NULL },
  { NULL, NULL },
};

const PsKindClass ps_reliability_class = {
  .name = "reliability",
  .label = N_ ("Reliability"),
  .title_new = N_ ("New reliability study"),
  .summary_title = N_ ("%s (reliability study)"),
  .top_level_keys = top_level_keys,
  .init = reliability_init,
  .example = ps_embedded_example_reliability,
  .output_files = output_files,
  .summary_size = sizeof (PsReliabilitySummary),
  .chunk_items = rel_chunk_items,
  .workspace_new = rel_workspace_new,
  .workspace_free = rel_workspace_free,
  .summary_init = rel_summary_init,
  .eval = rel_eval,
  .merge = rel_merge,
  .write_header = NULL,
  .summary_to_json = rel_summary_to_json,
  .summary_rows = ps_reliability_summary_rows,
  .chart_data_file = "convergence.csv",
  .charts = ps_reliability_charts,
  .chart_build = ps_reliability_chart_build,
  .report_inputs = ps_reliability_report_inputs,
  .report_charts = report_charts,
  .is_done = rel_is_done,
  .write_outputs = rel_write_outputs,
  .set_items = rel_set_items,
};
