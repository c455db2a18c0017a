/* ps-reliability-summary.c: the reliability study's summary rows, read from its
 * summary.json, for every method: the terminal's lines, the GUI's Summary tab and the
 * report's key results. Crude Monte Carlo keeps the lines it always had; the other
 * methods' rows are added by method, and any method's sensitivity analysis and its
 * convergence (a method that did not converge says so, and its figures are labelled
 * as the last iterate, not a result). */
#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>

#include "report/ps-report-private.h"
#include "studies/reliability/ps-reliability.h"

/* English texts of summary.json (the exact method, the reasons of
 * non-convergence), which the catalogue translates (their files mark them N_()). */
/* A probability as engineers write it: 7.8526 × 10⁻⁵, not 7.8526e-05, in the
 * locale's decimal separator (ps_report_format_decimal()). */
static char *
pf_text (double pf)
{
  return ps_report_format_decimal (pf, 5);
}

static const char *
translated (const char *text)
{
  return text != NULL && *text != '\0' ? _ (text) : "";
}

static const char *
translated_method (JsonObject *exact)
{
  return translated (json_object_get_string_member_with_default (exact, "method", ""));
}

static gboolean
is_method (JsonObject *s, const char *name)
{
  return g_str_equal (ps_summary_get_string (s, "method"), name);
}

static gboolean
sampling_method (JsonObject *s)
{
  return is_method (s, "monte-carlo") || is_method (s, "lhs")
         || is_method (s, "importance-sampling");
}

static gboolean
converged (JsonObject *s)
{
  JsonNode *n = json_object_get_member (s, "converged");

  /* summary.json of a run before "converged" existed: Monte Carlo, always a result. */
  return n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_boolean (n);
}

/* The method as the rows name it. */
static const char *
method_label (JsonObject *s)
{
  if (is_method (s, "lhs"))
    return _ ("Latin hypercube sampling");
  if (is_method (s, "form"))
    return _ ("FORM");
  if (is_method (s, "sorm"))
    return _ ("SORM");
  if (is_method (s, "importance-sampling"))
    return _ ("importance sampling");
  if (is_method (s, "subset"))
    return _ ("subset simulation");
  return _ ("crude Monte Carlo");
}

/* The variables of a {variable: value} member, in the file's order. */
static GList *
members_of (JsonObject *o)
{
  return o != NULL ? json_object_get_members (o) : NULL;
}

/* "name = value, ..." of a {variable: value} member. */
static char *
vector_text (JsonObject *o, gboolean in_u)
{
  g_autoptr (GList) names = members_of (o);
  GString *t = g_string_new (NULL);

  for (GList *l = names; l != NULL; l = l->next)
    {
      double v = ps_summary_get_number (o, l->data);

      g_string_append_printf (t, "%s%s = ", l == names ? "" : ", ", (const char *)l->data);
      if (in_u)
        g_string_append_printf (t, "%.4f", v);
      else
        g_string_append_printf (t, "%.6g", v);
    }
  return g_string_free (t, FALSE);
}

typedef struct
{
  const char *name;
  double value;
} Named;

static int
by_magnitude (const void *a, const void *b)
{
  double x = fabs (((const Named *)a)->value), y = fabs (((const Named *)b)->value);

  return x < y ? 1 : x > y ? -1 : 0;
}

/* The importance factors, the largest first: "strength −0.964, load +0.036". */
static char *
importance_text (JsonObject *o)
{
  g_autoptr (GList) names = members_of (o);
  guint n = g_list_length (names), i = 0;
  g_autofree Named *v = g_new0 (Named, MAX (n, 1));
  GString *t = g_string_new (NULL);

  for (GList *l = names; l != NULL; l = l->next, i++)
    v[i] = (Named){ l->data, ps_summary_get_number (o, l->data) };
  qsort (v, n, sizeof *v, by_magnitude);
  for (i = 0; i < n; i++)
    g_string_append_printf (t, "%s%s %+.3f", i ? ", " : "", v[i].name, v[i].value);
  return g_string_free (t, FALSE);
}

static void
add_interval_text (GString *t, JsonArray *a)
{
  if (a == NULL || json_array_get_length (a) != 2)
    return;
  g_string_append_printf (t, " [%.3f, %.3f]", json_array_get_double_element (a, 0),
                          json_array_get_double_element (a, 1));
}

static double
interval_end (JsonArray *a, guint i)
{
  if (a == NULL || json_array_get_length (a) != 2
      || json_node_is_null (json_array_get_element (a, i)))
    return NAN;
  return json_array_get_double_element (a, i);
}

/* ---- the terminal --------------------------------------------------------------------- */

/* Crude Monte Carlo and Latin hypercube sampling: the lines Monte Carlo always had. */
static void
terminal_sampling (JsonObject *s, GPtrArray *rows)
{
  guint64 samples = ps_summary_get_count (s, "samples");
  guint64 failures = ps_summary_get_count (s, "failures");
  guint64 nan_samples = ps_summary_get_count (s, "nan_samples");
  guint64 non_finite = json_object_has_member (s, "non_finite_samples")
                           ? ps_summary_get_count (s, "non_finite_samples")
                           : nan_samples;
  PsReliabilityEstimate e;

  /* From the counts, as the run computed them: summary.json writes null for an
   * infinite beta. */
  ps_reliability_estimate (failures, samples - non_finite, &e);
  /* The reason is the name of the setting that stopped the run (samples, target_cov
   * or time), as in the study file and summary.json. */
  ps_summary_add_values (rows, "samples", C_ ("summary", "samples"), PS_SUMMARY_COUNT, "",
                         g_strdup_printf (_ ("%llu (stopped by %s)"), (unsigned long long)samples,
                                          ps_summary_get_string (s, "stopped_by")),
                         (double)samples);
  ps_summary_add_values (rows, "failures", C_ ("summary", "failures"), PS_SUMMARY_COUNT, "",
                         g_strdup_printf ("%" G_GUINT64_FORMAT, failures), (double)failures);
  {
    g_autofree char *p = pf_text (e.pf), *lo = pf_text (e.pf_low), *hi = pf_text (e.pf_high);

    ps_summary_add_values (
        rows, "pf", C_ ("summary", "Pf"), PS_SUMMARY_ESTIMATE, "",
        g_strdup_printf (_ ("%s  (95 %% Wilson interval %s – %s, CoV %.3g)"), p, lo, hi, e.cov),
        e.pf, e.pf_low, e.pf_high);
  }
  ps_summary_add_values (rows, "beta", C_ ("summary", "beta"), PS_SUMMARY_ESTIMATE, "",
                         g_strdup_printf ("%.4f  (%.4f – %.4f)", e.beta, e.beta_low, e.beta_high),
                         e.beta, e.beta_low, e.beta_high);
}

/* Importance sampling: its interval is the normal approximation's. */
static void
terminal_importance (JsonObject *s, GPtrArray *rows)
{
  guint64 samples = ps_summary_get_count (s, "samples");
  JsonArray *ci = ps_summary_get_array (s, "pf_ci95");
  JsonArray *bci = ps_summary_get_array (s, "beta_ci95");
  JsonObject *form = ps_summary_get_object (s, "form");
  JsonObject *centre = ps_summary_get_object (s, "centre");
  double pf = ps_summary_get_number (s, "pf"), beta = ps_summary_get_number (s, "beta");

  if (form != NULL)
    ps_summary_add_values (
        rows, "centre", C_ ("summary", "centre"), PS_SUMMARY_NUMBER, "",
        g_strdup_printf (_ ("FORM design point, beta %.4f (%llu iterations, %llu g evaluations)"),
                         ps_summary_get_number (form, "beta"),
                         (unsigned long long)ps_summary_get_count (form, "iterations"),
                         (unsigned long long)ps_summary_get_count (form, "g_evaluations")),
        ps_summary_get_number (form, "beta"));
  else if (centre != NULL)
    ps_summary_add (rows, "centre", C_ ("summary", "centre"), PS_SUMMARY_TEXT, "",
                    vector_text (ps_summary_get_object (centre, "x"), FALSE));
  if (!json_object_has_member (s, "samples"))
    return;
  ps_summary_add_values (rows, "samples", C_ ("summary", "samples"), PS_SUMMARY_COUNT, "",
                         g_strdup_printf (_ ("%llu (stopped by %s)"), (unsigned long long)samples,
                                          ps_summary_get_string (s, "stopped_by")),
                         (double)samples);
  ps_summary_add_values (
      rows, "failures", C_ ("summary", "failures"), PS_SUMMARY_COUNT, "",
      g_strdup_printf ("%" G_GUINT64_FORMAT, ps_summary_get_count (s, "failures")),
      (double)ps_summary_get_count (s, "failures"));
  {
    g_autofree char *p = pf_text (pf), *lo = pf_text (interval_end (ci, 0)),
                    *hi = pf_text (interval_end (ci, 1));

    ps_summary_add_values (rows, "pf", C_ ("summary", "Pf"), PS_SUMMARY_ESTIMATE, "",
                           g_strdup_printf (_ ("%s  (95 %% interval %s – %s, CoV %.3g)"), p, lo, hi,
                                            ps_summary_get_number (s, "cov")),
                           pf, interval_end (ci, 0), interval_end (ci, 1));
  }
  ps_summary_add_values (
      rows, "beta", C_ ("summary", "beta"), PS_SUMMARY_ESTIMATE, "",
      g_strdup_printf ("%.4f  (%.4f – %.4f)", beta, interval_end (bci, 0), interval_end (bci, 1)),
      beta, interval_end (bci, 0), interval_end (bci, 1));
}

static void
terminal_form (JsonObject *s, GPtrArray *rows)
{
  JsonObject *dp = ps_summary_get_object (s, "design_point");
  JsonObject *sorm = ps_summary_get_object (s, "sorm");
  gboolean ok = converged (s);
  double beta = ps_summary_get_number (s, "beta"), pf = ps_summary_get_number (s, "pf");

  ps_summary_add_values (
      rows, "iterations", C_ ("summary", "iterations"), PS_SUMMARY_COUNT, "",
      g_strdup_printf (_ ("%llu (%s, %llu g evaluations, gradient by automatic differentiation)"),
                       (unsigned long long)ps_summary_get_count (s, "iterations"),
                       ps_summary_get_string (s, "algorithm"),
                       (unsigned long long)ps_summary_get_count (s, "g_evaluations")),
      (double)ps_summary_get_count (s, "iterations"));
  if (ok)
    {
      g_autofree char *p = pf_text (pf);

      ps_summary_add_values (rows, "beta", C_ ("summary", "beta"), PS_SUMMARY_NUMBER, "",
                             g_strdup_printf (_ ("%.4f  (Pf = Φ(−β) = %s)"), beta, p), beta);
    }
  else
    ps_summary_add_values (rows, "beta", C_ ("summary", "beta"), PS_SUMMARY_NUMBER, "",
                           g_strdup_printf (_ ("%.4f at the last iterate: not a result"), beta),
                           beta);
  if (dp != NULL)
    {
      ps_summary_add (rows, "design_point.x", C_ ("summary", "design point"), PS_SUMMARY_TEXT, "",
                      vector_text (ps_summary_get_object (dp, "x"), FALSE));
      ps_summary_add (rows, "design_point.u", C_ ("summary", "in u"), PS_SUMMARY_TEXT, "",
                      vector_text (ps_summary_get_object (dp, "u"), TRUE));
    }
  if (ps_summary_get_object (s, "importance_factors") != NULL)
    ps_summary_add (rows, "importance_factors", C_ ("summary", "importance"), PS_SUMMARY_TEXT, "",
                    importance_text (ps_summary_get_object (s, "importance_factors")));
  if (sorm != NULL)
    {
      JsonArray *k = ps_summary_get_array (sorm, "curvatures");
      GString *t = g_string_new (NULL);

      g_autofree char *b = pf_text (ps_summary_get_number (sorm, "breitung"));
      g_autofree char *h = pf_text (ps_summary_get_number (sorm, "hohenbichler"));
      g_autofree char *tv = pf_text (ps_summary_get_number (sorm, "tvedt"));

      ps_summary_add_values (
          rows, "sorm", C_ ("summary", "SORM Pf"), PS_SUMMARY_NUMBER, "",
          g_strdup_printf (_ ("%s Breitung, %s Hohenbichler–Rackwitz, %s Tvedt"), b, h, tv),
          ps_summary_get_number (sorm, "tvedt"));
      for (guint i = 0; k != NULL && i < json_array_get_length (k); i++)
        g_string_append_printf (t, "%s%.4g", i ? ", " : "", json_array_get_double_element (k, i));
      ps_summary_add (rows, "sorm.curvatures", C_ ("summary", "curvatures"), PS_SUMMARY_TEXT, "",
                      g_string_free (t, FALSE));
    }
}

static void
terminal_subset (JsonObject *s, GPtrArray *rows)
{
  JsonArray *levels = ps_summary_get_array (s, "levels");
  JsonArray *ci = ps_summary_get_array (s, "pf_ci95");
  guint n = levels != NULL ? json_array_get_length (levels) : 0;
  GString *t = g_string_new (NULL);
  double pf = ps_summary_get_number (s, "pf");

  for (guint j = 0; j < n; j++)
    g_string_append_printf (
        t, "%s%.4g", j ? ", " : "",
        ps_summary_get_number (json_array_get_object_element (levels, j), "threshold"));
  ps_summary_add_values (
      rows, "levels", C_ ("summary", "levels"), PS_SUMMARY_COUNT, "",
      g_strdup_printf (_ ("%u of %llu samples, p0 = %g; thresholds %s"), n,
                       (unsigned long long)ps_summary_get_count (s, "samples_per_level"),
                       ps_summary_get_number (s, "p0"), t->str),
      (double)n);
  g_string_free (t, TRUE);
  if (!json_object_has_member (s, "pf"))
    return;
  {
    g_autofree char *p = pf_text (pf), *lo = pf_text (interval_end (ci, 0)),
                    *hi = pf_text (interval_end (ci, 1));

    ps_summary_add_values (rows, "pf", C_ ("summary", "Pf"), PS_SUMMARY_ESTIMATE, "",
                           g_strdup_printf (_ ("%s  (95 %% interval %s – %s, CoV %.3g – %.3g)"), p,
                                            lo, hi, ps_summary_get_number (s, "cov"),
                                            ps_summary_get_number (s, "cov_upper")),
                           pf, interval_end (ci, 0), interval_end (ci, 1));
  }
  ps_summary_add_values (rows, "beta", C_ ("summary", "beta"), PS_SUMMARY_NUMBER, "",
                         g_strdup_printf ("%.4f", ps_summary_get_number (s, "beta")),
                         ps_summary_get_number (s, "beta"));
  ps_summary_add_values (
      rows, "g_evaluations", C_ ("summary", "g evaluations"), PS_SUMMARY_COUNT, "",
      g_strdup_printf ("%" G_GUINT64_FORMAT, ps_summary_get_count (s, "g_evaluations")),
      (double)ps_summary_get_count (s, "g_evaluations"));
}

static void
terminal_sobol (JsonObject *s, GPtrArray *rows)
{
  JsonObject *sobol = ps_summary_get_object (s, "sobol");
  g_autoptr (GList) names = members_of (sobol);

  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonObject *v = ps_summary_get_object (sobol, l->data);
      g_autofree char *key = g_strdup_printf ("sobol.%s", (const char *)l->data);
      g_autofree char *label = g_strdup_printf (C_ ("summary", "Sobol %s"), (const char *)l->data);
      GString *t = g_string_new (NULL);

      g_string_append_printf (t, _ ("first %.3f"), ps_summary_get_number (v, "first"));
      add_interval_text (t, ps_summary_get_array (v, "first_ci95"));
      g_string_append_printf (t, _ (", total %.3f"), ps_summary_get_number (v, "total"));
      add_interval_text (t, ps_summary_get_array (v, "total_ci95"));
      ps_summary_add_values (rows, key, label, PS_SUMMARY_NUMBER, "", g_string_free (t, FALSE),
                             ps_summary_get_number (v, "first"));
    }
}

static void
terminal_rows (JsonObject *s, GPtrArray *rows)
{
  guint64 nan_samples = ps_summary_get_count (s, "nan_samples");
  guint64 non_finite = ps_summary_get_count (s, "non_finite_samples");
  JsonObject *exact = ps_summary_get_object (s, "exact");

  ps_summary_add (rows, "limit_state", C_ ("summary", "limit state"), PS_SUMMARY_TEXT, "",
                  g_strdup_printf ("g = %s", ps_summary_get_string (s, "limit_state")));
  if (!is_method (s, "monte-carlo") && *ps_summary_get_string (s, "method") != '\0')
    ps_summary_add (rows, "method", C_ ("summary", "method"), PS_SUMMARY_TEXT, "",
                    g_strdup (method_label (s)));
  if (is_method (s, "form") || is_method (s, "sorm"))
    terminal_form (s, rows);
  else if (is_method (s, "importance-sampling"))
    terminal_importance (s, rows);
  else if (is_method (s, "subset"))
    terminal_subset (s, rows);
  else
    terminal_sampling (s, rows);
  if (nan_samples > 0)
    ps_summary_add_values (rows, "nan_samples", C_ ("summary", "NaN samples"), PS_SUMMARY_COUNT, "",
                           g_strdup_printf (_ ("%llu (g undefined; excluded from Pf)"),
                                            (unsigned long long)nan_samples),
                           (double)nan_samples);
  if (non_finite > nan_samples)
    ps_summary_add_values (rows, "non_finite_samples", C_ ("summary", "non-finite g"),
                           PS_SUMMARY_COUNT, "",
                           g_strdup_printf (_ ("%llu (g infinite or NaN; excluded from Pf)"),
                                            (unsigned long long)non_finite),
                           (double)non_finite);
  if (exact != NULL)
    {
      double pf = ps_summary_get_number (exact, "pf");

      /* Beta from Pf as the run computed it (summary.json has null for an infinite one). */
      g_autofree char *p = pf_text (pf);

      ps_summary_add_values (rows, "exact", C_ ("summary", "exact Pf"), PS_SUMMARY_NUMBER, "",
                             g_strdup_printf (_ ("%s, beta %.4f (%s)"), p,
                                              gsl_cdf_ugaussian_Qinv (pf),
                                              translated_method (exact)),
                             pf);
    }
  terminal_sobol (s, rows);
  if (!converged (s))
    ps_summary_add (rows, "converged", C_ ("summary", "NOT A RESULT"), PS_SUMMARY_TEXT, "",
                    g_strdup_printf (_ ("%s did not give a result: %s"), method_label (s),
                                     translated (ps_summary_get_string (s, "reason"))));
}

/* ---- the Summary tab --------------------------------------------------------------------- */

/* An interval of summary.json ([low, high]) as the Summary tab shows it. */
static void
add_screen_interval (GPtrArray *rows, JsonObject *s, const char *member, const char *label)
{
  JsonArray *a = ps_summary_get_array (s, member);

  if (a == NULL || json_array_get_length (a) != 2)
    return;
  ps_summary_add_values (rows, member, label, PS_SUMMARY_RANGE, "",
                         g_strdup_printf ("%.6g – %.6g", interval_end (a, 0), interval_end (a, 1)),
                         interval_end (a, 0), interval_end (a, 1));
}

typedef enum
{
  VECTOR_X,
  VECTOR_U,
  VECTOR_IMPORTANCE,
} Vector;

/* One row per variable of a {variable: value} member: "design_point.x.load". */
static void
add_screen_vector (GPtrArray *rows, JsonObject *o, const char *key, Vector which)
{
  g_autoptr (GList) names = members_of (o);

  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      g_autofree char *k = g_strdup_printf ("%s.%s", key, name);
      g_autofree char *label = NULL;
      double v = ps_summary_get_number (o, name);
      char *text;

      switch (which)
        {
        case VECTOR_X:
          /* TRANSLATORS: %s is a random variable's name. */
          label = g_strdup_printf (_ ("Design point: %s"), name);
          break;
        case VECTOR_U:
          /* TRANSLATORS: %s is a random variable's name; u is standard normal space. */
          label = g_strdup_printf (_ ("Design point in u: %s"), name);
          break;
        case VECTOR_IMPORTANCE:
        default:
          /* TRANSLATORS: %s is a random variable's name. */
          label = g_strdup_printf (_ ("Importance factor α² of %s"), name);
          break;
        }
      if (!isfinite (v))
        text = g_strdup ("—");
      else if (which == VECTOR_IMPORTANCE)
        text = g_strdup_printf ("%+.4f", v);
      else
        text = g_strdup_printf ("%.6g", v);
      ps_summary_add_values (rows, k, label, PS_SUMMARY_NUMBER, "", text, v);
    }
}

static void
screen_method_rows (JsonObject *s, GPtrArray *rows)
{
  JsonObject *dp = ps_summary_get_object (s, "design_point");
  JsonObject *sorm = ps_summary_get_object (s, "sorm");
  JsonObject *form = ps_summary_get_object (s, "form");
  JsonArray *levels = ps_summary_get_array (s, "levels");
  JsonObject *sobol = ps_summary_get_object (s, "sobol");

  ps_summary_add (rows, "method", _ ("Method"), PS_SUMMARY_TEXT, "", g_strdup (method_label (s)));
  ps_summary_add (
      rows, "converged", _ ("Converged"), PS_SUMMARY_TEXT, "",
      converged (s)
          ? g_strdup (_ ("yes"))
          : g_strdup_printf (_ ("no: %s"), translated (ps_summary_get_string (s, "reason"))));
  ps_summary_add_screen_count (rows, s, "g_evaluations", _ ("Evaluations of g"));
  ps_summary_add_screen_count (rows, s, "iterations", _ ("FORM iterations"));
  if (form != NULL)
    ps_summary_add_values (rows, "form.beta", _ ("β of FORM (the centre)"), PS_SUMMARY_NUMBER, "",
                           g_strdup_printf ("%.6g", ps_summary_get_number (form, "beta")),
                           ps_summary_get_number (form, "beta"));
  if (dp != NULL)
    {
      add_screen_vector (rows, ps_summary_get_object (dp, "x"), "design_point.x", VECTOR_X);
      add_screen_vector (rows, ps_summary_get_object (dp, "u"), "design_point.u", VECTOR_U);
    }
  add_screen_vector (rows, ps_summary_get_object (s, "importance_factors"), "importance_factors",
                     VECTOR_IMPORTANCE);
  if (sorm != NULL)
    {
      ps_summary_add_screen_number (rows, sorm, "breitung", _ ("SORM Pf, Breitung"), 1, "", "");
      ps_summary_add_screen_number (rows, sorm, "hohenbichler",
                                    _ ("SORM Pf, Hohenbichler–Rackwitz"), 1, "", "");
      ps_summary_add_screen_number (rows, sorm, "tvedt", _ ("SORM Pf, Tvedt"), 1, "", "");
    }
  for (guint j = 0; levels != NULL && j < json_array_get_length (levels); j++)
    {
      JsonObject *lv = json_array_get_object_element (levels, j);
      g_autofree char *key = g_strdup_printf ("levels[%u].threshold", j);
      /* TRANSLATORS: a level of subset simulation, from 0. */
      g_autofree char *label = g_strdup_printf (_ ("Level %u: threshold of g"), j);
      double b = ps_summary_get_number (lv, "threshold");

      g_autofree char *p = pf_text (ps_summary_get_number (lv, "p"));

      ps_summary_add_values (rows, key, label, PS_SUMMARY_NUMBER, "",
                             g_strdup_printf (_ ("%.6g (conditional probability %s)"), b, p), b);
    }
  {
    g_autoptr (GList) names = members_of (sobol);

    for (GList *l = names; l != NULL; l = l->next)
      {
        JsonObject *v = ps_summary_get_object (sobol, l->data);
        const char *what[] = { "first", "total" };

        for (guint k = 0; k < 2; k++)
          {
            g_autofree char *ci_name = g_strdup_printf ("%s_ci95", what[k]);
            JsonArray *ci = ps_summary_get_array (v, ci_name);
            g_autofree char *key = g_strdup_printf ("sobol.%s.%s", (const char *)l->data, what[k]);
            /* TRANSLATORS: %s is a random variable's name. */
            g_autofree char *label
                = k == 0
                      ? g_strdup_printf (_ ("Sobol first-order index of %s"), (const char *)l->data)
                      : g_strdup_printf (_ ("Sobol total index of %s"), (const char *)l->data);
            double x = ps_summary_get_number (v, what[k]);

            ps_summary_add_values (rows, key, label, PS_SUMMARY_ESTIMATE, "",
                                   g_strdup_printf (_ ("%.4f (95 %% interval %.4f – %.4f)"), x,
                                                    interval_end (ci, 0), interval_end (ci, 1)),
                                   x, interval_end (ci, 0), interval_end (ci, 1));
          }
      }
  }
}

static void
screen_rows (JsonObject *s, GPtrArray *rows)
{
  JsonObject *e = ps_summary_get_object (s, "exact");
  gboolean plain_mc
      = is_method (s, "monte-carlo") && !json_object_has_member (s, "sobol") && converged (s);

  ps_summary_add_screen_number (rows, s, "pf", _ ("Probability of failure Pf"), 1, "", "");
  /* xgettext:no-c-format */
  add_screen_interval (rows, s, "pf_ci95", _ ("Pf, 95 % interval"));
  ps_summary_add_screen_number (rows, s, "beta", _ ("Reliability index β"), 1, "", "");
  /* xgettext:no-c-format */
  add_screen_interval (rows, s, "beta_ci95", _ ("β, 95 % interval"));
  ps_summary_add_screen_number (rows, s, "cov", _ ("CoV of Pf"), 1, "", "");
  if (is_method (s, "subset"))
    ps_summary_add_screen_number (rows, s, "cov_upper", _ ("CoV of Pf, upper bound"), 1, "", "");
  ps_summary_add_screen_count (rows, s, "samples", _ ("Samples"));
  ps_summary_add_screen_count (rows, s, "failures", _ ("Failures"));
  ps_summary_add_screen_count (rows, s, "nan_samples", _ ("Samples where g is NaN"));
  if (sampling_method (s) || is_method (s, "subset"))
    ps_summary_add_screen_count (rows, s, "non_finite_samples",
                                 _ ("Samples where g is NaN or infinite"));
  if (json_object_has_member (s, "stopped_by"))
    ps_summary_add (rows, "stopped_by", _ ("Stopped by"), PS_SUMMARY_TEXT, "",
                    g_strdup (json_object_get_string_member_with_default (s, "stopped_by", "")));
  if (e != NULL)
    {
      double pf = ps_summary_get_number (e, "pf"), beta = ps_summary_get_number (e, "beta");
      g_autofree char *p = ps_report_format_decimal (pf, 6);
      char *text
          = json_object_has_member (e, "deviation_in_standard_errors")
                ? g_strdup_printf (_ ("Pf %s, β %.6g (%s); estimate off by %.2f standard errors"),
                                   p, beta, translated_method (e),
                                   ps_summary_get_number (e, "deviation_in_standard_errors"))
                : g_strdup_printf (_ ("Pf %s, β %.6g (%s)"), p, beta, translated_method (e));

      ps_summary_add_values (rows, "exact", _ ("Exact"), PS_SUMMARY_NUMBER, "", text, pf);
    }
  /* Crude Monte Carlo's tab as it always was; the other methods add theirs. */
  if (!plain_mc)
    screen_method_rows (s, rows);
}

/* ---- the report's key results ------------------------------------------------------------ */

static void
report_rows (JsonObject *s, GPtrArray *rows)
{
  JsonArray *ci = ps_summary_get_array (s, "pf_ci95");
  JsonArray *bci = ps_summary_get_array (s, "beta_ci95");
  JsonObject *e = ps_summary_get_object (s, "exact");
  JsonObject *sorm = ps_summary_get_object (s, "sorm");
  double pf = ps_summary_get_number (s, "pf");
  double beta = ps_summary_get_number (s, "beta");
  gboolean form = is_method (s, "form") || is_method (s, "sorm");

  if (!is_method (s, "monte-carlo"))
    ps_summary_add (rows, "method", _ ("Method"), PS_SUMMARY_TEXT, "", g_strdup (method_label (s)));
  if (!converged (s))
    ps_summary_add (rows, "converged", _ ("Not a result"), PS_SUMMARY_TEXT, "",
                    g_strdup_printf (_ ("%s did not converge: %s. The figures below are its "
                                        "last state."),
                                     method_label (s),
                                     translated (ps_summary_get_string (s, "reason"))));
  if (json_object_has_member (s, "samples"))
    {
      double samples = ps_summary_get_number (s, "samples");

      ps_summary_add_values (rows, "samples", _ ("Samples"), PS_SUMMARY_COUNT, "",
                             g_strdup_printf ("%.0f", samples), samples);
    }
  if (json_object_has_member (s, "failures"))
    {
      double failures = ps_summary_get_number (s, "failures");

      ps_summary_add_values (rows, "failures", _ ("Failures"), PS_SUMMARY_COUNT, "",
                             g_strdup_printf ("%.0f", failures), failures);
    }
  if (form)
    ps_summary_add_values (
        rows, "iterations", _ ("FORM iterations"), PS_SUMMARY_COUNT, "",
        g_strdup_printf ("%llu", (unsigned long long)ps_summary_get_count (s, "iterations")),
        ps_summary_get_number (s, "iterations"));
  if (!is_method (s, "monte-carlo"))
    ps_summary_add_values (
        rows, "g_evaluations", _ ("Evaluations of g"), PS_SUMMARY_COUNT, "",
        g_strdup_printf ("%llu", (unsigned long long)ps_summary_get_count (s, "g_evaluations")),
        ps_summary_get_number (s, "g_evaluations"));
  ps_summary_add_values (rows, "pf",
                         form ? _ ("Probability of failure Pf = Φ(−β) (FORM)")
                              : _ ("Probability of failure Pf"),
                         PS_SUMMARY_NUMBER, "", pf_text (pf), pf);
  if (ci != NULL && json_array_get_length (ci) == 2)
    {
      g_autofree char *lo = pf_text (interval_end (ci, 0)), *hi = pf_text (interval_end (ci, 1));

      /* xgettext:no-c-format */
      ps_summary_add_values (rows, "pf_ci95",
                             sampling_method (s) && !is_method (s, "importance-sampling")
                                 ? /* xgettext:no-c-format */ _ ("Pf, 95 % interval (Wilson)")
                                 : /* xgettext:no-c-format */ _ ("Pf, 95 % interval"),
                             PS_SUMMARY_RANGE, "", g_strdup_printf ("%s … %s", lo, hi),
                             interval_end (ci, 0), interval_end (ci, 1));
    }
  if (json_object_has_member (s, "cov"))
    {
      double cov = ps_summary_get_number (s, "cov");

      ps_summary_add_values (rows, "cov", _ ("Coefficient of variation of Pf"), PS_SUMMARY_NUMBER,
                             "", g_strdup_printf ("%.4g", cov), cov);
    }
  if (json_object_has_member (s, "cov_upper"))
    ps_summary_add_values (rows, "cov_upper", _ ("Coefficient of variation of Pf, upper bound"),
                           PS_SUMMARY_NUMBER, "",
                           g_strdup_printf ("%.4g", ps_summary_get_number (s, "cov_upper")),
                           ps_summary_get_number (s, "cov_upper"));
  ps_summary_add_values (rows, "beta", _ ("Reliability index β"), PS_SUMMARY_NUMBER, "",
                         g_strdup_printf ("%.4f", beta), beta);
  if (bci != NULL && json_array_get_length (bci) == 2)
    /* xgettext:no-c-format */
    ps_summary_add_values (
        rows, "beta_ci95", _ ("β, 95 % interval"), PS_SUMMARY_RANGE, "",
        g_strdup_printf ("%.4f … %.4f", interval_end (bci, 0), interval_end (bci, 1)),
        interval_end (bci, 0), interval_end (bci, 1));
  if (sorm != NULL)
    {
      g_autofree char *b = pf_text (ps_summary_get_number (sorm, "breitung"));
      g_autofree char *h = pf_text (ps_summary_get_number (sorm, "hohenbichler"));
      g_autofree char *tv = pf_text (ps_summary_get_number (sorm, "tvedt"));

      ps_summary_add_values (rows, "sorm", _ ("SORM Pf (Breitung; Hohenbichler–Rackwitz; Tvedt)"),
                             PS_SUMMARY_NUMBER, "", g_strdup_printf ("%s; %s; %s", b, h, tv),
                             ps_summary_get_number (sorm, "tvedt"));
    }
  if (json_object_has_member (s, "stopped_by"))
    ps_summary_add (rows, "stopped_by", _ ("Stopped by"), PS_SUMMARY_TEXT, "",
                    g_strdup (ps_summary_get_string (s, "stopped_by")));
  if (ps_summary_get_count (s, "non_finite_samples") > 0)
    ps_summary_add_values (
        rows, "non_finite_samples", _ ("Evaluations where g is NaN or infinite (excluded)"),
        PS_SUMMARY_COUNT, "",
        g_strdup_printf ("%llu",
                         (unsigned long long)ps_summary_get_count (s, "non_finite_samples")),
        ps_summary_get_number (s, "non_finite_samples"));
  if (e != NULL)
    {
      double epf = ps_summary_get_number (e, "pf"), b = ps_summary_get_number (e, "beta");
      g_autofree char *p = pf_text (epf);
      char *text
          = json_object_has_member (e, "deviation_in_standard_errors")
                ? g_strdup_printf (_ ("%s (β = %.4f); estimate off by %.2f standard errors; %s"), p,
                                   b, ps_summary_get_number (e, "deviation_in_standard_errors"),
                                   translated_method (e))
                : g_strdup_printf (_ ("%s (β = %.4f); %s"), p, b, translated_method (e));

      ps_summary_add_values (rows, "exact", _ ("Exact Pf (closed form)"), PS_SUMMARY_NUMBER, "",
                             text, epf);
    }
}

void
ps_reliability_summary_rows (JsonObject *summary, PsSummaryView view, GPtrArray *rows)
{
  switch (view)
    {
    case PS_SUMMARY_TERMINAL:
      terminal_rows (summary, rows);
      break;
    case PS_SUMMARY_SCREEN:
      screen_rows (summary, rows);
      break;
    case PS_SUMMARY_REPORT:
      report_rows (summary, rows);
      break;
    }
}
