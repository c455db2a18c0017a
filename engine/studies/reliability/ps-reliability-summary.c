/* ps-reliability-summary.c: the reliability study's summary rows, read from its
 * summary.json. */
#define G_LOG_DOMAIN "parastudy"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gsl/gsl_cdf.h>
#include <math.h>

#include "report/ps-report-private.h"
#include "studies/reliability/ps-reliability.h"

/* The exact method's description: summary.json holds the English text, which the
 * catalogue translates (ps-reliability.c marks it). */
static const char *
translated_method (JsonObject *exact)
{
  const char *method = json_object_get_string_member_with_default (exact, "method", "");

  return *method != '\0' ? _ (method) : method;
}

static void
terminal_rows (JsonObject *s, GPtrArray *rows)
{
  guint64 samples = ps_summary_get_count (s, "samples");
  guint64 failures = ps_summary_get_count (s, "failures");
  guint64 nan_samples = ps_summary_get_count (s, "nan_samples");
  JsonObject *exact = ps_summary_get_object (s, "exact");
  PsReliabilityEstimate e;

  /* From the counts, as the run computed them: summary.json writes null for an
   * infinite beta. */
  ps_reliability_estimate (failures, samples - nan_samples, &e);
  ps_summary_add (rows, "limit_state", C_ ("summary", "limit state"), PS_SUMMARY_TEXT, "",
                  g_strdup_printf ("g = %s", ps_summary_get_string (s, "limit_state")));
  /* The reason is the name of the setting that stopped the run (samples, target_cov
   * or time), as in the study file and summary.json. */
  ps_summary_add_values (rows, "samples", C_ ("summary", "samples"), PS_SUMMARY_COUNT, "",
                         g_strdup_printf (_ ("%llu (stopped by %s)"), (unsigned long long)samples,
                                          ps_summary_get_string (s, "stopped_by")),
                         (double)samples);
  ps_summary_add_values (rows, "failures", C_ ("summary", "failures"), PS_SUMMARY_COUNT, "",
                         g_strdup_printf ("%" G_GUINT64_FORMAT, failures), (double)failures);
  ps_summary_add_values (rows, "pf", C_ ("summary", "Pf"), PS_SUMMARY_ESTIMATE, "",
                         g_strdup_printf (_ ("%.5g  (95 %% Wilson interval %.5g – %.5g, CoV %.3g)"),
                                          e.pf, e.pf_low, e.pf_high, e.cov),
                         e.pf, e.pf_low, e.pf_high);
  ps_summary_add_values (rows, "beta", C_ ("summary", "beta"), PS_SUMMARY_ESTIMATE, "",
                         g_strdup_printf ("%.4f  (%.4f – %.4f)", e.beta, e.beta_low, e.beta_high),
                         e.beta, e.beta_low, e.beta_high);
  if (nan_samples > 0)
    ps_summary_add_values (rows, "nan_samples", C_ ("summary", "NaN samples"), PS_SUMMARY_COUNT, "",
                           g_strdup_printf (_ ("%llu (g undefined; excluded from Pf)"),
                                            (unsigned long long)nan_samples),
                           (double)nan_samples);
  if (exact != NULL)
    {
      double pf = ps_summary_get_number (exact, "pf");

      /* Beta from Pf as the run computed it (summary.json has null for an infinite one). */
      ps_summary_add_values (rows, "exact", C_ ("summary", "exact Pf"), PS_SUMMARY_NUMBER, "",
                             g_strdup_printf (_ ("%.5g, beta %.4f (%s)"), pf,
                                              gsl_cdf_ugaussian_Qinv (pf),
                                              translated_method (exact)),
                             pf);
    }
}

/* An interval of summary.json ([low, high]) as the Summary tab shows it. */
static void
add_screen_interval (GPtrArray *rows, JsonObject *s, const char *member, const char *label)
{
  JsonArray *a = ps_summary_get_array (s, member);

  if (a == NULL || json_array_get_length (a) != 2)
    return;
  ps_summary_add_values (rows, member, label, PS_SUMMARY_RANGE, "",
                         g_strdup_printf ("%.6g – %.6g", json_array_get_double_element (a, 0),
                                          json_array_get_double_element (a, 1)),
                         json_array_get_double_element (a, 0),
                         json_array_get_double_element (a, 1));
}

static void
screen_rows (JsonObject *s, GPtrArray *rows)
{
  JsonObject *e = ps_summary_get_object (s, "exact");

  ps_summary_add_screen_number (rows, s, "pf", _ ("Probability of failure Pf"), 1, "", "");
  /* xgettext:no-c-format */
  add_screen_interval (rows, s, "pf_ci95", _ ("Pf, 95 % interval"));
  ps_summary_add_screen_number (rows, s, "beta", _ ("Reliability index β"), 1, "", "");
  /* xgettext:no-c-format */
  add_screen_interval (rows, s, "beta_ci95", _ ("β, 95 % interval"));
  ps_summary_add_screen_number (rows, s, "cov", _ ("CoV of Pf"), 1, "", "");
  ps_summary_add_screen_count (rows, s, "samples", _ ("Samples"));
  ps_summary_add_screen_count (rows, s, "failures", _ ("Failures"));
  ps_summary_add_screen_count (rows, s, "nan_samples", _ ("Samples where g is NaN"));
  if (json_object_has_member (s, "stopped_by"))
    ps_summary_add (rows, "stopped_by", _ ("Stopped by"), PS_SUMMARY_TEXT, "",
                    g_strdup (json_object_get_string_member_with_default (s, "stopped_by", "")));
  if (e != NULL)
    ps_summary_add_values (
        rows, "exact", _ ("Exact"), PS_SUMMARY_NUMBER, "",
        g_strdup_printf (_ ("Pf %.6g, β %.6g (%s); estimate off by %.2f standard errors"),
                         ps_summary_get_number (e, "pf"), ps_summary_get_number (e, "beta"),
                         translated_method (e),
                         ps_summary_get_number (e, "deviation_in_standard_errors")),
        ps_summary_get_number (e, "pf"));
}

static void
report_rows (JsonObject *s, GPtrArray *rows)
{
  JsonArray *ci = ps_summary_get_array (s, "pf_ci95");
  JsonArray *bci = ps_summary_get_array (s, "beta_ci95");
  JsonObject *e = ps_summary_get_object (s, "exact");
  double samples = ps_summary_get_number (s, "samples");
  double failures = ps_summary_get_number (s, "failures");
  double pf = ps_summary_get_number (s, "pf");
  double cov = ps_summary_get_number (s, "cov");
  double beta = ps_summary_get_number (s, "beta");

  ps_summary_add_values (rows, "samples", _ ("Samples"), PS_SUMMARY_COUNT, "",
                         g_strdup_printf ("%.0f", samples), samples);
  ps_summary_add_values (rows, "failures", _ ("Failures"), PS_SUMMARY_COUNT, "",
                         g_strdup_printf ("%.0f", failures), failures);
  ps_summary_add_values (rows, "pf", _ ("Probability of failure Pf"), PS_SUMMARY_NUMBER, "",
                         g_strdup_printf ("%.5g", pf), pf);
  if (ci != NULL && json_array_get_length (ci) == 2)
    /* xgettext:no-c-format */
    ps_summary_add_values (rows, "pf_ci95", _ ("Pf, 95 % interval (Wilson)"), PS_SUMMARY_RANGE, "",
                           g_strdup_printf ("%.5g … %.5g", json_array_get_double_element (ci, 0),
                                            json_array_get_double_element (ci, 1)),
                           json_array_get_double_element (ci, 0),
                           json_array_get_double_element (ci, 1));
  ps_summary_add_values (rows, "cov", _ ("Coefficient of variation of Pf"), PS_SUMMARY_NUMBER, "",
                         g_strdup_printf ("%.4g", cov), cov);
  ps_summary_add_values (rows, "beta", _ ("Reliability index β"), PS_SUMMARY_NUMBER, "",
                         g_strdup_printf ("%.4f", beta), beta);
  if (bci != NULL && json_array_get_length (bci) == 2)
    /* xgettext:no-c-format */
    ps_summary_add_values (rows, "beta_ci95", _ ("β, 95 % interval"), PS_SUMMARY_RANGE, "",
                           g_strdup_printf ("%.4f … %.4f", json_array_get_double_element (bci, 0),
                                            json_array_get_double_element (bci, 1)),
                           json_array_get_double_element (bci, 0),
                           json_array_get_double_element (bci, 1));
  ps_summary_add (rows, "stopped_by", _ ("Stopped by"), PS_SUMMARY_TEXT, "",
                  g_strdup (ps_summary_get_string (s, "stopped_by")));
  if (e != NULL)
    ps_summary_add_values (
        rows, "exact", _ ("Exact Pf (closed form)"), PS_SUMMARY_NUMBER, "",
        g_strdup_printf (_ ("%.5g (β = %.4f); estimate off by %.2f standard errors; %s"),
                         ps_summary_get_number (e, "pf"), ps_summary_get_number (e, "beta"),
                         ps_summary_get_number (e, "deviation_in_standard_errors"),
                         translated_method (e)),
        ps_summary_get_number (e, "pf"));
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
