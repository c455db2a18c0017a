#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <string.h>

#include "ps-error.h"
#include "ps-is.h"
#include "ps-rel-driver.h"
#include "ps-rel-eval.h"
#include "ps-rel-parse.h"
#include "ps-reliability.h"
#include "ps-sobol.h"
#include "ps-sorm.h"
#include "ps-subset.h"
#include "study/ps-json.h"

/* ---- the outcome --------------------------------------------------------------------- */

typedef struct
{
  guint iteration;
  guint64 g_evaluations;
  double beta, g;
} FormStep;

struct _PsRelOutcome
{
  PsRelMethodKind method;
  guint n_vars;
  gboolean converged;
  const char *reason; /* untranslated */
  guint64 g_evaluations;
  guint64 non_finite;    /* g evaluations of FORM, SORM or subset that were not finite */
  gboolean has_sampling; /* the final summary holds the sampling round's counts */
  /* FORM: of form and sorm, and of importance sampling's centre */
  gboolean has_form;
  gboolean form_converged;
  const char *form_reason;
  double form_beta, form_pf, form_g;
  guint form_iterations;
  guint64 form_evaluations;
  const char *gradient;
  double *x, *u, *alpha, *importance;
  GArray *history; /* FormStep */
  /* SORM */
  gboolean has_sorm;
  double breitung, hohenbichler, tvedt, hessian_step;
  guint n_kappa;
  double *kappa;
  const char *sorm_reason;
  guint64 sorm_evaluations;
  /* importance sampling */
  double *centre_u, *centre_x;
  gboolean centre_from_form;
  /* subset simulation */
  gboolean has_subset;
  PsSubsetResult subset;
  /* the sensitivity analysis */
  PsSobolResult *sobol;
  guint64 sobol_samples;
};

static void
outcome_free (PsRelOutcome *o)
{
  if (o == NULL)
    return;
  g_free (o->x);
  g_free (o->u);
  g_free (o->alpha);
  g_free (o->importance);
  g_clear_pointer (&o->history, g_array_unref);
  g_free (o->kappa);
  g_free (o->centre_u);
  g_free (o->centre_x);
  g_clear_pointer (&o->sobol, ps_sobol_result_free);
  g_free (o);
}

void
ps_rel_summary_clear (PsReliabilitySummary *summary)
{
  g_clear_pointer (&summary->outcome, outcome_free);
}

/* ---- the driver ---------------------------------------------------------------------- */

typedef enum
{
  PHASE_SAMPLING,
  PHASE_FORM,
  PHASE_SORM,
  PHASE_IMPORTANCE,
  PHASE_SUBSET,
  PHASE_SOBOL,
  PHASE_DONE,
} Phase;

struct _PsRelDriver
{
  const PsRelSetup *m;
  Phase phase;
  PsRelRound round;
  gboolean sampled; /* the sampling or importance-sampling round is done */
  gboolean sobol_done;
  PsFormOptions form_options;
  PsForm *form;
  PsSorm *sorm;
  PsSubsetOptions subset_options;
  PsSubset *subset;
  PsReliabilitySummary *sampling;
  PsRelOutcome *out;
};

gboolean
ps_rel_has_rounds (const PsRelSetup *m)
{
  if (m->round != NULL)
    return FALSE;
  return m->sensitivity.enabled
         || (m->method.kind != PS_REL_METHOD_MONTE_CARLO && m->method.kind != PS_REL_METHOD_LHS);
}

PsRelDriver *
ps_rel_driver_new (const PsRelSetup *m)
{
  PsRelDriver *d = g_new0 (PsRelDriver, 1);

  d->m = m;
  d->out = g_new0 (PsRelOutcome, 1);
  d->out->method = m->method.kind;
  d->out->n_vars = m->n_vars;
  d->out->converged = TRUE;
  d->sampling = g_new0 (PsReliabilitySummary, 1);
  ps_rel_method_form_options (&m->method, &d->form_options);
  d->subset_options = (PsSubsetOptions){ m->method.samples_per_level, m->method.p0,
                                         m->method.target_cov, m->method.seed };
  switch (m->method.kind)
    {
    case PS_REL_METHOD_MONTE_CARLO:
    case PS_REL_METHOD_LHS:
      d->phase = PHASE_SAMPLING;
      break;
    case PS_REL_METHOD_FORM:
    case PS_REL_METHOD_SORM:
      d->phase = PHASE_FORM;
      break;
    case PS_REL_METHOD_IMPORTANCE_SAMPLING:
      d->out->centre_u = g_new0 (double, m->n_vars);
      d->out->centre_x = g_new0 (double, m->n_vars);
      if (m->method.centre_x != NULL)
        {
          memcpy (d->out->centre_x, m->method.centre_x, m->n_vars * sizeof (double));
          ps_rel_x_to_u (&m->problem, m->method.centre_x, d->out->centre_u);
          d->phase = PHASE_IMPORTANCE;
        }
      else
        d->phase = PHASE_FORM;
      break;
    case PS_REL_METHOD_SUBSET:
      d->phase = PHASE_SUBSET;
      d->subset = ps_subset_new (&m->problem, &d->subset_options);
      break;
    }
  if (d->phase == PHASE_FORM)
    {
      d->form = ps_form_new (&m->problem, &d->form_options);
      d->out->history = g_array_new (FALSE, FALSE, sizeof (FormStep));
    }
  return d;
}

static void
clear_round (PsRelRound *r)
{
  g_clear_pointer (&r->points, g_free);
  g_clear_pointer (&r->centre, g_free);
  g_clear_pointer (&r->seeds, g_free);
  memset (r, 0, sizeof *r);
}

void
ps_rel_driver_free (PsRelDriver *d)
{
  if (d == NULL)
    return;
  clear_round (&d->round);
  g_clear_pointer (&d->form, ps_form_free);
  g_clear_pointer (&d->sorm, ps_sorm_free);
  g_clear_pointer (&d->subset, ps_subset_free);
  g_free (d->sampling);
  outcome_free (d->out);
  g_free (d);
}

static double *
dup_doubles (const double *v, gsize n)
{
  return g_memdup2 (v, MAX (n, 1) * sizeof (double));
}

/* FORM has finished: its result into the outcome, and the next phase. */
static void
form_finished (PsRelDriver *d)
{
  const PsFormResult *r = ps_form_get_result (d->form);
  PsRelOutcome *o = d->out;
  guint n = d->m->n_vars;

  o->has_form = TRUE;
  o->form_converged = r->converged;
  o->form_reason = r->reason;
  o->form_beta = r->beta;
  o->form_pf = r->pf;
  o->form_g = r->g;
  o->form_iterations = r->iterations;
  o->form_evaluations = r->g_evaluations;
  o->gradient = r->gradient;
  o->x = dup_doubles (r->x, n);
  o->u = dup_doubles (r->u, n);
  o->alpha = dup_doubles (r->alpha, n);
  o->importance = dup_doubles (r->importance, n);
  o->g_evaluations += r->g_evaluations;
  d->phase = PHASE_SOBOL;
  if (!r->converged)
    {
      o->converged = FALSE;
      o->reason = d->m->method.kind == PS_REL_METHOD_IMPORTANCE_SAMPLING
                      ? N_ ("FORM, which gives the sampling centre, did not converge")
                      : r->reason;
      return;
    }
  if (d->m->method.kind == PS_REL_METHOD_SORM)
    {
      d->sorm = ps_sorm_new (&d->m->problem, r, 0.0);
      d->phase = PHASE_SORM;
    }
  else if (d->m->method.kind == PS_REL_METHOD_IMPORTANCE_SAMPLING)
    {
      o->centre_from_form = TRUE;
      memcpy (o->centre_u, r->u, n * sizeof (double));
      memcpy (o->centre_x, r->x, n * sizeof (double));
      d->phase = PHASE_IMPORTANCE;
    }
}

static void
sorm_finished (PsRelDriver *d)
{
  const PsSormResult *r = ps_sorm_get_result (d->sorm);
  PsRelOutcome *o = d->out;

  o->has_sorm = TRUE;
  o->breitung = r->breitung;
  o->hohenbichler = r->hohenbichler;
  o->tvedt = r->tvedt;
  o->hessian_step = r->step;
  o->n_kappa = r->n_curvatures;
  o->kappa = dup_doubles (r->kappa, r->n_curvatures);
  o->sorm_reason = r->reason;
  o->sorm_evaluations = r->g_evaluations;
  o->g_evaluations += r->g_evaluations;
  d->phase = PHASE_SOBOL;
}

static void
subset_finished (PsRelDriver *d)
{
  const PsSubsetResult *r = ps_subset_get_result (d->subset);
  PsRelOutcome *o = d->out;

  o->has_subset = TRUE;
  o->subset = *r;
  o->g_evaluations += r->g_evaluations;
  o->non_finite += r->non_finite;
  if (!r->converged)
    {
      o->converged = FALSE;
      o->reason = r->reason;
    }
  d->phase = PHASE_SOBOL;
}

static const PsRelRound *
points_round (PsRelDriver *d, const double *x, guint n_points)
{
  d->round.type = PS_REL_ROUND_POINTS;
  d->round.n_points = n_points;
  d->round.points = dup_doubles (x, (gsize)n_points * d->m->n_vars);
  return &d->round;
}

const PsRelRound *
ps_rel_driver_next (PsRelDriver *d)
{
  const PsRelSetup *m = d->m;

  clear_round (&d->round);
  for (;;)
    switch (d->phase)
      {
      case PHASE_SAMPLING:
        if (!d->sampled)
          {
            d->round.type = PS_REL_ROUND_SAMPLING;
            return &d->round;
          }
        d->phase = PHASE_SOBOL;
        break;
      case PHASE_FORM:
        {
          const double *x;
          guint k = ps_form_next (d->form, &x);

          if (k > 0)
            return points_round (d, x, k);
          form_finished (d);
          break;
        }
      case PHASE_SORM:
        {
          const double *x;
          guint k = ps_sorm_next (d->sorm, &x);

          if (k > 0)
            return points_round (d, x, k);
          sorm_finished (d);
          break;
        }
      case PHASE_IMPORTANCE:
        if (!d->sampled)
          {
            d->round.type = PS_REL_ROUND_IMPORTANCE;
            d->round.centre = dup_doubles (d->out->centre_u, m->n_vars);
            return &d->round;
          }
        d->phase = PHASE_SOBOL;
        break;
      case PHASE_SUBSET:
        if (ps_subset_next (d->subset) > 0)
          {
            PsSubsetRound r;

            ps_subset_get_round (d->subset, &r);
            d->round.type = PS_REL_ROUND_SUBSET;
            d->round.level = r.level;
            d->round.threshold = r.threshold;
            d->round.n_chains = r.n_chains;
            if (r.n_chains > 0)
              d->round.seeds = dup_doubles (r.seeds, r.n_chains * (m->n_vars + 1));
            return &d->round;
          }
        subset_finished (d);
        break;
      case PHASE_SOBOL:
        if (m->sensitivity.enabled && !d->sobol_done)
          {
            d->round.type = PS_REL_ROUND_SOBOL;
            return &d->round;
          }
        d->phase = PHASE_DONE;
        break;
      case PHASE_DONE:
      default:
        return NULL;
      }
}

/* The round's rows as doubles, checked against what the round makes. */
static double *
rows_of (PsRelDriver *d, const guint8 *rows, gsize length, guint64 items, GError **error)
{
  PsRelSetup round_model = *d->m;
  gsize w;

  round_model.round = &d->round;
  w = ps_rel_eval_row_doubles (&round_model);
  if (length != items * w * sizeof (double))
    {
      g_set_error (error, PS_ERROR, PS_ERROR_FAILED,
                   _ ("a round's results are %zu bytes, expected %" PRIu64 " items of %zu bytes"),
                   length, items, w * sizeof (double));
      return NULL;
    }
  return g_memdup2 (rows, MAX (length, 1));
}

gboolean
ps_rel_driver_update (PsRelDriver *d, const PsReliabilitySummary *summary, const guint8 *rows,
                      gsize length, GError **error)
{
  const PsRelSetup *m = d->m;
  guint n = m->n_vars;
  g_autofree double *v = NULL;

  switch (d->round.type)
    {
    case PS_REL_ROUND_SAMPLING:
    case PS_REL_ROUND_IMPORTANCE:
      *d->sampling = *summary;
      d->sampling->outcome = NULL;
      d->sampled = TRUE;
      d->out->has_sampling = TRUE;
      d->out->g_evaluations += summary->samples;
      return TRUE;
    case PS_REL_ROUND_POINTS:
      {
        guint64 k = d->round.n_points;
        g_autofree double *g = g_new (double, k);
        g_autofree double *grad = g_new (double, k *n);

        v = rows_of (d, rows, length, k, error);
        if (v == NULL)
          return FALSE;
        for (guint64 i = 0; i < k; i++)
          {
            g[i] = v[i * (n + 1)];
            memcpy (grad + i * n, v + i * (n + 1) + 1, n * sizeof (double));
            d->out->non_finite += !isfinite (g[i]);
          }
        if (d->phase == PHASE_SORM)
          ps_sorm_update (d->sorm, g, grad);
        else
          {
            FormStep step;
            guint last = d->out->history->len;

            ps_form_update (d->form, g, grad);
            ps_form_get_iterate (d->form, &step.iteration, &step.beta, &step.g);
            step.g_evaluations = ps_form_get_result (d->form)->g_evaluations;
            if (last == 0
                || g_array_index (d->out->history, FormStep, last - 1).iteration != step.iteration)
              g_array_append_val (d->out->history, step);
          }
        return TRUE;
      }
    case PS_REL_ROUND_SUBSET:
      v = rows_of (d, rows, length, ps_subset_next (d->subset), error);
      if (v == NULL)
        return FALSE;
      ps_subset_set_rows (d->subset, v);
      return TRUE;
    case PS_REL_ROUND_SOBOL:
      {
        PsSobolOptions o
            = { m->sensitivity.samples, m->sensitivity.seed, m->sensitivity.bootstrap };

        v = rows_of (d, rows, length, m->sensitivity.samples, error);
        if (v == NULL)
          return FALSE;
        d->out->sobol = ps_sobol_estimate (&m->problem, &o, v);
        d->out->sobol_samples = m->sensitivity.samples;
        d->sobol_done = TRUE;
        return TRUE;
      }
    default:
      g_set_error (error, PS_ERROR, PS_ERROR_FAILED, "no round to update");
      return FALSE;
    }
}

void
ps_rel_driver_finish (PsRelDriver *d, PsReliabilitySummary *summary)
{
  if (d->out->has_sampling)
    *summary = *d->sampling;
  summary->outcome = g_steal_pointer (&d->out);
}

/* ---- the round's text ------------------------------------------------------------------ */

static void
append_number (GString *s, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* JSON has no NaN or infinities: they travel as strings. */
  if (isnan (v))
    g_string_append (s, "\"nan\"");
  else if (isinf (v))
    g_string_append (s, v > 0 ? "\"inf\"" : "\"-inf\"");
  else
    g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.17g", v));
}

static void
append_rows (GString *s, const char *name, const double *v, guint64 rows, gsize cols)
{
  g_string_append_printf (s, ", \"%s\": [", name);
  for (guint64 r = 0; r < rows; r++)
    {
      g_string_append (s, r > 0 ? ", [" : "[");
      for (gsize c = 0; c < cols; c++)
        {
          if (c > 0)
            g_string_append (s, ", ");
          append_number (s, v[r * cols + c]);
        }
      g_string_append (s, "]");
    }
  g_string_append (s, "]");
}

static const char *const round_names[] = {
  [PS_REL_ROUND_SAMPLING] = "sampling",
  [PS_REL_ROUND_POINTS] = "points",
  [PS_REL_ROUND_IMPORTANCE] = "importance-sampling",
  [PS_REL_ROUND_SUBSET] = "subset",
  [PS_REL_ROUND_SOBOL] = "sobol",
};

char *
ps_rel_round_to_json (const PsRelSetup *m, const PsRelRound *r)
{
  GString *s = g_string_new (NULL);
  guint n = m->n_vars;

  g_string_append_printf (s, "{\"type\": \"%s\"", round_names[r->type]);
  switch (r->type)
    {
    case PS_REL_ROUND_POINTS:
      append_rows (s, "points", r->points, r->n_points, n);
      break;
    case PS_REL_ROUND_IMPORTANCE:
      append_rows (s, "centre", r->centre, 1, n);
      break;
    case PS_REL_ROUND_SUBSET:
      g_string_append_printf (s, ", \"level\": %u", r->level);
      if (r->level > 0)
        {
          g_string_append (s, ", \"threshold\": ");
          append_number (s, r->threshold);
          append_rows (s, "seeds", r->seeds, r->n_chains, n + 1);
        }
      break;
    default:
      break;
    }
  g_string_append (s, "}");
  return g_string_free (s, FALSE);
}

static gboolean
node_number (JsonNode *node, double *out)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_DOUBLE:
    case G_TYPE_INT64:
      *out = json_node_get_double (node);
      return TRUE;
    case G_TYPE_STRING:
      {
        const char *t = json_node_get_string (node);

        if (g_str_equal (t, "nan"))
          *out = NAN;
        else if (g_str_equal (t, "inf"))
          *out = INFINITY;
        else if (g_str_equal (t, "-inf"))
          *out = -INFINITY;
        else
          return FALSE;
        return TRUE;
      }
    default:
      return FALSE;
    }
}

/* @member of @o: a list of @cols-number lists, into a new array; its length in
 * *@rows. */
static double *
parse_rows (JsonObject *o, const char *member, gsize cols, guint64 *rows, GError **error)
{
  JsonNode *node = json_object_get_member (o, member);
  g_autofree char *path = ps_json_path ("round", member);
  g_autofree double *v = NULL;
  JsonArray *a;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      ps_json_set_error (error, path, _ ("expected a list"));
      return NULL;
    }
  a = json_node_get_array (node);
  *rows = json_array_get_length (a);
  v = g_new (double, MAX (*rows * cols, 1));
  for (guint r = 0; r < *rows; r++)
    {
      JsonNode *row = json_array_get_element (a, r);
      JsonArray *ra;

      if (!JSON_NODE_HOLDS_ARRAY (row) || json_array_get_length (json_node_get_array (row)) != cols)
        {
          ps_json_set_error (error, path, _ ("expected lists of %zu numbers"), cols);
          return NULL;
        }
      ra = json_node_get_array (row);
      for (guint c = 0; c < cols; c++)
        if (!node_number (json_array_get_element (ra, c), &v[(gsize)r * cols + c]))
          {
            ps_json_set_error (error, path, _ ("expected numbers"));
            return NULL;
          }
    }
  return g_steal_pointer (&v);
}

gboolean
ps_rel_round_parse (JsonNode *node, PsRelSetup *m, GError **error)
{
  static const char *const keys[]
      = { "type", "points", "centre", "level", "threshold", "seeds", NULL };
  g_autofree PsRelRound *r = g_new0 (PsRelRound, 1);
  JsonObject *o;
  const char *type = NULL;
  guint n = m->n_vars;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      ps_json_set_error (error, "round", _ ("expected an object"));
      return FALSE;
    }
  o = json_node_get_object (node);
  if (!ps_json_check_keys (o, "round", keys, error)
      || !ps_json_get_string (o, "round", "type", TRUE, &type, error))
    return FALSE;
  for (guint t = PS_REL_ROUND_SAMPLING; t <= PS_REL_ROUND_SOBOL; t++)
    if (g_str_equal (type, round_names[t]))
      r->type = (PsRelRoundType)t;
  switch (r->type)
    {
    case PS_REL_ROUND_SAMPLING:
      if (m->method.kind != PS_REL_METHOD_MONTE_CARLO && m->method.kind != PS_REL_METHOD_LHS)
        {
          ps_json_set_error (error, "round.type", _ ("not a round of this method"));
          return FALSE;
        }
      break;
    case PS_REL_ROUND_POINTS:
      r->points = parse_rows (o, "points", n, &r->n_points, error);
      if (r->points == NULL)
        return FALSE;
      break;
    case PS_REL_ROUND_IMPORTANCE:
      {
        guint64 rows = 0;

        r->centre = parse_rows (o, "centre", n, &rows, error);
        if (r->centre == NULL)
          return FALSE;
        if (rows != 1 || m->method.kind != PS_REL_METHOD_IMPORTANCE_SAMPLING)
          {
            g_free (r->centre);
            ps_json_set_error (error, "round.centre", _ ("expected one point"));
            return FALSE;
          }
        break;
      }
    case PS_REL_ROUND_SUBSET:
      {
        gint64 level = 0;

        if (m->method.kind != PS_REL_METHOD_SUBSET
            || !ps_json_get_int (o, "round", "level", TRUE, 0, 1000, &level, error))
          {
            if (error != NULL && *error == NULL)
              ps_json_set_error (error, "round.type", _ ("not a round of this method"));
            return FALSE;
          }
        r->level = (guint)level;
        if (r->level > 0)
          {
            guint64 want = (guint64)llround ((double)m->method.samples_per_level * m->method.p0);

            if (!node_number (json_object_get_member (o, "threshold"), &r->threshold))
              {
                ps_json_set_error (error, "round.threshold", _ ("expected a number"));
                return FALSE;
              }
            r->seeds = parse_rows (o, "seeds", n + 1, &r->n_chains, error);
            if (r->seeds == NULL)
              return FALSE;
            if (r->n_chains != want)
              {
                g_free (r->seeds);
                ps_json_set_error (error, "round.seeds", _ ("expected %" PRIu64 " seeds"), want);
                return FALSE;
              }
          }
        break;
      }
    case PS_REL_ROUND_SOBOL:
      if (!m->sensitivity.enabled)
        {
          ps_json_set_error (error, "round.type", _ ("the study has no sensitivity analysis"));
          return FALSE;
        }
      break;
    default:
      ps_json_set_error (error, "round.type", _ ("unknown round \"%s\""), type);
      return FALSE;
    }
  m->round = g_steal_pointer (&r);
  return TRUE;
}

/* ---- summary.json ---------------------------------------------------------------------- */

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
add_vector (JsonBuilder *b, const PsRelSetup *m, const char *name, const double *v)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  for (guint i = 0; i < m->n_vars; i++)
    ps_json_add_number (b, m->var_names[i], v[i]);
  json_builder_end_object (b);
}

static void
add_int (JsonBuilder *b, const char *name, gint64 v)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, v);
}

static void
add_string (JsonBuilder *b, const char *name, const char *v)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, v);
}

/* The estimate of a sampling method from its counts (and, for importance sampling, the
 * sums of its weights). */
typedef struct
{
  double pf, pf_low, pf_high, cov, beta, beta_low, beta_high;
} Estimate;

static gboolean
is_importance (const PsRelSetup *m)
{
  return m->method.kind == PS_REL_METHOD_IMPORTANCE_SAMPLING;
}

static void
estimate (const PsRelSetup *m, guint64 samples, guint64 failures, guint64 non_finite, double sw,
          double sw2, Estimate *e)
{
  guint64 n = samples - non_finite;

  if (is_importance (m))
    {
      PsIsEstimate ie;

      ps_is_estimate_sums (n, sw, sw2, &ie);
      e->pf = ie.pf;
      e->pf_low = ie.pf_low;
      e->pf_high = ie.pf_high;
      e->cov = ie.cov;
      e->beta = ie.beta;
      e->beta_low = e->pf_high > 0 && e->pf_high < 1 ? gsl_cdf_ugaussian_Qinv (e->pf_high) : NAN;
      e->beta_high = e->pf_low > 0 ? gsl_cdf_ugaussian_Qinv (e->pf_low) : INFINITY;
    }
  else
    {
      PsReliabilityEstimate r;

      ps_reliability_estimate (failures, n, &r);
      *e = (Estimate){ r.pf, r.pf_low, r.pf_high, r.cov, r.beta, r.beta_low, r.beta_high };
    }
}

static void
summary_estimate (const PsRelSetup *m, const PsReliabilitySummary *s, Estimate *e)
{
  estimate (m, s->samples, s->failures, s->nan_samples + s->inf_samples,
            ps_xsum_to_double (&s->sum_w), ps_xsum_to_double (&s->sum_w2), e);
}

static const char *
stopped_by (const PsRelSetup *m, const PsReliabilitySummary *s, const Estimate *e)
{
  if (s->samples >= m->max_samples)
    return "samples";
  if (m->target_cov > 0 && e->cov <= m->target_cov)
    return "target_cov";
  return "time";
}

static guint64
non_finite_of (const PsRelSetup *m, const PsReliabilitySummary *s, guint64 *total)
{
  const PsRelOutcome *o = s->outcome;

  if (o == NULL || o->has_sampling)
    {
      *total = s->samples;
      return s->nan_samples + s->inf_samples;
    }
  *total = o->g_evaluations;
  return o->non_finite;
}

gboolean
ps_rel_summary_converged (const PsRelSetup *m, const PsReliabilitySummary *s, const char **reason)
{
  const PsRelOutcome *o = s->outcome;
  guint64 total, nf = non_finite_of (m, s, &total);
  const char *why = NULL;

  /* FORM and SORM stop on an iterate where g is not finite, and a line search steps
   * back from such a trial: only the sampling methods' counts are a share. */
  gboolean shares = m->method.kind != PS_REL_METHOD_FORM && m->method.kind != PS_REL_METHOD_SORM;

  if (o != NULL && !o->converged)
    why = o->reason;
  else if (shares && total > 0 && (double)nf > m->method.max_non_finite * (double)total)
    why = N_ ("g is NaN or infinite at more than max_non_finite of its evaluations");
  else if (o != NULL && o->sobol != NULL
           && (double)o->sobol->nan_rows > m->method.max_non_finite * (double)o->sobol_samples)
    why = N_ ("sensitivity: g is NaN or infinite at more than max_non_finite of the rows of "
              "the Sobol design");
  if (reason != NULL)
    *reason = why;
  return why == NULL;
}

static void
add_exact (JsonBuilder *b, const PsRelSetup *m, const Estimate *e, double se)
{
  if (!m->has_exact)
    return;
  json_builder_set_member_name (b, "exact");
  json_builder_begin_object (b);
  ps_json_add_number (b, "pf", m->exact_pf);
  ps_json_add_number (b, "beta", gsl_cdf_ugaussian_Qinv (m->exact_pf));
  if (e != NULL)
    ps_json_add_number (b, "deviation_in_standard_errors",
                        se > 0 ? (e->pf - m->exact_pf) / se : NAN);
  add_string (b, "method", m->exact_method);
  json_builder_end_object (b);
}

/* Monte Carlo, LHS and importance sampling: the members Monte Carlo always had, in
 * their order, then the new ones. */
static void
sampling_members (JsonBuilder *b, const PsRelSetup *m, const PsReliabilitySummary *s)
{
  guint64 n = ps_rel_finite_samples (s);
  Estimate e;

  summary_estimate (m, s, &e);
  add_int (b, "seed", (gint64)m->seed);
  add_int (b, "samples", (gint64)s->samples);
  add_int (b, "max_samples", (gint64)m->max_samples);
  add_int (b, "failures", (gint64)s->failures);
  add_int (b, "nan_samples", (gint64)s->nan_samples);
  ps_json_add_number (b, "pf", e.pf);
  add_interval (b, "pf_ci95", e.pf_low, e.pf_high);
  add_string (b, "pf_ci95_method",
              is_importance (m) ? "normal approximation (central limit theorem)"
              : m->method.kind == PS_REL_METHOD_LHS
                  ? "Wilson score interval (binomial: conservative for a Latin hypercube)"
                  : "Wilson score interval");
  ps_json_add_number (b, "cov", e.cov);
  ps_json_add_number (b, "beta", e.beta);
  add_interval (b, "beta_ci95", e.beta_low, e.beta_high);
  add_string (b, "stopped_by", stopped_by (m, s, &e));
  if (m->target_cov > 0)
    ps_json_add_number (b, "target_cov", m->target_cov);
  add_exact (b, m, &e,
             is_importance (m) ? e.cov * e.pf
                               : sqrt (m->exact_pf * (1 - m->exact_pf) / (double)MAX (n, 1)));
  if (m->nataf != NULL)
    {
      json_builder_set_member_name (b, "correlated");
      json_builder_add_boolean_value (b, TRUE);
    }
}

static void
form_members (JsonBuilder *b, const PsRelSetup *m, const PsRelOutcome *o)
{
  ps_json_add_number (b, "beta", o->form_beta);
  ps_json_add_number (b, "pf", o->form_pf);
  add_int (b, "iterations", o->form_iterations);
  add_string (b, "gradient", o->gradient);
  add_string (b, "algorithm", m->method.algorithm == PS_FORM_HLRF ? "hlrf" : "ihlrf");
  ps_json_add_number (b, "tolerance", m->method.tolerance);
  json_builder_set_member_name (b, "design_point");
  json_builder_begin_object (b);
  add_vector (b, m, "x", o->x);
  add_vector (b, m, "u", o->u);
  json_builder_end_object (b);
  add_vector (b, m, "alpha", o->alpha);
  add_vector (b, m, "importance_factors", o->importance);
  ps_json_add_number (b, "g_at_design_point", o->form_g);
}

static void
sorm_members (JsonBuilder *b, const PsRelOutcome *o)
{
  json_builder_set_member_name (b, "sorm");
  json_builder_begin_object (b);
  ps_json_add_number (b, "breitung", o->breitung);
  ps_json_add_number (b, "hohenbichler", o->hohenbichler);
  ps_json_add_number (b, "tvedt", o->tvedt);
  json_builder_set_member_name (b, "curvatures");
  json_builder_begin_array (b);
  for (guint i = 0; i < o->n_kappa; i++)
    json_builder_add_double_value (b, o->kappa[i]);
  json_builder_end_array (b);
  ps_json_add_number (b, "hessian_step", o->hessian_step);
  add_int (b, "g_evaluations", (gint64)o->sorm_evaluations);
  if (o->sorm_reason != NULL)
    add_string (b, "reason", o->sorm_reason);
  json_builder_end_object (b);
}

static void
subset_members (JsonBuilder *b, const PsRelSetup *m, const PsRelOutcome *o)
{
  const PsSubsetResult *r = &o->subset;

  add_int (b, "seed", (gint64)m->method.seed);
  add_int (b, "samples", (gint64)r->samples);
  add_int (b, "samples_per_level", (gint64)m->method.samples_per_level);
  ps_json_add_number (b, "p0", m->method.p0);
  ps_json_add_number (b, "pf", r->pf);
  add_interval (b, "pf_ci95", r->pf_low, r->pf_high);
  add_string (b, "pf_ci95_method", "Pf (1 -+ 1.96 cov_upper) (Au and Beck 2001)");
  ps_json_add_number (b, "cov", r->cov);
  ps_json_add_number (b, "cov_upper", r->cov_upper);
  ps_json_add_number (b, "beta", r->beta);
  if (m->method.target_cov > 0)
    ps_json_add_number (b, "target_cov", m->method.target_cov);
  json_builder_set_member_name (b, "levels");
  json_builder_begin_array (b);
  for (guint j = 0; j < r->n_levels; j++)
    {
      json_builder_begin_object (b);
      ps_json_add_number (b, "threshold", r->levels[j].threshold);
      ps_json_add_number (b, "p", r->levels[j].p);
      ps_json_add_number (b, "cov", r->levels[j].delta);
      ps_json_add_number (b, "gamma", r->levels[j].gamma);
      add_int (b, "g_evaluations", (gint64)r->levels[j].g_evaluations);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  {
    Estimate e = { r->pf, r->pf_low, r->pf_high, r->cov, r->beta, NAN, NAN };

    add_exact (b, m, &e, r->cov_upper * r->pf);
  }
}

static void
sobol_members (JsonBuilder *b, const PsRelSetup *m, const PsRelOutcome *o)
{
  const PsSobolResult *r = o->sobol;

  add_int (b, "sobol_samples", (gint64)o->sobol_samples);
  add_int (b, "sobol_g_evaluations", (gint64)r->g_evaluations);
  add_int (b, "sobol_non_finite_rows", (gint64)r->nan_rows);
  add_int (b, "sobol_bootstrap", m->sensitivity.bootstrap);
  json_builder_set_member_name (b, "sobol");
  json_builder_begin_object (b);
  for (guint i = 0; i < m->n_vars; i++)
    {
      json_builder_set_member_name (b, m->var_names[i]);
      json_builder_begin_object (b);
      ps_json_add_number (b, "first", r->index[i].first);
      add_interval (b, "first_ci95", r->index[i].first_low, r->index[i].first_high);
      ps_json_add_number (b, "total", r->index[i].total);
      add_interval (b, "total_ci95", r->index[i].total_low, r->index[i].total_high);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
}

void
ps_rel_summary_to_json (const PsRelSetup *m, const PsReliabilitySummary *s, JsonBuilder *b)
{
  const PsRelOutcome *o = s->outcome;
  const char *reason = NULL;
  gboolean converged = ps_rel_summary_converged (m, s, &reason);
  guint64 total, nf = non_finite_of (m, s, &total);

  add_string (b, "limit_state", m->limit_state);
  add_string (b, "method", ps_rel_method_name (m->method.kind));
  switch (m->method.kind)
    {
    case PS_REL_METHOD_MONTE_CARLO:
    case PS_REL_METHOD_LHS:
      sampling_members (b, m, s);
      break;
    case PS_REL_METHOD_IMPORTANCE_SAMPLING:
      if (o != NULL && o->has_sampling)
        sampling_members (b, m, s);
      else
        {
          ps_json_add_number (b, "pf", NAN);
          ps_json_add_number (b, "beta", NAN);
        }
      if (o != NULL)
        {
          json_builder_set_member_name (b, "centre");
          json_builder_begin_object (b);
          add_string (b, "from",
                      o->centre_from_form || m->method.centre_x == NULL ? "form" : "given");
          if (o->has_sampling)
            {
              add_vector (b, m, "u", o->centre_u);
              add_vector (b, m, "x", o->centre_x);
            }
          json_builder_end_object (b);
        }
      if (o != NULL && o->has_form)
        {
          json_builder_set_member_name (b, "form");
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "converged");
          json_builder_add_boolean_value (b, o->form_converged);
          if (o->form_reason != NULL)
            add_string (b, "reason", o->form_reason);
          ps_json_add_number (b, "beta", o->form_beta);
          ps_json_add_number (b, "pf", o->form_pf);
          add_int (b, "iterations", o->form_iterations);
          add_int (b, "g_evaluations", (gint64)o->form_evaluations);
          json_builder_end_object (b);
          json_builder_set_member_name (b, "design_point");
          json_builder_begin_object (b);
          add_vector (b, m, "x", o->x);
          add_vector (b, m, "u", o->u);
          json_builder_end_object (b);
          add_vector (b, m, "alpha", o->alpha);
          add_vector (b, m, "importance_factors", o->importance);
        }
      break;
    case PS_REL_METHOD_FORM:
    case PS_REL_METHOD_SORM:
      if (o != NULL && o->has_form)
        {
          form_members (b, m, o);
          add_exact (b, m, NULL, 0);
          if (o->has_sorm)
            sorm_members (b, o);
        }
      break;
    case PS_REL_METHOD_SUBSET:
      if (o != NULL && o->has_subset)
        subset_members (b, m, o);
      break;
    }
  add_int (b, "non_finite_samples", (gint64)nf);
  ps_json_add_number (b, "max_non_finite", m->method.max_non_finite);
  add_int (b, "g_evaluations", (gint64)(o != NULL ? o->g_evaluations : s->samples));
  json_builder_set_member_name (b, "converged");
  json_builder_add_boolean_value (b, converged);
  if (!converged)
    add_string (b, "reason", reason);
  if (o != NULL && o->sobol != NULL)
    sobol_members (b, m, o);
}

/* ---- convergence.csv ------------------------------------------------------------------- */

static void
sampling_row (GString *csv, const PsRelSetup *m, guint64 samples, guint64 failures, guint64 nans,
              guint64 infs, double sw, double sw2)
{
  Estimate e;
  char buf[5][G_ASCII_DTOSTR_BUF_SIZE];

  estimate (m, samples, failures, nans + infs, sw, sw2, &e);
  g_string_append_printf (
      csv,
      "%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT ",%s,%s,%s,%s,%s,"
      "%" G_GUINT64_FORMAT "\n",
      samples, failures, nans, g_ascii_formatd (buf[0], sizeof buf[0], "%.10g", e.pf),
      g_ascii_formatd (buf[1], sizeof buf[1], "%.10g", e.pf_low),
      g_ascii_formatd (buf[2], sizeof buf[2], "%.10g", e.pf_high),
      isfinite (e.cov) ? g_ascii_formatd (buf[3], sizeof buf[3], "%.6g", e.cov) : "",
      isfinite (e.beta) ? g_ascii_formatd (buf[4], sizeof buf[4], "%.6g", e.beta) : "",
      nans + infs);
}

static void
append_g (GString *csv, double v, const char *format, gboolean comma)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isfinite (v))
    g_string_append (csv, g_ascii_formatd (buf, sizeof buf, format, v));
  if (comma)
    g_string_append_c (csv, ',');
}

char *
ps_rel_convergence_csv (const PsRelSetup *m, const PsReliabilitySummary *s)
{
  const PsRelOutcome *o = s->outcome;
  GString *csv;

  if (o == NULL || o->has_sampling)
    {
      guint k;

      csv = g_string_new ("samples,failures,nan_samples,pf,pf_low95,pf_high95,cov,beta,"
                          "non_finite_samples\n");
      for (k = 0; k < m->n_checkpoints && m->checkpoints[k] <= s->samples; k++)
        sampling_row (csv, m, m->checkpoints[k], s->fail_at[k], s->nan_at[k], s->inf_at[k],
                      s->w_at[k], s->w2_at[k]);
      /* A run stopped between checkpoints ends on its final estimate. */
      if (s->samples > 0 && (k == 0 || m->checkpoints[k - 1] != s->samples))
        sampling_row (csv, m, s->samples, s->failures, s->nan_samples, s->inf_samples,
                      ps_xsum_to_double (&s->sum_w), ps_xsum_to_double (&s->sum_w2));
      return g_string_free (csv, FALSE);
    }
  if (o->has_subset)
    {
      double pf = 1.0, var = 0.0;
      guint64 samples = 0;

      csv = g_string_new ("level,samples,threshold,p,pf,cov,g_evaluations\n");
      for (guint j = 0; j < o->subset.n_levels; j++)
        {
          const PsSubsetLevel *lv = &o->subset.levels[j];

          samples += m->method.samples_per_level;
          pf *= lv->p;
          var += lv->delta * lv->delta;
          g_string_append_printf (csv, "%u,%" G_GUINT64_FORMAT ",", j, samples);
          append_g (csv, lv->threshold, "%.10g", TRUE);
          append_g (csv, lv->p, "%.10g", TRUE);
          append_g (csv, pf, "%.10g", TRUE);
          append_g (csv, sqrt (var), "%.6g", TRUE);
          g_string_append_printf (csv, "%" G_GUINT64_FORMAT "\n", lv->g_evaluations);
        }
      return g_string_free (csv, FALSE);
    }
  csv = g_string_new ("iteration,g_evaluations,beta,g\n");
  for (guint i = 0; o->history != NULL && i < o->history->len; i++)
    {
      const FormStep *st = &g_array_index (o->history, FormStep, i);

      g_string_append_printf (csv, "%u,%" G_GUINT64_FORMAT ",", st->iteration, st->g_evaluations);
      append_g (csv, st->beta, "%.10g", TRUE);
      append_g (csv, st->g, "%.10g", FALSE);
      g_string_append_c (csv, '\n');
    }
  return g_string_free (csv, FALSE);
}
