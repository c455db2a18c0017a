/* ps-beam-report.c: the beam study's sections of the calculation report: the beam
 * and its checks, the materials and sections with their sources, and the formulas. */
#define G_LOG_DOMAIN "parastudy-report"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "report/ps-report-private.h"
#include "studies/beam/ps-beam.h"
#include "studies/beam/ps-tables.h"
#include "study/ps-study-private.h"

static char *
param_text (const PsParam *p, const char *unit)
{
  g_autofree char *a = ps_report_format_number (p->values[0], unit);
  g_autofree char *b = NULL;

  if (p->count <= 1)
    return g_steal_pointer (&a);
  b = ps_report_format_number (p->values[p->count - 1], unit);
  return g_strdup_printf (_ ("%s to %s, %llu values%s"), a, b, (unsigned long long)p->count,
                          p->log_scale ? _ (" (log)") : "");
}

void
ps_beam_report_inputs (PsReportWriter *w, const PsStudy *study)
{
  const PsBeamModel *m = study->model;
  PsReportTable t;
  const double widths[] = { 1, 2.6 };
  const char *load_unit = m->load_case == PS_LOAD_UNIFORM ? "N/m" : "N";

  ps_report_heading (w, 2, _ ("Beam and checks"));
  ps_report_table_init (&t, 2);
  ps_report_table_row (&t, _ ("Support"), ps_beam_support_name (m->support));
  ps_report_table_row (&t, _ ("Load case"), ps_beam_load_case_name (m->load_case));
  ps_report_table_row_take (&t, _ ("Load"), param_text (&m->load, load_unit));
  if (m->load_case == PS_LOAD_POINT_AT)
    ps_report_table_row_take (&t, _ ("Load position"), param_text (&m->position, "m"));
  ps_report_table_row_take (&t, _ ("Span"), param_text (&m->span, "m"));
  ps_report_table_row (&t, _ ("Self-weight"),
                       m->self_weight ? _ ("included (ρ·A·g)") : _ ("not included"));
  ps_report_table_row (&t, _ ("Deflection limit"), m->limit_text != NULL ? m->limit_text : "—");
  ps_report_table_row_take (&t, _ ("Safety factor γ"), g_strdup_printf ("%g", m->safety_factor));
  ps_report_table_row_take (&t, _ ("Configurations"),
                            g_strdup_printf ("%" G_GUINT64_FORMAT, m->n_items));
  ps_report_table_write (w, &t, NULL, widths);

  ps_report_heading (w, 2, _ ("Materials"));
  ps_report_table_init (&t, 4);
  for (guint i = 0; i < m->n_materials; i++)
    {
      ps_report_table_add (&t, g_strdup (m->materials[i].name));
      ps_report_table_add (&t, ps_report_format_number (m->materials[i].E, "Pa"));
      ps_report_table_add (&t, ps_report_format_number (m->materials[i].f_d, "Pa"));
      ps_report_table_add (&t, g_strdup_printf ("%.0f kg/m³", m->materials[i].density));
    }
  {
    const char *h[] = { _ ("Material"), _ ("E"), _ ("Design strength f_d"), _ ("Density") };

    ps_report_table_write (w, &t, h, NULL);
  }
  ps_report_para (w, ps_materials_get_source (), TRUE);

  ps_report_heading (w, 2, _ ("Sections"));
  ps_report_table_init (&t, 4);
  for (guint64 i = 0; i < m->n_sections && i < 40; i++)
    {
      const PsBeamSection *s = &m->sections[i];

      ps_report_table_add (&t, g_strdup (s->label));
      ps_report_table_add (&t, g_strdup_printf ("%.4g", s->A));
      ps_report_table_add (&t, g_strdup_printf ("%.4g", s->I));
      ps_report_table_add (&t, g_strdup_printf ("%.4g", s->W));
    }
  {
    const char *h[] = { _ ("Section"), _ ("Area A [m²]"), _ ("I [m⁴]"), _ ("W [m³]") };

    ps_report_table_write (w, &t, h, NULL);
  }
  if (m->n_sections > 40)
    {
      g_autofree char *more = g_strdup_printf (_ ("… and %llu more sections."),
                                               (unsigned long long)(m->n_sections - 40));
      ps_report_para (w, more, TRUE);
    }
  ps_report_para (w, ps_sections_get_source (), TRUE);

  ps_report_heading (w, 2, _ ("Formulas"));
  {
    g_autofree char *txt = g_strdup_printf (
        _ ("Maximum deflection δ = c·P·L³/(E·I) for a point load or c·w·L⁴/(E·I) for a uniform "
           "load, with c = %.6g for this support and load case; maximum moment M and shear V "
           "from the same tables. Source: AISC Steel Construction Manual, Table 3-23 (Roark's "
           "Formulas for Stress and Strain, Table 8.1). Bending stress σ = M/W; utilisation "
           "u = γ·σ/f_d with design strength f_d = k_mod·f_k/γ_M (EN 1993-1-1, EN 1992-1-1, "
           "EN 1995-1-1, EN 1999-1-1). A configuration passes when δ ≤ the deflection limit and "
           "u ≤ 1."),
        ps_beam_deflection_coefficient (m->support, m->load_case));

    ps_report_para (w, txt, FALSE);
  }
}

void
ps_beam_report_results (PsReportWriter *w, const PsStudy *study, PsRunData *data)
{
}
