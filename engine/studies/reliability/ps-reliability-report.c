/* ps-reliability-report.c: the reliability study's sections of the calculation
 * report: the random variables, the constants, the limit state and the method. */
#define G_LOG_DOMAIN "parastudy-report"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "report/ps-report-private.h"
#include "studies/reliability/ps-reliability.h"
#include "study/ps-study-private.h"

void
ps_reliability_report_inputs (PsReportWriter *w, const PsStudy *study)
{
  const PsReliabilityModel *m = study->model;
  PsReportTable t;

  ps_report_heading (w, 2, _ ("Random variables"));
  ps_report_table_init (&t, 4);
  for (guint v = 0; v < m->n_vars; v++)
    {
      ps_report_table_add (&t, g_strdup (m->var_names[v]));
      ps_report_table_add (&t, g_strdup (ps_dist_kind_name (m->dists[v].kind)));
      ps_report_table_add (&t, g_strdup_printf ("%.6g", ps_dist_mean (&m->dists[v])));
      ps_report_table_add (&t, g_strdup_printf ("%.6g", ps_dist_sd (&m->dists[v])));
    }
  {
    const char *h[]
        = { _ ("Variable"), _ ("Distribution"), _ ("Mean (SI)"), _ ("Standard deviation (SI)") };

    ps_report_table_write (w, &t, h, NULL);
  }
  if (m->n_consts > 0)
    {
      ps_report_heading (w, 2, _ ("Constants"));
      ps_report_table_init (&t, 2);
      for (guint c = 0; c < m->n_consts; c++)
        ps_report_table_row_take (&t, m->const_names[c],
                                  g_strdup_printf ("%.10g", m->const_values[c]));
      ps_report_table_write (w, &t, NULL, NULL);
    }
  ps_report_heading (w, 2, _ ("Limit state and method"));
  ps_report_table_init (&t, 2);
  ps_report_table_row (&t, _ ("Limit state g"), m->limit_state);
  ps_report_table_row (&t, _ ("Failure"), "g ≤ 0");
  ps_report_table_row_take (&t, _ ("Maximum samples"),
                            g_strdup_printf ("%" G_GUINT64_FORMAT, m->max_samples));
  ps_report_table_row_take (&t, _ ("Target CoV of Pf"),
                            m->target_cov > 0 ? g_strdup_printf ("%g", m->target_cov)
                                              : g_strdup ("—"));
  ps_report_table_row_take (&t, _ ("Seed"), g_strdup_printf ("%" G_GUINT64_FORMAT, m->seed));
  ps_report_table_write (w, &t, NULL, NULL);
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
}

void
ps_reliability_report_results (PsReportWriter *w, const PsStudy *study, JsonObject *summary)
{
}
