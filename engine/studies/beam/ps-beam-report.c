/* ps-beam-report.c: the beam study's sections of the calculation report: the beam
 * and its checks, the materials and sections with their sources, and the formulas. */
#define G_LOG_DOMAIN "parastudy-report"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>

#include "plot/ps-plot-study-private.h"
#include "report/ps-report-private.h"
#include "studies/beam/ps-beam-design.h"
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

static void design_inputs (PsReportWriter *w, const PsBeamDesign *d, guint64 n_items);

void
ps_beam_report_inputs (PsReportWriter *w, const PsStudy *study)
{
  const PsBeamModel *m = study->model;
  PsReportTable t;
  const double widths[] = { 1, 2.6 };
  PsQuantity load_qty = m->load_case == PS_LOAD_UNIFORM ? PS_QTY_FORCE_PER_LENGTH : PS_QTY_FORCE;

  if (m->design != NULL)
    {
      design_inputs (w, m->design, m->n_items);
      return;
    }
  ps_report_heading (w, 2, _ ("No design code check"));
  ps_report_para (w,
                  _ ("This study makes no design code check: a configuration passes when its "
                     "bending stress times the safety factor γ does not exceed one design "
                     "strength f_d per material and its deflection is within the limit. Shear, "
                     "lateral-torsional buckling, the cracking of plain concrete and every other "
                     "check of EN 1993, EN 1995, EN 1992, EN 1999 and AISC 360 are not made. "
                     "Give the loads as beam.loads with cases and add a design object to check "
                     "the configurations to those codes."),
                  FALSE);
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

/* ---------------------------------------------------------------------------------
 * Design studies
 * ------------------------------------------------------------------------------ */

static const char *
restraint_text (const PsBeamActions *a)
{
  switch (a->plan.restraint)
    {
    case PS_BA_RESTRAINT_CONTINUOUS:
      return _ ("continuous (no lateral-torsional buckling)");
    case PS_BA_RESTRAINT_SPACING:
      return _ ("at the supports and at a spacing from each span's left support");
    default:
      return _ ("at the supports and the ends only");
    }
}

static const char *
load_level_text (const PsBeamActions *a)
{
  switch (a->plan.load_level)
    {
    case PS_LOAD_LEVEL_TOP_FLANGE:
      return _ ("top flange (destabilising)");
    case PS_LOAD_LEVEL_BOTTOM_FLANGE:
      return _ ("bottom flange (stabilising, benefit not taken)");
    default:
      return _ ("shear centre");
    }
}

static char *
ratio_text (double r)
{
  return r > 0.0 ? g_strdup_printf ("L/%g", r) : g_strdup (_ ("not checked"));
}

static const char *
load_type_text (const PsBeamLoadSpec *l)
{
  switch (l->type)
    {
    case PS_BA_POINT:
      return _ ("point");
    case PS_BA_MOMENT:
      return _ ("moment");
    default:
      return l->uniform ? _ ("uniform") : _ ("linear");
    }
}

static char *
load_values_text (const PsBeamLoadSpec *l)
{
  GString *t = g_string_new (NULL);

  if (l->type == PS_BA_DISTRIBUTED && !l->uniform)
    {
      g_autofree char *a = param_text (&l->start, PS_QTY_FORCE_PER_LENGTH);
      g_autofree char *b = param_text (&l->end, PS_QTY_FORCE_PER_LENGTH);

      g_string_append_printf (t, _ ("from %s to %s"), a, b);
    }
  else
    {
      g_autofree char *v
          = param_text (&l->value, l->type == PS_BA_POINT    ? PS_QTY_FORCE
                                   : l->type == PS_BA_MOMENT ? PS_QTY_MOMENT
                                                             : PS_QTY_FORCE_PER_LENGTH);

      g_string_append (t, v);
    }
  if (l->type != PS_BA_DISTRIBUTED)
    {
      if (l->at == PS_BEAM_AT_MIDSPAN)
        g_string_append (t, _ (", at midspan"));
      else if (l->at == PS_BEAM_AT_FREE_END)
        g_string_append (t, _ (", at the free end"));
      else
        {
          g_autofree char *x = param_text (&l->position, PS_QTY_LENGTH);

          g_string_append_printf (t, _ (", at x = %s"), x);
        }
    }
  else
    {
      if (l->has_from)
        {
          g_autofree char *x = param_text (&l->from, PS_QTY_LENGTH);

          g_string_append_printf (t, _ (", from x = %s"), x);
        }
      if (l->has_to)
        {
          g_autofree char *x = param_text (&l->to, PS_QTY_LENGTH);

          g_string_append_printf (t, _ (", to x = %s"), x);
        }
    }
  return g_string_free (t, FALSE);
}

static void
design_inputs (PsReportWriter *w, const PsBeamDesign *d, guint64 n_items)
{
  const PsBeamActions *a = d->actions;
  const PsBeamDesignFactors *f = &d->factors;
  gboolean en = a->code == PS_LOAD_CODE_EN;
  gboolean family[4] = { FALSE };
  PsReportTable t;
  const double widths[] = { 1, 2.6 };

  for (guint i = 0; i < d->n_materials; i++)
    family[d->materials[i].family] = TRUE;

  ps_report_heading (w, 2, _ ("Beam and design basis"));
  ps_report_table_init (&t, 2);
  ps_report_table_row (&t, _ ("Support"),
                       (const char *[]){ "simply-supported", "cantilever", "fixed-fixed",
                                         "propped-cantilever", "continuous" }[a->support]);
  for (guint s = 0; s < a->n_spans; s++)
    {
      g_autofree char *label
          = a->n_spans > 1 ? g_strdup_printf (_ ("Span %u"), s + 1) : g_strdup (_ ("Span"));

      ps_report_table_row_take (&t, label, param_text (&a->span[s], PS_QTY_LENGTH));
    }
  if (a->support == PS_BEAM_SUPPORT_CONTINUOUS)
    ps_report_table_row_take (
        &t, _ ("Ends"),
        g_strdup_printf ("%s, %s", a->left == PS_BA_FIXED ? _ ("fixed") : _ ("pinned"),
                         a->right == PS_BA_FIXED ? _ ("fixed") : _ ("pinned")));
  ps_report_table_row (&t, _ ("Self-weight"),
                       a->self_weight ? _ ("included in case G (ρ·A·g)") : _ ("not included"));
  ps_report_table_row_take (
      &t, _ ("Design codes"),
      g_strdup_printf ("%s%s%s%s%s",
                       en ? "EN 1990 (Annex A1, recommended values)" : "ASCE/SEI 7-16",
                       family[PS_BEAM_FAMILY_STEEL]
                           ? (en ? ", EN 1993-1-1"
                                 : (a->method == PS_LOAD_METHOD_ASD ? ", AISC 360-16 (ASD)"
                                                                    : ", AISC 360-16 (LRFD)"))
                           : "",
                       family[PS_BEAM_FAMILY_TIMBER] ? ", EN 1995-1-1" : "",
                       family[PS_BEAM_FAMILY_CONCRETE] ? ", EN 1992-1-1" : "",
                       family[PS_BEAM_FAMILY_ALUMINIUM] ? ", EN 1999-1-1" : ""));
  if (en)
    ps_report_table_row (&t, _ ("Ultimate combinations"),
                         a->equation_6_10ab ? _ ("EN 1990 expressions 6.10a and 6.10b")
                                            : _ ("EN 1990 expression 6.10"));
  ps_report_table_row (&t, _ ("Pattern loading"),
                       a->pattern_loading && a->n_spans > 1
                           ? _ ("variable cases span by span (every arrangement up to five "
                                "spans)")
                           : _ ("no"));
  ps_report_table_row (&t, _ ("Lateral restraint"), restraint_text (a));
  if (a->plan.restraint == PS_BA_RESTRAINT_SPACING)
    ps_report_table_row_take (&t, _ ("Restraint spacing"),
                              ps_report_format_number (a->plan.restraint_spacing, "m"));
  ps_report_table_row (&t, _ ("Load level"), load_level_text (a));
  ps_report_table_row_take (&t, _ ("Deflection limit, total"),
                            ratio_text (a->plan.limit_ratio_total));
  ps_report_table_row_take (&t, _ ("Deflection limit, variable actions"),
                            ratio_text (a->plan.limit_ratio_variable));
  if (family[PS_BEAM_FAMILY_STEEL] && en)
    ps_report_table_row_take (
        &t, _ ("EN 1993-1-1 factors"),
        g_strdup_printf ("γ_M0 = %g, γ_M1 = %g, η = %g", f->gamma_M0, f->gamma_M1, f->eta));
  if (family[PS_BEAM_FAMILY_TIMBER])
    ps_report_table_row_take (
        &t, _ ("EN 1995-1-1"),
        isnan (f->gamma_M_timber)
            ? g_strdup_printf (_ ("service class %d, γ_M of Table 2.3"), (int)f->service_class)
            : g_strdup_printf (_ ("service class %d, γ_M = %g"), (int)f->service_class,
                               f->gamma_M_timber));
  if (family[PS_BEAM_FAMILY_CONCRETE])
    ps_report_table_row_take (&t, _ ("EN 1992-1-1 factors"),
                              g_strdup_printf ("γ_C = %g, γ_S = %g, α_cc = %g, α_ct,pl = %g, "
                                               "φ(∞, t0) = %g",
                                               f->gamma_C, f->gamma_S, f->alpha_cc, f->alpha_ct_pl,
                                               f->creep_coefficient));
  if (family[PS_BEAM_FAMILY_ALUMINIUM])
    ps_report_table_row_take (&t, _ ("EN 1999-1-1 factors"),
                              g_strdup_printf ("γ_M1 = %g", f->gamma_M1_aluminium));
  ps_report_table_row_take (&t, _ ("Configurations"),
                            g_strdup_printf ("%" G_GUINT64_FORMAT, n_items));
  ps_report_table_write (w, &t, NULL, widths);

  ps_report_heading (w, 2, _ ("Load cases"));
  ps_report_table_init (&t, 5);
  for (guint c = 0; c < a->n_cases; c++)
    {
      const PsBeamActionCase *lc = &a->cases[c];

      ps_report_table_add (&t, g_strdup (lc->name));
      ps_report_table_add (&t, g_strdup (ps_beam_case_type_name (lc->type)));
      ps_report_table_add (&t,
                           lc->category ? g_strdup_printf ("%c", lc->category) : g_strdup ("—"));
      ps_report_table_add (&t, isnan (lc->psi[0]) ? g_strdup ("—")
                                                  : g_strdup_printf ("%g, %g, %g", lc->psi[0],
                                                                     lc->psi[1], lc->psi[2]));
      ps_report_table_add (
          &t, g_strdup (lc->type == PS_CASE_PERMANENT ? _ ("permanent") : _ ("variable")));
    }
  {
    const char *h[] = { _ ("Case"), _ ("Type"), _ ("Category"), _ ("ψ0, ψ1, ψ2"), _ ("Acts") };

    ps_report_table_write (w, &t, h, NULL);
  }
  ps_report_para (w,
                  _ ("ψ factors: EN 1990 Annex A1, Table A1.1 (recommended values), unless the "
                     "study gives them."),
                  TRUE);

  ps_report_heading (w, 2, _ ("Loads"));
  ps_report_table_init (&t, 4);
  for (guint i = 0; i < a->n_loads; i++)
    {
      const PsBeamLoadSpec *l = &a->loads[i];

      ps_report_table_add (&t, g_strdup (l->path));
      ps_report_table_add (&t, g_strdup (a->cases[l->lc].name));
      ps_report_table_add (&t, g_strdup (load_type_text (l)));
      ps_report_table_add (&t, load_values_text (l));
    }
  {
    const char *h[] = { _ ("Load"), _ ("Case"), _ ("Type"), _ ("Values") };
    const double lw[] = { 1.2, 0.5, 0.7, 3 };

    ps_report_table_write (w, &t, h, lw);
  }

  ps_report_heading (w, 2, _ ("Combinations"));
  ps_report_table_init (&t, 3);
  for (guint k = 0; k < a->n_combos; k++)
    {
      GString *factors = g_string_new (NULL);

      for (guint c = 0; c < a->n_cases; c++)
        if (a->combos[k].factor[c] != 0.0)
          g_string_append_printf (factors, "%s%s %g", factors->len ? ", " : "", a->cases[c].name,
                                  a->combos[k].factor[c]);
      ps_report_table_add (&t, g_strdup (ps_beam_actions_get_combination_name (a, k)));
      ps_report_table_add (&t, g_strdup (a->combos[k].limit == PS_BA_ULS ? "ULS" : "SLS"));
      ps_report_table_add (&t, g_string_free (factors, FALSE));
    }
  {
    const char *h[] = { _ ("Combination"), _ ("Limit state"), _ ("Factors") };
    const double cw[] = { 2.4, 0.7, 1.6 };

    ps_report_table_write (w, &t, h, cw);
  }
  ps_report_para (
      w,
      en ? _ ("EN 1990 6.4.3.2 (6.10 or 6.10a/b with Table A1.2(B): γ_G,sup = 1.35, "
              "γ_G,inf = 1.00, γ_Q = 1.5, ξ = 0.85) and 6.5.3 (characteristic, frequent "
              "and quasi-permanent). The deflections are those of the characteristic "
              "combinations.")
         : _ ("ASCE/SEI 7-16 2.3.1 (LRFD) and 2.4.1 (ASD), without the seismic and "
              "rain combinations; the deflections are those of the service (ASD) "
              "combinations."),
      TRUE);

  ps_report_heading (w, 2, _ ("Materials"));
  ps_report_table_init (&t, 5);
  for (guint i = 0; i < d->n_materials; i++)
    {
      const PsBeamDesignMaterial *mat = &d->materials[i];
      const char *strength = mat->family == PS_BEAM_FAMILY_STEEL      ? "f_y (t ≤ t1)"
                             : mat->family == PS_BEAM_FAMILY_TIMBER   ? "f_m,k"
                             : mat->family == PS_BEAM_FAMILY_CONCRETE ? "f_ck"
                                                                      : "f_o";
      g_autofree char *fk = ps_report_format_number (mat->base.f_d, "Pa");

      ps_report_table_add (&t, g_strdup (mat->base.name));
      ps_report_table_add (&t,
                           g_strdup ((const char *[]){ _ ("steel"), _ ("timber"), _ ("concrete"),
                                                       _ ("aluminium") }[mat->family]));
      ps_report_table_add (&t, ps_report_format_number (mat->base.E, "Pa"));
      ps_report_table_add (&t, g_strdup_printf ("%s = %s", strength, fk));
      ps_report_table_add (&t, g_strdup_printf ("%.0f kg/m³", mat->base.density));
    }
  {
    const char *h[]
        = { _ ("Material"), _ ("Family"), _ ("E (analysis)"), _ ("Strength"), _ ("Density") };

    ps_report_table_write (w, &t, h, NULL);
  }
  if (family[PS_BEAM_FAMILY_STEEL])
    ps_report_para (w, ps_steel_grades_get_source (), TRUE);
  if (family[PS_BEAM_FAMILY_TIMBER])
    ps_report_para (w, ps_timber_classes_get_source (), TRUE);
  if (family[PS_BEAM_FAMILY_CONCRETE])
    ps_report_para (w, ps_concrete_classes_get_source (), TRUE);
  if (family[PS_BEAM_FAMILY_ALUMINIUM])
    ps_report_para (w, ps_aluminium_alloys_get_source (), TRUE);
  for (guint i = 0; i < d->n_materials; i++)
    {
      const PsBeamDesignMaterial *mat = &d->materials[i];

      if (mat->custom_steel != NULL || mat->custom_timber != NULL || mat->custom_concrete != NULL)
        {
          g_autofree char *para = g_strdup_printf (
              _ ("%s: a custom material; its values are those of the study file, not of the "
                 "tables above."),
              mat->base.name);

          ps_report_para (w, para, TRUE);
        }
    }

  ps_report_heading (w, 2, _ ("Sections"));
  ps_report_table_init (&t, 4);
  for (guint64 i = 0; i < d->n_sections && i < 40; i++)
    {
      const PsBeamSection *s = &d->sections[i].base;

      ps_report_table_add (&t, g_strdup (s->label));
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
  if (d->n_sections > 40)
    {
      g_autofree char *more = g_strdup_printf (_ ("… and %llu more sections."),
                                               (unsigned long long)(d->n_sections - 40));
      ps_report_para (w, more, TRUE);
    }
  ps_report_para (w, ps_sections_get_source (), TRUE);

  ps_report_heading (w, 2, _ ("Method"));
  ps_report_para (
      w,
      _ ("Each configuration is analysed exactly as a prismatic Euler–Bernoulli beam: every load "
         "case on every span once (Clapeyron's three-moment equation for continuous beams), "
         "then every combination by superposition, with the variable cases span by span where "
         "pattern loading applies. The extreme moments, shears and deflections are found "
         "exactly (at supports, load points and the roots of the shear and slope), not by "
         "sampling. Each ultimate combination is checked to the code of the material's family "
         "(steel EN 1993-1-1 or AISC 360-16, timber EN 1995-1-1, concrete EN 1992-1-1, "
         "aluminium EN 1999-1-1), together with the deflections of the serviceability "
         "combinations (cantilevers against twice their length). Each check keeps its largest "
         "utilisation over the combinations; a configuration passes when no check refused it, "
         "at least one check applies and the largest utilisation is at most 1. A "
         "configuration the code as implemented cannot check is refused, never passed."),
      FALSE);
  if (d->has_rc)
    ps_report_para (w,
                    _ ("Reinforced concrete: the shear resistance is V_Rd,c of members without "
                       "shear reinforcement (EN 1992-1-1 6.2.2); links are not counted."),
                    FALSE);
}

static void
sheet_table (PsReportWriter *w, const PsCalcSheet *sheet)
{
  PsReportTable t;
  const char *h[]
      = { _ ("Clause"), _ ("Check"), _ ("Formula"), _ ("Numbers"), _ ("Result"), _ ("u") };
  const double widths[] = { 0.8, 1.6, 1.7, 2.2, 1.0, 0.5 };

  ps_report_table_init (&t, 6);
  for (guint i = 0; i < sheet->lines->len; i++)
    {
      const PsCalcLine *l = g_ptr_array_index (sheet->lines, i);

      ps_report_table_add (&t, g_strdup (l->clause ? l->clause : ""));
      ps_report_table_add (&t, g_strdup (l->description ? l->description : ""));
      ps_report_table_add (&t, g_strdup (l->formula ? l->formula : ""));
      ps_report_table_add (&t, g_strdup (l->substituted ? l->substituted : ""));
      ps_report_table_add (&t, g_strdup (l->result ? l->result : ""));
      ps_report_table_add (&t, isnan (l->utilisation) ? g_strdup ("")
                                                      : g_strdup_printf ("%.3f", l->utilisation));
    }
  ps_report_table_write (w, &t, h, widths);
}

/* One configuration: what it is, its utilisations, its diagrams (@diagrams) and the
 * calculation sheet of its check under the combination that governs its strength. */
static void
configuration_section (PsReportWriter *w, const PsStudy *study, const PsBeamDesign *d, guint64 item,
                       const char *title, const char *why, gboolean diagrams)
{
  PsBeamDesignOut o;
  g_autofree char *msg = NULL;
  g_autofree guint64 *digits = g_new0 (guint64, d->n_dims);
  PsReportTable t;
  GString *params = g_string_new (NULL);
  int combo;

  if (item >= d->n_items)
    return;
  ps_report_heading (w, 2, title);
  ps_report_para (w, why, FALSE);
  ps_beam_design_item_digits (d, item, digits);
  for (guint k = 0; k < d->n_params; k++)
    {
      const PsParam *p = ps_beam_actions_get_param (d->actions, k);
      g_autofree char *v = ps_report_format_number (
          p->values[digits[2 + k]], p->quantity == PS_QTY_LENGTH             ? "m"
                                    : p->quantity == PS_QTY_FORCE            ? "N"
                                    : p->quantity == PS_QTY_FORCE_PER_LENGTH ? "N/m"
                                                                             : "N·m");

      g_string_append_printf (params, "%s%s = %s", k ? ", " : "",
                              ps_beam_actions_get_param_path (d->actions, k), v);
    }
  if (!ps_beam_design_eval_item (d, item, &o, &msg))
    {
      ps_report_para (w, msg, FALSE);
      g_string_free (params, TRUE);
      return;
    }
  ps_report_table_init (&t, 2);
  ps_report_table_row_take (&t, _ ("Configuration"),
                            g_strdup_printf (_ ("item %llu: %s, %s"), (unsigned long long)item,
                                             d->materials[digits[0]].base.name,
                                             d->sections[digits[1]].base.label));
  ps_report_table_row_take (&t, _ ("Parameters"), g_string_free (params, FALSE));
  {
    g_autofree char *ms = ps_report_format_number (o.M_sag, "N·m");
    g_autofree char *mh = ps_report_format_number (o.M_hog, "N·m");
    g_autofree char *wt = ps_report_format_number (o.w, "m");
    g_autofree char *wv = ps_report_format_number (o.w_variable, "m");

    ps_report_table_row_take (&t, _ ("M_Ed (sagging, hogging)"),
                              g_strdup_printf ("%s, %s", ms, mh));
    ps_report_table_row_take (&t, _ ("V_Ed"), ps_report_format_number (o.V, "N"));
    ps_report_table_row_take (&t, _ ("Deflection (total, variable)"),
                              g_strdup_printf ("%s, %s", wt, wv));
  }
  for (int c = 0; c < PS_CHECK_N; c++)
    if (!isnan (o.u[c]))
      ps_report_table_row_take (&t, ps_beam_check_label (c),
                                g_strdup_printf ("u = %.3f (%s)", o.u[c],
                                                 o.u_combo[c] >= 0
                                                     ? ps_beam_actions_get_combination_name (
                                                         d->actions, (guint)o.u_combo[c])
                                                     : "—"));
  ps_report_table_row_take (
      &t, _ ("Result"),
      o.refused ? g_strdup_printf (_ ("refused: %s"), ps_beam_refusal_text (o.refusal))
      : o.pass  ? g_strdup_printf (_ ("passes, largest utilisation %.3f (%s)"), o.u_max,
                                   ps_beam_check_label (o.governing_check))
                : g_strdup_printf (_ ("fails, largest utilisation %.3f (%s)"), o.u_max,
                                   ps_beam_check_label (o.governing_check)));
  {
    const double widths[] = { 1.2, 2.6 };

    ps_report_table_write (w, &t, NULL, widths);
  }
  if (diagrams)
    {
      g_autoptr (GPtrArray) charts = g_ptr_array_new_with_free_func ((GDestroyNotify)ps_chart_free);
      int k = o.governing_combination >= 0
                      && d->actions->combos[o.governing_combination].limit == PS_BA_ULS
                  ? o.governing_combination
                  : -1;

      if (ps_beam_design_diagram (
              d, item, k >= 0 ? ps_beam_actions_get_combination_name (d->actions, (guint)k) : NULL,
              NULL, NULL, charts, NULL))
        for (guint i = 0; i < charts->len; i++)
          ps_report_chart (w, charts->pdata[i]);
    }
  combo = o.governing_combination >= 0
                  && d->actions->combos[o.governing_combination].limit == PS_BA_ULS
              ? o.governing_combination
              : o.strength_combination;
  if (combo >= 0)
    {
      g_autoptr (PsCalcSheet) sheet = ps_beam_design_sheet (d, item, combo, NULL);

      if (sheet != NULL)
        {
          g_autofree char *head
              = g_strdup_printf (_ ("%s — combination %s"), sheet->title ? sheet->title : "",
                                 ps_beam_actions_get_combination_name (d->actions, (guint)combo));

          ps_report_para (w, head, FALSE);
          sheet_table (w, sheet);
        }
    }
}

/* A grouped parameter of the load–span table (its JSON path, "beam.spans[1]",
 * "beam.loads[2].value") as a heading an engineer reads, and the quantity its values
 * are in. */
static char *
group_heading (const PsBeamActions *a, const char *path, PsQuantity *quantity)
{
  unsigned idx = 0;
  char field[16] = "";

  *quantity = PS_QTY_LENGTH;
  if (sscanf (path, "beam.loads[%u].%15s", &idx, field) == 2 && idx < a->n_loads)
    {
      const PsBeamLoadSpec *l = &a->loads[idx];
      const char *what = field;

      if (g_str_equal (field, "value"))
        {
          *quantity = l->type == PS_BA_POINT    ? PS_QTY_FORCE
                      : l->type == PS_BA_MOMENT ? PS_QTY_MOMENT
                                                : PS_QTY_FORCE_PER_LENGTH;
          what = _ ("value");
        }
      else if (g_str_equal (field, "start") || g_str_equal (field, "end"))
        *quantity = PS_QTY_FORCE_PER_LENGTH;
      /* TRANSLATORS: a load–span table heading: "Load 2 (Q, uniform): value". */
      return g_strdup_printf (_ ("Load %u (%s, %s): %s"), idx + 1, a->cases[l->lc].name,
                              load_type_text (l), what);
    }
  if (sscanf (path, "beam.spans[%u]", &idx) == 1)
    return g_strdup_printf (_ ("Span %u"), idx + 1);
  if (g_str_equal (path, "beam.span"))
    return g_strdup (_ ("Span"));
  *quantity = PS_QTY_DIMENSIONLESS;
  return g_strdup (path);
}

void
ps_beam_report_results (PsReportWriter *w, const PsStudy *study, PsRunData *data)
{
  const PsBeamModel *m = study->model;
  const PsBeamDesign *d = m->design;
  JsonObject *s = ps_run_data_get_summary (data);
  JsonObject *f = ps_summary_get_object (s, "failing_by_check");
  JsonObject *gov = ps_summary_get_object (s, "governing_configuration");
  JsonObject *light = ps_summary_get_object (s, "lightest_passing");
  JsonArray *refusals = ps_summary_get_array (s, "refusals");
  JsonArray *groups = ps_summary_get_array (s, "lightest_by_group");
  guint64 computed = ps_summary_get_count (s, "computed");
  PsReportTable t;

  if (d == NULL)
    return;
  ps_report_heading (w, 2, _ ("Failing by check"));
  ps_report_table_init (&t, 3);
  for (int c = 0; c < PS_CHECK_N; c++)
    {
      guint64 n = ps_summary_get_count (f, ps_beam_check_name (c));

      ps_report_table_add (&t, g_strdup (ps_beam_check_label (c)));
      ps_report_table_add (&t, g_strdup_printf ("%" G_GUINT64_FORMAT, n));
      ps_report_table_add (
          &t, g_strdup_printf ("%.1f %%", computed ? 100.0 * (double)n / (double)computed : 0.0));
    }
  ps_report_table_add (&t, g_strdup (_ ("refused (not checkable)")));
  ps_report_table_add (&t,
                       g_strdup_printf ("%" G_GUINT64_FORMAT, ps_summary_get_count (s, "refused")));
  ps_report_table_add (
      &t, g_strdup_printf ("%.1f %%", computed ? 100.0 * (double)ps_summary_get_count (s, "refused")
                                                     / (double)computed
                                               : 0.0));
  {
    const char *h[] = { _ ("Check"), _ ("Configurations failing it"), _ ("Share") };

    ps_report_table_write (w, &t, h, NULL);
  }
  ps_report_para (w, _ ("A configuration that fails several checks counts under each of them."),
                  TRUE);
  for (guint i = 0; refusals != NULL && i < json_array_get_length (refusals); i++)
    {
      JsonObject *r = json_array_get_object_element (refusals, i);
      g_autofree char *line = g_strdup_printf (
          _ ("Refused configuration %llu: %s"),
          (unsigned long long)ps_summary_get_count (r, "item"),
          ps_beam_refusal_text ((gint32)json_object_get_int_member_with_default (r, "code", 0)));

      ps_report_para (w, line, TRUE);
    }

  if (gov != NULL)
    configuration_section (w, study, d, ps_summary_get_count (gov, "item"),
                           _ ("Governing configuration"),
                           _ ("The configuration with the largest utilisation of the sweep "
                              "(the first of equals); its diagrams are those of the combination "
                              "that governs it, and the calculation sheet that of its check "
                              "under the ultimate combination that governs its strength."),
                           TRUE);
  if (light != NULL)
    configuration_section (w, study, d, ps_summary_get_count (light, "item"),
                           _ ("Lightest passing configuration"),
                           _ ("The passing configuration of least mass per metre (the first of "
                              "equals), with the calculation sheet of its check."),
                           TRUE);
  else
    ps_report_para (w, _ ("No configuration passes every check."), FALSE);

  if (groups != NULL && json_array_get_length (groups) > 0)
    {
      JsonArray *by = ps_summary_get_array (s, "group_by");
      PsQuantity qty[8];
      guint nb = by != NULL ? MIN (json_array_get_length (by), G_N_ELEMENTS (qty)) : 0;
      g_autoptr (GPtrArray) head = g_ptr_array_new_with_free_func (g_free);

      ps_report_heading (w, 2, _ ("Load–span table"));
      ps_report_para (w,
                      _ ("For each combination of the grouped parameters, the lightest passing "
                         "section and material, and its utilisation."),
                      FALSE);
      ps_report_table_init (&t, nb + 3);
      for (guint i = 0; i < nb; i++)
        g_ptr_array_add (
            head, group_heading (d->actions, json_array_get_string_element (by, i), &qty[i]));
      g_ptr_array_add (head, g_strdup (_ ("Lightest passing")));
      g_ptr_array_add (head, g_strdup (_ ("Mass")));
      g_ptr_array_add (head, g_strdup (_ ("Utilisation")));
      for (guint g = 0; g < json_array_get_length (groups); g++)
        {
          JsonObject *row = json_array_get_object_element (groups, g);
          JsonObject *l = ps_summary_get_object (row, "lightest");

          for (guint i = 0; i < nb; i++)
            ps_report_table_add (
                &t, qty[i] == PS_QTY_DIMENSIONLESS
                        ? ps_report_format_decimal (
                            ps_summary_get_number (row, json_array_get_string_element (by, i)), 6)
                        : ps_report_format_quantity (
                            ps_summary_get_number (row, json_array_get_string_element (by, i)),
                            qty[i]));
          if (l != NULL)
            {
              ps_report_table_add (&t,
                                   g_strdup_printf ("%s, %s", ps_summary_get_string (l, "material"),
                                                    ps_summary_get_string (l, "section")));
              ps_report_table_add (
                  &t, g_strdup_printf ("%.4g kg/m", ps_summary_get_number (l, "mass_per_metre")));
              ps_report_table_add (
                  &t, g_strdup_printf ("%.3f", ps_summary_get_number (l, "utilisation")));
            }
          else
            {
              ps_report_table_add (&t, g_strdup (_ ("none passes")));
              ps_report_table_add (&t, g_strdup ("—"));
              ps_report_table_add (&t, g_strdup ("—"));
            }
        }
      ps_report_table_write (w, &t, (const char *const *)head->pdata, NULL);
    }
}
