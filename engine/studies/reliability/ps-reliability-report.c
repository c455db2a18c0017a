/* ps-reliability-report.c: the reliability study's sections of the calculation
 * report: the random variables, the constants, the correlation, the limit state and
 * the method; then the design point, SORM, subset levels and Sobol indices. */
#define G_LOG_DOMAIN "parastudy-report"
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <math.h>

#include "report/ps-report-private.h"
#include "studies/reliability/ps-rel-parse.h"
#include "studies/reliability/ps-reliability.h"
#include "study/ps-study-private.h"
#include "study/ps-summary.h"

void
ps_reliability_report_inputs (PsReportWriter *w, const PsStudy *study)
{
  const PsReliabilityModel *m = study->model;
  PsReportTable t;

  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root = NULL;
  JsonObject *vars, *consts;

  /* The values in the units the study file writes them in ("300 MPa"), not in SI. */
  if (study->text != NULL
      && json_parser_load_from_data (parser, study->text, (gssize)study->text_length, NULL)
      && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    root = json_node_get_object (json_parser_get_root (parser));
  vars = root != NULL ? ps_summary_get_object (root, "variables") : NULL;
  consts = root != NULL ? ps_summary_get_object (root, "constants") : NULL;

  ps_report_heading (w, 2, _ ("Random variables"));
  ps_report_table_init (&t, 4);
  for (guint v = 0; v < m->n_vars; v++)
    {
      JsonObject *var = vars != NULL ? ps_summary_get_object (vars, m->var_names[v]) : NULL;
      const char *mean = var != NULL ? ps_summary_get_string (var, "mean") : "";
      const char *sd = var != NULL ? ps_summary_get_string (var, "sd") : "";

      ps_report_table_add (&t, g_strdup (m->var_names[v]));
      ps_report_table_add (&t, g_strdup (ps_dist_kind_name (m->dists[v].kind)));
      ps_report_table_add (
          &t, ps_report_format_as_written (ps_dist_mean (&m->dists[v]), *mean != '\0' ? mean : sd));
      ps_report_table_add (
          &t, ps_report_format_as_written (ps_dist_sd (&m->dists[v]), *sd != '\0' ? sd : mean));
    }
  {
    const char *h[] = { _ ("Variable"), _ ("Distribution"), _ ("Mean"), _ ("Standard deviation") };

    ps_report_table_write (w, &t, h, NULL);
  }
  if (m->n_consts > 0)
    {
      ps_report_heading (w, 2, _ ("Constants"));
      ps_report_table_init (&t, 2);
      for (guint c = 0; c < m->n_consts; c++)
        {
          const char *as_written
              = consts != NULL ? ps_summary_get_string (consts, m->const_names[c]) : "";

          ps_report_table_row_take (&t, m->const_names[c],
                                    ps_report_format_as_written (m->const_values[c], as_written));
        }
      ps_report_table_write (w, &t, NULL, NULL);
    }
  if (m->nataf != NULL && m->nataf->rho0 != NULL)
    {
      /* The normal copula's correlations, after the conversion of Spearman and
       * Pearson coefficients (ps-nataf.h). */
      ps_report_heading (w, 2, _ ("Correlation"));
      ps_report_table_init (&t, 3);
      for (guint a = 0; a < m->n_vars; a++)
        for (guint b = a + 1; b < m->n_vars; b++)
          {
            double r = m->nataf->rho0[(gsize)a * m->n_vars + b];

            if (r == 0.0)
              continue;
            ps_report_table_add (&t, g_strdup (m->var_names[a]));
            ps_report_table_add (&t, g_strdup (m->var_names[b]));
            ps_report_table_add (&t, ps_report_format_decimal (r, 6));
          }
      {
        const char *h[] = { _ ("Variable"), _ ("Variable"), _ ("ρ of the normal copula") };

        ps_report_table_write (w, &t, h, NULL);
      }
      ps_report_para (w,
                      _ ("The variables are correlated through the Nataf transformation "
                         "(Nataf 1962; Liu and Der Kiureghian 1986): a normal copula whose "
                         "correlations come from the study file's coefficients."),
                      FALSE);
    }
  ps_report_heading (w, 2, _ ("Limit state and method"));
  ps_report_table_init (&t, 2);
  ps_report_table_row (&t, _ ("Limit state g"), m->limit_state);
  ps_report_table_row (&t, _ ("Failure"), "g ≤ 0");
  ps_report_table_row (&t, _ ("Method"), ps_rel_method_name (m->method.kind));
  switch (m->method.kind)
    {
    case PS_REL_METHOD_FORM:
    case PS_REL_METHOD_SORM:
      ps_report_table_row (&t, _ ("Algorithm"),
                           m->method.algorithm == PS_FORM_HLRF ? "HLRF" : "iHLRF");
      ps_report_table_row_take (&t, _ ("Tolerance"),
                                ps_report_format_decimal (m->method.tolerance, 3));
      ps_report_table_row_take (&t, _ ("Maximum iterations"),
                                g_strdup_printf ("%u", m->method.max_iterations));
      break;
    case PS_REL_METHOD_SUBSET:
      ps_report_table_row_take (&t, _ ("Samples per level"),
                                ps_report_format_count (m->method.samples_per_level));
      ps_report_table_row_take (&t, _ ("Conditional probability p0"),
                                g_strdup_printf ("%g", m->method.p0));
      ps_report_table_row_take (&t, _ ("Seed"),
                                g_strdup_printf ("%" G_GUINT64_FORMAT, m->method.seed));
      break;
    default:
      ps_report_table_row_take (&t, _ ("Maximum samples"),
                                ps_report_format_count (m->method.samples));
      ps_report_table_row_take (
          &t, _ ("Target CoV of Pf"),
          m->method.target_cov > 0 ? g_strdup_printf ("%g", m->method.target_cov) : g_strdup ("—"));
      ps_report_table_row_take (&t, _ ("Seed"),
                                g_strdup_printf ("%" G_GUINT64_FORMAT, m->method.seed));
      if (m->method.kind == PS_REL_METHOD_IMPORTANCE_SAMPLING)
        ps_report_table_row (&t, _ ("Sampling centre"),
                             m->method.centre_x == NULL ? _ ("FORM's design point")
                                                        : _ ("the study file's point"));
      break;
    }
  ps_report_table_row_take (&t, _ ("Largest share of non-finite g"),
                            g_strdup_printf ("%g", m->method.max_non_finite));
  if (m->sensitivity.enabled)
    ps_report_table_row_take (
        &t, _ ("Sobol sensitivity"),
        g_strdup_printf (_ ("%" PRIu64 " rows, seed %" PRIu64 ", %u bootstrap resamples"),
                         m->sensitivity.samples, m->sensitivity.seed, m->sensitivity.bootstrap));
  ps_report_table_write (w, &t, NULL, NULL);
  switch (m->method.kind)
    {
    case PS_REL_METHOD_MONTE_CARLO:
      ps_report_para (
          w,
          /* xgettext:no-c-format */
          _ ("Method: crude Monte Carlo. Sample i of each variable is drawn from the "
             "counter-based generator Philox4x32-10 (Salmon et al., SC'11) keyed by the seed and "
             "the variable, through the inverse CDF, so the samples do not depend on the "
             "backend or the worker count. Estimator P̂f = failures / samples; its 95 % "
             "interval is the Wilson score interval (Wilson, 1927); β = −Φ⁻¹(Pf). With a "
             "target CoV the run stops at the first chunk boundary, in sample order, where "
             "CoV = √((1 − P̂f)/(n·P̂f)) falls below it."),
          FALSE);
      break;
    case PS_REL_METHOD_LHS:
      ps_report_para (w,
                      _ ("Method: Latin hypercube sampling (McKay, Beckman and Conover 1979): "
                         "each variable's range of probability is cut into as many strata as "
                         "samples in a block, one sample per stratum. The CoV shown is the "
                         "binomial one of crude Monte Carlo, an upper bound."),
                      FALSE);
      break;
    case PS_REL_METHOD_FORM:
    case PS_REL_METHOD_SORM:
      ps_report_para (
          w,
          _ ("Method: FORM (Hasofer and Lind 1974; Rackwitz and Fiessler 1978; the improved "
             "step of Zhang and Der Kiureghian 1995). The design point is the point of the "
             "limit state nearest the origin in standard normal space; β is its distance and "
             "Pf = Φ(−β). Gradients are computed exactly by automatic differentiation of the "
             "limit state. SORM corrects Pf with the curvatures of the limit state at the "
             "design point (Breitung 1984; Hohenbichler and Rackwitz 1988; Tvedt 1990)."),
          FALSE);
      break;
    case PS_REL_METHOD_IMPORTANCE_SAMPLING:
      ps_report_para (w,
                      _ ("Method: importance sampling (Melchers, Structural Reliability Analysis "
                         "and Prediction, 1999): standard normal samples "
                         "shifted to the centre, each failure weighted by the ratio of the "
                         "densities; the estimate's CoV is that of the weighted mean."),
                      FALSE);
      break;
    case PS_REL_METHOD_SUBSET:
      ps_report_para (w,
                      _ ("Method: subset simulation (Au and Beck 2001): Pf is a product of "
                         "conditional probabilities of intermediate thresholds of g, each "
                         "level's samples grown by Markov chains (modified Metropolis) from "
                         "the p0 fraction of the level before. The CoV is Au and Beck's lower "
                         "bound; cov_upper allows for the correlation between levels."),
                      FALSE);
      break;
    }
}

static JsonObject *
object_member (JsonObject *o, const char *name)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, name) : NULL;

  return n != NULL && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

static char *
number_member (JsonObject *o, const char *name)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, name) : NULL;

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n))
    return g_strdup ("—");
  return ps_report_format_decimal (json_node_get_double (n), 6);
}

/* A design point's coordinate @name of @o in the unit the study file writes the
 * variable's mean in ("280 MPa": x* in MPa), from @vars, the file's "variables". */
static char *
written_member (JsonObject *o, JsonObject *vars, const char *name)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, name) : NULL;
  JsonObject *var = vars != NULL ? object_member (vars, name) : NULL;
  const char *mean = var != NULL ? ps_summary_get_string (var, "mean") : "";

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n))
    return g_strdup ("—");
  if (mean == NULL || *mean == '\0')
    mean = var != NULL ? ps_summary_get_string (var, "sd") : "";
  return ps_report_format_as_written (json_node_get_double (n), mean);
}

static char *
interval_member (JsonObject *o, const char *name)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, name) : NULL;
  JsonArray *a;

  if (n == NULL || !JSON_NODE_HOLDS_ARRAY (n))
    return g_strdup ("—");
  a = json_node_get_array (n);
  if (json_array_get_length (a) != 2)
    return g_strdup ("—");
  return g_strdup_printf ("[%.4g, %.4g]", json_array_get_double_element (a, 0),
                          json_array_get_double_element (a, 1));
}

void
ps_reliability_report_results (PsReportWriter *w, const PsStudy *study, PsRunData *data)
{
  const PsReliabilityModel *m = study->model;
  JsonObject *summary = ps_run_data_get_summary (data);
  JsonObject *dp = object_member (summary, "design_point");
  JsonObject *sorm = object_member (summary, "sorm");
  JsonObject *sobol = object_member (summary, "sobol");
  JsonNode *levels = json_object_get_member (summary, "levels");
  PsReportTable t;

  if (json_object_has_member (summary, "converged")
      && !json_object_get_boolean_member (summary, "converged"))
    {
      g_autofree char *text = g_strdup_printf (
          _ ("Not a result: %s. The values shown are the method's last state."),
          _ (json_object_get_string_member_with_default (summary, "reason", "?")));

      ps_report_para (w, text, FALSE);
    }
  if (dp == NULL)
    dp = object_member (summary, "centre");
  if (dp != NULL)
    {
      JsonObject *x = object_member (dp, "x"), *u = object_member (dp, "u");
      JsonObject *alpha = object_member (summary, "alpha");
      JsonObject *imp = object_member (summary, "importance_factors");

      g_autoptr (JsonParser) parser = json_parser_new ();
      JsonObject *vars = NULL;

      /* x* in the units the study file writes each variable in, as the inputs are. */
      if (study->text != NULL
          && json_parser_load_from_data (parser, study->text, (gssize)study->text_length, NULL)
          && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        vars = object_member (json_node_get_object (json_parser_get_root (parser)), "variables");
      ps_report_heading (w, 2, _ ("Design point"));
      ps_report_table_init (&t, 5);
      for (guint v = 0; v < m->n_vars; v++)
        {
          ps_report_table_add (&t, g_strdup (m->var_names[v]));
          ps_report_table_add (&t, written_member (x, vars, m->var_names[v]));
          ps_report_table_add (&t, number_member (u, m->var_names[v]));
          ps_report_table_add (&t, number_member (alpha, m->var_names[v]));
          ps_report_table_add (&t, number_member (imp, m->var_names[v]));
        }
      {
        const char *h[] = { _ ("Variable"), _ ("x*"), _ ("u*"), _ ("α"),
                            _ ("Importance factor α² (sign of α)") };

        ps_report_table_write (w, &t, h, NULL);
      }
      ps_report_para (w,
                      _ ("A positive importance factor marks a variable that drives towards "
                         "failure as it grows (a load), a negative one a variable whose fall "
                         "does (a resistance); their magnitudes add up to 1."),
                      TRUE);
    }
  if (sorm != NULL)
    {
      JsonNode *k = json_object_get_member (sorm, "curvatures");
      g_autoptr (GString) ks = g_string_new (NULL);

      if (k != NULL && JSON_NODE_HOLDS_ARRAY (k))
        for (guint i = 0; i < json_array_get_length (json_node_get_array (k)); i++)
          g_string_append_printf (ks, "%s%.4g", i > 0 ? ", " : "",
                                  json_array_get_double_element (json_node_get_array (k), i));
      ps_report_heading (w, 2, _ ("SORM"));
      ps_report_table_init (&t, 2);
      ps_report_table_row_take (&t, _ ("Pf, Breitung"), number_member (sorm, "breitung"));
      ps_report_table_row_take (&t, _ ("Pf, Hohenbichler–Rackwitz"),
                                number_member (sorm, "hohenbichler"));
      ps_report_table_row_take (&t, _ ("Pf, Tvedt"), number_member (sorm, "tvedt"));
      ps_report_table_row (&t, _ ("Principal curvatures"), ks->len > 0 ? ks->str : "—");
      ps_report_table_write (w, &t, NULL, NULL);
    }
  if (levels != NULL && JSON_NODE_HOLDS_ARRAY (levels))
    {
      JsonArray *a = json_node_get_array (levels);

      ps_report_heading (w, 2, _ ("Subset levels"));
      ps_report_table_init (&t, 5);
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonObject *l = json_array_get_object_element (a, i);

          ps_report_table_add (&t, g_strdup_printf ("%u", i));
          ps_report_table_add (&t, number_member (l, "threshold"));
          ps_report_table_add (&t, number_member (l, "p"));
          ps_report_table_add (&t, number_member (l, "cov"));
          ps_report_table_add (&t, number_member (l, "g_evaluations"));
        }
      {
        const char *h[] = { _ ("Level"), _ ("Threshold of g"), _ ("Conditional probability"),
                            _ ("CoV"), _ ("Evaluations of g") };

        ps_report_table_write (w, &t, h, NULL);
      }
    }
  if (sobol != NULL)
    {
      ps_report_heading (w, 2, _ ("Sobol sensitivity indices"));
      ps_report_table_init (&t, 5);
      for (guint v = 0; v < m->n_vars; v++)
        {
          JsonObject *s = object_member (sobol, m->var_names[v]);

          ps_report_table_add (&t, g_strdup (m->var_names[v]));
          ps_report_table_add (&t, number_member (s, "first"));
          ps_report_table_add (&t, interval_member (s, "first_ci95"));
          ps_report_table_add (&t, number_member (s, "total"));
          ps_report_table_add (&t, interval_member (s, "total_ci95"));
        }
      {
        const char *h[]
            = { _ ("Variable"), _ ("First order S"), /* xgettext:no-c-format */ _ ("95 % interval"),
                _ ("Total S_T"), /* xgettext:no-c-format */ _ ("95 % interval") };

        ps_report_table_write (w, &t, h, NULL);
      }
      ps_report_para (w,
                      /* xgettext:no-c-format */
                      _ ("Indices of the variance of g (Saltelli et al. 2010, first order; "
                         "Jansen 1999, total), with bootstrap 95 % intervals."),
                      TRUE);
    }
}
