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
param_text (const PsParam *p, PsQuantity quantity)
{
  g_autofree char *a = ps_report_format_quantity (p->values[0], quantity);
  g_autofree char *b = NULL;

  if (p->count <= 1)
    return g_steal_pointer (&a);
  b = ps_report_format_quantity (p->values[p->count - 1], quantity);
  return g_strdup_printf (_ ("%s to %s, %llu values%s"), a, b, (unsigned long long)p->count,
                          p->log_scale ? _ (" (log)") : "");
}

/* The clause a built-in material's values come from, as data/materials.csv's source
 * note names it; a material defined in the study file is the file's own. */
static const char *
material_source (const char *name)
{
  const PsMaterialInfo *info = ps_materials_lookup (name);

  if (info == NULL)
    return _ ("the study file");
  if (g_str_equal (info->family, "steel"))
    return "EN 1993-1-1:2005 Table 3.1, 3.2.6";
  if (g_str_equal (info->family, "concrete"))
    return "EN 1992-1-1:2004 Table 3.1";
  if (g_str_equal (info->family, "timber"))
    return g_str_has_prefix (name, "GL") ? "EN 14080:2013 Table 5" : "EN 338:2016 Table 1";
  if (g_str_equal (info->family, "aluminium"))
    return "EN 1999-1-1:2007 Table 3.2b";
  return _ ("Parastudy built-in materials");
}

/* A section as engineers name it: its designation, or its shape with its dimensions
 * in mm. */
static char *
section_text (const PsBeamSection *s)
{
  g_autofree char *b = ps_report_format_value (s->b, "mm");
  g_autofree char *h = ps_report_format_value (s->h, "mm");
  g_autofree char *d = ps_report_format_value (s->d, "mm");
  g_autofree char *D = ps_report_format_value (s->D, "mm");
  g_autofree char *t = ps_report_format_value (s->t, "mm");

  if (g_str_equal (s->shape, "rectangular"))
    return g_strdup_printf (_ ("rectangular b × h = %s × %s mm"), b, h);
  if (g_str_equal (s->shape, "circular"))
    return g_strdup_printf (_ ("circular ⌀ %s mm"), isfinite (s->d) ? d : D);
  if (g_str_equal (s->shape, "hollow-circular"))
    return g_strdup_printf (_ ("hollow circular ⌀ %s × %s mm"), isfinite (s->D) ? D : d, t);
  return g_strdup (s->label);
}

void
ps_beam_report_inputs (PsReportWriter *w, const PsStudy *study)
{
  const PsBeamModel *m = study->model;
  PsReportTable t;
  const double widths[] = { 1, 2.6 };
  PsQuantity load_qty = m->load_case == PS_LOAD_UNIFORM ? PS_QTY_FORCE_PER_LENGTH : PS_QTY_FORCE;

  ps_report_heading (w, 2, _ ("Beam and checks"));
  ps_report_table_init (&t, 2);
  ps_report_table_row (&t, _ ("Support"), ps_beam_support_name (m->support));
  ps_report_table_row (&t, _ ("Load case"), ps_beam_load_case_name (m->load_case));
  ps_report_table_row_take (&t, _ ("Load"), param_text (&m->load, load_qty));
  if (m->load_case == PS_LOAD_POINT_AT)
    ps_report_table_row_take (&t, _ ("Load position"), param_text (&m->position, PS_QTY_LENGTH));
  ps_report_table_row_take (&t, _ ("Span"), param_text (&m->span, PS_QTY_LENGTH));
  ps_report_table_row (&t, _ ("Self-weight"),
                       m->self_weight ? _ ("included (ρ·A·g)") : _ ("not included"));
  ps_report_table_row (&t, _ ("Deflection limit"), m->limit_text != NULL ? m->limit_text : "—");
  ps_report_table_row_take (&t, _ ("Safety factor γ"),
                            ps_report_format_decimal (m->safety_factor, 6));
  ps_report_table_row_take (&t, _ ("Configurations"), ps_report_format_count (m->n_items));
  ps_report_table_write (w, &t, NULL, widths);

  ps_report_heading (w, 2, _ ("Materials"));
  ps_report_table_init (&t, 5);
  for (guint i = 0; i < m->n_materials; i++)
    {
      ps_report_table_add (&t, g_strdup (m->materials[i].name));
      ps_report_table_add (&t, g_strdup (material_source (m->materials[i].name)));
      ps_report_table_add (&t, ps_report_format_value (m->materials[i].E, "GPa"));
      ps_report_table_add (&t, ps_report_format_value (m->materials[i].f_d, "MPa"));
      ps_report_table_add (&t, ps_report_format_value (m->materials[i].density, "kg/m^3"));
    }
  {
    const char *h[]
        = { _ ("Material"), _ ("Source"), _ ("E"), _ ("Design strength f_d"), _ ("Density") };
    const char *u[] = { NULL, NULL, "GPa", "MPa", "kg/m^3" };
    const double mw[] = { 1, 2, 1, 1.2, 1 };

    ps_report_table_write_units (w, &t, h, u, mw);
  }
  ps_report_para (w, ps_materials_get_source (), TRUE);

  ps_report_heading (w, 2, _ ("Sections"));
  ps_report_table_init (&t, 4);
  for (guint64 i = 0; i < m->n_sections && i < 40; i++)
    {
      const PsBeamSection *s = &m->sections[i];

      ps_report_table_add (&t, section_text (s));
      ps_report_table_add (&t, ps_report_format_value (s->A, "mm^2"));
      ps_report_table_add (&t, ps_report_format_value (s->I, "cm^4"));
      ps_report_table_add (&t, ps_report_format_value (s->W, "cm^3"));
    }
  {
    const char *h[] = { _ ("Section"), _ ("Area A"), _ ("I"), _ ("W") };
    const char *u[] = { NULL, "mm^2", "cm^4", "cm^3" };
    const double sw[] = { 2, 1, 1, 1 };

    ps_report_table_write_units (w, &t, h, u, sw);
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
