/* ps-regression-report.c: the regression study's section of the calculation
 * report: the specimens and the fit. */
#define G_LOG_DOMAIN "parastudy-report"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "report/ps-report-private.h"
#include "studies/regression/ps-regression.h"
#include "study/ps-study-private.h"

void
ps_regression_report_inputs (PsReportWriter *w, const PsStudy *study)
{
  const PsRegressionModel *m = study->model;
  PsReportTable t;

  ps_report_heading (w, 2, _ ("Specimens and fit"));
  ps_report_table_init (&t, 2);
  ps_report_table_row (&t, _ ("Source"),
                       m->source == PS_REG_SOURCE_SYNTHETIC ? _ ("synthetic (seeded generator)")
                       : m->source == PS_REG_SOURCE_FOLDER  ? _ ("a folder of CSV files")
                                                            : _ ("one CSV file"));
  if (m->path != NULL)
    ps_report_table_row (&t, _ ("Path"), m->path);
  ps_report_table_row_take (&t, _ ("Specimens"), ps_report_format_count (study->n_items));
  ps_report_table_row (&t, _ ("Elastic window"),
                       m->window == PS_REG_WINDOW_STRAIN ? _ ("by strain")
                       : m->window == PS_REG_WINDOW_STRESS
                           ? _ ("by stress (fractions of the maximum)")
                           : _ ("automatic (most linear)"));
  if (m->window != PS_REG_WINDOW_AUTO)
    {
      /* Strains, or fractions of the maximum stress: both as engineers write them, in
       * per cent. */
      g_autofree char *from = ps_report_format_in (m->from, "%");
      g_autofree char *to = ps_report_format_in (m->to, "%");

      ps_report_table_row_take (&t, _ ("Window"), g_strdup_printf ("%s … %s", from, to));
    }
  ps_report_table_row_take (&t, _ ("Offset"), ps_report_format_in (m->offset, "%"));
  ps_report_table_row_take (&t, _ ("Characteristic fractile"),
                            ps_report_format_decimal (m->fractile, 6));
  ps_report_table_write (w, &t, NULL, NULL);
  ps_report_para (
      w,
      _ ("Young's modulus E and the intercept σ₀ from a least-squares line over the "
         "elastic window; the offset yield strength is the first crossing of the curve "
         "with σ = E(ε − offset) + σ₀ (EN ISO 6892-1, Rp0.2). Characteristic values: EN "
         "1990:2002 Annex D, D7.2 (V_X unknown), normal or lognormal."),
      FALSE);
}
