#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>

#include <gsl/gsl_cdf.h>
#include <math.h>

#include "ps-is.h"
#include "ps-lhs.h"
#include "ps-rel-run.h"
#include "ps-reliability.h"
#include "ps-sobol.h"
#include "ps-sorm.h"
#include "ps-subset.h"
#include "study/ps-json.h"

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
add_vector (JsonBuilder *b, const PsRelSetup *s, const char *name, const double *v)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  for (guint i = 0; i < s->n_vars; i++)
    ps_json_add_number (b, s->var_names[i], v[i]);
  json_builder_end_object (b);
}

static void
add_converged (JsonBuilder *b, gboolean converged, const char *reason)
{
  json_builder_set_member_name (b, "converged");
  json_builder_add_boolean_value (b, converged);
  if (!converged && reason != NULL)
    {
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, reason);
    }
}

static void
add_form (JsonBuilder *b, const PsRelSetup *s, const PsFormResult *r)
{
  add_converged (b, r->converged, r->reason);
  ps_json_add_number (b, "beta", r->beta);
  ps_json_add_number (b, "pf", r->pf);
  json_builder_set_member_name (b, "iterations");
  json_builder_add_int_value (b, r->iterations);
  json_builder_set_member_name (b, "gradient");
  json_builder_add_string_value (b, r->gradient);
  json_builder_set_member_name (b, "design_point");
  json_builder_begin_object (b);
  add_vector (b, s, "x", r->x);
  add_vector (b, s, "u", r->u);
  json_builder_end_object (b);
  add_vector (b, s, "alpha", r->alpha);
  add_vector (b, s, "importance_factors", r->importance);
}

static PsForm *
run_form (const PsRelSetup *s, guint n_pieces)
{
  PsFormOptions o;

  ps_rel_method_form_options (&s->method, &o);
  return ps_form_run (&s->problem, &o, n_pieces);
}

static gboolean
run_method (const PsRelSetup *s, guint n_pieces, JsonBuilder *b, guint64 *g_evaluations)
{
  const PsRelProblem *p = &s->problem;

  switch (s->method.kind)
    {
    case PS_REL_METHOD_FORM:
    case PS_REL_METHOD_SORM:
      {
        g_autoptr (PsForm) form = run_form (s, n_pieces);
        const PsFormResult *r = ps_form_get_result (form);

        add_form (b, s, r);
        *g_evaluations += r->g_evaluations;
        if (s->method.kind == PS_REL_METHOD_SORM && r->converged)
          {
            g_autoptr (PsSorm) sorm = ps_sorm_run (p, r, 0.0, n_pieces);
            const PsSormResult *sr = ps_sorm_get_result (sorm);

            *g_evaluations += sr->g_evaluations;
            json_builder_set_member_name (b, "sorm");
            json_builder_begin_object (b);
            ps_json_add_number (b, "breitung", sr->breitung);
            ps_json_add_number (b, "hohenbichler", sr->hohenbichler);
            ps_json_add_number (b, "tvedt", sr->tvedt);
            json_builder_set_member_name (b, "curvatures");
            json_builder_begin_array (b);
            for (guint i = 0; i < sr->n_curvatures; i++)
              json_builder_add_double_value (b, sr->kappa[i]);
            json_builder_end_array (b);
            ps_json_add_number (b, "hessian_step", sr->step);
            if (sr->reason != NULL)
              {
                json_builder_set_member_name (b, "reason");
                json_builder_add_string_value (b, sr->reason);
              }
            json_builder_end_object (b);
          }
        return r->converged;
      }
    case PS_REL_METHOD_IMPORTANCE_SAMPLING:
      {
        g_autofree double *centre = g_new0 (double, s->n_vars);
        PsIsPlan plan = { centre, s->method.samples, s->method.target_cov, s->method.seed };
        PsIsSummary *sum = g_new (PsIsSummary, 1);
        PsIsEstimate e;

        if (s->method.centre_x != NULL)
          ps_rel_x_to_u (p, s->method.centre_x, centre);
        else
          {
            g_autoptr (PsForm) form = run_form (s, n_pieces);
            const PsFormResult *r = ps_form_get_result (form);

            *g_evaluations += r->g_evaluations;
            if (!r->converged)
              {
                add_converged (b, FALSE,
                               N_ ("FORM, which gives the sampling centre, did not converge"));
                g_free (sum);
                return FALSE;
              }
            for (guint i = 0; i < s->n_vars; i++)
              centre[i] = r->u[i];
          }
        /* Commits of 16 items, as the Monte Carlo kind's chunks. */
        ps_is_run (p, &plan, 16, n_pieces, sum);
        ps_is_estimate (sum, &e);
        *g_evaluations += sum->samples;
        add_converged (b, TRUE, NULL);
        json_builder_set_member_name (b, "samples");
        json_builder_add_int_value (b, (gint64)sum->samples);
        json_builder_set_member_name (b, "failures");
        json_builder_add_int_value (b, (gint64)sum->failures);
        ps_json_add_number (b, "pf", e.pf);
        add_interval (b, "pf_ci95", e.pf_low, e.pf_high);
        ps_json_add_number (b, "cov", e.cov);
        ps_json_add_number (b, "beta", e.beta);
        add_vector (b, s, "centre", centre);
        g_free (sum);
        return TRUE;
      }
    case PS_REL_METHOD_SUBSET:
      {
        PsSubsetOptions o
            = { s->method.samples_per_level, s->method.p0, s->method.target_cov, s->method.seed };
        g_autoptr (PsSubset) sub = ps_subset_run (p, &o, n_pieces);
        const PsSubsetResult *r = ps_subset_get_result (sub);

        *g_evaluations += r->g_evaluations;
        add_converged (b, r->converged, r->reason);
        json_builder_set_member_name (b, "samples");
        json_builder_add_int_value (b, (gint64)r->samples);
        ps_json_add_number (b, "pf", r->pf);
        add_interval (b, "pf_ci95", r->pf_low, r->pf_high);
        ps_json_add_number (b, "cov", r->cov);
        ps_json_add_number (b, "cov_upper", r->cov_upper);
        ps_json_add_number (b, "beta", r->beta);
        json_builder_set_member_name (b, "levels");
        json_builder_begin_array (b);
        for (guint j = 0; j < r->n_levels; j++)
          {
            json_builder_begin_object (b);
            ps_json_add_number (b, "threshold", r->levels[j].threshold);
            ps_json_add_number (b, "p", r->levels[j].p);
            ps_json_add_number (b, "cov", r->levels[j].delta);
            ps_json_add_number (b, "gamma", r->levels[j].gamma);
            json_builder_set_member_name (b, "g_evaluations");
            json_builder_add_int_value (b, (gint64)r->levels[j].g_evaluations);
            json_builder_end_object (b);
          }
        json_builder_end_array (b);
        return r->converged;
      }
    case PS_REL_METHOD_MONTE_CARLO:
    case PS_REL_METHOD_LHS:
    default:
      {
        PsLhsPlan plan = { s->method.samples, s->method.seed, s->method.kind == PS_REL_METHOD_LHS };
        PsLhsSummary sum = { 0 }, part;
        g_autofree double *ws = g_new (double, ps_lhs_workspace_size (p));
        guint64 n_items = ps_lhs_n_items (&plan);
        PsReliabilityEstimate e;

        for (guint k = 0; k < MAX (n_pieces, 1); k++)
          {
            part = (PsLhsSummary){ 0 };
            ps_lhs_eval (p, &plan, n_items * k / MAX (n_pieces, 1),
                         n_items * (k + 1) / MAX (n_pieces, 1), &part, ws);
            ps_lhs_merge (&sum, &part);
          }
        ps_reliability_estimate (sum.failures, sum.samples - sum.nan_samples, &e);
        *g_evaluations += sum.samples;
        add_converged (b, TRUE, NULL);
        json_builder_set_member_name (b, "samples");
        json_builder_add_int_value (b, (gint64)sum.samples);
        json_builder_set_member_name (b, "failures");
        json_builder_add_int_value (b, (gint64)sum.failures);
        ps_json_add_number (b, "pf", e.pf);
        add_interval (b, "pf_ci95", e.pf_low, e.pf_high);
        ps_json_add_number (b, "cov", e.cov);
        ps_json_add_number (b, "beta", e.beta);
        return TRUE;
      }
    }
}

gboolean
ps_rel_setup_run (const PsRelSetup *s, guint n_pieces, JsonBuilder *b)
{
  guint64 evals = 0;
  gboolean ok;

  json_builder_set_member_name (b, "method");
  json_builder_add_string_value (b, ps_rel_method_name (s->method.kind));
  ok = run_method (s, n_pieces, b, &evals);
  json_builder_set_member_name (b, "g_evaluations");
  json_builder_add_int_value (b, (gint64)evals);

  if (s->sensitivity.enabled)
    {
      PsSobolOptions o = { s->sensitivity.samples, s->sensitivity.seed, s->sensitivity.bootstrap };
      g_autoptr (PsSobolResult) r = ps_sobol_run (&s->problem, &o, n_pieces, NULL);

      json_builder_set_member_name (b, "sobol_samples");
      json_builder_add_int_value (b, (gint64)o.samples);
      json_builder_set_member_name (b, "sobol");
      json_builder_begin_object (b);
      for (guint i = 0; i < s->n_vars; i++)
        {
          json_builder_set_member_name (b, s->var_names[i]);
          json_builder_begin_object (b);
          ps_json_add_number (b, "first", r->index[i].first);
          add_interval (b, "first_ci95", r->index[i].first_low, r->index[i].first_high);
          ps_json_add_number (b, "total", r->index[i].total);
          add_interval (b, "total_ci95", r->index[i].total_low, r->index[i].total_high);
          json_builder_end_object (b);
        }
      json_builder_end_object (b);
    }
  return ok;
}
